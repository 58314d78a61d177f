//! The assessment result: interchange format `srdi-result/2`.
//! The JSON Schema is `schema/srdi-result-2.schema.json` at the repo root.

use std::borrow::Cow;

use serde::Serialize;

use crate::metrics::{Change, Field, Figure, How, Shown, Unit};
use crate::num::Ratio;
use crate::rules::{ApplicantPath, Confidence, Text};

/// The format tag every result carries (`"format"` of [`Assessment`]).
pub const RESULT_FORMAT: &str = "srdi-result/2";

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The condition is met.
    Pass,
    /// The condition is not met.
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
    /// Every condition of the tier's rules is met: the firm may apply.
    Qualified,
    /// At least one condition fails and may decide on its own: the firm does not qualify.
    NotQualified,
    /// Every computable condition passes, but a manual or unconfirmed item remains.
    NeedsReview,
    /// A needed figure is missing (see `missing`).
    Incomplete,
}

impl Verdict {
    /// The verdict a tier's root check gives: pass → qualified, fail → not qualified,
    /// unknown → incomplete, manual → needs review.
    pub fn from_status(s: Status) -> Verdict {
        match s {
            Status::Pass => Verdict::Qualified,
            Status::Fail => Verdict::NotQualified,
            Status::Unknown => Verdict::Incomplete,
            Status::Manual => Verdict::NeedsReview,
        }
    }

    /// The verdict's name in `srdi-result/2` (`qualified`, `not_qualified`, `needs_review`,
    /// `incomplete`).
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
    /// Title of the cited document, e.g. 《优质中小企业梯度培育管理暂行办法》.
    pub document: Text,
    /// The document's 文号, e.g. 工信部企业〔2022〕63号.
    pub doc_no: Text,
    /// The authority that issued the document.
    pub issuer: Text,
    /// The article, annex or item cited, e.g. 第七条 or 附件2.
    pub article: Text,
    /// The cited wording, verbatim from the document.
    pub quote: Text,
    /// How well the quote is confirmed (`C-M`, `C-2`, `S1`, `UNCONFIRMED`); an
    /// UNCONFIRMED citation never decides a fail on its own.
    pub confidence: Confidence,
    /// How the rule files read a wording the text leaves open (native builds
    /// only: the browser's baked book leaves readings out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// The threshold a check compares with.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Threshold {
    /// `>=`, `>`, `<=`, `<`, `in`, `is` (static text: no allocation per check).
    pub op: &'static str,
    /// The threshold's value, in `unit`.
    pub value: Shown,
    /// The unit of `value` and of the value compared.
    pub unit: Unit,
    /// Whether a value exactly at the threshold passes.
    pub inclusive: bool,
}

/// A range of points `min..=max` when answers are missing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Points {
    /// Points sure to be given with the answers as they are.
    pub min: i64,
    /// Points the item could give once the missing answers are in.
    pub max: i64,
    /// The most the item can give.
    pub of: i64,
    /// Band or level reached, e.g. `B`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Text>,
}

/// A run of a tier's [`Ledger`]: entries `start..end` of one of its lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// The first entry.
    pub start: u32,
    /// One past the last entry.
    pub end: u32,
}

impl Span {
    /// No entries.
    pub const EMPTY: Span = Span { start: 0, end: 0 };

    /// An empty run starting at `at`.
    pub(crate) fn at(at: usize) -> Span {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        Span { start: at, end: at }
    }

    /// This run, ending at `end`.
    pub(crate) fn to(self, end: usize) -> Span {
        Span {
            start: self.start,
            end: Span::at(end).start,
        }
    }

    /// Whether the run has no entries.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The run's entries of `list` (none when it lies outside).
    pub fn of<T>(self, list: &[T]) -> &[T] {
        list.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

/// The figures a tier's checks read and the fields they still miss, each
/// list in the order the checks were evaluated: a check holds a [`Span`] of
/// each (one list per tier instead of two small lists per check).
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    /// Every check's figures, one run after another.
    pub figures: Vec<Figure>,
    /// Every check's missing fields, one run after another.
    pub missing: Vec<Field>,
    /// Whether entries are kept: a ledger that keeps none serves a metric's
    /// value read on its own (an alternative reading, a gap's current value).
    keep: bool,
}

impl Default for Ledger {
    fn default() -> Ledger {
        Ledger {
            figures: Vec::new(),
            missing: Vec::new(),
            keep: true,
        }
    }
}

impl Ledger {
    /// An empty ledger with room for `figures` figures and `missing` fields.
    pub(crate) fn with_room(figures: usize, missing: usize) -> Ledger {
        Ledger {
            figures: Vec::with_capacity(figures),
            missing: Vec::with_capacity(missing),
            keep: true,
        }
    }

