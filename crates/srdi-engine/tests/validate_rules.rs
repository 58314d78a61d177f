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
    // serde names the node and the type, not the value.
    let e = read(&bad_metric).unwrap_err();
    assert!(
        e.contains("b1_registered_in_china") && e.contains("Metric"),
        "{e}"
    );
}
