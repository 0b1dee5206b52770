//! The command line: scripted use of the same workbook, journal and charts as the app.

mod charts;
mod check;
mod entries;
mod facilitator;
mod files;
mod library;
mod printable;
pub mod protect;
mod register;
mod remind;
mod report;
mod table;

pub use printable::{Printable, printable};

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use rapport_core::content::workbook::Workbook;
use rapport_core::insight::progress::TimeRange;
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

    /// Close the window as soon as the first frame that shows the journal is drawn (`any`: the
    /// first frame of any kind), for measuring start-up time.
    #[arg(
        long,
        hide = true,
        value_enum,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "journal",
        value_name = "FRAME"
    )]
    pub exit_after_first_frame: Option<FirstFrame>,

    /// What to do; with none, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which first frame `--exit-after-first-frame` waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FirstFrame {
    /// The first frame that shows the journal (Today with its entries, read first).
    Journal,
    /// The first frame drawn from the whole journal.
    Whole,
    /// The first frame of any kind ("Opening your journal…" while it is read).
    Any,
}

impl FirstFrame {
    /// When the window closes itself, for `--exit-after-first-frame`'s value.
    #[must_use]
    pub fn exit_after(frame: Option<Self>) -> crate::ui::ExitAfter {
        match frame {
            None => crate::ui::ExitAfter::Never,
            Some(Self::Journal) => crate::ui::ExitAfter::JournalFrame,
            Some(Self::Whole) => crate::ui::ExitAfter::WholeJournalFrame,
            Some(Self::Any) => crate::ui::ExitAfter::AnyFrame,
        }
    }
}

