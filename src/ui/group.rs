//! Sharing with a facilitator (participant side) and the group's progress (facilitator side).

use std::collections::BTreeSet;

use egui::{RichText, TextEdit, Ui};

use super::chart_view::ChartSlot;
use super::vocabulary::{Cx, Notice, View};
use super::widgets;
use rapport_core::facilitator::share::{self, ShareFile};
use rapport_core::insight::chart::Chart;
use rapport_core::service::share::{GroupSummary, save_share};
use rapport_core::time::LocalTime;

/// The participant's "Share my progress with my facilitator" screen.
#[derive(Default)]
pub struct ShareView {
    group: String,
    pseudonym: String,
    programme: String,
    /// The group's start date as typed, YYYY-MM-DD; empty for none.
    start: String,
    include: BTreeSet<String>,
    /// The series on offer, read once.
    offered: Option<Vec<share::Shareable>>,
    /// When the file is made: fixed when the screen opens, so the preview is exactly what is saved.
    created: Option<LocalTime>,
    /// The file as last built, with what it was built from; rebuilt only when that changes.
    built: Option<(BuildKey, Result<ShareFile, share::ShareError>)>,
}

/// Everything a share file is built from.
type BuildKey = (String, String, String, String, BTreeSet<String>, u64);

impl View for ShareView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let offered = self.offered.get_or_insert_with(|| {
            let found = cx.model.shareable();
            // Questionnaire scores are ticked to start with; everything else is opt-in.
            self.include = found
                .iter()
                .filter(|s| !s.id.contains('/'))
                .map(|s| s.id.clone())
                .collect();
            found
        });
        if self.programme.is_empty() {
            self.programme = cx
                .settings
                .value
                .following
                .as_ref()
                .map(|f| f.programme.clone())
                .or_else(|| {
                    cx.model
                        .workbook()
                        .programmes()
                        .next()
                        .map(|p| p.id.clone())
                })
                .unwrap_or_default();
        }
        let mut save = None;
        egui::ScrollArea::vertical().id_salt("share").show(ui, |ui| {
            widgets::reading_column(ui);
            widgets::page_title(ui, "Share my progress with my facilitator");
            ui.label("This makes a file you can give your facilitator. It holds only the numbers and dates you tick below, under a name you choose. None of your written answers are included. Nothing is sent anywhere: you decide where the file goes.");
            ui.add_space(8.0);
            egui::Grid::new("share-fields").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                let label = ui.label("Group code");
                ui.add(TextEdit::singleline(&mut self.group).hint_text("From your facilitator")).labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Pseudonym");
                ui.add(TextEdit::singleline(&mut self.pseudonym).hint_text("The name the group sees")).labelled_by(label.id);
                ui.end_row();
                ui.label("Programme");
                // A long programme title wraps in the button rather than running off a narrow
                // window.
                let combo = egui::ComboBox::from_id_salt("share-programme")
                    .width(ui.available_width().min(360.0))
                    .wrap()
                    .selected_text(
                        cx.model
                            .workbook()
                            .programme(&self.programme)
                            .map_or_else(|| self.programme.clone(), |p| p.title.clone()),
                    )
                    .show_ui(ui, |ui| {
                        for programme in cx.model.workbook().programmes() {
                            ui.selectable_value(&mut self.programme, programme.id.clone(), &programme.title);
                        }
                    });
                widgets::set_accessible_label(ui, &combo.response, "Programme");
                ui.end_row();
                let label = ui.label("Group start date");
                ui.horizontal(|ui| {
                    let width = ui.spacing().text_edit_width * 0.6;
                    widgets::date_field(ui, &mut self.start, label.id, ("Group start date", "share start"), "YYYY-MM-DD, if given", width);
                });
                ui.end_row();
            });
            ui.add_space(8.0);
            ui.label(RichText::new("What to include").strong());
            if offered.is_empty() {
                ui.label("You have no ratings or questionnaire scores to share yet.");
            }
            for series in offered.iter() {
                let mut on = self.include.contains(&series.id);
                if ui.checkbox(&mut on, format!("{} ({} values)", series.label, series.count)).changed() {
                    if on {
                        self.include.insert(series.id.clone());
                    } else {
                        self.include.remove(&series.id);
                    }
                }
            }
            ui.add_space(8.0);
            let created = *self.created.get_or_insert_with(LocalTime::now);
            let key: BuildKey = (
                self.programme.clone(),
                self.start.clone(),
                self.group.clone(),
                self.pseudonym.clone(),
                self.include.clone(),
                cx.model.journal().revision(),
            );
            // Building reads the whole journal: do it when the inputs change, not every frame.
            if self.built.as_ref().is_none_or(|(seen, _)| *seen != key) {
                let include: Vec<String> = self.include.iter().cloned().collect();
                let start = self.start.trim();
                let file = if start.is_empty() {
                    Ok(None)
                } else {
                    start.parse::<jiff::civil::Date>().map(Some).map_err(|_| {
                        share::ShareError(format!("“{start}” is not a date: write the group's start date as YYYY-MM-DD, e.g. 2026-09-02, or leave it empty."))
                    })
                }
                .and_then(|start| {
                    cx.model.build_share(Some(&self.programme), start, &self.group, &self.pseudonym, &include, created)
                });
                self.built = Some((key, file));
            }
            let Some((_, built)) = &self.built else {
                return;
            };
            match built {
                Ok(file) => {
                    if let (Some(start), Some(programme)) = (file.start, cx.model.workbook().programme(&file.programme)) {
                        let weeks = share::run_weeks(programme);
                        let last = share::run_end(start, weeks).yesterday().unwrap_or(start);
                        ui.label(format!(
                            "Only values from the programme's {weeks} weeks are shared: {}.",
                            share::date_range(start, last)
                        ));
                    }
                    ui.label(RichText::new(format!("The file holds {}.", share::describe(file))).strong());
                    egui::CollapsingHeader::new("Show the file")
                        .id_salt("share-file")
                        .default_open(false)
                        .show(ui, |ui| {
                            ui.label("Exactly what the file will contain:");
                            let mut preview = share::to_ron(file);
                            ui.add(
                                TextEdit::multiline(&mut preview)
                                    .code_editor()
                                    .interactive(false)
                                    .desired_rows(10)
                                    .desired_width(f32::INFINITY),
                            );
                        });
                    if ui.button("Save share file").clicked() {
                        save = Some(file.clone());
                    }
                }
                Err(error) => {
                    ui.label(RichText::new(&error.0).color(ui.visuals().warn_fg_color));
                }
            }
        });
        if let Some(file) = save {
            let path = cx.model.default_share_path(&file);
            cx.notify(match save_share(&file, &path) {
                Ok(()) => Notice::saved(
                    format!(
                        "Saved. Give this file to your facilitator: {}",
                        path.display()
                    ),
                    path,
                ),
                Err(error) => Notice::error(error),
            });
        }
    }
}

