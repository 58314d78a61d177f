//! The `wasm-streams` classes that Leptos's `csr` feature brings (through `server_fn`) and the app
//! never uses: their exports are taken out of the module, and their classes out of the JS glue,
//! before wasm-opt, which then drops the code only they reached (futures, promises, abort
//! handles). About 1.3 KB brotli of the first load.
//!
//! wasm-bindgen keeps every `#[wasm_bindgen]` export of every linked crate, and has no option to
//! leave one out; Leptos depends on `server_fn` unconditionally. Nothing imports these classes:
//! `boot.js` imports only the default `init`, and the single file drops every export.

/// The JS classes wasm-bindgen writes for `wasm-streams` (`export class NAME`).
pub const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// Whether a module export belongs to one of [`CLASSES`] (its methods, getters and `free`).
pub fn is_unused(export: &str) -> bool {
    let name = export.strip_prefix("__wbg_").unwrap_or(export);
    CLASSES
        .iter()
        .any(|class| name.starts_with(&format!("{}_", class.to_ascii_lowercase())))
}

pub fn read_leb(data: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *data.get(*at).ok_or("wasm: truncated LEB128")?;
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("wasm: LEB128 too long".into())
}

pub fn write_leb(mut value: u32, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The module with every export for which `drop` says yes left out, and the names left out.
/// Only the export section changes; every other section is copied byte for byte.
pub fn strip_exports(
    wasm: &[u8],
    drop: impl Fn(&str) -> bool,
) -> Result<(Vec<u8>, Vec<String>), String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut dropped = Vec::new();
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
        let mut kept = Vec::new();
        let mut kept_count = 0u32;
        for _ in 0..count {
            let start = pos;
            let name_len = read_leb(body, &mut pos)? as usize;
            let name = body
                .get(pos..pos + name_len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or("wasm: bad export name")?
                .to_string();
            pos += name_len + 1; // name, then the kind byte
            read_leb(body, &mut pos)?; // index
            if drop(&name) {
                dropped.push(name);
            } else {
                kept.extend_from_slice(&body[start..pos]);
                kept_count += 1;
            }
        }
        let mut section = Vec::new();
        write_leb(kept_count, &mut section);
        section.extend_from_slice(&kept);
        out.push(7);
        write_leb(section.len() as u32, &mut out);
        out.extend_from_slice(&section);
    }
    Ok((out, dropped))
}

/// The glue without the [`CLASSES`]: each `export class NAME {` … `}` block with its
/// `if (Symbol.dispose) NAME…` line, and its `const NAMEFinalization = …;` statement.
/// An error if a class is not found in that shape, or is still named afterwards (a new
/// wasm-bindgen writes it differently: look at the glue and update this).
pub fn strip_classes(glue: &str) -> Result<String, String> {
    let mut out = String::with_capacity(glue.len());
    let mut lines = glue.lines();
    let mut found = Vec::new();
    while let Some(line) = lines.next() {
        if let Some(class) = CLASSES
            .iter()
            .find(|class| line == format!("export class {class} {{"))
        {
            // The class body ends at a `}` in column 0, then the dispose line.
            for inner in lines.by_ref() {
                if inner == "}" {
                    break;
                }
            }
            let dispose = lines.next().unwrap_or_default();
            if !dispose.starts_with(&format!("if (Symbol.dispose) {class}.prototype")) {
                return Err(format!(
                    "the glue's class {class} no longer ends as expected; update xtask/src/unused_exports.rs"
                ));
            }
            found.push(*class);
            continue;
        }
        if CLASSES
            .iter()
            .any(|class| line.starts_with(&format!("const {class}Finalization = ")))
        {
            let mut statement = line;
            while !statement.trim_end().ends_with(';') {
                statement = lines.next().unwrap_or(";");
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    for class in CLASSES {
        if !found.contains(&class) || out.contains(class) {
            return Err(format!(
                "the glue's class {class} is not where it was; update xtask/src/unused_exports.rs"
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_stream_classes_are_unused() {
        assert!(is_unused("intounderlyingsource_pull"));
        assert!(is_unused("__wbg_intounderlyingbytesource_free"));
        assert!(is_unused("intounderlyingsink_write"));
        assert!(!is_unused("memory"));
        assert!(!is_unused("main"));
        assert!(!is_unused("__wbindgen_malloc"));
        assert!(!is_unused("intounderlying"));
    }

    #[test]
    fn exports_are_dropped_and_other_sections_kept() {
        // Type, function, export and code sections of a module with two exported functions.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type: () -> ()
        wasm.extend_from_slice(&[3, 3, 2, 0, 0]); // two functions of type 0
        let mut exports = vec![2];
        for (name, index) in [("keep", 0u8), ("intounderlyingsink_close", 1)] {
            exports.push(name.len() as u8);
            exports.extend_from_slice(name.as_bytes());
            exports.extend_from_slice(&[0, index]);
        }
        wasm.push(7);
        wasm.push(exports.len() as u8);
        wasm.extend_from_slice(&exports);
        wasm.extend_from_slice(&[10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b]); // two empty bodies
        let (out, dropped) = strip_exports(&wasm, is_unused).unwrap();
        assert_eq!(dropped, ["intounderlyingsink_close"]);
        let mut expected = wasm[..8 + 6 + 5].to_vec();
        expected.extend_from_slice(&[7, 8, 1, 4]);
        expected.extend_from_slice(b"keep");
        expected.extend_from_slice(&[0, 0]);
        expected.extend_from_slice(&wasm[wasm.len() - 9..]);
        assert_eq!(out, expected);
        assert!(strip_exports(b"nope", is_unused).is_err());
    }

    #[test]
    fn classes_leave_the_glue_and_nothing_else_does() {
        let mut glue = String::new();
        for class in CLASSES {
            glue.push_str(&format!(
                "export class {class} {{\n    free() {{\n        x();\n    }}\n}}\nif (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n\n"
            ));
        }
        glue.push_str("function keep() {}\n");
        for class in CLASSES {
            glue.push_str(&format!(
                "const {class}Finalization = (typeof FinalizationRegistry === 'undefined')\n    ? {{ register: () => {{}}, unregister: () => {{}} }}\n    : new FinalizationRegistry(ptr => wasm.f(ptr, 1));\n"
            ));
        }
        glue.push_str("export { initSync, __wbg_init as default };\n");
        assert_eq!(
            strip_classes(&glue).as_deref(),
            Ok("\n\n\nfunction keep() {}\nexport { initSync, __wbg_init as default };\n")
        );
        assert!(strip_classes("function keep() {}\n").is_err());
    }
}
