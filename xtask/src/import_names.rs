//! Short names for the module's imports from its JS glue. wasm-bindgen names each one
//! `__wbg_NAME_HASH` (`__wbg_addEventListener_847fd86b8c33ec43`: 16 hex digits that no
//! compressor can shorten), and writes each name twice: in the module's import section and as
//! a key of the glue's import object. The build renames them `a`, `b`, … `Z`, `ba`, … in both
//! (before wasm-opt, which keeps import names as they are): about 3 KB brotli of the first
//! load, with nothing else changed.
//!
//! An import is renamed only when its name is a key of the glue exactly once (`NAME:`) and
//! appears nowhere else in it; the build fails when none is (a new wasm-bindgen writes the glue
//! differently: look at it and update this).
//!
//! The module's exports the same way (the closure shims are `wasm_bindgen__convert__closures_____invoke__HASH`):
//! each export the glue reads as `wasm.NAME` is renamed in the export section and at every
//! `wasm.NAME` (`memory` keeps its name; an export the glue does not read that way is kept).

use crate::unused_exports::{read_leb, write_leb};

/// The module the glue's imports come from (`"./app_bg.js": import0` in the glue).
pub const GLUE_MODULE: &str = "./app_bg.js";

/// The `i`th short name: `a` … `z`, `A` … `Z`, then `ba`, `bb`, … (as object keys even
/// words like `do` or `if` are fine in JS).
pub fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[i % LETTERS.len()]);
        i /= LETTERS.len();
        if i == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

fn read_name(data: &[u8], at: &mut usize) -> Result<String, String> {
    let len = read_leb(data, at)? as usize;
    let name = data
        .get(*at..*at + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or("wasm: bad import name")?
        .to_string();
    *at += len;
    Ok(name)
}

fn skip_limits(data: &[u8], at: &mut usize) -> Result<(), String> {
    let flags = *data.get(*at).ok_or("wasm: truncated limits")?;
    *at += 1;
    read_leb(data, at)?;
    if flags & 1 != 0 {
        read_leb(data, at)?;
    }
    Ok(())
}

/// Skips an import's description (after its kind byte).
fn skip_import_desc(kind: u8, data: &[u8], at: &mut usize) -> Result<(), String> {
    match kind {
        0 => read_leb(data, at).map(|_| ()),
        1 => {
            *at += 1; // reference type
            skip_limits(data, at)
        }
        2 => skip_limits(data, at),
        3 => {
            *at += 2; // value type, mutability
            Ok(())
        }
        4 => {
            *at += 1; // attribute
            read_leb(data, at).map(|_| ())
        }
        _ => Err(format!("wasm: unknown import kind {kind}")),
    }
}

/// The module with each import from `module` renamed by `rename` (`None`: kept); only the
/// import section changes, every other section is copied byte for byte.
pub fn rename_imports(
    wasm: &[u8],
    module: &str,
    mut rename: impl FnMut(&str) -> Option<String>,
) -> Result<Vec<u8>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = read_leb(wasm, &mut at)? as usize;
        let body = wasm
            .get(at..at + len)
            .ok_or("wasm: section runs past the end")?;
        at += len;
        if id != 2 {
            out.push(id);
            write_leb(len as u32, &mut out);
            out.extend_from_slice(body);
            continue;
        }
        let mut pos = 0;
        let count = read_leb(body, &mut pos)?;
        let mut section = Vec::new();
        write_leb(count, &mut section);
        for _ in 0..count {
            let from = read_name(body, &mut pos)?;
            let name = read_name(body, &mut pos)?;
            let desc_start = pos;
            let kind = *body.get(pos).ok_or("wasm: truncated import")?;
            pos += 1;
            skip_import_desc(kind, body, &mut pos)?;
            let desc = body
                .get(desc_start..pos)
                .ok_or("wasm: import runs past its section")?;
            let name = if from == module {
                rename(&name).unwrap_or(name)
            } else {
                name
            };
            for s in [&from, &name] {
                write_leb(s.len() as u32, &mut section);
                section.extend_from_slice(s.as_bytes());
            }
            section.extend_from_slice(desc);
        }
        out.push(2);
        write_leb(section.len() as u32, &mut out);
        out.extend_from_slice(&section);
    }
    Ok(out)
}

/// Whether `c` may continue a JS identifier.
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `glue` with every `wasm.NAME` (not followed by more of an identifier) made `wasm.SHORT`,
/// and how many there were.
fn rename_reads(glue: &str, name: &str, short: &str) -> (String, usize) {
    let from = format!("wasm.{name}");
    let mut out = String::with_capacity(glue.len());
    let mut rest = glue;
    let mut count = 0;
    while let Some(i) = rest.find(&from) {
        let after = &rest[i + from.len()..];
        out.push_str(&rest[..i]);
        if after.chars().next().is_some_and(ident_char) {
            out.push_str(&from);
        } else {
            out.push_str("wasm.");
            out.push_str(short);
            count += 1;
        }
        rest = after;
    }
    out.push_str(rest);
    (out, count)
}

