//! Presentation mode: the room's window shows one slide at a time, full screen, in large text
//! fitted to the screen; a separate presenter window (a second egui viewport, for the
//! facilitator's own screen) shows the current slide small, what comes next, the notes, the
//! timers and the controls. With one screen, "Notes on this screen" (N) shows the presenter's
//! view in the one window, under a warning that the room can see it.
//!
//! Right, Space or Page Down move on; Left or Page Up go back; Esc leaves, from either window.
//! N switches between the presenter window and notes on this screen; T hides or shows the
//! room's timer; + and − change the size.
//!
//! What each window shows is drawn by [`Presentation::room_ui`] and
//! [`Presentation::presenter_ui`], which take a plain `Ui`, so they are tested without a second
//! real window; [`Presentation::ui`] is the thin layer that opens the viewport.

use std::ops::Range;
use std::rc::Rc;

use egui::{Align, Color32, FontId, Key, Layout, RichText, Ui, Vec2, ViewportBuilder, ViewportId};

use rapport_core::facilitator::slides::Slide;

/// A source of time in seconds, so the timer can be tested without waiting.
pub trait Clock {
    /// Seconds since some fixed moment.
    fn now(&self) -> f64;
}

/// The real clock.
pub struct SystemClock(std::time::Instant);

impl Default for SystemClock {
    fn default() -> Self {
        Self(std::time::Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}

/// The default size of presentation text relative to normal, readable from the back of a room.
pub const DEFAULT_ZOOM: f32 = 1.75;

/// The smallest the room's text shrinks to before a slide goes on over a second page (body
/// text of about 17 points).
pub const SMALLEST_ZOOM: f32 = 0.9;

/// The presenter window's warning when its view is on the only screen.
pub const NOTES_HERE_WARNING: &str =
    "Notes on this screen: the room can see these notes if this screen is shown.";

/// A presentation in progress.
pub struct Presentation {
    title: String,
    slides: Vec<Slide>,
    index: usize,
    /// Size relative to normal text.
    pub zoom: f32,
    /// The presenter's view is in the room's window (one screen), not a window of its own.
    notes_here: bool,
    timer_hidden: bool,
    /// When the current timed slide was first shown.
    started: Option<f64>,
    /// When the presentation began.
    began: f64,
    /// The page of the current slide on show, when it needs more than one.
    page: usize,
    /// The blocks (paragraphs and bullets) of each page of the current slide, as the room's
    /// window last fitted them.
    pages: Vec<Range<usize>>,
    clock: Rc<dyn Clock>,
}

/// What the presentation asks of the shell after a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentationAction {
    /// Keep presenting.
    Stay,
    /// Leave presentation mode.
    Leave,
    /// Leave and open the crisis information.
    Help,
}

impl PresentationAction {
    /// This, unless it is `Stay`; then `other`.
    fn or(self, other: Self) -> Self {
        if self == Self::Stay { other } else { self }
    }
}

/// The sizes of a slide's text at zoom 1, in points.
const KICKER: f32 = 14.0;
const HEADING: f32 = 30.0;
const BODY: f32 = 19.0;

impl Presentation {
    /// A presentation of `slides`, timed by `clock`.
    #[must_use]
    pub fn new(title: impl Into<String>, slides: Vec<Slide>, clock: Rc<dyn Clock>) -> Self {
        let began = clock.now();
        let mut presentation = Self {
            title: title.into(),
            slides,
            index: 0,
            zoom: DEFAULT_ZOOM,
            notes_here: false,
            timer_hidden: false,
            started: None,
            began,
            page: 0,
            pages: Vec::new(),
            clock,
        };
        presentation.start_timer();
        presentation
    }

    /// The slide on show.
    #[must_use]
    pub fn current(&self) -> Option<&Slide> {
        self.slides.get(self.index)
    }

    /// The slide number on show, counting from 1.
    #[must_use]
    pub fn position(&self) -> (usize, usize) {
        (self.index + 1, self.slides.len())
    }

    /// The page of the current slide on show and how many it has, counting from 1.
    #[must_use]
    pub fn page(&self) -> (usize, usize) {
        (self.page + 1, self.pages.len().max(1))
    }

