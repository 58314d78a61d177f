//! The enterprise profile: interchange format `srdi-profile/1`.
//!
//! Every field is optional: a missing field means "unknown" (不清楚), and the
//! engine says which figures it still needs. Amounts are in 万元 with at most
//! four decimals; shares and scores are plain decimals (12.5 means 12.5%).
//! Unknown keys and other format versions are errors, never silently ignored.
//! The JSON Schema is `schema/srdi-profile-1.schema.json` at the repo root.

use std::collections::BTreeMap;

use crate::json::{Map, Value};
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::num::{MAX_AMOUNT_YUAN, Ratio};

pub use crate::fields::{Base, Honours, Ip, Market, Product, Quality, Staff, Titles, YearFigures};
use crate::fields::{FieldId, FieldKind, FieldValue};

/// The format tag every profile file carries.
pub const PROFILE_FORMAT: &str = "srdi-profile/1";

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: usize = 256 * 1024;

/// An exact decimal with at most four decimals, written in JSON as a string
/// (`"96.5"`) or a number (`96.5`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec(pub Ratio);

impl Dec {
    /// Reads a decimal as typed in a profile (`"96.5"`, `-3`): at most four
    /// decimals and no larger in size than the largest amount the engine takes.
    pub fn parse(s: &str) -> Result<Dec, String> {
        let t = s.trim();
        if let Some((_, frac)) = t.split_once('.')
            && frac.len() > 4
        {
            return Err(format!("{t:?} has more than four decimals"));
        }
        let r = Ratio::parse_decimal(t).ok_or_else(|| format!("{t:?} is not a decimal number"))?;
        let limit = Ratio::int(i128::from(MAX_AMOUNT_YUAN / 10_000));
        let abs = if r.is_negative() {
            Ratio::ZERO.checked_sub(r)
        } else {
            Some(r)
        };
        match abs.and_then(|a| a.checked_cmp(limit)) {
            Some(std::cmp::Ordering::Greater) | None => Err(format!(
                "{t:?} is larger than {}",
                limit.to_decimal_string(0)
            )),
            _ => Ok(Dec(r)),
        }
    }

    /// The value in whole 元 when this is an amount in 万元.
    pub fn yuan(self) -> i128 {
        // At most four decimals, so ×10000 is an integer: the denominator
        // (reduced) divides 10000, and the product is num × (10000 ÷ den).
        if let Ok(den @ 1..=10_000) = i64::try_from(self.0.den())
            && 10_000 % den == 0
        {
            return self
                .0
                .num()
                .checked_mul(i128::from(10_000 / den))
                .unwrap_or(0);
        }
        self.0
            .checked_mul(Ratio::int(10_000))
            .map(Ratio::num)
            .unwrap_or(0)
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_decimal_string(4))
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number with at most four decimals, as a string or number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                Dec::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Dec::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Dec::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                if !v.is_finite() {
                    return Err(E::custom("not a finite number"));
                }
                // Shortest text that reads back as the same double: the literal
                // the file held, for anything with four decimals or fewer.
                let text = format!("{v}");
                Dec::parse(&text).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// One of the 16 industries of 《中小企业划型标准规定》 第四条.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    /// 农、林、牧、渔业
    Agriculture,
    /// 工业 (采矿业，制造业，电力、热力、燃气及水生产和供应业)
    Industry,
    /// 建筑业
    Construction,
    /// 批发业
    Wholesale,
    /// 零售业
    Retail,
    /// 交通运输业 (不含铁路运输业)
    Transport,
    /// 仓储业
    Warehousing,
    /// 邮政业
    Postal,
    /// 住宿业
    Accommodation,
    /// 餐饮业
    Catering,
    /// 信息传输业 (电信、互联网和相关服务)
    InformationTransmission,
    /// 软件和信息技术服务业
    SoftwareIt,
    /// 房地产开发经营
    RealEstateDevelopment,
    /// 物业管理
    PropertyManagement,
    /// 租赁和商务服务业
    LeasingBusinessServices,
    /// 其他未列明行业
    Other,
}

