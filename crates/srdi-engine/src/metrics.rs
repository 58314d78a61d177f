//! The metric library: every quantity a rule file may name, how it is
//! computed from the profile (REFERENCE.md §2), and, for a threshold it
//! misses, the smallest change to the profile that meets it.
//!
//! Definitions live here; numbers never do. A metric is evaluated for a year
//! given relative to the application year Y (`-1` = 上年度).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fields::{FieldId, FieldValue};
use crate::num::Ratio;
use crate::profile::{Dec, PackAnswer, Profile, YearFigures, parse_year_month};
use crate::result::{Ledger, Span};
use crate::rules::Op;

/// The unit a metric is measured in; rule files state it next to every threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 万元
    WanYuan,
    /// A percentage: `3` in a rule file means 3%.
    Percent,
    /// People, rights, ranks, levels.
    Count,
    /// Complete years.
    Years,
    /// Points of a score.
    Points,
    /// A yes/no answer.
    Bool,
    /// One key of a list of options.
    Choice,
}

impl Unit {
    /// The name rule files and results use.
    pub fn key(self) -> &'static str {
        match self {
            Unit::WanYuan => "wan_yuan",
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Years => "years",
            Unit::Points => "points",
            Unit::Bool => "bool",
            Unit::Choice => "choice",
        }
    }
}

/// How the 近2年主营业务收入平均增长率 is computed (REFERENCE A6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrowthFormula {
    /// Arithmetic mean of the two annual growth rates (the default).
    #[default]
    Mean,
    /// Two-year compound growth rate.
    Cagr,
}

/// Every metric a rule file may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    // Amounts of one year, 万元.
    /// 营业收入 of `year`.
    Revenue,
    /// 主营业务收入 of `year`.
    MainRevenue,
    /// 研发费用 of `year`.
    RdExpense,
    /// 资产总额 at the end of `year`.
    TotalAssets,
    /// 负债总额 at the end of `year`.
    TotalLiabilities,
    /// 净利润 of `year` (may be negative).
    NetProfit,
    /// R&D expense of `year` and the year before, added.
    RdSum2,
    /// Mean R&D expense of `year` and the year before.
    RdAvg2,
    /// New equity from qualified institutional investors, `year` and the year before.
    EquitySum2,
    /// The same over three years (`year` and the two before; 近三年 = Y−3..Y−1, A10).
    EquitySum3,
    /// Mean main-business revenue of `year` and the two before.
    MainAvg3,
    // Ratios, percent.
    /// 主营业务收入 ÷ 营业收入
    MainShare,
    /// 研发费用 ÷ 营业收入
    RdRatio,
    /// 研发费用 ÷ 成本费用支出总额
    RdCostRatio,
    /// 负债总额 ÷ 资产总额 (年末)
    DebtRatio,
    /// 净利润 ÷ 营业收入
    NetMargin,
    /// (主营\[y\] − 主营\[y−1\]) ÷ 主营\[y−1\]
    MainGrowth,
    /// 近2年主营业务收入平均增长率 (formula per [`GrowthFormula`])
    MainGrowthAvg2,
    /// (营业收入\[y\] ÷ 营业收入\[y−2\])^(1/2) − 1
    RevenueCagr2,
    /// 近2年主营业务收入平均增长率 as the mean of the two annual rates, whatever
    /// formula is chosen: one reading of A6, named by a rule's `readings`.
    MainGrowthAvg2Mean,
    /// 近2年主营业务收入平均增长率 as the two-year compound rate: the other reading of A6.
    MainGrowthAvg2Cagr,
    /// (营业收入\[y\] − 营业收入\[y−1\]) ÷ 营业收入\[y−1\]: last year's growth, the other
    /// reading of A7's base year.
    RevenueGrowth,
    /// 研发人员 ÷ 职工总数
    RdStaffRatio,
    /// 科技人员 ÷ 职工总数
    TechStaffRatio,
    /// The main product's 国内细分市场占有率.
    ShareDomestic,
    /// The main product's 国际细分市场占有率.
    ShareInternational,
    // Counts.
    /// 从业人员 (职工总数) at the end of the last completed year (上年末).
    Employees,
    /// Ⅰ类 counted under 63号: own applications (any rank among the holders)
    /// plus rights transferred in over a year ago (附件4).
    #[serde(rename = "class1_ip_63")]
    Class1Ip63,
    /// Ⅰ类 counted under the 2026 办法: not transferred in, top-three holder.
    #[serde(rename = "class1_ip_2026")]
    Class1Ip2026,
    /// 自主研发的Ⅰ类 under 63号: own applications, whatever the firm's rank.
    Class1SelfDeveloped,
    /// Ⅰ类高价值知识产权 held.
    Class1HighValue,
    /// Ⅰ类 (63号 count) applied with economic benefit.
    #[serde(rename = "class1_applied_63")]
    Class1Applied63,
    /// Ⅰ类 (2026 count) applied with economic benefit.
    #[serde(rename = "class1_applied_2026")]
    Class1Applied2026,
    /// Ⅱ类 as 63号 defines them (utility/design patents kept over 2 years).
    Class2Ip,
    /// Ⅱ类 as the 高企 definition used by 115号 counts them (no age qualifier).
    #[serde(rename = "class2_ip_115")]
    Class2Ip115,
    /// The main product's rank in its domestic segment (1 = first).
    DomesticRank,
    /// The main product's rank in the world market (1 = first).
    GlobalRank,
    /// The 中小企业数字化水平评测等级 (0 = below the first level or not assessed).
    DigitalLevel,
    // Years.
    /// 从事特定细分市场年限: complete years from `product.segment_start` to
    /// 31 Dec of `year` (截至上年末, A5).
    SegmentYears,
    /// Complete years in the field of the single-champion product (从事相关领域),
    /// from `product.field_start` to 31 Dec of `year`.
    FieldYears,
    // Points.
    /// 本年度 (`year` 0) 中小企业专精特新发展评价得分.
    PlatformScore,
    /// The better of `year` and the year before.
    PlatformScoreBest2,
    /// An R&D institution recognised at provincial (省部级) level or higher.
    MinisterialInstitute,
    // Choices.
    /// The level of the firm's own R&D institution (研发机构), as its key
    /// (`national`, `provincial`, `municipal`, `below_municipal`, `none`).
    RdInstitute,
    /// An answer to a provincial pack question (`item`).
    ProvinceItem,
    /// A profile field read as it is (a yes/no answer): rule files name it by
    /// its path, e.g. `base.registered_in_china`.
    #[serde(untagged)]
    Answer(FieldId),
}

/// A metric's name as rule files write it: the name serde's derive gives the
/// variant, written through serde's own `fmt::Formatter` serialiser (no JSON
/// serialiser in the browser bundle).
/// Read by name (or a profile field's path), so that a rule or pack naming
/// an unknown metric is told which name is wrong.
impl<'de> Deserialize<'de> for Metric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Metric, D::Error> {
        let name = String::deserialize(d)?;
        Metric::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown metric `{name}`")))
    }
}

impl Metric {
    /// The metric a rule file names: a metric's name, or a profile field's path.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL
            .iter()
            .copied()
            .find(|m| m.to_string() == name)
            .or_else(|| FieldId::from_path(name).map(|(f, _)| Metric::Answer(f)))
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Serialize::serialize(self, f)
    }
}

impl Metric {
    /// Every metric, for reading rule files without serde's derive (see `decode.rs`).
    pub const ALL: &'static [Metric] = &[
        Metric::Revenue,
        Metric::MainRevenue,
        Metric::RdExpense,
        Metric::TotalAssets,
        Metric::TotalLiabilities,
        Metric::NetProfit,
        Metric::RdSum2,
        Metric::RdAvg2,
        Metric::EquitySum2,
        Metric::EquitySum3,
        Metric::MainAvg3,
        Metric::MainShare,
        Metric::RdRatio,
        Metric::RdCostRatio,
        Metric::DebtRatio,
        Metric::NetMargin,
        Metric::MainGrowth,
        Metric::MainGrowthAvg2,
        Metric::RevenueCagr2,
        Metric::MainGrowthAvg2Mean,
        Metric::MainGrowthAvg2Cagr,
        Metric::RevenueGrowth,
        Metric::RdStaffRatio,
        Metric::TechStaffRatio,
        Metric::ShareDomestic,
        Metric::ShareInternational,
        Metric::Employees,
        Metric::Class1Ip63,
        Metric::Class1Ip2026,
        Metric::Class1SelfDeveloped,
        Metric::Class1HighValue,
        Metric::Class1Applied63,
        Metric::Class1Applied2026,
        Metric::Class2Ip,
        Metric::Class2Ip115,
        Metric::DomesticRank,
        Metric::GlobalRank,
        Metric::DigitalLevel,
        Metric::SegmentYears,
        Metric::FieldYears,
        Metric::PlatformScore,
        Metric::PlatformScoreBest2,
        Metric::MinisterialInstitute,
        Metric::RdInstitute,
        Metric::ProvinceItem,
    ];
}

