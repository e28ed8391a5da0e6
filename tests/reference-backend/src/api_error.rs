//! Every error this server answers, and the one table from error to response (status,
//! headers, body). The bodies are DRF's, simplejwt's or the seed's, word for word: the client
//! and the tests read them. All are JSON, never empty or HTML. The `fail_with` answers are
//! not here: they imitate a proxy in front of this server (`proxy.rs`).

use std::time::Duration;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::json_body::BODY_LIMIT;
use crate::middleware::LogoutBody;
use crate::throttle::{throttled_detail, wait_seconds};
use crate::tokens::TokenError;

/// What went wrong. For the variants answered as `{"detail": ...}` the message is the detail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A field missing or of the wrong type, an unknown action, ...: the message names it.
    #[error("{0}")]
    BadRequest(String),
    #[error("JSON parse error - {0}")]
    MalformedJson(serde_json::Error),
    #[error("Request body is too large: the limit is {BODY_LIMIT} bytes.")]
    BodyTooLarge,
    /// The body could not be read for another reason; axum's status and words.
    #[error("{reason}")]
    UnreadableBody { status: StatusCode, reason: String },
    /// DRF's `UnsupportedMediaType`, naming the request's whole `Content-Type`.
    #[error("Unsupported media type \"{0}\" in request.")]
    UnsupportedMediaType(String),
    /// DRF's `Throttled`; `wait` is sent rounded up to whole seconds.
    #[error("{}", throttled_detail(wait_seconds(*.wait)))]
    Throttled { wait: Duration },

    /// The login body lacks the email or the password (the seed's own body, not DRF's).
    #[error("Email and password are required.")]
    MissingLoginFields,
    /// Wrong password, unknown email or inactive user: simplejwt does not say which.
    #[error("No active account found with the given credentials")]
    InvalidCredentials,

    /// DRF's `NotAuthenticated`, answered 403 as the Django backend does.
    #[error("Authentication credentials were not provided.")]
    NotAuthenticated,
    /// `Authorization: Bearer` with no token or more than one.
    #[error("Authorization header must contain two space-delimited values")]
    BadAuthorizationHeader,
    #[error("Given token not valid for any token type")]
    InvalidAccessToken(TokenError),
    /// A valid access token whose user was deleted.
    #[error("User not found")]
    UserNotFound,
    /// A failed middleware check: the seed's 401 that names the reason.
    #[error("{}: {}", .0.logout_reason, .0.logout_message)]
    Logout(Box<LogoutBody>),

    /// Refresh: the token is not valid, or was never issued.
    #[error("Token is invalid or expired")]
    InvalidRefreshToken,
    /// Refresh: the token was used or revoked already.
    #[error("Token is blacklisted")]
    BlacklistedRefreshToken,
    #[error("No active account found for the given token.")]
    NoActiveAccountForToken,
    /// Logout: the refresh token to blacklist is not valid (input, so a 400).
    #[error("Token is invalid or expired")]
    InvalidLogoutToken,
    #[error("The refresh token belongs to another user.")]
    RefreshTokenOfAnotherUser,

    /// DRF's `PermissionDenied`: listing logout events is for staff only.
    #[error("You do not have permission to perform this action.")]
    PermissionDenied,
    /// A POST to the control API from a page on a foreign origin, in Django's CSRF words.
    #[error("CSRF Failed: Origin checking failed - {0} does not match any trusted origins.")]
    ForeignOrigin(String),
    #[error("Not found.")]
    NotFound,
    #[error("Method \"{0}\" not allowed.")]
    MethodNotAllowed(Method),

    /// The cause goes to stderr; the client only learns that the server failed.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{0}")]
    Internal(String),
    /// Work sent off the async threads (argon2, the control API) panicked or was cancelled.
    #[error("background task: {0}")]
    BackgroundTask(#[from] tokio::task::JoinError),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message = self.to_string();
        let detail = |status| json_response(status, &Detail { detail: &message });
        let detail_code = |status, code| {
            let body = DetailCode { detail: &message, code };
            json_response(status, &body)
        };
        match self {
            Self::BadRequest(_) | Self::MalformedJson(_) | Self::RefreshTokenOfAnotherUser => {
                detail(StatusCode::BAD_REQUEST)
            }
            Self::BodyTooLarge => detail(StatusCode::PAYLOAD_TOO_LARGE),
            Self::UnreadableBody { status, .. } => detail(status),
            Self::UnsupportedMediaType(_) => detail(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            Self::Throttled { wait } => {
                let mut response = detail(StatusCode::TOO_MANY_REQUESTS);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(wait_seconds(wait)));
                response
            }
            Self::MissingLoginFields => {
                let body = LoginError {
                    success: false,
                    error: &message,
                };
                json_response(StatusCode::BAD_REQUEST, &body)
            }
            Self::InvalidCredentials => detail(StatusCode::UNAUTHORIZED),
            Self::NotAuthenticated | Self::PermissionDenied | Self::ForeignOrigin(_) => detail(StatusCode::FORBIDDEN),
            Self::BadAuthorizationHeader => {
                with_bearer_challenge(detail_code(StatusCode::UNAUTHORIZED, "bad_authorization_header"))
            }
            Self::InvalidAccessToken(error) => {
                let body = TokenNotValid {
                    detail: &message,
                    code: "token_not_valid",
                    messages: [TokenMessage {
                        token_class: "AccessToken",
                        token_type: "access",
                        message: error.message(),
                    }],
                };
                with_bearer_challenge(json_response(StatusCode::UNAUTHORIZED, &body))
            }
            Self::UserNotFound => with_bearer_challenge(detail_code(StatusCode::UNAUTHORIZED, "user_not_found")),
            Self::Logout(body) => json_response(StatusCode::UNAUTHORIZED, &body),
            Self::InvalidRefreshToken | Self::BlacklistedRefreshToken => {
                with_bearer_challenge(detail_code(StatusCode::UNAUTHORIZED, "token_not_valid"))
            }
            Self::NoActiveAccountForToken => detail_code(StatusCode::UNAUTHORIZED, "no_active_account"),
            Self::InvalidLogoutToken => detail_code(StatusCode::BAD_REQUEST, "token_not_valid"),
            Self::NotFound => detail(StatusCode::NOT_FOUND),
            Self::MethodNotAllowed(_) => detail(StatusCode::METHOD_NOT_ALLOWED),
            Self::Database(_) | Self::Internal(_) | Self::BackgroundTask(_) => {
                eprintln!("reference-backend: internal error: {message}");
                // Written out, not serialized: `json_response` falls back to it.
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    [(header::CONTENT_TYPE, "application/json")],
                    r#"{"detail":"Internal server error."}"#,
                )
                    .into_response()
            }
        }
    }
}

