//! SRDI Check (专精特新自测): the Leptos app, rendered entirely in the browser.
//!
//! `main.rs` only mounts [`App`]. The answers and the one assessment derived
//! from them live in [`state::AppState`], handed down as context; pages are in
//! `pages/`, reusable pieces in `components/`, the questionnaire as data in
//! `questions.rs`, and every interface string in `i18n/`.

pub mod components;
pub mod download;
pub mod host;
pub mod i18n;
pub mod pages;
pub mod questions;
pub mod router;
pub mod state;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{K, Lang, t, tr};
use crate::pages::{
    compare::Compare, digital::Digital, questionnaire::Questionnaire, results::Results,
    rules::Rules, start::Start,
};
use crate::router::{Route, href, provide_nav, use_nav};
use crate::state::AppState;

/// The allocator in the browser: talc instead of Rust's default for wasm32
/// (dlmalloc), which is about 7 KB of code (raw) against talc's few.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The whole app: state, header, routed pages.
#[component]
pub fn App() -> impl IntoView {
    let host = host::from_location();
    host::apply_to_page(&host);
    router::keep_query(host.query());
    let state = if host.kiosk {
        AppState::kiosk()
    } else {
        AppState::new()
    };
    state.adopt(&host);
    provide_context(state);
    // Without a draft, leaving or reloading with answers typed asks first (not on a shared
    // screen, where the idle wipe must not be held up).
    if !state.kiosk {
        let _ = window_event_listener_untyped("beforeunload", move |ev| {
            let answered = state.answers.with_untracked(|a| a.len() > 1);
            if answered && !state.remember.get_untracked() {
                ev.prevent_default();
            }
        });
    }
    let nav = provide_nav();
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
    // Which page, not which step: moving between steps keeps the questionnaire (and its focus
    // handling) rather than building it anew.
    let page_kind = Memo::new(move |_| match nav.route.get() {
        Route::Step(_) => Route::Step(0),
        route => route,
    });
    let page = move || match page_kind.get() {
        Route::Start => Start().into_any(),
        Route::Step(_) => Questionnaire().into_any(),
        Route::Results => Results().into_any(),
        Route::Compare => Compare().into_any(),
        Route::Rules => Rules().into_any(),
        Route::Digital => Digital().into_any(),
        Route::NotFound => NotFound().into_any(),
    };
    view! {
        <a class="skip" href="#main" on:click=skip_to_main>{tr(K::SkipToContent)}</a>
        <header class="site-header no-print">
            <a href=href(Route::Start) class="brand">{tr(K::AppName)}</a>
            <nav aria-label=move || t(lang(), K::MainNav)>
                <NavLink to=Route::Step(1) label=K::NavQuestions />
                <NavLink to=Route::Results label=K::NavResults />
                <NavLink to=Route::Compare label=K::NavCompare />
                <NavLink to=Route::Rules label=K::NavRules />
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
        {state.kiosk.then(|| view! { <p class="kiosk-notice" role="note">{tr(K::KioskNotice)}</p> })}
        // For the site's web team: a `host` value that is not a list of origins stops all messages.
        {host.host_error.clone().map(|(why, _)| {
            let (zh, en) = why.words();
            view! { <p class="host-error" role="alert">{tr(K::HostInvalid)}" "{crate::i18n::say(zh, en)}</p> }
        })}
        <main id="main" tabindex="-1">{page}</main>
        <footer class="site-footer">
            <p>{tr(K::Privacy)}" "{tr(K::NotOfficial)}</p>
        </footer>
    }
}

/// The skip link moves focus to the main region itself, so it works with either URL shape
/// (a `#main` hash would be taken for a route when the app runs from disk).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(Ok(main)) = document()
        .get_element_by_id("main")
        .map(|main| main.dyn_into::<web_sys::HtmlElement>())
    {
        let _ = main.focus();
    }
}

/// A header link, marked `aria-current="page"` while its page is shown (any step, for the questionnaire).
#[component]
fn NavLink(to: Route, label: K) -> impl IntoView {
    let nav = use_nav();
    let current = move || {
        let now = nav.route.get();
        (now == to || matches!((now, to), (Route::Step(_), Route::Step(_)))).then_some("page")
    };
    view! { <a href=href(to) aria-current=current>{tr(label)}</a> }
}

/// Shown for paths the app does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(K::NotFound)}</h1>
            <a href=href(Route::Start)>{tr(K::NavStart)}</a>
        </section>
    }
}
