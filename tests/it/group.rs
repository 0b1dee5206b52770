//! Consented group progress from the command line: participants share only what they choose,
//! and a facilitator summarises a folder with good and bad files without changing any.

use crate::common::rapport;
use std::fs;
use std::path::Path;

use predicates::prelude::*;

fn participant(folder: &Path, name: &str, scores: &[[i64; 9]], notes: &str) {
    let dir = tempfile::tempdir().unwrap();
    for items in scores {
        let mut args = vec!["add".to_owned(), "phq9".to_owned()];
        args.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| format!("q{}={v}", i + 1)),
        );
        rapport(dir.path()).args(&args).assert().success();
    }
    rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            &format!("situation={notes}"),
            "intensity_before=7",
        ])
        .assert()
        .success();
    rapport(dir.path())
        .args([
            "share",
            "--group",
            "MAPLE-7",
            "--programme",
            "group-ipt",
            "--pseudonym",
            name,
        ])
        .args(["--include", "phq9,coping-skills/intensity_before", "--out"])
        .arg(folder.join(format!("{name}.ron")))
        .assert()
        .success();
}

#[test]
fn shares_hold_numbers_not_words_and_the_summary_skips_bad_files_by_name() {
    let folder = tempfile::tempdir().unwrap();
    participant(
        folder.path(),
        "Robin",
        &[[2, 2, 2, 2, 2, 1, 1, 0, 0], [1, 1, 1, 1, 1, 0, 0, 0, 0]],
        "My secret about Sam",
    );
    participant(
        folder.path(),
        "Ash",
        &[[1, 1, 1, 1, 0, 0, 0, 0, 0]],
        "Private words",
    );

    // Only numbers and dates leave the participant's journal.
    let shared = fs::read_to_string(folder.path().join("Robin.ron")).unwrap();
    assert!(
        !shared.contains("secret") && !shared.contains("Sam"),
        "{shared}"
    );
    assert!(shared.contains("pseudonym: \"Robin\"") && shared.contains("group: \"MAPLE-7\""));

    // The held-back mix of bad files.
    let bad = [
        (
            "other-group.ron",
            shared.replace("MAPLE-7", "OAK-1").replace("Robin", "Sky"),
        ),
        ("duplicate.ron", shared.replace("\"Robin\"", "\"robin\"")),
        (
            "out-of-range.ron",
            shared.replace("Robin", "Lee").replacen("12)", "99)", 1),
        ),
        (
            "extra-field.ron",
            shared
                .replace("Robin", "Jo")
                .replacen("kind:", "notes: \"x\",\n    kind:", 1),
        ),
        (
            "not-a-share.ron",
            "(version: 1, id: \"x\", worksheet: \"phq9\")".to_owned(),
        ),
        (
            "binary.ron",
            String::from_utf8_lossy(&[0xff, 0xfe]).into_owned(),
        ),
        ("empty.ron", String::new()),
    ];
    for (name, text) in &bad {
        fs::write(folder.path().join(name), text).unwrap();
    }
    fs::write(folder.path().join("binary.ron"), [0xff, 0xfe, 0x00]).unwrap();
    let before: Vec<Vec<u8>> = bad
        .iter()
        .map(|(n, _)| fs::read(folder.path().join(n)).unwrap())
        .collect();

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("summary.pdf");
    let assert = rapport(dir.path())
        .arg("group-summary")
        .arg(folder.path())
        .args(["--group", "MAPLE-7", "--pdf"])
        .arg(&pdf)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 participants' files imported."))
        .stdout(predicate::str::contains("PHQ-9: mood: PHQ-9 score"))
        .stdout(predicate::str::contains("change"));
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for (name, reason) in [
        ("other-group.ron", "another group"),
        ("out-of-range.ron", "outside its range"),
        ("duplicate.ron", "already uses the pseudonym"),
        ("extra-field.ron", "not a Rapport share file"),
        ("not-a-share.ron", "not a Rapport share file"),
        ("binary.ron", "not UTF-8"),
        ("empty.ron", "is empty"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(reason)),
            "{name}: {reason} in\n{stderr}"
        );
    }
    assert!(pdf.exists());
    // Nothing in the folder was changed.
    let after: Vec<Vec<u8>> = bad
        .iter()
        .map(|(n, _)| fs::read(folder.path().join(n)).unwrap())
        .collect();
    assert_eq!(before, after);

    rapport(dir.path())
        .arg("group-summary")
        .arg(folder.path())
        .args(["--group", "MAPLE-7", "--csv"])
        .assert()
        .stdout(predicate::str::starts_with(
            "measure,week,n,median,q1,q3,min,max\n",
        ));
}

