//! The words of a result: what the engine returns as data (changes, gap
//! steps, the standard in force and why, the applicant path, the next step)
//! as sentences for a finance manager, in zh and en.
//!
//! The engine writes no sentences; the app and the command-line tool both
//! read them from here, so that the two say the same thing. Each sentence is
//! a template of the language in use, filled by [`fill`]: one code path for
//! all of them (a `format!` per sentence and language would cost the browser
//! bundle kilobytes).

#![deny(missing_docs)]

pub mod digital;
mod number;
mod path;

use srdi_engine::eval::show;
use srdi_engine::fields::FieldId;
use srdi_engine::metrics::{Change, Field, How, Unit};
use srdi_engine::num::Ratio;
use srdi_engine::result::{Check, GapStep, Need, NextReason, RuleFit, Tree};
use srdi_engine::rules::Confidence;
use srdi_engine::{Assessment, Date, Status, Tier, TierResult, Verdict};

pub use number::{key, money, op, quantity, shown};
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

/// `template` with `{0}`, `{1}`, … replaced by `args` (a digit names the
/// argument; any other brace is kept as written).
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let b = tail.as_bytes();
        match (b.get(1), b.get(2)) {
            (Some(d @ b'0'..=b'9'), Some(b'}')) => {
                out.push_str(args.get(usize::from(d - b'0')).copied().unwrap_or(""));
                rest = &tail[3..];
            }
            _ => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An exact value in its unit as the user reads it: 万元 with up to four
/// decimals, a percentage, a whole count.
pub fn value(v: Ratio, unit: Unit) -> String {
    show(v, unit)
}

/// The size of a change, without its sign.
fn magnitude(v: Ratio) -> Ratio {
    if v.is_negative() {
        Ratio::ZERO.checked_sub(v).unwrap_or(v)
    } else {
        v
    }
}

/// A field's name for a change: its label, and its year for a yearly figure.
fn field_name(f: &Field, lang: Lang) -> (String, &'static str) {
    match f.id() {
        Some((id, year)) => (
            year.map(|y| y.to_string()).unwrap_or_default(),
            lang.pick(id.label().0, id.label().1),
        ),
        None => (String::new(), ""),
    }
}

/// Whether a change would shrink the firm (its revenue, main-business
/// revenue, assets or staff): never an improvement to propose.
fn shrinks(c: &Change) -> bool {
    let size = matches!(
        c.field.id(),
        Some((
            FieldId::Revenue | FieldId::MainRevenue | FieldId::TotalAssets | FieldId::Employees,
            _
        ))
    );
    size && c.delta.is_some_and(|d| d.is_negative())
}

/// One change to an input, in words. A change that would shrink the firm is
/// said for what it is: the tier does not apply while the figure is over
/// the rule's ceiling.
pub fn change(c: &Change, lang: Lang) -> String {
    if shrinks(c) {
        let (year, name) = field_name(&c.field, lang);
        let now = c
            .current
            .map(|v| quantity(v, c.unit, lang))
            .unwrap_or_default();
        return match c.limit {
            Some(l) => fill(
                lang.pick(
                    "不适用：{0}{1} {2}，超过 {3} 的上限",
                    "Not applicable: {1} {0} is {2}, over the ceiling of {3}",
                ),
                &[
                    &year_words(&year, lang),
                    name,
                    &now,
                    &quantity(l, c.unit, lang),
                ],
            ),
            None => fill(
                lang.pick(
                    "不适用：{0}{1} {2}，超过上限",
                    "Not applicable: {1} {0} is {2}, over the ceiling",
                ),
                &[&year_words(&year, lang), name, &now],
            ),
        };
    }
    let target = value(c.target, c.unit);
    let delta = c.delta.unwrap_or(Ratio::ZERO);
    let d = value(magnitude(delta), c.unit);
    let (year, name) = field_name(&c.field, lang);
    let whole = |n: i64| n.to_string();
    // Targets and deltas of counts and years are whole numbers.
    let int = |r: Ratio| i64::try_from(r.floor()).unwrap_or(i64::MAX);
    match &c.how {
        How::Amount { goal } => {
            let t = match (lang, delta.is_negative()) {
                (Lang::Zh, false) => "{0}年{1}增加 {2}（至 {3}）",
                (Lang::Zh, true) => "{0}年{1}减少 {2}（至 {3}）",
                (Lang::En, false) => "Raise {1} {0} by {2} (to {3})",
                (Lang::En, true) => "Lower {1} {0} by {2} (to {3})",
            };
            let (d, target) = (
                money(magnitude(delta), lang),
                money(c.target, lang),
            );
            let mut s = fill(t, &[&year, name, &d, &target]);
            if let Some(g) = goal {
                s.push_str(lang.pick("，达到 ", " to reach "));
                s.push_str(&g.to_percent_string());
            }
            s
        }
        How::MainShare { goal } => fill(
            lang.pick(
                "{0}年主营业务收入增加 {1}（营业收入随之增加），使主营业务收入占比达到 {2}",
                "Grow main-business revenue {0} by {1} (total revenue grows with it) to reach a {2} share",
            ),
            &[&year, &money(delta, lang), &goal.to_percent_string()],
        ),
        How::Hire { goal } => fill(
            lang.pick("新增{0} {1} 人，使占比达到 {2}", "Hire {1} more {0} to reach {2}"),
            &[name, &d, &goal.to_percent_string()],
        ),
        How::Reach { metric } => {
            let now = match c.delta {
                Some(v) if v.is_negative() => value(v, c.unit),
                Some(v) => fill("+{0}", &[&value(v, c.unit)]),
                None => lang.pick("当前未知", "currently unknown").to_string(),
            };
            fill(
                lang.pick("{0}需达到 {1}（{2}）", "{0} must reach {1} ({2})"),
                &[lang.pick(metric.noun().0, metric.noun().1), &target, &now],
            )
        }
        How::Rank { metric } => fill(
            lang.pick("{0}需进入前 {1}", "{0} must reach the top {1}"),
            &[lang.pick(metric.noun().0, metric.noun().1), &target],
        ),
        How::Wait { metric, wait, year } => fill(
            lang.pick(
                "{0}需满 {1} 年：再经营 {2} 年，{3} 年可满足",
                "{0} must reach {1}: {2} more year(s), met in {3}",
            ),
            &[
                lang.pick(metric.noun().0, metric.noun().1),
                &whole(int(c.target)),
                &whole(*wait),
                &whole(*year),
            ],
        ),
        How::Class1Held { held } => fill(
            lang.pick(
                "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权合计需达到 {0} 项（现有 {1} 项）：再自主申请取得 {2} 项并投入应用",
                "Class I IP rights related to the main product and applied with economic benefit must total {0} (now {1}): obtain {2} more by the firm's own application and apply them",
            ),
            &[&whole(held + int(delta)), &whole(*held), &d],
        ),
        How::Class1Applied { applied } => fill(
            lang.pick(
                "实际应用并产生经济效益的Ⅰ类知识产权合计需达到 {0} 项（现有 {1} 项，+{2}）",
                "Class I IP rights applied with economic benefit must total {0} (now {1}, +{2})",
            ),
            &[&whole(applied + int(delta)), &whole(*applied), &d],
        ),
    }
}

/// A fiscal year before a figure's name: `2025年` (zh), `2025` (en).
fn year_words(year: &str, lang: Lang) -> String {
    match (year.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => fill("{0}年", &[year]),
        (false, Lang::En) => fill("({0})", &[year]),
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
            fill(lang.pick("需满足：{0}", "Needed: {0}"), &[lang.pick(zh, en)])
        }
        (Need::Band { label, text }, _) => fill(
            lang.pick("达到 {0} 档（{1}）", "Reach band {0} ({1})"),
            &[label, text],
        ),
        (Need::Level { label, zh, en }, _) => fill(
            lang.pick("达到 {0} 档：{1}", "Reach level {0}: {1}"),
            &[label, lang.pick(zh, en)],
        ),
        (Need::Unreachable, _) => lang
            .pick(
                "仅靠可改进的指标无法达到及格线，请核对填报数据或考虑其他认定路径。",
                "No set of improvable indicators reaches the pass mark; check the figures or consider another route.",
            )
            .to_string(),
    };
    if let (Some(from), Some(to)) = (s.points_from, s.points_to) {
        text = fill(
            lang.pick("{0}（{1} → {2} 分）", "{0} ({1} → {2} points)"),
            &[&text, &from.to_string(), &to.to_string()],
        );
    }
    let ceiling = matches!(s.need, Need::Changes) && s.changes.first().is_some_and(shrinks);
    if let (Some(closed), Some(next), false) = (s.closed_year, s.first_application_year, ceiling) {
        text = fill(
            lang.pick(
                "{0}年度已结束，数据不能再改（差距：{1}）。{2}年度达到同等水平的，最早可用于{3}年的申报。",
                "{0} is closed and its figures cannot change (the gap: {1}). Reaching the same level in {2} counts from the {3} application on.",
            ),
            &[
                &closed.to_string(),
                &text,
                &(next - 1).to_string(),
                &next.to_string(),
            ],
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
            "下一步：保住{0}称号（本年度复核），之后再考虑更高层级。",
            "Next: keep the {0} title (re-review this year); higher tiers come after.",
        ),
        NextReason::Climb if n.options.len() > 1 => {
            lang.pick("下一步：{0}（或{1}）。", "Next: {0} (or {1}).")
        }
        NextReason::Climb => lang.pick("下一步：{0}。", "Next: {0}."),
    };
    let head = fill(head, &[name(0), name(1)]);
    let Some(t) = a.tier(&n.tier) else {
        return Some(head);
    };
    let steps = t.gaps.len().to_string();
    let more = match t.verdict {
        _ if t.rule_set.fit == RuleFit::NotModelled => {
            return Some(fill(
                lang.pick("{0}{1}", "{0} {1}"),
                &[&head, &why(t, date_of(a), lang)],
            ));
        }
        Verdict::Incomplete => {
            let n = t.missing.len().to_string();
            return Some(fill(
                lang.pick(
                    "{0}还需补充 {1} 项数据才能判断。",
                    "{0} {1} more figure(s) are needed to decide.",
                ),
                &[&head, &n],
            ));
        }
        _ if !t.gaps.is_empty() => lang.pick(
            "{0}差距计划共 {1} 步。",
            "{0} The gap plan has {1} step(s).",
        ),
        _ => return Some(head),
    };
    Some(fill(more, &[&head, &steps]))
}

