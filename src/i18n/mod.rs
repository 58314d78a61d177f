//! Interface text in zh-CN (the source language) and English.
//!
//! Every string the interface shows has a key in [`K`]; each locale file is one
//! exhaustive `match`, so a key without a translation does not compile.
//! Question texts, which come in pairs with their question, are [`Bi`] values
//! in `questions.rs` (both languages required by the type).

mod en;
mod zh;

use leptos::prelude::*;

/// Interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The browser's preferred language, zh unless it prefers English.
    pub fn from_browser() -> Lang {
        let nav = window().navigator();
        let first = nav.language().unwrap_or_default().to_ascii_lowercase();
        if first.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bi {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Bi {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Picks one of two owned texts by language.
pub fn pick<T: Clone>(lang: Lang, zh: &T, en: &T) -> T {
    match lang {
        Lang::Zh => zh.clone(),
        Lang::En => en.clone(),
    }
}

/// Interface text keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    AppName,
    Tagline,
    Privacy,
    KioskNotice,
    NotOfficial,
    SkipToContent,
    NavStart,
    NavQuestions,
    NavResults,
    NavCompare,
    NavRules,
    MainNav,
    Language,
    LargeText,
    StartTitle,
    StartWhat,
    StartWhatNot,
    AssessmentDate,
    AssessmentDateHelp,
    ApplicantPath,
    PathAuto,
    PathNew,
    PathReview,
    PathHelp,
    PathPerTier,
    PathFollow,
    Province,
    ProvinceNone,
    ProvinceHelp,
    RulesVersion,
    RulesAuto,
    /// After a version label: `2026版`, `2026 standard`.
    RulesEdition,
    TiersToCheck,
    StartButton,
    Back,
    Next,
    SeeResults,
    Yes,
    No,
    Unknown,
    BlankIsUnknown,
    LiveSummary,
    Verdict,
    VerdictQualified,
    VerdictNotQualified,
    VerdictNeedsReview,
    VerdictIncomplete,
    MissingFigures,
    ResultsTitle,
    ResultsIntro,
    RuleSet,
    EffectiveFrom,
    Checks,
    GapPlan,
    NextStep,
    Evidence,
    Citation,
    Figures,
    Confidence,
    QuoteNotSeen,
    Manual,
    Print,
    DownloadResult,
    TakeHome,
    TakeHomeNote,
    TakeHomeCode,
    TakeHomeText,
    ExportProfile,
    ImportProfile,
    ImportOk,
    ImportFailed,
    Remember,
    Forget,
    Forgotten,
    CompareTitle,
    CompareIntro,
    RulesTitle,
    RulesIntro,
    Applies,
    Documents,
    AwardLevel,
    AwardNational,
    AwardProvincial,
    AwardMinisterial,
    AwardYear,
    AwardRank,
    AddAward,
    Remove,
    Consistency,
    MainAboveRevenue,
    LiabilitiesNoAssets,
    RdAboveRevenue,
    ProvincialItems,
    StatusPass,
    StatusFail,
    StatusUnknown,
    StatusManual,
    NotFound,
    ReportFor,
    DraftUnreadable,
    DraftDownload,
    DraftDelete,
    DraftsOn,
    DraftsOff,
    DraftsFailed,
    DraftsFile,
    PrintFull,
    CompanyName,
    HostInvalid,
}

/// The text of `k` in the current language, as a signal. All interface
/// texts render through this one type, which keeps the bundle small (a
/// closure per text would each instantiate the renderer).
pub fn tr(k: K) -> Signal<&'static str> {
    let lang = crate::state::use_state().lang;
    Signal::derive(move || t(lang.get(), k))
}

/// A pair of texts from data (a rule file's words) in the current language, as the same
/// signal type as [`tr`]: one renderer for every such text.
pub fn say(zh: &'static str, en: &'static str) -> Signal<&'static str> {
    let lang = crate::state::use_state().lang;
    Signal::derive(move || if lang.get() == Lang::Zh { zh } else { en })
}

/// The text of `k` in `lang`.
pub fn t(lang: Lang, k: K) -> &'static str {
    match lang {
        Lang::Zh => zh::text(k),
        Lang::En => en::text(k),
    }
}
