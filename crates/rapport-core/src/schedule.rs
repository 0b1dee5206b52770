//! When a reminder is due: the schedule a person chose, and the maths that turns it into one
//! calm reminder at most a day. Pure: the caller passes the time, the zone and what it knows.
//!
//! The wording is fixed here and never built from the journal, because a notification may show
//! on a locked screen or a shared monitor: no answer, score, name or worksheet title can reach it.

use jiff::civil::{Date, Time, Weekday};
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use serde::{Deserialize, Serialize};

use crate::time::LocalTime;

/// The reminder schedule, kept in `settings.ron`. Off until the person turns it on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reminders {
    /// Whether reminders come at all.
    pub on: bool,
    /// What they are for, and how often.
    pub cadence: Cadence,
    /// The time of day from which a reminder may come, local time.
    pub at: Time,
    /// Days on which no reminder comes.
    pub quiet_days: Vec<Day>,
    /// Hours in which no reminder comes (may run past midnight).
    pub quiet_hours: Option<QuietHours>,
    /// No reminder before this moment.
    pub snoozed_until: Option<Timestamp>,
    /// The day reminders were turned on: a check-in never done is due from then.
    pub since: Option<Date>,
}

impl Default for Reminders {
    fn default() -> Self {
        Self {
            on: false,
            cadence: Cadence::Daily,
            at: Time::constant(19, 0, 0, 0),
            quiet_days: Vec::new(),
            quiet_hours: None,
            snoozed_until: None,
            since: None,
        }
    }
}

/// What a reminder is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cadence {
    /// A moment each day.
    Daily,
    /// A moment once a week, on this day.
    Weekly(Day),
    /// This week's step of the programme being followed, on this day.
    ProgrammeStep(Day),
    /// A check-in worksheet (e.g. PHQ-9) every so many days since it was last done.
    CheckIn {
        /// The worksheet's id. Never shown in the reminder.
        worksheet: String,
        /// Days between check-ins.
        every_days: u32,
    },
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Day {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Day {
    /// Every day, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Monday,
        Day::Tuesday,
        Day::Wednesday,
        Day::Thursday,
        Day::Friday,
        Day::Saturday,
        Day::Sunday,
    ];

    /// The day's name, e.g. "Monday".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Day::Monday => "Monday",
            Day::Tuesday => "Tuesday",
            Day::Wednesday => "Wednesday",
            Day::Thursday => "Thursday",
            Day::Friday => "Friday",
            Day::Saturday => "Saturday",
            Day::Sunday => "Sunday",
        }
    }

    /// The day from its name or the name's first three letters, in any case.
    #[must_use]
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim().to_lowercase();
        Day::ALL.into_iter().find(|day| {
            let name = day.name().to_lowercase();
            text == name || (text.len() >= 3 && name.starts_with(&text))
        })
    }

    fn weekday(self) -> Weekday {
        match self {
            Day::Monday => Weekday::Monday,
            Day::Tuesday => Weekday::Tuesday,
            Day::Wednesday => Weekday::Wednesday,
            Day::Thursday => Weekday::Thursday,
            Day::Friday => Weekday::Friday,
            Day::Saturday => Weekday::Saturday,
            Day::Sunday => Weekday::Sunday,
        }
    }

    fn of(date: Date) -> Day {
        let index = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        Day::ALL[index % 7]
    }
}

/// Hours with no reminders, e.g. 22:00 to 07:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    /// When the quiet starts.
    pub from: Time,
    /// When it ends (earlier than `from` when it runs past midnight).
    pub to: Time,
}

impl QuietHours {
    /// Whether `time` falls in the quiet hours.
    #[must_use]
    pub fn contain(&self, time: Time) -> bool {
        if self.from <= self.to {
            self.from <= time && time < self.to
        } else {
            time >= self.from || time < self.to
        }
    }
}

