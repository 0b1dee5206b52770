//! Unlocking a protected journal from the command line, and `rapport protect`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::data_dir::DataDir;
use crate::vault::{self, Protection, ProtectionState, Sealing, VaultError};

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

/// Warned before protection is turned on.
pub const CANNOT_RECOVER: &str = "A forgotten passphrase cannot be recovered: nobody, Rapport included, can open your entries without it. Keep it somewhere safe. To keep a plain copy first: rapport export --format ron --out FILE";

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
    File(crate::store::ReadError, std::path::PathBuf),
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
            crate::store::read_text(file, 4096)
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
    let Some(protection) = Protection::read(data_dir)? else {
        return Ok(data_dir.clone());
    };
    let passphrase = read_passphrase(passphrase_file, "Passphrase for your Rapport journal: ")?;
    let key = Arc::new(protection.unlock(&passphrase)?);
    if finish {
        finish_conversion(data_dir, protection, &key, log)
    } else {
        Ok(data_dir.with_sealing(Sealing::Sealed(key)))
    }
}

fn finish_conversion(
    data_dir: &DataDir,
    mut protection: Protection,
    key: &Arc<vault::DataKey>,
    log: &mut dyn Write,
) -> Result<DataDir, UnlockError> {
    let unlocked = data_dir.with_sealing(Sealing::Sealed(key.clone()));
    let was = protection.state;
    if was == ProtectionState::Protected {
        return Ok(unlocked);
    }
    let converted = vault::finish(&unlocked, &mut protection, key, &mut |_, _| {})?;
    let _ = writeln!(
        log,
        "Finished turning protection {} (it had been interrupted): {} file(s) rewritten.",
        if was == ProtectionState::TurningOn {
            "on"
        } else {
            "off"
        },
        converted.files
    );
    report_skipped(&converted, log);
    Ok(if was == ProtectionState::TurningOff {
        data_dir.with_sealing(Sealing::Plain)
    } else {
        unlocked
    })
}

fn report_skipped(converted: &vault::Converted, log: &mut dyn Write) {
    for problem in &converted.skipped {
        let _ = writeln!(log, "left as it was: {problem}");
    }
}

/// Runs `rapport protect ACTION`.
pub fn protect(
    data_dir: &DataDir,
    passphrase_file: Option<&Path>,
    action: ProtectAction,
    out: &mut dyn Write,
) -> Result<(), UnlockError> {
    match action {
        ProtectAction::On => {
            if let Some(protection) = Protection::read(data_dir)? {
                match protection.state {
                    ProtectionState::Protected => return Err(VaultError::AlreadyProtected.into()),
                    // Interrupted earlier: finish with the passphrase already chosen.
                    ProtectionState::TurningOn => {
                        unlock(data_dir, passphrase_file, true, out)?;
                        return Ok(());
                    }
                    // Turning off was interrupted: finish that, then protect anew.
                    ProtectionState::TurningOff => {
                        unlock(data_dir, passphrase_file, true, out)?;
                    }
                }
            }
            let _ = writeln!(std::io::stderr(), "{CANNOT_RECOVER}");
            let passphrase = new_passphrase(passphrase_file)?;
            let (_, converted) = vault::turn_on(data_dir, &passphrase, &mut |_, _| {})?;
            let _ = writeln!(
                out,
                "Protected: {} file(s) sealed. Rapport will ask for the passphrase from now on.",
                converted.files
            );
            report_skipped(&converted, out);
        }
        ProtectAction::Off => {
            let unlocked = unlock(data_dir, passphrase_file, true, out)?;
            let Sealing::Sealed(key) = unlocked.sealing().clone() else {
                return Err(VaultError::NotProtected.into());
            };
            let Some(mut protection) = Protection::read(data_dir)? else {
                return Err(VaultError::NotProtected.into());
            };
            let converted = vault::turn_off(&unlocked, &mut protection, &key, &mut |_, _| {})?;
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
            let unlocked = unlock(data_dir, passphrase_file, true, out)?;
            let Sealing::Sealed(key) = unlocked.sealing().clone() else {
                return Err(VaultError::NotProtected.into());
            };
            let Some(protection) = Protection::read(data_dir)? else {
                return Err(VaultError::NotProtected.into());
            };
            let passphrase = new_passphrase(new_passphrase_file.as_deref())?;
            vault::change_passphrase(data_dir, &protection, &key, &passphrase)?;
            let _ = writeln!(
                out,
                "The passphrase is changed. Use the new one from now on."
            );
        }
    }
    Ok(())
}
