//! Runs every case file in `tests/cases/*.toml`: plain-language cases at the
//! edges of every band and gate, each naming the clause it checks.
//!
//! A case starts from an example profile in `examples/profiles/`, changes a
//! few fields (`set`, `unset`, by dotted path), assesses, and compares
//! `expect` keys with the result:
//! - `TIER.verdict`, `TIER.class`, `TIER.score` (`85` or `60-70`), `TIER.rule_set`
//! - `TIER.CHECK.status|points|value|band|pass_mark` for any check id in the tier
//! - `TIER.gap.FIELD` → the change to that input in the gap plan (`+6`)
//! - `TIER.gaps` → number of gap steps; `TIER.missing` / `TIER.manual` → sorted, comma-joined
//! - `next_step` → tier id
//! - `TIER.path` (`new`/`review`), `TIER.path_basis`, `TIER.fit` (`in_force`, `forced`,
//!   `forced_outside`, `not_modelled`); `TIER.path_zh~TEXT` / `TIER.why_zh~TEXT` (and `_en`,
//!   `next_step_zh~TEXT`, `TIER.gaps_zh~TEXT` over every gap step): the sentence contains
//!   TEXT (the expected value is `true`); `KEY!~TEXT`: it does not
//!
//! - `TIER.effective_from`, `TIER.documents` (the rule set's 文号, joined by `,`; with `~TEXT`:
//!   contains), `TIER.CHECK.threshold` (the threshold as shown), `TIER.CHECK.doc_no` (the
//!   citation's 文号)
//!
//! Settings: `path = "new" | "review"` puts every tier on that path; without it each
//! tier's path is derived from the titles held; `paths = { little_giant = "new" }` sets
//! one tier's path (winning over `path`); `amend = ["amend_x.json"]` adds amendments from
//! `tests/fixtures/` (test-only law, not shipped).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use srdi_engine::json;
use srdi_engine::profile::set_path;
use srdi_engine::result::Check;
use srdi_engine::rules::ApplicantPath;
use srdi_engine::{
    Assessment, Date, GrowthFormula, Options, Profile, RuleBook, RulesChoice, assess,
};

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct Settings {
    profile: Option<String>,
    date: Option<String>,
    path: Option<String>,
    paths: Option<BTreeMap<String, String>>,
    rules: Option<String>,
    province: Option<String>,
    growth: Option<String>,
    amend: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    clause: String,
    #[serde(flatten)]
    settings: Settings,
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    #[serde(default)]
    unset: Vec<String>,
    expect: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    defaults: Settings,
    case: Vec<Case>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A TOML value as the engine's JSON (through JSON text, so numbers keep their digits).
fn toml_to_json(v: &toml::Value) -> json::Value {
    json::parse(&serde_json::to_string(v).unwrap_or_default()).unwrap_or(json::Value::Null)
}

fn find<'a>(checks: &'a [Check], id: &str) -> Option<&'a Check> {
    checks.iter().find(|c| &*c.id == id)
}

fn points(c: &Check) -> Option<String> {
    c.points.as_ref().map(|p| {
        if p.min == p.max {
            p.min.to_string()
        } else {
            format!("{}-{}", p.min, p.max)
        }
    })
}

