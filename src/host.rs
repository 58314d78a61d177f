//! Host options: how the page that serves or embeds SRDI Check sets it up, through URL parameters.
//!
//! | parameter | values | effect |
//! |---|---|---|
//! | `embed` | `1` | no site header or footer; the height is reported to the host page (`public/shell.js`) |
//! | `host` | origins, comma-separated (`https://assoc.example,https://www.assoc.example`): scheme, name and port only, no path or trailing `/` | the only origins whose messages are accepted, and where the app's messages go; an invalid value fails closed: no message is sent or accepted, and the page says why |
//! | `kiosk` | any (`1`) | shared-screen mode: large targets, nothing stored, idle wipe (`public/shell.js`); fails closed: any `kiosk` parameter, of any case or value, turns it on, and links keep `kiosk=1` |
//! | `idle` | seconds, 10–3600 (default 120) | kiosk: idle time before the wipe countdown |
//! | `lang` | `zh`, `zh-CN`, `en` | interface language |
//! | `province` | a province as the start page lists it (`四川`) | province pack and pass mark |
//! | `rules` | `auto` or a version the rule files carry (`2022`, `2026`, …) | rule version |
//! | `tiers` | tier ids, comma-separated | which tiers to show |
//! | `accent` | `#rgb` or `#rrggbb` | theme: accent colour (`--accent`) |
//! | `radius` | 0–24 (px) | theme: corner radius (`--radius`) |
//! | `scale` | 0.8–1.5 | theme: font scale (`--host-scale`) |
//!
//! Every value is checked here, in one place. An invalid one is ignored with a console warning
//! (but an invalid `host` is not ignored: it stops all messaging, see above);
//! no parameter is ever written into the page as markup. Enterprise figures are never read from
//! (or written to) a URL.

use leptos::prelude::*;
use srdi_engine::RulesChoice;

use crate::i18n::Lang;
use crate::questions::PROVINCES;

/// Kiosk idle time, in seconds, when the host does not set one (issue 5: two minutes).
pub const DEFAULT_IDLE_SECONDS: u32 = 120;

/// The options a host set; `None` or empty where it set nothing valid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostOptions {
    pub embed: bool,
    pub kiosk: bool,
    pub idle_seconds: u32,
    /// Origins allowed to message the app (and to receive its messages).
    pub host_origins: Vec<String>,
    /// Why the `host` value given is not a list of origins (the page shows the reason, the
    /// console the value too): then nothing is posted to any origin nor accepted from one (a
    /// typo must not open the messages to every page).
    pub host_error: Option<(HostProblem, String)>,
    pub lang: Option<Lang>,
    pub province: Option<&'static str>,
    pub rules: Option<RulesChoice>,
    pub tiers: Vec<srdi_engine::Tier>,
    /// CSS custom properties to set on `<html>`: (name, value), values already checked.
    pub theme: Vec<(&'static str, String)>,
    /// The parameters that were taken, as given: what the app's own links carry on.
    pub accepted: Vec<(&'static str, String)>,
}

/// The parameters a host may set.
const KNOWN: [&str; 11] = [
    "embed", "host", "kiosk", "idle", "lang", "province", "rules", "tiers", "accent", "radius",
    "scale",
];

impl HostOptions {
    /// The accepted parameters as a query string (`?embed=1&lang=en`), or empty: the only query
    /// the app's links and address bar keep, so nothing refused travels on.
    pub fn query(&self) -> String {
        let mut q = String::new();
        for (key, value) in &self.accepted {
            q.push(if q.is_empty() { '?' } else { '&' });
            q.push_str(key);
            q.push('=');
            q.push_str(&encode(value));
        }
        q
    }
}

/// Percent-encodes all but the unreserved characters of RFC 3986.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a query string does); None when the escapes are not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// `https://host[:port]` or `http://host[:port]`, nothing after: the shape of an origin.
fn is_origin(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = rest.split_once(':').unwrap_or((rest, ""));
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && (port.is_empty() || (port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())))
}

