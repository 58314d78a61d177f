//! `cargo xtask release`: what a web team deploys, without Rust.
//!
//! Builds `dist/`, then writes `target/release-bundle/srdi-check-VERSION.tar.gz` holding one folder,
//! `srdi-check-VERSION/`:
//! - `site/`: the app, to upload as any folder of a site (`/srdi/`, `/tools/srdi/`, …), with
//!   `embed-VERSION.js`, the loader at a path that never changes meaning (for an SRI hash);
//! - `srdi-check.html`: the single file, to open from disk or serve as one page;
//! - `INSTALL.md`: the server settings (nginx, Apache, IIS), the Content-Security-Policy and
//!   `frame-ancestors` lines, cache headers, the embed line with its `integrity` hash;
//! - `CHANGELOG.md`, with this version's entry and its upgrade notes;
//! - `embedding.md`, the reference for web teams (`docs/embedding.md`);
//! - `SHA256SUMS`: every file above, in `sha256sum -c` form.
//!
//! The version is the app's (`Cargo.toml`); the CHANGELOG must have its entry
//! (`## VERSION — DATE`), or the release stops.

use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::bundle;
use crate::ctx::Ctx;

/// The app's version, from the root `Cargo.toml`'s `[package]`.
pub fn version(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let package = manifest
        .split("\n[")
        .find(|section| section.starts_with("[package]") || section.starts_with("package]"))
        .ok_or("Cargo.toml has no [package]")?;
    package
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| "Cargo.toml's [package] has no version".to_string())
}

/// The CHANGELOG's entry for `version`: its heading line and text up to the next `## `.
pub fn changelog_entry(changelog: &str, version: &str) -> Option<String> {
    let heading = format!("## {version} ");
    let start = changelog.find(&heading)?;
    let rest = &changelog[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    Some(rest[..end].trim_end().to_string())
}

/// `sha384-…` for a `<script integrity>` attribute.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", bundle::base64(&sha2::Sha384::digest(bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A ustar header block for a regular file of `size` bytes at `path` (at most 100 bytes).
fn tar_header(path: &str, size: usize) -> Result<[u8; 512], String> {
    if path.len() > 100 {
        return Err(format!(
            "{path}: a path over 100 bytes does not fit a tar header"
        ));
    }
    let mut h = [0u8; 512];
    h[..path.len()].copy_from_slice(path.as_bytes());
    let octal = |field: &mut [u8], value: u64| {
        let text = format!("{value:0width$o}", width = field.len() - 1);
        field[..text.len()].copy_from_slice(text.as_bytes());
    };
    octal(&mut h[100..108], 0o644);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size as u64);
    // A fixed time: the same files give the same archive.
    octal(&mut h[136..148], 1_764_720_000);
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    Ok(h)
}

/// The files as a gzipped tar, in the order given.
fn tar_gz(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut tar = Vec::new();
    for (path, bytes) in files {
        tar.extend_from_slice(&tar_header(path, bytes.len())?);
        tar.extend_from_slice(bytes);
        tar.resize(tar.len().div_ceil(512) * 512, 0);
    }
    tar.resize(tar.len() + 1024, 0);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&tar).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

/// Fills INSTALL.md's template: `{{VERSION}}`, `{{EMBED}}` (the versioned loader's name) and
/// `{{SRI}}` (its integrity hash).
fn install_text(template: &str, version: &str, embed: &str, sri: &str) -> String {
    template
        .replace("{{VERSION}}", version)
        .replace("{{EMBED}}", embed)
        .replace("{{SRI}}", sri)
}

/// Builds `dist/` and writes the release archive; returns its path.
pub fn release(ctx: &Ctx) -> Result<PathBuf, String> {
    bundle::build(ctx)?;
    archive(ctx)
}

