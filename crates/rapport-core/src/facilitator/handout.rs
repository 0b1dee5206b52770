//! Printable handouts: worksheets (blank or filled) and whole sessions as PDF, drawn with
//! krilla in Atkinson Hyperlegible Next (headings bold), with room to write by hand, tick boxes
//! for ratings, a crisis-help footer and page numbers. Text Atkinson cannot show is drawn in
//! `DejaVu` Sans or the system's CJK font ([`crate::fonts`]), run by run.

use std::cell::OnceCell;

use ab_glyph::{Font as _, FontRef};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::content::crisis::{PrintedHelp, Region, bundled_helplines, region_from_environment};
use crate::content::entry::{Answer, Entry};
use crate::content::programme::{Programme, Session};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Worksheet};
use crate::fonts;

/// Paper sizes, in PDF points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// Printed at the foot of every page of a summary; a handout's footer names the numbers of the
/// region it is printed for (see [`PrintedHelp::footer`]).
pub const CRISIS_FOOTER: &str = "If you are in danger now, call your local emergency number. This is a self-help handout, not a substitute for professional care.";

/// Why a handout could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HandoutError {
    /// The PDF could not be produced.
    #[error("The handout could not be made: {0}")]
    Pdf(String),
    /// The file could not be written.
    #[error("Could not write the handout: {source}. Path: {}", path.display())]
    Write {
        /// Where it was being written.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// One thing drawn on a page.
#[derive(Clone, Debug, PartialEq)]
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        grey: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Box {
        x: f32,
        y: f32,
        side: f32,
    },
    /// A circle around (`x`, `y`), outlined or filled: where a choice of one is marked.
    Circle {
        x: f32,
        y: f32,
        r: f32,
        filled: bool,
    },
    /// A line through points, for a chart.
    Polyline {
        points: Vec<(f32, f32)>,
        width: f32,
    },
    /// A filled rectangle in a grey of `level` (0 black, 255 white), for chart bands.
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        level: u8,
    },
}

/// Text of this size or larger is a heading or a title, and is printed bold: the layout's
/// headings are told apart by size alone (every body text is smaller).
const HEADING: f32 = 13.0;

/// A font a run of text is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
    DejaVu,
    Emoji,
    Cjk,
}

/// The fonts a PDF's text is drawn in, in the order a character is looked for: Atkinson
/// (regular, or bold for headings), then `DejaVu` Sans, then Noto Emoji, then the system's CJK
/// font.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
    dejavu: FontRef<'static>,
    emoji: FontRef<'static>,
    /// Looked for (and read, 20 MB) only when a character is in neither bundled font.
    cjk: OnceCell<Option<FontRef<'static>>>,
}

impl Faces {
    fn new() -> Self {
        // The bundled fonts are compiled in and tested to parse (`fonts::tests`).
        let bundled =
            |bytes: &'static [u8]| FontRef::try_from_slice(bytes).expect("a bundled font parses");
        Self {
            regular: bundled(fonts::REGULAR),
            bold: bundled(fonts::BOLD),
            dejavu: bundled(fonts::DEJAVU_SANS),
            emoji: bundled(fonts::EMOJI),
            cjk: OnceCell::new(),
        }
    }

    fn cjk(&self) -> Option<&FontRef<'static>> {
        self.cjk
            .get_or_init(|| {
                let (bytes, index) = fonts::system_cjk()?;
                FontRef::try_from_slice_and_index(bytes, index).ok()
            })
            .as_ref()
    }

    fn get(&self, face: Face) -> &FontRef<'static> {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::DejaVu => &self.dejavu,
            Face::Emoji => &self.emoji,
            // Only chosen when present (see `has`); the regular face is a safe stand-in.
            Face::Cjk => self.cjk().unwrap_or(&self.regular),
        }
    }

    fn has(&self, face: Face, c: char) -> bool {
        let font = match face {
            Face::Cjk => match self.cjk() {
                Some(font) => font,
                None => return false,
            },
            other => self.get(other),
        };
        font.glyph_id(c).0 != 0
    }

    /// The face for `c` after a run in `current`: spaces and combining marks stay with the run
    /// they are in (so a mark sits on its letter and a space between two Chinese words is not a
    /// run of its own); anything else takes the first face that has it, or the first face of
    /// all when none has it (drawn as the font's empty box, as before there was a fallback).
    fn face_for(&self, c: char, first: Face, current: Option<Face>) -> Face {
        // A space after an emoji is a text space: Noto Emoji's is an em wide.
        if let Some(current) = current
            && (joins_previous(c) || (c.is_whitespace() && current != Face::Emoji))
            && self.has(current, c)
        {
            return current;
        }
        [first, Face::DejaVu, Face::Emoji, Face::Cjk]
            .into_iter()
            .find(|&face| self.has(face, c))
            .unwrap_or(first)
    }

    /// `text` cut into runs, each drawn in one face.
    fn runs<'t>(&self, text: &'t str, size: f32) -> Vec<(Face, &'t str)> {
        let first = if size >= HEADING {
            Face::Bold
        } else {
            Face::Regular
        };
        let mut runs: Vec<(Face, &str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (index, c) in text.char_indices() {
            let face = self.face_for(c, first, current);
            if let Some(previous) = current
                && previous != face
            {
                runs.push((previous, &text[start..index]));
                start = index;
            }
            current = Some(face);
        }
        if let Some(face) = current {
            runs.push((face, &text[start..]));
        }
        runs
    }

    /// One printed line cut into runs in the order they are drawn, left to right, each with
    /// whether it reads right to left: the Unicode bidirectional algorithm orders them, so an
    /// English name in an Arabic sentence, or Hebrew in an English one, sits where a reader
    /// expects it. Each run is then shaped (joined letters, marks) by krilla.
    fn visual_runs<'t>(&self, line: &'t str, size: f32) -> Vec<(Face, &'t str, bool)> {
        let bidi = unicode_bidi::BidiInfo::new(line, None);
        if !bidi.has_rtl() {
            return self
                .runs(line, size)
                .into_iter()
                .map(|(face, run)| (face, run, false))
                .collect();
        }
        let mut drawn = Vec::new();
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let mut faces = self.runs(&line[run], size);
                // Right to left, the run's first piece is drawn rightmost.
                if rtl {
                    faces.reverse();
                }
                drawn.extend(faces.into_iter().map(|(face, piece)| (face, piece, rtl)));
            }
        }
        drawn
    }

    /// The advance of `c` in `face` at `size` points (PDF sizes are em sizes).
    fn advance(&self, face: Face, c: char, size: f32) -> f32 {
        let font = self.get(face);
        font.h_advance_unscaled(font.glyph_id(c)) / font.units_per_em().unwrap_or(1000.0) * size
    }

    /// The bytes and face index `face` is read from, for shaping.
    fn bytes(face: Face) -> (&'static [u8], u32) {
        match face {
            Face::Regular => (fonts::REGULAR, 0),
            Face::Bold => (fonts::BOLD, 0),
            Face::DejaVu => (fonts::DEJAVU_SANS, 0),
            Face::Emoji => (fonts::EMOJI, 0),
            // A CJK run exists only if the font was found (see `has`).
            Face::Cjk => fonts::system_cjk().unwrap_or((fonts::REGULAR, 0)),
        }
    }

    /// The width `run` takes when krilla draws it in `face`: shaped, so joined Arabic letters
    /// and kerned pairs count as drawn. Falls back to the letters' own advances if the font
    /// cannot be read for shaping.
    fn drawn_width(&self, face: Face, run: &str, rtl: bool, size: f32) -> f32 {
        let (bytes, index) = Self::bytes(face);
        let Some(shaper) = rustybuzz::Face::from_slice(bytes, index) else {
            return self.width(run, size);
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(run);
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let glyphs = rustybuzz::shape(&shaper, &[], buffer);
        let units: i64 = glyphs
            .glyph_positions()
            .iter()
            .map(|position| i64::from(position.x_advance))
            .sum();
        let per_em = f64::from(shaper.units_per_em().max(1));
        // A line's width in design units is far inside f64's exact range, and points are f32.
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            reason = "a printed line's width in font units fits f64 exactly, and f32 points"
        )]
        let width = (units as f64 / per_em) as f32 * size;
        width
    }

    /// The width of one printed line as it is drawn: its runs in order, each shaped.
    fn line_width(&self, line: &str, size: f32) -> f32 {
        self.visual_runs(line, size)
            .into_iter()
            .map(|(face, run, rtl)| self.drawn_width(face, run, rtl, size))
            .sum()
    }

    /// The width of `text` at `size` points, measured run by run as it is drawn.
    fn width(&self, text: &str, size: f32) -> f32 {
        self.runs(text, size)
            .into_iter()
            .flat_map(|(face, run)| run.chars().map(move |c| (face, c)))
            .map(|(face, c)| self.advance(face, c, size))
            .sum()
    }
}

/// Whether `c` belongs with the character before it: a combining mark, a joiner or a
/// variation selector.
fn joins_previous(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F       // combining diacritical marks
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D     // zero-width non-joiner and joiner
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F     // variation selectors
        | 0xFE20..=0xFE2F)
}

