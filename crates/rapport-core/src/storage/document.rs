//! Small RON documents in the data folder (settings, crisis contacts): read once, saved
//! atomically, and never overwritten when they could not be read.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::format::{Format, Versioned};
use crate::problem::Problem;
use crate::ron_format;
use crate::storage::atomic::{self as store, Overwrite};

/// The largest document that will be read.
const MAX_BYTES: u64 = 256 * 1024;

/// A document loaded from `path`, or its defaults.
#[derive(Clone, Debug)]
pub struct Document<T> {
    path: PathBuf,
    what: &'static str,
    /// The loaded value (the defaults if the file is missing or could not be read).
    pub value: T,
    unreadable: Option<Problem>,
}

impl<T: Serialize + DeserializeOwned + Default + Versioned> Document<T> {
    /// Loads the document at `path`, of `format` (whose `what` names it in messages).
    #[must_use]
    pub fn load(path: &Path, format: &Format) -> Self {
        let what = format.what;
        let mut document = Self {
            path: path.to_path_buf(),
            what,
            value: T::default(),
            unreadable: None,
        };
        if !path.exists() {
            return document;
        }
        let result = store::read_text(path, MAX_BYTES)
            .map_err(|error| format!("{what} file {error}"))
            .and_then(|text| format.parse::<T>(&text).map_err(|error| error.to_string()));
        match result {
            Ok(value) => document.value = value,
            Err(message) => document.unreadable = Some(Problem::new(path, message)),
        }
        document
    }

    /// Why the file on disk could not be used, if it could not.
    #[must_use]
    pub fn problem(&self) -> Option<&Problem> {
        self.unreadable.as_ref()
    }

    /// Saves the value atomically. A file that could not be read is first moved aside, never
    /// overwritten; the returned message says where it went.
    pub fn save(&mut self) -> Result<Option<String>, String> {
        let mut moved = None;
        if self.unreadable.is_some() && self.path.exists() {
            let stamp = crate::time::file_stamp(crate::time::now_instant());
            let aside = crate::storage::layout::DataDir::unreadable_aside(&self.path, &stamp);
            store::move_file(&self.path, &aside).map_err(|error| {
                format!(
                    "{} could not be read, and could not be moved aside either, so nothing was saved: {error}. Path: {}",
                    self.what,
                    self.path.display()
                )
            })?;
            moved = Some(format!(
                "The earlier file could not be read; it was kept as {}.",
                aside.display()
            ));
            self.unreadable = None;
        }
        let text = ron::ser::to_string_pretty(&self.value, ron_format::pretty())
            .map_err(|error| format!("{} could not be prepared for saving: {error}", self.what))?;
        store::write_atomic(&self.path, text.as_bytes(), Overwrite::Replace).map_err(|error| {
            format!(
                "{} could not be saved: {error}. Path: {}",
                self.what,
                self.path.display()
            )
        })?;
        Ok(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Note {
        version: u32,
        text: String,
    }

    impl Default for Note {
        fn default() -> Self {
            Self {
                version: 1,
                text: String::new(),
            }
        }
    }

    const NOTE: Format = Format {
        name: "note",
        what: "Your note",
        current: 1,
        migrations: &[],
        key: crate::format::VersionKey::Version,
        additive: &[],
    };

    impl Versioned for Note {
        fn format(&self) -> u32 {
            self.version
        }
    }

    #[test]
    fn round_trips_and_keeps_an_unreadable_file_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.ron");
        let mut note: Document<Note> = Document::load(&path, &NOTE);
        assert!(note.problem().is_none());
        note.value.text = "hello".into();
        assert_eq!(note.save(), Ok(None));
        assert_eq!(Document::<Note>::load(&path, &NOTE).value, note.value);

        std::fs::write(&path, "(text: ").unwrap();
        let mut broken: Document<Note> = Document::load(&path, &NOTE);
        assert!(
            broken
                .problem()
                .unwrap()
                .message
                .contains("could not be read at line 1")
        );
        assert_eq!(broken.value, Note::default());
        let message = broken.save().unwrap().unwrap();
        assert!(message.contains("note.unreadable-"), "{message}");
        let kept: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("note.unreadable-"))
            .collect();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
            "(text: "
        );
    }

    #[test]
    fn a_newer_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.ron");
        std::fs::write(&path, "(version: 7, text: \"future\")").unwrap();
        let note: Document<Note> = Document::load(&path, &NOTE);
        assert!(note.problem().unwrap().message.contains("newer version"));
    }
}
