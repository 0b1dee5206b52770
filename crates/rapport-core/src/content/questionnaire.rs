//! Questionnaires (validated measures such as PHQ-9, GAD-7 and WHO-5): items, response options
//! and scoring, all read from the worksheet file so that no measure needs code of its own.

use serde::{Deserialize, Serialize};

/// A questionnaire: one stem, several items sharing the same response options, and a score.
///
/// Each item's answer is stored under the item's own id (e.g. `q1`), as the value of the chosen
/// response, so that `rapport add phq9 q1=2 …` works.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// The question every item answers, e.g. "Over the last 2 weeks, how often…".
    pub stem: String,
    /// The response options, in the order shown.
    pub responses: Vec<ResponseOption>,
    /// The items, in order.
    pub items: Vec<Item>,
    /// How the total is computed and read.
    pub scoring: Scoring,
    /// Shown on the crisis screen when an item with `alert_above` is answered above it.
    #[serde(default)]
    pub alert: Option<String>,
}

/// One response option and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseOption {
    /// The value the option scores.
    pub value: i64,
    /// The words shown.
    pub label: String,
}

/// One item of a questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The answer's id, e.g. `q9`.
    pub id: String,
    /// The item's official wording.
    pub text: String,
    /// An answer above this value opens the crisis screen after saving.
    #[serde(default)]
    pub alert_above: Option<i64>,
}

/// How the total score is computed and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    /// The total's name, e.g. "PHQ-9 score".
    pub label: String,
    /// The sum of the items is multiplied by this (WHO-5 uses 4 to give 0–100).
    #[serde(default = "one")]
    pub multiplier: i64,
    /// The bands, lowest first, covering every possible total.
    pub bands: Vec<Band>,
    /// Whether a higher total is better (WHO-5), for describing change.
    #[serde(default)]
    pub higher_is_better: bool,
    /// The smallest change between two totals that is meaningful, if the measure defines one.
    #[serde(default)]
    pub meaningful_change: Option<i64>,
    /// Where the measure and its scoring come from.
    pub source: String,
    /// Whether the total is charted in Progress.
    #[serde(default)]
    pub tracked: bool,
    /// Advice given, whatever the total, when any one item is answered this low or lower
    /// (WHO-5: any item at 0 or 1 also suggests talking to a doctor).
    #[serde(default)]
    pub low_item: Option<LowItem>,
}

/// A second check beside the bands: any single item at or below `at_most`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowItem {
    /// The highest response value that counts as low.
    pub at_most: i64,
    /// What to tell the person, shown like the band's advice.
    pub advice: String,
}

fn one() -> i64 {
    1
}

/// A range of totals with a name, e.g. 5–9 "Mild".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// Lowest total in the band.
    pub min: i64,
    /// Highest total in the band.
    pub max: i64,
    /// The band's name.
    pub label: String,
    /// What a person might do with a total in this band.
    #[serde(default)]
    pub advice: String,
}

/// A complete questionnaire's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score<'a> {
    /// The total, after the multiplier.
    pub total: i64,
    /// The highest possible total.
    pub max: i64,
    /// The band the total falls in.
    pub band: &'a Band,
    /// The low-item advice, when any item is answered that low (see [`LowItem`]).
    pub low_item: Option<&'a str>,
}

impl Score<'_> {
    /// Everything to tell the person beside the number: the band's advice, then the low-item
    /// advice if it applies.
    #[must_use]
    pub fn advice(&self) -> Vec<&str> {
        [Some(self.band.advice.as_str()), self.low_item]
            .into_iter()
            .flatten()
            .filter(|text| !text.is_empty())
            .collect()
    }
}

impl Questionnaire {
    /// The lowest and highest possible totals.
    #[must_use]
    pub fn range(&self) -> (i64, i64) {
        let low = self.responses.iter().map(|r| r.value).min().unwrap_or(0);
        let high = self.responses.iter().map(|r| r.value).max().unwrap_or(0);
        let items = i64::try_from(self.items.len()).unwrap_or(i64::MAX);
        (
            low * items * self.scoring.multiplier,
            high * items * self.scoring.multiplier,
        )
    }

    /// Whether `value` is one of the response values.
    #[must_use]
    pub fn accepts(&self, value: i64) -> bool {
        self.responses.iter().any(|r| r.value == value)
    }

    /// The item with the given id.
    #[must_use]
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The response option with the given value.
    #[must_use]
    pub fn response(&self, value: i64) -> Option<&ResponseOption> {
        self.responses.iter().find(|r| r.value == value)
    }

    /// The band a total falls in.
    #[must_use]
    pub fn band(&self, total: i64) -> Option<&Band> {
        self.scoring
            .bands
            .iter()
            .find(|band| (band.min..=band.max).contains(&total))
    }

    /// Describes the change from `previous` to `total` in words, e.g. "down 6 since last time,
    /// a meaningful change".
    #[must_use]
    pub fn describe_change(&self, previous: i64, total: i64) -> String {
        let change = total - previous;
        if change == 0 {
            return "the same as last time".to_owned();
        }
        let direction = if change > 0 { "up" } else { "down" };
        let better = (change > 0) == self.scoring.higher_is_better;
        let mut text = format!("{direction} {} since last time", change.abs());
        if let Some(meaningful) = self.scoring.meaningful_change {
            if change.abs() >= meaningful {
                text.push_str(if better {
                    ", a meaningful improvement"
                } else {
                    ", a meaningful worsening"
                });
            } else {
                text.push_str(", within the usual ups and downs");
            }
        }
        text
    }

