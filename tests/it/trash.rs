//! Deleting from the trash for good, in the app and on the command line: each asks first, and
//! afterwards the entry, its earlier versions and its draft are gone from the disk.

use std::fs;
use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::{Shell, UiState};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::model::Model;
use rapport_core::storage::draft::{self, Draft};
use rapport_core::storage::layout::DataDir;
use rapport_core::time::LocalTime;

use crate::common::rapport;

fn answers(text: &str) -> Answers {
    [("situation".to_owned(), Answer::Text(text.into()))].into()
}

/// An entry saved an hour ago, edited once (so it has an earlier version), with a draft of a
/// further edit, then deleted. Returns its id.
fn trashed(data: &DataDir, hours_ago: i64, with_draft: bool) -> String {
    let mut model = Model::open(data.clone()).unwrap();
    let now = LocalTime::now();
    let when = LocalTime::with_offset(
        now.instant()
            .checked_sub(jiff::SignedDuration::from_hours(hours_ago))
            .unwrap(),
        now.offset(),
    );
    let id = model
        .save_new_at("coping-skills", answers("First"), when)
        .unwrap()
        .entry_id;
    model.edit_answers(&id, answers("Second")).unwrap();
    if with_draft {
        draft::save(
            data,
            &Draft {
                version: 1,
                worksheet: "coping-skills".into(),
                editing: Some(id.clone()),
                saved: LocalTime::now(),
                answers: answers("Third, not saved"),
            },
        )
        .unwrap();
    }
    model.delete(&id).unwrap();
    id
}

fn app(dir: &Path) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), UiState::default());
    let mut harness = Harness::builder()
        // Tall enough that the sidebar's Trash is on screen.
        .with_size([1100.0, 2000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

fn click(harness: &mut Harness<'static, Shell>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn files_in(folder: &Path) -> usize {
    fs::read_dir(folder).map_or(0, Iterator::count)
}

#[test]
fn delete_forever_asks_then_removes_the_entry_its_versions_and_draft() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let id = trashed(&data, 1, true);
    assert!(data.versions_of(&id).exists());
    assert!(data.draft("coping-skills").exists());

    let mut harness = app(dir.path());
    click(&mut harness, "Trash");
    let delete = harness.get_by_label_contains("Delete forever Coping skills entry from");
    delete.click();
    harness.run();

    // It asks first, and "Keep it" keeps it.
    harness.get_by_label("Delete this entry forever?");
    harness.get_by_label_contains("Backups made while it was in your journal still hold it.");
    click(&mut harness, "Keep it in the trash");
    assert!(
        harness
            .query_by_label("Delete this entry forever?")
            .is_none()
    );
    assert_eq!(files_in(&data.trash()), 1);

    harness
        .get_by_label_contains("Delete forever Coping skills entry from")
        .click();
    harness.run();
    click(&mut harness, "Yes, delete forever");

    harness.get_by_label("Deleted forever: 1 entry, with 1 earlier version and 1 unsaved draft.");
    harness.get_by_label(
        "The trash is empty. Entries you delete come here, and you can bring them back.",
    );
    assert_eq!(files_in(&data.trash()), 0);
    assert!(!data.versions_of(&id).exists());
    assert!(!data.draft("coping-skills").exists());
}

#[test]
fn empty_trash_asks_then_removes_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let first = trashed(&data, 2, false);
    let second = trashed(&data, 1, false);

    let mut harness = app(dir.path());
    click(&mut harness, "Trash");
    click(&mut harness, "Empty trash: delete all 2 entries forever");
    harness.get_by_label("All 2 entries in the trash will be deleted for good.");
    click(&mut harness, "Yes, empty trash");

    harness.get_by_label("Deleted forever: 2 entries, with 2 earlier versions.");
    assert_eq!(files_in(&data.trash()), 0);
    assert!(!data.versions_of(&first).exists());
    assert!(!data.versions_of(&second).exists());
}

#[test]
fn the_command_line_deletes_for_good_only_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let first = trashed(&data, 2, true);
    let second = trashed(&data, 1, false);

    // Without --yes nothing goes, and it says how to go on.
    rapport(dir.path())
        .args(["trash", "delete-forever", &first])
        .assert()
        .failure()
        .stderr(predicates::str::contains("Nothing was deleted. To delete"))
        .stderr(predicates::str::contains("--yes"));
    assert_eq!(files_in(&data.trash()), 2);

    rapport(dir.path())
        .args(["trash", "delete-forever", &first, "--yes"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Deleted forever: 1 entry, with 1 earlier version and 1 unsaved draft.",
        ));
    assert!(!data.versions_of(&first).exists());
    assert!(!data.draft("coping-skills").exists());
    assert!(data.versions_of(&second).exists());

    rapport(dir.path())
        .args(["trash", "delete-forever", &first, "--yes"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "in the trash, so nothing was deleted",
        ));

    rapport(dir.path())
        .args(["trash", "empty"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("the 1 entry in the trash"));
    rapport(dir.path())
        .args(["trash", "empty", "--yes"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Deleted forever: 1 entry, with 1 earlier version.",
        ));
    assert_eq!(files_in(&data.trash()), 0);
    assert!(!data.versions_of(&second).exists());
    rapport(dir.path())
        .args(["trash"])
        .assert()
        .success()
        .stdout(predicates::str::contains("The trash is empty."));
}
