//! Routing in about a hundred lines, instead of a router crate.
//!
//! The app has six kinds of page, so a route is an enum ([`Route`]) parsed
//! from the URL. Links are plain `<a href>` elements made by [`href`]; one
//! click listener on the window turns clicks on them into `history.pushState`
//! and a signal change, and `popstate` follows the browser's back and forward.
//!
//! Two URL shapes, chosen once at start:
//! - **path** (`/step-3`), served over http(s) by a server with an SPA fallback,
//!   so deep links survive a reload. The app may live in any folder of a site: its
//!   pages are one segment below the folder `boot.js` was loaded from (`data-base`
//!   on `<html>`, e.g. `/srdi/`), so `/srdi/step-3` loads the same relative files
//!   as `/srdi/`;
//! - **hash** (`#/step-3`), when the page is opened from disk (`file://`, the
//!   single-file build) or is an `.html` file on a server (the single file served
//!   over http), where no server answers `/step-3`.
//!
//! The host's accepted options (`?embed=1&lang=en`, see `host.rs`) are kept on
//! every link, so a reload keeps the mode. Enterprise figures never enter a URL.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::questions::STEPS;

/// The app's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Start,
    /// A questionnaire step, 1-based.
    Step(usize),
    Results,
    Compare,
    Rules,
    /// The 数字化水平 self-test.
    Digital,
    NotFound,
}

impl Route {
    /// The route for a URL path below the app's folder (`/step-3`), or [`Route::NotFound`].
    pub fn parse(path: &str) -> Route {
        let path = path.trim_end_matches('/');
        match path {
            "" | "/index.html" => Route::Start,
            "/results" => Route::Results,
            "/compare" => Route::Compare,
            "/rules" => Route::Rules,
            "/digital" => Route::Digital,
            _ => path
                .strip_prefix("/step-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=STEPS.len()).contains(n))
                .map_or(Route::NotFound, Route::Step),
        }
    }

    /// The route's URL path below the app's folder.
    pub fn path(self) -> String {
        match self {
            Route::Start | Route::NotFound => "/".to_owned(),
            Route::Step(n) => format!("/step-{n}"),
            Route::Results => "/results".to_owned(),
            Route::Compare => "/compare".to_owned(),
            Route::Rules => "/rules".to_owned(),
            Route::Digital => "/digital".to_owned(),
        }
    }
}

/// Whether routes live in the URL's hash: true when the page was opened from disk, or is an
/// `.html` file on a server (the single file, which has no folder of its own to route in).
fn hash_mode() -> bool {
    let location = window().location();
    location.protocol().is_ok_and(|p| p == "file:")
        || location
            .pathname()
            .is_ok_and(|p| p.ends_with(".html") && !p.ends_with("/index.html"))
}

thread_local! {
    /// The app's folder on its server, read once (boot.js sets it before the app starts).
    static BASE: String = document()
        .document_element()
        .and_then(|root| root.get_attribute("data-base"))
        .filter(|b| b.starts_with('/') && b.ends_with('/'))
        .unwrap_or_else(|| "/".to_owned());
}

/// The app's folder on its server (`/`, `/srdi/`), as `boot.js` found it; always ends in `/`.
fn base() -> String {
    BASE.with(String::clone)
}

/// The route of a path on the server: the part below the app's folder.
fn route_of(pathname: &str) -> Route {
    let base = base();
    if pathname.len() + 1 == base.len() && base.starts_with(pathname) {
        // The folder without its slash (`/srdi`).
        return Route::Start;
    }
    pathname
        .strip_prefix(base.trim_end_matches('/'))
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .map_or(Route::NotFound, Route::parse)
}

/// The route the address bar shows now.
fn current() -> Route {
    let location = window().location();
    if hash_mode() {
        let hash = location.hash().unwrap_or_default();
        Route::parse(hash.strip_prefix('#').unwrap_or("/"))
    } else {
        route_of(&location.pathname().unwrap_or_default())
    }
}

thread_local! {
    /// The query every link carries: the host's accepted options (`host.rs`), nothing else.
    static QUERY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Keeps `query` (`?embed=1&lang=en`, or empty) on the app's links, and puts it in the address
/// bar in place of whatever query the page was opened with (refused parameters do not linger).
pub fn keep_query(query: String) {
    if !hash_mode()
        && window().location().search().unwrap_or_default() != query
        && let Ok(history) = window().history()
    {
        let path = window().location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
    QUERY.with(|q| *q.borrow_mut() = query);
}

/// A link's `href` for a route: `#/step-3` from disk, `/srdi/step-3?…` (the app's folder, the
/// host's options kept) on a server.
pub fn href(route: Route) -> String {
    if hash_mode() {
        format!("#{}", route.path())
    } else {
        let base = base();
        QUERY.with(|q| {
            format!(
                "{}{}{}",
                base.trim_end_matches('/'),
                route.path(),
                q.borrow()
            )
        })
    }
}

/// The current route, shared as context.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
}

/// The router for this page: reads the address, follows back/forward, and takes over clicks on
/// the app's own links. Call once, in the root component.
pub fn provide_nav() -> Nav {
    let nav = Nav {
        route: RwSignal::new(current()),
    };
    provide_context(nav);
    // The page's name on <html> (`data-route`: `start`, `step-3`, `results`, …): shell.js tells
    // an embedding host page when it changes, so the host can bring the new page into view.
    Effect::new(move |_| {
        let path = nav.route.get().path();
        let name = path.trim_start_matches('/');
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-route", if name.is_empty() { "start" } else { name });
        }
    });
    // The handles are dropped on purpose: these listeners live as long as the page.
    let _ = window_event_listener_untyped("popstate", move |_| nav.route.set(current()));
    let _ = window_event_listener_untyped("hashchange", move |_| {
        // Only `#/…` is a route; other hashes (none today) are in-page anchors.
        if window()
            .location()
            .hash()
            .is_ok_and(|h| h.starts_with("#/"))
        {
            nav.route.set(current());
        }
    });
    let _ = window_event_listener(ev::click, move |ev| {
        if let Some(route) = own_link(&ev) {
            ev.prevent_default();
            nav.go(route);
        }
    });
    nav
}

/// The route of an in-app link this click should follow without a page load, if it is one:
/// a plain left click, no modifier, on `<a href="/…">` with no `target` or `download`.
fn own_link(ev: &web_sys::MouseEvent) -> Option<Route> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
        || hash_mode()
    {
        return None;
    }
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    if anchor.has_attribute("download") || anchor.has_attribute("target") {
        return None;
    }
    let target = anchor.get_attribute("href")?;
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    // Only the app's own pages: a link elsewhere on the site loads as usual.
    Some(route_of(path)).filter(|r| *r != Route::NotFound)
}

impl Nav {
    /// Go to `route`, adding a history entry, and show the top of the new page.
    pub fn go(self, route: Route) {
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href(route)));
        }
        self.route.set(route);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The router from context.
pub fn use_nav() -> Nav {
    use_context::<Nav>().unwrap_or_else(provide_nav)
}
