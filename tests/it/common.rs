//! Helpers shared by the test files.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::Shell;

/// A clock the test moves by hand.
pub struct TestClock(pub std::cell::Cell<f64>);

impl rapport::ui::Clock for TestClock {
    fn now(&self) -> f64 {
        self.0.get()
    }
}

/// Clicks the field with this role and label, then types `text` into it.
pub fn type_into(harness: &mut Harness<'static, Shell>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// The accessible name of the "Go to…" box's field (Ctrl+K).
pub const GO_TO: &str =
    "Go to a screen, a worksheet or an entry: type part of its name, or something you wrote";

/// Every entry of the journal the shell has open, in id order.
pub fn entries(harness: &Harness<'static, Shell>) -> Vec<rapport_core::content::entry::Entry> {
    harness
        .state()
        .model()
        .expect("the journal opened")
        .journal()
        .entries()
        .cloned()
        .collect()
}

/// The `rapport` binary on the data folder `dir`, ignoring any `RAPPORT_DATA_DIR` set around
/// the tests.
pub fn rapport(dir: &std::path::Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("rapport").unwrap();
    command
        .arg("--data-dir")
        .arg(dir)
        .env_remove("RAPPORT_DATA_DIR");
    command
}

/// Clicks the first widget with each label in turn, as a person finding their way, running a
/// frame after each click.
pub fn click_each(harness: &mut Harness<'static, Shell>, labels: &[&str]) {
    for label in labels {
        harness
            .get_all_by_label(label)
            .next()
            .unwrap_or_else(|| panic!("{label} is on screen"))
            .click();
        harness.run();
    }
}
