//! The baker: writes `src/baked.rs`, the rule book as compact data for the
//! browser build (no rule text to parse, no JSON or serde reader).
//!
//! The book is the one the native engine reads with serde from the rule
//! files (amendments applied), validated, and with every citation's
//! `reading` left out (the page does not show it). Each model type writes
//! itself into a [`Baker`]: the book's shape as bytes (`SHAPE`), every
//! distinct text once (`TEXTS`), and one small table per enum and number
//! type. `unbake.rs` reads it back once, when the browser first asks for
//! the book: its lists are leaked into `'static` slices and its texts are
//! slices of `TEXTS`, so the book is what Rust constants would have made,
//! at about half their compressed size (constants are pointer-heavy).
//!
//! Run by `cargo xtask bake`, which is `SRDI_BLESS=1 cargo test -p
//! srdi-engine --test bake`; without `SRDI_BLESS` that test fails when
//! `baked.rs` is stale. Native builds only.

use std::collections::HashMap;

use crate::digital::{
    Bands, Choice, Dimension, OpenPoint, Question, Questionnaire, Scene, SceneLevel, SceneRule,
    Source,
};
use crate::metrics::{Metric, Unit};
use crate::profile::{AwardLevel, Dec, Industry};
use crate::rules::{
    Amend, Amendment, ApplicantPath, Applies, AwardRule, Band, Citation, Confidence, Document,
    Documents, EMBEDDED_AMENDMENTS, EMBEDDED_LADDER, EMBEDDED_PACKS, EMBEDDED_RULES,
    EMBEDDED_TERMS, Evidence, Exclusion, Group, Indicator, Ladder, Level, List, Node, NodeKind, Op,
    Pack, PackOption, PackQuestion, PackTarget, PassMark, ProvinceReading, Reading, RuleBook,
    RuleError, RuleFile, Rung, Score, Scoring, SizeIndustry, SizeMeasure, SizeMetric, SizeTable,
    Term, Terms, Text,
};
use crate::shape::{model_structs, model_values};

pub use crate::rules_hash::rules_hash;

/// The baked book being written: its shape as bytes, its texts, and the
/// tables of values its bytes index.
pub struct Baker {
    /// The shape: every struct's fields in the order of `shape.rs`; a
    /// number as LEB128, an option or bool as one byte, a list as its length
    /// then its items, an enum as its variant's number then its fields, a
    /// text as 0 (a new text: the next in [`Baker::texts`]) or `i + 1` (the
    /// `i`th text, in the order of first use). Texts end with NUL in `TEXTS`
    /// rather than carry their length here: lengths are noise to brotli, a
    /// NUL almost nothing (the book is 1.5 KB smaller compressed).
    bytes: Vec<u8>,
    /// Each distinct text, in the order of first use.
    texts: Vec<String>,
    seen: HashMap<String, usize>,
    /// Per value type (in `shape.rs`'s order): its table's name, the type,
    /// and its values as constant expressions, in the order of first use.
    tables: Vec<(&'static str, &'static str, Vec<String>)>,
}

impl Default for Baker {
    fn default() -> Baker {
        let mut tables = Vec::new();
        macro_rules! tables {
            ($($table:ident: $t:ident),* $(,)?) => {
                $(tables.push((stringify!($table), stringify!($t), Vec::new()));)*
            };
        }
        model_values!(tables);
        Baker {
            bytes: Vec::new(),
            texts: Vec::new(),
            seen: HashMap::new(),
            tables,
        }
    }
}

impl Baker {
    /// `n` as LEB128 (7 bits a byte, low first).
    fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    /// A text: new (0; the next in [`Baker::texts`]), or the `i`th given
    /// before (`i + 1`).
    fn text(&mut self, t: &str) {
        match self.seen.get(t) {
            Some(&i) => self.number(i as u64 + 1),
            None => {
                assert!(!t.contains('\0'), "a rule text holds NUL: {t:?}");
                self.seen.insert(t.to_string(), self.texts.len());
                self.texts.push(t.to_string());
                self.number(0);
            }
        }
    }

    /// A value of the type whose table is `table`, written as `expr`: its
    /// index in that table.
    fn value(&mut self, table: &str, expr: String) {
        let Some((_, _, values)) = self.tables.iter_mut().find(|(name, _, _)| *name == table)
        else {
            unreachable!("every value type has a table ({table})")
        };
        let i = match values.iter().position(|v| *v == expr) {
            Some(i) => i,
            None => {
                values.push(expr);
                values.len() - 1
            }
        };
        self.number(i as u64);
    }
}

/// A value written into the baked book.
pub trait Bake {
    /// Writes `self` (lists and structs inside too).
    fn bake(&self, b: &mut Baker);
}

/// `Bake` for structs, field by field in `shape.rs`'s order (the
/// destructuring makes a field added to the model and not listed a compile
/// error).
macro_rules! bake_structs {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Bake for $t {
            fn bake(&self, b: &mut Baker) {
                let $t { $($f),* } = self;
                $($f.bake(b);)*
            }
        }
    )*};
}

