//! The `srdi` binary as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn srdi(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_srdi"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the srdi binary runs");
    if let Some(text) = stdin
        && let Some(mut s) = child.stdin.take()
    {
        // srdi may refuse its arguments before reading standard input.
        let _ = s.write_all(text.as_bytes());
    }
    child.wait_with_output().expect("srdi finishes")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The result JSON of a run that must succeed.
fn result_json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("result JSON")
}

/// One tier of a result JSON, by id (`null` when absent).
fn tier<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["tiers"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == id))
        .unwrap_or(&serde_json::Value::Null)
}

#[test]
fn assess_prints_a_result_json_with_every_tier() {
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e1-innovative.json",
            "--date",
            "2026-05-01",
        ],
        None,
    );
    let v = result_json(&out);
    assert_eq!(v["format"], "srdi-result/2");
    assert_eq!(v["assessed_on"], "2026-05-01");
    let ids: Vec<&str> = v["tiers"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        [
            "sme_size",
            "innovative_sme",
            "tech_sme",
            "specialized_sme",
            "little_giant",
            "single_champion"
        ]
    );
    assert_eq!(v["tiers"][1]["verdict"], "qualified");
    assert_eq!(v["tiers"][1]["score"]["min"], 85);
}

#[test]
fn assess_reads_standard_input_and_prints_a_table() {
    let profile = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/profiles/e1-innovative.json"
    ))
    .unwrap_or_default();
    let out = srdi(
        &["assess", "-", "--date", "2026-05-01", "--format", "text"],
        Some(&profile),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("创新型中小企业") && t.contains("符合") && t.contains("85 分（及格 60）"),
        "{t}"
    );
    let en = srdi(
        &[
            "assess",
            "-",
            "--date",
            "2026-05-01",
            "--format",
            "text",
            "--lang",
            "en",
        ],
        Some(&profile),
    );
    assert!(text(&en.stdout).contains("Innovative SME") && text(&en.stdout).contains("qualified"));
}

#[test]
fn forcing_the_2022_rules_and_a_province_changes_the_rule_set() {
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e3-specialized-2022-sichuan.json",
            "--date",
            "2026-05-01",
            "--rules",
            "2022",
            "--province",
            "广东",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("result JSON");
    let sp = &v["tiers"][3];
    assert_eq!(sp["rule_set"]["id"], "specialized_sme_2022");
    assert_eq!(sp["rule_set"]["pack"], "guangdong_specialized_2022");
    assert_eq!(sp["score"]["pass_mark"], 70);
}

