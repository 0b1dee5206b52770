//! The protection workflows, once for both front ends: unlocking (and finishing a conversion
//! that was interrupted), turning protection on or off, and changing the passphrase. Asking for
//! the passphrase is the front end's job; everything after it is here.

use std::sync::Arc;

use zeroize::Zeroizing;

use crate::storage::layout::DataDir;
use crate::storage::protection::{
    self as vault, Converted, Progress, Protection, ProtectionState, VaultError,
};
use crate::storage::seal::{DataKey, Sealing};

/// Warned before protection is turned on.
pub const CANNOT_RECOVER: &str = "A forgotten passphrase cannot be recovered: nobody, Rapport included, can open your entries without it. Keep it somewhere safe.";

/// A passphrase as typed or read from a file, made the same however it was entered: a byte-order
/// mark and the line ending are removed, and accents are composed (Unicode NFC), so that "é"
/// typed as one character or as "e" and an accent opens the same journal.
#[must_use]
pub fn normalise(raw: &str) -> Zeroizing<String> {
    use unicode_normalization::UnicodeNormalization as _;
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Zeroizing::new(text.nfc().collect())
}

/// Said when a new passphrase begins or ends with a space, which is easy to type by mistake
/// and hard to see.
#[must_use]
pub fn spaces_warning(passphrase: &str) -> Option<&'static str> {
    (passphrase.trim() != passphrase).then_some(
        "Your passphrase begins or ends with a space. That is allowed, but easy to forget: it must be typed the same way every time.",
    )
}

/// Unwraps the key with `passphrase`, normalised; a passphrase set before normalisation is
/// also tried as it was typed.
fn unwrap_key(protection: &Protection, passphrase: &str) -> Result<DataKey, VaultError> {
    let normalised = normalise(passphrase);
    match protection.unlock(&normalised) {
        Err(VaultError::WrongPassphrase) if *normalised != passphrase => {
            protection.unlock(passphrase)
        }
        other => other,
    }
}

/// An unlocked journal.
#[derive(Debug)]
pub struct Unlocked {
    /// The data folder, reading and writing with the key (or plain, if the interrupted
    /// conversion that was finished turned protection off).
    pub data_dir: DataDir,
    /// The conversion that was finished, if one had been interrupted.
    pub finished: Option<Finished>,
}

/// A conversion that had been interrupted, and was finished.
#[derive(Debug)]
pub struct Finished {
    /// Whether it was turning protection on or off.
    pub was: ProtectionState,
    /// What it did.
    pub converted: Converted,
}

impl Finished {
    /// What to tell the person.
    #[must_use]
    pub fn describe(&self) -> String {
        if self.was == ProtectionState::Protected {
            return format!(
                "Sealed {} file(s) that were plain text in your protected journal (copied in, or saved by an older Rapport).",
                self.converted.files
            );
        }
        format!(
            "Finished turning protection {} (it had been interrupted): {} file(s) rewritten.",
            if self.was == ProtectionState::TurningOn {
                "on"
            } else {
                "off"
            },
            self.converted.files
        )
    }
}

impl Unlocked {
    /// The key, if the journal is still protected.
    #[must_use]
    pub fn key(&self) -> Option<Arc<DataKey>> {
        match self.data_dir.sealing() {
            Sealing::Sealed(key) => Some(key.clone()),
            Sealing::Plain => None,
        }
    }
}

/// Whether `data_dir` is protected, and where a conversion stands; `None` if not protected.
pub fn state(data_dir: &DataDir) -> Result<Option<ProtectionState>, VaultError> {
    Ok(Protection::read(data_dir)?.map(|protection| protection.state))
}

/// Unlocks `data_dir` with `passphrase`. With `finish`, a conversion that was interrupted is
/// completed first; without (for `check`, which changes nothing), the files are left as they
/// are, every one readable with the key.
pub fn unlock(
    data_dir: &DataDir,
    passphrase: &str,
    finish: bool,
    progress: Progress<'_>,
) -> Result<Unlocked, VaultError> {
    let mut protection = Protection::read(data_dir)?.ok_or(VaultError::NotProtected)?;
    let key = Arc::new(unwrap_key(&protection, passphrase)?);
    let unlocked = data_dir.with_sealing(Sealing::Sealed(key.clone()));
    let was = protection.state;
    if !finish {
        return Ok(Unlocked {
            data_dir: unlocked,
            finished: None,
        });
    }
    if was == ProtectionState::Protected {
        // Plain files found in the protected journal (copied in, or saved by a Rapport that
        // did not know) are sealed now; if another window is writing, at the next unlock.
        let converted = match vault::seal_strays(&unlocked, &key, progress) {
            Ok(converted) => converted,
            Err(VaultError::Busy(_)) => Converted::default(),
            Err(error) => return Err(error),
        };
        let sealed_any = converted.files > 0 || !converted.skipped.is_empty();
        return Ok(Unlocked {
            data_dir: unlocked,
            finished: sealed_any.then_some(Finished { was, converted }),
        });
    }
    let converted = vault::finish(&unlocked, &mut protection, &key, progress)?;
    Ok(Unlocked {
        data_dir: if was == ProtectionState::TurningOff {
            data_dir.with_sealing(Sealing::Plain)
        } else {
            unlocked
        },
        finished: Some(Finished { was, converted }),
    })
}

/// Turns protection on with a new passphrase: every private file is sealed. Returns the data
/// folder unlocked with the new key.
pub fn turn_on(
    data_dir: &DataDir,
    passphrase: &str,
    progress: Progress<'_>,
) -> Result<(DataDir, Converted), VaultError> {
    let (key, converted) = vault::turn_on(data_dir, &normalise(passphrase), progress)?;
    Ok((data_dir.with_sealing(Sealing::Sealed(key)), converted))
}

/// Turns protection off, after checking the current passphrase: every file is plain again.
pub fn turn_off(
    data_dir: &DataDir,
    passphrase: &str,
    progress: Progress<'_>,
) -> Result<Converted, VaultError> {
    let mut protection = Protection::read(data_dir)?.ok_or(VaultError::NotProtected)?;
    let key = Arc::new(unwrap_key(&protection, passphrase)?);
    let unlocked = data_dir.with_sealing(Sealing::Sealed(key.clone()));
    vault::turn_off(&unlocked, &mut protection, &key, progress)
}

/// Changes the passphrase, after checking the current one. Files are not rewritten.
pub fn change(data_dir: &DataDir, current: &str, new: &str) -> Result<(), VaultError> {
    let protection = Protection::read(data_dir)?.ok_or(VaultError::NotProtected)?;
    let key = unwrap_key(&protection, current)?;
    vault::change_passphrase(data_dir, &protection, &key, &normalise(new))?;
    Ok(())
}

/// The files a conversion left as they were, one line each.
#[must_use]
pub fn skipped_lines(converted: &Converted) -> Vec<String> {
    converted
        .skipped
        .iter()
        .map(|problem| format!("Left as it was: {problem}."))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_the_same_however_it_was_typed() {
        let composed = "caf\u{e9} horse battery";
        let decomposed = "cafe\u{301} horse battery";
        assert_ne!(composed, decomposed);
        assert_eq!(*normalise(decomposed), composed);
        assert_eq!(*normalise("\u{feff}correct horse\r\n"), "correct horse");
        assert_eq!(
            *normalise("  spaced  "),
            "  spaced  ",
            "spaces are kept, only warned about"
        );
        assert!(spaces_warning(" spaced").is_some());
        assert!(spaces_warning("no spaces here").is_none());
    }
}
