//! Rapport, the app: two thin front ends over [`rapport_core`], which owns every rule.
//!
//! [`ui`] turns clicks into calls on the core, and [`cli`] does the same for the command line;
//! neither decides anything the other would need to decide again.

pub mod cli;
pub mod ui;
