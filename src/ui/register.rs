//! The facilitator's group register: a run's members, who came to each session, their PHQ-9
//! (or the run's measure), who to follow up and why, the group's chart and each member's.
//! Every change is one call on the core, which saves the register at once.

use std::collections::BTreeMap;

use egui::{RichText, TextEdit, Ui};

use super::chart_view::ChartSlot;
use super::vocabulary::{Cx, Notice, View};
use super::widgets;
use rapport_core::facilitator::register::{self, Measured, Register, RegisterError};
use rapport_core::insight::chart::Chart;
use rapport_core::service::register::RegisterExport;

/// The score being entered for one member at one session.
#[derive(Default)]
struct Entering {
    member: String,
    /// The session's key (`before`, `1`, …).
    session: String,
    /// Each question's answer so far, by question index.
    answers: BTreeMap<usize, i64>,
    /// Whether only the total is being entered.
    total_only: bool,
    total: String,
}

/// What the facilitator did this frame, done once the frame's borrows end.
enum Change {
    AddMember(String),
    Attend(String, String, bool),
    Score(String, String, Measured),
    Clear(String, String),
    Export(RegisterExport),
    Error(String),
}

/// The "Group register" screen.
#[derive(Default)]
pub struct RegisterView {
    /// The run on show, by id.
    run: Option<String>,
    /// The run as last read (again after every change).
    loaded: Option<Result<Register, RegisterError>>,
    new_name: String,
    new_programme: String,
    new_start: String,
    new_member: String,
    entering: Option<Entering>,
    /// The member whose chart is on show.
    chart_member: Option<String>,
    group_chart: ChartSlot,
    member_chart: ChartSlot,
    /// Raised at every change, so the charts and the list of runs are rebuilt.
    revision: u64,
    /// The runs, by id with how each is shown, as of `revision`.
    runs: Option<(u64, Vec<(String, String)>)>,
}

impl RegisterView {
    fn open(&mut self, cx: &Cx<'_>, id: &str) {
        self.run = Some(id.to_owned());
        self.loaded = Some(cx.model.register(id));
        self.revision += 1;
    }

    /// Shows what a change returned: the register as saved, or why nothing was.
    fn changed(&mut self, cx: &mut Cx<'_>, result: Result<Register, RegisterError>) -> bool {
        match result {
            Ok(saved) => {
                self.loaded = Some(Ok(saved));
                self.revision += 1;
                true
            }
            Err(error) => {
                cx.notify(Notice::error(error.to_string()));
                false
            }
        }
    }
}

impl View for RegisterView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.new_programme.is_empty() {
            self.new_programme = cx
                .model
                .workbook()
                .programme("group-ipt")
                .or_else(|| cx.model.workbook().programmes().next())
                .map(|p| p.id.clone())
                .unwrap_or_default();
        }
        if self.run.is_none()
            && self.runs.is_none()
            && let Some(first) = register::ids(cx.model.data_dir()).into_iter().next()
        {
            self.open(cx, &first);
        }
        egui::ScrollArea::vertical().id_salt("register").show(ui, |ui| {
            ui.set_max_width((ui.available_width() - 16.0).max(120.0));
            widgets::page_title(ui, "Group register");
            widgets::note(ui, "For facilitators: each member's attendance and PHQ-9, session by session, and who to follow up. Members are listed by a first name or a pseudonym only. The register stays in your data folder, sealed when your journal is protected, and goes into your backups.");
            ui.add_space(8.0);
            self.choose_run(ui, cx);
            ui.add_space(8.0);
            match &self.loaded {
                None => {}
                Some(Err(error)) => {
                    ui.colored_label(ui.visuals().warn_fg_color, error.to_string());
                }
                Some(Ok(found)) => {
                    let found = found.clone();
                    let changes = self.run_ui(ui, cx.model, &found);
                    self.apply(cx, &found, changes);
                }
            }
        });
    }
}

