//! Rapport's look in one place: colour tokens for light and dark, the type scale, spacing and
//! corner radii, and the fonts (Atkinson Hyperlegible Next for text, a few Phosphor icons, and
//! a system font for Chinese, Japanese and Korean, loaded only once such text is seen).
//!
//! [`apply`] sets them on egui's [`Style`] for both themes, once at start-up; the theme switch
//! then only picks which of the two egui shows. Views use egui's own roles (`heading`, `weak`,
//! `strong`, `warn_fg_color`, …), so they follow these tokens without naming a colour. Every
//! text colour meets WCAG AA (4.5:1) on every background it is drawn on (see the tests).

use std::sync::Arc;

use rapport_core::content::entry::{Answer, Entry};
use rapport_core::storage::journal::Journal;

use egui::{
    Color32, Context, CornerRadius, FontData, FontDefinitions, FontFamily, FontId, Stroke, Style,
    TextStyle, Theme, Visuals,
};

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The page behind everything (panels).
    pub page: Color32,
    /// Dialogs and windows.
    pub window: Color32,
    /// Cards, notes and the faint stripes of lists.
    pub card: Color32,
    /// Text fields.
    pub field: Color32,
    /// Body text.
    pub text: Color32,
    /// Titles and chosen things: darker (lighter in dark) than body text, never greyer.
    pub strong: Color32,
    /// Help text, dates and captions.
    pub weak: Color32,
    /// The calm accent: focus rings, the chosen item's edge.
    pub accent: Color32,
    /// The fill of chosen items and the main action ("Save", "Get help now").
    pub accent_soft: Color32,
    /// Links.
    pub link: Color32,
    /// Something to look at, not an error.
    pub warn: Color32,
    /// Something went wrong.
    pub error: Color32,
    /// Something went right (passphrases match).
    pub good: Color32,
    /// Buttons at rest, hovered and pressed.
    pub control: [Color32; 3],
    /// Lines between things.
    pub line: Color32,
    /// Scroll bar handles, checkbox and radio wells: seen against a field (3:1 and more).
    pub handle: Color32,
}

/// Warm paper and ink.
pub const LIGHT: Palette = Palette {
    page: Color32::from_rgb(0xF8, 0xF5, 0xF0),
    window: Color32::from_rgb(0xFF, 0xFD, 0xF9),
    card: Color32::from_rgb(0xEF, 0xE9, 0xE0),
    field: Color32::from_rgb(0xFF, 0xFF, 0xFF),
    text: Color32::from_rgb(0x2A, 0x25, 0x21),
    strong: Color32::from_rgb(0x14, 0x11, 0x0F),
    weak: Color32::from_rgb(0x5B, 0x53, 0x4B),
    accent: Color32::from_rgb(0x2A, 0x6B, 0x65),
    accent_soft: Color32::from_rgb(0xCF, 0xE4, 0xE0),
    link: Color32::from_rgb(0x1C, 0x57, 0x86),
    warn: Color32::from_rgb(0x7A, 0x41, 0x00),
    error: Color32::from_rgb(0xA0, 0x28, 0x28),
    good: Color32::from_rgb(0x1D, 0x66, 0x31),
    control: [
        Color32::from_rgb(0xE9, 0xE2, 0xD7),
        Color32::from_rgb(0xDF, 0xD6, 0xC8),
        Color32::from_rgb(0xD3, 0xC8, 0xB6),
    ],
    line: Color32::from_rgb(0xC9, 0xBF, 0xB1),
    handle: Color32::from_rgb(0x9A, 0x8F, 0x80),
};

