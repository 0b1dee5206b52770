//! The crypto primitives of passphrase protection, and nothing else: the data key, sealing and
//! opening bytes with it (XChaCha20-Poly1305), and the random source. A leaf: it knows no file
//! and no folder.

use std::sync::Arc;

use chacha20poly1305::aead::{Aead, AeadInPlace, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// The first bytes of every sealed file, so that sealed and plain files are told apart.
pub const SEALED_MAGIC: &[u8] = b"RAPPORT-SEALED-1\n";
const NONCE_LEN: usize = 24;
/// The length of the authentication tag that ends a sealed text.
const TAG_LEN: usize = 16;

/// The system's random number source failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The system's random number source failed ({0}); nothing was changed.")]
pub struct RandomFailed(pub String);

/// The key that seals the journal's files. Its bytes are wiped when it is dropped.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    /// A key from its bytes, for tests and tools; Rapport itself only makes random ones.
    #[must_use]
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// A new random key.
    pub fn random() -> Result<Self, RandomFailed> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(bytes.as_mut_slice())?;
        Ok(Self(bytes))
    }

    /// The raw key bytes, for wrapping the key.
    #[must_use]
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_slice().into())
    }
}

/// How the private files of a data folder are written: as plain text, or sealed.
#[derive(Clone, Debug, Default)]
pub enum Sealing {
    /// Plain RON text, as the user would write it.
    #[default]
    Plain,
    /// Sealed with the journal's data key.
    Sealed(Arc<DataKey>),
}

impl PartialEq for Sealing {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Plain, Self::Plain) => true,
            (Self::Sealed(a), Self::Sealed(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Sealing {}

impl Sealing {
    /// The bytes to write for `plain`: `plain` itself when not protected (no copy).
    pub fn seal<'a>(&self, plain: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, RandomFailed> {
        match self {
            Self::Plain => Ok(std::borrow::Cow::Borrowed(plain)),
            Self::Sealed(key) => seal(key, plain, SEALED_MAGIC).map(std::borrow::Cow::Owned),
        }
    }
}

/// Whether `bytes` are a sealed file.
#[must_use]
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

/// Seals `plain` with `key`, binding `aad`; with [`SEALED_MAGIC`] as `aad` the result is a
/// sealed file, starting with that header.
pub fn seal(key: &DataKey, plain: &[u8], aad: &[u8]) -> Result<Vec<u8>, RandomFailed> {
    let mut nonce = [0u8; NONCE_LEN];
    random_bytes(&mut nonce)?;
    let header = if aad == SEALED_MAGIC {
        SEALED_MAGIC
    } else {
        &[]
    };
    // Encrypted in place in the one buffer written, so sealing a large file (the journal pack)
    // holds one copy of it besides the plain text, not two.
    let mut out = Vec::with_capacity(header.len() + NONCE_LEN + plain.len() + TAG_LEN);
    out.extend_from_slice(header);
    out.extend_from_slice(&nonce);
    let body = out.len();
    out.extend_from_slice(plain);
    let tag = key
        .cipher()
        .encrypt_in_place_detached(XNonce::from_slice(&nonce), aad, &mut out[body..])
        .map_err(|_| RandomFailed("encryption failed".into()))?;
    out.extend_from_slice(&tag);
    Ok(out)
}

/// A sealed file could not be opened: damaged, or sealed with another key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CannotOpen;

/// Opens what [`seal`] made with the same `key` and `aad`.
pub fn open(key: &DataKey, sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, CannotOpen> {
    let body = if aad == SEALED_MAGIC {
        sealed.strip_prefix(SEALED_MAGIC).ok_or(CannotOpen)?
    } else {
        sealed
    };
    if body.len() < NONCE_LEN {
        return Err(CannotOpen);
    }
    let (nonce, ciphertext) = body.split_at(NONCE_LEN);
    key.cipher()
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CannotOpen)
}

/// Opens a sealed file's bytes with the journal's key.
pub fn open_file(key: &DataKey, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CannotOpen> {
    open(key, sealed, SEALED_MAGIC)
}

/// Fills `buffer` from the system's random source.
pub fn random_bytes(buffer: &mut [u8]) -> Result<(), RandomFailed> {
    getrandom::fill(buffer).map_err(|error| RandomFailed(error.to_string()))
}

/// Bytes as lowercase hex.
#[must_use]
pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// Hex back to bytes; `None` if it is not hex.
#[must_use]
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_with_its_key_and_untouched() {
        let key = DataKey::random().unwrap();
        let other = DataKey::random().unwrap();
        let sealed = seal(&key, b"(version: 1)", SEALED_MAGIC).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(7).any(|w| w == b"version"));
        assert_eq!(
            open_file(&key, &sealed).unwrap().as_slice(),
            b"(version: 1)"
        );
        assert_eq!(open_file(&other, &sealed), Err(CannotOpen));
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(open_file(&key, &flipped), Err(CannotOpen));
        assert_eq!(open_file(&key, &sealed[..20]), Err(CannotOpen));
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(from_hex(&to_hex(&bytes)).unwrap(), bytes);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex("é1"), None);
    }
}