// Fails to compile when a metric is added without adding it to `ALL`.
const _: fn(Metric) = |m| match m {
    Metric::Revenue
    | Metric::MainRevenue
    | Metric::RdExpense
    | Metric::TotalAssets
    | Metric::TotalLiabilities
    | Metric::NetProfit
    | Metric::RdSum2
    | Metric::RdAvg2
    | Metric::EquitySum2
    | Metric::EquitySum3
    | Metric::MainAvg3
    | Metric::MainShare
    | Metric::RdRatio
    | Metric::RdCostRatio
    | Metric::DebtRatio
    | Metric::NetMargin
    | Metric::MainGrowth
    | Metric::MainGrowthAvg2
    | Metric::RevenueCagr2
    | Metric::MainGrowthAvg2Mean
    | Metric::MainGrowthAvg2Cagr
    | Metric::RevenueGrowth
    | Metric::RdStaffRatio
    | Metric::TechStaffRatio
    | Metric::ShareDomestic
    | Metric::ShareInternational
    | Metric::Employees
    | Metric::Class1Ip63
    | Metric::Class1Ip2026
    | Metric::Class1SelfDeveloped
    | Metric::Class1HighValue
    | Metric::Class1Applied63
    | Metric::Class1Applied2026
    | Metric::Class2Ip
    | Metric::Class2Ip115
    | Metric::DomesticRank
    | Metric::GlobalRank
    | Metric::DigitalLevel
    | Metric::SegmentYears
    | Metric::FieldYears
    | Metric::PlatformScore
    | Metric::PlatformScoreBest2
    | Metric::MinisterialInstitute
    | Metric::RdInstitute
    | Metric::ProvinceItem
    | Metric::Answer(_) => {}
};

/// A metric's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    /// Exact number; percentages as fractions (3% = 3/100).
    Num(Ratio),
    /// A yes/no value.
    Bool(bool),
    /// The key of a choice.
    Choice(Cow<'static, str>),
}

/// A path in the profile, e.g. `years.2025.rd_expense`; formatted only when
/// shown, so that an assessment allocates no text for it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A field of the table (not yearly).
    Of(FieldId),
    /// A yearly field of the table: `years.{year}.{name}`.
    Year(i32, FieldId),
    /// `awards[{i}].rank`
    AwardRank(usize),
    /// `province_items.{key}`
    Item(crate::rules::Text),
    /// Any other path, as text.
    Named(crate::rules::Text),
}

impl Field {
    /// The field of the table this path names, and its year when yearly;
    /// `None` for a provincial pack item or another tier's text.
    pub fn id(&self) -> Option<(FieldId, Option<i32>)> {
        match self {
            Field::Of(f) => Some((*f, None)),
            Field::Year(y, f) => Some((*f, Some(*y))),
            Field::AwardRank(_) => Some((FieldId::Awards, None)),
            Field::Item(_) => None,
            Field::Named(n) => FieldId::from_path(n),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Of(id) => f.write_str(&id.path()),
            Field::Year(y, id) => f.write_str(&id.path_for(*y)),
            Field::AwardRank(i) => write!(f, "awards[{i}].rank"),
            Field::Item(k) => write!(f, "province_items.{k}"),
            Field::Named(n) => f.write_str(n),
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A value as the user reads it, formatted only when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Exact number in a unit: percentages as `3.2%`, 万元 to four decimals.
    Num(Ratio, Unit),
    /// A yes/no answer.
    Bool(bool),
    /// A fixed key, e.g. an applicant path or institute level.
    Key(&'static str),
    /// Text from the profile or a rule file, e.g. a choice or a rule file id.
    Text(crate::rules::Text),
    /// `YYYY-MM`
    Month(i32, u32),
    /// `N award(s)`
    Awards(usize),
    /// A score range `min–max`.
    Range(i64, i64),
    /// A number shown with more decimals than usual, so that it does not
    /// look equal to a threshold it is in fact just beside.
    Beside(Ratio, Unit, u32),
}

impl Shown {
    /// `v` in `unit`, with enough decimals to tell its side of every edge
    /// (thresholds, band limits; as fractions for percentages).
    pub fn beside(v: Ratio, unit: Unit, edges: &[Ratio]) -> Shown {
        // Percentages show two decimals of the percent, i.e. four of the fraction.
        let (min, shift) = match unit {
            Unit::Percent => (4, 2),
            Unit::WanYuan => (4, 0),
            _ => (2, 0),
        };
        let p = v.places_beside(min, min + 8, edges);
        if p == min {
            Shown::Num(v, unit)
        } else {
            Shown::Beside(v, unit, p - shift)
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Num(v, Unit::Percent) => f.write_str(&v.to_percent_string()),
            Shown::Num(v, Unit::WanYuan) => f.write_str(&v.to_decimal_string(4)),
            Shown::Num(v, _) => f.write_str(&v.to_decimal_string(2)),
            Shown::Bool(b) => write!(f, "{b}"),
            Shown::Key(k) => f.write_str(k),
            Shown::Text(t) => f.write_str(t),
            Shown::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Shown::Awards(n) => write!(f, "{n} award(s)"),
            Shown::Range(a, b) if a == b => write!(f, "{a}"),
            Shown::Range(a, b) => write!(f, "{a}–{b}"),
            Shown::Beside(v, Unit::Percent, p) => match v.checked_mul(Ratio::int(100)) {
                Some(pc) => write!(f, "{}%", pc.to_decimal_string(*p)),
                None => f.write_str("—"),
            },
            Shown::Beside(v, _, p) => f.write_str(&v.to_decimal_string(*p)),
        }
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One input figure a check used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The profile field read.
    pub field: Field,
    /// Its value, as shown.
    pub value: Shown,
}

/// A computed metric: its value (None = unknown), the figures behind it,
/// and the fields still missing.
#[derive(Clone, Debug, Default)]
pub struct Computed {
    /// The metric's value; `None` while a figure it needs is missing.
    pub value: Option<Val>,
    /// The figures it was computed from, in the ledger it was computed into.
    pub figures: Span,
    /// The fields still missing, in that ledger.
    pub missing: Span,
    /// When the value is unknown but bounded (some answers missing from a
    /// count): its whole-number bounds.
    pub range: Option<(i64, i64)>,
    /// The 数字化水平 self-test's estimate stands in for the platform's level (`range`
    /// runs from its lower reading to the top level; `Ctx::digital` says why).
    pub estimated: bool,
}

/// The self-test's two readings of the digital level, and why an item counts them: while the
/// firm has entered no platform level, 63号 item 5 counts from the lower reading up to full
/// marks and needs a person (DIGITAL-LEVEL §8; the platform's result decides).
#[derive(Clone, Copy, Debug)]
pub struct DigitalReadings<'a> {
    /// The level by score bands alone.
    pub by_score: u8,
    /// The level under the combined scene rule.
    pub by_scenes: u8,
    /// The questionnaire's top level.
    pub top: u8,
    /// Why, in Chinese (the questionnaire's `effect_zh`).
    pub note_zh: &'a crate::rules::Text,
    /// Why, in English.
    pub note_en: &'a crate::rules::Text,
}

/// The smallest change to one input that meets a threshold. Values are exact,
/// in `unit` (万元 for money, a fraction for a percentage); the app and the
/// command-line tool put it in words (the engine writes no sentences).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The input to change, e.g. `years.2025.rd_expense`.
    pub field: Field,
    /// The unit of `current`, `target` and `delta`.
    pub unit: Unit,
    /// The input's current value, if known.
    pub current: Option<Ratio>,
    /// The value that meets the threshold.
    pub target: Ratio,
    /// `target − current`, when the current value is known.
    pub delta: Option<Ratio>,
    /// How big the change is next to its target, in thousandths (capped at
    /// 1000): breaks ties between equally hard steps in favour of the smaller.
    pub size: u32,
    /// The rule's line itself, in `unit`, when the rule compares this very
    /// input with it (e.g. 营业收入 below 2 亿元): what the words name when
    /// the change would shrink the firm, which is no change to propose.
    pub limit: Option<Ratio>,
    /// What kind of change it is, with what the words need.
    pub how: How,
}

impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let shown = |v: Ratio| Shown::Num(v, self.unit);
        let mut st = s.serialize_struct("Change", 6)?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("current", &self.current.map(shown))?;
        st.serialize_field("target", &shown(self.target))?;
        st.serialize_field("delta", &self.delta.map(shown))?;
        if let Some(l) = self.limit {
            st.serialize_field("limit", &shown(l))?;
        }
        st.serialize_field("how", &self.how)?;
        st.end()
    }
}

