//! Deleting entries from the trash for good: the trashed file, the entry's earlier versions and
//! a draft of an edit to it. Nothing of it is left in the data folder afterwards (backups made
//! while it was in the journal still hold it, and say so in the confirmation).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::service::model::Model;
use crate::storage::draft;
use crate::storage::journal::{Journal, JournalError};
use crate::storage::layout::DataDir;

/// What a deletion from the trash removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Entries deleted for good.
    pub entries: usize,
    /// Their earlier versions deleted with them.
    pub versions: usize,
    /// Drafts of edits to them deleted with them.
    pub drafts: usize,
}

impl Forgotten {
    /// What was removed, in words for the person.
    #[must_use]
    pub fn message(&self) -> String {
        if self.entries == 0 {
            return "The trash was already empty, so nothing was deleted.".to_owned();
        }
        let entries = if self.entries == 1 {
            "1 entry".to_owned()
        } else {
            format!("{} entries", self.entries)
        };
        let mut extras = Vec::new();
        match self.versions {
            0 => {}
            1 => extras.push("1 earlier version".to_owned()),
            n => extras.push(format!("{n} earlier versions")),
        }
        match self.drafts {
            0 => {}
            1 => extras.push("1 unsaved draft".to_owned()),
            n => extras.push(format!("{n} unsaved drafts")),
        }
        if extras.is_empty() {
            format!("Deleted forever: {entries}.")
        } else {
            format!("Deleted forever: {entries}, with {}.", extras.join(" and "))
        }
    }
}

/// The warning shown before deleting for good, the same in the app and the command line.
pub const FOREVER_WARNING: &str = "This cannot be undone: the entry, its earlier versions and any unsaved draft of it are removed from your data folder. Backups made while it was in your journal still hold it.";

/// The warning shown before emptying the trash, the same in the app and the command line.
pub const EMPTY_WARNING: &str = "This cannot be undone: the entries, their earlier versions and any unsaved drafts of them are removed from your data folder. Backups made while they were in your journal still hold them.";

impl Model {
    /// Deletes the trashed entry `entry_id` for good: its file in the trash (every copy, if it
    /// was deleted more than once), its earlier versions and a draft of an edit to it. Refuses
    /// with [`JournalError::NotFound`] if it is not in the trash.
    pub fn delete_forever(&mut self, entry_id: &str) -> Result<Forgotten, JournalError> {
        self.with_journal(|journal| {
            let _lock = journal.lock()?;
            let files: Vec<Trashed> = trashed_files(journal)?
                .into_iter()
                .filter(|file| file.id == entry_id)
                .collect();
            if files.is_empty() {
                return Err(JournalError::NotFound(entry_id.to_owned()));
            }
            forget(journal, &files)
        })
    }

    /// Deletes everything in the trash for good, with the entries' earlier versions and drafts.
    pub fn empty_trash(&mut self) -> Result<Forgotten, JournalError> {
        self.with_journal(|journal| {
            let _lock = journal.lock()?;
            let files = trashed_files(journal)?;
            forget(journal, &files)
        })
    }
}

/// One file in the trash folder.
struct Trashed {
    path: PathBuf,
    /// The entry's id: from inside the file, or from its name if it cannot be read.
    id: String,
    /// The entry's worksheet, if the file could be read.
    worksheet: Option<String>,
}

