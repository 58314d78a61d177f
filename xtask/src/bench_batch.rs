//! `cargo xtask bench-batch`: throughput and peak memory of the release `srdi batch` on N
//! generated JSON Lines profiles (the example profiles with their figures varied), and with
//! `--ten-times` on 10 × N as well, to show that memory does not grow with the file.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::bundle::group;
use crate::ctx::Ctx;
use crate::proc;

const USAGE: &str =
    "usage: cargo xtask bench-batch [--rows N] [--jobs N] [--ten-times] [--bin PATH]
  --rows N      profiles to generate (default 100000)
  --jobs N      passed to srdi batch (default: srdi's own, every core)
  --ten-times   also run 10 x N rows, to compare peak memory
  --bin PATH    benchmark this srdi binary instead of building the release one";

/// Amounts (万元) scaled by one factor per row, and staff counts by another: ratios between
/// figures of a kind stay, absolute sizes (and so the verdicts) vary.
const AMOUNT_KEYS: [&str; 7] = [
    "revenue",
    "main_revenue",
    "rd_expense",
    "total_assets",
    "total_liabilities",
    "net_profit",
    "cost_total",
];
const STAFF_KEYS: [&str; 3] = ["employees", "rd_staff", "tech_staff"];

struct Options {
    rows: usize,
    jobs: Option<String>,
    ten_times: bool,
    bin: Option<PathBuf>,
}

fn parse(rest: &[String]) -> Result<Options, String> {
    let mut o = Options {
        rows: 100_000,
        jobs: None,
        ten_times: false,
        bin: None,
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--rows" => {
                let v = value()?;
                o.rows = v
                    .parse()
                    .map_err(|_| format!("--rows takes a number, not `{v}`"))?;
            }
            "--jobs" => o.jobs = Some(value()?.clone()),
            "--bin" => o.bin = Some(PathBuf::from(value()?)),
            "--ten-times" => o.ten_times = true,
            _ => return Err(format!("unexpected argument `{arg}`\n{USAGE}")),
        }
    }
    Ok(o)
}

pub fn bench_batch(ctx: &Ctx, rest: &[String]) -> Result<(), String> {
    let o = parse(rest)?;
    let bin = match &o.bin {
        Some(bin) => bin.clone(),
        None => {
            println!("==> cargo build --release -p srdi-cli");
            proc::run(ctx.cargo().args(["build", "--release", "-p", "srdi-cli"]))?;
            ctx.target_dir.join("release").join("srdi")
        }
    };
    let examples = examples(&ctx.root.join("examples").join("profiles"))?;
    let dir = ctx.target_dir.join("bench-batch");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut sizes = vec![o.rows];
    if o.ten_times {
        sizes.push(o.rows * 10);
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // Other work on the machine slows the wall clock, not the CPU time: say how busy it was.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "srdi batch ({}), {cores} cores, --jobs {}, load average {}",
        bin.display(),
        o.jobs.as_deref().unwrap_or("default"),
        load.split_whitespace().next().unwrap_or("?"),
    );
    for rows in sizes {
        let file = dir.join(format!("profiles-{rows}.jsonl"));
        let bytes = generate(&examples, rows, &file)?;
        let run = run(&bin, &file, o.jobs.as_deref())?;
        let _ = std::fs::remove_file(&file);
        if run.skipped != 0 || run.assessed != rows {
            return Err(format!(
                "expected {rows} assessed and none skipped, srdi said:\n{}",
                run.summary
            ));
        }
        let seconds = run.wall.as_secs_f64();
        let cpu = run.cpu.as_secs_f64();
        println!(
            "{:>9} profiles ({:>4} MB of JSON Lines): {seconds:6.2} s, {:>6} profiles/s; CPU {cpu:6.2} s ({:.0} µs a profile); peak RSS {:.1} MB",
            group(rows),
            bytes / 1_000_000,
            group((rows as f64 / seconds) as usize),
            cpu * 1e6 / rows as f64,
            run.peak_kb as f64 / 1024.0,
        );
    }
    Ok(())
}

/// The example profiles, each as its lines with the indentation trimmed.
fn examples(dir: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            Ok(text.lines().map(|l| l.trim().to_string()).collect())
        })
        .collect()
}

/// A deterministic pseudo-random number for `n` (splitmix64).
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A factor from 0.4 to 2.5.
fn factor(seed: u64) -> f64 {
    0.4 + (mix(seed) % 2101) as f64 / 1000.0
}

/// Row `i`: example `i mod k`, its label numbered, its figures scaled; one line of JSON.
fn profile(examples: &[Vec<String>], i: usize) -> String {
    let lines = &examples[i % examples.len()];
    let (money, staff) = (factor(2 * i as u64), factor(2 * i as u64 + 1));
    let mut out = String::new();
    for line in lines {
        let Some((key, value)) = line.split_once("\": ") else {
            out.push_str(line);
            continue;
        };
        let key = key.trim_start_matches('"');
        let (value, comma) = match value.strip_suffix(',') {
            Some(v) => (v, ","),
            None => (value, ""),
        };
        let new = if key == "label" {
            format!("{} #{i}\"", value.trim_end_matches('"'))
        } else if STAFF_KEYS.contains(&key)
            && let Ok(n) = value.parse::<u64>()
        {
            ((n as f64 * staff) as u64).to_string()
        } else if AMOUNT_KEYS.contains(&key)
            && let Ok(x) = value.trim_matches('"').parse::<f64>()
        {
            format!("\"{:.1}\"", x * money)
        } else {
            value.to_string()
        };
        out.push_str(&format!("\"{key}\":{new}{comma}"));
    }
    out
}

