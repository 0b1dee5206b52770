//! The app by keyboard alone, in an ordinary window: after "Start" the focus is in the
//! worksheet's first field, Tab follows reading order down the worksheet to the Save button
//! (after the fields, not before), and every widget Tab reaches is scrolled into view.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable, by};
use rapport::ui::{Shell, UiState};
use rapport_core::storage::layout::DataDir;

/// A small laptop's window: most worksheets run below the fold.
const SIZE: [f32; 2] = [900.0, 600.0];

fn app(dir: &std::path::Path) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), UiState::default());
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

/// The focused widget's role, label and rectangle, if any widget has the focus.
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method is not general enough over the node's lifetime"
)]
fn focused(harness: &Harness<'static, Shell>) -> Option<(Role, String, egui::Rect)> {
    harness
        .query_all(by().predicate(|node| node.is_focused()))
        .next()
        .map(|node| {
            let access = node.accesskit_node();
            (
                access.role(),
                access.label().unwrap_or_default(),
                node.rect(),
            )
        })
}

fn tab(harness: &mut Harness<'static, Shell>) -> (Role, String, egui::Rect) {
    harness.key_press(egui::Key::Tab);
    harness.run();
    focused(harness).expect("Tab leaves the focus on a widget")
}

/// Tabs from the top of Today to the first "Start" button and presses Enter on it.
fn start_by_keyboard(harness: &mut Harness<'static, Shell>) -> String {
    for _ in 0..200 {
        let (_, label, _) = tab(harness);
        if let Some(title) = label.strip_prefix("Start ") {
            let title = title.to_owned();
            harness.key_press(egui::Key::Enter);
            harness.run();
            return title;
        }
    }
    panic!("Tab never reached a Start button on Today");
}

#[test]
fn after_start_by_keyboard_the_focus_is_in_the_worksheets_first_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    let title = start_by_keyboard(&mut harness);
    let (role, label, rect) = focused(&harness).expect("a widget has the focus");
    assert!(
        matches!(role, Role::TextInput | Role::MultilineTextInput),
        "after Start {title:?}, the focus is on {role:?} {label:?}, not the first field"
    );
    let sidebar = harness.get_by_label("Trash").rect().max.x;
    let help = harness.get_by_label("Get help now").rect().max.y;
    assert!(
        rect.min.x > sidebar && rect.min.y > help,
        "the field is in the content: {rect:?}"
    );
}

#[test]
fn tab_down_a_worksheet_keeps_the_focus_in_view_and_reaches_save_after_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    start_by_keyboard(&mut harness);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE.into());
    let mut fields = 0;
    for step in 0..120 {
        let (role, label, rect) = tab(&mut harness);
        if label == "Save" {
            assert!(fields >= 2, "Save came after only {fields} fields");
            assert!(window.contains_rect(rect), "Save is on screen: {rect:?}");
            return;
        }
        assert!(
            window.contains_rect(rect),
            "Tab {step} moved the focus to {role:?} {label:?} at {rect:?}, outside the {SIZE:?} window"
        );
        let sidebar = harness.get_by_label("Trash").rect().max.x;
        assert!(
            rect.min.x > sidebar,
            "Tab {step} left the worksheet for {label:?} before reaching Save"
        );
        if matches!(role, Role::TextInput | Role::MultilineTextInput) {
            fields += 1;
        }
    }
    panic!("Tab never reached Save");
}
