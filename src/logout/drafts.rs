//! Every logout draft the client raises, built here and only here: one function per code
//! (or family of codes), each deciding exactly which facts its context holds. Pure.

use serde_json::{json, Map, Value};

use super::backend_body::BackendBody;
use super::code::{LogoutCode, LogoutSource};
use super::reason::LogoutDraft;

/// What the stale-token response said, kept for the context of a refresh that fails.
#[derive(Clone, Debug, PartialEq)]
pub struct StaleAccess {
    pub endpoint: String,
    pub status: u16,
    pub detail: Option<String>,
    pub code: Option<String>,
    /// The stale request carried an access token.
    pub sent_with_token: bool,
    /// Nothing was refused: the token was renewed before a request went out (CONTRACT 11.1).
    pub renewed_early: bool,
    /// What the refusal said in a standard shape (CONTRACT 11.5): `www_authenticate` (RFC
    /// 6750's `error` and `error_description`) and `problem` (RFC 9457), for the context.
    pub described: Map<String, Value>,
}

impl StaleAccess {
    /// No stale answer: the access token is renewed before a request goes out, because it
    /// is about to end or ended while the tab slept. `endpoint`: the request waiting, if any.
    pub fn renewing_early(endpoint: &str) -> Self {
        Self {
            endpoint: endpoint.to_owned(),
            status: 0,
            detail: None,
            code: None,
            sent_with_token: false,
            renewed_early: true,
            described: Map::new(),
        }
    }
}

/// The middleware ended the session (its `logout_reason` is the code, kept even when
/// unknown): its context, plus the request that met it.
pub fn backend_middleware(code: &str, body: &BackendBody, endpoint: &str, status: u16) -> LogoutDraft {
    let code = LogoutCode::from(code);
    // RFC 9457 bodies (CONTRACT 11.5) say it in `detail`, else `title`.
    let message = body
        .logout_message
        .clone()
        .or_else(|| body.error.clone())
        .or_else(|| body.detail.clone())
        .or_else(|| body.title.clone())
        .or_else(|| code.message().map(str::to_owned))
        .unwrap_or_else(|| code.as_str().to_owned());
    let mut context = body.logout_context.clone().unwrap_or_default();
    context.insert("endpoint".into(), json!(endpoint));
    context.insert("status".into(), json!(status));
    if let Some(path) = &body.logout_path {
        context.insert("backend_path".into(), json!(path));
    }
    LogoutDraft {
        code,
        message,
        source: LogoutSource::BackendMiddleware,
        context,
    }
}

/// AUTH_CREDENTIALS_MISSING: the backend saw no credentials.
pub fn credentials_missing(body: &BackendBody, endpoint: &str, status: u16, sent_with_token: bool) -> LogoutDraft {
    let context = context_of([
        ("error", json!(body.detail)),
        ("endpoint", json!(endpoint)),
        ("status", json!(status)),
        ("hasToken", json!(sent_with_token)),
    ]);
    LogoutDraft::new(LogoutCode::AuthCredentialsMissing, context)
}

/// USER_INACTIVE: simplejwt's `user_inactive`.
pub fn user_inactive(body: &BackendBody, endpoint: &str, status: u16) -> LogoutDraft {
    LogoutDraft::new(LogoutCode::UserInactive, error_context(body, endpoint, status))
}

/// TOKEN_REFRESH_FAILED for a retry that was refused again after a successful refresh.
pub fn retry_rejected(body: &BackendBody, endpoint: &str, status: u16) -> LogoutDraft {
    let mut context = error_context(body, endpoint, status);
    context.insert("retry_rejected".into(), json!(true));
    LogoutDraft::new(LogoutCode::TokenRefreshFailed, context)
}

/// NO_REFRESH_TOKEN: a stale access token and nothing to renew it with.
pub fn no_refresh_token(stale: &StaleAccess) -> LogoutDraft {
    let context = context_of([
        ("error", json!(stale.detail)),
        ("endpoint", json!(stale.endpoint)),
        ("status", json!(stale.status)),
        ("hasToken", json!(stale.sent_with_token)),
    ]);
    LogoutDraft::new(LogoutCode::NoRefreshToken, with_described(context, stale))
}

/// TOKEN_REFRESH_FAILED: the refresh was refused; the context keeps the original request.
pub fn refresh_failed(stale: &StaleAccess, refresh_status: u16, refresh_body: &BackendBody) -> LogoutDraft {
    let refresh_error = json!(refresh_body.detail.clone().or_else(|| refresh_body.error.clone()));
    if stale.renewed_early {
        let mut context = early_context(stale);
        context.insert("refresh_status".into(), json!(refresh_status));
        context.insert("refresh_error".into(), refresh_error);
        return LogoutDraft::new(LogoutCode::TokenRefreshFailed, with_described(context, stale));
    }
    let context = context_of([
        ("endpoint", json!(stale.endpoint)),
        ("status", json!(stale.status)),
        ("error", json!(stale.detail)),
        ("error_code", json!(stale.code)),
        ("refresh_status", json!(refresh_status)),
        ("refresh_error", refresh_error),
    ]);
    LogoutDraft::new(LogoutCode::TokenRefreshFailed, with_described(context, stale))
}

