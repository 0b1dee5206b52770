//! The answers being typed into a worksheet, before they are saved.

use std::collections::BTreeMap;

use egui::{RichText, TextEdit, Ui};

use super::widgets::{self, set_accessible_label};
use rapport_core::content::entry::{Answer, Answers, Entry};
use rapport_core::content::worksheet::{Choices, Field, Step, Worksheet};

/// What one step's editor holds: close to what the user sees, converted to an [`Answer`] on save.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Text(String),
    Rating(Option<i64>),
    Choice {
        selected: Option<String>,
        other_selected: bool,
        other: String,
    },
    MultiChoice {
        selected: Vec<String>,
        other_selected: bool,
        other: String,
    },
    List(Vec<String>),
    Date(String),
    /// Chosen response value per item id.
    Items(BTreeMap<String, i64>),
    /// (name, ring) rows; ring 1 is closest.
    Circle(Vec<(String, u8)>),
}

impl Value {
    /// Overwrites the text held, before the form is dropped on locking.
    fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            Value::Text(text) | Value::Date(text) => text.zeroize(),
            Value::Choice {
                selected, other, ..
            } => {
                selected.zeroize();
                other.zeroize();
            }
            Value::MultiChoice {
                selected, other, ..
            } => {
                selected.iter_mut().for_each(Zeroize::zeroize);
                other.zeroize();
            }
            Value::List(items) => items.iter_mut().for_each(Zeroize::zeroize),
            Value::Circle(people) => people.iter_mut().for_each(|(name, _)| name.zeroize()),
            Value::Rating(_) | Value::Items(_) => {}
        }
    }

    fn empty(field: &Field) -> Self {
        match field {
            Field::Text | Field::LongText => Value::Text(String::new()),
            Field::Rating(_) => Value::Rating(None),
            Field::Choice(_) => Value::Choice {
                selected: None,
                other_selected: false,
                other: String::new(),
            },
            Field::MultiChoice(_) => Value::MultiChoice {
                selected: Vec::new(),
                other_selected: false,
                other: String::new(),
            },
            Field::List(_) => Value::List(Vec::new()),
            Field::Date => Value::Date(String::new()),
            Field::Questionnaire(_) => Value::Items(BTreeMap::new()),
            Field::Circle(_) => Value::Circle(Vec::new()),
        }
    }

    /// The value of `step` as held in a saved entry's answers.
    fn from_answers(step: &Step, answers: &Answers) -> Self {
        match &step.field {
            Field::Questionnaire(questionnaire) => Value::Items(
                questionnaire
                    .items
                    .iter()
                    .filter_map(|item| match answers.get(&item.id) {
                        Some(Answer::Number(n)) => Some((item.id.clone(), *n)),
                        _ => None,
                    })
                    .collect(),
            ),
            field => answers.get(&step.id).map_or_else(
                || Value::empty(field),
                |answer| Value::from_answer(field, answer),
            ),
        }
    }

    fn from_answer(field: &Field, answer: &Answer) -> Self {
        match (field, answer) {
            (Field::Rating(_), Answer::Number(n)) => Value::Rating(Some(*n)),
            (Field::Choice(choices), Answer::Choice(choice)) => {
                if choices.is_listed(choice) {
                    Value::Choice {
                        selected: Some(choice.clone()),
                        other_selected: false,
                        other: String::new(),
                    }
                } else {
                    Value::Choice {
                        selected: None,
                        other_selected: true,
                        other: choice.clone(),
                    }
                }
            }
            (Field::MultiChoice(choices), Answer::Choices(items)) => {
                let (listed, own): (Vec<String>, Vec<String>) = items
                    .iter()
                    .cloned()
                    .partition(|item| choices.is_listed(item));
                Value::MultiChoice {
                    selected: listed,
                    other_selected: !own.is_empty(),
                    other: own.join("; "),
                }
            }
            (Field::List(_), Answer::List(items)) => Value::List(items.clone()),
            (Field::Date, Answer::Date(date)) => Value::Date(date.to_string()),
            (Field::Circle(_), Answer::Placements(people)) => {
                Value::Circle(people.iter().map(|p| (p.name.clone(), p.ring)).collect())
            }
            (_, other) => Value::Text(other.display()),
        }
    }

    /// Adds the answers this value gives for `step` (none when blank), or says what is wrong.
    fn write_answers(&self, step: &Step, answers: &mut Answers) -> Result<(), String> {
        if let Value::Items(values) = self {
            for (id, value) in values {
                answers.insert(id.clone(), Answer::Number(*value));
            }
            return Ok(());
        }
        if let Some(answer) = self.to_answer(&step.field)? {
            answers.insert(step.id.clone(), answer);
        }
        Ok(())
    }

    /// The answer this value gives, `Ok(None)` when blank, or what is wrong with it.
    fn to_answer(&self, field: &Field) -> Result<Option<Answer>, String> {
        let answer = match self {
            Value::Circle(rows) => Answer::Placements(
                rows.iter()
                    .filter(|(name, _)| !name.trim().is_empty())
                    .map(|(name, ring)| rapport_core::content::entry::Placement {
                        name: name.trim().to_owned(),
                        ring: *ring,
                    })
                    .collect(),
            ),
            Value::Text(text) => Answer::Text(text.trim_end().to_owned()),
            // Questionnaire items are written by `write_answers`, one answer per item.
            Value::Rating(None) | Value::Items(_) => return Ok(None),
            Value::Rating(Some(n)) => Answer::Number(*n),
            Value::Choice {
                selected,
                other_selected,
                other,
            } => {
                if *other_selected {
                    Answer::Choice(other.trim().to_owned())
                } else {
                    match selected {
                        Some(choice) => Answer::Choice(choice.clone()),
                        None => return Ok(None),
                    }
                }
            }
            Value::MultiChoice {
                selected,
                other_selected,
                other,
            } => {
                let mut items = selected.clone();
                if let Field::MultiChoice(choices) = field {
                    // Keep the options in the order the worksheet lists them.
                    items.sort_by_key(|item| choices.options.iter().position(|o| o == item));
                }
                if *other_selected && !other.trim().is_empty() {
                    items.push(other.trim().to_owned());
                }
                Answer::Choices(items)
            }
            Value::List(items) => Answer::List(
                items
                    .iter()
                    .map(|item| item.trim().to_owned())
                    .filter(|item| !item.is_empty())
                    .collect(),
            ),
            Value::Date(text) if text.trim().is_empty() => return Ok(None),
            Value::Date(text) => Answer::Date(
                text.trim()
                    .parse()
                    .map_err(|_| format!("“{text}” is not a date; write it as 2026-11-25"))?,
            ),
        };
        Ok((!answer.is_blank()).then_some(answer))
    }
}

