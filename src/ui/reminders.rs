//! Reminders in the app: the Settings section that turns them on and shapes them, and the calm
//! bar that shows one while the app is open. Every change is one call on
//! [`rapport_core::service::reminders`], as the command line's are.

use std::rc::Rc;

use egui::{RichText, Ui};
use jiff::ZonedDateTime;
use jiff::civil::Time;
use rapport_core::schedule::{Cadence, Day, QuietHours, Reminder, Reminders};
use rapport_core::service::reminders;
use rapport_core::storage::desktop_entries::{DesktopEntries, Mechanism};

use super::vocabulary::{Cx, Notice, Screen};

/// What reminders need from outside the app: the desktop entry that looks for them while the
/// app is closed, and the wall clock. Tests put both in a temporary home and a fixed time.
#[derive(Clone)]
pub struct ReminderHost {
    /// Where the timer or autostart entry goes; `None` if there is no home folder.
    pub entries: Option<DesktopEntries>,
    /// Now, in the person's time zone.
    pub clock: Rc<dyn Fn() -> ZonedDateTime>,
}

impl Default for ReminderHost {
    fn default() -> Self {
        Self {
            entries: DesktopEntries::for_this_user(),
            clock: Rc::new(ZonedDateTime::now),
        }
    }
}

/// Said wherever reminders are set: what they never say.
pub const PRIVATE_WORDING: &str = "A reminder says only “A moment for Rapport?” or “Your check-in is ready”. It never shows what you wrote, a score or a worksheet's name, because it may appear on a locked screen.";

/// The Reminders section of Settings: the saved schedule, and the changes not saved yet.
#[derive(Default)]
pub struct ReminderSettings {
    draft: Option<Reminders>,
    /// The "Now: …" line, for the schedule it was worked out for and when: reading the files
    /// again each frame would be wasted work.
    status: Option<(Reminders, jiff::Timestamp, String)>,
}

impl ReminderSettings {
    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.label(RichText::new("Reminders").strong());
        let saved = cx.settings.value.reminders.clone();
        let mut on = saved.on;
        if ui
            .checkbox(&mut on, "Remind me now and then")
            .on_hover_text("At most one a day. Off unless you turn it on.")
            .changed()
        {
            let mut wanted = self.draft.take().unwrap_or_else(|| saved.clone());
            wanted.on = on;
            apply(cx, wanted);
            return;
        }
        ui.label(RichText::new(PRIVATE_WORDING).weak());
        if !saved.on {
            self.draft = None;
            return;
        }
        let draft = self.draft.get_or_insert_with(|| saved.clone());
        // Snoozing and the start day are not edited here: keep them as saved.
        draft.snoozed_until = saved.snoozed_until;
        draft.since = saved.since;
        schedule_fields(ui, cx, draft);

        let changed = *draft != saved;
        let (mut save, mut undo, mut snooze) = (false, false, false);
        ui.horizontal_wrapped(|ui| {
            save = ui
                .add_enabled(changed, egui::Button::new("Save reminder settings"))
                .clicked();
            undo = changed && ui.button("Undo changes").clicked();
            snooze = ui.button("Snooze for a day").clicked();
        });
        if save {
            let wanted = draft.clone();
            apply(cx, wanted);
            self.draft = None;
        } else if undo {
            self.draft = None;
        }
        if snooze {
            let now = (cx.reminders.clock)();
            match reminders::snooze(cx.model.data_dir(), &now, 1) {
                Ok(changed) => {
                    reload_settings(cx);
                    cx.actions.push(super::vocabulary::Action::RemindersChanged);
                    cx.notify(Notice::info(changed.message));
                }
                Err(error) => cx.notify(Notice::error(error.to_string())),
            }
        }
        let now = (cx.reminders.clock)();
        let saved = cx.settings.value.reminders.clone();
        let stale = self.status.as_ref().is_none_or(|(schedule, at, _)| {
            *schedule != saved || now.timestamp().duration_since(*at).as_secs() >= 30
        });
        if stale {
            let why = reminders::decide(cx.model.data_dir(), &now)
                .why()
                .to_owned();
            self.status = Some((saved, now.timestamp(), why));
        }
        if let Some((_, _, why)) = &self.status {
            ui.label(format!("Now: {why}"));
        }
        ui.label(
            RichText::new(match cx.reminders.entries.as_ref().map(DesktopEntries::mechanism) {
                Some(Mechanism::SystemdTimer) => "While Rapport is closed, your desktop looks for a due reminder every 15 minutes, then shows it as a notification. Nothing of Rapport keeps running.",
                Some(Mechanism::Autostart) => "While Rapport is closed, your desktop looks for a due reminder when you log in. Nothing of Rapport keeps running.",
                None => "Reminders come only while Rapport is open.",
            })
            .weak(),
        );
    }
}

