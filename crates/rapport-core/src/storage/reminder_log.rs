//! `reminders.ron`: what `rapport remind --due` needs to know about past use, so that it
//! decides without reading the journal (which may be locked). Dates only, never answers.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::format::Versioned;
use crate::schedule::Seen;
use crate::storage::document::Document;
use crate::storage::layout::DataDir;
use crate::time::LocalTime;

/// When a reminder was last shown, and the last days of use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderLog {
    /// Format of the file.
    pub version: u32,
    /// When the last reminder was shown (in the app or as a notification).
    pub last_reminded: Option<LocalTime>,
    /// The last day anything was saved.
    pub last_saved: Option<Date>,
    /// The last day each worksheet was saved, by worksheet id.
    pub last_saved_by_worksheet: BTreeMap<String, Date>,
}

impl Default for ReminderLog {
    fn default() -> Self {
        Self {
            version: 1,
            last_reminded: None,
            last_saved: None,
            last_saved_by_worksheet: BTreeMap::new(),
        }
    }
}

impl Versioned for ReminderLog {
    fn format(&self) -> u32 {
        self.version
    }
}

impl ReminderLog {
    /// Notes that `worksheet` was saved on `day`.
    pub fn note_saved(&mut self, worksheet: &str, day: Date) {
        self.last_saved = self.last_saved.max(Some(day));
        let last = self
            .last_saved_by_worksheet
            .entry(worksheet.to_owned())
            .or_insert(day);
        *last = (*last).max(day);
    }

    /// What the schedule needs, for a check-in of `check_in` (if that is the cadence).
    #[must_use]
    pub fn seen(&self, check_in: Option<&str>, following_programme: bool) -> Seen {
        Seen {
            last_reminded: self.last_reminded,
            last_saved: self.last_saved,
            last_check_in: check_in.and_then(|id| self.last_saved_by_worksheet.get(id).copied()),
            following_programme,
        }
    }
}

/// The reminders' record of a data folder.
#[must_use]
pub fn load(data_dir: &DataDir) -> Document<ReminderLog> {
    Document::load(&data_dir.reminder_log(), &crate::format::REMINDER_LOG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_keeps_the_latest_day_of_each_worksheet() {
        let mut log = ReminderLog::default();
        log.note_saved("phq9", jiff::civil::date(2026, 3, 5));
        log.note_saved("phq9", jiff::civil::date(2026, 3, 1));
        log.note_saved("coping-skills", jiff::civil::date(2026, 3, 3));
        let seen = log.seen(Some("phq9"), false);
        assert_eq!(seen.last_check_in, Some(jiff::civil::date(2026, 3, 5)));
        assert_eq!(seen.last_saved, Some(jiff::civil::date(2026, 3, 5)));
        assert_eq!(log.seen(Some("gad7"), false).last_check_in, None);
    }

    #[test]
    fn the_record_is_saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut log = load(&data);
        log.value.note_saved("phq9", jiff::civil::date(2026, 3, 5));
        log.value.last_reminded = Some("2026-03-05T19:00:00+00:00".parse().unwrap());
        log.save().unwrap();
        let again = load(&data);
        assert!(again.problem().is_none(), "{:?}", again.problem());
        assert_eq!(again.value, log.value);
    }
}
