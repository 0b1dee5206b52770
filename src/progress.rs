//! Progress: the tracked ratings of a worksheet as series over time.

use crate::entry::{Answer, Entry};
use crate::questionnaire::{Band, Questionnaire};
use crate::time::LocalTime;
use crate::workbook::{Field, RatingScale, Step, Worksheet};

/// One tracked value over time: a rating, or a questionnaire's score.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The step the values answer.
    pub step_id: String,
    /// Short label, for legends and column headers.
    pub label: String,
    /// Lowest possible value.
    pub min: i64,
    /// Highest possible value.
    pub max: i64,
    /// Named ranges of values (a questionnaire's severity bands), lowest first; often empty.
    pub bands: Vec<Band>,
    /// Whether higher values are better (e.g. WHO-5), so bands are coloured the right way round.
    pub higher_is_better: bool,
    /// The values, oldest first.
    pub points: Vec<Point>,
}

/// One value of a series.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// When it happened: the entry's creation, or its own date for dated worksheets.
    pub when: LocalTime,
    /// The value.
    pub value: i64,
}

impl Point {
    /// Position on a time axis: days since 1970-01-01 on the user's wall clock at the time.
    ///
    /// Wall-clock days put an entry made at 23:00 on the day the user lived it, whatever
    /// offset the machine has now.
    #[must_use]
    pub fn day(&self) -> f64 {
        wall_clock_day(self.when)
    }
}

/// Days since 1970-01-01 on the wall clock of `when`.
#[must_use]
pub fn wall_clock_day(when: LocalTime) -> f64 {
    (when.instant().as_second() + i64::from(when.offset().seconds())) as f64 / 86_400.0
}

/// Something a worksheet tracks, and how to read it from an entry.
enum Tracked<'a> {
    Rating(&'a Step, &'a RatingScale),
    Score(&'a Step, &'a Questionnaire),
}

impl Tracked<'_> {
    fn all(worksheet: &Worksheet) -> Vec<Tracked<'_>> {
        worksheet
            .steps
            .iter()
            .filter_map(|step| match &step.field {
                Field::Rating(scale) if scale.tracked => Some(Tracked::Rating(step, scale)),
                Field::Questionnaire(q) if q.scoring.tracked => Some(Tracked::Score(step, q)),
                _ => None,
            })
            .collect()
    }

    fn value(&self, entry: &Entry) -> Option<i64> {
        match self {
            Tracked::Rating(step, _) => match entry.answers.get(&step.id) {
                Some(Answer::Number(value)) => Some(*value),
                _ => None,
            },
            Tracked::Score(_, questionnaire) => {
                questionnaire.score(&entry.answers).map(|score| score.total)
            }
        }
    }

    fn empty_series(&self) -> Series {
        match self {
            Tracked::Rating(step, scale) => Series {
                step_id: step.id.clone(),
                label: step.label.clone(),
                min: scale.min,
                max: scale.max,
                bands: Vec::new(),
                higher_is_better: false,
                points: Vec::new(),
            },
            Tracked::Score(step, questionnaire) => {
                let (min, max) = questionnaire.range();
                Series {
                    step_id: step.id.clone(),
                    label: questionnaire.scoring.label.clone(),
                    min,
                    max,
                    bands: questionnaire.scoring.bands.clone(),
                    higher_is_better: questionnaire.scoring.higher_is_better,
                    points: Vec::new(),
                }
            }
        }
    }
}

/// When an entry's events happened: its `dated_by` date (at noon, in the entry's offset) if
/// the worksheet has one and it is answered, else when the entry was created.
#[must_use]
pub fn entry_time(worksheet: &Worksheet, entry: &Entry) -> LocalTime {
    let dated = worksheet
        .dated_by
        .as_ref()
        .and_then(|id| match entry.answers.get(id) {
            Some(Answer::Date(date)) => {
                let noon = date.at(12, 0, 0, 0);
                let instant = entry.created.offset().to_timestamp(noon).ok()?;
                Some(LocalTime::with_offset(instant, entry.created.offset()))
            }
            _ => None,
        });
    dated.unwrap_or(entry.created)
}

/// The series of everything `worksheet` tracks, from the given entries (others ignored).
#[must_use]
pub fn tracked_series<'a>(
    worksheet: &Worksheet,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Vec<Series> {
    let tracked = Tracked::all(worksheet);
    let mut series: Vec<Series> = tracked.iter().map(Tracked::empty_series).collect();
    if series.is_empty() {
        return series;
    }
    for entry in entries {
        if entry.worksheet != worksheet.id {
            continue;
        }
        let when = entry_time(worksheet, entry);
        for (line, source) in series.iter_mut().zip(&tracked) {
            if let Some(value) = source.value(entry) {
                line.points.push(Point { when, value });
            }
        }
    }
    for line in &mut series {
        line.points.sort_by_key(|point| point.when);
    }
    series
}

