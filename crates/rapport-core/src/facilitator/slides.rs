//! Slides for presenting a session or a worksheet to a room: one agenda item or one worksheet
//! step per slide, with the facilitator's notes kept apart.

use crate::content::programme::{Programme, Session};
use crate::content::workbook::Workbook;
use crate::content::worksheet::{Field, Worksheet};

/// One screen of a presentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slide {
    /// A small line above the heading, e.g. "Session 3 · Teaching · 15 minutes".
    pub kicker: String,
    /// The heading.
    pub heading: String,
    /// Paragraphs or lines for the room.
    pub body: String,
    /// Short lines shown as a list (options of a question, goals).
    pub bullets: Vec<String>,
    /// For the facilitator only.
    pub notes: String,
    /// The time this slide's agenda item has, if timed.
    pub minutes: Option<u32>,
}

/// The slides of one session: a title slide with its goals, then each agenda item, each
/// followed by the steps of the worksheets it uses.
#[must_use]
pub fn session_slides(
    workbook: &Workbook,
    programme: &Programme,
    number: usize,
    session: &Session,
) -> Vec<Slide> {
    let mut slides = vec![Slide {
        kicker: format!(
            "{} · {}",
            programme.title,
            crate::content::numbering::position(programme, number.saturating_sub(1))
        ),
        heading: crate::content::numbering::heading(programme, number.saturating_sub(1)),
        body: String::new(),
        bullets: session.goals.clone(),
        notes: session.facilitator_notes.clone(),
        minutes: None,
    }];
    let items = session.agenda.len();
    for (index, item) in session.agenda.iter().enumerate() {
        slides.push(Slide {
            kicker: format!(
                "{} of {items} · {} · {} minutes",
                index + 1,
                item.kind.name(),
                item.minutes
            ),
            heading: item.title.clone(),
            body: item.text.clone(),
            bullets: Vec::new(),
            notes: item.notes.clone(),
            minutes: Some(item.minutes),
        });
        for id in &item.worksheets {
            if let Some(worksheet) = workbook.get(id) {
                slides.extend(worksheet_slides(worksheet));
            }
        }
    }
    if !session.homework.is_empty() {
        slides.push(Slide {
            kicker: "Before next time".to_owned(),
            heading: "Homework".to_owned(),
            body: String::new(),
            bullets: session
                .homework
                .iter()
                .map(|id| {
                    workbook
                        .get(id)
                        .map_or_else(|| id.clone(), |w| w.title.clone())
                })
                .collect(),
            notes: String::new(),
            minutes: None,
        });
    }
    slides
}

/// How much text, in characters, several short worksheet steps may share one slide with.
pub const GROUPED_STEPS_BUDGET: usize = 650;

/// At most this many steps share one slide.
pub const GROUPED_STEPS_MAX: usize = 4;

/// The slides of a worksheet: its introduction, then its steps. Short steps that take written
/// answers or a rating share a slide, a few at a time, as long as their text stays within
/// [`GROUPED_STEPS_BUDGET`]; a step with options to read (a choice, a questionnaire, circles)
/// has a slide of its own.
#[must_use]
pub fn worksheet_slides(worksheet: &Worksheet) -> Vec<Slide> {
    let count = worksheet.steps.len();
    let mut slides = vec![Slide {
        kicker: "Worksheet".to_owned(),
        heading: worksheet.title.clone(),
        body: worksheet.introduction.clone(),
        ..Slide::default()
    }];
    // Runs of steps that share a slide, as ranges of indices.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut used = 0;
    for (index, step) in worksheet.steps.iter().enumerate() {
        let size = step_line(step).chars().count();
        let joins = groupable(&step.field)
            && groups.last().is_some_and(|group| {
                group.end == index
                    && group.len() < GROUPED_STEPS_MAX
                    && groupable(&worksheet.steps[group.start].field)
                    && used + size <= GROUPED_STEPS_BUDGET
            });
        if joins {
            if let Some(group) = groups.last_mut() {
                group.end = index + 1;
            }
            used += size;
        } else {
            groups.push(index..index + 1);
            used = size;
        }
    }
    for group in groups {
        if group.len() == 1 {
            let step = &worksheet.steps[group.start];
            slides.push(Slide {
                kicker: format!("{} · step {} of {count}", worksheet.title, group.start + 1),
                heading: step.prompt.clone(),
                body: step.help.clone().unwrap_or_default(),
                bullets: step_bullets(&step.field),
                notes: String::new(),
                minutes: None,
            });
        } else {
            slides.push(Slide {
                kicker: format!(
                    "{} · steps {} to {} of {count}",
                    worksheet.title,
                    group.start + 1,
                    group.end
                ),
                heading: worksheet.title.clone(),
                body: String::new(),
                bullets: worksheet.steps[group].iter().map(step_line).collect(),
                notes: String::new(),
                minutes: None,
            });
        }
    }
    slides
}

/// Whether a step can share a slide: its answer is written, a date or a rating.
fn groupable(field: &Field) -> bool {
    matches!(
        field,
        Field::Text | Field::LongText | Field::List(_) | Field::Date | Field::Rating(_)
    )
}

