//! Private, atomic file storage: the only place that writes user data to disk.
//!
//! Every write goes to a temporary file in the destination folder, is flushed to disk, and is then
//! renamed over the destination, after which the folder itself is flushed. A crash at any moment
//! leaves either the old file or the new one, never a torn one.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;

use zeroize::{Zeroize, Zeroizing};

use crate::storage::seal as vault;
use crate::storage::seal::Sealing;

/// Prefix of temporary files, so that loaders can recognise and skip them.
pub const TEMP_PREFIX: &str = ".rapport-";
/// Suffix of temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Creates `dir` and its missing parents, readable only by the user (0700 on Unix).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes sure `path` exists as a file only the user can read (0600 on Unix), creating it empty
/// if missing and narrowing the permissions of one that is there. For files another library
/// writes in place (eframe's window state), which then keep these permissions.
pub fn ensure_private_file(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    {
        options.open(path)?;
    }
    Ok(())
}

/// Whether an existing file at the destination may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace the file if it exists.
    Replace,
    /// Fail with [`io::ErrorKind::AlreadyExists`] if the file exists.
    Never,
}

/// Writes `bytes` to `path` atomically, as a file only the user can read (0600 on Unix).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> io::Result<()> {
    let dir = folder_of(path)?;
    create_private_dir_all(dir)?;
    write_and_rename(dir, path, bytes, overwrite)?;
    sync_dir(dir)
}

/// As [`write_atomic`] (replacing), with the bytes streamed by `fill` into a buffered
/// temporary file: for exports, whose size should not decide how much memory they take.
pub fn write_atomic_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = folder_of(path)?;
    create_private_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// As [`write_atomic`] (replacing, in an existing folder), but leaves flushing the folder to
/// the caller: for rewriting many files in one folder, which is then flushed once.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_and_rename(folder_of(path)?, path, bytes, Overwrite::Replace)
}

fn folder_of(path: &Path) -> io::Result<&Path> {
    path.parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no folder"))
}

/// Writes a flushed temporary file in `dir` and renames it to `path`.
fn write_and_rename(dir: &Path, path: &Path, bytes: &[u8], overwrite: Overwrite) -> io::Result<()> {
    // tempfile creates the file with mode 0600 and a random name in the same folder.
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match overwrite {
        Overwrite::Replace => temp.persist(path).map_err(|e| e.error)?,
        Overwrite::Never => temp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    Ok(())
}

/// Writes a private file (an entry, a version, a draft, a backup) atomically, sealed if the
/// journal is protected.
pub fn write_private(
    path: &Path,
    text: &str,
    overwrite: Overwrite,
    sealing: &Sealing,
) -> io::Result<()> {
    let bytes = sealing
        .seal(text.as_bytes())
        .map_err(|error| io::Error::other(error.to_string()))?;
    write_atomic(path, &bytes, overwrite)
}

/// Moves `from` to `to` (same file system) and flushes both folders, creating `to`'s folder.
/// Refuses to replace an existing file at `to`.
pub fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    let to_dir = to
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no folder"))?;
    create_private_dir_all(to_dir)?;
    if to.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file with that name is already there",
        ));
    }
    fs::rename(from, to)?;
    sync_dir(to_dir)?;
    if let Some(from_dir) = from.parent() {
        sync_dir(from_dir)?;
    }
    Ok(())
}

/// Flushes a folder's entries (renames, new files) to disk. A no-op where folders cannot be opened.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Why a file's text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused or failed.
    #[error("could not be read: {0}")]
    Io(#[from] io::Error),
    /// The file is larger than any file of its kind should be.
    #[error(
        "is {size} bytes, larger than the {limit} bytes a file of this kind may have; it was not read"
    )]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The largest size accepted.
        limit: u64,
    },
    /// The bytes are not UTF-8 text.
    #[error("is not UTF-8 text (it may be damaged, or not a Rapport file)")]
    NotText,
    /// The file has no content.
    #[error("is empty")]
    Empty,
    /// Not a regular file: a folder, a named pipe, a device. Never opened, since opening a
    /// pipe waits for a writer for ever.
    #[error("is not a regular file (a folder, a named pipe or a device), so it was not read")]
    NotAFile,
    /// The file is sealed and the journal is not unlocked.
    #[error("is protected by your passphrase; unlock the journal to read it")]
    Locked,
    /// The file is sealed but the journal's key does not open it.
    #[error(
        "is sealed but could not be opened with this journal's key: it is damaged, or it comes from a journal with another key"
    )]
    CannotUnseal,
}

/// Reads a UTF-8 text file, refusing files larger than `limit` bytes before reading them.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    text_of(read_bytes(path, limit)?)
}

/// Reads a private file written by [`write_private`], sealed or plain: a journal being
/// converted holds both. The text is wiped from memory when dropped.
pub fn read_private(
    path: &Path,
    limit: u64,
    sealing: &Sealing,
) -> Result<Zeroizing<String>, ReadError> {
    let mut bytes = Zeroizing::new(read_bytes(path, limit)?);
    if !vault::is_sealed(&bytes) {
        // Moved, not copied: a journal pack is megabytes.
        return text_of(std::mem::take(&mut *bytes)).map(Zeroizing::new);
    }
    let Sealing::Sealed(key) = sealing else {
        return Err(ReadError::Locked);
    };
    let mut plain = vault::open_file(key, &bytes).map_err(|_| ReadError::CannotUnseal)?;
    text_of(std::mem::take(&mut *plain)).map(Zeroizing::new)
}

