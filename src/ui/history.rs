//! A worksheet's History: earlier entries, newest first under month headings, found by a
//! search of what was written, to read, edit or delete.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::vocabulary::{Cx, Notice};
use super::widgets;
use rapport_core::content::entry::Entry;
use rapport_core::content::worksheet::Worksheet;
use rapport_core::insight::search::{self, EntryIndex, Row};
use rapport_core::storage::journal::Journal;

/// Below this width (points), the list and the open entry take the page in turn instead of
/// sitting side by side.
const NARROW: f32 = 560.0;

/// Goes to the search box from anywhere in History.
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// The list of entries and the one open for reading.
#[derive(Default)]
pub struct HistoryView {
    selected: Option<String>,
    /// Whether the person opened an entry to read (in a narrow window the entry then takes the
    /// page, and "All entries" goes back to the list).
    reading: bool,
    /// Whether the search box takes the focus when next drawn (Ctrl+F pressed while the
    /// entry had the page).
    focus_search: bool,
    /// The entry last deleted, selected again if the user undoes the delete.
    deleted: Option<String>,
    /// The worksheet's entries, newest first, indexed for search, as of a journal revision.
    index: Option<(String, u64, EntryIndex)>,
    /// What is typed in the search box.
    query: String,
    /// The last search: its query (as compared), the matching positions and the rows shown.
    /// Worked out again only when the query or the index changes, never every frame.
    found: Option<Found>,
    /// Earlier versions of the selected entry, read when it was selected.
    versions: Option<(String, u64, Vec<Entry>)>,
}

/// The result of one search of the index.
struct Found {
    /// The query, trimmed and lowercased.
    query: String,
    /// Positions in the index of the entries that match.
    positions: Vec<usize>,
    /// Month headings and entries, as listed.
    rows: Vec<Row>,
}

impl HistoryView {
    /// Opens the entry `id` for reading.
    pub fn select(&mut self, id: &str) {
        self.selected = Some(id.to_owned());
        self.reading = true;
    }

    /// Brings the search up to date with the query and the index.
    fn refresh_search(&mut self) {
        let Some((_, _, index)) = &self.index else {
            self.found = None;
            return;
        };
        let query = search::normalise(&self.query);
        if self
            .found
            .as_ref()
            .is_some_and(|found| found.query == query)
        {
            return;
        }
        // Typing on narrows the last matches: only they can match the longer query.
        let positions = match self.found.take() {
            Some(found) if !found.query.is_empty() && query.starts_with(&found.query) => {
                index.search_within(&query, found.positions)
            }
            _ => index.search(&query),
        };
        let rows = index.rows(&positions);
        self.found = Some(Found {
            query,
            positions,
            rows,
        });
    }

