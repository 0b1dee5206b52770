//! Synthetic journals: years of plausible entries, for trying the app and for measuring it.
//!
//! One made-up person's story (`demo_story.ron`) supplies the written answers, told together
//! so each entry's answers fit its prompts and each other. Every rating follows one underlying
//! course of wellbeing: it improves over the first months and years, with setbacks of a few
//! weeks now and then, so measures move together (mood and feeling supported rise while
//! loneliness and distress ease). Day-to-day noise, a weekly rhythm, a weekly check-in most
//! Sundays and gaps of a few days to a few weeks make it look like real use.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp, tz::Offset};
use serde::Deserialize;

use crate::content::entry::{Answer, Answers, Placement};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Worksheet};
use crate::storage::journal::{Journal, JournalError};
use crate::time::LocalTime;

/// The worksheet done once a week, on Sundays, rather than at random.
const WEEKLY: &str = "weekly-check-in";

/// One entry's written answers from the story, told together.
#[derive(Debug, Default, Deserialize)]
struct Scenario {
    /// Whether it belongs to the better times.
    #[serde(default)]
    better: bool,
    /// Answers by step id: text, a listed option, or list items and options split by " | ".
    answers: BTreeMap<String, String>,
}

/// The story's scenarios, by worksheet id.
fn story() -> BTreeMap<String, Vec<Scenario>> {
    crate::ron_format::options()
        .from_str(include_str!("demo_story.ron"))
        .unwrap_or_default()
}

/// The person's course: wellbeing from 0 (at their lowest) to 1, by day of the plan.
struct Course {
    /// Setbacks: first day, length in days, depth.
    setbacks: Vec<(i64, i64, f64)>,
}

impl Course {
    /// About one setback every fifteen months, each a dip of a few weeks.
    fn new(days: i64, rng: &mut fastrand::Rng) -> Self {
        let count = (days / 450).max(1);
        let setbacks = (0..count)
            .map(|_| {
                (
                    rng.i64(60..days.max(61)),
                    rng.i64(28..=70),
                    0.12 + rng.f64() * 0.14,
                )
            })
            .collect();
        Self { setbacks }
    }

    /// Wellbeing on `day`: rising from about 0.28 towards 0.78 over the first year or two,
    /// lower during a setback.
    fn wellbeing(&self, day: i64) -> f64 {
        let recovery = 1.0 - (-(day as f64) / 240.0).exp();
        let dip: f64 = self
            .setbacks
            .iter()
            .filter(|(start, length, _)| (*start..start + length).contains(&day))
            .map(|(start, length, depth)| {
                let phase = (day - start) as f64 / *length as f64;
                depth * (phase * std::f64::consts::PI).sin()
            })
            .sum();
        (0.28 + 0.5 * recovery - dip).clamp(0.05, 0.95)
    }
}

/// A stretch of months in which the person keeps coming back to a few worksheets, now and then
/// trying any other, as people do; so a few months of the journal hold a handful of worksheets,
/// not every one evenly.
struct Season {
    /// Indexes of the worksheets of the season.
    focus: Vec<usize>,
    /// The day of the plan it ends.
    ends: i64,
}

impl Season {
    /// The share of entries that come from the season's worksheets.
    const FOCUSED: f64 = 0.75;
    /// How many worksheets a season keeps coming back to.
    const SIZE: usize = 4;

    /// The first months, with IPT's first tools: the inventory and the closeness circle.
    fn first(worksheets: &[&Worksheet], rng: &mut fastrand::Rng) -> Self {
        let mut season = Self::next(0, worksheets.len(), rng);
        for (slot, id) in ["closeness-circle", "interpersonal-inventory"]
            .into_iter()
            .enumerate()
        {
            if let Some(index) = worksheets.iter().position(|w| w.id == id)
                && !season.focus.contains(&index)
                && let Some(place) = season.focus.get_mut(slot)
            {
                *place = index;
            }
        }
        season
    }

    /// A season starting on `day`, of three to eight months, with worksheets picked at random.
    fn next(day: i64, count: usize, rng: &mut fastrand::Rng) -> Self {
        let mut focus = Vec::with_capacity(Self::SIZE);
        while focus.len() < Self::SIZE.min(count) {
            let index = rng.usize(..count);
            if !focus.contains(&index) {
                focus.push(index);
            }
        }
        Self {
            focus,
            ends: day + rng.i64(90..=240),
        }
    }

