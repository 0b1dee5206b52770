//! One chart on screen: drawn by plotters into a cached texture, its legend or colour key
//! drawn by egui below it, a tooltip for the data under the pointer (found by the core's
//! [`Chart::tooltip`]), and export to PNG or SVG.

use egui::{Color32, ColorImage, Response, TextureHandle, TextureOptions, Ui};

use rapport_core::insight::chart::{self, Chart, LegendItem, Mapping, Mark, Theme};
use rapport_core::insight::progress::Series;
use rapport_core::storage::layout::DataDir;

/// What a rendered texture depends on; it is redrawn only when one of these changes.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    data: u64,
    size: [usize; 2],
    theme: Theme,
}

/// A chart's cached data and texture.
#[derive(Default)]
pub struct ChartSlot {
    data_key: Option<u64>,
    key: Option<Key>,
    chart: Option<Chart>,
    texture: Option<TextureHandle>,
    mapping: Option<Mapping>,
    legend: Vec<LegendItem>,
    renders: u64,
    error: Option<String>,
    /// What the last "Save as" said, and the file it wrote.
    exported: Option<(String, Option<std::path::PathBuf>)>,
    /// The native dialog saving a copy of the exported file elsewhere, while it is open.
    copy: Option<super::files::Dialog>,
}

impl ChartSlot {
    /// How many times the chart has been rendered.
    #[must_use]
    pub fn renders(&self) -> u64 {
        self.renders
    }

    /// The series of a trend chart on show.
    #[must_use]
    pub fn series(&self) -> &[Series] {
        match &self.chart {
            Some(Chart::Trend(chart)) => &chart.series,
            _ => &[],
        }
    }

    /// Shows the chart, `height` points high and as wide as there is room for.
    ///
    /// `data_key` names the data (e.g. the journal's revision and the range): `make` runs only
    /// when it changes, and the texture is redrawn only when the data, size or theme change.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        data_dir: &DataDir,
        data_key: u64,
        height: f32,
        make: impl FnOnce() -> Chart,
    ) -> Option<Response> {
        if self.data_key != Some(data_key) || self.chart.is_none() {
            self.chart = Some(make());
            self.data_key = Some(data_key);
        }
        let chart = self.chart.as_ref()?;
        let width = ui.available_width().clamp(240.0, 1400.0);
        let pixels_per_point = ui.ctx().pixels_per_point();
        let size = [
            (width * pixels_per_point).round() as usize,
            (height * pixels_per_point).round() as usize,
        ];
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        let key = Key {
            data: data_key,
            size,
            theme,
        };
        if self.key.as_ref() != Some(&key) {
            self.renders += 1;
            match chart::render_rgb_without_legend(
                chart,
                size[0] as u32,
                size[1] as u32,
                pixels_per_point,
                theme,
            ) {
                Ok(rendered) => {
                    let image = ColorImage::from_rgb(size, &rendered.rgb);
                    match &mut self.texture {
                        Some(texture) => texture.set(image, TextureOptions::LINEAR),
                        None => {
                            self.texture = Some(ui.ctx().load_texture(
                                "chart",
                                image,
                                TextureOptions::LINEAR,
                            ));
                        }
                    }
                    self.mapping = rendered.mapping;
                    self.legend = chart.legend(theme);
                    self.error = None;
                }
                Err(error) => self.error = Some(error.to_string()),
            }
            self.key = Some(key);
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let texture = self.texture.as_ref()?;
        let image = egui::Image::new((texture.id(), egui::vec2(width, height)))
            .alt_text(chart.title().to_owned())
            .sense(egui::Sense::hover());
        let response = ui.add(image);
        super::widgets::set_accessible_label(ui, &response, format!("Chart: {}", chart.title()));
        let response = self.hover(response, pixels_per_point);
        legend(ui, &self.legend);
        if chart.has_data() {
            self.export_buttons(ui, data_dir);
        }
        Some(response)
    }

    /// Shows what lies under the pointer (the value and date nearest it), in the core's words.
    fn hover(&self, response: Response, pixels_per_point: f32) -> Response {
        let (Some(chart), Some(mapping), Some(pointer)) =
            (&self.chart, self.mapping, response.hover_pos())
        else {
            return response;
        };
        let pixel = (pointer - response.rect.min) * pixels_per_point;
        match chart.tooltip(&mapping, (pixel.x, pixel.y), pixels_per_point) {
            Some(text) => response.on_hover_text_at_pointer(text),
            None => response,
        }
    }

    fn export_buttons(&mut self, ui: &mut Ui, data_dir: &DataDir) {
        let Some(chart) = &self.chart else {
            return;
        };
        if let Some(dialog) = &self.copy
            && let Some(chosen) = dialog.poll_in(ui.ctx())
        {
            let file = self.exported.as_ref().and_then(|(_, file)| file.clone());
            match (chosen, file) {
                (super::files::Chosen::Path(to), Some(from)) => {
                    let message = super::files::copy_to(&from, &to).unwrap_or_else(|error| error);
                    self.exported = Some((message, Some(from)));
                }
                (super::files::Chosen::Unavailable, Some(file)) => {
                    let message = format!(
                        "{} The file is at {}",
                        super::files::UNAVAILABLE,
                        file.display()
                    );
                    self.exported = Some((message, Some(file)));
                }
                _ => {}
            }
            self.copy = None;
        }
        ui.horizontal_wrapped(|ui| {
            for extension in ["png", "svg"] {
                let button = ui.small_button(format!("Save as {}", extension.to_uppercase()));
                super::widgets::set_accessible_label(
                    ui,
                    &button,
                    format!("Save {} as {}", chart.title(), extension.to_uppercase()),
                );
                if button.clicked() {
                    self.exported = Some(
                        match export(chart, data_dir, extension, ui.visuals().dark_mode) {
                            Ok(path) => (format!("Saved to {}", path.display()), Some(path)),
                            Err(error) => (error, None),
                        },
                    );
                }
            }
            if let Some((message, file)) = &self.exported {
                ui.label(egui::RichText::new(message).weak());
                if let Some(file) = file
                    && self.copy.is_none()
                    && ui.small_button("Save a copy elsewhere…").clicked()
                {
                    self.copy = Some(super::files::Dialog::save_copy_of(file));
                }
            }
        });
    }
}

