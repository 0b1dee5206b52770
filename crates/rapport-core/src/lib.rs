//! Rapport's core: every rule of the workbook, the journal and its files, in one crate that
//! knows nothing about a window or a terminal.
//!
//! The folders show the layers, and dependencies run one way, down this list:
//!
//! - [`service`]: one call per user action ([`service::Model`], [`service::protection`]),
//!   used alike by the app and the command line;
//! - [`facilitator`]: share files, the group summary, slides and printable handouts;
//! - [`insight`]: progress series, the home screen's dashboard, and charts;
//! - [`storage`]: the data folder's layout, atomic and sealed files, the journal, drafts,
//!   backups, archives, settings and numbered format migrations;
//! - [`content`]: worksheets, programmes, questionnaires and answers (no I/O);
//! - leaves used by all: [`time`], [`problem`], [`ron_format`], [`csv`], [`format`] (numbered
//!   format migrations), [`schedule`] (when a reminder is due), [`fonts`] (the fonts of the UI,
//!   the charts and the PDFs).
//!
//! `tests/architecture.rs` in the app crate checks the direction and that no module imports
//! another in a cycle.

pub mod content;
pub mod csv;
pub mod facilitator;
pub mod fonts;
pub mod format;
pub mod insight;
pub mod problem;
pub mod ron_format;
pub mod schedule;
pub mod service;
pub mod storage;
pub mod time;
