//! Component tests: mount the real components in headless Chromium and check the DOM.
//!
//! Run with `cargo xtask test --only wasm` (or `cargo test -p srdi-check --target
//! wasm32-unknown-unknown` with wasm-bindgen-test-runner on PATH).

use leptos::{mount::mount_to, prelude::*, task::tick};
use srdi_check::{Home, amount::NOT_A_NUMBER};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `<Home/>` in a fresh `<section>` and returns that section.
fn mount_home() -> HtmlElement {
    let document = document();
    let wrapper = document
        .create_element("section")
        .expect("create a wrapper element")
        .unchecked_into::<HtmlElement>();
    document
        .body()
        .expect("the test page has a body")
        .append_child(&wrapper)
        .expect("append the wrapper");
    mount_to(wrapper.clone(), || view! { <Home /> }).forget();
    wrapper
}

/// Types `text` into the revenue input as a user would: set the value, fire a bubbling `input`.
fn type_revenue(wrapper: &HtmlElement, text: &str) -> HtmlInputElement {
    let input = wrapper
        .query_selector("#revenue")
        .expect("valid selector")
        .expect("the revenue input is rendered")
        .unchecked_into::<HtmlInputElement>();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("create an input event");
    input
        .dispatch_event(&event)
        .expect("dispatch the input event");
    input
}

fn feedback(wrapper: &HtmlElement) -> web_sys::Element {
    wrapper
        .query_selector("#revenue-feedback")
        .expect("valid selector")
        .expect("the feedback line is rendered")
}

#[wasm_bindgen_test]
async fn typing_revenue_shows_the_amount_in_yi() {
    let wrapper = mount_home();
    let heading = wrapper
        .query_selector("h1")
        .expect("valid selector")
        .expect("a heading");
    assert_eq!(heading.text_content().as_deref(), Some("专精特新自测"));
    assert_eq!(feedback(&wrapper).text_content().as_deref(), Some(""));

    type_revenue(&wrapper, "3000");
    tick().await;

    let line = feedback(&wrapper);
    assert_eq!(line.text_content().as_deref(), Some("合 0.3 亿元"));
    assert!(!line.class_list().contains("error"));
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn text_that_is_not_a_number_shows_a_message_and_is_kept() {
    let wrapper = mount_home();

    let input = type_revenue(&wrapper, "三千");
    tick().await;

    let line = feedback(&wrapper);
    assert_eq!(line.text_content().as_deref(), Some(NOT_A_NUMBER));
    assert!(line.class_list().contains("error"));
    assert_eq!(line.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.value(), "三千");

    // Correcting the text clears the message.
    type_revenue(&wrapper, "12345.67");
    tick().await;
    assert_eq!(
        feedback(&wrapper).text_content().as_deref(),
        Some("合 1.234567 亿元")
    );
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    wrapper.remove();
}
