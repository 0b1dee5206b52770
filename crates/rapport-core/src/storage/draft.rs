//! Drafts: what is typed into a worksheet, saved quietly a moment after each change, so that a
//! crash or a power cut never costs more than a second or two of writing.

use serde::{Deserialize, Serialize};

use crate::content::entry::Answers;
use crate::format::{self, Versioned};
use crate::ron_format;
use crate::storage::atomic::Overwrite;
use crate::storage::journal;
use crate::storage::layout::DataDir;
use crate::time::LocalTime;

/// The unsaved answers of one worksheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Format of the file.
    pub version: u32,
    /// The worksheet being filled in.
    pub worksheet: String,
    /// The entry being edited, if this is an edit.
    #[serde(default)]
    pub editing: Option<String>,
    /// When the draft was written.
    pub saved: LocalTime,
    /// The answers so far.
    pub answers: Answers,
}

fn path(data_dir: &DataDir, worksheet: &str) -> std::path::PathBuf {
    data_dir.draft(worksheet)
}

impl Versioned for Draft {
    fn format(&self) -> u32 {
        self.version
    }
}

/// Writes the draft of a worksheet, replacing the previous one. Under the writer lock, waiting
/// only a moment for it: a draft is written again a second later anyway.
pub fn save(data_dir: &DataDir, draft: &Draft) -> std::io::Result<()> {
    let _lock = crate::storage::writer_lock::WriterLock::acquire_within(
        data_dir,
        std::time::Duration::from_millis(300),
    )?;
    let text = zeroize::Zeroizing::new(
        ron::ser::to_string_pretty(draft, ron_format::pretty()).unwrap_or_default(),
    );
    data_dir.write_private(&path(data_dir, &draft.worksheet), &text, Overwrite::Replace)
}

/// The draft of a worksheet, if there is a readable one.
#[must_use]
pub fn load(data_dir: &DataDir, worksheet: &str) -> Option<Draft> {
    let text = data_dir
        .read_private(&path(data_dir, worksheet), journal::MAX_ENTRY_BYTES)
        .ok()?;
    format::DRAFT
        .parse::<Draft>(&text)
        .ok()
        .filter(|draft| draft.worksheet == worksheet)
}

/// Removes the draft of a worksheet once its answers are saved or deliberately discarded.
pub fn remove(data_dir: &DataDir, worksheet: &str) {
    let _ = std::fs::remove_file(path(data_dir, worksheet));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::Answer;

    #[test]
    fn a_draft_round_trips_and_goes_away() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert!(load(&data, "coping-skills").is_none());
        let draft = Draft {
            version: 1,
            worksheet: "coping-skills".into(),
            editing: None,
            saved: LocalTime::now(),
            answers: [(
                "situation".to_owned(),
                Answer::Text("Half a thought".into()),
            )]
            .into(),
        };
        save(&data, &draft).unwrap();
        assert_eq!(load(&data, "coping-skills"), Some(draft));
        remove(&data, "coping-skills");
        assert!(load(&data, "coping-skills").is_none());
    }
}
