//! Passphrase fields: a "Show what I type" toggle on the lock screen and in Settings, and a
//! match indicator where a new passphrase is typed twice.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use rapport::ui::{Screen, Shell, UiState};
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::protection as vault;

fn app(dir: &std::path::Path, screen: Screen) -> Harness<'static, Shell> {
    let state = UiState {
        screen,
        ..UiState::default()
    };
    let shell = Shell::new(DataDir::new(dir), state);
    let mut harness = Harness::builder()
        .with_size([1100.0, 2400.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

fn type_in(harness: &mut Harness<'static, Shell>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

#[test]
fn settings_say_whether_the_two_passphrases_match_and_can_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Screen::Settings);

    type_in(
        &mut harness,
        Role::PasswordInput,
        "New passphrase",
        "correct horse battery",
    );
    assert!(harness.query_by_label("Passphrases match").is_none());
    assert!(harness.query_by_label("Do not match yet").is_none());
    type_in(
        &mut harness,
        Role::PasswordInput,
        "Type it again",
        "correct horse",
    );
    harness.get_by_label("Do not match yet");
    type_in(
        &mut harness,
        Role::PasswordInput,
        "Type it again",
        " battery",
    );
    harness.get_by_label("Passphrases match");
    assert!(harness.query_by_label("Do not match yet").is_none());

    // Shown, the fields are plain text inputs with what was typed; hidden again, masked.
    harness.get_by_label("Show what I type").click();
    harness.run();
    let shown = harness.get_by_role_and_label(Role::TextInput, "New passphrase");
    assert_eq!(
        shown.accesskit_node().value().as_deref(),
        Some("correct horse battery")
    );
    harness.get_by_label("Show what I type").click();
    harness.run();
    harness.get_by_role_and_label(Role::PasswordInput, "New passphrase");
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "New passphrase")
            .is_none()
    );
}

#[test]
fn the_lock_screen_can_show_the_passphrase_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    vault::turn_on(
        &DataDir::new(dir.path()),
        "correct horse battery",
        &mut |_, _| {},
    )
    .unwrap();
    let mut harness = app(dir.path(), Screen::Today);
    harness.get_by_label("Your journal is locked");
    type_in(
        &mut harness,
        Role::PasswordInput,
        "Passphrase",
        "correct horse",
    );
    harness.get_by_label("Show what I type").click();
    harness.run();
    let shown = harness.get_by_role_and_label(Role::TextInput, "Passphrase");
    assert_eq!(
        shown.accesskit_node().value().as_deref(),
        Some("correct horse")
    );
}
