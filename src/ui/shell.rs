//! The app's frame: top bar, sidebar, the current screen, notices and confirmations.

use std::fmt::Write as _;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::keyboard::GoToChoice;
use super::lock::{Job, LockView, Outcome};
use super::present::{Clock, Presentation, PresentationAction, SystemClock};
use super::protection::ProtectionRequest;
use super::vocabulary::{Action, Cx, Notice, Screen, Tab, ThemeChoice, UiState, View};
use super::worksheet_view::WorksheetView;
use super::{
    group, help, overview, problems, programmes, register, report, section, settings, sidebar,
    today, trash,
};
use rapport_core::service::model::Model;
use rapport_core::service::reminders;
use rapport_core::storage::document::Document;
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::seal::Sealing;
use rapport_core::storage::settings::Settings;

/// How often, at most, the journal folder is looked at for other writers' changes.
const DISK_CHECK_SECONDS: f64 = 2.0;

/// A confirmation waiting for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    /// Leave the worksheet for `Screen`, discarding unsaved answers?
    Leave(Screen),
    /// Quit, discarding unsaved answers?
    Quit,
}

/// The person's answer to the unsaved-answers question.
enum Choice {
    /// Stay on the worksheet.
    Keep,
    /// Save the answers, then go.
    Save,
    /// Go, and let the answers go.
    Discard,
}

/// The state of every screen, made from the journal as it was read. Dropped wholesale
/// (`Views::default()`) whenever that journal goes away, so a view cannot keep journal text
/// across a lock by being forgotten in a list: a form wipes its answers when dropped.
#[derive(Default)]
struct Views {
    worksheet: WorksheetView,
    trash: trash::TrashView,
    help: help::HelpView,
    today: today::TodayView,
    share: group::ShareView,
    settings: settings::SettingsView,
    group: group::GroupView,
    register: register::RegisterView,
    overview: overview::OverviewView,
    report: report::ReportView,
}

/// The whole app inside one [`Ui`].
pub struct Shell {
    data_dir: DataDir,
    /// Every screen's state; reset wholesale on lock, unlock and reload.
    views: Views,
    model: Result<Model, String>,
    state: UiState,
    settings: Document<Settings>,
    presentation: Option<Presentation>,
    clock: std::rc::Rc<dyn Clock>,
    /// The fonts, and whether the CJK font has been looked for (see `theme::Fonts`).
    fonts: super::theme::Fonts,
    notice: Option<Notice>,
    /// The plain notice on screen and when it appeared, so it can go by itself.
    notice_clock: Option<(Notice, f64)>,
    pending: Option<Pending>,
    quitting: bool,
    applied: Option<(ThemeChoice, f32)>,
    /// The lock screen, while the journal is protected and locked.
    lock: Option<LockView>,
    /// Whether the crisis screen is shown over the lock screen.
    help_while_locked: bool,
    /// A slow protection task running in the background.
    job: Option<Job>,
    /// When the user last did anything, by `clock`, for locking after idle time.
    last_input: f64,
    /// The reminders' desktop entry and wall clock.
    reminder_host: super::reminders::ReminderHost,
    /// A due reminder on show, until the person answers it.
    reminder: Option<rapport_core::schedule::Reminder>,
    /// When to look for a due reminder next; `None`: at the next frame.
    next_reminder_look: Option<jiff::Timestamp>,
    /// A native "save a copy" dialog for the file of the notice, while it is open.
    copy_dialog: Option<(std::path::PathBuf, super::files::Dialog)>,
    /// When the journal folder was last looked at for other writers' changes, by `clock`.
    disk_checked_at: f64,
    /// Where the top bar and the sidebar were last frame, for F6.
    regions: Regions,
    /// The Ctrl+K "Go to…" box.
    go_to: super::keyboard::GoTo,
    /// Whether today's backup is still to be started (at the next frame, on its own thread).
    backup_due: bool,
    /// Today's backup, while it is being written.
    backup: super::daily_backup::DailyBackup,
    /// How much of the journal is read (see [`Shell::previewing`]).
    read: Read,
}

/// How much of the journal a shell has read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    /// Only what Today shows, while the rest is read (see [`Shell::previewing`]).
    TodaysPart,
    /// All of it (or, locked, none: nothing is read before it is unlocked).
    Whole,
}

use super::keyboard::{Region, Regions};

impl Shell {
    /// Opens the data folder and restores `state`.
    #[must_use]
    pub fn new(data_dir: DataDir, state: UiState) -> Self {
        let opened = Opened::open(&data_dir);
        Self::with_opened(data_dir, state, opened)
    }

    /// The shell over a journal already opened (see [`Opened`]), restoring `state`.
    #[must_use]
    pub fn with_opened(data_dir: DataDir, mut state: UiState, opened: Opened) -> Self {
        let Opened {
            model,
            locked,
            fonts,
        } = opened;
        let lock = locked.then(LockView::default);
        let settings = rapport_core::storage::settings::load(&data_dir);
        if let (Ok(model), Screen::Worksheet(id)) = (&model, &state.screen)
            && model.workbook().get(id).is_none()
        {
            state.screen = Screen::Today;
        }
        if let (Ok(model), Some(id)) = (&model, &state.last_worksheet)
            && model.workbook().get(id).is_none()
        {
            state.last_worksheet = None;
        }
        Self {
            data_dir,
            views: Views::default(),
            model,
            state,
            settings,
            presentation: None,
            clock: std::rc::Rc::new(SystemClock::default()),
            fonts,
            notice: None,
            notice_clock: None,
            pending: None,
            quitting: false,
            applied: None,
            lock,
            help_while_locked: false,
            job: None,
            last_input: 0.0,
            copy_dialog: None,
            reminder_host: super::reminders::ReminderHost::default(),
            reminder: None,
            next_reminder_look: None,
            disk_checked_at: 0.0,
            regions: Regions::default(),
            go_to: super::keyboard::GoTo::default(),
            backup_due: !locked,
            backup: super::daily_backup::DailyBackup::default(),
            read: Read::Whole,
        }
    }

