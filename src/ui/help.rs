//! "Get help now": what to do in a crisis, the user's safety plan, their own numbers and a dated
//! list of helplines. Reachable from every screen, and never behind a question.

use egui::{RichText, TextEdit, Ui};

use super::vocabulary::{Cx, Notice, Screen, View};
use super::widgets::{self, set_accessible_label};
use rapport_core::content::crisis::{self, Contact, CrisisContacts, Helpline};
use rapport_core::content::entry::Entry;
use rapport_core::content::worksheet::Worksheet;
use rapport_core::storage::document::Document;

/// Crisis information, written to be read by someone having a very hard time.
#[derive(Default)]
pub struct HelpView {
    /// Loaded on first show, so the file is read once, not every frame.
    store: Option<Document<CrisisContacts>>,
    editing_numbers: bool,
    editing_helplines: bool,
}

impl View for HelpView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let store = self.store.get_or_insert_with(|| {
            rapport_core::storage::crisis_file::load_contacts(cx.model.data_dir())
        });
        egui::ScrollArea::vertical().id_salt(("help", cx.state.alert.is_some())).show(ui, |ui| {
            widgets::reading_column(ui);
            widgets::page_title(ui, "Get help now");
            if let Some(alert) = cx.state.alert.clone() {
                widgets::note(ui, &alert);
                ui.add_space(10.0);
                // The person's own plan comes first when an answer brought them here.
                safety_plan(ui, cx);
                ui.add_space(10.0);
            }
            ui.label(RichText::new("If you might act on thoughts of harming yourself or someone else, or you are in danger right now, call your local emergency number or go to the nearest emergency department.").strong());
            ui.add_space(6.0);
            ui.label("Emergency numbers include 112 (across Europe and on most mobile phones), 911 (United States and Canada), 999 (United Kingdom) and 000 (Australia).");
            ui.add_space(6.0);
            widgets::note(
                ui,
                "While you wait for help: stay with someone if you can, move away from anything you could use to hurt yourself, and breathe slowly, a little longer out than in.",
            );
            if cx.state.alert.is_none() {
                ui.add_space(12.0);
                safety_plan(ui, cx);
            }
            ui.add_space(12.0);
            if let Some(problem) = store.problem() {
                ui.colored_label(ui.visuals().warn_fg_color, problem.to_string());
                ui.add_space(6.0);
            }
            let mut save = my_numbers(ui, &mut store.value.my_numbers, &mut self.editing_numbers);
            ui.add_space(12.0);
            save |= helplines(ui, &mut store.value, &mut self.editing_helplines);
            if save {
                match store.save() {
                    Ok(None) => cx.notify(Notice::info("Saved in your data folder.")),
                    Ok(Some(moved)) => {
                        // The unreadable file was moved aside: it is no longer a problem.
                        cx.model.recheck_files();
                        cx.notify(Notice::info(format!("Saved. {moved}")));
                    }
                    Err(error) => cx.notify(Notice::error(error)),
                }
            }
            super::keyboard::keep_focus_in_view(ui);
        });
    }
}

/// The user's latest safety plan, or an invitation to make one.
fn safety_plan(ui: &mut Ui, cx: &mut Cx<'_>) {
    ui.heading("Your safety plan");
    ui.add_space(4.0);
    if cx.model.is_locked() {
        ui.label("Your safety plan is in your protected journal. Press “Back to unlock” at the top and type your passphrase to see it; everything else on this page is here now.");
        return;
    }
    let worksheet = cx.model.workbook().get(crisis::SAFETY_PLAN).cloned();
    let plan = rapport_core::storage::crisis_file::latest_safety_plan(cx.model.journal()).cloned();
    match (worksheet, plan) {
        (Some(worksheet), Some(plan)) => show_plan(ui, &worksheet, &plan),
        (Some(_), None) => {
            ui.label("You have not written a safety plan yet. It is a short list, in your own words, of what helps and who to turn to when things get very hard. It is easiest to write on a calmer day.");
            if ui.button("Write my safety plan").clicked() {
                cx.navigate(Screen::Worksheet(crisis::SAFETY_PLAN.to_owned()));
            }
        }
        (None, _) => {
            ui.label("This workbook has no safety plan worksheet.");
        }
    }
}

fn show_plan(ui: &mut Ui, worksheet: &Worksheet, plan: &Entry) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("Written {}", plan.edited.human())).weak());
        for step in &worksheet.steps {
            if step.field.tracked_scale().is_some() {
                continue;
            }
            if let Some(answer) = plan.answers.get(&step.id) {
                ui.add_space(4.0);
                ui.label(RichText::new(&step.label).strong());
                match answer {
                    rapport_core::content::entry::Answer::List(items) => {
                        for item in items {
                            ui.label(format!("• {item}"));
                        }
                    }
                    other => {
                        ui.label(other.display());
                    }
                }
            }
        }
    });
}

