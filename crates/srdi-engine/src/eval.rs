//! Interprets a rule tree against a profile: four-valued checks
//! (pass / fail / unknown / manual), score ranges when answers are missing,
//! and the upgrade options the gap planner chooses from.

use std::cmp::Ordering;

use crate::metrics::{Change, Computed, Ctx, Metric, Shown, Unit, Val, compare_cagr};
use crate::num::Ratio;
use crate::result::{
    Check, CitationOut, GroupScore, Ledger, Need, Points, ScoreOut, Span, Status, Threshold, Tree,
    Trees, Verdict,
};
use crate::rules::{
    ApplicantPath, Band, Citation, Confidence, Documents, Group, Indicator, Level, List, Node,
    NodeKind, Op, Pack, PassMark, Reading, RuleFile, Score, Scoring, Text,
};

/// An upgrade of one indicator to a higher level, for the gap planner.
#[derive(Clone, Debug)]
pub struct Upgrade {
    /// Points the indicator gains by the upgrade.
    pub points: i64,
    /// Band or level label, e.g. `A`.
    pub label: Text,
    /// The input changes that reach the level.
    pub changes: Vec<Change>,
    /// What the upgrade asks for, when it is more than its changes.
    pub need: Need,
}

/// An indicator as the gap planner sees it.
#[derive(Clone, Debug)]
pub struct PlanIndicator {
    /// The indicator's id in its rule file.
    pub id: Text,
    /// Index of its group in [`PlanScore`]'s score.
    pub group: usize,
    /// Points now (the sure minimum).
    pub current: i64,
    /// Whether its points are known (no answer it needs is missing).
    pub known: bool,
    /// Whether the firm can change it by acting (see [`Indicator::actionable`]).
    pub actionable: bool,
    /// The higher levels it could reach, with their changes.
    pub upgrades: Vec<Upgrade>,
}

/// A scored standard as the gap planner sees it.
#[derive(Clone, Debug)]
pub struct PlanScore {
    /// The id of the score's check.
    pub check_id: Text,
    /// The total needed to pass.
    pub pass_mark: i64,
    /// Each group's own minimum, where the standard sets one.
    pub floors: Vec<Option<i64>>,
    /// Every indicator of the score.
    pub indicators: Vec<PlanIndicator>,
}

/// Upgrades a scoring could offer, noted while it is scored and worked out
/// only when its score fails: a passing score needs none, and a failing one
/// is then not evaluated a second time.
#[derive(Clone, Copy)]
pub(crate) enum Pending<'a> {
    /// The bands of a scale worth more than `min` points, from band `i`.
    Bands {
        /// The scale.
        scale: BandScale<'a>,
        /// The band the value is in.
        i: usize,
        /// The points it gives now.
        min: i64,
    },
    /// The levels of a scoring whose condition fails.
    Levels(&'a List<Level>),
}

/// Evaluates the rule tree of one tier's rule file against a profile: one per
/// tier and assessment, carrying what the nodes need (date, path, file, pack)
/// and collecting the score and the gap planner's view of it.
pub struct Evaluator<'a> {
    /// The profile, application year and growth formula the metrics read.
    pub ctx: Ctx<'a>,
    /// Documents the citations of the file being evaluated refer to.
    pub docs: &'a Documents,
    /// The base conditions' rule file in force (基本条件), for `base` nodes.
    pub base: Option<&'a RuleFile>,
    /// The province's 特色化 pack, when one fills the score's pack group.
    pub pack: Option<&'a Pack>,
    /// New application or re-review.
    pub path: ApplicantPath,
    /// The assessment date.
    pub date: crate::date::Date,
    /// Province as given (for messages).
    pub province: Option<&'a str>,
    /// The tiers already assessed (their verdicts, and the figures they still miss).
    pub tiers: &'a [crate::TierResult],
    /// Collected while evaluating.
    pub score: Option<ScoreOut>,
    /// The score as the gap planner sees it, collected with `score`.
    pub plan: Option<PlanScore>,
    /// The upgrades each indicator of the score being evaluated could offer,
    /// noted while scoring and worked out only if the score fails.
    pub(crate) pending: Vec<Pending<'a>>,
    /// For each indicator of that score, in order: its run of `pending` and
    /// its points now (the least an upgrade must beat).
    pub(crate) pending_of: Vec<(usize, usize, i64)>,
    /// Inside an alternative (a child of an `any` beside another rule, or a
    /// points level's condition): a fail there only means that way is closed,
    /// never a verdict by itself, so an unconfirmed citation does not soften it.
    pub in_alternative: bool,
    /// The checks evaluated, in pre-order (each followed by the checks below it).
    pub out: Vec<Check>,
    /// Their figures and missing fields, in the same order.
    pub ledger: Ledger,
}

/// The citation with its document, built once per rule and shared.
pub fn cite_out(c: &Citation, docs: &Documents) -> std::sync::Arc<CitationOut> {
    c.resolved
        .get_or_init(|| {
            let d = docs.get(&*c.doc);
            std::sync::Arc::new(CitationOut {
                document: d.map(|d| d.title.clone()).unwrap_or_default(),
                doc_no: d.map(|d| d.doc_no.clone()).unwrap_or_default(),
                issuer: d.map(|d| d.issuer.clone()).unwrap_or_default(),
                article: c.article.clone(),
                quote: c.quote.clone(),
                confidence: c.confidence,
                reading: c.reading.clone(),
            })
        })
        .clone()
}

/// A value as results show it in `unit`: a percentage as `3.2%`, 万元 to four
/// decimals, anything else to two.
pub fn show(v: Ratio, unit: Unit) -> String {
    match unit {
        Unit::Percent => v.to_percent_string(),
        Unit::WanYuan => v.to_decimal_string(4),
        _ => v.to_decimal_string(2),
    }
}

/// Threshold as written (percent units in rule files mean 3 → 3%).
fn threshold_ratio(v: Ratio, unit: Unit) -> Ratio {
    if unit == Unit::Percent {
        v.div_whole(100).unwrap_or(v)
    } else {
        v
    }
}

fn test(ord: Ordering, op: Op) -> bool {
    match op {
        Op::Ge => ord.is_ge(),
        Op::Gt => ord.is_gt(),
        Op::Le => ord.is_le(),
        Op::Lt => ord.is_lt(),
    }
}