/// The fields of the schedule, edited in `draft`.
fn schedule_fields(ui: &mut Ui, cx: &Cx<'_>, draft: &mut Reminders) {
    let check_ins: Vec<(String, String)> = cx
        .model
        .workbook()
        .worksheets()
        .filter(|w| w.questionnaire().is_some() || w.id.contains("check-in"))
        .map(|w| (w.id.clone(), w.title.clone()))
        .collect();
    // Labels in one column and their fields in the next, so a row that wraps (the quiet days)
    // keeps to its field's column instead of running back under its label.
    super::widgets::form_rows(ui, "reminder-schedule", |ui, narrow| {
        let end_row = |ui: &mut Ui| super::widgets::end_form_row(ui, narrow);
        // At the top of its cell, level with the first choice, not halfway down the list.
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.add_space(2.0);
            ui.label("What for:");
        });
        // One choice a line, as a desktop lists radio buttons: easy to scan at any width.
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            cadence_choices(ui, &check_ins, draft);
        });
        end_row(ui);
        match &mut draft.cadence {
            Cadence::Daily => {}
            Cadence::Weekly(day) | Cadence::ProgrammeStep(day) => {
                let label = ui.label("On:");
                egui::ComboBox::from_id_salt("reminder-day")
                    .selected_text(day.name())
                    .show_ui(ui, |ui| {
                        for choice in Day::ALL {
                            ui.selectable_value(day, choice, choice.name());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                end_row(ui);
            }
            Cadence::CheckIn {
                worksheet,
                every_days,
            } => {
                let label = ui.label("Check-in:");
                ui.horizontal_wrapped(|ui| {
                    let title = check_ins
                        .iter()
                        .find(|(id, _)| id == worksheet)
                        .map_or(worksheet.as_str(), |(_, title)| title.as_str())
                        .to_owned();
                    egui::ComboBox::from_id_salt("reminder-check-in")
                        .selected_text(title)
                        .show_ui(ui, |ui| {
                            for (id, title) in &check_ins {
                                ui.selectable_value(worksheet, id.clone(), title);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    let every = ui.label("every");
                    ui.add(
                        egui::DragValue::new(every_days)
                            .range(1..=90)
                            .suffix(" days"),
                    )
                    .labelled_by(every.id);
                });
                end_row(ui);
            }
        }
        ui.label("From:");
        ui.horizontal(|ui| time_fields(ui, &mut draft.at, "Reminder"));
        end_row(ui);
        ui.label("Quiet days:");
        ui.horizontal_wrapped(|ui| {
            for day in Day::ALL {
                let mut quiet = draft.quiet_days.contains(&day);
                if ui.checkbox(&mut quiet, &day.name()[..3]).changed() {
                    if quiet {
                        draft.quiet_days.push(day);
                        draft.quiet_days.sort();
                    } else {
                        draft.quiet_days.retain(|d| *d != day);
                    }
                }
            }
        });
        end_row(ui);
        let mut has_quiet_hours = draft.quiet_hours.is_some();
        if ui.checkbox(&mut has_quiet_hours, "Quiet hours").changed() {
            draft.quiet_hours = has_quiet_hours.then_some(QuietHours {
                from: Time::constant(22, 0, 0, 0),
                to: Time::constant(8, 0, 0, 0),
            });
        }
        ui.horizontal_wrapped(|ui| {
            if let Some(quiet) = &mut draft.quiet_hours {
                ui.label("from");
                time_fields(ui, &mut quiet.from, "Quiet from");
                ui.label("to");
                time_fields(ui, &mut quiet.to, "Quiet to");
            }
        });
        end_row(ui);
    });
}

/// The radio buttons choosing what reminders are for.
fn cadence_choices(ui: &mut Ui, check_ins: &[(String, String)], draft: &mut Reminders) {
    let day = match &draft.cadence {
        Cadence::Weekly(day) | Cadence::ProgrammeStep(day) => *day,
        _ => Day::Monday,
    };
    let first_check_in = check_ins
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let choices = [
        (Cadence::Daily, "A moment each day"),
        (Cadence::Weekly(day), "Once a week"),
        (
            Cadence::CheckIn {
                worksheet: first_check_in,
                every_days: 14,
            },
            "A check-in",
        ),
        (Cadence::ProgrammeStep(day), "My programme's weekly step"),
    ];
    for (cadence, label) in choices {
        let selected = std::mem::discriminant(&draft.cadence) == std::mem::discriminant(&cadence);
        if ui.radio(selected, label).clicked() && !selected {
            draft.cadence = cadence;
        }
    }
}

/// Hour and minute of `time`, each labelled for screen readers as "NAME hour" / "NAME minute".
fn time_fields(ui: &mut Ui, time: &mut Time, name: &str) {
    let mut hour = time.hour();
    let mut minute = time.minute();
    let hour_field = ui.add(
        egui::DragValue::new(&mut hour)
            .range(0..=23)
            .custom_formatter(|n, _| format!("{n:02}")),
    );
    super::widgets::set_accessible_label(ui, &hour_field, format!("{name} hour"));
    ui.label(":");
    let minute_field = ui.add(
        egui::DragValue::new(&mut minute)
            .range(0..=59)
            .speed(0.5)
            .custom_formatter(|n, _| format!("{n:02}")),
    );
    super::widgets::set_accessible_label(ui, &minute_field, format!("{name} minute"));
    if let Ok(changed) = Time::new(hour, minute, 0, 0) {
        *time = changed;
    }
}

/// Saves `wanted` through the service, installs or removes the desktop entry, and says so.
fn apply(cx: &mut Cx<'_>, wanted: Reminders) {
    let today = (cx.reminders.clock)().date();
    let journal = (!cx.model.is_locked()).then(|| cx.model.journal());
    let result = reminders::set(
        cx.model.data_dir(),
        wanted,
        cx.reminders.entries.as_ref(),
        journal,
        today,
    );
    reload_settings(cx);
    cx.actions.push(super::vocabulary::Action::RemindersChanged);
    match result {
        Ok(changed) => cx.notify(Notice::info(changed.message)),
        Err(error) => cx.notify(Notice::error(error.to_string())),
    }
}

/// The settings as saved, so a later save of another setting keeps the reminders.
fn reload_settings(cx: &mut Cx<'_>) {
    *cx.settings = rapport_core::storage::settings::load(cx.model.data_dir());
}

/// What the person chose on the reminder bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarChoice {
    /// Go to what the reminder is for.
    Open,
    /// Close the bar.
    NotNow,
    /// Turn reminders off.
    TurnOff,
}

/// The calm bar showing a due reminder at the top of the screen.
pub fn reminder_bar(ui: &mut Ui, reminder: Reminder) -> Option<BarChoice> {
    let mut choice = None;
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(reminder.body).strong());
                if ui.button("Open it").clicked() {
                    choice = Some(BarChoice::Open);
                }
                if ui.button("Not now").clicked() {
                    choice = Some(BarChoice::NotNow);
                }
                if ui.button("Turn reminders off").clicked() {
                    choice = Some(BarChoice::TurnOff);
                }
            });
        });
    ui.add_space(6.0);
    choice
}

/// Where "Open it" goes for a schedule.
#[must_use]
pub fn destination(reminders: &Reminders) -> Screen {
    match &reminders.cadence {
        Cadence::CheckIn { worksheet, .. } => Screen::Worksheet(worksheet.clone()),
        Cadence::Daily | Cadence::Weekly(_) | Cadence::ProgrammeStep(_) => Screen::Today,
    }
}
