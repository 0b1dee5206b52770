//! Finishing, or undoing, the folder-sized changes that a kill can interrupt: restores and
//! imports. Each is built in a folder of its own beside the journal and made to count by one
//! rename, so a kill at any moment leaves either the journal as it was or the whole change:
//!
//! - **Import:** `journal.importing-STAMP/` is written and flushed, then renamed to
//!   `journal.imported-STAMP/`. That rename is the moment the import counts: from then on readers
//!   see its entries as part of the journal, and the next writer moves them into `journal/`. A
//!   `journal.importing-…` folder left by a kill never counted and is removed.
//! - **Restore:** `journal.restoring-STAMP/` is built whole, the journal is moved aside, and the
//!   restored folder takes its place. A kill between those two renames leaves no `journal/` but
//!   a complete restored folder, which readers read and the next writer puts in place. A
//!   restoring folder beside a `journal/` never got that far and is removed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::storage::atomic;
use crate::storage::layout::DataDir;
use crate::storage::writer_lock::WriterLock;

/// The folders whose entry files make up the journal right now, as readers see it: the journal
/// folder (or the restored folder standing in for it), then the imports that count but are not
/// yet moved in.
#[must_use]
pub fn journal_folders(data_dir: &DataDir) -> (PathBuf, Vec<PathBuf>) {
    let journal = data_dir.journal();
    let main = if journal.exists() {
        journal
    } else {
        data_dir.restores_in_progress().pop().unwrap_or(journal)
    };
    (main, data_dir.imports_to_finish())
}

/// Completes what a kill interrupted, under the writer lock (so nothing found belongs to a
/// writer still at work): puts a restored journal in place, moves counted imports into the
/// journal, and removes half-written import and restore folders. Best effort: what cannot be
/// done now stays as it is, still read as part of the journal, and is tried again next time.
pub fn finish(data_dir: &DataDir, _lock: &WriterLock) {
    let journal = data_dir.journal();
    let mut restores = data_dir.restores_in_progress();
    if !journal.exists()
        && let Some(restored) = restores.pop()
        && fs::rename(&restored, &journal).is_ok()
    {
        let _ = atomic::sync_dir(data_dir.root());
    }
    for leftover in restores {
        let _ = fs::remove_dir_all(leftover);
    }
    for leftover in data_dir.imports_interrupted() {
        let _ = fs::remove_dir_all(leftover);
    }
    for imported in data_dir.imports_to_finish() {
        let _ = move_in(&imported, &journal, data_dir.root());
    }
}

