//! Rapport's integration tests, in one binary: each test binary links eframe, krilla and
//! plotters, so one binary instead of ten saves most of the test build's link time.
//!
//! Run one group with `cargo test --test it GROUP::`, e.g. `cargo test --test it crash::`.

// Tests and their helpers report failure by panicking, and report figures on stderr.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod architecture;
mod bad_input;
mod charts;
mod cli;
mod common;
mod concurrency;
mod crash;
mod fields;
mod fit;
mod group;
mod gui;
mod handout;
mod history;
mod keyboard;
mod layout;
mod measures;
mod overrides;
mod passphrase;
mod present;
mod protection;
mod register;
mod reminders;
mod scripts;
mod snapshots;
mod startup;
mod trash;
mod trust;
mod unsaved;
