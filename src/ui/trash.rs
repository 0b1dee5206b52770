//! The trash: deleted entries, each restorable with one click.

use egui::{RichText, Ui};

use super::vocabulary::{Cx, Notice, View};
use super::widgets;
use rapport_core::storage::journal::TrashedEntry;

/// Deleted entries, newest first.
#[derive(Default)]
pub struct TrashView {
    /// The trash as read at a journal revision; the folder is read again only after a change.
    cache: Option<(u64, Vec<TrashedEntry>)>,
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
            ui.label(
                "The trash is empty. Entries you delete come here, and you can bring them back.",
            );
            return;
        }
        ui.label("Deleted entries stay here until you remove the files yourself.");
        ui.add_space(8.0);
        let mut restore = None;
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
                                // Leave room on the right for the button.
                                ui.set_max_width((ui.available_width() - 110.0).max(160.0));
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
            });
        if let Some(id) = restore {
            let notice = match cx.model.restore(&id) {
                Ok(()) => Notice::info("Restored. The entry is back in its worksheet’s History."),
                Err(error) => Notice::error(error.to_string()),
            };
            cx.notify(notice);
        }
    }
}
