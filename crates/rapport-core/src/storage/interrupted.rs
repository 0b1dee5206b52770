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

/// Completes what a kill interrupted. Call it only while holding the writer lock (so nothing
/// found belongs to a writer still at work); `WriterLock::tidy` does. Puts a restored journal in place, moves counted imports into the
/// journal, and removes half-written import and restore folders. Best effort: what cannot be
/// done now stays as it is, still read as part of the journal, and is tried again next time.
pub fn finish(data_dir: &DataDir) {
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

/// Two windows (two journals open on one folder), each acting on what it last read, in any
/// interleaving, with imports and reloads between: every change reported done is on disk, and
/// a change refused (a stale edit, an entry gone) changed nothing. The proptest is the fuzzer of
/// concurrent writers; the kill harness and `tests/it/concurrency.rs` run real processes.
#[cfg(test)]
mod two_windows {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use crate::content::entry::{Answer, Answers};
    use crate::content::workbook::Workbook;
    use crate::storage::archive;
    use crate::storage::journal::Journal;
    use crate::storage::layout::DataDir;
    use crate::time::LocalTime;

    #[derive(Clone, Debug)]
    enum Step {
        Add {
            window: usize,
            intensity: i64,
        },
        Edit {
            window: usize,
            pick: usize,
            intensity: i64,
        },
        Delete {
            window: usize,
            pick: usize,
        },
        Import {
            window: usize,
            count: usize,
        },
        Reload {
            window: usize,
        },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..2usize, 0..11i64).prop_map(|(window, intensity)| Step::Add { window, intensity }),
            4 => (0..2usize, 0..8usize, 0..11i64)
                .prop_map(|(window, pick, intensity)| Step::Edit { window, pick, intensity }),
            1 => (0..2usize, 0..8usize).prop_map(|(window, pick)| Step::Delete { window, pick }),
            1 => (0..2usize, 1..4usize).prop_map(|(window, count)| Step::Import { window, count }),
            2 => (0..2usize).prop_map(|window| Step::Reload { window }),
        ]
    }

    fn intensity(value: i64) -> Answers {
        Answers::from([("intensity_before".to_owned(), Answer::Number(value))])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn every_reported_change_of_two_windows_is_on_disk(steps in proptest::collection::vec(step(), 1..24)) {
            let dir = tempfile::tempdir().unwrap();
            let data = DataDir::new(dir.path());
            let workbook = Workbook::bundled();
            let coping = workbook.get("coping-skills").unwrap();
            let mut windows = [Journal::open(data.clone()).unwrap(), Journal::open(data.clone()).unwrap()];
            let mut expected: BTreeMap<String, Answers> = BTreeMap::new();
            let mut clock: LocalTime = "2026-01-01T09:00:00+00:00".parse().unwrap();
            let mut tick = || {
                let later = clock.instant() + jiff::SignedDuration::from_secs(61);
                clock = LocalTime::with_offset(later, clock.offset());
                clock
            };
            for (n, step) in steps.into_iter().enumerate() {
                match step {
                    Step::Add { window, intensity: value } => {
                        let when = tick();
                        if let Ok(entry) = windows[window].add_at(coping, intensity(value), when) {
                            expected.insert(entry.id.clone(), entry.answers.clone());
                        }
                    }
                    Step::Edit { window, pick, intensity: value } => {
                        let ids: Vec<String> = windows[window].entries().map(|e| e.id.clone()).collect();
                        if let Some(id) = ids.get(pick % ids.len().max(1)) {
                            let when = tick();
                            let stale = Journal::open(data.clone()).unwrap().get(id) != windows[window].get(id);
                            if let Ok(entry) = windows[window].update_at(id, coping, intensity(value), when) {
                                prop_assert!(!stale, "step {}: an edit of an old copy wrote over the newer one", n);
                                expected.insert(id.clone(), entry.answers.clone());
                            }
                        }
                    }
                    Step::Delete { window, pick } => {
                        let ids: Vec<String> = windows[window].entries().map(|e| e.id.clone()).collect();
                        if let Some(id) = ids.get(pick % ids.len().max(1))
                            && windows[window].delete(id).is_ok()
                        {
                            expected.remove(id);
                        }
                    }
                    Step::Import { window, count } => {
                        let other = tempfile::tempdir().unwrap();
                        let mut source = Journal::open(DataDir::new(other.path())).unwrap();
                        for value in 0..count {
                            let when = tick();
                            source.add_at(coping, intensity(i64::try_from(value).unwrap()), when).unwrap();
                        }
                        let path = other.path().join("archive.ron");
                        let made = tick();
                        let text = archive::archive_text(&archive::archive(source.entries(), made));
                        std::fs::write(&path, text).unwrap();
                        if archive::import(&mut windows[window], &workbook, &path).is_ok() {
                            for entry in source.entries() {
                                expected.insert(entry.id.clone(), entry.answers.clone());
                            }
                        }
                    }
                    Step::Reload { window } => windows[window] = windows[window].reopen().unwrap(),
                }
                let on_disk: BTreeMap<String, Answers> = Journal::open(data.clone())
                    .unwrap()
                    .entries()
                    .map(|entry| (entry.id.clone(), entry.answers.clone()))
                    .collect();
                prop_assert_eq!(&on_disk, &expected, "after step {}", n);
            }
        }
    }
}

