//! Request bodies read as JSON regardless of Content-Type (a `keepalive` beacon may send
//! text/plain), with DRF-like JSON errors instead of axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::api_error::ApiError;

/// Body size limit for every route (the 64 KiB logout-event limit).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The parsed body; `None` when the body is empty.
pub struct JsonBody(pub Option<Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::detail(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!("Request body is too large: the limit is {BODY_LIMIT} bytes."),
                    )
                } else {
                    ApiError::detail(rejection.status(), rejection.body_text())
                }
            })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(None));
        }
        serde_json::from_slice(&bytes)
            .map(|value| JsonBody(Some(value)))
            .map_err(|err| ApiError::bad_request(format!("JSON parse error - {err}")))
    }
}

impl JsonBody {
    /// The body as a JSON object, or a 400 naming what was expected.
    pub fn into_object(self) -> Result<Map<String, Value>, ApiError> {
        match self.0 {
            Some(Value::Object(map)) => Ok(map),
            Some(other) => Err(ApiError::bad_request(format!(
                "Expected a JSON object as the request body, got {}.",
                kind_of(&other)
            ))),
            None => Err(ApiError::bad_request(
                "Expected a JSON object as the request body, got an empty body.",
            )),
        }
    }
}

/// `key` as a string: `Ok(None)` when absent or null, a 400 when another type.
pub fn optional_str<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(ApiError::bad_request(format!(
            "\"{key}\" must be a string, got {}.",
            kind_of(other)
        ))),
    }
}

/// "a number", "an array", ... for error messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
