//! Consented group progress: what a participant chooses to share with their facilitator (only
//! numbers and dates, under a pseudonym), and how a facilitator summarises a folder of such
//! files without ever changing them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::programme::{Programme, SessionKind};
use crate::content::workbook::Workbook;
use crate::format::{self, FormatError, Versioned};
use crate::insight::chart::GroupChart;
use crate::insight::progress::{self, Series};
use crate::insight::spread::{SUPPRESSED, Spread, WeekRow, spread};
use crate::problem::Problem;
use crate::ron_format;
use crate::storage::atomic as store;
use crate::storage::journal::Journal;
use crate::time::LocalTime;

/// Marks a file as a Rapport share file.
pub const KIND: &str = "rapport-share";
/// The share file format this version writes (see [`format::SHARE`]).
pub const FORMAT: u32 = format::SHARE.current;
/// The largest share file that will be read.
pub const MAX_BYTES: u64 = 1024 * 1024;
const MAX_SERIES: usize = 50;
const MAX_POINTS: usize = 5_000;
const MAX_PSEUDONYM: usize = 40;

/// What a participant shares: numbers and dates only, under a pseudonym.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareFile {
    /// Always `rapport-share`.
    pub kind: String,
    /// Format of the file.
    pub version: u32,
    /// The programme the group follows.
    pub programme: String,
    /// The code the facilitator gave the group.
    pub group: String,
    /// The name the participant chose to appear under.
    pub pseudonym: String,
    /// When the file was made.
    pub created: LocalTime,
    /// The day the programme run began (week 1 starts then); values outside the run are not in
    /// the file. `None` only in files of format 1.
    #[serde(default)]
    pub start: Option<Date>,
    /// The series the participant chose.
    pub series: Vec<SharedSeries>,
}

/// One shared series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedSeries {
    /// `worksheet` for a questionnaire score, `worksheet/step` for a rating.
    pub id: String,
    /// What it measures, e.g. "PHQ-9 score".
    pub label: String,
    /// Lowest possible value.
    pub min: i64,
    /// Highest possible value.
    pub max: i64,
    /// (date, value), oldest first.
    pub points: Vec<(Date, i64)>,
}

/// A series the participant could share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shareable {
    /// Its id in the share file.
    pub id: String,
    /// What it is, with the worksheet's title.
    pub label: String,
    /// How many values there are.
    pub count: usize,
}

fn series_id(worksheet: &str, series: &Series, is_score: bool) -> String {
    if is_score {
        worksheet.to_owned()
    } else {
        format!("{worksheet}/{}", series.step_id)
    }
}

/// Every tracked series with at least one value, measures first.
#[must_use]
pub fn shareable(workbook: &Workbook, journal: &Journal) -> Vec<Shareable> {
    let mut found = Vec::new();
    for worksheet in workbook.worksheets() {
        let is_measure = worksheet.questionnaire().is_some();
        for series in progress::tracked_series(worksheet, journal.entries()) {
            if series.points.is_empty() {
                continue;
            }
            found.push((
                !is_measure,
                Shareable {
                    id: series_id(&worksheet.id, &series, is_measure),
                    label: format!("{}: {}", worksheet.title, series.label),
                    count: series.points.len(),
                },
            ));
        }
    }
    found.sort_by_key(|(not_measure, _)| *not_measure);
    found.into_iter().map(|(_, s)| s).collect()
}

/// How many weeks a run of `programme` lasts: one a session, not counting a one-to-one meeting
/// before the group starts.
#[must_use]
pub fn run_weeks(programme: &Programme) -> usize {
    programme
        .sessions
        .iter()
        .filter(|session| session.kind != SessionKind::PreGroup)
        .count()
        .max(1)
}

/// The day after the last day of a run of `weeks` weeks beginning on `start`.
#[must_use]
pub fn run_end(start: Date, weeks: usize) -> Date {
    let days = i64::try_from(weeks).unwrap_or(1).saturating_mul(7);
    start
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(Date::MAX)
}

/// Why a share file could not be made or used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct ShareError(pub String);

/// What a share file is made of: the programme run, the group, the name and the series.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The programme's id.
    pub programme: &'a str,
    /// The day the run began: values from then until the run's last week are shared.
    pub start: Date,
    /// The group code.
    pub group: &'a str,
    /// The name to appear under.
    pub pseudonym: &'a str,
    /// The series' ids.
    pub include: &'a [String],
}

