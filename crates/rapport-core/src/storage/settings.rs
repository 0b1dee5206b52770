//! The user's settings that belong with their data (not the window's): which programme they
//! follow, and where they are in it. Kept in `DATA_DIR/settings.ron`.

use serde::{Deserialize, Serialize};

use crate::storage::document::Document;
use crate::storage::format::Versioned;
use crate::storage::layout::DataDir;

/// Settings kept beside the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Format of the file.
    pub version: u32,
    /// The programme the user follows at home, if any.
    pub following: Option<Following>,
    /// Minutes without use after which a protected journal locks itself; `None`: never.
    pub lock_after_minutes: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: 1,
            following: None,
            lock_after_minutes: Some(15),
        }
    }
}

impl Versioned for Settings {
    fn format(&self) -> u32 {
        self.version
    }
}

/// A programme being followed, and the session the user is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Following {
    /// The programme's id.
    pub programme: String,
    /// The current session, counting from 1.
    pub session: usize,
}

/// The settings of a data folder.
#[must_use]
pub fn load(data_dir: &DataDir) -> Document<Settings> {
    Document::load(&data_dir.settings(), &crate::storage::format::SETTINGS)
}
