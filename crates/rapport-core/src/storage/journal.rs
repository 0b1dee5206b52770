//! The journal: the user's entries, one RON file each, saved atomically and never lost by one
//! action. Edits keep the previous version; deletes move the file to the trash.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::entry::{Answers, ENTRY_FORMAT, Entry, check_answers, without_blanks};
use crate::content::worksheet::Worksheet;
use crate::format::{self, FormatError};
use crate::problem::Problem;
use crate::ron_format;
use crate::storage::atomic::{self as store, Overwrite};
use crate::storage::journal_pack as pack;
use crate::storage::layout::DataDir;
use crate::storage::seal::Sealing;
use crate::storage::writer_lock::{LockError, WriterLock};
use crate::time::LocalTime;

/// The largest entry file that will be read. Real entries are a few kilobytes.
pub const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;

/// Why a journal action failed. Messages are written for the user; paths come last.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Some answers do not fit the worksheet.
    #[error("Some answers do not fit this worksheet: {0}")]
    Invalid(String),
    /// No worksheet has that id.
    #[error("There is no worksheet “{0}” in your workbook, so nothing was saved.")]
    NoWorksheet(String),
    /// An entry's id (from an archive or a backup) cannot name a file.
    #[error(
        "“{0}” cannot be the name of an entry (only letters, digits and dashes), so it was not saved."
    )]
    BadId(String),
    /// An entry's file could not be read, so it cannot be changed.
    #[error("{reason}; nothing was changed. Path: {}", path.display())]
    Unreadable {
        /// Why, in words for a person.
        reason: String,
        /// The entry's file.
        path: PathBuf,
    },
    /// Every answer is blank.
    #[error("Nothing to save yet: answer at least one step.")]
    Empty,
    /// No entry has that id.
    #[error("There is no entry “{0}” in the journal.")]
    NotFound(String),
    /// Only part of the journal is open yet (see [`Journal::open_part`]): nothing is written.
    #[error(
        "Rapport is still reading your journal, so nothing was changed. Try again in a moment."
    )]
    StillOpening,
    /// The entry answers a different worksheet than the one given.
    #[error("The entry “{entry}” answers “{expected}”, not “{given}”.")]
    WrongWorksheet {
        /// The entry's id.
        entry: String,
        /// The worksheet the entry answers.
        expected: String,
        /// The worksheet that was given.
        given: String,
    },
    /// Another window or command is writing the journal, and did not finish in time.
    #[error(transparent)]
    Busy(#[from] LockError),
    /// The entry's file changed on disk after it was read here (another window, a command, a
    /// sync tool): the edit is refused rather than written over the other change.
    #[error(
        "This entry was changed in another window or by another program after it was opened here, so your changes were not saved over it. Your answers are still here: open the entry again to see the other version, then make your changes to it. Path: {}", path.display()
    )]
    ChangedElsewhere {
        /// The entry's file.
        path: PathBuf,
    },
    /// An entry to add has the name of one another window or program added meanwhile.
    #[error(
        "Another window or program added an entry with the same name meanwhile, so nothing was added. Try again. Path: {}", path.display()
    )]
    Taken {
        /// The entry file already there.
        path: PathBuf,
    },
    /// The entry's file went away after it was read here.
    #[error(
        "This entry was deleted or moved in another window or by another program after it was opened here, so your changes were not saved. Look in the trash. Path: {}", path.display()
    )]
    GoneElsewhere {
        /// The entry's file.
        path: PathBuf,
    },
    /// The disk refused.
    #[error("Could not {action}: {source}. Path: {}", path.display())]
    Io {
        /// What was being done, e.g. "save the entry".
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

impl JournalError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| JournalError::Io {
            action,
            path,
            source,
        }
    }
}

/// Why one entry file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EntryFileError {
    /// The bytes could not be read as text.
    #[error("This entry {0}")]
    Read(#[from] store::ReadError),
    /// The text is not an entry of a format this version reads.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The id in the file does not match its name, e.g. a copied file.
    #[error(
        "The id inside this entry (“{inside}”) does not match its file name; it may be a copy. Rename it to {inside}.ron or remove the copy"
    )]
    IdMismatch {
        /// The id written in the file.
        inside: String,
    },
}

/// Reads an entry file's text, migrating older formats to the current one.
pub fn parse_entry_text(text: &str) -> Result<Entry, EntryFileError> {
    Ok(format::ENTRY.parse(text)?)
}

/// Reads and checks one entry file, sealed or plain.
pub fn read_entry_file(path: &Path, sealing: &Sealing) -> Result<Entry, EntryFileError> {
    let text = store::read_private(path, MAX_ENTRY_BYTES, sealing)?;
    let entry = parse_entry_text(&text)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if entry.id != stem {
        return Err(EntryFileError::IdMismatch { inside: entry.id });
    }
    Ok(entry)
}

/// Serialises an entry as the pretty RON written to disk.
#[must_use]
pub fn entry_to_ron(entry: &Entry) -> String {
    // Serialising plain data to a String cannot fail; fall back to the compact form regardless.
    ron::ser::to_string_pretty(entry, ron_format::pretty())
        .or_else(|_| ron::to_string(entry))
        .unwrap_or_default()
        + "\n"
}

/// A short fingerprint of an entry's content, to tell whether it changed since it was read
/// (not a security measure: it guards against another writer, not an adversary).
#[must_use]
pub fn fingerprint(entry: &Entry) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let text = zeroize::Zeroizing::new(entry_to_ron(entry));
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// What the journal folder looked like at a moment: its modification time and identity. A
/// save, an edit, a delete or a restore in any process changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FolderStamp {
    modified: Option<std::time::SystemTime>,
    identity: u64,
}

