//! Crisis help: the bundled helpline list, the user's own numbers, and their safety plan.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::data_dir::DataDir;
use crate::entry::Entry;
use crate::journal::Journal;
use crate::problem::{Problem, describe_ron_error};
use crate::store::{self, Overwrite};
use crate::{ron_format, workbook};

/// The worksheet whose latest entry is shown on the crisis screen.
pub const SAFETY_PLAN: &str = "safety-plan";

/// Printed by `rapport add` when an answer calls for the crisis information.
pub const CLI_ALERT: &str = "You said you have had thoughts of being better off dead or of hurting yourself. Thank you for saying so. If you might act on them, call your local emergency number now. Otherwise, please tell someone you trust today, and contact a crisis line or your doctor: open Rapport and press “Get help now” for numbers and your safety plan.";

/// The largest crisis file that will be read.
const MAX_BYTES: u64 = 256 * 1024;

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

/// The crisis contacts of a data folder, and whether the file on disk could be read.
#[derive(Clone, Debug)]
pub struct CrisisStore {
    path: PathBuf,
    /// What was loaded (the defaults if nothing could be).
    pub contacts: CrisisContacts,
    unreadable: Option<Problem>,
}

impl CrisisStore {
    /// Loads `crisis.ron`; a missing file gives the defaults, an unreadable one a problem.
    #[must_use]
    pub fn load(data_dir: &DataDir) -> Self {
        let path = data_dir.crisis();
        let mut store = Self {
            path: path.clone(),
            contacts: CrisisContacts::default(),
            unreadable: None,
        };
        if !path.exists() {
            return store;
        }
        let result = store::read_text(&path, MAX_BYTES)
            .map_err(|error| format!("Your crisis contacts file {error}"))
            .and_then(|text| {
                ron_format::options()
                    .from_str::<CrisisContacts>(&text)
                    .map_err(|error| {
                        format!(
                            "Your crisis contacts could not be read at {}",
                            describe_ron_error(&error)
                        )
                    })
            })
            .and_then(|contacts| {
                if contacts.version > 1 {
                    Err("Your crisis contacts were written by a newer version of Rapport; they were left as they are".to_owned())
                } else {
                    Ok(contacts)
                }
            });
        match result {
            Ok(contacts) => store.contacts = contacts,
            Err(message) => store.unreadable = Some(Problem::new(&path, message)),
        }
        store
    }

    /// Why the file on disk could not be used, if it could not.
    #[must_use]
    pub fn problem(&self) -> Option<&Problem> {
        self.unreadable.as_ref()
    }

    /// Saves the contacts atomically. A file that could not be read is first moved aside, never
    /// overwritten; the message says where it went.
    pub fn save(&mut self) -> Result<Option<String>, String> {
        let mut moved = None;
        if self.unreadable.is_some() && self.path.exists() {
            let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
            let aside = self
                .path
                .with_file_name(format!("crisis.unreadable-{stamp}.ron"));
            store::move_file(&self.path, &aside).map_err(|error| {
                format!(
                    "Your earlier crisis file could not be read, and could not be moved aside either, so nothing was saved: {error}. Path: {}",
                    self.path.display()
                )
            })?;
            moved = Some(format!(
                "Your earlier crisis file could not be read; it was kept as {}.",
                aside.display()
            ));
            self.unreadable = None;
        }
        let text = ron::ser::to_string_pretty(&self.contacts, ron_format::pretty())
            .map_err(|error| format!("Could not prepare your crisis contacts: {error}"))?;
        store::write_atomic(&self.path, text.as_bytes(), Overwrite::Replace).map_err(|error| {
            format!(
                "Could not save your crisis contacts: {error}. Path: {}",
                self.path.display()
            )
        })?;
        Ok(moved)
    }
}

/// The user's most recent safety plan, if they made one.
#[must_use]
pub fn latest_safety_plan(journal: &Journal) -> Option<&Entry> {
    journal.entries_for(SAFETY_PLAN).into_iter().next()
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

    #[test]
    fn contacts_round_trip_and_a_bad_file_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut store = CrisisStore::load(&data);
        assert!(store.problem().is_none());
        store.contacts.my_numbers.push(Contact {
            name: "Sam".into(),
            number: "07700 900123".into(),
            note: String::new(),
        });
        assert_eq!(store.save(), Ok(None));
        assert_eq!(CrisisStore::load(&data).contacts, store.contacts);

        std::fs::write(data.crisis(), "(my_numbers: [").unwrap();
        let mut broken = CrisisStore::load(&data);
        assert!(broken.problem().is_some());
        assert!(broken.contacts.my_numbers.is_empty());
        let message = broken.save().unwrap().unwrap();
        assert!(message.contains("crisis.unreadable-"), "{message}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("crisis.unreadable-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
            "(my_numbers: ["
        );
    }
}
