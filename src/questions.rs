//! The questionnaire as data: every question, its profile path, unit, help
//! text naming the rule that needs it, and the tiers that use it (a question
//! no selected tier needs is not asked).

use srdi_engine::Tier;
use srdi_engine::fields::{FieldId, FieldKind};
use srdi_engine::input::Kind;

use crate::i18n::{Bi, Lang};

const fn bi(zh: &'static str, en: &'static str) -> Bi {
    Bi { zh, en }
}

pub const SME: Tier = Tier::SmeSize;
pub const INNOV: Tier = Tier::InnovativeSme;
pub const TECH: Tier = Tier::TechSme;
pub const SPEC: Tier = Tier::SpecializedSme;
pub const GIANT: Tier = Tier::LittleGiant;
pub const CHAMP: Tier = Tier::SingleChampion;
pub const ALL: &[Tier] = &Tier::ALL;

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QKind {
    Number(Kind),
    YesNo,
    /// One of the answers the field table offers for the field (`FieldId::choices`).
    Choice,
    /// A month, `YYYY-MM`.
    Month,
    /// A year from 2011 to the application year, chosen from a list (newest first).
    Year,
}

/// One question.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// The profile field it fills; a yearly field's year is the application
    /// year plus `year`.
    pub field: FieldId,
    pub year: i32,
    pub kind: QKind,
    /// Replaces the field's own label (from the engine's field table) where
    /// one field is asked for two years.
    pub label: Option<Bi>,
    pub help: Bi,
    pub unit: Option<Bi>,
    pub tiers: &'static [Tier],
    /// Asked only when this yes/no question is answered yes.
    pub when: Option<FieldId>,
}

/// A field's label from the engine's field table.
pub fn field_bi(f: FieldId) -> Bi {
    let (zh, en) = f.label();
    Bi { zh, en }
}

impl Question {
    /// The profile path for application year `y`.
    pub fn path_for(&self, y: i32) -> String {
        self.field.path_for(y + self.year)
    }

    /// What the question is called on screen.
    pub fn label(&self) -> Bi {
        self.label.unwrap_or_else(|| field_bi(self.field))
    }
}

/// A step of the questionnaire.
pub struct StepDef {
    pub title: Bi,
    pub intro: Bi,
    pub questions: &'static [Question],
    /// Editors of their own the step shows besides its questions.
    pub extras: &'static [Extra],
}

/// An editor a step shows besides its questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// The finance table (three years side by side), before the questions.
    Finance,
    /// The list of science and technology awards, after the questions.
    Awards,
    /// The province's 特色化 pack questions, after the questions.
    ProvinceItems,
}

impl Extra {
    /// Whether it comes before the step's questions.
    pub fn leads(self) -> bool {
        self == Extra::Finance
    }

    /// The tiers that need it.
    pub fn tiers(self) -> &'static [Tier] {
        match self {
            Extra::Finance => ALL,
            Extra::Awards => &[INNOV, TECH, SPEC, GIANT],
            Extra::ProvinceItems => &[SPEC],
        }
    }
}

const PCT: Option<Bi> = Some(bi("%", "%"));
const PEOPLE: Option<Bi> = Some(bi("人", "people"));
const ITEMS: Option<Bi> = Some(bi("项", "items"));
const PTS: Option<Bi> = Some(bi("分", "points"));
const YEAR: Option<Bi> = Some(bi("年", ""));
const TITLE_YEAR_HELP: Bi = bi(
    "称号有效期3年，期满须复核（各省管理细则）；据此判断是否到期。",
    "A title lasts 3 years, then is re-reviewed (provincial rules); this tells whether it is due.",
);

/// The provinces (the value stored is the Chinese name), with their English names.
pub const PROVINCES: &[(&str, &str)] = &[
    ("北京", "Beijing"),
    ("天津", "Tianjin"),
    ("河北", "Hebei"),
    ("山西", "Shanxi"),
    ("内蒙古", "Inner Mongolia"),
    ("辽宁", "Liaoning"),
    ("吉林", "Jilin"),
    ("黑龙江", "Heilongjiang"),
    ("上海", "Shanghai"),
    ("江苏", "Jiangsu"),
    ("浙江", "Zhejiang"),
    ("安徽", "Anhui"),
    ("福建", "Fujian"),
    ("江西", "Jiangxi"),
    ("山东", "Shandong"),
    ("河南", "Henan"),
    ("湖北", "Hubei"),
    ("湖南", "Hunan"),
    ("广东", "Guangdong"),
    ("广西", "Guangxi"),
    ("海南", "Hainan"),
    ("重庆", "Chongqing"),
    ("四川", "Sichuan"),
    ("贵州", "Guizhou"),
    ("云南", "Yunnan"),
    ("西藏", "Tibet"),
    ("陕西", "Shaanxi"),
    ("甘肃", "Gansu"),
    ("青海", "Qinghai"),
    ("宁夏", "Ningxia"),
    ("新疆", "Xinjiang"),
];

