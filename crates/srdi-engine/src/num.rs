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

/// Greatest common divisor of the magnitudes: in 64-bit words when both
/// fit, as nearly every fraction here does (128-bit division and shifts are
/// slow library calls); when only one fits, one 128-bit remainder brings the
/// other down to 64 bits.
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return i128::from(gcd_u64(x, y));
    }
    if a < b {
        std::mem::swap(&mut a, &mut b);
    }
    // Now `a` is wider than 64 bits. Euclid's steps until both fit.
    while b != 0 {
        (a, b) = (b, a % b);
        if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
            return i128::from(gcd_u64(x, y));
        }
    }
    a as i128
}

/// Greatest common divisor of two 64-bit magnitudes: a first Euclid step
/// when one is far smaller than the other (an amount against a power of ten),
/// then binary (shifts and subtractions).
fn gcd_u64(a: u64, b: u64) -> u64 {
    let (mut a, mut b) = if a < b { (a, b) } else { (b, a) };
    if a <= 1 {
        // gcd(0, b) = b; gcd(1, b) = 1.
        return if a == 0 { b } else { 1 };
    }
    if a.leading_zeros() > b.leading_zeros() + 4 {
        b %= a;
        if b == 0 {
            return a;
        }
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    b >>= b.trailing_zeros();
    while a != b {
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        b >>= b.trailing_zeros();
    }
    a << shift
}

/// `x / g` for a divisor `g >= 1` of `|x|`, keeping the sign: in 64 bits.
/// The quotient always fits (`|x| <= 2⁶³`, and `2⁶³` only when negative).
fn cancel(x: i64, g: u64) -> i64 {
    if g == 1 {
        return x;
    }
    let q = (x.unsigned_abs() / g) as i64;
    if x < 0 { q.wrapping_neg() } else { q }
}

/// `a / b` for an exact divisor `b > 0`, in 64 bits when both fit.
fn div_exact(a: i128, b: i128) -> i128 {
    if b == 1 {
        return a;
    }
    div_rem(a, b).0
}

/// `(a / b, a % b)` for `b > 0`, in 64 bits when both fit.
fn div_rem(a: i128, b: i128) -> (i128, i128) {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => (i128::from(x / y), i128::from(x % y)),
        _ => (a / b, a % b),
    }
}

/// The four parts of two fractions, when each fits in an `i64`: then every
/// cross product fits in an `i128` (at most `2¹²⁶` in magnitude).
fn narrow(a: Ratio, b: Ratio) -> Option<(i64, i64, i64, i64)> {
    Some((
        i64::try_from(a.num).ok()?,
        i64::try_from(a.den).ok()?,
        i64::try_from(b.num).ok()?,
        i64::try_from(b.den).ok()?,
    ))
}

/// `x × y` exactly: two `i64` never overflow an `i128`.
fn wide(x: i64, y: i64) -> i128 {
    i128::from(x) * i128::from(y)
}

/// `10^places`, or `None` beyond `i128`.
fn pow10(places: u32) -> Option<i128> {
    const POW: [i128; 19] = {
        let mut t = [1i128; 19];
        let mut i = 1;
        while i < 19 {
            t[i] = t[i - 1] * 10;
            i += 1;
        }
        t
    };
    match POW.get(places as usize) {
        Some(p) => Some(*p),
        None => 10i128.checked_pow(places),
    }
}

