//! The gap plan: for every "no", the smallest change that turns it into "yes".
//!
//! Gates: each failed quantitative check gets the exact change to the input
//! that meets it (see [`crate::metrics::Metric::change`]); of alternative
//! routes (或), the one needing the fewest and most concrete steps is shown.
//! Scores: the cheapest set of band upgrades that reaches the pass mark and
//! every sub-minimum, found by dynamic programming over group totals. "Cheap"
//! means fewest indicators changed, then fewest bands climbed; a step without
//! a figure to change (a certificate, a title) counts as three.

use crate::eval::{Evaluator, PlanScore};
use crate::metrics::{Change, Field, Metric, Unit};
use crate::result::{GapStep, Need, Status, Tree};
use crate::rules::{Node, NodeKind};

const QUALITATIVE: u32 = 3;
/// Cost of a step with nothing to compute (a certificate, a title).
const QUALITATIVE_COST: u32 = QUALITATIVE * 1000 + 1000;

/// Effort of one step: money a firm can decide to spend this year is the
/// cheapest; people and IP rights take longer; a step with no figure to change
/// (a certificate, a title) is qualitative; waiting for years cannot be hurried.
fn effort(changes: &[Change]) -> u32 {
    let kind = changes
        .iter()
        .map(|c| match c.unit {
            Unit::WanYuan | Unit::Percent | Unit::Points => 1,
            Unit::Count => 2,
            Unit::Years => 4,
            Unit::Bool | Unit::Choice => QUALITATIVE,
        })
        .max()
        .unwrap_or(QUALITATIVE);
    // Between steps of the same kind, the smaller change relative to its target wins.
    let size = changes.iter().map(|c| c.size).max().unwrap_or(1000);
    kind * 1000 + size
}

/// The gap steps for a failed node, with their cost. A step about a fiscal
/// year already closed says so, with the first application year in which new
/// figures could count: figures of a closed year cannot be changed.
pub fn node_gaps(ev: &Evaluator<'_>, n: &Node, c: Tree<'_>) -> (Vec<GapStep>, u32) {
    let (mut steps, cost) = gaps_of(ev, n, c);
    for s in &mut steps {
        mark_closed_year(s, ev.ctx.year);
    }
    (steps, cost)
}

/// The fiscal year an input belongs to: a yearly figure's own year, and
/// headcounts, which are taken at the end of last year (上年末).
fn fiscal_year(field: &Field, year: i32) -> Option<i32> {
    match field {
        Field::Year(y, _) => Some(*y),
        Field::Of(id) if id.parts().0 == "staff" => Some(year - 1),
        _ => None,
    }
}

fn mark_closed_year(s: &mut GapStep, year: i32) {
    let Some(closed) = s
        .changes
        .iter()
        .filter_map(|c| fiscal_year(&c.field, year))
        .filter(|y| *y < year)
        .max()
    else {
        return;
    };
    s.closed_year = Some(closed);
    s.first_application_year = Some(year + 1);
}

/// A step asking for `need`, with no points and no closed year yet.
fn step(check: &crate::rules::Text, changes: Vec<Change>, need: Need) -> GapStep {
    GapStep {
        check: check.clone(),
        points_from: None,
        points_to: None,
        changes,
        need,
        closed_year: None,
        first_application_year: None,
    }
}

/// The rule node's own text, as the condition a step asks for.
fn condition(n: &Node) -> Need {
    Need::Condition {
        zh: n.zh.clone(),
        en: n.en.clone(),
    }
}