/// An optional fraction written as a percentage (only called when present).
fn opt_percent<S: serde::Serializer>(r: &Option<Ratio>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => percent(r, s),
        None => s.serialize_none(),
    }
}

/// A fraction written as a percentage, e.g. `3%`.
fn percent<S: serde::Serializer>(r: &Ratio, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&Shown::Num(*r, Unit::Percent))
}

/// What kind of change a [`Change`] is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum How {
    /// Raise or lower an amount of a fiscal year to the target; `goal` is the
    /// ratio that target reaches, when the threshold is on a ratio.
    Amount {
        /// The ratio reached, e.g. an R&D ratio of 3%.
        #[serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "opt_percent"
        )]
        goal: Option<Ratio>,
    },
    /// Grow main-business revenue (total revenue grows with it) until its
    /// share reaches `goal`.
    MainShare {
        /// The share to reach.
        #[serde(serialize_with = "percent")]
        goal: Ratio,
    },
    /// Hire people of a kind until their share of the staff reaches `goal`.
    Hire {
        /// The share to reach.
        #[serde(serialize_with = "percent")]
        goal: Ratio,
    },
    /// Reach a value of a metric (a count, a percentage, points).
    Reach {
        /// The metric whose value must reach the target.
        metric: Metric,
    },
    /// Reach the top `target` of a ranking.
    Rank {
        /// The ranking.
        metric: Metric,
    },
    /// Years of activity must reach `target`: `wait` more years, met in `year`.
    Wait {
        /// Which years count.
        metric: Metric,
        /// Years still to wait.
        wait: i64,
        /// The year the condition is met.
        year: i64,
    },
    /// Ⅰ类 rights the rule counts must total `held + delta`: the firm needs
    /// `delta` more by its own application, then applied.
    Class1Held {
        /// Rights the rule counts now.
        held: i64,
    },
    /// Ⅰ类 rights applied with economic benefit must total `applied + delta`.
    Class1Applied {
        /// Rights the rule counts as applied now.
        applied: i64,
    },
}

/// What a metric needs from the caller.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The profile assessed.
    pub profile: &'a Profile,
    /// The application year Y.
    pub year: i32,
    /// How 近2年主营业务收入平均增长率 is computed.
    pub growth: GrowthFormula,
    /// The figures of the years Y−4..=Y, found once (see [`Ctx::new`]).
    pub(crate) years: [Option<&'a YearFigures>; 5],
    /// The self-test's readings, when the firm answered it and entered no platform level.
    pub digital: Option<DigitalReadings<'a>>,
}

impl<'a> Ctx<'a> {
    /// The context of an assessment in application year `year`: the
    /// figures of the years its metrics read are found once, not at every
    /// read (an assessment reads a year's figures about fifty times).
    pub fn new(profile: &'a Profile, year: i32, growth: GrowthFormula) -> Ctx<'a> {
        let mut years = [None; 5];
        for (i, slot) in (year - 4..=year).zip(years.iter_mut()) {
            *slot = profile.year(i);
        }
        Ctx {
            profile,
            year,
            growth,
            years,
            digital: None,
        }
    }

    /// The figures of fiscal year `y`, if any were given.
    pub fn year_figures(&self, y: i32) -> Option<&'a YearFigures> {
        match usize::try_from(y - (self.year - 4)) {
            Ok(i) if i < self.years.len() => self.years[i],
            _ => self.profile.year(y),
        }
    }
}

fn pct(v: Dec) -> Ratio {
    v.0.div_whole(100).unwrap_or(Ratio::ZERO)
}

fn yuan_ratio(y: i128) -> Ratio {
    Ratio::int(y)
}

#[derive(Clone, Copy)]
enum Amt {
    Revenue,
    Main,
    Rd,
    Assets,
    Liabilities,
    Profit,
    Cost,
    Equity,
}

impl Amt {
    fn id(self) -> FieldId {
        match self {
            Amt::Revenue => FieldId::Revenue,
            Amt::Main => FieldId::MainRevenue,
            Amt::Rd => FieldId::RdExpense,
            Amt::Assets => FieldId::TotalAssets,
            Amt::Liabilities => FieldId::TotalLiabilities,
            Amt::Profit => FieldId::NetProfit,
            Amt::Cost => FieldId::CostTotal,
            Amt::Equity => FieldId::EquityFinancing,
        }
    }
    fn get(self, y: &YearFigures) -> Option<Dec> {
        match self {
            Amt::Revenue => y.revenue,
            Amt::Main => y.main_revenue,
            Amt::Rd => y.rd_expense,
            Amt::Assets => y.total_assets,
            Amt::Liabilities => y.total_liabilities,
            Amt::Profit => y.net_profit,
            Amt::Cost => y.cost_total,
            Amt::Equity => y.equity_financing,
        }
    }
}

fn field(a: Amt, year: i32) -> Field {
    Field::Year(year, a.id())
}

impl Computed {
    /// Nothing computed yet; figures and missing fields go to the end of `l`.
    fn at(l: &Ledger) -> Computed {
        let (f, m) = l.mark();
        Computed {
            figures: Span::at(f),
            missing: Span::at(m),
            ..Computed::default()
        }
    }

    /// Records a figure read.
    fn figure(&mut self, l: &mut Ledger, f: Figure) {
        self.figures = self.figures.to(l.figure(f));
    }

    /// Records a field missing.
    fn miss(&mut self, l: &mut Ledger, f: Field) {
        self.missing = self.missing.to(l.miss(f));
    }

    /// Forgets the fields missing (the value is known after all).
    fn clear_missing(&mut self, l: &mut Ledger) {
        l.missing.truncate(self.missing.start as usize);
        self.missing.end = self.missing.start;
    }

    /// Reads an amount in whole 元, recording the figure or the gap.
    fn amount(&mut self, l: &mut Ledger, ctx: &Ctx<'_>, a: Amt, year: i32) -> Option<i128> {
        match ctx.year_figures(year).and_then(|y| a.get(y)) {
            Some(d) => {
                self.figure(
                    l,
                    Figure {
                        field: field(a, year),
                        value: Shown::Num(d.0, Unit::WanYuan),
                    },
                );
                Some(d.yuan())
            }
            None => {
                self.miss(l, field(a, year));
                None
            }
        }
    }

    /// Reads a whole-number field (a count, rank or level), recording the figure or the gap.
    fn count(&mut self, l: &mut Ledger, f: FieldId, p: &Profile) -> Option<i128> {
        match f.value(p, 0) {
            Some(FieldValue::Whole(n)) => {
                self.figure(
                    l,
                    Figure {
                        field: Field::Of(f),
                        value: Shown::Num(Ratio::int(i128::from(n)), Unit::Count),
                    },
                );
                Some(i128::from(n))
            }
            _ => {
                self.miss(l, Field::Of(f));
                None
            }
        }
    }

    fn flag(&mut self, l: &mut Ledger, field: Field, v: Option<bool>) -> Option<bool> {
        match v {
            Some(b) => {
                self.figure(
                    l,
                    Figure {
                        field,
                        value: Shown::Bool(b),
                    },
                );
                Some(b)
            }
            None => {
                self.miss(l, field);
                None
            }
        }
    }

    /// A count made of parts: known parts add up; while some are missing the
    /// value is a lower bound and the missing answers stay listed, so a
    /// threshold the known parts already meet passes and any other stays
    /// unknown (never a fail on an unanswered part).
    fn partial_sum<const N: usize>(mut self, parts: [Option<i128>; N]) -> Computed {
        if parts.iter().all(Option::is_none) {
            return self;
        }
        let sum: i128 = parts.iter().flatten().sum();
        self.value = Some(Val::Num(Ratio::int(sum)));
        self
    }

    fn num(mut self, l: &mut Ledger, v: Option<Ratio>) -> Computed {
        self.value = v.map(Val::Num);
        if self.value.is_some() {
            self.clear_missing(l);
        }
        self
    }
}

/// A fraction `a / b`; `None` when `b` is zero (不适用, REFERENCE A18).
fn frac(a: i128, b: i128) -> Option<Ratio> {
    if b == 0 { None } else { Ratio::new(a, b) }
}