impl Industry {
    /// Every industry, in the order 300号 lists them.
    pub const ALL: [Industry; 16] = [
        Industry::Agriculture,
        Industry::Industry,
        Industry::Construction,
        Industry::Wholesale,
        Industry::Retail,
        Industry::Transport,
        Industry::Warehousing,
        Industry::Postal,
        Industry::Accommodation,
        Industry::Catering,
        Industry::InformationTransmission,
        Industry::SoftwareIt,
        Industry::RealEstateDevelopment,
        Industry::PropertyManagement,
        Industry::LeasingBusinessServices,
        Industry::Other,
    ];

    /// The industry's key in profiles and rule files, e.g. `software_it`.
    pub fn key(self) -> &'static str {
        match self {
            Industry::Agriculture => "agriculture",
            Industry::Industry => "industry",
            Industry::Construction => "construction",
            Industry::Wholesale => "wholesale",
            Industry::Retail => "retail",
            Industry::Transport => "transport",
            Industry::Warehousing => "warehousing",
            Industry::Postal => "postal",
            Industry::Accommodation => "accommodation",
            Industry::Catering => "catering",
            Industry::InformationTransmission => "information_transmission",
            Industry::SoftwareIt => "software_it",
            Industry::RealEstateDevelopment => "real_estate_development",
            Industry::PropertyManagement => "property_management",
            Industry::LeasingBusinessServices => "leasing_business_services",
            Industry::Other => "other",
        }
    }

    /// The industry with this key, if any.
    pub fn from_key(k: &str) -> Option<Industry> {
        Industry::ALL.into_iter().find(|i| i.key() == k)
    }
}

/// Whether the figures are the legal entity's own statements or consolidated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FiguresBasis {
    /// 母公司/单体报表
    LegalEntity,
    /// 合并报表
    Consolidated,
}

/// Level of the firm's own R&D institution (研发机构级别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstituteLevel {
    /// 国家级
    National,
    /// 省级
    Provincial,
    /// 市级
    Municipal,
    /// 市级以下
    BelowMunicipal,
    /// The firm has no R&D institution of its own.
    None,
}

impl InstituteLevel {
    /// The level's key in profiles and rule files, e.g. `below_municipal`.
    pub fn key(self) -> &'static str {
        match self {
            InstituteLevel::National => "national",
            InstituteLevel::Provincial => "provincial",
            InstituteLevel::Municipal => "municipal",
            InstituteLevel::BelowMunicipal => "below_municipal",
            InstituteLevel::None => "none",
        }
    }
}

/// Level of a science and technology award (科学技术奖励).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// 国家科学技术进步奖、国家自然科学奖、国家技术发明奖、国防科技奖
    National,
    /// 省级科学技术奖 (一、二、三等奖)
    Provincial,
    /// 部级 (ministerial) science and technology awards: count where a rule
    /// says 省部级, not where it says 省级 (REFERENCE §00 item 8).
    Ministerial,
}

/// One science and technology award.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// The award's level.
    pub level: AwardLevel,
    /// Year on the certificate (获奖证书落款时间).
    pub year: i32,
    /// The firm's rank among the winning units (获奖单位排名), 1 = first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

/// An answer to a provincial pack item: yes/no or one option's key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PackAnswer {
    /// A yes/no answer.
    Flag(bool),
    /// The key of the option chosen.
    Choice(String),
}

