//! The command line, run as a separate process on a temporary data folder.

use crate::common::rapport;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn journal_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir.join("journal"))
        .map(|listing| {
            listing
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn help_describes_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let assert = rapport(dir.path()).arg("--help").assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for name in [
        "worksheets",
        "add",
        "entries",
        "progress",
        "chart",
        "check",
        "protect",
        "--data-dir",
        "--passphrase-file",
    ] {
        assert!(out.contains(name), "--help mentions {name}:\n{out}");
    }
}

#[test]
fn worksheets_lists_ids_and_describes_fields() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .arg("worksheets")
        .assert()
        .success()
        .stdout(predicate::str::contains("coping-skills"))
        .stdout(predicate::str::contains("setting-boundaries"))
        .stdout(predicate::str::contains("forgiveness"));
    rapport(dir.path())
        .args(["worksheets", "coping-skills"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"intensity_before\s+rating\s+whole number 0\.\.10").unwrap(),
        )
        .stdout(predicate::str::is_match(r"situation\s+long-text").unwrap())
        .stdout(predicate::str::is_match(r"skills_tried\s+multi-choice").unwrap());
    rapport(dir.path())
        .args(["worksheets", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("There is no worksheet “nope”"));
}

#[test]
fn add_saves_an_entry_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let assert = rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=Argument at work",
            "intensity_before=8",
            "intensity_after=3",
            "skills_tried=paced breathing;Writing it down",
        ])
        .assert()
        .success();
    let printed = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let path = Path::new(printed.trim());
    assert!(path.starts_with(dir.path().join("journal")), "{printed}");
    let entry = rapport_core::storage::journal::read_entry_file(
        path,
        &rapport_core::storage::seal::Sealing::Plain,
    )
    .unwrap();
    assert_eq!(entry.worksheet, "coping-skills");
    assert_eq!(
        entry.answers["skills_tried"],
        rapport_core::content::entry::Answer::Choices(vec![
            "Paced breathing (breathing out more slowly than in)".into(),
            "Writing it down".into()
        ])
    );
}

