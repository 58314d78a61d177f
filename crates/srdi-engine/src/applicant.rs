//! The applicant path of each tier (新申报 or 复核) and why, and the plain
//! sentence naming the standard that judges a tier and why it applies.
//!
//! A tier is on the review path (复核) when the firm holds that tier's title,
//! else on the new-application path (新申报), unless the user chose a path for
//! every tier or for that tier (REFERENCE §6: titles are valid for the rule
//! file's `validity_years`, then re-reviewed).

use crate::date::Date;
use crate::profile::Profile;
use crate::result::{PathBasis, RuleFit};
use crate::rules::{ApplicantPath, Applies, RuleFile, normalise_province};
use crate::{Options, tier_name};

/// Whether the firm says it holds `tier`'s title, and the year it was granted.
pub fn title_of(p: &Profile, tier: &str) -> (Option<bool>, Option<i32>) {
    let t = &p.titles;
    match tier {
        "innovative_sme" => (t.innovative_sme, t.innovative_sme_year),
        "tech_sme" => (t.tech_sme, None),
        "specialized_sme" => (t.specialized_sme, t.specialized_sme_year),
        "little_giant" => (t.little_giant, t.little_giant_year),
        "single_champion" => (t.single_champion, t.single_champion_year),
        _ => (None, None),
    }
}

/// Whether `tier`'s title, if held, is re-reviewed in `year`: its validity
/// ends that year or earlier, or the year granted is not known.
pub fn review_due(p: &Profile, tier: &str, year: i32, validity: Option<u32>) -> bool {
    match (title_of(p, tier).1, validity) {
        (Some(g), Some(v)) => g.saturating_add(i32::try_from(v).unwrap_or(i32::MAX)) <= year,
        _ => true,
    }
}

/// The path for `tier` and its basis: a per-tier choice, else the choice for
/// every tier, else derived from the title held.
pub fn path_for(opts: &Options, p: &Profile, tier: &str) -> (ApplicantPath, PathBasis) {
    if let Some((_, path)) = opts.paths.iter().rev().find(|(t, _)| t == tier) {
        return (*path, PathBasis::ChosenForTier);
    }
    if let Some(path) = opts.path {
        return (path, PathBasis::Chosen);
    }
    if title_of(p, tier).0 == Some(true) {
        (ApplicantPath::Review, PathBasis::TitleHeld)
    } else {
        (ApplicantPath::New, PathBasis::NoTitle)
    }
}