impl FolderStamp {
    fn of(folder: &Path) -> Option<Self> {
        let metadata = fs::metadata(folder).ok()?;
        #[cfg(unix)]
        let identity = std::os::unix::fs::MetadataExt::ino(&metadata);
        #[cfg(not(unix))]
        let identity = 0;
        Some(Self {
            modified: metadata.modified().ok(),
            identity,
        })
    }
}

/// A deleted entry in the trash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrashedEntry {
    /// The file in the trash folder.
    pub path: PathBuf,
    /// The entry as it was when deleted.
    pub entry: Entry,
}

/// The user's journal, loaded in memory; every change is written to disk before it returns.
///
/// A clone is cheap: it shares the entries until one of the two changes them (then that one
/// copies them), so a backup can be written from a clone on another thread while the app goes on.
#[derive(Clone, Debug)]
pub struct Journal {
    dir: DataDir,
    /// Whether stale temporary files were cleared, done once, at the first save.
    swept: bool,
    entries: std::sync::Arc<BTreeMap<String, Entry>>,
    problems: Vec<Problem>,
    revision: u64,
    /// The journal folder as this journal last read or wrote it, to notice other writers.
    seen: Option<FolderStamp>,
    /// Whether some entry files were not in the journal pack when it was opened (or the pack
    /// held others), so a new pack would make the next start quicker.
    pack_is_stale: bool,
    /// Whether only some of the entry files were read (see [`Journal::open_part`]).
    partial: bool,
}

impl Journal {
    /// Opens the journal in `dir`. Files that cannot be read are listed in
    /// [`Journal::problems`] and left untouched; a missing folder is an empty journal.
    pub fn open(dir: DataDir) -> Result<Self, JournalError> {
        let seen = FolderStamp::of(&dir.journal());
        // Opening never writes: the folder is created by the first save, and what a killed
        // restore or import left is read where it is and put in place by the first writer.
        let (folder, imports) = crate::storage::interrupted::journal_folders(&dir);
        let (paths, imported) = list_journal(&folder, &imports)?;
        let pack_text = pack::read(&dir);
        let pack = pack_text
            .as_deref()
            .and_then(|text| pack::Pack::parse(text.as_str()));
        let mut problems = Vec::new();
        let (read, from_pack) = read_all(&paths, dir.sealing(), pack.as_ref());
        let pack_is_stale =
            pack.as_ref().is_none_or(|pack| pack.len() != from_pack) || from_pack != paths.len();
        let mut read_entries = Vec::with_capacity(read.len());
        for (index, (path, result)) in read.into_iter().enumerate() {
            match result {
                Ok(entry) => read_entries.push((entry.id.clone(), entry)),
                // Moved into the journal since it was listed: read there.
                Err(_) if index < imported && !path.exists() => {}
                Err(error) => problems.push(Problem::new(path, error.to_string())),
            }
        }
        // Built in one go (sorted, then bulk-built), not by eleven thousand inserts. An id read
        // twice is one file moved from a counted import into the journal between the listings.
        let entries = std::sync::Arc::new(read_entries.into_iter().collect());
        Ok(Self {
            dir,
            swept: false,
            entries,
            problems,
            revision: 0,
            seen,
            pack_is_stale,
            partial: false,
        })
    }

    /// Opens only the entry files that `choose` keeps, given every entry file's name as listed:
    /// enough for one screen while the whole journal is read (see `Model::open_for_today`).
    /// They are read from the files themselves, never from the pack, so nothing is stale; the
    /// journal says it is [partial](Journal::is_partial), and nothing may be saved through it.
    pub fn open_part(
        dir: DataDir,
        choose: impl FnOnce(&[&str]) -> Vec<bool>,
    ) -> Result<Self, JournalError> {
        let seen = FolderStamp::of(&dir.journal());
        let (folder, imports) = crate::storage::interrupted::journal_folders(&dir);
        let (listed, _) = list_journal(&folder, &imports)?;
        let names: Vec<&str> = listed
            .iter()
            .map(|file| {
                file.path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .unwrap_or_default()
            })
            .collect();
        let keep = choose(&names);
        let chosen: Vec<Listed> = listed
            .into_iter()
            .zip(keep.into_iter().chain(std::iter::repeat(true)))
            .filter_map(|(file, keep)| keep.then_some(file))
            .collect();
        let (read, _) = read_all(&chosen, dir.sealing(), None);
        let mut problems = Vec::new();
        let mut entries = BTreeMap::new();
        for (path, result) in read {
            match result {
                Ok(entry) => {
                    entries.insert(entry.id.clone(), entry);
                }
                Err(error) => problems.push(Problem::new(path, error.to_string())),
            }
        }
        Ok(Self {
            dir,
            swept: false,
            entries: std::sync::Arc::new(entries),
            problems,
            revision: 0,
            seen,
            pack_is_stale: false,
            partial: true,
        })
    }

    /// Whether only some entries were read (by [`Journal::open_part`]), to be followed by the
    /// whole journal.
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Takes over from `earlier`, the journal shown until this one was read: its revision
    /// follows the earlier one's, so every view cached on the earlier entries is redrawn.
    pub fn follow(&mut self, earlier: &Self) {
        self.revision = self.revision.max(earlier.revision + 1);
    }

    /// Whether the journal pack did not match the files when this journal was read, so that
    /// [`Journal::refresh_pack`] is worth running.
    #[must_use]
    pub fn pack_is_stale(&self) -> bool {
        self.pack_is_stale
    }