    /// The index of the worksheet of one entry, out of `count`.
    fn pick(&self, count: usize, rng: &mut fastrand::Rng) -> usize {
        if rng.f64() < Self::FOCUSED && !self.focus.is_empty() {
            self.focus[rng.usize(..self.focus.len())]
        } else {
            rng.usize(..count)
        }
    }
}

/// Phrases for text answers of worksheets the story does not know (a person's own).
const PHRASES: &[&str] = &[
    "We argued about who does the shopping",
    "My sister cancelled again at the last minute",
    "A quiet evening; I felt lonely after the call",
    "Work meeting where I could not get a word in",
    "Talked to Dad about the move",
    "Friend did not reply to my message",
    "Anniversary of Gran's death",
    "Partner and I made up after the weekend",
    "Started at the new job, nobody knows me yet",
    "Neighbour complained about the noise again",
];

/// How a synthetic journal is shaped.
#[derive(Clone, Copy, Debug)]
pub struct DemoPlan {
    /// Years of history, ending now.
    pub years: u32,
    /// Average entries per day on days with practice.
    pub entries_per_day: f64,
    /// Seed, so that the same plan gives the same journal.
    pub seed: u64,
}

impl Default for DemoPlan {
    fn default() -> Self {
        Self {
            years: 10,
            entries_per_day: 3.3,
            seed: 7,
        }
    }
}

/// A planned entry: which worksheet, when, and the answers.
#[derive(Clone, Debug)]
pub struct DemoEntry {
    /// The worksheet answered.
    pub worksheet: String,
    /// When it was made.
    pub when: LocalTime,
    /// The answers.
    pub answers: Answers,
}

/// Plans the entries of a synthetic journal ending at `end`, oldest first.
#[must_use]
pub fn plan(workbook: &Workbook, plan: DemoPlan, end: Timestamp) -> Vec<DemoEntry> {
    let mut rng = fastrand::Rng::with_seed(plan.seed);
    // A made-up safety plan would be out of place on the crisis screen; people write their own.
    let usable = |w: &&Worksheet| {
        w.has_tracked() && w.id != crate::content::crisis::SAFETY_PLAN && w.id != WEEKLY
    };
    let worksheets: Vec<&Worksheet> = workbook
        .worksheets()
        .filter(usable)
        .filter(|w| w.questionnaire().is_none())
        .collect();
    // The check-ins (PHQ-9, GAD-7, WHO-5) come back every week or two, whatever the season.
    let check_ins: Vec<&Worksheet> = workbook
        .worksheets()
        .filter(usable)
        .filter(|w| w.questionnaire().is_some())
        .collect();
    let weekly = workbook.get(WEEKLY).filter(|w| w.has_tracked());
    if worksheets.is_empty() {
        return Vec::new();
    }
    let story = story();
    let days = i64::from(plan.years) * 365;
    let course = Course::new(days, &mut rng);
    let mut season = Season::first(&worksheets, &mut rng);
    let mut check_ins_due: Vec<i64> = check_ins.iter().map(|_| rng.i64(0..7)).collect();
    let offset = Offset::UTC;
    let mut entries = Vec::new();
    let mut day = 0;
    while day < days {
        // Now and then life gets in the way for a few days, or a few weeks.
        if rng.f64() < 0.008 {
            day += rng.i64(3..=21);
            continue;
        }
        let wellbeing = course.wellbeing(day);
        let mut add = |worksheet: &Worksheet, seconds: i64, rng: &mut fastrand::Rng| {
            let when = LocalTime::with_offset(end - SignedDuration::from_secs(seconds), offset);
            entries.push(DemoEntry {
                worksheet: worksheet.id.clone(),
                when,
                answers: answers(worksheet, story.get(&worksheet.id), wellbeing, when, rng),
            });
        };
        let start_of_day = (days - day) * 86_400;
        if day >= season.ends {
            season = Season::next(day, worksheets.len(), &mut rng);
        }
        let count = poisson(&mut rng, plan.entries_per_day);
        for _ in 0..count {
            let worksheet = worksheets[season.pick(worksheets.len(), &mut rng)];
            add(
                worksheet,
                start_of_day - rng.i64(7 * 3600..23 * 3600),
                &mut rng,
            );
        }
        for (check_in, due) in check_ins.iter().zip(&mut check_ins_due) {
            if day >= *due {
                add(
                    check_in,
                    start_of_day - rng.i64(8 * 3600..22 * 3600),
                    &mut rng,
                );
                *due = day + rng.i64(6..=13);
            }
        }
        // The weekly check-in, on most Sunday evenings.
        let sunday = end - SignedDuration::from_secs(start_of_day - 19 * 3600);
        if let Some(weekly) = weekly
            && LocalTime::with_offset(sunday, offset).date().weekday()
                == jiff::civil::Weekday::Sunday
            && rng.f64() < 0.85
        {
            add(
                weekly,
                start_of_day - rng.i64(18 * 3600..21 * 3600),
                &mut rng,
            );
        }
        day += 1;
    }
    entries.sort_by_key(|entry| entry.when);
    entries
}

