//! The app driven as a user would: widgets found by their accessible labels, clicked and typed
//! into, then checked on screen and on disk.

use std::fs;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rapport::ui::{Screen, Shell, Tab, UiState};
use rapport_core::content::entry::Answer;
use rapport_core::content::workbook::Workbook;
use rapport_core::storage::journal::read_entry_file;
use rapport_core::storage::layout::DataDir;

use crate::common::{TestClock, entries, type_into};

fn app(dir: &Path) -> Harness<'static, Shell> {
    app_with(dir, UiState::default())
}

fn app_with(dir: &Path, state: UiState) -> Harness<'static, Shell> {
    let shell = Shell::new(DataDir::new(dir), state);
    let mut harness = Harness::builder()
        // Tall enough that a whole worksheet is on screen and every widget can be clicked.
        .with_size([1280.0, 4000.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    harness
}

fn prompt(worksheet: &str, step: &str) -> String {
    Workbook::bundled()
        .get(worksheet)
        .and_then(|w| w.step(step))
        .map(|s| s.prompt.clone())
        .expect("the step exists")
}

/// Opens a worksheet from the sidebar.
fn open(harness: &mut Harness<'static, Shell>, title: &str) {
    harness
        .get_all_by_label(title)
        .next()
        .expect("the worksheet is in the sidebar")
        .click();
    harness.run();
}

fn click(harness: &mut Harness<'static, Shell>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn saving_a_worksheet_puts_it_in_history_on_disk_and_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");

    let situation = prompt("coping-skills", "situation");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "Mum rang and we argued about her care",
    );
    click(&mut harness, "Intensity before: 8");
    click(&mut harness, "Intensity after: 4");
    click(&mut harness, "Save");

    // History opens with the new entry, and the notice confirms the save.
    assert_eq!(harness.state().ui_state().tab, Tab::History);
    harness.get_by_label_contains("Saved.");
    harness.get_by_label("Mum rang and we argued about her care");

    // The file on disk parses back with the same answers.
    let saved = entries(&harness);
    assert_eq!(saved.len(), 1);
    let path = dir
        .path()
        .join("journal")
        .join(format!("{}.ron", saved[0].id));
    let on_disk = read_entry_file(&path, &rapport_core::storage::seal::Sealing::Plain).unwrap();
    assert_eq!(
        on_disk.answers["situation"],
        Answer::Text("Mum rang and we argued about her care".into())
    );
    assert_eq!(on_disk.answers["intensity_before"], Answer::Number(8));
    assert_eq!(on_disk.answers["intensity_after"], Answer::Number(4));
    assert_eq!(on_disk, saved[0]);

    // Progress shows the new point.
    click(&mut harness, "Progress");
    let series = harness.state().charts().series();
    let values = |id: &str| -> Vec<i64> {
        series
            .iter()
            .find(|s| s.step_id == id)
            .map(|s| s.points.iter().map(|p| p.value).collect())
            .unwrap_or_default()
    };
    assert_eq!(values("intensity_before"), [8]);
    assert_eq!(values("intensity_after"), [4]);
    harness.get_by_label_contains("Intensity before: latest 8");

    // A chart saved as PNG lands in exports/, says where, and offers a copy elsewhere.
    harness
        .get_all_by_label_contains(" as PNG")
        .next()
        .expect("a Save as PNG button")
        .click();
    harness.run();
    harness.get_by_label_contains("Saved to");
    harness.get_by_label("Save a copy elsewhere…");
    let exports: Vec<_> = fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1);
    assert_eq!(exports[0].extension().unwrap(), "png");
}

#[test]
fn ctrl_s_saves_and_blank_forms_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Forgiveness");

    click(&mut harness, "Save");
    harness.get_by_label("Nothing to save yet: answer at least one step.");
    assert!(entries(&harness).is_empty());

    click(&mut harness, "Readiness to forgive: 3");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = entries(&harness);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].answers["readiness"], Answer::Number(3));
}

#[test]
fn editing_keeps_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Setting boundaries");
    click(&mut harness, "Confidence before: 3");
    click(&mut harness, "Save");

    click(&mut harness, "Edit");
    assert_eq!(harness.state().ui_state().tab, Tab::Fill);
    harness.get_by_label_contains("You are editing your entry");
    click(&mut harness, "Confidence before: 6");
    click(&mut harness, "Save changes");

    let saved = entries(&harness);
    assert_eq!(
        saved.len(),
        1,
        "an edit changes the entry, it does not add one"
    );
    assert_eq!(saved[0].answers["confidence_before"], Answer::Number(6));
    let journal = harness.state().model().unwrap().journal();
    let versions = journal.versions(&saved[0].id);
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].answers["confidence_before"], Answer::Number(3));
    harness.get_by_label("Earlier versions (1)");
}