    /// Writes a new pack of the journal folder as it is now, reusing the texts of the old pack for
    /// files unchanged since. Only when no other writer is at work (it never waits), and only files
    /// that read as entries are recorded. Returns how many files the new pack holds, or `None` if
    /// it was not written (another writer, or the journal is not readable here).
    #[must_use = "None means no pack was written"]
    pub fn refresh_pack(data_dir: &DataDir) -> Option<usize> {
        let _lock = WriterLock::acquire_within(data_dir, std::time::Duration::ZERO).ok()?;
        let old_text = pack::read(data_dir);
        let old = old_text
            .as_deref()
            .and_then(|text| pack::Pack::parse(text.as_str()))
            .unwrap_or_default();
        let mut count = 0;
        // Streamed to the file, not gathered: a hundred thousand entries make a pack of some
        // hundred megabytes, which the app would otherwise hold twice while writing it.
        let write = |out: &mut dyn io::Write| -> io::Result<()> {
            pack::start(out)?;
            let mut old = old.reader();
            for file in listed(&data_dir.journal()) {
                let path = &file.path;
                let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                    continue;
                };
                if name.contains(['\t', '\n']) {
                    continue;
                }
                let Some(key) = file.key() else {
                    continue;
                };
                if let Some(text) = old.text_of(name, &key) {
                    pack::push(out, name, &key, text)?;
                    count += 1;
                    continue;
                }
                let Ok(text) = data_dir.read_private(path, MAX_ENTRY_BYTES) else {
                    continue;
                };
                // Only entries: an unreadable file is read (and reported) from disk each time.
                let Some(record) = parse_entry_text(&text)
                    .ok()
                    .and_then(|entry| pack::record_of(&entry))
                else {
                    continue;
                };
                let record = zeroize::Zeroizing::new(record);
                // Recorded with the key seen before reading: if the file changed meanwhile, its
                // key changed too, and the pack's record is not used for it.
                pack::push(out, name, &key, &record)?;
                count += 1;
            }
            Ok(())
        };
        data_dir
            .write_private_streamed(&data_dir.journal_pack(), write)
            .ok()?;
        Some(count)
    }

    /// Reads the journal again from disk, as [`Journal::open`], keeping the revision rising
    /// so that views cached on it are redrawn.
    pub fn reopen(&self) -> Result<Self, JournalError> {
        let mut reopened = Self::open(self.dir.clone())?;
        reopened.revision = self.revision + 1;
        Ok(reopened)
    }

    /// Whether another window or program has changed the journal folder since this journal
    /// read or last wrote it (cheap: one `stat` of the folder).
    #[must_use]
    pub fn changed_on_disk(&self) -> bool {
        FolderStamp::of(&self.dir.journal()) != self.seen
    }

    /// Takes the data folder's writer lock (see [`crate::storage::writer_lock`]).
    /// Refused while the journal is [partial](Journal::is_partial): every write starts here,
    /// so none is made from part of the entries.
    pub fn lock(&self) -> Result<WriterLock, JournalError> {
        if self.partial {
            return Err(JournalError::StillOpening);
        }
        Ok(WriterLock::acquire(&self.dir)?)
    }

    /// Notes the journal folder as this journal's own writes left it (under the writer lock,
    /// so no other writer's change can hide in between).
    fn note_own_write(&mut self) {
        self.seen = FolderStamp::of(&self.dir.journal());
    }

    /// Refuses unless the file of entry `id` still holds the entry as read here.
    fn check_unchanged(&self, id: &str) -> Result<(), JournalError> {
        let path = self.path_of(id);
        let loaded = self
            .entries
            .get(id)
            .ok_or_else(|| JournalError::NotFound(id.to_owned()))?;
        match read_entry_file(&path, self.dir.sealing()) {
            Ok(on_disk) if on_disk == *loaded => Ok(()),
            Ok(_) => Err(JournalError::ChangedElsewhere { path }),
            Err(EntryFileError::Read(store::ReadError::Io(error)))
                if error.kind() == io::ErrorKind::NotFound =>
            {
                Err(JournalError::GoneElsewhere { path })
            }
            Err(error) => Err(JournalError::Unreadable {
                reason: error.to_string(),
                path,
            }),
        }
    }

    /// Reads the one entry `id` into a journal opened with [`Journal::empty`], for editing it
    /// without reading the whole journal.
    pub fn load_one(&mut self, id: &str) -> Result<&Entry, JournalError> {
        let path = self.path_of(id);
        if !is_entry_id(id) || !path.is_file() {
            return Err(JournalError::NotFound(id.to_owned()));
        }
        let entry = read_entry_file(&path, self.dir.sealing()).map_err(|error| {
            JournalError::Unreadable {
                reason: error.to_string(),
                path: path.clone(),
            }
        })?;
        self.entries_mut().insert(id.to_owned(), entry);
        Ok(&self.entries[id])
    }

    /// A journal with no entries that reads nothing from `dir`: a locked journal's stand-in,
    /// and the start of a save that needs no other entry (see [`Journal::load_one`]).
    #[must_use]
    pub fn empty(dir: DataDir) -> Self {
        Self {
            dir,
            swept: false,
            entries: std::sync::Arc::default(),
            problems: Vec::new(),
            revision: 0,
            seen: None,
            pack_is_stale: false,
            partial: false,
        }
    }

    /// The data folder this journal lives in.
    #[must_use]
    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    /// A number that changes whenever the entries change, for caching derived views.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// All entries, in id order (which is creation order for entries Rapport made).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// How many entries there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the journal has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries answering one worksheet, newest first.
    #[must_use]
    pub fn entries_for(&self, worksheet: &str) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self
            .entries
            .values()
            .filter(|entry| entry.worksheet == worksheet)
            .collect();
        entries.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
        entries
    }

    /// The entry with the given id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// Files in the journal folder that could not be read.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The file that holds the entry `id`.
    #[must_use]
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.entry(id)
    }

    /// Saves a new entry for `worksheet`, now. Returns the new entry.
    pub fn add(&mut self, worksheet: &Worksheet, answers: Answers) -> Result<&Entry, JournalError> {
        self.add_at(worksheet, answers, LocalTime::now())
    }

    /// Saves a new entry for `worksheet`, created at `when`. Returns the new entry.
    pub fn add_at(
        &mut self,
        worksheet: &Worksheet,
        answers: Answers,
        when: LocalTime,
    ) -> Result<&Entry, JournalError> {
        let answers = checked(worksheet, answers)?;
        let lock = self.lock()?;
        self.sweep(&lock);
        let base = format!(
            "{}-{}",
            when.instant().strftime("%Y%m%dT%H%M%SZ"),
            worksheet.id
        );
        let mut entry = Entry {
            version: ENTRY_FORMAT,
            id: base.clone(),
            worksheet: worksheet.id.clone(),
            worksheet_version: worksheet.version,
            created: when,
            edited: when,
            answers,
        };
        // Two entries in the same second get -2, -3, …, chosen from what is known (the entries
        // read, and a check that no file has the name), so a save writes one file. The
        // no-clobber rename stays the final guard: if another writer took the name meanwhile,
        // the next free one is used. Never replaces a file already there, even an unreadable one.
        let mut taken = BTreeSet::new();
        loop {
            entry.id = self.free_id(&base, &taken);
            let path = self.path_of(&entry.id);
            match self.write_entry(&path, &entry, Overwrite::Never) {
                Ok(()) => break,
                // Only a file that appeared under this very name is another writer's save;
                // "already exists" for anything else (a file where the folder should be) is a
                // failure to report, not a name to skip.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && path.exists() => {
                    taken.insert(entry.id.clone());
                }
                Err(error) => return Err(JournalError::io("save the entry", &path)(error)),
            }
        }
        let id = entry.id.clone();
        self.entries_mut().insert(id.clone(), entry);
        self.revision += 1;
        self.note_own_write();
        Ok(&self.entries[&id])
    }

    /// The first of `base`, `base-2`, `base-3`, … that no entry read has, that is not in
    /// `taken`, and that no file in the journal folder uses.
    fn free_id(&self, base: &str, taken: &BTreeSet<String>) -> String {
        let mut number = 1u64;
        loop {
            let id = if number == 1 {
                base.to_owned()
            } else {
                format!("{base}-{number}")
            };
            if !self.entries.contains_key(&id)
                && !taken.contains(&id)
                && !self.path_of(&id).exists()
            {
                return id;
            }
            number += 1;
        }
    }

    /// Adds `entries` exactly as given (from an archive), all or nothing, even if the process is
    /// killed part-way: they are written into a folder of their own, which one rename makes
    /// count, and only then moved into the journal (see [`crate::storage::interrupted`]).
    /// Refuses, writing nothing, if an id is taken or cannot name a file.
    pub fn insert_all_or_nothing(&mut self, entries: Vec<Entry>) -> Result<(), JournalError> {
        let lock = self.lock()?;
        self.sweep(&lock);
        if entries.is_empty() {
            return Ok(());
        }
        for entry in &entries {
            if !is_entry_id(&entry.id) {
                return Err(JournalError::BadId(entry.id.clone()));
            }
            let path = self.path_of(&entry.id);
            if path.exists() {
                return Err(JournalError::Taken { path });
            }
        }
        let stamp = format!(
            "{}-{:08x}",
            crate::time::file_stamp(jiff::Timestamp::now()),
            fastrand::u32(..)
        );
        let building = self.dir.journal_being_imported(&stamp);
        let counted = self.dir.journal_imported(&stamp);
        let staged = (|| {
            store::create_private_dir_all(&building)?;
            for entry in &entries {
                let path = building.join(format!("{}.ron", entry.id));
                let text = zeroize::Zeroizing::new(entry_to_ron(entry));
                self.dir.write_private_in_batch(&path, &text)?;
            }
            store::sync_dir(&building)?;
            // The moment the import counts.
            fs::rename(&building, &counted)?;
            store::sync_dir(self.dir.root())
        })();
        if let Err(error) = staged
            && !counted.exists()
        {
            let _ = fs::remove_dir_all(&building);
            return Err(JournalError::io("write the imported entries", &building)(
                error,
            ));
        }
        // Counted: whatever happens now, readers see the entries, and a failed move is finished
        // by the next writer.
        let _ =
            crate::storage::interrupted::move_in(&counted, &self.dir.journal(), self.dir.root());
        for entry in entries {
            self.entries_mut().insert(entry.id.clone(), entry);
        }
        self.revision += 1;
        self.note_own_write();
        Ok(())
    }

    /// Replaces the answers of entry `id`, keeping the previous version in `versions/ID/`.
    /// Refuses, changing nothing, if the entry's file changed on disk since it was read here.
    pub fn update(
        &mut self,
        id: &str,
        worksheet: &Worksheet,
        answers: Answers,
    ) -> Result<&Entry, JournalError> {
        self.update_at(id, worksheet, answers, LocalTime::now())
    }

    /// As [`Journal::update`], edited at `when`.
    pub fn update_at(
        &mut self,
        id: &str,
        worksheet: &Worksheet,
        answers: Answers,
        when: LocalTime,
    ) -> Result<&Entry, JournalError> {
        let previous = self
            .entries
            .get(id)
            .ok_or_else(|| JournalError::NotFound(id.to_owned()))?;
        if previous.worksheet != worksheet.id {
            return Err(JournalError::WrongWorksheet {
                entry: id.to_owned(),
                expected: previous.worksheet.clone(),
                given: worksheet.id.clone(),
            });
        }
        // Answers to steps the worksheet no longer has (a user's file dropped them) are the
        // person's writing: kept as they were, never checked against steps that are gone.
        let known = worksheet.answer_ids();
        let old: Answers = previous
            .answers
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let given: Answers = answers
            .into_iter()
            .filter(|(key, value)| old.get(key) != Some(value))
            .collect();
        let mut answers = checked(worksheet, given)?;
        answers.extend(old);
        let lock = self.lock()?;
        self.sweep(&lock);
        self.check_unchanged(id)?;
        let previous = &self.entries[id];
        self.keep_version(previous)?;
        let mut entry = previous.clone();
        entry.answers = answers;
        entry.edited = when;
        entry.worksheet_version = worksheet.version;
        entry.version = ENTRY_FORMAT;
        let path = self.path_of(id);
        self.write_entry(&path, &entry, Overwrite::Replace)
            .map_err(JournalError::io("save the entry", &path))?;
        self.entries_mut().insert(id.to_owned(), entry);
        self.revision += 1;
        self.note_own_write();
        Ok(&self.entries[id])
    }

    /// Writes one entry's file, sealed if the journal is protected; the plain text is wiped.
    fn write_entry(&self, path: &Path, entry: &Entry, overwrite: Overwrite) -> io::Result<()> {
        let text = zeroize::Zeroizing::new(entry_to_ron(entry));
        self.dir.write_private(path, &text, overwrite)
    }

    /// Wipes every entry's text from memory and empties the journal, for locking.
    pub fn wipe(&mut self) {
        // Shared with a clone (a backup being written), the entries are wiped by whichever of
        // the two lets go of them last.
        if let Some(mut entries) = std::sync::Arc::into_inner(std::mem::take(&mut self.entries)) {
            for entry in entries.values_mut() {
                entry.wipe();
            }
        }
        self.revision += 1;
    }

    /// The entries, to change: copied first if a clone shares them.
    fn entries_mut(&mut self) -> &mut BTreeMap<String, Entry> {
        std::sync::Arc::make_mut(&mut self.entries)
    }

    /// Clears temporary files that interrupted saves left behind in every private folder, once
    /// per journal, under the writer lock (so none can belong to a save still running):
    /// opening never writes, so this waits for the first write.
    fn sweep(&mut self, lock: &WriterLock) {
        if !self.swept {
            self.swept = true;
            lock.tidy(&self.dir);
        }
    }

    /// Writes `entry` as it is now into its versions folder.
    fn keep_version(&self, entry: &Entry) -> Result<(), JournalError> {
        let folder = self.dir.versions_of(&entry.id);
        let stamp = entry
            .edited
            .instant()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string();
        // As for new entries: the first free name, then the no-clobber rename as the guard.
        let mut attempt = 1u64;
        loop {
            let name = if attempt == 1 {
                format!("{stamp}.ron")
            } else {
                format!("{stamp}-{attempt}.ron")
            };
            attempt += 1;
            let path = folder.join(name);
            if path.exists() {
                continue;
            }
            match self.write_entry(&path, entry, Overwrite::Never) {
                Ok(()) => return Ok(()),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && path.exists() => {}
                Err(error) => {
                    return Err(JournalError::io("keep the previous version", &path)(error));
                }
            }
        }
    }

    /// Earlier versions of entry `id`, newest first. Unreadable version files are skipped.
    #[must_use]
    pub fn versions(&self, id: &str) -> Vec<Entry> {
        let mut versions: Vec<Entry> = entry_files(&self.dir.versions_of(id))
            .iter()
            .filter_map(|path| {
                let text = self.dir.read_private(path, MAX_ENTRY_BYTES).ok()?;
                parse_entry_text(&text).ok()
            })
            .collect();
        versions.sort_by_key(|version| std::cmp::Reverse(version.edited));
        versions
    }

    /// Moves entry `id` to the trash. Returns the file it now lives in.
    pub fn delete(&mut self, id: &str) -> Result<PathBuf, JournalError> {
        if !self.entries.contains_key(id) {
            return Err(JournalError::NotFound(id.to_owned()));
        }
        let lock = self.lock()?;
        self.sweep(&lock);
        let from = self.path_of(id);
        let trash = self.dir.trash();
        let mut to = trash.join(format!("{id}.ron"));
        for attempt in 2u64.. {
            if !to.exists() {
                break;
            }
            to = trash.join(format!("{id}.{attempt}.ron"));
        }
        store::move_file(&from, &to)
            .map_err(JournalError::io("move the entry to the trash", &from))?;
        self.entries_mut().remove(id);
        self.revision += 1;
        self.note_own_write();
        Ok(to)
    }

    /// The entries in the trash, most recently edited first.
    #[must_use]
    pub fn trash(&self) -> Vec<TrashedEntry> {
        let mut trashed: Vec<TrashedEntry> = entry_files(&self.dir.trash())
            .into_iter()
            .filter_map(|path| {
                let text = self.dir.read_private(&path, MAX_ENTRY_BYTES).ok()?;
                let entry = parse_entry_text(&text).ok()?;
                Some(TrashedEntry { path, entry })
            })
            .collect();
        trashed.sort_by_key(|item| std::cmp::Reverse(item.entry.edited));
        trashed
    }

    /// Restores an entry from the trash, by its id. Refuses if an entry with that id exists.
    pub fn restore(&mut self, id: &str) -> Result<&Entry, JournalError> {
        let lock = self.lock()?;
        self.sweep(&lock);
        let trashed = self
            .trash()
            .into_iter()
            .find(|t| t.entry.id == id)
            .ok_or_else(|| JournalError::NotFound(id.to_owned()))?;
        let to = self.path_of(id);
        store::move_file(&trashed.path, &to)
            .map_err(JournalError::io("restore the entry from the trash", &to))?;
        self.entries_mut().insert(id.to_owned(), trashed.entry);
        self.revision += 1;
        self.note_own_write();
        Ok(&self.entries[id])
    }
}

