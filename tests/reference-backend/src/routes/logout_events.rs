//! Logout events: anyone may POST one (the client reports best effort, maybe signed out
//! already), at a limited rate per client address (an IPv6 /64), at most `BODY_LIMIT` bytes,
//! into a capped table where events nobody can be shown to have sent are marked
//! `attributed: false` and dropped first; only staff may list them.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, FromRequest, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api_error::{json_response, ApiError};
use crate::auth::{cookie_value, identify, Authenticated, SESSION_COOKIE};
use crate::db::User;
use crate::db::{EventQuery, NewEvent};
use crate::event_attribution::{is_attributed, ClaimedUser, Sender};
use crate::json_body::JsonBody;
use crate::log_line::iso_millis;
use crate::log_line::{escape_field_value, prefix};
use crate::mail::{Finder, Notice};
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
    let reporter = match identify(request.headers(), &state)? {
        Some(user) => Some(user),
        None => user_of_recent_end(request.headers(), &state)?,
    };
    let object = JsonBody::from_request(request, &state).await?.into_object()?;
    let code = required_code(&object)?;
    let context = object.get("context").and_then(Value::as_object);
    // Who it was about, for the `user` filter, and whether the request showed it was them.
    let claimed = ClaimedUser::from_context(context);
    let sender = reporter.as_ref().map(|user| Sender {
        user_id: user.id,
        email: &user.email,
    });
    // Kept only when well formed, like the header: it is a search key, not free text.
    let request_id = context
        .and_then(|c| c.get("request_id"))
        .and_then(Value::as_str)
        .and_then(RequestId::parse);
    let stored = Value::Object(object.clone()).to_string();
    let event = NewEvent {
        code: &code,
        user_email: claimed.email,
        user_id: claimed.user_id,
        request_id: request_id.as_ref().map(RequestId::as_str),
        body: &stored,
        received_at: &iso_millis(Utc::now()),
        attributed: is_attributed(&claimed, sender),
    };
    state.db.insert_event(&event, state.logout_events_cap)?;
    if let (true, Some(user)) = (event.attributed, &reporter) {
        let text = |key: &str| object.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        let notice = Notice {
            user_id: user.id,
            to: user.email.clone(),
            code: code.clone(),
            message: text("message"),
            page: text("path"),
            at: Utc::now(),
        };
        if let Some(mail) = state.mailer.notify(notice, Finder::ClientReport) {
            eprintln!(
                "{} {} reported by User={}, Mail={mail}",
                prefix(Utc::now(), "INFO", "auth.logout_events"),
                escape_field_value(&code),
                user.id
            );
        }
    }
    Ok(json_response(StatusCode::CREATED, &json!({"success": true})))
}

/// The user of the session cookie's session when it ended a moment ago (the client revokes
/// a session before it reports why it ended).
fn user_of_recent_end(headers: &HeaderMap, state: &SharedState) -> Result<Option<User>, ApiError> {
    let user_id = cookie_value(headers, SESSION_COOKIE).and_then(|id| state.recent_ends.user_of(&id, Instant::now()));
    match user_id {
        Some(id) => Ok(state.db.user_by_id(id)?),
        None => Ok(None),
    }
}

fn required_code(object: &Map<String, Value>) -> Result<String, ApiError> {
    match object.get("code") {
        Some(Value::String(code)) if !code.trim().is_empty() => Ok(code.clone()),
        _ => Err(ApiError::BadRequest(
            "\"code\" is required and must be a non-empty string.".into(),
        )),
    }
}

#[derive(Deserialize)]
pub struct Filter {
    code: Option<String>,
    user: Option<String>,
    request_id: Option<String>,
    /// `true` or `false`: only events that were (not) sent by the user they name.
    attributed: Option<bool>,
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
    /// Whether the request showed it came from the user the event names.
    attributed: bool,
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
        attributed: filter.attributed,
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
                attributed: event.attributed,
            }
        })
        .collect();
    Ok(json_response(StatusCode::OK, &list))
}