#[test]
fn delete_can_be_undone_and_restored_from_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    click(&mut harness, "Intensity before: 5");
    click(&mut harness, "Save");
    let id = entries(&harness)[0].id.clone();

    click(&mut harness, "Delete");
    assert!(entries(&harness).is_empty());
    assert!(dir.path().join("trash").join(format!("{id}.ron")).exists());
    click(&mut harness, "Undo");
    assert_eq!(entries(&harness).len(), 1);

    click(&mut harness, "Delete");
    click(&mut harness, "Trash");
    let restore = harness.get_by_label_contains("Restore Coping skills entry");
    restore.click();
    harness.run();
    assert_eq!(entries(&harness).len(), 1);
    assert!(
        dir.path()
            .join("journal")
            .join(format!("{id}.ron"))
            .exists()
    );
    harness.get_by_label(
        "The trash is empty. Entries you delete come here, and you can bring them back.",
    );
}

#[test]
fn a_corrupt_file_is_listed_as_a_problem_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let workbook = Workbook::bundled();
    let mut journal = rapport_core::storage::journal::Journal::open(data.clone()).unwrap();
    let mut answers = rapport_core::content::entry::Answers::new();
    answers.insert("situation".into(), Answer::Text("A good entry".into()));
    journal
        .add(workbook.get("coping-skills").unwrap(), answers)
        .unwrap();
    let broken = data.journal().join("20250101T000000Z-coping-skills.ron");
    fs::write(
        &broken,
        "(version: 1, id: \"20250101T000000Z-coping-skills\", answers: {",
    )
    .unwrap();

    let mut harness = app(dir.path());
    click(&mut harness, "1 problem");
    assert_eq!(harness.state().ui_state().screen, Screen::Problems);
    harness.get_by_label(&broken.display().to_string());
    harness.get_by_label_contains("This entry could not be read at line 1");

    open(&mut harness, "Coping skills");
    click(&mut harness, "History");
    harness.get_by_label_contains(": A good entry");
    // The broken file is untouched.
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "(version: 1, id: \"20250101T000000Z-coping-skills\", answers: {"
    );
}

#[test]
fn leaving_a_worksheet_with_unsaved_answers_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    let situation = prompt("coping-skills", "situation");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "Half-written thought",
    );

    open(&mut harness, "Forgiveness");
    harness.get_by_label("Unsaved answers");
    click(&mut harness, "Keep editing");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("coping-skills".into())
    );
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &situation);
    assert_eq!(field.value().as_deref(), Some("Half-written thought"));

    // Getting help never waits on the question, and keeps the answers.
    click(&mut harness, "Get help now");
    assert_eq!(harness.state().ui_state().screen, Screen::Help);
    open(&mut harness, "Coping skills");
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &situation);
    assert_eq!(field.value().as_deref(), Some("Half-written thought"));

    open(&mut harness, "Forgiveness");
    click(&mut harness, "Leave without saving");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("forgiveness".into())
    );
    assert!(entries(&harness).is_empty());
}

#[test]
fn the_chart_is_rendered_once_per_change_not_every_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    click(&mut harness, "Intensity before: 6");
    click(&mut harness, "Save");
    click(&mut harness, "Progress");
    // Coping skills has two charts: the trend, and intensity before and after.
    harness.get_by_label("Chart: Coping skills");
    harness.get_by_label("Chart: Intensity: before and after");
    assert_eq!(harness.state().charts().renders(), 2);
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(
        harness.state().charts().renders(),
        2,
        "idle frames do not re-render"
    );

    click(&mut harness, "Worksheet");
    click(&mut harness, "Intensity before: 2");
    click(&mut harness, "Intensity after: 1");
    click(&mut harness, "Save");
    click(&mut harness, "Progress");
    assert_eq!(
        harness.state().charts().renders(),
        4,
        "a new entry re-renders each chart once"
    );
    assert_eq!(harness.state().charts().series()[0].points.len(), 2);
}

#[test]
fn every_bundled_worksheet_opens_and_can_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = Workbook::bundled();
    let mut harness = app(dir.path());
    for worksheet in workbook.worksheets() {
        open(&mut harness, &worksheet.title);
        harness.get_by_label("About this worksheet");
        if let Some(questionnaire) = worksheet.questionnaire() {
            let first = &questionnaire.responses[0].label;
            for number in 1..=questionnaire.items.len() {
                click(&mut harness, &format!("Question {number}: {first}"));
            }
        } else {
            let rating = worksheet
                .steps
                .iter()
                .find_map(|step| match &step.field {
                    rapport_core::content::worksheet::Field::Rating(scale) => {
                        Some((step, scale.max))
                    }
                    _ => None,
                })
                .expect("every bundled worksheet has a rating or a questionnaire");
            click(&mut harness, &format!("{}: {}", rating.0.label, rating.1));
        }
        click(&mut harness, "Save");
        assert_eq!(
            harness
                .state()
                .model()
                .unwrap()
                .journal()
                .entries_for(&worksheet.id)
                .len(),
            1,
            "{} saved",
            worksheet.id
        );
    }
}

