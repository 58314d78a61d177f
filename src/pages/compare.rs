//! The same answers under every edition of the standards in the rule files
//! (2022 and 2026 today), side by side.

use leptos::prelude::*;
use srdi_engine::{RulesChoice, TierResult, assess};

use crate::components::result::VerdictBadge;
use crate::i18n::{K, Lang, t, tr};
use crate::state::changed;
use crate::state::{book, options, use_state};

fn score(t: &TierResult) -> String {
    t.score
        .as_ref()
        .map(|s| {
            let v = if s.min == s.max {
                s.min.to_string()
            } else {
                format!("{}–{}", s.min, s.max)
            };
            format!("{v}/{} (≥{})", s.of, s.pass_mark)
        })
        .unwrap_or_default()
}

#[component]
pub fn Compare() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let both = Memo::new_with_compare(
        move |_| {
            let (date, path) = (state.date.get(), state.path.get());
            let (new, review) = (state.paths_new.get(), state.paths_review.get());
            let profile = state.profile.with(|u| u.profile.clone().ok())?;
            let mut runs = Vec::new();
            for v in book().editions() {
                let o = options(&date, path, &new, &review, RulesChoice::Version(v.clone()))?;
                let a = assess(book(), &profile, &o);
                runs.push((v, a));
            }
            Some(runs)
        },
        changed,
    );
    view! {
        <section class="page compare">
            <h1>{tr(K::CompareTitle)}</h1>
            <p>{tr(K::CompareIntro)}</p>
            {move || both.with(|runs| runs.as_ref().and_then(|runs| {
                let l = lang();
                let first = runs.first()?;
                let rows = first.1.tiers.iter().enumerate().map(|(i, x)| {
                    let name = if l == Lang::Zh { x.zh.clone() } else { x.en.clone() };
                    let cells = runs.iter().filter_map(|(v, a)| {
                        let y = a.tiers.get(i)?;
                        Some(view! {
                            <td class=format!("v{v}")><VerdictBadge verdict=y.verdict />" "{score(y)}<br /><small>{if l == Lang::Zh { y.rule_set.zh.clone() } else { y.rule_set.en.clone() }}</small></td>
                        }.into_any())
                    }).collect::<Vec<AnyView>>();
                    view! {
                        <tr data-tier=x.id.clone()>
                            <th scope="row">{name}</th>
                            {cells}
                        </tr>
                    }
                }).collect_view();
                let heads = runs.iter().map(|(v, _)| view! { <th scope="col">{v.clone()}{t(l, K::RulesEdition)}</th> }.into_any()).collect::<Vec<AnyView>>();
                Some(view! {
                    <div class="table-wrap">
                        <table class="compare-table">
                            <thead><tr><th scope="col"></th>{heads}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                })
            }))}
        </section>
    }
}
