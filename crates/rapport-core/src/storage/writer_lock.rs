//! One writer at a time: an advisory lock on the data folder, taken by every action that writes
//! the journal (saves, edits, deletes, restores, imports, backups, protection conversions), so
//! that the app and the command line, or two command lines, never write it at the same moment.
//!
//! The lock is `DATA_DIR/rapport.lock`, locked whole with `flock` (Unix) or `LockFileEx`
//! (Windows) through `fs4`. The operating system releases it when the holder exits, even when
//! it is killed, so a crash never leaves the journal locked. A second writer waits briefly for
//! the first to finish, then gives up with a message that says why. The lock is re-entrant
//! within one thread: an import that saves many entries takes it once and each save inside it
//! passes through.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt as _;

use crate::storage::atomic;
use crate::storage::layout::DataDir;

/// How long a writer waits for another one to finish before giving up.
pub const WAIT: Duration = Duration::from_secs(5);

/// The writer lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another window or command held the lock for the whole wait.
    #[error(
        "Rapport is already changing this journal in another window or command, so nothing was changed. Try again when it has finished. Path: {}", path.display()
    )]
    Busy {
        /// The lock file.
        path: PathBuf,
    },
    /// The lock file could not be opened.
    #[error("Could not take the journal's writer lock: {source}. Path: {}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl From<LockError> for std::io::Error {
    fn from(error: LockError) -> Self {
        let kind = match &error {
            LockError::Busy { .. } => std::io::ErrorKind::WouldBlock,
            LockError::Io { source, .. } => source.kind(),
        };
        std::io::Error::new(kind, error.to_string())
    }
}

thread_local! {
    /// The locks this thread holds, by lock file, with how many guards share each.
    static HELD: RefCell<BTreeMap<PathBuf, (usize, Option<File>)>> =
        const { RefCell::new(BTreeMap::new()) };
}

/// Holds the writer lock of a data folder until dropped.
#[derive(Debug)]
#[must_use = "the lock is released when this is dropped"]
pub struct WriterLock {
    path: PathBuf,
}

impl WriterLock {
    /// Takes the writer lock of `data_dir`, waiting up to [`WAIT`] for another writer.
    pub fn acquire(data_dir: &DataDir) -> Result<Self, LockError> {
        Self::acquire_within(data_dir, WAIT)
    }

    /// Takes the writer lock of `data_dir`, waiting up to `wait` for another writer.
    pub fn acquire_within(data_dir: &DataDir, wait: Duration) -> Result<Self, LockError> {
        let path = data_dir.writer_lock();
        let nested = HELD.with_borrow_mut(|held| {
            held.get_mut(&path).is_some_and(|(count, _)| {
                *count += 1;
                true
            })
        });
        if nested {
            return Ok(Self { path });
        }
        let file = open_lock_file(&path)?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match file.try_lock_exclusive() {
                Ok(true) => break,
                Ok(false) => {}
                Err(source) => return Err(LockError::Io { path, source }),
            }
            if started.elapsed() >= wait {
                return Err(LockError::Busy { path });
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
        HELD.with_borrow_mut(|held| held.insert(path.clone(), (1, Some(file))));
        Ok(Self { path })
    }

    /// Tidies what killed writers left in `data_dir`: finishes or undoes an interrupted restore
    /// or import ([`crate::storage::interrupted`]), then removes every temporary file from the
    /// private folders (the journal, versions, trash, drafts, backups, restores). Safe whatever
    /// their age, because it takes this lock: every writer of private files holds it while its
    /// temporary file exists, so any found now was left by a save that was killed, and may hold
    /// plain text.
    pub fn tidy(&self, data_dir: &DataDir) {
        crate::storage::interrupted::finish(data_dir);
        for folder in data_dir.private_folders() {
            atomic::remove_stale_temp_files(&folder, Duration::ZERO);
        }
    }

    /// Whether this thread holds the writer lock of `data_dir`.
    #[must_use]
    pub fn is_held(data_dir: &DataDir) -> bool {
        let path = data_dir.writer_lock();
        HELD.with_borrow(|held| held.contains_key(&path))
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        HELD.with_borrow_mut(|held| {
            let last = held.get_mut(&self.path).is_some_and(|(count, _)| {
                *count -= 1;
                *count == 0
            });
            if last {
                // Closing the file releases the lock.
                held.remove(&self.path);
            }
        });
    }
}

fn open_lock_file(path: &Path) -> Result<File, LockError> {
    let io = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(folder) = path.parent() {
        atomic::create_private_dir_all(folder).map_err(io)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_is_told_why_and_the_lock_is_reentrant() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let held = WriterLock::acquire(&data).unwrap();
        // The same thread passes through (an import saving many entries).
        let inner = WriterLock::acquire_within(&data, Duration::ZERO).unwrap();
        drop(inner);
        assert!(WriterLock::is_held(&data));
        let other = data.clone();
        let started = Instant::now();
        let refused = std::thread::spawn(move || {
            WriterLock::acquire_within(&other, Duration::from_millis(200)).map(drop)
        })
        .join()
        .unwrap()
        .unwrap_err()
        .to_string();
        assert!(started.elapsed() >= Duration::from_millis(200), "it waited");
        assert!(
            refused.starts_with("Rapport is already changing this journal in another window")
                && refused.ends_with("rapport.lock"),
            "{refused}"
        );
        drop(held);
        assert!(!WriterLock::is_held(&data));
        // Released: another thread takes it at once.
        let other = data.clone();
        std::thread::spawn(move || WriterLock::acquire_within(&other, Duration::ZERO).map(drop))
            .join()
            .unwrap()
            .unwrap();
    }

    #[test]
    fn a_writer_waiting_gets_the_lock_when_the_first_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let held = WriterLock::acquire(&data).unwrap();
        let other = data.clone();
        let waiting = std::thread::spawn(move || {
            WriterLock::acquire_within(&other, Duration::from_secs(5)).map(drop)
        });
        std::thread::sleep(Duration::from_millis(100));
        drop(held);
        waiting.join().unwrap().unwrap();
    }
}
