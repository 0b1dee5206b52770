//! Progress: the tracked ratings of a worksheet as series over time.

use crate::content::entry::{Answer, Entry};
use crate::content::questionnaire::{Band, Questionnaire};
use crate::content::worksheet::{Field, RatingScale, Step, Worksheet};
use crate::time::LocalTime;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::ENTRY_FORMAT;
    use crate::content::workbook::Workbook;
    use crate::csv::to_csv;

    fn entry(id: &str, created: &str, before: Option<i64>, after: Option<i64>) -> Entry {
        let when: LocalTime = created.parse().unwrap();
        let mut answers = crate::content::entry::Answers::new();
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

/// How far back a chart looks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum TimeRange {
    /// The last four weeks.
    FourWeeks,
    /// The last three months.
    #[default]
    ThreeMonths,
    /// The last year.
    Year,
    /// Everything.
    All,
}

impl TimeRange {
    /// Every range, shortest first.
    pub const ALL: [TimeRange; 4] = [
        TimeRange::FourWeeks,
        TimeRange::ThreeMonths,
        TimeRange::Year,
        TimeRange::All,
    ];

    /// The range's name as shown.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            TimeRange::FourWeeks => "4 weeks",
            TimeRange::ThreeMonths => "3 months",
            TimeRange::Year => "A year",
            TimeRange::All => "All",
        }
    }

    /// The first wall-clock day (days since 1970-01-01) inside the range ending on `today`.
    #[must_use]
    pub fn start_day(self, today: f64) -> f64 {
        let days = match self {
            TimeRange::FourWeeks => 28.0,
            TimeRange::ThreeMonths => 91.0,
            TimeRange::Year => 365.0,
            TimeRange::All => return f64::NEG_INFINITY,
        };
        today.floor() + 1.0 - days
    }
}

/// Keeps only the points from `start_day` on.
#[must_use]
pub fn within(series: &[Series], start_day: f64) -> Vec<Series> {
    series
        .iter()
        .map(|line| Series {
            points: line
                .points
                .iter()
                .filter(|point| point.day() >= start_day)
                .cloned()
                .collect(),
            ..line.clone()
        })
        .collect()
}

/// The trailing moving average over `window` points (fewer at the start), one per point.
#[must_use]
pub fn moving_average(points: &[Point], window: usize) -> Vec<(f64, f64)> {
    let window = window.max(1);
    let mut sum = 0.0;
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            sum += point.value as f64;
            if index >= window {
                sum -= points[index - window].value as f64;
            }
            let count = (index + 1).min(window) as f64;
            (point.day(), sum / count)
        })
        .collect()
}

/// A rating given before and after something, e.g. distress before and after a coping skill.
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeAfter {
    /// The shared start of the two step ids, e.g. `intensity`.
    pub stem: String,
    /// What is rated, e.g. "Intensity".
    pub label: String,
    /// The "before" step's label.
    pub before_label: String,
    /// The "after" step's label.
    pub after_label: String,
    /// Lowest value of the scale.
    pub min: i64,
    /// Highest value of the scale.
    pub max: i64,
    /// (before, after) from each entry that has both, oldest first.
    pub pairs: Vec<(i64, i64)>,
    /// The date of each pair's entry, in the same order.
    pub dates: Vec<jiff::civil::Date>,
}

/// The pairs of one calendar month, averaged.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthChange {
    /// The first day of the month.
    pub month: jiff::civil::Date,
    /// How many pairs the month has.
    pub count: usize,
    /// The mean "before" rating.
    pub before: f64,
    /// The mean "after" rating.
    pub after: f64,
}

impl MonthChange {
    /// The mean change, after − before.
    #[must_use]
    pub fn change(&self) -> f64 {
        self.after - self.before
    }
}

impl BeforeAfter {
    /// The mean of after − before, if there are pairs.
    #[must_use]
    pub fn average_change(&self) -> Option<f64> {
        if self.pairs.is_empty() {
            return None;
        }
        let total: i64 = self
            .pairs
            .iter()
            .map(|(before, after)| after - before)
            .sum();
        Some(total as f64 / self.pairs.len() as f64)
    }