/// The whole enterprise profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Always [`PROFILE_FORMAT`].
    pub format: String,
    /// A name for the user's own reference (never sent anywhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Province, for its pass mark and 特色化 pack (e.g. `四川`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// 所属行业, for 中小企业划型.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Industry>,
    /// Whether the figures are the legal entity's own or consolidated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures_basis: Option<FiguresBasis>,
    /// Answers to the base conditions (基本条件).
    #[serde(default)]
    pub base: Base,
    /// Headcounts at the end of the last completed year.
    #[serde(default)]
    pub staff: Staff,
    /// Fiscal year (`"2025"`) → its figures.
    #[serde(default)]
    pub years: BTreeMap<String, YearFigures>,
    /// Intellectual property related to the main product (知识产权).
    #[serde(default)]
    pub ip: Ip,
    /// The level of the firm's own R&D institution (研发机构).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rd_institute: Option<InstituteLevel>,
    /// Science and technology awards (科学技术奖励); `None` = not answered,
    /// an empty list = none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<Award>>,
    /// Honours and lists the firm is on (e.g. 高新技术企业).
    #[serde(default)]
    pub honours: Honours,
    /// The tiers' titles the firm holds now, with the year each was granted (认定年度).
    #[serde(default)]
    pub titles: Titles,
    /// Quality, management and digital maturity (精细化).
    #[serde(default)]
    pub quality: Quality,
    /// The main product (主导产品) and its field.
    #[serde(default)]
    pub product: Product,
    /// Market position of the main product.
    #[serde(default)]
    pub market: Market,
    /// 中小企业专精特新发展评价得分 by year (`"2026"` → 63), from the platform.
    #[serde(default)]
    pub platform_score: BTreeMap<String, Dec>,
    /// Answers to provincial pack items, by item id.
    #[serde(default)]
    pub province_items: BTreeMap<String, PackAnswer>,
    /// Answers to the 数字化水平 self-test (a local estimate; the platform level in
    /// `quality.digital_level` stays authoritative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_selftest: Option<crate::digital::Answers>,
}

impl Profile {
    /// An empty profile: everything unknown.
    pub fn new() -> Profile {
        Profile {
            format: PROFILE_FORMAT.to_string(),
            ..Profile::default()
        }
    }

    /// The figures of fiscal year `y`, if any were given.
    pub fn year(&self, y: i32) -> Option<&YearFigures> {
        keyed(&self.years, y)
    }

    /// The platform score of year `y`.
    pub fn score(&self, y: i32) -> Option<Dec> {
        keyed(&self.platform_score, y).copied()
    }

    /// The figures of year `y`, created when missing.
    pub fn year_mut(&mut self, y: i32) -> &mut YearFigures {
        self.years.entry(y.to_string()).or_default()
    }

