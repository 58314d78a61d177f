//! Dated law (issue 12 part 2): a forced version picks what that version says
//! on the date, amendments load strictly, packs attach to a tier and a period,
//! and `count_of` counts four-valued answers.
//!
//! The amendment here is a test fixture (`tests/fixtures/`), not law.

use srdi_engine::eval::count_status;
use srdi_engine::result::{RuleFit, Status};
use srdi_engine::rules::{NodeKind, RuleFile};
use srdi_engine::{ApplicantPath, Date, Options, Profile, RuleBook, RulesChoice, assess, select};

const FIXTURE: &str = include_str!("fixtures/amend_sme26_revenue_2027.json");

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("bad date {s}"))
}

fn book_with_fixture() -> RuleBook {
    let mut book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    book.add_amendment("fixture", FIXTURE)
        .unwrap_or_else(|e| panic!("{e}"));
    book.validate().unwrap_or_else(|e| panic!("{e}"));
    book
}

fn set_value(n: &mut srdi_engine::rules::Node, id: &str, v: &str) -> bool {
    if &*n.id == id {
        if let NodeKind::Compare { value, .. } = &mut n.kind {
            *value = srdi_engine::profile::Dec::parse(v).unwrap_or_else(|e| panic!("{e}"));
            return true;
        }
        return false;
    }
    match &mut n.kind {
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            of.iter_mut().any(|k| set_value(k, id, v))
        }
        _ => false,
    }
}

/// A consolidated 2026 专精特新 text from 2028-01-01 (revenue line 2500万),
/// added after the file as issued: the file a forced `2026` used to skip.
fn consolidated(book: &RuleBook) -> RuleFile {
    let mut f = book
        .file("specialized_sme_2026")
        .cloned()
        .unwrap_or_else(|| panic!("no specialized_sme_2026"));
    f.id = "specialized_sme_2026_consolidated".into();
    for a in &mut f.applies {
        a.from = "2028-01-01".into();
    }
    let root = f.root.as_mut().unwrap_or_else(|| panic!("no root"));
    assert!(set_value(root, "gate2a_revenue", "2500"));
    f
}

fn revenue_line(book: &RuleBook, day: &str, rules: RulesChoice) -> (String, RuleFit, String) {
    let mut opts = Options::new(date(day));
    opts.path = Some(ApplicantPath::New);
    opts.rules = rules;
    let a = assess(book, &Profile::new(), &opts);
    let t = a
        .tier("specialized_sme")
        .unwrap_or_else(|| panic!("no tier"));
    let c = t
        .checks
        .iter()
        .find(|c| &*c.id == "gate2a_revenue")
        .unwrap_or_else(|| panic!("no revenue check in {}", t.rule_set.id));
    let shown = c
        .threshold
        .as_ref()
        .map(|t| t.value.to_string())
        .unwrap_or_default();
    (t.rule_set.id.to_string(), t.rule_set.fit, shown)
}

#[test]
fn a_forced_version_takes_the_file_of_that_version_in_force_on_the_date() {
    let mut book = book_with_fixture();
    let later = consolidated(&book);
    book.files.push(later);
    book.validate().unwrap_or_else(|e| panic!("{e}"));
    let v2026 = || RulesChoice::Version("2026".into());
    // Before the consolidated text: the file as issued, then amended from 2027.
    assert_eq!(
        revenue_line(&book, "2026-06-01", v2026()),
        (
            "specialized_sme_2026".into(),
            RuleFit::Forced,
            "1500".into()
        )
    );
    assert_eq!(
        revenue_line(&book, "2027-06-01", v2026()),
        (
            "specialized_sme_2026+fixture_revenue_2027".into(),
            RuleFit::Forced,
            "2000".into()
        )
    );
    // From 2028 the consolidated text governs, forced or not (it was the
    // second file of version 2026, which a forced version used to skip); the
    // 2027 amendment is already in it and is not applied again.
    for rules in [v2026(), RulesChoice::Auto] {
        let fit = if rules == RulesChoice::Auto {
            RuleFit::InForce
        } else {
            RuleFit::Forced
        };
        assert_eq!(
            revenue_line(&book, "2028-06-01", rules),
            (
                "specialized_sme_2026_consolidated".into(),
                fit,
                "2500".into()
            )
        );
    }
    // Outside every window of the version: the nearest, stamped so.
    let mut opts = Options::new(date("2020-01-01"));
    opts.rules = v2026();
    let sel = select(&book, "specialized_sme", ApplicantPath::New, &opts);
    assert!(
        matches!(sel, Some((f, _, RuleFit::ForcedOutside)) if f.id == "specialized_sme_2026"),
        "{:?}",
        sel.map(|s| (s.0.id.clone(), s.2))
    );
}