impl Metric {
    /// The unit the metric is expressed in, which a rule's `unit` must match.
    pub fn unit(self) -> Unit {
        use Metric::*;
        match self {
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit
            | RdSum2 | RdAvg2 | EquitySum2 | EquitySum3 | MainAvg3 => Unit::WanYuan,
            MainShare | RdRatio | RdCostRatio | DebtRatio | NetMargin | MainGrowth
            | MainGrowthAvg2 | RevenueCagr2 | MainGrowthAvg2Mean | MainGrowthAvg2Cagr
            | RevenueGrowth | RdStaffRatio | TechStaffRatio | ShareDomestic
            | ShareInternational => Unit::Percent,
            Employees | Class1Ip63 | Class1Ip2026 | Class1SelfDeveloped | Class1HighValue
            | Class1Applied63 | Class1Applied2026 | Class2Ip | Class2Ip115 | DomesticRank
            | GlobalRank | DigitalLevel => Unit::Count,
            SegmentYears | FieldYears => Unit::Years,
            PlatformScore | PlatformScoreBest2 => Unit::Points,
            RdInstitute => Unit::Choice,
            ProvinceItem => Unit::Choice,
            MinisterialInstitute => Unit::Bool,
            Answer(f) => f.kind().unit(),
        }
    }

    /// The profile amount behind a one-year amount metric.
    fn amt(self) -> Option<Amt> {
        Some(match self {
            Metric::Revenue => Amt::Revenue,
            Metric::MainRevenue => Amt::Main,
            Metric::RdExpense => Amt::Rd,
            Metric::TotalAssets => Amt::Assets,
            Metric::TotalLiabilities => Amt::Liabilities,
            Metric::NetProfit => Amt::Profit,
            _ => return None,
        })
    }

    /// Whether the metric is a title the firm holds.
    pub fn is_title(self) -> bool {
        matches!(self, Metric::Answer(f) if f.is_title())
    }

    /// Whether the metric can never be negative (its lowest band may start at 0).
    pub fn non_negative(self) -> bool {
        !matches!(
            self,
            Metric::NetProfit
                | Metric::NetMargin
                | Metric::MainGrowth
                | Metric::MainGrowthAvg2
                | Metric::RevenueCagr2
                | Metric::MainGrowthAvg2Mean
                | Metric::MainGrowthAvg2Cagr
                | Metric::RevenueGrowth
        )
    }

    /// Computes the metric for `year` (relative to Y).
    pub fn compute(
        self,
        ctx: &Ctx<'_>,
        rel_year: i32,
        item: Option<&str>,
        l: &mut Ledger,
    ) -> Computed {
        use Metric::*;
        let y = ctx.year + rel_year;
        match self {
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit
            | RdSum2 | RdAvg2 | EquitySum2 | EquitySum3 | MainAvg3 | MainShare | RdRatio
            | RdCostRatio | DebtRatio | NetMargin | MainGrowth | MainGrowthAvg2 | RevenueCagr2
            | MainGrowthAvg2Mean | MainGrowthAvg2Cagr | RevenueGrowth | RdStaffRatio
            | TechStaffRatio | ShareDomestic | ShareInternational => self.finance(ctx, y, l),
            Employees | Class1Ip63 | Class1SelfDeveloped | Class1Ip2026 | Class1HighValue
            | Class1Applied2026 | Class1Applied63 | Class2Ip | Class2Ip115 | DomesticRank
            | GlobalRank => self.counts(ctx.profile, l),
            DigitalLevel | SegmentYears | FieldYears | PlatformScore | PlatformScoreBest2
            | RdInstitute | MinisterialInstitute | ProvinceItem | Answer(_) => {
                self.answers(ctx, y, item, l)
            }
        }
    }

    /// The metric's value alone for `year` (relative to Y): its figures and
    /// missing fields are not kept.
    pub fn value(self, ctx: &Ctx<'_>, rel_year: i32, item: Option<&str>) -> Option<Val> {
        self.compute(ctx, rel_year, item, &mut Ledger::discarding())
            .value
    }

    /// Amounts and ratios of the year's figures.
    fn finance(self, ctx: &Ctx<'_>, y: i32, l: &mut Ledger) -> Computed {
        use Metric::*;
        let p = ctx.profile;
        let mut c = Computed::at(l);
        match self {
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit => {
                let v = self.amt().and_then(|a| c.amount(l, ctx, a, y));
                c.num(l, v.map(yuan_ratio).map(to_wan))
            }
            RdSum2 | RdAvg2 => {
                let a = c.amount(l, ctx, Amt::Rd, y - 1);
                let b = c.amount(l, ctx, Amt::Rd, y);
                let div = if self == RdAvg2 { 2 } else { 1 };
                let v = a.zip(b).and_then(|(a, b)| Ratio::new(a + b, div * 10_000));
                c.num(l, v)
            }
            EquitySum2 => {
                let a = c.amount(l, ctx, Amt::Equity, y - 1);
                let b = c.amount(l, ctx, Amt::Equity, y);
                c.num(l, a.zip(b).and_then(|(a, b)| Ratio::new(a + b, 10_000)))
            }
            EquitySum3 => {
                // 近三年: the three years before the application year, Y−3..Y−1
                // (REFERENCE A10); the application year does not count.
                let a = c.amount(l, ctx, Amt::Equity, y - 2);
                let b = c.amount(l, ctx, Amt::Equity, y - 1);
                let d = c.amount(l, ctx, Amt::Equity, y);
                let v = match (a, b, d) {
                    (Some(a), Some(b), Some(d)) => Ratio::new(a + b + d, 10_000),
                    _ => None,
                };
                c.num(l, v)
            }
            MainAvg3 => {
                let a = c.amount(l, ctx, Amt::Main, y - 2);
                let b = c.amount(l, ctx, Amt::Main, y - 1);
                let d = c.amount(l, ctx, Amt::Main, y);
                let v = match (a, b, d) {
                    (Some(a), Some(b), Some(d)) => Ratio::new(a + b + d, 30_000),
                    _ => None,
                };
                c.num(l, v)
            }
            MainShare => ratio_of(&mut c, l, ctx, Amt::Main, Amt::Revenue, y),
            RdRatio => ratio_of(&mut c, l, ctx, Amt::Rd, Amt::Revenue, y),
            RdCostRatio => ratio_of(&mut c, l, ctx, Amt::Rd, Amt::Cost, y),
            DebtRatio => ratio_of(&mut c, l, ctx, Amt::Liabilities, Amt::Assets, y),
            NetMargin => ratio_of(&mut c, l, ctx, Amt::Profit, Amt::Revenue, y),
            MainGrowth | RevenueGrowth | MainGrowthAvg2 | MainGrowthAvg2Mean
            | MainGrowthAvg2Cagr | RevenueCagr2 => self.growth(ctx, y, l),
            RdStaffRatio | TechStaffRatio => {
                let staff = if self == RdStaffRatio {
                    FieldId::RdStaff
                } else {
                    FieldId::TechStaff
                };
                let s = c.count(l, staff, p);
                let e = c.count(l, FieldId::Employees, p);
                c.num(l, s.zip(e).and_then(|(s, e)| frac(s, e)))
            }
            ShareDomestic | ShareInternational => {
                let (name, v) = if self == ShareDomestic {
                    (FieldId::ShareDomestic, p.market.share_domestic)
                } else {
                    (FieldId::ShareInternational, p.market.share_international)
                };
                match v {
                    Some(d) => {
                        c.figure(
                            l,
                            Figure {
                                field: Field::Of(name),
                                value: Shown::Num(d.0, Unit::Count),
                            },
                        );
                        c.num(l, Some(pct(d)))
                    }
                    None => {
                        c.miss(l, Field::Of(name));
                        c
                    }
                }
            }
            _ => c,
        }
    }