#[test]
fn share_lists_what_can_be_shared_and_checks_the_pseudonym() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .args([
            "add", "gad7", "q1=1", "q2=1", "q3=1", "q4=1", "q5=1", "q6=1", "q7=1",
        ])
        .assert()
        .success();
    rapport(dir.path())
        .args(["share", "--group", "MAPLE-7", "--pseudonym", "Robin"])
        .assert()
        .success()
        .stdout(predicate::str::contains("gad7"));
    rapport(dir.path())
        .args([
            "share",
            "--group",
            "MAPLE-7",
            "--programme",
            "group-ipt",
            "--pseudonym",
            "",
            "--include",
            "gad7",
            "--out",
            "x.ron",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Choose a pseudonym"));
}

/// A share file's text for the group MAPLE-7, with PHQ-9 scores on the dates given.
pub(crate) fn share_text(pseudonym: &str, points: &[(&str, i64)]) -> String {
    let points: Vec<String> = points
        .iter()
        .map(|(date, value)| format!("(\"{date}\", {value})"))
        .collect();
    format!(
        "(kind: \"rapport-share\", version: 1, programme: \"group-ipt\", group: \"MAPLE-7\", pseudonym: \"{pseudonym}\", created: \"2026-11-25T10:00:00+00:00\", series: [(id: \"phq9\", label: \"PHQ-9 score\", min: 0, max: 27, points: [{}])])",
        points.join(", ")
    )
}

/// Three participants: all three share in week 1, Kit alone in week 2, Robin and Ash in week 3.
pub(crate) fn small_cells(folder: &Path) {
    for (name, points) in [
        ("Robin", [("2026-11-02", 15), ("2026-11-16", 8)]),
        ("Ash", [("2026-11-03", 10), ("2026-11-17", 9)]),
        ("Kit", [("2026-11-04", 20), ("2026-11-10", 14)]),
    ] {
        fs::write(
            folder.join(format!("{name}.ron")),
            share_text(name, &points),
        )
        .unwrap();
    }
}

#[test]
fn the_summary_table_and_csv_say_fewer_than_3_shared_instead_of_a_figure() {
    let folder = tempfile::tempdir().unwrap();
    small_cells(folder.path());
    let dir = tempfile::tempdir().unwrap();
    let table = rapport(dir.path())
        .arg("group-summary")
        .arg(folder.path())
        .args(["--group", "MAPLE-7"])
        .assert()
        .success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    let line = |week: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().nth(2) == Some(week))
            .unwrap_or_else(|| panic!("week {week} in\n{table}"))
            .to_owned()
    };
    assert!(line("1").contains("15.0"), "{table}");
    assert!(line("2").contains("fewer than 3 shared"), "{table}");
    assert!(!line("2").contains("14"), "Kit's own score: {table}");
    assert!(line("3").contains("fewer than 3 shared"), "{table}");
    let csv = rapport(dir.path())
        .arg("group-summary")
        .arg(folder.path())
        .args(["--group", "MAPLE-7", "--csv"])
        .assert()
        .success();
    let csv = String::from_utf8(csv.get_output().stdout.clone()).unwrap();
    assert!(
        csv.contains("PHQ-9 score,2,1,fewer than 3 shared,,,,\n"),
        "{csv}"
    );
    assert!(
        csv.contains("PHQ-9 score,3,2,fewer than 3 shared,,,,\n"),
        "{csv}"
    );
    assert!(csv.contains("PHQ-9 score,1,3,15.0,"), "{csv}");
}

