//! The engine's JSON reader: any text is refused with a message or read, and what is read writes
//! back (compact and pretty) to text that reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srdi_engine::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::parse(text) {
        Ok(value) => {
            assert_eq!(json::parse(&value.to_string()).as_ref(), Ok(&value));
            assert_eq!(json::parse(&value.to_pretty()).as_ref(), Ok(&value));
        }
        Err(e) => assert!(!e.is_empty()),
    }
});
