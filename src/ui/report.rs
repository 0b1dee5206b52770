//! "Summary for my appointment": choose a period and what goes in, see exactly what will be
//! printed, then save the PDF where you choose.

use egui::{RichText, Ui};
use jiff::civil::Date;
use rapport_core::facilitator::handout::Paper;
use rapport_core::insight::report::{Report, ReportChoices};
use rapport_core::service::report::write_report;
use rapport_core::time::LocalTime;

use super::files::{Chosen, Dialog};
use super::vocabulary::{Cx, Notice, View};
use super::widgets;

/// The summary screen. The preview is rebuilt when its inputs change, not every frame.
pub struct ReportView {
    from: String,
    to: String,
    choices: ReportChoices,
    letter: bool,
    /// Where the PDF goes when no file chooser can be shown; typed by the person.
    path: String,
    preview: Option<(PreviewKey, Report)>,
    /// The worksheets with written answers in the period, kept until the period or journal
    /// changes: finding them reads every entry.
    writing: Option<(WritingKey, Vec<(String, String)>)>,
    dialog: Option<Dialog>,
}

type PreviewKey = (String, String, ReportChoices, u64);
/// The period and the journal's revision.
type WritingKey = (Date, Date, u64);

impl Default for ReportView {
    fn default() -> Self {
        let today = LocalTime::now().date();
        let from = today
            .checked_sub(jiff::Span::new().days(27))
            .unwrap_or(today);
        Self {
            from: from.to_string(),
            to: today.to_string(),
            choices: ReportChoices::default(),
            letter: false,
            path: String::new(),
            preview: None,
            writing: None,
            dialog: None,
        }
    }
}

fn parse(text: &str) -> Option<Date> {
    text.trim().parse().ok()
}

impl ReportView {
    fn period(&self) -> Result<(Date, Date), String> {
        match (parse(&self.from), parse(&self.to)) {
            (Some(from), Some(to)) if from <= to => Ok((from, to)),
            (Some(_), Some(_)) => Err("The first day comes after the last; swap them.".to_owned()),
            _ => Err("Write the days as YYYY-MM-DD, for example 2026-11-25.".to_owned()),
        }
    }

    fn paper(&self) -> Paper {
        if self.letter {
            Paper::Letter
        } else {
            Paper::A4
        }
    }
}

