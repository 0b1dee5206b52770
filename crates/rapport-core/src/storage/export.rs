//! The journal as CSV (one row per entry, one column per field) and as readable Markdown.

use std::io::{self, Write};
use std::path::Path;

use crate::content::entry::{Answer, Entry};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Slot, Worksheet};
use crate::storage::archive::ArchiveError;
use crate::storage::atomic as store;

/// The entries as CSV: one row per entry, one column per field. With one worksheet the
/// columns are its fields' labels; for the whole journal, `worksheet.field` ids.
#[must_use]
pub fn to_csv(workbook: &Workbook, entries: &[&Entry], one_worksheet: Option<&str>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_csv(&mut out, workbook, entries, one_worksheet);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the entries as CSV (see [`to_csv`]) row by row, so that memory does not grow with
/// the export.
pub fn write_csv(
    out: &mut dyn Write,
    workbook: &Workbook,
    entries: &[&Entry],
    one_worksheet: Option<&str>,
) -> io::Result<()> {
    let present: std::collections::HashSet<&str> =
        entries.iter().map(|e| e.worksheet.as_str()).collect();
    // Answers the worksheet no longer asks for (a user's file that dropped a step), or to a
    // worksheet no longer in the workbook, get columns of their own: an export never drops one.
    let mut extra: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        std::collections::BTreeMap::new();
    for entry in entries {
        if one_worksheet.is_some_and(|id| id != entry.worksheet) {
            continue;
        }
        let known = workbook
            .get(&entry.worksheet)
            .map(Worksheet::answer_ids)
            .unwrap_or_default();
        for id in entry.answers.keys() {
            if !known.contains(&id.as_str()) {
                extra
                    .entry(entry.worksheet.as_str())
                    .or_default()
                    .insert(id.as_str());
            }
        }
    }
    let mut columns: Vec<(&str, &str)> = Vec::new(); // (worksheet, answer id)
    let mut header = vec![
        "id".to_owned(),
        "worksheet".to_owned(),
        "created".to_owned(),
        "edited".to_owned(),
    ];
    for worksheet in workbook.worksheets() {
        if one_worksheet.is_some_and(|id| id != worksheet.id)
            || !present.contains(worksheet.id.as_str())
        {
            continue;
        }
        for id in worksheet.answer_ids() {
            let label = worksheet.step(id).map_or(id, |step| step.label.as_str());
            header.push(if one_worksheet.is_some() {
                label.to_owned()
            } else {
                format!("{}.{id}", worksheet.id)
            });
            columns.push((worksheet.id.as_str(), id));
        }
    }
    for (worksheet, ids) in &extra {
        for id in ids {
            header.push(if one_worksheet.is_some() {
                (*id).to_owned()
            } else {
                format!("{worksheet}.{id}")
            });
            columns.push((*worksheet, *id));
        }
    }
    crate::csv::write_line(out, header.iter().map(String::as_str))?;
    for entry in entries {
        let fixed = [
            entry.id.clone(),
            entry.worksheet.clone(),
            entry.created.to_string(),
            entry.edited.to_string(),
        ];
        let answers: Vec<String> = columns
            .iter()
            .map(|(worksheet, id)| {
                if *worksheet == entry.worksheet {
                    entry
                        .answers
                        .get(*id)
                        .map(Answer::display)
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .collect();
        crate::csv::write_line(out, fixed.iter().chain(&answers).map(String::as_str))?;
    }
    Ok(())
}

/// The entries as Markdown, readable and printable: each entry's answers under its prompts.
#[must_use]
pub fn to_markdown(workbook: &Workbook, entries: &[&Entry]) -> String {
    let mut out = Vec::new();
    let _ = write_markdown(&mut out, workbook, entries);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the entries as Markdown (see [`to_markdown`]), entry by entry.
pub fn write_markdown(
    out: &mut dyn Write,
    workbook: &Workbook,
    entries: &[&Entry],
) -> io::Result<()> {
    out.write_all(b"# My Rapport journal\n\n")?;
    for entry in entries {
        let worksheet = workbook.get(&entry.worksheet);
        let title = worksheet.map_or(entry.worksheet.as_str(), |w| w.title.as_str());
        write!(
            out,
            "## {}, {}\n\n",
            markdown_text(title),
            entry.created.human()
        )?;
        for (id, answer) in &entry.answers {
            let prompt = worksheet.and_then(|w| w.slot(id)).map_or_else(
                || id.clone(),
                |slot| match slot {
                    Slot::Step(step) => step.prompt.clone(),
                    Slot::Item(_, _, item) => item.text.clone(),
                },
            );
            let text = match (worksheet.and_then(|w| w.step(id)).map(|s| &s.field), answer) {
                (Some(Field::Rating(scale)), Answer::Number(n)) => {
                    format!("{n} (from {} to {})", scale.min, scale.max)
                }
                _ => answer.display(),
            };
            write!(
                out,
                "**{}**\n\n{}\n\n",
                markdown_text(&prompt),
                markdown_text(&text).replace('\n', "  \n")
            )?;
        }
    }
    Ok(())
}

/// `text` as Markdown that shows it exactly: raw HTML, links, images, emphasis, headings and
/// tables in an answer are printed as the characters typed, never run.
#[must_use]
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '(' | ')' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes text to `path` atomically.
pub fn write(path: &Path, text: &str) -> Result<(), ArchiveError> {
    write_streamed(path, |out| out.write_all(text.as_bytes()))
}

/// Writes `path` atomically from `fill`, which streams into a buffered temporary file.
pub fn write_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ArchiveError> {
    store::write_atomic_streamed(path, fill).map_err(|error| {
        ArchiveError::Io(format!(
            "Could not write: {error}. Path: {}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_shows_html_and_links_as_typed_and_never_runs_them() {
        let typed = "<script>alert(1)</script> [click](http://evil.invalid) ![x](y.png) **bold** # not a heading & more";
        let written = markdown_text(typed);
        for dangerous in ["<script>", "](http", "![x]", "**bold**"] {
            assert!(!written.contains(dangerous), "{dangerous} in {written}");
        }
        assert!(written.contains("\\<script\\>"), "{written}");
        assert!(written.contains("&amp; more"), "{written}");
        // Unescaping gives back exactly what was typed.
        let unescaped = written.replace("&amp;", "&");
        let mut back = String::new();
        let mut chars = unescaped.chars();
        while let Some(c) = chars.next() {
            back.push(if c == '\\' { chars.next().unwrap() } else { c });
        }
        assert_eq!(back, typed);
    }
}
