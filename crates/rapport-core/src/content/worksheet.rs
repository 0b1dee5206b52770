//! Worksheet definitions: what a worksheet asks, and the rules a definition must follow.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::content::ids::is_identifier;
use crate::content::questionnaire::Questionnaire;

/// A group of worksheets in the sidebar, with a short introduction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable identifier that worksheets refer to.
    pub id: String,
    /// Name shown in the sidebar.
    pub title: String,
    /// A screen of plain words about what the section is for.
    #[serde(default)]
    pub introduction: String,
}

impl crate::format::Versioned for Worksheet {
    fn format(&self) -> u32 {
        self.format
    }
}

/// The most steps a rating may span (0–100 is the widest in use, e.g. WHO-5's percentage).
pub const MAX_RATING_STEPS: i64 = 100;
/// The most options a choice may offer.
pub const MAX_OPTIONS: usize = 60;
/// The most steps a worksheet may have.
pub const MAX_STEPS: usize = 200;

/// One worksheet: an introduction and a series of steps, each asking one thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worksheet {
    /// Format of the definition file (see [`crate::format::WORKSHEET`]); 1 when absent.
    #[serde(default = "crate::format::first_format")]
    pub format: u32,
    /// Stable identifier, used by entries and on the command line (e.g. `coping-skills`).
    pub id: String,
    /// Version of this definition; raise it when steps change meaning.
    pub version: u32,
    /// Name shown to the user.
    pub title: String,
    /// The [`Section::id`] this worksheet belongs to.
    pub section: String,
    /// Position within the section; lower comes first, then by title.
    #[serde(default)]
    pub order: i32,
    /// One line saying what the worksheet is for, shown in lists.
    #[serde(default)]
    pub summary: String,
    /// A few plain paragraphs shown above the steps.
    pub introduction: String,
    /// The questions, in order.
    pub steps: Vec<Step>,
    /// The id of a date step that says when the entry's events happened; Progress places the
    /// entry on that date rather than on the day it was written (e.g. a timeline of life events).
    #[serde(default)]
    pub dated_by: Option<String>,
    /// When professional help is the right step, said plainly; shown under the introduction.
    #[serde(default)]
    pub professional_help: Option<String>,
}

/// Where an answer id points: a step's own field, or an item of a questionnaire step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The answer of a step.
    Step(&'a Step),
    /// The answer of one questionnaire item.
    Item(
        &'a Step,
        &'a Questionnaire,
        &'a crate::content::questionnaire::Item,
    ),
}

/// One question of a worksheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Identifier of the answer, unique within the worksheet (e.g. `intensity_before`).
    pub id: String,
    /// Short name for lists, charts and exports (e.g. "Intensity before").
    pub label: String,
    /// The question as the user reads it.
    pub prompt: String,
    /// Optional guidance shown under the prompt.
    #[serde(default)]
    pub help: Option<String>,
    /// What kind of answer the step takes.
    pub field: Field,
    /// A tool the app shows with the step, e.g. the breathing pacer.
    #[serde(default)]
    pub aid: Option<Aid>,
}

/// A tool shown with a step, beside its question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Aid {
    /// A calm animation of breathing in and out at a chosen pace, with a timer.
    BreathingPacer,
}

/// The kind of answer a step takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// One line of text.
    Text,
    /// Several paragraphs of text.
    LongText,
    /// A whole number on a scale with labelled ends.
    Rating(RatingScale),
    /// One option from a list.
    Choice(Choices),
    /// Any number of options from a list.
    MultiChoice(Choices),
    /// A list of short items the user adds and removes.
    List(ListItems),
    /// A calendar date.
    Date,
    /// A validated questionnaire: several items sharing response options, and a score.
    Questionnaire(Questionnaire),
    /// People placed on rings around "me", from closest (ring 1) outwards.
    Circle(Rings),
}

/// The rings of a closeness circle, innermost first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rings {
    /// What each ring means, e.g. "Closest", "Close", "Further out".
    pub rings: Vec<String>,
}

/// A rating scale, e.g. 0 ("calm") to 10 ("overwhelmed").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingScale {
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// What the lowest value means.
    #[serde(default)]
    pub low: String,
    /// What the highest value means.
    #[serde(default)]
    pub high: String,
    /// Whether the rating is charted in Progress.
    #[serde(default)]
    pub tracked: bool,
}