    /// Growth rates of the year's figures (and the other readings of A6 and A7).
    fn growth(self, ctx: &Ctx<'_>, y: i32, l: &mut Ledger) -> Computed {
        use Metric::*;
        let mut c = Computed::at(l);
        match self {
            MainGrowth | RevenueGrowth => {
                let a = if self == MainGrowth {
                    Amt::Main
                } else {
                    Amt::Revenue
                };
                let prev = c.amount(l, ctx, a, y - 1);
                let cur = c.amount(l, ctx, a, y);
                c.num(l, prev.zip(cur).and_then(|(a, b)| frac(b - a, a)))
            }
            MainGrowthAvg2Mean | MainGrowthAvg2Cagr => {
                let growth = if self == MainGrowthAvg2Mean {
                    GrowthFormula::Mean
                } else {
                    GrowthFormula::Cagr
                };
                let read = Ctx { growth, ..*ctx };
                MainGrowthAvg2.compute(&read, y - ctx.year, None, l)
            }
            MainGrowthAvg2 => {
                let m1 = c.amount(l, ctx, Amt::Main, y - 2);
                let m2 = c.amount(l, ctx, Amt::Main, y - 1);
                let m3 = c.amount(l, ctx, Amt::Main, y);
                let v = match (m1, m2, m3) {
                    (Some(m1), Some(m2), Some(m3)) => growth_avg2(ctx.growth, m1, m2, m3),
                    _ => None,
                };
                c.num(l, v)
            }
            RevenueCagr2 => {
                let r1 = c.amount(l, ctx, Amt::Revenue, y - 2);
                let _ = c.amount(l, ctx, Amt::Revenue, y - 1);
                let r3 = c.amount(l, ctx, Amt::Revenue, y);
                // The exact comparison is done on r3/r1 against (1+t)²; the
                // value shown is the square root, to four decimals.
                c.value = r1
                    .zip(r3)
                    .and_then(|(a, b)| frac(b, a))
                    .map(|q| Val::Num(sqrt_minus_one(q)));
                if c.value.is_some() {
                    c.clear_missing(l);
                }
                c
            }
            _ => c,
        }
    }

    /// Headcounts and intellectual property.
    fn counts(self, p: &Profile, l: &mut Ledger) -> Computed {
        use Metric::*;
        let mut c = Computed::at(l);
        match self {
            Employees => {
                let v = c.count(l, FieldId::Employees, p);
                c.num(l, v.map(Ratio::int))
            }
            Class1Ip63 => {
                let parts = [
                    c.count(l, FieldId::Class1SelfDeveloped, p),
                    c.count(l, FieldId::Class1OwnNotTop3, p),
                    c.count(l, FieldId::Class1TransferredIn, p),
                ];
                c.partial_sum(parts)
            }
            Class1SelfDeveloped => {
                let parts = [
                    c.count(l, FieldId::Class1SelfDeveloped, p),
                    c.count(l, FieldId::Class1OwnNotTop3, p),
                ];
                c.partial_sum(parts)
            }
            Class1Ip2026 => {
                let v = c.count(l, FieldId::Class1SelfDeveloped, p);
                c.num(l, v.map(Ratio::int))
            }
            Class1HighValue => {
                let v = c.count(l, FieldId::Class1HighValue, p);
                c.num(l, v.map(Ratio::int))
            }
            Class1Applied2026 => {
                let applied = c.count(l, FieldId::Class1Applied, p);
                let own = c.count(l, FieldId::Class1SelfDeveloped, p);
                c.num(l, applied.zip(own).map(|(a, h)| Ratio::int(a.min(h))))
            }
            Class1Applied63 => {
                // 63号附件3 counts applied Ⅰ类 rights of every kind 63号 counts:
                // own (any rank) and transferred in over a year ago (附件4).
                let parts = [
                    (FieldId::Class1Applied, FieldId::Class1SelfDeveloped),
                    (FieldId::Class1OwnNotTop3Applied, FieldId::Class1OwnNotTop3),
                    (
                        FieldId::Class1TransferredInApplied,
                        FieldId::Class1TransferredIn,
                    ),
                ];
                let parts = parts.map(|(applied, held)| {
                    let a = c.count(l, applied, p);
                    let h = c.count(l, held, p);
                    // Applied among held: a part is known once its applied count is.
                    a.map(|a| h.map_or(a, |h| a.min(h)))
                });
                c.partial_sum(parts)
            }
            Class2Ip => {
                let v = c.count(l, FieldId::Class2, p);
                c.num(l, v.map(Ratio::int))
            }
            Class2Ip115 => {
                let parts = [
                    c.count(l, FieldId::Class2, p),
                    c.count(l, FieldId::Class2Recent, p),
                ];
                c.partial_sum(parts)
            }
            DomesticRank => {
                let v = c.count(l, FieldId::DomesticRank, p);
                c.num(l, v.map(Ratio::int))
            }
            GlobalRank => {
                let v = c.count(l, FieldId::GlobalRank, p);
                c.num(l, v.map(Ratio::int))
            }
            _ => c,
        }
    }

    /// Other answers: ranks, levels, years, scores, choices, awards, yes/no.
    fn answers(self, ctx: &Ctx<'_>, y: i32, item: Option<&str>, l: &mut Ledger) -> Computed {
        use Metric::*;
        let p = ctx.profile;
        let mut c = Computed::at(l);
        match self {
            DigitalLevel => {
                let v = c.count(l, FieldId::DigitalLevel, p);
                if let (None, Some(d)) = (v, ctx.digital) {
                    // No platform level: the self-test's readings, from the lower one up.
                    let (lo, hi) = (d.by_score.min(d.by_scenes), d.by_score.max(d.by_scenes));
                    c.clear_missing(l);
                    c.figure(
                        l,
                        Figure {
                            field: Field::Of(FieldId::DigitalLevel),
                            value: Shown::Range(i64::from(lo), i64::from(hi)),
                        },
                    );
                    c.range = Some((i64::from(lo), i64::from(d.top.max(hi))));
                    c.estimated = true;
                }
                c.num(l, v.map(Ratio::int))
            }
            SegmentYears | FieldYears => {
                let (name, v) = if self == SegmentYears {
                    (FieldId::SegmentStart, &p.product.segment_start)
                } else {
                    (FieldId::FieldStart, &p.product.field_start)
                };
                match v.as_deref().and_then(parse_year_month) {
                    Some((sy, sm)) => {
                        c.figure(
                            l,
                            Figure {
                                field: Field::Of(name),
                                value: Shown::Month(sy, sm),
                            },
                        );
                        // Complete years from the first day of that month to
                        // 31 Dec of year `y` (A5: 截至上年末).
                        let months =
                            (i128::from(y) + 1 - i128::from(sy)) * 12 - (i128::from(sm) - 1);
                        c.num(l, Some(Ratio::int(months.max(0) / 12)))
                    }
                    None => {
                        c.miss(l, Field::Of(name));
                        c
                    }
                }
            }
            PlatformScore => match p.score(y) {
                Some(s) => {
                    c.figure(
                        l,
                        Figure {
                            field: Field::Year(y, FieldId::PlatformScore),
                            value: Shown::Num(s.0, Unit::Points),
                        },
                    );
                    c.num(l, Some(s.0))
                }
                None => {
                    c.miss(l, Field::Year(y, FieldId::PlatformScore));
                    c
                }
            },
            PlatformScoreBest2 => {
                let mut best: Option<Ratio> = None;
                for yy in [y - 1, y] {
                    if let Some(s) = p.score(yy) {
                        c.figure(
                            l,
                            Figure {
                                field: Field::Year(yy, FieldId::PlatformScore),
                                value: Shown::Num(s.0, Unit::Points),
                            },
                        );
                        best = Some(match best {
                            Some(b) if b.checked_cmp(s.0) != Some(std::cmp::Ordering::Less) => b,
                            _ => s.0,
                        });
                    } else {
                        c.miss(l, Field::Year(yy, FieldId::PlatformScore));
                    }
                }
                // One year known is enough only if it already passes; the
                // evaluator sees the best known value and the gap.
                c.value = best.map(Val::Num);
                c
            }
            RdInstitute | MinisterialInstitute | ProvinceItem | Answer(_) => {
                self.choices(ctx, item, l)
            }
            _ => c,
        }
    }

    /// Choices, provincial items, awards and yes/no answers.
    fn choices(self, ctx: &Ctx<'_>, item: Option<&str>, l: &mut Ledger) -> Computed {
        use Metric::*;
        let p = ctx.profile;
        let mut c = Computed::at(l);
        match self {
            RdInstitute => match p.rd_institute {
                Some(level) => {
                    c.figure(
                        l,
                        Figure {
                            field: Field::Of(FieldId::RdInstitute),
                            value: Shown::Key(level.key()),
                        },
                    );
                    c.value = Some(Val::Choice(Cow::Borrowed(level.key())));
                    c
                }
                None => {
                    c.miss(l, Field::Of(FieldId::RdInstitute));
                    c
                }
            },
            MinisterialInstitute => match p.rd_institute {
                Some(level) => {
                    c.figure(
                        l,
                        Figure {
                            field: Field::Of(FieldId::RdInstitute),
                            value: Shown::Key(level.key()),
                        },
                    );
                    use crate::profile::InstituteLevel as L;
                    c.value = Some(Val::Bool(matches!(level, L::National | L::Provincial)));
                    c
                }
                None => {
                    c.miss(l, Field::Of(FieldId::RdInstitute));
                    c
                }
            },
            ProvinceItem => {
                let key = item.unwrap_or_default();
                let name = Field::Item(key.into());
                match p.province_items.get(key) {
                    Some(PackAnswer::Flag(b)) => {
                        c.figure(
                            l,
                            Figure {
                                field: name,
                                value: Shown::Bool(*b),
                            },
                        );
                        c.value = Some(Val::Bool(*b));
                    }
                    Some(PackAnswer::Choice(s)) => {
                        c.figure(
                            l,
                            Figure {
                                field: name,
                                value: Shown::Text(s.as_str().into()),
                            },
                        );
                        c.value = Some(Val::Choice(Cow::Owned(s.clone())));
                    }
                    None => c.miss(l, name),
                }
                c
            }
            Answer(f) => {
                let v = c.flag(l, Field::Of(f), f.flag(p));
                c.value = v.map(Val::Bool);
                c
            }
            _ => c,
        }
    }

