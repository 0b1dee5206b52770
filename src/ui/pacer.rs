//! The breathing pacer: a calm circle that grows as you breathe in and shrinks as you breathe
//! out, at a pace you choose, for a few minutes. With "Reduce motion" on, nothing moves: the
//! words and a count change once a second instead.

use egui::{Color32, RichText, Ui};

/// The pacer's settings and, while it runs, when it started (by egui's clock).
#[derive(Clone, Debug, PartialEq)]
pub struct BreathingPacer {
    /// Seconds to breathe in.
    pub breathe_in: u32,
    /// Seconds to breathe out.
    pub breathe_out: u32,
    /// How long to keep going.
    pub minutes: u32,
    started: Option<f64>,
    finished: bool,
}

impl Default for BreathingPacer {
    fn default() -> Self {
        Self {
            breathe_in: 4,
            breathe_out: 6,
            minutes: 3,
            started: None,
            finished: false,
        }
    }
}

/// Which half of a breath.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Breathing in: the circle grows.
    In,
    /// Breathing out: the circle shrinks.
    Out,
}

/// Where a breath is, `elapsed` seconds after starting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// In or out.
    pub phase: Phase,
    /// Whole seconds left in this half, counting down to 1.
    pub count: u32,
    /// How full the circle is, 0 (empty) to 1 (full).
    pub fullness: f32,
}

/// The moment of the breath `elapsed` seconds in, at `breathe_in` and `breathe_out` seconds.
#[must_use]
pub fn moment(elapsed: f64, breathe_in: u32, breathe_out: u32) -> Moment {
    let (inhale, exhale) = (f64::from(breathe_in.max(1)), f64::from(breathe_out.max(1)));
    let within = elapsed.max(0.0) % (inhale + exhale);
    let (phase, into, length) = if within < inhale {
        (Phase::In, within, inhale)
    } else {
        (Phase::Out, within - inhale, exhale)
    };
    let progress = (into / length).clamp(0.0, 1.0);
    // Eased, so the circle slows at the turn as a breath does.
    let eased = 0.5 - 0.5 * (std::f64::consts::PI * progress).cos();
    Moment {
        phase,
        count: ((length - into).ceil() as u32).max(1),
        fullness: match phase {
            Phase::In => eased,
            Phase::Out => 1.0 - eased,
        } as f32,
    }
}

impl BreathingPacer {
    /// Whether the pacer is running.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.started.is_some()
    }

    /// Draws the pacer. `reduce_motion` swaps the moving circle for words that change once a
    /// second.
    pub fn ui(&mut self, ui: &mut Ui, reduce_motion: bool) {
        let now = ui.input(|input| input.time);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Breathing pacer").strong());
            match self.started {
                None => self.settings_ui(ui),
                Some(started) => self.running_ui(ui, now - started, reduce_motion),
            }
        });
    }

    fn settings_ui(&mut self, ui: &mut Ui) {
        if self.finished {
            ui.label("Done. Notice how you feel now, then answer the step below.");
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Breathe in for");
            ui.add(
                egui::DragValue::new(&mut self.breathe_in)
                    .range(2..=8)
                    .suffix(" s"),
            )
            .labelled_by(label.id);
            let label = ui.label("and out for");
            ui.add(
                egui::DragValue::new(&mut self.breathe_out)
                    .range(2..=10)
                    .suffix(" s"),
            )
            .labelled_by(label.id);
            let label = ui.label("for");
            ui.add(
                egui::DragValue::new(&mut self.minutes)
                    .range(1..=10)
                    .suffix(" min"),
            )
            .labelled_by(label.id);
        });
        if ui.button("Start the breathing pacer").clicked() {
            self.started = Some(ui.input(|input| input.time));
            self.finished = false;
        }
    }

    fn running_ui(&mut self, ui: &mut Ui, elapsed: f64, reduce_motion: bool) {
        let total = f64::from(self.minutes) * 60.0;
        if elapsed >= total {
            self.started = None;
            self.finished = true;
            ui.ctx().request_repaint();
            return;
        }
        let at = moment(elapsed, self.breathe_in, self.breathe_out);
        let words = match at.phase {
            Phase::In => "Breathe in",
            Phase::Out => "Breathe out",
        };
        if reduce_motion {
            ui.label(RichText::new(format!("{words}… {}", at.count)).heading());
        } else {
            let size = 160.0_f32.min(ui.available_width());
            let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals();
            let outer = size * 0.48;
            let radius = outer * (0.35 + 0.65 * at.fullness);
            painter.circle_stroke(
                rect.center(),
                outer,
                egui::Stroke::new(1.0, visuals.weak_text_color()),
            );
            let fill = visuals.selection.bg_fill;
            painter.circle_filled(
                rect.center(),
                radius,
                Color32::from_rgba_unmultiplied(fill.r(), fill.g(), fill.b(), 160),
            );
            ui.label(RichText::new(words).heading());
        }
        let left = (total - elapsed).ceil() as u64;
        ui.label(format!("{}:{:02} left", left / 60, left % 60));
        if ui.button("Stop the breathing pacer").clicked() {
            self.started = None;
        }
        // Moving: every frame while it runs. Reduced: only when the count changes.
        if reduce_motion {
            let next = 1.0 - elapsed.fract();
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(next.max(0.05)));
        } else {
            ui.ctx().request_repaint();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breath_grows_then_shrinks_at_the_chosen_pace() {
        let start = moment(0.0, 4, 6);
        assert_eq!((start.phase, start.count), (Phase::In, 4));
        assert!(start.fullness < 0.01);
        let top = moment(3.999, 4, 6);
        assert_eq!(top.phase, Phase::In);
        assert!(top.fullness > 0.99);
        let out = moment(4.5, 4, 6);
        assert_eq!((out.phase, out.count), (Phase::Out, 6));
        let last = moment(9.5, 4, 6);
        assert_eq!((last.phase, last.count), (Phase::Out, 1));
        assert!(last.fullness < 0.1);
        // The next breath starts again.
        assert_eq!(moment(10.2, 4, 6).phase, Phase::In);
    }
}