impl RatingScale {
    /// Whether `value` lies on the scale.
    #[must_use]
    pub fn contains(&self, value: i64) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// The options of a choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// The options, as shown.
    pub options: Vec<String>,
    /// Whether the user may write an option of their own.
    #[serde(default)]
    pub other: bool,
}

impl Choices {
    /// Whether `value` is one of the listed options.
    #[must_use]
    pub fn is_listed(&self, value: &str) -> bool {
        self.options.iter().any(|option| option == value)
    }

    /// The option `typed` stands for: itself if listed, else the one option it starts
    /// (ignoring case), else `typed` unchanged. Lets command-line users type "paced breathing"
    /// for "Paced breathing (breathing out more slowly than in)".
    #[must_use]
    pub fn complete(&self, typed: &str) -> String {
        if self.is_listed(typed) || typed.is_empty() {
            return typed.to_owned();
        }
        let typed_lower = typed.to_lowercase();
        let mut matches = self
            .options
            .iter()
            .filter(|option| option.to_lowercase().starts_with(&typed_lower));
        match (matches.next(), matches.next()) {
            (Some(only), None) => only.clone(),
            _ => typed.to_owned(),
        }
    }
}

/// A list of short items.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListItems {
    /// What one item is called (e.g. "Person"), for the "Add" button.
    #[serde(default)]
    pub item: String,
    /// The most items allowed, if limited.
    #[serde(default)]
    pub max: Option<usize>,
}

impl Field {
    /// The kind's name as used on the command line and in `rapport worksheets ID`.
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::LongText => "long-text",
            Field::Rating(_) => "rating",
            Field::Choice(_) => "choice",
            Field::MultiChoice(_) => "multi-choice",
            Field::List(_) => "list",
            Field::Date => "date",
            Field::Questionnaire(_) => "questionnaire",
            Field::Circle(_) => "circle",
        }
    }

    /// The rating scale, if this field is a tracked rating.
    #[must_use]
    pub fn tracked_scale(&self) -> Option<&RatingScale> {
        match self {
            Field::Rating(scale) if scale.tracked => Some(scale),
            _ => None,
        }
    }
}

impl Worksheet {
    /// The step with the given id.
    #[must_use]
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// Whether anything is charted in Progress: a tracked rating or a tracked questionnaire score.
    #[must_use]
    pub fn has_tracked(&self) -> bool {
        self.steps
            .iter()
            .any(|step| step.field.tracked_scale().is_some())
            || self.questionnaire().is_some_and(|q| q.scoring.tracked)
    }

    /// The worksheet's questionnaire, if it has one.
    #[must_use]
    pub fn questionnaire(&self) -> Option<&Questionnaire> {
        self.steps.iter().find_map(|step| match &step.field {
            Field::Questionnaire(questionnaire) => Some(questionnaire),
            _ => None,
        })
    }

