//! Reads profiles (`srdi-profile/1`) from parsed JSON by hand.
//!
//! The profile also derives serde's `Deserialize`, and a test checks that
//! both readings agree on every example profile. This reader exists because
//! serde's derive costs the browser bundle far more. It is just as strict: an
//! unknown key, a missing key or a wrong type is an error naming where it is.
//! (Rule files have no reader in the browser: their book is baked at build
//! time, `baked.rs`; natively they are read with serde's derive.)

use std::collections::BTreeMap;

use crate::json::{Map, Value};

use crate::fields::{Section, read_answer};
use crate::profile::{Dec, Industry};

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

    fn opt_string(&mut self, key: &'static str) -> R<Option<String>> {
        let at = format!("{}.{key}", self.at);
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => as_str(v, &at).map(|s| Some(s.to_string())),
        }
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
/// An object's entries read by `f`, in order, as a [`crate::digital::Keyed`].
fn keyed_of<T>(
    v: Option<&Value>,
    at: &str,
    f: impl Fn(&Value, &str) -> R<T>,
) -> R<crate::digital::Keyed<T>> {
    match v {
        None | Some(Value::Null) => Ok(crate::digital::Keyed::default()),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| Ok((k.clone(), f(v, &format!("{at}.{k}"))?)))
            .collect(),
        Some(_) => Err(format!("{at}: expected an object")),
    }
}

/// The 数字化水平 self-test's answers: option keys per question, a level per scene.
fn selftest(v: &Value) -> R<crate::digital::Answers> {
    let at = "profile.digital_selftest";
    let mut o = Obj::new(v, at)?;
    let a = crate::digital::Answers {
        questionnaire: o.opt_string("questionnaire")?.unwrap_or_default(),
        choices: keyed_of(
            o.get("choices"),
            &format!("{at}.choices"),
            |v, at| match v {
                Value::Array(keys) => keys
                    .iter()
                    .map(|k| as_str(k, at).map(str::to_string))
                    .collect(),
                _ => Err(format!("{at}: expected a list of option keys")),
            },
        )?,
        scenes: keyed_of(o.get("scenes"), &format!("{at}.scenes"), |v, at| {
            v.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(|| format!("{at}: expected a level, 1 to 4"))
        })?,
    };
    o.done()?;
    Ok(a)
}

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
        digital_selftest: match o.get("digital_selftest") {
            None | Some(Value::Null) => None,
            Some(v) => Some(selftest(v)?),
        },
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
    fn the_self_test_answers_read_by_hand_as_by_serde_and_write_back() {
        let text = r#"{"format":"srdi-profile/1","digital_selftest":{"questionnaire":"digital_2024_manufacturing","choices":{"network":["b","c"],"information_systems":["all"]},"scenes":{"finance":3,"hr":1}}}"#;
        let v = crate::json::parse(text).unwrap_or(Value::Null);
        let by_hand =
            profile(v.as_object().unwrap_or(&Map::new())).unwrap_or_else(|e| panic!("{e}"));
        let by_serde: Profile = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(by_hand, by_serde);
        let a = by_hand.digital_selftest.clone().unwrap_or_default();
        assert_eq!(a.choices.get("network").map(Vec::len), Some(2));
        assert_eq!(a.scenes.get("finance"), Some(&3));
        // Written and read back, the same answers.
        let again = Profile::from_json(&by_hand.to_json()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, by_hand);
        // A level outside 1–4 is refused by the profile reader, naming the scene.
        let bad = text.replace("\"hr\":1", "\"hr\":7");
        let e = Profile::from_json(&bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("digital_selftest.scenes.hr"), "{e}");
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
            r#"{"format":"srdi-profile/1","digital_selftest":{"choices":{"network":"b"}}}"#,
            r#"{"format":"srdi-profile/1","digital_selftest":{"scenes":{"finance":"2"}}}"#,
            r#"{"format":"srdi-profile/1","digital_selftest":{"scenes":{"finance":300}}}"#,
            r#"{"format":"srdi-profile/1","digital_selftest":{"score":80}}"#,
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
