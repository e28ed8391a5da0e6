//! The logout codes of CONTRACT section 5, their messages and the part of the system
//! that raises each. Codes the backend invents later are kept as they come.

use serde::Serialize;

/// Which part of the system ended the session (the stored reason's `source`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum LogoutSource {
    BackendMiddleware,
    TokenRefreshFailure,
    MissingRefreshToken,
    Api403AuthError,
    ManualUserAction,
    RefreshUserValidation,
    /// No activity in any tab for `idle_timeout_s` (CONTRACT 11.2).
    IdleTimeout,
    /// The refresh token's end, which no refresh could move (CONTRACT 11.2).
    SessionLifetime,
    /// A source this client does not know (read back from storage written elsewhere).
    Other(String),
}

impl LogoutSource {
    pub fn as_str(&self) -> &str {
        match self {
            Self::BackendMiddleware => "backend_middleware",
            Self::TokenRefreshFailure => "token_refresh_failure",
            Self::MissingRefreshToken => "missing_refresh_token",
            Self::Api403AuthError => "api_403_auth_error",
            Self::ManualUserAction => "manual_user_action",
            Self::RefreshUserValidation => "refresh_user_validation",
            Self::IdleTimeout => "idle_timeout",
            Self::SessionLifetime => "session_lifetime",
            Self::Other(other) => other,
        }
    }
}

impl From<String> for LogoutSource {
    fn from(value: String) -> Self {
        match value.as_str() {
            "backend_middleware" => Self::BackendMiddleware,
            "token_refresh_failure" => Self::TokenRefreshFailure,
            "missing_refresh_token" => Self::MissingRefreshToken,
            "api_403_auth_error" => Self::Api403AuthError,
            "manual_user_action" => Self::ManualUserAction,
            "refresh_user_validation" => Self::RefreshUserValidation,
            "idle_timeout" => Self::IdleTimeout,
            "session_lifetime" => Self::SessionLifetime,
            _ => Self::Other(value),
        }
    }
}

impl From<LogoutSource> for String {
    fn from(value: LogoutSource) -> Self {
        value.as_str().to_owned()
    }
}

/// Why a session ended: one of the contract's sixteen codes, or an unknown one kept as is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum LogoutCode {
    SessionAccountMismatch,
    SessionUserMismatch,
    AccountMissing,
    AccountSuspended,
    AccountCancelled,
    PlanMissing,
    PlanInactive,
    UserInactive,
    TokenRefreshFailed,
    NoRefreshToken,
    AuthCredentialsMissing,
    ManualLogout,
    AccountRequired,
    PlanRequired,
    IdleTimeout,
    SessionLifetimeEnded,
    /// A code this client does not know yet; shown with the message that came with it.
    Other(String),
}

