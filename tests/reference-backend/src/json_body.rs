//! Request bodies parsed as DRF's `JSONParser` does: a non-empty body must be sent as
//! `application/json` (any parameters, e.g. `; charset=utf-8`), else 415; DRF-like JSON
//! errors instead of axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde_json::{Map, Value};

use crate::api_error::ApiError;

/// Body size limit for every route (the 64 KiB logout-event limit).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The parsed body; `None` when the body is empty.
pub struct JsonBody(pub Option<Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        // The size limit comes first, like a front server's limit before the app sees the body.
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::BodyTooLarge
            } else {
                ApiError::UnreadableBody {
                    status: rejection.status(),
                    reason: rejection.body_text(),
                }
            }
        })?;
        // An empty body is no data for DRF, whatever its type; anything else needs a parser.
        if !bytes.is_empty() {
            let content_type = content_type.unwrap_or_default();
            if !is_json_media_type(&content_type) {
                return Err(ApiError::UnsupportedMediaType(content_type));
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(None));
        }
        serde_json::from_slice(&bytes)
            .map(|value| JsonBody(Some(value)))
            .map_err(ApiError::MalformedJson)
    }
}

/// `application/json` with any parameters, in any case (DRF compares the lowercased type and
/// ignores parameters the parser does not name).
pub fn is_json_media_type(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or_default();
    media_type.trim().eq_ignore_ascii_case("application/json")
}

impl JsonBody {
    /// The body as a JSON object, or a 400 naming what was expected.
    pub fn into_object(self) -> Result<Map<String, Value>, ApiError> {
        match self.0 {
            Some(Value::Object(map)) => Ok(map),
            Some(other) => Err(ApiError::BadRequest(format!(
                "Expected a JSON object as the request body, got {}.",
                kind_of(&other)
            ))),
            None => Err(ApiError::BadRequest(
                "Expected a JSON object as the request body, got an empty body.".into(),
            )),
        }
    }
}

/// `key` as a string: `Ok(None)` when absent or null, a 400 when another type.
pub fn optional_str<'a>(object: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(ApiError::BadRequest(format!(
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

#[cfg(test)]
mod tests {
    use super::is_json_media_type;

    #[test]
    fn only_application_json_is_json() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
            " application/json ",
        ] {
            assert!(is_json_media_type(ok), "{ok}");
        }
        for bad in [
            "",
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/jsonp",
            "application/x-www-form-urlencoded",
            "application/vnd.api+json",
            "json",
        ] {
            assert!(!is_json_media_type(bad), "{bad}");
        }
    }
}
