//! Unlocking a protected journal from the command line, and `rapport protect`.

use rapport_core::service::protection::{self, CANNOT_RECOVER};
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::protection::{Converted, ProtectionState, VaultError};
use std::io::{IsTerminal, Write};
use std::path::Path;
use zeroize::Zeroizing;

/// What `rapport protect` does.
#[derive(Clone, Debug, clap::Subcommand)]
pub enum ProtectAction {
    /// Protect the journal with a passphrase: every entry, earlier version, deleted entry,
    /// draft and backup is sealed.
    On,
    /// Remove the protection: every file becomes plain text again.
    Off,
    /// Change the passphrase. Files are not rewritten.
    Change {
        /// Read the new passphrase from the first line of FILE (the current one comes from
        /// --passphrase-file or the terminal).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<std::path::PathBuf>,
    },
}

/// Why the journal could not be unlocked or its protection changed.
#[derive(Debug, thiserror::Error)]
pub enum UnlockError {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// No way to ask for the passphrase.
    #[error(
        "This journal is protected by a passphrase. Run the command in a terminal to type it, or give --passphrase-file FILE."
    )]
    NoTerminal,
    /// The passphrase file could not be read.
    #[error("The passphrase file {0}. Path: {1}")]
    File(rapport_core::storage::atomic::ReadError, std::path::PathBuf),
    /// The two typings differ.
    #[error("The two passphrases you typed are not the same; nothing was changed.")]
    Mismatch,
    /// The terminal failed.
    #[error("The passphrase could not be read from the terminal: {0}")]
    Terminal(std::io::Error),
}

/// Reads a passphrase: the first line of `file`, or typed at the terminal after `prompt`.
pub fn read_passphrase(
    file: Option<&Path>,
    prompt: &str,
) -> Result<Zeroizing<String>, UnlockError> {
    if let Some(file) = file {
        let text = Zeroizing::new(
            rapport_core::storage::atomic::read_text(file, 4096)
                .map_err(|error| UnlockError::File(error, file.to_path_buf()))?,
        );
        let line = text.lines().next().unwrap_or_default();
        return Ok(Zeroizing::new(line.to_owned()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(UnlockError::NoTerminal);
    }
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(UnlockError::Terminal)
}

fn new_passphrase(file: Option<&Path>) -> Result<Zeroizing<String>, UnlockError> {
    let first = read_passphrase(file, "New passphrase: ")?;
    if file.is_none() {
        let again = read_passphrase(None, "Type it again: ")?;
        if *again != *first {
            return Err(UnlockError::Mismatch);
        }
    }
    Ok(first)
}

/// The data folder, unlocked if its journal is protected. With `finish`, a conversion that
/// was interrupted is completed first (messages go to `log`).
pub fn unlock(
    data_dir: &DataDir,
    passphrase_file: Option<&Path>,
    finish: bool,
    log: &mut dyn Write,
) -> Result<DataDir, UnlockError> {
    if protection::state(data_dir)?.is_none() {
        return Ok(data_dir.clone());
    }
    let passphrase = read_passphrase(passphrase_file, "Passphrase for your Rapport journal: ")?;
    let unlocked = protection::unlock(data_dir, &passphrase, finish, &mut |_, _| {})?;
    if let Some(warning) = &unlocked.warning {
        let _ = writeln!(log, "{warning}");
    }
    if let Some(finished) = &unlocked.finished {
        let _ = writeln!(log, "{}", finished.describe());
        report_skipped(&finished.converted, log);
    }
    Ok(unlocked.data_dir)
}

fn report_skipped(converted: &Converted, log: &mut dyn Write) {
    for line in protection::skipped_lines(converted) {
        let _ = writeln!(log, "{line}");
    }
}

/// Runs `rapport protect ACTION`; warnings go to `err`.
pub fn protect(
    data_dir: &DataDir,
    passphrase_file: Option<&Path>,
    action: ProtectAction,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), UnlockError> {
    match action {
        ProtectAction::On => {
            match protection::state(data_dir)? {
                None => {}
                Some(ProtectionState::Protected) => {
                    return Err(VaultError::AlreadyProtected.into());
                }
                // Interrupted earlier: finish with the passphrase already chosen.
                Some(ProtectionState::TurningOn) => {
                    unlock(data_dir, passphrase_file, true, out)?;
                    return Ok(());
                }
                // Turning off was interrupted: finish that, then protect anew.
                Some(ProtectionState::TurningOff) => {
                    unlock(data_dir, passphrase_file, true, out)?;
                }
            }
            let _ = writeln!(
                err,
                "{CANNOT_RECOVER} To keep a plain copy first: rapport export --format ron --out FILE"
            );
            let passphrase = new_passphrase(passphrase_file)?;
            if let Some(warning) = protection::spaces_warning(&protection::normalise(&passphrase)) {
                let _ = writeln!(err, "{warning}");
            }
            let (_, converted) = protection::turn_on(data_dir, &passphrase, &mut |_, _| {})?;
            let _ = writeln!(
                out,
                "Protected: {} file(s) sealed. Rapport will ask for the passphrase from now on.",
                converted.files
            );
            report_skipped(&converted, out);
        }
        ProtectAction::Off => {
            if protection::state(data_dir)?.is_none() {
                return Err(VaultError::NotProtected.into());
            }
            let passphrase =
                read_passphrase(passphrase_file, "Passphrase for your Rapport journal: ")?;
            let converted = protection::turn_off(data_dir, &passphrase, &mut |_, _| {})?;
            let _ = writeln!(
                out,
                "Protection is off: {} file(s) are plain text again.",
                converted.files
            );
            report_skipped(&converted, out);
        }
        ProtectAction::Change {
            new_passphrase_file,
        } => {
            if protection::state(data_dir)?.is_none() {
                return Err(VaultError::NotProtected.into());
            }
            let current =
                read_passphrase(passphrase_file, "Passphrase for your Rapport journal: ")?;
            let passphrase = new_passphrase(new_passphrase_file.as_deref())?;
            if let Some(warning) = protection::spaces_warning(&protection::normalise(&passphrase)) {
                let _ = writeln!(err, "{warning}");
            }
            protection::change(data_dir, &current, &passphrase)?;
            let _ = writeln!(
                out,
                "The passphrase is changed. Use the new one from now on."
            );
        }
    }
    Ok(())
}
