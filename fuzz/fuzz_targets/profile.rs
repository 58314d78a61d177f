//! A profile file, as the app's import and `srdi assess` read it: any bytes either load (and then
//! assess without a panic, and survive export and re-import) or give an error with a message.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use srdi_engine::rules::RuleBook;

fn book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| RuleBook::embedded().unwrap_or_default())
}
use srdi_engine::{Date, Options, Profile, assess};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Profile::from_json(text) {
        Ok(profile) => {
            for date in ["2025-06-01", "2026-05-01", "2027-02-01"] {
                if let Some(date) = Date::parse(date) {
                    let _ = assess(book(), &profile, &Options::new(date));
                }
            }
            let again = Profile::from_json(&profile.to_json());
            assert_eq!(
                again.as_ref(),
                Ok(&profile),
                "export and re-import changed the profile"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an error without a message"),
    }
});
