//! Assesses one example firm N times: the program `cargo xtask count` runs under callgrind
//! (once with N = 0 and once with N = 200) to count the instructions of one assessment, its
//! result dropped included. Instruction counts repeat exactly where wall time on a shared
//! machine does not.
//!
//! `cargo run --release -p srdi-engine --example assess_loop -- FIRM N`, FIRM one of `e1`
//! (E1, qualifies as 创新型), `e7` (E7, 小巨人 2026) and `failing` (E1 with no Ⅰ类 rights of its
//! own and R&D of 20 万元: gap plans everywhere), as `cargo bench` has them; on 2026-05-01.

use srdi_engine::{Date, Options, Profile, RuleBook, assess};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let firm = args.next().unwrap_or_else(|| "e1".into());
    let n: usize = match args.next() {
        Some(n) => n.parse().map_err(|e| format!("N: {e}"))?,
        None => 1000,
    };
    let name = match firm.as_str() {
        "e1" | "failing" => "e1-innovative",
        "e7" => "e7-little-giant-2026",
        other => return Err(format!("unknown firm {other}: e1, e7 or failing")),
    };
    let path = format!(
        "{}/../../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut p = Profile::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    if firm == "failing" {
        p.ip.class1_self_developed = Some(0);
        if let Some(y) = p.years.get_mut("2025") {
            y.rd_expense = srdi_engine::profile::Dec::parse("20").ok();
        }
    }
    let book = RuleBook::embedded().map_err(|e| e.to_string())?;
    let opts = Options::new(Date {
        year: 2026,
        month: 5,
        day: 1,
    });
    let mut tiers = 0;
    for _ in 0..n {
        tiers += assess(&book, std::hint::black_box(&p), &opts).tiers.len();
    }
    println!("{tiers} tier results");
    Ok(())
}
