//! The 数字化水平 self-test (中小企业数字化水平评测指标（2024年版）, manufacturing) as a local,
//! labelled estimate: the questionnaire is rule data (`rules/digital/digital_2024.json`,
//! `srdi-digital/1`), each question and scene with its source and confidence; this module
//! reads it, checks it adds up, and computes the estimate from a firm's answers.
//!
//! Two readings of the level, never one: by the score bands alone (as the data gives them:
//! 20/40/60/80 of 100 points in the 2024 file, from the 2022 notice), and under the only explicit rule found that
//! combines the score with the scene levels (one third-party source, `scene_rule`). The level
//! the firm copies from the MIIT platform stays authoritative.
//!
//! Points are exact: every option is a whole number of thousandths of a point.

use serde::{Deserialize, Serialize};

use crate::rules::{Citation, Confidence, Documents, List, RuleError, Text};

/// The format of a digital-level questionnaire file.
pub const DIGITAL_FORMAT: &str = "srdi-digital/1";

/// Thousandths of a point: every option's points are whole thousandths (0.025 steps and finer).
pub type Milli = u32;

/// A digital-level questionnaire: its dimensions of scored questions, its scenes and the rules
/// that turn them into levels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// `srdi-digital/1`.
    pub format: Text,
    /// File id (`digital_2024_manufacturing`).
    pub id: Text,
    /// The indicators' version (`2024`).
    pub version: Text,
    /// The industry table it is (`manufacturing`).
    pub industry: Text,
    /// The day the indicators were issued: no estimate for an assessment before it.
    pub from: Text,
    /// Why 63号 item 5 counts a range while no platform level is entered, in Chinese.
    pub effect_zh: Text,
    /// The same in English.
    pub effect_en: Text,
    /// Its name in Chinese.
    pub zh: Text,
    /// Its name in English.
    pub en: Text,
    /// The documents the citations name.
    pub documents: Documents,
    /// How the parts give a level, in the notice's words.
    pub cite: Citation,
    /// The scored dimensions (数字化基础, 管理, 成效); their maxima add up to full marks.
    pub dimensions: List<Dimension>,
    /// The 数字化经营 scenes, each answered with a level from 1 to the top level.
    pub scenes: List<Scene>,
    /// The level by score alone.
    pub bands: Bands,
    /// The one explicit rule found that combines score and scenes.
    pub scene_rule: SceneRule,
    /// What is not known, to be shown as "未经官方原文核实".
    pub open_points: List<OpenPoint>,
    /// Each source a question or scene names, in words a reader can follow.
    pub sources: List<Source>,
}

/// A point the retrieved sources leave open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenPoint {
    /// In Chinese.
    pub zh: Text,
    /// In English.
    pub en: Text,
}

/// A source the questions and scenes were read from, described for a reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// As questions and scenes name it in `source` (`F:6676784828 storeList; F:59919421085`).
    pub id: Text,
    /// What it is, in Chinese.
    pub zh: Text,
    /// What it is, in English.
    pub en: Text,
}

/// A scored dimension and its questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Id (`foundation`).
    pub id: Text,
    /// Name in Chinese (数字化基础).
    pub zh: Text,
    /// Name in English.
    pub en: Text,
    /// Its maximum, in points (`"50"`).
    pub max: Text,
    /// Its questions.
    pub questions: List<Question>,
}

/// One scored question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Id (`network`).
    pub id: Text,
    /// Where it sits in the indicators (二级 · 三级), in Chinese.
    pub area: Text,
    /// The same in English.
    pub area_en: Text,
    /// The question, verbatim.
    pub zh: Text,
    /// The question in English (a translation).
    pub en: Text,
    /// `single` (one option) or `multi` (the ticked options' points add up).
    pub kind: Kind,
    /// Its maximum, in points.
    pub max: Text,
    /// The options, verbatim, with their points.
    pub options: List<Choice>,
    /// Where the question, options and points were read.
    pub source: Text,
    /// How well they are confirmed.
    pub confidence: Confidence,
    /// A doubt about its wording or points, in Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The same in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<Text>,
}

/// Single or multiple choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One option.
    Single,
    /// Any options; `无` alone or not at all.
    Multi,
}

/// One option of a question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Key the answers name it by.
    pub key: Text,
    /// The option, verbatim.
    pub zh: Text,
    /// The option in English (a translation).
    pub en: Text,
    /// Its points (`"1.875"`).
    pub points: Text,
    /// `无`: chosen alone, it scores 0.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub none: bool,
}

