//! The editors of a worksheet's fields, driven as a user would: dates picked from a calendar,
//! list rows added by keyboard.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rapport::ui::{Shell, UiState};
use rapport_core::content::entry::{Answer, Entry};
use rapport_core::storage::layout::DataDir;

use crate::common::{click_each, type_into};

fn app(dir: &Path) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), UiState::default());
    let mut harness = Harness::builder()
        // Tall enough that a whole worksheet is on screen and every widget can be clicked.
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

fn entries(harness: &Harness<'static, Shell>) -> Vec<Entry> {
    harness
        .state()
        .model()
        .expect("the journal opened")
        .journal()
        .entries()
        .cloned()
        .collect()
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
    let mut harness = app(dir.path());
    click_each(&mut harness, &["Life events and mood"]);
    // Typing still works; the calendar then opens on the date typed.
    type_into(
        &mut harness,
        Role::TextInput,
        "When did it happen?",
        "2026-11-25",
    );
    let form_save = harness.get_by_label("Save").accesskit_node().id();
    click_each(&mut harness, &["When: pick a date", "20"]);
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
