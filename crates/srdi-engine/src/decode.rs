//! Reads rule files and packs from parsed JSON by hand.
//!
//! The rule model also derives serde's `Deserialize`, and a test checks that
//! both readings agree on every embedded file. This reader exists because the
//! derived one (internally tagged enums buffer through serde's `Content`) is
//! about 50 KB of the browser bundle; this one is a fraction of that. It is
//! just as strict: an unknown key, a missing key or a wrong type is an error
//! naming where it is.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::json::{Map, Value};

use crate::fields::{Section, read_answer};
use crate::metrics::{Metric, Unit};
use crate::profile::{Dec, Industry};
use crate::rules::{
    Amend, Amendment, ApplicantPath, Applies, Band, Citation, Confidence, Document, Evidence,
    Group, Indicator, Level, Node, NodeKind, Op, Pack, PackOption, PackQuestion, PackTarget,
    PassMark, ProvinceReading, RuleFile, Score, Scoring, SizeIndustry, SizeMeasure, SizeMetric,
    SizeTable, Text,
};

type R<T> = Result<T, String>;

/// An object being read: remembers which keys were taken, so that any other is an error.
struct Obj<'a> {
    map: &'a Map,
    at: String,
    taken: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, at: &str) -> R<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj {
                map,
                at: at.to_string(),
                taken: Vec::new(),
            }),
            _ => Err(format!("{at}: expected an object")),
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.taken.push(key);
        self.map.get(key)
    }

    fn need(&mut self, key: &'static str) -> R<&'a Value> {
        let at = self.at.clone();
        self.get(key)
            .ok_or_else(|| format!("{at}: missing field `{key}`"))
    }

    fn string(&mut self, key: &'static str) -> R<String> {
        let at = format!("{}.{key}", self.at);
        as_str(self.need(key)?, &at).map(str::to_string)
    }

    fn text(&mut self, key: &'static str) -> R<Text> {
        self.string(key).map(Text::from)
    }

    fn opt_string(&mut self, key: &'static str) -> R<Option<String>> {
        let at = format!("{}.{key}", self.at);
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => as_str(v, &at).map(|s| Some(s.to_string())),
        }
    }

    fn opt_text(&mut self, key: &'static str) -> R<Option<Text>> {
        Ok(self.opt_string(key)?.map(Text::from))
    }

    fn dec(&mut self, key: &'static str) -> R<Dec> {
        let at = format!("{}.{key}", self.at);
        dec(self.need(key)?, &at)
    }

    fn opt_dec(&mut self, key: &'static str) -> R<Option<Dec>> {
        let at = format!("{}.{key}", self.at);
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => dec(v, &at).map(Some),
        }
    }

    fn bool_or(&mut self, key: &'static str, default: bool) -> R<bool> {
        match self.get(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(format!("{}.{key}: expected true or false", self.at)),
        }
    }

    fn year_or(&mut self, key: &'static str, default: i32) -> R<i32> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .ok_or_else(|| format!("{}.{key}: expected a whole number", self.at)),
        }
    }

    fn list<T>(&mut self, key: &'static str, f: impl Fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
        let at = format!("{}.{key}", self.at);
        match self.need(key)? {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| f(v, &format!("{at}[{i}]")))
                .collect(),
            _ => Err(format!("{at}: expected a list")),
        }
    }

    fn opt_list<T>(&mut self, key: &'static str, f: impl Fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
        if self.map.contains_key(key) {
            self.list(key, f)
        } else {
            Ok(Vec::new())
        }
    }

    fn documents(&mut self) -> R<BTreeMap<String, Document>> {
        let at = format!("{}.documents", self.at);
        map_of(Some(self.need("documents")?), &at, document)
    }

    /// Every key must have been taken.
    fn done(self) -> R<()> {
        match self.map.keys().find(|k| !self.taken.contains(&k.as_str())) {
            Some(k) => Err(format!("{}: unknown field `{k}`", self.at)),
            None => Ok(()),
        }
    }
}

