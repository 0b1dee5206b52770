//! Small widgets shared by the views.

use egui::{Response, RichText, Ui};

use crate::workbook::RatingScale;

/// The widest that reading text should run, in points, for comfortable line lengths.
pub const READING_WIDTH: f32 = 720.0;

/// Gives a widget an accessible name other than its visible text (e.g. "Intensity before: 7"
/// for a button that shows "7"), so screen readers and tests can tell widgets apart.
pub fn set_accessible_label(ui: &Ui, response: &Response, label: impl Into<String>) {
    let label = label.into();
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
}

/// A rating scale drawn as a row of buttons, one per value, like a scale on paper.
///
/// `value` is `None` until the user picks one, so an untouched rating is never saved as a
/// number the user did not choose. Clicking the chosen value again clears it.
/// Returns whether the value changed.
pub fn rating_scale(
    ui: &mut Ui,
    label: &str,
    scale: &RatingScale,
    value: &mut Option<i64>,
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        if !scale.low.is_empty() {
            ui.label(RichText::new(&scale.low).weak());
        }
        for number in scale.min..=scale.max {
            let selected = *value == Some(number);
            let button = egui::Button::new(RichText::new(number.to_string()).monospace())
                .selected(selected)
                .min_size(egui::vec2(30.0, 28.0));
            let response = ui.add(button);
            set_accessible_label(ui, &response, format!("{label}: {number}"));
            if response.clicked() {
                *value = if selected { None } else { Some(number) };
                changed = true;
            }
        }
        if !scale.high.is_empty() {
            ui.label(RichText::new(&scale.high).weak());
        }
    });
    changed
}

/// A heading-sized page title.
pub fn page_title(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.heading(text);
    ui.add_space(4.0);
}

/// Paragraphs separated by blank lines, each wrapped to the available width.
pub fn paragraphs(ui: &mut Ui, text: &str) {
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        ui.label(paragraph);
        ui.add_space(6.0);
    }
}

/// A calm framed note, e.g. the "not a substitute for professional care" statement.
pub fn note(ui: &mut Ui, text: &str) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(text);
        });
}
