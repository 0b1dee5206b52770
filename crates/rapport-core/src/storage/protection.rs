//! Passphrase protection of the journal at rest.
//!
//! A random 256-bit data key seals every private file (entries, earlier versions, the trash,
//! drafts and backups) with XChaCha20-Poly1305, one file per entry as before. The data key is
//! kept in `DATA_DIR/protection.ron`, itself sealed with a key derived from the passphrase by
//! Argon2id, tuned to about half a second on the machine where protection was turned on. So the
//! slow derivation runs once per unlock, never per save, and changing the passphrase rewrites
//! one small file.
//!
//! Turning protection on or off rewrites each file atomically, one at a time, and records in
//! `protection.ron` that a conversion is under way. An interrupted conversion leaves every file
//! whole (either still as it was or already converted), every one of them readable with the
//! key, and it is finished at the next unlock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::format::{self, FormatError, Versioned};
use crate::problem::Problem;
use crate::ron_format;
use crate::storage::atomic::{self as store, Overwrite};
use crate::storage::layout::DataDir;
use crate::storage::seal::{
    DataKey, RandomFailed, SEALED_MAGIC, from_hex, is_sealed, open, open_file, random_bytes, seal,
    to_hex,
};
use crate::storage::writer_lock::{LockError, WriterLock};

/// The format of `protection.ron` this version writes.
pub const PROTECTION_FORMAT: u32 = 2;
/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// How long deriving the key from the passphrase should take, in seconds.
pub const KDF_TARGET_SECONDS: f64 = 0.5;
/// Memory used by the key derivation, in KiB (64 MiB).
const KDF_MEMORY_KIB: u32 = 64 * 1024;
/// The most memory a protection file may ask for, in KiB (4 GiB).
const MAX_KDF_MEMORY_KIB: u32 = 4 * 1024 * 1024;
/// The most passes a protection file may ask for.
const MAX_KDF_ITERATIONS: u32 = 256;
const SALT_LEN: usize = 16;
/// Bound to the wrapped data key, so it cannot be mistaken for a sealed file or the reverse.
const KEY_AAD: &[u8] = b"RAPPORT-DATA-KEY-1";
/// Starts what the state tag authenticates.
const STATE_AAD: &str = "RAPPORT-PROTECTION-STATE-1";
/// The largest file converted; larger ones are left as they are and reported.
const MAX_CONVERT_BYTES: u64 = crate::storage::archive::MAX_BYTES;

/// Why protection could not be used or changed. Messages are for the user; paths come last.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The passphrase does not open the journal.
    #[error(
        "That passphrase does not open this journal. Nothing was changed. Check for Caps Lock and try again."
    )]
    WrongPassphrase,
    /// The new passphrase is too short.
    #[error(
        "Use a passphrase of at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words are easy to remember and hard to guess."
    )]
    TooShort,
    /// The journal is already protected.
    #[error("This journal is already protected by a passphrase.")]
    AlreadyProtected,
    /// The journal is not protected.
    #[error("This journal is not protected by a passphrase.")]
    NotProtected,
    /// `protection.ron` could not be read.
    #[error(
        "The protection file {reason}. Your entries were left as they are; without this file they cannot be unsealed, so restore it from a copy if you have one. Path: {}", path.display()
    )]
    Unreadable {
        /// What is wrong with it.
        reason: String,
        /// The protection file.
        path: PathBuf,
    },
    /// `protection.ron` has unusable settings.
    #[error(
        "The protection file {0}. Your entries were left as they are; without this file they cannot be unsealed, so restore it from a copy if you have one"
    )]
    Damaged(String),
    /// `protection.ron` was written by a newer Rapport.
    #[error(
        "This journal's protection was set up by a newer version of Rapport (format {0}; this version reads up to {PROTECTION_FORMAT}). Update Rapport to open it; nothing was changed"
    )]
    Newer(u32),
    /// Reading or writing a file failed.
    #[error("Could not {action}: {source}. Path: {}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The system's random number source failed.
    #[error(transparent)]
    Random(#[from] RandomFailed),
    /// Another window or command is writing the journal.
    #[error(transparent)]
    Busy(#[from] LockError),
}

/// Where a conversion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProtectionState {
    /// Every private file is sealed.
    Protected,
    /// Protection is being turned on: some files may still be plain.
    TurningOn,
    /// Protection is being turned off: some files may already be plain.
    TurningOff,
}