/// An object of named entries (absent or null: none), each read by `f`.
/// Built by insertion: collecting into a map would add a sort to the bundle for each entry type.
fn map_of<T>(
    v: Option<&Value>,
    at: &str,
    f: impl Fn(&Value, &str) -> R<T>,
) -> R<BTreeMap<String, T>> {
    let mut out = BTreeMap::new();
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                out.insert(k.clone(), f(v, &format!("{at}.{k}"))?);
            }
        }
        Some(_) => return Err(format!("{at}: expected an object")),
    }
    Ok(out)
}

fn as_str<'v>(v: &'v Value, at: &str) -> R<&'v str> {
    v.as_str().ok_or_else(|| format!("{at}: expected text"))
}

fn dec(v: &Value, at: &str) -> R<Dec> {
    match v {
        Value::String(s) => Dec::parse(s),
        Value::Number(n) => n
            .plain()
            .ok_or_else(|| format!("{n} is out of range"))
            .and_then(|plain| Dec::parse(&plain)),
        _ => Err("expected a decimal".to_string()),
    }
    .map_err(|e| format!("{at}: {e}"))
}

fn keyed<T: Copy>(v: &Value, at: &str, table: &[(&str, T)]) -> R<T> {
    let s = as_str(v, at)?;
    table
        .iter()
        .find(|(k, _)| *k == s)
        .map(|(_, t)| *t)
        .ok_or_else(|| format!("{at}: unknown variant `{s}`"))
}

fn metric(v: &Value, at: &str) -> R<Metric> {
    static KEYS: OnceLock<Vec<(String, Metric)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| Metric::ALL.iter().map(|m| (m.to_string(), *m)).collect());
    let s = as_str(v, at)?;
    keys.iter()
        .find(|(k, _)| k == s)
        .map(|(_, m)| *m)
        .or_else(|| crate::fields::FieldId::from_path(s).map(|(f, _)| Metric::Answer(f)))
        .ok_or_else(|| format!("{at}: unknown metric `{s}`"))
}

fn unit(v: &Value, at: &str) -> R<Unit> {
    keyed(
        v,
        at,
        &[
            ("wan_yuan", Unit::WanYuan),
            ("percent", Unit::Percent),
            ("count", Unit::Count),
            ("years", Unit::Years),
            ("points", Unit::Points),
            ("bool", Unit::Bool),
            ("choice", Unit::Choice),
        ],
    )
}

fn op(v: &Value, at: &str) -> R<Op> {
    keyed(
        v,
        at,
        &[
            ("ge", Op::Ge),
            ("gt", Op::Gt),
            ("le", Op::Le),
            ("lt", Op::Lt),
        ],
    )
}

fn path(v: &Value, at: &str) -> R<ApplicantPath> {
    keyed(
        v,
        at,
        &[
            ("new", ApplicantPath::New),
            ("review", ApplicantPath::Review),
        ],
    )
}

fn document(v: &Value, at: &str) -> R<Document> {
    let mut o = Obj::new(v, at)?;
    let d = Document {
        title: o.text("title")?,
        doc_no: o.text("doc_no")?,
        issuer: o.text("issuer")?,
        issued: o.opt_string("issued")?,
        effective: o.opt_string("effective")?,
    };
    o.done()?;
    Ok(d)
}

fn citation(v: &Value, at: &str) -> R<Citation> {
    let mut o = Obj::new(v, at)?;
    let c = Citation {
        doc: o.text("doc")?,
        article: o.text("article")?,
        quote: o.text("quote")?,
        confidence: keyed(
            o.need("confidence")?,
            &format!("{at}.confidence"),
            &[
                ("C-M", Confidence::ConfirmedMultiple),
                ("C-2", Confidence::TwoTranscriptions),
                ("S1", Confidence::SingleSource),
                ("UNCONFIRMED", Confidence::Unconfirmed),
            ],
        )?,
        reading: o.opt_text("reading")?,
        resolved: OnceLock::new(),
    };
    o.done()?;
    Ok(c)
}

fn opt_citation(o: &mut Obj<'_>, key: &'static str) -> R<Option<Citation>> {
    let at = format!("{}.{key}", o.at);
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => citation(v, &at).map(Some),
    }
}