fn text_of(bytes: Vec<u8>) -> Result<String, ReadError> {
    let text = String::from_utf8(bytes).map_err(|error| {
        // Wipe what could not be used, too.
        let mut bytes = error.into_bytes();
        bytes.zeroize();
        ReadError::NotText
    })?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(text)
}

/// Opens `path` for reading only if it is a regular file (following symbolic links): a named
/// pipe would block the open until something writes to it, and hang the app or `check`.
pub fn open_regular(path: &Path) -> io::Result<File> {
    if !fs::metadata(path)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a named pipe or a device)",
        ));
    }
    File::open(path)
}

fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Opened without blocking, so a named pipe cannot hang the open; then one `fstat` both
    // refuses anything but a regular file and gives the size, and one `read` usually takes the
    // whole file: four system calls a file, which is most of what opening ten years costs.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc_nonblock());
    }
    let mut file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    let size = metadata.len();
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let expected = usize::try_from(size).unwrap_or(0);
    let mut bytes = vec![0; expected + 1];
    let mut filled = 0;
    // A regular file reads short only at its end; a longer file grew since the `fstat`.
    loop {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        }
        if filled < bytes.len() {
            break;
        }
        if filled as u64 > limit {
            return Err(ReadError::TooLarge {
                size: filled as u64,
                limit,
            });
        }
        bytes.resize(bytes.len() * 2, 0);
    }
    bytes.truncate(filled);
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// `O_NONBLOCK`, without a dependency on `libc` for one constant (it is 0o4000 on Linux and
/// the BSDs' 0x0004 elsewhere).
#[cfg(unix)]
fn libc_nonblock() -> i32 {
    if cfg!(any(target_os = "linux", target_os = "android")) {
        0o4000
    } else {
        0x0004
    }
}

/// Removes temporary files left in `dir` by a save that was interrupted (a crash, a kill), if
/// they are older than `older_than`: a younger one may belong to a save still running in another
/// process. Returns how many were removed. Temporary files never hold the only copy of anything:
/// the entry they were for is either complete under its own name or was never reported saved.
pub fn remove_stale_temp_files(dir: &Path, older_than: std::time::Duration) -> usize {
    let Ok(listing) = fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    listing
        .filter_map(Result::ok)
        .filter(|item| is_temp_name(&item.file_name().to_string_lossy()))
        .filter(|item| {
            older_than.is_zero()
                || item
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| now.duration_since(modified).ok())
                    .is_some_and(|age| age > older_than)
        })
        .filter(|item| fs::remove_file(item.path()).is_ok())
        .count()
}

/// Whether a file name is one of our temporary files.
#[must_use]
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("a.ron");
        write_atomic(&path, b"one", Overwrite::Never).unwrap();
        write_atomic(&path, b"two", Overwrite::Replace).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.ron")]);
    }

    #[test]
    fn never_overwrite_keeps_the_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        fs::write(&path, "precious").unwrap();
        let error = write_atomic(&path, b"new", Overwrite::Never).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("journal");
        let path = folder.join("a.ron");
        write_atomic(&path, b"x", Overwrite::Never).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_another_library_writes_is_made_private_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let missing = dir.path().join("app-state");
        ensure_private_file(&missing).unwrap();
        assert_eq!(mode(&missing), 0o600);
        let open = dir.path().join("old-app-state");
        fs::write(&open, "(kept)").unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o644)).unwrap();
        ensure_private_file(&open).unwrap();
        assert_eq!(mode(&open), 0o600);
        assert_eq!(fs::read_to_string(&open).unwrap(), "(kept)");
    }

    #[test]
    fn read_text_refuses_large_binary_and_empty_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        fs::write(&big, vec![b'a'; 100]).unwrap();
        assert!(matches!(
            read_text(&big, 99),
            Err(ReadError::TooLarge { size: 100, .. })
        ));
        let binary = dir.path().join("bin");
        fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        assert!(matches!(read_text(&binary, 99), Err(ReadError::NotText)));
        let empty = dir.path().join("empty");
        fs::write(&empty, "  \n").unwrap();
        assert!(matches!(read_text(&empty, 99), Err(ReadError::Empty)));
    }

    #[test]
    fn only_stale_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".rapport-old.tmp");
        let fresh = dir.path().join(".rapport-new.tmp");
        let entry = dir.path().join("entry.ron");
        for path in [&stale, &fresh, &entry] {
            fs::write(path, "x").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(2);
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        File::options()
            .write(true)
            .open(&entry)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        assert_eq!(
            remove_stale_temp_files(dir.path(), std::time::Duration::from_hours(1)),
            1
        );
        assert!(!stale.exists());
        assert!(
            fresh.exists(),
            "a young temporary file may belong to a save in progress"
        );
        assert!(entry.exists(), "only temporary files are ever removed");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("entry.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        let (done, finished) = std::sync::mpsc::channel();
        let path = pipe.clone();
        std::thread::spawn(move || {
            let _ = done.send(read_text(&path, 99).map(drop));
        });
        let result = finished
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("reading a named pipe returns at once instead of hanging");
        assert!(matches!(result, Err(ReadError::NotAFile)), "{result:?}");
        assert!(open_regular(&pipe).is_err());
    }

    #[test]
    fn move_file_refuses_to_replace() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("t").join("b");
        fs::write(&a, "a").unwrap();
        move_file(&a, &b).unwrap();
        assert!(!a.exists());
        fs::write(&a, "a2").unwrap();
        assert!(move_file(&a, &b).is_err());
        assert_eq!(fs::read_to_string(&b).unwrap(), "a");
    }
}
