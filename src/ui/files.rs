//! Native file dialogs (rfd), each on its own thread so the window keeps drawing while the
//! dialog is open. Rapport never depends on them: exports are first saved in the data folder's
//! `exports/`, and every path can also be typed.

use std::path::PathBuf;
use std::sync::mpsc;

/// What came of a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// The user chose this path.
    Path(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No file chooser can be shown here.
    Unavailable,
}

/// Said when no file chooser can be shown.
pub const UNAVAILABLE: &str = "No file chooser is available on this system (on Linux, Rapport uses the desktop's file chooser portal). Type the path instead, or use your file manager.";

/// A native dialog that is open, or has just closed.
pub struct Dialog {
    result: Option<mpsc::Receiver<Option<PathBuf>>>,
}

/// Whether a native file chooser can be shown. On Linux and the BSDs rfd asks the desktop
/// portal over the session bus; without a session bus there is no portal to ask.
fn available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|address| !address.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

impl Dialog {
    fn spawn(show: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Self {
        if !available() {
            return Self { result: None };
        }
        let (sender, result) = mpsc::channel();
        std::thread::spawn(move || {
            // The window may be gone by the time the dialog closes; nobody is waiting then.
            let _ = sender.send(show());
        });
        Self {
            result: Some(result),
        }
    }

    /// Asks where to save a copy of `file`, starting beside it with the same name.
    #[must_use]
    pub fn save_copy_of(file: &std::path::Path) -> Self {
        let folder = file.parent().map(std::path::Path::to_path_buf);
        let name = file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Self::spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Save a copy")
                .set_file_name(name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.save_file()
        })
    }

    /// Asks where to save a PDF, suggesting `name` in the home folder.
    #[must_use]
    pub fn save_pdf(name: &str) -> Self {
        let name = name.to_owned();
        Self::spawn(move || {
            rfd::FileDialog::new()
                .set_title("Save the summary")
                .add_filter("PDF", &["pdf"])
                .set_file_name(name)
                .save_file()
        })
    }

    /// Asks for a Rapport archive to import.
    #[must_use]
    pub fn pick_archive(start: PathBuf) -> Self {
        Self::spawn(move || {
            rfd::FileDialog::new()
                .set_title("Choose a Rapport archive to import")
                .add_filter("Rapport archive", &["ron"])
                .set_directory(start)
                .pick_file()
        })
    }

    /// Asks for a folder.
    #[must_use]
    pub fn pick_folder(title: &'static str, start: PathBuf) -> Self {
        Self::spawn(move || {
            rfd::FileDialog::new()
                .set_title(title)
                .set_directory(start)
                .pick_folder()
        })
    }

    /// `None` while the dialog is open; then what came of it.
    #[must_use]
    pub fn poll(&self) -> Option<Chosen> {
        let Some(result) = &self.result else {
            return Some(Chosen::Unavailable);
        };
        match result.try_recv() {
            Ok(Some(path)) => Some(Chosen::Path(path)),
            Ok(None) | Err(mpsc::TryRecvError::Disconnected) => Some(Chosen::Cancelled),
            Err(mpsc::TryRecvError::Empty) => None,
        }
    }

    /// As [`Dialog::poll`], and asks for another frame soon while the dialog is open.
    pub fn poll_in(&self, ctx: &egui::Context) -> Option<Chosen> {
        let polled = self.poll();
        if polled.is_none() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        polled
    }
}

/// Copies a saved export to where the user chose, atomically. Returns the message to show.
pub fn copy_to(from: &std::path::Path, to: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(from).map_err(|error| {
        format!(
            "The file could not be read to copy it: {error}. Path: {}",
            from.display()
        )
    })?;
    rapport_core::storage::atomic::write_atomic(
        to,
        &bytes,
        rapport_core::storage::atomic::Overwrite::Replace,
    )
    .map_err(|error| {
        format!(
            "The copy could not be saved: {error}. Path: {}",
            to.display()
        )
    })?;
    Ok(format!("A copy is saved at {}", to.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_lands_whole_where_chosen_and_a_bad_place_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("journal.csv");
        std::fs::write(&from, "date,worksheet\n").unwrap();
        let to = dir.path().join("elsewhere").join("copy.csv");
        let message = copy_to(&from, &to).unwrap();
        assert!(message.contains("copy.csv"));
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "date,worksheet\n");
        let error = copy_to(&dir.path().join("missing.csv"), &to).unwrap_err();
        assert!(error.contains("missing.csv"), "{error}");
    }
}
