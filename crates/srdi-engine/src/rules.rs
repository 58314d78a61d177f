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

use serde::{Deserialize, Serialize};

use crate::metrics::{Metric, Unit};
use crate::num::Ratio;
use crate::profile::Dec;

pub use crate::text::{List, Text};

/// The format tag of a tier's rule file.
pub const RULES_FORMAT: &str = "srdi-rules/1";
/// The format tag of a provincial 特色化 pack: `applies_to` names a tier, a
/// version and a period.
pub const PACK_FORMAT: &str = "srdi-pack/2";
/// The first pack format: `applies_to` named a rule file id. Still read: the
/// file's tier and version are taken from the book when the pack is added.
pub const PACK_FORMAT_1: &str = "srdi-pack/1";
/// The format tag of an amendment (修订): dated changes to the rule files of one
/// tier and version.
pub const AMEND_FORMAT: &str = "srdi-amend/1";
/// The format of the terms file (`rules/terms/`): the official terms a question
/// uses, explained, each with its citation.
pub const TERMS_FORMAT: &str = "srdi-terms/1";

/// The format of the ladder file (`rules/ladder/`): the tiers of the gradient, bottom to top,
/// that the next step is chosen from.
pub const LADDER_FORMAT: &str = "srdi-ladder/1";

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
    /// The document's title, e.g. 《优质中小企业梯度培育管理暂行办法》.
    pub title: Text,
    /// 文号, e.g. `工信部企业〔2022〕63号`.
    pub doc_no: Text,
    /// The issuing authority, e.g. 工业和信息化部.
    pub issuer: Text,
    /// Date issued, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Text>,
    /// Date in force, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Text>,
}

/// A file's documents by key, in key order (written as a JSON object): a
/// sorted list, so that the baked rule book can hold it as constant data.
#[derive(Clone, Default, PartialEq)]
pub struct Documents(pub List<(Text, Document)>);

impl Documents {
    /// The document under `key` (typed like `BTreeMap::get`).
    pub fn get<Q: PartialEq + ?Sized>(&self, key: &Q) -> Option<&Document>
    where
        Text: std::borrow::Borrow<Q>,
    {
        use std::borrow::Borrow;
        self.0
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, d)| d)
    }

    /// Whether a document is filed under `key`.
    pub fn contains_key<Q: PartialEq + ?Sized>(&self, key: &Q) -> bool
    where
        Text: std::borrow::Borrow<Q>,
    {
        self.get(key).is_some()
    }

    /// The documents in key order.
    pub fn values(&self) -> impl Iterator<Item = &Document> {
        self.0.iter().map(|(_, d)| d)
    }

    /// Keys and documents in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Text, &Document)> {
        self.0.iter().map(|(k, d)| (k, d))
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no document.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds or replaces the document under `key`, keeping key order.
    pub fn insert(&mut self, key: Text, d: Document) {
        match self.0.binary_search_by(|(k, _)| (**k).cmp(&*key)) {
            Ok(i) => self.0.to_mut()[i].1 = d,
            Err(i) => self.0.insert(i, (key, d)),
        }
    }
}