/// One entry file and what reading it gave.
type ReadFile<'a> = (&'a PathBuf, Result<Entry, EntryFileError>);

/// An entry file as its folder's listing gave it.
struct Listed {
    path: PathBuf,
    item: fs::DirEntry,
}

impl Listed {
    /// What the pack keys the file by. Asked of the folder for the file's name (`fstatat`), not
    /// by walking its whole path again: a fifth of the time it takes to open ten years went in
    /// those walks (perf). A link is followed, so a changed target never passes for the file
    /// the pack recorded.
    fn key(&self) -> Option<pack::FileKey> {
        let metadata = match self.item.file_type() {
            Ok(kind) if !kind.is_symlink() => self.item.metadata(),
            _ => fs::metadata(&self.path),
        };
        Some(pack::FileKey::of(&metadata.ok()?))
    }
}

/// The entry files of the journal `folder` and of the `imports` a killed import left, with
/// how many of them are imports (listed first: a file a writer moves into the journal meanwhile
/// is then found there, never missed between the two listings).
fn list_journal(folder: &Path, imports: &[PathBuf]) -> Result<(Vec<Listed>, usize), JournalError> {
    let mut paths: Vec<Listed> = imports.iter().flat_map(|dir| listed(dir)).collect();
    let imported = paths.len();
    match fs::read_dir(folder) {
        Ok(_) => paths.extend(listed(folder)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(JournalError::io("read the journal folder", folder)(error)),
    }
    Ok((paths, imported))
}

/// The entry files in a folder with their listing, sorted by name; an absent folder has none.
fn listed(folder: &Path) -> Vec<Listed> {
    let mut listed: Vec<Listed> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|item| Listed {
            path: item.path(),
            item,
        })
        .filter(|listed| is_entry_file(&listed.path))
        .collect();
    // All in one folder, so the paths' bytes sort as the names do: much cheaper than comparing
    // them as paths, part by part, or than asking each listing for its name again.
    listed.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    listed
}