/// What a check found, in words, for a finance manager: the value and the
/// line it is held against (`3.00 亿元，不低于 1,500 万元`), a yes/no answer as
/// 是/否 with what was needed when it fails, and the points of a scored item.
pub fn check_facts(c: Tree<'_>, lang: Lang) -> String {
    // A count says what it counts when the figures behind it are all people
    // or all rights: `160 人，低于 1,000 人`.
    let noun = counted(c, lang);
    let shown = |v: &srdi_engine::metrics::Shown, lang: Lang| {
        let text = shown(v, lang);
        match (v, noun) {
            (srdi_engine::metrics::Shown::Num(_, Unit::Count), Some(n)) => {
                fill("{0} {1}", &[&text, n])
            }
            _ => text,
        }
    };
    // A choice's key reads as its label (`国家级`, not `national`).
    let choice = chosen_field(c);
    let shown = |v: &srdi_engine::metrics::Shown, lang: Lang| match choice {
        Some(f) => choice_words(f, v, lang).unwrap_or_else(|| shown(v, lang)),
        None => shown(v, lang),
    };
    let value = c.value.as_ref().map(|v| shown(v, lang));
    let mut s = match (&c.threshold, value) {
        (Some(t), Some(v)) if t.op == "is" => {
            if c.status == Status::Fail {
                fill(
                    lang.pick("{0}（应为{1}）", "{0} (needed: {1})"),
                    &[&v, &shown(&t.value, lang)],
                )
            } else {
                v
            }
        }
        (Some(t), Some(v)) => fill(
            lang.pick("{0}，{1} {2}", "{0}, {1} {2}"),
            &[&v, op(t.op, lang), &shown(&t.value, lang)],
        ),
        (Some(t), None) => fill(
            lang.pick("要求{0} {1}", "needed: {0} {1}"),
            &[op(t.op, lang), &shown(&t.value, lang)],
        ),
        (None, Some(v)) => v,
        (None, None) => String::new(),
    };
    if let Some(p) = &c.points {
        // A score's own check already says its points: only what they are out of.
        if matches!(c.value, Some(srdi_engine::metrics::Shown::Range(..))) {
            s.push_str(&fill(
                lang.pick("（满分 {0}）", " (of {0})"),
                &[&p.of.to_string()],
            ));
            return s;
        }
        let got = if p.min == p.max {
            p.min.to_string()
        } else {
            fill("{0}–{1}", &[&p.min.to_string(), &p.max.to_string()])
        };
        if !s.is_empty() {
            s.push_str(lang.pick("；", "; "));
        }
        s.push_str(&fill(
            lang.pick("{0} 分（满分 {1}）", "{0} of {1} points"),
            &[&got, &p.of.to_string()],
        ));
    }
    s
}

