//! Any bytes as a worksheet definition: never a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let sections = rapport::workbook::Workbook::bundled().sections().to_vec();
        let _ = rapport::workbook::parse_worksheet_text(text, &sections);
    }
});
