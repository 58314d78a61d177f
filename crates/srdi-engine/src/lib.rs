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

#![deny(missing_docs)]

pub mod applicant;
#[cfg(not(target_arch = "wasm32"))]
pub mod bake;
pub mod conflicts;
#[cfg(srdi_baked)]
#[rustfmt::skip]
mod baked;
pub mod date;
mod decode;
pub mod digital;
pub mod eval;
pub mod fields;
pub mod gap;
pub mod input;
pub mod json;
pub mod lookup;
pub mod metrics;
pub mod num;
pub mod profile;
pub mod result;
pub mod rules;
#[cfg(not(target_arch = "wasm32"))]
mod rules_hash;
mod shape;
mod size;
pub mod text;
pub mod tier;
#[cfg(srdi_baked)]
mod unbake;

pub use date::Date;
pub use metrics::GrowthFormula;
pub use profile::{PROFILE_FORMAT, Profile, ProfileError};
pub use result::{Assessment, Status, TierResult, Verdict};
pub use rules::{ApplicantPath, RuleBook, RuleError};

use crate::eval::Evaluator;
use crate::metrics::Ctx;
use crate::result::{NextReason, NextStep, PathBasis, RuleFit, RuleSetOut};
use crate::rules::{Applies, RuleFile};

pub use tier::Tier;

/// Chinese and English names of the tier with key `id` (a result's `id`);
/// empty for a key that is no tier.
pub fn tier_name(id: &str) -> (&'static str, &'static str) {
    Tier::from_key(id).map_or(("", ""), Tier::name)
}

/// Which rule version to use: chosen by date, or forced to a version label
/// that the rule files carry (`"2022"`, `"2026"`, …: data, not code).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RulesChoice {
    /// Chosen by date and applicant path (REFERENCE §0).
    #[default]
    Auto,
    /// Force the rule files of this `version` where a tier has one: among
    /// them, the one (with its amendments) in force on the date.
    Version(String),
}

impl RulesChoice {
    /// `auto` or the version label.
    pub fn key(&self) -> &str {
        match self {
            RulesChoice::Auto => "auto",
            RulesChoice::Version(v) => v,
        }
    }

    /// The forced version label, if any.
    pub fn version(&self) -> Option<&str> {
        match self {
            RulesChoice::Auto => None,
            RulesChoice::Version(v) => Some(v),
        }
    }

    /// `auto`, or a version some rule file of `book` carries; anything else
    /// is refused with the list of versions there are.
    pub fn parse(s: &str, book: &RuleBook) -> Result<RulesChoice, String> {
        let s = s.trim();
        if s == "auto" {
            return Ok(RulesChoice::Auto);
        }
        if book.files.iter().any(|f| f.version == s) {
            Ok(RulesChoice::Version(s.to_string()))
        } else {
            Err(format!(
                "unknown rules version {s:?}: the rule files have auto, {}",
                book.versions().join(", ")
            ))
        }
    }
}

/// How to assess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The assessment (application) date; its year is Y, and 上年度 is Y−1.
    pub date: Date,
    /// One applicant path for every tier; `None`: each tier's path is derived
    /// from the titles held (复核 when the firm holds that tier's title).
    pub path: Option<ApplicantPath>,
    /// Per-tier paths `(tier id, path)`, winning over `path`.
    pub paths: Vec<(Tier, ApplicantPath)>,
    /// Which rule version to use: by date, or a forced version label.
    pub rules: RulesChoice,
    /// Overrides the profile's province.
    pub province: Option<String>,
    /// How 近2年主营业务收入平均增长率 is computed (the arithmetic mean by default).
    pub growth: GrowthFormula,
}

impl Options {
    /// Options for an assessment on `date`: rules by date, paths derived from the
    /// titles held, the profile's own province, the default growth formula.
    pub fn new(date: Date) -> Options {
        Options {
            date,
            path: None,
            paths: Vec::new(),
            rules: RulesChoice::Auto,
            province: None,
            growth: GrowthFormula::Mean,
        }
    }
}