/// The path and why, in zh and en, for a finance manager.
pub fn path_sentence(
    p: &Profile,
    tier: &str,
    path: ApplicantPath,
    basis: PathBasis,
    year: i32,
    validity: Option<u32>,
) -> (String, String) {
    let (zh_name, en_name) = tier_name(tier);
    if tier == "sme_size" {
        return (
            "中小企业划型：新申报与复核口径相同。".into(),
            "SME size class: the same test for new applications and re-reviews.".into(),
        );
    }
    let (held, granted) = title_of(p, tier);
    // "（2023年认定，有效期至2026年）" and what it means for this year.
    let expiry = granted.and_then(|g| validity.map(|v| g + i32::try_from(v).unwrap_or(0)));
    let title_years = |zh: &mut String, en: &mut String| match (granted, expiry) {
        (Some(g), Some(e)) => {
            zh.push_str(&format!("（{g}年认定，有效期至{e}年）"));
            en.push_str(&format!(" (granted {g}, valid until {e})"));
        }
        (Some(g), None) => {
            zh.push_str(&format!("（{g}年认定）"));
            en.push_str(&format!(" (granted {g})"));
        }
        _ => {}
    };
    let this_year = |zh: &mut String, en: &mut String| match expiry {
        Some(e) if e == year => {
            zh.push_str("，本年度参加复核");
            en.push_str(", and it is re-reviewed this year");
        }
        Some(e) if e > year => {
            zh.push_str(&format!(
                "；称号有效期至{e}年，本年度无需复核，以下按复核标准预判"
            ));
            en.push_str(&format!(
                "; the title is valid until {e}, so no re-review is due this year: this is a preview on the re-review standard"
            ));
        }
        Some(e) => {
            zh.push_str(&format!(
                "；按认定年份推算称号已于{e}年到期，请核实是否已通过复核，如称号已失效应按新申报"
            ));
            en.push_str(&format!(
                "; by the year granted the title expired in {e}: check that it was renewed, or apply anew"
            ));
        }
        None if held == Some(true) && validity == Some(1) => {
            zh.push_str("，按年度重新评价");
            en.push_str(", which is renewed every year");
        }
        None if held == Some(true) => {
            zh.push_str("，本年度参加复核（未填认定年份，请核对有效期）");
            en.push_str(", re-reviewed this year (year granted not given: check its validity)");
        }
        None => {}
    };
    let (mut zh, mut en) = (String::new(), String::new());
    match (basis, path) {
        (PathBasis::TitleHeld, _) => {
            zh.push_str(&format!("复核：您持有{zh_name}称号"));
            en.push_str(&format!("Re-review: you hold the {en_name} title"));
            title_years(&mut zh, &mut en);
            this_year(&mut zh, &mut en);
        }
        (PathBasis::NoTitle, _) => {
            if held.is_none() {
                zh.push_str(&format!(
                    "新申报：未填写是否持有{zh_name}称号，按新申报判断"
                ));
                en.push_str(&format!(
                    "New application: you did not say whether you hold the {en_name} title, so this is judged as a new application"
                ));
            } else {
                zh.push_str(&format!("新申报：您未持有{zh_name}称号"));
                en.push_str(&format!(
                    "New application: you do not hold the {en_name} title"
                ));
            }
        }
        (chosen, path) => {
            let (czh, cen) = if chosen == PathBasis::ChosenForTier {
                ("按您为本层级的选择", "as you chose for this tier")
            } else {
                ("按您的选择，适用于全部层级", "as you chose for every tier")
            };
            match path {
                ApplicantPath::Review => {
                    zh.push_str(&format!("复核（{czh}）"));
                    en.push_str(&format!("Re-review ({cen})"));
                    if held == Some(true) {
                        zh.push_str(&format!("：您持有{zh_name}称号"));
                        en.push_str(&format!(": you hold the {en_name} title"));
                        title_years(&mut zh, &mut en);
                        this_year(&mut zh, &mut en);
                    } else {
                        zh.push_str(&format!(
                            "；注意：您未填写持有{zh_name}称号，复核只适用于已持有称号的企业"
                        ));
                        en.push_str(&format!(
                            "; note: you did not say you hold the {en_name} title, and only holders are re-reviewed"
                        ));
                    }
                }
                ApplicantPath::New => {
                    zh.push_str(&format!("新申报（{czh}）"));
                    en.push_str(&format!("New application ({cen})"));
                    if held == Some(true) {
                        zh.push_str(&format!("；注意：您持有{zh_name}称号，到期时通常参加复核"));
                        en.push_str(&format!(
                            "; note: you hold the {en_name} title, which is normally re-reviewed when it expires"
                        ));
                    }
                }
            }
        }
    }
    zh.push('。');
    en.push('.');
    (zh, en)
}

/// `2026-04-01` as `2026年4月1日`.
fn date_zh(s: &str) -> String {
    match Date::parse(s) {
        Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
        None => s.to_string(),
    }
}

fn window_zh(a: &Applies) -> String {
    match &a.until {
        Some(u) => format!("{}至{}", date_zh(&a.from), date_zh(u)),
        None => format!("{}起", date_zh(&a.from)),
    }
}

fn window_en(a: &Applies) -> String {
    match &a.until {
        Some(u) => format!("from {} to {}", a.from, u),
        None => format!("from {}", a.from),
    }
}