/// Writes the chart to `DATA_DIR/exports/`, named after its title and today's date.
fn export(
    chart: &Chart,
    data_dir: &DataDir,
    extension: &str,
    dark: bool,
) -> Result<std::path::PathBuf, String> {
    let slug: String = chart
        .title()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let date = rapport_core::time::LocalTime::now().date();
    let path = data_dir
        .root()
        .join("exports")
        .join(format!("{slug}-{date}.{extension}"));
    let theme = if dark { Theme::Dark } else { Theme::Light };
    chart::write_file(chart, &path, 1200, 600, theme).map_err(|error| error.to_string())?;
    Ok(path)
}

/// The chart's legend or colour key, below it: a swatch or a short line, then the words, each
/// pair kept together on one line when the row wraps.
fn legend(ui: &mut Ui, items: &[LegendItem]) {
    if items.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 14.0;
        for item in items {
            let [r, g, b] = item.colour;
            let colour = Color32::from_rgb(r, g, b);
            let galley = egui::WidgetText::from(item.label.as_str()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let mark = 22.0;
            let size = egui::vec2(mark + galley.size().x, galley.size().y);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &item.label)
            });
            let middle = egui::pos2(rect.left() + 8.0, rect.center().y);
            match item.mark {
                Mark::Swatch => {
                    let square = egui::Rect::from_center_size(middle, egui::vec2(12.0, 12.0));
                    ui.painter().rect_filled(square, 2.0, colour);
                }
                Mark::Line => {
                    ui.painter().line_segment(
                        [middle - egui::vec2(8.0, 0.0), middle + egui::vec2(8.0, 0.0)],
                        egui::Stroke::new(3.0, colour),
                    );
                }
            }
            let text_colour = ui.visuals().text_color();
            ui.painter().galley(
                egui::pos2(rect.left() + mark, rect.top()),
                galley,
                text_colour,
            );
        }
    });
}
