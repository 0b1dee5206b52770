//! Identifiers of worksheets, steps and programmes.

/// Whether `text` is a usable identifier: non-empty lowercase ASCII letters, digits, `-`, `_`.
#[must_use]
pub fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}
