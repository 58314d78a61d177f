//! Keeping and sharing, all local: print, download the result, export and
//! import the answers, remember on this device (opt-in), forget everything.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use srdi_engine::json::Value;

use crate::components::result::words_lang;
use crate::download::{download, read_file};
use crate::i18n::{K, Lang, t, tr};
use crate::state::use_state;

#[component]
pub fn DataTools() -> impl IntoView {
    let state = use_state();
    let message = RwSignal::new(String::new());
    let file: NodeRef<html::Input> = NodeRef::new();
    let on_import = move |_| {
        let Some(input) = file.get() else { return };
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let result = match read_file(&input).await {
                Ok(text) => state.import(&text),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => message.set(t(lang, K::ImportOk).to_string()),
                Err(e) => message.set(format!(
                    "{} {}",
                    t(lang, K::ImportFailed),
                    if lang == Lang::Zh {
                        e.message_zh()
                    } else {
                        e.to_string()
                    }
                )),
            }
            input.set_value("");
        });
    };
    view! {
        <div class="data-tools no-print">
            // The report: verdicts, next step, each tier's path, score, missing answers and plan,
            // on one or two A4 pages (the stylesheet leaves the checks out of print).
            <button type="button" id="print" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
            // The report with every check and citation as an appendix.
            <button type="button" id="print-full" on:click=move |_| {
                // Closed <details> do not print: open every one first.
                if let Ok(all) = document().query_selector_all("details") {
                    for i in 0..all.length() {
                        if let Some(el) = all.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.set_attribute("open", "");
                        }
                    }
                }
                let root = document().document_element();
                if let Some(r) = &root { let _ = r.class_list().add_1("print-full"); }
                let _ = window().print();
                if let Some(r) = &root { let _ = r.class_list().remove_1("print-full"); }
            }>{tr(K::PrintFull)}</button>
            <span class="company">
            <label for="report-name">{tr(K::CompanyName)}</label>
            <input id="report-name" type="text" maxlength="100" autocomplete="organization"
                prop:value=move || state.value("label").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.set_value("label", (!v.trim().is_empty()).then_some(Value::String(v)));
                } />
            </span>
            // A shared screen offers no file to write to its disk: the answers and the result
            // would stay there after the wipe. The report can still be printed.
            {(!state.kiosk).then(|| view! {
                <button type="button" id="download-result" on:click=move |_| {
                    let file = state.assessment.with_untracked(|a| {
                        a.as_ref().map(|a| (format!("srdi-result-{}.json", a.assessed_on), a.to_json()))
                    });
                    if let Some((name, json)) = file {
                        let _ = download(&name, "application/json", &json);
                    }
                }>{tr(K::DownloadResult)}</button>
                <button type="button" id="export-profile" on:click=move |_| {
                    let _ = download("srdi-profile.json", "application/json", &state.export());
                }>{tr(K::ExportProfile)}</button>
            })}
            {state.kiosk.then(|| view! { <TakeHome /> })}
            <label class="button" for="import-profile">{tr(K::ImportProfile)}</label>
            <input id="import-profile" class="visually-hidden" type="file" accept="application/json,.json" node_ref=file on:change=on_import />
            <Drafts />
            <button type="button" id="forget" on:click=move |_| {
                state.forget();
                message.set(t(state.lang.get_untracked(), K::Forgotten).to_string());
            }>{tr(K::Forget)}</button>
            <p class="message" role="status" aria-live="polite" id="data-message">{move || message.get()}</p>
        </div>
    }
}

/// The result to take home from a shared screen: a QR code of the verdicts in words, made on
/// the page (issue 14 pt 16), with the text it holds. Nothing is written to the device.
#[component]
fn TakeHome() -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let code = move || {
        if !open.get() {
            return None;
        }
        let lang = state.lang.get();
        let tiers = state.tiers.get();
        let text = state.assessment.with(|a| {
            a.as_ref().map(|a| {
                let shown = |id: &str| tiers.iter().any(|t| t.key() == id);
                srdi_words::take_home(a, &shown, words_lang(lang))
            })
        })?;
        let qr = srdi_qr::encode(&text)?;
        // A quiet zone of four modules on every side, white whatever the page's colours. Drawn
        // as markup of digits only (no text from the user), in elements the page already has.
        let side = qr.size + 8;
        let svg = format!(
            "<svg viewBox=\"-4 -4 {side} {side}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\">\
             <rect x=\"-4\" y=\"-4\" width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path d=\"{}\"/></svg>",
            qr.svg_path()
        );
        Some(view! {
            <div id="take-home-qr" class="take-home">
                <div class="qr" role="img" aria-label=t(lang, K::TakeHomeCode) inner_html=svg></div>
                <div>
                    <p class="help">{t(lang, K::TakeHomeNote)}</p>
                    <p class="help">{t(lang, K::TakeHomeText)}</p>
                    <p id="take-home-text">{text}</p>
                </div>
            </div>
        })
    };
    view! {
        <button type="button" id="take-home" aria-controls="take-home-qr"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{tr(K::TakeHome)}</button>
        {code}
    }
}

/// Drafts on this device: the box that keeps (or deletes) the answers, and a line that says
/// what happens to them. Not on a shared screen; from file:// only the advice to export.
#[component]
pub fn Drafts() -> impl IntoView {
    let state = use_state();
    if state.kiosk {
        return None;
    }
    if !state.drafts {
        return Some(view! { <p class="drafts help no-print">{tr(K::DraftsFile)}</p> }.into_any());
    }
    // A saved draft this version cannot read: kept as it is, until the user downloads or deletes it.
    let unreadable = move || {
        state.unreadable.with(Option::is_some).then(|| {
            view! {
                <p class="help" role="status">{tr(K::DraftUnreadable)}</p>
                <button type="button" id="draft-download" on:click=move |_| {
                    if let Some(text) = state.unreadable.get_untracked() {
                        let _ = download("srdi-saved-draft.json", "application/json", &text);
                    }
                }>{tr(K::DraftDownload)}</button>
                <button type="button" id="draft-delete" on:click=move |_| state.drop_unreadable()>{tr(K::DraftDelete)}</button>
            }
        })
    };
    let line = move || {
        let k = if state.store_failed.get() {
            K::DraftsFailed
        } else if state.remember.get() {
            K::DraftsOn
        } else {
            K::DraftsOff
        };
        t(state.lang.get(), k)
    };
    Some(
        view! {
            <div class="drafts no-print">
                {unreadable}
                <label class="choice" for="remember" prop:hidden=move || state.unreadable.with(Option::is_some)>
                    <input id="remember" type="checkbox" aria-describedby="remember-help" prop:checked=move || state.remember.get() on:change=move |ev| state.set_drafts(event_target_checked(&ev)) />
                    {tr(K::Remember)}
                </label>
                <p class="help" id="remember-help" role="status">{line}</p>
            </div>
        }
        .into_any(),
    )
}