    /// A ledger that keeps nothing written to it (and so never allocates).
    pub(crate) fn discarding() -> Ledger {
        Ledger {
            keep: false,
            ..Ledger::default()
        }
    }

    /// Appends a figure; returns the figures' new end.
    pub(crate) fn figure(&mut self, f: Figure) -> usize {
        if self.keep {
            self.figures.push(f);
        }
        self.figures.len()
    }

    /// Appends a missing field; returns the missing fields' new end.
    pub(crate) fn miss(&mut self, f: Field) -> usize {
        if self.keep {
            self.missing.push(f);
        }
        self.missing.len()
    }

    /// Where each list ends now.
    pub(crate) fn mark(&self) -> (usize, usize) {
        (self.figures.len(), self.missing.len())
    }

    /// Drops every entry after `mark` (entries of checks taken off again).
    pub(crate) fn truncate(&mut self, mark: (usize, usize)) {
        self.figures.truncate(mark.0);
        self.missing.truncate(mark.1);
    }
}

/// One check (a node of the rule tree). A tier's checks are one list in
/// pre-order ([`TierResult::checks`]): each check is followed by the checks
/// below it; [`Tree`] reads a check with its children.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The rule node's id in its rule file (e.g. `base`, `direct_or_score`).
    pub id: Text,
    /// What the check asks, in Chinese (the rule node's text).
    pub zh: Text,
    /// What the check asks, in English.
    pub en: Text,
    /// The check's outcome.
    pub status: Status,
    /// Where the profile figures the check read are in its tier's [`Ledger`]
    /// (read them with [`Tree::figures`]).
    pub figures_at: Span,
    /// The computed value, for display (percentages as `3.2%`).
    pub value: Option<Shown>,
    /// The threshold the value was compared with, for a comparison.
    pub threshold: Option<Threshold>,
    /// The points given, for a scored indicator or group.
    pub points: Option<Points>,
    /// Sub-minimum for a group, pass mark for a score.
    pub pass_mark: Option<i64>,
    /// Shared with every other check citing the same rule text.
    pub citation: Option<std::sync::Arc<CitationOut>>,
    /// Where the profile fields still needed to decide this check are in its
    /// tier's [`Ledger`] (read them with [`Tree::missing`]).
    pub missing_at: Span,
    /// A note in Chinese on why the check is to be judged by hand (原则上, an
    /// unconfirmed wording or reading, an open formula), when there is one.
    pub note_zh: Option<Text>,
    /// The same note in English.
    pub note_en: Option<Text>,
    /// How many checks below this one follow it in its tier's list.
    pub(crate) below: u32,
}

impl Check {
    /// A check without children, with no figures, value, threshold, points,
    /// citation, missing fields or note yet.
    #[inline]
    pub(crate) fn new(id: Text, zh: Text, en: Text, status: Status) -> Check {
        Check {
            id,
            zh,
            en,
            status,
            figures_at: Span::EMPTY,
            value: None,
            threshold: None,
            points: None,
            pass_mark: None,
            citation: None,
            missing_at: Span::EMPTY,
            note_zh: None,
            note_en: None,
            below: 0,
        }
    }
}

/// A check with every check below it: a run of its tier's checks in
/// pre-order, this check first. Reads as the check itself (`Deref`); its
/// children are [`Tree::children`].
#[derive(Clone, Copy, Debug)]
pub struct Tree<'a> {
    run: &'a [Check],
    check: &'a Check,
    ledger: &'a Ledger,
}

impl<'a> Tree<'a> {
    /// The check at the head of the tree.
    pub fn check(self) -> &'a Check {
        self.check
    }

    /// The checks of the node's children, in rule-file order.
    pub fn children(self) -> Trees<'a> {
        Trees {
            rest: self.run.get(1..).unwrap_or_default(),
            ledger: self.ledger,
        }
    }

    /// This check and every check below it, depth first, each with the checks below it.
    pub fn walk(self) -> Walk<'a> {
        Walk {
            run: self.run,
            at: 0,
            ledger: self.ledger,
        }
    }

    /// The first check with this id, depth first.
    pub fn find(self, id: &str) -> Option<Tree<'a>> {
        self.walk().find(|c| &*c.id == id)
    }

    /// The profile figures the check read, as shown to the user.
    pub fn figures(self) -> &'a [Figure] {
        self.check.figures_at.of(&self.ledger.figures)
    }

    /// The profile fields still needed to decide the check.
    pub fn missing(self) -> &'a [Field] {
        self.check.missing_at.of(&self.ledger.missing)
    }
}

