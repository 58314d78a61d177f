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

/// The format tag every profile file carries.
pub const PROFILE_FORMAT: &str = "srdi-profile/1";

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: usize = 256 * 1024;

/// An exact decimal with at most four decimals, written in JSON as a string
/// (`"96.5"`) or a number (`96.5`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec(pub Ratio);

impl Dec {
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
        // At most four decimals, so ×10000 is an integer.
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
    Agriculture,
    Industry,
    Construction,
    Wholesale,
    Retail,
    Transport,
    Warehousing,
    Postal,
    Accommodation,
    Catering,
    InformationTransmission,
    SoftwareIt,
    RealEstateDevelopment,
    PropertyManagement,
    LeasingBusinessServices,
    Other,
}

impl Industry {
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

/// Base conditions (第三条). Each answer is `true`, `false` or absent (unknown).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Base {
    /// 在中华人民共和国境内工商注册登记
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_in_china: Option<bool>,
    /// 具有独立法人资格 (a branch, 分公司, has not)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub independent_legal_person: Option<bool>,
    /// 被列入经营异常名录
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_abnormal_operations_list: Option<bool>,
    /// 被列入严重失信主体名单
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_serious_dishonesty_list: Option<bool>,
    /// 产品（服务）属于国家禁止、限制或淘汰类
    #[serde(skip_serializing_if = "Option::is_none")]
    pub products_restricted: Option<bool>,
    /// 近三年监管部门认定发生重大安全（含网络安全、数据安全）、质量、环境污染等事故
    #[serde(skip_serializing_if = "Option::is_none")]
    pub major_incident_3y: Option<bool>,
    /// 近三年有偷漏税等违法违规行为
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_violation_3y: Option<bool>,
    /// 填报上一年及当年内发生科研严重失信行为 (科技型中小企业)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub research_misconduct: Option<bool>,
    /// 近三年被认定数据造假 (2026 办法)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_fraud_3y: Option<bool>,
}

/// Headcounts at the end of the last completed year (上年末).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Staff {
    /// 从业人员 / 职工总数
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employees: Option<u32>,
    /// 研发人员
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rd_staff: Option<u32>,
    /// 科技人员 (科技型中小企业)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tech_staff: Option<u32>,
}

/// The figures of one fiscal year, in 万元.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct YearFigures {
    /// 营业收入
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Dec>,
    /// 主营业务收入
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_revenue: Option<Dec>,
    /// 研发费用
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rd_expense: Option<Dec>,
    /// 资产总额 (年末)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_assets: Option<Dec>,
    /// 负债总额 (年末)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_liabilities: Option<Dec>,
    /// 净利润
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_profit: Option<Dec>,
    /// 成本费用支出总额 (科技型中小企业)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_total: Option<Dec>,
    /// 新增股权融资：合格机构投资者的实缴额
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equity_financing: Option<Dec>,
}

/// Intellectual property related to the main product (与主导产品相关), valid.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Ip {
    /// Ⅰ类知识产权 obtained by the firm's own application (自主研发), the
    /// firm ranking among the first three holders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_self_developed: Option<u32>,
    /// Ⅰ类知识产权 transferred in and held for one year or more (count under 63号 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_transferred_in: Option<u32>,
    /// Of the Ⅰ类 above, how many are 高价值 (63号 definition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_high_value: Option<u32>,
    /// Of the self-developed Ⅰ类 above (none transferred in), how many are
    /// applied and yield economic benefit (实际应用并已产生经济效益). The 2026
    /// rules count no transferred-in right (REFERENCE §00 item 1), so the
    /// count is asked among the firm's own rights only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_applied: Option<u32>,
    /// Ⅱ类知识产权 as 63号 defines them: software copyrights related to the
    /// main product, and utility or design patents kept over 2 years after
    /// grant (none transferred in less than a year ago).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class2: Option<u32>,
    /// Ⅰ类知识产权 by the firm's own application where it is NOT among the
    /// first three holders: they count under 63号 (which has no rank
    /// condition), not under the 2026 standard (REFERENCE §00 item 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_own_not_top3: Option<u32>,
    /// Of `class1_own_not_top3`, how many are applied with economic benefit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_own_not_top3_applied: Option<u32>,
    /// Of `class1_transferred_in` (held one year or more), how many are
    /// applied with economic benefit: they count under 63号附件3 (REFERENCE
    /// §00 item 1, 附件4 “均不包含转让未满1年的知识产权”).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class1_transferred_in_applied: Option<u32>,
    /// Ⅱ类 rights outside 63号's definition that the 高新技术企业 definition
    /// used by 科技型中小企业 (115号) still counts: utility model or design
    /// patents granted less than 2 years ago, and Ⅱ类 rights transferred in
    /// less than a year ago (REFERENCE §2: the 高企 definition has no
    /// “维持超过2年” qualifier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class2_recent: Option<u32>,
}

