//! Reminders as a person meets them: turned on and off from the command line and Settings, the
//! desktop entry installed and removed in a temporary home, the private wording, and the bar the
//! app shows when one is due.

use std::fs;
use std::path::Path;
use std::rc::Rc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::ui::reminders::ReminderHost;
use rapport::ui::{Screen, Shell, UiState};
use rapport_core::schedule::Cadence;
use rapport_core::storage::desktop_entries::{DesktopEntries, Mechanism};
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::settings;

use crate::common::rapport;

/// `rapport` with its desktop in `home`: config there, no systemd user session, and no
/// notification service reachable.
fn remind(data: &Path, home: &Path) -> assert_cmd::Command {
    let mut command = rapport(data);
    command
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env_remove("XDG_RUNTIME_DIR")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .arg("remind");
    command
}

/// What `rapport remind --due --dry-run` prints (with nothing on stdin: it must not ask).
fn dry_run(data: &Path, home: &Path) -> String {
    stdout(
        &remind(data, home)
            .args(["--due", "--dry-run"])
            .write_stdin("")
            .assert()
            .success(),
    )
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn turning_reminders_on_installs_the_autostart_entry_and_off_removes_it() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let entry = home
        .path()
        .join("config/autostart/rapport-reminders.desktop");

    let said = stdout(&remind(data.path(), home.path()).assert().success());
    assert!(said.contains("Reminders are off"), "{said}");
    assert!(!entry.exists(), "nothing is installed until asked");

    remind(data.path(), home.path())
        .args([
            "on",
            "--weekly",
            "wed",
            "--at",
            "18:30",
            "--quiet-days",
            "sat,sun",
        ])
        .assert()
        .success();
    let text = fs::read_to_string(&entry).unwrap();
    assert!(text.contains("remind\" \"--due\""), "{text}");
    assert!(
        text.contains(&format!("\"{}\"", data.path().display())),
        "{text}"
    );
    let saved = settings::load(&DataDir::new(data.path())).value.reminders;
    assert!(saved.on);
    assert_eq!(
        saved.cadence,
        Cadence::Weekly(rapport_core::schedule::Day::Wednesday)
    );
    assert_eq!(saved.at, jiff::civil::Time::constant(18, 30, 0, 0));

    let said = stdout(
        &remind(data.path(), home.path())
            .arg("off")
            .assert()
            .success(),
    );
    assert!(said.contains("Reminders are off"), "{said}");
    assert!(!entry.exists(), "turning off removes the entry");
    assert!(
        !settings::load(&DataDir::new(data.path()))
            .value
            .reminders
            .on
    );
}

#[test]
fn with_a_systemd_user_session_a_timer_is_installed_and_enabled() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let runtime = home.path().join("run");
    fs::create_dir_all(runtime.join("systemd")).unwrap();
    remind(data.path(), home.path())
        .env("XDG_RUNTIME_DIR", &runtime)
        .arg("on")
        .assert()
        .success();
    let units = home.path().join("config/systemd/user");
    let service = fs::read_to_string(units.join("rapport-reminders.service")).unwrap();
    assert!(service.contains("ExecStart=\""), "{service}");
    assert!(
        units
            .join("timers.target.wants/rapport-reminders.timer")
            .exists()
    );
    remind(data.path(), home.path())
        .env("XDG_RUNTIME_DIR", &runtime)
        .arg("off")
        .assert()
        .success();
    assert_eq!(
        fs::read_dir(&units).unwrap().count(),
        1,
        "only the emptied wants folder"
    );
    assert!(
        !units
            .join("timers.target.wants/rapport-reminders.timer")
            .exists()
    );
}

/// Nothing the person wrote, no score and no worksheet title can reach what a reminder says.
#[test]
fn a_reminder_never_says_an_answer_a_score_or_a_worksheet_title() {
    let marker = "Zq7marker";
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // The person's own check-in worksheet, with the marker in its id-free title.
    let definition = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook/coping-skills.ron"),
    )
    .unwrap()
    .replace("id: \"coping-skills\"", "id: \"my-check\"")
    .replace(
        "title: \"Coping skills\"",
        &format!("title: \"{marker} check\""),
    );
    fs::create_dir_all(data.path().join("worksheets")).unwrap();
    fs::write(data.path().join("worksheets/my-check.ron"), definition).unwrap();
    rapport(data.path())
        .args([
            "add",
            "my-check",
            &format!("situation={marker} with my sister"),
        ])
        .assert()
        .success();

    for cadence in [
        vec!["--check-in", "my-check", "--every", "1"],
        vec!["--check-in", "phq9"],
        vec!["--weekly", "mon"],
        vec![],
    ] {
        remind(data.path(), home.path())
            .args(["on", "--at", "00:00"])
            .args(&cadence)
            .assert()
            .success();
        // Forget the day of use, so a reminder is due today.
        fs::remove_file(data.path().join("reminders.ron")).unwrap();
        let said = dry_run(data.path(), home.path());
        assert!(
            said.starts_with("Would show: Rapport: "),
            "{cadence:?}: {said}"
        );
        let lower = said.to_lowercase();
        for secret in [
            marker.to_lowercase().as_str(),
            "sister",
            "phq",
            "depress",
            "score",
        ] {
            assert!(!lower.contains(secret), "{secret} in {said}");
        }
    }
}

