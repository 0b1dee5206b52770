//! Values over time: dots for each entry, a 7-entry moving average, calendar date ticks, and a
//! questionnaire's severity bands behind the plot.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, LegendItem, Mapping, Mark, Palette, SEVERITY, Style, date_axis, draw_error,
};
use crate::insight::progress::{Point, Series, moving_average};

/// How many entries the moving average spans.
pub const AVERAGE_WINDOW: usize = 7;

/// Above this many points, the points are drawn faintly and not joined: the average carries
/// the trend.
const DENSE_POINTS: usize = 40;

/// Values over time.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendChart {
    /// Title drawn above the plot.
    pub title: String,
    /// The series, each with its own colour.
    pub series: Vec<Series>,
    /// What to say when there is nothing to draw.
    pub empty_message: String,
    /// The palette slot of the first series (the others follow it): a worksheet's own slot,
    /// so that its trend has the colour its worksheet has in "Entries per week".
    pub first_slot: usize,
}

impl TrendChart {
    /// A chart of `series` with the usual empty message.
    #[must_use]
    pub fn new(title: impl Into<String>, series: Vec<Series>) -> Self {
        Self {
            title: title.into(),
            series,
            empty_message: "Save two entries with ratings to see a trend here.".to_owned(),
            first_slot: 0,
        }
    }

    /// Whether there is at least one point to draw.
    #[must_use]
    pub fn has_points(&self) -> bool {
        self.series.iter().any(|s| !s.points.is_empty())
    }