/// Builds the share file for the series `include`, checking what the participant typed. Only
/// values dated within the run (from `start`, for the programme's weeks) are included.
pub fn build(
    workbook: &Workbook,
    journal: &Journal,
    request: Request<'_>,
    now: LocalTime,
) -> Result<ShareFile, ShareError> {
    let Request {
        programme,
        start,
        group,
        pseudonym,
        include,
    } = request;
    let Some(found_programme) = workbook.programme(programme) else {
        return Err(ShareError(format!("There is no programme “{programme}”.")));
    };
    let end = run_end(start, run_weeks(found_programme));
    check_code(group)?;
    check_pseudonym(pseudonym)?;
    if include.is_empty() {
        return Err(ShareError(
            "Choose at least one series to share.".to_owned(),
        ));
    }
    let mut series = Vec::new();
    for id in include {
        let (worksheet_id, step) = match id.split_once('/') {
            Some((w, s)) => (w, Some(s)),
            None => (id.as_str(), None),
        };
        let worksheet = workbook
            .get(worksheet_id)
            .ok_or_else(|| ShareError(format!("“{id}” is not a series you can share.")))?;
        let is_measure = worksheet.questionnaire().is_some() && step.is_none();
        let found = progress::tracked_series(worksheet, journal.entries())
            .into_iter()
            .find(|s| series_id(&worksheet.id, s, is_measure) == *id)
            .ok_or_else(|| ShareError(format!("“{id}” is not a series you can share.")))?;
        series.push(SharedSeries {
            id: id.clone(),
            label: format!("{}: {}", worksheet.title, found.label),
            min: found.min,
            max: found.max,
            points: found
                .points
                .iter()
                .map(|p| (p.when.date(), p.value))
                .filter(|(date, _)| (start..end).contains(date))
                .collect(),
        });
    }
    Ok(ShareFile {
        kind: KIND.to_owned(),
        version: FORMAT,
        programme: programme.to_owned(),
        group: group.trim().to_owned(),
        pseudonym: pseudonym.trim().to_owned(),
        created: now,
        start: Some(start),
        series,
    })
}

fn check_code(code: &str) -> Result<(), ShareError> {
    let code = code.trim();
    if code.is_empty()
        || code.len() > 40
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ShareError(format!(
            "The group code “{code}” should be the letters, digits and dashes your facilitator gave you."
        )));
    }
    Ok(())
}

fn check_pseudonym(pseudonym: &str) -> Result<(), ShareError> {
    let pseudonym = pseudonym.trim();
    if pseudonym.is_empty()
        || pseudonym.chars().count() > MAX_PSEUDONYM
        || pseudonym.contains(['\n', '\r'])
    {
        return Err(ShareError(format!(
            "Choose a pseudonym of 1 to {MAX_PSEUDONYM} characters on one line; it is all the group will see of your name."
        )));
    }
    Ok(())
}

/// Two dates as a short range: “2 Sep – 28 Oct 2026”, or “2 Sep 2025 – 28 Oct 2026”.
#[must_use]
pub fn date_range(first: Date, last: Date) -> String {
    let from = if first.year() == last.year() {
        first.strftime("%-d %b")
    } else {
        first.strftime("%-d %b %Y")
    };
    format!("{from} – {}", last.strftime("%-d %b %Y"))
}

/// What a share file holds, in one plain sentence: “3 measures, 24 values, 2 Sep – 28 Oct
/// 2026, under the name ‘River’”.
#[must_use]
pub fn describe(file: &ShareFile) -> String {
    let measures = file.series.len();
    let dates = file
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|(d, _)| *d));
    let values = dates.clone().count();
    let span = match (dates.clone().min(), dates.max()) {
        (Some(first), Some(last)) => format!(", {}", date_range(first, last)),
        _ => String::new(),
    };
    format!(
        "{measures} {}, {values} {}{span}, under the name ‘{}’",
        if measures == 1 { "measure" } else { "measures" },
        if values == 1 { "value" } else { "values" },
        file.pseudonym
    )
}

/// The exact text that will be written, for the participant to read before saving.
#[must_use]
pub fn to_ron(file: &ShareFile) -> String {
    ron::ser::to_string_pretty(file, ron_format::pretty()).unwrap_or_default() + "\n"
}

