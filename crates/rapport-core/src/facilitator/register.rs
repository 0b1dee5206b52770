//! The facilitator's register for one run of a programme: its members (by first name or a
//! pseudonym, nothing else), who came to each session, each member's measure (the PHQ-9
//! unless the run says otherwise) per session, and who to follow up.
//!
//! A register is private: one RON file per run, `registers/RUN.ron` in the data folder
//! ([`crate::storage::layout::FileKind::Register`]), sealed when the journal is protected and
//! saved atomically under the writer lock. A file that cannot be read is never overwritten.
//!
//! Scores come from the measure's own questionnaire ([`Questionnaire::score`] and
//! [`Questionnaire::alerts`]), never from a second copy of its scoring here.
//!
//! # Follow-up flags ([`follow_ups`])
//!
//! - **An alert item answered above its threshold**: for the PHQ-9, question 9 (thoughts of
//!   being better off dead or of self-harm) above 0, at any session.
//! - **A rise of the measure's meaningful change (5 on the PHQ-9) or more**, judged two ways,
//!   as group IPT follows members: from the member's **first** score (their baseline, most
//!   often taken at the meeting before the group), and from their **previous** score (a sudden
//!   worsening week to week). Either raises the flag; the flag says which. For a measure where
//!   higher is better (WHO-5), a fall is the worsening.
//! - **Two sessions missed in a row.** A session counts as held once any member is marked as
//!   there; a member who is not marked there (and has no score for it) missed it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::entry::{Answer, Answers};
use crate::content::numbering;
use crate::content::programme::Programme;
use crate::content::questionnaire::Questionnaire;
use crate::content::workbook::Workbook;
use crate::format::{self, Versioned};
use crate::storage::atomic::Overwrite;
use crate::storage::layout::DataDir;

/// The measure a register uses unless it names another.
pub const DEFAULT_MEASURE: &str = "phq9";
/// The longest member name or run name accepted.
pub const MAX_NAME: usize = 60;
/// The largest register file read.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// One run of a programme, as the facilitator records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    /// Format of the file (see [`format::REGISTER`]).
    pub version: u32,
    /// The run's id, which names its file: lowercase letters, digits and `-`.
    pub id: String,
    /// The run's name, e.g. “Tuesday group, autumn 2026”.
    pub name: String,
    /// The programme it runs.
    pub programme: String,
    /// The worksheet whose questionnaire is the measure, e.g. `phq9`.
    #[serde(default = "default_measure")]
    pub measure: String,
    /// The day of the first group session.
    pub start: jiff::civil::Date,
    /// The members, in the order they were added.
    #[serde(default)]
    pub members: Vec<Member>,
}

fn default_measure() -> String {
    DEFAULT_MEASURE.to_owned()
}

impl Versioned for Register {
    fn format(&self) -> u32 {
        self.version
    }
}

/// One member: a display name only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// A first name or a pseudonym.
    pub name: String,
    /// The sessions they came to, by the programme's session keys (`before`, `1`, `2`, …).
    #[serde(default)]
    pub attended: BTreeSet<String>,
    /// Their measure, one per session at most.
    #[serde(default)]
    pub scores: Vec<Scored>,
    /// The facilitator's notes, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// A member's measure at one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scored {
    /// The session's key (see [`numbering::key`]).
    pub session: String,
    /// What was entered.
    pub value: Measured,
}

/// What was entered for a measure: each item's answer, or only the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measured {
    /// The answer to each item, in the questionnaire's order.
    Answers(Vec<i64>),
    /// The total only (the items were not written down).
    Total(i64),
}

/// Why a register could not be read, changed or saved. Every message speaks to the
/// facilitator and ends with the path where there is one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    /// There is no register of that id.
    #[error("There is no register “{0}”. `rapport register list` shows the registers.")]
    NotFound(String),
    /// The file is there but could not be read; it was left exactly as it is.
    #[error(
        "This register could not be read, so it was left exactly as it is and nothing was saved over it: {reason}. Path: {}",
        path.display()
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// What was asked for does not fit the register.
    #[error("{0}")]
    Invalid(String),
    /// Writing failed.
    #[error("The register could not be saved: {reason}. Path: {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

/// What a register's rules need from the workbook: its programme and its measure.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The programme the run follows.
    pub programme: &'a Programme,
    /// The measure's questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// The measure's title, e.g. “PHQ-9: mood”.
    pub measure_title: &'a str,
}

impl<'a> Context<'a> {
    /// The programme and measure of `register` in `workbook`.
    pub fn of(register: &Register, workbook: &'a Workbook) -> Result<Self, RegisterError> {
        let programme = workbook.programme(&register.programme).ok_or_else(|| {
            RegisterError::Invalid(format!(
                "The register “{}” follows the programme “{}”, which is not in your workbook. `rapport programmes` lists the programmes.",
                register.name, register.programme
            ))
        })?;
        let worksheet = workbook.get(&register.measure);
        let questionnaire = worksheet.and_then(|w| w.questionnaire()).ok_or_else(|| {
            RegisterError::Invalid(format!(
                "The register “{}” uses the measure “{}”, which is not a questionnaire in your workbook (phq9, gad7 and who5 are).",
                register.name, register.measure
            ))
        })?;
        Ok(Self {
            programme,
            questionnaire,
            measure_title: worksheet.map_or("", |w| w.title.as_str()),
        })
    }