/// A step as one line of a shared slide: its question, its rating scale, its guidance.
fn step_line(step: &crate::content::worksheet::Step) -> String {
    let mut line = step.prompt.clone();
    if let [scale] = step_bullets(&step.field).as_slice() {
        line.push_str(" (");
        line.push_str(scale);
        line.push(')');
    }
    if let Some(help) = step.help.as_deref().filter(|help| !help.trim().is_empty()) {
        line.push('\n');
        line.push_str(help.trim());
    }
    line
}

/// The options a step shows the room.
fn step_bullets(field: &Field) -> Vec<String> {
    match field {
        Field::Choice(choices) | Field::MultiChoice(choices) => choices.options.clone(),
        Field::Rating(scale) => vec![format!(
            "{} = {}   …   {} = {}",
            scale.min, scale.low, scale.max, scale.high
        )],
        Field::Questionnaire(questionnaire) => questionnaire
            .items
            .iter()
            .map(|item| item.text.clone())
            .collect(),
        Field::Circle(rings) => rings.rings.clone(),
        Field::Text | Field::LongText | Field::List(_) | Field::Date => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_slide_names_its_session_apart_from_the_meeting_before() {
        let workbook = Workbook::bundled();
        let group = workbook.programme("group-ipt").expect("bundled");
        let slides = session_slides(&workbook, group, 4, group.session(4).unwrap());
        assert!(
            slides[0].kicker.ends_with("session 3 of 8"),
            "{}",
            slides[0].kicker
        );
        assert!(
            slides[0].heading.starts_with("Session 3: "),
            "{}",
            slides[0].heading
        );
    }

    #[test]
    fn a_session_has_a_title_slide_its_items_their_worksheets_and_homework() {
        let workbook = Workbook::bundled();
        let programme = workbook.programme("skills-workshop").expect("bundled");
        let session = programme.session(1).unwrap();
        let slides = session_slides(&workbook, programme, 1, session);
        assert_eq!(slides[0].heading, format!("Session 1: {}", session.title));
        assert_eq!(slides[0].bullets, session.goals);
        let timed: Vec<&Slide> = slides.iter().filter(|s| s.minutes.is_some()).collect();
        assert_eq!(timed.len(), session.agenda.len());
        let worksheet_steps: usize = session
            .agenda
            .iter()
            .flat_map(|item| &item.worksheets)
            .map(|id| worksheet_slides(workbook.get(id).unwrap()).len())
            .sum();
        let homework = usize::from(!session.homework.is_empty());
        assert_eq!(
            slides.len(),
            1 + session.agenda.len() + worksheet_steps + homework
        );
        // Facilitator notes never appear in what the room sees.
        for slide in &slides {
            assert!(slide.notes.is_empty() || !slide.body.contains(&slide.notes));
        }
    }

    #[test]
    fn worksheet_steps_show_their_options() {
        let workbook = Workbook::bundled();
        let slides = worksheet_slides(workbook.get("coping-skills").unwrap());
        let rating = slides
            .iter()
            .find(|s| s.bullets.iter().any(|b| b.starts_with("0 = ")))
            .expect("a rating slide");
        assert!(rating.bullets[0].contains("10 = "));
    }

    #[test]
    fn short_written_steps_share_a_slide_and_steps_with_options_keep_their_own() {
        let workbook = Workbook::bundled();
        let mut grouped_somewhere = false;
        for worksheet in workbook.worksheets() {
            let slides = worksheet_slides(worksheet);
            // Every step is on exactly one slide, in order, and nothing is lost.
            let mut next_step = 0;
            for slide in &slides[1..] {
                let shared = slide.kicker.contains(" · steps ");
                let steps = if shared { slide.bullets.len() } else { 1 };
                assert!(steps <= GROUPED_STEPS_MAX, "{}", slide.kicker);
                for (offset, step) in worksheet.steps[next_step..next_step + steps]
                    .iter()
                    .enumerate()
                {
                    if shared {
                        grouped_somewhere = true;
                        assert!(groupable(&step.field), "{}: {}", worksheet.id, step.id);
                        assert!(slide.bullets[offset].starts_with(&step.prompt));
                    } else {
                        assert_eq!(slide.heading, step.prompt);
                    }
                }
                if shared {
                    let size: usize = slide.bullets.iter().map(|b| b.chars().count()).sum();
                    assert!(size <= GROUPED_STEPS_BUDGET, "{}: {size}", slide.kicker);
                }
                next_step += steps;
            }
            assert_eq!(next_step, worksheet.steps.len(), "{}", worksheet.id);
        }
        assert!(grouped_somewhere, "no worksheet had short steps to group");

        // A questionnaire's items stay on a slide of their own.
        let phq9 = worksheet_slides(workbook.get("phq9").unwrap());
        assert!(phq9.iter().any(|slide| slide.bullets.len() == 9));
    }

    #[test]
    fn a_ninety_minute_group_session_has_far_fewer_slides_than_before() {
        let workbook = Workbook::bundled();
        let group = workbook.programme("group-ipt").expect("bundled");
        // Session 8 of the group (number 9, after the meeting before) had 50 slides, one per step.
        let slides = session_slides(&workbook, group, 9, group.session(9).unwrap());
        assert!(slides.len() < 40, "{} slides", slides.len());
    }
}