fn applies(v: &Value, at: &str) -> R<Applies> {
    let mut o = Obj::new(v, at)?;
    let a = Applies {
        path: path(o.need("path")?, &format!("{at}.path"))?,
        from: o.string("from")?,
        until: o.opt_string("until")?,
        review_zh: o.opt_text("review_zh")?,
        review_en: o.opt_text("review_en")?,
        cite: citation(o.need("cite")?, &format!("{at}.cite"))?,
        province_reading: match o.get("province_reading") {
            None | Some(Value::Null) => None,
            Some(v) => Some(province_reading(v, &format!("{at}.province_reading"))?),
        },
    };
    o.done()?;
    Ok(a)
}

fn province_reading(v: &Value, at: &str) -> R<ProvinceReading> {
    let mut o = Obj::new(v, at)?;
    let r = ProvinceReading {
        province: o.string("province")?,
        zh: o.text("zh")?,
        en: o.text("en")?,
        cite: citation(o.need("cite")?, &format!("{at}.cite"))?,
    };
    o.done()?;
    Ok(r)
}

fn item(o: &mut Obj<'_>) -> R<Option<String>> {
    o.opt_string("item")
}

pub(crate) fn node(v: &Value, at: &str) -> R<Node> {
    let mut o = Obj::new(v, at)?;
    let id = o.text("id")?;
    let at = format!("{at}({id})");
    o.at = at.clone();
    let zh = o.text("zh")?;
    let en = o.text("en")?;
    let cite = opt_citation(&mut o, "cite")?;
    let review_zh = o.opt_text("review_zh")?;
    let review_en = o.opt_text("review_en")?;
    let fail_review_zh = o.opt_text("fail_review_zh")?;
    let fail_review_en = o.opt_text("fail_review_en")?;
    let kind = match o.string("kind")?.as_str() {
        "all" => NodeKind::All {
            of: o.list("of", node)?,
        },
        "any" => NodeKind::Any {
            of: o.list("of", node)?,
        },
        "count_of" => NodeKind::CountOf {
            at_least: o
                .need("at_least")?
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{at}.at_least: expected a whole number from 0"))?,
            of: o.list("of", node)?,
        },
        "compare" => NodeKind::Compare {
            metric: metric(o.need("metric")?, &format!("{at}.metric"))?,
            year: o.year_or("year", -1)?,
            op: op(o.need("op")?, &format!("{at}.op"))?,
            value: o.dec("value")?,
            unit: unit(o.need("unit")?, &format!("{at}.unit"))?,
            item: item(&mut o)?,
        },
        "flag" => NodeKind::Flag {
            metric: metric(o.need("metric")?, &format!("{at}.metric"))?,
            expect: match o.need("expect")? {
                Value::Bool(b) => *b,
                _ => return Err(format!("{at}.expect: expected true or false")),
            },
            item: item(&mut o)?,
        },
        "choice" => NodeKind::Choice {
            metric: metric(o.need("metric")?, &format!("{at}.metric"))?,
            one_of: o.list("one_of", |v, at| as_str(v, at).map(str::to_string))?,
            item: item(&mut o)?,
        },
        "manual" => NodeKind::Manual {},
        "always" => NodeKind::Always {},
        "base" => NodeKind::Base {},
        "path" => NodeKind::Path {
            path: path(o.need("path")?, &format!("{at}.path"))?,
        },
        "tier" => NodeKind::Tier {
            tier: o.string("tier")?,
        },
        "score" => NodeKind::Score(Score {
            max: o.dec("max")?,
            pass_mark: o.dec("pass_mark")?,
            groups: o.list("groups", group)?,
            pack_group: o.opt_string("pack_group")?,
        }),
        k => return Err(format!("{at}.kind: unknown variant `{k}`")),
    };
    o.done()?;
    Ok(Node {
        id,
        zh,
        en,
        cite,
        review_zh,
        review_en,
        fail_review_zh,
        fail_review_en,
        kind,
    })
}

fn group(v: &Value, at: &str) -> R<Group> {
    let mut o = Obj::new(v, at)?;
    let g = Group {
        id: o.text("id")?,
        zh: o.text("zh")?,
        en: o.text("en")?,
        max: o.dec("max")?,
        min: o.opt_dec("min")?,
        indicators: o.opt_list("indicators", indicator)?,
    };
    o.done()?;
    Ok(g)
}

