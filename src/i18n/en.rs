//! English.

use super::K;

pub fn text(k: K) -> &'static str {
    match k {
        K::AppName => "SRDI Check",
        K::HostInvalid => {
            "Embedding set up wrongly (for the site's web team): the URL parameter host is invalid, so this page sends no message to the host page and accepts none."
        }
        K::Tagline => {
            "A self-check against China's quality-SME tiers: how far is your firm from Innovative SME, Specialized SME and Little Giant?"
        }
        K::KioskNotice => {
            "Shared screen: nothing you type is kept on this device. After a while without use, the page warns you and then clears everything."
        }
        K::Privacy => "Everything is computed in this browser; nothing you type is sent anywhere.",
        K::NotOfficial => {
            "This is a self-check, not an official decision; the authorities' recognition prevails."
        }
        K::SkipToContent => "Skip to content",
        K::NavStart => "Start",
        K::NavQuestions => "Questions",
        K::NavResults => "Results",
        K::NavCompare => "2022 vs 2026",
        K::NavRules => "Rules",
        K::MainNav => "Main navigation",
        K::Language => "中文",
        K::LargeText => "Large text",
        K::StartTitle => "Start the self-check",
        K::StartWhat => {
            "Following the quality-SME measures and related documents, it checks rule by rule whether the firm meets SME size, Innovative SME, Tech-based SME, Specialized SME, Little Giant and Single Champion conditions, with the grounds and the smallest changes that would qualify it."
        }
        K::StartWhatNot => {
            "Answer “Don't know” where you are unsure: the result lists what is still missing. Figures such as the platform score must be looked up on the quality-SME platform."
        }
        K::AssessmentDate => "Assessment (application) date",
        K::AssessmentDateHelp => {
            "Decides which rules apply; “last year” is the year before this one."
        }
        K::ApplicantPath => "Application type",
        K::PathAuto => "Decide by the titles held (default)",
        K::PathNew => "New application",
        K::PathReview => "Re-review",
        K::PathHelp => {
            "Default: a tier whose title you hold is a re-review, others new applications."
        }
        K::PathPerTier => "Set the application type for one tier (optional)",
        K::PathFollow => "Same as the choice above",
        K::Province => "Province",
        K::ProvinceNone => "None",
        K::ProvinceHelp => "For provincial pass marks and distinctive indicators (optional).",
        K::RulesVersion => "Rule version",
        K::RulesAuto => "By date (automatic)",
        K::RulesEdition => " standard",
        K::TiersToCheck => "Tiers to check",
        K::StartButton => "Start",
        K::Back => "Back",
        K::Next => "Next",
        K::SeeResults => "See results",
        K::Yes => "Yes",
        K::No => "No",
        K::Unknown => "Don't know",
        K::BlankIsUnknown => {
            "Leave a number blank for “don't know”; choices have a “Don't know” option. The result lists what is still missing."
        }
        K::LiveSummary => "Live result",
        K::Verdict => "Verdict",
        K::VerdictQualified => "Qualified",
        K::VerdictNotQualified => "Not qualified",
        K::VerdictNeedsReview => "Needs review",
        K::VerdictIncomplete => "Incomplete",
        K::MissingFigures => "Still needed",
        K::ResultsTitle => "Results",
        K::ResultsIntro => {
            "For each tier: the verdict, every check with its grounds, and the smallest changes that would qualify."
        }
        K::RuleSet => "Rules applied",
        K::EffectiveFrom => "Applies from",
        K::Checks => "Checks",
        K::GapPlan => "What to change",
        K::NextStep => "Realistic next step",
        K::Evidence => "Evidence an application asks for",
        K::Citation => "Rule text",
        K::Figures => "Figures used",
        K::Confidence => "Confidence",
        K::QuoteNotSeen => {
            "Official wording not seen: this condition is paraphrased from secondary sources."
        }
        K::Manual => "Check by hand",
        K::Print => "Print report / save as PDF",
        K::DownloadResult => "Download result (JSON)",
        K::TakeHome => "Take the result on your phone (QR code)",
        K::TakeHomeNote => {
            "Scan the code with your phone's camera: the verdicts stay on your phone as text. This device keeps no file, and everything here is wiped when you leave. The code holds each tier's verdict and reason, never the figures you typed or the company's name."
        }
        K::TakeHomeCode => "QR code: a summary of the verdicts on this page",
        K::TakeHomeText => "The text in the QR code",
        K::ExportProfile => "Export answers",
        K::ImportProfile => "Import answers",
        K::ImportOk => "Imported.",
        K::ImportFailed => "Not imported; your answers are unchanged:",
        K::Remember => "Keep a draft on this device",
        K::Forget => "Forget everything",
        K::Forgotten => "Everything stored on this device has been removed.",
        K::CompareTitle => "2022 and 2026 rules side by side",
        K::CompareIntro => "The same answers under the 2022 and the 2026 standards.",
        K::RulesTitle => "Every rule and its source",
        K::RulesIntro => {
            "Each rule with its wording, document number, article and confidence, to check this tool against the documents."
        }
        K::Applies => "Applies",
        K::Documents => "Documents",
        K::AwardLevel => "Level",
        K::AwardNational => "National",
        K::AwardProvincial => "Provincial",
        K::AwardMinisterial => "Ministerial",
        K::AwardYear => "Year awarded",
        K::AwardRank => "Rank among winners",
        K::AddAward => "Add an award",
        K::Remove => "Remove",
        K::Consistency => "Please check",
        K::MainAboveRevenue => "Main-business revenue is above total revenue.",
        K::LiabilitiesNoAssets => "Liabilities are given but assets are 0 or missing.",
        K::RdAboveRevenue => "R&D expense is above revenue.",
        K::ProvincialItems => "Provincial distinctive indicators",
        K::StatusPass => "Pass",
        K::StatusFail => "Fail",
        K::StatusUnknown => "Missing",
        K::StatusManual => "Check by hand",
        K::NotFound => "Page not found.",
        K::PrintFull => "Print with every check",
        K::CompanyName => "Company name for the report (optional, stays on this device)",
        K::DraftsOn => {
            "Your answers are saved in this browser as you type, on this device only, never sent anywhere; untick to delete them."
        }
        K::DraftsOff => "No draft kept: reloading or closing the page loses your answers.",
        K::DraftsFailed => {
            "Cannot save: this browser has storage turned off, or it is full. Use “Export answers” to keep them."
        }
        K::DraftsFile => {
            "The single-file version keeps no draft; before leaving, use “Export answers” on the results page."
        }
        K::DraftUnreadable => {
            "A draft saved on this device cannot be read by this version (perhaps a newer one saved it). It is kept as it is and will not be written over. Download it, or delete it to start keeping drafts again."
        }
        K::DraftDownload => "Download the saved text",
        K::DraftDelete => "Delete it and keep drafts",
        K::ReportFor => "Self-check report",
    }
}
