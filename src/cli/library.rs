//! The worksheets and programmes: listing them, and describing one's fields.

use std::io::Write;

use rapport_core::content::numbering;
use rapport_core::content::workbook::Workbook;
use rapport_core::content::worksheet::{Field, Worksheet};

use super::CliError;

pub(super) fn find<'a>(workbook: &'a Workbook, id: &str) -> Result<&'a Worksheet, CliError> {
    workbook.get(id).ok_or_else(|| {
        CliError::new(format!(
            "There is no worksheet “{id}”. Run `rapport worksheets` to see the ids."
        ))
    })
}

pub(super) fn list_programmes(
    workbook: &Workbook,
    only: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(id) = only {
        let programme = workbook.programme(id).ok_or_else(|| {
            CliError::new(format!(
                "There is no programme “{id}”. Run `rapport programmes` to see the ids."
            ))
        })?;
        writeln!(
            out,
            "{} ({}, {})",
            programme.title,
            programme.id,
            numbering::count(programme)
        )?;
        for index in 0..programme.sessions.len() {
            let Some(session) = programme.sessions.get(index) else {
                continue;
            };
            writeln!(
                out,
                "  {} ({} minutes)",
                numbering::heading(programme, index),
                session.minutes
            )?;
            for item in &session.agenda {
                writeln!(
                    out,
                    "       {:>3} min  {}: {}",
                    item.minutes,
                    item.kind.name(),
                    item.title
                )?;
            }
            if !session.homework.is_empty() {
                writeln!(out, "       homework: {}", session.homework.join(", "))?;
            }
        }
        return Ok(());
    }
    for programme in workbook.programmes() {
        writeln!(
            out,
            "{:<24} {}: {}",
            programme.id,
            programme.title,
            numbering::count(programme)
        )?;
        for index in 0..programme.sessions.len() {
            writeln!(
                out,
                "    {:<7} {}",
                numbering::key(programme, index),
                numbering::heading(programme, index)
            )?;
        }
    }
    Ok(())
}

pub(super) fn list_worksheets(workbook: &Workbook, out: &mut dyn Write) -> std::io::Result<()> {
    for section in workbook.sections() {
        let mut worksheets = workbook.worksheets_in(&section.id).peekable();
        if worksheets.peek().is_none() {
            continue;
        }
        writeln!(out, "{}", section.title)?;
        for worksheet in worksheets {
            writeln!(
                out,
                "  {:<24} v{:<3} {}",
                worksheet.id, worksheet.version, worksheet.title
            )?;
        }
    }
    Ok(())
}

pub(super) fn describe_worksheet(
    worksheet: &Worksheet,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({}, version {})",
        worksheet.title, worksheet.id, worksheet.version
    )?;
    for step in &worksheet.steps {
        let values = match &step.field {
            Field::Text | Field::LongText => "any text".to_owned(),
            Field::Rating(scale) => {
                let mut text = format!("whole number {}..{}", scale.min, scale.max);
                if !scale.low.is_empty() || !scale.high.is_empty() {
                    text = format!("{text} ({} … {})", scale.low, scale.high);
                }
                if scale.tracked {
                    text.push_str(", tracked");
                }
                text
            }
            Field::Choice(choices) | Field::MultiChoice(choices) => {
                let mut text = format!("one of: {}", choices.options.join(" | "));
                if matches!(step.field, Field::MultiChoice(_)) {
                    text = format!("any of, separated by “;”: {}", choices.options.join(" | "));
                }
                if choices.other {
                    text.push_str(" | or your own words");
                }
                text
            }
            Field::List(list) => match list.max {
                Some(max) => format!("up to {max} items separated by “;”"),
                None => "items separated by “;”".to_owned(),
            },
            Field::Date => "a date, YYYY-MM-DD".to_owned(),
            Field::Circle(rings) => format!(
                "people as NAME:RING separated by “;”, RING being {}",
                rings
                    .rings
                    .iter()
                    .enumerate()
                    .map(|(i, label)| format!("{} ({label})", i + 1))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Field::Questionnaire(questionnaire) => {
                let responses = questionnaire
                    .responses
                    .iter()
                    .map(|r| format!("{} ({})", r.value, r.label))
                    .collect::<Vec<_>>()
                    .join(" | ");
                for item in &questionnaire.items {
                    writeln!(out, "  {:<22} {:<13} {responses}", item.id, "item")?;
                }
                let (low, high) = questionnaire.range();
                writeln!(
                    out,
                    "  ({} from {low} to {high}: {})",
                    questionnaire.scoring.label,
                    questionnaire
                        .scoring
                        .bands
                        .iter()
                        .map(|b| format!("{}–{} {}", b.min, b.max, b.label))
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                continue;
            }
        };
        writeln!(
            out,
            "  {:<22} {:<13} {values}",
            step.id,
            step.field.kind_name()
        )?;
    }
    Ok(())
}
