//! Printable handouts, checked the way a reader would: the PDF opens, has the pages and the
//! paper size asked for, and its text extracts (with poppler's pdfinfo and pdftotext, which
//! `.ci/run` installs).

use crate::common::rapport;
use std::path::Path;
use std::process::Command;

fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (apt-get install poppler-utils): {e}")
    });
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn info(path: &Path) -> (usize, String) {
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_owned();
    (pages, size)
}

/// The text of a PDF, with line breaks and hyphen-free wrapping folded into single spaces.
pub(crate) fn text(path: &Path) -> String {
    tool("pdftotext", &[path.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_blank_worksheet_has_room_to_write_tick_boxes_footer_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("coping.pdf");
    rapport(dir.path())
        .args(["handout", "coping-skills", "--blank", "--out"])
        .arg(&pdf)
        .assert()
        .success();
    let (pages, size) = info(&pdf);
    assert!(pages >= 2, "{pages} pages");
    assert!(size.contains("A4"), "{size}");
    let text = text(&pdf);
    assert!(text.contains("Coping skills"));
    assert!(
        text.contains("1. What is happening, or what just happened?"),
        "{text}"
    );
    assert!(
        text.contains("0 = Barely there"),
        "rating scale labels: {text}"
    );
    assert!(text.contains("If you are in danger now, call your local emergency number"));
    assert!(text.contains(&format!("Page {pages} of {pages}")));
}

#[test]
fn a_filled_worksheet_shows_the_answers_on_letter_paper() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .args([
            "add",
            "forgiveness",
            "what_happened=My friend forgot my birthday",
            "readiness=6",
        ])
        .assert()
        .success();
    let pdf = dir.path().join("forgiveness.pdf");
    rapport(dir.path())
        .args(["handout", "forgiveness", "--paper", "letter", "--out"])
        .arg(&pdf)
        .assert()
        .success();
    let (_, size) = info(&pdf);
    assert!(size.contains("letter"), "{size}");
    assert!(text(&pdf).contains("My friend forgot my birthday"));
}

#[test]
fn a_whole_session_prints_its_agenda_homework_and_the_names_of_its_worksheets() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("session.pdf");
    rapport(dir.path())
        .args(["handout", "--session", "skills-workshop:1", "--out"])
        .arg(&pdf)
        .assert()
        .success();
    let workbook = rapport_core::content::workbook::Workbook::bundled();
    let programme = workbook.programme("skills-workshop").unwrap();
    let session = programme.session(1).unwrap();
    let (pages, _) = info(&pdf);
    assert!((1..=2).contains(&pages), "{pages} pages");
    let text = text(&pdf);
    assert!(text.contains(&session.title), "{text}");
    assert!(text.contains("Agenda"));
    for item in &session.agenda {
        assert!(text.contains(&item.title), "agenda item {}", item.title);
    }
    for id in session.agenda.iter().flat_map(|i| &i.worksheets) {
        assert!(text.contains(&workbook.get(id).unwrap().title));
    }
}

