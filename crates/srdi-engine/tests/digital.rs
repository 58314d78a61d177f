//! The 数字化水平 self-test's estimate (rules/digital/digital_2024.json): each dimension's
//! maximum and zero, every level boundary exactly and just below, the combined rule's scene
//! conditions on both sides, and answers it cannot take.

use std::collections::BTreeMap;

use srdi_engine::digital::{AnswerError, Answers, Keyed, Kind, Milli, Questionnaire, milli};

fn questionnaire() -> Questionnaire {
    let all = Questionnaire::embedded().unwrap_or_else(|e| panic!("{e}"));
    let [q] = all.as_slice() else {
        panic!("{} questionnaires", all.len());
    };
    q.clone()
}

/// Each way of answering one question: its points and the options chosen (multiple choice: one
/// set of options per reachable sum).
fn ways(q: &srdi_engine::digital::Question) -> BTreeMap<Milli, Vec<String>> {
    let mut ways: BTreeMap<Milli, Vec<String>> = BTreeMap::new();
    match q.kind {
        Kind::Single => {
            for o in &q.options {
                ways.entry(milli(&o.points).unwrap_or(0))
                    .or_insert_with(|| vec![o.key.to_string()]);
            }
        }
        Kind::Multi => {
            if let Some(none) = q.options.iter().find(|o| o.none) {
                ways.insert(0, vec![none.key.to_string()]);
            }
            for o in q.options.iter().filter(|o| !o.none) {
                let p = milli(&o.points).unwrap_or(0);
                let before: Vec<(Milli, Vec<String>)> =
                    ways.iter().map(|(k, v)| (*k, v.clone())).collect();
                for (sum, keys) in before {
                    let mut keys: Vec<String> = keys.into_iter().filter(|k| k != "none").collect();
                    keys.push(o.key.to_string());
                    ways.entry(sum + p).or_insert(keys);
                }
                ways.entry(p).or_insert_with(|| vec![o.key.to_string()]);
            }
        }
    }
    ways
}

/// Every total reachable after each question (layer `i`: the first `i` questions answered).
fn layers(q: &Questionnaire) -> Vec<std::collections::BTreeSet<Milli>> {
    let mut layers = vec![std::collections::BTreeSet::from([0])];
    for question in q.dimensions.iter().flat_map(|d| d.questions.iter()) {
        let ways = ways(question);
        let last = layers.last().cloned().unwrap_or_default();
        layers.push(
            last.iter()
                .flat_map(|s| ways.keys().map(move |p| s + p))
                .collect(),
        );
    }
    layers
}

/// Answers to every question whose points add up to exactly `target`, if any do.
fn answers_for(q: &Questionnaire, target: Milli) -> Option<Answers> {
    let layers = layers(q);
    let questions: Vec<_> = q
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter())
        .collect();
    if !layers.last()?.contains(&target) {
        return None;
    }
    let mut a = Answers::default();
    let mut left = target;
    for (i, question) in questions.iter().enumerate().rev() {
        let (p, keys) = ways(question)
            .into_iter()
            .find(|(p, _)| *p <= left && layers[i].contains(&(left - p)))?;
        a.choices.insert(question.id.to_string(), keys);
        left -= p;
    }
    Some(a)
}

/// The highest total below `target` that answers can reach, and answers that reach it.
fn just_below(q: &Questionnaire, target: Milli) -> (Milli, Answers) {
    let layers = layers(q);
    let below = layers
        .last()
        .and_then(|all| all.range(..target).next_back().copied())
        .unwrap_or_else(|| panic!("nothing below {target}"));
    let a = answers_for(q, below).unwrap_or_else(|| panic!("{below} unreachable"));
    (below, a)
}

#[test]
fn the_questionnaire_is_read_and_adds_up_to_100_points() {
    let q = questionnaire();
    assert_eq!(q.version.to_string(), "2024");
    let questions: usize = q.dimensions.iter().map(|d| d.questions.len()).sum();
    assert_eq!(questions, 15);
    assert_eq!(q.scenes.len(), 16);
    assert_eq!(q.scenes.iter().filter(|s| s.binding).count(), 10);
    // A changed point value is caught: the question no longer adds up to its maximum.
    let text = srdi_engine::digital::EMBEDDED_DIGITAL[0]
        .1
        .replace("\"1.875\"", "\"1.9\"");
    let e = Questionnaire::read("edited.json", &text)
        .err()
        .map(|e| e.to_string());
    assert!(
        e.as_deref()
            .unwrap_or_default()
            .contains("mechanisms: max 7.5"),
        "{e:?}"
    );
}

