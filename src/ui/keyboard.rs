//! Quick ways around by keyboard: F6 moves the focus between the sidebar, the content and the
//! action bar; Ctrl+K opens "Go to…", which opens any of the app's screens or worksheets by
//! typing part of its name, or any entry by typing something written in it.

use egui::{Context, Id, Key, KeyboardShortcut, Modifiers, Pos2, Rect};

use rapport_core::content::workbook::Workbook;
use rapport_core::insight::search::{self, EntryIndex};
use rapport_core::storage::journal::Journal;

use super::vocabulary::Screen;

/// A part of the window that F6 moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// The list of screens and worksheets on the left.
    Sidebar,
    /// The screen on show.
    Content,
    /// The bar at the top: Get help now, Settings, Lock.
    Actions,
}

/// Where the top bar and the sidebar were drawn; everything else is content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Regions {
    /// The top bar.
    pub top: Rect,
    /// The sidebar.
    pub sidebar: Rect,
    /// F6 moved the focus towards the content last frame.
    pub to_content: bool,
}

impl Default for Regions {
    fn default() -> Self {
        Self {
            top: Rect::NOTHING,
            sidebar: Rect::NOTHING,
            to_content: false,
        }
    }
}

impl Regions {
    /// The region a point lies in.
    #[must_use]
    pub fn of(&self, at: Pos2) -> Region {
        if self.top.contains(at) {
            Region::Actions
        } else if self.sidebar.contains(at) {
            Region::Sidebar
        } else {
            Region::Content
        }
    }
}

fn key(region: Region) -> Id {
    Id::unique(("rapport-first-focus", region as u8))
}

/// Remembers `id` as the widget F6 focuses in `region`.
pub fn remember_first(ctx: &Context, region: Region, id: Id) {
    ctx.data_mut(|data| data.insert_temp(key(region), id));
}

/// The widget F6 focuses in `region`, as remembered.
#[must_use]
pub fn first_of(ctx: &Context, region: Region) -> Option<Id> {
    ctx.data(|data| data.get_temp(key(region)))
}

/// Remembers the sidebar's last widget: the content's first comes after it.
pub fn remember_last_of_sidebar(ctx: &Context, id: Id) {
    ctx.data_mut(|data| data.insert_temp(Id::unique("rapport-sidebar-last"), id));
}

/// The sidebar's last widget, as remembered.
#[must_use]
pub fn last_of_sidebar(ctx: &Context) -> Option<Id> {
    ctx.data(|data| data.get_temp(Id::unique("rapport-sidebar-last")))
}

/// The "Go to…" box: open while `query` is `Some`.
#[derive(Default)]
pub struct GoTo {
    query: Option<String>,
    /// Every entry, newest first, indexed for search, as of a journal revision: built when the
    /// box opens, not at every key.
    entries: Option<(u64, EntryIndex)>,
}

/// What was chosen in the "Go to…" box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoToChoice {
    /// A worksheet, by id.
    Worksheet(String),
    /// One of the app's own screens, such as Settings or Trash.
    Screen(Screen),
    /// An entry, to read in its worksheet's History.
    Entry {
        /// The worksheet it answers.
        worksheet: String,
        /// The entry's id.
        entry: String,
    },
}

/// The app's own screens, by the names the sidebar and the top bar give them, with other words
/// a person might type for them.
const SCREENS: &[(&str, &str, Screen)] = &[
    ("Today", "home start", Screen::Today),
    ("Progress overview", "charts", Screen::Overview),
    (
        "Summary for my appointment",
        "report doctor pdf",
        Screen::Report,
    ),
    ("Programmes", "course sessions", Screen::Programmes),
    ("Share with my facilitator", "", Screen::Share),
    ("Group progress (facilitators)", "", Screen::Group),
    (
        "Group register (facilitators)",
        "attendance",
        Screen::Register,
    ),
    ("Trash", "deleted bin", Screen::Trash),
    (
        "Settings",
        "theme text size passphrase reminders backup export import",
        Screen::Settings,
    ),
    ("Get help now", "crisis emergency safety", Screen::Help),
];

/// How many entries the box lists: enough to pick from, few enough to read.
const ENTRIES_LISTED: usize = 8;

impl GoTo {
    /// Opens the box, empty (the top bar's "Go to…" button).
    pub fn open(&mut self) {
        self.query = Some(String::new());
    }

