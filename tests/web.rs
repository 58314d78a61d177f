//! Component tests: mount the real components in headless Chromium and check the DOM.
//!
//! Run with `cargo xtask test --only wasm` (or `cargo test -p srdi-check --target
//! wasm32-unknown-unknown` with wasm-bindgen-test-runner on PATH).

use leptos::{mount::mount_to, prelude::*, task::tick};
use srdi_check::components::field::{NumberInput, QuestionField};
use srdi_check::components::result::LiveSummary;
use srdi_check::i18n::Lang;
use srdi_check::questions::{STEPS, field_label};
use srdi_check::router::Route;
use srdi_check::state::AppState;
use srdi_engine::input::Kind;
use srdi_engine::json::Value;
use srdi_engine::result::Check;
use srdi_engine::{Assessment, Status};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` with a fresh app state (Chinese) in a new `<section>`.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> (HtmlElement, AppState) {
    mount_with(AppState::new, view)
}

/// Mounts `view` with the app state `make` gives (Chinese) in a new `<section>`.
fn mount_with<V: IntoView + 'static>(
    make: fn() -> AppState,
    view: impl FnOnce() -> V + 'static,
) -> (HtmlElement, AppState) {
    let document = document();
    let wrapper = document
        .create_element("section")
        .expect("create a wrapper")
        .unchecked_into::<HtmlElement>();
    document
        .body()
        .expect("a body")
        .append_child(&wrapper)
        .expect("append the wrapper");
    // Drafts are kept by default: each test starts from a device with none.
    if let Ok(Some(storage)) = web_sys::window().expect("a window").local_storage() {
        let _ = storage.clear();
    }
    let (tx, rx) = std::sync::mpsc::channel();
    mount_to(wrapper.clone(), move || {
        let state = make();
        state.lang.set(Lang::Zh);
        provide_context(state);
        let _ = tx.send(state);
        view()
    })
    .forget();
    let state = rx.recv().expect("the state was created");
    (wrapper, state)
}

/// Types `text` into an input as a user would: set the value, fire a bubbling `input`.
fn type_into(wrapper: &HtmlElement, selector: &str, text: &str) -> HtmlInputElement {
    let input = wrapper
        .query_selector(selector)
        .expect("valid selector")
        .expect("the input is rendered")
        .unchecked_into::<HtmlInputElement>();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("an input event");
    input
        .dispatch_event(&event)
        .expect("dispatch the input event");
    input
}

fn text_of(wrapper: &HtmlElement, selector: &str) -> String {
    wrapper
        .query_selector(selector)
        .expect("valid selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn full_width_digits_and_yi_are_read_exactly() {
    let (wrapper, state) = mount(
        || view! { <NumberInput path="years.2025.revenue".to_string() kind=Kind::WanYuan label="营业收入 2025".to_string() /> },
    );
    type_into(&wrapper, "#f-years-2025-revenue", "３０００");
    tick().await;
    assert_eq!(
        state.value("years.2025.revenue"),
        Some(Value::String("3000".into()))
    );
    type_into(&wrapper, "#f-years-2025-revenue", "¥1.5亿");
    tick().await;
    assert_eq!(
        state.value("years.2025.revenue"),
        Some(Value::String("15000".into()))
    );
    assert_eq!(text_of(&wrapper, "#f-years-2025-revenue-error"), "");
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn a_bad_value_keeps_the_text_and_says_what_is_wrong() {
    let (wrapper, state) = mount(
        || view! { <NumberInput path="staff.employees".to_string() kind=Kind::Count label="从业人员".to_string() /> },
    );
    let input = type_into(&wrapper, "#f-staff-employees", "12.5");
    tick().await;
    assert_eq!(input.value(), "12.5", "the typed text is kept");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        text_of(&wrapper, "#f-staff-employees-error"),
        "请输入整数。"
    );
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.contains("f-staff-employees-error"), "{described}");
    assert_eq!(
        state.value("staff.employees"),
        None,
        "an invalid value is not used"
    );
    type_into(&wrapper, "#f-staff-employees", "１,２００人");
    tick().await;
    assert_eq!(
        state.value("staff.employees"),
        Some(Value::Number(1200_u64.into()))
    );
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn the_live_summary_follows_the_answers() {
    let (wrapper, state) = mount(|| view! { <LiveSummary /> });
    state.date.set("2026-05-01".into());
    tick().await;
    let size = || text_of(&wrapper, "[data-tier='sme_size']");
    assert!(size().contains("信息不全"), "{}", size());
    state.set_value("industry", Some(Value::String("industry".into())));
    state.set_value("staff.employees", Some(Value::Number(1200_u64.into())));
    state.set_value("years.2025.revenue", Some(Value::String("30000".into())));
    tick().await;
    assert!(
        size().contains("中型") && size().contains("符合"),
        "{}",
        size()
    );
    state.set_value("years.2025.revenue", Some(Value::String("45000".into())));
    tick().await;
    assert!(
        size().contains("大型") && size().contains("不符合"),
        "{}",
        size()
    );
    wrapper.remove();
}

#[wasm_bindgen_test]
fn every_page_has_one_path_and_odd_paths_are_not_found() {
    for route in [
        Route::Start,
        Route::Step(1),
        Route::Step(6),
        Route::Results,
        Route::Compare,
        Route::Rules,
        Route::Digital,
    ] {
        assert_eq!(Route::parse(&route.path()), route);
        // One segment below the app's folder: its relative files load the same on every page.
        assert!(!route.path()[1..].contains('/'), "{route:?}");
    }
    assert_eq!(Route::parse("/results/"), Route::Results);
    for odd in [
        "/step-0",
        "/step-7",
        "/step-x",
        "/step-",
        "/q/3",
        "/nothing",
        "/results/extra",
        "//evil.example",
    ] {
        assert_eq!(Route::parse(odd), Route::NotFound, "{odd}");
    }
}

#[wasm_bindgen_test]
fn host_options_take_valid_values_and_refuse_the_rest() {
    use srdi_check::host::{DEFAULT_IDLE_SECONDS, parse};
    use srdi_engine::RulesChoice;

    let (o, warnings) = parse(
        "?embed=1&host=https%3A%2F%2Fassoc.example,http://127.0.0.1:9000&kiosk=1&idle=45\
         &lang=en&province=%E5%9B%9B%E5%B7%9D&rules=2022&tiers=sme_size,innovative_sme\
         &accent=%23075985&radius=12&scale=1.25",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(o.embed && o.kiosk);
    assert_eq!(o.idle_seconds, 45);
    assert_eq!(
        o.host_origins,
        ["https://assoc.example", "http://127.0.0.1:9000"]
    );
    assert_eq!(o.lang, Some(Lang::En));
    assert_eq!(o.province, Some("四川"));
    assert_eq!(o.rules, Some(RulesChoice::Version("2022".into())));
    assert_eq!(
        o.tiers,
        [srdi_engine::Tier::SmeSize, srdi_engine::Tier::InnovativeSme]
    );
    assert_eq!(
        o.theme,
        [
            ("--accent", "#075985".to_string()),
            ("--radius", "12px".to_string()),
            ("--host-scale", "1.25".to_string())
        ]
    );
    assert_eq!(
        o.query(),
        "?embed=1&host=https%3A%2F%2Fassoc.example%2Chttp%3A%2F%2F127.0.0.1%3A9000&kiosk=1&idle=45\
         &lang=en&province=%E5%9B%9B%E5%B7%9D&rules=2022&tiers=sme_size%2Cinnovative_sme\
         &accent=%23075985&radius=12&scale=1.25"
    );

    let (o, warnings) = parse(
        "?embed=yes&host=https://a.example/path&idle=5&lang=fr&province=Atlantis&rules=2030\
         &tiers=sme_size,nope&accent=red&radius=25&scale=1.51&scale=0.79&x=1&%ZZ=1",
    );
    // Every value refused but `host`, which fails closed instead (below).
    assert_eq!(warnings.len(), 12, "{warnings:?}");
    assert_eq!(
        o,
        srdi_check::host::HostOptions {
            idle_seconds: DEFAULT_IDLE_SECONDS,
            host_error: Some((
                srdi_check::host::HostProblem::NotOrigin,
                "https://a.example/path".to_string()
            )),
            accepted: vec![("host", "https://a.example/path".to_string())],
            ..Default::default()
        }
    );
    assert_eq!(o.query(), "?host=https%3A%2F%2Fa.example%2Fpath");
}

/// An accent colour too light for text on white (or white text on it) is taken, with a warning
/// for the web team: WCAG's 4.5:1, at its edge (#767676 is 4.54:1, #777777 4.48:1).
#[wasm_bindgen_test]
fn a_light_accent_is_taken_with_a_contrast_warning() {
    use srdi_check::host::parse;
    for (accent, warned) in [
        ("%23767676", false),
        ("%23777777", true),
        ("%23777", true),
        ("%23ffcc00", true),
        ("%230b5cad", false),
        ("%23000", false),
    ] {
        let (o, warnings) = parse(&format!("?accent={accent}"));
        assert_eq!(o.theme.len(), 1, "{accent}");
        assert_eq!(
            warnings.iter().any(|w| w.contains("4.5:1")),
            warned,
            "{accent}: {warnings:?}"
        );
    }
}

/// A `host` typo must not open the app's messages to every page: no origin at all, a reason
/// for the page, and the value kept on links so that a reload fails closed too.
#[wasm_bindgen_test]
fn an_invalid_host_fails_closed_and_says_why() {
    use srdi_check::host::{HostProblem, parse};
    for (query, why) in [
        ("?embed=1&host=https://assoc.example/", HostProblem::Path),
        (
            "?embed=1&host=https://a.example%20https://b.example",
            HostProblem::Spaces,
        ),
        ("?embed=1&host=https://a.example,", HostProblem::Empty),
    ] {
        let (o, _) = parse(query);
        assert!(o.host_origins.is_empty(), "{query}");
        assert_eq!(o.host_error.as_ref().map(|e| e.0), Some(why), "{query}");
        assert!(o.query().contains("host="), "{query}");
    }
    let (o, _) = parse("?embed=1&host=https://a.example,https://b.example:8443");
    assert_eq!(o.host_error, None);
    assert_eq!(o.host_origins.len(), 2);
}

/// A check of a tier in an assessment, by id.
fn check_of<'a>(a: &'a Assessment, tier: &str, id: &str) -> &'a Check {
    a.tiers
        .iter()
        .find(|t| t.id == tier)
        .and_then(|t| t.checks.iter().find(|c| &*c.id == id))
        .unwrap_or_else(|| panic!("{tier} has a check {id}"))
}

#[wasm_bindgen_test]
async fn ip_typed_by_origin_counts_under_each_rule_version() {
    let ip: Vec<_> = STEPS
        .iter()
        .flat_map(|s| s.questions)
        .filter(|q| q.field.parts().0 == "ip")
        .collect();
    let (wrapper, state) = mount(move || {
        ip.into_iter()
            .map(|q| view! { <QuestionField q /> })
            .collect_view()
    });
    // Before 2026-04-01: 小巨人 on 63号附件3, which counts transferred-in rights.
    state.date.set("2026-03-01".into());
    for (path, text) in [
        ("ip.class1_self_developed", "1"),
        ("ip.class1_applied", "1"),
        ("ip.class1_own_not_top3", "0"),
        ("ip.class1_own_not_top3_applied", "0"),
        ("ip.class1_transferred_in", "１项"),
        ("ip.class1_transferred_in_applied", "1"),
        ("ip.class2", "0"),
        ("ip.class2_recent", "4"),
    ] {
        type_into(
            &wrapper,
            &format!("#f-{}", path.replace(['.', '_'], "-")),
            text,
        );
    }
    tick().await;
    assert_eq!(
        state.value("ip.class1_transferred_in_applied"),
        Some(Value::Number(1_u64.into()))
    );
    let a = state.assessment.get_untracked().expect("an assessment");
    let giant = check_of(&a, "little_giant", "innovation_class1_ip");
    assert_eq!(
        giant.value.as_ref().map(ToString::to_string).as_deref(),
        Some("2")
    );
    assert_eq!(giant.status, Status::Pass);
    // 科技型 (115号): Ⅰ类 by 63号 counting (2 here) scores 30; without Ⅰ类, four recent
    // utility models (高企 definition) score 24.
    let points = |a: &Assessment| {
        check_of(a, "tech_sme", "ip_results")
            .points
            .as_ref()
            .map(|p| (p.min, p.max))
    };
    assert_eq!(points(&a), Some((30, 30)));
    for path in ["ip.class1_self_developed", "ip.class1_transferred_in"] {
        type_into(
            &wrapper,
            &format!("#f-{}", path.replace(['.', '_'], "-")),
            "0",
        );
    }
    tick().await;
    let a = state.assessment.get_untracked().expect("an assessment");
    assert_eq!(points(&a), Some((24, 24)));
    wrapper.remove();
}

#[wasm_bindgen_test]
fn every_field_the_engine_names_has_a_question_label() {
    for path in [
        "ip.class1_self_developed",
        "ip.class1_applied",
        "ip.class1_own_not_top3",
        "ip.class1_own_not_top3_applied",
        "ip.class1_transferred_in",
        "ip.class1_transferred_in_applied",
        "ip.class1_high_value",
        "ip.class2",
        "ip.class2_recent",
        "titles.innovative_sme_year",
        "titles.specialized_sme_year",
        "titles.little_giant_year",
        "titles.single_champion_year",
        "staff.employees",
        "market.global_rank",
        "quality.digital_level",
        "rd_institute",
        "awards",
        "awards[0].rank",
        "platform_score",
        "platform_score.2026",
        "years.2025.revenue",
    ] {
        for lang in [Lang::Zh, Lang::En] {
            let label = field_label(path, lang).unwrap_or_else(|| panic!("{path} has a label"));
            assert!(
                label != path && !label.contains("ip.") && !label.contains('_'),
                "{path}: {label}"
            );
        }
    }
    assert_eq!(
        field_label("ip.class1_transferred_in_applied", Lang::Zh).as_deref(),
        Some("受让（转入）满1年的Ⅰ类知识产权：其中已实际应用并产生经济效益的（受让）")
    );
    assert_eq!(
        field_label("ip.class2_recent", Lang::En).as_deref(),
        Some(
            "Class II rights not counted above: utility or design patents granted under 2 years ago, or transferred in under a year ago"
        )
    );
    assert_eq!(
        field_label("years.2025.revenue", Lang::Zh).as_deref(),
        Some("营业收入 2025")
    );
    assert_eq!(
        field_label("platform_score.2026", Lang::En).as_deref(),
        Some("SRDI development score 2026")
    );
    assert_eq!(field_label("no.such_field", Lang::Zh), None);
    // Every question names its unit where it counts something, and the tiers that need it.
    for q in STEPS.iter().flat_map(|s| s.questions) {
        let path = q.field.path();
        assert!(!q.tiers.is_empty(), "{path}");
        if path.starts_with("ip.") {
            assert_eq!(q.unit.map(|u| u.zh), Some("项"), "{path}");
        }
        if path.ends_with("_year") {
            assert_eq!(q.unit.map(|u| u.zh), Some("年"), "{path}");
            let title = path.trim_end_matches("_year");
            assert_eq!(
                q.when.map(|w| w.path()).as_deref(),
                Some(title),
                "{path} follows its title"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn an_old_profile_without_the_new_fields_still_imports() {
    let (wrapper, state) = mount(|| ());
    state.date.set("2026-03-01".into());
    // A srdi-profile/1 file written before the IP-by-origin and title-year fields existed.
    let old = r#"{
        "format": "srdi-profile/1",
        "industry": "industry",
        "staff": { "employees": 120 },
        "ip": { "class1_self_developed": 2, "class1_transferred_in": 1, "class1_high_value": 0, "class1_applied": 2, "class2": 3 },
        "titles": { "innovative_sme": true, "specialized_sme": true, "little_giant": false }
    }"#;
    state.import(old).expect("an old profile imports");
    tick().await;
    assert_eq!(
        state.value("ip.class1_applied"),
        Some(Value::Number(2_u64.into()))
    );
    assert_eq!(state.value("ip.class1_own_not_top3"), None);
    assert_eq!(state.value("titles.specialized_sme_year"), None);
    let a = state.assessment.get_untracked().expect("an assessment");
    // The new applied counts are unknown, not zero: 2 own applied rights already pass.
    assert_eq!(
        check_of(&a, "little_giant", "innovation_class1_ip").status,
        Status::Pass
    );
    // A year outside 2011–2100 is refused, and the answers stay as they were.
    let bad = old.replace(
        r#""little_giant": false"#,
        r#""little_giant": true, "little_giant_year": 2009"#,
    );
    assert!(state.import(&bad).is_err());
    assert_eq!(state.value("titles.little_giant"), Some(Value::Bool(false)));
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn tier_cards_follow_the_path_per_tier_and_say_why() {
    // A firm holding 专精特新 (granted 2023): by default 专精特新 is a 复核, 小巨人 a 新申报.
    let (wrapper, state) = mount(|| {
        let state = srdi_check::state::use_state();
        move || {
            state.assessment.get().map(|a| {
                view! { <srdi_check::components::result::ResultCards assessment=a /> }
            })
        }
    });
    state.date.set("2026-12-02".into());
    state.set_value("titles.specialized_sme", Some(Value::Bool(true)));
    state.set_value(
        "titles.specialized_sme_year",
        Some(Value::Number(2023_u64.into())),
    );
    tick().await;
    let path = |tier: &str| text_of(&wrapper, &format!("[data-tier='{tier}'] .tier-path"));
    let why = |tier: &str| text_of(&wrapper, &format!("[data-tier='{tier}'] .tier-why"));
    assert!(
        path("specialized_sme")
            .contains("复核：您持有专精特新中小企业称号（2023年认定，有效期至2026年）"),
        "{}",
        path("specialized_sme")
    );
    assert!(
        path("little_giant").contains("新申报"),
        "{}",
        path("little_giant")
    );
    assert!(
        why("little_giant").contains("2026办法附件2"),
        "{}",
        why("little_giant")
    );
    // A per-tier override: 小巨人 as a 复核 (2026: on 63号附件3, 117号).
    state.paths_review.set(vec![srdi_engine::Tier::LittleGiant]);
    tick().await;
    assert!(
        path("little_giant").contains("按您为本层级的选择"),
        "{}",
        path("little_giant")
    );
    assert!(
        why("little_giant").contains("63号附件3"),
        "{}",
        why("little_giant")
    );
    wrapper.remove();
}

#[wasm_bindgen_test]
fn help_texts_show_the_thresholds_of_the_rules_in_force() {
    use srdi_check::questions::{FINANCE, help_text};
    let opts =
        |d: &str| srdi_check::state::options(d, None, &[], &[], srdi_engine::RulesChoice::Auto);
    let liabilities = FINANCE
        .iter()
        .find(|r| r.field == srdi_engine::fields::FieldId::TotalLiabilities)
        .map(|r| r.help.zh)
        .unwrap_or_default();
    // Before 2026-04-01: only the 小巨人 condition (63号附件3, 70%); from then both (2号).
    assert_eq!(
        help_text(liabilities, opts("2026-03-01").as_ref()),
        "资产负债率（创新型指标4；小巨人不超过70%）。"
    );
    assert_eq!(
        help_text(liabilities, opts("2026-05-01").as_ref()),
        "资产负债率（创新型指标4；专精特新不超过80%；小巨人不超过75%）。"
    );
    // Every help text reads as words on any date: no placeholder or unknown value is left.
    let helps = STEPS
        .iter()
        .flat_map(|s| s.questions)
        .flat_map(|q| [q.help.zh, q.help.en])
        .chain(FINANCE.iter().flat_map(|r| [r.help.zh, r.help.en]));
    for h in helps {
        for d in ["2021-05-01", "2026-03-01", "2026-05-01"] {
            let text = help_text(h, opts(d).as_ref());
            assert!(
                !text.contains('{') && !text.contains('[') && !text.contains('—'),
                "{d}: {text}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn kiosk_mode_fails_closed_whatever_the_url_says() {
    use srdi_check::host::parse;
    for q in [
        "?kiosk=1",
        "?kiosk",
        "?kiosk=",
        "?kiosk=TRUE",
        "?kiosk=on",
        "?kiosk=yes",
        "?kiosk=0",
        "?KIOSK=1",
        "?kiosk=1&kiosk=0",
        "?kiosk=0&kiosk=0",
        "?lang=en&Kiosk=false",
    ] {
        let (o, _) = parse(q);
        assert!(o.kiosk, "{q} left kiosk mode off");
        // The links the app writes keep the mode.
        assert!(o.query().contains("kiosk=1"), "{q}: {}", o.query());
        assert_eq!(o.query().matches("kiosk").count(), 1, "{q}: {}", o.query());
    }
    assert!(!parse("?lang=en&embed=1").0.kiosk);
}

#[wasm_bindgen_test]
async fn a_kiosk_offers_the_result_as_a_qr_code_a_phone_reads_and_no_file() {
    let (wrapper, state) = mount_with(AppState::kiosk, || {
        view! { <srdi_check::components::data::DataTools /> }
    });
    state
        .import(include_str!("../examples/profiles/e1-innovative.json"))
        .expect("the example imports");
    state.date.set("2026-05-01".into());
    tick().await;
    // Nothing that writes a file to the shared device.
    for id in ["#download-result", "#export-profile", "#remember"] {
        assert!(
            wrapper.query_selector(id).ok().flatten().is_none(),
            "{id} on a kiosk"
        );
    }
    let button = wrapper
        .query_selector("#take-home")
        .ok()
        .flatten()
        .expect("a take-home button")
        .unchecked_into::<HtmlElement>();
    assert!(
        wrapper
            .query_selector("#take-home-qr svg")
            .ok()
            .flatten()
            .is_none()
    );
    button.click();
    tick().await;
    let svg = wrapper
        .query_selector("#take-home-qr svg")
        .ok()
        .flatten()
        .expect("the QR code is drawn");
    let path = wrapper
        .query_selector("#take-home-qr path")
        .ok()
        .flatten()
        .and_then(|p| p.get_attribute("d"))
        .expect("the modules' path");
    // The code drawn is the code of the text shown under it (srdi-qr's tests read its codes
    // back with a decoder, as a phone would).
    let content = text_of(&wrapper, "#take-home-text");
    let qr = srdi_qr::encode(&content).expect("the text fits a QR code");
    assert_eq!(path, qr.svg_path());
    let side = qr.size + 8;
    assert_eq!(
        svg.get_attribute("viewBox"),
        Some(format!("-4 -4 {side} {side}"))
    );
    assert!(content.contains("评估日期 2026-05-01"), "{content}");
    assert!(content.contains("· 创新型中小企业：符合"), "{content}");
    assert!(!content.contains("E1 示例"), "the company name: {content}");
    // Shown again, it follows the language.
    state.lang.set(Lang::En);
    tick().await;
    assert!(text_of(&wrapper, "#take-home-text").contains("Assessed on 2026-05-01"));
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn self_test_answers_import_count_for_item_5_and_export_unchanged() {
    let (wrapper, state) = mount(|| view! { <p>"results"</p> });
    // E3 (2022 standard) without a platform level, with the self-test answered.
    let mut e3 = srdi_engine::json::parse(include_str!(
        "../examples/profiles/e3-specialized-2022-sichuan.json"
    ))
    .expect("E3 reads");
    let selftest =
        srdi_engine::json::parse(include_str!("../examples/profiles/digital-selftest.json"))
            .expect("the self-test example reads");
    if let (Value::Object(m), Value::Object(d)) = (&mut e3, &selftest) {
        if let Some(Value::Object(q)) = m.get_mut("quality") {
            q.remove("digital_level");
        }
        if let Some(answers) = d.get("digital_selftest") {
            m.insert("digital_selftest".into(), answers.clone());
        }
    }
    state.import(&e3.to_string()).expect("the profile imports");
    state.date.set("2026-03-01".into());
    tick().await;
    let item5 = state.assessment.with_untracked(|a| {
        let a = a.as_ref().expect("an assessment");
        let c = check_of(a, "specialized_sme", "item5_digital_level");
        (c.status, c.points.as_ref().map(|p| (p.min, p.max)))
    });
    assert_eq!(item5, (Status::Manual, Some((3, 5))));
    // Exported as imported: the self-test's answers are kept, every one.
    let out = srdi_engine::json::parse(&state.export()).expect("the export reads");
    let kept = |v: &Value| match v {
        Value::Object(m) => m.get("digital_selftest").cloned(),
        _ => None,
    };
    assert!(kept(&selftest).is_some());
    assert_eq!(kept(&out), kept(&selftest));
    wrapper.remove();
}
