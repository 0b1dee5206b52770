//! Any bytes as a participant's share file: never a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(file) = rapport_core::facilitator::share::parse(text, "MAPLE-7", None) {
            let _ = rapport_core::facilitator::share::summarise(&[file]);
        }
    }
});