impl<'a> IntoIterator for &'a Documents {
    type Item = (&'a Text, &'a Document);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Text, Document)>,
        fn(&'a (Text, Document)) -> (&'a Text, &'a Document),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, d)| (k, d))
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Documents {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Documents {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Documents, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Documents;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of documents")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Documents, A::Error> {
                let mut out = Documents::default();
                while let Some((k, v)) = m.next_entry::<Text, Document>()? {
                    out.insert(k, v);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
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
    /// How well the quote is confirmed against the official text.
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
    /// 新申报: a first application for the tier.
    New,
    /// 复核: the re-examination of a firm that holds the tier's title.
    Review,
}

impl Applies {
    /// Whether the window holds `date` (`YYYY-MM-DD`; both ends included).
    pub fn holds(&self, date: &str) -> bool {
        self.from.as_str() <= date && self.until.as_ref().is_none_or(|u| date <= u.as_str())
    }
}

impl ApplicantPath {
    /// The path's name in rule files and results (`new`, `review`).
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
    /// The applicant path the window is for.
    pub path: ApplicantPath,
    /// First assessment date it governs, `YYYY-MM-DD`.
    pub from: Text,
    /// Last assessment date it governs, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
    /// Why this selection needs manual checking, when it is not confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    /// The same reason in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    /// Where the window comes from (the document's date or transition clause).
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
    pub province: Text,
    /// The province's reading, in Chinese.
    pub zh: Text,
    /// The province's reading, in English.
    pub en: Text,
    /// The notice it is quoted from.
    pub cite: Citation,
}
/// The comparison a `compare` node makes, as the standard words it.
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
    /// The operator as results write it (`>=`, `>`, `<=`, `<`).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }

    /// Whether a value exactly at the threshold passes (`>=` and `<=`).
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
    /// What the node asks, in Chinese (shown as the check's text).
    pub zh: Text,
    /// What the node asks, in English.
    pub en: Text,
    /// The article the node encodes; required wherever the node decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
    /// When set, a pass here only means "passes, to be checked by hand".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    /// The same reason in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    /// When set, a fail here is not decisive: it becomes "manual" with this
    /// note (“原则上…”, a condition the text leaves to the authority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_review_zh: Option<Text>,
    /// The same note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_review_en: Option<Text>,
    /// What the node tests, and its children.
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

/// What a node tests: a combination of children, one comparison or answer,
/// a score, or a reference to another tier or the base conditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeKind {
    /// Every child must pass.
    All {
        /// The children.
        of: List<Node>,
    },
    /// One child passing is enough.
    Any {
        /// The alternatives.
        of: List<Node>,
    },
    /// At least `at_least` children must pass (“满足以下至少N项”).
    CountOf {
        /// How many children must pass.
        at_least: u32,
        /// The children counted.
        of: List<Node>,
    },
    /// `metric(year) op value`.
    Compare {
        /// The metric compared.
        metric: Metric,
        /// Fiscal year relative to the application year Y (`-1` = 上年度, the default).
        #[serde(default = "last_year")]
        year: i32,
        /// How the metric is compared with `value`.
        op: Op,
        /// The threshold, in `unit`.
        value: Dec,
        /// The unit of `value` (a percentage is written `3` for 3%).
        unit: Unit,
        /// Item id for pack metrics.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<Text>,
        /// Other readings of an unconfirmed definition (REFERENCE A6, A7):
        /// where one gives another outcome, a person decides.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        readings: List<Reading>,
    },
    /// A yes/no answer must equal `expect`.
    Flag {
        /// The yes/no metric or profile field read.
        metric: Metric,
        /// The answer that passes.
        expect: bool,
        /// Item id for pack metrics.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<Text>,
    },
    /// A choice must be one of `one_of`.
    Choice {
        /// The choice metric read.
        metric: Metric,
        /// The keys that pass.
        one_of: List<Text>,
        /// Item id for pack metrics.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<Text>,
    },
    /// Judged by people only (no numeric line in the rule).
    Manual {},
    /// Always holds (e.g. "B. 属于其他领域": every product is in some field).
    Always {},
    /// Holds on one applicant path only (e.g. "复核企业不考查该项指标").
    Path {
        /// The path on which the node holds.
        path: ApplicantPath,
    },
    /// The base conditions in force on the assessment date (基本条件).
    Base {},
    /// Another tier must be qualified (e.g. 符合《中小企业划型标准规定》).
    Tier {
        /// The tier's id, e.g. `sme_size`.
        tier: Text,
    },
    /// A points table with a pass mark.
    Score(Score),
    /// Holds when the firm has a science and technology award (科学技术奖励)
    /// of one of the kinds in `of`, whose certificate year is within the
    /// `within_years` years before the application year Y (Y − n … Y, 近n年).
    /// An award whose rank is unanswered but could be good enough leaves the
    /// check unknown, never failed.
    Award {
        /// How many years before the application year count (近n年: Y − n … Y).
        within_years: i32,
        /// The kinds of award that count; one is enough.
        of: List<AwardRule>,
    },
}

/// Another reading of a definition the sources leave open (e.g. the formula
/// of 近2年主营业务收入平均增长率, REFERENCE A6): the same threshold or bands
/// applied to `metric`; where the outcome differs, the note says why a
/// person must decide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// The metric computed under the other reading.
    pub metric: Metric,
    /// Why a person decides, in Chinese.
    pub note_zh: Text,
    /// The same in English.
    pub note_en: Text,
}

/// A kind of award a rule counts: its level and, where the rule names one, the
/// lowest rank among the winning units that counts (获奖单位排名, 1 = first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRule {
    /// The award's level (国家级, 省级 or 部级).
    pub level: crate::profile::AwardLevel,
    /// The lowest rank among the winning units that counts; `None`: any rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rank: Option<u32>,
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
    /// The total needed to pass (及格线), unless a province's pack replaces it.
    pub pass_mark: Dec,
    /// The groups of indicators, in the standard's order.
    pub groups: List<Group>,
    /// A group id that a provincial pack fills (特色化).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_group: Option<Text>,
}

/// A group of a score's indicators (e.g. 专业化, 创新能力), with its maximum
/// and an optional sub-minimum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's id, e.g. `innovation`.
    pub id: Text,
    /// The group's name in Chinese, e.g. 创新能力指标.
    pub zh: Text,
    /// The group's name in English.
    pub en: Text,
    /// The most the group can give: the sum of its indicators' maxima.
    pub max: Dec,
    /// Sub-minimum (e.g. 创新能力指标得分不低于20分).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Dec>,
    /// The group's indicators (empty for the pack group, filled by a province's pack).
    #[serde(default)]
    pub indicators: List<Indicator>,
}

/// One scored indicator (评价指标) of a group, with its citation and scoring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, unique within the file.
    pub id: Text,
    /// The indicator's name in Chinese, as the standard writes it.
    pub zh: Text,
    /// The indicator's name in English.
    pub en: Text,
    /// The most the indicator can give.
    pub max: Dec,
    /// The article and table row the indicator comes from.
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
    /// The same reason in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
    /// How its points are given.
    pub scoring: Scoring,
}

fn yes() -> bool {
    true
}

/// How an indicator gives its points: by bands of a metric, by levels, or the
/// best of several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scoring {
    /// Contiguous intervals of one metric.
    Bands {
        /// The metric whose value picks the band.
        metric: Metric,
        /// Fiscal year relative to the application year Y (`-1` = 上年度, the default).
        #[serde(default = "last_year")]
        year: i32,
        /// The unit of the bands' edges.
        unit: Unit,
        /// The bands, in order, without gaps or overlaps.
        bands: List<Band>,
        /// Other readings of an unconfirmed definition (REFERENCE A6): where
        /// one falls in another band, the points are a range a person checks.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        readings: List<Reading>,
    },
    /// The highest-scoring level whose condition holds (0 when none does).
    Levels {
        /// The levels, each with its condition and points.
        levels: List<Level>,
    },
    /// The best of several scorings (研发费用总额…或…比重).
    MaxOf {
        /// The scorings compared.
        of: List<Scoring>,
    },
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
    /// Whether the lower edge belongs to the band (the default).
    #[serde(default = "yes")]
    pub from_incl: bool,
    /// Upper edge; absent = unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Dec>,
    /// Whether the upper edge belongs to the band (not by default).
    #[serde(default)]
    pub to_incl: bool,
    /// Points for a value in the band.
    pub points: Dec,
}

/// A level of a categorical indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Letter in the standard, e.g. `A`.
    pub label: Text,
    /// The level as the standard writes it.
    pub text: Text,
    /// Points for the level.
    pub points: Dec,
    /// The condition that reaches the level.
    pub when: Node,
    /// When this is the level reached, its points count but the item is
    /// shown "to be checked by hand" with this reason (e.g. a definition
    /// REFERENCE marks unconfirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_zh: Option<Text>,
    /// The same reason in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_en: Option<Text>,
}

