//! Reads the baked rule book (`baked.rs`, written by `bake.rs`) into a
//! [`RuleBook`] once, when the browser first asks for it: lists leaked into
//! `'static` slices, texts borrowed from `TEXTS`, values copied from their
//! tables. The format is [`crate::bake::Baker`]'s (its doc says it byte by
//! byte); the fields come in `shape.rs`'s order on both sides.
//!
//! No validation: the book was validated when it was baked, and the native
//! test `the_baked_book_is_the_rule_files_read_for_the_browser` compares
//! what this reads with the rule files read by serde.

use crate::baked::{SHAPE, TEXTS};
use crate::digital::{
    Bands, Choice, Dimension, OpenPoint, Question, Questionnaire, Scene, SceneLevel, SceneRule,
    Source,
};
use crate::metrics::{Metric, Unit};
use crate::profile::{AwardLevel, Dec, Industry};
use crate::rules::{
    Amend, Amendment, ApplicantPath, Applies, AwardRule, Band, Citation, Confidence, Document,
    Documents, Evidence, Exclusion, Group, Indicator, Ladder, Level, List, Node, NodeKind, Op,
    Pack, PackOption, PackQuestion, PackTarget, PassMark, ProvinceReading, Reading, RuleBook,
    RuleFile, Rung, Score, Scoring, SizeIndustry, SizeMeasure, SizeMetric, SizeTable, Term, Terms,
    Text,
};
use crate::shape::{model_structs, model_values};

/// The baked book, read.
pub fn book() -> RuleBook {
    let mut r = Reader {
        at: 0,
        text_at: 0,
        seen: Vec::new(),
    };
    RuleBook::read(&mut r)
}

/// Where the reading is in `SHAPE` and `TEXTS`, and the texts read so far.
struct Reader {
    at: usize,
    text_at: usize,
    seen: Vec<&'static str>,
}

impl Reader {
    /// A LEB128 number.
    fn number(&mut self) -> usize {
        let mut n = 0;
        let mut shift = 0;
        loop {
            let b = SHAPE[self.at];
            self.at += 1;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }
}

/// A value read from the baked book.
trait Unbake: Sized {
    fn read(r: &mut Reader) -> Self;
}

macro_rules! unbake_structs {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Unbake for $t {
            fn read(r: &mut Reader) -> Self {
                $t { $($f: Unbake::read(r)),* }
            }
        }
    )*};
}

model_structs!(unbake_structs);

macro_rules! unbake_values {
    ($($table:ident: $t:ident),* $(,)?) => {$(
        impl Unbake for $t {
            fn read(r: &mut Reader) -> Self {
                crate::baked::$table[r.number()]
            }
        }
    )*};
}

model_values!(unbake_values);

impl Unbake for Citation {
    fn read(r: &mut Reader) -> Self {
        Citation {
            doc: Unbake::read(r),
            article: Unbake::read(r),
            quote: Unbake::read(r),
            confidence: Unbake::read(r),
            reading: Unbake::read(r),
            resolved: std::sync::OnceLock::new(),
        }
    }
}

impl Unbake for NodeKind {
    fn read(r: &mut Reader) -> Self {
        match r.number() {
            0 => NodeKind::All {
                of: Unbake::read(r),
            },
            1 => NodeKind::Any {
                of: Unbake::read(r),
            },
            2 => NodeKind::CountOf {
                at_least: Unbake::read(r),
                of: Unbake::read(r),
            },
            3 => NodeKind::Compare {
                metric: Unbake::read(r),
                year: Unbake::read(r),
                op: Unbake::read(r),
                value: Unbake::read(r),
                unit: Unbake::read(r),
                item: Unbake::read(r),
                readings: Unbake::read(r),
            },
            4 => NodeKind::Flag {
                metric: Unbake::read(r),
                expect: Unbake::read(r),
                item: Unbake::read(r),
            },
            5 => NodeKind::Choice {
                metric: Unbake::read(r),
                one_of: Unbake::read(r),
                item: Unbake::read(r),
            },
            6 => NodeKind::Manual {},
            7 => NodeKind::Always {},
            8 => NodeKind::Base {},
            9 => NodeKind::Path {
                path: Unbake::read(r),
            },
            10 => NodeKind::Tier {
                tier: Unbake::read(r),
            },
            11 => NodeKind::Score(Unbake::read(r)),
            _ => NodeKind::Award {
                within_years: Unbake::read(r),
                of: Unbake::read(r),
            },
        }
    }
}

impl Unbake for Scoring {
    fn read(r: &mut Reader) -> Self {
        match r.number() {
            0 => Scoring::Bands {
                metric: Unbake::read(r),
                year: Unbake::read(r),
                unit: Unbake::read(r),
                bands: Unbake::read(r),
                readings: Unbake::read(r),
            },
            1 => Scoring::Levels {
                levels: Unbake::read(r),
            },
            _ => Scoring::MaxOf {
                of: Unbake::read(r),
            },
        }
    }
}

impl Unbake for crate::digital::Kind {
    fn read(r: &mut Reader) -> Self {
        if r.number() != 0 {
            crate::digital::Kind::Multi
        } else {
            crate::digital::Kind::Single
        }
    }
}

impl Unbake for bool {
    fn read(r: &mut Reader) -> Self {
        r.number() != 0
    }
}

impl Unbake for u32 {
    fn read(r: &mut Reader) -> Self {
        r.number() as u32
    }
}

impl Unbake for i32 {
    /// Zigzag: 0, 1, 2, 3, … as 0, -1, 1, -2, …
    fn read(r: &mut Reader) -> Self {
        let n = r.number() as u32;
        (n >> 1) as i32 ^ -((n & 1) as i32)
    }
}

impl Unbake for Text {
    fn read(r: &mut Reader) -> Self {
        let n = r.number();
        if n > 0 {
            return Text::Static(r.seen[n - 1]);
        }
        let start = r.text_at;
        let len = TEXTS.as_bytes()[start..]
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(0);
        let t = &TEXTS[start..start + len];
        r.text_at = start + len + 1;
        r.seen.push(t);
        Text::Static(t)
    }
}

impl<T: Unbake> Unbake for Option<T> {
    fn read(r: &mut Reader) -> Self {
        match r.number() {
            0 => None,
            _ => Some(T::read(r)),
        }
    }
}

impl<A: Unbake, B: Unbake> Unbake for (A, B) {
    fn read(r: &mut Reader) -> Self {
        let a = A::read(r);
        (a, B::read(r))
    }
}

impl<T: Unbake> Unbake for List<T> {
    fn read(r: &mut Reader) -> Self {
        let n = r.number();
        if n == 0 {
            return List::new();
        }
        // Collected from a counted range: one allocation of the exact size.
        let v: Vec<T> = (0..n).map(|_| T::read(r)).collect();
        List::Static(v.leak())
    }
}

impl Unbake for Documents {
    fn read(r: &mut Reader) -> Self {
        Documents(Unbake::read(r))
    }
}