/// TOKEN_REFRESH_FAILED for a renew loop (CONTRACT 11.1): the backend kept handing out
/// tokens that were already ended, and a fourth refresh within 30 s was not sent.
/// `clock_offset_ms`: the server's time minus the browser's (`null` before a `Date` was read).
pub fn renew_loop(stale: &StaleAccess, clock_offset_ms: Option<i64>) -> LogoutDraft {
    let mut context = if stale.renewed_early {
        early_context(stale)
    } else {
        context_of([("endpoint", json!(stale.endpoint)), ("status", json!(stale.status))])
    };
    context.insert("renew_loop".into(), json!(true));
    context.insert("clock_offset_ms".into(), json!(clock_offset_ms));
    LogoutDraft::new(LogoutCode::TokenRefreshFailed, context)
}

/// The context, with what the refusal said in a standard shape.
fn with_described(mut context: Map<String, Value>, stale: &StaleAccess) -> Map<String, Value> {
    context.extend(stale.described.clone());
    context
}

/// The context of a refresh made before sending: the request that waited (if any).
fn early_context(stale: &StaleAccess) -> Map<String, Value> {
    let mut context = Map::new();
    if !stale.endpoint.is_empty() {
        context.insert("endpoint".into(), json!(stale.endpoint));
    }
    context.insert("renewed_early".into(), json!(true));
    context
}

/// Adds how long the tab slept before the session was found over (CONTRACT 11.1).
pub fn with_slept_s(mut draft: LogoutDraft, slept_s: Option<i64>) -> LogoutDraft {
    if let Some(seconds) = slept_s {
        draft.context.insert("slept_s".into(), json!(seconds));
    }
    draft
}

/// MANUAL_LOGOUT: who signed out, captured before anything is cleared.
pub fn manual_logout(email: &str, has_token: bool) -> LogoutDraft {
    let context = context_of([("email", json!(email)), ("hasToken", json!(has_token))]);
    LogoutDraft::new(LogoutCode::ManualLogout, context)
}

/// ACCOUNT_REQUIRED (no account) or PLAN_REQUIRED (an account without plan), found by the
/// client's own check of `me`.
pub fn missing_account_or_plan(user_id: i64, email: &str, account_id: Option<i64>) -> LogoutDraft {
    let code = if account_id.is_some() {
        LogoutCode::PlanRequired
    } else {
        LogoutCode::AccountRequired
    };
    let context = context_of([
        ("user_id", json!(user_id)),
        ("account_id", json!(account_id)),
        ("email", json!(email)),
    ]);
    LogoutDraft::new(code, context)
}

/// IDLE_TIMEOUT (CONTRACT 11.2): no activity in any tab for `idle_timeout_s`; the last
/// activity an ISO 8601 UTC timestamp.
pub fn idle_timeout(idle_timeout_s: u32, last_activity: &str) -> LogoutDraft {
    let context = context_of([
        ("idle_timeout_s", json!(idle_timeout_s)),
        ("last_activity", json!(last_activity)),
    ]);
    LogoutDraft {
        message: idle_message(idle_timeout_s),
        ..LogoutDraft::new(LogoutCode::IdleTimeout, context)
    }
}

/// `Signed out after N minutes without activity`, N the configured minutes rounded up
/// (`1 minute` when N is 1).
fn idle_message(idle_timeout_s: u32) -> String {
    let minutes = idle_timeout_s.div_ceil(60);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Signed out after {minutes} {unit} without activity")
}

/// SESSION_LIFETIME_ENDED (CONTRACT 11.2): the refresh token's end came, and no refresh
/// could move it; `expired_at` an ISO 8601 UTC timestamp with milliseconds.
pub fn session_lifetime_ended(expired_at: &str) -> LogoutDraft {
    LogoutDraft::new(
        LogoutCode::SessionLifetimeEnded,
        context_of([("expired_at", json!(expired_at))]),
    )
}

/// Adds the id of the request whose response raised the logout (CONTRACT section 10), so
/// that support can find the backend's log line for it.
pub fn with_request_id(mut draft: LogoutDraft, request_id: Option<&str>) -> LogoutDraft {
    if let Some(id) = request_id {
        draft.context.insert("request_id".into(), json!(id));
    }
    draft
}

fn error_context(body: &BackendBody, endpoint: &str, status: u16) -> Map<String, Value> {
    context_of([
        ("error", json!(body.detail.clone().or_else(|| body.error.clone()))),
        ("endpoint", json!(endpoint)),
        ("status", json!(status)),
    ])
}

