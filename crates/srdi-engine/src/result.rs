//! The assessment result: interchange format `srdi-result/1`.
//! The JSON Schema is `schema/srdi-result-1.schema.json` at the repo root.

use serde::Serialize;

use crate::metrics::{Change, Field, Figure, Shown, Unit};
use crate::rules::{ApplicantPath, Confidence, Text};

pub const RESULT_FORMAT: &str = "srdi-result/1";

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    /// A figure it needs is missing.
    Unknown,
    /// Computable parts pass, but a person must judge the rest (需人工核验).
    Manual,
}

/// A tier's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Qualified,
    NotQualified,
    /// Every computable condition passes, but a manual or unconfirmed item remains.
    NeedsReview,
    /// A needed figure is missing (see `missing`).
    Incomplete,
}

impl Verdict {
    pub fn from_status(s: Status) -> Verdict {
        match s {
            Status::Pass => Verdict::Qualified,
            Status::Fail => Verdict::NotQualified,
            Status::Unknown => Verdict::Incomplete,
            Status::Manual => Verdict::NeedsReview,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Verdict::Qualified => "qualified",
            Verdict::NotQualified => "not_qualified",
            Verdict::NeedsReview => "needs_review",
            Verdict::Incomplete => "incomplete",
        }
    }
}

/// A citation, expanded with its document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CitationOut {
    pub document: Text,
    pub doc_no: Text,
    pub issuer: Text,
    pub article: Text,
    pub quote: Text,
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// The threshold a check compares with.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Threshold {
    /// `>=`, `>`, `<=`, `<`, `in`, `is`.
    pub op: String,
    pub value: Shown,
    pub unit: Unit,
    /// Whether a value exactly at the threshold passes.
    pub inclusive: bool,
}

/// A range of points `min..=max` when answers are missing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Points {
    pub min: i64,
    pub max: i64,
    /// The most the item can give.
    pub of: i64,
    /// Band or level reached, e.g. `B`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Text>,
}

/// One check (a node of the rule tree), with its children.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub id: Text,
    pub zh: Text,
    pub en: Text,
    pub status: Status,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// The computed value, for display (percentages as `3.2%`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Shown>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// Sub-minimum for a group, pass mark for a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Shared with every other check citing the same rule text.
    pub citation: Option<std::sync::Arc<CitationOut>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_en: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Check>,
}

impl Check {
    /// This check and every check below it, depth first.
    pub fn walk(&self) -> Vec<&Check> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// How the rule set of a tier relates to the assessment date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleFit {
    /// Chosen by date and path: the standard in force on the date.
    InForce,
    /// A version forced by the user (`--rules`), and the date is inside its window.
    Forced,
    /// A version forced by the user, but the date is outside its window: not the
    /// standard in force on that date (for comparison only).
    ForcedOutside,
    /// No modelled rule set governs the date on this path: the tier is not judged.
    NotModelled,
}

impl RuleFit {
    pub fn key(self) -> &'static str {
        match self {
            RuleFit::InForce => "in_force",
            RuleFit::Forced => "forced",
            RuleFit::ForcedOutside => "forced_outside",
            RuleFit::NotModelled => "not_modelled",
        }
    }
}

/// Which rules produced a tier's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleSetOut {
    /// Rule file id; `none` when no modelled rule set governs the date.
    pub id: String,
    pub version: String,
    pub zh: String,
    pub en: String,
    /// 文号 of every document the rule file cites.
    pub documents: Vec<Text>,
    /// First date this rule set governs the chosen path (absent when not modelled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<String>,
    /// Provincial pack in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// Whether this is the standard in force on the date, a forced version, or none.
    pub fit: RuleFit,
    /// Which standard applies and why, in plain words.
    pub why_zh: String,
    pub why_en: String,
}

/// Why a tier is judged on its applicant path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathBasis {
    /// The user chose one path for every tier.
    Chosen,
    /// The user chose this tier's path.
    ChosenForTier,
    /// Derived: the firm holds this tier's title (复核).
    TitleHeld,
    /// Derived: the firm does not hold (or did not say it holds) this tier's title (新申报).
    NoTitle,
}

/// A score with a pass mark.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreOut {
    pub min: i64,
    pub max: i64,
    pub of: i64,
    pub pass_mark: i64,
    pub groups: Vec<GroupScore>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupScore {
    pub id: Text,
    pub zh: Text,
    pub en: Text,
    pub min: i64,
    pub max: i64,
    pub of: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<i64>,
}

/// One step of a gap plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GapStep {
    /// The check this step fixes.
    pub check: Text,
    /// For a score: the indicator and its points before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_to: Option<String>,
    /// Concrete changes to inputs (empty when the step is qualitative).
    pub changes: Vec<Change>,
    pub zh: String,
    pub en: String,
    /// The step is about a fiscal year already closed: its figures cannot change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_year: Option<i32>,
    /// Then the first application year in which new figures could count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_application_year: Option<i32>,
}

/// A tier's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierResult {
    /// `sme_size`, `innovative_sme`, `tech_sme`, `specialized_sme`, `little_giant`, `single_champion`.
    pub id: String,
    pub zh: String,
    pub en: String,
    pub verdict: Verdict,
    /// For `sme_size`: `large`, `medium`, `small`, `micro`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    pub rule_set: RuleSetOut,
    /// The applicant path this tier is judged on: 新申报 or 复核.
    pub path: ApplicantPath,
    pub path_basis: PathBasis,
    /// The path and why, in plain words.
    pub path_zh: String,
    pub path_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreOut>,
    /// What the score range allows, when answers are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_verdict: Option<Verdict>,
    pub checks: Vec<Check>,
    /// Profile fields still needed.
    pub missing: Vec<String>,
    /// Items a person must confirm.
    pub manual: Vec<Text>,
    /// The smallest changes that would turn a "no" into a "yes".
    pub gaps: Vec<GapStep>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::rules::Evidence>,
}

/// The realistic next tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextStep {
    pub tier: String,
    pub zh: String,
    pub en: String,
}

/// The whole result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub format: &'static str,
    pub assessed_on: String,
    /// The path chosen for every tier; absent when each tier's path is derived
    /// from the titles held (see each tier's `path`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<ApplicantPath>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// `auto`, `2022` or `2026`.
    pub rules: String,
    pub engine_version: &'static str,
    pub tiers: Vec<TierResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
}

impl Assessment {
    pub fn tier(&self, id: &str) -> Option<&TierResult> {
        self.tiers.iter().find(|t| t.id == id)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
