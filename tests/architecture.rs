//! The core (workbook, journal, progress, charts, storage) must not depend on the GUI, so that
//! it stays testable without a window and usable from the command line.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn the_core_does_not_use_egui_or_eframe() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<_> = files
        .iter()
        .filter(|path| {
            !path.starts_with(src.join("ui"))
                && !path.ends_with("main.rs")
                && !path.ends_with("lib.rs")
        })
        .collect();
    assert!(core.len() >= 8, "found the core modules: {core:?}");
    for path in core {
        let text = fs::read_to_string(path).unwrap();
        for forbidden in ["egui", "eframe"] {
            assert!(
                !text.contains(forbidden),
                "{} mentions {forbidden}; the core must not depend on the GUI",
                path.display()
            );
        }
    }
}

#[test]
fn the_readme_lists_every_bundled_worksheet() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for worksheet in rapport_core::content::workbook::Workbook::bundled().worksheets() {
        let row = format!("| {} | `{}` |", worksheet.title, worksheet.id);
        assert!(readme.contains(&row), "README.md lists {row}");
    }
}
