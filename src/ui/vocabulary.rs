//! The words views and the shell share: screens, tabs, notices, the actions a view asks for,
//! and the [`View`] trait with its context [`Cx`].

use egui::Ui;
use rapport_core::service::model::Model;
use rapport_core::storage::document::Document;
use rapport_core::storage::settings::Settings;
use serde::{Deserialize, Serialize};

/// Which screen the central area shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Screen {
    /// The first screen: a greeting, recent check-ins and what to do next.
    #[default]
    #[serde(alias = "Welcome")]
    Today,
    /// Charts of all progress.
    Overview,
    /// The summary to take to an appointment.
    Report,
    /// The programmes.
    Programmes,
    /// Sharing progress with a facilitator.
    Share,
    /// A facilitator's view of the group's shared progress.
    Group,
    /// A facilitator's register of a run: members, attendance, scores and who to follow up.
    Register,
    /// One programme's sessions, by id.
    Programme(String),
    /// A section's introduction and its worksheets, by section id.
    Section(String),
    /// One worksheet, by id.
    Worksheet(String),
    /// Deleted entries.
    Trash,
    /// Files that could not be loaded.
    Problems,
    /// Theme, text size and the data folder.
    Settings,
    /// Crisis information.
    Help,
}

/// The tabs of a worksheet screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// Fill in a new entry, or edit one.
    #[default]
    Fill,
    /// Earlier entries.
    History,
    /// Charts of tracked ratings.
    Progress,
}

/// The app's colour theme choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl From<ThemeChoice> for egui::ThemePreference {
    fn from(choice: ThemeChoice) -> Self {
        match choice {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// UI state kept between runs by eframe. Never holds answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// The screen last shown. The app opens on Today all the same (see [`UiState::restarted`]).
    pub screen: Screen,
    /// The worksheet last opened, offered on Today as "Continue".
    pub last_worksheet: Option<String>,
    /// The worksheet tab last shown.
    pub tab: Tab,
    /// Light, dark, or follow the system.
    pub theme: ThemeChoice,
    /// Text and UI size, 1.0 being normal.
    pub zoom: f32,
    /// Whether moving things (the breathing pacer) stay still, changing once a second instead.
    pub reduce_motion: bool,
    /// The country whose helplines printed handouts list, by code (`GB`); `None` follows the
    /// system's locale, and an empty code lists only the lines for any country.
    pub handout_region: Option<String>,
    /// A message for the top of the crisis screen, set when an answer calls for it. Never saved.
    #[serde(skip)]
    pub alert: Option<String>,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            screen: Screen::Today,
            last_worksheet: None,
            tab: Tab::Fill,
            theme: ThemeChoice::System,
            zoom: 1.0,
            reduce_motion: false,
            handout_region: None,
            alert: None,
        }
    }
}

impl UiState {
    /// The state to open with after a restart, from the one kept at the last close: always on
    /// Today, never on the crisis screen a check-in led to nor half-way into a worksheet. The
    /// worksheet that was open is kept, for Today's "Continue".
    #[must_use]
    pub fn restarted(mut self) -> Self {
        if let Screen::Worksheet(id) = &self.screen {
            self.last_worksheet = Some(id.clone());
        }
        self.screen = Screen::Today;
        self.tab = Tab::Fill;
        self
    }
}

/// A short message at the top of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
    /// The entry to bring back from the trash if the user presses Undo.
    pub undo_delete: Option<String>,
    /// A file just saved (an export), which the user may open or copy elsewhere.
    pub file: Option<std::path::PathBuf>,
}

impl Notice {
    /// A plain message.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            undo_delete: None,
            file: None,
        }
    }

    /// A file saved: says where, and offers to show it or save a copy elsewhere.
    pub fn saved(text: impl Into<String>, file: std::path::PathBuf) -> Self {
        Self {
            file: Some(file),
            ..Self::info(text)
        }
    }

    /// A failure.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
            undo_delete: None,
            file: None,
        }
    }
}

/// Something a view asks the shell to do once the frame's views are drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Go to a screen (asking first if answers would be lost).
    Navigate(Screen),
    /// Show a notice.
    Notify(Notice),
    /// Open the data folder again (after a restore).
    Reload,
    /// Import a RON archive into the journal.
    Import(std::path::PathBuf),
    /// Change the passphrase protection, or lock now.
    Protection(super::protection::ProtectionRequest),
    /// The reminder schedule changed: look again for a due reminder.
    RemindersChanged,
    /// Open the "Go to…" box (as Ctrl+K does).
    OpenGoTo,
    /// Read one entry in its worksheet's History (from "Go to…").
    OpenEntry {
        /// The worksheet the entry answers.
        worksheet: String,
        /// The entry's id.
        entry: String,
    },
    /// Present slides full screen.
    Present {
        /// What is presented, for the control bar.
        title: String,
        /// The slides.
        slides: Vec<rapport_core::facilitator::slides::Slide>,
    },
}

/// What views get: the model, the UI state, and a list to push [`Action`]s on.
pub struct Cx<'a> {
    /// The workbook and journal.
    pub model: &'a mut Model,
    /// Persisted UI state (screen, tab, theme, zoom).
    pub state: &'a mut UiState,
    /// Requests for the shell.
    pub actions: &'a mut Vec<Action>,
    /// Settings kept beside the journal (the programme followed).
    pub settings: &'a mut Document<Settings>,
    /// The desktop entry for reminders, and the wall clock.
    pub reminders: &'a super::reminders::ReminderHost,
}

impl Cx<'_> {
    /// Asks the shell to go to `screen`.
    pub fn navigate(&mut self, screen: Screen) {
        self.actions.push(Action::Navigate(screen));
    }

    /// Asks the shell to show `notice`.
    pub fn notify(&mut self, notice: Notice) {
        self.actions.push(Action::Notify(notice));
    }
}

/// A screen of the app, in the manner of egui's demo views.
pub trait View {
    /// Draws the view and turns clicks into model calls and [`Action`]s.
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>);
}
