//! Problems: files that could not be loaded, with the reason and the path.

use egui::{RichText, Ui};

use super::vocabulary::{Cx, View};
use super::widgets;

/// Lists every file Rapport could not use. The files themselves are never changed.
pub struct ProblemsView;

impl View for ProblemsView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        widgets::reading_column(ui);
        widgets::page_title(ui, "Problems");
        let mut problems = cx.model.problems().to_vec();
        problems.extend(cx.settings.problem().cloned());
        if problems.is_empty() {
            ui.label("Every file loaded. There is nothing to fix.");
            return;
        }
        ui.label("These files could not be used. Rapport has left them exactly as they are and loaded everything else. You can fix a file in a text editor, or move it out of the folder; the app reads the folders again the next time it starts.");
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .id_salt("problems")
            .show(ui, |ui| {
                for problem in &problems {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(&problem.message);
                        ui.label(
                            RichText::new(problem.path.display().to_string())
                                .monospace()
                                .weak(),
                        );
                    });
                    ui.add_space(4.0);
                }
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}