/// A tier's rule file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Always [`RULES_FORMAT`].
    pub format: Text,
    /// Unique id, e.g. `specialized_sme_2026`.
    pub id: Text,
    /// The tier it decides: `base`, `sme_size`, `innovative_sme`, `tech_sme`,
    /// `specialized_sme`, `little_giant`, `single_champion`.
    pub tier: Text,
    /// Rule version, e.g. `2022`, `2026`.
    pub version: Text,
    /// The standard's name in Chinese.
    pub zh: Text,
    /// The standard's name in English.
    pub en: Text,
    /// The documents its citations refer to, by key.
    pub documents: Documents,
    /// When the file governs, one window per applicant path (several windows
    /// may follow each other).
    pub applies: List<Applies>,
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
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub evidence: List<Evidence>,
    /// The amendments applied, oldest first, when this file is derived from
    /// another by `srdi-amend/1` files (never written in a rule file).
    #[serde(skip)]
    pub amendments: List<Text>,
}

/// A document an application will ask for (申报材料), in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The document, in Chinese.
    pub zh: Text,
    /// The document, in English.
    pub en: Text,
}

/// 《中小企业划型标准规定》 第四条 as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeTable {
    /// The article giving the table (第四条).
    pub cite: Citation,
    /// How the wording combines bounds (REFERENCE A13).
    pub logic_cite: Citation,
    /// One row per industry.
    pub industries: List<SizeIndustry>,
}

/// One industry's row: metrics and the three lower bounds per metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeIndustry {
    /// The industry of the row.
    pub industry: crate::profile::Industry,
    /// The industry's name in Chinese, as 300号 writes it.
    pub zh: Text,
    /// The industry's name in English.
    pub en: Text,
    /// The row's wording, verbatim.
    pub quote: Text,
    /// The measures the row bounds (从业人员, 营业收入, 资产总额), one or more.
    pub measures: List<SizeMeasure>,
}

/// For one metric: SME if below `sme_below`; medium from `medium_from`; small from `small_from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeMeasure {
    /// The measure bounded.
    pub metric: SizeMetric,
    /// The firm is a 中小企业 on this measure below this value.
    pub sme_below: Dec,
    /// From this value (and below `sme_below`) the firm is 中型.
    pub medium_from: Dec,
    /// From this value (and below `medium_from`) the firm is 小型; below it, 微型.
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
    /// Always [`PACK_FORMAT`] (or [`PACK_FORMAT_1`] as read).
    pub format: Text,
    /// Unique id, e.g. `sichuan_specialized_2022`.
    pub id: Text,
    /// Province name as users write it, e.g. `四川`.
    pub province: Text,
    /// The pack's name in Chinese.
    pub zh: Text,
    /// The pack's name in English.
    pub en: Text,
    /// The standard whose pack group it fills: a tier, a version, a period.
    pub applies_to: PackTarget,
    /// The province's documents its citations refer to, by key.
    pub documents: Documents,
    /// A provincial pass mark replacing the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<PassMark>,
    /// The indicators filling the standard's pack group.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub indicators: List<Indicator>,
    /// The questions the pack adds to the questionnaire.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub questions: List<PackQuestion>,
}

/// What a pack attaches to: the rule files of `tier` and `version`, on
/// assessment dates from `from` to `until` (both optional, inclusive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackTarget {
    /// The tier of the rule files, e.g. `specialized_sme`.
    pub tier: Text,
    /// The version of the rule files, e.g. `2026`.
    pub version: Text,
    /// First assessment date of the period, `YYYY-MM-DD`; absent = unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Text>,
    /// Last assessment date of the period, inclusive; absent = unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
}

impl PackTarget {
    /// Whether the period holds `date` (`YYYY-MM-DD`).
    pub fn holds(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|f| f <= date)
            && self.until.as_deref().is_none_or(|u| date <= u)
    }

    /// Whether rule file `f` is of this tier and version and governs some
    /// date of this period (on either path).
    fn meets(&self, f: &RuleFile) -> bool {
        f.tier == self.tier
            && f.version == self.version
            && f.applies.iter().any(|a| {
                self.until.as_deref().is_none_or(|u| a.from.as_str() <= u)
                    && match (&a.until, &self.from) {
                        (Some(au), Some(pf)) => pf <= au,
                        _ => true,
                    }
            })
    }
}

/// An amendment (`srdi-amend/1`): a few dated changes to the rule files of
/// one tier and version, each change with its own citation. When it is
/// loaded, the file of that tier and version in force on `from` is copied
/// with these changes into a file `file+amendment` governing from `from`;
/// a result from it names the amendment (rule set id, its 文号 among the
/// documents, `effective_from`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// Always [`AMEND_FORMAT`].
    pub format: Text,
    /// Unique id, e.g. `fixture_revenue_2027`; a result names the amended file
    /// `file+id`.
    pub id: Text,
    /// The tier of the files amended.
    pub tier: Text,
    /// The version of the files amended.
    pub version: Text,
    /// The amendment's name in Chinese.
    pub zh: Text,
    /// The amendment's name in English.
    pub en: Text,
    /// The amending documents; keys must not name another document of the
    /// files amended.
    pub documents: Documents,
    /// First assessment date it governs, `YYYY-MM-DD`.
    pub from: Text,
    /// Last assessment date it governs, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
    /// Where the date comes from.
    pub cite: Citation,
    /// The changes, each to one node or indicator.
    pub changes: List<Amend>,
}

/// One change of an amendment, to the node or indicator `target` (by id).
/// Exactly one of `value` (a `compare` node's threshold), `pass_mark` (a
/// `score` node's), `node` (the whole node) or `indicator` (the whole
/// indicator); `value` and `pass_mark` carry a `cite` (and may give the
/// node's new `zh`/`en`), a whole node or indicator its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amend {
    /// The id of the node or indicator changed.
    pub target: Text,
    /// A `compare` node's new threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Dec>,
    /// A `score` node's new pass mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<Dec>,
    /// A whole new node (same id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<Node>,
    /// A whole new indicator (same id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
    /// The amending article, for `value` and `pass_mark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
    /// The node's new wording, with `value` or `pass_mark` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<Text>,
    /// The node's new wording in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<Text>,
}

