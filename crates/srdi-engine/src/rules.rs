//! Rule files: the law as data.
//!
//! Each tier's standard is one JSON file under `rules/` (format `srdi-rules/1`);
//! provincial 特色化 packs are `rules/packs/*.json` (format `srdi-pack/1`).
//! Every threshold, band, pass mark and date lives there, each with a citation
//! (document, 文号, article, verbatim quote, confidence). Code only interprets:
//! the node kinds below, and the metric library in [`crate::metrics`].
//!
//! Loading is strict (`deny_unknown_fields`); [`RuleBook::validate`] checks
//! what types cannot: citations present, bands ordered without gaps or
//! overlaps, maxima adding up, references resolving.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::metrics::{Metric, Unit};
use crate::num::Ratio;
use crate::profile::Dec;

/// Shared, immutable text from rule files: cloning it into every result is a
/// reference-count bump, not a copy.
pub type Text = std::sync::Arc<str>;

pub const RULES_FORMAT: &str = "srdi-rules/1";
pub const PACK_FORMAT: &str = "srdi-pack/1";

/// Confidence tag of a citation (REFERENCE.md, top table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// Same wording on two independent reposts of the official text.
    #[serde(rename = "C-M")]
    ConfirmedMultiple,
    /// Two independent third-party transcriptions agree.
    #[serde(rename = "C-2")]
    TwoTranscriptions,
    /// One secondary source only.
    #[serde(rename = "S1")]
    SingleSource,
    /// Not confirmed anywhere: a default that needs manual checking.
    #[serde(rename = "UNCONFIRMED")]
    Unconfirmed,
}

impl Confidence {
    /// The tag as REFERENCE and rule files write it.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::ConfirmedMultiple => "C-M",
            Confidence::TwoTranscriptions => "C-2",
            Confidence::SingleSource => "S1",
            Confidence::Unconfirmed => "UNCONFIRMED",
        }
    }
}

/// An official document a rule file cites.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: Text,
    /// 文号, e.g. `工信部企业〔2022〕63号`.
    pub doc_no: Text,
    pub issuer: Text,
    /// Date issued, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// Date in force, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
}

/// Where a datum comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Key into the file's `documents`.
    pub doc: Text,
    /// Article, attachment or item, e.g. `附件1 二、评价指标 第2项`.
    pub article: Text,
    /// The rule's own words.
    pub quote: Text,
    pub confidence: Confidence,
    /// Which reading of an ambiguity was taken (REFERENCE.md §12 id and default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
    /// The citation with its document, made once and shared by every result.
    #[serde(skip)]
    pub resolved: std::sync::OnceLock<std::sync::Arc<crate::result::CitationOut>>,
}

/// Applicant path: a new application (新申报) or a re-review (复核).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantPath {
    New,
    Review,
}

impl ApplicantPath {
    pub fn key(self) -> &'static str {
        match self {
            ApplicantPath::New => "new",
            ApplicantPath::Review => "review",
        }
    }
}

/// When a rule file governs, for one applicant path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    pub path: ApplicantPath,
    /// First assessment date it governs, `YYYY-MM-DD`.
    pub from: String,
    /// Last assessment date it governs, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Why this selection needs manual checking, when it is not confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    pub cite: Citation,
    /// A province's own reading of this selection, said with the standard when
    /// the assessment names that province (e.g. 广东 on 复核 prerequisites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_reading: Option<ProvinceReading>,
}

/// A province's own reading, quoted from its notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceReading {
    /// `广东` (matched like packs: 广东 and 广东省 both match).
    pub province: String,
    pub zh: Text,
    pub en: Text,
    pub cite: Citation,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `>=` (以上, 不低于, 达到)
    Ge,
    /// `>` (超过)
    Gt,
    /// `<=` (以下 as an upper bound that includes, 不超过, 不高于)
    Le,
    /// `<` (以下 that excludes, 不足)
    Lt,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }

    pub fn inclusive(self) -> bool {
        matches!(self, Op::Ge | Op::Le)
    }

    /// Whether the wanted direction is upward.
    pub fn upward(self) -> bool {
        matches!(self, Op::Ge | Op::Gt)
    }
}

