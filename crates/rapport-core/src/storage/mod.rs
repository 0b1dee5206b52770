//! Everything that touches the data folder: its layout, atomic and sealed files, the journal
//! and the documents beside it, and the numbered format migrations.

pub mod archive;
pub mod atomic;
pub mod crisis_file;
pub mod definitions;
pub mod document;
pub mod draft;
pub mod export;
pub mod format;
pub mod journal;
pub mod layout;
pub mod protection;
pub mod seal;
pub mod settings;