/// The rule file for `tier` on `path` under `opts`, with the window that
/// selected it and how it fits the date. With [`RuleFit::NotModelled`] the file
/// and window are the nearest modelled ones (for the explanation only: they do
/// not govern the date). `None` only when the tier has no rule file at all.
///
/// By date, and under a forced version alike, the file in force is the one
/// whose window for the path holds the date and starts last: a dated
/// replacement file of the same version wins from its first day. A forced
/// version whose windows all miss the date gives its nearest window, stamped
/// [`RuleFit::ForcedOutside`]. An amended file (`file+amendment`, built when
/// the amendment is loaded) is one more file whose windows start on the
/// amendment's date, so it is chosen the same way.
pub fn select<'a>(
    book: &'a RuleBook,
    tier: &str,
    path: ApplicantPath,
    opts: &Options,
) -> Option<(&'a RuleFile, &'a Applies, RuleFit)> {
    select_on(
        book,
        tier,
        path,
        opts.rules.version(),
        &opts.date.to_string(),
    )
}

/// [`select`] with the assessment date already written `YYYY-MM-DD`.
/// [`select`] under a forced `version` (if any), with the assessment date
/// already written `YYYY-MM-DD`; the book's files read in place (no list of
/// candidates made).
fn select_on<'a>(
    book: &'a RuleBook,
    tier: &str,
    path: ApplicantPath,
    version: Option<&str>,
    date: &str,
) -> Option<(&'a RuleFile, &'a Applies, RuleFit)> {
    let candidates = || book.files.iter().filter(move |f| f.tier == tier);
    if let Some(v) = version {
        let of_version = || candidates().filter(move |f| f.version == v);
        if let Some(first) = of_version().next() {
            if let Some((f, a)) = in_force_of(of_version(), path, date) {
                return Some((f, a, RuleFit::Forced));
            }
            let (f, a) = nearest(of_version(), path, date)
                .or_else(|| Some((first, first.applies.first()?)))?;
            return Some((f, a, RuleFit::ForcedOutside));
        }
    }
    if let Some((f, a)) = in_force_of(candidates(), path, date) {
        return Some((f, a, RuleFit::InForce));
    }
    // No window holds the date: the rules in force then are not modelled.
    nearest(candidates(), path, date).map(|(f, a)| (f, a, RuleFit::NotModelled))
}

/// Among `files`, the window for `path` that holds `date` and starts last.
pub(crate) fn in_force<'a>(
    files: &[&'a RuleFile],
    path: ApplicantPath,
    date: &str,
) -> Option<(&'a RuleFile, &'a Applies)> {
    in_force_of(files.iter().copied(), path, date)
}

/// [`in_force`] over any run of files.
fn in_force_of<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    path: ApplicantPath,
    date: &str,
) -> Option<(&'a RuleFile, &'a Applies)> {
    let mut best: Option<(&'a RuleFile, &'a Applies)> = None;
    for f in files {
        for a in &f.applies {
            if a.path == path && a.holds(date) && best.is_none_or(|(_, b)| b.from <= a.from) {
                best = Some((f, a));
            }
        }
    }
    best
}

/// The window for `path` nearest to `date` when none holds it: the earliest
/// when the date is before them all, else the one ending last.
fn nearest<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    path: ApplicantPath,
    date: &str,
) -> Option<(&'a RuleFile, &'a Applies)> {
    let mut earliest: Option<(&'a RuleFile, &'a Applies)> = None;
    let mut latest: Option<(&'a RuleFile, &'a Applies)> = None;
    let mut before_all = true;
    for f in files {
        for a in f.applies.iter().filter(|a| a.path == path) {
            before_all &= date < a.from.as_str();
            if earliest.is_none_or(|(_, e)| a.from < e.from) {
                earliest = Some((f, a));
            }
            if latest.is_none_or(|(_, l)| l.until <= a.until) {
                latest = Some((f, a));
            }
        }
    }
    if before_all { earliest } else { latest }
}

/// A rule book's text as a result's: borrowed when compiled in, else copied.
fn out_text(t: &rules::Text) -> std::borrow::Cow<'static, str> {
    match t {
        rules::Text::Static(s) => std::borrow::Cow::Borrowed(s),
        rules::Text::Shared(s) => std::borrow::Cow::Owned(s.to_string()),
    }
}