/// The module with each export renamed by `rename` (`None`: kept); only the export section
/// changes, every other section is copied byte for byte.
pub fn rename_exports(
    wasm: &[u8],
    mut rename: impl FnMut(&str) -> Option<String>,
) -> Result<Vec<u8>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = read_leb(wasm, &mut at)? as usize;
        let body = wasm
            .get(at..at + len)
            .ok_or("wasm: section runs past the end")?;
        at += len;
        if id != 7 {
            out.push(id);
            write_leb(len as u32, &mut out);
            out.extend_from_slice(body);
            continue;
        }
        let mut pos = 0;
        let count = read_leb(body, &mut pos)?;
        let mut section = Vec::new();
        write_leb(count, &mut section);
        for _ in 0..count {
            let name = read_name(body, &mut pos)?;
            let desc_start = pos;
            pos += 1; // kind
            read_leb(body, &mut pos)?; // index
            let desc = body
                .get(desc_start..pos)
                .ok_or("wasm: export runs past its section")?;
            let name = rename(&name).unwrap_or(name);
            write_leb(name.len() as u32, &mut section);
            section.extend_from_slice(name.as_bytes());
            section.extend_from_slice(desc);
        }
        out.push(7);
        write_leb(section.len() as u32, &mut out);
        out.extend_from_slice(&section);
    }
    Ok(out)
}

/// The module and glue with the module's exports that the glue reads as `wasm.NAME` given
/// short names (`memory` kept), and how many were renamed.
pub fn shorten_exports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize), String> {
    let mut glue = glue.to_string();
    let mut renamed = 0;
    let wasm = rename_exports(wasm, |name| {
        if name == "memory" {
            return None;
        }
        let short = short_name(renamed);
        let (new, reads) = rename_reads(&glue, name, &short);
        if reads == 0 {
            return None;
        }
        renamed += 1;
        glue = new;
        Some(short)
    })?;
    Ok((wasm, glue, renamed))
}

/// The module and glue with the glue's imports given short names ([`short_name`]), and how many
/// were renamed.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize), String> {
    let mut glue = glue.to_string();
    let mut renamed = 0;
    let wasm = rename_imports(wasm, GLUE_MODULE, |name| {
        let key = format!("{name}:");
        if glue.matches(name).count() != 1 || glue.matches(&key).count() != 1 {
            return None;
        }
        // Other keys of the import object are long `__wbindgen_…` names: no clash.
        let short = short_name(renamed);
        renamed += 1;
        glue = glue.replacen(&key, &format!("{short}:"), 1);
        Some(short)
    })?;
    if renamed == 0 {
        return Err(
            "no import of dist/app_bg.wasm is a key of the glue; update xtask/src/import_names.rs"
                .into(),
        );
    }
    Ok((wasm, glue, renamed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_count_in_letters() {
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "ba");
        assert_eq!(short_name(53), "bb");
    }

    /// A module importing two functions from the glue and a memory from elsewhere.
    fn module(names: [&str; 2]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type: () -> ()
        let mut imports = vec![3];
        for name in names {
            imports.push(GLUE_MODULE.len() as u8);
            imports.extend_from_slice(GLUE_MODULE.as_bytes());
            imports.push(name.len() as u8);
            imports.extend_from_slice(name.as_bytes());
            imports.extend_from_slice(&[0, 0]); // function of type 0
        }
        imports.extend_from_slice(&[3, b'e', b'n', b'v', 3, b'm', b'e', b'm', 2, 1, 1, 2]);
        wasm.push(2);
        wasm.push(imports.len() as u8);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[10, 1, 0]); // no code
        wasm
    }

    #[test]
    fn imports_keyed_once_in_the_glue_are_renamed_in_both() {
        let glue = "const import0 = {\n    __wbg_f_0123: function() { g(); },\n    __wbg_k_4567: function() { return __wbg_k_4567; },\n};\n";
        let (wasm, glue, renamed) = shorten(&module(["__wbg_f_0123", "__wbg_k_4567"]), glue)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(renamed, 1);
        assert_eq!(wasm, module(["a", "__wbg_k_4567"]));
        assert_eq!(
            glue,
            "const import0 = {\n    a: function() { g(); },\n    __wbg_k_4567: function() { return __wbg_k_4567; },\n};\n"
        );
        assert!(shorten(&module(["x", "y"]), "").is_err());
    }

    #[test]
    fn exports_read_by_the_glue_are_renamed_in_both() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type: () -> ()
        wasm.extend_from_slice(&[3, 2, 1, 0]); // one function of type 0
        let exports = |names: [&str; 3]| {
            let mut section = vec![3];
            for (name, kind) in names.iter().zip([0u8, 0, 2]) {
                section.push(name.len() as u8);
                section.extend_from_slice(name.as_bytes());
                section.extend_from_slice(&[kind, 0]);
            }
            let mut out = vec![7, section.len() as u8];
            out.extend_from_slice(&section);
            out
        };
        let mut before = wasm.clone();
        before.extend(exports(["__wbindgen_malloc", "main", "memory"]));
        let glue = "f(wasm.__wbindgen_malloc, wasm.__wbindgen_malloc_x, wasm.memory);\n";
        let (out, glue, renamed) = shorten_exports(&before, glue).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(renamed, 1);
        assert_eq!(glue, "f(wasm.a, wasm.__wbindgen_malloc_x, wasm.memory);\n");
        wasm.extend(exports(["a", "main", "memory"]));
        assert_eq!(out, wasm);
    }
}
