//! Embeds the bundled workbook (`workbook/*.ron`) into the binary, so that the app needs no
//! files beside it.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

/// Files in `workbook/` that hold other data than a worksheet.
const NOT_WORKSHEETS: [&str; 2] = ["sections.ron", "helplines.ron"];

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let workbook = root.join("workbook");
    println!("cargo:rerun-if-changed=workbook");

    let mut names: Vec<String> = fs::read_dir(&workbook)
        .expect("the workbook/ folder is part of the source tree")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            std::path::Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
                && !NOT_WORKSHEETS.contains(&name.as_str())
        })
        .collect();
    names.sort();

    let mut code = String::from("/// Bundled worksheet files: (file name, contents).\n");
    code.push_str("pub static WORKSHEETS: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = workbook.join(name);
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
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