    /// The shell over only what Today shows (`opened` holds a model from
    /// [`Model::open_for_today`]), while the whole journal is read: Today and the crisis screen
    /// work; any other screen says the journal is opening. Nothing is written, backed up or
    /// exported from part of the journal. [`Shell::adopt`] takes the whole one.
    #[must_use]
    pub fn previewing(data_dir: DataDir, state: UiState, opened: Opened) -> Self {
        let mut shell = Self::with_opened(data_dir, state, opened);
        shell.read = Read::TodaysPart;
        shell.backup_due = false;
        shell
    }

    /// Takes the whole journal, read while this shell showed Today from part of it, keeping
    /// where the person is; views cached on the part are drawn again.
    pub fn adopt(&mut self, opened: Opened) {
        let Opened { model, fonts, .. } = opened;
        let mut model = model;
        if let (Ok(whole), Ok(part)) = (&mut model, &self.model) {
            whole.follow(part);
        }
        self.fonts.adopt(
            &fonts,
            model.as_ref().ok().map(|model| model.journal().revision()),
        );
        self.model = model;
        self.read = Read::Whole;
        self.backup_due = true;
    }

    /// Whether only what Today shows is read yet (see [`Shell::previewing`]).
    #[must_use]
    pub fn is_previewing(&self) -> bool {
        self.read == Read::TodaysPart
    }

    /// Waits until today's backup, if it is being written, is written.
    pub fn wait_for_backup(&mut self) {
        self.backup = super::daily_backup::DailyBackup::default();
    }

    /// Whether today's backup is still to be made or being written.
    #[must_use]
    pub fn is_backing_up(&self) -> bool {
        self.backup_due || self.backup.is_running()
    }

    /// Puts the reminders' desktop entry in `host`'s place and reads its clock, so tests use a
    /// temporary home and a fixed time.
    #[must_use]
    pub fn with_reminder_host(mut self, host: super::reminders::ReminderHost) -> Self {
        self.reminder_host = host;
        self.next_reminder_look = None;
        self
    }

    /// The due reminder on show, if any.
    #[must_use]
    pub fn reminder(&self) -> Option<rapport_core::schedule::Reminder> {
        self.reminder
    }

    /// Whether the journal is protected and locked.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Whether a protection task (unlocking, converting) is still running.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Uses `clock` for presentation timers, so tests can move time on.
    #[must_use]
    pub fn with_clock(mut self, clock: std::rc::Rc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The presentation on show, if any.
    #[must_use]
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// The state eframe should keep.
    #[must_use]
    pub fn ui_state(&self) -> &UiState {
        &self.state
    }

    /// The model, if the data folder could be opened.
    #[must_use]
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref().ok()
    }

    /// The charts of the worksheet screen, for tests of caching.
    #[must_use]
    pub fn charts(&self) -> &super::ChartCache {
        self.views.worksheet.charts()
    }

    /// How many charts the Progress overview has rendered, for tests of caching.
    #[must_use]
    pub fn overview_renders(&self) -> u64 {
        self.views.overview.renders()
    }

    /// Whether a font for Chinese, Japanese or Korean was looked for: only once such text was
    /// typed or found in the journal.
    #[must_use]
    pub fn cjk_font_looked_for(&self) -> bool {
        self.fonts.cjk_looked()
    }

