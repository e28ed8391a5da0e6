//! CONTRACT section 4 as pure functions: what the wrapper does with a response
//! ([`classify`]) and with the answer of the refresh it asked for ([`classify_refresh`]).
//! The rows are tried in the contract's order; the first that matches decides.

use serde_json::{Map, Value};

use super::backend_body::BackendBody;
use super::drafts::{self, StaleAccess};
use super::reason::LogoutDraft;
use super::scrub::scrub_text;
use super::www_authenticate::BearerError;

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
    /// The `WWW-Authenticate` header, when the page may read it (CONTRACT 11.5).
    pub www_authenticate: Option<&'a str>,
    /// The body is `application/problem+json` (RFC 9457).
    pub problem_json: bool,
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

/// An error that is not a logout.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// 400: the backend's message, if it sent one.
    BadRequest {
        message: Option<String>,
    },
    /// 401 from login or refresh, which are never intercepted: the backend's message.
    Unauthorized {
        message: Option<String>,
    },
    /// A 403 that is about permissions, not credentials.
    PermissionDenied {
        detail: Option<String>,
    },
    NotFound,
    /// 5xx.
    Server {
        status: u16,
    },
    /// Any other status, or a 2xx that did not hold what it should.
    Unexpected {
        status: u16,
    },
    /// 429: the backend throttles (DRF's "Request was throttled. Expected available in N
    /// seconds."), its words kept for the user.
    Throttled {
        message: Option<String>,
    },
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
    let bearer = exchange.www_authenticate.and_then(BearerError::parse);
    // RFC 6750: a good token that may not do this. A permission error, never a logout.
    if status == 403 && bearer.as_ref().is_some_and(BearerError::is_insufficient_scope) {
        return Decision::Fail(failure_for(status, &body));
    }

    if let Some(code) = &body.logout_reason {
        return Decision::Logout(drafts::backend_middleware(code, &body, endpoint, status));
    }
    let credentials_missing = body
        .detail
        .as_deref()
        .is_some_and(|detail| detail.trim().eq_ignore_ascii_case(CREDENTIALS_NOT_PROVIDED));
    if credentials_missing && (exchange.sent_with_token || status == 403) {
        return Decision::Logout(drafts::credentials_missing(
            &body,
            endpoint,
            status,
            exchange.sent_with_token,
        ));
    }
    if status == 401 && body.has_code(&["user_inactive"]) {
        return Decision::Logout(drafts::user_inactive(&body, endpoint, status));
    }
    let stale = status == 401
        || body.has_code(&STALE_TOKEN_CODES)
        || bearer.as_ref().is_some_and(BearerError::is_invalid_token);
    if !stale {
        return Decision::Fail(failure_for(403, &body));
    }
    if exchange.retried {
        return Decision::Logout(drafts::retry_rejected(&body, endpoint, status));
    }
    if exchange.token_replaced {
        return Decision::RetryWithCurrentToken;
    }
    let problem = exchange.problem_json.then(|| body.problem()).flatten();
    let stale = StaleAccess {
        endpoint: endpoint.to_owned(),
        status,
        detail: body.detail.or(body.error),
        code: body.code,
        sent_with_token: exchange.sent_with_token,
        renewed_early: false,
        described: described(bearer, problem),
    };
    if exchange.has_refresh_token {
        Decision::RefreshThenRetry(stale)
    } else {
        Decision::Logout(drafts::no_refresh_token(&stale))
    }
}

/// What a refusal said in the standard shapes, as the context keeps it.
fn described(bearer: Option<BearerError>, problem: Option<Map<String, Value>>) -> Map<String, Value> {
    let mut said = Map::new();
    if let Some(bearer) = bearer {
        let mut challenge = Map::new();
        challenge.insert("error".into(), Value::String(bearer.error));
        if let Some(description) = bearer.error_description {
            challenge.insert("error_description".into(), Value::String(description));
        }
        said.insert("www_authenticate".into(), Value::Object(challenge));
    }
    if let Some(problem) = problem {
        said.insert("problem".into(), Value::Object(problem));
    }
    said
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
    RefreshOutcome::Expired(drafts::refresh_failed(stale, status, &refresh_body))
}

/// The error a caller gets for a status that ends no session. Its text is shown, so it is
/// scrubbed (CONTRACT section 5).
pub fn failure_for(status: u16, body: &BackendBody) -> Failure {
    let shown = |text: &Option<String>| text.as_deref().map(|text| scrub_text(text, &[]));
    let message = || shown(&body.error).or_else(|| shown(&body.detail));
    match status {
        400 => Failure::BadRequest { message: message() },
        401 => Failure::Unauthorized { message: message() },
        403 => Failure::PermissionDenied {
            detail: shown(&body.detail),
        },
        404 => Failure::NotFound,
        500..=599 => Failure::Server { status },
        429 => Failure::Throttled { message: message() },
        _ => Failure::Unexpected { status },
    }
}
