//! Form fields bound to profile paths: numbers that read what people type,
//! yes / no / 不清楚, choices, months, the three-year finance table and the
//! award list. Labels are tied to inputs; errors are linked by
//! `aria-describedby` and announced; typed text is never thrown away.

use leptos::prelude::*;
use srdi_engine::fields::FieldId;
use srdi_engine::input::{self, InputError, Kind};
use srdi_engine::json::Value;
use srdi_engine::profile::parse_year_month;

use crate::i18n::{Bi, K, Lang, t, tr};
use crate::questions::{FINANCE, QKind, Question, help_text};
use crate::state::{AppState, use_state};

/// A DOM id for a profile path.
pub fn dom_id(path: &str) -> String {
    format!("f-{}", path.replace(['.', '_'], "-"))
}

/// Reads typed text for a number field into the JSON the profile takes.
pub fn number_value(kind: Kind, text: &str) -> Result<Option<Value>, InputError> {
    Ok(input::parse(text, kind)?.map(|d| match kind {
        Kind::Count => d
            .to_string()
            .parse::<u64>()
            .map(|n| Value::Number(n.into()))
            .unwrap_or(Value::Null),
        _ => Value::String(d.to_string()),
    }))
}

/// The text to show in a field: what was typed, else the stored value.
fn shown_text(state: AppState, path: &str) -> String {
    if let Some(t) = state.typed.with(|t| t.get(path).map(|t| t.text.clone())) {
        return t;
    }
    match state.value(path) {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// What is wrong with a field: its text is not a value it takes, or its value cannot be
/// right given the others.
fn error_text(state: AppState, path: &str, lang: Lang) -> Option<String> {
    state
        .typed
        .with(|t| {
            t.get(path)
                .and_then(|t| t.error.as_ref())
                .map(|err| if lang == Lang::Zh { err.zh() } else { err.en() })
        })
        .or_else(|| state.dropped(path, lang))
        .or_else(|| state.conflict(path, lang))
}

/// A number input with its unit, help and error.
#[component]
pub fn NumberInput(
    path: String,
    kind: Kind,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] unit: Option<Bi>,
    #[prop(optional)] help: Option<Bi>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id(&path);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    // A question without help text (a new field of the table) shows none.
    let help = help.filter(|h| !h.zh.is_empty());
    let p = path.clone();
    let value = move || shown_text(state, &p);
    let p2 = path.clone();
    let error = move || error_text(state, &p2, state.lang.get());
    let p3 = path.clone();
    let invalid = move || error_text(state, &p3, Lang::Zh).is_some();
    let invalid_class = invalid.clone();
    let describedby = if help.is_some() {
        format!("{help_id} {err_id}")
    } else {
        err_id.clone()
    };
    // An amount echoes what was understood (`2.6亿` → `= 2.60 亿元`) and asks about 元 typed
    // into a 万元 field; only while the text is valid.
    let money = matches!(kind, Kind::WanYuan | Kind::SignedWanYuan);
    let p4 = path.clone();
    let invalid_echo = invalid.clone();
    let echo = move || {
        if !money || invalid_echo() {
            return None;
        }
        let typed = state.typed.with(|t| t.get(&p4).map(|t| t.text.clone()))?;
        let wan = match state.value(&p4)? {
            Value::String(s) => srdi_engine::profile::Dec::parse(&s).ok()?.0,
            _ => return None,
        };
        srdi_words::amount_echo(
            &typed,
            wan,
            crate::components::result::words_lang(state.lang.get()),
        )
    };
    let inputmode = if kind == Kind::Count || kind == Kind::Points {
        "numeric"
    } else {
        "decimal"
    };
    view! {
        <div class="field" class:invalid=invalid_class>
            <label for=id.clone() class:visually-hidden=hide_label>{move || label.get()}</label>
            <span class="input-unit">
                <input
                    id=id.clone()
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=describedby
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=value
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        // 主营业务收入 may be typed as its share of the year's revenue (`95%`).
                        let whole = match FieldId::from_path(&path) {
                            Some((FieldId::MainRevenue, Some(y))) => Some(FieldId::Revenue.path_for(y)),
                            _ => None,
                        }
                        .map(|r| match state.value(&r) {
                                Some(Value::String(s)) => srdi_engine::profile::Dec::parse(&s).ok(),
                                _ => None,
                            });
                        state.set_text(&path, text, |t| match whole.map(|w| input::share_of(t, w)) {
                            Some(Some(r)) => r.map(|d| d.map(|d| Value::String(d.to_string()))),
                            _ => number_value(kind, t),
                        });
                    }
                />
                {move || unit.map(|u| view! { <span class="unit" aria-hidden="true">{u.get(state.lang.get())}</span> })}
            </span>
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{move || help_text(h.get(state.lang.get()), state.opts().as_ref())}</p> })}
            <p class="error" id=err_id role="status" aria-live="polite">{error}</p>
            <p class="echo" aria-live="polite">{echo}</p>
        </div>
    }
}

