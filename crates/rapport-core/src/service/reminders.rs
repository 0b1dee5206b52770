//! Reminders as user actions: turn them on or off, snooze, and look for a due one. The app and
//! `rapport remind` both call these, so the rules live in one place.
//!
//! Deciding never reads the journal: the schedule is in `settings.ron` and the days of use in
//! `reminders.ron`, which [`note_saved`] keeps up to date on every save.

use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::schedule::{self, Cadence, Decision, Reminder, Reminders};
use crate::storage::desktop_entries::{DesktopEntries, EntryError};
use crate::storage::journal::Journal;
use crate::storage::layout::DataDir;
use crate::storage::{reminder_log, settings};
use crate::time::LocalTime;

/// A reminder change could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReminderError {
    /// The settings or the record could not be saved.
    #[error("{0}")]
    Save(String),
    /// The entry that runs reminders while Rapport is closed could not be written or removed.
    #[error(transparent)]
    Entries(#[from] EntryError),
    /// The check-in worksheet does not exist.
    #[error("There is no worksheet called “{0}”. `rapport worksheets` lists them.")]
    UnknownWorksheet(String),
}

/// What changed, to tell the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// One sentence for the person.
    pub message: String,
}

/// Saves `reminders` as the schedule, and installs or removes the desktop entry that looks for
/// due reminders while the app is closed. `journal`, when it is open, seeds the days of use so a
/// check-in done last week counts.
pub fn set(
    data_dir: &DataDir,
    mut reminders: Reminders,
    entries: Option<&DesktopEntries>,
    journal: Option<&Journal>,
    today: Date,
) -> Result<Changed, ReminderError> {
    if let Cadence::CheckIn { worksheet, .. } = &reminders.cadence {
        let workbook = crate::content::workbook::Workbook::load(Some(data_dir));
        if workbook.get(worksheet).is_none() {
            return Err(ReminderError::UnknownWorksheet(worksheet.clone()));
        }
    }
    let mut settings = settings::load(data_dir);
    let was_on = settings.value.reminders.on;
    if reminders.on && (!was_on || reminders.since.is_none()) {
        reminders.since = Some(today);
    }
    let on = reminders.on;
    settings.value.reminders = reminders;
    settings.save().map_err(ReminderError::Save)?;
    if on && let Some(journal) = journal {
        let mut log = reminder_log::load(data_dir);
        for entry in journal.entries() {
            log.value.note_saved(&entry.worksheet, entry.created.date());
        }
        log.save().map_err(ReminderError::Save)?;
    }
    let Some(entries) = entries else {
        return Ok(Changed {
            message: if on {
                "Reminders are on, while Rapport is open.".to_owned()
            } else {
                "Reminders are off.".to_owned()
            },
        });
    };
    if on {
        entries.install(data_dir)?;
        Ok(Changed {
            message: match entries.mechanism() {
                crate::storage::desktop_entries::Mechanism::SystemdTimer => {
                    "Reminders are on. While Rapport is closed, your desktop looks for one every 15 minutes."
                }
                crate::storage::desktop_entries::Mechanism::Autostart => {
                    "Reminders are on. While Rapport is closed, your desktop looks for one when you log in."
                }
            }
            .to_owned(),
        })
    } else {
        entries.remove()?;
        Ok(Changed {
            message: "Reminders are off. Nothing of Rapport runs while it is closed.".to_owned(),
        })
    }
}

/// Turns reminders off, whatever the schedule was, and removes the desktop entry.
pub fn turn_off(
    data_dir: &DataDir,
    entries: Option<&DesktopEntries>,
    today: Date,
) -> Result<Changed, ReminderError> {
    let mut reminders = settings::load(data_dir).value.reminders;
    reminders.on = false;
    set(data_dir, reminders, entries, None, today)
}

/// Holds reminders back for `days` days from `now`.
pub fn snooze(
    data_dir: &DataDir,
    now: &ZonedDateTime,
    days: u32,
) -> Result<Changed, ReminderError> {
    let mut settings = settings::load(data_dir);
    let until = now
        .checked_add(jiff::Span::new().days(i64::from(days.max(1))))
        .unwrap_or_else(|_| now.clone());
    settings.value.reminders.snoozed_until = Some(until.timestamp());
    settings.save().map_err(ReminderError::Save)?;
    Ok(Changed {
        message: format!(
            "No reminders until {} {:02}:{:02}.",
            until.date(),
            until.hour(),
            until.minute()
        ),
    })
}

/// Whether a reminder is due at `now`, and why, from the settings and the record alone.
#[must_use]
pub fn decide(data_dir: &DataDir, now: &ZonedDateTime) -> Decision {
    let settings = settings::load(data_dir).value;
    let log = reminder_log::load(data_dir).value;
    let check_in = match &settings.reminders.cadence {
        Cadence::CheckIn { worksheet, .. } => Some(worksheet.as_str()),
        _ => None,
    };
    let seen = log.seen(check_in, settings.following.is_some());
    schedule::decide(&settings.reminders, &seen, now)
}

