//! CONTRACT section 4 as pure functions: what the wrapper does with a response
//! ([`classify`]) and with the answer of the refresh it asked for ([`classify_refresh`]).
//! The rows are tried in the contract's order; the first that matches decides.

use serde_json::{json, Map, Value};

use super::backend_body::BackendBody;
use super::code::{LogoutCode, LogoutSource};
use super::reason::LogoutDraft;

/// Which endpoint a request went to: login and refresh are never intercepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    Login,
    Refresh,
    Other,
}

/// A response as the wrapper saw it, with what was true when its request was sent.
#[derive(Clone, Copy, Debug)]
pub struct Exchange<'a> {
    pub kind: RequestKind,
    /// The API path, recorded in the reason's context.
    pub endpoint: &'a str,
    pub status: u16,
    /// The body as received: any bytes at all.
    pub body: &'a [u8],
    /// The request carried an access token.
    pub sent_with_token: bool,
    /// The access token it carried has since been replaced by another request's refresh.
    pub token_replaced: bool,
    /// This response answers the one retry; it is never refreshed again.
    pub retried: bool,
    /// A refresh token is held now.
    pub has_refresh_token: bool,
}

/// What the wrapper does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// A 2xx: hand the body to the caller.
    Accept,
    /// The token was renewed while this request was out: send it again with the new one.
    RetryWithCurrentToken,
    /// The access token is stale: one shared refresh, then the request once more.
    RefreshThenRetry(StaleAccess),
    /// The session is over, for this reason.
    Logout(LogoutDraft),
    /// Not an authentication problem: the caller gets this error.
    Fail(Failure),
}

/// What the stale-token response said, kept for the context of a refresh that fails.
#[derive(Clone, Debug, PartialEq)]
pub struct StaleAccess {
    pub endpoint: String,
    pub status: u16,
    pub detail: Option<String>,
    pub code: Option<String>,
}

/// An error that is not a logout.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// 400: the backend's message, if it sent one.
    BadRequest { message: Option<String> },
    /// 401 from login or refresh, which are never intercepted: the backend's message.
    Unauthorized { message: Option<String> },
    /// A 403 that is about permissions, not credentials.
    PermissionDenied { detail: Option<String> },
    NotFound,
    /// 5xx.
    Server { status: u16 },
    /// Any other status, or a 2xx that did not hold what it should.
    Unexpected { status: u16 },
}

/// What the refresh's answer means.
#[derive(Clone, Debug, PartialEq)]
pub enum RefreshOutcome {
    /// 2xx: read the new tokens and retry.
    Renewed,
    /// 400, 401 or 403: the session cannot be renewed.
    Expired(LogoutDraft),
    /// Network-like trouble (5xx and the rest): keep the tokens, hand the error on.
    Unavailable(Failure),
}

const CREDENTIALS_NOT_PROVIDED: &str = "authentication credentials were not provided.";
const STALE_TOKEN_CODES: [&str; 2] = ["token_not_valid", "authentication_failed"];

pub fn classify(exchange: &Exchange<'_>) -> Decision {
    let status = exchange.status;
    if (200..300).contains(&status) {
        return Decision::Accept;
    }
    let body = BackendBody::parse(exchange.body);
    if exchange.kind != RequestKind::Other || !matches!(status, 401 | 403) {
        return Decision::Fail(failure_for(status, &body));
    }
    let endpoint = exchange.endpoint;

    if let Some(code) = &body.logout_reason {
        return Decision::Logout(backend_middleware(code, &body, endpoint, status));
    }
    let credentials_missing = body
        .detail
        .as_deref()
        .is_some_and(|detail| detail.trim().eq_ignore_ascii_case(CREDENTIALS_NOT_PROVIDED));
    if credentials_missing && (exchange.sent_with_token || status == 403) {
        let context = context_of([
            ("error", json!(body.detail)),
            ("endpoint", json!(endpoint)),
            ("status", json!(status)),
            ("hasToken", json!(exchange.sent_with_token)),
        ]);
        return Decision::Logout(LogoutDraft::new(LogoutCode::AuthCredentialsMissing, context));
    }
    if status == 401 && body.has_code(&["user_inactive"]) {
        let context = error_context(&body, endpoint, status);
        return Decision::Logout(LogoutDraft::new(LogoutCode::UserInactive, context));
    }
    let stale = status == 401 || body.has_code(&STALE_TOKEN_CODES);
    if !stale {
        return Decision::Fail(Failure::PermissionDenied { detail: body.detail });
    }
    if exchange.retried {
        let mut context = error_context(&body, endpoint, status);
        context.insert("retry_rejected".into(), json!(true));
        return Decision::Logout(LogoutDraft::new(LogoutCode::TokenRefreshFailed, context));
    }
    if exchange.token_replaced {
        return Decision::RetryWithCurrentToken;
    }
    if exchange.has_refresh_token {
        return Decision::RefreshThenRetry(StaleAccess {
            endpoint: endpoint.to_owned(),
            status,
            detail: body.detail,
            code: body.code,
        });
    }
    let mut context = error_context(&body, endpoint, status);
    context.insert("hasToken".into(), json!(exchange.sent_with_token));
    Decision::Logout(LogoutDraft::new(LogoutCode::NoRefreshToken, context))
}

/// What the refresh endpoint's answer means for the stale request behind it.
pub fn classify_refresh(status: u16, body: &[u8], stale: &StaleAccess) -> RefreshOutcome {
    if (200..300).contains(&status) {
        return RefreshOutcome::Renewed;
    }
    let refresh_body = BackendBody::parse(body);
    if !matches!(status, 400 | 401 | 403) {
        return RefreshOutcome::Unavailable(failure_for(status, &refresh_body));
    }
    let context = context_of([
        ("endpoint", json!(stale.endpoint)),
        ("status", json!(stale.status)),
        ("error", json!(stale.detail)),
        ("error_code", json!(stale.code)),
        ("refresh_status", json!(status)),
        ("refresh_error", json!(refresh_body.detail.or(refresh_body.error))),
    ]);
    RefreshOutcome::Expired(LogoutDraft::new(LogoutCode::TokenRefreshFailed, context))
}

/// The error a caller gets for a status that ends no session.
pub fn failure_for(status: u16, body: &BackendBody) -> Failure {
    let message = || body.error.clone().or_else(|| body.detail.clone());
    match status {
        400 => Failure::BadRequest { message: message() },
        401 => Failure::Unauthorized { message: message() },
        403 => Failure::PermissionDenied { detail: body.detail.clone() },
        404 => Failure::NotFound,
        500..=599 => Failure::Server { status },
        _ => Failure::Unexpected { status },
    }
}

fn backend_middleware(code: &str, body: &BackendBody, endpoint: &str, status: u16) -> LogoutDraft {
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
    LogoutDraft { code, message, source: LogoutSource::BackendMiddleware, context }
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
