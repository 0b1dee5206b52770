//! Presenting a session: the room's window shows the slide and never the facilitator's notes;
//! the presenter's window shows the slide on show, the next one, the notes and the timers, and
//! its keys move the room's slide; the longest bundled slide fits the room's window.
//!
//! The two windows are drawn by `Presentation::room_ui` and `Presentation::presenter_ui`,
//! tested here in a harness each, sharing one presentation, as the two viewports do.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable, by};
use rapport::ui::{Clock, Presentation};
use rapport_core::content::workbook::Workbook;
use rapport_core::facilitator::slides::{Slide, session_slides};

struct TestClock(Cell<f64>);

impl Clock for TestClock {
    fn now(&self) -> f64 {
        self.0.get()
    }
}

/// Every slide of every session of every bundled programme.
fn all_slides() -> Vec<Slide> {
    let workbook = Workbook::bundled();
    let mut slides = Vec::new();
    for programme in workbook.programmes() {
        for (index, session) in programme.sessions.iter().enumerate() {
            slides.extend(session_slides(&workbook, programme, index + 1, session));
        }
    }
    slides
}

/// The slides of the group programme's second session (the first group session).
fn group_session() -> Vec<Slide> {
    let workbook = Workbook::bundled();
    let group = workbook.programme("group-ipt").unwrap();
    session_slides(&workbook, group, 2, group.session(2).unwrap())
}

fn shared(slides: Vec<Slide>, clock: Rc<TestClock>) -> Rc<RefCell<Presentation>> {
    Rc::new(RefCell::new(Presentation::new(
        "Test session",
        slides,
        clock,
    )))
}

/// The app's fonts and style, as the shell sets them on its first frame.
fn app_look(ctx: &egui::Context, done: &mut bool) {
    if !std::mem::replace(done, true) {
        ctx.set_fonts(rapport::ui::theme::fonts(None));
        rapport::ui::theme::apply(ctx);
    }
}

/// The room's window on `presentation`, at `size`.
fn room(presentation: &Rc<RefCell<Presentation>>, size: [f32; 2]) -> Harness<'static> {
    let presentation = presentation.clone();
    let mut styled = false;
    let mut harness = Harness::builder().with_size(size).build_ui(move |ui| {
        app_look(ui.ctx(), &mut styled);
        egui::CentralPanel::default().show(ui, |ui| presentation.borrow_mut().room_ui(ui));
    });
    harness.run_ok();
    harness
}

/// The presenter's window on `presentation`.
fn presenter(presentation: &Rc<RefCell<Presentation>>) -> Harness<'static> {
    let presentation = presentation.clone();
    let mut styled = false;
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .build_ui(move |ui| {
            app_look(ui.ctx(), &mut styled);
            presentation.borrow_mut().presenter_ui(ui);
        });
    harness.run_ok();
    harness
}

/// Everything with words on screen: labels and the text of text labels.
fn texts(harness: &Harness<'static>) -> Vec<(String, egui::Rect)> {
    harness
        .query_all(by().predicate(|node| node.role() != Role::Window))
        .filter_map(|node| {
            let access = node.accesskit_node();
            let text = access.label().or_else(|| access.value())?;
            (!text.trim().is_empty()).then(|| (text, node.rect()))
        })
        .collect()
}

fn first_paragraph(notes: &str) -> String {
    notes.split("\n\n").next().unwrap().trim().to_owned()
}

#[test]
fn the_room_never_sees_the_notes_of_any_slide() {
    let slides = group_session();
    let with_notes = slides.iter().filter(|s| !s.notes.trim().is_empty()).count();
    assert!(with_notes >= 3, "the session has slides with notes");
    let presentation = shared(slides.clone(), Rc::new(TestClock(Cell::new(0.0))));
    let mut harness = room(&presentation, [1920.0, 1080.0]);
    for slide in &slides {
        harness.run_ok();
        let on_screen = texts(&harness);
        assert!(
            on_screen.iter().any(|(text, _)| text == &slide.heading),
            "the room shows {:?}",
            slide.heading
        );
        for paragraph in slide.notes.split("\n\n").filter(|p| p.trim().len() > 3) {
            assert!(
                !on_screen
                    .iter()
                    .any(|(text, _)| text.contains(paragraph.trim())),
                "the room shows the notes of {:?}: {paragraph:?}",
                slide.heading
            );
        }
        let at = presentation.borrow().position().0;
        while presentation.borrow().position().0 == at && at < slides.len() {
            presentation.borrow_mut().forward();
            harness.run_ok();
        }
    }
}