impl std::ops::Deref for Tree<'_> {
    type Target = Check;
    fn deref(&self) -> &Check {
        self.check
    }
}

/// Every check of a run in pre-order, each as a [`Tree`] ([`Tree::walk`],
/// [`TierResult::every`]).
#[derive(Clone, Debug)]
pub struct Walk<'a> {
    run: &'a [Check],
    at: usize,
    ledger: &'a Ledger,
}

impl<'a> Iterator for Walk<'a> {
    type Item = Tree<'a>;
    fn next(&mut self) -> Option<Tree<'a>> {
        let rest = self.run.get(self.at..)?;
        let check = rest.first()?;
        self.at += 1;
        let n = (check.below as usize).saturating_add(1).min(rest.len());
        Some(Tree {
            run: &rest[..n],
            check,
            ledger: self.ledger,
        })
    }
}

/// Consecutive trees of a pre-order list of checks: the children of a
/// check, or a tier's top-level checks ([`TierResult::roots`]).
#[derive(Clone, Copy, Debug)]
pub struct Trees<'a> {
    rest: &'a [Check],
    ledger: &'a Ledger,
}

/// The ledger of a list of no checks.
static NO_LEDGER: Ledger = Ledger {
    figures: Vec::new(),
    missing: Vec::new(),
    keep: true,
};

impl Default for Trees<'_> {
    fn default() -> Self {
        Trees {
            rest: &[],
            ledger: &NO_LEDGER,
        }
    }
}

impl<'a> Trees<'a> {
    /// The trees of `checks`, a pre-order list whose first check starts the
    /// first tree, their figures and missing fields in `ledger`.
    pub fn of(checks: &'a [Check], ledger: &'a Ledger) -> Trees<'a> {
        Trees {
            rest: checks,
            ledger,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

impl<'a> Iterator for Trees<'a> {
    type Item = Tree<'a>;
    fn next(&mut self) -> Option<Tree<'a>> {
        let check = self.rest.first()?;
        let n = (check.below as usize).saturating_add(1);
        let (run, rest) = self.rest.split_at_checked(n).unwrap_or((self.rest, &[]));
        self.rest = rest;
        Some(Tree {
            run,
            check,
            ledger: self.ledger,
        })
    }
}

/// A tree as `srdi-result/2` writes a check: its fields (its figures and missing fields from
/// the ledger, in their places), then its children nested. Derived, so that the derive stays
/// the reference the hand-written writer is tested against.
#[derive(Serialize)]
struct Nested<'a> {
    id: &'a Text,
    zh: &'a Text,
    en: &'a Text,
    status: Status,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    figures: &'a [Figure],
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a Shown>,
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<&'a Threshold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    points: Option<&'a Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pass_mark: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'a CitationOut>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    missing: &'a [Field],
    #[serde(skip_serializing_if = "Option::is_none")]
    note_zh: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_en: Option<&'a Text>,
    #[serde(skip_serializing_if = "Trees::is_empty")]
    children: Trees<'a>,
}

impl<'a> Nested<'a> {
    fn of(t: Tree<'a>) -> Nested<'a> {
        let c = t.check;
        Nested {
            id: &c.id,
            zh: &c.zh,
            en: &c.en,
            status: c.status,
            figures: t.figures(),
            value: c.value.as_ref(),
            threshold: c.threshold.as_ref(),
            points: c.points.as_ref(),
            pass_mark: c.pass_mark,
            citation: c.citation.as_deref(),
            missing: t.missing(),
            note_zh: c.note_zh.as_ref(),
            note_en: c.note_en.as_ref(),
            children: t.children(),
        }
    }
}

impl Serialize for Trees<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.map(Nested::of))
    }
}

/// A tier's checks in pre-order, with the ledger of their figures and
/// missing fields. Reads as the list of checks (`Deref`); written nested in
/// `srdi-result/2`, each check with its figures and missing fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    /// Every check of the rule tree in pre-order.
    pub list: Vec<Check>,
    /// Their figures and missing fields.
    pub ledger: Ledger,
}

impl std::ops::Deref for Checks {
    type Target = [Check];
    fn deref(&self) -> &[Check] {
        &self.list
    }
}

