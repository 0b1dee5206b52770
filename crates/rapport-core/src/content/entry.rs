//! Journal entries: one filled-in worksheet, and the answers it holds.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::worksheet::{Field, Slot, Worksheet};
use crate::time::LocalTime;

/// The entry file format this version of Rapport writes (see [`crate::format::ENTRY`]).
pub const ENTRY_FORMAT: u32 = crate::format::ENTRY.current;

/// One filled-in worksheet. Stored as one RON file in the journal folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Format of this file, so that later versions of Rapport can migrate it.
    pub version: u32,
    /// Unique identifier; also the file name without `.ron`.
    pub id: String,
    /// The [`Worksheet::id`] this entry answers.
    pub worksheet: String,
    /// The [`Worksheet::version`] the answers were given to.
    pub worksheet_version: u32,
    /// When the entry was first saved.
    pub created: LocalTime,
    /// When the entry was last saved.
    pub edited: LocalTime,
    /// Answers by step id. Steps left blank are absent.
    pub answers: Answers,
}

impl crate::format::Versioned for Entry {
    fn format(&self) -> u32 {
        self.version
    }
}

/// Answers by step id.
pub type Answers = BTreeMap<String, Answer>;

/// One answer. The variant matches the kind of the step's field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Text, short or long.
    Text(String),
    /// A rating.
    Number(i64),
    /// The chosen option, or the user's own words where the field allows "other".
    Choice(String),
    /// The chosen options, including the user's own where allowed.
    Choices(Vec<String>),
    /// Items of a list.
    List(Vec<String>),
    /// A calendar date.
    Date(Date),
    /// People placed on the rings of a closeness circle.
    Placements(Vec<Placement>),
}

/// One person on a closeness circle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// Who, as the user names them.
    pub name: String,
    /// The ring, 1 being closest.
    pub ring: u8,
}