/// Argon2id settings, kept with the journal so that the same passphrase gives the same key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// Always `argon2id`.
    pub algorithm: String,
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
    /// Random salt, as hex.
    pub salt: String,
}

impl KdfParams {
    /// Refuses settings no Rapport writes, before they are used: a damaged file must not make
    /// unlocking ask for terabytes of memory or run for hours.
    fn check(&self) -> Result<(), String> {
        if self.algorithm != "argon2id" {
            return Err(format!(
                "names an unknown key derivation “{}”",
                self.algorithm
            ));
        }
        let salt = from_hex(&self.salt).unwrap_or_default();
        let fits = (8 * 1024..=MAX_KDF_MEMORY_KIB).contains(&self.memory_kib)
            && (1..=MAX_KDF_ITERATIONS).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
            && salt.len() >= 8;
        if fits {
            Ok(())
        } else {
            Err("has key derivation settings outside what Rapport ever writes".into())
        }
    }
}

/// The contents of `protection.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// Format of the file.
    pub version: u32,
    /// How the passphrase becomes a key.
    pub kdf: KdfParams,
    /// The data key, sealed with the passphrase's key, as hex.
    pub wrapped_key: String,
    /// Whether a conversion is under way.
    pub state: ProtectionState,
    /// The state, the wrapped key and the key derivation settings, authenticated with the
    /// data key (an empty message sealed with them as associated data), as hex. Without the
    /// passphrase nobody can make one, so an edited or swapped state is detected at unlock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_tag: Option<String>,
}

/// Whether the state written in `protection.ron` is the one Rapport wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateCheck {
    /// The tag matches: Rapport wrote this state with this journal's key.
    Authentic,
    /// A file from before states were tagged (format 1).
    Untagged,
    /// The tag does not match: the file was changed outside Rapport.
    Forged,
}

impl Versioned for Protection {
    fn format(&self) -> u32 {
        self.version
    }
}