    /// The x range: the days spanned by the points, padded so that single points sit inside.
    fn day_range(&self) -> (f64, f64) {
        let days = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(Point::day));
        let (low, high) = days.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), d| {
            (lo.min(d), hi.max(d))
        });
        if !low.is_finite() {
            return (0.0, 1.0);
        }
        // At least three days either side, so that a first entry sits among dates, not hours.
        let pad = ((high - low) * 0.04).max(3.0);
        (low - pad, high + pad)
    }

    /// Each series' colour: its place in the chart after the first slot, through the palette.
    fn colour(&self, palette: &Palette, index: usize) -> RGBColor {
        palette.lines[(self.first_slot + index) % palette.lines.len()]
    }

    pub(super) fn legend(&self, palette: &Palette) -> Vec<LegendItem> {
        self.series
            .iter()
            .enumerate()
            .filter(|(_, series)| !series.points.is_empty())
            .map(|(index, series)| {
                LegendItem::new(&series.label, self.colour(palette, index), Mark::Line)
            })
            .collect()
    }

    /// The point nearest the pointer, within 24 points of it.
    pub(super) fn tooltip(
        &self,
        mapping: &Mapping,
        (px, py): (f32, f32),
        scale: f32,
    ) -> Option<String> {
        let (distance, series, point) = self
            .series
            .iter()
            .flat_map(|series| series.points.iter().map(move |point| (series, point)))
            .map(|(series, point)| {
                let (x, y) = mapping.to_pixel(point.day(), point.value as f64);
                ((x - px).hypot(y - py), series, point)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))?;
        (distance < 24.0 * scale).then(|| {
            format!(
                "{}: {} on {}",
                series.label,
                point.value,
                point.when.human()
            )
        })
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        if !self.has_points() {
            style.empty(root, &self.title, &self.empty_message)?;
            return Ok(None);
        }
        let body = style.header(root, &self.title, &self.legend(&style.palette))?;
        let (x_low, x_high) = self.day_range();
        let y_low = self.series.iter().map(|s| s.min).min().unwrap_or(0) as f64;
        let y_high = self.series.iter().map(|s| s.max).max().unwrap_or(10) as f64;
        // A little headroom, so points on the ends of the scale are not cut in half.
        let margin = (y_high - y_low) * 0.03;
        let (y_bottom, y_top) = (y_low - margin, y_high + margin);
        let banded = self.series.iter().find(|s| !s.bands.is_empty());
        // Band names go in the right margin, as wide as the widest of them.
        let right = banded.map_or(0, |series| {
            let widest = series
                .bands
                .iter()
                .map(|band| style.text_width(&body, &band.label, 12.0))
                .max()
                .unwrap_or(0);
            u32::try_from(widest).unwrap_or(0) + style.px(22.0)
        });
        let y_labels = [format!("{y_low:.0}"), format!("{y_high:.0}")];
        let mut plot = ChartBuilder::on(&body)
            .margin(style.px(12.0))
            .margin_top(style.px(4.0))
            .x_label_area_size(style.px(30.0))
            .y_label_area_size(style.y_label_area(&body, &y_labels))
            // A margin, not a label area: plotters would put a second axis in a label area.
            .margin_right(style.px(12.0) + right)
            .build_cartesian_2d(x_low..x_high, y_bottom..y_top)
            .map_err(draw_error)?;
        let format_y = |value: &f64| format!("{value:.0}");
        // The date axis is drawn by hand, so that ticks fall on calendar boundaries.
        plot.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(((y_high - y_low) as usize + 1).clamp(2, 11))
            .y_label_formatter(&format_y)
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .y_desc(if banded.is_some() { "Score" } else { "Rating" })
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        if let Some(banded) = banded {
            draw_bands(&body, &mut plot, banded, (x_low, x_high), style)?;
        }
        date_axis(&body, &mut plot, style, (x_low, x_high), (y_bottom, y_top))?;

        for (index, series) in self.series.iter().enumerate() {
            if series.points.is_empty() {
                continue;
            }
            let colour = self.colour(&style.palette, index);
            let points: Vec<(f64, f64)> = series
                .points
                .iter()
                .map(|point| (point.day(), point.value as f64))
                .collect();
            let dense = points.len() > DENSE_POINTS;
            if !dense {
                // Segments one by one: plotters' thick polylines spike at sharp turns.
                let thin = colour.mix(0.5).stroke_width(style.px(1.0));
                plot.draw_series(
                    points
                        .windows(2)
                        .map(|pair| PathElement::new(vec![pair[0], pair[1]], thin)),
                )
                .map_err(draw_error)?;
            }
            let (radius, dot) = if dense {
                (style.px(2.0), colour.mix(0.35).filled())
            } else {
                (style.px(3.5), colour.filled())
            };
            plot.draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), radius, dot)),
            )
            .map_err(draw_error)?;
            let average = moving_average(&series.points, AVERAGE_WINDOW);
            let bold = colour.stroke_width(style.px(2.5));
            plot.draw_series(
                average
                    .windows(2)
                    .map(|pair| PathElement::new(vec![pair[0], pair[1]], bold)),
            )
            .map_err(draw_error)?;
        }
        let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
        Ok(Some(Mapping {
            area: (x_pixels.start, y_pixels.start, x_pixels.end, y_pixels.end),
            x: (x_low, x_high),
            y: (y_bottom, y_top),
        }))
    }
}

