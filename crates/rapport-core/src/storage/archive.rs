//! Archives, exports and backups: the journal in one RON file (to keep, move or restore), as
//! CSV (one row per entry, one column per field), and as readable Markdown.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::entry::Entry;
use crate::content::entry::check_answers;
use crate::content::workbook::Workbook;
use crate::format::{self, FormatError, Versioned};
use crate::ron_format;
use crate::storage::atomic::{self as store, Overwrite};
use crate::storage::journal::{Journal, JournalError, entry_to_ron, parse_entry_text};
use crate::storage::layout::DataDir;
use crate::storage::seal::Sealing;
use crate::time::LocalTime;

/// Marks a file as a Rapport archive.
pub const KIND: &str = "rapport-archive";
/// The largest archive that will be read.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;
/// How many daily backups are kept.
pub const KEEP_BACKUPS: usize = 14;

/// Many entries in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// Always `rapport-archive`.
    pub kind: String,
    /// Format of the archive.
    pub version: u32,
    /// When it was made.
    pub created: LocalTime,
    /// The entries, each as its own file's text so that they keep their own format version.
    pub entries: Vec<String>,
    /// In a backup, the facilitator's registers (`registers/RUN.ron`), each as its file's
    /// text. Format 2 adds it; an export of entries has none, and leaves it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registers: Vec<KeptFile>,
}

/// A file kept in a backup beside the entries: its name in its folder, and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptFile {
    /// The file's name without `.ron`, e.g. a register's run id.
    pub name: String,
    /// The file's text, as it is when plain.
    pub text: String,
}

impl Versioned for Archive {
    fn format(&self) -> u32 {
        self.version
    }
}

/// Why an archive could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(String),
    /// The file is not a usable archive.
    #[error("{0}")]
    Invalid(String),
    /// The journal refused.
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// The archive of `entries`.
#[must_use]
pub fn archive<'a>(entries: impl IntoIterator<Item = &'a Entry>, now: LocalTime) -> Archive {
    Archive {
        kind: KIND.to_owned(),
        version: format::ARCHIVE.current,
        created: now,
        entries: entries.into_iter().map(entry_to_ron).collect(),
        registers: Vec::new(),
    }
}

/// The registers in the data folder, as kept in a backup. A register that cannot be read is
/// left out (and `check` names it).
fn registers_of(data_dir: &DataDir) -> Vec<KeptFile> {
    data_dir
        .files_of(crate::storage::layout::FileKind::Register)
        .into_iter()
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let text = data_dir.read_private(&path, MAX_REGISTER_BYTES).ok()?;
            Some(KeptFile {
                name,
                text: text.to_string(),
            })
        })
        .collect()
}

/// The largest register file kept in a backup.
const MAX_REGISTER_BYTES: u64 = 4 * 1024 * 1024;

/// Whether `name` can name a register's file (`registers/NAME.ron`).
fn is_register_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The archive as the text written to disk.
#[must_use]
pub fn archive_text(archive: &Archive) -> String {
    ron::ser::to_string_pretty(archive, ron_format::pretty()).unwrap_or_default() + "\n"
}

/// Writes the archive of `entries` (and, in a backup, the `registers` kept with them) to `out`
/// entry by entry, byte for byte what [`archive_text`] gives, without holding the whole
/// archive in memory.
pub fn write_archive<'a>(
    out: &mut dyn std::io::Write,
    entries: impl IntoIterator<Item = &'a Entry>,
    registers: &[KeptFile],
    now: LocalTime,
) -> std::io::Result<()> {
    // The archive with no entries, cut where they go: what comes before and after them.
    let skeleton = archive_text(&Archive {
        registers: registers.to_vec(),
        ..archive(std::iter::empty(), now)
    });
    let (head, tail) = skeleton
        .split_once("    entries: [],\n")
        .ok_or_else(|| std::io::Error::other("the archive's layout changed"))?;
    out.write_all(head.as_bytes())?;
    out.write_all(b"    entries: [\n")?;
    let plain = ron_format::pretty().extensions(ron::extensions::Extensions::empty());
    for entry in entries {
        let text = ron::ser::to_string_pretty(&entry_to_ron(entry), plain.clone())
            .map_err(std::io::Error::other)?;
        out.write_all(b"        ")?;
        out.write_all(text.as_bytes())?;
        out.write_all(b",\n")?;
    }
    out.write_all(b"    ],\n")?;
    out.write_all(tail.as_bytes())
}

