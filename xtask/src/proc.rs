//! Running child processes: plainly, or with their output both shown and captured.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

/// A short description of a command for messages, e.g. `cargo build --release`.
pub fn describe(command: &Command) -> String {
    let program = std::path::Path::new(command.get_program());
    let mut text = match program.file_name() {
        // Show `cargo`, not the toolchain's full path; keep other paths as they are.
        Some(name) if name == "cargo" => "cargo".to_string(),
        _ => program.to_string_lossy().into_owned(),
    };
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited stdio; an error names the command.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs a command and returns its stdout, or `None` if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs a command, copying its stdout and stderr to ours line by line as they come, and returns
/// whether it succeeded along with everything it printed (both streams).
pub fn run_tee(command: &mut Command) -> (bool, String) {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            let message = format!("cannot start `{}`: {e}", describe(command));
            eprintln!("{message}");
            return (false, message);
        }
    };
    let captured = Arc::new(Mutex::new(String::new()));
    let mut readers = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        readers.push(copy_lines(stdout, captured.clone(), false));
    }
    if let Some(stderr) = child.stderr.take() {
        readers.push(copy_lines(stderr, captured.clone(), true));
    }
    for reader in readers {
        let _ = reader.join();
    }
    let ok = child.wait().map(|status| status.success()).unwrap_or(false);
    let text = captured.lock().map(|text| text.clone()).unwrap_or_default();
    (ok, text)
}

fn copy_lines(
    stream: impl Read + Send + 'static,
    captured: Arc<Mutex<String>>,
    to_stderr: bool,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if to_stderr {
                        let _ = std::io::stderr().write_all(&line);
                    } else {
                        let mut out = std::io::stdout().lock();
                        let _ = out.write_all(&line);
                        let _ = out.flush();
                    }
                    if let Ok(mut text) = captured.lock() {
                        text.push_str(&String::from_utf8_lossy(&line));
                    }
                }
            }
        }
    })
}
