//! Scoring a questionnaire's answers, and the answers that call for crisis help.

use crate::content::entry::{Answer, Answers};
use crate::content::questionnaire::{Item, Questionnaire, Score};

impl Questionnaire {
    /// The sum of the answered items before the multiplier, and how many are answered.
    #[must_use]
    pub fn partial(&self, answers: &Answers) -> (i64, usize) {
        self.items
            .iter()
            .filter_map(|item| match answers.get(&item.id) {
                Some(Answer::Number(value)) => Some(*value),
                _ => None,
            })
            .fold((0, 0), |(sum, count), value| (sum + value, count + 1))
    }

    /// The score, if every item is answered.
    #[must_use]
    pub fn score(&self, answers: &Answers) -> Option<Score<'_>> {
        let (sum, answered) = self.partial(answers);
        if answered < self.items.len() {
            return None;
        }
        let total = sum * self.scoring.multiplier;
        let band = self.band(total)?;
        let low_item = self.scoring.low_item.as_ref().and_then(|low| {
            self.items
                .iter()
                .any(|item| {
                    matches!(answers.get(&item.id), Some(Answer::Number(v)) if *v <= low.at_most)
                })
                .then_some(low.advice.as_str())
        });
        Some(Score {
            total,
            max: self.range().1,
            band,
            low_item,
        })
    }

    /// The items answered above their alert threshold.
    pub fn alerts<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(|item| {
            matches!(
                (item.alert_above, answers.get(&item.id)),
                (Some(limit), Some(Answer::Number(value))) if *value > limit
            )
        })
    }
}
