//! Text in every script and of any length shows and fits: an unbroken 3,000-letter word,
//! Chinese, Arabic and emoji typed into a worksheet stay inside the window, and the system's CJK font
//! is read only once such text is typed.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::ui::ThemeChoice;

use crate::fit::{SIZES, app, long_word, outside, press};

#[test]
fn a_long_word_chinese_and_arabic_typed_into_a_worksheet_stay_inside_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), ThemeChoice::Light);
    harness.set_size(egui::vec2(SIZES[0][0], SIZES[0][1]));
    harness.run_ok();
    press(&mut harness, "Coping skills");
    assert!(
        !harness.state().cjk_font_looked_for(),
        "no CJK font is read before such text is seen"
    );
    let text = format!(
        "{} 我今天和妈妈谈了很久，感觉好多了。 تحدثت مع أمي اليوم وشعرت بتحسن. שלום 今日は話せた 오늘 이야기했다 🙂👍🌱❤",
        long_word()
    );
    harness
        .get_all_by_role(Role::MultilineTextInput)
        .next()
        .expect("the worksheet has a long text field")
        .click();
    harness.run_ok();
    harness
        .get_all_by_role(Role::MultilineTextInput)
        .next()
        .expect("the worksheet has a long text field")
        .type_text(&text);
    harness.run_ok();
    harness.run_ok();
    assert!(
        harness.state().cjk_font_looked_for(),
        "typing Chinese looks for a CJK font"
    );
    // Every letter and emoji has a font that draws it: none shows as an empty box.
    let missing: Vec<char> = harness.ctx.fonts_mut(|fonts| {
        text.chars()
            .filter(|&c| !fonts.has_glyph(&egui::FontId::proportional(16.0), c))
            .collect()
    });
    assert!(missing.is_empty(), "no font draws {missing:?}");
    for size in SIZES {
        harness.set_size(egui::vec2(size[0], size[1]));
        harness.run_ok();
        harness.run_ok();
        let problems = outside(&harness, size[0]);
        assert!(
            problems.is_empty(),
            "at {size:?}, run off the window:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn emoji_sequences_show_as_one_emoji_each_not_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), ThemeChoice::Light);
    harness.run_ok();
    // A family (joined by zero-width joiners), a skin tone, a flag and a rainbow flag: each is
    // one emoji to a reader, drawn from one ligature of the emoji font.
    for sequence in ["👩‍👩‍👧", "👍🏽", "🇬🇧", "🏳️‍🌈", "🧑🏿‍🦱"]
    {
        let drawn = harness.ctx.fonts_mut(|fonts| {
            let galley = fonts.layout_no_wrap(
                sequence.to_owned(),
                egui::FontId::proportional(16.0),
                egui::Color32::BLACK,
            );
            galley
                .rows
                .iter()
                .flat_map(|row| &row.glyphs)
                .filter(|glyph| glyph.advance_width > 0.5)
                .count()
        });
        assert_eq!(drawn, 1, "{sequence} is drawn as {drawn} glyphs");
    }
}