/// One node of a tier's condition tree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// Stable id, unique within the file.
    pub id: Text,
    pub zh: Text,
    pub en: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
    /// When set, a pass here only means "passes, to be checked by hand".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    /// When set, a fail here is not decisive: it becomes "manual" with this
    /// note (“原则上…”, a condition the text leaves to the authority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_review_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_review_en: Option<Text>,
    #[serde(flatten)]
    pub kind: NodeKind,
}

/// The fields every node has (see [`Node`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeCommon {
    id: Text,
    zh: Text,
    en: Text,
    #[serde(default)]
    cite: Option<Citation>,
    #[serde(default)]
    review_zh: Option<Text>,
    #[serde(default)]
    review_en: Option<Text>,
    #[serde(default)]
    fail_review_zh: Option<Text>,
    #[serde(default)]
    fail_review_en: Option<Text>,
}

const NODE_COMMON: [&str; 8] = [
    "id",
    "zh",
    "en",
    "cite",
    "review_zh",
    "review_en",
    "fail_review_zh",
    "fail_review_en",
];

// `deny_unknown_fields` does not combine with `flatten`, so a node is read in
// two strict halves: the common fields, then the kind with its own fields.
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        use serde::de::Error;
        let mut map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let mut common = serde_json::Map::new();
        for k in NODE_COMMON {
            if let Some(v) = map.remove(k) {
                common.insert(k.to_string(), v);
            }
        }
        let c: NodeCommon =
            serde_json::from_value(serde_json::Value::Object(common)).map_err(D::Error::custom)?;
        let kind: NodeKind = serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| D::Error::custom(format!("node {}: {e}", c.id)))?;
        Ok(Node {
            id: c.id,
            zh: c.zh,
            en: c.en,
            cite: c.cite,
            review_zh: c.review_zh,
            review_en: c.review_en,
            fail_review_zh: c.fail_review_zh,
            fail_review_en: c.fail_review_en,
            kind,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeKind {
    /// Every child must pass.
    All { of: Vec<Node> },
    /// One child passing is enough.
    Any { of: Vec<Node> },
    /// `metric(year) op value`.
    Compare {
        metric: Metric,
        #[serde(default = "last_year")]
        year: i32,
        op: Op,
        value: Dec,
        unit: Unit,
        /// Item id for pack metrics.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// A yes/no answer must equal `expect`.
    Flag {
        metric: Metric,
        expect: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// A choice must be one of `one_of`.
    Choice {
        metric: Metric,
        one_of: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// Judged by people only (no numeric line in the rule).
    Manual {},
    /// Always holds (e.g. "B. 属于其他领域": every product is in some field).
    Always {},
    /// Holds on one applicant path only (e.g. "复核企业不考查该项指标").
    Path { path: ApplicantPath },
    /// The base conditions in force on the assessment date (基本条件).
    Base {},
    /// Another tier must be qualified (e.g. 符合《中小企业划型标准规定》).
    Tier { tier: String },
    /// A points table with a pass mark.
    Score(Score),
}

fn last_year() -> i32 {
    -1
}

/// A scored standard: groups of indicators, a pass mark, optional sub-minimums.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Total of all maxima.
    pub max: Dec,
    pub pass_mark: Dec,
    pub groups: Vec<Group>,
    /// A group id that a provincial pack fills (特色化).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_group: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: Text,
    pub zh: Text,
    pub en: Text,
    pub max: Dec,
    /// Sub-minimum (e.g. 创新能力指标得分不低于20分).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Dec>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Text,
    pub zh: Text,
    pub en: Text,
    pub max: Dec,
    pub cite: Citation,
    /// False for what a firm cannot change by acting (its industry field,
    /// years in the segment): the gap plan does not propose upgrading it.
    #[serde(default = "yes")]
    pub actionable: bool,
    /// When set, the points count as scored but the item is shown "to be
    /// checked by hand" with this reason (bands or definitions REFERENCE marks
    /// unconfirmed or code-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    pub scoring: Scoring,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scoring {
    /// Contiguous intervals of one metric.
    Bands {
        metric: Metric,
        #[serde(default = "last_year")]
        year: i32,
        unit: Unit,
        bands: Vec<Band>,
    },
    /// The highest-scoring level whose condition holds (0 when none does).
    Levels { levels: Vec<Level> },
    /// The best of several scorings (研发费用总额…或…比重).
    MaxOf { of: Vec<Scoring> },
}

/// One band `[from, to)` (or with other inclusivity) → points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Letter in the standard, e.g. `A`.
    pub label: Text,
    /// The band as the standard writes it, e.g. `3%-5%`.
    pub text: Text,
    /// Lower edge; absent = unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Dec>,
    #[serde(default = "yes")]
    pub from_incl: bool,
    /// Upper edge; absent = unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Dec>,
    #[serde(default)]
    pub to_incl: bool,
    pub points: Dec,
}

/// A level of a categorical indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub label: Text,
    pub text: Text,
    pub points: Dec,
    pub when: Node,
    /// When this is the level reached, its points count but the item is
    /// shown "to be checked by hand" with this reason (e.g. a definition
    /// REFERENCE marks unconfirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
}

/// A tier's rule file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub format: String,
    /// Unique id, e.g. `specialized_sme_2026`.
    pub id: String,
    /// The tier it decides: `base`, `sme_size`, `innovative_sme`, `tech_sme`,
    /// `specialized_sme`, `little_giant`, `single_champion`.
    pub tier: String,
    /// Rule version, e.g. `2022`, `2026`.
    pub version: String,
    pub zh: String,
    pub en: String,
    pub documents: BTreeMap<String, Document>,
    pub applies: Vec<Applies>,
    /// Validity of the title in years, when the standard says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
    /// The condition tree (all tiers but `sme_size`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<Node>,
    /// The size table (`sme_size` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_table: Option<SizeTable>,
    /// Evidence an application will ask for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub zh: String,
    pub en: String,
}

/// 《中小企业划型标准规定》 第四条 as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeTable {
    pub cite: Citation,
    /// How the wording combines bounds (REFERENCE A13).
    pub logic_cite: Citation,
    pub industries: Vec<SizeIndustry>,
}

