//! The profile's field table: the single source of truth for every answer a
//! profile holds.
//!
//! One row per field: where it sits in `srdi-profile/1` (its path), what kind
//! of answer it takes (which gives its Rust type, its unit, its allowed range
//! and its reader), and what it is called on screen in zh and en. From the
//! table come the profile's section structs (with serde's derive for writing
//! and as a test oracle), their strict hand reader, the typed id [`FieldId`]
//! with its path, labels and value, the range checks of
//! [`crate::Profile::validate`], and the generic yes/no metric (a rule file
//! names a field by its path: `"metric": "base.registered_in_china"`). A test
//! checks the JSON Schema against it.
//!
//! Adding a field is one row here; a rule then names it by its path.

use serde::{Deserialize, Serialize};

use crate::json::Value;
use crate::metrics::Metric;
use crate::num::Ratio;
use crate::profile::{Dec, Profile, parse_year_month};
use crate::rules::{Node, NodeKind, RuleBook, Scoring};

/// What kind of answer a field takes: its type, unit and allowed range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Yes/no.
    Flag,
    /// A whole number from 0 (people, rights).
    Count,
    /// A rank, from 1 (first).
    Rank,
    /// An amount in 万元, not negative.
    WanYuan,
    /// An amount in 万元 that may be negative (a loss).
    SignedWanYuan,
    /// A percentage from 0 to 100.
    Percent,
    /// A level from 0 to 4 (0 = below level one or not assessed).
    Level,
    /// A year a title was granted, 2011–2100.
    TitleYear,
    /// A month written `YYYY-MM`.
    Month,
    /// One of a list of keys.
    Choice,
    /// Points of a score, 0–100, by year.
    Points,
    /// A list of awards.
    Awards,
}

/// A field's value, borrowed from the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// A yes/no answer.
    Flag(bool),
    /// A count, rank or level.
    Whole(u32),
    /// An exact decimal: an amount in 万元, a percentage or points.
    Dec(Dec),
    /// A year.
    Year(i32),
    /// Text: a month `YYYY-MM` or a choice's key.
    Text(&'a str),
}

/// An answer read from a file, before it is stored in its section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    Flag(bool),
    Whole(u32),
    Level(u8),
    Dec(Dec),
    Year(i32),
    Text(String),
}

/// A Rust type a field can hold, read strictly from JSON.
pub(crate) trait FieldType: Sized {
    /// Reads the value; the error says what was expected.
    fn read(v: &Value) -> Result<Self, &'static str>;
    fn view(&self) -> FieldValue<'_>;
    /// The value of an answer read for a field of this type.
    fn take(a: Answer) -> Option<Self>;
}

/// A section of the profile (`base`, `staff`, a year's figures …): its keys
/// and their kinds, from the field table. Read by one loop
/// ([`crate::decode`]), not by code per field.
pub(crate) trait Section {
    /// The kind of the answer at `key`; `None` for a key the section has not.
    fn kind_of(&self, key: &str) -> Option<FieldKind>;
    /// Stores an answer read for `key` with that key's kind.
    fn set(&mut self, key: &str, a: Answer);
}

/// Reads an answer of `kind` strictly.
pub(crate) fn read_answer(kind: FieldKind, v: &Value) -> Result<Answer, &'static str> {
    Ok(match kind {
        FieldKind::Flag => Answer::Flag(bool::read(v)?),
        FieldKind::Count | FieldKind::Rank => Answer::Whole(u32::read(v)?),
        FieldKind::Level => Answer::Level(u8::read(v)?),
        FieldKind::TitleYear => Answer::Year(i32::read(v)?),
        FieldKind::WanYuan | FieldKind::SignedWanYuan | FieldKind::Percent => {
            Answer::Dec(Dec::read(v)?)
        }
        FieldKind::Month => Answer::Text(String::read(v)?),
        FieldKind::Choice | FieldKind::Points | FieldKind::Awards => {
            return Err("is not a plain answer");
        }
    })
}