pub(crate) fn rule_set_out(
    f: &RuleFile,
    a: &Applies,
    pack: Option<&rules::Pack>,
    province: Option<&str>,
) -> RuleSetOut {
    RuleSetOut {
        id: out_text(&f.id),
        version: out_text(&f.version),
        zh: out_text(&f.zh),
        en: out_text(&f.en),
        documents: f.documents.values().map(|d| d.doc_no.clone()).collect(),
        effective_from: Some(out_text(&a.from)),
        effective_until: a.until.as_ref().map(out_text),
        pack: pack.map(|p| out_text(&p.id)),
        fit: RuleFit::InForce,
        basis: applicant::basis(f, a, province),
    }
}

/// A tier whose rules on the date are not modelled: not judged, with the
/// nearest rule set as the reason.
fn not_modelled(tier: Tier, basis: result::Basis) -> TierResult {
    let (zh, en) = tier.name();
    let check = result::Check::new(
        rules::Text::Static("rules_not_modelled"),
        rules::Text::Static("该日期适用的标准未收录"),
        rules::Text::Static("The standard in force on this date is not modelled"),
        Status::Unknown,
    );
    TierResult {
        id: tier.key().into(),
        zh: zh.into(),
        en: en.into(),
        verdict: Verdict::Incomplete,
        class: None,
        rule_set: RuleSetOut {
            id: "none".into(),
            version: "none".into(),
            zh: "未收录的标准".into(),
            en: "Standard not modelled".into(),
            documents: Vec::new(),
            effective_from: None,
            effective_until: None,
            pack: None,
            fit: RuleFit::NotModelled,
            basis,
        },
        path: ApplicantPath::New,
        path_basis: PathBasis::NoTitle,
        title: result::TitleOut::default(),
        score: None,
        score_verdict: None,
        checks: result::Checks {
            list: vec![check],
            ledger: result::Ledger::default(),
        },
        missing: Vec::new(),
        manual: Vec::new(),
        gaps: Vec::new(),
        evidence: Vec::new(),
    }
}

/// The 数字化水平 self-test's readings for 63号 item 5: only while the firm has entered no
/// platform level, has answered the self-test, and a questionnaire covers its industry and
/// the date; answers the questionnaire cannot take give none.
fn digital_readings<'a>(
    book: &'a RuleBook,
    profile: &Profile,
    date: Date,
) -> Option<metrics::DigitalReadings<'a>> {
    if profile.quality.digital_level.is_some() {
        return None;
    }
    let answers = profile.digital_selftest.as_ref()?;
    if answers.choices.is_empty() && answers.scenes.is_empty() {
        return None;
    }
    let q = book.selftest_questionnaire(profile, date)?;
    let e = q.estimate(answers).ok()?;
    Some(metrics::DigitalReadings {
        by_score: e.by_score,
        by_scenes: e.by_scenes,
        top: q.levels(),
        note_zh: &q.effect_zh,
        note_en: &q.effect_en,
    })
}