/// A score in words: the points sure, what the missing answers could still
/// add, and the pass mark (`已得 80 分，未填项最多还可得 20 分（及格 60 分）`).
pub fn score(min: i64, max: i64, of: i64, pass: i64, lang: Lang) -> String {
    let (min_s, open, of_s, pass_s) = (
        min.to_string(),
        (max - min).to_string(),
        of.to_string(),
        pass.to_string(),
    );
    let t = if min == max {
        lang.pick(
            "得分 {0} 分（满分 {2}，及格 {3} 分）",
            "{0} of {2} points (pass mark {3})",
        )
    } else {
        lang.pick(
            "已得 {0} 分，未填项最多还可得 {1} 分（满分 {2}，及格 {3} 分）",
            "{0} points so far; the missing answers could add up to {1} more (of {2}; pass mark {3})",
        )
    };
    fill(t, &[&min_s, &open, &of_s, &pass_s])
}

/// A score in a few words, for a summary line: `80 分（及格 60）`,
/// `60–80 分（及格 60）` while answers are missing.
pub fn score_short(min: i64, max: i64, pass: i64, lang: Lang) -> String {
    let got = if min == max {
        min.to_string()
    } else {
        fill("{0}–{1}", &[&min.to_string(), &max.to_string()])
    };
    fill(
        lang.pick("{0} 分（及格 {1}）", "{0} points (pass mark {1})"),
        &[&got, &pass.to_string()],
    )
}

