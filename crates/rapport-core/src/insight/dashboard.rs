//! What the Today screen says: computed from the model, with no GUI, so it can be tested.

use std::collections::BTreeMap;

use crate::content::numbering;
use crate::content::workbook::Workbook;
use crate::insight::progress::monday_of;
use crate::storage::journal::Journal;
use crate::storage::settings::Following;
use crate::time::LocalTime;

/// A worksheet to do next, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The worksheet's id.
    pub worksheet: String,
    /// The worksheet's title.
    pub title: String,
    /// Why it is suggested, in a sentence.
    pub reason: String,
}

/// How many of a measure's latest scores its Today card draws.
pub const RECENT_SCORES: usize = 12;

/// A measure's card on Today: its latest score with its band, and its recent course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckIn {
    /// The questionnaire's worksheet.
    pub worksheet: String,
    /// The latest score and its band: "PHQ-9 score: 9 (Mild)".
    pub headline: String,
    /// When it was given, and the change since the time before, in words.
    pub detail: String,
    /// Up to [`RECENT_SCORES`] latest totals, oldest first.
    pub recent: Vec<i64>,
    /// The lowest and highest possible totals, for the sparkline's scale.
    pub range: (i64, i64),
}

impl CheckIn {
    /// The card as one line, for a screen reader: "PHQ-9 score: 9 (Mild), Tue 1 Dec…".
    #[must_use]
    pub fn line(&self) -> String {
        format!("{}, {}", self.headline, self.detail)
    }
}

/// The Today screen's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dashboard {
    /// "Good morning", "Good afternoon" or "Good evening".
    pub greeting: String,
    /// Today's date in words.
    pub date: String,
    /// Whether the journal is empty.
    pub first_time: bool,
    /// Where the user is in the programme they follow.
    pub programme: Option<String>,
    /// The latest score of each measure, its band, the change since the time before and its
    /// recent scores.
    pub check_ins: Vec<CheckIn>,
    /// Days with an entry this week, in words.
    pub this_week: String,
    /// This week's days, Monday first, up to today: each day's name ("Monday") and whether it has an
    /// entry.
    pub week: Vec<(String, bool)>,
    /// What to do next.
    pub suggestions: Vec<Suggestion>,
}

impl Dashboard {
    /// Summarises the model as of `now`.
    #[must_use]
    pub fn new(
        workbook: &Workbook,
        journal: &Journal,
        following: Option<&Following>,
        now: LocalTime,
    ) -> Self {
        let hour = now.civil().hour();
        let greeting = match hour {
            5..=11 => "Good morning",
            12..=17 => "Good afternoon",
            _ => "Good evening",
        }
        .to_owned();
        let today = now.date();

        // One pass over the journal: the last entry per worksheet, and the days this week.
        let monday = monday_of(today);
        let mut last: BTreeMap<&str, LocalTime> = BTreeMap::new();
        let mut days_this_week = std::collections::BTreeSet::new();
        for entry in journal.entries() {
            let slot = last
                .entry(entry.worksheet.as_str())
                .or_insert(entry.created);
            if entry.created > *slot {
                *slot = entry.created;
            }
            let date = entry.created.date();
            if date >= monday && date <= today {
                days_this_week.insert(date);
            }
        }

        let mut check_ins = Vec::new();
        for worksheet in workbook.worksheets() {
            let Some(questionnaire) = worksheet.questionnaire() else {
                continue;
            };
            let scored: Vec<(LocalTime, i64)> = journal
                .entries_for(&worksheet.id)
                .iter()
                .filter_map(|entry| {
                    questionnaire
                        .score(&entry.answers)
                        .map(|score| (entry.created, score.total))
                })
                .take(RECENT_SCORES)
                .collect();
            let Some(&(when, total)) = scored.first() else {
                continue;
            };
            let band = questionnaire
                .band(total)
                .map(|b| format!(" ({})", b.label))
                .unwrap_or_default();
            let mut detail = when.human();
            if let Some(&(_, previous)) = scored.get(1) {
                detail = format!(
                    "{detail}; {}",
                    questionnaire.describe_change(previous, total)
                );
            }
            check_ins.push(CheckIn {
                worksheet: worksheet.id.clone(),
                headline: format!("{}: {total}{band}", questionnaire.scoring.label),
                detail,
                recent: scored.iter().rev().map(|&(_, total)| total).collect(),
                range: questionnaire.range(),
            });
        }

        let days = days_this_week.len();
        let this_week = match days {
            0 => "Nothing written yet this week. A few minutes is enough to begin.".to_owned(),
            1 => "You have written on one day this week.".to_owned(),
            n => format!("You have written on {n} days this week."),
        };

        let week = (0..7)
            .map_while(|offset| {
                let day = monday.checked_add(jiff::Span::new().days(offset)).ok()?;
                (day <= today).then(|| {
                    (
                        day.strftime("%A").to_string(),
                        days_this_week.contains(&day),
                    )
                })
            })
            .collect();

        let programme = following.and_then(|following| {
            let programme = workbook.programme(&following.programme)?;
            let session = programme.session(following.session)?;
            Some(format!(
                "{}: {}, “{}”.",
                programme.title,
                numbering::place(programme, following.session.saturating_sub(1)),
                session.title
            ))
        });

        let suggestions = suggest(workbook, following, &last, now);
        Self {
            greeting,
            date: today.strftime("%A %-d %B %Y").to_string(),
            first_time: journal.is_empty(),
            programme,
            check_ins,
            this_week,
            week,
            suggestions,
        }
    }
}

