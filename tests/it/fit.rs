//! Every main screen fits the window: at the sizes people use, in light and dark, with a journal
//! of two years, every labelled widget lies inside the window from left to right (its AccessKit
//! bounds), so nothing a person should read or press runs off the edge; and wherever Tab moves
//! the keyboard focus, the focused widget is on screen.
//!
//! Zoom is covered by the sizes: at zoom z a window of w×h pixels lays out as one of (w/z)×(h/z)
//! points, so 1100×760 at 150 % is 733×507, between the first two sizes here.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable, by};
use rapport::ui::{Shell, ThemeChoice, UiState};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;

/// The window sizes checked: the smallest the window allows, a small laptop, the default, a
/// full-HD screen and a 4K one.
pub const SIZES: [[f32; 2]; 5] = [
    [640.0, 420.0],
    [900.0, 600.0],
    [1100.0, 760.0],
    [1920.0, 1080.0],
    [3840.0, 2160.0],
];

/// An unbroken word of 3,000 letters, as someone might paste.
pub fn long_word() -> String {
    "a".repeat(3000)
}

/// A data folder with two years of made-up entries, an entry with a very long answer and an
/// unbroken 3,000-letter word, a deleted entry, and a file that cannot be read (a problem).
pub fn realistic_journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let mut model = Model::open(data.clone()).unwrap();
    model.add_demo_entries(2).unwrap();
    let long = "I kept thinking about what she said at dinner, and about how I could have answered differently, ".repeat(30);
    model
        .save_new(
            "coping-skills",
            Answers::from([
                ("situation".to_owned(), Answer::Text(long)),
                ("intensity_before".to_owned(), Answer::Number(7)),
            ]),
        )
        .unwrap();
    let deleted = model
        .save_new(
            "coping-skills",
            Answers::from([("situation".to_owned(), Answer::Text(long_word()))]),
        )
        .unwrap();
    model.delete(&deleted.entry_id).unwrap();
    model
        .save_new(
            "coping-skills",
            Answers::from([("situation".to_owned(), Answer::Text(long_word()))]),
        )
        .unwrap();
    std::fs::write(
        data.journal().join("20250101T000000Z-coping-skills.ron"),
        "(version: 1, id: \"20250101T000000Z-coping-skills\", answers: {",
    )
    .unwrap();
    dir
}

/// The app on `dir` in `theme`.
pub fn app(dir: &Path, theme: ThemeChoice) -> Harness<'static, Shell> {
    let state = UiState {
        theme,
        ..UiState::default()
    };
    let shell = Shell::new(DataDir::new(dir), state);
    let mut harness = Harness::builder()
        .with_size(SIZES[2])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run_ok();
    harness
}

/// Presses the first widget labelled `label` through AccessKit, wherever it is scrolled to.
pub fn press(harness: &mut Harness<'static, Shell>, label: &str) {
    harness
        .get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no widget labelled {label:?}"))
        .click_accesskit();
    harness.run_ok();
}

/// Each screen and the widgets pressed to reach it from anywhere.
pub const SCREENS: [(&str, &[&str]); 12] = [
    ("Today", &["Today"]),
    ("Progress overview", &["Progress overview"]),
    ("Programmes", &["Programmes"]),
    ("Worksheet", &["Coping skills", "Worksheet"]),
    ("History", &["Coping skills", "History"]),
    ("Progress", &["Coping skills", "Progress"]),
    ("Settings", &["Settings"]),
    ("Get help now", &["Get help now"]),
    ("Trash", &["Trash"]),
    ("Problems", &["1 problem"]),
    ("Share", &["Share with my facilitator"]),
    ("Group", &["Group progress (facilitators)"]),
];

/// What a node says: its label, or a text label's text.
fn name(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    node.label()
        .or_else(|| (node.role() == Role::Label).then(|| node.value()).flatten())
        .filter(|text| !text.trim().is_empty())
}