fn group_app(dir: &Path) -> egui_kittest::Harness<'static, rapport::ui::Shell> {
    let shell = rapport::ui::Shell::new(
        rapport_core::storage::layout::DataDir::new(dir),
        rapport::ui::UiState::default(),
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut rapport::ui::Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

/// Opens Group progress and imports `folder` for MAPLE-7.
fn import_in_app(harness: &mut egui_kittest::Harness<'static, rapport::ui::Shell>, folder: &Path) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    harness
        .get_by_label("Group progress (facilitators)")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Folder of share files")
        .click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Folder of share files")
        .type_text(folder.to_str().unwrap());
    harness.run();
    crate::common::type_into(harness, Role::TextInput, "Group code", "MAPLE-7");
    harness.get_by_label("Import").click();
    harness.run();
}

#[test]
fn the_app_says_fewer_than_3_shared_and_draws_no_small_cell() {
    use egui_kittest::kittest::Queryable;
    let folder = tempfile::tempdir().unwrap();
    small_cells(folder.path());
    let dir = tempfile::tempdir().unwrap();
    let mut harness = group_app(dir.path());
    import_in_app(&mut harness, folder.path());
    harness.get_by_label("3 participants' files imported.");
    harness.get_by_label_contains("Weeks 2, 3: fewer than 3 shared");
    harness.get_by_label_contains("PHQ-9 score: n = 3, median change -6.0");

    // Two people: no change figure at all.
    fs::remove_file(folder.path().join("Kit.ron")).unwrap();
    harness.get_by_label("Import").click();
    harness.run();
    harness.get_by_label_contains("PHQ-9 score: n = 2, fewer than 3 shared");
    assert!(harness.query_by_label_contains("median change").is_none());
}

#[test]
fn the_group_screen_takes_the_runs_start_date_and_says_when_week_1_is_estimated() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let folder = tempfile::tempdir().unwrap();
    small_cells(folder.path());
    let dir = tempfile::tempdir().unwrap();
    let mut harness = group_app(dir.path());
    import_in_app(&mut harness, folder.path());
    harness.get_by_label(
        "Week 1 starts on 2 November 2026, estimated from the shared files. Give the group's start date to be sure.",
    );

    // The facilitator gives the run's start: week 1 starts then, and earlier values are left out.
    crate::common::type_into(
        &mut harness,
        Role::TextInput,
        "Group start date",
        "2026-11-09",
    );
    harness.get_by_label("Import").click();
    harness.run();
    harness.get_by_label("Week 1 starts on 9 November 2026, the group's start date.");
    harness.get_by_label("3 shared values from outside the programme's 8 weeks left out.");
    assert!(
        harness
            .query_by_label_contains("Give the group's start date to be sure")
            .is_none()
    );

    // A date that is not one says how to write it.
    harness
        .get_by_role_and_label(Role::TextInput, "Group start date")
        .click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Group start date")
        .type_text("9 Nov");
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    harness.get_by_label_contains("“9 Nov” is not a date.");

    // The command line takes the same date.
    let table = rapport(dir.path())
        .arg("group-summary")
        .arg(folder.path())
        .args(["--group", "MAPLE-7", "--start", "2026-11-09"])
        .assert()
        .success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(
        table.contains("Week 1 starts on 9 November 2026, the group's start date."),
        "{table}"
    );
}

/// The Monday `weeks` weeks before this week's.
fn monday_weeks_ago(weeks: i64) -> jiff::civil::Date {
    let today = rapport_core::time::LocalTime::now().date();
    rapport_core::insight::progress::monday_of(today)
        .checked_sub(jiff::Span::new().days(weeks * 7))
        .unwrap()
}

