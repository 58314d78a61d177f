//! The applicant path of a tier and the standard that judges it, in words.

use srdi_engine::result::{PathBasis, RuleFit};
use srdi_engine::{ApplicantPath, Date, Tier, TierResult};

use crate::{Lang, tier_name};

/// `2026-04-01` as `2026年4月1日` (zh) or as written (en).
fn date_words(s: &str, lang: Lang) -> String {
    match (lang, Date::parse(s)) {
        (Lang::Zh, Some(d)) => date_zh(d),
        _ => s.to_string(),
    }
}

fn date_zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// The path a tier is judged on and why, for a finance manager, on an
/// assessment dated `date`.
pub fn path(t: &TierResult, date: Date, lang: Lang) -> String {
    if t.id == Tier::SmeSize.key() {
        return lang
            .pick(
                "中小企业划型：新申报与复核口径相同。",
                "SME size class: the same test for new applications and re-reviews.",
            )
            .to_string();
    }
    let year = date.year;
    let tn = tier_name(&t.id, lang);
    let review = t.path == ApplicantPath::Review;
    let mut s = lang
        .pick(
            if review { "复核" } else { "新申报" },
            if review {
                "Re-review"
            } else {
                "New application"
            },
        )
        .to_string();
    match t.path_basis {
        PathBasis::Chosen => s.push_str(lang.pick(
            "（按您的选择，适用于全部层级）",
            " (as you chose for every tier)",
        )),
        PathBasis::ChosenForTier => {
            s.push_str(lang.pick("（按您为本层级的选择）", " (as you chose for this tier)"))
        }
        PathBasis::TitleHeld | PathBasis::NoTitle => {}
    }
    let chosen = matches!(t.path_basis, PathBasis::Chosen | PathBasis::ChosenForTier);
    let held = t.title.held;
    match (review, held == Some(true)) {
        (true, true) => held_title(&mut s, t, tn, year, lang),
        (true, false) => s.push_str(&lang.pick(
            format!("；注意：复核只适用于持有{tn}称号的企业"),
            format!("; note: only holders of the {tn} title are re-reviewed"),
        )),
        (false, true) => s.push_str(&lang.pick(
            format!("；注意：您持有{tn}称号"),
            format!("; note: you hold the {tn} title"),
        )),
        (false, false) if chosen => {}
        (false, false) if held.is_none() => s.push_str(&lang.pick(
            format!("：未填写是否持有{tn}称号"),
            format!(": you did not say whether you hold the {tn} title"),
        )),
        (false, false) => s.push_str(&lang.pick(
            format!("：您未持有{tn}称号"),
            format!(": you do not hold the {tn} title"),
        )),
    }
    s.push_str(lang.pick("。", "."));
    s
}

/// The title held, for a re-review: the year granted and the year it expires
/// (when the rule file gives its validity), and whether a re-review is due.
fn held_title(s: &mut String, t: &TierResult, tn: &str, year: i32, lang: Lang) {
    let title = t.title;
    s.push_str(&lang.pick(
        format!("：您持有{tn}称号"),
        format!(": you hold the {tn} title"),
    ));
    if let Some(g) = title.granted {
        s.push_str(&lang.pick(format!("（{g}年认定"), format!(" (granted {g}")));
        if let Some(x) = title.expires {
            s.push_str(&lang.pick(format!("，有效期至{x}年"), format!(", valid until {x}")));
        }
        s.push_str(lang.pick("）", ")"));
    }
    match title.expires {
        Some(x) if x == year => {
            s.push_str(lang.pick("，本年度参加复核", ", and it is re-reviewed this year"))
        }
        Some(x) if x > year => s.push_str(&lang.pick(
            format!("；称号有效期至{x}年，本年度无需复核"),
            format!("; the title is valid until {x}, no re-review is due this year"),
        )),
        Some(x) => s.push_str(&lang.pick(
            format!("；按认定年份称号已于{x}年到期，请核实"),
            format!("; by the year granted it expired in {x}: please check"),
        )),
        None if title.annual => {
            s.push_str(lang.pick("，按年度重新评价", ", which is renewed every year"))
        }
        None => s.push_str(lang.pick(
            "（未填认定年份，请核对有效期）",
            " (year granted not given: check its validity)",
        )),
    }
}

