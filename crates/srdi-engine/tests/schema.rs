//! The JSON Schema files in `schema/` describe exactly what the engine reads
//! and writes: every example profile is valid under the profile schema and
//! parses; its assessment is valid under the result schema; and files the
//! parser refuses (unknown keys, wrong version) the schema refuses too.
//!
//! The validator below covers the keywords the two schemas use ($ref, type,
//! enum, const, properties, required, additionalProperties, items, oneOf,
//! minimum, maximum, maxLength, maxItems).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use srdi_engine::fields::{FieldId, FieldKind};
use srdi_engine::{Date, Options, Profile, RuleBook, assess};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(p: &str) -> Value {
    let text = std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        _ => false,
    }
}

fn validate(schema: &Value, root_schema: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let target = &root_schema["$defs"][name];
        assert!(!target.is_null(), "unresolved $ref {r}");
        return validate(target, root_schema, v, at, errs);
    }
    match schema.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => return errs.push(format!("{at}: not {t}")),
        Some(Value::Array(ts)) if !ts.iter().any(|t| t.as_str().is_some_and(|t| type_ok(t, v))) => {
            return errs.push(format!("{at}: wrong type"));
        }
        _ => {}
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errs.push(format!("{at}: {v} not in enum"));
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        errs.push(format!("{at}: {v} is not {c}"));
    }
    if let Some(alts) = schema.get("oneOf").and_then(Value::as_array) {
        let ok = alts
            .iter()
            .filter(|a| {
                let mut e = Vec::new();
                validate(a, root_schema, v, at, &mut e);
                e.is_empty()
            })
            .count();
        if ok != 1 {
            errs.push(format!("{at}: matches {ok} alternatives of oneOf"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_i64), v.as_i64())
        && n < min
    {
        errs.push(format!("{at}: below {min}"));
    }
    if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_i64), v.as_i64())
        && n > max
    {
        errs.push(format!("{at}: above {max}"));
    }
    if let (Some(max), Some(s)) = (schema.get("maxLength").and_then(Value::as_u64), v.as_str())
        && s.chars().count() as u64 > max
    {
        errs.push(format!("{at}: longer than {max}"));
    }
    if let Value::Object(map) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(k) = req.as_str()
                && !map.contains_key(k)
            {
                errs.push(format!("{at}: missing required {k}"));
            }
        }
        for (k, val) in map {
            let here = format!("{at}.{k}");
            match (
                props.and_then(|p| p.get(k)),
                schema.get("additionalProperties"),
            ) {
                (Some(s), _) => validate(s, root_schema, val, &here, errs),
                (None, Some(Value::Bool(false))) => errs.push(format!("{here}: not allowed")),
                (None, Some(s @ Value::Object(_))) => validate(s, root_schema, val, &here, errs),
                _ => {}
            }
        }
    }
    if let Value::Array(items) = v {
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
            && items.len() as u64 > max
        {
            errs.push(format!("{at}: more than {max} items"));
        }
        if let Some(s) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(s, root_schema, item, &format!("{at}[{i}]"), errs);
            }
        }
    }
}

fn errors(schema: &Value, v: &Value) -> Vec<String> {
    let mut e = Vec::new();
    validate(schema, schema, v, "$", &mut e);
    e
}

fn example_profiles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples/profiles"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "json"));
    v.sort();
    v
}

#[test]
fn example_profiles_match_the_schema_and_parse() {
    let schema = load("schema/srdi-profile-1.schema.json");
    let files = example_profiles();
    assert!(!files.is_empty());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let e = errors(&schema, &v);
        assert!(e.is_empty(), "{}: {e:?}", f.display());
        if let Err(err) = Profile::from_json(&text) {
            panic!(
                "{} is valid under the schema but does not parse: {err}",
                f.display()
            );
        }
    }
}

