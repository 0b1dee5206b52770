//! Charts drawn with plotters: into an RGB buffer for the app, or to PNG and SVG files.
//!
//! Each kind of chart has its own module; this one holds what they share: the font, the
//! colour-blind-safe palettes, sizes in points, the calendar date axis, and file output.

mod before_after;
mod group;
mod practice;
mod trend;

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use before_after::BeforeAfterChart;
pub use group::GroupChart;
pub use practice::{CalendarChart, WeeklyChart};
pub use trend::TrendChart;

/// The font bundled with Rapport for charts (`DejaVu` Sans, Bitstream Vera licence).
pub static FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/DejaVuSans.ttf"
));

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

pub(crate) struct Palette {
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

/// Any chart Rapport draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// Values over time, e.g. a tracked rating or a questionnaire's score.
    Trend(TrendChart),
    /// Ratings before and after, paired within entries.
    BeforeAfter(BeforeAfterChart),
    /// Entries per week, stacked by worksheet.
    Weekly(WeeklyChart),
    /// Days practised over the last year.
    Calendar(CalendarChart),
    /// A group's median and spread per week.
    Group(GroupChart),
}

impl Chart {
    /// Whether there is anything to draw.
    #[must_use]
    pub fn has_data(&self) -> bool {
        match self {
            Chart::Trend(chart) => chart.has_points(),
            Chart::BeforeAfter(chart) => !chart.data.pairs.is_empty(),
            Chart::Weekly(chart) => chart.data.counts.iter().flatten().any(|n| *n > 0),
            Chart::Calendar(chart) => chart.counts.iter().any(|n| *n > 0),
            Chart::Group(chart) => !chart.weeks.is_empty(),
        }
    }

    /// What the chart says when it has nothing to draw.
    #[must_use]
    pub fn empty_message(&self) -> &str {
        match self {
            Chart::Trend(chart) => &chart.empty_message,
            Chart::BeforeAfter(_) => "Fill in both the before and the after rating in an entry.",
            Chart::Weekly(_) | Chart::Calendar(_) => "Save an entry first.",
            Chart::Group(_) => "No one has shared this measure yet.",
        }
    }

    /// The chart's title.
    #[must_use]
    pub fn title(&self) -> &str {
        match self {
            Chart::Trend(chart) => &chart.title,
            Chart::BeforeAfter(chart) => &chart.title,
            Chart::Weekly(chart) => &chart.title,
            Chart::Calendar(chart) => &chart.title,
            Chart::Group(chart) => &chart.title,
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        register_font();
        root.fill(&style.palette.background).map_err(draw_error)?;
        match self {
            Chart::Trend(chart) => chart.draw(root, style),
            Chart::BeforeAfter(chart) => chart.draw(root, style).map(|()| None),
            Chart::Weekly(chart) => chart.draw(root, style).map(|()| None),
            Chart::Calendar(chart) => chart.draw(root, style).map(|()| None),
            Chart::Group(chart) => chart.draw(root, style).map(|()| None),
        }
    }
}

/// How pixels of a rendered chart map to its data, for finding the point under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    /// The plotting area in pixels: left, top, right, bottom.
    pub area: (i32, i32, i32, i32),
    /// The x range shown (days since 1970-01-01).
    pub x: (f64, f64),
    /// The y range shown.
    pub y: (f64, f64),
}

impl Mapping {
    /// The pixel position of a data point.
    #[must_use]
    pub fn to_pixel(&self, x: f64, y: f64) -> (f32, f32) {
        let (left, top, right, bottom) = self.area;
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            left as f32 + fx as f32 * (right - left) as f32,
            bottom as f32 - fy as f32 * (bottom - top) as f32,
        )
    }
}

/// A rendered chart: RGB pixels, and the mapping for charts with a data area.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// `width * height * 3` bytes.
    pub rgb: Vec<u8>,
    /// Data coordinates, for hovering.
    pub mapping: Option<Mapping>,
}

/// Colours and sizes for one rendering.
pub(crate) struct Style {
    palette: Palette,
    scale: f32,
}

impl Style {
    fn new(theme: Theme, scale: f32) -> Self {
        Self {
            palette: theme.palette(),
            scale,
        }
    }

    /// A size in points as pixels. Charts are at most 10 000 px, so the cast is safe.
    fn px(&self, points: f32) -> u32 {
        (points * self.scale).round().max(1.0) as u32
    }

