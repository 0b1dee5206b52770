//! The architecture, checked: the core crate depends on no GUI or terminal crate, its layers
//! depend only downwards, and no module of it imports another in a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates that belong to a front end, never to the core.
const FRONT_END_CRATES: [&str; 8] = [
    "egui",
    "eframe",
    "egui_kittest",
    "winit",
    "rfd",
    "clap",
    "rpassword",
    "accesskit",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_core_crate_has_no_gui_or_terminal_crate_anywhere_in_its_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(root())
        .args([
            "tree",
            "--package",
            "rapport-core",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
            "--locked",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: BTreeSet<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    // The tree was really read: the core's own dependencies are in it.
    for expected in ["rapport-core", "ron", "plotters", "krilla", "serde"] {
        assert!(crates.contains(expected), "{expected} in {crates:?}");
    }
    for name in &crates {
        assert!(
            !FRONT_END_CRATES.contains(name) && !name.starts_with("egui"),
            "the core depends on {name}"
        );
    }
    // And the app crate does depend on them, so the check above can tell.
    let app = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(app.contains("eframe") && app.contains("clap"));
}

/// The layers of the core, bottom first; a module may use its own layer and those below.
const LAYERS: [(&str, u8); 12] = [
    ("time", 0),
    ("schedule", 0),
    ("format", 0),
    ("problem", 0),
    ("ron_format", 0),
    ("csv", 0),
    ("fonts", 0),
    ("content", 1),
    ("storage", 2),
    ("insight", 3),
    ("facilitator", 4),
    ("service", 5),
];

fn layer_of(module: &str) -> u8 {
    let top = module.split("::").next().unwrap_or_default();
    LAYERS.iter().find(|(name, _)| *name == top).map_or_else(
        || panic!("module {module} is in no layer; add its folder to LAYERS"),
        |(_, layer)| *layer,
    )
}

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

/// `storage/journal.rs` → `storage::journal`; `insight/chart/mod.rs` → `insight::chart`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without its test module and comments.
fn code_of(text: &str) -> String {
    let text = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules of `known` that `code` names as `crate::…`, longest match first.
fn uses(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (index, _) in code.match_indices("crate::") {
        let rest = &code[index + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        for take in (1..=segments.len()).rev() {
            let candidate = segments[..take].join("::");
            if known.contains(&candidate) {
                found.insert(candidate);
                break;
            }
        }
    }
    found
}

fn core_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/rapport-core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .map(|file| (module_of(&src, file), file.clone()))
        .filter(|(module, _)| module != "lib")
        .collect();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(module, file)| {
            let code = code_of(&fs::read_to_string(file).unwrap());
            let mut used = uses(&code, &known);
            used.remove(module);
            // A folder's mod.rs declares its children; that is not a dependency.
            used.retain(|other| !other.starts_with(&format!("{module}::")));
            (module.clone(), used)
        })
        .collect()
}

#[test]
fn the_core_layers_depend_only_downwards() {
    let graph = core_graph();
    assert!(graph.len() > 30, "the core's modules were found: {graph:?}");
    assert!(
        graph["service::model"].contains("storage::journal"),
        "dependencies are found"
    );
    let mut wrong = Vec::new();
    for (module, used) in &graph {
        for other in used {
            if layer_of(other) > layer_of(module) {
                wrong.push(format!("{module} uses {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "upward dependencies: {wrong:#?}");
}

// Depth-first search with colours; a grey node met again closes a cycle.
#[derive(Clone, Copy, PartialEq)]
enum Colour {
    White,
    Grey,
    Black,
}
fn visit(
    node: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    colour: &mut BTreeMap<String, Colour>,
    stack: &mut Vec<String>,
    cycles: &mut Vec<String>,
) {
    colour.insert(node.to_owned(), Colour::Grey);
    stack.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        match colour.get(next).copied().unwrap_or(Colour::White) {
            Colour::White => visit(next, graph, colour, stack, cycles),
            Colour::Grey => {
                let start = stack.iter().position(|n| n == next).unwrap_or(0);
                cycles.push(format!("{} → {next}", stack[start..].join(" → ")));
            }
            Colour::Black => {}
        }
    }
    stack.pop();
    colour.insert(node.to_owned(), Colour::Black);
}

#[test]
fn no_module_of_the_core_imports_another_in_a_cycle() {
    let graph = core_graph();
    let mut colour = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in graph.keys() {
        if colour.get(node).copied().unwrap_or(Colour::White) == Colour::White {
            visit(node, &graph, &mut colour, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    // The checks above would pass on an empty graph; make sure `uses` reads real paths.
    let known: BTreeSet<String> = ["a::b", "a", "c"].iter().map(|s| (*s).to_owned()).collect();
    let found = uses("use crate::a::b::{X, Y};\nlet z = crate::c::f();", &known);
    assert_eq!(
        found,
        ["a::b", "c"].iter().map(|s| (*s).to_owned()).collect()
    );
}