/// Level of the firm's own R&D institution (研发机构级别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstituteLevel {
    National,
    Provincial,
    Municipal,
    BelowMunicipal,
    None,
}

impl InstituteLevel {
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
    pub level: AwardLevel,
    /// Year on the certificate (获奖证书落款时间).
    pub year: i32,
    /// The firm's rank among the winning units (获奖单位排名), 1 = first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

/// Honours and lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Honours {
    /// 有效期内的高新技术企业
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high_tech_enterprise: Option<bool>,
    /// 国家级技术创新示范企业、知识产权优势企业或知识产权示范企业 (有效期内)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation_honours: Option<bool>,
    /// 近五年主导制定国际、国家或行业标准
    #[serde(skip_serializing_if = "Option::is_none")]
    pub led_standard_5y: Option<bool>,
    /// 近三年进入"创客中国"全国500强企业组名单
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chuangke_top500_3y: Option<bool>,
    /// 近三年进入"创客中国"全国50强企业组名单
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chuangke_top50_3y: Option<bool>,
}

/// Titles the firm holds now, within their validity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Titles {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovative_sme: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tech_sme: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialized_sme: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub little_giant: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub single_champion: Option<bool>,
    /// Year the 创新型中小企业 title was granted (公告年度).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovative_sme_year: Option<i32>,
    /// Year the 专精特新中小企业 title was granted (认定年度).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialized_sme_year: Option<i32>,
    /// Year the 小巨人 title was granted (认定年度).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub little_giant_year: Option<i32>,
    /// Year the 单项冠军 title was granted (认定年度).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub single_champion_year: Option<i32>,
}

/// Quality, management and digital maturity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Quality {
    /// 获得省级以上质量奖荣誉
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provincial_quality_award: Option<bool>,
    /// 建立质量管理体系，获得ISO9001等质量管理体系认证证书
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_certification: Option<bool>,
    /// 拥有自主品牌
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_brand: Option<bool>,
    /// 参与制修订标准
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standards_participation: Option<bool>,
    /// 中小企业数字化水平评测等级 1–4 (0 = below 一级 or not assessed)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digital_level: Option<u8>,
    /// 至少1项核心业务采用信息系统支撑
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info_system: Option<bool>,
    /// 取得相关管理体系认证，或产品通过发达国家和地区产品认证
    #[serde(skip_serializing_if = "Option::is_none")]
    pub management_certification: Option<bool>,
}

/// The main product (主导产品) and its field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Product {
    /// 主导产品属于《战略性新兴产业分类》
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategic_emerging: Option<bool>,
    /// 属于工业"六基" (核心基础零部件、元器件、关键软件、先进基础工艺、关键基础材料、产业技术基础)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub six_foundations: Option<bool>,
    /// 在产业链供应链关键环节及关键领域"补短板""锻长板""填空白"取得实际成效
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_chain_results: Option<bool>,
    /// 属于中华老字号名录，或服务关键产业链重点龙头企业
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_honoured_or_chain_leader: Option<bool>,
    /// 符合制造强国战略十大重点产业领域
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ten_key_industries: Option<bool>,
    /// 属于网络强国建设的信息基础设施、关键核心技术、网络安全、数据安全领域
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cyber_power: Option<bool>,
    /// 属于改造提升传统产业、培育壮大新兴产业或布局建设未来产业
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry_upgrade: Option<bool>,
    /// Month the firm entered its market segment (从事特定细分市场), `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment_start: Option<String>,
    /// Month the firm entered the field of its champion product (单项冠军), `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field_start: Option<String>,
    /// The champion product is a 新产品 (fits no catalogue category).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_product: Option<bool>,
}

/// Market position of the main product.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Market {
    /// 国内细分市场占有率, percent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_domestic: Option<Dec>,
    /// 国际细分市场占有率, percent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_international: Option<Dec>,
    /// 国内细分市场排名 (1 = first)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domestic_rank: Option<u32>,
    /// 全球细分市场排名 (1 = first)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_rank: Option<u32>,
}