/// One industry's row: metrics and the three lower bounds per metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeIndustry {
    pub industry: crate::profile::Industry,
    pub zh: String,
    pub en: String,
    pub quote: String,
    pub measures: Vec<SizeMeasure>,
}

/// For one metric: SME if below `sme_below`; medium from `medium_from`; small from `small_from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeMeasure {
    pub metric: SizeMetric,
    pub sme_below: Dec,
    pub medium_from: Dec,
    pub small_from: Dec,
}

/// The three measures of 300号.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeMetric {
    /// 从业人员 (人)
    Employees,
    /// 营业收入 (万元)
    Revenue,
    /// 资产总额 (万元)
    TotalAssets,
}

/// A provincial 特色化 pack for a scored standard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub format: String,
    pub id: String,
    /// Province name as users write it, e.g. `四川`.
    pub province: String,
    pub zh: String,
    pub en: String,
    /// Rule file id it applies to, e.g. `specialized_sme_2022`.
    pub applies_to: String,
    pub documents: BTreeMap<String, Document>,
    /// A provincial pass mark replacing the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<PassMark>,
    /// The indicators filling the standard's pack group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The questions the pack adds to the questionnaire.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<PackQuestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassMark {
    pub value: Dec,
    pub cite: Citation,
    /// First assessment date the provincial pass mark applies to, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackQuestion {
    /// Key in the profile's `province_items`.
    pub item: String,
    pub zh: String,
    pub en: String,
    /// Options for a choice; empty = a yes/no question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PackOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackOption {
    pub key: String,
    pub zh: String,
    pub en: String,
}

/// Every rule file and pack, parsed.
#[derive(Clone, Debug, Default)]
pub struct RuleBook {
    pub files: Vec<RuleFile>,
    pub packs: Vec<Pack>,
}

/// The rule files compiled into the engine: (file name, text).
pub const EMBEDDED_RULES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The packs compiled into the engine: (file name, text).
pub const EMBEDDED_PACKS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

