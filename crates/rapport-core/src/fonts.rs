//! The fonts every front end and every file shares: Atkinson Hyperlegible Next for text,
//! `DejaVu` Sans for what Atkinson lacks (Greek, Cyrillic, Arabic, Hebrew, symbols), Noto Emoji
//! for emoji, and a font for Chinese, Japanese and Korean found on the system, read only when a text needs it.
//!
//! A leaf: it names no other module. The app's UI, the charts and the PDF handouts all take
//! their fonts from here, so the list of places a CJK font is looked for is written once.

use std::sync::OnceLock;

/// Atkinson Hyperlegible Next, regular (SIL Open Font License 1.1, `assets/fonts/`): the font
/// of the UI, the charts and the PDFs.
pub static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/AtkinsonHyperlegibleNext-Regular.ttf"
));

/// Atkinson Hyperlegible Next, bold: headings.
pub static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/AtkinsonHyperlegibleNext-Bold.ttf"
));

/// `DejaVu` Sans (Bitstream Vera licence): the fallback for characters Atkinson lacks.
pub static DEJAVU_SANS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/DejaVuSans.ttf"
));

/// Noto Emoji 3.006, monochrome (SIL Open Font License 1.1, `assets/fonts/`): emoji, in the
/// colour of the text around them, after the text fonts. Its 1,464 single-character emoji up
/// to Unicode 15, and its ligatures (GSUB), which join the 2,563 sequences (skin tones,
/// families, flags) into one emoji where the text is shaped (the UI and the handouts; charts
/// draw them in parts): the "emoji" subset of `@fontsource/noto-emoji` 5.3.2 at weight 400,
/// as TTF without its vertical metrics and STAT tables (877 KB). egui's own Noto Emoji is
/// older and lacks many (🙂, 🤗, 🥲).
pub static EMOJI: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/NotoEmoji-Rapport.ttf"
));

/// Where a font for Chinese, Japanese and Korean is usually found, with the face to use in a
/// collection. The first that exists is used. None is bundled: Noto Sans CJK alone is 20 MB.
pub const SYSTEM_CJK: [(&str, u32); 9] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 0),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        0,
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        0,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
    ),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\malgun.ttf", 0),
];

/// The system's CJK font, its bytes and the face to use, or `None` if none of
/// [`SYSTEM_CJK`] exists. Read from disk on the first call only (it is large, so callers ask
/// only once a text needs it); later calls, from any thread, share the same bytes.
#[must_use]
pub fn system_cjk() -> Option<(&'static [u8], u32)> {
    static FOUND: OnceLock<Option<(Vec<u8>, u32)>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            SYSTEM_CJK
                .iter()
                .find_map(|(path, index)| std::fs::read(path).ok().map(|bytes| (bytes, *index)))
        })
        .as_ref()
        .map(|(bytes, index)| (bytes.as_slice(), *index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font as _, FontRef};

    #[test]
    fn the_bundled_fonts_parse_and_divide_the_scripts_between_them() {
        let atkinson = FontRef::try_from_slice(REGULAR).unwrap();
        let bold = FontRef::try_from_slice(BOLD).unwrap();
        let dejavu = FontRef::try_from_slice(DEJAVU_SANS).unwrap();
        let has = |font: &FontRef, c: char| font.glyph_id(c).0 != 0;
        assert!(
            "Rapport ü"
                .chars()
                .all(|c| has(&atkinson, c) && has(&bold, c))
        );
        // What the fallback is for: Atkinson lacks these, DejaVu has them.
        for c in ['Ж', 'ש', 'م'] {
            assert!(!has(&atkinson, c) && has(&dejavu, c), "{c}");
        }
        assert!(!has(&dejavu, '和'));
        // Emoji are in none of the text fonts, and in the emoji font.
        let emoji = FontRef::try_from_slice(EMOJI).unwrap();
        for c in ['🙂', '😢', '❤', '👍', '🌱', '🫶', '🤗', '🥲'] {
            assert!(has(&emoji, c), "{c}");
        }
        assert!(!has(&atkinson, '🙂') && !has(&dejavu, '🙂'));
    }
}
