//! `rapport remind`: turn gentle reminders on or off, snooze them, and (from the desktop's
//! timer or autostart entry) show one if it is due, then exit.

use std::io::Write;
use std::time::Duration;

use jiff::civil::Time;
use rapport_core::schedule::{self, Cadence, Day, QuietHours, Reminder, Reminders};
use rapport_core::service::reminders;
use rapport_core::storage::desktop_entries::DesktopEntries;
use rapport_core::storage::journal::Journal;
use rapport_core::storage::layout::DataDir;
use rapport_core::time::LocalTime;

use super::CliError;

/// What `rapport remind` does.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RemindArgs {
    /// Show a notification if a reminder is due now, then exit (what the desktop's timer runs).
    #[arg(long)]
    pub due: bool,
    /// With --due: print what would be shown and why, and show nothing.
    #[arg(long, requires = "due")]
    pub dry_run: bool,
    /// Turn reminders on or off, or snooze them. Without one, says how they are set.
    #[command(subcommand)]
    pub action: Option<RemindAction>,
}

/// Changes to the reminders.
#[derive(Debug, clap::Subcommand)]
pub enum RemindAction {
    /// Turn reminders on (off by default). Without a choice of what, a moment each day.
    On(OnArgs),
    /// Turn reminders off, and remove the desktop entry that looks for them.
    Off,
    /// No reminders for a while.
    Snooze {
        /// How many days.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=90))]
        days: u32,
    },
}

/// When reminders come.
#[derive(Debug, clap::Args)]
pub struct OnArgs {
    /// Once a week, on this day (e.g. monday).
    #[arg(long, value_name = "DAY", group = "what")]
    pub weekly: Option<String>,
    /// This week's step of the programme you follow, on this day.
    #[arg(long, value_name = "DAY", group = "what")]
    pub programme: Option<String>,
    /// A check-in worksheet, e.g. phq9, every --every days since you last did it.
    #[arg(long, value_name = "WORKSHEET", group = "what")]
    pub check_in: Option<String>,
    /// Days between check-ins.
    #[arg(long, value_name = "DAYS", default_value_t = 14, requires = "check_in",
          value_parser = clap::value_parser!(u32).range(1..=365))]
    pub every: u32,
    /// The time of day from which a reminder may come, HH:MM.
    #[arg(long, value_name = "HH:MM", default_value = "19:00")]
    pub at: String,
    /// Days with no reminders, separated by commas, e.g. sat,sun.
    #[arg(long, value_name = "DAYS", value_delimiter = ',')]
    pub quiet_days: Vec<String>,
    /// Hours with no reminders, e.g. 22:00-07:00.
    #[arg(long, value_name = "FROM-TO")]
    pub quiet_hours: Option<String>,
}

fn time(text: &str, what: &str) -> Result<Time, CliError> {
    let parsed = text
        .trim()
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<i8>().ok()?, m.parse::<i8>().ok()?)))
        .and_then(|(h, m)| Time::new(h, m, 0, 0).ok());
    parsed.ok_or_else(|| CliError::new(format!("{what} takes a time such as 19:00, not “{text}”.")))
}

fn day(text: &str, what: &str) -> Result<Day, CliError> {
    Day::parse(text).ok_or_else(|| {
        CliError::new(format!(
            "{what} takes a day such as monday or mon, not “{text}”."
        ))
    })
}

impl OnArgs {
    fn reminders(&self) -> Result<Reminders, CliError> {
        let cadence = if let Some(text) = &self.weekly {
            Cadence::Weekly(day(text, "--weekly")?)
        } else if let Some(text) = &self.programme {
            Cadence::ProgrammeStep(day(text, "--programme")?)
        } else if let Some(worksheet) = &self.check_in {
            Cadence::CheckIn {
                worksheet: worksheet.clone(),
                every_days: self.every,
            }
        } else {
            Cadence::Daily
        };
        let quiet_days = self
            .quiet_days
            .iter()
            .filter(|text| !text.trim().is_empty())
            .map(|text| day(text, "--quiet-days"))
            .collect::<Result<Vec<_>, _>>()?;
        let quiet_hours = match &self.quiet_hours {
            None => None,
            Some(text) => {
                let (from, to) = text.split_once('-').ok_or_else(|| {
                    CliError::new(format!(
                        "--quiet-hours takes two times such as 22:00-07:00, not “{text}”."
                    ))
                })?;
                Some(QuietHours {
                    from: time(from, "--quiet-hours")?,
                    to: time(to, "--quiet-hours")?,
                })
            }
        };
        Ok(Reminders {
            on: true,
            cadence,
            at: time(&self.at, "--at")?,
            quiet_days,
            quiet_hours,
            snoozed_until: None,
            since: None,
        })
    }
}