impl Serialize for Checks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Trees::of(&self.list, &self.ledger).serialize(s)
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
    /// The fit's name in `srdi-result/2` (`in_force`, `forced`, `forced_outside`,
    /// `not_modelled`).
    pub fn key(self) -> &'static str {
        match self {
            RuleFit::InForce => "in_force",
            RuleFit::Forced => "forced",
            RuleFit::ForcedOutside => "forced_outside",
            RuleFit::NotModelled => "not_modelled",
        }
    }
}

/// Which rules produced a tier's result. Its texts borrow the rule book's
/// where they are compiled in (`Cow::Borrowed`: no allocation per result).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleSetOut {
    /// Rule file id, with `+amendment id` for each amendment applied; `none` when no
    /// modelled rule set governs the date.
    pub id: Cow<'static, str>,
    /// The rule version label, e.g. `2022`, `2026` (`none` when not modelled).
    pub version: Cow<'static, str>,
    /// The rule set's name in Chinese.
    pub zh: Cow<'static, str>,
    /// The rule set's name in English.
    pub en: Cow<'static, str>,
    /// 文号 of every document the rule file cites.
    pub documents: Vec<Text>,
    /// First date this rule set governs the chosen path (absent when not modelled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<Cow<'static, str>>,
    /// Last date this rule set governs the chosen path, when it ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<Cow<'static, str>>,
    /// Provincial pack in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<Cow<'static, str>>,
    /// Whether this is the standard in force on the date, a forced version, or none.
    pub fit: RuleFit,
    /// Which standard applies and why: what the words of the result say it with.
    pub basis: Basis,
}

/// Why a rule set judges a tier: the rule file's window for the path and the
/// article that sets it. For a tier not modelled on the date, the nearest
/// window (the earliest when the date is before them all, else the latest).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Basis {
    /// The rule file's name in Chinese (also when the tier is not modelled).
    pub file_zh: Text,
    /// The rule file's name in English.
    pub file_en: Text,
    /// The rule file's version label.
    pub version: Text,
    /// First day of the window, `YYYY-MM-DD`.
    pub from: Text,
    /// Last day of the window, when it ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
    /// 文号 of the document that sets the window.
    pub doc_no: Text,
    /// The article of that document.
    pub article: Text,
    /// Which standard applies here is an unconfirmed reading (provinces differ).
    pub unconfirmed: bool,
    /// The chosen province's own reading of which standard applies, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_reading: Option<Words>,
}

/// A text from a rule file in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Words {
    /// In Chinese.
    pub zh: Text,
    /// In English.
    pub en: Text,
}

/// The firm's title of a tier, as the path of the tier reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TitleOut {
    /// Whether the firm holds the title (`None`: not answered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<bool>,
    /// The year it was granted, when held and given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted: Option<i32>,
    /// The last year of its validity, when the year granted and the rule
    /// file's validity are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<i32>,
    /// The title is renewed every year (validity of one year).
    pub annual: bool,
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
    /// The sure minimum of the total, with the answers as they are.
    pub min: i64,
    /// The most the total could reach once the missing answers are in.
    pub max: i64,
    /// The most the score can give (the sum of its groups' maxima).
    pub of: i64,
    /// The total needed to pass (评价得分 及格线, from the rule file or the province's pack).
    pub pass_mark: i64,
    /// The score's groups (e.g. 专业化, 精细化, 特色化, 创新能力, 成长性), in rule-file order.
    pub groups: Vec<GroupScore>,
}

/// One group of a score (e.g. 创新能力), with its points range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupScore {
    /// The group's id in its rule file, e.g. `innovation`.
    pub id: Text,
    /// The group's name in Chinese.
    pub zh: Text,
    /// The group's name in English.
    pub en: Text,
    /// The group's sure minimum.
    pub min: i64,
    /// The most the group could reach once the missing answers are in.
    pub max: i64,
    /// The most the group can give.
    pub of: i64,
    /// The group's own minimum, when the standard sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<i64>,
}

/// One step of a gap plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GapStep {
    /// The check this step fixes.
    pub check: Text,
    /// For a scored indicator: its points before the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_from: Option<i64>,
    /// For a scored indicator: its points after the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_to: Option<i64>,
    /// Concrete changes to inputs (empty when the step is qualitative).
    pub changes: Vec<Change>,
    /// What the step asks for, when it is more than its changes.
    pub need: Need,
    /// The step is about a fiscal year already closed: its figures cannot change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_year: Option<i32>,
    /// Then the first application year in which new figures could count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_application_year: Option<i32>,
}

