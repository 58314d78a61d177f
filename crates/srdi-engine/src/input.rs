//! What Chinese users type, read exactly: full-width digits (１２３),
//! thousands separators (1,234 or 1，234), a leading ¥, and 万/亿/元 suffixes
//! where the field is an amount in 万元. Nothing here uses `f64`.

use std::fmt;

use crate::num::{MAX_AMOUNT_YUAN, Ratio};
use crate::profile::Dec;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An amount in 万元 (suffixes 万, 万元, 亿, 亿元, 元 accepted).
    WanYuan,
    /// An amount that may be negative (净利润).
    SignedWanYuan,
    /// A percentage, 0–100 (a trailing % accepted).
    Percent,
    /// A whole number of people, rights, a rank (人/项/件/名/个 accepted).
    Count,
    /// A score of 0–100 points (分 accepted).
    Points,
}

impl Kind {
    /// What a value of this kind looks like, for a message: an amount
    /// `3000 或 1.5亿`, a percentage `95 或 95%`, a count `120`, points `85`.
    pub fn example(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::WanYuan, true) => "3000 或 1.5亿",
            (Kind::WanYuan, false) => "3000 or 1.5亿",
            (Kind::SignedWanYuan, true) => "350、-120 或 1.5亿",
            (Kind::SignedWanYuan, false) => "350, -120 or 1.5亿",
            (Kind::Percent, true) => "95 或 95%",
            (Kind::Percent, false) => "95 or 95%",
            (Kind::Count, _) => "120",
            (Kind::Points, _) => "85",
        }
    }
}

/// Why a text is not a value of its field. Each has a message in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// The text is not a number (the example fits the field's kind).
    NotANumber(Kind),
    /// A negative number where the field takes none.
    Negative,
    /// More decimals than the field keeps (an amount is kept to the 元).
    TooManyDecimals,
    /// Larger than the field takes (often a wrong unit).
    TooLarge,
    /// A fraction where the field takes a whole number.
    NotWhole,
    /// Over the field's range of 0 to 100 (a percentage or points).
    OverHundred,
    /// A unit the field does not take, as typed.
    UnitNotAllowed(String),
    /// Not a month written year-month (a month field).
    NotAMonth,
    /// A share (`95%`) typed for an amount whose whole is not known yet.
    ShareWithoutWhole,
}

impl InputError {
    /// The message for the user, in Chinese.
    pub fn zh(&self) -> String {
        match self {
            InputError::NotANumber(k) => format!("请输入数字，例如 {}。", k.example(true)),
            InputError::Negative => "这里不能是负数。".into(),
            InputError::TooManyDecimals => "最多精确到 0.0001 万元（1 元）。".into(),
            InputError::TooLarge => "数值过大，请检查单位（本栏以万元计）。".into(),
            InputError::NotWhole => "请输入整数。".into(),
            InputError::OverHundred => "请输入 0 到 100 之间的数。".into(),
            InputError::UnitNotAllowed(u) => format!("本栏不接受单位「{u}」。"),
            InputError::NotAMonth => "请按“年-月”填写，例如 2018-09。".into(),
            InputError::ShareWithoutWhole => "请先填写同一年度的营业收入，才能按比例换算。".into(),
        }
    }