#[test]
fn a_handout_prints_the_regions_helplines_and_never_points_to_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("coping.pdf");
    rapport(dir.path())
        .args([
            "handout",
            "coping-skills",
            "--blank",
            "--region",
            "GB",
            "--out",
        ])
        .arg(&pdf)
        .assert()
        .success();
    let uk = text(&pdf);
    assert!(
        uk.contains("Get help now Numbers for United Kingdom, checked"),
        "{uk}"
    );
    assert!(uk.contains("Samaritans: 116 123"), "{uk}");
    assert!(uk.contains("Shout (text): Text SHOUT to 85258"), "{uk}");
    assert!(uk.contains("call 999 or 112"), "{uk}");
    assert!(
        uk.contains("call your local emergency number: 999 or 112. Samaritans: 116 123."),
        "the footer: {uk}"
    );
    assert!(uk.contains("findahelpline.com"), "{uk}");
    for app in [
        "at the top of the window",
        "Rapport →",
        "press “Get help now”",
        "988",
    ] {
        assert!(!uk.contains(app), "{app} in {uk}");
    }

    // A session's handout, for the United States; and with no --region, the locale's country.
    rapport(dir.path())
        .args([
            "handout",
            "--session",
            "group-ipt:3",
            "--region",
            "us",
            "--out",
        ])
        .arg(&pdf)
        .assert()
        .success();
    let us = text(&pdf);
    assert!(
        us.contains("988 Suicide & Crisis Lifeline: Call or text 988"),
        "{us}"
    );
    assert!(us.contains("call your local emergency number: 911"), "{us}");
    assert!(!us.contains("116 123"), "{us}");
    rapport(dir.path())
        .args(["handout", "coping-skills", "--blank", "--out"])
        .arg(&pdf)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_AU.UTF-8")
        .assert()
        .success();
    let au = text(&pdf);
    assert!(au.contains("Numbers for Australia"), "{au}");
    assert!(au.contains("Lifeline: 13 11 14"), "{au}");

    // A bare file name goes in the current folder.
    rapport(dir.path())
        .args([
            "handout", "phq9", "--blank", "--region", "GB", "--out", "phq9.pdf",
        ])
        .current_dir(dir.path())
        .assert()
        .success();
    assert!(text(&dir.path().join("phq9.pdf")).contains("Samaritans: 116 123"));

    rapport(dir.path())
        .args([
            "handout",
            "coping-skills",
            "--blank",
            "--region",
            "ZZ",
            "--out",
        ])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "Rapport has no helplines for “ZZ”. Write one of AU, CA,",
        ));
}

