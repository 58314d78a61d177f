//! A plan never asks to change the figures of a year already closed as if it
//! could: such a step says the year is closed and when new figures could count
//! (issue 11 point 18; the application uses last year's audited figures).

use srdi_engine::json;
use srdi_engine::profile::set_path;
use srdi_engine::{Date, Options, Profile, RuleBook, assess};

/// An example profile with some fields set (values as JSON text: `"4800"`, `3`).
fn profile(name: &str, set: &[(&str, &str)]) -> Profile {
    let path = format!(
        "{}/../../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut v = json::parse(&text).unwrap_or(json::Value::Null);
    let json::Value::Object(m) = &mut v else {
        panic!("{name} is not an object");
    };
    for (k, val) in set {
        let value = json::parse(val).unwrap_or_else(|e| panic!("{k}: {e}"));
        set_path(m, k, Some(value)).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    Profile::from_map(m).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn little_giant_gaps(p: &Profile, date: &str) -> Vec<srdi_engine::result::GapStep> {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("rules: {e}"));
    let date = Date::parse(date).unwrap_or_else(|| panic!("date {date}"));
    let a = assess(&book, p, &Options::new(date));
    let lg = a
        .tier("little_giant")
        .unwrap_or_else(|| panic!("little_giant"));
    lg.gaps.clone()
}

#[test]
fn a_gap_in_last_years_revenue_says_the_year_is_closed_and_when_new_figures_count() {
    // E7 with 2025 revenue under the 5,000万 line, assessed on 2026-12-02.
    let p = profile(
        "e7-little-giant-2026",
        &[
            ("years.2025.revenue", "\"4800\""),
            ("years.2025.main_revenue", "\"4500\""),
        ],
    );
    let gaps = little_giant_gaps(&p, "2026-12-02");
    let step = gaps
        .iter()
        .find(|s| {
            s.changes
                .iter()
                .any(|c| c.field.to_string() == "years.2025.revenue")
        })
        .unwrap_or_else(|| panic!("a revenue step in {gaps:?}"));
    assert_eq!(step.closed_year, Some(2025));
    assert_eq!(step.first_application_year, Some(2027));
    let (zh, en) = (
        srdi_words::step(step, srdi_words::Lang::Zh),
        srdi_words::step(step, srdi_words::Lang::En),
    );
    assert!(zh.starts_with("2025年度已结束，数据不能再改"), "{zh}");
    assert!(zh.contains("最早可用于2027年的申报"), "{zh}");
    assert!(en.contains("2025 is closed"), "{en}");
}

#[test]
fn a_gap_the_firm_can_still_close_this_year_is_not_marked_closed() {
    // E7 with three Ⅰ类 rights instead of four: more rights can be obtained now.
    let p = profile(
        "e7-little-giant-2026",
        &[
            ("ip.class1_self_developed", "3"),
            ("ip.class1_applied", "3"),
        ],
    );
    let gaps = little_giant_gaps(&p, "2026-05-01");
    assert!(!gaps.is_empty(), "a gap plan");
    for s in &gaps {
        let zh = srdi_words::step(s, srdi_words::Lang::Zh);
        assert_eq!(s.closed_year, None, "{zh}");
        assert!(!zh.contains("已结束"), "{zh}");
    }
}
