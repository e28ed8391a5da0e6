//! What a caller of the API gets when a request does not succeed. Only `SessionEnded`
//! means the user was logged out; every other error leaves the session as it is.

use crate::logout::Failure;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("Can't reach the server. Check your connection and try again.")]
    Network(String),
    #[error("The server took too long to answer. Please try again.")]
    Timeout,
    #[error("The server had a problem (error {0}). Please try again in a moment.")]
    Server(u16),
    #[error("That was not found.")]
    NotFound,
    #[error("{}", .0.as_deref().unwrap_or("The request was not accepted."))]
    BadRequest(Option<String>),
    /// A sign-in the backend refused, with its message word for word.
    #[error("{}", .0.as_deref().unwrap_or("Sign-in failed."))]
    Unauthorized(Option<String>),
    #[error("You don't have permission to do this.")]
    PermissionDenied(Option<String>),
    #[error("Your session has ended.")]
    SessionEnded,
    #[error("The server answered with an unexpected status ({0}).")]
    Unexpected(u16),
    /// Too many attempts: the backend's words (they say when to try again).
    #[error("{}", .0.as_deref().unwrap_or("Too many attempts. Please wait a moment and try again."))]
    Throttled(Option<String>),
    #[error("The server's answer could not be read.")]
    InvalidResponse,
}

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::BadRequest { message } => Self::BadRequest(message),
            Failure::Unauthorized { message } => Self::Unauthorized(message),
            Failure::PermissionDenied { detail } => Self::PermissionDenied(detail),
            Failure::NotFound => Self::NotFound,
            Failure::Server { status } => Self::Server(status),
            Failure::Unexpected { status } => Self::Unexpected(status),
            Failure::Throttled { message } => Self::Throttled(message),
        }
    }
}