#[test]
fn results_match_the_result_schema() {
    let schema = load("schema/srdi-result-2.schema.json");
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let dates = ["2021-05-01", "2026-03-01", "2026-05-01"];
    for f in example_profiles() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let Ok(p) = Profile::from_json(&text) else {
            continue;
        };
        for d in dates {
            for path in [
                None,
                Some(srdi_engine::ApplicantPath::New),
                Some(srdi_engine::ApplicantPath::Review),
            ] {
                let mut opts = Options::new(Date::parse(d).unwrap_or(Date {
                    year: 2026,
                    month: 5,
                    day: 1,
                }));
                opts.path = path;
                opts.paths = vec![(
                    srdi_engine::Tier::LittleGiant,
                    srdi_engine::ApplicantPath::New,
                )];
                let a = assess(&book, &p, &opts);
                let text = a.to_json();
                // The hand-written writer gives exactly what serde's derive does.
                let reference = serde_json::to_string_pretty(&a).unwrap_or_default();
                assert!(
                    text == reference,
                    "{} on {d}: to_json differs from serde's output at byte {}",
                    f.display(),
                    text.bytes()
                        .zip(reference.bytes())
                        .position(|(x, y)| x != y)
                        .unwrap_or(text.len().min(reference.len()))
                );
                let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let e = errors(&schema, &v);
                assert!(
                    e.is_empty(),
                    "{} on {d}: {:?}",
                    f.display(),
                    &e[..e.len().min(5)]
                );
            }
        }
        // An empty profile (everything unknown) too.
        let v: Value = serde_json::from_str(
            &assess(
                &book,
                &Profile::new(),
                &Options::new(Date {
                    year: 2026,
                    month: 5,
                    day: 1,
                }),
            )
            .to_json(),
        )
        .unwrap_or(Value::Null);
        assert!(errors(&schema, &v).is_empty());
    }
}

#[test]
fn what_the_parser_refuses_the_schema_refuses() {
    let schema = load("schema/srdi-profile-1.schema.json");
    let bad = [
        r#"{"format":"srdi-profile/1","turnover":"5"}"#,
        r#"{"format":"srdi-profile/2"}"#,
        r#"{"format":"srdi-profile/1","staff":{"employees":-3}}"#,
        r#"{"format":"srdi-profile/1","industry":"spaceships"}"#,
        r#"{"format":"srdi-profile/1","years":{"2025":{"revenue":"1","profit":"2"}}}"#,
        r#"{"format":"srdi-profile/1","rd_institute":"galactic"}"#,
    ];
    for b in bad {
        let v: Value = serde_json::from_str(b).unwrap_or(Value::Null);
        assert!(!errors(&schema, &v).is_empty(), "schema accepts {b}");
        assert!(Profile::from_json(b).is_err(), "parser accepts {b}");
    }
}

/// The schema entry of a field of the table: its JSON type and range by
/// kind, and its labels as the description.
fn entry_for(f: FieldId) -> Value {
    let (zh, en) = f.label();
    let mut e = match f.kind() {
        FieldKind::Flag => json!({ "type": "boolean" }),
        FieldKind::Count => json!({ "type": "integer", "minimum": 0, "maximum": 4294967295u64 }),
        FieldKind::Rank => json!({ "type": "integer", "minimum": 1, "maximum": 4294967295u64 }),
        FieldKind::Level => json!({ "type": "integer", "minimum": 0, "maximum": 4 }),
        FieldKind::TitleYear => json!({ "type": "integer", "minimum": 2011, "maximum": 2100 }),
        FieldKind::WanYuan | FieldKind::SignedWanYuan | FieldKind::Percent => {
            json!({ "$ref": "#/$defs/decimal" })
        }
        FieldKind::Month => json!({ "type": "string", "pattern": "^\\d{4}-\\d{2}(-\\d{2})?$" }),
        // Fields of their own shape are written by hand in the schema.
        FieldKind::Choice | FieldKind::Points | FieldKind::Awards => return Value::Null,
    };
    let unit = match f.kind() {
        FieldKind::WanYuan => ", 万元, not negative",
        FieldKind::SignedWanYuan => ", 万元, negative for a loss",
        FieldKind::Percent => ", percent 0–100",
        FieldKind::Month => ", YYYY-MM",
        _ => "",
    };
    e["description"] = Value::String(format!("{zh} / {en}{unit}"));
    e
}

