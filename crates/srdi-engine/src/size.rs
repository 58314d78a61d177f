//! 中小企业划型 (工信部联企业〔2011〕300号 第四条), read as REFERENCE §7 and A13:
//! a firm is an SME when **any** measure is below its top bound, large only when
//! **all** are at or above it; medium and small need **all** measures at or
//! above their lower bounds; micro otherwise. Bounds are data (`sme_size_2011.json`).

use std::cmp::Ordering;

use crate::eval::all_status;
use crate::fields::FieldId;
use crate::metrics::{Field, Figure, Shown, Unit};
use crate::num::Ratio;
use crate::profile::{FiguresBasis, Profile};
use crate::result::{
    Check, Checks, CitationOut, Ledger, Span, Status, Threshold, TierResult, Verdict,
};
use crate::rules::{Applies, Citation, RuleFile, SizeIndustry, SizeMeasure, SizeMetric, Text};

fn cite(c: &Citation, f: &RuleFile, quote: Option<&Text>) -> Option<std::sync::Arc<CitationOut>> {
    let d = f.documents.get(&*c.doc)?;
    Some(std::sync::Arc::new(CitationOut {
        document: d.title.clone(),
        doc_no: d.doc_no.clone(),
        issuer: d.issuer.clone(),
        article: c.article.clone(),
        quote: quote.unwrap_or(&c.quote).clone(),
        confidence: c.confidence,
        reading: c.reading.clone(),
    }))
}

/// Three-valued "every measure is at or above its bound".
fn all_at_least(values: &[Option<Ratio>], bounds: &[Ratio]) -> Option<bool> {
    let mut unknown = false;
    for (v, b) in values.iter().zip(bounds) {
        match v.and_then(|v| v.checked_cmp(*b)) {
            Some(Ordering::Less) => return Some(false),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(true) }
}

/// Assesses 中小企业划型 for application year `year` (figures of `year − 1`)
/// against the size table of `file`.
pub fn assess_size(file: &RuleFile, window: &Applies, p: &Profile, year: i32) -> TierResult {
    let y = year - 1;
    let mut missing = Vec::new();
    let mut checks = Vec::new();
    let mut ledger = Ledger::default();
    let mut class = None;
    let mut verdict = Verdict::Incomplete;
    let table = file.size_table.as_ref();
    let row = p
        .industry
        .and_then(|ind| table.and_then(|t| t.industries.iter().find(|r| r.industry == ind)));
    match (table, row) {
        (Some(t), Some(row)) => {
            let mut values = Vec::new();
            let mut children = Vec::new();
            for m in &row.measures {
                let citation = cite(&t.cite, file, Some(&row.quote));
                let (check, v) = below_top(m, p, y, citation, (&mut missing, &mut ledger));
                children.push(check);
                values.push(v);
            }
            class = size_class(&values, row);
            let (status, note) = sme_status(&children, p);
            verdict = Verdict::from_status(status);
            let citation = cite(&t.logic_cite, file, Some(&row.quote));
            let mut head = class_check(row, class, (status, note), citation);
            head.below = u32::try_from(children.len()).unwrap_or(u32::MAX);
            checks.push(head);
            checks.extend(children);
        }
        _ => {
            missing.push(Field::Of(FieldId::Industry));
        }
    }
    crate::sort_dedup(&mut missing);
    let checks = Checks {
        list: checks,
        ledger,
    };
    size_result(file, window, verdict, class, checks, missing)
}

/// One measure of the industry's row for year `y`: its value, and the check
/// that it is below the SME upper bound (its field added to `missing` when
/// it is not given); its figure or missing field goes to `ledger`.
fn below_top(
    m: &SizeMeasure,
    p: &Profile,
    y: i32,
    citation: Option<std::sync::Arc<CitationOut>>,
    (missing, ledger): (&mut Vec<Field>, &mut Ledger),
) -> (Check, Option<Ratio>) {
    let (field, v, unit, [id, zh, en]) = match m.metric {
        SizeMetric::Employees => (
            Field::Of(FieldId::Employees),
            p.staff.employees.map(|e| Ratio::int(i128::from(e))),
            Unit::Count,
            [
                "below_top_employees",
                "从业人员低于中小微型企业上限",
                "employees below the SME upper bound",
            ],
        ),
        SizeMetric::Revenue => (
            Field::Year(y, FieldId::Revenue),
            p.year(y).and_then(|f| f.revenue).map(|d| d.0),
            Unit::WanYuan,
            [
                "below_top_revenue",
                "营业收入低于中小微型企业上限",
                "revenue below the SME upper bound",
            ],
        ),
        SizeMetric::TotalAssets => (
            Field::Year(y, FieldId::TotalAssets),
            p.year(y).and_then(|f| f.total_assets).map(|d| d.0),
            Unit::WanYuan,
            [
                "below_top_total_assets",
                "资产总额低于中小微型企业上限",
                "total assets below the SME upper bound",
            ],
        ),
    };
    let status = match v.and_then(|v| v.checked_cmp(m.sme_below.0)) {
        Some(Ordering::Less) => Status::Pass,
        Some(_) => Status::Fail,
        None => Status::Unknown,
    };
    let (figures_from, missing_from) = ledger.mark();
    let (figures_at, missing_at) = match v {
        Some(v) => {
            let end = ledger.figure(Figure {
                field,
                value: Shown::Num(v, unit),
            });
            (Span::at(figures_from).to(end), Span::at(missing_from))
        }
        None => {
            missing.push(field.clone());
            let end = ledger.miss(field);
            (Span::at(figures_from), Span::at(missing_from).to(end))
        }
    };
    let check = Check {
        id: Text::Static(id),
        zh: Text::Static(zh),
        en: Text::Static(en),
        status,
        figures_at,
        value: v.map(|v| Shown::Num(v, unit)),
        threshold: Some(Threshold {
            op: "<",
            value: Shown::Num(m.sme_below.0, unit),
            unit,
            inclusive: false,
        }),
        points: None,
        pass_mark: None,
        citation,
        missing_at,
        note_zh: None,
        note_en: None,
        below: 0,
    };
    (check, v)
}

/// The size class by the row's bounds (A13): large when every measure is at
/// or above its top bound, medium or small when every measure is at or above
/// that class's lower bound, else micro; `None` while a figure is missing.
fn size_class(values: &[Option<Ratio>], row: &SizeIndustry) -> Option<&'static str> {
    let tops: Vec<Ratio> = row.measures.iter().map(|m| m.sme_below.0).collect();
    let mediums: Vec<Ratio> = row.measures.iter().map(|m| m.medium_from.0).collect();
    let smalls: Vec<Ratio> = row.measures.iter().map(|m| m.small_from.0).collect();
    let large = all_at_least(values, &tops);
    match large {
        Some(true) => Some("large"),
        None => None,
        Some(false) => match all_at_least(values, &mediums) {
            Some(true) => Some("medium"),
            None => None,
            Some(false) => match all_at_least(values, &smalls) {
                Some(true) => Some("small"),
                None => None,
                Some(false) => Some("micro"),
            },
        },
    }
}

