//! The unsaved-answers dialog: "Save and leave" saves the answers, then goes where the person
//! was going.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::{Screen, Shell, UiState};
use rapport_core::content::entry::Answer;
use rapport_core::content::workbook::Workbook;
use rapport_core::storage::layout::DataDir;

use crate::common::type_into;

fn open(harness: &mut Harness<'static, Shell>, title: &str) {
    harness
        .get_all_by_label(title)
        .next()
        .expect("the worksheet is in the sidebar")
        .click();
    harness.run();
}

#[test]
fn save_and_leave_saves_the_answers_then_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default());
    let mut harness = Harness::builder()
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    open(&mut harness, "Coping skills");
    let situation = Workbook::bundled()
        .get("coping-skills")
        .and_then(|w| w.step("situation"))
        .map(|s| s.prompt.clone())
        .unwrap();
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "Worth keeping after all",
    );

    open(&mut harness, "Forgiveness");
    harness.get_by_label("Unsaved answers");
    harness.get_by_label("Save and leave").click();
    harness.run();

    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("forgiveness".into())
    );
    assert!(harness.query_by_label("Unsaved answers").is_none());
    harness.get_by_label_contains("Saved. Your Coping skills entry is at the top of its History.");
    let entries: Vec<_> = harness
        .state()
        .model()
        .unwrap()
        .journal()
        .entries()
        .cloned()
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].answers["situation"],
        Answer::Text("Worth keeping after all".into())
    );
    let data = DataDir::new(dir.path());
    assert!(data.entry(&entries[0].id).exists());
    assert!(!data.draft("coping-skills").exists());

    // Back on Coping skills, the form is empty: nothing is left unsaved.
    open(&mut harness, "Coping skills");
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &situation);
    assert_eq!(field.value().as_deref(), Some(""));
}

#[test]
fn save_and_leave_with_answers_that_call_for_help_opens_the_crisis_screen() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default());
    let mut harness = Harness::builder()
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    open(&mut harness, "PHQ-9: mood");
    for number in 1..=9 {
        harness
            .get_by_label(&format!("Question {number}: Several days"))
            .click();
        harness.run();
    }

    open(&mut harness, "Forgiveness");
    harness.get_by_label("Save and leave").click();
    harness.run();

    // Saved, and the crisis screen comes first, not the worksheet they were going to.
    assert_eq!(harness.state().ui_state().screen, Screen::Help);
    harness.get_by_label_contains("You do not have to carry these thoughts alone");
    assert_eq!(
        harness.state().model().unwrap().journal().entries().count(),
        1
    );
}
