//! Programmes: ordered sessions of a group workshop (or a learner's own course) built from the
//! workbook's worksheets.

use serde::{Deserialize, Serialize};

use crate::content::ids::is_identifier;

impl crate::format::Versioned for Programme {
    fn format(&self) -> u32 {
        self.format
    }
}

/// A programme of sessions, e.g. an eight-session IPT group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    /// Format of the definition file (see [`crate::format::PROGRAMME`]); 1 when absent.
    #[serde(default = "crate::format::first_format")]
    pub format: u32,
    /// Stable identifier, e.g. `group-ipt`.
    pub id: String,
    /// Version of this definition.
    pub version: u32,
    /// Name shown to facilitators and learners.
    pub title: String,
    /// One line saying what it is.
    #[serde(default)]
    pub summary: String,
    /// For facilitators: who it is for, the format, what running it needs.
    #[serde(default)]
    pub introduction: String,
    /// The sessions, in order.
    pub sessions: Vec<Session>,
}

/// What kind of meeting a session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionKind {
    /// A one-to-one meeting before the group starts.
    PreGroup,
    /// A group session.
    Group,
    /// A workshop session.
    Workshop,
    /// One week of a course a learner follows on their own, at home, with no facilitator: its
    /// agenda is what to read and do that week, and its notes speak to the learner.
    SelfGuided,
}

impl SessionKind {
    /// What one session of this kind is called in running text: “week” for a learner's own
    /// week, “session” otherwise (as in “week 3 of 12”, “session 3 of 8”).
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            SessionKind::SelfGuided => "week",
            SessionKind::PreGroup | SessionKind::Group | SessionKind::Workshop => "session",
        }
    }

    /// [`SessionKind::noun`] at the start of a heading: “Week” or “Session”.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            SessionKind::SelfGuided => "Week",
            SessionKind::PreGroup | SessionKind::Group | SessionKind::Workshop => "Session",
        }
    }
}

/// One session of a programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The session's title.
    pub title: String,
    /// One to one, group, workshop or a learner's own week.
    pub kind: SessionKind,
    /// Length in minutes; the agenda adds up to it.
    pub minutes: u32,
    /// What the session is for.
    #[serde(default)]
    pub goals: Vec<String>,
    /// The timed items, in order.
    pub agenda: Vec<AgendaItem>,
    /// Notes for the facilitator only.
    #[serde(default)]
    pub facilitator_notes: String,
    /// Worksheet ids to do before the next session.
    #[serde(default)]
    pub homework: Vec<String>,
}

/// What an agenda item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// Welcome and settling in.
    Welcome,
    /// Check-in and re-rating (e.g. PHQ-9).
    CheckIn,
    /// Teaching a skill or idea.
    Teaching,
    /// Working on a worksheet.
    Exercise,
    /// Rehearsing a conversation.
    RolePlay,
    /// Setting homework.
    Homework,
    /// Closing the session.
    Closing,
    /// A break.
    Break,
}

impl ItemKind {
    /// The kind's name as shown.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Welcome => "Welcome",
            ItemKind::CheckIn => "Check-in",
            ItemKind::Teaching => "Teaching",
            ItemKind::Exercise => "Exercise",
            ItemKind::RolePlay => "Role play",
            ItemKind::Homework => "Homework",
            ItemKind::Closing => "Closing",
            ItemKind::Break => "Break",
        }
    }
}

/// One timed item of a session's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The item's title.
    pub title: String,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// How long it takes.
    pub minutes: u32,
    /// What is shown to the room.
    #[serde(default)]
    pub text: String,
    /// Notes for the facilitator only.
    #[serde(default)]
    pub notes: String,
    /// Worksheet ids used in this item.
    #[serde(default)]
    pub worksheets: Vec<String>,
}