/// One 数字化经营 scene and its four level descriptors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Id (`product_design`).
    pub id: Text,
    /// Name in Chinese.
    pub zh: Text,
    /// Name in English.
    pub en: Text,
    /// Its group (产品生命周期数字化 …).
    pub group: Text,
    /// The same in English.
    pub group_en: Text,
    /// Read as a 约束性 scene (an inference, see `binding_source`).
    pub binding: bool,
    /// What each level means, from 1 up, verbatim (one per score band).
    pub levels: List<Text>,
    /// The same in English (a translation).
    pub levels_en: List<Text>,
    /// Where the descriptors were read.
    pub source: Text,
    /// How well they are confirmed.
    pub confidence: Confidence,
    /// Why the scene is (or is not) taken as 约束性.
    pub binding_source: Text,
}

/// The level by score alone: the lowest score of each level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// Scores from which levels 1, 2, … start (inclusive): one per level.
    pub from: List<Text>,
    /// Where the bands are written.
    pub cite: Citation,
    /// How they are applied to the 2024 indicators, in Chinese.
    pub note: Text,
    /// The same in English.
    pub note_en: Text,
}

/// The combined rule: a level needs a score and enough scenes (and 约束性 scenes) at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneRule {
    /// Where it was read.
    pub source: Text,
    /// How well it is confirmed.
    pub confidence: Confidence,
    /// Its doubts, in Chinese.
    pub note: Text,
    /// The same in English.
    pub note_en: Text,
    /// The levels, tried from the highest down.
    pub levels: List<SceneLevel>,
}

/// What one level needs under the combined rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneLevel {
    /// The level (1 to the top level).
    pub level: u32,
    /// The least score.
    pub score_from: Text,
    /// The least number of scenes at this level or above.
    pub scenes: u32,
    /// Of which 约束性.
    pub binding: u32,
}

/// A firm's answers: the options ticked per question, and a level (from 1) per scene; in a
/// profile, `digital_selftest`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The questionnaire answered (`digital_2024_manufacturing`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub questionnaire: String,
    /// Question id → the keys of the options chosen.
    #[serde(default)]
    pub choices: Keyed<Vec<String>>,
    /// Scene id → its level, from 1.
    #[serde(default)]
    pub scenes: Keyed<u8>,
}

/// A small map from ids to values (a JSON object), kept sorted by id: a list, not a
/// `BTreeMap`, whose code for each new value type would cost the browser bundle a kilobyte.
/// A key written again replaces the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyed<V>(pub Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`.
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<V> FromIterator<(String, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut k = Keyed::default();
        for (key, v) in iter {
            k.insert(key, v);
        }
        k
    }
}

impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Keyed<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Keyed<V>, A::Error> {
                let mut k = Keyed::default();
                while let Some((key, v)) = a.next_entry::<String, V>()? {
                    k.insert(key, v);
                }
                Ok(k)
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// One dimension's points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DimensionScore {
    /// The dimension's id.
    pub id: Text,
    /// Points of the questions answered.
    pub points: Milli,
    /// Most points the questions not answered could add.
    pub open: Milli,
    /// The dimension's maximum.
    pub max: Milli,
}

/// The estimate from a firm's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// Per dimension.
    pub dimensions: Vec<DimensionScore>,
    /// Points of the questions answered, out of full marks (in thousandths).
    pub total: Milli,
    /// Most points the questions not answered could add.
    pub open: Milli,
    /// Level by score alone (0: below 一级), on the points answered.
    pub by_score: u8,
    /// Level under the combined rule (0: none), on the points and scenes answered.
    pub by_scenes: u8,
    /// Scenes not answered (each counts as below every level).
    pub scenes_missing: usize,
}

/// A problem with a firm's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// No such question.
    UnknownQuestion(String),
    /// No such option in the question.
    UnknownOption(String, String),
    /// A single-choice question with more than one option.
    MoreThanOne(String),
    /// `无` chosen with other options.
    NoneWithOthers(String),
    /// No such scene.
    UnknownScene(String),
    /// A scene level outside 1 to the top level.
    SceneLevel(String, u8),
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::UnknownQuestion(q) => write!(f, "no question {q}"),
            AnswerError::UnknownOption(q, o) => write!(f, "question {q} has no option {o}"),
            AnswerError::MoreThanOne(q) => write!(f, "question {q} takes one option"),
            AnswerError::NoneWithOthers(q) => {
                write!(f, "question {q}: 无 cannot be chosen with other options")
            }
            AnswerError::UnknownScene(s) => write!(f, "no scene {s}"),
            AnswerError::SceneLevel(s, l) => {
                write!(f, "scene {s}: level {l} is not one of its levels")
            }
        }
    }
}