    /// The session keys, in the programme's order (`before`, `1`, … `8`).
    #[must_use]
    pub fn session_keys(&self) -> Vec<String> {
        (0..self.programme.sessions.len())
            .map(|index| numbering::key(self.programme, index))
            .collect()
    }

    /// The index of the session the key names, or a message listing the keys.
    pub fn session_index(&self, key: &str) -> Result<usize, RegisterError> {
        numbering::find(self.programme, key).ok_or_else(|| {
            RegisterError::Invalid(format!(
                "“{}” has {}: write {}, not “{key}”.",
                self.programme.id,
                numbering::count(self.programme),
                numbering::keys(self.programme)
            ))
        })
    }

    /// The session's short name: “Before the group” or “Session 3”.
    #[must_use]
    pub fn session_label(&self, index: usize) -> String {
        match numbering::number(self.programme, index) {
            Some(_) => numbering::name(self.programme, index),
            None => "Before the group".to_owned(),
        }
    }

    /// Where something happened, in running text: “at session 3”, or “before the group”.
    #[must_use]
    pub fn session_at(&self, index: usize) -> String {
        match numbering::number(self.programme, index) {
            Some(_) => format!("at {}", numbering::mention(self.programme, index)),
            None => "before the group".to_owned(),
        }
    }

    /// The session in running text: “session 3”, or “the meeting before the group”.
    #[must_use]
    pub fn session_mention(&self, index: usize) -> String {
        match numbering::number(self.programme, index) {
            Some(_) => numbering::mention(self.programme, index),
            None => "the meeting before the group".to_owned(),
        }
    }

    /// The total of a measure, checking it against the questionnaire.
    pub fn total(&self, value: &Measured) -> Result<i64, RegisterError> {
        let questionnaire = self.questionnaire;
        match value {
            Measured::Answers(answers) => {
                if answers.len() != questionnaire.items.len() {
                    return Err(RegisterError::Invalid(format!(
                        "{} has {} questions, so give {} answers, not {}.",
                        self.short_measure(),
                        questionnaire.items.len(),
                        questionnaire.items.len(),
                        answers.len()
                    )));
                }
                if let Some((index, bad)) = answers
                    .iter()
                    .enumerate()
                    .find(|(_, value)| !questionnaire.accepts(**value))
                {
                    let allowed: Vec<String> = questionnaire
                        .responses
                        .iter()
                        .map(|r| format!("{} ({})", r.value, r.label))
                        .collect();
                    return Err(RegisterError::Invalid(format!(
                        "Question {} was answered {bad}; each answer is one of {}.",
                        index + 1,
                        allowed.join(", ")
                    )));
                }
                questionnaire
                    .score(&self.as_answers(answers))
                    .map(|score| score.total)
                    .ok_or_else(|| {
                        RegisterError::Invalid("The answers could not be scored.".to_owned())
                    })
            }
            Measured::Total(total) => {
                let (min, max) = questionnaire.range();
                if (min..=max).contains(total) {
                    Ok(*total)
                } else {
                    Err(RegisterError::Invalid(format!(
                        "A {} total is between {min} and {max}, not {total}.",
                        self.short_measure()
                    )))
                }
            }
        }
    }

    /// The measure's short name, “PHQ-9”, from its score label.
    #[must_use]
    pub fn short_measure(&self) -> String {
        let label = &self.questionnaire.scoring.label;
        label.strip_suffix(" score").unwrap_or(label).to_owned()
    }

    fn as_answers(&self, answers: &[i64]) -> Answers {
        self.questionnaire
            .items
            .iter()
            .zip(answers)
            .map(|(item, value)| (item.id.clone(), Answer::Number(*value)))
            .collect()
    }
}

/// Why a member should be followed up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// An item with an alert threshold (PHQ-9 question 9) was answered above it.
    AlertItem {
        /// The session's index in the programme.
        session: usize,
        /// The question's number, from 1.
        question: usize,
        /// The answer given.
        answer: i64,
        /// The threshold it is above.
        above: i64,
    },
    /// The total worsened by the meaningful change or more.
    Worsened {
        /// The session's index.
        session: usize,
        /// The total then.
        total: i64,
        /// The total it is compared with.
        from: i64,
        /// Where that total was taken.
        from_session: usize,
        /// Whether `from` is the member's first score (else their previous one).
        from_first: bool,
    },
    /// Two or more held sessions in a row missed.
    Missed {
        /// The first of the sessions missed in a row.
        first: usize,
        /// The last.
        last: usize,
        /// How many held sessions in a row, from `first` to `last`.
        count: usize,
    },
}

