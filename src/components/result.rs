//! Showing the engine's result: verdict badges, score bars, the live summary,
//! tier cards with every check, its figures and its citation, and gap plans.

use leptos::prelude::*;
use srdi_engine::result::{GapStep, Status, TierResult, Tree};
use srdi_engine::{Assessment, Verdict};

use crate::i18n::{K, Lang, t, tr};
use crate::router::{Route, href};
use crate::state::use_state;

pub fn verdict_text(lang: Lang, v: Verdict) -> &'static str {
    t(
        lang,
        match v {
            Verdict::Qualified => K::VerdictQualified,
            Verdict::NotQualified => K::VerdictNotQualified,
            Verdict::NeedsReview => K::VerdictNeedsReview,
            Verdict::Incomplete => K::VerdictIncomplete,
        },
    )
}

fn status_text(lang: Lang, s: Status) -> &'static str {
    t(
        lang,
        match s {
            Status::Pass => K::StatusPass,
            Status::Fail => K::StatusFail,
            Status::Unknown => K::StatusUnknown,
            Status::Manual => K::StatusManual,
        },
    )
}

fn tier_label(lang: Lang, tier: &TierResult) -> String {
    let name = if lang == Lang::Zh { &tier.zh } else { &tier.en };
    match (&tier.class, lang) {
        (Some(c), Lang::Zh) => format!("{name}（{}）", class_zh(c)),
        (Some(c), Lang::En) => format!("{name} ({c})"),
        _ => name.to_string(),
    }
}

fn class_zh(c: &str) -> &'static str {
    match c {
        "large" => "大型",
        "medium" => "中型",
        "small" => "小型",
        "micro" => "微型",
        _ => "",
    }
}

/// The verdict as a coloured badge with its words (never colour alone).
#[component]
pub fn VerdictBadge(verdict: Verdict) -> impl IntoView {
    let state = use_state();
    view! { <span class=format!("badge {}", verdict.key())>{move || verdict_text(state.lang.get(), verdict)}</span> }
}

/// Score against pass mark as a bar; a range when answers are missing.
/// Drawn in integer units (1000 = the whole bar): no floating point in the bundle.
#[component]
pub fn ScoreBar(
    min: i64,
    max: i64,
    of: i64,
    pass: i64,
    /// The tier does not qualify whatever the score (a gate fails): the bar
    /// must not look like a pass.
    #[prop(optional)]
    blocked: bool,
) -> impl IntoView {
    let state = use_state();
    let at = |v: i64| {
        if of > 0 {
            v.clamp(0, of) * 1000 / of
        } else {
            0
        }
    };
    let text = move || srdi_words::score(min, max, of, pass, words_lang(state.lang.get()));
    view! {
        <div class=if blocked { "scorebar blocked" } else { "scorebar" } role="img" aria-label=text>
            <svg viewBox="0 0 1000 80" preserveAspectRatio="none" aria-hidden="true">
                <rect class="track" x="0" y="10" width="1000" height="60" />
                <rect class="sure" x="0" y="10" width=at(min) height="60" />
                <rect class="maybe" x=at(min) y="10" width=at(max) - at(min) height="60" />
                <line class="pass" x1=at(pass) x2=at(pass) y1="0" y2="80" />
            </svg>
            <span class="scoretext">{text}</span>
        </div>
    }
}

/// Unit vectors (in thousandths) of a radar's axes, clockwise from the top, for 3 to 8 axes.
/// Geometry, not law: sin and cos of 2πk/n, rounded, so the bundle needs no floating point.
const AXES: [&[(i64, i64)]; 6] = [
    &[(0, -1000), (866, 500), (-866, 500)],
    &[(0, -1000), (1000, 0), (0, 1000), (-1000, 0)],
    &[
        (0, -1000),
        (951, -309),
        (588, 809),
        (-588, 809),
        (-951, -309),
    ],
    &[
        (0, -1000),
        (866, -500),
        (866, 500),
        (0, 1000),
        (-866, 500),
        (-866, -500),
    ],
    &[
        (0, -1000),
        (782, -623),
        (975, 223),
        (434, 901),
        (-434, 901),
        (-975, 223),
        (-782, -623),
    ],
    &[
        (0, -1000),
        (707, -707),
        (1000, 0),
        (707, 707),
        (0, 1000),
        (-707, 707),
        (-1000, 0),
        (-707, -707),
    ],
];