/// Parses and checks a share file's text against the group code (and programme, if given).
pub fn parse(text: &str, group: &str, programme: Option<&str>) -> Result<ShareFile, String> {
    let file: ShareFile = format::SHARE.parse(text).map_err(|error| match error {
        FormatError::Newer { found, .. } => format!(
            "This share file was made by a newer version of Rapport (format {found}); ask the participant to share again, or update Rapport"
        ),
        FormatError::Syntax { detail, .. } => {
            format!("This is not a Rapport share file, or it is damaged: {detail}")
        }
        other => other.to_string(),
    })?;
    if file.kind != KIND {
        return Err("This is not a Rapport share file.".to_owned());
    }
    if file.group != group.trim() {
        return Err(format!(
            "This file is for another group (code “{}”), not “{}”",
            file.group,
            group.trim()
        ));
    }
    if let Some(programme) = programme
        && file.programme != programme
    {
        return Err(format!(
            "This file is for the programme “{}”, not “{programme}”",
            file.programme
        ));
    }
    check_pseudonym(&file.pseudonym).map_err(|e| e.0)?;
    if file.series.len() > MAX_SERIES {
        return Err(format!(
            "This file has {} series; a share file has at most {MAX_SERIES}",
            file.series.len()
        ));
    }
    for series in &file.series {
        if series.min >= series.max {
            return Err(format!(
                "The series “{}” has a range from {} to {}, which is not a range",
                series.label, series.min, series.max
            ));
        }
        if series.points.len() > MAX_POINTS {
            return Err(format!(
                "The series “{}” has {} values; at most {MAX_POINTS} are accepted",
                series.label,
                series.points.len()
            ));
        }
        if let Some((date, value)) = series
            .points
            .iter()
            .find(|(_, v)| !(series.min..=series.max).contains(v))
        {
            return Err(format!(
                "The series “{}” has the value {value} on {date}, outside its range {} to {}",
                series.label, series.min, series.max
            ));
        }
    }
    Ok(file)
}

/// The range a series really has: the score range of the questionnaire `worksheet`, or the
/// scale of the tracked rating `worksheet/step`; `None` for a series no worksheet tracks.
fn real_range(workbook: &Workbook, id: &str) -> Option<(i64, i64)> {
    let (worksheet_id, step) = match id.split_once('/') {
        Some((worksheet, step)) => (worksheet, Some(step)),
        None => (id, None),
    };
    let worksheet = workbook.get(worksheet_id)?;
    match step {
        None => worksheet
            .questionnaire()
            .map(crate::content::questionnaire::Questionnaire::range),
        Some(step) => worksheet
            .step(step)
            .and_then(|step| step.field.tracked_scale())
            .map(|scale| (scale.min, scale.max)),
    }
}

/// Checks a share file against the workbook: every series must be one a worksheet tracks, with
/// that worksheet's real range (so a PHQ-9 said to run to 1,000,000 is refused), and no value
/// may be dated after the file was made.
pub fn check_against(file: &ShareFile, workbook: &Workbook) -> Result<(), String> {
    let made = file.created.date();
    for series in &file.series {
        let Some((min, max)) = real_range(workbook, &series.id) else {
            return Err(format!(
                "The series “{}” is not one any worksheet in this workbook tracks",
                series.id
            ));
        };
        if (series.min, series.max) != (min, max) {
            return Err(format!(
                "The series “{}” claims the range {} to {}, but {} runs from {min} to {max}",
                series.label, series.min, series.max, series.id
            ));
        }
        if let Some((date, _)) = series.points.iter().find(|(date, _)| *date > made) {
            return Err(format!(
                "The series “{}” has a value dated {date}, after the file was made on {made}",
                series.label
            ));
        }
    }
    Ok(())
}

/// What importing a folder found: the files that were used and those skipped, with why.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// The participants' files, by pseudonym.
    pub files: Vec<ShareFile>,
    /// Files that were skipped, with the reason. They are never changed.
    pub skipped: Vec<Problem>,
}

