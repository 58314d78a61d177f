//! Property tests: no input panics; more R&D, IP, market share or platform
//! score never lowers a score or turns "qualified" into "not qualified";
//! results are deterministic; profiles survive a save and reload.

use proptest::prelude::*;
use srdi_engine::num::Ratio;
use srdi_engine::profile::{Award, AwardLevel, Dec, Industry, InstituteLevel, YearFigures};
use srdi_engine::rules::ApplicantPath;
use srdi_engine::{Assessment, Date, Options, Profile, RuleBook, RulesChoice, Verdict, assess};

fn book() -> &'static RuleBook {
    static BOOK: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| RuleBook::embedded().unwrap_or_default())
}

/// Amounts in 万元 with up to four decimals, biased towards the ranges the rules care about.
fn amount() -> impl Strategy<Value = Option<Dec>> {
    prop_oneof![
        1 => Just(None),
        4 => (0i64..=200_000_000).prop_map(|y| Some(Dec(Ratio::new(i128::from(y), 10_000).unwrap_or(Ratio::ZERO)))),
        1 => (0i64..=2_000_000).prop_map(|w| Some(Dec(Ratio::int(i128::from(w))))),
    ]
}

fn count(max: u32) -> impl Strategy<Value = Option<u32>> {
    prop_oneof![1 => Just(None), 4 => (0..=max).prop_map(Some)]
}

fn flag() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(None), Just(Some(true)), Just(Some(false))]
}

fn year_figures() -> impl Strategy<Value = YearFigures> {
    (
        amount(),
        amount(),
        amount(),
        amount(),
        amount(),
        amount(),
        amount(),
        amount(),
    )
        .prop_map(
            |(
                revenue,
                main_revenue,
                rd_expense,
                total_assets,
                total_liabilities,
                net_profit,
                cost_total,
                equity_financing,
            )| YearFigures {
                revenue,
                main_revenue,
                rd_expense,
                total_assets,
                total_liabilities,
                net_profit,
                cost_total,
                equity_financing,
            },
        )
}

