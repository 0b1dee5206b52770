//! Rapport: a private desktop workbook for Interpersonal Therapy (IPT) techniques.
//!
//! The core — [`workbook`], [`entry`], [`journal`], [`progress`], [`chart`] and [`store`] — knows
//! nothing about the GUI; [`ui`] turns clicks into calls on it, and [`cli`] does the same for the
//! command line.

pub mod archive;
pub mod chart;
pub mod cli;
pub mod crisis;
pub mod dashboard;
pub mod data_dir;
pub mod demo;
pub mod document;
pub mod draft;
pub mod entry;
pub mod handout;
pub mod journal;
pub mod model;
pub mod passphrase;
pub mod problem;
pub mod programme;
pub mod progress;
pub mod questionnaire;
pub mod ron_format;
pub mod settings;
pub mod share;
pub mod slides;
pub mod store;
pub mod time;
pub mod ui;
pub mod vault;
pub mod workbook;
