//! `--static-dir`: the built app on the API's origin, as a production host serves it (`make
//! preview`): the SPA fallback to `index.html`, the Content-Security-Policy the app must run
//! under (CONTRACT section 9), the precompressed `.br` or `.gz` beside a file when the browser
//! accepts it (brotli first), and caching by name: a year for files whose name carries their
//! content's hash, revalidation on every visit for the rest (`index.html`, `config.json`).

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::api_error::ApiError;

/// CONTRACT section 9, word for word; `connect-src` gains `--api-origin` when given.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The served folder and the policy header sent with each of its files.
#[derive(Clone)]
pub struct StaticSite {
    dir: PathBuf,
    files: ServeDir<ServeFile>,
    csp: HeaderValue,
}

impl StaticSite {
    /// `api_origin` was checked by `Options::validate` (an origin, nothing else).
    pub fn new(dir: &Path, api_origin: Option<&str>) -> StaticSite {
        // mime_guess maps .wasm to application/wasm, which streaming compilation requires.
        let files = ServeDir::new(dir)
            .append_index_html_on_directories(true)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(
                ServeFile::new(dir.join("index.html"))
                    .precompressed_br()
                    .precompressed_gzip(),
            );
        let policy = csp(api_origin);
        let csp = HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
        StaticSite {
            dir: dir.to_path_buf(),
            files,
            csp,
        }
    }
}

/// The policy, with `api_origin` (normalized, without a trailing `/`) added to `connect-src`.
pub fn csp(api_origin: Option<&str>) -> String {
    match api_origin.and_then(|origin| crate::options::parse_origin(origin).ok()) {
        Some(origin) => {
            CONTENT_SECURITY_POLICY.replace("connect-src 'self';", &format!("connect-src 'self' {origin};"))
        }
        None => CONTENT_SECURITY_POLICY.to_string(),
    }
}

/// Whatever no route matched: API-like paths get DRF's JSON 404; app paths get a file or
/// `index.html` when a static dir is served.
pub async fn fallback(site: Option<StaticSite>, request: Request) -> Result<Response, ApiError> {
    let path = request.uri().path();
    let backend_path = ["/api", "/__dev__"]
        .iter()
        .any(|prefix| path == *prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')));
    if backend_path {
        return Err(ApiError::NotFound);
    }
    let Some(site) = site else {
        return Err(ApiError::NotFound);
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(ApiError::MethodNotAllowed(request.method().clone()));
    }
    let cache = cache_control(&site.dir, path);
    let mut response = match site.files.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, site.csp);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The same address answers in three encodings: a shared cache keeps them apart.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

/// A year, never revalidated, for a file served as it is whose name carries its content's
/// hash (a new build has new names); for everything else (`index.html`, `config.json`, a
/// route answered with `index.html`) a check with the server at every use, so that a new
/// deploy or an edited `config.json` is seen at the next visit.
fn cache_control(dir: &Path, path: &str) -> &'static str {
    let relative = path.trim_start_matches('/');
    let name = relative.rsplit('/').next().unwrap_or_default();
    let is_file = !relative.split('/').any(|part| part == "..") && dir.join(relative).is_file();
    if is_file && is_hashed_name(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// trunk's hashed names: `app-6f9ad8ad6056d317.css`, `logout-tracker-d8883596488a77e_bg.wasm`
/// (the hash in hex, without leading zeros).
pub fn is_hashed_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        for hashed in [
            "app-6f9ad8ad6056d317.css",
            "logout-tracker-d8883596488a77e_bg.wasm",
            "logout-tracker-80ee1fcaf89b594b.js",
            "start-df2060714892a858.js",
        ] {
            assert!(is_hashed_name(hashed), "{hashed}");
        }
        for plain in [
            "index.html",
            "config.json",
            "app.css",
            "logout-tracker.js",
            "my-app-v2.js",
            "a-xyz12345678.js",
        ] {
            assert!(!is_hashed_name(plain), "{plain}");
        }
    }

    #[test]
    fn policy_is_the_contracts_and_adds_the_api_origin() {
        assert_eq!(
            csp(None),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'; form-action 'self'"
        );
        assert_eq!(
            csp(Some("https://api.example.com/")),
            csp(None).replace("connect-src 'self';", "connect-src 'self' https://api.example.com;")
        );
        assert_eq!(csp(Some("x; script-src *")), csp(None));
    }
}