    /// The search box, the count and the entries grouped by month.
    /// The search box and the list; returns whether an entry was chosen in it.
    fn list(&mut self, ui: &mut Ui, journal: &Journal, worksheet: &Worksheet) -> bool {
        ui.add_space(4.0);
        // The label beside the field, so that the list keeps its room in a small window.
        let jump =
            ui.input_mut(|i| i.consume_shortcut(&FIND)) || std::mem::take(&mut self.focus_search);
        ui.horizontal(|ui| {
            let label = ui.label("Search entries");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("a word or a date")
                    .desired_width(ui.available_width().max(80.0)),
            );
            let field = field
                .labelled_by(label.id)
                .on_hover_text(format!("Search ({})", ui.ctx().format_shortcut(&FIND)));
            if jump {
                field.request_focus();
            }
        });
        self.refresh_search();
        let (Some((_, _, index)), Some(found)) = (&self.index, &self.found) else {
            return false;
        };
        let searching = !found.query.is_empty();
        ui.label(
            RichText::new(search::count_text(
                found.positions.len(),
                index.len(),
                searching,
            ))
            .weak(),
        );
        if found.positions.is_empty() {
            ui.add_space(6.0);
            ui.label(format!(
                "No entries have “{}” in them. Try another word, or clear the search.",
                self.query.trim()
            ));
            if ui.button("Clear the search").clicked() {
                self.query.clear();
            }
            return false;
        }
        let selected = &mut self.selected;
        let mut chosen = false;
        egui::ScrollArea::vertical()
            .id_salt(("history-list", &worksheet.id))
            .auto_shrink([false, true])
            .show_rows(
                ui,
                ui.spacing().interact_size.y * 2.2,
                found.rows.len(),
                |ui, rows| {
                    for row in &found.rows[rows] {
                        let position = match row {
                            Row::Month(heading) => {
                                ui.add_space(ui.spacing().interact_size.y * 0.9);
                                ui.label(RichText::new(heading).strong());
                                continue;
                            }
                            Row::Entry(position) => *position,
                        };
                        let Some(entry) = index.id(position).and_then(|id| journal.get(id)) else {
                            continue;
                        };
                        let is_selected = selected.as_deref() == Some(entry.id.as_str());
                        let summary = entry.summary(Some(worksheet));
                        let text = format!("{}\n{summary}", entry.created.human());
                        let response = ui.selectable_label(is_selected, text);
                        widgets::set_accessible_label(
                            ui,
                            &response,
                            format!("Entry from {}: {summary}", entry.created.human()),
                        );
                        if response.clicked() {
                            *selected = Some(entry.id.clone());
                            chosen = true;
                        }
                    }
                    super::keyboard::keep_focus_in_view(ui);
                },
            );
        chosen
    }

    /// Shows the history. Returns the id of an entry the user chose to edit.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, worksheet: &Worksheet) -> Option<String> {
        let revision = cx.model.journal().revision();
        if self
            .index
            .as_ref()
            .is_none_or(|(id, seen, _)| id != &worksheet.id || *seen != revision)
        {
            if self
                .index
                .as_ref()
                .is_some_and(|(id, _, _)| id != &worksheet.id)
            {
                self.query.clear();
            }
            let index = EntryIndex::new(cx.model.journal().entries_for(&worksheet.id));
            self.index = Some((worksheet.id.clone(), revision, index));
            self.found = None;
        }
        let Some((_, _, index)) = &self.index else {
            return None;
        };
        if index.is_empty() {
            ui.add_space(8.0);
            ui.label("No entries yet. Fill in the worksheet and press Save; your entries will be listed here, newest first.");
            return None;
        }
        let journal = cx.model.journal();
        let of_this_worksheet = |id: &String| {
            journal
                .get(id)
                .is_some_and(|entry| entry.worksheet == worksheet.id)
        };
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !of_this_worksheet(id))
        {
            self.selected = None;
            self.reading = false;
        }
        // After an undone delete, show the entry that came back; otherwise the newest.
        if let Some(id) = self.deleted.take_if(|id| of_this_worksheet(id)) {
            self.selected = Some(id);
        }
        if self.selected.is_none() {
            self.selected = index.id(0).map(str::to_owned);
        }

        let mut edit = None;
        let mut delete = None;
        let mut print = None;
        // Side by side when there is room for both the list and a readable entry. In a narrow
        // window each takes the whole page in turn, as on a phone: the list until an entry is
        // chosen, then the entry with a way back, so neither is squeezed to a sliver.
        let narrow = ui.available_width() < NARROW;
        if narrow && self.reading && ui.input_mut(|i| i.consume_shortcut(&FIND)) {
            self.reading = false;
            self.focus_search = true;
        }
        if narrow && !self.reading {
            let mut chosen = false;
            egui::CentralPanel::default().show(ui, |ui| {
                chosen = self.list(ui, cx.model.journal(), worksheet);
            });
            self.reading = chosen;
            return None;
        }
        if !narrow {
            let mut chosen = false;
            egui::Panel::left("history-list")
                .resizable(true)
                .default_size(280.0)
                .min_size(200.0)
                .max_size((ui.available_width() * 0.45).max(200.0))
                .show(ui, |ui| {
                    chosen = self.list(ui, cx.model.journal(), worksheet);
                });
            self.reading |= chosen;
        }

        egui::CentralPanel::default().show(ui, |ui| {
            if narrow
                && ui
                    .button("\u{2190}  All entries")
                    .on_hover_text("Back to the list of entries")
                    .clicked()
            {
                self.reading = false;
            }
            let Some(entry) = self
                .selected
                .as_ref()
                .and_then(|id| cx.model.journal().get(id))
            else {
                ui.label("Choose an entry in the list to read it.");
                return;
            };
            egui::ScrollArea::vertical()
                .id_salt(("entry", &entry.id))
                .show(ui, |ui| {
                    widgets::reading_column(ui);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(entry.created.human()).strong());
                        if entry.edited != entry.created {
                            ui.label(
                                RichText::new(format!("edited {}", entry.edited.human())).weak(),
                            );
                        }
                    });
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Edit").clicked() {
                            edit = Some(entry.id.clone());
                        }
                        if ui.button("Print (PDF)").clicked() {
                            print = Some(entry.id.clone());
                        }
                        if ui
                            .button("Delete")
                            .on_hover_text(
                                "Moves the entry to the Trash, from where you can restore it",
                            )
                            .clicked()
                        {
                            delete = Some(entry.id.clone());
                        }
                    });
                    ui.add_space(8.0);
                    answers(ui, worksheet, entry);
                    self.earlier_versions(ui, cx, worksheet, &entry.id, revision);
                });
            super::keyboard::keep_focus_in_view(ui);
        });

        if let Some(id) = print
            && let Some(entry) = cx.model.journal().get(&id)
        {
            // The same helplines as every other handout: the country chosen, the person's list.
            let help = super::programmes::printed_help(cx);
            let pdf = rapport_core::facilitator::handout::worksheet_pdf_with_help(
                worksheet,
                Some(entry),
                rapport_core::facilitator::handout::Paper::A4,
                &help,
            );
            let notice = widgets::save_handout(cx.model.data_dir().root(), &id, pdf);
            cx.notify(notice);
        }
        if let Some(id) = delete {
            match cx.model.delete(&id) {
                Ok(()) => {
                    self.selected = None;
                    self.reading = false;
                    self.deleted = Some(id.clone());
                    cx.notify(Notice {
                        undo_delete: Some(id),
                        ..Notice::info("The entry was moved to the Trash.")
                    });
                }
                Err(error) => cx.notify(Notice::error(error.to_string())),
            }
        }
        edit
    }

    fn earlier_versions(
        &mut self,
        ui: &mut Ui,
        cx: &Cx<'_>,
        worksheet: &Worksheet,
        id: &str,
        revision: u64,
    ) {
        if self
            .versions
            .as_ref()
            .is_none_or(|(seen_id, seen, _)| seen_id != id || *seen != revision)
        {
            self.versions = Some((id.to_owned(), revision, cx.model.journal().versions(id)));
        }
        let Some((_, _, versions)) = &self.versions else {
            return;
        };
        if versions.is_empty() {
            return;
        }
        ui.add_space(12.0);
        egui::CollapsingHeader::new(format!("Earlier versions ({})", versions.len()))
            .default_open(false)
            .show(ui, |ui| {
                for version in versions {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(
                            RichText::new(format!("As saved {}", version.edited.human())).weak(),
                        );
                        answers(ui, worksheet, version);
                    });
                }
            });
    }
}

