//! Worksheet definitions: what a worksheet asks, read from RON files and checked before use.
//!
//! The bundled workbook is compiled into the binary (see `build.rs`). Worksheets in the user's
//! `worksheets/` folder are added to it, and replace a bundled worksheet with the same `id`.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data_dir::DataDir;
use crate::problem::{Problem, describe_ron_error};
use crate::programme::Programme;
use crate::questionnaire::Questionnaire;
use crate::{ron_format, store};

pub(crate) mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The largest worksheet file that will be read.
pub const MAX_WORKSHEET_BYTES: u64 = 1024 * 1024;

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

/// One worksheet: an introduction and a series of steps, each asking one thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worksheet {
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
    Item(&'a Step, &'a Questionnaire, &'a crate::questionnaire::Item),
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
                Field::Choice(choices) | Field::MultiChoice(choices) => {
                    if choices.options.is_empty() {
                        errors.push(format!("{name}: the list of options is empty"));
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

/// Whether `text` is a usable identifier: non-empty lowercase ASCII letters, digits, `-`, `_`.
#[must_use]
pub fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Where a worksheet definition came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the app.
    Bundled,
    /// A file in the user's worksheets folder.
    User(PathBuf),
}

/// All worksheets and programmes available to the user, plus what could not be loaded.
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    sections: Vec<Section>,
    worksheets: Vec<(Worksheet, Origin)>,
    programmes: Vec<(Programme, Origin)>,
    problems: Vec<Problem>,
}

impl Workbook {
    /// The bundled workbook only.
    #[must_use]
    pub fn bundled() -> Self {
        Self::load(None)
    }

    /// The bundled workbook plus the user's worksheets and programmes in `data_dir`, which
    /// replace bundled ones with the same id. Files that cannot be used are listed in
    /// [`Workbook::problems`].
    #[must_use]
    pub fn load(data_dir: Option<&DataDir>) -> Self {
        let mut problems = Vec::new();
        let sections = match ron_format::options().from_str::<Vec<Section>>(bundled::SECTIONS) {
            Ok(sections) => sections,
            Err(error) => {
                problems.push(Problem::new(
                    "bundled:sections.ron",
                    format!(
                        "The section list is damaged: {}",
                        describe_ron_error(&error)
                    ),
                ));
                Vec::new()
            }
        };
        let worksheet_dir = data_dir.map(DataDir::worksheets);
        let by_id = load_definitions(
            bundled::WORKSHEETS,
            worksheet_dir.as_deref(),
            &Kind::WORKSHEET,
            |text| parse_worksheet_text(text, &sections),
            |worksheet: &Worksheet| worksheet.id.clone(),
            &mut problems,
        );
        let mut worksheets: Vec<(Worksheet, Origin)> = by_id.into_values().collect();
        let section_rank = |id: &str| sections.iter().position(|s| s.id == id);
        worksheets.sort_by(|(a, _), (b, _)| {
            (section_rank(&a.section), a.order, &a.title).cmp(&(
                section_rank(&b.section),
                b.order,
                &b.title,
            ))
        });
        let exists = |id: &str| worksheets.iter().any(|(w, _)| w.id == id);
        let programme_dir = data_dir.map(DataDir::programmes);
        let programmes = load_definitions(
            bundled::PROGRAMMES,
            programme_dir.as_deref(),
            &Kind::PROGRAMME,
            |text| parse_programme_text(text, &exists),
            |programme: &Programme| programme.id.clone(),
            &mut problems,
        )
        .into_values()
        .collect();
        Self {
            sections,
            worksheets,
            programmes,
            problems,
        }
    }

    /// The sections, in sidebar order.
    #[must_use]
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every worksheet, in sidebar order.
    pub fn worksheets(&self) -> impl Iterator<Item = &Worksheet> {
        self.worksheets.iter().map(|(worksheet, _)| worksheet)
    }

    /// The worksheets of one section, in order.
    pub fn worksheets_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Worksheet> {
        self.worksheets().filter(move |w| w.section == section)
    }

    /// The worksheet with the given id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Worksheet> {
        self.worksheets().find(|worksheet| worksheet.id == id)
    }

    /// Where the worksheet with the given id came from.
    #[must_use]
    pub fn origin(&self, id: &str) -> Option<&Origin> {
        self.worksheets
            .iter()
            .find(|(worksheet, _)| worksheet.id == id)
            .map(|(_, origin)| origin)
    }

    /// Every programme, by id.
    pub fn programmes(&self) -> impl Iterator<Item = &Programme> {
        self.programmes.iter().map(|(programme, _)| programme)
    }

    /// The programme with the given id.
    #[must_use]
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes().find(|programme| programme.id == id)
    }

    /// Definitions that could not be used, with the reason.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// Words for one kind of definition file, for messages.
