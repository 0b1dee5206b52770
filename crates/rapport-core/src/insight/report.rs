//! A summary to take to an appointment: what a clinician can read in a minute about a period
//! of the journal, holding only the parts the person chose.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::entry::{Answer, Entry};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Slot};
use crate::insight::progress::{self, Series};

/// The worksheet whose answers give the focus area and goals.
const GETTING_STARTED: &str = "getting-started";

/// Which parts go in. Free text from worksheets is out unless ticked.
// One switch per part the person can leave out, as the screen shows them: bools read best.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportChoices {
    /// The measures (PHQ-9, GAD-7, WHO-5) as small charts, with the latest score and band.
    pub measures: bool,
    /// Which worksheets were used, and how often.
    pub practice: bool,
    /// The focus area and goals chosen in Getting started, and the course followed.
    pub focus: bool,
    /// The tracked ratings that changed most (before and after a worksheet).
    pub ratings: bool,
    /// Worksheets whose written answers in the period go in, by id; none unless ticked.
    pub free_text_from: Vec<String>,
    /// "What I want to talk about", in the person's words; left out when blank.
    pub talk_about: String,
}

impl Default for ReportChoices {
    fn default() -> Self {
        Self {
            measures: true,
            practice: true,
            focus: true,
            ratings: true,
            free_text_from: Vec::new(),
            talk_about: String::new(),
        }
    }
}

/// A measure over the period.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureSummary {
    /// The questionnaire's title, e.g. "PHQ-9: mood".
    pub title: String,
    /// The score series, within the period only.
    pub series: Series,
    /// The latest score, in words: "14 of 27, moderate (25 Nov 2026)".
    pub latest: String,
    /// Answers to items that call for crisis help (e.g. PHQ-9 item 9) above 0, stated plainly.
    pub alerts: Vec<String>,
}

/// A rating that changed within entries, on average.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingChange {
    /// "Coping skills: intensity".
    pub label: String,
    /// Mean of after − before.
    pub average: f64,
    /// How many entries had both.
    pub entries: usize,
    /// The scale, for reading the change.
    pub scale: (i64, i64),
}

/// A written answer the person chose to include.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenAnswer {
    /// The worksheet's title and the entry's date.
    pub heading: String,
    /// The prompt.
    pub prompt: String,
    /// The answer.
    pub text: String,
}

/// Everything the summary prints, already chosen and worded.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The first day of the period.
    pub from: Date,
    /// The last day of the period.
    pub to: Date,
    /// The day it was made.
    pub printed: Date,
    /// How many entries the period holds.
    pub entries: usize,
    /// The measures with values in the period.
    pub measures: Vec<MeasureSummary>,
    /// Worksheets used in the period: title and count, most used first.
    pub practice: Vec<(String, usize)>,
    /// Weeks the period spans, for "per week".
    pub weeks: f64,
    /// The focus area chosen, if any.
    pub focus: Option<String>,
    /// The goals written, if any.
    pub goals: Vec<String>,
    /// The course or programme followed, and its current session.
    pub course: Option<String>,
    /// The ratings that changed most, largest change first (at most five).
    pub changes: Vec<RatingChange>,
    /// The written answers the person ticked.
    pub written: Vec<WrittenAnswer>,
    /// What the person wants to talk about.
    pub talk_about: String,
    /// The choices it was made with.
    pub choices: ReportChoices,
}

impl Report {
    /// Whether the period holds nothing to show.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }
}

fn day_of(entry: &Entry) -> Date {
    entry.created.date()
}