/// The user's own people and numbers. Returns whether the user asked to save.
fn my_numbers(ui: &mut Ui, numbers: &mut Vec<Contact>, editing: &mut bool) -> bool {
    ui.heading("Your people and numbers");
    ui.add_space(4.0);
    ui.label("People you trust, your doctor, and local services. They are kept only in your data folder.");
    ui.add_space(4.0);
    let mut save = false;
    if *editing {
        let mut remove = None;
        for (index, contact) in numbers.iter_mut().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let name = ui.add(
                    TextEdit::singleline(&mut contact.name)
                        .hint_text("Name")
                        .desired_width(180.0),
                );
                set_accessible_label(ui, &name, format!("Name {}", index + 1));
                let number = ui.add(
                    TextEdit::singleline(&mut contact.number)
                        .hint_text("Number")
                        .desired_width(160.0),
                );
                set_accessible_label(ui, &number, format!("Number {}", index + 1));
                let note = ui.add(
                    TextEdit::singleline(&mut contact.note)
                        .hint_text("Note")
                        .desired_width(160.0),
                );
                set_accessible_label(ui, &note, format!("Note {}", index + 1));
                if ui.small_button("Remove").clicked() {
                    remove = Some(index);
                }
            });
        }
        if let Some(index) = remove {
            numbers.remove(index);
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add a person or number").clicked() {
                numbers.push(Contact::default());
            }
            if ui.button("Save my numbers").clicked() {
                numbers.retain(|c| !c.name.trim().is_empty() || !c.number.trim().is_empty());
                save = true;
                *editing = false;
            }
        });
    } else {
        if numbers.is_empty() {
            ui.label(RichText::new("You have not added anyone yet.").weak());
        }
        for contact in numbers.iter() {
            let line = if contact.note.is_empty() {
                format!("{}: {}", contact.name, contact.number)
            } else {
                format!("{}: {} ({})", contact.name, contact.number, contact.note)
            };
            ui.label(RichText::new(line).strong());
        }
        if ui.button("Add or change my numbers").clicked() {
            *editing = true;
        }
    }
    save
}

/// The helpline list, with the date it was checked. Returns whether the user asked to save.
fn helplines(ui: &mut Ui, contacts: &mut crisis::CrisisContacts, editing: &mut bool) -> bool {
    ui.heading("Helplines");
    ui.add_space(4.0);
    let mut list = contacts.helplines();
    ui.label(RichText::new(format!(
        "Emergency numbers, free crisis lines for anyone who is struggling, and help with abuse at home. Checked on {}; numbers can change, so if one does not work, use Find A Helpline or your local emergency number.",
        list.checked.strftime("%-d %B %Y")
    )).weak());
    ui.add_space(4.0);
    let mut save = false;
    if *editing {
        let mut remove = None;
        for (index, line) in list.lines.iter_mut().enumerate() {
            ui.horizontal_wrapped(|ui| {
                for (value, hint, width) in [
                    (&mut line.region, "Country", 130.0),
                    (&mut line.name, "Service", 170.0),
                    (&mut line.contact, "Number", 130.0),
                ] {
                    let field = ui.add(
                        TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(width),
                    );
                    set_accessible_label(ui, &field, format!("{hint} {}", index + 1));
                }
                if ui.small_button("Remove").clicked() {
                    remove = Some(index);
                }
            });
        }
        if let Some(index) = remove {
            list.lines.remove(index);
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add a helpline").clicked() {
                list.lines.push(Helpline::default());
            }
            if ui.button("Save helplines").clicked() {
                list.lines
                    .retain(|l| !l.name.trim().is_empty() || !l.contact.trim().is_empty());
                save = true;
                *editing = false;
            }
            if ui.button("Use the list that came with Rapport").clicked() {
                contacts.helplines = None;
                save = true;
                *editing = false;
            }
        });
        if !save || contacts.helplines.is_some() {
            contacts.helplines = Some(list);
        }
    } else {
        // One country after another, each service on its own wrapping line: it reads the same
        // in a narrow window as in a wide one, and a long name or number never runs off.
        let mut region: Option<&str> = None;
        for line in &list.lines {
            if region != Some(line.region.as_str()) {
                region = Some(line.region.as_str());
                ui.add_space(6.0);
                ui.label(RichText::new(&line.region).weak());
            }
            ui.horizontal_wrapped(|ui| {
                ui.add_space(12.0);
                ui.label(RichText::new(&line.name).strong());
                ui.label(RichText::new(&line.contact).strong())
                    .on_hover_text(&line.details);
            });
        }
        ui.add_space(6.0);
        if ui.button("Edit this list").clicked() {
            *editing = true;
        }
    }
    save
}
