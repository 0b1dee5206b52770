//! A worksheet's Progress: its tracked ratings drawn by plotters, shown as a cached texture.

use egui::{ColorImage, TextureHandle, TextureOptions, Ui};

use super::shell::Cx;
use crate::chart::{self, ProgressChart, Theme};
use crate::progress::Series;
use crate::workbook::Worksheet;

/// What a rendered chart depends on; the texture is redrawn only when this changes.
#[derive(Clone, Debug, PartialEq)]
struct ChartKey {
    worksheet: String,
    revision: u64,
    size: [usize; 2],
    theme: Theme,
}

/// The chart texture of the Progress tab, re-rendered only when the data, size or theme change.
#[derive(Default)]
pub struct ChartCache {
    key: Option<ChartKey>,
    chart: Option<ProgressChart>,
    texture: Option<TextureHandle>,
    renders: u64,
    error: Option<String>,
}

impl ChartCache {
    /// How many times a chart has been rendered.
    #[must_use]
    pub fn renders(&self) -> u64 {
        self.renders
    }

    /// The series on show, as last computed.
    #[must_use]
    pub fn series(&self) -> &[Series] {
        self.chart
            .as_ref()
            .map_or(&[], |chart| chart.series.as_slice())
    }

    /// Shows the Progress tab of `worksheet`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, worksheet: &Worksheet) {
        if !worksheet.has_tracked() {
            ui.label("This worksheet has no ratings to chart.");
            return;
        }
        let revision = cx.model.journal().revision();
        if self.chart.is_none()
            || self
                .key
                .as_ref()
                .is_none_or(|key| key.worksheet != worksheet.id || key.revision != revision)
        {
            self.chart = cx.model.progress_chart(&worksheet.id);
        }
        let Some(chart) = &self.chart else {
            return;
        };
        if !chart.has_points() {
            self.key = None;
            ui.add_space(8.0);
            ui.label("Nothing to chart yet. Each time you save this worksheet with its ratings filled in, a point is added here, so you can see how things change over time.");
            return;
        }

        ui.label(format!(
            "Your ratings over time, from {} entries.",
            cx.model.journal().entries_for(&worksheet.id).len()
        ));
        ui.add_space(4.0);
        let width_points = ui.available_width().clamp(200.0, 1400.0);
        let height_points = (width_points * 0.5).clamp(220.0, 480.0);
        let pixels_per_point = ui.ctx().pixels_per_point();
        let size = [
            (width_points * pixels_per_point).round() as usize,
            (height_points * pixels_per_point).round() as usize,
        ];
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        let key = ChartKey {
            worksheet: worksheet.id.clone(),
            revision,
            size,
            theme,
        };
        if self.key.as_ref() != Some(&key) {
            self.renders += 1;
            self.error = render(&mut self.texture, ui.ctx(), chart, &key, pixels_per_point).err();
            self.key = Some(key);
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let Some(texture) = &self.texture {
            let image = egui::Image::new((texture.id(), egui::vec2(width_points, height_points)))
                .alt_text(format!("Chart of {} over time", series_names(chart)));
            ui.add(image);
        }
        ui.add_space(8.0);
        latest_values(ui, chart);
    }
}

/// Draws `chart` into the texture, creating it on first use.
fn render(
    texture: &mut Option<TextureHandle>,
    ctx: &egui::Context,
    chart: &ProgressChart,
    key: &ChartKey,
    scale: f32,
) -> Result<(), String> {
    let [width, height] = key.size;
    let rgb = chart::render_rgb(chart, width as u32, height as u32, scale, key.theme)
        .map_err(|error| error.to_string())?;
    let image = ColorImage::from_rgb([width, height], &rgb);
    match texture {
        Some(texture) => texture.set(image, TextureOptions::LINEAR),
        None => *texture = Some(ctx.load_texture("progress-chart", image, TextureOptions::LINEAR)),
    }
    Ok(())
}

fn series_names(chart: &ProgressChart) -> String {
    chart
        .series
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The latest value of each series in words, so the chart is never the only way to read it.
fn latest_values(ui: &mut Ui, chart: &ProgressChart) {
    for series in &chart.series {
        if let Some(last) = series.points.last() {
            let count = series.points.len();
            ui.label(format!(
                "{}: latest {} (of {}) on {}; {count} {} in all",
                series.label,
                last.value,
                series.max,
                last.when.human(),
                if count == 1 { "rating" } else { "ratings" }
            ));
        }
    }
}