/// The first status of `order` that occurs in `xs`, else `otherwise`.
fn first_present(
    xs: impl IntoIterator<Item = Status>,
    order: [Status; 3],
    otherwise: Status,
) -> Status {
    let bit = |s: Status| match s {
        Status::Pass => 1u8,
        Status::Fail => 2,
        Status::Unknown => 4,
        Status::Manual => 8,
    };
    let seen = xs.into_iter().fold(0u8, |m, s| m | bit(s));
    order
        .into_iter()
        .find(|s| seen & bit(*s) != 0)
        .unwrap_or(otherwise)
}

/// Every child must pass: a fail decides, then a missing figure, then a manual item.
pub fn all_status(xs: impl IntoIterator<Item = Status>) -> Status {
    first_present(
        xs,
        [Status::Fail, Status::Unknown, Status::Manual],
        Status::Pass,
    )
}

/// One child passing is enough: a pass decides, then a manual item, then a missing figure.
pub fn any_status(xs: impl IntoIterator<Item = Status>) -> Status {
    first_present(
        xs,
        [Status::Pass, Status::Manual, Status::Unknown],
        Status::Fail,
    )
}

/// At least `n` children must pass: passes as soon as `n` pass; otherwise
/// "manual" when passes and manual items reach `n`, "unknown" while the
/// unanswered could still reach it, and a fail only when too few can. The
/// same as an `any` over every `all` of `n` children, without writing them out.
pub fn count_status(xs: impl IntoIterator<Item = Status>, n: u32) -> Status {
    let (mut pass, mut manual, mut unknown) = (0u32, 0u32, 0u32);
    for s in xs {
        match s {
            Status::Pass => pass += 1,
            Status::Manual => manual += 1,
            Status::Unknown => unknown += 1,
            Status::Fail => {}
        }
    }
    if pass >= n {
        Status::Pass
    } else if pass + manual >= n {
        Status::Manual
    } else if pass + manual + unknown >= n {
        Status::Unknown
    } else {
        Status::Fail
    }
}

/// How many failed children of a failed `count_of` check must turn to a
/// pass for it to pass (the others that did not fail already count).
pub fn failed_to_turn(at_least: u32, c: Tree<'_>) -> usize {
    let open = c.children().filter(|k| k.status != Status::Fail).count();
    (at_least as usize).saturating_sub(open)
}

fn pts(r: Ratio) -> i64 {
    i64::try_from(r.floor()).unwrap_or(0)
}

/// A score's check: its points range, pass mark and threshold.
fn score_check(c: &mut Check, min: i64, max: i64, of: i64, pass_mark: i64) {
    c.points = Some(Points {
        min,
        max,
        of,
        band: None,
    });
    c.pass_mark = Some(pass_mark);
    c.value = Some(Shown::Range(min, max));
    c.threshold = Some(Threshold {
        op: ">=",
        value: Shown::Num(Ratio::int(i128::from(pass_mark)), Unit::Points),
        unit: Unit::Points,
        inclusive: true,
    });
}

/// Points an indicator gives: sure minimum, minimum counting manual items, maximum.
#[derive(Clone, Copy, Debug)]
struct Range {
    sure: i64,
    min: i64,
    max: i64,
    /// The spread between min and max is a matter for people, not missing figures.
    manual_spread: bool,
}

/// What scoring an indicator gathers besides its points: the figures read,
/// the fields still missing, and a note when a person must look.
struct Gathered {
    /// Where the indicator's figures and missing fields start in the ledger
    /// (they run to its end: scoring appends nothing else).
    from: (usize, usize),
    note: Option<(Text, Text)>,
}

/// A scoring's points, the band or level label reached, and the value shown.
type Scored = (Range, Option<Text>, Option<Shown>);

/// A `bands` scoring: one metric of one year, its unit, and its bands.
#[derive(Clone, Copy)]
pub(crate) struct BandScale<'s> {
    metric: Metric,
    year: i32,
    unit: Unit,
    bands: &'s [Band],
    readings: &'s [Reading],
}

/// A banded metric's value as shown, with enough decimals to tell its side of
/// every band edge; `None` when it is not a known number.
fn shown_among_bands(value: Option<&Val>, bands: &[Band], unit: Unit) -> Option<Shown> {
    let Some(Val::Num(v)) = value else {
        return None;
    };
    // Band edges on the stack: a scale has a handful of bands.
    let limits = || bands.iter().flat_map(|b| [b.from, b.to]).flatten();
    let edges = || limits().map(|e| threshold_ratio(e.0, unit));
    let mut buf = [Ratio::ZERO; 16];
    let n = limits().count();
    if n <= buf.len() {
        for (slot, e) in buf.iter_mut().zip(edges()) {
            *slot = e;
        }
        Some(Shown::beside(*v, unit, &buf[..n]))
    } else {
        Some(Shown::beside(*v, unit, &edges().collect::<Vec<_>>()))
    }
}

/// The points of one group of a score: sure minimum, minimum counting manual
/// items, maximum, the group's floor, and whether every spread between
/// minimum and maximum is for people to judge (not missing figures).
struct GroupPoints {
    sure: i64,
    min: i64,
    max: i64,
    floor: Option<i64>,
    spread_manual: bool,
}

/// A group's status: against its floor when it has one; without one, manual
/// when its points are for people to set (`manual`), pass when known, else
/// unknown.
fn group_status(g: &GroupPoints, manual: bool) -> Status {
    if let Some(f) = g.floor {
        if g.sure >= f {
            Status::Pass
        } else if g.min >= f {
            Status::Manual
        } else if g.max < f {
            Status::Fail
        } else {
            Status::Unknown
        }
    } else if manual {
        Status::Manual
    } else if g.min == g.max {
        Status::Pass
    } else {
        Status::Unknown
    }
}