    /// The pairs averaged by calendar month, oldest first; months without pairs are left out.
    #[must_use]
    pub fn by_month(&self) -> Vec<MonthChange> {
        let mut months: Vec<MonthChange> = Vec::new();
        for (&(before, after), date) in self.pairs.iter().zip(&self.dates) {
            let month = date.first_of_month();
            match months.last_mut() {
                Some(last) if last.month == month => {
                    last.count += 1;
                    last.before += before as f64;
                    last.after += after as f64;
                }
                _ => months.push(MonthChange {
                    month,
                    count: 1,
                    before: before as f64,
                    after: after as f64,
                }),
            }
        }
        for month in &mut months {
            month.before /= month.count as f64;
            month.after /= month.count as f64;
        }
        months
    }
}

/// The before/after pairs of a worksheet: ratings whose ids end in `_before` and `_after` with
/// the same stem, from entries (within `start_day` on) that answer both.
#[must_use]
pub fn before_after<'a>(
    worksheet: &Worksheet,
    entries: impl IntoIterator<Item = &'a Entry>,
    start_day: f64,
) -> Vec<BeforeAfter> {
    let mut pairs: Vec<BeforeAfter> = worksheet
        .steps
        .iter()
        .filter_map(|before| {
            let stem = before.id.strip_suffix("_before")?;
            let after = worksheet.step(&format!("{stem}_after"))?;
            let (Field::Rating(scale), Field::Rating(_)) = (&before.field, &after.field) else {
                return None;
            };
            let mut label = stem.replace('_', " ");
            if let Some(first) = label.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            Some(BeforeAfter {
                stem: stem.to_owned(),
                label,
                before_label: before.label.clone(),
                after_label: after.label.clone(),
                min: scale.min,
                max: scale.max,
                pairs: Vec::new(),
                dates: Vec::new(),
            })
        })
        .collect();
    if pairs.is_empty() {
        return pairs;
    }
    let mut relevant: Vec<&Entry> = entries
        .into_iter()
        .filter(|entry| entry.worksheet == worksheet.id)
        .filter(|entry| wall_clock_day(entry.created) >= start_day)
        .collect();
    relevant.sort_by_key(|entry| entry.created);
    for pair in &mut pairs {
        let (before_id, after_id) = (
            format!("{}_before", pair.stem),
            format!("{}_after", pair.stem),
        );
        for entry in &relevant {
            if let (Some(Answer::Number(before)), Some(Answer::Number(after))) =
                (entry.answers.get(&before_id), entry.answers.get(&after_id))
            {
                pair.pairs.push((*before, *after));
                pair.dates.push(entry.created.date());
            }
        }
    }
    pairs
}

/// How many entries of each worksheet were made in each of the last `weeks` weeks (Monday to
/// Sunday, ending with the week of `today`).
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyPractice {
    /// The Monday of each week, oldest first.
    pub weeks: Vec<jiff::civil::Date>,
    /// The worksheets shown (the most used), then "Other" if there are more.
    pub names: Vec<String>,
    /// Each name's palette slot, from its worksheet's place in the workbook, so that a
    /// worksheet keeps its colour in every range; `None` for "Other".
    pub slots: Vec<Option<usize>>,
    /// counts[week][name]
    pub counts: Vec<Vec<u32>>,
}

/// A worksheet's palette slot: its place in `order` (the workbook's worksheet ids) modulo
/// [`crate::insight::chart::SLOTS`]; `None` for a worksheet not in the workbook.
#[must_use]
pub fn colour_slot(order: &[&str], id: &str) -> Option<usize> {
    order
        .iter()
        .position(|known| *known == id)
        .map(|place| place % crate::insight::chart::SLOTS)
}