/// What is known about past use, without reading a word of the journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// When the last reminder was shown, with the offset of where it was shown: its date is the
    /// day the person lived it, so travelling does not skip or double a day.
    pub last_reminded: Option<LocalTime>,
    /// The last day anything was saved.
    pub last_saved: Option<Date>,
    /// The last day the chosen check-in worksheet was saved.
    pub last_check_in: Option<Date>,
    /// Whether a programme is being followed.
    pub following_programme: bool,
}

/// A reminder to show: fixed, private words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// The notification's title.
    pub title: &'static str,
    /// Its one line of text.
    pub body: &'static str,
}

/// How to turn reminders off, said with every reminder.
pub const HOW_TO_TURN_OFF: &str =
    "To stop these, turn reminders off in Rapport's Settings, or run: rapport remind off";

const GENTLE: Reminder = Reminder {
    title: "Rapport",
    body: "A moment for Rapport?",
};
const CHECK_IN: Reminder = Reminder {
    title: "Rapport",
    body: "Your check-in is ready, whenever you are.",
};
const PROGRAMME_STEP: Reminder = Reminder {
    title: "Rapport",
    body: "This week's step is ready, whenever you are.",
};

/// Whether a reminder is due, and why (or why not), for `rapport remind --due --dry-run`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Show this reminder.
    Due {
        /// What to show.
        reminder: Reminder,
        /// Why it is due.
        why: String,
    },
    /// Nothing to show.
    NotDue {
        /// Why not.
        why: String,
    },
}

impl Decision {
    /// The reminder to show, if one is due.
    #[must_use]
    pub fn reminder(&self) -> Option<Reminder> {
        match self {
            Decision::Due { reminder, .. } => Some(*reminder),
            Decision::NotDue { .. } => None,
        }
    }

    /// Why it is or is not due.
    #[must_use]
    pub fn why(&self) -> &str {
        match self {
            Decision::Due { why, .. } | Decision::NotDue { why } => why,
        }
    }
}

fn not_due(why: impl Into<String>) -> Decision {
    Decision::NotDue { why: why.into() }
}