/// A problem in a rule file or pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub detail: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.detail)
    }
}

impl std::error::Error for RuleError {}

impl RuleBook {
    /// The embedded rules, parsed strictly. They are validated by the test
    /// suite (`tests/validate_rules.rs`), so this does not validate again: the
    /// browser bundle carries no validator. Call [`RuleBook::validate`] after
    /// adding packs from elsewhere.
    pub fn embedded() -> Result<RuleBook, RuleError> {
        let mut book = RuleBook::default();
        for (name, text) in EMBEDDED_RULES {
            book.add_rule_file(name, text)?;
        }
        for (name, text) in EMBEDDED_PACKS {
            book.add_pack(name, text)?;
        }
        Ok(book)
    }

    pub fn add_rule_file(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let file = read(name, text, crate::decode::rule_file)?;
        check_new(
            name,
            &file.format,
            RULES_FORMAT,
            self.files.iter().any(|f| f.id == file.id),
            &file.id,
        )?;
        self.files.push(file);
        Ok(())
    }

    /// Adds a provincial pack (also used for packs loaded at run time).
    pub fn add_pack(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let pack = read(name, text, crate::decode::pack)?;
        check_new(
            name,
            &pack.format,
            PACK_FORMAT,
            self.packs.iter().any(|p| p.id == pack.id),
            &pack.id,
        )?;
        self.packs.push(pack);
        Ok(())
    }

    pub fn file(&self, id: &str) -> Option<&RuleFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// The pack for `province` that applies to rule file `file_id`.
    pub fn pack_for(&self, file_id: &str, province: &str) -> Option<&Pack> {
        let p = normalise_province(province);
        self.packs
            .iter()
            .find(|k| k.applies_to == file_id && normalise_province(&k.province) == p)
    }

    /// Checks everything the types cannot.
    pub fn validate(&self) -> Result<(), RuleError> {
        for f in &self.files {
            validate_file(f).map_err(|detail| RuleError {
                file: f.id.clone(),
                detail,
            })?;
        }
        for p in &self.packs {
            let target = self.file(&p.applies_to).ok_or_else(|| RuleError {
                file: p.id.clone(),
                detail: format!("applies to unknown rule file {}", p.applies_to),
            })?;
            validate_pack(p, target).map_err(|detail| RuleError {
                file: p.id.clone(),
                detail,
            })?;
        }
        Ok(())
    }
}

/// Parses a file's JSON and reads it strictly; errors name the file.
/// Through `Value`, like profiles: one set of deserialisers in the bundle.
fn read<T>(
    name: &str,
    text: &str,
    decode: fn(&crate::json::Value) -> Result<T, String>,
) -> Result<T, RuleError> {
    let err = |detail: String| RuleError {
        file: name.to_string(),
        detail,
    };
    let value = crate::json::parse(text).map_err(err)?;
    decode(&value).map_err(err)
}

/// A file must carry the expected format and an id not taken yet.
fn check_new(
    name: &str,
    format: &str,
    expected: &str,
    taken: bool,
    id: &str,
) -> Result<(), RuleError> {
    let err = |detail: String| RuleError {
        file: name.to_string(),
        detail,
    };
    if format != expected {
        return Err(err(format!("format is {format:?}, expected {expected}")));
    }
    if taken {
        return Err(err(format!("duplicate id {id}")));
    }
    Ok(())
}

/// `四川省` and `四川` name the same province.
pub fn normalise_province(p: &str) -> String {
    let t = p.trim();
    let t = t.strip_suffix('省').unwrap_or(t);
    let t = t.strip_suffix('市').unwrap_or(t);
    // ASCII only: Chinese has no case, and pinyin names are ASCII (the Unicode tables would cost the bundle).
    t.to_ascii_lowercase()
}

