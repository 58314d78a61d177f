//! # srdi-engine
//!
//! The pure rule engine of SRDI Check (专精特新自测): given an enterprise
//! profile and an assessment date, it says for every tier of China's
//! quality-SME gradient (优质中小企业梯度培育体系) whether the firm qualifies,
//! why, under which rules, and the smallest change that would make it qualify.
//!
//! Design decisions:
//! - **The law is data.** Thresholds, bands, pass marks and dates live in
//!   `rules/*.json`, each with its citation; this crate interprets them. A new
//!   provincial 特色化 pack is a new file in `rules/packs/` (or loaded at run
//!   time with [`rules::RuleBook::add_pack`]).
//! - **No clock, no I/O, no web.** The assessment date is an input; rule files
//!   are compiled in; nothing here touches a network, file or browser.
//! - **Exact arithmetic.** Amounts are whole 元 in integers, ratios are exact
//!   fractions; no threshold is ever compared in `f64`.
//! - **Four-valued checks.** pass / fail / unknown (a figure is missing) /
//!   manual (a person must judge); scores are ranges when answers are missing.

pub mod date;
mod decode;
pub mod eval;
pub mod gap;
pub mod input;
pub mod json;
pub mod metrics;
pub mod num;
pub mod profile;
pub mod result;
pub mod rules;
mod size;

use serde::{Deserialize, Serialize};

pub use date::Date;
pub use metrics::GrowthFormula;
pub use profile::{PROFILE_FORMAT, Profile, ProfileError};
pub use result::{Assessment, Status, TierResult, Verdict};
pub use rules::{ApplicantPath, RuleBook, RuleError};

use crate::eval::Evaluator;
use crate::metrics::Ctx;
use crate::result::{NextStep, RuleSetOut};
use crate::rules::{Applies, RuleFile};

/// The tiers, bottom to top, by stable id.
pub const TIER_IDS: [&str; 6] = [
    "sme_size",
    "innovative_sme",
    "tech_sme",
    "specialized_sme",
    "little_giant",
    "single_champion",
];

/// Which rule version to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesChoice {
    /// Chosen by date and applicant path (REFERENCE §0).
    #[default]
    Auto,
    /// Force the 2022 standards (工信部企业〔2022〕63号) where a tier has one.
    #[serde(rename = "2022")]
    V2022,
    /// Force the 2026 standards (工信部企业〔2026〕2号) where a tier has one.
    #[serde(rename = "2026")]
    V2026,
}

impl RulesChoice {
    pub fn key(self) -> &'static str {
        match self {
            RulesChoice::Auto => "auto",
            RulesChoice::V2022 => "2022",
            RulesChoice::V2026 => "2026",
        }
    }

    fn version(self) -> Option<&'static str> {
        match self {
            RulesChoice::Auto => None,
            RulesChoice::V2022 => Some("2022"),
            RulesChoice::V2026 => Some("2026"),
        }
    }
}

/// How to assess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The assessment (application) date; its year is Y, and 上年度 is Y−1.
    pub date: Date,
    pub path: ApplicantPath,
    pub rules: RulesChoice,
    /// Overrides the profile's province.
    pub province: Option<String>,
    pub growth: GrowthFormula,
}

impl Options {
    pub fn new(date: Date) -> Options {
        Options {
            date,
            path: ApplicantPath::New,
            rules: RulesChoice::Auto,
            province: None,
            growth: GrowthFormula::Mean,
        }
    }
}

/// The rule file for `tier` under `opts`, with the window that selected it.
pub fn select<'a>(
    book: &'a RuleBook,
    tier: &str,
    opts: &Options,
) -> Option<(&'a RuleFile, &'a Applies)> {
    let date = opts.date.to_string();
    let candidates: Vec<&RuleFile> = book.files.iter().filter(|f| f.tier == tier).collect();
    let window = |f: &'a RuleFile| -> Option<&'a Applies> {
        f.applies.iter().find(|a| {
            a.path == opts.path
                && a.from.as_str() <= date.as_str()
                && a.until.as_ref().is_none_or(|u| date.as_str() <= u.as_str())
        })
    };
    if let Some(v) = opts.rules.version()
        && let Some(f) = candidates.iter().find(|f| f.version == v)
    {
        let a = window(f)
            .or_else(|| f.applies.iter().find(|a| a.path == opts.path))
            .or(f.applies.first())?;
        return Some((f, a));
    }
    if let Some((f, a)) = candidates
        .iter()
        .filter_map(|f| window(f).map(|a| (*f, a)))
        .max_by(|x, y| x.1.from.cmp(&y.1.from))
    {
        return Some((f, a));
    }
    // No window holds the date (before every standard): the earliest one.
    candidates
        .iter()
        .filter_map(|f| {
            f.applies
                .iter()
                .filter(|a| a.path == opts.path)
                .min_by(|x, y| x.from.cmp(&y.from))
                .map(|a| (*f, a))
        })
        .min_by(|x, y| x.1.from.cmp(&y.1.from))
}