/// Counts entries per week and worksheet. The worksheets most used in these weeks get their own
/// colour, at most `top` of them: a worksheet's colour is its place in `order` (the workbook's
/// order of worksheet ids) modulo [`crate::insight::chart::SLOTS`], the same in every range;
/// where two of the most used share a colour, the less used one borrows a free colour for this
/// chart. If `chosen`
/// is not empty, those worksheets are shown instead of the most used (the person picked them).
#[must_use]
pub fn weekly_practice<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    title_of: impl Fn(&str) -> String,
    order: &[&str],
    chosen: &[String],
    today: jiff::civil::Date,
    weeks: usize,
    top: usize,
) -> WeeklyPractice {
    let weeks = weeks.max(1);
    let this_monday = monday_of(today);
    let first_monday = this_monday
        .checked_sub(jiff::Span::new().weeks(i64::try_from(weeks).unwrap_or(1) - 1))
        .unwrap_or(this_monday);
    let mut by_week: Vec<std::collections::BTreeMap<String, u32>> =
        vec![std::collections::BTreeMap::default(); weeks];
    let mut totals: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for entry in entries {
        let date = entry.created.date();
        if date < first_monday || date > today {
            continue;
        }
        let Ok(span) = date.since(first_monday) else {
            continue;
        };
        let index = usize::try_from(span.get_days() / 7)
            .unwrap_or(0)
            .min(weeks - 1);
        *by_week[index].entry(entry.worksheet.clone()).or_default() += 1;
        *totals.entry(entry.worksheet.clone()).or_default() += 1;
    }
    let slot_of = |id: &str| colour_slot(order, id);
    let mut ranked: Vec<(String, u32)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let candidates: Vec<&String> = if chosen.is_empty() {
        ranked.iter().map(|(id, _)| id).collect()
    } else {
        chosen.iter().collect()
    };
    let slots = crate::insight::chart::SLOTS;
    let homes: Vec<(&String, usize)> = candidates
        .into_iter()
        .filter_map(|id| Some((id, slot_of(id)?)))
        .take(top.min(slots))
        .collect();
    // Each keeps its own colour where it can, the more used first; one whose colour is taken
    // by a more used worksheet borrows the next free one for this chart, rather than hiding in
    // "Other" (with six colours and thirty worksheets, two of a person's few share one often).
    let mut taken = vec![false; slots];
    let mut own: Vec<Option<usize>> = homes
        .iter()
        .map(|(_, home)| (!std::mem::replace(&mut taken[*home], true)).then_some(*home))
        .collect();
    for (slot, (_, home)) in own.iter_mut().zip(&homes) {
        if slot.is_none()
            && let Some(free) = (1..slots)
                .map(|step| (home + step) % slots)
                .find(|free| !taken[*free])
        {
            taken[free] = true;
            *slot = Some(free);
        }
    }
    let mut shown: Vec<(String, usize)> = homes
        .iter()
        .zip(own)
        .filter_map(|((id, _), slot)| Some(((*id).clone(), slot?)))
        .collect();
    // Drawn in the workbook's order, so the stack's order is the same in every range too.
    shown.sort_by_key(|(id, _)| order.iter().position(|known| known == id));
    let rest = ranked
        .iter()
        .filter(|(id, _)| shown.iter().all(|(shown, _)| shown != id))
        .count();
    let other = rest > 0;
    let mut names: Vec<String> = shown.iter().map(|(id, _)| title_of(id)).collect();
    let mut slots: Vec<Option<usize>> = shown.iter().map(|(_, slot)| Some(*slot)).collect();
    if other {
        // Says how many it groups, so a tall "Other" reads as many worksheets, not one.
        names.push(format!(
            "Other ({})",
            crate::insight::chart::count_of(rest, "worksheet", "worksheets")
        ));
        slots.push(None);
    }
    let shown: Vec<String> = shown.into_iter().map(|(id, _)| id).collect();
    let counts = by_week
        .iter()
        .map(|week| {
            let mut row: Vec<u32> = shown
                .iter()
                .map(|id| week.get(id).copied().unwrap_or(0))
                .collect();
            if other {
                row.push(
                    week.iter()
                        .filter(|(id, _)| !shown.contains(id))
                        .map(|(_, n)| n)
                        .sum(),
                );
            }
            row
        })
        .collect();
    let weeks = (0..weeks)
        .map(|i| {
            first_monday
                .checked_add(jiff::Span::new().weeks(i64::try_from(i).unwrap_or(0)))
                .unwrap_or(first_monday)
        })
        .collect();
    WeeklyPractice {
        weeks,
        names,
        slots,
        counts,
    }
}

/// The Monday on or before `date`.
#[must_use]
pub fn monday_of(date: jiff::civil::Date) -> jiff::civil::Date {
    date.checked_sub(jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset())))
        .unwrap_or(date)
}

/// Entries per day over the `days` days ending `today`, oldest first.
#[must_use]
pub fn daily_counts<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    today: jiff::civil::Date,
    days: usize,
) -> Vec<u32> {
    let mut counts = vec![0u32; days];
    let first = today
        .checked_sub(jiff::Span::new().days(i64::try_from(days).unwrap_or(1) - 1))
        .unwrap_or(today);
    for entry in entries {
        let date = entry.created.date();
        if date < first || date > today {
            continue;
        }
        if let Ok(span) = date.since(first) {
            let index = usize::try_from(span.get_days()).unwrap_or(0);
            if let Some(count) = counts.get_mut(index) {
                *count += 1;
            }
        }
    }
    counts
}