impl std::error::Error for AnswerError {}

/// Points written as a decimal (`"1.875"`), in thousandths; `None` past three decimals.
pub fn milli(s: &str) -> Option<Milli> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: Milli = whole.parse().ok()?;
    let mut f: Milli = 0;
    for i in 0..3 {
        f = f * 10 + frac.as_bytes().get(i).map_or(0, |b| Milli::from(b - b'0'));
    }
    whole.checked_mul(1000)?.checked_add(f)
}

/// The questionnaires compiled into the engine (`rules/digital/*.json`): (file name, text).
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_DIGITAL: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_digital.rs"));

impl Questionnaire {
    /// The questionnaires compiled in, read and checked.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> Result<Vec<Questionnaire>, RuleError> {
        EMBEDDED_DIGITAL
            .iter()
            .map(|(name, text)| Questionnaire::read(name, text))
            .collect()
    }

    /// Reads a questionnaire strictly from `text` and checks that it adds up.
    pub fn read(name: &str, text: &str) -> Result<Questionnaire, RuleError> {
        let err = |detail: String| RuleError {
            file: name.to_string(),
            detail,
        };
        let q: Questionnaire = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
        if *q.format != *DIGITAL_FORMAT {
            return Err(err(format!(
                "format {:?}: this engine reads {DIGITAL_FORMAT}",
                q.format
            )));
        }
        q.check().map_err(err)?;
        Ok(q)
    }

    /// The number of levels (一级 to the top): one per score band (`bands.from`).
    pub fn levels(&self) -> u8 {
        u8::try_from(self.bands.from.len()).unwrap_or(u8::MAX)
    }

    /// Full marks: the dimensions' maxima added up (in thousandths of a point).
    pub fn full_marks(&self) -> Milli {
        self.dimensions
            .iter()
            .map(|d| milli(&d.max).unwrap_or(0))
            .sum()
    }

    /// The questionnaire adds up: each question's maximum is its best single option or its
    /// options' sum, each dimension's the sum of its questions'; keys are unique; a
    /// multiple-choice `无` scores 0; the score bands rise below full marks, one per level;
    /// every scene describes each level; the combined rule names each level from the top
    /// down; citations name known documents. The questionnaire's size (full marks, levels)
    /// is the data's own.
    pub fn check(&self) -> Result<(), String> {
        let points = |what: &str, s: &str| milli(s).ok_or_else(|| format!("{what}: points {s:?}"));
        let mut total = 0;
        let mut ids: Vec<&str> = Vec::new();
        for d in &self.dimensions {
            let mut sum = 0;
            for q in &d.questions {
                if ids.contains(&&*q.id) {
                    return Err(format!("question {} twice", q.id));
                }
                ids.push(&q.id);
                let mut keys: Vec<&str> = Vec::new();
                let (mut best, mut all) = (0, 0);
                for o in &q.options {
                    if keys.contains(&&*o.key) {
                        return Err(format!("{}: option {} twice", q.id, o.key));
                    }
                    keys.push(&o.key);
                    let p = points(&q.id, &o.points)?;
                    if o.none && p != 0 {
                        return Err(format!("{}: 无 scores {}", q.id, o.points));
                    }
                    best = best.max(p);
                    all += p;
                }
                let max = points(&q.id, &q.max)?;
                let expect = if q.kind == Kind::Single { best } else { all };
                if max != expect {
                    return Err(format!(
                        "{}: max {} but its options give {}.{:03}",
                        q.id,
                        q.max,
                        expect / 1000,
                        expect % 1000
                    ));
                }
                sum += max;
            }
            if Some(sum) != milli(&d.max) {
                return Err(format!(
                    "{}: max {} but its questions add to {sum} thousandths",
                    d.id, d.max
                ));
            }
            total += sum;
        }
        let from: Vec<Milli> = self
            .bands
            .from
            .iter()
            .map(|f| points("bands", f))
            .collect::<Result<_, _>>()?;
        if from.is_empty()
            || from.len() > 9
            || from.windows(2).any(|w| w[0] >= w[1])
            || from.last().is_some_and(|top| *top > total)
        {
            return Err(format!(
                "bands: one to nine scores, rising, the last at most full marks ({total} thousandths)"
            ));
        }
        let n = from.len();
        if crate::Date::parse(&self.from).is_none() {
            return Err(format!("from: {:?} is not a date", self.from));
        }
        let mut scenes: Vec<&str> = Vec::new();
        for s in &self.scenes {
            if scenes.contains(&&*s.id) {
                return Err(format!("scene {} twice", s.id));
            }
            scenes.push(&s.id);
            if s.levels.len() != n || s.levels_en.len() != n {
                return Err(format!(
                    "scene {}: levels 1 to {n} in Chinese and English",
                    s.id
                ));
            }
        }
        self.check_words()?;
        let levels: Vec<usize> = self
            .scene_rule
            .levels
            .iter()
            .map(|l| l.level as usize)
            .collect();
        if !levels.iter().copied().eq((1..=n).rev()) {
            return Err(format!("scene_rule: levels {n} down to 1, in that order"));
        }
        let binding = self.scenes.iter().filter(|s| s.binding).count();
        for l in &self.scene_rule.levels {
            points("scene_rule", &l.score_from)?;
            if l.binding > l.scenes
                || l.scenes as usize > self.scenes.len()
                || l.binding as usize > binding
            {
                return Err(format!(
                    "scene_rule level {}: more scenes than there are",
                    l.level
                ));
            }
        }
        for c in [&self.cite, &self.bands.cite] {
            if !self.documents.contains_key(&*c.doc) {
                return Err(format!("a citation names unknown document {:?}", c.doc));
            }
        }
        Ok(())
    }

    /// Every text a reader sees is there in both languages, and every source a question or
    /// scene names is described in `sources`.
    fn check_words(&self) -> Result<(), String> {
        let blank = |t: &Text| t.trim().is_empty();
        let source = |what: &str, id: &str| {
            if self
                .sources
                .iter()
                .any(|s| *s.id == *id && !blank(&s.zh) && !blank(&s.en))
            {
                Ok(())
            } else {
                Err(format!("{what}: source {id:?} is not described in sources"))
            }
        };
        for q in self.dimensions.iter().flat_map(|d| d.questions.iter()) {
            let texts = [&q.zh, &q.en, &q.area, &q.area_en];
            if texts.into_iter().any(blank) || q.note.is_some() != q.note_en.is_some() {
                return Err(format!("question {}: a text missing in one language", q.id));
            }
            if let Some(o) = q.options.iter().find(|o| blank(&o.zh) || blank(&o.en)) {
                return Err(format!("{}: option {} without its text", q.id, o.key));
            }
            source(&q.id, &q.source)?;
        }
        for s in &self.scenes {
            let texts = [&s.zh, &s.en, &s.group, &s.group_en];
            if texts
                .into_iter()
                .chain(&s.levels)
                .chain(&s.levels_en)
                .any(blank)
            {
                return Err(format!("scene {}: a text missing in one language", s.id));
            }
            source(&s.id, &s.source)?;
        }
        if self
            .open_points
            .iter()
            .any(|p| blank(&p.zh) || blank(&p.en))
        {
            return Err("open_points: each in Chinese and English".into());
        }
        Ok(())
    }

    /// Whether this questionnaire estimates for a firm of `industry` (unknown: yes) assessed
    /// on `date`: the industry table it is, from the day it was issued.
    pub fn applies(&self, industry: Option<crate::profile::Industry>, date: crate::Date) -> bool {
        let manufacturing = *self.industry == *"manufacturing";
        let industry_fits = match industry {
            None => true,
            Some(i) => manufacturing == (i == crate::profile::Industry::Industry),
        };
        industry_fits && crate::Date::parse(&self.from).is_some_and(|from| date >= from)
    }

    /// The question `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.dimensions
            .iter()
            .flat_map(|d| d.questions.iter())
            .find(|q| *q.id == *id)
    }

    /// Checks a firm's answers against the questionnaire.
    pub fn check_answers(&self, a: &Answers) -> Result<(), AnswerError> {
        for (id, keys) in &a.choices {
            let q = self
                .question(id)
                .ok_or_else(|| AnswerError::UnknownQuestion(id.clone()))?;
            for k in keys {
                if !q.options.iter().any(|o| *o.key == **k) {
                    return Err(AnswerError::UnknownOption(id.clone(), k.clone()));
                }
            }
            if q.kind == Kind::Single && keys.len() > 1 {
                return Err(AnswerError::MoreThanOne(id.clone()));
            }
            let none = q
                .options
                .iter()
                .any(|o| o.none && keys.iter().any(|k| **k == *o.key));
            if none && keys.len() > 1 {
                return Err(AnswerError::NoneWithOthers(id.clone()));
            }
        }
        for (id, level) in &a.scenes {
            if !self.scenes.iter().any(|s| *s.id == **id) {
                return Err(AnswerError::UnknownScene(id.clone()));
            }
            if !(1..=self.levels()).contains(level) {
                return Err(AnswerError::SceneLevel(id.clone(), *level));
            }
        }
        Ok(())
    }

    /// The estimate from `a` (checked first): points per dimension, the level by score alone,
    /// and the level under the combined rule. A question not answered scores nothing (its
    /// points are `open`); a scene not answered is below every level.
    pub fn estimate(&self, a: &Answers) -> Result<Estimate, AnswerError> {
        self.check_answers(a)?;
        let mut dimensions = Vec::new();
        for d in &self.dimensions {
            let mut s = DimensionScore {
                id: d.id.clone(),
                points: 0,
                open: 0,
                max: milli(&d.max).unwrap_or(0),
            };
            for q in &d.questions {
                match a.choices.get(&q.id) {
                    Some(keys) => {
                        s.points += q
                            .options
                            .iter()
                            .filter(|o| keys.iter().any(|k| **k == *o.key))
                            .map(|o| milli(&o.points).unwrap_or(0))
                            .sum::<Milli>();
                    }
                    None => s.open += milli(&q.max).unwrap_or(0),
                }
            }
            dimensions.push(s);
        }
        let total = dimensions.iter().map(|d| d.points).sum();
        let open = dimensions.iter().map(|d| d.open).sum();
        Ok(Estimate {
            by_score: self.level_by_score(total),
            by_scenes: self.level_by_scenes(total, &a.scenes),
            scenes_missing: self
                .scenes
                .iter()
                .filter(|s| !a.scenes.contains_key(&s.id))
                .count(),
            dimensions,
            total,
            open,
        })
    }

    /// The level by score alone: the highest whose band starts at or below `total`.
    pub fn level_by_score(&self, total: Milli) -> u8 {
        let n = self
            .bands
            .from
            .iter()
            .filter(|f| milli(f).is_some_and(|f| total >= f))
            .count();
        u8::try_from(n).unwrap_or(0)
    }

    /// The level under the combined rule: the highest whose score, number of scenes at it
    /// (or above) and number of 约束性 scenes among them are all reached; 0 for none.
    pub fn level_by_scenes(&self, total: Milli, scenes: &Keyed<u8>) -> u8 {
        for l in &self.scene_rule.levels {
            let at: Vec<&Scene> = self
                .scenes
                .iter()
                .filter(|s| scenes.get(&s.id).is_some_and(|v| u32::from(*v) >= l.level))
                .collect();
            let binding = at.iter().filter(|s| s.binding).count();
            if milli(&l.score_from).is_some_and(|f| total >= f)
                && at.len() >= l.scenes as usize
                && binding >= l.binding as usize
            {
                return u8::try_from(l.level).unwrap_or(0);
            }
        }
        0
    }
}