    /// Reads a profile file strictly: size, JSON, format version, unknown
    /// fields, then value ranges. Never panics.
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        if text.len() > MAX_PROFILE_BYTES {
            return Err(ProfileError::TooLarge { bytes: text.len() });
        }
        let value = crate::json::parse(text).map_err(|e| ProfileError::NotJson {
            detail: e.to_string(),
        })?;
        match &value {
            Value::Object(map) => Profile::from_map(map),
            _ => Err(ProfileError::NotJson {
                detail: "the top level is not an object".into(),
            }),
        }
    }

    /// Reads a profile from a parsed JSON object (e.g. answers kept by the app),
    /// with the same checks as [`Profile::from_json`] but the size limit.
    pub fn from_map(value: &Map) -> Result<Profile, ProfileError> {
        match value.get("format") {
            Some(Value::String(f)) if f == PROFILE_FORMAT => {}
            Some(Value::String(f)) => {
                return Err(ProfileError::WrongFormat { found: f.clone() });
            }
            _ => {
                return Err(ProfileError::WrongFormat {
                    found: String::new(),
                });
            }
        }
        // Read by hand (`decode.rs`), as strictly as serde would: smaller in the bundle.
        let profile = crate::decode::profile(value).map_err(|detail| ProfileError::Invalid {
            path: String::new(),
            detail,
        })?;
        profile.validate()?;
        Ok(profile)
    }

    /// The profile as pretty-printed JSON (`srdi-profile/1`, serde's output): what
    /// [`Profile::from_json`] reads back.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks ranges that the types cannot express.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let bad = |path: String, detail: &str| ProfileError::Invalid {
            path,
            detail: detail.into(),
        };
        if self.format != PROFILE_FORMAT {
            return Err(ProfileError::WrongFormat {
                found: self.format.clone(),
            });
        }
        if self.label.as_ref().is_some_and(|l| l.chars().count() > 200) {
            return Err(bad("label".into(), "longer than 200 characters"));
        }
        for key in self.years.keys() {
            check_year_key(key).map_err(|d| bad(format!("years.{key}"), d))?;
        }
        for (key, s) in &self.platform_score {
            check_year_key(key).map_err(|d| bad(format!("platform_score.{key}"), d))?;
            if let Some(why) = FieldKind::Points.out_of_range(FieldValue::Dec(*s)) {
                return Err(bad(format!("platform_score.{key}"), why));
            }
        }
        // Every field of the table within its kind's range.
        for &f in FieldId::ALL {
            let check = |year: i32| match f.value(self, year) {
                Some(v) => f
                    .kind()
                    .out_of_range(v)
                    .map(|why| bad(f.path_for(year), why)),
                None => None,
            };
            let err = if f.yearly() {
                self.years
                    .keys()
                    .filter_map(|k| check_year_key(k).ok())
                    .find_map(check)
            } else {
                check(0)
            };
            if let Some(e) = err {
                return Err(e);
            }
        }
        for (i, a) in self.awards.iter().flatten().enumerate() {
            if !(1949..=2100).contains(&a.year) {
                return Err(bad(format!("awards[{i}].year"), "is not a plausible year"));
            }
            if a.rank == Some(0) {
                return Err(bad(format!("awards[{i}].rank"), "ranks start at 1"));
            }
        }
        if self
            .province
            .as_ref()
            .is_some_and(|p| p.chars().count() > 40)
        {
            return Err(bad("province".into(), "longer than 40 characters"));
        }
        if self.province_items.len() > 200 {
            return Err(bad("province_items".into(), "more than 200 answers"));
        }
        if let Some(d) = &self.digital_selftest {
            let long = |s: &String| s.chars().count() > 60;
            if long(&d.questionnaire) {
                return Err(bad(
                    "digital_selftest.questionnaire".into(),
                    "longer than 60 characters",
                ));
            }
            if d.choices.len() > 100 || d.scenes.len() > 100 {
                return Err(bad("digital_selftest".into(), "more than 100 answers"));
            }
            for (q, keys) in &d.choices {
                if long(q) || keys.len() > 30 || keys.iter().any(long) {
                    return Err(bad(
                        format!("digital_selftest.choices.{q}"),
                        "not an answer",
                    ));
                }
            }
            for (s, level) in &d.scenes {
                if long(s) || !(1..=4).contains(level) {
                    return Err(bad(
                        format!("digital_selftest.scenes.{s}"),
                        "a level is 1 to 4",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The profile a set of answers makes, leaving out each answer the reader or
/// the range checks refuse (with its error), so that what can be computed is
/// computed (the app's answers while a user types). The answers are not changed.
#[derive(Clone, Debug)]
pub struct Usable {
    /// The profile without the refused answers; an error only when the answers
    /// are not a profile at all (another format).
    pub profile: Result<Profile, ProfileError>,
    /// Each answer left out: its path, and why.
    pub dropped: Vec<(String, ProfileError)>,
}

impl Usable {
    /// Reads `map` as [`Profile::from_map`] does, leaving out refused answers (at most 32).
    pub fn from_map(map: &Map) -> Usable {
        let mut dropped = Vec::new();
        let mut copy: Option<Map> = None;
        loop {
            let current = copy.as_ref().unwrap_or(map);
            let err = match Profile::from_map(current) {
                Ok(p) => {
                    return Usable {
                        profile: Ok(p),
                        dropped,
                    };
                }
                Err(e) => e,
            };
            let mut next = current.clone();
            let path = err.path().filter(|_| dropped.len() < 32);
            match path.filter(|p| remove_answer(&mut next, p)) {
                Some(path) => {
                    dropped.push((path, err));
                    copy = Some(next);
                }
                None => {
                    return Usable {
                        profile: Err(err),
                        dropped,
                    };
                }
            }
        }
    }

    /// Why the answer at `path` was left out, if it was (an award's own keys
    /// answer for `awards[i]`).
    pub fn error_at(&self, path: &str) -> Option<&ProfileError> {
        self.dropped
            .iter()
            .find(|(p, _)| p == path || p.strip_prefix(path).is_some_and(|r| r.starts_with('.')))
            .map(|(_, e)| e)
    }
}

/// Removes the answer at `path` from `map` (a whole award for any of its keys);
/// false when there was none to remove.
fn remove_answer(map: &mut Map, path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("awards[") {
        let i = rest.split(']').next().and_then(|n| n.parse::<usize>().ok());
        if let (Some(i), Some(Value::Array(list))) = (i, map.get_mut("awards"))
            && i < list.len()
        {
            list.remove(i);
            return true;
        }
        return false;
    }
    if get_path(map, path).is_none() {
        return false;
    }
    set_path(map, path, None).is_ok()
}

/// The entry of year `y` in a map keyed by four-digit years: its key's
/// digits compared as bytes along the map's few keys (no text made, no
/// UTF-8 check, no tree search: metrics read a year dozens of times).
fn keyed<V>(map: &BTreeMap<String, V>, y: i32) -> Option<&V> {
    let mut n = u32::try_from(y)
        .ok()
        .filter(|n| (1000..=9999).contains(n))?;
    let mut key = [0u8; 4];
    for b in key.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
    map.iter()
        .find(|(k, _)| k.as_bytes() == key)
        .map(|(_, v)| v)
}

fn check_year_key(key: &str) -> Result<i32, &'static str> {
    match key.parse::<i32>() {
        Ok(y) if (1990..=2100).contains(&y) && key.len() == 4 => Ok(y),
        _ => Err("is not a year between 1990 and 2100"),
    }
}

/// `YYYY-MM` (or `YYYY-MM-DD`, the day ignored) → (year, month).
pub fn parse_year_month(s: &str) -> Option<(i32, u32)> {
    let mut parts = s.trim().split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    if let Some(d) = parts.next() {
        let d: u32 = d.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
    }
    if parts.next().is_some() || !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    Some((y, m))
}

/// A dotted profile path's segments; the key after `province_items.` is whole
/// (pack item ids contain dots).
fn split_path(path: &str) -> Vec<&str> {
    match path.strip_prefix("province_items.") {
        Some(rest) => vec!["province_items", rest],
        None => path.split('.').collect(),
    }
}

/// Sets (or, with `None`, removes) the value at a dotted profile path such as
/// `years.2025.revenue` or `province_items.sichuan.modern_system` (the key
/// after `province_items.` is taken whole). Used by the app's form and by
/// CSV batch input; the result is checked by [`Profile::from_map`].
pub fn set_path(obj: &mut Map, path: &str, value: Option<Value>) -> Result<(), String> {
    let parts = split_path(path);
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!("{path:?} is not a profile path"));
    }
    let (last, parents) = parts
        .split_last()
        .ok_or_else(|| format!("{path:?} is empty"))?;
    let mut cur = obj;
    for p in parents {
        if value.is_none() && !cur.contains_key(*p) {
            return Ok(());
        }
        let entry = cur
            .entry((*p).to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        cur = match entry {
            Value::Object(m) => m,
            _ => {
                return Err(format!(
                    "{path:?} runs through a value that is not an object"
                ));
            }
        };
    }
    match value {
        Some(v) => {
            cur.insert((*last).to_string(), v);
        }
        None => {
            cur.remove(*last);
        }
    }
    Ok(())
}

/// The value at a dotted profile path, if any.
pub fn get_path<'v>(obj: &'v Map, path: &str) -> Option<&'v Value> {
    let parts = split_path(path);
    let (last, parents) = parts.split_last()?;
    let mut cur = obj;
    for p in parents {
        cur = cur.get(*p)?.as_object()?;
    }
    cur.get(*last)
}

/// Why a profile file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileError {
    /// The file is over [`MAX_PROFILE_BYTES`]: refused unread.
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// The text is not JSON (RFC 8259, no repeated key), or not an object.
    NotJson {
        /// What the reader found wrong, in English.
        detail: String,
    },
    /// The file does not carry `"format": "srdi-profile/1"`.
    WrongFormat {
        /// The format it carries; empty when it has none.
        found: String,
    },
    /// A field is unknown, of the wrong type or out of its range.
    Invalid {
        /// The field's path, e.g. `years.2025.revenue`; empty when the reader
        /// could not tell.
        path: String,
        /// What is wrong, in English.
        detail: String,
    },
}