#[test]
fn eight_participants_with_two_years_of_history_give_the_runs_eight_weeks() {
    // Two years of made-up history, ending today; the group started five weeks ago.
    let journal = tempfile::tempdir().unwrap();
    rapport(journal.path())
        .args(["demo-data", "--years", "2"])
        .assert()
        .success();
    let start = monday_weeks_ago(5);
    let folder = tempfile::tempdir().unwrap();
    let whole = tempfile::tempdir().unwrap();
    for name in ["River", "Ash", "Kit", "Robin", "Sky", "Lee", "Jo", "Sam"] {
        let out = folder.path().join(format!("{name}.ron"));
        rapport(journal.path())
            .args(["share", "--group", "MAPLE-7", "--programme", "group-ipt"])
            .args(["--pseudonym", name, "--include", "phq9,gad7", "--start"])
            .arg(start.to_string())
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        // The share holds the run's values only, and says when the run began.
        let text = fs::read_to_string(&out).unwrap();
        assert!(text.contains(&format!("start: \"{start}\"")), "{text}");
        let file =
            rapport_core::facilitator::share::parse(&text, "MAPLE-7", Some("group-ipt")).unwrap();
        let end = rapport_core::facilitator::share::run_end(start, 8);
        for series in &file.series {
            assert!(!series.points.is_empty());
            assert!(
                series.points.iter().all(|(d, _)| (start..end).contains(d)),
                "{:?}",
                series.points
            );
        }
        // The same person's whole history, as a share of format 1 held it.
        let mut old = file.clone();
        old.version = 1;
        old.start = None;
        let history = rapport_core::insight::progress::monday_of(
            start.checked_sub(jiff::Span::new().days(700)).unwrap(),
        );
        old.series[0].points.insert(0, (history, 20));
        fs::write(
            whole.path().join(format!("{name}.ron")),
            rapport_core::facilitator::share::to_ron(&old),
        )
        .unwrap();
    }
    let workbook = rapport_core::content::workbook::Workbook::bundled();
    let group = rapport_core::service::share::GroupSummary::of_folder(
        &workbook,
        folder.path(),
        "MAPLE-7",
        None,
        None,
    )
    .unwrap();
    assert_eq!(group.import.files.len(), 8);
    let summary = &group.summary;
    assert_eq!(summary.start, Some(start));
    assert_eq!(summary.run_weeks, Some(8));
    assert!(!summary.weeks.is_empty());
    assert!(summary.weeks.iter().all(|r| (1..=6).contains(&r.week)));
    let chart = summary.chart("phq9").unwrap();
    assert_eq!(
        chart.last_week, 8,
        "the axis is the programme's weeks, not 0–104"
    );
    assert!(
        chart
            .weeks
            .iter()
            .all(|r| r.spread.n == 8 || r.spread.n == 0)
    );

    // Files holding the whole history: only the run's weeks are summarised, and the rest are
    // counted and said.
    let old = rapport_core::service::share::GroupSummary::of_folder(
        &workbook,
        whole.path(),
        "MAPLE-7",
        Some("group-ipt"),
        None,
    )
    .unwrap();
    assert!(old.summary.weeks.iter().all(|r| (1..=8).contains(&r.week)));
    assert_eq!(old.summary.chart("phq9").unwrap().last_week, 8);
    assert!(old.summary.outside >= 8, "{}", old.summary.outside);
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .arg("group-summary")
        .arg(whole.path())
        .args(["--group", "MAPLE-7"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} shared values from outside the programme's 8 weeks left out.",
            old.summary.outside
        )));
}