/// Yes / no / don't know as a radio group.
#[component]
pub fn YesNo(
    path: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] help: Option<Bi>,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id(&path);
    let help_id = format!("{id}-help");
    // A question without help text (a new field of the table) shows none.
    let help = help.filter(|h| !h.zh.is_empty());
    let name = id.clone();
    let options: [(Option<bool>, K, &str); 3] = [
        (Some(true), K::Yes, "yes"),
        (Some(false), K::No, "no"),
        (None, K::Unknown, "unknown"),
    ];
    let radios = options
        .into_iter()
        .map(|(v, k, suffix)| {
            let rid = format!("{id}-{suffix}");
            let for_id = rid.clone();
            let p = path.clone();
            let p2 = path.clone();
            let checked = move || state.value(&p).and_then(|x| x.as_bool()) == v;
            view! {
                <label class="choice" for=for_id>
                    <input
                        type="radio"
                        id=rid
                        name=name.clone()
                        prop:checked=checked
                        on:change=move |_| state.set_value(&p2, v.map(Value::Bool))
                    />
                    {move || t(state.lang.get(), k)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field yesno" id=id.clone() aria-describedby=help.map(|_| help_id.clone())>
            <legend>{move || label.get()}</legend>
            <div class="choices">{radios}</div>
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{move || help_text(h.get(state.lang.get()), state.opts().as_ref())}</p> })}
        </fieldset>
    }
}

/// One of several options (key, label), or not known.
#[component]
pub fn ChoiceSelect(
    path: String,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, Signal<String>)>,
    #[prop(optional)] help: Option<Bi>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id(&path);
    let help_id = format!("{id}-help");
    // A question without help text (a new field of the table) shows none.
    let help = help.filter(|h| !h.zh.is_empty());
    let p = path.clone();
    let current = move || match state.value(&p) {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id.clone()
                aria-describedby=help.map(|_| help_id.clone())
                prop:value=current
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let value = if v.is_empty() {
                        None
                    } else if numeric {
                        v.parse::<u64>().ok().map(|n| Value::Number(n.into()))
                    } else {
                        Some(Value::String(v))
                    };
                    state.set_value(&path, value);
                }
            >
                <option value="">{tr(K::Unknown)}</option>
                {options
                    .into_iter()
                    .map(|(key, name)| view! { <option value=key>{move || name.get()}</option> })
                    .collect_view()}
            </select>
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{move || help_text(h.get(state.lang.get()), state.opts().as_ref())}</p> })}
        </div>
    }
}

/// A text in the current language, as a signal.
pub fn bi_signal(b: Bi) -> Signal<String> {
    let state = use_state();
    Signal::derive(move || b.get(state.lang.get()).to_string())
}

/// An owned pair of texts in the current language, as a signal.
pub fn pair_signal(zh: String, en: String) -> Signal<String> {
    let state = use_state();
    Signal::derive(move || {
        if state.lang.get() == Lang::Zh {
            zh.clone()
        } else {
            en.clone()
        }
    })
}

