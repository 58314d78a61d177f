//! The baker: writes `src/baked.rs`, the rule book as Rust constants, for
//! the browser build (no rule text, no rule parser, no parse at start).
//!
//! The book is the one the native engine reads with serde from the rule
//! files (amendments applied), validated, and with every citation's
//! `reading` left out (the page does not show it). Each model type writes
//! itself as a constant expression ([`Bake`]); every non-empty list becomes
//! a `static` array of its own, because a citation's cache (`OnceLock`) may
//! not sit in a temporary borrowed by a static.
//!
//! Run by `cargo xtask bake`, which is `SRDI_BLESS=1 cargo test -p
//! srdi-engine --test bake`; without `SRDI_BLESS` that test fails when
//! `baked.rs` is stale. Native builds only.

use crate::metrics::{Metric, Unit};
use crate::profile::{AwardLevel, Dec, Industry};
use crate::rules::{
    Amend, Amendment, ApplicantPath, Applies, AwardRule, Band, Citation, Confidence, Document,
    Documents, EMBEDDED_AMENDMENTS, EMBEDDED_PACKS, EMBEDDED_RULES, Evidence, Group, Indicator,
    Level, List, Node, NodeKind, Op, Pack, PackOption, PackQuestion, PackTarget, PassMark,
    ProvinceReading, Reading, RuleBook, RuleError, RuleFile, Score, Scoring, SizeIndustry,
    SizeMeasure, SizeMetric, SizeTable, Text,
};

pub use crate::rules_hash::rules_hash;

/// The `static` arrays the lists become, in the order they were made.
#[derive(Default)]
pub struct Statics {
    items: Vec<String>,
}

impl Statics {
    /// Adds `static L<n>: [ty; len] = [items];` and returns its name.
    fn array(&mut self, ty: String, items: Vec<String>) -> String {
        let name = format!("L{}", self.items.len());
        let mut s = format!("static {name}: [{ty}; {}] = [\n", items.len());
        for i in items {
            s.push_str("    ");
            s.push_str(&i);
            s.push_str(",\n");
        }
        s.push_str("];\n");
        self.items.push(s);
        name
    }
}

/// A value written as a Rust constant expression.
pub trait Bake {
    /// The type as `baked.rs` names it.
    fn ty() -> String;
    /// The expression; lists inside are added to `s`.
    fn bake(&self, s: &mut Statics) -> String;
}

/// `Name { field: value, … }`.
fn lit(name: &str, fields: &[(&str, String)]) -> String {
    let mut o = format!("{name} {{");
    for (k, v) in fields {
        o.push_str(&format!(" {k}: {v},"));
    }
    o.push_str(" }");
    o
}

/// `Bake` for structs written field by field (the destructuring makes a
/// field added to the model and not listed here a compile error).
macro_rules! bake_structs {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Bake for $t {
            fn ty() -> String {
                stringify!($t).to_string()
            }
            fn bake(&self, s: &mut Statics) -> String {
                let $t { $($f),* } = self;
                lit(stringify!($t), &[$((stringify!($f), $f.bake(s))),*])
            }
        }
    )*};
}

bake_structs! {
    RuleBook { files, packs, amendments }
    Document { title, doc_no, issuer, issued, effective }
    Applies { path, from, until, review_zh, review_en, cite, province_reading }
    ProvinceReading { province, zh, en, cite }
    Node { id, zh, en, cite, review_zh, review_en, fail_review_zh, fail_review_en, kind }
    Score { max, pass_mark, groups, pack_group }
    Group { id, zh, en, max, min, indicators }
    Indicator { id, zh, en, max, cite, actionable, review_zh, review_en, scoring }
    Band { label, text, from, from_incl, to, to_incl, points }
    Level { label, text, points, when, review_zh, review_en }
    RuleFile {
        format, id, tier, version, zh, en, documents, applies, validity_years, root, size_table,
        evidence, amendments,
    }
    Evidence { zh, en }
    SizeTable { cite, logic_cite, industries }
    SizeIndustry { industry, zh, en, quote, measures }
    SizeMeasure { metric, sme_below, medium_from, small_from }
    Pack {
        format, id, province, zh, en, applies_to, documents, pass_mark, indicators, questions,
    }
    PackTarget { tier, version, from, until }
    Amendment { format, id, tier, version, zh, en, documents, from, until, cite, changes }
    Amend { target, value, pass_mark, node, indicator, cite, zh, en }
    PassMark { value, cite, from }
    PackQuestion { item, zh, en, options }
    PackOption { key, zh, en }
    AwardRule { level, max_rank }
    Reading { metric, note_zh, note_en }
}