impl ProfileError {
    /// The message in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            ProfileError::TooLarge { bytes } => {
                format!("文件过大（{bytes} 字节），企业档案不应超过 {MAX_PROFILE_BYTES} 字节。")
            }
            ProfileError::NotJson { detail } => format!("文件不是有效的 JSON：{detail}"),
            ProfileError::WrongFormat { found } if found.is_empty() => {
                format!("文件缺少 \"format\": \"{PROFILE_FORMAT}\"，不是本工具导出的企业档案。")
            }
            ProfileError::WrongFormat { found } => {
                format!("文件格式版本为 {found}，本工具只读取 {PROFILE_FORMAT}。")
            }
            ProfileError::Invalid { path, detail } if path.is_empty() => {
                format!("企业档案内容有误：{detail}")
            }
            ProfileError::Invalid { path, detail } => format!("企业档案字段 {path} 有误：{detail}"),
        }
    }
}

impl ProfileError {
    /// The path of the answer at fault (`years.2025.revenue`, `awards[0].year`), when
    /// the error names one.
    pub fn path(&self) -> Option<String> {
        match self {
            ProfileError::Invalid { path, .. } if !path.is_empty() => Some(path.clone()),
            // The reader's errors start with the path they are at: `profile.industry: …`.
            ProfileError::Invalid { detail, .. } => detail
                .strip_prefix("profile.")
                .and_then(|d| d.split(": ").next())
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            _ => None,
        }
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::TooLarge { bytes } => {
                write!(
                    f,
                    "file too large ({bytes} bytes; a profile is at most {MAX_PROFILE_BYTES})"
                )
            }
            ProfileError::NotJson { detail } => write!(f, "not valid JSON: {detail}"),
            ProfileError::WrongFormat { found } if found.is_empty() => {
                write!(
                    f,
                    "missing \"format\": \"{PROFILE_FORMAT}\"; not an SRDI Check profile"
                )
            }
            ProfileError::WrongFormat { found } => {
                write!(
                    f,
                    "format {found} is not supported; expected {PROFILE_FORMAT}"
                )
            }
            ProfileError::Invalid { path, detail } if path.is_empty() => {
                write!(f, "invalid profile: {detail}")
            }
            ProfileError::Invalid { path, detail } => {
                write!(f, "invalid profile field {path}: {detail}")
            }
        }
    }
}