    /// Whether the presenter's view is in the room's window, for a single screen.
    #[must_use]
    pub fn notes_here(&self) -> bool {
        self.notes_here
    }

    /// Seconds left on the current timed slide (negative once over), if it is timed.
    #[must_use]
    pub fn remaining(&self) -> Option<f64> {
        let minutes = self.current()?.minutes?;
        let started = self.started?;
        Some(f64::from(minutes) * 60.0 - (self.clock.now() - started))
    }

    fn start_timer(&mut self) {
        self.started = self
            .current()
            .and_then(|slide| slide.minutes)
            .map(|_| self.clock.now());
    }

    fn go(&mut self, index: usize) {
        if index < self.slides.len() && index != self.index {
            self.index = index;
            self.page = 0;
            self.pages.clear();
            self.start_timer();
        }
    }

    /// On to the next page of this slide, or the next slide.
    pub fn forward(&mut self) {
        if self.page + 1 < self.pages.len() {
            self.page += 1;
        } else {
            self.go(self.index + 1);
        }
    }

    /// Back a page of this slide, or to the previous slide.
    pub fn back(&mut self) {
        if self.page > 0 {
            self.page -= 1;
        } else if self.index > 0 {
            self.go(self.index - 1);
        }
    }

    /// Handles the keys pressed in the window of `ui`.
    fn keys(&mut self, ui: &Ui) -> PresentationAction {
        let (next, back, leave, notes, timer, bigger, smaller) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowRight)
                    || i.key_pressed(Key::Space)
                    || i.key_pressed(Key::PageDown),
                i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp),
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::N),
                i.key_pressed(Key::T),
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
            )
        });
        if leave {
            return PresentationAction::Leave;
        }
        if next {
            self.forward();
        }
        if back {
            self.back();
        }
        if notes {
            self.notes_here = !self.notes_here;
        }
        if timer {
            self.timer_hidden = !self.timer_hidden;
        }
        if bigger {
            self.zoom = (self.zoom + 0.25).min(4.0);
        }
        if smaller {
            self.zoom = (self.zoom - 0.25).max(1.0);
        }
        PresentationAction::Stay
    }

    /// Draws the presentation and handles its keys: the room's window, and the presenter's
    /// window beside it where the platform has more than one window; keys work in both.
    pub fn ui(&mut self, ui: &mut Ui) -> PresentationAction {
        let mut action = self.keys(ui);
        // Keep the clocks moving on screen, gently: twice a second is plenty.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        let ctx = ui.ctx().clone();
        let separate = !ctx.embed_viewports();
        if separate && !self.notes_here {
            let builder = ViewportBuilder::default()
                .with_title("Rapport presenter")
                .with_inner_size([1000.0, 700.0]);
            let id = ViewportId::from_hash_of("rapport-presenter");
            let from_presenter = ctx.show_viewport_immediate(id, builder, |ui, _class| {
                if ui.input(|i| i.viewport().close_requested()) {
                    return PresentationAction::Leave;
                }
                self.presenter_ui(ui)
            });
            action = action.or(from_presenter);
            // The room's window: the slide and nothing else.
            egui::CentralPanel::default().show(ui, |ui| self.room_ui(ui));
            return action;
        }
        egui::Panel::bottom("presentation-controls").show(ui, |ui| {
            action = action.or(self.controls(ui, separate));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            if self.notes_here {
                Self::notes_here_banner(ui);
                self.presenter_content(ui);
            } else {
                self.room_ui(ui);
            }
        });
        action
    }

    /// The warning over the presenter's view when it is on the room's screen.
    fn notes_here_banner(ui: &mut Ui) {
        let visuals = ui.visuals().clone();
        egui::Frame::new()
            .fill(visuals.warn_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, visuals.warn_fg_color))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(NOTES_HERE_WARNING)
                        .strong()
                        .color(visuals.strong_text_color()),
                );
            });
        ui.add_space(8.0);
    }

    /// The row of controls in the one window: where the slide is, and buttons for each key.
    fn controls(&mut self, ui: &mut Ui, separate: bool) -> PresentationAction {
        let mut action = PresentationAction::Stay;
        ui.horizontal(|ui| {
            let (at, of) = self.position();
            ui.label(RichText::new(format!("{} · {at} of {of}", self.title)).weak());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button("Get help now").clicked() {
                    action = PresentationAction::Help;
                }
                if ui.button("Leave (Esc)").clicked() {
                    action = PresentationAction::Leave;
                }
                if ui.button("Next →").clicked() {
                    self.forward();
                }
                if ui.button("← Back").clicked() {
                    self.back();
                }
                let notes_label = match (self.notes_here, separate) {
                    (true, true) => "Presenter window (N)",
                    (true, false) => "Room view (N)",
                    (false, _) => "Notes on this screen (N)",
                };
                if ui.button(notes_label).clicked() {
                    self.notes_here = !self.notes_here;
                }
                let timer_label = if self.timer_hidden {
                    "Show timer (T)"
                } else {
                    "Hide timer (T)"
                };
                if ui.button(timer_label).clicked() {
                    self.timer_hidden = !self.timer_hidden;
                }
            });
        });
        action
    }

    /// What the room sees: the slide alone, in the largest text that fits the space, up to the
    /// chosen size; below [`SMALLEST_ZOOM`] it goes on over more pages instead. Never the notes.
    pub fn room_ui(&mut self, ui: &mut Ui) {
        let Some(slide) = self.current().cloned() else {
            ui.label("There is nothing to present.");
            return;
        };
        let size = ui.available_size();
        let blocks = blocks(&slide);
        let all = 0..blocks.len();
        let mut zoom = shrink_to_fit(
            ui,
            &slide,
            &blocks,
            all.clone(),
            size,
            self.zoom,
            SMALLEST_ZOOM,
        );
        self.pages = if fits(ui, &slide, &blocks, all.clone(), size, zoom) {
            vec![all]
        } else {
            zoom = SMALLEST_ZOOM;
            paginate(ui, &slide, &blocks, size, zoom)
        };
        self.page = self.page.min(self.pages.len().saturating_sub(1));
        let range = self.pages.get(self.page).cloned().unwrap_or_default();
        let timer = (!self.timer_hidden)
            .then(|| self.timer_text())
            .flatten()
            .map(|text| (text, self.remaining().is_some_and(|left| left <= 60.0)));
        draw(ui, &slide, &blocks[range], self.page > 0, zoom, timer);
    }

    /// What the presenter sees, in a window of its own: handles that window's keys, then shows
    /// the current slide small, the next slide, the notes, the timers and the controls.
    pub fn presenter_ui(&mut self, ui: &mut Ui) -> PresentationAction {
        let action = self.keys(ui);
        let mut from_buttons = PresentationAction::Stay;
        egui::CentralPanel::default().show(ui, |ui| {
            from_buttons = self.presenter_content(ui);
        });
        action.or(from_buttons)
    }

    /// The presenter's view: controls and timers, the slide on show beside the next one, and
    /// the notes.
    fn presenter_content(&mut self, ui: &mut Ui) -> PresentationAction {
        let mut action = PresentationAction::Stay;
        let (at, of) = self.position();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} · slide {at} of {of}", self.title)).strong());
            let (page, pages) = self.page();
            if pages > 1 {
                ui.label(format!("page {page} of {pages}"));
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("← Previous").clicked() {
                self.back();
            }
            if ui.button("Next →").clicked() {
                self.forward();
            }
            if ui.button("End (Esc)").clicked() {
                action = PresentationAction::Leave;
            }
            let notes_label = if self.notes_here {
                "Notes in a window of their own (N)"
            } else {
                "Notes on this screen (N)"
            };
            if ui.button(notes_label).clicked() {
                self.notes_here = !self.notes_here;
            }
            if ui.button("Get help now").clicked() {
                action = PresentationAction::Help;
            }
        });
        ui.horizontal_wrapped(|ui| {
            let elapsed = (self.clock.now() - self.began).max(0.0);
            ui.label(RichText::new(format!("Elapsed {}", clock_text(elapsed))).size(18.0));
            if let Some(text) = self.timer_text() {
                ui.add_space(16.0);
                ui.label(
                    RichText::new(text)
                        .size(18.0)
                        .color(ui.visuals().warn_fg_color),
                );
            }
        });
        ui.separator();
        let Some(slide) = self.current().cloned() else {
            ui.label("There is nothing to present.");
            return action;
        };
        let blocks = blocks(&slide);
        let range = self
            .pages
            .get(self.page)
            .cloned()
            .unwrap_or(0..blocks.len());
        let width = ui.available_width();
        let preview = Vec2::new(
            (width * 0.55).clamp(200.0, 560.0),
            (width * 0.55).clamp(200.0, 560.0) * 9.0 / 16.0,
        );
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new("On the screen now").weak());
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_min_size(preview);
                    ui.set_max_size(preview);
                    let zoom = shrink_to_fit(ui, &slide, &blocks, range.clone(), preview, 0.6, 0.2);
                    draw(
                        ui,
                        &slide,
                        &blocks[range.clone()],
                        self.page > 0,
                        zoom,
                        None,
                    );
                });
            });
            ui.vertical(|ui| {
                ui.label(RichText::new("Next").weak());
                match self.slides.get(self.index + 1) {
                    Some(next) => {
                        ui.label(RichText::new(format!("Next: {}", next.heading)).size(18.0));
                        ui.label(RichText::new(&next.kicker).weak());
                    }
                    None => {
                        ui.label("This is the last slide.");
                    }
                }
            });
        });
        ui.separator();
        ui.label(RichText::new(format!("Notes: {}", slide.heading)).strong());
        egui::ScrollArea::vertical()
            .id_salt(("presenter-notes", self.index))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if slide.notes.trim().is_empty() {
                    ui.label(RichText::new("No notes for this slide.").weak());
                } else {
                    for paragraph in slide.notes.split("\n\n").filter(|p| !p.trim().is_empty()) {
                        ui.label(RichText::new(paragraph.trim()).size(16.0));
                        ui.add_space(6.0);
                    }
                }
            });
        action
    }

    /// Time left on a timed item; past the end, a calm note rather than an alarm.
    fn timer_text(&self) -> Option<String> {
        let remaining = self.remaining()?;
        Some(if remaining > 0.0 {
            format!("{} left", clock_text(remaining.ceil()))
        } else {
            "Time to draw this part to a close".to_owned()
        })
    }
}