/// Why a `host` value is not a list of origins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostProblem {
    /// Two commas in a row, or one at the end.
    Empty,
    /// Origins separated by spaces.
    Spaces,
    /// An origin with a path (a trailing `/`).
    Path,
    /// Anything else that is not `http(s)://name[:port]`.
    NotOrigin,
}

impl HostProblem {
    /// The reason in English, for the console (and the docs' troubleshooting table).
    pub fn reason(self) -> &'static str {
        self.words().1
    }

    /// The reason in Chinese and in English, for the page's notice.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            HostProblem::Empty => (
                "出现了空的来源（两个逗号相连，或末尾多了一个逗号）",
                "an empty origin (two commas, or a comma at the end)",
            ),
            HostProblem::Spaces => (
                "多个来源之间用英文逗号分隔，不能用空格",
                "origins are separated by commas, not spaces",
            ),
            HostProblem::Path => (
                "来源不带路径：请删去末尾的 /",
                "an origin has no path: remove the trailing /",
            ),
            HostProblem::NotOrigin => (
                "来源只能写成 http(s)://域名[:端口]，不含其他内容",
                "an origin is http(s)://name[:port] and nothing else",
            ),
        }
    }
}

/// What is wrong with `s` as an origin, for the integrator: the reason, and the value.
fn origin_problem(s: &str) -> (HostProblem, String) {
    let why = if s.is_empty() {
        HostProblem::Empty
    } else if s.contains(char::is_whitespace) {
        HostProblem::Spaces
    } else if is_origin(s.trim_end_matches('/')) {
        HostProblem::Path
    } else {
        HostProblem::NotOrigin
    };
    (why, s.to_string())
}

/// An sRGB channel (0–255) as linear light, in ten-thousandths (WCAG 2's relative luminance):
/// integers, so the check needs no floating point.
const LINEAR: [u16; 256] = [
    0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 37, 40, 44, 48, 52, 56, 60, 65, 70, 75, 80, 86, 91,
    97, 103, 110, 116, 123, 130, 137, 144, 152, 160, 168, 176, 185, 194, 203, 212, 222, 232, 242,
    252, 262, 273, 284, 296, 307, 319, 331, 343, 356, 369, 382, 395, 409, 423, 437, 452, 467, 482,
    497, 513, 529, 545, 561, 578, 595, 612, 630, 648, 666, 685, 704, 723, 742, 762, 782, 802, 823,
    844, 865, 887, 908, 931, 953, 976, 999, 1022, 1046, 1070, 1095, 1119, 1144, 1170, 1195, 1221,
    1248, 1274, 1301, 1329, 1356, 1384, 1413, 1441, 1470, 1500, 1529, 1559, 1590, 1620, 1651, 1683,
    1714, 1746, 1779, 1812, 1845, 1878, 1912, 1946, 1981, 2016, 2051, 2086, 2122, 2159, 2195, 2232,
    2270, 2307, 2346, 2384, 2423, 2462, 2502, 2542, 2582, 2623, 2664, 2705, 2747, 2789, 2831, 2874,
    2918, 2961, 3005, 3050, 3095, 3140, 3185, 3231, 3278, 3325, 3372, 3419, 3467, 3515, 3564, 3613,
    3663, 3712, 3763, 3813, 3864, 3916, 3968, 4020, 4072, 4125, 4179, 4233, 4287, 4342, 4397, 4452,
    4508, 4564, 4621, 4678, 4735, 4793, 4851, 4910, 4969, 5029, 5089, 5149, 5210, 5271, 5333, 5395,
    5457, 5520, 5583, 5647, 5711, 5776, 5841, 5906, 5972, 6038, 6105, 6172, 6240, 6308, 6376, 6445,
    6514, 6584, 6654, 6724, 6795, 6867, 6939, 7011, 7084, 7157, 7231, 7305, 7379, 7454, 7529, 7605,
    7682, 7758, 7835, 7913, 7991, 8070, 8148, 8228, 8308, 8388, 8469, 8550, 8632, 8714, 8796, 8879,
    8963, 9047, 9131, 9216, 9301, 9387, 9473, 9560, 9647, 9734, 9823, 9911, 10000,
];

