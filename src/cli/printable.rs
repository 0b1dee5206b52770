//! Output that cannot drive the terminal: titles, labels, pseudonyms and answers come from
//! files anyone could have written, so escape sequences (ESC, OSC), other control characters
//! and bidirectional overrides are shown as `�` instead of being sent as they are.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` would act on the terminal or reorder the text instead of showing.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every character that would act on the terminal replaced by `�`.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(acts) {
        Cow::Owned(
            text.chars()
                .map(|c| if acts(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that passes text through [`printable`]. Every command's output goes through one.
pub struct Printable<W: Write>(pub W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Formatted output arrives in whole `str` pieces, so no character is split here.
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(printable(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_overrides_are_shown_not_sent() {
        let hostile = "Sam\u{1b}[2J\u{1b}]0;owned\u{7}\r\u{202E}txt.exe\u{9b}31m";
        let mut out = Printable(Vec::new());
        writeln!(out, "{hostile}\tnext").unwrap();
        let shown = String::from_utf8(out.0).unwrap();
        assert_eq!(shown, "Sam�[2J�]0;owned���txt.exe�31m\tnext\n");
        assert_eq!(printable("Zoë 家 مرحبا 🙂"), "Zoë 家 مرحبا 🙂");
    }
}