/// Lays content out top to bottom, starting new pages as needed.
struct Layout {
    paper: Paper,
    faces: Faces,
    pages: Vec<Vec<Mark>>,
    y: f32,
    /// Printed at the foot of every page.
    footer: String,
    /// The help a handout prints, in its footer and its “Get help now” box; `None` for a
    /// summary.
    help: Option<PrintedHelp>,
}

const MARGIN: f32 = 56.0;
const FOOTER_SPACE: f32 = 52.0;

impl Layout {
    fn new(paper: Paper) -> Self {
        Self {
            paper,
            faces: Faces::new(),
            pages: vec![Vec::new()],
            y: MARGIN,
            footer: CRISIS_FOOTER.to_owned(),
            help: None,
        }
    }

    /// A layout for a handout that prints `help`: its numbers in the footer, and text that
    /// points to the app's “Get help now” pointing to the box at the end instead.
    fn with_help(paper: Paper, help: &PrintedHelp) -> Self {
        let mut layout = Self::new(paper);
        layout.footer = help.footer();
        layout.help = Some(help.clone());
        layout
    }

    /// The “Get help now” box: the emergency number and the helplines, kept on one page.
    fn help_box(&mut self) {
        let Some(help) = self.help.clone() else {
            return;
        };
        self.gap(12.0);
        self.need(50.0 + 26.0 * help.lines.len() as f32);
        self.text("Get help now", 13.0, false);
        match &help.region {
            Some(region) => self.text(
                &format!(
                    "Numbers for {region}, checked {}.",
                    help.checked.strftime("%-d %B %Y")
                ),
                9.0,
                true,
            ),
            None => self.text(
                "Ask your facilitator or doctor for the crisis lines where you live.",
                9.0,
                true,
            ),
        }
        let emergency = help
            .emergency
            .as_deref()
            .unwrap_or("your local emergency number");
        self.text(
            &format!(
                "In danger now, or might act on thoughts of harming yourself: call {emergency}."
            ),
            10.0,
            false,
        );
        for line in &help.lines {
            self.text(&format!("{}: {}", line.name, line.contact), 10.0, false);
            if !line.details.is_empty() {
                self.text(&line.details, 8.5, true);
            }
        }
    }

