//! Small widgets shared by the views.

use egui::{Response, RichText, Ui};

use rapport_core::content::worksheet::RatingScale;

/// The widest that reading text should run, in points, for comfortable line lengths.
pub const READING_WIDTH: f32 = 720.0;

/// Narrows `ui` to a reading column: [`READING_WIDTH`] at most, and never wider than the space
/// there is (less room for a scroll bar), so nothing runs past the window's edge.
/// (`Ui::set_max_width` alone can widen a narrow panel.)
pub fn reading_column(ui: &mut Ui) {
    ui.set_max_width(READING_WIDTH.min(ui.available_width() - 16.0).max(120.0));
}

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
    // A wide scale (a worksheet may span up to 100 steps) is a slider, not a row of buttons.
    if scale.max.saturating_sub(scale.min) > 10 {
        ui.horizontal_wrapped(|ui| {
            if !scale.low.is_empty() {
                ui.label(RichText::new(&scale.low).weak());
            }
            let mut number = value.unwrap_or(scale.min);
            let response = ui.add(egui::Slider::new(&mut number, scale.min..=scale.max));
            set_accessible_label(ui, &response, label);
            if response.changed() {
                *value = Some(number);
                changed = true;
            }
            if !scale.high.is_empty() {
                ui.label(RichText::new(&scale.high).weak());
            }
            if value.is_some() && ui.small_button("Clear").clicked() {
                *value = None;
                changed = true;
            }
        });
        return changed;
    }
    // The buttons in a row, the end words under them: the low one under the first button, the
    // high one ending under the last, as on a paper scale.
    let mut ends: Option<(egui::Rect, egui::Rect)> = None;
    ui.horizontal_wrapped(|ui| {
        for number in scale.min..=scale.max {
            let selected = *value == Some(number);
            let button = egui::Button::new(number.to_string())
                .selected(selected)
                .min_size(egui::vec2(30.0, 28.0));
            let response = ui.add(button);
            set_accessible_label(ui, &response, format!("{label}: {number}"));
            ends = Some(ends.map_or((response.rect, response.rect), |(first, _)| {
                (first, response.rect)
            }));
            if response.clicked() {
                *value = if selected { None } else { Some(number) };
                changed = true;
            }
        }
    });
    if let Some((first, last)) = ends
        && !(scale.low.is_empty() && scale.high.is_empty())
    {
        scale_ends(ui, &scale.low, &scale.high, last.right() - first.left());
    }
    changed
}

/// The words at either end of a rating scale `width` wide: `low` from its left edge, `high`
/// ending at its right edge, each wrapping within its half so the two never overlap.
fn scale_ends(ui: &mut Ui, low: &str, high: &str, width: f32) {
    let half = ((width - ui.spacing().item_spacing.x) / 2.0).max(0.0);
    let end = |ui: &mut Ui, text: &str, align: egui::Align| {
        ui.allocate_ui_with_layout(egui::vec2(half, 0.0), egui::Layout::top_down(align), |ui| {
            ui.set_width(half);
            if !text.is_empty() {
                ui.label(RichText::new(text).weak());
            }
        });
    };
    ui.horizontal_top(|ui| {
        end(ui, low, egui::Align::Min);
        end(ui, high, egui::Align::Max);
    });
}

/// A heading-sized page title.
pub fn page_title(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(title_text(ui, text));
    ui.add_space(4.0);
}

/// A page's title as text: the title size, bold, in the strong colour.
pub fn title_text(ui: &Ui, text: &str) -> RichText {
    RichText::new(text)
        .font(egui::FontId::new(
            super::theme::size::TITLE,
            super::theme::bold(),
        ))
        .color(ui.visuals().strong_text_color())
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

/// Draws a closeness circle: "Me" in the middle and each person on their ring, 1 being the
/// innermost. `size` is the drawing's width and height in points.
pub fn closeness_circle(ui: &mut Ui, rings: &[String], people: &[(&str, u8)], size: f32) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let description: Vec<String> = people
        .iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .map(|(name, ring)| {
            let label = rings
                .get(usize::from(*ring).saturating_sub(1))
                .map_or("", String::as_str);
            format!("{name} ({label})")
        })
        .collect();
    let label = format!("Closeness circle: {}", description.join(", "));
    // Named as a picture, with its place on screen, for screen readers (and tests).
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let centre = rect.center();
    let ring_count = rings.len().max(1) as f32;
    let outer = size * 0.5 - 4.0;
    let inner = outer * 0.22;
    let step = (outer - inner) / ring_count;
    let fills = [
        visuals.selection.bg_fill,
        visuals.widgets.inactive.bg_fill,
        visuals.faint_bg_color,
    ];
    for ring in (0..rings.len()).rev() {
        let radius = inner + step * (ring as f32 + 1.0);
        let fill = fills[ring.min(fills.len() - 1)]
            .gamma_multiply(0.35 + 0.15 * (rings.len() - ring) as f32 / ring_count);
        painter.circle(
            centre,
            radius,
            fill,
            visuals.widgets.noninteractive.bg_stroke,
        );
    }
    painter.circle_filled(centre, inner, visuals.selection.bg_fill);
    painter.text(
        centre,
        egui::Align2::CENTER_CENTER,
        "Me",
        egui::FontId::proportional(super::theme::size::BODY),
        visuals.strong_text_color(),
    );
    for ring in 1..=rings.len() {
        let on_ring: Vec<&str> = people
            .iter()
            .filter(|(name, r)| usize::from(*r) == ring && !name.trim().is_empty())
            .map(|(name, _)| *name)
            .collect();
        let radius = inner + step * (ring as f32 - 0.5);
        // Start each ring at a different angle so names on neighbouring rings do not line up.
        let offset = ring as f32 * 0.7;
        for (index, name) in on_ring.iter().enumerate() {
            let angle = offset + std::f32::consts::TAU * index as f32 / on_ring.len() as f32;
            let position = centre + radius * egui::vec2(angle.cos(), angle.sin());
            painter.circle_filled(position, 3.0, visuals.strong_text_color());
            painter.text(
                position + egui::vec2(0.0, -4.0),
                egui::Align2::CENTER_BOTTOM,
                *name,
                egui::FontId::proportional(super::theme::size::CAPTION),
                visuals.strong_text_color(),
            );
        }
    }
}