/// Builds the summary of `entries` between `from` and `to` (both days included).
/// `course` names the programme followed, if any.
#[must_use]
pub fn build<'a>(
    workbook: &Workbook,
    entries: impl IntoIterator<Item = &'a Entry>,
    from: Date,
    to: Date,
    printed: Date,
    course: Option<String>,
    choices: ReportChoices,
) -> Report {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let all: Vec<&Entry> = entries.into_iter().collect();
    let within: Vec<&Entry> = all
        .iter()
        .copied()
        .filter(|entry| (from..=to).contains(&day_of(entry)))
        .collect();
    let days = (to - from).get_days().max(0) + 1;
    let mut report = Report {
        from,
        to,
        printed,
        entries: within.len(),
        measures: Vec::new(),
        practice: Vec::new(),
        weeks: f64::from(days) / 7.0,
        focus: None,
        goals: Vec::new(),
        course: None,
        changes: Vec::new(),
        written: Vec::new(),
        talk_about: choices.talk_about.trim().to_owned(),
        choices: ReportChoices::default(),
    };
    if choices.measures {
        report.measures = measures(workbook, &within);
    }
    if choices.practice {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for entry in &within {
            let title = workbook
                .get(&entry.worksheet)
                .map_or_else(|| entry.worksheet.clone(), |w| w.title.clone());
            *counts.entry(title).or_default() += 1;
        }
        let mut practice: Vec<(String, usize)> = counts.into_iter().collect();
        practice.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        report.practice = practice;
    }
    if choices.focus {
        // The latest Getting started up to the end of the period, even if made before it.
        let latest = all
            .iter()
            .filter(|entry| entry.worksheet == GETTING_STARTED && day_of(entry) <= to)
            .max_by_key(|entry| entry.created);
        if let Some(entry) = latest {
            report.focus = match entry.answers.get("focus_area") {
                Some(Answer::Choice(text) | Answer::Text(text)) => Some(text.clone()),
                _ => None,
            };
            report.goals = match entry.answers.get("goals") {
                Some(Answer::List(items)) => items.clone(),
                Some(Answer::Text(text)) => text.lines().map(str::to_owned).collect(),
                _ => Vec::new(),
            };
        }
        report.course = course;
    }
    if choices.ratings {
        report.changes = changes(workbook, &within);
    }
    report.written = written(workbook, &within, &choices.free_text_from);
    report.choices = choices;
    report
}

fn measures(workbook: &Workbook, within: &[&Entry]) -> Vec<MeasureSummary> {
    let mut found = Vec::new();
    for worksheet in workbook.worksheets() {
        let Some(questionnaire) = worksheet.questionnaire() else {
            continue;
        };
        let Some(series) = progress::tracked_series(worksheet, within.iter().copied())
            .into_iter()
            .next()
        else {
            continue;
        };
        let Some(last) = series.points.last() else {
            continue;
        };
        let band = questionnaire
            .band(last.value)
            .map_or_else(String::new, |band| {
                format!(", {}", band.label.to_lowercase())
            });
        let latest = format!(
            "{} of {}{band} ({})",
            last.value,
            questionnaire.range().1,
            last.when.date().strftime("%-d %b %Y")
        );
        let mut alerts = Vec::new();
        let mut answered: Vec<&&Entry> = within
            .iter()
            .filter(|entry| entry.worksheet == worksheet.id)
            .collect();
        answered.sort_by_key(|entry| entry.created);
        for entry in answered {
            for item in questionnaire.alerts(&entry.answers) {
                let value = match entry.answers.get(&item.id) {
                    Some(Answer::Number(value)) => *value,
                    _ => continue,
                };
                let said = questionnaire
                    .response(value)
                    .map_or_else(|| value.to_string(), |r| r.label.to_lowercase());
                alerts.push(format!(
                    "{}: “{}” answered “{said}” ({value})",
                    day_of(entry).strftime("%-d %b %Y"),
                    item.text
                ));
            }
        }
        found.push(MeasureSummary {
            title: worksheet.title.clone(),
            series,
            latest,
            alerts,
        });
    }
    found
}

fn changes(workbook: &Workbook, within: &[&Entry]) -> Vec<RatingChange> {
    let mut changes: Vec<RatingChange> = workbook
        .worksheets()
        .flat_map(|worksheet| {
            progress::before_after(worksheet, within.iter().copied(), f64::MIN)
                .into_iter()
                .filter_map(|pairs| {
                    Some(RatingChange {
                        label: format!("{}: {}", worksheet.title, pairs.label.to_lowercase()),
                        average: pairs.average_change()?,
                        entries: pairs.pairs.len(),
                        scale: (pairs.min, pairs.max),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    changes.sort_by(|a, b| b.average.abs().total_cmp(&a.average.abs()));
    changes.truncate(5);
    changes
}

fn written(workbook: &Workbook, within: &[&Entry], ticked: &[String]) -> Vec<WrittenAnswer> {
    let mut written = Vec::new();
    let mut chosen: Vec<&&Entry> = within
        .iter()
        .filter(|entry| ticked.contains(&entry.worksheet))
        .collect();
    chosen.sort_by_key(|entry| entry.created);
    for entry in chosen {
        let Some(worksheet) = workbook.get(&entry.worksheet) else {
            continue;
        };
        for (id, answer) in &entry.answers {
            let Some(Slot::Step(step)) = worksheet.slot(id) else {
                continue;
            };
            if !matches!(step.field, Field::Text | Field::LongText | Field::List(_)) {
                continue;
            }
            let text = answer.display();
            if text.trim().is_empty() {
                continue;
            }
            written.push(WrittenAnswer {
                heading: format!(
                    "{}, {}",
                    worksheet.title,
                    day_of(entry).strftime("%-d %b %Y")
                ),
                prompt: step.prompt.clone(),
                text,
            });
        }
    }
    written
}
