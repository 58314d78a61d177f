//! Every citation in every rule file and pack quotes the document's own words
//! (REFERENCE issue 11, points 13 and 14):
//! - a non-empty `quote` is Chinese text: it has CJK characters, no English
//!   words (Latin letters only in proper names such as G20, ISO9001, EPO, or as
//!   a band label "A."), and no interval or comparison notation (≥ ≤ [ ] ( ) ∞ < >);
//! - `doc` is a key of the file's own `documents`;
//! - an empty `quote` comes with a `reading` saying the wording was not seen.
//!
//! The walk is over the raw JSON, so it reaches every citation wherever it
//! sits: nodes, indicators, levels, `applies` windows, pass marks, the size
//! table and its rows.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Latin tokens that are proper names in the documents' own wording.
const PROPER_NAMES: &[&str] = &["G20", "ISO9001", "EPO"];

/// Characters that only a paraphrase or an interval encoding would use.
const FORBIDDEN: &[char] = &['≥', '≤', '[', ']', '(', ')', '∞', '<', '>'];

/// Words in a `reading` that say the quote is empty because the wording is not verbatim.
const NOT_VERBATIM: &[&str] = &["原文未见", "转述"];

fn rule_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut out = Vec::new();
    for d in [dir.clone(), dir.join("packs")] {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.expect("dir entry").path();
            if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 10, "rule files not found");
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// What is wrong with a non-empty quote, if anything.
fn quote_problems(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !q.chars().any(is_cjk) {
        out.push("no Chinese characters".to_string());
    }
    for c in FORBIDDEN {
        if q.contains(*c) {
            out.push(format!("contains {c:?}"));
        }
    }
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let token: String = chars[start..i].iter().collect();
            let next = chars.get(i).copied();
            let band_label = token.len() == 1
                && token.chars().all(|c| c.is_ascii_uppercase())
                && matches!(next, Some('.' | '．' | '、'));
            if !band_label && !PROPER_NAMES.contains(&token.as_str()) {
                out.push(format!("Latin word {token:?}"));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn check_citation(c: &Value, docs: &Value, at: &str, errs: &mut Vec<String>) {
    let doc = c.get("doc").and_then(Value::as_str).unwrap_or("");
    if docs.get(doc).is_none() {
        errs.push(format!("{at}: doc {doc:?} is not in this file's documents"));
    }
    let quote = c.get("quote").and_then(Value::as_str).unwrap_or("");
    let reading = c
        .get("reading")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    if quote.trim().is_empty() {
        if reading.is_empty() {
            errs.push(format!("{at}: empty quote without a reading"));
        } else if !NOT_VERBATIM.iter().any(|w| reading.contains(w)) {
            errs.push(format!(
                "{at}: empty quote, but the reading does not say the wording is not verbatim"
            ));
        }
    } else {
        for p in quote_problems(quote) {
            errs.push(format!("{at}: quote {quote:?}: {p}"));
        }
    }
}

fn walk(v: &Value, docs: &Value, at: &str, errs: &mut Vec<String>, count: &mut usize) {
    match v {
        Value::Object(o) => {
            if o.contains_key("doc") && o.contains_key("quote") {
                *count += 1;
                check_citation(v, docs, at, errs);
            } else if o.contains_key("industry") {
                // A size-table row quotes its own industry's sentence of 300号 第四条.
                *count += 1;
                match o.get("quote").and_then(Value::as_str) {
                    Some(q) if !q.trim().is_empty() => {
                        for p in quote_problems(q) {
                            errs.push(format!("{at}: row quote {q:?}: {p}"));
                        }
                    }
                    _ => errs.push(format!("{at}: size row without its quote")),
                }
            }
            for (k, x) in o {
                let name = x.get("id").and_then(Value::as_str).unwrap_or(k);
                walk(x, docs, &format!("{at}/{name}"), errs, count);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let name = x
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| i.to_string());
                walk(x, docs, &format!("{at}/{name}"), errs, count);
            }
        }
        _ => {}
    }
}

#[test]
fn every_citation_quotes_its_own_document_in_chinese() {
    let mut errs = Vec::new();
    let mut total = 0;
    for path in rule_files() {
        let text = std::fs::read_to_string(&path).expect("readable rule file");
        let v: Value = serde_json::from_str(&text).expect("rule file is JSON");
        let docs = v.get("documents").cloned().unwrap_or(Value::Null);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let mut count = 0;
        walk(&v, &docs, &name, &mut errs, &mut count);
        assert!(count > 0, "{name}: no citations found");
        total += count;
    }
    assert!(total > 200, "only {total} citations found");
    assert!(
        errs.is_empty(),
        "{} citation problem(s):\n{}",
        errs.len(),
        errs.join("\n")
    );
}

#[test]
fn the_quote_check_catches_paraphrase_and_notation() {
    assert!(!quote_problems("[30%,∞) 20").is_empty());
    assert!(!quote_problems("≥1 Ⅰ类 30").is_empty());
    assert!(!quote_problems("valid IP related to main product").is_empty());
    assert!(!quote_problems("X以下或Y以下的为中小微型企业").is_empty());
    assert!(quote_problems("A. 5%以上").is_empty());
    assert!(quote_problems("获得ISO9001等质量管理体系认证证书").is_empty());
    assert!(quote_problems("专利限G20成员、新加坡以及欧洲专利局").is_empty());
}