/// Archives and backups damaged in any way (bytes changed, cut short): import and restore never
/// panic, and each is all or nothing: refused with the journal exactly as it was, or done whole.
#[cfg(test)]
mod damaged_archives {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use crate::content::entry::{Answer, Answers, Entry};
    use crate::content::workbook::Workbook;
    use crate::storage::archive;
    use crate::storage::journal::Journal;
    use crate::storage::layout::DataDir;
    use crate::time::LocalTime;

    /// A journal of two entries, and the text of an archive of three others.
    fn journal_and_archive(dir: &std::path::Path) -> (BTreeMap<String, Entry>, String) {
        let workbook = Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let mut journal = Journal::open(DataDir::new(dir)).unwrap();
        let other = tempfile::tempdir().unwrap();
        let mut source = Journal::open(DataDir::new(other.path())).unwrap();
        for n in 0..5i64 {
            let when: LocalTime = format!("2026-03-0{}T09:00:00+00:00", n + 1)
                .parse()
                .unwrap();
            let answers = Answers::from([
                ("intensity_before".to_owned(), Answer::Number(n)),
                (
                    "situation".to_owned(),
                    Answer::Text(format!("Día {n} 中文 \"quoted\"")),
                ),
            ]);
            let target = if n < 2 { &mut journal } else { &mut source };
            target.add_at(coping, answers, when).unwrap();
        }
        let entries = journal
            .entries()
            .map(|e| (e.id.clone(), e.clone()))
            .collect();
        let text = archive::archive_text(&archive::archive(
            source.entries(),
            "2026-03-09T09:00:00+00:00".parse().unwrap(),
        ));
        (entries, text)
    }

    fn damaged(text: &str, flips: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        for (at, byte) in flips {
            let at = at % bytes.len();
            bytes[at] = *byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % bytes.len());
        }
        bytes
    }

    fn on_disk(dir: &std::path::Path) -> BTreeMap<String, Entry> {
        Journal::open(DataDir::new(dir))
            .unwrap()
            .entries()
            .map(|e| (e.id.clone(), e.clone()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn a_damaged_archive_is_imported_whole_or_not_at_all(
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
            cut in proptest::option::of(any::<usize>()),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (before, text) = journal_and_archive(dir.path());
            let path = dir.path().join("archive.ron");
            std::fs::write(&path, damaged(&text, &flips, cut)).unwrap();
            let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
            let result = archive::import(&mut journal, &Workbook::bundled(), &path);
            let after = on_disk(dir.path());
            match result {
                Ok(imported) => {
                    prop_assert!(before.iter().all(|(id, entry)| after.get(id) == Some(entry)));
                    prop_assert_eq!(after.len(), before.len() + imported.added + imported.renamed);
                }
                Err(error) => {
                    prop_assert_eq!(&after, &before, "refused ({}) but changed", error);
                    prop_assert!(!error.to_string().contains("os error"), "{}", error);
                }
            }
        }

        #[test]
        fn a_damaged_backup_is_restored_whole_or_not_at_all(
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
            cut in proptest::option::of(any::<usize>()),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (before, text) = journal_and_archive(dir.path());
            let path = dir.path().join("backup.ron");
            let bytes = damaged(&text, &flips, cut);
            std::fs::write(&path, &bytes).unwrap();
            let data = DataDir::new(dir.path());
            let now: LocalTime = "2026-03-10T09:00:00+00:00".parse().unwrap();
            let result = archive::restore(&data, &path, now);
            let after = on_disk(dir.path());
            match result {
                Ok(_) => {
                    let (_, wanted) = archive::read_archive(&path, &crate::storage::seal::Sealing::Plain).unwrap();
                    let wanted: BTreeMap<String, Entry> = wanted.into_iter().map(|e| (e.id.clone(), e)).collect();
                    prop_assert_eq!(&after, &wanted);
                }
                Err(error) => prop_assert_eq!(&after, &before, "refused ({}) but changed", error),
            }
        }
    }
}
