//! `cargo xtask test`: every check, in order, going on past failures so that all of them show;
//! then one summary line `N passed, N failed`, and a non-zero exit if anything failed.

use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::ctx::{APP, Ctx, WASM_TARGET};
use crate::proc::{describe, run_tee};
use crate::setup::{self, CHROMEDRIVER, CHROMIUM};
use crate::{bundle, release, serve};

/// Groups of steps that `--only` can pick.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Lint,
    Native,
    Wasm,
    E2e,
}

const GROUPS: [(&str, Group); 4] = [
    ("lint", Group::Lint),
    ("native", Group::Native),
    ("wasm", Group::Wasm),
    ("e2e", Group::E2e),
];

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    /// One line per step, for the recap.
    recap: Vec<String>,
}

impl Tally {
    fn record(&mut self, step: &str, counts: Counts, seconds: f64) {
        self.passed += counts.passed;
        self.failed += counts.failed;
        let verdict = if counts.failed == 0 { "ok" } else { "FAILED" };
        self.recap.push(format!(
            "  {verdict:<6} {step} ({} passed, {} failed, {seconds:.0} s)",
            counts.passed, counts.failed
        ));
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

pub fn test_command(ctx: &Ctx, args: &[String]) -> ExitCode {
    let only = match args {
        [] => None,
        [flag, name] if flag == "--only" => match GROUPS.iter().find(|(key, _)| key == name) {
            Some((_, group)) => Some(*group),
            None => return usage_error(&format!("unknown step `{name}`")),
        },
        _ => return usage_error("unexpected arguments"),
    };
    let wanted = |group: Group| only.is_none_or(|only| only == group);
    let started = Instant::now();
    let mut tally = Tally::default();

    let needs = setup::Needs {
        browser: wanted(Group::Wasm) || wanted(Group::E2e),
    };
    if let Err(error) = setup::setup(ctx, needs) {
        eprintln!("error: {error}");
        tally.record(
            "setup",
            Counts {
                passed: 0,
                failed: 1,
            },
            0.0,
        );
        return finish(tally, started);
    }

    if wanted(Group::Lint) {
        step(
            &mut tally,
            "format check",
            ctx.cargo().args(["fmt", "--all", "--", "--check"]),
        );
        step(
            &mut tally,
            "clippy (native: every crate but the app)",
            ctx.cargo()
                .args(["clippy", "--workspace", "--exclude", APP, "--all-targets"])
                .args(["--", "-D", "warnings"]),
        );
        step(
            &mut tally,
            "clippy (app, wasm32)",
            ctx.cargo()
                .args([
                    "clippy",
                    "--package",
                    APP,
                    "--target",
                    WASM_TARGET,
                    "--all-targets",
                ])
                .args(["--", "-D", "warnings"]),
        );
    }
    if wanted(Group::Native) {
        // The app is left out: it only runs in a browser, and compiling leptos natively a second
        // time costs minutes for nothing. Its logic is tested in the wasm step.
        step(
            &mut tally,
            "native tests (every crate but the app)",
            ctx.cargo()
                .args(["test", "--workspace", "--exclude", APP, "--no-fail-fast"]),
        );
    }
    if wanted(Group::Wasm) {
        let mut command = ctx.cargo();
        command
            .args(["test", "--package", APP, "--target", WASM_TARGET])
            .arg("--no-fail-fast")
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                ctx.root.join("tests").join("webdriver.json"),
            )
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60");
        step(
            &mut tally,
            "wasm-bindgen tests (headless Chromium)",
            &mut command,
        );
    }
    if wanted(Group::E2e) {
        e2e(ctx, &mut tally);
    }
    finish(tally, started)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\nusage: cargo xtask test [--only lint|native|wasm|e2e]");
    ExitCode::from(2)
}

/// Runs one step, shows its output, and counts its tests.
fn step(tally: &mut Tally, name: &str, command: &mut Command) -> bool {
    println!("\n==> {name}: {}", describe(command));
    let started = Instant::now();
    let (ok, output) = run_tee(command);
    let counts = judge(ok, &output);
    tally.record(name, counts, started.elapsed().as_secs_f64());
    counts.failed == 0
}

/// Test counts from a step's output and exit status. A failed step that reported no failed
/// test (a compile error, a lint, a crash) counts as one failure; a passing step with no test
/// counts (fmt, clippy, build) counts as one pass.
pub fn judge(ok: bool, output: &str) -> Counts {
    let mut counts = parse_counts(output);
    let reported = counts.is_some();
    let counts = counts.get_or_insert_default();
    if !ok && counts.failed == 0 {
        counts.failed = 1;
    }
    if ok && !reported {
        counts.passed = 1;
    }
    *counts
}

/// Sums cargo's and wasm-bindgen-test's `test result: ... N passed; M failed` lines and node's
/// `# pass N` / `# fail N` (TAP) or `ℹ pass N` / `ℹ fail N` (spec reporter) lines.
pub fn parse_counts(output: &str) -> Option<Counts> {
    let mut total: Option<Counts> = None;
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            let counts = total.get_or_insert_default();
            for part in rest.split([';', '.']) {
                let mut words = part.split_whitespace();
                if let (Some(n), Some(what)) = (words.next(), words.next())
                    && let Ok(n) = n.parse::<u64>()
                {
                    match what {
                        "passed" => counts.passed += n,
                        "failed" => counts.failed += n,
                        _ => {}
                    }
                }
            }
        } else if let Some(rest) = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ ")) {
            let mut words = rest.split_whitespace();
            if let (Some(what), Some(n), None) = (words.next(), words.next(), words.next())
                && let Ok(n) = n.parse::<u64>()
            {
                match what {
                    "pass" => total.get_or_insert_default().passed += n,
                    "fail" => total.get_or_insert_default().failed += n,
                    _ => {}
                }
            }
        }
    }
    total
}