/// Which reading a raise plan lifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The level by score alone.
    Score,
    /// The level under the combined rule.
    Scenes,
}

/// One change of answer in a raise plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raise {
    /// Answer a question with other options: the best it has.
    Question {
        /// The question.
        id: Text,
        /// The options chosen now (empty: not answered).
        from: Vec<String>,
        /// The options that score its maximum.
        to: Vec<String>,
        /// The points it adds.
        gain: Milli,
    },
    /// Bring a scene to a level.
    Scene {
        /// The scene.
        id: Text,
        /// Its level now (`None`: not answered).
        from: Option<u8>,
        /// The level it needs.
        to: u8,
    },
}

/// The fewest changes of answer that raise one reading by one level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaisePlan {
    /// The reading raised.
    pub reading: Reading,
    /// The level it reaches.
    pub to_level: u8,
    /// The changes: questions with the largest gains first, then scenes.
    pub steps: Vec<Raise>,
}

impl Questionnaire {
    /// For each reading below 四级, the fewest changes of answer that raise it by one level
    /// (questions taken by the points they add, largest first; scenes 约束性 first where the
    /// combined rule needs them). A reading already at 四级 has no plan.
    pub fn raise(&self, a: &Answers) -> Result<Vec<RaisePlan>, AnswerError> {
        let e = self.estimate(a)?;
        let mut plans = Vec::new();
        let target = self
            .bands
            .from
            .get(usize::from(e.by_score))
            .and_then(|f| milli(f));
        if let Some(steps) = target.and_then(|t| self.questions_to(a, e.total, t)) {
            plans.push(RaisePlan {
                reading: Reading::Score,
                to_level: e.by_score + 1,
                steps,
            });
        }
        let next = e.by_scenes + 1;
        if let Some(rule) = self
            .scene_rule
            .levels
            .iter()
            .find(|l| l.level == u32::from(next))
        {
            let score = milli(&rule.score_from).and_then(|t| self.questions_to(a, e.total, t));
            if let Some(mut steps) = score {
                steps.extend(self.scenes_to(a, rule));
                plans.push(RaisePlan {
                    reading: Reading::Scenes,
                    to_level: next,
                    steps,
                });
            }
        }
        Ok(plans)
    }