    /// What the answer id `id` answers: a step, or a questionnaire item.
    #[must_use]
    pub fn slot(&self, id: &str) -> Option<Slot<'_>> {
        self.steps.iter().find_map(|step| match &step.field {
            Field::Questionnaire(questionnaire) => questionnaire
                .item(id)
                .map(|item| Slot::Item(step, questionnaire, item)),
            _ if step.id == id => Some(Slot::Step(step)),
            _ => None,
        })
    }

    /// Every answer id the worksheet takes, in order: step ids, and item ids of questionnaires.
    #[must_use]
    pub fn answer_ids(&self) -> Vec<&str> {
        self.steps
            .iter()
            .flat_map(|step| match &step.field {
                Field::Questionnaire(questionnaire) => questionnaire
                    .items
                    .iter()
                    .map(|item| item.id.as_str())
                    .collect(),
                _ => vec![step.id.as_str()],
            })
            .collect()
    }

    /// Everything wrong with this definition, as sentences; empty when it is usable.
    #[must_use]
    pub fn validate(&self, sections: &[Section]) -> Vec<String> {
        let mut errors = Vec::new();
        if !is_identifier(&self.id) {
            errors.push(format!(
                "the id “{}” must be lowercase letters, digits, “-” or “_”",
                self.id
            ));
        }
        if self.version == 0 {
            errors.push("the version must be 1 or more".to_owned());
        }
        if self.steps.len() > MAX_STEPS {
            errors.push(format!(
                "a worksheet may have at most {MAX_STEPS} steps (it has {})",
                self.steps.len()
            ));
        }
        if self.title.trim().is_empty() {
            errors.push("the title is empty".to_owned());
        }
        if !sections.iter().any(|section| section.id == self.section) {
            let known: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
            errors.push(format!(
                "the section “{}” does not exist (known sections: {})",
                self.section,
                known.join(", ")
            ));
        }
        if self.steps.is_empty() {
            errors.push("it has no steps".to_owned());
        }
        let mut seen = HashSet::new();
        for questionnaire in self.steps.iter().filter_map(|step| match &step.field {
            Field::Questionnaire(questionnaire) => Some(questionnaire),
            _ => None,
        }) {
            for item in &questionnaire.items {
                if !seen.insert(item.id.as_str()) {
                    errors.push(format!("the item id “{}” is used twice", item.id));
                }
            }
        }
        if self
            .steps
            .iter()
            .filter(|step| matches!(step.field, Field::Questionnaire(_)))
            .count()
            > 1
        {
            errors.push("a worksheet can have at most one questionnaire".to_owned());
        }
        if let Some(dated_by) = &self.dated_by
            && !matches!(self.step(dated_by).map(|s| &s.field), Some(Field::Date))
        {
            errors.push(format!(
                "dated_by names “{dated_by}”, which is not a date step"
            ));
        }
        for (index, step) in self.steps.iter().enumerate() {
            let name = format!("step {} (“{}”)", index + 1, step.id);
            if !is_identifier(&step.id) {
                errors.push(format!(
                    "{name}: the id must be lowercase letters, digits, “-” or “_”"
                ));
            }
            if !seen.insert(step.id.as_str()) {
                errors.push(format!("{name}: another step already uses this id"));
            }
            if step.label.trim().is_empty() {
                errors.push(format!("{name}: the label is empty"));
            }
            if step.prompt.trim().is_empty() {
                errors.push(format!("{name}: the prompt is empty"));
            }
            match &step.field {
                Field::Rating(scale) if scale.min >= scale.max => errors.push(format!(
                    "{name}: a rating needs min below max (it has min {} and max {})",
                    scale.min, scale.max
                )),
                // A person rates on a scale they can take in at a glance; anything wider is a
                // mistake, and would make handouts and the form draw thousands of boxes.
                Field::Rating(scale)
                    if scale
                        .max
                        .checked_sub(scale.min)
                        .is_none_or(|span| span > MAX_RATING_STEPS) =>
                {
                    errors.push(format!(
                        "{name}: a rating may span at most {MAX_RATING_STEPS} steps (it goes from {} to {})",
                        scale.min, scale.max
                    ));
                }
                Field::Choice(choices) | Field::MultiChoice(choices) => {
                    if choices.options.is_empty() {
                        errors.push(format!("{name}: the list of options is empty"));
                    }
                    if choices.options.len() > MAX_OPTIONS {
                        errors.push(format!(
                            "{name}: a choice may offer at most {MAX_OPTIONS} options (it has {})",
                            choices.options.len()
                        ));
                    }
                    let mut options = HashSet::new();
                    for option in &choices.options {
                        if option.trim().is_empty() {
                            errors.push(format!("{name}: an option is empty"));
                        } else if !options.insert(option) {
                            errors.push(format!("{name}: the option “{option}” appears twice"));
                        }
                    }
                }
                Field::List(ListItems { max: Some(0), .. }) => {
                    errors.push(format!("{name}: a list must allow at least one item"));
                }
                Field::Questionnaire(questionnaire) => errors.extend(
                    questionnaire
                        .validate()
                        .into_iter()
                        .map(|error| format!("{name}: {error}")),
                ),
                Field::Circle(rings) if rings.rings.is_empty() || rings.rings.len() > 6 => {
                    errors.push(format!(
                        "{name}: a closeness circle needs between 1 and 6 rings"
                    ));
                }
                _ => {}
            }
        }
        errors
    }
}