#[test]
fn versions_are_the_labels_in_the_rule_files() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let versions = book.versions();
    assert!(versions.contains(&"2022".to_string()) && versions.contains(&"2026".to_string()));
    assert_eq!(book.editions(), ["2022", "2026"]);
    assert_eq!(
        RulesChoice::parse("2026", &book),
        Ok(RulesChoice::Version("2026".into()))
    );
    assert_eq!(RulesChoice::parse("auto", &book), Ok(RulesChoice::Auto));
    let err = RulesChoice::parse("2027", &book).unwrap_err();
    assert!(
        err.contains("\"2027\"") && err.contains("2022") && err.contains("2026"),
        "{err}"
    );
    // A 2027 file makes "2027" a version, with no code change.
    let mut more = book.clone();
    let mut f = more
        .file("base_2026")
        .cloned()
        .unwrap_or_else(|| panic!("no base_2026"));
    f.id = "base_2027".into();
    f.version = "2027".into();
    more.files.push(f);
    assert_eq!(
        RulesChoice::parse("2027", &more),
        Ok(RulesChoice::Version("2027".into()))
    );
    assert_eq!(more.editions(), ["2022", "2026", "2027"]);
}

/// The fixture with one text replaced, loaded and validated.
fn load_changed(from: &str, to: &str) -> Result<(), String> {
    assert!(FIXTURE.contains(from), "{from}");
    let mut book = RuleBook::embedded().map_err(|e| e.to_string())?;
    book.add_amendment("changed", &FIXTURE.replace(from, to))
        .map_err(|e| e.to_string())?;
    book.validate().map_err(|e| e.to_string())
}

#[test]
fn amendments_load_strictly() {
    let cases = [
        (
            r#""target": "gate2a_revenue""#,
            r#""target": "gate2a_turnover""#,
            "no node or indicator gate2a_turnover",
        ),
        (
            r#""value": "2000","#,
            r#""value": "2000", "surprise": 1,"#,
            "unknown field `surprise`",
        ),
        (
            r#""target": "gate2a_revenue""#,
            r#""target": "gate2a""#,
            "amends a compare node only",
        ),
        (
            r#""version": "2026""#,
            r#""version": "2030""#,
            "no rule file of that tier and version",
        ),
        (
            r#""from": "2027-01-01""#,
            r#""from": "2027-13-01""#,
            "not a date",
        ),
        (
            r#""doc": "t1",
        "article": "第一条""#,
            r#""doc": "t9",
        "article": "第一条""#,
            "unknown document",
        ),
        (
            r#""format": "srdi-amend/1""#,
            r#""format": "srdi-amend/9""#,
            "expected srdi-amend/1",
        ),
    ];
    for (from, to, want) in cases {
        let err = load_changed(from, to).expect_err(want);
        assert!(err.contains(want), "{want}: {err}");
    }
    // A new value needs its citation.
    let no_cite = FIXTURE.replacen(
        r#""cite": {
        "doc": "t1",
        "article": "第一条","#,
        r#""nocite": {
        "doc": "t1",
        "article": "第一条","#,
        1,
    );
    let mut book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(book.add_amendment("x", &no_cite).is_err());
}