impl Amendment {
    /// Whether it amends rule file `f`: same tier and version, and `f` in
    /// force (on some path) on the amendment's first day. A file that starts
    /// later is a consolidated text and already says what it says.
    pub fn amends(&self, f: &RuleFile) -> bool {
        f.tier == self.tier
            && f.version == self.version
            && f.applies.iter().any(|a| a.holds(&self.from))
    }
}

/// A province's own pass mark (及格线) for the standard a pack fills.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassMark {
    /// The pass mark.
    pub value: Dec,
    /// The provincial notice that sets it.
    pub cite: Citation,
    /// First assessment date the provincial pass mark applies to, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Text>,
}

/// A question a pack adds to the questionnaire (a 特色化 indicator's answer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackQuestion {
    /// Key in the profile's `province_items`.
    pub item: Text,
    /// The question in Chinese.
    pub zh: Text,
    /// The question in English.
    pub en: Text,
    /// Options for a choice; empty = a yes/no question.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub options: List<PackOption>,
}

/// One option of a pack's choice question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackOption {
    /// The key stored in the profile's `province_items`.
    pub key: Text,
    /// The option in Chinese.
    pub zh: Text,
    /// The option in English.
    pub en: Text,
}

/// The official terms the questions use, explained in plain words, each with
/// the citation that defines it (`rules/terms/terms.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// `srdi-terms/1`.
    pub format: Text,
    /// The documents the citations name.
    pub documents: Documents,
    /// The terms, in the order the questionnaire meets them.
    pub terms: List<Term>,
}

/// One official term: its name, what it means in plain words, and where that is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Id a question names it by (`class1_ip`).
    pub id: Text,
    /// The term in Chinese.
    pub zh: Text,
    /// The term in English.
    pub en: Text,
    /// What it means, in plain Chinese.
    pub explain_zh: Text,
    /// What it means, in plain English.
    pub explain_en: Text,
    /// Where it is defined.
    pub cite: Citation,
}

/// The gradient's tiers, bottom to top (`rules/ladder/ladder.json`): the next step is the
/// lowest rung the firm neither holds nor qualifies for, above the floor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// `srdi-ladder/1`.
    pub format: Text,
    /// The documents the citations name.
    pub documents: Documents,
    /// The tier below every rung: a firm that does not qualify for it takes no rung.
    pub floor: Text,
    /// The rungs, bottom to top.
    pub rungs: List<Rung>,
    /// Titles that take a firm out of a tier below them.
    pub exclusions: List<Exclusion>,
}

/// One rung of the ladder: the tiers that climb it (any one of them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    /// Tier keys, any one of which climbs the rung (创新型 or 科技型).
    pub tiers: List<Text>,
    /// Where the rung is set, when a text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
}

/// A tier the holders of certain titles no longer take part in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The tier left.
    pub tier: Text,
    /// The titles (tier keys) whose holders leave it.
    pub holders_of: List<Text>,
    /// Where it is written (the rule's own words).
    pub cite: Citation,
}

impl Ladder {
    /// Whether a holder of the titles `held` (by tier key) no longer takes part in `tier`.
    pub fn excluded(&self, tier: &str, held: impl Fn(&str) -> bool) -> bool {
        self.exclusions
            .iter()
            .any(|e| *e.tier == *tier && e.holders_of.iter().any(|h| held(h)))
    }
}

/// Every rule file and pack, parsed.
#[derive(Clone, Debug, Default)]
pub struct RuleBook {
    /// Every rule file, amended files included.
    pub files: List<RuleFile>,
    /// Every provincial pack.
    pub packs: List<Pack>,
    /// Every amendment loaded.
    pub amendments: List<Amendment>,
    /// The official terms the questions use, explained.
    pub terms: Terms,
    /// The gradient's tiers, bottom to top, for the next step.
    pub ladder: Ladder,
    /// The 数字化水平 self-test questionnaires (`rules/digital/`).
    pub digital: List<crate::digital::Questionnaire>,
}

/// The rule files compiled into the engine: (file name, text). Native builds
/// only: the browser's book is baked (`baked.rs`), with no rule text.
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_RULES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The amendments compiled into the engine (`rules/amendments/*.json`): (file name, text).
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_AMENDMENTS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_amendments.rs"));

/// The terms file compiled into the engine (`rules/terms/*.json`): (file name, text).
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_TERMS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_terms.rs"));

/// The ladder file compiled into the engine (`rules/ladder/*.json`): (file name, text).
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_LADDER: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_ladder.rs"));

/// The provincial packs compiled into the engine: (file name, text). Native builds only.
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_PACKS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

/// A problem in a rule file or pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The file name.
    pub file: String,
    /// What is wrong, in English.
    pub detail: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.detail)
    }
}

impl std::error::Error for RuleError {}

impl RuleBook {
    /// The question a provincial pack asks for `province_items.{item}`, with
    /// its labels; `None` for an item no pack in the book asks.
    pub fn pack_question(&self, item: &str) -> Option<&PackQuestion> {
        self.packs
            .iter()
            .flat_map(|p| p.questions.iter())
            .find(|q| *q.item == *item)
    }