#[test]
fn questionnaires_print_as_one_grid_on_one_page_without_doubled_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = rapport_core::content::workbook::Workbook::bundled();
    for id in ["phq9", "gad7", "who5"] {
        let pdf = dir.path().join(format!("{id}.pdf"));
        rapport(dir.path())
            .args(["handout", id, "--blank", "--region", "GB", "--out"])
            .arg(&pdf)
            .assert()
            .success();
        let (pages, _) = info(&pdf);
        let page_text = |page: usize| {
            let n = page.to_string();
            // In the order drawn (-raw): the order poppler guesses for a grid depends on the
            // font's ascent and descent, and Atkinson's taller line put a column's head before
            // the first item's number.
            tool(
                "pdftotext",
                &["-raw", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
            )
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
        };
        let worksheet = workbook.get(id).unwrap();
        let step = &worksheet.steps[0];
        let rapport_core::content::worksheet::Field::Questionnaire(questionnaire) = &step.field
        else {
            panic!("{id} starts with its questionnaire");
        };
        let first = |text: &str| {
            text.split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let page = (1..=pages)
            .find(|&p| page_text(p).contains(&first(&questionnaire.items[0].text)))
            .unwrap_or_else(|| panic!("{id}: item 1 is on no page"));
        let text = page_text(page);
        // The question, every item with its number, and every answer's heading, on one page.
        assert!(text.contains(&first(&step.prompt)), "{id}: {text}");
        for (number, item) in questionnaire.items.iter().enumerate() {
            let numbered = format!("{}. {}", number + 1, first(&item.text));
            assert!(text.contains(&numbered), "{id}: {numbered} in {text}");
        }
        // Each answer heads a column, with its value: “Not at all (0)”. (Long headings wrap
        // over lines, so only the value is looked for.)
        for response in &questionnaire.responses {
            let head = format!("({})", response.value);
            assert!(text.contains(&head), "{id}: {head} in {text}");
        }
        // The question is not numbered as well as its items.
        assert!(
            !text.contains(&format!("1. {}", first(&step.prompt))),
            "{id}: {text}"
        );
        // The form's other questions (the PHQ-9's "how difficult") are on the same page.
        for later in &worksheet.steps[1..] {
            assert!(text.contains(&first(&later.prompt)), "{id}: {}", later.id);
        }
    }
}

#[test]
fn handout_mistakes_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    for (args, message) in [
        (
            vec!["handout", "coping-skills"],
            "no entries of “coping-skills” yet",
        ),
        (
            vec!["handout", "--session", "group-ipt:99"],
            "then 8 sessions: write before, 1 to 8, not “99”",
        ),
        (
            vec!["handout", "--session", "nope:1"],
            "no programme “nope”",
        ),
        (
            vec!["handout", "--session", "group-ipt"],
            "PROGRAMME:NUMBER",
        ),
    ] {
        rapport(dir.path())
            .args(&args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    assert!(!out.exists());
}

/// The summary for an appointment: the period, the scores and bands, the item-9 answer stated
/// plainly, and nothing written in a worksheet unless that worksheet is ticked.
#[test]
fn the_appointment_summary_holds_what_was_chosen_and_nothing_else() {
    const MARKER: &str = "Zebrafinch-private-words";
    let dir = tempfile::tempdir().unwrap();
    let mut phq9 = vec!["add".to_owned(), "phq9".to_owned()];
    phq9.extend((1..=8).map(|i| format!("q{i}=2")));
    phq9.push("q9=1".to_owned());
    rapport(dir.path()).args(&phq9).assert().success();
    rapport(dir.path())
        .args([
            "add",
            "coping-skills",
            "intensity_before=8",
            "intensity_after=3",
            &format!("situation={MARKER}"),
        ])
        .assert()
        .success();
    let today = rapport_core::time::LocalTime::now().date();
    let from = today.checked_sub(jiff::Span::new().days(6)).unwrap();
    let pdf = dir.path().join("summary.pdf");
    rapport(dir.path())
        .args([
            "report",
            "--from",
            &from.to_string(),
            "--to",
            &today.to_string(),
        ])
        .args(["--talk-about", "Sleep since the move"])
        .arg("--out")
        .arg(&pdf)
        .assert()
        .success();
    let (pages, _) = info(&pdf);
    assert_eq!(pages, 1);
    let printed = text(&pdf);
    let day = |date: jiff::civil::Date| date.strftime("%-d %b %Y").to_string();
    for expected in [
        "Summary for my appointment".to_owned(),
        format!("{} to {}", day(from), day(today)),
        "PHQ-9".to_owned(),
        "17 of 27, moderately severe".to_owned(),
        "answered “several days” (1)".to_owned(),
        "Sleep since the move".to_owned(),
        "Coping skills: intensity: down 5.0 on average".to_owned(),
        "not a clinical assessment".to_owned(),
    ] {
        assert!(printed.contains(&expected), "{expected} in {printed}");
    }
    assert!(!printed.contains(MARKER), "unticked free text was printed");

    // Ticked, the words go in; a part left out stays out.
    rapport(dir.path())
        .args([
            "report",
            "--include-text",
            "coping-skills",
            "--leave-out",
            "measures",
        ])
        .arg("--out")
        .arg(&pdf)
        .assert()
        .success();
    let printed = text(&pdf);
    assert!(printed.contains(MARKER), "{printed}");
    assert!(!printed.contains("of 27"), "{printed}");
}

/// A quiet period says so rather than printing empty charts; a busy year fits on two pages.
#[test]
fn the_appointment_summary_of_an_empty_period_says_so_and_a_busy_year_fits_two_pages() {
    let dir = tempfile::tempdir().unwrap();
    rapport(dir.path())
        .args(["demo-data", "--years", "2"])
        .assert()
        .success();
    let pdf = dir.path().join("summary.pdf");
    rapport(dir.path())
        .args(["report", "--from", "1990-01-01", "--to", "1990-01-31"])
        .arg("--out")
        .arg(&pdf)
        .assert()
        .success();
    let printed = text(&pdf);
    assert!(
        printed.contains("There are no entries in the journal between 1 Jan 1990 to 31 Jan 1990"),
        "{printed}"
    );
    assert!(!printed.contains("Check-ins"), "{printed}");

    let today = rapport_core::time::LocalTime::now().date();
    let year_ago = today.checked_sub(jiff::Span::new().days(364)).unwrap();
    rapport(dir.path())
        .args([
            "report",
            "--from",
            &year_ago.to_string(),
            "--to",
            &today.to_string(),
        ])
        .arg("--out")
        .arg(&pdf)
        .assert()
        .success();
    let (pages, _) = info(&pdf);
    assert!((1..=2).contains(&pages), "{pages} pages");
    let printed = text(&pdf);
    assert!(printed.contains("Practice"), "{printed}");
    assert!(printed.contains("of 27"), "{printed}");
}

/// The group PDF of the share files in `shares` (group MAPLE-7), made by `rapport
/// group-summary --pdf` in a new data folder, which is returned with it.
fn group_pdf(shares: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("group.pdf");
    rapport(dir.path())
        .arg("group-summary")
        .arg(shares)
        .args(["--group", "MAPLE-7", "--pdf"])
        .arg(&pdf)
        .assert()
        .success();
    (dir, pdf)
}

#[test]
fn the_group_pdf_says_fewer_than_3_shared_instead_of_a_figure() {
    let folder = tempfile::tempdir().unwrap();
    crate::group::small_cells(folder.path());
    let (_dir, pdf) = group_pdf(folder.path());
    let text = text(&pdf);
    assert!(
        text.contains("Week 1: n = 3, median 15.0, middle half 12.5–17.5, range 10–20"),
        "{text}"
    );
    assert!(
        text.contains("Week 2: n = 1, fewer than 3 shared"),
        "{text}"
    );
    assert!(
        text.contains("Week 3: n = 2, fewer than 3 shared"),
        "{text}"
    );
    assert!(!text.contains("median 14.0"), "Kit's own score: {text}");
}

#[test]
fn the_meeting_before_the_group_is_named_apart_from_sessions_1_to_8() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.pdf");
    rapport(dir.path())
        .args(["handout", "--session", "group-ipt:before", "--out"])
        .arg(&before)
        .assert()
        .success();
    let first = text(&before);
    assert!(
        first.contains("Before the group: one-to-one meeting. Getting ready for the group"),
        "{first}"
    );
    let eighth = dir.path().join("eighth.pdf");
    rapport(dir.path())
        .args(["handout", "--session", "group-ipt:8", "--out"])
        .arg(&eighth)
        .assert()
        .success();
    let text = text(&eighth);
    assert!(
        text.contains("Session 8: Looking back, looking ahead"),
        "{text}"
    );
    rapport(dir.path())
        .args(["handout", "--session", "group-ipt:9", "--out"])
        .arg(&eighth)
        .assert()
        .failure();
    let listing = rapport(dir.path()).arg("programmes").assert().success();
    let listing = String::from_utf8(listing.get_output().stdout.clone()).unwrap();
    assert!(
        listing.contains("eight sessions: a one-to-one meeting before the group, then 8 sessions"),
        "{listing}"
    );
    assert!(
        !listing.contains("9 sessions") && !listing.contains("Group session"),
        "{listing}"
    );
}

/// The PHQ-9 prints its introduction and grid on the first page and the “Get help now” box at
/// most on a second; the GAD-7 and WHO-5 on one page; each group session's handout on one or
/// two (its worksheets are sheets of their own).
#[test]
fn questionnaires_and_group_sessions_fit_on_one_or_two_pages() {
    let dir = tempfile::tempdir().unwrap();
    let pages_of = |args: &[&str]| {
        let pdf = dir.path().join("out.pdf");
        rapport(dir.path())
            .args(args)
            .args(["--region", "GB", "--out"])
            .arg(&pdf)
            .assert()
            .success();
        info(&pdf).0
    };
    assert!(pages_of(&["handout", "phq9", "--blank"]) <= 2);
    assert_eq!(pages_of(&["handout", "gad7", "--blank"]), 1);
    assert_eq!(pages_of(&["handout", "who5", "--blank"]), 1);
    for session in ["before", "1", "2", "3", "4", "5", "6", "7", "8"] {
        let pages = pages_of(&["handout", "--session", &format!("group-ipt:{session}")]);
        assert!(pages <= 2, "group-ipt:{session}: {pages} pages");
    }
}

/// A share file for the group MAPLE-7 with a PHQ-9 and a GAD-7 value on each date.
fn two_measures(pseudonym: &str, points: &[(&str, i64, i64)]) -> String {
    let series = |id: &str, label: &str, max: i64, pick: fn(&(&str, i64, i64)) -> i64| {
        let values: Vec<String> = points
            .iter()
            .map(|p| format!("(\"{}\", {})", p.0, pick(p)))
            .collect();
        format!(
            "(id: \"{id}\", label: \"{label}\", min: 0, max: {max}, points: [{}])",
            values.join(", ")
        )
    };
    format!(
        "(kind: \"rapport-share\", version: 1, programme: \"group-ipt\", group: \"MAPLE-7\", pseudonym: \"{pseudonym}\", created: \"2026-11-25T10:00:00+00:00\", series: [{}, {}])",
        series("phq9", "PHQ-9 score", 27, |p| p.1),
        series("gad7", "GAD-7 score", 21, |p| p.2)
    )
}

/// Eight shares over six weeks, two measures: a page for each, with its chart (the chart's
/// caption, and the weeks and counts under its axis); week 5, from two people, has its count
/// and no figure, in the rows or in the chart.
#[test]
fn the_group_pdf_has_a_page_with_a_chart_per_measure_and_no_figure_from_two() {
    let folder = tempfile::tempdir().unwrap();
    let weeks = [
        "2026-09-07",
        "2026-09-14",
        "2026-09-21",
        "2026-09-28",
        "2026-10-05",
        "2026-10-12",
    ];
    for person in 0..8_i64 {
        let points: Vec<(&str, i64, i64)> = (0_i64..)
            .zip(weeks)
            // Only the first two share in week 5.
            .filter(|(week, _)| *week != 4 || person < 2)
            .map(|(week, date)| (date, 14 + person - week, 12 + person / 2 - week))
            .collect();
        std::fs::write(
            folder.path().join(format!("p{person}.ron")),
            two_measures(&format!("P{person}"), &points),
        )
        .unwrap();
    }
    let (_dir, pdf) = group_pdf(folder.path());
    let (pages, _) = info(&pdf);
    assert_eq!(pages, 2, "a page per measure");
    let page = |n: usize| {
        let n = n.to_string();
        tool(
            "pdftotext",
            &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
    };
    let mut measures = Vec::new();
    for number in 1..=2 {
        let text = page(number);
        let on_page: Vec<&str> = ["PHQ-9 score", "GAD-7 score"]
            .into_iter()
            .filter(|m| text.contains(m))
            .collect();
        assert_eq!(on_page.len(), 1, "one measure on page {number}: {text}");
        measures.extend(on_page);
        assert!(
            text.contains("Line: the median; grey box: the middle half"),
            "page {number}: {text}"
        );
        // Under the axis: week 4 from all eight, week 5 marked as from fewer than three.
        assert!(text.contains("n=8"), "page {number}: {text}");
        assert!(text.contains("n=2*"), "page {number}: {text}");
        assert!(
            text.contains("* fewer than 3 shared: no figure is drawn"),
            "page {number}: {text}"
        );
        assert!(
            text.contains("Week 5: n = 2, fewer than 3 shared"),
            "page {number}: {text}"
        );
    }
    measures.sort_unstable();
    assert_eq!(measures, ["GAD-7 score", "PHQ-9 score"]);
}
