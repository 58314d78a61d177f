//! Exact numbers. Every comparison against a threshold goes through [`Ratio`]:
//! a reduced fraction of two `i128`, never `f64`.
//!
//! Amounts are entered in 万元 with at most four decimals, so one unit of the
//! fourth decimal is exactly one 元: [`parse_wan_yuan`] gives whole 元 in an `i64`.

use std::cmp::Ordering;
use std::fmt;

/// The largest magnitude accepted for an amount: 10 万亿元 (1e13 元).
/// Keeps every product of two amounts and a threshold inside `i128`.
pub const MAX_AMOUNT_YUAN: i64 = 10_000_000_000_000;

/// An exact rational number `num / den` with `den > 0`, kept reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// Greatest common divisor of the magnitudes: binary (shifts and
/// subtractions) in 64-bit words when both fit, as nearly every fraction
/// here does; 128-bit division and shifts are slow library calls.
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return i128::from(gcd_u64(x, y));
    }
    // Wider than 64 bits (rare): Euclid's.
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a as i128
}

/// Binary gcd of two 64-bit magnitudes.
fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 || b == 0 {
        return a | b;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `a / b` for an exact divisor `b > 0`, in 64 bits when both fit.
fn div_exact(a: i128, b: i128) -> i128 {
    div_rem(a, b).0
}

/// `(a / b, a % b)` for `b > 0`, in 64 bits when both fit.
fn div_rem(a: i128, b: i128) -> (i128, i128) {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => (i128::from(x / y), i128::from(x % y)),
        _ => (a / b, a % b),
    }
}

/// Takes the last decimal digit off `v`.
fn pop_digit(v: &mut u128) -> u8 {
    match u64::try_from(*v) {
        Ok(x) => {
            *v = u128::from(x / 10);
            (x % 10) as u8
        }
        Err(_) => {
            let d = (*v % 10) as u8;
            *v /= 10;
            d
        }
    }
}