    /// The smallest change that makes `metric(year) op threshold` hold, in
    /// the user's units; `None` when no single input can be changed for it.
    pub fn change(self, ctx: &Ctx<'_>, rel_year: i32, op: Op, threshold: Ratio) -> Option<Change> {
        use Metric::*;
        match self {
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit
            | RdSum2 | RdAvg2 | EquitySum2 | EquitySum3 | MainAvg3 | MainShare | RdRatio
            | RdCostRatio | DebtRatio | NetMargin | MainGrowth | MainGrowthAvg2 | RevenueCagr2
            | RdStaffRatio | TechStaffRatio => self.finance_change(ctx, rel_year, op, threshold),
            ShareDomestic | ShareInternational | PlatformScore | PlatformScoreBest2 | Employees
            | Class1Ip63 | Class1Ip2026 | Class1SelfDeveloped | Class1HighValue
            | Class1Applied63 | Class1Applied2026 | Class2Ip | Class2Ip115 | DomesticRank
            | GlobalRank | DigitalLevel | SegmentYears | FieldYears => {
                count_change(self, ctx, rel_year, op, threshold)
            }
            // Yes/no answers and choices have no number to move: the gap plan
            // names the answer itself; another reading of a definition is
            // never the one a gap plan moves.
            MainGrowthAvg2Mean | MainGrowthAvg2Cagr | RevenueGrowth | Answer(_)
            | MinisterialInstitute | RdInstitute | ProvinceItem => None,
        }
    }

    /// The change of a year's figure (or a headcount) that meets a threshold
    /// on an amount or a ratio.
    fn finance_change(
        self,
        ctx: &Ctx<'_>,
        rel_year: i32,
        op: Op,
        threshold: Ratio,
    ) -> Option<Change> {
        use Metric::*;
        let y = ctx.year + rel_year;
        let get = |a: Amt, yy: i32| ctx.year_figures(yy).and_then(|f| a.get(f)).map(Dec::yuan);
        // Threshold in 元 for amount metrics.
        let t_yuan = || threshold.checked_mul(Ratio::int(10_000));
        match self {
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit => {
                let a = self.amt()?;
                amount_change(a, y, get(a, y), bound(t_yuan()?, op)?).map(|mut c| {
                    c.limit = Some(threshold);
                    c
                })
            }
            RdSum2 | RdAvg2 | EquitySum2 => {
                let (a, mult) = match self {
                    RdSum2 => (Amt::Rd, 1),
                    RdAvg2 => (Amt::Rd, 2),
                    _ => (Amt::Equity, 1),
                };
                let other = get(a, y - 1)?;
                let need_total = bound(t_yuan()?.checked_mul(Ratio::int(mult))?, op)?;
                amount_change(a, y, get(a, y), need_total - other)
            }
            EquitySum3 => {
                let a = get(Amt::Equity, y - 2)?;
                let b = get(Amt::Equity, y - 1)?;
                let need = bound(t_yuan()?, op)? - a - b;
                amount_change(Amt::Equity, y, get(Amt::Equity, y), need)
            }
            MainAvg3 => {
                let a = get(Amt::Main, y - 2)?;
                let b = get(Amt::Main, y - 1)?;
                let need = bound(t_yuan()?.checked_mul(Ratio::int(3))?, op)? - a - b;
                amount_change(Amt::Main, y, get(Amt::Main, y), need)
            }
            RdRatio | RdCostRatio | NetMargin | DebtRatio | MainShare | MainGrowth
            | MainGrowthAvg2 | RevenueCagr2 | RdStaffRatio | TechStaffRatio => {
                self.ratio_change(ctx, rel_year, op, threshold)
            }
            _ => None,
        }
    }

    /// The change of a year's figure (or a headcount) that meets a threshold on a ratio.
    fn ratio_change(
        self,
        ctx: &Ctx<'_>,
        rel_year: i32,
        op: Op,
        threshold: Ratio,
    ) -> Option<Change> {
        use Metric::*;
        let y = ctx.year + rel_year;
        let get = |a: Amt, yy: i32| ctx.year_figures(yy).and_then(|f| a.get(f)).map(Dec::yuan);
        match self {
            RdRatio | RdCostRatio | NetMargin => {
                let (num, den) = match self {
                    RdRatio => (Amt::Rd, Amt::Revenue),
                    RdCostRatio => (Amt::Rd, Amt::Cost),
                    _ => (Amt::Profit, Amt::Revenue),
                };
                let d = get(den, y)?;
                let need = bound(threshold.checked_mul(Ratio::int(d))?, op)?;
                amount_change(num, y, get(num, y), need).map(|c| with_goal(c, threshold))
            }
            DebtRatio => {
                let assets = get(Amt::Assets, y)?;
                let need = bound(threshold.checked_mul(Ratio::int(assets))?, op)?;
                amount_change(Amt::Liabilities, y, get(Amt::Liabilities, y), need)
                    .map(|c| with_goal(c, threshold))
            }
            MainShare => {
                // Grow main-business revenue; total revenue grows by as much.
                let m = get(Amt::Main, y)?;
                let r = get(Amt::Revenue, y)?;
                let one_minus = Ratio::ONE.checked_sub(threshold)?;
                if !op.upward() || one_minus.num() <= 0 {
                    return None;
                }
                let gap = threshold
                    .checked_mul(Ratio::int(r))?
                    .checked_sub(Ratio::int(m))?
                    .checked_div(one_minus)?;
                let delta = bound(gap, op)?.max(0);
                Some(Change {
                    field: field(Amt::Main, y),
                    unit: Unit::WanYuan,
                    current: Some(wan(m)),
                    target: wan(m + delta),
                    delta: Some(wan(delta)),
                    size: size_of(Ratio::int(delta), Ratio::int(m + delta)),
                    limit: None,
                    how: How::MainShare { goal: threshold },
                })
            }
            MainGrowth | MainGrowthAvg2 | RevenueCagr2 | RdStaffRatio | TechStaffRatio => {
                self.growth_change(ctx, rel_year, op, threshold)
            }
            _ => None,
        }
    }

    /// The change that meets a threshold on a growth rate or a staff share.
    fn growth_change(
        self,
        ctx: &Ctx<'_>,
        rel_year: i32,
        op: Op,
        threshold: Ratio,
    ) -> Option<Change> {
        use Metric::*;
        let p = ctx.profile;
        let y = ctx.year + rel_year;
        let get = |a: Amt, yy: i32| ctx.year_figures(yy).and_then(|f| a.get(f)).map(Dec::yuan);
        match self {
            MainGrowth => {
                let prev = get(Amt::Main, y - 1)?;
                let need = bound(
                    Ratio::ONE
                        .checked_add(threshold)?
                        .checked_mul(Ratio::int(prev))?,
                    op,
                )?;
                amount_change(Amt::Main, y, get(Amt::Main, y), need)
                    .map(|c| with_goal(c, threshold))
            }
            MainGrowthAvg2 => {
                let m1 = get(Amt::Main, y - 2)?;
                let m2 = get(Amt::Main, y - 1)?;
                let need = match ctx.growth {
                    GrowthFormula::Mean => {
                        // (g1 + g2)/2 >= t  ⇔  m3 >= m2·(1 + 2t − g1)
                        let g1 = frac(m2 - m1, m1)?;
                        let factor = Ratio::ONE
                            .checked_add(threshold.checked_mul(Ratio::int(2))?)?
                            .checked_sub(g1)?;
                        factor.checked_mul(Ratio::int(m2))?
                    }
                    GrowthFormula::Cagr => {
                        let f = Ratio::ONE.checked_add(threshold)?;
                        f.checked_mul(f)?.checked_mul(Ratio::int(m1))?
                    }
                };
                amount_change(Amt::Main, y, get(Amt::Main, y), bound(need, op)?)
                    .map(|c| with_goal(c, threshold))
            }
            RevenueCagr2 => {
                let r1 = get(Amt::Revenue, y - 2)?;
                let f = Ratio::ONE.checked_add(threshold)?;
                let need = bound(f.checked_mul(f)?.checked_mul(Ratio::int(r1))?, op)?;
                amount_change(Amt::Revenue, y, get(Amt::Revenue, y), need)
                    .map(|c| with_goal(c, threshold))
            }
            RdStaffRatio | TechStaffRatio => {
                let (id, s) = if self == RdStaffRatio {
                    (FieldId::RdStaff, p.staff.rd_staff?)
                } else {
                    (FieldId::TechStaff, p.staff.tech_staff?)
                };
                let e = p.staff.employees?;
                if !op.upward() {
                    return None;
                }
                // New hires count in both: (s+Δ)/(e+Δ) >= t  ⇔  Δ >= (t·e − s)/(1 − t)
                let one_minus = Ratio::ONE.checked_sub(threshold)?;
                if one_minus.num() <= 0 {
                    return None;
                }
                let gap = threshold
                    .checked_mul(Ratio::int(i128::from(e)))?
                    .checked_sub(Ratio::int(i128::from(s)))?
                    .checked_div(one_minus)?;
                let delta = bound(gap, op)?.max(0);
                let target = i128::from(s) + delta;
                Some(Change {
                    field: Field::Of(id),
                    unit: Unit::Count,
                    current: Some(Ratio::int(i128::from(s))),
                    target: Ratio::int(target),
                    delta: Some(Ratio::int(delta)),
                    size: size_of(Ratio::int(delta), Ratio::int(target)),
                    limit: None,
                    how: How::Hire { goal: threshold },
                })
            }
            _ => None,
        }
    }

