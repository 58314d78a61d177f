//! The rule files (`rules/*.json`, `rules/packs/`, `rules/amendments/`, `rules/terms/`, `rules/ladder/`) reach
//! the engine two ways:
//!
//! - Native builds (the CLI, the tests) embed their text, without layout
//!   whitespace, and read it with serde at run time: adding a province's pack
//!   is adding a file.
//! - The browser build embeds no rule text: it uses the book baked into
//!   `src/baked.rs` by `cargo xtask bake` (validated, amendments applied,
//!   citation readings left out). This script compares the rule files' hash
//!   with the one `baked.rs` records, and refuses a wasm32 build when they
//!   differ, so a rule file that was not baked (or could not be: an invalid
//!   one) never reaches the browser.
//!
//! Natively `baked.rs` is compiled (cfg `srdi_baked`, for the test that
//! compares it with the rule files) only while it matches them, and not when
//! `SRDI_BLESS` is set: the baker must build even when `baked.rs` is stale.

use std::fs;
use std::path::Path;

#[path = "src/rules_hash.rs"]
mod rules_hash;

fn list(dir: &Path, out_dir: &Path, list_name: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let names = rules_hash::json_files(dir);
    let mut src = String::from("&[\n");
    for p in &names {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs::read_to_string(p).expect("rule files are readable");
        // A file that is not JSON is embedded as it is: the engine reports it by name.
        let compact = serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| v.to_string())
            .unwrap_or(text);
        let min = out_dir.join(format!("{list_name}-{name}"));
        fs::write(&min, compact).expect("OUT_DIR is writable");
        src.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            min.display().to_string()
        ));
    }
    src.push(']');
    fs::write(out_dir.join(format!("{list_name}.rs")), src).expect("OUT_DIR is writable");
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = Path::new(&manifest).join("rules");
    let out = Path::new(&out);
    let browser = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    println!("cargo::rustc-check-cfg=cfg(srdi_baked)");
    println!("cargo:rerun-if-env-changed=SRDI_BLESS");
    let baked_rs = Path::new(&manifest).join("src/baked.rs");
    println!("cargo:rerun-if-changed={}", baked_rs.display());
    for dir in rules_hash::RULE_DIRS {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    let recorded = fs::read_to_string(&baked_rs).ok().and_then(|t| {
        t.lines()
            .find_map(|l| l.strip_prefix("// rules-hash: "))
            .map(str::to_string)
    });
    let current = rules_hash::rules_hash(&root).ok();
    let fresh = current.is_some() && recorded == current;
    if browser {
        if !fresh {
            eprintln!("error: rule files changed: run `cargo xtask bake`");
            eprintln!(
                "(the browser uses the rule book baked into {}; its hash {} is not the rule files' {})",
                baked_rs.display(),
                recorded.as_deref().unwrap_or("(none)"),
                current.as_deref().unwrap_or("(unreadable)")
            );
            std::process::exit(1);
        }
        println!("cargo::rustc-cfg=srdi_baked");
        return;
    }
    if fresh && std::env::var_os("SRDI_BLESS").is_none() {
        println!("cargo::rustc-cfg=srdi_baked");
    }
    list(&root, out, "embedded_rules");
    list(&root.join("packs"), out, "embedded_packs");
    list(&root.join("amendments"), out, "embedded_amendments");
    list(&root.join("terms"), out, "embedded_terms");
    list(&root.join("ladder"), out, "embedded_ladder");
    list(&root.join("digital"), out, "embedded_digital");
}
