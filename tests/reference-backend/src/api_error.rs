//! JSON error responses. Every 4xx this server sends has a JSON body with `detail` (or the
//! seed's `error` shape), never an empty or HTML body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

/// A ready-made error response; handlers return it with `?`. Boxed to keep `Result`s small.
#[derive(Debug)]
pub struct ApiError(Box<Response>);

impl From<Response> for ApiError {
    fn from(response: Response) -> Self {
        ApiError(Box::new(response))
    }
}

impl ApiError {
    /// `{"detail": message}` with `status`.
    pub fn detail(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError::from(json_response(status, &json!({ "detail": message.into() })))
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::detail(StatusCode::BAD_REQUEST, message)
    }

    /// DRF's `Throttled`: 429 with `Retry-After` in whole seconds.
    pub fn throttled(wait: std::time::Duration) -> Self {
        let seconds = crate::throttle::wait_seconds(wait);
        let mut response = json_response(
            StatusCode::TOO_MANY_REQUESTS,
            &json!({ "detail": crate::throttle::throttled_detail(seconds) }),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        ApiError::from(response)
    }

    /// DRF's `UnsupportedMediaType`, naming the request's whole `Content-Type`.
    pub fn unsupported_media_type(content_type: &str) -> Self {
        Self::detail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Unsupported media type \"{content_type}\" in request."),
        )
    }

    pub fn internal(what: &str) -> Self {
        // The cause goes to stderr; the client only learns that the server failed.
        eprintln!("reference-backend: internal error: {what}");
        Self::detail(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error.")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        *self.0
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::internal(&format!("database: {err}"))
    }
}

/// simplejwt's `{"detail", "code"}` body, in that key order (`json!` would sort the keys).
#[derive(Serialize)]
pub struct DetailCode<'a> {
    pub detail: &'a str,
    pub code: &'a str,
}

/// Serializes `body` as the JSON response body (struct field order is kept).
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut response = (status, bytes).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(err) => {
            eprintln!("reference-backend: internal error: serializing a response: {err}");
            let body = r#"{"detail":"Internal server error."}"#;
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        }
    }
}

/// DRF's 405 body; axum's default 405 has no body.
pub async fn method_not_allowed(method: axum::http::Method) -> ApiError {
    ApiError::detail(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method \"{method}\" not allowed."),
    )
}
