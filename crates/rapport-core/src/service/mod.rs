//! One call per user action, for both front ends: the app and the command line parse or
//! click, make one call here, and show what it returns.

pub mod demo;
pub mod export;
pub mod model;
pub mod protection;
pub mod register;
pub mod reminders;
pub mod report;
pub mod saved;
pub mod share;
pub mod trash;
