//! The Phosphor icons Rapport shows (regular weight, MIT licence), by name. They are drawn from
//! `assets/fonts/Phosphor-Rapport.ttf`, a fallback font that holds only these codepoints: add
//! one here and cut the font again (see [`super::theme::ICONS`]).
//!
//! Icons are decoration: a widget that shows one is named for screen readers (and tests) by
//! its words alone, through [`button`] and [`selectable`].

use egui::{Response, RichText, Ui};

/// Today.
pub const HOUSE: char = '\u{E2C2}';
/// Progress overview.
pub const CHART: char = '\u{E156}';
/// Programmes.
pub const PATH: char = '\u{E39C}';
/// Share with my facilitator.
pub const SHARE: char = '\u{E408}';
/// Group progress.
pub const GROUP: char = '\u{E68E}';
/// Trash.
pub const TRASH: char = '\u{E4A6}';
/// Save.
pub const SAVE: char = '\u{E248}';
/// Print (a handout).
pub const PRINT: char = '\u{E3DC}';
/// Export.
pub const EXPORT: char = '\u{EAF0}';
/// Get help now.
pub const HELP: char = '\u{E63A}';
/// Settings.
pub const SETTINGS: char = '\u{E272}';
/// Lock.
pub const LOCK: char = '\u{E2FA}';
/// Problems.
pub const WARNING: char = '\u{E4E0}';
/// History.
pub const HISTORY: char = '\u{E1A0}';
/// Present.
pub const PRESENT: char = '\u{E654}';
/// Go on (Start, Continue).
pub const ARROW: char = '\u{E06C}';
/// A worksheet.
pub const NOTEBOOK: char = '\u{E34E}';

/// Every icon, for the test that the font has them all.
#[cfg(test)]
const ALL: [char; 17] = [
    HOUSE, CHART, PATH, SHARE, GROUP, TRASH, SAVE, PRINT, EXPORT, HELP, SETTINGS, LOCK, WARNING,
    HISTORY, PRESENT, ARROW, NOTEBOOK,
];

/// `text` after its icon, as a button or label shows it.
#[must_use]
pub fn with(icon: char, text: &str) -> String {
    format!("{icon}  {text}")
}

/// A button showing `icon` before `text` (as `style` makes it: strong, coloured), named `text`
/// for screen readers.
pub fn styled(
    icon: char,
    text: &str,
    style: impl FnOnce(RichText) -> RichText,
) -> egui::Button<'static> {
    egui::Button::new(style(RichText::new(with(icon, text))))
}

/// A button showing `icon` before `text`, named `text` for screen readers.
pub fn button(ui: &mut Ui, icon: char, text: &str) -> Response {
    let response = ui.button(with(icon, text));
    super::widgets::set_accessible_label(ui, &response, text);
    response
}

/// Adds `button` (from [`styled`]) and names it `text` for screen readers.
pub fn add(ui: &mut Ui, button: egui::Button<'_>, text: &str) -> Response {
    let response = ui.add(button);
    super::widgets::set_accessible_label(ui, &response, text);
    response
}

/// A selectable row showing `icon` before `text`, named `text` for screen readers.
pub fn selectable(ui: &mut Ui, selected: bool, icon: char, text: &str) -> Response {
    let response = ui.selectable_label(selected, with(icon, text));
    super::widgets::set_accessible_label(ui, &response, text);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_font_has_every_icon_named_here_and_text_keeps_its_letters() {
        let ctx = egui::Context::default();
        ctx.set_fonts(super::super::theme::fonts(None));
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = egui::FontId::proportional(15.0);
            ui.fonts_mut(|fonts| {
                for icon in ALL {
                    assert!(
                        fonts.has_glyph(&font, icon),
                        "the icon font lacks U+{:04X}",
                        icon as u32
                    );
                }
                assert!(fonts.has_glyphs(&font, "Grüße, שלום, مرحبا, Привет"));
            });
        });
        output.textures_delta.clear();
    }
}