struct Kind {
    /// "worksheet", "programme".
    name: &'static str,
    /// "worksheets", "programmes".
    plural: &'static str,
}

impl Kind {
    const WORKSHEET: Kind = Kind {
        name: "worksheet",
        plural: "worksheets",
    };
    const PROGRAMME: Kind = Kind {
        name: "programme",
        plural: "programmes",
    };
}

/// Loads bundled definitions, then the user's from `user_dir`, which replace bundled ones with
/// the same id. Every file that cannot be used becomes a problem; the rest still load.
fn load_definitions<T>(
    bundled_files: &[(&str, &str)],
    user_dir: Option<&Path>,
    kind: &Kind,
    parse: impl Fn(&str) -> Result<T, String>,
    id_of: impl Fn(&T) -> String,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, (T, Origin)> {
    let mut by_id = BTreeMap::new();
    for (name, text) in bundled_files {
        let source = PathBuf::from(format!("bundled:{name}"));
        match parse(text) {
            Ok(definition) => {
                let id = id_of(&definition);
                match by_id.entry(id) {
                    std::collections::btree_map::Entry::Occupied(taken) => {
                        problems.push(Problem::new(
                            &source,
                            format!(
                                "Another bundled {} already has the id “{}”",
                                kind.name,
                                taken.key()
                            ),
                        ));
                    }
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert((definition, Origin::Bundled));
                    }
                }
            }
            Err(message) => problems.push(Problem::new(&source, message)),
        }
    }
    let Some(dir) = user_dir else {
        return by_id;
    };
    let read_dir = match fs::read_dir(dir) {
        Ok(read_dir) => read_dir,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return by_id,
        Err(error) => {
            problems.push(Problem::new(
                dir,
                format!("Your {} folder could not be read: {error}", kind.plural),
            ));
            return by_id;
        }
    };
    let mut paths: Vec<PathBuf> = read_dir
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
        })
        .collect();
    paths.sort();
    let mut user_ids = HashSet::new();
    for path in paths {
        let parsed = store::read_text(&path, MAX_WORKSHEET_BYTES)
            .map_err(|error| format!("This {} {error}", kind.name))
            .and_then(|text| parse(&text));
        match parsed {
            Ok(definition) => {
                let id = id_of(&definition);
                if user_ids.insert(id.clone()) {
                    by_id.insert(id, (definition, Origin::User(path)));
                } else {
                    problems.push(Problem::new(
                        &path,
                        format!(
                            "Another file in your {} folder already has the id “{id}”; this one was skipped",
                            kind.plural
                        ),
                    ));
                }
            }
            Err(message) => problems.push(Problem::new(&path, message)),
        }
    }
    by_id
}

/// Parses and validates a programme, describing what is wrong if it cannot be used.
pub fn parse_programme_text(
    text: &str,
    worksheet_exists: &dyn Fn(&str) -> bool,
) -> Result<Programme, String> {
    let programme: Programme = ron_format::options().from_str(text).map_err(|error| {
        format!(
            "This programme could not be read at {}",
            describe_ron_error(&error)
        )
    })?;
    let errors = programme.validate(worksheet_exists);
    if errors.is_empty() {
        Ok(programme)
    } else {
        Err(format!(
            "The programme “{}” has mistakes: {}",
            programme.id,
            errors.join("; ")
        ))
    }
}

