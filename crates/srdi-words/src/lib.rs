//! The words of a result: what the engine returns as data (changes, gap
//! steps, the standard in force and why, the applicant path, the next step)
//! as sentences for a finance manager, in zh and en.
//!
//! The engine writes no sentences; the app and the command-line tool both
//! read them from here, so that the two say the same thing.

#![deny(missing_docs)]

mod path;

use srdi_engine::metrics::{Change, Field, How, Unit};
use srdi_engine::num::Ratio;
use srdi_engine::result::{GapStep, Need, NextReason, RuleFit};
use srdi_engine::{Assessment, Date, Tier, Verdict};

pub use path::{path, why};

/// The language of the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文, the source language.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the text of this language from a (zh, en) pair.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// An exact value in its unit as the user reads it: 万元 with up to four
/// decimals, a percentage, a whole count.
pub fn value(v: Ratio, unit: Unit) -> String {
    match unit {
        Unit::Percent => v.to_percent_string(),
        Unit::WanYuan => v.to_decimal_string(4),
        _ => v.to_decimal_string(2),
    }
}

/// `+3` or `-3`: a change with its sign.
fn signed(v: Ratio, unit: Unit) -> String {
    if v.is_negative() {
        value(v, unit)
    } else {
        format!("+{}", value(v, unit))
    }
}

/// A field's name for a change: its label, with the year for a yearly figure.
fn field_name(f: &Field, lang: Lang) -> (Option<i32>, &'static str) {
    match f.id() {
        Some((id, year)) => (year, lang.pick(id.label().0, id.label().1)),
        None => (None, ""),
    }
}

/// One change to an input, in words.
pub fn change(c: &Change, lang: Lang) -> String {
    let target = value(c.target, c.unit);
    let (year, name) = field_name(&c.field, lang);
    let y = year.map(|y| y.to_string()).unwrap_or_default();
    match &c.how {
        How::Amount { goal } => {
            let d = c.delta.unwrap_or(Ratio::ZERO);
            let abs = value(
                if d.is_negative() {
                    Ratio::ZERO.checked_sub(d).unwrap_or(d)
                } else {
                    d
                },
                c.unit,
            );
            let up = !d.is_negative();
            let mut s = match lang {
                Lang::Zh => format!(
                    "{y}年{name}{} {abs} 万元（至 {target} 万元）",
                    if up { "增加" } else { "减少" }
                ),
                Lang::En => format!(
                    "{} {name} {y} by {abs} 万元 (to {target} 万元)",
                    if up { "Raise" } else { "Lower" }
                ),
            };
            if let Some(g) = goal {
                s.push_str(lang.pick("，达到 ", " to reach "));
                s.push_str(&g.to_percent_string());
            }
            s
        }
        How::MainShare { goal } => {
            let d = value(c.delta.unwrap_or(Ratio::ZERO), c.unit);
            let g = goal.to_percent_string();
            match lang {
                Lang::Zh => format!(
                    "{y}年主营业务收入增加 {d} 万元（营业收入随之增加），使主营业务收入占比达到 {g}"
                ),
                Lang::En => format!(
                    "Grow main-business revenue {y} by {d} 万元 (total revenue grows with it) to reach a {g} share"
                ),
            }
        }
        How::Hire { goal } => {
            let d = value(c.delta.unwrap_or(Ratio::ZERO), c.unit);
            let g = goal.to_percent_string();
            match lang {
                Lang::Zh => format!("新增{name} {d} 人，使占比达到 {g}"),
                Lang::En => format!("Hire {d} more {} to reach {g}", name.to_lowercase()),
            }
        }
        How::Reach { metric } => {
            let (zh, en) = metric.noun();
            let d = c.delta.map(|d| signed(d, c.unit));
            match lang {
                Lang::Zh => format!(
                    "{zh}需达到 {target}（{}）",
                    d.unwrap_or_else(|| "当前未知".into())
                ),
                Lang::En => format!(
                    "{en} must reach {target} ({})",
                    d.unwrap_or_else(|| "currently unknown".into())
                ),
            }
        }
        How::Rank { metric } => {
            let (zh, en) = metric.noun();
            lang.pick(
                format!("{zh}需进入前 {target}"),
                format!("{en} must reach the top {target}"),
            )
        }
        How::Wait { metric, wait, year } => {
            let (zh, en) = metric.noun();
            let need = c.target.floor();
            lang.pick(
                format!("{zh}需满 {need} 年：再经营 {wait} 年，{year} 年可满足"),
                format!("{en} must reach {need}: {wait} more year(s), met in {year}"),
            )
        }
        How::Class1Held { held } => {
            let d = c.delta.map(|d| d.floor()).unwrap_or(0);
            let need = held + d;
            lang.pick(
                format!(
                    "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权合计需达到 {need} 项（现有 {held} 项）：再自主申请取得 {d} 项并投入应用"
                ),
                format!(
                    "Class I IP rights related to the main product and applied with economic benefit must total {need} (now {held}): obtain {d} more by the firm's own application and apply them"
                ),
            )
        }
        How::Class1Applied { applied } => {
            let d = c.delta.map(|d| d.floor()).unwrap_or(0);
            let need = applied + d;
            lang.pick(
                format!(
                    "实际应用并产生经济效益的Ⅰ类知识产权合计需达到 {need} 项（现有 {applied} 项，+{d}）"
                ),
                format!(
                    "Class I IP rights applied with economic benefit must total {need} (now {applied}, +{d})"
                ),
            )
        }
    }
}

