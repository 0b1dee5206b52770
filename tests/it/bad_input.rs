//! Bad input, everywhere: for every kind of file Rapport reads, every kind of damage gives a
//! problem naming the file, the rest still loads, and the file is left exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};

use rapport_core::problem::Problem;
use rapport_core::storage::layout::DataDir;

/// The kinds of damage, as (name, bytes). `None` bytes means a sparse 300 MB file.
fn cases(valid: &str, newer: &str) -> Vec<(&'static str, Option<Vec<u8>>)> {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    vec![
        ("empty", Some(Vec::new())),
        (
            "truncated",
            Some(valid.as_bytes()[..valid.len() / 2].to_vec()),
        ),
        ("not UTF-8", Some(b"(version: 1, \xff\xfe\xfd)".to_vec())),
        (
            "binary garbage",
            Some((0..4096u32).map(|i| (i * 7919 % 251) as u8).collect()),
        ),
        ("valid RON of the wrong shape", Some(b"[1, 2, 3]".to_vec())),
        ("newer format", Some(newer.as_bytes().to_vec())),
        ("deeply nested", Some(nested.into_bytes())),
        ("huge", None),
    ]
}

/// Writes a case into `path`; returns the bytes written (or the sparse length).
fn write_case(path: &Path, bytes: Option<&Vec<u8>>) -> u64 {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    if let Some(bytes) = bytes {
        fs::write(path, bytes).unwrap();
        bytes.len() as u64
    } else {
        // Sparse: takes no disk, but reading it all would take 300 MB of memory.
        let file = fs::File::create(path).unwrap();
        file.set_len(300 * 1024 * 1024).unwrap();
        300 * 1024 * 1024
    }
}

fn assert_reported(kind: &str, case: &str, problems: &[Problem], path: &Path) {
    let found = problems.iter().find(|p| p.path == path);
    let problem = found.unwrap_or_else(|| {
        panic!(
            "{kind}, {case}: no problem names {} in {problems:?}",
            path.display()
        )
    });
    assert!(!problem.message.is_empty(), "{kind}, {case}: a message");
    if case == "huge" {
        assert!(
            problem.message.contains("larger than"),
            "{kind}, huge: {}",
            problem.message
        );
    }
}

fn assert_untouched(path: &Path, bytes: Option<&Vec<u8>>, length: u64) {
    match bytes {
        Some(bytes) => assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        ),
        None => assert_eq!(fs::metadata(path).unwrap().len(), length),
    }
}

const ENTRY: &str = r#"(version: 1, id: "ID", worksheet: "coping-skills", worksheet_version: 1,
    created: "2026-11-25T10:00:00+00:00", edited: "2026-11-25T10:00:00+00:00",
    answers: {"intensity_before": Number(7)})"#;

#[test]
fn journal_entries() {
    for (case, bytes) in cases(ENTRY, &ENTRY.replace("version: 1,", "version: 9,")) {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        // A good entry beside the damaged one.
        let good = data.journal().join("good.ron");
        fs::create_dir_all(data.journal()).unwrap();
        fs::write(&good, ENTRY.replace("ID", "good")).unwrap();
        let path = data.journal().join("damaged.ron");
        let length = write_case(&path, bytes.as_ref());
        let journal = rapport_core::storage::journal::Journal::open(data).unwrap();
        assert_eq!(journal.len(), 1, "entry, {case}: the rest still loads");
        assert_reported("entry", case, journal.problems(), &path);
        if case == "newer format" {
            assert!(
                journal.problems()[0]
                    .message
                    .contains("newer version of Rapport")
            );
        }
        assert_untouched(&path, bytes.as_ref(), length);
    }
}