/// Whether the firm is an SME: any measure below its top bound. A "no" on
/// consolidated figures is left to a person, with a note (the rules follow
/// the accounting standards, i.e. the legal entity's own statements).
fn sme_status(children: &[Check], p: &Profile) -> (Status, Option<(String, String)>) {
    let any_below = crate::eval::any_status(children.iter().map(|c| c.status));
    let mut status = any_below;
    let consolidated = p.figures_basis == Some(FiguresBasis::Consolidated);
    let mut note = None;
    if status == Status::Fail && consolidated {
        status = Status::Manual;
        note = Some((
            "按合并报表口径不属于中小企业；认定以企业会计准则为准，集团企业请按法人单体报表核对，需人工核验。".to_string(),
            "On consolidated figures the firm is large; the rules follow the accounting standards, so check the legal entity's own statements by hand.".to_string(),
        ));
    }
    (status, note)
}

/// The tier's check: the industry and the class, with the measures' checks
/// below it.
fn class_check(
    row: &SizeIndustry,
    class: Option<&'static str>,
    (status, note): (Status, Option<(String, String)>),
    citation: Option<std::sync::Arc<CitationOut>>,
) -> Check {
    let class_zh = match class {
        Some("large") => "大型企业",
        Some("medium") => "中型企业",
        Some("small") => "小型企业",
        Some("micro") => "微型企业",
        _ => "待定",
    };
    Check {
        id: crate::Tier::SmeSize.key().into(),
        zh: format!("{}：{}", row.zh, class_zh).into(),
        en: format!("{}: {}", row.en, class.unwrap_or("undetermined")).into(),
        status: all_status([status]),
        figures_at: Span::EMPTY,
        value: class.map(Shown::Key),
        threshold: None,
        points: None,
        pass_mark: None,
        citation,
        missing_at: Span::EMPTY,
        note_zh: note.as_ref().map(|n| Text::from(n.0.as_str())),
        note_en: note.map(|n| Text::from(n.1)),
        below: 0,
    }
}

/// The tier's result: no applicant path (the test is the same for both), no
/// score and no gap plan.
fn size_result(
    file: &RuleFile,
    window: &Applies,
    verdict: Verdict,
    class: Option<&'static str>,
    checks: Checks,
    missing: Vec<Field>,
) -> TierResult {
    TierResult {
        id: crate::Tier::SmeSize.key().into(),
        zh: "中小企业划型".into(),
        en: "SME size class".into(),
        verdict,
        class: class.map(std::borrow::Cow::Borrowed),
        rule_set: crate::rule_set_out(file, window, None, None),
        path: crate::ApplicantPath::New,
        path_basis: crate::result::PathBasis::NoTitle,
        title: crate::result::TitleOut::default(),
        score: None,
        score_verdict: None,
        manual: if verdict == Verdict::NeedsReview {
            vec![crate::Tier::SmeSize.key().into()]
        } else {
            Vec::new()
        },
        checks,
        missing,
        gaps: Vec::new(),
        evidence: file.evidence.to_vec(),
    }
}
