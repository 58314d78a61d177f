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
use crate::{Options, Tier, tier_name};

/// Whether the firm says it holds `tier`'s title, and the year it was granted
/// (read only while the title is held: a year left behind after the title was
/// answered "no" means nothing).
pub fn title_of(p: &Profile, tier: &str) -> (Option<bool>, Option<i32>) {
    let t = &p.titles;
    let (held, year) = match Tier::from_key(tier) {
        Some(Tier::InnovativeSme) => (t.innovative_sme, t.innovative_sme_year),
        Some(Tier::TechSme) => (t.tech_sme, None),
        Some(Tier::SpecializedSme) => (t.specialized_sme, t.specialized_sme_year),
        Some(Tier::LittleGiant) => (t.little_giant, t.little_giant_year),
        Some(Tier::SingleChampion) => (t.single_champion, t.single_champion_year),
        Some(Tier::SmeSize) | None => (None, None),
    };
    (held, year.filter(|_| held == Some(true)))
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
    if let Some((_, path)) = opts.paths.iter().rev().find(|(t, _)| t.key() == tier) {
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

/// Appends every part (one code path for all sentences: `format!` at each
/// call would cost the browser bundle kilobytes).
fn push(s: &mut String, parts: &[&str]) {
    for p in parts {
        s.push_str(p);
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
    if tier == Tier::SmeSize.key() {
        return (
            "中小企业划型：新申报与复核口径相同。".into(),
            "SME size class: the same test for new applications and re-reviews.".into(),
        );
    }
    let (tz, te) = tier_name(tier);
    let (held, granted) = title_of(p, tier);
    let review = path == ApplicantPath::Review;
    let (mut z, mut e) = (String::with_capacity(160), String::with_capacity(160));
    if review {
        push(&mut z, &["复核"]);
        push(&mut e, &["Re-review"]);
    } else {
        push(&mut z, &["新申报"]);
        push(&mut e, &["New application"]);
    }
    match basis {
        PathBasis::Chosen => {
            push(&mut z, &["（按您的选择，适用于全部层级）"]);
            push(&mut e, &[" (as you chose for every tier)"]);
        }
        PathBasis::ChosenForTier => {
            push(&mut z, &["（按您为本层级的选择）"]);
            push(&mut e, &[" (as you chose for this tier)"]);
        }
        PathBasis::TitleHeld | PathBasis::NoTitle => {}
    }
    let chosen = matches!(basis, PathBasis::Chosen | PathBasis::ChosenForTier);
    match (review, held == Some(true)) {
        (true, true) => push_held_title(&mut z, &mut e, (tz, te), granted, validity, year),
        (true, false) => {
            push(&mut z, &["；注意：复核只适用于持有", tz, "称号的企业"]);
            push(
                &mut e,
                &["; note: only holders of the ", te, " title are re-reviewed"],
            );
        }
        (false, true) => {
            push(&mut z, &["；注意：您持有", tz, "称号"]);
            push(&mut e, &["; note: you hold the ", te, " title"]);
        }
        (false, false) if chosen => {}
        (false, false) if held.is_none() => {
            push(&mut z, &["：未填写是否持有", tz, "称号"]);
            push(
                &mut e,
                &[": you did not say whether you hold the ", te, " title"],
            );
        }
        (false, false) => {
            push(&mut z, &["：您未持有", tz, "称号"]);
            push(&mut e, &[": you do not hold the ", te, " title"]);
        }
    }
    z.push('。');
    e.push('.');
    (z, e)
}

/// The title held, for a re-review: the year granted and the year it expires
/// (when the rule file gives its validity), and whether a re-review is due
/// in `year`.
fn push_held_title(
    z: &mut String,
    e: &mut String,
    (tz, te): (&str, &str),
    granted: Option<i32>,
    validity: Option<u32>,
    year: i32,
) {
    push(z, &["：您持有", tz, "称号"]);
    push(e, &[": you hold the ", te, " title"]);
    let expiry = granted.and_then(|g| validity.map(|v| g + i32::try_from(v).unwrap_or(0)));
    let (gs, es) = (
        granted.map(|g| g.to_string()).unwrap_or_default(),
        expiry.map(|x| x.to_string()).unwrap_or_default(),
    );
    if granted.is_some() {
        push(z, &["（", &gs, "年认定"]);
        push(e, &[" (granted ", &gs]);
        if expiry.is_some() {
            push(z, &["，有效期至", &es, "年"]);
            push(e, &[", valid until ", &es]);
        }
        push(z, &["）"]);
        push(e, &[")"]);
    }
    match expiry {
        Some(x) if x == year => {
            push(z, &["，本年度参加复核"]);
            push(e, &[", and it is re-reviewed this year"]);
        }
        Some(x) if x > year => {
            push(z, &["；称号有效期至", &es, "年，本年度无需复核"]);
            push(
                e,
                &[
                    "; the title is valid until ",
                    &es,
                    ", no re-review is due this year",
                ],
            );
        }
        Some(_) => {
            push(z, &["；按认定年份称号已于", &es, "年到期，请核实"]);
            push(
                e,
                &[
                    "; by the year granted it expired in ",
                    &es,
                    ": please check",
                ],
            );
        }
        None if validity == Some(1) => {
            push(z, &["，按年度重新评价"]);
            push(e, &[", which is renewed every year"]);
        }
        None => {
            push(z, &["（未填认定年份，请核对有效期）"]);
            push(e, &[" (year granted not given: check its validity)"]);
        }
    }
}

/// Appends `n` in decimal, without a formatter or a temporary string.
fn push_int(s: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        s.push('-');
    }
    s.extend(digits[at..].iter().map(|b| char::from(*b)));
}

/// `2026-04-01` as `2026年4月1日`.
fn date_zh(s: &str) -> String {
    match Date::parse(s) {
        Some(d) => date_zh_of(d),
        None => s.to_string(),
    }
}

/// A date as `2026年4月1日` (as [`date_zh`] gives its `YYYY-MM-DD` text).
fn date_zh_of(d: Date) -> String {
    if Date::new(d.year, d.month, d.day).is_none() {
        return d.to_string();
    }
    let mut z = String::with_capacity(20);
    push_int(&mut z, i64::from(d.year));
    z.push('年');
    push_int(&mut z, i64::from(d.month));
    z.push('月');
    push_int(&mut z, i64::from(d.day));
    z.push('日');
    z
}

/// A window in words: (`2022年6月1日至2026年3月31日` or `2026年4月1日起`, `from … to …`).
fn window_words(a: &Applies) -> (String, String) {
    let mut z = date_zh(&a.from);
    z.reserve(24);
    let mut e = String::with_capacity(32);
    e.push_str("from ");
    e.push_str(&a.from);
    if let Some(u) = &a.until {
        push(&mut z, &["至", &date_zh(u)]);
        push(&mut e, &[" to ", u]);
    } else {
        z.push('起');
    }
    (z, e)
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
    let w = Why {
        file,
        window,
        path: match path {
            ApplicantPath::New => ("新申报", "new applications", "New applications"),
            ApplicantPath::Review => ("复核", "re-reviews", "Re-reviews"),
        },
        when: window_words(window),
    };
    // Room for the longest sentence, so that it is built without regrowing.
    let (mut z, mut e) = (String::with_capacity(320), String::with_capacity(320));
    match fit {
        RuleFit::InForce if tier == Tier::SmeSize.key() => {
            let (fz, fe) = (file.zh.as_str(), file.en.as_str());
            push(&mut z, &["按", fz, "（", &w.when.0, "施行）"]);
            push(&mut e, &["On the ", fe, " (in force ", &w.when.1, ")"]);
        }
        RuleFit::InForce => why_in_force(&w, province, &mut z, &mut e),
        RuleFit::Forced => why_forced(&w, &mut z, &mut e),
        RuleFit::ForcedOutside => why_forced_outside(&w, date, &mut z, &mut e),
        RuleFit::NotModelled => why_not_modelled(&w, tier, date, &mut z, &mut e),
    }
    z.push('。');
    e.push('.');
    (z, e)
}

/// What a sentence of [`why_sentence`] names: the rule file, its window, the
/// applicant path and the window's dates in words.
struct Why<'w> {
    file: &'w RuleFile,
    window: &'w Applies,
    /// The path in Chinese, in English, and in English at a sentence's start.
    path: (&'static str, &'static str, &'static str),
    /// The window's dates in words: Chinese, English.
    when: (String, String),
}

/// The standard in force on the date: the window it governs, the article
/// that says so, whether that is unconfirmed, and the chosen province's own
/// reading.
fn why_in_force(w: &Why<'_>, province: Option<&str>, z: &mut String, e: &mut String) {
    let (file, window) = (w.file, w.window);
    let (pz, pe, pe_cap) = w.path;
    let (wz, we): (&str, &str) = (&w.when.0, &w.when.1);
    let (fz, fe) = (file.zh.as_str(), file.en.as_str());
    let doc = file
        .documents
        .get(&*window.cite.doc)
        .map(|d| &*d.doc_no)
        .unwrap_or_default();
    let art = &*window.cite.article;
    push(
        z,
        &[
            pz,
            "按",
            fz,
            "：",
            wz,
            "开展的",
            pz,
            "适用此标准（依据",
            doc,
            "「",
            art,
            "」）",
        ],
    );
    push(
        e,
        &[
            pe_cap,
            " judged on ",
            fe,
            ": it governs ",
            pe,
            " ",
            we,
            " (per ",
            doc,
            ", ",
            art,
            ")",
        ],
    );
    if window.review_zh.is_some() {
        push(z, &["；适用哪一标准未经确认（各省口径），需人工核验"]);
        push(
            e,
            &[
                "; which standard applies is unconfirmed (provinces differ) and needs manual checking",
            ],
        );
    }
    // The chosen province's own reading, from the rule file (the
    // province normalised only when the window has one).
    if let Some(r) = window.province_reading.as_ref().filter(|r| {
        province.map(normalise_province).as_deref()
            == Some(normalise_province(&r.province).as_str())
    }) {
        push(z, &["。", &r.zh]);
        push(e, &[". ", &r.en]);
    }
}

/// A version forced by the user, in force on the date.
fn why_forced(w: &Why<'_>, z: &mut String, e: &mut String) {
    let (pz, pe, _) = w.path;
    let (wz, we): (&str, &str) = (&w.when.0, &w.when.1);
    let (fz, fe, v) = (
        w.file.zh.as_str(),
        w.file.en.as_str(),
        w.file.version.as_str(),
    );
    push(
        z,
        &[
            "按您选择的",
            v,
            "版标准：",
            fz,
            "（",
            wz,
            "开展的",
            pz,
            "适用）",
        ],
    );
    push(
        e,
        &[
            "On the ",
            v,
            " standards you chose: ",
            fe,
            " (governs ",
            pe,
            " ",
            we,
            ")",
        ],
    );
}

/// A version forced by the user, outside its window on the date: for
/// comparison only.
fn why_forced_outside(w: &Why<'_>, date: Date, z: &mut String, e: &mut String) {
    let (wz, we): (&str, &str) = (&w.when.0, &w.when.1);
    let (fz, fe, v) = (
        w.file.zh.as_str(),
        w.file.en.as_str(),
        w.file.version.as_str(),
    );
    let (d, dz) = (date.to_string(), date_zh_of(date));
    push(
        z,
        &[
            "按您选择的",
            v,
            "版标准：",
            fz,
            "。注意：",
            &dz,
            "不在其适用期（",
            wz,
            "）内，不是该日期施行的标准，仅供对比",
        ],
    );
    push(
        e,
        &[
            "On the ",
            v,
            " standards you chose: ",
            fe,
            ". Note: ",
            &d,
            " is outside its window (",
            we,
            "): not the standard in force then, for comparison only",
        ],
    );
}

/// No modelled standard governs the date on this path: the earliest one
/// starts later, or the latest one has ended.
fn why_not_modelled(w: &Why<'_>, tier: &str, date: Date, z: &mut String, e: &mut String) {
    let window = w.window;
    let (pz, pe, _) = w.path;
    let (fz, fe) = (w.file.zh.as_str(), w.file.en.as_str());
    let (d, dz) = (date.to_string(), date_zh_of(date));
    let (tz, te) = tier_name(tier);
    push(z, &[&dz, "当日适用的", tz, pz, "标准本工具未收录："]);
    push(
        e,
        &[
            "The ",
            te,
            " standard for ",
            pe,
            " in force on ",
            &d,
            " is not modelled: ",
        ],
    );
    if d.as_str() < window.from.as_str() {
        push(z, &["最早的", fz, "自", &date_zh(&window.from), "起才适用"]);
        push(
            e,
            &[
                "the earliest here, ",
                fe,
                ", governs only from ",
                &window.from,
            ],
        );
    } else {
        let until = window.until.clone().unwrap_or_default();
        push(z, &["最新的", fz, "只适用至", &date_zh(&until)]);
        push(
            e,
            &["the latest here, ", fe, ", governs only until ", &until],
        );
    }
}