/// Seconds as minutes and seconds, "4:05".
fn clock_text(seconds: f64) -> String {
    // Whole seconds of a session: far inside u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = seconds.max(0.0) as u64;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The paragraphs and bullets of a slide, in order, as they are drawn.
fn blocks(slide: &Slide) -> Vec<String> {
    slide
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .chain(slide.bullets.iter().map(|bullet| format!("•  {bullet}")))
        .collect()
}

/// The heading of a slide's page: continued pages say so.
fn heading(slide: &Slide, continued: bool) -> String {
    if continued {
        format!("{} (continued)", slide.heading)
    } else {
        slide.heading.clone()
    }
}

/// The margins around a slide at `zoom`: left and right, top and bottom.
fn margins(zoom: f32) -> Vec2 {
    Vec2::new(32.0 * zoom, 20.0 * zoom)
}

/// The height `text` takes at `size` points when wrapped at `width`.
fn text_height(ui: &Ui, text: &str, size: f32, width: f32) -> f32 {
    ui.fonts_mut(|fonts| {
        fonts
            .layout(
                text.to_owned(),
                FontId::proportional(size),
                Color32::WHITE,
                width,
            )
            .size()
            .y
    })
}

/// The height of a page with `blocks` of `slide` at `zoom`, drawn `width` wide, measured the
/// way [`draw`] lays it out.
fn page_height(
    ui: &Ui,
    slide: &Slide,
    blocks: &[String],
    continued: bool,
    zoom: f32,
    width: f32,
) -> f32 {
    let gap = ui.spacing().item_spacing.y;
    let wrap = (width - 2.0 * margins(zoom).x).max(40.0);
    let mut height = 2.0 * margins(zoom).y
        + text_height(ui, &slide.kicker, KICKER * zoom, wrap)
        + 8.0 * zoom
        + text_height(ui, &heading(slide, continued), HEADING * zoom, wrap)
        + 14.0 * zoom
        + 4.0 * gap;
    for block in blocks {
        height += text_height(ui, block, BODY * zoom, wrap) + 6.0 * zoom + 2.0 * gap;
    }
    height
}

/// Whether the blocks in `range` fit `size` at `zoom`.
fn fits(
    ui: &Ui,
    slide: &Slide,
    blocks: &[String],
    range: Range<usize>,
    size: Vec2,
    zoom: f32,
) -> bool {
    let continued = range.start > 0;
    page_height(ui, slide, &blocks[range], continued, zoom, size.x) <= size.y
}

/// The largest zoom from `largest` down to `smallest`, in steps of a twentieth, at which the
/// blocks in `range` fit `size`; `smallest` if none does.
fn shrink_to_fit(
    ui: &Ui,
    slide: &Slide,
    blocks: &[String],
    range: Range<usize>,
    size: Vec2,
    largest: f32,
    smallest: f32,
) -> f32 {
    let mut zoom = largest;
    while zoom > smallest && !fits(ui, slide, blocks, range.clone(), size, zoom) {
        zoom = (zoom - 0.05).max(smallest);
    }
    zoom
}

/// The blocks split into pages that each fit `size` at `zoom`; a block too tall for a page of
/// its own still gets one.
fn paginate(ui: &Ui, slide: &Slide, blocks: &[String], size: Vec2, zoom: f32) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    while start < blocks.len() {
        let mut end = start + 1;
        while end < blocks.len() && fits(ui, slide, blocks, start..end + 1, size, zoom) {
            end += 1;
        }
        pages.push(start..end);
        start = end;
    }
    if pages.is_empty() {
        pages.push(0..0);
    }
    pages
}