/// A province's name in `lang` (its Chinese name when it is not in the list).
pub fn province_name(zh: &str, lang: Lang) -> &str {
    match lang {
        Lang::Zh => zh,
        Lang::En => PROVINCES
            .iter()
            .find(|(z, _)| *z == zh)
            .map_or(zh, |(_, e)| e),
    }
}

/// The rows of the finance table: one profile field, three years side by side.
pub struct FinanceRow {
    pub field: FieldId,
    pub kind: Kind,
    pub help: Bi,
    pub tiers: &'static [Tier],
}

pub const FINANCE: &[FinanceRow] = &[
    FinanceRow {
        field: FieldId::Revenue,
        kind: Kind::WanYuan,
        help: bi(
            "划型、各层级营收门槛与比率的分母（300号；63号；2号）。",
            "Size class, revenue floors and ratio denominators (No. 300, No. 63, No. 2).",
        ),
        tiers: ALL,
    },
    FinanceRow {
        field: FieldId::MainRevenue,
        kind: Kind::WanYuan,
        help: bi(
            "主营业务收入占比、增长率（63号附件1–3；2号附件1–2）。也可填它占当年营业收入的比重，如“95%”，按营业收入换算成金额。",
            "Main-business share and growth (No. 63 annexes 1–3; No. 2 annexes 1–2). You may also type its share of the year's revenue, such as “95%”: it is turned into the amount.",
        ),
        tiers: &[INNOV, SPEC, GIANT, CHAMP],
    },
    FinanceRow {
        field: FieldId::RdExpense,
        kind: Kind::WanYuan,
        help: bi(
            "研发费用总额及占营业收入比重（创新型指标2；专精特新、小巨人门槛）。",
            "R&D amount and its share of revenue (Innovative item 2; Specialized and Little Giant gates).",
        ),
        tiers: &[INNOV, TECH, SPEC, GIANT],
    },
    FinanceRow {
        field: FieldId::TotalAssets,
        kind: Kind::WanYuan,
        help: bi(
            "资产负债率的分母；部分行业划型（300号）。",
            "Denominator of the debt ratio; size class in some industries (No. 300).",
        ),
        tiers: ALL,
    },
    FinanceRow {
        field: FieldId::TotalLiabilities,
        kind: Kind::WanYuan,
        help: bi(
            "资产负债率（创新型指标4[；专精特新不超过{specialized_sme:debt_ratio}][；小巨人不超过{little_giant:debt_ratio}]）。",
            "Debt ratio (Innovative item 4[; Specialized ≤ {specialized_sme:debt_ratio}][; Little Giant ≤ {little_giant:debt_ratio}]).",
        ),
        tiers: &[INNOV, SPEC, GIANT],
    },
    FinanceRow {
        field: FieldId::NetProfit,
        kind: Kind::SignedWanYuan,
        help: bi(
            "净利润率（63号附件2 指标7）；亏损填负数。",
            "Net margin (No. 63 annex 2 item 7); a loss is negative.",
        ),
        tiers: &[SPEC],
    },
    FinanceRow {
        field: FieldId::CostTotal,
        kind: Kind::WanYuan,
        help: bi(
            "科技型中小企业研发投入指标的第二种算法（国科发政〔2017〕115号）。",
            "The second R&D ratio of the Tech-based SME evaluation (No. 115).",
        ),
        tiers: &[TECH],
    },
    FinanceRow {
        field: FieldId::EquityFinancing,
        kind: Kind::WanYuan,
        help: bi(
            "直通条件和营收替代条件（63号；2号）；投资方资格需人工核验。",
            "Direct routes and the revenue alternative (No. 63; No. 2); investor status is checked by hand.",
        ),
        tiers: &[INNOV, SPEC, GIANT],
    },
];

