//! Reading an amount typed in 万元 and converting it to 亿元, exactly.
//!
//! Amounts are handled as decimal digit strings, never as `f64`, so `3000` 万元 is exactly
//! `0.3` 亿元 and no binary rounding ever shows up on screen.

/// Why a typed amount could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing was typed (or only whitespace).
    Empty,
    /// The text is not a non-negative decimal number such as `3000` or `2500.5`.
    NotANumber,
}

/// A non-negative decimal number read from user input: integer and fraction digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    integer: String,
    fraction: String,
}

impl Decimal {
    /// Reads a non-negative decimal number.
    ///
    /// Accepts ASCII or full-width digits (`０`–`９`), at most one decimal point (`.` or `．`),
    /// and surrounding whitespace. Signs, exponents, thousands separators and anything else are
    /// rejected, so nothing is silently misread.
    pub fn parse(input: &str) -> Result<Self, AmountError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        let mut integer = String::new();
        let mut fraction = String::new();
        let mut seen_point = false;
        for c in text.chars() {
            let c = match c {
                '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0'))
                    .ok_or(AmountError::NotANumber)?,
                '．' => '.',
                other => other,
            };
            match c {
                '0'..='9' if seen_point => fraction.push(c),
                '0'..='9' => integer.push(c),
                '.' if !seen_point => seen_point = true,
                _ => return Err(AmountError::NotANumber),
            }
        }
        if integer.is_empty() && fraction.is_empty() {
            return Err(AmountError::NotANumber);
        }
        Ok(Self { integer, fraction }.normalized())
    }

    /// Divides by 10^`places` by moving the decimal point left; exact.
    pub fn shift_left(&self, places: usize) -> Self {
        let mut digits = format!("{}{}", self.integer, self.fraction);
        let scale = self.fraction.len() + places;
        if digits.len() <= scale {
            let padding = "0".repeat(scale + 1 - digits.len());
            digits.insert_str(0, &padding);
        }
        let split = digits.len() - scale;
        Self {
            integer: digits[..split].to_string(),
            fraction: digits[split..].to_string(),
        }
        .normalized()
    }

    /// Drops leading zeros of the integer part and trailing zeros of the fraction.
    fn normalized(self) -> Self {
        let integer = self.integer.trim_start_matches('0');
        let fraction = self.fraction.trim_end_matches('0');
        Self {
            integer: if integer.is_empty() {
                "0".to_string()
            } else {
                integer.to_string()
            },
            fraction: fraction.to_string(),
        }
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.fraction.is_empty() {
            write!(f, "{}", self.integer)
        } else {
            write!(f, "{}.{}", self.integer, self.fraction)
        }
    }
}

/// Converts an amount typed in 万元 to 亿元 (1 亿 = 10 000 万), exactly, as display text.
pub fn wan_to_yi(input: &str) -> Result<String, AmountError> {
    Decimal::parse(input).map(|wan| wan.shift_left(4).to_string())
}

/// What the page shows under the revenue input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevenueFeedback {
    /// Nothing typed yet: show nothing.
    Nothing,
    /// The amount in 亿元, e.g. `合 0.3 亿元`.
    Derived(String),
    /// The text is not a number: say so, and keep the typed text in the input.
    Error(&'static str),
}

/// The message shown in the prompt's language when the revenue is not a number.
pub const NOT_A_NUMBER: &str = "请输入数字（可带小数点），例如 3000 或 2500.5";

/// The feedback line for the revenue input, from the text typed so far.
pub fn revenue_feedback(input: &str) -> RevenueFeedback {
    match wan_to_yi(input) {
        Ok(yi) => RevenueFeedback::Derived(format!("合 {yi} 亿元")),
        Err(AmountError::Empty) => RevenueFeedback::Nothing,
        Err(AmountError::NotANumber) => RevenueFeedback::Error(NOT_A_NUMBER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn converts_wan_to_yi_exactly() {
        let cases = [
            ("3000", "0.3"),
            ("10000", "1"),
            ("0", "0"),
            ("007", "0.0007"),
            ("12345.67", "1.234567"),
            ("2500.5", "0.25005"),
            (".5", "0.00005"),
            ("5.", "0.0005"),
            ("  3000  ", "0.3"),
            ("３０００．５", "0.30005"),
            (
                "123456789012345678901234567890",
                "12345678901234567890123456.789",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(wan_to_yi(input).as_deref(), Ok(expected), "input {input:?}");
        }
    }

    #[wasm_bindgen_test]
    fn rejects_what_is_not_a_number() {
        for input in ["abc", "-5", "1e3", "1,000", "1.2.3", ".", "3000万", "+1"] {
            assert_eq!(
                wan_to_yi(input),
                Err(AmountError::NotANumber),
                "input {input:?}"
            );
        }
        assert_eq!(wan_to_yi(""), Err(AmountError::Empty));
        assert_eq!(wan_to_yi(" \u{3000} "), Err(AmountError::Empty));
    }

    #[wasm_bindgen_test]
    fn feedback_lines() {
        assert_eq!(
            revenue_feedback("3000"),
            RevenueFeedback::Derived("合 0.3 亿元".into())
        );
        assert_eq!(revenue_feedback(""), RevenueFeedback::Nothing);
        assert_eq!(
            revenue_feedback("abc"),
            RevenueFeedback::Error(NOT_A_NUMBER)
        );
    }
}
