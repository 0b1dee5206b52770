//! The data folder and its layout: the one place that knows the name of every folder and file in
//! it, and which of them hold the user's writing.
//!
//! Every path in the data folder is a method of [`DataDir`]; nothing else joins folder names.
//! Every kind of file declares in [`FileKind`] whether it is private (sealed when the journal is
//! protected) or public, and the protection code finds the files to seal by walking that
//! declaration, so a new kind of file cannot be left out by a hand-kept list.

use std::path::{Path, PathBuf};

use crate::storage::seal::Sealing;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The user's data folder:
///
/// ```text
/// DATA_DIR/
///   journal/          one RON file per entry (the source of truth)
///   versions/ID/      earlier versions of edited entries
///   trash/            deleted entries, restorable
///   drafts/           answers typed but not saved yet
///   backups/          daily backups of the journal
///   journal.before-restore-STAMP/   the journal as it was before a restore
///   exports/          exports, handouts and charts the user asked for
///   worksheets/       the user's own worksheet definitions
///   programmes/       the user's own programmes
///   registers/        the facilitator's group registers, one file per run of a programme
///   crisis.ron        the user's crisis contacts and helplines
///   settings.ron      the programme followed, lock, reminders and other settings
///   reminders.ron     when the last reminder was shown and the last days of use (dates only)
///   protection.ron    the sealed key, when the journal is protected
///   rapport.lock      the writer lock: held while a window or a command writes
///   app-state/        the window's state (size, theme, zoom); never answers
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
    /// How private files are written and read: plain, or sealed with the unlocked key.
    sealing: Sealing,
}

/// The data folder could not be determined.
#[derive(Debug, thiserror::Error)]
#[error(
    "Could not find a folder for your data (no home folder is set). Pass --data-dir DIR or set {DATA_DIR_ENV}."
)]
pub struct NoDataDir;

const JOURNAL: &str = "journal";
const VERSIONS: &str = "versions";
const TRASH: &str = "trash";
const DRAFTS: &str = "drafts";
const BACKUPS: &str = "backups";
const EXPORTS: &str = "exports";
const WORKSHEETS: &str = "worksheets";
const PROGRAMMES: &str = "programmes";
const REGISTERS: &str = "registers";
const APP_STATE: &str = "app-state";
const BEFORE_RESTORE: &str = "journal.before-restore-";
const BEING_RESTORED: &str = "journal.restoring-";
const BEING_IMPORTED: &str = "journal.importing-";
const IMPORTED: &str = "journal.imported-";
const BACKUP_PREFIX: &str = "rapport-";
const SETTINGS: &str = "settings";
const REMINDER_LOG: &str = "reminders";
const CRISIS: &str = "crisis";
const PROTECTION: &str = "protection";
/// Between a document's name and the time it was moved aside, e.g. `settings.unreadable-…`.
const UNREADABLE: &str = ".unreadable-";
const PROTECTION_KEPT: &str = "protection.kept-";
const WRITER_LOCK: &str = "rapport.lock";
const JOURNAL_PACK: &str = "journal.pack";

/// Whether a key is still the one `protection.ron` holds. `storage::protection` reads that file
/// and sits above this module, so it installs the check ([`install_key_check`]) when it makes or
/// unwraps a key, which every sealed folder's key comes from; every sealed write then asks it.
static KEY_CHECK: std::sync::OnceLock<KeyCheck> = std::sync::OnceLock::new();

/// See [`install_key_check`].
pub type KeyCheck = fn(&DataDir, &crate::storage::seal::DataKey) -> bool;

/// Installs the check that a sealed write asks before writing with its key (once; later calls
/// change nothing).
pub fn install_key_check(check: KeyCheck) {
    let _ = KEY_CHECK.set(check);
}

/// Whether a kind of file holds the user's writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Privacy {
    /// The user's writing: sealed with the journal's key when protection is on.
    Private,
    /// Readable while locked, by design (crisis help, settings, the wrapped key), or written
    /// where the user asked for it (exports).
    Public,
}