/// Reads an archive file (plain, or a backup sealed with this journal's key), refusing anything
/// that is not one.
pub fn read_archive(path: &Path, sealing: &Sealing) -> Result<(Archive, Vec<Entry>), ArchiveError> {
    // A plain archive is read entry by entry, never whole; a sealed backup (one sealed blob),
    // or a layout Rapport did not write, is read whole below, with its exact messages.
    if let Some(streamed) = read_streamed(path) {
        return streamed;
    }
    let text = store::read_private(path, MAX_BYTES, sealing).map_err(|error| {
        ArchiveError::Invalid(format!("This archive {error}. Path: {}", path.display()))
    })?;
    let archive: Archive = format::ARCHIVE.parse(&text).map_err(|error| {
        ArchiveError::Invalid(match error {
            FormatError::Syntax { detail, .. } => format!(
                "This is not a Rapport archive, or it is damaged: {detail}. Path: {}",
                path.display()
            ),
            other => format!("{other}. Path: {}", path.display()),
        })
    })?;
    if archive.kind != KIND {
        return Err(ArchiveError::Invalid(format!(
            "This is not an archive this version of Rapport can read. Path: {}",
            path.display()
        )));
    }
    let entries = archive
        .entries
        .iter()
        .enumerate()
        .map(|(index, text)| {
            parse_entry_text(text).map_err(|error| {
                ArchiveError::Invalid(format!(
                    "Entry {} of the archive: {error}. Path: {}",
                    index + 1,
                    path.display()
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((archive, entries))
}

/// The archive at `path` read entry by entry ([`crate::storage::archive_stream`]), or `None` to
/// read it whole.
fn read_streamed(path: &Path) -> Option<Result<(Archive, Vec<Entry>), ArchiveError>> {
    use crate::storage::archive_stream::{self, Streamed};
    use std::io::Read as _;
    let mut file = store::open_regular(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 16];
    let read = file.read(&mut head).ok()?;
    if size > MAX_BYTES || crate::storage::seal::is_sealed(&head[..read]) {
        return None;
    }
    let input = std::io::Cursor::new(head[..read].to_vec()).chain(file);
    let header = |text: &str| {
        format::ARCHIVE
            .parse::<Archive>(text)
            .ok()
            .filter(|archive| archive.kind == KIND)
    };
    match archive_stream::read(input, header) {
        Ok(read) => Some(Ok(read)),
        Err(Streamed::OtherLayout) => None,
        Err(Streamed::BadEntry { index, reason }) => Some(Err(ArchiveError::Invalid(format!(
            "Entry {index} of the archive: {reason}. Path: {}",
            path.display()
        )))),
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// New entries written.
    pub added: usize,
    /// Entries already in the journal, exactly: skipped.
    pub duplicates: usize,
    /// Entries whose id was taken by a different entry: added under a new id.
    pub renamed: usize,
}

/// Why an entry of an archive cannot go into this journal, if it cannot.
fn refusal(entry: &Entry, workbook: &Workbook) -> Option<String> {
    if !crate::storage::journal::is_entry_id(&entry.id) {
        return Some("its id cannot name a file".to_owned());
    }
    if entry_to_ron(entry).len() as u64 > crate::storage::journal::MAX_ENTRY_BYTES {
        return Some("it is larger than any entry the journal reads".to_owned());
    }
    let Some(worksheet) = workbook.get(&entry.worksheet) else {
        return Some(format!(
            "it answers the worksheet “{}”, which is not in your workbook",
            entry.worksheet
        ));
    };
    // Answers to another version of a worksheet may rightly differ from today's steps.
    if entry.worksheet_version == worksheet.version {
        check_answers(worksheet, &entry.answers).err()
    } else {
        None
    }
}

/// Checks every entry of an archive before anything is written: each must be usable by this
/// journal, and no id may appear twice. Lists every refusal, by id.
fn check_archive(
    entries: &[Entry],
    workbook: Option<&Workbook>,
    path: &Path,
) -> Result<(), ArchiveError> {
    let mut seen = std::collections::BTreeSet::new();
    let mut refused = Vec::new();
    for entry in entries {
        if !seen.insert(entry.id.as_str()) {
            refused.push(format!("“{}”: the archive holds it twice", entry.id));
        } else if let Some(reason) = workbook.and_then(|workbook| refusal(entry, workbook)) {
            refused.push(format!("“{}”: {reason}", entry.id));
        } else if !crate::storage::journal::is_entry_id(&entry.id) {
            refused.push(format!("“{}”: its id cannot name a file", entry.id));
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(ArchiveError::Invalid(format!(
            "Nothing was changed: {} of the archive's entries cannot be used. {}. Path: {}",
            refused.len(),
            refused.join("; "),
            path.display()
        )))
    }
}

/// Imports the entries of an archive: identical entries are skipped, and an entry whose id is
/// taken by a different one is added under a new id, so nothing on either side is lost. Every
/// entry is checked against `workbook` first, and the import is all or nothing: if one entry
/// cannot be used, or a write fails part-way, nothing is added.
pub fn import(
    journal: &mut Journal,
    workbook: &Workbook,
    path: &Path,
) -> Result<Imported, ArchiveError> {
    let (_, entries) = read_archive(path, journal.data_dir().sealing())?;
    check_archive(&entries, Some(workbook), path)?;
    let mut result = Imported::default();
    let mut new_entries: Vec<Entry> = Vec::new();
    for mut entry in entries {
        match journal.get(&entry.id) {
            Some(existing) if *existing == entry => result.duplicates += 1,
            Some(_) => {
                entry.id = format!("{}-imported", entry.id);
                if journal.get(&entry.id).is_some_and(|e| *e == entry) {
                    result.duplicates += 1;
                } else {
                    result.renamed += 1;
                    new_entries.push(entry);
                }
            }
            None => {
                result.added += 1;
                new_entries.push(entry);
            }
        }
    }
    journal
        .insert_all_or_nothing(new_entries)
        .map_err(|error| {
            ArchiveError::Io(format!(
                "Nothing was imported, and your journal is as it was: {error}"
            ))
        })?;
    Ok(result)
}

/// The backups, newest first.
#[must_use]
pub fn backups(data_dir: &DataDir) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir.backups())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|item| item.path())
        .filter(|path| {
            let named = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("rapport-"));
            named
                && path
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
        })
        .collect();
    paths.sort();
    paths.reverse();
    paths
}

/// Writes today's backup of the whole journal (replacing today's earlier one), and removes
/// backups beyond the newest [`KEEP_BACKUPS`]. Returns the backup's path.
pub fn back_up(journal: &Journal, now: LocalTime) -> Result<PathBuf, ArchiveError> {
    let _lock = journal.lock()?;
    let path = journal.data_dir().backup_for(now.date());
    let registers = registers_of(journal.data_dir());
    // Streamed, as exports are: a backup of a hundred thousand entries is some hundred
    // megabytes, which would otherwise be held two or three times over while written.
    journal
        .data_dir()
        .write_private_streamed(&path, |out| {
            write_archive(out, journal.entries(), &registers, now)
        })
        .map_err(|error| {
            ArchiveError::Io(format!(
                "Could not write the backup: {error}. Path: {}",
                path.display()
            ))
        })?;
    // Only Rapport's own dated backups are ever removed, ordered by the date in their name,
    // beyond the newest fourteen; never the one just written (even with a clock set in the
    // past) and never a file whose name is not one of ours.
    let mut dated: Vec<(jiff::civil::Date, PathBuf)> = backups(journal.data_dir())
        .into_iter()
        .filter(|other| *other != path)
        .filter_map(|other| DataDir::backup_date(&other).map(|date| (date, other)))
        .collect();
    dated.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
    for (_, old) in dated.into_iter().skip(KEEP_BACKUPS - 1) {
        let _ = std::fs::remove_file(old);
    }
    Ok(path)
}

/// Makes today's backup unless there is one already. Returns the path if one was written.
pub fn back_up_daily(journal: &Journal, now: LocalTime) -> Result<Option<PathBuf>, ArchiveError> {
    DailyBackup::due(journal, now)
        .map(DailyBackup::make)
        .transpose()
}

/// Today's backup, still to be made: the journal as it was when it was found due (sharing its
/// entries, not copying them), to write on another thread so that the app need not wait for it.
#[derive(Debug)]
pub struct DailyBackup {
    journal: Journal,
    now: LocalTime,
}

impl DailyBackup {
    /// Today's backup, unless there is one already or there is nothing to back up (one look at
    /// the backups folder).
    #[must_use]
    pub fn due(journal: &Journal, now: LocalTime) -> Option<Self> {
        // A backup of part of the journal is no backup.
        if journal.is_partial() {
            return None;
        }
        let today = journal.data_dir().backup_for(now.date());
        let nothing = journal.is_empty() && registers_of(journal.data_dir()).is_empty();
        (!today.exists() && !nothing).then(|| Self {
            journal: journal.clone(),
            now,
        })
    }

    /// Writes the backup (see [`back_up`]). Returns its path.
    pub fn make(mut self) -> Result<PathBuf, ArchiveError> {
        let made = back_up(&self.journal, self.now);
        // If the journal was locked meanwhile, this copy holds the last of its text.
        self.journal.wipe();
        made
    }
}

/// Restores a backup: the backup is checked whole, its entries are written into a new folder
/// beside the journal, and only then are the folders swapped, the current journal moved aside
/// (never deleted). On any failure the current journal is exactly as it was. Returns where the
/// old journal went. A register kept in the backup is put back if its file is missing; one
/// that is there is left as it is (it holds what was recorded since).
pub fn restore(data_dir: &DataDir, backup: &Path, now: LocalTime) -> Result<PathBuf, ArchiveError> {
    let (archive, entries) = read_archive(backup, data_dir.sealing())?;
    check_archive(&entries, None, backup)?;
    let lock =
        crate::storage::writer_lock::WriterLock::acquire(data_dir).map_err(JournalError::from)?;
    // A restore a kill interrupted is put in place first, so this one moves it aside whole.
    lock.tidy(data_dir);
    let stamp = crate::time::file_stamp(now.instant());
    let building = data_dir.journal_being_restored(&stamp);
    let unchanged = |what: String| {
        let _ = std::fs::remove_dir_all(&building);
        ArchiveError::Io(format!(
            "The backup could not be restored ({what}), so your journal is exactly as it was. Path: {}",
            backup.display()
        ))
    };
    // There is always a journal folder while a restoring folder is being built (an empty one
    // if need be), so that "no `journal/` beside a restoring folder" can only mean the folders
    // were being swapped, and that folder is complete (see `storage::interrupted`).
    let current = data_dir.journal();
    store::create_private_dir_all(&current)
        .and_then(|()| store::sync_dir(data_dir.root()))
        .map_err(|error| unchanged(error.to_string()))?;
    for entry in &entries {
        let text = zeroize::Zeroizing::new(entry_to_ron(entry));
        let path = building.join(format!("{}.ron", entry.id));
        // Each file is flushed as it is written, the folder once below.
        store::create_private_dir_all(&building)
            .and_then(|()| data_dir.write_private_in_batch(&path, &text))
            .map_err(|error| unchanged(error.to_string()))?;
    }
    store::create_private_dir_all(&building).map_err(|error| unchanged(error.to_string()))?;
    store::sync_dir(&building).map_err(|error| unchanged(error.to_string()))?;
    let aside = data_dir.journal_before_restore(&stamp);
    std::fs::rename(&current, &aside).map_err(|error| {
        unchanged(format!(
            "the current journal could not be moved aside: {error}"
        ))
    })?;
    if let Err(error) = std::fs::rename(&building, &current) {
        // Put the journal back where it was.
        let back = std::fs::rename(&aside, &current);
        let _ = std::fs::remove_dir_all(&building);
        return Err(ArchiveError::Io(match back {
            Ok(()) => format!(
                "The backup could not be restored ({error}), so your journal is exactly as it was. Path: {}",
                backup.display()
            ),
            Err(_) => format!(
                "The backup could not be put in place ({error}); your journal is kept, whole, in {}",
                aside.display()
            ),
        }));
    }
    let _ = store::sync_dir(data_dir.root());
    for kept in &archive.registers {
        let path = data_dir.register(&kept.name);
        if is_register_name(&kept.name) && !path.exists() {
            let text = zeroize::Zeroizing::new(kept.text.clone());
            // The journal is restored; a register that cannot be put back stays in the backup.
            let _ = store::create_private_dir_all(&data_dir.registers())
                .and_then(|()| data_dir.write_private(&path, &text, Overwrite::Never));
        }
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_streamed_archive_is_byte_for_byte_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let workbook = Workbook::bundled();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        for text in [
            "plain",
            "a \"quoted\" one",
            "raw \"# and \"## inside",
            "line\nbreak, 中文 مرحبا 🙂",
        ] {
            journal
                .add(
                    workbook.get("coping-skills").unwrap(),
                    [(
                        "situation".to_owned(),
                        crate::content::entry::Answer::Text(text.into()),
                    )]
                    .into(),
                )
                .unwrap();
        }
        let now = LocalTime::now();
        let whole = archive_text(&archive(journal.entries(), now));
        let mut streamed = Vec::new();
        write_archive(&mut streamed, journal.entries(), &[], now).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        // A backup's registers come after the entries, as in the whole text.
        let registers = [KeptFile {
            name: "group-ipt-2026".to_owned(),
            text: "(kind: \"register\", name: \"中文 \\\"run\\\"\")\n".to_owned(),
        }];
        let whole = archive_text(&Archive {
            registers: registers.to_vec(),
            ..archive(journal.entries(), now)
        });
        let mut streamed = Vec::new();
        write_archive(&mut streamed, journal.entries(), &registers, now).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        let back: Archive = format::ARCHIVE.parse(&whole).unwrap();
        assert_eq!(back.registers, registers);
        let mut none = Vec::new();
        write_archive(&mut none, std::iter::empty(), &[], now).unwrap();
        let back: Archive = format::ARCHIVE
            .parse(&String::from_utf8(none).unwrap())
            .unwrap();
        assert!(back.entries.is_empty());
    }
    use super::*;

    /// An archive's entries as text, each an entry file of `worksheet` with these answers.
    fn archive_of(entries: &[(&str, &str, &str)]) -> String {
        let texts: Vec<String> = entries
            .iter()
            .map(|(id, worksheet, answers)| {
                format!(
                    "(version: 1, id: \"{id}\", worksheet: \"{worksheet}\", worksheet_version: 1, created: \"2026-11-25T09:00:00+00:00\", edited: \"2026-11-25T09:00:00+00:00\", answers: {{{answers}}})"
                )
            })
            .collect();
        let archive = Archive {
            kind: KIND.to_owned(),
            version: 1,
            created: "2026-11-25T09:00:00+00:00".parse().unwrap(),
            entries: texts,
            registers: Vec::new(),
        };
        archive_text(&archive)
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .map(|listing| {
                listing
                    .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn an_import_with_any_unusable_entry_adds_nothing_and_names_each_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut journal = Journal::open(data.clone()).unwrap();
        let path = dir.path().join("archive.ron");
        std::fs::write(
            &path,
            archive_of(&[
                (
                    "20261125T090000Z-good",
                    "coping-skills",
                    "\"intensity_before\": Number(4)",
                ),
                (
                    "20261125T090000Z-huge",
                    "coping-skills",
                    "\"intensity_before\": Number(999999)",
                ),
                (
                    "20261125T090000Z-kind",
                    "coping-skills",
                    "\"intensity_before\": Text(\"high\")",
                ),
                ("20261125T090000Z-who", "no-such-sheet", "\"x\": Number(1)"),
                (
                    "../../escape",
                    "coping-skills",
                    "\"intensity_before\": Number(4)",
                ),
                (
                    "20261125T090000Z-good",
                    "coping-skills",
                    "\"intensity_before\": Number(5)",
                ),
            ]),
        )
        .unwrap();
        let error = import(&mut journal, &Workbook::bundled(), &path)
            .unwrap_err()
            .to_string();
        for named in [
            "-huge",
            "-kind",
            "-who",
            "../../escape",
            "twice",
            "Nothing was changed: 5",
        ] {
            assert!(error.contains(named), "{named} in {error}");
        }
        assert!(!error.contains("os error"), "{error}");
        assert!(journal.is_empty());
        assert!(names(&data.journal()).is_empty(), "nothing was written");
    }

    #[test]
    fn a_restore_that_cannot_be_done_leaves_the_journal_exactly_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut journal = Journal::open(data.clone()).unwrap();
        let worksheet = Workbook::bundled().get("coping-skills").unwrap().clone();
        let mut answers = crate::content::entry::Answers::new();
        answers.insert(
            "intensity_before".into(),
            crate::content::entry::Answer::Number(3),
        );
        journal.add(&worksheet, answers).unwrap();
        let before = names(&data.journal());
        let backup = dir.path().join("backup.ron");
        std::fs::write(
            &backup,
            archive_of(&[
                (
                    "20261125T090000Z-a",
                    "coping-skills",
                    "\"intensity_before\": Number(4)",
                ),
                (
                    "20261125T090000Z-a",
                    "coping-skills",
                    "\"intensity_before\": Number(5)",
                ),
            ]),
        )
        .unwrap();
        let now: LocalTime = "2026-11-26T09:00:00+00:00".parse().unwrap();
        let error = restore(&data, &backup, now).unwrap_err().to_string();
        assert!(
            error.contains("twice") && error.contains("Nothing was changed"),
            "{error}"
        );
        assert_eq!(names(&data.journal()), before);
        assert_eq!(
            names(dir.path()),
            ["backup.ron", "journal", "rapport.lock"],
            "nothing moved aside or left half-built (the writer lock is the save's)"
        );

        // A good backup swaps in whole, and the old journal is kept beside it.
        std::fs::write(
            &backup,
            archive_of(&[(
                "20261125T090000Z-a",
                "coping-skills",
                "\"intensity_before\": Number(4)",
            )]),
        )
        .unwrap();
        let aside = restore(&data, &backup, now).unwrap();
        assert_eq!(names(&aside), before);
        assert_eq!(names(&data.journal()), ["20261125T090000Z-a.ron"]);
        assert!(
            !data
                .journal_being_restored(&crate::time::file_stamp(now.instant()))
                .exists()
        );
    }

    #[test]
    fn retention_removes_only_rapports_own_dated_backups_and_never_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        std::fs::create_dir_all(data.backups()).unwrap();
        let mut day: jiff::civil::Date = "2026-11-01".parse().unwrap();
        for _ in 0..16 {
            std::fs::write(data.backup_for(day), "x").unwrap();
            day = day.tomorrow().unwrap();
        }
        let mine = data.backups().join("rapport-2019-my-own-archive.ron");
        std::fs::write(&mine, "my own").unwrap();
        let odd = data.backups().join("rapport-2026-02-30.ron");
        std::fs::write(&odd, "not a real date").unwrap();
        let journal = Journal::open(data.clone()).unwrap();
        // A clock set years in the past.
        let past: LocalTime = "2019-01-01T09:00:00+00:00".parse().unwrap();
        let written = back_up(&journal, past).unwrap();
        assert!(written.exists(), "the new backup is never removed");
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own");
        assert!(odd.exists());
        let dated: Vec<_> = backups(&data)
            .into_iter()
            .filter(|path| DataDir::backup_date(path).is_some())
            .collect();
        assert_eq!(dated.len(), KEEP_BACKUPS);
        // The thirteen newest of the old ones stay beside the new one.
        assert!(data.backup_for("2026-11-16".parse().unwrap()).exists());
        assert!(data.backup_for("2026-11-04".parse().unwrap()).exists());
        assert!(!data.backup_for("2026-11-03".parse().unwrap()).exists());
    }
    use crate::content::entry::{Answer, Answers};
    use crate::content::workbook::Workbook;
    use crate::storage::export::{to_csv, to_markdown, write};

    fn journal_with(dir: &Path, count: i64) -> Journal {
        let workbook = Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let mut journal = Journal::open(DataDir::new(dir)).unwrap();
        for n in 0..count {
            let mut answers = Answers::new();
            answers.insert(
                "situation".into(),
                Answer::Text(format!("Day {n}, \"quoted\", with a comma")),
            );
            answers.insert("intensity_before".into(), Answer::Number(n % 11));
            let when: LocalTime = format!("2026-11-{:02}T10:00:00+00:00", n + 1)
                .parse()
                .unwrap();
            journal.add_at(coping, answers, when).unwrap();
        }
        journal
    }

    #[test]
    fn an_archive_round_trips_and_import_detects_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal_with(dir.path(), 3);
        let path = dir.path().join("archive.ron");
        write(
            &path,
            &archive_text(&archive(journal.entries(), LocalTime::now())),
        )
        .unwrap();
        let (_, entries) = read_archive(&path, &Sealing::Plain).unwrap();
        assert_eq!(entries, journal.entries().cloned().collect::<Vec<_>>());

        // Into the same journal: all duplicates.
        let mut same = Journal::open(DataDir::new(dir.path())).unwrap();
        assert_eq!(
            import(&mut same, &Workbook::bundled(), &path).unwrap(),
            Imported {
                added: 0,
                duplicates: 3,
                renamed: 0
            }
        );
        // Into an empty one: all added.
        let other = tempfile::tempdir().unwrap();
        let mut fresh = Journal::open(DataDir::new(other.path())).unwrap();
        assert_eq!(
            import(&mut fresh, &Workbook::bundled(), &path)
                .unwrap()
                .added,
            3
        );
        // A different entry under the same id is kept, under a new id.
        let first = fresh.entries().next().unwrap().clone();
        let workbook = Workbook::bundled();
        let mut answers = first.answers.clone();
        answers.insert("intensity_before".into(), Answer::Number(10));
        fresh
            .update(&first.id, workbook.get("coping-skills").unwrap(), answers)
            .unwrap();
        assert_eq!(
            import(&mut fresh, &Workbook::bundled(), &path).unwrap(),
            Imported {
                added: 0,
                duplicates: 2,
                renamed: 1
            }
        );
        assert_eq!(fresh.len(), 4);
    }

    #[test]
    fn csv_has_a_row_per_entry_and_a_column_per_field() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal_with(dir.path(), 2);
        let entries: Vec<&Entry> = journal.entries().collect();
        let csv = to_csv(&Workbook::bundled(), &entries, Some("coping-skills"));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].starts_with("id,worksheet,created,edited,Situation,"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains("\"Day 0, \"\"quoted\"\", with a comma\""),
            "{}",
            lines[1]
        );
        let markdown = to_markdown(&Workbook::bundled(), &entries);
        assert!(
            markdown.contains("## Coping skills, Sun 1 Nov 2026, 10:00"),
            "{markdown}"
        );
        assert!(markdown.contains("**What is happening, or what just happened?**"));
    }

    #[test]
    fn a_daily_backup_keeps_the_journal_as_it_was_when_due_while_the_journal_changes_and_locks() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = journal_with(dir.path(), 3);
        let now: LocalTime = "2026-11-25T12:00:00+00:00".parse().unwrap();
        let backup = DailyBackup::due(&journal, now).expect("no backup yet today");
        // Meanwhile the person saves an entry, then locks the journal (its text is wiped).
        journal
            .add(
                Workbook::bundled().get("forgiveness").unwrap(),
                [("readiness".to_owned(), Answer::Number(3))].into(),
            )
            .unwrap();
        assert_eq!(journal.len(), 4);
        journal.wipe();
        assert!(journal.is_empty());
        let path = backup.make().unwrap();
        let (_, backed_up) = read_archive(&path, &Sealing::Plain).unwrap();
        assert_eq!(
            backed_up.len(),
            3,
            "the journal as it was when the backup was due"
        );
        assert!(
            backed_up
                .iter()
                .all(|entry| entry.worksheet == "coping-skills")
        );
        assert!(DailyBackup::due(&journal_with(dir.path(), 0), now).is_none());
    }

    #[test]
    fn restore_moves_the_current_journal_aside_first() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal_with(dir.path(), 2);
        let backup = back_up(&journal, "2026-11-25T12:00:00+00:00".parse().unwrap()).unwrap();
        assert!(
            back_up_daily(&journal, "2026-11-25T18:00:00+00:00".parse().unwrap())
                .unwrap()
                .is_none()
        );
        drop(journal);
        let mut later = journal_with(dir.path(), 0);
        later
            .add(
                Workbook::bundled().get("forgiveness").unwrap(),
                [("readiness".to_owned(), Answer::Number(3))].into(),
            )
            .unwrap();
        let data = DataDir::new(dir.path());
        let aside = restore(&data, &backup, LocalTime::now()).unwrap();
        assert_eq!(Journal::open(data).unwrap().len(), 2);
        assert_eq!(
            std::fs::read_dir(aside).unwrap().count(),
            3,
            "the journal before the restore is kept"
        );
    }
}