/// simplejwt's authentication failures carry the challenge, as DRF adds it to their 401s.
fn with_bearer_challenge(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"api\""),
    );
    response
}

#[derive(Serialize)]
struct Detail<'a> {
    detail: &'a str,
}

/// simplejwt's `{"detail", "code"}` body, in that key order (`json!` would sort the keys).
#[derive(Serialize)]
struct DetailCode<'a> {
    detail: &'a str,
    code: &'static str,
}

#[derive(Serialize)]
struct TokenNotValid<'a> {
    detail: &'a str,
    code: &'static str,
    messages: [TokenMessage; 1],
}

#[derive(Serialize)]
struct TokenMessage {
    token_class: &'static str,
    token_type: &'static str,
    message: &'static str,
}

#[derive(Serialize)]
struct LoginError<'a> {
    success: bool,
    error: &'a str,
}

/// Serializes `body` as the JSON response body (struct field order is kept).
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut response = (status, bytes).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(err) => ApiError::Internal(format!("serializing a response: {err}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn status_type_body(response: Response) -> (StatusCode, String, String) {
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, content_type, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn server_failures_hide_their_cause() {
        let unserializable = std::collections::BTreeMap::from([(vec![1u8], 1)]);
        for response in [
            ApiError::Internal("random: no entropy".into()).into_response(),
            ApiError::Database(rusqlite::Error::QueryReturnedNoRows).into_response(),
            json_response(StatusCode::OK, &unserializable),
        ] {
            assert_eq!(
                status_type_body(response).await,
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "application/json".to_string(),
                    r#"{"detail":"Internal server error."}"#.to_string()
                )
            );
        }
    }
}