    /// The rules compiled in. Natively: the rule files as they are now, read
    /// strictly with serde. They are validated by the test suite
    /// (`tests/validate_rules.rs`), so this does not validate again; call
    /// [`RuleBook::validate`] after adding packs from elsewhere.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> Result<RuleBook, RuleError> {
        crate::text::interning(RuleBook::read_embedded)
    }

    /// The rule files compiled in, read (texts interned by the caller).
    #[cfg(not(target_arch = "wasm32"))]
    fn read_embedded() -> Result<RuleBook, RuleError> {
        let mut book = RuleBook::default();
        for (name, text) in EMBEDDED_RULES {
            book.add_rule_file(name, text)?;
        }
        for (name, text) in EMBEDDED_AMENDMENTS {
            book.add_amendment(name, text)?;
        }
        for (name, text) in EMBEDDED_PACKS {
            book.push_pack(name, read(name, text)?)?;
        }
        for (name, text) in EMBEDDED_TERMS {
            book.add_terms(name, text)?;
        }
        for (name, text) in EMBEDDED_LADDER {
            book.set_ladder(name, text)?;
        }
        for (name, text) in crate::digital::EMBEDDED_DIGITAL {
            book.digital
                .push(crate::digital::Questionnaire::read(name, text)?);
        }
        Ok(book)
    }

    /// The self-test questionnaire for `profile`'s answers on `date`: the one they name, if
    /// it covers the firm's industry and the date, else the newest that does.
    pub fn selftest_questionnaire(
        &self,
        profile: &crate::Profile,
        date: crate::Date,
    ) -> Option<&crate::digital::Questionnaire> {
        let named = profile
            .digital_selftest
            .as_ref()
            .map(|a| a.questionnaire.as_str())
            .filter(|id| !id.is_empty());
        let fits = |q: &&crate::digital::Questionnaire| q.applies(profile.industry, date);
        match named {
            Some(id) => self.digital.iter().filter(fits).find(|q| *q.id == *id),
            None => self.questionnaire_for(profile.industry, date),
        }
    }

    /// The self-test questionnaire that estimates for a firm of `industry` assessed on `date`.
    pub fn questionnaire_for(
        &self,
        industry: Option<crate::profile::Industry>,
        date: crate::Date,
    ) -> Option<&crate::digital::Questionnaire> {
        self.digital
            .iter()
            .filter(|q| q.applies(industry, date))
            .max_by(|a, b| a.from.cmp(&b.from))
    }

    /// Sets the ladder (`srdi-ladder/1`) read strictly from `text`; a book has one.
    pub fn set_ladder(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let ladder: Ladder = read(name, text)?;
        check_new(name, &ladder.format, LADDER_FORMAT, false, "")?;
        if !self.ladder.format.is_empty() {
            return Err(RuleError {
                file: name.to_string(),
                detail: "a second ladder file: the book has one".into(),
            });
        }
        self.ladder = ladder;
        Ok(())
    }

    /// Adds the terms file (`srdi-terms/1`) read strictly from `text`; a term id
    /// already in the book is refused.
    pub fn add_terms(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let terms: Terms = read(name, text)?;
        check_new(name, &terms.format, TERMS_FORMAT, false, "")?;
        let Terms {
            format,
            documents,
            mut terms,
        } = terms;
        for t in std::mem::take(terms.to_mut()) {
            if self.term(&t.id).is_some() {
                return Err(RuleError {
                    file: name.to_string(),
                    detail: format!("duplicate term {}", t.id),
                });
            }
            self.terms.terms.push(t);
        }
        let mut documents = documents;
        for (k, d) in std::mem::take(documents.0.to_mut()) {
            if !self.terms.documents.contains_key(&*k) {
                self.terms.documents.0.push((k, d));
            }
        }
        self.terms.format = format;
        Ok(())
    }

    /// The term `id`, explained.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.terms.iter().find(|t| *t.id == *id)
    }

    /// The rules compiled in. In the browser: the baked book (`baked.rs`,
    /// validated when it was baked; read once, no rule text), borrowed.
    #[cfg(target_arch = "wasm32")]
    pub fn embedded() -> Result<RuleBook, RuleError> {
        Ok(RuleBook::baked().clone())
    }

    /// The rule book baked into the program at build time (`baked.rs`, made by
    /// `cargo xtask bake` from the rule files: amendments applied, citation
    /// readings left out), read on first use (`unbake.rs`) and kept. Always
    /// present in the browser build; natively only while it matches the rule
    /// files.
    #[cfg(srdi_baked)]
    pub fn baked() -> &'static RuleBook {
        static BOOK: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(crate::unbake::book)
    }

    /// Adds a tier's rule file (`srdi-rules/1`) read strictly from `text`; `name`
    /// names it in errors. Refuses another format or an id already in the book.
    pub fn add_rule_file(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let file: RuleFile = read(name, text)?;
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

    /// Adds a provincial pack (also used for packs loaded at run time). A
    /// `srdi-pack/1` pack names a rule file in `applies_to`: it is read as
    /// that file's tier and version (the file must be in the book already).
    pub fn add_pack(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let err = |detail: String| RuleError {
            file: name.to_string(),
            detail,
        };
        let mut v: serde_json::Value = read(name, text)?;
        check_size(&v).map_err(err)?;
        let legacy = v.get("format").and_then(|f| f.as_str()) == Some(PACK_FORMAT_1);
        if let Some(file_id) = v
            .get("applies_to")
            .and_then(|a| a.as_str())
            .filter(|_| legacy)
            .map(str::to_string)
        {
            let f = self.file(&file_id).ok_or_else(|| {
                err(format!(
                    "{PACK_FORMAT_1}: applies_to names rule file {file_id:?}, which is not in the book; \
                     write {PACK_FORMAT} with \"applies_to\": {{\"tier\": …, \"version\": …}}"
                ))
            })?;
            v["applies_to"] = serde_json::json!({ "tier": &*f.tier, "version": &*f.version });
            v["format"] = PACK_FORMAT.into();
            let pack: Pack = serde_json::from_value(v).map_err(|e| err(e.to_string()))?;
            return self.push_pack(name, pack);
        }
        // Read again from the text, so that a repeated key is refused.
        self.push_pack(name, read(name, text)?)
    }

    /// Adds a pack from outside the book (`srdi --pack`) in place of any pack of
    /// the same province, tier and version already in it (a built-in one): the
    /// ids of the packs it replaced, for the caller to say so. Never kept beside
    /// one it would silently lose to.
    pub fn replace_pack(&mut self, name: &str, text: &str) -> Result<Vec<String>, RuleError> {
        let mut scratch = RuleBook {
            files: self.files.clone(),
            ..RuleBook::default()
        };
        scratch.add_pack(name, text)?;
        let Some(new) = scratch.packs.to_mut().pop() else {
            return Ok(Vec::new());
        };
        let same = |p: &Pack| {
            normalise_province(&p.province) == normalise_province(&new.province)
                && p.applies_to.tier == new.applies_to.tier
                && p.applies_to.version == new.applies_to.version
        };
        let replaced: Vec<String> = self
            .packs
            .iter()
            .filter(|p| same(p))
            .map(|p| p.id.to_string())
            .collect();
        self.packs.retain(|p| !same(p));
        self.push_pack(name, new)?;
        Ok(replaced)
    }

    /// Adds a pack read as `srdi-pack/2`.
    fn push_pack(&mut self, name: &str, pack: Pack) -> Result<(), RuleError> {
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

    /// The rule file with this id (e.g. `specialized_sme_2026`), if any.
    pub fn file(&self, id: &str) -> Option<&RuleFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// Adds an amendment (`srdi-amend/1`).
    pub fn add_amendment(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let a: Amendment = read(name, text)?;
        check_new(
            name,
            &a.format,
            AMEND_FORMAT,
            self.amendments.iter().any(|x| x.id == a.id),
            &a.id,
        )?;
        self.amendments.push(a);
        self.derive_amended();
        Ok(())
    }

    /// The pack for `province` that fills rule file `f` on `date`: same tier
    /// and version, its period holding the date (the one starting last).
    pub fn pack_for(&self, f: &RuleFile, date: &str, province: &str) -> Option<&Pack> {
        let p = normalise_province(province);
        self.packs
            .iter()
            .filter(|k| {
                k.applies_to.tier == f.tier
                    && k.applies_to.version == f.version
                    && k.applies_to.holds(date)
                    && normalise_province(&k.province) == p
            })
            .max_by(|x, y| x.applies_to.from.cmp(&y.applies_to.from))
    }

    /// Every version label the rule files carry, in order.
    pub fn versions(&self) -> Vec<String> {
        labels(self.files.iter())
    }

    /// The versions with base conditions (a `base` file): the editions of the
    /// 办法 a user is offered to force (any version may still be forced).
    pub fn editions(&self) -> Vec<String> {
        labels(self.files.iter().filter(|f| f.tier == "base"))
    }

    /// Rebuilds the amended files: each amendment, oldest first, is applied
    /// to the file of its tier and version in force on its date (per path,
    /// the window starting last, so amendments chain), giving a file
    /// `file+amendment` whose windows start on the amendment's date (and end
    /// at its `until`, after which the file before it governs again).
    /// Selection then needs nothing more: from that date the amended file's
    /// window is the one starting last. A change that cannot be applied is
    /// left out here and reported by [`RuleBook::validate`].
    fn derive_amended(&mut self) {
        self.files.retain(|f| f.amendments.is_empty());
        let mut order: Vec<&Amendment> = self.amendments.iter().collect();
        crate::sort_short(&mut order, |x, y| (&x.from, &x.id) < (&y.from, &y.id));
        let order: Vec<Amendment> = order.into_iter().cloned().collect();
        for a in &order {
            let mut derived: Vec<(Text, RuleFile)> = Vec::new();
            for path in [ApplicantPath::New, ApplicantPath::Review] {
                let of: Vec<&RuleFile> = self
                    .files
                    .iter()
                    .filter(|f| f.tier == a.tier && f.version == a.version)
                    .collect();
                let Some((f, w)) = crate::in_force(&of, path, &a.from) else {
                    continue;
                };
                let until = match (&w.until, &a.until) {
                    (Some(x), Some(y)) => Some(x.min(y).clone()),
                    (x, y) => x.clone().or(y.clone()),
                };
                let window = Applies {
                    path,
                    from: a.from.clone(),
                    until,
                    review_zh: w.review_zh.clone(),
                    review_en: w.review_en.clone(),
                    // An unconfirmed selection keeps its own citation.
                    cite: if w.review_zh.is_some() {
                        w.cite.clone()
                    } else {
                        a.cite.clone()
                    },
                    province_reading: w.province_reading.clone(),
                };
                if let Some((_, d)) = derived.iter_mut().find(|(id, _)| *id == f.id) {
                    d.applies.push(window);
                    continue;
                }
                let mut d = f.clone();
                if apply_amendment(&mut d, a).is_ok() {
                    d.applies = vec![window].into();
                    d.amendments.push(a.id.clone());
                    derived.push((f.id.clone(), d));
                }
            }
            self.files.extend(derived.into_iter().map(|(_, d)| d));
        }
    }

    /// Checks everything the types cannot.
    pub fn validate(&self) -> Result<(), RuleError> {
        for f in &self.files {
            validate_file(f).map_err(|detail| RuleError {
                file: f.id.to_string(),
                detail,
            })?;
        }
        for a in &self.amendments {
            validate_amendment(a, &self.files).map_err(|detail| RuleError {
                file: a.id.to_string(),
                detail,
            })?;
        }
        for t in &self.terms.terms {
            check_cite(&t.cite, &self.terms.documents, &t.id).map_err(|detail| RuleError {
                file: "terms".into(),
                detail,
            })?;
        }
        // A book of some files only (a test's, a tool's) may have no ladder: no next step then.
        if !self.ladder.format.is_empty() {
            validate_ladder(&self.ladder).map_err(|detail| RuleError {
                file: "ladder".into(),
                detail,
            })?;
        }
        for p in &self.packs {
            let err = |detail: String| RuleError {
                file: p.id.to_string(),
                detail,
            };
            let t = &p.applies_to;
            for d in [&t.from, &t.until].into_iter().flatten() {
                check_date(d).map_err(err)?;
            }
            let targets: Vec<&RuleFile> = self.files.iter().filter(|f| t.meets(f)).collect();
            if targets.is_empty() {
                return Err(err(format!(
                    "applies to {} version {}, but no rule file of that tier and version governs its period",
                    t.tier, t.version
                )));
            }
            for f in targets {
                validate_pack(p, f).map_err(|d| err(format!("{}: {d}", f.id)))?;
            }
        }
        Ok(())
    }
}

/// Reads a file strictly (serde's derive, `deny_unknown_fields`); errors name the file.
fn read<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, RuleError> {
    serde_json::from_str(text).map_err(|e| RuleError {
        file: name.to_string(),
        detail: e.to_string(),
    })
}

/// The most objects and the deepest nesting a pack may have: the largest
/// province's pack has a few hundred objects a dozen levels deep. Checked
/// before anything else reads it, so a huge or deep file is refused at once.
pub const PACK_MAX_OBJECTS: usize = 5_000;
/// See [`PACK_MAX_OBJECTS`].
pub const PACK_MAX_DEPTH: usize = 40;

fn check_size(v: &serde_json::Value) -> Result<(), String> {
    let mut objects = 0usize;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, depth)) = stack.pop() {
        if depth > PACK_MAX_DEPTH {
            return Err(format!(
                "nested more than {PACK_MAX_DEPTH} levels deep: not a pack this tool reads"
            ));
        }
        match v {
            serde_json::Value::Object(m) => {
                objects += 1;
                if objects > PACK_MAX_OBJECTS {
                    return Err(format!(
                        "more than {PACK_MAX_OBJECTS} objects: not a pack this tool reads"
                    ));
                }
                stack.extend(m.values().map(|x| (x, depth + 1)));
            }
            serde_json::Value::Array(a) => stack.extend(a.iter().map(|x| (x, depth + 1))),
            _ => {}
        }
    }
    Ok(())
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

