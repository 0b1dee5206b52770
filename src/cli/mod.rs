//! The command line: scripted use of the same workbook, journal and charts as the app.

pub mod protect;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use rapport_core::content::entry::{Answers, check_answers, parse_slot};
use rapport_core::content::workbook::Workbook;
use rapport_core::content::worksheet::{Field, Worksheet};
use rapport_core::insight::chart::{self, Chart, Theme};
use rapport_core::insight::progress;
use rapport_core::insight::progress::TimeRange;
use rapport_core::service::model::Model;
use rapport_core::service::saved::Saved;
use rapport_core::storage::journal::Journal;
use rapport_core::storage::layout::DataDir;

/// Rapport: a private workbook for Interpersonal Therapy (IPT) techniques.
///
/// With no command, opens the app. Your answers are saved as plain RON files in your data
/// folder, and nothing leaves your computer unless you export it.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about)]
pub struct Cli {
    /// Use DIR as the data folder instead of the platform's (also: `RAPPORT_DATA_DIR`).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Read the journal's passphrase from the first line of FILE instead of asking on the
    /// terminal (for scripts; keep the file private). For `protect on`, the new passphrase.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Close the window as soon as the first frame is drawn (for measuring start-up time).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    /// What to do; with none, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the worksheets, or show the fields of one so you can write `rapport add` commands.
    Worksheets {
        /// A worksheet id, e.g. coping-skills.
        id: Option<String>,
    },
    /// List the programmes (for workshops, or to follow at home): ids, titles and sessions.
    Programmes {
        /// Show one programme's sessions and agendas.
        id: Option<String>,
    },
    /// Save an entry: `rapport add coping-skills intensity_before=8 situation="Argument at work"`.
    ///
    /// Ratings are whole numbers, dates are YYYY-MM-DD, and several choices or list items are
    /// separated by `;`. Every value is checked against the worksheet; if any is wrong, nothing
    /// is saved.
    Add {
        /// The worksheet id.
        id: String,
        /// Answers as FIELD=VALUE.
        #[arg(value_name = "FIELD=VALUE", required = true)]
        answers: Vec<String>,
    },
    /// Change answers of an entry: `rapport edit ENTRY_ID intensity_after=3`. Answers not given
    /// stay as they were; the previous version is kept.
    Edit {
        /// The entry's id (its file name without .ron).
        entry: String,
        /// Answers as FIELD=VALUE.
        #[arg(value_name = "FIELD=VALUE", required = true)]
        answers: Vec<String>,
    },
    /// List deleted entries, which `rapport restore-entry ID` brings back.
    Trash,
    /// Bring a deleted entry back from the trash.
    RestoreEntry {
        /// The entry's id.
        id: String,
    },
    /// List entries, newest first: date, worksheet and a one-line summary.
    Entries {
        /// Only entries of this worksheet.
        id: Option<String>,
    },
    /// Print a worksheet's tracked ratings over time.
    Progress {
        /// The worksheet id.
        id: String,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
    },
    /// Draw a worksheet's progress chart to a PNG or SVG file.
    Chart {
        /// The worksheet id (for trend and before-after charts).
        id: Option<String>,
        /// Which chart.
        #[arg(long, value_enum, default_value_t = ChartKind::Trend)]
        kind: ChartKind,
        /// How far back to look.
        #[arg(long, value_enum, default_value_t = RangeArg::All)]
        range: RangeArg,
        /// The file to write; its extension (.png or .svg) picks the format.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Width in pixels.
        #[arg(long, default_value_t = 800)]
        width: u32,
        /// Height in pixels.
        #[arg(long, default_value_t = 400)]
        height: u32,
        /// Colours for a light or a dark page.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
    },
    /// Make a printable PDF handout of a worksheet (filled with your latest entry, or blank) or
    /// of a whole session: `rapport handout coping-skills --blank --out sheet.pdf`,
    /// `rapport handout --session group-ipt:2 --out session2.pdf`.
    Handout {
        /// The worksheet id (not with --session).
        id: Option<String>,
        /// A session as PROGRAMME:NUMBER, e.g. group-ipt:2.
        #[arg(long, value_name = "PROGRAMME:N", conflicts_with = "id")]
        session: Option<String>,
        /// Leave the answers empty, for writing by hand.
        #[arg(long)]
        blank: bool,
        /// Fill with this entry rather than the latest.
        #[arg(long, value_name = "ENTRY_ID", conflicts_with = "blank")]
        entry: Option<String>,
        /// Paper size.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Make a file to share your progress with your facilitator: only the numbers and dates
    /// of the series you name, under a pseudonym. Without --include, lists what you can share.
    Share {
        /// The code your facilitator gave the group.
        #[arg(long)]
        group: String,
        /// The name to appear under (not your real name, unless you want it to be).
        #[arg(long)]
        pseudonym: String,
        /// The series to include, separated by commas, e.g. phq9,coping-skills/intensity_before.
        #[arg(long, value_delimiter = ',')]
        include: Vec<String>,
        /// The programme the group follows (default: the one you follow).
        #[arg(long)]
        programme: Option<String>,
        /// Where to write the share file.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Summarise a folder of participants' share files: per week, n, median and spread of each
    /// measure, and the change over the programme. Names every file skipped, with the reason.
    GroupSummary {
        /// The folder of share files.
        folder: PathBuf,
        /// The group code the files must carry.
        #[arg(long)]
        group: String,
        /// Only accept files for this programme.
        #[arg(long)]
        programme: Option<String>,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// Also write the summary as a PDF.
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Back up the whole journal now (one file per day, the newest 14 kept).
    Backup,
    /// List the backups, newest first.
    Backups,
    /// Restore a backup. The current journal is moved aside first, never deleted.
    Restore {
        /// The backup file (see `rapport backups`).
        backup: PathBuf,
    },
    /// Export the journal, or one worksheet's entries, as CSV, Markdown or a RON archive.
    Export {
        /// csv: one row per entry; md: readable and printable; ron: an archive to import later.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this worksheet's entries.
        #[arg(long, value_name = "ID")]
        worksheet: Option<String>,
        /// The file to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Import a RON archive made by `rapport export --format ron`. Entries already in the
    /// journal are skipped; an entry whose id is taken by a different one is added under a new id.
    Import {
        /// The archive.
        file: PathBuf,
    },
    /// Check the workbook and the whole journal; print every problem and change nothing.
    Check,
    /// Protect the journal with a passphrase, remove the protection, or change the passphrase.
    Protect {
        /// on, off or change.
        #[command(subcommand)]
        action: crate::cli::protect::ProtectAction,
    },
    /// Fill an empty data folder with years of made-up entries, to try the app with a history.
    DemoData {
        /// How many years of entries, ending today.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=50))]
        years: u32,
    },
}

/// The charts `rapport chart` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// A worksheet's tracked ratings (or questionnaire score) over time.
    Trend,
    /// A worksheet's ratings before and after, paired within entries.
    BeforeAfter,
    /// Entries per week over the last 26 weeks, by worksheet.
    Weekly,
    /// Days practised over the last year.
    Calendar,
    /// Closeness to each person over time.
    Relationships,
}

/// Time ranges on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RangeArg {
    /// The last four weeks.
    #[value(name = "4w")]
    FourWeeks,
    /// The last three months.
    #[value(name = "3m")]
    ThreeMonths,
    /// The last year.
    #[value(name = "1y")]
    Year,
    /// Everything.
    All,
}

impl From<RangeArg> for TimeRange {
    fn from(range: RangeArg) -> Self {
        match range {
            RangeArg::FourWeeks => TimeRange::FourWeeks,
            RangeArg::ThreeMonths => TimeRange::ThreeMonths,
            RangeArg::Year => TimeRange::Year,
            RangeArg::All => TimeRange::All,
        }
    }
}

/// Export formats on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values: one row per entry, one column per field.
    Csv,
    /// Markdown: readable and printable.
    Md,
    /// A RON archive, which `rapport import` reads back.
    Ron,
}

impl From<ExportFormat> for rapport_core::service::export::ExportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Md => Self::Markdown,
            ExportFormat::Ron => Self::Archive,
        }
    }
}