/// A warm evening: dark brown-grey, never pure black.
pub const DARK: Palette = Palette {
    page: Color32::from_rgb(0x1C, 0x1A, 0x17),
    window: Color32::from_rgb(0x24, 0x21, 0x1D),
    card: Color32::from_rgb(0x2B, 0x27, 0x23),
    field: Color32::from_rgb(0x14, 0x12, 0x10),
    text: Color32::from_rgb(0xE6, 0xE0, 0xD8),
    strong: Color32::from_rgb(0xFB, 0xF8, 0xF3),
    weak: Color32::from_rgb(0xB5, 0xAC, 0xA1),
    accent: Color32::from_rgb(0x7C, 0xC4, 0xBA),
    accent_soft: Color32::from_rgb(0x26, 0x4A, 0x46),
    link: Color32::from_rgb(0x8E, 0xC3, 0xEE),
    warn: Color32::from_rgb(0xF0, 0xB4, 0x5E),
    error: Color32::from_rgb(0xFF, 0x9C, 0x94),
    good: Color32::from_rgb(0x8F, 0xD1, 0x9E),
    control: [
        Color32::from_rgb(0x35, 0x30, 0x2A),
        Color32::from_rgb(0x41, 0x3B, 0x34),
        Color32::from_rgb(0x4D, 0x46, 0x3E),
    ],
    line: Color32::from_rgb(0x4A, 0x43, 0x3B),
    handle: Color32::from_rgb(0x6E, 0x65, 0x5B),
};

/// The palette of a theme.
#[must_use]
pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

/// The type scale, in points.
pub mod size {
    /// True captions only (the closeness circle's names).
    pub const CAPTION: f32 = 13.0;
    /// Body text, buttons and help text: nothing on screen is smaller, captions apart.
    pub const BODY: f32 = 15.0;
    /// Monospaced text (file paths).
    pub const MONO: f32 = 14.0;
    /// Headings within a page, in the bold face.
    pub const HEADING: f32 = 20.0;
    /// A page's title, in the bold face and the strong colour.
    pub const TITLE: f32 = 26.0;
}

/// Spacing and corner radii, in points.
pub mod space {
    /// Between widgets, across and down.
    pub const ITEM: [f32; 2] = [8.0, 7.0];
    /// Inside buttons.
    pub const BUTTON: [f32; 2] = [10.0, 5.0];
    /// Between the sections of a page.
    pub const SECTION: f32 = 14.0;
    /// Buttons, fields and cards.
    pub const RADIUS: u8 = 6;
    /// Dialogs.
    pub const WINDOW_RADIUS: u8 = 10;
}

/// The family of the bold face: headings use it, and `strong` text that should weigh more.
#[must_use]
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// The visuals of one theme.
#[must_use]
pub fn visuals(dark: bool) -> Visuals {
    let p = palette(dark);
    let mut v = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    let radius = CornerRadius::same(space::RADIUS);
    v.override_text_color = None;
    v.weak_text_color = Some(p.weak);
    v.hyperlink_color = p.link;
    v.faint_bg_color = p.card;
    v.extreme_bg_color = p.field;
    v.text_edit_bg_color = Some(p.field);
    v.code_bg_color = p.card;
    v.warn_fg_color = p.warn;
    v.error_fg_color = p.error;
    v.window_fill = p.window;
    v.panel_fill = p.page;
    v.window_stroke = Stroke::new(1.0, p.line);
    v.window_corner_radius = CornerRadius::same(space::WINDOW_RADIUS);
    v.menu_corner_radius = radius;
    v.selection.bg_fill = p.accent_soft;
    v.selection.stroke = Stroke::new(1.5, p.strong);
    v.text_cursor.stroke = Stroke::new(2.0, p.accent);

    let w = &mut v.widgets;
    w.noninteractive.bg_fill = p.page;
    w.noninteractive.weak_bg_fill = p.card;
    w.noninteractive.bg_stroke = Stroke::new(1.0, p.line);
    w.noninteractive.fg_stroke = Stroke::new(1.0, p.text);
    w.noninteractive.corner_radius = radius;
    for (state, fill) in [
        (&mut w.inactive, p.control[0]),
        (&mut w.hovered, p.control[1]),
        (&mut w.active, p.control[2]),
        (&mut w.open, p.control[1]),
    ] {
        state.bg_fill = fill;
        state.weak_bg_fill = fill;
        state.corner_radius = radius;
        state.fg_stroke = Stroke::new(1.0, p.text);
        state.bg_stroke = Stroke::new(1.0, p.line);
    }
    w.inactive.bg_stroke = Stroke::NONE;
    // `bg_fill` is what must show against a field: scroll bar handles, checkbox and radio
    // wells (buttons use `weak_bg_fill`).
    w.inactive.bg_fill = p.handle;
    w.hovered.bg_fill = p.handle;
    w.active.bg_fill = p.accent_soft;
    w.hovered.bg_stroke = Stroke::new(1.0, p.accent);
    // The focus ring: a widget with the keyboard focus is drawn as `active`.
    w.active.bg_stroke = Stroke::new(2.0, p.accent);
    w.active.fg_stroke = Stroke::new(1.5, p.strong);
    w.hovered.fg_stroke = Stroke::new(1.5, p.strong);
    v
}