fn check_cite(c: &Citation, docs: &Documents, at: &str) -> Result<(), String> {
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

/// Every document has a title and a 文号, and its dates are dates.
fn check_documents(docs: &Documents) -> Result<(), String> {
    for (k, d) in docs {
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
    Ok(())
}

fn validate_file(f: &RuleFile) -> Result<(), String> {
    check_documents(&f.documents)?;
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

/// Another reading measures the same thing in the same unit, and says in
/// both languages why a person decides.
fn validate_readings(metric: Metric, readings: &[Reading], at: &str) -> Result<(), String> {
    for r in readings {
        if r.metric.unit() != metric.unit() || r.metric == metric {
            return Err(format!(
                "{at}: reading {} is not another reading of {metric} (unit {:?})",
                r.metric,
                metric.unit()
            ));
        }
        if r.note_zh.trim().is_empty() || r.note_en.trim().is_empty() {
            return Err(format!("{at}: reading {} has no note", r.metric));
        }
    }
    Ok(())
}

fn validate_node(n: &Node, docs: &Documents, ids: &mut Vec<Text>) -> Result<(), String> {
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
            | NodeKind::CountOf { .. }
            | NodeKind::Base {}
            | NodeKind::Tier { .. }
            | NodeKind::Always {}
            | NodeKind::Path { .. }
    );
    if needs_cite && n.cite.is_none() {
        return Err(format!("node {} carries a rule but no citation", n.id));
    }
    match &n.kind {
        NodeKind::Award { within_years, of } => {
            if of.is_empty() || *within_years < 1 {
                return Err(format!(
                    "node {}: an award rule needs at least one kind of award and within_years of 1 or more",
                    n.id
                ));
            }
        }
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            if of.is_empty() {
                return Err(format!("node {} has no children", n.id));
            }
            if let NodeKind::CountOf { at_least, .. } = &n.kind
                && (*at_least == 0 || *at_least as usize > of.len())
            {
                return Err(format!(
                    "node {}: at_least must be from 1 to the number of children ({})",
                    n.id,
                    of.len()
                ));
            }
            for c in of {
                validate_node(c, docs, ids)?;
            }
        }
        NodeKind::Compare {
            metric,
            unit,
            item,
            readings,
            ..
        } => {
            validate_readings(*metric, readings, &n.id)?;
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
            if crate::Tier::from_key(tier).is_none() {
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
    docs: &Documents,
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

fn validate_indicator(i: &Indicator, docs: &Documents, ids: &mut Vec<Text>) -> Result<(), String> {
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
    docs: &Documents,
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
            readings,
            ..
        } => {
            validate_readings(*metric, readings, at)?;
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
        // A pass mark is points of a 100-point score.
        if pm.value.0.is_negative()
            || pm
                .value
                .0
                .checked_cmp(crate::num::Ratio::int(100))
                .is_none_or(|o| o.is_gt())
        {
            return Err(format!(
                "pass_mark {} is not a score between 0 and 100",
                pm.value
            ));
        }
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
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            of.iter().find_map(find_score)
        }
        _ => None,
    }
}

/// The version labels of `files`, once each, in order (an insertion in place:
/// no sort in the bundle for a handful of labels).
fn labels<'a>(files: impl Iterator<Item = &'a RuleFile>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for f in files {
        if let Err(i) = v.binary_search_by(|x| x.as_str().cmp(&f.version)) {
            v.insert(i, f.version.to_string());
        }
    }
    v
}

/// Applies one amendment's changes to `f` (documents merged, nodes edited).
fn apply_amendment(f: &mut RuleFile, a: &Amendment) -> Result<(), String> {
    f.id = format!("{}+{}", f.id, a.id).into();
    f.zh = format!("{}（{}）", f.zh, a.zh).into();
    f.en = format!("{} ({})", f.en, a.en).into();
    for (k, d) in &a.documents {
        match f.documents.get(k) {
            Some(old) if old != d => {
                return Err(format!(
                    "document key {k} is already a different document of {}",
                    f.id
                ));
            }
            _ => {
                f.documents.insert(k.clone(), d.clone());
            }
        }
    }
    let Some(root) = f.root.as_mut() else {
        return Err(format!("{} has no rule tree to amend", f.id));
    };
    for c in &a.changes {
        if !edit_node(root, c)? {
            return Err(format!("no node or indicator {} in {}", c.target, f.id));
        }
    }
    Ok(())
}

/// The ladder names known tiers, each in one rung at most, every rung with a tier, and its
/// citations name its documents.
fn validate_ladder(l: &Ladder) -> Result<(), String> {
    let known = |t: &str| crate::Tier::from_key(t).is_some();
    if !known(&l.floor) {
        return Err(format!("floor: unknown tier {}", l.floor));
    }
    if l.rungs.is_empty() {
        return Err("no rungs".into());
    }
    let mut seen: Vec<&str> = vec![&l.floor];
    for (i, r) in l.rungs.iter().enumerate() {
        let n = i + 1;
        if r.tiers.is_empty() {
            return Err(format!("rung {n}: no tier"));
        }
        for t in &r.tiers {
            if !known(t) {
                return Err(format!("rung {n}: unknown tier {t}"));
            }
            if seen.contains(&&**t) {
                return Err(format!("tier {t} on two rungs"));
            }
            seen.push(t);
        }
        if let Some(c) = &r.cite {
            check_cite(c, &l.documents, &format!("rung {n}"))?;
        }
    }
    for e in &l.exclusions {
        for t in std::iter::once(&e.tier).chain(e.holders_of.iter()) {
            if !known(t) {
                return Err(format!("exclusion: unknown tier {t}"));
            }
        }
        check_cite(&e.cite, &l.documents, &e.tier)?;
    }
    Ok(())
}

/// Applies change `c` inside `n`; whether its target was found.
fn edit_node(n: &mut Node, c: &Amend) -> Result<bool, String> {
    if n.id == c.target {
        match (&c.value, &c.pass_mark, &c.node) {
            (Some(v), None, None) => match &mut n.kind {
                NodeKind::Compare { value, .. } => *value = *v,
                _ => return Err(format!("{}: `value` amends a compare node only", c.target)),
            },
            (None, Some(v), None) => match &mut n.kind {
                NodeKind::Score(s) => s.pass_mark = *v,
                _ => {
                    return Err(format!(
                        "{}: `pass_mark` amends a score node only",
                        c.target
                    ));
                }
            },
            (None, None, Some(new)) => {
                *n = new.clone();
                return Ok(true);
            }
            _ => return Err(format!("{}: not a change of this node", c.target)),
        }
        n.cite = c.cite.clone();
        if let Some(zh) = &c.zh {
            n.zh = zh.clone();
        }
        if let Some(en) = &c.en {
            n.en = en.clone();
        }
        return Ok(true);
    }
    match &mut n.kind {
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            for k in of {
                if edit_node(k, c)? {
                    return Ok(true);
                }
            }
        }
        NodeKind::Score(s) => {
            for i in s.groups.iter_mut().flat_map(|g| g.indicators.iter_mut()) {
                if i.id == c.target {
                    let Some(new) = &c.indicator else {
                        return Err(format!(
                            "{}: an indicator is amended whole (`indicator`)",
                            c.target
                        ));
                    };
                    *i = new.clone();
                    return Ok(true);
                }
                if edit_scoring(&mut i.scoring, c)? {
                    return Ok(true);
                }
            }
        }
        _ => {}
    }
    Ok(false)
}

fn edit_scoring(s: &mut Scoring, c: &Amend) -> Result<bool, String> {
    match s {
        Scoring::Levels { levels } => {
            for l in levels {
                if edit_node(&mut l.when, c)? {
                    return Ok(true);
                }
            }
        }
        Scoring::MaxOf { of } => {
            for p in of {
                if edit_scoring(p, c)? {
                    return Ok(true);
                }
            }
        }
        Scoring::Bands { .. } => {}
    }
    Ok(false)
}

fn validate_amendment(a: &Amendment, files: &[RuleFile]) -> Result<(), String> {
    check_date(&a.from)?;
    if let Some(u) = &a.until {
        check_date(u)?;
        if u < &a.from {
            return Err(format!("ends ({u}) before it starts ({})", a.from));
        }
    }
    check_documents(&a.documents)?;
    check_cite(&a.cite, &a.documents, "from")?;
    if a.changes.is_empty() {
        return Err("no changes".into());
    }
    for c in &a.changes {
        let whole = usize::from(c.node.is_some()) + usize::from(c.indicator.is_some());
        let values = usize::from(c.value.is_some()) + usize::from(c.pass_mark.is_some());
        if whole + values != 1 {
            return Err(format!(
                "change of {}: give exactly one of value, pass_mark, node, indicator",
                c.target
            ));
        }
        match (&c.cite, values) {
            (Some(cite), 1) => check_cite(cite, &a.documents, &c.target)?,
            (None, 1) => {
                return Err(format!(
                    "change of {}: a new value needs its `cite`",
                    c.target
                ));
            }
            (Some(_), _) => {
                return Err(format!(
                    "change of {}: a whole node or indicator carries its own cite, not `cite`",
                    c.target
                ));
            }
            (None, _) => {}
        }
        if values == 0 && (c.zh.is_some() || c.en.is_some()) {
            return Err(format!(
                "change of {}: `zh`/`en` go with value or pass_mark; a whole node has its own",
                c.target
            ));
        }
    }
    let targets: Vec<&RuleFile> = files
        .iter()
        .filter(|f| a.amends(f) && !f.amendments.contains(&a.id))
        .collect();
    if targets.is_empty() {
        return Err(format!(
            "amends {} version {}, but no rule file of that tier and version is in force on {}",
            a.tier, a.version, a.from
        ));
    }
    for f in targets {
        let mut out = f.clone();
        apply_amendment(&mut out, a)?;
        validate_file(&out).map_err(|e| format!("{} as amended: {e}", f.id))?;
    }
    Ok(())
}
