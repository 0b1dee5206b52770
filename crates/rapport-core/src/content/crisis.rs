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
