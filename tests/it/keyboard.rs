//! The app by keyboard alone, in an ordinary window: after "Start" the focus is in the
//! worksheet's first field, Tab follows reading order down the worksheet to the Save button
//! (after the fields, not before), every widget Tab reaches is scrolled into view, and a whole
//! journey (Go to, write, save, read, the sidebar, crisis help) needs no mouse.

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
pub fn focused(harness: &Harness<'static, Shell>) -> Option<(Role, String, egui::Rect)> {
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

/// Sends `text` to whichever widget has the keyboard focus, as typing does.
fn type_keys(harness: &mut Harness<'static, Shell>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

fn press(harness: &mut Harness<'static, Shell>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// One journey by keyboard alone, as someone who uses no mouse makes it: Ctrl+K to a
/// worksheet, write in its first field, Ctrl+S to save it, read it in History, F6 to the
/// sidebar and on to Progress overview, then F6 to the top bar and Enter on "Get help now".
#[test]
fn a_whole_journey_by_keyboard_alone_saves_an_entry_reads_it_and_reaches_help() {
    use rapport::ui::{Screen, Tab};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    type_keys(&mut harness, "coping");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("coping-skills".into())
    );
    let (role, label, _) = focused(&harness).expect("a widget has the focus");
    assert!(
        matches!(role, Role::TextInput | Role::MultilineTextInput),
        "Go to leaves the focus in the first field, not on {role:?} {label:?}"
    );

    let words = "Took a walk when the call with Dad got hard";
    type_keys(&mut harness, words);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let on_disk: Vec<_> = rapport_core::storage::journal::Journal::open(DataDir::new(dir.path()))
        .unwrap()
        .entries()
        .cloned()
        .collect();
    assert_eq!(on_disk.len(), 1, "Ctrl+S saved one entry");
    assert_eq!(
        on_disk[0].answers.get("situation"),
        Some(&rapport_core::content::entry::Answer::Text(
            words.to_owned()
        )),
        "what was typed is what landed on disk"
    );
    assert_eq!(harness.state().ui_state().tab, Tab::History);
    assert!(
        harness
            .query_all_by(|node| node.label().is_some_and(|label| label.contains(words)))
            .next()
            .is_some(),
        "the saved entry is there to read"
    );

    press(&mut harness, egui::Key::F6);
    let (_, label, _) = focused(&harness).expect("F6 focuses the sidebar");
    assert_eq!(label, "Today");
    press(&mut harness, egui::Key::Tab);
    let (_, label, _) = focused(&harness).expect("Tab moves down the sidebar");
    assert_eq!(label, "Progress overview");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().ui_state().screen, Screen::Overview);

    // From wherever the focus is, F6 reaches the top bar within the three regions.
    for _ in 0..3 {
        press(&mut harness, egui::Key::F6);
        if focused(&harness).is_some_and(|(_, label, _)| label == "Get help now") {
            break;
        }
    }
    let (_, label, _) = focused(&harness).expect("F6 reaches the top bar");
    assert_eq!(label, "Get help now");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().ui_state().screen, Screen::Help);
}