    fn width(&self) -> f32 {
        self.paper.size().0 - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.paper.size().1 - MARGIN - FOOTER_SPACE
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn need(&mut self, height: f32) {
        if self.y + height > self.bottom() {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn page_break(&mut self) {
        if self.y > MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text_width(&self, text: &str, size: f32) -> f32 {
        self.faces.width(text, size)
    }

    /// `word` as it is, or, when it is wider than `width` on its own (a pasted 3,000-letter
    /// word, or Chinese, written without spaces), cut into pieces that fit.
    fn pieces<'w>(&self, word: &'w str, size: f32, width: f32) -> Vec<&'w str> {
        if self.text_width(word, size) <= width {
            return vec![word];
        }
        let mut pieces = Vec::new();
        let (mut start, mut used, mut offset) = (0, 0.0, 0);
        for (face, run) in self.faces.runs(word, size) {
            for (index, c) in run.char_indices() {
                let advance = self.faces.advance(face, c, size);
                // At least one character per piece, however narrow the space.
                if used + advance > width && offset + index > start {
                    pieces.push(&word[start..offset + index]);
                    start = offset + index;
                    used = 0.0;
                }
                used += advance;
            }
            offset += run.len();
        }
        pieces.push(&word[start..]);
        pieces
    }

    /// Breaks `text` into lines no wider than `width`.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph_line in text.lines() {
            let mut line = String::new();
            let words = paragraph_line
                .split_whitespace()
                .flat_map(|word| self.pieces(word, size, width));
            for word in words {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.text_width(&candidate, size) > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    word.clone_into(&mut line);
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A block of wrapped text.
    fn text(&mut self, text: &str, size: f32, grey: bool) {
        let leading = size * 1.35;
        let text = if self.help.is_some() {
            PrintedHelp::on_paper(text)
        } else {
            text.to_owned()
        };
        for paragraph in text.lines() {
            // A paragraph that starts in Arabic or Hebrew is set against the right margin.
            let rtl = unicode_bidi::get_base_direction(paragraph) == unicode_bidi::Direction::Rtl;
            for line in self.wrap(paragraph, size, self.width()) {
                let x = if rtl {
                    MARGIN + (self.width() - self.faces.line_width(&line, size)).max(0.0)
                } else {
                    MARGIN
                };
                self.text_line(x, line, size, grey, leading);
            }
        }
    }

    /// One line of a block of text, at `x`.
    fn text_line(&mut self, x: f32, line: String, size: f32, grey: bool, leading: f32) {
        self.need(leading);
        self.y += leading;
        self.mark(Mark::Text {
            x,
            y: self.y - size * 0.3,
            size,
            grey,
            text: line,
        });
    }

    /// The person's own words from an entry, printed as written: never rewritten for paper.
    fn own_words(&mut self, text: &str) {
        let help = self.help.take();
        self.text(text, 11.0, false);
        self.help = help;
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Ruled lines to write on.
    fn writing_lines(&mut self, count: usize) {
        for _ in 0..count {
            self.need(26.0);
            self.y += 26.0;
            let y = self.y;
            self.mark(Mark::Line {
                x1: MARGIN,
                y1: y,
                x2: MARGIN + self.width(),
                y2: y,
            });
        }
    }

    /// Where an answer is marked: a circle for a choice of one (filled when chosen), a square
    /// box for a choice of several (ticked when chosen), `side` points across from (`x`, `y`).
    fn answer_mark(&mut self, x: f32, y: f32, side: f32, round: bool, chosen: bool) {
        if round {
            let r = side / 2.0;
            self.mark(Mark::Circle {
                x: x + r,
                y: y + r,
                r,
                filled: false,
            });
            if chosen {
                self.mark(Mark::Circle {
                    x: x + r,
                    y: y + r,
                    r: r * 0.55,
                    filled: true,
                });
            }
            return;
        }
        self.mark(Mark::Box { x, y, side });
        if chosen {
            let (a, b) = (side * 0.25, side * 0.5);
            self.mark(Mark::Line {
                x1: x + a * 0.8,
                y1: y + b,
                x2: x + b * 0.85,
                y2: y + side * 0.8,
            });
            self.mark(Mark::Line {
                x1: x + b * 0.85,
                y1: y + side * 0.8,
                x2: x + side * 0.85,
                y2: y + a * 0.7,
            });
        }
    }

    /// A row of answer circles labelled with their values, and the scale's end labels.
    fn tick_boxes(&mut self, values: &[String], ticked: Option<usize>, low: &str, high: &str) {
        let side = 14.0;
        let spacing = (self.width() / values.len().max(1) as f32).min(44.0);
        self.need(58.0);
        self.y += 8.0;
        let top = self.y;
        for (index, value) in values.iter().enumerate() {
            let x = MARGIN + index as f32 * spacing;
            self.answer_mark(x, top, side, true, ticked == Some(index));
            self.mark(Mark::Text {
                x,
                y: top + side + 11.0,
                size: 9.0,
                grey: false,
                text: value.clone(),
            });
        }
        self.y = top + side + 16.0;
        if !low.is_empty() || !high.is_empty() {
            self.text(
                &format!(
                    "{} = {low}    {} = {high}",
                    values.first().map_or("", String::as_str),
                    values.last().map_or("", String::as_str)
                ),
                9.0,
                true,
            );
        }
        self.gap(6.0);
    }

    /// A questionnaire as the familiar grid: one row per item, one column per answer, a box in
    /// each cell (ticked where answered), the answers' words over the columns. The grid starts
    /// on a new page unless it fits on this one, and a row is never split across pages; when a
    /// grid is longer than a page, the header is printed again at the top of the next.
    fn questionnaire_grid(
        &mut self,
        items: &[String],
        responses: &[String],
        ticked: &[Option<usize>],
    ) {
        const ITEM_SIZE: f32 = 10.5;
        const HEAD_SIZE: f32 = 8.0;
        const SIDE: f32 = 12.0;
        let columns = responses.len().max(1) as f32;
        let column = (self.width() * 0.4 / columns).min(50.0);
        let answers_left = MARGIN + self.width() - column * columns;
        let number_width = 18.0;
        let text_width = answers_left - MARGIN - number_width - 8.0;
        let heads: Vec<Vec<String>> = responses
            .iter()
            .map(|r| self.wrap(r, HEAD_SIZE, column - 4.0))
            .collect();
        let head_lines = heads.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let head_height = head_lines * HEAD_SIZE * 1.25 + 8.0;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|item| self.wrap(item, ITEM_SIZE, text_width))
            .collect();
        let row_height = |lines: usize| (lines.max(1) as f32 * ITEM_SIZE * 1.3).max(SIDE) + 8.0;
        let total = head_height + rows.iter().map(|r| row_height(r.len())).sum::<f32>();
        // The whole grid on one page where it can be.
        self.need(total.min(self.bottom() - MARGIN));
        debug_assert!((total - self.grid_height(items, responses)).abs() < 0.5);
        self.grid_header(&heads, answers_left, column, head_height);
        for (index, lines) in rows.iter().enumerate() {
            let height = row_height(lines.len());
            let page = self.pages.len();
            self.need(height);
            if self.pages.len() != page {
                self.grid_header(&heads, answers_left, column, head_height);
            }
            let top = self.y;
            self.mark(Mark::Text {
                x: MARGIN,
                y: top + ITEM_SIZE + 3.0,
                size: ITEM_SIZE,
                grey: false,
                text: format!("{}.", index + 1),
            });
            for (n, line) in lines.iter().enumerate() {
                self.mark(Mark::Text {
                    x: MARGIN + number_width,
                    y: top + ITEM_SIZE + 3.0 + n as f32 * ITEM_SIZE * 1.3,
                    size: ITEM_SIZE,
                    grey: false,
                    text: line.clone(),
                });
            }
            let box_top = top + 4.0;
            for answer in 0..responses.len() {
                let x = answers_left + answer as f32 * column + (column - SIDE) / 2.0;
                self.answer_mark(
                    x,
                    box_top,
                    SIDE,
                    true,
                    ticked.get(index).copied().flatten() == Some(answer),
                );
            }
            self.y = top + height;
            self.mark(Mark::Line {
                x1: MARGIN,
                y1: self.y - 2.0,
                x2: MARGIN + self.width(),
                y2: self.y - 2.0,
            });
        }
        self.gap(6.0);
    }

    /// How tall [`Layout::questionnaire_grid`] draws these items and answers.
    fn grid_height(&self, items: &[String], responses: &[String]) -> f32 {
        let columns = responses.len().max(1) as f32;
        let column = (self.width() * 0.4 / columns).min(50.0);
        let answers_left = MARGIN + self.width() - column * columns;
        let text_width = answers_left - MARGIN - 18.0 - 8.0;
        let head_lines = responses
            .iter()
            .map(|r| self.wrap(r, 8.0, column - 4.0).len())
            .max()
            .unwrap_or(1) as f32;
        let rows: f32 = items
            .iter()
            .map(|item| {
                (self.wrap(item, 10.5, text_width).len().max(1) as f32 * 10.5 * 1.3).max(12.0) + 8.0
            })
            .sum();
        head_lines * 8.0 * 1.25 + 8.0 + rows
    }

    /// The grid's header: each answer's words, centred over its column, and a rule below.
    fn grid_header(&mut self, heads: &[Vec<String>], left: f32, column: f32, height: f32) {
        let top = self.y;
        for (answer, lines) in heads.iter().enumerate() {
            for (n, line) in lines.iter().enumerate() {
                let width = self.text_width(line, 8.0);
                self.mark(Mark::Text {
                    x: left + answer as f32 * column + (column - width) / 2.0,
                    y: top + 8.0 + n as f32 * 10.0,
                    size: 8.0,
                    grey: true,
                    text: line.clone(),
                });
            }
        }
        self.y = top + height;
        self.mark(Mark::Line {
            x1: MARGIN,
            y1: self.y - 2.0,
            x2: MARGIN + self.width(),
            y2: self.y - 2.0,
        });
    }

    /// One option per line, each with a circle (`round`: one may be chosen) or a square box
    /// (any may be).
    fn option_boxes(&mut self, options: &[String], ticked: &[bool], round: bool) {
        for (index, option) in options.iter().enumerate() {
            self.need(20.0);
            self.y += 20.0;
            let y = self.y;
            self.answer_mark(
                MARGIN,
                y - 12.0,
                12.0,
                round,
                ticked.get(index).copied().unwrap_or(false),
            );
            let lines = self.wrap(option, 11.0, self.width() - 22.0);
            for (n, line) in lines.into_iter().enumerate() {
                if n > 0 {
                    self.need(15.0);
                    self.y += 15.0;
                }
                self.mark(Mark::Text {
                    x: MARGIN + 22.0,
                    y: self.y - 2.0,
                    size: 11.0,
                    grey: false,
                    text: line,
                });
            }
        }
        self.gap(6.0);
    }

    /// Options side by side, wrapping onto a new row when the line is full: for a
    /// questionnaire's short answers.
    fn option_row(&mut self, options: &[String], ticked: &[bool], round: bool) {
        const SIZE: f32 = 10.0;
        let mut x = MARGIN;
        self.need(20.0);
        self.y += 18.0;
        for (index, option) in options.iter().enumerate() {
            let width = 16.0 + self.text_width(option, SIZE) + 18.0;
            if x > MARGIN && x + width > MARGIN + self.width() {
                x = MARGIN;
                self.need(18.0);
                self.y += 18.0;
            }
            let y = self.y;
            self.answer_mark(
                x,
                y - 11.0,
                11.0,
                round,
                ticked.get(index).copied().unwrap_or(false),
            );
            self.mark(Mark::Text {
                x: x + 16.0,
                y: y - 2.0,
                size: SIZE,
                grey: false,
                text: option.clone(),
            });
            x += width;
        }
        self.gap(6.0);
    }

    /// Draws every page with krilla, adding the footer and "page n of N".
    fn render(self) -> Result<Vec<u8>, HandoutError> {
        let (width, height) = self.paper.size();
        let mut krilla_fonts = KrillaFonts::default();
        let mut document = Document::new();
        let total = self.pages.len();
        let footer_lines = self.wrap(&self.footer, 8.0, width - 2.0 * MARGIN - 60.0);
        for (number, marks) in self.pages.iter().enumerate() {
            let size = Size::from_wh(width, height)
                .ok_or_else(|| HandoutError::Pdf("bad page size".to_owned()))?;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            let black = Fill {
                paint: rgb::Color::new(20, 20, 20).into(),
                ..Fill::default()
            };
            let grey = Fill {
                paint: rgb::Color::new(95, 95, 95).into(),
                ..Fill::default()
            };
            let pen = Stroke {
                paint: rgb::Color::new(120, 120, 120).into(),
                width: 0.7,
                ..Stroke::default()
            };
            let mut footer = vec![Mark::Line {
                x1: MARGIN,
                y1: height - MARGIN - 34.0,
                x2: width - MARGIN,
                y2: height - MARGIN - 34.0,
            }];
            for (index, line) in footer_lines.iter().enumerate() {
                footer.push(Mark::Text {
                    x: MARGIN,
                    y: height - MARGIN - 22.0 + index as f32 * 10.0,
                    size: 8.0,
                    grey: true,
                    text: line.clone(),
                });
            }
            let page_label = format!("Page {} of {total}", number + 1);
            footer.push(Mark::Text {
                x: width - MARGIN - self.text_width(&page_label, 9.0),
                y: height - MARGIN - 22.0,
                size: 9.0,
                grey: false,
                text: page_label,
            });
            for mark in marks.iter().chain(&footer) {
                match mark {
                    Mark::Text {
                        x,
                        y,
                        size,
                        grey: is_grey,
                        text,
                    } => {
                        surface.set_fill(Some(if *is_grey {
                            grey.clone()
                        } else {
                            black.clone()
                        }));
                        surface.set_stroke(None);
                        let mut x = *x;
                        for (face, run, rtl) in self.faces.visual_runs(text, *size) {
                            surface.draw_text(
                                Point::from_xy(x, *y),
                                krilla_fonts.get(face)?,
                                *size,
                                run,
                                false,
                                if rtl {
                                    TextDirection::RightToLeft
                                } else {
                                    TextDirection::LeftToRight
                                },
                            );
                            x += self.faces.drawn_width(face, run, rtl, *size);
                        }
                    }
                    Mark::Line { x1, y1, x2, y2 } => {
                        let mut builder = PathBuilder::new();
                        builder.move_to(*x1, *y1);
                        builder.line_to(*x2, *y2);
                        if let Some(path) = builder.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(pen.clone()));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Box { x, y, side } => {
                        let mut builder = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(*x, *y, *side, *side) {
                            builder.push_rect(rect);
                        }
                        if let Some(path) = builder.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(pen.clone()));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Circle { x, y, r, filled } => {
                        // Four cubic curves, each a quarter of the circle.
                        let k = 0.552_284_8 * r;
                        let mut builder = PathBuilder::new();
                        builder.move_to(x + r, *y);
                        builder.cubic_to(x + r, y + k, x + k, y + r, *x, y + r);
                        builder.cubic_to(x - k, y + r, x - r, y + k, x - r, *y);
                        builder.cubic_to(x - r, y - k, x - k, y - r, *x, y - r);
                        builder.cubic_to(x + k, y - r, x + r, y - k, x + r, *y);
                        builder.close();
                        if let Some(path) = builder.finish() {
                            if *filled {
                                surface.set_stroke(None);
                                surface.set_fill(Some(black.clone()));
                            } else {
                                surface.set_fill(None);
                                surface.set_stroke(Some(pen.clone()));
                            }
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Polyline { points, width } => {
                        let mut builder = PathBuilder::new();
                        for (index, (x, y)) in points.iter().enumerate() {
                            if index == 0 {
                                builder.move_to(*x, *y);
                            } else {
                                builder.line_to(*x, *y);
                            }
                        }
                        if let Some(path) = builder.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(20, 20, 20).into(),
                                width: *width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Shade { x, y, w, h, level } => {
                        let mut builder = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                            builder.push_rect(rect);
                        }
                        if let Some(path) = builder.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill {
                                paint: rgb::Color::new(*level, *level, *level).into(),
                                ..Fill::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|error| HandoutError::Pdf(format!("{error:?}")))
    }
}

/// The faces as krilla fonts, each made the first time a run needs it.
#[derive(Default)]
struct KrillaFonts([Option<Font>; 5]);

impl KrillaFonts {
    fn get(&mut self, face: Face) -> Result<Font, HandoutError> {
        let slot = &mut self.0[face as usize];
        if let Some(font) = slot {
            return Ok(font.clone());
        }
        let (bytes, index) = Faces::bytes(face);
        let font = Font::new(krilla::Data::from(bytes), index)
            .ok_or_else(|| HandoutError::Pdf("a font could not be used".to_owned()))?;
        *slot = Some(font.clone());
        Ok(font)
    }
}

/// A questionnaire's answers as its grid's column heads: “Not at all (0)”.
fn response_labels(questionnaire: &crate::content::questionnaire::Questionnaire) -> Vec<String> {
    questionnaire
        .responses
        .iter()
        .map(|r| format!("{} ({})", r.label, r.value))
        .collect()
}

/// Lays out one worksheet: blank with room to write, or filled with an entry's answers.
fn lay_out_worksheet(layout: &mut Layout, worksheet: &Worksheet, entry: Option<&Entry>) {
    layout.text(&worksheet.title, 22.0, false);
    if let Some(entry) = entry {
        layout.text(&format!("Filled in {}", entry.created.human()), 10.0, true);
    } else {
        layout.text(
            "Name: ____________________________    Date: ______________",
            10.0,
            true,
        );
    }
    let numbered = !worksheet
        .steps
        .iter()
        .any(|step| matches!(step.field, Field::Questionnaire(_)));
    // A questionnaire prints compact, as clinicians know it: its introduction in smaller type,
    // so the introduction and the grid share the first page.
    let (intro_size, prompt_size, step_gap) = if numbered {
        (10.5, 12.5, 12.0)
    } else {
        (9.0, 11.0, 8.0)
    };
    layout.gap(6.0);
    for paragraph in worksheet.introduction.split("\n\n") {
        layout.text(paragraph.trim(), intro_size, false);
        layout.gap(if numbered { 4.0 } else { 2.0 });
    }
    if let Some(advice) = &worksheet.professional_help {
        layout.text(advice, intro_size - 0.5, true);
    }
    // A questionnaire's source is cited after its last question, as on the official form.
    let mut sources = Vec::new();
    for (index, step) in worksheet.steps.iter().enumerate() {
        layout.gap(step_gap);
        if !numbered && matches!(step.field, Field::Choice(_) | Field::MultiChoice(_)) {
            // A short question of a questionnaire's form (the PHQ-9's last) needs only its
            // lines and one row of answers, so the form keeps to one page where it can.
            let prompt = layout.wrap(&step.prompt, prompt_size, layout.width()).len() as f32
                * prompt_size
                * 1.35;
            layout.need(prompt + 26.0);
        } else {
            layout.need(60.0);
        }
        if let Field::Questionnaire(questionnaire) = &step.field {
            // The question stays on the page with its grid.
            let items: Vec<String> = questionnaire.items.iter().map(|i| i.text.clone()).collect();
            let labels = response_labels(questionnaire);
            let prompt = layout.wrap(&step.prompt, prompt_size, layout.width()).len() as f32
                * prompt_size
                * 1.35;
            let grid = layout.grid_height(&items, &labels);
            layout.need((prompt + grid + 4.0).min(layout.bottom() - MARGIN));
        }
        // A questionnaire numbers its own items, so its steps are not numbered as well.
        if numbered {
            layout.text(
                &format!("{}. {}", index + 1, step.prompt),
                prompt_size,
                false,
            );
        } else {
            layout.text(&step.prompt, prompt_size, false);
        }
        if let Some(help) = &step.help {
            layout.text(help, 9.5, true);
        }
        let answer = entry.and_then(|e| e.answers.get(&step.id));
        match &step.field {
            Field::Text => match answer {
                Some(answer) => layout.own_words(&answer.display()),
                None => layout.writing_lines(1),
            },
            Field::LongText => match answer {
                Some(answer) => layout.own_words(&answer.display()),
                None => layout.writing_lines(5),
            },
            Field::Date => match answer {
                Some(answer) => layout.own_words(&answer.display()),
                None => layout.text("____ / ____ / ________", 11.0, false),
            },
            Field::List(list) => match answer {
                Some(Answer::List(items)) => {
                    for item in items {
                        layout.own_words(&format!("•  {item}"));
                    }
                }
                _ => layout.writing_lines(list.max.unwrap_or(4).min(6)),
            },
            Field::Rating(scale) => {
                let values: Vec<String> = (scale.min..=scale.max).map(|v| v.to_string()).collect();
                let ticked = match answer {
                    Some(Answer::Number(n)) => usize::try_from(n - scale.min).ok(),
                    _ => None,
                };
                layout.tick_boxes(&values, ticked, &scale.low, &scale.high);
            }
            Field::Choice(choices) | Field::MultiChoice(choices) => {
                let chosen: Vec<String> = match answer {
                    Some(Answer::Choice(one)) => vec![one.clone()],
                    Some(Answer::Choices(many)) => many.clone(),
                    _ => Vec::new(),
                };
                let mut options = choices.options.clone();
                let mut ticked: Vec<bool> = options.iter().map(|o| chosen.contains(o)).collect();
                if choices.other {
                    let own: Vec<&String> =
                        chosen.iter().filter(|c| !choices.is_listed(c)).collect();
                    options.push(if own.is_empty() {
                        "Other: ______________________________".to_owned()
                    } else {
                        format!(
                            "Other: {}",
                            own.iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    });
                    ticked.push(!own.is_empty());
                }
                let round = matches!(step.field, Field::Choice(_));
                if numbered {
                    layout.option_boxes(&options, &ticked, round);
                } else {
                    layout.option_row(&options, &ticked, round);
                }
            }
            Field::Questionnaire(questionnaire) => {
                let labels = response_labels(questionnaire);
                let items: Vec<String> =
                    questionnaire.items.iter().map(|i| i.text.clone()).collect();
                let ticked: Vec<Option<usize>> = questionnaire
                    .items
                    .iter()
                    .map(|item| match entry.and_then(|e| e.answers.get(&item.id)) {
                        Some(Answer::Number(v)) => {
                            questionnaire.responses.iter().position(|r| r.value == *v)
                        }
                        _ => None,
                    })
                    .collect();
                layout.gap(4.0);
                layout.questionnaire_grid(&items, &labels, &ticked);
                sources.push(format!("Source: {}", questionnaire.scoring.source));
            }
            Field::Circle(rings) => match answer {
                Some(Answer::Placements(people)) => {
                    for (number, ring) in rings.rings.iter().enumerate() {
                        let names: Vec<&str> = people
                            .iter()
                            .filter(|p| usize::from(p.ring) == number + 1)
                            .map(|p| p.name.as_str())
                            .collect();
                        layout.own_words(&format!("{ring}: {}", names.join(", ")));
                    }
                }
                _ => {
                    for ring in &rings.rings {
                        layout.text(&format!("{ring}:"), 11.0, false);
                        layout.writing_lines(2);
                    }
                }
            },
        }
    }
    for source in sources {
        layout.gap(6.0);
        // Kept whole: a citation split across pages reads as two.
        let lines = layout.wrap(&source, 8.0, layout.width()).len() as f32;
        layout.need(lines * 8.0 * 1.35);
        layout.text(&source, 8.0, true);
    }
}

/// The help a handout prints when none is given: the bundled numbers for the system locale's
/// region (see [`region_from_environment`]).
#[must_use]
pub fn default_help() -> PrintedHelp {
    help_for(None)
}

/// The bundled numbers for `region`, or for the system locale's region when `None`.
#[must_use]
pub fn help_for(region: Option<&Region>) -> PrintedHelp {
    PrintedHelp::new(
        &bundled_helplines(),
        match region {
            Some(region) => Some(region),
            None => region_from_environment(),
        },
    )
}

/// A worksheet handout: blank when `entry` is `None`, else filled with its answers; with the
/// bundled helplines for the system locale's region (see [`worksheet_pdf_with_help`]).
pub fn worksheet_pdf(
    worksheet: &Worksheet,
    entry: Option<&Entry>,
    paper: Paper,
) -> Result<Vec<u8>, HandoutError> {
    worksheet_pdf_with_help(worksheet, entry, paper, &default_help())
}

/// A worksheet handout that prints `help`: its numbers at the foot of each page and in a
/// “Get help now” box at the end, so the paper stands alone.
pub fn worksheet_pdf_with_help(
    worksheet: &Worksheet,
    entry: Option<&Entry>,
    paper: Paper,
    help: &PrintedHelp,
) -> Result<Vec<u8>, HandoutError> {
    let mut layout = Layout::with_help(paper, help);
    lay_out_worksheet(&mut layout, worksheet, entry);
    layout.help_box();
    layout.render()
}

/// A session handout: its goals and agenda, the homework and the names of its worksheets; with the
/// bundled helplines for the system locale's region (see [`session_pdf_with_help`]).
pub fn session_pdf(
    workbook: &Workbook,
    programme: &Programme,
    number: usize,
    session: &Session,
    paper: Paper,
) -> Result<Vec<u8>, HandoutError> {
    session_pdf_with_help(workbook, programme, number, session, paper, &default_help())
}

/// A session handout that prints `help`, as [`worksheet_pdf_with_help`] does.
pub fn session_pdf_with_help(
    workbook: &Workbook,
    programme: &Programme,
    number: usize,
    session: &Session,
    paper: Paper,
    help: &PrintedHelp,
) -> Result<Vec<u8>, HandoutError> {
    let mut layout = Layout::with_help(paper, help);
    layout.text(&programme.title, 11.0, true);
    layout.text(
        &crate::content::numbering::heading(programme, number.saturating_sub(1)),
        22.0,
        false,
    );
    layout.gap(8.0);
    if !session.goals.is_empty() {
        layout.text(
            &format!("What this {} is for", session.kind.noun()),
            14.0,
            false,
        );
        for goal in &session.goals {
            layout.text(&format!("•  {goal}"), 11.0, false);
        }
        layout.gap(8.0);
    }
    layout.text("Agenda", 14.0, false);
    for item in &session.agenda {
        layout.text(
            &format!("{:>3} min   {}", item.minutes, item.title),
            11.0,
            false,
        );
    }
    let worksheets: Vec<&Worksheet> = session
        .agenda
        .iter()
        .flat_map(|item| item.worksheets.iter())
        .filter_map(|id| workbook.get(id))
        .collect();
    if !session.homework.is_empty() {
        layout.gap(8.0);
        layout.text("Before next time", 14.0, false);
        for id in &session.homework {
            let title = workbook.get(id).map_or(id.as_str(), |w| w.title.as_str());
            layout.text(&format!("•  {title}"), 11.0, false);
        }
    }
    // The worksheets are sheets of their own (`rapport handout ID`), so the session's handout
    // stays at a page or two.
    if !worksheets.is_empty() {
        layout.gap(8.0);
        layout.text("Worksheets for this session", 14.0, false);
        layout.text(
            "Your facilitator gives you each one as a sheet of its own.",
            9.5,
            true,
        );
        let mut seen = Vec::new();
        for worksheet in worksheets {
            if seen.contains(&worksheet.id) {
                continue;
            }
            seen.push(worksheet.id.clone());
            layout.text(&format!("•  {}", worksheet.title), 11.0, false);
        }
    }
    layout.help_box();
    layout.render()
}

/// The group summary as a PDF: a page per measure where it fits, with the group chart (the
/// median, the middle half, how many shared each week), per week n, median and spread, and the
/// change over the programme. No individual row appears, and no figure from fewer than three.
pub fn summary_pdf(
    summary: &crate::facilitator::share::Summary,
    participants: usize,
    skipped: &[crate::problem::Problem],
    outside: Option<&str>,
    paper: Paper,
) -> Result<Vec<u8>, HandoutError> {
    lay_out_summary(summary, participants, skipped, outside, paper).render()
}

/// Lays out [`summary_pdf`].
fn lay_out_summary(
    summary: &crate::facilitator::share::Summary,
    participants: usize,
    skipped: &[crate::problem::Problem],
    outside: Option<&str>,
    paper: Paper,
) -> Layout {
    use crate::insight::spread::SUPPRESSED;
    let mut layout = Layout::new(paper);
    layout.text("Group progress", 22.0, false);
    layout.text(&format!("From {participants} participants who chose to share. A conversation aid, not a clinical assessment."), 10.0, true);
    if let Some(start) = summary.start_sentence() {
        layout.text(&start, 10.0, true);
    }
    if let Some(outside) = outside {
        layout.text(outside, 10.0, true);
    }
    let mut series: Vec<&str> = Vec::new();
    for id in summary
        .weeks
        .iter()
        .map(|r| r.series.as_str())
        .chain(summary.changes.iter().map(|r| r.series.as_str()))
    {
        if !series.contains(&id) {
            series.push(id);
        }
    }
    for (index, id) in series.into_iter().enumerate() {
        // A page per measure; the first shares its page with the heading.
        if index > 0 {
            layout.page_break();
        } else {
            layout.gap(8.0);
        }
        let rows: Vec<&crate::insight::spread::WeekRow> =
            summary.weeks.iter().filter(|r| r.series == id).collect();
        let change = summary.changes.iter().find(|r| r.series == id);
        let label = rows
            .first()
            .map(|r| r.label.as_str())
            .or(change.map(|r| r.label.as_str()))
            .unwrap_or(id);
        layout.text(label, 14.0, false);
        if let Some(chart) = summary.chart(id) {
            group_chart(&mut layout, &chart);
        }
        layout.gap(6.0);
        for row in rows {
            let s = row.spread;
            let figures = if s.is_shown() {
                format!(
                    "median {:.1},   middle half {:.1}–{:.1},   range {}–{}",
                    s.median, s.q1, s.q3, s.min, s.max
                )
            } else {
                SUPPRESSED.to_owned()
            };
            layout.text(
                &format!("Week {:>2}:   n = {},   {figures}", row.week, s.n),
                10.0,
                false,
            );
        }
        if let Some(row) = change {
            let s = row.spread;
            let figures = if s.is_shown() {
                format!(
                    "median change {:+.1},   range {:+}–{:+}",
                    s.median, s.min, s.max
                )
            } else {
                SUPPRESSED.to_owned()
            };
            layout.gap(6.0);
            layout.text(
                &format!(
                    "Change over the programme (last value minus first):   n = {},   {figures}",
                    s.n
                ),
                10.0,
                false,
            );
        }
    }
    if !skipped.is_empty() {
        layout.gap(10.0);
        layout.need(60.0);
        layout.text("Files not included", 14.0, false);
        for problem in skipped {
            layout.text(&problem.to_string(), 9.5, true);
        }
    }
    layout
}

/// The summary for an appointment: one page, two at most, with the period and the date printed
/// in every page's footer. Holds only what `report` holds (the person's choices).
pub fn report_pdf(
    report: &crate::insight::report::Report,
    paper: Paper,
) -> Result<Vec<u8>, HandoutError> {
    let day = |date: jiff::civil::Date| date.strftime("%-d %b %Y").to_string();
    let period = format!("{} to {}", day(report.from), day(report.to));
    let mut layout = Layout::new(paper);
    layout.footer = format!(
        "Summary of {period}, printed {}. Made by the person it describes, with Rapport, a self-help workbook: it is not a clinical assessment. If you are in danger now, call your local emergency number.",
        day(report.printed)
    );
    layout.text("Summary for my appointment", 18.0, false);
    layout.text(&period, 11.0, true);
    layout.gap(4.0);
    if !report.talk_about.is_empty() {
        heading(&mut layout, "What I want to talk about");
        layout.text(&report.talk_about, 10.5, false);
    }
    if report.is_empty() {
        layout.gap(6.0);
        layout.text(
            &format!("There are no entries in the journal between {period}."),
            10.5,
            false,
        );
    }
    if report.choices.measures && !report.measures.is_empty() {
        heading(&mut layout, "Check-ins");
        for measure in &report.measures {
            layout.text(
                &format!("{}: latest {}", measure.title, measure.latest),
                10.5,
                false,
            );
            mini_chart(&mut layout, &measure.series, report.from, report.to);
            for alert in &measure.alerts {
                layout.text(alert, 10.0, false);
            }
        }
    }
    if report.choices.focus
        && (report.focus.is_some() || !report.goals.is_empty() || report.course.is_some())
    {
        heading(&mut layout, "What I am working on");
        if let Some(focus) = &report.focus {
            layout.text(&format!("Focus area: {focus}"), 10.5, false);
        }
        for goal in &report.goals {
            layout.text(&format!("Goal: {goal}"), 10.5, false);
        }
        if let Some(course) = &report.course {
            layout.text(course, 10.5, false);
        }
    }
    if report.choices.practice && !report.practice.is_empty() {
        heading(&mut layout, "Practice");
        let per_week = report.entries as f64 / report.weeks.max(1.0);
        layout.text(
            &format!(
                "{} entries over {:.0} weeks, about {per_week:.1} a week.",
                report.entries,
                report.weeks.ceil()
            ),
            10.5,
            false,
        );
        let shown: Vec<String> = report
            .practice
            .iter()
            .take(8)
            .map(|(title, count)| format!("{title} {count}"))
            .collect();
        let mut line = shown.join(" · ");
        if report.practice.len() > 8 {
            let more = report.practice.len() - 8;
            line = format!("{line} · and {more} more");
        }
        layout.text(&line, 10.0, true);
    }
    if report.choices.ratings && !report.changes.is_empty() {
        heading(
            &mut layout,
            "Ratings that changed most, before and after a worksheet",
        );
        for change in &report.changes {
            let direction = if change.average < 0.0 { "down" } else { "up" };
            layout.text(
                &format!(
                    "{}: {direction} {:.1} on average (scale {} to {}), over {}",
                    change.label,
                    change.average.abs(),
                    change.scale.0,
                    change.scale.1,
                    match change.entries {
                        1 => "1 entry".to_owned(),
                        n => format!("{n} entries"),
                    }
                ),
                10.0,
                false,
            );
        }
    }
    if !report.written.is_empty() {
        heading(&mut layout, "In my own words");
        for answer in &report.written {
            layout.text(&format!("{}: {}", answer.heading, answer.prompt), 9.5, true);
            layout.text(&answer.text, 10.0, false);
        }
    }
    layout.render()
}

fn heading(layout: &mut Layout, text: &str) {
    layout.gap(8.0);
    layout.need(40.0);
    layout.text(text, 13.0, false);
}

/// A small chart of a series over the period: its bands shaded, the values as a line.
fn mini_chart(
    layout: &mut Layout,
    series: &crate::insight::progress::Series,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) {
    const HEIGHT: f32 = 54.0;
    layout.need(HEIGHT + 14.0);
    layout.gap(4.0);
    let top = layout.y;
    let left = MARGIN + 70.0;
    let width = layout.width() - 70.0;
    let span = (series.max - series.min).max(1) as f32;
    let y_of = |value: i64| top + HEIGHT - (value - series.min) as f32 / span * HEIGHT;
    for (index, band) in series.bands.iter().enumerate() {
        let (high, low) = (
            y_of(band.max.min(series.max)),
            y_of(band.min.max(series.min)),
        );
        layout.mark(Mark::Shade {
            x: left,
            y: high,
            w: width,
            h: (low - high).max(0.5),
            level: if index % 2 == 0 { 244 } else { 230 },
        });
        layout.mark(Mark::Text {
            x: MARGIN,
            y: f32::midpoint(high, low) + 3.0,
            size: 7.0,
            grey: true,
            text: band.label.clone(),
        });
    }
    // Days from the start of the period, a point at the middle of its day.
    let length = ((to - from).get_days() + 1).max(1) as f32;
    let points: Vec<(f32, f32)> = series
        .points
        .iter()
        .map(|point| {
            let at = (point.when.date() - from).get_days() as f32 + 0.5;
            (
                left + (at / length).clamp(0.0, 1.0) * width,
                y_of(point.value),
            )
        })
        .collect();
    if points.len() == 1 {
        let (x, y) = points[0];
        layout.mark(Mark::Box {
            x: x - 2.0,
            y: y - 2.0,
            side: 4.0,
        });
    } else {
        for (x, y) in &points {
            layout.mark(Mark::Box {
                x: x - 1.5,
                y: y - 1.5,
                side: 3.0,
            });
        }
        layout.mark(Mark::Polyline { points, width: 1.2 });
    }
    layout.mark(Mark::Line {
        x1: left,
        y1: top + HEIGHT,
        x2: left + width,
        y2: top + HEIGHT,
    });
    layout.y = top + HEIGHT + 12.0;
}

/// A facilitator's register as a PDF: who came to each session and their score, who to
/// follow up and why, a chart of the group and one per member. It holds members' names and
/// scores, and says so in every page's footer.
pub fn register_pdf(
    register: &crate::facilitator::register::Register,
    cx: &crate::facilitator::register::Context<'_>,
    paper: Paper,
) -> Result<Vec<u8>, HandoutError> {
    use crate::facilitator::register::{follow_ups, medians};
    let mut layout = Layout::new(paper);
    "Private: this register holds members' names and scores. Keep it as safely as clinical notes, and destroy it when it is no longer needed. If anyone is in danger now, call the local emergency number."
        .clone_into(&mut layout.footer);
    layout.text(&register.name, 20.0, false);
    layout.text(
        &format!(
            "{}, starting {}. Measure: {}.",
            cx.programme.title,
            register.start.strftime("%-d %B %Y"),
            cx.measure_title
        ),
        10.5,
        true,
    );
    let sessions = cx.programme.sessions.len();
    // The table: a row per member, a column per session (“✓ 12”: there, scored 12).
    heading(&mut layout, "Attendance and scores");
    layout.text(
        &format!(
            "✓ there, ✗ missed (a session counts once anyone is marked there), then the {} total.",
            cx.short_measure()
        ),
        9.0,
        true,
    );
    let name_width = 110.0;
    let column = ((layout.width() - name_width) / sessions.max(1) as f32).min(60.0);
    let held = register.held(cx);
    let row = |layout: &mut Layout, cells: &[String], size: f32| {
        layout.need(16.0);
        layout.y += 15.0;
        let y = layout.y - 4.0;
        for (index, cell) in cells.iter().enumerate() {
            let x = if index == 0 {
                MARGIN
            } else {
                MARGIN + name_width + (index - 1) as f32 * column
            };
            let mut text = cell.clone();
            while index == 0
                && layout.text_width(&text, size) > name_width - 6.0
                && text.chars().count() > 1
            {
                text.pop();
            }
            layout.mark(Mark::Text {
                x,
                y,
                size,
                grey: false,
                text,
            });
        }
        layout.mark(Mark::Line {
            x1: MARGIN,
            y1: layout.y + 3.0,
            x2: MARGIN + name_width + column * sessions as f32,
            y2: layout.y + 3.0,
        });
    };
    let mut header = vec!["Member".to_owned()];
    header.extend((0..sessions).map(|index| {
        crate::content::numbering::number(cx.programme, index)
            .map_or_else(|| "Before".to_owned(), |n| n.to_string())
    }));
    row(&mut layout, &header, 9.5);
    for member in &register.members {
        let mut cells = vec![member.name.clone()];
        for (index, held) in held.iter().enumerate() {
            let there = if member.came(cx, index) {
                "✓"
            } else if *held {
                "✗"
            } else {
                ""
            };
            let score = member
                .score_at(cx, index)
                .and_then(|value| cx.total(value).ok())
                .map(|total| format!(" {total}"))
                .unwrap_or_default();
            cells.push(format!("{there}{score}"));
        }
        row(&mut layout, &cells, 9.5);
    }
    // Who to follow up.
    heading(&mut layout, "Follow up");
    let mut any = false;
    for member in &register.members {
        for flag in follow_ups(register, member, cx) {
            any = true;
            let text = flag.describe(cx);
            let text = text.strip_prefix("Follow up: ").unwrap_or(&text);
            layout.text(&format!("{}: {text}.", member.name), 10.5, false);
        }
    }
    if !any {
        layout.text(
            "No one to follow up: no question 9 above 0, no rise of 5 or more, and no two sessions missed in a row.",
            10.5,
            true,
        );
    }
    // The group: each member's line, thin, and the median, bold.
    heading(&mut layout, "The group");
    layout.text(
        "Each member's total as a thin line; the median of the session as the thick line, with how many were scored.",
        9.0,
        true,
    );
    let mut lines: Vec<(Vec<(usize, f64)>, f32)> = register
        .members
        .iter()
        .map(|m| {
            let points = m
                .totals(cx)
                .into_iter()
                .map(|(i, t)| (i, t as f64))
                .collect();
            (points, 0.6)
        })
        .collect();
    let medians = medians(register, cx);
    lines.push((medians.iter().map(|(i, m, _)| (*i, *m)).collect(), 2.0));
    let counts: Vec<(usize, usize)> = medians.iter().map(|(i, _, n)| (*i, *n)).collect();
    session_chart(&mut layout, cx, &lines, &counts, 130.0);
    // One small chart per member.
    // The heading stays with the first member's chart.
    layout.need(150.0);
    heading(&mut layout, "Each member");
    for member in &register.members {
        let totals = member.totals(cx);
        let latest = totals.last().map_or_else(
            || "no scores yet".to_owned(),
            |(index, total)| format!("latest {total} ({})", cx.session_label(*index)),
        );
        if totals.is_empty() {
            layout.text(&format!("{}: {latest}", member.name), 10.5, false);
            continue;
        }
        layout.need(115.0);
        layout.text(&format!("{}: {latest}", member.name), 10.5, false);
        let points = totals.into_iter().map(|(i, t)| (i, t as f64)).collect();
        session_chart(&mut layout, cx, &[(points, 1.2)], &[], 54.0);
    }
    layout.render()
}

/// A chart drawn on paper as vector marks, shared by the register's and the group summary's
/// PDFs: columns along the bottom (each with its lines of label), shaded bands behind, a shaded
/// box per column where one is given (a middle half), and lines through points.
struct PaperChart {
    /// Each column's label, a line or two, printed under the axis.
    columns: Vec<Vec<String>>,
    /// The lowest and highest possible values.
    range: (i64, i64),
    /// Bands behind the plot, each (low, high, label).
    bands: Vec<(i64, i64, String)>,
    /// A shaded box per column: (column, low, high).
    boxes: Vec<(usize, f64, f64)>,
    /// Lines through points (column, value), each with its stroke width.
    lines: Vec<(Vec<(usize, f64)>, f32)>,
    /// Printed under the columns' labels, when not empty.
    caption: String,
    /// The plot's height, in points.
    height: f32,
}

impl Layout {
    /// Draws `chart` across the page, keeping it on one page.
    fn chart(&mut self, chart: &PaperChart) {
        let label_lines = chart.columns.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let below = label_lines * 9.0 + if chart.caption.is_empty() { 6.0 } else { 18.0 };
        self.need(chart.height + below + 12.0);
        self.gap(6.0);
        let top = self.y;
        let height = chart.height;
        let left = MARGIN + 70.0;
        let width = self.width() - 70.0;
        let (min, max) = chart.range;
        let span = (max - min).max(1) as f32;
        let y_of = |value: f64| top + height - (value as f32 - min as f32) / span * height;
        let columns = chart.columns.len().max(1);
        let x_of = |index: usize| left + (index as f32 + 0.5) / columns as f32 * width;
        let column_width = width / columns as f32;
        for (index, (low, high, label)) in chart.bands.iter().enumerate() {
            let (y_high, y_low) = (y_of((*high).min(max) as f64), y_of((*low).max(min) as f64));
            self.mark(Mark::Shade {
                x: left,
                y: y_high,
                w: width,
                h: (y_low - y_high).max(0.5),
                level: if index % 2 == 0 { 244 } else { 230 },
            });
            if y_low - y_high >= 7.0 {
                self.mark(Mark::Text {
                    x: MARGIN,
                    y: f32::midpoint(y_high, y_low) + 3.0,
                    size: 7.0,
                    grey: true,
                    text: label.clone(),
                });
            }
        }
        // The ends of the scale, at the left of the plot.
        for value in [min, max] {
            let text = value.to_string();
            let y = y_of(value as f64);
            self.mark(Mark::Text {
                x: left - 4.0 - self.text_width(&text, 7.0),
                y: y + 2.5,
                size: 7.0,
                grey: true,
                text,
            });
            self.mark(Mark::Line {
                x1: left,
                y1: y,
                x2: left + width,
                y2: y,
            });
        }
        for (index, low, high) in &chart.boxes {
            let (y_high, y_low) = (y_of(*high), y_of(*low));
            self.mark(Mark::Shade {
                x: x_of(*index) - column_width * 0.3,
                y: y_high,
                w: column_width * 0.6,
                h: (y_low - y_high).max(1.0),
                level: 200,
            });
        }
        for (points, line_width) in &chart.lines {
            let at: Vec<(f32, f32)> = points.iter().map(|(i, v)| (x_of(*i), y_of(*v))).collect();
            let side = if *line_width >= 1.5 { 4.0 } else { 2.5 };
            for (x, y) in &at {
                self.mark(Mark::Box {
                    x: x - side / 2.0,
                    y: y - side / 2.0,
                    side,
                });
            }
            if at.len() > 1 {
                self.mark(Mark::Polyline {
                    points: at,
                    width: *line_width,
                });
            }
        }
        for (index, lines) in chart.columns.iter().enumerate() {
            for (n, label) in lines.iter().enumerate() {
                let half = self.text_width(label, 7.0) / 2.0;
                self.mark(Mark::Text {
                    x: x_of(index) - half,
                    y: top + height + 10.0 + n as f32 * 9.0,
                    size: 7.0,
                    grey: true,
                    text: label.clone(),
                });
            }
        }
        self.y = top + height + label_lines * 9.0 + 9.0;
        if !chart.caption.is_empty() {
            let caption = chart.caption.clone();
            self.text(&caption, 8.0, true);
        }
    }
}

/// A chart over the programme's sessions: the measure's bands shaded, each line's points
/// joined, the sessions named along the bottom and, if given, how many scores each has.
fn session_chart(
    layout: &mut Layout,
    cx: &crate::facilitator::register::Context<'_>,
    lines: &[(Vec<(usize, f64)>, f32)],
    counts: &[(usize, usize)],
    height: f32,
) {
    let (min, max) = cx.questionnaire.range();
    let columns = (0..cx.programme.sessions.len())
        .map(|index| {
            let label = crate::content::numbering::number(cx.programme, index)
                .map_or_else(|| "Before".to_owned(), |n| n.to_string());
            match counts.iter().find(|(i, _)| *i == index) {
                Some((_, n)) => vec![label, format!("n={n}")],
                None => vec![label],
            }
        })
        .collect();
    layout.chart(&PaperChart {
        columns,
        range: (min, max),
        bands: cx
            .questionnaire
            .scoring
            .bands
            .iter()
            .map(|band| (band.min, band.max, band.label.clone()))
            .collect(),
        boxes: Vec::new(),
        lines: lines.to_vec(),
        caption: String::new(),
        height,
    });
}

/// The group chart on paper: the median per week as a line, the middle half shaded, and how
/// many shared each week. A week from fewer than three people gets its count and no figure:
/// no point, no box, and the line breaks there.
fn group_chart(layout: &mut Layout, chart: &crate::insight::chart::GroupChart) {
    let last = usize::try_from(chart.last_week.max(1)).unwrap_or(1);
    let row = |week: usize| {
        chart
            .weeks
            .iter()
            .find(|r| usize::try_from(r.week).ok() == Some(week))
    };
    let mut any_suppressed = false;
    let columns = (1..=last)
        .map(|week| match row(week) {
            Some(r) if r.spread.is_shown() => vec![week.to_string(), format!("n={}", r.spread.n)],
            Some(r) => {
                any_suppressed = true;
                vec![week.to_string(), format!("n={}*", r.spread.n)]
            }
            None => vec![week.to_string(), "n=0".to_owned()],
        })
        .collect();
    let mut boxes = Vec::new();
    let mut lines: Vec<(Vec<(usize, f64)>, f32)> = Vec::new();
    let mut run: Vec<(usize, f64)> = Vec::new();
    for week in 1..=last {
        match row(week) {
            Some(r) if r.spread.is_shown() => {
                boxes.push((week - 1, r.spread.q1, r.spread.q3));
                run.push((week - 1, r.spread.median));
            }
            _ => {
                if !run.is_empty() {
                    lines.push((std::mem::take(&mut run), 2.0));
                }
            }
        }
    }
    if !run.is_empty() {
        lines.push((run, 2.0));
    }
    let mut caption = "Week of the programme, and how many shared that week. Line: the median; grey box: the middle half of the group.".to_owned();
    if any_suppressed {
        caption.push_str(" * ");
        caption.push_str(crate::insight::spread::SUPPRESSED);
        caption.push_str(": no figure is drawn for that week.");
    }
    layout.chart(&PaperChart {
        columns,
        range: chart.range,
        bands: Vec::new(),
        boxes,
        lines,
        caption,
        height: 170.0,
    });
}

/// Writes a PDF to `path` atomically.
pub fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), HandoutError> {
    // A bare file name is in the current folder: name the folder, so it can be synced.
    let in_folder = if path.parent() == Some(std::path::Path::new("")) {
        std::path::Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    crate::storage::atomic::write_atomic(
        &in_folder,
        bytes,
        crate::storage::atomic::Overwrite::Replace,
    )
    .map_err(|source| HandoutError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In the group PDF's chart, a week from one or two people has its count and nothing
    /// else: no median point, no middle-half box, and the median line breaks there.
    #[test]
    fn the_group_pdf_chart_draws_nothing_from_fewer_than_three() {
        use crate::insight::spread::{WeekRow, spread};
        let row = |week: i64, values: &[i64]| WeekRow {
            series: "phq9".to_owned(),
            label: "PHQ-9 score".to_owned(),
            week,
            spread: spread(values).unwrap(),
        };
        let summary = crate::facilitator::share::Summary {
            start: None,
            start_estimated: true,
            run_weeks: Some(4),
            outside: 0,
            // Week 2 from two people, week 3 from one.
            weeks: vec![
                row(1, &[10, 14, 18]),
                row(2, &[9, 21]),
                row(3, &[20]),
                row(4, &[6, 8, 12, 16]),
            ],
            changes: Vec::new(),
            ranges: [("phq9".to_owned(), (0, 27))].into_iter().collect(),
        };
        let layout = lay_out_summary(&summary, 4, &[], None, Paper::A4);
        assert_eq!(layout.pages.len(), 1);
        let marks = &layout.pages[0];
        let mid_shades: Vec<&Mark> = marks
            .iter()
            .filter(|m| matches!(m, Mark::Shade { level: 200, .. }))
            .collect();
        assert_eq!(mid_shades.len(), 2, "a middle half for weeks 1 and 4 only");
        let lines: Vec<&Vec<(f32, f32)>> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Polyline { points, .. } => Some(points),
                _ => None,
            })
            .collect();
        // Weeks 1 and 4 stand alone: a point each, no line joins them over weeks 2 and 3.
        assert!(lines.is_empty(), "{lines:?}");
        let points = marks
            .iter()
            .filter(|m| matches!(m, Mark::Box { side, .. } if *side > 3.0))
            .count();
        assert_eq!(points, 2, "a median point for weeks 1 and 4 only");
        let texts: Vec<&str> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            texts.contains(&"n=2*") && texts.contains(&"n=1*"),
            "{texts:?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("15.0") || t.contains("20.0")),
            "{texts:?}"
        );
    }

    #[test]
    fn wrapping_keeps_lines_inside_the_margins() {
        let layout = Layout::new(Paper::A4);
        let text = "word ".repeat(200);
        let lines = layout.wrap(&text, 11.0, layout.width());
        assert!(lines.len() > 5);
        assert!(
            lines
                .iter()
                .all(|line| layout.text_width(line, 11.0) <= layout.width())
        );
    }

    #[test]
    fn a_choice_of_one_gets_circles_and_a_choice_of_several_gets_squares() {
        let workbook = Workbook::bundled();
        let count = |id: &str, kind: fn(&Field) -> bool| {
            let worksheet = workbook.get(id).unwrap();
            let mut layout = Layout::new(Paper::A4);
            let mut only = worksheet.clone();
            only.steps.retain(|step| kind(&step.field));
            assert!(!only.steps.is_empty(), "{id}");
            lay_out_worksheet(&mut layout, &only, None);
            let marks = layout.pages.iter().flatten();
            let (mut circles, mut squares) = (0, 0);
            for mark in marks {
                match mark {
                    Mark::Circle { .. } => circles += 1,
                    Mark::Box { .. } => squares += 1,
                    _ => {}
                }
            }
            (circles, squares)
        };
        let one = |field: &Field| matches!(field, Field::Choice(_));
        let several = |field: &Field| matches!(field, Field::MultiChoice(_));
        let grid = |field: &Field| matches!(field, Field::Questionnaire(_));
        let choice = workbook
            .worksheets()
            .find(|w| w.steps.iter().any(|s| one(&s.field)))
            .unwrap();
        let multi = workbook
            .worksheets()
            .find(|w| w.steps.iter().any(|s| several(&s.field)))
            .unwrap();
        let (circles, squares) = count(&choice.id, one);
        assert!(
            circles > 0 && squares == 0,
            "{}: {circles} {squares}",
            choice.id
        );
        let (circles, squares) = count(&multi.id, several);
        assert!(
            circles == 0 && squares > 0,
            "{}: {circles} {squares}",
            multi.id
        );
        // The PHQ-9's grid: nine items by four answers, each a circle.
        assert_eq!(count("phq9", grid), (36, 0));
    }

    #[test]
    fn the_persons_own_words_are_printed_as_written() {
        let help = help_for(crate::content::crisis::region("GB"));
        let mut layout = Layout::with_help(Paper::A4, &help);
        layout.own_words("I press “Get help now” when I need it");
        layout.text("press “Get help now”", 11.0, false);
        let texts: Vec<&str> = layout
            .pages
            .iter()
            .flatten()
            .filter_map(|mark| match mark {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts[0], "I press “Get help now” when I need it");
        assert!(texts[1].starts_with("call a number in"), "{texts:?}");
    }

    /// What poppler's `tool` (pdffonts, pdftotext; .ci/run installs poppler-utils) says of
    /// `pdf`.
    fn poppler(tool: &str, pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.pdf");
        std::fs::write(&path, pdf).unwrap();
        let output = std::process::Command::new(tool)
            .arg(&path)
            .arg("-")
            .output()
            .unwrap_or_else(|error| panic!("{tool} (poppler-utils) is needed: {error}"));
        assert!(output.status.success(), "{tool} failed");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    #[test]
    fn text_is_drawn_in_atkinson_and_what_it_lacks_in_a_font_that_has_it() {
        let mut layout = Layout::new(Paper::A4);
        layout.text("What I want to talk about", 13.0, false);
        layout.own_words("I argued with my mum: 和妈妈吵架. Привет, Ωμέγα. Better now 🙂👍 今日は話せた 오늘 이야기했다");
        let pdf = layout.render().unwrap();
        // pdffonts takes no "-" for standard output; it lists the fonts of the file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fonts.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let output = std::process::Command::new("pdffonts")
            .arg(&path)
            .output()
            .expect("pdffonts (poppler-utils) is needed");
        let fonts = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            fonts.contains("AtkinsonHyperlegibleNext-Regular")
                && fonts.contains("AtkinsonHyperlegibleNext-Bold"),
            "Latin text and headings in Atkinson:\n{fonts}"
        );
        assert!(fonts.contains("DejaVuSans"), "Cyrillic in DejaVu:\n{fonts}");
        assert!(fonts.contains("NotoEmoji"), "emoji in Noto Emoji:\n{fonts}");
        let text = poppler("pdftotext", &pdf);
        assert!(text.contains("I argued with my mum"), "{text}");
        assert!(text.contains("Привет"), "{text}");
        assert!(text.contains("🙂👍"), "{text}");
        assert!(
            crate::fonts::system_cjk().is_some(),
            "no CJK font is installed in any of {:?}: install fonts-noto-cjk (.ci/run does)",
            crate::fonts::SYSTEM_CJK.map(|(path, _)| path)
        );
        assert!(
            fonts.contains("NotoSansCJK") || fonts.contains("CJK"),
            "Chinese in the system's CJK font:\n{fonts}"
        );
        assert!(text.contains("和妈妈吵架"), "{text}");
        // Japanese and Korean, in the same CJK font.
        assert!(text.contains("今日は話せた"), "{text}");
        assert!(
            text.contains("오늘") && text.contains("이야기했다"),
            "{text}"
        );
        // Only the Chinese is in the CJK font: the Latin around it stays in Atkinson.
        let runs = layout_runs("I argued: 和妈妈 吵架. Then");
        assert_eq!(
            runs,
            [
                (Face::Regular, "I argued: "),
                (Face::Cjk, "和妈妈 吵架"),
                (Face::Regular, ". Then")
            ]
        );
        // An emoji is a run of its own, and its variation selector stays with it.
        assert_eq!(
            layout_runs("Sam ❤\u{FE0F} 🙂 ok"),
            [
                (Face::Regular, "Sam "),
                (Face::DejaVu, "❤\u{FE0F} "),
                (Face::Emoji, "🙂"),
                (Face::Regular, " ok")
            ]
        );
        // A sequence (joined by zero-width joiners, or with a skin tone) stays one run in the
        // emoji font, whose ligatures then draw it as one emoji.
        assert_eq!(
            layout_runs("Us 👩\u{200D}👩\u{200D}👧 👍🏽"),
            [
                (Face::Regular, "Us "),
                (Face::Emoji, "👩\u{200D}👩\u{200D}👧"),
                (Face::Regular, " "),
                (Face::Emoji, "👍🏽")
            ]
        );
    }

    fn layout_runs(text: &str) -> Vec<(Face, &str)> {
        Faces::new().runs(text, 11.0)
    }

    #[test]
    fn arabic_and_hebrew_read_right_to_left_with_a_latin_name_where_a_reader_expects_it() {
        let faces = Faces::new();
        // An Arabic sentence with an English name in it: "Salam, John, welcome".
        let drawn = faces.visual_runs("سلام John عليكم", 11.0);
        let words: Vec<(&str, bool)> = drawn
            .iter()
            .map(|(_, text, rtl)| (text.trim(), *rtl))
            .filter(|(text, _)| !text.is_empty())
            .collect();
        // Read from the right: the first word is drawn rightmost, the name between.
        assert_eq!(
            words,
            [("عليكم", true), ("John", false), ("سلام", true)],
            "{drawn:?}"
        );
        // Hebrew in an English line keeps the line's order around it.
        let drawn = faces.visual_runs("I told him שלום and left", 11.0);
        assert_eq!(drawn.first().map(|run| run.1), Some("I told him "));
        assert!(
            drawn
                .iter()
                .any(|(_, text, rtl)| *rtl && text.contains("שלום"))
        );
        // Latin only: one run, as before.
        assert_eq!(faces.visual_runs("Plain words", 11.0).len(), 1);
        // Joined Arabic is drawn narrower than its letters' own advances add up to, so a line
        // is placed by its shaped width, or a gap opens after it.
        let arabic = "تشاجرت مع أخي حول المال";
        assert!(
            faces.line_width(arabic, 11.0) < faces.width(arabic, 11.0) - 2.0,
            "{} vs {}",
            faces.line_width(arabic, 11.0),
            faces.width(arabic, 11.0)
        );

        // An Arabic paragraph is set against the right margin, an English one against the left.
        let mut layout = Layout::new(Paper::A4);
        layout.own_words("تشاجرت مع أخي حول المال\nI argued with my brother");
        let lines: Vec<(f32, &str)> = layout.pages[0]
            .iter()
            .filter_map(|mark| match mark {
                Mark::Text { x, text, .. } => Some((*x, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        let right_edge = lines[0].0 + layout.faces.line_width(lines[0].1, 11.0);
        assert!(
            (right_edge - (MARGIN + layout.width())).abs() < 0.5,
            "{lines:?}"
        );
        assert!(lines[0].0 > MARGIN + 100.0, "{lines:?}");
        assert!((lines[1].0 - MARGIN).abs() < f32::EPSILON, "{lines:?}");
    }

    #[test]
    fn an_unbroken_word_and_chinese_without_spaces_wrap_inside_the_margins() {
        let layout = Layout::new(Paper::A4);
        let chinese = "我今天和妈妈谈了很久感觉好多了".repeat(20);
        for text in [
            "a".repeat(3000),
            chinese,
            format!("Words then {}", "Ж".repeat(400)),
        ] {
            let lines = layout.wrap(&text, 11.0, layout.width());
            assert!(lines.len() > 3, "{lines:?}");
            assert!(
                lines
                    .iter()
                    .all(|line| layout.text_width(line, 11.0) <= layout.width()),
                "{lines:?}"
            );
            // Nothing is lost where the word is cut.
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn every_bundled_worksheet_makes_a_pdf() {
        let workbook = Workbook::bundled();
        for worksheet in workbook.worksheets() {
            let pdf = worksheet_pdf(worksheet, None, Paper::A4).unwrap();
            assert!(pdf.starts_with(b"%PDF"), "{}", worksheet.id);
        }
    }
}
