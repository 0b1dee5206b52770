//! Progress charts drawn with plotters: into an RGB buffer for the app, or to PNG and SVG files.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::progress::{Point, Series};

/// The font bundled with Rapport for charts (`DejaVu` Sans, Bitstream Vera licence).
pub static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// Okabe–Ito colours that stay distinct for colour-blind readers, ordered for a light background.
const ON_LIGHT: [RGBColor; 5] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
];

/// Okabe–Ito colours ordered for a dark background.
const ON_DARK: [RGBColor; 5] = [
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(240, 228, 66),  // yellow
];

/// Light or dark, to match the app's theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

struct Palette {
    background: RGBColor,
    text: RGBColor,
    grid: RGBColor,
    lines: &'static [RGBColor; 5],
}

impl Theme {
    fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                // The app's light panel colour, so the chart sits in the page without a seam.
                background: RGBColor(248, 248, 248),
                text: RGBColor(40, 40, 40),
                grid: RGBColor(225, 225, 225),
                lines: &ON_LIGHT,
            },
            Theme::Dark => Palette {
                background: RGBColor(27, 27, 27),
                text: RGBColor(220, 220, 220),
                grid: RGBColor(60, 60, 60),
                lines: &ON_DARK,
            },
        }
    }

    /// The background colour, so the app can frame the chart seamlessly.
    #[must_use]
    pub fn background(self) -> [u8; 3] {
        let RGBColor(r, g, b) = self.palette().background;
        [r, g, b]
    }
}

/// What a progress chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressChart {
    /// Title drawn above the plot.
    pub title: String,
    /// The series, each drawn as a line with points.
    pub series: Vec<Series>,
}

impl ProgressChart {
    /// Whether there is at least one point to draw.
    #[must_use]
    pub fn has_points(&self) -> bool {
        self.series.iter().any(|s| !s.points.is_empty())
    }
}

/// Why a chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// There is nothing to draw.
    #[error("There is nothing to chart yet: save an entry with a tracked rating first.")]
    NoData,
    /// Width or height is zero or absurdly large.
    #[error("A chart must be between 1 and 10000 pixels wide and high, not {0}×{1}.")]
    BadSize(u32, u32),
    /// plotters failed.
    #[error("The chart could not be drawn: {0}")]
    Draw(String),
    /// The file could not be written.
    #[error("Could not write the chart: {source}. Path: {}", path.display())]
    Write {
        /// Where it was being written.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file name does not end in .png or .svg.
    #[error("Charts can be saved as .png or .svg, not “{0}”.")]
    UnknownFormat(String),
}

fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Registers the bundled font with plotters, once per process.
fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The font is compiled in and known to parse; a failure would only lose the text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    if (1..=10_000).contains(&width) && (1..=10_000).contains(&height) {
        Ok(())
    } else {
        Err(ChartError::BadSize(width, height))
    }
}

/// Renders the chart into an RGB buffer of `width`×`height` pixels. `scale` is the number of
/// pixels per point, so that text and lines keep their size on high-density screens.
pub fn render_rgb(
    chart: &ProgressChart,
    width: u32,
    height: u32,
    scale: f32,
    theme: Theme,
) -> Result<Vec<u8>, ChartError> {
    check_size(width, height)?;
    let mut buffer = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (width, height)).into_drawing_area();
        draw(&root, chart, scale, theme)?;
        root.present().map_err(draw_error)?;
    }
    Ok(buffer)
}

/// Writes the chart to `path` as PNG or SVG, chosen by the file's extension.
pub fn write_file(
    chart: &ProgressChart,
    path: &Path,
    width: u32,
    height: u32,
    theme: Theme,
) -> Result<(), ChartError> {
    if !chart.has_points() {
        return Err(ChartError::NoData);
    }
    check_size(width, height)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("png") => {
            let rgb = render_rgb(chart, width, height, 1.0, theme)?;
            encode_png(&rgb, width, height)?
        }
        Some("svg") => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                draw(&root, chart, 1.0, theme)?;
                root.present().map_err(draw_error)?;
            }
            svg.into_bytes()
        }
        _ => return Err(ChartError::UnknownFormat(path.display().to_string())),
    };
    crate::store::write_atomic(path, &bytes, crate::store::Overwrite::Replace).map_err(|source| {
        ChartError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(draw_error)?;
    writer.write_image_data(rgb).map_err(draw_error)?;
    writer.finish().map_err(draw_error)?;
    Ok(bytes)
}

/// The x range: the days spanned by the points, padded so that single points sit inside.
fn day_range(series: &[Series]) -> (f64, f64) {
    let days = series.iter().flat_map(|s| s.points.iter().map(Point::day));
    let (low, high) = days.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), d| {
        (lo.min(d), hi.max(d))
    });
    if !low.is_finite() {
        return (0.0, 1.0);
    }
    // At least three days either side, so that a first entry sits among dates, not hours.
    let pad = ((high - low) * 0.05).max(3.0);
    (low - pad, high + pad)
}