impl Protection {
    /// The protection of `data_dir`, or `None` if its journal is not protected.
    pub fn read(data_dir: &DataDir) -> Result<Option<Self>, VaultError> {
        let path = data_dir.protection();
        let text = match store::read_text(&path, 64 * 1024) {
            Ok(text) => text,
            Err(store::ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(error) => {
                return Err(VaultError::Unreadable {
                    reason: error.to_string(),
                    path,
                });
            }
        };
        Self::parse(&text, &path).map(Some)
    }

    /// Reads the text of a protection file found at `path` (named in messages).
    pub fn parse(text: &str, path: &Path) -> Result<Self, VaultError> {
        let unreadable = |reason: String| VaultError::Unreadable {
            reason,
            path: path.to_path_buf(),
        };
        let protection: Self = format::PROTECTION
            .parse(text)
            .map_err(|error| match error {
                FormatError::Newer { found, .. } => VaultError::Newer(found),
                FormatError::Syntax { detail, .. } => {
                    unreadable(format!("could not be read at {detail}"))
                }
                FormatError::Unknown { found, .. } => unreadable(format!(
                    "has format version {found}, which no version of Rapport writes"
                )),
                FormatError::Migration { reason, .. } => unreadable(reason),
            })?;
        protection.kdf.check().map_err(unreadable)?;
        Ok(protection)
    }

    /// What the state tag binds: everything in the file but the tag.
    fn state_aad(&self) -> Vec<u8> {
        let kdf = &self.kdf;
        format!(
            "{STATE_AAD}\n{}\n{:?}\n{}\n{}:{}:{}:{}:{}",
            self.version,
            self.state,
            self.wrapped_key,
            kdf.algorithm,
            kdf.memory_kib,
            kdf.iterations,
            kdf.parallelism,
            kdf.salt
        )
        .into_bytes()
    }

    /// Whether the state is the one Rapport wrote, checked with the unlocked data key.
    #[must_use]
    pub fn check_state(&self, key: &DataKey) -> StateCheck {
        let Some(tag) = &self.state_tag else {
            return StateCheck::Untagged;
        };
        match from_hex(tag) {
            Some(bytes) if open(key, &bytes, &self.state_aad()).is_ok() => StateCheck::Authentic,
            _ => StateCheck::Forged,
        }
    }

    /// Tags the state with `key`, then saves the file atomically.
    pub fn write(&mut self, data_dir: &DataDir, key: &DataKey) -> Result<(), VaultError> {
        self.version = PROTECTION_FORMAT;
        self.state_tag = Some(to_hex(&seal(key, &[], &self.state_aad())?));
        let path = data_dir.protection();
        let text = ron::ser::to_string_pretty(self, ron_format::pretty()).unwrap_or_default();
        store::write_atomic(&path, text.as_bytes(), Overwrite::Replace).map_err(|source| {
            VaultError::Io {
                action: "save the protection settings",
                path,
                source,
            }
        })
    }

    /// Derives the key from `passphrase` (slow, by design) and unwraps the data key.
    pub fn unlock(&self, passphrase: &str) -> Result<DataKey, VaultError> {
        crate::storage::layout::install_key_check(key_is_current);
        let wrapping = derive(passphrase, &self.kdf)?;
        let wrapped = from_hex(&self.wrapped_key)
            .ok_or_else(|| VaultError::Damaged("holds a sealed key that is not hex".into()))?;
        let plain = open(&wrapping, &wrapped, KEY_AAD).map_err(|_| VaultError::WrongPassphrase)?;
        let bytes: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Damaged("holds a sealed key of the wrong length".into()))?;
        Ok(DataKey::from_bytes(bytes))
    }

    fn new(passphrase: &str, key: &DataKey, state: ProtectionState) -> Result<Self, VaultError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::TooShort);
        }
        let mut salt = [0u8; SALT_LEN];
        random_bytes(&mut salt)?;
        let kdf = calibrate(to_hex(&salt))?;
        let wrapping = derive(passphrase, &kdf)?;
        let wrapped = seal(&wrapping, key.bytes().as_slice(), KEY_AAD)?;
        Ok(Self {
            version: PROTECTION_FORMAT,
            kdf,
            wrapped_key: to_hex(&wrapped),
            state,
            state_tag: None,
        })
    }
}

/// Picks Argon2id settings that take about [`KDF_TARGET_SECONDS`] here: 64 MiB, and as many
/// passes as fit (at least two). Passes are doubled until a run is long enough to time well,
/// since the first run also pays for mapping the memory.
fn calibrate(salt: String) -> Result<KdfParams, VaultError> {
    let mut params = KdfParams {
        algorithm: "argon2id".into(),
        memory_kib: KDF_MEMORY_KIB,
        iterations: 1,
        parallelism: 1,
        salt,
    };
    loop {
        let started = std::time::Instant::now();
        derive("calibration", &params)?;
        let took = started.elapsed().as_secs_f64();
        if took >= KDF_TARGET_SECONDS / 3.0 || params.iterations >= 64 {
            let scaled = f64::from(params.iterations) * KDF_TARGET_SECONDS / took.max(0.001);
            params.iterations = (scaled.round() as u32).clamp(2, 256);
            return Ok(params);
        }
        params.iterations *= 2;
    }
}

/// The key a passphrase gives under `params`.
fn derive(passphrase: &str, params: &KdfParams) -> Result<DataKey, VaultError> {
    params.check().map_err(VaultError::Damaged)?;
    let salt = from_hex(&params.salt)
        .ok_or_else(|| VaultError::Damaged("has a salt that is not hex".into()))?;
    let argon = argon2::Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(32),
    )
    .map_err(|error| {
        VaultError::Damaged(format!("has unusable key derivation settings ({error})"))
    })?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, key.as_mut_slice())
        .map_err(|error| {
            VaultError::Damaged(format!("could not be used to derive a key ({error})"))
        })?;
    Ok(DataKey::from_bytes(*key))
}

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Converted {
    /// Files rewritten.
    pub files: usize,
    /// Files left as they were, and why (too large, or could not be unsealed).
    pub skipped: Vec<Problem>,
}

