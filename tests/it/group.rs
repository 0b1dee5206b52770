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