/// Reads every `.ron` file in `folder`, checking each against the group code; the rest import
/// even when some are skipped. Files are only read, never written.
pub fn import(
    folder: &Path,
    group: &str,
    programme: Option<&str>,
    workbook: &Workbook,
) -> Result<Import, String> {
    let listing = std::fs::read_dir(folder).map_err(|error| {
        let why = match error.kind() {
            std::io::ErrorKind::NotFound => {
                "There is no folder there. Check the spelling, or pick the folder the share files were saved in".to_owned()
            }
            std::io::ErrorKind::NotADirectory => {
                "That is a file, not a folder. Pick the folder that holds the share files".to_owned()
            }
            _ => format!("The folder could not be read ({error})"),
        };
        format!("{why}. Path: {}", folder.display())
    })?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let mut result = Import::default();
    let mut pseudonyms = BTreeSet::new();
    for path in paths {
        let parsed = store::read_text(&path, MAX_BYTES)
            .map_err(|error| format!("This file {error}"))
            .and_then(|text| parse(&text, group, programme))
            .and_then(|file| check_against(&file, workbook).map(|()| file));
        match parsed {
            Ok(file) => {
                if pseudonyms.insert(file.pseudonym.to_lowercase()) {
                    result.files.push(file);
                } else {
                    result.skipped.push(Problem::new(
                        &path,
                        format!(
                            "Another file already uses the pseudonym “{}”; ask one of the two to choose another",
                            file.pseudonym
                        ),
                    ));
                }
            }
            Err(message) => result.skipped.push(Problem::new(&path, message)),
        }
    }
    Ok(result)
}

/// Change over the programme for one measure: each participant's last value minus their first.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    /// The series id.
    pub series: String,
    /// The series label.
    pub label: String,
    /// The changes.
    pub spread: Spread,
}

/// The group's progress, with no individual row.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The day week 1 began: the run's start date (the earliest, if the files differ), or for
    /// files without one, the Monday of the earliest shared value.
    pub start: Option<Date>,
    /// Whether [`Summary::start`] is an estimate from the files (no start date was given for
    /// the run), rather than the date the facilitator gave.
    pub start_estimated: bool,
    /// How many weeks the programme's run lasts, when the programme is known: only weeks 1 to
    /// this are summarised.
    pub run_weeks: Option<usize>,
    /// How many shared values fell outside the run's weeks, and were left out.
    pub outside: usize,
    /// Per measure and week.
    pub weeks: Vec<WeekRow>,
    /// Per measure, the change from first to last.
    pub changes: Vec<ChangeRow>,
    /// Each measure's possible range, by series id.
    pub ranges: BTreeMap<String, (i64, i64)>,
}

/// Each participant's last (date, value) in one week.
type LastValues<'a> = BTreeMap<&'a str, (Date, i64)>;

/// Summarises the files per week of the programme's run and over the run. Each file's weeks
/// count from its run's start date; a file without one (format 1) counts from the Monday of the
/// earliest value any file without one holds. With `run_weeks`, values outside weeks 1 to
/// `run_weeks` are left out and counted in [`Summary::outside`].
#[must_use]
pub fn summarise(files: &[ShareFile], run_weeks: Option<usize>) -> Summary {
    summarise_run(files, run_weeks, None)
}