/// Called with (files done, files in all) as a conversion goes.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Turns protection on: a new data key, wrapped with `passphrase`, then every private file
/// sealed. Returns the key, for the data folder to use from now on.
pub fn turn_on(
    data_dir: &DataDir,
    passphrase: &str,
    progress: Progress<'_>,
) -> Result<(Arc<DataKey>, Converted), VaultError> {
    crate::storage::layout::install_key_check(key_is_current);
    let _lock = WriterLock::acquire(data_dir)?;
    if Protection::read(data_dir)?.is_some() {
        return Err(VaultError::AlreadyProtected);
    }
    let key = DataKey::random()?;
    let mut protection = Protection::new(passphrase, &key, ProtectionState::TurningOn)?;
    protection.write(data_dir, &key)?;
    let key = Arc::new(key);
    let converted = finish(data_dir, &mut protection, &key, progress)?;
    Ok((key, converted))
}

/// Turns protection off with the unlocked `key`: every file made plain again, then the
/// protection file removed.
pub fn turn_off(
    data_dir: &DataDir,
    protection: &mut Protection,
    key: &Arc<DataKey>,
    progress: Progress<'_>,
) -> Result<Converted, VaultError> {
    let _lock = WriterLock::acquire(data_dir)?;
    protection.state = ProtectionState::TurningOff;
    protection.write(data_dir, key)?;
    finish(data_dir, protection, key, progress)
}

/// Whether `key` is still the journal's: false when `protection.ron` was replaced by one with
/// another key (protection turned off and on again elsewhere), whose state tag no longer opens
/// with this key. A missing or unreadable file is left to the other checks.
fn key_is_current(data_dir: &DataDir, key: &DataKey) -> bool {
    !matches!(
        Protection::read(data_dir),
        Ok(Some(protection)) if protection.check_state(key) == StateCheck::Forged
    )
}

/// Finishes a conversion that is under way (or was interrupted); does nothing when the journal
/// is simply protected.
pub fn finish(
    data_dir: &DataDir,
    protection: &mut Protection,
    key: &Arc<DataKey>,
    progress: Progress<'_>,
) -> Result<Converted, VaultError> {
    if protection.state == ProtectionState::Protected {
        return Ok(Converted::default());
    }
    let lock = WriterLock::acquire(data_dir)?;
    // A killed save's temporary file may hold plain text: none survives a conversion. Nor does
    // the journal pack, a copy of every entry in the form that is being left behind.
    lock.tidy(data_dir);
    crate::storage::journal_pack::remove(data_dir);
    let files = data_dir.private_files();
    let mut converted = match protection.state {
        ProtectionState::Protected => return Ok(Converted::default()),
        ProtectionState::TurningOn => convert(&files, key, true, progress)?,
        ProtectionState::TurningOff => convert(&files, key, false, progress)?,
    };
    lock.tidy(data_dir);
    if protection.state == ProtectionState::TurningOn {
        protection.state = ProtectionState::Protected;
        protection.write(data_dir, key)?;
    } else {
        let path = data_dir.protection();
        let result = if converted.skipped.is_empty() {
            std::fs::remove_file(&path)
        } else {
            // Some files are still sealed: keep the key beside them, never delete it.
            let kept =
                data_dir.protection_kept(&crate::time::file_stamp(crate::time::now_instant()));
            converted.skipped.push(Problem::new(
                &kept,
                "Some files are still sealed, so the protection file was kept here; rename it back to protection.ron to open them with your passphrase",
            ));
            std::fs::rename(&path, &kept)
        };
        result.map_err(|source| VaultError::Io {
            action: "remove the protection file",
            path,
            source,
        })?;
        let _ = store::sync_dir(data_dir.root());
    }
    Ok(converted)
}