impl FollowUp {
    /// The flag in words, e.g. “Follow up: answered question 9 above 0 (2) at session 3”.
    #[must_use]
    pub fn describe(&self, cx: &Context<'_>) -> String {
        let measure = cx.short_measure();
        match *self {
            FollowUp::AlertItem {
                session,
                question,
                answer,
                above,
            } => format!(
                "Follow up: answered question {question} above {above} ({answer}) {}",
                cx.session_at(session)
            ),
            FollowUp::Worsened {
                session,
                total,
                from,
                from_session,
                from_first,
            } => {
                let since = if from_first { "first" } else { "previous" };
                let verb = if cx.questionnaire.scoring.higher_is_better {
                    "fell"
                } else {
                    "rose"
                };
                format!(
                    "Follow up: {measure} {verb} by {} since the {since} score: {from} {}, {total} {}",
                    (total - from).abs(),
                    cx.session_at(from_session),
                    cx.session_at(session)
                )
            }
            FollowUp::Missed {
                first,
                last,
                count: 2,
            } => format!(
                "Follow up: missed two sessions in a row, {} and {}",
                cx.session_mention(first),
                cx.session_mention(last)
            ),
            FollowUp::Missed { first, last, count } => format!(
                "Follow up: missed {count} sessions in a row, from {} to {}",
                cx.session_mention(first),
                cx.session_mention(last)
            ),
        }
    }

    /// The session the flag was raised at.
    #[must_use]
    pub fn session(&self) -> usize {
        match *self {
            FollowUp::AlertItem { session, .. } | FollowUp::Worsened { session, .. } => session,
            FollowUp::Missed { last, .. } => last,
        }
    }
}

impl Register {
    /// A new, empty register.
    #[must_use]
    pub fn new(id: &str, name: &str, programme: &str, start: jiff::civil::Date) -> Self {
        Self {
            version: format::REGISTER.current,
            id: id.to_owned(),
            name: name.trim().to_owned(),
            programme: programme.to_owned(),
            measure: DEFAULT_MEASURE.to_owned(),
            start,
            members: Vec::new(),
        }
    }

    /// The member named `name` (ignoring case and surrounding spaces).
    #[must_use]
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| same_name(&m.name, name))
    }

    fn member_mut(&mut self, name: &str) -> Result<&mut Member, RegisterError> {
        let known: Vec<String> = self.members.iter().map(|m| m.name.clone()).collect();
        self.members
            .iter_mut()
            .find(|m| same_name(&m.name, name))
            .ok_or_else(|| {
                RegisterError::Invalid(if known.is_empty() {
                    format!("There is no member “{name}” yet: add them first.")
                } else {
                    format!(
                        "There is no member “{name}”. The members are {}.",
                        known.join(", ")
                    )
                })
            })
    }

    /// Adds a member by a first name or a pseudonym.
    pub fn add_member(&mut self, name: &str) -> Result<(), RegisterError> {
        let name = check_name(name, "A member")?;
        if self.member(&name).is_some() {
            return Err(RegisterError::Invalid(format!(
                "There is already a member called “{name}”. Give a different name or an initial, e.g. “{name} B”."
            )));
        }
        self.members.push(Member {
            name,
            attended: BTreeSet::new(),
            scores: Vec::new(),
            notes: String::new(),
        });
        Ok(())
    }

    /// Marks whether `member` came to the session `key`.
    pub fn set_attendance(
        &mut self,
        cx: &Context<'_>,
        member: &str,
        key: &str,
        present: bool,
    ) -> Result<(), RegisterError> {
        let key = numbering::key(cx.programme, cx.session_index(key)?);
        let member = self.member_mut(member)?;
        if present {
            member.attended.insert(key);
        } else {
            member.attended.remove(&key);
        }
        Ok(())
    }

    /// Records `member`'s measure at session `key`, replacing one recorded there before.
    /// Returns the total.
    pub fn set_score(
        &mut self,
        cx: &Context<'_>,
        member: &str,
        key: &str,
        value: Measured,
    ) -> Result<i64, RegisterError> {
        let key = numbering::key(cx.programme, cx.session_index(key)?);
        let total = cx.total(&value)?;
        let member = self.member_mut(member)?;
        member.scores.retain(|s| s.session != key);
        member.scores.push(Scored {
            session: key,
            value,
        });
        Ok(total)
    }

    /// Removes `member`'s measure at session `key`, if one is recorded.
    pub fn clear_score(
        &mut self,
        cx: &Context<'_>,
        member: &str,
        key: &str,
    ) -> Result<(), RegisterError> {
        let key = numbering::key(cx.programme, cx.session_index(key)?);
        self.member_mut(member)?.scores.retain(|s| s.session != key);
        Ok(())
    }

    /// Every problem with the register, in words; empty when it is usable.
    #[must_use]
    pub fn problems(&self, cx: &Context<'_>) -> Vec<String> {
        let mut problems = Vec::new();
        if !is_run_id(&self.id) {
            problems.push(format!(
                "its id “{}” cannot name a file (lowercase letters, digits and - only)",
                self.id
            ));
        }
        if let Err(error) = check_name(&self.name, "The run") {
            problems.push(error.to_string());
        }
        let keys = cx.session_keys();
        let mut seen: Vec<&str> = Vec::new();
        for member in &self.members {
            if let Err(error) = check_name(&member.name, "A member") {
                problems.push(error.to_string());
            }
            if seen.iter().any(|other| same_name(other, &member.name)) {
                problems.push(format!("the member “{}” is listed twice", member.name));
            }
            seen.push(&member.name);
            for key in &member.attended {
                if !keys.contains(key) {
                    problems.push(format!(
                        "“{}” is marked at a session “{key}” the programme does not have",
                        member.name
                    ));
                }
            }
            let mut sessions = BTreeSet::new();
            for scored in &member.scores {
                if !keys.contains(&scored.session) {
                    problems.push(format!(
                        "“{}” has a score at a session “{}” the programme does not have",
                        member.name, scored.session
                    ));
                }
                if !sessions.insert(&scored.session) {
                    problems.push(format!(
                        "“{}” has two scores at session “{}”",
                        member.name, scored.session
                    ));
                }
                if let Err(error) = cx.total(&scored.value) {
                    problems.push(format!("“{}”, {}: {error}", member.name, scored.session));
                }
            }
        }
        problems
    }

    /// The sessions held so far: those at which any member is marked there.
    #[must_use]
    pub fn held(&self, cx: &Context<'_>) -> Vec<bool> {
        cx.session_keys()
            .iter()
            .map(|key| self.members.iter().any(|m| m.attended.contains(key)))
            .collect()
    }
}

