//! Today: the first screen. A greeting, recent check-ins, the week so far, and what to do next.
//! Calm and encouraging: no streaks, no scores to beat.

use egui::{Color32, Pos2, RichText, Sense, Stroke, Ui, Vec2};

use super::vocabulary::{Cx, Screen, View};
use super::widgets;
use rapport_core::insight::dashboard::{CheckIn, Dashboard, Suggestion};
use rapport_core::storage::settings::Following;
use rapport_core::time::LocalTime;

/// Shown wherever it matters that Rapport is self-help, not treatment.
pub const NOT_A_SUBSTITUTE: &str = "Rapport is a self-help workbook. It is not a substitute for professional care, diagnosis or treatment. If you are struggling, please talk to a doctor, counsellor or therapist. If you might be in danger, press “Get help now” at the top of the window.";

/// The Today screen, with its summary cached until the journal, the day or the programme
/// followed (or its week) changes.
#[derive(Default)]
pub struct TodayView {
    cached: Option<(u64, jiff::civil::Date, Option<Following>, Dashboard)>,
}

impl View for TodayView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let now = LocalTime::now();
        let revision = cx.model.journal().revision();
        let following = &cx.settings.value.following;
        if self.cached.as_ref().is_none_or(|(seen, day, followed, _)| {
            *seen != revision || *day != now.date() || followed != following
        }) {
            let dashboard = Dashboard::new(
                cx.model.workbook(),
                cx.model.journal(),
                cx.settings.value.following.as_ref(),
                now,
            );
            self.cached = Some((revision, now.date(), following.clone(), dashboard));
        }
        let Some((_, _, _, dashboard)) = &self.cached else {
            return;
        };
        let mut open = None;
        egui::ScrollArea::vertical().id_salt("today").show(ui, |ui| {
            widgets::reading_column(ui);
            widgets::page_title(ui, &dashboard.greeting);
            ui.label(RichText::new(&dashboard.date).weak());
            ui.add_space(10.0);

            if dashboard.first_time {
                widgets::paragraphs(
                    ui,
                    "Rapport is a workbook for the skills of Interpersonal Therapy (IPT). IPT starts from a simple observation: how we feel and how our relationships are going affect each other. When a relationship is strained, a loss is fresh or life changes shape, mood often follows; and when mood is low, relationships get harder.\n\n\
                     Each worksheet takes one skill or one question at a time. Choose one from the list on the left, read its short introduction, and answer its steps in your own words. Your answers are saved as plain files on this computer only. Nothing is sent anywhere.",
                );
                widgets::note(ui, NOT_A_SUBSTITUTE);
                ui.add_space(10.0);
            }

            if let Some(programme) = &dashboard.programme {
                ui.heading("Your programme");
                ui.label(programme);
                ui.add_space(10.0);
            }

            if !dashboard.check_ins.is_empty() {
                ui.heading("Recent check-ins");
                ui.add_space(4.0);
                check_in_cards(ui, &dashboard.check_ins);
                ui.add_space(10.0);
            }

            if !dashboard.first_time {
                ui.heading("This week");
                ui.add_space(4.0);
                week_row(ui, &dashboard.week);
                ui.label(&dashboard.this_week);
                ui.add_space(10.0);
            }

            ui.heading("What to do next");
            ui.add_space(4.0);
            if let Some(worksheet) = cx
                .state
                .last_worksheet
                .as_ref()
                .and_then(|id| cx.model.workbook().get(id))
            {
                let last = Suggestion {
                    worksheet: worksheet.id.clone(),
                    title: worksheet.title.clone(),
                    reason: "The worksheet you had open last time.".to_owned(),
                };
                continue_row(ui, &last, &mut open);
            }
            for suggestion in &dashboard.suggestions {
                suggestion_row(ui, suggestion, &mut open);
            }
            if !dashboard.first_time {
                ui.add_space(16.0);
                ui.label(RichText::new(NOT_A_SUBSTITUTE).weak());
            }
            super::keyboard::keep_focus_in_view(ui);
        });
        if let Some(id) = open {
            cx.navigate(Screen::Worksheet(id));
        }
    }
}

/// The worksheet open last time, with a "Continue" button.
fn continue_row(ui: &mut Ui, suggestion: &Suggestion, open: &mut Option<String>) {
    action_row(ui, suggestion, "Continue", open);
}

fn suggestion_row(ui: &mut Ui, suggestion: &Suggestion, open: &mut Option<String>) {
    action_row(ui, suggestion, "Start", open);
}