#[test]
fn duplicate_ids_and_values_out_of_range_in_entries() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    fs::create_dir_all(data.journal()).unwrap();
    fs::write(data.journal().join("a.ron"), ENTRY.replace("ID", "a")).unwrap();
    fs::write(
        data.journal().join("copy of a.ron"),
        ENTRY.replace("ID", "a"),
    )
    .unwrap();
    fs::write(
        data.journal().join("b.ron"),
        ENTRY.replace("ID", "b").replace("Number(7)", "Number(99)"),
    )
    .unwrap();
    let model = rapport_core::service::model::Model::open(data.clone()).unwrap();
    let messages: Vec<String> = model.problems().iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("does not match its file name") && m.contains("copy of a.ron")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("from 0 to 10, not 99") && m.contains("b.ron")),
        "{messages:?}"
    );
    assert_eq!(model.journal().len(), 2);
}

const WORKSHEET: &str = r#"(id: "mine", version: 1, title: "Mine", section: "skills", introduction: "Hello",
    steps: [(id: "how", label: "How", prompt: "How?", field: Rating(min: 0, max: 10, tracked: true))])"#;

#[test]
fn worksheet_and_programme_definitions() {
    let programme = r#"(id: "mine", version: 1, title: "Mine", sessions: [(title: "One", kind: Group, minutes: 10,
        agenda: [(title: "Hello", kind: Welcome, minutes: 10)])])"#;
    for (kind, folder, valid) in [
        ("worksheet", "worksheets", WORKSHEET),
        ("programme", "programmes", programme),
    ] {
        for (case, bytes) in cases(valid, &valid.replace("version: 1", "version: 9")) {
            if case == "newer format" {
                // A definition's version is its content version, not a file format: any is fine.
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(folder).join("damaged.ron");
            let length = write_case(&path, bytes.as_ref());
            let workbook =
                rapport_core::content::workbook::Workbook::load(Some(&DataDir::new(dir.path())));
            assert!(
                workbook.get("coping-skills").is_some(),
                "{kind}, {case}: the rest still loads"
            );
            assert!(workbook.programme("group-ipt").is_some());
            assert_reported(kind, case, workbook.problems(), &path);
            assert_untouched(&path, bytes.as_ref(), length);
        }
    }
    // Duplicate ids and out-of-range definitions.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("worksheets");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("a.ron"), WORKSHEET).unwrap();
    fs::write(folder.join("b.ron"), WORKSHEET).unwrap();
    fs::write(
        folder.join("c.ron"),
        WORKSHEET
            .replace("mine", "other")
            .replace("max: 10", "max: -5"),
    )
    .unwrap();
    let workbook = rapport_core::content::workbook::Workbook::load(Some(&DataDir::new(dir.path())));
    let messages: Vec<String> = workbook
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("already has the id") && m.contains("b.ron")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("min below max") && m.contains("c.ron")),
        "{messages:?}"
    );
}

#[test]
fn settings_and_crisis_contacts() {
    let settings = "(version: 1, following: Some((programme: \"group-ipt\", session: 2)))";
    let crisis = "(version: 1, my_numbers: [(name: \"Sam\", number: \"123\")])";
    for (kind, file, valid) in [
        ("settings", "settings.ron", settings),
        ("crisis", "crisis.ron", crisis),
    ] {
        for (case, bytes) in cases(valid, &valid.replace("version: 1", "version: 9")) {
            let dir = tempfile::tempdir().unwrap();
            let data = DataDir::new(dir.path());
            let path: PathBuf = dir.path().join(file);
            let length = write_case(&path, bytes.as_ref());
            let problem = if kind == "settings" {
                rapport_core::storage::settings::load(&data)
                    .problem()
                    .cloned()
            } else {
                rapport_core::storage::crisis_file::load_contacts(&data)
                    .problem()
                    .cloned()
            };
            assert_reported(kind, case, &problem.into_iter().collect::<Vec<_>>(), &path);
            assert_untouched(&path, bytes.as_ref(), length);
        }
    }
}