/// Deleting from the trash for good.
#[derive(Debug, Subcommand)]
pub enum TrashAction {
    /// Delete one entry from the trash for good, with its earlier versions and any draft of it.
    DeleteForever {
        /// The entry's id (see `rapport trash`).
        id: String,
        /// Delete without asking: this cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Delete everything in the trash for good, with the entries' earlier versions and drafts.
    Empty {
        /// Delete without asking: this cannot be undone.
        #[arg(long)]
        yes: bool,
    },
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
    /// List deleted entries, which `rapport restore-entry ID` brings back, or delete them for
    /// good: `rapport trash delete-forever ID --yes`, `rapport trash empty --yes`.
    Trash {
        /// Delete for good. Without one, lists the trash.
        #[command(subcommand)]
        action: Option<TrashAction>,
    },
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
    Chart(ChartArgs),
    /// Make a printable PDF handout of a worksheet (filled with your latest entry, or blank) or
    /// of a whole session: `rapport handout coping-skills --blank --out sheet.pdf`,
    /// `rapport handout --session group-ipt:2 --out session2.pdf`.
    Handout(HandoutArgs),
    /// Make a file to share your progress with your facilitator: only the numbers and dates
    /// of the series you name, under a pseudonym. Without --include, lists what you can share.
    Share(ShareArgs),
    /// Summarise a folder of participants' share files: per week, n, median and spread of each
    /// measure, and the change over the programme. Names every file skipped, with the reason.
    GroupSummary(GroupSummaryArgs),
    /// Make a one-page summary to take to an appointment (a PDF): your check-ins with their
    /// bands, what you practised, your focus and goals, and the ratings that changed most.
    /// Written answers go in only from the worksheets you name with --include-text.
    Report(ReportArgs),
    /// The facilitator's group register for a run of a programme: members by first name or
    /// pseudonym, attendance, a PHQ-9 per member per session, and who to follow up (question 9
    /// above 0, a rise of 5 or more, two sessions missed in a row). Kept private in the data
    /// folder, sealed when the journal is protected.
    Register {
        /// new, list, add-member, attend, score, show or export.
        #[command(subcommand)]
        action: register::RegisterAction,
    },
    /// Gentle reminders, off until you turn them on: `rapport remind on --weekly mon --at 19:00`.
    /// They never say what you wrote, a score or a worksheet's name. `rapport remind --due`
    /// shows one if it is due, then exits; the desktop's timer runs it while the app is closed.
    Remind(remind::RemindArgs),
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

/// What `rapport chart` draws, and where.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    /// The worksheet id (for trend and before-after charts).
    pub id: Option<String>,
    /// Which chart.
    #[arg(long, value_enum, default_value_t = ChartKind::Trend)]
    pub kind: ChartKind,
    /// How far back to look.
    #[arg(long, value_enum, default_value_t = RangeArg::All)]
    pub range: RangeArg,
    /// The file to write; its extension (.png or .svg) picks the format.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = 800)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 400)]
    pub height: u32,
    /// Colours for a light or a dark page.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
}

/// What `rapport handout` prints, and where.
#[derive(Debug, clap::Args)]
pub struct HandoutArgs {
    /// The worksheet id (not with --session).
    pub id: Option<String>,
    /// A session as PROGRAMME:NUMBER, e.g. group-ipt:2.
    #[arg(long, value_name = "PROGRAMME:N", conflicts_with = "id")]
    pub session: Option<String>,
    /// Leave the answers empty, for writing by hand.
    #[arg(long)]
    pub blank: bool,
    /// Fill with this entry rather than the latest.
    #[arg(long, value_name = "ENTRY_ID", conflicts_with = "blank")]
    pub entry: Option<String>,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// The country whose helplines and emergency number the handout prints, by its two-letter
    /// code, e.g. GB, US, AU (default: from the system's language settings, `LC_ALL` or `LANG`).
    #[arg(long, value_name = "XX")]
    pub region: Option<String>,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

/// What `rapport share` puts in the share file.
#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    /// The code your facilitator gave the group.
    #[arg(long)]
    pub group: String,
    /// The name to appear under (not your real name, unless you want it to be).
    #[arg(long)]
    pub pseudonym: String,
    /// The series to include, separated by commas, e.g. phq9,coping-skills/intensity_before.
    #[arg(long, value_delimiter = ',')]
    pub include: Vec<String>,
    /// The programme the group follows (default: the one you follow).
    #[arg(long)]
    pub programme: Option<String>,
    /// The day the group started, YYYY-MM-DD, if your facilitator gave one with the group code.
    /// Only values from the programme's weeks from then are shared (default: from where you
    /// are in the programme you follow, or its last weeks up to today).
    #[arg(long, value_name = "DATE")]
    pub start: Option<jiff::civil::Date>,
    /// Where to write the share file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Which share files `rapport group-summary` reads, and what it writes.
#[derive(Debug, clap::Args)]
pub struct GroupSummaryArgs {
    /// The folder of share files.
    pub folder: PathBuf,
    /// The group code the files must carry.
    #[arg(long)]
    pub group: String,
    /// Only accept files for this programme.
    #[arg(long)]
    pub programme: Option<String>,
    /// The day the group started, YYYY-MM-DD: week 1 starts then for every file (default:
    /// estimated from the files).
    #[arg(long, value_name = "DATE")]
    pub start: Option<jiff::civil::Date>,
    /// Print CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
    /// Also write the summary as a PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub pdf: Option<PathBuf>,
}

/// What `rapport report` covers, and where it goes.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The first day, YYYY-MM-DD (default: four weeks before --to).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Parts to leave out, separated by commas.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "PART")]
    pub leave_out: Vec<ReportPart>,
    /// Worksheets whose written answers may go in, by id, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub include_text: Vec<String>,
    /// What you want to talk about, printed at the top.
    #[arg(long, value_name = "TEXT")]
    pub talk_about: Option<String>,
}

/// The parts of the appointment summary that can be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportPart {
    /// The check-ins (PHQ-9, GAD-7, WHO-5) as small charts.
    Measures,
    /// Which worksheets you used, and how often.
    Practice,
    /// Your focus area, goals and the course you follow.
    Focus,
    /// The ratings that changed most.
    Ratings,
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
#[error("{message}")]
pub struct CliError {
    message: String,
    /// Whether the output was closed by its reader (`rapport entries | head`).
    output_closed: bool,
}

impl CliError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            output_closed: false,
        }
    }

    /// Whether the command stopped only because whatever read its output stopped reading, as
    /// `head` or `grep -q` do. Nothing went wrong then, and there is no one to tell.
    #[must_use]
    pub fn is_output_closed(&self) -> bool {
        self.output_closed
    }
}

