//! The workbook: every worksheet and programme available, bundled and the user's own.
//!
//! The bundled workbook is compiled into the binary (see `build.rs`). Definitions the user keeps
//! (read from disk by [`crate::storage::definitions`]) are added to it, and replace a bundled one
//! with the same `id`.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::content::programme::Programme;
use crate::content::worksheet::{Section, Worksheet};
use crate::problem::{Problem, describe_ron_error};
use crate::ron_format;

pub(crate) mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The largest worksheet file that will be read.
pub const MAX_WORKSHEET_BYTES: u64 = 1024 * 1024;

/// A definition file of the user's: where it is, and its text or why it could not be read.
#[derive(Clone, Debug)]
pub struct UserFile {
    /// The file.
    pub path: PathBuf,
    /// Its text, or what went wrong reading it (e.g. "is not UTF-8 text").
    pub text: Result<String, String>,
}

/// The user's own definitions, as read from their folders.
#[derive(Clone, Debug, Default)]
pub struct UserDefinitions {
    /// Files in the worksheets folder, sorted by path.
    pub worksheets: Vec<UserFile>,
    /// Files in the programmes folder, sorted by path.
    pub programmes: Vec<UserFile>,
    /// Folders that could not be read.
    pub problems: Vec<Problem>,
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
        Self::assemble(UserDefinitions::default())
    }

    /// The bundled workbook plus the user's own definitions, which replace bundled ones with
    /// the same id. Files that cannot be used are listed in [`Workbook::problems`].
    #[must_use]
    pub fn assemble(user: UserDefinitions) -> Self {
        let mut problems = user.problems;
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
        let by_id = load_definitions(
            bundled::WORKSHEETS,
            user.worksheets,
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
        let programmes = load_definitions(
            bundled::PROGRAMMES,
            user.programmes,
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
pub(crate) struct Kind {
    /// "worksheet", "programme".
    pub(crate) name: &'static str,
    /// "worksheets", "programmes".
    pub(crate) plural: &'static str,
}

impl Kind {
    pub(crate) const WORKSHEET: Kind = Kind {
        name: "worksheet",
        plural: "worksheets",
    };
    pub(crate) const PROGRAMME: Kind = Kind {
        name: "programme",
        plural: "programmes",
    };
}

/// Loads bundled definitions, then the user's from `user_dir`, which replace bundled ones with
/// the same id. Every file that cannot be used becomes a problem; the rest still load.
fn load_definitions<T>(
    bundled_files: &[(&str, &str)],
    user_files: Vec<UserFile>,
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
    let mut user_ids = HashSet::new();
    for UserFile { path, text } in user_files {
        let parsed = text
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
    let programme: Programme = crate::format::PROGRAMME
        .parse(text)
        .map_err(|error| error.to_string())?;
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
    let worksheet: Worksheet = crate::format::WORKSHEET
        .parse(text)
        .map_err(|error| error.to_string())?;
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
pub(crate) mod tests {
    use super::*;

    fn sections() -> Vec<Section> {
        vec![Section {
            id: "skills".into(),
            title: "Skills".into(),
            introduction: String::new(),
        }]
    }

    /// A small valid worksheet, for tests here and in `storage::definitions`.
    pub(crate) const MINIMAL: &str = r#"(
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
    fn definitions_too_large_to_show_or_print_are_refused() {
        for (field, expected) in [
            (
                "Rating(min: 0, max: 10000000, tracked: true)",
                "at most 100 steps",
            ),
            (
                "Rating(min: -9223372036854775808, max: 9223372036854775807, tracked: true)",
                "at most 100 steps",
            ),
            ("Rating(min: 0, max: 100, tracked: true)", ""),
        ] {
            let text = MINIMAL.replace("Rating(min: 0, max: 10, tracked: true)", field);
            let result = parse_worksheet_text(&text, &sections());
            if expected.is_empty() {
                assert!(result.is_ok(), "{field}: {result:?}");
            } else {
                let message = result.unwrap_err();
                assert!(message.contains(expected), "{field}: {message}");
            }
        }
        let options: Vec<String> = (0..61).map(|i| format!("\"o{i}\"")).collect();
        let many = MINIMAL.replace("[\"a\", \"b\"]", &format!("[{}]", options.join(", ")));
        let message = parse_worksheet_text(&many, &sections()).unwrap_err();
        assert!(message.contains("at most 60 options"), "{message}");
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
}
