//! Sharing progress with a facilitator, and the facilitator's group summary: one call each,
//! for the app and the command line.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::content::programme::SessionKind;
use crate::facilitator::handout::{self, Paper};
use crate::facilitator::share::{self, Import, ShareError, ShareFile, Shareable, Summary};
use crate::insight::progress;
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
    /// Without `programme`, the programme the person follows (from Settings) is used. Only the
    /// values of the programme's run are shared: from `start` (the group's start date, from
    /// the facilitator), or see [`Model::run_start`].
    pub fn build_share(
        &self,
        programme: Option<&str>,
        start: Option<Date>,
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
        let start = start.or_else(|| self.run_start(&programme, created.date()));
        let start =
            start.ok_or_else(|| ShareError(format!("There is no programme “{programme}”.")))?;
        share::build(
            self.workbook(),
            self.journal(),
            share::Request {
                programme: &programme,
                start,
                group,
                pseudonym,
                include,
            },
            created,
        )
    }

    /// When this person's run of `programme` began, without a date from the facilitator: if
    /// they follow it (Settings), the Monday of their current session's week less a week per
    /// session before it; otherwise the Monday that makes the run's weeks end this week.
    /// `None` for a programme that does not exist.
    #[must_use]
    pub fn run_start(&self, programme: &str, today: Date) -> Option<Date> {
        let found = self.workbook().programme(programme)?;
        let weeks = share::run_weeks(found);
        let following = crate::storage::settings::load(self.data_dir())
            .value
            .following
            .filter(|following| following.programme == programme);
        // Weeks already gone by: the numbered sessions before the current one.
        let before = following.map_or(weeks.saturating_sub(1), |following| {
            found
                .sessions
                .iter()
                .take(following.session.saturating_sub(1))
                .filter(|session| session.kind != SessionKind::PreGroup)
                .count()
        });
        let days = i64::try_from(before).unwrap_or(0).saturating_mul(7);
        progress::monday_of(today)
            .checked_sub(jiff::Span::new().days(days))
            .ok()
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
    /// checking each against `workbook`, and summarises them, week 1 starting on `start` when
    /// the facilitator gives the run's start date (estimated from the files otherwise). Files
    /// are only read, never written.
    pub fn of_folder(
        workbook: &crate::content::workbook::Workbook,
        folder: &Path,
        group: &str,
        programme: Option<&str>,
        start: Option<jiff::civil::Date>,
    ) -> Result<Self, String> {
        let import = share::import(folder, group, programme, workbook)?;
        // The run's length: from the programme named, or the one the files are for.
        let run_weeks = programme
            .or_else(|| import.files.first().map(|file| file.programme.as_str()))
            .and_then(|id| workbook.programme(id))
            .map(share::run_weeks);
        let summary = share::summarise_run(&import.files, run_weeks, start);
        Ok(Self { import, summary })
    }

    /// How many values fell outside the run's weeks and were left out, in a sentence; `None`
    /// when every value was within them.
    #[must_use]
    pub fn outside_note(&self) -> Option<String> {
        let summary = &self.summary;
        (summary.outside > 0).then(|| {
            let weeks = summary
                .run_weeks
                .map_or_else(String::new, |n| format!(" {n}"));
            let values = if summary.outside == 1 {
                "value"
            } else {
                "values"
            };
            format!(
                "{} shared {values} from outside the programme's{weeks} weeks left out.",
                summary.outside
            )
        })
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
            self.outside_note().as_deref(),
            paper,
        )
        .and_then(|bytes| handout::write(path, &bytes))
        .map_err(|error| error.to_string())
    }
}
