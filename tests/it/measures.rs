//! The validated measures score exactly as published, at every band boundary.
//!
//! The expected bands are written out here from the measures' publications, independently of the
//! worksheet files, so a mistake in a file's scoring fails this test.

use rapport_core::content::entry::{Answer, Answers};
use rapport_core::content::workbook::Workbook;

/// Answers whose item values add up to `raw`, spread as evenly as the response range allows.
fn answers_summing_to(items: &[&str], raw: i64, max_per_item: i64) -> Answers {
    let mut left = raw;
    items
        .iter()
        .map(|id| {
            let value = left.min(max_per_item);
            left -= value;
            ((*id).to_owned(), Answer::Number(value))
        })
        .collect()
}

fn check(measure: &str, max_per_item: i64, multiplier: i64, table: &[(i64, i64, &str)]) {
    let workbook = Workbook::bundled();
    let worksheet = workbook
        .get(measure)
        .unwrap_or_else(|| panic!("{measure} is bundled"));
    let questionnaire = worksheet
        .questionnaire()
        .expect("a measure is a questionnaire");
    let items: Vec<&str> = questionnaire.items.iter().map(|i| i.id.as_str()).collect();
    let raw_max = max_per_item * i64::try_from(items.len()).unwrap();
    assert_eq!(
        questionnaire.range(),
        (0, raw_max * multiplier),
        "{measure} range"
    );
    for raw in 0..=raw_max {
        let answers = answers_summing_to(&items, raw, max_per_item);
        let score = questionnaire
            .score(&answers)
            .expect("complete answers are scored");
        let total = raw * multiplier;
        assert_eq!(score.total, total, "{measure} total for raw {raw}");
        let (_, _, expected) = table
            .iter()
            .find(|(low, high, _)| (*low..=*high).contains(&total))
            .unwrap_or_else(|| panic!("{measure}: the table covers {total}"));
        assert_eq!(
            score.band.label, *expected,
            "{measure} band for total {total}"
        );
    }
    // Boundaries named explicitly, so a shifted band cannot hide in the sweep above.
    for (low, high, band) in table {
        for total in [*low, *high] {
            if total % multiplier == 0 {
                let answers = answers_summing_to(&items, total / multiplier, max_per_item);
                assert_eq!(questionnaire.score(&answers).unwrap().band.label, *band);
            }
        }
    }
    // One unanswered item means no score.
    let mut partial = answers_summing_to(&items, 0, max_per_item);
    partial.remove(items[items.len() - 1]);
    assert!(questionnaire.score(&partial).is_none());
}

#[test]
fn phq9_bands() {
    check(
        "phq9",
        3,
        1,
        &[
            (0, 4, "Minimal"),
            (5, 9, "Mild"),
            (10, 14, "Moderate"),
            (15, 19, "Moderately severe"),
            (20, 27, "Severe"),
        ],
    );
}

#[test]
fn gad7_bands() {
    check(
        "gad7",
        3,
        1,
        &[
            (0, 4, "Minimal"),
            (5, 9, "Mild"),
            (10, 14, "Moderate"),
            (15, 21, "Severe"),
        ],
    );
}

#[test]
fn who5_is_the_raw_score_times_four_with_fifty_or_less_flagged() {
    check(
        "who5",
        5,
        4,
        &[(0, 50, "Low wellbeing"), (51, 100, "Good wellbeing")],
    );
    let workbook = Workbook::bundled();
    let who5 = workbook.get("who5").unwrap().questionnaire().unwrap();
    assert!(who5.scoring.higher_is_better);
    assert_eq!(who5.scoring.meaningful_change, Some(10));
    assert_eq!(
        who5.describe_change(40, 52),
        "up 12 since last time, a meaningful improvement"
    );
    assert_eq!(
        who5.describe_change(52, 44),
        "down 8 since last time, within the usual ups and downs"
    );
}

/// WHO-5's second rule: any single item at 0 ("At no time") or 1 ("Some of the time") also
/// suggests talking to a doctor, whatever the total.
#[test]
fn who5_flags_any_single_item_at_0_or_1_even_with_a_good_total() {
    let workbook = Workbook::bundled();
    let worksheet = workbook.get("who5").unwrap();
    let who5 = worksheet.questionnaire().unwrap();
    let answers = |values: [i64; 5]| -> Answers {
        ["q1", "q2", "q3", "q4", "q5"]
            .into_iter()
            .zip(values)
            .map(|(id, v)| (id.to_owned(), Answer::Number(v)))
            .collect()
    };
    for (values, flagged) in [
        ([5, 5, 5, 5, 1], true),
        ([5, 5, 5, 5, 0], true),
        ([2, 2, 2, 2, 2], false),
        ([5, 5, 5, 5, 2], false),
    ] {
        let score = who5.score(&answers(values)).unwrap();
        assert_eq!(score.low_item.is_some(), flagged, "{values:?}");
        let said = rapport_core::service::saved::Assessment::of(worksheet, &answers(values))
            .unwrap()
            .score_text();
        assert_eq!(said.contains("talk to a doctor"), flagged, "{said}");
    }
    let good_but_flagged = who5.score(&answers([5, 5, 5, 5, 1])).unwrap();
    assert_eq!(good_but_flagged.band.label, "Good wellbeing");
    assert_eq!(good_but_flagged.advice().len(), 2);
    // PHQ-9 and GAD-7 have no such rule.
    for measure in ["phq9", "gad7"] {
        let q = workbook.get(measure).unwrap().questionnaire().unwrap();
        assert!(q.scoring.low_item.is_none(), "{measure}");
    }
}

#[test]
fn item_ids_and_official_response_options() {
    let workbook = Workbook::bundled();
    for (measure, count, responses) in [
        (
            "phq9",
            9,
            vec![
                "Not at all",
                "Several days",
                "More than half the days",
                "Nearly every day",
            ],
        ),
        (
            "gad7",
            7,
            vec![
                "Not at all",
                "Several days",
                "More than half the days",
                "Nearly every day",
            ],
        ),
        (
            "who5",
            5,
            vec![
                "All of the time",
                "Most of the time",
                "More than half of the time",
                "Less than half of the time",
                "Some of the time",
                "At no time",
            ],
        ),
    ] {
        let questionnaire = workbook.get(measure).unwrap().questionnaire().unwrap();
        let ids: Vec<String> = questionnaire.items.iter().map(|i| i.id.clone()).collect();
        let expected: Vec<String> = (1..=count).map(|n| format!("q{n}")).collect();
        assert_eq!(ids, expected, "{measure} item ids");
        let labels: Vec<&str> = questionnaire
            .responses
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(labels, responses, "{measure} responses");
        assert!(!questionnaire.scoring.source.is_empty());
    }
    // Only PHQ-9 item 9 raises the crisis screen.
    let phq9 = workbook.get("phq9").unwrap().questionnaire().unwrap();
    let alerting: Vec<&str> = phq9
        .items
        .iter()
        .filter(|i| i.alert_above == Some(0))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(alerting, ["q9"]);
    assert!(phq9.alert.is_some());
}
