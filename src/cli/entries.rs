//! Saving, editing, listing and restoring entries.

use std::io::Write;

use rapport_core::content::entry::{Answers, check_answers, parse_slot};
use rapport_core::content::workbook::Workbook;
use rapport_core::content::worksheet::Worksheet;
use rapport_core::service::model::Model;
use rapport_core::service::saved::Saved;
use rapport_core::service::trash::{EMPTY_WARNING, FOREVER_WARNING};
use rapport_core::storage::journal::{Journal, JournalError};

use super::library::find;
use super::{CliError, Context, TrashAction};

/// `rapport add`.
pub(super) fn add(
    cx: &Context<'_>,
    id: &str,
    answers: &[String],
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    let worksheet = find(workbook, id)?;
    let answers = parse_answers(worksheet, answers)?;
    // Saving reads nothing else from the journal: one file is written, whatever is there.
    let mut model = Model::for_saving(data_dir.clone());
    let saved = model.save_new(&worksheet.id, answers)?;
    print_saved(&saved, out)?;
    Ok(true)
}

/// `rapport edit`.
pub(super) fn edit(
    cx: &Context<'_>,
    entry: &str,
    answers: &[String],
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    // Only the entry being edited is read.
    let mut model = Model::for_editing(data_dir.clone(), entry).map_err(|error| match error {
        JournalError::NotFound(_) => CliError::new(format!(
            "There is no entry “{entry}”. Run `rapport entries` to see them."
        )),
        other => CliError::from(other),
    })?;
    let worksheet = model.worksheet_of(entry)?;
    let changes = parse_answers(&worksheet, answers)?;
    let saved = model.edit_answers(entry, changes)?;
    print_saved(&saved, out)?;
    Ok(true)
}

/// `rapport trash`.
pub(super) fn trash(cx: &Context<'_>, out: &mut dyn Write) -> Result<bool, CliError> {
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    let model = Model::open(data_dir.clone())?;
    let trashed = model.journal().trash();
    if trashed.is_empty() {
        writeln!(out, "The trash is empty.")?;
    }
    for item in trashed {
        writeln!(
            out,
            "{}  {:<20} {}",
            item.entry.id,
            item.entry.worksheet,
            item.entry.summary(workbook.get(&item.entry.worksheet))
        )?;
    }
    Ok(true)
}

/// `rapport trash delete-forever ID` and `rapport trash empty`: without `--yes`, says what
/// would go and deletes nothing.
pub(super) fn delete_forever(
    cx: &Context<'_>,
    action: &TrashAction,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let mut model = Model::open(cx.data_dir.clone())?;
    let (id, yes) = match action {
        TrashAction::DeleteForever { id, yes } => (Some(id.as_str()), *yes),
        TrashAction::Empty { yes } => (None, *yes),
    };
    let in_trash = model
        .journal()
        .trash()
        .into_iter()
        .filter(|item| id.is_none_or(|id| item.entry.id == id))
        .count();
    if let Some(id) = id
        && in_trash == 0
    {
        return Err(CliError::new(format!(
            "There is no entry “{id}” in the trash, so nothing was deleted. Run `rapport trash` to see what is there."
        )));
    }
    if in_trash == 0 {
        writeln!(out, "The trash is already empty.")?;
        return Ok(true);
    }
    if !yes {
        let what = match id {
            Some(id) => format!("“{id}”"),
            None if in_trash == 1 => "the 1 entry in the trash".to_owned(),
            None => format!("the {in_trash} entries in the trash"),
        };
        return Err(CliError::new(format!(
            "Nothing was deleted. To delete {what} for good, run the command again with --yes. {}",
            if in_trash > 1 {
                EMPTY_WARNING
            } else {
                FOREVER_WARNING
            }
        )));
    }
    let forgotten = match id {
        Some(id) => model.delete_forever(id)?,
        None => model.empty_trash()?,
    };
    writeln!(out, "{}", forgotten.message())?;
    Ok(true)
}

/// `rapport restore-entry`.
pub(super) fn restore_entry(
    cx: &Context<'_>,
    id: &str,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let mut model = Model::open(data_dir.clone())?;
    model.restore(id)?;
    writeln!(out, "{}", model.journal().path_of(id).display())?;
    Ok(true)
}

/// `rapport entries`.
pub(super) fn entries(
    cx: &Context<'_>,
    id: Option<&str>,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    if let Some(id) = &id {
        find(workbook, id)?;
    }
    let model = Model::open(data_dir.clone())?;
    list_entries(workbook, model.journal(), id, out)?;
    Ok(true)
}

/// Prints what a save tells the person, the same for a new entry and an edit: the file, and
/// for a questionnaire its score and, if the answers call for it, the crisis message.
pub(super) fn print_saved(saved: &Saved, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", saved.path.display())?;
    if let Some(assessment) = &saved.assessment {
        writeln!(out, "{}", assessment.score_text())?;
        if assessment.crisis.is_some() {
            writeln!(out, "{}", rapport_core::content::crisis::CLI_ALERT)?;
        }
    }
    Ok(())
}

pub(super) fn parse_answers(worksheet: &Worksheet, pairs: &[String]) -> Result<Answers, CliError> {
    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for pair in pairs {
        let Some((field, value)) = pair.split_once('=') else {
            errors.push(format!("“{pair}” should be FIELD=VALUE"));
            continue;
        };
        match worksheet.slot(field) {
            None => errors.push(format!("“{field}” is not a field of {}", worksheet.id)),
            Some(slot) => match parse_slot(slot, value) {
                Ok(answer) => {
                    if answers.insert(field.to_owned(), answer).is_some() {
                        errors.push(format!("“{field}” is given twice"));
                    }
                }
                Err(error) => errors.push(format!("“{field}” {error}")),
            },
        }
    }
    if errors.is_empty() {
        check_answers(worksheet, &answers).map_err(CliError::new)?;
        Ok(answers)
    } else {
        Err(CliError::new(format!(
            "Nothing was saved. {}. Run `rapport worksheets {}` to see its fields.",
            errors.join("; "),
            worksheet.id
        )))
    }
}

pub(super) fn list_entries(
    workbook: &Workbook,
    journal: &Journal,
    only: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = journal
        .entries()
        .filter(|entry| only.is_none_or(|id| entry.worksheet == id))
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.created));
    if entries.is_empty() {
        writeln!(out, "No entries yet.")?;
    }
    for entry in entries {
        writeln!(
            out,
            "{}  {:<20} {}",
            entry.created.civil().strftime("%Y-%m-%d %H:%M"),
            entry.worksheet,
            entry.summary(workbook.get(&entry.worksheet))
        )?;
    }
    Ok(())
}
