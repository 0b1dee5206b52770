//! Progress overview: practice over the weeks, days practised, check-in scores and closeness to
//! people, each chart cached until the journal, range or day changes.

use egui::Ui;

use super::chart_view::ChartSlot;
use super::progress_view::data_key;
use super::vocabulary::{Cx, View};
use rapport_core::insight::chart::{Chart, TrendChart};
use rapport_core::insight::progress::TimeRange;
use rapport_core::time::LocalTime;

/// All of the user's progress on one page.
#[derive(Default)]
pub struct OverviewView {
    range: TimeRange,
    /// The worksheets "Entries per week" shows, as picked; empty for the most used.
    chosen: Vec<String>,
    weekly: ChartSlot,
    calendar: ChartSlot,
    relationships: ChartSlot,
    measures: Vec<ChartSlot>,
}

impl OverviewView {
    /// How many charts have been rendered, for tests of caching.
    #[must_use]
    pub fn renders(&self) -> u64 {
        [&self.weekly, &self.calendar, &self.relationships]
            .into_iter()
            .chain(&self.measures)
            .map(ChartSlot::renders)
            .sum()
    }
}

impl View for OverviewView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        super::widgets::page_title(ui, "Progress overview");
        if ui
            .button("Summary for my appointment…")
            .on_hover_text("One page to take to your doctor or therapist")
            .clicked()
        {
            cx.navigate(super::vocabulary::Screen::Report);
        }
        ui.horizontal(|ui| {
            ui.label("Show:");
            for range in TimeRange::ALL {
                ui.selectable_value(&mut self.range, range, range.label());
            }
        });
        let today = LocalTime::now();
        let model = &*cx.model;
        let revision = model.journal().revision();
        let data_dir = model.data_dir().clone();
        let range = self.range;
        let measures: Vec<String> = model
            .workbook()
            .worksheets()
            .filter(|w| {
                w.questionnaire().is_some() && !model.journal().entries_for(&w.id).is_empty()
            })
            .map(|w| w.id.clone())
            .collect();
        self.measures
            .resize_with(measures.len(), ChartSlot::default);
        egui::ScrollArea::vertical()
            .id_salt("overview")
            .show(ui, |ui| {
                let height = (ui.available_width() * 0.4).clamp(200.0, 380.0);
                let key = |extra: &str| data_key(revision, range, today, extra);
                let chosen = &self.chosen;
                let weekly_key = key(&format!("weekly {chosen:?}"));
                self.weekly.show(ui, &data_dir, weekly_key, height, || {
                    Chart::Weekly(model.weekly_chart_choosing(today, range, chosen))
                });
                choose_worksheets(ui, model, &mut self.chosen);
                ui.add_space(12.0);
                // As high as 53 week columns of square days need, plus the title and caption.
                let calendar_height =
                    ((ui.available_width() - 52.0) / 53.0 * 7.0 + 84.0).clamp(140.0, height * 0.8);
                self.calendar
                    .show(ui, &data_dir, key("calendar"), calendar_height, || {
                        Chart::Calendar(model.calendar_chart(today))
                    });
                for (slot, id) in self.measures.iter_mut().zip(&measures) {
                    ui.add_space(12.0);
                    slot.show(ui, &data_dir, key(id), height, || {
                        Chart::Trend(
                            model
                                .trend_chart(id, range, today)
                                .unwrap_or_else(|| TrendChart::new(id.clone(), Vec::new())),
                        )
                    });
                }
                ui.add_space(12.0);
                self.relationships
                    .show(ui, &data_dir, key("relationships"), height, || {
                        Chart::Trend(model.relationships_chart(range, today))
                    });
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}

/// A folded list to pick the worksheets "Entries per week" shows, instead of the most used.
/// Two worksheets with the same colour cannot both be picked.
fn choose_worksheets(
    ui: &mut Ui,
    model: &rapport_core::service::model::Model,
    chosen: &mut Vec<String>,
) {
    use rapport_core::insight::chart::{SLOTS, count_of};
    let heading = if chosen.is_empty() {
        "Showing the most used worksheets. Choose…".to_owned()
    } else {
        format!(
            "Showing {} you chose. Change…",
            count_of(chosen.len(), "worksheet", "worksheets")
        )
    };
    egui::CollapsingHeader::new(heading)
        .id_salt("choose worksheets")
        .show(ui, |ui| {
            if ui
                .add_enabled(!chosen.is_empty(), egui::Button::new("Show the most used"))
                .clicked()
            {
                chosen.clear();
            }
            ui.horizontal_wrapped(|ui| {
                for worksheet in model.workbook().worksheets() {
                    if model.journal().entries_for(&worksheet.id).is_empty() {
                        continue;
                    }
                    let slot = model.colour_slot(&worksheet.id);
                    let mut on = chosen.contains(&worksheet.id);
                    let taken_by = chosen
                        .iter()
                        .find(|other| **other != worksheet.id && model.colour_slot(other) == slot)
                        .and_then(|id| model.workbook().get(id));
                    let full = chosen.len() >= SLOTS;
                    let enabled = on || (taken_by.is_none() && !full);
                    let response =
                        ui.add_enabled(enabled, egui::Checkbox::new(&mut on, &worksheet.title));
                    let response = match taken_by {
                        Some(other) => response.on_disabled_hover_text(format!(
                            "It has the same colour as “{}”, which is shown.",
                            other.title
                        )),
                        None if full => response.on_disabled_hover_text(format!(
                            "At most {SLOTS} worksheets at a time."
                        )),
                        None => response,
                    };
                    if response.changed() {
                        if on {
                            chosen.push(worksheet.id.clone());
                        } else {
                            chosen.retain(|id| *id != worksheet.id);
                        }
                    }
                }
            });
        });
}
