//! `cargo xtask count`: instructions per assessment, counted by callgrind on the engine's
//! `assess_loop` example (each firm run with N = 0 and N = 200; the difference over 200 is one
//! assessment with its result dropped). Unlike wall time on a shared machine, the count repeats
//! exactly, so a change of a few per cent shows. Needs valgrind (`apt-get install valgrind`).

use std::process::Command;

use crate::bundle::group;
use crate::ctx::Ctx;
use crate::proc;

/// Assessments in the counted run.
const N: u64 = 200;

/// The firms `assess_loop` knows, as `cargo bench` has them.
const FIRMS: [(&str, &str); 3] = [
    ("e1", "E1 (qualifies as 创新型)"),
    ("e7", "E7 (小巨人 2026)"),
    ("failing", "all-failing (gap plans everywhere)"),
];

pub fn count(ctx: &Ctx) -> Result<(), String> {
    if proc::output(Command::new("valgrind").arg("--version")).is_none() {
        return Err("valgrind not found: install it (Debian: apt-get install valgrind)".into());
    }
    println!("==> cargo build --release -p srdi-engine --example assess_loop");
    proc::run(ctx.cargo().args([
        "build",
        "--release",
        "-p",
        "srdi-engine",
        "--example",
        "assess_loop",
    ]))?;
    let bin = ctx
        .target_dir
        .join("release")
        .join("examples")
        .join("assess_loop");
    println!("\n  instructions per assessment (callgrind; result dropped included)");
    for (firm, label) in FIRMS {
        let refs = |n: u64| -> Result<u64, String> {
            let out = Command::new("valgrind")
                .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
                .arg(&bin)
                .args([firm, &n.to_string()])
                .output()
                .map_err(|e| format!("cannot start valgrind: {e}"))?;
            if !out.status.success() {
                return Err(format!("assess_loop {firm} {n} failed ({})", out.status));
            }
            instructions(&String::from_utf8_lossy(&out.stderr))
                .ok_or_else(|| format!("no instruction count in callgrind's output for {firm}"))
        };
        let per = refs(N)?.saturating_sub(refs(0)?) / N;
        println!("  {:<40} {:>10}", label, group(per as usize));
    }
    Ok(())
}

/// The total of callgrind's `I   refs:` line.
fn instructions(stderr: &str) -> Option<u64> {
    let line = stderr.lines().find(|l| l.contains("I   refs:"))?;
    line.rsplit(':')
        .next()?
        .trim()
        .replace(',', "")
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::instructions;

    #[test]
    fn reads_callgrinds_total() {
        let out = "==1== Collected : 75357776\n==1== \n==1== I   refs:      75,357,776\n";
        assert_eq!(instructions(out), Some(75_357_776));
        assert_eq!(instructions("no count here"), None);
    }
}