#[test]
fn nothing_is_due_after_a_check_in_today_and_a_protected_journal_is_not_read() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    remind(data.path(), home.path())
        .args(["on", "--check-in", "phq9", "--at", "00:00"])
        .assert()
        .success();
    let said = dry_run(data.path(), home.path());
    assert!(
        said.starts_with("Would show: Rapport: Your check-in is ready"),
        "{said}"
    );

    let mut add = vec!["add".to_owned(), "phq9".to_owned()];
    add.extend((1..=9).map(|i| format!("q{i}=1")));
    rapport(data.path()).args(&add).assert().success();
    let said = dry_run(data.path(), home.path());
    assert_eq!(said, "Nothing to show: You already used Rapport today.\n");

    // Protected: deciding asks for no passphrase, because it reads no entry.
    let passphrase = home.path().join("pass");
    fs::write(&passphrase, "a long enough passphrase here\n").unwrap();
    rapport(data.path())
        .arg("--passphrase-file")
        .arg(&passphrase)
        .args(["protect", "on"])
        .assert()
        .success();
    fs::remove_file(data.path().join("reminders.ron")).unwrap();
    let said = dry_run(data.path(), home.path());
    assert!(said.starts_with("Would show:"), "{said}");
}

#[test]
fn a_reminder_with_no_notification_service_says_so_and_comes_next_time() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    remind(data.path(), home.path())
        .args(["on", "--at", "00:00"])
        .assert()
        .success();
    let failed = remind(data.path(), home.path())
        .arg("--due")
        .assert()
        .failure();
    let error = String::from_utf8(failed.get_output().stderr.clone()).unwrap();
    assert!(error.contains("no desktop notification service"), "{error}");
    let said = dry_run(data.path(), home.path());
    assert!(
        said.starts_with("Would show:"),
        "not recorded as shown: {said}"
    );
}

fn app_at(data: &Path, home: &Path, now: &str, screen: Screen) -> Harness<'static, Shell> {
    let now: jiff::ZonedDateTime = format!("{now}[UTC]").parse().unwrap();
    let host = ReminderHost {
        entries: Some(DesktopEntries::in_folder(
            home,
            Path::new("/usr/bin/rapport"),
            Mechanism::Autostart,
        )),
        clock: Rc::new(move || now.clone()),
    };
    let state = UiState {
        screen,
        ..UiState::default()
    };
    let shell = Shell::new(DataDir::new(data), state).with_reminder_host(host);
    let mut harness = Harness::builder()
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

#[test]
fn reminders_are_turned_on_and_shaped_in_settings() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let entry = home.path().join("autostart/rapport-reminders.desktop");
    let mut harness = app_at(
        data.path(),
        home.path(),
        "2026-03-02T12:00",
        Screen::Settings,
    );
    harness.get_by_label_contains("never shows what you wrote");
    assert!(
        harness.query_by_label("Once a week").is_none(),
        "no schedule while off"
    );

    harness.get_by_label("Remind me now and then").click();
    harness.run();
    assert!(entry.exists(), "turning on installs the entry");
    assert!(
        settings::load(&DataDir::new(data.path()))
            .value
            .reminders
            .on
    );
    harness.get_by_label_contains("Not yet: reminders come from 19:00");

    harness.get_by_label("Once a week").click();
    harness.run();
    harness.get_by_label("Save reminder settings").click();
    harness.run();
    let saved = settings::load(&DataDir::new(data.path())).value.reminders;
    assert_eq!(
        saved.cadence,
        Cadence::Weekly(rapport_core::schedule::Day::Monday)
    );

    harness.get_by_label("Remind me now and then").click();
    harness.run();
    assert!(!entry.exists(), "turning off removes the entry");
    assert!(
        !settings::load(&DataDir::new(data.path()))
            .value
            .reminders
            .on
    );
}

#[test]
fn a_due_reminder_shows_in_the_app_once_and_can_be_turned_off_from_it() {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let entries = DesktopEntries::in_folder(
        home.path(),
        Path::new("/usr/bin/rapport"),
        Mechanism::Autostart,
    );
    rapport_core::service::reminders::set(
        &DataDir::new(data.path()),
        rapport_core::schedule::Reminders {
            on: true,
            ..Default::default()
        },
        Some(&entries),
        None,
        jiff::civil::date(2026, 3, 2),
    )
    .unwrap();

    let before = app_at(data.path(), home.path(), "2026-03-02T18:00", Screen::Today);
    assert!(before.query_by_label("A moment for Rapport?").is_none());
    drop(before);

    let mut harness = app_at(data.path(), home.path(), "2026-03-02T19:30", Screen::Today);
    harness.get_by_label("A moment for Rapport?");
    // Recorded: a second window, or the desktop's timer, shows nothing more today.
    let again = app_at(data.path(), home.path(), "2026-03-02T21:00", Screen::Today);
    assert!(again.query_by_label("A moment for Rapport?").is_none());
    drop(again);

    harness.get_by_label("Turn reminders off").click();
    harness.run();
    assert!(harness.query_by_label("A moment for Rapport?").is_none());
    assert!(entries.installed().is_empty());
    assert!(
        !settings::load(&DataDir::new(data.path()))
            .value
            .reminders
            .on
    );
}
