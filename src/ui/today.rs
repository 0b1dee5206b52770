//! Today: the first screen. A greeting, recent check-ins, the week so far, and what to do next.
//! Calm and encouraging: no streaks, no scores to beat.

use egui::{RichText, Ui};

use super::vocabulary::{Cx, Screen, View};
use super::widgets;
use rapport_core::insight::dashboard::{Dashboard, Suggestion};
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
                for line in &dashboard.check_ins {
                    ui.label(line);
                }
                ui.add_space(10.0);
            }

            if !dashboard.first_time {
                ui.heading("This week");
                ui.add_space(4.0);
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
