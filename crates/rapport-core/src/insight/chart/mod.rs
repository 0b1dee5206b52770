//! Charts drawn with plotters: into an RGB buffer for the app, or to PNG and SVG files.
//!
//! Each kind of chart has its own module; this one holds what they share: the fonts (Atkinson
//! Hyperlegible Next, as in the app; `DejaVu` Sans or the system's CJK font for a label Atkinson
//! cannot show), the colour-blind-safe palettes, sizes in points, the calendar date axis, and file output.

mod before_after;
mod group;
mod practice;
mod text_backend;
mod trend;

use std::path::Path;
use std::sync::{Once, OnceLock};

use ab_glyph::{Font as _, FontRef};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use before_after::BeforeAfterChart;
pub use group::GroupChart;
pub use practice::{CalendarChart, WeeklyChart};
pub use trend::TrendChart;

/// The plotters family of Atkinson Hyperlegible Next, the charts' font. An SVG names it as
/// written here, so a viewer without it falls back to its own sans-serif.
const ATKINSON: &str = "Atkinson Hyperlegible Next, sans-serif";
/// The family of `DejaVu` Sans, for labels with characters Atkinson lacks (Greek, Cyrillic,
/// Arabic, Hebrew, symbols), and for those no font here has.
const DEJAVU: &str = "DejaVu Sans, sans-serif";
/// The family of the system's CJK font ([`crate::fonts::system_cjk`]), for Chinese, Japanese
/// and Korean labels: registered the first time such a label is drawn.
const CJK: &str = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";

/// The family to draw `text` in: the first of Atkinson, `DejaVu` Sans and the system's CJK font
/// that has every character of it, else `DejaVu` Sans. A label is drawn in one font, so a label
/// mixing scripts takes the font that has them all; emoji are drawn in Noto Emoji whatever the
/// label's font (see [`text_backend`]), so they do not count.
fn family_for(text: &str) -> &'static str {
    let covers = |font: &FontRef<'_>| {
        text.chars().all(|c| {
            c.is_whitespace() || font.glyph_id(c).0 != 0 || emoji().is_some_and(|e| has(e, c))
        })
    };
    let Some((atkinson, dejavu)) = bundled() else {
        return ATKINSON;
    };
    if covers(atkinson) {
        ATKINSON
    } else if covers(dejavu) {
        DEJAVU
    } else if system_cjk().is_some_and(covers) {
        CJK
    } else {
        DEJAVU
    }
}

/// The font plotters draws `family` in (as registered by [`register_font`] and [`system_cjk`]),
/// for [`text_backend::GlyphBackend`] to draw the same letters; `None` for a family not here.
fn font_of(family: &str) -> Option<&'static FontRef<'static>> {
    let (atkinson, dejavu) = bundled()?;
    match family {
        ATKINSON => Some(atkinson),
        DEJAVU => Some(dejavu),
        CJK => system_cjk(),
        _ => None,
    }
}

/// Whether `font` has a glyph of its own for `c`.
fn has(font: &FontRef<'_>, c: char) -> bool {
    font.glyph_id(c).0 != 0
}

/// Noto Emoji, parsed once: the font of every emoji in a label, whatever the label's font.
fn emoji() -> Option<&'static FontRef<'static>> {
    static EMOJI: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    EMOJI
        .get_or_init(|| FontRef::try_from_slice(crate::fonts::EMOJI).ok())
        .as_ref()
}

/// Atkinson and `DejaVu` Sans, parsed once, for what they cover and their metrics.
fn bundled() -> Option<&'static (FontRef<'static>, FontRef<'static>)> {
    static BUNDLED: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| {
            Some((
                FontRef::try_from_slice(crate::fonts::REGULAR).ok()?,
                FontRef::try_from_slice(crate::fonts::DEJAVU_SANS).ok()?,
            ))
        })
        .as_ref()
}

/// How much larger than `DejaVu` Sans a size must be asked of plotters for `family` to show
/// its letters as large. plotters sizes a font by its line height (ascender to descender), not
/// its em, and Atkinson's line is taller (1.3 em against 1.16): without this, moving the charts
/// from `DejaVu` to Atkinson would have shrunk their text by a tenth.
fn size_factor(family: &str) -> f32 {
    line_height(family) / line_height(DEJAVU)
}

/// The line height of `family`'s font, in ems: what plotters takes a text's size to be.
fn line_height(family: &str) -> f32 {
    let line = |font: &FontRef<'_>| font.height_unscaled() / font.units_per_em().unwrap_or(1000.0);
    let Some((atkinson, dejavu)) = bundled() else {
        return 1.0;
    };
    match family {
        ATKINSON => line(atkinson),
        CJK => system_cjk().map_or(1.0, line),
        _ => line(dejavu),
    }
}

