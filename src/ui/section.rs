//! A section's page: its introduction and the worksheets in it.

use egui::{RichText, Ui};

use super::vocabulary::{Cx, Screen, View};
use super::widgets;

/// The page of one section.
pub struct SectionView {
    /// The section's id.
    pub id: String,
}

impl View for SectionView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let workbook = cx.model.workbook();
        let Some(section) = workbook.sections().iter().find(|s| s.id == self.id) else {
            ui.label("This section is no longer in the workbook.");
            return;
        };
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt(("section", &section.id))
            .show(ui, |ui| {
                widgets::reading_column(ui);
                widgets::page_title(ui, &section.title);
                widgets::paragraphs(ui, &section.introduction);
                if section.id == "getting-started" {
                    widgets::note(ui, super::today::NOT_A_SUBSTITUTE);
                }
                ui.add_space(10.0);
                for worksheet in workbook.worksheets_in(&section.id) {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.vertical(|ui| {
                                // Leave room on the right for the button.
                                ui.set_max_width((ui.available_width() - 110.0).max(160.0));
                                ui.label(RichText::new(&worksheet.title).strong());
                                if !worksheet.summary.is_empty() {
                                    ui.label(&worksheet.summary);
                                }
                            });
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    let button = ui.button("Open");
                                    widgets::set_accessible_label(
                                        ui,
                                        &button,
                                        format!("Open {}", worksheet.title),
                                    );
                                    if button.clicked() {
                                        open = Some(worksheet.id.clone());
                                    }
                                },
                            );
                        });
                    });
                    ui.add_space(4.0);
                }
                super::keyboard::keep_focus_in_view(ui);
            });
        if let Some(id) = open {
            cx.navigate(Screen::Worksheet(id));
        }
    }
}
