//! Compiles every rule file in `rules/` and every pack in `rules/packs/` into
//! the engine, so that adding a province's pack is adding a file. Files are
//! embedded without their layout whitespace (the repo keeps them readable).

use std::fs;
use std::path::Path;

fn list(dir: &Path, out_dir: &Path, list_name: &str) {
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
    list(&root, out, "embedded_rules");
    list(&root.join("packs"), out, "embedded_packs");
}