/// Closeness per person over time: from the interpersonal inventory (`person` and `closeness`)
/// and from closeness circles (ring 1 of 3 is closeness 10, the outer ring 0). People with at
/// least two ratings, the `top` most rated first.
#[must_use]
pub fn relationships<'a>(entries: impl IntoIterator<Item = &'a Entry>, top: usize) -> Vec<Series> {
    let mut by_person: std::collections::BTreeMap<String, (String, Vec<Point>)> =
        std::collections::BTreeMap::new();
    let mut add = |name: &str, when: LocalTime, value: i64| {
        let key = name.trim().to_lowercase();
        if key.is_empty() {
            return;
        }
        let slot = by_person
            .entry(key)
            .or_insert_with(|| (name.trim().to_owned(), Vec::new()));
        slot.1.push(Point { when, value });
    };
    for entry in entries {
        match entry.worksheet.as_str() {
            "interpersonal-inventory" => {
                if let (Some(Answer::Text(name)), Some(Answer::Number(value))) =
                    (entry.answers.get("person"), entry.answers.get("closeness"))
                {
                    add(name, entry.created, *value);
                }
            }
            "closeness-circle" => {
                if let Some(Answer::Placements(people)) = entry.answers.get("circle") {
                    let rings = people
                        .iter()
                        .map(|p| i64::from(p.ring))
                        .max()
                        .unwrap_or(1)
                        .max(3);
                    for person in people {
                        let value = 10 * (rings - i64::from(person.ring)) / (rings - 1);
                        add(&person.name, entry.created, value);
                    }
                }
            }
            _ => {}
        }
    }
    let mut series: Vec<Series> = by_person
        .into_values()
        .filter(|(_, points)| points.len() >= 2)
        .map(|(name, mut points)| {
            points.sort_by_key(|p| p.when);
            Series {
                step_id: name.to_lowercase(),
                label: name,
                min: 0,
                max: 10,
                bands: Vec::new(),
                higher_is_better: true,
                points,
            }
        })
        .collect();
    series.sort_by(|a, b| {
        b.points
            .len()
            .cmp(&a.points.len())
            .then(a.label.cmp(&b.label))
    });
    series.truncate(top);
    series
}

#[cfg(test)]
mod series_maths {
    use super::*;
    use crate::content::entry::{ENTRY_FORMAT, Placement};

    fn point(day: i64, value: i64) -> Point {
        Point {
            when: LocalTime::with_offset(
                jiff::Timestamp::from_second(day * 86_400 + 43_200).unwrap(),
                jiff::tz::Offset::UTC,
            ),
            value,
        }
    }

