//! The control API (`POST /__dev__/scenario`): per-user actions that cause each backend
//! logout, and global switches that simulate proxies, short tokens and failures.

use crate::standard_shapes::AuthErrors;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::api_error::{json_response, ApiError};
use crate::db::User;
use crate::demo;
use crate::json_body::{kind_of, optional_str};
use crate::load_users::{load_user_email, MAX_LOAD_USERS};
use crate::state::AppState;
use crate::switches::{FailWith, Switches};
use crate::tokens::now_millis;
use crate::user_json::UserJson;

/// Actions that need `"email"`, a demo user.
pub const USER_ACTIONS: &[&str] = &[
    "session_account_mismatch",
    "session_user_mismatch",
    "deactivate_user",
    "delete_account",
    "suspend_account",
    "cancel_account",
    "delete_plan",
    "deactivate_plan",
    "reset",
];

/// Actions on the whole server.
pub const GLOBAL_ACTIONS: &[&str] = &[
    "access_ttl",
    "revoke_refresh_tokens",
    "strip_authorization",
    "login_without_refresh",
    "skip_account_checks",
    "issue_ended_tokens",
    "rotate_refresh_tokens",
    "session_lifetime",
    "auth_errors",
    "insufficient_scope",
    "fail_with",
    "refresh_delay",
    "answer_delay",
    "config_delay",
    "hostile_logouts",
    "load_users",
    "reset_throttles",
    "reset_all",
];

/// Longest `refresh_delay`, `answer_delay` and `config_delay` accepted: a minute.
const MAX_REFRESH_DELAY_MS: u64 = 60_000;

/// Largest `hostile_logouts` text: 4 MB (a body of twice that).
const MAX_HOSTILE_BYTES: u64 = 4_000_000;

/// Longest token lifetime `access_ttl` accepts: a year.
const MAX_TTL: u64 = 365 * 24 * 60 * 60;

#[derive(Serialize)]
#[serde(untagged)]
pub enum Outcome<'a> {
    User {
        success: bool,
        action: &'a str,
        email: &'a str,
        user: UserJson<'a>,
    },
    Global {
        success: bool,
        action: &'a str,
        switches: Switches,
        #[serde(skip_serializing_if = "Option::is_none")]
        revoked_refresh_tokens: Option<usize>,
        /// `load_users`: how many exist now, and how many this call created.
        #[serde(skip_serializing_if = "Option::is_none")]
        load_users: Option<LoadUsers>,
    },
}

#[derive(Serialize)]
pub struct LoadUsers {
    count: u64,
    created: u64,
    first: String,
    last: String,
}

/// What a global action reports beyond the switches.
#[derive(Default)]
struct GlobalReport {
    revoked_refresh_tokens: Option<usize>,
    load_users: Option<LoadUsers>,
}

/// Validates and applies one action; every mistake is a 400 that names it.
pub fn apply(state: &AppState, request: &Map<String, Value>) -> Result<Response, ApiError> {
    let action = optional_str(request, "action")?
        .ok_or_else(|| ApiError::BadRequest(format!("\"action\" is required: one of {}.", all_actions())))?;
    let outcome = if let Some(&action) = USER_ACTIONS.iter().find(|a| **a == action) {
        let user = apply_to_user(state, action, request)?;
        json_response(
            StatusCode::OK,
            &Outcome::User {
                success: true,
                action,
                email: &user.email,
                user: UserJson::from(&user),
            },
        )
    } else if GLOBAL_ACTIONS.contains(&action) {
        let report = apply_global(state, action, request)?;
        let switches = state.switches().clone();
        json_response(
            StatusCode::OK,
            &Outcome::Global {
                success: true,
                action,
                switches,
                revoked_refresh_tokens: report.revoked_refresh_tokens,
                load_users: report.load_users,
            },
        )
    } else {
        return Err(ApiError::BadRequest(format!(
            "Unknown action \"{action}\": expected one of {}.",
            all_actions()
        )));
    };
    Ok(outcome)
}

