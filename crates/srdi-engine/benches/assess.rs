//! Benchmarks: one full assessment across all tiers with the gap plan, and
//! batch throughput (parse a JSON Lines profile, assess, one summary).
//! Run: `cargo bench -p srdi-engine`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use srdi_engine::{Date, Options, Profile, RuleBook, assess};

fn profile(name: &str) -> Profile {
    let path = format!(
        "{}/../../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Profile::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn benches(c: &mut Criterion) {
    let book = RuleBook::embedded().unwrap_or_else(|e| panic!("{e}"));
    let opts = Options::new(Date {
        year: 2026,
        month: 5,
        day: 1,
    });
    let e1 = profile("e1-innovative");
    // A firm that fails the 创新型 floors and every higher tier: gap plans everywhere.
    let mut failing = e1.clone();
    failing.ip.class1_self_developed = Some(0);
    if let Some(y) = failing.years.get_mut("2025") {
        y.rd_expense = srdi_engine::profile::Dec::parse("20").ok();
    }
    let e7 = profile("e7-little-giant-2026");

    let mut g = c.benchmark_group("assess");
    g.bench_function("e1_qualifies", |b| {
        b.iter(|| assess(&book, black_box(&e1), &opts))
    });
    g.bench_function("failing_with_gap_plans", |b| {
        b.iter(|| assess(&book, black_box(&failing), &opts))
    });
    g.bench_function("e7_little_giant", |b| {
        b.iter(|| assess(&book, black_box(&e7), &opts))
    });
    g.finish();

    let lines: Vec<String> = (0..1000)
        .map(|i| {
            let mut p = if i % 2 == 0 { e1.clone() } else { e7.clone() };
            p.label = Some(format!("firm {i}"));
            serde_json::to_string(&p).unwrap_or_default()
        })
        .collect();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("jsonl_parse_and_assess_1000", |b| {
        b.iter(|| {
            let mut qualified = 0usize;
            for l in &lines {
                if let Ok(p) = Profile::from_json(black_box(l)) {
                    let a = assess(&book, &p, &opts);
                    qualified += a
                        .tiers
                        .iter()
                        .filter(|t| t.verdict == srdi_engine::Verdict::Qualified)
                        .count();
                }
            }
            qualified
        })
    });
    g.finish();

    c.bench_function("rulebook_load", |b| {
        b.iter(|| RuleBook::embedded().map(|b| b.files.len()))
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
