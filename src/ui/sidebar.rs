//! The sidebar: the workbook's sections and worksheets, and the trash.

use egui::{RichText, Ui};

use super::icon;
use super::vocabulary::{Cx, Screen, View};

/// Lists the sections and their worksheets; a click opens the worksheet.
pub struct Sidebar;

impl View for Sidebar {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        // The sharing, facilitator and trash screens stay in view under the worksheets, which
        // scroll: the list scrolls in what the foot (as tall as last frame) leaves. Drawn in
        // this order, Tab still goes through the list before the foot. In a low window the
        // foot would leave the list too little, so it scrolls with the list instead.
        let foot_id = egui::Id::unique("rapport-sidebar-foot-height");
        let foot_height: f32 = ui.ctx().data(|d| d.get_temp(foot_id)).unwrap_or(170.0);
        let pinned = ui.available_height() - foot_height >= PINNED_LIST_MIN_HEIGHT;
        let list_height = if pinned {
            ui.available_height() - foot_height
        } else {
            f32::INFINITY
        };
        egui::ScrollArea::vertical()
            .id_salt("sidebar")
            .max_height(list_height)
            .auto_shrink([false, true])
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
                    let fold_id = ui.make_persistent_id(("fold", &section.id));
                    let mut fold = egui::collapsing_header::CollapsingState::load_with_default_open(
                        ui.ctx(),
                        fold_id,
                        true,
                    );
                    let open_now = fold.is_open();
                    ui.horizontal(|ui| {
                        let caret = ui.add(
                            egui::Button::new(if open_now { "▾" } else { "▸" })
                                .frame_when_inactive(false)
                                .min_size(egui::vec2(18.0, 0.0)),
                        );
                        let verb = if open_now { "Fold" } else { "Unfold" };
                        super::widgets::set_accessible_label(
                            ui,
                            &caret,
                            format!("{verb} {}", section.title),
                        );
                        if caret.clicked() {
                            fold.toggle(ui);
                        }
                        let selected = cx.state.screen == Screen::Section(section.id.clone());
                        let header = egui::Button::selectable(
                            selected,
                            RichText::new(&section.title).strong(),
                        )
                        .frame_when_inactive(false);
                        let header = ui.add(header);
                        super::widgets::set_accessible_label(ui, &header, &section.title);
                        if header.on_hover_text("About this section").clicked() {
                            open_section = Some(section.id.clone());
                        }
                    });
                    fold.store(ui.ctx());
                    if !open_now {
                        continue;
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
                if !pinned {
                    foot(ui, cx);
                }
                super::keyboard::keep_focus_in_view(ui);
            });
        if pinned {
            let foot_top = ui.cursor().top();
            foot(ui, cx);
            let height = ui.cursor().top() - foot_top;
            ui.ctx().data_mut(|d| d.insert_temp(foot_id, height));
        }
    }
}

/// The least height the worksheets' list keeps when the foot is pinned below it.
const PINNED_LIST_MIN_HEIGHT: f32 = 300.0;

/// Sharing, the facilitators' screens and the trash.
fn foot(ui: &mut Ui, cx: &mut Cx<'_>) {
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
    let trash = icon::selectable(ui, cx.state.screen == Screen::Trash, icon::TRASH, "Trash")
        .on_hover_text("Deleted entries, which you can restore");
    super::keyboard::remember_last_of_sidebar(ui.ctx(), trash.id);
    if trash.clicked() {
        cx.navigate(Screen::Trash);
    }
}
