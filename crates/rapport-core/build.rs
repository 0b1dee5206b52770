//! Embeds the bundled workbook (`workbook/*.ron` and `workbook/programmes/*.ron`) into the
//! binary, so that the app needs no files beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Files in `workbook/` that hold other data than a worksheet.
const NOT_WORKSHEETS: [&str; 2] = ["sections.ron", "helplines.ron"];

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // The workbook lives at the top of the repository, beside the crates.
    let workbook = root.join("../../workbook");
    // A folder here is scanned recursively, so programmes/ is covered too.
    println!("cargo:rerun-if-changed=../../workbook");

    let worksheets: Vec<String> = ron_files(&workbook)
        .into_iter()
        .filter(|name| !NOT_WORKSHEETS.contains(&name.as_str()))
        .collect();
    let programmes = workbook.join("programmes");

    let mut code = String::new();
    embed_list(&mut code, "WORKSHEETS", &workbook, &worksheets);
    embed_list(
        &mut code,
        "PROGRAMMES",
        &programmes,
        &ron_files(&programmes),
    );
    for (name, file) in [("SECTIONS", "sections.ron"), ("HELPLINES", "helplines.ron")] {
        writeln!(
            code,
            "/// The bundled {file}.\npub static {name}: &str = include_str!({:?});",
            workbook.join(file).display().to_string()
        )
        .expect("writing to a String cannot fail");
    }

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// The `.ron` file names in `dir`, sorted; none if the folder is absent.
fn ron_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
        })
        .collect();
    names.sort();
    names
}

/// Writes `pub static NAME: &[(&str, &str)]` holding the (file name, contents) of each file.
fn embed_list(code: &mut String, name: &str, dir: &Path, files: &[String]) {
    writeln!(code, "/// Bundled files: (file name, contents).").expect("writing to a String");
    writeln!(code, "pub static {name}: &[(&str, &str)] = &[").expect("writing to a String");
    for file in files {
        let path = dir.join(file);
        writeln!(
            code,
            "    ({file:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
}