fn e2e(ctx: &Ctx, tally: &mut Tally) {
    println!("\n==> release build for the end-to-end tests");
    let started = Instant::now();
    let first_load = match bundle::build(ctx) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: {error}");
            tally.record(
                "release build",
                Counts {
                    passed: 0,
                    failed: 1,
                },
                0.0,
            );
            tally.record(
                "end-to-end tests (not run: no build)",
                Counts {
                    passed: 0,
                    failed: 1,
                },
                0.0,
            );
            return;
        }
    };
    tally.record(
        "release build",
        Counts {
            passed: 1,
            failed: 0,
        },
        started.elapsed().as_secs_f64(),
    );
    let within = first_load <= bundle::FIRST_LOAD_BUDGET;
    if !within {
        eprintln!(
            "error: the first load is {first_load} bytes brotli, over the budget of {}",
            bundle::FIRST_LOAD_BUDGET
        );
    }
    tally.record(
        &format!(
            "size budget (first load {first_load} ≤ {} bytes brotli)",
            bundle::FIRST_LOAD_BUDGET
        ),
        Counts {
            passed: u64::from(within),
            failed: u64::from(!within),
        },
        0.0,
    );

    // The release archive from this build: the e2e tests unpack it and walk it.
    let archive = release::archive(ctx);
    if let Err(error) = &archive {
        eprintln!("error: the release archive: {error}");
    }
    tally.record(
        "release archive (cargo xtask release)",
        Counts {
            passed: u64::from(archive.is_ok()),
            failed: u64::from(archive.is_err()),
        },
        0.0,
    );

    let addr = match serve::spawn(ctx.dist_dir()) {
        Ok(addr) => addr,
        Err(error) => {
            eprintln!("error: cannot start the test server on 127.0.0.1: {error}");
            tally.record(
                "end-to-end tests (no server)",
                Counts {
                    passed: 0,
                    failed: 1,
                },
                0.0,
            );
            return;
        }
    };
    let base_url = format!("http://{addr}/");
    println!("    serving dist/ at {base_url}");
    let mut node = ctx.command("node");
    node.args([
        "--test",
        "--test-reporter=spec",
        // A test that waits for something that never comes fails instead of hanging CI.
        "--test-timeout=180000",
        "tests/e2e/",
    ])
    .env("BASE_URL", &base_url)
    .env("CHROMIUM", CHROMIUM);
    if let Ok(archive) = &archive {
        node.env("RELEASE_ARCHIVE", archive);
    }
    step(
        tally,
        "end-to-end tests (playwright-core + Chromium)",
        &mut node,
    );
}

fn finish(tally: Tally, started: Instant) -> ExitCode {
    println!("\nSummary ({:.0} s):", started.elapsed().as_secs_f64());
    for line in &tally.recap {
        println!("{line}");
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let output = "running 2 tests\n\
            test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; \
            finished in 0.00s\n\
            test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            parse_counts(output),
            Some(Counts {
                passed: 5,
                failed: 1
            })
        );
    }

    #[test]
    fn reads_node_test_runner_lines() {
        let spec = "✔ home page (812ms)\nℹ tests 3\nℹ suites 0\nℹ pass 2\nℹ fail 1\n";
        assert_eq!(
            parse_counts(spec),
            Some(Counts {
                passed: 2,
                failed: 1
            })
        );
        let tap = "ok 1 - home\n1..1\n# tests 1\n# pass 1\n# fail 0\n";
        assert_eq!(
            parse_counts(tap),
            Some(Counts {
                passed: 1,
                failed: 0
            })
        );
    }

    #[test]
    fn a_step_without_counts_is_one_pass_or_one_failure() {
        assert_eq!(
            judge(true, "Finished"),
            Counts {
                passed: 1,
                failed: 0
            }
        );
        assert_eq!(
            judge(false, "error[E0308]"),
            Counts {
                passed: 0,
                failed: 1
            }
        );
        let crashed = "test result: ok. 4 passed; 0 failed\nerror: test failed, to rerun";
        assert_eq!(
            judge(false, crashed),
            Counts {
                passed: 4,
                failed: 1
            }
        );
        assert_eq!(
            judge(true, "test result: ok. 0 passed; 0 failed"),
            Counts::default()
        );
    }
}