impl std::error::Error for ProfileError {}

#[cfg(test)]
mod usable_tests {
    use super::*;

    #[test]
    fn usable_leaves_out_what_it_cannot_use_and_keeps_the_rest() {
        let text = r#"{"format":"srdi-profile/1","industry":"spaceships","staff":{"employees":120},
            "awards":[{"level":"national","year":224,"rank":1},{"level":"provincial","year":2024,"rank":2}],
            "years":{"2025":{"revenue":"3000","rd_expense":"-5"}}}"#;
        let Ok(Value::Object(map)) = crate::json::parse(text) else {
            panic!("test profile")
        };
        let u = Usable::from_map(&map);
        let p = u.profile.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.staff.employees, Some(120));
        assert_eq!(p.awards.as_ref().map(Vec::len), Some(1));
        assert_eq!(
            p.year(2025).and_then(|y| y.revenue),
            Dec::parse("3000").ok()
        );
        let dropped: Vec<&str> = u.dropped.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            dropped,
            ["industry", "years.2025.rd_expense", "awards[0].year"]
        );
        assert!(u.error_at("awards[0]").is_some());
        assert!(u.error_at("industry").is_some());
        assert!(u.error_at("staff.employees").is_none());
        // Not a profile at all: an error, nothing left out.
        let Ok(Value::Object(other)) = crate::json::parse(r#"{"format":"srdi-profile/9"}"#) else {
            panic!("test profile")
        };
        assert!(Usable::from_map(&other).profile.is_err());
    }
}
