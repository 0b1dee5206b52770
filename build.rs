//! Embeds the bundled workbook (`workbook/*.ron`) into the binary, so that the app needs no
//! files beside it.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

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
                && name != "sections.ron"
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
    let sections = workbook.join("sections.ron");
    writeln!(
        code,
        "/// The bundled section list.\npub static SECTIONS: &str = include_str!({:?});",
        sections.display().to_string()
    )
    .expect("writing to a String cannot fail");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