/// Saves a PDF handout in the data folder's `exports/` and says where, or why it failed.
pub fn save_handout(
    root: &std::path::Path,
    name: &str,
    pdf: Result<Vec<u8>, rapport_core::facilitator::handout::HandoutError>,
) -> super::vocabulary::Notice {
    let path = root.join("exports").join(format!("{name}.pdf"));
    match pdf.and_then(|bytes| rapport_core::facilitator::handout::write(&path, &bytes)) {
        Ok(()) => {
            super::vocabulary::Notice::saved(format!("Handout saved to {}", path.display()), path)
        }
        Err(error) => super::vocabulary::Notice::error(error.to_string()),
    }
}

/// A date typed as 2026-11-25, with a calendar beside it to pick one instead. `name` is what
/// the date is (for the calendar's accessible label), `salt` tells its calendar from others on
/// the page, `labelled_by` is the label the text box is read with. Returns whether the text
/// changed.
pub fn date_field(
    ui: &mut Ui,
    text: &mut String,
    labelled_by: egui::Id,
    (name, salt): (&str, &str),
    hint: &str,
    width: f32,
) -> bool {
    let mut changed = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(labelled_by)
        .changed();
    // The calendar opens on the date written, or on today while none is.
    let shown = text
        .trim()
        .parse::<jiff::civil::Date>()
        .unwrap_or_else(|_| rapport_core::time::LocalTime::now().date());
    if let Some(mut picked) = to_picker_date(shown) {
        let calendar = ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(salt)
                // No `%` in the format: the button shows these words, not the date twice.
                .format("Calendar…")
                .show_icon(false)
                .calendar_week(false)
                .highlight_weekends(false),
        );
        set_accessible_label(ui, &calendar, format!("{name}: pick a date"));
        if calendar.changed()
            && let Some(date) = from_picker_date(picked)
        {
            *text = date.to_string();
            changed = true;
        }
    }
    changed
}

/// `date` as the date picker holds it (`egui_extras` works in jiff 0.2's dates).
fn to_picker_date(date: jiff::civil::Date) -> Option<jiff_02::civil::Date> {
    jiff_02::civil::Date::new(date.year(), date.month(), date.day()).ok()
}

/// The date picked, as the core holds dates.
fn from_picker_date(date: jiff_02::civil::Date) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(date.year(), date.month(), date.day()).ok()
}

/// Below this width a form's labels go above their fields rather than beside them.
pub const STACK_LABELS_BELOW: f32 = 560.0;

/// Lays out a form as rows of a label and its field. With room, the labels make a column and
/// each field (even one that wraps onto a second line) keeps to its own column; in a narrow
/// space each label goes above its field. `rows` is given the `Ui` and whether it is narrow,
/// and ends each row with [`end_form_row`].
pub fn form_rows(ui: &mut Ui, id_salt: &str, rows: impl FnOnce(&mut Ui, bool)) {
    let narrow = ui.available_width() < STACK_LABELS_BELOW;
    if narrow {
        rows(ui, true);
    } else {
        egui::Grid::new(id_salt)
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| rows(ui, false));
    }
}

/// Ends a row of [`form_rows`].
pub fn end_form_row(ui: &mut Ui, narrow: bool) {
    if narrow {
        ui.add_space(4.0);
    } else {
        ui.end_row();
    }
}

/// Where the page's own bar at its foot begins (a worksheet's save bar), so that the shell's
/// floating notice sits above it instead of over its buttons. The shell clears it each frame
/// before drawing the page.
pub fn keep_foot_clear(ui: &Ui, top: f32) {
    ui.ctx()
        .data_mut(|data| data.insert_temp(page_foot_id(), top));
}

/// The top of the bar the page keeps at its foot this frame, if it has one, and forgets it.
pub fn take_page_foot(ctx: &egui::Context) -> Option<f32> {
    ctx.data_mut(|data| data.remove_temp::<f32>(page_foot_id()))
}

fn page_foot_id() -> egui::Id {
    egui::Id::unique("rapport-page-foot")
}