/// The whole style of one theme: visuals, type scale and spacing.
#[must_use]
pub fn style(dark: bool) -> Style {
    let mut style = Style {
        visuals: visuals(dark),
        ..Style::default()
    };
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(size::CAPTION, FontFamily::Proportional),
        ),
        (
            TextStyle::Body,
            FontId::new(size::BODY, FontFamily::Proportional),
        ),
        (
            TextStyle::Button,
            FontId::new(size::BODY, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(size::MONO, FontFamily::Monospace),
        ),
        (TextStyle::Heading, FontId::new(size::HEADING, bold())),
    ]
    .into();
    let spacing = &mut style.spacing;
    spacing.item_spacing = space::ITEM.into();
    spacing.button_padding = space::BUTTON.into();
    spacing.interact_size.y = 26.0;
    spacing.scroll.bar_width = 10.0;
    spacing.scroll.floating = false;
    // The handle in the fill colour (`bg_fill` above), not the text colour.
    spacing.scroll.foreground_color = false;
    style
}

/// Sets the style of both themes. Call once at start-up (and again if fonts change nothing:
/// the theme switch only picks between the two).
pub fn apply(ctx: &Context) {
    ctx.set_style_of(Theme::Light, style(false));
    ctx.set_style_of(Theme::Dark, style(true));
}

/// Atkinson Hyperlegible Next, regular and bold: the core's, which the charts and PDFs use too.
pub use rapport_core::fonts::{BOLD, REGULAR};
/// The Phosphor icons Rapport uses (MIT), cut from the full font to the codepoints in
/// [`super::icon`] with `pyftsubset Phosphor.ttf --unicodes=…` (6.5 KB instead of 489 KB).
pub const ICONS: &[u8] = include_bytes!("../../assets/fonts/Phosphor-Rapport.ttf");

/// Whether `c` is written in a script the bundled fonts lack: Chinese, Japanese, Korean.
/// (Arabic, Hebrew and most alphabets are in the bundled `DejaVu` Sans, emoji in Noto Emoji.)
#[must_use]
pub fn needs_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x303F    // CJK radicals, symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x31FF    // Bopomofo, Hangul compatibility Jamo, Katakana extensions
        | 0x3200..=0x4DBF    // enclosed CJK, compatibility, extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF    // half- and full-width forms
        | 0x20000..=0x3FFFF) // extensions B and on
}