#[test]
fn add_refuses_bad_values_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            vec!["add", "coping-skills", "intensity_before=11"],
            "from 0 to 10, not 11",
        ),
        (
            vec!["add", "coping-skills", "mood=5"],
            "“mood” is not a field",
        ),
        (
            vec!["add", "coping-skills", "situation"],
            "should be FIELD=VALUE",
        ),
        // A field the worksheet does not have.
        (
            vec!["add", "forgiveness", "next_step_choice=Let it rest for now"],
            "“next_step_choice” is not a field of forgiveness",
        ),
        // An option a choice does not list, where the person's own words are not allowed.
        (
            vec!["add", "getting-started", "focus_area=Fly"],
            "takes one of: Grief",
        ),
        (vec!["add", "no-such-sheet", "a=1"], "There is no worksheet"),
        (
            vec!["add", "coping-skills", "situation=  "],
            "Nothing to save yet",
        ),
    ] {
        rapport(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert!(journal_files(dir.path()).is_empty());
}

#[test]
fn add_refuses_an_unlisted_choice_where_other_is_not_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let worksheets = dir.path().join("worksheets");
    fs::create_dir_all(&worksheets).unwrap();
    fs::write(
        worksheets.join("mine.ron"),
        r#"(id: "mine", version: 1, title: "Mine", section: "skills", introduction: "x",
            steps: [(id: "pick", label: "Pick", prompt: "Pick one", field: Choice(options: ["Yes", "No"]))])"#,
    )
    .unwrap();
    rapport(dir.path())
        .args(["add", "mine", "pick=Maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("takes one of: Yes, No"));
    rapport(dir.path())
        .args(["add", "mine", "pick=no"])
        .assert()
        .success();
}

#[test]
fn entries_progress_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=First",
            "intensity_before=9",
            "intensity_after=5",
        ])
        .assert()
        .success();
    rapport(dir.path())
        .args(["add", "forgiveness", "what_happened=Second", "readiness=4"])
        .assert()
        .success();

    rapport(dir.path())
        .arg("entries")
        .assert()
        .success()
        .stdout(predicate::str::contains("coping-skills"))
        .stdout(predicate::str::contains("First"))
        .stdout(predicate::str::contains("Second"));
    rapport(dir.path())
        .args(["entries", "forgiveness"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Second"))
        .stdout(predicate::str::contains("First").not());

    rapport(dir.path())
        .args(["progress", "coping-skills"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"date\s+Intensity before\s+Intensity after").unwrap())
        .stdout(predicate::str::is_match(r"\d{4}-\d\d-\d\d \d\d:\d\d\s+9\s+5").unwrap());
    rapport(dir.path())
        .args(["progress", "coping-skills", "--csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "date,Intensity before,Intensity after\n",
        ))
        .stdout(predicate::str::is_match(r"\n\d{4}-\d\d-\d\d \d\d:\d\d,9,5\n$").unwrap());
}

#[test]
fn chart_writes_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let png = out.path().join("progress.png");
    rapport(dir.path())
        .args(["chart", "coping-skills", "--out"])
        .arg(&png)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to chart yet"));
    rapport(dir.path())
        .args(["add", "coping-skills", "intensity_before=7"])
        .assert()
        .success();
    rapport(dir.path())
        .args([
            "chart",
            "coping-skills",
            "--width",
            "640",
            "--height",
            "320",
            "--out",
        ])
        .arg(&png)
        .assert()
        .success();
    let bytes = fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let svg = out.path().join("progress.svg");
    rapport(dir.path())
        .args(["chart", "coping-skills", "--theme", "dark", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let text = fs::read_to_string(&svg).unwrap();
    // The SVG is well-formed XML, and its text names the chart.
    let document = roxmltree::Document::parse(&text).expect("the SVG parses as XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> = document
        .descendants()
        .filter_map(|node| node.text())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Coping skills")),
        "{texts:?}"
    );
    for kind in ["weekly", "calendar"] {
        let path = out.path().join(format!("{kind}.svg"));
        rapport(dir.path())
            .args(["chart", "--kind", kind, "--out"])
            .arg(&path)
            .assert()
            .success();
        roxmltree::Document::parse(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    rapport(dir.path())
        .args(["chart", "coping-skills", "--out"])
        .arg(out.path().join("chart.gif"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".png or .svg"));
}

#[test]
fn check_reports_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
    assert!(
        !dir.path().join("journal").exists(),
        "check creates nothing"
    );

    rapport(dir.path())
        .args(["add", "coping-skills", "intensity_before=7"])
        .assert()
        .success();
    let journal = dir.path().join("journal");
    fs::write(journal.join("torn.ron"), "(version: 1, id: \"torn\"").unwrap();
    fs::write(journal.join("binary.ron"), [0xff, 0x00, 0xfe]).unwrap();
    fs::write(journal.join("empty.ron"), "").unwrap();
    let worksheets = dir.path().join("worksheets");
    fs::create_dir_all(&worksheets).unwrap();
    fs::write(
        worksheets.join("bad.ron"),
        "(id: \"bad\", version: 1, title: \"Bad\", section: \"skills\", introduction: \"\",\n steps: [(id: \"r\", label: \"R\", prompt: \"R?\", field: Rating(min: 5, max: 1))])",
    )
    .unwrap();
    let before: Vec<_> = ["torn.ron", "binary.ron", "empty.ron"]
        .iter()
        .map(|name| fs::read(journal.join(name)).unwrap())
        .collect();

    rapport(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("torn.ron"))
        .stdout(predicate::str::contains("is not UTF-8 text"))
        .stdout(predicate::str::contains("is empty"))
        .stdout(predicate::str::contains("needs min below max"))
        .stdout(predicate::str::contains("bad.ron"))
        .stdout(predicate::str::contains("4 problem(s)"));
    let after: Vec<_> = ["torn.ron", "binary.ron", "empty.ron"]
        .iter()
        .map(|name| fs::read(journal.join(name)).unwrap())
        .collect();
    assert_eq!(before, after, "check never changes a file");
}

#[test]
fn the_data_dir_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("rapport")
        .unwrap()
        .env("RAPPORT_DATA_DIR", dir.path())
        .args(["add", "forgiveness", "readiness=2"])
        .assert()
        .success()
        .stdout(predicate::str::contains(dir.path().to_str().unwrap()));
    assert_eq!(journal_files(dir.path()).len(), 1);
}

#[test]
fn export_import_backup_restore_and_trash() {
    let dir = tempfile::tempdir().unwrap();
    let first = rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "situation=First, with a comma",
            "intensity_before=6",
        ])
        .assert()
        .success();
    let first_path = String::from_utf8(first.get_output().stdout.clone()).unwrap();
    let first_id = Path::new(first_path.trim())
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();

    let out = tempfile::tempdir().unwrap();
    for (format, file, expect) in [
        ("csv", "j.csv", "\"First, with a comma\""),
        (
            "md",
            "j.md",
            "**What is happening, or what just happened?**",
        ),
        ("ron", "j.ron", "rapport-archive"),
    ] {
        rapport(dir.path())
            .args(["export", "--format", format, "--out"])
            .arg(out.path().join(file))
            .assert()
            .success()
            .stdout(predicate::str::contains("1 entries written"));
        assert!(
            fs::read_to_string(out.path().join(file))
                .unwrap()
                .contains(expect),
            "{format}"
        );
    }
    // Importing into another journal adds; importing again finds duplicates.
    let other = tempfile::tempdir().unwrap();
    rapport(other.path())
        .arg("import")
        .arg(out.path().join("j.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added"));
    rapport(other.path())
        .arg("import")
        .arg(out.path().join("j.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 already there"));
    rapport(other.path())
        .arg("import")
        .arg(out.path().join("j.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Rapport archive"));

    // Edit keeps the answer given and the others.
    rapport(dir.path())
        .args(["edit", &first_id, "intensity_after=2"])
        .assert()
        .success();
    rapport(dir.path())
        .args(["progress", "coping-skills", "--csv"])
        .assert()
        .stdout(predicate::str::contains(",6,2"));

    // Backup, a change, restore: the restored journal is the backup, the other is kept aside.
    let backup = rapport(dir.path()).arg("backup").assert().success();
    let backup_path = String::from_utf8(backup.get_output().stdout.clone()).unwrap();
    rapport(dir.path())
        .arg("backups")
        .assert()
        .stdout(predicate::str::contains(backup_path.trim()));
    rapport(dir.path())
        .args(["add", "forgiveness", "readiness=1"])
        .assert()
        .success();
    rapport(dir.path())
        .args(["restore", backup_path.trim()])
        .assert()
        .success()
        .stdout(predicate::str::contains("kept in"));
    rapport(dir.path())
        .arg("entries")
        .assert()
        .stdout(predicate::str::contains("forgiveness").not());
    assert!(fs::read_dir(dir.path()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("journal.before-restore-")
    }));

    // Trash and restore-entry.
    rapport(dir.path())
        .arg("trash")
        .assert()
        .stdout(predicate::str::contains("The trash is empty."));
    let mut journal = rapport_core::storage::journal::Journal::open(
        rapport_core::storage::layout::DataDir::new(dir.path()),
    )
    .unwrap();
    journal.delete(&first_id).unwrap();
    rapport(dir.path())
        .arg("trash")
        .assert()
        .stdout(predicate::str::contains(&first_id));
    rapport(dir.path())
        .args(["restore-entry", &first_id])
        .assert()
        .success();
    rapport(dir.path())
        .arg("entries")
        .assert()
        .stdout(predicate::str::contains("First, with a comma"));
}