/// Shows the due reminder, if any, through `show` (a notification, or the app's banner), and
/// records it so no other reminder comes that day. A reminder `show` could not display is not
/// recorded, so it comes next time.
pub fn show_due<E>(
    data_dir: &DataDir,
    now: &ZonedDateTime,
    show: impl FnOnce(Reminder) -> Result<(), E>,
) -> Result<Decision, ShowError<E>> {
    let decision = decide(data_dir, now);
    if let Some(reminder) = decision.reminder() {
        // Recorded first, so that two lookers at once (the app and the timer) show one.
        let mut log = reminder_log::load(data_dir);
        log.value.last_reminded = Some(LocalTime::at(now.timestamp(), now.time_zone()));
        log.save().map_err(ShowError::Record)?;
        if let Err(error) = show(reminder) {
            let mut log = reminder_log::load(data_dir);
            log.value.last_reminded = None;
            let _ = log.save();
            return Err(ShowError::Show(error));
        }
    }
    Ok(decision)
}

/// A due reminder was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError<E> {
    /// The record could not be saved, so nothing was shown.
    #[error("{0}")]
    Record(String),
    /// Showing failed.
    #[error("{0}")]
    Show(E),
}

/// Notes a save of `worksheet` on `day` in the record, when reminders are on. Failing to note it
/// costs at most one needless reminder, so the error is returned for the caller to ignore.
pub fn note_saved(data_dir: &DataDir, worksheet: &str, day: Date) -> Result<(), String> {
    if !settings::load(data_dir).value.reminders.on {
        return Ok(());
    }
    let mut log = reminder_log::load(data_dir);
    log.value.note_saved(worksheet, day);
    log.save().map(drop)
}

/// The next moment the schedule may change its answer by the clock alone (see
/// [`schedule::next_look`]).
#[must_use]
pub fn next_look(data_dir: &DataDir, now: &ZonedDateTime) -> Option<ZonedDateTime> {
    schedule::next_look(&settings::load(data_dir).value.reminders, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::desktop_entries::Mechanism;

    fn evening(day: i8) -> ZonedDateTime {
        jiff::civil::date(2026, 3, day)
            .at(20, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
    }

    /// A data folder with daily reminders turned on on 2 March 2026 (no desktop entry).
    fn daily_reminders_on_2_march() -> (tempfile::TempDir, DataDir) {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path());
        let reminders = Reminders {
            on: true,
            ..Reminders::default()
        };
        set(&data, reminders, None, None, jiff::civil::date(2026, 3, 2)).unwrap();
        (home, data)
    }

    #[test]
    fn turning_on_installs_the_entry_and_off_removes_it() {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path().join("data"));
        let entries = DesktopEntries::in_folder(
            home.path(),
            std::path::Path::new("/r"),
            Mechanism::Autostart,
        );
        let reminders = Reminders {
            on: true,
            ..Reminders::default()
        };
        let today = jiff::civil::date(2026, 3, 2);
        set(&data, reminders, Some(&entries), None, today).unwrap();
        assert_eq!(entries.installed().len(), 1);
        let saved = settings::load(&data).value.reminders;
        assert!(saved.on);
        assert_eq!(saved.since, Some(today));
        turn_off(&data, Some(&entries), today).unwrap();
        assert!(entries.installed().is_empty());
        assert!(!settings::load(&data).value.reminders.on);
    }

    #[test]
    fn a_shown_reminder_is_recorded_and_not_shown_again_that_day() {
        let (_home, data) = daily_reminders_on_2_march();
        let mut shown = Vec::new();
        for _ in 0..2 {
            show_due::<()>(&data, &evening(2), |r| {
                shown.push(r);
                Ok(())
            })
            .unwrap();
        }
        assert_eq!(shown.len(), 1);
    }

    #[test]
    fn a_reminder_that_could_not_be_shown_comes_next_time() {
        let (_home, data) = daily_reminders_on_2_march();
        let failed = show_due(&data, &evening(2), |_| Err("no notification service"));
        assert!(matches!(failed, Err(ShowError::Show(_))));
        assert!(decide(&data, &evening(2)).reminder().is_some());
    }

    #[test]
    fn nothing_is_due_after_a_save_today() {
        let (_home, data) = daily_reminders_on_2_march();
        note_saved(&data, "phq9", jiff::civil::date(2026, 3, 2)).unwrap();
        assert_eq!(
            decide(&data, &evening(2)).why(),
            "You already used Rapport today."
        );
    }

    #[test]
    fn a_check_in_of_an_unknown_worksheet_is_refused() {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path());
        let reminders = Reminders {
            on: true,
            cadence: Cadence::CheckIn {
                worksheet: "nope".into(),
                every_days: 7,
            },
            ..Reminders::default()
        };
        let error = set(&data, reminders, None, None, jiff::civil::date(2026, 3, 2)).unwrap_err();
        assert!(matches!(error, ReminderError::UnknownWorksheet(_)));
        assert!(!data.settings().exists());
    }
}
