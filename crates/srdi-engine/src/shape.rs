//! The rule model's structs, each with its fields in one order: the baker
//! writes the book in this order (`bake.rs`) and the browser reads it back
//! in the same order (`unbake.rs`), both from this one list.

/// Calls `$m! { Type { field, … } … }` with every struct of the rule model
/// (enums and `Citation`, whose cache is not baked, are written by hand).
/// A field added to the model and not listed here does not compile: the
/// baker destructures each struct, the reader builds it.
macro_rules! model_structs {
    ($m:ident) => {
        $m! {
            RuleBook { files, packs, amendments, terms, ladder, digital }
            Questionnaire {
                format, id, version, industry, from, effect_zh, effect_en, zh, en, documents,
                cite, dimensions, scenes, bands, scene_rule, open_points, sources,
            }
            Dimension { id, zh, en, max, questions }
            Question {
                id, area, area_en, zh, en, kind, max, options, source, confidence, note, note_en,
            }
            Choice { key, zh, en, points, none }
            OpenPoint { zh, en }
            Source { id, zh, en }
            Scene {
                id, zh, en, group, group_en, binding, levels, levels_en, source, confidence,
                binding_source,
            }
            Bands { from, cite, note, note_en }
            SceneRule { source, confidence, note, note_en, levels }
            SceneLevel { level, score_from, scenes, binding }
            Ladder { format, documents, floor, rungs, exclusions }
            Rung { tiers, cite }
            Exclusion { tier, holders_of, cite }
            Terms { format, documents, terms }
            Term { id, zh, en, explain_zh, explain_en, cite }
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
                format, id, tier, version, zh, en, documents, applies, validity_years, root,
                size_table, evidence, amendments,
            }
            Evidence { zh, en }
            SizeTable { cite, logic_cite, industries }
            SizeIndustry { industry, zh, en, quote, measures }
            SizeMeasure { metric, sme_below, medium_from, small_from }
            Pack {
                format, id, province, zh, en, applies_to, documents, pass_mark, indicators,
                questions,
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
    };
}

pub(crate) use model_structs;

/// Calls `$m! { TABLE: Type, … }` with every type the baked book holds as
/// an index into a table of its values (`baked.rs` has one `static` array
/// per type, the values the book uses in the order it first uses them).
macro_rules! model_values {
    ($m:ident) => {
        $m! {
            CONFIDENCE: Confidence,
            PATH: ApplicantPath,
            OP: Op,
            UNIT: Unit,
            SIZE_METRIC: SizeMetric,
            INDUSTRY: Industry,
            AWARD_LEVEL: AwardLevel,
            METRIC: Metric,
            DEC: Dec,
        }
    };
}

pub(crate) use model_values;