impl LogoutCode {
    /// Every code the contract names, in its table's order.
    pub const KNOWN: [LogoutCode; 16] = [
        Self::SessionAccountMismatch,
        Self::SessionUserMismatch,
        Self::AccountMissing,
        Self::AccountSuspended,
        Self::AccountCancelled,
        Self::PlanMissing,
        Self::PlanInactive,
        Self::UserInactive,
        Self::TokenRefreshFailed,
        Self::NoRefreshToken,
        Self::AuthCredentialsMissing,
        Self::ManualLogout,
        Self::AccountRequired,
        Self::PlanRequired,
        Self::IdleTimeout,
        Self::SessionLifetimeEnded,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Self::SessionAccountMismatch => "SESSION_ACCOUNT_MISMATCH",
            Self::SessionUserMismatch => "SESSION_USER_MISMATCH",
            Self::AccountMissing => "ACCOUNT_MISSING",
            Self::AccountSuspended => "ACCOUNT_SUSPENDED",
            Self::AccountCancelled => "ACCOUNT_CANCELLED",
            Self::PlanMissing => "PLAN_MISSING",
            Self::PlanInactive => "PLAN_INACTIVE",
            Self::UserInactive => "USER_INACTIVE",
            Self::TokenRefreshFailed => "TOKEN_REFRESH_FAILED",
            Self::NoRefreshToken => "NO_REFRESH_TOKEN",
            Self::AuthCredentialsMissing => "AUTH_CREDENTIALS_MISSING",
            Self::ManualLogout => "MANUAL_LOGOUT",
            Self::AccountRequired => "ACCOUNT_REQUIRED",
            Self::PlanRequired => "PLAN_REQUIRED",
            Self::IdleTimeout => "IDLE_TIMEOUT",
            Self::SessionLifetimeEnded => "SESSION_LIFETIME_ENDED",
            Self::Other(other) => other,
        }
    }

    /// The contract's message for a known code.
    pub fn message(&self) -> Option<&'static str> {
        Some(match self {
            Self::SessionAccountMismatch => "Session contamination: account ID mismatch",
            Self::SessionUserMismatch => "Session contamination: user ID mismatch",
            Self::AccountMissing => "Account not configured for this user",
            Self::AccountSuspended => "Account is suspended",
            Self::AccountCancelled => "Account is cancelled",
            Self::PlanMissing => "No subscription plan assigned",
            Self::PlanInactive => "Subscription plan is inactive",
            Self::UserInactive => "User account is inactive",
            Self::TokenRefreshFailed => "Token refresh failed - session expired",
            Self::NoRefreshToken => "No refresh token available",
            Self::AuthCredentialsMissing => "Authentication credentials were not provided",
            Self::ManualLogout => "User manually logged out",
            Self::AccountRequired => "Account not configured",
            Self::PlanRequired => "Plan not configured",
            // The draft says how many minutes (`drafts::idle_timeout`); this is the shape.
            Self::IdleTimeout => "Signed out after a period without activity",
            Self::SessionLifetimeEnded => "Session reached its maximum length",
            Self::Other(_) => return None,
        })
    }

    /// One sentence a person understands: what happened and what to do next. `None` for
    /// codes this client does not know (the box then shows the message that came with it).
    pub fn plain_words(&self) -> Option<&'static str> {
        Some(match self {
            Self::SessionAccountMismatch => "Your sign-in got mixed up with another account, so you were signed out to keep your data safe; please sign in again.",
            Self::SessionUserMismatch => "Your sign-in got mixed up with another user's, so you were signed out to keep your data safe; please sign in again.",
            Self::AccountMissing => "Your user has no account set up yet, so you were signed out; please contact support to have it set up.",
            Self::AccountSuspended => "Your account has been suspended, so you were signed out; please contact support or your billing contact to restore it.",
            Self::AccountCancelled => "Your account has been cancelled, so you were signed out; please contact support if you want to reopen it.",
            Self::PlanMissing => "Your account has no subscription plan, so you were signed out; please choose a plan or contact billing.",
            Self::PlanInactive => "Your subscription plan is no longer active, so you were signed out; please renew or update your billing details.",
            Self::UserInactive => "Your user has been deactivated, so you were signed out; please ask your administrator to reactivate it.",
            Self::TokenRefreshFailed => "Your session expired and could not be renewed; please sign in again.",
            Self::NoRefreshToken => "Your saved sign-in was missing, so your session could not continue; please sign in again.",
            Self::AuthCredentialsMissing => "The server did not receive your sign-in, so you were signed out; please sign in again.",
            Self::ManualLogout => "You signed out; sign in again whenever you like.",
            Self::AccountRequired => "Your user has no account set up, so you were signed out; please contact support to have it set up.",
            Self::PlanRequired => "Your account has no subscription plan, so you were signed out; please choose a plan or contact billing.",
            Self::IdleTimeout => "You were signed out after a while without activity, to keep your account safe; please sign in again.",
            Self::SessionLifetimeEnded => "Your session reached its maximum length, so you were signed out; please sign in again.",
            Self::Other(_) => return None,
        })
    }

    /// Whether the session ended without the user asking (everything but a manual sign out).
    pub fn is_automatic(&self) -> bool {
        !matches!(self, Self::ManualLogout)
    }

    /// The source the contract pairs with a code when the client raises it itself.
    pub fn source(&self) -> LogoutSource {
        match self {
            Self::TokenRefreshFailed => LogoutSource::TokenRefreshFailure,
            Self::NoRefreshToken => LogoutSource::MissingRefreshToken,
            Self::AuthCredentialsMissing => LogoutSource::Api403AuthError,
            Self::ManualLogout => LogoutSource::ManualUserAction,
            Self::AccountRequired | Self::PlanRequired => LogoutSource::RefreshUserValidation,
            Self::IdleTimeout => LogoutSource::IdleTimeout,
            Self::SessionLifetimeEnded => LogoutSource::SessionLifetime,
            _ => LogoutSource::BackendMiddleware,
        }
    }
}