fn path_words(path: ApplicantPath) -> (&'static str, &'static str) {
    match path {
        ApplicantPath::New => ("新申报", "new applications"),
        ApplicantPath::Review => ("复核", "re-reviews"),
    }
}

/// Which standard judges the tier and why, in zh and en.
pub fn why_sentence(
    file: &RuleFile,
    window: &Applies,
    fit: RuleFit,
    tier: &str,
    path: ApplicantPath,
    date: Date,
    province: Option<&str>,
) -> (String, String) {
    let (pzh, pen) = path_words(path);
    let (tzh, ten) = tier_name(tier);
    let doc = file
        .documents
        .get(&*window.cite.doc)
        .map(|d| d.doc_no.to_string())
        .unwrap_or_default();
    let basis_zh = format!("依据{doc}「{}」", window.cite.article);
    let basis_en = format!("per {doc}, {}", window.cite.article);
    match fit {
        RuleFit::InForce if tier == "sme_size" => (
            format!("按{}（{}施行）。", file.zh, date_zh(&window.from)),
            format!("On the {} (in force from {}).", file.en, window.from),
        ),
        RuleFit::InForce => {
            let mut zh = format!(
                "{pzh}按{}：{}开展的{pzh}适用此标准（{basis_zh}）",
                file.zh,
                window_zh(window)
            );
            let mut en = format!(
                "{} judged on {}: it governs {pen} {} ({basis_en})",
                capital(pen),
                file.en,
                window_en(window)
            );
            if window.review_zh.is_some() {
                zh.push_str("；适用哪一标准未经确认（各省口径），需人工核验");
                en.push_str(
                    "; which standard applies is unconfirmed (provinces differ) and needs manual checking",
                );
            }
            // The chosen province's own reading, from the rule file.
            let p = province.map(normalise_province);
            for r in window
                .provinces
                .iter()
                .filter(|r| p.as_deref() == Some(normalise_province(&r.province).as_str()))
            {
                zh.push_str(&format!("。{}", r.zh));
                en.push_str(&format!(". {}", r.en));
            }
            zh.push('。');
            en.push('.');
            (zh, en)
        }
        RuleFit::Forced => (
            format!(
                "按您选择的{}版标准：{}（{}开展的{pzh}适用）。",
                file.version,
                file.zh,
                window_zh(window)
            ),
            format!(
                "On the {} standards you chose: {} (governs {pen} {}).",
                file.version,
                file.en,
                window_en(window)
            ),
        ),
        RuleFit::ForcedOutside => (
            format!(
                "按您选择的{}版标准：{}。注意：{}不在其适用期（{}）内，这不是该日期施行的标准，结果仅供对比。",
                file.version,
                file.zh,
                date_zh(&date.to_string()),
                window_zh(window)
            ),
            format!(
                "On the {} standards you chose: {}. Note: {} is outside its window ({}), so this is not the standard in force on that date; for comparison only.",
                file.version,
                file.en,
                date,
                window_en(window)
            ),
        ),
        RuleFit::NotModelled => {
            let d = date.to_string();
            if d < window.from {
                (
                    format!(
                        "{}当日适用的{tzh}{pzh}标准本工具未收录：已收录的最早标准为{}，{}起才适用，不能用来判断更早的申报。",
                        date_zh(&d),
                        file.zh,
                        date_zh(&window.from)
                    ),
                    format!(
                        "The {ten} standard for {pen} in force on {d} is not modelled: the earliest one here, {}, governs only from {}, so it cannot judge an earlier application.",
                        file.en, window.from
                    ),
                )
            } else {
                let until = window.until.clone().unwrap_or_default();
                (
                    format!(
                        "{}当日适用的{tzh}{pzh}标准本工具未收录：已收录的最新标准为{}，适用至{}。",
                        date_zh(&d),
                        file.zh,
                        date_zh(&until)
                    ),
                    format!(
                        "The {ten} standard for {pen} in force on {d} is not modelled: the latest one here, {}, governs only until {until}.",
                        file.en
                    ),
                )
            }
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}