/// Assesses a profile against every tier.
pub fn assess(book: &RuleBook, profile: &Profile, opts: &Options) -> Assessment {
    let province = opts
        .province
        .clone()
        .or_else(|| profile.province.clone())
        .filter(|p| !p.trim().is_empty());
    let mut ctx = Ctx::new(profile, opts.date.year, opts.growth);
    ctx.digital = digital_readings(book, profile, opts.date);
    // Base conditions are those of the 办法 in force on the date, whichever
    // tier standard is forced (REFERENCE §1.2: the 2026 办法 from 2026-04-01).
    // None when the date is outside every modelled 办法.
    let date = opts.date.to_string();
    let base = select_on(book, "base", ApplicantPath::New, None, &date)
        .filter(|(_, _, fit)| *fit == RuleFit::InForce)
        .map(|(f, _, _)| f);
    let mut tiers = Vec::with_capacity(Tier::ALL.len());
    let mut due: Vec<&str> = Vec::new();
    for tier in Tier::ALL {
        let (path, basis) = applicant::path_for(opts, profile, tier.key());
        let Some((file, window, fit)) =
            select_on(book, tier.key(), path, opts.rules.version(), &date)
        else {
            continue;
        };
        if applicant::review_due(profile, tier.key(), opts.date.year, file.validity_years) {
            due.push(tier.key());
        }
        let mut result = if fit == RuleFit::NotModelled {
            not_modelled(tier, applicant::basis(file, window, province.as_deref()))
        } else if tier == Tier::SmeSize {
            size::assess_size(file, window, profile, opts.date.year)
        } else {
            assess_tier(
                book,
                file,
                window,
                base,
                ctx,
                path,
                opts.date,
                province.as_deref(),
                &tiers,
            )
        };
        result.rule_set.fit = fit;
        result.path = path;
        result.path_basis = basis;
        result.title = applicant::title_out(profile, tier.key(), file.validity_years);
        tiers.push(result);
    }
    let next_step = next_step(&book.ladder, &tiers, profile, &due);
    Assessment {
        format: result::RESULT_FORMAT,
        assessed_on: date,
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
    verdicts: &[TierResult],
) -> TierResult {
    let pack = province.and_then(|p| book.pack_for(file, &date.to_string(), p));
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
        pending: Vec::new(),
        pending_of: Vec::new(),
        in_alternative: false,
        out: Vec::with_capacity(64),
        // Room for a tier's figures and missing fields as the rule files have them (a few
        // dozen figures): no regrowth for most tiers.
        ledger: result::Ledger::with_room(48, 16),
    };
    let mut status = Status::Pass;
    let mut gaps = Vec::new();
    if let Some(root) = &file.root {
        let at = ev.eval(root);
        if let Some(c) = ev.tree(at) {
            status = c.status;
            if c.status == Status::Fail {
                gaps = gap::merge_changes(gap::node_gaps(&ev, root, c).0);
            }
        }
    }
    let mut checks = result::Checks {
        list: std::mem::take(&mut ev.out),
        ledger: std::mem::take(&mut ev.ledger),
    };
    // A rule version chosen on an unconfirmed reading needs a person (A15).
    if let (Some(zh), Some(en)) = (&window.review_zh, &window.review_en) {
        let mut sel = result::Check::new(
            rules::Text::Static("rule_selection"),
            rules::Text::Static("适用标准的选择"),
            rules::Text::Static("Which standard applies"),
            Status::Manual,
        );
        sel.citation = Some(eval::cite_out(&window.cite, &file.documents));
        sel.note_zh = Some(zh.clone());
        sel.note_en = Some(en.clone());
        status = eval::all_status([status, Status::Manual]);
        checks.list.push(sel);
    }
    let mut missing: Vec<metrics::Field> = Vec::new();
    let mut manual: Vec<rules::Text> = Vec::new();
    for c in result::Trees::of(&checks.list, &checks.ledger) {
        collect_open(c, &mut missing, &mut manual);
    }
    sort_dedup(&mut missing);
    sort_dedup(&mut manual);
    let score_verdict = ev.score.as_ref().and(ev.plan.as_ref()).and_then(|p| {
        checks
            .iter()
            .find(|c| c.id == p.check_id)
            .map(|c| Verdict::from_status(c.status))
    });
    TierResult {
        id: out_text(&file.tier),
        zh: std::borrow::Cow::Borrowed(Tier::from_key(&file.tier).map_or("", |t| t.name().0)),
        en: std::borrow::Cow::Borrowed(Tier::from_key(&file.tier).map_or("", |t| t.name().1)),
        verdict: Verdict::from_status(status),
        class: None,
        rule_set: rule_set_out(file, window, pack, province),
        path,
        path_basis: PathBasis::NoTitle,
        title: result::TitleOut::default(),
        score: ev.score.take(),
        score_verdict,
        checks,
        missing,
        manual,
        gaps,
        evidence: file.evidence.to_vec(),
    }
}