    /// The notice on show, if any.
    #[must_use]
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let first_frame = !self.fonts.installed();
        let journal = self.model.as_ref().ok().map(Model::journal);
        self.fonts.ensure(ui.ctx(), journal);
        if first_frame {
            super::theme::apply(ui.ctx());
        }
        self.apply_appearance(ui.ctx());
        self.guard_close(ui.ctx());
        if let Some(presentation) = &mut self.presentation {
            let action = presentation.ui(ui);
            if action != PresentationAction::Stay {
                self.presentation = None;
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            if action == PresentationAction::Help {
                self.navigate(Screen::Help);
            }
            return;
        }
        self.finish_job(ui.ctx());
        self.lock_when_idle(ui.ctx());
        let mut actions = Vec::new();

        let regions_before = self.regions;
        let to_region = self.next_region_on_f6(ui.ctx(), regions_before);
        // Moving to the content lands first on the sidebar's resize handle: step on past it.
        if std::mem::take(&mut self.regions.to_content) && to_region.is_none() {
            let at = ui
                .ctx()
                .memory(egui::Memory::focused)
                .and_then(|id| ui.ctx().read_response(id))
                .map(|response| response.rect.center());
            if at.is_some_and(|at| regions_before.sidebar.expand(1.0).contains(at)) {
                ui.ctx()
                    .memory_mut(|memory| memory.move_focus(egui::FocusDirection::Next));
            }
        }
        if to_region == Some(Region::Actions)
            && let Some(id) = super::keyboard::first_of(ui.ctx(), Region::Actions)
        {
            ui.ctx().memory_mut(|memory| memory.request_focus(id));
        }
        let top = egui::Panel::top("top-bar").show(ui, |ui| self.top_bar(ui, &mut actions));
        self.regions.top = top.response.rect;

        if self.lock.is_some() {
            self.locked_ui(ui, actions);
            return;
        }
        if let Some(job) = &self.job {
            egui::CentralPanel::default().show(ui, |ui| job.ui(ui));
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }

        self.notice_changes_on_disk(ui.ctx());
        self.look_for_reminder(ui.ctx());
        let mut bar_choice = None;
        let model = match &mut self.model {
            Ok(model) => model,
            Err(error) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    cannot_open(ui, error);
                });
                return;
            }
        };
        let mut cx = Cx {
            model,
            state: &mut self.state,
            actions: &mut actions,
            settings: &mut self.settings,
            reminders: &self.reminder_host,
        };
        match to_region {
            Some(Region::Sidebar) => {
                if let Some(id) = super::keyboard::first_of(ui.ctx(), Region::Sidebar) {
                    ui.ctx().memory_mut(|memory| memory.request_focus(id));
                }
            }
            // Focus the sidebar's last item, then the next widget: the content's first.
            Some(Region::Content) => {
                self.regions.to_content = true;
                if let Some(id) = super::keyboard::last_of_sidebar(ui.ctx()) {
                    ui.ctx().memory_mut(|memory| {
                        memory.request_focus(id);
                        memory.move_focus(egui::FocusDirection::Next);
                    });
                }
            }
            _ => {}
        }
        let side = egui::Panel::left("sidebar")
            .resizable(true)
            .default_size(250.0)
            .min_size(180.0)
            // A narrow window keeps two thirds of its width for the page.
            .max_size((ui.available_width() / 3.0).max(200.0))
            .show(ui, |ui| sidebar::Sidebar.ui(ui, &mut cx));
        self.regions.sidebar = side.response.rect;
        match self
            .go_to
            .ui(ui.ctx(), cx.model.workbook(), cx.model.journal())
        {
            Some(GoToChoice::Worksheet(id)) => {
                cx.navigate(Screen::Worksheet(id));
                self.views.worksheet.focus_first_field();
            }
            Some(GoToChoice::Screen(screen)) => cx.navigate(screen),
            Some(GoToChoice::Entry { worksheet, entry }) => {
                cx.actions.push(Action::OpenEntry { worksheet, entry });
            }
            None => {}
        }

        let previewing = self.read == Read::TodaysPart;
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(reminder) = self.reminder {
                bar_choice = super::reminders::reminder_bar(ui, reminder);
            }
            let page = ui.max_rect();
            let _ = super::widgets::take_page_foot(ui.ctx());
            match cx.state.screen.clone() {
                screen if previewing && !matches!(screen, Screen::Today | Screen::Help) => {
                    super::opening_page(ui, "Opening your journal…");
                }
                Screen::Today => self.views.today.ui(ui, &mut cx),
                Screen::Overview => self.views.overview.ui(ui, &mut cx),
                Screen::Report => self.views.report.ui(ui, &mut cx),
                Screen::Programmes => programmes::ProgrammesView { id: None }.ui(ui, &mut cx),
                Screen::Share => self.views.share.ui(ui, &mut cx),
                Screen::Group => self.views.group.ui(ui, &mut cx),
                Screen::Register => self.views.register.ui(ui, &mut cx),
                Screen::Programme(id) => {
                    programmes::ProgrammesView { id: Some(id) }.ui(ui, &mut cx);
                }
                Screen::Section(id) => section::SectionView { id }.ui(ui, &mut cx),
                Screen::Worksheet(id) => self.views.worksheet.show(ui, &mut cx, &id),
                Screen::Trash => self.views.trash.ui(ui, &mut cx),
                Screen::Problems => problems::ProblemsView.ui(ui, &mut cx),
                Screen::Settings => self.views.settings.ui(ui, &mut cx),
                Screen::Help => self.views.help.ui(ui, &mut cx),
            }
            // Drawn over the page, after it: a notice never pushes what is there down.
            if let Some(notice) = self.notice.clone()
                && let Some(file) = notice_toast(
                    ui,
                    page,
                    &notice,
                    &mut self.notice,
                    &mut self.notice_clock,
                    cx.model,
                )
            {
                let dialog = super::files::Dialog::save_copy_of(&file);
                self.copy_dialog = Some((file, dialog));
            }
            if self.notice.is_none() {
                self.notice_clock = None;
            }
        });

        if let Some(choice) = bar_choice {
            self.answer_reminder(choice);
        }
        // Navigate first: moving to another screen clears the old notice, not the new one.
        for action in &actions {
            if let Action::Navigate(screen) = action {
                self.navigate(screen.clone());
            }
        }
        for action in actions {
            match action {
                Action::Notify(notice) => self.notice = Some(notice),
                Action::RemindersChanged => self.next_reminder_look = None,
                Action::Present { title, slides } => {
                    self.presentation = Some(Presentation::new(title, slides, self.clock.clone()));
                    ui.ctx()
                        .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                }
                Action::Reload => {
                    self.model = open_model(&self.data_dir);
                    self.views.worksheet.discard();
                }
                Action::Import(path) => {
                    if let Ok(model) = &mut self.model {
                        self.notice = Some(match model.import_archive(&path) {
                            Ok(imported) => Notice::info(format!(
                                "Imported: {} added, {} already there, {} added under a new id.",
                                imported.added, imported.duplicates, imported.renamed
                            )),
                            Err(error) => Notice::error(error.to_string()),
                        });
                    }
                }
                Action::Protection(request) => self.protection(ui.ctx(), request),
                Action::OpenGoTo => {
                    self.go_to.open();
                    // Drawn now, with its field focused, not at the next key or mouse move.
                    ui.ctx().request_repaint();
                }
                Action::OpenEntry { worksheet, entry } => {
                    let screen = Screen::Worksheet(worksheet);
                    self.navigate(screen.clone());
                    // Unless unsaved answers made it ask first: then it stays where it is.
                    if self.state.screen == screen {
                        self.state.tab = Tab::History;
                        self.views.worksheet.show_entry(&entry);
                    }
                }
                Action::Navigate(_) => {}
            }
        }
        self.confirmations(ui.ctx());
        self.finish_copy(ui.ctx());
        self.back_up_when_due(ui.ctx());
    }

    /// Starts today's backup once the journal has been drawn (so the first frame never waits
    /// for it), and says so if it failed.
    fn back_up_when_due(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.backup_due)
            && let Ok(model) = &self.model
        {
            let (backup, failed) = super::daily_backup::DailyBackup::start(model, ctx);
            self.backup = backup;
            if failed.is_some() {
                self.notice = failed;
                ctx.request_repaint();
            }
        }
        if let Some(failed) = self.backup.finished() {
            self.notice = Some(failed);
            // Set after this frame's page was drawn: the next frame shows it, input or not.
            ctx.request_repaint();
        }
    }

    /// Reads the journal again when another window, a command or a sync tool changed it: looked
    /// at when the window gains the focus, and on frames at most every two seconds. A frame
    /// only comes with input, so an idle window does no work and schedules no repaint.
    fn notice_changes_on_disk(&mut self, ctx: &egui::Context) {
        // The whole journal is on its way, read after these files were.
        if self.is_previewing() {
            return;
        }
        let now = self.clock.now();
        let gained = ctx.input(|input| {
            input
                .events
                .iter()
                .any(|event| matches!(event, egui::Event::WindowFocused(true)))
        });
        if !gained && (now - self.disk_checked_at).abs() < DISK_CHECK_SECONDS {
            return;
        }
        self.disk_checked_at = now;
        let Ok(model) = &mut self.model else {
            return;
        };
        match model.reload_if_changed() {
            Ok(false) => {}
            Ok(true) => {
                if let Some((id, base)) = self.views.worksheet.editing() {
                    let changed = model
                        .journal()
                        .get(id)
                        .map(rapport_core::storage::journal::fingerprint)
                        != base;
                    if changed {
                        self.notice = Some(Notice::error(
                            "The entry you are editing was changed in another window or by another program. Your answers are still here, and saving them will be refused so that the other version is not lost: copy what you need, cancel editing and open the entry again.",
                        ));
                    }
                }
            }
            Err(error) => self.notice = Some(Notice::error(error.to_string())),
        }
    }

    /// Copies the notice's file where the user chose, once the dialog closes.
    fn finish_copy(&mut self, ctx: &egui::Context) {
        let Some((file, dialog)) = &self.copy_dialog else {
            return;
        };
        let Some(chosen) = dialog.poll_in(ctx) else {
            return;
        };
        match chosen {
            super::files::Chosen::Path(to) => {
                self.notice = Some(match super::files::copy_to(file, &to) {
                    Ok(message) => Notice::info(message),
                    Err(error) => Notice::error(error),
                });
            }
            super::files::Chosen::Unavailable => {
                self.notice = Some(Notice::saved(
                    format!(
                        "{} The file is at {}",
                        super::files::UNAVAILABLE,
                        file.display()
                    ),
                    file.clone(),
                ));
            }
            super::files::Chosen::Cancelled => {}
        }
        self.copy_dialog = None;
    }

    /// The lock screen, or the crisis screen over it. Nothing of the journal is shown.
    fn locked_ui(&mut self, ui: &mut Ui, mut actions: Vec<Action>) {
        let busy = self.job.as_ref().is_some_and(|job| job.unlocking);
        egui::CentralPanel::default().show(ui, |ui| {
            if self.help_while_locked {
                if let Ok(model) = &mut self.model {
                    let mut cx = Cx {
                        model,
                        state: &mut self.state,
                        actions: &mut actions,
                        settings: &mut self.settings,
                        reminders: &self.reminder_host,
                    };
                    self.views.help.ui(ui, &mut cx);
                }
            } else if let Some(lock) = &mut self.lock
                && let Some(passphrase) = lock.ui(ui, busy)
            {
                self.job = Some(Job::unlock(self.data_dir.clone(), passphrase));
            }
        });
        if busy {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        for action in actions {
            match action {
                Action::Notify(notice) => self.notice = Some(notice),
                Action::Navigate(Screen::Help) => self.help_while_locked = true,
                // Everything else waits until the journal is unlocked.
                _ => {}
            }
        }
    }

    /// Starts a protection request.
    fn protection(&mut self, ctx: &egui::Context, request: ProtectionRequest) {
        let plain = self.data_dir.with_sealing(Sealing::Plain);
        self.job = Some(match request {
            ProtectionRequest::LockNow => {
                self.lock(ctx);
                return;
            }
            ProtectionRequest::TurnOn(passphrase) => Job::turn_on(plain, passphrase),
            ProtectionRequest::TurnOff(passphrase) => Job::turn_off(plain, passphrase),
            ProtectionRequest::Change { current, new } => Job::change(plain, current, new),
        });
    }

    /// Takes the result of a finished protection task.
    fn finish_job(&mut self, ctx: &egui::Context) {
        let Some(outcome) = self.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.job = None;
        self.last_input = self.clock.now();
        // Text fields keep undo copies of what was typed, the passphrase among it.
        ctx.memory_mut(|memory| memory.data.clear());
        let skipped = |converted: &rapport_core::storage::protection::Converted| {
            converted
                .skipped
                .iter()
                .fold(String::new(), |mut text, problem| {
                    let _ = write!(text, " Left as it was: {problem}.");
                    text
                })
        };
        let notice = match outcome {
            Outcome::Unlocked {
                key,
                converted,
                warning,
            } => {
                self.lock = None;
                self.help_while_locked = false;
                self.reopen(key.map_or(Sealing::Plain, Sealing::Sealed));
                self.backup_due = true;
                let skipped = skipped(&converted);
                if let Some(warning) = warning {
                    Some(Notice::error(format!("{warning}{skipped}")))
                } else if skipped.is_empty() {
                    None
                } else {
                    Some(Notice::error(format!(
                        "Some files could not be converted.{skipped}"
                    )))
                }
            }
            Outcome::TurnedOn { key, converted } => {
                self.reopen(Sealing::Sealed(key));
                Some(Notice::info(format!(
                    "Your journal is protected: {} files sealed. Rapport will ask for your passphrase when it starts.{}",
                    converted.files,
                    skipped(&converted)
                )))
            }
            Outcome::TurnedOff { converted } => {
                self.reopen(Sealing::Plain);
                Some(Notice::info(format!(
                    "Protection is off: {} files are plain text again.{}",
                    converted.files,
                    skipped(&converted)
                )))
            }
            Outcome::Changed => Some(Notice::info(
                "Your passphrase is changed. Use the new one from now on.",
            )),
            Outcome::Failed(message) => {
                if let Some(lock) = &mut self.lock {
                    *lock = LockView::default();
                    lock.error = Some(message);
                    None
                } else {
                    Some(Notice::error(message))
                }
            }
        };
        if notice.is_some() {
            self.notice = notice;
        }
        ctx.request_repaint();
    }

    /// Opens the journal again with `sealing`, after unlocking or converting.
    fn reopen(&mut self, sealing: Sealing) {
        self.data_dir = self.data_dir.with_sealing(sealing);
        self.model = open_model(&self.data_dir);
        self.drop_views();
    }

    /// Drops every view's state (forms, caches, lists) made from the journal as it was; a
    /// form's text is wiped as it is dropped.
    fn drop_views(&mut self) {
        self.views = Views::default();
    }

    /// Locks a protected journal: unsaved answers go to a (sealed) draft, then every view and
    /// the entries are dropped, their text wiped, and the key forgotten.
    fn lock(&mut self, ctx: &egui::Context) {
        if !matches!(self.data_dir.sealing(), Sealing::Sealed(_)) || self.lock.is_some() {
            return;
        }
        if let Ok(model) = &self.model
            && let Err(error) = self.views.worksheet.keep_draft_now(model)
        {
            // Locking now would lose what was typed; say why and stay open.
            self.notice = Some(Notice::error(format!(
                "Rapport did not lock, to keep your unsaved answers: {error}"
            )));
            self.last_input = self.clock.now();
            return;
        }
        self.drop_views();
        if let Ok(model) = &mut self.model {
            model.wipe();
        }
        self.data_dir = self.data_dir.with_sealing(Sealing::Plain);
        self.model = Ok(Model::locked(self.data_dir.clone()));
        self.presentation = None;
        self.pending = None;
        self.notice = None;
        // Widget memory (text edit undo history among it) may hold copies of answers.
        ctx.memory_mut(|memory| memory.data.clear());
        self.lock = Some(LockView::default());
        self.help_while_locked = false;
    }

    /// Locks after the chosen idle time; input of any kind counts as use.
    fn lock_when_idle(&mut self, ctx: &egui::Context) {
        let now = self.clock.now();
        let active = ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving());
        if active || self.presentation.is_some() || self.job.is_some() {
            self.last_input = now;
        }
        let Some(minutes) = self.settings.value.lock_after_minutes else {
            return;
        };
        if self.lock.is_some() || !matches!(self.data_dir.sealing(), Sealing::Sealed(_)) {
            return;
        }
        let limit = f64::from(minutes) * 60.0;
        let idle = now - self.last_input;
        if idle >= limit {
            self.lock(ctx);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(limit - idle));
        }
    }

    /// The region F6 moves the focus to, if it was pressed: sidebar, content, action bar, and
    /// round again.
    fn next_region_on_f6(&self, ctx: &egui::Context, regions: Regions) -> Option<Region> {
        if self.lock.is_some() || self.presentation.is_some() {
            return None;
        }
        let pressed = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F6));
        if !pressed {
            return None;
        }
        let focused = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
            .map(|response| response.rect.center());
        Some(match focused.map(|at| regions.of(at)) {
            None | Some(Region::Actions) => Region::Sidebar,
            Some(Region::Sidebar) => Region::Content,
            Some(Region::Content) => Region::Actions,
        })
    }

    fn top_bar(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Rapport").heading().strong());
            // Ctrl+K's box, where it can be seen: found by clicking, learnt from the name.
            if self.lock.is_none()
                && self.job.is_none()
                && ui
                    .button("Go to…  Ctrl+K")
                    .on_hover_text("Open a worksheet or an entry by typing")
                    .clicked()
            {
                actions.push(Action::OpenGoTo);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let help = super::icon::styled(super::icon::HELP, "Get help now", RichText::strong)
                    .fill(ui.visuals().selection.bg_fill);
                let help = super::icon::add(ui, help, "Get help now");
                super::keyboard::remember_first(ui.ctx(), Region::Actions, help.id);
                if help.clicked() {
                    actions.push(Action::Navigate(Screen::Help));
                }
                if self.lock.is_some() {
                    if self.help_while_locked && ui.button("Back to unlock").clicked() {
                        self.help_while_locked = false;
                    }
                    return;
                }
                if self.job.is_some() {
                    return;
                }
                // Settings keeps its place whether or not the journal is protected; Lock comes
                // after it, set apart, so reaching for Settings never locks the journal.
                if super::icon::button(ui, super::icon::SETTINGS, "Settings").clicked() {
                    actions.push(Action::Navigate(Screen::Settings));
                }
                if matches!(self.data_dir.sealing(), Sealing::Sealed(_)) {
                    ui.add_space(24.0);
                    ui.separator();
                    ui.add_space(8.0);
                    if super::icon::button(ui, super::icon::LOCK, "Lock")
                        .on_hover_text("Lock the journal now; it asks for your passphrase again")
                        .clicked()
                    {
                        actions.push(Action::Protection(ProtectionRequest::LockNow));
                    }
                    ui.add_space(8.0);
                }
                let count = self.model.as_ref().map_or(0, |m| m.problems().len());
                if count > 0 {
                    let text = if count == 1 {
                        "1 problem".to_owned()
                    } else {
                        format!("{count} problems")
                    };
                    let warn = ui.visuals().warn_fg_color;
                    let button =
                        super::icon::styled(super::icon::WARNING, &text, |t| t.color(warn));
                    if super::icon::add(ui, button, &text)
                        .on_hover_text("Files that could not be loaded")
                        .clicked()
                    {
                        actions.push(Action::Navigate(Screen::Problems));
                    }
                }
            });
        });
    }

    /// Goes to `screen`, first asking if that would drop unsaved answers.
    fn navigate(&mut self, screen: Screen) {
        let leaving_worksheet = match (&self.state.screen, &screen) {
            (Screen::Worksheet(from), Screen::Worksheet(to)) => from != to,
            (Screen::Worksheet(_), _) => true,
            _ => false,
        };
        // The crisis screen never waits on a question, and never costs the user their answers.
        if leaving_worksheet && self.views.worksheet.has_unsaved() && screen != Screen::Help {
            self.pending = Some(Pending::Leave(screen));
            return;
        }
        self.go(screen);
    }

    fn go(&mut self, screen: Screen) {
        if screen != Screen::Help {
            self.state.alert = None;
        }
        if screen != self.state.screen {
            self.notice = None;
        }
        if let Screen::Worksheet(id) = &screen {
            self.state.last_worksheet = Some(id.clone());
        }
        if let Screen::Worksheet(id) = &screen
            && self.views.worksheet.form_worksheet() != Some(id.as_str())
        {
            self.views.worksheet.discard();
            self.state.tab = Tab::Fill;
        }
        self.state.screen = screen;
    }

    /// Asks before quitting with unsaved answers.
    fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quitting
            && self.views.worksheet.has_unsaved()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
    }

    fn confirmations(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
            ui.set_max_width(440.0_f32.min(ctx.content_rect().width() - 40.0).max(200.0));
            ui.heading("Unsaved answers");
            ui.add_space(6.0);
            ui.label("You have answers on this worksheet that are not saved yet. Save them now, or they will be lost when you leave.");
            ui.add_space(10.0);
            ui.horizontal_wrapped(|ui| {
                let (save, discard) = match pending {
                    Pending::Leave(_) => ("Save and leave", "Leave without saving"),
                    Pending::Quit => ("Save and quit", "Quit without saving"),
                };
                let save = ui.button(RichText::new(save).strong());
                if save.clicked() {
                    answer = Some(Choice::Save);
                }
                if ui.button("Keep editing").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    answer = Some(Choice::Keep);
                }
                if ui.button(discard).clicked() {
                    answer = Some(Choice::Discard);
                }
            });
        });
        match answer {
            Some(Choice::Save) => {
                self.pending = None;
                let Ok(model) = &mut self.model else {
                    return;
                };
                let title = self
                    .views
                    .worksheet
                    .form_worksheet()
                    .and_then(|id| model.workbook().get(id))
                    .map(|worksheet| worksheet.title.clone());
                let mut actions = Vec::new();
                let mut cx = Cx {
                    model,
                    state: &mut self.state,
                    actions: &mut actions,
                    settings: &mut self.settings,
                    reminders: &self.reminder_host,
                };
                // If it cannot be saved, the person stays with their answers and the reason.
                if !self.views.worksheet.save_now(&mut cx) {
                    return;
                }
                // Answers that call for the crisis screen go there instead (see `save`).
                let crisis = actions
                    .iter()
                    .any(|action| matches!(action, Action::Navigate(Screen::Help)));
                if !crisis {
                    self.views.worksheet.discard();
                    self.state.tab = Tab::Fill;
                    match pending {
                        Pending::Leave(screen) => self.go(screen),
                        Pending::Quit => {
                            self.quitting = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    }
                }
                for action in actions {
                    match action {
                        Action::Navigate(screen) => self.go(screen),
                        Action::Notify(mut notice) => {
                            // Said on another screen: name the worksheet whose History it is.
                            if !crisis && let Some(title) = &title {
                                notice.text = notice.text.replacen(
                                    "Your entry is at the top of History.",
                                    &format!("Your {title} entry is at the top of its History."),
                                    1,
                                );
                            }
                            self.notice = Some(notice);
                        }
                        _ => {}
                    }
                }
            }
            Some(Choice::Discard) => {
                self.pending = None;
                // The user chose to let these answers go: their safety copy goes too.
                if let Some(id) = self.views.worksheet.form_worksheet() {
                    rapport_core::storage::draft::remove(&self.data_dir, id);
                }
                self.views.worksheet.discard();
                match pending {
                    Pending::Leave(screen) => self.go(screen),
                    Pending::Quit => {
                        self.quitting = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
            Some(Choice::Keep) => self.pending = None,
            None => {}
        }
    }

    /// Shows a due reminder, looking only when the schedule could have changed its answer, and
    /// asks egui to wake the app then: no polling, no repaint while nothing changes.
    fn look_for_reminder(&mut self, ctx: &egui::Context) {
        let now = (self.reminder_host.clock)();
        if self
            .next_reminder_look
            .is_some_and(|next| now.timestamp() < next)
        {
            return;
        }
        let data_dir = self.data_dir.clone();
        let mut shown = None;
        // Showing in the app cannot fail; the record keeps the timer from showing it again.
        let _ = reminders::show_due::<std::convert::Infallible>(&data_dir, &now, |reminder| {
            shown = Some(reminder);
            Ok(())
        });
        if shown.is_some() {
            self.reminder = shown;
        }
        let next = reminders::next_look(&data_dir, &now);
        self.next_reminder_look = Some(
            next.as_ref()
                .map_or(jiff::Timestamp::MAX, jiff::ZonedDateTime::timestamp),
        );
        if let Some(next) = next {
            let wait = now.timestamp().duration_until(next.timestamp());
            if let Ok(wait) = std::time::Duration::try_from(wait) {
                ctx.request_repaint_after(wait);
            }
        }
    }

    /// Carries out the person's answer to the reminder bar.
    fn answer_reminder(&mut self, choice: super::reminders::BarChoice) {
        use super::reminders::BarChoice;
        self.reminder = None;
        match choice {
            BarChoice::NotNow => {}
            BarChoice::Open => {
                let screen = super::reminders::destination(&self.settings.value.reminders);
                self.navigate(screen);
            }
            BarChoice::TurnOff => {
                let today = (self.reminder_host.clock)().date();
                let result =
                    reminders::turn_off(&self.data_dir, self.reminder_host.entries.as_ref(), today);
                self.settings = rapport_core::storage::settings::load(&self.data_dir);
                self.next_reminder_look = None;
                self.notice = Some(match result {
                    Ok(changed) => Notice::info(changed.message),
                    Err(error) => Notice::error(error.to_string()),
                });
            }
        }
    }

    /// Applies the theme and zoom when they change (from Settings, or Ctrl+/−).
    fn apply_appearance(&mut self, ctx: &egui::Context) {
        let zoom = ctx.zoom_factor();
        if let Some((_, applied_zoom)) = self.applied
            && (zoom - applied_zoom).abs() > f32::EPSILON
        {
            // egui changed the zoom itself (Ctrl + / Ctrl −): remember it.
            self.state.zoom = zoom;
        }
        let wanted = (self.state.theme, self.state.zoom.clamp(0.5, 3.0));
        if self.applied != Some(wanted) {
            ctx.set_theme(egui::ThemePreference::from(wanted.0));
            ctx.set_zoom_factor(wanted.1);
            self.applied = Some(wanted);
        }
        if ctx.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0))
        }) {
            self.state.zoom = 1.0;
        }
    }
}