impl<'a> Evaluator<'a> {
    fn docs(&self) -> &'a Documents {
        self.docs
    }

    /// Pushes node `n`'s check with `status`, its names and its citation and
    /// nothing else yet (made in place, see [`Evaluator::open_with`]); returns
    /// its index.
    fn open_blank(&mut self, n: &Node, status: Status) -> usize {
        let citation = n.cite.as_ref().map(|c| cite_out(c, self.docs()));
        let at = self.open_with(|| Check::new(n.id.clone(), n.zh.clone(), n.en.clone(), status));
        if let Some(c) = self.out.get_mut(at) {
            c.citation = citation;
        }
        at
    }

    /// Pushes node `n`'s check with `status` and nothing else yet, to be
    /// filled where it stays.
    fn push_blank(&mut self, n: &Node, status: Status) -> &mut Check {
        let at = self.open_blank(n, status);
        &mut self.out[at]
    }

    /// The ledger spans a leaf check of `status` keeps from `computed`, the
    /// last metric computed: its figures always, its missing fields only
    /// while the check is unknown (else they leave the ledger).
    fn settle(&mut self, computed: &Computed, status: Status) -> (Span, Span) {
        if status == Status::Unknown {
            (computed.figures, computed.missing)
        } else {
            self.ledger
                .truncate((self.ledger.figures.len(), computed.missing.start as usize));
            (computed.figures, Span::at(computed.missing.start as usize))
        }
    }

    /// Pushes the check `make` makes as the head of a tree whose checks
    /// follow; returns its index. The room is made first and the check made
    /// into it: a check is large, and one made before is copied.
    fn open_with(&mut self, make: impl FnOnce() -> Check) -> usize {
        let at = self.out.len();
        // `extend` of a one-item iterator reserves, then writes the item as it is made.
        self.out.extend(std::iter::once_with(make));
        at
    }

    /// Ends the tree opened at `at` (every check pushed since is below it),
    /// returning its head and its children.
    fn close(&mut self, at: usize) -> Option<(&mut Check, Trees<'_>)> {
        let (head, rest) = self.out.get_mut(at..)?.split_first_mut()?;
        head.below = u32::try_from(rest.len()).unwrap_or(u32::MAX);
        Some((head, Trees::of(rest, &self.ledger)))
    }

    /// The tree of checks starting at index `at` of [`Evaluator::out`].
    pub fn tree(&self, at: usize) -> Option<Tree<'_>> {
        Trees::of(self.out.get(at..)?, &self.ledger).next()
    }

    /// `metric(year) op t` under `ctx`, exactly; None when unknown.
    fn holds(
        ctx: &Ctx<'_>,
        metric: Metric,
        year: i32,
        op: Op,
        t: Ratio,
        value: Option<&Val>,
    ) -> Option<bool> {
        if let Some(b) = compare_cagr(metric, ctx, year, op, t) {
            return Some(b);
        }
        match value? {
            Val::Num(v) => v.checked_cmp(t).map(|o| test(o, op)),
            _ => None,
        }
    }

    /// Evaluates node `n` and its children into a check (status, figures,
    /// threshold, points, citation, missing fields), softening a fail that may
    /// not decide on its own into "manual".
    /// The check is pushed to [`Evaluator::out`], the checks below it after
    /// it; returns its index there.
    pub fn eval(&mut self, n: &'a Node) -> usize {
        let at = self.out.len();
        // Each kind pushes its check (and the checks below it) in place: a
        // check is large, and moving it through returns costs more than
        // filling it where it stays.
        match &n.kind {
            NodeKind::All { of } | NodeKind::Any { of } => self.eval_all_or_any(n, of),
            NodeKind::CountOf { at_least, of } => self.eval_count_of(n, *at_least, of),
            NodeKind::Compare {
                metric,
                year,
                op,
                value,
                unit,
                item,
                readings,
            } => self.eval_compare(
                n,
                *metric,
                *year,
                *op,
                value.0,
                *unit,
                item.as_deref(),
                readings,
            ),
            NodeKind::Flag {
                metric,
                expect,
                item,
            } => self.eval_flag(n, *metric, *expect, item.as_deref()),
            NodeKind::Award { within_years, of } => {
                let held =
                    crate::metrics::awards_held(&self.ctx, *within_years, of, &mut self.ledger);
                self.yes_no(n, held, true);
            }
            NodeKind::Choice {
                metric,
                one_of,
                item,
            } => self.eval_choice(n, *metric, one_of, item.as_deref()),
            NodeKind::Manual {} => {
                self.push_blank(n, Status::Manual);
            }
            NodeKind::Always {} => {
                self.push_blank(n, Status::Pass);
            }
            NodeKind::Path { path } => self.eval_path(n, *path),
            NodeKind::Base {} => self.eval_base(n),
            NodeKind::Tier { tier } => self.eval_tier(n, tier),
            NodeKind::Score(s) => self.eval_score(n, s),
        }
        let in_alternative = self.in_alternative;
        if let Some(check) = self.out.get_mut(at) {
            Self::review(n, in_alternative, check);
        }
        at
    }

    /// A node's unconfirmed reading (`review_*`) and a fail that may not
    /// decide on its own, applied to its check.
    fn review(n: &Node, in_alternative: bool, check: &mut Check) {
        if let (Some(zh), Some(en)) = (&n.review_zh, &n.review_en) {
            // A pass on an unconfirmed reading becomes "to be checked"; a
            // fail keeps its verdict (the reading's default) but says so too.
            if check.status == Status::Pass {
                check.status = Status::Manual;
            }
            if check.note_zh.is_none() {
                check.note_zh = Some(zh.clone());
                check.note_en = Some(en.clone());
            }
        }
        if check.status == Status::Fail {
            Self::soften_fail(n, in_alternative, check);
        }
    }

    /// An `all` or `any` node: its children, each evaluated as one way among
    /// several when it sits in an `any` beside another rule.
    fn eval_all_or_any(&mut self, n: &'a Node, of: &'a List<Node>) {
        let is_any = matches!(n.kind, NodeKind::Any { .. });
        let outer = self.in_alternative;
        let at = self.open_blank(n, Status::Pass);
        for (i, c) in of.iter().enumerate() {
            // A condition beside "on the review path" is still a
            // condition (for new applicants); beside another rule
            // it is one way among several.
            self.in_alternative = outer
                || (is_any
                    && of
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && !matches!(o.kind, NodeKind::Path { .. })));
            self.eval(c);
        }
        self.in_alternative = outer;
        if let Some((head, children)) = self.close(at) {
            let statuses = children.map(|c| c.status);
            head.status = if is_any {
                any_status(statuses)
            } else {
                all_status(statuses)
            };
        }
    }

    /// A `count_of` node: at least `at_least` of its children must pass.
    fn eval_count_of(&mut self, n: &'a Node, at_least: u32, of: &'a List<Node>) {
        // Fewer than all: each child is one way among several, and a
        // fail only closes that way.
        let outer = self.in_alternative;
        self.in_alternative = outer || (at_least as usize) < of.len();
        let at = self.open_blank(n, Status::Pass);
        for c in of {
            self.eval(c);
        }
        self.in_alternative = outer;
        if let Some((head, children)) = self.close(at) {
            head.status = count_status(children.map(|c| c.status), at_least);
        }
    }

    /// A `flag` node: a yes/no answer must equal `expect`.
    fn eval_flag(&mut self, n: &Node, metric: Metric, expect: bool, item: Option<&str>) {
        let computed = metric.compute(&self.ctx, -1, item, &mut self.ledger);
        self.yes_no(n, computed, expect);
    }

    /// A yes/no check: the computed answer must equal `expect` (unknown while
    /// it is not answered, naming what is missing).
    fn yes_no(&mut self, n: &Node, computed: crate::metrics::Computed, expect: bool) {
        let status = match computed.value {
            Some(Val::Bool(b)) if b == expect => Status::Pass,
            Some(Val::Bool(_)) => Status::Fail,
            _ => Status::Unknown,
        };
        let (figures, missing) = self.settle(&computed, status);
        let c = self.push_blank(n, status);
        c.figures_at = figures;
        c.missing_at = missing;
        c.value = match computed.value {
            Some(Val::Bool(b)) => Some(Shown::Bool(b)),
            Some(Val::Choice(s)) => Some(Shown::Text(Text::from(&*s))),
            _ => None,
        };
        c.threshold = Some(Threshold {
            op: "is",
            value: Shown::Bool(expect),
            unit: Unit::Bool,
            inclusive: true,
        });
    }

    /// A `choice` node: the answer must be one of `one_of`.
    fn eval_choice(&mut self, n: &Node, metric: Metric, one_of: &[Text], item: Option<&str>) {
        let computed = metric.compute(&self.ctx, -1, item, &mut self.ledger);
        let status = match &computed.value {
            Some(Val::Choice(s)) if one_of.iter().any(|o| **o == **s) => Status::Pass,
            Some(Val::Choice(_)) => Status::Fail,
            _ => Status::Unknown,
        };
        let (figures, missing) = self.settle(&computed, status);
        let c = self.push_blank(n, status);
        c.figures_at = figures;
        c.missing_at = missing;
        if let Some(Val::Choice(s)) = &computed.value {
            c.value = Some(Shown::Text(Text::from(&**s)));
        }
        c.threshold = Some(Threshold {
            op: "in",
            value: Shown::Text(one_of.join("|").into()),
            unit: Unit::Choice,
            inclusive: true,
        });
    }

    /// A `path` node: holds on applicant path `path` only.
    fn eval_path(&mut self, n: &Node, path: ApplicantPath) {
        let (status, key) = (
            if path == self.path {
                Status::Pass
            } else {
                Status::Fail
            },
            if self.path == ApplicantPath::Review {
                "review"
            } else {
                "new"
            },
        );
        self.push_blank(n, status).value = Some(Shown::Key(key));
    }

    /// A `base` node: the base conditions in force (基本条件), evaluated with
    /// their own file's documents, under this node's id.
    fn eval_base(&mut self, n: &'a Node) {
        match self.base.and_then(|b| b.root.as_ref().map(|r| (b, r))) {
            Some((b, root)) => {
                let saved = self.docs;
                self.docs = &b.documents;
                let at = self.eval(root);
                self.docs = saved;
                if let Some(inner) = self.out.get_mut(at) {
                    inner.id = n.id.clone();
                }
            }
            None => {
                self.push_blank(n, Status::Unknown);
            }
        }
    }

    /// A `tier` node: the verdict of another tier already assessed.
    fn eval_tier(&mut self, n: &Node, tier: &str) {
        let found = self.tiers.iter().find(|t| t.id == tier);
        let v = found.map(|t| t.verdict);
        let status = match v {
            Some(Verdict::Qualified) => Status::Pass,
            Some(Verdict::NotQualified) => Status::Fail,
            Some(Verdict::NeedsReview) => Status::Manual,
            Some(Verdict::Incomplete) | None => Status::Unknown,
        };
        let mut missing = Span::at(self.ledger.mark().1);
        if let (Status::Unknown, Some(t)) = (status, found) {
            for f in &t.missing {
                missing = missing.to(self.ledger.miss(f.clone()));
            }
        }
        let c = self.push_blank(n, status);
        c.value = v.map(|v| Shown::Key(v.key()));
        c.missing_at = missing;
    }

    /// A fail that may not decide on its own becomes "to be checked by hand":
    /// a condition the text itself leaves open (“原则上”, `fail_review_*`), or
    /// one whose citation is UNCONFIRMED (REFERENCE: an unconfirmed rule may
    /// make a result manual, never a fail).
    fn soften_fail(n: &Node, in_alternative: bool, check: &mut Check) {
        if let (Some(zh), Some(en)) = (&n.fail_review_zh, &n.fail_review_en) {
            check.status = Status::Manual;
            check.note_zh = Some(zh.clone());
            check.note_en = Some(en.clone());
            return;
        }
        let unconfirmed = n
            .cite
            .as_ref()
            .is_some_and(|c| c.confidence == Confidence::Unconfirmed);
        if unconfirmed && !in_alternative {
            check.status = Status::Manual;
            if check.note_zh.is_none() {
                check.note_zh =
                    Some("此项原文未经核实，不据此判定不符合，请对照本省通知人工核验。".into());
                check.note_en = Some(
                    "Wording not verified against an official text, so it does not decide a \"no\": check your province's notice."
                        .into(),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn eval_compare(
        &mut self,
        n: &Node,
        metric: Metric,
        year: i32,
        op: Op,
        value: Ratio,
        unit: Unit,
        item: Option<&str>,
        readings: &[Reading],
    ) {
        let t = threshold_ratio(value, unit);
        let computed = metric.compute(&self.ctx, year, item, &mut self.ledger);
        let verdict = Self::holds(&self.ctx, metric, year, op, t, computed.value.as_ref());
        let mut status = match verdict {
            Some(true) => Status::Pass,
            Some(false) if !computed.missing.is_empty() => Status::Unknown,
            Some(false) => Status::Fail,
            None => Status::Unknown,
        };
        // An unconfirmed definition (A6, A7): where another reading gives
        // another outcome, a person decides.
        let other = verdict.and_then(|_| {
            readings.iter().find(|r| {
                let alt = r.metric.value(&self.ctx, year, item);
                Self::holds(&self.ctx, r.metric, year, op, t, alt.as_ref())
                    .is_some_and(|b| Some(b) != verdict)
            })
        });
        if other.is_some() {
            status = Status::Manual;
        }
        let (figures, missing) = self.settle(&computed, status);
        let c = self.push_blank(n, status);
        c.figures_at = figures;
        c.missing_at = missing;
        if let Some(r) = other {
            c.note_zh = Some(r.note_zh.clone());
            c.note_en = Some(r.note_en.clone());
        }
        c.value = match &computed.value {
            Some(Val::Num(v)) => Some(Shown::beside(*v, unit, &[t])),
            _ => None,
        };
        c.threshold = Some(Threshold {
            op: op.symbol(),
            value: Shown::Num(t, unit),
            unit,
            inclusive: op.inclusive(),
        });
    }

    /// A score: its groups and indicators, and, when it fails, the upgrades
    /// the gap planner chooses from.
    fn eval_score(&mut self, n: &'a Node, s: &'a Score) {
        // A score inside a level's condition notes its own upgrades.
        let outer = (
            std::mem::take(&mut self.pending),
            std::mem::take(&mut self.pending_of),
        );
        self.eval_score_once(n, s);
        (self.pending, self.pending_of) = outer;
    }

    fn eval_score_once(&mut self, n: &'a Node, s: &'a Score) {
        let (pack_mark, pass_mark) = self.pass_mark_in_force(s);
        let at = self.open_blank(n, Status::Pass);
        // Sized once: a score's lists would otherwise regrow group by group.
        let indicators = s.groups.iter().map(|g| g.indicators.len()).sum::<usize>();
        let mut group_scores = Vec::with_capacity(s.groups.len());
        let mut plan = PlanScore {
            check_id: n.id.clone(),
            pass_mark,
            floors: Vec::with_capacity(s.groups.len()),
            indicators: Vec::with_capacity(indicators),
        };
        let (mut sure, mut min, mut max) = (0i64, 0i64, 0i64);
        let mut all_spread_manual = true;
        let mut floors_sure = true;
        let mut floors_min = true;
        let mut floors_possible = true;
        for (gi, g) in s.groups.iter().enumerate() {
            let from_pack = s.pack_group.as_deref() == Some(&*g.id);
            let gp = self.eval_group(g, gi, from_pack, &mut plan.indicators);
            all_spread_manual &= gp.spread_manual;
            if let Some(f) = gp.floor {
                floors_sure &= gp.sure >= f;
                floors_min &= gp.min >= f;
                floors_possible &= gp.max >= f;
            }
            plan.floors.push(gp.floor);
            sure += gp.sure;
            min += gp.min;
            max += gp.max;
            group_scores.push(GroupScore {
                id: g.id.clone(),
                zh: g.zh.clone(),
                en: g.en.clone(),
                min: gp.min,
                max: gp.max,
                of: pts(g.max.0),
                floor: g.min.map(|m| pts(m.0)),
            });
        }
        let status = if sure >= pass_mark && floors_sure {
            Status::Pass
        } else if min >= pass_mark && floors_min {
            Status::Manual
        } else if max < pass_mark || !floors_possible {
            Status::Fail
        } else if all_spread_manual {
            Status::Manual
        } else {
            Status::Unknown
        };
        if status == Status::Fail {
            // Upgrades cost arithmetic: only a failing score needs them.
            self.work_out_upgrades(&mut plan.indicators);
        }
        let pack_cite = pack_mark
            .zip(self.pack)
            .map(|(m, p)| cite_out(&m.cite, &p.documents));
        if let Some((c, _)) = self.close(at) {
            c.status = status;
            if pack_cite.is_some() {
                c.citation = pack_cite;
            }
            score_check(c, min, max, pts(s.max.0), pass_mark);
        }
        self.score = Some(ScoreOut {
            min,
            max,
            of: pts(s.max.0),
            pass_mark,
            groups: group_scores,
        });
        self.plan = Some(plan);
    }

    /// The upgrades noted for each indicator of a failing score, worth more
    /// than its points now, cheapest in points first.
    fn work_out_upgrades(&mut self, indicators: &mut [PlanIndicator]) {
        let pending = std::mem::take(&mut self.pending);
        let pending_of = std::mem::take(&mut self.pending_of);
        for (ind, &(from, to, min)) in indicators.iter_mut().zip(&pending_of) {
            let mut upgrades = Vec::new();
            for p in pending.get(from..to).unwrap_or_default() {
                match *p {
                    Pending::Bands { scale, i, min } => {
                        self.band_upgrades(&scale, i, min, &mut upgrades);
                    }
                    Pending::Levels(levels) => self.level_upgrades(levels, &mut upgrades),
                }
            }
            upgrades.retain(|u| u.points > min);
            crate::sort_short(&mut upgrades, |a, b| a.points < b.points);
            ind.upgrades = upgrades;
        }
    }

    /// The pass mark in force: the province's pack's own from its date on,
    /// else the standard's; with the pack's mark when it is the one used.
    fn pass_mark_in_force(&self, s: &Score) -> (Option<&'a PassMark>, i64) {
        // A provincial pass mark applies from its own date on.
        let date = self.date;
        let pack_mark = self.pack.and_then(|p| p.pass_mark.as_ref()).filter(|m| {
            m.from
                .as_deref()
                .and_then(crate::date::Date::parse)
                .is_none_or(|f| date >= f)
        });
        let pass_mark = pack_mark
            .map(|m| pts(m.value.0))
            .unwrap_or_else(|| pts(s.pass_mark.0));
        (pack_mark, pass_mark)
    }

    /// Scores group `g` (number `gi`) of a score: its indicators (the
    /// province's pack's when it is the pack group), their points against the
    /// group's floor; the indicators' plan goes to `plan`.
    fn eval_group(
        &mut self,
        g: &'a Group,
        gi: usize,
        from_pack: bool,
        plan: &mut Vec<PlanIndicator>,
    ) -> GroupPoints {
        // A pack that only sets a pass mark leaves the group as open as no pack.
        let filler = self.pack.filter(|p| !p.indicators.is_empty());
        let (indicators, docs): (&'a [Indicator], &'a Documents) = match (from_pack, filler) {
            (true, Some(p)) => (&p.indicators, &p.documents),
            (true, None) => (&[], self.docs()),
            (false, _) => (&g.indicators, self.docs()),
        };
        let at =
            self.open_with(|| Check::new(g.id.clone(), g.zh.clone(), g.en.clone(), Status::Pass));
        if let Some(c) = self.out.get_mut(at) {
            c.pass_mark = g.min.map(|m| pts(m.0));
        }
        let (mut gs, mut gmin, mut gmax) = (0i64, 0i64, 0i64);
        let mut spread_manual = true;
        for ind in indicators {
            let (range, pi) = self.eval_indicator(ind, docs, gi);
            gs += range.sure;
            gmin += range.min;
            gmax += range.max;
            if range.min != range.max && !range.manual_spread {
                spread_manual = false;
            }
            plan.push(pi);
        }
        let no_pack = (from_pack && filler.is_none()).then(|| self.no_pack_note());
        if no_pack.is_some() {
            // No pack for this province: the provincial points are unknown.
            gmax = pts(g.max.0);
        }
        let gp = GroupPoints {
            sure: gs,
            min: gmin,
            max: gmax,
            floor: g.min.map(|m| pts(m.0)),
            spread_manual,
        };
        if let Some((gcheck, _)) = self.close(at) {
            gcheck.points = Some(Points {
                min: gmin,
                max: gmax,
                of: pts(g.max.0),
                band: None,
            });
            gcheck.status = group_status(&gp, no_pack.is_some());
            if let Some((zh, en)) = no_pack {
                gcheck.note_zh = Some(zh);
                gcheck.note_en = Some(en);
            }
        }
        gp
    }

    /// Why the 特色化 group counts 0 to full marks: no province chosen, or no
    /// pack for it in this tool.
    fn no_pack_note(&self) -> (Text, Text) {
        let prov = self.province.unwrap_or("");
        let zh = if prov.is_empty() {
            "特色化指标由各省自主设定：未选择省份，按 0 至满分计，需人工核验。".into()
        } else {
            format!(
                "特色化指标由各省自主设定：本工具尚未收录「{prov}」的指标，按 0 至满分计，需人工核验。"
            )
            .into()
        };
        let en = if prov.is_empty() {
            "Provinces set these indicators; no province chosen, so 0 to full marks: check by hand."
                .into()
        } else {
            format!(
                "Provinces set these indicators; {prov}'s are not in this tool yet, so 0 to full marks: check by hand."
            )
            .into()
        };
        (zh, en)
    }

    fn eval_indicator(
        &mut self,
        ind: &'a Indicator,
        docs: &'a Documents,
        group: usize,
    ) -> (Range, PlanIndicator) {
        // Pack indicators cite the pack's documents.
        let saved_docs = self.docs;
        self.docs = docs;
        let mut got = Gathered {
            from: self.ledger.mark(),
            note: None,
        };
        let from = self.pending.len();
        let (range, label, value) = self.score_of(&ind.scoring, &mut got);
        self.pending_of.push((from, self.pending.len(), range.min));
        let Gathered { from, mut note } = got;
        self.docs = saved_docs;
        let status = if range.min != range.max {
            if range.manual_spread {
                Status::Manual
            } else {
                Status::Unknown
            }
        } else if range.sure != range.min {
            Status::Manual
        } else if range.min > 0 {
            Status::Pass
        } else {
            Status::Fail
        };
        // Points from bands or definitions that are unconfirmed count, but
        // the item is shown to be checked, with the reason.
        if let (Some(zh), Some(en)) = (&ind.review_zh, &ind.review_en) {
            note = Some(match note {
                Some((z, e)) => (format!("{z} {zh}").into(), format!("{e} {en}").into()),
                None => (zh.clone(), en.clone()),
            });
        }
        // A note always means a person should look.
        let status = if note.is_some() && matches!(status, Status::Pass | Status::Fail) {
            Status::Manual
        } else {
            status
        };
        let known = range.min == range.max;
        if known {
            self.ledger.truncate((self.ledger.figures.len(), from.1));
        }
        let (f_end, m_end) = self.ledger.mark();
        let figures = Span::at(from.0).to(f_end);
        let missing = Span::at(from.1).to(m_end);
        // Made where it stays: a check is large, and a returned one moves.
        let citation = Some(cite_out(&ind.cite, docs));
        self.open_with(|| Check {
            id: ind.id.clone(),
            zh: ind.zh.clone(),
            en: ind.en.clone(),
            status,
            figures_at: figures,
            value,
            threshold: None,
            points: Some(Points {
                min: range.min,
                max: range.max,
                of: pts(ind.max.0),
                band: label,
            }),
            pass_mark: None,
            citation,
            missing_at: missing,
            note_zh: note.as_ref().map(|n| n.0.clone()),
            note_en: note.map(|n| n.1),
            below: 0,
        });
        let pi = PlanIndicator {
            id: ind.id.clone(),
            group,
            current: range.sure,
            known,
            actionable: ind.actionable,
            upgrades: Vec::new(),
        };
        (range, pi)
    }

    /// Scores one scoring rule: range, band label reached, value shown.
    fn score_of(&mut self, s: &'a Scoring, got: &mut Gathered) -> Scored {
        match s {
            Scoring::Bands {
                metric,
                year,
                unit,
                bands,
                readings,
            } => {
                let scale = BandScale {
                    metric: *metric,
                    year: *year,
                    unit: *unit,
                    bands,
                    readings,
                };
                self.score_bands(&scale, got)
            }
            Scoring::Levels { levels } => self.score_levels(levels, got),
            Scoring::MaxOf { of } => self.score_max_of(of, got),
        }
    }

    /// Scores a metric by its bands: the band holding its value (a range of
    /// bands while it is unknown), and the higher bands on offer.
    fn score_bands(&mut self, scale: &BandScale<'a>, got: &mut Gathered) -> Scored {
        let bands = scale.bands;
        // Its figures stay where they are in the ledger, the indicator's.
        let computed = scale
            .metric
            .compute(&self.ctx, scale.year, None, &mut self.ledger);
        let value = shown_among_bands(computed.value.as_ref(), bands, scale.unit);
        let band = self.band_at(scale, &self.ctx, computed.value.as_ref());
        if computed.estimated || band.is_some() {
            // Only an unknown band keeps the fields missing, the indicator's.
            let figures_end = self.ledger.figures.len();
            self.ledger
                .truncate((figures_end, computed.missing.start as usize));
        }
        if let (true, Some(d), Some((lo, _))) =
            (computed.estimated, self.ctx.digital, computed.range)
        {
            // The self-test's estimate: from its lower reading's band up to full marks, none
            // of it sure, for a person to check against the platform's result.
            let lo_p = self
                .band_at(
                    scale,
                    &self.ctx,
                    Some(&Val::Num(Ratio::int(i128::from(lo)))),
                )
                .and_then(|i| bands.get(i))
                .map_or(0, |b| pts(b.points.0));
            let hi_p = bands.iter().map(|b| pts(b.points.0)).max().unwrap_or(0);
            got.note = Some((d.note_zh.clone(), d.note_en.clone()));
            let range = Range {
                sure: 0,
                min: lo_p,
                max: hi_p.max(lo_p),
                manual_spread: true,
            };
            return (range, None, value);
        }
        let Some(i) = band else {
            return (self.unknown_band_range(scale, computed.range), None, value);
        };
        let p = pts(bands[i].points.0);
        let mut range = Range {
            sure: p,
            min: p,
            max: p,
            manual_spread: false,
        };
        let mut label = bands[i].label.clone();
        if let Some((spread, both)) = self.growth_formula_spread(scale, i, got) {
            range = spread;
            label = both;
        }
        self.pending.push(Pending::Bands {
            scale: *scale,
            i,
            min: range.min,
        });
        (range, Some(label), value)
    }

    /// The points of a metric whose value is unknown: between the bands of
    /// its bounds when it is bounded (some answers of a count missing), else
    /// anywhere on the scale.
    fn unknown_band_range(&self, scale: &BandScale<'_>, bounds: Option<(i64, i64)>) -> Range {
        let bands = scale.bands;
        if let Some((lo, hi)) = bounds {
            // A bounded unknown: the bands between its ends.
            let at =
                |v: i64| self.band_at(scale, &self.ctx, Some(&Val::Num(Ratio::int(i128::from(v)))));
            let (a, b) = (at(lo), at(hi));
            if let (Some(a), Some(b)) = (a, b) {
                let span = &bands[a.min(b)..=a.max(b)];
                let lo_p = span.iter().map(|b| pts(b.points.0)).min().unwrap_or(0);
                let hi_p = span.iter().map(|b| pts(b.points.0)).max().unwrap_or(0);
                return Range {
                    sure: lo_p,
                    min: lo_p,
                    max: hi_p,
                    manual_spread: false,
                };
            }
        }
        let lo = bands.iter().map(|b| pts(b.points.0)).min().unwrap_or(0);
        let hi = bands.iter().map(|b| pts(b.points.0)).max().unwrap_or(0);
        Range {
            sure: lo,
            min: lo,
            max: hi,
            manual_spread: false,
        }
    }

    /// For 近2年主营业务收入平均增长率 (A6, formula unconfirmed): when the
    /// other formula falls in another band than band `i`, the points span
    /// both bands, the label names both and a note asks for a person.
    fn growth_formula_spread(
        &self,
        scale: &BandScale<'_>,
        i: usize,
        got: &mut Gathered,
    ) -> Option<(Range, Text)> {
        let bands = scale.bands;
        let (r, j) = scale.readings.iter().find_map(|r| {
            let alt = r.metric.value(&self.ctx, scale.year, None);
            self.band_index(
                scale.bands,
                r.metric,
                scale.year,
                scale.unit,
                &self.ctx,
                alt.as_ref(),
            )
            .filter(|&j| j != i)
            .map(|j| (r, j))
        })?;
        let (a, b) = (pts(bands[i].points.0), pts(bands[j].points.0));
        let range = Range {
            sure: a.min(b),
            min: a.min(b),
            max: a.max(b),
            manual_spread: true,
        };
        got.note = Some((r.note_zh.clone(), r.note_en.clone()));
        Some((
            range,
            format!("{}/{}", bands[i].label, bands[j].label).into(),
        ))
    }

    /// The bands worth more than `min` points, from band `i`, each with the
    /// smallest input change that reaches it.
    fn band_upgrades(
        &self,
        scale: &BandScale<'_>,
        i: usize,
        min: i64,
        upgrades: &mut Vec<Upgrade>,
    ) {
        let BandScale {
            metric,
            year,
            unit,
            bands,
            ..
        } = *scale;
        for (j, b) in bands.iter().enumerate() {
            let p = pts(b.points.0);
            if p <= min {
                continue;
            }
            let change = if j > i {
                b.from.and_then(|f| {
                    let op = if b.from_incl { Op::Ge } else { Op::Gt };
                    metric.change(&self.ctx, year, op, threshold_ratio(f.0, unit))
                })
            } else {
                b.to.and_then(|t| {
                    let op = if b.to_incl { Op::Le } else { Op::Lt };
                    metric.change(&self.ctx, year, op, threshold_ratio(t.0, unit))
                })
            };
            let need = match &change {
                Some(_) => Need::Changes,
                None => Need::Band {
                    label: b.label.clone(),
                    text: b.text.clone(),
                },
            };
            upgrades.push(Upgrade {
                points: p,
                label: b.label.clone(),
                changes: change.into_iter().collect(),
                need,
            });
        }
    }

    /// Scores categorical levels: the best level whose condition holds
    /// (manual and unknown conditions widen the range), and the failed
    /// levels on offer.
    fn score_levels(&mut self, levels: &'a List<Level>, got: &mut Gathered) -> Scored {
        let (mut sure, mut min, mut max) = (0i64, 0i64, 0i64);
        let mut label = None;
        let mut best_label_pts = -1;
        let mut best_review: Option<(&Text, &Text)> = None;
        let mut unconfirmed = false;
        // The levels' conditions are evaluated after the checks so far, and
        // taken off again once read: they are not checks of the result.
        let mark = self.out.len();
        for l in levels {
            let outer = self.in_alternative;
            self.in_alternative = true;
            let before = self.ledger.mark();
            let at = self.eval(&l.when);
            self.in_alternative = outer;
            let Some(status) = self.out.get(at).map(|c| c.status) else {
                continue;
            };
            // The condition's figures stay in the ledger, the indicator's; its
            // missing fields only while it is unknown.
            if status != Status::Unknown {
                let figures_end = self.ledger.figures.len();
                self.ledger.truncate((figures_end, before.1));
            }
            let p = pts(l.points.0);
            match status {
                Status::Pass => {
                    sure = sure.max(p);
                    min = min.max(p);
                    max = max.max(p);
                }
                Status::Manual if p == 0 => {
                    // A level worth 0 "to be checked by hand" is a level whose
                    // points are unconfirmed: anything up to the best level.
                    unconfirmed = true;
                }
                Status::Manual => {
                    min = min.max(p);
                    max = max.max(p);
                }
                Status::Unknown => {
                    max = max.max(p);
                }
                Status::Fail => {}
            }
            if matches!(status, Status::Pass | Status::Manual) && p > best_label_pts {
                best_label_pts = p;
                label = Some(l.label.clone());
                best_review = l.review_zh.as_ref().zip(l.review_en.as_ref());
            }
        }
        self.out.truncate(mark);
        self.pending.push(Pending::Levels(levels));
        if let Some((zh, en)) = best_review
            && got.note.is_none()
        {
            got.note = Some((zh.clone(), en.clone()));
        }
        if unconfirmed {
            max = levels.iter().map(|l| pts(l.points.0)).max().unwrap_or(max);
            got.note = Some((
                "该档分值未经确认，按 0 至满分计，需人工核验。".into(),
                "This level's points are unconfirmed, so it counts 0 to full marks: check by hand."
                    .into(),
            ));
        }
        crate::dedup_from(&mut self.ledger.figures, got.from.0);
        crate::sort_dedup_from(&mut self.ledger.missing, got.from.1);
        let manual_spread = min == max || self.ledger.missing.len() <= got.from.1;
        (
            Range {
                sure,
                min,
                max,
                manual_spread: min != max && manual_spread,
            },
            label,
            None,
        )
    }

    /// The levels whose condition fails, each with the input changes that
    /// would make it hold (the conditions evaluated again, and taken off
    /// once read).
    fn level_upgrades(&mut self, levels: &'a List<Level>, upgrades: &mut Vec<Upgrade>) {
        let mark = self.out.len();
        let ledger_mark = self.ledger.mark();
        let outer = self.in_alternative;
        self.in_alternative = true;
        for l in levels {
            let at = self.eval(&l.when);
            let p = pts(l.points.0);
            let Some(c) = self.tree(at) else {
                continue;
            };
            if c.status == Status::Fail {
                let changes = self.node_changes(&l.when, c);
                let need = if changes.len() == 1 {
                    Need::Changes
                } else {
                    Need::Level {
                        label: l.label.clone(),
                        zh: l.text.clone(),
                        en: l.when.en.clone(),
                    }
                };
                upgrades.push(Upgrade {
                    points: p,
                    label: l.label.clone(),
                    changes,
                    need,
                });
            }
        }
        self.in_alternative = outer;
        self.out.truncate(mark);
        self.ledger.truncate(ledger_mark);
    }

    /// Scores the best of several scorings: the highest range, the label of
    /// the best minimum, every value shown.
    fn score_max_of(&mut self, of: &'a List<Scoring>, got: &mut Gathered) -> Scored {
        let mut best: Option<Scored> = None;
        let mut values = Vec::new();
        for part in of {
            let (r, l, v) = self.score_of(part, got);
            if let Some(v) = &v {
                values.push(v.to_string());
            }
            best = Some(match best {
                None => (r, l, v),
                Some((b, bl, bv)) => {
                    let merged = Range {
                        sure: b.sure.max(r.sure),
                        min: b.min.max(r.min),
                        max: b.max.max(r.max),
                        manual_spread: b.manual_spread && r.manual_spread,
                    };
                    let lab = if r.min > b.min { l } else { bl };
                    (merged, lab, bv)
                }
            });
        }
        let (r, l, _) = best.unwrap_or((
            Range {
                sure: 0,
                min: 0,
                max: 0,
                manual_spread: false,
            },
            None,
            None,
        ));
        let value = if values.is_empty() {
            None
        } else {
            Some(Shown::Text(values.join(" / ").into()))
        };
        (r, l, value)
    }

    /// Index of the band of `scale` holding the value, exactly; None when unknown.
    fn band_at(&self, scale: &BandScale<'_>, ctx: &Ctx<'_>, value: Option<&Val>) -> Option<usize> {
        self.band_index(
            scale.bands,
            scale.metric,
            scale.year,
            scale.unit,
            ctx,
            value,
        )
    }

    /// Index of the band holding the value, exactly; None when unknown.
    fn band_index(
        &self,
        bands: &[Band],
        metric: Metric,
        year: i32,
        unit: Unit,
        ctx: &Ctx<'_>,
        value: Option<&Val>,
    ) -> Option<usize> {
        // A compound rate is tested on its own terms; any other value
        // against each edge as written (a percentage's edge ÷ 100, unreduced).
        let compound = crate::metrics::is_compound(metric, ctx.growth);
        let edge = |e: Ratio, op: Op| {
            if compound {
                return Self::holds(ctx, metric, year, op, threshold_ratio(e, unit), value);
            }
            let Some(Val::Num(v)) = value else {
                return None;
            };
            let k = if unit == Unit::Percent { 100 } else { 1 };
            v.cmp_div(e, k).map(|o| test(o, op))
        };
        bands.iter().position(|b| {
            let lower_ok = match b.from {
                None => Some(true),
                Some(f) => edge(f.0, if b.from_incl { Op::Ge } else { Op::Gt }),
            };
            let upper_ok = match b.to {
                None => Some(true),
                Some(t) => edge(t.0, if b.to_incl { Op::Le } else { Op::Lt }),
            };
            lower_ok == Some(true) && upper_ok == Some(true)
        })
    }

    /// Concrete input changes that would make a failed node pass.
    pub fn node_changes(&self, n: &Node, c: Tree<'_>) -> Vec<Change> {
        match (&n.kind, c.status) {
            (_, Status::Pass | Status::Manual | Status::Unknown) => Vec::new(),
            (
                NodeKind::Compare {
                    metric,
                    year,
                    op,
                    value,
                    unit,
                    ..
                },
                _,
            ) => metric
                .change(&self.ctx, *year, *op, threshold_ratio(value.0, *unit))
                .into_iter()
                .collect(),
            (NodeKind::All { of }, _) => of
                .iter()
                .zip(c.children())
                .flat_map(|(n, c)| self.node_changes(n, c))
                .collect(),
            (NodeKind::Any { of }, _) => of
                .iter()
                .zip(c.children())
                .map(|(n, c)| self.node_changes(n, c))
                .filter(|v| !v.is_empty())
                .min_by_key(Vec::len)
                .unwrap_or_default(),
            // Changes for the first failed children that are still needed.
            (NodeKind::CountOf { at_least, of }, _) => {
                let mut need = failed_to_turn(*at_least, c);
                let mut out = Vec::new();
                for (n, k) in of.iter().zip(c.children()) {
                    let changes = self.node_changes(n, k);
                    if need > 0 && !changes.is_empty() {
                        out.extend(changes);
                        need -= 1;
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }
}
