//! Moments as the user lived them: an instant plus the UTC offset in force where it was recorded.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, civil};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The latest moment Rapport dates anything: a day before the calendar's end, so that any time
/// zone's wall clock and the next day both still exist.
pub const LATEST: Timestamp = Timestamp::constant(253_402_128_000, 0);

/// The system clock as a timestamp, never panicking: a clock past the year 9999 (or so far
/// before 1970 that the calendar cannot hold it) gives [`LATEST`] (or the earliest moment).
#[must_use]
pub fn now_instant() -> Timestamp {
    PINNED_NOW.get().map_or_else(
        || instant_of(std::time::SystemTime::now()),
        |now| now.instant,
    )
}

thread_local! {
    /// The moment this thread takes as now, if pinned (see [`pin_now_on_this_thread`]).
    static PINNED_NOW: std::cell::Cell<Option<LocalTime>> = const { std::cell::Cell::new(None) };
}

/// Makes [`now_instant`] and [`LocalTime::now`] give `now` on this thread, or the system clock
/// again with `None`. For tests and pictures of the screens, which must look the same whichever
/// day they run; other threads keep the system clock.
#[doc(hidden)]
pub fn pin_now_on_this_thread(now: Option<LocalTime>) {
    PINNED_NOW.set(now);
}

/// `system` as a timestamp within what Rapport can date (see [`now_instant`]).
#[must_use]
pub fn instant_of(system: std::time::SystemTime) -> Timestamp {
    let earliest = Timestamp::MIN
        .checked_add(jiff::SignedDuration::from_hours(48))
        .unwrap_or(Timestamp::MIN);
    match Timestamp::try_from(system) {
        Ok(instant) => instant.clamp(earliest, LATEST),
        Err(_) if system > std::time::SystemTime::UNIX_EPOCH => LATEST,
        Err(_) => earliest,
    }
}

/// An instant together with the UTC offset of the place it was recorded.
///
/// Written to files as RFC 3339 with the offset, e.g. `2026-11-25T21:42:00+01:00`, so a person
/// reading the file sees the local time they wrote the entry, and programs still get the instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocalTime {
    instant: Timestamp,
    offset: Offset,
}

impl LocalTime {
    /// Now, in the system time zone, rounded down to the whole second. A clock set outside
    /// the years Rapport can date (before 1970 is fine; after 9999 is not) gives the latest
    /// moment it can, instead of panicking.
    #[must_use]
    pub fn now() -> Self {
        PINNED_NOW
            .get()
            .unwrap_or_else(|| Self::at(now_instant(), &TimeZone::system()))
    }

    /// The given instant in the given time zone, rounded down to the whole second.
    #[must_use]
    pub fn at(instant: Timestamp, zone: &TimeZone) -> Self {
        let instant = Timestamp::from_second(instant.as_second()).unwrap_or(instant);
        Self {
            instant,
            offset: zone.to_offset(instant),
        }
    }

    /// The given instant at a fixed offset.
    #[must_use]
    pub fn with_offset(instant: Timestamp, offset: Offset) -> Self {
        Self { instant, offset }
    }

    /// The instant, independent of any offset.
    #[must_use]
    pub fn instant(&self) -> Timestamp {
        self.instant
    }

    /// The UTC offset in force when this moment was recorded.
    #[must_use]
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// The wall-clock date and time the user saw.
    #[must_use]
    pub fn civil(&self) -> civil::DateTime {
        self.offset.to_datetime(self.instant)
    }

    /// The calendar date the user saw.
    #[must_use]
    pub fn date(&self) -> civil::Date {
        self.civil().date()
    }

    /// A short human form, e.g. `Wed 25 Nov 2026, 21:42`.
    #[must_use]
    pub fn human(&self) -> String {
        self.civil().strftime("%a %-d %b %Y, %H:%M").to_string()
    }
}

impl PartialOrd for LocalTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LocalTime {
    /// Ordered by instant; the offset only breaks ties so that the order is total.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant
            .cmp(&other.instant)
            .then(self.offset.seconds().cmp(&other.offset.seconds()))
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instant.display_with_offset(self.offset))
    }
}

/// Why a time could not be read.
#[derive(Debug, thiserror::Error)]
#[error("“{text}” is not a date and time with a UTC offset, such as 2026-11-25T21:42:00+01:00")]
pub struct TimeParseError {
    text: String,
}

impl FromStr for LocalTime {
    type Err = TimeParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || TimeParseError {
            text: text.to_owned(),
        };
        let instant: Timestamp = text.parse().map_err(|_| error())?;
        let pieces = Pieces::parse(text).map_err(|_| error())?;
        let offset = pieces.to_numeric_offset().ok_or_else(error)?;
        Ok(Self { instant, offset })
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A moment as it appears in file names: `20261125T093000Z` (UTC, sortable, no colons).
#[must_use]
pub fn file_stamp(instant: Timestamp) -> String {
    instant.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_its_offset() {
        let text = "2026-11-25T21:42:07+01:00";
        let time: LocalTime = text.parse().unwrap();
        assert_eq!(time.to_string(), text);
        assert_eq!(time.offset().seconds(), 3600);
        assert_eq!(time.civil().hour(), 21);
        assert_eq!(time.instant().to_string(), "2026-11-25T20:42:07Z");
    }

    #[test]
    fn refuses_a_time_without_offset() {
        assert!("2026-11-25T21:42:07".parse::<LocalTime>().is_err());
        assert!("yesterday".parse::<LocalTime>().is_err());
    }

    #[test]
    fn orders_by_instant_not_wall_clock() {
        let early: LocalTime = "2026-11-25T21:00:00+03:00".parse().unwrap();
        let late: LocalTime = "2026-11-25T20:00:00+00:00".parse().unwrap();
        assert!(early < late);
    }

    #[test]
    fn a_clock_past_the_year_9999_gives_the_latest_date_instead_of_panicking() {
        assert_eq!(LATEST.to_string(), "9999-12-30T00:00:00Z");
        let far =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_hours(300_000 * 365 * 24);
        assert_eq!(instant_of(far), LATEST);
        let just_past =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(253_402_300_000);
        assert_eq!(instant_of(just_past), LATEST);
        // Everything dated from it still works: the wall clock anywhere, tomorrow, a stamp.
        for hours in [-12, 0, 14] {
            let zone = TimeZone::fixed(jiff::tz::Offset::from_hours(hours).unwrap());
            let latest = LocalTime::at(instant_of(far), &zone);
            assert!(latest.date().tomorrow().is_ok());
            assert!(!latest.to_string().is_empty());
        }
        assert_eq!(file_stamp(LATEST), "99991230T000000Z");
        let ordinary = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000);
        assert_eq!(instant_of(ordinary).as_second(), 1_000);
    }

    #[test]
    fn now_has_whole_seconds() {
        assert_eq!(LocalTime::now().instant().subsec_nanosecond(), 0);
    }
}