/// The notice, floating over the foot of the page so the page never moves for it. Returns a
/// saved file the user wants to copy elsewhere.
fn notice_toast(
    ui: &Ui,
    page: egui::Rect,
    notice: &Notice,
    slot: &mut Option<Notice>,
    clock: &mut Option<(Notice, f64)>,
    model: &mut Model,
) -> Option<std::path::PathBuf> {
    let id = egui::Id::unique("notice");
    let hovered = ui
        .ctx()
        .memory(|memory| memory.area_rect(id))
        .zip(ui.ctx().pointer_hover_pos())
        .is_some_and(|(rect, pointer)| rect.contains(pointer));
    if fade_when_read(ui.ctx(), hovered, notice, clock) {
        *slot = None;
        return None;
    }
    let mut copy = None;
    let width = (page.width() - 32.0).clamp(120.0, 560.0);
    // Above the page's own bar at its foot (a worksheet's Save), never over its buttons.
    let foot = super::widgets::take_page_foot(ui.ctx()).map_or(page.bottom(), |top| {
        top.clamp(page.top() + 80.0, page.bottom())
    });
    let bottom = egui::pos2(page.center().x, foot - 12.0);
    // Above the page, below a dialog's backdrop (dialogs are foreground), so a question asked
    // is never covered by the notice of what came before it.
    egui::Area::new(id)
        .order(egui::Order::Middle)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(bottom)
        .constrain_to(page)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                ui.horizontal_wrapped(|ui| {
                    if notice.is_error {
                        ui.colored_label(ui.visuals().error_fg_color, &notice.text);
                    } else {
                        ui.label(&notice.text);
                    }
                    if let Some(id) = &notice.undo_delete
                        && ui.button("Undo").clicked()
                    {
                        *slot = Some(match model.restore(id) {
                            Ok(()) => Notice::info("The entry is back."),
                            Err(error) => Notice::error(error.to_string()),
                        });
                        return;
                    }
                    if let Some(file) = &notice.file {
                        if ui.button("Show in folder").clicked()
                            && let Some(folder) = file.parent()
                            && let Err(error) = open::that_detached(folder)
                        {
                            *slot = Some(Notice::error(format!(
                                "The folder could not be opened: {error}. Path: {}",
                                folder.display()
                            )));
                            return;
                        }
                        if ui.button("Save a copy elsewhere…").clicked() {
                            copy = Some(file.clone());
                        }
                    }
                    if ui.small_button("Dismiss").clicked() {
                        *slot = None;
                    }
                });
            });
        });
    copy
}