/// Whether `#rgb`/`#rrggbb` and white differ by WCAG's 4.5:1 at least: the accent is text on
/// white and the background of white text. `(1 + 0.05) / (L + 0.05) ≥ 4.5` ⇔ `9 L ≤ 1.65`.
fn contrast_on_white_ok(hex: &str) -> bool {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let (digits, scale) = if h.len() == 3 {
            (h.get(i..=i), 17)
        } else {
            (h.get(2 * i..2 * i + 2), 1)
        };
        digits
            .and_then(|d| u8::from_str_radix(d, 16).ok())
            .and_then(|v| LINEAR.get(usize::from(v) * scale))
            .map_or(0, |l| u64::from(*l))
    };
    // Luminance in hundred-millionths.
    let l = 2126 * channel(0) + 7152 * channel(1) + 722 * channel(2);
    9 * l <= 165_000_000
}

/// `#rgb` or `#rrggbb`.
fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| (h.len() == 3 || h.len() == 6) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A decimal with at most two places, in hundredths (`1.25` → 125).
fn hundredths(s: &str) -> Option<u32> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || frac.len() > 2
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int: u32 = int.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    int.checked_mul(100)?.checked_add(frac)
}

/// Reads a query string (`?embed=1&lang=en`). Returns the options and a warning for every
/// parameter that was ignored, saying why.
pub fn parse(query: &str) -> (HostOptions, Vec<String>) {
    let mut o = HostOptions {
        idle_seconds: DEFAULT_IDLE_SECONDS,
        ..HostOptions::default()
    };
    let mut warnings = Vec::new();
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(key), Some(value)) = (decode(raw_key), decode(raw_value)) else {
            warnings.push("a parameter is not valid URL encoding".to_string());
            continue;
        };
        let value = value.trim();
        let flag = matches!(value, "1" | "true" | "");
        // Kiosk mode fails closed: any `kiosk` parameter, whatever its case or value (`TRUE`,
        // `on`, `0`, repeated), turns it on, and nothing later in the URL turns it off.
        let key = if key.eq_ignore_ascii_case("kiosk") {
            "kiosk".to_string()
        } else {
            key
        };
        if key == "kiosk" {
            o.kiosk = true;
            if !flag {
                warnings.push(format!(
                    "SRDI Check: kiosk={value:?} turns kiosk mode on (any kiosk parameter does)"
                ));
            }
            o.accepted.retain(|(k, _)| *k != "kiosk");
            o.accepted.push(("kiosk", "1".to_string()));
            continue;
        }
        let ok = match key.as_str() {
            "embed" => {
                o.embed = flag;
                flag || value == "0"
            }
            "idle" => match value.parse::<u32>() {
                Ok(s) if (10..=3600).contains(&s) => {
                    o.idle_seconds = s;
                    true
                }
                _ => false,
            },
            "host" => {
                let origins: Vec<&str> = value.split(',').map(str::trim).collect();
                match origins.iter().find(|h| !is_origin(h)) {
                    None => {
                        o.host_origins = origins.into_iter().map(str::to_string).collect();
                        o.host_error = None;
                    }
                    Some(bad) => {
                        o.host_origins.clear();
                        o.host_error = Some(origin_problem(bad));
                    }
                }
                // Kept on the app's links even when invalid, so that a reload fails closed too.
                true
            }
            "lang" => {
                o.lang = match value {
                    "zh" | "zh-CN" | "zh-cn" => Some(Lang::Zh),
                    "en" => Some(Lang::En),
                    _ => None,
                };
                o.lang.is_some()
            }
            "province" => {
                o.province = PROVINCES.iter().map(|(z, _)| *z).find(|p| *p == value);
                o.province.is_some()
            }
            "rules" => match RulesChoice::parse(value, crate::state::book()) {
                Ok(r) => {
                    o.rules = Some(r);
                    true
                }
                Err(e) => {
                    warnings.push(format!("SRDI Check: parameter `rules` ignored: {e}"));
                    continue;
                }
            },
            "tiers" => {
                let tiers: Vec<Option<srdi_engine::Tier>> = value
                    .split(',')
                    .map(|t| srdi_engine::Tier::from_key(t.trim()))
                    .collect();
                if tiers.iter().all(Option::is_some) {
                    o.tiers = tiers.into_iter().flatten().collect();
                    true
                } else {
                    false
                }
            }
            "accent" => {
                let ok = is_hex_colour(value);
                if ok {
                    o.theme.push(("--accent", value.to_string()));
                    if !contrast_on_white_ok(value) {
                        warnings.push(format!(
                            "SRDI Check: accent {value} has less than 4.5:1 contrast with white (WCAG 1.4.3): links and headings in it, and white text on its buttons, are hard to read; choose a darker colour"
                        ));
                    }
                }
                ok
            }
            "radius" => match value.parse::<u32>() {
                Ok(px) if px <= 24 => {
                    o.theme.push(("--radius", format!("{px}px")));
                    true
                }
                _ => false,
            },
            "scale" => match hundredths(value) {
                Some(h) if (80..=150).contains(&h) => {
                    o.theme
                        .push(("--host-scale", format!("{}.{:02}", h / 100, h % 100)));
                    true
                }
                _ => false,
            },
            _ => {
                warnings.push(format!("SRDI Check: unknown parameter `{key}` ignored"));
                continue;
            }
        };
        if let (true, Some(known)) = (ok, KNOWN.iter().find(|k| **k == key)) {
            o.accepted.retain(|(k, _)| k != known);
            o.accepted.push((known, value.to_string()));
        }
        if !ok {
            warnings.push(format!(
                "SRDI Check: parameter `{key}` has a value it cannot take; ignored (see the host guide, docs/embedding.md)"
            ));
        }
    }
    (o, warnings)
}

