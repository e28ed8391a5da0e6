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
}

/// The middleware ended the session (its `logout_reason` is the code, kept even when
/// unknown): its context, plus the request that met it.
pub fn backend_middleware(code: &str, body: &BackendBody, endpoint: &str, status: u16) -> LogoutDraft {
    let code = LogoutCode::from(code);
    let message = body
        .logout_message
        .clone()
        .or_else(|| body.error.clone())
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
    LogoutDraft::new(LogoutCode::NoRefreshToken, context)
}

/// TOKEN_REFRESH_FAILED: the refresh was refused; the context keeps the original request.
pub fn refresh_failed(stale: &StaleAccess, refresh_status: u16, refresh_body: &BackendBody) -> LogoutDraft {
    let context = context_of([
        ("endpoint", json!(stale.endpoint)),
        ("status", json!(stale.status)),
        ("error", json!(stale.detail)),
        ("error_code", json!(stale.code)),
        ("refresh_status", json!(refresh_status)),
        (
            "refresh_error",
            json!(refresh_body.detail.clone().or_else(|| refresh_body.error.clone())),
        ),
    ]);
    LogoutDraft::new(LogoutCode::TokenRefreshFailed, context)
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