/// The fonts: Atkinson Hyperlegible Next first, then the icons, egui's own, `DejaVu` Sans
/// (symbols, Greek, Cyrillic, Arabic, Hebrew…), Noto Emoji, and `cjk` if given (its bytes and
/// face).
#[must_use]
pub fn fonts(cjk: Option<(&'static [u8], u32)>) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let data = &mut fonts.font_data;
    data.insert(
        "atkinson".to_owned(),
        Arc::new(FontData::from_static(REGULAR)),
    );
    data.insert(
        "atkinson-bold".to_owned(),
        Arc::new(FontData::from_static(BOLD)),
    );
    data.insert(
        "phosphor".to_owned(),
        Arc::new(FontData::from_static(ICONS)),
    );
    data.insert(
        "dejavu-sans".to_owned(),
        Arc::new(FontData::from_static(rapport_core::fonts::DEJAVU_SANS)),
    );
    // egui draws Noto Emoji a little large beside text; it shrinks it by the same amount.
    data.insert(
        "noto-emoji".to_owned(),
        Arc::new(
            FontData::from_static(rapport_core::fonts::EMOJI).tweak(egui::FontTweak {
                scale: 0.81,
                ..Default::default()
            }),
        ),
    );
    let mut tail = vec!["dejavu-sans".to_owned(), "noto-emoji".to_owned()];
    if let Some((bytes, index)) = cjk {
        let mut font = FontData::from_static(bytes);
        font.index = index;
        data.insert("cjk".to_owned(), Arc::new(font));
        tail.push("cjk".to_owned());
    }
    let egui_own = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mono_own = fonts
        .families
        .get(&FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    let chain = |first: &str, own: &[String]| {
        let mut names = vec![first.to_owned(), "phosphor".to_owned()];
        names.extend(own.iter().cloned());
        names.extend(tail.iter().cloned());
        names
    };
    fonts
        .families
        .insert(FontFamily::Proportional, chain("atkinson", &egui_own));
    fonts
        .families
        .insert(bold(), chain("atkinson-bold", &egui_own));
    let mut mono = mono_own;
    mono.push("atkinson".to_owned());
    mono.push("phosphor".to_owned());
    mono.extend(tail.iter().cloned());
    fonts.families.insert(FontFamily::Monospace, mono);
    fonts
}

/// The fonts in use, and the system font for Chinese, Japanese and Korean, read only once such
/// text is first typed or found in the journal (it is large: 20 MB for Noto Sans CJK).
#[derive(Default)]
pub struct Fonts {
    installed: bool,
    /// Whether the CJK font was looked for (found or not): it is looked for once.
    cjk_looked: bool,
    /// The journal revision last searched for such text.
    searched: Option<u64>,
    /// The CJK font read ahead (see [`Fonts::for_journal`]), installed with the others.
    read_ahead: Option<(&'static [u8], u32)>,
}

impl Fonts {
    /// The fonts `journal` needs, searched for and read while the journal is opened (on the
    /// reading thread), so that the first frame does neither: ten years take ~6 ms to search.
    #[must_use]
    pub fn for_journal(journal: &Journal) -> Self {
        let seen = journal.entries().any(entry_has_cjk);
        Self {
            installed: false,
            cjk_looked: seen,
            searched: Some(journal.revision()),
            read_ahead: if seen {
                rapport_core::fonts::system_cjk()
            } else {
                None
            },
        }
    }

    /// Installs the bundled fonts on the first frame, and the CJK font the first time text
    /// typed this frame, or an answer in `journal` (searched once per revision), needs it.
    pub fn ensure(&mut self, ctx: &Context, journal: Option<&Journal>) {
        if !self.installed {
            ctx.set_fonts(fonts(self.read_ahead.take()));
            self.installed = true;
        }
        if self.cjk_looked {
            return;
        }
        let mut seen = typed_cjk(ctx);
        if !seen && let Some(journal) = journal {
            let revision = journal.revision();
            if self.searched != Some(revision) {
                self.searched = Some(revision);
                seen = journal.entries().any(entry_has_cjk);
            }
        }
        if seen {
            self.cjk_looked = true;
            if let Some(cjk) = rapport_core::fonts::system_cjk() {
                ctx.set_fonts(fonts(Some(cjk)));
            }
        }
    }

    /// Takes what `found` learnt of the whole journal (at `revision`), after these fonts served
    /// part of it: its CJK font, installed again with the others at the next frame, or that
    /// none is needed (so the journal is not searched again here).
    pub fn adopt(&mut self, found: &Fonts, revision: Option<u64>) {
        if self.cjk_looked {
            return;
        }
        if found.cjk_looked {
            self.cjk_looked = true;
            self.read_ahead = found.read_ahead;
            self.installed = false;
        } else {
            self.searched = revision;
        }
    }

    /// Whether the bundled fonts are installed (after the first frame).
    #[must_use]
    pub fn installed(&self) -> bool {
        self.installed
    }

    /// Whether a CJK font was looked for.
    #[must_use]
    pub fn cjk_looked(&self) -> bool {
        self.cjk_looked
    }
}

/// Whether any answer of `entry` holds Chinese, Japanese or Korean.
fn entry_has_cjk(entry: &Entry) -> bool {
    // Most answers are plain ASCII, which a byte scan rules out many times faster than
    // decoding each character (this runs over the whole journal as it opens).
    let has = |text: &str| !text.is_ascii() && text.chars().any(needs_cjk);
    entry.answers.values().any(|answer| match answer {
        Answer::Text(text) | Answer::Choice(text) => has(text),
        Answer::Choices(items) | Answer::List(items) => items.iter().any(|item| has(item)),
        Answer::Placements(people) => people.iter().any(|person| has(&person.name)),
        Answer::Number(_) | Answer::Date(_) => false,
    })
}

/// Whether text typed or pasted this frame holds Chinese, Japanese or Korean.
#[must_use]
pub fn typed_cjk(ctx: &Context) -> bool {
    ctx.input(|i| {
        i.events.iter().any(|event| match event {
            egui::Event::Text(text)
            | egui::Event::Paste(text)
            | egui::Event::Ime(egui::ImeEvent::Commit(text)) => text.chars().any(needs_cjk),
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an opaque colour.
    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background_it_is_drawn_on() {
        for (name, p) in [("light", LIGHT), ("dark", DARK)] {
            let surfaces = [
                ("page", p.page),
                ("window", p.window),
                ("card", p.card),
                ("field", p.field),
            ];
            let controls = [
                ("button", p.control[0]),
                ("hovered button", p.control[1]),
                ("pressed button", p.control[2]),
                ("chosen", p.accent_soft),
            ];
            let texts = [
                ("text", p.text),
                ("strong", p.strong),
                ("weak", p.weak),
                ("link", p.link),
                ("warn", p.warn),
                ("error", p.error),
                ("good", p.good),
            ];
            let mut pairs: Vec<_> = texts
                .iter()
                .flat_map(|t| surfaces.iter().map(move |s| (*t, *s)))
                .collect();
            // Buttons and chosen items carry body, strong and warning text ("1 problem").
            for text in [texts[0], texts[1], texts[4]] {
                pairs.extend(controls.iter().map(|c| (text, *c)));
            }
            // Help text sits beside buttons on their fills too (a scale's end labels).
            pairs.extend(controls[..1].iter().map(|c| (texts[2], *c)));
            for ((text, fg), (bg_name, bg)) in pairs {
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{name}: {text} on {bg_name} is {ratio:.2}:1, below 4.5:1"
                );
            }
            // The focus ring and scroll bar handles stand out (WCAG 1.4.11: 3:1).
            assert!(contrast(p.accent, p.page) >= 3.0, "{name}: focus ring");
            assert!(
                contrast(p.handle, p.field) >= 3.0,
                "{name}: scroll bar handle"
            );
            // A tick in a checkbox: body text on the well.
            assert!(contrast(p.text, p.handle) >= 3.0, "{name}: tick");
        }
    }

    #[test]
    fn titles_are_stronger_than_body_text_and_nothing_is_smaller_but_captions() {
        for dark in [false, true] {
            let p = palette(dark);
            assert!(contrast(p.strong, p.page) > contrast(p.text, p.page));
            let style = style(dark);
            let body = style.text_styles[&TextStyle::Body].size;
            assert!(style.text_styles[&TextStyle::Heading].size > body);
            assert_eq!(style.text_styles[&TextStyle::Heading].family, bold());
            assert!(style.text_styles[&TextStyle::Button].size >= body);
            assert!(style.text_styles[&TextStyle::Small].size >= 12.0);
        }
    }

    #[test]
    fn cjk_is_told_apart_from_scripts_the_bundled_fonts_have() {
        assert!("我的日记".chars().all(needs_cjk));
        assert!("ひらがな".chars().all(needs_cjk));
        assert!("한국어".chars().all(needs_cjk));
        assert!(
            !"Hello, Grüße, שלום, مرحبا, Привет 😀"
                .chars()
                .any(needs_cjk)
        );
    }
}
