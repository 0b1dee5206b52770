//! The passphrase protection part of Settings: turn it on (after a plain warning and the offer
//! of an export), lock now, lock after idle time, change the passphrase, turn it off.

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use super::lock::Passphrase;
use super::vocabulary::{Action, Cx, Notice, View};
use rapport_core::storage::protection::MIN_PASSPHRASE_CHARS;
use rapport_core::storage::seal::Sealing;

/// A request the shell carries out on a background thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtectionRequest {
    /// Protect the journal with this passphrase.
    TurnOn(Passphrase),
    /// Remove the protection, after checking this passphrase.
    TurnOff(Passphrase),
    /// Change the passphrase.
    Change {
        /// The passphrase now.
        current: Passphrase,
        /// The new one.
        new: Passphrase,
    },
    /// Lock the journal now.
    LockNow,
}

/// The idle times offered, in minutes.
const LOCK_AFTER: [(Option<u32>, &str); 5] = [
    (Some(5), "5 minutes"),
    (Some(15), "15 minutes"),
    (Some(30), "30 minutes"),
    (Some(60), "1 hour"),
    (None, "Never"),
];

/// The fields of the protection settings; their text is wiped when dropped.
#[derive(Default)]
pub struct ProtectionSettings {
    new: Zeroizing<String>,
    again: Zeroizing<String>,
    understood: bool,
    current: Zeroizing<String>,
    /// Whether the passphrases are shown as typed instead of as dots.
    show: bool,
}

/// The "Show what I type" toggle under passphrase fields; they are hidden by default.
pub(super) fn show_toggle(ui: &mut Ui, show: &mut bool) {
    ui.checkbox(show, "Show what I type")
        .on_hover_text("Shows the passphrase as you type it. Hide it again if someone is near.");
}

/// Under a repeated passphrase: whether the two are the same yet (an empty line until the
/// second is begun).
fn match_indicator(ui: &mut Ui, new: &str, again: &str) {
    if again.is_empty() {
        // The line is kept, so nothing below it moves when the indicator appears.
        ui.add_space(ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y);
        return;
    }
    if new == again {
        let good = super::theme::palette(ui.visuals().dark_mode).good;
        ui.colored_label(good, "Passphrases match");
    } else {
        ui.colored_label(ui.visuals().warn_fg_color, "Do not match yet");
    }
}

/// The technical details of the sealing, for whoever wants them, folded away: the section
/// itself says what protection does in plain words.
fn how_it_works(ui: &mut Ui) {
    egui::CollapsingHeader::new("How it works")
        .default_open(false)
        .show(ui, |ui| {
            ui.label("Each file is sealed with XChaCha20-Poly1305, still one file per entry. A random key does the sealing. That key is kept in protection.ron, itself sealed with a key made from your passphrase by Argon2id (64 MiB, tuned to about half a second on this computer when you turn protection on).");
            ui.label("So unlocking takes about half a second, saving costs nothing extra, and changing the passphrase rewrites one small file. Locking forgets the key and wipes your entries' text from memory.");
        });
}

impl ProtectionSettings {
    /// One labelled row of a two-column grid.
    fn password_field(ui: &mut Ui, label: &str, text: &mut Zeroizing<String>, show: bool) {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(&mut **text)
                .password(!show)
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }

    /// Checks the new passphrase's length; the problem, if any, in words. Whether the two
    /// fields match is shown by [`match_indicator`].
    fn new_passphrase_problem(&self) -> Option<String> {
        (self.new.chars().count() < MIN_PASSPHRASE_CHARS).then(|| {
            format!(
                "Use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words are easy to remember and hard to guess."
            )
        })
    }

    /// Whether the new passphrase can be used: long enough, and typed the same twice.
    fn new_passphrase_ready(&self) -> bool {
        !self.new.is_empty() && self.new_passphrase_problem().is_none() && *self.new == *self.again
    }

    fn clear(&mut self) {
        *self = Self::default();
    }

