//! A static server for benchmarks: one built app folder on a loopback port, served the way
//! a production host would (precompressed files: brotli q11 or gzip -9, whichever the
//! browser accepts and the site offers; SPA fallback to `index.html`, a `/config.json` at the
//! root, optionally a Content-Security-Policy header; a year's caching for files whose name
//! carries a hash, an ETag and revalidation for the rest), so that two builds can be
//! measured side by side under the same conditions. Both apps' files are compressed here, the same
//! way: the React peer ships no precompressed copies, and `dist/`'s own are left aside.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;

/// The policy the release build must run under (no inline script).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// One file, as stored and as sent.
pub struct SiteFile {
    pub path: String,
    pub raw: Vec<u8>,
    /// `gzip -9 -n`, what the server sends to a browser that accepts gzip.
    pub gzip: Vec<u8>,
    /// Brotli q11, what a site that offers it sends to a browser that accepts it.
    pub brotli: Vec<u8>,
}

/// What the server offers a browser that accepts both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gzip,
    /// Brotli, else gzip (as nginx's brotli_static and Caddy's `precompressed br gzip`).
    Brotli,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "brotli",
        }
    }
}

pub struct Site {
    files: HashMap<String, SiteFile>,
    /// Whether `/config.json` was added (it is then not one of the folder's files).
    config_added: bool,
    csp: Option<&'static str>,
    offers: Encoding,
}

impl Site {
    /// Every file under `dir` (compressed once, here; the folder's own `.br` and `.gz` are
    /// left aside), plus `config` as `/config.json` when the folder has none.
    pub fn load(dir: &Path, config: &Path, csp: Option<&'static str>, offers: Encoding) -> Site {
        let mut files = HashMap::new();
        for path in files_under(dir) {
            let precompressed = path.extension().is_some_and(|ext| ext == "br" || ext == "gz");
            if precompressed {
                continue;
            }
            let name = format!("/{}", path.strip_prefix(dir).unwrap().display());
            files.insert(name.clone(), site_file(name, &path));
        }
        let config_added = !files.contains_key("/config.json");
        if config_added {
            files.insert(
                "/config.json".to_string(),
                site_file("/config.json".to_string(), config),
            );
        }
        Site {
            files,
            config_added,
            csp,
            offers,
        }
    }

    /// The folder's own files (not the added `/config.json`), by path.
    pub fn files(&self) -> Vec<&SiteFile> {
        let mut files: Vec<&SiteFile> = self
            .files
            .values()
            .filter(|file| !(self.config_added && file.path == "/config.json"))
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// Serves until the process ends; returns the address.
    pub async fn serve(self) -> SocketAddr {
        let site = Arc::new(self);
        let app = Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
            let site = site.clone();
            async move { site.respond(uri.path(), &headers) }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("the static server runs") });
        addr
    }

    fn respond(&self, path: &str, headers: &HeaderMap) -> Response {
        // SPA fallback: a path without a file extension is a route of the app.
        let file = match self.files.get(path) {
            Some(file) => file,
            None if !path.rsplit('/').next().unwrap_or("").contains('.') => &self.files["/index.html"],
            None => return StatusCode::NOT_FOUND.into_response(),
        };
        let accepted = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let accepts = |name: &str| {
            accepted
                .split(',')
                .any(|part| part.split(';').next().unwrap_or("").trim() == name)
        };
        let (body, encoding) = if self.offers == Encoding::Brotli && accepts("br") {
            (file.brotli.clone(), Some("br"))
        } else if accepts("gzip") {
            (file.gzip.clone(), Some("gzip"))
        } else {
            (file.raw.clone(), None)
        };
        let etag = format!("\"{:016x}\"", fnv1a(&file.raw));
        let unchanged = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
        let mut response = if unchanged {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            body.into_response()
        };
        let out = response.headers_mut();
        out.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&file.path)));
        out.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(&file.path)),
        );
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            out.insert(header::ETAG, etag);
        }
        out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(encoding) = encoding {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        if let Some(csp) = self.csp {
            out.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
        }
        response
    }
}

/// As a host caches them: a year for a name that carries its content's hash (trunk's
/// `name-<hex>.js`, `name-<hex>_bg.wasm`; Vite's `index-<8 characters>.js`), revalidated
/// at every use for the rest (`index.html`, `config.json`).
fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_alphanumeric()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// FNV-1a, for the ETag: the same bytes, the same tag.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn site_file(path: String, on_disk: &Path) -> SiteFile {
    let raw = std::fs::read(on_disk).unwrap_or_else(|e| panic!("cannot read {}: {e}", on_disk.display()));
    SiteFile {
        gzip: gzip9(&raw),
        brotli: brotli11(&raw),
        path,
        raw,
    }
}

/// `gzip -9 -n`, the same tool and level as `scripts/size.sh`.
pub fn gzip9(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip runs");
    let mut stdin = child.stdin.take().expect("gzip's stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("gzip's output");
    writer.join().expect("the writer thread").expect("gzip reads its input");
    assert!(output.status.success(), "gzip failed");
    output.stdout
}

/// Brotli at its highest quality (11), window 22: what `brotli -q 11` gives.
pub fn brotli11(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("brotli compresses");
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}