/// An answer to a provincial pack item: yes/no or one option's key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PackAnswer {
    Flag(bool),
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Industry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures_basis: Option<FiguresBasis>,
    #[serde(default)]
    pub base: Base,
    #[serde(default)]
    pub staff: Staff,
    /// Fiscal year (`"2025"`) → its figures.
    #[serde(default)]
    pub years: BTreeMap<String, YearFigures>,
    #[serde(default)]
    pub ip: Ip,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rd_institute: Option<InstituteLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<Award>>,
    #[serde(default)]
    pub honours: Honours,
    #[serde(default)]
    pub titles: Titles,
    #[serde(default)]
    pub quality: Quality,
    #[serde(default)]
    pub product: Product,
    #[serde(default)]
    pub market: Market,
    /// 中小企业专精特新发展评价得分 by year (`"2026"` → 63), from the platform.
    #[serde(default)]
    pub platform_score: BTreeMap<String, Dec>,
    /// Answers to provincial pack items, by item id.
    #[serde(default)]
    pub province_items: BTreeMap<String, PackAnswer>,
}

impl Profile {
    /// An empty profile: everything unknown.
    pub fn new() -> Profile {
        Profile {
            format: PROFILE_FORMAT.to_string(),
            ..Profile::default()
        }
    }

    pub fn year(&self, y: i32) -> Option<&YearFigures> {
        let mut buf = [0u8; 4];
        self.years.get(year_key(y, &mut buf)?)
    }

    /// The platform score of year `y`.
    pub fn score(&self, y: i32) -> Option<Dec> {
        let mut buf = [0u8; 4];
        self.platform_score.get(year_key(y, &mut buf)?).copied()
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
        for (key, y) in &self.years {
            check_year_key(key).map_err(|d| bad(format!("years.{key}"), d))?;
            let fields = [
                ("revenue", y.revenue),
                ("main_revenue", y.main_revenue),
                ("rd_expense", y.rd_expense),
                ("total_assets", y.total_assets),
                ("total_liabilities", y.total_liabilities),
                ("cost_total", y.cost_total),
                ("equity_financing", y.equity_financing),
            ];
            for (name, v) in fields {
                if v.is_some_and(|d| d.0.is_negative()) {
                    return Err(bad(format!("years.{key}.{name}"), "cannot be negative"));
                }
            }
        }
        for (key, s) in &self.platform_score {
            check_year_key(key).map_err(|d| bad(format!("platform_score.{key}"), d))?;
            if s.0.is_negative()
                || s.0.checked_cmp(Ratio::int(100)) == Some(std::cmp::Ordering::Greater)
            {
                return Err(bad(
                    format!("platform_score.{key}"),
                    "must be between 0 and 100",
                ));
            }
        }
        for (name, v) in [
            ("market.share_domestic", self.market.share_domestic),
            (
                "market.share_international",
                self.market.share_international,
            ),
        ] {
            if v.is_some_and(|d| {
                d.0.is_negative()
                    || d.0.checked_cmp(Ratio::int(100)) == Some(std::cmp::Ordering::Greater)
            }) {
                return Err(bad(name.into(), "must be a percentage between 0 and 100"));
            }
        }
        if self.quality.digital_level.is_some_and(|l| l > 4) {
            return Err(bad("quality.digital_level".into(), "must be 0 to 4"));
        }
        for (name, v) in [
            (
                "titles.innovative_sme_year",
                self.titles.innovative_sme_year,
            ),
            (
                "titles.specialized_sme_year",
                self.titles.specialized_sme_year,
            ),
            ("titles.little_giant_year", self.titles.little_giant_year),
            (
                "titles.single_champion_year",
                self.titles.single_champion_year,
            ),
        ] {
            if v.is_some_and(|y| !(2011..=2100).contains(&y)) {
                return Err(bad(name.into(), "is not a plausible year"));
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
        for (name, v) in [
            ("market.domestic_rank", self.market.domestic_rank),
            ("market.global_rank", self.market.global_rank),
        ] {
            if v == Some(0) {
                return Err(bad(name.into(), "ranks start at 1"));
            }
        }
        for (name, v) in [
            ("product.segment_start", &self.product.segment_start),
            ("product.field_start", &self.product.field_start),
        ] {
            if let Some(s) = v
                && parse_year_month(s).is_none()
            {
                return Err(bad(name.into(), "must be a month written YYYY-MM"));
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
        Ok(())
    }
}

/// `y` as the four-digit key of `years`, without allocating.
fn year_key(y: i32, buf: &mut [u8; 4]) -> Option<&str> {
    let mut n = u32::try_from(y)
        .ok()
        .filter(|n| (1000..=9999).contains(n))?;
    for b in buf.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
    std::str::from_utf8(buf).ok()
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
    TooLarge { bytes: usize },
    NotJson { detail: String },
    WrongFormat { found: String },
    Invalid { path: String, detail: String },
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