/// A month (`YYYY-MM`).
#[component]
pub fn MonthInput(path: String, label: Bi, #[prop(optional)] help: Option<Bi>) -> impl IntoView {
    let state = use_state();
    let id = dom_id(&path);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    // A question without help text (a new field of the table) shows none.
    let help = help.filter(|h| !h.zh.is_empty());
    let p = path.clone();
    let p2 = path.clone();
    let value = move || shown_text(state, &p);
    let error = move || error_text(state, &p2, state.lang.get());
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get(state.lang.get())}</label>
            <input
                id=id.clone()
                type="month"
                placeholder="2018-09"
                aria-describedby=format!("{help_id} {err_id}")
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.set_text(&path, text, |t| {
                        let t = t.trim();
                        if t.is_empty() {
                            Ok(None)
                        } else if parse_year_month(t).is_some() {
                            Ok(Some(Value::String(t.to_string())))
                        } else {
                            Err(InputError::NotAMonth)
                        }
                    });
                }
            />
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{move || help_text(h.get(state.lang.get()), state.opts().as_ref())}</p> })}
            <p class="error" id=err_id role="status" aria-live="polite">{error}</p>
        </div>
    }
}

/// Any question from the catalogue.
#[component]
pub fn QuestionField(q: &'static Question) -> impl IntoView {
    let state = use_state();
    let path = q.path_for(state.year());
    match q.kind {
        QKind::Number(kind) => view! {
            <NumberInput path kind label=bi_signal(q.label()) unit=q.unit.unwrap_or(Bi { zh: "", en: "" }) help=q.help />
        }
        .into_any(),
        QKind::YesNo => view! { <YesNo path label=bi_signal(q.label()) help=q.help /> }.into_any(),
        QKind::Choice => {
            let numeric = q.field == srdi_engine::fields::FieldId::DigitalLevel;
            let options = q
                .field
                .choices()
                .iter()
                .map(|c| (c.key.to_string(), bi_signal(Bi { zh: c.zh, en: c.en })))
                .collect();
            let select = view! { <ChoiceSelect path label=bi_signal(q.label()) options help=q.help numeric /> };
            // No platform result yet: the self-test's estimate, one link away.
            let selftest = numeric.then(|| {
                view! {
                    <p class="field-link">
                        <a href=crate::router::href(crate::router::Route::Digital) id="to-digital">
                            {move || if state.lang.get() == Lang::Zh { "还没有平台评测结果？做数字化水平自测（参考估算，非官方）" } else { "No platform result yet? Take the digital-level self-test (an estimate, not official)" }}
                        </a>
                    </p>
                }
            });
            view! { {select} {selftest} }.into_any()
        }
        QKind::Month => view! { <MonthInput path label=q.label() help=q.help /> }.into_any(),
        QKind::Year => {
            // A list, not a text box: no year outside the profile's range can be given.
            let unit = q.unit.unwrap_or(Bi { zh: "", en: "" });
            // An imported later year stays visible.
            let stored = state.value(&path).and_then(|v| v.as_i64()).and_then(|y| i32::try_from(y).ok());
            let options = (2011..=state.year().max(stored.unwrap_or(0)))
                .rev()
                .map(|y| {
                    let name = Signal::derive(move || format!("{y}{}", unit.get(state.lang.get())));
                    (y.to_string(), name)
                })
                .collect();
            view! { <ChoiceSelect path label=bi_signal(q.label()) options help=q.help numeric=true /> }.into_any()
        }
    }
}