/// The deepest checks with `status` under `c` (itself when none below has it).
fn leaves_with<'a>(c: Tree<'a>, status: Status, out: &mut Vec<&'a Check>) {
    if c.check().status != status {
        return;
    }
    let before = out.len();
    for k in c.children() {
        leaves_with(k, status, out);
    }
    if out.len() == before {
        out.push(c.check());
    }
}

/// What decides a tier's verdict, by the rule's own names: the conditions not
/// met (不符合), or those a person must check (需人工核验); empty otherwise.
pub fn reasons(t: &TierResult, lang: Lang) -> Vec<&str> {
    let status = match t.verdict {
        Verdict::NotQualified => Status::Fail,
        Verdict::NeedsReview => Status::Manual,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for c in t.roots() {
        leaves_with(c, status, &mut out);
    }
    out.iter().map(|c| lang.pick(&*c.zh, &*c.en)).collect()
}

/// A field by its label (`营业收入 2025`), for a list of missing answers; a provincial item or another
/// tier's input as its path (the caller names those from the rule book).
pub fn field_label(f: &Field, lang: Lang) -> String {
    match f.id() {
        Some((id, Some(y))) => fill("{0} {1}", &[id.label_in(lang == Lang::Zh), &y.to_string()]),
        Some((id, None)) => id.label_in(lang == Lang::Zh).to_string(),
        None => f.to_string(),
    }
}

/// One tier's verdict in a sentence, reasons first and the standard named
/// once: `科技型中小企业：不符合，未满足 年销售收入不超过2亿元。依据科技型中小企业评价办法
/// （国科发政〔2017〕115号）（2017年5月1日起适用）。`
pub fn tier_summary(t: &TierResult, date: Date, lang: Lang) -> String {
    let name = tier_name(&t.id, lang);
    if t.rule_set.fit == RuleFit::NotModelled {
        return fill(
            lang.pick("{0}：{1}", "{0}: {1}"),
            &[name, &why(t, date, lang)],
        );
    }
    let verdict = key(t.verdict.key(), lang);
    let b = &t.rule_set.basis;
    let from = path::date_words(&b.from, lang);
    // The reasons: the conditions not met, or those a person must check.
    let failed = reasons(t, lang);
    let sep = lang.pick("；", "; ");
    let more = match t.verdict {
        Verdict::NotQualified | Verdict::NeedsReview if !failed.is_empty() => {
            let head = if t.verdict == Verdict::NeedsReview {
                lang.pick("，需核验{0}", ": to check: {0}")
            } else {
                lang.pick("，未满足{0}", ": not met: {0}")
            };
            // Each condition by the rule's own name, quoted: 未满足「年销售收入不超过2亿元」.
            let shown: Vec<String> = failed
                .iter()
                .take(2)
                .map(|c| fill(lang.pick("「{0}」", "“{0}”"), &[c]))
                .collect();
            let rest = failed.len().saturating_sub(2);
            let mut s = fill(head, &[&shown.join(sep)]);
            if rest > 0 {
                s.push_str(&fill(
                    lang.pick("等，共 {0} 项", " and {0} more"),
                    &[&(if lang == Lang::Zh { failed.len() } else { rest }).to_string()],
                ));
            }
            s
        }
        Verdict::Incomplete => fill(
            lang.pick("，还缺 {0} 项数据", ": {0} answer(s) still missing"),
            &[&t.missing.len().to_string()],
        ),
        Verdict::NeedsReview => fill(
            lang.pick("，{0} 项需人工核验", ": {0} item(s) to check by hand"),
            &[&t.manual.len().max(1).to_string()],
        ),
        _ => String::new(),
    };
    // The verdict and its reasons first; then the standard, named once, with the
    // day from which it governs this path.
    let forced = match t.rule_set.fit {
        RuleFit::Forced => lang.pick("，按您选择的{0}版", ", the {0} standards you chose"),
        RuleFit::ForcedOutside => lang.pick(
            "；按您选择的{0}版，不是评估日期施行的标准，仅供对比",
            "; the {0} standards you chose, not those in force on the date: for comparison only",
        ),
        RuleFit::InForce | RuleFit::NotModelled => "",
    };
    fill(
        lang.pick(
            "{0}：{1}{2}。依据{3}（{4}起适用{5}）。",
            "{0}: {1}{2}. Judged on {3} (governs from {4}{5}).",
        ),
        &[
            name,
            verdict,
            &more,
            lang.pick(&*b.file_zh, &*b.file_en),
            &from,
            &fill(forced, &[&b.version]),
        ],
    )
}

/// Which standards an assessment applied, from its `rules` key: the ones in
/// force on its date (`auto`), or a version asked for.
pub fn standards(rules: &str, lang: Lang) -> String {
    if rules == "auto" {
        lang.pick(
            "按评估日期适用现行标准",
            "the standards in force on the date",
        )
        .to_string()
    } else {
        fill(
            lang.pick("指定按 {0} 版标准", "the {0} standards, as asked"),
            &[rules],
        )
    }
}

/// The fiscal years the figures stand for, on an assessment dated `date`:
/// `上年度 = 2025年` (and the year before).
pub fn fiscal_years(date: Date, lang: Lang) -> String {
    let (last, before) = ((date.year - 1).to_string(), (date.year - 2).to_string());
    fill(
        lang.pick(
            "数据年度：上年度 = {0}年，前一年度 = {1}年",
            "Figures: last year = {0}, the year before = {1}",
        ),
        &[&last, &before],
    )
}

/// What an amount field understood from the text typed, when that is worth
/// saying (a text that is not a bare number, or a value of four digits and
/// more, whose size is easy to misread): `= 2.60 亿元` for `2.6亿`; and, for a figure no SME
/// has (100 亿元 and more) typed as a bare number, the likely slip of typing
/// 元 into a 万元 field: `是否为 1,500 万元？` for `15000000`. `None` when the
/// text is the plain number it means.
pub fn amount_echo(typed: &str, wan: Ratio, lang: Lang) -> Option<String> {
    let plain = typed.trim();
    let bare = plain
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    if bare
        && wan
            .checked_cmp(Ratio::int(1_000_000))
            .is_some_and(|o| o.is_ge())
    {
        let yuan = wan.checked_div(Ratio::int(10_000))?;
        return Some(fill(
            lang.pick(
                "是否为 {0}？（本栏单位是万元）",
                "Did you mean {0}? (this field is in 万元)",
            ),
            &[&money(yuan, lang)],
        ));
    }
    let shown = money(wan, lang);
    // A share of the year's revenue says what amount it stands for.
    if plain.ends_with(['%', '％']) {
        return Some(fill(
            lang.pick("= {0}（营业收入的 {1}）", "= {0} ({1} of revenue)"),
            &[&shown, plain],
        ));
    }
    (!bare || shown.contains(',') || shown.contains('亿')).then(|| fill("= {0}", &[&shown]))
}

/// How well a citation's wording is confirmed, in words for a reader (the
/// codes `C-M`, `C-2`, `S1`, `UNCONFIRMED` are for files and advisors).
pub fn confidence(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::ConfirmedMultiple => lang.pick(
            "原文措辞经至少两份独立转载核对",
            "wording checked against at least two independent copies",
        ),
        Confidence::TwoTranscriptions => lang.pick(
            "两份独立转录一致，官方原文未见",
            "two independent transcriptions agree; the official text not seen",
        ),
        Confidence::SingleSource => lang.pick(
            "仅见一份二手来源，未经官方文本核对",
            "one secondary source only, not checked against an official text",
        ),
        Confidence::Unconfirmed => lang.pick(
            "原文未见，措辞未经核对，需人工核验",
            "not found in any text: check by hand",
        ),
    }
}