#[test]
fn packs_attach_to_a_tier_and_period_and_old_packs_still_load() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let sichuan = book
        .packs
        .iter()
        .find(|p| p.id == "sichuan_specialized_2022")
        .unwrap_or_else(|| panic!("no 四川 pack"));
    let f22 = book
        .file("specialized_sme_2022")
        .unwrap_or_else(|| panic!("no file"));
    let f26 = book
        .file("specialized_sme_2026")
        .unwrap_or_else(|| panic!("no file"));
    assert!(book.pack_for(f22, "2025-05-01", "四川省").is_some());
    assert!(book.pack_for(f26, "2026-05-01", "四川").is_none());
    // A srdi-pack/1 file (applies_to = a rule file id) is read as that file's tier and version.
    let old = serde_json::to_string(sichuan).unwrap_or_default();
    let mut v: serde_json::Value = serde_json::from_str(&old).unwrap_or_default();
    v["format"] = "srdi-pack/1".into();
    v["id"] = "sichuan_old".into();
    v["applies_to"] = "specialized_sme_2022".into();
    let mut more = book.clone();
    more.add_pack("old.json", &v.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    more.validate().unwrap_or_else(|e| panic!("{e}"));
    let loaded = more.packs.iter().find(|p| p.id == "sichuan_old");
    assert!(
        loaded.is_some_and(
            |p| p.applies_to.tier == "specialized_sme" && p.applies_to.version == "2022"
        )
    );
    // …and one naming a file that does not exist is a clear error.
    v["applies_to"] = "specialized_sme_2019".into();
    let err = more
        .add_pack("bad.json", &v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("specialized_sme_2019") && err.contains("srdi-pack/2"),
        "{err}"
    );
    // A 2026-era pack has a slot by tier and period; one for a version with
    // no file in its period is refused.
    v["format"] = "srdi-pack/2".into();
    v["id"] = "sichuan_2030".into();
    v["applies_to"] = serde_json::json!({"tier": "specialized_sme", "version": "2030"});
    let mut bad = book.clone();
    bad.add_pack("p.json", &v.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let err = bad.validate().unwrap_err().to_string();
    assert!(
        err.contains("no rule file of that tier and version"),
        "{err}"
    );
    // A period: the pack applies on its dates only.
    v["id"] = "sichuan_dated".into();
    v["applies_to"] =
        serde_json::json!({"tier": "specialized_sme", "version": "2022", "from": "2025-01-01"});
    let mut dated = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    dated.packs.retain(|p| p.province != "四川");
    dated
        .add_pack("p.json", &v.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    dated.validate().unwrap_or_else(|e| panic!("{e}"));
    let f22 = dated
        .file("specialized_sme_2022")
        .unwrap_or_else(|| panic!("no file"));
    assert!(dated.pack_for(f22, "2024-12-31", "四川").is_none());
    assert!(dated.pack_for(f22, "2025-01-01", "四川").is_some());
}

#[test]
fn count_of_at_its_edges() {
    use Status::{Fail as F, Manual as M, Pass as P, Unknown as U};
    // N−1 known passes and nothing open: a fail; N: a pass.
    assert_eq!(count_status([P, F, F], 2), F);
    assert_eq!(count_status([P, P, F], 2), P);
    // Passes as soon as N pass, whatever is unanswered.
    assert_eq!(count_status([P, P, U, U], 2), P);
    // Unknown while the unanswered could still reach N…
    assert_eq!(count_status([P, U, F], 2), U);
    assert_eq!(count_status([U, U, F], 2), U);
    // …a fail once too few can.
    assert_eq!(count_status([U, F, F], 2), F);
    // Items for people count toward N, as "manual".
    assert_eq!(count_status([P, M, F], 2), M);
    assert_eq!(count_status([P, M, U], 2), M);
    // N = 1 is `any`; N = all is `all`.
    assert_eq!(count_status([F, F, P], 1), P);
    assert_eq!(count_status([P, P, U], 3), U);
}

#[test]
fn a_count_asking_for_more_than_it_has_is_refused() {
    let text = srdi_engine::rules::EMBEDDED_PACKS
        .iter()
        .find(|(n, _)| *n == "shandong.json")
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no 山东 pack"));
    for (n, want) in [
        ("7", "at_least must be from 1"),
        ("0", "at_least must be from 1"),
    ] {
        let mut book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
        book.packs.retain(|p| p.province != "山东");
        let changed = text.replace(r#""at_least":2"#, &format!(r#""at_least":{n}"#));
        assert_ne!(changed, text);
        book.add_pack("shandong.json", &changed)
            .unwrap_or_else(|e| panic!("{e}"));
        let err = book.validate().unwrap_err().to_string();
        assert!(err.contains(want), "{err}");
    }
}
