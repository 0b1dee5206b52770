//! The trash: deleted entries, each restorable with one click, or deleted for good (one, or
//! all with "Empty trash") after a confirmation.

use egui::{Key, RichText, Ui};

use super::vocabulary::{Cx, Notice, View};
use super::widgets;
use rapport_core::service::trash::{EMPTY_WARNING, FOREVER_WARNING};
use rapport_core::storage::journal::TrashedEntry;

/// A deletion for good, waiting for the person to confirm it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Forever {
    /// One entry: its id, and how it is named on screen.
    One { id: String, name: String },
    /// Everything in the trash.
    All { count: usize },
}

/// Deleted entries, newest first.
#[derive(Default)]
pub struct TrashView {
    /// The trash as read at a journal revision; the folder is read again only after a change.
    cache: Option<(u64, Vec<TrashedEntry>)>,
    /// A "Delete forever" or "Empty trash" waiting for confirmation.
    confirming: Option<Forever>,
}

impl TrashView {
    /// Asks before deleting for good; on "Delete forever", does it and says what went.
    fn confirm(&mut self, ui: &Ui, cx: &mut Cx<'_>) {
        let Some(forever) = self.confirming.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm-delete-forever")).show(ui.ctx(), |ui| {
            ui.set_max_width(
                440.0_f32
                    .min(ui.ctx().content_rect().width() - 40.0)
                    .max(200.0),
            );
            let (heading, question, button) = match &forever {
                Forever::One { name, .. } => (
                    "Delete this entry forever?",
                    format!("“{name}” will be deleted for good."),
                    "Delete forever",
                ),
                Forever::All { count: 1 } => (
                    "Empty the trash?",
                    "The 1 entry in the trash will be deleted for good.".to_owned(),
                    "Empty trash",
                ),
                Forever::All { count } => (
                    "Empty the trash?",
                    format!("All {count} entries in the trash will be deleted for good."),
                    "Empty trash",
                ),
            };
            ui.heading(heading);
            ui.add_space(6.0);
            ui.label(question);
            ui.label(match &forever {
                Forever::One { .. } | Forever::All { count: 1 } => FOREVER_WARNING,
                Forever::All { .. } => EMPTY_WARNING,
            });
            ui.add_space(10.0);
            ui.horizontal_wrapped(|ui| {
                let keep = ui.button("Keep it");
                widgets::set_accessible_label(ui, &keep, "Keep it in the trash");
                if keep.clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    answer = Some(false);
                }
                let delete = ui.button(RichText::new(button).color(ui.visuals().error_fg_color));
                widgets::set_accessible_label(
                    ui,
                    &delete,
                    format!("Yes, {}", button.to_lowercase()),
                );
                if delete.clicked() {
                    answer = Some(true);
                }
            });
        });
        match answer {
            Some(true) => {
                self.confirming = None;
                let result = match &forever {
                    Forever::One { id, .. } => cx.model.delete_forever(id),
                    Forever::All { .. } => cx.model.empty_trash(),
                };
                // The trash is not part of the journal's revision: read it again.
                self.cache = None;
                cx.notify(match result {
                    Ok(forgotten) => Notice::info(forgotten.message()),
                    Err(error) => Notice::error(error.to_string()),
                });
            }
            Some(false) => self.confirming = None,
            None => {}
        }
    }
}

impl View for TrashView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        widgets::reading_column(ui);
        widgets::page_title(ui, "Trash");
        let revision = cx.model.journal().revision();
        if self
            .cache
            .as_ref()
            .is_none_or(|(seen, _)| *seen != revision)
        {
            self.cache = Some((revision, cx.model.journal().trash()));
        }
        let trashed = self
            .cache
            .as_ref()
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        if trashed.is_empty() {
            // Emptied elsewhere while a question was open: the question is void.
            self.confirming = None;
            ui.label(
                "The trash is empty. Entries you delete come here, and you can bring them back.",
            );
            return;
        }
        ui.label(
            "Deleted entries stay here until you delete them forever. Restore brings one back.",
        );
        ui.add_space(4.0);
        let empty = ui.button("Empty trash");
        widgets::set_accessible_label(
            ui,
            &empty,
            match trashed.len() {
                1 => "Empty trash: delete the 1 entry forever".to_owned(),
                count => format!("Empty trash: delete all {count} entries forever"),
            },
        );
        if empty.clicked() {
            self.confirming = Some(Forever::All {
                count: trashed.len(),
            });
        }
        ui.add_space(8.0);
        let mut restore = None;
        let mut forever = None;
        egui::ScrollArea::vertical()
            .id_salt("trash")
            .show(ui, |ui| {
                for item in &trashed {
                    let worksheet = cx.model.workbook().get(&item.entry.worksheet);
                    let title =
                        worksheet.map_or(item.entry.worksheet.as_str(), |w| w.title.as_str());
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.vertical(|ui| {
                                // Leave room on the right for the buttons.
                                ui.set_max_width((ui.available_width() - 230.0).max(160.0));
                                ui.label(
                                    RichText::new(format!(
                                        "{title} · {}",
                                        item.entry.created.human()
                                    ))
                                    .strong(),
                                );
                                ui.label(item.entry.summary(worksheet));
                            });
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    let name = format!(
                                        "{title} entry from {}",
                                        item.entry.created.human()
                                    );
                                    let delete = ui.button("Delete forever");
                                    widgets::set_accessible_label(
                                        ui,
                                        &delete,
                                        format!("Delete forever {name}"),
                                    );
                                    if delete.clicked() {
                                        forever = Some(Forever::One {
                                            id: item.entry.id.clone(),
                                            name,
                                        });
                                    }
                                    let button = ui.button("Restore");
                                    widgets::set_accessible_label(
                                        ui,
                                        &button,
                                        format!(
                                            "Restore {title} entry from {}",
                                            item.entry.created.human()
                                        ),
                                    );
                                    if button.clicked() {
                                        restore = Some(item.entry.id.clone());
                                    }
                                },
                            );
                        });
                    });
                    ui.add_space(4.0);
                }
                super::keyboard::keep_focus_in_view(ui);
            });
        if forever.is_some() {
            self.confirming = forever;
        }
        self.confirm(ui, cx);
        if let Some(id) = restore {
            let notice = match cx.model.restore(&id) {
                Ok(()) => Notice::info("Restored. The entry is back in its worksheet’s History."),
                Err(error) => Notice::error(error.to_string()),
            };
            cx.notify(notice);
        }
    }
}