model_structs!(bake_structs);

impl Bake for Citation {
    fn bake(&self, b: &mut Baker) {
        let Citation {
            doc,
            article,
            quote,
            confidence,
            reading,
            resolved: _,
        } = self;
        doc.bake(b);
        article.bake(b);
        quote.bake(b);
        confidence.bake(b);
        reading.bake(b);
    }
}

impl Bake for NodeKind {
    /// The variant's number (as `unbake.rs` reads it), then its fields.
    fn bake(&self, b: &mut Baker) {
        match self {
            NodeKind::All { of } => {
                b.number(0);
                of.bake(b);
            }
            NodeKind::Any { of } => {
                b.number(1);
                of.bake(b);
            }
            NodeKind::CountOf { at_least, of } => {
                b.number(2);
                at_least.bake(b);
                of.bake(b);
            }
            NodeKind::Compare {
                metric,
                year,
                op,
                value,
                unit,
                item,
                readings,
            } => {
                b.number(3);
                metric.bake(b);
                year.bake(b);
                op.bake(b);
                value.bake(b);
                unit.bake(b);
                item.bake(b);
                readings.bake(b);
            }
            NodeKind::Flag {
                metric,
                expect,
                item,
            } => {
                b.number(4);
                metric.bake(b);
                expect.bake(b);
                item.bake(b);
            }
            NodeKind::Choice {
                metric,
                one_of,
                item,
            } => {
                b.number(5);
                metric.bake(b);
                one_of.bake(b);
                item.bake(b);
            }
            NodeKind::Manual {} => b.number(6),
            NodeKind::Always {} => b.number(7),
            NodeKind::Base {} => b.number(8),
            NodeKind::Path { path } => {
                b.number(9);
                path.bake(b);
            }
            NodeKind::Tier { tier } => {
                b.number(10);
                tier.bake(b);
            }
            NodeKind::Score(score) => {
                b.number(11);
                score.bake(b);
            }
            NodeKind::Award { within_years, of } => {
                b.number(12);
                within_years.bake(b);
                of.bake(b);
            }
        }
    }
}

impl Bake for Scoring {
    /// The variant's number (as `unbake.rs` reads it), then its fields.
    fn bake(&self, b: &mut Baker) {
        match self {
            Scoring::Bands {
                metric,
                year,
                unit,
                bands,
                readings,
            } => {
                b.number(0);
                metric.bake(b);
                year.bake(b);
                unit.bake(b);
                bands.bake(b);
                readings.bake(b);
            }
            Scoring::Levels { levels } => {
                b.number(1);
                levels.bake(b);
            }
            Scoring::MaxOf { of } => {
                b.number(2);
                of.bake(b);
            }
        }
    }
}

/// Types held as an index into their table (`shape.rs`), the table's
/// values written as constant expressions.
macro_rules! bake_values {
    ($($table:ident: $t:ident),* $(,)?) => {$(
        impl Bake for $t {
            fn bake(&self, b: &mut Baker) {
                b.value(stringify!($table), self.expr());
            }
        }
    )*};
}

model_values!(bake_values);

/// A value of a table as a constant expression (field-less enums: their
/// `Debug` is the variant's name).
trait ValueExpr {
    fn expr(&self) -> String;
}

macro_rules! unit_enums {
    ($($t:ident)*) => {$(
        impl ValueExpr for $t {
            fn expr(&self) -> String {
                format!(concat!(stringify!($t), "::{:?}"), self)
            }
        }
    )*};
}

unit_enums!(Confidence ApplicantPath Op Unit SizeMetric Industry AwardLevel);

impl ValueExpr for Metric {
    fn expr(&self) -> String {
        match self {
            Metric::Answer(f) => format!("Metric::Answer(FieldId::{f:?})"),
            m => format!("Metric::{m:?}"),
        }
    }
}

impl ValueExpr for Dec {
    fn expr(&self) -> String {
        format!(
            "Dec(Ratio::from_reduced({}, {}))",
            self.0.num(),
            self.0.den()
        )
    }
}

impl Bake for crate::digital::Kind {
    fn bake(&self, b: &mut Baker) {
        b.number(u64::from(*self == crate::digital::Kind::Multi));
    }
}

impl Bake for bool {
    fn bake(&self, b: &mut Baker) {
        b.number(u64::from(*self));
    }
}

impl Bake for u32 {
    fn bake(&self, b: &mut Baker) {
        b.number(u64::from(*self));
    }
}

impl Bake for i32 {
    /// Zigzag: 0, -1, 1, -2, … as 0, 1, 2, 3, …
    fn bake(&self, b: &mut Baker) {
        b.number(u64::from(((self << 1) ^ (self >> 31)) as u32));
    }
}

impl Bake for Text {
    fn bake(&self, b: &mut Baker) {
        b.text(self.as_str());
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, b: &mut Baker) {
        match self {
            None => b.number(0),
            Some(x) => {
                b.number(1);
                x.bake(b);
            }
        }
    }
}

impl<A: Bake, B: Bake> Bake for (A, B) {
    fn bake(&self, b: &mut Baker) {
        self.0.bake(b);
        self.1.bake(b);
    }
}

