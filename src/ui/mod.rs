//! The desktop app: egui views over the [`Model`](rapport_core::service::model::Model).
//!
//! [`Shell`] is the whole app inside one `egui::Ui`, so tests can drive it with `egui_kittest`
//! without a window; [`RapportApp`] adapts it to eframe and persists the UI state.

mod chart_view;
mod daily_backup;
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
pub use shell::{Opened, Shell};
pub use vocabulary::{Screen, Tab, ThemeChoice, UiState};

use rapport_core::storage::layout::DataDir;

/// Where eframe keeps [`UiState`] between runs.
const UI_STATE_KEY: &str = "rapport-ui";

/// When `rapport --exit-after-first-frame` closes the window (for measuring start-up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitAfter {
    /// Never: the app runs until the user closes it.
    Never,
    /// The first frame of any kind (the "Opening your journal" frame, if the journal is not
    /// read yet).
    AnyFrame,
    /// The first frame that shows the journal (Today with its entries, read first).
    JournalFrame,
    /// The first frame drawn from the whole journal.
    WholeJournalFrame,
}

/// The eframe app: the [`Shell`] plus persistence of its UI state.
pub struct RapportApp {
    start: Start,
    exit_after: ExitAfter,
    /// Whether the window has been given its desktop name (on the first frame).
    named: bool,
    /// The journal pack being written after start-up, when the files had changed since the
    /// last one (see `rapport_core::storage::journal_pack`); `Some` once started.
    pack_refresh: Option<std::thread::JoinHandle<()>>,
    /// Told when the first frame is drawn: the reading thread waits for it before reading the
    /// whole journal, so that on two cores the first frame (Today from its own files) does not
    /// compete with it.
    first_frame_drawn: Option<std::sync::mpsc::Sender<()>>,
}

/// Whether the journal is open yet.
enum Start {
    /// Still being read on its own thread: frames show that it is opening, with a way to the
    /// crisis screen all the same.
    Opening(Opening),
    /// Open: the app itself.
    Open(Box<Shell>),
    /// Only for the instant `open_if_read` moves the opening's parts into the shell.
    Swapping,
}

/// What the app needs to build its [`Shell`] once the journal is read.
struct Opening {
    data_dir: DataDir,
    state: UiState,
    reading: std::thread::JoinHandle<shell::Opened>,
    /// What Today shows, read first by the reading thread (see [`Opened::for_today`]).
    early: Option<std::sync::mpsc::Receiver<Opened>>,
    /// The shell over it, shown until the whole journal is read.
    preview: Option<Box<Shell>>,
    /// Whether "Get help now" was pressed meanwhile (the app then opens on that screen).
    help_asked: bool,
}

impl RapportApp {
    /// Builds the app for `data_dir`, restoring the UI state eframe saved last time. The journal
    /// is read on the `reading` thread (here, if it could not start); until it is done, frames
    /// say it is opening.
    fn new(
        creation: &eframe::CreationContext<'_>,
        data_dir: DataDir,
        reading: std::io::Result<std::thread::JoinHandle<shell::Opened>>,
        early: Option<std::sync::mpsc::Receiver<Opened>>,
        exit_after: ExitAfter,
    ) -> Self {
        let state: UiState = creation
            .storage
            .and_then(|storage| eframe::get_value::<UiState>(storage, UI_STATE_KEY))
            .unwrap_or_default()
            .restarted();
        // The fonts and theme the shell uses, before any text is laid out: the opening frame
        // looks like the app, and nothing moves when the journal arrives.
        creation.egui_ctx.set_fonts(theme::fonts(None));
        theme::apply(&creation.egui_ctx);
        creation
            .egui_ctx
            .set_theme(egui::ThemePreference::from(state.theme));
        let start = if let Ok(reading) = reading {
            Start::Opening(Opening {
                data_dir,
                state,
                reading,
                early,
                preview: None,
                help_asked: false,
            })
        } else {
            // No thread could be started: read it here, before the first frame.
            let opened = shell::Opened::open(&data_dir);
            Start::Open(Box::new(Shell::with_opened(data_dir, state, opened)))
        };
        let mut app = Self {
            start,
            exit_after,
            named: false,
            pack_refresh: None,
            first_frame_drawn: None,
        };
        // Usually read by now (it started before the window): then the first frame shows it.
        app.open_if_read();
        app
    }