/// Reads and parses `files` on all cores, in the order given, taking each file's text from the
/// journal pack when it is there unchanged. Returns what each gave, and how many came from the
/// pack.
fn read_all<'a>(
    files: &'a [Listed],
    sealing: &Sealing,
    pack: Option<&pack::Pack<'_>>,
) -> (Vec<ReadFile<'a>>, usize) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let from_pack = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = files.len().div_ceil(threads).max(64);
    let read_one = |file: &Listed, in_pack: &mut Option<pack::Reader<'_, '_>>| {
        let path = &file.path;
        let packed = in_pack.as_mut().and_then(|pack| {
            let name = path.file_name()?.to_str()?;
            pack.text_of(name, &file.key()?)
        });
        match packed.map(pack::entry_of) {
            Some(Some(entry)) if path.file_stem().and_then(|s| s.to_str()) == Some(&entry.id) => {
                from_pack.fetch_add(1, Ordering::Relaxed);
                Ok(entry)
            }
            // Not in the pack, changed since, or (a pack edited by hand) not the file's entry.
            _ => read_entry_file(path, sealing),
        }
    };
    let read = std::thread::scope(|scope| {
        let read = |part: &'a [Listed]| -> Vec<ReadFile<'a>> {
            let mut in_pack = pack.map(pack::Pack::reader);
            part.iter()
                .map(|file| (&file.path, read_one(file, &mut in_pack)))
                .collect()
        };
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || read(part))))
            .collect();
        workers
            .into_iter()
            // A worker only panics on a bug; then its share is read again here, so no entry
            // is silently left out.
            .flat_map(|(part, worker)| worker.join().unwrap_or_else(|_| read(part)))
            .collect()
    });
    (read, from_pack.into_inner())
}