/// The questionnaire's size is its data's, not the program's: a test-only edit with a fifth
/// level (a band from 90 points, a fifth description per scene, a top rule level) reads, scores
/// and takes answers at level 5; an edit that does not fit its own size is refused.
#[test]
fn full_marks_and_the_number_of_levels_come_from_the_file() {
    let q = questionnaire();
    assert_eq!((q.full_marks(), q.levels()), (100_000, 4));
    let text = srdi_engine::digital::EMBEDDED_DIGITAL[0].1;
    let base: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    let five = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = base.clone();
        v["bands"]["from"]
            .as_array_mut()
            .unwrap_or_else(|| panic!("bands"))
            .push("90".into());
        for s in v["scenes"]
            .as_array_mut()
            .unwrap_or_else(|| panic!("scenes"))
        {
            for (key, words) in [
                ("levels", "五级：全面引领"),
                ("levels_en", "Level 5: leading"),
            ] {
                s[key]
                    .as_array_mut()
                    .unwrap_or_else(|| panic!("{key}"))
                    .push(words.into());
            }
        }
        v["scene_rule"]["levels"]
            .as_array_mut()
            .unwrap_or_else(|| panic!("scene_rule"))
            .insert(
                0,
                serde_json::json!({"level": 5, "score_from": "90", "scenes": 12, "binding": 8}),
            );
        edit(&mut v);
        Questionnaire::read("five.json", &v.to_string())
    };
    let q5 = five(&|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((q5.full_marks(), q5.levels()), (100_000, 5));
    assert_eq!(q5.level_by_score(89_999), 4);
    assert_eq!(q5.level_by_score(90_000), 5);
    let mut a = Answers::default();
    a.scenes.insert("product_design".into(), 5);
    assert!(q5.estimate(&a).is_ok(), "level 5 is one of its levels");
    a.scenes.insert("product_design".into(), 6);
    assert_eq!(
        q5.estimate(&a).err(),
        Some(AnswerError::SceneLevel("product_design".into(), 6))
    );
    // A scene without its fifth description, a band beyond full marks, a rule without its top
    // level: each refused with what does not fit.
    let refused = |edit: &dyn Fn(&mut serde_json::Value), says: &str| {
        let e = five(edit).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains(says), "{says:?} not in {e:?}");
    };
    refused(
        &|v| {
            if let Some(l) = v["scenes"][0]["levels"].as_array_mut() {
                l.pop();
            }
        },
        "levels 1 to 5",
    );
    refused(
        &|v| v["bands"]["from"][4] = "101".into(),
        "at most full marks",
    );
    refused(
        &|v| {
            if let Some(l) = v["scene_rule"]["levels"].as_array_mut() {
                l.remove(0);
            }
        },
        "levels 5 down to 1",
    );
}

/// What the app shows of each question and scene is there in both languages, and each source
/// is described in words: a blank translation or an unexplained source is refused.
#[test]
fn every_text_is_in_both_languages_and_every_source_is_described() {
    let text = srdi_engine::digital::EMBEDDED_DIGITAL[0].1;
    let refused = |edited: String, expect: &str| {
        let e = Questionnaire::read("edited.json", &edited)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(expect), "{expect}: {e:?}");
    };
    // An option's English emptied.
    refused(
        text.replacen("\"en\":\"None\"", "\"en\":\" \"", 1),
        "option none without its text",
    );
    // A scene's level descriptor emptied in English.
    let scene = questionnaire().scenes[0].clone();
    let first = scene.levels_en[0].to_string();
    refused(
        text.replacen(&format!("\"{first}\""), "\"\"", 1),
        &format!("scene {}: a text missing", scene.id),
    );
    // A source no entry of `sources` describes (the embedded text is compact JSON).
    refused(
        text.replacen(
            "\"source\":\"F:6676784828 sceneStoreList\"",
            "\"source\":\"F:1\"",
            1,
        ),
        "source \"F:1\" is not described",
    );
    let q = questionnaire();
    assert_eq!(q.open_points.len(), 11);
    assert!(q.sources.iter().all(|s| !s.zh.contains("F:")));
}