impl FieldType for bool {
    fn take(a: Answer) -> Option<bool> {
        match a {
            Answer::Flag(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<bool, &'static str> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err("expected true or false"),
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Flag(*self)
    }
}

impl FieldType for u32 {
    fn take(a: Answer) -> Option<u32> {
        match a {
            Answer::Whole(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<u32, &'static str> {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("expected a whole number from 0")
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Whole(*self)
    }
}

impl FieldType for u8 {
    fn take(a: Answer) -> Option<u8> {
        match a {
            Answer::Level(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<u8, &'static str> {
        v.as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .ok_or("expected a whole number from 0 to 255")
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Whole(u32::from(*self))
    }
}

impl FieldType for i32 {
    fn take(a: Answer) -> Option<i32> {
        match a {
            Answer::Year(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<i32, &'static str> {
        v.as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .ok_or("expected a year such as 2023")
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Year(*self)
    }
}

impl FieldType for String {
    fn take(a: Answer) -> Option<String> {
        match a {
            Answer::Text(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<String, &'static str> {
        v.as_str().map(str::to_string).ok_or("expected text")
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Text(self)
    }
}

impl FieldType for Dec {
    fn take(a: Answer) -> Option<Dec> {
        match a {
            Answer::Dec(b) => Some(b),
            _ => None,
        }
    }
    fn read(v: &Value) -> Result<Dec, &'static str> {
        let parsed = match v {
            Value::String(s) => Dec::parse(s).ok(),
            Value::Number(n) => n.plain().and_then(|p| Dec::parse(&p).ok()),
            _ => None,
        };
        parsed.ok_or("expected a decimal number with at most four decimals")
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Dec(*self)
    }
}

impl FieldKind {
    /// Why `v` is out of this kind's range, if it is.
    pub fn out_of_range(self, v: FieldValue<'_>) -> Option<&'static str> {
        let pct = |d: Dec| {
            d.0.is_negative()
                || d.0.checked_cmp(Ratio::int(100)) == Some(std::cmp::Ordering::Greater)
        };
        match (self, v) {
            (FieldKind::WanYuan, FieldValue::Dec(d)) if d.0.is_negative() => {
                Some("cannot be negative")
            }
            (FieldKind::Percent, FieldValue::Dec(d)) if pct(d) => {
                Some("must be a percentage between 0 and 100")
            }
            (FieldKind::Points, FieldValue::Dec(d)) if pct(d) => Some("must be between 0 and 100"),
            (FieldKind::Level, FieldValue::Whole(n)) if n > 4 => Some("must be 0 to 4"),
            (FieldKind::TitleYear, FieldValue::Year(y)) if !(2011..=2100).contains(&y) => {
                Some("is not a plausible year")
            }
            (FieldKind::Rank, FieldValue::Whole(0)) => Some("ranks start at 1"),
            (FieldKind::Month, FieldValue::Text(s)) if parse_year_month(s).is_none() => {
                Some("must be a month written YYYY-MM")
            }
            _ => None,
        }
    }

    /// The unit rule files and results use for this kind.
    pub fn unit(self) -> crate::metrics::Unit {
        use crate::metrics::Unit;
        match self {
            FieldKind::Flag => Unit::Bool,
            FieldKind::Count | FieldKind::Rank | FieldKind::Level | FieldKind::Awards => {
                Unit::Count
            }
            FieldKind::WanYuan | FieldKind::SignedWanYuan => Unit::WanYuan,
            FieldKind::Percent => Unit::Percent,
            FieldKind::TitleYear | FieldKind::Month => Unit::Years,
            FieldKind::Choice => Unit::Choice,
            FieldKind::Points => Unit::Points,
        }
    }
}

/// The Rust type of a field of kind `$kind`.
macro_rules! field_type {
    (Flag) => {
        bool
    };
    (Count) => {
        u32
    };
    (Rank) => {
        u32
    };
    (WanYuan) => {
        Dec
    };
    (SignedWanYuan) => {
        Dec
    };
    (Percent) => {
        Dec
    };
    (Level) => {
        u8
    };
    (TitleYear) => {
        i32
    };
    (Month) => {
        String
    };
}

/// The table: sections of plain fields (each becomes a struct of optional
/// answers), then the fields whose shape is their own (kept by hand in
/// [`crate::profile::Profile`]).
macro_rules! field_table {
    (
        $(
            $(#[$smeta:meta])*
            section $Sect:ident at $prefix:literal, yearly $yearly:literal, via ($p:ident, $y:ident) $acc:expr => {
                $(
                    $(#[$fmeta:meta])*
                    $Id:ident $f:ident : $kind:ident, $zh:literal, $en:literal;
                )*
            }
        )*
        own {
            $( $(#[$xmeta:meta])* $XId:ident $xpath:literal : $xkind:ident, yearly $xyearly:literal, $xzh:literal, $xen:literal; )*
        }
    ) => {
        $(
            $(#[$smeta])*
            #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
            #[serde(deny_unknown_fields, default)]
            pub struct $Sect {
                $(
                    $(#[$fmeta])*
                    #[serde(skip_serializing_if = "Option::is_none")]
                    pub $f: Option<field_type!($kind)>,
                )*
            }

            impl Section for $Sect {
                fn kind_of(&self, key: &str) -> Option<FieldKind> {
                    match key {
                        $( stringify!($f) => Some(FieldKind::$kind), )*
                        _ => None,
                    }
                }

                fn set(&mut self, key: &str, a: Answer) {
                    match key {
                        $( stringify!($f) => self.$f = FieldType::take(a), )*
                        _ => {}
                    }
                }
            }
        )*

        /// Every field of the profile, by one English name each (GLOSSARY.md).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId {
            $( $( $(#[$fmeta])* $Id, )* )*
            $( $(#[$xmeta])* $XId, )*
        }

        impl FieldId {
            /// Every field, in the profile's order.
            pub const ALL: &'static [FieldId] = &[
                $( $( FieldId::$Id, )* )*
                $( FieldId::$XId, )*
            ];

            /// The section the field sits in (`years` for yearly figures) and
            /// its own key; the key is empty for a top-level field.
            pub fn parts(self) -> (&'static str, &'static str) {
                match self {
                    $( $( FieldId::$Id => ($prefix, stringify!($f)), )* )*
                    $( FieldId::$XId => ($xpath, ""), )*
                }
            }

            /// Whether the field is kept per fiscal year (`years.2025.revenue`).
            pub fn yearly(self) -> bool {
                match self {
                    $( $( FieldId::$Id => $yearly, )* )*
                    $( FieldId::$XId => $xyearly, )*
                }
            }

            /// The field's kind, which gives its type, unit, range and reader.
            pub fn kind(self) -> FieldKind {
                match self {
                    $( $( FieldId::$Id => FieldKind::$kind, )* )*
                    $( FieldId::$XId => FieldKind::$xkind, )*
                }
            }

            /// What the field is called on screen: (zh, en).
            pub fn label(self) -> (&'static str, &'static str) {
                match self {
                    $( $( FieldId::$Id => ($zh, $en), )* )*
                    $( FieldId::$XId => ($xzh, $xen), )*
                }
            }

            /// The answer, for a yearly field that of fiscal year `year`;
            /// `None` when unanswered, and for the fields of their own shape.
            pub fn value(self, p: &Profile, year: i32) -> Option<FieldValue<'_>> {
                match self {
                    $( $( FieldId::$Id => {
                        let ($p, $y) = (p, year);
                        let _ = $y;
                        let s: Option<&$Sect> = $acc;
                        s.and_then(|s| s.$f.as_ref()).map(FieldType::view)
                    } )* )*
                    $( FieldId::$XId => None, )*
                }
            }
        }
    };
}

field_table! {
    /// Base conditions (第三条). Each answer is `true`, `false` or absent (unknown).
    section Base at "base", yearly false, via (p, _y) Some(&p.base) => {
        /// 在中华人民共和国境内工商注册登记
        RegisteredInChina registered_in_china: Flag,
            "在中华人民共和国境内工商注册登记", "Registered in the People's Republic of China";
        /// 具有独立法人资格 (a branch, 分公司, has not)
        IndependentLegalPerson independent_legal_person: Flag,
            "具有独立法人资格（分公司为否）", "An independent legal person (a branch is not)";
        /// 被列入经营异常名录
        OnAbnormalOperationsList on_abnormal_operations_list: Flag,
            "被列入经营异常名录", "On the list of abnormal operations";
        /// 被列入严重失信主体名单
        OnSeriousDishonestyList on_serious_dishonesty_list: Flag,
            "被列入严重失信主体名单", "On the list of seriously dishonest entities";
        /// 产品（服务）属于国家禁止、限制或淘汰类
        ProductsRestricted products_restricted: Flag,
            "产品（服务）属于国家禁止、限制或淘汰类",
            "Products or services are prohibited, restricted or obsolete";
        /// 近三年监管部门认定发生重大安全（含网络安全、数据安全）、质量、环境污染等事故
        MajorIncident3y major_incident_3y: Flag,
            "近三年被监管部门认定发生重大安全、质量、环境等事故或事件",
            "A regulator found a major safety, quality or environmental incident in three years";
        /// 近三年有偷漏税等违法违规行为
        TaxViolation3y tax_violation_3y: Flag,
            "近三年有偷漏税等违法违规行为", "Tax evasion or similar violations in three years";
        /// 填报上一年及当年内发生科研严重失信行为 (科技型中小企业)
        ResearchMisconduct research_misconduct: Flag,
            "上一年及当年发生科研严重失信行为",
            "Serious research misconduct last year or this year";
        /// 近三年被认定数据造假 (2026 办法)
        DataFraud3y data_fraud_3y: Flag,
            "近三年被认定数据造假", "Found to have falsified data in three years";
        /// 产生过损害国家利益和人民利益的行为 (单项冠军 138号 第三条)
        HarmedPublicInterest harmed_public_interest: Flag,
            "产生过损害国家利益和人民利益的行为",
            "Has acted against the interests of the state or the people";
    }

    /// Headcounts at the end of the last completed year (上年末).
    section Staff at "staff", yearly false, via (p, _y) Some(&p.staff) => {
        /// 从业人员 / 职工总数
        Employees employees: Count,
            "从业人员（上年12月社保缴纳人数）", "Employees (social insurance, December last year)";
        /// 研发人员
        RdStaff rd_staff: Count, "研发人员", "R&D staff";
        /// 科技人员 (科技型中小企业)
        TechStaff tech_staff: Count, "科技人员", "Science and technology staff";
    }

    /// The figures of one fiscal year, in 万元.
    section YearFigures at "years", yearly true, via (p, y) p.year(y) => {
        /// 营业收入
        Revenue revenue: WanYuan, "营业收入", "Revenue";
        /// 主营业务收入
        MainRevenue main_revenue: WanYuan, "主营业务收入", "Main-business revenue";
        /// 研发费用
        RdExpense rd_expense: WanYuan, "研发费用", "R&D expense";
        /// 资产总额 (年末)
        TotalAssets total_assets: WanYuan, "资产总额（年末）", "Total assets (year end)";
        /// 负债总额 (年末)
        TotalLiabilities total_liabilities: WanYuan,
            "负债总额（年末）", "Total liabilities (year end)";
        /// 净利润
        NetProfit net_profit: SignedWanYuan, "净利润", "Net profit";
        /// 成本费用支出总额 (科技型中小企业)
        CostTotal cost_total: WanYuan, "成本费用支出总额", "Total costs and expenses";
        /// 新增股权融资：合格机构投资者的实缴额
        EquityFinancing equity_financing: WanYuan,
            "新增股权融资（合格机构投资者实缴额）",
            "New equity from qualified institutional investors (paid in)";
    }

    /// Intellectual property related to the main product (与主导产品相关), valid.
    section Ip at "ip", yearly false, via (p, _y) Some(&p.ip) => {
        /// Ⅰ类知识产权 obtained by the firm's own application (自主研发), the
        /// firm ranking among the first three holders.
        Class1SelfDeveloped class1_self_developed: Count,
            "本企业申请取得、且在权利人中排名前三的Ⅰ类知识产权",
            "Class I IP rights the firm applied for itself, ranked among the first three holders";
        /// Ⅰ类知识产权 transferred in and held for one year or more (count under 63号 only).
        Class1TransferredIn class1_transferred_in: Count,
            "受让（转入）满1年的Ⅰ类知识产权",
            "Class I IP rights transferred in at least a year ago";
        /// Of the Ⅰ类 above, how many are 高价值 (63号 definition).
        Class1HighValue class1_high_value: Count,
            "以上Ⅰ类知识产权中的高价值知识产权",
            "High-value rights among all the Class I rights above";
        /// Of the self-developed Ⅰ类 above (none transferred in), how many are
        /// applied and yield economic benefit (实际应用并已产生经济效益). The 2026
        /// rules count no transferred-in right (REFERENCE §00 item 1), so the
        /// count is asked among the firm's own rights only.
        Class1Applied class1_applied: Count,
            "其中已实际应用并产生经济效益的", "Of these, applied with economic benefit";
        /// Ⅱ类知识产权 as 63号 defines them: software copyrights related to the
        /// main product, and utility or design patents kept over 2 years after
        /// grant (none transferred in less than a year ago).
        Class2 class2: Count, "Ⅱ类知识产权（63号口径）", "Class II IP rights (No. 63 definition)";
        /// Ⅰ类知识产权 by the firm's own application where it is NOT among the
        /// first three holders: they count under 63号 (which has no rank
        /// condition), not under the 2026 standard (REFERENCE §00 item 1).
        Class1OwnNotTop3 class1_own_not_top3: Count,
            "本企业申请取得、但不在权利人前三名的Ⅰ类知识产权",
            "Class I IP rights the firm applied for itself, not among the first three holders";
        /// Of `class1_own_not_top3`, how many are applied with economic benefit.
        Class1OwnNotTop3Applied class1_own_not_top3_applied: Count,
            "其中已实际应用并产生经济效益的（非前三名）",
            "Of these (not among the first three), applied with economic benefit";
        /// Of `class1_transferred_in` (held one year or more), how many are
        /// applied with economic benefit: they count under 63号附件3 (REFERENCE
        /// §00 item 1, 附件4 “均不包含转让未满1年的知识产权”).
        Class1TransferredInApplied class1_transferred_in_applied: Count,
            "其中已实际应用并产生经济效益的（受让）",
            "Of these (transferred in), applied with economic benefit";
        /// Ⅱ类 rights outside 63号's definition that the 高新技术企业 definition
        /// used by 科技型中小企业 (115号) still counts: utility model or design
        /// patents granted less than 2 years ago, and Ⅱ类 rights transferred in
        /// less than a year ago (REFERENCE §2: the 高企 definition has no
        /// “维持超过2年” qualifier).
        Class2Recent class2_recent: Count,
            "上一项未计入的Ⅱ类知识产权：授权未满2年的实用新型或外观设计专利、转入未满1年的",
            "Class II rights not counted above: utility or design patents granted under 2 years ago, or transferred in under a year ago";
    }

    /// Honours and lists.
    section Honours at "honours", yearly false, via (p, _y) Some(&p.honours) => {
        /// 有效期内的高新技术企业
        HighTechEnterprise high_tech_enterprise: Flag,
            "有效期内的高新技术企业", "A valid high-tech enterprise";
        /// 国家级技术创新示范企业、知识产权优势企业或知识产权示范企业 (有效期内)
        InnovationHonours innovation_honours: Flag,
            "国家级技术创新示范企业、知识产权优势或示范企业（有效期内）",
            "National technology-innovation demonstration, or IP advantage/demonstration enterprise (valid)";
        /// 近五年主导制定国际、国家或行业标准
        LedStandard5y led_standard_5y: Flag,
            "近五年主导制定国际、国家或行业标准",
            "Led an international, national or industry standard in the last five years";
        /// 近三年进入"创客中国"全国500强企业组名单
        ChuangkeTop500In3y chuangke_top500_3y: Flag,
            "近三年进入“创客中国”全国500强企业组",
            "In the national top 500 of the Maker China contest in the last three years";
        /// 近三年进入"创客中国"全国50强企业组名单
        ChuangkeTop50In3y chuangke_top50_3y: Flag,
            "近三年进入“创客中国”全国50强企业组",
            "In the national top 50 of the Maker China contest in the last three years";
    }

    /// Titles the firm holds now, within their validity.
    section Titles at "titles", yearly false, via (p, _y) Some(&p.titles) => {
        /// 创新型中小企业 (有效期内)
        TitleInnovativeSme innovative_sme: Flag,
            "已获得创新型中小企业称号（有效期内）", "Holds a valid Innovative SME title";
        /// 科技型中小企业 (入库，有效期内)
        TitleTechSme tech_sme: Flag,
            "已入库科技型中小企业（有效期内）", "A registered Tech-based SME (valid)";
        /// 专精特新中小企业 (有效期内)
        TitleSpecializedSme specialized_sme: Flag,
            "已获得专精特新中小企业称号（有效期内）", "Holds a valid Specialized SME title";
        /// 专精特新“小巨人”
        TitleLittleGiant little_giant: Flag,
            "已是专精特新“小巨人”企业", "Already a Little Giant";
        /// 制造业单项冠军
        TitleSingleChampion single_champion: Flag,
            "已是制造业单项冠军企业（或产品）", "Already a Manufacturing Single Champion";
        /// Year the 创新型中小企业 title was granted (公告年度).
        TitleInnovativeSmeYear innovative_sme_year: TitleYear,
            "创新型中小企业称号的公告年度", "Year the Innovative SME title was announced";
        /// Year the 专精特新中小企业 title was granted (认定年度).
        TitleSpecializedSmeYear specialized_sme_year: TitleYear,
            "专精特新中小企业称号的认定年度", "Year the Specialized SME title was granted";
        /// Year the 小巨人 title was granted (认定年度).
        TitleLittleGiantYear little_giant_year: TitleYear,
            "“小巨人”称号的认定年度", "Year the Little Giant title was granted";
        /// Year the 单项冠军 title was granted (认定年度).
        TitleSingleChampionYear single_champion_year: TitleYear,
            "单项冠军的认定年度", "Year the Single Champion title was granted";
    }

    /// Quality, management and digital maturity.
    section Quality at "quality", yearly false, via (p, _y) Some(&p.quality) => {
        /// 获得省级以上质量奖荣誉
        ProvincialQualityAward provincial_quality_award: Flag,
            "获得省级以上质量奖荣誉", "A provincial or higher quality award";
        /// 建立质量管理体系，获得ISO9001等质量管理体系认证证书
        QualityCertification quality_certification: Flag,
            "获得ISO9001等质量管理体系认证", "ISO 9001 or similar quality-management certification";
        /// 拥有自主品牌
        OwnBrand own_brand: Flag, "拥有自主品牌", "An own brand";
        /// 参与制修订标准
        StandardsParticipation standards_participation: Flag,
            "参与制修订标准", "Took part in drafting standards";
        /// 中小企业数字化水平评测等级 1–4 (0 = below 一级 or not assessed)
        DigitalLevel digital_level: Level,
            "中小企业数字化水平评测等级", "Digital maturity level (platform self-test)";
        /// 至少1项核心业务采用信息系统支撑
        InfoSystem info_system: Flag,
            "至少1项核心业务采用信息系统支撑",
            "At least one core business run on an information system";
        /// 取得相关管理体系认证，或产品通过发达国家和地区产品认证
        ManagementCertification management_certification: Flag,
            "取得相关管理体系认证，或产品通过发达国家和地区认证",
            "A management-system certification, or products certified in developed markets";
    }

    /// The main product (主导产品) and its field.
    section Product at "product", yearly false, via (p, _y) Some(&p.product) => {
        /// 主导产品属于《战略性新兴产业分类》
        StrategicEmerging strategic_emerging: Flag,
            "主导产品属于《战略性新兴产业分类》",
            "Main product in the Strategic Emerging Industries catalogue";
        /// 属于工业"六基" (核心基础零部件、元器件、关键软件、先进基础工艺、关键基础材料、产业技术基础)
        SixFoundations six_foundations: Flag,
            "主导产品属于工业“六基”（核心基础零部件、元器件、关键软件、先进基础工艺、关键基础材料、产业技术基础）",
            "Main product is an industrial foundation (core parts, components, key software, processes, materials, technology base)";
        /// 在产业链供应链关键环节及关键领域"补短板""锻长板""填空白"取得实际成效
        KeyChainResults key_chain_results: Flag,
            "在产业链关键环节“补短板”“锻长板”“填空白”取得实际成效",
            "Proven results filling gaps or strengthening key links of industrial chains";
        /// 属于中华老字号名录，或服务关键产业链重点龙头企业
        TimeHonouredOrChainLeader time_honoured_or_chain_leader: Flag,
            "属于中华老字号，或主导产品服务关键产业链重点龙头企业",
            "A China Time-honoured Brand, or supplies a key chain's leading firm";
        /// 符合制造强国战略十大重点产业领域
        TenKeyIndustries ten_key_industries: Flag,
            "属于制造强国战略十大重点产业领域", "In the ten key manufacturing fields";
        /// 属于网络强国建设的信息基础设施、关键核心技术、网络安全、数据安全领域
        CyberPower cyber_power: Flag,
            "属于网络强国建设的信息基础设施、关键核心技术、网络安全、数据安全领域",
            "In information infrastructure, core technology, cyber or data security";
        /// 属于改造提升传统产业、培育壮大新兴产业或布局建设未来产业
        IndustryUpgrade industry_upgrade: Flag,
            "属于改造提升传统产业、培育壮大新兴产业或布局未来产业",
            "Upgrades traditional industry, grows emerging or builds future industries";
        /// Month the firm entered its market segment (从事特定细分市场), `YYYY-MM`.
        SegmentStart segment_start: Month,
            "开始从事当前细分市场的年月", "Month the firm entered its market segment";
        /// Month the firm entered the field of its champion product (单项冠军), `YYYY-MM`.
        FieldStart field_start: Month,
            "开始从事单项冠军产品所在领域的年月", "Month the firm entered the champion product's field";
        /// The champion product is a 新产品 (fits no catalogue category).
        NewProduct new_product: Flag, "申请产品属于新产品", "The product is a new product";
    }

    /// Market position of the main product.
    section Market at "market", yearly false, via (p, _y) Some(&p.market) => {
        /// 国内细分市场占有率, percent
        ShareDomestic share_domestic: Percent,
            "主导产品国内细分市场占有率", "Domestic market share of the main product";
        /// 国际细分市场占有率, percent
        ShareInternational share_international: Percent,
            "主导产品国际细分市场占有率", "International market share";
        /// 国内细分市场排名 (1 = first)
        DomesticRank domestic_rank: Rank, "国内细分市场排名", "Rank in the domestic segment";
        /// 全球细分市场排名 (1 = first)
        GlobalRank global_rank: Rank, "全球细分市场排名", "Rank in the world market";
    }

    own {
        /// 所属行业, one of the industries of 《中小企业划型标准规定》.
        Industry "industry": Choice, yearly false, "所属行业", "Industry";
        /// 财务数据口径: the legal entity's own statements (单体报表) or consolidated (合并报表).
        FiguresBasis "figures_basis": Choice, yearly false, "财务数据口径", "Basis of the figures";
        /// The highest level of the firm's own R&D institution (研发机构).
        RdInstitute "rd_institute": Choice, yearly false,
            "自建研发机构的最高级别", "Highest level of the firm's R&D institution";
        /// 科学技术奖励: level, year and the firm's rank, one entry per award.
        Awards "awards": Awards, yearly false, "科学技术奖励", "Science and technology awards";
        /// 中小企业专精特新发展评价得分, by year, from the platform.
        PlatformScore "platform_score": Points, yearly true,
            "专精特新发展评价得分", "SRDI development score";
    }
}

impl FieldId {
    /// The path in `srdi-profile/1`; a yearly field's carries `{y}` for the year.
    pub fn path(self) -> String {
        match (self.parts(), self.yearly()) {
            ((section, ""), true) => format!("{section}.{{y}}"),
            ((section, ""), false) => section.to_string(),
            ((section, key), true) => format!("{section}.{{y}}.{key}"),
            ((section, key), false) => format!("{section}.{key}"),
        }
    }

    /// The path of the answer for fiscal year `year` (ignored unless yearly).
    pub fn path_for(self, year: i32) -> String {
        match (self.parts(), self.yearly()) {
            ((section, ""), true) => format!("{section}.{year}"),
            ((section, key), true) => format!("{section}.{year}.{key}"),
            _ => self.path(),
        }
    }

    /// The field at `path` and its year, from either form (`years.2025.revenue`
    /// or `years.{y}.revenue`); an award's own keys (`awards[0].rank`) name
    /// the awards.
    pub fn from_path(path: &str) -> Option<(FieldId, Option<i32>)> {
        if path == "awards" || path.starts_with("awards[") {
            return Some((FieldId::Awards, None));
        }
        let mut it = path.splitn(3, '.');
        let section = it.next()?;
        let second = it.next();
        let third = it.next();
        let year = |s: &str| -> Option<Option<i32>> {
            if s == "{y}" {
                Some(None)
            } else if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok().map(Some)
            } else {
                None
            }
        };
        FieldId::ALL.iter().find_map(|&f| {
            let (sect, key) = f.parts();
            if sect != section {
                return None;
            }
            match (f.yearly(), key, second, third) {
                (true, "", Some(y), None) => year(y).map(|y| (f, y)),
                (true, "", None, None) => Some((f, None)),
                (true, k, Some(y), Some(k2)) if k == k2 => year(y).map(|y| (f, y)),
                (false, "", None, None) => Some((f, None)),
                (false, k, Some(k2), None) if k == k2 => Some((f, None)),
                _ => None,
            }
        })
    }

    /// The label in `zh` (true) or en.
    pub fn label_in(self, zh: bool) -> &'static str {
        let (z, e) = self.label();
        if zh { z } else { e }
    }

    /// A yes/no answer.
    pub fn flag(self, p: &Profile) -> Option<bool> {
        match self.value(p, 0) {
            Some(FieldValue::Flag(b)) => Some(b),
            _ => None,
        }
    }

    /// Whether the field is a title the firm holds.
    pub fn is_title(self) -> bool {
        self.parts().0 == "titles" && self.kind() == FieldKind::Flag
    }
}

/// One answer a choice field offers: its key in profiles and rule files, and
/// what it is called on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The key, e.g. `below_municipal`.
    pub key: &'static str,
    /// 中文 label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

const fn ch(key: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { key, zh, en }
}

/// 《中小企业划型标准规定》第四条's industries, in its order.
const INDUSTRIES: &[Choice] = &[
    ch(
        "industry",
        "工业（采矿业、制造业、电力热力燃气及水生产和供应业）",
        "Industry (mining, manufacturing, utilities)",
    ),
    ch(
        "agriculture",
        "农、林、牧、渔业",
        "Agriculture, forestry, husbandry, fishery",
    ),
    ch("construction", "建筑业", "Construction"),
    ch("wholesale", "批发业", "Wholesale"),
    ch("retail", "零售业", "Retail"),
    ch("transport", "交通运输业", "Transport"),
    ch("warehousing", "仓储业", "Warehousing"),
    ch("postal", "邮政业", "Postal services"),
    ch("accommodation", "住宿业", "Accommodation"),
    ch("catering", "餐饮业", "Catering"),
    ch(
        "information_transmission",
        "信息传输业",
        "Information transmission",
    ),
    ch(
        "software_it",
        "软件和信息技术服务业",
        "Software and IT services",
    ),
    ch(
        "real_estate_development",
        "房地产开发经营",
        "Real-estate development",
    ),
    ch("property_management", "物业管理", "Property management"),
    ch(
        "leasing_business_services",
        "租赁和商务服务业",
        "Leasing and business services",
    ),
    ch("other", "其他未列明行业", "Other industries"),
];

const BASIS: &[Choice] = &[
    ch(
        "legal_entity",
        "法人单体（母公司）报表",
        "The legal entity's own statements",
    ),
    ch("consolidated", "合并报表", "Consolidated statements"),
];

const INSTITUTES: &[Choice] = &[
    ch("national", "国家级", "National"),
    ch("provincial", "省级（省部级）", "Provincial (ministerial)"),
    ch("municipal", "市级", "Municipal"),
    ch("below_municipal", "市级以下", "Below municipal"),
    ch("none", "未建立研发机构", "None"),
];

const DIGITAL_LEVELS: &[Choice] = &[
    ch("0", "未评测或低于一级", "Not assessed or below level 1"),
    ch("1", "一级", "Level 1"),
    ch("2", "二级", "Level 2"),
    ch("3", "三级", "Level 3"),
    ch("4", "四级", "Level 4"),
];

impl FieldId {
    /// The answers a choice field offers, with their labels; empty for any
    /// other field. The 数字化水平 level (a number) names its levels here too.
    pub fn choices(self) -> &'static [Choice] {
        match self {
            FieldId::Industry => INDUSTRIES,
            FieldId::FiguresBasis => BASIS,
            FieldId::RdInstitute => INSTITUTES,
            FieldId::DigitalLevel => DIGITAL_LEVELS,
            _ => &[],
        }
    }

    /// What the answer `key` of this choice field is called, in `zh` (true)
    /// or en; `None` for a key the field does not offer.
    pub fn choice_label(self, key: &str, zh: bool) -> Option<&'static str> {
        self.choices()
            .iter()
            .find(|c| c.key == key)
            .map(|c| if zh { c.zh } else { c.en })
    }
}

/// What the answer at `path` is called on screen, with its year for a yearly
/// figure (`营业收入 2025`); `None` for a path outside the table.
pub fn path_label(path: &str, zh: bool) -> Option<String> {
    let (f, year) = FieldId::from_path(path)?;
    let label = f.label_in(zh);
    Some(match year {
        Some(y) => format!("{label} {y}"),
        None => label.to_string(),
    })
}

impl std::fmt::Display for FieldId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path())
    }
}

impl Serialize for FieldId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FieldId, D::Error> {
        let s = String::deserialize(d)?;
        FieldId::from_path(&s)
            .map(|(f, _)| f)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown profile field `{s}`")))
    }
}

/// The tiers whose rules (or provincial packs) read field `f` as it is, so
/// that a questionnaire can ask a new field where it matters without a list
/// of its own.
pub fn tiers_reading(book: &RuleBook, f: FieldId) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let files = book
        .files
        .iter()
        .filter(|file| file.root.as_ref().is_some_and(|n| node_reads(n, f)));
    let packs = book
        .packs
        .iter()
        .filter(|pack| pack.indicators.iter().any(|i| scoring_reads(&i.scoring, f)))
        .map(|pack| pack.applies_to.tier.as_str());
    for tier in files.map(|file| file.tier.as_str()).chain(packs) {
        if !out.contains(&tier) {
            out.push(tier);
        }
    }
    out
}

fn reads(m: Metric, f: FieldId) -> bool {
    m == Metric::Answer(f)
}

fn node_reads(n: &Node, f: FieldId) -> bool {
    match &n.kind {
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            of.iter().any(|c| node_reads(c, f))
        }
        NodeKind::Compare { metric, .. }
        | NodeKind::Flag { metric, .. }
        | NodeKind::Choice { metric, .. } => reads(*metric, f),
        NodeKind::Score(s) => s
            .groups
            .iter()
            .flat_map(|g| &g.indicators)
            .any(|i| scoring_reads(&i.scoring, f)),
        NodeKind::Manual {}
        | NodeKind::Award { .. }
        | NodeKind::Always {}
        | NodeKind::Path { .. }
        | NodeKind::Base {}
        | NodeKind::Tier { .. } => false,
    }
}

fn scoring_reads(s: &Scoring, f: FieldId) -> bool {
    match s {
        Scoring::Bands { metric, .. } => reads(*metric, f),
        Scoring::Levels { levels } => levels.iter().any(|l| node_reads(&l.when, f)),
        Scoring::MaxOf { of } => of.iter().any(|s| scoring_reads(s, f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_reads_back_as_its_field() {
        for &f in FieldId::ALL {
            assert_eq!(FieldId::from_path(&f.path()).map(|x| x.0), Some(f), "{f:?}");
            assert_eq!(
                FieldId::from_path(&f.path_for(2025)),
                Some((f, f.yearly().then_some(2025))),
                "{f:?}"
            );
            let (zh, en) = f.label();
            assert!(!zh.is_empty() && !en.is_empty(), "{f:?} has no label");
        }
        assert_eq!(FieldId::from_path("years.2025.nope"), None);
        assert_eq!(FieldId::from_path("base"), None);
        assert_eq!(
            FieldId::from_path("awards[2].rank"),
            Some((FieldId::Awards, None))
        );
    }

    #[test]
    fn values_come_from_the_section_and_year() {
        let mut p = Profile::new();
        p.base.registered_in_china = Some(true);
        p.year_mut(2025).revenue = Dec::parse("12.5").ok();
        assert_eq!(FieldId::RegisteredInChina.flag(&p), Some(true));
        assert_eq!(FieldId::IndependentLegalPerson.flag(&p), None);
        assert_eq!(
            FieldId::Revenue.value(&p, 2025),
            Dec::parse("12.5").ok().map(FieldValue::Dec)
        );
        assert_eq!(FieldId::Revenue.value(&p, 2024), None);
    }

    #[test]
    fn every_choice_field_names_exactly_the_answers_its_reader_takes() {
        for &f in FieldId::ALL {
            let named = !f.choices().is_empty();
            match f.kind() {
                FieldKind::Choice => assert!(named, "{f:?} offers no labelled answers"),
                FieldKind::Level => {}
                _ => assert!(!named, "{f:?} is not a choice"),
            }
        }
        // Each key offered reads; a key not offered does not.
        for &f in &[
            FieldId::Industry,
            FieldId::FiguresBasis,
            FieldId::RdInstitute,
        ] {
            let key = f.parts().0;
            for c in f.choices() {
                let text = format!(r#"{{"format":"srdi-profile/1","{key}":"{}"}}"#, c.key);
                assert!(Profile::from_json(&text).is_ok(), "{f:?} {}", c.key);
                assert!(!c.zh.is_empty() && !c.en.is_empty(), "{f:?} {}", c.key);
            }
            let bad = format!(r#"{{"format":"srdi-profile/1","{key}":"nope"}}"#);
            assert!(Profile::from_json(&bad).is_err(), "{f:?}");
        }
        assert_eq!(
            crate::profile::Industry::ALL.len(),
            FieldId::Industry.choices().len()
        );
        // The 数字化水平 level's answers are its range, 0 to 4.
        let levels: Vec<&str> = FieldId::DigitalLevel
            .choices()
            .iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(levels, ["0", "1", "2", "3", "4"]);
        assert_eq!(
            FieldId::RdInstitute.choice_label("national", true),
            Some("国家级")
        );
        assert_eq!(FieldId::RdInstitute.choice_label("spaceship", true), None);
    }
}