/// What a gap step asks for.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Need {
    /// The step's changes say it all (the first one is the step).
    Changes,
    /// A condition with no figure to compute (a certificate, a title): the
    /// rule node's text.
    Condition {
        /// The condition in Chinese.
        zh: Text,
        /// The condition in English.
        en: Text,
    },
    /// A band of a scored indicator, reached without one computed change.
    Band {
        /// The band's label, e.g. `A`.
        label: Text,
        /// The band's range as the rule file writes it.
        text: Text,
    },
    /// A level of a scored indicator, reached without one computed change.
    Level {
        /// The level's label.
        label: Text,
        /// Its condition in Chinese.
        zh: Text,
        /// Its condition in English.
        en: Text,
    },
    /// No set of improvable indicators reaches the pass mark.
    Unreachable,
}

/// A tier's result. Its id and class are the program's own texts
/// (`Cow::Borrowed`: no allocation per result).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierResult {
    /// `sme_size`, `innovative_sme`, `tech_sme`, `specialized_sme`, `little_giant`, `single_champion`.
    pub id: Cow<'static, str>,
    /// The tier's name in Chinese, e.g. 专精特新"小巨人"企业.
    pub zh: Cow<'static, str>,
    /// The tier's name in English.
    pub en: Cow<'static, str>,
    /// The tier's verdict.
    pub verdict: Verdict,
    /// For `sme_size`: `large`, `medium`, `small`, `micro`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Cow<'static, str>>,
    /// The rule file, version and dates that produced this result.
    pub rule_set: RuleSetOut,
    /// The applicant path this tier is judged on: 新申报 or 复核.
    pub path: ApplicantPath,
    /// Why the tier is judged on `path`: chosen by the user or derived from the titles held.
    pub path_basis: PathBasis,
    /// The firm's title of this tier (its re-review reads it).
    pub title: TitleOut,
    /// The score of the tier's 评价 indicators, when its rules have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreOut>,
    /// What the score range allows, when answers are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_verdict: Option<Verdict>,
    /// Every check of the rule tree in pre-order: the root, then each child
    /// followed by the checks below it (see [`TierResult::roots`]; written
    /// nested in `srdi-result/2`).
    pub checks: Checks,
    /// Profile fields still needed.
    pub missing: Vec<Field>,
    /// Items a person must confirm.
    pub manual: Vec<Text>,
    /// The smallest changes that would turn a "no" into a "yes".
    pub gaps: Vec<GapStep>,
    /// Documents an application will ask for (from the rule file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::rules::Evidence>,
}

impl TierResult {
    /// The top-level checks (the rule tree's root, and any check beside it),
    /// each with the checks below it.
    pub fn roots(&self) -> Trees<'_> {
        Trees::of(&self.checks.list, &self.checks.ledger)
    }

    /// Every check in pre-order, each with the checks below it.
    pub fn every(&self) -> Walk<'_> {
        Walk {
            run: &self.checks.list,
            at: 0,
            ledger: &self.checks.ledger,
        }
    }

    /// Check `i` of [`TierResult::checks`] with the checks below it.
    pub fn tree(&self, i: usize) -> Option<Tree<'_>> {
        let check = self.checks.get(i)?;
        let end = i
            .saturating_add(check.below as usize)
            .saturating_add(1)
            .min(self.checks.len());
        Some(Tree {
            run: &self.checks[i..end],
            check,
            ledger: &self.checks.ledger,
        })
    }

    /// The children of check `i`, each with the checks below it.
    pub fn children(&self, i: usize) -> Trees<'_> {
        self.tree(i).map(Tree::children).unwrap_or_default()
    }
}

/// The realistic next tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextStep {
    /// The tier's id, e.g. `specialized_sme`.
    pub tier: Cow<'static, str>,
    /// Why this tier comes next.
    pub reason: NextReason,
    /// The tiers to name, in order: the tier, or the easier of two
    /// alternatives first (创新型 or 科技型).
    pub options: Vec<Cow<'static, str>>,
}

/// Why a tier is the next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextReason {
    /// By its figures the firm is not an SME: no tier applies.
    NotSme,
    /// A title held is re-reviewed this year and does not pass yet: keep it first.
    KeepTitle,
    /// The lowest tier the firm neither holds nor qualifies for.
    Climb,
}

/// The whole result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Always [`RESULT_FORMAT`].
    pub format: &'static str,
    /// The assessment date, `YYYY-MM-DD`.
    pub assessed_on: String,
    /// The path chosen for every tier; absent when each tier's path is derived
    /// from the titles held (see each tier's `path`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<ApplicantPath>,
    /// The province whose pass marks and packs were used, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// `auto`, `2022` or `2026`.
    pub rules: String,
    /// The engine's crate version.
    pub engine_version: &'static str,
    /// Every tier's result, bottom to top ([`crate::TIER_IDS`]).
    pub tiers: Vec<TierResult>,
    /// The realistic next tier to aim for, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
}