/// The rule set's 文号, joined by `,`.
fn documents(t: &srdi_engine::TierResult) -> String {
    t.rule_set
        .documents
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The language a sentence key names: `zh` or `en`.
fn lang(which: &str) -> Result<srdi_words::Lang, String> {
    match which {
        "zh" => Ok(srdi_words::Lang::Zh),
        "en" => Ok(srdi_words::Lang::En),
        _ => Err(format!("no language {which:?}: write _zh or _en")),
    }
}

fn actual(a: &Assessment, key: &str) -> Result<String, String> {
    if let Some((k, text)) = key.split_once('~') {
        let (k, negate) = match k.strip_suffix('!') {
            Some(k) => (k, true),
            None => (k, false),
        };
        let sentence = if let Some(which) = k.strip_prefix("next_step_") {
            srdi_words::next_step(a, lang(which)?).ok_or("no next step")?
        } else {
            let (tier_id, which) = k.split_once('.').ok_or(format!("bad key {key}"))?;
            let t = a
                .tier(tier_id)
                .ok_or(format!("no tier {tier_id} in the result"))?;
            let (what, l) = which.rsplit_once('_').unwrap_or((which, ""));
            match what {
                "path" => srdi_words::path(t, srdi_words::date_of(a), lang(l)?),
                "why" => srdi_words::why(t, srdi_words::date_of(a), lang(l)?),
                "documents" => documents(t),
                "gaps" => t
                    .gaps
                    .iter()
                    .map(|g| srdi_words::step(g, lang(l).unwrap_or(srdi_words::Lang::Zh)))
                    .collect::<Vec<_>>()
                    .join(" | "),
                _ => return Err(format!("bad sentence {which} in {key}")),
            }
        };
        return Ok(match (sentence.contains(text), negate) {
            (true, false) | (false, true) => "true".into(),
            (false, false) => format!("no {text:?} in {sentence:?}"),
            (true, true) => format!("{text:?} in {sentence:?}"),
        });
    }
    if key == "next_step" {
        return Ok(a
            .next_step
            .as_ref()
            .map(|n| n.tier.to_string())
            .unwrap_or_default());
    }
    let (tier_id, rest) = key.split_once('.').ok_or(format!("bad key {key}"))?;
    let t = a
        .tier(tier_id)
        .ok_or(format!("no tier {tier_id} in the result"))?;
    Ok(match rest {
        "verdict" => t.verdict.key().to_string(),
        "class" => t.class.as_deref().unwrap_or_default().to_string(),
        "rule_set" => t.rule_set.id.to_string(),
        "fit" => t.rule_set.fit.key().to_string(),
        "path" => match t.path {
            ApplicantPath::New => "new".into(),
            ApplicantPath::Review => "review".into(),
        },
        "effective_from" => t
            .rule_set
            .effective_from
            .as_deref()
            .unwrap_or_default()
            .to_string(),
        "documents" => documents(t),
        "path_basis" => serde_json::to_value(t.path_basis)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        "score" => t
            .score
            .as_ref()
            .map(|s| {
                if s.min == s.max {
                    s.min.to_string()
                } else {
                    format!("{}-{}", s.min, s.max)
                }
            })
            .unwrap_or_default(),
        "gaps" => t.gaps.len().to_string(),
        "missing" => {
            let mut m: Vec<String> = t.missing.iter().map(|f| f.to_string()).collect();
            m.sort();
            m.join(",")
        }
        "manual" => t
            .manual
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(","),
        _ => {
            if let Some(field) = rest.strip_prefix("gap.") {
                return Ok(t
                    .gaps
                    .iter()
                    .flat_map(|g| g.changes.iter())
                    .find(|c| c.field.to_string() == field)
                    .map(|c| match c.delta {
                        Some(d) => {
                            let v = srdi_words::value(d, c.unit);
                            if d.is_negative() { v } else { format!("+{v}") }
                        }
                        None => String::new(),
                    })
                    .unwrap_or_else(|| "(no change)".into()));
            }
            let (check_id, attr) = rest.rsplit_once('.').ok_or(format!("bad key {key}"))?;
            let c = find(&t.checks, check_id)
                .ok_or(format!("no check {check_id} in tier {tier_id}"))?;
            match attr {
                "status" => serde_json::to_value(c.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                "points" => points(c).unwrap_or_default(),
                "pass_mark" => c.pass_mark.map(|m| m.to_string()).unwrap_or_default(),
                "threshold" => c
                    .threshold
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_default(),
                "doc_no" => c
                    .citation
                    .as_ref()
                    .map(|x| x.doc_no.to_string())
                    .unwrap_or_default(),
                "value" => c
                    .value
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                "band" => c
                    .points
                    .as_ref()
                    .and_then(|p| p.band.as_deref().map(str::to_string))
                    .unwrap_or_default(),
                _ => return Err(format!("bad attribute {attr} in {key}")),
            }
        }
    })
}

fn want(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn run_case(book: &RuleBook, file: &str, defaults: &Settings, c: &Case) -> Result<(), String> {
    let s = Settings {
        profile: c.settings.profile.clone().or(defaults.profile.clone()),
        date: c.settings.date.clone().or(defaults.date.clone()),
        path: c.settings.path.clone().or(defaults.path.clone()),
        paths: c.settings.paths.clone().or(defaults.paths.clone()),
        rules: c.settings.rules.clone().or(defaults.rules.clone()),
        province: c.settings.province.clone().or(defaults.province.clone()),
        growth: c.settings.growth.clone().or(defaults.growth.clone()),
        amend: c.settings.amend.clone().or(defaults.amend.clone()),
    };
    let mut amended = None;
    if let Some(list) = &s.amend {
        let mut b = book.clone();
        for name in list {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
            b.add_amendment(name, &text).map_err(|e| e.to_string())?;
        }
        b.validate().map_err(|e| e.to_string())?;
        amended = Some(b);
    }
    let book = amended.as_ref().unwrap_or(book);
    let base = s.profile.clone().ok_or("no profile")?;
    let text = std::fs::read_to_string(
        root()
            .join("examples/profiles")
            .join(format!("{base}.json")),
    )
    .map_err(|e| format!("{base}: {e}"))?;
    let mut obj = match json::parse(&text)? {
        json::Value::Object(obj) => obj,
        _ => return Err(format!("{base}: not a JSON object")),
    };
    for u in &c.unset {
        set_path(&mut obj, u, None)?;
    }
    for (k, v) in &c.set {
        set_path(&mut obj, k, Some(toml_to_json(v)))?;
    }
    let profile = Profile::from_json(&json::Value::Object(obj).to_string())
        .map_err(|e| format!("profile: {e}"))?;
    let date = Date::parse(s.date.as_deref().unwrap_or("2026-05-01")).ok_or("bad date")?;
    let mut opts = Options::new(date);
    let parse_path = |v: &str| match v {
        "review" => Ok(ApplicantPath::Review),
        "new" => Ok(ApplicantPath::New),
        v => Err(format!("bad path {v:?}")),
    };
    opts.path = s.path.as_deref().map(parse_path).transpose()?;
    for (tier, p) in s.paths.iter().flatten() {
        let t = srdi_engine::Tier::from_key(tier).ok_or(format!("unknown tier {tier:?}"))?;
        opts.paths.push((t, parse_path(p)?));
    }
    opts.rules = RulesChoice::parse(s.rules.as_deref().unwrap_or("auto"), book)?;
    opts.province = s.province.clone();
    opts.growth = if s.growth.as_deref() == Some("cagr") {
        GrowthFormula::Cagr
    } else {
        GrowthFormula::Mean
    };
    let a = assess(book, &profile, &opts);
    let mut errors = Vec::new();
    for (k, v) in &c.expect {
        let w = want(v);
        match actual(&a, k) {
            Ok(got) if got == w => {}
            Ok(got) => errors.push(format!("    {k}: expected {w:?}, got {got:?}")),
            Err(e) => errors.push(format!("    {k}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{file}: {} [{}]\n{}",
            c.name,
            c.clause,
            errors.join("\n")
        ))
    }
}

#[test]
fn every_case_file_holds() {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("rules: {e}"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let cf: CaseFile = match toml::from_str(&text) {
            Ok(cf) => cf,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        for c in &cf.case {
            count += 1;
            if let Err(e) = run_case(&book, &name, &cf.defaults, c) {
                failures.push(e);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{count} cases hold");
}