/// A figure the check used, in words: `所属行业：工业…`'s value, with a
/// choice's key as its label.
pub fn figure(f: &srdi_engine::metrics::Figure, lang: Lang) -> String {
    f.field
        .id()
        .and_then(|(id, _)| choice_words(id, &f.value, lang))
        .unwrap_or_else(|| shown(&f.value, lang))
}

/// The choice field a check reads, when its figures read exactly one.
fn chosen_field(c: Tree<'_>) -> Option<FieldId> {
    let mut ids = c
        .figures()
        .iter()
        .filter_map(|f| f.field.id())
        .map(|(id, _)| id)
        .filter(|id| !id.choices().is_empty());
    let first = ids.next()?;
    ids.all(|id| id == first).then_some(first)
}

/// A choice field's answer (or a rule's list of answers, `a|b`) as labels:
/// `国家级、省级（省部级）`; `None` when `v` holds a key the field does not offer.
fn choice_words(f: FieldId, v: &srdi_engine::metrics::Shown, lang: Lang) -> Option<String> {
    use srdi_engine::metrics::Shown;
    let zh = lang == Lang::Zh;
    let text = match v {
        // A range of choices: the self-test's two readings of the digital level.
        Shown::Range(a, b) => {
            let (a, b) = (
                f.choice_label(&a.to_string(), zh)?,
                f.choice_label(&b.to_string(), zh)?,
            );
            let both = if a == b {
                a.to_string()
            } else {
                fill("{0}–{1}", &[a, b])
            };
            return Some(fill(
                lang.pick(
                    "自测估算 {0}（非官方）",
                    "self-test estimate {0} (not official)",
                ),
                &[&both],
            ));
        }
        Shown::Text(t) => t.to_string(),
        Shown::Key(k) => (*k).to_string(),
        Shown::Num(n, _) => n.to_decimal_string(4),
        _ => return None,
    };
    let mut out = String::new();
    for key in text.split('|') {
        if !out.is_empty() {
            out.push_str(lang.pick("、", ", "));
        }
        out.push_str(f.choice_label(key, zh)?);
    }
    Some(out)
}

