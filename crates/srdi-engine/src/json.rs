//! A strict JSON reader (RFC 8259) whose numbers keep their text.
//!
//! Rule files, packs and profiles are read from this [`Value`] by the
//! hand-written readers in `decode.rs`. Two reasons not to use serde_json's:
//! numbers stay exact (a figure is never rounded through `f64` on its way to a
//! [`crate::profile::Dec`]), and the browser bundle carries one small parser
//! instead of serde_json's deserialiser.
//!
//! Strictness: a repeated key in an object is an error (a profile with two
//! `revenue` entries is ambiguous, not "the last one wins"), nesting deeper
//! than [`MAX_DEPTH`] is an error, and so is anything after the value.

use std::collections::BTreeMap;
use std::fmt;

/// How deep arrays and objects may nest; deeper input is refused, not a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// An object's members, by key.
pub type Map = BTreeMap<String, Value>;

/// A JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, with its digits as written.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, by key (no key repeated).
    Object(Map),
}

/// A JSON number, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The value as an `i64`, when it is written as a whole number that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value as a `u64`, when it is written as a whole number that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The same number as a plain decimal without exponent or trailing zeros after the point
    /// (`1.50e3` → `1500`, `12E-2` → `0.12`, `2.500` → `2.5`); exact. None when the exponent is
    /// beyond ±64, far outside any figure a profile may hold.
    pub fn plain(&self) -> Option<String> {
        let text = self.0.as_str();
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        if !(-64..=64).contains(&exponent) {
            return None;
        }
        let (negative, mantissa) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: String = [int, frac].concat();
        // Where the decimal point falls in `digits` after applying the exponent.
        let point = i32::try_from(int.len()).ok()? + exponent;
        let (mut whole, mut fraction) = if point <= 0 {
            let zeros = "0".repeat(usize::try_from(-point).ok()?);
            (String::from("0"), zeros + &digits)
        } else {
            let point = usize::try_from(point).ok()?;
            if point >= digits.len() {
                (
                    digits.clone() + &"0".repeat(point - digits.len()),
                    String::new(),
                )
            } else {
                (digits[..point].to_string(), digits[point..].to_string())
            }
        };
        let trimmed = whole.trim_start_matches('0');
        whole = if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        };
        while fraction.ends_with('0') {
            fraction.pop();
        }
        let sign = if negative && (whole != "0" || !fraction.is_empty()) {
            "-"
        } else {
            ""
        };
        Some(if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        })
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(n.to_string())
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Number {
        Number(n.to_string())
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(n.to_string())
    }
}

impl Value {
    /// An object's member.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The object's members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as an `i64`, if it is written as a whole number that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as a `u64`, if it is written as a whole number that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
}

/// Compact JSON text.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Number(n) => f.write_str(&n.0),
            Value::String(s) => write_string(f, s),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (i, (key, item)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    f.write_str(":")?;
                    item.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

impl Value {
    /// JSON text indented by two spaces, one member or item per line (as people read files).
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        pretty_into(self, &mut out, 0);
        out
    }
}

/// An object as [`Value::to_pretty`] writes it, without wrapping (and copying) it in a `Value`.
pub fn pretty_object(map: &Map) -> String {
    let mut out = String::new();
    pretty_members(map, &mut out, 0);
    out
}

fn indent(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn pretty_into(value: &Value, out: &mut String, depth: usize) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                pretty_into(item, out, depth + 1);
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) => pretty_members(map, out, depth),
        other => out.push_str(&other.to_string()),
    }
}

fn pretty_members(map: &Map, out: &mut String, depth: usize) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (key, item)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        indent(out, depth + 1);
        out.push_str(&Value::String(key.clone()).to_string());
        out.push_str(": ");
        pretty_into(item, out, depth + 1);
    }
    indent(out, depth);
    out.push('}');
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

