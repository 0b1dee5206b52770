//! Finding entries by what was written in them, and the words History shows about a list:
//! month headings and counts. The text of every entry is lowered once per index, so a search
//! as the person types is a scan of prepared strings, not of the answers.

use crate::content::entry::Entry;

/// The searchable text of a list of entries, in the order given.
#[derive(Clone, Debug, Default)]
pub struct EntryIndex {
    /// The entries' ids, in order.
    ids: Vec<String>,
    /// Year and month of each entry's creation, for the headings.
    months: Vec<(i16, i8)>,
    /// Each entry's answers and date, lowercased.
    texts: Vec<String>,
}

impl EntryIndex {
    /// Indexes `entries` (in the order they will be listed).
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Self {
        let mut index = Self::default();
        for entry in entries {
            let date = entry.created.civil();
            let mut text = entry.created.human();
            for answer in entry.answers.values() {
                text.push('\n');
                text.push_str(&answer.display());
            }
            index.ids.push(entry.id.clone());
            index.months.push((date.year(), date.month()));
            index.texts.push(text.to_lowercase());
        }
        index
    }

    /// How many entries there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of entry number `position`.
    #[must_use]
    pub fn id(&self, position: usize) -> Option<&str> {
        self.ids.get(position).map(String::as_str)
    }

    /// The positions of the entries whose answers or date contain `query`, ignoring case and
    /// the spaces around it; every entry for a blank query.
    #[must_use]
    pub fn search(&self, query: &str) -> Vec<usize> {
        self.search_within(query, 0..self.len())
    }

    /// As [`EntryIndex::search`], looking only at `positions` (e.g. the matches of a shorter
    /// query the person is still typing).
    #[must_use]
    pub fn search_within(
        &self,
        query: &str,
        positions: impl IntoIterator<Item = usize>,
    ) -> Vec<usize> {
        let needle = normalise(query);
        positions
            .into_iter()
            .filter(|&position| {
                self.texts
                    .get(position)
                    .is_some_and(|text| needle.is_empty() || text.contains(&needle))
            })
            .collect()
    }

    /// The rows of a listing of `positions`: a month heading before the first entry of each
    /// month, then the entries.
    #[must_use]
    pub fn rows(&self, positions: &[usize]) -> Vec<Row> {
        let mut rows = Vec::with_capacity(positions.len() + positions.len() / 8 + 1);
        let mut last = None;
        for &position in positions {
            let Some(&month) = self.months.get(position) else {
                continue;
            };
            if last != Some(month) {
                last = Some(month);
                rows.push(Row::Month(month_heading(month.0, month.1)));
            }
            rows.push(Row::Entry(position));
        }
        rows
    }
}

/// A few words around the first place `query` appears in `entry`'s answers, for a list of
/// matches: "…a picnic with my sister on…". `None` if no answer contains it (a match on the
/// date alone). Counts characters, not bytes, so any script is cut between letters.
#[must_use]
pub fn snippet(entry: &Entry, query: &str, around: usize) -> Option<String> {
    let needle: Vec<char> = normalise(query).chars().collect();
    if needle.is_empty() {
        return None;
    }
    entry.answers.values().find_map(|answer| {
        let text: Vec<char> = answer.display().chars().collect();
        // Compared letter by letter in lower case; a letter whose lower case is longer (rare)
        // simply does not match here, and the entry is still listed without words.
        let lower: Vec<char> = text
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let at = lower
            .windows(needle.len())
            .position(|window| window == needle.as_slice())?;
        let start = at.saturating_sub(around);
        let end = (at + needle.len() + around).min(text.len());
        let words: String = text[start..end]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let before = if start > 0 { "…" } else { "" };
        let after = if end < text.len() { "…" } else { "" };
        Some(format!("{before}{}{after}", words.trim()))
    })
}

/// One row of a listing grouped by month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A heading such as "March 2025".
    Month(String),
    /// The entry at this position of the index.
    Entry(usize),
}

/// A query as it is compared: trimmed and lowercased.
#[must_use]
pub fn normalise(query: &str) -> String {
    query.trim().to_lowercase()
}

/// "March 2025".
#[must_use]
pub fn month_heading(year: i16, month: i8) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = usize::try_from(month - 1)
        .ok()
        .and_then(|index| MONTHS.get(index))
        .copied()
        .unwrap_or("?");
    format!("{name} {year}")
}