/// Labelled widgets and text whose bounds run past the window's left or right edge.
pub fn outside(harness: &Harness<'static, Shell>, width: f32) -> Vec<String> {
    harness
        .query_all(by().predicate(|node| name(node).is_some()))
        .filter(|node| node.accesskit_node().role() != Role::Window)
        .filter_map(|node| {
            let rect = node.rect();
            (rect.min.x < -0.5 || rect.max.x > width + 0.5).then(|| {
                let text: String = name(&node.accesskit_node())
                    .unwrap_or_default()
                    .chars()
                    .take(60)
                    .collect();
                format!(
                    "{:?} {text:?} from x {:.0} to {:.0}",
                    node.accesskit_node().role(),
                    rect.min.x,
                    rect.max.x
                )
            })
        })
        .collect()
}

#[test]
fn every_screen_fits_the_window_at_every_size_in_both_themes() {
    let dir = realistic_journal();
    let mut failures = Vec::new();
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        let mut harness = app(dir.path(), theme);
        for size in SIZES {
            harness.set_size(egui::vec2(size[0], size[1]));
            harness.run_ok();
            for (screen, path) in SCREENS {
                for label in path {
                    press(&mut harness, label);
                }
                // A frame more, so panels settle to the new size.
                harness.run_ok();
                for problem in outside(&harness, size[0]) {
                    failures.push(format!(
                        "{screen} at {}×{} ({theme:?}): {problem}",
                        size[0], size[1]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} widgets run off the window:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The unbroken 3,000-letter word, the newest entry, was on show in History and fitted.
    harness_shows_long_word(dir.path());
}

/// History wraps an unbroken 3,000-letter word inside the smallest window.
fn harness_shows_long_word(dir: &Path) {
    let mut harness = app(dir, ThemeChoice::Light);
    harness.set_size(egui::vec2(SIZES[0][0], SIZES[0][1]));
    for label in ["Coping skills", "History"] {
        press(&mut harness, label);
    }
    // So narrow a window shows the list first: open the newest entry, the long word's.
    harness
        .get_all_by_label_contains("Entry from")
        .next()
        .expect("History lists the entries")
        .click();
    harness.run_ok();
    let word = harness.get_by_label(&long_word()).rect();
    assert!(
        word.min.x >= 0.0 && word.max.x <= SIZES[0][0],
        "the long word runs from {} to {}",
        word.min.x,
        word.max.x
    );
}

/// Whether `rect` is on screen in a window of `size`: inside it from left to right, and from
/// top to bottom too unless it is taller than the window (a long answer), when it must at
/// least show.
fn on_screen(rect: egui::Rect, size: [f32; 2]) -> bool {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into()).expand(0.5);
    let across = rect.min.x >= window.min.x && rect.max.x <= window.max.x;
    let down = if rect.height() <= size[1] {
        rect.min.y >= window.min.y && rect.max.y <= window.max.y
    } else {
        rect.intersects(window)
    };
    across && down
}

/// How many times Tab is pressed on each screen: past the sidebar and well into the page.
const TABS: usize = 30;

#[test]
fn wherever_tab_moves_the_focus_on_every_screen_and_size_it_is_on_screen() {
    let dir = realistic_journal();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut harness = app(dir.path(), ThemeChoice::Light);
    for size in SIZES {
        harness.set_size(egui::vec2(size[0], size[1]));
        harness.run_ok();
        for (screen, path) in SCREENS {
            for label in path {
                press(&mut harness, label);
            }
            harness.run_ok();
            for tab in 1..=TABS {
                harness.key_press(egui::Key::Tab);
                harness.run();
                let Some((role, label, rect)) = crate::keyboard::focused(&harness) else {
                    failures.push(format!(
                        "{screen} at {}×{}: Tab {tab} left nothing focused",
                        size[0], size[1]
                    ));
                    break;
                };
                checked += 1;
                if !on_screen(rect, size) {
                    failures.push(format!(
                        "{screen} at {}×{}: Tab {tab} focused {role:?} {label:?} at {rect:?}",
                        size[0], size[1]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} focus moves went off screen:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, SIZES.len() * SCREENS.len() * TABS);
}
