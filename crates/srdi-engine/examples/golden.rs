//! Writes the `srdi-result/2` JSON of 3,360 varied assessments to standard output: a refactor
//! of the engine that keeps every behaviour writes the same bytes before and after (compare
//! the two files with `cmp`).
//!
//! `cargo run --release -p srdi-engine --example golden -- [embedded|baked] > results.txt`
//!
//! The example profiles, each as it is and with its figures scaled (×0.5, ×0.93, ×1.1, ×2),
//! every 3rd or 7th answer dropped, every 2nd yes/no flipped, and a mix of the three; each on
//! four dates (before and after 2026-04-01, and the years around), on both paths and the
//! derived one, with the rules by date or forced to 2022 or 2026, and in 四川, 山东 and 广东.
//! From the rule files as read at run time (`embedded`, the default) or the baked book the
//! browser uses (`baked`).

use std::io::Write;

use serde_json::Value;
use srdi_engine::rules::ApplicantPath;
use srdi_engine::{Date, Options, Profile, RuleBook, RulesChoice, assess};

/// How a profile is varied: figures scaled by `scale`, every `drop`-th answer left out and
/// every `flip`-th yes/no turned over (0: none).
struct Vary {
    scale: f64,
    drop: usize,
    flip: usize,
}

fn vary(v: &mut Value, how: &Vary, k: &mut usize) {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            for key in keys {
                if key == "format" {
                    continue;
                }
                *k += 1;
                if how.drop > 0 && (*k).is_multiple_of(how.drop) {
                    m.remove(&key);
                } else if let Some(x) = m.get_mut(&key) {
                    vary(x, how, k);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| vary(x, how, k)),
        Value::Bool(b) => {
            *k += 1;
            if how.flip > 0 && (*k).is_multiple_of(how.flip) {
                *b = !*b;
            }
        }
        Value::Number(n) => {
            // Years stay years; whole numbers stay whole.
            let year = n.as_i64().is_some_and(|i| (1900..2100).contains(&i));
            if let (false, Some(x)) = (year, n.as_f64()) {
                *v = if n.is_i64() || n.is_u64() {
                    serde_json::json!((x * how.scale).round() as i64)
                } else {
                    serde_json::json!((x * how.scale * 100.0).round() / 100.0)
                };
            }
        }
        _ => {}
    }
}

fn main() -> Result<(), String> {
    let owned;
    let book: &RuleBook = match std::env::args().nth(1).as_deref() {
        Some("baked") => RuleBook::baked(),
        None | Some("embedded") => {
            owned = RuleBook::embedded().map_err(|e| e.to_string())?;
            &owned
        }
        Some(other) => return Err(format!("unknown book {other}: embedded or baked")),
    };
    let dir = format!("{}/../../examples/profiles", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let ways = [
        (1.0, 0, 0),
        (0.5, 0, 0),
        (0.93, 0, 0),
        (1.1, 0, 0),
        (2.0, 0, 0),
        (1.0, 7, 0),
        (1.0, 3, 0),
        (1.0, 0, 2),
        (0.97, 5, 3),
    ];
    let dates = [(2025, 6, 1), (2026, 3, 31), (2026, 5, 1), (2027, 2, 1)];
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut count = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let base: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        for (i, (scale, drop, flip)) in ways.into_iter().enumerate() {
            let mut v = base.clone();
            vary(&mut v, &Vary { scale, drop, flip }, &mut 0);
            let p = match Profile::from_json(&v.to_string()) {
                Ok(p) => p,
                Err(e) => {
                    writeln!(out, "## {name} way {i}: not a profile: {e}")
                        .map_err(|e| e.to_string())?;
                    continue;
                }
            };
            for (year, month, day) in dates {
                for path in [None, Some(ApplicantPath::New), Some(ApplicantPath::Review)] {
                    for rules in ["auto", "2022", "2026"] {
                        for province in [None, Some("四川"), Some("山东"), Some("广东")] {
                            if province.is_some() && (path.is_some() || rules != "auto") {
                                continue;
                            }
                            let mut o = Options::new(Date { year, month, day });
                            o.path = path;
                            if rules != "auto" {
                                o.rules = RulesChoice::Version(rules.into());
                            }
                            o.province = province.map(String::from);
                            let a = assess(book, &p, &o);
                            writeln!(
                                out,
                                "## {name} way {i} {year}-{month:02}-{day:02} {path:?} {rules} {province:?}"
                            )
                            .map_err(|e| e.to_string())?;
                            out.write_all(a.to_json().as_bytes())
                                .map_err(|e| e.to_string())?;
                            count += 1;
                        }
                    }
                }
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!("{count} assessments");
    Ok(())
}