    fn entry(worksheet: &str, created: &str, answers: Vec<(&str, Answer)>) -> Entry {
        let when: LocalTime = created.parse().unwrap();
        Entry {
            version: ENTRY_FORMAT,
            id: format!("{created}-{worksheet}"),
            worksheet: worksheet.into(),
            worksheet_version: 1,
            created: when,
            edited: when,
            answers: answers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }

    #[test]
    fn moving_average_uses_what_there_is_then_a_full_window() {
        let points: Vec<Point> = [2, 4, 6, 8]
            .iter()
            .enumerate()
            .map(|(d, v)| point(i64::try_from(d).unwrap(), *v))
            .collect();
        let averages: Vec<f64> = moving_average(&points, 3).iter().map(|(_, v)| *v).collect();
        assert!(
            averages
                .iter()
                .zip([2.0, 3.0, 4.0, 6.0])
                .all(|(a, b)| (a - b).abs() < 1e-9),
            "{averages:?}"
        );
        assert!(moving_average(&[], 7).is_empty());
        assert!((moving_average(&points[..1], 7)[0].1 - 2.0).abs() < 1e-9);
    }

    #[test]
    fn ranges_cut_at_the_right_day() {
        let today = 20_000.5;
        assert!((TimeRange::FourWeeks.start_day(today) - (20_000.0 - 27.0)).abs() < 1e-9);
        let series = vec![Series {
            step_id: "x".into(),
            label: "X".into(),
            min: 0,
            max: 10,
            bands: vec![],
            higher_is_better: false,
            points: vec![point(19_900, 1), point(19_990, 2), point(20_000, 3)],
        }];
        let kept = within(&series, TimeRange::FourWeeks.start_day(today));
        assert_eq!(kept[0].points.len(), 2);
        assert_eq!(
            within(&series, TimeRange::All.start_day(today))[0]
                .points
                .len(),
            3
        );
    }

    #[test]
    fn before_and_after_pair_within_an_entry() {
        let workbook = crate::content::workbook::Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let entries = [
            entry(
                "coping-skills",
                "2026-11-01T10:00:00+00:00",
                vec![
                    ("intensity_before", Answer::Number(8)),
                    ("intensity_after", Answer::Number(5)),
                ],
            ),
            entry(
                "coping-skills",
                "2026-11-02T10:00:00+00:00",
                vec![("intensity_before", Answer::Number(6))],
            ),
            entry(
                "coping-skills",
                "2026-11-03T10:00:00+00:00",
                vec![
                    ("intensity_before", Answer::Number(7)),
                    ("intensity_after", Answer::Number(6)),
                ],
            ),
        ];
        let pairs = before_after(coping, &entries, f64::NEG_INFINITY);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].label, "Intensity");
        assert_eq!(pairs[0].pairs, [(8, 5), (7, 6)]);
        assert_eq!(pairs[0].average_change(), Some(-2.0));
    }

    #[test]
    fn weekly_buckets_start_on_monday_and_group_the_rest_as_other() {
        let today = jiff::civil::date(2026, 11, 25); // a Wednesday
        let entries = [
            entry("a", "2026-11-23T09:00:00+00:00", vec![]), // Monday this week
            entry("a", "2026-11-22T23:30:00+00:00", vec![]), // Sunday last week
            entry("b", "2026-11-25T09:00:00+00:00", vec![]),
            entry("c", "2026-11-24T09:00:00+00:00", vec![]),
            entry("a", "2026-10-01T09:00:00+00:00", vec![]), // before the range
        ];
        let weekly = weekly_practice(
            &entries,
            str::to_uppercase,
            &["a", "b", "c"],
            &[],
            today,
            2,
            2,
        );
        assert_eq!(
            weekly.weeks,
            [
                jiff::civil::date(2026, 11, 16),
                jiff::civil::date(2026, 11, 23)
            ]
        );
        assert_eq!(weekly.names, ["A", "B", "Other (1 worksheet)"]);
        assert_eq!(weekly.counts, [vec![1, 0, 0], vec![1, 1, 1]]);
        assert_eq!(weekly.slots, [Some(0), Some(1), None]);
    }

    #[test]
    fn a_worksheet_keeps_its_colour_in_every_range() {
        let today = jiff::civil::date(2026, 11, 25);
        // This week "c" is the most used; over four weeks "a" is, and "c" comes third.
        let mut entries = vec![
            entry("c", "2026-11-24T09:00:00+00:00", vec![]),
            entry("c", "2026-11-24T10:00:00+00:00", vec![]),
            entry("b", "2026-11-24T11:00:00+00:00", vec![]),
        ];
        for day in 2..=9 {
            entries.push(entry(
                "a",
                &format!("2026-11-0{day}T09:00:00+00:00"),
                vec![],
            ));
        }
        for day in 2..=5 {
            entries.push(entry(
                "b",
                &format!("2026-11-0{day}T10:00:00+00:00"),
                vec![],
            ));
        }
        let order = ["a", "b", "c"];
        let week = weekly_practice(&entries, str::to_owned, &order, &[], today, 1, 6);
        let month = weekly_practice(&entries, str::to_owned, &order, &[], today, 4, 6);
        let slot = |w: &WeeklyPractice, name: &str| {
            w.slots[w.names.iter().position(|n| n == name).unwrap()]
        };
        for name in ["b", "c"] {
            assert_eq!(slot(&week, name), slot(&month, name), "{name}");
        }
        assert_eq!(slot(&month, "a"), Some(0));
        assert_eq!(slot(&month, "c"), Some(2));
        // Drawn in the workbook's order in both.
        assert_eq!(week.names, ["b", "c"]);
        assert_eq!(month.names, ["a", "b", "c"]);
    }

    #[test]
    fn worksheets_sharing_a_colour_get_two_on_one_chart_and_the_more_used_keeps_its_own() {
        let today = jiff::civil::date(2026, 11, 25);
        // With six colours, the 1st and the 7th worksheet of the workbook share one.
        let order = ["w0", "w1", "w2", "w3", "w4", "w5", "w6"];
        let entries = vec![
            entry("w6", "2026-11-24T09:00:00+00:00", vec![]),
            entry("w6", "2026-11-24T10:00:00+00:00", vec![]),
            entry("w0", "2026-11-24T11:00:00+00:00", vec![]),
            entry("w1", "2026-11-24T12:00:00+00:00", vec![]),
        ];
        let week = weekly_practice(&entries, str::to_owned, &order, &[], today, 1, 6);
        // w6 is used more and keeps the colour it shares with w0; w0 borrows the next free
        // one, and w1 keeps its own.
        assert_eq!(week.names, ["w0", "w1", "w6"]);
        assert_eq!(week.slots, [Some(2), Some(1), Some(0)]);
        assert_eq!(week.counts, [vec![1, 1, 2]]);
        // Seven worksheets with their six colours: six are shown, each in a colour of its own.
        let seven: Vec<Entry> = order
            .iter()
            .enumerate()
            .flat_map(|(place, id)| {
                (0..=place).map(move |n| {
                    entry(
                        id,
                        &format!("2026-11-2{}T0{n}:00:00+00:00", place % 3 + 3),
                        vec![],
                    )
                })
            })
            .collect();
        let all = weekly_practice(&seven, str::to_owned, &order, &[], today, 1, 6);
        assert_eq!(all.names.len(), 7, "{:?}", all.names);
        assert_eq!(all.names[6], "Other (1 worksheet)");
        let mut colours: Vec<usize> = all.slots.iter().flatten().copied().collect();
        colours.sort_unstable();
        assert_eq!(colours, [0, 1, 2, 3, 4, 5]);
        // Picked by the person: shown even when little used, the rest is Other.
        let picked = weekly_practice(
            &entries,
            str::to_owned,
            &order,
            &["w0".to_owned(), "w3".to_owned()],
            today,
            1,
            6,
        );
        assert_eq!(picked.names, ["w0", "w3", "Other (2 worksheets)"]);
        assert_eq!(picked.slots, [Some(0), Some(3), None]);
        assert_eq!(picked.counts, [vec![1, 0, 3]]);
    }

    #[test]
    fn before_and_after_by_month() {
        let data = BeforeAfter {
            stem: "intensity".into(),
            label: "Intensity".into(),
            before_label: "Before".into(),
            after_label: "After".into(),
            min: 0,
            max: 10,
            pairs: vec![(8, 4), (6, 4), (5, 5), (9, 3)],
            dates: vec![
                jiff::civil::date(2026, 1, 3),
                jiff::civil::date(2026, 1, 30),
                jiff::civil::date(2026, 2, 1),
                jiff::civil::date(2026, 4, 9),
            ],
        };
        let months = data.by_month();
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].month, jiff::civil::date(2026, 1, 1));
        assert_eq!(
            (months[0].count, months[0].before, months[0].after),
            (2, 7.0, 4.0)
        );
        assert!((months[0].change() + 3.0).abs() < 1e-9);
        assert_eq!((months[1].count, months[1].change()), (1, 0.0));
        assert_eq!(months[2].month, jiff::civil::date(2026, 4, 1));
    }

    #[test]
    fn daily_counts_follow_the_local_date_across_time_zones() {
        let today = jiff::civil::date(2026, 11, 25);
        let entries = [
            // 23:30 on the 24th in New York is the 25th in UTC, but the user lived the 24th.
            entry("a", "2026-11-24T23:30:00-05:00", vec![]),
            entry("a", "2026-11-25T08:00:00+01:00", vec![]),
            entry("a", "2026-11-25T09:00:00+01:00", vec![]),
        ];
        assert_eq!(daily_counts(&entries, today, 3), [0, 1, 2]);
    }

    #[test]
    fn relationships_follow_people_across_inventory_and_circle() {
        let entries = [
            entry(
                "interpersonal-inventory",
                "2026-11-01T10:00:00+00:00",
                vec![
                    ("person", Answer::Text("Sam".into())),
                    ("closeness", Answer::Number(4)),
                ],
            ),
            entry(
                "closeness-circle",
                "2026-11-08T10:00:00+00:00",
                vec![(
                    "circle",
                    Answer::Placements(vec![
                        Placement {
                            name: "sam".into(),
                            ring: 1,
                        },
                        Placement {
                            name: "Jo".into(),
                            ring: 3,
                        },
                    ]),
                )],
            ),
        ];
        let series = relationships(&entries, 6);
        assert_eq!(series.len(), 1, "Jo has one rating, so no trend");
        assert_eq!(series[0].label, "Sam");
        assert_eq!(
            series[0].points.iter().map(|p| p.value).collect::<Vec<_>>(),
            [4, 10]
        );
    }
}
