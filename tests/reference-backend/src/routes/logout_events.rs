//! Logout events: anyone may POST one (the client reports best effort, maybe signed out
//! already); only staff may list them.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::api_error::{json_response, ApiError};
use crate::auth::Authenticated;
use crate::json_body::JsonBody;
use crate::log_line::iso_millis;
use crate::state::SharedState;

/// Newest events returned by one GET.
const LIST_LIMIT: u32 = 500;

pub async fn create(
    State(state): State<SharedState>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let object = body.into_object()?;
    let code = match object.get("code") {
        Some(Value::String(code)) if !code.trim().is_empty() => code.clone(),
        _ => {
            return Err(ApiError::bad_request(
                "\"code\" is required and must be a non-empty string.",
            ))
        }
    };
    // Who it was about, for the `user` filter: MANUAL_LOGOUT carries an email, the
    // middleware's contexts a user id.
    let context = object.get("context").and_then(Value::as_object);
    let email = context
        .and_then(|c| c.get("email").or_else(|| c.get("user_email")))
        .and_then(Value::as_str);
    let user_id = context
        .and_then(|c| c.get("user_id"))
        .and_then(Value::as_i64);
    let stored = Value::Object(object.clone()).to_string();
    state
        .db
        .insert_event(&code, email, user_id, &stored, &iso_millis(Utc::now()))?;
    Ok(json_response(
        StatusCode::CREATED,
        &json!({"success": true}),
    ))
}

#[derive(Deserialize)]
pub struct Filter {
    code: Option<String>,
    user: Option<String>,
}

#[derive(Serialize)]
struct EventJson {
    id: i64,
    code: Value,
    message: Value,
    path: Value,
    source: Value,
    timestamp: Value,
    context: Value,
    received_at: String,
}

pub async fn list(
    State(state): State<SharedState>,
    auth: Authenticated,
    filter: Result<Query<Filter>, QueryRejection>,
) -> Result<Response, ApiError> {
    if !auth.user.is_staff {
        return Err(ApiError::detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        ));
    }
    let Query(filter) = filter.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let non_empty = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let events = state.db.events(
        non_empty(&filter.code).as_deref(),
        non_empty(&filter.user).as_deref(),
        LIST_LIMIT,
    )?;
    let list: Vec<EventJson> = events
        .into_iter()
        .map(|event| {
            let mut body: Value = serde_json::from_str(&event.body).unwrap_or(Value::Null);
            let mut take = |key: &str| body.get_mut(key).map(Value::take).unwrap_or(Value::Null);
            EventJson {
                id: event.id,
                code: take("code"),
                message: take("message"),
                path: take("path"),
                source: take("source"),
                timestamp: take("timestamp"),
                context: take("context"),
                received_at: event.received_at,
            }
        })
        .collect();
    Ok(json_response(StatusCode::OK, &list))
}
