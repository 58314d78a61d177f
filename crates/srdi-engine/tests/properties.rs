//! Property tests: no input panics; more R&D, IP, market share or platform
//! score never lowers a score or turns "qualified" into "not qualified";
//! results are deterministic; profiles survive a save and reload.

use proptest::prelude::*;
use srdi_engine::fields::{FieldId, FieldKind};
use srdi_engine::num::Ratio;
use srdi_engine::profile::{Award, AwardLevel, Dec, Industry, InstituteLevel};
use srdi_engine::rules::ApplicantPath;
use srdi_engine::{Assessment, Date, Options, Profile, RuleBook, RulesChoice, Verdict, assess};

fn book() -> &'static RuleBook {
    static BOOK: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| RuleBook::embedded().unwrap_or_default())
}

/// An answer for a field of `kind`, from raw randomness (`pick` chooses
/// whether and how, `n` the value), biased towards the ranges the rules care
/// about; unanswered one time in five. Every field of the table gets one, so
/// a new field is exercised without a line here.
fn answer(f: FieldId, pick: u32, n: u64) -> Option<serde_json::Value> {
    use serde_json::json;
    if pick.is_multiple_of(5) {
        return None;
    }
    let wan = |n: u64| {
        // Four decimals up to 20,000万 mostly; sometimes whole amounts up to 2,000,000万.
        if pick.is_multiple_of(7) {
            (n % 2_000_001).to_string()
        } else {
            let v = n % 200_000_001;
            format!("{}.{:04}", v / 10_000, v % 10_000)
        }
    };
    Some(match f.kind() {
        FieldKind::Flag => json!(n.is_multiple_of(2)),
        FieldKind::Count if f.parts().0 == "staff" => json!(n % 3001),
        FieldKind::Count => json!(n % 13),
        FieldKind::Rank => json!(1 + n % 19),
        FieldKind::Level => json!(n % 5),
        FieldKind::TitleYear => json!(2018 + n % 9),
        FieldKind::WanYuan => json!(wan(n)),
        FieldKind::SignedWanYuan if pick.is_multiple_of(3) => json!(format!("-{}", wan(n))),
        FieldKind::SignedWanYuan => json!(wan(n)),
        FieldKind::Percent => {
            let v = n % 1_000_001;
            json!(format!("{}.{:04}", v / 10_000, v % 10_000))
        }
        FieldKind::Month => json!(format!("{:04}-{:02}", 2000 + n % 27, 1 + (n / 27) % 12)),
        // Fields of their own shape are generated below.
        FieldKind::Choice | FieldKind::Points | FieldKind::Awards => return None,
    })
}

/// The four fiscal years a generated profile may hold.
const YEARS: [i32; 4] = [2022, 2023, 2024, 2025];

/// The table's fields answered from `raw`, as a `srdi-profile/1` object.
fn answers(raw: &[(u32, u64)]) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("format".into(), "srdi-profile/1".into());
    for (i, &f) in FieldId::ALL.iter().enumerate() {
        let (section, key) = f.parts();
        let years: &[i32] = if f.yearly() { &YEARS } else { &[0] };
        for (k, &y) in years.iter().enumerate() {
            let (pick, n) = raw.get(i * YEARS.len() + k).copied().unwrap_or((0, 0));
            let Some(v) = answer(f, pick, n) else {
                continue;
            };
            let mut obj = m.entry(section).or_insert_with(|| serde_json::json!({}));
            if f.yearly() {
                obj = &mut obj[y.to_string()];
                if obj.is_null() {
                    *obj = serde_json::json!({});
                }
            }
            obj[key] = v;
        }
    }
    m
}

prop_compose! {
    fn profile()(
        raw in proptest::collection::vec((any::<u32>(), any::<u64>()), FieldId::ALL.len() * YEARS.len()),
        industry in proptest::option::of(proptest::sample::select(Industry::ALL.to_vec())),
        inst in proptest::option::of(proptest::sample::select(vec![InstituteLevel::National, InstituteLevel::Provincial, InstituteLevel::Municipal, InstituteLevel::BelowMunicipal, InstituteLevel::None])),
        awards in proptest::option::of(proptest::collection::vec((any::<bool>(), 2018i32..=2027, proptest::option::of(1u32..8)), 0..3)),
        score in proptest::option::of(0u32..=100), prev_score in proptest::option::of(0u32..=100),
        province in proptest::option::of(proptest::sample::select(vec!["四川", "山东省", "广东", "江苏"])),
    ) -> Profile {
        let text = serde_json::Value::Object(answers(&raw)).to_string();
        // Every generated answer is in range: the reader must take it.
        let mut p = Profile::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        p.industry = industry;
        p.province = province.map(str::to_string);
        p.rd_institute = inst;
        p.awards = awards.map(|v| v.into_iter().map(|(nat, year, rank)| Award { level: if nat { AwardLevel::National } else { AwardLevel::Provincial }, year, rank }).collect());
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
        proptest::sample::select(vec![
            srdi_engine::Tier::SpecializedSme,
            srdi_engine::Tier::LittleGiant,
            srdi_engine::Tier::InnovativeSme,
        ]),
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
                o.paths.push((tier, tp));
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
            (t.id.to_string(), lo, hi, t.verdict)
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