const BASICS: &[Question] = &[
    Question {
        field: FieldId::Industry,
        year: 0,
        kind: QKind::Choice,
        label: None,
        help: bi(
            "按《中小企业划型标准规定》（工信部联企业〔2011〕300号）第四条的行业划分。",
            "As divided in art. 4 of the SME size standard (No. 300, 2011).",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::FiguresBasis,
        year: 0,
        kind: QKind::Choice,
        label: None,
        help: bi(
            "认定以企业会计准则为准；集团企业合并报表可能超出中小企业范围。",
            "Recognition follows the accounting standards; consolidated group figures may exceed the SME bounds.",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::Employees,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "划型（300号）[；科技型中小企业不超过{tech_sme:employees}人]。",
            "Size class (No. 300)[; Tech-based SME at most {tech_sme:employees}].",
        ),
        unit: PEOPLE,
        tiers: &[SME, TECH, INNOV, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::SegmentStart,
        year: 0,
        kind: QKind::Month,
        label: None,
        help: bi(
            "截至上年末从事特定细分市场的完整年数（[专精特新{specialized_sme:segment_years}年][，小巨人{little_giant:segment_years}年]）。",
            "Complete years in the segment at the end of last year ([Specialized {specialized_sme:segment_years}][, Little Giant {little_giant:segment_years}]).",
        ),
        unit: None,
        tiers: &[SPEC, GIANT],
        when: None,
    },
];

const RD_IP: &[Question] = &[
    Question {
        field: FieldId::RdStaff,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "研发人员占比（63号附件2 指标12[；小巨人5000万以下分支{little_giant:rd_staff_ratio}]）。",
            "R&D staff share (No. 63 annex 2 item 12[; Little Giant under-5000万 branch {little_giant:rd_staff_ratio}]).",
        ),
        unit: PEOPLE,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::TechStaff,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "科技人员占职工总数比例（科技型中小企业，满分20分）。",
            "Share of S&T staff (Tech-based SME, 20 points).",
        ),
        unit: PEOPLE,
        tiers: &[TECH],
        when: None,
    },
    Question {
        field: FieldId::Class1SelfDeveloped,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "只计与主导产品（见本步说明）相关、有效的：发明专利、集成电路布图设计、植物新品种等。2026版只计本项（2号附件3（七））。",
            "Only valid rights related to the main product (see this step's note): invention patents, IC layouts, plant varieties etc. The 2026 rules count only this item (No. 2 annex 3 (七)).",
        ),
        unit: ITEMS,
        tiers: &[INNOV, TECH, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1Applied,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "[专精特新至少{specialized_sme:class1_applied_2026}项][，小巨人至少{little_giant:class1_applied_2026}项，只计上一项（2号附件1、2）][小巨人至少{little_giant:class1_applied_63}项，下面两类也计入（63号附件3）]。",
            "[Specialized ≥ {specialized_sme:class1_applied_2026}][; Little Giant ≥ {little_giant:class1_applied_2026}, counting the item above only (No. 2 annexes 1, 2)][Little Giant ≥ {little_giant:class1_applied_63}, also counting the two kinds below (No. 63 annex 3)].",
        ),
        unit: ITEMS,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1OwnNotTop3,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "仅2022版计入：63号无排名要求；2026版要求排名前三（2号附件3（七））。",
            "2022 rules only: No. 63 sets no rank; 2026 requires the first three (No. 2 annex 3 (七)).",
        ),
        unit: ITEMS,
        tiers: &[INNOV, TECH, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1OwnNotTop3Applied,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "计入小巨人（2022）“拥有2项以上…Ⅰ类知识产权，且实际应用并已产生经济效益”（63号附件3）。",
            "Counts toward Little Giant (2022): 2 or more Class I rights, applied with economic benefit (No. 63 annex 3).",
        ),
        unit: ITEMS,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1TransferredIn,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "63号附件4：均不包含转让未满1年的知识产权；2026版不含转入（2号附件3（七））。",
            "No. 63 annex 4 excludes rights transferred in less than a year ago; 2026 counts no transferred-in right (No. 2 annex 3 (七)).",
        ),
        unit: ITEMS,
        tiers: &[INNOV, TECH, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1TransferredInApplied,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "计入小巨人（2022）“拥有2项以上…Ⅰ类知识产权，且实际应用并已产生经济效益”（63号附件3）。",
            "Counts toward Little Giant (2022): 2 or more Class I rights, applied with economic benefit (No. 63 annex 3).",
        ),
        unit: ITEMS,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::Class1HighValue,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "海外同族专利、维持超过10年、较高质押融资、获国家科学技术奖或中国专利奖（63号附件4）。",
            "Foreign family patents, kept over 10 years, high pledge financing, national science or patent awards (No. 63 annex 4).",
        ),
        unit: ITEMS,
        tiers: &[INNOV, SPEC],
        when: None,
    },
    Question {
        field: FieldId::Class2,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "与主导产品相关的软件著作权、授权后维持超过2年的实用新型或外观设计专利，不含转让未满1年的（63号附件4）。其余的填下一项。",
            "Software copyrights related to the main product; utility or design patents kept over 2 years after grant; none transferred in under a year ago (No. 63 annex 4). Others go in the next question.",
        ),
        unit: ITEMS,
        tiers: &[INNOV, TECH, SPEC],
        when: None,
    },
    Question {
        field: FieldId::Class2Recent,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "仅科技型中小企业计入，按高新技术企业口径，不要求维持年限（国科发政〔2017〕115号）。",
            "Tech-based SME only: the high-tech enterprise definition sets no holding period (No. 115, 2017).",
        ),
        unit: ITEMS,
        tiers: &[TECH],
        when: None,
    },
    Question {
        field: FieldId::RdInstitute,
        year: 0,
        kind: QKind::Choice,
        label: None,
        help: bi(
            "企业技术中心、工程研究中心、重点实验室等，以认定文件为准。",
            "Enterprise technology centre, engineering centre, key laboratory…, as recognised.",
        ),
        unit: None,
        tiers: &[INNOV, TECH, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::HighTechEnterprise,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "创新型、科技型直通条件。",
            "A direct route for Innovative and Tech-based SME.",
        ),
        unit: None,
        tiers: &[INNOV, TECH],
        when: None,
    },
    Question {
        field: FieldId::InnovationHonours,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "创新型直通条件（63号附件1）。",
            "Innovative SME direct route (No. 63 annex 1).",
        ),
        unit: None,
        tiers: &[INNOV],
        when: None,
    },
    Question {
        field: FieldId::LedStandard5y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("科技型直通条件。", "Tech-based SME direct route."),
        unit: None,
        tiers: &[TECH],
        when: None,
    },
    Question {
        field: FieldId::ChuangkeTop500In3y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "专精特新（2022）直通条件。",
            "Specialized SME (2022) direct route.",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::ChuangkeTop50In3y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "小巨人（2022）创新直通条件。",
            "Little Giant (2022) direct route.",
        ),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
];