/// Paper sizes on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PaperArg {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

/// Chart colours on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

/// A command failed; the message is for the user.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(String);

impl CliError {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl From<rapport_core::storage::journal::JournalError> for CliError {
    fn from(error: rapport_core::storage::journal::JournalError) -> Self {
        Self(error.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        Self(format!("Could not write the output: {error}"))
    }
}

impl From<crate::cli::protect::UnlockError> for CliError {
    fn from(error: crate::cli::protect::UnlockError) -> Self {
        Self(error.to_string())
    }
}

impl Command {
    /// Whether the command reads or writes the journal (and so needs it unlocked).
    fn uses_journal(&self) -> bool {
        !matches!(
            self,
            Command::Worksheets { .. }
                | Command::Programmes { .. }
                | Command::GroupSummary { .. }
                | Command::Handout { blank: true, .. }
                | Command::Handout {
                    session: Some(_),
                    ..
                }
                | Command::Protect { .. }
        )
    }
}

/// Runs a subcommand, writing its output to `out`. `Ok(false)` means it ran but found problems.
/// A protected journal is unlocked first, with the passphrase from `passphrase_file` or the
/// terminal.
pub fn run(
    data_dir: &DataDir,
    passphrase_file: Option<&std::path::Path>,
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool, CliError> {
    if let Command::Protect { action } = command {
        protect::protect(data_dir, passphrase_file, action, out, err)?;
        return Ok(true);
    }
    let data_dir = &if command.uses_journal() {
        // `check` changes nothing, not even to finish an interrupted conversion.
        let finish = !matches!(command, Command::Check);
        protect::unlock(data_dir, passphrase_file, finish, err)?
    } else {
        data_dir.clone()
    };
    let workbook = Workbook::load(Some(data_dir));
    match command {
        Command::Worksheets { id: None } => {
            list_worksheets(&workbook, out)?;
            Ok(true)
        }
        Command::Programmes { id } => {
            list_programmes(&workbook, id.as_deref(), out)?;
            Ok(true)
        }
        Command::Worksheets { id: Some(id) } => {
            describe_worksheet(find(&workbook, &id)?, out)?;
            Ok(true)
        }
        Command::Add { id, answers } => {
            let worksheet = find(&workbook, &id)?;
            let answers = parse_answers(worksheet, &answers)?;
            let mut model = Model::open(data_dir.clone())?;
            let saved = model.save_new(&worksheet.id, answers)?;
            print_saved(&saved, out)?;
            Ok(true)
        }
        Command::Edit { entry, answers } => {
            let mut model = Model::open(data_dir.clone())?;
            let worksheet = model.worksheet_of(&entry).map_err(|_| {
                CliError::new(format!(
                    "There is no entry “{entry}”. Run `rapport entries` to see them."
                ))
            })?;
            let changes = parse_answers(&worksheet, &answers)?;
            let saved = model.edit_answers(&entry, changes)?;
            print_saved(&saved, out)?;
            Ok(true)
        }
        Command::Trash => {
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
        Command::RestoreEntry { id } => {
            let mut model = Model::open(data_dir.clone())?;
            model.restore(&id)?;
            writeln!(out, "{}", model.journal().path_of(&id).display())?;
            Ok(true)
        }
        Command::Entries { id } => {
            if let Some(id) = &id {
                find(&workbook, id)?;
            }
            let model = Model::open(data_dir.clone())?;
            list_entries(&workbook, model.journal(), id.as_deref(), out)?;
            Ok(true)
        }
        Command::Progress { id, csv } => {
            let worksheet = find(&workbook, &id)?;
            let model = Model::open(data_dir.clone())?;
            let (header, rows) = progress::table(worksheet, model.journal().entries());
            if header.len() < 2 {
                return Err(CliError::new(format!(
                    "“{id}” has no tracked ratings, so it has no progress to show."
                )));
            }
            if csv {
                write!(out, "{}", rapport_core::csv::to_csv(&header, &rows))?;
            } else if rows.is_empty() {
                writeln!(
                    out,
                    "No entries with ratings for “{}” yet.",
                    worksheet.title
                )?;
            } else {
                write_table(&header, &rows, out)?;
            }
            Ok(true)
        }
        Command::Chart {
            id,
            kind,
            range,
            out: path,
            width,
            height,
            theme,
        } => {
            let model = Model::open(data_dir.clone())?;
            let today = rapport_core::time::LocalTime::now();
            let range = TimeRange::from(range);
            let chart = match (kind, id) {
                (ChartKind::Trend | ChartKind::BeforeAfter, None) => {
                    return Err(CliError::new(
                        "Name the worksheet, e.g. `rapport chart coping-skills --out chart.png`.",
                    ));
                }
                (ChartKind::Trend, Some(id)) => {
                    find(&workbook, &id)?;
                    Chart::Trend(model.trend_chart(&id, range, today).unwrap_or_else(|| {
                        rapport_core::insight::chart::TrendChart::new(id.clone(), Vec::new())
                    }))
                }
                (ChartKind::BeforeAfter, Some(id)) => {
                    find(&workbook, &id)?;
                    Chart::BeforeAfter(
                        model
                            .before_after_charts(&id, range, today)
                            .into_iter()
                            .next()
                            .ok_or_else(|| {
                                CliError::new(format!("“{id}” has no before-and-after ratings."))
                            })?,
                    )
                }
                (ChartKind::Weekly, _) => Chart::Weekly(model.weekly_chart(today, 26)),
                (ChartKind::Calendar, _) => Chart::Calendar(model.calendar_chart(today)),
                (ChartKind::Relationships, _) => {
                    Chart::Trend(model.relationships_chart(range, today))
                }
            };
            let theme = match theme {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            };
            chart::write_file(&chart, &path, width, height, theme)
                .map_err(|error| CliError::new(error.to_string()))?;
            writeln!(out, "{}", path.display())?;
            Ok(true)
        }
        Command::Check => check(data_dir, out),
        Command::Protect { .. } => Ok(true),
        Command::Backup => {
            let model = Model::open(data_dir.clone())?;
            let path = model
                .back_up_now()
                .map_err(|error| CliError::new(error.to_string()))?;
            writeln!(out, "{}", path.display())?;
            Ok(true)
        }
        Command::Backups => {
            let backups = rapport_core::storage::archive::backups(data_dir);
            if backups.is_empty() {
                writeln!(out, "No backups yet. `rapport backup` makes one.")?;
            }
            for path in backups {
                writeln!(out, "{}", path.display())?;
            }
            Ok(true)
        }
        Command::Restore { backup } => {
            let mut model = Model::open(data_dir.clone())?;
            let aside = model
                .restore_backup(&backup)
                .map_err(|error| CliError::new(error.to_string()))?;
            writeln!(
                out,
                "Restored {}. The journal as it was is kept in {}",
                backup.display(),
                aside.display()
            )?;
            Ok(true)
        }
        Command::Export {
            format,
            worksheet,
            out: path,
        } => {
            if let Some(id) = &worksheet {
                find(&workbook, id)?;
            }
            let model = Model::open(data_dir.clone())?;
            let exported = model
                .export(format.into(), worksheet.as_deref(), &path)
                .map_err(|error| CliError::new(error.to_string()))?;
            writeln!(
                out,
                "{} entries written to {}",
                exported.entries,
                exported.path.display()
            )?;
            Ok(true)
        }
        Command::Import { file } => {
            let mut model = Model::open(data_dir.clone())?;
            let imported = model
                .import_archive(&file)
                .map_err(|error| CliError::new(error.to_string()))?;
            writeln!(
                out,
                "{} added, {} already there, {} added under a new id because theirs was taken",
                imported.added, imported.duplicates, imported.renamed
            )?;
            Ok(true)
        }
        Command::Share {
            group,
            pseudonym,
            include,
            programme,
            out: path,
        } => {
            let model = Model::open(data_dir.clone())?;
            if include.is_empty() {
                writeln!(out, "Series you can share (use --include ID,ID,…):")?;
                for series in
                    rapport_core::facilitator::share::shareable(model.workbook(), model.journal())
                {
                    writeln!(
                        out,
                        "  {:<40} {} ({} values)",
                        series.id, series.label, series.count
                    )?;
                }
                return Ok(true);
            }
            let programme = programme
                .or_else(|| {
                    rapport_core::storage::settings::load(data_dir)
                        .value
                        .following
                        .map(|f| f.programme)
                })
                .ok_or_else(|| {
                    CliError::new(
                        "Name the programme with --programme, e.g. --programme group-ipt.",
                    )
                })?;
            let file = rapport_core::facilitator::share::build(
                model.workbook(),
                model.journal(),
                &programme,
                &group,
                &pseudonym,
                &include,
                rapport_core::time::LocalTime::now(),
            )
            .map_err(|error| CliError::new(error.0))?;
            let path = path.ok_or_else(|| {
                CliError::new("Say where to write the share file with --out FILE.")
            })?;
            rapport_core::storage::atomic::write_atomic(
                &path,
                rapport_core::facilitator::share::to_ron(&file).as_bytes(),
                rapport_core::storage::atomic::Overwrite::Replace,
            )
            .map_err(|error| {
                CliError::new(format!(
                    "Could not write the share file: {error}. Path: {}",
                    path.display()
                ))
            })?;
            writeln!(out, "{}", path.display())?;
            Ok(true)
        }
        Command::GroupSummary {
            folder,
            group,
            programme,
            csv,
            pdf,
        } => {
            let import =
                rapport_core::facilitator::share::import(&folder, &group, programme.as_deref())
                    .map_err(CliError::new)?;
            let summary = rapport_core::facilitator::share::summarise(&import.files);
            if csv {
                write!(
                    out,
                    "{}",
                    rapport_core::facilitator::share::summary_csv(&summary)
                )?;
            } else {
                writeln!(out, "{} participants' files imported.", import.files.len())?;
                if let Some(start) = summary.start {
                    writeln!(out, "Week 1 starts on {start}.")?;
                }
                let (header, rows) = summary_table(&summary);
                write_table(&header, &rows, out)?;
            }
            for skipped in &import.skipped {
                writeln!(err, "skipped: {skipped}")?;
            }
            if let Some(path) = pdf {
                let bytes = rapport_core::facilitator::handout::summary_pdf(
                    &summary,
                    import.files.len(),
                    &import.skipped,
                    rapport_core::facilitator::handout::Paper::A4,
                )
                .map_err(|error| CliError::new(error.to_string()))?;
                rapport_core::facilitator::handout::write(&path, &bytes)
                    .map_err(|error| CliError::new(error.to_string()))?;
            }
            Ok(import.skipped.is_empty())
        }
        Command::Handout {
            id,
            session,
            blank,
            entry,
            paper,
            out: path,
        } => {
            let paper = match paper {
                PaperArg::A4 => rapport_core::facilitator::handout::Paper::A4,
                PaperArg::Letter => rapport_core::facilitator::handout::Paper::Letter,
            };
            let pdf = match (id, session) {
                (_, Some(session)) => {
                    let (programme_id, number) = session.rsplit_once(':').ok_or_else(|| {
                        CliError::new(format!("Write the session as PROGRAMME:NUMBER, e.g. group-ipt:2, not “{session}”."))
                    })?;
                    let programme = workbook.programme(programme_id).ok_or_else(|| {
                        CliError::new(format!("There is no programme “{programme_id}”. Run `rapport programmes` to see the ids."))
                    })?;
                    let number: usize = number.parse().map_err(|_| {
                        CliError::new(format!("“{number}” is not a session number."))
                    })?;
                    let chosen = programme.session(number).ok_or_else(|| {
                        CliError::new(format!(
                            "“{}” has sessions 1 to {}, not {number}.",
                            programme.id,
                            programme.sessions.len()
                        ))
                    })?;
                    rapport_core::facilitator::handout::session_pdf(&workbook, programme, number, chosen, paper)
                }
                (Some(id), None) => {
                    let worksheet = find(&workbook, &id)?;
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
                    rapport_core::facilitator::handout::worksheet_pdf(worksheet, filled, paper)
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
        Command::DemoData { years } => {
            let mut model = Model::open(data_dir.clone())?;
            let written = model.add_demo_entries(years)?;
            writeln!(
                out,
                "Wrote {written} made-up entries covering {years} years to {}",
                data_dir.journal().display()
            )?;
            Ok(true)
        }
    }
}

/// Prints what a save tells the person, the same for a new entry and an edit: the file, and
/// for a questionnaire its score and, if the answers call for it, the crisis message.
fn print_saved(saved: &Saved, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", saved.path.display())?;
    if let Some(assessment) = &saved.assessment {
        writeln!(out, "{}", assessment.score_text())?;
        if assessment.crisis.is_some() {
            writeln!(out, "{}", rapport_core::content::crisis::CLI_ALERT)?;
        }
    }
    Ok(())
}

fn find<'a>(workbook: &'a Workbook, id: &str) -> Result<&'a Worksheet, CliError> {
    workbook.get(id).ok_or_else(|| {
        CliError::new(format!(
            "There is no worksheet “{id}”. Run `rapport worksheets` to see the ids."
        ))
    })
}

fn parse_answers(worksheet: &Worksheet, pairs: &[String]) -> Result<Answers, CliError> {
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

fn list_programmes(
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
            "{} ({}, {} sessions)",
            programme.title,
            programme.id,
            programme.sessions.len()
        )?;
        for (number, session) in programme.sessions.iter().enumerate() {
            writeln!(
                out,
                "  {}. {} ({} minutes)",
                number + 1,
                session.title,
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
            "{:<24} {:>2} sessions  {}",
            programme.id,
            programme.sessions.len(),
            programme.title
        )?;
        for (number, session) in programme.sessions.iter().enumerate() {
            writeln!(out, "    {:>2}. {}", number + 1, session.title)?;
        }
    }
    Ok(())
}

fn list_worksheets(workbook: &Workbook, out: &mut dyn Write) -> std::io::Result<()> {
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

fn describe_worksheet(worksheet: &Worksheet, out: &mut dyn Write) -> std::io::Result<()> {
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

fn list_entries(
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

fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            std::iter::once(&header[column])
                .chain(rows.iter().map(|row| &row[column]))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

fn check(data_dir: &DataDir, out: &mut dyn Write) -> Result<bool, CliError> {
    let model = Model::open(data_dir.clone())?;
    if let Ok(Some(protection)) = rapport_core::storage::protection::Protection::read(data_dir)
        && protection.state != rapport_core::storage::protection::ProtectionState::Protected
    {
        writeln!(
            out,
            "note: changing the passphrase protection was interrupted; it is finished the next time the journal is unlocked. Every file is whole and readable meanwhile."
        )?;
    }
    let (workbook, journal) = (model.workbook(), model.journal());
    let problems = model.problems();
    for problem in problems {
        writeln!(out, "problem: {problem}")?;
    }
    let summary = format!(
        "Checked {} worksheets, {} programmes and {} entries in {}",
        workbook.worksheets().count(),
        workbook.programmes().count(),
        journal.len() + journal.problems().len(),
        data_dir.root().display()
    );
    if problems.is_empty() {
        writeln!(out, "{summary}: no problems.")?;
    } else {
        writeln!(out, "{summary}: {} problem(s).", problems.len())?;
    }
    Ok(problems.is_empty())
}

/// The group summary as a table for the terminal.
fn summary_table(
    summary: &rapport_core::facilitator::share::Summary,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["measure", "week", "n", "median", "middle half", "range"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let row = |label: &str, week: String, s: &rapport_core::insight::spread::Spread| {
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
