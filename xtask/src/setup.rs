//! `cargo xtask setup`: installs what is missing, and only that. Safe to run again and again.
//!
//! Tools go where the machine keeps them between runs (`SRDI_TOOLS_DIR`, default
//! `~/.cache/srdi-check/tools`), so a fresh clone on the same machine installs nothing.

use std::path::Path;
use std::process::Command;

use crate::ctx::{Ctx, WASM_TARGET};
use crate::proc::{describe, output, run};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Written into `node_modules` after a successful `npm ci`: a copy of the lock it installed.
const NPM_STAMP: &str = ".srdi-check-installed-lock.json";

/// Which tools a command needs.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Debian's chromium + chromium-driver (tests only).
    pub browser: bool,
}

impl Needs {
    pub const ALL: Needs = Needs { browser: true };
    pub const BUILD: Needs = Needs { browser: false };
}

pub fn setup(ctx: &Ctx, needs: Needs) -> Result<(), String> {
    println!(
        "==> checking tools (installed into {})",
        ctx.tools_dir.display()
    );
    wasm_target(ctx)?;
    npm_tools(ctx)?;
    wasm_bindgen_cli(ctx)?;
    if needs.browser {
        chromium(ctx)?;
    }
    Ok(())
}

fn ok(what: &str) {
    println!("    ok: {what}");
}

fn wasm_target(ctx: &Ctx) -> Result<(), String> {
    let installed = output(
        ctx.command("rustup")
            .args(["target", "list", "--installed"]),
    )
    .ok_or(
        "`rustup` was not found or failed: install Rust with rustup (https://rustup.rs), \
                 then run this command again",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        ok(&format!("rust target {WASM_TARGET}"));
        return Ok(());
    }
    println!("==> installing the {WASM_TARGET} target (rustup target add, about 30 s)");
    run(ctx.command("rustup").args(["target", "add", WASM_TARGET])).map_err(|e| {
        format!(
            "could not install the {WASM_TARGET} Rust target: {e}\n\
                 fix: run `rustup target add {WASM_TARGET}` and check its message"
        )
    })
}

/// The wasm-bindgen version in Cargo.lock: the CLI must be exactly the same version.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e} (run `cargo generate-lockfile`)"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package (is leptos a dependency?)".into())
}

fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

fn wasm_bindgen_cli(ctx: &Ctx) -> Result<(), String> {
    let version = locked_wasm_bindgen_version(&ctx.root)?;
    let bindgen = ctx.tool_bin("wasm-bindgen");
    let runner = ctx.tool_bin("wasm-bindgen-test-runner");
    let expected = format!("wasm-bindgen {version}");
    let found = output(Command::new(&bindgen).arg("--version"));
    if found.as_deref().map(str::trim) == Some(expected.as_str()) && runner.is_file() {
        ok(&format!("wasm-bindgen-cli {version}"));
        return Ok(());
    }
    println!(
        "==> installing wasm-bindgen-cli {version} (about 3-4 minutes, once per machine) into {}",
        ctx.tools_dir.display()
    );
    // Not `--locked`: the lock shipped with wasm-bindgen-cli pins a crate version that the
    // registry here does not serve (see /work/shared/toolchain.md); the version itself is pinned.
    let mut install = ctx.cargo();
    install
        .args(["install", "wasm-bindgen-cli", "--force", "--version"])
        .arg(format!("={version}"))
        .arg("--root")
        .arg(&ctx.tools_dir);
    run(&mut install).map_err(|e| {
        format!(
            "could not install wasm-bindgen-cli {version}: {e}\n\
                 fix: check the cargo output above (network access to crates.io, disk space), \
                 then run `{}` or this command again",
            describe(&install)
        )
    })
}

fn npm_tools(ctx: &Ctx) -> Result<(), String> {
    let node = output(ctx.command("node").arg("--version")).ok_or(
        "Node.js was not found: install Node.js 20 or newer with npm \
         (e.g. `apt-get install nodejs npm`), then run this command again",
    )?;
    let major = node
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .unwrap_or("");
    if major.parse::<u32>().map_or(true, |major| major < 20) {
        return Err(format!(
            "Node.js {} is too old: the end-to-end tests need Node.js 20 or newer",
            node.trim()
        ));
    }
    let e2e = ctx.e2e_dir();
    let lock = std::fs::read(e2e.join("package-lock.json"))
        .map_err(|e| format!("cannot read tests/e2e/package-lock.json: {e}"))?;
    let stamp = e2e.join("node_modules").join(NPM_STAMP);
    let up_to_date = std::fs::read(&stamp).is_ok_and(|installed| installed == lock)
        && ctx.wasm_opt().is_file()
        && ctx.terser().is_file()
        && e2e
            .join("node_modules")
            .join("playwright-core")
            .join("package.json")
            .is_file();
    if up_to_date {
        ok("npm tools in tests/e2e (wasm-opt from binaryen, terser, playwright-core)");
        return Ok(());
    }
    println!(
        "==> installing npm tools in tests/e2e (npm ci: binaryen's wasm-opt, terser, playwright-core)"
    );
    let mut npm = ctx.command("npm");
    npm.current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund"]);
    run(&mut npm).map_err(|e| {
        format!(
            "could not install the npm tools in tests/e2e: {e}\n\
                 fix: check that npm works and reaches its registry, then run `npm ci` in \
                 tests/e2e or this command again"
        )
    })?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(())
}

/// Debian packages the browser tests need: Chromium, its WebDriver, and a Chinese font so that
/// screenshots show the UI's text instead of empty boxes (the app itself uses system fonts only).
fn chromium(ctx: &Ctx) -> Result<(), String> {
    let mut missing = Vec::new();
    if !(Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file()) {
        missing.extend(["chromium", "chromium-driver"]);
    }
    let has_chinese_font = output(Command::new("fc-list").args([":lang=zh", "family"]))
        .is_some_and(|fonts| !fonts.trim().is_empty());
    if !has_chinese_font {
        missing.push("fonts-wqy-microhei");
    }
    if missing.is_empty() {
        ok("chromium, chromedriver and a Chinese font (Debian)");
        return Ok(());
    }
    let list = missing.join(" ");
    println!("==> installing Debian packages for the browser tests: {list} (apt-get, about 30 s)");
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let has_sudo = output(ctx.command("sudo").arg("--version")).is_some();
    let how = format!("apt-get update && apt-get install -y --no-install-recommends {list}");
    if !is_root && !has_sudo {
        return Err(format!(
            "{list} missing and this user cannot install them\n\
             fix: run as root `{how}`, then run this command again"
        ));
    }
    let apt = |args: &[&str]| {
        let mut command = if is_root {
            ctx.command("apt-get")
        } else {
            let mut sudo = ctx.command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update"])
        .and_then(|()| {
            let mut args = vec!["install", "-y", "--no-install-recommends"];
            args.extend(&missing);
            apt(&args)
        })
        .map_err(|e| format!("could not install {list}: {e}\nfix: run as root `{how}`"))?;
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        Ok(())
    } else {
        Err(format!(
            "apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn reads_a_version_from_a_lock_file() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\
                    source = \"registry\"\n\n[[package]]\nname = \"wasm-bindgen-backend\"\n\
                    version = \"0.2.1\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-backend").as_deref(),
            Some("0.2.1")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