/// The system's CJK font, registered with plotters under [`CJK`] on the first call (so it is
/// read only when a label needs it); `None` if there is none, or it is not a collection's first
/// face (plotters reads only that one).
fn system_cjk() -> Option<&'static FontRef<'static>> {
    static FOUND: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let (bytes, 0) = crate::fonts::system_cjk()? else {
                return None;
            };
            plotters::style::register_font(CJK, FontStyle::Normal, bytes).ok()?;
            FontRef::try_from_slice(bytes).ok()
        })
        .as_ref()
}

/// How many colours the palettes have: worksheets share a slot only when the workbook has more
/// worksheets than this, and then never within one chart (see
/// [`crate::insight::progress::weekly_practice`]).
pub const SLOTS: usize = 6;

/// Okabe–Ito colours that stay distinct for colour-blind readers. The same in light and dark,
/// so a worksheet keeps its colour when the theme changes; each stands out from the dark
/// background by at least 3:1.
const SLOT_COLOURS: [RGBColor; SLOTS] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
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
    lines: &'static [RGBColor; SLOTS],
    /// "Other" in "Entries per week": a quiet grey, so the named worksheets stand out.
    other: RGBColor,
}

impl Theme {
    fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                // The app's light panel colour, so the chart sits in the page without a seam.
                background: RGBColor(248, 248, 248),
                text: RGBColor(40, 40, 40),
                grid: RGBColor(225, 225, 225),
                lines: &SLOT_COLOURS,
                other: RGBColor(180, 180, 180),
            },
            Theme::Dark => Palette {
                background: RGBColor(27, 27, 27),
                text: RGBColor(220, 220, 220),
                grid: RGBColor(60, 60, 60),
                lines: &SLOT_COLOURS,
                other: RGBColor(92, 92, 92),
            },
        }
    }

    /// The colour of palette slot `slot` (wrapping), e.g. a worksheet's, as RGB.
    #[must_use]
    pub fn slot_colour(self, slot: usize) -> [u8; 3] {
        rgb(self.palette().lines[slot % SLOTS])
    }

    /// The background colour, so the app can frame the chart seamlessly.
    #[must_use]
    pub fn background(self) -> [u8; 3] {
        let RGBColor(r, g, b) = self.palette().background;
        [r, g, b]
    }
}

fn rgb(RGBColor(r, g, b): RGBColor) -> [u8; 3] {
    [r, g, b]
}

/// How a legend entry is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A short line, for a series drawn as a line.
    Line,
    /// A filled square, for bars, bands and calendar days.
    Swatch,
}

/// One entry of a chart's legend or colour key.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// What the colour means, e.g. a worksheet's title or "3 or more entries".
    pub label: String,
    /// The colour, as RGB on the chart's background.
    pub colour: [u8; 3],
    /// Line or swatch.
    pub mark: Mark,
}

impl LegendItem {
    fn new(label: impl Into<String>, colour: RGBColor, mark: Mark) -> Self {
        Self {
            label: label.into(),
            colour: rgb(colour),
            mark,
        }
    }
}

/// `colour` laid over `background` at `alpha`, as one solid colour (so that the key's swatch
/// is exactly the day's colour).
pub(super) fn blend(colour: RGBColor, background: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8, b: u8| (f64::from(c) * alpha + f64::from(b) * (1.0 - alpha)).round() as u8;
    RGBColor(
        mix(colour.0, background.0),
        mix(colour.1, background.1),
        mix(colour.2, background.2),
    )
}