impl From<rapport_core::storage::journal::JournalError> for CliError {
    fn from(error: rapport_core::storage::journal::JournalError) -> Self {
        Self::new(error.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        Self {
            output_closed: error.kind() == std::io::ErrorKind::BrokenPipe,
            ..Self::new(format!("Could not write the output: {error}"))
        }
    }
}

impl From<crate::cli::protect::UnlockError> for CliError {
    fn from(error: crate::cli::protect::UnlockError) -> Self {
        Self::new(error.to_string())
    }
}

impl Command {
    /// Whether the command reads or writes the journal (and so needs it unlocked).
    fn uses_journal(&self) -> bool {
        !matches!(
            self,
            Command::Worksheets { .. }
                | Command::Programmes { .. }
                | Command::GroupSummary(_)
                | Command::Handout(
                    HandoutArgs { blank: true, .. }
                        | HandoutArgs {
                            session: Some(_),
                            ..
                        }
                )
                | Command::Protect { .. }
                | Command::Remind(_)
        )
    }
}

/// What every command gets: the (unlocked) data folder and its workbook.
pub(crate) struct Context<'a> {
    /// The data folder, unlocked if the command uses the journal.
    pub data_dir: &'a DataDir,
    /// The bundled workbook plus the user's own worksheets.
    pub workbook: &'a Workbook,
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
    let cx = Context {
        data_dir,
        workbook: &workbook,
    };
    match command {
        Command::Worksheets { id: None } => {
            library::list_worksheets(&workbook, out)?;
            Ok(true)
        }
        Command::Programmes { id } => {
            library::list_programmes(&workbook, id.as_deref(), out)?;
            Ok(true)
        }
        Command::Worksheets { id: Some(id) } => {
            library::describe_worksheet(library::find(&workbook, &id)?, out)?;
            Ok(true)
        }
        Command::Add { id, answers } => entries::add(&cx, &id, &answers, out),
        Command::Edit { entry, answers } => entries::edit(&cx, &entry, &answers, out),
        Command::Trash { action: None } => entries::trash(&cx, out),
        Command::Trash {
            action: Some(action),
        } => entries::delete_forever(&cx, &action, out),
        Command::RestoreEntry { id } => entries::restore_entry(&cx, &id, out),
        Command::Entries { id } => entries::entries(&cx, id.as_deref(), out),
        Command::Progress { id, csv } => charts::progress(&cx, &id, csv, out),
        Command::Chart(args) => charts::chart(&cx, args, out),
        Command::Check => check::check(data_dir, out),
        Command::Protect { .. } => Ok(true),
        Command::Backup => files::backup(&cx, out),
        Command::Backups => files::backups(&cx, out),
        Command::Restore { backup } => files::restore(&cx, &backup, out),
        Command::Export {
            format,
            worksheet,
            out: path,
        } => files::export(&cx, format, worksheet.as_deref(), &path, out),
        Command::Import { file } => files::import(&cx, &file, out),
        Command::Share(args) => facilitator::share(&cx, args, out),
        Command::GroupSummary(args) => facilitator::group_summary(&cx, args, out, err),
        Command::Handout(args) => facilitator::handout(&cx, args, out),
        Command::Report(args) => report::report(&cx, args, out),
        Command::Register { action } => register::register(&cx, action, out),
        Command::Remind(args) => remind::remind(data_dir, args, out),
        Command::DemoData { years } => files::demo_data(&cx, years, out),
    }
}
