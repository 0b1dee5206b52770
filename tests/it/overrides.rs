//! A user's worksheet file that overrides a bundled one and drops a step the journal's entries
//! answer: `check` says so, exports keep the answers, and an edit keeps them too.

use std::fs;
use std::path::Path;

use rapport_core::content::entry::Answer;
use rapport_core::storage::journal::Journal;
use rapport_core::storage::layout::DataDir;

use crate::common::rapport;

/// Writes `worksheets/coping-skills.ron`: the bundled worksheet without its `what_helped` step.
fn narrowing_override(dir: &Path) {
    let bundled = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook/coping-skills.ron"),
    )
    .unwrap();
    let start = bundled
        .find("        (\n            id: \"what_helped\"")
        .unwrap();
    let end = start + bundled[start..].find("        ),\n").unwrap() + "        ),\n".len();
    let narrowed = format!("{}{}", &bundled[..start], &bundled[end..]);
    fs::create_dir_all(dir.join("worksheets")).unwrap();
    fs::write(dir.join("worksheets/coping-skills.ron"), narrowed).unwrap();
}

#[test]
fn an_override_that_drops_a_step_is_reported_and_its_answers_are_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let saved = rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=Argument at work",
            "what_helped=A walk round the block",
        ])
        .output()
        .unwrap();
    assert!(saved.status.success());
    let path = String::from_utf8_lossy(&saved.stdout)
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_owned();
    let id = Path::new(&path)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    narrowing_override(dir.path());

    let check = rapport(dir.path()).arg("check").output().unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success(), "{said}");
    assert!(
        said.contains("does not accept the answers of 1 existing entry")
            && said.contains("worksheets/coping-skills.ron"),
        "{said}"
    );

    let csv = dir.path().join("out.csv");
    rapport(dir.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let text = fs::read_to_string(&csv).unwrap();
    assert!(text.contains("coping-skills.what_helped"), "{text}");
    assert!(text.contains("A walk round the block"), "{text}");

    rapport(dir.path())
        .args(["edit", &id, "situation=Argument at work, edited"])
        .assert()
        .success();
    let journal = Journal::open(DataDir::new(dir.path())).unwrap();
    let entry = journal.get(&id).unwrap();
    assert_eq!(
        entry.answers["what_helped"],
        Answer::Text("A walk round the block".into()),
        "kept by the edit"
    );
    // A field the worksheet never had is still refused, in words for a person.
    let typo = rapport(dir.path())
        .args(["edit", &id, "what_heped=x"])
        .output()
        .unwrap();
    assert!(!typo.status.success());
}

/// The same override seen in the app: editing the old entry says which answers are not shown
/// and why, and saving the edit keeps them on disk.
#[test]
fn the_app_says_which_answers_an_override_hides_and_an_edit_keeps_them() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use rapport::ui::{Shell, UiState};

    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=Argument at work",
            "intensity_before=6",
            "what_helped=A walk round the block",
        ])
        .assert()
        .success();
    narrowing_override(dir.path());
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default());
    let mut harness = Harness::builder()
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    crate::common::click_each(&mut harness, &["Coping skills", "History", "Edit"]);
    harness.get_by_label_contains("1 of this entry's answers are not shown here");
    harness.get_by_label("Intensity before: 3").click();
    harness.run();
    harness.get_by_label("Save changes").click();
    harness.run();

    let journal = Journal::open(DataDir::new(dir.path())).unwrap();
    let entry = journal.entries().next().unwrap();
    assert_eq!(entry.answers["intensity_before"], Answer::Number(3));
    assert_eq!(
        entry.answers["what_helped"],
        Answer::Text("A walk round the block".into()),
        "the hidden answer is kept by the edit"
    );
}
