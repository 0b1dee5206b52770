//! Settings: theme, text size, and where the data lives.

use egui::Ui;

use super::vocabulary::{Cx, ThemeChoice, View};
use super::widgets;
use rapport_core::service::export::ExportFormat;

/// Theme, text size, the data folder, backups, export and import.
#[derive(Default)]
pub struct SettingsView {
    import_path: String,
    /// The backups folder as last listed, by journal revision; listed again after a change.
    backups: Option<(u64, Vec<std::path::PathBuf>)>,
    protection: super::protection::ProtectionSettings,
    reminders: super::reminders::ReminderSettings,
    /// The native dialog choosing an archive to import, while it is open.
    import_dialog: Option<super::files::Dialog>,
}

impl View for SettingsView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if let Some(dialog) = &self.import_dialog
            && let Some(chosen) = dialog.poll_in(ui.ctx())
        {
            match chosen {
                super::files::Chosen::Path(path) => self.import_path = path.display().to_string(),
                super::files::Chosen::Unavailable => {
                    cx.notify(super::vocabulary::Notice::error(super::files::UNAVAILABLE));
                }
                super::files::Chosen::Cancelled => {}
            }
            self.import_dialog = None;
        }
        egui::ScrollArea::vertical()
            .id_salt("settings")
            .show(ui, |ui| {
                self.sections(ui, cx);
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}

impl SettingsView {
    /// Every section, in a reading column.
    fn sections(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        widgets::reading_column(ui);
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
        ui.checkbox(&mut cx.state.reduce_motion, "Reduce motion")
            .on_hover_text(
                "The breathing pacer shows words and a count instead of a moving circle.",
            );
        ui.label(
            egui::RichText::new("Ctrl + and Ctrl − change the size anywhere; Ctrl 0 resets it.")
                .weak(),
        );

        ui.add_space(16.0);
        ui.label(egui::RichText::new("Your data").strong());
        let root = cx.model.data_dir().root().to_path_buf();
        if matches!(
            cx.model.data_dir().sealing(),
            rapport_core::storage::seal::Sealing::Plain
        ) {
            ui.label("Your entries are plain text files in this folder. They stay on this computer; back them up like any other documents.");
        } else {
            ui.label("Your entries are files in this folder, sealed with your passphrase. They stay on this computer; back them up like any other documents.");
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.monospace(root.display().to_string());
            if ui.button("Open data folder").clicked()
                && let Err(error) = rapport_core::storage::atomic::create_private_dir_all(&root)
                    .and_then(|()| open::that_detached(&root))
            {
                cx.notify(super::vocabulary::Notice::error(format!(
                    "The folder could not be opened: {error}. Path: {}",
                    root.display()
                )));
            }
        });

        ui.add_space(16.0);
        self.protection.ui(ui, cx);

        ui.add_space(16.0);
        self.reminders.ui(ui, cx);

        ui.add_space(16.0);
        ui.label(egui::RichText::new("Backups").strong());
        ui.label("Rapport keeps a copy of your whole journal each day you use it, for the last 14 days, in the backups folder. Restoring moves your current journal aside first; nothing is deleted.");
        if ui.button("Back up now").clicked() {
            self.backups = None;
            let notice = match cx.model.back_up_now() {
                Ok(path) => {
                    super::vocabulary::Notice::info(format!("Backed up to {}", path.display()))
                }
                Err(error) => super::vocabulary::Notice::error(error.to_string()),
            };
            cx.notify(notice);
        }
        let revision = cx.model.journal().revision();
        if self
            .backups
            .as_ref()
            .is_none_or(|(seen, _)| *seen != revision)
        {
            self.backups = Some((revision, cx.model.backups()));
        }
        let listed = self
            .backups
            .as_ref()
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        for backup in listed.into_iter().take(5) {
            ui.horizontal(|ui| {
                let name = backup
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.monospace(&name);
                let button = ui.small_button("Restore");
                super::widgets::set_accessible_label(ui, &button, format!("Restore {name}"));
                if button.clicked() {
                    let notice = match cx.model.restore_backup(&backup) {
                        Ok(aside) => {
                            cx.actions.push(super::vocabulary::Action::Reload);
                            super::vocabulary::Notice::info(format!(
                                "Restored {name}. Your journal as it was is kept in {}",
                                aside.display()
                            ))
                        }
                        Err(error) => super::vocabulary::Notice::error(error.to_string()),
                    };
                    cx.notify(notice);
                }
            });
        }

        ui.add_space(16.0);
        ui.label(egui::RichText::new("Export and import").strong());
        ui.horizontal_wrapped(|ui| {
            for format in ExportFormat::ALL {
                let text = format!("Export {}", format.label());
                if super::icon::button(ui, super::icon::EXPORT, &text).clicked() {
                    let notice = export(cx, format);
                    cx.notify(notice);
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Archive to import:");
            let width = 320.0_f32.min(ui.available_width() - 8.0);
            ui.add(egui::TextEdit::singleline(&mut self.import_path).desired_width(width))
                .labelled_by(label.id);
            if ui.button("Choose…").clicked() {
                self.import_dialog = Some(super::files::Dialog::pick_archive(
                    cx.model.data_dir().root().join("exports"),
                ));
            }
            if ui.button("Import").clicked() {
                let path = std::path::PathBuf::from(self.import_path.trim());
                cx.actions.push(super::vocabulary::Action::Import(path));
            }
        });
    }
}

/// Writes the whole journal to `DATA_DIR/exports/` in the given format.
pub(super) fn export(cx: &Cx<'_>, format: ExportFormat) -> super::vocabulary::Notice {
    let path = cx
        .model
        .default_export_path(format, rapport_core::time::LocalTime::now());
    match cx.model.export(format, None, &path) {
        Ok(exported) => super::vocabulary::Notice::saved(exported.describe(), exported.path),
        Err(error) => super::vocabulary::Notice::error(error.to_string()),
    }
}