/// The tracked values as a table: one row per entry with any of them, oldest first.
///
/// The first column is the entry's local date and time; a blank cell is a value not given. A
/// questionnaire's score comes as two columns, `score` and `band`.
#[must_use]
pub fn table<'a>(
    worksheet: &Worksheet,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let tracked = Tracked::all(worksheet);
    let mut header = vec!["date".to_owned()];
    for source in &tracked {
        match source {
            Tracked::Rating(step, _) => header.push(step.label.clone()),
            Tracked::Score(..) => header.extend(["score".to_owned(), "band".to_owned()]),
        }
    }
    let mut rows: Vec<(LocalTime, Vec<String>)> = entries
        .into_iter()
        .filter(|entry| entry.worksheet == worksheet.id)
        .filter_map(|entry| {
            let mut cells = Vec::new();
            for source in &tracked {
                let value = source.value(entry);
                cells.push(value.map(|v| v.to_string()).unwrap_or_default());
                if let Tracked::Score(_, questionnaire) = source {
                    let band = value.and_then(|v| questionnaire.band(v));
                    cells.push(band.map(|b| b.label.clone()).unwrap_or_default());
                }
            }
            cells.iter().any(|cell| !cell.is_empty()).then(|| {
                let when = entry_time(worksheet, entry);
                let mut row = vec![when.civil().strftime("%Y-%m-%d %H:%M").to_string()];
                row.extend(cells);
                (when, row)
            })
        })
        .collect();
    rows.sort_by_key(|(when, _)| *when);
    (header, rows.into_iter().map(|(_, row)| row).collect())
}

/// Writes a table as CSV, quoting cells that need it (RFC 4180).
#[must_use]
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|cell| {
                if cell.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out = line(header);
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::ENTRY_FORMAT;
    use crate::workbook::Workbook;

    fn entry(id: &str, created: &str, before: Option<i64>, after: Option<i64>) -> Entry {
        let when: LocalTime = created.parse().unwrap();
        let mut answers = crate::entry::Answers::new();
        if let Some(v) = before {
            answers.insert("intensity_before".into(), Answer::Number(v));
        }
        if let Some(v) = after {
            answers.insert("intensity_after".into(), Answer::Number(v));
        }
        Entry {
            version: ENTRY_FORMAT,
            id: id.into(),
            worksheet: "coping-skills".into(),
            worksheet_version: 1,
            created: when,
            edited: when,
            answers,
        }
    }

    #[test]
    fn series_are_sorted_by_time_and_skip_missing_values() {
        let workbook = Workbook::bundled();
        let worksheet = workbook.get("coping-skills").unwrap();
        let entries = [
            entry("b", "2026-11-20T10:00:00+00:00", Some(7), None),
            entry("a", "2026-11-18T10:00:00+00:00", Some(9), Some(4)),
        ];
        let series = tracked_series(worksheet, &entries);
        let before = series
            .iter()
            .find(|s| s.step_id == "intensity_before")
            .unwrap();
        let after = series
            .iter()
            .find(|s| s.step_id == "intensity_after")
            .unwrap();
        assert_eq!(
            before.points.iter().map(|p| p.value).collect::<Vec<_>>(),
            [9, 7]
        );
        assert_eq!(after.points.len(), 1);
    }

    #[test]
    fn no_entries_give_empty_series() {
        let workbook = Workbook::bundled();
        let worksheet = workbook.get("coping-skills").unwrap();
        let series = tracked_series(worksheet, &[]);
        assert!(!series.is_empty());
        assert!(series.iter().all(|s| s.points.is_empty()));
    }

    #[test]
    fn wall_clock_day_uses_the_entry_offset() {
        let late_evening: LocalTime = "2026-01-01T23:30:00-05:00".parse().unwrap();
        let point = Point {
            when: late_evening,
            value: 1,
        };
        // 23:30 local on 1 January is day 20454 + 0.979, not the next day in UTC.
        assert!((point.day() - 20454.979).abs() < 0.001, "{}", point.day());
    }

    #[test]
    fn table_and_csv() {
        let workbook = Workbook::bundled();
        let worksheet = workbook.get("coping-skills").unwrap();
        let entries = [
            entry("b", "2026-11-20T10:00:00+00:00", Some(7), None),
            entry("a", "2026-11-18T10:00:00+00:00", Some(9), Some(4)),
            entry("c", "2026-11-21T10:00:00+00:00", None, None),
        ];
        let (header, rows) = table(worksheet, &entries);
        assert_eq!(rows.len(), 2);
        let csv = to_csv(&header, &rows);
        assert!(csv.starts_with("date,"), "{csv}");
        assert!(csv.contains("2026-11-18 10:00,9,4\n"), "{csv}");
        assert!(csv.contains("2026-11-20 10:00,7,\n"), "{csv}");
        assert_eq!(
            to_csv(&["a,b".into()], &[vec!["say \"hi\"".into()]]),
            "\"a,b\"\n\"say \"\"hi\"\"\"\n"
        );
    }
}