fn indicator(v: &Value, at: &str) -> R<Indicator> {
    let mut o = Obj::new(v, at)?;
    let i = Indicator {
        id: o.text("id")?,
        zh: o.text("zh")?,
        en: o.text("en")?,
        max: o.dec("max")?,
        cite: citation(o.need("cite")?, &format!("{at}.cite"))?,
        actionable: o.bool_or("actionable", true)?,
        review_zh: o.opt_text("review_zh")?,
        review_en: o.opt_text("review_en")?,
        scoring: scoring(o.need("scoring")?, &format!("{at}.scoring"))?,
    };
    o.done()?;
    Ok(i)
}

fn scoring(v: &Value, at: &str) -> R<Scoring> {
    let mut o = Obj::new(v, at)?;
    let s = match o.string("kind")?.as_str() {
        "bands" => Scoring::Bands {
            metric: metric(o.need("metric")?, &format!("{at}.metric"))?,
            year: o.year_or("year", -1)?,
            unit: unit(o.need("unit")?, &format!("{at}.unit"))?,
            bands: o.list("bands", band)?,
        },
        "levels" => Scoring::Levels {
            levels: o.list("levels", level)?,
        },
        "max_of" => Scoring::MaxOf {
            of: o.list("of", scoring)?,
        },
        k => return Err(format!("{at}.kind: unknown variant `{k}`")),
    };
    o.done()?;
    Ok(s)
}

fn band(v: &Value, at: &str) -> R<Band> {
    let mut o = Obj::new(v, at)?;
    let b = Band {
        label: o.text("label")?,
        text: o.text("text")?,
        from: o.opt_dec("from")?,
        from_incl: o.bool_or("from_incl", true)?,
        to: o.opt_dec("to")?,
        to_incl: o.bool_or("to_incl", false)?,
        points: o.dec("points")?,
    };
    o.done()?;
    Ok(b)
}

fn level(v: &Value, at: &str) -> R<Level> {
    let mut o = Obj::new(v, at)?;
    let l = Level {
        label: o.text("label")?,
        text: o.text("text")?,
        points: o.dec("points")?,
        when: node(o.need("when")?, &format!("{at}.when"))?,
        review_zh: o.opt_text("review_zh")?,
        review_en: o.opt_text("review_en")?,
    };
    o.done()?;
    Ok(l)
}

fn evidence(v: &Value, at: &str) -> R<Evidence> {
    let mut o = Obj::new(v, at)?;
    let e = Evidence {
        zh: o.string("zh")?,
        en: o.string("en")?,
    };
    o.done()?;
    Ok(e)
}

fn size_table(v: &Value, at: &str) -> R<SizeTable> {
    let mut o = Obj::new(v, at)?;
    let t = SizeTable {
        cite: citation(o.need("cite")?, &format!("{at}.cite"))?,
        logic_cite: citation(o.need("logic_cite")?, &format!("{at}.logic_cite"))?,
        industries: o.list("industries", |v, at| {
            let mut r = Obj::new(v, at)?;
            let key = r.string("industry")?;
            let row = SizeIndustry {
                industry: Industry::from_key(&key)
                    .ok_or_else(|| format!("{at}.industry: unknown variant `{key}`"))?,
                zh: r.string("zh")?,
                en: r.string("en")?,
                quote: r.string("quote")?,
                measures: r.list("measures", |v, at| {
                    let mut m = Obj::new(v, at)?;
                    let measure = SizeMeasure {
                        metric: keyed(
                            m.need("metric")?,
                            &format!("{at}.metric"),
                            &[
                                ("employees", SizeMetric::Employees),
                                ("revenue", SizeMetric::Revenue),
                                ("total_assets", SizeMetric::TotalAssets),
                            ],
                        )?,
                        sme_below: m.dec("sme_below")?,
                        medium_from: m.dec("medium_from")?,
                        small_from: m.dec("small_from")?,
                    };
                    m.done()?;
                    Ok(measure)
                })?,
            };
            r.done()?;
            Ok(row)
        })?,
    };
    o.done()?;
    Ok(t)
}

