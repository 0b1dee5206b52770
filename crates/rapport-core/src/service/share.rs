//! Sharing progress with a facilitator, and the facilitator's group summary: one call each,
//! for the app and the command line.

use std::path::{Path, PathBuf};

use crate::facilitator::handout::{self, Paper};
use crate::facilitator::share::{self, Import, ShareError, ShareFile, Shareable, Summary};
use crate::service::model::Model;
use crate::storage::atomic::{self, Overwrite};
use crate::time::LocalTime;

impl Model {
    /// The series this journal could share: their ids, labels and how many values each has.
    #[must_use]
    pub fn shareable(&self) -> Vec<Shareable> {
        share::shareable(self.workbook(), self.journal())
    }

    /// The share file for the series `include`, under `pseudonym`, for the group `group`.
    /// Without `programme`, the programme the person follows (from Settings) is used.
    pub fn build_share(
        &self,
        programme: Option<&str>,
        group: &str,
        pseudonym: &str,
        include: &[String],
        created: LocalTime,
    ) -> Result<ShareFile, ShareError> {
        let followed = crate::storage::settings::load(self.data_dir())
            .value
            .following
            .map(|following| following.programme);
        let programme = programme.map(str::to_owned).or(followed).ok_or_else(|| {
            ShareError("Name the programme the group follows, e.g. group-ipt.".to_owned())
        })?;
        share::build(
            self.workbook(),
            self.journal(),
            &programme,
            group,
            pseudonym,
            include,
            created,
        )
    }

    /// Where a share file goes unless the person picks a place: `exports/share-NAME-DATE.ron`.
    #[must_use]
    pub fn default_share_path(&self, file: &ShareFile) -> PathBuf {
        let safe: String = file
            .pseudonym
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        self.data_dir()
            .export_file(&format!("share-{safe}-{}.ron", file.created.date()))
    }
}

/// Writes a share file atomically to `path`.
pub fn save_share(file: &ShareFile, path: &Path) -> Result<(), String> {
    atomic::write_atomic(path, share::to_ron(file).as_bytes(), Overwrite::Replace).map_err(
        |error| {
            format!(
                "Could not save the share file: {error}. Path: {}",
                path.display()
            )
        },
    )
}

/// A group's shared progress: the files read (and skipped), and their summary.
#[derive(Clone, Debug)]
pub struct GroupSummary {
    /// The participants' files, and the ones skipped with the reason.
    pub import: Import,
    /// Per measure and week: n, median and spread; and the change over the programme.
    pub summary: Summary,
}

impl GroupSummary {
    /// Reads every share file in `folder` for the group `group` (and `programme`, if given),
    /// checking each against `workbook`, and summarises them. Files are only read, never
    /// written.
    pub fn of_folder(
        workbook: &crate::content::workbook::Workbook,
        folder: &Path,
        group: &str,
        programme: Option<&str>,
    ) -> Result<Self, String> {
        let import = share::import(folder, group, programme, workbook)?;
        let summary = share::summarise(&import.files);
        Ok(Self { import, summary })
    }

    /// The summary as CSV.
    #[must_use]
    pub fn csv(&self) -> String {
        share::summary_csv(&self.summary)
    }

    /// Writes the summary as CSV to `path`.
    pub fn write_csv(&self, path: &Path) -> Result<(), String> {
        atomic::write_atomic(path, self.csv().as_bytes(), Overwrite::Replace)
            .map_err(|error| format!("Could not save: {error}. Path: {}", path.display()))
    }

    /// Writes the summary as a PDF to `path`.
    pub fn write_pdf(&self, path: &Path, paper: Paper) -> Result<(), String> {
        handout::summary_pdf(
            &self.summary,
            self.import.files.len(),
            &self.import.skipped,
            paper,
        )
        .and_then(|bytes| handout::write(path, &bytes))
        .map_err(|error| error.to_string())
    }
}
