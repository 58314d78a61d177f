//! The words of real assessments, as a finance manager reads them.

use srdi_engine::{Date, Options, Profile, RuleBook, assess};
use srdi_words::{Lang, check_facts, step};

fn profile(name: &str, set: &[(&str, &str)]) -> Profile {
    let path = format!(
        "{}/../../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    for (p, x) in set {
        let mut at = &mut v;
        for k in p.split('.') {
            at = &mut at[k];
        }
        *at = serde_json::from_str(x).unwrap_or_else(|e| panic!("{x}: {e}"));
    }
    Profile::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn on(d: &str) -> Options {
    Options::new(Date::parse(d).unwrap_or_else(|| panic!("{d}")))
}

/// E1 with 3 亿元 of revenue in 2025: over 科技型's 2 亿元 ceiling.
fn e1_over_tech_ceiling() -> srdi_engine::Assessment {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let p = profile(
        "e1-innovative",
        &[
            ("years.2025.revenue", "\"30000\""),
            ("years.2025.main_revenue", "\"29000\""),
        ],
    );
    assess(&book, &p, &on("2026-05-01"))
}

#[test]
fn a_revenue_over_a_ceiling_is_not_applicable_never_a_cut_to_make() {
    let a = e1_over_tech_ceiling();
    let tech = a.tier("tech_sme").unwrap_or_else(|| panic!("tech_sme"));
    let steps: Vec<String> = tech.gaps.iter().map(|g| step(g, Lang::Zh)).collect();
    let revenue = steps
        .iter()
        .find(|s| s.contains("营业收入"))
        .unwrap_or_else(|| panic!("a revenue step in {steps:?}"));
    assert!(
        revenue.starts_with("不适用：2025年营业收入 3.00 亿元"),
        "{revenue}"
    );
    // A ceiling is not a gap in a closed year's figures either.
    assert!(!revenue.contains("已结束"), "{revenue}");
    assert!(revenue.contains("上限"), "{revenue}");
    for s in &steps {
        assert!(!s.contains("减少"), "a cut proposed: {s}");
    }
    let en: Vec<String> = tech.gaps.iter().map(|g| step(g, Lang::En)).collect();
    assert!(
        en.iter().any(|s| s.starts_with(
            "Not applicable: Revenue (2025) is CNY 300 million, over the ceiling of CNY 200 million"
        )),
        "{en:?}"
    );
}

#[test]
fn check_rows_say_the_value_and_its_line_in_words() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let p = profile("e7-little-giant-2026", &[]);
    let a = assess(&book, &p, &on("2026-05-01"));
    let mut rows = Vec::new();
    for t in &a.tiers {
        for c in t.every() {
            rows.push(check_facts(c, Lang::Zh));
        }
    }
    let all = rows.join("\n");
    for code in [">=", "<=", "is true", "is false", "true", "false"] {
        assert!(!all.contains(code), "{code:?} in\n{all}");
    }
    assert!(
        all.contains("亿元，不高于") || all.contains("亿元，不低于"),
        "{all}"
    );
    assert!(all.contains("是"), "{all}");
    // Counts say what they count.
    assert!(all.contains(" 人，低于 1,000 人"), "{all}");
}