#[test]
fn a_bad_profile_is_a_clear_error_not_a_panic() {
    let out = srdi(
        &["assess", "-"],
        Some(r#"{"format":"srdi-profile/1","turnover":"5"}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown field `turnover`"),
        "{}",
        text(&out.stderr)
    );
    let out = srdi(&["assess", "-"], Some(r#"{"format":"srdi-profile/9"}"#));
    assert!(text(&out.stderr).contains("srdi-profile/9"));
    let out = srdi(&["assess", "-"], Some("not json"));
    assert!(text(&out.stderr).contains("not valid JSON"));
    // A version no rule file carries is refused, naming those there are.
    let out = srdi(
        &["assess", "-", "--rules", "2030"],
        Some(r#"{"format":"srdi-profile/1"}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(r#"--rules: unknown rules version "2030""#),
        "{err}"
    );
    assert!(err.contains("2022") && err.contains("2026"), "{err}");
}

#[test]
fn batch_reports_bad_rows_by_line_and_keeps_going() {
    let dir = temp_dir("batch");
    let csv = dir.join("firms.csv");
    std::fs::write(
        &csv,
        "label,industry,staff.employees,years.2025.revenue\nA,industry,120,3000\nB,spaceships,5,1\nC,retail,8,\"1,5O\"\nD,software_it,8,600\n",
    )
    .expect("write csv");
    let out = srdi(
        &[
            "batch",
            csv.to_str().unwrap_or_default(),
            "--date",
            "2026-05-01",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "rows skipped: {}",
        text(&out.stderr)
    );
    let rows: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(rows.len(), 3, "header + A + D: {rows:?}");
    // A byte-order mark first, so that Excel reads the file as UTF-8.
    assert!(rows[0].starts_with("\u{feff}line,label,sme_size,size_class"));
    assert!(
        rows[0].ends_with(
            ",next_step,reasons,missing,digital_estimate_points,digital_level_by_score,digital_level_by_scenes"
        ),
        "{}",
        rows[0]
    );
    assert!(rows[1].starts_with("2,A,qualified,small"), "{}", rows[1]);
    assert!(rows[2].starts_with("5,D,qualified,micro"), "{}", rows[2]);
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3: skipped") && err.contains("spaceships"),
        "{err}"
    );
    assert!(err.contains("line 4: skipped"), "{err}");
    assert!(err.contains("2 assessed, 2 skipped"), "{err}");

    let jsonl = dir.join("firms.jsonl");
    std::fs::write(
        &jsonl,
        "{\"format\":\"srdi-profile/1\",\"label\":\"X\"}\n\n{broken\n",
    )
    .expect("write jsonl");
    let out = srdi(
        &[
            "batch",
            jsonl.to_str().unwrap_or_default(),
            "--format",
            "jsonl",
        ],
        None,
    );
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(&lines[0]).expect("summary JSON");
    assert_eq!(v["label"], "X");
    assert_eq!(v["tiers"]["sme_size"]["verdict"], "incomplete");
    assert!(text(&out.stderr).contains("line 3: skipped"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_lists_every_rule_with_its_citation() {
    let out = srdi(&["rules"], None);
    assert!(out.status.success());
    let t = text(&out.stdout);
    for needle in [
        "innovative_sme_2022",
        "工信部企业〔2022〕63号",
        "工信部企业〔2026〕2号",
        "工信部联企业〔2011〕300号",
        "国科发政〔2017〕115号",
        "pack sichuan_specialized_2022",
        "评价得分达到60分以上",
    ] {
        assert!(t.contains(needle), "missing {needle}");
    }
    let out = srdi(&["rules", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("rules JSON");
    assert!(v["rules"].as_array().is_some_and(|a| a.len() >= 10));
}

#[test]
fn a_province_adds_its_pack_without_touching_code() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let sichuan = std::fs::read_to_string(format!(
        "{root}/crates/srdi-engine/rules/packs/sichuan.json"
    ))
    .expect("the 四川 pack");
    let mut pack: serde_json::Value = serde_json::from_str(&sichuan).expect("pack JSON");
    pack["id"] = "test_province_specialized_2022".into();
    pack["province"] = "测试省".into();
    let dir = temp_dir("pack");
    let file = dir.join("pack.json");
    std::fs::write(&file, pack.to_string()).expect("write pack");
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e3-specialized-2022-sichuan.json",
            "--rules",
            "2022",
            "--date",
            "2026-03-01",
            "--province",
            "测试省",
            "--pack",
            file.to_str().unwrap_or_default(),
        ],
        None,
    );
    let v = result_json(&out);
    assert_eq!(
        v["tiers"][3]["rule_set"]["pack"],
        "test_province_specialized_2022"
    );
    // E3 answers the 四川 items; the new province reuses their item ids, so the score is the same 68.
    assert_eq!(v["tiers"][3]["score"]["min"], 68);
    // A broken pack is refused with its name, not a panic.
    std::fs::write(&file, r#"{"format":"srdi-pack/1","id":"x"}"#).expect("write pack");
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e1-innovative.json",
            "--pack",
            file.to_str().unwrap_or_default(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("missing field"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A profile written before the IP questions were split (issue 11): no
/// `class1_own_not_top3`, `class1_transferred_in_applied`, `class2_recent` or
/// title years.
const OLD_PROFILE: &str = r#"{
  "format": "srdi-profile/1",
  "industry": "software_it",
  "base": { "registered_in_china": true, "independent_legal_person": true,
            "on_abnormal_operations_list": false, "on_serious_dishonesty_list": false,
            "products_restricted": false, "major_incident_3y": false,
            "tax_violation_3y": false, "data_fraud_3y": false },
  "staff": { "employees": 40, "rd_staff": 15 },
  "years": {
    "2024": { "revenue": "2600", "main_revenue": "2300", "rd_expense": "120" },
    "2025": { "revenue": "3000", "main_revenue": "2700", "rd_expense": "150",
              "total_assets": "4000", "total_liabilities": "2000" }
  },
  "ip": { "class1_self_developed": 2, "class1_transferred_in": 0, "class1_applied": 1, "class2": 4 },
  "awards": [],
  "titles": { "innovative_sme": false, "tech_sme": false, "specialized_sme": true },
  "product": { "segment_start": "2020-06" },
  "platform_score": { "2025": "52", "2026": "56" }
}"#;

#[test]
fn an_old_profile_still_loads_and_a_re_reviewed_specialized_sme_is_not_refused_for_lacking_the_innovative_title()
 {
    let out = srdi(
        &["assess", "-", "--date", "2026-12-02", "--path", "review"],
        Some(OLD_PROFILE),
    );
    let v = result_json(&out);
    let spec = tier(&v, "specialized_sme");
    assert_eq!(spec["rule_set"]["id"], "specialized_sme_2026");
    // 2026附件1 第1项: not required of a firm in 复核 (REFERENCE §1.3), so not a "no".
    assert_eq!(spec["verdict"], "needs_review", "{spec}");
    let manual: Vec<&str> = spec["manual"]
        .as_array()
        .map(|a| a.iter().filter_map(|m| m.as_str()).collect())
        .unwrap_or_default();
    assert!(manual.contains(&"gate1_title_review"), "{manual:?}");

    // The same firm applying anew is refused on that item.
    let out = srdi(
        &["assess", "-", "--date", "2026-12-02", "--path", "new"],
        Some(OLD_PROFILE),
    );
    let v = result_json(&out);
    assert_eq!(tier(&v, "specialized_sme")["verdict"], "not_qualified");
}

#[test]
fn text_output_says_a_gap_of_a_closed_year_cannot_change_the_past() {
    let profile = OLD_PROFILE.replace(
        r#""revenue": "3000", "main_revenue": "2700""#,
        r#""revenue": "1400", "main_revenue": "1300""#,
    );
    let out = srdi(
        &[
            "assess",
            "-",
            "--date",
            "2026-12-02",
            "--path",
            "new",
            "--format",
            "text",
        ],
        Some(&profile),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("2025年度已结束，数据不能再改"), "{t}");
    assert!(t.contains("最早可用于2027年的申报"), "{t}");
}

/// The path of each tier in a result JSON, by tier id.
fn paths(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["tiers"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    (
                        t["id"].as_str().unwrap_or("").to_string(),
                        t["path"].as_str().unwrap_or("").to_string(),
                        t["path_basis"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn path_of(v: &serde_json::Value, tier: &str) -> (String, String) {
    paths(v)
        .into_iter()
        .find(|(id, _, _)| id == tier)
        .map(|(_, p, b)| (p, b))
        .unwrap_or_default()
}

#[test]
fn without_path_each_tier_follows_the_titles_held() {
    // E7 holds 专精特新 but not 小巨人 (issue 11 point 17).
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e7-little-giant-2026.json",
            "--date",
            "2026-05-01",
        ],
        None,
    );
    let v = result_json(&out);
    assert!(v.get("path").is_none());
    assert_eq!(
        path_of(&v, "specialized_sme"),
        ("review".into(), "title_held".into())
    );
    assert_eq!(
        path_of(&v, "little_giant"),
        ("new".into(), "no_title".into())
    );
}

#[test]
fn path_review_puts_every_tier_on_review() {
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e7-little-giant-2026.json",
            "--date",
            "2026-05-01",
            "--path",
            "review",
        ],
        None,
    );
    let v = result_json(&out);
    assert_eq!(v["path"], "review");
    for (id, p, b) in paths(&v) {
        assert_eq!((p.as_str(), b.as_str()), ("review", "chosen"), "{id}");
    }
    // 2026 小巨人 复核 on 63号 (117号).
    assert_eq!(
        tier(&v, "little_giant")["rule_set"]["id"],
        "little_giant_2022"
    );
}

#[test]
fn path_for_one_tier_wins_and_text_output_names_path_and_standard() {
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e7-little-giant-2026.json",
            "--date",
            "2026-05-01",
            "--path",
            "review",
            "--path",
            "little_giant=new",
        ],
        None,
    );
    let v = result_json(&out);
    assert_eq!(
        path_of(&v, "little_giant"),
        ("new".into(), "chosen_for_tier".into())
    );
    assert_eq!(
        path_of(&v, "specialized_sme"),
        ("review".into(), "chosen".into())
    );
    // Comma-separated, and the text report prints both sentences.
    let out = srdi(
        &[
            "assess",
            "examples/profiles/e7-little-giant-2026.json",
            "--date",
            "2026-05-01",
            "--path",
            "specialized_sme=new,little_giant=review",
            "--format",
            "text",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("新申报（按您为本层级的选择）"), "{t}");
    assert!(t.contains("复核（按您为本层级的选择）"), "{t}");
    assert!(
        t.contains("复核按专精特新“小巨人”企业认定标准（63号附件3）"),
        "{t}"
    );
}

#[test]
fn a_bad_path_is_a_clear_error() {
    for bad in [
        "renew",
        "little_giant=maybe",
        "giant=new",
        "sme_size=review",
    ] {
        let out = srdi(
            &[
                "assess",
                "examples/profiles/e7-little-giant-2026.json",
                "--path",
                bad,
            ],
            None,
        );
        assert!(!out.status.success(), "--path {bad} was accepted");
        let err = text(&out.stderr);
        assert!(err.contains("--path"), "--path {bad}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_date_before_every_rule_set_is_not_judged() {
    let out = srdi(
        &[
            "assess",
            "examples/profiles/champion-pass.json",
            "--date",
            "2021-05-01",
        ],
        None,
    );
    let v = result_json(&out);
    let sc = tier(&v, "single_champion");
    assert_eq!(sc["verdict"], "incomplete");
    assert_eq!(sc["rule_set"]["fit"], "not_modelled");
}

#[test]
fn text_output_names_missing_answers_by_their_question_label() {
    // Only the staff count is known: every tier lists what it still needs.
    let profile =
        r#"{ "format": "srdi-profile/1", "industry": "industry", "staff": { "employees": 120 } }"#;
    let zh = srdi(
        &["assess", "-", "--date", "2026-05-01", "--format", "text"],
        Some(profile),
    );
    assert!(zh.status.success(), "{}", text(&zh.stderr));
    let t = text(&zh.stdout);
    assert!(
        t.contains("待补充：营业收入 2025\n") && !t.contains("years.2025"),
        "{t}"
    );
    let en = srdi(
        &[
            "assess",
            "-",
            "--date",
            "2026-05-01",
            "--format",
            "text",
            "--lang",
            "en",
        ],
        Some(profile),
    );
    let t = text(&en.stdout);
    assert!(
        t.contains("missing: Revenue 2025\n") && !t.contains("years.2025"),
        "{t}"
    );
}

/// A fresh folder for one test's files.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("srdi-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The example profiles, one JSON line each.
fn example_lines() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/profiles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/profiles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("example profile");
            let v: serde_json::Value = serde_json::from_str(&text).expect("example JSON");
            v.to_string()
        })
        .collect()
}

/// A summary CSV row without its first field (the line number).
fn after_line(row: &str) -> &str {
    row.split_once(',').map_or(row, |(_, rest)| rest)
}

#[test]
fn a_large_batch_streams_every_row_in_order_and_threads_change_nothing() {
    let dir = temp_dir("many");
    let examples = example_lines();
    // Each example alone: the rows as a small (one-thread) batch gives them.
    let small = dir.join("examples.jsonl");
    std::fs::write(&small, examples.join("\n") + "\n").expect("write examples");
    let small = small.to_str().unwrap_or_default();
    let out = srdi(&["batch", small, "--date", "2026-05-01"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let reference: Vec<String> = text(&out.stdout)
        .lines()
        .skip(1)
        .map(|r| after_line(r).to_string())
        .collect();
    assert_eq!(reference.len(), examples.len());

    // 2,000 of them (several chunks), a broken line in the middle, blank lines around it.
    let (rows, bad_at) = (2000, 1000);
    let mut file = String::new();
    for i in 0..rows {
        if i == bad_at {
            file.push_str("\n{\"format\": \"srdi-profile/1\", \"staff\": {\"employees\": -1}}\n\n");
        }
        file.push_str(&examples[i % examples.len()]);
        file.push('\n');
    }
    let big = dir.join("many.jsonl");
    std::fs::write(&big, &file).expect("write big batch");
    let big = big.to_str().unwrap_or_default();
    let run = |jobs: &str| {
        srdi(
            &["batch", big, "--date", "2026-05-01", "--jobs", jobs],
            None,
        )
    };
    let one = run("1");
    assert_eq!(
        one.status.code(),
        Some(1),
        "rows skipped: {}",
        text(&one.stderr)
    );
    let out = text(&one.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + rows, "header + every good row");
    for (i, row) in lines[1..].iter().enumerate() {
        // Row i sits on line i + 1, or i + 4 after the broken line and the blank lines around it.
        let line = if i < bad_at { i + 1 } else { i + 4 };
        assert!(row.starts_with(&format!("{line},")), "row {i}: {row}");
        assert_eq!(after_line(row), reference[i % examples.len()], "row {i}");
    }
    let err = text(&one.stderr);
    assert!(
        err.contains(&format!("many.jsonl: line {}: skipped", bad_at + 2)),
        "{err}"
    );
    assert!(
        err.contains(&format!("{rows} assessed, 1 skipped")),
        "{err}"
    );

    for jobs in ["2", "4"] {
        let many = run(jobs);
        assert_eq!(
            many.status.code(),
            Some(1),
            "rows skipped: {}",
            text(&many.stderr)
        );
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} changed the output"
        );
        assert_eq!(text(&many.stderr), err, "--jobs {jobs}");
    }
    // The default (every core) too, and JSON Lines out.
    let default = srdi(&["batch", big, "--date", "2026-05-01"], None);
    assert!(default.stdout == one.stdout);
    let args = ["batch", big, "--date", "2026-05-01", "--format", "jsonl"];
    let jsonl_one = srdi(&[&args[..], &["--jobs", "1"]].concat(), None);
    let jsonl_four = srdi(&[&args[..], &["--jobs", "4"]].concat(), None);
    assert_eq!(text(&jsonl_one.stdout).lines().count(), rows);
    assert!(jsonl_one.stdout == jsonl_four.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_csv_record_with_a_quoted_newline_across_the_read_buffer_stays_whole() {
    // srdi reads 64 KiB at a time: put a quoted CR LF right on that boundary.
    const BUFFER: usize = 64 * 1024;
    let mut csv = String::from("label,industry,staff.employees\n");
    let mut firms = 0;
    while csv.len() < BUFFER - 200 {
        firms += 1;
        csv.push_str(&format!("firm {firms},industry,{}\n", 10 + firms % 90));
    }
    // The filler row ends where the quoted label's "\r" falls on byte BUFFER - 1.
    let quoted_start = "\"甲公司";
    let pad = BUFFER - 1 - csv.len() - "pad,industry,5\n".len() - quoted_start.len();
    csv.push_str(&format!("pad{},industry,5\n", "x".repeat(pad)));
    csv.push_str(quoted_start);
    assert_eq!(csv.len(), BUFFER - 1);
    csv.push_str("\r\n（第二行）\",industry,12\nafter,industry,7\n");
    let dir = temp_dir("quoted");
    let path = dir.join("firms.csv");
    std::fs::write(&path, &csv).expect("write csv");
    let out = srdi(
        &[
            "batch",
            path.to_str().unwrap_or_default(),
            "--date",
            "2026-05-01",
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("summary JSON"))
        .collect();
    assert_eq!(rows.len(), firms + 3);
    let quoted = &rows[firms + 1];
    assert_eq!(quoted["label"], "甲公司\r\n（第二行）");
    assert_eq!(quoted["line"], firms + 3);
    let after = &rows[firms + 2];
    assert_eq!(after["label"], "after");
    assert_eq!(
        after["line"],
        firms + 5,
        "the quoted newline counts as a line"
    );
    assert!(text(&out.stderr).contains(&format!("{} assessed, 0 skipped", firms + 3)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_reads_standard_input_and_refuses_a_bad_jobs_count() {
    let lines = example_lines().join("\n");
    let out = srdi(&["batch", "-", "--date", "2026-05-01"], Some(&lines));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1 + example_lines().len());
    let out = srdi(&["batch", "-", "--jobs", "0"], Some(&lines));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--jobs takes a number"));
}

#[test]
fn an_amendment_file_applies_from_its_date_and_a_bad_one_is_a_clear_error() {
    let fixture = "crates/srdi-engine/tests/fixtures/amend_sme26_revenue_2027.json";
    let run = |date: &str, rules: &str| {
        let out = srdi(
            &[
                "assess",
                "examples/profiles/specialized-2026-pass.json",
                "--date",
                date,
                "--rules",
                rules,
                "--amend",
                fixture,
            ],
            None,
        );
        tier(&result_json(&out), "specialized_sme")["rule_set"]["id"].clone()
    };
    assert_eq!(run("2026-12-31", "2026"), "specialized_sme_2026");
    assert_eq!(
        run("2027-01-01", "2026"),
        "specialized_sme_2026+fixture_revenue_2027"
    );
    assert_eq!(
        run("2027-01-01", "auto"),
        "specialized_sme_2026+fixture_revenue_2027"
    );
    // A file that is not an amendment, or amends a node that does not exist.
    let dir = std::env::temp_dir().join(format!("srdi-cli-amend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../")
            .join(fixture),
    )
    .expect("fixture");
    for (content, want) in [
        ("not json".to_string(), "bad.json"),
        (
            good.replace("\"gate2a_revenue\"", "\"gate9_nothing\""),
            "no node or indicator gate9_nothing",
        ),
    ] {
        std::fs::write(&bad, content).expect("write");
        let out = srdi(
            &[
                "assess",
                "examples/profiles/specialized-2026-pass.json",
                "--amend",
                bad.to_str().unwrap_or_default(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains(want), "{}", text(&out.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_csv_is_safe_in_a_spreadsheet_and_says_what_each_firm_lacks() {
    let dir = temp_dir("batch-safe");
    let csv = dir.join("firms.csv");
    // Labels a spreadsheet would run as formulas, one behind a tab that trimming would expose.
    std::fs::write(
        &csv,
        "label,industry,staff.employees,years.2025.revenue\n\"=HYPERLINK(\"\"http://x\"\")\",industry,120,3000\n+cmd|' /C calc'!A0,industry,120,3000\n@SUM(A1),industry,120,3000\n\"\t=1+1\",industry,120,3000\n\"-2+3\",retail,8,600\n",
    )
    .expect("write csv");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            csv.to_str().unwrap_or_default(),
            "--date",
            "2026-05-01",
        ];
        args.extend_from_slice(extra);
        let out = srdi(&args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let out = run(&[]);
    let labels: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|r| after_line(r).split(",industry").next().unwrap_or_default())
        .collect();
    for row in out.lines().skip(1) {
        let label = after_line(row);
        assert!(
            label.starts_with('\'') || label.starts_with("\"'"),
            "a formula reaches the sheet: {row}"
        );
        assert!(
            !row.contains('\t'),
            "a control character reaches the sheet: {row:?}"
        );
    }
    assert_eq!(out.lines().count(), 6, "{out}\n{labels:?}");
    // What the next tier lacks, in words: its missing answers by their labels.
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("研发费用 2025") && first.contains("具有独立法人资格"),
        "{first}"
    );
    assert!(
        !first.contains("years.") && !first.contains("staff."),
        "{first}"
    );
    let en = run(&["--lang", "en", "--no-bom"]);
    assert!(
        en.starts_with("line,label"),
        "no byte-order mark asked: {en}"
    );
    assert!(
        en.lines().nth(1).unwrap_or_default().contains("R&D"),
        "{en}"
    );
}

#[test]
fn batch_reads_each_column_as_what_it_holds() {
    let dir = temp_dir("batch-kinds");
    let csv = dir.join("firms.csv");
    // Labels that look like numbers or yes/no stay labels; counts are counts, not money.
    std::fs::write(
        &csv,
        "label,industry,staff.employees\n2025,industry,120\n007,industry,120\n是,industry,120\ntrue,industry,120\n\"1,234\",industry,120\nA,industry,1万\nB,industry,¥1200\nC,industry,120人\n",
    )
    .expect("write csv");
    let out = srdi(
        &[
            "batch",
            csv.to_str().unwrap_or_default(),
            "--date",
            "2026-05-01",
            "--no-bom",
        ],
        None,
    );
    let rows = text(&out.stdout);
    let labels: Vec<&str> = rows
        .lines()
        .skip(1)
        .map(|r| after_line(r).split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(labels, ["2025", "007", "是", "true", "\"1", "C"], "{rows}");
    let err = text(&out.stderr);
    assert!(
        err.contains("line 7: skipped") && err.contains("staff.employees"),
        "{err}"
    );
    assert!(err.contains("line 8: skipped"), "{err}");
    assert!(err.contains("6 assessed, 2 skipped"), "{err}");

    // A column named twice is refused, naming both.
    let twice = dir.join("twice.csv");
    std::fs::write(
        &twice,
        "label,staff.employees,industry,staff.employees\nA,120,industry,5000\n",
    )
    .expect("write csv");
    let out = srdi(&["batch", twice.to_str().unwrap_or_default()], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("\"staff.employees\" twice (columns 2 and 4)"),
        "{err}"
    );
}

#[test]
fn exit_status_tells_skipped_rows_from_errors_and_inputs_are_read_within_limits() {
    let dir = temp_dir("exit");
    let csv = dir.join("firms.csv");
    std::fs::write(
        &csv,
        "label,industry,staff.employees\nA,industry,120\nB,spaceships,5\n",
    )
    .expect("write csv");
    let out = srdi(&["batch", csv.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(1), "a skipped row: status 1");
    assert!(text(&out.stderr).contains("1 assessed, 1 skipped"));
    std::fs::write(&csv, "label,industry,staff.employees\nA,industry,120\n").expect("write csv");
    let out = srdi(&["batch", csv.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(0));
    let out = srdi(
        &["batch", csv.to_str().unwrap_or_default(), "--jobs", "0"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "a usage error: status 2");
    let out = srdi(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("usage:"));

    // A profile with a byte-order mark is read; bytes that are not UTF-8 are an error.
    let bom = dir.join("bom.json");
    std::fs::write(&bom, "\u{feff}{\"format\":\"srdi-profile/1\"}").expect("write");
    let out = srdi(&["assess", bom.to_str().unwrap_or_default()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let latin = dir.join("latin1.json");
    std::fs::write(
        &latin,
        b"{\"format\":\"srdi-profile/1\",\"label\":\"caf\xe9\"}",
    )
    .expect("write");
    let out = srdi(&["assess", latin.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not UTF-8 text (at byte 39)"),
        "{}",
        text(&out.stderr)
    );

    // An endless input is refused at the limit, not read to its end.
    let out = srdi(&["assess", "/dev/zero"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is over 262144 bytes"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn figures_that_cannot_all_be_true_are_refused_not_scored() {
    // 500 technical staff of 120 would turn 科技型 from 不符合 into 符合.
    let profile = r#"{ "format": "srdi-profile/1", "industry": "industry", "staff": { "employees": 120, "tech_staff": 500 } }"#;
    let out = srdi(&["assess", "-", "--date", "2026-05-01"], Some(profile));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("staff.tech_staff: Cannot be more than employees"),
        "{err}"
    );
    let dir = temp_dir("conflicts");
    let csv = dir.join("firms.csv");
    std::fs::write(
        &csv,
        "label,industry,staff.employees,years.2025.revenue,years.2025.main_revenue,product.segment_start\nA,industry,120,3000,2800,2019-03\nB,industry,120,3000,3500,2019-03\nC,industry,120,3000,2800,2027-01\n",
    )
    .expect("write csv");
    let out = srdi(
        &[
            "batch",
            csv.to_str().unwrap_or_default(),
            "--date",
            "2026-05-01",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3: skipped: years.2025.main_revenue: Cannot be more than revenue"),
        "{err}"
    );
    assert!(
        err.contains("line 4: skipped: product.segment_start: Later than the assessment date"),
        "{err}"
    );
    assert!(err.contains("1 assessed, 2 skipped"), "{err}");
}

#[test]
fn a_pack_for_a_province_with_a_built_in_pack_replaces_it_and_says_so_and_pack_values_are_checked()
{
    let built_in = std::fs::read_to_string(format!(
        "{}/../srdi-engine/rules/packs/sichuan.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the built-in Sichuan pack");
    let mut v: serde_json::Value = serde_json::from_str(&built_in).expect("pack JSON");
    v["id"] = "sichuan_local".into();
    let dir = temp_dir("pack-replace");
    let pack = dir.join("sichuan_local.json");
    std::fs::write(&pack, v.to_string()).expect("write pack");
    let out = srdi(
        &[
            "assess",
            "-",
            "--date",
            "2026-03-01",
            "--province",
            "四川",
            "--pack",
            pack.to_str().unwrap_or_default(),
        ],
        Some(r#"{"format":"srdi-profile/1"}"#),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("replaces the built-in pack sichuan_specialized_2022"),
        "{}",
        text(&out.stderr)
    );
    let r = result_json(&out);
    assert_eq!(
        tier(&r, "specialized_sme")["rule_set"]["pack"],
        "sichuan_local"
    );

    // A pass mark no score can have is refused.
    for bad in ["-10", "1000"] {
        let mut v2 = v.clone();
        v2["pass_mark"] =
            serde_json::json!({ "value": bad, "cite": v["indicators"][0]["cite"].clone() });
        std::fs::write(&pack, v2.to_string()).expect("write pack");
        let out = srdi(
            &["assess", "-", "--pack", pack.to_str().unwrap_or_default()],
            Some(r#"{"format":"srdi-profile/1"}"#),
        );
        assert_eq!(out.status.code(), Some(2), "pass mark {bad} was taken");
        assert!(
            text(&out.stderr).contains("is not a score between 0 and 100"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_huge_or_deep_pack_is_refused_at_once_with_a_clear_message() {
    let dir = temp_dir("pack-limits");
    let pack = dir.join("huge.json");
    // 100,000 small objects (2 MB): under the byte limit, over the object limit.
    let items = vec!["{\"a\":1}"; 100_000].join(",");
    std::fs::write(
        &pack,
        format!(r#"{{"format":"srdi-pack/2","id":"x","items":[{items}]}}"#),
    )
    .expect("write pack");
    let out = srdi(
        &["assess", "-", "--pack", pack.to_str().unwrap_or_default()],
        Some(r#"{"format":"srdi-profile/1"}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("more than 5000 objects"),
        "{}",
        text(&out.stderr)
    );
    let deep = dir.join("deep.json");
    let nest = "[".repeat(60) + &"]".repeat(60);
    std::fs::write(
        &deep,
        format!(r#"{{"format":"srdi-pack/2","id":"x","items":{nest}}}"#),
    )
    .expect("write pack");
    let out = srdi(
        &["assess", "-", "--pack", deep.to_str().unwrap_or_default()],
        Some(r#"{"format":"srdi-profile/1"}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("nested more than 40 levels"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_unclosed_quote_fails_its_row_and_the_rest_is_read() {
    let dir = temp_dir("unclosed");
    let csv = dir.join("firms.csv");
    // Row 3 opens a quote it never closes; rows 4 and 5 still count, in every line ending.
    for end in ["\n", "\r\n", "\r"] {
        let body = [
            "label,industry,staff.employees",
            "A,industry,120",
            "\"B 公司,industry,5",
            "C,retail,8",
            "D,software_it,9",
        ]
        .join(end);
        std::fs::write(&csv, format!("{body}{end}")).expect("write csv");
        let out = srdi(
            &[
                "batch",
                csv.to_str().unwrap_or_default(),
                "--date",
                "2026-05-01",
            ],
            None,
        );
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "a row skipped: {err}");
        let rows: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
        let labels: Vec<&str> = rows
            .iter()
            .skip(1)
            .filter_map(|r| r.split(',').nth(1))
            .collect();
        assert_eq!(labels, ["A", "C", "D"], "{end:?}: {rows:?}");
        assert!(rows[2].starts_with("4,C,"), "C keeps its line: {}", rows[2]);
        assert!(
            err.contains("line 3: skipped") && err.contains("not closed"),
            "{err}"
        );
        assert!(err.contains("3 assessed, 1 skipped"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn digital_estimates_the_self_test_from_a_profile_beside_the_platform_level() {
    let example = "examples/profiles/digital-selftest.json";
    let out = srdi(&["digital", example], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let zh = text(&out.stdout);
    assert!(zh.contains("（参考估算，非官方）"), "{zh}");
    assert!(zh.contains("合计：61.2 分（满分 100）"), "{zh}");
    assert!(zh.contains("按得分段（20/40/60/80 分）：三级"), "{zh}");
    assert!(zh.contains("按第三方场景规则：二级"), "{zh}");
    assert!(
        zh.contains("以平台评测结果为准：尚未填写平台评测等级"),
        "{zh}"
    );
    assert!(zh.contains("按场景规则升至三级："), "{zh}");
    let out = srdi(&["digital", example, "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["estimate"]["level_by_score"], 3);
    assert_eq!(v["estimate"]["level_by_scenes"], 2);
    assert_eq!(v["estimate"]["total"], "61.2");
    // The platform's level, when the firm has one, is said to decide.
    let profile = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/profiles/digital-selftest.json"
    ))
    .unwrap_or_default();
    assert!(profile.contains("digital_selftest"));
    let with_platform = profile.replacen(
        "\"industry\": \"industry\",",
        "\"industry\": \"industry\", \"quality\": {\"digital_level\": 2},",
        1,
    );
    let out = srdi(&["digital", "-", "--lang", "en"], Some(&with_platform));
    assert!(
        text(&out.stdout).contains("The platform's result decides: Level 2"),
        "{}",
        text(&out.stdout)
    );
    // Another industry: no estimate, the advice to take the platform's test.
    let retail = profile.replacen("\"industry\": \"industry\"", "\"industry\": \"retail\"", 1);
    let out = srdi(&["digital", "-"], Some(&retail));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("其他行业请以平台评测结果为准"),
        "{}",
        text(&out.stdout)
    );
    // Batch gives the estimate's columns (JSON Lines in, CSV and JSON Lines out).
    let line = serde_json::from_str::<serde_json::Value>(&profile)
        .map(|v| v.to_string())
        .unwrap_or_default();
    let out = srdi(
        &["batch", "-", "--date", "2026-05-01", "--no-bom"],
        Some(&line),
    );
    let csv = text(&out.stdout);
    assert!(
        csv.lines().nth(1).is_some_and(|r| r.ends_with(",61.2,3,2")),
        "{csv}"
    );
    let out = srdi(
        &["batch", "-", "--format", "jsonl", "--date", "2026-05-01"],
        Some(&line),
    );
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(row["digital_estimate"]["level_by_scenes"], 2, "{row}");
    // An answer the questionnaire does not have: a clear error, status 2.
    let bad = profile.replacen("\"several\"", "\"lots\"", 1);
    let out = srdi(&["digital", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("question information_systems has no option lots"),
        "{}",
        text(&out.stderr)
    );
}
