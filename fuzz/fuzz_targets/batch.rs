//! `srdi batch` input, CSV or JSON Lines: any text gives rows (each a profile or a reason) or an
//! error with a message; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match srdi_cli::batch::read(text) {
        Ok(rows) => {
            for row in rows {
                if let Err(reason) = row.profile {
                    assert!(!reason.is_empty(), "a refused row without a reason");
                }
            }
        }
        Err(e) => assert!(!e.is_empty(), "an error without a message"),
    }
    let _ = srdi_cli::batch::read_jsonl(text);
    let _ = srdi_cli::batch::parse_csv(text);
});