/// The axes for `n` groups, if a radar can show them.
pub fn radar_axes(n: usize) -> Option<&'static [(i64, i64)]> {
    AXES.get(n.checked_sub(3)?).copied()
}

/// A radar of a score's groups (the four dimensions of the 2022 专精特新
/// standard), each axis its share of the group's maximum. Coordinates are
/// integers in a 1000-unit box centred on (500, 500) with radius 400.
#[component]
pub fn Radar(axes: &'static [(i64, i64)], groups: Vec<(String, i64, i64)>) -> impl IntoView {
    // A point on axis `i` at `num/den` of the radius.
    let point = |i: usize, num: i64, den: i64| {
        let (ux, uy) = axes[i % axes.len()];
        let den = den.max(1);
        (
            500 + ux * 400 * num / den / 1000,
            500 + uy * 400 * num / den / 1000,
        )
    };
    let poly = |shares: &[(i64, i64)]| {
        shares
            .iter()
            .enumerate()
            .map(|(i, &(num, den))| {
                let (x, y) = point(i, num, den);
                format!("{x},{y}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let outline = poly(&vec![(1, 1); axes.len()]);
    let half = poly(&vec![(1, 2); axes.len()]);
    let values = poly(
        &groups
            .iter()
            .map(|&(_, v, m)| if m > 0 { (v.clamp(0, m), m) } else { (0, 1) })
            .collect::<Vec<_>>(),
    );
    let description = groups
        .iter()
        .map(|(name, v, m)| format!("{name} {v}/{m}"))
        .collect::<Vec<_>>()
        .join("; ");
    let labels = groups
        .iter()
        .enumerate()
        .map(|(i, (name, v, m))| {
            let (x, y) = point(i, 118, 100);
            view! { <text x=x y=y text-anchor="middle" dominant-baseline="middle">{format!("{name} {v}/{m}")}</text> }
        })
        .collect_view();
    view! {
        <svg class="radar" viewBox="-320 -80 1640 1160" role="img" aria-label=description>
            <polygon class="axis" points=outline />
            <polygon class="axis" points=half />
            <polygon class="value" points=values />
            {labels}
        </svg>
    }
}

/// Each selected tier's verdict, updating as the user types.
#[component]
pub fn LiveSummary() -> impl IntoView {
    let state = use_state();
    view! {
        <aside class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{tr(K::LiveSummary)}</h2>
            <ul aria-live="polite">
                {move || {
                    let lang = state.lang.get();
                    let tiers = state.tiers.get();
                    // Read in place: the summary needs a few fields, not a copy of the assessment.
                    state.assessment.with(|a| {
                        a.as_ref().map(|a| {
                            a.tiers
                                .iter()
                                .filter(|tr| tiers.iter().any(|t| t.key() == tr.id))
                                .map(|tr| {
                                    let score = tr.score.as_ref().map(|s| {
                                        srdi_words::score_short(s.min, s.max, s.pass_mark, words_lang(lang))
                                    });
                                    view! {
                                        <li class="summary-tier" data-tier=tr.id.clone()>
                                            <span class="tier-name">{tier_label(lang, tr)}</span>
                                            <VerdictBadge verdict=tr.verdict />
                                            {score.map(|s| view! { <span class="tier-score">{s}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    })
                }}
            </ul>
            <a href=href(Route::Results)>{tr(K::SeeResults)}</a>
        </aside>
    }
}

/// A profile path as the user knows it: its question's label; the path itself
/// only for what no question asks (a provincial item's key).
fn shown_field(f: &srdi_engine::metrics::Field, lang: Lang) -> String {
    match f.id() {
        Some((id, year)) => crate::questions::label_of(id, year, lang),
        // A provincial item by its pack's question, never its key.
        None => match f {
            srdi_engine::metrics::Field::Item(item) => crate::state::book()
                .pack_question(item)
                .map(|q| {
                    if lang == Lang::Zh {
                        q.zh.to_string()
                    } else {
                        q.en.to_string()
                    }
                })
                .unwrap_or_else(|| f.to_string()),
            _ => f.to_string(),
        },
    }
}

fn check_view(tree: Tree<'_>, lang: Lang) -> AnyView {
    let c = tree.check();
    let label = if lang == Lang::Zh {
        c.zh.to_string()
    } else {
        c.en.to_string()
    };
    let status = c.status;
    // The value and its line in words (是/否, 亿元, 不低于), not operators.
    let facts = srdi_words::check_facts(tree, words_lang(lang));
    let figures = (!tree.figures().is_empty()).then(|| {
        let list = tree
            .figures()
            .iter()
            .map(|f| {
                // The figure's field by its typed id: no path written and read back.
                let name = shown_field(&f.field, lang);
                format!(
                    "{name}{}{}",
                    if lang == Lang::Zh { "：" } else { ": " },
                    srdi_words::figure(f, words_lang(lang))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        view! { <p class="figures">{t(lang, K::Figures)}": "{list}</p> }
    });
    let note = if lang == Lang::Zh {
        c.note_zh.clone()
    } else {
        c.note_en.clone()
    };
    let citation = c.citation.as_ref().map(|ct| {
        let conf = srdi_words::confidence(ct.confidence, words_lang(lang));
        let summary = format!("{} · {} {}", t(lang, K::Citation), ct.doc_no, ct.article);
        view! {
            <details class="citation">
                <summary>{summary}</summary>
                {if ct.quote.is_empty() {
                    view! { <p class="source">{t(lang, K::QuoteNotSeen)}</p> }.into_any()
                } else {
                    view! { <blockquote lang="zh-CN">{ct.quote.to_string()}</blockquote> }.into_any()
                }}
                <p class="source">"《"{ct.document.to_string()}"》 "{ct.doc_no.to_string()}" · "{t(lang, K::Confidence)}": "{conf}
                    {ct.reading.as_ref().map(|r| format!(" · {r}"))}
                </p>
            </details>
        }
    });
    let children = tree.children().map(|k| check_view(k, lang)).collect_view();
    let has_children = !tree.children().is_empty();
    view! {
        <li class=format!("check {}", serde_status(status)) data-check=c.id.to_string()>
            <div class="check-line">
                <span class="status">{status_text(lang, status)}</span>
                <span class="check-label">{label}</span>
                <span class="facts">{facts}</span>
            </div>
            {figures}
            {note.map(|n| view! { <p class="note">{n.to_string()}</p> })}
            {citation}
            {has_children.then(|| view! { <ul class="checks">{children}</ul> })}
        </li>
    }
    .into_any()
}

fn serde_status(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Unknown => "unknown",
        Status::Manual => "manual",
    }
}

/// The words crate's language for the app's.
pub fn words_lang(lang: Lang) -> srdi_words::Lang {
    match lang {
        Lang::Zh => srdi_words::Lang::Zh,
        Lang::En => srdi_words::Lang::En,
    }
}

fn gap_view(g: &GapStep, lang: Lang) -> AnyView {
    let text = srdi_words::step(g, words_lang(lang));
    view! { <li class="gap" data-check=g.check.to_string()>{text}</li> }.into_any()
}

/// One tier: verdict, score, rule set, gap plan, checks, evidence.
#[component]
pub fn TierCard(
    assessment: std::sync::Arc<Assessment>,
    at: usize,
    date: srdi_engine::Date,
) -> impl IntoView {
    let Some(tier) = assessment.tiers.get(at) else {
        return ().into_any();
    };
    let state = use_state();
    let lang = state.lang.get_untracked();
    let title = tier_label(lang, tier);
    let heading_id = format!("tier-{}", tier.id);
    let labelled_by = heading_id.clone();
    let tier_id = tier.id.clone();
    let verdict = tier.verdict;
    let score = tier.score.as_ref().map(|s| {
        // Before enough answers (more than half the points still open) a bar says
        // nothing: the words alone.
        if (s.max - s.min) * 2 > s.of {
            let text = srdi_words::score(s.min, s.max, s.of, s.pass_mark, words_lang(lang));
            view! { <p class="scoretext">{text}</p> }.into_any()
        } else {
            let blocked = verdict == Verdict::NotQualified;
            view! { <ScoreBar min=s.min max=s.max of=s.of pass=s.pass_mark blocked /> }.into_any()
        }
    });
    // Four or more score groups (专业化、精细化、特色化、创新能力): a radar helps.
    let radar = tier
        .score
        .as_ref()
        .filter(|s| s.groups.len() >= 4)
        .and_then(|s| Some((radar_axes(s.groups.len())?, s)))
        .map(|(axes, s)| {
            let groups = s
                .groups
                .iter()
                .map(|g| {
                    (
                        (if lang == Lang::Zh { &g.zh } else { &g.en }).to_string(),
                        g.min,
                        g.of,
                    )
                })
                .collect();
            view! { <Radar axes groups /> }
        });
    let rs = &tier.rule_set;
    let rule_line = format!(
        "{}: {} ({}) · {} {}{}",
        t(lang, K::RuleSet),
        if lang == Lang::Zh { &rs.zh } else { &rs.en },
        rs.documents
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        t(lang, K::EffectiveFrom),
        rs.effective_from.as_deref().unwrap_or("—"),
        // The provincial pack by its name, not its id.
        rs.pack
            .as_ref()
            .and_then(|id| crate::state::book().packs.iter().find(|p| *p.id == **id))
            .map(|p| format!(" · {}", if lang == Lang::Zh { &p.zh } else { &p.en }))
            .unwrap_or_default()
    );
    // The applicant path and why, and the standard in force and why (issue 11 pts 17, 20).
    let (path_line, why_line) = (
        srdi_words::path(tier, date, words_lang(lang)),
        srdi_words::why(tier, date, words_lang(lang)),
    );
    // Each missing answer by its question's label, a link that opens its step and focuses it.
    let missing = (!tier.missing.is_empty()).then(|| {
        let focus = state.focus;
        let links = tier
            .missing
            .iter()
            .map(|m| {
                let label = shown_field(m, lang);
                let target = crate::components::field::dom_id(&m.to_string());
                let to = crate::questions::step_of(m).map(|n| href(Route::Step(n)));
                view! { <li><a href=to data-focus=target>{label}</a></li> }
            })
            .collect_view();
        // One listener for the list: the link's field is focused when its step opens.
        let on_click = move |ev: leptos::ev::MouseEvent| {
            let field = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|e| e.closest("a[data-focus]").ok().flatten())
                .and_then(|a| a.get_attribute("data-focus"));
            if field.is_some() {
                focus.set(field);
            }
        };
        view! {
            <div class="missing">
                <p>{t(lang, K::MissingFigures)}":"</p>
                <ul on:click=on_click>{links}</ul>
            </div>
        }
    });
    let gaps = if tier.gaps.is_empty() {
        None
    } else {
        let items = tier.gaps.iter().map(|g| gap_view(g, lang)).collect_view();
        Some(view! {
            <section class="gaps">
                <h4>{t(lang, K::GapPlan)}</h4>
                <ol>{items}</ol>
            </section>
        })
    };
    let checks = tier.roots().map(|c| check_view(c, lang)).collect_view();
    let evidence = (!tier.evidence.is_empty()).then(|| {
        let items = tier
            .evidence
            .iter()
            .map(
                |e| view! { <li>{if lang == Lang::Zh { e.zh.to_string() } else { e.en.to_string() }}</li> },
            )
            .collect_view();
        view! {
            <details class="evidence">
                <summary>{t(lang, K::Evidence)}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <article class="tier-card" aria-labelledby=labelled_by data-tier=tier_id>
            <h3 id=heading_id>{title}" " <VerdictBadge verdict=verdict /></h3>
            <p class="tier-path">{path_line}</p>
            <p class="tier-why">{why_line}</p>
            {score}
            {radar}
            <p class="ruleset">{rule_line}</p>
            {missing}
            {gaps}
            <details class="all-checks">
                <summary>{t(lang, K::Checks)}</summary>
                <ul class="checks">{checks}</ul>
            </details>
            {evidence}
        </article>
    }
    .into_any()
}

/// Every selected tier's card, and the realistic next step.
#[component]
pub fn ResultCards(assessment: std::sync::Arc<Assessment>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang.get_untracked();
    let tiers = state.tiers.get_untracked();
    let date = srdi_words::date_of(&assessment);
    let next = srdi_words::next_step(&assessment, words_lang(lang)).map(|n| {
        view! {
            <section class="next-step">
                <h2>{t(lang, K::NextStep)}</h2>
                <p>{n}</p>
            </section>
        }
    });
    view! {
        {next}
        {assessment
            .tiers
            .iter()
            .enumerate()
            .filter(|(_, tr)| tiers.iter().any(|t| t.key() == tr.id))
            .map(|(at, _)| view! { <TierCard assessment=assessment.clone() at date /> })
            .collect_view()}
    }
}
