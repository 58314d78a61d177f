//! The applicant path of a tier and the standard that judges it, in words.

use srdi_engine::result::{PathBasis, RuleFit};
use srdi_engine::{ApplicantPath, Date, Tier, TierResult};

use crate::{Lang, fill, tier_name};

/// `2026-04-01` as `2026年4月1日` (zh) or as written (en).
pub(crate) fn date_words(s: &str, lang: Lang) -> String {
    match (lang, Date::parse(s)) {
        (Lang::Zh, Some(d)) => date_zh(d),
        _ => s.to_string(),
    }
}

fn date_zh(d: Date) -> String {
    fill(
        "{0}年{1}月{2}日",
        &[
            &d.year.to_string(),
            &d.month.to_string(),
            &d.day.to_string(),
        ],
    )
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
    let tn = tier_name(&t.id, lang);
    let review = t.path == ApplicantPath::Review;
    let mut s = String::from(match (review, lang) {
        (true, Lang::Zh) => "复核",
        (true, Lang::En) => "Re-review",
        (false, Lang::Zh) => "新申报",
        (false, Lang::En) => "New application",
    });
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
    let about = match (review, held == Some(true)) {
        (true, true) => {
            held_title(&mut s, t, tn, date.year, lang);
            None
        }
        (true, false) => Some(lang.pick(
            "；注意：复核只适用于持有{0}称号的企业",
            "; note: only holders of the {0} title are re-reviewed",
        )),
        (false, true) => Some(lang.pick("；注意：您持有{0}称号", "; note: you hold the {0} title")),
        (false, false) if chosen => None,
        (false, false) if held.is_none() => Some(lang.pick(
            "：未填写是否持有{0}称号",
            ": you did not say whether you hold the {0} title",
        )),
        (false, false) => Some(lang.pick("：您未持有{0}称号", ": you do not hold the {0} title")),
    };
    if let Some(a) = about {
        s.push_str(&fill(a, &[tn]));
    }
    s.push_str(lang.pick("。", "."));
    s
}

/// The title held, for a re-review: the year granted and the year it expires
/// (when the rule file gives its validity), and whether a re-review is due.
fn held_title(s: &mut String, t: &TierResult, tn: &str, year: i32, lang: Lang) {
    let title = t.title;
    let x = title.expires.map(|x| x.to_string()).unwrap_or_default();
    s.push_str(&fill(
        lang.pick("：您持有{0}称号", ": you hold the {0} title"),
        &[tn],
    ));
    if let Some(g) = title.granted {
        let when = match title.expires {
            Some(_) => lang.pick(
                "（{0}年认定，有效期至{1}年）",
                " (granted {0}, valid until {1})",
            ),
            None => lang.pick("（{0}年认定）", " (granted {0})"),
        };
        s.push_str(&fill(when, &[&g.to_string(), &x]));
    }
    let due = match title.expires {
        Some(e) if e == year => lang.pick("，本年度参加复核", ", and it is re-reviewed this year"),
        Some(e) if e > year => lang.pick(
            "；称号有效期至{0}年，本年度无需复核",
            "; the title is valid until {0}, no re-review is due this year",
        ),
        Some(_) => lang.pick(
            "；按认定年份称号已于{0}年到期，请核实",
            "; by the year granted it expired in {0}: please check",
        ),
        None if title.annual => lang.pick("，按年度重新评价", ", which is renewed every year"),
        None => lang.pick(
            "（未填认定年份，请核对有效期）",
            " (year granted not given: check its validity)",
        ),
    };
    s.push_str(&fill(due, &[&x]));
}

/// Which standard judges the tier and why, in plain words, on an assessment
/// dated `date`.
pub fn why(t: &TierResult, date: Date, lang: Lang) -> String {
    let b = &t.rule_set.basis;
    let from = date_words(&b.from, lang);
    let until = b.until.as_deref().map(|u| date_words(u, lang));
    let when = match (&until, lang) {
        (Some(u), _) => fill(lang.pick("{0}至{1}", "from {0} to {1}"), &[&from, u]),
        (None, Lang::Zh) => fill("{0}起", &[&from]),
        (None, Lang::En) => fill("from {0}", &[&from]),
    };
    let file = lang.pick(&*b.file_zh, &*b.file_en);
    let review = t.path == ApplicantPath::Review;
    let (pz, pe, pe_cap) = if review {
        ("复核", "re-reviews", "Re-reviews")
    } else {
        ("新申报", "new applications", "New applications")
    };
    let on = match lang {
        Lang::Zh => date_zh(date),
        Lang::En => date.to_string(),
    };
    let template = match t.rule_set.fit {
        RuleFit::InForce if t.id == Tier::SmeSize.key() => {
            lang.pick("按{1}（{2}施行）", "On the {1} (in force {2})")
        }
        RuleFit::InForce => lang.pick(
            "{0}按{1}：{2}开展的{0}适用此标准（依据{3}「{4}」）",
            "{5} judged on {1}: it governs {0} {2} (per {3}, {4})",
        ),
        RuleFit::Forced => lang.pick(
            "按您选择的{6}版标准：{1}（{2}开展的{0}适用）",
            "On the {6} standards you chose: {1} (governs {0} {2})",
        ),
        RuleFit::ForcedOutside => lang.pick(
            "按您选择的{6}版标准：{1}。注意：{7}不在其适用期（{2}）内，不是该日期施行的标准，仅供对比",
            "On the {6} standards you chose: {1}. Note: {7} is outside its window ({2}): not the standard in force then, for comparison only",
        ),
        RuleFit::NotModelled if date.to_string().as_str() < &*b.from => lang.pick(
            "{7}当日适用的{8}{0}标准本工具未收录：最早的{1}自{9}起才适用",
            "The {8} standard for {0} in force on {7} is not modelled: the earliest here, {1}, governs only from {9}",
        ),
        RuleFit::NotModelled => lang.pick(
            "{7}当日适用的{8}{0}标准本工具未收录：最新的{1}只适用至{9}",
            "The {8} standard for {0} in force on {7} is not modelled: the latest here, {1}, governs only until {9}",
        ),
    };
    let edge = match t.rule_set.fit {
        RuleFit::NotModelled if date.to_string().as_str() < &*b.from => from.clone(),
        _ => until.clone().unwrap_or_default(),
    };
    let mut s = fill(
        template,
        &[
            lang.pick(pz, pe),
            file,
            &when,
            &b.doc_no,
            &b.article,
            pe_cap,
            &b.version,
            &on,
            tier_name(&t.id, lang),
            &edge,
        ],
    );
    if t.rule_set.fit == RuleFit::InForce && t.id != Tier::SmeSize.key() {
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
    }
    s.push_str(lang.pick("。", "."));
    s
}