fn apply_to_user(state: &AppState, action: &str, request: &Map<String, Value>) -> Result<User, ApiError> {
    let demo_emails = || demo::DEMO_USERS.iter().map(|u| u.email).collect::<Vec<_>>().join(", ");
    let email = optional_str(request, "email")?.ok_or_else(|| {
        ApiError::BadRequest(format!(
            "Action \"{action}\" needs \"email\", one of the demo users: {}.",
            demo_emails()
        ))
    })?;
    let (Some(demo), Some(user)) = (demo::find(email), state.db.user_by_email(email)?) else {
        return Err(ApiError::BadRequest(format!(
            "Unknown demo user \"{email}\": expected one of {}.",
            demo_emails()
        )));
    };
    let no_account = || ApiError::BadRequest(format!("{} has no account (try \"reset\" first).", user.email));
    let no_plan = || ApiError::BadRequest(format!("{} has no plan (try \"reset\" first).", user.email));
    let account = user.account.as_ref();
    let plan = account.and_then(|a| a.plan.as_ref());
    match action {
        "session_account_mismatch" => state.db.set_session_tamper(user.id, true, false)?,
        "session_user_mismatch" => state.db.set_session_tamper(user.id, false, true)?,
        "deactivate_user" => state.db.set_user_active(user.id, false)?,
        "delete_account" => state.db.delete_account(user.id, account.ok_or_else(no_account)?.id)?,
        "suspend_account" => state
            .db
            .set_account_status(account.ok_or_else(no_account)?.id, "suspended")?,
        "cancel_account" => state
            .db
            .set_account_status(account.ok_or_else(no_account)?.id, "cancelled")?,
        "delete_plan" => state
            .db
            .delete_plan(account.ok_or_else(no_account)?.id, plan.ok_or_else(no_plan)?.id)?,
        "deactivate_plan" => state.db.set_plan_active(plan.ok_or_else(no_plan)?.id, false)?,
        _ => demo::reset_user(state, demo).map_err(ApiError::Internal)?,
    }
    state
        .db
        .user_by_id(user.id)?
        .ok_or_else(|| ApiError::Internal("demo user vanished".into()))
}

/// Applies a global action; `revoke_refresh_tokens` and `load_users` report what they did.
fn apply_global(state: &AppState, action: &str, request: &Map<String, Value>) -> Result<GlobalReport, ApiError> {
    match action {
        "access_ttl" => {
            let seconds = required_integer(request, action, "seconds", 0, MAX_TTL)?;
            state.switches().access_ttl = seconds;
        }
        "revoke_refresh_tokens" => {
            return Ok(GlobalReport {
                revoked_refresh_tokens: Some(state.db.revoke_all_refresh(now_millis())?),
                ..GlobalReport::default()
            })
        }
        "load_users" => {
            return Ok(GlobalReport {
                load_users: Some(ensure_load_users(state, action, request)?),
                ..GlobalReport::default()
            })
        }
        "strip_authorization" => state.switches().strip_authorization = enabled(request, action)?,
        "login_without_refresh" => state.switches().login_without_refresh = enabled(request, action)?,
        "skip_account_checks" => state.switches().skip_account_checks = enabled(request, action)?,
        "issue_ended_tokens" => state.switches().issue_ended_tokens = enabled(request, action)?,
        "rotate_refresh_tokens" => state.switches().rotate_refresh_tokens = enabled(request, action)?,
        "insufficient_scope" => state.switches().insufficient_scope = enabled(request, action)?,
        "auth_errors" => {
            let shape = optional_str(request, "shape")?
                .and_then(AuthErrors::from_name)
                .ok_or_else(|| {
                    ApiError::BadRequest(
                        "\"auth_errors\" needs \"shape\": \"seed\", \"rfc6750\" or \"rfc9457\".".into(),
                    )
                })?;
            state.switches().auth_errors = shape;
        }
        "session_lifetime" => {
            let seconds = integer(request, action, "seconds", 0, MAX_TTL)?.ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "\"session_lifetime\" needs \"seconds\", an integer from 0 (the server's own) to {MAX_TTL}."
                ))
            })?;
            state.switches().session_lifetime_s = seconds;
        }
        "fail_with" => {
            let truncated = boolean(request, "truncated")?;
            let html = boolean(request, "html")?;
            let status = integer(request, action, "status", 200, 599)?;
            let status = match (truncated, status) {
                (false, None) => {
                    return Err(ApiError::BadRequest(
                        "\"fail_with\" needs \"status\", an HTTP status from 200 to 599 (or \"truncated\": true)."
                            .into(),
                    ))
                }
                (true, Some(_)) => {
                    return Err(ApiError::BadRequest(
                        "\"truncated\" answers keep their own status: leave out \"status\".".into(),
                    ))
                }
                // The bounds were checked above, so the narrowing cannot truncate.
                (_, status) => status.map(|status| status as u16),
            };
            if truncated && html {
                return Err(ApiError::BadRequest(
                    "\"truncated\" answers keep their own body: leave out \"html\".".into(),
                ));
            }
            let count = integer(request, action, "count", 0, 1_000_000)?.unwrap_or(1);
            let fail = FailWith {
                status,
                html,
                truncated,
                remaining: count,
            };
            state.switches().fail_with = (count > 0).then_some(fail);
        }
        "refresh_delay" => {
            let ms = required_integer(request, action, "ms", 0, MAX_REFRESH_DELAY_MS)?;
            state.switches().refresh_delay_ms = ms;
        }
        "answer_delay" => {
            let ms = required_integer(request, action, "ms", 0, MAX_REFRESH_DELAY_MS)?;
            state.switches().answer_delay_ms = ms;
        }
        "config_delay" => {
            let ms = required_integer(request, action, "ms", 0, MAX_REFRESH_DELAY_MS)?;
            state.switches().config_delay_ms = ms;
        }
        "hostile_logouts" => {
            let bytes = required_integer(request, action, "bytes", 0, MAX_HOSTILE_BYTES)?;
            state.switches().hostile_logout_bytes = bytes;
        }
        "reset_throttles" => state.reset_throttles(),
        _ => {
            for demo in demo::DEMO_USERS {
                demo::reset_user(state, demo).map_err(ApiError::Internal)?;
            }
            *state.switches() = Switches::new(state.default_access_ttl);
            state.stats.reset();
            state.reset_throttles();
        }
    }
    Ok(GlobalReport::default())
}

