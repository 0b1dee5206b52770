//! The sidebar: the workbook's sections and worksheets, and the trash.

use egui::{RichText, Ui};

use super::icon;
use super::vocabulary::{Cx, Screen, View};

/// Lists the sections and their worksheets; a click opens the worksheet.
pub struct Sidebar;

impl View for Sidebar {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        egui::ScrollArea::vertical()
            .id_salt("sidebar")
            .show(ui, |ui| {
                // Long titles wrap inside the sidebar rather than widening it.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                ui.add_space(6.0);
                let today =
                    icon::selectable(ui, cx.state.screen == Screen::Today, icon::HOUSE, "Today");
                super::keyboard::remember_first(
                    ui.ctx(),
                    super::keyboard::Region::Sidebar,
                    today.id,
                );
                if today.clicked() {
                    cx.navigate(Screen::Today);
                }
                if icon::selectable(
                    ui,
                    cx.state.screen == Screen::Overview,
                    icon::CHART,
                    "Progress overview",
                )
                .clicked()
                {
                    cx.navigate(Screen::Overview);
                }
                let programmes =
                    matches!(cx.state.screen, Screen::Programmes | Screen::Programme(_));
                if icon::selectable(ui, programmes, icon::PATH, "Programmes").clicked() {
                    cx.navigate(Screen::Programmes);
                }
                ui.add_space(4.0);
                let workbook = cx.model.workbook();
                let mut open = None;
                let mut open_section = None;
                for section in workbook.sections() {
                    let mut worksheets = workbook.worksheets_in(&section.id).peekable();
                    if worksheets.peek().is_none() {
                        continue;
                    }
                    ui.add_space(6.0);
                    let selected = cx.state.screen == Screen::Section(section.id.clone());
                    let header = egui::Button::selectable(
                        selected,
                        RichText::new(icon::with(icon::BOOK, &section.title)).strong(),
                    )
                    .frame_when_inactive(false);
                    let header = ui.add(header);
                    super::widgets::set_accessible_label(ui, &header, &section.title);
                    if header.on_hover_text("About this section").clicked() {
                        open_section = Some(section.id.clone());
                    }
                    for worksheet in worksheets {
                        let selected = cx.state.screen == Screen::Worksheet(worksheet.id.clone());
                        let response = ui
                            .horizontal(|ui| {
                                ui.add_space(8.0);
                                ui.selectable_label(selected, &worksheet.title)
                            })
                            .inner;
                        let response = if worksheet.summary.is_empty() {
                            response
                        } else {
                            response.on_hover_text(&worksheet.summary)
                        };
                        if response.clicked() {
                            open = Some(worksheet.id.clone());
                        }
                    }
                }
                if let Some(id) = open {
                    cx.navigate(Screen::Worksheet(id));
                }
                if let Some(id) = open_section {
                    cx.navigate(Screen::Section(id));
                }
                ui.add_space(12.0);
                ui.separator();
                if icon::selectable(
                    ui,
                    cx.state.screen == Screen::Share,
                    icon::SHARE,
                    "Share with my facilitator",
                )
                .clicked()
                {
                    cx.navigate(Screen::Share);
                }
                if icon::selectable(
                    ui,
                    cx.state.screen == Screen::Group,
                    icon::GROUP,
                    "Group progress (facilitators)",
                )
                .clicked()
                {
                    cx.navigate(Screen::Group);
                }
                if icon::selectable(
                    ui,
                    cx.state.screen == Screen::Register,
                    icon::NOTEBOOK,
                    "Group register (facilitators)",
                )
                .clicked()
                {
                    cx.navigate(Screen::Register);
                }
                let trash =
                    icon::selectable(ui, cx.state.screen == Screen::Trash, icon::TRASH, "Trash")
                        .on_hover_text("Deleted entries, which you can restore");
                super::keyboard::remember_last_of_sidebar(ui.ctx(), trash.id);
                if trash.clicked() {
                    cx.navigate(Screen::Trash);
                }
                super::keyboard::keep_focus_in_view(ui);
            });
    }
}