#[test]
fn settings_change_the_theme_and_show_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Settings");
    harness.get_by_label(&dir.path().display().to_string());
    click(&mut harness, "Dark");
    assert!((harness.ctx.theme() == egui::Theme::Dark));
    click(&mut harness, "Light");
    assert!(!(harness.ctx.theme() == egui::Theme::Dark));
}

#[test]
fn the_saved_notice_floats_over_the_page_and_never_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    let situation = prompt("coping-skills", "situation");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "A calm talk with Sam",
    );
    click(&mut harness, "Save");
    // Saving shows the entry in History, with the notice floating over the foot of the page.
    let notice = harness.get_by_label_contains("Saved.").rect();
    let entry = harness.get_by_label("A calm talk with Sam").rect();
    assert!(
        !notice.intersects(entry),
        "the notice covers the new entry: {notice:?} over {entry:?}"
    );
    click(&mut harness, "Dismiss");
    assert!(harness.query_by_label_contains("Saved.").is_none());
    let after = harness.get_by_label("A calm talk with Sam").rect();
    assert_eq!(entry, after, "the page moved when the notice went");

    // Back on the worksheet, a notice sits above the Save bar, never over its buttons.
    click(&mut harness, "Worksheet");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "A second talk",
    );
    click(&mut harness, "Save");
    click(&mut harness, "Worksheet");
    let notice = harness.get_by_label_contains("Saved.").rect();
    let save = harness.get_by_label("Save").rect();
    assert!(
        notice.max.y < save.min.y,
        "the notice covers the Save bar: {notice:?} over {save:?}"
    );

    // A plain notice goes by itself after a few seconds.
    let now = harness.ctx.input(|input| input.time);
    harness.input_mut().time = Some(now + 3.0);
    harness.run();
    assert!(
        harness.query_by_label_contains("Saved.").is_some(),
        "gone too soon"
    );
    harness.input_mut().time = Some(now + 9.0);
    harness.run();
    assert!(harness.query_by_label_contains("Saved.").is_none());
}

#[test]
fn a_dialog_is_drawn_over_the_notice_not_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    let situation = prompt("coping-skills", "situation");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "A calm talk with Sam",
    );
    click(&mut harness, "Save");
    click(&mut harness, "Worksheet");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "Not saved yet",
    );
    // Leaving with answers unsaved asks first, while the notice of the save is still there.
    open(&mut harness, "Forgiveness");
    harness.get_by_label("Unsaved answers");
    let notice = harness.get_by_label_contains("Saved.").rect();
    // As if the notice had come after the dialog opened (a backup's news, say): egui puts a
    // newly shown area at the top of its order.
    let notice_layer = harness
        .ctx
        .memory(|memory| {
            memory
                .layer_ids()
                .find(|layer| layer.id == egui::Id::unique("notice"))
        })
        .expect("the notice is an area of its own");
    harness
        .ctx
        .memory_mut(|memory| memory.areas_mut().move_to_top(notice_layer));
    harness.run();
    let on_top = harness
        .ctx
        .layer_id_at(notice.center())
        .expect("something is drawn there");
    assert_eq!(
        on_top.order,
        egui::Order::Foreground,
        "the dialog's backdrop covers the notice"
    );
    assert_ne!(on_top.id, egui::Id::unique("notice"));
}

#[test]
fn settings_say_what_protection_does_and_keep_the_cipher_names_in_how_it_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Settings");
    harness.get_by_label_contains("sealed, so it can only be read with your passphrase");
    for jargon in ["XChaCha20", "Poly1305", "Argon2"] {
        assert!(
            harness.query_by_label_contains(jargon).is_none(),
            "{jargon} is on the main Settings screen"
        );
    }
    click(&mut harness, "How it works");
    harness.get_by_label_contains("XChaCha20-Poly1305");
    harness.get_by_label_contains("Argon2id");
}

#[test]
fn after_a_restart_the_app_opens_on_today_and_offers_to_continue_the_last_worksheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Forgiveness");
    click(&mut harness, "Get help now");
    // What eframe keeps at close, and gives back at the next start.
    let state = harness.state().ui_state().clone();
    assert_eq!(state.screen, Screen::Help);

    let mut harness = app_with(dir.path(), state.restarted());
    assert_eq!(harness.state().ui_state().screen, Screen::Today);
    assert!(harness.query_by_label("Your safety plan").is_none());
    click(&mut harness, "Continue Forgiveness");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("forgiveness".into())
    );

    // Closed on a worksheet: open on Today all the same, with the worksheet to continue.
    let kept = harness.state().ui_state().clone();
    let harness = app_with(dir.path(), kept.restarted());
    assert_eq!(harness.state().ui_state().screen, Screen::Today);
    harness.get_by_label("Continue Forgiveness");
}

