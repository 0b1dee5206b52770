//! A worksheet's History: a search box, entries under month headings, and a count.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use rapport::ui::{Screen, Shell, Tab, UiState};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;
use rapport_core::time::LocalTime;

fn at(when: &str) -> LocalTime {
    LocalTime::with_offset(when.parse().unwrap(), jiff::tz::Offset::UTC)
}

fn save(model: &mut Model, when: &str, situation: &str) {
    let answers: Answers = [("situation".to_owned(), Answer::Text(situation.to_owned()))].into();
    model
        .save_new_at("coping-skills", answers, at(when))
        .unwrap();
}

fn history(dir: &std::path::Path) -> Harness<'static, Shell> {
    history_at(dir, [1100.0, 760.0])
}

fn history_at(dir: &std::path::Path, size: [f32; 2]) -> Harness<'static, Shell> {
    let state = UiState {
        screen: Screen::Worksheet("coping-skills".into()),
        tab: Tab::History,
        ..UiState::default()
    };
    let shell = Shell::new(DataDir::new(dir), state);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

/// Whether the list shows an entry whose summary contains `text`.
fn listed(harness: &Harness<'static, Shell>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).any(|node| {
        node.accesskit_node()
            .label()
            .is_some_and(|label| label.starts_with("Entry from"))
    })
}

#[test]
fn history_searches_groups_by_month_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = Model::open(DataDir::new(dir.path())).unwrap();
    save(
        &mut model,
        "2025-03-20T10:00:00Z",
        "Called MUM about the move",
    );
    save(&mut model, "2025-03-02T10:00:00Z", "A walk by the river");
    save(&mut model, "2025-02-11T10:00:00Z", "Argued with Mum again");
    drop(model);

    let mut harness = history(dir.path());
    harness.get_by_label("3 entries");
    harness.get_by_label("March 2025");
    harness.get_by_label("February 2025");
    assert!(listed(&harness, "A walk by the river"));

    // Typing narrows the list, ignoring case, and the count says so.
    let search = harness.get_by_role_and_label(Role::TextInput, "Search entries");
    search.click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("mum");
    harness.run();
    harness.get_by_label("2 of 3 match");
    assert!(listed(&harness, "Called MUM about the move"));
    assert!(listed(&harness, "Argued with Mum again"));
    assert!(
        !listed(&harness, "A walk by the river"),
        "an entry without the word is hidden"
    );
    assert!(harness.query_by_label("March 2025").is_some());

    // A word in no entry says so, and offers a way back.
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("xyz");
    harness.run();
    harness.get_by_label("None of 3 match");
    harness.get_by_label("Clear the search").click();
    harness.run();
    harness.get_by_label("3 entries");
    assert!(listed(&harness, "A walk by the river"));

    // Ctrl+F goes to the search box from anywhere in History.
    harness
        .get_all_by_label_contains("Entry from")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Search entries")
            .is_focused()
    );
}

#[test]
fn ten_years_of_entries_are_searched_once_per_query_not_every_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = Model::open(DataDir::new(dir.path())).unwrap();
    let written = model.add_demo_entries(10).unwrap();
    assert!(written > 10_000, "ten years of made-up entries: {written}");
    drop(model);
    let mut harness = history(dir.path());
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("mum");
    harness.run();
    harness.get_by_label_contains(" match");

    // With nothing typed, frames only draw the visible rows of the cached result.
    let started = std::time::Instant::now();
    for _ in 0..20 {
        harness.step();
    }
    let per_frame = started.elapsed() / 20;
    eprintln!("History with {written} entries in the journal: {per_frame:?} a frame");
    assert!(
        per_frame < std::time::Duration::from_millis(100),
        "a frame took {per_frame:?}"
    );
}

#[test]
fn ctrl_k_finds_an_entry_by_what_was_written_and_opens_it_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = Model::open(DataDir::new(dir.path())).unwrap();
    // The oldest of three, so that History would not show it unless it was chosen.
    save(
        &mut model,
        "2024-05-04T10:00:00Z",
        "A picnic with my sister by the lake",
    );
    save(&mut model, "2025-01-02T10:00:00Z", "Argued with mum again");
    save(&mut model, "2025-03-20T10:00:00Z", "A walk by the river");
    drop(model);
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default());
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, crate::common::GO_TO)
        .type_text("SISTER");
    harness.run();
    let found: Vec<String> = harness
        .query_all_by(|node| {
            node.label()
                .is_some_and(|label| label.starts_with("Coping skills, "))
        })
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(
        found,
        ["Coping skills, Sat 4 May 2024, 10:00: A picnic with my sister by the lake"],
        "one entry has it, shown with its worksheet, date and the words around it"
    );
    harness.get_by_label(&found[0]).click();
    harness.run();

    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("coping-skills".into())
    );
    assert_eq!(harness.state().ui_state().tab, Tab::History);
    // The entry pane's heading is the date of the entry being read (the list's rows are named
    // "Entry from …"): the oldest entry, not the newest that History opens on.
    harness.get_by_label("Sat 4 May 2024, 10:00");
    assert!(harness.query_by_label("Thu 20 Mar 2025, 10:00").is_none());
}

/// The rows of the list that lie inside the window.
fn rows_in_view(harness: &Harness<'static, Shell>, height: f32) -> usize {
    harness
        .query_all_by_label_contains("Entry from")
        .filter(|node| {
            let rect = node.rect();
            rect.top() >= 0.0 && rect.bottom() <= height
        })
        .count()
}

#[test]
fn in_a_small_window_the_list_and_the_entry_take_the_page_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = Model::open(DataDir::new(dir.path())).unwrap();
    for day in 1..=9 {
        save(
            &mut model,
            &format!("2025-03-{day:02}T10:00:00Z"),
            &format!("Day {day}: a talk with my brother"),
        );
    }
    drop(model);
    let mut harness = history_at(dir.path(), [640.0, 420.0]);

    // The list has the page below the worksheet's heading and tabs, not half of it.
    let rows = rows_in_view(&harness, 420.0);
    assert!(rows >= 2, "{rows} entries in view at 640×420");
    assert!(harness.query_by_label("Edit").is_none());

    harness
        .get_by_label("Entry from Sat 8 Mar 2025, 10:00: Day 8: a talk with my brother")
        .click();
    harness.run();
    harness.get_by_label("Sat 8 Mar 2025, 10:00");
    harness.get_by_label("Day 8: a talk with my brother");
    let edit = harness.get_by_label("Edit").rect();
    assert!(edit.bottom() <= 420.0, "Edit is on screen: {edit:?}");
    assert_eq!(rows_in_view(&harness, 420.0), 0, "the entry has the page");

    harness.get_by_label_contains("All entries").click();
    harness.run();
    assert_eq!(rows_in_view(&harness, 420.0), rows);
    assert!(harness.query_by_label("Edit").is_none());

    // Ctrl+F from an open entry goes back to the list, into its search box.
    harness
        .get_by_label("Entry from Sat 8 Mar 2025, 10:00: Day 8: a talk with my brother")
        .click();
    harness.run();
    harness.get_by_label("Edit");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Search entries")
            .is_focused()
    );
    assert!(harness.query_by_label("Edit").is_none());

    // In a wide window both show at once, as before.
    let mut harness = history_at(dir.path(), [1100.0, 760.0]);
    assert!(rows_in_view(&harness, 760.0) >= 4);
    harness.get_by_label("Edit");
    assert!(harness.query_by_label_contains("All entries").is_none());
    harness.run();
}
