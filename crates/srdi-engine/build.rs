//! Compiles every rule file in `rules/`, every pack in `rules/packs/` and every
//! amendment in `rules/amendments/` into
//! the engine, so that adding a province's pack is adding a file. Files are
//! embedded without their layout whitespace (the repo keeps them readable).

use std::fs;
use std::path::Path;

/// Removes every citation's `reading` (which default of an ambiguity was
/// taken, in the project's own REFERENCE terms) from the browser build: the
/// page does not show it, and it is a fifth of the rule text (≈ 5 KB brotli).
/// Native builds (the CLI, the tests) keep it.
fn strip_readings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("reading");
            m.values_mut().for_each(strip_readings);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_readings),
        _ => {}
    }
}

fn list(dir: &Path, out_dir: &Path, list_name: &str) {
    let browser = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
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
            .map(|mut v| {
                if browser {
                    strip_readings(&mut v);
                }
                v.to_string()
            })
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
    list(&root, out, "embedded_rules");
    list(&root.join("packs"), out, "embedded_packs");
    list(&root.join("amendments"), out, "embedded_amendments");
}