/// Which standard judges the tier and why, in plain words, on an assessment
/// dated `date`.
pub fn why(t: &TierResult, date: Date, lang: Lang) -> String {
    let b = &t.rule_set.basis;
    let (file, when) = match lang {
        Lang::Zh => {
            let mut w = date_words(&b.from, lang);
            match &b.until {
                Some(u) => {
                    w.push('至');
                    w.push_str(&date_words(u, lang));
                }
                None => w.push('起'),
            }
            (&*b.file_zh, w)
        }
        Lang::En => {
            let mut w = format!("from {}", b.from);
            if let Some(u) = &b.until {
                w.push_str(" to ");
                w.push_str(u);
            }
            (&*b.file_en, w)
        }
    };
    let review = t.path == ApplicantPath::Review;
    let (pz, pe, pe_cap) = if review {
        ("复核", "re-reviews", "Re-reviews")
    } else {
        ("新申报", "new applications", "New applications")
    };
    let v = &b.version;
    let mut s = match t.rule_set.fit {
        RuleFit::InForce if t.id == Tier::SmeSize.key() => lang.pick(
            format!("按{file}（{when}施行）"),
            format!("On the {file} (in force {when})"),
        ),
        RuleFit::InForce => {
            let (doc, art) = (&b.doc_no, &b.article);
            let mut s = lang.pick(
                format!("{pz}按{file}：{when}开展的{pz}适用此标准（依据{doc}「{art}」）"),
                format!("{pe_cap} judged on {file}: it governs {pe} {when} (per {doc}, {art})"),
            );
            if b.unconfirmed {
                s.push_str(lang.pick(
                    "；适用哪一标准未经确认（各省口径），需人工核验",
                    "; which standard applies is unconfirmed (provinces differ) and needs manual checking",
                ));
            }
            if let Some(r) = &b.province_reading {
                s.push_str(lang.pick("。", ". "));
                s.push_str(lang.pick(&r.zh, &r.en));
            }
            s
        }
        RuleFit::Forced => lang.pick(
            format!("按您选择的{v}版标准：{file}（{when}开展的{pz}适用）"),
            format!("On the {v} standards you chose: {file} (governs {pe} {when})"),
        ),
        RuleFit::ForcedOutside => lang.pick(
            format!(
                "按您选择的{v}版标准：{file}。注意：{}不在其适用期（{when}）内，不是该日期施行的标准，仅供对比",
                date_zh(date)
            ),
            format!(
                "On the {v} standards you chose: {file}. Note: {date} is outside its window ({when}): not the standard in force then, for comparison only"
            ),
        ),
        RuleFit::NotModelled => {
            let tn = tier_name(&t.id, lang);
            let d = date.to_string();
            let mut s = lang.pick(
                format!("{}当日适用的{tn}{pz}标准本工具未收录：", date_zh(date)),
                format!("The {tn} standard for {pe} in force on {d} is not modelled: "),
            );
            if d.as_str() < &*b.from {
                s.push_str(&lang.pick(
                    format!("最早的{file}自{}起才适用", date_words(&b.from, lang)),
                    format!("the earliest here, {file}, governs only from {}", b.from),
                ));
            } else {
                let until = b.until.as_deref().unwrap_or("");
                s.push_str(&lang.pick(
                    format!("最新的{file}只适用至{}", date_words(until, lang)),
                    format!("the latest here, {file}, governs only until {until}"),
                ));
            }
            s
        }
    };
    s.push_str(lang.pick("。", "."));
    s
}