/// The count above a list: "312 entries", or while searching "12 of 312 match".
#[must_use]
pub fn count_text(matching: usize, total: usize, searching: bool) -> String {
    match (searching, matching, total) {
        (false, _, 1) => "1 entry".to_owned(),
        (false, _, total) => format!("{total} entries"),
        (true, 0, _) => format!("None of {total} match"),
        (true, 1, 1) => "The 1 entry matches".to_owned(),
        (true, matching, total) if matching == total => format!("All {total} match"),
        (true, 1, total) => format!("1 of {total} matches"),
        (true, matching, total) => format!("{matching} of {total} match"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};
    use crate::time::LocalTime;

    fn entry(id: &str, when: &str, text: &str) -> Entry {
        let instant: jiff::Timestamp = when.parse().unwrap();
        let at = LocalTime::with_offset(instant, jiff::tz::Offset::UTC);
        let answers: Answers = [
            ("situation".to_owned(), Answer::Text(text.into())),
            ("intensity_before".to_owned(), Answer::Number(7)),
        ]
        .into();
        Entry {
            version: 1,
            id: id.into(),
            worksheet: "coping-skills".into(),
            worksheet_version: 1,
            created: at,
            edited: at,
            answers,
        }
    }

    #[test]
    fn a_snippet_shows_the_words_around_the_match_in_any_script_and_case() {
        let long = format!(
            "{} picnic with my SISTER {}",
            "a".repeat(80),
            "b".repeat(80)
        );
        let found = entry("x", "2025-03-20T10:00:00Z", &long);
        assert_eq!(
            snippet(&found, "  Sister ", 8).as_deref(),
            Some("…with my SISTER bbbbbbb…")
        );
        let chinese = entry("y", "2025-03-20T10:00:00Z", "今天和妈妈\n吵架了，很难过");
        assert_eq!(
            snippet(&chinese, "吵架", 3).as_deref(),
            Some("…妈妈 吵架了，很…")
        );
        assert_eq!(snippet(&chinese, "picnic", 3), None);
        assert_eq!(
            snippet(&chinese, "  ", 3),
            None,
            "a blank query is no match"
        );
        // A date matches the index, but no answer holds it: listed without words.
        assert_eq!(snippet(&found, "2025", 5), None);
    }

    fn sample() -> Vec<Entry> {
        vec![
            entry("c", "2025-03-20T10:00:00Z", "Called MUM about the move"),
            entry("b", "2025-03-02T10:00:00Z", "A walk by the river"),
            entry("a", "2025-02-11T10:00:00Z", "Argued with mum again"),
        ]
    }

    #[test]
    fn search_ignores_case_and_surrounding_spaces() {
        let entries = sample();
        let index = EntryIndex::new(&entries);
        assert_eq!(index.search("  mum "), [0, 2]);
        assert_eq!(index.search("RIVER"), [1]);
        assert_eq!(index.search(""), [0, 1, 2]);
        assert!(index.search("holiday").is_empty());
        // Dates are searchable too, as the list shows them.
        assert_eq!(index.search("feb 2025"), [2]);
        assert_eq!(index.id(2), Some("a"));
    }

    #[test]
    fn a_longer_query_searches_within_the_shorter_ones_matches() {
        let entries = sample();
        let index = EntryIndex::new(&entries);
        let first = index.search("m");
        assert_eq!(
            index.search_within("mum", first.clone()),
            index.search("mum")
        );
        assert_eq!(index.search_within("mum ag", first), [2]);
    }

    #[test]
    fn rows_put_a_month_heading_before_each_month() {
        let entries = sample();
        let index = EntryIndex::new(&entries);
        assert_eq!(
            index.rows(&index.search("")),
            [
                Row::Month("March 2025".into()),
                Row::Entry(0),
                Row::Entry(1),
                Row::Month("February 2025".into()),
                Row::Entry(2),
            ]
        );
        assert_eq!(
            index.rows(&index.search("mum")),
            [
                Row::Month("March 2025".into()),
                Row::Entry(0),
                Row::Month("February 2025".into()),
                Row::Entry(2),
            ]
        );
    }

    #[test]
    fn counts_read_as_sentences() {
        assert_eq!(count_text(312, 312, false), "312 entries");
        assert_eq!(count_text(1, 1, false), "1 entry");
        assert_eq!(count_text(12, 312, true), "12 of 312 match");
        assert_eq!(count_text(1, 312, true), "1 of 312 matches");
        assert_eq!(count_text(0, 312, true), "None of 312 match");
        assert_eq!(count_text(5, 5, true), "All 5 match");
        assert_eq!(count_text(1, 1, true), "The 1 entry matches");
    }

    #[test]
    fn ten_years_of_entries_search_quickly() {
        let entries: Vec<Entry> = (0..11_000)
            .map(|n| {
                let when = jiff::Timestamp::from_second(1_500_000_000 + i64::from(n) * 28_800)
                    .unwrap()
                    .to_string();
                entry(
                    &format!("{n:05}"),
                    &when,
                    &format!("Entry {n}: a long afternoon talking things over with a friend"),
                )
            })
            .collect();
        let index = EntryIndex::new(&entries);
        let started = std::time::Instant::now();
        for query in ["f", "fr", "fri", "frie", "friend", "entry 10"] {
            let found = index.search(query);
            let _ = index.rows(&found);
        }
        let spent = started.elapsed();
        assert_eq!(index.search("entry 10999").len(), 1);
        // Six searches and listings: well under a frame each, even in a debug build.
        assert!(spent.as_millis() < 1_000, "took {spent:?}");
    }
}
