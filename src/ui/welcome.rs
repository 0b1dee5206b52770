//! The first screen: what Rapport is and how to begin.

use egui::Ui;

use super::shell::{Cx, Screen, View};
use super::widgets::{self, READING_WIDTH};

/// A short, calm introduction, and the statement that Rapport is not a substitute for care.
pub struct Welcome;

/// Shown wherever it matters that Rapport is self-help, not treatment.
pub const NOT_A_SUBSTITUTE: &str = "Rapport is a self-help workbook. It is not a substitute for professional care, diagnosis or treatment. If you are struggling, please talk to a doctor, counsellor or therapist. If you might be in danger, press “Get help now” at the top of the window.";

impl View for Welcome {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        egui::ScrollArea::vertical().id_salt("welcome").show(ui, |ui| {
            ui.set_max_width(READING_WIDTH);
            widgets::page_title(ui, "Welcome to Rapport");
            widgets::paragraphs(
                ui,
                "Rapport is a workbook for the skills of Interpersonal Therapy (IPT). IPT starts from a simple observation: how we feel and how our relationships are going affect each other. When a relationship is strained, a loss is fresh or life changes shape, mood often follows; and when mood is low, relationships get harder.\n\n\
                 Each worksheet takes one skill or one question at a time. Choose one from the list on the left, read its short introduction, and answer its steps in your own words. Save it when you are done; you can come back to it, change it, or look at how your ratings move over time under Progress.\n\n\
                 Your answers are saved as plain files on this computer only, in a folder you can open from Settings. Nothing is sent anywhere.",
            );
            ui.add_space(6.0);
            widgets::note(ui, NOT_A_SUBSTITUTE);
            ui.add_space(12.0);
            let first = cx.model.workbook().worksheets().next().map(|w| (w.id.clone(), w.title.clone()));
            if let Some((id, title)) = first
                && ui.button(format!("Start with {title}")).clicked()
            {
                cx.navigate(Screen::Worksheet(id));
            }
        });
    }
}
