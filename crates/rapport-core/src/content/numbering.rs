//! How a programme's sessions are named, the same way on screen, on slides, in PDFs and their
//! file names, and on the command line: a one-to-one meeting before the group is named apart
//! (“Before the group: one-to-one meeting”), and the group's own sessions are numbered from 1,
//! so an eight-session group has sessions 1 to 8.

use crate::content::programme::{Programme, SessionKind};

/// What a one-to-one meeting before the group is called.
pub const BEFORE_NAME: &str = "Before the group: one-to-one meeting";
/// How the command line names it: `--session group-ipt:before`.
pub const BEFORE_KEY: &str = "before";

/// The number of the session at `index` (from 0) among the programme's numbered sessions,
/// from 1; `None` for a meeting before the group.
#[must_use]
pub fn number(programme: &Programme, index: usize) -> Option<usize> {
    let session = programme.sessions.get(index)?;
    if session.kind == SessionKind::PreGroup {
        return None;
    }
    Some(
        programme
            .sessions
            .iter()
            .take(index)
            .filter(|s| s.kind != SessionKind::PreGroup)
            .count()
            .saturating_add(1),
    )
}

/// How many numbered sessions (or weeks) the programme has.
#[must_use]
pub fn numbered(programme: &Programme) -> usize {
    programme
        .sessions
        .iter()
        .filter(|s| s.kind != SessionKind::PreGroup)
        .count()
}

/// How many meetings before the group it has.
fn before_count(programme: &Programme) -> usize {
    programme.sessions.len().saturating_sub(numbered(programme))
}

/// The session's name: “Session 3”, “Week 3”, or [`BEFORE_NAME`].
#[must_use]
pub fn name(programme: &Programme, index: usize) -> String {
    match (programme.sessions.get(index), number(programme, index)) {
        (Some(session), Some(n)) => format!("{} {n}", session.kind.heading()),
        _ if before_count(programme) > 1 => format!("{BEFORE_NAME} {}", index.saturating_add(1)),
        _ => BEFORE_NAME.to_owned(),
    }
}

/// The session's name and title, “Session 3: Working on each member's area”; a title that
/// already starts with the name (“Week 3: your mood”) is used as it is.
#[must_use]
pub fn heading(programme: &Programme, index: usize) -> String {
    let name = name(programme, index);
    match programme.sessions.get(index) {
        Some(session) if session.title.starts_with(&name) => session.title.clone(),
        Some(session) if number(programme, index).is_none() => {
            format!("{name}. {}", session.title)
        }
        Some(session) => format!("{name}: {}", session.title),
        None => name,
    }
}

/// Where the session is in the programme, for a slide or a status line: “session 3 of 8”, or
/// “before the group”.
#[must_use]
pub fn position(programme: &Programme, index: usize) -> String {
    match (programme.sessions.get(index), number(programme, index)) {
        (Some(session), Some(n)) => {
            format!("{} {n} of {}", session.kind.noun(), numbered(programme))
        }
        _ => "before the group".to_owned(),
    }
}

/// The session in running text, after “Part of” or “You are at”: “session 3”, “week 3”, or
/// “the one-to-one meeting before the group”.
#[must_use]
pub fn mention(programme: &Programme, index: usize) -> String {
    match (programme.sessions.get(index), number(programme, index)) {
        (Some(session), Some(n)) => format!("{} {n}", session.kind.noun()),
        _ if before_count(programme) > 1 => format!(
            "one-to-one meeting {} before the group",
            index.saturating_add(1)
        ),
        _ => "the one-to-one meeting before the group".to_owned(),
    }
}

/// Where a person is in the programme, in running text: “session 3 of 8”, “week 2 of 16”,
/// or “the one-to-one meeting before the group”.
#[must_use]
pub fn place(programme: &Programme, index: usize) -> String {
    match number(programme, index) {
        Some(_) => position(programme, index),
        None => mention(programme, index),
    }
}

/// What the command line calls the session: its number, or [`BEFORE_KEY`].
#[must_use]
pub fn key(programme: &Programme, index: usize) -> String {
    match number(programme, index) {
        Some(n) => n.to_string(),
        None if before_count(programme) > 1 => format!("{BEFORE_KEY}{}", index.saturating_add(1)),
        None => BEFORE_KEY.to_owned(),
    }
}

