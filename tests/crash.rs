//! Crash safety, proven: `rapport add` and `rapport edit` are killed with SIGKILL at random
//! moments, over and over. After every kill the journal must check clean, and every save that
//! was reported (its path printed) must be on disk, intact, with its answers.
//!
//! CI runs 60 kills. The full run: `RAPPORT_KILLS=500 cargo test --release --test crash`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
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
        let after = Duration::from_micros(rng.u64(0..20_000));
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
        let journal =
            rapport::journal::Journal::open(rapport::data_dir::DataDir::new(dir.path())).unwrap();
        for (id, (value, attempted)) in &expected {
            let entry = journal
                .get(id)
                .unwrap_or_else(|| panic!("round {round}: {id} was reported saved and is missing"));
            let found = match entry.answers.get("intensity_after") {
                Some(rapport::entry::Answer::Number(n)) => *n,
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
