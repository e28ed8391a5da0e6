//! `--static-dir`: the built app on the API's origin, with the SPA fallback to `index.html`
//! and the Content-Security-Policy the app must run under (CONTRACT section 9).

use std::path::Path;

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
    files: ServeDir<ServeFile>,
    csp: HeaderValue,
}

impl StaticSite {
    /// `api_origin` was checked by `Options::validate` (an origin, nothing else).
    pub fn new(dir: &Path, api_origin: Option<&str>) -> StaticSite {
        // mime_guess maps .wasm to application/wasm, which streaming compilation requires.
        let files = ServeDir::new(dir)
            .append_index_html_on_directories(true)
            .fallback(ServeFile::new(dir.join("index.html")));
        let policy = csp(api_origin);
        let csp = HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
        StaticSite { files, csp }
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
    let mut response = match site.files.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, site.csp);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

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