/// The facilitator's "Group progress" screen.
#[derive(Default)]
pub struct GroupView {
    folder: String,
    group: String,
    /// The run's start date as typed, YYYY-MM-DD; empty: estimated from the files.
    start: String,
    imported: Option<GroupSummary>,
    charts: Vec<ChartSlot>,
    revision: u64,
    participant: Option<String>,
    /// The native dialog choosing the folder, while it is open.
    folder_dialog: Option<super::files::Dialog>,
}

impl GroupView {
    /// Imports the share files in `folder` checked against `group`, as the Import button does,
    /// with week 1 starting on `start` (YYYY-MM-DD) or, when it is empty, estimated.
    pub fn import(
        &mut self,
        workbook: &rapport_core::content::workbook::Workbook,
        folder: &str,
        group: &str,
        start: &str,
    ) -> Result<(), String> {
        let start = parse_start(start)?;
        let group =
            GroupSummary::of_folder(workbook, std::path::Path::new(folder), group, None, start)?;
        self.charts = (0..group.summary.ranges.len())
            .map(|_| ChartSlot::default())
            .collect();
        self.imported = Some(group);
        self.revision += 1;
        Ok(())
    }
}

impl View for GroupView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.folder.is_empty() {
            self.folder = cx
                .model
                .data_dir()
                .root()
                .join("shares")
                .display()
                .to_string();
        }
        if let Some(dialog) = &self.folder_dialog
            && let Some(chosen) = dialog.poll_in(ui.ctx())
        {
            match chosen {
                super::files::Chosen::Path(folder) => self.folder = folder.display().to_string(),
                super::files::Chosen::Unavailable => {
                    cx.notify(Notice::error(super::files::UNAVAILABLE));
                }
                super::files::Chosen::Cancelled => {}
            }
            self.folder_dialog = None;
        }
        let data_dir = cx.model.data_dir().clone();
        egui::ScrollArea::vertical().id_salt("group").show(ui, |ui| {
            widgets::reading_column(ui);
            widgets::page_title(ui, "Group progress");
            widgets::note(ui, "This summary is a conversation aid, not a clinical assessment. It shows only what participants chose to share, and no one's figures on their own. Group formats assume trained, supervised facilitators.");
            ui.add_space(8.0);
            // In a narrow window each label goes above its field, and the fields take the
            // width there is; side by side they would run past the window's edge.
            let room = ui.available_width();
            widgets::form_rows(ui, "group-fields", |ui, narrow| {
                let end_row = |ui: &mut Ui| widgets::end_form_row(ui, narrow);
                let label = ui.label("Folder of share files");
                ui.horizontal(|ui| {
                    let width = if narrow { (room - 90.0).max(120.0) } else { 420.0 };
                    ui.add(TextEdit::singleline(&mut self.folder).desired_width(width)).labelled_by(label.id);
                    if ui.button("Choose…").clicked() {
                        self.folder_dialog = Some(super::files::Dialog::pick_folder(
                            "Choose the folder of share files",
                            std::path::PathBuf::from(&self.folder),
                        ));
                    }
                });
                end_row(ui);
                let width = if narrow { room.min(ui.spacing().text_edit_width) } else { ui.spacing().text_edit_width };
                let label = ui.label("Group code");
                ui.add(TextEdit::singleline(&mut self.group).desired_width(width)).labelled_by(label.id);
                end_row(ui);
                let label = ui.label("Group start date");
                ui.horizontal(|ui| {
                    let width = (width - 90.0).max(110.0);
                    widgets::date_field(ui, &mut self.start, label.id, ("Group start date", "summary start"), "YYYY-MM-DD", width);
                });
                end_row(ui);
            });
            ui.label(RichText::new("Week 1 starts on the group's start date. Without one, it is estimated from the shared files.").weak());
            if ui.button("Import").clicked() {
                let (folder, group, start) = (self.folder.clone(), self.group.clone(), self.start.clone());
                if let Err(error) = self.import(cx.model.workbook(), &folder, &group, &start) {
                    cx.notify(Notice::error(error));
                }
            }
            let Some(group) = &self.imported else {
                return;
            };
            let (import, summary) = (&group.import, &group.summary);
            ui.add_space(8.0);
            ui.label(RichText::new(format!("{} participants' files imported.", import.files.len())).strong());
            for skipped in &import.skipped {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Skipped: {skipped}"));
            }
            if let Some(start) = summary.start_sentence() {
                ui.label(start);
            }
            if let Some(note) = group.outside_note() {
                ui.label(note);
            }
            for (id, slot) in summary.ranges.keys().zip(&mut self.charts) {
                let Some(chart) = summary.chart(id) else {
                    continue;
                };
                ui.add_space(10.0);
                let suppressed = chart.suppressed_weeks();
                slot.show(ui, &data_dir, self.revision, 300.0, || Chart::Group(chart));
                if !suppressed.is_empty() {
                    let weeks: Vec<String> = suppressed.iter().map(ToString::to_string).collect();
                    widgets::note(ui, &format!(
                        "{} {}: {}, so only the count is drawn.",
                        if suppressed.len() == 1 { "Week" } else { "Weeks" },
                        weeks.join(", "),
                        rapport_core::insight::spread::SUPPRESSED
                    ));
                }
            }
            if !summary.changes.is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new("Change over the programme (last value minus first)").strong());
                for row in &summary.changes {
                    let s = row.spread;
                    ui.label(if s.is_shown() {
                        format!(
                            "{}: n = {}, median change {:+.1}, range {:+} to {:+}",
                            row.label, s.n, s.median, s.min, s.max
                        )
                    } else {
                        format!("{}: n = {}, {}", row.label, s.n, rapport_core::insight::spread::SUPPRESSED)
                    });
                }
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Export CSV").clicked() {
                    let path = data_dir.export_file("group-summary.csv");
                    cx.notify(match group.write_csv(&path) {
                        Ok(()) => Notice::saved(format!("Saved to {}", path.display()), path),
                        Err(error) => Notice::error(error),
                    });
                }
                if ui.button("Export PDF").clicked() {
                    let path = data_dir.export_file("group-summary.pdf");
                    cx.notify(match group.write_pdf(&path, rapport_core::facilitator::handout::Paper::A4) {
                        Ok(()) => Notice::saved(format!("Saved to {}", path.display()), path),
                        Err(error) => Notice::error(error),
                    });
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label("Open a participant:");
                let combo = egui::ComboBox::from_id_salt("participant")
                    .selected_text(self.participant.clone().unwrap_or_else(|| "No one".to_owned()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.participant, None, "No one");
                        for file in &import.files {
                            ui.selectable_value(&mut self.participant, Some(file.pseudonym.clone()), &file.pseudonym);
                        }
                    });
                widgets::set_accessible_label(ui, &combo.response, "Open a participant");
            });
            if let Some(file) = import.files.iter().find(|f| Some(&f.pseudonym) == self.participant.as_ref()) {
                for series in &file.series {
                    ui.label(RichText::new(&series.label).strong());
                    let values: Vec<String> = series.points.iter().map(|(d, v)| format!("{d}: {v}")).collect();
                    ui.label(values.join(",  "));
                }
            }
        });
    }
}

/// The group's start date as typed: `None` when empty, or a message saying how to write it.
fn parse_start(text: &str) -> Result<Option<jiff::civil::Date>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| {
        format!("“{text}” is not a date. Write the group's start date as YYYY-MM-DD, e.g. 2026-09-02, or leave it empty.")
    })
}
