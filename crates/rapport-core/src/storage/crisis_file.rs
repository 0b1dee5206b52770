//! The user's crisis contacts file, and their safety plan in the journal.

use crate::content::crisis::{CrisisContacts, SAFETY_PLAN};
use crate::content::entry::Entry;
use crate::format::Versioned;
use crate::storage::document::Document;
use crate::storage::journal::Journal;
use crate::storage::layout::DataDir;

impl Versioned for CrisisContacts {
    fn format(&self) -> u32 {
        self.version
    }
}

/// The crisis contacts of a data folder.
#[must_use]
pub fn load_contacts(data_dir: &DataDir) -> Document<CrisisContacts> {
    Document::load(&data_dir.crisis(), &crate::format::CRISIS)
}

/// The user's most recent safety plan, if they made one.
#[must_use]
pub fn latest_safety_plan(journal: &Journal) -> Option<&Entry> {
    journal.entries_for(SAFETY_PLAN).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::crisis::Contact;

    #[test]
    fn contacts_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut contacts = load_contacts(&data);
        assert!(contacts.problem().is_none());
        contacts.value.my_numbers.push(Contact {
            name: "Sam".into(),
            number: "07700 900123".into(),
            note: String::new(),
        });
        assert_eq!(contacts.save(), Ok(None));
        assert_eq!(load_contacts(&data).value, contacts.value);
    }
}