#[test]
fn turning_protection_on_leaves_settings_where_it_was_and_puts_lock_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    let settings = harness.get_by_label("Settings").rect();
    assert!(harness.query_by_label("Lock").is_none());

    rapport_core::service::protection::turn_on(
        &DataDir::new(dir.path()),
        "correct horse battery",
        &mut |_, _| {},
    )
    .unwrap();
    harness = app(dir.path());
    crate::common::type_into(
        &mut harness,
        Role::PasswordInput,
        "Passphrase",
        "correct horse battery",
    );
    harness.get_by_label("Unlock").click();
    let started = std::time::Instant::now();
    while harness.state().is_locked() || harness.state().is_busy() {
        assert!(started.elapsed() < std::time::Duration::from_mins(1));
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run();

    let protected = harness.get_by_label("Settings").rect();
    assert_eq!(protected, settings, "Settings stays where it was");
    let lock = harness.get_by_label("Lock").rect();
    assert!(
        lock.max.x + 24.0 <= protected.min.x,
        "Lock is set apart from Settings: {lock:?} and {protected:?}"
    );
}

/// The rectangle of the widget with the keyboard focus.
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method is not general enough over the node's lifetime"
)]
fn focused(harness: &Harness<'static, Shell>) -> egui::Rect {
    harness
        .query_all(egui_kittest::kittest::by().predicate(|node| node.is_focused()))
        .next()
        .expect("a widget has the focus")
        .rect()
}

#[test]
fn f6_moves_between_sidebar_content_and_actions_and_ctrl_k_opens_any_worksheet_or_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Forgiveness");
    let today = harness.get_all_by_label("Today").next().unwrap().rect();
    let help = harness.get_by_label("Get help now").rect();
    let sidebar_edge = harness.get_by_label("Trash").rect().max.x;

    harness.key_press(egui::Key::F6);
    harness.run();
    assert_eq!(focused(&harness), today, "F6 goes to the sidebar first");
    harness.key_press(egui::Key::F6);
    harness.run();
    let content = focused(&harness);
    assert!(
        content.min.x > sidebar_edge && content.min.y > help.max.y,
        "then to the content: {content:?}"
    );
    harness.key_press(egui::Key::F6);
    harness.run();
    assert_eq!(focused(&harness), help, "then to the action bar");
    harness.key_press(egui::Key::F6);
    harness.run();
    assert_eq!(focused(&harness), today, "and round again");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, crate::common::GO_TO)
        .type_text("phq");
    harness.run();
    assert_eq!(
        harness.get_all_by_label("PHQ-9: mood").count(),
        2,
        "the box lists the match beside the sidebar's"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("phq9".into())
    );
    assert!(
        harness.query_by_label(crate::common::GO_TO).is_none(),
        "the box closes"
    );

    // The app's own screens are there too, by their names or a word for them.
    for (typed, screen) in [
        ("settings", Screen::Settings),
        ("trash", Screen::Trash),
        ("crisis", Screen::Help),
    ] {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, crate::common::GO_TO)
            .type_text(typed);
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert_eq!(harness.state().ui_state().screen, screen, "{typed}");
    }
}

#[test]
fn the_last_screen_is_restored_but_a_vanished_worksheet_falls_back_to_today() {
    let dir = tempfile::tempdir().unwrap();
    let state = UiState {
        screen: Screen::Worksheet("forgiveness".into()),
        ..UiState::default()
    };
    let harness = app_with(dir.path(), state.clone());
    harness.get_by_label("About this worksheet");
    let gone = UiState {
        screen: Screen::Worksheet("no-such-worksheet".into()),
        ..state
    };
    let harness = app_with(dir.path(), gone);
    assert_eq!(harness.state().ui_state().screen, Screen::Today);
}

/// Answers every PHQ-9 item: `q9` as given, the others "Several days".
fn fill_phq9(harness: &mut Harness<'static, Shell>, q9: &str) {
    open(harness, "PHQ-9: mood");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("phq9".into())
    );
    assert_eq!(harness.state().ui_state().tab, Tab::Fill);
    for number in 1..=8 {
        click(harness, &format!("Question {number}: Several days"));
    }
    click(harness, &format!("Question 9: {q9}"));
}

#[test]
fn phq9_shows_its_score_and_band_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    fill_phq9(&mut harness, "Not at all");
    harness.get_by_label("PHQ-9 score: 8 of 27 (Mild)");
    click(&mut harness, "Save");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("phq9".into())
    );
    harness.get_by_label_contains("PHQ-9 score: 8 of 27 (Mild).");
    harness.get_by_label("PHQ-9 score: 8 of 27 — Mild");
    let saved = entries(&harness);
    assert_eq!(saved[0].answers["q9"], Answer::Number(0));
    assert_eq!(saved[0].answers["q1"], Answer::Number(1));
}