fn hh_mm(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Whether a reminder is due at `now` (in the person's time zone), under `reminders`.
///
/// At most one a day, none on a day something was already saved, none in quiet days or hours,
/// none before the chosen time, and a missed one is shown once, not once per day missed.
#[must_use]
pub fn decide(reminders: &Reminders, seen: &Seen, now: &ZonedDateTime) -> Decision {
    if !reminders.on {
        return not_due("Reminders are off.");
    }
    let today = now.date();
    let time = now.time();
    if let Some(until) = reminders.snoozed_until
        && until > now.timestamp()
    {
        let until = until.to_zoned_datetime(now.time_zone().clone());
        return not_due(format!(
            "Snoozed until {} {}.",
            until.date(),
            hh_mm(until.time())
        ));
    }
    if seen.last_reminded.is_some_and(|last| last.date() >= today) {
        return not_due("A reminder was already shown today.");
    }
    if seen.last_saved.is_some_and(|day| day >= today) {
        return not_due("You already used Rapport today.");
    }
    if reminders.quiet_days.contains(&Day::of(today)) {
        return not_due(format!("{} is a quiet day.", Day::of(today).name()));
    }
    if let Some(quiet) = reminders.quiet_hours
        && quiet.contain(time)
    {
        return not_due(format!(
            "It is quiet time ({} to {}).",
            hh_mm(quiet.from),
            hh_mm(quiet.to)
        ));
    }
    if time < reminders.at {
        return not_due(format!(
            "Not yet: reminders come from {}.",
            hh_mm(reminders.at)
        ));
    }
    let last_reminded_day = seen.last_reminded.map(|last| last.date());
    match &reminders.cadence {
        Cadence::Daily => Decision::Due {
            reminder: GENTLE,
            why: format!("A daily reminder, from {}.", hh_mm(reminders.at)),
        },
        Cadence::Weekly(day) => weekly(*day, today, last_reminded_day, seen, GENTLE),
        Cadence::ProgrammeStep(day) => {
            if seen.following_programme {
                weekly(*day, today, last_reminded_day, seen, PROGRAMME_STEP)
            } else {
                not_due("You are not following a programme. Choose one under Programmes.")
            }
        }
        Cadence::CheckIn { every_days, .. } => {
            let every = i64::from((*every_days).max(1));
            let since = reminders.since.unwrap_or(today);
            let mut next = match seen.last_check_in {
                Some(done) => add_days(done, every),
                None => since,
            };
            // A reminder already shown for this check-in is not repeated until the next interval.
            if let Some(reminded) = last_reminded_day
                && reminded >= next
            {
                next = add_days(reminded, every);
            }
            if today >= next {
                let last = seen.last_check_in.map_or_else(
                    || "not done yet".to_owned(),
                    |day| format!("last done {day}"),
                );
                Decision::Due {
                    reminder: CHECK_IN,
                    why: format!("Your check-in comes every {every} days ({last})."),
                }
            } else {
                not_due(format!("Your next check-in is due on {next}."))
            }
        }
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(Date::MAX)
}

fn weekly(
    day: Day,
    today: Date,
    last_reminded: Option<Date>,
    seen: &Seen,
    reminder: Reminder,
) -> Decision {
    // The latest `day` on or before today: a week asleep still gives one reminder.
    let back = (i64::from(today.weekday().to_monday_zero_offset())
        - i64::from(day.weekday().to_monday_zero_offset()))
    .rem_euclid(7);
    let occurrence = add_days(today, -back);
    if last_reminded.is_some_and(|day| day >= occurrence) {
        return not_due(format!(
            "This week's reminder was shown; the next comes on {}.",
            day.name()
        ));
    }
    if seen.last_saved.is_some_and(|saved| saved >= occurrence) {
        return not_due(format!(
            "You have used Rapport since {occurrence}; the next comes on {}.",
            day.name()
        ));
    }
    Decision::Due {
        reminder,
        why: format!("A weekly reminder on {}s.", day.name()),
    }
}

/// The next moment after `now` at which [`decide`] may answer differently by the clock alone,
/// so the app can wake exactly then rather than poll.
#[must_use]
pub fn next_look(reminders: &Reminders, now: &ZonedDateTime) -> Option<ZonedDateTime> {
    if !reminders.on {
        return None;
    }
    let zone = now.time_zone().clone();
    let today = now.date();
    let tomorrow = add_days(today, 1);
    let mut candidates: Vec<ZonedDateTime> = Vec::new();
    for date in [today, tomorrow] {
        let mut times = vec![reminders.at, Time::MIN];
        if let Some(quiet) = reminders.quiet_hours {
            times.push(quiet.to);
        }
        for time in times {
            if let Ok(moment) = date.to_datetime(time).to_zoned_datetime(zone.clone()) {
                candidates.push(moment);
            }
        }
    }
    if let Some(until) = reminders.snoozed_until {
        candidates.push(until.to_zoned_datetime(zone));
    }
    candidates
        .into_iter()
        .filter(|moment| moment.timestamp() > now.timestamp())
        .min_by_key(ZonedDateTime::timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;
    use proptest::prelude::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).expect("the time zone database has it")
    }

    fn at(text: &str, zone_name: &str) -> ZonedDateTime {
        text.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(zone(zone_name))
            .unwrap()
    }

    fn local(moment: &ZonedDateTime) -> LocalTime {
        LocalTime::at(moment.timestamp(), moment.time_zone())
    }

    fn on(cadence: Cadence) -> Reminders {
        Reminders {
            on: true,
            cadence,
            since: Some(jiff::civil::date(2026, 1, 1)),
            ..Reminders::default()
        }
    }

    /// Runs the app's loop: looks every `step` from `start` for `hours`, showing every reminder
    /// due. Returns when they were shown.
    fn simulate(
        reminders: &Reminders,
        seen: &mut Seen,
        start: &ZonedDateTime,
        step: jiff::Span,
        looks: usize,
    ) -> Vec<ZonedDateTime> {
        let mut shown = Vec::new();
        let mut now = start.clone();
        for _ in 0..looks {
            if decide(reminders, seen, &now).reminder().is_some() {
                seen.last_reminded = Some(local(&now));
                shown.push(now.clone());
            }
            now = now.checked_add(step).unwrap();
        }
        shown
    }

    #[test]
    fn reminders_are_off_until_turned_on() {
        let now = at("2026-03-02T20:00", "Europe/London");
        let decision = decide(&Reminders::default(), &Seen::default(), &now);
        assert_eq!(decision, not_due("Reminders are off."));
    }

    #[test]
    fn a_daily_reminder_comes_once_a_day_from_its_time() {
        let reminders = on(Cadence::Daily);
        let mut seen = Seen::default();
        let start = at("2026-03-02T00:00", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &start, 15.minutes(), 4 * 24 * 3);
        let times: Vec<String> = shown.iter().map(|z| z.datetime().to_string()).collect();
        assert_eq!(
            times,
            [
                "2026-03-02T19:00:00",
                "2026-03-03T19:00:00",
                "2026-03-04T19:00:00"
            ]
        );
    }

    #[test]
    fn a_laptop_asleep_for_a_week_gets_one_reminder_not_seven() {
        let reminders = on(Cadence::Daily);
        let mut seen = Seen {
            last_reminded: Some(local(&at("2026-03-02T19:00", "Europe/London"))),
            ..Seen::default()
        };
        // Woken a week later, looked at every minute for the evening.
        let woken = at("2026-03-09T20:30", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &woken, 1.minute(), 180);
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert_eq!(shown[0], woken);
    }

    #[test]
    fn a_missed_weekly_reminder_comes_once_the_next_day_then_waits_a_week() {
        let reminders = on(Cadence::Weekly(Day::Monday));
        let mut seen = Seen::default();
        // 2026-03-02 is a Monday; the computer is off until Wednesday evening.
        let start = at("2026-03-04T18:00", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &start, 30.minutes(), 2 * 24 * 13);
        let days: Vec<String> = shown.iter().map(|z| z.date().to_string()).collect();
        assert_eq!(days, ["2026-03-04", "2026-03-09", "2026-03-16"]);
    }

    #[test]
    fn nothing_is_due_on_a_day_something_was_saved() {
        let reminders = on(Cadence::Daily);
        let seen = Seen {
            last_saved: Some(jiff::civil::date(2026, 3, 2)),
            ..Seen::default()
        };
        let now = at("2026-03-02T21:00", "Europe/London");
        assert_eq!(
            decide(&reminders, &seen, &now),
            not_due("You already used Rapport today.")
        );
        let next_day = at("2026-03-03T21:00", "Europe/London");
        assert!(decide(&reminders, &seen, &next_day).reminder().is_some());
    }

    #[test]
    fn a_weekly_reminder_is_not_needed_after_use_since_its_day() {
        let reminders = on(Cadence::Weekly(Day::Monday));
        let seen = Seen {
            last_saved: Some(jiff::civil::date(2026, 3, 3)),
            ..Seen::default()
        };
        let wednesday = at("2026-03-04T20:00", "Europe/London");
        assert!(decide(&reminders, &seen, &wednesday).reminder().is_none());
    }

    #[test]
    fn quiet_days_and_hours_hold_a_reminder_back() {
        let mut reminders = on(Cadence::Daily);
        reminders.at = Time::constant(6, 0, 0, 0);
        reminders.quiet_days = vec![Day::Saturday, Day::Sunday];
        reminders.quiet_hours = Some(QuietHours {
            from: Time::constant(22, 0, 0, 0),
            to: Time::constant(7, 30, 0, 0),
        });
        let mut seen = Seen::default();
        // Friday 2026-03-06 through Monday 2026-03-09.
        let start = at("2026-03-06T00:00", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &start, 10.minutes(), 4 * 24 * 6);
        let times: Vec<String> = shown.iter().map(|z| z.datetime().to_string()).collect();
        assert_eq!(times, ["2026-03-06T07:30:00", "2026-03-09T07:30:00"]);
    }

    #[test]
    fn quiet_hours_across_midnight() {
        let quiet = QuietHours {
            from: Time::constant(22, 0, 0, 0),
            to: Time::constant(7, 0, 0, 0),
        };
        assert!(quiet.contain(Time::constant(23, 0, 0, 0)));
        assert!(quiet.contain(Time::constant(3, 0, 0, 0)));
        assert!(!quiet.contain(Time::constant(7, 0, 0, 0)));
        assert!(!quiet.contain(Time::constant(12, 0, 0, 0)));
    }

    #[test]
    fn a_snooze_holds_reminders_until_it_ends() {
        let mut reminders = on(Cadence::Daily);
        reminders.snoozed_until = Some(at("2026-03-04T08:00", "Europe/London").timestamp());
        let mut seen = Seen::default();
        let start = at("2026-03-02T12:00", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &start, 15.minutes(), 4 * 24 * 3);
        assert_eq!(shown[0].datetime().to_string(), "2026-03-04T19:00:00");
    }

    #[test]
    fn a_check_in_comes_every_interval_since_it_was_last_done() {
        let reminders = on(Cadence::CheckIn {
            worksheet: "phq9".into(),
            every_days: 14,
        });
        let mut seen = Seen {
            last_check_in: Some(jiff::civil::date(2026, 3, 1)),
            ..Seen::default()
        };
        let start = at("2026-03-01T00:00", "Europe/London");
        let shown = simulate(&reminders, &mut seen, &start, 1.hour(), 24 * 40);
        let days: Vec<String> = shown.iter().map(|z| z.date().to_string()).collect();
        // Ignored reminders are not repeated daily: once per interval.
        assert_eq!(days, ["2026-03-15", "2026-03-29"]);
    }

    #[test]
    fn a_check_in_never_done_is_due_from_the_day_reminders_were_turned_on() {
        let mut reminders = on(Cadence::CheckIn {
            worksheet: "phq9".into(),
            every_days: 14,
        });
        reminders.since = Some(jiff::civil::date(2026, 3, 5));
        let before = at("2026-03-04T20:00", "Europe/London");
        assert!(
            decide(&reminders, &Seen::default(), &before)
                .reminder()
                .is_none()
        );
        let after = at("2026-03-05T20:00", "Europe/London");
        assert_eq!(
            decide(&reminders, &Seen::default(), &after).reminder(),
            Some(CHECK_IN)
        );
    }

    #[test]
    fn a_programme_step_needs_a_programme() {
        let reminders = on(Cadence::ProgrammeStep(Day::Monday));
        let monday = at("2026-03-02T20:00", "Europe/London");
        assert!(
            decide(&reminders, &Seen::default(), &monday)
                .reminder()
                .is_none()
        );
        let following = Seen {
            following_programme: true,
            ..Seen::default()
        };
        assert_eq!(
            decide(&reminders, &following, &monday).reminder(),
            Some(PROGRAMME_STEP)
        );
    }

    #[test]
    fn a_reminder_time_skipped_by_the_clocks_going_forward_still_comes_once() {
        // New York springs forward at 02:00 on 2026-03-08: 02:30 never happens that night.
        let mut reminders = on(Cadence::Daily);
        reminders.at = Time::constant(2, 30, 0, 0);
        let mut seen = Seen::default();
        let start = at("2026-03-08T00:00", "America/New_York");
        let shown = simulate(&reminders, &mut seen, &start, 10.minutes(), 6 * 24);
        let times: Vec<String> = shown.iter().map(|z| z.datetime().to_string()).collect();
        assert_eq!(times, ["2026-03-08T03:00:00"]);
    }

    #[test]
    fn an_hour_that_happens_twice_gives_one_reminder() {
        // New York falls back at 02:00 on 2026-11-01: 01:00 to 02:00 happens twice.
        let mut reminders = on(Cadence::Daily);
        reminders.at = Time::constant(1, 15, 0, 0);
        let mut seen = Seen::default();
        let start = at("2026-11-01T00:00", "America/New_York");
        let shown = simulate(&reminders, &mut seen, &start, 10.minutes(), 6 * 5);
        assert_eq!(shown.len(), 1, "{shown:?}");
    }

    #[test]
    fn travelling_across_zones_gives_at_most_one_reminder_a_local_day() {
        let reminders = on(Cadence::Daily);
        let mut seen = Seen::default();
        let new_york = at("2026-06-01T19:05", "America/New_York");
        assert!(decide(&reminders, &seen, &new_york).reminder().is_some());
        seen.last_reminded = Some(local(&new_york));
        // Two hours later the person lands in London, where it is already the next day, 02:05.
        let london = new_york
            .checked_add(2.hours())
            .unwrap()
            .with_time_zone(zone("Europe/London"));
        assert_eq!(london.date(), jiff::civil::date(2026, 6, 2));
        assert!(decide(&reminders, &seen, &london).reminder().is_none());
        let evening = at("2026-06-02T19:00", "Europe/London");
        assert!(decide(&reminders, &seen, &evening).reminder().is_some());
    }

    #[test]
    fn the_app_wakes_at_the_reminder_time_not_every_minute() {
        let reminders = on(Cadence::Daily);
        let now = at("2026-03-02T12:00", "Europe/London");
        let next = next_look(&reminders, &now).unwrap();
        assert_eq!(next.datetime().to_string(), "2026-03-02T19:00:00");
        let evening = at("2026-03-02T20:00", "Europe/London");
        let next = next_look(&reminders, &evening).unwrap();
        assert_eq!(next.datetime().to_string(), "2026-03-03T00:00:00");
        assert_eq!(next_look(&Reminders::default(), &now), None);
    }

    #[test]
    fn day_names_parse() {
        assert_eq!(Day::parse("mon"), Some(Day::Monday));
        assert_eq!(Day::parse(" Saturday "), Some(Day::Saturday));
        assert_eq!(Day::parse("mo"), None);
        assert_eq!(Day::parse("thursdays"), None);
    }

    proptest! {
        /// However long the gap and whatever the schedule, never two reminders in a local day.
        #[test]
        fn never_two_reminders_in_a_day(
            start_day in 0i64..3000,
            minutes_step in 1i64..600,
            hour in 0i8..24,
            cadence_kind in 0u8..4,
            every in 1u32..30,
        ) {
            let mut reminders = on(match cadence_kind {
                0 => Cadence::Daily,
                1 => Cadence::Weekly(Day::Thursday),
                2 => Cadence::ProgrammeStep(Day::Sunday),
                _ => Cadence::CheckIn { worksheet: "phq9".into(), every_days: every },
            });
            reminders.at = Time::constant(hour, 0, 0, 0);
            let mut seen = Seen { following_programme: true, ..Seen::default() };
            let start = at("2020-01-01T00:00", "Europe/Berlin")
                .checked_add(start_day.days())
                .unwrap();
            let shown = simulate(&reminders, &mut seen, &start, minutes_step.minutes(), 400);
            let mut days: Vec<Date> = shown.iter().map(ZonedDateTime::date).collect();
            let count = days.len();
            days.dedup();
            prop_assert_eq!(days.len(), count);
            for moment in &shown {
                prop_assert!(moment.time() >= reminders.at);
            }
        }
    }
}
