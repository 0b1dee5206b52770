//! `cargo run -p xtask -- readability`: how hard the workbook's prose is to read.
//!
//! Every RON file under `workbook/` is read as text (no schema, so a new file kind needs nothing
//! here). The prose is each string under a key that people read as sentences: introductions,
//! summaries, prompts, help, options, the professional-help notes, programme goals, texts and
//! notes, and helplines' details. Titles, labels and scale ends are names, not sentences, and are
//! left out; so are a questionnaire's stem and items, whose wording is fixed by its authors.
//!
//! The score is the Flesch–Kincaid grade, `0.39 × words per sentence + 11.8 × syllables per word
//! − 15.59`, with syllables counted by a vowel-group heuristic. Each line of a string (a bullet,
//! an option, a paragraph) ends a sentence, as do `.`, `!` and `?`. Each file gets two grades:
//! over all its prose, and over its running prose alone (without options and goals, whose short
//! lines pull a grade down). The hardest sentences listed have at least [`MIN_WORDS`] words, as
//! the formula means little for a word or two. A safety text is a bullet of a
//! `professional_help` note, or any sentence elsewhere that speaks of suicide, self-harm, danger,
//! abuse, crises, emergencies or “Get help now”.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Keys whose strings are prose.
const PROSE: &[&str] = &[
    "introduction",
    "summary",
    "prompt",
    "help",
    "options",
    "professional_help",
    "goals",
    "text",
    "notes",
    "facilitator_notes",
    "details",
];

/// Keys of short lines (choices, goals), left out of a file's running-prose grade.
const SHORT_LINES: &[&str] = &["options", "goals"];

/// The fewest words a sentence needs to be listed among the hardest.
pub const MIN_WORDS: usize = 6;

/// Lists whose strings are a questionnaire's fixed wording.
const FIXED: &[&str] = &["items", "responses"];

/// Words that make a line a safety text.
const SAFETY_WORDS: &[&str] = &[
    "suicid",
    "harm yourself",
    "harming yourself",
    "hurting yourself",
    "hurt yourself",
    "self-harm",
    "not wanting to live",
    "get help now",
    "emergency",
    "danger",
    "abuse",
    "crisis",
];

/// What to report, from the command line.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The grade a file should not exceed overall.
    pub max_grade: f64,
    /// The grade no safety text should exceed.
    pub safety_max: f64,
    /// How many of each file's hardest sentences to show.
    pub top: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_grade: 8.0,
            safety_max: 10.0,
            top: 3,
        }
    }
}

impl Settings {
    /// Reads `--max-grade N`, `--safety-max N` and `--top N`.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut settings = Self::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number: f64 = value
                .parse()
                .map_err(|_| format!("{flag}: “{value}” is not a number"))?;
            match flag.as_str() {
                "--max-grade" => settings.max_grade = number,
                "--safety-max" => settings.safety_max = number,
                "--top" => settings.top = number as usize,
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        Ok(settings)
    }
}

/// Counts for a piece of prose.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Syllables.
    pub syllables: usize,
}

impl Counts {
    /// The Flesch–Kincaid grade; 0 for no words.
    #[must_use]
    pub fn grade(self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        0.39 * (self.words as f64 / self.sentences as f64)
            + 11.8 * (self.syllables as f64 / self.words as f64)
            - 15.59
    }

    fn add(&mut self, other: Counts) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
    }
}

/// A string of a file with the key it is under.
struct Prose {
    key: String,
    text: String,
}

/// One file's result.
pub struct FileReport {
    /// The path, relative to the repository.
    pub name: String,
    /// The counts over all its prose.
    pub counts: Counts,
    /// The counts over its running prose: all but options and goals.
    pub running: Counts,
    /// Its sentences, hardest first, with their grade.
    pub hardest: Vec<(f64, String)>,
    /// Its safety texts above the limit, with their grade.
    pub hard_safety: Vec<(f64, String)>,
}

/// The syllables of one word, by vowel groups: a trailing silent “e”, “es” or “ed” is dropped,
/// a leading “y” is a consonant, and a run of three or more vowels counts as two.
#[must_use]
pub fn syllables(word: &str) -> usize {
    let mut word: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if word.is_empty() {
        // A number or a symbol: read as one beat.
        return 1;
    }
    if word.len() <= 3 {
        return 1;
    }
    let keeps_e = |c: Option<char>| c.is_none_or(|c| "laeiouy".contains(c));
    let before = |word: &str, suffix: usize| word.chars().rev().nth(suffix);
    if (word.ends_with("es") && !keeps_e(before(&word, 2))) || word.ends_with("ed") {
        word.truncate(word.len() - 2);
    } else if word.ends_with('e') && !keeps_e(before(&word, 1)) {
        word.truncate(word.len() - 1);
    }
    let word = word.strip_prefix('y').unwrap_or(&word);
    let mut count: usize = 0;
    let mut run: usize = 0;
    for c in word.chars().chain(std::iter::once(' ')) {
        if "aeiouy".contains(c) && c != ' ' {
            run += 1;
        } else if run > 0 {
            count += run.div_ceil(2);
            run = 0;
        }
    }
    count.max(1)
}

