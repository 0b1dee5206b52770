//! The desktop app: egui views over the [`Model`](rapport_core::service::model::Model).
//!
//! [`Shell`] is the whole app inside one `egui::Ui`, so tests can drive it with `egui_kittest`
//! without a window; [`RapportApp`] adapts it to eframe and persists the UI state.

mod chart_view;
mod desktop;
mod files;
mod form;
mod group;
mod help;
mod history;
mod icon;
mod keyboard;
mod lock;
mod overview;
pub mod pacer;
mod present;
mod problems;
mod programmes;
mod progress_view;
mod protection;
mod register;
pub mod reminders;
mod report;
mod section;
mod settings;
mod shell;
mod sidebar;
pub mod theme;
mod today;
mod trash;
mod vocabulary;
mod widgets;
mod worksheet_view;

pub use present::{Clock, Presentation, SystemClock};
pub use progress_view::ChartCache;
pub use shell::Shell;
pub use vocabulary::{Screen, Tab, ThemeChoice, UiState};

use rapport_core::storage::layout::DataDir;

/// Where eframe keeps [`UiState`] between runs.
const UI_STATE_KEY: &str = "rapport-ui";

/// The eframe app: the [`Shell`] plus persistence of its UI state.
pub struct RapportApp {
    shell: Shell,
    exit_after_first_frame: bool,
    /// Whether the window has been given its desktop name (on the first frame).
    named: bool,
    /// The journal pack being written after start-up, when the files had changed since the
    /// last one (see `rapport_core::storage::journal_pack`); `Some` once started.
    pack_refresh: Option<std::thread::JoinHandle<()>>,
}

impl RapportApp {
    /// Builds the app for `data_dir` over its `opened` journal, restoring the UI state eframe
    /// saved last time.
    #[must_use]
    pub fn new(
        creation: &eframe::CreationContext<'_>,
        data_dir: DataDir,
        opened: shell::Opened,
        exit_after_first_frame: bool,
    ) -> Self {
        let state: UiState = creation
            .storage
            .and_then(|storage| eframe::get_value::<UiState>(storage, UI_STATE_KEY))
            .unwrap_or_default()
            .restarted();
        Self {
            shell: Shell::with_opened(data_dir, state, opened),
            exit_after_first_frame,
            named: false,
            pack_refresh: None,
        }
    }
}

impl RapportApp {
    /// Once the journal is open (or unlocked) and drawn, writes a new journal pack on a thread
    /// of its own if the files changed since the last one, so the next start is quick. Once per
    /// run: saves made meanwhile are few, and read from their files next time.
    fn refresh_pack_once(&mut self) {
        if self.pack_refresh.is_some() {
            return;
        }
        let Some(model) = self.shell.model() else {
            return;
        };
        if model.is_locked() || !model.journal().pack_is_stale() {
            return;
        }
        let data_dir = model.journal().data_dir().clone();
        self.pack_refresh = std::thread::Builder::new()
            .name("journal pack".to_owned())
            .spawn(move || {
                let _ = rapport_core::storage::journal::Journal::refresh_pack(&data_dir);
            })
            .ok();
    }
}

impl eframe::App for RapportApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.named {
            desktop::name_window(frame);
            self.named = true;
        }
        self.shell.ui(ui);
        self.refresh_pack_once();
        if self.exit_after_first_frame {
            if let Some(refresh) = self.pack_refresh.take() {
                let _ = refresh.join();
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, UI_STATE_KEY, self.shell.ui_state());
    }
}

/// The window's icon, the 128-pixel rendering of `packaging/icons/rapport.svg`.
const ICON_PNG: &[u8] = include_bytes!("../../packaging/icons/hicolor/128x128/apps/rapport.png");

/// Why the window could not open, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum WindowError {
    /// There is no graphical session to open a window in.
    #[error(
        "Rapport could not open its window: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start it from your desktop, or use the command line: rapport --help"
    )]
    NoDisplay,
    /// A library the window needs is not installed.
    #[error(
        "Rapport could not open its window because a library it needs is missing ({0}). On Debian or Ubuntu: sudo apt-get install libgl1 libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6"
    )]
    MissingLibrary(String),
    /// Anything else eframe reported.
    #[error("Rapport could not open its window: {0}")]
    Other(String),
}

impl WindowError {
    /// Sorts eframe's error into what a person can do about it.
    fn from_eframe(error: &eframe::Error) -> Self {
        let text = error.to_string();
        let lower = text.to_lowercase();
        if lower.contains("cannot open shared object")
            || lower.contains(".so")
            || lower.contains("libegl")
            || lower.contains("libgl")
            || lower.contains("xkbcommon")
        {
            Self::MissingLibrary(text)
        } else if lower.contains("display") {
            Self::NoDisplay
        } else {
            Self::Other(text)
        }
    }
}

/// Whether a graphical session is there to open a window in (always, off Linux and the BSDs).
fn has_display() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
    } else {
        true
    }
}

/// Opens the app window on `data_dir` and runs until it is closed.
// Before the window exists, the terminal is the only place to say the folder is unusable.
#[allow(clippy::print_stderr)]
pub fn run(data_dir: DataDir, exit_after_first_frame: bool) -> Result<(), WindowError> {
    if !has_display() {
        return Err(WindowError::NoDisplay);
    }
    // eframe would create the folder and its state file with default permissions (0755, 0644);
    // make both private before it writes.
    let private = rapport_core::storage::atomic::create_private_dir_all(data_dir.root())
        .and_then(|()| rapport_core::storage::atomic::ensure_private_file(&data_dir.app_state()));
    if let Err(error) = private {
        eprintln!(
            "rapport: the data folder could not be made private: {error}. Path: {}",
            data_dir.root().display()
        );
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Rapport")
        .with_inner_size([1100.0, 760.0])
        .with_min_inner_size([640.0, 420.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(std::sync::Arc::new(icon)),
        Err(error) => eprintln!("rapport: the window icon could not be read: {error}"),
    }
    // On Wayland the app id names the window, matching rapport.desktop; on X11 it becomes
    // WM_CLASS's class, and `desktop::name_window` fills in the instance egui leaves empty.
    viewport = viewport.with_app_id("rapport");
    let options = eframe::NativeOptions {
        viewport,
        // UI state (window size, last screen, theme) lives beside the journal, not elsewhere.
        persistence_path: Some(data_dir.app_state()),
        ..Default::default()
    };
    // Read the journal while eframe creates the window and its GL context: on two cores the two
    // overlap, so ten years open about as fast as an empty journal.
    let opening = {
        let data_dir = data_dir.clone();
        std::thread::Builder::new()
            .name("open journal".to_owned())
            .spawn(move || shell::Opened::open(&data_dir))
    };
    eframe::run_native(
        "Rapport",
        options,
        Box::new(move |creation| {
            let opened = match opening {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|_| shell::Opened::open(&data_dir)),
                Err(_) => shell::Opened::open(&data_dir),
            };
            Ok(Box::new(RapportApp::new(
                creation,
                data_dir,
                opened,
                exit_after_first_frame,
            )))
        }),
    )
    .map_err(|error| WindowError::from_eframe(&error))
}
