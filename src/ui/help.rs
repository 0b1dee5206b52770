//! "Get help now": what to do in a crisis. Reachable from every screen.

use egui::{RichText, Ui};

use super::shell::{Cx, View};
use super::widgets::{self, READING_WIDTH};

/// Crisis information, written to be read by someone having a very hard time.
pub struct HelpView;

impl View for HelpView {
    fn ui(&mut self, ui: &mut Ui, _cx: &mut Cx<'_>) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.set_max_width(READING_WIDTH);
            widgets::page_title(ui, "Get help now");
            ui.label(RichText::new("If you might act on thoughts of harming yourself or someone else, or you are in danger right now, call your local emergency number or go to the nearest emergency department.").strong());
            ui.add_space(8.0);
            ui.label("Emergency numbers include 112 (across Europe and on most mobile phones), 911 (United States and Canada), 999 (United Kingdom) and 000 (Australia).");
            ui.add_space(12.0);
            ui.heading("Talk to someone today");
            ui.add_space(4.0);
            widgets::paragraphs(
                ui,
                "You do not have to be in immediate danger to reach out. Crisis lines are free, confidential and there for anyone who is struggling. Many countries have one you can call or text at any hour; Find A Helpline (findahelpline.com) lists them by country.\n\n\
                 You can also call someone you trust and tell them you are having a hard time, or contact your doctor.",
            );
            ui.add_space(8.0);
            widgets::note(
                ui,
                "While you wait for help: stay with someone if you can, move away from anything you could use to hurt yourself, and breathe slowly, a little longer out than in.",
            );
        });
    }
}
