//! `rapport report`: the summary to take to an appointment.

use std::io::Write;

use jiff::civil::Date;
use rapport_core::facilitator::handout::Paper;
use rapport_core::insight::report::ReportChoices;
use rapport_core::service::model::Model;
use rapport_core::service::report::write_report;
use rapport_core::time::LocalTime;

use super::library::find;
use super::{CliError, Context, PaperArg, ReportArgs, ReportPart};

fn date(text: &str, flag: &str) -> Result<Date, CliError> {
    text.trim().parse().map_err(|_| {
        CliError::new(format!(
            "{flag} takes a date such as 2026-11-25, not “{text}”."
        ))
    })
}

/// `rapport report`: writes the PDF and says what period it covers.
pub(super) fn report(
    cx: &Context<'_>,
    args: ReportArgs,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let today = LocalTime::now().date();
    let to = args
        .to
        .as_deref()
        .map_or(Ok(today), |text| date(text, "--to"))?;
    let from = match args.from.as_deref() {
        Some(text) => date(text, "--from")?,
        None => to
            .checked_sub(jiff::Span::new().days(27))
            .map_err(|_| CliError::new("--to is too early for a four-week summary."))?,
    };
    if from > to {
        return Err(CliError::new(format!(
            "--from ({from}) comes after --to ({to}); give the earlier day first."
        )));
    }
    for id in &args.include_text {
        find(cx.workbook, id)?;
    }
    let choices = ReportChoices {
        measures: !args.leave_out.contains(&ReportPart::Measures),
        practice: !args.leave_out.contains(&ReportPart::Practice),
        focus: !args.leave_out.contains(&ReportPart::Focus),
        ratings: !args.leave_out.contains(&ReportPart::Ratings),
        free_text_from: args.include_text,
        talk_about: args.talk_about.unwrap_or_default(),
    };
    let model = Model::open(cx.data_dir.clone())?;
    let report = model.appointment_report(from, to, today, choices);
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    write_report(&report, &args.out, paper).map_err(CliError::new)?;
    if report.is_empty() {
        writeln!(
            out,
            "There are no entries between {from} and {to}; the summary says so."
        )?;
    }
    writeln!(out, "{}", args.out.display())?;
    Ok(true)
}
