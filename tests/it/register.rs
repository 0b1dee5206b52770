//! The facilitator's group register: kept private (sealed with protection), never saved over
//! when damaged, its follow-up flags, and its CSV safe in a spreadsheet. From the command line
//! and in the window.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::common::rapport;

const RUN: &str = "run-2026-11-03";

/// A run with three members: River answers question 9 above 0 at session 2 and has risen by
/// 8 from the first score; Ash misses sessions 1 and 2; Sam is well.
fn run_with_members(dir: &Path, passphrase: Option<&Path>) {
    let cli = |args: &[&str]| {
        let mut command = rapport(dir);
        if let Some(file) = passphrase {
            command.arg("--passphrase-file").arg(file);
        }
        command.args(args).assert().success()
    };
    cli(&[
        "register",
        "new",
        "Tuesday group",
        "--programme",
        "group-ipt",
        "--start",
        "2026-11-03",
    ])
    .stdout(predicate::str::contains(RUN));
    for name in ["River", "Sam", "Ash", "=HYPERLINK(\"http://x\",\"y\")"] {
        cli(&["register", "add-member", RUN, name]);
    }
    cli(&[
        "register",
        "attend",
        RUN,
        "--session",
        "before",
        "River",
        "Sam",
        "Ash",
    ]);
    cli(&["register", "attend", RUN, "--session", "1", "River", "Sam"]);
    cli(&["register", "attend", RUN, "--session", "2", "River", "Sam"]);
    cli(&[
        "register",
        "score",
        RUN,
        "River",
        "--session",
        "before",
        "--answers",
        "1,1,1,1,1,1,1,1,0",
    ]);
    cli(&[
        "register",
        "score",
        RUN,
        "Sam",
        "--session",
        "before",
        "--total",
        "6",
    ]);
    cli(&[
        "register",
        "score",
        RUN,
        "River",
        "--session",
        "2",
        "--answers",
        "2,2,2,2,1,2,2,2,1",
    ])
    .stdout(predicate::str::contains(
        "Follow up: answered question 9 above 0 (1) at session 2",
    ));
}

