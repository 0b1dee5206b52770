//! Everything that touches the data folder: its layout, atomic and sealed files, the journal
//! and the documents beside it (settings, crisis contacts, drafts, backups and archives).

pub mod archive;
pub mod archive_stream;
pub mod atomic;
pub mod crisis_file;
pub mod definitions;
pub mod desktop_entries;
pub mod document;
pub mod draft;
pub mod export;
pub mod interrupted;
pub mod journal;
pub mod journal_pack;
pub mod layout;
pub mod protection;
pub mod reminder_log;
pub mod seal;
pub mod settings;
pub mod writer_lock;