fn gaps_of(ev: &Evaluator<'_>, n: &Node, c: Tree<'_>) -> (Vec<GapStep>, u32) {
    if c.status != Status::Fail {
        return (Vec::new(), 0);
    }
    match &n.kind {
        NodeKind::All { of } => {
            let mut steps = Vec::new();
            let mut cost: u32 = 0;
            for (child, cc) in of.iter().zip(c.children()) {
                let (s, k) = gaps_of(ev, child, cc);
                steps.extend(s);
                cost = cost.saturating_add(k);
            }
            (steps, cost)
        }
        NodeKind::Any { of } => of
            .iter()
            .zip(c.children())
            .map(|(child, cc)| gaps_of(ev, child, cc))
            .filter(|(s, _)| !s.is_empty())
            .min_by_key(|(_, k)| *k)
            .unwrap_or_default(),
        // The first failed children that can be met, as many as are still needed.
        NodeKind::CountOf { at_least, of } => {
            let mut need = crate::eval::failed_to_turn(*at_least, c);
            let (mut steps, mut cost) = (Vec::new(), 0u32);
            for (child, cc) in of.iter().zip(c.children()) {
                let (s, k) = gaps_of(ev, child, cc);
                if need > 0 && !s.is_empty() {
                    steps.extend(s);
                    cost = cost.saturating_add(k);
                    need -= 1;
                }
            }
            (steps, cost)
        }
        NodeKind::Base {} => match ev.base.and_then(|b| b.root.as_ref()) {
            Some(root) => gaps_of(ev, root, c),
            None => (Vec::new(), 0),
        },
        NodeKind::Compare { .. } => {
            let changes = ev.node_changes(n, c);
            let need = if changes.is_empty() {
                condition(n)
            } else {
                Need::Changes
            };
            let cost = effort(&changes);
            (vec![step(&n.id, changes, need)], cost)
        }
        // Holding a higher title is not something to give up for a lower one.
        NodeKind::Flag {
            metric,
            expect: false,
            ..
        } if metric.is_title() => (Vec::new(), u32::MAX / 4),
        // A holder of 专精特新 or 小巨人 may not take part in 创新型 (REFERENCE
        // §1.3): never ask for it; of "创新型 or 科技型" the plan then asks for 科技型 入库.
        NodeKind::Flag {
            metric: Metric::Answer(crate::fields::FieldId::TitleInnovativeSme),
            expect: true,
            ..
        } if holds_higher_title(ev) => (Vec::new(), u32::MAX / 4),
        NodeKind::Flag { .. }
        | NodeKind::Choice { .. }
        | NodeKind::Tier { .. }
        | NodeKind::Award { .. } => (
            vec![step(&n.id, Vec::new(), condition(n))],
            QUALITATIVE_COST,
        ),
        NodeKind::Score(_) => match &ev.plan {
            Some(plan) if plan.check_id == n.id => plan_score(plan),
            _ => (Vec::new(), 0),
        },
        NodeKind::Manual {} | NodeKind::Always {} => (Vec::new(), 0),
        // The applicant path is not something to change.
        NodeKind::Path { .. } => (Vec::new(), u32::MAX / 4),
    }
}

/// Whether the firm holds the 专精特新 or 小巨人 title (REFERENCE §1.3).
fn holds_higher_title(ev: &Evaluator<'_>) -> bool {
    let t = &ev.ctx.profile.titles;
    t.specialized_sme == Some(true) || t.little_giant == Some(true)
}

#[derive(Clone, Copy)]
struct Choice {
    cost: u32,
    /// The last link of its picks in [`Picks`], if any.
    picks: Option<usize>,
}

/// The upgrades chosen, shared between choices: each link names the link
/// before it and adds one upgrade (indicator, upgrade) or a whole other
/// chain, so a choice extends another without copying its picks.
#[derive(Default)]
struct Picks {
    links: Vec<(Option<usize>, Link)>,
}

#[derive(Clone, Copy)]
enum Link {
    One(usize, usize),
    Chain(Option<usize>),
}

impl Picks {
    fn add(&mut self, prev: Option<usize>, link: Link) -> Option<usize> {
        self.links.push((prev, link));
        Some(self.links.len() - 1)
    }

    /// The picks of the chain ending at `at`, first to last.
    fn list(&self, at: Option<usize>, out: &mut Vec<(usize, usize)>) {
        let Some(&(prev, link)) = at.and_then(|i| self.links.get(i)) else {
            return;
        };
        self.list(prev, out);
        match link {
            Link::One(ii, k) => out.push((ii, k)),
            Link::Chain(other) => self.list(other, out),
        }
    }
}

/// The cheapest choice for each reachable total, ordered by total (a sorted list: another map type
/// in the browser bundle would cost kilobytes, and there are at most a few hundred totals).
type Totals = Vec<(i64, Choice)>;

/// Keeps `c` for `total` if no cheaper (or equally cheap) choice reaches that total.
fn better(totals: &mut Totals, total: i64, c: Choice) {
    match totals.binary_search_by_key(&total, |(t, _)| *t) {
        Ok(at) if totals[at].1.cost <= c.cost => {}
        Ok(at) => totals[at].1 = c,
        Err(at) => totals.insert(at, (total, c)),
    }
}

/// The cheapest upgrades of group `g`'s indicators for each total it can reach.
fn group_totals(plan: &PlanScore, g: usize, picks: &mut Picks) -> Totals {
    let none = Choice {
        cost: 0,
        picks: None,
    };
    let base: i64 = plan
        .indicators
        .iter()
        .filter(|i| i.group == g)
        .map(|i| i.current)
        .sum();
    let mut dp: Totals = vec![(base, none)];
    for (ii, ind) in plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.group == g)
    {
        if !ind.actionable || !ind.known || ind.upgrades.is_empty() {
            continue;
        }
        // Room for every total this indicator's upgrades could add: no regrowth.
        let mut next = Vec::with_capacity(dp.len() * (1 + ind.upgrades.len()));
        next.extend_from_slice(&dp);
        for (total, ch) in &dp {
            for (k, u) in ind.upgrades.iter().enumerate() {
                let step = effort(&u.changes);
                let k32 = u32::try_from(k).unwrap_or(u32::MAX / 4);
                let cost = ch.cost + step * 10 + k32;
                let total = total - ind.current + u.points;
                // Only a choice that is kept needs its link.
                let kept = match next.binary_search_by_key(&total, |(t, _)| *t) {
                    Ok(at) => next[at].1.cost > cost,
                    Err(_) => true,
                };
                if kept {
                    let picks = picks.add(ch.picks, Link::One(ii, k));
                    better(&mut next, total, Choice { cost, picks });
                }
            }
        }
        dp = next;
    }
    dp
}

