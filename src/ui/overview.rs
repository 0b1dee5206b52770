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
                self.weekly.show(ui, &data_dir, key("weekly"), height, || {
                    Chart::Weekly(model.weekly_chart_for(today, range))
                });
                ui.add_space(12.0);
                self.calendar
                    .show(ui, &data_dir, key("calendar"), height * 0.8, || {
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
            });
    }
}
