//! Two writers at once: command lines editing and adding side by side, and the app open while
//! a command line writes. Every save or edit that was reported must be on disk, none written
//! over another's, and the app must notice the journal changed behind its back.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use egui_kittest::Harness;
use rapport::ui::{Shell, UiState};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::model::Model;
use rapport_core::storage::journal::{Journal, JournalError};
use rapport_core::storage::layout::DataDir;

use crate::common::{TestClock, rapport};

fn first_entry(dir: &Path) -> String {
    let mut model = Model::open(DataDir::new(dir)).unwrap();
    model
        .save_new(
            "coping-skills",
            Answers::from([("situation".to_owned(), Answer::Text("start".into()))]),
        )
        .unwrap()
        .entry_id
}

/// Editors each own one answer of one entry and change it round after round, all at once,
/// while adders save new entries beside them. Nothing reported saved is lost.
#[test]
fn concurrent_editors_and_adders_lose_no_reported_change() {
    const ROUNDS: usize = 6;
    let editors: [&str; 4] = ["situation", "what_helped", "next_time", "intensity_after"];
    let dir = tempfile::tempdir().unwrap();
    let id = first_entry(dir.path());
    let root = dir.path().to_path_buf();
    let results = std::thread::scope(|scope| {
        let edits: Vec<_> = editors
            .iter()
            .map(|field| {
                let (root, id) = (root.clone(), id.clone());
                scope.spawn(move || {
                    let mut last_reported = None;
                    let mut reported = 0;
                    for round in 0..ROUNDS {
                        let value = if *field == "intensity_after" {
                            round.to_string()
                        } else {
                            format!("{field} round {round}")
                        };
                        let output = rapport(&root)
                            .args(["edit", &id, &format!("{field}={value}")])
                            .output()
                            .unwrap();
                        if output.status.success() {
                            last_reported = Some(value);
                            reported += 1;
                        } else {
                            let message = String::from_utf8_lossy(&output.stderr).into_owned();
                            assert!(
                                message.contains("already changing this journal"),
                                "{field} round {round}: {message}"
                            );
                        }
                    }
                    (*field, last_reported, reported)
                })
            })
            .collect();
        let adds: Vec<_> = (0..2)
            .map(|adder| {
                let root = root.clone();
                scope.spawn(move || {
                    (0..ROUNDS)
                        .filter_map(|round| {
                            let output = rapport(&root)
                                .args([
                                    "add",
                                    "coping-skills",
                                    &format!("situation=adder {adder} round {round}"),
                                ])
                                .output()
                                .unwrap();
                            output.status.success().then(|| {
                                let path = String::from_utf8_lossy(&output.stdout)
                                    .lines()
                                    .next()
                                    .unwrap()
                                    .trim()
                                    .to_owned();
                                Path::new(&path)
                                    .file_stem()
                                    .unwrap()
                                    .to_string_lossy()
                                    .into_owned()
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let edits: Vec<_> = edits.into_iter().map(|t| t.join().unwrap()).collect();
        let adds: Vec<String> = adds.into_iter().flat_map(|t| t.join().unwrap()).collect();
        (edits, adds)
    });
    let (edits, adds) = results;
    let journal = Journal::open(DataDir::new(dir.path())).unwrap();
    assert!(journal.problems().is_empty(), "{:?}", journal.problems());
    let entry = journal.get(&id).unwrap();
    let mut reported_edits = 0;
    for (field, last, reported) in &edits {
        reported_edits += reported;
        let Some(last) = last else { continue };
        let found = match &entry.answers[*field] {
            Answer::Text(text) => text.clone(),
            Answer::Number(number) => number.to_string(),
            other => panic!("{field}: {other:?}"),
        };
        assert_eq!(&found, last, "{field}: the last reported edit is on disk");
    }
    // Every reported edit kept the version before it: one earlier version per edit.
    assert_eq!(journal.versions(&id).len(), reported_edits);
    for added in &adds {
        assert!(journal.get(added).is_some(), "{added} was reported saved");
    }
    assert_eq!(journal.len(), 1 + adds.len());
    eprintln!(
        "{} editors and 2 adders × {ROUNDS} rounds at once: {reported_edits} edits and {} saves reported, every one on disk",
        editors.len(),
        adds.len()
    );
    assert!(
        reported_edits >= editors.len() * ROUNDS / 2,
        "most edits got through"
    );
}

/// A window that read an entry before another writer changed it does not write over the
/// change, even after reading the journal again while a form was open.
#[test]
fn an_edit_typed_over_an_older_version_is_refused_not_written_over_the_newer() {
    let dir = tempfile::tempdir().unwrap();
    let id = first_entry(dir.path());
    let mut window = Model::open(DataDir::new(dir.path())).unwrap();
    let base = rapport_core::storage::journal::fingerprint(window.journal().get(&id).unwrap());
    rapport(dir.path())
        .args(["edit", &id, "what_helped=a walk"])
        .assert()
        .success();
    let mine = Answers::from([("situation".to_owned(), Answer::Text("mine".into()))]);
    // Not read again: the file on disk is not the one read.
    let error = window.save_edit(&id, mine.clone()).unwrap_err();
    assert!(
        matches!(error, JournalError::ChangedElsewhere { .. }),
        "{error}"
    );
    // Read again while the form was open: the form's base is older than the entry now.
    assert!(window.reload_if_changed().unwrap());
    let error = window
        .save_edit_since(&id, mine.clone(), Some(base))
        .unwrap_err();
    assert!(
        error.to_string().contains("changed in another window"),
        "{error}"
    );
    let journal = Journal::open(DataDir::new(dir.path())).unwrap();
    assert_eq!(
        journal.get(&id).unwrap().answers["what_helped"],
        Answer::Text("a walk".into())
    );
    // With the entry as it is now, the edit goes through and keeps the other version.
    let now = rapport_core::storage::journal::fingerprint(window.journal().get(&id).unwrap());
    window.save_edit_since(&id, mine, Some(now)).unwrap();
    assert_eq!(window.journal().versions(&id).len(), 2);
}

/// The app open while a command line writes: it reads the journal again within a few seconds
/// of use, without being told.
#[test]
fn the_app_notices_entries_written_by_a_command_line_while_it_is_open() {
    let dir = tempfile::tempdir().unwrap();
    first_entry(dir.path());
    let clock = Rc::new(TestClock(Cell::new(100.0)));
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default()).with_clock(clock.clone());
    let mut harness = Harness::builder()
        .with_size([1280.0, 2000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    assert_eq!(harness.state().model().unwrap().journal().len(), 1);
    rapport(dir.path())
        .args(["add", "coping-skills", "situation=from the terminal"])
        .assert()
        .success();
    clock.0.set(clock.0.get() + 3.0);
    harness.run();
    let journal = harness.state().model().unwrap().journal();
    assert_eq!(journal.len(), 2, "the app read the journal again");
    assert!(
        journal
            .entries()
            .any(|e| e.answers.get("situation") == Some(&Answer::Text("from the terminal".into())))
    );
}

/// The writer lock held by another process: a save waits, then says why, and writes nothing.
#[test]
fn a_save_while_another_process_holds_the_writer_lock_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    first_entry(dir.path());
    let data = DataDir::new(dir.path());
    // Held through another open file: to flock, that is another writer.
    let held = std::fs::File::open(data.writer_lock()).unwrap();
    // A child another test is starting can hold a copy of the last writer's descriptor for the
    // instant between fork and exec: try for a moment.
    let taken = std::time::Instant::now();
    while held.try_lock().is_err() {
        assert!(taken.elapsed() < std::time::Duration::from_secs(5));
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let started = std::time::Instant::now();
    let mut model = Model::for_saving(data.clone());
    let error = model
        .save_new(
            "coping-skills",
            Answers::from([("situation".to_owned(), Answer::Text("waiting".into()))]),
        )
        .unwrap_err()
        .to_string();
    assert!(
        started.elapsed() >= rapport_core::storage::writer_lock::WAIT,
        "it waited"
    );
    assert!(
        error.starts_with("Rapport is already changing this journal in another window")
            && error.ends_with("rapport.lock"),
        "{error}"
    );
    drop(held);
    assert_eq!(Journal::open(data).unwrap().len(), 1, "nothing written");
}

/// An entry open for editing in the app, changed meanwhile by the command line: the app says so
/// when it notices, the user's unsaved answers stay on screen, and saving them is refused so the
/// other version is not written over.
#[test]
fn an_entry_changed_by_a_command_while_the_app_edits_it_is_named_and_not_written_over() {
    use egui_kittest::kittest::{NodeT as _, Queryable};

    let dir = tempfile::tempdir().unwrap();
    let id = first_entry(dir.path());
    let clock = Rc::new(TestClock(Cell::new(100.0)));
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default()).with_clock(clock.clone());
    // Today's backup, on its own thread, asks for a frame when done: on a busy machine that can
    // come in the middle of a click's frames.
    let mut harness = Harness::builder()
        .with_size([1280.0, 4000.0])
        .with_max_steps(8)
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    crate::common::click_each(
        &mut harness,
        &["Coping skills", "History", "Edit", "Intensity before: 4"],
    );

    rapport(dir.path())
        .args(["edit", &id, "situation=changed in the terminal"])
        .assert()
        .success();
    clock.0.set(clock.0.get() + 3.0);
    harness.run();
    harness.get_by_label_contains("The entry you are editing was changed in another window");
    // The unsaved answer is still chosen on screen.
    let chosen: Vec<Option<bool>> = harness
        .get_all_by_label("Intensity before: 4")
        .map(|node| {
            node.accesskit_node()
                .toggled()
                .map(|t| t == egui::accesskit::Toggled::True)
        })
        .collect();
    assert!(
        chosen.contains(&Some(true)),
        "the user's answer is kept on screen: {chosen:?}"
    );

    harness.get_by_label("Save changes").click();
    harness.run();
    harness.get_by_label_contains(
        "was changed in another window or by another program after it was opened here",
    );
    let journal = Journal::open(DataDir::new(dir.path())).unwrap();
    let entry = journal.get(&id).unwrap();
    assert_eq!(
        entry.answers["situation"],
        Answer::Text("changed in the terminal".into()),
        "the other version is not written over"
    );
    assert!(!entry.answers.contains_key("intensity_before"));
}