impl Member {
    /// The member's totals by session index, in session order (unreadable scores left out).
    #[must_use]
    pub fn totals(&self, cx: &Context<'_>) -> Vec<(usize, i64)> {
        let mut totals: Vec<(usize, i64)> = self
            .scores
            .iter()
            .filter_map(|s| {
                let index = numbering::find(cx.programme, &s.session)?;
                Some((index, cx.total(&s.value).ok()?))
            })
            .collect();
        totals.sort_by_key(|(index, _)| *index);
        totals
    }

    /// What was entered at the session at `index`, if anything.
    #[must_use]
    pub fn score_at(&self, cx: &Context<'_>, index: usize) -> Option<&Measured> {
        let key = numbering::key(cx.programme, index);
        self.scores
            .iter()
            .find(|s| s.session == key)
            .map(|s| &s.value)
    }

    /// Whether the member is marked as there at the session at `index`.
    #[must_use]
    pub fn came(&self, cx: &Context<'_>, index: usize) -> bool {
        self.attended.contains(&numbering::key(cx.programme, index))
    }
}

/// Why `member` should be followed up, in session order. The one place the flags are worked
/// out (see the module's documentation for the rules).
#[must_use]
pub fn follow_ups(register: &Register, member: &Member, cx: &Context<'_>) -> Vec<FollowUp> {
    let questionnaire = cx.questionnaire;
    let mut flags = Vec::new();
    // An alert item above its threshold, from the questionnaire's own alerts.
    let mut scored: Vec<(usize, &Measured)> = member
        .scores
        .iter()
        .filter_map(|s| Some((numbering::find(cx.programme, &s.session)?, &s.value)))
        .collect();
    scored.sort_by_key(|(index, _)| *index);
    for (session, value) in &scored {
        if let Measured::Answers(answers) = value
            && answers.len() == questionnaire.items.len()
        {
            let given = cx.as_answers(answers);
            for item in questionnaire.alerts(&given) {
                let question = questionnaire
                    .items
                    .iter()
                    .position(|i| i.id == item.id)
                    .map_or(0, |p| p + 1);
                let answer = answers
                    .get(question.saturating_sub(1))
                    .copied()
                    .unwrap_or(0);
                flags.push(FollowUp::AlertItem {
                    session: *session,
                    question,
                    answer,
                    above: item.alert_above.unwrap_or(0),
                });
            }
        }
    }
    // A worsening by the meaningful change, from the first and from the previous score.
    let change = questionnaire.scoring.meaningful_change.unwrap_or(5).max(1);
    let worse = |from: i64, to: i64| {
        if questionnaire.scoring.higher_is_better {
            from - to
        } else {
            to - from
        }
    };
    let totals = member.totals(cx);
    if let Some(&(first_session, first)) = totals.first() {
        for pair in totals.windows(2) {
            let ((previous_session, previous), (session, total)) = (pair[0], pair[1]);
            if worse(first, total) >= change {
                flags.push(FollowUp::Worsened {
                    session,
                    total,
                    from: first,
                    from_session: first_session,
                    from_first: true,
                });
            } else if worse(previous, total) >= change {
                flags.push(FollowUp::Worsened {
                    session,
                    total,
                    from: previous,
                    from_session: previous_session,
                    from_first: false,
                });
            }
        }
    }
    // Held sessions missed in a row, two or more (a score at a session counts as being
    // there): one flag per run of them.
    let held = register.held(cx);
    let mut run: Vec<usize> = Vec::new();
    let close = |run: &mut Vec<usize>, flags: &mut Vec<FollowUp>| {
        if let (Some(&first), Some(&last), true) = (run.first(), run.last(), run.len() >= 2) {
            flags.push(FollowUp::Missed {
                first,
                last,
                count: run.len(),
            });
        }
        run.clear();
    };
    for (index, _) in held.iter().enumerate().filter(|(_, held)| **held) {
        if member.came(cx, index) || member.score_at(cx, index).is_some() {
            close(&mut run, &mut flags);
        } else {
            run.push(index);
        }
    }
    close(&mut run, &mut flags);
    flags.sort_by_key(FollowUp::session);
    flags
}

