//! A worksheet's Progress: its tracked values over time, before-and-after pairs, and for
//! questionnaires the latest score and band in words.

use std::hash::{Hash, Hasher};

use egui::{RichText, Ui};

use super::chart_view::ChartSlot;
use super::vocabulary::Cx;
use rapport_core::content::worksheet::Worksheet;
use rapport_core::insight::chart::Chart;
use rapport_core::insight::progress::{Series, TimeRange};
use rapport_core::time::LocalTime;

/// The Progress tab: a range selector and the worksheet's charts, each cached.
#[derive(Default)]
pub struct ChartCache {
    range: TimeRange,
    trend: ChartSlot,
    before_after: Vec<ChartSlot>,
}

/// A key for chart data: it changes when the journal, the range or the day changes.
pub fn data_key(revision: u64, range: TimeRange, today: LocalTime, extra: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (revision, range, today.date(), extra).hash(&mut hasher);
    hasher.finish()
}

impl ChartCache {
    /// How many times any chart of the tab has been rendered.
    #[must_use]
    pub fn renders(&self) -> u64 {
        self.trend.renders()
            + self
                .before_after
                .iter()
                .map(ChartSlot::renders)
                .sum::<u64>()
    }

    /// The series of the trend chart, as last computed.
    #[must_use]
    pub fn series(&self) -> &[Series] {
        self.trend.series()
    }

    /// Shows the Progress tab of `worksheet`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, worksheet: &Worksheet) {
        if !worksheet.has_tracked() {
            ui.label("This worksheet has no ratings to chart.");
            return;
        }
        ui.horizontal(|ui| {
            ui.label("Show:");
            for range in TimeRange::ALL {
                ui.selectable_value(&mut self.range, range, range.label());
            }
        });
        ui.add_space(4.0);
        let today = LocalTime::now();
        let revision = cx.model.journal().revision();
        let key = data_key(revision, self.range, today, &worksheet.id);
        let model = &*cx.model;
        let data_dir = model.data_dir().clone();
        let range = self.range;
        egui::ScrollArea::vertical()
            .id_salt(("progress", &worksheet.id))
            .show(ui, |ui| {
                let height = (ui.available_width() * 0.45).clamp(220.0, 420.0);
                self.trend.show(ui, &data_dir, key, height, || {
                    Chart::Trend(
                        model
                            .trend_chart(&worksheet.id, range, today)
                            .unwrap_or_else(|| {
                                rapport_core::insight::chart::TrendChart::new(
                                    &worksheet.title,
                                    Vec::new(),
                                )
                            }),
                    )
                });
                if let Some(questionnaire) = worksheet.questionnaire() {
                    latest_score(ui, questionnaire, self.trend.series());
                } else {
                    latest_values(ui, self.trend.series());
                }
                // The pairs come from the definition; their data is computed only when it changes.
                let pairs =
                    rapport_core::insight::progress::before_after(worksheet, [], f64::INFINITY)
                        .len();
                self.before_after.resize_with(pairs, ChartSlot::default);
                for (index, slot) in self.before_after.iter_mut().enumerate() {
                    ui.add_space(12.0);
                    slot.show(ui, &data_dir, key, height * 0.9, || {
                        let mut charts = model.before_after_charts(&worksheet.id, range, today);
                        Chart::BeforeAfter(charts.swap_remove(index))
                    });
                }
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}

/// The latest value of each series in words, so the chart is never the only way to read it.
fn latest_values(ui: &mut Ui, series: &[Series]) {
    for line in series {
        if let Some(last) = line.points.last() {
            ui.label(format!(
                "{}: latest {} (of {}) on {}; {} in this range",
                line.label,
                last.value,
                line.max,
                last.when.human(),
                rapport_core::insight::chart::count_of(line.points.len(), "rating", "ratings")
            ));
        }
    }
}

/// A questionnaire's latest score, its band, and the change since the time before.
fn latest_score(
    ui: &mut Ui,
    questionnaire: &rapport_core::content::questionnaire::Questionnaire,
    series: &[Series],
) {
    let Some(line) = series.first() else {
        return;
    };
    let Some(last) = line.points.last() else {
        return;
    };
    let band = questionnaire.band(last.value);
    let mut text = format!(
        "Latest {}: {} of {} on {}",
        questionnaire.scoring.label,
        last.value,
        line.max,
        last.when.human()
    );
    if let Some(band) = band {
        text = format!("{text} — {}", band.label);
    }
    ui.label(RichText::new(text).strong());
    if let Some(previous) = line.points.len().checked_sub(2).map(|i| &line.points[i]) {
        ui.label(format!(
            "That is {}.",
            questionnaire.describe_change(previous.value, last.value)
        ));
    }
    if let Some(band) = band
        && !band.advice.is_empty()
    {
        ui.label(&band.advice);
    }
}