/// The file name of the session's handout, without `.pdf`: `group-ipt-session-3`,
/// `group-ipt-before-the-group`.
#[must_use]
pub fn file_stem(programme: &Programme, index: usize) -> String {
    match (programme.sessions.get(index), number(programme, index)) {
        (Some(session), Some(n)) => format!("{}-{}-{n}", programme.id, session.kind.noun()),
        _ => format!("{}-before-the-group", programme.id),
    }
}

/// The index of the session the command line names `key` (see [`key`]).
#[must_use]
pub fn find(programme: &Programme, key_text: &str) -> Option<usize> {
    let wanted = key_text.trim().to_lowercase();
    (0..programme.sessions.len()).find(|&index| key(programme, index) == wanted)
}

/// What the programme holds, in words: “8 sessions”, or “a one-to-one meeting before the
/// group, then 8 sessions”.
#[must_use]
pub fn count(programme: &Programme) -> String {
    let numbered = numbered(programme);
    let noun = programme.noun();
    let plural = if numbered == 1 { "" } else { "s" };
    match before_count(programme) {
        0 => format!("{numbered} {noun}{plural}"),
        1 => format!("a one-to-one meeting before the group, then {numbered} {noun}{plural}"),
        before => {
            format!("{before} one-to-one meetings before the group, then {numbered} {noun}{plural}")
        }
    }
}

/// The names the command line accepts for the programme's sessions, for an error message:
/// “before, 1 to 8”.
#[must_use]
pub fn keys(programme: &Programme) -> String {
    let numbered = numbered(programme);
    let mut parts: Vec<String> = (0..programme.sessions.len())
        .filter(|&index| number(programme, index).is_none())
        .map(|index| key(programme, index))
        .collect();
    if numbered > 0 {
        parts.push(format!("1 to {numbered}"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::workbook::Workbook;

    #[test]
    fn the_meeting_before_the_group_is_named_apart_and_sessions_count_from_1() {
        let workbook = Workbook::bundled();
        let group = workbook.programme("group-ipt").unwrap();
        assert!(group.title.contains("eight sessions"));
        assert_eq!(numbered(group), 8, "eight sessions, not 9");
        assert_eq!(
            count(group),
            "a one-to-one meeting before the group, then 8 sessions"
        );
        assert_eq!(name(group, 0), BEFORE_NAME);
        assert_eq!(position(group, 0), "before the group");
        assert_eq!(key(group, 0), "before");
        assert_eq!(file_stem(group, 0), "group-ipt-before-the-group");
        assert_eq!(name(group, 1), "Session 1");
        assert_eq!(name(group, 8), "Session 8");
        assert_eq!(position(group, 3), "session 3 of 8");
        assert_eq!(place(group, 3), "session 3 of 8");
        assert_eq!(mention(group, 3), "session 3");
        assert_eq!(place(group, 0), "the one-to-one meeting before the group");
        assert_eq!(mention(group, 0), "the one-to-one meeting before the group");
        assert_eq!(file_stem(group, 3), "group-ipt-session-3");
        assert_eq!(find(group, "3"), Some(3));
        assert_eq!(find(group, "before"), Some(0));
        assert_eq!(find(group, "9"), None);
        assert_eq!(keys(group), "before, 1 to 8");
        for index in 0..group.sessions.len() {
            let heading = heading(group, index);
            assert!(
                !heading.to_lowercase().contains("group session"),
                "{heading}"
            );
            assert_eq!(
                heading.matches("Session").count(),
                usize::from(index > 0),
                "{heading}"
            );
        }

        let workshop = workbook.programme("skills-workshop").unwrap();
        assert_eq!(count(workshop), "4 sessions");
        assert_eq!(heading(workshop, 1).matches("Session 2").count(), 1);
        let course = workbook.programme("self-guided-ipt").unwrap();
        assert_eq!(name(course, 2), "Week 3");
        assert!(heading(course, 2).starts_with("Week 3: "));
        assert!(!heading(course, 2).starts_with("Week 3: Week 3"));
    }
}