const QUALITY: &[Question] = &[
    Question {
        field: FieldId::DigitalLevel,
        year: 0,
        kind: QKind::Choice,
        label: None,
        help: bi(
            "在优质中小企业梯度培育平台免费自评（工信厅企业〔2024〕56号）；63号附件2 指标5。",
            "Free self-test on the platform (No. 56, 2024); No. 63 annex 2 item 5.",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::ProvincialQualityAward,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "质量管理水平（63号附件2 指标6）。",
            "Quality management (No. 63 annex 2 item 6).",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::QualityCertification,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "质量管理水平（63号附件2 指标6）。",
            "Quality management (No. 63 annex 2 item 6).",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::OwnBrand,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "商标已注册或产品已实现收入（63号）；小巨人（2022）特色化要求。",
            "Registered trademark or products with revenue (No. 63); Little Giant (2022).",
        ),
        unit: None,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::StandardsParticipation,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "质量管理水平（63号附件2 指标6）。",
            "Quality management (No. 63 annex 2 item 6).",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::InfoSystem,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("小巨人（2022）精细化。", "Little Giant (2022) refinement."),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::ManagementCertification,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("小巨人（2022）精细化。", "Little Giant (2022) refinement."),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
];

const MARKET: &[Question] = &[
    Question {
        field: FieldId::StrategicEmerging,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "创新型指标5（10分，否则5分）。",
            "Innovative item 5 (10 points, else 5).",
        ),
        unit: None,
        tiers: &[INNOV],
        when: None,
    },
    Question {
        field: FieldId::SixFoundations,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "专精特新（2022）指标4；小巨人领域要求。",
            "Specialized (2022) item 4; Little Giant field.",
        ),
        unit: None,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::KeyChainResults,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "专精特新（2022）指标4 A档；需人工核验。",
            "Specialized (2022) item 4 band A; checked by hand.",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::TimeHonouredOrChainLeader,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "专精特新（2022）指标4 B档。",
            "Specialized (2022) item 4 band B.",
        ),
        unit: None,
        tiers: &[SPEC],
        when: None,
    },
    Question {
        field: FieldId::TenKeyIndustries,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("小巨人（2022）主导产品领域。", "Little Giant (2022) field."),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::CyberPower,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("小巨人（2022）主导产品领域。", "Little Giant (2022) field."),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::IndustryUpgrade,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "小巨人（2026）第（六）项。",
            "Little Giant (2026) item (六).",
        ),
        unit: None,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::ShareDomestic,
        year: 0,
        kind: QKind::Number(Kind::Percent),
        label: None,
        help: bi(
            "小巨人：[{little_giant:share_domestic}以上][或国内前{little_giant:domestic_rank}]；2026年如实说明即可。",
            "Little Giant: [{little_giant:share_domestic} or more][ or top {little_giant:domestic_rank} in China]; self-declared in 2026.",
        ),
        unit: PCT,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::ShareInternational,
        year: 0,
        kind: QKind::Number(Kind::Percent),
        label: None,
        help: bi(
            "小巨人（2026）第（五）项。",
            "Little Giant (2026) item (五).",
        ),
        unit: PCT,
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::DomesticRank,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "小巨人（2026）：国内前三名。",
            "Little Giant (2026): top three in China.",
        ),
        unit: Some(bi("名", "")),
        tiers: &[GIANT],
        when: None,
    },
    Question {
        field: FieldId::GlobalRank,
        year: 0,
        kind: QKind::Number(Kind::Count),
        label: None,
        help: bi(
            "单项冠军：全球前3位（工信部政法〔2023〕138号）。",
            "Single Champion: global top 3 (No. 138, 2023).",
        ),
        unit: Some(bi("名", "")),
        tiers: &[CHAMP],
        when: None,
    },
    Question {
        field: FieldId::FieldStart,
        year: 0,
        kind: QKind::Month,
        label: None,
        help: bi(
            "单项冠军：[{single_champion:field_years}年及以上]（新产品另计）。",
            "Single Champion: [{single_champion:field_years} years or more] (new products counted apart).",
        ),
        unit: None,
        tiers: &[CHAMP],
        when: None,
    },
    Question {
        field: FieldId::NewProduct,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "单项冠军新产品5年即可。",
            "Single Champion: 5 years suffice for a new product.",
        ),
        unit: None,
        tiers: &[CHAMP],
        when: None,
    },
];