/// How long a plain notice ("Saved.") stays before it goes by itself.
const NOTICE_SECONDS: f64 = 8.0;

/// Lets a plain notice go [`NOTICE_SECONDS`] after it appeared (`clock` holds it and when),
/// counted again while the pointer rests on it; returns whether it has gone. An error, and a
/// notice with something to do (Undo, a saved file), stay until dismissed.
fn fade_when_read(
    ctx: &egui::Context,
    hovered: bool,
    shown: &Notice,
    clock: &mut Option<(Notice, f64)>,
) -> bool {
    if shown.is_error || shown.undo_delete.is_some() || shown.file.is_some() {
        return false;
    }
    let now = ctx.input(|input| input.time);
    if hovered || clock.as_ref().is_none_or(|(timed, _)| timed != shown) {
        *clock = Some((shown.clone(), now));
    }
    let since = clock.as_ref().map_or(now, |(_, since)| *since);
    let left = NOTICE_SECONDS - (now - since);
    if left <= 0.0 {
        *clock = None;
        return true;
    }
    ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
    false
}

/// Opens the journal; a failure is described with what to check.
/// The journal opened, or found protected and left locked: the slow part of starting, which may
/// run on another thread while the window is being created. Today's backup is made later, on a
/// thread of its own (see `daily_backup`), once Today is on screen.
pub struct Opened {
    model: Result<Model, String>,
    locked: bool,
    /// The fonts the journal's text needs, found (and read from the system) here too.
    fonts: super::theme::Fonts,
}

