//! Compiles every rule file in `rules/` and every pack in `rules/packs/` into
//! the engine, so that adding a province's pack is adding a file.

use std::fs;
use std::path::Path;

fn list(dir: &Path, out: &Path) {
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
        src.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    src.push(']');
    fs::write(out, src).expect("OUT_DIR is writable");
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = Path::new(&manifest).join("rules");
    list(&root, &Path::new(&out).join("embedded_rules.rs"));
    list(
        &root.join("packs"),
        &Path::new(&out).join("embedded_packs.rs"),
    );
}