/// Checks answers against the worksheet and drops blanks; refuses an entry with no answers.
fn checked(worksheet: &Worksheet, answers: Answers) -> Result<Answers, JournalError> {
    check_answers(worksheet, &answers).map_err(JournalError::Invalid)?;
    let answers = without_blanks(answers);
    if answers.is_empty() {
        return Err(JournalError::Empty);
    }
    Ok(answers)
}

/// Whether `path` names an entry file (not a temporary or hidden file).
/// Whether `id` can name an entry's file: an identifier (any case), never a path.
pub(crate) fn is_entry_id(id: &str) -> bool {
    crate::content::ids::is_identifier(&id.to_lowercase())
}

fn is_entry_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let is_ron = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"));
    is_ron && !name.starts_with('.') && !store::is_temp_name(name)
}

/// The entry files in a folder, sorted; an absent folder has none.
pub(crate) fn entry_files(folder: &Path) -> Vec<PathBuf> {
    listed(folder).into_iter().map(|file| file.path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::Answer;
    use crate::content::workbook::Workbook;
    use proptest::prelude::*;

    fn coping() -> Worksheet {
        Workbook::bundled().get("coping-skills").unwrap().clone()
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    fn at(text: &str) -> LocalTime {
        text.parse().unwrap()
    }

    #[test]
    fn add_writes_a_readable_file_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let worksheet = coping();
        let entry = journal
            .add_at(
                &worksheet,
                answers(&[
                    ("situation", Answer::Text("Row with my brother".into())),
                    ("intensity_before", Answer::Number(8)),
                ]),
                at("2026-11-25T21:42:00+01:00"),
            )
            .unwrap()
            .clone();
        assert_eq!(entry.id, "20261125T204200Z-coping-skills");
        let text = fs::read_to_string(journal.path_of(&entry.id)).unwrap();
        assert!(
            text.contains("created: \"2026-11-25T21:42:00+01:00\""),
            "{text}"
        );
        assert!(text.contains("Row with my brother"), "{text}");
        let reopened = Journal::open(DataDir::new(dir.path())).unwrap();
        assert_eq!(reopened.get(&entry.id), Some(&entry));
        assert!(reopened.problems().is_empty());
    }

    #[test]
    fn a_thousand_and_one_saves_in_one_second_each_write_one_file_and_never_replace() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let when = at("2026-11-25T21:42:00+00:00");
        // Another writer's file, and an unreadable one, already hold two of the names.
        fs::create_dir_all(data.journal()).unwrap();
        fs::write(data.entry("20261125T214200Z-coping-skills-2"), "not mine").unwrap();
        fs::write(
            data.entry("20261125T214200Z-coping-skills-500"),
            [0xff, 0xfe],
        )
        .unwrap();
        let mut journal = Journal::open(data.clone()).unwrap();
        let a = answers(&[("intensity_before", Answer::Number(3))]);
        // More than the old limit of 1,000 attempts.
        let ids: Vec<String> = (0..1001)
            .map(|_| {
                journal
                    .add_at(&coping(), a.clone(), when)
                    .unwrap()
                    .id
                    .clone()
            })
            .collect();
        assert_eq!(ids[0], "20261125T214200Z-coping-skills");
        assert_eq!(ids[1], "20261125T214200Z-coping-skills-3");
        assert_eq!(ids[1000], "20261125T214200Z-coping-skills-1003");
        assert!(
            !ids.iter()
                .any(|id| id.ends_with("-2") || id.ends_with("-500"))
        );
        assert_eq!(
            fs::read_to_string(data.entry("20261125T214200Z-coping-skills-2")).unwrap(),
            "not mine"
        );
        // Exactly one file per save, beside the two that were there: nothing probed, nothing left.
        assert_eq!(fs::read_dir(data.journal()).unwrap().count(), 1003);
    }

    #[test]
    fn a_file_where_the_journal_folder_should_be_fails_the_save_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        fs::write(data.journal(), "not a folder").unwrap();
        let mut journal = Journal::empty(data.clone());
        let a = answers(&[("intensity_before", Answer::Number(3))]);
        let error = journal
            .add_at(&coping(), a, at("2026-11-25T21:42:00+00:00"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("save the entry"), "{error}");
        assert_eq!(fs::read_to_string(data.journal()).unwrap(), "not a folder");
    }

    #[test]
    fn a_journal_that_read_nothing_saves_without_reading_and_edits_one_entry() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let when = at("2026-11-25T21:42:00+00:00");
        let a = answers(&[("intensity_before", Answer::Number(3))]);
        let mut full = Journal::open(data.clone()).unwrap();
        let first = full.add_at(&coping(), a.clone(), when).unwrap().id.clone();
        let mut sparse = Journal::empty(data.clone());
        let second = sparse
            .add_at(&coping(), a.clone(), when)
            .unwrap()
            .id
            .clone();
        assert_eq!(second, format!("{first}-2"), "a name on disk is not reused");
        let mut editing = Journal::empty(data.clone());
        assert_eq!(editing.load_one(&first).unwrap().id, first);
        assert_eq!(editing.len(), 1);
        editing
            .update_at(
                &first,
                &coping(),
                answers(&[("intensity_before", Answer::Number(5))]),
                when,
            )
            .unwrap();
        assert!(matches!(
            Journal::empty(data.clone()).load_one("../../etc/passwd"),
            Err(JournalError::NotFound(_))
        ));
        fs::write(data.entry("broken"), "(version: 1, id: ").unwrap();
        let error = Journal::empty(data)
            .load_one("broken")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("could not be read") && error.ends_with("broken.ron"),
            "{error}"
        );
    }

    #[test]
    fn an_edit_is_refused_when_another_writer_changed_the_entry_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let when = at("2026-11-25T21:42:00+00:00");
        let mut window = Journal::open(data.clone()).unwrap();
        let id = window
            .add_at(
                &coping(),
                answers(&[("intensity_before", Answer::Number(3))]),
                when,
            )
            .unwrap()
            .id
            .clone();
        assert!(!window.changed_on_disk(), "its own save is not another's");
        // A command line edits the entry while the window has it open.
        let mut command = Journal::open(data.clone()).unwrap();
        command
            .update_at(
                &id,
                &coping(),
                answers(&[("intensity_before", Answer::Number(9))]),
                at("2026-11-25T21:43:00+00:00"),
            )
            .unwrap();
        assert!(window.changed_on_disk(), "the window can tell");
        let error = window
            .update_at(
                &id,
                &coping(),
                answers(&[("intensity_before", Answer::Number(5))]),
                at("2026-11-25T21:44:00+00:00"),
            )
            .unwrap_err();
        assert!(
            matches!(error, JournalError::ChangedElsewhere { .. }),
            "{error}"
        );
        assert!(
            error.to_string().contains("changed in another window"),
            "{error}"
        );
        let on_disk = read_entry_file(&data.entry(&id), &Sealing::Plain).unwrap();
        assert_eq!(on_disk.answers["intensity_before"], Answer::Number(9));
        assert_eq!(window.versions(&id).len(), 1, "no version written");
        // Read again, the window edits the latest and keeps the other writer's version.
        let mut window = window.reopen().unwrap();
        assert!(!window.changed_on_disk());
        window
            .update_at(
                &id,
                &coping(),
                answers(&[("intensity_before", Answer::Number(5))]),
                at("2026-11-25T21:44:00+00:00"),
            )
            .unwrap();
        assert_eq!(window.versions(&id).len(), 2);
        // And an entry deleted elsewhere is not written back.
        Journal::open(data.clone()).unwrap().delete(&id).unwrap();
        let error = window
            .update_at(
                &id,
                &coping(),
                answers(&[("intensity_before", Answer::Number(1))]),
                when,
            )
            .unwrap_err();
        assert!(
            matches!(error, JournalError::GoneElsewhere { .. }),
            "{error}"
        );
        assert!(!data.entry(&id).exists());
    }

    #[test]
    fn a_bad_entry_id_is_named_as_such_not_as_answers_that_do_not_fit() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let entry = Entry {
            version: ENTRY_FORMAT,
            id: "../escape".into(),
            worksheet: "coping-skills".into(),
            worksheet_version: 1,
            created: at("2026-11-25T21:42:00+00:00"),
            edited: at("2026-11-25T21:42:00+00:00"),
            answers: Answers::new(),
        };
        let said = journal
            .insert_all_or_nothing(vec![entry])
            .unwrap_err()
            .to_string();
        assert!(
            said.contains("cannot be the name of an entry") && !said.contains("answers"),
            "{said}"
        );
        let bad = answers(&[("intensity_before", Answer::Number(99))]);
        let said = journal.add(&coping(), bad).unwrap_err().to_string();
        assert!(
            said.starts_with("Some answers do not fit this worksheet"),
            "{said}"
        );
    }

    #[test]
    fn two_entries_in_one_second_get_distinct_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let when = at("2026-11-25T21:42:00+00:00");
        let a = answers(&[("intensity_before", Answer::Number(3))]);
        let first = journal
            .add_at(&coping(), a.clone(), when)
            .unwrap()
            .id
            .clone();
        let second = journal.add_at(&coping(), a, when).unwrap().id.clone();
        assert_ne!(first, second);
        assert_eq!(journal.len(), 2);
    }

    #[test]
    fn blank_and_invalid_answers_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let blank = answers(&[("situation", Answer::Text("   ".into()))]);
        assert!(matches!(
            journal.add(&coping(), blank),
            Err(JournalError::Empty)
        ));
        let bad = answers(&[("intensity_before", Answer::Number(99))]);
        assert!(matches!(
            journal.add(&coping(), bad),
            Err(JournalError::Invalid(_))
        ));
        // Nothing was written: not even the journal folder was created.
        assert!(!journal.data_dir().journal().exists());
    }

    #[test]
    fn update_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let id = journal
            .add_at(
                &coping(),
                answers(&[("intensity_before", Answer::Number(8))]),
                at("2026-11-25T10:00:00+00:00"),
            )
            .unwrap()
            .id
            .clone();
        journal
            .update_at(
                &id,
                &coping(),
                answers(&[("intensity_before", Answer::Number(5))]),
                at("2026-11-25T11:00:00+00:00"),
            )
            .unwrap();
        assert_eq!(
            journal.get(&id).unwrap().answers["intensity_before"],
            Answer::Number(5)
        );
        let versions = journal.versions(&id);
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].answers["intensity_before"], Answer::Number(8));
    }

    #[test]
    fn delete_moves_to_trash_and_restore_brings_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(DataDir::new(dir.path())).unwrap();
        let entry = journal
            .add(
                &coping(),
                answers(&[("intensity_before", Answer::Number(4))]),
            )
            .unwrap()
            .clone();
        let trashed = journal.delete(&entry.id).unwrap();
        assert!(trashed.exists());
        assert!(journal.get(&entry.id).is_none());
        assert!(!journal.path_of(&entry.id).exists());
        assert_eq!(journal.trash().len(), 1);
        journal.restore(&entry.id).unwrap();
        assert_eq!(journal.get(&entry.id), Some(&entry));
        assert!(journal.trash().is_empty());
        let reopened = Journal::open(DataDir::new(dir.path())).unwrap();
        assert_eq!(reopened.get(&entry.id), Some(&entry));
    }

    #[test]
    fn unreadable_files_are_listed_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut journal = Journal::open(data.clone()).unwrap();
        journal
            .add(
                &coping(),
                answers(&[("intensity_before", Answer::Number(4))]),
            )
            .unwrap();
        let broken = data.journal().join("broken.ron");
        fs::write(&broken, "(version: 1, id: ").unwrap();
        let newer = data.journal().join("future.ron");
        fs::write(&newer, "(version: 99, id: \"future\")").unwrap();
        fs::write(data.journal().join(".rapport-abc.tmp"), "half").unwrap();
        let journal = Journal::open(data).unwrap();
        assert_eq!(journal.len(), 1);
        let messages: Vec<String> = journal.problems().iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("could not be read at line 1"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("newer version of Rapport"),
            "{messages:?}"
        );
        assert_eq!(fs::read_to_string(&broken).unwrap(), "(version: 1, id: ");
        assert!(newer.exists());
    }

    #[test]
    fn a_copied_file_is_reported_not_loaded_twice() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut journal = Journal::open(data.clone()).unwrap();
        let id = journal
            .add(
                &coping(),
                answers(&[("intensity_before", Answer::Number(4))]),
            )
            .unwrap()
            .id
            .clone();
        fs::copy(journal.path_of(&id), data.journal().join("copy.ron")).unwrap();
        let journal = Journal::open(data).unwrap();
        assert_eq!(journal.len(), 1);
        assert!(
            journal.problems()[0]
                .message
                .contains("does not match its file name")
        );
    }

    fn answer_strategy() -> impl Strategy<Value = Answer> {
        prop_oneof![
            any::<String>().prop_map(Answer::Text),
            any::<i64>().prop_map(Answer::Number),
            any::<String>().prop_map(Answer::Choice),
            proptest::collection::vec(any::<String>(), 0..4).prop_map(Answer::Choices),
            proptest::collection::vec(any::<String>(), 0..4).prop_map(Answer::List),
            (1i16..9999, 1i8..=12, 1i8..=28)
                .prop_map(|(y, m, d)| Answer::Date(jiff::civil::date(y, m, d))),
        ]
    }

    proptest! {
        #[test]
        fn entries_round_trip_through_ron(
            answers in proptest::collection::btree_map("[a-z_]{1,12}", answer_strategy(), 0..8),
            seconds in 0i64..4_000_000_000,
            offset_minutes in -720i32..=840,
        ) {
            let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60).unwrap();
            let when = LocalTime::with_offset(jiff::Timestamp::from_second(seconds).unwrap(), offset);
            let entry = Entry {
                version: ENTRY_FORMAT,
                id: "x".into(),
                worksheet: "w".into(),
                worksheet_version: 1,
                created: when,
                edited: when,
                answers,
            };
            let text = entry_to_ron(&entry);
            prop_assert_eq!(parse_entry_text(&text).unwrap(), entry);
        }
    }
}