/// Changes the passphrase: the same data key, wrapped anew. Files are not rewritten.
pub fn change_passphrase(
    data_dir: &DataDir,
    protection: &Protection,
    key: &DataKey,
    new_passphrase: &str,
) -> Result<Protection, VaultError> {
    let _lock = WriterLock::acquire(data_dir)?;
    let mut changed = Protection::new(new_passphrase, key, protection.state)?;
    changed.state = protection.state;
    changed.write(data_dir, key)?;
    Ok(changed)
}

/// The private files of a protected journal that are plain text: a copy from elsewhere, or a
/// save by a Rapport that did not know the journal was protected. Reads only each file's first
/// bytes.
#[must_use]
pub fn plain_files(data_dir: &DataDir) -> Vec<PathBuf> {
    data_dir
        .private_files()
        .into_iter()
        .filter(|path| {
            let mut head = [0u8; 32];
            read_head(path, &mut head[..SEALED_MAGIC.len()])
                .is_some_and(|read| read > 0 && !is_sealed(&head[..read]))
        })
        .collect()
}

fn read_head(path: &Path, head: &mut [u8]) -> Option<usize> {
    use std::io::Read as _;
    let mut file = store::open_regular(path).ok()?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => return None,
        }
    }
    Some(read)
}

/// Seals the plain files found in a protected journal ([`plain_files`]) and removes temporary
/// files left by killed saves, under the writer lock. Run at each unlock.
pub fn seal_strays(
    data_dir: &DataDir,
    key: &DataKey,
    progress: Progress<'_>,
) -> Result<Converted, VaultError> {
    let lock = WriterLock::acquire(data_dir)?;
    lock.tidy(data_dir);
    let strays = plain_files(data_dir);
    if strays.is_empty() {
        return Ok(Converted::default());
    }
    convert(&strays, key, true, progress)
}

/// Rewrites the private `files` sealed (or, with `sealing` false, plain), one at a time.
fn convert(
    files: &[PathBuf],
    key: &DataKey,
    sealing: bool,
    progress: Progress<'_>,
) -> Result<Converted, VaultError> {
    let mut converted = Converted::default();
    let mut folders = std::collections::BTreeSet::new();
    for (done, path) in files.iter().enumerate() {
        progress(done, files.len());
        let bytes = match read_bytes(path) {
            Ok(bytes) => bytes,
            Err(message) => {
                converted.skipped.push(Problem::new(path, message));
                continue;
            }
        };
        let rewritten = match (sealing, is_sealed(&bytes)) {
            (true, false) => {
                // A file that could not be read is never rewritten, sealed or not: it stays
                // exactly as it is, and is named.
                if let Some(reason) = unreadable_plain(path, &bytes) {
                    converted.skipped.push(Problem::new(
                        path,
                        format!("This file {reason}, so it was left exactly as it is, in plain text; move it out of the journal, or restore it from a copy"),
                    ));
                    continue;
                }
                Zeroizing::new(seal(key, &bytes, SEALED_MAGIC)?)
            }
            (false, true) => {
                if let Ok(plain) = open_file(key, &bytes) {
                    plain
                } else {
                    converted.skipped.push(Problem::new(
                        path,
                        "This file could not be unsealed (it may be damaged); it was left sealed",
                    ));
                    continue;
                }
            }
            _ => continue,
        };
        store::write_atomic_unsynced(path, &rewritten).map_err(|source| VaultError::Io {
            action: "rewrite a file",
            path: path.clone(),
            source,
        })?;
        if let Some(folder) = path.parent() {
            folders.insert(folder.to_path_buf());
        }
        converted.files += 1;
    }
    // The renames are made durable before the conversion is recorded as finished.
    for folder in folders {
        store::sync_dir(&folder).map_err(|source| VaultError::Io {
            action: "flush a folder",
            path: folder.clone(),
            source,
        })?;
    }
    progress(files.len(), files.len());
    Ok(converted)
}