    /// Everything wrong with this questionnaire, as sentences.
    #[must_use]
    pub fn validate(&self) -> Vec<String> {
        let mut errors = Vec::new();
        if self.responses.is_empty() {
            errors.push("the questionnaire has no response options".to_owned());
        }
        let mut values: Vec<i64> = self.responses.iter().map(|r| r.value).collect();
        values.sort_unstable();
        if values.windows(2).any(|pair| pair[0] == pair[1]) {
            errors.push("two response options have the same value".to_owned());
        }
        if self.items.is_empty() {
            errors.push("the questionnaire has no items".to_owned());
        }
        for item in &self.items {
            if !crate::content::ids::is_identifier(&item.id) {
                errors.push(format!("the item id “{}” is not a valid id", item.id));
            }
            if item.text.trim().is_empty() {
                errors.push(format!("item “{}” has no text", item.id));
            }
        }
        if self.scoring.multiplier < 1 {
            errors.push("the score multiplier must be 1 or more".to_owned());
        }
        if self.scoring.source.trim().is_empty() {
            errors.push("the scoring names no source".to_owned());
        }
        errors.extend(self.band_gaps());
        errors
    }

    /// Checks that the bands cover every reachable total exactly once, lowest first.
    fn band_gaps(&self) -> Vec<String> {
        let (low, high) = self.range();
        let bands = &self.scoring.bands;
        let Some(first) = bands.first() else {
            return vec!["the scoring has no bands".to_owned()];
        };
        let mut errors = Vec::new();
        if first.min != low {
            errors.push(format!(
                "the first band starts at {}, but the lowest possible score is {low}",
                first.min
            ));
        }
        for pair in bands.windows(2) {
            if pair[1].min != pair[0].max + 1 {
                errors.push(format!(
                    "the bands “{}” and “{}” leave a gap or overlap ({}–{} then {}–{})",
                    pair[0].label,
                    pair[1].label,
                    pair[0].min,
                    pair[0].max,
                    pair[1].min,
                    pair[1].max
                ));
            }
        }
        if let Some(last) = bands.last()
            && last.max != high
        {
            errors.push(format!(
                "the last band ends at {}, but the highest possible score is {high}",
                last.max
            ));
        }
        if bands.iter().any(|band| band.min > band.max) {
            errors.push("a band's min is above its max".to_owned());
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entry::{Answer, Answers};

    fn answers(values: &[i64]) -> Answers {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("q{}", i + 1), Answer::Number(*v)))
            .collect()
    }

    fn measure(multiplier: i64) -> Questionnaire {
        Questionnaire {
            stem: "How often?".into(),
            responses: (0..=3)
                .map(|value| ResponseOption {
                    value,
                    label: value.to_string(),
                })
                .collect(),
            items: (1..=2)
                .map(|i| Item {
                    id: format!("q{i}"),
                    text: format!("Item {i}"),
                    alert_above: (i == 2).then_some(0),
                })
                .collect(),
            scoring: Scoring {
                label: "Score".into(),
                multiplier,
                bands: vec![
                    Band {
                        min: 0,
                        max: 2 * multiplier,
                        label: "Low".into(),
                        advice: String::new(),
                    },
                    Band {
                        min: 2 * multiplier + 1,
                        max: 6 * multiplier,
                        label: "High".into(),
                        advice: String::new(),
                    },
                ],
                higher_is_better: false,
                meaningful_change: Some(2),
                source: "Test".into(),
                tracked: true,
                low_item: None,
            },
            alert: None,
        }
    }

    #[test]
    fn scores_only_complete_answers() {
        let q = measure(1);
        assert!(q.score(&answers(&[1])).is_none());
        let score = q.score(&answers(&[1, 2])).unwrap();
        assert_eq!(
            (score.total, score.max, score.band.label.as_str()),
            (3, 6, "High")
        );
        assert_eq!(q.alerts(&answers(&[3, 0])).count(), 0);
        assert_eq!(q.alerts(&answers(&[0, 1])).count(), 1);
    }

    #[test]
    fn the_multiplier_scales_the_total() {
        let q = measure(4);
        assert!(q.validate().is_empty(), "{:?}", q.validate());
        assert_eq!(q.score(&answers(&[3, 3])).unwrap().total, 24);
    }

    #[test]
    fn bands_must_cover_the_range() {
        let mut q = measure(1);
        q.scoring.bands[1].min = 4;
        q.scoring.bands[1].max = 5;
        let errors = q.validate().join("; ");
        assert!(errors.contains("gap or overlap"), "{errors}");
        assert!(errors.contains("highest possible score is 6"), "{errors}");
    }

    #[test]
    fn change_is_described_by_direction_and_size() {
        let q = measure(1);
        assert_eq!(q.describe_change(5, 5), "the same as last time");
        assert_eq!(
            q.describe_change(5, 2),
            "down 3 since last time, a meaningful improvement"
        );
        assert_eq!(
            q.describe_change(2, 3),
            "up 1 since last time, within the usual ups and downs"
        );
    }
}
