//! Any bytes as a worksheet definition: never a panic, never a hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rapport_core::content::worksheet::Section;
use rapport_core::content::workbook::Workbook;

/// The bundled sections, read once rather than on every run.
fn sections() -> &'static [Section] {
    static SECTIONS: OnceLock<Vec<Section>> = OnceLock::new();
    SECTIONS.get_or_init(|| Workbook::bundled().sections().to_vec())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = rapport_core::content::workbook::parse_worksheet_text(text, sections());
    }
});
