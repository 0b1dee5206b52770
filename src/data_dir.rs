//! Where the user's data lives, and the layout of that folder.

use std::path::{Path, PathBuf};

use crate::vault::Sealing;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The user's data folder:
///
/// ```text
/// DATA_DIR/
///   journal/          one RON file per entry (the source of truth)
///   versions/ID/      earlier versions of edited entries
///   trash/            deleted entries, restorable
///   worksheets/       the user's own worksheet definitions
///   programmes/       the user's own programmes
///   crisis.ron        the user's crisis contacts and helplines
///   protection.ron    the passphrase protection settings, when the journal is protected
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
    pub fn write_private(
        &self,
        path: &Path,
        text: &str,
        overwrite: crate::store::Overwrite,
    ) -> std::io::Result<()> {
        crate::store::write_private(path, text, overwrite, &self.sealing)
    }

    /// Reads a private file, sealed or plain.
    pub fn read_private(
        &self,
        path: &Path,
        limit: u64,
    ) -> Result<zeroize::Zeroizing<String>, crate::store::ReadError> {
        crate::store::read_private(path, limit, &self.sealing)
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
        self.root.join("journal")
    }

    /// Earlier versions of the entry `id`.
    #[must_use]
    pub fn versions_of(&self, id: &str) -> PathBuf {
        self.root.join("versions").join(id)
    }

    /// Deleted entries.
    #[must_use]
    pub fn trash(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// The user's crisis contacts and their copy of the helpline list.
    #[must_use]
    pub fn crisis(&self) -> PathBuf {
        self.root.join("crisis.ron")
    }

    /// The user's own programmes.
    #[must_use]
    pub fn programmes(&self) -> PathBuf {
        self.root.join("programmes")
    }

    /// The user's own worksheet definitions.
    #[must_use]
    pub fn worksheets(&self) -> PathBuf {
        self.root.join("worksheets")
    }
}
