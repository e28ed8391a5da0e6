//! How a session ended: the value the API client, the pages and the other tabs hand to the
//! session room. Pure.

use crate::logout::{LogoutCode, LogoutDraft, LogoutSource};

/// How a session ended, as whoever noticed it reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionEnd {
    /// The app found the session over, for this reason: the backend's middleware, a refused
    /// refresh, no refresh token, credentials missing, or the account/plan check (see
    /// [`EndKind`]).
    Logout(LogoutDraft),
    /// The user pressed Sign out.
    SignOut { email: String },
    /// Another tab ended it; that tab's reason stands, this one adds none.
    Elsewhere,
}

/// The kinds of end the plan tells apart (one row each in its tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    /// The backend's middleware said why (its eight codes, or one it made up).
    BackendReason,
    /// The refresh was refused, or a retry after a good refresh was refused again.
    RefreshFailed,
    /// An access token went stale with nothing to renew it.
    NoRefreshToken,
    /// The backend saw no credentials.
    CredentialsMissing,
    /// The user has no account or no plan (the re-read of `me`).
    Validation,
    /// The Sign out button.
    SignOut,
    /// Another tab of this browser ended the session.
    AnotherTab,
    /// Its time was up: no activity for `idle_timeout_s`, or the session's maximum length.
    OnTime,
}

impl SessionEnd {
    /// Whether signing in again as the same user fixes it, so that the page may stay under
    /// a dialog (CONTRACT 11.3): a refresh that failed or had nothing to renew with, the idle
    /// end and the lifetime end.
    pub fn fixed_by_signing_in_again(&self) -> bool {
        matches!(
            self,
            Self::Logout(draft) if matches!(
                draft.code,
                LogoutCode::TokenRefreshFailed
                    | LogoutCode::NoRefreshToken
                    | LogoutCode::IdleTimeout
                    | LogoutCode::SessionLifetimeEnded
            )
        )
    }

    pub fn kind(&self) -> EndKind {
        match self {
            Self::SignOut { .. } => EndKind::SignOut,
            Self::Elsewhere => EndKind::AnotherTab,
            Self::Logout(draft) => match (&draft.source, &draft.code) {
                (LogoutSource::TokenRefreshFailure, _) => EndKind::RefreshFailed,
                (LogoutSource::MissingRefreshToken, _) => EndKind::NoRefreshToken,
                (LogoutSource::Api403AuthError, _) => EndKind::CredentialsMissing,
                (LogoutSource::RefreshUserValidation, _) => EndKind::Validation,
                (LogoutSource::IdleTimeout | LogoutSource::SessionLifetime, _) => EndKind::OnTime,
                (_, LogoutCode::ManualLogout) => EndKind::SignOut,
                _ => EndKind::BackendReason,
            },
        }
    }
}
