//! The 数字化水平 self-test's estimate in words: points, the two readings of the level, what
//! would raise each, always labelled as an estimate beside the platform's own result.

use srdi_engine::digital::{
    AnswerError, Estimate, Milli, Questionnaire, Raise, RaisePlan, Reading,
};

use crate::{Lang, confidence, fill};

/// Points in thousandths as people write them: `37.5`, `1.875`, `20`.
pub fn points(m: Milli) -> String {
    let whole = (m / 1000).to_string();
    let frac = format!("{:03}", m % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole
    } else {
        fill("{0}.{1}", &[&whole, frac])
    }
}

/// A level in words: `三级` (levels 1–4 as the field table names the platform's levels), or
/// `未达一级` for 0 (an estimate's own reading: the table's 0 also means "not assessed").
pub fn level(l: u8, lang: Lang) -> &'static str {
    let key = [b'0' + l.min(4)];
    srdi_engine::fields::FieldId::DigitalLevel
        .choices()
        .iter()
        .filter(|_| l > 0)
        .find(|c| c.key.as_bytes() == key)
        .map_or(lang.pick("未达一级", "below Level 1"), |c| {
            lang.pick(c.zh, c.en)
        })
}

/// A dimension's points in a line: `数字化基础：37.5 分（满分 50），未答题最多还可得 6 分`.
pub fn dimension(label: &str, points_now: Milli, open: Milli, max: Milli, lang: Lang) -> String {
    let mut line = fill(
        lang.pick("{0}：{1} 分（满分 {2}）", "{0}: {1} of {2} points"),
        &[label, &points(points_now), &points(max)],
    );
    if open > 0 {
        line.push_str(&fill(
            lang.pick(
                "，未答题最多还可得 {0} 分",
                "; unanswered questions could add up to {0}",
            ),
            &[&points(open)],
        ));
    }
    line
}

/// The estimate, a line each: what it is, each dimension's points, the total, the two readings
/// (each with how well it is known), and the platform's level when the firm has one.
pub fn estimate(q: &Questionnaire, e: &Estimate, platform: Option<u8>, lang: Lang) -> Vec<String> {
    let mut lines = vec![fill(
        lang.pick("{0}（参考估算，非官方）", "{0} (an estimate, not official)"),
        &[lang.pick(&*q.zh, &*q.en)],
    )];
    for (d, s) in q.dimensions.iter().zip(&e.dimensions) {
        let label = lang.pick(&*d.zh, &*d.en);
        lines.push(dimension(label, s.points, s.open, s.max, lang));
    }
    lines.push(fill(
        lang.pick("合计：{0} 分（满分 {1}）", "Total: {0} of {1} points"),
        &[&points(e.total), &points(q.full_marks())],
    ));
    lines.push(fill(
        lang.pick("{0}：{1}（{2}）", "{0}: {1} ({2})"),
        &[
            &by_score_head(q, lang),
            level(e.by_score, lang),
            confidence(q.bands.cite.confidence, lang),
        ],
    ));
    let mut scenes = fill(
        lang.pick(
            "按第三方场景规则：{0}（{1}；约束性场景名单系推断）",
            "By the third-party scene rule: {0} ({1}; the list of binding scenes is inferred)",
        ),
        &[
            level(e.by_scenes, lang),
            confidence(q.scene_rule.confidence, lang),
        ],
    );
    if e.scenes_missing > 0 {
        scenes.push_str(&fill(
            lang.pick(
                "；{0} 个场景未填，按未达等级计",
                "; {0} scene(s) not answered count as below every level",
            ),
            &[&e.scenes_missing.to_string()],
        ));
    }
    lines.push(scenes);
    lines.push(match platform {
        Some(l) => fill(
            lang.pick(
                "以平台评测结果为准：{0}（来自优质中小企业梯度培育平台）",
                "The platform's result decides: {0} (from the quality-SME platform)",
            ),
            &[level(l, lang)],
        ),
        None => lang
            .pick(
                "以平台评测结果为准：尚未填写平台评测等级（zjtx.miit.gov.cn 数字化转型板块免费自测）",
                "The platform's result decides: no platform level entered yet (free self-test at zjtx.miit.gov.cn)",
            )
            .to_string(),
    });
    lines
}

/// The score-band reading's name with the scores its levels start at: `按得分段（20/40/60/80 分）`.
pub fn by_score_head(q: &Questionnaire, lang: Lang) -> String {
    let from: Vec<&str> = q.bands.from.iter().map(|f| &**f).collect();
    fill(
        lang.pick("按得分段（{0} 分）", "By score band ({0})"),
        &[&from.join("/")],
    )
}