/// Cheapest band upgrades reaching the pass mark and every group floor.
pub fn plan_score(plan: &PlanScore) -> (Vec<GapStep>, u32) {
    let groups = plan.floors.len();
    let mut picks = Picks::default();
    let mut combined: Totals = vec![(
        0,
        Choice {
            cost: 0,
            picks: None,
        },
    )];
    for g in 0..groups {
        let dp = group_totals(plan, g, &mut picks);
        let floor = plan.floors[g].unwrap_or(i64::MIN);
        let mut merged: Totals = Vec::with_capacity(combined.len() * dp.len());
        for (t, a) in &combined {
            for (gt, b) in dp.iter().filter(|(gt, _)| *gt >= floor) {
                let cost = a.cost + b.cost;
                let kept = match merged.binary_search_by_key(&(t + gt), |(t, _)| *t) {
                    Ok(at) => merged[at].1.cost > cost,
                    Err(_) => true,
                };
                if kept {
                    let picks = match (a.picks, b.picks) {
                        (p, None) | (None, p) => p,
                        (Some(_), Some(_)) => picks.add(a.picks, Link::Chain(b.picks)),
                    };
                    better(&mut merged, t + gt, Choice { cost, picks });
                }
            }
        }
        combined = merged;
    }
    let best = combined
        .iter()
        .filter(|(t, _)| *t >= plan.pass_mark)
        .min_by_key(|(_, c)| c.cost)
        .map(|(_, c)| *c);
    let Some(best) = best else {
        return (
            vec![step(&plan.check_id, Vec::new(), Need::Unreachable)],
            QUALITATIVE_COST * 10,
        );
    };
    let mut chosen = Vec::new();
    picks.list(best.picks, &mut chosen);
    let steps: Vec<GapStep> = chosen
        .iter()
        .map(|&(ii, k)| {
            let ind = &plan.indicators[ii];
            let u = &ind.upgrades[k];
            let mut s = step(&ind.id, u.changes.clone(), u.need.clone());
            s.points_from = Some(ind.current);
            s.points_to = Some(u.points);
            s
        })
        .collect();
    let cost = best.cost / 10;
    (steps, cost.max(1))
}

/// Keeps, for each input field, only the largest change: meeting it meets the smaller ones.
pub fn merge_changes(steps: Vec<GapStep>) -> Vec<GapStep> {
    // Field → (step, change) of its largest change. A short list searched in place: a plan names
    // a handful of fields, and another map type would cost the browser bundle kilobytes.
    let mut biggest: Vec<(&Field, (usize, usize))> = Vec::new();
    let find = |biggest: &[(&Field, (usize, usize))], field: &Field| {
        biggest.iter().find(|(f, _)| *f == field).map(|(_, at)| *at)
    };
    let magnitude = |c: &Change| {
        c.delta.map(|d| {
            if d.is_negative() {
                crate::num::Ratio::ZERO.checked_sub(d).unwrap_or(d)
            } else {
                d
            }
        })
    };
    for (si, s) in steps.iter().enumerate() {
        for (ci, c) in s.changes.iter().enumerate() {
            let replace = match find(&biggest, &c.field) {
                None => true,
                Some((bs, bc)) => {
                    let old = magnitude(&steps[bs].changes[bc]);
                    match (magnitude(c), old) {
                        (Some(a), Some(b)) => a.checked_cmp(b).is_some_and(|o| o.is_gt()),
                        _ => false,
                    }
                }
            };
            if replace {
                biggest.retain(|(f, _)| **f != c.field);
                biggest.push((&c.field, (si, ci)));
            }
        }
    }
    let keep: Vec<bool> = steps
        .iter()
        .enumerate()
        .map(|(si, s)| {
            s.changes.is_empty()
                || s.changes
                    .iter()
                    .enumerate()
                    .any(|(ci, c)| find(&biggest, &c.field) == Some((si, ci)))
        })
        .collect();
    steps
        .into_iter()
        .zip(keep)
        .filter_map(|(s, keep)| keep.then_some(s))
        .collect()
}