/// Every kind of file Rapport keeps in the data folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `journal/ID.ron`.
    Entry,
    /// `versions/ID/STAMP.ron`.
    EntryVersion,
    /// `trash/ID.ron`.
    TrashedEntry,
    /// `drafts/WORKSHEET.ron`.
    Draft,
    /// `backups/*.ron`.
    Backup,
    /// `journal.before-restore-STAMP/ID.ron`.
    JournalBeforeRestore,
    /// `journal.restoring-STAMP/ID.ron`: a backup being restored, until it is swapped in.
    JournalBeingRestored,
    /// `journal.importing-STAMP/ID.ron`: an archive's new entries being written, not yet part
    /// of the journal (removed if a kill leaves it behind).
    JournalBeingImported,
    /// `journal.imported-STAMP/ID.ron`: an archive's new entries, complete and part of the
    /// journal, until they are moved into `journal/`.
    JournalImported,
    /// `settings.ron` (and copies moved aside when unreadable).
    Settings,
    /// `reminders.ron`: when a reminder was last shown and the last days of use, dates only,
    /// so `rapport remind --due` decides without reading the journal.
    ReminderLog,
    /// `crisis.ron` (and copies moved aside): readable while locked, so help is always there.
    CrisisContacts,
    /// `protection.ron` and kept copies: the key, sealed with the passphrase.
    Protection,
    /// `exports/*`: written where the user asked.
    Export,
    /// `app-state/*`: eframe's window state.
    AppState,
    /// `worksheets/*.ron`: the user's own worksheet definitions.
    UserWorksheet,
    /// `programmes/*.ron`: the user's own programmes.
    UserProgramme,
    /// `rapport.lock`: empty; locked while a window or a command writes the journal.
    WriterLock,
    /// `journal.pack`: a cache of the entry files' text, to open a long journal quickly
    /// (see [`crate::storage::journal_pack`]); never the truth.
    JournalPack,
    /// `registers/RUN.ron`: a facilitator's register of one run of a programme (members'
    /// names, attendance and scores).
    Register,
}

impl FileKind {
    /// Every kind, for walking the declaration.
    pub const ALL: [FileKind; 20] = [
        FileKind::Entry,
        FileKind::EntryVersion,
        FileKind::TrashedEntry,
        FileKind::Draft,
        FileKind::Backup,
        FileKind::JournalBeforeRestore,
        FileKind::JournalBeingRestored,
        FileKind::JournalBeingImported,
        FileKind::JournalImported,
        FileKind::Settings,
        FileKind::ReminderLog,
        FileKind::CrisisContacts,
        FileKind::Protection,
        FileKind::Export,
        FileKind::AppState,
        FileKind::UserWorksheet,
        FileKind::UserProgramme,
        FileKind::WriterLock,
        FileKind::JournalPack,
        FileKind::Register,
    ];

    /// Whether files of this kind hold the user's writing.
    #[must_use]
    pub fn privacy(self) -> Privacy {
        match self {
            FileKind::Entry
            | FileKind::EntryVersion
            | FileKind::TrashedEntry
            | FileKind::Draft
            | FileKind::Backup
            | FileKind::JournalBeforeRestore
            | FileKind::JournalBeingRestored
            | FileKind::JournalBeingImported
            | FileKind::JournalImported
            | FileKind::JournalPack
            | FileKind::Register => Privacy::Private,
            FileKind::Settings
            | FileKind::ReminderLog
            | FileKind::CrisisContacts
            | FileKind::Protection
            | FileKind::Export
            | FileKind::AppState
            | FileKind::UserWorksheet
            | FileKind::UserProgramme
            | FileKind::WriterLock => Privacy::Public,
        }
    }

    /// Where files of this kind live, relative to the data folder.
    fn place(self) -> Place {
        match self {
            FileKind::Entry => Place::Folder(JOURNAL),
            FileKind::EntryVersion => Place::FoldersIn(VERSIONS),
            FileKind::TrashedEntry => Place::Folder(TRASH),
            FileKind::Draft => Place::Folder(DRAFTS),
            FileKind::Backup => Place::Folder(BACKUPS),
            FileKind::JournalBeforeRestore => Place::FoldersNamed(BEFORE_RESTORE),
            FileKind::JournalBeingRestored => Place::FoldersNamed(BEING_RESTORED),
            FileKind::JournalBeingImported => Place::FoldersNamed(BEING_IMPORTED),
            FileKind::JournalImported => Place::FoldersNamed(IMPORTED),
            FileKind::Settings => Place::Document(SETTINGS),
            FileKind::ReminderLog => Place::Document(REMINDER_LOG),
            FileKind::CrisisContacts => Place::Document(CRISIS),
            FileKind::Protection => Place::Document(PROTECTION),
            FileKind::Export => Place::AnyIn(EXPORTS),
            FileKind::AppState => Place::AnyIn(APP_STATE),
            FileKind::UserWorksheet => Place::Folder(WORKSHEETS),
            FileKind::UserProgramme => Place::Folder(PROGRAMMES),
            FileKind::WriterLock => Place::File(WRITER_LOCK),
            FileKind::JournalPack => Place::File(JOURNAL_PACK),
            FileKind::Register => Place::Folder(REGISTERS),
        }
    }
}