impl Assessment {
    /// The result of tier `id` (e.g. `little_giant`), if assessed.
    pub fn tier(&self, id: &str) -> Option<&TierResult> {
        self.tiers.iter().find(|t| t.id == id)
    }
}

// ---- `srdi-result/2` as JSON text ------------------------------------------
//
// Written by hand rather than through serde_json's serialiser: the browser
// bundle then carries neither the serialiser nor a derived `Serialize` per
// result type (≈ 4 KB brotli). The output is byte for byte what
// `serde_json::to_string_pretty` gives for the derived `Serialize` (a test
// checks it), so the derive stays the reference.

/// Pretty JSON text, two-space indents, keys in declaration order.
struct Out {
    s: String,
    /// For each open object or array: whether it has an entry yet.
    open: Vec<bool>,
}

impl Out {
    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.s.push_str("  ");
        }
    }
    fn begin(&mut self, c: char) {
        self.s.push(c);
        self.open.push(false);
    }
    fn end(&mut self, c: char) {
        if self.open.pop() == Some(true) {
            self.s.push('\n');
            self.indent();
        }
        self.s.push(c);
    }
    /// Starts an entry of the innermost object or array.
    fn entry(&mut self) {
        if let Some(has) = self.open.last_mut() {
            if *has {
                self.s.push(',');
            }
            *has = true;
        }
        self.s.push('\n');
        self.indent();
    }
    fn key(&mut self, k: &str) {
        self.entry();
        self.string(k);
        self.s.push_str(": ");
    }
    fn string(&mut self, v: &str) {
        self.s.push('"');
        for ch in v.chars() {
            match ch {
                '"' => self.s.push_str("\\\""),
                '\\' => self.s.push_str("\\\\"),
                '\n' => self.s.push_str("\\n"),
                '\r' => self.s.push_str("\\r"),
                '\t' => self.s.push_str("\\t"),
                '\u{8}' => self.s.push_str("\\b"),
                '\u{c}' => self.s.push_str("\\f"),
                c if (c as u32) < 0x20 => {
                    self.s.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => self.s.push(c),
            }
        }
        self.s.push('"');
    }
    fn str_field(&mut self, k: &str, v: &str) {
        self.key(k);
        self.string(v);
    }
    fn int_field(&mut self, k: &str, v: i64) {
        self.key(k);
        self.s.push_str(&v.to_string());
    }
    fn opt_str(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str_field(k, v);
        }
    }
    fn opt_int(&mut self, k: &str, v: Option<i64>) {
        if let Some(v) = v {
            self.int_field(k, v);
        }
    }
    fn shown(&mut self, k: &str, v: &impl std::fmt::Display) {
        self.str_field(k, &v.to_string());
    }
    /// A whole number written as a JSON number.
    fn shown_int(&mut self, k: &str, v: i64) {
        self.int_field(k, v);
    }
    fn bool_field(&mut self, k: &str, v: bool) {
        self.key(k);
        self.s.push_str(if v { "true" } else { "false" });
    }
    /// A list of items under `k` (written even when empty, as `[]`).
    fn list<T>(&mut self, k: &str, xs: &[T], each: impl Fn(&mut Out, &T)) {
        self.key(k);
        self.begin('[');
        for x in xs {
            self.entry();
            each(self, x);
        }
        self.end(']');
    }
    fn strings<T: AsRef<str>>(&mut self, k: &str, xs: &[T]) {
        self.list(k, xs, |o, x| o.string(x.as_ref()));
    }
    fn object(&mut self, f: impl FnOnce(&mut Out)) {
        self.begin('{');
        f(self);
        self.end('}');
    }
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Unknown => "unknown",
        Status::Manual => "manual",
    }
}

fn basis_key(b: PathBasis) -> &'static str {
    match b {
        PathBasis::Chosen => "chosen",
        PathBasis::ChosenForTier => "chosen_for_tier",
        PathBasis::TitleHeld => "title_held",
        PathBasis::NoTitle => "no_title",
    }
}

