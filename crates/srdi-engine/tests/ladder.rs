//! The next step comes from the ladder file (`rules/ladder/ladder.json`): its rungs and
//! exclusions are data, checked when the book is validated.

use srdi_engine::rules::{EMBEDDED_LADDER, Ladder};
use srdi_engine::{Date, Options, Profile, RuleBook, assess};

/// The embedded book with its ladder file edited by `edit`, validated.
fn book_with(edit: impl Fn(&mut serde_json::Value)) -> Result<RuleBook, String> {
    let mut book = RuleBook::embedded().map_err(|e| e.to_string())?;
    let [(name, text)] = EMBEDDED_LADDER else {
        return Err(format!("{} ladder files", EMBEDDED_LADDER.len()));
    };
    let mut v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    edit(&mut v);
    book.ladder = Ladder::default();
    book.set_ladder(name, &v.to_string())
        .map_err(|e| e.to_string())?;
    book.validate().map_err(|e| e.to_string())?;
    Ok(book)
}

/// E1 with too little R&D and no Ⅰ类 rights: no tier qualifies, so the first rung is next.
fn failing() -> Profile {
    let path = format!(
        "{}/../../examples/profiles/e1-innovative.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    v["ip"]["class1_self_developed"] = 0.into();
    v["years"]["2025"]["rd_expense"] = "20".into();
    Profile::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn next_options(book: &RuleBook) -> Vec<String> {
    let on = Options::new(Date::parse("2026-05-01").unwrap_or_else(|| panic!("a date")));
    let a = assess(book, &failing(), &on);
    a.next_step
        .map(|n| n.options.iter().map(|o| o.to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn the_first_rung_offers_innovative_or_tech_as_the_ladder_file_says() {
    let book = book_with(|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.ladder.floor.to_string(), "sme_size");
    let mut options = next_options(&book);
    options.sort();
    assert_eq!(options, ["innovative_sme", "tech_sme"]);
    // A ladder whose first rung is 创新型 alone offers 创新型 alone: the rungs are data.
    let book = book_with(|v| v["rungs"][0]["tiers"] = serde_json::json!(["innovative_sme"]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(next_options(&book), ["innovative_sme"]);
}

#[test]
fn a_ladder_naming_an_unknown_tier_twice_a_tier_or_an_unknown_document_is_refused() {
    let e = book_with(|v| v["rungs"][1]["tiers"] = serde_json::json!(["specialised"]))
        .err()
        .unwrap_or_default();
    assert!(e.contains("unknown tier specialised"), "{e}");
    let e = book_with(|v| v["rungs"][1]["tiers"] = serde_json::json!(["tech_sme"]))
        .err()
        .unwrap_or_default();
    assert!(e.contains("tier tech_sme on two rungs"), "{e}");
    let e = book_with(|v| v["exclusions"][0]["cite"]["doc"] = "99".into())
        .err()
        .unwrap_or_default();
    assert!(e.contains("99"), "{e}");
    let e = book_with(|v| v["floor"] = "".into())
        .err()
        .unwrap_or_default();
    assert!(e.contains("floor"), "{e}");
    // A second ladder file is refused, not merged.
    let mut book = book_with(|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let e = book
        .set_ladder("again.json", EMBEDDED_LADDER[0].1)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("second ladder"), "{e}");
}
