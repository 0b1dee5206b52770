//! The editors of a worksheet's fields, driven as a user would: dates picked from a calendar,
//! list rows added by keyboard.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rapport::ui::{Shell, UiState};
use rapport_core::content::entry::Answer;
use rapport_core::storage::layout::DataDir;

use crate::common::{click_each, entries, type_into};

fn app(dir: &Path) -> Harness<'static, Shell> {
    app_checked(dir, true)
}

/// The app, with kittest's check that every input has a name on or off.
fn app_checked(dir: &Path, accessibility_check: bool) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), UiState::default());
    let mut harness = Harness::builder()
        // Tall enough that a whole worksheet is on screen and every widget can be clicked.
        .with_size([1280.0, 4000.0])
        .with_accessibility_check(accessibility_check)
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

/// The text in the text field labelled `label`.
fn field_text(harness: &Harness<'static, Shell>, label: &str) -> String {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

#[test]
fn a_date_is_picked_from_a_calendar_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    // The calendar's year, month and day lists (egui_extras') have no accessible names: the
    // check is made by hand below, allowing those three and nothing else.
    let mut harness = app_checked(dir.path(), false);
    click_each(&mut harness, &["Life events and mood"]);
    // Typing still works; the calendar then opens on the date typed.
    type_into(
        &mut harness,
        Role::TextInput,
        "When did it happen?",
        "2026-11-25",
    );
    let form_save = harness.get_by_label("Save").accesskit_node().id();
    click_each(&mut harness, &["When: pick a date"]);
    let unnamed = harness.unnamed_widgets();
    assert!(
        unnamed.len() == 3 && unnamed.iter().all(|w| w.starts_with("ComboBox")),
        "{unnamed:?}"
    );
    click_each(&mut harness, &["20"]);
    // The calendar's own Save, not the worksheet's.
    harness
        .get_all_by_label("Save")
        .find(|node| node.accesskit_node().id() != form_save)
        .expect("the calendar has a Save button")
        .click();
    harness.run();
    assert_eq!(field_text(&harness, "When did it happen?"), "2026-11-20");
    assert!(
        harness.query_by_label("20").is_none(),
        "the calendar closes once a date is saved"
    );
    harness.check_accessibility();

    click_each(&mut harness, &["Save"]);
    assert_eq!(
        entries(&harness)[0].answers["when"],
        Answer::Date(jiff::civil::date(2026, 11, 20))
    );
}

/// The label of the text field with the keyboard focus, if one has it.
fn focused_label(harness: &Harness<'static, Shell>) -> Option<String> {
    harness
        .query_all(
            egui_kittest::kittest::by()
                .predicate(|node| node.role() == Role::TextInput && node.is_focused()),
        )
        .next()
        .and_then(|node| node.accesskit_node().label())
}

#[test]
fn a_list_is_typed_row_by_row_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click_each(
        &mut harness,
        &["Decision analysis", "Add option to Options"],
    );
    assert_eq!(focused_label(&harness).as_deref(), Some("Option 1"));

    harness
        .get_by_role_and_label(Role::TextInput, "Option 1")
        .type_text("Tell her directly");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(focused_label(&harness).as_deref(), Some("Option 2"));
    harness
        .get_by_role_and_label(Role::TextInput, "Option 2")
        .type_text("Carry on as now");
    harness.run();

    // Enter in the first row puts a new row between the two.
    harness
        .get_by_role_and_label(Role::TextInput, "Option 1")
        .click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(focused_label(&harness).as_deref(), Some("Option 2"));
    harness
        .get_by_role_and_label(Role::TextInput, "Option 2")
        .type_text("Ask for every other weekend");
    harness.run();
    assert_eq!(
        field_text(&harness, "Option 3"),
        "Carry on as now",
        "the row below moved down"
    );

    // "Add" focuses its new row too.
    click_each(&mut harness, &["Add option to Options"]);
    assert_eq!(focused_label(&harness).as_deref(), Some("Option 4"));

    click_each(&mut harness, &["Save"]);
    assert_eq!(
        entries(&harness)[0].answers["options"],
        Answer::List(vec![
            "Tell her directly".into(),
            "Ask for every other weekend".into(),
            "Carry on as now".into(),
        ])
    );
}

#[test]
fn a_rating_scale_has_its_end_words_under_its_first_and_last_buttons() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click_each(&mut harness, &["Life events and mood"]);
    let first = harness.get_by_label("Mood at the time: 0").rect();
    let last = harness.get_by_label("Mood at the time: 10").rect();
    let low = harness.get_by_label("Very low").rect();
    let high = harness.get_by_label("Very good").rect();
    assert!(
        (first.top() - last.top()).abs() < 0.5,
        "the buttons are one row"
    );
    for (words, rect) in [("Very low", low), ("Very good", high)] {
        assert!(
            rect.top() >= first.bottom(),
            "{words} is under the buttons: {rect:?}, buttons end at {}",
            first.bottom()
        );
    }
    assert!((low.left() - first.left()).abs() < 1.0, "{low:?} {first:?}");
    assert!(
        (high.right() - last.right()).abs() < 1.0,
        "{high:?} {last:?}"
    );
}

#[test]
fn the_closeness_circle_stays_where_it_is_when_the_first_person_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click_each(&mut harness, &["Closeness circle"]);
    let before = harness.get_by_label("Closeness circle: ").rect();
    click_each(&mut harness, &["Add person to My circle"]);
    harness.get_by_label("Person 1");
    let after = harness.get_by_label("Closeness circle: ").rect();
    assert!(
        (after.left() - before.left()).abs() < 0.5 && (after.top() - before.top()).abs() < 0.5,
        "the circle moved from {before:?} to {after:?}"
    );
}