/// Why a plain private file cannot be read as what it should be (an entry, a draft, a
/// backup), if it cannot: damaged, not text, or from a newer Rapport.
/// Enough of a group register (`facilitator::register::Register`, which sits above this
/// module) to tell a whole register file from a damaged one: the rest of the file is parsed and
/// ignored.
#[derive(serde::Deserialize)]
struct RegisterProbe {
    version: u32,
    #[serde(rename = "id")]
    _id: String,
}

impl crate::format::Versioned for RegisterProbe {
    fn format(&self) -> u32 {
        self.version
    }
}

fn unreadable_plain(path: &Path, bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("is not UTF-8 text".to_owned());
    };
    let in_folder = |name: &str| {
        path.parent()
            .and_then(Path::file_name)
            .is_some_and(|folder| folder.to_string_lossy() == name)
    };
    let result = if in_folder("drafts") {
        format::DRAFT
            .parse::<crate::storage::draft::Draft>(text)
            .map(drop)
    } else if in_folder("backups") {
        format::ARCHIVE
            .parse::<crate::storage::archive::Archive>(text)
            .map(drop)
    } else if in_folder("registers") {
        format::REGISTER.parse::<RegisterProbe>(text).map(drop)
    } else {
        format::ENTRY
            .parse::<crate::content::entry::Entry>(text)
            .map(drop)
    };
    result.err().map(|error| match error {
        FormatError::Newer { .. } => "came from a newer version of Rapport".to_owned(),
        _ => "could not be read".to_owned(),
    })
}

