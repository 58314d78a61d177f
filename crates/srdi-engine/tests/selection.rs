//! Rule selection at the edges the embedded rule files do not reach: a date
//! after a rule set's last day with nothing newer (issue 11 point 16).

use srdi_engine::result::RuleFit;
use srdi_engine::{ApplicantPath, Date, Options, Profile, RuleBook, Verdict, assess, select};

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("bad date {s}"))
}

#[test]
fn a_date_after_the_last_rule_set_with_nothing_newer_is_not_modelled() {
    let mut book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    // Without the 2026 小巨人 file, 复核 is modelled only until 2026-12-31 (117号).
    book.files.retain(|f| f.id != "little_giant_2026");
    let mut opts = Options::new(date("2027-06-01"));
    opts.path = Some(ApplicantPath::Review);
    let sel = select(&book, "little_giant", ApplicantPath::Review, &opts);
    let (file, window, fit) = sel.unwrap_or_else(|| panic!("no selection"));
    assert_eq!(fit, RuleFit::NotModelled);
    assert_eq!(file.id, "little_giant_2022");
    assert_eq!(window.until.as_deref(), Some("2026-12-31"));
    let a = assess(&book, &Profile::new(), &opts);
    let t = a.tier("little_giant").unwrap_or_else(|| panic!("no tier"));
    assert_eq!(t.verdict, Verdict::Incomplete);
    assert_eq!(t.rule_set.id, "none");
    let why = srdi_words::why(t, srdi_words::date_of(&a), srdi_words::Lang::Zh);
    assert!(why.contains("适用至2026年12月31日"), "{why}");
    // The last day of the window is still modelled.
    opts.date = date("2026-12-31");
    let a = assess(&book, &Profile::new(), &opts);
    let t = a.tier("little_giant").unwrap_or_else(|| panic!("no tier"));
    assert_eq!(t.rule_set.fit, RuleFit::InForce);
    assert_eq!(t.rule_set.id, "little_giant_2022");
}

#[test]
fn a_forced_version_outside_its_window_is_stamped_so() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut opts = Options::new(date("2021-05-01"));
    opts.rules = srdi_engine::RulesChoice::Version("2022".into());
    let sel = select(&book, "specialized_sme", ApplicantPath::New, &opts);
    assert!(matches!(sel, Some((f, _, RuleFit::ForcedOutside)) if f.id == "specialized_sme_2022"));
}