fn write_check(o: &mut Out, c: Tree<'_>) {
    o.object(|o| {
        o.str_field("id", &c.id);
        o.str_field("zh", &c.zh);
        o.str_field("en", &c.en);
        o.str_field("status", status_key(c.status));
        if !c.figures().is_empty() {
            o.list("figures", c.figures(), |o, f| {
                o.object(|o| {
                    o.shown("field", &f.field);
                    o.shown("value", &f.value);
                });
            });
        }
        if let Some(v) = &c.value {
            o.shown("value", v);
        }
        if let Some(t) = &c.threshold {
            o.key("threshold");
            o.object(|o| {
                o.str_field("op", t.op);
                o.shown("value", &t.value);
                o.str_field("unit", t.unit.key());
                o.key("inclusive");
                o.s.push_str(if t.inclusive { "true" } else { "false" });
            });
        }
        if let Some(p) = &c.points {
            o.key("points");
            o.object(|o| {
                o.int_field("min", p.min);
                o.int_field("max", p.max);
                o.int_field("of", p.of);
                o.opt_str("band", p.band.as_deref());
            });
        }
        o.opt_int("pass_mark", c.pass_mark);
        if let Some(ct) = &c.citation {
            o.key("citation");
            o.object(|o| {
                o.str_field("document", &ct.document);
                o.str_field("doc_no", &ct.doc_no);
                o.str_field("issuer", &ct.issuer);
                o.str_field("article", &ct.article);
                o.str_field("quote", &ct.quote);
                o.str_field("confidence", ct.confidence.key());
                o.opt_str("reading", ct.reading.as_deref());
            });
        }
        if !c.missing().is_empty() {
            o.list("missing", c.missing(), |o, f| o.string(&f.to_string()));
        }
        o.opt_str("note_zh", c.note_zh.as_deref());
        o.opt_str("note_en", c.note_en.as_deref());
        if !c.children().is_empty() {
            write_checks(o, "children", c.children());
        }
    });
}

/// Checks under `k`, each with its children nested.
fn write_checks(o: &mut Out, k: &str, checks: Trees<'_>) {
    o.key(k);
    o.begin('[');
    for c in checks {
        o.entry();
        write_check(o, c);
    }
    o.end(']');
}

fn write_basis(o: &mut Out, b: &Basis) {
    o.object(|o| {
        o.str_field("file_zh", &b.file_zh);
        o.str_field("file_en", &b.file_en);
        o.str_field("version", &b.version);
        o.str_field("from", &b.from);
        o.opt_str("until", b.until.as_deref());
        o.str_field("doc_no", &b.doc_no);
        o.str_field("article", &b.article);
        o.bool_field("unconfirmed", b.unconfirmed);
        if let Some(r) = &b.province_reading {
            o.key("province_reading");
            o.object(|o| {
                o.str_field("zh", &r.zh);
                o.str_field("en", &r.en);
            });
        }
    });
}

fn write_step(o: &mut Out, g: &GapStep) {
    o.object(|o| {
        o.str_field("check", &g.check);
        o.opt_int("points_from", g.points_from);
        o.opt_int("points_to", g.points_to);
        o.list("changes", &g.changes, write_change);
        o.key("need");
        o.object(|o| match &g.need {
            Need::Changes => o.str_field("kind", "changes"),
            Need::Condition { zh, en } => {
                o.str_field("kind", "condition");
                o.str_field("zh", zh);
                o.str_field("en", en);
            }
            Need::Band { label, text } => {
                o.str_field("kind", "band");
                o.str_field("label", label);
                o.str_field("text", text);
            }
            Need::Level { label, zh, en } => {
                o.str_field("kind", "level");
                o.str_field("label", label);
                o.str_field("zh", zh);
                o.str_field("en", en);
            }
            Need::Unreachable => o.str_field("kind", "unreachable"),
        });
        o.opt_int("closed_year", g.closed_year.map(i64::from));
        o.opt_int(
            "first_application_year",
            g.first_application_year.map(i64::from),
        );
    });
}