/// `rapport remind`.
pub(super) fn remind(
    data_dir: &DataDir,
    args: RemindArgs,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let now = jiff::ZonedDateTime::now();
    let today = now.date();
    let entries = DesktopEntries::for_this_user();
    let message = match args.action {
        Some(RemindAction::On(on)) => {
            // The journal seeds the days of use only when it can be read without a passphrase.
            let journal = match rapport_core::storage::protection::Protection::read(data_dir) {
                Ok(None) => Journal::open(data_dir.clone()).ok(),
                _ => None,
            };
            reminders::set(
                data_dir,
                on.reminders()?,
                entries.as_ref(),
                journal.as_ref(),
                today,
            )
            .map_err(|error| CliError::new(error.to_string()))?
            .message
        }
        Some(RemindAction::Off) => {
            reminders::turn_off(data_dir, entries.as_ref(), today)
                .map_err(|error| CliError::new(error.to_string()))?
                .message
        }
        Some(RemindAction::Snooze { days }) => {
            reminders::snooze(data_dir, &now, days)
                .map_err(|error| CliError::new(error.to_string()))?
                .message
        }
        None if args.due && args.dry_run => {
            let decision = reminders::decide(data_dir, &now);
            match decision.reminder() {
                Some(reminder) => {
                    writeln!(out, "Would show: {}: {}", reminder.title, reminder.body)?;
                    writeln!(out, "Why: {}", decision.why())?;
                }
                None => writeln!(out, "Nothing to show: {}", decision.why())?,
            }
            return Ok(true);
        }
        None if args.due => {
            return match reminders::show_due(data_dir, &now, |reminder| notify(data_dir, reminder))
            {
                Ok(_) => Ok(true),
                Err(error) => Err(CliError::new(format!(
                    "The reminder could not be shown: {error}"
                ))),
            };
        }
        None => {
            let settings = rapport_core::storage::settings::load(data_dir).value;
            describe(&settings.reminders, out)?;
            let decision = reminders::decide(data_dir, &now);
            writeln!(out, "Now: {}", decision.why())?;
            return Ok(true);
        }
    };
    writeln!(out, "{message}")?;
    Ok(true)
}

fn describe(reminders: &Reminders, out: &mut dyn Write) -> std::io::Result<()> {
    if !reminders.on {
        return writeln!(
            out,
            "Reminders are off. `rapport remind on` turns them on (see --help)."
        );
    }
    let at = format!("{:02}:{:02}", reminders.at.hour(), reminders.at.minute());
    let what = match &reminders.cadence {
        Cadence::Daily => format!("a moment each day, from {at}"),
        Cadence::Weekly(day) => format!("once a week on {}, from {at}", day.name()),
        Cadence::ProgrammeStep(day) => {
            format!("your programme's weekly step on {}, from {at}", day.name())
        }
        Cadence::CheckIn {
            worksheet,
            every_days,
        } => format!("the check-in {worksheet} every {every_days} days, from {at}"),
    };
    writeln!(out, "Reminders are on: {what}.")?;
    if !reminders.quiet_days.is_empty() {
        let days: Vec<&str> = reminders.quiet_days.iter().map(|d| d.name()).collect();
        writeln!(out, "Quiet days: {}.", days.join(", "))?;
    }
    if let Some(quiet) = reminders.quiet_hours {
        writeln!(
            out,
            "Quiet hours: {:02}:{:02} to {:02}:{:02}.",
            quiet.from.hour(),
            quiet.from.minute(),
            quiet.to.hour(),
            quiet.to.minute()
        )?;
    }
    Ok(())
}

/// How long the notification stays, and how long this process waits for a click on it before
/// exiting: reminders leave nothing running.
const SHOWN_FOR: Duration = Duration::from_mins(2);

/// Shows `reminder` as a desktop notification through the freedesktop notification service,
/// with "Open Rapport" and "Turn reminders off" buttons where the service offers buttons.
fn notify(data_dir: &DataDir, reminder: Reminder) -> Result<(), String> {
    let buttons = notify_rust::get_capabilities()
        .map_err(|_| NO_SERVICE.to_owned())?
        .iter()
        .any(|capability| capability == "actions");
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Rapport")
        .summary(reminder.title)
        .body(&format!("{}\n{}", reminder.body, schedule::HOW_TO_TURN_OFF))
        .icon("rapport")
        .timeout(notify_rust::Timeout::Milliseconds(
            u32::try_from(SHOWN_FOR.as_millis()).unwrap_or(u32::MAX),
        ));
    if buttons {
        notification
            .action("default", "Open Rapport")
            .action("off", "Turn reminders off");
    }
    let handle = notification.show().map_err(|_| NO_SERVICE.to_owned())?;
    if !buttons {
        return Ok(());
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        handle.wait_for_action(|action| {
            let _ = sender.send(action.to_owned());
        });
    });
    // If the notification is never closed, stop waiting: the process exits either way.
    if let Ok(action) = receiver.recv_timeout(SHOWN_FOR + Duration::from_secs(5)) {
        match action.as_str() {
            "default" => {
                if let Ok(program) = std::env::current_exe() {
                    let _ = std::process::Command::new(program)
                        .arg("--data-dir")
                        .arg(data_dir.root())
                        .spawn();
                }
            }
            "off" => {
                let entries = DesktopEntries::for_this_user();
                reminders::turn_off(data_dir, entries.as_ref(), LocalTime::now().date())
                    .map_err(|error| error.to_string())?;
            }
            _ => {}
        }
    }
    Ok(())
}

const NO_SERVICE: &str =
    "no desktop notification service is running (nothing was recorded, so it comes next time).";