    /// The fewest questions, each answered at its best, that bring `total` to `target`; none
    /// when it is reached already, `None` when even every question at its best falls short.
    fn questions_to(&self, a: &Answers, total: Milli, target: Milli) -> Option<Vec<Raise>> {
        let mut gains: Vec<Raise> = Vec::new();
        for q in self.dimensions.iter().flat_map(|d| d.questions.iter()) {
            let from = a.choices.get(&q.id).cloned().unwrap_or_default();
            let now: Milli = q
                .options
                .iter()
                .filter(|o| from.iter().any(|k| **k == *o.key))
                .map(|o| milli(&o.points).unwrap_or(0))
                .sum();
            let to: Vec<String> = match q.kind {
                Kind::Single => q
                    .options
                    .iter()
                    .max_by_key(|o| milli(&o.points).unwrap_or(0))
                    .map(|o| vec![o.key.to_string()])
                    .unwrap_or_default(),
                Kind::Multi => q
                    .options
                    .iter()
                    .filter(|o| !o.none)
                    .map(|o| o.key.to_string())
                    .collect(),
            };
            let gain = milli(&q.max).unwrap_or(0).saturating_sub(now);
            if gain > 0 {
                gains.push(Raise::Question {
                    id: q.id.clone(),
                    from,
                    to,
                    gain,
                });
            }
        }
        let gain = |r: &Raise| match r {
            Raise::Question { gain, .. } => *gain,
            Raise::Scene { .. } => 0,
        };
        crate::sort_short(&mut gains, |x, y| gain(x) > gain(y));
        let mut steps = Vec::new();
        let mut at = total;
        for r in gains {
            if at >= target {
                break;
            }
            at += gain(&r);
            steps.push(r);
        }
        (at >= target).then_some(steps)
    }

