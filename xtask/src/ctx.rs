//! Where things are: the repository, cargo's target directory, the tools directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The app's package and binary name (the root crate).
pub const APP: &str = "srdi-check";

pub struct Ctx {
    /// The repository root (the workspace root).
    pub root: PathBuf,
    /// Cargo's target directory (`CARGO_TARGET_DIR` or `<root>/target`).
    pub target_dir: PathBuf,
    /// Where installed tools live; binaries go to `<tools>/bin`.
    pub tools_dir: PathBuf,
    /// `PATH` for child processes: `<tools>/bin` first.
    path: OsString,
}

impl Ctx {
    pub fn from_env() -> Result<Self, String> {
        // xtask lives in `<root>/xtask`.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("xtask is not inside the repository")?
            .to_path_buf();
        let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => {
                let dir = PathBuf::from(dir);
                if dir.is_absolute() {
                    dir
                } else {
                    root.join(dir)
                }
            }
            _ => root.join("target"),
        };
        let tools_dir = match std::env::var_os("SRDI_TOOLS_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => match std::env::var_os("HOME") {
                Some(home) if !home.is_empty() => PathBuf::from(home)
                    .join(".cache")
                    .join("srdi-check")
                    .join("tools"),
                _ => {
                    return Err("HOME is not set: set SRDI_TOOLS_DIR to a folder for the \
                                project's tools (kept between runs)"
                        .into());
                }
            },
        };
        let mut paths = vec![tools_dir.join("bin")];
        if let Some(path) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&path));
        }
        let path = std::env::join_paths(paths)
            .map_err(|e| format!("cannot build PATH with {}: {e}", tools_dir.display()))?;
        Ok(Self {
            root,
            target_dir,
            tools_dir,
            path,
        })
    }

    /// A command that runs in the repository root with the tools first on `PATH`.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// `cargo`, the same one that runs xtask.
    pub fn cargo(&self) -> Command {
        self.command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    pub fn e2e_dir(&self) -> PathBuf {
        self.root.join("tests").join("e2e")
    }

    pub fn wasm_opt(&self) -> PathBuf {
        self.e2e_dir()
            .join("node_modules")
            .join(".bin")
            .join("wasm-opt")
    }

    /// terser, from npm like wasm-opt: minifies wasm-bindgen's JS glue.
    pub fn terser(&self) -> PathBuf {
        self.e2e_dir()
            .join("node_modules")
            .join(".bin")
            .join("terser")
    }

    pub fn tool_bin(&self, name: &str) -> PathBuf {
        self.tools_dir.join("bin").join(name)
    }
}