/// "1 entry", "2 entries": a count and its noun, singular or plural (English rules).
#[must_use]
pub fn count_of(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
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

    /// The chart's legend or colour key in `theme`'s colours: the same entries the image
    /// draws above its plot, for a front end that shows the legend itself.
    #[must_use]
    pub fn legend(&self, theme: Theme) -> Vec<LegendItem> {
        let palette = theme.palette();
        if !self.has_data() {
            return Vec::new();
        }
        match self {
            Chart::Trend(chart) => chart.legend(&palette),
            Chart::BeforeAfter(chart) => chart.legend(&palette),
            Chart::Weekly(chart) => chart.legend(&palette),
            Chart::Calendar(chart) => chart.legend(&palette),
            Chart::Group(_) => GroupChart::legend(&palette),
        }
    }

    /// What lies under `pixel` (in the rendered image's pixels, `scale` pixels per point): the
    /// value and date nearest the pointer, in words, or `None` away from the data.
    #[must_use]
    pub fn tooltip(&self, mapping: &Mapping, pixel: (f32, f32), scale: f32) -> Option<String> {
        match self {
            Chart::Trend(chart) => chart.tooltip(mapping, pixel, scale),
            Chart::BeforeAfter(chart) => chart.tooltip(mapping, pixel, scale),
            Chart::Weekly(chart) => chart.tooltip(mapping, pixel),
            Chart::Calendar(chart) => chart.tooltip(mapping, pixel),
            Chart::Group(chart) => chart.tooltip(mapping, pixel),
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
            Chart::BeforeAfter(chart) => chart.draw(root, style),
            Chart::Weekly(chart) => chart.draw(root, style),
            Chart::Calendar(chart) => chart.draw(root, style),
            Chart::Group(chart) => chart.draw(root, style),
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
    /// The data position of a pixel: the inverse of [`Mapping::to_pixel`].
    #[must_use]
    pub fn to_data(&self, px: f32, py: f32) -> (f64, f64) {
        let (left, top, right, bottom) = self.area;
        let fx = f64::from(px - left as f32) / f64::from((right - left).max(1));
        let fy = f64::from(bottom as f32 - py) / f64::from((bottom - top).max(1));
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        )
    }

    /// Whether a pixel lies inside the plotting area.
    #[must_use]
    pub fn contains(&self, px: f32, py: f32) -> bool {
        let (left, top, right, bottom) = self.area;
        (left as f32..=right as f32).contains(&px) && (top as f32..=bottom as f32).contains(&py)
    }

    /// The same mapping in an image half the size.
    fn halved(self) -> Self {
        let (left, top, right, bottom) = self.area;
        Self {
            area: (left / 2, top / 2, right / 2, bottom / 2),
            ..self
        }
    }

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
    /// Whether the legend is drawn in the image (files), or left to the front end (the app).
    legend: bool,
    /// Whether this is an SVG, whose viewer sizes text by its em, not by its line height as
    /// plotters' bitmaps do: sizes are given as they are and widths measured in ems.
    svg: bool,
}

impl Style {
    fn new(theme: Theme, scale: f32, legend: bool) -> Self {
        Self {
            palette: theme.palette(),
            scale,
            legend,
            svg: false,
        }
    }

    /// The width in pixels of `text` at `size` points (an estimate if the font cannot say).
    fn text_width<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        text: &str,
        size: f32,
    ) -> i32 {
        let family = family_for(text);
        // plotters measures as if the size were the line height; a viewer of an SVG draws it
        // as the em, wider by the line's height in ems.
        let widen = if self.svg { line_height(family) } else { 1.0 };
        root.estimate_text_size(text, &self.in_family(family, size))
            .map_or_else(
                |_| (text.chars().count() as f32 * size * self.scale * 0.6) as i32,
                |(width, _)| (width as f32 * widen).ceil() as i32,
            )
    }

    /// Room for the y axis: its widest label, the tick, and the rotated description.
    fn y_label_area<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        labels: &[String],
    ) -> u32 {
        let widest = labels
            .iter()
            .map(|label| self.text_width(root, label, 13.0))
            .max()
            .unwrap_or(0);
        u32::try_from(widest).unwrap_or(0) + self.px(12.0 + 22.0)
    }

    /// Draws the title, and the legend if it belongs in the image, and returns the area below
    /// them, where the plot goes: the legend can never cover the data.
    fn header<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        title: &str,
        legend: &[LegendItem],
    ) -> Result<DrawingArea<DB, Shift>, ChartError> {
        let (width, _) = root.dim_in_pixel();
        let width = i32::try_from(width).unwrap_or(i32::MAX);
        root.draw(&Text::new(
            title.to_owned(),
            (width / 2, self.px_i(8.0)),
            self.label(title, 18.0)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(draw_error)?;
        let mut bottom = self.px_i(8.0 + 26.0);
        if self.legend && !legend.is_empty() {
            let widths: Vec<i32> = legend
                .iter()
                .map(|item| self.px_i(24.0) + self.text_width(root, &item.label, 13.0))
                .collect();
            let rows = legend_rows(&widths, width - 2 * self.px_i(12.0), self.px_i(16.0));
            let row_height = self.px_i(20.0);
            let rows_used = rows.last().map_or(0, |(row, _)| row + 1);
            for (item, (row, x)) in legend.iter().zip(rows) {
                let x = self.px_i(12.0) + x;
                let y = bottom + row * row_height + row_height / 2;
                let [red, green, blue] = item.colour;
                let colour = RGBColor(red, green, blue);
                match item.mark {
                    Mark::Line => root.draw(&PathElement::new(
                        vec![(x, y), (x + self.px_i(18.0), y)],
                        colour.stroke_width(self.px(3.0)),
                    )),
                    Mark::Swatch => root.draw(&Rectangle::new(
                        [
                            (x + self.px_i(3.0), y - self.px_i(6.0)),
                            (x + self.px_i(15.0), y + self.px_i(6.0)),
                        ],
                        colour.filled(),
                    )),
                }
                .map_err(draw_error)?;
                root.draw(&Text::new(
                    item.label.clone(),
                    (x + self.px_i(22.0), y),
                    self.label(&item.label, 13.0)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(draw_error)?;
            }
            bottom += rows_used * row_height + self.px_i(4.0);
        }
        Ok(root.split_vertically(bottom).1)
    }

    /// A size in points as pixels. Charts are at most 10 000 px, so the cast is safe.
    fn px(&self, points: f32) -> u32 {
        (points * self.scale).round().max(1.0) as u32
    }

    /// A size in points as signed pixels.
    fn px_i(&self, points: f32) -> i32 {
        (points * self.scale).round().max(1.0) as i32
    }

    /// Text of `size` points in the chart's text colour, in Atkinson: for the axes' numbers,
    /// dates and words, which are Rapport's own.
    fn text(&self, size: f32) -> TextStyle<'static> {
        self.in_family(ATKINSON, size)
    }

    /// Like [`Style::text`], in the font that can show `label` (see [`family_for`]): for text
    /// that can be the person's own, such as a worksheet's title.
    fn label(&self, label: &str, size: f32) -> TextStyle<'static> {
        self.in_family(family_for(label), size)
    }

    fn in_family(&self, family: &'static str, size: f32) -> TextStyle<'static> {
        let factor = if self.svg { 1.0 } else { size_factor(family) };
        (family, self.px(size * factor))
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
            self.label(title, 18.0),
        ))
        .map_err(draw_error)?;
        root.draw(&Text::new(
            message.to_owned(),
            (self.px_i(16.0), self.px_i(48.0)),
            self.label(message, 14.0),
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

/// Registers the bundled fonts with plotters, once per process (the CJK font is registered
/// only when a label needs it, see [`system_cjk`]).
fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The fonts are compiled in and known to parse; a failure would only lose the text.
        let _ = plotters::style::register_font(ATKINSON, FontStyle::Normal, crate::fonts::REGULAR);
        let _ =
            plotters::style::register_font(DEJAVU, FontStyle::Normal, crate::fonts::DEJAVU_SANS);
    });
}

fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    if (1..=10_000).contains(&width) && (1..=10_000).contains(&height) {
        Ok(())
    } else {
        Err(ChartError::BadSize(width, height))
    }
}