#[test]
fn phq9_item_nine_above_zero_opens_the_crisis_screen_with_the_safety_plan_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    // A safety plan written earlier.
    open(&mut harness, "My safety plan");
    let add = harness.get_by_label("Add step to Things I can do on my own");
    add.click();
    harness.run();
    harness.get_by_label("Step 1").click();
    harness.run();
    harness
        .get_by_label("Step 1")
        .type_text("Walk round the block with the dog");
    harness.run();
    click(&mut harness, "Save");

    assert_eq!(entries(&harness).len(), 1, "the safety plan was saved");
    fill_phq9(&mut harness, "Several days");
    click(&mut harness, "Save");
    assert_eq!(harness.state().ui_state().screen, Screen::Help);
    harness.get_by_label_contains("You do not have to carry these thoughts alone");
    harness.get_by_label("• Walk round the block with the dog");
    // The entry was saved before the crisis screen opened.
    assert_eq!(
        harness
            .state()
            .model()
            .unwrap()
            .journal()
            .entries_for("phq9")
            .len(),
        1
    );
    // The plan is shown above the emergency numbers.
    let plan = harness
        .get_by_label("• Walk round the block with the dog")
        .rect();
    let emergency = harness
        .get_by_label_contains("Emergency numbers include")
        .rect();
    assert!(plan.top() < emergency.top());
}

#[test]
fn my_numbers_are_saved_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Get help now");
    harness.get_by_label("Samaritans");
    click(&mut harness, "Add or change my numbers");
    click(&mut harness, "Add a person or number");
    harness.get_by_label("Name 1").click();
    harness.run();
    harness.get_by_label("Name 1").type_text("Auntie Rose");
    harness.run();
    harness.get_by_label("Number 1").click();
    harness.run();
    harness.get_by_label("Number 1").type_text("0161 496 0000");
    harness.run();
    click(&mut harness, "Save my numbers");
    harness.get_by_label("Auntie Rose: 0161 496 0000");
    let saved = fs::read_to_string(dir.path().join("crisis.ron")).unwrap();
    assert!(
        saved.contains("Auntie Rose") && saved.contains("0161 496 0000"),
        "{saved}"
    );
}

#[test]
fn the_closeness_circle_is_drawn_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Closeness circle");
    click(&mut harness, "Add person to My circle");
    harness.get_by_label("Person 1").click();
    harness.run();
    harness.get_by_label("Person 1").type_text("Sam");
    harness.run();
    click(&mut harness, "Person 1: Close");
    harness.get_by_label("Closeness circle: Sam (Close)");
    click(&mut harness, "Save");
    let saved = entries(&harness);
    assert_eq!(
        saved[0].answers["circle"],
        Answer::Placements(vec![rapport_core::content::entry::Placement {
            name: "Sam".into(),
            ring: 2
        }])
    );
}

#[test]
fn a_section_page_introduces_its_worksheets() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Check-ins");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Section("check-ins".into())
    );
    click(&mut harness, "Open GAD-7: worry and anxiety");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("gad7".into())
    );
}

#[test]
fn today_greets_shows_check_ins_and_suggests_what_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    // A first visit: a welcome and somewhere to start.
    harness.get_by_label_contains("Rapport is a workbook for the skills of Interpersonal Therapy");
    harness.get_by_label("Start My starting point");
    fill_phq9(&mut harness, "Not at all");
    click(&mut harness, "Save");
    click(&mut harness, "Today");
    harness.get_by_label_contains("PHQ-9 score: 8 (Mild)");
    // Its card draws the scores so far, on the PHQ-9's own scale.
    harness.get_by_label("Latest scores, oldest first: 8");
    harness.get_by_label("You have written on one day this week.");
    // This week as dots: today is among the days written on.
    let week = harness.get_by_label_contains("Days this week: ");
    let label = week.accesskit_node().label().unwrap_or_default();
    let today = rapport_core::time::LocalTime::now().date().strftime("%A");
    assert!(label.contains(&format!("{today} written")), "{label}");
    // Suggestions open worksheets.
    let start = harness.get_all_by_label_contains("Start ").next().unwrap();
    start.click();
    harness.run();
    assert!(matches!(
        harness.state().ui_state().screen,
        Screen::Worksheet(_)
    ));
}

#[test]
fn the_overview_draws_each_chart_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    fill_phq9(&mut harness, "Not at all");
    click(&mut harness, "Save");
    click(&mut harness, "Progress overview");
    harness.get_by_label("Chart: Entries per week");
    harness.get_by_label("Chart: Days practised this year");
    harness.get_by_label("Chart: PHQ-9: mood");
    harness.get_by_label("Chart: Closeness over time");
    let renders = harness.state().overview_renders();
    assert_eq!(renders, 4);
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(harness.state().overview_renders(), renders);
}