/// Figures still missing and items for people, counting only checks that
/// decide the verdict (an `any` that already passes needs nothing more).
fn collect_open(
    c: result::Tree<'_>,
    missing: &mut Vec<metrics::Field>,
    manual: &mut Vec<rules::Text>,
) {
    match c.status {
        Status::Unknown => {
            missing.extend(c.missing().iter().cloned());
            for k in c.children().filter(|k| k.status == Status::Unknown) {
                collect_open(k, missing, manual);
            }
        }
        Status::Manual => {
            let mut open = c.children().filter(|k| k.status == Status::Manual);
            match open.next() {
                None => manual.push(c.id.clone()),
                Some(first) => {
                    for k in std::iter::once(first).chain(open) {
                        collect_open(k, missing, manual);
                    }
                }
            }
        }
        Status::Pass | Status::Fail => {}
    }
}

/// The realistic next step, on the gradient's ladder (rule data, `rules/ladder/`): below the
/// floor, none; a title held whose 复核 is due and does not pass, keeping it; else the lowest
/// rung the firm neither holds nor qualifies for (nor any rung above it), its tiers ordered by
/// the shorter gap plan.
fn next_step(
    ladder: &rules::Ladder,
    tiers: &[TierResult],
    p: &Profile,
    due: &[&str],
) -> Option<NextStep> {
    let result = |id: &str| tiers.iter().find(|t| *t.id == *id);
    let ok = |id: &str| {
        result(id).is_some_and(|t| matches!(t.verdict, Verdict::Qualified | Verdict::NeedsReview))
    };
    let held = |id: &str| applicant::title_of(p, id).0 == Some(true);
    if result(&ladder.floor).is_some_and(|t| t.verdict == Verdict::NotQualified) {
        return Some(NextStep {
            tier: out_text(&ladder.floor),
            reason: NextReason::NotSme,
            options: vec![out_text(&ladder.floor)],
        });
    }
    // A title held whose 复核 is due (or whose year is not known) and does not pass: keeping
    // it comes before any higher tier, unless a higher title took the firm out of its tier.
    for t in tiers
        .iter()
        .filter(|t| *t.id != *ladder.floor && !ladder.excluded(&t.id, held))
    {
        if t.path == ApplicantPath::Review
            && held(&t.id)
            && due.contains(&&*t.id)
            && matches!(t.verdict, Verdict::NotQualified | Verdict::Incomplete)
        {
            return Some(NextStep {
                tier: t.id.clone(),
                reason: NextReason::KeepTitle,
                options: vec![t.id.clone()],
            });
        }
    }
    // A rung is climbed when the firm holds or qualifies for one of its tiers, or for one of
    // a rung above it.
    let climbed = |r: &rules::Rung| r.tiers.iter().any(|t| held(t) || ok(t));
    let at = (0..ladder.rungs.len()).find(|&i| !ladder.rungs[i..].iter().any(climbed))?;
    let rung = &ladder.rungs[at];
    let first = result(rung.tiers.first()?)?;
    // The rung's tiers, the one with the shorter gap plan first (ties in the ladder's order).
    let mut options: Vec<&rules::Text> = rung.tiers.iter().collect();
    let gaps = |id: &rules::Text| result(id).map_or(usize::MAX, |t| t.gaps.len());
    sort_short(&mut options, |a, b| gaps(a) < gaps(b));
    Some(NextStep {
        tier: first.id.clone(),
        reason: NextReason::Climb,
        options: options.into_iter().map(out_text).collect(),
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
    sort_dedup_from(v, 0);
}

/// Sorts the entries of `v` from index `from` on and removes repeats among them.
pub(crate) fn sort_dedup_from<T: Ord>(v: &mut Vec<T>, from: usize) {
    if let Some(tail) = v.get_mut(from..) {
        sort_short(tail, |a, b| a < b);
    }
    dedup_from(v, from);
}

/// Removes consecutive repeats among the entries of `v` from index `from` on.
pub(crate) fn dedup_from<T: PartialEq>(v: &mut Vec<T>, from: usize) {
    let mut kept = from;
    for read in from..v.len() {
        if kept == from || v[read] != v[kept - 1] {
            v.swap(kept, read);
            kept += 1;
        }
    }
    v.truncate(kept);
}
