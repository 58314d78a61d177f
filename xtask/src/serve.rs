//! A small static file server for `dist/` (used by `cargo xtask serve` and the e2e tests).
//!
//! - GET and HEAD only; one thread per connection; `Connection: close` after each response.
//! - Paths are percent-decoded safely; `.`/`..` segments, backslashes and NUL are refused (400),
//!   and a resolved file must stay inside the served folder.
//! - A missing path with a file extension is a 404; a missing path without one gets
//!   `index.html` (the single-page app's deep links, e.g. `/rules`, reload fine).
//! - Every response says `Cache-Control: no-cache` and `X-Content-Type-Options: nosniff`.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// The largest request head accepted.
const MAX_HEAD: usize = 16 * 1024;

/// Starts a server on 127.0.0.1 at a free port in a background thread; returns its address.
pub fn spawn(root: PathBuf) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let addr = listener.local_addr()?;
    thread::spawn(move || serve_forever(listener, root, false));
    Ok(addr)
}

/// Accepts connections until the process ends, one thread each.
pub fn serve_forever(listener: TcpListener, root: PathBuf, log: bool) {
    let root = root.canonicalize().unwrap_or(root);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        thread::spawn(move || {
            let _ = handle(stream, &root, log);
        });
    }
}

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Serve this file.
    File(PathBuf),
    /// Serve `index.html` for a path the single-page app may route (no file extension).
    AppFallback(PathBuf),
    NotFound,
    BadRequest,
}

/// Maps a request target (`/rules?x#y`) to a file under `root` (already canonical).
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Resolved::BadRequest;
    }
    // Hidden files (`.git`, `.env`, ...) are never served.
    if segments.iter().any(|s| s.starts_with('.')) {
        return Resolved::NotFound;
    }
    let mut file = root.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() {
        // Symbolic links must not lead out of the served folder.
        return match file.canonicalize() {
            Ok(real) if real.starts_with(root) => Resolved::File(real),
            _ => Resolved::NotFound,
        };
    }
    let has_extension = segments.last().is_some_and(|last| last.contains('.'));
    let index = root.join("index.html");
    if has_extension || !index.is_file() {
        Resolved::NotFound
    } else {
        Resolved::AppFallback(index)
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    Some(out)
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn read_head(stream: &mut TcpStream) -> io::Result<Option<String>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(String::from_utf8(head).ok())
}

fn handle(mut stream: TcpStream, root: &Path, log: bool) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let Some(head) = read_head(&mut stream)? else {
        return respond_text(&mut stream, 400, "Bad Request", false);
    };
    let mut parts = head.lines().next().unwrap_or("").split(' ');
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    let (Some(method), Some(target), Some(version)) = (method, target, version) else {
        return respond_text(&mut stream, 400, "Bad Request", false);
    };
    if !version.starts_with("HTTP/1.") {
        return respond_text(&mut stream, 400, "Bad Request", false);
    }
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "Method Not Allowed",
            "text/plain; charset=utf-8",
            b"405 Method Not Allowed\n",
            &[("Allow", "GET, HEAD")],
            false,
        );
    }
    let resolved = resolve(root, target);
    if log {
        let note = match &resolved {
            Resolved::File(_) => "200",
            Resolved::AppFallback(_) => "200 (index.html: app route)",
            Resolved::NotFound => "404",
            Resolved::BadRequest => "400",
        };
        println!("{method} {target} -> {note}");
    }
    match resolved {
        Resolved::File(path) | Resolved::AppFallback(path) => match std::fs::read(&path) {
            Ok(body) => respond(
                &mut stream,
                200,
                "OK",
                content_type(&path),
                &body,
                &[],
                head_only,
            ),
            Err(_) => respond_text(&mut stream, 404, "Not Found", head_only),
        },
        Resolved::NotFound => respond_text(&mut stream, 404, "Not Found", head_only),
        Resolved::BadRequest => respond_text(&mut stream, 400, "Bad Request", head_only),
    }
}

fn respond_text(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    head_only: bool,
) -> io::Result<()> {
    let body = format!("{code} {reason}\n");
    respond(
        stream,
        code,
        reason,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        &[],
        head_only,
    )
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Connection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NEXT: AtomicUsize = AtomicUsize::new(0);

    /// A temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A served folder with an index, a wasm file and a secret beside it (outside the root).
    fn fixture() -> (TempDir, SocketAddr) {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let base = std::env::temp_dir().join(format!("srdi-serve-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("dist");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        std::fs::write(root.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(root.join("sub").join("a b.js"), "export {};").unwrap();
        std::fs::write(base.join("secret.txt"), "secret").unwrap();
        let addr = spawn(root.clone()).unwrap();
        (TempDir(base), addr)
    }

    struct Reply {
        status: u16,
        head: String,
        body: Vec<u8>,
    }

    impl Reply {
        fn header(&self, name: &str) -> Option<&str> {
            self.head.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name).then(|| value.trim())
            })
        }
    }

    fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(stream, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply {
            status,
            head,
            body: raw[split + 4..].to_vec(),
        }
    }

    #[test]
    fn serves_files_with_their_content_type() {
        let (_base, addr) = fixture();
        let wasm = request(addr, "GET", "/app_bg.wasm");
        assert_eq!(wasm.status, 200);
        assert_eq!(wasm.header("content-type"), Some("application/wasm"));
        assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
        assert_eq!(wasm.header("cache-control"), Some("no-cache"));
        assert_eq!(wasm.header("x-content-type-options"), Some("nosniff"));

        let index = request(addr, "GET", "/");
        assert_eq!(index.status, 200);
        assert_eq!(
            index.header("content-type"),
            Some("text/html; charset=utf-8")
        );

        let js = request(addr, "GET", "/sub/a%20b.js?v=1");
        assert_eq!(js.status, 200);
        assert_eq!(
            js.header("content-type"),
            Some("text/javascript; charset=utf-8")
        );
    }

    #[test]
    fn deep_links_get_the_app_and_missing_files_get_404() {
        let (_base, addr) = fixture();
        for deep_link in ["/rules", "/rules/", "/a/b/c", "/%E8%A7%84%E5%88%99"] {
            let reply = request(addr, "GET", deep_link);
            assert_eq!(reply.status, 200, "{deep_link}");
            assert_eq!(
                reply.body, b"<!doctype html><title>t</title>",
                "{deep_link}"
            );
        }
        assert_eq!(request(addr, "GET", "/missing.js").status, 404);
        assert_eq!(request(addr, "GET", "/favicon.ico").status, 404);
        assert_eq!(request(addr, "GET", "/.hidden").status, 404);
    }

    #[test]
    fn refuses_path_traversal() {
        let (base, addr) = fixture();
        assert!(base.0.join("secret.txt").is_file());
        for attack in [
            "/../secret.txt",
            "/sub/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%5csecret.txt",
            "/%00",
            "/%zz",
            "/%E8",
            "secret.txt",
        ] {
            let reply = request(addr, "GET", attack);
            assert_eq!(reply.status, 400, "{attack}");
            assert!(
                !String::from_utf8_lossy(&reply.body).contains("secret\n"),
                "{attack}"
            );
        }
    }

    #[test]
    fn head_and_other_methods() {
        let (_base, addr) = fixture();
        let head = request(addr, "HEAD", "/app_bg.wasm");
        assert_eq!(head.status, 200);
        assert_eq!(head.header("content-length"), Some("8"));
        assert!(head.body.is_empty());
        let post = request(addr, "POST", "/");
        assert_eq!(post.status, 405);
        assert_eq!(post.header("allow"), Some("GET, HEAD"));
    }
}