#[test]
fn presenting_a_session_moves_with_the_keys_times_items_and_keeps_notes_apart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::rc::Rc::new(TestClock(std::cell::Cell::new(0.0)));
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default()).with_clock(clock.clone());
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    click(&mut harness, "Programmes");
    click(
        &mut harness,
        "Open Relationship skills workshop: four sessions",
    );
    harness
        .get_by_label_contains("Session 1: Boundaries")
        .click();
    harness.run();
    // Below the fold at this size: pressed through AccessKit, as a screen reader would.
    harness.get_by_label("Present session 1").click_accesskit();
    harness.run();
    let presentation = harness.state().presentation().expect("presenting");
    assert_eq!(presentation.position().0, 1);

    // The title slide, then the first agenda item, which is timed.
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    let slide = harness
        .state()
        .presentation()
        .unwrap()
        .current()
        .unwrap()
        .clone();
    let minutes = slide.minutes.expect("agenda items are timed");
    harness.get_by_label(&slide.heading);
    harness.get_by_label(&format!("{minutes}:00 left"));
    clock.0.set(61.0);
    harness.run();
    let left = u64::from(minutes) * 60 - 61;
    harness.get_by_label(&format!("{}:{:02} left", left / 60, left % 60));
    clock.0.set(f64::from(minutes) * 60.0 + 5.0);
    harness.run();
    harness.get_by_label("Time to draw this part to a close");

    // The timer can be hidden from the room.
    harness.key_press(egui::Key::T);
    harness.run();
    assert!(
        harness
            .query_by_label("Time to draw this part to a close")
            .is_none()
    );

    // Notes show only in the notes view.
    assert!(!slide.notes.is_empty(), "the first slide has notes to hide");
    let first_line = slide.notes.split("\n\n").next().unwrap().trim().to_owned();
    assert!(harness.query_by_label(&first_line).is_none());
    harness.key_press(egui::Key::N);
    harness.run();
    harness.get_by_label(&first_line);
    harness.key_press(egui::Key::N);
    harness.run();

    // Space moves on, Left goes back, Esc leaves.
    harness.key_press(egui::Key::Space);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().position().0, 3);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().position().0, 2);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().presentation().is_none());
}

#[test]
fn the_share_preview_is_exactly_the_file_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    fill_phq9(&mut harness, "Not at all");
    click(&mut harness, "Save");
    click(&mut harness, "Share with my facilitator");
    type_into(&mut harness, Role::TextInput, "Group code", "MAPLE-7");
    type_into(&mut harness, Role::TextInput, "Pseudonym", "Robin");
    click(&mut harness, "Show the file");
    let preview = harness
        .get_by_role(Role::MultilineTextInput)
        .value()
        .expect("the preview shows the file");
    assert!(preview.contains("pseudonym: \"Robin\"") && preview.contains("group: \"MAPLE-7\""));
    click(&mut harness, "Save share file");
    let exports = dir.path().join("exports");
    let written: Vec<_> = fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1);
    assert_eq!(fs::read_to_string(&written[0]).unwrap(), preview);
    harness.get_by_label_contains("Give this file to your facilitator");
}

#[test]
fn the_facilitator_imports_good_files_and_names_the_skipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let shares = tempfile::tempdir().unwrap();
    let good = |name: &str, score: i64| {
        format!(
            "(kind: \"rapport-share\", version: 1, programme: \"group-ipt\", group: \"MAPLE-7\", pseudonym: \"{name}\", created: \"2026-11-25T10:00:00+00:00\", series: [(id: \"phq9\", label: \"PHQ-9 score\", min: 0, max: 27, points: [(\"2026-11-02\", {score}), (\"2026-11-20\", 5)])])"
        )
    };
    fs::write(shares.path().join("a.ron"), good("Robin", 14)).unwrap();
    fs::write(shares.path().join("b.ron"), good("Ash", 9)).unwrap();
    fs::write(
        shares.path().join("c.ron"),
        good("Kit", 9).replace("MAPLE-7", "OAK-1"),
    )
    .unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Group progress (facilitators)");
    harness.get_by_label_contains("not a clinical assessment");
    let folder = harness.get_by_role_and_label(Role::TextInput, "Folder of share files");
    folder.click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Folder of share files")
        .type_text(shares.path().to_str().unwrap());
    harness.run();
    type_into(&mut harness, Role::TextInput, "Group code", "MAPLE-7");
    click(&mut harness, "Import");
    harness.get_by_label("2 participants' files imported.");
    harness.get_by_label_contains("c.ron");
    harness.get_by_label("Chart: PHQ-9 score");
    harness.get_by_label_contains("PHQ-9 score: n = 2, fewer than 3 shared");
    // No individual figures until a participant is opened.
    assert!(harness.query_by_label_contains("2026-11-02: 14").is_none());
}

#[test]
fn handouts_print_from_the_worksheet_history_and_programme() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    click(&mut harness, "Blank handout (PDF)");
    harness.get_by_label_contains("Handout saved to");
    let blank = fs::read(dir.path().join("exports").join("coping-skills-blank.pdf")).unwrap();
    assert!(blank.starts_with(b"%PDF"));
    click(&mut harness, "Intensity before: 4");
    click(&mut harness, "Save");
    click(&mut harness, "Print (PDF)");
    let id = entries(&harness)[0].id.clone();
    assert!(
        dir.path()
            .join("exports")
            .join(format!("{id}.pdf"))
            .exists()
    );
    click(&mut harness, "Programmes");
    click(
        &mut harness,
        "Open Relationship skills workshop: four sessions",
    );
    harness.get_by_label_contains("Session 2: Conflict").click();
    harness.run();
    click(&mut harness, "Handout for session 2");
    assert!(
        dir.path()
            .join("exports")
            .join("skills-workshop-session-2.pdf")
            .exists()
    );
}

