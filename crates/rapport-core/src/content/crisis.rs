//! Crisis help: the bundled helpline list, the user's own numbers, and their safety plan.

use serde::{Deserialize, Serialize};

use crate::content::workbook;
use crate::ron_format;

/// The worksheet whose latest entry is shown on the crisis screen.
pub const SAFETY_PLAN: &str = "safety-plan";

/// Printed by `rapport add` when an answer calls for the crisis information.
pub const CLI_ALERT: &str = "You said you have had thoughts of being better off dead or of hurting yourself. Thank you for saying so. If you might act on them, call your local emergency number now. Otherwise, please tell someone you trust today, and contact a crisis line or your doctor: open Rapport and press “Get help now” for numbers and your safety plan.";

/// A crisis line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helpline {
    /// Where it serves, e.g. "United Kingdom and Ireland".
    pub region: String,
    /// The service's name.
    pub name: String,
    /// How to reach it: a number, "call or text 988", a website.
    pub contact: String,
    /// Hours, cost, languages.
    #[serde(default)]
    pub details: String,
}

/// A dated list of helplines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helplines {
    /// When the numbers were last checked.
    pub checked: jiff::civil::Date,
    /// The lines.
    pub lines: Vec<Helpline>,
}

/// The helpline list that comes with Rapport.
#[must_use]
pub fn bundled_helplines() -> Helplines {
    ron_format::options()
        .from_str(workbook::bundled::HELPLINES)
        .unwrap_or_else(|_| Helplines {
            checked: jiff::civil::date(2026, 11, 25),
            lines: Vec::new(),
        })
}

/// A country a printed handout can list the helplines of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Its two-letter country code, as in a locale (`en_GB.UTF-8`) and `--region GB`.
    pub code: &'static str,
    /// Its name, as shown.
    pub name: &'static str,
    /// The helpline list's `region` names that serve it.
    serves: &'static [&'static str],
}

/// The countries the bundled helpline list covers.
pub const REGIONS: &[Region] = &[
    Region {
        code: "AU",
        name: "Australia",
        serves: &["Australia"],
    },
    Region {
        code: "CA",
        name: "Canada",
        serves: &["Canada"],
    },
    Region {
        code: "FR",
        name: "France",
        serves: &["France"],
    },
    Region {
        code: "DE",
        name: "Germany",
        serves: &["Germany"],
    },
    Region {
        code: "IN",
        name: "India",
        serves: &["India"],
    },
    Region {
        code: "IE",
        name: "Ireland",
        serves: &["United Kingdom and Ireland", "Ireland"],
    },
    Region {
        code: "NL",
        name: "Netherlands",
        serves: &["Netherlands"],
    },
    Region {
        code: "NZ",
        name: "New Zealand",
        serves: &["New Zealand"],
    },
    Region {
        code: "ES",
        name: "Spain",
        serves: &["Spain"],
    },
    Region {
        code: "GB",
        name: "United Kingdom",
        serves: &["United Kingdom and Ireland", "United Kingdom"],
    },
    Region {
        code: "US",
        name: "United States",
        serves: &["United States"],
    },
];

/// The list's `region` for lines that serve everyone.
const ANY_COUNTRY: &str = "Any country";
/// The name the list gives a country's emergency number.
const EMERGENCY: &str = "Emergency services";

/// The region with this country code (`GB`, `gb`; `UK` is taken as `GB`).
#[must_use]
pub fn region(code: &str) -> Option<&'static Region> {
    let code = code.trim().to_uppercase();
    let code = if code == "UK" { "GB".to_owned() } else { code };
    REGIONS.iter().find(|r| r.code == code)
}

/// The region of a locale such as `en_GB.UTF-8` or `fr_FR@euro`; `None` for `C`, `POSIX` or a
/// country the list does not cover.
#[must_use]
pub fn region_of_locale(locale: &str) -> Option<&'static Region> {
    let country = locale.split(['.', '@']).next()?.split_once('_')?.1;
    region(country)
}

/// The region of the system's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
/// set and not empty, as the C library reads them.
#[must_use]
pub fn region_from_environment() -> Option<&'static Region> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .and_then(|locale| region_of_locale(&locale))
}

/// The help printed on a handout, so the paper stands alone: a region's emergency number and
/// helplines, and lines that serve any country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedHelp {
    /// The region's name; `None` when no region is chosen.
    pub region: Option<String>,
    /// The emergency number, e.g. “999 or 112”.
    pub emergency: Option<String>,
    /// The helplines, the region's first, then those for any country.
    pub lines: Vec<Helpline>,
    /// When the numbers were last checked.
    pub checked: jiff::civil::Date,
}

impl PrintedHelp {
    /// The help for `region` (or, with none, only the lines for any country) from `helplines`.
    #[must_use]
    pub fn new(helplines: &Helplines, region: Option<&Region>) -> Self {
        let serves =
            |line: &Helpline| region.is_some_and(|r| r.serves.contains(&line.region.as_str()));
        let emergency = helplines
            .lines
            .iter()
            .find(|line| serves(line) && line.name == EMERGENCY)
            .map(|line| line.contact.clone());
        let lines = helplines
            .lines
            .iter()
            .filter(|line| serves(line) && line.name != EMERGENCY)
            .chain(
                helplines
                    .lines
                    .iter()
                    .filter(|line| line.region == ANY_COUNTRY),
            )
            .cloned()
            .collect();
        Self {
            region: region.map(|r| r.name.to_owned()),
            emergency,
            lines,
            checked: helplines.checked,
        }
    }