/// [`summarise`], for a run that began on `given` when the facilitator gives its start date:
/// then every file's weeks count from `given`, whatever start the file holds. Without it, the
/// start is estimated as [`summarise`] says, and [`Summary::start_estimated`] is set.
#[must_use]
pub fn summarise_run(
    files: &[ShareFile],
    run_weeks: Option<usize>,
    given: Option<Date>,
) -> Summary {
    let undated = files
        .iter()
        .filter(|f| f.start.is_none())
        .flat_map(|f| {
            f.series
                .iter()
                .flat_map(|s| s.points.iter().map(|(d, _)| *d))
        })
        .min()
        .map(progress::monday_of);
    let start = given.or_else(|| files.iter().filter_map(|f| f.start).chain(undated).min());
    let Some(start) = start else {
        return Summary {
            start: None,
            start_estimated: true,
            run_weeks,
            outside: 0,
            weeks: Vec::new(),
            changes: Vec::new(),
            ranges: BTreeMap::new(),
        };
    };
    let last_week = run_weeks.map_or(i64::MAX, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let week_of = |file_start: Date, date: Date| {
        let days = i64::from(file_start.until(date).map_or(0, |span| span.get_days()));
        let week = days.div_euclid(7) + 1;
        (1..=last_week).contains(&week).then_some(week)
    };
    let mut outside = 0;
    // (series, week) -> participant -> last value that week
    let mut by_week: BTreeMap<(String, i64), LastValues<'_>> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut ranges: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut changes: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for file in files {
        let file_start = given.or(file.start).unwrap_or(start);
        for series in &file.series {
            labels
                .entry(series.id.clone())
                .or_insert_with(|| series.label.clone());
            ranges
                .entry(series.id.clone())
                .or_insert((series.min, series.max));
            let mut within = Vec::new();
            for (date, value) in &series.points {
                let Some(week) = week_of(file_start, *date) else {
                    outside += 1;
                    continue;
                };
                within.push((*date, *value));
                let slot = by_week
                    .entry((series.id.clone(), week))
                    .or_default()
                    .entry(file.pseudonym.as_str())
                    .or_insert((*date, *value));
                if *date >= slot.0 {
                    *slot = (*date, *value);
                }
            }
            let mut points = within;
            points.sort();
            if let (Some(first), Some(last)) = (points.first(), points.last())
                && points.len() >= 2
            {
                changes
                    .entry(series.id.clone())
                    .or_default()
                    .push(last.1 - first.1);
            }
        }
    }
    let weeks = by_week
        .into_iter()
        .filter_map(|((series, week), participants)| {
            let values: Vec<i64> = participants.values().map(|(_, v)| *v).collect();
            Some(WeekRow {
                label: labels.get(&series).cloned().unwrap_or_default(),
                series,
                week,
                spread: spread(&values)?,
            })
        })
        .collect();
    let changes = changes
        .into_iter()
        .filter_map(|(series, values)| {
            Some(ChangeRow {
                label: labels.get(&series).cloned().unwrap_or_default(),
                series,
                spread: spread(&values)?,
            })
        })
        .collect();
    Summary {
        start: Some(start),
        start_estimated: given.is_none(),
        run_weeks,
        outside,
        weeks,
        changes,
        ranges,
    }
}

impl Summary {
    /// When week 1 starts, in a sentence that says whether the date was given or estimated:
    /// “Week 1 starts on 2 September 2026, the group's start date.”; `None` with no values.
    #[must_use]
    pub fn start_sentence(&self) -> Option<String> {
        let start = self.start?.strftime("%-d %B %Y");
        Some(if self.start_estimated {
            format!(
                "Week 1 starts on {start}, estimated from the shared files. Give the group's start date to be sure."
            )
        } else {
            format!("Week 1 starts on {start}, the group's start date.")
        })
    }

    /// The group chart of the measure `series`: its weeks, on an axis of the run's weeks.
    #[must_use]
    pub fn chart(&self, series: &str) -> Option<GroupChart> {
        let range = *self.ranges.get(series)?;
        let weeks: Vec<WeekRow> = self
            .weeks
            .iter()
            .filter(|r| r.series == series)
            .cloned()
            .collect();
        let title = weeks
            .first()
            .map_or_else(|| series.to_owned(), |r| r.label.clone());
        let last_week = self
            .run_weeks
            .and_then(|n| i64::try_from(n).ok())
            .or_else(|| weeks.iter().map(|r| r.week).max())
            .unwrap_or(1);
        Some(GroupChart {
            title,
            range,
            weeks,
            last_week,
        })
    }

    /// Every row: (measure, week or "change", spread), weeks first, then the changes.
    #[must_use]
    pub fn rows(&self) -> Vec<(&str, String, Spread)> {
        let mut rows: Vec<(&str, String, Spread)> = self
            .weeks
            .iter()
            .map(|r| (r.label.as_str(), r.week.to_string(), r.spread))
            .collect();
        rows.extend(
            self.changes
                .iter()
                .map(|r| (r.label.as_str(), "change".to_owned(), r.spread)),
        );
        rows
    }
}