impl From<String> for LogoutCode {
    fn from(value: String) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|known| known.as_str() == value)
            .unwrap_or(Self::Other(value))
    }
}

impl From<&str> for LogoutCode {
    fn from(value: &str) -> Self {
        Self::from(value.to_owned())
    }
}

impl From<LogoutCode> for String {
    fn from(value: LogoutCode) -> Self {
        value.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_round_trips_through_its_string() {
        for code in LogoutCode::KNOWN {
            assert_eq!(LogoutCode::from(code.as_str()), code);
            assert!(code.message().is_some(), "{code:?} has a message");
        }
    }

    #[test]
    fn the_contract_table_is_kept_word_for_word() {
        use LogoutSource::*;
        let table = [
            (
                "SESSION_ACCOUNT_MISMATCH",
                "Session contamination: account ID mismatch",
                BackendMiddleware,
            ),
            (
                "SESSION_USER_MISMATCH",
                "Session contamination: user ID mismatch",
                BackendMiddleware,
            ),
            (
                "ACCOUNT_MISSING",
                "Account not configured for this user",
                BackendMiddleware,
            ),
            ("ACCOUNT_SUSPENDED", "Account is suspended", BackendMiddleware),
            ("ACCOUNT_CANCELLED", "Account is cancelled", BackendMiddleware),
            ("PLAN_MISSING", "No subscription plan assigned", BackendMiddleware),
            ("PLAN_INACTIVE", "Subscription plan is inactive", BackendMiddleware),
            ("USER_INACTIVE", "User account is inactive", BackendMiddleware),
            (
                "TOKEN_REFRESH_FAILED",
                "Token refresh failed - session expired",
                TokenRefreshFailure,
            ),
            ("NO_REFRESH_TOKEN", "No refresh token available", MissingRefreshToken),
            (
                "AUTH_CREDENTIALS_MISSING",
                "Authentication credentials were not provided",
                Api403AuthError,
            ),
            ("MANUAL_LOGOUT", "User manually logged out", ManualUserAction),
            ("ACCOUNT_REQUIRED", "Account not configured", RefreshUserValidation),
            ("PLAN_REQUIRED", "Plan not configured", RefreshUserValidation),
            (
                "IDLE_TIMEOUT",
                "Signed out after a period without activity",
                IdleTimeout,
            ),
            (
                "SESSION_LIFETIME_ENDED",
                "Session reached its maximum length",
                SessionLifetime,
            ),
        ];
        assert_eq!(table.len(), LogoutCode::KNOWN.len());
        for (name, message, source) in table {
            let code = LogoutCode::from(name);
            assert!(!matches!(code, LogoutCode::Other(_)), "{name} is known");
            assert_eq!(code.message(), Some(message));
            assert_eq!(code.source(), source);
        }
    }

    #[test]
    fn unknown_codes_are_kept_as_they_come() {
        let code = LogoutCode::from("ACCOUNT_FROZEN_BY_ADMIN");
        assert_eq!(code, LogoutCode::Other("ACCOUNT_FROZEN_BY_ADMIN".into()));
        assert_eq!(code.as_str(), "ACCOUNT_FROZEN_BY_ADMIN");
        assert_eq!(code.message(), None);
        assert_eq!(code.source(), LogoutSource::BackendMiddleware);
    }

    #[test]
    fn sources_round_trip_and_unknown_ones_are_kept() {
        for name in [
            "backend_middleware",
            "token_refresh_failure",
            "missing_refresh_token",
            "api_403_auth_error",
            "manual_user_action",
            "refresh_user_validation",
            "someone_else",
        ] {
            assert_eq!(LogoutSource::from(name.to_owned()).as_str(), name);
        }
    }

    fn plain(code: &str) -> &'static str {
        LogoutCode::from(code).plain_words().unwrap_or_default()
    }