/// Parses and validates a worksheet definition, describing what is wrong if it cannot be used.
pub fn parse_worksheet_text(text: &str, sections: &[Section]) -> Result<Worksheet, String> {
    let worksheet: Worksheet = ron_format::options().from_str(text).map_err(|error| {
        format!(
            "This worksheet could not be read at {}",
            describe_ron_error(&error)
        )
    })?;
    let errors = worksheet.validate(sections);
    if errors.is_empty() {
        Ok(worksheet)
    } else {
        Err(format!(
            "The worksheet “{}” has mistakes: {}",
            worksheet.id,
            errors.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Vec<Section> {
        vec![Section {
            id: "skills".into(),
            title: "Skills".into(),
            introduction: String::new(),
        }]
    }

    const MINIMAL: &str = r#"(
        id: "mine", version: 1, title: "Mine", section: "skills",
        introduction: "Hello",
        steps: [
            (id: "how", label: "How", prompt: "How?", help: "Some help", field: Rating(min: 0, max: 10, tracked: true)),
            (id: "what", label: "What", prompt: "What?", field: Choice(options: ["a", "b"], other: true)),
            (id: "when", label: "When", prompt: "When?", field: Date),
        ],
    )"#;

    #[test]
    fn every_bundled_worksheet_loads_and_validates() {
        let workbook = Workbook::bundled();
        assert_eq!(workbook.problems(), &[] as &[Problem]);
        assert!(workbook.worksheets().count() >= 3);
        for id in ["coping-skills", "setting-boundaries", "forgiveness"] {
            let worksheet = workbook
                .get(id)
                .unwrap_or_else(|| panic!("{id} is bundled"));
            assert!(worksheet.has_tracked(), "{id} has a tracked rating");
            assert!(
                worksheet.introduction.len() > 200,
                "{id} has a real introduction"
            );
        }
    }

    #[test]
    fn every_section_is_introduced_and_every_worksheet_tracks_something() {
        let workbook = Workbook::bundled();
        let ids: Vec<&str> = workbook.sections().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "getting-started",
                "check-ins",
                "relationships",
                "focus-areas",
                "skills",
                "practise",
                "keep-going"
            ]
        );
        for section in workbook.sections() {
            assert!(
                section.introduction.len() > 300,
                "{} is introduced",
                section.id
            );
            assert!(
                workbook.worksheets_in(&section.id).count() >= 1,
                "{} has worksheets",
                section.id
            );
        }
        for worksheet in workbook.worksheets() {
            assert!(
                worksheet.has_tracked(),
                "{} tracks something for Progress",
                worksheet.id
            );
            assert!(
                !worksheet.summary.is_empty(),
                "{} has a summary",
                worksheet.id
            );
        }
        for id in ["grief-and-loss", "role-disputes", "safety-plan", "phq9"] {
            assert!(
                workbook
                    .get(id)
                    .and_then(|w| w.professional_help.as_ref())
                    .is_some(),
                "{id} says when professional help is the right step"
            );
        }
        assert!(workbook.worksheets().count() >= 28);
    }

    #[test]
    fn authors_can_omit_some_and_double_parentheses() {
        let worksheet = parse_worksheet_text(MINIMAL, &sections()).unwrap();
        assert_eq!(worksheet.steps[0].help.as_deref(), Some("Some help"));
        assert!(worksheet.has_tracked());
    }

    #[test]
    fn parse_errors_name_the_line() {
        let broken = MINIMAL.replace("title: \"Mine\",", "title: \"Mine\"\n\n oops");
        let message = parse_worksheet_text(&broken, &sections()).unwrap_err();
        assert!(message.contains("line 4, column 2"), "{message}");
    }

    #[test]
    fn validation_lists_every_mistake() {
        let bad = MINIMAL
            .replace("max: 10", "max: 0")
            .replace("[\"a\", \"b\"]", "[]")
            .replace("id: \"when\"", "id: \"how\"")
            .replace("\"skills\"", "\"nowhere\"");
        let message = parse_worksheet_text(&bad, &sections()).unwrap_err();
        for expected in [
            "min below max",
            "options is empty",
            "already uses this id",
            "section “nowhere” does not exist",
        ] {
            assert!(message.contains(expected), "{expected} in {message}");
        }
    }

    #[test]
    fn user_worksheets_add_and_override_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("mine.ron"), MINIMAL).unwrap();
        let override_text = MINIMAL.replace("\"mine\"", "\"forgiveness\"");
        fs::write(dir.path().join("forgive.ron"), override_text).unwrap();
        fs::write(dir.path().join("broken.ron"), "(id: ").unwrap();
        fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let worksheets = dir.path().join("worksheets");
        fs::create_dir_all(&worksheets).unwrap();
        for name in ["mine.ron", "forgive.ron", "broken.ron", "notes.txt"] {
            fs::rename(dir.path().join(name), worksheets.join(name)).unwrap();
        }
        let workbook = Workbook::load(Some(&DataDir::new(dir.path())));
        assert!(workbook.get("mine").is_some());
        assert_eq!(workbook.get("forgiveness").unwrap().title, "Mine");
        assert!(matches!(
            workbook.origin("forgiveness"),
            Some(Origin::User(_))
        ));
        assert!(workbook.get("coping-skills").is_some());
        assert_eq!(workbook.problems().len(), 1);
        assert!(workbook.problems()[0].path.ends_with("broken.ron"));
    }
}
