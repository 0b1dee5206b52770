//! Passphrase protection as a user meets it: the lock screen, a wrong passphrase, the crisis
//! screen while locked, turning protection on in Settings, locking, and locking after idle time.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::{Screen, Shell, UiState};
use rapport_core::content::entry::Answer;
use rapport_core::content::workbook::Workbook;
use rapport_core::storage::journal::Journal;
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::protection as vault;

use crate::common::{TestClock, type_into};

const PASSPHRASE: &str = "correct horse battery";

fn app(dir: &Path, clock: Rc<TestClock>) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), UiState::default()).with_clock(clock);
    // Unlocking starts today's backup on its own thread, which asks for a frame when done: on
    // a busy machine that can come in the middle of a click's frames.
    let mut harness = Harness::builder()
        .with_size([1280.0, 3000.0])
        .with_max_steps(8)
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

/// A journal with one entry, protected by [`PASSPHRASE`].
fn protected_journal(dir: &Path) -> PathBuf {
    let workbook = Workbook::bundled();
    let mut journal = Journal::open(DataDir::new(dir)).unwrap();
    let entry = journal
        .add(
            workbook.get("coping-skills").unwrap(),
            [
                (
                    "situation".to_owned(),
                    Answer::Text("Row with my sister".into()),
                ),
                ("intensity_before".to_owned(), Answer::Number(7)),
            ]
            .into(),
        )
        .unwrap()
        .clone();
    vault::turn_on(&DataDir::new(dir), PASSPHRASE, &mut |_, _| {}).unwrap();
    journal.path_of(&entry.id)
}