fn rule_set_out(f: &RuleFile, a: &Applies, pack: Option<&rules::Pack>) -> RuleSetOut {
    RuleSetOut {
        id: f.id.clone(),
        version: f.version.clone(),
        zh: f.zh.clone(),
        en: f.en.clone(),
        documents: f.documents.values().map(|d| d.doc_no.clone()).collect(),
        effective_from: a.from.clone(),
        effective_until: a.until.clone(),
        pack: pack.map(|p| p.id.clone()),
    }
}

/// Assesses a profile against every tier.
pub fn assess(book: &RuleBook, profile: &Profile, opts: &Options) -> Assessment {
    let province = opts
        .province
        .clone()
        .or_else(|| profile.province.clone())
        .filter(|p| !p.trim().is_empty());
    let ctx = Ctx {
        profile,
        year: opts.date.year,
        growth: opts.growth,
    };
    // Base conditions are those of the 办法 in force on the date, whichever
    // tier standard is forced (REFERENCE §1.2: the 2026 办法 from 2026-04-01).
    let by_date = Options {
        rules: RulesChoice::Auto,
        ..opts.clone()
    };
    let base = select(book, "base", &by_date).map(|(f, _)| f);
    let mut verdicts: Vec<(String, Verdict, Vec<String>)> = Vec::new();
    let mut tiers = Vec::new();
    for tier in TIER_IDS {
        let Some((file, window)) = select(book, tier, opts) else {
            continue;
        };
        let result = if tier == "sme_size" {
            size::assess_size(file, window, profile, opts.date.year)
        } else {
            assess_tier(
                book,
                file,
                window,
                base,
                ctx,
                opts.path,
                opts.date,
                province.as_deref(),
                &verdicts,
            )
        };
        verdicts.push((tier.to_string(), result.verdict, result.missing.clone()));
        tiers.push(result);
    }
    let next_step = next_step(&tiers, profile);
    Assessment {
        format: result::RESULT_FORMAT,
        assessed_on: opts.date.to_string(),
        path: opts.path,
        province,
        rules: opts.rules.key().to_string(),
        engine_version: env!("CARGO_PKG_VERSION"),
        tiers,
        next_step,
    }
}

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn assess_tier(
    book: &RuleBook,
    file: &RuleFile,
    window: &Applies,
    base: Option<&RuleFile>,
    ctx: Ctx<'_>,
    path: ApplicantPath,
    date: Date,
    province: Option<&str>,
    verdicts: &[(String, Verdict, Vec<String>)],
) -> TierResult {
    let pack = province.and_then(|p| book.pack_for(&file.id, p));
    let mut ev = Evaluator {
        ctx,
        docs: &file.documents,
        base,
        pack,
        path,
        date,
        province,
        tiers: verdicts,
        score: None,
        plan: None,
        upgrades: false,
        in_alternative: false,
    };
    let mut checks = Vec::new();
    let mut status = Status::Pass;
    let mut gaps = Vec::new();
    if let Some(root) = &file.root {
        let c = ev.eval(root);
        status = c.status;
        if c.status == Status::Fail {
            gaps = gap::merge_changes(gap::node_gaps(&ev, root, &c).0);
        }
        checks.push(c);
    }
    // A rule version chosen on an unconfirmed reading needs a person (A15).
    if let (Some(zh), Some(en)) = (&window.review_zh, &window.review_en) {
        let sel = result::Check {
            id: "rule_selection".into(),
            zh: "适用标准的选择".into(),
            en: "Which standard applies".into(),
            status: Status::Manual,
            figures: Vec::new(),
            value: Some(metrics::Shown::Text(file.id.as_str().into())),
            threshold: None,
            points: None,
            pass_mark: None,
            citation: Some(eval::cite_out(&window.cite, &file.documents)),
            missing: Vec::new(),
            note_zh: Some(zh.clone()),
            note_en: Some(en.clone()),
            children: Vec::new(),
        };
        status = eval::all_status([status, Status::Manual]);
        checks.push(sel);
    }
    let mut missing: Vec<String> = Vec::new();
    let mut manual: Vec<rules::Text> = Vec::new();
    for c in &checks {
        collect_open(c, &mut missing, &mut manual);
    }
    sort_dedup(&mut missing);
    sort_dedup(&mut manual);
    let score_verdict = ev.score.as_ref().and(ev.plan.as_ref()).and_then(|p| {
        checks
            .iter()
            .flat_map(|c| c.walk())
            .find(|c| c.id == p.check_id)
            .map(|c| Verdict::from_status(c.status))
    });
    TierResult {
        id: file.tier.clone(),
        zh: tier_name(&file.tier).0.into(),
        en: tier_name(&file.tier).1.into(),
        verdict: Verdict::from_status(status),
        class: None,
        rule_set: rule_set_out(file, window, pack),
        score: ev.score.take(),
        score_verdict,
        checks,
        missing,
        manual,
        gaps,
        evidence: file.evidence.clone(),
    }
}