const COMPLIANCE: &[Question] = &[
    Question {
        field: FieldId::TitleInnovativeSme,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("专精特新申报前提。", "Prerequisite for Specialized SME."),
        unit: None,
        tiers: &[INNOV, SPEC],
        when: None,
    },
    Question {
        field: FieldId::TitleInnovativeSmeYear,
        year: 0,
        kind: QKind::Year,
        label: None,
        help: TITLE_YEAR_HELP,
        unit: YEAR,
        tiers: &[INNOV, SPEC],
        when: Some(FieldId::TitleInnovativeSme),
    },
    Question {
        field: FieldId::TitleTechSme,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "2026版专精特新：科技型或创新型称号。",
            "2026 Specialized SME: Tech-based or Innovative title.",
        ),
        unit: None,
        tiers: &[TECH, SPEC],
        when: None,
    },
    Question {
        field: FieldId::TitleSpecializedSme,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "小巨人申报前提；持有者不再参与创新型评价。",
            "Prerequisite for Little Giant; holders no longer take part in Innovative SME.",
        ),
        unit: None,
        tiers: &[INNOV, SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::TitleSpecializedSmeYear,
        year: 0,
        kind: QKind::Year,
        label: None,
        help: TITLE_YEAR_HELP,
        unit: YEAR,
        tiers: &[SPEC, GIANT],
        when: Some(FieldId::TitleSpecializedSme),
    },
    Question {
        field: FieldId::TitleLittleGiant,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "持有者不再参与创新型评价。",
            "Holders no longer take part in Innovative SME.",
        ),
        unit: None,
        tiers: &[INNOV, GIANT, CHAMP],
        when: None,
    },
    Question {
        field: FieldId::TitleLittleGiantYear,
        year: 0,
        kind: QKind::Year,
        label: None,
        help: TITLE_YEAR_HELP,
        unit: YEAR,
        tiers: &[GIANT],
        when: Some(FieldId::TitleLittleGiant),
    },
    Question {
        field: FieldId::TitleSingleChampion,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "单项冠军企业不再推荐为小巨人。",
            "Champions are not recommended as Little Giants.",
        ),
        unit: None,
        tiers: &[GIANT, CHAMP],
        when: None,
    },
    Question {
        field: FieldId::TitleSingleChampionYear,
        year: 0,
        kind: QKind::Year,
        label: None,
        help: TITLE_YEAR_HELP,
        unit: YEAR,
        tiers: &[CHAMP],
        when: Some(FieldId::TitleSingleChampion),
    },
    Question {
        field: FieldId::PlatformScore,
        year: 0,
        kind: QKind::Number(Kind::Points),
        label: Some(bi(
            "本年度中小企业专精特新发展评价得分",
            "This year's SRDI development score",
        )),
        help: bi(
            "在优质中小企业梯度培育平台查询（工信厅企业〔2024〕75号）[；专精特新{specialized_sme:platform_score}分][；小巨人{little_giant:platform_score}分]。",
            "Look it up on the quality-SME platform (No. 75, 2024)[; Specialized {specialized_sme:platform_score}][; Little Giant {little_giant:platform_score}].",
        ),
        unit: PTS,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::PlatformScore,
        year: -1,
        kind: QKind::Number(Kind::Points),
        label: Some(bi(
            "上年度发展评价得分（复核企业）",
            "Last year's development score (re-review)",
        )),
        help: bi(
            "复核企业近两年任意一年达标即可。",
            "A re-review firm may use either of the last two years.",
        ),
        unit: PTS,
        tiers: &[SPEC, GIANT],
        when: None,
    },
    Question {
        field: FieldId::RegisteredInChina,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "基本条件（63号第三条）。",
            "Base condition (No. 63 art. 3).",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::IndependentLegalPerson,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("基本条件。", "Base condition."),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::OnAbnormalOperationsList,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "列入则不符合基本条件。",
            "Being listed fails the base conditions.",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::OnSeriousDishonestyList,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "列入则不符合基本条件。",
            "Being listed fails the base conditions.",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::ProductsRestricted,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("属于则不符合基本条件。", "If so, the base conditions fail."),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::MajorIncident3y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "以监管部门和行业主管部门判定结果为准。",
            "As found by the regulators.",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::TaxViolation3y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi("基本条件。", "Base condition."),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::DataFraud3y,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "2026办法新增；撤销称号且3年内不得申报。",
            "New in the 2026 measures; the title is withdrawn for 3 years.",
        ),
        unit: None,
        tiers: ALL,
        when: None,
    },
    Question {
        field: FieldId::ResearchMisconduct,
        year: 0,
        kind: QKind::YesNo,
        label: None,
        help: bi(
            "科技型中小企业基本条件（国科发政〔2017〕115号）。",
            "Tech-based SME condition (No. 115).",
        ),
        unit: None,
        tiers: &[TECH],
        when: None,
    },
];

