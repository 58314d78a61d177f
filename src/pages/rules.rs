//! Every rule of every tier with its citation, version and dates, so an
//! association officer can check the tool against the documents.

use leptos::prelude::*;
use srdi_engine::rules::{Citation, Node, NodeKind, RuleFile, Scoring};

use crate::i18n::{K, Lang, t, tr};
use crate::state::{book, use_state};

fn scoring_text(s: &Scoring) -> Vec<String> {
    match s {
        Scoring::Bands { bands, .. } => bands
            .iter()
            .map(|b| format!("{} {} → {}", b.label, b.text, b.points))
            .collect(),
        Scoring::Levels { levels } => levels
            .iter()
            .map(|l| format!("{} {} → {}", l.label, l.text, l.points))
            .collect(),
        Scoring::MaxOf { of } => of.iter().flat_map(scoring_text).collect(),
    }
}

/// A citation: the document's own words, or, where no verbatim text was seen,
/// a line saying so (never an empty quote block).
fn cite_view(c: &Citation, f: &RuleFile, lang: Lang) -> AnyView {
    let doc = f
        .documents
        .get(&*c.doc)
        .map(|d| d.doc_no.to_string())
        .unwrap_or_default();
    let footer = format!("{doc} {} · {}", c.article, c.confidence.key());
    if c.quote.trim().is_empty() {
        view! { <p class="source">{t(lang, K::QuoteNotSeen)}" — "{footer}</p> }.into_any()
    } else {
        view! { <blockquote lang="zh-CN">{c.quote.to_string()}<footer>{footer}</footer></blockquote> }.into_any()
    }
}

fn node_view(n: &Node, f: &RuleFile, lang: Lang) -> AnyView {
    let label = if lang == Lang::Zh {
        n.zh.to_string()
    } else {
        n.en.to_string()
    };
    let rule = match &n.kind {
        NodeKind::Compare {
            metric,
            op,
            value,
            unit,
            year,
            ..
        } => format!(
            "{metric} (Y{year:+}) {} {value} {}",
            op.symbol(),
            unit.key()
        ),
        NodeKind::Score(s) => format!("≥ {} / {}", s.pass_mark, s.max),
        NodeKind::Manual {} => t(lang, K::Manual).to_string(),
        NodeKind::CountOf { at_least, of } => format!("≥ {at_least} / {}", of.len()),
        _ => String::new(),
    };
    let cite = n.cite.as_ref().map(|c| cite_view(c, f, lang));
    let children: Vec<AnyView> = match &n.kind {
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => of.iter().map(|k| node_view(k, f, lang)).collect(),
        NodeKind::Score(s) => s
            .groups
            .iter()
            .map(|g| {
                let inds = g.indicators.iter().map(|i| {
                    view! {
                        <li>
                            <strong>{if lang == Lang::Zh { i.zh.to_string() } else { i.en.to_string() }}</strong>" ("{i.max.to_string()}")"
                            <ul>{scoring_text(&i.scoring).into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
                            {cite_view(&i.cite, f, lang)}
                        </li>
                    }
                }).collect_view();
                view! { <li><strong>{if lang == Lang::Zh { g.zh.to_string() } else { g.en.to_string() }}</strong>" ("{g.max.to_string()}")"<ul>{inds}</ul></li> }.into_any()
            })
            .collect(),
        _ => Vec::new(),
    };
    view! {
        <li data-node=n.id.to_string()>
            <span class="node-label">{label}</span>
            {(!rule.is_empty()).then(|| view! { <code class="node-rule">{rule}</code> })}
            {cite}
            {(!children.is_empty()).then(|| view! { <ul>{children}</ul> })}
        </li>
    }
    .into_any()
}

#[component]
pub fn Rules() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="page rules">
            <h1>{tr(K::RulesTitle)}</h1>
            <p>{tr(K::RulesIntro)}</p>
            {move || {
                let lang = state.lang.get();
                book().files.iter().map(|f| {
                    let docs = f.documents.values().map(|d| format!("《{}》{}（{}）", d.title, d.doc_no, d.effective.as_deref().or(d.issued.as_deref()).unwrap_or(""))).collect::<Vec<_>>();
                    let applies = f.applies.iter().map(|a| format!("{}: {} – {}", a.path.key(), a.from, a.until.as_deref().unwrap_or("…"))).collect::<Vec<_>>();
                    let body = f.root.as_ref().map(|r| view! { <ul class="rule-tree">{node_view(r, f, lang)}</ul> }.into_any())
                        .or_else(|| f.size_table.as_ref().map(|t| view! {
                            <ul>{t.industries.iter().map(|r| view! { <li><strong>{r.zh.to_string()}</strong>" "{r.quote.to_string()}</li> }).collect_view()}</ul>
                        }.into_any()));
                    view! {
                        <details class="rule-file" id=format!("rules-{}", f.id)>
                            <summary>{if lang == Lang::Zh { f.zh.to_string() } else { f.en.to_string() }}" · "{f.version.to_string()}</summary>
                            <p>{t(lang, K::Documents)}": "{docs.join("；")}</p>
                            <p>{t(lang, K::Applies)}": "{applies.join("；")}</p>
                            {body}
                        </details>
                    }
                }).collect_view()
            }}
        </section>
    }
}
