//! The window opens before the journal is read: its first frames say the journal is opening
//! and keep crisis help one click away; the journal appears as soon as it is read.

use std::path::Path;
use std::sync::mpsc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::{Opened, RapportApp};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;

/// A journal with one entry, and the app opening it on a thread held back until `release`
/// sends (as a slow disk would).
fn opening_app(dir: &Path) -> (Harness<'static, RapportApp>, mpsc::Sender<()>) {
    let data_dir = DataDir::new(dir);
    Model::open(data_dir.clone())
        .unwrap()
        .save_new(
            "coping-skills",
            Answers::from([(
                "situation".to_owned(),
                Answer::Text("a slow morning".into()),
            )]),
        )
        .unwrap();
    let (release, released) = mpsc::channel();
    let reading = {
        let data_dir = data_dir.clone();
        std::thread::spawn(move || {
            let _ = released.recv();
            Opened::open(&data_dir)
        })
    };
    let harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .build_eframe(move |creation| RapportApp::opening(creation, data_dir, reading));
    (harness, release)
}

/// Steps frames until `label` is on screen (the reading thread finishes on its own time).
fn wait_for(harness: &mut Harness<'static, RapportApp>, label: &str) {
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label_contains(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{label:?} never appeared");
}

#[test]
fn the_first_frames_say_the_journal_is_opening_and_then_today_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, release) = opening_app(dir.path());
    harness.step();
    harness.get_by_label("Opening your journal…");
    assert!(
        harness.query_by_label("Start").is_none(),
        "Today is not drawn yet"
    );
    release.send(()).unwrap();
    wait_for(&mut harness, "Coping skills");
    assert!(harness.query_by_label("Opening your journal…").is_none());
}

#[test]
fn get_help_now_works_before_the_journal_is_read_and_opens_on_the_crisis_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, release) = opening_app(dir.path());
    harness.step();
    harness.get_by_label("Get help now").click();
    harness.step();
    harness.get_by_label("Opening the crisis help…");
    release.send(()).unwrap();
    wait_for(&mut harness, "Helplines");
}

/// The shell on a journal of one entry, in a window of the default size.
fn shell_on(dir: &Path) -> Harness<'static, rapport::ui::Shell> {
    let data_dir = DataDir::new(dir);
    Model::open(data_dir.clone())
        .unwrap()
        .save_new(
            "coping-skills",
            Answers::from([("situation".to_owned(), Answer::Text("a long day".into()))]),
        )
        .unwrap();
    let shell = rapport::ui::Shell::new(data_dir, rapport::ui::UiState::default());
    Harness::builder()
        .with_size([1100.0, 760.0])
        .build_ui_state(|ui, shell: &mut rapport::ui::Shell| shell.ui(ui), shell)
}

/// Steps frames until today's backup is no longer being made (it is written on its own thread).
fn until_backed_up(harness: &mut Harness<'static, rapport::ui::Shell>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_backing_up() {
            // The frames that take in its result, and show what it says.
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("today's backup was never finished");
}

#[test]
fn todays_backup_is_made_on_its_own_thread_once_the_journal_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = shell_on(dir.path());
    harness.get_by_label_contains("Coping skills");
    until_backed_up(&mut harness);
    let backups = harness.state().model().unwrap().backups();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let (_, entries) = rapport_core::storage::archive::read_archive(
        &backups[0],
        &rapport_core::storage::seal::Sealing::Plain,
    )
    .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(
        harness
            .query_by_label_contains("backup could not be made")
            .is_none()
    );
}

#[test]
fn a_backup_that_cannot_be_made_is_said_on_screen_and_the_journal_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the backups folder should be, as a sync tool or a hand might leave.
    std::fs::write(dir.path().join("backups"), "not a folder").unwrap();
    let mut harness = shell_on(dir.path());
    until_backed_up(&mut harness);
    harness.get_by_label_contains("Today's backup could not be made");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("backups")).unwrap(),
        "not a folder"
    );
    assert_eq!(crate::common::entries(&harness).len(), 1);
}

#[test]
fn today_shows_from_its_own_files_while_the_rest_is_read_and_nothing_else_opens_early() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(dir.path());
    let mut model = Model::open(data_dir.clone()).unwrap();
    let answers: Answers = (1..=9)
        .map(|i| (format!("q{i}"), Answer::Number(i64::from(i <= 3) * 3)))
        .collect();
    model.save_new("phq9", answers).unwrap();
    model
        .save_new(
            "coping-skills",
            Answers::from([(
                "situation".to_owned(),
                Answer::Text("a slow morning".into()),
            )]),
        )
        .unwrap();
    drop(model);
    let (send_early, early) = mpsc::channel();
    send_early
        .send(Opened::for_today(&data_dir, rapport_core::time::LocalTime::now()).unwrap())
        .unwrap();
    let (release, released) = mpsc::channel::<()>();
    let reading = {
        let data_dir = data_dir.clone();
        std::thread::spawn(move || {
            let _ = released.recv();
            Opened::open(&data_dir)
        })
    };
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .build_eframe(move |creation| {
            RapportApp::opening_after_today(creation, data_dir, reading, early)
        });
    harness.step();

    // The first frame is Today with its data.
    harness.get_by_label_contains("PHQ-9 score: 9 (Mild)");
    assert!(harness.query_by_label("Opening your journal…").is_none());
    // Any other screen waits for the whole journal; nothing is backed up from part of it.
    harness.get_by_label("PHQ-9: mood").click();
    harness.step();
    harness.step();
    harness.get_by_label("Opening your journal…");
    assert!(!dir.path().join("backups").exists(), "no backup yet");
    // Crisis help works at once.
    harness.get_by_label("Get help now").click();
    harness.step();
    harness.step();
    harness.get_by_label_contains("Helplines");

    release.send(()).unwrap();
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label("Opening your journal…").is_none()
            && dir.path().join("backups").exists()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.get_by_label("PHQ-9: mood").click();
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Opening your journal…").is_none());
    harness.get_by_label("About this worksheet");
    assert!(
        dir.path().join("backups").exists(),
        "today's backup, once the whole is read"
    );
}
