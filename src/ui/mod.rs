//! The desktop app: egui views over the [`Model`](rapport_core::service::model::Model).
//!
//! [`Shell`] is the whole app inside one `egui::Ui`, so tests can drive it with `egui_kittest`
//! without a window; [`RapportApp`] adapts it to eframe and persists the UI state.

mod chart_view;
mod files;
mod form;
mod group;
mod help;
mod history;
mod lock;
mod overview;
mod present;
mod problems;
mod programmes;
mod progress_view;
mod protection;
mod section;
mod settings;
mod shell;
mod sidebar;
mod today;
mod trash;
mod vocabulary;
mod widgets;
mod worksheet_view;

pub use present::{Clock, Presentation, SystemClock};
pub use progress_view::ChartCache;
pub use shell::Shell;
pub use vocabulary::{Screen, Tab, UiState};

use rapport_core::storage::layout::DataDir;

/// Where eframe keeps [`UiState`] between runs.
const UI_STATE_KEY: &str = "rapport-ui";

/// The eframe app: the [`Shell`] plus persistence of its UI state.
pub struct RapportApp {
    shell: Shell,
    exit_after_first_frame: bool,
}

impl RapportApp {
    /// Builds the app for `data_dir`, restoring the UI state eframe saved last time.
    #[must_use]
    pub fn new(
        creation: &eframe::CreationContext<'_>,
        data_dir: DataDir,
        exit_after_first_frame: bool,
    ) -> Self {
        let state: UiState = creation
            .storage
            .and_then(|storage| eframe::get_value(storage, UI_STATE_KEY))
            .unwrap_or_default();
        Self {
            shell: Shell::new(data_dir, state),
            exit_after_first_frame,
        }
    }
}

impl eframe::App for RapportApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.shell.ui(ui);
        if self.exit_after_first_frame {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, UI_STATE_KEY, self.shell.ui_state());
    }
}

/// Opens the app window on `data_dir` and runs until it is closed.
// Before the window exists, the terminal is the only place to say the folder is unusable.
#[allow(clippy::print_stderr)]
pub fn run(data_dir: DataDir, exit_after_first_frame: bool) -> Result<(), eframe::Error> {
    // eframe would create the folder for its state with default permissions; make it private.
    if let Err(error) = rapport_core::storage::atomic::create_private_dir_all(data_dir.root()) {
        eprintln!(
            "rapport: the data folder could not be created: {error}. Path: {}",
            data_dir.root().display()
        );
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rapport")
            .with_app_id("rapport")
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 420.0]),
        // UI state (window size, last screen, theme) lives beside the journal, not elsewhere.
        persistence_path: Some(data_dir.app_state()),
        ..Default::default()
    };
    eframe::run_native(
        "Rapport",
        options,
        Box::new(|creation| {
            Ok(Box::new(RapportApp::new(
                creation,
                data_dir,
                exit_after_first_frame,
            )))
        }),
    )
}