#[test]
fn each_dimension_scores_its_maximum_and_zero() {
    let q = questionnaire();
    for d in &q.dimensions {
        let mut best = Answers::default();
        let mut worst = Answers::default();
        for question in &d.questions {
            let ways = ways(question);
            let (_, top) = ways
                .iter()
                .next_back()
                .unwrap_or_else(|| panic!("{}", question.id));
            let (_, low) = ways
                .iter()
                .next()
                .unwrap_or_else(|| panic!("{}", question.id));
            best.choices.insert(question.id.to_string(), top.clone());
            worst.choices.insert(question.id.to_string(), low.clone());
        }
        let e = q.estimate(&best).unwrap_or_else(|e| panic!("{e}"));
        let s = e
            .dimensions
            .iter()
            .find(|s| s.id == d.id)
            .unwrap_or_else(|| panic!("{}", d.id));
        assert_eq!((s.points, s.open), (s.max, 0), "{} at its best", d.id);
        assert_eq!(e.total, s.max);
        let e = q.estimate(&worst).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.total, 0, "{} at its lowest", d.id);
        assert_eq!(e.by_score, 0);
    }
    // Nothing answered: 0 points, 100 open.
    let e = q
        .estimate(&Answers::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (e.total, e.open, e.by_score, e.by_scenes, e.scenes_missing),
        (0, 100_000, 0, 0, 16)
    );
}

