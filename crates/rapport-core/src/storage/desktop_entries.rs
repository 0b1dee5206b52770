//! The desktop's own ways of running `rapport remind --due` while the app is closed: a systemd
//! user timer (every 15 minutes, catching up after sleep), or, where there is no systemd user
//! session, an XDG autostart entry (at login). Rapport keeps no process of its own running.
//!
//! The files are written when reminders are turned on and removed when they are turned off.
//! One set per user: turning reminders on for another data folder points them there.

use std::io;
use std::path::{Path, PathBuf};

use crate::storage::atomic::{self as store, Overwrite};
use crate::storage::layout::DataDir;

/// The systemd units' and autostart entry's file name, without extension.
const NAME: &str = "rapport-reminders";

/// How reminders are looked for while the app is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// `~/.config/systemd/user/rapport-reminders.timer`, enabled.
    SystemdTimer,
    /// `~/.config/autostart/rapport-reminders.desktop`.
    Autostart,
}

/// Where the entries go and what they run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesktopEntries {
    config_home: PathBuf,
    program: PathBuf,
    mechanism: Mechanism,
    /// Whether to tell the running systemd user manager (only for the real home).
    tell_systemd: bool,
}

/// The entries could not be written or removed.
#[derive(Debug, thiserror::Error)]
pub enum EntryError {
    /// A path holds a character the entry files cannot carry.
    #[error(
        "Reminders cannot run this program from a path with a line break or control character in it. Path: {0}"
    )]
    UnusablePath(PathBuf),
    /// Writing or removing failed.
    #[error("The reminder entry could not be changed: {error}. Path: {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
}

