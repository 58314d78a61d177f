//! Human-readable output: the assessment as a table, batch summaries, the rule list.

use std::fmt::Write;

use srdi_engine::result::{Status, TierResult, Tree};
use srdi_engine::rules::{Node, NodeKind, RuleBook, Scoring};
use srdi_engine::{Assessment, Profile, Tier, Verdict};

fn verdict(v: Verdict, zh: bool) -> &'static str {
    match (v, zh) {
        (Verdict::Qualified, true) => "符合",
        (Verdict::NotQualified, true) => "不符合",
        (Verdict::NeedsReview, true) => "需人工核验",
        (Verdict::Incomplete, true) => "信息不全",
        (Verdict::Qualified, false) => "qualified",
        (Verdict::NotQualified, false) => "not qualified",
        (Verdict::NeedsReview, false) => "needs review",
        (Verdict::Incomplete, false) => "incomplete",
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::Unknown => "?",
        Status::Manual => "◐",
    }
}

/// A tier's score (`90 分（及格 60）`) or size class (`中型企业`), in words.
fn score_text(t: &TierResult, lang: srdi_words::Lang) -> String {
    match (&t.score, &t.class) {
        (Some(s), _) => srdi_words::score_short(s.min, s.max, s.pass_mark, lang),
        (None, Some(c)) => srdi_words::key(c, lang).to_string(),
        _ => String::new(),
    }
}

fn check_lines(out: &mut String, tree: Tree<'_>, depth: usize, zh: bool) {
    let c = tree.check();
    let label = if zh { &c.zh } else { &c.en };
    let mut line = format!("{}{} {}", "  ".repeat(depth + 2), status(c.status), label);
    let lang = if zh {
        srdi_words::Lang::Zh
    } else {
        srdi_words::Lang::En
    };
    let facts = srdi_words::check_facts(tree, lang);
    if !facts.is_empty() {
        let _ = write!(line, "{}{facts}", lang.pick("：", ": "));
    }
    if let Some(ct) = &c.citation {
        let _ = write!(
            line,
            "  ({} {}; {})",
            ct.doc_no,
            ct.article,
            srdi_words::confidence(ct.confidence, lang)
        );
    }
    out.push_str(&line);
    out.push('\n');
    for k in tree.children() {
        check_lines(out, k, depth + 1, zh);
    }
}

/// The assessment as a readable report.
pub fn assessment(a: &Assessment, book: &RuleBook, lang: &str) -> String {
    let zh = lang == "zh";
    let mut out = String::new();
    let path = match (a.path, zh) {
        (Some(srdi_engine::ApplicantPath::New), true) => "新申报",
        (Some(srdi_engine::ApplicantPath::Review), true) => "复核",
        (Some(srdi_engine::ApplicantPath::New), false) => "new application",
        (Some(srdi_engine::ApplicantPath::Review), false) => "re-review",
        (None, true) => "申报类型按持有称号逐层判断",
        (None, false) => "path per tier by titles held",
    };
    let rules = srdi_words::standards(
        &a.rules,
        if zh {
            srdi_words::Lang::Zh
        } else {
            srdi_words::Lang::En
        },
    );
    let _ = writeln!(
        out,
        "SRDI Check {} · {} · {} · {}{}",
        a.engine_version,
        a.assessed_on,
        path,
        rules,
        a.province
            .as_ref()
            .map(|p| format!(" · {p}"))
            .unwrap_or_default()
    );
    let _ = writeln!(out);
    let lang = if zh {
        srdi_words::Lang::Zh
    } else {
        srdi_words::Lang::En
    };
    for t in &a.tiers {
        let name = if zh { &t.zh } else { &t.en };
        let _ = writeln!(
            out,
            "{:<24} {:<14} {:<18} {}",
            name,
            verdict(t.verdict, zh),
            score_text(t, lang),
            if zh { &t.rule_set.zh } else { &t.rule_set.en }
        );
    }
    for t in &a.tiers {
        let _ = writeln!(
            out,
            "\n== {} — {} ==",
            if zh { &t.zh } else { &t.en },
            verdict(t.verdict, zh)
        );
        let _ = writeln!(
            out,
            "  {}",
            srdi_words::path(t, srdi_words::date_of(a), lang)
        );
        let _ = writeln!(
            out,
            "  {}",
            srdi_words::why(t, srdi_words::date_of(a), lang)
        );
        for c in t.roots() {
            check_lines(&mut out, c, 0, zh);
        }
        if !t.missing.is_empty() {
            let _ = writeln!(
                out,
                "  {}{}",
                lang.pick("待补充：", "missing: "),
                missing_labels(t, book, lang).join(lang.pick("；", "; "))
            );
        }
        if !t.gaps.is_empty() {
            let _ = writeln!(out, "  {}:", if zh { "差距计划" } else { "gap plan" });
            for g in &t.gaps {
                let _ = writeln!(out, "    → {}", srdi_words::step(g, lang));
            }
        }
    }
    if let Some(n) = srdi_words::next_step(a, lang) {
        let _ = writeln!(out, "\n{n}");
    }
    out
}