/// Writes a planned journal. Refuses a journal that already has entries.
pub fn fill(
    journal: &mut Journal,
    workbook: &Workbook,
    entries: &[DemoEntry],
) -> Result<usize, JournalError> {
    if !journal.is_empty() || !journal.problems().is_empty() {
        return Err(JournalError::Invalid(
            "demo data only goes into an empty journal; choose an empty folder with --data-dir"
                .to_owned(),
        ));
    }
    let mut written = 0;
    for entry in entries {
        if let Some(worksheet) = workbook.get(&entry.worksheet) {
            journal.add_at(worksheet, entry.answers.clone(), entry.when)?;
            written += 1;
        }
    }
    Ok(written)
}

/// Whether a rating measures something unwelcome (distress, stress, loneliness, feeling
/// stuck…), which made-up data should show easing as wellbeing grows and after practice.
fn eases(step_id: &str) -> bool {
    [
        "intensity",
        "distress",
        "stress",
        "anxi",
        "tension",
        "upset",
        "stuck",
        "grief",
        "hard",
        "lonely",
        "affects",
    ]
    .iter()
    .any(|word| step_id.contains(word))
}

fn poisson(rng: &mut fastrand::Rng, mean: f64) -> u32 {
    // Knuth's method; the means here are small.
    let limit = (-mean).exp();
    let mut product = rng.f64();
    let mut count = 0;
    while product > limit && count < 20 {
        product *= rng.f64();
        count += 1;
    }
    count
}

/// A scenario from the story for an entry: from the better times with a chance that grows with
/// wellbeing, when the story has both kinds.
fn pick<'s>(
    scenarios: &'s [Scenario],
    wellbeing: f64,
    rng: &mut fastrand::Rng,
) -> Option<&'s Scenario> {
    let better = rng.f64() < wellbeing;
    let fitting: Vec<&Scenario> = scenarios.iter().filter(|s| s.better == better).collect();
    let pool: Vec<&Scenario> = if fitting.is_empty() {
        scenarios.iter().collect()
    } else {
        fitting
    };
    (!pool.is_empty()).then(|| pool[rng.usize(..pool.len())])
}

/// The story's answer for a step, as its field takes it.
fn told(field: &Field, text: &str) -> Option<Answer> {
    let items = || text.split(" | ").map(str::to_owned).collect::<Vec<_>>();
    match field {
        Field::Text | Field::LongText => Some(Answer::Text(text.to_owned())),
        Field::Choice(_) => Some(Answer::Choice(text.to_owned())),
        Field::MultiChoice(_) => Some(Answer::Choices(items())),
        Field::List(_) => Some(Answer::List(items())),
        _ => None,
    }
}

