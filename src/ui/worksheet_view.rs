//! One worksheet: its introduction and steps to fill in, its History and its Progress.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::form::Form;
use super::history::HistoryView;
use super::progress_view::ChartCache;
use super::vocabulary::{Cx, Notice, Tab};
use super::{icon, widgets};
use rapport_core::content::worksheet::Worksheet;

/// The worksheet screen. Keeps the form while the user moves between its tabs.
#[derive(Default)]
pub struct WorksheetView {
    form: Option<Form>,
    save_error: Option<String>,
    history: HistoryView,
    charts: ChartCache,
    /// The form's change count when the last draft was written, and when it last changed.
    draft: DraftClock,
    /// Whether the form came back from a draft.
    restored: bool,
    /// For how many more frames to put the focus in the first field. "Go to…" closes its box
    /// with Enter, which drops the focus, and for one frame after a modal box closes egui
    /// still refuses the focus to widgets outside it: so it asks for two.
    focus_first: u8,
}

/// Debounces drafts: written once typing pauses, not on every keystroke or frame.
#[derive(Default)]
struct DraftClock {
    written: u64,
    seen: u64,
    changed_at: f64,
}

/// How long typing must pause before the draft is written, in seconds.
const DRAFT_PAUSE: f64 = 1.5;

impl WorksheetView {
    /// Whether the form holds answers not yet saved.
    #[must_use]
    pub fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(Form::is_dirty)
    }

    /// The worksheet the open form answers, if any.
    #[must_use]
    pub fn form_worksheet(&self) -> Option<&str> {
        self.form.as_ref().map(Form::worksheet_id)
    }

    /// Writes the draft of a form with unsaved answers now, before the journal locks, so that
    /// they come back after unlocking.
    pub fn keep_draft_now(
        &mut self,
        model: &rapport_core::service::model::Model,
    ) -> Result<(), String> {
        let Some(form) = self.form.as_ref().filter(|form| form.is_dirty()) else {
            return Ok(());
        };
        let Some(worksheet) = model.workbook().get(form.worksheet_id()) else {
            return Ok(());
        };
        let draft = draft_of(form, worksheet)?;
        rapport_core::storage::draft::save(model.data_dir(), &draft)
            .map_err(|error| error.to_string())
    }

    /// Drops the form (after the user agreed to lose its answers, or on leaving).
    pub fn discard(&mut self) {
        if let Some(form) = &mut self.form {
            form.wipe();
        }
        self.form = None;
        self.save_error = None;
        self.history = HistoryView::default();
    }

    /// Saves the open form now, as its Save button does (for "Save and leave"). Returns whether
    /// the answers are saved; if not, the form keeps every answer and its save bar says why.
    pub fn save_now(&mut self, cx: &mut Cx<'_>) -> bool {
        let Some(id) = self.form_worksheet().map(str::to_owned) else {
            return true;
        };
        let Some(worksheet) = cx.model.workbook().get(&id).cloned() else {
            self.save_error =
                Some("This worksheet is no longer in your workbook, so it cannot be saved.".into());
            return false;
        };
        self.save(cx, &worksheet);
        self.save_error.is_none() && !self.has_unsaved()
    }

    /// The entry the form is editing, with its fingerprint as the form was filled from it.
    #[must_use]
    pub fn editing(&self) -> Option<(&str, Option<u64>)> {
        let form = self.form.as_ref()?;
        Some((form.editing()?, form.base()))
    }

    /// The chart cache, for tests.
    #[must_use]
    pub fn charts(&self) -> &ChartCache {
        &self.charts
    }

    /// Puts the focus in the first field when the worksheet is next shown.
    pub fn focus_first_field(&mut self) {
        self.focus_first = 2;
    }

    /// Selects entry `id` in History, to be read there.
    pub fn show_entry(&mut self, id: &str) {
        self.history.select(id);
    }

    /// Shows the worksheet `id`.
    pub fn show(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, id: &str) {
        let Some(worksheet) = cx.model.workbook().get(id).cloned() else {
            ui.label(format!(
                "The worksheet “{id}” is no longer in the workbook."
            ));
            return;
        };
        if self
            .form
            .as_ref()
            .is_none_or(|form| form.worksheet_id() != id)
        {
            self.save_error = None;
            self.draft = DraftClock::default();
            self.restored = false;
            self.form = Some(
                match rapport_core::storage::draft::load(cx.model.data_dir(), id) {
                    Some(draft) => {
                        self.restored = true;
                        cx.notify(Notice::info(format!(
                            "Your unsaved answers from {} are back. Save them when you are ready.",
                            draft.saved.human()
                        )));
                        Form::from_draft(&worksheet, draft.editing, &draft.answers)
                    }
                    None => Form::new(&worksheet),
                },
            );
            // Opened by keyboard (Start, Continue, a sidebar row, Go to): typing goes on into
            // the worksheet's first field.
            if ui.memory(|memory| memory.focused().is_some()) {
                self.focus_first = self.focus_first.max(1);
            }
        }
        if self.focus_first > 0
            && let Some(form) = &mut self.form
        {
            self.focus_first -= 1;
            form.focus_first_field();
            if self.focus_first > 0 {
                ui.ctx().request_repaint();
            }
        }

        // In a narrow window the title has a line of its own, above its buttons.
        let narrow = ui.available_width() < 720.0;
        if narrow {
            ui.label(widgets::title_text(ui, &worksheet.title));
        }
        ui.horizontal(|ui| {
            let layout = if narrow {
                egui::Layout::left_to_right(egui::Align::Center)
            } else {
                ui.label(widgets::title_text(ui, &worksheet.title));
                egui::Layout::right_to_left(egui::Align::Center)
            };
            ui.with_layout(layout, |ui| {
                let present = icon::button(ui, icon::PRESENT, "Present").on_hover_text(
                    "Show this worksheet full screen, one step at a time, for a group",
                );
                if present.clicked() {
                    cx.actions.push(super::vocabulary::Action::Present {
                        title: worksheet.title.clone(),
                        slides: rapport_core::facilitator::slides::worksheet_slides(&worksheet),
                    });
                }
                let handout = icon::button(ui, icon::PRINT, "Blank handout (PDF)")
                    .on_hover_text("A printable copy with room to write by hand");
                if handout.clicked() {
                    let help = super::programmes::printed_help(cx);
                    let pdf = rapport_core::facilitator::handout::worksheet_pdf_with_help(
                        &worksheet,
                        None,
                        rapport_core::facilitator::handout::Paper::A4,
                        &help,
                    );
                    let notice = widgets::save_handout(
                        cx.model.data_dir().root(),
                        &format!("{}-blank", worksheet.id),
                        pdf,
                    );
                    cx.notify(notice);
                }
            });
        });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let history_count = cx.model.journal().entries_for(id).len();
            for (tab, label) in [
                (Tab::Fill, "Worksheet".to_owned()),
                (Tab::History, format!("History ({history_count})")),
                (Tab::Progress, "Progress".to_owned()),
            ] {
                let (name, symbol) = match tab {
                    Tab::Fill => ("Worksheet", icon::NOTEBOOK),
                    Tab::History => ("History", icon::HISTORY),
                    Tab::Progress => ("Progress", icon::CHART),
                };
                let response = ui.selectable_label(cx.state.tab == tab, icon::with(symbol, &label));
                widgets::set_accessible_label(ui, &response, name);
                if response.clicked() {
                    cx.state.tab = tab;
                }
            }
        });
        ui.separator();

        match cx.state.tab {
            Tab::Fill => self.fill(ui, cx, &worksheet),
            Tab::History => {
                if let Some(edit) = self.history.ui(ui, cx, &worksheet)
                    && let Some(entry) = cx.model.journal().get(&edit)
                {
                    self.form = Some(Form::edit(&worksheet, entry));
                    self.save_error = None;
                    cx.state.tab = Tab::Fill;
                }
            }
            Tab::Progress => self.charts.ui(ui, cx, &worksheet),
        }
    }

    fn fill(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, worksheet: &Worksheet) {
        let Some(form) = &mut self.form else {
            return;
        };
        let editing = form.editing().map(str::to_owned);
        let save_shortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let mut save = ui.input_mut(|i| i.consume_shortcut(&save_shortcut));
        let mut cancel_edit = false;

        let bar_id = ui.scope_id().with("save-bar-height");
        let bar_height = ui.data(|data| data.get_temp::<f32>(bar_id)).unwrap_or(48.0);
        egui::ScrollArea::vertical()
            .id_salt(("form", &worksheet.id, editing.is_some()))
            .auto_shrink([false, false])
            .max_height((ui.available_height() - bar_height).max(60.0))
            .show(ui, |ui| {
                widgets::reading_column(ui);
                if let Some(id) = &editing {
                    let when = cx
                        .model
                        .journal()
                        .get(id)
                        .map(|entry| entry.created.human())
                        .unwrap_or_default();
                    widgets::note(ui, &format!("You are editing your entry from {when}. The version before your changes is kept."));
                    let known = worksheet.answer_ids();
                    let hidden: Vec<&str> = cx
                        .model
                        .journal()
                        .get(id)
                        .map(|entry| {
                            entry
                                .answers
                                .keys()
                                .map(String::as_str)
                                .filter(|key| !known.contains(key))
                                .collect()
                        })
                        .unwrap_or_default();
                    if !hidden.is_empty() {
                        widgets::note(ui, &format!(
                            "{} of this entry's answers are not shown here ({}): the worksheet no longer has the steps they answer, because your own worksheet file changed it. They are kept as they are when you save, and exports include them.",
                            hidden.len(),
                            hidden.join(", ")
                        ));
                    }
                    ui.add_space(8.0);
                }
                egui::CollapsingHeader::new("About this worksheet")
                    .id_salt(("about", editing.is_some()))
                    .default_open(editing.is_none())
                    .show(ui, |ui| widgets::paragraphs(ui, &worksheet.introduction));
                if let Some(advice) = &worksheet.professional_help {
                    ui.add_space(4.0);
                    widgets::note(ui, advice);
                }
                ui.add_space(8.0);
                form.ui(ui, worksheet, cx.state.reduce_motion);
                super::keyboard::keep_focus_in_view(ui);
            });

        // The save bar comes after the fields, so Tab reaches it after them; the fields get the
        // height the bar left last frame.
        let bar_top = ui.cursor().min.y;
        widgets::keep_foot_clear(ui, bar_top);
        ui.separator();
        egui::Frame::side_top_panel(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = if editing.is_some() {
                    "Save changes"
                } else {
                    "Save"
                };
                let button = icon::styled(icon::SAVE, label, RichText::strong)
                    .fill(ui.visuals().selection.bg_fill)
                    .min_size(egui::vec2(96.0, 0.0));
                if icon::add(ui, button, label)
                    .on_hover_text(format!(
                        "Save ({})",
                        ui.ctx().format_shortcut(&save_shortcut)
                    ))
                    .clicked()
                {
                    save = true;
                }
                if editing.is_some() && ui.button("Cancel editing").clicked() {
                    cancel_edit = true;
                }
                if self.restored
                    && editing.is_none()
                    && ui.button("Discard these answers").clicked()
                {
                    cancel_edit = true;
                }
                if form.is_dirty() {
                    ui.label(RichText::new("Not saved yet").weak());
                }
                if let Some(error) = &self.save_error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
            ui.add_space(2.0);
        });
        let bar_height = ui.cursor().min.y - bar_top;
        ui.data_mut(|data| data.insert_temp(bar_id, bar_height));

        if cancel_edit {
            rapport_core::storage::draft::remove(cx.model.data_dir(), &worksheet.id);
            self.form = Some(Form::new(worksheet));
            self.save_error = None;
            self.restored = false;
            return;
        }
        if save {
            self.save(cx, worksheet);
        }
        self.keep_draft(ui, cx, worksheet);
    }

    /// Writes a draft once typing has paused, so that a crash loses at most a moment's work.
    fn keep_draft(&mut self, ui: &Ui, cx: &mut Cx<'_>, worksheet: &Worksheet) {
        let Some(form) = &self.form else {
            return;
        };
        let now = ui.input(|i| i.time);
        if form.generation() != self.draft.seen {
            self.draft.seen = form.generation();
            self.draft.changed_at = now;
        }
        if self.draft.written == self.draft.seen || !form.is_dirty() {
            return;
        }
        if now - self.draft.changed_at < DRAFT_PAUSE {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(DRAFT_PAUSE));
            return;
        }
        // A form that cannot be read as answers yet (e.g. a half-typed date) waits.
        if let Ok(draft) = draft_of(form, worksheet)
            && let Err(error) = rapport_core::storage::draft::save(cx.model.data_dir(), &draft)
        {
            self.save_error = Some(format!(
                "Your answers are still here, but a safety copy could not be written: {error}"
            ));
        }
        self.draft.written = self.draft.seen;
    }

    fn save(&mut self, cx: &mut Cx<'_>, worksheet: &Worksheet) {
        let Some(form) = &self.form else {
            return;
        };
        let answers = match form.answers(worksheet) {
            Ok(answers) => answers,
            Err(error) => {
                self.save_error = Some(error);
                return;
            }
        };
        let result = match form.editing() {
            Some(id) => {
                let id = id.to_owned();
                cx.model.save_edit_since(&id, answers, form.base())
            }
            None => cx.model.save_new(&worksheet.id, answers),
        };
        match result {
            Ok(saved) => {
                // The answers are on disk: the draft is no longer needed.
                rapport_core::storage::draft::remove(cx.model.data_dir(), &worksheet.id);
                self.restored = false;
                self.draft = DraftClock::default();
                // Start a fresh form and show the saved entry.
                self.form = Some(Form::new(worksheet));
                self.save_error = None;
                self.history.select(&saved.entry_id);
                cx.state.tab = Tab::History;
                let mut text = if saved.edited {
                    "Your changes are saved. The earlier version is kept under “Earlier versions”."
                        .to_owned()
                } else {
                    "Saved. Your entry is at the top of History.".to_owned()
                };
                if let Some(assessment) = &saved.assessment {
                    if assessment.score.is_some() {
                        text = format!("{text} {}.", assessment.score_text());
                    }
                    // Some answers call for the crisis information before anything else.
                    if let Some(words) = &assessment.crisis {
                        cx.state.alert = Some(words.clone());
                        cx.notify(Notice::info(text));
                        cx.navigate(super::vocabulary::Screen::Help);
                        return;
                    }
                }
                cx.notify(Notice::info(text));
            }
            Err(error) => {
                // Keep every answer in the form so nothing typed is lost.
                self.save_error = Some(error.to_string());
            }
        }
    }
}

/// The form's answers as a draft, written now; an error if they cannot be read as answers yet.
fn draft_of(
    form: &Form,
    worksheet: &Worksheet,
) -> Result<rapport_core::storage::draft::Draft, String> {
    Ok(rapport_core::storage::draft::Draft {
        version: 1,
        worksheet: worksheet.id.clone(),
        editing: form.editing().map(str::to_owned),
        saved: rapport_core::time::LocalTime::now(),
        answers: form.answers(worksheet)?,
    })
}
