//! login, refresh, me and logout.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use chrono::Utc;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::api_error::{json_response, ApiError};
use crate::auth::{cookie_value, Authenticated, MaybeAuthenticated, SESSION_COOKIE};
use crate::db::{NewFamily, RefreshUse, Session, User};
use crate::json_body::{optional_str, JsonBody};
use crate::log_line::iso_millis;
use crate::login_throttle::login_charges;
use crate::password;
use crate::random::random_hex;
use crate::refresh_rule::refresh_expiry_ms;
use crate::session_cookie::{served_over_https, session_cookie};
use crate::state::{AppState, SharedState};
use crate::tokens::{now_millis, TokenKind, REFRESH_TTL};
use crate::user_json::UserJson;

#[derive(Serialize)]
struct Envelope<T> {
    success: bool,
    data: T,
}

#[derive(Serialize)]
struct LoginData<'a> {
    user: UserJson<'a>,
    access: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh: Option<String>,
}

#[derive(Serialize)]
struct TokenPair {
    access: String,
    refresh: String,
}

#[derive(Serialize)]
struct MeData<'a> {
    user: UserJson<'a>,
}

/// simplejwt's TokenObtainPairView, throttled on failures: once an email has failed
/// `login_failures.max` times from one client address within the window (or that address
/// `login_failures_per_source.max` times for any emails), logins from that address for it
/// answer 429 until the oldest failure expires. Only wrong credentials count; the attempt is
/// counted before the password is checked and taken back when it was not a failure, so that
/// concurrent attempts cannot all pass the check before any is counted.
pub async fn login(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let object = match body.0 {
        Some(Value::Object(object)) => object,
        _ => Map::new(),
    };
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .filter(|value| !value.trim().is_empty())
    };
    let (Some(email), Some(password)) = (text("email"), text("password")) else {
        return Err(ApiError::MissingLoginFields);
    };
    let charges = login_charges(email, peer.ip(), &state.login_limits);
    let slot = state
        .login_failures
        .acquire(&charges, Instant::now())
        .map_err(|wait| ApiError::Throttled { wait })?;
    let checked = check_credentials(&state, email, password).await;
    if matches!(checked, Err(ApiError::InvalidCredentials)) {
        state.login_failures.keep(slot);
    } else {
        state.login_failures.release(slot);
    }
    let secure = served_over_https(&headers, state.secure_cookies);
    signed_in(&state, &checked?, secure)
}

/// The tokens, the user and the session cookie of a successful login.
fn signed_in(state: &AppState, user: &User, secure_cookie: bool) -> Result<Response, ApiError> {
    let without_refresh = state.switches().login_without_refresh;
    let access = issue_access(state, user.id)?;
    let refresh = if without_refresh {
        None
    } else {
        Some(start_family(state, user.id)?)
    };

    // The session records the ids that the SESSION_*_MISMATCH checks compare later.
    let session_id = random_hex(16).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    let session = Session {
        user_id: Some(user.id),
        account_id: user.account.as_ref().map(|a| a.id),
    };
    state.db.create_session(&session_id, session, &iso_millis(Utc::now()))?;

    let data = LoginData {
        user: UserJson::from(user),
        access,
        refresh,
    };
    let mut response = json_response(StatusCode::OK, &Envelope { success: true, data });
    set_cookie(&mut response, &session_cookie(&session_id, secure_cookie));
    Ok(response)
}

/// The active user whose password this is; `InvalidCredentials` for a wrong password, an
/// unknown email (checked against a dummy hash, so that it takes as long) or an inactive
/// user. The argon2 check runs off the async threads.
async fn check_credentials(state: &AppState, email: &str, password: &str) -> Result<User, ApiError> {
    let user = state.db.user_by_email(email)?;
    let stored = user
        .as_ref()
        .map_or(&state.dummy_password_hash, |user| &user.password_hash);
    let matched = password::verify_off_runtime(password.to_string(), stored.clone()).await?;
    user.filter(|user| matched && user.is_active)
        .ok_or(ApiError::InvalidCredentials)
}

/// simplejwt's TokenRefreshView with rotation and blacklisting. The `refresh_delay` switch
/// holds the answer back (the work is done at once, as by a server whose reply is slow).
pub async fn refresh(State(state): State<SharedState>, body: JsonBody) -> Result<Response, ApiError> {
    let delay = Duration::from_millis(state.switches().refresh_delay_ms);
    let answer = renew(&state, body);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    answer
}

/// Spends the presented refresh token and answers its successor, as `refresh_rule` decides:
/// a revoked token is "blacklisted"; the token rotated out last, presented again within the
/// grace while its successor is unused, gets that same successor again (the answer that
/// carried it may never have arrived); any other spent one revokes its whole sign-in.
fn renew(state: &AppState, body: JsonBody) -> Result<Response, ApiError> {
    let object = body.into_object()?;
    let token = optional_str(&object, "refresh")?
        .ok_or_else(|| ApiError::BadRequest("\"refresh\" is required: the refresh token to renew.".into()))?;
    let claims = state
        .tokens
        .verify(token, TokenKind::Refresh)
        .map_err(|_| ApiError::InvalidRefreshToken)?;
    let new_successor = new_jti()?;
    let now_ms = now_millis();
    let rotate = state.switches().rotate_refresh_tokens;
    let used = if rotate {
        state
            .db
            .use_refresh(&claims.jti, now_ms, state.refresh_reuse_grace, &new_successor)?
    } else {
        state.db.check_refresh(&claims.jti, now_ms)?
    };
    let successor = match used {
        RefreshUse::Rotated(successor) | RefreshUse::Reissued(successor) => successor,
        RefreshUse::Blacklisted => return Err(ApiError::BlacklistedRefreshToken),
        RefreshUse::InactiveUser => return Err(ApiError::NoActiveAccountForToken),
        RefreshUse::Unknown => return Err(ApiError::InvalidRefreshToken),
    };
    let access = issue_access(state, successor.user_id)?;
    if !rotate {
        return Ok(json_response(StatusCode::OK, &json!({ "access": access })));
    }
    // Signed from what was recorded at its rotation, a re-issued successor is the very token
    // the first answer carried.
    let exp_ms = refresh_expiry_ms(successor.issued_ms, successor.family_ends_ms, REFRESH_TTL);
    let refresh = sign(
        state,
        TokenKind::Refresh,
        successor.user_id,
        &successor.jti,
        successor.issued_ms,
        exp_ms,
    )?;
    Ok(json_response(StatusCode::OK, &TokenPair { access, refresh }))
}

