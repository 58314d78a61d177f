//! 数字化水平自测（参考估算，非官方）: the 2024 indicators' questions and scenes, answered
//! into the profile (`digital_selftest`), and the estimate beside them: points per dimension,
//! the scene profile, the two readings of the level with how well each is known, and what
//! would raise each. The platform's own result stays the one that counts (63号 item 5).
//!
//! The questionnaire is rule data (`rules/digital/`, baked with the book); nothing here
//! writes a question, a point or a level rule.

use leptos::prelude::*;
use srdi_engine::Date;
use srdi_engine::digital::{Kind, Question, Questionnaire, Scene, milli};
use srdi_engine::fields::FieldId;
use srdi_engine::json::Value;
use srdi_engine::metrics::Field;
use srdi_words::Lang as WL;
use srdi_words::digital as words;

use crate::components::field::pair_signal;
use crate::components::result::words_lang;
use crate::i18n::{K, say, tr};
use crate::router::{Route, href};
use crate::state::{book, use_state};

/// Where the answers live in the profile.
const ROOT: &str = "digital_selftest";

fn choices_path(q: &str) -> String {
    format!("{ROOT}.choices.{q}")
}

fn scene_path(s: &str) -> String {
    format!("{ROOT}.scenes.{s}")
}

/// The option keys chosen for question `q`, as the answers hold them.
fn chosen(q: &str) -> Vec<String> {
    let state = use_state();
    match state.value(&choices_path(q)) {
        Some(Value::Array(keys)) => keys
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Sets the options chosen for a question (none: not answered), naming the questionnaire.
fn choose(qn: &'static Questionnaire, q: &str, keys: Vec<String>) {
    let state = use_state();
    state.set_value(
        &format!("{ROOT}.questionnaire"),
        Some(Value::String(qn.id.to_string())),
    );
    let value =
        (!keys.is_empty()).then(|| Value::Array(keys.into_iter().map(Value::String).collect()));
    state.set_value(&choices_path(q), value);
}

/// The multiple-choice answer after ticking (`on`) or unticking `key`: `无` stands alone.
fn toggled(q: &Question, now: &[String], key: &str, on: bool) -> Vec<String> {
    let is_none = |k: &str| q.options.iter().any(|o| o.none && *o.key == *k);
    q.options
        .iter()
        .map(|o| o.key.to_string())
        .filter(|k| {
            if k == key {
                on
            } else {
                now.contains(k) && !(on && (is_none(key) || is_none(k)))
            }
        })
        .collect()
}

/// The questionnaire the firm's answers are estimated with (its industry, the date), if any.
fn questionnaire() -> Option<&'static Questionnaire> {
    let state = use_state();
    let date = state.date.with(|d| Date::parse(d))?;
    state.profile.with(|u| {
        u.profile
            .as_ref()
            .ok()
            .and_then(|p| book().selftest_questionnaire(p, date))
    })
}

/// A text made in each language once, shown in the current one.
fn both(f: impl Fn(WL) -> String) -> Signal<String> {
    pair_signal(f(WL::Zh), f(WL::En))
}

/// Source and confidence of a question or scene, folded until asked for.
fn source_view(
    qn: &'static Questionnaire,
    source: &'static str,
    confidence: srdi_engine::rules::Confidence,
    note: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let described = qn.sources.iter().find(|s| *s.id == *source);
    view! {
        <details class="source-note">
            <summary>{say("来源与可信度", "Source and confidence")}</summary>
            {described.map(|s| view! { <p>{say(&s.zh, &s.en)}</p> })}
            <p>{both(|l| l.pick("可信度：", "Confidence: ").to_string() + srdi_words::confidence(confidence, l))}</p>
            {note.map(|(zh, en)| view! { <p>{say(zh, en)}</p> })}
        </details>
    }
}

/// One scored question: radio buttons or check boxes, each option with its points.
fn question_view(qn: &'static Questionnaire, q: &'static Question) -> impl IntoView {
    let name = format!("dq-{}", q.id);
    let multi = q.kind == Kind::Multi;
    let options = q
        .options
        .iter()
        .map(|o| {
            let id = format!("{name}-{}", o.key);
            let key = o.key.to_string();
            let k = key.clone();
            let checked = move || chosen(&q.id).contains(&k);
            view! {
                <label class="choice option" for=id.clone()>
                    <input
                        id=id.clone()
                        type=if multi { "checkbox" } else { "radio" }
                        name=name.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let keys = if multi { toggled(q, &chosen(&q.id), &key, on) } else { vec![key.clone()] };
                            choose(qn, &q.id, keys);
                        }
                    />
                    <span>{say(&o.zh, &o.en)}<span class="points">{both(|l| srdi_words::fill(l.pick("（{0} 分）", " ({0} pts)"), &[&words::points(milli(&o.points).unwrap_or(0))]))}</span></span>
                </label>
            }
        })
        .collect_view();
    let answered = move || !chosen(&q.id).is_empty();
    let note = q
        .note
        .as_ref()
        .zip(q.note_en.as_ref())
        .map(|(zh, en)| (&**zh, &**en));
    view! {
        <fieldset class="dq" id=format!("q-{}", q.id)>
            <legend>
                {say(&q.zh, &q.en)}
                <span class="kind">{if multi { say("（可多选）", " (tick all that apply)") } else { say("（单选）", " (choose one)") }}</span>
            </legend>
            <p class="help">{say(&q.area, &q.area_en)}{both(|l| srdi_words::fill(l.pick(" · 满分 {0} 分", " · up to {0} points"), &[&words::points(milli(&q.max).unwrap_or(0))]))}</p>
            <div class="dq-options">{options}</div>
            <Show when=answered>
                <button type="button" class="link" on:click=move |_| choose(qn, &q.id, Vec::new())>{say("清除本题", "Clear this answer")}</button>
            </Show>
            {source_view(qn, &q.source, q.confidence, note)}
        </fieldset>
    }
}