#[test]
fn typed_answers_survive_a_crash_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let situation = prompt("coping-skills", "situation");
    {
        let mut harness = app(dir.path());
        open(&mut harness, "Coping skills");
        type_into(
            &mut harness,
            Role::MultilineTextInput,
            &situation,
            "Words I must not lose",
        );
        click(&mut harness, "Intensity before: 9");
        // Typing pauses; the draft is written a moment later, not on every keystroke.
        assert!(!dir.path().join("drafts").join("coping-skills.ron").exists());
        for _ in 0..150 {
            harness.step();
        }
        assert!(dir.path().join("drafts").join("coping-skills.ron").exists());
        // The app now "crashes": dropped without saving or asking.
    }
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    harness.get_by_label_contains("Your unsaved answers from");
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &situation);
    assert_eq!(field.value().as_deref(), Some("Words I must not lose"));
    click(&mut harness, "Save");
    assert_eq!(
        entries(&harness)[0].answers["intensity_before"],
        Answer::Number(9)
    );
    assert!(
        !dir.path().join("drafts").join("coping-skills.ron").exists(),
        "saved, so the draft is gone"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open(&mut harness, "Coping skills");
    // The journal folder cannot be created: a file is in its place (as root, permissions alone
    // would not stop a write, so this is how the test makes the disk refuse).
    fs::write(dir.path().join("journal"), "not a folder").unwrap();
    let situation = prompt("coping-skills", "situation");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        &situation,
        "Still here after the error",
    );
    click(&mut harness, "Save");
    harness.get_by_label_contains("Could not save the entry");
    assert_eq!(harness.state().ui_state().tab, Tab::Fill);
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, &situation);
    assert_eq!(field.value().as_deref(), Some("Still here after the error"));
    assert!(harness.state().model().unwrap().journal().is_empty());
}

#[test]
fn an_unreadable_crisis_file_is_listed_under_problems_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let crisis = dir.path().join("crisis.ron");
    fs::write(
        &crisis,
        "(version: 1, my_numbers: [(name: \"Sam\", number: ",
    )
    .unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "1 problem");
    harness.get_by_label_contains("Your crisis contacts could not be read");
    harness.get_by_label(&crisis.display().to_string());
    assert_eq!(
        fs::read_to_string(&crisis).unwrap(),
        "(version: 1, my_numbers: [(name: \"Sam\", number: "
    );
}

#[test]
fn an_export_says_where_it_went_and_offers_a_copy_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let state = UiState {
        screen: Screen::Settings,
        ..UiState::default()
    };
    let mut harness = app_with(dir.path(), state);
    click(&mut harness, "Export CSV");
    harness.get_by_label_contains("entries exported to");
    harness.get_by_label("Show in folder");
    harness.get_by_label("Save a copy elsewhere…");
    let exports: Vec<_> = fs::read_dir(dir.path().join("exports")).unwrap().collect();
    assert_eq!(exports.len(), 1);
}