/// What a check's count counts, from the fields its figures read: people for
/// the staff section, rights for the IP section; `None` when mixed or unknown.
fn counted(c: Tree<'_>, lang: Lang) -> Option<&'static str> {
    let mut sections = c
        .figures()
        .iter()
        .filter_map(|f| f.field.id())
        .map(|(id, _)| id.parts().0);
    let first = sections.next()?;
    if sections.any(|s| s != first) {
        return None;
    }
    match first {
        "staff" => Some(lang.pick("人", "people")),
        "ip" => Some(lang.pick("项", "rights")),
        _ => None,
    }
}

/// The most a [`take_home`] text holds, in UTF-8 bytes: a QR code of it stays at version 25
/// or below (117 modules a side, at error correction level L), which a phone reads off a screen.
pub const TAKE_HOME_MAX: usize = 1200;

/// The result in a few lines of plain text, to take home from a shared screen (as a QR code,
/// made on the page): what it is, its date and the years its figures stand for, each shown
/// tier's verdict with the first condition that decides it, and the next step. No figure the
/// user typed and no company name: it is read off a screen others can see. At most
/// [`TAKE_HOME_MAX`] bytes: reasons are dropped, then the next step, before a tier's verdict.
pub fn take_home(a: &Assessment, shown: &dyn Fn(&str) -> bool, lang: Lang) -> String {
    let date = date_of(a);
    let head = [
        lang.pick(
            "专精特新自测结果（参考，非官方认定）",
            "SRDI self-check result (for reference, not an official decision)",
        )
        .to_string(),
        fill(
            lang.pick("评估日期 {0}；{1}", "Assessed on {0}; {1}"),
            &[&a.assessed_on, &fiscal_years(date, lang)],
        ),
    ];
    let tiers: Vec<&TierResult> = a.tiers.iter().filter(|t| shown(&t.id)).collect();
    let line = |t: &TierResult, with_reason: bool| {
        let name = tier_name(&t.id, lang);
        if t.rule_set.fit == RuleFit::NotModelled {
            return fill(lang.pick("· {0}：不适用", "· {0}: does not apply"), &[name]);
        }
        let verdict = key(t.verdict.key(), lang);
        let failed = reasons(t, lang);
        match failed.first() {
            Some(first) if with_reason => {
                let head = if t.verdict == Verdict::NeedsReview {
                    lang.pick("· {0}：{1}，需核验「{2}」", "· {0}: {1}; to check: “{2}”")
                } else {
                    lang.pick("· {0}：{1}，未满足「{2}」", "· {0}: {1}; not met: “{2}”")
                };
                let mut s = fill(head, &[name, verdict, first]);
                if failed.len() > 1 {
                    s.push_str(&fill(
                        lang.pick("等 {0} 项", " and {0} more"),
                        &[&(if lang == Lang::Zh {
                            failed.len()
                        } else {
                            failed.len() - 1
                        })
                        .to_string()],
                    ));
                }
                s
            }
            _ if t.verdict == Verdict::Incomplete => fill(
                lang.pick(
                    "· {0}：{1}（还缺 {2} 项数据）",
                    "· {0}: {1} ({2} answer(s) missing)",
                ),
                &[name, verdict, &t.missing.len().to_string()],
            ),
            _ => fill(lang.pick("· {0}：{1}", "· {0}: {1}"), &[name, verdict]),
        }
    };
    let next = next_step(a, lang);
    let build = |with_reason: bool, with_next: bool| {
        let mut lines: Vec<String> = head.to_vec();
        lines.extend(tiers.iter().map(|t| line(t, with_reason)));
        if with_next {
            lines.extend(next.clone());
        }
        lines.join("\n")
    };
    [(true, true), (false, true), (false, false)]
        .into_iter()
        .map(|(r, n)| build(r, n))
        .find(|s| s.len() <= TAKE_HOME_MAX)
        .unwrap_or_else(|| {
            let mut s = build(false, false);
            let mut end = TAKE_HOME_MAX.min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.truncate(end);
            s
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

#[cfg(test)]
mod tests {
    use super::{Lang, Ratio, amount_echo, fill};

    #[test]
    fn an_amount_echoes_what_was_understood_and_catches_yuan_typed_as_wan() {
        let r = |n: i128| Ratio::int(n);
        assert_eq!(
            amount_echo("2.6亿", r(26_000), Lang::Zh).as_deref(),
            Some("= 2.60 亿元")
        );
        assert_eq!(amount_echo("96", r(96), Lang::Zh), None);
        assert_eq!(
            amount_echo("3000", r(3_000), Lang::Zh).as_deref(),
            Some("= 3,000 万元")
        );
        assert_eq!(
            amount_echo("3,000", r(3_000), Lang::Zh).as_deref(),
            Some("= 3,000 万元")
        );
        assert_eq!(
            amount_echo("12000", r(12_000), Lang::Zh).as_deref(),
            Some("= 1.20 亿元")
        );
        assert_eq!(
            amount_echo("15000000", r(15_000_000), Lang::Zh).as_deref(),
            Some("是否为 1,500 万元？（本栏单位是万元）")
        );
        // Typed with its unit, a large figure is what it says.
        assert_eq!(
            amount_echo("1500亿", r(15_000_000), Lang::Zh).as_deref(),
            Some("= 1,500.00 亿元")
        );
    }

    #[test]
    fn fill_puts_each_argument_in_its_place_and_keeps_other_braces() {
        assert_eq!(fill("{1} 与 {0}", &["甲", "乙"]), "乙 与 甲");
        assert_eq!(fill("{0}{0}", &["x"]), "xx");
        assert_eq!(fill("a {b} {9} {", &["x"]), "a {b}  {");
        assert_eq!(fill("", &[]), "");
    }
}
