//! Numbers as people write them: money in 万元 or 亿元 with thousands
//! separators, counts with their unit, yes/no as 是/否.

use srdi_engine::metrics::{Shown, Unit};
use srdi_engine::num::Ratio;

use crate::{Lang, fill};

/// Digits of a whole number with a separator every three digits: `26000` → `26,000`.
fn grouped(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An exact decimal text (`-26000.5`) with its whole part grouped (`-26,000.5`).
fn grouped_decimal(text: &str) -> String {
    match text.split_once('.') {
        Some((whole, frac)) => fill("{0}.{1}", &[&grouped(whole), frac]),
        None => grouped(text),
    }
}

/// A number of 万元 as people write it: in Chinese, 1 亿 and more as
/// `3.00 亿元` when two decimals of 亿 say it exactly, else in 万元 with
/// separators (`26,012.5 万元`), so that no rounding ever hides which side of
/// a line a value is on. In English, in yuan, exactly: whole millions as
/// `CNY 15 million`, anything else to the yuan (`CNY 965,000`).
pub fn money(v: Ratio, lang: Lang) -> String {
    if lang == Lang::En {
        return money_en(v);
    }
    let abs = if v.is_negative() {
        Ratio::ZERO.checked_sub(v).unwrap_or(v)
    } else {
        v
    };
    if lang == Lang::Zh
        && abs
            .checked_cmp(Ratio::int(10_000))
            .is_some_and(|o| o.is_ge())
        && let Some(cents) = v.checked_div(Ratio::int(100)).filter(|c| c.den() == 1)
    {
        // Whole hundreds of 万元: exactly two decimals of 亿 (in 64 bits: no 128-bit
        // formatter in the bundle; amounts are far below its range).
        let c = i64::try_from(cents.num()).unwrap_or(i64::MAX);
        let (yi, rest) = (c / 100, (c % 100).abs());
        let sign = if c < 0 && yi == 0 { "-" } else { "" };
        let cents = if rest < 10 {
            fill("0{0}", &[&rest.to_string()])
        } else {
            rest.to_string()
        };
        return fill(
            "{0}{1}.{2} 亿元",
            &[sign, &grouped(&yi.to_string()), &cents],
        );
    }
    let mut s = grouped_decimal(&v.to_decimal_string(4));
    s.push_str(" 万元");
    s
}

/// An amount of 万元 in English, exactly, in yuan.
fn money_en(v: Ratio) -> String {
    let Some(yuan) = v.checked_mul(Ratio::int(10_000)) else {
        return fill("{0} × CNY 10k", &[&v.to_decimal_string(4)]);
    };
    if yuan.den() == 1 && yuan.num() != 0 && yuan.num() % 1_000_000 == 0 {
        return fill(
            "CNY {0} million",
            &[&grouped(
                &i64::try_from(yuan.num() / 1_000_000)
                    .unwrap_or(i64::MAX)
                    .to_string(),
            )],
        );
    }
    let digits = grouped_decimal(&yuan.to_decimal_string(2));
    match digits.strip_prefix('-') {
        Some(d) => fill("-CNY {0}", &[d]),
        None => fill("CNY {0}", &[&digits]),
    }
}

/// A value in its unit, for a sentence: money as [`money`], a percentage,
/// points, years, a whole number with separators.
pub fn quantity(v: Ratio, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::WanYuan => money(v, lang),
        Unit::Percent => v.to_percent_string(),
        Unit::Points => fill(
            lang.pick("{0} 分", "{0} points"),
            &[&v.to_decimal_string(2)],
        ),
        Unit::Years => fill(lang.pick("{0} 年", "{0} years"), &[&v.to_decimal_string(2)]),
        Unit::Count | Unit::Bool | Unit::Choice => grouped_decimal(&v.to_decimal_string(2)),
    }
}

/// A fixed key of a result (a verdict, a size class, an applicant path) in words.
pub fn key(k: &str, lang: Lang) -> &str {
    let (zh, en) = match k {
        "qualified" => ("符合", "qualifies"),
        "not_qualified" => ("不符合", "does not qualify"),
        "needs_review" => ("需人工核验", "needs checking by hand"),
        "incomplete" => ("信息不全", "incomplete"),
        "new" => ("新申报", "new application"),
        "review" => ("复核", "re-review"),
        "large" => ("大型企业", "large"),
        "medium" => ("中型企业", "medium-sized"),
        "small" => ("小型企业", "small"),
        "micro" => ("微型企业", "micro"),
        other => (other, other),
    };
    lang.pick(zh, en)
}