    /// Opens on Ctrl+K, and while open shows the worksheets whose titles contain what was
    /// typed, then the newest entries that have it in their answers. Returns what was chosen
    /// (Enter takes the first match).
    pub fn ui(
        &mut self,
        ctx: &Context,
        workbook: &Workbook,
        journal: &Journal,
    ) -> Option<GoToChoice> {
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::K)))
        {
            self.open();
        }
        let query = self.query.as_mut()?;
        if self
            .entries
            .as_ref()
            .is_none_or(|(revision, _)| *revision != journal.revision())
        {
            let mut newest_first: Vec<_> = journal.entries().collect();
            newest_first.sort_by_key(|entry| std::cmp::Reverse(&entry.created));
            self.entries = Some((journal.revision(), EntryIndex::new(newest_first)));
        }
        let index = self.entries.as_ref().map(|(_, index)| index);
        let mut chosen = None;
        let mut close = false;
        egui::Modal::new(Id::unique("go-to")).show(ctx, |ui| {
            ui.set_max_width(460.0_f32.min(ctx.content_rect().width() - 40.0).max(200.0));
            let label = ui.label(
                "Go to a screen, a worksheet or an entry: type part of its name, or something you wrote",
            );
            let field = ui.add(
                egui::TextEdit::singleline(query)
                    .hint_text("e.g. grief, PHQ-9, sister")
                    .desired_width(f32::INFINITY),
            );
            let field = field.labelled_by(label.id);
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            let needle = search::normalise(query);
            let screens: Vec<&(&str, &str, Screen)> = SCREENS
                .iter()
                .filter(|(title, words, _)| {
                    !needle.is_empty()
                        && (title.to_lowercase().contains(&needle) || words.contains(&needle))
                })
                .collect();
            let worksheets: Vec<_> = workbook
                .worksheets()
                .filter(|w| w.title.to_lowercase().contains(&needle))
                .take(12)
                .collect();
            // Entries only once something is typed: every entry matches an empty query.
            let found = match index {
                Some(index) if !needle.is_empty() => index.search(&needle),
                _ => Vec::new(),
            };
            let matching = found.len();
            let entries: Vec<_> = index
                .into_iter()
                .flat_map(|index| {
                    found
                        .iter()
                        .filter_map(|&position| journal.get(index.id(position)?))
                })
                .take(ENTRIES_LISTED)
                .collect();
            ui.add_space(6.0);
            // The results scroll inside the box, so a low window never cuts them off.
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() - 170.0).max(90.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    if screens.is_empty() && worksheets.is_empty() && entries.is_empty() {
                        ui.label("No worksheet or entry has that in it.");
                    }
                    for (title, _, screen) in &screens {
                        if ui.selectable_label(false, *title).clicked() {
                            chosen = Some(GoToChoice::Screen(screen.clone()));
                        }
                    }
                    for worksheet in &worksheets {
                        if ui.selectable_label(false, &worksheet.title).clicked() {
                            chosen = Some(GoToChoice::Worksheet(worksheet.id.clone()));
                        }
                    }
                    if !entries.is_empty() {
                        ui.add_space(6.0);
                        // Says when there are more than are listed, and where they all are.
                        let heading = if matching > entries.len() {
                            format!(
                                "Entries: the newest {} of {matching}. Type more words to find fewer.",
                                entries.len()
                            )
                        } else {
                            "Entries".to_owned()
                        };
                        ui.label(egui::RichText::new(heading).strong());
                    }
                    for entry in &entries {
                        let title = workbook
                            .get(&entry.worksheet)
                            .map_or(entry.worksheet.as_str(), |w| w.title.as_str());
                        let mut text = format!("{title}, {}", entry.created.human());
                        if let Some(words) = search::snippet(entry, &needle, 30) {
                            text.push_str(": ");
                            text.push_str(&words);
                        }
                        if ui.selectable_label(false, text).clicked() {
                            chosen = Some(GoToChoice::Entry {
                                worksheet: entry.worksheet.clone(),
                                entry: entry.id.clone(),
                            });
                        }
                    }
                });
            if ui.input(|i| i.key_pressed(Key::Enter)) {
                chosen = screens
                    .first()
                    .map(|(_, _, screen)| GoToChoice::Screen(screen.clone()))
                    .or_else(|| {
                        worksheets
                            .first()
                            .map(|w| GoToChoice::Worksheet(w.id.clone()))
                    })
                    .or_else(|| {
                        entries.first().map(|entry| GoToChoice::Entry {
                            worksheet: entry.worksheet.clone(),
                            entry: entry.id.clone(),
                        })
                    });
            }
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                close = true;
            }
        });
        if chosen.is_some() || close {
            self.query = None;
        }
        chosen
    }
}

/// Scrolls the widget that just gained the keyboard focus into view, if it lies in this
/// scroll area: call at the end of a `ScrollArea`'s contents, so that Tab never moves the focus
/// to a widget out of sight.
pub fn keep_focus_in_view(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    if !response.gained_focus() || !ui.min_rect().intersects(response.rect) {
        return;
    }
    if !ui.clip_rect().contains_rect(response.rect) {
        ui.scroll_to_rect(response.rect.expand(8.0), None);
    }
}