/// Draws a page of a slide at `zoom`: the kicker (with the timer, if given), the heading and
/// the blocks. Full-strength text: projectors wash out grey.
fn draw(
    ui: &mut Ui,
    slide: &Slide,
    blocks: &[String],
    continued: bool,
    zoom: f32,
    timer: Option<(String, bool)>,
) {
    let ink = ui.visuals().strong_text_color();
    let margin = margins(zoom);
    let width = (ui.available_width() - 2.0 * margin.x).max(40.0);
    ui.add_space(margin.y);
    ui.horizontal(|ui| {
        ui.add_space(margin.x);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            ui.horizontal(|ui| {
                ui.label(RichText::new(&slide.kicker).size(KICKER * zoom).weak());
                if let Some((timer, near_the_end)) = timer {
                    ui.add_space(16.0 * zoom);
                    // Past the last minute a warmer colour, never an alarm.
                    let colour = if near_the_end {
                        ui.visuals().warn_fg_color
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    ui.label(RichText::new(timer).size(KICKER * zoom).color(colour));
                }
            });
            ui.add_space(8.0 * zoom);
            ui.label(
                RichText::new(heading(slide, continued))
                    .size(HEADING * zoom)
                    .strong(),
            );
            ui.add_space(14.0 * zoom);
            for block in blocks {
                ui.label(RichText::new(block).size(BODY * zoom).color(ink));
                ui.add_space(6.0 * zoom);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    struct ManualClock(Cell<f64>);

    impl Clock for ManualClock {
        fn now(&self) -> f64 {
            self.0.get()
        }
    }

    fn slides() -> Vec<Slide> {
        vec![
            Slide {
                heading: "Welcome".into(),
                minutes: Some(5),
                notes: "Greet people by name.".into(),
                ..Slide::default()
            },
            Slide {
                heading: "A step".into(),
                ..Slide::default()
            },
        ]
    }

    #[test]
    fn the_timer_counts_down_from_when_the_slide_was_shown() {
        let clock = Rc::new(ManualClock(Cell::new(100.0)));
        let mut presentation = Presentation::new("Test", slides(), clock.clone());
        assert_eq!(presentation.remaining(), Some(300.0));
        clock.0.set(160.0);
        assert_eq!(presentation.remaining(), Some(240.0));
        presentation.go(1);
        assert_eq!(
            presentation.remaining(),
            None,
            "untimed slides have no timer"
        );
        clock.0.set(500.0);
        presentation.go(0);
        assert_eq!(
            presentation.remaining(),
            Some(300.0),
            "coming back restarts the item"
        );
    }
}
