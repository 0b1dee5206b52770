//! The protection workflows, once for both front ends: unlocking (and finishing a conversion
//! that was interrupted), turning protection on or off, and changing the passphrase. Asking for
//! the passphrase is the front end's job; everything after it is here.

use std::sync::Arc;

use zeroize::Zeroizing;

use crate::storage::layout::DataDir;
use crate::storage::protection::{
    self as vault, Converted, Progress, Protection, ProtectionState, StateCheck, VaultError,
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
    /// Said when the protection file's state could not be confirmed with the key (changed
    /// outside Rapport), and so was not followed.
    pub warning: Option<String>,
}

/// Said when `protection.ron` was changed outside Rapport.
pub const FORGED_STATE: &str = "The protection file was changed outside Rapport: its state could not be confirmed with your passphrase's key, so it was not followed. Your journal stays protected, and every file is sealed. To turn protection off, use Turn off protection (rapport protect off), which asks for your passphrase.";

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
    // Only a state Rapport wrote is followed; one that cannot be confirmed (edited, or a
    // format-1 file claiming protection is being turned off) is taken the safe way: sealing.
    let check = protection.check_state(&key);
    let trusted = match check {
        StateCheck::Authentic => true,
        StateCheck::Untagged => protection.state != ProtectionState::TurningOff,
        StateCheck::Forged => false,
    };
    let warning = (!trusted).then(|| FORGED_STATE.to_owned());
    if !trusted {
        protection.state = ProtectionState::TurningOn;
    }
    if !finish {
        return Ok(Unlocked {
            data_dir: unlocked,
            finished: None,
            warning,
        });
    }
    if check == StateCheck::Untagged && trusted {
        // A file from before states were tagged: tagged now, with the key just unwrapped.
        if let Ok(_lock) = crate::storage::writer_lock::WriterLock::acquire(data_dir) {
            protection.write(data_dir, &key)?;
        }
    }
    let was = protection.state;
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
            warning,
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
        warning,
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

    const ENTRY: &str = r#"(version: 1, id: "a", worksheet: "coping-skills", worksheet_version: 1,
    created: "2026-11-25T10:00:00+00:00", edited: "2026-11-25T10:00:00+00:00", answers: {})"#;

    /// An entry file, protection turned on, and the protection file's text.
    fn protected() -> (tempfile::TempDir, DataDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        std::fs::create_dir_all(data.journal()).unwrap();
        std::fs::write(data.entry("a"), ENTRY).unwrap();
        turn_on(&data, "correct horse battery", &mut |_, _| {}).unwrap();
        let text = std::fs::read_to_string(data.protection()).unwrap();
        assert!(text.contains("state_tag"), "{text}");
        (dir, data, text)
    }

    #[test]
    fn a_state_edited_to_turn_protection_off_is_detected_and_not_followed() {
        let (_dir, data, text) = protected();
        for forged in [
            text.replace("state: Protected", "state: TurningOff"),
            // Without its tag, as a format-1 file claiming the same.
            text.replace("state: Protected", "state: TurningOff")
                .lines()
                .filter(|line| !line.contains("state_tag"))
                .collect::<Vec<_>>()
                .join("\n")
                .replace("version: 2", "version: 1"),
        ] {
            std::fs::write(data.protection(), &forged).unwrap();
            // `check` (no finishing) is told too, and changes nothing.
            let checked = unlock(&data, "correct horse battery", false, &mut |_, _| {}).unwrap();
            assert!(checked.warning.is_some());
            assert_eq!(std::fs::read_to_string(data.protection()).unwrap(), forged);
            let unlocked = unlock(&data, "correct horse battery", true, &mut |_, _| {}).unwrap();
            let warning = unlocked.warning.clone().unwrap();
            assert!(warning.contains("changed outside Rapport"), "{warning}");
            assert!(unlocked.key().is_some(), "still protected");
            let entry = std::fs::read(data.entry("a")).unwrap();
            assert!(crate::storage::seal::is_sealed(&entry), "not made plain");
            let protection = Protection::read(&data).unwrap().unwrap();
            assert_eq!(protection.state, ProtectionState::Protected);
            let key = unlocked.key().unwrap();
            assert_eq!(protection.check_state(&key), StateCheck::Authentic);
        }
    }

    #[test]
    fn a_protection_file_from_before_states_were_tagged_is_tagged_at_unlock() {
        let (_dir, data, text) = protected();
        let legacy: String = text
            .lines()
            .filter(|line| !line.contains("state_tag"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("version: 2", "version: 1");
        std::fs::write(data.protection(), &legacy).unwrap();
        let unlocked = unlock(&data, "correct horse battery", true, &mut |_, _| {}).unwrap();
        assert!(unlocked.warning.is_none());
        let protection = Protection::read(&data).unwrap().unwrap();
        assert_eq!(protection.version, 2);
        assert_eq!(
            protection.check_state(&unlocked.key().unwrap()),
            StateCheck::Authentic
        );
        // And turning protection off, with the passphrase, still works.
        turn_off(&data, "correct horse battery", &mut |_, _| {}).unwrap();
        assert!(Protection::read(&data).unwrap().is_none());
        assert_eq!(std::fs::read_to_string(data.entry("a")).unwrap(), ENTRY);
    }

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