/// Renders the chart into an RGB buffer of `width`×`height` pixels, legend included. `scale`
/// is the number of pixels per point, so that text and lines keep their size on high-density
/// screens.
pub fn render_rgb(
    chart: &Chart,
    width: u32,
    height: u32,
    scale: f32,
    theme: Theme,
) -> Result<Rendered, ChartError> {
    render(chart, width, height, scale, theme, true)
}

/// Renders the chart like [`render_rgb`] but without its legend, for a front end that shows
/// [`Chart::legend`] itself.
pub fn render_rgb_without_legend(
    chart: &Chart,
    width: u32,
    height: u32,
    scale: f32,
    theme: Theme,
) -> Result<Rendered, ChartError> {
    render(chart, width, height, scale, theme, false)
}

/// Below this many pixels per point the chart is drawn twice as big and scaled down: plotters'
/// bitmap lines have no anti-aliasing.
const SUPERSAMPLE_BELOW: f32 = 1.5;

fn render(
    chart: &Chart,
    width: u32,
    height: u32,
    scale: f32,
    theme: Theme,
    legend: bool,
) -> Result<Rendered, ChartError> {
    check_size(width, height)?;
    let factor: u32 = if scale < SUPERSAMPLE_BELOW { 2 } else { 1 };
    let (big_width, big_height) = (width * factor, height * factor);
    let mut rgb = vec![0u8; big_width as usize * big_height as usize * 3];
    let mapping = {
        // plotters' own bitmap text leaves out each glyph's bearing; the wrapper draws it in.
        let root = text_backend::GlyphBackend::new(BitMapBackend::with_buffer(
            &mut rgb,
            (big_width, big_height),
        ))
        .into_drawing_area();
        let mapping = chart.draw(&root, &Style::new(theme, scale * factor as f32, legend))?;
        root.present().map_err(draw_error)?;
        mapping
    };
    if factor == 1 {
        return Ok(Rendered { rgb, mapping });
    }
    Ok(Rendered {
        rgb: downscale_half(&rgb, width as usize, height as usize),
        mapping: mapping.map(Mapping::halved),
    })
}