#[test]
fn the_share_screen_says_what_the_file_holds_and_folds_the_file_away() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    for score in ["1", "2", "3"] {
        rapport(dir.path())
            .args([
                "add",
                "phq9",
                &format!("q1={score}"),
                "q2=1",
                "q3=1",
                "q4=1",
            ])
            .args(["q5=0", "q6=0", "q7=0", "q8=0", "q9=0"])
            .assert()
            .success();
    }
    let mut harness = group_app(dir.path());
    harness.get_by_label("Share with my facilitator").click();
    harness.run();
    crate::common::type_into(&mut harness, Role::TextInput, "Group code", "MAPLE-7");
    crate::common::type_into(&mut harness, Role::TextInput, "Pseudonym", "River");
    let start = monday_weeks_ago(2);
    crate::common::type_into(
        &mut harness,
        Role::TextInput,
        "Group start date",
        &start.to_string(),
    );
    let today = rapport_core::time::LocalTime::now()
        .date()
        .strftime("%-d %b %Y")
        .to_string();
    harness.get_by_label(&format!(
        "The file holds 1 measure, 3 values, {} – {today}, under the name ‘River’.",
        rapport_core::time::LocalTime::now()
            .date()
            .strftime("%-d %b")
    ));
    harness.get_by_label_contains("Only values from the programme's 8 weeks are shared");
    // The exact file is there, folded away until asked for.
    assert!(harness.query_by_role(Role::MultilineTextInput).is_none());
    harness.get_by_label("Show the file").click();
    harness.run();
    let preview = harness
        .get_by_role(Role::MultilineTextInput)
        .value()
        .unwrap();
    assert!(
        preview.contains(&format!("start: \"{start}\"")),
        "{preview}"
    );
    // A start date that is not a date says so, and offers no file.
    harness
        .get_by_role_and_label(Role::TextInput, "Group start date")
        .click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Group start date")
        .type_text("2 Sept");
    harness.run();
    harness.get_by_label_contains("is not a date");
    assert!(harness.query_by_label("Save share file").is_none());
}

#[test]
fn the_programme_screen_names_the_meeting_before_the_group_apart() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = group_app(dir.path());
    harness.get_by_label("Programmes").click();
    harness.run();
    harness.get_by_label_contains("A one-to-one meeting before the group, then 8 sessions");
    assert!(harness.query_by_label_contains("9 sessions").is_none());
    harness
        .get_by_label("Open Group Interpersonal Therapy: eight sessions")
        .click();
    harness.run();
    harness
        .get_by_label_contains("Before the group: one-to-one meeting. Getting ready")
        .click();
    harness.run();
    harness
        .get_by_label("Handout for Before the group: one-to-one meeting")
        .click();
    harness.run();
    assert!(
        dir.path()
            .join("exports/group-ipt-before-the-group.pdf")
            .exists()
    );
    harness.get_by_label_contains("Session 3: ").click();
    harness.run();
    harness.get_by_label("Handout for session 3").click();
    harness.run();
    assert!(dir.path().join("exports/group-ipt-session-3.pdf").exists());
    harness.get_by_label_contains("Session 8: ");
    assert!(harness.query_by_label_contains("Session 9").is_none());
}

#[test]
fn today_names_the_group_session_by_its_number_after_the_meeting_before() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = group_app(dir.path());
    harness.get_by_label("Programmes").click();
    harness.run();
    harness
        .get_by_label("Open Group Interpersonal Therapy: eight sessions")
        .click();
    harness.run();
    harness
        .get_by_label("Follow this programme at home")
        .click();
    harness.run();
    harness
        .get_by_label("You are following this programme: the one-to-one meeting before the group.");
    harness.get_by_label("Today").click();
    harness.run();
    harness.get_by_label_contains("eight sessions: the one-to-one meeting before the group, “");
    drop(harness);

    // Three meetings on: the third group session, of eight.
    let data = rapport_core::storage::layout::DataDir::new(dir.path());
    let mut settings = rapport_core::storage::settings::load(&data);
    settings.value.following = Some(rapport_core::storage::settings::Following {
        programme: "group-ipt".to_owned(),
        session: 4,
    });
    settings.save().unwrap();
    let harness = group_app(dir.path());
    harness.get_by_label_contains("eight sessions: session 3 of 8, “");
    harness
        .get_all_by_label_contains("Part of session 3, “")
        .next()
        .unwrap();
    assert!(harness.query_by_label_contains(" of 9").is_none());
    assert!(harness.query_by_label_contains("session 4").is_none());
}