/// How many of a questionnaire's newest entries [`files_for_today`] keeps: its card's
/// [`RECENT_SCORES`], with room for entries that give no score.
const TODAY_PER_MEASURE: usize = RECENT_SCORES * 2;

/// Of the journal's entry files (`names`, as listed), those [`Dashboard::new`] needs, chosen by
/// name alone (an entry's file is named for the moment it was made, in UTC, and its
/// worksheet: `20261201T093000Z-coping-skills.ron`): the newest of each worksheet, the latest
/// of each questionnaire, and all made in the last eight days (this week, in any time zone).
/// A name that says neither is kept, to be read.
#[must_use]
pub fn files_for_today(names: &[&str], workbook: &Workbook, now: LocalTime) -> Vec<bool> {
    let since = now
        .instant()
        .checked_sub(jiff::SignedDuration::from_hours(8 * 24))
        .unwrap_or_else(|_| now.instant())
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut keep = vec![false; names.len()];
    let mut newest_first: Vec<usize> = (0..names.len()).collect();
    newest_first.sort_unstable_by(|&a, &b| names[b].cmp(names[a]));
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for index in newest_first {
        let name = names[index];
        let Some((stamp, worksheet)) = parse_file_name(name, workbook) else {
            keep[index] = true;
            continue;
        };
        let count = counted.entry(worksheet.id.as_str()).or_insert(0);
        *count += 1;
        let wanted = if worksheet.questionnaire().is_some() {
            TODAY_PER_MEASURE
        } else {
            1
        };
        keep[index] = *count <= wanted || stamp >= since.as_str();
    }
    keep
}

/// The moment and the worksheet an entry file's name gives, if it is a name Rapport gives.
fn parse_file_name<'n, 'w>(
    name: &'n str,
    workbook: &'w Workbook,
) -> Option<(&'n str, &'w crate::content::worksheet::Worksheet)> {
    let stem = name.get(..name.len().checked_sub(4)?)?;
    let stamp = stem.get(..16)?;
    let is_stamp = stamp.bytes().enumerate().all(|(at, byte)| match at {
        8 => byte == b'T',
        15 => byte == b'Z',
        _ => byte.is_ascii_digit(),
    });
    let rest = stem.get(16..)?.strip_prefix('-')?;
    if !is_stamp {
        return None;
    }
    // Two entries made in the same second: the second is "…-coping-skills-2".
    let worksheet = workbook.get(rest).or_else(|| {
        let (base, number) = rest.rsplit_once('-')?;
        number
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| workbook.get(base))
            .flatten()
    })?;
    Some((stamp, worksheet))
}

/// The section whose worksheets are IPT's focus areas, one of which a person works on at a time.
const FOCUS_AREAS: &str = "focus-areas";

