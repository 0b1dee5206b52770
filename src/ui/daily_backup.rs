//! Today's backup, made on a thread of its own once the journal is open, so that the day's
//! first start shows Today without waiting for a copy of the whole journal to be written.

use std::path::PathBuf;
use std::thread::JoinHandle;

use rapport_core::service::model::Model;
use rapport_core::storage::archive::ArchiveError;

use super::vocabulary::Notice;

/// Today's backup while it is being written, if it is.
#[derive(Default)]
pub struct DailyBackup(Option<JoinHandle<Result<PathBuf, ArchiveError>>>);

impl DailyBackup {
    /// Starts today's backup of `model`'s journal, if it is due; `ctx` is asked for a frame when
    /// it is done. Without a thread to spare it is made here and now.
    pub fn start(model: &Model, ctx: &egui::Context) -> (Self, Option<Notice>) {
        let Some(backup) = model.daily_backup() else {
            return (Self(None), None);
        };
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("daily backup".to_owned())
            .spawn(move || {
                let made = backup.make();
                ctx.request_repaint();
                made
            });
        match spawned {
            Ok(thread) => (Self(Some(thread)), None),
            // No thread to spare: made here, as it was found due again.
            Err(_) => (
                Self(None),
                model
                    .daily_backup()
                    .and_then(|backup| failure(backup.make())),
            ),
        }
    }

    /// Whether it is still being written.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.0.as_ref().is_some_and(|thread| !thread.is_finished())
    }

    /// Once it is written: what to tell the person if it failed.
    pub fn finished(&mut self) -> Option<Notice> {
        if self.is_running() {
            return None;
        }
        failure(self.0.take()?.join().unwrap_or_else(|_| {
            Err(ArchiveError::Io(
                "it stopped because of a fault in Rapport".to_owned(),
            ))
        }))
    }
}

impl Drop for DailyBackup {
    /// Waits for the backup, so closing the app never leaves one half-written.
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// What to say if the backup could not be made: a failure is said, never fatal.
fn failure(made: Result<PathBuf, ArchiveError>) -> Option<Notice> {
    made.err()
        .map(|error| Notice::error(format!("Today's backup could not be made: {error}")))
}