prop_compose! {
    fn profile()(
        industry in proptest::option::of(proptest::sample::select(Industry::ALL.to_vec())),
        employees in count(3000), rd_staff in count(800), tech_staff in count(800),
        years in proptest::collection::vec(year_figures(), 4),
        base in proptest::collection::vec(flag(), 8),
        ip in proptest::collection::vec(count(12), 9),
        title_years in proptest::collection::vec(proptest::option::of(2018i32..=2026), 4),
        inst in proptest::option::of(proptest::sample::select(vec![InstituteLevel::National, InstituteLevel::Provincial, InstituteLevel::Municipal, InstituteLevel::BelowMunicipal, InstituteLevel::None])),
        awards in proptest::option::of(proptest::collection::vec((any::<bool>(), 2018i32..=2027, proptest::option::of(1u32..8)), 0..3)),
        flags in proptest::collection::vec(flag(), 24),
        digital in proptest::option::of(0u8..=4),
        share in amount(), rank in proptest::option::of(1u32..20),
        seg in proptest::option::of((2000i32..=2026, 1u32..=12)),
        score in proptest::option::of(0u32..=100), prev_score in proptest::option::of(0u32..=100),
        province in proptest::option::of(proptest::sample::select(vec!["四川", "山东省", "广东", "江苏"])),
    ) -> Profile {
        let mut p = Profile::new();
        p.industry = industry;
        p.province = province.map(str::to_string);
        p.staff.employees = employees; p.staff.rd_staff = rd_staff; p.staff.tech_staff = tech_staff;
        for (i, y) in years.into_iter().enumerate() {
            p.years.insert((2022 + i as i32).to_string(), y);
        }
        let b = &mut p.base;
        (b.registered_in_china, b.independent_legal_person, b.on_abnormal_operations_list, b.on_serious_dishonesty_list) = (base[0], base[1], base[2], base[3]);
        (b.products_restricted, b.major_incident_3y, b.tax_violation_3y, b.data_fraud_3y) = (base[4], base[5], base[6], base[7]);
        (p.ip.class1_self_developed, p.ip.class1_transferred_in, p.ip.class1_high_value, p.ip.class1_applied, p.ip.class2) = (ip[0], ip[1], ip[2], ip[3], ip[4]);
        (p.ip.class1_own_not_top3, p.ip.class1_own_not_top3_applied, p.ip.class1_transferred_in_applied, p.ip.class2_recent) = (ip[5], ip[6], ip[7], ip[8]);
        p.rd_institute = inst;
        p.awards = awards.map(|v| v.into_iter().map(|(nat, year, rank)| Award { level: if nat { AwardLevel::National } else { AwardLevel::Provincial }, year, rank }).collect());
        let h = &mut p.honours;
        (h.high_tech_enterprise, h.innovation_honours, h.led_standard_5y, h.chuangke_top500_3y, h.chuangke_top50_3y) = (flags[0], flags[1], flags[2], flags[3], flags[4]);
        let t = &mut p.titles;
        (t.innovative_sme, t.tech_sme, t.specialized_sme, t.little_giant, t.single_champion) = (flags[5], flags[6], flags[7], flags[8], flags[9]);
        (t.innovative_sme_year, t.specialized_sme_year, t.little_giant_year, t.single_champion_year) = (title_years[0], title_years[1], title_years[2], title_years[3]);
        let q = &mut p.quality;
        (q.provincial_quality_award, q.quality_certification, q.own_brand, q.standards_participation, q.info_system, q.management_certification) = (flags[10], flags[11], flags[12], flags[13], flags[14], flags[15]);
        q.digital_level = digital;
        let pr = &mut p.product;
        (pr.strategic_emerging, pr.six_foundations, pr.key_chain_results, pr.time_honoured_or_chain_leader) = (flags[16], flags[17], flags[18], flags[19]);
        (pr.ten_key_industries, pr.cyber_power, pr.industry_upgrade, pr.new_product) = (flags[20], flags[21], flags[22], flags[23]);
        pr.segment_start = seg.map(|(y, m)| format!("{y:04}-{m:02}"));
        pr.field_start = pr.segment_start.clone();
        p.market.share_domestic = share.map(|d| Dec(d.0.checked_div(Ratio::int(20_000_000)).unwrap_or(Ratio::ZERO))).and_then(|d| Dec::parse(&d.0.to_decimal_string(4)).ok());
        p.market.domestic_rank = rank;
        if let Some(s) = score { p.platform_score.insert("2026".into(), Dec(Ratio::int(i128::from(s)))); }
        if let Some(s) = prev_score { p.platform_score.insert("2025".into(), Dec(Ratio::int(i128::from(s)))); }
        p
    }
}

fn options() -> impl Strategy<Value = Options> {
    (
        proptest::sample::select(vec![
            "2021-05-01",
            "2022-09-01",
            "2025-12-31",
            "2026-03-31",
            "2026-04-01",
            "2026-11-29",
            "2027-06-01",
        ]),
        proptest::sample::select(vec![
            None,
            Some(ApplicantPath::New),
            Some(ApplicantPath::Review),
        ]),
        proptest::sample::select(vec![
            None,
            Some(ApplicantPath::New),
            Some(ApplicantPath::Review),
        ]),
        proptest::sample::select(vec!["specialized_sme", "little_giant", "innovative_sme"]),
        proptest::sample::select(vec![
            RulesChoice::Auto,
            RulesChoice::Version("2022".into()),
            RulesChoice::Version("2026".into()),
        ]),
    )
        .prop_map(|(d, path, tier_path, tier, rules)| {
            let mut o = Options::new(Date::parse(d).unwrap_or(Date {
                year: 2026,
                month: 5,
                day: 1,
            }));
            o.path = path;
            if let Some(tp) = tier_path {
                o.paths.push((tier.to_string(), tp));
            }
            o.rules = rules;
            o
        })
}

fn scores(a: &Assessment) -> Vec<(String, i64, i64, Verdict)> {
    a.tiers
        .iter()
        .map(|t| {
            let (lo, hi) = t.score.as_ref().map(|s| (s.min, s.max)).unwrap_or((0, 0));
            (t.id.clone(), lo, hi, t.verdict)
        })
        .collect()
}

