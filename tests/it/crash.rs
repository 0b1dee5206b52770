//! Crash safety, proven: `rapport add` and `rapport edit` are killed with SIGKILL at random
//! moments, over and over. After every kill the journal must check clean, and every save that
//! was reported (its path printed) must be on disk, intact, with its answers.
//!
//! CI runs 60 kills. The full run: `RAPPORT_KILLS=500 cargo test --release --test crash`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("rapport")
}

/// What a killed child managed to report, if anything: the path it printed.
fn run_and_kill(dir: &Path, args: &[String], after: Duration) -> Option<String> {
    let mut child = Command::new(binary())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("RAPPORT_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().expect("wait works").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    // SIGKILL on Unix: no destructors, no flushing, no chance to tidy up.
    let _ = child.kill();
    let _ = child.wait();
    let mut printed = String::new();
    child.stdout.take()?.read_to_string(&mut printed).ok()?;
    let path = printed.lines().next()?.trim().to_owned();
    (!path.is_empty()).then_some(path)
}

#[test]
fn sigkill_at_random_moments_loses_nothing_that_was_reported_saved() {
    let kills: usize = std::env::var("RAPPORT_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(42);
    // For each entry: the value last reported saved, and values attempted since (a killed edit
    // may still have landed after its rename but before it could print).
    let mut expected: BTreeMap<String, (i64, Vec<i64>)> = BTreeMap::new();
    let mut reported = 0;
    // Kill within about as long as an uninterrupted save takes on this machine now, so the
    // kills land across the whole save however loaded the machine is (a fixed 20 ms window
    // killed every save before it began when the machine was busy).
    // The median of three uninterrupted saves: the first, with cold caches, is slower than the rest.
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let whole = run_and_kill(
            dir.path(),
            &[
                "add".into(),
                "coping-skills".into(),
                "intensity_after=0".into(),
            ],
            Duration::from_mins(1),
        )
        .expect("an uninterrupted save reports its path");
        times.push(u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX));
        let id = Path::new(&whole)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        expected.insert(id, (0, Vec::new()));
    }
    times.sort_unstable();
    let window = times[1];
    for round in 0..kills {
        let value = i64::try_from(round % 11).unwrap();
        let edit = !expected.is_empty() && rng.bool();
        let args: Vec<String> = if edit {
            let ids: Vec<&String> = expected.keys().collect();
            let id = ids[rng.usize(..ids.len())].clone();
            expected.get_mut(&id).unwrap().1.push(value);
            vec!["edit".into(), id, format!("intensity_after={value}")]
        } else {
            vec![
                "add".into(),
                "coping-skills".into(),
                format!("situation=Round {round}"),
                format!("intensity_after={value}"),
            ]
        };
        // Up to one and a half saves: most kills land during one, the rest after it finished, so
        // some saves are reported even on a machine busier than when it was measured (with a
        // window of one save measured cold, none finished once in CI, and the test failed).
        let after = Duration::from_micros(rng.u64(0..window.saturating_mul(3) / 2));
        if let Some(path) = run_and_kill(dir.path(), &args, after) {
            reported += 1;
            let id = Path::new(&path)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            expected.insert(id, (value, Vec::new()));
        }

        // After every kill: everything readable, nothing reported lost.
        let check = Command::new(binary())
            .arg("--data-dir")
            .arg(dir.path())
            .arg("check")
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "round {round}: check failed:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let journal = rapport_core::storage::journal::Journal::open(
            rapport_core::storage::layout::DataDir::new(dir.path()),
        )
        .unwrap();
        for (id, (value, attempted)) in &expected {
            let entry = journal
                .get(id)
                .unwrap_or_else(|| panic!("round {round}: {id} was reported saved and is missing"));
            let found = match entry.answers.get("intensity_after") {
                Some(rapport_core::content::entry::Answer::Number(n)) => *n,
                other => panic!("round {round}: {id} has {other:?}"),
            };
            assert!(
                found == *value || attempted.contains(&found),
                "round {round}: {id} holds {found}, but {value} was reported saved"
            );
        }
    }
    let leftovers = std::fs::read_dir(dir.path().join("journal")).map_or(0, |listing| {
        listing
            .filter(|item| {
                item.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count()
    });
    eprintln!(
        "{kills} kills: {reported} saves reported and all intact; {} entries; {leftovers} leftover temporary files (ignored by loading)",
        expected.len()
    );
    assert!(reported > 0, "some saves completed before their kill");
}

/// Reads the journal as it is on disk, unlocking it if protected, and checks that every
/// private file is whole: plain or sealed as the protection state says, and readable.
fn open_as_is(dir: &Path, passphrase: &str) -> (rapport_core::storage::journal::Journal, String) {
    use rapport_core::storage::protection::{Protection, ProtectionState};
    use rapport_core::storage::seal::{Sealing, is_sealed};
    let plain = rapport_core::storage::layout::DataDir::new(dir);
    let protection = Protection::read(&plain).expect("the protection file is whole");
    let (data, state) = match &protection {
        None => (plain.clone(), "off".to_owned()),
        Some(p) => {
            let key = std::sync::Arc::new(p.unlock(passphrase).expect("the passphrase opens it"));
            (
                plain.with_sealing(Sealing::Sealed(key)),
                format!("{:?}", p.state),
            )
        }
    };
    for file in plain.private_files() {
        let bytes = std::fs::read(&file).unwrap();
        match protection.as_ref().map(|p| p.state) {
            None => assert!(
                !is_sealed(&bytes),
                "{} is sealed with protection off",
                file.display()
            ),
            Some(ProtectionState::Protected) => {
                assert!(
                    is_sealed(&bytes),
                    "{} is plain with protection on",
                    file.display()
                );
            }
            // Mid-conversion: each file is whole, in either form.
            Some(_) => {}
        }
        data.read_private(&file, 1 << 30)
            .unwrap_or_else(|e| panic!("{} cannot be read: {e}", file.display()));
    }
    (
        rapport_core::storage::journal::Journal::open(data).unwrap(),
        state,
    )
}

#[test]
fn turning_protection_on_and_off_killed_at_random_moments_loses_no_entry() {
    let kills: usize = std::env::var("RAPPORT_CONVERSION_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16);
    let dir = tempfile::tempdir().unwrap();
    let passphrase_file = dir.path().join("passphrase.txt");
    std::fs::write(&passphrase_file, "correct horse battery\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let root = data.path();
    // A journal with entries, earlier versions, a deleted entry, a draft and a backup.
    {
        use rapport_core::content::entry::Answer;
        let data = rapport_core::storage::layout::DataDir::new(root);
        let workbook = rapport_core::content::workbook::Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let mut journal = rapport_core::storage::journal::Journal::open(data.clone()).unwrap();
        let mut ids = Vec::new();
        for day in 0..40i64 {
            let when: rapport_core::time::LocalTime =
                format!("2026-0{}-1{}T09:00:00+01:00", 1 + day % 9, day % 10)
                    .parse()
                    .unwrap();
            let answers = [
                (
                    "situation".to_owned(),
                    Answer::Text(format!("Day {day} with my brother")),
                ),
                ("intensity_before".to_owned(), Answer::Number(day % 11)),
            ];
            ids.push(
                journal
                    .add_at(coping, answers.into(), when)
                    .unwrap()
                    .id
                    .clone(),
            );
        }
        for id in &ids[..3] {
            let answers = [("intensity_after".to_owned(), Answer::Number(2))];
            journal.update(id, coping, answers.into()).unwrap();
        }
        journal.delete(&ids[3]).unwrap();
        let draft = rapport_core::storage::draft::Draft {
            version: 1,
            worksheet: "coping-skills".into(),
            editing: None,
            saved: rapport_core::time::LocalTime::now(),
            answers: [(
                "situation".to_owned(),
                Answer::Text("Half a thought".into()),
            )]
            .into(),
        };
        rapport_core::storage::draft::save(&data, &draft).unwrap();
        rapport_core::storage::archive::back_up(&journal, rapport_core::time::LocalTime::now())
            .unwrap();
    }
    let run = |args: &[&str]| {
        Command::new(binary())
            .arg("--data-dir")
            .arg(root)
            .arg("--passphrase-file")
            .arg(&passphrase_file)
            .args(args)
            .env_remove("RAPPORT_DATA_DIR")
            .output()
            .unwrap()
    };
    let (journal, _) = open_as_is(root, "");
    let expected: Vec<rapport_core::content::entry::Entry> = journal.entries().cloned().collect();
    let files = rapport_core::storage::layout::DataDir::new(root)
        .private_files()
        .len();

    // How long an uninterrupted conversion takes each way, to kill within it.
    let timed = |args: &[&str]| {
        let started = Instant::now();
        assert!(run(args).status.success());
        started.elapsed()
    };
    let on = timed(&["protect", "on"]);
    let off = timed(&["protect", "off"]);

    let mut rng = fastrand::Rng::with_seed(7);
    let mut seen = BTreeMap::<String, usize>::new();
    for round in 0..kills {
        let protected = rapport_core::storage::protection::Protection::read(
            &rapport_core::storage::layout::DataDir::new(root),
        )
        .unwrap()
        .is_some_and(|p| p.state != rapport_core::storage::protection::ProtectionState::TurningOff);
        let (action, took) = if protected { ("off", off) } else { ("on", on) };
        let mut child = Command::new(binary())
            .arg("--data-dir")
            .arg(root)
            .arg("--passphrase-file")
            .arg(&passphrase_file)
            .args(["protect", action])
            .env_remove("RAPPORT_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        if rng.u8(0..4) == 0 {
            // Anywhere in the run, the key derivation included.
            let after = took.mul_f64(rng.f64() * 1.1);
            while start.elapsed() < after && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(500));
            }
        } else {
            // While the files are being rewritten: once the protection file says so, a little
            // later.
            let converting = if action == "on" {
                rapport_core::storage::protection::ProtectionState::TurningOn
            } else {
                rapport_core::storage::protection::ProtectionState::TurningOff
            };
            while child.try_wait().unwrap().is_none()
                && start.elapsed() < took * 3
                && !rapport_core::storage::protection::Protection::read(
                    &rapport_core::storage::layout::DataDir::new(root),
                )
                .ok()
                .flatten()
                .is_some_and(|p| p.state == converting)
            {
                std::thread::sleep(Duration::from_micros(300));
            }
            std::thread::sleep(Duration::from_micros(rng.u64(0..60_000)));
        }
        let _ = child.kill();
        let _ = child.wait();

        let check = run(&["check"]);
        assert!(
            check.status.success(),
            "round {round}: check failed:\n{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        let (journal, state) = open_as_is(root, "correct horse battery");
        assert!(
            journal.problems().is_empty(),
            "round {round}: {:?}",
            journal.problems()
        );
        let now: Vec<rapport_core::content::entry::Entry> = journal.entries().cloned().collect();
        assert_eq!(now, expected, "round {round}: the entries changed");
        *seen.entry(state).or_default() += 1;
    }
    eprintln!(
        "{kills} kills during protect on/off ({files} private files; uninterrupted: on {on:?}, off {off:?}); states after the kills: {seen:?}; every entry intact each time"
    );
    // The harness is worth something only if kills landed inside both conversions.
    for state in ["TurningOn", "TurningOff"] {
        assert!(
            seen.get(state).copied().unwrap_or(0) >= 1,
            "no kill left the journal {state}: {seen:?}"
        );
    }
}

/// Runs `rapport` on `root` to the end.
fn rapport(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(binary())
        .arg("--data-dir")
        .arg(root)
        .args(args)
        .env_remove("RAPPORT_DATA_DIR")
        .output()
        .unwrap()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_folder(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

fn entry_ids(root: &Path) -> std::collections::BTreeSet<String> {
    rapport_core::storage::journal::Journal::open(rapport_core::storage::layout::DataDir::new(root))
        .unwrap()
        .entries()
        .map(|entry| entry.id.clone())
        .collect()
}

/// `rapport restore` killed at random moments: afterwards the journal is either exactly as it
/// was or exactly the backup, never a mix, and `check` passes.
#[test]
fn a_restore_killed_at_random_moments_leaves_the_journal_or_the_backup_whole() {
    let kills: usize = std::env::var("RAPPORT_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .map_or(20, |n: usize| (n / 3).max(5));
    let template = tempfile::tempdir().unwrap();
    for n in 0..40 {
        let situation = format!("situation=Before the backup {n}");
        assert!(
            rapport(template.path(), &["add", "coping-skills", &situation])
                .status
                .success()
        );
    }
    let backed_up = rapport(template.path(), &["backup"]);
    assert!(backed_up.status.success());
    let backup = String::from_utf8_lossy(&backed_up.stdout)
        .split_whitespace()
        .find(|word| Path::new(word).extension().is_some_and(|ext| ext == "ron"))
        .map(std::path::PathBuf::from)
        .expect("the backup's path is printed");
    let backup_name = backup.file_name().unwrap().to_owned();
    let in_backup = entry_ids(template.path());
    for n in 0..15 {
        let situation = format!("situation=After the backup {n}");
        assert!(
            rapport(template.path(), &["add", "coping-skills", &situation])
                .status
                .success()
        );
    }
    let before = entry_ids(template.path());
    assert_eq!(before.len(), 55);

    // How long an uninterrupted restore takes here, to spread the kills across it.
    let timing = tempfile::tempdir().unwrap();
    copy_folder(template.path(), timing.path());
    let started = Instant::now();
    let whole = rapport(
        timing.path(),
        &[
            "restore",
            &timing
                .path()
                .join("backups")
                .join(&backup_name)
                .to_string_lossy(),
        ],
    );
    let took = started.elapsed();
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    assert_eq!(entry_ids(timing.path()), in_backup);

    let mut rng = fastrand::Rng::with_seed(7);
    let mut outcomes = BTreeMap::new();
    for round in 0..kills {
        let dir = tempfile::tempdir().unwrap();
        copy_folder(template.path(), dir.path());
        let backup = dir.path().join("backups").join(&backup_name);
        let after = took.mul_f64(rng.f64() * 2.0);
        let args = vec!["restore".to_owned(), backup.to_string_lossy().into_owned()];
        let _ = run_and_kill(dir.path(), &args, after);
        let check = rapport(dir.path(), &["check"]);
        assert!(
            check.status.success(),
            "round {round}: check failed:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let now = entry_ids(dir.path());
        let outcome = if now == before {
            "as it was"
        } else if now == in_backup {
            "restored"
        } else {
            panic!("round {round}: a mix of {} entries", now.len())
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    eprintln!("{kills} kills during restore: {outcomes:?}; the journal whole each time");
    // Worth something only if kills landed both before and after the swap.
    assert!(
        outcomes.len() == 2,
        "the kills all landed on one side: {outcomes:?}"
    );
}

/// `rapport import` killed at random moments: the archive is imported whole or not at all,
/// nothing already in the journal is lost or damaged, `check` passes, and importing the same
/// archive again completes it with no duplicates and no staging folder left behind.
#[test]
fn an_import_killed_at_random_moments_adds_all_or_nothing_and_completes_when_run_again() {
    let elsewhere = tempfile::tempdir().unwrap();
    for n in 0..40 {
        let situation = format!("situation=From the other computer {n}");
        assert!(
            rapport(elsewhere.path(), &["add", "coping-skills", &situation])
                .status
                .success()
        );
    }
    let archive = elsewhere.path().join("exports/other.ron");
    let exported = rapport(
        elsewhere.path(),
        &[
            "export",
            "--format",
            "ron",
            "--out",
            &archive.to_string_lossy(),
        ],
    );
    assert!(exported.status.success());
    let template = tempfile::tempdir().unwrap();
    for n in 0..10 {
        let situation = format!("situation=Here {n}");
        assert!(
            rapport(template.path(), &["add", "coping-skills", &situation])
                .status
                .success()
        );
    }
    let before = entry_ids(template.path());

    let timing = tempfile::tempdir().unwrap();
    copy_folder(template.path(), timing.path());
    let started = Instant::now();
    assert!(
        rapport(timing.path(), &["import", &archive.to_string_lossy()])
            .status
            .success()
    );
    let took = started.elapsed();
    let all = entry_ids(timing.path()).len();
    assert_eq!(all, before.len() + 40);

    let mut rng = fastrand::Rng::with_seed(11);
    let mut outcomes = BTreeMap::new();
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        copy_folder(template.path(), dir.path());
        let args = vec!["import".to_owned(), archive.to_string_lossy().into_owned()];
        let _ = run_and_kill(dir.path(), &args, took.mul_f64(rng.f64() * 2.0));
        let check = rapport(dir.path(), &["check"]);
        assert!(
            check.status.success(),
            "round {round}: check failed:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let now = entry_ids(dir.path());
        assert!(now.is_superset(&before), "round {round}: an entry was lost");
        let added = now.len() - before.len();
        let outcome = match added {
            0 => "nothing added",
            40 => "all added",
            _ => panic!("round {round}: a kill left {added} of 40 imported"),
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
        let again = rapport(dir.path(), &["import", &archive.to_string_lossy()]);
        assert!(
            again.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(
            entry_ids(dir.path()).len(),
            all,
            "round {round}: after {added} added, importing again gives every entry once"
        );
        let staging: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("journal."))
            .collect();
        assert!(
            staging.is_empty(),
            "round {round}: left behind: {staging:?}"
        );
    }
    eprintln!(
        "20 kills during import: {outcomes:?}; all or nothing each time, and complete after importing again"
    );
}

/// A small file system of its own (a tmpfs, mounted here: the tests run as root), unmounted
/// when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn new(size: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(
            mounted.success(),
            "this test needs to mount a small tmpfs (run as root)"
        );
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Every file in `folder` with its bytes, sorted by name.
fn files_in(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(folder)
        .unwrap()
        .map(|item| {
            let path = item.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_backup_on_a_full_disk_says_so_and_keeps_the_earlier_one_whole() {
    let disk = SmallDisk::new("8m");
    let data = disk.path().join("data");
    crate::common::rapport(&data)
        .args(["demo-data", "--years", "1"])
        .assert()
        .success();
    crate::common::rapport(&data)
        .arg("backup")
        .assert()
        .success();
    let backups = data.join("backups");
    let earlier = files_in(&backups);
    assert_eq!(earlier.len(), 1, "today's backup");
    // Fill what is left of the disk (the write stops at the first full block).
    let filler = disk.path().join("filler");
    let mut file = fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut file, &block).is_ok() {}
    drop(file);

    let output = crate::common::rapport(&data)
        .arg("backup")
        .output()
        .unwrap();
    assert!(!output.status.success(), "a backup that did not fit fails");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("Could not write the backup")
            && said.contains(&backups.display().to_string()),
        "a message a person can act on, with the path: {said}"
    );
    let now = files_in(&backups);
    assert_eq!(
        now, earlier,
        "the earlier backup is byte for byte as it was, and no half-written file is left"
    );
    // With room again, the journal is whole and the backup is made.
    fs::remove_file(&filler).unwrap();
    crate::common::rapport(&data)
        .arg("check")
        .assert()
        .success();
    crate::common::rapport(&data)
        .arg("backup")
        .assert()
        .success();
}