/// `load_users`: load users 1..=`count` exist afterwards (see `load_users.rs`).
fn ensure_load_users(state: &AppState, action: &str, request: &Map<String, Value>) -> Result<LoadUsers, ApiError> {
    let count = required_integer(request, action, "count", 1, MAX_LOAD_USERS)?;
    // One hash for all of them: dev mode, and the password is public anyway.
    let hash = crate::password::hash(demo::DEMO_PASSWORD, state.password_cost)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let created = state.db.ensure_load_users(count, &hash)?;
    Ok(LoadUsers {
        count,
        created,
        first: load_user_email(1),
        last: load_user_email(count),
    })
}

/// An optional boolean field, false when absent or null.
fn boolean(request: &Map<String, Value>, key: &str) -> Result<bool, ApiError> {
    match request.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(value)) => Ok(*value),
        Some(other) => Err(ApiError::BadRequest(format!(
            "\"{key}\" must be a boolean, got {}.",
            kind_of(other)
        ))),
    }
}

fn enabled(request: &Map<String, Value>, action: &str) -> Result<bool, ApiError> {
    match request.get("enabled") {
        Some(Value::Bool(enabled)) => Ok(*enabled),
        None => Err(ApiError::BadRequest(format!(
            "\"{action}\" needs \"enabled\": true or false."
        ))),
        Some(other) => Err(ApiError::BadRequest(format!(
            "\"enabled\" must be a boolean, got {}.",
            kind_of(other)
        ))),
    }
}

/// An optional integer field within `min..=max`.
/// [`integer`] that must be there.
fn required_integer(
    request: &Map<String, Value>,
    action: &str,
    key: &str,
    min: u64,
    max: u64,
) -> Result<u64, ApiError> {
    integer(request, action, key, min, max)?
        .ok_or_else(|| ApiError::BadRequest(format!("\"{action}\" needs \"{key}\", an integer from {min} to {max}.")))
}

fn integer(request: &Map<String, Value>, action: &str, key: &str, min: u64, max: u64) -> Result<Option<u64>, ApiError> {
    match request.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::BadRequest(format!(
                "\"{key}\" of \"{action}\" must be an integer from {min} to {max}, got {}.",
                value
            ))),
        },
    }
}

fn all_actions() -> String {
    USER_ACTIONS
        .iter()
        .chain(GLOBAL_ACTIONS)
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}