impl Programme {
    /// Everything wrong with this programme, given the worksheet ids that exist.
    #[must_use]
    pub fn validate(&self, worksheet_exists: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut errors = Vec::new();
        if !is_identifier(&self.id) {
            errors.push(format!(
                "the id “{}” must be lowercase letters, digits, “-” or “_”",
                self.id
            ));
        }
        if self.title.trim().is_empty() {
            errors.push("the title is empty".to_owned());
        }
        if self.sessions.is_empty() {
            errors.push("it has no sessions".to_owned());
        }
        for (index, session) in self.sessions.iter().enumerate() {
            let name = format!("session {} (“{}”)", index + 1, session.title);
            if session.title.trim().is_empty() {
                errors.push(format!("{name}: the title is empty"));
            }
            if session.agenda.is_empty() {
                errors.push(format!("{name}: the agenda is empty"));
            }
            let total: u32 = session.agenda.iter().map(|item| item.minutes).sum();
            if total != session.minutes {
                errors.push(format!(
                    "{name}: the agenda adds up to {total} minutes, but the session is {} minutes",
                    session.minutes
                ));
            }
            let referenced = session
                .agenda
                .iter()
                .flat_map(|item| item.worksheets.iter())
                .chain(session.homework.iter());
            for id in referenced {
                if !worksheet_exists(id) {
                    errors.push(format!("{name}: there is no worksheet “{id}”"));
                }
            }
        }
        errors
    }

    /// Whether every session is a learner's own week: a course to follow alone, not to run.
    #[must_use]
    pub fn is_self_guided(&self) -> bool {
        !self.sessions.is_empty()
            && self
                .sessions
                .iter()
                .all(|session| session.kind == SessionKind::SelfGuided)
    }

    /// What its sessions are called in running text: “week” for a course followed alone,
    /// “session” otherwise.
    #[must_use]
    pub fn noun(&self) -> &'static str {
        if self.is_self_guided() {
            SessionKind::SelfGuided.noun()
        } else {
            SessionKind::Group.noun()
        }
    }

    /// The session at `number`, counting from 1 as facilitators do.
    #[must_use]
    pub fn session(&self, number: usize) -> Option<&Session> {
        number
            .checked_sub(1)
            .and_then(|index| self.sessions.get(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme() -> Programme {
        Programme {
            format: 1,
            id: "p".into(),
            version: 1,
            title: "P".into(),
            summary: String::new(),
            introduction: String::new(),
            sessions: vec![Session {
                title: "One".into(),
                kind: SessionKind::Group,
                minutes: 30,
                goals: vec![],
                agenda: vec![
                    AgendaItem {
                        title: "Welcome".into(),
                        kind: ItemKind::Welcome,
                        minutes: 10,
                        text: String::new(),
                        notes: String::new(),
                        worksheets: vec![],
                    },
                    AgendaItem {
                        title: "Work".into(),
                        kind: ItemKind::Exercise,
                        minutes: 20,
                        text: String::new(),
                        notes: String::new(),
                        worksheets: vec!["coping-skills".into()],
                    },
                ],
                facilitator_notes: String::new(),
                homework: vec!["phq9".into()],
            }],
        }
    }

    #[test]
    fn a_consistent_programme_validates() {
        let exists = |id: &str| ["coping-skills", "phq9"].contains(&id);
        assert_eq!(programme().validate(&exists), Vec::<String>::new());
        assert_eq!(programme().session(1).unwrap().title, "One");
        assert!(programme().session(0).is_none());
        assert_eq!(programme().noun(), "session");
    }

    #[test]
    fn a_course_followed_alone_counts_weeks() {
        let mut p = programme();
        p.sessions[0].kind = SessionKind::SelfGuided;
        assert!(p.is_self_guided());
        assert_eq!(p.noun(), "week");
        assert_eq!(SessionKind::SelfGuided.heading(), "Week");
        assert_eq!(SessionKind::PreGroup.heading(), "Session");
    }

    #[test]
    fn minutes_and_worksheets_are_checked() {
        let mut p = programme();
        p.sessions[0].minutes = 45;
        p.sessions[0].homework.push("nope".into());
        let errors = p.validate(&|id: &str| id != "nope").join("; ");
        assert!(
            errors.contains("adds up to 30 minutes, but the session is 45"),
            "{errors}"
        );
        assert!(errors.contains("no worksheet “nope”"), "{errors}");
    }
}