#[test]
fn each_tier_is_one_sentence_naming_its_standard_once_and_why_not() {
    let a = e1_over_tech_ceiling();
    let date = srdi_words::date_of(&a);
    let lines: Vec<String> = a
        .tiers
        .iter()
        .map(|t| srdi_words::tier_summary(t, date, Lang::Zh))
        .collect();
    let tech = lines
        .iter()
        .find(|l| l.starts_with("科技型中小企业：不符合，未满足"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(
        tech.contains("。依据") && tech.ends_with("起适用）。"),
        "{tech}"
    );
    assert!(tech.contains("2亿元"), "the ceiling is named: {tech}");
    for l in &lines {
        assert_eq!(l.matches("依据").count(), 1, "the standard named once: {l}");
        assert!(!l.contains("REFERENCE") && !l.contains(">="), "{l}");
    }
    assert_eq!(
        srdi_words::fiscal_years(date, Lang::Zh),
        "数据年度：上年度 = 2025年，前一年度 = 2024年"
    );
    eprintln!("{}", lines.join("\n"));
}

#[test]
fn choice_answers_read_as_their_labels_never_their_keys() {
    // E7 under 63号 (2022): 小巨人's R&D institution is a `choice` check.
    let p = profile("e7-little-giant-2026", &[("rd_institute", "\"municipal\"")]);
    let mut opts = on("2026-03-01");
    opts.rules = srdi_engine::RulesChoice::Auto;
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let a = assess(&book, &p, &opts);
    let mut rows = Vec::new();
    for t in &a.tiers {
        for c in t.every() {
            rows.push(check_facts(c, Lang::Zh));
            for f in c.figures() {
                rows.push(srdi_words::figure(f, Lang::Zh));
            }
        }
    }
    let all = rows.join("\n");
    for key in ["national", "provincial", "municipal", "legal_entity", "|"] {
        assert!(!all.contains(key), "{key:?} in\n{all}");
    }
    assert!(
        all.contains("市级，属于 国家级、省级（省部级）、市级、市级以下"),
        "{all}"
    );
    let en: Vec<String> = a
        .tiers
        .iter()
        .flat_map(|t| t.every())
        .map(|c| check_facts(c, Lang::En))
        .collect();
    assert!(
        en.iter().any(|r| r
            == "Municipal, one of National, Provincial (ministerial), Municipal, Below municipal"),
        "{en:?}"
    );
}

#[test]
fn the_take_home_text_names_every_tier_and_its_verdict_and_fits_a_qr_code() {
    use srdi_words::{TAKE_HOME_MAX, key, take_home, tier_name};
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let dir = format!("{}/../../examples/profiles", env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        names.push(path.file_stem().map(|s| s.to_string_lossy().to_string()));
    }
    assert!(names.len() >= 7, "{names:?}");
    for name in names.into_iter().flatten() {
        let p = profile(&name, &[]);
        for date in ["2026-03-01", "2026-05-01"] {
            let a = assess(&book, &p, &on(date));
            for lang in [Lang::Zh, Lang::En] {
                let all = take_home(&a, &|_| true, lang);
                assert!(
                    all.len() <= TAKE_HOME_MAX,
                    "{name} {date}: {} bytes",
                    all.len()
                );
                assert!(all.contains(date), "{all}");
                for t in &a.tiers {
                    let line = all
                        .lines()
                        .find(|l| {
                            let head = format!("· {}", tier_name(&t.id, lang));
                            l.starts_with(&format!("{head}："))
                                || l.starts_with(&format!("{head}:"))
                        })
                        .unwrap_or_else(|| panic!("{name}: no line for {} in {all}", t.id));
                    assert!(
                        line.contains(key(t.verdict.key(), lang))
                            || line.contains("不适用")
                            || line.contains("does not apply"),
                        "{name} {}: {line}",
                        t.id
                    );
                }
                // Read off a screen others can see: never the company's name.
                if let Some(label) = &p.label {
                    assert!(!all.contains(label.as_str()), "{all}");
                }
                // Only the tiers on the page.
                let one = take_home(&a, &|id| id == "sme_size", lang);
                let tiers = one.lines().filter(|l| l.starts_with('·')).count();
                assert_eq!(tiers, 1, "{one}");
            }
        }
    }
    // A failing tier says what it failed, in the rule's own words.
    let a = e1_over_tech_ceiling();
    let zh = take_home(&a, &|_| true, Lang::Zh);
    assert!(zh.contains("科技型中小企业：不符合，未满足「"), "{zh}");
}

#[test]
fn item_5_on_the_self_test_says_the_estimate_and_that_the_platform_decides() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let selftest = {
        let path = format!(
            "{}/../../examples/profiles/digital-selftest.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        v["digital_selftest"].to_string()
    };
    let mut p = profile(
        "e3-specialized-2022-sichuan",
        &[("digital_selftest", &selftest)],
    );
    p.quality.digital_level = None;
    let a = assess(&book, &p, &on("2026-03-01"));
    let t = a
        .tier("specialized_sme")
        .unwrap_or_else(|| panic!("specialized_sme"));
    let c = t
        .every()
        .find(|c| &*c.id == "item5_digital_level")
        .unwrap_or_else(|| panic!("item 5"));
    assert_eq!(check_facts(c, Lang::Zh), "3–5 分（满分 5）");
    let figures: Vec<String> = c
        .figures()
        .iter()
        .map(|f| srdi_words::figure(f, Lang::Zh))
        .collect();
    assert_eq!(figures, ["自测估算 二级–三级（非官方）"]);
    let en: Vec<String> = c
        .figures()
        .iter()
        .map(|f| srdi_words::figure(f, Lang::En))
        .collect();
    assert_eq!(en, ["self-test estimate Level 2–Level 3 (not official)"]);
    assert!(
        c.note_zh
            .as_deref()
            .is_some_and(|n| n.contains("请以平台评测结果为准")),
        "{:?}",
        c.note_zh
    );
}
