//! Results: the next step, a card per tier with every check and its
//! citation, the gap plan, and the data tools (print, download, export,
//! import, remember, forget).

use leptos::prelude::*;

use crate::components::data::DataTools;
use crate::components::result::ResultCards;
use crate::i18n::{K, t, tr};
use crate::state::use_state;

#[component]
pub fn Results() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    view! {
        <section class="page results">
            <header class="report-head">
                <h1>{tr(K::ResultsTitle)}</h1>
                <p class="print-only">
                    {move || format!("{} · {} · {}", t(lang(), K::ReportFor), state.date.get(), state.rules.get().key())}
                </p>
                <p>{tr(K::ResultsIntro)}</p>
                <p class="disclaimer">{tr(K::NotOfficial)}</p>
            </header>
            <DataTools />
            {move || {
                let _ = state.lang.get();
                let _ = state.tiers.get();
                state.assessment.get().map(|a| view! { <ResultCards assessment=a /> })
            }}
        </section>
    }
}