/// A worksheet being filled in: new, or an edit of an existing entry.
#[derive(Clone, Debug)]
pub struct Form {
    worksheet_id: String,
    editing: Option<String>,
    /// The fingerprint of the entry being edited as it was when the form was filled from it.
    base: Option<u64>,
    values: BTreeMap<String, Value>,
    dirty: bool,
    /// Counts changes, so a draft can be saved once per burst of typing.
    generation: u64,
    /// The breathing pacer, for a step that shows it.
    pacer: super::pacer::BreathingPacer,
    /// Give the keyboard focus to the first step's field when next drawn.
    focus_first: bool,
}

impl Drop for Form {
    /// A dropped form leaves no answer behind in memory: locking resets every view wholesale,
    /// and this is what wipes the text they held.
    fn drop(&mut self) {
        self.wipe();
    }
}

impl Form {
    /// Overwrites every answer's text in memory, for locking.
    pub fn wipe(&mut self) {
        self.values.values_mut().for_each(Value::wipe);
        self.values.clear();
    }

    /// A blank form for `worksheet`.
    #[must_use]
    pub fn new(worksheet: &Worksheet) -> Self {
        Self {
            worksheet_id: worksheet.id.clone(),
            editing: None,
            base: None,
            values: worksheet
                .steps
                .iter()
                .map(|step| (step.id.clone(), Value::empty(&step.field)))
                .collect(),
            dirty: false,
            generation: 0,
            pacer: super::pacer::BreathingPacer::default(),
            focus_first: false,
        }
    }