/// A rule file (`srdi-rules/1`).
pub(crate) fn rule_file(v: &Value) -> R<RuleFile> {
    let mut o = Obj::new(v, "rule file")?;
    let f = RuleFile {
        format: o.string("format")?,
        id: o.string("id")?,
        tier: o.string("tier")?,
        version: o.string("version")?,
        zh: o.string("zh")?,
        en: o.string("en")?,
        documents: o.documents()?,
        applies: o.list("applies", applies)?,
        validity_years: match o.get("validity_years") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or("validity_years: expected a whole number")?,
            ),
        },
        root: match o.get("root") {
            None | Some(Value::Null) => None,
            Some(v) => Some(node(v, "root")?),
        },
        size_table: match o.get("size_table") {
            None | Some(Value::Null) => None,
            Some(v) => Some(size_table(v, "size_table")?),
        },
        evidence: o.opt_list("evidence", evidence)?,
        amendments: Vec::new(),
    };
    o.done()?;
    Ok(f)
}

/// A provincial pack (`srdi-pack/1`).
pub(crate) fn pack(v: &Value) -> R<Pack> {
    let mut o = Obj::new(v, "pack")?;
    let p = Pack {
        format: o.string("format")?,
        id: o.string("id")?,
        province: o.string("province")?,
        zh: o.string("zh")?,
        en: o.string("en")?,
        applies_to: {
            let mut t = Obj::new(o.need("applies_to")?, "pack.applies_to")?;
            let target = PackTarget {
                tier: t.string("tier")?,
                version: t.string("version")?,
                from: t.opt_string("from")?,
                until: t.opt_string("until")?,
            };
            t.done()?;
            target
        },
        documents: o.documents()?,
        pass_mark: match o.get("pass_mark") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let mut m = Obj::new(v, "pass_mark")?;
                let pm = PassMark {
                    value: m.dec("value")?,
                    cite: citation(m.need("cite")?, "pass_mark.cite")?,
                    from: m.opt_string("from")?,
                };
                m.done()?;
                Some(pm)
            }
        },
        indicators: o.opt_list("indicators", indicator)?,
        questions: o.opt_list("questions", |v, at| {
            let mut q = Obj::new(v, at)?;
            let question = PackQuestion {
                item: q.string("item")?,
                zh: q.string("zh")?,
                en: q.string("en")?,
                options: q.opt_list("options", |v, at| {
                    let mut x = Obj::new(v, at)?;
                    let opt = PackOption {
                        key: x.string("key")?,
                        zh: x.string("zh")?,
                        en: x.string("en")?,
                    };
                    x.done()?;
                    Ok(opt)
                })?,
            };
            q.done()?;
            Ok(question)
        })?,
    };
    o.done()?;
    Ok(p)
}

/// An amendment (`srdi-amend/1`).
pub(crate) fn amendment(v: &Value) -> R<Amendment> {
    let mut o = Obj::new(v, "amendment")?;
    let a = Amendment {
        format: o.string("format")?,
        id: o.string("id")?,
        tier: o.string("tier")?,
        version: o.string("version")?,
        zh: o.string("zh")?,
        en: o.string("en")?,
        documents: o.documents()?,
        from: o.string("from")?,
        until: o.opt_string("until")?,
        cite: citation(o.need("cite")?, "amendment.cite")?,
        changes: o.list("changes", |v, at| {
            let mut c = Obj::new(v, at)?;
            let change = Amend {
                target: c.text("target")?,
                value: c.opt_dec("value")?,
                pass_mark: c.opt_dec("pass_mark")?,
                node: match c.get("node") {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(node(v, &format!("{at}.node"))?),
                },
                indicator: match c.get("indicator") {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(indicator(v, &format!("{at}.indicator"))?),
                },
                cite: opt_citation(&mut c, "cite")?,
                zh: c.opt_text("zh")?,
                en: c.opt_text("en")?,
            };
            c.done()?;
            Ok(change)
        })?,
    };
    o.done()?;
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{EMBEDDED_AMENDMENTS, EMBEDDED_PACKS, EMBEDDED_RULES};

    #[test]
    fn the_hand_reader_agrees_with_serde_on_every_embedded_file() {
        for (name, text) in EMBEDDED_RULES {
            let v = crate::json::parse(text).unwrap_or(Value::Null);
            let by_hand = rule_file(&v).unwrap_or_else(|e| panic!("{name}: {e}"));
            let by_serde: RuleFile =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(by_hand, by_serde, "{name}");
        }
        for (name, text) in EMBEDDED_PACKS {
            let v = crate::json::parse(text).unwrap_or(Value::Null);
            let by_hand = pack(&v).unwrap_or_else(|e| panic!("{name}: {e}"));
            let by_serde: Pack =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(by_hand, by_serde, "{name}");
        }
        // Amendments: the shipped ones and the test fixtures.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let fixtures: Vec<(String, String)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("amend"))
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        let shipped = EMBEDDED_AMENDMENTS
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()));
        let mut n = 0;
        for (name, text) in shipped.chain(fixtures) {
            let v = crate::json::parse(&text).unwrap_or(Value::Null);
            let by_hand = amendment(&v).unwrap_or_else(|e| panic!("{name}: {e}"));
            let by_serde: Amendment =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(by_hand, by_serde, "{name}");
            n += 1;
        }
        assert!(n >= 1, "no amendment to compare");
    }

    #[test]
    fn the_hand_reader_is_strict() {
        // Edited with serde_json's indexing, then read back through `json::parse`.
        let base: serde_json::Value =
            serde_json::from_str(EMBEDDED_RULES[0].1).unwrap_or(serde_json::Value::Null);
        let read = |v: &serde_json::Value| {
            rule_file(&crate::json::parse(&v.to_string()).unwrap_or(Value::Null))
        };
        let mut extra = base.clone();
        extra["root"]["surprise"] = serde_json::Value::Bool(true);
        assert!(
            read(&extra)
                .unwrap_err()
                .contains("unknown field `surprise`")
        );
        let mut missing = base.clone();
        if let Some(o) = missing["root"].as_object_mut() {
            o.remove("zh");
        }
        assert!(read(&missing).unwrap_err().contains("missing field `zh`"));
        let mut bad_metric = base;
        bad_metric["root"]["of"][0]["metric"] = serde_json::Value::String("turnover".into());
        assert!(
            read(&bad_metric)
                .unwrap_err()
                .contains("unknown metric `turnover`")
        );
    }
}

