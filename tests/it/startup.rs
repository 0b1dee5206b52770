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