/// A value as shown in a result, in words: 是/否, money, percentages, months.
pub fn shown(s: &Shown, lang: Lang) -> String {
    match s {
        Shown::Num(v, unit) => quantity(*v, *unit, lang),
        // Beside an edge: every digit kept, in 万元 (no 亿 rounding).
        Shown::Beside(v, Unit::WanYuan, places) if lang == Lang::Zh => {
            let mut t = grouped_decimal(&v.to_decimal_string(*places));
            t.push_str(" 万元");
            t
        }
        // In English the yuan are exact already.
        Shown::Beside(v, Unit::WanYuan, _) => money_en(*v),
        Shown::Beside(..) => s.to_string(),
        Shown::Bool(b) => lang
            .pick(if *b { "是" } else { "否" }, if *b { "Yes" } else { "No" })
            .to_string(),
        Shown::Key(k) => key(k, lang).to_string(),
        Shown::Text(t) => t.to_string(),
        Shown::Month(y, m) => match lang {
            Lang::Zh => fill("{0}年{1}月", &[&y.to_string(), &m.to_string()]),
            Lang::En => s.to_string(),
        },
        Shown::Awards(n) => fill(lang.pick("{0} 项", "{0} award(s)"), &[&n.to_string()]),
        // A range is a score's points: `85 分`, `85–90 分` while answers are missing.
        Shown::Range(a, b) => {
            let got = if a == b {
                a.to_string()
            } else {
                fill("{0}–{1}", &[&a.to_string(), &b.to_string()])
            };
            fill(lang.pick("{0} 分", "{0} points"), &[&got])
        }
    }
}

/// A comparison's operator in words: `>=` → 不低于 / at least.
pub fn op(op: &str, lang: Lang) -> &str {
    let (zh, en) = match op {
        ">=" => ("不低于", "at least"),
        ">" => ("高于", "above"),
        "<=" => ("不高于", "at most"),
        "<" => ("低于", "below"),
        "in" => ("属于", "one of"),
        _ => ("应为", "must be"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Ratio {
        let (n, d) = match s.split_once('/') {
            Some((n, d)) => (n.parse().unwrap_or(0), d.parse().unwrap_or(1)),
            None => (s.parse().unwrap_or(0), 1),
        };
        Ratio::new(n, d).unwrap_or(Ratio::ZERO)
    }

    #[test]
    fn money_is_written_as_people_write_it() {
        assert_eq!(money(wan("30000"), Lang::Zh), "3.00 亿元");
        assert_eq!(money(wan("26000"), Lang::Zh), "2.60 亿元");
        assert_eq!(money(wan("1234500"), Lang::Zh), "123.45 亿元");
        assert_eq!(money(wan("-30000"), Lang::Zh), "-3.00 亿元");
        // Not exact in two decimals of 亿: every digit, in 万元.
        assert_eq!(money(wan("30050"), Lang::Zh), "30,050 万元");
        assert_eq!(money(wan("199999999/10000"), Lang::Zh), "19,999.9999 万元");
        assert_eq!(money(wan("1500"), Lang::Zh), "1,500 万元");
        assert_eq!(money(wan("193/2"), Lang::Zh), "96.5 万元");
        assert_eq!(money(wan("0"), Lang::En), "CNY 0");
        assert_eq!(money(wan("30000"), Lang::En), "CNY 300 million");
        assert_eq!(money(wan("1500"), Lang::En), "CNY 15 million");
        assert_eq!(money(wan("193/2"), Lang::En), "CNY 965,000");
        assert_eq!(money(wan("199999999/10000"), Lang::En), "CNY 199,999,999");
        assert_eq!(money(wan("-120"), Lang::En), "-CNY 1,200,000");
    }

    #[test]
    fn yes_no_and_operators_are_words() {
        assert_eq!(shown(&Shown::Bool(true), Lang::Zh), "是");
        assert_eq!(shown(&Shown::Bool(false), Lang::En), "No");
        assert_eq!(op(">=", Lang::Zh), "不低于");
        assert_eq!(op("<", Lang::En), "below");
        assert_eq!(quantity(Ratio::int(1000), Unit::Count, Lang::Zh), "1,000");
        assert_eq!(shown(&Shown::Month(2020, 3), Lang::Zh), "2020年3月");
    }
}