    /// The message for the user, in English.
    pub fn en(&self) -> String {
        match self {
            InputError::NotANumber(k) => format!("Enter a number, such as {}.", k.example(false)),
            InputError::Negative => "This cannot be negative.".into(),
            InputError::TooManyDecimals => "At most four decimals of 万元 (one yuan).".into(),
            InputError::TooLarge => "Too large: check the unit (this field is in 万元).".into(),
            InputError::NotWhole => "Enter a whole number.".into(),
            InputError::OverHundred => "Enter a number from 0 to 100.".into(),
            InputError::UnitNotAllowed(u) => format!("This field does not take the unit “{u}”."),
            InputError::NotAMonth => "Enter a year and month, such as 2018-09.".into(),
            InputError::ShareWithoutWhole => {
                "Enter the same year's revenue first; the share is taken of it.".into()
            }
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

/// Full-width forms to ASCII; ideographic spaces to spaces.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '．' | '。' => '.',
            '，' | '､' | '、' => ',',
            '－' | '−' | '—' => '-',
            '＋' => '+',
            '％' => '%',
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect()
}

/// Reads `text` as a value of `kind`. Empty text is `Ok(None)` (unknown).
pub fn parse(text: &str, kind: Kind) -> Result<Option<Dec>, InputError> {
    let s = half_width(text);
    let s = s.trim().to_string();
    if s.is_empty() {
        return Ok(None);
    }
    let (s, factor) = strip_unit(s, kind);
    let value = read_number(&s, kind)?;
    let value = value.checked_mul(factor).ok_or(InputError::TooLarge)?;
    check_range(value, kind)?;
    // Normalise -0 to 0.
    let value = if value.num() == 0 { Ratio::ZERO } else { value };
    Dec::parse(&value.to_decimal_string(4))
        .map(Some)
        .map_err(|_| InputError::TooLarge)
}

/// An amount typed as a share of a whole (`95%` of the year's revenue, for
/// its main-business revenue): `None` when `text` is not a share. The amount
/// is the whole times the share, to the 元, rounded up, so that it never falls
/// below the share typed (a rule's line on the share holds as typed).
pub fn share_of(text: &str, whole: Option<Dec>) -> Option<Result<Option<Dec>, InputError>> {
    let s = half_width(text);
    if !s.trim_end().ends_with('%') {
        return None;
    }
    let share = match parse(&s, Kind::Percent) {
        Ok(Some(d)) => d.0,
        Ok(None) => return Some(Ok(None)),
        Err(e) => return Some(Err(e)),
    };
    let Some(whole) = whole else {
        return Some(Err(InputError::ShareWithoutWhole));
    };
    let yuan = whole
        .0
        .checked_mul(share)
        .and_then(|v| v.checked_mul(Ratio::int(100)))
        .map(Ratio::ceil)
        .and_then(|y| Ratio::new(y, 10_000));
    Some(
        yuan.and_then(|v| Dec::parse(&v.to_decimal_string(4)).ok())
            .map(Some)
            .ok_or(InputError::TooLarge),
    )
}

/// `s` without a currency sign before it and a unit after it, and the factor
/// that brings the number to the field's unit (亿 → 10 000 万元, 元 → 1/10 000).
fn strip_unit(mut s: String, kind: Kind) -> (String, Ratio) {
    // A currency sign belongs to amounts only: `¥1200` is not 1,200 people.
    if matches!(kind, Kind::WanYuan | Kind::SignedWanYuan) {
        for prefix in ["¥", "￥", "RMB", "rmb", "CNY"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim().to_string();
            }
        }
    }
    // Unit suffix, and the factor that brings the number to the field's unit.
    let mut factor = Ratio::ONE;
    let suffixes: &[(&str, i128, i128)] = match kind {
        Kind::WanYuan | Kind::SignedWanYuan => &[
            ("亿元", 10_000, 1),
            ("亿", 10_000, 1),
            ("万元", 1, 1),
            ("万", 1, 1),
            ("元", 1, 10_000),
        ],
        Kind::Percent => &[("%", 1, 1)],
        Kind::Count => &[
            ("人", 1, 1),
            ("项", 1, 1),
            ("件", 1, 1),
            ("名", 1, 1),
            ("个", 1, 1),
        ],
        Kind::Points => &[("分", 1, 1)],
    };
    for (suf, n, d) in suffixes {
        if let Some(rest) = s.strip_suffix(suf) {
            factor = Ratio::new(*n, *d).unwrap_or(Ratio::ONE);
            s = rest.trim().to_string();
            break;
        }
    }
    (s, factor)
}

/// The number in `s` (its unit removed), exactly: digits, one point, a sign,
/// and thousands separators (commas, spaces, apostrophes) between digits.
fn read_number(s: &str, kind: Kind) -> Result<Ratio, InputError> {
    if !s.chars().any(|c| c.is_ascii_digit()) {
        // 十二, 三千, NaN: no digits at all.
        return Err(InputError::NotANumber(kind));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\'' | '-' | '+')))
    {
        let tail: String = s.chars().skip_while(|x| *x != c).collect();
        // A word such as 亿 or 人 in the wrong field is a unit; Latin letters (1e5, NaN) are not numbers.
        return Err(
            if tail
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
            {
                InputError::UnitNotAllowed(tail)
            } else {
                InputError::NotANumber(kind)
            },
        );
    }
    // Thousands separators: commas, spaces and apostrophes between digits.
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\''))
        .collect();
    let whole_digits = digits
        .split('.')
        .next()
        .map_or(0, |w| w.chars().filter(char::is_ascii_digit).count());
    if whole_digits > 20 {
        return Err(InputError::TooLarge);
    }
    Ratio::parse_decimal(&digits).ok_or(InputError::NotANumber(kind))
}