#[test]
fn share_files() {
    let valid = r#"(kind: "rapport-share", version: 1, programme: "group-ipt", group: "MAPLE-7", pseudonym: "Robin",
        created: "2026-11-25T10:00:00+00:00", series: [(id: "phq9", label: "PHQ-9", min: 0, max: 27, points: [("2026-11-02", 9)])])"#;
    for (case, bytes) in cases(valid, &valid.replace("version: 1", "version: 9")) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.ron"), valid.replace("Robin", "Ash")).unwrap();
        let path = dir.path().join("damaged.ron");
        let length = write_case(&path, bytes.as_ref());
        let import = rapport_core::facilitator::share::import(
            dir.path(),
            "MAPLE-7",
            None,
            &rapport_core::content::workbook::Workbook::bundled(),
        )
        .unwrap();
        assert_eq!(
            import.files.len(),
            1,
            "share, {case}: the rest still imports"
        );
        assert_reported("share", case, &import.skipped, &path);
        assert_untouched(&path, bytes.as_ref(), length);
    }
}

#[test]
fn the_protection_file() {
    let valid = r#"(version: 1, kdf: (algorithm: "argon2id", memory_kib: 65536, iterations: 3, parallelism: 1,
        salt: "00112233445566778899aabbccddeeff"), wrapped_key: "00", state: Protected)"#;
    for (case, bytes) in cases(valid, &valid.replace("version: 1", "version: 9")) {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let path = data.protection();
        let length = write_case(&path, bytes.as_ref());
        let message = rapport_core::storage::protection::Protection::read(&data)
            .expect_err("a damaged protection file is refused")
            .to_string();
        if case == "newer format" {
            assert!(message.contains("newer version of Rapport"), "{message}");
        } else {
            assert!(
                message.contains(&path.display().to_string()),
                "{case}: {message}"
            );
        }
        if case == "huge" {
            assert!(message.contains("larger than"), "{message}");
        }
        assert_untouched(&path, bytes.as_ref(), length);
    }
}

#[test]
fn sealed_entries_that_are_damaged_locked_or_from_another_key() {
    use rapport_core::storage::seal::Sealing;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    fs::create_dir_all(data.journal()).unwrap();
    fs::write(data.journal().join("a.ron"), ENTRY.replace("ID", "a")).unwrap();
    fs::write(data.journal().join("b.ron"), ENTRY.replace("ID", "b")).unwrap();
    let passphrase = "correct horse battery";
    let (key, _) =
        rapport_core::storage::protection::turn_on(&data, passphrase, &mut |_, _| {}).unwrap();
    let damaged = data.journal().join("b.ron");
    let mut bytes = fs::read(&damaged).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&damaged, &bytes).unwrap();

    let unlocked = data.with_sealing(Sealing::Sealed(key));
    let journal = rapport_core::storage::journal::Journal::open(unlocked).unwrap();
    assert_eq!(journal.len(), 1, "the rest still loads");
    assert_reported("sealed entry", "damaged", journal.problems(), &damaged);
    assert!(
        journal.problems()[0]
            .message
            .contains("could not be opened with this journal's key")
    );
    assert_eq!(fs::read(&damaged).unwrap(), bytes);

    // Without the key (a locked journal), each sealed file says so, and nothing is read.
    let locked = rapport_core::storage::journal::Journal::open(data.clone()).unwrap();
    assert_eq!(locked.len(), 0);
    assert_eq!(locked.problems().len(), 2, "{:?}", locked.problems());
    for problem in locked.problems() {
        assert!(
            problem.message.contains("protected by your passphrase"),
            "{problem}"
        );
    }

    // A key from another journal opens nothing.
    let other = tempfile::tempdir().unwrap();
    let other_data = DataDir::new(other.path());
    let (other_key, _) =
        rapport_core::storage::protection::turn_on(&other_data, passphrase, &mut |_, _| {})
            .unwrap();
    let wrong = rapport_core::storage::journal::Journal::open(
        data.with_sealing(Sealing::Sealed(other_key)),
    )
    .unwrap();
    assert_eq!(wrong.len(), 0);
    assert_eq!(wrong.problems().len(), 2);
}

/// A named pipe where an entry should be: `check` reports it instead of waiting for ever for
/// something to write to it.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_journal_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    fs::create_dir_all(&journal).unwrap();
    let pipe = journal.join("20261125T100000Z-coping-skills.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let output = crate::common::rapport(dir.path())
        .arg("check")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("not a regular file"), "{said}");
}