pub const STEPS: [StepDef; 6] = [
    StepDef {
        title: bi("基本情况", "The firm"),
        intro: bi(
            "行业、口径、人数和细分市场年限。",
            "Industry, basis of the figures, headcount and years in the segment.",
        ),
        questions: BASICS,
        extras: &[],
    },
    StepDef {
        title: bi("财务", "Finances"),
        intro: bi(
            "近三年数据并列填写，单位万元；可输入“1.5亿”“３０００”“1,234.5”。",
            "Three years side by side, in units of CNY 10,000 (万元): 3,000 means CNY 30 million; “1.5亿” (CNY 150 million), “３０００” and “1,234.5” are all understood.",
        ),
        questions: &[],
        extras: &[Extra::Finance],
    },
    StepDef {
        title: bi("研发与知识产权", "R&D and IP"),
        intro: bi(
            "研发人员、知识产权、研发机构和荣誉。知识产权只计与主导产品相关的；主导产品指企业核心技术在其中发挥重要作用，且收入之和占同期营业收入比重超过50%（恰为50%不算）的产品（2号附件3（三）；63号按同一口径）。Ⅰ类按来源分三项填写，每项权利只填一次；“其中”项是上一项的一部分。",
            "R&D staff, IP rights, R&D institutions and honours. Only IP related to the main product counts: products in which the firm's core technology plays an important role and whose revenue together is over 50% of the period's revenue (exactly 50% is not enough; No. 2 annex 3 (三), No. 63 read the same way). Class I rights are split by origin into three questions, each right in one; an “of these” question counts part of the one above.",
        ),
        questions: RD_IP,
        extras: &[Extra::Awards],
    },
    StepDef {
        title: bi("质量与数字化", "Quality and digital"),
        intro: bi(
            "质量管理、品牌和数字化水平。",
            "Quality management, brand and digital maturity.",
        ),
        questions: QUALITY,
        extras: &[],
    },
    StepDef {
        title: bi("市场与产品", "Market and product"),
        intro: bi(
            "主导产品所属领域和市场地位。主导产品：企业核心技术在其中发挥重要作用，且收入之和超过同期营业收入50%的产品（2号附件3（三））。",
            "The main product's field and market position. Main product: products in which the firm's core technology plays an important role and whose revenue together is over 50% of the period's revenue (No. 2 annex 3 (三)).",
        ),
        questions: MARKET,
        extras: &[],
    },
    StepDef {
        title: bi("荣誉资质与合规", "Titles and compliance"),
        intro: bi(
            "已获称号、平台评价得分和基本条件。",
            "Titles held, the platform score and the base conditions.",
        ),
        questions: COMPLIANCE,
        extras: &[Extra::ProvinceItems],
    },
];