    /// A form holding a draft's answers, unsaved.
    #[must_use]
    pub fn from_draft(worksheet: &Worksheet, editing: Option<String>, answers: &Answers) -> Self {
        let mut form = Self::new(worksheet);
        form.editing = editing;
        for step in &worksheet.steps {
            form.values
                .insert(step.id.clone(), Value::from_answers(step, answers));
        }
        form.dirty = true;
        form
    }

    /// A number that changes with every edit.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A form holding `entry`'s answers, to edit it.
    #[must_use]
    pub fn edit(worksheet: &Worksheet, entry: &Entry) -> Self {
        let mut form = Self::new(worksheet);
        form.editing = Some(entry.id.clone());
        form.base = Some(rapport_core::storage::journal::fingerprint(entry));
        for step in &worksheet.steps {
            form.values
                .insert(step.id.clone(), Value::from_answers(step, &entry.answers));
        }
        form
    }

    /// The worksheet this form answers.
    #[must_use]
    pub fn worksheet_id(&self) -> &str {
        &self.worksheet_id
    }

    /// The entry being edited, if this is an edit.
    #[must_use]
    pub fn editing(&self) -> Option<&str> {
        self.editing.as_deref()
    }

    /// The fingerprint of the edited entry as the form was filled from it, if known.
    #[must_use]
    pub fn base(&self) -> Option<u64> {
        self.base
    }

    /// Whether the user typed something not yet saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The answers as they would be saved, or what must be corrected first.
    pub fn answers(&self, worksheet: &Worksheet) -> Result<Answers, String> {
        let mut answers = Answers::new();
        for step in &worksheet.steps {
            let Some(value) = self.values.get(&step.id) else {
                continue;
            };
            value
                .write_answers(step, &mut answers)
                .map_err(|error| format!("{}: {error}", step.label))?;
        }
        Ok(answers)
    }

    /// Gives the keyboard focus to the first step's field when the form is next drawn (after
    /// "Start" by keyboard, the next key typed goes into the worksheet, not the top bar).
    pub fn focus_first_field(&mut self) {
        self.focus_first = true;
    }

    /// Shows the steps, with any tool a step has (the pacer moves only if `reduce_motion` is
    /// off). Marks the form dirty when anything changes.
    pub fn ui(&mut self, ui: &mut Ui, worksheet: &Worksheet, reduce_motion: bool) {
        let count = worksheet.steps.len();
        for (index, step) in worksheet.steps.iter().enumerate() {
            let value = self
                .values
                .entry(step.id.clone())
                .or_insert_with(|| Value::empty(&step.field));
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!("Step {} of {count}", index + 1))
                        .small()
                        .weak(),
                );
                let prompt = ui.label(RichText::new(&step.prompt).strong());
                if let Some(help) = &step.help {
                    ui.label(RichText::new(help).weak());
                }
                if step.aid == Some(rapport_core::content::worksheet::Aid::BreathingPacer) {
                    ui.add_space(4.0);
                    self.pacer.ui(ui, reduce_motion);
                }
                ui.add_space(4.0);
                if index == 0 && std::mem::take(&mut self.focus_first) {
                    // The editor's first widget takes the next automatic id.
                    let first = ui.next_auto_id();
                    ui.memory_mut(|memory| memory.request_focus(first));
                }
                if step_editor(ui, step, value, prompt.id) {
                    self.dirty = true;
                    self.generation += 1;
                }
            });
            ui.add_space(8.0);
        }
    }
}