/// The summary as CSV: one row per measure and week, then the changes as week "change". A row
/// from fewer than [`SMALL_CELL`](crate::insight::spread::SMALL_CELL) people gives its count and
/// says [`SUPPRESSED`] instead of any figure.
#[must_use]
pub fn summary_csv(summary: &Summary) -> String {
    let header: Vec<String> = ["measure", "week", "n", "median", "q1", "q3", "min", "max"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let row = |label: &str, week: String, s: &Spread| {
        if !s.is_shown() {
            // With one or two people, a median or a range is someone's own score.
            return vec![
                label.to_owned(),
                week,
                s.n.to_string(),
                SUPPRESSED.to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
        }
        vec![
            label.to_owned(),
            week,
            s.n.to_string(),
            format!("{:.1}", s.median),
            format!("{:.1}", s.q1),
            format!("{:.1}", s.q3),
            s.min.to_string(),
            s.max.to_string(),
        ]
    };
    let rows: Vec<Vec<String>> = summary
        .rows()
        .iter()
        .map(|(label, week, s)| row(label, week.clone(), s))
        .collect();
    crate::csv::to_csv(&header, &rows)
}

impl Versioned for ShareFile {
    fn format(&self) -> u32 {
        self.version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_or_a_file_in_its_place_is_said_in_words_with_the_path_last() {
        let dir = tempfile::tempdir().unwrap();
        let workbook = Workbook::bundled();
        let missing = dir.path().join("shares");
        let error = import(&missing, "MAPLE-1", None, &workbook).unwrap_err();
        assert!(error.starts_with("There is no folder there."), "{error}");
        assert!(
            error.ends_with(&format!("Path: {}", missing.display())),
            "{error}"
        );
        assert!(!error.contains("os error"), "{error}");
        let file = dir.path().join("one.ron");
        std::fs::write(&file, "()").unwrap();
        let error = import(&file, "MAPLE-1", None, &workbook).unwrap_err();
        assert!(
            error.starts_with("That is a file, not a folder."),
            "{error}"
        );
    }

    #[test]
    fn spread_uses_the_median_and_interpolated_quartiles() {
        let s = spread(&[4, 1, 3, 2]).unwrap();
        assert_eq!((s.n, s.min, s.max), (4, 1, 4));
        assert!((s.median - 2.5).abs() < 1e-9);
        assert!((s.q1 - 1.75).abs() < 1e-9);
        assert!((s.q3 - 3.25).abs() < 1e-9);
        let one = spread(&[7]).unwrap();
        assert!((one.median - 7.0).abs() < 1e-9 && (one.q1 - 7.0).abs() < 1e-9);
        assert!(spread(&[]).is_none());
    }

    fn file(pseudonym: &str, points: &[(&str, i64)]) -> ShareFile {
        ShareFile {
            kind: KIND.into(),
            version: FORMAT,
            programme: "group-ipt".into(),
            group: "MAPLE-1".into(),
            pseudonym: pseudonym.into(),
            created: "2026-11-25T10:00:00+00:00".parse().unwrap(),
            start: None,
            series: vec![SharedSeries {
                id: "phq9".into(),
                label: "PHQ-9: mood: PHQ-9 score".into(),
                min: 0,
                max: 27,
                points: points
                    .iter()
                    .map(|(d, v)| (d.parse().unwrap(), *v))
                    .collect(),
            }],
        }
    }

    #[test]
    fn a_share_file_must_match_the_worksheets_it_claims() {
        let workbook = Workbook::bundled();
        let good = file("Robin", &[("2026-11-02", 15)]);
        assert_eq!(check_against(&good, &workbook), Ok(()));

        let mut inflated = file("Robin", &[("2026-11-02", 999_999)]);
        inflated.series[0].max = 1_000_000;
        let error = check_against(&inflated, &workbook).unwrap_err();
        assert!(error.contains("runs from 0 to 27"), "{error}");

        let mut unknown = good.clone();
        unknown.series[0].id = "made-up".into();
        let error = check_against(&unknown, &workbook).unwrap_err();
        assert!(error.contains("not one any worksheet"), "{error}");

        let future = file("Robin", &[("2027-01-01", 3)]);
        let error = check_against(&future, &workbook).unwrap_err();
        assert!(error.contains("after the file was made"), "{error}");

        let mut rating = good.clone();
        rating.series[0] = SharedSeries {
            id: "coping-skills/intensity_before".into(),
            label: "Coping skills: intensity before".into(),
            min: 0,
            max: 10,
            points: vec![("2026-11-02".parse().unwrap(), 7)],
        };
        assert_eq!(check_against(&rating, &workbook), Ok(()));
    }

    #[test]
    fn weeks_take_each_participants_last_value_and_changes_pair_first_with_last() {
        let files = [
            file(
                "Robin",
                &[("2026-11-02", 15), ("2026-11-04", 13), ("2026-11-16", 8)],
            ),
            file("Ash", &[("2026-11-03", 10), ("2026-11-17", 9)]),
            file("Kit", &[("2026-11-10", 20)]),
        ];
        let summary = summarise(&files, None);
        assert_eq!(summary.start, Some(jiff::civil::date(2026, 11, 2)));
        let week = |n: i64| summary.weeks.iter().find(|r| r.week == n).unwrap().spread;
        assert_eq!(week(1).n, 2);
        assert!(
            (week(1).median - 11.5).abs() < 1e-9,
            "Robin's last value that week was 13"
        );
        assert_eq!(week(2).n, 1);
        assert_eq!(week(3).n, 2);
        let change = summary.changes[0].spread;
        assert_eq!(change.n, 2, "Kit has one value, so no change");
        assert!((change.median - (-4.0)).abs() < 1e-9, "changes -7 and -1");
        let csv = summary_csv(&summary);
        assert!(csv.starts_with("measure,week,n,median,q1,q3,min,max\n"));
        assert!(csv.contains(",change,2,fewer than 3 shared,,,,\n"), "{csv}");
    }

    #[test]
    fn without_a_start_date_week_1_is_estimated_and_a_given_date_replaces_it() {
        let mut robin = file("Robin", &[("2026-11-04", 15), ("2026-11-18", 8)]);
        robin.start = Some(jiff::civil::date(2026, 11, 4));
        let files = [
            robin,
            // No start of its own: estimated from the Monday of its first value.
            file("Ash", &[("2026-11-03", 10), ("2026-11-17", 9)]),
            file("Kit", &[("2026-11-05", 20), ("2026-11-19", 14)]),
        ];
        let estimated = summarise(&files, Some(8));
        assert_eq!(estimated.start, Some(jiff::civil::date(2026, 11, 2)));
        assert!(estimated.start_estimated);
        assert_eq!(
            estimated.start_sentence().unwrap(),
            "Week 1 starts on 2 November 2026, estimated from the shared files. Give the group's start date to be sure."
        );

        // The facilitator's date: every file's weeks count from it, and values before it are
        // outside the run.
        let given = summarise_run(&files, Some(8), Some(jiff::civil::date(2026, 11, 5)));
        assert_eq!(given.start, Some(jiff::civil::date(2026, 11, 5)));
        assert!(!given.start_estimated);
        assert_eq!(
            given.start_sentence().unwrap(),
            "Week 1 starts on 5 November 2026, the group's start date."
        );
        assert_eq!(
            given.outside, 2,
            "Robin's and Ash's first values came before it"
        );
        let week = |n: i64| given.weeks.iter().find(|r| r.week == n).map(|r| r.spread.n);
        assert_eq!(week(1), Some(1), "Kit's 5 November");
        assert_eq!(week(2), Some(2), "the 17th and 18th");
        assert_eq!(week(3), Some(1), "Kit's 19th");
        assert_eq!(
            given.changes[0].spread.n, 1,
            "only Kit has two values in the run"
        );
    }

    #[test]
    fn figures_from_fewer_than_three_people_are_not_in_the_csv() {
        let files = [
            file("Robin", &[("2026-11-02", 15), ("2026-11-16", 8)]),
            file("Ash", &[("2026-11-03", 10), ("2026-11-17", 9)]),
            file("Kit", &[("2026-11-04", 20), ("2026-11-10", 14)]),
        ];
        let csv = summary_csv(&summarise(&files, None));
        // Week 1: all three shared, so the figures show.
        assert!(
            csv.contains("PHQ-9: mood: PHQ-9 score,1,3,15.0,12.5,17.5,10,20\n"),
            "{csv}"
        );
        // Week 2 holds Kit alone and week 3 two people: the count, and no figure.
        assert!(
            csv.contains("PHQ-9: mood: PHQ-9 score,2,1,fewer than 3 shared,,,,\n"),
            "{csv}"
        );
        assert!(
            csv.contains("PHQ-9: mood: PHQ-9 score,3,2,fewer than 3 shared,,,,\n"),
            "{csv}"
        );
        assert!(!csv.contains(",14.0,") && !csv.contains(",14\n"), "{csv}");
        // The change over the programme comes from three people.
        assert!(csv.contains(",change,3,-6.0,"), "{csv}");
    }

    #[test]
    fn a_share_is_described_in_one_plain_sentence() {
        let mut river = file(
            "River",
            &[("2026-09-02", 15), ("2026-10-28", 9), ("2026-09-09", 14)],
        );
        let mut second = river.series[0].clone();
        second.id = "gad7".into();
        river.series.push(second.clone());
        river.series.push(second);
        assert_eq!(
            describe(&river),
            "3 measures, 9 values, 2 Sep – 28 Oct 2026, under the name ‘River’"
        );
        let one = file("Kit", &[("2025-12-30", 4)]);
        assert_eq!(
            describe(&one),
            "1 measure, 1 value, 30 Dec – 30 Dec 2025, under the name ‘Kit’"
        );
        assert_eq!(
            date_range(
                jiff::civil::date(2025, 12, 1),
                jiff::civil::date(2026, 1, 5)
            ),
            "1 Dec 2025 – 5 Jan 2026"
        );
    }

    #[test]
    fn strict_checks_name_what_is_wrong() {
        let good = to_ron(&file("Robin", &[("2026-11-02", 15)]));
        assert!(parse(&good, "MAPLE-1", Some("group-ipt")).is_ok());
        assert!(
            parse(&good, "OAK-2", None)
                .unwrap_err()
                .contains("another group")
        );
        assert!(
            parse(&good, "MAPLE-1", Some("skills-workshop"))
                .unwrap_err()
                .contains("programme")
        );
        let out_of_range = good.replace("15", "99");
        assert!(
            parse(&out_of_range, "MAPLE-1", None)
                .unwrap_err()
                .contains("outside its range")
        );
        let unknown_field = good.replacen("kind:", "secret: \"x\",\n    kind:", 1);
        assert!(
            parse(&unknown_field, "MAPLE-1", None)
                .unwrap_err()
                .contains("not a Rapport share file")
        );
        let nan = good.replace("15", "NaN");
        assert!(parse(&nan, "MAPLE-1", None).is_err());
        let journal_entry = "(version: 1, id: \"x\", worksheet: \"phq9\")";
        assert!(
            parse(journal_entry, "MAPLE-1", None)
                .unwrap_err()
                .contains("not a Rapport share file")
        );
    }

    /// A participant with two years of weekly scores before the run, then the run's weeks.
    fn long_history(pseudonym: &str, start: Date, offset: i64) -> ShareFile {
        let mut share = file(pseudonym, &[]);
        share.start = Some(start);
        share.created = "2027-06-01T10:00:00+00:00".parse().unwrap();
        let mut day = start.checked_sub(jiff::Span::new().days(730)).unwrap();
        let end = run_end(start, 12);
        while day < end {
            share.series[0]
                .points
                .push((day, (offset + i64::from(day.day())) % 28));
            day = day.checked_add(jiff::Span::new().days(7)).unwrap();
        }
        share
    }

    #[test]
    fn the_summary_shows_the_runs_weeks_only_and_counts_the_rest() {
        let workbook = Workbook::bundled();
        let programme = workbook.programme("group-ipt").unwrap();
        assert_eq!(
            run_weeks(programme),
            8,
            "the meeting before the group is not a week"
        );
        let start = jiff::civil::date(2026, 9, 2);
        let files: Vec<ShareFile> = (0..8)
            .map(|i| long_history(&format!("P{i}"), start, i))
            .collect();
        let summary = summarise(&files, Some(run_weeks(programme)));
        assert_eq!(summary.start, Some(start));
        let weeks: BTreeSet<i64> = summary.weeks.iter().map(|r| r.week).collect();
        assert_eq!(weeks, (1..=8).collect(), "weeks 1 to 8, not 0 to 520");
        assert!(summary.weeks.iter().all(|r| r.spread.n == 8));
        // 105 weekly values before the run and 4 after it, for each of the 8 people.
        let per_person = files[0].series[0].points.len() - 8;
        assert_eq!(summary.outside, 8 * per_person);
        assert!(per_person > 100, "{per_person}");
        // The chart's axis is the run's weeks.
        let chart = summary.chart("phq9").unwrap();
        assert_eq!(chart.last_week, 8);

        // Without the programme's length, a file's weeks still start at its run.
        let unbounded = summarise(&files, None);
        assert_eq!(unbounded.weeks.iter().map(|r| r.week).min(), Some(1));
        assert_eq!(unbounded.weeks.iter().map(|r| r.week).max(), Some(12));
    }
}