/// How far apart date ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TickStep {
    Days(i32),
    Months(i32),
    Years(i32),
}

/// The civil date of an axis position (days since 1970-01-01).
fn day_to_date(day: f64) -> Option<jiff::civil::Date> {
    let instant = jiff::Timestamp::from_second((day * 86_400.0).floor() as i64).ok()?;
    Some(jiff::tz::Offset::UTC.to_datetime(instant).date())
}

/// The axis position of midnight at the start of `date`.
fn date_to_day(date: jiff::civil::Date) -> f64 {
    let days = date
        .since(jiff::civil::date(1970, 1, 1))
        .map_or(0, |span| span.get_days());
    f64::from(days)
}

/// Tick positions on calendar boundaries — days, weeks, months or years by range — at most
/// about eight of them, and the step between them.
fn date_ticks(low: f64, high: f64) -> (Vec<f64>, TickStep) {
    let span = high - low;
    let step = if span > 3.0 * 365.0 {
        TickStep::Years(((span / 365.0 / 8.0).ceil() as i32).max(1))
    } else if span > 60.0 {
        let months = span / 30.4;
        let every = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|m| months / f64::from(*m) <= 8.0)
            .unwrap_or(12);
        TickStep::Months(every)
    } else {
        let every = [1, 2, 7, 14, 28]
            .into_iter()
            .find(|d| span / f64::from(*d) <= 8.0)
            .unwrap_or(28);
        TickStep::Days(every)
    };
    let (Some(start), Some(_)) = (day_to_date(low), day_to_date(high)) else {
        return (Vec::new(), step);
    };
    let mut date = match step {
        // Every second year falls on even years, every fifth on multiples of five.
        TickStep::Years(every) => {
            let year = i32::from(start.year());
            jiff::civil::date((year - year.rem_euclid(every)) as i16, 1, 1)
        }
        TickStep::Months(_) => start.first_of_month(),
        // Weekly ticks fall on Mondays.
        TickStep::Days(every) if every % 7 == 0 => {
            start - jiff::Span::new().days(i64::from(start.weekday().to_monday_zero_offset()))
        }
        TickStep::Days(_) => start,
    };
    let mut ticks = Vec::new();
    while ticks.len() < 40 {
        let day = date_to_day(date);
        if day > high {
            break;
        }
        if day >= low {
            ticks.push(day);
        }
        let advance = match step {
            TickStep::Years(n) => jiff::Span::new().years(n),
            TickStep::Months(n) => jiff::Span::new().months(n),
            TickStep::Days(n) => jiff::Span::new().days(n),
        };
        match date.checked_add(advance) {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    (ticks, step)
}

/// Formats a tick as a date, as precisely as its step needs.
fn date_label(day: f64, step: TickStep) -> String {
    let Some(date) = day_to_date(day + 0.001) else {
        return String::new();
    };
    let format = match step {
        TickStep::Years(_) => "%Y",
        TickStep::Months(_) => "%b %Y",
        TickStep::Days(_) => "%-d %b",
    };
    date.strftime(format).to_string()
}

/// Okabe–Ito colours from reassuring to worrying, for severity bands.
const SEVERITY: [RGBColor; 4] = [
    RGBColor(0, 158, 115),  // bluish green
    RGBColor(240, 228, 66), // yellow
    RGBColor(230, 159, 0),  // orange
    RGBColor(213, 94, 0),   // vermillion
];

/// Shades a questionnaire's bands behind the plot and names each one at the left.
fn draw_bands<DB: DrawingBackend>(
    plot: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    series: &Series,
    (x_low, x_high): (f64, f64),
    palette: &Palette,
    font: &TextStyle<'_>,
) -> Result<(), ChartError> {
    let count = series.bands.len();
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
        let colour = SEVERITY[position];
        let (low, high) = (band.min as f64 - 0.5, band.max as f64 + 0.5);
        plot.draw_series(std::iter::once(Rectangle::new(
            [(x_low, low), (x_high, high)],
            colour.mix(0.14).filled(),
        )))
        .map_err(draw_error)?;
        let label = font
            .clone()
            .pos(Pos::new(HPos::Left, VPos::Top))
            .color(&palette.text);
        plot.plotting_area()
            .draw(&Text::new(band.label.clone(), (x_low, high), label))
            .map_err(draw_error)?;
    }
    Ok(())
}