    /// The app over a journal being read on the `reading` thread (as the window opens it): its
    /// frames say it is opening, with the way to crisis help, until the thread is done.
    #[must_use]
    pub fn opening(
        creation: &eframe::CreationContext<'_>,
        data_dir: DataDir,
        reading: std::thread::JoinHandle<Opened>,
    ) -> Self {
        Self::new(creation, data_dir, Ok(reading), None, ExitAfter::Never)
    }

    /// As [`RapportApp::opening`], with what Today shows read first and sent on `early` (see
    /// [`Opened::for_today`]): Today is drawn from it until the whole journal is read.
    #[must_use]
    pub fn opening_after_today(
        creation: &eframe::CreationContext<'_>,
        data_dir: DataDir,
        reading: std::thread::JoinHandle<Opened>,
        early: std::sync::mpsc::Receiver<Opened>,
    ) -> Self {
        Self::new(
            creation,
            data_dir,
            Ok(reading),
            Some(early),
            ExitAfter::Never,
        )
    }

    /// Builds the shell over what Today shows as soon as the reading thread has it, and the
    /// shell over the whole journal once it has been read (a thread that died is read again
    /// here).
    fn open_if_read(&mut self) {
        let Start::Opening(opening) = &mut self.start else {
            return;
        };
        if opening.preview.is_none()
            && !opening.reading.is_finished()
            && let Some(part) = opening
                .early
                .as_ref()
                .and_then(|early| early.try_recv().ok())
        {
            let mut state = opening.state.clone();
            if opening.help_asked {
                state.screen = Screen::Help;
            }
            opening.preview = Some(Box::new(Shell::previewing(
                opening.data_dir.clone(),
                state,
                part,
            )));
        }
        if !opening.reading.is_finished() {
            return;
        }
        let Start::Opening(opening) = std::mem::replace(&mut self.start, Start::Swapping) else {
            return;
        };
        let Opening {
            data_dir,
            mut state,
            reading,
            preview,
            help_asked,
            ..
        } = opening;
        let opened = reading
            .join()
            .unwrap_or_else(|_| shell::Opened::open(&data_dir));
        self.start = Start::Open(match preview {
            // Protected meanwhile: the shell starts again, locked.
            Some(preview) if opened.is_locked() => Box::new(Shell::with_opened(
                data_dir,
                preview.ui_state().clone(),
                opened,
            )),
            Some(mut preview) => {
                preview.adopt(opened);
                preview
            }
            None => {
                if help_asked {
                    state.screen = Screen::Help;
                }
                Box::new(Shell::with_opened(data_dir, state, opened))
            }
        });
    }

    /// Once the journal is open (or unlocked) and drawn, and today's backup is made, writes a new
    /// journal pack on a thread of its own if the files changed since the last one, so the next
    /// start is quick. Once per run: saves made meanwhile are few, and read from their files
    /// next time.
    fn refresh_pack_once(&mut self) {
        if self.pack_refresh.is_some() {
            return;
        }
        let Start::Open(shell) = &self.start else {
            return;
        };
        // After today's backup: both take the writer lock, and the pack's turn never waits.
        if shell.is_backing_up() {
            return;
        }
        let Some(model) = shell.model() else {
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

/// The frame drawn while the journal is read: the app's name, that it is opening, and the way
/// to crisis help, which never waits for the journal.
fn opening_ui(ui: &mut egui::Ui, opening: &mut Opening) {
    egui::Panel::top("opening top bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Rapport");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let help = egui::Button::new(egui::RichText::new("Get help now").strong());
                if ui.add(help).clicked() {
                    opening.help_asked = true;
                }
            });
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        opening_page(
            ui,
            if opening.help_asked {
                "Opening the crisis help…"
            } else {
                "Opening your journal…"
            },
        );
    });
    // The reading thread asks for a frame when it is done; this look is for the instant
    // between its last glance at the window and its end.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(50));
}