fn check_date(s: &str) -> Result<(), String> {
    crate::date::Date::parse(s)
        .map(|_| ())
        .ok_or_else(|| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Words a reading uses to say a citation's wording was not seen verbatim;
/// one of them must be present when the quote is empty.
pub const NOT_VERBATIM: &[&str] = &["原文未见", "转述"];

fn check_cite(c: &Citation, docs: &BTreeMap<String, Document>, at: &str) -> Result<(), String> {
    if !docs.contains_key(&*c.doc) {
        return Err(format!("{at}: citation names unknown document {:?}", c.doc));
    }
    if c.article.trim().is_empty() {
        return Err(format!("{at}: citation has an empty article"));
    }
    if c.quote.trim().is_empty() {
        // No verbatim text in REFERENCE: the quote stays empty and the reading
        // must say so ("原文未见…" / "…转述…") and carry the paraphrase.
        let reading = c.reading.as_deref().map(str::trim).unwrap_or("");
        if reading.is_empty() {
            return Err(format!("{at}: citation has an empty quote and no reading"));
        }
        if !NOT_VERBATIM.iter().any(|w| reading.contains(w)) {
            return Err(format!(
                "{at}: citation has an empty quote, but its reading does not say the wording is not verbatim ({})",
                NOT_VERBATIM.join(" / ")
            ));
        }
    }
    Ok(())
}

fn validate_file(f: &RuleFile) -> Result<(), String> {
    for (k, d) in &f.documents {
        if d.doc_no.trim().is_empty() || d.title.trim().is_empty() {
            return Err(format!("document {k} lacks a title or 文号"));
        }
        if let Some(s) = &d.issued {
            check_date(s)?;
        }
        if let Some(s) = &d.effective {
            check_date(s)?;
        }
    }
    if f.applies.is_empty() {
        return Err("no `applies` window".into());
    }
    for a in &f.applies {
        check_date(&a.from)?;
        if let Some(u) = &a.until {
            check_date(u)?;
            if u.as_str() < a.from.as_str() {
                return Err(format!(
                    "applies window ends ({u}) before it starts ({})",
                    a.from
                ));
            }
        }
        check_cite(&a.cite, &f.documents, "applies")?;
        if let Some(r) = &a.province_reading {
            if r.province.trim().is_empty() {
                return Err("applies: a province reading without a province".into());
            }
            check_cite(&r.cite, &f.documents, "applies.province_reading")?;
        }
    }
    match (&f.root, &f.size_table) {
        (Some(root), None) => {
            let mut ids = Vec::new();
            validate_node(root, &f.documents, &mut ids)?;
        }
        (None, Some(t)) => {
            check_cite(&t.cite, &f.documents, "size_table")?;
            check_cite(&t.logic_cite, &f.documents, "size_table.logic")?;
            for row in &t.industries {
                if row.measures.is_empty() {
                    return Err(format!("size row {} has no measures", row.zh));
                }
                for m in &row.measures {
                    let ord = |a: Dec, b: Dec| a.0.checked_cmp(b.0);
                    if ord(m.small_from, m.medium_from) != Some(std::cmp::Ordering::Less)
                        || ord(m.medium_from, m.sme_below) != Some(std::cmp::Ordering::Less)
                    {
                        return Err(format!(
                            "size row {}: bounds must rise small < medium < top",
                            row.zh
                        ));
                    }
                }
            }
            for ind in crate::profile::Industry::ALL {
                if t.industries.iter().filter(|r| r.industry == ind).count() != 1 {
                    return Err(format!(
                        "size table must have exactly one row for {}",
                        ind.key()
                    ));
                }
            }
        }
        _ => return Err("a rule file has either `root` or `size_table`".into()),
    }
    Ok(())
}

fn validate_node(
    n: &Node,
    docs: &BTreeMap<String, Document>,
    ids: &mut Vec<Text>,
) -> Result<(), String> {
    if ids.contains(&n.id) {
        return Err(format!("duplicate node id {}", n.id));
    }
    ids.push(n.id.clone());
    if let Some(c) = &n.cite {
        check_cite(c, docs, &n.id)?;
    }
    let needs_cite = !matches!(
        n.kind,
        NodeKind::All { .. }
            | NodeKind::Any { .. }
            | NodeKind::Base {}
            | NodeKind::Tier { .. }
            | NodeKind::Always {}
            | NodeKind::Path { .. }
    );
    if needs_cite && n.cite.is_none() {
        return Err(format!("node {} carries a rule but no citation", n.id));
    }
    match &n.kind {
        NodeKind::All { of } | NodeKind::Any { of } => {
            if of.is_empty() {
                return Err(format!("node {} has no children", n.id));
            }
            for c in of {
                validate_node(c, docs, ids)?;
            }
        }
        NodeKind::Compare {
            metric, unit, item, ..
        } => {
            if metric.unit() != *unit {
                return Err(format!(
                    "node {}: metric {:?} is in {:?}, not {:?}",
                    n.id,
                    metric,
                    metric.unit(),
                    unit
                ));
            }
            check_item(*metric, item.as_deref(), &n.id)?;
        }
        NodeKind::Flag { metric, item, .. } => {
            if metric.unit() != Unit::Bool && *metric != Metric::ProvinceItem {
                return Err(format!("node {}: metric {:?} is not yes/no", n.id, metric));
            }
            check_item(*metric, item.as_deref(), &n.id)?;
        }
        NodeKind::Choice {
            metric,
            one_of,
            item,
        } => {
            if metric.unit() != Unit::Choice || one_of.is_empty() {
                return Err(format!(
                    "node {}: metric {:?} is not a choice, or no options",
                    n.id, metric
                ));
            }
            check_item(*metric, item.as_deref(), &n.id)?;
        }
        NodeKind::Manual {} | NodeKind::Base {} | NodeKind::Always {} | NodeKind::Path { .. } => {}
        NodeKind::Tier { tier } => {
            if !crate::TIER_IDS.contains(&tier.as_str()) {
                return Err(format!("node {}: unknown tier {tier}", n.id));
            }
        }
        NodeKind::Score(s) => validate_score(s, docs, ids, &n.id)?,
    }
    Ok(())
}

fn check_item(metric: Metric, item: Option<&str>, at: &str) -> Result<(), String> {
    match (metric == Metric::ProvinceItem, item) {
        (true, Some(i)) if !i.is_empty() => Ok(()),
        (false, None) => Ok(()),
        _ => Err(format!(
            "node {at}: `item` goes with metric province_item, and only with it"
        )),
    }
}

fn sum(mut values: impl Iterator<Item = Dec>) -> Option<Ratio> {
    values.try_fold(Ratio::ZERO, |a, v| a.checked_add(v.0))
}

fn validate_score(
    s: &Score,
    docs: &BTreeMap<String, Document>,
    ids: &mut Vec<Text>,
    at: &str,
) -> Result<(), String> {
    if sum(s.groups.iter().map(|g| g.max)) != Some(s.max.0) {
        return Err(format!("{at}: group maxima do not add up to {}", s.max));
    }
    if s.pass_mark.0.checked_cmp(s.max.0) == Some(std::cmp::Ordering::Greater) {
        return Err(format!("{at}: pass mark above the maximum"));
    }
    for g in &s.groups {
        let is_pack_slot = s.pack_group.as_deref() == Some(&*g.id);
        if is_pack_slot {
            if !g.indicators.is_empty() {
                return Err(format!(
                    "{at}: pack group {} must be empty in the base file",
                    g.id
                ));
            }
            continue;
        }
        if sum(g.indicators.iter().map(|i| i.max)) != Some(g.max.0) {
            return Err(format!(
                "{at}: indicator maxima in group {} do not add up to {}",
                g.id, g.max
            ));
        }
        for i in &g.indicators {
            validate_indicator(i, docs, ids)?;
        }
    }
    if let Some(p) = &s.pack_group
        && !s.groups.iter().any(|g| *g.id == **p)
    {
        return Err(format!("{at}: pack group {p} is not a group"));
    }
    Ok(())
}

fn validate_indicator(
    i: &Indicator,
    docs: &BTreeMap<String, Document>,
    ids: &mut Vec<Text>,
) -> Result<(), String> {
    if ids.contains(&i.id) {
        return Err(format!("duplicate indicator id {}", i.id));
    }
    ids.push(i.id.clone());
    check_cite(&i.cite, docs, &i.id)?;
    let top = validate_scoring(&i.scoring, docs, ids, &i.id)?;
    if top != Some(i.max.0) {
        return Err(format!(
            "indicator {}: best level gives {:?}, max says {}",
            i.id,
            top.map(|t| t.to_string()),
            i.max
        ));
    }
    Ok(())
}

/// Returns the highest points the scoring can give.
fn validate_scoring(
    s: &Scoring,
    docs: &BTreeMap<String, Document>,
    ids: &mut Vec<Text>,
    at: &str,
) -> Result<Option<Ratio>, String> {
    let mut best: Option<Ratio> = None;
    let mut keep = |p: Ratio| {
        best = Some(match best {
            Some(b) if b.checked_cmp(p) != Some(std::cmp::Ordering::Less) => b,
            _ => p,
        })
    };
    match s {
        Scoring::Bands {
            metric,
            unit,
            bands,
            ..
        } => {
            if metric.unit() != *unit {
                return Err(format!(
                    "{at}: metric {:?} is in {:?}, not {:?}",
                    metric,
                    metric.unit(),
                    unit
                ));
            }
            if bands.is_empty() {
                return Err(format!("{at}: no bands"));
            }
            if bands[0].from.is_some() && !metric.non_negative() {
                return Err(format!("{at}: the lowest band must be open below"));
            }
            if bands[bands.len() - 1].to.is_some() {
                return Err(format!("{at}: the highest band must be open above"));
            }
            for w in bands.windows(2) {
                let (lo, hi) = (&w[0], &w[1]);
                match (lo.to, hi.from) {
                    (Some(a), Some(b)) if a == b => {
                        if lo.to_incl == hi.from_incl {
                            return Err(format!(
                                "{at}: bands {} and {} {} at {}",
                                lo.label,
                                hi.label,
                                if lo.to_incl { "overlap" } else { "leave a gap" },
                                a
                            ));
                        }
                    }
                    _ => {
                        return Err(format!(
                            "{at}: bands {} and {} do not meet",
                            lo.label, hi.label
                        ));
                    }
                }
            }
            for b in bands {
                if b.points.0.is_negative() {
                    return Err(format!("{at}: band {} has negative points", b.label));
                }
                keep(b.points.0);
            }
        }
        Scoring::Levels { levels } => {
            if levels.is_empty() {
                return Err(format!("{at}: no levels"));
            }
            for l in levels {
                validate_node(&l.when, docs, ids)?;
                keep(l.points.0);
            }
        }
        Scoring::MaxOf { of } => {
            for part in of {
                if let Some(p) = validate_scoring(part, docs, ids, at)? {
                    keep(p);
                }
            }
        }
    }
    Ok(best)
}

fn validate_pack(p: &Pack, target: &RuleFile) -> Result<(), String> {
    if let Some(pm) = &p.pass_mark {
        check_cite(&pm.cite, &p.documents, "pass_mark")?;
        if let Some(f) = &pm.from {
            check_date(f)?;
        }
    }
    let score = target.root.as_ref().and_then(find_score);
    if !p.indicators.is_empty() {
        let Some(score) = score else {
            return Err(format!("{} has no score to add indicators to", target.id));
        };
        let Some(slot) = score
            .pack_group
            .as_ref()
            .and_then(|g| score.groups.iter().find(|x| *x.id == **g))
        else {
            return Err(format!("{} has no pack group", target.id));
        };
        if sum(p.indicators.iter().map(|i| i.max)) != Some(slot.max.0) {
            return Err(format!(
                "pack indicators do not add up to the group maximum {}",
                slot.max
            ));
        }
        let mut ids = Vec::new();
        for i in &p.indicators {
            validate_indicator(i, &p.documents, &mut ids)?;
        }
    }
    Ok(())
}

/// The first score node in a tree.
pub fn find_score(n: &Node) -> Option<&Score> {
    match &n.kind {
        NodeKind::Score(s) => Some(s),
        NodeKind::All { of } | NodeKind::Any { of } => of.iter().find_map(find_score),
        _ => None,
    }
}
