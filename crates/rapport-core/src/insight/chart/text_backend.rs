//! A drawing backend that places each letter of a text where its font lays it out.
//!
//! plotters 0.3.7 draws text in a bitmap with `ab_glyph` (`style/font/ab_glyph.rs`, `draw`), but
//! puts each glyph's pixels at the pen position without the glyph's left side bearing: a narrow
//! letter with a wide bearing ("l", "i") is pulled left against the letter before it, and the
//! gap after it widens ("I llinois", "mini mum"). Atkinson Hyperlegible Next, whose bearings
//! differ more from letter to letter than `DejaVu` Sans', shows it most. [`GlyphBackend`] wraps
//! the bitmap backend, passes every call through, and draws text itself, bearings included.
//! An SVG is not affected: it writes text elements and the viewer lays them out.

use ab_glyph::{Font as _, FontRef, ScaleFont as _, point};
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Wraps a drawing backend `DB` and draws its text with the glyphs' bearings (see the module's
/// documentation); everything else, measuring text included, is `DB`'s own.
pub(super) struct GlyphBackend<DB> {
    inner: DB,
}

impl<DB: DrawingBackend> GlyphBackend<DB> {
    /// `inner`, with its text drawn here.
    pub(super) fn new(inner: DB) -> Self {
        Self { inner }
    }
}

impl<DB: DrawingBackend> DrawingBackend for GlyphBackend<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    // Text is measured as plotters measures it (the sum of advances and kerning, and a height
    // of the size / 1.24), so the charts' layout, which asks for these sizes, is unchanged.
    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let colour = style.color();
        if colour.alpha <= 0.0 {
            return Ok(());
        }
        // A family the charts did not register (none is drawn today) is left to plotters.
        let Some(font) = super::font_of(style.family().as_str()) else {
            return self.inner.draw_text(text, style, pos);
        };
        // The box plotters measured, anchored as its default `draw_text` anchors it, so the
        // text sits where the layout (which measured the same box) made room for it.
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0,
            HPos::Center => -width / 2,
            HPos::Right => -width,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let (image_width, image_height) = self.inner.get_size();
        let (image_width, image_height) = (
            i32::try_from(image_width).unwrap_or(i32::MAX),
            i32::try_from(image_height).unwrap_or(i32::MAX),
        );
        for (x, y, coverage) in glyph_pixels(font, style.size() as f32, text) {
            // Into the anchored box, turned as the style says, then onto the image.
            let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if (0..image_width).contains(&x) && (0..image_height).contains(&y) {
                // Coverage as alpha, as plotters' own text does, so edges blend into what is
                // below them.
                self.inner
                    .draw_pixel((x, y), colour.mix(f64::from(coverage)))?;
            }
        }
        Ok(())
    }
}

/// The pixels of `text` in `font` at plotters' `size` (the line's height in pixels, as
/// plotters scales a font), each with its coverage: x from the text's start, y from the top of
/// plotters' box for it. Each glyph stands at its pen position (the advances and kerning before
/// it, as plotters measures them, kept in fractions of a pixel) and is rasterised there, so its
/// left side bearing and its place between pixels are both kept. A character `font` lacks that
/// Noto Emoji has (an emoji) is drawn in Noto Emoji, at the size egui draws it beside text.
fn glyph_pixels(font: &FontRef<'_>, size: f32, text: &str) -> Vec<(i32, i32, f32)> {
    let scaled = font.as_scaled(size);
    let emoji = super::emoji().map(|emoji| emoji.as_scaled(size * 0.81));
    // plotters puts the baseline half the size below the box's top; in whole pixels (its own
    // drawing rounds up for nearly every glyph) so that horizontal strokes stay crisp.
    let baseline = (size / 2.0).ceil();
    let mut pixels = Vec::new();
    let mut pen = 0.0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if id.0 == 0
            && let Some(emoji) = &emoji
            && emoji.glyph_id(c).0 != 0
        {
            let id = emoji.glyph_id(c);
            let glyph = id.with_scale_and_position(emoji.scale(), point(pen, baseline));
            if let Some(outline) = emoji.outline_glyph(glyph) {
                push_pixels(&outline, &mut pixels);
            }
            pen += emoji.h_advance(id);
            previous = None;
            continue;
        }
        if let Some(previous) = previous {
            pen += scaled.kern(previous, id);
        }
        previous = Some(id);
        let glyph = id.with_scale_and_position(scaled.scale(), point(pen, baseline));
        if let Some(outline) = scaled.outline_glyph(glyph) {
            push_pixels(&outline, &mut pixels);
        }
        pen += scaled.h_advance(id);
    }
    pixels
}