/// Where a kind of file lives.
enum Place {
    /// `NAME/*.ron`.
    Folder(&'static str),
    /// `NAME/*/*.ron`.
    FoldersIn(&'static str),
    /// `PREFIX*/*.ron`.
    FoldersNamed(&'static str),
    /// `NAME.ron`, and copies of it kept aside (`NAME.unreadable-….ron`, `NAME.kept-….ron`).
    Document(&'static str),
    /// Any file under `NAME/`.
    AnyIn(&'static str),
    /// Exactly `NAME`, in the data folder itself.
    File(&'static str),
}

fn is_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
}

fn name_of(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
}

/// The `.ron` files (not temporary or hidden ones) directly in `folder`.
fn ron_files_in(folder: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|item| item.path())
        .filter(|path| path.is_file() && is_ron(path) && !name_of(path).starts_with('.'))
}

/// The folders directly in `folder`.
fn folders_in(folder: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|item| item.path())
        .filter(|path| path.is_dir())
}

impl DataDir {
    /// A data folder at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            sealing: Sealing::Plain,
        }
    }

    /// The same folder, reading and writing private files with `sealing`.
    #[must_use]
    pub fn with_sealing(&self, sealing: Sealing) -> Self {
        Self {
            root: self.root.clone(),
            sealing,
        }
    }

    /// How private files are sealed.
    #[must_use]
    pub fn sealing(&self) -> &Sealing {
        &self.sealing
    }

    /// Writes a private file (entry, version, draft, backup), sealed if the journal is protected.
    /// Refused, writing nothing, if protection was turned on or off by another window or
    /// command since this folder was opened: a plain file is never written into a protected
    /// journal (nor a sealed one into a journal whose key is gone).
    pub fn write_private(
        &self,
        path: &Path,
        text: &str,
        overwrite: crate::storage::atomic::Overwrite,
    ) -> std::io::Result<()> {
        self.check_sealing()?;
        crate::storage::atomic::write_private(path, text, overwrite, &self.sealing)
    }

    /// As [`DataDir::write_private`] (replacing), with the text written by `fill`. Not
    /// protected, it is streamed to the file, so its size does not decide the memory taken;
    /// protected, it is gathered and sealed whole, as every sealed file is one sealed text.
    pub fn write_private_streamed(
        &self,
        path: &Path,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.check_sealing()?;
        match &self.sealing {
            Sealing::Plain => crate::storage::atomic::write_atomic_streamed(path, fill),
            Sealing::Sealed(key) => {
                let mut plain = zeroize::Zeroizing::new(Vec::new());
                fill(&mut *plain)?;
                let bytes =
                    crate::storage::seal::seal(key, &plain, crate::storage::seal::SEALED_MAGIC)
                        .map_err(|error| std::io::Error::other(error.to_string()))?;
                drop(plain);
                crate::storage::atomic::write_atomic(
                    path,
                    &bytes,
                    crate::storage::atomic::Overwrite::Replace,
                )
            }
        }
    }

    /// As [`DataDir::write_private`], but leaves flushing the folder to the caller: for writing
    /// many files into one new folder (an import being staged), which is then flushed once.
    pub fn write_private_in_batch(&self, path: &Path, text: &str) -> std::io::Result<()> {
        self.check_sealing()?;
        let bytes = self
            .sealing
            .seal(text.as_bytes())
            .map_err(|error| std::io::Error::other(error.to_string()))?;
        crate::storage::atomic::write_atomic_unsynced(path, &bytes)
    }

    /// Whether this folder's sealing still matches the journal on disk.
    fn check_sealing(&self) -> std::io::Result<()> {
        let protected = self.protection().exists();
        let message = match (&self.sealing, protected) {
            (Sealing::Plain, true) => {
                "this journal was protected with a passphrase in another window or command after it was opened here, so nothing was written in plain text. Open Rapport again, unlock the journal, and save again"
            }
            (Sealing::Sealed(_), false) => {
                "passphrase protection was turned off in another window or command after the journal was unlocked here, so nothing was written. Open Rapport again and save again"
            }
            // Sealed files are expected after protection was turned off with some left sealed
            // (their key is then kept as protection.kept-…); otherwise the file was deleted.
            (Sealing::Plain, false)
                if self.files_of(FileKind::Protection).is_empty()
                    && self.journal_looks_sealed() =>
            {
                "this journal's entries are sealed with a passphrase, but its protection file (protection.ron) is missing, so nothing was written in plain text. Put protection.ron back from a backup copy of this folder, then open Rapport again"
            }
            (Sealing::Sealed(key), true) if self.key_was_replaced(key) => {
                "passphrase protection was turned off and on again in another window or command after the journal was unlocked here, so the journal has a new key and nothing was written with the old one. Open Rapport again, unlock the journal, and save again"
            }
            _ => return Ok(()),
        };
        Err(std::io::Error::other(message))
    }

    /// Whether `protection.ron` now holds a different key than `key` (protection turned off and
    /// on again elsewhere), as told by the check that `storage::protection` installs.
    fn key_was_replaced(&self, key: &crate::storage::seal::DataKey) -> bool {
        KEY_CHECK
            .get()
            .is_some_and(|still_current| !still_current(self, key))
    }

    /// Whether the journal holds sealed entries, judged by the first entry file listed: cheap
    /// enough for every write, and enough to notice a protection file that was deleted.
    fn journal_looks_sealed(&self) -> bool {
        use std::io::Read as _;
        let Ok(listing) = std::fs::read_dir(self.journal()) else {
            return false;
        };
        let first = listing
            .filter_map(Result::ok)
            .map(|item| item.path())
            .find(|path| is_ron(path) && !name_of(path).starts_with('.'));
        let Some(first) = first else {
            return false;
        };
        let mut head = [0_u8; 64];
        crate::storage::atomic::open_regular(&first)
            .and_then(|mut file| file.read(&mut head))
            .is_ok_and(|read| crate::storage::seal::is_sealed(&head[..read]))
    }

    /// Reads a private file, sealed or plain.
    pub fn read_private(
        &self,
        path: &Path,
        limit: u64,
    ) -> Result<zeroize::Zeroizing<String>, crate::storage::atomic::ReadError> {
        crate::storage::atomic::read_private(path, limit, &self.sealing)
    }

    /// The folder given on the command line, else `RAPPORT_DATA_DIR`, else the platform's data
    /// folder (e.g. `~/.local/share/rapport` on Linux).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, NoDataDir> {
        if let Some(root) = explicit {
            return Ok(Self::new(root));
        }
        if let Some(root) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(Self::new(root));
        }
        directories::ProjectDirs::from("org", "Rapport", "rapport")
            .map(|dirs| Self::new(dirs.data_dir()))
            .ok_or(NoDataDir)
    }

    /// The data folder itself.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Current entries.
    #[must_use]
    pub fn journal(&self) -> PathBuf {
        self.root.join(JOURNAL)
    }

    /// The file of the entry `id`.
    #[must_use]
    pub fn entry(&self, id: &str) -> PathBuf {
        self.journal().join(format!("{id}.ron"))
    }

    /// Earlier versions of every entry, a folder per entry.
    #[must_use]
    pub fn versions(&self) -> PathBuf {
        self.root.join(VERSIONS)
    }

    /// Earlier versions of the entry `id`.
    #[must_use]
    pub fn versions_of(&self, id: &str) -> PathBuf {
        self.versions().join(id)
    }

    /// Deleted entries.
    #[must_use]
    pub fn trash(&self) -> PathBuf {
        self.root.join(TRASH)
    }

    /// Drafts: answers typed but not saved yet.
    #[must_use]
    pub fn drafts(&self) -> PathBuf {
        self.root.join(DRAFTS)
    }

    /// The draft of the worksheet `worksheet`.
    #[must_use]
    pub fn draft(&self, worksheet: &str) -> PathBuf {
        self.drafts().join(format!("{worksheet}.ron"))
    }

    /// Backups of the journal.
    #[must_use]
    pub fn backups(&self) -> PathBuf {
        self.root.join(BACKUPS)
    }

    /// The backup made on `date`.
    #[must_use]
    pub fn backup_for(&self, date: jiff::civil::Date) -> PathBuf {
        self.backups().join(format!("{BACKUP_PREFIX}{date}.ron"))
    }

    /// Whether a file name is one of Rapport's own dated backups (`rapport-YYYY-MM-DD.ron`),
    /// and if so, its date.
    #[must_use]
    pub fn backup_date(path: &Path) -> Option<jiff::civil::Date> {
        name_of(path)
            .strip_prefix(BACKUP_PREFIX)?
            .strip_suffix(".ron")?
            .parse()
            .ok()
    }

    /// Where the journal is moved before a restore made at `stamp`.
    #[must_use]
    pub fn journal_before_restore(&self, stamp: &str) -> PathBuf {
        self.root.join(format!("{BEFORE_RESTORE}{stamp}"))
    }

    /// Where a backup being restored is built, beside the journal, before it is swapped in.
    #[must_use]
    pub fn journal_being_restored(&self, stamp: &str) -> PathBuf {
        self.root.join(format!("{BEING_RESTORED}{stamp}"))
    }

    /// The journal pack, a cache of the entry files (see [`crate::storage::journal_pack`]).
    #[must_use]
    pub fn journal_pack(&self) -> PathBuf {
        self.root.join(JOURNAL_PACK)
    }

    /// Where an import made at `stamp` writes its new entries before they count.
    #[must_use]
    pub fn journal_being_imported(&self, stamp: &str) -> PathBuf {
        self.root.join(format!("{BEING_IMPORTED}{stamp}"))
    }

    /// Where an import's new entries wait, complete, until they are moved into the journal.
    #[must_use]
    pub fn journal_imported(&self, stamp: &str) -> PathBuf {
        self.root.join(format!("{IMPORTED}{stamp}"))
    }

    /// The folders of imports that are complete but not yet moved into the journal, oldest first.
    #[must_use]
    pub fn imports_to_finish(&self) -> Vec<PathBuf> {
        self.folders_named(IMPORTED)
    }

    /// The folders of imports a kill interrupted before they were complete.
    #[must_use]
    pub fn imports_interrupted(&self) -> Vec<PathBuf> {
        self.folders_named(BEING_IMPORTED)
    }

    /// The folders of backups being restored, oldest first.
    #[must_use]
    pub fn restores_in_progress(&self) -> Vec<PathBuf> {
        self.folders_named(BEING_RESTORED)
    }

    fn folders_named(&self, prefix: &str) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = folders_in(&self.root)
            .filter(|dir| name_of(dir).starts_with(prefix))
            .collect();
        folders.sort();
        folders
    }

    /// Where exports, handouts and charts go unless the user picks another place.
    #[must_use]
    pub fn exports(&self) -> PathBuf {
        self.root.join(EXPORTS)
    }

    /// The file `name` in the exports folder.
    #[must_use]
    pub fn export_file(&self, name: &str) -> PathBuf {
        self.exports().join(name)
    }

    /// The user's crisis contacts and their copy of the helpline list.
    #[must_use]
    pub fn crisis(&self) -> PathBuf {
        self.root.join(format!("{CRISIS}.ron"))
    }

    /// The settings kept beside the journal.
    #[must_use]
    pub fn settings(&self) -> PathBuf {
        self.root.join(format!("{SETTINGS}.ron"))
    }

    /// When reminders were last shown, and the last days of use.
    #[must_use]
    pub fn reminder_log(&self) -> PathBuf {
        self.root.join(format!("{REMINDER_LOG}.ron"))
    }

    /// The protection settings (the sealed key), when the journal is protected.
    #[must_use]
    pub fn protection(&self) -> PathBuf {
        self.root.join(format!("{PROTECTION}.ron"))
    }

    /// Where the protection file is kept when turning protection off left some files sealed.
    #[must_use]
    pub fn protection_kept(&self, stamp: &str) -> PathBuf {
        self.root.join(format!("{PROTECTION_KEPT}{stamp}.ron"))
    }

    /// The writer lock (see [`crate::storage::writer_lock`]).
    #[must_use]
    pub fn writer_lock(&self) -> PathBuf {
        self.root.join(WRITER_LOCK)
    }

    /// Where a document (settings, crisis contacts) that could not be read is moved aside.
    #[must_use]
    pub fn unreadable_aside(document: &Path, stamp: &str) -> PathBuf {
        let stem = document
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document");
        document.with_file_name(format!("{stem}{UNREADABLE}{stamp}.ron"))
    }

    /// The window's state, kept by eframe.
    #[must_use]
    pub fn app_state(&self) -> PathBuf {
        self.root.join(APP_STATE)
    }

    /// The user's own programmes.
    #[must_use]
    pub fn programmes(&self) -> PathBuf {
        self.root.join(PROGRAMMES)
    }

    /// The facilitator's registers, one file per run of a programme.
    #[must_use]
    pub fn registers(&self) -> PathBuf {
        self.root.join(REGISTERS)
    }

    /// The register of the run `id`.
    #[must_use]
    pub fn register(&self, id: &str) -> PathBuf {
        self.registers().join(format!("{id}.ron"))
    }

    /// The user's own worksheet definitions.
    #[must_use]
    pub fn worksheets(&self) -> PathBuf {
        self.root.join(WORKSHEETS)
    }

    /// Which kind of file `path` is, by where it is; `None` for a file Rapport does not keep.
    #[must_use]
    pub fn classify(&self, path: &Path) -> Option<FileKind> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = relative.iter().filter_map(|part| part.to_str()).collect();
        FileKind::ALL
            .into_iter()
            .find(|kind| match (kind.place(), parts.as_slice()) {
                (Place::Folder(folder), [dir, file]) => dir == &folder && is_ron(Path::new(file)),
                (Place::FoldersIn(folder), [dir, _, file]) => {
                    dir == &folder && is_ron(Path::new(file))
                }
                (Place::FoldersNamed(prefix), [dir, file]) => {
                    dir.starts_with(prefix) && is_ron(Path::new(file))
                }
                (Place::Document(stem), [file]) => {
                    let file = Path::new(file);
                    is_ron(file)
                        && (name_of(file) == format!("{stem}.ron")
                            || name_of(file).starts_with(&format!("{stem}.")))
                }
                (Place::AnyIn(folder), [dir, _, ..]) => dir == &folder,
                (Place::File(name), [file]) => file == &name,
                _ => false,
            })
    }

    /// Whether `path` would land among the private files (the journal, versions, trash,
    /// drafts, backups), where nothing but Rapport's own writers may write. Relative paths and
    /// symbolic links are resolved first.
    #[must_use]
    pub fn holds_private(&self, path: &Path) -> bool {
        let absolute = |path: &Path| {
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
            };
            // `a/../b` is `b`, whether or not `a` exists; then the deepest folder that exists
            // is resolved through any symbolic links, and the rest appended.
            let mut lexical = PathBuf::new();
            for part in path.components() {
                match part {
                    std::path::Component::ParentDir => {
                        lexical.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => lexical.push(other),
                }
            }
            let mut existing = lexical.as_path();
            let mut rest = Vec::new();
            while !existing.exists() {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    break;
                };
                rest.push(name.to_os_string());
                existing = parent;
            }
            let mut resolved = existing
                .canonicalize()
                .unwrap_or_else(|_| existing.to_path_buf());
            resolved.extend(rest.iter().rev());
            resolved
        };
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| absolute(&self.root));
        DataDir::new(root)
            .classify(&absolute(path))
            .is_some_and(|kind| kind.privacy() == Privacy::Private)
    }

    /// Every file that holds the user's writing, found by walking the private kinds of
    /// [`FileKind`]. Temporary and hidden files are not included.
    #[must_use]
    pub fn private_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = FileKind::ALL
            .into_iter()
            .filter(|kind| kind.privacy() == Privacy::Private)
            .flat_map(|kind| self.files_of(kind))
            .collect();
        files.sort();
        files
    }

    /// The files of one kind that are in the data folder now.
    #[must_use]
    pub fn files_of(&self, kind: FileKind) -> Vec<PathBuf> {
        let root = &self.root;
        match kind.place() {
            Place::Folder(folder) => ron_files_in(&root.join(folder)).collect(),
            Place::FoldersIn(folder) => folders_in(&root.join(folder))
                .flat_map(|dir| ron_files_in(&dir).collect::<Vec<_>>())
                .collect(),
            Place::FoldersNamed(prefix) => folders_in(root)
                .filter(|dir| name_of(dir).starts_with(prefix))
                .flat_map(|dir| ron_files_in(&dir).collect::<Vec<_>>())
                .collect(),
            Place::Document(_) => ron_files_in(root)
                .filter(|path| self.classify(path) == Some(kind))
                .collect(),
            Place::File(name) => {
                let path = root.join(name);
                if path.is_file() {
                    vec![path]
                } else {
                    Vec::new()
                }
            }
            Place::AnyIn(folder) => {
                let mut found = Vec::new();
                let mut pending = vec![root.join(folder)];
                while let Some(dir) = pending.pop() {
                    for item in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                        let path = item.path();
                        if path.is_dir() {
                            pending.push(path);
                        } else {
                            found.push(path);
                        }
                    }
                }
                found
            }
        }
    }

    /// Every folder that may hold private files, for sweeping temporary files left by a save
    /// that was interrupted.
    #[must_use]
    pub fn private_folders(&self) -> Vec<PathBuf> {
        let root = &self.root;
        let mut folders = Vec::new();
        for kind in FileKind::ALL {
            if kind.privacy() != Privacy::Private {
                continue;
            }
            match kind.place() {
                Place::Folder(folder) => folders.push(root.join(folder)),
                Place::FoldersIn(folder) => folders.extend(folders_in(&root.join(folder))),
                Place::FoldersNamed(prefix) => {
                    folders.extend(folders_in(root).filter(|dir| name_of(dir).starts_with(prefix)));
                }
                Place::Document(_) | Place::AnyIn(_) | Place::File(_) => {}
            }
        }
        folders
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_where_it_is_written_and_private_files_are_the_private_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let day: jiff::civil::Date = "2026-11-25".parse().unwrap();
        let written = [
            (data.entry("a"), FileKind::Entry),
            (
                data.versions_of("a").join("20260101T000000Z.ron"),
                FileKind::EntryVersion,
            ),
            (data.trash().join("b.ron"), FileKind::TrashedEntry),
            (data.draft("coping-skills"), FileKind::Draft),
            (data.backup_for(day), FileKind::Backup),
            (
                data.journal_before_restore("20261125T000000Z")
                    .join("c.ron"),
                FileKind::JournalBeforeRestore,
            ),
            (
                data.journal_being_imported("20261125T000000Z")
                    .join("d.ron"),
                FileKind::JournalBeingImported,
            ),
            (
                data.journal_imported("20261125T000000Z").join("e.ron"),
                FileKind::JournalImported,
            ),
            (data.settings(), FileKind::Settings),
            (
                DataDir::unreadable_aside(&data.settings(), "20261125T000000Z"),
                FileKind::Settings,
            ),
            (data.crisis(), FileKind::CrisisContacts),
            (data.protection(), FileKind::Protection),
            (
                data.protection_kept("20261125T000000Z"),
                FileKind::Protection,
            ),
            (data.export_file("journal.csv"), FileKind::Export),
            (data.app_state().join("app.ron"), FileKind::AppState),
            (data.worksheets().join("mine.ron"), FileKind::UserWorksheet),
            (data.programmes().join("mine.ron"), FileKind::UserProgramme),
            (data.writer_lock(), FileKind::WriterLock),
            (data.journal_pack(), FileKind::JournalPack),
            (data.register("tuesday-2026-11-03"), FileKind::Register),
        ];
        for (path, _) in &written {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(data.journal().join(".rapport-x.tmp"), "x").unwrap();
        for (path, kind) in &written {
            assert_eq!(data.classify(path), Some(*kind), "{}", path.display());
        }
        assert_eq!(data.classify(&dir.path().join("notes.txt")), None);
        let mut expected: Vec<PathBuf> = written
            .iter()
            .filter(|(_, kind)| kind.privacy() == Privacy::Private)
            .map(|(path, _)| path.clone())
            .collect();
        expected.sort();
        assert_eq!(expected.len(), 10);
        assert_eq!(data.private_files(), expected);
    }

    #[test]
    fn only_rapports_own_dated_backup_names_have_a_date() {
        let data = DataDir::new("/d");
        let day: jiff::civil::Date = "2026-11-25".parse().unwrap();
        assert_eq!(DataDir::backup_date(&data.backup_for(day)), Some(day));
        for name in [
            "rapport-2019-my-own-archive.ron",
            "mine.ron",
            "rapport-.ron",
        ] {
            assert_eq!(
                DataDir::backup_date(&data.backups().join(name)),
                None,
                "{name}"
            );
        }
    }
}