/// Parses one JSON value; the error names the line and column.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let value = p.value(0)?;
    p.skip_space();
    if p.at < p.bytes.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        format!("{what} at line {line} column {column}")
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8, what: &str) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("the JSON ends where a value should be")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn nested(&self, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            Err(self.error("nested too deeply"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.nested(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.nested(depth)?;
        self.at += 1;
        let mut map = Map::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key_at = self.at;
            let key = self.string()?;
            self.skip_space();
            self.eat(b':', "expected `:` after the key")?;
            let value = self.value(depth)?;
            // One search of the map: the key's place, or its first entry.
            match map.entry(key) {
                std::collections::btree_map::Entry::Vacant(place) => {
                    place.insert(value);
                }
                std::collections::btree_map::Entry::Occupied(first) => {
                    self.at = key_at;
                    let key = first.key();
                    return Err(self.error(&format!("the key `{key}` appears twice")));
                }
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(Value::Number(Number(self.text[start..self.at].to_string())))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let hex = self
            .text
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
        self.at += 4;
        u32::from_str_radix(hex, 16).map_err(|_| self.error("expected four hex digits after \\u"))
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        // Most text has no escape: it is copied once, at its length.
        let start = self.at;
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.at += 1;
        }
        if self.peek() == Some(b'"') {
            let text = self.text[start..self.at].to_owned();
            self.at += 1;
            return Ok(text);
        }
        self.at = start;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Runs end at ASCII bytes, so they are whole UTF-8 sequences.
            out.push_str(&self.text[run_start..self.at]);
            match self.peek() {
                None => return Err(self.error("the text has no closing quote")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek();
                    self.at += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err(self.error("a lone surrogate in \\u escapes"));
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("a lone surrogate in \\u escapes"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            out.push(
                                char::from_u32(code)
                                    .ok_or_else(|| self.error("a lone surrogate in \\u escapes"))?,
                            );
                        }
                        _ => {
                            self.at -= 1;
                            return Err(self.error("an unknown escape after \\"));
                        }
                    }
                }
                Some(_) => return Err(self.error("a control character inside text")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Number {
        match parse(text) {
            Ok(Value::Number(n)) => n,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_what_json_allows() {
        let v = parse(
            r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00中"} "#,
        )
        .unwrap_or(Value::Null);
        assert_eq!(
            v.get("a").and_then(|a| match a {
                Value::Array(items) => items.first().and_then(Value::as_i64),
                _ => None,
            }),
            Some(1)
        );
        assert_eq!(v.get("b").and_then(Value::as_str), Some("x\"\\/\né😀中"));
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "NaN",
            "Infinity",
            "'a'",
            "{a:1}",
            "[1 2]",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"tab\there\"",
            "1 2",
            "tru",
            "{\"a\":1,\"a\":2}",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err_and(|e| e.contains("nested too deeply")));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn errors_name_the_place() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            .err()
            .unwrap_or_default();
        assert_eq!(e, "expected `:` after the key at line 3 column 7");
    }

    #[test]
    fn numbers_keep_their_exact_value() {
        assert_eq!(num("1.50e3").plain().as_deref(), Some("1500"));
        assert_eq!(num("12E-2").plain().as_deref(), Some("0.12"));
        assert_eq!(num("2.500").plain().as_deref(), Some("2.5"));
        assert_eq!(num("-0").plain().as_deref(), Some("0"));
        assert_eq!(num("-0.0010").plain().as_deref(), Some("-0.001"));
        assert_eq!(
            num("123456789012345678901234567890").plain().as_deref(),
            Some("123456789012345678901234567890")
        );
        assert_eq!(num("1e400").plain(), None);
        assert_eq!(num("7").as_i64(), Some(7));
        assert_eq!(num("7.0").as_i64(), None);
        assert_eq!(num("-7").as_u64(), None);
    }

    #[test]
    fn pretty_text_reads_back_the_same() {
        let v =
            parse(r#"{"b":{"x":[1,{"y":"中"}],"e":{},"l":[]},"a":true}"#).unwrap_or(Value::Null);
        let pretty = v.to_pretty();
        assert_eq!(
            pretty,
            "{\n  \"a\": true,\n  \"b\": {\n    \"e\": {},\n    \"l\": [],\n    \"x\": [\n      1,\n      {\n        \"y\": \"中\"\n      }\n    ]\n  }\n}"
        );
        assert_eq!(parse(&pretty), Ok(v.clone()));
        if let Value::Object(map) = &v {
            assert_eq!(pretty_object(map), pretty);
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"a":[1,-2.5e3,true,false,null],"b":"x\"\\\n\u0001中"}"#;
        let v = parse(text).unwrap_or(Value::Null);
        assert_eq!(v.to_string(), text);
        assert_eq!(parse(&v.to_string()), Ok(v));
    }
}
