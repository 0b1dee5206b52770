//! For facilitators and participants: share files, the group summary, and handouts.

use std::io::Write;

use rapport_core::content::{crisis, numbering};
use rapport_core::facilitator::handout::Paper;
use rapport_core::service::model::Model;
use rapport_core::service::share::{GroupSummary, save_share};
use rapport_core::time::LocalTime;

use super::library::find;
use super::table::write_table;
use super::{CliError, Context, GroupSummaryArgs, HandoutArgs, PaperArg, ShareArgs};

/// `rapport share`: lists what can be shared, or writes the share file.
pub(super) fn share(
    cx: &Context<'_>,
    args: ShareArgs,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let ShareArgs {
        group,
        pseudonym,
        include,
        programme,
        start,
        out: path,
    } = args;
    let model = Model::open(cx.data_dir.clone())?;
    if include.is_empty() {
        writeln!(out, "Series you can share (use --include ID,ID,…):")?;
        for series in model.shareable() {
            writeln!(
                out,
                "  {:<40} {} ({} values)",
                series.id, series.label, series.count
            )?;
        }
        return Ok(true);
    }
    let file = model
        .build_share(
            programme.as_deref(),
            start,
            &group,
            &pseudonym,
            &include,
            LocalTime::now(),
        )
        .map_err(|error| CliError::new(error.0))?;
    let path =
        path.ok_or_else(|| CliError::new("Say where to write the share file with --out FILE."))?;
    save_share(&file, &path).map_err(CliError::new)?;
    writeln!(out, "{}", path.display())?;
    Ok(true)
}

/// `rapport group-summary`: the table (or CSV) on `out`, skipped files on `err`, and the PDF.
pub(super) fn group_summary(
    cx: &Context<'_>,
    args: GroupSummaryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool, CliError> {
    let GroupSummaryArgs {
        folder,
        group,
        programme,
        start,
        csv,
        pdf,
    } = args;
    let summary =
        GroupSummary::of_folder(cx.workbook, &folder, &group, programme.as_deref(), start)
            .map_err(CliError::new)?;
    if csv {
        write!(out, "{}", summary.csv())?;
    } else {
        writeln!(
            out,
            "{} participants' files imported.",
            summary.import.files.len()
        )?;
        if let Some(start) = summary.summary.start_sentence() {
            writeln!(out, "{start}")?;
        }
        if let Some(note) = summary.outside_note() {
            writeln!(out, "{note}")?;
        }
        let (header, rows) = summary_table(&summary.summary);
        write_table(&header, &rows, out)?;
    }
    for skipped in &summary.import.skipped {
        writeln!(err, "skipped: {skipped}")?;
    }
    if let Some(path) = pdf {
        summary.write_pdf(&path, Paper::A4).map_err(CliError::new)?;
    }
    Ok(summary.import.skipped.is_empty())
}

/// `rapport handout`.
pub(super) fn handout(
    cx: &Context<'_>,
    args: HandoutArgs,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let HandoutArgs {
        id,
        session,
        blank,
        entry,
        paper,
        region,
        out: path,
    } = args;
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    let region = match region {
        None => crisis::region_from_environment(),
        Some(code) => Some(crisis::region(&code).ok_or_else(|| {
            let codes: Vec<&str> = crisis::REGIONS.iter().map(|r| r.code).collect();
            CliError::new(format!(
                "Rapport has no helplines for “{code}”. Write one of {}, or leave --region out.",
                codes.join(", ")
            ))
        })?),
    };
    let help = crisis::PrintedHelp::new(
        &rapport_core::storage::crisis_file::load_contacts(data_dir)
            .value
            .helplines(),
        region,
    );
    let paper = match paper {
        PaperArg::A4 => rapport_core::facilitator::handout::Paper::A4,
        PaperArg::Letter => rapport_core::facilitator::handout::Paper::Letter,
    };
    let pdf = match (id, session) {
        (_, Some(session)) => {
            let (programme_id, key) = session.rsplit_once(':').ok_or_else(|| {
                CliError::new(format!("Write the session as PROGRAMME:NUMBER, e.g. group-ipt:2 (or group-ipt:before for the one-to-one meeting before the group), not “{session}”."))
            })?;
            let programme = workbook.programme(programme_id).ok_or_else(|| {
                CliError::new(format!("There is no programme “{programme_id}”. Run `rapport programmes` to see the ids."))
            })?;
            let index = numbering::find(programme, key).ok_or_else(|| {
                CliError::new(format!(
                    "“{}” has {}: write {}, not “{key}”.",
                    programme.id,
                    numbering::count(programme),
                    numbering::keys(programme)
                ))
            })?;
            let chosen = programme.sessions.get(index).ok_or_else(|| {
                CliError::new(format!("“{}” has no session “{key}”.", programme.id))
            })?;
            rapport_core::facilitator::handout::session_pdf_with_help(workbook, programme, index + 1, chosen, paper, &help)
        }
        (Some(id), None) => {
            let worksheet = find(workbook, &id)?;
            let model = Model::open(data_dir.clone())?;
            let journal = model.journal();
            let filled = if blank {
                None
            } else if let Some(entry_id) = &entry {
                let found = journal.get(entry_id).filter(|e| e.worksheet == worksheet.id);
                Some(found.ok_or_else(|| CliError::new(format!("There is no entry “{entry_id}” of “{id}”.")))?)
            } else {
                Some(journal.entries_for(&worksheet.id).into_iter().next().ok_or_else(|| {
                    CliError::new(format!("There are no entries of “{id}” yet. Add --blank for an empty handout."))
                })?)
            };
            rapport_core::facilitator::handout::worksheet_pdf_with_help(worksheet, filled, paper, &help)
        }
        (None, None) => {
            return Err(CliError::new(
                "Name a worksheet (rapport handout coping-skills --out FILE.pdf) or a session (--session group-ipt:2).",
            ));
        }
    }
    .map_err(|error| CliError::new(error.to_string()))?;
    rapport_core::facilitator::handout::write(&path, &pdf)
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(out, "{}", path.display())?;
    Ok(true)
}

/// The group summary as a table for the terminal.
pub(super) fn summary_table(
    summary: &rapport_core::facilitator::share::Summary,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["measure", "week", "n", "median", "middle half", "range"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let row = |label: &str, week: String, s: &rapport_core::insight::spread::Spread| {
        if !s.is_shown() {
            return vec![
                label.to_owned(),
                week,
                s.n.to_string(),
                rapport_core::insight::spread::SUPPRESSED.to_owned(),
                String::new(),
                String::new(),
            ];
        }
        vec![
            label.to_owned(),
            week,
            s.n.to_string(),
            format!("{:.1}", s.median),
            format!("{:.1}–{:.1}", s.q1, s.q3),
            format!("{}–{}", s.min, s.max),
        ]
    };
    let rows = summary
        .rows()
        .iter()
        .map(|(label, week, s)| row(label, week.clone(), s))
        .collect();
    (header, rows)
}
