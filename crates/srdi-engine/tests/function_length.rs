//! No function of the engine is longer than [`MAX_LINES`] lines, counted
//! from the line of its `fn` keyword to the line of its closing brace (doc
//! comments and attributes above it not counted; a function nested in
//! another counts in both). Generated code (`src/baked.rs`) is not scanned.
//!
//! The scanner reads Rust tokens, not lines: braces inside strings, raw
//! strings, character literals and comments do not count, and `fn(…)`
//! pointer types are not functions. `cargo test -p srdi-engine --test
//! function_length -- --nocapture` prints the longest functions.

use std::path::{Path, PathBuf};

/// The longest a function may be, in lines.
const MAX_LINES: usize = 120;

/// Files made by a program, not written by hand.
const GENERATED: &[&str] = &["baked.rs"];

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Punct(char),
}

/// The tokens of `src` that matter for finding functions and their braces,
/// each with its line (from 1). Comments, strings and character literals are
/// dropped; lifetimes are dropped too.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let s: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Skips a quoted literal opened at `s[i]` (`"` or `'`), escapes honoured.
    let skip_quoted = |i: &mut usize, line: &mut usize, q: char| {
        *i += 1;
        while *i < s.len() && s[*i] != q {
            if s[*i] == '\\' {
                *i += 1;
            }
            if s.get(*i) == Some(&'\n') {
                *line += 1;
            }
            *i += 1;
        }
        *i += 1;
    };
    while i < s.len() {
        let c = s[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if s.get(i + 1) == Some(&'/') => {
                while i < s.len() && s[i] != '\n' {
                    i += 1;
                }
            }
            '/' if s.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                while i < s.len() {
                    if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if s[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '"' => skip_quoted(&mut i, &mut line, '"'),
            '\'' => {
                // A character literal ('x', '\n', '\u{7f}', '{') or a lifetime ('a).
                if s.get(i + 1) == Some(&'\\') || s.get(i + 2) == Some(&'\'') {
                    skip_quoted(&mut i, &mut line, '\'');
                } else {
                    i += 1;
                    while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                        i += 1;
                    }
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut start = i;
                while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                    i += 1;
                }
                if s[start..i] == ['r'] && s.get(i) == Some(&'#') && s.get(i + 1) != Some(&'"') {
                    // A raw identifier (`r#type`): the word after the hash.
                    start = i + 1;
                    i += 1;
                    while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                        i += 1;
                    }
                }
                let word: String = s[start..i].iter().collect();
                let prefix = matches!(word.as_str(), "r" | "br" | "cr");
                let hashes = s[i..].iter().take_while(|&&c| c == '#').count();
                if prefix && s.get(i + hashes) == Some(&'"') {
                    // A raw string: r#"…"#, closed by a quote and as many
                    // hashes (`r#type`, a raw identifier, is no string).
                    i += hashes + 1;
                    while i < s.len() {
                        if s[i] == '"' && (1..=hashes).all(|k| s.get(i + k) == Some(&'#')) {
                            i += 1 + hashes;
                            break;
                        }
                        if s[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                } else if matches!(word.as_str(), "b" | "c") && s.get(i) == Some(&'"') {
                    skip_quoted(&mut i, &mut line, '"');
                } else if word == "b" && s.get(i) == Some(&'\'') {
                    skip_quoted(&mut i, &mut line, '\'');
                } else {
                    out.push((Tok::Word(word), line));
                }
            }
            c if c.is_whitespace() => i += 1,
            c => {
                out.push((Tok::Punct(c), line));
                i += 1;
            }
        }
    }
    out
}

/// Every function with a body in `src`: (name, first line, length in lines).
fn functions(src: &str) -> Vec<(String, usize, usize)> {
    let toks = lex(src);
    let mut out = Vec::new();
    for (k, (t, fn_line)) in toks.iter().enumerate() {
        let (Tok::Word(w), Some((Tok::Word(name), _))) = (t, toks.get(k + 1)) else {
            continue;
        };
        if w != "fn" {
            continue;
        }
        // The body opens at the first `{` outside parentheses and brackets;
        // a `;` there first means a declaration without a body.
        let mut depth = 0i32;
        let mut open = None;
        for (j, (t, _)) in toks.iter().enumerate().skip(k + 2) {
            match t {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth -= 1,
                Tok::Punct(';') if depth == 0 => break,
                Tok::Punct('{') if depth == 0 => {
                    open = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let mut braces = 0i32;
        for (t, end_line) in &toks[open..] {
            match t {
                Tok::Punct('{') => braces += 1,
                Tok::Punct('}') => {
                    braces -= 1;
                    if braces == 0 {
                        out.push((name.clone(), *fn_line, end_line - fn_line + 1));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_engine_function_is_longer_than_the_limit() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut all = Vec::new();
    for p in &files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if GENERATED.contains(&name) {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let rel = p.strip_prefix(&src).unwrap_or(p).display().to_string();
        for (f, at, len) in functions(&text) {
            all.push((len, format!("{rel}:{at} {f}")));
        }
    }
    assert!(
        all.len() > 100,
        "the scan found only {} functions",
        all.len()
    );
    all.sort_by(|a, b| b.cmp(a));
    println!("longest functions (lines, limit {MAX_LINES}):");
    for (len, at) in all.iter().take(10) {
        println!("{len:5}  {at}");
    }
    let over: Vec<String> = all
        .iter()
        .filter(|(len, _)| *len > MAX_LINES)
        .map(|(len, at)| format!("{at}: {len} lines"))
        .collect();
    assert!(
        over.is_empty(),
        "functions over {MAX_LINES} lines (split them by concern):\n{}",
        over.join("\n")
    );
}

/// A function `fn name` of exactly `lines` lines, with `body` as its first
/// body line.
fn function_of(lines: usize, body: &str) -> String {
    let mut s = String::from("/// Docs are not counted.\n#[inline]\nfn name() {\n");
    s.push_str(body);
    s.push('\n');
    for _ in 0..lines - 3 {
        s.push_str("    let _ = 1;\n");
    }
    s.push_str("}\n");
    s
}

#[test]
fn the_count_runs_from_the_fn_line_to_the_closing_brace() {
    assert_eq!(functions("fn a() {}"), vec![("a".into(), 1, 1)]);
    assert_eq!(
        functions(&function_of(120, "")),
        vec![("name".into(), 3, 120)]
    );
    assert_eq!(
        functions(&function_of(121, "")),
        vec![("name".into(), 3, 121)]
    );
    let signature = "pub(crate) fn long<'a, T>(\n    x: &'a [T; 2],\n) -> Option<()>\nwhere\n    T: Clone,\n{\n    None\n}";
    assert_eq!(functions(signature), vec![("long".into(), 1, 8)]);
}

#[test]
fn braces_in_literals_and_comments_do_not_count() {
    let tricky = [
        r#"    let _ = "}}} \" }";"#,
        r##"    let _ = r#"}"}"#;"##,
        "    let _ = '}'; let _ = '\\''; let _ = b'{';",
        "    // }",
        "    /* } /* nested } */ } */",
        "    let _: &'static str = \"\";",
        "    let _ = b\"}\";",
    ]
    .join("\n");
    let f = function_of(121, &tricky);
    // Every line but the doc comment and the attribute.
    let lines = f.lines().count() - 2;
    assert_eq!(functions(&f), vec![("name".into(), 3, lines)]);
    assert_eq!(functions("fn r#type() {\n}"), vec![("type".into(), 1, 2)]);
}

#[test]
fn nested_functions_and_declarations() {
    let src = "trait T {\n    fn decl(&self);\n    fn with_body(&self) {\n        fn inner() {}\n        let _f: fn(u8) -> u8 = |x| x;\n    }\n}\n";
    assert_eq!(
        functions(src),
        vec![("with_body".into(), 3, 4), ("inner".into(), 4, 1)]
    );
}
