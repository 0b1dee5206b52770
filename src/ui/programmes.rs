//! Programmes: the sessions of a workshop or course, to prepare, present, print or follow.

use egui::{RichText, Ui};

use super::vocabulary::{Action, Cx, Notice, Screen, View};
use super::widgets;
use rapport_core::content::programme::SessionKind;
use rapport_core::content::{crisis, numbering};
use rapport_core::facilitator::slides;
use rapport_core::storage::settings::Following;

/// The list of programmes, or one programme's sessions.
pub struct ProgrammesView {
    /// The programme open, if any.
    pub id: Option<String>,
}

impl View for ProgrammesView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        match self.id.clone() {
            None => list(ui, cx),
            Some(id) => programme(ui, cx, &id),
        }
    }
}

fn list(ui: &mut Ui, cx: &mut Cx<'_>) {
    let mut open = None;
    egui::ScrollArea::vertical().id_salt("programmes").show(ui, |ui| {
        widgets::reading_column(ui);
        widgets::page_title(ui, "Programmes");
        ui.label("A programme is a series of sessions built from the worksheets: for a group led by a facilitator, or to follow on your own at home, one session at a time.");
        ui.add_space(8.0);
        for programme in cx.model.workbook().programmes() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.vertical(|ui| {
                        // Leave room on the right for the button.
                        ui.set_max_width((ui.available_width() - 110.0).max(160.0));
                        ui.label(RichText::new(&programme.title).strong());
                        ui.label(format!("{}. {}", capitalise(&numbering::count(programme)), programme.summary));
                    });
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let button = ui.button("Open");
                        widgets::set_accessible_label(ui, &button, format!("Open {}", programme.title));
                        if button.clicked() {
                            open = Some(programme.id.clone());
                        }
                    });
                });
            });
            ui.add_space(4.0);
        }
        super::keyboard::keep_focus_in_view(ui);
    });
    if let Some(id) = open {
        cx.navigate(Screen::Programme(id));
    }
}

fn programme(ui: &mut Ui, cx: &mut Cx<'_>, id: &str) {
    let Some(programme) = cx.model.workbook().programme(id).cloned() else {
        ui.label(format!(
            "The programme “{id}” is no longer in the workbook."
        ));
        return;
    };
    let following = cx
        .settings
        .value
        .following
        .clone()
        .filter(|f| f.programme == programme.id);
    let mut present = None;
    let mut follow = None;
    let mut print = None;
    egui::ScrollArea::vertical()
        .id_salt(("programme", id))
        .show(ui, |ui| {
            widgets::reading_column(ui);
            widgets::page_title(ui, &programme.title);
            widgets::paragraphs(ui, &programme.introduction);
            if programme.is_self_guided() {
                widgets::note(ui, "This course is self-help, to follow at your own pace. It does not replace a doctor or therapist. If you feel worse, or have thoughts of harming yourself, talk to a doctor, or press “Get help now” at the top of the window.");
            } else {
                widgets::note(ui, "Group sessions built on Interpersonal Therapy assume trained facilitators with supervision and an agreed safety plan for the group. This workbook supports that work; it does not replace it.");
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| match &following {
                Some(f) => {
                    ui.label(format!("You are following this programme: {}.", numbering::place(&programme, f.session.saturating_sub(1))));
                    if ui.button("Stop following").clicked() {
                        follow = Some(None);
                    }
                }
                None => {
                    if ui
                        .button("Follow this programme at home")
                        .on_hover_text("Today will show where you are in it and what to do next")
                        .clicked()
                    {
                        follow = Some(Some(Following {
                            programme: programme.id.clone(),
                            session: 1,
                        }));
                    }
                }
            });
            ui.add_space(8.0);
            handout_region(ui, cx);
            ui.add_space(8.0);
            for (index, session) in programme.sessions.iter().enumerate() {
                let number = index + 1;
                let current = following.as_ref().is_some_and(|f| f.session == number);
                let noun = session.kind.noun();
                let own_week = session.kind == SessionKind::SelfGuided;
                let name = numbering::name(&programme, index);
                let title = format!("{} ({} minutes){}", numbering::heading(&programme, index), session.minutes, if current { " — you are here" } else { "" });
                egui::CollapsingHeader::new(title)
                    .id_salt(("session", id, number))
                    .default_open(current)
                    .show(ui, |ui| {
                        if !session.goals.is_empty() {
                            ui.label(RichText::new("Goals").strong());
                            for goal in &session.goals {
                                ui.label(format!("• {goal}"));
                            }
                        }
                        ui.add_space(4.0);
                        if own_week {
                            // A learner reads the week itself, item by item, not a facilitator's timetable.
                            for item in &session.agenda {
                                ui.label(RichText::new(format!("{} ({} min)", item.title, item.minutes)).strong());
                                widgets::paragraphs(ui, &item.text);
                                ui.add_space(4.0);
                            }
                        } else {
                            ui.label(RichText::new("Agenda").strong());
                            egui::Grid::new(("agenda", id, number)).striped(true).num_columns(3).show(ui, |ui| {
                                for item in &session.agenda {
                                    ui.label(format!("{} min", item.minutes));
                                    ui.label(item.kind.name());
                                    ui.label(&item.title);
                                    ui.end_row();
                                }
                            });
                        }
                        if !session.facilitator_notes.is_empty() {
                            ui.add_space(4.0);
                            ui.label(RichText::new(if own_week { "Notes" } else { "Facilitator notes" }).strong());
                            widgets::paragraphs(ui, &session.facilitator_notes);
                        }
                        if !session.homework.is_empty() {
                            let titles: Vec<String> = session
                                .homework
                                .iter()
                                .map(|h| cx.model.workbook().get(h).map_or_else(|| h.clone(), |w| w.title.clone()))
                                .collect();
                            ui.label(format!("Homework: {}", titles.join(", ")));
                        }
                        ui.horizontal(|ui| {
                            let button = ui.button("Present");
                            widgets::set_accessible_label(ui, &button, format!("Present {}", lower_first(&name)));
                            if button.clicked() {
                                present = Some(number);
                            }
                            let handout = ui.button("Handout (PDF)");
                            widgets::set_accessible_label(ui, &handout, format!("Handout for {}", lower_first(&name)));
                            if handout.clicked() {
                                print = Some(number);
                            }
                            if current && number < programme.sessions.len() && ui.button(format!("I have done this {noun}")).clicked() {
                                follow = Some(Some(Following {
                                    programme: programme.id.clone(),
                                    session: number + 1,
                                }));
                            }
                        });
                    });
            }
            super::keyboard::keep_focus_in_view(ui);
        });
    if let Some(number) = present
        && let Some(session) = programme.session(number)
    {
        let slides = slides::session_slides(cx.model.workbook(), &programme, number, session);
        cx.actions.push(Action::Present {
            title: format!("{}: {}", programme.title, session.title),
            slides,
        });
    }
    if let Some(number) = print
        && let Some(session) = programme.session(number)
    {
        let help = printed_help(cx);
        let pdf = rapport_core::facilitator::handout::session_pdf_with_help(
            cx.model.workbook(),
            &programme,
            number,
            session,
            rapport_core::facilitator::handout::Paper::A4,
            &help,
        );
        let notice = widgets::save_handout(
            cx.model.data_dir().root(),
            &numbering::file_stem(&programme, number.saturating_sub(1)),
            pdf,
        );
        cx.notify(notice);
    }
    if let Some(following) = follow {
        cx.settings.value.following = following;
        match cx.settings.save() {
            Ok(moved) => {
                if let Some(moved) = moved {
                    cx.notify(Notice::info(moved));
                }
            }
            Err(error) => cx.notify(Notice::error(error)),
        }
    }
}