/// Shades a questionnaire's bands behind the plot and names each one in the right margin,
/// beside its band, so that the names never cross the data or the grid.
fn draw_bands<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    plot: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    series: &Series,
    (x_low, x_high): (f64, f64),
    style: &Style,
) -> Result<(), ChartError> {
    let count = series.bands.len();
    let (base_x, base_y) = body.get_base_pixel();
    let mut names = Vec::new();
    for (index, band) in series.bands.iter().enumerate() {
        // Spread the bands over the colour scale; reversed where higher is better.
        let position = if count > 1 {
            index * (SEVERITY.len() - 1) / (count - 1)
        } else {
            0
        };
        let position = if series.higher_is_better {
            SEVERITY.len() - 1 - position
        } else {
            position
        };
        let (low, high) = (band.min as f64 - 0.5, band.max as f64 + 0.5);
        plot.draw_series(std::iter::once(Rectangle::new(
            [(x_low, low), (x_high, high)],
            SEVERITY[position].mix(0.14).filled(),
        )))
        .map_err(draw_error)?;
        let (right, top) = plot.backend_coord(&(x_high, high));
        let (_, bottom) = plot.backend_coord(&(x_high, low));
        names.push((
            band.label.clone(),
            SEVERITY[position],
            right - base_x,
            (top, bottom),
        ));
    }
    // Each name at the middle of its band, kept inside the plot's height and pushed down so
    // that no two overlap.
    let (_, y_pixels) = plot.plotting_area().get_pixel_range();
    let line = style.px_i(15.0);
    names.sort_by_key(|(_, _, _, (top, _))| *top);
    let mut next_free = y_pixels.start;
    for (label, colour, right, (top, bottom)) in names {
        let top = top.max(y_pixels.start);
        let bottom = bottom.min(y_pixels.end);
        let centre = top.midpoint(bottom).max(next_free + line / 2);
        next_free = centre + line / 2;
        let x = right + style.px_i(6.0);
        let y = centre - base_y;
        body.draw(&Rectangle::new(
            [
                (x, y - style.px_i(5.0)),
                (x + style.px_i(8.0), y + style.px_i(5.0)),
            ],
            colour.mix(0.6).filled(),
        ))
        .map_err(draw_error)?;
        let label_style = style
            .label(&label, 12.0)
            .pos(Pos::new(HPos::Left, VPos::Center));
        body.draw(&Text::new(label, (x + style.px_i(12.0), y), label_style))
            .map_err(draw_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Chart, ChartError, Theme, render_rgb, write_file};
    use super::*;

    fn chart(points: i64) -> Chart {
        let start = jiff::Timestamp::from_second(1_790_000_000).unwrap();
        let series = Series {
            step_id: "mood".into(),
            label: "Mood".into(),
            min: 0,
            max: 10,
            bands: Vec::new(),
            higher_is_better: false,
            points: (0..points)
                .map(|i| Point {
                    when: crate::time::LocalTime::with_offset(
                        start + jiff::SignedDuration::from_hours(i * 24),
                        jiff::tz::Offset::UTC,
                    ),
                    value: i % 11,
                })
                .collect(),
        };
        Chart::Trend(TrendChart::new("Coping <skills> & more", vec![series]))
    }

    #[test]
    fn renders_rgb_of_the_requested_size_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let rendered = render_rgb(&chart(30), 400, 200, 2.0, theme).unwrap();
            assert_eq!(rendered.rgb.len(), 400 * 200 * 3);
            assert_eq!(&rendered.rgb[..3], &theme.background());
            // Something other than the background was drawn.
            assert!(rendered.rgb.chunks(3).any(|px| px != theme.background()));
            let mapping = rendered.mapping.unwrap();
            assert!(mapping.area.0 > 0 && mapping.area.2 < 400);
        }
    }

    #[test]
    fn the_first_series_has_its_worksheets_colour() {
        let Chart::Trend(mut trend) = chart(5) else {
            unreachable!()
        };
        trend.first_slot = 3;
        let legend = Chart::Trend(trend).legend(Theme::Dark);
        assert_eq!(legend[0].colour, Theme::Dark.slot_colour(3));
        assert_eq!(legend[0].label, "Mood");
    }

    #[test]
    fn a_single_point_and_no_points_still_render() {
        assert!(render_rgb(&chart(1), 300, 150, 1.0, Theme::Light).is_ok());
        let empty = render_rgb(&chart(0), 300, 150, 1.0, Theme::Dark).unwrap();
        assert!(empty.mapping.is_none());
        assert!(matches!(
            render_rgb(&chart(1), 0, 150, 1.0, Theme::Light),
            Err(ChartError::BadSize(0, 150))
        ));
    }

    #[test]
    fn png_and_svg_files() {
        let dir = tempfile::tempdir().unwrap();
        let png_path = dir.path().join("c.png");
        write_file(&chart(10), &png_path, 640, 320, Theme::Light).unwrap();
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(&png_path).unwrap(),
        ));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (640, 320));

        let svg_path = dir.path().join("c.svg");
        write_file(&chart(10), &svg_path, 640, 320, Theme::Dark).unwrap();
        let svg = std::fs::read_to_string(&svg_path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("Coping &lt;skills&gt; &amp; more"));

        assert!(matches!(
            write_file(&chart(0), &png_path, 640, 320, Theme::Light),
            Err(ChartError::NoData(_))
        ));
        assert!(matches!(
            write_file(&chart(3), &dir.path().join("c.jpg"), 640, 320, Theme::Light),
            Err(ChartError::UnknownFormat(_))
        ));
    }

    /// The value of attribute `name` in an SVG element's `attributes`.
    fn attribute(attributes: &str, name: &str) -> f64 {
        attributes
            .split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {attributes}"))
    }

    #[test]
    fn band_names_sit_in_the_right_margin_apart_and_inside_the_image() {
        let Chart::Trend(mut trend) = chart(90) else {
            unreachable!()
        };
        let names = ["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"];
        let series = &mut trend.series[0];
        series.max = 27;
        series.bands = [(0, 4), (5, 9), (10, 14), (15, 19), (20, 27)]
            .into_iter()
            .zip(names)
            .map(|((min, max), label)| crate::content::questionnaire::Band {
                min,
                max,
                label: label.to_owned(),
                advice: String::new(),
            })
            .collect();
        let chart = Chart::Trend(trend);
        let (width, height) = (720, 360);
        let plot = render_rgb(&chart, width, height, 1.0, Theme::Light)
            .unwrap()
            .mapping
            .unwrap()
            .area;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bands.svg");
        write_file(&chart, &path, width, height, Theme::Light).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        let mut placed: Vec<(f64, f64)> = names
            .iter()
            .map(|name| {
                let element = svg
                    .split("<text")
                    .find(|element| {
                        element
                            .split_once('>')
                            .and_then(|(_, text)| text.split_once("</text>"))
                            .is_some_and(|(text, _)| text.trim() == *name)
                    })
                    .unwrap_or_else(|| panic!("{name} is not drawn: {svg}"));
                (attribute(element, "x"), attribute(element, "y"))
            })
            .collect();
        for ((x, y), name) in placed.iter().zip(names) {
            // Right of the plot, so no line or grid crosses it; inside the image.
            assert!(
                *x > f64::from(plot.2),
                "{name} at x {x}, plot ends at {}",
                plot.2
            );
            let estimate = name.chars().count() as f64 * 10.0 * 0.55;
            assert!(x + estimate <= f64::from(width), "{name} runs off at {x}");
            assert!(
                *y >= f64::from(plot.1) - 1.0 && *y <= f64::from(plot.3) + 1.0,
                "{name} at y {y}, plot from {} to {}",
                plot.1,
                plot.3
            );
        }
        placed.sort_by(|a, b| a.1.total_cmp(&b.1));
        for pair in placed.windows(2) {
            assert!(pair[1].1 - pair[0].1 >= 10.0, "names overlap: {placed:?}");
        }
    }

    #[test]
    fn a_chart_at_one_pixel_per_point_is_drawn_at_twice_the_size_and_averaged() {
        // Anti-aliasing: the bitmap backend draws hard-edged lines, so at 1× each pixel is the
        // average of four drawn at 2×.
        let small = render_rgb(&chart(40), 320, 160, 1.0, Theme::Light).unwrap();
        let big = render_rgb(&chart(40), 640, 320, 2.0, Theme::Light).unwrap();
        assert_eq!(small.rgb, super::super::downscale_half(&big.rgb, 320, 160));
        // Edges blend: there are shades between the line's colour and the background.
        let shades: std::collections::HashSet<&[u8]> = small.rgb.chunks(3).collect();
        assert!(shades.len() > 40, "{} shades", shades.len());
    }
}