/// The editor for one step. Returns whether the value changed.
fn step_editor(ui: &mut Ui, step: &Step, value: &mut Value, prompt: egui::Id) -> bool {
    match (&step.field, value) {
        (Field::Text, Value::Text(text)) => ui
            .add(TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(prompt)
            .changed(),
        (Field::LongText, Value::Text(text)) => ui
            .add(
                TextEdit::multiline(text)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(prompt)
            .changed(),
        (Field::Rating(scale), Value::Rating(number)) => {
            let changed = widgets::rating_scale(ui, &step.label, scale, number);
            let shown = number.map_or_else(
                || "Not rated yet".to_owned(),
                |n| format!("{}: {n}", step.label),
            );
            ui.label(RichText::new(shown).weak());
            changed
        }
        (
            Field::Choice(choices),
            Value::Choice {
                selected,
                other_selected,
                other,
            },
        ) => choice_editor(ui, step, choices, selected, other_selected, other),
        (
            Field::MultiChoice(choices),
            Value::MultiChoice {
                selected,
                other_selected,
                other,
            },
        ) => multi_choice_editor(ui, step, choices, selected, other_selected, other),
        (Field::List(list), Value::List(items)) => list_editor(ui, step, list, items),
        (Field::Date, Value::Date(text)) => date_editor(ui, step, text, prompt),
        (Field::Questionnaire(questionnaire), Value::Items(values)) => {
            questionnaire_editor(ui, &step.prompt, questionnaire, values)
        }
        (Field::Circle(rings), Value::Circle(rows)) => circle_editor(ui, step, &rings.rings, rows),
        (_, value) => {
            // The worksheet changed kind under an open form: start the step afresh.
            *value = Value::empty(&step.field);
            false
        }
    }
}

/// A list, one text field per row. "Add" and Enter in a row both put the keyboard in the new
/// row, so a list can be typed without the mouse: a row, Enter, the next row.
fn list_editor(
    ui: &mut Ui,
    step: &Step,
    list: &rapport_core::content::worksheet::ListItems,
    items: &mut Vec<String>,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    let mut enter_in = None;
    let item_name = if list.item.is_empty() {
        "Item"
    } else {
        &list.item
    };
    let full = list.max.is_some_and(|max| items.len() >= max);
    // Rows are named by position, so the row to focus after an insert is known before it is drawn.
    let list_id = ui.make_persistent_id((&step.id, "list rows"));
    let row_id = |index: usize| list_id.with(index);
    for (index, item) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let response = ui.add(
                TextEdit::singleline(item)
                    .id(row_id(index))
                    .desired_width(ui.available_width() - 90.0),
            );
            set_accessible_label(ui, &response, format!("{} {}", item_name, index + 1));
            changed |= response.changed();
            // A single-line field gives up the focus on Enter; that Enter means "next row".
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !full {
                enter_in = Some(index);
            }
            let remove_button = ui.button("Remove");
            set_accessible_label(
                ui,
                &remove_button,
                format!("Remove {} {}", item_name.to_lowercase(), index + 1),
            );
            if remove_button.clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        items.remove(index);
        changed = true;
    }
    let add = ui.add_enabled(
        !full,
        egui::Button::new(format!("Add {}", item_name.to_lowercase())),
    );
    set_accessible_label(
        ui,
        &add,
        format!("Add {} to {}", item_name.to_lowercase(), step.label),
    );
    // "Add" puts the new row last; Enter puts it just below the row typed in.
    let insert_at = if add.clicked() {
        Some(items.len())
    } else {
        enter_in.map(|index| index + 1)
    };
    if let Some(at) = insert_at.filter(|_| remove.is_none()) {
        items.insert(at, String::new());
        ui.memory_mut(|memory| memory.request_focus(row_id(at)));
        changed = true;
    }
    changed
}

/// A date: typed as 2026-11-25, picked from a calendar, or set to today in one click.
fn date_editor(ui: &mut Ui, step: &Step, text: &mut String, prompt: egui::Id) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        changed |= widgets::date_field(
            ui,
            text,
            prompt,
            (&step.label, &step.id),
            "YYYY-MM-DD",
            120.0,
        );
        let today = ui.button("Today");
        set_accessible_label(ui, &today, format!("{}: today", step.label));
        if today.clicked() {
            *text = rapport_core::time::LocalTime::now().date().to_string();
            changed = true;
        }
        if !text.trim().is_empty() && text.trim().parse::<jiff::civil::Date>().is_err() {
            ui.colored_label(ui.visuals().warn_fg_color, "Write the date as 2026-11-25");
        }
    });
    changed
}

