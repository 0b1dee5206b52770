//! Synthetic journals: years of plausible entries, for trying the app and for measuring it.
//!
//! Ratings drift slowly (distress easing, confidence growing) with day-to-day noise, a weekly
//! rhythm and gaps of a few days to a few weeks, as real use has.

use jiff::{SignedDuration, Timestamp, tz::Offset};

use crate::content::entry::{Answer, Answers, Placement};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Worksheet};
use crate::storage::journal::{Journal, JournalError};
use crate::time::LocalTime;

/// Phrases for text answers; enough variety that summaries differ.
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
    let worksheets: Vec<&Worksheet> = workbook
        .worksheets()
        .filter(|w| w.has_tracked() && w.id != crate::content::crisis::SAFETY_PLAN)
        .collect();
    if worksheets.is_empty() {
        return Vec::new();
    }
    let days = i64::from(plan.years) * 365;
    let offset = Offset::UTC;
    let mut entries = Vec::new();
    let mut day = 0;
    while day < days {
        // Now and then life gets in the way for a few days, or a few weeks.
        if rng.f64() < 0.008 {
            day += rng.i64(3..=21);
            continue;
        }
        let progress = day as f64 / days as f64;
        let count = poisson(&mut rng, plan.entries_per_day);
        for _ in 0..count {
            let worksheet = worksheets[rng.usize(..worksheets.len())];
            let seconds = (days - day) * 86_400 - rng.i64(7 * 3600..23 * 3600);
            let when = LocalTime::with_offset(end - SignedDuration::from_secs(seconds), offset);
            entries.push(DemoEntry {
                worksheet: worksheet.id.clone(),
                when,
                answers: answers(worksheet, progress, when, &mut rng),
            });
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

/// Whether a rating measures something unwelcome (distress, stress, feeling stuck…), which
/// made-up data should show easing over time and after practice.
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

fn answers(
    worksheet: &Worksheet,
    progress: f64,
    when: LocalTime,
    rng: &mut fastrand::Rng,
) -> Answers {
    let mut answers = Answers::new();
    let weekend = if when.date().weekday().to_monday_zero_offset() >= 5 {
        -0.6
    } else {
        0.0
    };
    for step in &worksheet.steps {
        // Leave some steps blank, as people do; questionnaires are answered whole.
        if !matches!(step.field, Field::Questionnaire(_)) && rng.f64() < 0.15 {
            continue;
        }
        let answer = match &step.field {
            Field::Text | Field::LongText => {
                Answer::Text(PHRASES[rng.usize(..PHRASES.len())].to_owned())
            }
            Field::Rating(scale) => {
                let span = (scale.max - scale.min) as f64;
                // Distress-like ratings ease over the years; everything else grows.
                let easing = eases(&step.id);
                let trend = if easing {
                    0.75 - 0.35 * progress
                } else {
                    0.3 + 0.45 * progress
                };
                let noise = (rng.f64() - 0.5) * 0.3 + weekend / span;
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
                    0.35 + 0.4 * progress
                } else {
                    0.6 - 0.45 * progress
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
        let entries = self::plan(self.workbook(), plan, Timestamp::now());
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
