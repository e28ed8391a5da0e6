//! Answers in the standard shapes other backends use (CONTRACT 11.5; dev switches), so that
//! the client's reading of them is tested against a real server:
//! - `auth_errors: "rfc6750"`: a refused token's 401 is an OAuth resource server's,
//!   `WWW-Authenticate: Bearer error="invalid_token", error_description="…"` and no body;
//! - `auth_errors: "rfc9457"`: every 401 and 403 body is `application/problem+json`
//!   (`type`, `title`, `status`, `detail`, `instance`); a logout keeps its `logout_reason`
//!   and `logout_context`, its message in `detail`;
//! - `insufficient_scope`: the content list answers 403 with `WWW-Authenticate: Bearer
//!   error="insufficient_scope"` (a good token that may not read it).

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::paths;
use crate::state::SharedState;

/// Largest error body read to reshape (the hostile logout bodies reach 8 MB).
const MAX_BODY: usize = 16 * 1024 * 1024;
const PROBLEM_TYPES: &str = "https://logout-tracker.example/problems/";

/// How 401 and 403 answers are shaped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthErrors {
    /// simplejwt's and the seed middleware's JSON bodies.
    #[default]
    Seed,
    Rfc6750,
    Rfc9457,
}

impl AuthErrors {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "seed" => Some(Self::Seed),
            "rfc6750" => Some(Self::Rfc6750),
            "rfc9457" => Some(Self::Rfc9457),
            _ => None,
        }
    }
}

pub async fn reshape(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    let (shape, scope) = {
        let switches = state.switches();
        (switches.auth_errors, switches.insufficient_scope)
    };
    let response = next.run(request).await;
    let status = response.status();
    if scope && path == paths::CONTENT && status.is_success() {
        return insufficient_scope();
    }
    if shape == AuthErrors::Seed || !matches!(status.as_u16(), 401 | 403) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let said: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let text = |key: &str| said.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    match shape {
        AuthErrors::Rfc6750 if status == StatusCode::UNAUTHORIZED && text("code") == "token_not_valid" => {
            let challenge = format!(
                "Bearer error=\"invalid_token\", error_description=\"{}\"",
                text("detail").replace(['"', '\\'], "'")
            );
            let mut response = Response::new(Body::empty());
            *response.status_mut() = status;
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
            }
            response
        }
        AuthErrors::Rfc9457 => {
            let problem = problem_of(&said, status, &path);
            parts.headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            );
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(problem.to_string()))
        }
        _ => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The problem details of a 401 or 403 the seed's way would have answered with `said`.
fn problem_of(said: &Value, status: StatusCode, path: &str) -> Value {
    let text = |key: &str| said.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut problem = Map::new();
    if let Some(reason) = text("logout_reason") {
        problem.insert("type".into(), json!(format!("{PROBLEM_TYPES}logout")));
        problem.insert(
            "title".into(),
            json!(text("error").unwrap_or_else(|| "Signed out".into())),
        );
        problem.insert("detail".into(), json!(text("logout_message")));
        problem.insert("logout_reason".into(), json!(reason));
        for key in ["logout_context", "logout_path"] {
            if let Some(value) = said.get(key) {
                problem.insert(key.into(), value.clone());
            }
        }
    } else {
        let kind = text("code").unwrap_or_else(|| "not_authenticated".into());
        let title = if status == StatusCode::FORBIDDEN {
            "Permission denied"
        } else {
            "Authentication failed"
        };
        problem.insert("type".into(), json!(format!("{PROBLEM_TYPES}{kind}")));
        problem.insert("title".into(), json!(title));
        problem.insert("detail".into(), json!(text("detail").or_else(|| text("error"))));
    }
    problem.insert("status".into(), json!(status.as_u16()));
    problem.insert("instance".into(), json!(path));
    Value::Object(problem)
}

fn insufficient_scope() -> Response {
    let body = json!({"detail": "You do not have permission to perform this action."});
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = StatusCode::FORBIDDEN;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"insufficient_scope\", scope=\"content:read\""),
    );
    response
}