/// The words of a sentence: runs of letters, digits, apostrophes and hyphens with a letter or
/// digit in them.
fn words(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|word| word.chars().any(char::is_alphanumeric))
}

/// Counts of one sentence.
fn count_sentence(sentence: &str) -> Counts {
    let mut counts = Counts {
        sentences: 1,
        ..Counts::default()
    };
    for word in words(sentence) {
        counts.words += 1;
        counts.syllables += word
            .split('-')
            .filter(|part| !part.is_empty())
            .map(syllables)
            .sum::<usize>()
            .max(1);
    }
    counts
}

/// The sentences of a string: each line, split after `.`, `!` or `?` (and any closing quote)
/// followed by a space. Bullets and list numbers are not words.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['•', '-']).trim();
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') {
                while let Some(&close) = chars.peek() {
                    if matches!(close, '”' | '"' | '’' | ')') {
                        current.push(close);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if chars.peek().is_none_or(|next| next.is_whitespace()) {
                    push_sentence(&mut out, &current);
                    current.clear();
                }
            }
        }
        push_sentence(&mut out, &current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, sentence: &str) {
    let sentence = sentence.trim();
    // A list number such as “1.” is not a sentence of its own.
    let is_number = sentence
        .trim_end_matches('.')
        .chars()
        .all(|c| c.is_ascii_digit());
    if !sentence.is_empty() && !is_number && words(sentence).next().is_some() {
        out.push(sentence.to_owned());
    }
}

/// Whether a line speaks of safety.
fn is_safety(line: &str) -> bool {
    let lower = line.to_lowercase();
    SAFETY_WORDS.iter().any(|word| lower.contains(word))
}

/// The prose strings of a RON file, with their keys. A small scanner: comments are skipped,
/// `key:` names the next value, and a string inside a list takes the list's key.
fn prose_of(source: &str) -> Vec<Prose> {
    let mut out = Vec::new();
    // One frame per open bracket: the key of a list, or None for a struct or tuple.
    let mut frames: Vec<Option<String>> = Vec::new();
    let mut last_ident = String::new();
    let mut key: Option<String> = None;
    let mut after_colon = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('n') => text.push('\n'),
                            Some('t') => text.push('\t'),
                            Some('u') => {
                                // \u{…}
                                let hex: String = chars
                                    .by_ref()
                                    .skip_while(|c| *c == '{')
                                    .take_while(|c| *c != '}')
                                    .collect();
                                if let Some(c) =
                                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                {
                                    text.push(c);
                                }
                            }
                            Some(other) => text.push(other),
                            None => {}
                        },
                        other => text.push(other),
                    }
                }
                let in_list = frames.last().cloned().flatten();
                let this_key = if after_colon { key.clone() } else { in_list };
                let fixed = frames
                    .iter()
                    .flatten()
                    .any(|list| FIXED.contains(&list.as_str()))
                    || this_key.as_deref() == Some("stem");
                if let Some(this_key) = this_key
                    && PROSE.contains(&this_key.as_str())
                    && !fixed
                {
                    out.push(Prose {
                        key: this_key,
                        text,
                    });
                }
                after_colon = false;
            }
            '[' => {
                frames.push(if after_colon { key.clone() } else { None });
                after_colon = false;
            }
            '(' => {
                frames.push(None);
                after_colon = false;
            }
            ']' | ')' => {
                frames.pop();
                after_colon = false;
            }
            ':' => {
                key = Some(last_ident.clone());
                after_colon = true;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut ident = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_alphanumeric() || next == '_' {
                        ident.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                // An identifier after a colon is a value (e.g. `kind: Group`), or the name of a
                // variant whose brackets follow (e.g. `field: Choice(`).
                if after_colon && chars.peek() != Some(&'(') {
                    after_colon = false;
                }
                last_ident = ident;
            }
            ',' => after_colon = false,
            _ => {}
        }
    }
    out
}

/// Scores one file.
fn score_file(name: String, source: &str, settings: Settings) -> FileReport {
    let mut counts = Counts::default();
    let mut running = Counts::default();
    let mut hardest = Vec::new();
    let mut hard_safety = Vec::new();
    for prose in prose_of(source) {
        for sentence in sentences(&prose.text) {
            let sentence_counts = count_sentence(&sentence);
            counts.add(sentence_counts);
            if !SHORT_LINES.contains(&prose.key.as_str()) {
                running.add(sentence_counts);
            }
            if sentence_counts.words >= MIN_WORDS {
                hardest.push((sentence_counts.grade(), sentence));
            }
        }
        // A note's bullets are each a message; elsewhere, each sentence that speaks of safety.
        let messages: Vec<String> = if prose.key == "professional_help" {
            prose
                .text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| line.trim().to_owned())
                .collect()
        } else {
            sentences(&prose.text)
                .into_iter()
                .filter(|sentence| is_safety(sentence))
                .collect()
        };
        for message in messages {
            let mut message_counts = Counts::default();
            for sentence in sentences(&message) {
                message_counts.add(count_sentence(&sentence));
            }
            let grade = message_counts.grade();
            if grade > settings.safety_max {
                hard_safety.push((grade, message));
            }
        }
    }
    hardest.sort_by(|a, b| b.0.total_cmp(&a.0));
    hardest.truncate(settings.top);
    hard_safety.sort_by(|a, b| b.0.total_cmp(&a.0));
    FileReport {
        name,
        counts,
        running,
        hardest,
        hard_safety,
    }
}