fn add(d: Option<Dec>, wan: i64) -> Option<Dec> {
    Some(Dec(d
        .map(|d| d.0)
        .unwrap_or(Ratio::ZERO)
        .checked_add(Ratio::int(i128::from(wan)))
        .unwrap_or(Ratio::ZERO)))
}

/// Every improvement the property covers, applied to a profile.
fn improve(p: &Profile, which: u8, by: i64) -> Profile {
    let mut q = p.clone();
    let by_u = u32::try_from(by.clamp(1, 5)).unwrap_or(1);
    match which % 6 {
        0 => {
            for y in q.years.values_mut() {
                if y.rd_expense.is_some() {
                    y.rd_expense = add(y.rd_expense, by);
                }
            }
        }
        1 => q.ip.class1_self_developed = q.ip.class1_self_developed.map(|n| n + by_u),
        2 => q.ip.class2 = q.ip.class2.map(|n| n + by_u),
        3 => {
            q.ip.class1_high_value = q.ip.class1_high_value.map(|n| n + by_u);
            q.ip.class1_applied = q.ip.class1_applied.map(|n| n + by_u);
        }
        4 => {
            q.market.share_domestic = q.market.share_domestic.map(|d| {
                let v = d.0.checked_add(Ratio::int(i128::from(by))).unwrap_or(d.0);
                if v.checked_cmp(Ratio::int(100)).is_some_and(|o| o.is_gt()) {
                    Dec(Ratio::int(100))
                } else {
                    Dec(v)
                }
            })
        }
        _ => {
            for s in q.platform_score.values_mut() {
                let v = s.0.checked_add(Ratio::int(i128::from(by))).unwrap_or(s.0);
                *s = if v.checked_cmp(Ratio::int(100)).is_some_and(|o| o.is_gt()) {
                    Dec(Ratio::int(100))
                } else {
                    Dec(v)
                };
            }
        }
    }
    q
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_profile_panics_and_results_are_deterministic(p in profile(), o in options()) {
        let a = assess(book(), &p, &o);
        let b = assess(book(), &p, &o);
        prop_assert_eq!(a.to_json(), b.to_json());
        prop_assert_eq!(a.tiers.len(), 6);
        // The hand-written result writer matches serde's derive byte for byte.
        prop_assert_eq!(a.to_json(), serde_json::to_string_pretty(&a).unwrap_or_default());
    }

    #[test]
    fn profiles_survive_save_and_reload(p in profile()) {
        let text = p.to_json();
        let back = Profile::from_json(&text);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.ok(), Some(p));
    }

    #[test]
    fn improving_never_lowers_a_score_or_a_yes(p in profile(), o in options(), which in 0u8..6, by in 1i64..500) {
        let before = scores(&assess(book(), &p, &o));
        let after = scores(&assess(book(), &improve(&p, which, by), &o));
        for ((id, lo0, hi0, v0), (_, lo1, hi1, v1)) in before.iter().zip(&after) {
            prop_assert!(lo1 >= lo0 && hi1 >= hi0, "{id}: score {lo0}-{hi0} became {lo1}-{hi1} (change {which})");
            prop_assert!(!(*v0 == Verdict::Qualified && *v1 == Verdict::NotQualified), "{id}: qualified became not qualified (change {which})");
        }
    }
}

/// Example profile files, as text.
fn examples() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/profiles");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_text_either_loads_or_gives_a_clear_error(text in ".{0,400}") {
        if let Err(e) = Profile::from_json(&text) {
            prop_assert!(!e.to_string().is_empty() && !e.message_zh().is_empty());
        }
    }

    #[test]
    fn mutated_profile_files_never_panic(which in 0usize..7, at in any::<prop::sample::Index>(), cut in 0usize..40, insert in ".{0,12}") {
        let files = examples();
        let text = &files[which % files.len()];
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len().max(1));
        let end = (i + cut).min(chars.len());
        let mutated: String = chars[..i].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        match Profile::from_json(&mutated) {
            Ok(p) => {
                // Whatever loads can be assessed and saved again.
                let _ = assess(book(), &p, &Options::new(Date { year: 2026, month: 5, day: 1 }));
                prop_assert!(Profile::from_json(&p.to_json()).is_ok());
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
