//! `cargo run -p xtask -- generate`: writes the man page and the shell completions from the
//! command line's own clap definitions into `packaging/generated/`, so they are never written
//! by hand. CI runs it and fails if the committed files differ (`-- check`).
//!
//! `cargo run -p xtask -- readability [--max-grade 8] [--safety-max 10] [--top 3] [--check]`:
//! the Flesch–Kincaid grade of every workbook file, its hardest sentences, and any safety text
//! above the limit (see `readability.rs`). It reports and succeeds; with `--check` it fails when
//! a file or a safety text is above its limit.

mod readability;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

// A build tool reports on the terminal.
#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let action = std::env::args().nth(1).unwrap_or_default();
    if action == "readability" {
        return readability_report(std::env::args().skip(2).collect());
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging/generated");
    let files = match generated() {
        Ok(files) => files,
        Err(error) => {
            eprintln!("xtask: {error}");
            return ExitCode::FAILURE;
        }
    };
    match action.as_str() {
        "generate" => {
            for (name, bytes) in &files {
                let path = out.join(name);
                let written = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&path, bytes));
                if let Err(error) = written {
                    eprintln!("xtask: could not write {}: {error}", path.display());
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        "check" => {
            let stale: Vec<&PathBuf> = files
                .iter()
                .filter(|(name, bytes)| std::fs::read(out.join(name)).ok().as_ref() != Some(bytes))
                .map(|(name, _)| name)
                .collect();
            if stale.is_empty() {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "xtask: out of date in packaging/generated: {stale:?}; run `cargo run -p xtask -- generate`"
                );
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- generate|check|readability");
            ExitCode::FAILURE
        }
    }
}

/// The man page and the bash, zsh and fish completions, by file name.
fn generated() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut command = rapport::cli::Cli::command();
    let mut man = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut man)?;
    let mut files = vec![(PathBuf::from("rapport.1"), man)];
    for (shell, name) in [
        (Shell::Bash, "completions/rapport.bash"),
        (Shell::Zsh, "completions/_rapport"),
        (Shell::Fish, "completions/rapport.fish"),
    ] {
        let mut bytes = Vec::new();
        clap_complete::generate(shell, &mut command, "rapport", &mut bytes);
        files.push((PathBuf::from(name), bytes));
    }
    Ok(files)
}

/// Prints the readability report of the workbook.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn readability_report(mut args: Vec<String>) -> ExitCode {
    let check = args.iter().any(|arg| arg == "--check");
    args.retain(|arg| arg != "--check");
    let settings = match readability::Settings::parse(&args) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("xtask readability: {error}");
            return ExitCode::FAILURE;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match readability::score(&root, settings) {
        Ok(reports) => {
            let (text, ok) = readability::render(&reports, settings);
            print!("{text}");
            if check && !ok {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("xtask readability: {error}");
            ExitCode::FAILURE
        }
    }
}
