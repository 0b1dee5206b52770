//! The user's settings that belong with their data (not the window's): which programme they
//! follow, where they are in it, and when reminders come. Kept in `DATA_DIR/settings.ron`.

use serde::{Deserialize, Serialize};

use crate::format::Versioned;
use crate::storage::document::Document;
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
    /// When gentle reminders come; off unless the user turns them on.
    pub reminders: crate::schedule::Reminders,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: 1,
            following: None,
            lock_after_minutes: Some(15),
            reminders: crate::schedule::Reminders::default(),
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
    Document::load(&data_dir.settings(), &crate::format::SETTINGS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_followed_programme_is_saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut settings = load(&data);
        settings.value.following = Some(Following {
            programme: "group-ipt".into(),
            session: 2,
        });
        settings.save().unwrap();
        let text = std::fs::read_to_string(data.settings()).unwrap();
        let again = load(&data);
        assert!(again.problem().is_none(), "{:?}\n{text}", again.problem());
        assert_eq!(again.value, settings.value, "{text}");
    }
}