/// What would raise one reading by one level, in a sentence.
pub fn raise(q: &Questionnaire, p: &RaisePlan, lang: Lang) -> String {
    let head = match p.reading {
        Reading::Score => lang.pick("按得分段升至{0}：", "To {0} by score band: "),
        Reading::Scenes => lang.pick("按场景规则升至{0}：", "To {0} under the scene rule: "),
    };
    let steps: Vec<String> = p
        .steps
        .iter()
        .map(|s| match s {
            Raise::Question { id, gain, .. } => {
                let name = q.question(id).map_or(&**id, |x| lang.pick(&*x.zh, &*x.en));
                fill(
                    lang.pick(
                        "「{0}」选到最高档（+{1} 分）",
                        "“{0}” at its best (+{1} points)",
                    ),
                    &[name, &points(*gain)],
                )
            }
            Raise::Scene { id, to, .. } => {
                let name = q
                    .scenes
                    .iter()
                    .find(|x| x.id == *id)
                    .map_or(&**id, |x| lang.pick(&*x.zh, &*x.en));
                fill(
                    lang.pick("场景「{0}」达到{1}", "scene “{0}” at {1}"),
                    &[name, level(*to, lang)],
                )
            }
        })
        .collect();
    fill(head, &[level(p.to_level, lang)]) + &steps.join(lang.pick("；", "; "))
}

/// Why the answers cannot be estimated, naming the question or scene as the page shows it (an
/// id only when this questionnaire has no such question or scene).
pub fn answer_error(q: &Questionnaire, e: &AnswerError, lang: Lang) -> String {
    let question = |id: &str| {
        q.question(id)
            .map_or(id.to_string(), |x| lang.pick(&*x.zh, &*x.en).to_string())
    };
    let scene = |id: &str| {
        q.scenes
            .iter()
            .find(|s| *s.id == *id)
            .map_or(id.to_string(), |s| lang.pick(&*s.zh, &*s.en).to_string())
    };
    let (template, args): (&str, Vec<String>) = match e {
        AnswerError::UnknownQuestion(id) => (
            lang.pick(
                "自测答案中有本版题目没有的题（{0}）",
                "The answers name a question this version does not have ({0})",
            ),
            vec![id.clone()],
        ),
        AnswerError::UnknownOption(id, key) => (
            lang.pick("「{0}」没有选项 {1}", "“{0}” has no option {1}"),
            vec![question(id), key.clone()],
        ),
        AnswerError::MoreThanOne(id) => (
            lang.pick("「{0}」只能选一项", "“{0}” takes one option"),
            vec![question(id)],
        ),
        AnswerError::NoneWithOthers(id) => (
            lang.pick(
                "「{0}」选了“无”，又选了其他选项",
                "“{0}” has “None” chosen with other options",
            ),
            vec![question(id)],
        ),
        AnswerError::UnknownScene(id) => (
            lang.pick(
                "自测答案中有本版没有的场景（{0}）",
                "The answers name a scene this version does not have ({0})",
            ),
            vec![id.clone()],
        ),
        AnswerError::SceneLevel(id, l) => (
            lang.pick(
                "场景「{0}」的等级 {1} 不在{2}至{3}之间",
                "Scene “{0}”: level {1} is not between {2} and {3}",
            ),
            vec![
                scene(id),
                l.to_string(),
                level(1, lang).to_string(),
                level(q.levels(), lang).to_string(),
            ],
        ),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fill(template, &args)
}

#[cfg(test)]
mod tests {
    use super::{level, points};
    use crate::Lang;

    #[test]
    fn levels_read_as_the_platform_names_them_and_zero_as_below() {
        let zh: Vec<&str> = (0..=5).map(|l| level(l, Lang::Zh)).collect();
        assert_eq!(zh, ["未达一级", "一级", "二级", "三级", "四级", "四级"]);
        assert_eq!(level(0, Lang::En), "below Level 1");
        assert_eq!(level(3, Lang::En), "Level 3");
    }

    #[test]
    fn points_are_written_as_people_write_them() {
        assert_eq!(points(37_500), "37.5");
        assert_eq!(points(1_875), "1.875");
        assert_eq!(points(20_000), "20");
        assert_eq!(points(25), "0.025");
        assert_eq!(points(0), "0");
    }
}