/// Steps the app until `done` holds, as the background task finishes.
fn wait_until(
    harness: &mut Harness<'static, Shell>,
    done: impl Fn(&Harness<'static, Shell>) -> bool,
) {
    let started = Instant::now();
    while !done(harness) {
        assert!(
            started.elapsed() < Duration::from_mins(1),
            "the app did not get there in time"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

fn type_passphrase(harness: &mut Harness<'static, Shell>, label: &str, text: &str) {
    type_into(harness, Role::PasswordInput, label, text);
}

fn unlock(harness: &mut Harness<'static, Shell>, passphrase: &str) {
    type_passphrase(harness, "Passphrase", passphrase);
    harness.get_by_label("Unlock").click();
    harness.step();
    assert!(harness.state().is_busy(), "unlocking started");
    wait_until(harness, |h| !h.state().is_busy());
}

#[test]
fn a_protected_journal_opens_locked_and_only_the_right_passphrase_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let entry_file = protected_journal(dir.path());
    let sealed = fs::read(&entry_file).unwrap();
    let clock = Rc::new(TestClock(Cell::new(0.0)));
    let mut harness = app(dir.path(), clock);

    harness.get_by_label("Your journal is locked");
    assert!(
        harness.query_by_label("Coping skills").is_none(),
        "nothing of the journal shows"
    );
    assert!(harness.query_by_label("Settings").is_none());

    unlock(&mut harness, "correct horse batterie");
    harness.get_by_label_contains("That passphrase does not open this journal");
    assert!(harness.state().is_locked());
    assert_eq!(
        fs::read(&entry_file).unwrap(),
        sealed,
        "a wrong passphrase changes nothing"
    );

    unlock(&mut harness, PASSPHRASE);
    assert!(!harness.state().is_locked());
    let model = harness.state().model().unwrap();
    assert_eq!(model.journal().len(), 1);
    assert!(model.problems().is_empty(), "{:?}", model.problems());
    harness.get_by_label("Coping skills");
}

#[test]
fn crisis_help_is_reachable_while_locked_without_unlocking() {
    let dir = tempfile::tempdir().unwrap();
    protected_journal(dir.path());
    let mut harness = app(dir.path(), Rc::new(TestClock(Cell::new(0.0))));
    harness.get_by_label("Get help now").click();
    harness.run();
    harness.get_by_label("Your people and numbers");
    harness.get_by_label_contains("Your safety plan is in your protected journal");
    assert!(harness.state().is_locked());
    harness.get_by_label("Back to unlock").click();
    harness.run();
    harness.get_by_label("Your journal is locked");
}

#[test]
fn protection_turned_on_in_settings_seals_every_file_and_lock_forgets_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let state = UiState {
        screen: Screen::Settings,
        ..UiState::default()
    };
    let data = DataDir::new(dir.path());
    let mut journal = Journal::open(data.clone()).unwrap();
    let id = journal
        .add(
            Workbook::bundled().get("coping-skills").unwrap(),
            [(
                "situation".to_owned(),
                Answer::Text("Row with my sister".into()),
            )]
            .into(),
        )
        .unwrap()
        .id
        .clone();
    let shell = Shell::new(data, state).with_clock(Rc::new(TestClock(Cell::new(0.0))));
    let mut harness = Harness::builder()
        .with_size([1280.0, 3000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();

    harness.get_by_label_contains("A forgotten passphrase cannot be recovered");
    type_passphrase(&mut harness, "New passphrase", PASSPHRASE);
    type_passphrase(&mut harness, "Type it again", "correct horse");
    harness.get_by_label("Do not match yet");
    type_passphrase(&mut harness, "Type it again", " battery");
    harness
        .get_by_label("I understand that a forgotten passphrase cannot be recovered")
        .click();
    harness.run();
    harness.get_by_label("Turn on protection").click();
    harness.step();
    wait_until(&mut harness, |h| !h.state().is_busy());
    harness.get_by_label_contains("Your journal is protected: ");

    let on_disk = fs::read(journal.path_of(&id)).unwrap();
    assert!(rapport_core::storage::seal::is_sealed(&on_disk));
    assert!(!String::from_utf8_lossy(&on_disk).contains("sister"));
    assert_eq!(harness.state().model().unwrap().journal().len(), 1);

    harness.get_by_label("Lock").click();
    harness.run();
    assert!(harness.state().is_locked());
    assert_eq!(harness.state().model().unwrap().journal().len(), 0);
    unlock(&mut harness, PASSPHRASE);
    assert_eq!(harness.state().model().unwrap().journal().len(), 1);
}

#[test]
fn an_idle_journal_locks_itself_and_keeps_unsaved_answers_as_a_sealed_draft() {
    let dir = tempfile::tempdir().unwrap();
    protected_journal(dir.path());
    let clock = Rc::new(TestClock(Cell::new(0.0)));
    let mut harness = app(dir.path(), clock.clone());
    unlock(&mut harness, PASSPHRASE);

    harness.get_by_label("Coping skills").click();
    harness.run();
    let prompt = Workbook::bundled()
        .get("coping-skills")
        .and_then(|w| w.step("situation"))
        .map(|s| s.prompt.clone())
        .unwrap();
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &prompt,
        "Half a thought about Sam",
    );

    // Fourteen minutes without use: still open. Fifteen: locked.
    clock.0.set(clock.0.get() + 14.0 * 60.0);
    harness.run();
    assert!(!harness.state().is_locked());
    clock.0.set(clock.0.get() + 61.0);
    harness.run();
    assert!(harness.state().is_locked());
    harness.get_by_label("Your journal is locked");

    let draft = dir.path().join("drafts").join("coping-skills.ron");
    let bytes = fs::read(&draft).unwrap();
    assert!(
        rapport_core::storage::seal::is_sealed(&bytes),
        "the draft is sealed on disk"
    );
    assert!(!String::from_utf8_lossy(&bytes).contains("Sam"));

    unlock(&mut harness, PASSPHRASE);
    harness
        .get_all_by_label("Coping skills")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label_contains("Your unsaved answers from");
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &prompt);
    assert_eq!(field.value().as_deref(), Some("Half a thought about Sam"));
}

#[test]
fn changing_the_passphrase_and_turning_protection_off_need_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let entry_file = protected_journal(dir.path());
    let mut harness = app(dir.path(), Rc::new(TestClock(Cell::new(0.0))));
    unlock(&mut harness, PASSPHRASE);
    harness.get_by_label("Settings").click();
    harness.run();

    // A wrong current passphrase: refused, nothing changed.
    let protection = fs::read(dir.path().join("protection.ron")).unwrap();
    type_passphrase(&mut harness, "Current passphrase", "not my passphrase");
    type_passphrase(&mut harness, "New passphrase", "a new good phrase");
    type_passphrase(&mut harness, "Type it again", "a new good phrase");
    harness.get_by_label("Change passphrase").click();
    harness.step();
    wait_until(&mut harness, |h| !h.state().is_busy());
    harness.get_by_label_contains("That passphrase does not open this journal");
    assert_eq!(
        fs::read(dir.path().join("protection.ron")).unwrap(),
        protection
    );

    // The right one: changed, and only the new one opens the journal.
    type_passphrase(&mut harness, "Current passphrase", PASSPHRASE);
    type_passphrase(&mut harness, "New passphrase", "a new good phrase");
    type_passphrase(&mut harness, "Type it again", "a new good phrase");
    harness.get_by_label("Change passphrase").click();
    harness.step();
    wait_until(&mut harness, |h| !h.state().is_busy());
    harness.get_by_label_contains("Your passphrase is changed");
    let changed = vault::Protection::read(&DataDir::new(dir.path()))
        .unwrap()
        .unwrap();
    assert!(changed.unlock(PASSPHRASE).is_err());
    assert!(changed.unlock("a new good phrase").is_ok());

    // Off: every file plain again, and the app carries on unlocked.
    type_passphrase(&mut harness, "Current passphrase", "a new good phrase");
    harness.get_by_label("Turn off protection").click();
    harness.step();
    wait_until(&mut harness, |h| !h.state().is_busy());
    harness.get_by_label_contains("Protection is off");
    assert!(!dir.path().join("protection.ron").exists());
    assert!(
        fs::read_to_string(&entry_file)
            .unwrap()
            .contains("Row with my sister")
    );
    assert!(!harness.state().is_locked());
    assert_eq!(harness.state().model().unwrap().journal().len(), 1);
}

/// A passphrase is the same however it reached Rapport: a file saved with a byte-order mark and
/// Windows line endings, or accents typed as one character or two, open the same journal; a
/// passphrase ending in a space is allowed, with a warning.
#[test]
fn a_passphrase_opens_the_journal_however_it_was_written_down() {
    use assert_cmd::Command;
    let dir = tempfile::tempdir().unwrap();
    let rapport = || {
        let mut command = Command::cargo_bin("rapport").unwrap();
        command
            .arg("--data-dir")
            .arg(dir.path())
            .env_remove("RAPPORT_DATA_DIR");
        command
    };
    rapport()
        .args(["add", "coping-skills", "intensity_before=4"])
        .assert()
        .success();
    let files = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = files.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    // Set with a BOM, a decomposed é and CRLF, as a Windows editor might save it.
    let set = write(
        "set.txt",
        "\u{feff}cafe\u{301} horse battery\r\n".as_bytes(),
    );
    rapport()
        .arg("--passphrase-file")
        .arg(&set)
        .args(["protect", "on"])
        .assert()
        .success();
    // Typed plainly, with é as one character.
    let plain = write("plain.txt", "caf\u{e9} horse battery\n".as_bytes());
    rapport()
        .arg("--passphrase-file")
        .arg(&plain)
        .arg("entries")
        .assert()
        .success()
        .stdout(predicates::str::contains("coping-skills"));

    // Trailing spaces are kept, and warned about when the passphrase is set.
    let spaced = write("spaced.txt", b"a passphrase with a space \n");
    rapport()
        .arg("--passphrase-file")
        .arg(&plain)
        .args(["protect", "change", "--new-passphrase-file"])
        .arg(&spaced)
        .assert()
        .success()
        .stderr(predicates::str::contains("ends with a space"));
    rapport()
        .arg("--passphrase-file")
        .arg(&spaced)
        .arg("entries")
        .assert()
        .success();
}

/// A plain entry copied into a protected journal, and a temporary file left by a killed save,
/// are problems that `check` reports; the next unlock seals the one and removes the other.
#[test]
fn a_plain_file_in_a_protected_journal_is_reported_by_check_and_sealed_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let entry_file = protected_journal(dir.path());
    let passphrase = dir.path().join("passphrase.txt");
    fs::write(&passphrase, format!("{PASSPHRASE}\n")).unwrap();
    assert!(rapport_core::storage::seal::is_sealed(
        &fs::read(&entry_file).unwrap()
    ));
    let copied = dir
        .path()
        .join("journal")
        .join("20261101T090000Z-coping-skills.ron");
    fs::write(
        &copied,
        r#"(version: 1, id: "20261101T090000Z-coping-skills", worksheet: "coping-skills", worksheet_version: 1,
    created: "2026-11-01T09:00:00+00:00", edited: "2026-11-01T09:00:00+00:00",
    answers: {"situation": Text("Copied from my old laptop")})"#,
    )
    .unwrap();
    let temp = dir.path().join("drafts").join(".rapport-killed.tmp");
    fs::create_dir_all(temp.parent().unwrap()).unwrap();
    fs::write(&temp, "half a plain draft").unwrap();
    let rapport = |args: &[&str]| {
        crate::common::rapport(dir.path())
            .arg("--passphrase-file")
            .arg(&passphrase)
            .args(args)
            .output()
            .unwrap()
    };
    let check = rapport(&["check"]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(!check.status.success(), "{said}");
    assert!(
        said.contains("plain text in a protected journal") && said.contains("20261101T090000Z"),
        "{said}"
    );
    assert!(said.contains("temporary file was left"), "{said}");
    assert!(copied.exists() && temp.exists(), "check changes nothing");

    let unlocked = rapport(&["entries"]);
    assert!(unlocked.status.success());
    assert!(
        String::from_utf8_lossy(&unlocked.stderr).contains("Sealed 1 file(s)"),
        "{}",
        String::from_utf8_lossy(&unlocked.stderr)
    );
    assert!(rapport_core::storage::seal::is_sealed(
        &fs::read(&copied).unwrap()
    ));
    assert!(!temp.exists(), "the killed save's temporary file is gone");
    let check = rapport(&["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// A window opened before protection was turned on elsewhere never writes plain text into the
/// now protected journal; and a conversion clears every private folder of temporary files.
#[test]
fn a_save_begun_before_protection_was_turned_on_writes_nothing_plain() {
    let dir = tempfile::tempdir().unwrap();
    let plain = DataDir::new(dir.path());
    let mut window = rapport_core::service::model::Model::open(plain.clone()).unwrap();
    window
        .save_new(
            "coping-skills",
            [("situation".to_owned(), Answer::Text("first".into()))].into(),
        )
        .unwrap();
    let stray = [
        dir.path().join("journal").join(".rapport-a.tmp"),
        dir.path().join("drafts").join(".rapport-b.tmp"),
        dir.path().join("backups").join(".rapport-c.tmp"),
    ];
    for file in &stray {
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, "plain words from a killed save").unwrap();
    }
    vault::turn_on(&plain, PASSPHRASE, &mut |_, _| {}).unwrap();
    for file in &stray {
        assert!(!file.exists(), "{} survived the conversion", file.display());
    }
    let error = window
        .save_new(
            "coping-skills",
            [("situation".to_owned(), Answer::Text("secret".into()))].into(),
        )
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("protected with a passphrase in another window"),
        "{error}"
    );
    for file in plain.private_files() {
        assert!(
            rapport_core::storage::seal::is_sealed(&fs::read(&file).unwrap()),
            "{} is plain",
            file.display()
        );
    }
    rapport_core::storage::draft::save(
        &plain,
        &rapport_core::storage::draft::Draft {
            version: 1,
            worksheet: "coping-skills".into(),
            editing: None,
            saved: rapport_core::time::LocalTime::now(),
            answers: [("situation".to_owned(), Answer::Text("secret".into()))].into(),
        },
    )
    .unwrap_err();
    assert!(!plain.draft("coping-skills").exists());
}

/// A conversion waits for the writer lock like any writer, and changes nothing if it cannot
/// have it.
#[test]
fn protect_on_takes_the_writer_lock() {
    let dir = tempfile::tempdir().unwrap();
    protected_journal(dir.path());
    let data = DataDir::new(dir.path());
    let passphrase = dir.path().join("passphrase.txt");
    fs::write(&passphrase, format!("{PASSPHRASE}\n")).unwrap();
    let before = fs::read(data.protection()).unwrap();
    let held = fs::File::open(data.writer_lock()).unwrap();
    let taken = std::time::Instant::now();
    while held.try_lock().is_err() {
        assert!(taken.elapsed() < std::time::Duration::from_secs(5));
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let output = crate::common::rapport(dir.path())
        .arg("--passphrase-file")
        .arg(&passphrase)
        .args(["protect", "off"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("already changing this journal"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        fs::read(data.protection()).unwrap(),
        before,
        "nothing changed"
    );
    drop(held);
}

/// Backups follow protection: sealed while it is on, plain once it is off, restorable after
/// each change; and a window opened before protection was turned on elsewhere cannot leave a
/// plain backup of the protected journal.
#[test]
fn backups_are_sealed_exactly_while_protected_and_stay_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = dir.path().join("passphrase.txt");
    fs::write(&passphrase, format!("{PASSPHRASE}\n")).unwrap();
    let run = |args: &[&str]| {
        let output = crate::common::rapport(dir.path())
            .arg("--passphrase-file")
            .arg(&passphrase)
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run(&["add", "coping-skills", "situation=Row with my sister"]);
    let data = DataDir::new(dir.path());
    let stale = rapport_core::service::model::Model::open(data.clone()).unwrap();
    run(&["protect", "on"]);
    let error = stale.back_up_now().unwrap_err().to_string();
    assert!(error.contains("protected with a passphrase"), "{error}");
    assert!(
        data.files_of(rapport_core::storage::layout::FileKind::Backup)
            .is_empty(),
        "no plain backup of a protected journal"
    );
    let backup = run(&["backup"]);
    let backup = PathBuf::from(
        backup
            .lines()
            .last()
            .unwrap()
            .trim()
            .rsplit(' ')
            .next()
            .unwrap(),
    );
    let backups = data.files_of(rapport_core::storage::layout::FileKind::Backup);
    assert_eq!(backups.len(), 1, "{backup:?}");
    let sealed = |path: &Path| rapport_core::storage::seal::is_sealed(&fs::read(path).unwrap());
    assert!(sealed(&backups[0]));
    run(&["protect", "off"]);
    assert!(!sealed(&backups[0]), "plain once protection is off");
    run(&["restore", backups[0].to_str().unwrap()]);
    run(&["protect", "on"]);
    assert!(sealed(&backups[0]), "sealed with the new key");
    run(&["restore", backups[0].to_str().unwrap()]);
    assert!(run(&["entries"]).contains("coping-skills"));
}

/// A protected journal whose protection.ron was deleted (by hand, or a sync tool) must not
/// take plain entries beside its sealed ones: the save is refused and says why.
#[test]
fn a_save_into_sealed_entries_whose_protection_file_is_gone_writes_nothing_plain() {
    let dir = tempfile::tempdir().unwrap();
    protected_journal(dir.path());
    fs::remove_file(DataDir::new(dir.path()).protection()).unwrap();
    let before: Vec<_> = fs::read_dir(dir.path().join("journal")).unwrap().collect();
    let failed = crate::common::rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=Written after the file went",
        ])
        .assert()
        .failure();
    let said = String::from_utf8(failed.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("protection file (protection.ron) is missing"),
        "{said}"
    );
    let after: Vec<_> = fs::read_dir(dir.path().join("journal")).unwrap().collect();
    assert_eq!(after.len(), before.len(), "nothing was written");
    for item in after {
        let bytes = fs::read(item.unwrap().path()).unwrap();
        assert!(bytes.starts_with(rapport_core::storage::seal::SEALED_MAGIC));
    }
}

/// A window unlocked with the journal's key, while another window or command turns protection
/// off and on again (a new key): the first window's save is refused, so no entry is ever sealed
/// with a key the journal no longer has.
#[test]
fn a_save_with_a_key_replaced_elsewhere_is_refused_and_nothing_is_sealed_with_the_old_key() {
    let dir = tempfile::tempdir().unwrap();
    protected_journal(dir.path());
    let data = DataDir::new(dir.path());
    let old_key = std::sync::Arc::new(
        vault::Protection::read(&data)
            .unwrap()
            .unwrap()
            .unlock(PASSPHRASE)
            .unwrap(),
    );
    let unlocked = data.with_sealing(rapport_core::storage::seal::Sealing::Sealed(
        old_key.clone(),
    ));
    let mut window = Journal::open(unlocked).unwrap();
    assert_eq!(window.len(), 1);

    // Elsewhere: off, then on again with a new key.
    let mut protection = vault::Protection::read(&data).unwrap().unwrap();
    vault::turn_off(&data, &mut protection, &old_key, &mut |_, _| {}).unwrap();
    vault::turn_on(&data, PASSPHRASE, &mut |_, _| {}).unwrap();
    let before: Vec<_> = fs::read_dir(data.journal()).unwrap().collect();

    let refused = window
        .add(
            Workbook::bundled().get("coping-skills").unwrap(),
            [(
                "situation".to_owned(),
                Answer::Text("Written with the old key".into()),
            )]
            .into(),
        )
        .unwrap_err()
        .to_string();
    assert!(refused.contains("has a new key"), "{refused}");
    let after: Vec<_> = fs::read_dir(data.journal()).unwrap().collect();
    assert_eq!(after.len(), before.len(), "nothing was written");
}
