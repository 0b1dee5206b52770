//! The lock screen, and the slow protection tasks (unlocking, turning protection on or off,
//! changing the passphrase) that run on a background thread while the window stays responsive.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use egui::{Key, RichText, Ui};
use zeroize::Zeroizing;

use rapport_core::service::protection;
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::protection::{self as vault, Converted, VaultError};
use rapport_core::storage::seal::{DataKey, Sealing};

use super::widgets;

/// A passphrase typed into the app; wiped when dropped and never printed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Passphrase {
    /// Takes the text out of a field, leaving it empty.
    pub fn take(field: &mut Zeroizing<String>) -> Self {
        Self(Zeroizing::new(std::mem::take(&mut **field)))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a finished task did.
#[derive(Debug)]
pub enum Outcome {
    /// The journal is unlocked (and an interrupted conversion finished).
    Unlocked {
        /// The data key; `None` if the finished conversion turned protection off.
        key: Option<Arc<DataKey>>,
        /// What the finished conversion did, if one was under way.
        converted: Converted,
        /// Said when the protection file was changed outside Rapport.
        warning: Option<String>,
    },
    /// Protection is on.
    TurnedOn {
        /// The new data key.
        key: Arc<DataKey>,
        /// The files sealed.
        converted: Converted,
    },
    /// Protection is off.
    TurnedOff {
        /// The files made plain.
        converted: Converted,
    },
    /// The passphrase is changed.
    Changed,
    /// Nothing changed, for this reason.
    Failed(String),
}

/// A protection task running on its own thread.
pub struct Job {
    /// What the user is told while it runs.
    pub title: &'static str,
    /// Whether it is unlocking from the lock screen (shown there, not on a busy screen).
    pub unlocking: bool,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: mpsc::Receiver<Outcome>,
}

impl Job {
    fn spawn(
        title: &'static str,
        unlocking: bool,
        task: impl FnOnce(vault::Progress<'_>) -> Result<Outcome, VaultError> + Send + 'static,
    ) -> Self {
        let (sender, result) = mpsc::channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (done_in, total_in) = (done.clone(), total.clone());
        std::thread::spawn(move || {
            let mut progress = |d: usize, t: usize| {
                done_in.store(d, Ordering::Relaxed);
                total_in.store(t, Ordering::Relaxed);
            };
            let outcome =
                task(&mut progress).unwrap_or_else(|error| Outcome::Failed(error.to_string()));
            // The window may have closed meanwhile; then nobody needs the answer.
            let _ = sender.send(outcome);
        });
        Self {
            title,
            unlocking,
            done,
            total,
            result,
        }
    }

    /// Unlocks `data_dir` with `passphrase`, finishing an interrupted conversion.
    #[must_use]
    pub fn unlock(data_dir: DataDir, passphrase: Passphrase) -> Self {
        Self::spawn("Unlocking…", true, move |progress| {
            let unlocked = protection::unlock(&data_dir, passphrase.as_str(), true, progress)?;
            Ok(Outcome::Unlocked {
                key: unlocked.key(),
                converted: unlocked.finished.map(|f| f.converted).unwrap_or_default(),
                warning: unlocked.warning,
            })
        })
    }

    /// Turns protection on with a new passphrase.
    #[must_use]
    pub fn turn_on(data_dir: DataDir, passphrase: Passphrase) -> Self {
        Self::spawn("Protecting your journal…", false, move |progress| {
            let (unlocked, converted) =
                protection::turn_on(&data_dir, passphrase.as_str(), progress)?;
            let key = match unlocked.sealing() {
                Sealing::Sealed(key) => key.clone(),
                Sealing::Plain => return Err(VaultError::NotProtected),
            };
            Ok(Outcome::TurnedOn { key, converted })
        })
    }

    /// Turns protection off, after checking the current passphrase.
    #[must_use]
    pub fn turn_off(data_dir: DataDir, passphrase: Passphrase) -> Self {
        Self::spawn("Removing the protection…", false, move |progress| {
            let converted = protection::turn_off(&data_dir, passphrase.as_str(), progress)?;
            Ok(Outcome::TurnedOff { converted })
        })
    }

    /// Changes the passphrase, after checking the current one.
    #[must_use]
    pub fn change(data_dir: DataDir, current: Passphrase, new: Passphrase) -> Self {
        Self::spawn("Changing the passphrase…", false, move |_| {
            protection::change(&data_dir, current.as_str(), new.as_str())?;
            Ok(Outcome::Changed)
        })
    }

    /// The outcome, once the task has finished.
    pub fn poll(&self) -> Option<Outcome> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Outcome::Failed(
                "The task stopped unexpectedly; nothing was lost. Try again.".into(),
            )),
        }
    }

    /// Shows the task's progress, for conversions.
    pub fn ui(&self, ui: &mut Ui) {
        widgets::reading_column(ui);
        ui.add_space(40.0);
        ui.heading(self.title);
        ui.add_space(10.0);
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        if total == 0 {
            ui.add(egui::Spinner::new());
        } else {
            ui.add(
                egui::ProgressBar::new(done as f32 / total as f32)
                    .desired_width(widgets::READING_WIDTH.min(ui.available_width()))
                    .text(format!("{done} of {total} files")),
            );
        }
        ui.add_space(10.0);
        ui.label("Each file is rewritten on its own, safely. If Rapport is closed before this finishes, nothing is lost: it finishes the next time you unlock.");
    }
}

/// The lock screen: the passphrase field and what to do if it is lost.
#[derive(Default)]
pub struct LockView {
    passphrase: Zeroizing<String>,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// Whether the field was given the keyboard focus, once, so typing can start at once.
    focused: bool,
    /// Whether the passphrase is shown as typed instead of as dots.
    show: bool,
}

impl LockView {
    /// Draws the lock screen; returns the passphrase when the user asks to unlock.
    pub fn ui(&mut self, ui: &mut Ui, busy: bool) -> Option<Passphrase> {
        let mut submitted = None;
        ui.vertical_centered(|ui| {
            ui.set_max_width(440.0);
            ui.add_space((ui.available_height() * 0.18).min(160.0));
            ui.heading("Your journal is locked");
            ui.add_space(6.0);
            ui.label("Type your passphrase to open it.");
            ui.add_space(12.0);
            let label = ui.label("Passphrase");
            let field = ui
                .add_enabled(
                    !busy,
                    egui::TextEdit::singleline(&mut *self.passphrase)
                        .password(!self.show)
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            super::protection::show_toggle(ui, &mut self.show);
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.add_space(8.0);
            if busy {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label("Unlocking…");
                });
            } else if (ui.button("Unlock").clicked() || entered) && !self.passphrase.is_empty() {
                self.error = None;
                submitted = Some(Passphrase::take(&mut self.passphrase));
            }
            if self.error.is_some() && !busy && field.changed() {
                // A new attempt: the old message no longer applies.
                self.error = None;
            }
            if let Some(error) = &self.error {
                ui.add_space(8.0);
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(24.0);
            ui.label(
                RichText::new(
                    "A forgotten passphrase cannot be recovered: nobody, Rapport included, can open your entries without it. Your crisis contacts and helplines stay open to you under “Get help now”.",
                )
                .weak(),
            );
        });
        submitted
    }
}
