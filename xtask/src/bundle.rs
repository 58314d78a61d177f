//! `cargo xtask build`: the release bundle in `dist/`, and its size table.
//!
//! cargo (release profile tuned for size) → wasm-bindgen (`--target web`) → wasm-opt -Oz (npm
//! binaryen, never Debian's: its wasm-opt breaks the app at run time) → terser on the JS glue
//! (npm) → static files copied.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::ctx::{APP, Ctx, WASM_TARGET};
use crate::proc::run;

/// What a first visit downloads: the page, its script and styles, the glue and the module.
pub const FIRST_LOAD: [&str; 5] = [
    "index.html",
    "boot.js",
    "style.css",
    "app.js",
    "app_bg.wasm",
];

/// The first load's budget, in brotli bytes (issue 4: "under 250 KB"; decimal kilobytes).
pub const FIRST_LOAD_BUDGET: usize = 250_000;

/// Builds `dist/`, prints its sizes and returns the first load's brotli total.
pub fn build(ctx: &Ctx) -> Result<usize, String> {
    let started = Instant::now();
    let dist = ctx.dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|e| format!("cannot remove the old {}: {e}", dist.display()))?;
    }

    println!("==> cargo build --release --target {WASM_TARGET} --bin {APP}");
    run(ctx
        .cargo()
        .args([
            "build",
            "--release",
            "--target",
            WASM_TARGET,
            "--package",
            APP,
        ])
        .args(["--bin", APP]))?;
    let wasm = ctx
        .target_dir
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{APP}.wasm"));

    println!("==> wasm-bindgen --target web → dist/app.js, dist/app_bg.wasm");
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    run(ctx
        .command(ctx.tool_bin("wasm-bindgen"))
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "app",
            "--out-dir",
        ])
        .arg(&dist)
        .arg(&wasm))?;

    println!("==> wasm-opt -Oz dist/app_bg.wasm (binaryen from npm)");
    let app_wasm = dist.join("app_bg.wasm");
    run(ctx
        .command(ctx.wasm_opt())
        .arg("-Oz")
        .arg(&app_wasm)
        .arg("-o")
        .arg(&app_wasm))?;

    println!("==> terser dist/app.js (the JS glue, minified as an ES module)");
    let app_js = dist.join("app.js");
    run(ctx
        .command(ctx.terser())
        .arg(&app_js)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(&app_js))?;

    println!("==> copying index.html and public/ into dist/");
    copy_file(&ctx.root.join("index.html"), &dist.join("index.html"))?;
    copy_dir(&ctx.root.join("public"), &dist)?;

    println!(
        "==> release bundle ready in {} ({:.0} s)",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    print_sizes(&dist)
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if source.is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
            copy_dir(&source, &target)?;
        } else {
            copy_file(&source, &target)?;
        }
    }
    Ok(())
}

/// Files whose size is reported, by extension.
const MEASURED: [&str; 4] = ["wasm", "js", "css", "html"];

fn measured_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            measured_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| MEASURED.contains(&ext))
        {
            out.push(path);
        }
    }
    Ok(())
}

pub fn gzip_len(data: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().map(|out| out.len()).unwrap_or(0)
}

pub fn brotli_len(data: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = writer.write_all(data);
    }
    out.len()
}

/// Prints raw, gzip (level 9) and brotli (quality 11, window 22) sizes of the bundle's files,
/// and the first load against its budget; returns the first load's brotli total.
pub fn print_sizes(dist: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    measured_files(dist, &mut files)?;
    files.sort();
    let mut rows = Vec::new();
    let mut total = (0, 0, 0);
    let mut first_load = 0;
    for path in &files {
        let data =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let sizes = (data.len(), gzip_len(&data), brotli_len(&data));
        total = (total.0 + sizes.0, total.1 + sizes.1, total.2 + sizes.2);
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        if FIRST_LOAD.contains(&name.as_str()) {
            first_load += sizes.2;
        }
        rows.push((name, sizes));
    }
    rows.push(("total".to_string(), total));
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(5)
        .max(4);
    println!();
    println!("Release bundle sizes (bytes; gzip -9, brotli -q 11 -w 22):");
    println!(
        "  {:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let last = rows.len() - 1;
    for (index, (name, (raw, gz, br))) in rows.iter().enumerate() {
        if index == last {
            println!("  {}", "-".repeat(width + 36));
        }
        println!(
            "  {name:<width$}  {:>10}  {:>10}  {:>10}",
            group(*raw),
            group(*gz),
            group(*br)
        );
    }
    println!(
        "  first load ({}): {} bytes brotli; budget {} ({})",
        FIRST_LOAD.join(" + "),
        group(first_load),
        group(FIRST_LOAD_BUDGET),
        if first_load <= FIRST_LOAD_BUDGET {
            "within"
        } else {
            "OVER"
        }
    );
    println!();
    Ok(first_load)
}

/// `1234567` → `1,234,567`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_data() {
        let data = "专精特新自测 ".repeat(1000).into_bytes();
        let gz = gzip_len(&data);
        let br = brotli_len(&data);
        assert!(gz > 0 && gz < data.len() / 10, "gzip {gz}");
        assert!(br > 0 && br < data.len() / 10, "brotli {br}");
    }
}