/// One scene: its level descriptors side by side, one chosen.
fn scene_view(qn: &'static Questionnaire, s: &'static Scene) -> impl IntoView {
    let state = use_state();
    let name = format!("ds-{}", s.id);
    let level_now = move || state.value(&scene_path(&s.id)).and_then(|v| v.as_i64());
    let levels = (1..=qn.levels())
        .map(|l| {
            let id = format!("{name}-{l}");
            let i = usize::from(l - 1);
            let zh = s.levels.get(i).map_or("", |t| &**t);
            let en = s.levels_en.get(i).map_or("", |t| &**t);
            view! {
                <label class="level" for=id.clone()>
                    <span class="level-head">
                        <input
                            id=id.clone()
                            type="radio"
                            name=name.clone()
                            prop:checked=move || level_now() == Some(i64::from(l))
                            on:change=move |_| {
                                state.set_value(&format!("{ROOT}.questionnaire"), Some(Value::String(qn.id.to_string())));
                                state.set_value(&scene_path(&s.id), Some(Value::Number(u64::from(l).into())));
                            }
                        />
                        <strong>{say(words::level(l, WL::Zh), words::level(l, WL::En))}</strong>
                    </span>
                    <span class="descriptor">{say(zh, en)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="scene" id=format!("scene-{}", s.id)>
            <legend>
                {say(&s.zh, &s.en)}
                <span class="kind">" · "{say(&s.group, &s.group_en)}</span>
                {s.binding.then(|| view! { <span class="tag">{say("约束性场景（推断）", "binding scene (inferred)")}</span> })}
            </legend>
            <div class="levels">{levels}</div>
            <Show when=move || level_now().is_some()>
                <button type="button" class="link" on:click=move |_| state.set_value(&scene_path(&s.id), None)>{say("清除本场景", "Clear this scene")}</button>
            </Show>
            {source_view(qn, &s.source, s.confidence, None)}
        </fieldset>
    }
}

/// A dimension's points as a bar: answered points, and what the unanswered could add.
fn dimension_bar(label: String, points: u32, open: u32, max: u32, lang: WL) -> impl IntoView {
    let at = |v: u32| {
        if max > 0 {
            u64::from(v.min(max)) * 1000 / u64::from(max)
        } else {
            0
        }
    };
    let text = words::dimension(&label, points, open, max, lang);
    let sure = at(points);
    let maybe = at(points.saturating_add(open)).saturating_sub(sure);
    let aria = text.clone();
    view! {
        <div class="scorebar" role="img" aria-label=aria>
            <svg viewBox="0 0 1000 80" preserveAspectRatio="none" aria-hidden="true">
                <rect class="track" x="0" y="10" width="1000" height="60" />
                <rect class="sure" x="0" y="10" width=sure height="60" />
                <rect class="maybe" x=sure y="10" width=maybe height="60" />
            </svg>
            <span class="scoretext">{text}</span>
        </div>
    }
}

/// The estimate: bars, scene profile, the two readings with their confidence, the raise plans.
#[component]
fn EstimatePanel(qn: &'static Questionnaire) -> impl IntoView {
    let state = use_state();
    move || {
        let lang = words_lang(state.lang.get());
        let (answers, platform) = state.profile.with(|u| {
            let p = u.profile.as_ref().ok();
            (
                p.and_then(|p| p.digital_selftest.clone())
                    .unwrap_or_default(),
                p.and_then(|p| p.quality.digital_level),
            )
        });
        let (e, plans) = match (qn.estimate(&answers), qn.raise(&answers)) {
            (Ok(e), Ok(plans)) => (e, plans),
            (Err(err), _) | (_, Err(err)) => {
                // Answers from an imported file that this questionnaire cannot take: said in
                // words, kept until the user clears them.
                let why = words::answer_error(qn, &err, lang);
                return view! {
                    <section class="estimate" id="digital-estimate" tabindex="-1">
                        <p class="error" role="status">{why}{lang.pick("。无法估算；请改正该题，或清除全部自测答案。", ". No estimate: correct that answer, or clear every self-test answer.")}</p>
                        <button type="button" id="digital-clear" on:click=move |_| state.set_value(ROOT, None)>{lang.pick("清除全部自测答案", "Clear every self-test answer")}</button>
                    </section>
                }
                .into_any();
            }
        };
        let bars = qn
            .dimensions
            .iter()
            .zip(&e.dimensions)
            .map(|(d, s)| {
                dimension_bar(
                    lang.pick(&*d.zh, &*d.en).to_string(),
                    s.points,
                    s.open,
                    s.max,
                    lang,
                )
            })
            .collect_view();
        let total = dimension_bar(
            lang.pick("合计", "Total").to_string(),
            e.total,
            e.open,
            qn.full_marks(),
            lang,
        );
        let count = |l: u8| answers.scenes.0.iter().filter(|(_, v)| *v == l).count();
        let binding = |l: u8| {
            answers
                .scenes
                .0
                .iter()
                .filter(|(id, v)| *v >= l && qn.scenes.iter().any(|s| s.binding && *s.id == **id))
                .count()
        };
        let profile = (1..=qn.levels())
            .rev()
            .map(|l| {
                srdi_words::fill(
                    lang.pick(
                        "{0}：{1} 个（达到该级及以上的约束性场景 {2} 个）",
                        "{0}: {1} (binding scenes at this level or above: {2})",
                    ),
                    &[
                        words::level(l, lang),
                        &count(l).to_string(),
                        &binding(l).to_string(),
                    ],
                )
            })
            .chain((e.scenes_missing > 0).then(|| {
                srdi_words::fill(
                    lang.pick(
                        "未填：{0} 个（按未达一级计）",
                        "Not answered: {0} (count as below Level 1)",
                    ),
                    &[&e.scenes_missing.to_string()],
                )
            }))
            .map(|line| view! { <li>{line}</li> })
            .collect_view();
        let reading = |id: &'static str, head: String, level: u8, conf: &'static str| {
            view! {
                <div class="reading" id=id>
                    <p class="reading-head">{head}</p>
                    <p class="reading-level">{words::level(level, lang)}</p>
                    <p class="help">{conf}</p>
                </div>
            }
        };
        let gaps = plans
            .iter()
            .map(|p| view! { <li>{words::raise(qn, p, lang)}</li> })
            .collect_view();
        let platform_line = match platform {
            Some(l) => srdi_words::fill(lang.pick("以平台评测结果为准：您填写的平台评测等级是{0}。", "The platform's result decides: you entered {0}."), &[words::level(l, lang)]),
            None => lang.pick("以平台评测结果为准：尚未填写平台评测等级；未填写时，63号附件2 指标5 按本估算给出分数区间，并提示人工核对。", "The platform's result decides: no platform level entered; until one is, No. 63 annex 2 item 5 counts a range from this estimate and asks for a person to check.").to_string(),
        };
        view! {
            <section class="estimate" id="digital-estimate" tabindex="-1" aria-labelledby="estimate-title">
                <h2 id="estimate-title">{lang.pick("估算结果（参考，非官方）", "The estimate (for reference, not official)")}</h2>
                {bars}
                {total}
                <div class="readings">
                    {reading("reading-score", words::by_score_head(qn, lang), e.by_score, srdi_words::confidence(qn.bands.cite.confidence, lang))}
                    {reading("reading-scenes", lang.pick("按第三方场景规则（得分与场景等级）", "By the third-party scene rule (score and scenes)").to_string(), e.by_scenes, srdi_words::confidence(qn.scene_rule.confidence, lang))}
                </div>
                <h3>{lang.pick("场景等级分布", "Scenes by level")}</h3>
                <ul class="scene-profile">{profile}</ul>
                <h3>{lang.pick("怎样提升一级", "What would raise the level")}</h3>
                {if plans.is_empty() {
                    view! { <p id="digital-gaps">{srdi_words::fill(lang.pick("两种读法都已是{0}。", "Both readings are at {0}."), &[words::level(qn.levels(), lang)])}</p> }.into_any()
                } else {
                    view! { <ul id="digital-gaps">{gaps}</ul> }.into_any()
                }}
                <p class="platform">{platform_line}</p>
            </section>
        }
        .into_any()
    }
}

/// What is not known, listed as unverified against the official text.
fn open_points(qn: &'static Questionnaire) -> impl IntoView {
    view! {
        <details class="open-points" id="digital-open-points">
            <summary>{say("关于本估算：未经官方原文核实的内容", "About this estimate: what is not verified against the official text")}</summary>
            <p>{say(&qn.bands.note, &qn.bands.note_en)}</p>
            <p>{say(&qn.scene_rule.note, &qn.scene_rule.note_en)}</p>
            <p>{say("以下各点未经官方原文核实：", "The following are not verified against the official text:")}</p>
            <ul>{qn.open_points.iter().map(|p| view! { <li>{say(&p.zh, &p.en)}</li> }).collect_view()}</ul>
        </details>
    }
}

/// No estimate for this firm (another industry, a date before the 2024 indicators): the 2022
/// bands as reference text, and where to enter the platform's level.
fn no_estimate() -> impl IntoView {
    let state = use_state();
    // The bands' citation is the 2022 notice, the same in every questionnaire.
    let step = crate::questions::step_of(&Field::Of(FieldId::DigitalLevel)).unwrap_or(1);
    let bands = book().digital.first().map(|q| {
        (
            q.bands.cite.quote.to_string(),
            q.documents
                .get(&*q.bands.cite.doc)
                .map(|d| d.doc_no.to_string())
                .unwrap_or_default(),
        )
    });
    view! {
        <section class="no-estimate" id="digital-none">
            <p>{both(|l| {
                let tables: Vec<String> = book()
                    .digital
                    .iter()
                    .map(|q| srdi_words::fill(l.pick("{0}（自测日期 {1} 起）", "{0} (assessed from {1})"), &[l.pick(&*q.zh, &*q.en), &q.from]))
                    .collect();
                srdi_words::fill(
                    l.pick(
                        "没有适用于本企业的自测题目：本工具只有{0}的题目（其行业的企业适用）；其他行业和2022年版的题目未取得，无法估算。",
                        "No self-test fits this firm: this tool has the questions of {0} only (for firms of its industry); those of other industries and of the 2022 version were not found, so there is no estimate.",
                    ),
                    &[&tables.join(l.pick("、", "; "))],
                )
            })}</p>
            <p>{say("请在优质中小企业梯度培育平台（zjtx.miit.gov.cn，数字化转型板块）免费评测，再把平台给出的等级填入“质量与数字化”一步。", "Take the free assessment on the quality-SME platform (zjtx.miit.gov.cn, digital transformation section), then enter the level it gives in the “Quality and digital” step.")}</p>
            {bands.map(|(quote, doc)| view! {
                <p>{say("供参考，2022年版按得分分级：", "For reference, the 2022 version's levels by score:")}</p>
                <blockquote lang="zh-CN">{quote}<footer>{doc}</footer></blockquote>
            })}
            <a class="button" href=href(Route::Step(step)) on:click=move |_| state.focus.set(Some(crate::components::field::dom_id(&FieldId::DigitalLevel.path())))>{say("填写平台评测等级", "Enter the platform's level")}</a>
        </section>
    }
}

/// Brings the estimate into view and reading order (below the questions on a phone).
fn to_estimate() {
    if let Some(el) = document()
        .get_element_by_id("digital-estimate")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// The self-test page.
#[component]
pub fn Digital() -> impl IntoView {
    let state = use_state();
    let wl = move || words_lang(state.lang.get());
    // Which questionnaire, not which answers: answering must not rebuild the questions.
    let which = Memo::new(move |_| questionnaire().map(|q| q.id.clone()));
    let progress = move |qn: &'static Questionnaire| {
        let questions = qn.dimensions.iter().flat_map(|d| d.questions.iter());
        let all = questions.clone().count();
        let answered = questions.filter(|q| !chosen(&q.id).is_empty()).count();
        let scenes = qn
            .scenes
            .iter()
            .filter(|s| state.value(&scene_path(&s.id)).is_some())
            .count();
        srdi_words::fill(
            wl().pick(
                "已答 {0}/{1} 题 · 场景 {2}/{3} 个",
                "{0} of {1} questions · {2} of {3} scenes answered",
            ),
            &[
                &answered.to_string(),
                &all.to_string(),
                &scenes.to_string(),
                &qn.scenes.len().to_string(),
            ],
        )
    };
    view! {
        <div class="layout">
            <section class="page digital">
                <h1>{say("数字化水平自测（参考估算，非官方）", "Digital-level self-test (an estimate, not official)")}</h1>
                <p class="intro">{say("估算企业的数字化水平等级。评价专精特新中小企业时（63号附件2 指标5）以平台评测结果为准；本页只帮助没有平台结果的企业了解大致等级和提升方向。", "An estimate of the firm's digital level. For the specialised-SME standard (No. 63, annex 2, item 5) the platform's own result decides; this page helps a firm without one see roughly where it stands and what would raise it.")}</p>
                <p class="help">{say("答案与其他填写内容一起只保存在本机，可随档案导出、导入和打印。", "The answers stay on this device with the rest of the profile, and go with its export, import and print.")}</p>
                {move || match which.get().and_then(|id| book().digital.iter().find(|q| q.id == id)) {
                    None => no_estimate().into_any(),
                    Some(qn) => view! {
                        <p class="help">{both(|l| {
                            let doc = qn.documents.get(&*qn.cite.doc).map_or("", |d| &*d.doc_no);
                            srdi_words::fill(l.pick("评测表：{0}（{1}）", "Indicators: {0} ({1})"), &[l.pick(&*qn.zh, &*qn.en), doc])
                        })}</p>
                        <p>
                            <span class="progress-count" role="status">{move || progress(qn)}</span>" "
                            <button type="button" class="link" on:click=|_| to_estimate()>{say("查看估算结果", "See the estimate")}</button>
                        </p>
                        {open_points(qn)}
                        <form class="digital-questions" on:submit=|ev| ev.prevent_default()>
                            {qn.dimensions.iter().map(|d| view! {
                                <section class="dimension" id=format!("dim-{}", d.id)>
                                    <h2>{both(|l| srdi_words::fill(l.pick("{0}（满分 {1} 分）", "{0} (up to {1} points)"), &[l.pick(&*d.zh, &*d.en), &d.max]))}</h2>
                                    {d.questions.iter().map(|q| question_view(qn, q)).collect_view()}
                                </section>
                            }).collect_view()}
                            <section class="dimension" id="dim-scenes">
                                <h2>{both(|l| srdi_words::fill(l.pick("数字化经营：{0} 个场景", "Digital operations: {0} scenes"), &[&qn.scenes.len().to_string()]))}</h2>
                                <p class="help">{say("每个场景选企业已达到的最高等级，各级描述并排列出；没有开展的场景不选（按未达一级计）。", "For each scene choose the highest level the firm has reached; the levels' descriptions stand side by side. Leave a scene the firm does not do unanswered (it counts as below Level 1).")}</p>
                                {qn.scenes.iter().map(|s| scene_view(qn, s)).collect_view()}
                            </section>
                        </form>
                        <p><a class="button primary" href=href(Route::Results)>{tr(K::SeeResults)}</a></p>
                    }.into_any(),
                }}
            </section>
            {move || which.get().and_then(|id| book().digital.iter().find(|q| q.id == id)).map(|qn| view! { <aside class="digital-aside" tabindex="0" aria-labelledby="estimate-title"><EstimatePanel qn /></aside> })}
        </div>
    }
}

/// On the results page (and in its print): the self-test's estimate when the firm answered
/// it, or, while it has no platform level, a way to the self-test.
#[component]
pub fn SelftestSummary() -> impl IntoView {
    let state = use_state();
    move || {
        let lang = words_lang(state.lang.get());
        let date = state.date.with(|d| Date::parse(d))?;
        let (lines, platform) = state.profile.with(|u| {
            let p = u.profile.as_ref().ok()?;
            let platform = p.quality.digital_level;
            let answers = p
                .digital_selftest
                .as_ref()
                .filter(|a| !a.choices.is_empty() || !a.scenes.is_empty());
            let lines = answers.and_then(|a| {
                let qn = book().selftest_questionnaire(p, date)?;
                let e = qn.estimate(a).ok()?;
                Some(words::estimate(qn, &e, platform, lang))
            });
            Some((lines, platform))
        })?;
        if lines.is_none() && platform.is_some() {
            return None;
        }
        let link = view! {
            <a href=href(Route::Digital) class="no-print">
                {if lines.is_some() { lang.pick("修改自测答案", "Change the self-test answers") } else { lang.pick("还没有平台评测等级？做数字化水平自测（参考估算，非官方）", "No platform level yet? Take the digital-level self-test (an estimate, not official)") }}
            </a>
        };
        // Only an estimate is printed; the way to the self-test is for the screen.
        let class = if lines.is_some() {
            "selftest-summary"
        } else {
            "selftest-summary no-print"
        };
        Some(view! {
            <section class=class id="selftest-summary">
                <h2>{lang.pick("数字化水平自测", "Digital-level self-test")}</h2>
                {lines.map(|l| view! { <ul>{l.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul> })}
                <p>{link}</p>
            </section>
        })
    }
}