impl Ratio {
    /// 0
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    /// 1
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den`, or `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let (mut n, mut d) = if den < 0 { (-num, -den) } else { (num, den) };
        if d == 1 {
            return Some(Ratio { num: n, den: 1 });
        }
        let g = gcd(n, d);
        if g > 1 {
            n = div_exact(n, g);
            d = div_exact(d, g);
        }
        Some(Ratio { num: n, den: d })
    }

    /// `num / den` as given, which must be reduced with `den > 0`: for
    /// constants (the baked rule book, `baked.rs`).
    pub const fn from_reduced(num: i128, den: i128) -> Ratio {
        Ratio { num, den }
    }

    /// The whole number `n`.
    pub fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// The numerator (of the reduced fraction; carries the sign).
    pub fn num(self) -> i128 {
        self.num
    }

    /// The denominator (of the reduced fraction; always positive).
    pub fn den(self) -> i128 {
        self.den
    }

    /// Parses a plain decimal such as `"3"`, `"-0.5"` or `"1500.0001"`.
    pub fn parse_decimal(s: &str) -> Option<Ratio> {
        let s = s.trim();
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
            || int_part.len() + frac_part.len() > 30
        {
            return None;
        }
        let mut num: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            num = num.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        let den = 10i128.checked_pow(u32::try_from(frac_part.len()).ok()?)?;
        Ratio::new(if neg { -num } else { num }, den)
    }

    /// `self + o`, or `None` on overflow.
    pub fn checked_add(self, o: Ratio) -> Option<Ratio> {
        if self.den == 1 && o.den == 1 {
            // Whole numbers (most often): the sum, nothing to reduce.
            return Some(Ratio::int(self.num.checked_add(o.num)?));
        }
        let n = self
            .num
            .checked_mul(o.den)?
            .checked_add(o.num.checked_mul(self.den)?)?;
        Ratio::new(n, self.den.checked_mul(o.den)?)
    }

    /// `self − o`, or `None` on overflow.
    pub fn checked_sub(self, o: Ratio) -> Option<Ratio> {
        self.checked_add(Ratio {
            num: -o.num,
            den: o.den,
        })
    }

    /// `self × o`, or `None` on overflow.
    pub fn checked_mul(self, o: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        let n = div_exact(self.num, g1).checked_mul(div_exact(o.num, g2))?;
        let d = div_exact(self.den, g2).checked_mul(div_exact(o.den, g1))?;
        // Both factors are reduced with positive denominators, so after the
        // cross cancellation the product is reduced too: no third gcd.
        Some(Ratio { num: n, den: d })
    }

    /// `self ÷ o`, or `None` when `o` is zero or on overflow.
    pub fn checked_div(self, o: Ratio) -> Option<Ratio> {
        if o.num == 0 {
            return None;
        }
        self.checked_mul(
            Ratio {
                num: o.den,
                den: o.num,
            }
            .normalised(),
        )
    }

    fn normalised(self) -> Ratio {
        if self.den < 0 {
            Ratio {
                num: -self.num,
                den: -self.den,
            }
        } else {
            self
        }
    }

    /// Exact comparison; `None` only if the cross products overflow `i128`.
    pub fn checked_cmp(self, o: Ratio) -> Option<Ordering> {
        let a = self.num.checked_mul(o.den)?;
        let b = o.num.checked_mul(self.den)?;
        Some(a.cmp(&b))
    }

    /// The smallest integer `>= self`.
    pub fn ceil(self) -> i128 {
        let q = self.num.div_euclid(self.den);
        if self.num.rem_euclid(self.den) == 0 {
            q
        } else {
            q + 1
        }
    }

    /// The largest integer `<= self`.
    pub fn floor(self) -> i128 {
        self.num.div_euclid(self.den)
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    /// `self` rounded half away from zero to `places` decimals (as
    /// [`Ratio::to_decimal_string`] shows it). For display decisions only.
    pub fn rounded(self, places: u32) -> Option<Ratio> {
        let scale = 10i128.checked_pow(places)?;
        let scaled = self.num.checked_mul(scale)?;
        let (q, r) = div_rem(scaled, self.den);
        let r = r.abs();
        let rounded = if r * 2 >= self.den {
            if scaled < 0 { q - 1 } else { q + 1 }
        } else {
            q
        };
        Ratio::new(rounded, scale)
    }

    /// The fewest decimals, from `min` up to `max`, at which `self` rounded
    /// stays on the same side of every edge as `self` itself: a value just
    /// under a band edge never shows as the edge (4.9997% is not "5%").
    pub fn places_beside(self, min: u32, max: u32, edges: &[Ratio]) -> u32 {
        let side_kept = |p: u32| {
            self.rounded(p).is_some_and(|r| {
                edges.iter().all(|e| {
                    r.checked_cmp(*e).is_some() && r.checked_cmp(*e) == self.checked_cmp(*e)
                })
            })
        };
        (min..=max).find(|p| side_kept(*p)).unwrap_or(max)
    }

    /// `self` rounded half away from zero to `places` decimals, as text.
    /// For display only: comparisons never use this.
    pub fn to_decimal_string(self, places: u32) -> String {
        let scale = 10i128.pow(places);
        let Some(scaled) = self.num.checked_mul(scale) else {
            return format!("{}/{}", self.num, self.den);
        };
        let (q, r) = div_rem(scaled, self.den);
        let r = r.abs();
        let rounded = if r * 2 >= self.den {
            if scaled < 0 { q - 1 } else { q + 1 }
        } else {
            q
        };
        // Digits written by hand into a buffer, right to left: the fraction
        // (trailing zeros dropped), the point, the whole part, the sign.
        let abs = rounded.unsigned_abs();
        let scale = scale.unsigned_abs();
        let (mut int, mut frac) = (abs / scale, abs % scale);
        let mut buf = [0u8; 48];
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        let mut shown = false;
        for _ in 0..places {
            let digit = pop_digit(&mut frac);
            if shown || digit != 0 {
                shown = true;
                put(b'0' + digit);
            }
        }
        if shown {
            put(b'.');
        }
        loop {
            put(b'0' + pop_digit(&mut int));
            if int == 0 {
                break;
            }
        }
        if rounded < 0 {
            put(b'-');
        }
        buf[at..].iter().map(|b| char::from(*b)).collect()
    }

    /// A fraction shown as a percentage with two decimals, e.g. `3.2%`.
    pub fn to_percent_string(self) -> String {
        match self.checked_mul(Ratio::int(100)) {
            Some(p) => {
                let mut s = p.to_decimal_string(2);
                s.push('%');
                s
            }
            None => "—".to_string(),
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string(4))
    }
}

/// Parses an amount in 万元 (at most four decimals) into whole 元.
pub fn parse_wan_yuan(s: &str) -> Result<i64, AmountError> {
    let t = s.trim();
    if let Some((_, frac)) = t.split_once('.')
        && frac.len() > 4
    {
        return Err(AmountError::TooManyDecimals);
    }
    let r = Ratio::parse_decimal(t).ok_or(AmountError::NotANumber)?;
    let yuan = r
        .checked_mul(Ratio::int(10_000))
        .ok_or(AmountError::TooLarge)?;
    if yuan.den() != 1 {
        return Err(AmountError::TooManyDecimals);
    }
    let v = i64::try_from(yuan.num()).map_err(|_| AmountError::TooLarge)?;
    if v.abs() > MAX_AMOUNT_YUAN {
        return Err(AmountError::TooLarge);
    }
    Ok(v)
}

