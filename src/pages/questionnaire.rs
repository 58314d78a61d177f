//! The questionnaire: six themed steps with a progress indicator, the live
//! summary beside the form, and back / next that never lose an answer
//! (answers live in the app state, not in the step).

use leptos::html;
use leptos::prelude::*;
use srdi_engine::rules::PackQuestion;

use crate::components::data::Drafts;
use crate::components::field::{
    AwardsEditor, ChoiceSelect, FinanceTable, QuestionField, TermNotes, YesNo, pair_signal,
};
use crate::components::result::LiveSummary;
use crate::i18n::{K, Lang, t, tr};
use crate::questions::{
    Extra, FINANCE, FINANCE_TERMS, STEPS, step_paths, table_questions, terms_of,
};
use crate::router::{Route, href, use_nav};
use crate::state::{book, use_state};

/// The provincial pack's questions for the chosen province, if any.
fn pack_questions(province: &str) -> Vec<&'static PackQuestion> {
    book()
        .packs
        .iter()
        .filter(|p| {
            srdi_engine::rules::normalise_province(&p.province)
                == srdi_engine::rules::normalise_province(province)
        })
        .flat_map(|p| p.questions.iter())
        .collect()
}

#[component]
pub fn Questionnaire() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let step = Memo::new(move |_| match nav.route.get() {
        Route::Step(n) => n,
        _ => 1,
    });
    let heading: NodeRef<html::H1> = NodeRef::new();
    // Move focus to the step heading when the step changes (not on first load).
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = step.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    // A link from the results' missing answers: focus that field once the step is drawn.
    Effect::new(move |_| {
        let _ = step.get();
        if let Some(id) = state.focus.get_untracked() {
            request_animation_frame(move || {
                if let Some(el) = document()
                    .get_element_by_id(&id)
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
                state.focus.set(None);
            });
        }
    });
    let lang = move || state.lang.get();
    // The step's fields depend on the province, not on every answer: typing must not rebuild them.
    let province = Memo::new(move |_| {
        state
            .value("province")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    });
    let wanted = move |tiers: &[srdi_engine::Tier]| {
        state.tiers.with(|s| tiers.iter().any(|t| s.contains(t)))
    };
    view! {
        <div class="layout">
            <section class="page questionnaire">
                <nav aria-label=move || if lang() == Lang::Zh { "填写进度" } else { "Progress" }>
                    <ol class="progress">
                        {STEPS.iter().enumerate().map(|(i, s)| {
                            let n = i + 1;
                            // Answered of asked, for the chosen tiers: a step is done when its answers
                            // are in, not when it was visited.
                            // A plain closure, read twice per change (no memo of a new type in the bundle).
                            let filled = move || {
                                let paths = state.tiers.with(|ts| {
                                    step_paths(n, ts, state.year(), |f| {
                                        state.value(&f.path()).and_then(|v| v.as_bool()) == Some(true)
                                    })
                                });
                                let answered = paths
                                    .iter()
                                    .filter(|p| state.value(p).is_some_and(|v| !matches!(v, srdi_engine::json::Value::Null)))
                                    .count();
                                (answered, paths.len())
                            };
                            let count = move || {
                                let (a, all) = filled();
                                srdi_words::fill(
                                    if lang() == Lang::Zh { "{0}/{1} 项已填" } else { "{0} of {1} answered" },
                                    &[&a.to_string(), &all.to_string()],
                                )
                            };
                            view! {
                                <li class:done=move || { let (a, all) = filled(); all > 0 && a == all } class:current=move || n == step.get()>
                                    <a href=href(Route::Step(n)) aria-current=move || (n == step.get()).then_some("step")>
                                        {n}". "{move || s.title.get(lang())}
                                        <span class="filled">{count}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
                <h1 node_ref=heading tabindex="-1">
                    {move || format!("{} {} · {}", step.get(), if lang() == Lang::Zh { "/ 6" } else { "of 6" }, STEPS[step.get() - 1].title.get(lang()))}
                </h1>
                <p class="intro">{move || STEPS[step.get() - 1].intro.get(lang())}</p>
                <p class="help">{tr(K::BlankIsUnknown)}</p>
                <Drafts />
                <form class="questions" on:submit=|ev| ev.prevent_default()>
                    {move || {
                        let n = step.get();
                        let def = &STEPS[n - 1];
                        let mut views: Vec<AnyView> = Vec::new();
                        let extra = |e: Extra, views: &mut Vec<AnyView>| {
                            if !wanted(e.tiers()) {
                                return;
                            }
                            match e {
                                Extra::Finance => {
                                    if FINANCE.iter().any(|r| wanted(r.tiers)) {
                                        views.push(view! { <FinanceTable /> }.into_any());
                                        views.push(view! { <TermNotes ids=FINANCE_TERMS /> }.into_any());
                                    }
                                }
                                Extra::Awards => views.push(view! { <AwardsEditor /> }.into_any()),
                                Extra::ProvinceItems => {
                                    let province = province.get();
                                    let qs = pack_questions(&province);
                                    if !qs.is_empty() {
                                        views.push(view! { <h2>{move || format!("{} · {}", t(lang(), K::ProvincialItems), crate::questions::province_name(&province, lang()))}</h2> }.into_any());
                                        for pq in qs {
                                            let path = format!("province_items.{}", pq.item);
                                            if pq.options.is_empty() {
                                                views.push(view! { <YesNo path label=pair_signal(pq.zh.to_string(), pq.en.to_string()) /> }.into_any());
                                            } else {
                                                let options = pq.options.iter().map(|o| (o.key.to_string(), pair_signal(o.zh.to_string(), o.en.to_string()))).collect();
                                                views.push(view! { <ChoiceSelect path label=pair_signal(pq.zh.to_string(), pq.en.to_string()) options /> }.into_any());
                                            }
                                        }
                                    }
                                }
                            }
                        };
                        for &e in def.extras.iter().filter(|e| e.leads()) {
                            extra(e, &mut views);
                        }
                        for q in def.questions.iter().chain(table_questions(n)).filter(|q| wanted(q.tiers)) {
                            match q.when {
                                // A follow-up shows (and hides) by itself: the step is not rebuilt.
                                Some(cond) => {
                                    let cond = cond.path();
                                    let held = move || state.value(&cond).and_then(|v| v.as_bool()) == Some(true);
                                    views.push(view! { <Show when=held><QuestionField q /></Show> }.into_any());
                                }
                                None => views.push(view! { <QuestionField q /> }.into_any()),
                            }
                            let ids = terms_of(q.field);
                            if !ids.is_empty() {
                                views.push(view! { <TermNotes ids /> }.into_any());
                            }
                        }
                        for &e in def.extras.iter().filter(|e| !e.leads()) {
                            extra(e, &mut views);
                        }
                        views
                    }}
                    <div class="step-nav">
                        {move || (step.get() > 1).then(|| view! { <a href=href(Route::Step(step.get() - 1)) class="button">{tr(K::Back)}</a> })}
                        {move || if step.get() < STEPS.len() {
                            view! { <a href=href(Route::Step(step.get() + 1)) class="button primary">{tr(K::Next)}</a> }.into_any()
                        } else {
                            view! { <a href=href(Route::Results) class="button primary">{tr(K::SeeResults)}</a> }.into_any()
                        }}
                    </div>
                </form>
            </section>
            <LiveSummary />
        </div>
    }
}