/// Writes `rows` profiles to `file`; returns its size in bytes.
fn generate(examples: &[Vec<String>], rows: usize, file: &Path) -> Result<usize, String> {
    let err = |e: std::io::Error| format!("cannot write {}: {e}", file.display());
    let mut out = BufWriter::new(std::fs::File::create(file).map_err(err)?);
    let mut bytes = 0;
    for i in 0..rows {
        let line = profile(examples, i);
        bytes += line.len() + 1;
        writeln!(out, "{line}").map_err(err)?;
    }
    out.flush().map_err(err)?;
    Ok(bytes)
}

struct Run {
    wall: Duration,
    /// The highest VmHWM seen in /proc/PID/status, in kB.
    peak_kb: u64,
    /// User + system CPU time of all its threads, last seen in /proc/PID/stat.
    cpu: Duration,
    assessed: usize,
    skipped: usize,
    summary: String,
}

/// Runs `srdi batch FILE`, output to /dev/null, sampling its peak RSS every millisecond.
fn run(bin: &Path, file: &Path, jobs: Option<&str>) -> Result<Run, String> {
    let stderr_path = file.with_extension("stderr");
    let stderr = std::fs::File::create(&stderr_path)
        .map_err(|e| format!("cannot create {}: {e}", stderr_path.display()))?;
    let mut command = Command::new(bin);
    command
        .arg("batch")
        .arg(file)
        .args(["--date", "2026-05-01"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    if let Some(jobs) = jobs {
        command.args(["--jobs", jobs]);
    }
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", proc::describe(&command)))?;
    let status_file = format!("/proc/{}/status", child.id());
    let stat_file = format!("/proc/{}/stat", child.id());
    let (mut peak_kb, mut cpu) = (0, Duration::ZERO);
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| vm_hwm_kb(&s))
        {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(t) = std::fs::read_to_string(&stat_file)
            .ok()
            .and_then(|s| cpu_time(&s))
        {
            cpu = cpu.max(t);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => return Err(format!("cannot wait for srdi: {e}")),
        }
    };
    let wall = start.elapsed();
    let summary = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_path);
    if !status.success() {
        return Err(format!("srdi batch failed ({status}):\n{summary}"));
    }
    // The last line: "N assessed, M skipped".
    let counts: Vec<usize> = summary
        .lines()
        .last()
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [assessed, skipped] = counts[..] else {
        return Err(format!("srdi batch did not say what it did:\n{summary}"));
    };
    Ok(Run {
        wall,
        peak_kb,
        cpu,
        assessed,
        skipped,
        summary,
    })
}

/// utime + stime from /proc/PID/stat, in clock ticks of 1/100 s (Linux's USER_HZ).
fn cpu_time(stat: &str) -> Option<Duration> {
    // The fields after the command name (in parentheses): state is the first, utime the 12th.
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(11)? + ticks(12)?) * 10))
}

/// `VmHWM:    12345 kB` from /proc/PID/status.
fn vm_hwm_kb(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e1() -> Vec<String> {
        [
            "{",
            "\"label\": \"E1\",",
            "\"staff\": {",
            "\"employees\": 120,",
            "\"rd_staff\": 15",
            "},",
            "\"years\": {",
            "\"2025\": {",
            "\"revenue\": \"3000\",",
            "\"net_profit\": \"-150.5\"",
            "}",
            "},",
            "\"awards\": []",
            "}",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn profiles_vary_their_figures_and_keep_everything_else() {
        let examples = [e1()];
        let a = profile(&examples, 0);
        let b = profile(&examples, 1);
        assert_ne!(a, b);
        assert_eq!(profile(&examples, 1), b, "the same row every time");
        assert!(
            b.starts_with("{\"label\":\"E1 #1\",\"staff\":{\"employees\":"),
            "{b}"
        );
        assert!(b.contains("\"years\":{\"2025\":{\"revenue\":\""), "{b}");
        assert!(b.ends_with("}},\"awards\":[]}"), "{b}");
        let (money, staff) = (factor(2), factor(3));
        assert!(b.contains(&format!("\"employees\":{},", (120.0 * staff) as u64)));
        assert!(b.contains(&format!("\"net_profit\":\"{:.1}\"", -150.5 * money)));
    }

    #[test]
    fn factors_stay_in_range() {
        for seed in 0..10_000 {
            let f = factor(seed);
            assert!((0.4..=2.5).contains(&f), "{f}");
        }
    }

    #[test]
    fn reads_the_peak_from_proc_status() {
        let status = "Name:\tsrdi\nVmPeak:\t  20000 kB\nVmHWM:\t    8124 kB\nVmRSS:\t 8000 kB\n";
        assert_eq!(vm_hwm_kb(status), Some(8124));
        assert_eq!(vm_hwm_kb("Name:\tsrdi\n"), None);
    }

    #[test]
    fn reads_cpu_time_from_proc_stat() {
        let stat = "4242 (srdi (x) y) R 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 3";
        assert_eq!(cpu_time(stat), Some(Duration::from_millis(12_900)));
        assert_eq!(cpu_time("4242 (srdi) R 1"), None);
    }
}