fn answers(
    worksheet: &Worksheet,
    story: Option<&Vec<Scenario>>,
    wellbeing: f64,
    when: LocalTime,
    rng: &mut fastrand::Rng,
) -> Answers {
    let mut answers = Answers::new();
    let weekend = if when.date().weekday().to_monday_zero_offset() >= 5 {
        -0.6
    } else {
        0.0
    };
    let scenario = story.and_then(|scenarios| pick(scenarios, wellbeing, rng));
    for step in &worksheet.steps {
        // Leave some steps blank, as people do; questionnaires are answered whole.
        if !matches!(step.field, Field::Questionnaire(_)) && rng.f64() < 0.12 {
            continue;
        }
        if let Some(scenario) = scenario
            && let Some(answer) = scenario
                .answers
                .get(&step.id)
                .and_then(|text| told(&step.field, text))
        {
            answers.insert(step.id.clone(), answer);
            continue;
        }
        let answer = match &step.field {
            // A worksheet the story tells leaves the steps a scenario leaves out blank.
            Field::Text | Field::LongText | Field::List(_) if scenario.is_some() => continue,
            Field::Text | Field::LongText => {
                Answer::Text(PHRASES[rng.usize(..PHRASES.len())].to_owned())
            }
            Field::Rating(scale) => {
                let span = (scale.max - scale.min) as f64;
                // Distress-like ratings ease as wellbeing grows; everything else grows with it.
                let easing = eases(&step.id);
                let trend = if easing {
                    0.95 - 0.9 * wellbeing
                } else {
                    0.05 + 0.9 * wellbeing
                };
                let noise = (rng.f64() - 0.5) * 0.25 + weekend / span;
                let mut value = scale.min as f64 + span * (trend + noise);
                if step.id.ends_with("_after")
                    && let Some(Answer::Number(before)) =
                        answers.get(&step.id.replace("_after", "_before"))
                {
                    let shift = rng.f64() * span * 0.35;
                    value = if easing {
                        *before as f64 - shift
                    } else {
                        *before as f64 + shift
                    };
                }
                Answer::Number((value.round() as i64).clamp(scale.min, scale.max))
            }
            // How hard things have been (a questionnaire's last question) follows the course:
            // its options run from least to most difficult.
            Field::Choice(choices) if step.id == "difficulty" => {
                let last = choices.options.len().saturating_sub(1) as f64;
                let index = ((1.0 - wellbeing) * last * 1.2 + (rng.f64() - 0.5)).round();
                Answer::Choice(
                    choices.options[(index.max(0.0) as usize).min(last as usize)].clone(),
                )
            }
            Field::Choice(choices) => {
                Answer::Choice(choices.options[rng.usize(..choices.options.len())].clone())
            }
            Field::MultiChoice(choices) => {
                let mut picked: Vec<String> = choices
                    .options
                    .iter()
                    .filter(|_| rng.f64() < 0.2)
                    .cloned()
                    .collect();
                if picked.is_empty() {
                    picked.push(choices.options[0].clone());
                }
                Answer::Choices(picked)
            }
            Field::List(list) => {
                let count = rng.usize(1..=list.max.unwrap_or(4).min(4));
                Answer::List(
                    (0..count)
                        .map(|i| format!("{} {}", list.item, i + 1))
                        .collect(),
                )
            }
            // Dates a little before the entry, as when recalling an event.
            Field::Date => Answer::Date(
                when.date()
                    .checked_sub(jiff::Span::new().days(rng.i64(0..60)))
                    .unwrap_or_else(|_| when.date()),
            ),
            // People mostly stay on their ring, and now and then move in or out by one.
            Field::Circle(rings) => Answer::Placements(
                [
                    ("Sam", 1u8),
                    ("Mum", 1),
                    ("Alex", 2),
                    ("Priya", 2),
                    ("Jo", 3),
                ]
                .iter()
                .map(|(name, usual)| {
                    let drift: i16 = if rng.f64() < 0.15 { rng.i16(-1..=1) } else { 0 };
                    let last = i16::try_from(rings.rings.len()).unwrap_or(1);
                    let placed = (i16::from(*usual) + drift).clamp(1, last);
                    Placement {
                        name: (*name).to_owned(),
                        ring: u8::try_from(placed).unwrap_or(1),
                    }
                })
                .collect(),
            ),
            Field::Questionnaire(questionnaire) => {
                // Symptoms ease over the years (or wellbeing grows, for measures where higher
                // is better); the alert items stay at their lowest in made-up data.
                let values: Vec<i64> = questionnaire.responses.iter().map(|r| r.value).collect();
                let (low, high) = (
                    values.iter().min().copied().unwrap_or(0),
                    values.iter().max().copied().unwrap_or(0),
                );
                let level = if questionnaire.scoring.higher_is_better {
                    0.1 + 0.8 * wellbeing
                } else {
                    0.9 - 0.85 * wellbeing
                };
                for item in &questionnaire.items {
                    let value = if item.alert_above.is_some() {
                        low
                    } else {
                        let raw =
                            low as f64 + (high - low) as f64 * (level + (rng.f64() - 0.5) * 0.5);
                        (raw.round() as i64).clamp(low, high)
                    };
                    answers.insert(item.id.clone(), Answer::Number(value));
                }
                continue;
            }
        };
        answers.insert(step.id.clone(), answer);
    }
    if answers.is_empty()
        && let Some(step) = worksheet
            .steps
            .iter()
            .find(|s| s.field.tracked_scale().is_some())
        && let Some(scale) = step.field.tracked_scale()
    {
        answers.insert(step.id.clone(), Answer::Number(scale.min));
    }
    answers
}