impl RegisterView {
    fn choose_run(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        // The runs are read (and unsealed) again only after a change, not every frame.
        if self
            .runs
            .as_ref()
            .is_none_or(|(revision, _)| *revision != self.revision)
        {
            let listed = cx
                .model
                .registers()
                .into_iter()
                .map(|(id, loaded)| {
                    let shown = match loaded {
                        Ok(r) => format!("{} (from {})", r.name, r.start),
                        Err(_) => format!("{id} (cannot be read)"),
                    };
                    (id, shown)
                })
                .collect();
            self.runs = Some((self.revision, listed));
        }
        let runs = self
            .runs
            .as_ref()
            .map(|(_, runs)| runs.clone())
            .unwrap_or_default();
        if !runs.is_empty() {
            let selected = runs
                .iter()
                .find(|(id, _)| Some(id) == self.run.as_ref())
                .map_or_else(|| "Choose a run".to_owned(), |(_, shown)| shown.clone());
            let mut chosen = None;
            ui.horizontal(|ui| {
                ui.label("Run");
                let combo = egui::ComboBox::from_id_salt("register-run")
                    .selected_text(selected)
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for (id, shown) in &runs {
                            if ui
                                .selectable_label(Some(id) == self.run.as_ref(), shown)
                                .clicked()
                            {
                                chosen = Some(id.clone());
                            }
                        }
                    });
                widgets::set_accessible_label(ui, &combo.response, "Run");
            });
            if let Some(id) = chosen {
                self.entering = None;
                self.chart_member = None;
                self.open(cx, &id);
            }
        }
        egui::CollapsingHeader::new("Start a register for a new run")
            .default_open(runs.is_empty())
            .show(ui, |ui| {
                // In a narrow window each label goes above its field, and the fields take the
                // width there is; side by side they would run past the window's edge.
                let room = ui.available_width();
                widgets::form_rows(ui, "register-new", |ui, narrow| {
                    let width = if narrow {
                        room.min(ui.spacing().text_edit_width)
                    } else {
                        ui.spacing().text_edit_width
                    };
                    let end_row = |ui: &mut Ui| widgets::end_form_row(ui, narrow);
                    let label = ui.label("Run name");
                    ui.add(
                        TextEdit::singleline(&mut self.new_name)
                            .hint_text("e.g. Tuesday group, autumn")
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                    end_row(ui);
                    ui.label("Programme");
                    let title = cx
                        .model
                        .workbook()
                        .programme(&self.new_programme)
                        .map_or_else(|| self.new_programme.clone(), |p| p.title.clone());
                    let mut combo = egui::ComboBox::from_id_salt("register-programme")
                        .selected_text(title);
                    if narrow {
                        combo = combo.width(width).truncate();
                    }
                    let combo = combo.show_ui(ui, |ui| {
                            for programme in cx.model.workbook().programmes() {
                                ui.selectable_value(
                                    &mut self.new_programme,
                                    programme.id.clone(),
                                    &programme.title,
                                );
                            }
                        });
                    widgets::set_accessible_label(ui, &combo.response, "Programme");
                    end_row(ui);
                    let label = ui.label("First group session");
                    ui.horizontal(|ui| {
                        let name = "First group session";
                        let date_width = (width - 90.0).max(110.0);
                        let new_start = &mut self.new_start;
                        widgets::date_field(ui, new_start, label.id, (name, "register start"), "YYYY-MM-DD", date_width);
                    });
                    end_row(ui);
                });
                if ui.button("Start the register").clicked() {
                    match self.new_start.trim().parse::<jiff::civil::Date>() {
                        Err(_) => cx.notify(Notice::error(format!(
                            "“{}” is not a date. Write the day of the first group session as YYYY-MM-DD, e.g. 2026-11-03.",
                            self.new_start.trim()
                        ))),
                        Ok(start) => {
                            match cx.model.new_register(&self.new_name, &self.new_programme, start) {
                                Ok(made) => {
                                    cx.notify(Notice::info(format!(
                                        "Started the register “{}”.",
                                        made.name
                                    )));
                                    self.new_name.clear();
                                    self.new_start.clear();
                                    self.entering = None;
                                    self.open(cx, &made.id);
                                }
                                Err(error) => cx.notify(Notice::error(error.to_string())),
                            }
                        }
                    }
                }
            });
    }

    /// Does what the facilitator asked, each a call on the core that saves the register.
    fn apply(&mut self, cx: &mut Cx<'_>, found: &Register, changes: Vec<Change>) {
        let id = found.id.clone();
        for change in changes {
            let result = match change {
                Change::Error(message) => {
                    cx.notify(Notice::error(message));
                    continue;
                }
                Change::Export(format) => {
                    let path = cx.model.default_register_export(found, format);
                    cx.notify(match cx.model.export_register(&id, format, &path) {
                        Ok(path) => Notice::saved(format!("Saved to {}", path.display()), path),
                        Err(error) => Notice::error(error.to_string()),
                    });
                    continue;
                }
                Change::AddMember(name) => {
                    let result = cx.model.add_member(&id, &name);
                    if result.is_ok() {
                        self.new_member.clear();
                    }
                    result
                }
                Change::Attend(member, session, came) => {
                    cx.model.record_attendance(&id, &session, &[member], came)
                }
                Change::Score(member, session, value) => {
                    let result = cx
                        .model
                        .record_score(&id, &member, &session, value)
                        .map(|(saved, _)| saved);
                    if result.is_ok() {
                        self.entering = None;
                    }
                    result
                }
                Change::Clear(member, session) => {
                    let result = cx.model.clear_score(&id, &member, &session);
                    if result.is_ok() {
                        self.entering = None;
                    }
                    result
                }
            };
            self.changed(cx, result);
        }
    }

    fn run_ui(
        &mut self,
        ui: &mut Ui,
        model: &rapport_core::service::model::Model,
        found: &Register,
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        let context = match model.register_context(found) {
            Ok(context) => context,
            Err(error) => {
                ui.colored_label(ui.visuals().warn_fg_color, error.to_string());
                return changes;
            }
        };
        ui.label(
            RichText::new(format!(
                "{}: {}, first group session {}. Measure: {}.",
                found.name,
                context.programme.title,
                found.start.strftime("%-d %B %Y"),
                context.measure_title
            ))
            .strong(),
        );
        ui.horizontal(|ui| {
            let label = ui.label("New member");
            ui.add(
                TextEdit::singleline(&mut self.new_member)
                    .hint_text("A first name or a pseudonym")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            if ui.button("Add member").clicked() {
                changes.push(Change::AddMember(self.new_member.clone()));
            }
        });
        if found.members.is_empty() {
            ui.label(
                RichText::new("No members yet: add each by a first name or a pseudonym.").weak(),
            );
            return changes;
        }
        // The table: a row per member, a column per session; a tick for there, and the score.
        ui.add_space(8.0);
        ui.label(RichText::new("Tick who came; click a score to enter it.").weak());
        let keys = context.session_keys();
        let held = found.held(&context);
        let mut attendance: Option<(String, String, bool)> = None;
        let mut enter: Option<(String, String)> = None;
        egui::ScrollArea::horizontal()
            .id_salt("register-table")
            .show(ui, |ui| {
                egui::Grid::new("register-grid")
                    .striped(true)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Member").strong());
                        for index in 0..keys.len() {
                            let column =
                                rapport_core::content::numbering::number(context.programme, index)
                                    .map_or_else(|| "Before".to_owned(), |n| n.to_string());
                            ui.label(RichText::new(column).strong())
                                .on_hover_text(context.session_label(index));
                        }
                        ui.end_row();
                        for member in &found.members {
                            ui.label(&member.name);
                            for (index, key) in keys.iter().enumerate() {
                                let session = context.session_label(index);
                                ui.horizontal(|ui| {
                                    let mut came = member.came(&context, index);
                                    let tick = ui.checkbox(&mut came, "");
                                    widgets::set_accessible_label(
                                        ui,
                                        &tick,
                                        format!("{}, {session}: there", member.name),
                                    );
                                    if tick.changed() {
                                        attendance = Some((member.name.clone(), key.clone(), came));
                                    }
                                    let total = member
                                        .score_at(&context, index)
                                        .and_then(|value| context.total(value).ok());
                                    let missed = held[index] && !came && total.is_none();
                                    let (shown, said) = match total {
                                        Some(total) => (
                                            RichText::new(total.to_string()),
                                            format!("score {total}"),
                                        ),
                                        // A session held without them: said, not only unticked.
                                        None if missed => (
                                            RichText::new("missed")
                                                .color(ui.visuals().warn_fg_color),
                                            "missed, no score".to_owned(),
                                        ),
                                        None => (RichText::new("–"), "no score".to_owned()),
                                    };
                                    let button = ui.small_button(shown);
                                    widgets::set_accessible_label(
                                        ui,
                                        &button,
                                        format!("{}, {session}: {said}", member.name),
                                    );
                                    if button.clicked() {
                                        enter = Some((member.name.clone(), key.clone()));
                                    }
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some((member, key, came)) = attendance {
            changes.push(Change::Attend(member, key, came));
        }
        if let Some((member, session)) = enter {
            let mut entering = Entering {
                member: member.clone(),
                session: session.clone(),
                ..Entering::default()
            };
            let index = context.session_index(&session).unwrap_or(0);
            match found
                .member(&member)
                .and_then(|m| m.score_at(&context, index))
            {
                Some(Measured::Answers(answers)) => {
                    entering.answers = answers.iter().copied().enumerate().collect();
                }
                Some(Measured::Total(total)) => {
                    entering.total_only = true;
                    entering.total = total.to_string();
                }
                None => {}
            }
            self.entering = Some(entering);
        }
        self.score_entry(ui, &context, &mut changes);
        // Who to follow up, in words.
        ui.add_space(10.0);
        ui.label(RichText::new("Follow up").strong());
        let mut any = false;
        for member in &found.members {
            for flag in register::follow_ups(found, member, &context) {
                any = true;
                let said = flag.describe(&context);
                let said = said.strip_prefix("Follow up: ").unwrap_or(&said);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Follow up {}: {said}.", member.name),
                );
            }
        }
        if !any {
            ui.label(format!(
                "No one to follow up: no alert question answered above its limit (question 9 on the PHQ-9), no worsening of {} or more, and no two sessions missed in a row.",
                context.questionnaire.scoring.meaningful_change.unwrap_or(5)
            ));
        }
        // The charts: the group, then one member.
        let data_dir = model.data_dir().clone();
        let revision = self.revision;
        ui.add_space(10.0);
        self.group_chart.show(ui, &data_dir, revision, 260.0, || {
            Chart::Group(register::group_chart(found, &context))
        });
        widgets::note(
            ui,
            "The group's median and middle half at each session, from sessions with three or more scores; the meeting before the group is in each member's chart.",
        );
        ui.add_space(8.0);
        let names: Vec<String> = found.members.iter().map(|m| m.name.clone()).collect();
        if self
            .chart_member
            .as_ref()
            .is_none_or(|m| !names.contains(m))
        {
            self.chart_member = names.first().cloned();
        }
        let before = self.chart_member.clone();
        ui.horizontal(|ui| {
            ui.label("Chart for");
            let combo = egui::ComboBox::from_id_salt("register-chart-member")
                .selected_text(self.chart_member.clone().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for name in &names {
                        ui.selectable_value(&mut self.chart_member, Some(name.clone()), name);
                    }
                });
            widgets::set_accessible_label(ui, &combo.response, "Chart for");
        });
        let member_key = revision.wrapping_mul(1000).wrapping_add(
            names
                .iter()
                .position(|n| Some(n) == self.chart_member.as_ref())
                .unwrap_or(0) as u64,
        );
        if before != self.chart_member {
            self.member_chart = ChartSlot::default();
        }
        if let Some(member) = self
            .chart_member
            .as_ref()
            .and_then(|name| found.member(name))
        {
            self.member_chart
                .show(ui, &data_dir, member_key, 220.0, || {
                    Chart::Trend(register::member_chart(found, member, &context))
                });
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (label, format) in [
                ("Export CSV", RegisterExport::Csv),
                ("Export PDF", RegisterExport::Pdf),
            ] {
                if ui.button(label).clicked() {
                    changes.push(Change::Export(format));
                }
            }
        });
        changes
    }

    /// The score being entered: each question's answer in a row of buttons (as on the
    /// PHQ-9's own grid), or the total only.
    fn score_entry(
        &mut self,
        ui: &mut Ui,
        context: &register::Context<'_>,
        changes: &mut Vec<Change>,
    ) {
        let Some(entering) = &mut self.entering else {
            return;
        };
        let index = context.session_index(&entering.session).unwrap_or(0);
        let questionnaire = context.questionnaire;
        let mut save = None;
        let mut clear = false;
        let mut close = false;
        ui.add_space(10.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "{}'s {} {}",
                    entering.member,
                    context.short_measure(),
                    context.session_at(index)
                ))
                .strong(),
            );
            ui.horizontal(|ui| {
                ui.selectable_value(&mut entering.total_only, false, "Each answer");
                ui.selectable_value(&mut entering.total_only, true, "Total only");
            });
            if entering.total_only {
                ui.horizontal(|ui| {
                    let label = ui.label("Total");
                    ui.add(TextEdit::singleline(&mut entering.total).desired_width(60.0))
                        .labelled_by(label.id);
                });
            } else {
                ui.label(RichText::new(&questionnaire.stem).weak());
                for (number, item) in questionnaire.items.iter().enumerate() {
                    ui.label(format!("{}. {}", number + 1, item.text));
                    ui.horizontal_wrapped(|ui| {
                        for response in &questionnaire.responses {
                            let selected = entering.answers.get(&number) == Some(&response.value);
                            let button = ui.add(
                                egui::Button::new(&response.label)
                                    .selected(selected)
                                    .min_size(egui::vec2(0.0, 24.0)),
                            );
                            widgets::set_accessible_label(
                                ui,
                                &button,
                                format!("Question {}: {}", number + 1, response.label),
                            );
                            if button.clicked() {
                                if selected {
                                    entering.answers.remove(&number);
                                } else {
                                    entering.answers.insert(number, response.value);
                                }
                            }
                        }
                    });
                }
                ui.label(format!(
                    "{} of {} answered.",
                    entering.answers.len(),
                    questionnaire.items.len()
                ));
            }
            ui.horizontal(|ui| {
                if ui.button("Save score").clicked() {
                    save = Some(if entering.total_only {
                        entering
                            .total
                            .trim()
                            .parse::<i64>()
                            .map(Measured::Total)
                            .map_err(|_| {
                                format!(
                                    "“{}” is not a number. Write the {} total as a whole number.",
                                    entering.total.trim(),
                                    context.short_measure()
                                )
                            })
                    } else if entering.answers.len() < questionnaire.items.len() {
                        Err(format!(
                            "Answer every question first: {} of {} are answered. Or choose “Total only”.",
                            entering.answers.len(),
                            questionnaire.items.len()
                        ))
                    } else {
                        Ok(Measured::Answers(entering.answers.values().copied().collect()))
                    });
                }
                if ui.button("Clear score").clicked() {
                    clear = true;
                }
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
        let (member, session) = (entering.member.clone(), entering.session.clone());
        if let Some(value) = save {
            changes.push(match value {
                Err(message) => Change::Error(message),
                Ok(value) => Change::Score(member, session, value),
            });
        } else if clear {
            changes.push(Change::Clear(member, session));
        } else if close {
            self.entering = None;
        }
    }
}
