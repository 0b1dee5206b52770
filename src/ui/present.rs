//! Presentation mode: full screen, large text, one slide at a time, for a projector.
//!
//! Right, Space or Page Down move on; Left or Page Up go back; Esc leaves. N switches between
//! the room's view and the facilitator's notes view; T hides or shows the timer; + and −
//! change the size.

use std::rc::Rc;

use egui::{Align, Key, Layout, RichText, Ui};

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

/// A presentation in progress.
pub struct Presentation {
    title: String,
    slides: Vec<Slide>,
    index: usize,
    /// Size relative to normal text.
    pub zoom: f32,
    notes_view: bool,
    timer_hidden: bool,
    /// When the current timed slide was first shown.
    started: Option<f64>,
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

impl Presentation {
    /// A presentation of `slides`, timed by `clock`.
    #[must_use]
    pub fn new(title: impl Into<String>, slides: Vec<Slide>, clock: Rc<dyn Clock>) -> Self {
        let mut presentation = Self {
            title: title.into(),
            slides,
            index: 0,
            zoom: DEFAULT_ZOOM,
            notes_view: false,
            timer_hidden: false,
            started: None,
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
            self.start_timer();
        }
    }

    /// Draws the presentation and handles its keys.
    pub fn ui(&mut self, ui: &mut Ui) -> PresentationAction {
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
            self.go(self.index + 1);
        }
        if back && self.index > 0 {
            self.go(self.index - 1);
        }
        if notes {
            self.notes_view = !self.notes_view;
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
        if self.remaining().is_some() {
            // Keep the clock moving on screen, gently: twice a second is plenty.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }

        let mut action = PresentationAction::Stay;
        egui::Panel::bottom("presentation-controls").show(ui, |ui| {
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
                        self.go(self.index + 1);
                    }
                    if ui.button("← Back").clicked() && self.index > 0 {
                        self.go(self.index - 1);
                    }
                    let notes_label = if self.notes_view {
                        "Room view (N)"
                    } else {
                        "Notes view (N)"
                    };
                    if ui.button(notes_label).clicked() {
                        self.notes_view = !self.notes_view;
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
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(slide) = self.current().cloned() else {
                ui.label("There is nothing to present.");
                return;
            };
            if self.notes_view {
                self.notes(ui, &slide);
            } else {
                self.room(ui, &slide);
            }
        });
        action
    }

    /// What the room sees: large, plain, one thing at a time.
    fn room(&self, ui: &mut Ui, slide: &Slide) {
        let zoom = self.zoom;
        // Full-strength text: projectors wash out grey.
        let ink = ui.visuals().strong_text_color();
        ui.add_space(24.0 * zoom);
        egui::ScrollArea::vertical()
            .id_salt(("slide", self.index))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.add_space(32.0 * zoom);
                    ui.vertical(|ui| {
                        ui.set_max_width((ui.available_width() - 32.0 * zoom).max(200.0));
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(&slide.kicker).size(14.0 * zoom).weak());
                            if !self.timer_hidden && self.remaining().is_some() {
                                ui.add_space(16.0 * zoom);
                                self.timer(ui, zoom);
                            }
                        });
                        ui.add_space(8.0 * zoom);
                        ui.label(RichText::new(&slide.heading).size(30.0 * zoom).strong());
                        ui.add_space(14.0 * zoom);
                        for paragraph in slide.body.split("\n\n").filter(|p| !p.trim().is_empty()) {
                            ui.label(RichText::new(paragraph.trim()).size(19.0 * zoom).color(ink));
                            ui.add_space(8.0 * zoom);
                        }
                        for bullet in &slide.bullets {
                            ui.label(
                                RichText::new(format!("•  {bullet}"))
                                    .size(19.0 * zoom)
                                    .color(ink),
                            );
                            ui.add_space(4.0 * zoom);
                        }
                    });
                });
            });
    }

    /// What the facilitator sees: the notes, the timer, and what comes next.
    fn notes(&self, ui: &mut Ui, slide: &Slide) {
        ui.heading(format!("Notes: {}", slide.heading));
        self.timer(ui, 1.2);
        ui.add_space(8.0);
        if slide.notes.trim().is_empty() {
            ui.label(RichText::new("No notes for this slide.").weak());
        } else {
            for paragraph in slide.notes.split("\n\n") {
                ui.label(RichText::new(paragraph.trim()).size(16.0));
                ui.add_space(6.0);
            }
        }
        if let Some(next) = self.slides.get(self.index + 1) {
            ui.add_space(12.0);
            ui.label(RichText::new(format!("Next: {}", next.heading)).weak());
        }
    }

    /// Time left on a timed item; past the end, a calm note rather than an alarm.
    fn timer(&self, ui: &mut Ui, zoom: f32) {
        let Some(remaining) = self.remaining() else {
            return;
        };
        let text = if remaining > 0.0 {
            let seconds = remaining.ceil() as u64;
            format!("{}:{:02} left", seconds / 60, seconds % 60)
        } else {
            "Time to draw this part to a close".to_owned()
        };
        let colour = if remaining > 60.0 {
            ui.visuals().weak_text_color()
        } else {
            ui.visuals().warn_fg_color
        };
        ui.label(RichText::new(text).size(14.0 * zoom).color(colour));
    }
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