impl crate::service::model::Model {
    /// Adds `years` of made-up entries ending now, to try the app with a history. Returns how
    /// many were written.
    pub fn add_demo_entries(&mut self, years: u32) -> Result<usize, JournalError> {
        let plan = DemoPlan {
            years,
            ..DemoPlan::default()
        };
        let entries = self::plan(self.workbook(), plan, crate::time::now_instant());
        let workbook = self.workbook().clone();
        self.with_journal(|journal| fill(journal, &workbook, &entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_years_is_about_eleven_thousand_valid_entries() {
        let workbook = Workbook::bundled();
        let end = Timestamp::from_second(1_795_000_000).unwrap();
        let entries = plan(&workbook, DemoPlan::default(), end);
        assert!(
            (9_000..13_000).contains(&entries.len()),
            "{}",
            entries.len()
        );
        for entry in &entries {
            let worksheet = workbook.get(&entry.worksheet).unwrap();
            crate::content::entry::check_answers(worksheet, &entry.answers).unwrap();
            assert!(!entry.answers.is_empty());
            assert!(entry.when.instant() < end);
        }
        // The same plan gives the same journal.
        let again = plan(&workbook, DemoPlan::default(), end);
        assert_eq!(again.len(), entries.len());
        assert_eq!(again[100].answers, entries[100].answers);
    }

    #[test]
    fn the_story_fits_every_worksheet_it_tells() {
        let workbook = Workbook::bundled();
        let story: BTreeMap<String, Vec<Scenario>> = crate::ron_format::options()
            .from_str(include_str!("demo_story.ron"))
            .unwrap();
        for (id, scenarios) in &story {
            let worksheet = workbook
                .get(id)
                .unwrap_or_else(|| panic!("no worksheet {id}"));
            assert!(!scenarios.is_empty(), "{id}");
            for scenario in scenarios {
                let mut answers = Answers::new();
                for (step_id, text) in &scenario.answers {
                    let step = worksheet
                        .step(step_id)
                        .unwrap_or_else(|| panic!("{id} has no step {step_id}"));
                    let answer = told(&step.field, text)
                        .unwrap_or_else(|| panic!("{id}.{step_id} is not told in words"));
                    answers.insert(step_id.clone(), answer);
                }
                crate::content::entry::check_answers(worksheet, &answers)
                    .unwrap_or_else(|error| panic!("{id}: {error}"));
            }
        }
        // Every written step of every worksheet in the demo comes from the story, so no answer
        // is a stray phrase that does not fit its prompt.
        for worksheet in workbook
            .worksheets()
            .filter(|w| w.has_tracked() && w.id != crate::content::crisis::SAFETY_PLAN)
        {
            for step in &worksheet.steps {
                if matches!(step.field, Field::Text | Field::LongText | Field::List(_)) {
                    assert!(
                        story.get(&worksheet.id).is_some_and(|scenarios| scenarios
                            .iter()
                            .any(|s| s.answers.contains_key(&step.id))),
                        "the story never answers {}.{}",
                        worksheet.id,
                        step.id
                    );
                }
            }
        }
    }

    /// The mean of a rating over the entries of a worksheet in a span of years.
    fn mean(
        entries: &[DemoEntry],
        worksheet: &str,
        step: &str,
        years: std::ops::Range<f64>,
    ) -> f64 {
        let first = entries[0].when.instant().as_second() as f64;
        let year = 365.0 * 86_400.0;
        let values: Vec<f64> = entries
            .iter()
            .filter(|e| e.worksheet == worksheet)
            .filter(|e| years.contains(&((e.when.instant().as_second() as f64 - first) / year)))
            .filter_map(|e| match e.answers.get(step) {
                Some(Answer::Number(n)) => Some(*n as f64),
                _ => None,
            })
            .collect();
        assert!(!values.is_empty(), "{worksheet}.{step}");
        values.iter().sum::<f64>() / values.len() as f64
    }

    #[test]
    fn the_measures_tell_one_story() {
        let workbook = Workbook::bundled();
        let end = Timestamp::from_second(1_795_000_000).unwrap();
        let entries = plan(&workbook, DemoPlan::default(), end);
        let early = 0.0..0.5;
        let later = 3.0..10.0;
        // Mood lifts, feeling supported rises, and loneliness falls, together.
        let mood = |years| mean(&entries, WEEKLY, "mood", years);
        assert!(mood(later.clone()) > mood(early.clone()) + 2.0);
        let supported = |years| mean(&entries, "closeness-circle", "supported", years);
        let lonely = |years| mean(&entries, "closeness-circle", "lonely", years);
        assert!(supported(later.clone()) > supported(early.clone()) + 2.0);
        assert!(lonely(later.clone()) < lonely(early.clone()) - 2.0);
        assert!(
            mean(&entries, "relaxation", "distress_after", 0.0..10.0)
                < mean(&entries, "relaxation", "distress_before", 0.0..10.0)
        );
        // The check-in comes most weeks, not at random.
        let weekly = entries.iter().filter(|e| e.worksheet == WEEKLY).count();
        assert!((350..=520).contains(&weekly), "{weekly}");
        // Setbacks: some weeks well after the start are much lower than the years around them.
        let course = Course::new(3650, &mut fastrand::Rng::with_seed(7));
        let lowest = (730..3650)
            .map(|day| course.wellbeing(day))
            .fold(f64::INFINITY, f64::min);
        assert!(lowest < course.wellbeing(3649) - 0.1, "{lowest}");
    }

    #[test]
    fn a_few_months_hold_a_handful_of_worksheets_not_all_evenly() {
        let workbook = Workbook::bundled();
        let end = Timestamp::from_second(1_795_000_000).unwrap();
        let entries = plan(&workbook, DemoPlan::default(), end);
        let last = entries.last().unwrap().when.instant();
        let recent: Vec<&DemoEntry> = entries
            .iter()
            .filter(|e| e.worksheet != WEEKLY)
            .filter(|e| last.duration_since(e.when.instant()).as_hours() < 90 * 24)
            .collect();
        assert!(recent.len() > 200, "{}", recent.len());
        let mut counts = BTreeMap::<&str, usize>::new();
        for entry in &recent {
            *counts.entry(&entry.worksheet).or_default() += 1;
        }
        let mut sizes: Vec<usize> = counts.into_values().collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        // The six most used (the chart's colours) hold most of the entries of three months.
        let top: usize = sizes.iter().take(6).sum();
        assert!(top * 2 > recent.len(), "{top} of {}", recent.len());
        // Yet over ten years every worksheet is used.
        let used: std::collections::BTreeSet<&str> =
            entries.iter().map(|e| e.worksheet.as_str()).collect();
        let tracked = workbook
            .worksheets()
            .filter(|w| w.has_tracked() && w.id != crate::content::crisis::SAFETY_PLAN)
            .count();
        assert_eq!(used.len(), tracked);
    }

    #[test]
    fn fill_refuses_a_journal_with_entries() {
        let dir = tempfile::tempdir().unwrap();
        let workbook = Workbook::bundled();
        let mut journal = Journal::open(crate::storage::layout::DataDir::new(dir.path())).unwrap();
        let end = Timestamp::from_second(1_795_000_000).unwrap();
        let small = DemoPlan {
            years: 1,
            entries_per_day: 0.1,
            seed: 1,
        };
        let entries = plan(&workbook, small, end);
        let written = fill(&mut journal, &workbook, &entries).unwrap();
        assert_eq!(written, entries.len());
        assert!(fill(&mut journal, &workbook, &entries).is_err());
    }
}