/// An entry's answers, each under its step's prompt.
fn answers(ui: &mut Ui, worksheet: &Worksheet, entry: &Entry) {
    for step in &worksheet.steps {
        match &step.field {
            rapport_core::content::worksheet::Field::Questionnaire(questionnaire) => {
                questionnaire_answers(ui, questionnaire, entry);
                continue;
            }
            rapport_core::content::worksheet::Field::Circle(rings) => {
                if let Some(rapport_core::content::entry::Answer::Placements(people)) =
                    entry.answers.get(&step.id)
                {
                    ui.label(RichText::new(&step.prompt).weak());
                    let people: Vec<(&str, u8)> =
                        people.iter().map(|p| (p.name.as_str(), p.ring)).collect();
                    widgets::closeness_circle(ui, &rings.rings, &people, 300.0);
                    ui.add_space(6.0);
                }
                continue;
            }
            _ => {}
        }
        let Some(answer) = entry.answers.get(&step.id) else {
            continue;
        };
        ui.label(RichText::new(&step.prompt).weak());
        let text = match (&step.field, answer) {
            (
                rapport_core::content::worksheet::Field::Rating(scale),
                rapport_core::content::entry::Answer::Number(n),
            ) => {
                format!("{n} (from {} to {})", scale.min, scale.max)
            }
            _ => answer.display(),
        };
        ui.label(text);
        ui.add_space(6.0);
    }
    // Answers to steps the worksheet no longer has are still shown, never hidden.
    for (id, answer) in &entry.answers {
        if worksheet.slot(id).is_none() {
            ui.label(RichText::new(id).weak());
            ui.label(answer.display());
            ui.add_space(6.0);
        }
    }
}

/// A questionnaire's answers: the score and band first, then each item's response.
fn questionnaire_answers(
    ui: &mut Ui,
    questionnaire: &rapport_core::content::questionnaire::Questionnaire,
    entry: &Entry,
) {
    match questionnaire.score(&entry.answers) {
        Some(score) => {
            ui.label(
                RichText::new(format!(
                    "{}: {} of {} — {}",
                    questionnaire.scoring.label, score.total, score.max, score.band.label
                ))
                .strong(),
            );
            for advice in score.advice() {
                ui.label(advice);
            }
        }
        None => {
            ui.label("Not every question was answered, so there is no score.");
        }
    }
    ui.add_space(6.0);
    for (index, item) in questionnaire.items.iter().enumerate() {
        let response = match entry.answers.get(&item.id) {
            Some(rapport_core::content::entry::Answer::Number(value)) => questionnaire
                .response(*value)
                .map_or_else(|| value.to_string(), |r| r.label.clone()),
            _ => "Not answered".to_owned(),
        };
        ui.label(RichText::new(format!("{}. {}", index + 1, item.text)).weak());
        ui.label(response);
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!("Source: {}", questionnaire.scoring.source))
            .small()
            .weak(),
    );
    ui.add_space(6.0);
}