/// Moves every file of a counted import into the journal folder, then removes its folder.
/// A name already taken in the journal is left where it is (readers still see it), so nothing
/// is ever replaced.
pub fn move_in(imported: &Path, journal: &Path, root: &Path) -> io::Result<()> {
    atomic::create_private_dir_all(journal)?;
    let mut left = 0usize;
    for item in fs::read_dir(imported)? {
        let from = item?.path();
        let Some(name) = from.file_name() else {
            continue;
        };
        if atomic::is_temp_name(&name.to_string_lossy()) {
            let _ = fs::remove_file(&from);
            continue;
        }
        let to = journal.join(name);
        // Under the writer lock no other Rapport writer can take the name in between.
        if to.exists() || fs::rename(&from, &to).is_err() {
            left += 1;
        }
    }
    atomic::sync_dir(journal)?;
    if left == 0 {
        fs::remove_dir(imported)?;
        atomic::sync_dir(root)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};
    use crate::content::workbook::Workbook;
    use crate::storage::journal::Journal;

    /// A journal of `count` coping-skills entries in `dir`.
    fn journal_of(dir: &Path, count: i64) -> Journal {
        let workbook = Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let mut journal = Journal::open(DataDir::new(dir)).unwrap();
        for n in 0..count {
            let mut answers = Answers::new();
            answers.insert("intensity_before".into(), Answer::Number(n % 11));
            let when = format!("2026-11-{:02}T10:00:00+00:00", n + 1)
                .parse()
                .unwrap();
            journal.add_at(coping, answers, when).unwrap();
        }
        journal
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Moves `count` of the journal's entry files into `folder`, as a killed import or restore
    /// would have left them.
    fn move_entries(data: &DataDir, folder: &Path, count: usize) -> Vec<String> {
        fs::create_dir_all(folder).unwrap();
        let mut moved = Vec::new();
        for name in names(&data.journal()).into_iter().take(count) {
            fs::rename(data.journal().join(&name), folder.join(&name)).unwrap();
            moved.push(name);
        }
        moved
    }

    #[test]
    fn a_counted_import_is_part_of_the_journal_and_the_next_writer_moves_it_in() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        drop(journal_of(dir.path(), 5));
        let counted = data.journal_imported("20261201T000000Z-1");
        let moved = move_entries(&data, &counted, 3);
        // A temporary file of the killed import is not an entry.
        fs::write(counted.join(".rapport-x.tmp"), "half").unwrap();

        let mut journal = Journal::open(data.clone()).unwrap();
        assert_eq!(journal.len(), 5, "the counted import is read where it is");
        assert!(journal.problems().is_empty(), "{:?}", journal.problems());
        assert!(counted.exists(), "opening never writes");

        journal_write(&mut journal);
        assert!(!counted.exists());
        for name in &moved {
            assert!(data.journal().join(name).is_file(), "{name} moved in");
        }
        assert_eq!(Journal::open(data).unwrap().len(), 6);
    }

    #[test]
    fn a_half_written_import_never_counts_and_the_next_writer_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let other = tempfile::tempdir().unwrap();
        drop(journal_of(other.path(), 2));
        drop(journal_of(dir.path(), 1));
        let building = data.journal_being_imported("20261201T000000Z-1");
        fs::create_dir_all(&building).unwrap();
        for name in names(&DataDir::new(other.path()).journal()) {
            fs::copy(
                DataDir::new(other.path()).journal().join(&name),
                building.join(format!("x{name}")),
            )
            .unwrap();
        }
        let mut journal = Journal::open(data.clone()).unwrap();
        assert_eq!(journal.len(), 1, "a half-written import is not read");
        journal_write(&mut journal);
        assert!(!building.exists());
        assert_eq!(Journal::open(data).unwrap().len(), 2);
    }

    #[test]
    fn a_restore_killed_between_its_renames_is_read_and_the_next_writer_puts_it_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        drop(journal_of(dir.path(), 4));
        // The journal moved aside, the restored one (here: two entries) not yet renamed in.
        let restored = data.journal_being_restored("20261201T000000Z");
        move_entries(&data, &restored, 2);
        fs::rename(
            data.journal(),
            data.journal_before_restore("20261201T000000Z"),
        )
        .unwrap();

        let mut journal = Journal::open(data.clone()).unwrap();
        assert_eq!(journal.len(), 2, "the complete restored journal is read");
        journal_write(&mut journal);
        assert!(!restored.exists());
        assert_eq!(names(&data.journal()).len(), 3);
        assert_eq!(
            names(&data.journal_before_restore("20261201T000000Z")).len(),
            2,
            "the journal from before is kept aside"
        );
    }

    #[test]
    fn a_restoring_folder_beside_the_journal_was_never_finished_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        drop(journal_of(dir.path(), 3));
        let restoring = data.journal_being_restored("20261201T000000Z");
        fs::create_dir_all(&restoring).unwrap();
        fs::copy(
            data.journal().join(&names(&data.journal())[0]),
            restoring.join("20261101T000000Z-half.ron"),
        )
        .unwrap();
        let mut journal = Journal::open(data.clone()).unwrap();
        assert_eq!(journal.len(), 3);
        journal_write(&mut journal);
        assert!(!restoring.exists());
        assert_eq!(Journal::open(data).unwrap().len(), 4);
    }

    /// One save, the first write of this journal (which tidies first).
    fn journal_write(journal: &mut Journal) {
        let workbook = Workbook::bundled();
        let mut answers = Answers::new();
        answers.insert("intensity_before".into(), Answer::Number(1));
        journal
            .add(workbook.get("coping-skills").unwrap(), answers)
            .unwrap();
    }
}