/// The profile schema with every field entry rewritten from the field table,
/// in the table's order (a field gone from the table goes from the schema).
fn schema_from_table(mut schema: Value) -> Value {
    let mut cleared: Vec<&str> = Vec::new();
    for &f in FieldId::ALL {
        let (section, key) = f.parts();
        let e = entry_for(f);
        if key.is_empty() || e.is_null() {
            continue;
        }
        let props = if f.yearly() {
            &mut schema["$defs"]["year_figures"]["properties"]
        } else {
            &mut schema["properties"][section]["properties"]
        };
        if !cleared.contains(&section) {
            cleared.push(section);
            *props = json!({});
        }
        props[key] = e;
    }
    schema
}

/// The profile schema's field entries are written from the field table: a
/// new field is a row in `fields.rs`, then `SRDI_BLESS=1 cargo test -p
/// srdi-engine --test schema` rewrites the schema file.
#[test]
fn the_profile_schema_is_written_from_the_field_table() {
    let path = root().join("schema/srdi-profile-1.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let current: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let wanted =
        serde_json::to_string_pretty(&schema_from_table(current)).unwrap_or_default() + "\n";
    if std::env::var_os("SRDI_BLESS").is_some() {
        std::fs::write(&path, &wanted).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    assert!(
        text == wanted,
        "schema/srdi-profile-1.schema.json is stale: run SRDI_BLESS=1 cargo test -p srdi-engine --test schema"
    );
}

/// The schema entry a field of the table must have: its JSON type, or the
/// decimal definition, and the range its kind allows.
fn fits_kind(kind: FieldKind, entry: &Value) -> Result<(), String> {
    let ty = entry.get("type").and_then(Value::as_str);
    let reference = entry.get("$ref").and_then(Value::as_str);
    let min = entry.get("minimum").and_then(Value::as_i64);
    let max = entry.get("maximum").and_then(Value::as_i64);
    let ok = match kind {
        FieldKind::Flag => ty == Some("boolean"),
        FieldKind::Count => ty == Some("integer") && min == Some(0),
        FieldKind::Rank => ty == Some("integer") && min == Some(1),
        FieldKind::Level => ty == Some("integer") && min == Some(0) && max == Some(4),
        FieldKind::TitleYear => ty == Some("integer") && min == Some(2011) && max == Some(2100),
        FieldKind::WanYuan | FieldKind::SignedWanYuan | FieldKind::Percent => {
            reference == Some("#/$defs/decimal")
        }
        FieldKind::Month => ty == Some("string") && entry.get("pattern").is_some(),
        FieldKind::Choice => entry.get("enum").is_some(),
        FieldKind::Points => entry.get("additionalProperties").is_some(),
        FieldKind::Awards => ty == Some("array"),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{kind:?} does not fit {entry}"))
    }
}

#[test]
fn the_profile_schema_has_exactly_the_fields_of_the_field_table() {
    let schema = load("schema/srdi-profile-1.schema.json");
    let props = &schema["properties"];
    let mut problems = Vec::new();
    let mut sections: Vec<&str> = Vec::new();
    for &f in FieldId::ALL {
        let (section, key) = f.parts();
        let entry = match (key, f.yearly()) {
            ("", _) => &props[section],
            (k, true) => &schema["$defs"]["year_figures"]["properties"][k],
            (k, false) => &props[section]["properties"][k],
        };
        if entry.is_null() {
            problems.push(format!("{}: not in the schema", f.path()));
        } else if let Err(e) = fits_kind(f.kind(), entry) {
            problems.push(format!("{}: {e}", f.path()));
        }
        if !key.is_empty() && !sections.contains(&section) {
            sections.push(section);
        }
    }
    // And the other way round: every key of a section is a field of the table.
    for section in sections {
        let keys = if section == "years" {
            schema["$defs"]["year_figures"]["properties"].as_object()
        } else {
            props[section]["properties"].as_object()
        };
        for k in keys.into_iter().flat_map(|m| m.keys()) {
            let path = if section == "years" {
                format!("years.2025.{k}")
            } else {
                format!("{section}.{k}")
            };
            if FieldId::from_path(&path).is_none() {
                problems.push(format!("{path}: in the schema, not in the field table"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
