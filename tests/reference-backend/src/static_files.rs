//! `--static-dir`: the built app on the API's origin, with the SPA fallback to `index.html`.

use std::path::Path;

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::api_error::ApiError;

pub type StaticService = ServeDir<ServeFile>;

pub fn service(dir: &Path) -> StaticService {
    // mime_guess maps .wasm to application/wasm, which streaming compilation requires.
    ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(dir.join("index.html")))
}

/// Whatever no route matched: API-like paths get DRF's JSON 404; app paths get a file or
/// `index.html` when a static dir is served.
pub async fn fallback(static_service: Option<StaticService>, request: Request) -> Response {
    let path = request.uri().path();
    let backend_path = ["/api", "/__dev__"].iter().any(|prefix| {
        path == *prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    });
    if backend_path {
        return ApiError::detail(StatusCode::NOT_FOUND, "Not found.").into_response();
    }
    let Some(service) = static_service else {
        return ApiError::detail(StatusCode::NOT_FOUND, "Not found.").into_response();
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let message = format!("Method \"{}\" not allowed.", request.method());
        return ApiError::detail(StatusCode::METHOD_NOT_ALLOWED, message).into_response();
    }
    match service.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}