/// One step of a gap plan, in words: what to do, the points it gains for a
/// scored indicator, and, for a fiscal year already closed, that its figures
/// cannot change and from which application new ones count.
pub fn step(s: &GapStep, lang: Lang) -> String {
    let mut text = match (&s.need, s.changes.first()) {
        (Need::Changes, Some(c)) => change(c, lang),
        (Need::Changes, None) => String::new(),
        (Need::Condition { zh, en }, _) => {
            lang.pick(format!("需满足：{zh}"), format!("Needed: {en}"))
        }
        (Need::Band { label, text }, _) => lang.pick(
            format!("达到 {label} 档（{text}）"),
            format!("Reach band {label} ({text})"),
        ),
        (Need::Level { label, zh, en }, _) => lang.pick(
            format!("达到 {label} 档：{zh}"),
            format!("Reach level {label}: {en}"),
        ),
        (Need::Unreachable, _) => lang
            .pick(
                "仅靠可改进的指标无法达到及格线，请核对填报数据或考虑其他认定路径。",
                "No set of improvable indicators reaches the pass mark; check the figures or consider another route.",
            )
            .to_string(),
    };
    if let (Some(from), Some(to)) = (s.points_from, s.points_to) {
        text = lang.pick(
            format!("{text}（{from} → {to} 分）"),
            format!("{text} ({from} → {to} points)"),
        );
    }
    if let (Some(closed), Some(next)) = (s.closed_year, s.first_application_year) {
        let year = next - 1;
        text = lang.pick(
            format!(
                "{closed}年度已结束，数据不能再改（差距：{text}）。{year}年度达到同等水平的，最早可用于{next}年的申报。"
            ),
            format!(
                "{closed} is closed and its figures cannot change (the gap: {text}). Reaching the same level in {year} counts from the {next} application on."
            ),
        );
    }
    text
}

/// A tier's name from its id (`specialized_sme` → 专精特新中小企业).
pub fn tier_name(id: &str, lang: Lang) -> &'static str {
    Tier::from_key(id).map_or("", |t| lang.pick(t.name().0, t.name().1))
}

/// The realistic next step, in words, with what it still needs.
pub fn next_step(a: &Assessment, lang: Lang) -> Option<String> {
    let n = a.next_step.as_ref()?;
    let name = |i: usize| n.options.get(i).map_or("", |id| tier_name(id, lang));
    let head = match n.reason {
        NextReason::NotSme => {
            return Some(lang.pick(
                "按所填数据不属于中小企业，梯度培育各层级均不适用；如为合并报表口径，请按法人单体数据核对。",
                "By these figures the firm is not an SME, so no tier applies; if the figures are consolidated, check the legal entity's own.",
            ).to_string());
        }
        NextReason::KeepTitle => lang.pick(
            format!(
                "下一步：保住{}称号（本年度复核），之后再考虑更高层级。",
                name(0)
            ),
            format!(
                "Next: keep the {} title (re-review this year); higher tiers come after.",
                name(0)
            ),
        ),
        NextReason::Climb if n.options.len() > 1 => lang.pick(
            format!("下一步：{}（或{}）。", name(0), name(1)),
            format!("Next: {} (or {}).", name(0), name(1)),
        ),
        NextReason::Climb => lang.pick(
            format!("下一步：{}。", name(0)),
            format!("Next: {}.", name(0)),
        ),
    };
    let Some(t) = a.tier(&n.tier) else {
        return Some(head);
    };
    let steps = t.gaps.len();
    Some(match t.verdict {
        _ if t.rule_set.fit == RuleFit::NotModelled => lang.pick(
            format!("{head}{}", why(t, date_of(a), lang)),
            format!("{head} {}", why(t, date_of(a), lang)),
        ),
        Verdict::Incomplete => lang.pick(
            format!("{head}还需补充 {} 项数据才能判断。", t.missing.len()),
            format!(
                "{head} {} more figure(s) are needed to decide.",
                t.missing.len()
            ),
        ),
        _ if steps > 0 => lang.pick(
            format!("{head}差距计划共 {steps} 步。"),
            format!("{head} The gap plan has {steps} step(s)."),
        ),
        _ => head,
    })
}

/// The assessment date of a result.
pub fn date_of(a: &Assessment) -> Date {
    Date::parse(&a.assessed_on).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}