/// The appointment summary: reached from Progress, it previews exactly what will be printed,
/// leaves out written answers until ticked, and saves the PDF where the person says.
#[test]
fn the_appointment_summary_previews_what_prints_and_saves_where_asked() {
    const MARKER: &str = "Quokka-private-words";
    let dir = tempfile::tempdir().unwrap();
    {
        let mut model =
            rapport_core::service::model::Model::open(DataDir::new(dir.path())).unwrap();
        let mut answers = rapport_core::content::entry::Answers::new();
        for i in 1..=9 {
            answers.insert(format!("q{i}"), Answer::Number(1));
        }
        model.save_new("phq9", answers).unwrap();
        let mut coping = rapport_core::content::entry::Answers::new();
        coping.insert("situation".into(), Answer::Text(MARKER.into()));
        coping.insert("intensity_before".into(), Answer::Number(6));
        model.save_new("coping-skills", coping).unwrap();
    }
    let mut harness = app(dir.path());
    click(&mut harness, "Progress overview");
    click(&mut harness, "Summary for my appointment…");
    harness.get_by_label("What will be printed");
    harness.get_by_label_contains("PHQ-9: mood: latest 9 of 27, mild");
    assert!(harness.query_by_label_contains(MARKER).is_none());
    // Ticking a worksheet lets its words in, and the preview shows them.
    harness
        .get_by_label_contains("What I wrote: 0 of 1 ticked")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Coping skills")
        .click();
    harness.run();
    harness.get_by_label_contains(MARKER);
    // Leaving the check-ins out takes them out of the preview.
    harness
        .get_by_role_and_label(Role::CheckBox, "Check-ins, with their bands")
        .click();
    harness.run();
    assert!(harness.query_by_label_contains("latest 9 of 27").is_none());
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "What I want to talk about",
        "Sleep",
    );
    harness.get_by_label_contains("What I want to talk about: Sleep");

    // No file chooser here: the person is offered a place to type, and nothing is saved yet.
    click(&mut harness, "Save PDF…");
    for _ in 0..5 {
        harness.run();
    }
    let exports = DataDir::new(dir.path()).exports();
    assert!(!exports.exists() || fs::read_dir(&exports).unwrap().count() == 0);
    let today = rapport_core::time::LocalTime::now().date();
    let target = DataDir::new(dir.path()).export_file(&format!("appointment-summary-{today}.pdf"));
    harness.get_by_role_and_label(Role::TextInput, "Save to");
    click(&mut harness, "Save");
    let bytes = fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn a_learner_follows_the_self_guided_course_week_by_week() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Programmes");
    harness.get_by_label_contains("16 weeks.");
    click(
        &mut harness,
        "Open Interpersonal Therapy on your own (12 weeks, up to 16)",
    );
    // A course for one person says so, not the facilitators' note.
    harness.get_by_label_contains("This course is self-help, to follow at your own pace");
    click(&mut harness, "Follow this programme at home");
    harness.get_by_label("You are following this programme: week 1 of 16.");
    // The week reads as the learner's own: its items and their text.
    harness
        .get_by_label_contains("Week 1: depression, the sick role and your starting point (")
        .click();
    harness.run();
    harness.get_by_label("What depression is (10 min)");
    harness.get_by_label_contains("Depression is more than feeling sad.");

    // Today follows the week and suggests its worksheets.
    click(&mut harness, "Today");
    harness.get_by_label_contains("week 1 of 16, “Week 1: depression, the sick role");
    harness.get_by_label("Start PHQ-9: mood");
    harness.get_by_label("Start My starting point");

    // Done with week 1: week 2 starts with the weekly check-in and the map of people.
    click(&mut harness, "Programmes");
    click(
        &mut harness,
        "Open Interpersonal Therapy on your own (12 weeks, up to 16)",
    );
    click(&mut harness, "I have done this week");
    harness.get_by_label("You are following this programme: week 2 of 16.");
    click(&mut harness, "Today");
    harness.get_by_label_contains("week 2 of 16");
    harness.get_by_label("Start Weekly check-in");
    harness.get_by_label("Start Closeness circle");
    harness.get_by_label("Start Interpersonal inventory");
    click(&mut harness, "Start Weekly check-in");
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("weekly-check-in".to_owned())
    );
}

/// The relaxation worksheet's breathing step has the pacer: it starts, shows the breath and the
/// time left, and stops; with "Reduce motion" on, it shows words and a count, not a circle.
#[test]
fn the_breathing_pacer_starts_counts_and_stops_and_respects_reduce_motion() {
    for reduce_motion in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let state = UiState {
            screen: Screen::Worksheet("relaxation".into()),
            reduce_motion,
            ..UiState::default()
        };
        let mut harness = app_with(dir.path(), state);
        assert!(harness.query_by_label_contains("left").is_none());
        // While it runs the pacer repaints (every frame, or once a second), so step, not run.
        harness.get_by_label("Start the breathing pacer").click();
        harness.run_steps(3);
        if reduce_motion {
            harness.get_by_label("Breathe in… 4");
        } else {
            harness.get_by_label("Breathe in");
        }
        harness.get_by_label_contains("3:00 left");
        assert!(harness.query_by_label_contains("0:00 left").is_none());
        harness.get_by_label("Stop the breathing pacer").click();
        harness.run_steps(3);
        assert!(harness.query_by_label("Breathe in").is_none());
        harness.get_by_label("Start the breathing pacer");
    }
}

#[test]
fn the_sidebar_keeps_sharing_the_group_screens_and_the_trash_in_view_and_sections_fold() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::new(DataDir::new(dir.path()), UiState::default());
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run();
    // Below the worksheets, which scroll, and in view without scrolling at 760 high.
    for label in [
        "Share with my facilitator",
        "Group progress (facilitators)",
        "Group register (facilitators)",
        "Trash",
    ] {
        let rect = harness.get_by_label(label).rect();
        assert!(rect.max.y <= 760.0, "{label} at {rect:?}");
    }
    // A section folds away its worksheets and unfolds them again.
    harness.get_by_label("Weekly check-in");
    harness.get_by_label("Fold Check-ins").click();
    harness.run();
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("Unfold Check-ins").click();
    harness.run();
    harness.get_by_label("Weekly check-in").click();
    harness.run();
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("weekly-check-in".to_owned())
    );
}

#[test]
fn the_top_bars_go_to_button_opens_the_box_with_its_field_ready_for_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.get_by_label("Go to…  Ctrl+K").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, crate::common::GO_TO);
    assert!(field.is_focused(), "typing goes straight into the box");
    field.type_text("grief");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().ui_state().screen,
        Screen::Worksheet("grief-and-loss".into())
    );
}
