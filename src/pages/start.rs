//! Start: what the tool does and does not do, the privacy promise, and the
//! choices with defaults (date today, applicant path by titles held, no province).

use leptos::prelude::*;
use srdi_engine::RulesChoice;
use srdi_engine::json::Value;
use srdi_engine::rules::ApplicantPath;

use crate::i18n::{K, Lang, tr};
use crate::questions::{ALL, PROVINCES};
use crate::router::{Route, use_nav};
use crate::state::{book, use_state};

/// Per-tier path overrides for the tiers that have a title (not 划型), folded away unless the
/// user opens them or an override is set.
#[component]
fn PathPerTier() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let rows = ALL[1..]
        .iter()
        .copied()
        .map(|tier| {
            let id = format!("opt-path-{tier}");
            let (zh, en) = tier.name();
            let current = move || {
                if state.paths_new.with(|v| v.contains(&tier)) {
                    "new"
                } else if state.paths_review.with(|v| v.contains(&tier)) {
                    "review"
                } else {
                    ""
                }
            };
            view! {
                <label class="path-tier">
                    {move || if lang() == crate::i18n::Lang::Zh { zh } else { en }}
                    <select id=id prop:value=current on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.paths_new.update(|ps| ps.retain(|t| *t != tier));
                        state.paths_review.update(|ps| ps.retain(|t| *t != tier));
                        match v.as_str() {
                            "new" => state.paths_new.update(|ps| ps.push(tier)),
                            "review" => state.paths_review.update(|ps| ps.push(tier)),
                            _ => {}
                        }
                    }>
                        <option value="">{tr(K::PathFollow)}</option>
                        <option value="new">{tr(K::PathNew)}</option>
                        <option value="review">{tr(K::PathReview)}</option>
                    </select>
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="path-per-tier" prop:open=move || state.paths_new.with(|v| !v.is_empty()) || state.paths_review.with(|v| !v.is_empty())>
            <summary>{tr(K::PathPerTier)}</summary>
            {rows}
        </details>
    }
}

#[component]
pub fn Start() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let nav = use_nav();
    let province = move || {
        state
            .value("province")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    view! {
        <section class="page start">
            <h1>{tr(K::AppName)}</h1>
            <p class="lead">{tr(K::Tagline)}</p>
            <p class="privacy"><strong>{tr(K::Privacy)}</strong></p>
            <p>{tr(K::StartWhat)}</p>
            <p>{tr(K::StartWhatNot)}</p>
            <p class="disclaimer">{tr(K::NotOfficial)}</p>
            <form class="options" on:submit=move |ev| {
                ev.prevent_default();
                nav.go(Route::Step(1));
            }>
                <h2>{tr(K::StartTitle)}</h2>
                <div class="field">
                    <label for="opt-date">{tr(K::AssessmentDate)}</label>
                    <input id="opt-date" type="date" aria-describedby="opt-date-help" prop:value=move || state.date.get() on:input=move |ev| state.date.set(event_target_value(&ev)) />
                    <p class="help" id="opt-date-help">{tr(K::AssessmentDateHelp)}</p>
                </div>
                <fieldset class="field">
                    <legend>{tr(K::ApplicantPath)}</legend>
                    <div class="choices">
                        <label class="choice"><input type="radio" name="opt-path" id="opt-path-auto" prop:checked=move || state.path.get().is_none() on:change=move |_| state.path.set(None) />{tr(K::PathAuto)}</label>
                        <label class="choice"><input type="radio" name="opt-path" id="opt-path-new" prop:checked=move || state.path.get() == Some(ApplicantPath::New) on:change=move |_| state.path.set(Some(ApplicantPath::New)) />{tr(K::PathNew)}</label>
                        <label class="choice"><input type="radio" name="opt-path" id="opt-path-review" prop:checked=move || state.path.get() == Some(ApplicantPath::Review) on:change=move |_| state.path.set(Some(ApplicantPath::Review)) />{tr(K::PathReview)}</label>
                    </div>
                    <p class="help">{tr(K::PathHelp)}</p>
                    <PathPerTier />
                </fieldset>
                <div class="field">
                    <label for="opt-province">{tr(K::Province)}</label>
                    <select id="opt-province" aria-describedby="opt-province-help" prop:value=province on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.set_value("province", (!v.is_empty()).then_some(Value::String(v)));
                    }>
                        <option value="">{tr(K::ProvinceNone)}</option>
                        {PROVINCES.iter().map(|(z, e)| view! { <option value=*z>{move || if state.lang.get() == Lang::Zh { *z } else { *e }}</option> }).collect_view()}
                    </select>
                    <p class="help" id="opt-province-help">{tr(K::ProvinceHelp)}</p>
                </div>
                <div class="field">
                    <label for="opt-rules">{tr(K::RulesVersion)}</label>
                    <select id="opt-rules" prop:value=move || state.rules.get().key().to_string() on:change=move |ev| {
                        state.rules.set(RulesChoice::parse(&event_target_value(&ev), book()).unwrap_or_default());
                    }>
                        <option value="auto">{tr(K::RulesAuto)}</option>
                        // The editions in the rule files (versions with base conditions).
                        {book().editions().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}{tr(K::RulesEdition)}</option> }.into_any()).collect::<Vec<AnyView>>()}
                    </select>
                </div>
                <fieldset class="field tiers">
                    <legend>{tr(K::TiersToCheck)}</legend>
                    <div class="choices">
                        {ALL.iter().copied().map(|tier| {
                            let id = format!("opt-tier-{tier}");
                            let for_id = id.clone();
                            let (zh, en) = tier.name();
                            view! {
                                <label class="choice" for=for_id>
                                    <input type="checkbox" id=id prop:checked=move || state.tiers.with(|s| s.contains(&tier)) on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        state.tiers.update(|s| { s.retain(|t| *t != tier); if on { s.push(tier); } });
                                    } />
                                    {move || if lang() == crate::i18n::Lang::Zh { zh } else { en }}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="primary">{tr(K::StartButton)}</button>
            </form>
        </section>
    }
}