/// Adds the covered pixels of `outline` to `pixels`. The glyph's pixel bounds hold its
/// bearings: min.x is the pen plus the left side bearing, which plotters' drawing leaves out.
fn push_pixels(outline: &ab_glyph::OutlinedGlyph, pixels: &mut Vec<(i32, i32, f32)>) {
    let bounds = outline.px_bounds();
    outline.draw(|x, y, coverage| {
        if coverage > 0.0 {
            pixels.push((
                (bounds.min.x + x as f32) as i32,
                (bounds.min.y + y as f32) as i32,
                coverage.min(1.0),
            ));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::{ATKINSON, font_of, register_font};
    use super::*;
    use plotters::prelude::*;
    use plotters::style::FontTransform;
    use plotters::style::text_anchor::Pos;

    /// Large enough that a bearing left out is several pixels.
    const SIZE: u32 = 64;
    const WORD: &str = "Illinois minimum";
    const WIDTH: u32 = 640;
    const HEIGHT: u32 = 160;

    fn atkinson() -> &'static FontRef<'static> {
        font_of(ATKINSON).unwrap()
    }

    /// `text` in black on white, anchored at `at`, drawn by `backend`.
    fn draw<DB: DrawingBackend>(backend: DB, text: &str, style: &TextStyle<'_>, at: (i32, i32)) {
        let root = backend.into_drawing_area();
        root.fill(&WHITE).unwrap();
        root.draw(&Text::new(text, at, style.clone())).unwrap();
        root.present().unwrap();
    }

    /// `text` drawn by plotters' bitmap backend alone and through [`GlyphBackend`].
    fn both(text: &str, style: &TextStyle<'_>, at: (i32, i32)) -> (Vec<u8>, Vec<u8>) {
        let mut plain = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        draw(
            BitMapBackend::with_buffer(&mut plain, (WIDTH, HEIGHT)),
            text,
            style,
            at,
        );
        let mut fixed = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        draw(
            GlyphBackend::new(BitMapBackend::with_buffer(&mut fixed, (WIDTH, HEIGHT))),
            text,
            style,
            at,
        );
        (plain, fixed)
    }

    /// Whether each pixel of an RGB image is ink: more than half covered, so that an edge's
    /// column counts when the glyph's edge lies nearer its far side (ink rounds to columns).
    fn ink(rgb: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
        rgb.chunks(3)
            .enumerate()
            .filter(|(_, pixel)| pixel.iter().all(|&c| c < 128))
            .map(|(i, _)| (i % WIDTH as usize, i / WIDTH as usize))
    }

    /// The (first, last) column of each run of columns with ink.
    fn runs(rgb: &[u8]) -> Vec<(f32, f32)> {
        let mut inked = vec![false; WIDTH as usize + 1];
        for (x, _) in ink(rgb) {
            inked[x] = true;
        }
        let mut runs = Vec::new();
        let mut start = None;
        for (x, &is_ink) in inked.iter().enumerate() {
            match (is_ink, start) {
                (true, None) => start = Some(x),
                (false, Some(first)) => {
                    runs.push((first as f32, (x - 1) as f32));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }

    /// What `ab_glyph`'s layout predicts: each glyph's ink from its outline's exact bounds at its
    /// pen position (advances and kerning, bearings included), glyphs that touch merged.
    fn predicted_runs(text: &str) -> Vec<(f32, f32)> {
        let font = atkinson();
        let scaled = font.as_scaled(SIZE as f32);
        let mut spans: Vec<(f32, f32)> = Vec::new();
        let (mut pen, mut previous) = (0.0f32, None);
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(previous) = previous {
                pen += scaled.kern(previous, id);
            }
            previous = Some(id);
            if let Some(outline) = font.outline(id) {
                let left = pen + outline.bounds.min.x * scaled.h_scale_factor();
                let right = pen + outline.bounds.max.x * scaled.h_scale_factor();
                match spans.last_mut() {
                    Some(last) if left <= last.1 + 0.5 => last.1 = last.1.max(right),
                    _ => spans.push((left, right)),
                }
            }
            pen += scaled.h_advance(id);
        }
        spans
    }

    /// The largest difference, in pixels, between a gap between letters as drawn in `rgb` and
    /// as the layout predicts it.
    fn worst_gap_error(rgb: &[u8]) -> f32 {
        let drawn = runs(rgb);
        let predicted = predicted_runs(WORD);
        assert_eq!(drawn.len(), predicted.len(), "{drawn:?} {predicted:?}");
        // A drawn gap counts the empty columns between two runs.
        let drawn_gaps = drawn.windows(2).map(|w| w[1].0 - w[0].1 - 1.0);
        let predicted_gaps = predicted.windows(2).map(|w| w[1].0 - w[0].1);
        drawn_gaps
            .zip(predicted_gaps)
            .map(|(drawn, predicted)| (drawn - predicted).abs())
            .fold(0.0, f32::max)
    }

    #[test]
    fn letters_are_spaced_as_the_font_lays_them_out() {
        // Before the font is named: plotters looks it up as the style is made.
        register_font();
        let style = (ATKINSON, SIZE)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let (plain, fixed) = both(WORD, &style, (10, 40));
        // plotters' own drawing leaves the bearings out: gaps are pixels off.
        let plain = worst_gap_error(&plain);
        assert!(
            plain > 1.0,
            "plotters' drawing was expected to fail this: {plain}"
        );
        let fixed = worst_gap_error(&fixed);
        assert!(fixed <= 1.0, "a gap is {fixed} px from the layout's");
    }

    /// The box around the ink of `rgb`: left, top, right, bottom.
    fn ink_box(rgb: &[u8]) -> (usize, usize, usize, usize) {
        ink(rgb).fold(
            (usize::MAX, usize::MAX, 0, 0),
            |(left, top, right, bottom), (x, y)| {
                (left.min(x), top.min(y), right.max(x), bottom.max(y))
            },
        )
    }

    #[test]
    fn anchors_and_turns_place_the_text_where_plotters_places_it() {
        // Before the font is named: plotters looks it up as the style is made.
        register_font();
        let font = (ATKINSON, 20).into_font();
        for transform in [
            FontTransform::None,
            FontTransform::Rotate90,
            FontTransform::Rotate270,
        ] {
            for h in [HPos::Left, HPos::Center, HPos::Right] {
                for v in [VPos::Top, VPos::Center, VPos::Bottom] {
                    let style = font
                        .clone()
                        .transform(transform.clone())
                        .color(&BLACK)
                        .pos(Pos::new(h, v));
                    let (plain, fixed) = both("Rating", &style, (320, 80));
                    let (plain, fixed) = (ink_box(&plain), ink_box(&fixed));
                    // Within the bearing plotters leaves out and a pixel of rounding.
                    let near = |a: usize, b: usize| a.abs_diff(b) <= 3;
                    assert!(
                        near(plain.0, fixed.0)
                            && near(plain.1, fixed.1)
                            && near(plain.2, fixed.2)
                            && near(plain.3, fixed.3),
                        "{plain:?} {fixed:?}"
                    );
                    // Turned text runs up or down the image.
                    let tall = fixed.3 - fixed.1 > fixed.2 - fixed.0;
                    assert_eq!(tall, !matches!(transform, FontTransform::None));
                }
            }
        }
    }

    #[test]
    fn an_emoji_is_drawn_in_the_emoji_font_not_as_an_empty_box() {
        // A character no font here has is drawn as Atkinson's empty box; an emoji is not.
        let empty_box = glyph_pixels(atkinson(), 64.0, "\u{E000}");
        let smile = glyph_pixels(atkinson(), 64.0, "🙂");
        let sprout = glyph_pixels(atkinson(), 64.0, "🌱");
        assert!(smile.len() > 200, "the emoji has ink: {}", smile.len());
        assert_ne!(smile, empty_box);
        assert_ne!(smile, sprout, "two emoji are two different drawings");
        // The letters after it are placed after it, not on top of it.
        let right_edge = |pixels: &[(i32, i32, f32)]| pixels.iter().map(|p| p.0).max().unwrap();
        let after = glyph_pixels(atkinson(), 64.0, "🙂 ok");
        assert!(right_edge(&after) > right_edge(&smile) + 40);
    }
}