/// A help text with the thresholds of the rules in force filled in: `{tier:metric}` is the
/// value of the first condition on that metric in the tier's rule file for the chosen date and
/// path (the number is never written in the text); a part in `[…]` is left out when a value in
/// it has no rule in force (e.g. a condition only the 2026 standard has). Outside `[…]` an
/// unknown value shows as “—”.
pub fn help_text(text: &str, opts: Option<&srdi_engine::Options>) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let value = |key: &str| -> Option<String> {
        let (tier, metric) = key.split_once(':')?;
        let metric = srdi_engine::metrics::Metric::from_name(metric)?;
        let tier = srdi_engine::Tier::from_key(tier)?;
        let t = srdi_engine::lookup::threshold(crate::state::book(), tier, metric, opts?)?;
        Some(match t.unit {
            srdi_engine::metrics::Unit::Percent => format!("{}%", t.value),
            _ => t.value.to_string(),
        })
    };
    // Fills a part; None when a value in it is unknown.
    let fill = |part: &str| -> Option<String> {
        let mut out = String::new();
        let mut rest = part;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find('}')? + i;
            out.push_str(&value(&rest[i + 1..end])?);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    };
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        let Some(end) = rest[i..].find(']').map(|e| e + i) else {
            break;
        };
        out.push_str(&fill(&rest[..i]).unwrap_or_else(|| "—".into()));
        out.push_str(&fill(&rest[i + 1..end]).unwrap_or_default());
        rest = &rest[end + 1..];
    }
    out.push_str(&fill(rest).unwrap_or_else(|| "—".into()));
    out
}

/// The step (1-based) that asks for `field`: the step whose questions or
/// editors hold it, else its section's step (where `table_questions` asks it).
pub fn step_of(field: &srdi_engine::metrics::Field) -> Option<usize> {
    use srdi_engine::metrics::Field;
    let extra = |e: Extra| {
        STEPS
            .iter()
            .position(|s| s.extras.contains(&e))
            .map(|i| i + 1)
    };
    let id = match field {
        Field::Item(_) => return extra(Extra::ProvinceItems),
        Field::AwardRank(_) => return extra(Extra::Awards),
        Field::Year(..) => return extra(Extra::Finance),
        _ => field.id()?.0,
    };
    if id == FieldId::Awards {
        return extra(Extra::Awards);
    }
    if FINANCE.iter().any(|r| r.field == id) {
        return extra(Extra::Finance);
    }
    STEPS
        .iter()
        .position(|s| s.questions.iter().any(|q| q.field == id))
        .map(|i| i + 1)
        .or_else(|| step_of_section(id.parts().0))
}