#[test]
fn a_register_round_trips_and_flags_question_9_a_rise_of_5_and_two_missed_sessions() {
    let dir = tempfile::tempdir().unwrap();
    run_with_members(dir.path(), None);
    let file = dir.path().join("registers").join(format!("{RUN}.ron"));
    let text = fs::read_to_string(&file).unwrap();
    let read: rapport_core::facilitator::register::Register =
        rapport_core::format::REGISTER.parse(&text).unwrap();
    assert_eq!(read.members.len(), 4);
    assert_eq!(read.members[0].name, "River");

    let shown = rapport(dir.path())
        .args(["register", "show", RUN])
        .assert()
        .success();
    let shown = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    let river = shown.lines().find(|l| l.starts_with("River ")).unwrap();
    let cells: Vec<&str> = river
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[..4], ["River", "✓ 8", "✓", "✓ 16"], "{shown}");
    for said in [
        "Follow up River: answered question 9 above 0 (1) at session 2",
        "Follow up River: PHQ-9 rose by 8 since the first score: 8 before the group, 16 at session 2",
        "Follow up Ash: missed two sessions in a row, session 1 and session 2",
        "missed 3 sessions in a row, from the meeting before the group to session 2",
    ] {
        assert!(shown.contains(said), "{said:?} in\n{shown}");
    }
    assert!(!shown.contains("Follow up Sam"), "{shown}");
    rapport(dir.path())
        .args(["register", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Tuesday group  group-ipt  2026-11-03  4",
        ));
    rapport(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 group register"));

    // CSV: the name that starts with `=` is neutralised; the flags are in words.
    let csv = dir.path().join("out.csv");
    rapport(dir.path())
        .args(["register", "export", RUN, "--csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let csv = fs::read_to_string(&csv).unwrap();
    assert!(
        csv.starts_with("member,session,there,PHQ-9 total,q1,"),
        "{csv}"
    );
    assert!(
        csv.contains("\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Before the group,no,"),
        "{csv}"
    );
    assert!(!csv.contains("\n=") && !csv.contains(",="), "{csv}");
    assert!(csv.contains("River,Session 2,yes,16,2,2,2,2,1,2,2,2,1,\"Follow up: answered question 9 above 0 (1) at session 2; "), "{csv}");

    // PDF: the table, the flags and the charts' session labels.
    let pdf = dir.path().join("out.pdf");
    rapport(dir.path())
        .args(["register", "export", RUN, "--pdf", "--out"])
        .arg(&pdf)
        .assert()
        .success();
    let printed = crate::handout::text(&pdf);
    for said in [
        "Tuesday group",
        "River: answered question 9 above 0 (1) at session 2.",
        "Ash: missed two sessions in a row, session 1 and session 2.",
        "Private: this register holds members' names and scores.",
        "River: latest 16 (Session 2)",
    ] {
        assert!(printed.contains(said), "{said:?} in {printed}");
    }

    // Another measure: the GAD-7 has seven questions, and a register of it says so.
    rapport(dir.path())
        .args([
            "register",
            "new",
            "Worry group",
            "--programme",
            "group-ipt",
            "--start",
            "2026-11-03",
            "--measure",
            "gad7",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("run-2026-11-03-2"));
    rapport(dir.path())
        .args(["register", "add-member", "run-2026-11-03-2", "Lee"])
        .assert()
        .success();
    rapport(dir.path())
        .args([
            "register",
            "score",
            "run-2026-11-03-2",
            "Lee",
            "--session",
            "1",
            "--answers",
            "1,1,1",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "GAD-7 has 7 questions, so give 7 answers, not 3.",
        ));
    rapport(dir.path())
        .args([
            "register",
            "new",
            "X",
            "--programme",
            "group-ipt",
            "--start",
            "2026-11-03",
            "--measure",
            "coping-skills",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "is not a questionnaire in your workbook",
        ));

    // Wrong input is refused in words, and nothing is saved.
    let before = fs::read_to_string(&file).unwrap();
    for (args, said) in [
        (
            vec!["score", RUN, "Sam", "--session", "1", "--answers", "1,2"],
            "PHQ-9 has 9 questions, so give 9 answers, not 2.",
        ),
        (
            vec!["score", RUN, "Sam", "--session", "1", "--total", "28"],
            "A PHQ-9 total is between 0 and 27, not 28.",
        ),
        (
            vec!["score", RUN, "Kim", "--session", "1", "--total", "3"],
            "There is no member “Kim”.",
        ),
        (
            vec!["attend", RUN, "--session", "9", "Sam"],
            "write before, 1 to 8, not “9”",
        ),
        (
            vec!["add-member", RUN, "sam"],
            "There is already a member called “sam”.",
        ),
        (
            vec!["show", "no-such-run"],
            "There is no register “no-such-run”.",
        ),
    ] {
        rapport(dir.path())
            .arg("register")
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(said));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn with_protection_on_a_register_is_sealed_on_disk_and_no_name_is_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let secret = tempfile::tempdir().unwrap();
    let passphrase = secret.path().join("pass.txt");
    fs::write(&passphrase, "correct horse battery\n").unwrap();
    // A register made before protection is sealed when it is turned on…
    rapport(dir.path())
        .args([
            "register",
            "new",
            "Tuesday group",
            "--programme",
            "group-ipt",
            "--start",
            "2026-11-03",
        ])
        .assert()
        .success();
    rapport(dir.path())
        .arg("--passphrase-file")
        .arg(&passphrase)
        .args(["protect", "on"])
        .assert()
        .success();
    let file = dir.path().join("registers").join(format!("{RUN}.ron"));
    assert!(rapport_core::storage::seal::is_sealed(
        &fs::read(&file).unwrap()
    ));
    // …and every change after it is written sealed.
    let with_passphrase = |args: &[&str]| {
        rapport(dir.path())
            .arg("--passphrase-file")
            .arg(&passphrase)
            .args(args)
            .assert()
    };
    with_passphrase(&["register", "add-member", RUN, "Rivermember"]).success();
    with_passphrase(&[
        "register",
        "score",
        RUN,
        "Rivermember",
        "--session",
        "1",
        "--answers",
        "0,0,0,0,0,0,0,0,2",
    ])
    .success();
    let bytes = fs::read(&file).unwrap();
    assert!(rapport_core::storage::seal::is_sealed(&bytes));
    let haystack = String::from_utf8_lossy(&bytes);
    assert!(!haystack.contains("Rivermember") && !haystack.contains("Tuesday"));
    // No plain copy anywhere in the data folder, the backup included.
    with_passphrase(&["backup"]).success();
    let mut files = Vec::new();
    every_file(dir.path(), &mut files);
    for path in &files {
        // Nor in a file's name: a register's file is named by its date, not the run's name.
        assert!(
            !path.to_string_lossy().to_lowercase().contains("tuesday"),
            "{}",
            path.display()
        );
        let bytes = fs::read(path).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Rivermember"),
            "{} holds the name in plain text",
            path.display()
        );
    }
    with_passphrase(&["register", "show", RUN])
        .success()
        .stdout(predicate::str::contains(
            "Follow up Rivermember: answered question 9 above 0 (2) at session 1",
        ));
    with_passphrase(&["check"])
        .success()
        .stdout(predicate::str::contains("no problems"));
}

fn every_file(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            every_file(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn a_hand_damaged_register_gets_a_clear_message_and_is_never_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    run_with_members(dir.path(), None);
    let file = dir.path().join("registers").join(format!("{RUN}.ron"));
    let whole = fs::read_to_string(&file).unwrap();
    let damaged = whole.replacen("name: \"Sam\"", "name: Sam\"", 1);
    fs::write(&file, &damaged).unwrap();
    for args in [
        vec!["register", "add-member", RUN, "Kim"],
        vec!["register", "attend", RUN, "--session", "3", "River"],
        vec![
            "register",
            "score",
            RUN,
            "River",
            "--session",
            "3",
            "--total",
            "4",
        ],
        vec!["register", "show", RUN],
    ] {
        rapport(dir.path())
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "This register could not be read, so it was left exactly as it is and nothing was saved over it: This register could not be read at line",
            ))
            .stderr(predicate::str::contains(file.to_str().unwrap()));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), damaged);
    rapport(dir.path())
        .arg("check")
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "problem: This register could not be read",
        ));
    rapport(dir.path())
        .args(["register", "list"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "problem: This register could not be read",
        ));
    // From a newer Rapport: said so, and left alone.
    let newer = whole.replacen("version: 1", "version: 7", 1);
    fs::write(&file, &newer).unwrap();
    rapport(dir.path())
        .args(["register", "add-member", RUN, "Kim"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "came from a newer version of Rapport (format 7",
        ));
    assert_eq!(fs::read_to_string(&file).unwrap(), newer);
}

