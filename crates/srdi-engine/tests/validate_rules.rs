//! Every rule file parses strictly and passes the book's checks.

use srdi_engine::RuleBook;

#[test]
fn every_rule_file_and_pack_is_valid() {
    match RuleBook::embedded() {
        Err(e) => panic!("rule data does not parse: {e}"),
        Ok(book) => {
            if let Err(e) = book.validate() {
                panic!("rule data is invalid: {e}");
            }
        }
    }
}

/// Rule files are read strictly (serde's derive, `deny_unknown_fields`): an
/// unknown key, a missing key or an unknown metric is refused, naming where.
#[test]
fn rule_files_are_read_strictly() {
    let (name, text) = srdi_engine::rules::EMBEDDED_RULES[0];
    let base: serde_json::Value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    let read = |v: &serde_json::Value| {
        let mut book = RuleBook::default();
        book.add_rule_file(name, &v.to_string())
            .map_err(|e| e.to_string())
    };
    assert_eq!(read(&base), Ok(()));
    let mut extra = base.clone();
    extra["root"]["surprise"] = serde_json::Value::Bool(true);
    let e = read(&extra).unwrap_err();
    assert!(e.contains("unknown field `surprise`"), "{e}");
    let mut missing = base.clone();
    if let Some(o) = missing["root"].as_object_mut() {
        o.remove("zh");
    }
    let e = read(&missing).unwrap_err();
    assert!(e.contains("missing field `zh`"), "{e}");
    let mut bad_metric = base;
    bad_metric["root"]["of"][0]["metric"] = serde_json::Value::String("turnover".into());
    let e = read(&bad_metric).unwrap_err();
    assert!(e.contains("unknown metric `turnover`"), "{e}");
}

/// The embedded rule files with `name` changed by `edit`, validated as a book.
fn validate_with(name: &str, edit: impl Fn(&mut serde_json::Value)) -> Result<(), String> {
    let mut book = RuleBook::default();
    for (file, text) in srdi_engine::rules::EMBEDDED_RULES {
        let mut v: serde_json::Value =
            serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
        if *file == name {
            edit(&mut v);
        }
        book.add_rule_file(file, &v.to_string())
            .map_err(|e| e.to_string())?;
    }
    book.validate().map_err(|e| e.to_string())
}

/// The first node (depth first) whose `kind` is `kind`.
fn node_of_kind<'v>(v: &'v mut serde_json::Value, kind: &str) -> Option<&'v mut serde_json::Value> {
    if v.get("kind").and_then(serde_json::Value::as_str) == Some(kind) {
        return Some(v);
    }
    match v {
        serde_json::Value::Object(m) => m.values_mut().find_map(|c| node_of_kind(c, kind)),
        serde_json::Value::Array(a) => a.iter_mut().find_map(|c| node_of_kind(c, kind)),
        _ => None,
    }
}

#[test]
fn an_award_rule_names_at_least_one_kind_of_award_and_a_window() {
    assert_eq!(validate_with("innovative_sme_2022.json", |_| {}), Ok(()));
    let e = validate_with("innovative_sme_2022.json", |v| {
        if let Some(n) = node_of_kind(v, "award") {
            n["of"] = serde_json::json!([]);
        }
    })
    .unwrap_err();
    assert!(e.contains("an award rule needs"), "{e}");
    let e = validate_with("innovative_sme_2022.json", |v| {
        if let Some(n) = node_of_kind(v, "award") {
            n["within_years"] = serde_json::json!(0);
        }
    })
    .unwrap_err();
    assert!(e.contains("an award rule needs"), "{e}");
}

#[test]
fn another_reading_measures_the_same_thing_and_says_why() {
    let first_reading = |v: &mut serde_json::Value, f: &dyn Fn(&mut serde_json::Value)| {
        fn find(v: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
            if v.get("readings").is_some() {
                return v.get_mut("readings").and_then(|r| r.get_mut(0));
            }
            match v {
                serde_json::Value::Object(m) => m.values_mut().find_map(find),
                serde_json::Value::Array(a) => a.iter_mut().find_map(find),
                _ => None,
            }
        }
        if let Some(r) = find(v) {
            f(r);
        }
    };
    assert_eq!(validate_with("little_giant_2026.json", |_| {}), Ok(()));
    // A reading in another unit is no reading of the same figure.
    let e = validate_with("little_giant_2026.json", |v| {
        first_reading(v, &|r| r["metric"] = serde_json::json!("employees"));
    })
    .unwrap_err();
    assert!(e.contains("is not another reading of revenue_cagr2"), "{e}");
    // Without its note, a person would not know why the check is theirs.
    let e = validate_with("little_giant_2026.json", |v| {
        first_reading(v, &|r| r["note_en"] = serde_json::json!(" "));
    })
    .unwrap_err();
    assert!(e.contains("has no note"), "{e}");
}

/// What a user reads from a rule file (a node's text, a note, a review
/// reason) carries no internal reference marks: REFERENCE's section and
/// ambiguity numbers are for maintainers, in the citation's `reading`.
#[test]
fn texts_users_read_carry_no_internal_marks() {
    fn walk(v: &serde_json::Value, file: &str, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    // Every text reaches a reader (names, quotes, document titles, review
                    // reasons) except the reading of an ambiguity and the confidence code,
                    // which are for advisors and tests.
                    let read = !matches!(k.as_str(), "reading" | "confidence");
                    let marks = ["REFERENCE", "§", "[S1]", "[S2]", "[C-", "(S1)", "（S1）"];
                    if let (true, Some(s)) = (read, x.as_str())
                        && marks.iter().any(|m| s.contains(m))
                    {
                        bad.push(format!("{file} {k}: {s}"));
                    }
                    walk(x, file, bad);
                }
            }
            serde_json::Value::Array(xs) => xs.iter().for_each(|x| walk(x, file, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    for (name, text) in srdi_engine::rules::EMBEDDED_RULES
        .iter()
        .chain(srdi_engine::rules::EMBEDDED_TERMS)
        .chain(srdi_engine::rules::EMBEDDED_LADDER)
        .chain(srdi_engine::digital::EMBEDDED_DIGITAL)
    {
        let v: serde_json::Value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
        walk(&v, name, &mut bad);
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
