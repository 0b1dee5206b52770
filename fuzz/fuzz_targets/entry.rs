//! Any bytes as a journal entry: never a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(entry) = rapport_core::storage::journal::parse_entry_text(text) {
            // What parses must write back and parse to the same entry.
            let again = rapport_core::storage::journal::parse_entry_text(&rapport_core::storage::journal::entry_to_ron(&entry));
            assert_eq!(again.ok(), Some(entry));
        }
    }
});