/// A page that says what is opening ("Opening your journal…"), with a spinner.
pub(crate) fn opening_page(ui: &mut egui::Ui, what: &str) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.spinner();
        ui.label(what);
    });
}

impl eframe::App for RapportApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.named {
            desktop::name_window(frame);
            self.named = true;
        }
        self.open_if_read();
        let journal_shown = match &mut self.start {
            Start::Opening(Opening {
                preview: Some(preview),
                ..
            }) => {
                preview.ui(ui);
                self.exit_after != ExitAfter::WholeJournalFrame
            }
            Start::Opening(opening) => {
                opening_ui(ui, opening);
                false
            }
            Start::Open(shell) => {
                shell.ui(ui);
                true
            }
            Start::Swapping => false,
        };
        self.refresh_pack_once();
        if let Some(drawn) = self.first_frame_drawn.take() {
            let _ = drawn.send(());
        }
        let exit = match self.exit_after {
            ExitAfter::Never => false,
            ExitAfter::AnyFrame => true,
            ExitAfter::JournalFrame | ExitAfter::WholeJournalFrame => journal_shown,
        };
        if exit {
            // Finish what starting began, as a window left open would: the backup, then the pack.
            if let Start::Open(shell) = &mut self.start {
                shell.wait_for_backup();
            }
            self.refresh_pack_once();
            if let Some(refresh) = self.pack_refresh.take() {
                let _ = refresh.join();
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let state = match &self.start {
            Start::Opening(Opening {
                preview: Some(preview),
                ..
            }) => preview.ui_state(),
            Start::Opening(opening) => &opening.state,
            Start::Open(shell) => shell.ui_state(),
            Start::Swapping => return,
        };
        eframe::set_value(storage, UI_STATE_KEY, state);
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
pub fn run(data_dir: DataDir, exit_after: ExitAfter) -> Result<(), WindowError> {
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
    // overlap. If it is not read by the first frame, that frame says it is opening.
    let window = std::sync::Arc::new(std::sync::OnceLock::<egui::Context>::new());
    // First what Today shows (a hundred files or so of ten years), so the first frame can
    // show it; then the whole journal, which takes over when read.
    let (send_early, early) = std::sync::mpsc::channel();
    let (first_frame_drawn, first_frame) = std::sync::mpsc::channel::<()>();
    let reading = {
        let (data_dir, window) = (data_dir.clone(), window.clone());
        std::thread::Builder::new()
            .name("open journal".to_owned())
            .spawn(move || {
                read_below_the_window();
                if let Some(part) =
                    shell::Opened::for_today(&data_dir, rapport_core::time::LocalTime::now())
                    && send_early.send(part).is_ok()
                {
                    if let Some(ctx) = window.get() {
                        ctx.request_repaint();
                    }
                    // The whole journal after the first frame, or a moment, whichever is first.
                    let _ = first_frame.recv_timeout(std::time::Duration::from_millis(300));
                }
                let opened = shell::Opened::open(&data_dir);
                // Read after the window opened: draw it now rather than at the next look.
                if let Some(ctx) = window.get() {
                    ctx.request_repaint();
                }
                opened
            })
    };
    eframe::run_native(
        "Rapport",
        options,
        Box::new(move |creation| {
            let _ = window.set(creation.egui_ctx.clone());
            let mut app = RapportApp::new(creation, data_dir, reading, Some(early), exit_after);
            app.first_frame_drawn = Some(first_frame_drawn);
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| WindowError::from_eframe(&error))
}

/// Lets the thread that reads the journal (and the workers it starts, which inherit it) yield to
/// the window's thread: on two cores reading at equal priority delayed the first frame by about
/// a fifth (benches/startup.sh), while Today with its data came no later. Only a hint: if the
/// system refuses, reading goes on at normal priority.
fn read_below_the_window() {
    // On Linux a "process" priority set on thread id 0 applies to the calling thread only.
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, 10);
}