#[test]
fn the_score_bands_start_exactly_at_20_40_60_80() {
    let q = questionnaire();
    for (level, at) in [(1, 20_000), (2, 40_000), (3, 60_000), (4, 80_000)] {
        let a = answers_for(&q, at).unwrap_or_else(|| panic!("{at} unreachable"));
        let e = q.estimate(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((e.total, e.by_score), (at, level), "exactly {at}");
        let (below, a) = just_below(&q, at);
        let e = q.estimate(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (e.total, e.by_score),
            (below, level - 1),
            "{below}, just below {at}"
        );
        assert!(at - below <= 100, "the step below {at} is {}", at - below);
    }
}

#[test]
fn the_combined_rule_needs_the_score_the_scenes_and_the_binding_scenes() {
    let q = questionnaire();
    let binding: Vec<String> = q
        .scenes
        .iter()
        .filter(|s| s.binding)
        .map(|s| s.id.to_string())
        .collect();
    let guiding: Vec<String> = q
        .scenes
        .iter()
        .filter(|s| !s.binding)
        .map(|s| s.id.to_string())
        .collect();
    let scenes = |b: usize, g: usize, level: u8| -> Keyed<u8> {
        binding
            .iter()
            .take(b)
            .chain(guiding.iter().take(g))
            .map(|s| (s.clone(), level))
            .collect()
    };
    // 四级: 80 points, 10 scenes at 四级 of which 6 约束性.
    assert_eq!(q.level_by_scenes(80_000, &scenes(6, 4, 4)), 4);
    // One 约束性 short (5 of 10): not 四级; those ten still make 三级 (8 scenes, 5 约束性).
    assert_eq!(q.level_by_scenes(80_000, &scenes(5, 5, 4)), 3);
    // One scene short (9): not 四级.
    assert_eq!(q.level_by_scenes(80_000, &scenes(6, 3, 4)), 3);
    // The score short by one step: not 四级, whatever the scenes.
    assert_eq!(q.level_by_scenes(79_975, &scenes(10, 6, 4)), 3);
    // 三级: 60 points, 8 scenes, 5 约束性; with 4 约束性 it is 二级 (6 scenes, 3 约束性).
    assert_eq!(q.level_by_scenes(60_000, &scenes(5, 3, 3)), 3);
    assert_eq!(q.level_by_scenes(60_000, &scenes(4, 4, 3)), 2);
    // 二级 and 一级 need 6 scenes, 3 约束性; 5 scenes make none.
    assert_eq!(q.level_by_scenes(40_000, &scenes(3, 3, 2)), 2);
    assert_eq!(q.level_by_scenes(40_000, &scenes(2, 4, 2)), 0);
    assert_eq!(q.level_by_scenes(20_000, &scenes(3, 3, 1)), 1);
    assert_eq!(q.level_by_scenes(19_975, &scenes(16, 0, 4)), 0);
    assert_eq!(q.level_by_scenes(20_000, &scenes(3, 2, 4)), 0);
    // Through `estimate`: the two readings side by side.
    let mut a = answers_for(&q, 80_000).unwrap_or_else(|| panic!("80 unreachable"));
    a.scenes = scenes(5, 5, 4);
    let e = q.estimate(&a).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((e.by_score, e.by_scenes, e.scenes_missing), (4, 3, 6));
}

#[test]
fn answers_the_questionnaire_cannot_take_are_refused_with_a_reason() {
    let q = questionnaire();
    let with = |id: &str, keys: &[&str]| Answers {
        choices: Keyed::from_iter([(id.to_string(), keys.iter().map(|k| k.to_string()).collect())]),
        ..Answers::default()
    };
    assert_eq!(
        q.estimate(&with("wifi", &["b"])).err(),
        Some(AnswerError::UnknownQuestion("wifi".into()))
    );
    assert_eq!(
        q.estimate(&with("network", &["z"])).err(),
        Some(AnswerError::UnknownOption("network".into(), "z".into()))
    );
    assert_eq!(
        q.estimate(&with("information_systems", &["one", "all"]))
            .err(),
        Some(AnswerError::MoreThanOne("information_systems".into()))
    );
    assert_eq!(
        q.estimate(&with("network", &["none", "b"])).err(),
        Some(AnswerError::NoneWithOthers("network".into()))
    );
    let mut a = Answers::default();
    a.scenes.insert("product_design".into(), 5);
    assert_eq!(
        q.estimate(&a).err(),
        Some(AnswerError::SceneLevel("product_design".into(), 5))
    );
    a.scenes.clear();
    a.scenes.insert("teleport".into(), 2);
    assert_eq!(
        q.estimate(&a).err(),
        Some(AnswerError::UnknownScene("teleport".into()))
    );
}

/// `a` with a plan's changes made.
fn with_steps(a: &Answers, steps: &[srdi_engine::digital::Raise]) -> Answers {
    use srdi_engine::digital::Raise;
    let mut a = a.clone();
    for s in steps {
        match s {
            Raise::Question { id, to, .. } => {
                a.choices.insert(id.to_string(), to.clone());
            }
            Raise::Scene { id, to, .. } => {
                a.scenes.insert(id.to_string(), *to);
            }
        }
    }
    a
}

fn level_of(q: &Questionnaire, a: &Answers, r: srdi_engine::digital::Reading) -> u8 {
    let e = q.estimate(a).unwrap_or_else(|e| panic!("{e}"));
    match r {
        srdi_engine::digital::Reading::Score => e.by_score,
        srdi_engine::digital::Reading::Scenes => e.by_scenes,
    }
}

#[test]
fn from_nothing_the_fewest_answers_reach_each_reading_s_first_level() {
    use srdi_engine::digital::{Raise, Reading};
    let q = questionnaire();
    let plans = q
        .raise(&Answers::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let score = plans
        .iter()
        .find(|p| p.reading == Reading::Score)
        .unwrap_or_else(|| panic!("{plans:?}"));
    // 20 points: the two 10-point questions (信息系统 全覆盖, 数据采集 every 环节).
    assert_eq!(score.to_level, 1);
    let ids: Vec<String> = score
        .steps
        .iter()
        .filter_map(|s| match s {
            Raise::Question { id, .. } => Some(id.to_string()),
            Raise::Scene { .. } => None,
        })
        .collect();
    assert_eq!(ids, ["data_collection", "information_systems"]);
    // The combined rule's 一级 also needs 6 scenes at 一级, 3 of them 约束性: 2 + 6 changes.
    let scenes = plans
        .iter()
        .find(|p| p.reading == Reading::Scenes)
        .unwrap_or_else(|| panic!("{plans:?}"));
    assert_eq!((scenes.to_level, scenes.steps.len()), (1, 8));
    for p in &plans {
        assert_eq!(
            level_of(&q, &with_steps(&Answers::default(), &p.steps), p.reading),
            p.to_level
        );
    }
}

#[test]
fn every_plan_reaches_its_level_and_one_change_fewer_does_not() {
    let q = questionnaire();
    let questions: Vec<_> = q
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter())
        .collect();
    // A fixed pseudo-random walk through answer sets (no clock, no seed from outside).
    let mut x: u64 = 0x5eed;
    let mut next = |n: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((x >> 33) as usize) % n.max(1)
    };
    for _ in 0..300 {
        let mut a = Answers::default();
        for question in &questions {
            let ways: Vec<Vec<String>> = ways(question).into_values().collect();
            if next(4) > 0 {
                a.choices
                    .insert(question.id.to_string(), ways[next(ways.len())].clone());
            }
        }
        for s in &q.scenes {
            if next(5) > 0 {
                a.scenes.insert(s.id.to_string(), 1 + next(4) as u8);
            }
        }
        let now = q.estimate(&a).unwrap_or_else(|e| panic!("{e}"));
        for p in q.raise(&a).unwrap_or_else(|e| panic!("{e}")) {
            let before = match p.reading {
                srdi_engine::digital::Reading::Score => now.by_score,
                srdi_engine::digital::Reading::Scenes => now.by_scenes,
            };
            assert_eq!(p.to_level, before + 1);
            assert!(
                level_of(&q, &with_steps(&a, &p.steps), p.reading) >= p.to_level,
                "{p:?}"
            );
            if let Some((_, fewer)) = p.steps.split_last() {
                assert!(
                    level_of(&q, &with_steps(&a, fewer), p.reading) < p.to_level,
                    "one change fewer also reaches {}: {p:?}",
                    p.to_level
                );
            }
        }
    }
}
