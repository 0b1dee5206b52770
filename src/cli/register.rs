//! `rapport register`: the facilitator's group register, one call on the core per action.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use rapport_core::facilitator::register::{Measured, Register, RegisterError, follow_ups};
use rapport_core::service::model::Model;
use rapport_core::service::register::RegisterExport;

use super::table::write_table;
use super::{CliError, Context};

/// What `rapport register` does.
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Start a register for a run of a programme: `rapport register new "Tuesday group"
    /// --programme group-ipt --start 2026-11-03`. Prints the run's id.
    New {
        /// The run's name.
        name: String,
        /// The programme it runs (see `rapport programmes`).
        #[arg(long, value_name = "ID")]
        programme: String,
        /// The day of the first group session, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        start: jiff::civil::Date,
        /// The questionnaire scored at each session, by its worksheet id.
        #[arg(long, value_name = "ID", default_value = "phq9")]
        measure: String,
    },
    /// List the registers: id, name, programme, members.
    List,
    /// Add a member by a first name or a pseudonym.
    AddMember {
        /// The run's id (see `rapport register list`).
        run: String,
        /// The member's first name or pseudonym.
        name: String,
    },
    /// Mark members as there at a session: `rapport register attend RUN --session 2 River Sam`.
    Attend {
        /// The run's id.
        run: String,
        /// The session: `before` for the one-to-one meeting before the group, or 1, 2, ….
        #[arg(long, value_name = "S")]
        session: String,
        /// Mark them as not there instead (undoes a mark).
        #[arg(long)]
        absent: bool,
        /// The members' names.
        #[arg(required = true)]
        members: Vec<String>,
    },
    /// Record a member's measure at a session: each question's answer (for the PHQ-9, nine:
    /// `--answers 0,1,2,1,0,1,2,1,0`), or only the total (`--total 12`).
    Score {
        /// The run's id.
        run: String,
        /// The member's name.
        member: String,
        /// The session: `before`, or 1, 2, ….
        #[arg(long, value_name = "S")]
        session: String,
        /// Each question's answer, in order, separated by commas.
        #[arg(
            long,
            value_delimiter = ',',
            conflicts_with = "total",
            required_unless_present = "total"
        )]
        answers: Vec<i64>,
        /// The total only, when the answers were not written down.
        #[arg(long)]
        total: Option<i64>,
    },
    /// Show the register: a row per member, attendance and score per session, and who to
    /// follow up and why.
    Show {
        /// The run's id.
        run: String,
    },
    /// Write the register as CSV (one row per member and session) or as a PDF (the table, the
    /// follow-ups and the charts).
    Export {
        /// The run's id.
        run: String,
        /// Write CSV.
        #[arg(long, conflicts_with = "pdf", required_unless_present = "pdf")]
        csv: bool,
        /// Write a PDF.
        #[arg(long)]
        pdf: bool,
        /// The file to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

impl From<RegisterError> for CliError {
    fn from(error: RegisterError) -> Self {
        CliError::new(error.to_string())
    }
}

/// `rapport register …`.
pub(super) fn register(
    cx: &Context<'_>,
    action: RegisterAction,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let model = Model::for_saving(cx.data_dir.clone());
    match action {
        RegisterAction::New {
            name,
            programme,
            start,
            measure,
        } => {
            let made = model.new_register_measuring(&name, &programme, &measure, start)?;
            writeln!(
                out,
                "Started the register “{}”. Its id is {}",
                made.name, made.id
            )?;
        }
        RegisterAction::List => {
            let registers = model.registers();
            if registers.is_empty() {
                writeln!(
                    out,
                    "No registers yet. `rapport register new NAME --programme group-ipt --start DATE` starts one."
                )?;
            }
            let mut rows = Vec::new();
            let mut ok = true;
            for (id, loaded) in registers {
                match loaded {
                    Ok(found) => rows.push(vec![
                        id,
                        found.name.clone(),
                        found.programme.clone(),
                        found.start.to_string(),
                        found.members.len().to_string(),
                    ]),
                    Err(error) => {
                        ok = false;
                        writeln!(out, "problem: {error}")?;
                    }
                }
            }
            if !rows.is_empty() {
                let header = ["id", "name", "programme", "start", "members"]
                    .map(str::to_owned)
                    .to_vec();
                write_table(&header, &rows, out)?;
            }
            return Ok(ok);
        }
        RegisterAction::AddMember { run, name } => {
            let changed = model.add_member(&run, &name)?;
            writeln!(
                out,
                "Added {} to “{}” ({} members).",
                name.trim(),
                changed.name,
                changed.members.len()
            )?;
        }
        RegisterAction::Attend {
            run,
            session,
            absent,
            members,
        } => {
            model.record_attendance(&run, &session, &members, !absent)?;
            let what = if absent { "not there" } else { "there" };
            writeln!(
                out,
                "Marked {} as {what} at session {session}.",
                members.join(", ")
            )?;
        }
        RegisterAction::Score {
            run,
            member,
            session,
            answers,
            total,
        } => {
            let value = match total {
                Some(total) => Measured::Total(total),
                None => Measured::Answers(answers),
            };
            let (changed, total) = model.record_score(&run, &member, &session, value)?;
            writeln!(out, "{member}, session {session}: {total}.")?;
            let cx = model.register_context(&changed)?;
            if let Some(found) = changed.member(&member) {
                let index = cx.session_index(&session)?;
                for flag in follow_ups(&changed, found, &cx)
                    .iter()
                    .filter(|flag| flag.session() == index)
                {
                    writeln!(out, "{}", flag.describe(&cx))?;
                }
            }
        }
        RegisterAction::Show { run } => {
            let found = model.register(&run)?;
            show(&model, &found, out)?;
        }
        RegisterAction::Export {
            run,
            csv,
            pdf: _,
            out: path,
        } => {
            let format = if csv {
                RegisterExport::Csv
            } else {
                RegisterExport::Pdf
            };
            let written = model.export_register(&run, format, &path)?;
            writeln!(out, "{}", written.display())?;
        }
    }
    Ok(true)
}

/// The register as a table (a column per session: `✓ 12` there and scored 12, `✗` missed),
/// then each member's follow-ups.
fn show(model: &Model, register: &Register, out: &mut dyn Write) -> Result<(), CliError> {
    let cx = model.register_context(register)?;
    writeln!(
        out,
        "{}: {}, starting {}. Measure: {}.",
        register.name, cx.programme.title, register.start, cx.measure_title
    )?;
    let sessions = cx.programme.sessions.len();
    let mut header = vec!["member".to_owned()];
    header.extend(cx.session_keys());
    let held = register.held(&cx);
    let rows: Vec<Vec<String>> = register
        .members
        .iter()
        .map(|member| {
            let mut row = vec![member.name.clone()];
            row.extend((0..sessions).map(|index| {
                let there = if member.came(&cx, index) {
                    "✓"
                } else if held[index] {
                    "✗"
                } else {
                    "·"
                };
                match member.score_at(&cx, index).and_then(|v| cx.total(v).ok()) {
                    Some(total) => format!("{there} {total}"),
                    None => there.to_owned(),
                }
            }));
            row
        })
        .collect();
    if rows.is_empty() {
        writeln!(
            out,
            "No members yet. `rapport register add-member {} NAME` adds one.",
            register.id
        )?;
        return Ok(());
    }
    write_table(&header, &rows, out)?;
    writeln!(
        out,
        "✓ there, ✗ missed, · not held yet; then the {} total.",
        cx.short_measure()
    )?;
    let mut any = false;
    for member in &register.members {
        for flag in follow_ups(register, member, &cx) {
            any = true;
            let said = flag.describe(&cx);
            let said = said.strip_prefix("Follow up: ").unwrap_or(&said);
            writeln!(out, "Follow up {}: {said}", member.name)?;
        }
    }
    if !any {
        writeln!(out, "No one to follow up.")?;
    }
    Ok(())
}
