//! What a save tells the person: which entry, its score and band, and whether the answers call
//! for crisis help. Worked out here once, for the app and the command line alike.

use std::path::PathBuf;

use crate::content::entry::Answers;
use crate::content::worksheet::Worksheet;

/// A saved entry, and what the person must be told about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The entry's id.
    pub entry_id: String,
    /// Its file.
    pub path: PathBuf,
    /// Whether this saved changes to an existing entry (its earlier version is kept).
    pub edited: bool,
    /// For a questionnaire: its score and whether the answers call for crisis help.
    pub assessment: Option<Assessment>,
}

/// A questionnaire's answers, assessed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// What the score is called, e.g. "PHQ-9 score".
    pub label: String,
    /// The score, if every item was answered.
    pub score: Option<ScoreLine>,
    /// Set when an answer calls for the crisis information before anything else (e.g. PHQ-9
    /// item 9 above 0): the questionnaire's own words for the top of the crisis screen.
    pub crisis: Option<String>,
}

/// A total and its band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreLine {
    /// The total.
    pub total: i64,
    /// The highest possible total.
    pub max: i64,
    /// The band's name, e.g. "Moderate".
    pub band: String,
    /// Advice beyond the band, e.g. WHO-5's "any item at 0 or 1" suggestion.
    pub low_item: Option<String>,
}

/// Said on the crisis screen when a questionnaire has no words of its own for it.
const DEFAULT_CRISIS_WORDS: &str = "Thank you for answering honestly.";

impl Assessment {
    /// Assesses `answers` to `worksheet`; `None` unless it is a questionnaire.
    #[must_use]
    pub fn of(worksheet: &Worksheet, answers: &Answers) -> Option<Self> {
        let questionnaire = worksheet.questionnaire()?;
        let score = questionnaire.score(answers).map(|score| ScoreLine {
            total: score.total,
            max: score.max,
            band: score.band.label.clone(),
            low_item: score.low_item.map(str::to_owned),
        });
        let crisis = questionnaire.alerts(answers).next().map(|_| {
            questionnaire
                .alert
                .clone()
                .unwrap_or_else(|| DEFAULT_CRISIS_WORDS.to_owned())
        });
        Some(Self {
            label: questionnaire.scoring.label.clone(),
            score,
            crisis,
        })
    }

    /// The score in words: "PHQ-9 score: 14 of 27 (Moderate)", or why there is none.
    #[must_use]
    pub fn score_text(&self) -> String {
        match &self.score {
            Some(score) => {
                let mut text = format!(
                    "{}: {} of {} ({})",
                    self.label, score.total, score.max, score.band
                );
                if let Some(advice) = &score.low_item {
                    text.push_str(". ");
                    text.push_str(advice);
                }
                text
            }
            None => format!(
                "{}: not scored, because not every item was answered",
                self.label
            ),
        }
    }
}