/// Every `.ron` file under `dir`, sorted.
fn ron_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(ron_files(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "ron") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Scores every file of the workbook at `root/workbook`.
pub fn score(root: &Path, settings: Settings) -> std::io::Result<Vec<FileReport>> {
    let mut reports = Vec::new();
    for path in ron_files(&root.join("workbook"))? {
        let source = std::fs::read_to_string(&path)?;
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        reports.push(score_file(name, &source, settings));
    }
    Ok(reports)
}

/// The report as text: a table of files, then each file's hardest sentences, then the safety
/// texts above the limit. The second value says whether everything is within the limits.
#[must_use]
pub fn render(reports: &[FileReport], settings: Settings) -> (String, bool) {
    let mut out = String::new();
    let mut ok = true;
    let mut total = Counts::default();
    let _ = writeln!(
        out,
        "Flesch–Kincaid grade of the workbook's prose (vowel-group syllables; files above {} and safety texts above {} are marked)\n",
        settings.max_grade, settings.safety_max
    );
    let _ = writeln!(
        out,
        "{:<44} {:>6} {:>6} {:>8}",
        "file", "words", "grade", "running"
    );
    let mut total_running = Counts::default();
    for report in reports {
        total.add(report.counts);
        total_running.add(report.running);
        let grade = report.counts.grade();
        let over = grade.max(report.running.grade()) > settings.max_grade;
        ok &= !over && report.hard_safety.is_empty();
        let _ = writeln!(
            out,
            "{:<44} {:>6} {:>6.1} {:>8.1}{}",
            report.name,
            report.counts.words,
            grade,
            report.running.grade(),
            if over { "  above" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "{:<44} {:>6} {:>6.1} {:>8.1}",
        "all files",
        total.words,
        total.grade(),
        total_running.grade()
    );
    let _ = writeln!(out, "\nHardest sentences (of {MIN_WORDS} words or more)");
    for report in reports.iter().filter(|r| !r.hardest.is_empty()) {
        let _ = writeln!(out, "{}", report.name);
        for (grade, sentence) in &report.hardest {
            let _ = writeln!(out, "  {grade:>5.1}  {sentence}");
        }
    }
    let hard: Vec<&FileReport> = reports
        .iter()
        .filter(|r| !r.hard_safety.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "\nSafety texts above grade {}: {}",
        settings.safety_max,
        hard.iter().map(|r| r.hard_safety.len()).sum::<usize>()
    );
    for report in hard {
        for (grade, text) in &report.hard_safety {
            let _ = writeln!(out, "  {grade:>5.1}  {}: {text}", report.name);
        }
    }
    (out, ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_by_vowel_groups() {
        for (word, expected) in [
            ("the", 1),
            ("cat", 1),
            ("little", 2),
            ("table", 2),
            ("people", 2),
            ("make", 1),
            ("makes", 1),
            ("happy", 2),
            ("yellow", 2),
            ("relationship", 4),
            ("interpersonal", 5),
            ("depression", 3),
            ("10", 1),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        assert_eq!(
            sentences("One two. “Three four.” Five\n• Six seven\n1. Eight"),
            ["One two.", "“Three four.”", "Five", "Six seven", "Eight"]
        );
    }

    #[test]
    fn prose_is_found_under_its_keys_and_fixed_wording_is_not() {
        let source = r#"// a comment with "quotes"
(
    id: "x",
    title: "A title",
    introduction: "Read this.",
    steps: [(prompt: "Ask this?", field: Choice(options: ["One", "Two"], other: false))],
    items: [(id: "q1", text: "Fixed wording")],
)"#;
        let found: Vec<(String, String)> = prose_of(source)
            .into_iter()
            .map(|p| (p.key, p.text))
            .collect();
        assert_eq!(
            found,
            [
                ("introduction".to_owned(), "Read this.".to_owned()),
                ("prompt".to_owned(), "Ask this?".to_owned()),
                ("options".to_owned(), "One".to_owned()),
                ("options".to_owned(), "Two".to_owned()),
            ]
        );
    }

    #[test]
    fn plain_prose_scores_low_and_long_words_score_high() {
        let easy = count_sentence("The cat sat on the mat.");
        assert!(easy.grade() < 2.0, "{}", easy.grade());
        let hard = count_sentence(
            "Interpersonal psychotherapy conceptualises depressive symptomatology within relational contexts.",
        );
        assert!(hard.grade() > 16.0, "{}", hard.grade());
    }
}
