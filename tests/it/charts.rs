//! The Progress overview's charts as a person meets them: a colour key under each chart, and a
//! tooltip naming the data under the pointer on every chart, not only the trends.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable, by};
use rapport::ui::{Shell, UiState};
use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;

use crate::common::click_each;

/// The app on a data folder with a year of made-up entries, showing the Progress overview.
fn overview(dir: &std::path::Path) -> Harness<'static, Shell> {
    let mut model = Model::open(DataDir::new(dir)).unwrap();
    model.add_demo_entries(1).unwrap();
    drop(model);
    let shell = Shell::new(DataDir::new(dir), UiState::default());
    let mut harness = Harness::builder()
        // Tall enough that every chart of the overview is on screen.
        .with_size([1100.0, 3200.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    click_each(&mut harness, &["Progress overview"]);
    harness
}

/// The labels on screen (a widget's name, or a text's words) that contain `part`.
fn texts_containing(harness: &Harness<'static, Shell>, part: &str) -> Vec<String> {
    harness
        .query_all(by().predicate(|node| {
            node.role() == Role::Label
                && node
                    .label()
                    .or_else(|| node.value())
                    .is_some_and(|text| text.contains(part))
        }))
        .filter_map(|node| {
            let node = node.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect()
}

/// Moves the pointer to a point of the chart labelled `chart`, as fractions of its size.
fn hover(harness: &mut Harness<'static, Shell>, chart: &str, (fx, fy): (f32, f32)) {
    let rect = harness.get_by_label(chart).rect();
    harness.hover_at(rect.min + egui::vec2(rect.width() * fx, rect.height() * fy));
    // Tooltips show after the pointer rests a moment (half a second).
    for _ in 0..60 {
        harness.step();
    }
}

#[test]
fn the_calendar_has_a_colour_key_and_every_chart_a_tooltip() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = overview(dir.path());
    // The calendar's colour key, in words beside each shade.
    harness.get_by_label("No entry");
    harness.get_by_label("1 entry");
    harness.get_by_label("2 entries");
    // The weekly chart's legend names "Other" once, as the last entry.
    assert_eq!(texts_containing(&harness, "Other").len(), 1);

    // Over the calendar's middle: a day and its count.
    hover(&mut harness, "Chart: Days practised this year", (0.5, 0.55));
    let days: Vec<String> = texts_containing(&harness, ": ")
        .into_iter()
        .filter(|text| {
            ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "]
                .iter()
                .any(|day| text.starts_with(day))
                && (text.ends_with(" entry") || text.ends_with(" entries"))
        })
        .collect();
    assert_eq!(days.len(), 1, "{:?}", texts_containing(&harness, ": "));

    // Over the weekly chart's middle: the week and its entries.
    hover(&mut harness, "Chart: Entries per week", (0.5, 0.75));
    let weeks = texts_containing(&harness, "Week of ");
    assert_eq!(weeks.len(), 1, "{weeks:?}");
    assert!(
        weeks[0].contains(" entries") || weeks[0].contains(" entry"),
        "{weeks:?}"
    );

    // Away from any chart: no tooltip.
    harness.hover_at(egui::pos2(2.0, 2.0));
    for _ in 0..5 {
        harness.step();
    }
    assert!(texts_containing(&harness, "Week of ").is_empty());
}

#[test]
fn a_person_can_pick_the_worksheets_of_entries_per_week() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = overview(dir.path());
    let legend = |harness: &Harness<'static, Shell>| -> Vec<String> {
        texts_containing(harness, "")
            .into_iter()
            .filter(|text| {
                ["Coping skills", "Grief and loss"].contains(&text.as_str())
                    || text.starts_with("Other (")
            })
            .collect()
    };
    let before = legend(&harness);
    click_each(&mut harness, &["Showing the most used worksheets. Choose…"]);
    // Two ticks in the unfolded list.
    for title in ["Grief and loss", "Coping skills"] {
        harness.get_by_role_and_label(Role::CheckBox, title).click();
        harness.run();
    }
    harness.get_by_label("Showing 2 worksheets you chose. Change…");
    let after = legend(&harness);
    assert!(
        after.contains(&"Coping skills".to_owned()),
        "{before:?} -> {after:?}"
    );
    assert!(after.contains(&"Grief and loss".to_owned()), "{after:?}");
    // Everything else is grouped as Other, after the two picked.
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(after[2].starts_with("Other ("), "{after:?}");
}