impl<T: Bake> Bake for List<T> {
    fn bake(&self, b: &mut Baker) {
        b.number(self.len() as u64);
        for x in self.iter() {
            x.bake(b);
        }
    }
}

impl Bake for Documents {
    fn bake(&self, b: &mut Baker) {
        self.0.bake(b);
    }
}

/// The book as the browser gets it: the embedded rule files read as the
/// native engine reads them, with every citation's `reading` left out
/// (removed from the text before reading, so amended files lose theirs too).
pub fn browser_book() -> Result<RuleBook, RuleError> {
    let strip = |text: &str| -> String {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(mut v) => {
                strip_readings(&mut v);
                v.to_string()
            }
            Err(_) => text.to_string(),
        }
    };
    let mut book = RuleBook::default();
    for (name, text) in EMBEDDED_RULES {
        book.add_rule_file(name, &strip(text))?;
    }
    for (name, text) in EMBEDDED_AMENDMENTS {
        book.add_amendment(name, &strip(text))?;
    }
    for (name, text) in EMBEDDED_PACKS {
        book.add_pack(name, &strip(text))?;
    }
    for (name, text) in EMBEDDED_TERMS {
        book.add_terms(name, &strip(text))?;
    }
    for (name, text) in EMBEDDED_LADDER {
        book.set_ladder(name, &strip(text))?;
    }
    for (name, text) in crate::digital::EMBEDDED_DIGITAL {
        book.digital
            .push(crate::digital::Questionnaire::read(name, &strip(text))?);
    }
    Ok(book)
}

/// Removes every citation's `reading` (which default of an ambiguity was
/// taken, in the project's own REFERENCE terms): the page does not show it,
/// and it is a fifth of the rule text.
fn strip_readings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("reading");
            m.values_mut().for_each(strip_readings);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_readings),
        _ => {}
    }
}

/// The text of `baked.rs` for `book`, recording the rule files' `hash`.
pub fn source(book: &RuleBook, hash: &str) -> String {
    let mut b = Baker::default();
    book.bake(&mut b);
    let mut out = format!(
        "// @generated by `cargo xtask bake` (crates/srdi-engine/src/bake.rs) from the rule\n\
         // files in rules/: do not edit. The browser's rule book: validated, amendments\n\
         // applied, citation readings left out; read back once by `unbake.rs`. build.rs\n\
         // refuses a browser build when the rule files no longer have this hash.\n\
         // rules-hash: {hash}\n\
         \n\
         use crate::fields::FieldId;\n\
         use crate::metrics::{{Metric, Unit}};\n\
         use crate::num::Ratio;\n\
         use crate::profile::{{AwardLevel, Dec, Industry}};\n\
         use crate::rules::*;\n\
         \n\
         /// Every text of the book once, each ended by NUL, in the order the book first\n\
         /// names it.\n\
         pub static TEXTS: &str = concat!(\n"
    );
    for t in &b.texts {
        out.push_str(&format!("    {:?},\n", format!("{t}\0")));
    }
    out.push_str(");\n");
    for (table, ty, values) in &b.tables {
        out.push_str(&format!(
            "\n/// The `{ty}` values the book holds.\npub static {table}: [{ty}; {}] = [\n",
            values.len()
        ));
        for v in values {
            out.push_str(&format!("    {v},\n"));
        }
        out.push_str("];\n");
    }
    out.push_str(&format!(
        "\n/// The book's shape (`Baker` in bake.rs): its structs, lists and enums, with\n\
         /// texts and values as indexes into the tables above.\n\
         pub static SHAPE: [u8; {}] = [\n",
        b.bytes.len()
    ));
    for row in b.bytes.chunks(24) {
        let row: Vec<String> = row.iter().map(u8::to_string).collect();
        out.push_str(&format!("    {},\n", row.join(", ")));
    }
    out.push_str("];\n");
    out
}

/// The text `baked.rs` must have now: the embedded rule files validated (an
/// invalid one cannot be baked), then read for the browser.
pub fn bake_now() -> Result<String, String> {
    let full = RuleBook::embedded().map_err(|e| e.to_string())?;
    full.validate().map_err(|e| e.to_string())?;
    let book = browser_book().map_err(|e| e.to_string())?;
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let hash = rules_hash(&rules).map_err(|e| format!("{}: {e}", rules.display()))?;
    Ok(source(&book, &hash))
}

#[cfg(all(test, srdi_baked))]
mod tests {
    use super::*;

    /// The baked constants are the book read from the rule files, for the
    /// browser: every file, pack and amendment, field by field.
    #[test]
    fn the_baked_book_is_the_rule_files_read_for_the_browser() {
        let book = browser_book().unwrap_or_else(|e| panic!("{e}"));
        let baked = RuleBook::baked();
        assert_eq!(baked.files, book.files);
        assert_eq!(baked.packs, book.packs);
        assert_eq!(baked.amendments, book.amendments);
        assert!(matches!(baked.files, List::Static(_)));
    }
}
