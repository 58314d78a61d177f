//! 简体中文 (source language).

use super::K;

pub fn text(k: K) -> &'static str {
    match k {
        K::AppName => "专精特新自测",
        K::HostInvalid => {
            "嵌入设置有误（请网站管理员改正）：URL 参数 host 无效，本页不向宿主页面发送、也不接收任何消息。"
        }
        K::Tagline => "优质中小企业梯度培育自测：看看企业离创新型、专精特新、“小巨人”还差什么",
        K::KioskNotice => {
            "公用设备：您输入的内容不会保存在本机；无人操作一段时间后，页面会提示并清除全部内容。"
        }
        K::Privacy => "所有数据只在本机浏览器中计算，不会上传到任何地方。",
        K::NotOfficial => "本工具是自测，不是官方认定结论；以主管部门的认定为准。",
        K::SkipToContent => "跳到正文",
        K::NavStart => "开始",
        K::NavQuestions => "填写",
        K::NavResults => "结果",
        K::NavCompare => "2022与2026对比",
        K::NavRules => "规则",
        K::MainNav => "主导航",
        K::Language => "English",
        K::LargeText => "大字模式",
        K::StartTitle => "开始自测",
        K::StartWhat => {
            "按《优质中小企业梯度培育管理办法》等文件，逐条计算企业在中小企业划型、创新型、科技型、专精特新、“小巨人”、制造业单项冠军各层级是否符合条件，给出依据和最小改进方案。"
        }
        K::StartWhatNot => {
            "不清楚的项目可以选“不清楚”，结果会标明还缺哪些数据。平台评价得分等须从优质中小企业梯度培育平台查询后填写。"
        }
        K::AssessmentDate => "自测日期（申报日期）",
        K::AssessmentDateHelp => "决定适用哪一版规则；“上年度”指这一年的前一年。",
        K::ApplicantPath => "申报类型",
        K::PathAuto => "按持有称号自动判断（默认）",
        K::PathNew => "新申报",
        K::PathReview => "复核",
        K::PathHelp => "默认：持有该层级称号的按复核，否则按新申报。",
        K::PathPerTier => "为单个层级指定申报类型（可选）",
        K::PathFollow => "同上面的选择",
        K::Province => "所在省份",
        K::ProvinceNone => "不选择",
        K::ProvinceHelp => "用于省级及格线和特色化指标（可不选）。",
        K::RulesVersion => "规则版本",
        K::RulesAuto => "按日期自动选择",
        K::RulesEdition => "版",
        K::TiersToCheck => "要自测的层级",
        K::StartButton => "开始填写",
        K::Back => "上一步",
        K::Next => "下一步",
        K::SeeResults => "查看结果",
        K::Yes => "是",
        K::No => "否",
        K::Unknown => "不清楚",
        K::BlankIsUnknown => {
            "数字栏留空即表示“不清楚”；选择题可选“不清楚”。结果会列出还缺哪些数据。"
        }
        K::LiveSummary => "实时结果",
        K::Verdict => "结论",
        K::VerdictQualified => "符合",
        K::VerdictNotQualified => "不符合",
        K::VerdictNeedsReview => "需人工核验",
        K::VerdictIncomplete => "信息不全",
        K::MissingFigures => "还需填写",
        K::ResultsTitle => "自测结果",
        K::ResultsIntro => "每个层级的结论、逐条依据和最小改进方案。",
        K::RuleSet => "适用规则",
        K::EffectiveFrom => "适用起始日",
        K::Checks => "逐条核对",
        K::GapPlan => "改进方案",
        K::NextStep => "现实的下一步",
        K::Evidence => "申报需准备的材料",
        K::Citation => "依据原文",
        K::Figures => "所用数据",
        K::Confidence => "可信度",
        K::QuoteNotSeen => "原文未见：此条件据参考资料转述，措辞未经官方文本核对。",
        K::Manual => "需人工核验",
        K::Print => "打印报告 / 存为 PDF",
        K::DownloadResult => "下载结果（JSON）",
        K::TakeHome => "用手机带走结果（二维码）",
        K::TakeHomeNote => {
            "用手机相机扫描二维码，结论以文字留在您的手机上；本机不保存任何文件，离开时一并清除。二维码只含各层级结论和原因，不含您填写的数字和企业名称。"
        }
        K::TakeHomeCode => "二维码：本页结论摘要",
        K::TakeHomeText => "二维码中的文字",
        K::ExportProfile => "导出填写内容",
        K::ImportProfile => "导入填写内容",
        K::ImportOk => "已导入。",
        K::ImportFailed => "未导入，当前填写内容保持不变：",
        K::Remember => "在本机保存草稿",
        K::Forget => "清除全部数据",
        K::Forgotten => "已清除本设备上的全部填写内容。",
        K::CompareTitle => "2022版与2026版规则对比",
        K::CompareIntro => "同一组填写内容，分别按2022版和2026版标准计算。",
        K::RulesTitle => "全部规则及依据",
        K::RulesIntro => "每一条规则的原文、文号、条款和可信度，便于对照文件核验本工具。",
        K::Applies => "适用范围",
        K::Documents => "依据文件",
        K::AwardLevel => "级别",
        K::AwardNational => "国家级",
        K::AwardProvincial => "省级",
        K::AwardMinisterial => "部级（国务院部委）",
        K::AwardYear => "获奖年份",
        K::AwardRank => "获奖单位排名",
        K::AddAward => "添加一项奖励",
        K::Remove => "删除",
        K::Consistency => "请核对",
        K::MainAboveRevenue => "主营业务收入高于营业收入，请核对。",
        K::LiabilitiesNoAssets => "填写了负债但资产为 0 或未填写，请核对。",
        K::RdAboveRevenue => "研发费用高于营业收入，请核对。",
        K::ProvincialItems => "本省特色化指标",
        K::StatusPass => "通过",
        K::StatusFail => "未通过",
        K::StatusUnknown => "缺数据",
        K::StatusManual => "需人工核验",
        K::NotFound => "页面不存在。",
        K::PrintFull => "打印含全部核查明细",
        K::CompanyName => "报告上的企业名称（可选，只在本机）",
        K::DraftsOn => "已填内容自动保存在本浏览器中，只在本机，不会上传；取消勾选即删除。",
        K::DraftsOff => "未保存草稿：刷新或关闭页面后，已填内容会丢失。",
        K::DraftsFailed => {
            "无法保存：本浏览器禁用了本地存储，或存储空间已满。请用“导出填写内容”保存。"
        }
        K::DraftsFile => "单文件版不在本机保存草稿；离开前请用结果页的“导出填写内容”保存。",
        K::DraftUnreadable => {
            "本机保存的草稿无法被此版本读取（可能来自更新的版本），已原样保留，不会被覆盖。可下载原文，或删除后重新开始保存草稿。"
        }
        K::DraftDownload => "下载保存的原文",
        K::DraftDelete => "删除它并开始保存草稿",
        K::ReportFor => "自测报告",
    }
}