/// Averages each 2×2 block of an RGB image `2 * width` × `2 * height` pixels.
fn downscale_half(big: &[u8], width: usize, height: usize) -> Vec<u8> {
    let stride = width * 2 * 3;
    let mut out = vec![0u8; width * height * 3];
    for y in 0..height {
        for x in 0..width {
            for channel in 0..3 {
                let at = |dx: usize, dy: usize| {
                    u16::from(big[(y * 2 + dy) * stride + (x * 2 + dx) * 3 + channel])
                };
                let sum = at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1);
                out[(y * width + x) * 3 + channel] = ((sum + 2) / 4) as u8;
            }
        }
    }
    out
}

/// Writes the chart to `path` as PNG or SVG, chosen by the file's extension.
pub fn write_file(
    chart: &Chart,
    path: &Path,
    width: u32,
    height: u32,
    theme: Theme,
) -> Result<(), ChartError> {
    let bytes = file_bytes(chart, path, width, height, theme)?;
    crate::storage::atomic::write_atomic(path, &bytes, crate::storage::atomic::Overwrite::Replace)
        .map_err(|source| ChartError::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// The bytes of the chart as PNG or SVG, chosen by `path`'s extension.
fn file_bytes(
    chart: &Chart,
    path: &Path,
    width: u32,
    height: u32,
    theme: Theme,
) -> Result<Vec<u8>, ChartError> {
    if !chart.has_data() {
        return Err(ChartError::NoData(chart.empty_message().to_owned()));
    }
    check_size(width, height)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("png") => {
            let rendered = render_rgb(chart, width, height, 1.0, theme)?;
            encode_png(&rendered.rgb, width, height)
        }
        Some("svg") => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                let style = Style {
                    svg: true,
                    ..Style::new(theme, 1.0, true)
                };
                chart.draw(&root, &style)?;
                root.present().map_err(draw_error)?;
            }
            Ok(svg.into_bytes())
        }
        _ => Err(ChartError::UnknownFormat(path.display().to_string())),
    }
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
/// about `most` of them (at least two), and the step between them.
fn date_ticks(low: f64, high: f64, most: usize) -> (Vec<f64>, TickStep) {
    let span = high - low;
    let most = most.max(2) as f64;
    let step = if span > 3.0 * 365.0 || span / 30.4 / 12.0 > most {
        let every = [1, 2, 5, 10, 20, 50]
            .into_iter()
            .find(|y| span / 365.0 / f64::from(*y) <= most)
            .unwrap_or(100);
        TickStep::Years(every)
    } else if span > 60.0 || span / 28.0 > most {
        let months = span / 30.4;
        [1, 2, 3, 6]
            .into_iter()
            .find(|m| months / f64::from(*m) <= most)
            .map_or(TickStep::Years(1), TickStep::Months)
    } else {
        let every = [1, 2, 7, 14]
            .into_iter()
            .find(|d| span / f64::from(*d) <= most)
            .unwrap_or(28);
        TickStep::Days(every)
    };
    let (Some(start), Some(_)) = (day_to_date(low), day_to_date(high)) else {
        return (Vec::new(), step);
    };
    let mut date = match step {
        // Every second year falls on even years, every fifth on multiples of five.
        // Months every 2, 3 or 6 fall on January, so a year's ticks line up.
        TickStep::Years(every) => {
            let year = i32::from(start.year());
            jiff::civil::date((year - year.rem_euclid(every)) as i16, 1, 1)
        }
        TickStep::Months(every) => {
            let month = i32::from(start.month()) - 1;
            let month = month - month.rem_euclid(every);
            jiff::civil::date(start.year(), (month + 1) as i8, 1)
        }
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

/// Places legend items of `widths` in rows no wider than `available`, `gap` apart: the row and
/// the x offset of each.
fn legend_rows(widths: &[i32], available: i32, gap: i32) -> Vec<(i32, i32)> {
    let mut placed = Vec::with_capacity(widths.len());
    let (mut row, mut x) = (0, 0);
    for &width in widths {
        if x > 0 && x + width > available {
            row += 1;
            x = 0;
        }
        placed.push((row, x));
        x += width + gap;
    }
    placed
}

/// Where each date label goes: centred under its tick, but moved in so that it never runs
/// past the image's edges, and left out if it would overlap the one before. `labels` holds
/// each label's tick x and width in pixels; the result holds the left edge of each label kept.
fn place_labels(labels: &[(i32, i32)], image_width: i32, gap: i32) -> Vec<Option<i32>> {
    let mut last_right = i32::MIN;
    labels
        .iter()
        .map(|&(x, width)| {
            let left = (x - width / 2).clamp(1, (image_width - width - 1).max(1));
            (left >= last_right.saturating_add(gap)).then(|| {
                last_right = left + width;
                left
            })
        })
        .collect()
}

/// Draws the date axis by hand: grid lines and labels on calendar boundaries, as many as fit.
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
    let (columns, _) = plot.plotting_area().get_pixel_range();
    // Room for labels as wide as "Sep 2026" with a gap between them.
    let label_room = style.text_width(root, "Sep 2026", 13.0) + style.px_i(16.0);
    let most = usize::try_from((columns.end - columns.start) / label_room.max(1)).unwrap_or(2);
    let (ticks, step) = date_ticks(x_low, x_high, most.min(10));
    plot.draw_series(ticks.iter().map(|&day| {
        PathElement::new(
            vec![(day, y_bottom), (day, y_top)],
            style.palette.grid.stroke_width(style.px(1.0)),
        )
    }))
    .map_err(draw_error)?;
    // Positions are in the root's pixels: the plot's area may sit below a header.
    let (offset_x, offset_y) = (root.get_base_pixel().0, root.get_base_pixel().1);
    let (image_width, _) = root.dim_in_pixel();
    let labels: Vec<(String, i32, i32)> = ticks
        .iter()
        .map(|&day| {
            let text = date_label(day, step);
            let (x, _) = plot.backend_coord(&(day, y_bottom));
            let width = style.text_width(root, &text, 13.0);
            (text, x - offset_x, width)
        })
        .collect();
    let places = place_labels(
        &labels.iter().map(|(_, x, w)| (*x, *w)).collect::<Vec<_>>(),
        i32::try_from(image_width).unwrap_or(i32::MAX),
        style.px_i(8.0),
    );
    let (_, y) = plot.backend_coord(&(x_low, y_bottom));
    let label_style = style.text(13.0).pos(Pos::new(HPos::Left, VPos::Top));
    for ((text, _, _), left) in labels.into_iter().zip(places) {
        if let Some(left) = left {
            root.draw(&Text::new(
                text,
                (left, y - offset_y + style.px_i(8.0)),
                label_style.clone(),
            ))
            .map_err(draw_error)?;
        }
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
        let (ticks, step) = date_ticks(day(2016, 7, 3), day(2026, 11, 25), 8);
        assert_eq!(step, TickStep::Years(2));
        let labels: Vec<String> = ticks.iter().map(|t| date_label(*t, step)).collect();
        assert_eq!(labels, ["2018", "2020", "2022", "2024", "2026"]);
        // Five months: monthly ticks on the 1st.
        let (ticks, step) = date_ticks(day(2026, 6, 20), day(2026, 11, 25), 8);
        assert_eq!(step, TickStep::Months(1));
        assert_eq!(date_label(ticks[0], step), "Jul 2026");
        assert_eq!(ticks.len(), 5);
        // Six weeks: weekly ticks on Mondays.
        let (ticks, step) = date_ticks(day(2026, 10, 15), day(2026, 11, 25), 8);
        assert_eq!(step, TickStep::Days(7));
        assert_eq!(date_label(ticks[0], step), "19 Oct");
        // A week: daily ticks.
        let (ticks, step) = date_ticks(day(2026, 11, 20), day(2026, 11, 26), 8);
        assert_eq!(step, TickStep::Days(1));
        assert_eq!(ticks.len(), 7);
    }

    #[test]
    fn date_ticks_fit_the_room_there_is() {
        let day = |y, m, d| date_to_day(jiff::civil::date(y, m, d));
        // Ten years in room for three labels: every five years.
        let (ticks, step) = date_ticks(day(2016, 7, 3), day(2026, 11, 25), 3);
        assert_eq!(step, TickStep::Years(5));
        assert_eq!(ticks.len(), 2);
        // A year in room for four labels: every quarter, on January, April, July, October.
        let (ticks, step) = date_ticks(day(2025, 11, 26), day(2026, 11, 25), 4);
        assert_eq!(step, TickStep::Months(3));
        let labels: Vec<String> = ticks.iter().map(|t| date_label(*t, step)).collect();
        assert_eq!(labels, ["Jan 2026", "Apr 2026", "Jul 2026", "Oct 2026"]);
    }

    #[test]
    fn labels_stay_inside_the_image_and_apart() {
        // The last label is centred 10 px from the right edge; it is moved in, whole.
        let placed = place_labels(&[(50, 60), (320, 60), (395, 60)], 400, 8);
        assert_eq!(placed[0], Some(20));
        // The third would overlap the second once moved in, so it is left out.
        assert_eq!(placed[1], Some(290));
        assert_eq!(placed[2], None);
        let placed = place_labels(&[(5, 60), (395, 60)], 400, 8);
        assert_eq!(placed, [Some(1), Some(339)]);
        for left in placed.into_iter().flatten() {
            assert!(left >= 0 && left + 60 <= 400);
        }
    }

    #[test]
    fn legend_rows_wrap_to_the_width() {
        assert_eq!(
            legend_rows(&[100, 100, 100], 250, 10),
            [(0, 0), (0, 110), (1, 0)]
        );
        // An item wider than the room still gets a row of its own.
        assert_eq!(legend_rows(&[300, 50], 250, 10), [(0, 0), (1, 0)]);
    }

    fn weekly_chart() -> Chart {
        let monday = jiff::civil::date(2026, 11, 2);
        Chart::Weekly(WeeklyChart {
            title: "Entries per week".into(),
            data: crate::insight::progress::WeeklyPractice {
                weeks: (0..4)
                    .map(|w| monday + jiff::Span::new().weeks(w))
                    .collect(),
                names: vec!["Coping skills".into(), "Other".into()],
                slots: vec![Some(3), None],
                counts: vec![vec![1, 2], vec![0, 0], vec![4, 1], vec![1, 0]],
            },
        })
    }

    #[test]
    fn the_legend_sits_above_the_plot_never_on_it() {
        let chart = weekly_chart();
        for (width, height) in [(320, 200), (640, 320), (1200, 600)] {
            let with = render_rgb(&chart, width, height, 1.0, Theme::Light).unwrap();
            let without =
                render_rgb_without_legend(&chart, width, height, 1.0, Theme::Light).unwrap();
            let (with, without) = (with.mapping.unwrap(), without.mapping.unwrap());
            // The legend takes its own row(s) above the plot: the plot moves down for it.
            assert!(with.area.1 >= without.area.1 + 15, "{with:?} {without:?}");
            // The legend's swatch colour appears in the header band, above the plot area.
            let rendered = render_rgb(&chart, width, height, 2.0, Theme::Light).unwrap();
            let swatch = Theme::Light.slot_colour(3);
            let top = rendered.mapping.unwrap().area.1 as usize;
            let header = &rendered.rgb[..top * width as usize * 3];
            assert!(header.chunks(3).any(|px| px == swatch), "{width}x{height}");
        }
    }

    #[test]
    fn a_worksheet_keeps_its_colour_in_light_and_dark_and_each_stands_out_on_dark() {
        // Relative luminance and contrast ratio as WCAG 2 defines them.
        let luminance = |[r, g, b]: [u8; 3]| {
            let channel = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.039_28 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
        };
        let dark = luminance(Theme::Dark.background());
        for slot in 0..SLOTS {
            let colour = Theme::Light.slot_colour(slot);
            assert_eq!(Theme::Dark.slot_colour(slot), colour, "slot {slot}");
            let contrast = (luminance(colour) + 0.05) / (dark + 0.05);
            assert!(contrast >= 3.0, "slot {slot}: {contrast:.2}");
        }
    }

    #[test]
    fn tooltips_name_the_week_and_the_day_under_the_pointer() {
        let chart = weekly_chart();
        let rendered = render_rgb_without_legend(&chart, 640, 320, 1.0, Theme::Light).unwrap();
        let mapping = rendered.mapping.unwrap();
        // The middle of the third week (16 November), halfway up.
        let day = date_to_day(jiff::civil::date(2026, 11, 19));
        let (x, y) = mapping.to_pixel(day, 2.0);
        assert_eq!(
            chart.tooltip(&mapping, (x, y), 1.0).as_deref(),
            Some("Week of 16 Nov 2026: 5 entries\nCoping skills: 4\nOther: 1")
        );
        let (x, y) = mapping.to_pixel(date_to_day(jiff::civil::date(2026, 11, 26)), 1.0);
        assert_eq!(
            chart.tooltip(&mapping, (x, y), 1.0).as_deref(),
            Some("Week of 23 Nov 2026: 1 entry\nCoping skills: 1")
        );
        assert_eq!(chart.tooltip(&mapping, (1.0, 1.0), 1.0), None);

        // A calendar ending on Wednesday 25 November: the last cell is that day.
        let calendar = Chart::Calendar(CalendarChart {
            title: "Days".into(),
            end: jiff::civil::date(2026, 11, 25),
            counts: vec![0, 1, 2, 3, 0, 5, 1, 1, 0, 2],
        });
        let rendered = render_rgb(&calendar, 800, 300, 1.0, Theme::Dark).unwrap();
        let mapping = rendered.mapping.unwrap();
        // Column 1 (this week), row 2 (Wednesday), at the cell's middle.
        let (x, y) = mapping.to_pixel(1.5, 2.5);
        assert_eq!(
            calendar.tooltip(&mapping, (x, y), 1.0).as_deref(),
            Some("Wed 25 Nov 2026: 2 entries")
        );
        let (x, y) = mapping.to_pixel(1.5, 1.5);
        assert_eq!(
            calendar.tooltip(&mapping, (x, y), 1.0).as_deref(),
            Some("Tue 24 Nov 2026: no entry")
        );
        let labels: Vec<String> = calendar
            .legend(Theme::Dark)
            .into_iter()
            .map(|item| item.label)
            .collect();
        assert_eq!(
            labels,
            [
                "No entry",
                "1 entry",
                "2 entries",
                "3 entries",
                "4 or more entries"
            ]
        );
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count_of(1, "entry", "entries"), "1 entry");
        assert_eq!(count_of(0, "entry", "entries"), "0 entries");
        assert_eq!(count_of(2, "day", "days"), "2 days");
    }

    #[test]
    fn an_svg_has_every_date_label_whole_and_inside() {
        // Daily points from 1 October to 28 November: the last tick, 1 December, falls a few
        // pixels from the plot's right edge, where a centred label ran off the image.
        let start: jiff::Timestamp = "2026-10-01T12:00:00Z".parse().unwrap();
        let series = crate::insight::progress::Series {
            step_id: "mood".into(),
            label: "Mood".into(),
            min: 0,
            max: 10,
            bands: Vec::new(),
            higher_is_better: false,
            points: (0..59)
                .map(|i| crate::insight::progress::Point {
                    when: crate::time::LocalTime::with_offset(
                        start + jiff::SignedDuration::from_hours(i * 24),
                        jiff::tz::Offset::UTC,
                    ),
                    value: i % 11,
                })
                .collect(),
        };
        let chart = Chart::Trend(TrendChart::new("Mood", vec![series]));
        for width in [300, 480, 800] {
            let svg = String::from_utf8(
                file_bytes(&chart, Path::new("c.svg"), width, 300, Theme::Light).unwrap(),
            )
            .unwrap();
            // (attributes, text) of every text element.
            let texts: Vec<(&str, &str)> = svg
                .split("<text")
                .skip(1)
                .filter_map(|piece| {
                    let (attributes, rest) = piece.split_once('>')?;
                    Some((attributes, rest.split("</text>").next()?.trim()))
                })
                .collect();
            let attribute = |attributes: &str, name: &str| -> f64 {
                attributes
                    .split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .and_then(|value| value.parse().ok())
                    .unwrap()
            };
            let months: Vec<&(&str, &str)> = texts
                .iter()
                .filter(|(_, text)| text.contains(" 202"))
                .collect();
            assert!(months.len() >= 2, "{width}: {texts:?}");
            for (attributes, text) in months {
                // The whole label: a month's name and a four-digit year.
                let (month, year) = text.split_once(' ').unwrap();
                assert_eq!((month.len(), year.len()), (3, 4), "clipped: {text}");
                // Anchored at its start, inside the image, with room for the whole text.
                assert!(attributes.contains("text-anchor=\"start\""), "{attributes}");
                let x = attribute(attributes, "x");
                let size = attribute(attributes, "font-size");
                let estimate = text.chars().count() as f64 * size * 0.55;
                assert!(
                    x >= 0.0 && x + estimate <= f64::from(width),
                    "{width}: {text} at {x}"
                );
            }
        }
    }

    #[test]
    fn a_label_is_drawn_in_atkinson_unless_it_needs_a_font_that_has_its_letters() {
        assert_eq!(family_for("PHQ-9: mood, 12 Mar 2026"), ATKINSON);
        assert_eq!(family_for("Привет"), DEJAVU);
        // Emoji are drawn in Noto Emoji in any label, so they leave the label in Atkinson…
        assert_eq!(family_for("🙂"), ATKINSON);
        assert_eq!(family_for("Sam 🙂"), ATKINSON);
        // …or in the font its other letters need.
        assert_eq!(family_for("Привет 🙂"), DEJAVU);
        let cjk = family_for("和妈妈吵架");
        if crate::fonts::system_cjk().is_some() {
            assert_eq!(cjk, CJK);
        } else {
            assert_eq!(cjk, DEJAVU, "no CJK font installed: DejaVu Sans");
        }
        // Registered fonts are found by plotters, so the text is measured and drawn.
        register_font();
        for family in [ATKINSON, DEJAVU] {
            let font = (family, 20).into_font();
            let (width, _) = font.box_size("Rapport").unwrap();
            assert!(width > 40, "{family}: {width}");
        }
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
        assert_eq!(mapping.to_data(200.0, 60.0), (5.0, 2.5));
    }
}