/// Above this many points a series is drawn as faint dots under a line of averages.
const DENSE_POINTS: usize = 60;

/// Averages of the points in `buckets` equal slices of the x range, at each slice's middle.
fn bucket_means(points: &[(f64, f64)], low: f64, high: f64, buckets: usize) -> Vec<(f64, f64)> {
    let width = (high - low) / buckets as f64;
    let mut sums = vec![(0.0, 0usize); buckets];
    for &(x, y) in points {
        let index = (((x - low) / width) as usize).min(buckets - 1);
        sums[index].0 += y;
        sums[index].1 += 1;
    }
    sums.iter()
        .enumerate()
        .filter(|(_, (_, count))| *count > 0)
        .map(|(index, (sum, count))| (low + width * (index as f64 + 0.5), sum / *count as f64))
        .collect()
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ProgressChart,
    scale: f32,
    theme: Theme,
) -> Result<(), ChartError> {
    register_font();
    let palette = theme.palette();
    // Sizes in points become pixels; charts are at most 10 000 px, so i32 and u32 both fit.
    let px = |points: f32| (points * scale).round().max(1.0) as u32;
    let px_i = |points: f32| (points * scale).round().max(1.0) as i32;
    let text = |size: f32| ("sans-serif", px(size)).into_font().color(&palette.text);
    root.fill(&palette.background).map_err(draw_error)?;

    if !chart.has_points() {
        root.draw(&Text::new(
            "Save an entry with a rating to see it here.",
            (px_i(20.0), px_i(20.0)),
            text(16.0),
        ))
        .map_err(draw_error)?;
        return Ok(());
    }

    let (x_low, x_high) = day_range(&chart.series);
    let y_low = chart.series.iter().map(|s| s.min).min().unwrap_or(0);
    let y_high = chart.series.iter().map(|s| s.max).max().unwrap_or(10);
    let (ticks, step) = date_ticks(x_low, x_high);
    let mut plot = ChartBuilder::on(root)
        .caption(&chart.title, text(18.0))
        .margin(px(12.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(40.0))
        .build_cartesian_2d(x_low..x_high, (y_low as f64 - 0.3)..(y_high as f64 + 0.3))
        .map_err(draw_error)?;
    let format_y = |value: &f64| format!("{value:.0}");
    // The date axis is drawn by hand below, so that ticks fall on calendar boundaries.
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels((y_high - y_low + 1).clamp(2, 11) as usize)
        .y_label_formatter(&format_y)
        .label_style(text(13.0))
        .axis_desc_style(text(13.0))
        .y_desc(if chart.series.iter().any(|s| !s.bands.is_empty()) {
            "Score"
        } else {
            "Rating"
        })
        .axis_style(palette.text.stroke_width(px(1.0)))
        .bold_line_style(palette.grid.stroke_width(px(1.0)))
        .light_line_style(palette.background)
        .draw()
        .map_err(draw_error)?;
    let (y_bottom, y_top) = (y_low as f64 - 0.3, y_high as f64 + 0.3);
    if let Some(banded) = chart.series.iter().find(|s| !s.bands.is_empty()) {
        draw_bands(&mut plot, banded, (x_low, x_high), &palette, &text(12.0))?;
    }
    plot.draw_series(ticks.iter().map(|&day| {
        PathElement::new(
            vec![(day, y_bottom), (day, y_top)],
            palette.grid.stroke_width(px(1.0)),
        )
    }))
    .map_err(draw_error)?;
    let label_style = text(13.0).pos(Pos::new(HPos::Center, VPos::Top));
    for &day in &ticks {
        let (x, y) = plot.backend_coord(&(day, y_bottom));
        root.draw(&Text::new(
            date_label(day, step),
            (x, y + px_i(8.0)),
            label_style.clone(),
        ))
        .map_err(draw_error)?;
    }

    for (index, series) in chart.series.iter().enumerate() {
        if series.points.is_empty() {
            continue;
        }
        let colour = palette.lines[index % palette.lines.len()];
        let line = colour.stroke_width(px(2.0));
        let coordinates: Vec<(f64, f64)> = series
            .points
            .iter()
            .map(|point| (point.day(), point.value as f64))
            .collect();
        // Many points make a zig-zag nobody can read: show them faintly, under a line of
        // averages. A few points are joined directly.
        let dense = coordinates.len() > DENSE_POINTS;
        let path = if dense {
            bucket_means(&coordinates, x_low, x_high, DENSE_POINTS)
        } else {
            coordinates.clone()
        };
        // Segments drawn one by one: plotters' thick polylines spike at sharp turns.
        plot.draw_series(
            path.windows(2)
                .map(|pair| PathElement::new(vec![pair[0], pair[1]], line)),
        )
        .map_err(draw_error)?
        .label(&series.label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + px_i(18.0), y)], line));
        let (radius, dot) = if dense {
            (px(2.0), colour.mix(0.3).filled())
        } else {
            (px(3.5), colour.filled())
        };
        plot.draw_series(
            coordinates
                .iter()
                .map(|&(x, y)| Circle::new((x, y), radius, dot)),
        )
        .map_err(draw_error)?;
    }
    plot.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(palette.background.mix(0.85))
        .border_style(palette.grid)
        .label_font(text(13.0))
        .draw()
        .map_err(draw_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Point;

    fn chart(points: i64) -> ProgressChart {
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
        ProgressChart {
            title: "Coping <skills> & more".into(),
            series: vec![series],
        }
    }

    #[test]
    fn renders_rgb_of_the_requested_size_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let rgb = render_rgb(&chart(30), 400, 200, 2.0, theme).unwrap();
            assert_eq!(rgb.len(), 400 * 200 * 3);
            assert_eq!(&rgb[..3], &theme.background());
            // Something other than the background was drawn.
            assert!(rgb.chunks(3).any(|px| px != theme.background()));
        }
    }

    #[test]
    fn a_single_point_and_no_points_still_render() {
        assert!(render_rgb(&chart(1), 300, 150, 1.0, Theme::Light).is_ok());
        assert!(render_rgb(&chart(0), 300, 150, 1.0, Theme::Dark).is_ok());
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
            Err(ChartError::NoData)
        ));
        assert!(matches!(
            write_file(&chart(3), &dir.path().join("c.jpg"), 640, 320, Theme::Light),
            Err(ChartError::UnknownFormat(_))
        ));
    }

    #[test]
    fn bucket_means_average_each_slice_and_skip_empty_ones() {
        let points = [(0.0, 2.0), (1.0, 4.0), (9.5, 10.0)];
        assert_eq!(
            bucket_means(&points, 0.0, 10.0, 5),
            vec![(1.0, 3.0), (9.0, 10.0)]
        );
    }

    #[test]
    fn date_ticks_fall_on_calendar_boundaries() {
        let day = |y, m, d| date_to_day(jiff::civil::date(y, m, d));
        // Ten years: one tick per two years, on 1 January.
        let (ticks, step) = date_ticks(day(2016, 7, 3), day(2026, 11, 25));
        assert_eq!(step, TickStep::Years(2));
        let labels: Vec<String> = ticks.iter().map(|t| date_label(*t, step)).collect();
        assert_eq!(labels, ["2018", "2020", "2022", "2024", "2026"]);
        // Five months: monthly ticks on the 1st.
        let (ticks, step) = date_ticks(day(2026, 6, 20), day(2026, 11, 25));
        assert_eq!(step, TickStep::Months(1));
        assert_eq!(date_label(ticks[0], step), "Jul 2026");
        assert_eq!(ticks.len(), 5);
        // Six weeks: weekly ticks on Mondays.
        let (ticks, step) = date_ticks(day(2026, 10, 15), day(2026, 11, 25));
        assert_eq!(step, TickStep::Days(7));
        assert_eq!(date_label(ticks[0], step), "19 Oct");
        // A week: daily ticks.
        let (ticks, step) = date_ticks(day(2026, 11, 20), day(2026, 11, 26));
        assert_eq!(step, TickStep::Days(1));
        assert_eq!(ticks.len(), 7);
    }
}
