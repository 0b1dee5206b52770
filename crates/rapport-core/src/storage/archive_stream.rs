//! Reading a plain archive entry by entry, so that importing or restoring a large archive never
//! holds its whole text (nor a second copy of every entry's text) in memory: only the entries
//! themselves, which the journal holds anyway once they are in.
//!
//! This reads the layout Rapport writes (`archive::write_archive`): the header fields, then
//! `entries: [` with one string per entry, then `],` and `)`. Anything else (comments, fields in
//! another order, a sealed backup) gives `None`, and the caller reads the file whole instead, with
//! its exact messages.

use std::io::{BufRead, BufReader, Read};

use crate::content::entry::Entry;
use crate::storage::journal::parse_entry_text;

/// Why streaming stopped.
#[derive(Debug)]
pub enum Streamed {
    /// Not the layout Rapport writes: read the file whole instead.
    OtherLayout,
    /// Entry number `index` (from 1) is not an entry: why, in words for a person.
    BadEntry {
        /// Its place in the archive, from 1.
        index: usize,
        /// Why it is not an entry.
        reason: String,
    },
}

/// The header and the entries of the plain archive read from `input`. `header` reads the
/// archive's text up to its list of entries, written as an archive with no entries, and says
/// whether it is one (`None` for anything else).
pub fn read<H>(
    input: impl Read,
    header: impl FnOnce(&str) -> Option<H>,
) -> Result<(H, Vec<Entry>), Streamed> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let header = read_header(&mut input, header)?;
    let mut entries = Vec::new();
    while let Token::String(literal) = next_token(&mut input)? {
        let text: String = ron::from_str(&literal).map_err(|_| Streamed::OtherLayout)?;
        drop(literal);
        let entry = parse_entry_text(&text).map_err(|error| Streamed::BadEntry {
            index: entries.len() + 1,
            reason: error.to_string(),
        })?;
        entries.push(entry);
    }
    // After the list: `,` then `)`, and nothing but white space.
    let mut rest = String::new();
    input
        .take(4096)
        .read_to_string(&mut rest)
        .map_err(|_| Streamed::OtherLayout)?;
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    if rest != ",)" && rest != ")" {
        return Err(Streamed::OtherLayout);
    }
    Ok((header, entries))
}

/// Reads up to and including `entries: [`, and gives what came before, closed as an archive
/// with no entries, to `parse`.
fn read_header<H>(
    input: &mut impl BufRead,
    parse: impl FnOnce(&str) -> Option<H>,
) -> Result<H, Streamed> {
    const MARK: &[u8] = b"entries: [";
    let mut head = Vec::new();
    while !head.ends_with(MARK) {
        let mut byte = [0u8; 1];
        if head.len() > 64 * 1024 || input.read_exact(&mut byte).is_err() {
            return Err(Streamed::OtherLayout);
        }
        head.push(byte[0]);
    }
    let head =
        std::str::from_utf8(&head[..head.len() - MARK.len()]).map_err(|_| Streamed::OtherLayout)?;
    if head.contains("//") || head.contains("/*") {
        return Err(Streamed::OtherLayout);
    }
    parse(&format!("{head}entries: [],\n)\n")).ok_or(Streamed::OtherLayout)
}

enum Token {
    /// One string literal, quotes and escapes as written.
    String(String),
    /// The `]` that ends the list.
    End,
}

/// The next string literal of the list (after white space and one comma), or its end.
fn next_token(input: &mut impl BufRead) -> Result<Token, Streamed> {
    let mut comma = false;
    loop {
        let byte = read_byte(input)?;
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b',' if !comma => comma = true,
            b']' => return Ok(Token::End),
            b'"' => return read_string(input).map(Token::String),
            b'r' => return read_raw_string(input).map(Token::String),
            _ => return Err(Streamed::OtherLayout),
        }
    }
}

/// Reads a `"…"` literal whose opening quote was read, returning it with its quotes.
fn read_string(input: &mut impl BufRead) -> Result<String, Streamed> {
    let mut literal = vec![b'"'];
    loop {
        let byte = read_byte(input)?;
        literal.push(byte);
        match byte {
            b'\\' => literal.push(read_byte(input)?),
            b'"' => break,
            _ => {}
        }
        if literal.len() as u64 > crate::storage::journal::MAX_ENTRY_BYTES * 8 {
            return Err(Streamed::OtherLayout);
        }
    }
    String::from_utf8(literal).map_err(|_| Streamed::OtherLayout)
}