pub async fn me(auth: Authenticated) -> Response {
    let data = MeData {
        user: UserJson::from(&auth.user),
    };
    json_response(StatusCode::OK, &Envelope { success: true, data })
}

/// A DRF logout view with `AllowAny`: blacklists the given refresh token and ends the cookie
/// session. Without `Authorization` it revokes all the same; with a bearer token that is not
/// valid, simplejwt's authentication answers 401 before the view runs (nothing is revoked),
/// which is why the client sends it once more without the header (CONTRACT section 9).
/// A manual logout must never hang on this endpoint, so bad input is a plain 400.
pub async fn logout(
    State(state): State<SharedState>,
    auth: MaybeAuthenticated,
    headers: HeaderMap,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let object = body.into_object()?;
    let token = optional_str(&object, "refresh")?
        .ok_or_else(|| ApiError::BadRequest("\"refresh\" is required: the refresh token to blacklist.".into()))?;
    let claims = state
        .tokens
        .verify(token, TokenKind::Refresh)
        .map_err(|_| ApiError::InvalidLogoutToken)?;
    if auth.user.is_some_and(|user| user.id != claims.user_id) {
        return Err(ApiError::RefreshTokenOfAnotherUser);
    }
    // The whole sign-in ends, whichever of its tokens this is. Already revoked is fine:
    // logging out twice is still a logout.
    state.db.revoke_family_of(&claims.jti, now_millis())?;
    if let Some(session_id) = cookie_value(&headers, SESSION_COOKIE) {
        // Only a session of the token's own user ends: a late revocation (a refresh answered
        // after its user signed out) comes with the cookie of whoever is signed in by then.
        let owner = state.db.session(&session_id)?.and_then(|session| session.user_id);
        if owner.is_none_or(|user_id| user_id == claims.user_id) {
            // The client reports why right after revoking: that report is still its user's.
            if let Some(user_id) = owner {
                state.recent_ends.note(&session_id, user_id, Instant::now());
            }
            state.db.delete_session(&session_id)?;
        }
    }
    // The cookie is left as it is: the session it names is gone, and the client's report of
    // why it ended, sent right after, is known to be its user's by that cookie (REPORT_GRACE).
    // Expiring it here raced that report: on a slow phone the report left after this answer
    // and went without it. The next sign-in replaces it with a new id.
    Ok(json_response(StatusCode::OK, &json!({"success": true})))
}

/// An access token with the lifetime in force now (the `access_ttl` switch).
fn issue_access(state: &AppState, user: i64) -> Result<String, ApiError> {
    let internal = |e: String| ApiError::Internal(format!("token: {e}"));
    if state.switches().issue_ended_tokens {
        // Issued ten minutes ago for five: ended before it leaves.
        let now = now_millis();
        let jti = new_jti()?;
        return sign_ended(state, user, &jti, now).map_err(internal);
    }
    let ttl = Duration::from_secs(state.switches().access_ttl);
    let (token, _) = state.tokens.issue(TokenKind::Access, user, ttl).map_err(internal)?;
    Ok(token)
}

fn sign_ended(state: &AppState, user: i64, jti: &str, now: i64) -> Result<String, String> {
    state
        .tokens
        .sign(TokenKind::Access, user, jti, now - 600_000, now - 300_000)
}

/// A login's first refresh token, recorded with the new family it starts; the family ends
/// `session_lifetime` from now, and no token of it outlives that.
fn start_family(state: &AppState, user_id: i64) -> Result<String, ApiError> {
    let (family_id, jti) = (new_jti()?, new_jti()?);
    let now_ms = now_millis();
    let lifetime = match state.switches().session_lifetime_s {
        0 => state.session_lifetime,
        seconds => Duration::from_secs(seconds),
    };
    let lifetime_ms = i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX);
    let ends_ms = now_ms.saturating_add(lifetime_ms);
    state.db.start_family(&NewFamily {
        id: &family_id,
        user_id,
        started_ms: now_ms,
        ends_ms,
        first_jti: &jti,
    })?;
    let exp_ms = refresh_expiry_ms(now_ms, ends_ms, REFRESH_TTL);
    sign(state, TokenKind::Refresh, user_id, &jti, now_ms, exp_ms)
}

fn sign(state: &AppState, kind: TokenKind, user: i64, jti: &str, iat_ms: i64, exp_ms: i64) -> Result<String, ApiError> {
    state
        .tokens
        .sign(kind, user, jti, iat_ms, exp_ms)
        .map_err(|e| ApiError::Internal(format!("token: {e}")))
}

fn new_jti() -> Result<String, ApiError> {
    random_hex(16).map_err(|e| ApiError::Internal(format!("random: {e}")))
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