fn questionnaire_editor(
    ui: &mut Ui,
    prompt: &str,
    questionnaire: &rapport_core::content::questionnaire::Questionnaire,
    values: &mut BTreeMap<String, i64>,
) -> bool {
    let mut changed = false;
    // The stem is often the step's prompt already; say it once.
    if questionnaire.stem != prompt {
        ui.label(&questionnaire.stem);
    }
    ui.add_space(6.0);
    for (index, item) in questionnaire.items.iter().enumerate() {
        let number = index + 1;
        ui.label(RichText::new(format!("{number}. {}", item.text)));
        ui.horizontal_wrapped(|ui| {
            for response in &questionnaire.responses {
                let selected = values.get(&item.id) == Some(&response.value);
                let button = egui::Button::new(&response.label)
                    .selected(selected)
                    .min_size(egui::vec2(0.0, 26.0));
                let clicked = ui.add(button);
                set_accessible_label(
                    ui,
                    &clicked,
                    format!("Question {number}: {}", response.label),
                );
                if clicked.clicked() {
                    if selected {
                        values.remove(&item.id);
                    } else {
                        values.insert(item.id.clone(), response.value);
                    }
                    changed = true;
                }
            }
        });
        ui.add_space(6.0);
    }
    let answers: Answers = values
        .iter()
        .map(|(id, value)| (id.clone(), Answer::Number(*value)))
        .collect();
    let text = match questionnaire.score(&answers) {
        Some(score) => format!(
            "{}: {} of {} ({})",
            questionnaire.scoring.label, score.total, score.max, score.band.label
        ),
        None => format!(
            "{} of {} answered. The score shows when every question has an answer.",
            values.len(),
            questionnaire.items.len()
        ),
    };
    ui.label(RichText::new(text).strong());
    changed
}

/// The closeness circle's drawing, in points.
const CIRCLE_SIZE: f32 = 300.0;
/// The narrowest the list of people beside the circle may be; below that the circle goes under.
const CIRCLE_ROWS_MIN_WIDTH: f32 = 300.0;

fn circle_editor(ui: &mut Ui, step: &Step, rings: &[String], rows: &mut Vec<(String, u8)>) -> bool {
    let mut changed = false;
    let mut remove = None;
    let spacing = ui.spacing().item_spacing.x;
    let gap = 2.0 * spacing;
    // The people's column has a fixed width, not its content's: otherwise the circle beside it
    // jumps sideways as the first row appears. (Between column, gap and circle: two spacings.)
    let rows_width = ui.available_width() - CIRCLE_SIZE - gap - 2.0 * spacing;
    if rows_width >= CIRCLE_ROWS_MIN_WIDTH {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(rows_width);
                changed |= circle_rows(ui, step, rings, rows, &mut remove);
            });
            ui.add_space(gap);
            circle_drawing(ui, rings, rows);
        });
    } else {
        changed |= circle_rows(ui, step, rings, rows, &mut remove);
        circle_drawing(ui, rings, rows);
    }
    if let Some(index) = remove {
        rows.remove(index);
        changed = true;
    }
    changed
}

/// One row per person (name, ring, Remove), then "Add person". Returns whether anything
/// changed; the row to remove is left in `remove`.
fn circle_rows(
    ui: &mut Ui,
    step: &Step,
    rings: &[String],
    rows: &mut Vec<(String, u8)>,
    remove: &mut Option<usize>,
) -> bool {
    let mut changed = false;
    for (index, (name, ring)) in rows.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let field = ui.add(
                TextEdit::singleline(name)
                    .desired_width(140.0)
                    .hint_text("Name"),
            );
            set_accessible_label(ui, &field, format!("Person {}", index + 1));
            changed |= field.changed();
            for (ring_index, label) in rings.iter().enumerate() {
                let value = u8::try_from(ring_index + 1).unwrap_or(u8::MAX);
                let radio = ui.radio(*ring == value, label);
                set_accessible_label(ui, &radio, format!("Person {}: {label}", index + 1));
                if radio.clicked() {
                    *ring = value;
                    changed = true;
                }
            }
            let button = ui.small_button("Remove");
            set_accessible_label(ui, &button, format!("Remove person {}", index + 1));
            if button.clicked() {
                *remove = Some(index);
            }
        });
    }
    let add = ui.button("Add person");
    set_accessible_label(ui, &add, format!("Add person to {}", step.label));
    if add.clicked() {
        rows.push((String::new(), 1));
        changed = true;
    }
    changed
}

fn circle_drawing(ui: &mut Ui, rings: &[String], rows: &[(String, u8)]) {
    let people: Vec<(&str, u8)> = rows
        .iter()
        .map(|(name, ring)| (name.as_str(), *ring))
        .collect();
    widgets::closeness_circle(ui, rings, &people, CIRCLE_SIZE);
}

