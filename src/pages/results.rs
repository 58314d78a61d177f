//! Results: the verdicts first (one sentence a tier, the standard named
//! once, the fiscal years the figures stand for), then the data tools
//! (print, download, export, import, remember, forget), the next step, and a
//! card per tier with every check and its citation and the gap plan.

use leptos::prelude::*;

use crate::components::data::DataTools;
use crate::components::result::{ResultCards, words_lang};
use crate::i18n::{K, t, tr};
use crate::pages::digital::SelftestSummary;
use crate::state::use_state;

#[component]
pub fn Results() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    view! {
        <section class="page results">
            <header class="report-head">
                <h1>{tr(K::ResultsTitle)}</h1>
                // The printed report's head: whose it is, its date, the standards applied.
                <p class="print-only">
                    {move || {
                        let name = state.value("label").and_then(|v| v.as_str().map(str::to_string));
                        let mut head = vec![t(lang(), K::ReportFor).to_string()];
                        head.extend(name.filter(|n| !n.trim().is_empty()));
                        head.push(state.date.get());
                        head.push(srdi_words::standards(state.rules.get().key(), words_lang(lang())));
                        head.join(" · ")
                    }}
                </p>
                <p>{tr(K::ResultsIntro)}</p>
                <p class="disclaimer">{tr(K::NotOfficial)}</p>
            </header>
            // The verdicts first, in plain words; the data tools below them (issue 13 pts 1, 8).
            {move || {
                let wl = words_lang(lang());
                let tiers = state.tiers.get();
                state.assessment.with(|a| {
                    a.as_ref().map(|a| {
                        let date = srdi_words::date_of(a);
                        let lines = a
                            .tiers
                            .iter()
                            .filter(|tr| tiers.iter().any(|t| t.key() == tr.id))
                            .map(|tr| view! { <li data-tier=tr.id.clone()>{srdi_words::tier_summary(tr, date, wl)}</li> })
                            .collect_view();
                        view! {
                            <section class="verdicts" aria-labelledby="verdicts-title">
                                <h2 id="verdicts-title">{t(lang(), K::Verdict)}</h2>
                                <p class="fiscal-years">{srdi_words::fiscal_years(date, wl)}</p>
                                <ul>{lines}</ul>
                            </section>
                        }
                    })
                })
            }}
            <DataTools />
            <SelftestSummary />
            {move || {
                let _ = state.lang.get();
                let _ = state.tiers.get();
                state.assessment.get().map(|a| view! { <ResultCards assessment=a /> })
            }}
        </section>
    }
}
