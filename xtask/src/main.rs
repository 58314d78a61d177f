//! `cargo xtask`: the project's build, serve and test tooling (see README.md).
//!
//! - `cargo xtask setup`  installs what is missing (idempotent)
//! - `cargo xtask build`  setup, then the release bundle in `dist/` and its size table
//! - `cargo xtask serve`  build, then serve `dist/` on <http://127.0.0.1:8080/>
//! - `cargo xtask test`   setup, then every check, ending with one line `N passed, N failed`
//! - `cargo xtask bench-batch`  profiles/s and peak memory of the release `srdi batch`
//! - `cargo xtask bake`   rewrites `crates/srdi-engine/src/baked.rs` from the rule files

mod bench_batch;
mod bundle;
mod check;
mod count;
mod ctx;
mod import_names;
mod proc;
mod release;
mod serve;
mod setup;
mod unused_exports;

use std::process::ExitCode;

use ctx::Ctx;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup                 install what is missing: wasm32 target, wasm-bindgen-cli, npm tools
                        (wasm-opt, playwright-core), Debian's chromium + chromium-driver
  build                 setup, then build the release bundle in dist/ and print its sizes
  serve [--port PORT]   build, then serve dist/ on http://127.0.0.1:PORT/ (default 8080)
  release               build, then write target/release-bundle/srdi-check-VERSION.tar.gz: the site
                        folder, the single file, INSTALL.md, CHANGELOG.md, SHA256SUMS
  test [--only STEP]    setup, then every check; STEP is one of lint, native, wasm, e2e
  bake                  rewrite crates/srdi-engine/src/baked.rs (the browser's rule book) from
                        the rule files and the profile schema's field entries from the field
                        table; run it after editing either
  bench-load            build, serve, and time loads and updates in headless Chromium (20 runs)
  screenshots           build, serve, and write docs/screenshots/*.png (results at 1280 and
                        360 px, the print report) from one example firm
  bench-batch [--rows N] [--jobs N] [--ten-times] [--bin PATH]
                        release `srdi batch` on N generated JSON Lines profiles (default
                        100000): profiles/s and peak RSS; --ten-times also runs 10 x N
  count                 instructions per assessment (E1, E7, all-failing) by callgrind on the
                        engine's assess_loop example: exact where wall time is noisy; needs valgrind

environment:
  SRDI_TOOLS_DIR        where installed tools live (default ~/.cache/srdi-check/tools)
  CARGO_TARGET_DIR      cargo's target directory (default ./target)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first().map(String::as_str) else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let ctx = match Ctx::from_env() {
        Ok(ctx) => ctx,
        Err(error) => return fail(&error),
    };
    let result = match command {
        "setup" => no_args(rest).and_then(|()| setup::setup(&ctx, setup::Needs::ALL)),
        "build" => no_args(rest)
            .and_then(|()| setup::setup(&ctx, setup::Needs::BUILD))
            .and_then(|()| bundle::build(&ctx))
            .map(|_| ()),
        "serve" => serve_command(&ctx, rest),
        "release" => no_args(rest)
            .and_then(|()| setup::setup(&ctx, setup::Needs::BUILD))
            .and_then(|()| release::release(&ctx))
            .map(|_| ()),
        "test" => return check::test_command(&ctx, rest),
        "bake" => no_args(rest).and_then(|()| bake(&ctx)),
        "bench-load" => {
            no_args(rest).and_then(|()| against_build(&ctx, "tests/e2e/bench-load.mjs"))
        }
        "screenshots" => {
            no_args(rest).and_then(|()| against_build(&ctx, "tests/e2e/screenshots.mjs"))
        }
        "bench-batch" => bench_batch::bench_batch(&ctx, rest),
        "count" => no_args(rest).and_then(|()| count::count(&ctx)),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn fail(error: &str) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

fn no_args(rest: &[String]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("unexpected argument `{arg}`\n\n{USAGE}")),
    }
}

/// Rewrites what is derived from the rule files and the field table: `baked.rs` (the test
/// that compares it with the rule files, told to write it instead; it validates the rules
/// first, so an invalid rule file cannot be baked) and the profile schema's field entries
/// (the schema test, told the same). After adding a field or editing a rule file, this one
/// command brings both up to date.
fn bake(ctx: &Ctx) -> Result<(), String> {
    println!("==> baking crates/srdi-engine/src/baked.rs from the rule files");
    proc::run(
        ctx.cargo()
            .args(["test", "--package", "srdi-engine", "--test", "bake"])
            .env("SRDI_BLESS", "1"),
    )?;
    println!("==> writing schema/srdi-profile-1.schema.json's field entries from the field table");
    proc::run(
        ctx.cargo()
            .args([
                "test",
                "--package",
                "srdi-engine",
                "--test",
                "schema",
                "the_profile_schema_is_written_from_the_field_table",
            ])
            .env("SRDI_BLESS", "1"),
    )?;
    // Then every schema test against the file as written.
    proc::run(
        ctx.cargo()
            .args(["test", "--package", "srdi-engine", "--test", "schema"]),
    )?;
    // Builds again without SRDI_BLESS, so that the new file is compiled and checked.
    proc::run(ctx.cargo().args([
        "test",
        "--package",
        "srdi-engine",
        "--test",
        "bake",
        "--lib",
        "bake",
    ]))
}

/// A script of `tests/e2e/` (the load benchmark, the docs' screenshots) against a fresh
/// release build, served on 127.0.0.1.
fn against_build(ctx: &Ctx, script: &str) -> Result<(), String> {
    setup::setup(ctx, setup::Needs::ALL)?;
    bundle::build(ctx)?;
    let addr = serve::spawn(ctx.dist_dir()).map_err(|e| format!("cannot start the server: {e}"))?;
    let base_url = format!("http://{addr}/");
    println!("==> node {script} against {base_url}");
    proc::run(
        ctx.command("node")
            .arg(script)
            .env("BASE_URL", &base_url)
            .env("CHROMIUM", setup::CHROMIUM),
    )
}

fn serve_command(ctx: &Ctx, rest: &[String]) -> Result<(), String> {
    let port = match rest {
        [] => 8080,
        [flag, value] if flag == "--port" => value
            .parse::<u16>()
            .map_err(|_| format!("--port takes a number from 0 to 65535, not `{value}`"))?,
        _ => return Err(format!("usage: cargo xtask serve [--port PORT]\n\n{USAGE}")),
    };
    setup::setup(ctx, setup::Needs::BUILD)?;
    bundle::build(ctx)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try --port 8081)"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!();
    println!("Serving SRDI Check at http://{addr}/  (Ctrl-C to stop)");
    serve::serve_forever(listener, ctx.dist_dir(), true);
    Ok(())
}