impl DesktopEntries {
    /// The entries for this user and this program, by the desktop this runs on: a systemd timer
    /// when a systemd user manager is running, an autostart entry otherwise.
    #[must_use]
    pub fn for_this_user() -> Option<Self> {
        let config_home = directories::BaseDirs::new()?.config_dir().to_path_buf();
        let program = std::env::current_exe().ok()?;
        let systemd_running = std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|runtime| Path::new(&runtime).join("systemd").is_dir());
        Some(Self {
            config_home,
            program,
            mechanism: if systemd_running {
                Mechanism::SystemdTimer
            } else {
                Mechanism::Autostart
            },
            tell_systemd: systemd_running,
        })
    }

    /// Entries in `config_home` (e.g. a temporary folder) that run `program`; the running
    /// systemd manager is not told.
    #[must_use]
    pub fn in_folder(config_home: &Path, program: &Path, mechanism: Mechanism) -> Self {
        Self {
            config_home: config_home.to_path_buf(),
            program: program.to_path_buf(),
            mechanism,
            tell_systemd: false,
        }
    }

    /// How reminders are looked for while the app is closed.
    #[must_use]
    pub fn mechanism(&self) -> Mechanism {
        self.mechanism
    }

    fn units(&self) -> PathBuf {
        self.config_home.join("systemd").join("user")
    }

    fn service(&self) -> PathBuf {
        self.units().join(format!("{NAME}.service"))
    }

    fn timer(&self) -> PathBuf {
        self.units().join(format!("{NAME}.timer"))
    }

    fn timer_link(&self) -> PathBuf {
        self.units()
            .join("timers.target.wants")
            .join(format!("{NAME}.timer"))
    }

    fn autostart(&self) -> PathBuf {
        self.config_home
            .join("autostart")
            .join(format!("{NAME}.desktop"))
    }

    /// The entry files present now.
    #[must_use]
    pub fn installed(&self) -> Vec<PathBuf> {
        [
            self.service(),
            self.timer(),
            self.timer_link(),
            self.autostart(),
        ]
        .into_iter()
        .filter(|path| path.symlink_metadata().is_ok())
        .collect()
    }

    /// Writes the entries that run `rapport --data-dir DATA remind --due`; returns the files.
    pub fn install(&self, data_dir: &DataDir) -> Result<Vec<PathBuf>, EntryError> {
        let arguments = [
            self.program.as_os_str(),
            "--data-dir".as_ref(),
            data_dir.root().as_os_str(),
            "remind".as_ref(),
            "--due".as_ref(),
        ];
        let mut texts = Vec::new();
        for argument in arguments {
            let text = argument.to_string_lossy();
            if text.chars().any(char::is_control) {
                return Err(EntryError::UnusablePath(PathBuf::from(argument)));
            }
            texts.push(text.into_owned());
        }
        self.remove()?;
        match self.mechanism {
            Mechanism::SystemdTimer => {
                let command: Vec<String> = texts.iter().map(|t| systemd_quote(t)).collect();
                write(&self.service(), &service_unit(&command.join(" ")))?;
                write(&self.timer(), TIMER_UNIT)?;
                link(&self.timer_link(), &format!("../{NAME}.timer"))?;
                self.tell_systemd(&["daemon-reload"]);
                self.tell_systemd(&["start", &format!("{NAME}.timer")]);
            }
            Mechanism::Autostart => {
                let command: Vec<String> = texts.iter().map(|t| desktop_quote(t)).collect();
                write(&self.autostart(), &autostart_entry(&command.join(" ")))?;
            }
        }
        Ok(self.installed())
    }

    /// Removes every entry (of both kinds); returns the files removed.
    pub fn remove(&self) -> Result<Vec<PathBuf>, EntryError> {
        let present = self.installed();
        if present.contains(&self.timer()) {
            self.tell_systemd(&["stop", &format!("{NAME}.timer")]);
        }
        for path in &present {
            std::fs::remove_file(path).map_err(|error| EntryError::Io {
                path: path.clone(),
                error,
            })?;
        }
        if present.contains(&self.service()) {
            self.tell_systemd(&["daemon-reload"]);
        }
        Ok(present)
    }

    /// Best effort: the files are in place either way, and systemd reads them at next login.
    fn tell_systemd(&self, arguments: &[&str]) {
        if self.tell_systemd {
            let _ = std::process::Command::new("systemctl")
                .arg("--user")
                .args(arguments)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), EntryError> {
    let failed = |error| EntryError::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    store::write_atomic(path, text.as_bytes(), Overwrite::Replace).map_err(failed)
}

#[cfg(unix)]
fn link(path: &Path, target: &str) -> Result<(), EntryError> {
    let failed = |error| EntryError::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    std::os::unix::fs::symlink(target, path).map_err(failed)
}

#[cfg(not(unix))]
fn link(_path: &Path, _target: &str) -> Result<(), EntryError> {
    Ok(())
}

fn service_unit(command: &str) -> String {
    format!(
        "# Written by Rapport when reminders were turned on; removed when they are turned off.\n\
         [Unit]\n\
         Description=Rapport: show a gentle reminder if one is due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={command}\n"
    )
}

const TIMER_UNIT: &str =
    "# Written by Rapport when reminders were turned on; removed when they are turned off.
[Unit]
Description=Rapport: look for a due reminder every 15 minutes

[Timer]
OnCalendar=*:0/15
Persistent=true
RandomizedDelaySec=60

[Install]
WantedBy=timers.target
";

fn autostart_entry(command: &str) -> String {
    format!(
        "# Written by Rapport when reminders were turned on; removed when they are turned off.\n\
         [Desktop Entry]\n\
         Type=Application\n\
         Name=Rapport reminders\n\
         Comment=Shows a gentle Rapport reminder at login if one is due, then exits\n\
         Exec={command}\n\
         Icon=rapport\n\
         NoDisplay=true\n\
         Terminal=false\n\
         X-GNOME-Autostart-enabled=true\n"
    )
}

/// One argument of a systemd `ExecStart=` line.
fn systemd_quote(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '"' => quoted.push_str("\\\""),
            '%' => quoted.push_str("%%"),
            '$' => quoted.push_str("$$"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// One argument of a desktop entry's `Exec=` key: quoted by the Exec rules, then escaped as a
/// string value (so a backslash is written four times).
fn desktop_quote(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '`' | '$' => {
                quoted.push_str("\\\\");
                quoted.push(c);
            }
            '\\' => quoted.push_str("\\\\\\\\"),
            '%' => quoted.push_str("%%"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_is_installed_enabled_and_removed() {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path().join("my data"));
        let entries = DesktopEntries::in_folder(
            home.path(),
            Path::new("/usr/bin/rapport"),
            Mechanism::SystemdTimer,
        );
        let written = entries.install(&data).unwrap();
        assert_eq!(written.len(), 3, "{written:?}");
        let service = std::fs::read_to_string(entries.service()).unwrap();
        let expected = format!(
            "ExecStart=\"/usr/bin/rapport\" \"--data-dir\" \"{}\" \"remind\" \"--due\"\n",
            data.root().display()
        );
        assert!(service.contains(&expected), "{service}");
        let link = std::fs::read_link(entries.timer_link()).unwrap();
        assert_eq!(link, Path::new("../rapport-reminders.timer"));
        assert!(
            entries.timer_link().exists(),
            "the link points at the timer"
        );
        assert!(
            std::fs::read_to_string(entries.timer())
                .unwrap()
                .contains("Persistent=true")
        );

        let removed = entries.remove().unwrap();
        assert_eq!(removed.len(), 3);
        assert!(entries.installed().is_empty());
        assert!(!home.path().join("autostart").exists());
    }

    #[test]
    fn the_autostart_entry_is_installed_and_removed() {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path().join("data"));
        let entries =
            DesktopEntries::in_folder(home.path(), Path::new("/opt/rapport"), Mechanism::Autostart);
        entries.install(&data).unwrap();
        let text = std::fs::read_to_string(entries.autostart()).unwrap();
        assert!(
            text.contains("\nExec=\"/opt/rapport\" \"--data-dir\""),
            "{text}"
        );
        assert!(text.contains("NoDisplay=true"));
        assert_eq!(entries.remove().unwrap().len(), 1);
        assert!(entries.installed().is_empty());
    }

    #[test]
    fn turning_on_twice_leaves_one_set() {
        let home = tempfile::tempdir().unwrap();
        let data = DataDir::new(home.path().join("data"));
        let timer =
            DesktopEntries::in_folder(home.path(), Path::new("/r"), Mechanism::SystemdTimer);
        timer.install(&data).unwrap();
        timer.install(&data).unwrap();
        let autostart =
            DesktopEntries::in_folder(home.path(), Path::new("/r"), Mechanism::Autostart);
        // Switching mechanism removes the other kind.
        assert_eq!(
            autostart.install(&data).unwrap(),
            vec![autostart.autostart()]
        );
    }

    #[test]
    fn awkward_paths_are_quoted_and_control_characters_refused() {
        assert_eq!(
            systemd_quote(r#"/a b/"q"/100%/$HOME\x"#),
            r#""/a b/\"q\"/100%%/$$HOME\\x""#
        );
        assert_eq!(
            desktop_quote(r#"/a b/"q"/100%/$x\y"#),
            r#""/a b/\\"q\\"/100%%/\\$x\\\\y""#
        );
        let home = tempfile::tempdir().unwrap();
        let entries = DesktopEntries::in_folder(home.path(), Path::new("/r"), Mechanism::Autostart);
        let data = DataDir::new(home.path().join("line\nbreak"));
        assert!(matches!(
            entries.install(&data),
            Err(EntryError::UnusablePath(_))
        ));
        assert!(entries.installed().is_empty());
    }
}