    /// What a count metric counts, in zh and en (a noun for the words of a
    /// change); empty for the metrics whose changes name their input field.
    pub fn noun(self) -> (&'static str, &'static str) {
        use Metric::*;
        match self {
            ShareDomestic => ("国内细分市场占有率", "domestic market share"),
            ShareInternational => ("国际细分市场占有率", "international market share"),
            PlatformScore | PlatformScoreBest2 => {
                ("专精特新发展评价得分", "SRDI development score")
            }
            Employees => ("从业人员", "employees"),
            Class1Ip63 => (
                "Ⅰ类知识产权（63号口径：自主申请及受让满1年）",
                "Class I IP rights (No. 63: own applications and rights transferred in over a year ago)",
            ),
            Class1SelfDeveloped => (
                "自主申请取得的Ⅰ类知识产权（不限排名）",
                "Class I IP rights by the firm's own application (any rank)",
            ),
            Class1Ip2026 => (
                "自主申请、本企业排名前三的Ⅰ类知识产权（不含受让）",
                "Class I IP rights by own application with the firm among the first three holders (none transferred in)",
            ),
            Class2Ip115 => (
                "Ⅱ类知识产权（高企口径）",
                "Class II IP rights (high-tech enterprise definition)",
            ),
            Class1HighValue => ("Ⅰ类高价值知识产权", "high-value Class I IP rights"),
            Class1Applied63 | Class1Applied2026 => (
                "实际应用并产生经济效益的Ⅰ类知识产权",
                "Class I IP rights applied with economic benefit",
            ),
            Class2Ip => ("Ⅱ类知识产权", "Class II IP rights"),
            DomesticRank => ("国内细分市场排名", "domestic market rank"),
            GlobalRank => ("全球细分市场排名", "global market rank"),
            DigitalLevel => ("数字化水平等级", "digital maturity level"),
            SegmentYears => ("从事特定细分市场年限", "years in the market segment"),
            FieldYears => ("从事相关领域年限", "years in the field"),
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit
            | RdSum2 | RdAvg2 | EquitySum2 | EquitySum3 | MainAvg3 | MainShare | RdRatio
            | RdCostRatio | DebtRatio | NetMargin | MainGrowth | MainGrowthAvg2 | RevenueCagr2
            | MainGrowthAvg2Mean | MainGrowthAvg2Cagr | RevenueGrowth | RdStaffRatio
            | TechStaffRatio | MinisterialInstitute | RdInstitute | ProvinceItem | Answer(_) => {
                ("", "")
            }
        }
    }

    /// The input a change of this count metric moves; `None` for the
    /// metrics whose changes are computed elsewhere.
    pub fn input(self) -> Option<FieldId> {
        use Metric::*;
        match self {
            ShareDomestic => Some(FieldId::ShareDomestic),
            ShareInternational => Some(FieldId::ShareInternational),
            PlatformScore | PlatformScoreBest2 => Some(FieldId::PlatformScore),
            Employees => Some(FieldId::Employees),
            Class1Ip63 => Some(FieldId::Class1SelfDeveloped),
            Class1SelfDeveloped => Some(FieldId::Class1SelfDeveloped),
            Class1Ip2026 => Some(FieldId::Class1SelfDeveloped),
            Class2Ip115 => Some(FieldId::Class2Recent),
            Class1HighValue => Some(FieldId::Class1HighValue),
            Class1Applied63 | Class1Applied2026 => Some(FieldId::Class1Applied),
            Class2Ip => Some(FieldId::Class2),
            DomesticRank => Some(FieldId::DomesticRank),
            GlobalRank => Some(FieldId::GlobalRank),
            DigitalLevel => Some(FieldId::DigitalLevel),
            SegmentYears => Some(FieldId::SegmentStart),
            FieldYears => Some(FieldId::FieldStart),
            Revenue | MainRevenue | RdExpense | TotalAssets | TotalLiabilities | NetProfit
            | RdSum2 | RdAvg2 | EquitySum2 | EquitySum3 | MainAvg3 | MainShare | RdRatio
            | RdCostRatio | DebtRatio | NetMargin | MainGrowth | MainGrowthAvg2 | RevenueCagr2
            | MainGrowthAvg2Mean | MainGrowthAvg2Cagr | RevenueGrowth | RdStaffRatio
            | TechStaffRatio | MinisterialInstitute | RdInstitute | ProvinceItem | Answer(_) => {
                None
            }
        }
    }
}

/// `|delta| / |target|` in thousandths, capped at 1000.
fn size_of(delta: Ratio, target: Ratio) -> u32 {
    let abs = |r: Ratio| {
        if r.is_negative() {
            Ratio::ZERO.checked_sub(r).unwrap_or(r)
        } else {
            r
        }
    };
    if target.num() == 0 {
        return 1000;
    }
    abs(delta)
        .checked_mul(Ratio::int(1000))
        .and_then(|x| x.checked_div(abs(target)))
        .map(|x| u32::try_from(x.ceil().clamp(0, 1000)).unwrap_or(1000))
        .unwrap_or(1000)
}

/// Rounds a needed exact bound to the smallest (or largest) whole unit that satisfies `op`.
fn bound(need: Ratio, op: Op) -> Option<i128> {
    Some(match op {
        Op::Ge => need.ceil(),
        Op::Gt => need.floor() + 1,
        Op::Le => need.floor(),
        Op::Lt => need.ceil() - 1,
    })
}

fn to_wan(yuan: Ratio) -> Ratio {
    yuan.checked_div(Ratio::int(10_000)).unwrap_or(Ratio::ZERO)
}

fn ratio_of(
    c: &mut Computed,
    l: &mut Ledger,
    ctx: &Ctx<'_>,
    num: Amt,
    den: Amt,
    y: i32,
) -> Computed {
    let a = c.amount(l, ctx, num, y);
    let b = c.amount(l, ctx, den, y);
    let mut out = std::mem::take(c);
    out.value = a.zip(b).and_then(|(a, b)| frac(a, b)).map(Val::Num);
    if out.value.is_some() {
        out.clear_missing(l);
    }
    out
}

/// Mean of two growth rates, or the 2-year CAGR (shown as an approximation of
/// the root; comparisons use [`growth_meets`]).
fn growth_avg2(f: GrowthFormula, m1: i128, m2: i128, m3: i128) -> Option<Ratio> {
    match f {
        GrowthFormula::Mean => {
            let g1 = frac(m2 - m1, m1)?;
            let g2 = frac(m3 - m2, m2)?;
            g1.checked_add(g2)?.checked_div(Ratio::int(2))
        }
        GrowthFormula::Cagr => frac(m3, m1).map(sqrt_minus_one),
    }
}