/// A suggestion with its button, `verb` ("Start", "Continue"), named for screen readers as
/// "`verb` title".
fn action_row(ui: &mut Ui, suggestion: &Suggestion, verb: &str, open: &mut Option<String>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                // Leave room on the right for the button.
                ui.set_max_width((ui.available_width() - 110.0).max(160.0));
                ui.label(RichText::new(&suggestion.title).strong());
                ui.label(&suggestion.reason);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = ui.button(super::icon::with(super::icon::ARROW, verb));
                widgets::set_accessible_label(ui, &button, format!("{verb} {}", suggestion.title));
                if button.clicked() {
                    *open = Some(suggestion.worksheet.clone());
                }
            });
        });
    });
    ui.add_space(4.0);
}

/// The narrowest a check-in card gets before the cards go one under another.
const CARD_MIN_WIDTH: f32 = 240.0;

/// The check-ins as cards, as many side by side as fit (at most three).
fn check_in_cards(ui: &mut Ui, check_ins: &[CheckIn]) {
    let gap = ui.spacing().item_spacing.x;
    let fit = ((ui.available_width() + gap) / (CARD_MIN_WIDTH + gap)).floor();
    // At least one, at most three: the float holds a small whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_row = (fit.clamp(1.0, 3.0) as usize).min(check_ins.len()).max(1);
    for row in check_ins.chunks(per_row) {
        ui.columns(per_row, |columns| {
            for (column, check_in) in columns.iter_mut().zip(row) {
                // Columns are justified, which would stretch the words of wrapped lines.
                column.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    check_in_card(ui, check_in);
                });
            }
        });
        ui.add_space(4.0);
    }
}

/// One measure: its latest score and band, its recent course, when and how it changed.
fn check_in_card(ui: &mut Ui, check_in: &CheckIn) {
    let palette = super::theme::palette(ui.visuals().dark_mode);
    egui::Frame::group(ui.style())
        .fill(palette.card)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&check_in.headline).strong());
            sparkline(ui, check_in, palette.accent);
            ui.label(RichText::new(&check_in.detail).weak());
        });
}

/// The latest scores as a small line, low scores at the bottom, on the measure's whole scale.
fn sparkline(ui: &mut Ui, check_in: &CheckIn, colour: Color32) {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), 36.0), Sense::hover());
    let scores: Vec<String> = check_in.recent.iter().map(ToString::to_string).collect();
    let label = format!("Latest scores, oldest first: {}", scores.join(", "));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, label.clone()));
    let (low, high) = check_in.range;
    let span = (high - low).max(1);
    let count = check_in.recent.len();
    // Scores and their count are small whole numbers: exact as f32.
    #[allow(clippy::cast_precision_loss)]
    let point = |index: usize, total: i64| {
        let x = if count > 1 {
            rect.left() + rect.width() * index as f32 / (count - 1) as f32
        } else {
            rect.right()
        };
        let y = rect.bottom() - rect.height() * (total - low) as f32 / span as f32;
        Pos2::new(x, y.clamp(rect.top() + 3.0, rect.bottom() - 3.0))
    };
    let points: Vec<Pos2> = (0..)
        .zip(&check_in.recent)
        .map(|(index, &total)| point(index, total))
        .collect();
    let painter = ui.painter_at(rect.expand(4.0));
    painter.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    painter.add(egui::Shape::line(points.clone(), Stroke::new(2.0, colour)));
    if let Some(last) = points.last() {
        painter.circle_filled(*last, 3.5, colour);
    }
}

/// This week's days as dots, filled on days with an entry; no streaks, nothing to keep up.
fn week_row(ui: &mut Ui, week: &[(String, bool)]) {
    let palette = super::theme::palette(ui.visuals().dark_mode);
    let size = Vec2::new(26.0, 40.0);
    let width = size.x * week.len().max(1) as f32;
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, size.y), Sense::hover());
    let written: Vec<String> = week
        .iter()
        .map(|(day, done)| format!("{day} {}", if *done { "written" } else { "not yet" }))
        .collect();
    let label = format!("Days this week: {}", written.join(", "));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, label.clone()));
    let painter = ui.painter_at(rect);
    let font = egui::FontId::proportional(super::theme::size::CAPTION);
    for (index, (day, done)) in (0_u8..).zip(week) {
        let centre = Pos2::new(
            rect.left() + size.x * (f32::from(index) + 0.5),
            rect.top() + 10.0,
        );
        if *done {
            painter.circle_filled(centre, 7.0, palette.accent);
        } else {
            painter.circle_stroke(centre, 7.0, Stroke::new(1.5, palette.line));
        }
        painter.text(
            Pos2::new(centre.x, rect.bottom() - 2.0),
            egui::Align2::CENTER_BOTTOM,
            // The initial under its dot, as on a calendar; the label names the whole day.
            day.chars().next().map(String::from).unwrap_or_default(),
            font.clone(),
            palette.weak,
        );
    }
}