/// Why a text is not an amount in 万元.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// The text is not a decimal number.
    NotANumber,
    /// More decimals than whole 元 allow.
    TooManyDecimals,
    /// Beyond the largest amount the engine takes.
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotANumber => "not a decimal number",
            AmountError::TooManyDecimals => "more than four decimals (万元 has four: 1 元)",
            AmountError::TooLarge => "larger than 10 万亿元",
        })
    }
}

/// Whole 元 shown in 万元 with up to four decimals, e.g. `23.6`.
pub fn format_wan_yuan(yuan: i128) -> String {
    match Ratio::new(yuan, 10_000) {
        Some(r) => r.to_decimal_string(4),
        None => yuan.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_amounts() {
        assert_eq!(parse_wan_yuan("96"), Ok(960_000));
        assert_eq!(parse_wan_yuan("0.0001"), Ok(1));
        assert_eq!(parse_wan_yuan(" 1500.5 "), Ok(15_005_000));
        assert_eq!(parse_wan_yuan("1.00001"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_wan_yuan("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_wan_yuan("1e5"), Err(AmountError::NotANumber));
        assert_eq!(parse_wan_yuan("99999999999"), Err(AmountError::TooLarge));
        assert_eq!(format_wan_yuan(236_000), "23.6");
        assert_eq!(format_wan_yuan(1), "0.0001");
    }

    #[test]
    fn exact_ratio_comparisons_at_the_edge() {
        let three_pct = Ratio::parse_decimal("0.03").unwrap();
        let r = Ratio::new(90, 3000).unwrap();
        assert_eq!(r.checked_cmp(three_pct), Some(Ordering::Equal));
        let just_below = Ratio::new(89_999, 3_000_000).unwrap();
        assert_eq!(just_below.checked_cmp(three_pct), Some(Ordering::Less));
        assert_eq!(Ratio::new(7, 2).unwrap().ceil(), 4);
        assert_eq!(Ratio::new(-7, 2).unwrap().ceil(), -3);
        assert_eq!(Ratio::new(-7, 2).unwrap().floor(), -4);
        assert_eq!(Ratio::new(1, 3).unwrap().to_percent_string(), "33.33%");
        assert_eq!(Ratio::new(32, 1000).unwrap().to_percent_string(), "3.2%");
    }
    /// The digits written by hand agree with `format!` (the former code), and
    /// the binary gcd with Euclid's, over a spread of values.
    #[test]
    fn hand_written_digits_and_gcd_agree_with_the_reference() {
        fn reference(r: Ratio, places: u32) -> String {
            let scale = 10i128.pow(places);
            let Some(scaled) = r.num.checked_mul(scale) else {
                return format!("{}/{}", r.num, r.den);
            };
            let q = scaled / r.den;
            let rem = (scaled % r.den).abs();
            let rounded = if rem * 2 >= r.den {
                if scaled < 0 { q - 1 } else { q + 1 }
            } else {
                q
            };
            let (neg, abs) = (rounded < 0, rounded.abs());
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&(abs / scale).to_string());
            if places > 0 {
                let f = format!("{:0width$}", abs % scale, width = places as usize);
                let f = f.trim_end_matches('0');
                if !f.is_empty() {
                    s.push('.');
                    s.push_str(f);
                }
            }
            s
        }
        fn euclid(mut a: i128, mut b: i128) -> i128 {
            (a, b) = (a.abs(), b.abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        }
        #[rustfmt::skip]
        let nums = [
            0i128, 1, -1, 5, -5, 7, 10, 99, 100, 101, 995, -995, 1234567, 999_999_999_999,
            -1_000_000_000_000_000_000_007, 12_345_678_901_234_567_890_123, i128::from(i64::MAX),
            i128::from(i64::MIN), i128::MAX / 7, i128::MIN / 3,
        ];
        #[rustfmt::skip]
        let dens = [1i128, 2, 3, 7, 8, 100, 10_000, 30_000, 999_983, 1 << 40, i128::MAX / 11];
        for &n in &nums {
            for &d in &dens {
                assert_eq!(gcd(n, d), euclid(n, d), "gcd({n}, {d})");
                let r = Ratio::new(n, d).unwrap();
                for places in 0..=12 {
                    assert_eq!(
                        r.to_decimal_string(places),
                        reference(r, places),
                        "{n}/{d} at {places}"
                    );
                }
                for &m in &dens {
                    let o = Ratio::new(m, d).unwrap();
                    let (a, b) = (r.checked_mul(o), r.checked_add(o));
                    let mul = n
                        .checked_mul(m)
                        .zip(d.checked_mul(d))
                        .and_then(|(x, y)| Ratio::new(x, y));
                    if let (Some(a), Some(m)) = (a, mul) {
                        assert_eq!(a, m, "{n}/{d} * {m}/{d}");
                    }
                    if let Some(back) = b.and_then(|b| b.checked_sub(o)) {
                        assert_eq!(back, r, "{n}/{d} + {m}/{d} - {m}/{d}");
                    }
                }
            }
        }
    }
}
