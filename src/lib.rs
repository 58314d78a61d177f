//! SRDI Check (专精特新自测): the Leptos app, rendered entirely in the browser.
//!
//! Components live here (not in `main.rs`) so that `tests/web.rs` can mount them.
//! Page logic lives in plain functions ([`amount`]) that are tested without a DOM.

pub mod amount;

use leptos::prelude::*;
use leptos_router::{
    components::{A, Route, Router, Routes},
    path,
};

use crate::amount::{RevenueFeedback, revenue_feedback};

/// The whole app: navigation and the routed pages.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="site-header">
                <nav aria-label="主导航">
                    <A href="/">"自测"</A>
                    <A href="/rules">"规则"</A>
                </nav>
            </header>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/rules") view=Rules />
                </Routes>
            </main>
        </Router>
    }
}

/// The home page: one input and the value derived from it.
#[component]
pub fn Home() -> impl IntoView {
    let revenue = RwSignal::new(String::new());
    let feedback = Memo::new(move |_| revenue.with(|text| revenue_feedback(text)));
    let is_error = move || matches!(feedback.get(), RevenueFeedback::Error(_));
    let message = move || match feedback.get() {
        RevenueFeedback::Nothing => String::new(),
        RevenueFeedback::Derived(text) => text,
        RevenueFeedback::Error(text) => text.to_string(),
    };

    view! {
        <section class="page">
            <h1>"专精特新自测"</h1>
            <p class="lead">"所有数据只在本机浏览器中计算，不会上传。"</p>
            <div class="field">
                <label for="revenue">"上年度营业收入（万元）"</label>
                <input
                    id="revenue"
                    name="revenue"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder="例如 3000"
                    aria-describedby="revenue-feedback"
                    aria-invalid=move || if is_error() { "true" } else { "false" }
                    bind:value=revenue
                />
                <p id="revenue-feedback" class="feedback" class:error=is_error aria-live="polite">
                    {message}
                </p>
            </div>
        </section>
    }
}

/// The rules page (placeholder until the rule engine lands).
#[component]
pub fn Rules() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"规则"</h1>
            <p>"各项认定条件将在此列出。"</p>
        </section>
    }
}

/// Shown for any path that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"页面不存在"</h1>
            <p>
                <a href="/">"返回首页"</a>
            </p>
        </section>
    }
}