/// Writes the release archive from the `dist/` already built; returns its path.
pub fn archive(ctx: &Ctx) -> Result<PathBuf, String> {
    let version = version(&ctx.root)?;
    let changelog = std::fs::read_to_string(ctx.root.join("CHANGELOG.md"))
        .map_err(|e| format!("cannot read CHANGELOG.md: {e}"))?;
    if changelog_entry(&changelog, &version).is_none() {
        return Err(format!(
            "CHANGELOG.md has no entry for {version} (`## {version} — YYYY-MM-DD`): write it first"
        ));
    }
    let dist = ctx.dist_dir();
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let top = format!("srdi-check-{version}");
    let embed_name = format!("embed-{version}.js");
    let embed = read(&dist.join("embed.js"))?;
    let integrity = sri(&embed);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for path in bundle::files_under(&dist)? {
        let bytes = read(&dist.join(&path))?;
        if path == bundle::SINGLE_FILE {
            files.push((format!("{top}/{path}"), bytes));
        } else {
            files.push((format!("{top}/site/{path}"), bytes));
        }
    }
    files.push((format!("{top}/site/{embed_name}"), embed));
    let template = std::fs::read_to_string(ctx.root.join("docs").join("INSTALL.md"))
        .map_err(|e| format!("cannot read docs/INSTALL.md: {e}"))?;
    files.push((
        format!("{top}/INSTALL.md"),
        install_text(&template, &version, &embed_name, &integrity).into_bytes(),
    ));
    files.push((format!("{top}/CHANGELOG.md"), changelog.into_bytes()));
    files.push((
        format!("{top}/embedding.md"),
        read(&ctx.root.join("docs").join("embedding.md"))?,
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let sums: String = files
        .iter()
        .map(|(path, bytes)| {
            let inside = path.strip_prefix(&format!("{top}/")).unwrap_or(path);
            format!("{}  {inside}\n", hex(&sha2::Sha256::digest(bytes)))
        })
        .collect();
    files.push((format!("{top}/SHA256SUMS"), sums.into_bytes()));
    let out_dir = ctx.target_dir.join("release-bundle");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let out = out_dir.join(format!("{top}.tar.gz"));
    std::fs::write(&out, tar_gz(&files)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("==> {} ({} files)", out.display(), files.len());
    println!(
        "    embed line: <script src=\"https://YOUR-SITE/FOLDER/{embed_name}\" integrity=\"{integrity}\" crossorigin=\"anonymous\" async></script>"
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_app_package_s() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let v = version(&root).unwrap_or_default();
        assert!(
            v.split('.').count() == 3 && v.split('.').all(|p| p.parse::<u32>().is_ok()),
            "{v:?}"
        );
    }

    #[test]
    fn the_changelog_has_an_entry_with_upgrade_notes_for_this_version() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let v = version(&root).unwrap_or_default();
        let text = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap_or_default();
        let entry = changelog_entry(&text, &v).unwrap_or_default();
        assert!(entry.starts_with(&format!("## {v} — 20")), "{entry:.80}");
        assert!(
            entry.contains("### Upgrade notes"),
            "{v} has no upgrade notes"
        );
    }

    #[test]
    fn sri_is_sha384_in_base64() {
        // printf 'alert(1)' | openssl dgst -sha384 -binary | base64
        assert_eq!(
            sri(b"alert(1)"),
            "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW"
        );
    }

    #[test]
    fn tar_headers_carry_their_checksum_and_size() {
        let h = tar_header("a/b.txt", 1234).unwrap_or([0; 512]);
        assert_eq!(&h[..7], b"a/b.txt");
        assert_eq!(&h[124..135], b"00000002322");
        let stored =
            u32::from_str_radix(std::str::from_utf8(&h[148..154]).unwrap_or("0"), 8).unwrap_or(0);
        let mut blank = h;
        blank[148..156].copy_from_slice(b"        ");
        assert_eq!(stored, blank.iter().map(|b| u32::from(*b)).sum::<u32>());
        assert!(tar_header(&"x".repeat(101), 1).is_err());
    }
}

/// The host guide (`docs/embedding.md`) against the code: every URL parameter the app reads,
/// every loader attribute and every province is in it, and its links (and INSTALL.md's) lead
/// to files that ship beside them.
#[cfg(test)]
mod docs {
    use std::path::Path;

    fn read(path: &str) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The quoted strings inside the first `[ … ]` after `marker` and its `=` in `text`.
    fn list_after(text: &str, marker: &str) -> Vec<String> {
        let Some(at) = text.find(marker) else {
            panic!("{marker:?} not found");
        };
        let rest = &text[at..];
        let rest = &rest[rest.find('=').unwrap_or(0)..];
        let open = rest.find('[').unwrap_or(0);
        let close = rest[open..].find(']').map_or(rest.len(), |i| open + i);
        rest[open..close]
            .split(['"', '\''])
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_url_parameter_the_app_reads_has_a_row() {
        let guide = read("docs/embedding.md");
        let known = list_after(&read("src/host.rs"), "const KNOWN");
        assert!(known.len() >= 11, "{known:?}");
        for p in known {
            assert!(guide.contains(&format!("\n| `{p}` |")), "no row for `{p}`");
        }
    }

    #[test]
    fn every_loader_attribute_is_described() {
        let guide = read("docs/embedding.md");
        let loader = read("public/embed.js");
        let mut attributes = list_after(&loader, "var names =");
        for extra in ["title", "scroll"] {
            assert!(
                loader.contains(&format!("'data-{extra}'")),
                "embed.js reads data-{extra}"
            );
            attributes.push(extra.to_string());
        }
        for a in attributes {
            assert!(
                guide.contains(&format!("`data-{a}`")),
                "data-{a} is not described"
            );
        }
    }

    #[test]
    fn every_province_is_listed() {
        let guide = read("docs/embedding.md");
        let provinces = read("src/questions.rs");
        let start = provinces.find("pub const PROVINCES").unwrap_or(0);
        let end = provinces[start..]
            .find("];")
            .map_or(provinces.len(), |i| start + i);
        let names: Vec<&str> = provinces[start..end]
            .split("(\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(names.len(), 31);
        for n in names {
            assert!(guide.contains(n), "{n} is not listed");
        }
    }

    #[test]
    fn links_lead_to_files_that_ship_beside_them() {
        // What the release archive has at its top level, beside INSTALL.md and embedding.md.
        let shipped = ["INSTALL.md", "embedding.md", "CHANGELOG.md", "SHA256SUMS"];
        for doc in ["docs/embedding.md", "docs/INSTALL.md"] {
            let text = read(doc);
            for link in text.split("](").skip(1) {
                let target = link.split(')').next().unwrap_or_default();
                if target.starts_with("https://") || target.starts_with("http://") {
                    continue;
                }
                let file = target.split('#').next().unwrap_or_default();
                assert!(
                    shipped.contains(&file),
                    "{doc}: a link to {target:?}, which does not ship"
                );
                let beside = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../docs")
                    .join(file);
                assert!(
                    file == "CHANGELOG.md" || file == "SHA256SUMS" || beside.is_file(),
                    "{doc}: {target:?} is not beside it in docs/"
                );
            }
        }
    }
}