impl View for ReportView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        widgets::page_title(ui, "Summary for my appointment");
        egui::ScrollArea::vertical()
            .id_salt("report")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Leave room for the scroll bar, so nothing runs under it.
                widgets::reading_column(ui);
                ui.label("One page to take to your doctor or therapist: your check-ins, what you practised, what you are working on, and a note of what you want to talk about. You choose what goes in; nothing you wrote in a worksheet is included unless you tick it.");
                ui.add_space(8.0);
                let today = LocalTime::now().date();
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label("From");
                    widgets::date_field(ui, &mut self.from, label.id, ("First day", "report from"), "YYYY-MM-DD", 110.0);
                    let label = ui.label("to");
                    widgets::date_field(ui, &mut self.to, label.id, ("Last day", "report to"), "YYYY-MM-DD", 110.0);
                    for (name, days) in [("Last 4 weeks", 27), ("Last 3 months", 90)] {
                        if ui.button(name).clicked() {
                            self.to = today.to_string();
                            self.from = today
                                .checked_sub(jiff::Span::new().days(days))
                                .unwrap_or(today)
                                .to_string();
                        }
                    }
                });
                ui.add_space(6.0);
                ui.label(RichText::new("What goes in").strong());
                ui.checkbox(&mut self.choices.measures, "Check-ins, with their bands");
                ui.checkbox(&mut self.choices.practice, "What I practised, and how often");
                ui.checkbox(&mut self.choices.focus, "My focus area and goals");
                ui.checkbox(&mut self.choices.ratings, "Ratings that changed most");
                let period = self.period();
                if let Ok((from, to)) = period {
                    let key = (from, to, cx.model.journal().revision());
                    if self.writing.as_ref().is_none_or(|(seen, _)| *seen != key) {
                        self.writing = Some((key, cx.model.worksheets_with_writing(from, to)));
                    }
                    let writing = self.writing.as_ref().map_or(&[][..], |(_, w)| w.as_slice());
                    if !writing.is_empty() {
                        let ticked = self.choices.free_text_from.len();
                        let title = format!(
                            "What I wrote: {ticked} of {} ticked (none goes in unless ticked)",
                            writing.len()
                        );
                        egui::CollapsingHeader::new(title)
                            .id_salt("report-writing")
                            .show(ui, |ui| {
                                for (id, title) in writing {
                                    let mut ticked = self.choices.free_text_from.contains(id);
                                    if ui.checkbox(&mut ticked, title).changed() {
                                        self.choices.free_text_from.retain(|other| other != id);
                                        if ticked {
                                            self.choices.free_text_from.push(id.clone());
                                        }
                                    }
                                }
                            });
                    }
                }
                ui.add_space(6.0);
                let label = ui.label("What I want to talk about");
                ui.add(
                    egui::TextEdit::multiline(&mut self.choices.talk_about)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut self.letter, "Letter paper (instead of A4)");
                ui.add_space(8.0);
                let (from, to) = match period {
                    Ok(period) => period,
                    Err(message) => {
                        ui.colored_label(ui.visuals().warn_fg_color, message);
                        return;
                    }
                };
                let key: PreviewKey = (
                    self.from.clone(),
                    self.to.clone(),
                    self.choices.clone(),
                    cx.model.journal().revision(),
                );
                if self.preview.as_ref().is_none_or(|(seen, _)| *seen != key) {
                    let report =
                        cx.model
                            .appointment_report(from, to, today, self.choices.clone());
                    self.preview = Some((key, report));
                }
                // Taken out while drawing, so the buttons below may use `self`; put back after.
                let Some((key, owned)) = self.preview.take() else {
                    return;
                };
                let report = &owned;
                ui.label(RichText::new("What will be printed").strong());
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    for line in preview_lines(report) {
                        ui.label(line);
                    }
                });
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Save PDF…").clicked() {
                        let name = format!("appointment-summary-{to}.pdf");
                        self.dialog = Some(Dialog::save_pdf(&name));
                    }
                    if self.dialog.is_none() && !self.path.is_empty() {
                        let label = ui.label("Save to");
                        ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(300.0))
                            .labelled_by(label.id);
                        if ui.button("Save").clicked() {
                            let path = std::path::PathBuf::from(self.path.trim());
                            cx.notify(save(report, &path, self.paper()));
                        }
                    }
                });
                if let Some(chosen) = self.dialog.as_ref().and_then(|d| d.poll_in(ui.ctx())) {
                    self.dialog = None;
                    match chosen {
                        Chosen::Path(path) => cx.notify(save(report, &path, self.paper())),
                        Chosen::Cancelled => {}
                        Chosen::Unavailable => {
                            // Offer a place the person types; nothing is saved unasked.
                            self.path = cx
                                .model
                                .data_dir()
                                .export_file(&format!("appointment-summary-{to}.pdf"))
                                .display()
                                .to_string();
                            cx.notify(Notice::info(super::files::UNAVAILABLE));
                        }
                    }
                }
                self.preview = Some((key, owned));
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}

fn save(report: &Report, path: &std::path::Path, paper: Paper) -> Notice {
    match write_report(report, path, paper) {
        Ok(()) => Notice::saved(
            format!("Summary saved to {}", path.display()),
            path.to_path_buf(),
        ),
        Err(error) => Notice::error(error),
    }
}

/// The summary as lines of text, in the order and wording the PDF prints them.
fn preview_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    if !report.talk_about.is_empty() {
        lines.push(format!("What I want to talk about: {}", report.talk_about));
    }
    if report.is_empty() {
        lines.push(format!(
            "There are no entries between {} and {}.",
            report.from, report.to
        ));
    }
    for measure in &report.measures {
        lines.push(format!(
            "{}: latest {}, with a small chart",
            measure.title, measure.latest
        ));
        lines.extend(measure.alerts.iter().cloned());
    }
    if let Some(focus) = &report.focus {
        lines.push(format!("Focus area: {focus}"));
    }
    lines.extend(report.goals.iter().map(|goal| format!("Goal: {goal}")));
    lines.extend(report.course.iter().cloned());
    if !report.practice.is_empty() {
        lines.push(format!(
            "Practice: {} entries over {:.0} weeks",
            report.entries,
            report.weeks.ceil()
        ));
    }
    for change in &report.changes {
        lines.push(format!(
            "{}: {:+.1} on average",
            change.label, change.average
        ));
    }
    for answer in &report.written {
        lines.push(format!(
            "{} — {}: {}",
            answer.heading, answer.prompt, answer.text
        ));
    }
    lines
}
