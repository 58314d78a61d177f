//! The tiers of the quality-SME gradient (优质中小企业梯度培育体系), bottom to
//! top, by one typed id each. Rule files name a tier by its key (`"tier":
//! "specialized_sme"`); results carry the same key.

use serde::{Deserialize, Serialize};

/// One tier. The order is the gradient's, bottom to top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 中小企业划型 (工信部联企业〔2011〕300号): is the firm an SME at all.
    SmeSize,
    /// 创新型中小企业.
    InnovativeSme,
    /// 科技型中小企业 (国科发政〔2017〕115号).
    TechSme,
    /// 专精特新中小企业 (provincial).
    SpecializedSme,
    /// 专精特新“小巨人”企业 (national).
    LittleGiant,
    /// 制造业单项冠军企业.
    SingleChampion,
}

impl Tier {
    /// Every tier, bottom to top.
    pub const ALL: [Tier; 6] = [
        Tier::SmeSize,
        Tier::InnovativeSme,
        Tier::TechSme,
        Tier::SpecializedSme,
        Tier::LittleGiant,
        Tier::SingleChampion,
    ];

    /// The key rule files, results, URLs and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            Tier::SmeSize => "sme_size",
            Tier::InnovativeSme => "innovative_sme",
            Tier::TechSme => "tech_sme",
            Tier::SpecializedSme => "specialized_sme",
            Tier::LittleGiant => "little_giant",
            Tier::SingleChampion => "single_champion",
        }
    }

    /// The tier with `key`, if there is one.
    pub fn from_key(key: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Chinese and English names.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            Tier::SmeSize => ("中小企业划型", "SME size class"),
            Tier::InnovativeSme => ("创新型中小企业", "Innovative SME"),
            Tier::TechSme => ("科技型中小企业", "Tech-based SME"),
            Tier::SpecializedSme => ("专精特新中小企业", "Specialized SME (SRDI)"),
            Tier::LittleGiant => ("专精特新“小巨人”企业", "SRDI Little Giant"),
            Tier::SingleChampion => ("制造业单项冠军企业", "Manufacturing Single Champion"),
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back() {
        for t in Tier::ALL {
            assert_eq!(Tier::from_key(t.key()), Some(t));
        }
        assert_eq!(Tier::from_key("base"), None);
    }
}
