//! What the journal shows over time: progress series, the home screen's glance, and charts.

pub mod chart;
pub mod dashboard;
pub mod progress;
pub mod report;
pub mod search;
pub mod spread;