/// The app on an empty data folder at `dir`, on the Group register, with "Tuesday group" typed
/// as the new run's name; checked for unnamed widgets at each step if `checked`.
fn new_run_in_the_window(
    dir: &Path,
    checked: bool,
) -> egui_kittest::Harness<'static, rapport::ui::Shell> {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let shell = rapport::ui::Shell::new(
        rapport_core::storage::layout::DataDir::new(dir),
        rapport::ui::UiState::default(),
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1280.0, 4000.0])
        .with_accessibility_check(checked)
        .build_ui_state(|ui, shell: &mut rapport::ui::Shell| shell.ui(ui), shell);
    harness.run();
    harness
        .get_by_label("Group register (facilitators)")
        .click();
    harness.run();
    crate::common::type_into(&mut harness, Role::TextInput, "Run name", "Tuesday group");
    harness
}

/// In the window: start a run, add a member, tick who came, enter a PHQ-9 with question 9
/// above 0 through the grid of answers, see the flag in words, and find it all on disk.
#[test]
fn in_the_window_a_score_with_question_9_above_0_is_flagged_and_saved() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = new_run_in_the_window(dir.path(), true);
    crate::common::type_into(
        &mut harness,
        Role::TextInput,
        "First group session",
        "2026-11-03",
    );
    harness.get_by_label("Start the register").click();
    harness.run();
    harness.get_by_label_contains("Tuesday group: Group Interpersonal Therapy");
    crate::common::type_into(&mut harness, Role::TextInput, "New member", "River");
    harness.get_by_label("Add member").click();
    harness.run();
    harness.get_by_label("River, Session 1: there").click();
    harness.run();
    harness.get_by_label("River, Session 1: no score").click();
    harness.run();
    harness.get_by_label("River's PHQ-9 at session 1");
    for question in 1..=8 {
        harness
            .get_by_label(&format!("Question {question}: Several days"))
            .click();
        harness.run();
    }
    harness.get_by_label("Question 9: Several days").click();
    harness.run();
    harness.get_by_label("Save score").click();
    harness.run();
    harness.get_by_label("Follow up River: answered question 9 above 0 (1) at session 1.");
    assert!(
        harness
            .query_by_label("River's PHQ-9 at session 1")
            .is_none()
    );
    // The score shows in the table, and the charts are drawn.
    harness.get_by_label("River, Session 1: score 9");

    // On disk: the register file, with River there at session 1 and every answer.
    let file = dir.path().join("registers").join(format!("{RUN}.ron"));
    let read: rapport_core::facilitator::register::Register = rapport_core::format::REGISTER
        .parse(&fs::read_to_string(&file).unwrap())
        .unwrap();
    let river = read.member("River").unwrap();
    assert!(river.attended.contains("1"), "{river:?}");
    assert_eq!(
        river.scores,
        [rapport_core::facilitator::register::Scored {
            session: "1".to_owned(),
            value: rapport_core::facilitator::register::Measured::Answers(vec![1; 9]),
        }]
    );

    // A second tick undoes the first, and is saved at once.
    harness.get_by_label("River, Session 1: there").click();
    harness.run();
    let read: rapport_core::facilitator::register::Register = rapport_core::format::REGISTER
        .parse(&fs::read_to_string(&file).unwrap())
        .unwrap();
    assert!(read.member("River").unwrap().attended.is_empty());

    // Export: the CSV goes to the exports folder.
    harness.get_by_label("Export CSV").click();
    harness.run();
    let csv = fs::read_to_string(
        dir.path()
            .join("exports")
            .join(format!("register-{RUN}.csv")),
    )
    .unwrap();
    assert!(csv.contains("River,Session 1,no,9,1,1,1,1,1,1,1,1,1,Follow up: answered question 9 above 0 (1) at session 1"), "{csv}");
}