impl Answer {
    /// Overwrites the answer's text in memory before it is dropped.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            Self::Text(text) | Self::Choice(text) => text.zeroize(),
            Self::Choices(items) | Self::List(items) => items.iter_mut().for_each(Zeroize::zeroize),
            Self::Placements(people) => people.iter_mut().for_each(|p| p.name.zeroize()),
            Self::Number(number) => *number = 0,
            Self::Date(_) => {}
        }
    }

    /// Whether the answer says nothing (empty text, no choices, no items).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Text(text) | Answer::Choice(text) => text.trim().is_empty(),
            Answer::Choices(items) | Answer::List(items) => {
                items.iter().all(|item| item.trim().is_empty())
            }
            Answer::Placements(people) => people.iter().all(|p| p.name.trim().is_empty()),
            Answer::Number(_) | Answer::Date(_) => false,
        }
    }

    /// The answer as one line of plain text.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Answer::Text(text) | Answer::Choice(text) => text.clone(),
            Answer::Number(value) => value.to_string(),
            Answer::Choices(items) | Answer::List(items) => items.join("; "),
            Answer::Date(date) => date.to_string(),
            Answer::Placements(people) => people
                .iter()
                .map(|p| format!("{} (ring {})", p.name, p.ring))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Checks that this answer fits `field`.
    pub fn check(&self, field: &Field) -> Result<(), String> {
        match (field, self) {
            (Field::Text | Field::LongText, Answer::Text(_))
            | (Field::Date, Answer::Date(_))
            | (Field::List(_), Answer::List(_)) => {
                if let (Field::List(list), Answer::List(items)) = (field, self)
                    && let Some(max) = list.max
                    && items.len() > max
                {
                    return Err(format!("takes at most {max} items, not {}", items.len()));
                }
                Ok(())
            }
            (Field::Rating(scale), Answer::Number(value)) => {
                if scale.contains(*value) {
                    Ok(())
                } else {
                    Err(format!(
                        "takes a whole number from {} to {}, not {value}",
                        scale.min, scale.max
                    ))
                }
            }
            (Field::Choice(choices), Answer::Choice(value)) => {
                if choices.is_listed(value) || (choices.other && !value.trim().is_empty()) {
                    Ok(())
                } else {
                    Err(format!(
                        "takes one of: {} (not “{value}”)",
                        choices.options.join(", ")
                    ))
                }
            }
            (Field::Circle(rings), Answer::Placements(people)) => {
                match people
                    .iter()
                    .find(|p| p.ring == 0 || usize::from(p.ring) > rings.rings.len())
                {
                    Some(person) => Err(format!(
                        "puts {} on ring {}, but the rings are 1 to {}",
                        person.name,
                        person.ring,
                        rings.rings.len()
                    )),
                    None => Ok(()),
                }
            }
            (Field::MultiChoice(choices), Answer::Choices(values)) => {
                match values
                    .iter()
                    .find(|value| !choices.is_listed(value) && !choices.other)
                {
                    Some(value) => Err(format!(
                        "takes any of: {} (not “{value}”)",
                        choices.options.join(", ")
                    )),
                    None => Ok(()),
                }
            }
            _ => Err(format!("takes a {} answer", field.kind_name())),
        }
    }

    /// Reads an answer for `field` from the text a user typed on the command line.
    ///
    /// Ratings are whole numbers, dates are `YYYY-MM-DD`, and several choices or list items are
    /// separated by `;`.
    pub fn parse_for(field: &Field, text: &str) -> Result<Answer, String> {
        let split = || -> Vec<String> {
            text.split(';')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let answer = match field {
            Field::Text | Field::LongText => Answer::Text(text.to_owned()),
            Field::Rating(scale) => Answer::Number(text.trim().parse().map_err(|_| {
                format!(
                    "takes a whole number from {} to {}, not “{text}”",
                    scale.min, scale.max
                )
            })?),
            Field::Choice(choices) => Answer::Choice(choices.complete(text.trim())),
            Field::MultiChoice(choices) => {
                Answer::Choices(split().iter().map(|item| choices.complete(item)).collect())
            }
            Field::List(_) => Answer::List(split()),
            Field::Date => Answer::Date(
                text.trim()
                    .parse()
                    .map_err(|_| format!("takes a date such as 2026-11-25, not “{text}”"))?,
            ),
            Field::Circle(rings) => Answer::Placements(
                split()
                    .iter()
                    .map(|item| parse_placement(item, &rings.rings))
                    .collect::<Result<_, _>>()?,
            ),
            Field::Questionnaire(questionnaire) => {
                return Err(format!(
                    "is a questionnaire: answer its items ({}) one by one",
                    questionnaire
                        .items
                        .iter()
                        .map(|item| item.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        };
        answer.check(field)?;
        Ok(answer)
    }
}

/// Reads `NAME:RING`, where RING is a ring number or the start of a ring's name.
fn parse_placement(text: &str, rings: &[String]) -> Result<Placement, String> {
    let (name, ring) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("takes NAME:RING for each person, not “{text}”"))?;
    let ring = ring.trim();
    let number = ring.parse::<u8>().ok().or_else(|| {
        let lower = ring.to_lowercase();
        let mut matches = rings
            .iter()
            .enumerate()
            .filter(|(_, label)| label.to_lowercase().starts_with(&lower));
        match (matches.next(), matches.next()) {
            (Some((index, _)), None) => u8::try_from(index + 1).ok(),
            _ => None,
        }
    });
    let ring = number.ok_or_else(|| {
        format!(
            "has no ring “{ring}”; use 1 to {} ({})",
            rings.len(),
            rings.join(", ")
        )
    })?;
    Ok(Placement {
        name: name.trim().to_owned(),
        ring,
    })
}

/// Checks one answer against what its id answers.
pub fn check_slot(slot: Slot<'_>, answer: &Answer) -> Result<(), String> {
    match slot {
        Slot::Step(step) => answer.check(&step.field),
        Slot::Item(_, questionnaire, _) => match answer {
            Answer::Number(value) if questionnaire.accepts(*value) => Ok(()),
            _ => Err(format!(
                "takes one of: {}",
                questionnaire
                    .responses
                    .iter()
                    .map(|r| format!("{} ({})", r.value, r.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    }
}

/// Reads the answer for `slot` from command-line text.
pub fn parse_slot(slot: Slot<'_>, text: &str) -> Result<Answer, String> {
    match slot {
        Slot::Step(step) => Answer::parse_for(&step.field, text),
        Slot::Item(..) => {
            let answer = text
                .trim()
                .parse()
                .map(Answer::Number)
                .map_err(|_| format!("takes a whole number, not “{text}”"))?;
            check_slot(slot, &answer)?;
            Ok(answer)
        }
    }
}

/// Checks every answer against the worksheet: each must name a step or item and fit it.
pub fn check_answers(worksheet: &Worksheet, answers: &Answers) -> Result<(), String> {
    let mut errors = Vec::new();
    for (id, answer) in answers {
        match worksheet.slot(id) {
            None => errors.push(format!(
                "“{id}” is not a field of {} (its fields are: {})",
                worksheet.id,
                worksheet.answer_ids().join(", ")
            )),
            Some(slot) => {
                if let Err(error) = check_slot(slot, answer) {
                    errors.push(format!("“{id}” {error}"));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// Removes blank answers, so that files hold only what the user said.
#[must_use]
pub fn without_blanks(mut answers: Answers) -> Answers {
    answers.retain(|_, answer| !answer.is_blank());
    answers
}

impl Entry {
    /// Overwrites the entry's answers in memory before it is dropped.
    pub fn wipe(&mut self) {
        self.answers.values_mut().for_each(Answer::wipe);
        self.answers.clear();
    }

    /// One line that recalls what the entry was about: the first text answer, shortened.
    #[must_use]
    pub fn summary(&self, worksheet: Option<&Worksheet>) -> String {
        let first_text = worksheet
            .into_iter()
            .flat_map(|w| w.steps.iter())
            .find_map(|step| match self.answers.get(&step.id) {
                Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.as_str()),
                _ => None,
            })
            .or_else(|| {
                self.answers.values().find_map(|answer| match answer {
                    Answer::Text(text) if !text.trim().is_empty() => Some(text.as_str()),
                    _ => None,
                })
            });
        if let Some(text) = first_text {
            return shorten(text.lines().next().unwrap_or_default(), 80);
        }
        // No text answered: recall the first few answers instead, with their labels.
        let parts: Vec<String> = worksheet
            .into_iter()
            .flat_map(|w| w.steps.iter())
            .filter_map(|step| {
                let answer = self.answers.get(&step.id)?;
                Some(format!("{} {}", step.label, answer.display()))
            })
            .take(3)
            .collect();
        if parts.is_empty() {
            format!("{} answers", self.answers.len())
        } else {
            shorten(&parts.join("; "), 80)
        }
    }
}

/// Shortens `text` to at most `max` characters, ending with "…" when cut.
#[must_use]
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::worksheet::{Choices, ListItems, RatingScale};

    fn rating() -> Field {
        Field::Rating(RatingScale {
            min: 0,
            max: 10,
            low: String::new(),
            high: String::new(),
            tracked: true,
        })
    }

    #[test]
    fn ratings_must_be_on_the_scale() {
        assert_eq!(Answer::parse_for(&rating(), "7"), Ok(Answer::Number(7)));
        assert!(
            Answer::parse_for(&rating(), "11")
                .unwrap_err()
                .contains("0 to 10")
        );
        assert!(Answer::parse_for(&rating(), "seven").is_err());
    }

    #[test]
    fn choices_accept_listed_options_and_other_only_when_allowed() {
        let closed = Choices {
            options: vec!["Walk".into(), "Breathe".into()],
            other: false,
        };
        let open = Choices {
            other: true,
            ..closed.clone()
        };
        assert!(Answer::parse_for(&Field::Choice(closed.clone()), "Walk").is_ok());
        assert!(Answer::parse_for(&Field::Choice(closed.clone()), "Swim").is_err());
        assert!(Answer::parse_for(&Field::Choice(open.clone()), "Swim").is_ok());
        assert_eq!(
            Answer::parse_for(&Field::MultiChoice(closed), "Walk; Breathe"),
            Ok(Answer::Choices(vec!["Walk".into(), "Breathe".into()]))
        );
        assert!(Answer::parse_for(&Field::MultiChoice(open.clone()), "Walk;Swim").is_ok());
        // A unique, case-insensitive start of an option stands for the option.
        assert_eq!(
            Answer::parse_for(&Field::Choice(open), "bre"),
            Ok(Answer::Choice("Breathe".into()))
        );
    }

    #[test]
    fn lists_respect_their_maximum_and_dates_parse() {
        let list = Field::List(ListItems {
            item: "Person".into(),
            max: Some(2),
        });
        assert!(Answer::parse_for(&list, "a;b").is_ok());
        assert!(Answer::parse_for(&list, "a;b;c").is_err());
        assert!(Answer::parse_for(&Field::Date, "2026-02-30").is_err());
        assert!(Answer::parse_for(&Field::Date, "2026-02-28").is_ok());
    }

    #[test]
    fn a_mismatched_kind_is_refused() {
        assert!(Answer::Text("7".into()).check(&rating()).is_err());
    }

    #[test]
    fn shorten_cuts_on_characters_not_bytes() {
        assert_eq!(shorten("héllo wörld", 6), "héllo…");
        assert_eq!(shorten("short", 6), "short");
    }
}