impl Bake for Citation {
    fn ty() -> String {
        "Citation".into()
    }
    fn bake(&self, s: &mut Statics) -> String {
        let Citation {
            doc,
            article,
            quote,
            confidence,
            reading,
            resolved: _,
        } = self;
        lit(
            "Citation",
            &[
                ("doc", doc.bake(s)),
                ("article", article.bake(s)),
                ("quote", quote.bake(s)),
                ("confidence", confidence.bake(s)),
                ("reading", reading.bake(s)),
                ("resolved", "OnceLock::new()".into()),
            ],
        )
    }
}

impl Bake for NodeKind {
    fn ty() -> String {
        "NodeKind".into()
    }
    fn bake(&self, s: &mut Statics) -> String {
        let v = |name: &str, fields: &[(&str, String)]| lit(&format!("NodeKind::{name}"), fields);
        match self {
            NodeKind::All { of } => v("All", &[("of", of.bake(s))]),
            NodeKind::Any { of } => v("Any", &[("of", of.bake(s))]),
            NodeKind::CountOf { at_least, of } => v(
                "CountOf",
                &[("at_least", at_least.bake(s)), ("of", of.bake(s))],
            ),
            NodeKind::Compare {
                metric,
                year,
                op,
                value,
                unit,
                item,
                readings,
            } => v(
                "Compare",
                &[
                    ("metric", metric.bake(s)),
                    ("year", year.bake(s)),
                    ("op", op.bake(s)),
                    ("value", value.bake(s)),
                    ("unit", unit.bake(s)),
                    ("item", item.bake(s)),
                    ("readings", readings.bake(s)),
                ],
            ),
            NodeKind::Flag {
                metric,
                expect,
                item,
            } => v(
                "Flag",
                &[
                    ("metric", metric.bake(s)),
                    ("expect", expect.bake(s)),
                    ("item", item.bake(s)),
                ],
            ),
            NodeKind::Choice {
                metric,
                one_of,
                item,
            } => v(
                "Choice",
                &[
                    ("metric", metric.bake(s)),
                    ("one_of", one_of.bake(s)),
                    ("item", item.bake(s)),
                ],
            ),
            NodeKind::Manual {} => "NodeKind::Manual {}".into(),
            NodeKind::Always {} => "NodeKind::Always {}".into(),
            NodeKind::Base {} => "NodeKind::Base {}".into(),
            NodeKind::Path { path } => v("Path", &[("path", path.bake(s))]),
            NodeKind::Tier { tier } => v("Tier", &[("tier", tier.bake(s))]),
            NodeKind::Score(score) => format!("NodeKind::Score({})", score.bake(s)),
            NodeKind::Award { within_years, of } => v(
                "Award",
                &[("within_years", within_years.bake(s)), ("of", of.bake(s))],
            ),
        }
    }
}

impl Bake for Scoring {
    fn ty() -> String {
        "Scoring".into()
    }
    fn bake(&self, s: &mut Statics) -> String {
        match self {
            Scoring::Bands {
                metric,
                year,
                unit,
                bands,
                readings,
            } => lit(
                "Scoring::Bands",
                &[
                    ("metric", metric.bake(s)),
                    ("year", year.bake(s)),
                    ("unit", unit.bake(s)),
                    ("bands", bands.bake(s)),
                    ("readings", readings.bake(s)),
                ],
            ),
            Scoring::Levels { levels } => lit("Scoring::Levels", &[("levels", levels.bake(s))]),
            Scoring::MaxOf { of } => lit("Scoring::MaxOf", &[("of", of.bake(s))]),
        }
    }
}