fn write_change(o: &mut Out, c: &Change) {
    let shown = |v: Ratio| Shown::Num(v, c.unit);
    o.object(|o| {
        o.shown("field", &c.field);
        o.str_field("unit", c.unit.key());
        o.key("current");
        match c.current {
            Some(v) => o.string(&shown(v).to_string()),
            None => o.s.push_str("null"),
        }
        o.shown("target", &shown(c.target));
        o.key("delta");
        match c.delta {
            Some(v) => o.string(&shown(v).to_string()),
            None => o.s.push_str("null"),
        }
        if let Some(l) = c.limit {
            o.shown("limit", &shown(l));
        }
        o.key("how");
        o.object(|o| {
            let percent = |r: Ratio| Shown::Num(r, Unit::Percent);
            match &c.how {
                How::Amount { goal } => {
                    o.str_field("kind", "amount");
                    if let Some(g) = goal {
                        o.shown("goal", &percent(*g));
                    }
                }
                How::MainShare { goal } => {
                    o.str_field("kind", "main_share");
                    o.shown("goal", &percent(*goal));
                }
                How::Hire { goal } => {
                    o.str_field("kind", "hire");
                    o.shown("goal", &percent(*goal));
                }
                How::Reach { metric } => {
                    o.str_field("kind", "reach");
                    o.shown("metric", metric);
                }
                How::Rank { metric } => {
                    o.str_field("kind", "rank");
                    o.shown("metric", metric);
                }
                How::Wait { metric, wait, year } => {
                    o.str_field("kind", "wait");
                    o.shown("metric", metric);
                    o.shown_int("wait", *wait);
                    o.shown_int("year", *year);
                }
                How::Class1Held { held } => {
                    o.str_field("kind", "class1_held");
                    o.shown_int("held", *held);
                }
                How::Class1Applied { applied } => {
                    o.str_field("kind", "class1_applied");
                    o.shown_int("applied", *applied);
                }
            }
        });
    });
}

fn write_tier(o: &mut Out, t: &TierResult) {
    o.object(|o| {
        o.str_field("id", &t.id);
        o.str_field("zh", &t.zh);
        o.str_field("en", &t.en);
        o.str_field("verdict", t.verdict.key());
        o.opt_str("class", t.class.as_deref());
        let r = &t.rule_set;
        o.key("rule_set");
        o.object(|o| {
            o.str_field("id", &r.id);
            o.str_field("version", &r.version);
            o.str_field("zh", &r.zh);
            o.str_field("en", &r.en);
            o.strings("documents", &r.documents);
            o.opt_str("effective_from", r.effective_from.as_deref());
            o.opt_str("effective_until", r.effective_until.as_deref());
            o.opt_str("pack", r.pack.as_deref());
            o.str_field("fit", r.fit.key());
            o.key("basis");
            write_basis(o, &r.basis);
        });
        o.str_field("path", t.path.key());
        o.str_field("path_basis", basis_key(t.path_basis));
        o.key("title");
        o.object(|o| {
            if let Some(h) = t.title.held {
                o.bool_field("held", h);
            }
            o.opt_int("granted", t.title.granted.map(i64::from));
            o.opt_int("expires", t.title.expires.map(i64::from));
            o.bool_field("annual", t.title.annual);
        });
        if let Some(s) = &t.score {
            o.key("score");
            o.object(|o| {
                o.int_field("min", s.min);
                o.int_field("max", s.max);
                o.int_field("of", s.of);
                o.int_field("pass_mark", s.pass_mark);
                o.list("groups", &s.groups, |o, g| {
                    o.object(|o| {
                        o.str_field("id", &g.id);
                        o.str_field("zh", &g.zh);
                        o.str_field("en", &g.en);
                        o.int_field("min", g.min);
                        o.int_field("max", g.max);
                        o.int_field("of", g.of);
                        o.opt_int("floor", g.floor);
                    });
                });
            });
        }
        o.opt_str("score_verdict", t.score_verdict.map(Verdict::key));
        write_checks(o, "checks", t.roots());
        o.list("missing", &t.missing, |o, f| o.string(&f.to_string()));
        o.strings("manual", &t.manual);
        o.list("gaps", &t.gaps, write_step);
        if !t.evidence.is_empty() {
            o.list("evidence", &t.evidence, |o, e| {
                o.object(|o| {
                    o.str_field("zh", &e.zh);
                    o.str_field("en", &e.en);
                });
            });
        }
    });
}

impl Assessment {
    /// The result as `srdi-result/2` JSON text (pretty, two-space indents).
    pub fn to_json(&self) -> String {
        let mut o = Out {
            s: String::new(),
            open: Vec::new(),
        };
        o.object(|o| {
            o.str_field("format", self.format);
            o.str_field("assessed_on", &self.assessed_on);
            o.opt_str("path", self.path.map(ApplicantPath::key));
            o.opt_str("province", self.province.as_deref());
            o.str_field("rules", &self.rules);
            o.str_field("engine_version", self.engine_version);
            o.list("tiers", &self.tiers, write_tier);
            if let Some(n) = &self.next_step {
                o.key("next_step");
                o.object(|o| {
                    o.str_field("tier", &n.tier);
                    o.str_field(
                        "reason",
                        match n.reason {
                            NextReason::NotSme => "not_sme",
                            NextReason::KeepTitle => "keep_title",
                            NextReason::Climb => "climb",
                        },
                    );
                    o.strings("options", &n.options);
                });
            }
        });
        o.s
    }
}