    /// A size in points as signed pixels.
    fn px_i(&self, points: f32) -> i32 {
        (points * self.scale).round().max(1.0) as i32
    }

    /// Text of `size` points in the chart's text colour.
    fn text(&self, size: f32) -> TextStyle<'static> {
        ("sans-serif", self.px(size))
            .into_font()
            .color(&self.palette.text)
    }

    /// Says in words that there is nothing to draw yet.
    fn empty<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        title: &str,
        message: &str,
    ) -> Result<(), ChartError> {
        root.draw(&Text::new(
            title.to_owned(),
            (self.px_i(16.0), self.px_i(14.0)),
            self.text(18.0),
        ))
        .map_err(draw_error)?;
        root.draw(&Text::new(
            message.to_owned(),
            (self.px_i(16.0), self.px_i(48.0)),
            self.text(14.0),
        ))
        .map_err(draw_error)?;
        Ok(())
    }
}

/// Why a chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// There is nothing to draw.
    #[error("There is nothing to chart yet. {0}")]
    NoData(String),
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
    chart: &Chart,
    width: u32,
    height: u32,
    scale: f32,
    theme: Theme,
) -> Result<Rendered, ChartError> {
    check_size(width, height)?;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    let mapping = {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        let mapping = chart.draw(&root, &Style::new(theme, scale))?;
        root.present().map_err(draw_error)?;
        mapping
    };
    Ok(Rendered { rgb, mapping })
}

/// Writes the chart to `path` as PNG or SVG, chosen by the file's extension.
pub fn write_file(
    chart: &Chart,
    path: &Path,
    width: u32,
    height: u32,
    theme: Theme,
) -> Result<(), ChartError> {
    if !chart.has_data() {
        return Err(ChartError::NoData(chart.empty_message().to_owned()));
    }
    check_size(width, height)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("png") => {
            let rendered = render_rgb(chart, width, height, 1.0, theme)?;
            encode_png(&rendered.rgb, width, height)?
        }
        Some("svg") => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                chart.draw(&root, &Style::new(theme, 1.0))?;
                root.present().map_err(draw_error)?;
            }
            svg.into_bytes()
        }
        _ => return Err(ChartError::UnknownFormat(path.display().to_string())),
    };
    crate::storage::atomic::write_atomic(path, &bytes, crate::storage::atomic::Overwrite::Replace)
        .map_err(|source| ChartError::Write {
            path: path.to_path_buf(),
            source,
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

/// Draws the legend of the series labelled so far, in the chart's palette.
fn draw_legend<'a, DB, CT>(
    plot: &mut ChartContext<'a, DB, CT>,
    style: &Style,
    position: SeriesLabelPosition,
    size: f32,
) -> Result<(), ChartError>
where
    DB: DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    plot.configure_series_labels()
        .position(position)
        .background_style(style.palette.background.mix(0.85))
        .border_style(style.palette.grid)
        .label_font(style.text(size))
        .draw()
        .map_err(draw_error)
}

/// Draws the date axis by hand: grid lines and labels on calendar boundaries.
fn date_axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    style: &Style,
    (x_low, x_high): (f64, f64),
    (y_bottom, y_top): (f64, f64),
) -> Result<(), ChartError> {
    let (ticks, step) = date_ticks(x_low, x_high);
    plot.draw_series(ticks.iter().map(|&day| {
        PathElement::new(
            vec![(day, y_bottom), (day, y_top)],
            style.palette.grid.stroke_width(style.px(1.0)),
        )
    }))
    .map_err(draw_error)?;
    let label_style = style.text(13.0).pos(Pos::new(HPos::Center, VPos::Top));
    for &day in &ticks {
        let (x, y) = plot.backend_coord(&(day, y_bottom));
        root.draw(&Text::new(
            date_label(day, step),
            (x, y + style.px_i(8.0)),
            label_style.clone(),
        ))
        .map_err(draw_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn mapping_inverts_the_plot_area() {
        let mapping = Mapping {
            area: (100, 10, 300, 110),
            x: (0.0, 10.0),
            y: (0.0, 5.0),
        };
        assert_eq!(mapping.to_pixel(0.0, 0.0), (100.0, 110.0));
        assert_eq!(mapping.to_pixel(10.0, 5.0), (300.0, 10.0));
        assert_eq!(mapping.to_pixel(5.0, 2.5), (200.0, 60.0));
    }
}
