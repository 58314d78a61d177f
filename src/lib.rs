//! SRDI Check (专精特新自测): the Leptos app, rendered entirely in the browser.
//!
//! `main.rs` only mounts [`App`]. The answers and the one assessment derived
//! from them live in [`state::AppState`], handed down as context; pages are in
//! `pages/`, reusable pieces in `components/`, the questionnaire as data in
//! `questions.rs`, and every interface string in `i18n/`.

pub mod components;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod questions;
pub mod state;

use leptos::prelude::*;
use leptos_router::{
    components::{A, Route, Router, Routes},
    path,
};

use crate::i18n::{K, Lang, t, tr};
use crate::pages::{
    compare::Compare, questionnaire::Questionnaire, results::Results, rules::Rules, start::Start,
};
use crate::state::AppState;

/// The whole app: state, header, routed pages.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // Keep <html lang> and the large-text class in step with the choices.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let large = state.large_text.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.class_list().toggle_with_force("large-text", large);
        }
        document().set_title(t(lang, K::AppName));
    });
    let lang = move || state.lang.get();
    view! {
        <Router>
            <a class="skip" href="#main">{tr(K::SkipToContent)}</a>
            <header class="site-header no-print">
                <A href="/" attr:class="brand">{tr(K::AppName)}</A>
                <nav aria-label=move || t(lang(), K::MainNav)>
                    <A href="/q/1">{tr(K::NavQuestions)}</A>
                    <A href="/results">{tr(K::NavResults)}</A>
                    <A href="/compare">{tr(K::NavCompare)}</A>
                    <A href="/rules">{tr(K::NavRules)}</A>
                </nav>
                <div class="prefs">
                    <button type="button" id="lang-toggle" lang=move || if lang() == Lang::Zh { "en" } else { "zh-CN" } on:click=move |_| state.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                        {tr(K::Language)}
                    </button>
                    <label class="choice" for="large-text">
                        <input id="large-text" type="checkbox" prop:checked=move || state.large_text.get() on:change=move |ev| state.large_text.set(event_target_checked(&ev)) />
                        {tr(K::LargeText)}
                    </label>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Start />
                    <Route path=path!("/q/:step") view=Questionnaire />
                    <Route path=path!("/results") view=Results />
                    <Route path=path!("/compare") view=Compare />
                    <Route path=path!("/rules") view=Rules />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr(K::Privacy)}" "{tr(K::NotOfficial)}</p>
            </footer>
        </Router>
    }
}

/// Shown for paths the app does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(K::NotFound)}</h1>
            <A href="/">{tr(K::NavStart)}</A>
        </section>
    }
}