/// The options in this page's URL; warnings go to the console.
pub fn from_location() -> HostOptions {
    let query = window().location().search().unwrap_or_default();
    let (options, warnings) = parse(&query);
    for w in warnings {
        web_sys::console::warn_1(&w.into());
    }
    options
}

/// Applies what belongs to the page itself: theme variables, and the attributes `shell.js`
/// reads (it does the embedding and kiosk work that lives outside the app).
pub fn apply_to_page(o: &HostOptions) {
    let Some(root) = document().document_element() else {
        return;
    };
    let style = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&root).style();
    for (name, value) in &o.theme {
        let _ = style.set_property(name, value);
    }
    let classes = root.class_list();
    let _ = classes.toggle_with_force("embed", o.embed);
    let _ = classes.toggle_with_force("kiosk", o.kiosk);
    if o.embed {
        let _ = root.set_attribute("data-embed", "1");
        let _ = root.set_attribute("data-host", &o.host_origins.join(" "));
    }
    if let Some((why, value)) = &o.host_error {
        // shell.js then sends nothing and accepts nothing.
        let _ = root.set_attribute("data-host-invalid", "1");
        web_sys::console::error_1(
            &format!(
                "SRDI Check: no message is sent or accepted: host {value:?} is not an origin ({}; docs/embedding.md)",
                why.reason()
            )
            .into(),
        );
    }
    if o.kiosk {
        let _ = root.set_attribute("data-kiosk", "1");
        let _ = root.set_attribute("data-idle", &o.idle_seconds.to_string());
    }
}
