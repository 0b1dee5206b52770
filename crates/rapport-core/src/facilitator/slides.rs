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

/// The slides of a worksheet: its introduction, then one slide per step.
#[must_use]
pub fn worksheet_slides(worksheet: &Worksheet) -> Vec<Slide> {
    let count = worksheet.steps.len();
    let mut slides = vec![Slide {
        kicker: "Worksheet".to_owned(),
        heading: worksheet.title.clone(),
        body: worksheet.introduction.clone(),
        ..Slide::default()
    }];
    for (index, step) in worksheet.steps.iter().enumerate() {
        let bullets = match &step.field {
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
        };
        slides.push(Slide {
            kicker: format!("{} · step {} of {count}", worksheet.title, index + 1),
            heading: step.prompt.clone(),
            body: step.help.clone().unwrap_or_default(),
            bullets,
            notes: String::new(),
            minutes: None,
        });
    }
    slides
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
            .map(|id| workbook.get(id).unwrap().steps.len() + 1)
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
}