/// Figures still missing and items for people, counting only checks that
/// decide the verdict (an `any` that already passes needs nothing more).
fn collect_open(c: &result::Check, missing: &mut Vec<String>, manual: &mut Vec<rules::Text>) {
    match c.status {
        Status::Unknown => {
            missing.extend(c.missing.iter().map(ToString::to_string));
            for k in c.children.iter().filter(|k| k.status == Status::Unknown) {
                collect_open(k, missing, manual);
            }
        }
        Status::Manual => {
            let open: Vec<&result::Check> = c
                .children
                .iter()
                .filter(|k| k.status == Status::Manual)
                .collect();
            if open.is_empty() {
                manual.push(c.id.clone());
            }
            for k in open {
                collect_open(k, missing, manual);
            }
        }
        Status::Pass | Status::Fail => {}
    }
}

/// Chinese and English names of a tier.
pub fn tier_name(id: &str) -> (&'static str, &'static str) {
    match id {
        "sme_size" => ("中小企业划型", "SME size class"),
        "innovative_sme" => ("创新型中小企业", "Innovative SME"),
        "tech_sme" => ("科技型中小企业", "Tech-based SME"),
        "specialized_sme" => ("专精特新中小企业", "Specialized SME (SRDI)"),
        "little_giant" => ("专精特新“小巨人”企业", "SRDI Little Giant"),
        "single_champion" => ("制造业单项冠军企业", "Manufacturing Single Champion"),
        _ => ("", ""),
    }
}

/// The lowest tier the firm neither holds nor qualifies for.
fn next_step(tiers: &[TierResult], p: &Profile) -> Option<NextStep> {
    let ok = |id: &str| {
        tiers
            .iter()
            .any(|t| t.id == id && matches!(t.verdict, Verdict::Qualified | Verdict::NeedsReview))
    };
    let held = |b: Option<bool>| b == Some(true);
    if tiers
        .iter()
        .any(|t| t.id == "sme_size" && t.verdict == Verdict::NotQualified)
    {
        return Some(NextStep {
            tier: "sme_size".into(),
            zh: "按所填数据不属于中小企业，梯度培育各层级均不适用；如为合并报表口径，请按法人单体数据核对。".into(),
            en: "By these figures the firm is not an SME, so no tier applies; if the figures are consolidated, check the legal entity's own.".into(),
        });
    }
    // A rung is done when the firm holds or qualifies for it, or for any rung
    // above it (a 专精特新 holder no longer takes part in 创新型, §1.3).
    let rungs: [(&str, bool); 4] = [
        (
            "innovative_sme",
            held(p.titles.innovative_sme)
                || held(p.titles.tech_sme)
                || ok("innovative_sme")
                || ok("tech_sme"),
        ),
        (
            "specialized_sme",
            held(p.titles.specialized_sme) || ok("specialized_sme"),
        ),
        (
            "little_giant",
            held(p.titles.little_giant) || ok("little_giant"),
        ),
        (
            "single_champion",
            held(p.titles.single_champion) || ok("single_champion"),
        ),
    ];
    let ladder: Vec<(&str, bool)> = (0..rungs.len())
        .map(|i| (rungs[i].0, rungs[i..].iter().any(|(_, done)| *done)))
        .collect();
    let (id, _) = ladder.iter().find(|(_, done)| !done)?;
    let t = tiers.iter().find(|t| t.id == *id)?;
    let (zh, en) = tier_name(id);
    let n = t.gaps.len();
    let (tzh, ten) = if *id == "innovative_sme" {
        let alt = tiers
            .iter()
            .find(|t| t.id == "tech_sme")
            .map(|t| t.gaps.len())
            .unwrap_or(usize::MAX);
        if alt < n {
            let (z, e) = tier_name("tech_sme");
            (
                format!("下一步：{z}（或{zh}）。"),
                format!("Next: {e} (or {en})."),
            )
        } else {
            (
                format!("下一步：{zh}（或科技型中小企业）。"),
                format!("Next: {en} (or Tech-based SME)."),
            )
        }
    } else {
        (format!("下一步：{zh}。"), format!("Next: {en}."))
    };
    let detail_zh = match t.verdict {
        Verdict::Incomplete => format!("{tzh}还需补充 {} 项数据才能判断。", t.missing.len()),
        _ if n > 0 => format!("{tzh}差距计划共 {n} 步。"),
        _ => tzh,
    };
    let detail_en = match t.verdict {
        Verdict::Incomplete => format!(
            "{ten} {} more figure(s) are needed to decide.",
            t.missing.len()
        ),
        _ if n > 0 => format!("{ten} The gap plan has {n} step(s)."),
        _ => ten,
    };
    Some(NextStep {
        tier: id.to_string(),
        zh: detail_zh,
        en: detail_en,
    })
}

/// Sorts a short list stably by `less`: an insertion sort, because each
/// instantiation of the standard sort costs kilobytes of the browser bundle and
/// these lists (missing fields, upgrade options) hold a few dozen items at most.
pub(crate) fn sort_short<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts a short list and removes repeats.
pub(crate) fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort_short(v, |a, b| a < b);
    v.dedup();
}
