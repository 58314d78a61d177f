//! The applicant path of each tier (新申报 or 复核) and why, and what a
//! result needs to say which standard judges a tier and why (the words
//! themselves are the app's and the command-line tool's).
//!
//! A tier is on the review path (复核) when the firm holds that tier's title,
//! else on the new-application path (新申报), unless the user chose a path for
//! every tier or for that tier (REFERENCE §6: titles are valid for the rule
//! file's `validity_years`, then re-reviewed).

use crate::profile::Profile;
use crate::result::{Basis, PathBasis, TitleOut, Words};
use crate::rules::{ApplicantPath, Applies, RuleFile, normalise_province};
use crate::{Options, Tier};

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

/// The firm's title of `tier` as a re-review reads it: held, the year
/// granted, the year its validity ends (`validity` years after it was granted).
pub fn title_out(p: &Profile, tier: &str, validity: Option<u32>) -> TitleOut {
    let (held, granted) = title_of(p, tier);
    TitleOut {
        held,
        granted,
        expires: granted.and_then(|g| validity.map(|v| g + i32::try_from(v).unwrap_or(0))),
        annual: validity == Some(1),
    }
}

/// Why `file` judges the tier: its window for the path, the article that
/// sets it, whether that is unconfirmed, and the chosen province's own
/// reading (matched on the normalised province name).
pub fn basis(file: &RuleFile, window: &Applies, province: Option<&str>) -> Basis {
    let doc_no = file
        .documents
        .get(&*window.cite.doc)
        .map(|d| d.doc_no.clone())
        .unwrap_or_default();
    let province_reading = window
        .province_reading
        .as_ref()
        .filter(|r| {
            province.map(normalise_province).as_deref()
                == Some(normalise_province(&r.province).as_str())
        })
        .map(|r| Words {
            zh: r.zh.clone(),
            en: r.en.clone(),
        });
    Basis {
        file_zh: file.zh.clone(),
        file_en: file.en.clone(),
        version: file.version.clone(),
        from: window.from.clone(),
        until: window.until.clone(),
        doc_no,
        article: window.cite.article.clone(),
        unconfirmed: window.review_zh.is_some(),
        province_reading,
    }
}
