//! Any bytes as `protection.ron`, and any bytes as a sealed file: never a panic, never a hang,
//! and a protection file that parses never asks for unbounded work.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = rapport_core::storage::protection::Protection::parse(text, std::path::Path::new("protection.ron"));
    }
    let key = rapport_core::storage::seal::DataKey::from_bytes([7; 32]);
    let mut sealed = rapport_core::storage::seal::SEALED_MAGIC.to_vec();
    sealed.extend_from_slice(data);
    assert!(rapport_core::storage::seal::open_file(&key, &sealed).is_err() || data.len() >= 40);
});