/// The worksheets of the followed programme's current session (or week), in order. Where it
/// offers several focus areas' worksheets, as a course for anyone does, only the one the person
/// has used most recently is kept, once they have used one.
fn programme_worksheets<'w>(
    workbook: &'w Workbook,
    following: &Following,
    last: &BTreeMap<&str, LocalTime>,
) -> Vec<&'w str> {
    let Some(session) = workbook
        .programme(&following.programme)
        .and_then(|programme| programme.session(following.session))
    else {
        return Vec::new();
    };
    let is_focus = |id: &str| workbook.get(id).is_some_and(|w| w.section == FOCUS_AREAS);
    let mut ids: Vec<&str> = Vec::new();
    for id in session
        .agenda
        .iter()
        .flat_map(|item| item.worksheets.iter())
        .chain(session.homework.iter())
    {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    let offered: Vec<&str> = ids.iter().copied().filter(|id| is_focus(id)).collect();
    let chosen = offered
        .iter()
        .filter_map(|id| last.get(id).map(|when| (*id, *when)))
        .max_by_key(|(_, when)| *when)
        .map(|(id, _)| id);
    if offered.len() > 1
        && let Some(chosen) = chosen
    {
        ids.retain(|id| !is_focus(id) || *id == chosen);
    }
    ids
}