/// `sqrt(q) − 1` to 1e-6, by integer square root; used only for values that
/// are compared through their square (see `compare_cagr`).
fn sqrt_minus_one(q: Ratio) -> Ratio {
    if q.is_negative() {
        return Ratio::int(-1);
    }
    const S: i128 = 1_000_000;
    let scaled = q
        .checked_mul(Ratio::int(S * S))
        .map(|x| x.floor())
        .unwrap_or(0);
    let root = isqrt(scaled);
    Ratio::new(root - S, S).unwrap_or(Ratio::ZERO)
}

fn isqrt(n: i128) -> i128 {
    if n <= 0 {
        return 0;
    }
    let mut x = n;
    let mut y = (x + 1) / 2;
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    x
}

/// Whether [`compare_cagr`] tests `metric` under `growth` (a compound rate,
/// compared as `r3/r1 op (1+t)²`), rather than its value.
pub(crate) fn is_compound(metric: Metric, growth: GrowthFormula) -> bool {
    matches!(
        (metric, growth),
        (Metric::RevenueCagr2, _)
            | (Metric::MainGrowthAvg2, GrowthFormula::Cagr)
            | (Metric::MainGrowthAvg2Cagr, _)
    )
}

/// Exact test of a CAGR-type metric against a threshold: `r3/r1 op (1+t)²`.
/// Returns `None` when the metric is not a CAGR or a figure is missing.
pub fn compare_cagr(
    metric: Metric,
    ctx: &Ctx<'_>,
    rel_year: i32,
    op: Op,
    t: Ratio,
) -> Option<bool> {
    let y = ctx.year + rel_year;
    let (a, base_year) = match (metric, ctx.growth) {
        (Metric::RevenueCagr2, _) => (Amt::Revenue, y - 2),
        (Metric::MainGrowthAvg2, GrowthFormula::Cagr) | (Metric::MainGrowthAvg2Cagr, _) => {
            (Amt::Main, y - 2)
        }
        _ => return None,
    };
    let r1 = ctx.year_figures(base_year).and_then(|f| a.get(f))?.yuan();
    let r3 = ctx.year_figures(y).and_then(|f| a.get(f))?.yuan();
    let q = frac(r3, r1)?;
    let f = Ratio::ONE.checked_add(t)?;
    // (1+t) may be negative only for t < −100%, which no rule uses.
    let need = f.checked_mul(f)?;
    let ord = q.checked_cmp(need)?;
    Some(match op {
        Op::Ge => ord.is_ge(),
        Op::Gt => ord.is_gt(),
        Op::Le => ord.is_le(),
        Op::Lt => ord.is_lt(),
    })
}

fn amount_change(a: Amt, y: i32, current: Option<i128>, need: i128) -> Option<Change> {
    let cur = current?;
    let delta = need - cur;
    if delta == 0 {
        return None;
    }
    Some(Change {
        field: field(a, y),
        unit: Unit::WanYuan,
        current: Some(wan(cur)),
        target: wan(need),
        delta: Some(wan(delta)),
        size: size_of(Ratio::int(delta), Ratio::int(need)),
        limit: None,
        how: How::Amount { goal: None },
    })
}

/// The same change, saying the ratio it reaches.
fn with_goal(mut c: Change, t: Ratio) -> Change {
    c.how = How::Amount { goal: Some(t) };
    c
}

/// A whole number of rights or years (far below `i64::MAX`) as `i64`.
fn small(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whole 元 as exact 万元.
fn wan(yuan: i128) -> Ratio {
    Ratio::new(yuan, 10_000).unwrap_or(Ratio::ZERO)
}

fn count_change(m: Metric, ctx: &Ctx<'_>, rel_year: i32, op: Op, t: Ratio) -> Option<Change> {
    if matches!(m, Metric::Class1Applied63 | Metric::Class1Applied2026) {
        return applied_ip_change(m, ctx, op, t);
    }
    let input = m.input()?;
    let field = if input.yearly() {
        Field::Year(ctx.year + rel_year, input)
    } else {
        Field::Of(input)
    };
    let current = match m.value(ctx, rel_year, None) {
        Some(Val::Num(v)) => Some(v),
        _ => None,
    };
    let unit = m.unit();
    // Smallest whole step for counts, years and ranks; exact value otherwise.
    let step = match unit {
        Unit::Percent => Ratio::new(1, 10_000),
        _ => Ratio::new(1, 100),
    };
    let target = match (unit, op) {
        // Strictly above (below): one hundredth of a point or percent more (less).
        (Unit::Percent | Unit::Points, Op::Gt) => t.checked_add(step?)?,
        (Unit::Percent | Unit::Points, Op::Lt) => t.checked_sub(step?)?,
        (Unit::Percent | Unit::Points, _) => t,
        (_, op) => Ratio::int(bound(t, op)?),
    };
    let delta = current.and_then(|c| target.checked_sub(c));
    let how = match m {
        Metric::SegmentYears | Metric::FieldYears => {
            let need = bound(t, op)?;
            let have = current.map(|c| c.floor()).unwrap_or(0);
            let wait = need - have;
            How::Wait {
                metric: m,
                wait: small(wait),
                year: i64::from(ctx.year) + small(wait),
            }
        }
        Metric::DomesticRank | Metric::GlobalRank => How::Rank { metric: m },
        _ => How::Reach { metric: m },
    };
    Some(Change {
        field,
        unit,
        current,
        target,
        delta,
        size: delta.map(|d| size_of(d, target)).unwrap_or(1000),
        // A headcount compared as it is: the rule's own line.
        limit: (m == Metric::Employees).then_some(t),
        how,
    })
}

/// Ⅰ类 rights applied with benefit = min(applied, held): raise whichever binds.
/// When the firm holds too few rights, new ones are needed (and must be applied).
fn applied_ip_change(m: Metric, ctx: &Ctx<'_>, op: Op, t: Ratio) -> Option<Change> {
    let ip = &ctx.profile.ip;
    let n = |v: Option<u32>| i128::from(v.unwrap_or(0));
    let own = i128::from(ip.class1_self_developed?);
    let (held, applied) = if m == Metric::Class1Applied63 {
        (
            own + n(ip.class1_own_not_top3) + n(ip.class1_transferred_in),
            n(ip.class1_applied)
                + n(ip.class1_own_not_top3_applied)
                + n(ip.class1_transferred_in_applied),
        )
    } else {
        (own, i128::from(ip.class1_applied?))
    };
    let need = bound(t, op)?;
    // The change goes to the field the firm can act on; the words name the
    // total the rule counts (63号 adds own rights of any rank and rights
    // transferred in over a year ago).
    let (field, current, delta, how) = if held < need {
        (
            FieldId::Class1SelfDeveloped,
            own,
            need - held,
            How::Class1Held { held: small(held) },
        )
    } else if applied < need {
        (
            FieldId::Class1Applied,
            n(ip.class1_applied),
            need - applied,
            How::Class1Applied {
                applied: small(applied),
            },
        )
    } else {
        return None;
    };
    Some(Change {
        field: Field::Of(field),
        unit: Unit::Count,
        current: Some(Ratio::int(current)),
        target: Ratio::int(current + delta),
        delta: Some(Ratio::int(delta)),
        size: size_of(Ratio::int(delta), Ratio::int(need)),
        limit: None,
        how,
    })
}

/// Whether the firm has an award of one of the kinds in `of` dated within
/// `within_years` years before the application year (Y − n … Y). A missing
/// rank is unknown, not a fail: the award counts if its rank turns out to be
/// good enough (rank 1 is the best case), and the result names the answer.
pub fn awards_held(
    ctx: &Ctx<'_>,
    within_years: i32,
    of: &[crate::rules::AwardRule],
    l: &mut Ledger,
) -> Computed {
    let mut c = Computed::at(l);
    let Some(awards) = &ctx.profile.awards else {
        c.miss(l, Field::Of(FieldId::Awards));
        return c;
    };
    c.figure(
        l,
        Figure {
            field: Field::Of(FieldId::Awards),
            value: Shown::Awards(awards.len()),
        },
    );
    let y = ctx.year;
    let holds = |a: &crate::profile::Award, rank: u32| {
        a.year >= y - within_years
            && a.year <= y
            && of
                .iter()
                .any(|r| r.level == a.level && r.max_rank.is_none_or(|m| rank <= m))
    };
    let hit = awards.iter().any(|a| holds(a, a.rank.unwrap_or(u32::MAX)));
    let open: Vec<usize> = awards
        .iter()
        .enumerate()
        .filter(|(_, a)| a.rank.is_none() && holds(a, 1) && !holds(a, u32::MAX))
        .map(|(i, _)| i)
        .collect();
    if hit || open.is_empty() {
        c.value = Some(Val::Bool(hit));
    } else {
        for i in open {
            c.miss(l, Field::AwardRank(i));
        }
    }
    c
}