pub const SUMMARY_HEADER: &str = "line,label,sme_size,size_class,innovative_sme,innovative_score,tech_sme,tech_score,specialized_sme,specialized_score,little_giant,single_champion,next_step,reasons,missing,digital_estimate_points,digital_level_by_score,digital_level_by_scenes";

/// The 数字化水平 self-test's estimate for a profile with answers to it: points, level by
/// score, level under the combined rule; `None` without answers, with no questionnaire for the
/// firm's industry and the date, or with answers it cannot take (never a verdict).
pub fn digital_estimate(
    p: &Profile,
    book: &RuleBook,
    date: srdi_engine::Date,
) -> Option<(String, u8, u8)> {
    let answers = p.digital_selftest.as_ref()?;
    let q = book.selftest_questionnaire(p, date)?;
    let e = q.estimate(answers).ok()?;
    Some((
        srdi_words::digital::points(e.total),
        e.by_score,
        e.by_scenes,
    ))
}

/// A CSV cell, safe to open in Excel and WPS: control characters become
/// spaces; a cell a spreadsheet would read as a formula (starting, after any
/// leading spaces, with `=`, `+`, `-` or `@`, or starting with a tab or CR)
/// gets a leading `'`; a cell with a comma, quote or line break is quoted.
fn csv_field(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let formula = s.starts_with(['\t', '\r'])
        || clean
            .trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let clean = if formula { format!("'{clean}") } else { clean };
    if clean.contains([',', '"']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// What the next tier lacks, in words: the conditions that decide its verdict
/// (not met, or to be checked by hand), and its missing answers by label (a
/// provincial item by its pack's question).
fn next_lacks(
    r: &Assessment,
    book: &RuleBook,
    lang: srdi_words::Lang,
) -> (Vec<String>, Vec<String>) {
    let Some(t) = r.next_step.as_ref().and_then(|n| r.tier(&n.tier)) else {
        return (Vec::new(), Vec::new());
    };
    let reasons = srdi_words::reasons(t, lang)
        .into_iter()
        .map(str::to_string)
        .collect();
    (reasons, missing_labels(t, book, lang))
}

/// A tier's missing answers by their question labels (a provincial item by
/// its pack's question), never their paths.
fn missing_labels(t: &TierResult, book: &RuleBook, lang: srdi_words::Lang) -> Vec<String> {
    t.missing
        .iter()
        .map(|f| match f {
            srdi_engine::metrics::Field::Item(item) => book
                .pack_question(item)
                .map(|q| lang.pick(&*q.zh, &*q.en).to_string())
                .unwrap_or_else(|| f.to_string()),
            _ => srdi_words::field_label(f, lang),
        })
        .collect()
}

fn tier(r: &Assessment, id: Tier) -> Option<&TierResult> {
    r.tier(id.key())
}

fn v(r: &Assessment, id: Tier) -> String {
    tier(r, id)
        .map(|t| t.verdict.key().to_string())
        .unwrap_or_default()
}

fn s(r: &Assessment, id: Tier) -> String {
    tier(r, id)
        .and_then(|t| t.score.as_ref())
        .map(|s| {
            if s.min == s.max {
                s.min.to_string()
            } else {
                format!("{}-{}", s.min, s.max)
            }
        })
        .unwrap_or_default()
}

/// One CSV summary row; `reasons` and `missing` in `lang`.
pub fn summary_csv(
    line: usize,
    p: &Profile,
    r: &Assessment,
    book: &RuleBook,
    lang: srdi_words::Lang,
) -> String {
    let (reasons, missing) = next_lacks(r, book, lang);
    let digital = digital_estimate(p, book, srdi_words::date_of(r));
    let sep = lang.pick("；", "; ");
    let fields = [
        line.to_string(),
        p.label.clone().unwrap_or_default(),
        v(r, Tier::SmeSize),
        tier(r, Tier::SmeSize)
            .and_then(|t| t.class.as_deref())
            .unwrap_or_default()
            .to_string(),
        v(r, Tier::InnovativeSme),
        s(r, Tier::InnovativeSme),
        v(r, Tier::TechSme),
        s(r, Tier::TechSme),
        v(r, Tier::SpecializedSme),
        s(r, Tier::SpecializedSme),
        v(r, Tier::LittleGiant),
        v(r, Tier::SingleChampion),
        r.next_step
            .as_ref()
            .map(|n| n.tier.to_string())
            .unwrap_or_default(),
        reasons.join(sep),
        missing.join(sep),
        digital.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
        digital
            .as_ref()
            .map(|d| d.1.to_string())
            .unwrap_or_default(),
        digital
            .as_ref()
            .map(|d| d.2.to_string())
            .unwrap_or_default(),
    ];
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// One JSON Lines summary row; `reasons` and `missing` in `lang`.
pub fn summary_json(
    line: usize,
    p: &Profile,
    r: &Assessment,
    book: &RuleBook,
    lang: srdi_words::Lang,
) -> String {
    let (reasons, missing) = next_lacks(r, book, lang);
    let tiers: serde_json::Map<String, serde_json::Value> = r
        .tiers
        .iter()
        .map(|t| {
            let mut o =
                serde_json::json!({ "verdict": t.verdict.key(), "rule_set": t.rule_set.id });
            if let Some(sc) = &t.score {
                o["score"] =
                    serde_json::json!({ "min": sc.min, "max": sc.max, "pass_mark": sc.pass_mark });
            }
            if let Some(c) = &t.class {
                o["class"] = serde_json::json!(c);
            }
            (t.id.to_string(), o)
        })
        .collect();
    serde_json::json!({
        "line": line,
        "label": p.label,
        "tiers": tiers,
        "next_step": r.next_step.as_ref().map(|n| n.tier.clone()),
        "reasons": reasons,
        "missing": missing,
        "digital_estimate": digital_estimate(p, book, srdi_words::date_of(r)).map(|(points, by_score, by_scenes)| serde_json::json!({
            "points": points, "level_by_score": by_score, "level_by_scenes": by_scenes,
        })),
    })
    .to_string()
}

fn node_lines(out: &mut String, n: &Node, depth: usize, docs: &srdi_engine::rules::Documents) {
    let pad = "  ".repeat(depth + 1);
    let rule = match &n.kind {
        NodeKind::Compare {
            metric,
            year,
            op,
            value,
            unit,
            ..
        } => {
            format!(
                " [{metric:?}(Y{year:+}) {} {} {unit:?}]",
                op.symbol(),
                value
            )
        }
        NodeKind::Flag { metric, expect, .. } => format!(" [{metric:?} = {expect}]"),
        NodeKind::Choice { metric, one_of, .. } => format!(" [{metric:?} ∈ {}]", one_of.join("|")),
        NodeKind::Score(s) => format!(" [score ≥ {} of {}]", s.pass_mark, s.max),
        NodeKind::Manual {} => " [manual]".into(),
        NodeKind::CountOf { at_least, of } => format!(" [at least {at_least} of {}]", of.len()),
        _ => String::new(),
    };
    let _ = writeln!(out, "{pad}{} {}{}", n.id, n.zh, rule);
    if let Some(c) = &n.cite {
        let doc = docs.get(&*c.doc).map(|d| &*d.doc_no).unwrap_or("");
        let _ = writeln!(
            out,
            "{pad}    {doc} {} [{:?}] «{}»",
            c.article, c.confidence, c.quote
        );
    }
    match &n.kind {
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            for k in of {
                node_lines(out, k, depth + 1, docs);
            }
        }
        NodeKind::Score(s) => {
            for g in &s.groups {
                let _ = writeln!(
                    out,
                    "{pad}  {} {} ({} points{})",
                    g.id,
                    g.zh,
                    g.max,
                    g.min.map(|m| format!(", at least {m}")).unwrap_or_default()
                );
                for i in &g.indicators {
                    let _ = writeln!(
                        out,
                        "{pad}    {} {} ({} points) — {} {}",
                        i.id,
                        i.zh,
                        i.max,
                        docs.get(&*i.cite.doc).map(|d| &*d.doc_no).unwrap_or(""),
                        i.cite.article
                    );
                    scoring_lines(out, &i.scoring, &format!("{pad}      "));
                }
            }
        }
        _ => {}
    }
}

fn scoring_lines(out: &mut String, s: &Scoring, pad: &str) {
    match s {
        Scoring::Bands { metric, bands, .. } => {
            for b in bands {
                let _ = writeln!(
                    out,
                    "{pad}{} {} → {} ({metric:?})",
                    b.label, b.text, b.points
                );
            }
        }
        Scoring::Levels { levels } => {
            for l in levels {
                let _ = writeln!(out, "{pad}{} {} → {}", l.label, l.text, l.points);
            }
        }
        Scoring::MaxOf { of } => {
            for p in of {
                scoring_lines(out, p, pad);
            }
        }
    }
}

/// Every rule with its citation.
pub fn rules(book: &RuleBook) -> String {
    let mut out = String::new();
    for f in &book.files {
        let _ = writeln!(out, "{} — {} ({})", f.id, f.zh, f.en);
        for d in f.documents.values() {
            let _ = writeln!(
                out,
                "  《{}》 {} {}",
                d.title,
                d.doc_no,
                d.effective.as_deref().or(d.issued.as_deref()).unwrap_or("")
            );
        }
        for a in &f.applies {
            let _ = writeln!(
                out,
                "  applies: {:?} from {}{}",
                a.path,
                a.from,
                a.until
                    .as_ref()
                    .map(|u| format!(" until {u}"))
                    .unwrap_or_default()
            );
        }
        if let Some(root) = &f.root {
            node_lines(&mut out, root, 0, &f.documents);
        }
        if let Some(t) = &f.size_table {
            for r in &t.industries {
                let _ = writeln!(out, "  {} {}: {}", r.industry.key(), r.zh, r.quote);
            }
        }
        out.push('\n');
    }
    for a in &book.amendments {
        let _ = writeln!(
            out,
            "amendment {} — {} {} from {}{} ({})",
            a.id,
            a.tier,
            a.version,
            a.from,
            a.until
                .as_deref()
                .map(|u| format!(" until {u}"))
                .unwrap_or_default(),
            a.zh
        );
        for c in &a.changes {
            let _ = writeln!(out, "  {}", c.target);
        }
    }
    for p in &book.packs {
        let _ = writeln!(
            out,
            "pack {} — {} for {} {}{}{} ({})",
            p.id,
            p.province,
            p.applies_to.tier,
            p.applies_to.version,
            p.applies_to
                .from
                .as_deref()
                .map(|f| format!(" from {f}"))
                .unwrap_or_default(),
            p.applies_to
                .until
                .as_deref()
                .map(|u| format!(" until {u}"))
                .unwrap_or_default(),
            p.zh
        );
        if let Some(m) = &p.pass_mark {
            let _ = writeln!(
                out,
                "  pass mark {} — {} «{}»",
                m.value, m.cite.article, m.cite.quote
            );
        }
        for i in &p.indicators {
            let _ = writeln!(out, "  {} {} ({} points)", i.id, i.zh, i.max);
            scoring_lines(&mut out, &i.scoring, "    ");
        }
    }
    out
}
