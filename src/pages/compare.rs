//! The same answers under the 2022 and the 2026 standards, side by side.

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
            let profile = state.profile.get().ok()?;
            let run =
                |r| options(&date, path, &new, &review, r).map(|o| assess(book(), &profile, &o));
            Some((run(RulesChoice::V2022)?, run(RulesChoice::V2026)?))
        },
        changed,
    );
    view! {
        <section class="page compare">
            <h1>{tr(K::CompareTitle)}</h1>
            <p>{tr(K::CompareIntro)}</p>
            {move || both.get().map(|(a, b)| {
                let l = lang();
                let rows = a.tiers.iter().zip(b.tiers.iter()).map(|(x, y)| {
                    let name = if l == Lang::Zh { x.zh.clone() } else { x.en.clone() };
                    view! {
                        <tr data-tier=x.id.clone()>
                            <th scope="row">{name}</th>
                            <td class="v2022"><VerdictBadge verdict=x.verdict />" "{score(x)}<br /><small>{x.rule_set.id.clone()}</small></td>
                            <td class="v2026"><VerdictBadge verdict=y.verdict />" "{score(y)}<br /><small>{y.rule_set.id.clone()}</small></td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="compare-table">
                            <thead><tr><th scope="col"></th><th scope="col">{t(l, K::Rules2022)}</th><th scope="col">{t(l, K::Rules2026)}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}
