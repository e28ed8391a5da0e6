//! Logout events: anyone may POST one (the client reports best effort, maybe signed out
//! already), at a limited rate per client address and into a capped table; only staff may
//! list them.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, FromRequest, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::api_error::{json_response, ApiError};
use crate::auth::Authenticated;
use crate::db::{EventQuery, NewEvent};
use crate::json_body::JsonBody;
use crate::log_line::iso_millis;
use crate::request_id::RequestId;
use crate::state::SharedState;
use crate::throttle::{source_key, Charge};

/// Newest events returned by one GET.
const LIST_LIMIT: u32 = 500;

pub async fn create(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Result<Response, ApiError> {
    // DRF checks throttles before the view reads the body.
    let charge = Charge {
        key: source_key(peer.ip()),
        limit: state.logout_event_limit,
    };
    let slot = state
        .logout_event_posts
        .acquire(&[charge], Instant::now())
        .map_err(|wait| ApiError::Throttled { wait })?;
    state.logout_event_posts.keep(slot);
    let object = JsonBody::from_request(request, &state).await?.into_object()?;
    let code = match object.get("code") {
        Some(Value::String(code)) if !code.trim().is_empty() => code.clone(),
        _ => {
            return Err(ApiError::BadRequest(
                "\"code\" is required and must be a non-empty string.".into(),
            ))
        }
    };
    // Who it was about, for the `user` filter: MANUAL_LOGOUT carries an email, the
    // middleware's contexts a user id.
    let context = object.get("context").and_then(Value::as_object);
    let email = context
        .and_then(|c| c.get("email").or_else(|| c.get("user_email")))
        .and_then(Value::as_str);
    let user_id = context.and_then(|c| c.get("user_id")).and_then(Value::as_i64);
    // Kept only when well formed, like the header: it is a search key, not free text.
    let request_id = context
        .and_then(|c| c.get("request_id"))
        .and_then(Value::as_str)
        .and_then(RequestId::parse);
    let stored = Value::Object(object.clone()).to_string();
    let event = NewEvent {
        code: &code,
        user_email: email,
        user_id,
        request_id: request_id.as_ref().map(RequestId::as_str),
        body: &stored,
        received_at: &iso_millis(Utc::now()),
    };
    state.db.insert_event(&event, state.logout_events_cap)?;
    Ok(json_response(StatusCode::CREATED, &json!({"success": true})))
}

#[derive(Deserialize)]
pub struct Filter {
    code: Option<String>,
    user: Option<String>,
    request_id: Option<String>,
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
    request_id: Option<String>,
    received_at: String,
}

pub async fn list(
    State(state): State<SharedState>,
    auth: Authenticated,
    filter: Result<Query<Filter>, QueryRejection>,
) -> Result<Response, ApiError> {
    if !auth.user.is_staff {
        return Err(ApiError::PermissionDenied);
    }
    let Query(filter) = filter.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    fn non_empty(value: &Option<String>) -> Option<&str> {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    let query = EventQuery {
        code: non_empty(&filter.code),
        user: non_empty(&filter.user),
        request_id: non_empty(&filter.request_id),
    };
    let events = state.db.events(&query, LIST_LIMIT)?;
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
                request_id: event.request_id,
                received_at: event.received_at,
            }
        })
        .collect();
    Ok(json_response(StatusCode::OK, &list))
}