    /// The line at the foot of every page: the emergency number and the first crisis line.
    #[must_use]
    pub fn footer(&self) -> String {
        let emergency = self.emergency.as_ref().map_or_else(
            || "If you are in danger now, call your local emergency number.".to_owned(),
            |number| {
                format!("If you are in danger now, call your local emergency number: {number}.")
            },
        );
        let line = self
            .lines
            .first()
            .map(|line| format!(" {}: {}.", line.name, line.contact))
            .unwrap_or_default();
        format!(
            "{emergency}{line} This is a self-help handout, not a substitute for professional care."
        )
    }

    /// `text` as it reads on paper: where it points to the app's “Get help now” button, it
    /// points to the “Get help now” box printed on the handout instead.
    #[must_use]
    pub fn on_paper(text: &str) -> String {
        // Longest first; each phrase is replaced once, through a placeholder, so no
        // replacement is itself replaced.
        const MARK: &str = "\u{1}";
        const PHRASES: [(&str, &str); 7] = [
            (
                "You can find it under “Get help now”.",
                "Keep a copy where you can find it.",
            ),
            (
                "press “Get help now” at the top of the window",
                "call a number in “Get help now” at the end of this handout",
            ),
            (
                "press “Get help now” at the top of every screen",
                "call a number in “Get help now” at the end of this handout",
            ),
            (
                "please press “Get help now”",
                "please call a number in “Get help now” at the end of this handout",
            ),
            (
                "press “Get help now”",
                "call a number in “Get help now” at the end of this handout",
            ),
            (
                "“Get help now” at the top of the window",
                "“Get help now” at the end of this handout",
            ),
            (
                "“Get help now”",
                "“Get help now” at the end of this handout",
            ),
        ];
        if !text.contains("Get help now") {
            return text.to_owned();
        }
        let mut text = text.to_owned();
        let mut found = Vec::new();
        for (from, to) in PHRASES {
            if text.contains(from) {
                text = text.replace(from, &format!("{MARK}{}{MARK}", found.len()));
                found.push(to);
            }
        }
        for (index, to) in found.iter().enumerate() {
            text = text.replace(&format!("{MARK}{index}{MARK}"), to);
        }
        text
    }
}

/// A person or service the user wants to reach in a crisis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Who.
    pub name: String,
    /// Their number or other way to reach them.
    pub number: String,
    /// Anything else, e.g. "after 6pm".
    #[serde(default)]
    pub note: String,
}

/// What the user keeps in `crisis.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrisisContacts {
    /// Format of the file.
    pub version: u32,
    /// The user's own people and numbers.
    pub my_numbers: Vec<Contact>,
    /// The user's edited helpline list; `None` uses the bundled one.
    pub helplines: Option<Helplines>,
}

impl Default for CrisisContacts {
    fn default() -> Self {
        Self {
            version: 1,
            my_numbers: Vec::new(),
            helplines: None,
        }
    }
}

impl CrisisContacts {
    /// The helplines to show: the user's copy, or the bundled list.
    #[must_use]
    pub fn helplines(&self) -> Helplines {
        self.helplines.clone().unwrap_or_else(bundled_helplines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_names_its_country_and_the_handout_prints_its_numbers() {
        assert_eq!(region_of_locale("en_GB.UTF-8").map(|r| r.code), Some("GB"));
        assert_eq!(region_of_locale("fr_FR@euro").map(|r| r.code), Some("FR"));
        assert_eq!(
            region_of_locale("en_US").map(|r| r.name),
            Some("United States")
        );
        assert!(region_of_locale("C.UTF-8").is_none());
        assert!(region_of_locale("POSIX").is_none());
        assert!(region_of_locale("pt_BR.UTF-8").is_none(), "not in the list");
        assert_eq!(region("uk").map(|r| r.code), Some("GB"));

        let list = bundled_helplines();
        for region in REGIONS {
            let help = PrintedHelp::new(&list, Some(region));
            assert!(help.emergency.is_some(), "{}", region.name);
            assert!(help.lines.len() >= 2, "{}", region.name);
        }
        let uk = PrintedHelp::new(&list, region("GB"));
        assert_eq!(uk.emergency.as_deref(), Some("999 or 112"));
        assert!(uk.lines.iter().any(|l| l.contact == "116 123"));
        assert!(uk.lines.iter().all(|l| l.region != "United States"));
        assert_eq!(
            uk.footer(),
            "If you are in danger now, call your local emergency number: 999 or 112. Samaritans: 116 123. This is a self-help handout, not a substitute for professional care."
        );
        let nowhere = PrintedHelp::new(&list, None);
        assert!(nowhere.emergency.is_none());
        assert!(
            nowhere
                .footer()
                .contains("call your local emergency number")
        );
        assert!(nowhere.lines.iter().all(|l| l.region == ANY_COUNTRY));
    }

    #[test]
    fn on_paper_the_app_button_becomes_the_box_on_the_handout() {
        let text = "If you might be in danger, press “Get help now” at the top of the window. Talk to a domestic-abuse service; “Get help now” lists some.";
        assert_eq!(
            PrintedHelp::on_paper(text),
            "If you might be in danger, call a number in “Get help now” at the end of this handout. Talk to a domestic-abuse service; “Get help now” at the end of this handout lists some."
        );
        assert_eq!(PrintedHelp::on_paper("No button here."), "No button here.");
    }

    #[test]
    fn the_bundled_list_parses_and_is_dated() {
        let list = bundled_helplines();
        assert!(list.lines.len() >= 8);
        assert!(
            list.lines
                .iter()
                .all(|l| !l.name.is_empty() && !l.contact.is_empty())
        );
        assert!(list.checked.year() >= 2026);
    }
}