/// In the window the first group session is picked from a calendar, as any other date is, and
/// the run starts on the day picked.
#[test]
fn in_the_window_the_first_session_is_picked_from_a_calendar() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    // The calendar's year, month and day lists (egui_extras') have no accessible names, so the
    // check is made once it is closed.
    let mut harness = new_run_in_the_window(dir.path(), false);
    // Typed first, so the calendar opens on that month.
    crate::common::type_into(
        &mut harness,
        Role::TextInput,
        "First group session",
        "2026-11-25",
    );
    harness
        .get_by_label("First group session: pick a date")
        .click();
    harness.run();
    harness.get_by_label("20").click();
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "First group session")
            .value()
            .as_deref(),
        Some("2026-11-20")
    );
    harness.check_accessibility();
    harness.get_by_label("Start the register").click();
    harness.run();
    harness.get_by_label_contains("Tuesday group: Group Interpersonal Therapy");
    let mut files = Vec::new();
    every_file(dir.path(), &mut files);
    let saved: Vec<String> = files
        .iter()
        .filter_map(|file| fs::read_to_string(file).ok())
        .filter(|text| text.contains("Tuesday group"))
        .collect();
    assert_eq!(saved.len(), 1, "{files:?}");
    assert!(saved[0].contains("2026-11-20"), "{}", saved[0]);
}