fn read_bytes(path: &Path) -> Result<Zeroizing<Vec<u8>>, String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("This file could not be read ({error}); it was left as it is"))?;
    if !metadata.is_file() {
        return Err(
            "This is not a regular file (a named pipe or a device); it was left as it is"
                .to_owned(),
        );
    }
    let size = metadata.len();
    if size > MAX_CONVERT_BYTES {
        return Err(format!(
            "This file is {size} bytes, larger than any Rapport file; it was left as it is"
        ));
    }
    std::fs::read(path)
        .map(Zeroizing::new)
        .map_err(|error| format!("This file could not be read ({error}); it was left as it is"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seal::Sealing;

    const ENTRY: &str = r#"(version: 1, id: "a", worksheet: "coping-skills", worksheet_version: 1,
    created: "2026-11-25T10:00:00+00:00", edited: "2026-11-25T10:00:00+00:00", answers: {})"#;

    fn cheap(passphrase: &str, key: &DataKey) -> Protection {
        let kdf = KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: 8 * 1024,
            iterations: 1,
            parallelism: 1,
            salt: to_hex(&[7u8; SALT_LEN]),
        };
        let wrapping = derive(passphrase, &kdf).unwrap();
        Protection {
            version: PROTECTION_FORMAT,
            wrapped_key: to_hex(&seal(&wrapping, key.bytes().as_slice(), KEY_AAD).unwrap()),
            kdf,
            state: ProtectionState::Protected,
            state_tag: None,
        }
    }

    #[test]
    fn the_right_passphrase_unwraps_the_key_and_a_wrong_one_is_refused() {
        let key = DataKey::random().unwrap();
        let protection = cheap("correct horse battery", &key);
        let unlocked = protection.unlock("correct horse battery").unwrap();
        assert_eq!(unlocked.bytes().as_slice(), key.bytes().as_slice());
        assert!(matches!(
            protection.unlock("Correct horse battery"),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn key_derivation_settings_outside_what_rapport_writes_are_refused_before_use() {
        let good = r#"(version: 1, kdf: (algorithm: "argon2id", memory_kib: 65536, iterations: 8,
            parallelism: 1, salt: "00112233445566778899aabbccddeeff"), wrapped_key: "00", state: Protected)"#;
        let path = Path::new("protection.ron");
        assert!(Protection::parse(good, path).is_ok());
        for bad in [
            good.replace("65536", "4000000000"),
            good.replace("65536", "1"),
            good.replace("iterations: 8", "iterations: 4000000"),
            good.replace("iterations: 8", "iterations: 0"),
            good.replace("parallelism: 1", "parallelism: 9999"),
            good.replace("argon2id", "md5"),
            good.replace("00112233445566778899aabbccddeeff", "zz"),
            good.replace("version: 1", "version: 0"),
        ] {
            let error = Protection::parse(&bad, path).unwrap_err().to_string();
            assert!(error.contains("protection.ron"), "{bad}: {error}");
        }
    }

    #[test]
    fn turning_off_keeps_the_key_when_a_file_cannot_be_unsealed() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let journal = data.journal();
        std::fs::create_dir_all(&journal).unwrap();
        std::fs::write(journal.join("a.ron"), ENTRY).unwrap();
        std::fs::write(journal.join("b.ron"), ENTRY).unwrap();
        let (key, converted) = turn_on(&data, "correct horse battery", &mut |_, _| {}).unwrap();
        assert_eq!(converted.files, 2);
        let mut damaged = std::fs::read(journal.join("b.ron")).unwrap();
        *damaged.last_mut().unwrap() ^= 1;
        std::fs::write(journal.join("b.ron"), &damaged).unwrap();

        let mut protection = Protection::read(&data).unwrap().unwrap();
        let unlocked = data.with_sealing(Sealing::Sealed(key.clone()));
        let converted = turn_off(&unlocked, &mut protection, &key, &mut |_, _| {}).unwrap();
        assert_eq!(converted.files, 1);
        assert_eq!(
            std::fs::read_to_string(journal.join("a.ron")).unwrap(),
            ENTRY
        );
        assert_eq!(
            std::fs::read(journal.join("b.ron")).unwrap(),
            damaged,
            "left as it was"
        );
        assert!(Protection::read(&data).unwrap().is_none());
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("protection.kept-"))
            .collect();
        assert_eq!(kept.len(), 1, "the key is kept beside the sealed file");
        assert_eq!(converted.skipped.len(), 2, "{:?}", converted.skipped);
    }

    #[test]
    fn turning_on_never_rewrites_a_file_it_could_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let journal = data.journal();
        std::fs::create_dir_all(&journal).unwrap();
        std::fs::write(journal.join("a.ron"), ENTRY).unwrap();
        let damaged = journal.join("damaged.ron");
        std::fs::write(&damaged, "(version: 1, id: ").unwrap();
        let newer = journal.join("newer.ron");
        std::fs::write(&newer, "(version: 99, id: \"newer\")").unwrap();
        let binary = journal.join("binary.ron");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        let (_, converted) = turn_on(&data, "correct horse battery", &mut |_, _| {}).unwrap();
        assert_eq!(converted.files, 1);
        assert!(is_sealed(&std::fs::read(journal.join("a.ron")).unwrap()));
        assert_eq!(
            std::fs::read_to_string(&damaged).unwrap(),
            "(version: 1, id: "
        );
        assert_eq!(
            std::fs::read_to_string(&newer).unwrap(),
            "(version: 99, id: \"newer\")"
        );
        assert_eq!(std::fs::read(&binary).unwrap(), [0xff, 0xfe, 0x00]);
        let said: Vec<String> = converted.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said.iter()
                .any(|s| s.contains("newer version of Rapport")
                    && s.contains("left exactly as it is")),
            "{said:?}"
        );
    }

    #[test]
    fn a_damaged_or_newer_protection_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert!(Protection::read(&data).unwrap().is_none());
        std::fs::write(data.protection(), "(version: 1, kdf: ").unwrap();
        assert!(matches!(
            Protection::read(&data),
            Err(VaultError::Unreadable { .. })
        ));
        std::fs::write(data.protection(), "(version: 9, future: true)").unwrap();
        assert!(matches!(Protection::read(&data), Err(VaultError::Newer(9))));
        assert_eq!(
            std::fs::read_to_string(data.protection()).unwrap(),
            "(version: 9, future: true)"
        );
    }
}