// ---- Profiles (`srdi-profile/1`) ----------------------------------------

use crate::profile::{
    Award, AwardLevel, FiguresBasis, InstituteLevel, PackAnswer, Profile, YearFigures,
};

/// A section of the profile read by its keys' kinds in the field table: an
/// unknown key, or an answer of the wrong type, is an error naming it; null
/// is unanswered.
/// One loop for every section (not one per section type: smaller in the bundle).
#[inline(never)]
fn read_section(s: &mut dyn Section, v: Option<&Value>, at: &str) -> R<()> {
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                let kind = s
                    .kind_of(k)
                    .ok_or_else(|| format!("{at}: unknown field `{k}`"))?;
                if !matches!(v, Value::Null) {
                    let a = read_answer(kind, v).map_err(|e| format!("{at}.{k}: {e}"))?;
                    s.set(k, a);
                }
            }
        }
        Some(_) => return Err(format!("{at}: expected an object")),
    }
    Ok(())
}

fn section<S: Section + Default>(v: Option<&Value>, at: &str) -> R<S> {
    let mut s = S::default();
    read_section(&mut s, v, at)?;
    Ok(s)
}

/// A profile, as strictly as serde's derive reads it (a test checks they agree).
pub(crate) fn profile(map: &Map) -> R<Profile> {
    let mut o = Obj {
        map,
        at: "profile".to_string(),
        taken: Vec::new(),
    };
    let p = Profile {
        format: o.string("format")?,
        label: o.opt_string("label")?,
        province: o.opt_string("province")?,
        industry: match o.get("industry") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let k = as_str(v, "profile.industry")?;
                Some(
                    Industry::from_key(k)
                        .ok_or_else(|| format!("profile.industry: unknown variant `{k}`"))?,
                )
            }
        },
        figures_basis: match o.get("figures_basis") {
            None | Some(Value::Null) => None,
            Some(v) => Some(keyed(
                v,
                "profile.figures_basis",
                &[
                    ("legal_entity", FiguresBasis::LegalEntity),
                    ("consolidated", FiguresBasis::Consolidated),
                ],
            )?),
        },
        base: section(o.get("base"), "profile.base")?,
        staff: section(o.get("staff"), "profile.staff")?,
        years: map_of(o.get("years"), "profile.years", |v, at| {
            section::<YearFigures>(Some(v), at)
        })?,

        ip: section(o.get("ip"), "profile.ip")?,
        rd_institute: match o.get("rd_institute") {
            None | Some(Value::Null) => None,
            Some(v) => Some(keyed(
                v,
                "profile.rd_institute",
                &[
                    ("national", InstituteLevel::National),
                    ("provincial", InstituteLevel::Provincial),
                    ("municipal", InstituteLevel::Municipal),
                    ("below_municipal", InstituteLevel::BelowMunicipal),
                    ("none", InstituteLevel::None),
                ],
            )?),
        },
        awards: match o.get("awards") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let at = format!("profile.awards[{i}]");
                        let mut a = Obj::new(v, &at)?;
                        let award = Award {
                            level: keyed(
                                a.need("level")?,
                                &format!("{at}.level"),
                                &[
                                    ("national", AwardLevel::National),
                                    ("provincial", AwardLevel::Provincial),
                                    ("ministerial", AwardLevel::Ministerial),
                                ],
                            )?,
                            year: a
                                .need("year")?
                                .as_i64()
                                .and_then(|n| i32::try_from(n).ok())
                                .ok_or_else(|| format!("{at}.year: expected a whole number"))?,
                            rank: match a.get("rank") {
                                None | Some(Value::Null) => None,
                                Some(v) => Some(
                                    <u32 as crate::fields::FieldType>::read(v)
                                        .map_err(|e| format!("{at}.rank: {e}"))?,
                                ),
                            },
                        };
                        a.done()?;
                        Ok(award)
                    })
                    .collect::<R<_>>()?,
            ),
            Some(_) => return Err("profile.awards: expected a list".into()),
        },
        honours: section(o.get("honours"), "profile.honours")?,
        titles: section(o.get("titles"), "profile.titles")?,
        quality: section(o.get("quality"), "profile.quality")?,
        product: section(o.get("product"), "profile.product")?,
        market: section(o.get("market"), "profile.market")?,
        platform_score: map_of(o.get("platform_score"), "profile.platform_score", dec)?,
        province_items: map_of(
            o.get("province_items"),
            "profile.province_items",
            |v, at| match v {
                Value::Bool(b) => Ok(PackAnswer::Flag(*b)),
                Value::String(s) => Ok(PackAnswer::Choice(s.clone())),
                _ => Err(format!("{at}: expected true, false or an option")),
            },
        )?,
    };
    o.done()?;
    Ok(p)
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn the_hand_reader_agrees_with_serde_on_every_example_profile() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/profiles");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let v = crate::json::parse(&text).unwrap_or(Value::Null);
            let by_hand = profile(v.as_object().unwrap_or(&Map::new()))
                .unwrap_or_else(|e| panic!("{:?}: {e}", entry.path()));
            let by_serde: Profile =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{:?}: {e}", entry.path()));
            assert_eq!(by_hand, by_serde);
            n += 1;
        }
        assert!(n >= 5);
    }

    #[test]
    fn the_hand_reader_refuses_what_serde_refuses() {
        for bad in [
            r#"{"format":"srdi-profile/1","turnover":"5"}"#,
            r#"{"format":"srdi-profile/1","staff":{"employees":-3}}"#,
            r#"{"format":"srdi-profile/1","staff":{"employees":"12"}}"#,
            r#"{"format":"srdi-profile/1","industry":"spaceships"}"#,
            r#"{"format":"srdi-profile/1","years":{"2025":{"revenue":"1","profit":"2"}}}"#,
            r#"{"format":"srdi-profile/1","years":{"2025":{"revenue":"1.00001"}}}"#,
            r#"{"format":"srdi-profile/1","awards":[{"level":"galactic","year":2025}]}"#,
            r#"{"format":"srdi-profile/1","awards":[{"year":2025}]}"#,
            r#"{"format":"srdi-profile/1","province_items":{"x":3}}"#,
            r#"{"format":"srdi-profile/1","quality":{"digital_level":300}}"#,
        ] {
            let v = crate::json::parse(bad).unwrap_or(Value::Null);
            assert!(
                v.as_object().is_none_or(|m| profile(m).is_err()),
                "hand reader accepts {bad}"
            );
            assert!(
                serde_json::from_str::<Profile>(bad).is_err(),
                "serde accepts {bad}"
            );
        }
    }
}
