//! Thresholds of the rules in force, for texts that name one (the app's help
//! texts): the number comes from the rule file for the date and path, never
//! from the text, so a help text is right in both periods and after an
//! amendment.

use crate::metrics::{Metric, Unit};
use crate::profile::Dec;
use crate::result::RuleFit;
use crate::rules::{ApplicantPath, Node, NodeKind, Op, RuleBook};
use crate::{Options, Tier, select};

/// A threshold as a rule file states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    /// How a value is compared with the threshold.
    pub op: Op,
    /// The threshold, in `unit`.
    pub value: Dec,
    /// The threshold's unit (a percentage as `3` for 3%).
    pub unit: Unit,
}

/// The first comparison on `metric` among the conditions (not the scored
/// indicators) of `tier`'s rule file in force under `opts`, on the tier's
/// path (`opts.paths`, then `opts.path`, else a new application). `None` when
/// that file has none, or no modelled file is in force on the date.
pub fn threshold(book: &RuleBook, tier: Tier, metric: Metric, opts: &Options) -> Option<Threshold> {
    let path = opts
        .paths
        .iter()
        .find(|(t, _)| *t == tier)
        .map(|(_, p)| *p)
        .or(opts.path)
        .unwrap_or(ApplicantPath::New);
    let (file, _, fit) = select(book, tier.key(), path, opts)?;
    if fit == RuleFit::NotModelled {
        return None;
    }
    file.root.as_ref().and_then(|n| find(n, metric))
}

fn find(n: &Node, metric: Metric) -> Option<Threshold> {
    match &n.kind {
        NodeKind::Compare {
            metric: m,
            op,
            value,
            unit,
            ..
        } if *m == metric => Some(Threshold {
            op: *op,
            value: *value,
            unit: *unit,
        }),
        NodeKind::All { of } | NodeKind::Any { of } | NodeKind::CountOf { of, .. } => {
            of.iter().find_map(|c| find(c, metric))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;

    fn on(date: &str) -> Options {
        Options::new(Date::parse(date).unwrap_or(Date {
            year: 2026,
            month: 5,
            day: 1,
        }))
    }

    #[test]
    fn the_threshold_is_the_one_in_force_on_the_date() {
        let book = RuleBook::embedded().unwrap_or_default();
        let debt = |tier: Tier, date: &str| {
            threshold(&book, tier, Metric::DebtRatio, &on(date)).map(|t| t.value.to_string())
        };
        // 小巨人: 63号附件3 70% until 2026-03-31, 2号 75% from 2026-04-01.
        assert_eq!(debt(Tier::LittleGiant, "2026-03-31").as_deref(), Some("70"));
        assert_eq!(debt(Tier::LittleGiant, "2026-04-01").as_deref(), Some("75"));
        // 专精特新 2022 has no debt-ratio condition; 2026 has 80%.
        assert_eq!(debt(Tier::SpecializedSme, "2026-03-31"), None);
        assert_eq!(
            debt(Tier::SpecializedSme, "2026-04-01").as_deref(),
            Some("80")
        );
        assert_eq!(
            threshold(&book, Tier::TechSme, Metric::Employees, &on("2026-05-01"))
                .map(|t| (t.op, t.value.to_string())),
            Some((Op::Le, "500".to_string()))
        );
    }
}
