//! Authentication of API requests, with simplejwt's and DRF's error bodies, followed by the
//! seed's middleware checks. Handlers that need a signed-in user take [`Authenticated`].

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use chrono::Utc;

use crate::api_error::ApiError;
use crate::db::{Session, User};
use crate::hostile_text::hostile_text;
use crate::log_line::append_mail_status;
use crate::mail::{Finder, Notice};
use crate::middleware;
use crate::request_id::RequestId;
use crate::state::SharedState;
use crate::tokens::TokenKind;

/// What the session_*_mismatch scenarios make a tampered session read back.
pub const TAMPERED_ID: i64 = 999;

pub const SESSION_COOKIE: &str = "sessionid";

/// A request whose bearer token is valid and whose user passed the middleware checks.
pub struct Authenticated {
    pub user: User,
}

impl FromRequestParts<SharedState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let user = authenticate(&parts.headers, state)?.ok_or(ApiError::NotAuthenticated)?;
        let user = run_middleware(parts, state, user)?;
        Ok(Authenticated { user })
    }
}

/// For `AllowAny` views: no credentials is an anonymous request, but a bearer token that is
/// sent must be valid, as simplejwt's authentication runs before any permission check.
pub struct MaybeAuthenticated {
    pub user: Option<User>,
}

impl FromRequestParts<SharedState> for MaybeAuthenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let user = match authenticate(&parts.headers, state)? {
            Some(user) => Some(run_middleware(parts, state, user)?),
            None => None,
        };
        Ok(MaybeAuthenticated { user })
    }
}

/// The seed's middleware checks for an authenticated `user`; a failure is the seed's 401 and
/// one `[AUTO-LOGOUT]` line on stderr.
fn run_middleware(parts: &Parts, state: &SharedState, user: User) -> Result<User, ApiError> {
    let session = match cookie_value(&parts.headers, SESSION_COOKIE) {
        Some(id) => state.db.session(&id)?.map(|session| as_read_back(session, &user)),
        None => None,
    };
    let skip_account_checks = state.switches().skip_account_checks;
    let Some(logout) = middleware::check(&user, session, skip_account_checks) else {
        return Ok(user);
    };
    let referer = parts.headers.get(header::REFERER).and_then(|v| v.to_str().ok());
    let path = middleware::logout_path(referer, parts.uri.path());
    let ip = client_ip(parts).map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    let request_id = RequestId::from_headers(&parts.headers);
    let occurrence = middleware::Occurrence {
        user_id: user.id,
        path: &path,
        ip: &ip,
        at: Utc::now(),
        request_id: request_id.as_ref(),
    };
    let (body, mut line) = middleware::body_and_line(&logout, &occurrence);
    let hostile_bytes = state.switches().hostile_logout_bytes;
    let body = match usize::try_from(hostile_bytes) {
        Ok(bytes) if bytes > 0 => body.with_hostile_text(&hostile_text(bytes)),
        _ => body,
    };
    // The user is told by mail in the words their client shows (the body's message).
    let notice = Notice {
        user_id: user.id,
        to: user.email.clone(),
        code: logout.code.to_string(),
        message: body.logout_message.clone(),
        page: path.clone(),
        at: occurrence.at,
    };
    if let Some(mail) = state.mailer.notify(notice, Finder::Middleware) {
        append_mail_status(&mut line, mail);
    }
    eprintln!("{line}");
    Err(ApiError::Logout(Box::new(body)))
}

/// The peer's address (this server is reached directly, never through a trusted proxy).
pub fn client_ip(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

/// A tampered user's sessions read back foreign ids, as if another login had overwritten them.
fn as_read_back(mut session: Session, user: &User) -> Session {
    if user.tamper_session_account {
        session.account_id = Some(TAMPERED_ID);
    }
    if user.tamper_session_user {
        session.user_id = Some(TAMPERED_ID);
    }
    session
}

/// simplejwt's JWTAuthentication: the bearer token's user, whatever its state; `None` when
/// the request carries no bearer credentials.
fn authenticate(headers: &HeaderMap, state: &SharedState) -> Result<Option<User>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = String::from_utf8_lossy(value.as_bytes());
    let parts: Vec<&str> = value.split_whitespace().collect();
    // Another scheme (e.g. Basic) is "no credentials" for simplejwt, not a bad token.
    if parts.first() != Some(&"Bearer") {
        return Ok(None);
    }
    if parts.len() != 2 {
        return Err(ApiError::BadAuthorizationHeader);
    }
    let claims = state
        .tokens
        .verify(parts[1], TokenKind::Access)
        .map_err(ApiError::InvalidAccessToken)?;
    let user = state.db.user_by_id(claims.user_id)?.ok_or(ApiError::UserNotFound)?;
    Ok(Some(user))
}

/// Who sent a request, for attribution only (never a refusal): the user of a valid bearer
/// access token, else the user of the session cookie's live session. No middleware checks:
/// a user whose account was just suspended still reports that logout as themselves.
pub fn identify(headers: &HeaderMap, state: &SharedState) -> Result<Option<User>, ApiError> {
    let bearer_user = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .and_then(|token| state.tokens.verify(token.trim(), TokenKind::Access).ok())
        .map(|claims| claims.user_id);
    let user_id = match bearer_user {
        Some(id) => Some(id),
        None => match cookie_value(headers, SESSION_COOKIE) {
            Some(session_id) => state.db.session(&session_id)?.and_then(|session| session.user_id),
            None => None,
        },
    };
    match user_id {
        Some(id) => Ok(state.db.user_by_id(id)?),
        None => Ok(None),
    }
}

/// The value of cookie `name`, from any `Cookie` header.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}
