//! Figures that cannot all be true: more technical staff than staff, more
//! main-business revenue than revenue, a market entered after the assessment
//! date. Each is in range on its own, so the profile reader takes it; scored,
//! it would turn a verdict (500 technical staff of 120 would make 科技型 pass).
//! The command-line tool refuses such a profile; the app shows the message at
//! the field and assesses without the figure ([`without_conflicts`]).

use crate::date::Date;
use crate::fields::FieldId;
use crate::num::Ratio;
use crate::profile::{Profile, parse_year_month};

/// Liabilities above this many times the assets are taken as a slip of the
/// unit (a 资产负债率 over 1000%), not as a firm's accounts.
const LIABILITIES_PER_ASSETS: i128 = 10;

/// Why a figure cannot be right, given the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// A part (technical or R&D staff, main-business revenue) exceeds its whole.
    OverWhole {
        /// The whole it is part of.
        whole: FieldId,
    },
    /// Liabilities over ten times the assets of the same year.
    Implausible,
    /// A month after the assessment date.
    AfterDate,
}

/// One figure that conflicts with another, and the field that should change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The figure to look at (the part, not its whole).
    pub field: FieldId,
    /// Its fiscal year, for a yearly figure.
    pub year: Option<i32>,
    /// What is wrong.
    pub why: Why,
}

impl Conflict {
    /// The profile path of the figure (`years.2025.main_revenue`).
    pub fn path(&self) -> String {
        match self.year {
            Some(y) => self.field.path_for(y),
            None => self.field.path(),
        }
    }

    /// The message for the user, next to the field.
    pub fn message(&self, zh: bool) -> String {
        match (&self.why, zh) {
            (Why::OverWhole { whole }, true) => ["不能多于", whole.label_in(true), "，请核对。"].concat(),
            (Why::OverWhole { whole }, false) => [
                "Cannot be more than ",
                &whole.label_in(false).to_ascii_lowercase(),
                ": please check.",
            ]
            .concat(),
            (Why::Implausible, true) => {
                "超过同年资产总额的 10 倍，可能单位有误（本栏以万元计），请核对。".into()
            }
            (Why::Implausible, false) => {
                "More than ten times the same year's total assets: probably a unit slip (this field is in 万元).".into()
            }
            (Why::AfterDate, true) => "晚于评估日期，请核对。".into(),
            (Why::AfterDate, false) => "Later than the assessment date: please check.".into(),
        }
    }
}

/// The figures of `p` that conflict with others, assessed on `date`.
pub fn conflicts(p: &Profile, date: Date) -> Vec<Conflict> {
    let mut out = Vec::new();
    let s = &p.staff;
    for (part, f) in [
        (s.tech_staff, FieldId::TechStaff),
        (s.rd_staff, FieldId::RdStaff),
    ] {
        if let (Some(n), Some(all)) = (part, s.employees)
            && n > all
        {
            out.push(Conflict {
                field: f,
                year: None,
                why: Why::OverWhole {
                    whole: FieldId::Employees,
                },
            });
        }
    }
    for (key, y) in &p.years {
        let year = key.parse::<i32>().ok();
        if let (Some(main), Some(all)) = (y.main_revenue, y.revenue)
            && main.0.checked_cmp(all.0).is_some_and(|o| o.is_gt())
        {
            out.push(Conflict {
                field: FieldId::MainRevenue,
                year,
                why: Why::OverWhole {
                    whole: FieldId::Revenue,
                },
            });
        }
        if let (Some(debt), Some(assets)) = (y.total_liabilities, y.total_assets)
            && assets
                .0
                .checked_mul(Ratio::int(LIABILITIES_PER_ASSETS))
                .and_then(|cap| debt.0.checked_cmp(cap))
                .is_some_and(|o| o.is_gt())
        {
            out.push(Conflict {
                field: FieldId::TotalLiabilities,
                year,
                why: Why::Implausible,
            });
        }
    }
    for (month, f) in [
        (&p.product.segment_start, FieldId::SegmentStart),
        (&p.product.field_start, FieldId::FieldStart),
    ] {
        if let Some((y, m)) = month.as_deref().and_then(parse_year_month)
            && (y, m) > (date.year, date.month)
        {
            out.push(Conflict {
                field: f,
                year: None,
                why: Why::AfterDate,
            });
        }
    }
    out
}

/// `p` without its conflicting figures (each unknown instead), when it has any:
/// what can be computed is computed, and nothing impossible is scored.
pub fn without_conflicts(p: &Profile, date: Date) -> Option<Profile> {
    let found = conflicts(p, date);
    if found.is_empty() {
        return None;
    }
    let mut clean = p.clone();
    for c in &found {
        match (c.field, c.year) {
            (FieldId::TechStaff, _) => clean.staff.tech_staff = None,
            (FieldId::RdStaff, _) => clean.staff.rd_staff = None,
            (FieldId::MainRevenue, Some(y)) => clean.year_mut(y).main_revenue = None,
            (FieldId::TotalLiabilities, Some(y)) => clean.year_mut(y).total_liabilities = None,
            (FieldId::SegmentStart, _) => clean.product.segment_start = None,
            (FieldId::FieldStart, _) => clean.product.field_start = None,
            // `conflicts` names no other field.
            _ => {}
        }
    }
    Some(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Dec;

    fn on() -> Date {
        Date {
            year: 2026,
            month: 5,
            day: 1,
        }
    }

    #[test]
    fn parts_over_their_whole_and_dates_ahead_are_found_and_left_out() {
        let mut p = Profile::new();
        p.staff.employees = Some(120);
        p.staff.tech_staff = Some(500);
        p.staff.rd_staff = Some(120);
        p.year_mut(2025).revenue = Dec::parse("3000").ok();
        p.year_mut(2025).main_revenue = Dec::parse("3000.0001").ok();
        p.year_mut(2025).total_assets = Dec::parse("100").ok();
        p.year_mut(2025).total_liabilities = Dec::parse("1001").ok();
        p.product.segment_start = Some("2026-06".into());
        p.product.field_start = Some("2026-05".into());
        let found: Vec<String> = conflicts(&p, on()).iter().map(Conflict::path).collect();
        assert_eq!(
            found,
            [
                "staff.tech_staff",
                "years.2025.main_revenue",
                "years.2025.total_liabilities",
                "product.segment_start"
            ]
        );
        let clean = without_conflicts(&p, on()).unwrap_or_default();
        assert!(conflicts(&clean, on()).is_empty());
        assert_eq!(without_conflicts(&clean, on()), None);
        assert_eq!(clean.staff.tech_staff, None);
        assert_eq!(
            clean.staff.rd_staff,
            Some(120),
            "equal to the whole is possible"
        );
        assert_eq!(
            clean.year(2025).and_then(|y| y.revenue),
            Dec::parse("3000").ok()
        );
        let msg = conflicts(&p, on())[0].message(true);
        assert!(msg.contains("不能多于从业人员"), "{msg}");
    }
}