/// Reads a raw `r#"…"#` literal (any number of `#`) whose `r` was read, returning it whole.
fn read_raw_string(input: &mut impl BufRead) -> Result<String, Streamed> {
    let mut literal = vec![b'r'];
    let mut hashes = 0usize;
    loop {
        let byte = read_byte(input)?;
        literal.push(byte);
        match byte {
            b'#' => hashes += 1,
            b'"' => break,
            _ => return Err(Streamed::OtherLayout),
        }
    }
    // The literal ends at a quote followed by as many `#` as it opened with.
    let mut closing: Option<usize> = None;
    loop {
        let byte = read_byte(input)?;
        literal.push(byte);
        closing = match (byte, closing) {
            (b'"', _) => Some(0),
            (b'#', Some(seen)) => Some(seen + 1),
            _ => None,
        };
        if closing == Some(hashes) {
            break;
        }
        if literal.len() as u64 > crate::storage::journal::MAX_ENTRY_BYTES * 8 {
            return Err(Streamed::OtherLayout);
        }
    }
    String::from_utf8(literal).map_err(|_| Streamed::OtherLayout)
}

fn read_byte(input: &mut impl BufRead) -> Result<u8, Streamed> {
    let mut byte = [0u8; 1];
    input
        .read_exact(&mut byte)
        .map_err(|_| Streamed::OtherLayout)?;
    Ok(byte[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};
    use crate::content::workbook::Workbook;
    use crate::storage::archive::{Archive, KIND, archive, archive_text, write_archive};
    use crate::storage::journal::Journal;
    use crate::storage::layout::DataDir;

    fn journal(dir: &std::path::Path) -> Journal {
        let workbook = Workbook::bundled();
        let mut journal = Journal::open(DataDir::new(dir)).unwrap();
        for (n, text) in [
            "plain",
            "a \"quoted\" one, with \\ a backslash",
            "raw \"# and \"## inside",
            "line\nbreak, 中文 مرحبا 🙂, and \u{202e} an override",
            &"长".repeat(3000),
        ]
        .into_iter()
        .enumerate()
        {
            let when = format!("2026-11-0{}T10:00:00+00:00", n + 1)
                .parse()
                .unwrap();
            journal
                .add_at(
                    workbook.get("coping-skills").unwrap(),
                    Answers::from([("situation".to_owned(), Answer::Text(text.into()))]),
                    when,
                )
                .unwrap();
        }
        journal
    }

    fn header(text: &str) -> Option<Archive> {
        crate::format::ARCHIVE
            .parse::<Archive>(text)
            .ok()
            .filter(|archive| archive.kind == KIND)
    }

    fn read(input: &[u8]) -> Result<(Archive, Vec<Entry>), Streamed> {
        super::read(input, header)
    }

    #[test]
    fn a_streamed_read_gives_what_the_whole_read_gives() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(dir.path());
        let now = "2026-11-30T10:00:00+00:00".parse().unwrap();
        let mut written = Vec::new();
        write_archive(&mut written, journal.entries(), &[], now).unwrap();
        let (header, entries) = read(written.as_slice()).unwrap();
        assert_eq!(header.created, now);
        assert_eq!(entries, journal.entries().cloned().collect::<Vec<_>>());
        // An empty archive.
        let empty = archive_text(&archive(std::iter::empty(), now));
        assert!(read(empty.as_bytes()).unwrap().1.is_empty());
    }

    #[test]
    fn any_other_layout_is_left_to_the_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(dir.path());
        let now = "2026-11-30T10:00:00+00:00".parse().unwrap();
        let text = archive_text(&archive(journal.entries(), now));
        let compact = text.replace('\n', " ");
        for (what, other) in [
            (
                "a comment",
                text.replacen("entries: [", "// mine\n    entries: [", 1),
            ),
            ("cut short", text[..text.len() / 2].to_owned()),
            ("something after", format!("{text}(more)")),
            ("not an archive", "(kind: \"something\")".to_owned()),
            (
                "another kind",
                text.replacen("rapport-archive", "rapport-share", 1),
            ),
        ] {
            assert!(
                matches!(read(other.as_bytes()), Err(Streamed::OtherLayout)),
                "{what}"
            );
        }
        // One line is still the layout.
        assert_eq!(read(compact.as_bytes()).unwrap().1.len(), 5);
        let bad = text.replacen("worksheet: \"coping-skills\"", "worksheet: 7", 1);
        assert!(matches!(
            read(bad.as_bytes()),
            Err(Streamed::BadEntry { index: 1, .. })
        ));
    }
}