#[test]
fn session_handouts_print_the_helplines_of_the_country_chosen() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = group_app(dir.path());
    harness.get_by_label("Programmes").click();
    harness.run();
    harness
        .get_by_label("Open Group Interpersonal Therapy: eight sessions")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::ComboBox,
            "Handouts print the helplines for",
        )
        .click();
    harness.run();
    harness.get_by_label("United States").click_accesskit();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().ui_state().handout_region.as_deref(),
        Some("US")
    );
    harness.get_by_label_contains("Session 3: ").click();
    harness.run();
    harness.get_by_label("Handout for session 3").click();
    harness.run();
    let pdf = dir.path().join("exports/group-ipt-session-3.pdf");
    let text = crate::handout::text(&pdf);
    assert!(text.contains("Numbers for United States"), "{text}");
    assert!(text.contains("Call or text 988"), "{text}");
    assert!(
        text.contains("call your local emergency number: 911"),
        "{text}"
    );
    assert!(!text.contains("at the top of the window"), "{text}");
}

/// A filled-in entry printed from History carries the same helplines as the session handouts:
/// the country chosen for handouts, not the app's button.
#[test]
fn an_entry_printed_from_history_prints_the_helplines_of_the_country_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let saved = rapport(dir.path())
        .args(["add", "coping-skills", "situation=A hard call"])
        .output()
        .unwrap();
    assert!(saved.status.success());
    let state = rapport::ui::UiState {
        handout_region: Some("US".to_owned()),
        ..rapport::ui::UiState::default()
    };
    let shell = rapport::ui::Shell::new(
        rapport_core::storage::layout::DataDir::new(dir.path()),
        state,
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1280.0, 3000.0])
        .build_ui_state(|ui, shell: &mut rapport::ui::Shell| shell.ui(ui), shell);
    harness.run();
    crate::common::click_each(&mut harness, &["Coping skills", "History", "Print (PDF)"]);
    let pdf = fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|item| item.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .expect("the handout was saved");
    let text = crate::handout::text(&pdf);
    assert!(text.contains("A hard call"), "{text}");
    assert!(text.contains("Numbers for United States"), "{text}");
    assert!(text.contains("Call or text 988"), "{text}");
    assert!(!text.contains("at the top of the window"), "{text}");
}

#[test]
fn the_group_programme_has_the_shape_of_who_group_ipt() {
    let workbook = rapport_core::content::workbook::Workbook::bundled();
    let group = workbook.programme("group-ipt").unwrap();
    assert!(!group.introduction.contains("mild to moderate"));
    assert!(group.introduction.contains("needs treatment"));
    assert!(group.introduction.contains("referred"));
    // Sessions 2 to 7 all have the same shape, whatever each member's problem area.
    let shape = |index: usize| -> Vec<String> {
        let session = &group.sessions[index];
        let total: u32 = session.agenda.iter().map(|i| i.minutes).sum();
        assert_eq!(total, session.minutes, "{}", session.title);
        session
            .agenda
            .iter()
            .filter(|i| i.kind != rapport_core::content::programme::ItemKind::Teaching)
            .map(|i| i.title.clone())
            .collect()
    };
    let first = shape(2);
    for title in [
        "Symptom review for each member",
        "Linking mood to the week’s events",
        "Each member’s problem area, with the group’s help",
        "Options and decision analysis",
        "Homework",
    ] {
        assert!(first.iter().any(|t| t == title), "{title} in {first:?}");
    }
    for index in 3..=7 {
        assert_eq!(shape(index), first, "session {index}");
        // The problem areas are optional segments, not a week each.
        let notes = &group.sessions[index].facilitator_notes;
        for area in ["Grief", "A disagreement", "A life change", "Loneliness"] {
            assert!(notes.contains(area), "{area}");
        }
    }
    // Depression is named as a common, treatable illness that is not the person's fault.
    let teaching: String = group.sessions[1]
        .agenda
        .iter()
        .map(|i| i.text.clone())
        .collect();
    assert!(teaching.contains("Depression is a common illness, and it can be treated"));
    assert!(teaching.contains("It is not your fault"));
}