/// The answers step `n` asks for the chosen tiers, by profile path: its
/// questions (a follow-up only while `shown` says its yes/no question is
/// answered yes), the finance table's cells for the three years it shows, and
/// the awards list. What the step's progress counts.
pub fn step_paths(
    n: usize,
    tiers: &[Tier],
    year: i32,
    shown: impl Fn(FieldId) -> bool,
) -> Vec<String> {
    let wanted = |ts: &[Tier]| ts.iter().any(|t| tiers.contains(t));
    let Some(def) = STEPS.get(n.wrapping_sub(1)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = def
        .questions
        .iter()
        .chain(table_questions(n))
        .filter(|q| wanted(q.tiers) && q.when.is_none_or(&shown))
        .map(|q| q.path_for(year))
        .collect();
    for e in def.extras.iter().filter(|e| wanted(e.tiers())) {
        match e {
            Extra::Finance => {
                for r in FINANCE.iter().filter(|r| wanted(r.tiers)) {
                    out.extend((1..=3).map(|k| r.field.path_for(year - k)));
                }
            }
            Extra::Awards => out.push(FieldId::Awards.path()),
            Extra::ProvinceItems => {}
        }
    }
    out
}

/// Which step asks the fields of a section of the profile.
fn step_of_section(section: &str) -> Option<usize> {
    match section {
        "staff" => Some(1),
        "ip" | "honours" => Some(3),
        "quality" => Some(4),
        "product" | "market" => Some(5),
        "base" | "titles" => Some(6),
        _ => None,
    }
}

/// The fields of the engine's field table that no question above asks, each
/// as a plain question in its section's step, asked for the tiers whose rules
/// read it: a new field needs no entry here to be asked (it gets its label from
/// the table and no help text until one is written above).
pub fn table_questions(step: usize) -> &'static [Question] {
    static ASKED: std::sync::OnceLock<Vec<Vec<Question>>> = std::sync::OnceLock::new();
    let steps = ASKED.get_or_init(|| {
        let mut steps = vec![Vec::new(); STEPS.len()];
        let asked = |f: FieldId| {
            STEPS.iter().flat_map(|s| s.questions).any(|q| q.field == f)
                || FINANCE.iter().any(|r| r.field == f)
        };
        for &f in FieldId::ALL.iter().filter(|&&f| !asked(f)) {
            let Some(n) = step_of_section(f.parts().0) else {
                continue;
            };
            let kind = match f.kind() {
                FieldKind::Flag => QKind::YesNo,
                FieldKind::Count | FieldKind::Rank | FieldKind::Level => QKind::Number(Kind::Count),
                FieldKind::WanYuan => QKind::Number(Kind::WanYuan),
                FieldKind::SignedWanYuan => QKind::Number(Kind::SignedWanYuan),
                FieldKind::Percent => QKind::Number(Kind::Percent),
                FieldKind::Month => QKind::Month,
                FieldKind::TitleYear => QKind::Year,
                // Fields of their own shape have their own editors.
                FieldKind::Choice | FieldKind::Points | FieldKind::Awards => continue,
            };
            let read = srdi_engine::fields::tiers_reading(crate::state::book(), f);
            // The base conditions are part of every tier above 划型.
            let tiers: Vec<Tier> = ALL
                .iter()
                .copied()
                .filter(|t| read.contains(&t.key()) || (read.contains(&"base") && *t != SME))
                .collect();
            if tiers.is_empty() {
                continue;
            }
            steps[n - 1].push(Question {
                field: f,
                year: 0,
                kind,
                label: None,
                help: bi("", ""),
                unit: None,
                tiers: Vec::leak(tiers),
                when: None,
            });
        }
        steps
    });
    steps.get(step.wrapping_sub(1)).map_or(&[], Vec::as_slice)
}

/// What a profile field the engine names (a missing figure, a change to make) is called on
/// screen: its label in the field table, with the year for yearly figures. A “of these” question
/// carries the question it refers to. None for a path outside the table (a pack item).
pub fn field_label(path: &str, lang: Lang) -> Option<String> {
    let (field, year) = FieldId::from_path(path)?;
    Some(label_of(field, year, lang))
}

/// What field `field` (of fiscal year `year`, when yearly) is called on screen; see
/// [`field_label`].
pub fn label_of(field: FieldId, year: Option<i32>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let label = field_bi(field).get(lang);
    if let Some(y) = year {
        return format!("{label} {y}");
    }
    let mut above: Option<&Question> = None;
    for q in STEPS.iter().flat_map(|s| s.questions) {
        let part = q.label().zh.starts_with("其中");
        if q.field == field {
            return match above.filter(|_| part) {
                Some(a) if zh => format!("{}：{label}", a.label().zh),
                Some(a) => format!("{}: {label}", a.label().en),
                None => label.to_string(),
            };
        }
        if !part {
            above = Some(q);
        }
    }
    label.to_string()
}

/// The official terms a question's answer rests on (ids in the rule book's terms file,
/// `rules/terms/terms.json`): each is explained, with its source, below the question.
pub fn terms_of(f: FieldId) -> &'static [&'static str] {
    match f {
        FieldId::Class1SelfDeveloped
        | FieldId::Class1TransferredIn
        | FieldId::Class1HighValue
        | FieldId::Class1OwnNotTop3 => &["class1_ip", "class1_ip_2026", "main_product"],
        FieldId::Class2 => &["class2_ip", "main_product"],
        FieldId::StrategicEmerging | FieldId::ShareDomestic => &["main_product"],
        FieldId::SixFoundations => &["six_foundations"],
        FieldId::KeyChainResults => &["key_chain"],
        FieldId::PlatformScore => &["platform_score"],
        _ => &[],
    }
}

/// The terms the finance table rests on.
pub const FINANCE_TERMS: &[&str] = &["last_year", "main_revenue"];