/// Whether `value`, in the field's unit, is within what a field of `kind`
/// holds: its sign, its size, and its decimals.
fn check_range(value: Ratio, kind: Kind) -> Result<(), InputError> {
    let negative = value.is_negative() && value.num() != 0;
    match kind {
        Kind::SignedWanYuan => {}
        _ if negative => return Err(InputError::Negative),
        _ => {}
    }
    let abs = if negative {
        Ratio::ZERO.checked_sub(value).unwrap_or(value)
    } else {
        value
    };
    match kind {
        Kind::WanYuan | Kind::SignedWanYuan => {
            let yuan = value
                .checked_mul(Ratio::int(10_000))
                .ok_or(InputError::TooLarge)?;
            if abs.checked_mul(Ratio::int(10_000)).is_none_or(|y| {
                y.checked_cmp(Ratio::int(i128::from(MAX_AMOUNT_YUAN)))
                    .is_none_or(|o| o.is_gt())
            }) {
                return Err(InputError::TooLarge);
            }
            if yuan.den() != 1 {
                return Err(InputError::TooManyDecimals);
            }
        }
        Kind::Percent | Kind::Points => {
            if value.checked_cmp(Ratio::int(100)).is_none_or(|o| o.is_gt()) {
                return Err(InputError::OverHundred);
            }
            if value
                .checked_mul(Ratio::int(10_000))
                .is_none_or(|x| x.den() != 1)
            {
                return Err(InputError::TooManyDecimals);
            }
        }
        Kind::Count => {
            if value.den() != 1 {
                return Err(InputError::NotWhole);
            }
            if value
                .checked_cmp(Ratio::int(1_000_000_000))
                .is_none_or(|o| o.is_gt())
            {
                return Err(InputError::TooLarge);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, kind: Kind) -> String {
        match parse(text, kind) {
            Ok(Some(d)) => d.to_string(),
            Ok(None) => "none".into(),
            Err(e) => format!("error: {e:?}"),
        }
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(ok("3000", Kind::WanYuan), "3000");
        assert_eq!(ok("３０００", Kind::WanYuan), "3000");
        assert_eq!(ok("1,234.5", Kind::WanYuan), "1234.5");
        assert_eq!(ok("1，234．5", Kind::WanYuan), "1234.5");
        assert_eq!(ok("¥ 1.5亿", Kind::WanYuan), "15000");
        assert_eq!(ok("￥3亿元", Kind::WanYuan), "30000");
        assert_eq!(ok("2500万元", Kind::WanYuan), "2500");
        assert_eq!(ok("500元", Kind::WanYuan), "0.05");
        assert_eq!(ok("  ", Kind::WanYuan), "none");
        assert_eq!(ok("12.5%", Kind::Percent), "12.5");
        assert_eq!(ok("１２０人", Kind::Count), "120");
        assert_eq!(ok("5件", Kind::Count), "5");
        assert_eq!(ok("1,200", Kind::Count), "1200");
        assert_eq!(ok("-120.5", Kind::SignedWanYuan), "-120.5");
        assert_eq!(ok("-0", Kind::WanYuan), "0");
        assert_eq!(ok("63分", Kind::Points), "63");
    }

    #[test]
    fn refuses_what_is_not_a_value() {
        assert_eq!(
            parse("1e5", Kind::WanYuan),
            Err(InputError::NotANumber(Kind::WanYuan))
        );
        assert_eq!(
            parse("1e400", Kind::WanYuan),
            Err(InputError::NotANumber(Kind::WanYuan))
        );
        assert_eq!(
            parse("NaN", Kind::WanYuan),
            Err(InputError::NotANumber(Kind::WanYuan))
        );
        assert_eq!(
            parse("<script>", Kind::WanYuan),
            Err(InputError::NotANumber(Kind::WanYuan))
        );
        assert_eq!(parse("-5", Kind::WanYuan), Err(InputError::Negative));
        assert_eq!(
            parse("1.00001", Kind::WanYuan),
            Err(InputError::TooManyDecimals)
        );
        assert_eq!(parse("1.5", Kind::Count), Err(InputError::NotWhole));
        // A count is a count: no money units, no currency sign.
        assert_eq!(
            parse("1万", Kind::Count),
            Err(InputError::UnitNotAllowed("万".into()))
        );
        assert_eq!(
            parse("¥1200", Kind::Count),
            Err(InputError::NotANumber(Kind::Count))
        );
        // A share of a known whole, rounded up to the 元; none without the whole.
        let whole = Dec::parse("1234.5678").ok();
        let amount = |t: &str| share_of(t, whole).map(|r| r.map(|d| d.map(|d| d.to_string())));
        assert_eq!(amount("80%"), Some(Ok(Some("987.6543".into()))));
        assert_eq!(amount("１００％"), Some(Ok(Some("1234.5678".into()))));
        assert_eq!(amount("987"), None);
        assert_eq!(amount("120%"), Some(Err(InputError::OverHundred)));
        assert_eq!(
            share_of("95%", None),
            Some(Err(InputError::ShareWithoutWhole))
        );
        // Each message's example fits its field.
        assert!(
            InputError::NotANumber(Kind::Points)
                .zh()
                .contains("例如 85")
        );
        assert!(InputError::NotANumber(Kind::Percent).zh().contains("95%"));
        assert!(!InputError::NotANumber(Kind::Count).zh().contains("亿"));
        assert_eq!(parse("101", Kind::Percent), Err(InputError::OverHundred));
        assert_eq!(
            parse("1000000000000000000000000000000", Kind::WanYuan),
            Err(InputError::TooLarge)
        );
        assert_eq!(
            parse("3亿", Kind::Count),
            Err(InputError::UnitNotAllowed("亿".into()))
        );
        assert_eq!(
            parse("1..2", Kind::WanYuan),
            Err(InputError::NotANumber(Kind::WanYuan))
        );
        assert_eq!(
            parse("十二", Kind::Count),
            Err(InputError::NotANumber(Kind::Count))
        );
        assert_eq!(
            parse("12万", Kind::Percent),
            Err(InputError::UnitNotAllowed("万".into()))
        );
    }
}