    fn off(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.label("Anyone who can open your files can read your entries. You can protect them with a passphrase: every entry, earlier version, deleted entry, draft and backup is then sealed, so it can only be read with your passphrase, and Rapport asks for the passphrase when it starts and after a while unused.");
        how_it_works(ui);
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("A forgotten passphrase cannot be recovered.").strong());
            ui.label("Nobody, Rapport included, can open your entries without it. Keep it somewhere safe, and consider keeping a plain copy of your journal first, somewhere only you can reach.");
            if ui.button("Export a copy first").clicked() {
                let notice = super::settings::export(cx, rapport_core::service::export::ExportFormat::Archive);
                cx.notify(notice);
            }
            ui.label(RichText::new("Your crisis contacts and helplines stay readable, so that help is always reachable, even while the journal is locked.").weak());
        });
        ui.add_space(6.0);
        egui::Grid::new("new-passphrase")
            .num_columns(2)
            .show(ui, |ui| {
                Self::password_field(ui, "New passphrase", &mut self.new, self.show);
                Self::password_field(ui, "Type it again", &mut self.again, self.show);
            });
        show_toggle(ui, &mut self.show);
        match_indicator(ui, &self.new, &self.again);
        ui.checkbox(
            &mut self.understood,
            "I understand that a forgotten passphrase cannot be recovered",
        );
        let problem = (!self.new.is_empty())
            .then(|| self.new_passphrase_problem())
            .flatten();
        if let Some(problem) = &problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        if let Some(warning) = rapport_core::service::protection::spaces_warning(&self.new) {
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        }
        let ready = self.understood && self.new_passphrase_ready();
        if ui
            .add_enabled(ready, egui::Button::new("Turn on protection"))
            .clicked()
        {
            let passphrase = Passphrase::take(&mut self.new);
            self.clear();
            cx.actions
                .push(Action::Protection(ProtectionRequest::TurnOn(passphrase)));
        }
    }

    fn on(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.label("Your journal is protected by a passphrase. Entries, earlier versions, deleted entries, drafts and backups are sealed on disk; exports you make are not.");
        how_it_works(ui);
        ui.horizontal(|ui| {
            if ui.button("Lock now").clicked() {
                cx.actions
                    .push(Action::Protection(ProtectionRequest::LockNow));
            }
            let label = ui.label("Lock after this long unused:");
            let current = cx.settings.value.lock_after_minutes;
            let shown = LOCK_AFTER
                .iter()
                .find(|(minutes, _)| *minutes == current)
                .map_or("15 minutes", |(_, name)| *name);
            egui::ComboBox::from_id_salt("lock-after")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (minutes, name) in LOCK_AFTER {
                        if ui.selectable_label(current == minutes, name).clicked()
                            && current != minutes
                        {
                            cx.settings.value.lock_after_minutes = minutes;
                            if let Err(error) = cx.settings.save() {
                                cx.notify(Notice::error(error));
                            }
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.add_space(8.0);
        egui::Grid::new("change-passphrase")
            .num_columns(2)
            .show(ui, |ui| {
                Self::password_field(ui, "Current passphrase", &mut self.current, self.show);
                Self::password_field(ui, "New passphrase", &mut self.new, self.show);
                Self::password_field(ui, "Type it again", &mut self.again, self.show);
            });
        show_toggle(ui, &mut self.show);
        match_indicator(ui, &self.new, &self.again);
        let problem = (!self.new.is_empty())
            .then(|| self.new_passphrase_problem())
            .flatten();
        if let Some(problem) = &problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        if let Some(warning) = rapport_core::service::protection::spaces_warning(&self.new) {
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        }
        ui.horizontal(|ui| {
            let can_change = !self.current.is_empty() && self.new_passphrase_ready();
            if ui
                .add_enabled(can_change, egui::Button::new("Change passphrase"))
                .clicked()
            {
                let request = ProtectionRequest::Change {
                    current: Passphrase::take(&mut self.current),
                    new: Passphrase::take(&mut self.new),
                };
                self.clear();
                cx.actions.push(Action::Protection(request));
            }
            if ui
                .add_enabled(
                    !self.current.is_empty(),
                    egui::Button::new("Turn off protection"),
                )
                .on_hover_text("Makes every file plain text again. Needs the current passphrase.")
                .clicked()
            {
                let passphrase = Passphrase::take(&mut self.current);
                self.clear();
                cx.actions
                    .push(Action::Protection(ProtectionRequest::TurnOff(passphrase)));
            }
        });
    }
}

impl View for ProtectionSettings {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.label(RichText::new("Passphrase protection").strong());
        if matches!(cx.model.data_dir().sealing(), Sealing::Sealed(_)) {
            self.on(ui, cx);
        } else {
            self.off(ui, cx);
        }
    }
}