#[test]
fn the_presenter_sees_the_slide_the_next_one_its_notes_and_the_timers() {
    let slides = group_session();
    // The first timed agenda item with notes, and what follows it.
    let at = slides
        .iter()
        .position(|s| s.minutes.is_some() && !s.notes.trim().is_empty())
        .unwrap();
    let clock = Rc::new(TestClock(Cell::new(100.0)));
    let presentation = shared(slides[at..].to_vec(), clock.clone());
    let mut harness = presenter(&presentation);
    let slide = &slides[at];
    let next = &slides[at + 1];
    let on_screen: Vec<String> = texts(&harness).into_iter().map(|(t, _)| t).collect();
    let shows = |wanted: &str| on_screen.iter().any(|text| text == wanted);
    assert!(shows(&slide.heading), "the current slide's title");
    assert!(
        shows(&format!("Next: {}", next.heading)),
        "the next slide's title"
    );
    assert!(shows(&first_paragraph(&slide.notes)), "the notes");
    let minutes = slide.minutes.unwrap();
    assert!(shows(&format!("{minutes}:00 left")), "the item's timer");
    assert!(shows("Elapsed 0:00"), "the session's time");
    harness.get_by_label("Next →");
    harness.get_by_label("← Previous");
    harness.get_by_label("End (Esc)");

    clock.0.set(100.0 + 75.0);
    harness.run_ok();
    harness.get_by_label("Elapsed 1:15");
    let left = u64::from(minutes) * 60 - 75;
    harness.get_by_label(&format!("{}:{:02} left", left / 60, left % 60));
}

#[test]
fn right_arrow_in_the_presenter_window_moves_the_rooms_slide() {
    let slides = group_session();
    let presentation = shared(slides.clone(), Rc::new(TestClock(Cell::new(0.0))));
    let mut room = room(&presentation, [1920.0, 1080.0]);
    let mut presenter = presenter(&presentation);
    room.get_by_label(&slides[0].heading);

    presenter.key_press(egui::Key::ArrowRight);
    presenter.run_ok();
    room.run_ok();
    assert_eq!(presentation.borrow().position().0, 2);
    room.get_by_label(&slides[1].heading);
    assert!(room.query_by_label(&slides[0].heading).is_none());

    // The buttons do the same; Previous goes back.
    presenter.get_by_label("← Previous").click();
    presenter.run_ok();
    room.run_ok();
    room.get_by_label(&slides[0].heading);
}

#[test]
fn the_longest_bundled_slide_fits_the_room_window_small_and_large() {
    let longest = all_slides()
        .into_iter()
        .max_by_key(|s| s.body.len() + s.bullets.iter().map(String::len).sum::<usize>())
        .unwrap();
    let size = longest.body.len() + longest.bullets.iter().map(String::len).sum::<usize>();
    assert!(size > 1000, "the longest slide has {size} characters");
    let words: Vec<String> = longest
        .body
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .chain(longest.bullets.iter().map(|b| format!("•  {b}")))
        .collect();
    for [width, height] in [[640.0, 420.0], [1920.0, 1080.0]] {
        let presentation = shared(vec![longest.clone()], Rc::new(TestClock(Cell::new(0.0))));
        let mut harness = room(&presentation, [width, height]);
        let mut seen = Vec::new();
        loop {
            harness.run_ok();
            for (text, rect) in texts(&harness) {
                assert!(
                    rect.min.x >= -0.5
                        && rect.min.y >= -0.5
                        && rect.max.x <= width + 0.5
                        && rect.max.y <= height + 0.5,
                    "at {width}×{height}, {:?} lies at {rect:?}",
                    text.chars().take(40).collect::<String>()
                );
                seen.push(text);
            }
            let (page, pages) = presentation.borrow().page();
            if page == pages {
                eprintln!(
                    "the longest slide ({size} characters) at {width}×{height}: {pages} page(s)"
                );
                break;
            }
            presentation.borrow_mut().forward();
        }
        for word in &words {
            assert!(
                seen.contains(word),
                "at {width}×{height}, never shown: {word:?}"
            );
        }
    }
}