/// The finance table: one row per figure, the last three years side by side.
#[component]
pub fn FinanceTable() -> impl IntoView {
    let state = use_state();
    let years = move || {
        let y = state.year();
        [y - 3, y - 2, y - 1]
    };
    view! {
        <div class="table-wrap">
            <table class="finance">
                <caption>{move || if state.lang.get() == Lang::Zh { "近三年财务数据（万元）" } else { "The last three years (in CNY 10k, 万元)" }}</caption>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        {move || years().map(|y| view! { <th scope="col">{y}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {FINANCE
                        .iter()
                        .map(|row| {
                            let label = crate::questions::field_bi(row.field);
                            view! {
                                <tr>
                                    <th scope="row">
                                        {move || label.get(state.lang.get())}
                                        <span class="help">{move || help_text(row.help.get(state.lang.get()), state.opts().as_ref())}</span>
                                    </th>
                                    {move || {
                                        years()
                                            .map(|y| {
                                                let path = row.field.path_for(y);
                                                let l = Signal::derive(move || format!("{} {y}", label.get(state.lang.get())));
                                                view! { <td data-year=y><NumberInput path kind=row.kind label=l hide_label=true /></td> }
                                            })
                                            .collect_view()
                                    }}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Consistency />
    }
}

/// Impossible combinations are flagged, not silently used.
#[component]
fn Consistency() -> impl IntoView {
    let state = use_state();
    let warnings = move || {
        let lang = state.lang.get();
        let y = state.year();
        let mut out = Vec::new();
        let num = |path: String| {
            state.value(&path).and_then(|v| {
                v.as_str()
                    .and_then(|s| srdi_engine::profile::Dec::parse(s).ok())
            })
        };
        for yy in [y - 3, y - 2, y - 1] {
            let rev = num(FieldId::Revenue.path_for(yy));
            let main = num(FieldId::MainRevenue.path_for(yy));
            let rd = num(FieldId::RdExpense.path_for(yy));
            let assets = num(FieldId::TotalAssets.path_for(yy));
            let liab = num(FieldId::TotalLiabilities.path_for(yy));
            let gt = |a: Option<srdi_engine::profile::Dec>,
                      b: Option<srdi_engine::profile::Dec>| matches!((a, b), (Some(a), Some(b)) if a.0.checked_cmp(b.0).is_some_and(|o| o.is_gt()));
            if gt(main, rev) {
                out.push(format!("{yy}: {}", t(lang, K::MainAboveRevenue)));
            }
            if gt(rd, rev) {
                out.push(format!("{yy}: {}", t(lang, K::RdAboveRevenue)));
            }
            let zero_assets = assets.is_none_or(|a| a.0.num() == 0);
            if liab.is_some_and(|l| l.0.num() > 0) && zero_assets {
                out.push(format!("{yy}: {}", t(lang, K::LiabilitiesNoAssets)));
            }
        }
        out
    };
    view! {
        <div class="consistency" role="status" aria-live="polite">
            {move || {
                let w = warnings();
                (!w.is_empty())
                    .then(|| view! {
                        <p class="warning">
                            <strong>{t(state.lang.get(), K::Consistency)}": "</strong>
                            {w.join(" ")}
                        </p>
                    })
            }}
        </div>
    }
}

/// The list of science awards: level, year, rank.
#[component]
pub fn AwardsEditor() -> impl IntoView {
    let state = use_state();
    // The awards list is a section of its own in the field table (no key below it).
    let path: &'static str = FieldId::Awards.parts().0;
    let awards = move || {
        state
            .value(path)
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
    };
    let set = move |list: Vec<Value>| state.set_value(path, Some(Value::Array(list)));
    let known = move || state.value(path).is_some();
    view! {
        <fieldset class="field awards">
            <legend>{move || if state.lang.get() == Lang::Zh { "近五年获得的科学技术奖励" } else { "Science and technology awards of the last five years" }}</legend>
            <p class="help">{move || if state.lang.get() == Lang::Zh { "国家科学技术进步奖、自然科学奖、技术发明奖、国防科技奖为国家级；省科学技术奖一、二、三等奖为省级；国务院部委的科技奖为部级（只在规则写“省部级”时计入）。没有获奖请点“没有”。" } else { "National: state science, natural science, invention, defence awards. Provincial: first to third class provincial awards. Ministerial: awards of State Council ministries (count only where a rule says 省部级). Click “None” if there are none." }}</p>
            {move || {
                awards()
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let level = a.get("level").and_then(Value::as_str).unwrap_or("national").to_string();
                        let year = a.get("year").and_then(Value::as_i64).map(|y| y.to_string()).unwrap_or_default();
                        let rank = a.get("rank").and_then(Value::as_u64).map(|r| r.to_string()).unwrap_or_default();
                        let update = move |key: &'static str, v: Option<Value>| {
                            let mut list = awards();
                            if let Some(Value::Object(o)) = list.get_mut(i) {
                                match v {
                                    Some(v) => {
                                        o.insert(key.into(), v);
                                    }
                                    None => {
                                        o.remove(key);
                                    }
                                }
                            }
                            set(list);
                        };
                        let lid = format!("award-{i}-level");
                        let yid = format!("award-{i}-year");
                        let rid = format!("award-{i}-rank");
                        view! {
                            <div class="award-row">
                                <label for=lid.clone()>{tr(K::AwardLevel)}</label>
                                <select id=lid prop:value=level on:change=move |ev| update("level", Some(Value::String(event_target_value(&ev))))>
                                    <option value="national">{tr(K::AwardNational)}</option>
                                    <option value="provincial">{tr(K::AwardProvincial)}</option>
                                    <option value="ministerial">{tr(K::AwardMinisterial)}</option>
                                </select>
                                <label for=yid.clone()>{tr(K::AwardYear)}</label>
                                <input id=yid type="text" inputmode="numeric" prop:value=year on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    // Any whole number is kept: a year no award can have is left out of the
                                    // assessment and said below the row, never dropped silently.
                                    update("year", input::parse(&v, Kind::Count).ok().flatten().and_then(|d| d.to_string().parse::<i64>().ok()).map(|y| Value::Number(y.into())));
                                } />
                                <label for=rid.clone()>{tr(K::AwardRank)}</label>
                                <input id=rid type="text" inputmode="numeric" prop:value=rank on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    update("rank", input::parse(&v, Kind::Count).ok().flatten().and_then(|d| d.to_string().parse::<u64>().ok()).filter(|r| *r >= 1).map(|r| Value::Number(r.into())));
                                } />
                                <button type="button" on:click=move |_| {
                                    let mut list = awards();
                                    if i < list.len() {
                                        list.remove(i);
                                    }
                                    set(list);
                                }>{tr(K::Remove)}</button>
                                // An award the engine cannot use says why, and counts for nothing.
                                <p class="error" role="status">{move || state.dropped(&format!("awards[{i}]"), state.lang.get())}</p>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <div class="award-actions">
                <button type="button" on:click=move |_| {
                    let mut list = awards();
                    let y = state.year() - 1;
                    let mut o = srdi_engine::json::Map::new();
                    o.insert("level".into(), Value::String("provincial".into()));
                    o.insert("year".into(), Value::Number(y.into()));
                    list.push(Value::Object(o));
                    set(list);
                }>{tr(K::AddAward)}</button>
                <button type="button" aria-pressed=move || if known() && awards().is_empty() { "true" } else { "false" } on:click=move |_| set(Vec::new())>
                    {move || if state.lang.get() == Lang::Zh { "没有" } else { "None" }}
                </button>
            </div>
        </fieldset>
    }
}

/// Official terms explained, each folded under "什么是…？": what it means in plain words, and
/// the document, article and its own words that define it, with how well they are confirmed.
#[component]
pub fn TermNotes(ids: &'static [&'static str]) -> impl IntoView {
    let state = use_state();
    let book = crate::state::book();
    ids.iter()
        .filter_map(|id| book.term(id))
        .map(|term| {
            let zh = move || state.lang.get() == Lang::Zh;
            let ask = move || {
                if zh() {
                    ["什么是", &term.zh, "？"].concat()
                } else {
                    ["What is meant by ", &*term.en, "?"].concat()
                }
            };
            let explain = move || {
                if zh() {
                    term.explain_zh.to_string()
                } else {
                    term.explain_en.to_string()
                }
            };
            let source = move || {
                let c = &term.cite;
                let doc = book
                    .terms
                    .documents
                    .get(&*c.doc)
                    .map(|d| d.doc_no.to_string())
                    .unwrap_or_default();
                let quote = if c.quote.is_empty() {
                    String::new()
                } else {
                    ["：“", &c.quote, "”"].concat()
                };
                let lang = crate::components::result::words_lang(state.lang.get());
                [
                    &doc,
                    " ",
                    &c.article,
                    &quote,
                    "（",
                    srdi_words::confidence(c.confidence, lang),
                    "）",
                ]
                .concat()
            };
            view! {
                <details class="term">
                    <summary>{ask}</summary>
                    <p>{explain}</p>
                    <p class="source">{source}</p>
                </details>
            }
        })
        .collect_view()
}