/// Field-less enums: `Type::Variant` (their `Debug` is the variant's name).
macro_rules! bake_unit_enums {
    ($($t:ident)*) => {$(
        impl Bake for $t {
            fn ty() -> String {
                stringify!($t).to_string()
            }
            fn bake(&self, _: &mut Statics) -> String {
                format!(concat!(stringify!($t), "::{:?}"), self)
            }
        }
    )*};
}

bake_unit_enums!(Confidence ApplicantPath Op Unit SizeMetric Industry AwardLevel);

impl Bake for Metric {
    fn ty() -> String {
        "Metric".into()
    }
    fn bake(&self, _: &mut Statics) -> String {
        match self {
            Metric::Answer(f) => format!("Metric::Answer(FieldId::{f:?})"),
            m => format!("Metric::{m:?}"),
        }
    }
}

macro_rules! bake_debug {
    ($($t:ident)*) => {$(
        impl Bake for $t {
            fn ty() -> String {
                stringify!($t).to_string()
            }
            fn bake(&self, _: &mut Statics) -> String {
                format!("{self:?}")
            }
        }
    )*};
}

bake_debug!(bool i32 u32);

impl Bake for Text {
    fn ty() -> String {
        "Text".into()
    }
    fn bake(&self, _: &mut Statics) -> String {
        format!("Text::Static({:?})", self.as_str())
    }
}

impl Bake for Dec {
    fn ty() -> String {
        "Dec".into()
    }
    fn bake(&self, _: &mut Statics) -> String {
        format!(
            "Dec(Ratio::from_reduced({}, {}))",
            self.0.num(),
            self.0.den()
        )
    }
}

impl<T: Bake> Bake for Option<T> {
    fn ty() -> String {
        format!("Option<{}>", T::ty())
    }
    fn bake(&self, s: &mut Statics) -> String {
        match self {
            None => "None".into(),
            Some(x) => format!("Some({})", x.bake(s)),
        }
    }
}

impl<A: Bake, B: Bake> Bake for (A, B) {
    fn ty() -> String {
        format!("({}, {})", A::ty(), B::ty())
    }
    fn bake(&self, s: &mut Statics) -> String {
        format!("({}, {})", self.0.bake(s), self.1.bake(s))
    }
}

impl<T: Bake> Bake for List<T> {
    fn ty() -> String {
        format!("List<{}>", T::ty())
    }
    fn bake(&self, s: &mut Statics) -> String {
        if self.is_empty() {
            return "List::new()".into();
        }
        let items = self.iter().map(|x| x.bake(s)).collect();
        format!("List::Static(&{})", s.array(T::ty(), items))
    }
}

impl Bake for Documents {
    fn ty() -> String {
        "Documents".into()
    }
    fn bake(&self, s: &mut Statics) -> String {
        format!("Documents({})", self.0.bake(s))
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
    let mut s = Statics::default();
    let top = book.bake(&mut s);
    let mut out = format!(
        "// @generated by `cargo xtask bake` (crates/srdi-engine/src/bake.rs) from the rule\n\
         // files in rules/: do not edit. The browser's rule book, as constants: validated,\n\
         // amendments applied, citation readings left out. build.rs refuses a browser build\n\
         // when the rule files no longer have this hash.\n\
         // rules-hash: {hash}\n\
         \n\
         use std::sync::OnceLock;\n\
         \n\
         use crate::fields::FieldId;\n\
         use crate::metrics::{{Metric, Unit}};\n\
         use crate::num::Ratio;\n\
         use crate::profile::{{AwardLevel, Dec, Industry}};\n\
         use crate::rules::*;\n\
         \n\
         pub static BOOK: RuleBook = {top};\n"
    );
    for item in s.items {
        out.push('\n');
        out.push_str(&item);
    }
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