/// Every entry file in the trash folder, readable or not (a file the trash list cannot show
/// still goes when the trash is emptied).
fn trashed_files(journal: &Journal) -> Result<Vec<Trashed>, JournalError> {
    let folder = journal.data_dir().trash();
    let listed = journal.trash();
    let items = match fs::read_dir(&folder) {
        Ok(items) => items,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(JournalError::Io {
                action: "read the trash",
                path: folder,
                source,
            });
        }
    };
    let mut files: Vec<Trashed> = items
        .filter_map(Result::ok)
        .map(|item| item.path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let stem = name.strip_suffix(".ron")?;
            if name.starts_with('.') || crate::storage::atomic::is_temp_name(&name) {
                return None;
            }
            let item = listed.iter().find(|item| item.path == path);
            // `ID.ron`, or `ID.2.ron` for a second entry of the same id.
            let id = item.map_or_else(
                || stem.split('.').next().unwrap_or(stem).to_owned(),
                |item| item.entry.id.clone(),
            );
            let worksheet = item.map(|item| item.entry.worksheet.clone());
            Some(Trashed {
                path,
                id,
                worksheet,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Removes the trashed files and what belongs to their entries. Called under the writer lock.
fn forget(journal: &Journal, files: &[Trashed]) -> Result<Forgotten, JournalError> {
    let dir = journal.data_dir();
    let mut forgotten = Forgotten::default();
    for file in files {
        remove_file(&file.path, "delete the entry from the trash")?;
    }
    let mut ids: Vec<&str> = files.iter().map(|file| file.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    forgotten.entries = ids.len();
    for id in ids {
        // An entry of the same id back in the journal keeps its versions and drafts.
        if journal.get(id).is_some() {
            continue;
        }
        forgotten.versions += remove_versions(dir, id)?;
        let mut worksheets: Vec<&str> = files
            .iter()
            .filter(|file| file.id == id)
            .filter_map(|file| file.worksheet.as_deref())
            .collect();
        worksheets.dedup();
        for worksheet in worksheets {
            if draft::load(dir, worksheet).is_some_and(|draft| draft.editing.as_deref() == Some(id))
            {
                remove_file(&dir.draft(worksheet), "delete the entry's draft")?;
                forgotten.drafts += 1;
            }
        }
    }
    let _ = crate::storage::atomic::sync_dir(&dir.trash());
    Ok(forgotten)
}

/// Removes the earlier versions of entry `id`; returns how many there were.
fn remove_versions(dir: &DataDir, id: &str) -> Result<usize, JournalError> {
    let folder = dir.versions_of(id);
    let count = match fs::read_dir(&folder) {
        Ok(items) => items
            .filter_map(Result::ok)
            .filter(|item| item.path().extension().is_some_and(|ext| ext == "ron"))
            .count(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(source) => {
            return Err(JournalError::Io {
                action: "read the entry's earlier versions",
                path: folder,
                source,
            });
        }
    };
    fs::remove_dir_all(&folder).map_err(|source| JournalError::Io {
        action: "delete the entry's earlier versions",
        path: folder.clone(),
        source,
    })?;
    let _ = crate::storage::atomic::sync_dir(&dir.versions());
    Ok(count)
}

fn remove_file(path: &Path, action: &'static str) -> Result<(), JournalError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(JournalError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};
    use crate::storage::draft::Draft;
    use crate::time::LocalTime;

    fn answers(text: &str) -> Answers {
        [("situation".to_owned(), Answer::Text(text.into()))].into()
    }

    fn an_hour_ago() -> LocalTime {
        let now = LocalTime::now();
        let instant = now
            .instant()
            .checked_sub(jiff::SignedDuration::from_hours(1))
            .unwrap();
        LocalTime::with_offset(instant, now.offset())
    }

    /// A model with one entry that was edited once (so it has a version) and has a draft of a
    /// further edit, then deleted.
    fn trashed_entry(data: &DataDir) -> (Model, String) {
        let mut model = Model::open(data.clone()).unwrap();
        let saved = model.save_new("coping-skills", answers("First")).unwrap();
        let id = saved.entry_id.clone();
        model.edit_answers(&id, answers("Second")).unwrap();
        draft::save(
            data,
            &Draft {
                version: 1,
                worksheet: "coping-skills".into(),
                editing: Some(id.clone()),
                saved: LocalTime::now(),
                answers: answers("Third, not saved"),
            },
        )
        .unwrap();
        model.delete(&id).unwrap();
        (model, id)
    }

    #[test]
    fn delete_forever_removes_the_entry_its_versions_and_its_draft() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let (mut model, id) = trashed_entry(&data);
        assert!(data.versions_of(&id).exists());
        assert!(data.draft("coping-skills").exists());

        let forgotten = model.delete_forever(&id).unwrap();

        assert_eq!(
            forgotten,
            Forgotten {
                entries: 1,
                versions: 1,
                drafts: 1
            }
        );
        assert_eq!(
            forgotten.message(),
            "Deleted forever: 1 entry, with 1 earlier version and 1 unsaved draft."
        );
        assert!(model.journal().trash().is_empty());
        assert!(!data.versions_of(&id).exists());
        assert!(!data.draft("coping-skills").exists());
        assert_eq!(fs::read_dir(data.trash()).unwrap().count(), 0);
        assert!(matches!(
            model.delete_forever(&id),
            Err(JournalError::NotFound(_))
        ));
    }

    #[test]
    fn a_draft_of_a_new_entry_and_other_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let (mut model, id) = trashed_entry(&data);
        // The draft now belongs to a new entry, not to the deleted one.
        draft::save(
            &data,
            &Draft {
                version: 1,
                worksheet: "coping-skills".into(),
                editing: None,
                saved: LocalTime::now(),
                answers: answers("A new one"),
            },
        )
        .unwrap();
        let kept = model.save_new("coping-skills", answers("Kept")).unwrap();
        model
            .edit_answers(&kept.entry_id, answers("Kept, edited"))
            .unwrap();

        model.delete_forever(&id).unwrap();

        assert!(data.draft("coping-skills").exists());
        assert!(data.versions_of(&kept.entry_id).exists());
        assert_eq!(model.journal().len(), 1);
    }

    #[test]
    fn empty_trash_removes_every_trashed_entry() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let (mut model, first) = trashed_entry(&data);
        let second = model.save_new("coping-skills", answers("Another")).unwrap();
        model.delete(&second.entry_id).unwrap();
        let third = model
            .save_new_at("coping-skills", answers("Earlier"), an_hour_ago())
            .unwrap();
        model.delete(&third.entry_id).unwrap();
        assert_eq!(fs::read_dir(data.trash()).unwrap().count(), 3);

        let forgotten = model.empty_trash().unwrap();

        // The second entry may share the first one's id (saved in the same second).
        let ids = if second.entry_id == first { 2 } else { 3 };
        assert_eq!(forgotten.entries, ids);
        assert_eq!(fs::read_dir(data.trash()).unwrap().count(), 0);
        assert_eq!(forgotten.versions, 1);
        assert!(model.journal().trash().is_empty());
        assert!(!data.versions_of(&first).exists());
        assert_eq!(
            model.empty_trash().unwrap().message(),
            "The trash was already empty, so nothing was deleted."
        );
    }
}
