//! Trust checks that do not need a window: format fixtures from v1 still read, and the app has
//! no way to reach the network.

use std::fs;
use std::path::Path;

use rapport_core::content::entry::Answer;
use rapport_core::storage::journal::read_entry_file;

#[test]
fn entries_written_by_format_1_still_read() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entry/v1");
    let mut read = 0;
    for file in fs::read_dir(&folder).unwrap() {
        let path = file.unwrap().path();
        let entry = read_entry_file(&path, &rapport_core::storage::seal::Sealing::Plain)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(entry.version, 1);
        read += 1;
    }
    assert_eq!(read, 3);
    let coping = read_entry_file(
        &folder.join("20250301T090000Z-coping-skills.ron"),
        &rapport_core::storage::seal::Sealing::Plain,
    )
    .unwrap();
    assert_eq!(coping.answers["intensity_before"], Answer::Number(8));
    assert_eq!(coping.created.to_string(), "2025-03-01T10:00:00+01:00");
    let phq9 = read_entry_file(
        &folder.join("20250303T080000Z-phq9.ron"),
        &rapport_core::storage::seal::Sealing::Plain,
    )
    .unwrap();
    let workbook = rapport_core::content::workbook::Workbook::bundled();
    let score = workbook
        .get("phq9")
        .unwrap()
        .questionnaire()
        .unwrap()
        .score(&phq9.answers)
        .unwrap();
    assert_eq!((score.total, score.band.label.as_str()), (8, "Mild"));
}

/// Crates that would let the app talk to the network. None may be in the dependency tree.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "http-body",
    "native-tls",
    "rustls",
    "openssl",
    "tokio-tungstenite",
    "tungstenite",
    "websocket",
    "quinn",
];

#[test]
fn the_dependency_tree_has_no_network_client() {
    let lock =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .map(|rest| rest.trim_end_matches('"'))
        .collect();
    assert!(names.contains(&"eframe"), "read the real lock file");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(found.is_empty(), "network crates in the tree: {found:?}");
}

/// A file of every format and every version Rapport ever wrote still reads, through the
/// format's migrations: `tests/fixtures/FORMAT/vN/` holds them, one folder per version.
#[test]
fn a_fixture_of_every_format_and_version_reads_through_its_migrations() {
    use rapport_core::format::{self, Format};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |format: &Format, text: &str| -> Result<(), String> {
        let result = match format.name {
            "entry" => format
                .parse::<rapport_core::content::entry::Entry>(text)
                .map(drop),
            "settings" => format
                .parse::<rapport_core::storage::settings::Settings>(text)
                .map(drop),
            "reminders" => format
                .parse::<rapport_core::storage::reminder_log::ReminderLog>(text)
                .map(drop),
            "crisis" => format
                .parse::<rapport_core::content::crisis::CrisisContacts>(text)
                .map(drop),
            "protection" => format
                .parse::<rapport_core::storage::protection::Protection>(text)
                .map(drop),
            "share" => format
                .parse::<rapport_core::facilitator::share::ShareFile>(text)
                .map(drop),
            "archive" => format
                .parse::<rapport_core::storage::archive::Archive>(text)
                .map(drop),
            "draft" => format
                .parse::<rapport_core::storage::draft::Draft>(text)
                .map(drop),
            "register" => format
                .parse::<rapport_core::facilitator::register::Register>(text)
                .map(drop),
            "worksheet" => format
                .parse::<rapport_core::content::worksheet::Worksheet>(text)
                .map(drop),
            "programme" => format
                .parse::<rapport_core::content::programme::Programme>(text)
                .map(drop),
            other => panic!("no reader for the format {other}: add it here"),
        };
        result.map_err(|error| error.to_string())
    };
    let mut read_count = 0;
    for format in format::ALL {
        for version in 1..=format.current {
            let folder = root.join(format.name).join(format!("v{version}"));
            let files: Vec<_> = fs::read_dir(&folder)
                .unwrap_or_else(|_| {
                    panic!(
                        "keep a fixture of {} format {version} in {}",
                        format.name,
                        folder.display()
                    )
                })
                .map(|item| item.unwrap().path())
                .collect();
            assert!(!files.is_empty(), "{} has no fixture", folder.display());
            for file in files {
                let text = fs::read_to_string(&file).unwrap();
                read(&format, &text).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
                read_count += 1;
            }
        }
    }
    assert!(read_count >= format::ALL.len());
    // And a file from a newer Rapport is refused with the one message, whatever its kind.
    for format in format::ALL {
        let field = match format.key {
            format::VersionKey::Version => "version",
            format::VersionKey::Format => "format",
        };
        let newer = format!("({field}: {}, anything: \"new\")", format.current + 1);
        let error = read(&format, &newer).unwrap_err();
        assert!(
            error.contains("came from a newer version of Rapport"),
            "{}: {error}",
            format.name
        );
    }
}