/// The region whose helplines handouts print: the one chosen, or the system locale's.
pub(super) fn chosen_region(cx: &Cx<'_>) -> Option<&'static crisis::Region> {
    match &cx.state.handout_region {
        None => crisis::region_from_environment(),
        Some(code) => crisis::region(code),
    }
}

/// What a handout prints for help: the chosen region's numbers from the person's helpline
/// list (their own copy, or the bundled one).
pub(super) fn printed_help(cx: &Cx<'_>) -> crisis::PrintedHelp {
    let helplines = rapport_core::storage::crisis_file::load_contacts(cx.model.data_dir())
        .value
        .helplines();
    crisis::PrintedHelp::new(&helplines, chosen_region(cx))
}

/// The choice of the country whose helplines and emergency number handouts print.
fn handout_region(ui: &mut Ui, cx: &mut Cx<'_>) {
    const OTHER: &str = "Another country (worldwide lines only)";
    let shown = chosen_region(cx).map_or(OTHER, |region| region.name);
    let mut chosen: Option<String> = None;
    ui.horizontal(|ui| {
        ui.label("Handouts print the helplines for");
        let combo = egui::ComboBox::from_id_salt("handout-region")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for region in crisis::REGIONS {
                    if ui
                        .selectable_label(shown == region.name, region.name)
                        .clicked()
                    {
                        chosen = Some(region.code.to_owned());
                    }
                }
                if ui.selectable_label(shown == OTHER, OTHER).clicked() {
                    chosen = Some(String::new());
                }
            });
        widgets::set_accessible_label(ui, &combo.response, "Handouts print the helplines for");
    });
    if let Some(code) = chosen {
        cx.state.handout_region = Some(code);
    }
}

/// `text` with its first letter in capitals, for the start of a sentence.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `text` with its first letter in lower case, for inside a sentence: “session 2”, but a name
/// that starts a sentence on its own (“Before the group: …”) kept as it is.
fn lower_first(text: &str) -> String {
    if text.starts_with(numbering::BEFORE_NAME) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