/// Whether two member names are the same, ignoring case and surrounding spaces.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A name, trimmed, if it is usable: not empty, not too long, no control characters.
fn check_name(name: &str, what: &str) -> Result<String, RegisterError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(RegisterError::Invalid(format!("{what} needs a name.")));
    }
    if trimmed.chars().count() > MAX_NAME {
        return Err(RegisterError::Invalid(format!(
            "{what}'s name is {} characters long; keep it to {MAX_NAME} (a first name or a pseudonym is enough).",
            trimmed.chars().count()
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(RegisterError::Invalid(format!(
            "{what}'s name holds a control character (a tab, a line break or an escape); write it on one line."
        )));
    }
    Ok(trimmed.to_owned())
}

/// Whether `id` can be a register's id, and so its file name.
#[must_use]
pub fn is_run_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id for a new run starting on `start`, not taken by any of `taken`: `run-2026-11-03`,
/// then `run-2026-11-03-2`, …. It names the register's file, which is not sealed, so it holds
/// only the date: never the run's name, which may say who the group is for.
#[must_use]
pub fn new_id(start: jiff::civil::Date, taken: &[String]) -> String {
    let base = format!("run-{start}");
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The register's file.
#[must_use]
pub fn path(data_dir: &DataDir, id: &str) -> PathBuf {
    data_dir.register(id)
}

/// The ids of the registers in the data folder, sorted.
#[must_use]
pub fn ids(data_dir: &DataDir) -> Vec<String> {
    let mut ids: Vec<String> = data_dir
        .files_of(crate::storage::layout::FileKind::Register)
        .iter()
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_owned))
        .filter(|id| is_run_id(id))
        .collect();
    ids.sort();
    ids
}

/// Reads the register `id`.
pub fn load(data_dir: &DataDir, id: &str) -> Result<Register, RegisterError> {
    if !is_run_id(id) {
        return Err(RegisterError::NotFound(id.to_owned()));
    }
    let path = path(data_dir, id);
    if !path.exists() {
        return Err(RegisterError::NotFound(id.to_owned()));
    }
    read(data_dir, &path)
}

/// Reads the register file at `path`.
pub fn read(data_dir: &DataDir, path: &Path) -> Result<Register, RegisterError> {
    let unreadable = |reason: String| RegisterError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let text = data_dir
        .read_private(path, MAX_BYTES)
        .map_err(|error| unreadable(format!("the file {error}")))?;
    let register: Register = format::REGISTER
        .parse(&text)
        .map_err(|error| unreadable(error.to_string()))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if register.id != stem {
        return Err(unreadable(format!(
            "it names itself “{}” but its file is “{stem}.ron”",
            register.id
        )));
    }
    Ok(register)
}

/// Saves `register` atomically (sealed when the journal is protected), under the writer lock.
/// A file already there that cannot be read is never replaced: the save is refused.
pub fn save(data_dir: &DataDir, register: &Register) -> Result<PathBuf, RegisterError> {
    let path = path(data_dir, &register.id);
    let failed = |reason: String| RegisterError::Write {
        path: path.clone(),
        reason,
    };
    if !is_run_id(&register.id) {
        return Err(RegisterError::Invalid(format!(
            "The register's id “{}” cannot name a file.",
            register.id
        )));
    }
    let _lock = crate::storage::writer_lock::WriterLock::acquire(data_dir)
        .map_err(|error| failed(error.to_string()))?;
    save_locked(data_dir, register)
}

/// As [`save`], for a caller that holds the writer lock.
fn save_locked(data_dir: &DataDir, register: &Register) -> Result<PathBuf, RegisterError> {
    let path = path(data_dir, &register.id);
    if path.exists() {
        read(data_dir, &path)?;
    }
    let text = zeroize::Zeroizing::new(
        ron::ser::to_string_pretty(register, crate::ron_format::pretty()).map_err(|error| {
            RegisterError::Write {
                path: path.clone(),
                reason: error.to_string(),
            }
        })? + "\n",
    );
    crate::storage::atomic::create_private_dir_all(&data_dir.registers())
        .and_then(|()| data_dir.write_private(&path, &text, Overwrite::Replace))
        .map_err(|error| RegisterError::Write {
            path: path.clone(),
            reason: error.to_string(),
        })?;
    Ok(path)
}

/// Reads the register `id` again under the writer lock, applies `change`, checks the result
/// and saves it: another window's or command's change made meanwhile is kept.
pub fn change<T>(
    data_dir: &DataDir,
    workbook: &Workbook,
    id: &str,
    change: impl FnOnce(&mut Register, &Context<'_>) -> Result<T, RegisterError>,
) -> Result<(Register, T), RegisterError> {
    let _lock = crate::storage::writer_lock::WriterLock::acquire(data_dir).map_err(|error| {
        RegisterError::Write {
            path: path(data_dir, id),
            reason: error.to_string(),
        }
    })?;
    let mut register = load(data_dir, id)?;
    let cx = Context::of(&register, workbook)?;
    let result = change(&mut register, &cx)?;
    if let Some(problem) = register.problems(&cx).into_iter().next() {
        return Err(RegisterError::Invalid(format!(
            "Nothing was saved: {problem}."
        )));
    }
    save_locked(data_dir, &register)?;
    Ok((register, result))
}

/// The register as a table, one row per member and session: for CSV.
#[must_use]
pub fn table(register: &Register, cx: &Context<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let measure = cx.short_measure();
    let mut header: Vec<String> = ["member", "session", "there", &format!("{measure} total")]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend((1..=cx.questionnaire.items.len()).map(|n| format!("q{n}")));
    header.push("follow up".to_owned());
    let held = register.held(cx);
    let mut rows = Vec::new();
    for member in &register.members {
        let flags = follow_ups(register, member, cx);
        for (index, held) in held.iter().enumerate() {
            let score = member.score_at(cx, index);
            if !held && score.is_none() {
                continue;
            }
            let there = if member.came(cx, index) { "yes" } else { "no" };
            let mut row = vec![
                member.name.clone(),
                cx.session_label(index),
                there.to_owned(),
                score
                    .and_then(|value| cx.total(value).ok())
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ];
            let answers: Vec<String> = match score {
                Some(Measured::Answers(answers)) => {
                    answers.iter().map(ToString::to_string).collect()
                }
                _ => vec![String::new(); cx.questionnaire.items.len()],
            };
            row.extend(answers);
            row.push(
                flags
                    .iter()
                    .filter(|flag| flag.session() == index)
                    .map(|flag| flag.describe(cx))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            rows.push(row);
        }
    }
    (header, rows)
}

/// The register as CSV (every cell through [`crate::csv::cell`], safe in a spreadsheet).
#[must_use]
pub fn csv(register: &Register, cx: &Context<'_>) -> String {
    let (header, rows) = table(register, cx);
    crate::csv::to_csv(&header, &rows)
}

/// The median of each session's totals, for the group chart: `(session index, median, n)`.
#[must_use]
pub fn medians(register: &Register, cx: &Context<'_>) -> Vec<(usize, f64, usize)> {
    (0..cx.programme.sessions.len())
        .filter_map(|index| {
            let mut values: Vec<i64> = register
                .members
                .iter()
                .filter_map(|m| m.score_at(cx, index))
                .filter_map(|value| cx.total(value).ok())
                .collect();
            if values.is_empty() {
                return None;
            }
            values.sort_unstable();
            let n = values.len();
            let median = if n % 2 == 1 {
                values[n / 2] as f64
            } else {
                (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
            };
            Some((index, median, n))
        })
        .collect()
}

/// The problems with the registers in the data folder, for `check` and the Problems list: a
/// file that cannot be read, or one that does not fit its programme and measure.
#[must_use]
pub fn problems_in(
    data_dir: &crate::storage::layout::DataDir,
    workbook: &crate::content::workbook::Workbook,
) -> Vec<crate::problem::Problem> {
    ids(data_dir)
        .into_iter()
        .flat_map(|id| {
            let path = path(data_dir, &id);
            let found = match load(data_dir, &id) {
                Ok(found) => found,
                Err(error) => return vec![crate::problem::Problem::new(&path, error.to_string())],
            };
            let cx = match Context::of(&found, workbook) {
                Ok(cx) => cx,
                Err(error) => return vec![crate::problem::Problem::new(&path, error.to_string())],
            };
            found
                .problems(&cx)
                .into_iter()
                .map(|problem| {
                    crate::problem::Problem::new(&path, format!("In this register, {problem}"))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The day of the session at `index`: group sessions weekly from the run's start, a meeting
/// before the group a week before it (for the charts' time axis).
#[must_use]
pub fn session_date(register: &Register, cx: &Context<'_>, index: usize) -> jiff::civil::Date {
    let weeks =
        numbering::number(cx.programme, index).map_or(-1, |n| i64::try_from(n).unwrap_or(1) - 1);
    register
        .start
        .checked_add(jiff::Span::new().days(weeks * 7))
        .unwrap_or(register.start)
}

/// A series of `points` (session index, value) named `label`, on the measure's scale.
fn series_of(
    register: &Register,
    cx: &Context<'_>,
    label: &str,
    points: impl IntoIterator<Item = (usize, i64)>,
) -> crate::insight::progress::Series {
    let (min, max) = cx.questionnaire.range();
    let noon = |index: usize| {
        let day = session_date(register, cx, index);
        let instant = jiff::tz::Offset::UTC
            .to_timestamp(day.at(12, 0, 0, 0))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        crate::time::LocalTime::with_offset(instant, jiff::tz::Offset::UTC)
    };
    crate::insight::progress::Series {
        step_id: label.to_owned(),
        label: label.to_owned(),
        min,
        max,
        bands: cx.questionnaire.scoring.bands.clone(),
        higher_is_better: cx.questionnaire.scoring.higher_is_better,
        points: points
            .into_iter()
            .map(|(index, value)| crate::insight::progress::Point {
                when: noon(index),
                value,
            })
            .collect(),
    }
}

/// One member's measure over the run's sessions, on the measure's bands.
#[must_use]
pub fn member_chart(
    register: &Register,
    member: &Member,
    cx: &Context<'_>,
) -> crate::insight::chart::TrendChart {
    let mut chart = crate::insight::chart::TrendChart::new(
        format!("{}: {}", member.name, cx.short_measure()),
        vec![series_of(register, cx, &member.name, member.totals(cx))],
    );
    chart.empty_message = format!("No {} scores for {} yet.", cx.short_measure(), member.name);
    chart
}

/// The group: per numbered session, the median and the middle half of the members' scores,
/// and how many were scored (the Group screen's chart, so a session with fewer than three
/// scores shows only its count). The meeting before the group is in each member's chart.
#[must_use]
pub fn group_chart(register: &Register, cx: &Context<'_>) -> crate::insight::chart::GroupChart {
    let weeks = (0..cx.programme.sessions.len())
        .filter_map(|index| {
            let week = numbering::number(cx.programme, index)?;
            let values: Vec<i64> = register
                .members
                .iter()
                .filter_map(|m| m.score_at(cx, index))
                .filter_map(|value| cx.total(value).ok())
                .collect();
            let spread = crate::insight::spread::spread(&values)?;
            Some(crate::insight::spread::WeekRow {
                series: register.measure.clone(),
                label: cx.short_measure(),
                week: i64::try_from(week).unwrap_or(0),
                spread,
            })
        })
        .collect();
    crate::insight::chart::GroupChart {
        title: format!("{}: {} by session", register.name, cx.short_measure()),
        range: cx.questionnaire.range(),
        weeks,
        last_week: i64::try_from(numbering::numbered(cx.programme)).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook() -> Workbook {
        Workbook::load(None)
    }

    fn start() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 3)
    }

    fn with_members(names: &[&str]) -> Register {
        let mut register =
            Register::new("tuesday-2026-11-03", "Tuesday group", "group-ipt", start());
        for name in names {
            register.add_member(name).unwrap();
        }
        register
    }

    fn answers(q9: i64, rest: i64) -> Measured {
        let mut values = vec![rest; 8];
        values.push(q9);
        Measured::Answers(values)
    }

    #[test]
    fn question_9_above_0_a_rise_of_5_and_two_missed_sessions_are_flagged() {
        let workbook = workbook();
        let mut register = with_members(&["River", "Sam", "Ash"]);
        let cx = Context::of(&register, &workbook).unwrap();
        // Everyone came before the group and to session 1; Ash missed 2 and 3.
        for key in ["before", "1", "2", "3"] {
            for name in ["River", "Sam", "Ash"] {
                if !(name == "Ash" && (key == "2" || key == "3")) {
                    register.set_attendance(&cx, name, key, true).unwrap();
                }
            }
        }
        // River: baseline 9, then 13 (rise of 4: no flag), then 18 (rise of 9 from baseline).
        register
            .set_score(&cx, "River", "before", Measured::Total(9))
            .unwrap();
        register
            .set_score(&cx, "River", "1", Measured::Total(13))
            .unwrap();
        assert_eq!(
            register
                .set_score(&cx, "River", "2", answers(0, 2))
                .unwrap(),
            16
        );
        // Sam: question 9 answered 1 at session 1; a baseline of 20 then a drop to 10, then
        // back up to 15 (a rise of 5 since the previous score, not since the first).
        register
            .set_score(&cx, "Sam", "before", Measured::Total(20))
            .unwrap();
        register.set_score(&cx, "Sam", "1", answers(1, 1)).unwrap();
        register
            .set_score(&cx, "Sam", "2", Measured::Total(10))
            .unwrap();
        register
            .set_score(&cx, "Sam", "3", Measured::Total(15))
            .unwrap();

        let said = |register: &Register, name: &str| -> Vec<String> {
            let member = register.member(name).unwrap();
            follow_ups(register, member, &cx)
                .iter()
                .map(|flag| flag.describe(&cx))
                .collect()
        };
        assert_eq!(
            said(&register, "River"),
            [
                "Follow up: PHQ-9 rose by 7 since the first score: 9 before the group, 16 at session 2"
            ]
        );
        assert_eq!(
            said(&register, "Sam"),
            [
                "Follow up: answered question 9 above 0 (1) at session 1",
                "Follow up: PHQ-9 rose by 5 since the previous score: 10 at session 2, 15 at session 3",
            ]
        );
        assert_eq!(
            said(&register, "Ash"),
            ["Follow up: missed two sessions in a row, session 2 and session 3"]
        );
        // A rise of 4 is not flagged, and a session no one has come to yet is not missed.
        register
            .set_score(&cx, "River", "2", Measured::Total(13))
            .unwrap();
        assert!(said(&register, "River").is_empty());
        let sessions_missed_by_all_later = register.held(&cx);
        assert_eq!(sessions_missed_by_all_later[4..], [false; 5]);
    }

    #[test]
    fn answers_and_names_are_checked_with_clear_messages() {
        let workbook = workbook();
        let mut register = with_members(&["River"]);
        let cx = Context::of(&register, &workbook).unwrap();
        let error = |result: Result<i64, RegisterError>| result.unwrap_err().to_string();
        assert_eq!(
            error(register.set_score(&cx, "River", "1", Measured::Answers(vec![1, 2, 3]))),
            "PHQ-9 has 9 questions, so give 9 answers, not 3."
        );
        assert!(
            error(register.set_score(
                &cx,
                "River",
                "1",
                Measured::Answers(vec![0, 0, 0, 0, 4, 0, 0, 0, 0])
            ))
            .starts_with("Question 5 was answered 4; each answer is one of 0 (Not at all)")
        );
        assert_eq!(
            error(register.set_score(&cx, "River", "1", Measured::Total(28))),
            "A PHQ-9 total is between 0 and 27, not 28."
        );
        assert!(
            error(register.set_score(&cx, "River", "9", Measured::Total(3)))
                .contains("write before, 1 to 8")
        );
        assert_eq!(
            error(register.set_score(&cx, "Kim", "1", Measured::Total(3))),
            "There is no member “Kim”. The members are River."
        );
        assert!(
            register
                .add_member(" river ")
                .unwrap_err()
                .to_string()
                .contains("already a member")
        );
        assert!(register.add_member("  ").is_err());
        assert!(register.add_member("Evil\u{1b}[2J").is_err());
        assert_eq!(register.problems(&cx), Vec::<String>::new());
    }

    #[test]
    fn a_register_round_trips_and_an_unreadable_one_is_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let workbook = workbook();
        let mut register = with_members(&["River"]);
        let cx = Context::of(&register, &workbook).unwrap();
        register.set_attendance(&cx, "River", "1", true).unwrap();
        register
            .set_score(&cx, "River", "1", answers(0, 1))
            .unwrap();
        save(&data, &register).unwrap();
        assert_eq!(load(&data, &register.id).unwrap(), register);
        assert_eq!(ids(&data), [register.id.clone()]);

        let file = path(&data, &register.id);
        std::fs::write(&file, "(version: 1, id: \"tuesday").unwrap();
        let error = load(&data, &register.id).unwrap_err().to_string();
        assert!(
            error.starts_with("This register could not be read, so it was left exactly as it is"),
            "{error}"
        );
        assert!(save(&data, &register).is_err());
        let changed = change(&data, &workbook, &register.id, |r, _| r.add_member("Sam"));
        assert!(changed.is_err());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "(version: 1, id: \"tuesday"
        );

        std::fs::write(&file, "(version: 9, id: \"tuesday-2026-11-03\")").unwrap();
        let error = load(&data, &register.id).unwrap_err().to_string();
        assert!(
            error.contains("came from a newer version of Rapport (format 9"),
            "{error}"
        );
    }

    #[test]
    fn a_backup_keeps_the_registers_and_a_restore_puts_back_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut register = with_members(&["River"]);
        let cx_workbook = workbook();
        let cx = Context::of(&register, &cx_workbook).unwrap();
        register
            .set_score(&cx, "River", "before", Measured::Total(12))
            .unwrap();
        save(&data, &register).unwrap();
        let journal = crate::storage::journal::Journal::open(data.clone()).unwrap();
        // A facilitator with no entries of their own still gets a daily backup.
        let now = crate::time::LocalTime::now();
        let backup = crate::storage::archive::back_up_daily(&journal, now)
            .unwrap()
            .unwrap();
        let (archive, _) = crate::storage::archive::read_archive(&backup, data.sealing()).unwrap();
        assert_eq!(archive.registers.len(), 1);
        assert_eq!(archive.registers[0].name, register.id);

        std::fs::remove_file(path(&data, &register.id)).unwrap();
        crate::storage::archive::restore(&data, &backup, now).unwrap();
        assert_eq!(load(&data, &register.id).unwrap(), register);
    }

    #[test]
    fn new_ids_are_file_names_and_never_taken() {
        let day = start();
        assert_eq!(new_id(day, &[]), "run-2026-11-03");
        let taken = ["run-2026-11-03".to_owned(), "run-2026-11-03-2".to_owned()];
        assert_eq!(new_id(day, &taken), "run-2026-11-03-3");
        assert!(is_run_id(&new_id(day, &taken)));
    }
}