fn context_of<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    // Inserted one by one rather than `collect()`ed: collecting into a map sorts, and each
    // sort costs kilobytes of wasm.
    let mut context = Map::new();
    for (key, value) in entries {
        context.insert(key.to_owned(), value);
    }
    context
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_logout_holds_the_email_and_whether_a_token_was_held() {
        let draft = manual_logout("a@b.c", true);
        assert_eq!(draft.code, LogoutCode::ManualLogout);
        assert_eq!(draft.source, LogoutSource::ManualUserAction);
        assert_eq!(
            Value::Object(draft.context),
            json!({"email": "a@b.c", "hasToken": true})
        );
    }

    #[test]
    fn no_refresh_token_always_says_whether_a_token_was_sent() {
        let stale = StaleAccess {
            endpoint: "/api/v1/content/".into(),
            status: 401,
            detail: Some("Given token not valid for any token type".into()),
            code: Some("token_not_valid".into()),
            sent_with_token: true,
            renewed_early: false,
            described: Map::new(),
        };
        let draft = no_refresh_token(&stale);
        assert_eq!(draft.message, "No refresh token available");
        assert_eq!(
            Value::Object(draft.context),
            json!({"error": "Given token not valid for any token type", "endpoint": "/api/v1/content/",
                   "status": 401, "hasToken": true})
        );
    }

    #[test]
    fn a_refresh_made_before_sending_says_so_instead_of_a_refused_request() {
        let body = BackendBody::parse(br#"{"detail": "Token is blacklisted", "code": "token_not_valid"}"#);
        let draft = refresh_failed(&StaleAccess::renewing_early("/api/v1/content/"), 401, &body);
        assert_eq!(
            Value::Object(draft.context),
            json!({"endpoint": "/api/v1/content/", "renewed_early": true, "refresh_status": 401,
                   "refresh_error": "Token is blacklisted"})
        );
        let woke = refresh_failed(&StaleAccess::renewing_early(""), 401, &body);
        assert!(!woke.context.contains_key("endpoint"), "no request waited");
    }

    #[test]
    fn a_renew_loop_is_token_refresh_failed_with_the_clock_offset() {
        let draft = renew_loop(&StaleAccess::renewing_early("/api/v1/auth/me/"), Some(-7_200_123));
        assert_eq!(draft.code, LogoutCode::TokenRefreshFailed);
        assert_eq!(draft.message, "Token refresh failed - session expired");
        assert_eq!(
            Value::Object(draft.context.clone()),
            json!({"endpoint": "/api/v1/auth/me/", "renewed_early": true, "renew_loop": true,
                   "clock_offset_ms": -7_200_123})
        );
        let slept = with_slept_s(draft, Some(7_200));
        assert_eq!(slept.context["slept_s"], 7_200);
        assert!(!with_slept_s(manual_logout("a@b.c", true), None)
            .context
            .contains_key("slept_s"));
    }

    #[test]
    fn an_idle_end_says_how_many_minutes_rounded_up() {
        let draft = idle_timeout(900, "2026-12-05T08:00:00.000Z");
        assert_eq!(draft.code, LogoutCode::IdleTimeout);
        assert_eq!(draft.source, LogoutSource::IdleTimeout);
        assert_eq!(draft.message, "Signed out after 15 minutes without activity");
        assert_eq!(
            Value::Object(draft.context),
            json!({"idle_timeout_s": 900, "last_activity": "2026-12-05T08:00:00.000Z"})
        );
        assert_eq!(idle_message(60), "Signed out after 1 minute without activity");
        assert_eq!(idle_message(61), "Signed out after 2 minutes without activity");
        assert_eq!(idle_message(86_400), "Signed out after 1440 minutes without activity");
    }

    #[test]
    fn a_lifetime_end_says_when() {
        let draft = session_lifetime_ended("2026-12-05T09:00:00.000Z");
        assert_eq!(draft.code, LogoutCode::SessionLifetimeEnded);
        assert_eq!(draft.source, LogoutSource::SessionLifetime);
        assert_eq!(draft.message, "Session reached its maximum length");
        assert_eq!(
            Value::Object(draft.context),
            json!({"expired_at": "2026-12-05T09:00:00.000Z"})
        );
    }

    #[test]
    fn the_request_id_joins_the_context_when_there_was_a_request() {
        let draft = with_request_id(manual_logout("a@b.c", false), Some("0123456789abcdef0123456789abcdef"));
        assert_eq!(draft.context["request_id"], "0123456789abcdef0123456789abcdef");
        assert!(!with_request_id(manual_logout("a@b.c", false), None)
            .context
            .contains_key("request_id"));
    }

    #[test]
    fn account_and_plan_checks_name_the_user_and_the_account() {
        let draft = missing_account_or_plan(789, "a@b.c", None);
        assert_eq!(draft.code, LogoutCode::AccountRequired);
        assert_eq!(
            Value::Object(draft.context),
            json!({"user_id": 789, "account_id": null, "email": "a@b.c"})
        );
        let draft = missing_account_or_plan(789, "a@b.c", Some(456));
        assert_eq!(draft.code, LogoutCode::PlanRequired);
        assert_eq!(draft.context["account_id"], 456);
    }
}