/// The programme's worksheets for the current session or week, all of them; then, up to three
/// in all, a check-in that is due and a worksheet not done for a while (or, early on, the next
/// one in the workbook).
fn suggest(
    workbook: &Workbook,
    following: Option<&Following>,
    last: &BTreeMap<&str, LocalTime>,
    now: LocalTime,
) -> Vec<Suggestion> {
    let mut suggestions: Vec<Suggestion> = Vec::new();
    if let Some(following) = following
        && let Some(programme) = workbook.programme(&following.programme)
        && let Some(session) = programme.session(following.session)
    {
        for id in programme_worksheets(workbook, following, last) {
            if let Some(worksheet) = workbook.get(id) {
                suggestions.push(Suggestion {
                    worksheet: id.to_owned(),
                    title: worksheet.title.clone(),
                    reason: format!(
                        "Part of {}, “{}”.",
                        numbering::mention(programme, following.session.saturating_sub(1)),
                        session.title
                    ),
                });
            }
        }
    }
    let mut add = |id: &str, reason: String| {
        if suggestions.len() < 3
            && !suggestions.iter().any(|s| s.worksheet == id)
            && let Some(worksheet) = workbook.get(id)
        {
            suggestions.push(Suggestion {
                worksheet: id.to_owned(),
                title: worksheet.title.clone(),
                reason,
            });
        }
    };
    let days_since = |id: &str| {
        last.get(id)
            .map(|when| now.instant().duration_since(when.instant()).as_hours() / 24)
    };

    if last.is_empty() {
        if let Some(first) = workbook.worksheets().next() {
            add(
                &first.id.clone(),
                "A good place to begin: what brings you here, and what you would like to change."
                    .to_owned(),
            );
        }
        add(
            "phq9",
            "A short questionnaire about mood, so you can see change over the coming weeks."
                .to_owned(),
        );
        return suggestions;
    }

    match days_since("phq9") {
        None => add(
            "phq9",
            "A short check-in on mood, to follow how things change.".to_owned(),
        ),
        Some(days) if days >= 7 => add(
            "phq9",
            format!(
                "Your last mood check-in was {days} days ago; once every week or two is enough."
            ),
        ),
        Some(_) => {}
    }

    // The worksheet the user has used but not for the longest time.
    let mut used: Vec<(&str, i64)> = last
        .keys()
        .filter(|id| {
            workbook
                .get(id)
                .is_some_and(|w| w.questionnaire().is_none())
        })
        .filter_map(|id| days_since(id).map(|days| (*id, days)))
        .collect();
    used.sort_by_key(|(_, days)| std::cmp::Reverse(*days));
    if let Some((id, days)) = used.first()
        && *days >= 3
    {
        add(id, format!("You last came back to this {days} days ago."));
    }
    // Something not tried yet, in workbook order.
    if let Some(next) = workbook
        .worksheets()
        .find(|w| !last.contains_key(w.id.as_str()) && w.questionnaire().is_none())
    {
        let id = next.id.clone();
        let summary = next.summary.clone();
        add(&id, format!("Not tried yet. {summary}"));
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};
    use crate::service::model::Model;
    use crate::storage::layout::DataDir;

    fn at(text: &str) -> LocalTime {
        text.parse().unwrap()
    }

    fn phq9(model: &mut Model, total_of_nine: i64, when: &str) {
        let mut answers = Answers::new();
        let mut left = total_of_nine;
        for i in 1..=9 {
            let value = left.min(3);
            left -= value;
            answers.insert(format!("q{i}"), Answer::Number(value));
        }
        model.save_new_at("phq9", answers, at(when)).unwrap();
    }

    #[test]
    fn today_from_the_files_it_needs_is_today_from_the_whole_journal() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut model = Model::open(data.clone()).unwrap();
        model.add_demo_entries(2).unwrap();
        drop(model);
        let whole = Model::open(data.clone()).unwrap();
        let followings = [
            None,
            Some(Following {
                programme: "self-guided-ipt".to_owned(),
                session: 3,
            }),
        ];
        // The made-up entries end now.
        {
            let now = LocalTime::now();
            let part = Model::open_for_today(data.clone(), now).unwrap();
            assert!(part.journal().is_partial() && !whole.journal().is_partial());
            assert!(
                part.journal().len() * 10 < whole.journal().len(),
                "{} of {} entries read",
                part.journal().len(),
                whole.journal().len()
            );
            for following in &followings {
                let from_part =
                    Dashboard::new(part.workbook(), part.journal(), following.as_ref(), now);
                let from_whole =
                    Dashboard::new(whole.workbook(), whole.journal(), following.as_ref(), now);
                assert_eq!(from_whole.check_ins.len(), 3, "PHQ-9, GAD-7 and WHO-5");
                assert!(from_whole.suggestions.len() > 1);
                assert_eq!(from_part, from_whole);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Whatever the journal holds (check-ins complete or not, several in one second, old
        /// and new), Today from the files [`files_for_today`] keeps is Today from all of them.
        #[test]
        fn today_from_its_files_is_today_from_any_journal(
            made in proptest::collection::vec(
                (
                    0..5usize,
                    proptest::prop_oneof![0..3i64, 0..8_000_000i64],
                    1..=9usize,
                ),
                0..30,
            ),
            session in 1..=8usize,
        ) {
            let worksheets = ["phq9", "gad7", "who5", "coping-skills", "forgiveness"];
            let now = at("2026-11-30T10:00:00+01:00");
            let dir = tempfile::tempdir().unwrap();
            let data = DataDir::new(dir.path());
            let mut model = Model::open(data.clone()).unwrap();
            for (worksheet, seconds_before, answered) in made {
                let id = worksheets[worksheet];
                let when = LocalTime::with_offset(
                    now.instant() - jiff::SignedDuration::from_secs(seconds_before),
                    jiff::tz::Offset::constant(1),
                );
                let answers: Answers = match id {
                    "coping-skills" => [("situation".to_owned(), Answer::Text("a talk".into()))].into(),
                    "forgiveness" => [("what_happened".to_owned(), Answer::Text("a row".into()))].into(),
                    _ => (1..=answered).map(|i| (format!("q{i}"), Answer::Number(1))).collect(),
                };
                // Answers a worksheet refuses are simply not saved.
                let _ = model.save_new_at(id, answers, when);
            }
            drop(model);
            let whole = Model::open(data.clone()).unwrap();
            let part = Model::open_for_today(data, now).unwrap();
            let following = Following { programme: "self-guided-ipt".to_owned(), session };
            for following in [None, Some(&following)] {
                proptest::prop_assert_eq!(
                    Dashboard::new(part.workbook(), part.journal(), following, now),
                    Dashboard::new(whole.workbook(), whole.journal(), following, now)
                );
            }
        }
    }

    #[test]
    fn todays_files_are_read_from_disk_and_nothing_is_saved_or_backed_up_through_them() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut model = Model::open(data.clone()).unwrap();
        phq9(&mut model, 4, "2026-11-20T09:00:00+00:00");
        phq9(&mut model, 9, "2026-11-27T09:00:00+00:00");
        drop(model);
        // A journal pack made now, then the newest check-in's file changed behind its back (as
        // a hand or a sync tool might), keeping its size.
        assert_eq!(
            crate::storage::journal::Journal::refresh_pack(&data),
            Some(2)
        );
        let newest = data.journal().join("20261127T090000Z-phq9.ron");
        let text = std::fs::read_to_string(&newest).unwrap();
        let changed = text.replacen("\"q1\": Number(3)", "\"q1\": Number(0)", 1);
        assert_ne!(text, changed);
        assert_eq!(text.len(), changed.len());
        std::fs::write(&newest, changed).unwrap();

        let now = at("2026-11-30T10:00:00+00:00");
        let mut part = Model::open_for_today(data.clone(), now).unwrap();
        let today = Dashboard::new(part.workbook(), part.journal(), None, now);
        assert!(
            today.check_ins[0].headline.starts_with("PHQ-9 score: 6"),
            "{:?}",
            today.check_ins[0]
        );
        assert!(
            part.daily_backup().is_none(),
            "no backup of part of a journal"
        );
        let answers: Answers = [("situation".to_owned(), Answer::Text("a walk".into()))].into();
        let refused = part.save_new("coping-skills", answers).unwrap_err();
        assert!(matches!(
            refused,
            crate::storage::journal::JournalError::StillOpening
        ));
        assert_eq!(std::fs::read_dir(data.journal()).unwrap().count(), 2);

        // The whole journal follows it, as a newer revision.
        let mut whole = Model::open(data).unwrap();
        whole.follow(&part);
        assert!(whole.journal().revision() > part.journal().revision());
        assert!(whole.daily_backup().is_some());
    }

    #[test]
    fn a_first_visit_is_welcomed_with_somewhere_to_start() {
        let dir = tempfile::tempdir().unwrap();
        let model = Model::open(DataDir::new(dir.path())).unwrap();
        let dashboard = Dashboard::new(
            model.workbook(),
            model.journal(),
            None,
            at("2026-11-25T09:30:00+00:00"),
        );
        assert_eq!(dashboard.greeting, "Good morning");
        assert_eq!(dashboard.date, "Wednesday 25 November 2026");
        assert!(dashboard.first_time);
        assert_eq!(dashboard.suggestions[0].worksheet, "getting-started");
        assert!(dashboard.check_ins.is_empty());
    }

    #[test]
    fn check_ins_show_band_and_change_and_the_week_counts_days() {
        let dir = tempfile::tempdir().unwrap();
        let mut model = Model::open(DataDir::new(dir.path())).unwrap();
        phq9(&mut model, 14, "2026-11-10T19:00:00+00:00");
        phq9(&mut model, 8, "2026-11-23T19:00:00+00:00");
        phq9(&mut model, 8, "2026-11-24T08:00:00+00:00");
        let dashboard = Dashboard::new(
            model.workbook(),
            model.journal(),
            None,
            at("2026-11-25T20:00:00+00:00"),
        );
        assert_eq!(dashboard.greeting, "Good evening");
        let lines: Vec<String> = dashboard.check_ins.iter().map(CheckIn::line).collect();
        assert_eq!(
            lines,
            ["PHQ-9 score: 8 (Mild), Tue 24 Nov 2026, 08:00; the same as last time"]
        );
        // The card's sparkline: the scores oldest first, on the PHQ-9's scale.
        assert_eq!(dashboard.check_ins[0].recent, [14, 8, 8]);
        assert_eq!(dashboard.check_ins[0].range, (0, 27));
        assert_eq!(dashboard.this_week, "You have written on 2 days this week.");
        // Wednesday 25 November: Monday to Wednesday, with entries on Monday and Tuesday.
        let week: Vec<(&str, bool)> = dashboard
            .week
            .iter()
            .map(|(day, written)| (day.as_str(), *written))
            .collect();
        assert_eq!(
            week,
            [("Monday", true), ("Tuesday", true), ("Wednesday", false)]
        );
        // PHQ-9 was done yesterday, so it is not suggested; something new is.
        assert!(dashboard.suggestions.iter().all(|s| s.worksheet != "phq9"));
        assert!(!dashboard.suggestions.is_empty());
    }

    #[test]
    fn a_followed_programme_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let model = Model::open(DataDir::new(dir.path())).unwrap();
        let following = Following {
            programme: "skills-workshop".into(),
            session: 1,
        };
        let dashboard = Dashboard::new(
            model.workbook(),
            model.journal(),
            Some(&following),
            at("2026-11-25T12:00:00+00:00"),
        );
        let programme = dashboard.programme.unwrap();
        assert!(programme.contains("session 1 of 4"), "{programme}");
        assert!(
            dashboard.suggestions[0]
                .reason
                .starts_with("Part of session 1")
        );
    }

    #[test]
    fn the_group_programme_counts_eight_sessions_after_the_meeting_before() {
        let dir = tempfile::tempdir().unwrap();
        let model = Model::open(DataDir::new(dir.path())).unwrap();
        let today = |session| {
            let following = Following {
                programme: "group-ipt".into(),
                session,
            };
            Dashboard::new(
                model.workbook(),
                model.journal(),
                Some(&following),
                at("2026-11-25T12:00:00+00:00"),
            )
        };
        let fourth = today(4);
        let line = fourth.programme.unwrap();
        assert!(line.contains("session 3 of 8"), "{line}");
        assert!(!line.contains(" of 9"), "{line}");
        assert!(
            fourth.suggestions[0]
                .reason
                .starts_with("Part of session 3,")
        );
        let first = today(1);
        let line = first.programme.unwrap();
        assert!(
            line.contains("the one-to-one meeting before the group"),
            "{line}"
        );
    }

    #[test]
    fn a_course_followed_alone_suggests_the_weeks_worksheets() {
        let dir = tempfile::tempdir().unwrap();
        let model = Model::open(DataDir::new(dir.path())).unwrap();
        let following = Following {
            programme: "self-guided-ipt".into(),
            session: 2,
        };
        let dashboard = Dashboard::new(
            model.workbook(),
            model.journal(),
            Some(&following),
            at("2026-11-25T12:00:00+00:00"),
        );
        let programme = dashboard.programme.unwrap();
        assert!(programme.contains("week 2 of 16"), "{programme}");
        let suggested: Vec<&str> = dashboard
            .suggestions
            .iter()
            .map(|s| s.worksheet.as_str())
            .collect();
        assert_eq!(
            suggested,
            [
                "weekly-check-in",
                "closeness-circle",
                "interpersonal-inventory"
            ]
        );
        assert!(
            dashboard
                .suggestions
                .iter()
                .all(|s| s.reason.starts_with("Part of week 2"))
        );
    }

    #[test]
    fn a_week_offering_every_focus_area_suggests_the_one_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut model = Model::open(DataDir::new(dir.path())).unwrap();
        let following = Following {
            programme: "self-guided-ipt".into(),
            session: 5,
        };
        let suggested = |model: &Model| -> Vec<String> {
            Dashboard::new(
                model.workbook(),
                model.journal(),
                Some(&following),
                at("2026-11-25T12:00:00+00:00"),
            )
            .suggestions
            .into_iter()
            .map(|s| s.worksheet)
            .collect()
        };
        // Before a focus area is begun, all four are offered.
        let before = suggested(&model);
        for id in [
            "grief-and-loss",
            "role-disputes",
            "life-changes",
            "loneliness-and-isolation",
        ] {
            assert!(before.iter().any(|s| s == id), "{before:?}");
        }
        // Once one is in use, the week suggests that one alone, the week's skill still with it.
        let mut answers = Answers::new();
        answers.insert("connected".to_owned(), Answer::Number(4));
        model
            .save_new_at(
                "loneliness-and-isolation",
                answers,
                at("2026-11-20T19:00:00+00:00"),
            )
            .unwrap();
        assert_eq!(
            suggested(&model),
            ["weekly-check-in", "loneliness-and-isolation", "relaxation"]
        );
    }
}