/// `scaled / den` rounded half away from zero, for `den > 0`.
fn round_div(scaled: i128, den: i128) -> i128 {
    let (q, r) = div_rem(scaled, den);
    let r = r.abs();
    if r * 2 >= den {
        if scaled < 0 { q - 1 } else { q + 1 }
    } else {
        q
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

/// `(a / b, a % b)` for `b > 0`, in 64 bits when `a` fits.
fn div_rem_u128(a: u128, b: u128) -> (u128, u128) {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(x), Ok(y)) => (u128::from(x / y), u128::from(x % y)),
        _ => (a / b, a % b),
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
        if let Some((a, b, c, d)) = narrow(self, o) {
            // Cross products exact in 128 bits; only their sum may overflow.
            return Ratio::new(wide(a, d).checked_add(wide(c, b))?, wide(b, d));
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
        if self.den == 1 && o.den == 1 {
            // Whole numbers: gcd(n, 1) = 1 on both sides.
            return Some(Ratio::int(self.num.checked_mul(o.num)?));
        }
        if let Some((a, b, c, d)) = narrow(self, o) {
            // The same cross cancellation in 64-bit words; the products
            // cannot overflow 128 bits, so never `None` here.
            let g1 = gcd_u64(a.unsigned_abs(), d.unsigned_abs()).max(1);
            let g2 = gcd_u64(c.unsigned_abs(), b.unsigned_abs()).max(1);
            return Some(Ratio {
                num: wide(cancel(a, g1), cancel(c, g2)),
                den: wide(cancel(b, g2), cancel(d, g1)),
            });
        }
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        let n = div_exact(self.num, g1).checked_mul(div_exact(o.num, g2))?;
        let d = div_exact(self.den, g2).checked_mul(div_exact(o.den, g1))?;
        // Both factors are reduced with positive denominators, so after the
        // cross cancellation the product is reduced too: no third gcd.
        Some(Ratio { num: n, den: d })
    }

    /// `self ÷ k` for a whole `k > 0` (a percentage's 100): what
    /// `checked_div(Ratio::int(k))` gives, in 64-bit words when the fraction
    /// fits (one gcd instead of two and no 128-bit division).
    pub fn div_whole(self, k: i64) -> Option<Ratio> {
        if k <= 0 {
            return None;
        }
        if let (Ok(n), Ok(d)) = (i64::try_from(self.num), i64::try_from(self.den)) {
            // gcd(num, den) = 1, so only num and k share factors.
            let g = gcd_u64(n.unsigned_abs(), k.unsigned_abs()).max(1);
            return Some(Ratio {
                num: i128::from(cancel(n, g)),
                den: wide(d, cancel(k, g)),
            });
        }
        self.checked_div(Ratio::int(i128::from(k)))
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
        if self.den == o.den && self.den == 1 {
            return Some(self.num.cmp(&o.num));
        }
        if let Some((a, b, c, d)) = narrow(self, o) {
            return Some(wide(a, d).cmp(&wide(c, b)));
        }
        let a = self.num.checked_mul(o.den)?;
        let b = o.num.checked_mul(self.den)?;
        Some(a.cmp(&b))
    }

    /// Exact comparison of `self` with `o ÷ k` for a whole `k > 0` (a
    /// percentage's 100) without reducing `o ÷ k`: the same answer as
    /// `checked_cmp(o.div_whole(k)?)`, by cross products.
    pub fn cmp_div(self, o: Ratio, k: i64) -> Option<Ordering> {
        if k > 0
            && let Some((a, b, c, d)) = narrow(self, o)
            && let Some(left) = wide(a, d).checked_mul(i128::from(k))
        {
            return Some(left.cmp(&wide(c, b)));
        }
        self.checked_cmp(o.div_whole(k)?)
    }

    /// The smallest integer `>= self`.
    pub fn ceil(self) -> i128 {
        if let (Ok(n), Ok(d @ 1..)) = (i64::try_from(self.num), i64::try_from(self.den)) {
            let q = i128::from(n.div_euclid(d));
            return if n.rem_euclid(d) == 0 { q } else { q + 1 };
        }
        let q = self.num.div_euclid(self.den);
        if self.num.rem_euclid(self.den) == 0 {
            q
        } else {
            q + 1
        }
    }

    /// The largest integer `<= self`.
    pub fn floor(self) -> i128 {
        if let (Ok(n), Ok(d @ 1..)) = (i64::try_from(self.num), i64::try_from(self.den)) {
            return i128::from(n.div_euclid(d));
        }
        self.num.div_euclid(self.den)
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    /// `self` rounded half away from zero to `places` decimals (as
    /// [`Ratio::to_decimal_string`] shows it). For display decisions only.
    pub fn rounded(self, places: u32) -> Option<Ratio> {
        let (rounded, scale) = self.rounded_parts(places)?;
        Ratio::new(rounded, scale)
    }

    /// [`Ratio::rounded`] as `(numerator, 10^places)`, not reduced.
    fn rounded_parts(self, places: u32) -> Option<(i128, i128)> {
        let scale = pow10(places)?;
        let scaled = self.num.checked_mul(scale)?;
        Some((round_div(scaled, self.den), scale))
    }

    /// The fewest decimals, from `min` up to `max`, at which `self` rounded
    /// stays on the same side of every edge as `self` itself: a value just
    /// under a band edge never shows as the edge (4.9997% is not "5%").
    pub fn places_beside(self, min: u32, max: u32, edges: &[Ratio]) -> u32 {
        // Exact at `min` decimals (whole counts, 万元 to four places): shown as it is,
        // so on its own side of every edge.
        if let Some(scaled) = pow10(min).and_then(|s| self.num.checked_mul(s))
            && div_rem(scaled, self.den).1 == 0
            && edges.iter().all(|e| self.checked_cmp(*e).is_some())
        {
            return min;
        }
        let side_kept = |p: u32| {
            let Some((q, scale)) = self.rounded_parts(p) else {
                return false;
            };
            let narrow_q = i64::try_from(q).ok().zip(i64::try_from(scale).ok());
            edges.iter().all(|e| {
                let narrow_e = i64::try_from(e.num).ok().zip(i64::try_from(e.den).ok());
                let shown = match (narrow_q, narrow_e) {
                    // Compared unreduced: exact, as the reduced form would be.
                    (Some((n, s)), Some((en, ed))) => Some(wide(n, ed).cmp(&wide(en, s))),
                    // Wide: reduced first, whose cross products may overflow.
                    _ => Ratio::new(q, scale).and_then(|r| r.checked_cmp(*e)),
                };
                shown.is_some() && shown == self.checked_cmp(*e)
            })
        };
        (min..=max).find(|p| side_kept(*p)).unwrap_or(max)
    }

    /// `self` rounded half away from zero to `places` decimals, as text.
    /// For display only: comparisons never use this.
    pub fn to_decimal_string(self, places: u32) -> String {
        let scale = pow10(places).unwrap_or_else(|| 10i128.pow(places));
        let Some(scaled) = self.num.checked_mul(scale) else {
            // Too wide to scale: the fraction as it is, its parts written by the same hand
            // (no 128-bit formatter in the browser's bundle).
            return format!(
                "{}/{}",
                Ratio::int(self.num).to_decimal_string(0),
                Ratio::int(self.den).to_decimal_string(0)
            );
        };
        let rounded = round_div(scaled, self.den);
        // Digits written by hand into a buffer, right to left: the fraction
        // (trailing zeros dropped), the point, the whole part, the sign.
        let abs = rounded.unsigned_abs();
        let scale = scale.unsigned_abs();
        let (mut int, mut frac) = div_rem_u128(abs, scale);
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
        // ASCII only, so never the empty fallback.
        String::from_utf8(buf[at..].to_vec()).unwrap_or_default()
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
                        reference::decimal(r, places),
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

    /// The straightforward arithmetic, all in `i128` (Euclid's gcd, 128-bit
    /// division, no fast path): the fast paths must agree with it exactly,
    /// reduced form and overflow (`None`) alike.
    mod reference {
        use super::Ratio;
        use std::cmp::Ordering;

        fn gcd(a: i128, b: i128) -> i128 {
            let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a as i128
        }

        pub fn new(num: i128, den: i128) -> Option<Ratio> {
            if den == 0 {
                return None;
            }
            let (n, d) = if den < 0 { (-num, -den) } else { (num, den) };
            let g = gcd(n, d);
            let g = if g > 1 { g } else { 1 };
            Some(Ratio::from_reduced(n / g, d / g))
        }

        pub fn add(x: Ratio, o: Ratio) -> Option<Ratio> {
            let n = x
                .num
                .checked_mul(o.den)?
                .checked_add(o.num.checked_mul(x.den)?)?;
            new(n, x.den.checked_mul(o.den)?)
        }

        pub fn mul(x: Ratio, o: Ratio) -> Option<Ratio> {
            let g1 = gcd(x.num, o.den).max(1);
            let g2 = gcd(o.num, x.den).max(1);
            let n = (x.num / g1).checked_mul(o.num / g2)?;
            let d = (x.den / g2).checked_mul(o.den / g1)?;
            Some(Ratio::from_reduced(n, d))
        }

        pub fn cmp(x: Ratio, o: Ratio) -> Option<Ordering> {
            Some(x.num.checked_mul(o.den)?.cmp(&o.num.checked_mul(x.den)?))
        }

        pub fn rounded(x: Ratio, places: u32) -> Option<Ratio> {
            let scale = 10i128.checked_pow(places)?;
            let scaled = x.num.checked_mul(scale)?;
            let (q, r) = (scaled / x.den, (scaled % x.den).abs());
            let q = if r * 2 >= x.den {
                if scaled < 0 { q - 1 } else { q + 1 }
            } else {
                q
            };
            new(q, scale)
        }

        pub fn places_beside(x: Ratio, min: u32, max: u32, edges: &[Ratio]) -> u32 {
            let kept = |p: u32| {
                rounded(x, p).is_some_and(|r| {
                    edges
                        .iter()
                        .all(|e| cmp(r, *e).is_some() && cmp(r, *e) == cmp(x, *e))
                })
            };
            (min..=max).find(|p| kept(*p)).unwrap_or(max)
        }

        pub fn decimal(r: Ratio, places: u32) -> String {
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
            // `unsigned_abs`: i128::MIN has no i128 absolute value.
            let (neg, abs, scale) = (rounded < 0, rounded.unsigned_abs(), scale.unsigned_abs());
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

        pub fn ceil_floor(x: Ratio) -> (i128, i128) {
            let q = x.num.div_euclid(x.den);
            (
                if x.num.rem_euclid(x.den) == 0 {
                    q
                } else {
                    q + 1
                },
                q,
            )
        }
    }

    /// Numerators and denominators at every edge: zero, ±1, the `i64`
    /// boundaries and just past them, amounts in 元 and powers of ten, and
    /// random words of every width up to `i128`.
    fn int() -> impl proptest::strategy::Strategy<Value = i128> {
        use proptest::prelude::*;
        let edges = [
            0i128,
            1,
            -1,
            2,
            10,
            100,
            10_000,
            30_000,
            1_000_000_007,
            i128::from(i64::MAX),
            i128::from(i64::MAX) + 1,
            i128::from(i64::MAX) - 1,
            i128::from(i64::MIN),
            i128::from(i64::MIN) - 1,
            i128::from(i64::MIN) + 1,
            i128::from(u64::MAX),
            1 << 64,
            1 << 100,
            i128::MAX,
            i128::MIN,
            i128::MAX / 2,
            i128::MAX / 3,
            10i128.pow(18),
            10i128.pow(19),
            10i128.pow(30),
        ];
        prop_oneof![
            proptest::sample::select(edges.to_vec()),
            any::<i8>().prop_map(i128::from),
            any::<i32>().prop_map(i128::from),
            any::<i64>().prop_map(i128::from),
            (any::<i32>(), 0u32..=14).prop_map(|(n, p)| i128::from(n) * 10i128.pow(p)),
            (any::<i64>(), any::<i64>()).prop_map(|(a, b)| i128::from(a) * i128::from(b)),
            any::<i128>(),
        ]
    }

    /// A reduced fraction (made by the reference) with a positive
    /// denominator at most `i128::MAX / 2`, so that the rounding's `2r`
    /// (as in the former code) cannot overflow.
    fn ratio() -> impl proptest::strategy::Strategy<Value = Ratio> {
        use proptest::prelude::*;
        (int(), int()).prop_filter_map("denominator", |(n, d)| {
            let d = d.checked_abs().filter(|d| *d > 0 && *d <= i128::MAX / 2)?;
            reference::new(n, d)
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn fast_arithmetic_agrees_with_the_reference(
            a in ratio(), b in ratio(), n in int(), d in int(),
        ) {
            use proptest::prelude::*;
            if d != i128::MIN && !(d < 0 && n == i128::MIN) {
                prop_assert_eq!(Ratio::new(n, d), reference::new(n, d), "new({}, {})", n, d);
            }
            prop_assert_eq!(gcd(n, d), {
                let (mut x, mut y) = (n.unsigned_abs(), d.unsigned_abs());
                while y != 0 {
                    (x, y) = (y, x % y);
                }
                x as i128
            });
            prop_assert_eq!(a.checked_mul(b), reference::mul(a, b), "{:?} * {:?}", a, b);
            prop_assert_eq!(a.checked_add(b), reference::add(a, b), "{:?} + {:?}", a, b);
            if b.num != i128::MIN {
                let neg = Ratio::from_reduced(-b.num, b.den);
                prop_assert_eq!(a.checked_sub(b), reference::add(a, neg));
                let inv = reference::new(b.den, b.num);
                let div = inv.and_then(|i| reference::mul(a, i));
                prop_assert_eq!(a.checked_div(b), div, "{:?} / {:?}", a, b);
            }
            prop_assert_eq!(a.checked_cmp(b), reference::cmp(a, b), "{:?} <> {:?}", a, b);
            prop_assert_eq!((a.ceil(), a.floor()), reference::ceil_floor(a));
            let k = i64::try_from(n % 1_000_000).unwrap_or(100).max(1);
            prop_assert_eq!(
                a.cmp_div(b, k),
                reference::mul(b, Ratio::from_reduced(1, i128::from(k)))
                    .and_then(|t| reference::cmp(a, t)),
                "{:?} <> {:?} / {}", a, b, k
            );
            prop_assert_eq!(
                a.div_whole(k),
                reference::mul(a, Ratio::from_reduced(1, i128::from(k))),
                "{:?} / {}", a, k
            );
        }

        #[test]
        fn fast_rounding_agrees_with_the_reference(
            a in ratio(), edges in proptest::collection::vec(ratio(), 0..4), places in 0u32..=40,
        ) {
            use proptest::prelude::*;
            prop_assert_eq!(a.rounded(places), reference::rounded(a, places));
            if places <= 30 {
                prop_assert_eq!(a.to_decimal_string(places), reference::decimal(a, places));
            }
            let min = places.min(12);
            prop_assert_eq!(
                a.places_beside(min, min + 8, &edges),
                reference::places_beside(a, min, min + 8, &edges),
                "{:?} beside {:?}", a, edges
            );
            // An edge just beside the value itself, as in the results.
            let near: Vec<Ratio> = [(1, 10_000), (-1, 10_000), (1, 1 << 40)]
                .iter()
                .filter_map(|&(n, d)| a.checked_add(Ratio::new(n, d)?))
                .collect();
            prop_assert_eq!(
                a.places_beside(4, 12, &near),
                reference::places_beside(a, 4, 12, &near)
            );
        }
    }
}