fn choice_editor(
    ui: &mut Ui,
    step: &Step,
    choices: &Choices,
    selected: &mut Option<String>,
    other_selected: &mut bool,
    other: &mut String,
) -> bool {
    let mut changed = false;
    for option in &choices.options {
        let is_selected = !*other_selected && selected.as_deref() == Some(option.as_str());
        if ui.radio(is_selected, option).clicked() {
            *selected = Some(option.clone());
            *other_selected = false;
            changed = true;
        }
    }
    if choices.other {
        ui.horizontal(|ui| {
            let radio = ui.radio(*other_selected, "Other:");
            set_accessible_label(ui, &radio, format!("{}: other", step.label));
            if radio.clicked() {
                *other_selected = true;
                changed = true;
            }
            let text = ui.add(TextEdit::singleline(other).desired_width(ui.available_width()));
            set_accessible_label(ui, &text, format!("{}: in your own words", step.label));
            if text.changed() {
                *other_selected = !other.trim().is_empty();
                changed = true;
            }
        });
    }
    changed
}

fn multi_choice_editor(
    ui: &mut Ui,
    step: &Step,
    choices: &Choices,
    selected: &mut Vec<String>,
    other_selected: &mut bool,
    other: &mut String,
) -> bool {
    let mut changed = false;
    for option in &choices.options {
        let mut checked = selected.contains(option);
        if ui.checkbox(&mut checked, option).changed() {
            if checked {
                selected.push(option.clone());
            } else {
                selected.retain(|item| item != option);
            }
            changed = true;
        }
    }
    if choices.other {
        ui.horizontal(|ui| {
            let checkbox = ui.checkbox(other_selected, "Other:");
            set_accessible_label(ui, &checkbox, format!("{}: other", step.label));
            changed |= checkbox.changed();
            let text = ui.add(TextEdit::singleline(other).desired_width(ui.available_width()));
            set_accessible_label(ui, &text, format!("{}: in your own words", step.label));
            if text.changed() {
                *other_selected = !other.trim().is_empty();
                changed = true;
            }
        });
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::content::workbook::Workbook;

    #[test]
    fn a_blank_form_gives_no_answers() {
        let workbook = Workbook::bundled();
        for worksheet in workbook.worksheets() {
            let form = Form::new(worksheet);
            assert_eq!(
                form.answers(worksheet),
                Ok(Answers::new()),
                "{}",
                worksheet.id
            );
            assert!(!form.is_dirty());
        }
    }

    #[test]
    fn editing_an_entry_gives_back_its_answers() {
        let workbook = Workbook::bundled();
        let worksheet = workbook.get("coping-skills").unwrap();
        let Field::MultiChoice(skills) = &worksheet.step("skills_tried").unwrap().field else {
            panic!("skills_tried is a checklist");
        };
        let mut answers = Answers::new();
        answers.insert("situation".into(), Answer::Text("At work".into()));
        answers.insert("intensity_before".into(), Answer::Number(6));
        answers.insert(
            "skills_tried".into(),
            Answer::Choices(vec![skills.options[1].clone(), "Sang loudly".into()]),
        );
        answers.insert("emotion".into(), Answer::Choice("Restless".into()));
        let when = rapport_core::time::LocalTime::now();
        let entry = Entry {
            version: 1,
            id: "e".into(),
            worksheet: worksheet.id.clone(),
            worksheet_version: 1,
            created: when,
            edited: when,
            answers: answers.clone(),
        };
        let form = Form::edit(worksheet, &entry);
        assert_eq!(form.editing(), Some("e"));
        assert_eq!(form.answers(worksheet), Ok(answers));
    }

    #[test]
    fn a_bad_date_is_reported_with_the_step() {
        let value = Value::Date("31/12/2026".into());
        assert!(
            value
                .to_answer(&Field::Date)
                .unwrap_err()
                .contains("2026-11-25")
        );
        assert_eq!(
            Value::Date("2026-12-31".into()).to_answer(&Field::Date),
            Ok(Some(Answer::Date(jiff::civil::date(2026, 12, 31))))
        );
    }
}
