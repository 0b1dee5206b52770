//! The `rapport` binary: the app, or a subcommand.

// The binary is the one place that talks to the terminal directly.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use rapport::cli::{self, Cli};
use rapport_core::storage::layout::DataDir;

// Start-up reads thousands of small entries on two threads: mimalloc does that in about two
// thirds of glibc malloc's time (benches/startup.sh, README "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    let data_dir = match DataDir::resolve(args.data_dir) {
        Ok(data_dir) => data_dir,
        Err(error) => {
            eprintln!("rapport: {error}");
            return ExitCode::FAILURE;
        }
    };
    match args.command {
        None => match rapport::ui::run(
            data_dir,
            cli::FirstFrame::exit_after(args.exit_after_first_frame),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("rapport: {error}");
                ExitCode::FAILURE
            }
        },
        Some(command) => {
            // Nothing read from a file can drive the terminal.
            let mut out = cli::Printable(std::io::stdout().lock());
            let mut err = cli::Printable(std::io::stderr().lock());
            match cli::run(
                &data_dir,
                args.passphrase_file.as_deref(),
                command,
                &mut out,
                &mut err,
            ) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                // As most command-line tools: a reader that stopped early is not a failure.
                Err(error) if error.is_output_closed() => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("rapport: {}", cli::printable(&error.to_string()));
                    ExitCode::from(2)
                }
            }
        }
    }
}
