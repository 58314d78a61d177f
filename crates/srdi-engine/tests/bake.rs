//! `src/baked.rs`, the browser's rule book as constants, is made from the
//! rule files: after editing one, `cargo xtask bake` (that is,
//! `SRDI_BLESS=1 cargo test -p srdi-engine --test bake`) rewrites it; this
//! test fails while it is stale (and `build.rs` refuses the browser build).

#[test]
fn baked_rs_is_made_from_the_rule_files() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/baked.rs");
    let wanted = srdi_engine::bake::bake_now().unwrap_or_else(|e| panic!("cannot bake: {e}"));
    if std::env::var_os("SRDI_BLESS").is_some() {
        std::fs::write(&path, &wanted).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        text == wanted,
        "src/baked.rs is stale (the rule files or the model changed): run `cargo xtask bake`"
    );
}