    #[test]
    fn session_account_mismatch_in_plain_words() {
        let words = plain("SESSION_ACCOUNT_MISMATCH");
        assert!(
            words.contains("mixed up with another account") && words.contains("sign in again"),
            "{words}"
        );
    }

    #[test]
    fn session_user_mismatch_in_plain_words() {
        let words = plain("SESSION_USER_MISMATCH");
        assert!(
            words.contains("mixed up with another user") && words.contains("sign in again"),
            "{words}"
        );
    }

    #[test]
    fn account_missing_in_plain_words() {
        let words = plain("ACCOUNT_MISSING");
        assert!(
            words.contains("no account") && words.contains("contact support"),
            "{words}"
        );
    }

    #[test]
    fn account_suspended_in_plain_words() {
        let words = plain("ACCOUNT_SUSPENDED");
        assert!(
            words.contains("suspended") && words.contains("contact support"),
            "{words}"
        );
    }

    #[test]
    fn account_cancelled_in_plain_words() {
        let words = plain("ACCOUNT_CANCELLED");
        assert!(
            words.contains("cancelled") && words.contains("contact support"),
            "{words}"
        );
    }

    #[test]
    fn plan_missing_in_plain_words() {
        let words = plain("PLAN_MISSING");
        assert!(
            words.contains("no subscription plan") && words.contains("choose a plan"),
            "{words}"
        );
    }

    #[test]
    fn plan_inactive_in_plain_words() {
        let words = plain("PLAN_INACTIVE");
        assert!(
            words.contains("no longer active") && words.contains("billing"),
            "{words}"
        );
    }

    #[test]
    fn user_inactive_in_plain_words() {
        let words = plain("USER_INACTIVE");
        assert!(
            words.contains("deactivated") && words.contains("administrator"),
            "{words}"
        );
    }

    #[test]
    fn token_refresh_failed_in_plain_words() {
        let words = plain("TOKEN_REFRESH_FAILED");
        assert!(words.contains("expired") && words.contains("sign in again"), "{words}");
    }

    #[test]
    fn no_refresh_token_in_plain_words() {
        let words = plain("NO_REFRESH_TOKEN");
        assert!(words.contains("missing") && words.contains("sign in again"), "{words}");
    }

    #[test]
    fn auth_credentials_missing_in_plain_words() {
        let words = plain("AUTH_CREDENTIALS_MISSING");
        assert!(
            words.contains("did not receive your sign-in") && words.contains("sign in again"),
            "{words}"
        );
    }

    #[test]
    fn manual_logout_in_plain_words() {
        let words = plain("MANUAL_LOGOUT");
        assert!(words.contains("You signed out"), "{words}");
    }

    #[test]
    fn account_required_in_plain_words() {
        let words = plain("ACCOUNT_REQUIRED");
        assert!(
            words.contains("no account") && words.contains("contact support"),
            "{words}"
        );
    }

    #[test]
    fn plan_required_in_plain_words() {
        let words = plain("PLAN_REQUIRED");
        assert!(
            words.contains("no subscription plan") && words.contains("choose a plan"),
            "{words}"
        );
    }

    #[test]
    fn every_known_code_has_one_plain_sentence_and_unknown_ones_none() {
        for code in LogoutCode::KNOWN {
            let words = code.plain_words().unwrap_or_default();
            assert!(
                words.ends_with('.') && words.matches(". ").count() == 0,
                "{code:?}: one sentence"
            );
            assert!(!words.contains('_'), "{code:?}: no code names in plain words");
        }
        assert_eq!(LogoutCode::from("ACCOUNT_FROZEN_BY_ADMIN").plain_words(), None);
    }

    #[test]
    fn only_a_manual_sign_out_is_not_automatic() {
        for code in LogoutCode::KNOWN {
            assert_eq!(code.is_automatic(), code != LogoutCode::ManualLogout, "{code:?}");
        }
        assert!(LogoutCode::from("SOMETHING_NEW").is_automatic());
    }
}