    /// The fewest scenes to bring to `rule.level` for its counts: 约束性 scenes first while
    /// the rule needs more of them, then any; each time the one whose level is highest now.
    fn scenes_to(&self, a: &Answers, rule: &SceneLevel) -> Vec<Raise> {
        let level = |s: &Scene| a.scenes.get(&s.id).copied();
        let at = |s: &&Scene| level(s).is_some_and(|v| u32::from(v) >= rule.level);
        let have = self.scenes.iter().filter(at).count();
        let have_binding = self.scenes.iter().filter(|s| s.binding).filter(at).count();
        let mut below: Vec<&Scene> = self.scenes.iter().filter(|s| !at(s)).collect();
        crate::sort_short(&mut below, |x, y| {
            level(x).unwrap_or(0) > level(y).unwrap_or(0)
        });
        let need_binding = (rule.binding as usize).saturating_sub(have_binding);
        let mut chosen: Vec<&Scene> = below
            .iter()
            .filter(|s| s.binding)
            .take(need_binding)
            .copied()
            .collect();
        let need = (rule.scenes as usize).saturating_sub(have + chosen.len());
        let rest: Vec<&Scene> = below
            .iter()
            .filter(|s| !chosen.iter().any(|c| c.id == s.id))
            .take(need)
            .copied()
            .collect();
        chosen.extend(rest);
        chosen
            .into_iter()
            .map(|s| Raise::Scene {
                id: s.id.clone(),
                from: level(s),
                to: u8::try_from(rule.level).unwrap_or(self.levels()),
            })
            .collect()
    }
}
