//! Settings: theme, text size, and where the data lives.

use egui::Ui;

use super::shell::{Cx, ThemeChoice, View};
use super::widgets::{self, READING_WIDTH};

/// Theme, text size and the data folder.
pub struct SettingsView;

impl View for SettingsView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.set_max_width(READING_WIDTH);
        widgets::page_title(ui, "Settings");

        ui.label(egui::RichText::new("Appearance").strong());
        ui.horizontal(|ui| {
            ui.label("Theme:");
            ui.radio_value(
                &mut cx.state.theme,
                ThemeChoice::System,
                "Follow the system",
            );
            ui.radio_value(&mut cx.state.theme, ThemeChoice::Light, "Light");
            ui.radio_value(&mut cx.state.theme, ThemeChoice::Dark, "Dark");
        });
        ui.horizontal(|ui| {
            let label = ui.label("Text size:");
            let mut percent = (cx.state.zoom * 100.0).round();
            let slider = egui::Slider::new(&mut percent, 50.0..=300.0)
                .step_by(10.0)
                .suffix("%");
            if ui.add(slider).labelled_by(label.id).changed() {
                cx.state.zoom = percent / 100.0;
            }
            if ui.button("Reset").clicked() {
                cx.state.zoom = 1.0;
            }
        });
        ui.label(
            egui::RichText::new("Ctrl + and Ctrl − change the size anywhere; Ctrl 0 resets it.")
                .weak(),
        );

        ui.add_space(16.0);
        ui.label(egui::RichText::new("Your data").strong());
        let root = cx.model.data_dir().root().to_path_buf();
        ui.label("Your entries are plain text files in this folder. They stay on this computer; back them up like any other documents.");
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.monospace(root.display().to_string());
            if ui.button("Open data folder").clicked()
                && let Err(error) = crate::store::create_private_dir_all(&root)
                    .and_then(|()| open::that_detached(&root))
            {
                cx.notify(super::shell::Notice::error(format!(
                    "The folder could not be opened: {error}. Path: {}",
                    root.display()
                )));
            }
        });
    }
}