impl Opened {
    /// Reads only what Today shows of `data_dir`'s journal as of `now` (see
    /// [`Model::open_for_today`]), to show while the whole is read; `None` if it is protected
    /// (nothing is read before it is unlocked) or could not be read.
    #[must_use]
    pub fn for_today(data_dir: &DataDir, now: rapport_core::time::LocalTime) -> Option<Self> {
        if !matches!(
            rapport_core::storage::protection::Protection::read(data_dir),
            Ok(None)
        ) {
            return None;
        }
        let model = Model::open_for_today(data_dir.clone(), now).ok()?;
        let fonts = super::theme::Fonts::for_journal(model.journal());
        Some(Self {
            model: Ok(model),
            locked: false,
            fonts,
        })
    }

    /// Whether the journal was found protected (and left locked).
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Opens `data_dir`'s journal (nothing of it is read if it is protected).
    #[must_use]
    pub fn open(data_dir: &DataDir) -> Self {
        let (model, locked) = match rapport_core::storage::protection::Protection::read(data_dir) {
            Ok(None) => (open_model(data_dir), false),
            Ok(Some(_)) => (Ok(Model::locked(data_dir.clone())), true),
            Err(error) => (Err(error.to_string()), false),
        };
        let fonts = match &model {
            Ok(model) => super::theme::Fonts::for_journal(model.journal()),
            Err(_) => super::theme::Fonts::default(),
        };
        Self {
            model,
            locked,
            fonts,
        }
    }
}

fn open_model(data_dir: &DataDir) -> Result<Model, String> {
    Model::open(data_dir.clone()).map_err(|error| {
        format!(
            "{error}\n\nNothing was changed. Check that the folder {} exists and that you may read it, then start Rapport again.",
            data_dir.journal().display()
        )
    })
}

fn cannot_open(ui: &mut Ui, error: &str) {
    ui.heading("Your journal could not be opened");
    ui.add_space(8.0);
    ui.label(error);
}