/// Writes a passphrase file in `dir` and returns its path.
fn passphrase_file(dir: &Path, name: &str, passphrase: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("{passphrase}\n")).unwrap();
    path
}

#[test]
fn protect_on_change_and_off_round_trip_and_a_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = tempfile::tempdir().unwrap();
    let data = dir.path();
    let first = passphrase_file(secrets.path(), "first", "correct horse battery");
    let second = passphrase_file(secrets.path(), "second", "a different good phrase");
    let wrong = passphrase_file(secrets.path(), "wrong", "correct horse batteries");
    let short = passphrase_file(secrets.path(), "short", "tiny");
    rapport(data)
        .args([
            "add",
            "coping-skills",
            "situation=Row with my sister",
            "intensity_before=7",
        ])
        .assert()
        .success();

    // Too short: refused, nothing written.
    rapport(data)
        .arg("--passphrase-file")
        .arg(&short)
        .args(["protect", "on"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 8 characters"));
    assert!(!data.join("protection.ron").exists());

    rapport(data)
        .arg("--passphrase-file")
        .arg(&first)
        .args(["protect", "on"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Protected: 1 file(s) sealed"))
        .stderr(predicate::str::contains("cannot be recovered"));
    let file = data.join("journal").join(&journal_files(data)[0]);
    let sealed = fs::read(&file).unwrap();
    assert!(rapport_core::storage::seal::is_sealed(&sealed));
    assert!(!String::from_utf8_lossy(&sealed).contains("sister"));

    // Without a passphrase and no terminal: a clear message, not a hang.
    rapport(data)
        .arg("entries")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--passphrase-file"));
    // A wrong passphrase: refused, nothing changed.
    let protection = fs::read(data.join("protection.ron")).unwrap();
    rapport(data)
        .arg("--passphrase-file")
        .arg(&wrong)
        .arg("entries")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not open this journal"));
    assert_eq!(fs::read(&file).unwrap(), sealed);
    assert_eq!(fs::read(data.join("protection.ron")).unwrap(), protection);
    // The right one: every command works as before.
    rapport(data)
        .arg("--passphrase-file")
        .arg(&first)
        .arg("entries")
        .assert()
        .success()
        .stdout(predicate::str::contains("Row with my sister"));
    rapport(data)
        .arg("--passphrase-file")
        .arg(&first)
        .args(["add", "coping-skills", "situation=Walk after the call"])
        .assert()
        .success();
    assert!(
        journal_files(data)
            .iter()
            .all(|name| rapport_core::storage::seal::is_sealed(
                &fs::read(data.join("journal").join(name)).unwrap()
            )),
        "new entries are sealed too"
    );
    // Worksheets need no passphrase.
    rapport(data).arg("worksheets").assert().success();

    // Change: the old passphrase stops working, the new one opens the same files.
    rapport(data)
        .arg("--passphrase-file")
        .arg(&first)
        .args(["protect", "change", "--new-passphrase-file"])
        .arg(&second)
        .assert()
        .success();
    assert_eq!(fs::read(&file).unwrap(), sealed, "files are not rewritten");
    rapport(data)
        .arg("--passphrase-file")
        .arg(&first)
        .arg("entries")
        .assert()
        .code(2);
    rapport(data)
        .arg("--passphrase-file")
        .arg(&second)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("2 entries").and(predicate::str::contains("no problems")));

    // Off: plain text again, and no passphrase asked.
    rapport(data)
        .arg("--passphrase-file")
        .arg(&second)
        .args(["protect", "off"])
        .assert()
        .success()
        .stdout(predicate::str::contains("plain text again"));
    assert!(!data.join("protection.ron").exists());
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Row with my sister")
    );
    rapport(data)
        .arg("entries")
        .assert()
        .success()
        .stdout(predicate::str::contains("Walk after the call"));
}

/// `rapport edit` tells the person exactly what `rapport add` does: the score and band, and the
/// crisis message when an answer calls for it. (It used to print only the path.)
#[test]
fn edit_prints_the_score_and_the_crisis_message_exactly_as_add_does() {
    let dir = tempfile::tempdir().unwrap();
    let items = |q9: u8| {
        let mut args = vec!["add".to_owned(), "phq9".to_owned()];
        args.extend((1..=8).map(|i| format!("q{i}=1")));
        args.push(format!("q9={q9}"));
        args
    };
    let added = rapport(dir.path()).args(items(2)).assert().success();
    let added = String::from_utf8(added.get_output().stdout.clone()).unwrap();
    let alert = rapport_core::content::crisis::CLI_ALERT;
    assert!(added.contains("of 27"), "{added}");
    assert!(added.contains(alert), "{added}");

    // A second entry, calm, then edited to the same answers as the first.
    let calm = rapport(dir.path()).args(items(0)).assert().success();
    let calm = String::from_utf8(calm.get_output().stdout.clone()).unwrap();
    assert!(!calm.contains(alert), "{calm}");
    let path = calm.lines().next().unwrap();
    let id = Path::new(path).file_stem().unwrap().to_str().unwrap();
    let edited = rapport(dir.path())
        .args(["edit", id, "q9=2"])
        .assert()
        .success();
    let edited = String::from_utf8(edited.get_output().stdout.clone()).unwrap();
    // Everything but the file's path is the same as for `add`.
    let after_path = |text: &str| text.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(after_path(&edited), after_path(&added));
    assert!(edited.starts_with(path), "{edited}");
}

/// `rapport add` reads nothing else from the journal: a FIFO among the entries would block any
/// read of it for ever, so an add that read the whole journal would time out here.
#[cfg(unix)]
#[test]
fn add_and_edit_read_no_other_entry() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    fs::create_dir_all(&journal).unwrap();
    let fifo = journal.join("20200101T000000Z-coping-skills.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let added = rapport(dir.path())
        .args(["add", "coping-skills", "intensity_before=4"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let path = String::from_utf8(added.get_output().stdout.clone()).unwrap();
    let id = Path::new(path.trim())
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    rapport(dir.path())
        .args(["edit", &id, "intensity_after=2"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    assert!(fifo.exists());
}

/// With no display, the app says so in words and exits non-zero, instead of eframe's raw error.
#[test]
fn the_app_without_a_display_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let output = rapport(dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no display was found"), "{stderr}");
    assert!(stderr.contains("rapport --help"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// Text from files cannot drive the terminal: a worksheet titled with escape sequences and a
/// right-to-left override is listed with them shown as `�`, and CSV cells cannot start a
/// formula when opened in a spreadsheet.
#[test]
fn escape_sequences_from_files_are_not_printed_and_csv_cells_run_no_formula() {
    let dir = tempfile::tempdir().unwrap();
    let worksheets = dir.path().join("worksheets");
    fs::create_dir_all(&worksheets).unwrap();
    fs::write(
        worksheets.join("mine.ron"),
        "(id: \"mine\", version: 1, title: \"Mine\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{202e}gpj.exe\", section: \"skills\", introduction: \"x\",
            steps: [(id: \"how\", label: \"How\", prompt: \"How?\", field: Rating(min: 0, max: 10, tracked: true)),
                    (id: \"note\", label: \"Note\", prompt: \"Note\", field: Text)])",
    )
    .unwrap();
    let listed = rapport(dir.path()).arg("worksheets").assert().success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(listed.contains("Mine�[2J�]0;pwned��gpj.exe"), "{listed}");
    assert!(
        !listed.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{listed:?}"
    );

    rapport(dir.path())
        .args([
            "add",
            "mine",
            "how=3",
            "note==HYPERLINK(\"http://evil.invalid\",\"x\")",
        ])
        .assert()
        .success();
    let csv = dir.path().join("out.csv");
    rapport(dir.path())
        .args(["export", "--format", "csv", "--worksheet", "mine", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let text = fs::read_to_string(&csv).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"),
        "{text}"
    );
}

/// An export never lands among the journal's own files: `--out journal/ID.ron` would have
/// replaced an entry without keeping a version.
#[test]
fn an_export_into_the_journals_private_folders_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let added = rapport(dir.path())
        .args(["add", "coping-skills", "intensity_before=4"])
        .assert()
        .success();
    let path = String::from_utf8(added.get_output().stdout.clone()).unwrap();
    let entry = Path::new(path.trim()).to_path_buf();
    let before = fs::read(&entry).unwrap();
    for target in [
        entry.clone(),
        dir.path().join("journal/new.ron"),
        dir.path().join("backups/rapport-2026-01-01.ron"),
        dir.path().join("journal/../versions/x/y.ron"),
    ] {
        rapport(dir.path())
            .args(["export", "--format", "ron", "--out"])
            .arg(&target)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot go among your entries"));
    }
    // Relative to the data folder, as a person in it would type it.
    rapport(dir.path())
        .current_dir(dir.path())
        .args(["export", "--format", "csv", "--out", "journal/x.ron"])
        .assert()
        .code(2);
    assert_eq!(fs::read(&entry).unwrap(), before);
    assert_eq!(journal_files(dir.path()).len(), 1);
    // Outside them it works, the exports folder included.
    rapport(dir.path())
        .args(["export", "--format", "ron", "--out"])
        .arg(dir.path().join("exports/all.ron"))
        .assert()
        .success();
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly_and_successfully() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    crate::common::rapport(dir.path())
        .args(["demo-data", "--years", "2"])
        .assert()
        .success();
    // As `rapport entries | head -c 100` under `set -o pipefail`: the reader takes a little,
    // then closes its end while far more than a pipe's buffer is still to come.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("entries")
        .env_remove("RAPPORT_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut start = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut start).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "nothing to tell anyone"
    );
    assert!(output.status.success(), "{:?}", output.status);
}
