//! The hash of the rule files that `baked.rs` records: FNV-1a (64 bits)
//! over every `*.json` in `rules/`, `rules/amendments/`, `rules/packs/` and `rules/terms/`,
//! by folder and sorted name, each name and text hashed (carriage returns
//! left out, so a checkout with CRLF line ends hashes the same). Shared by
//! `build.rs` (which compares) and the baker (which records); std only.

use std::path::{Path, PathBuf};

/// The folders under `rules/` whose `*.json` files are the law.
pub const RULE_DIRS: [&str; 6] = ["", "amendments", "packs", "terms", "ladder", "digital"];

/// The `*.json` files of one folder, by name (none when it cannot be read).
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The rule files under `rules`, folder by folder, each folder's by name.
pub fn rule_files(rules: &Path) -> Vec<PathBuf> {
    RULE_DIRS
        .iter()
        .flat_map(|dir| json_files(&rules.join(dir)))
        .collect()
}

/// The hash of the rule files under `rules`, as `baked.rs` writes it (16 hex digits).
pub fn rules_hash(rules: &Path) -> std::io::Result<String> {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes.iter().filter(|&&b| b != b'\r') {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for p in rule_files(rules) {
        let rel = p.strip_prefix(rules).unwrap_or(&p);
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        eat(name.join("/").as_bytes());
        eat(&[0]);
        eat(&std::fs::read(&p)?);
        eat(&[0xff]);
    }
    Ok(format!("{h:016x}"))
}
