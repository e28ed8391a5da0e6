//! Which ends of a session are mailed to the user. Pure.
//!
//! The ends the user did not ask for and may not understand: the middleware's eight codes,
//! which this server decides itself, and the two that only the client sees (its refresh
//! failed, or it had no refresh token), reported to `logout_events` by a request this server
//! can tie to the user. Never a sign out the user asked for. Not the idle and lifetime ends
//! either: the app warned about those on screen before they happened, and they recur by
//! design (a mail after every lunch break would teach users to ignore these mails).

use crate::app_code::LogoutCode;

/// Who found that the session was over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finder {
    /// This server's middleware, on a request of the user's.
    Middleware,
    /// The client, in a logout event this server tied to the user who sent it.
    ClientReport,
}

/// Whether an end of `code`, found by `finder`, is mailed to the user.
pub fn is_mailed(code: &LogoutCode, finder: Finder) -> bool {
    use LogoutCode::*;
    match finder {
        Finder::Middleware => matches!(
            code,
            SessionAccountMismatch
                | SessionUserMismatch
                | AccountMissing
                | AccountSuspended
                | AccountCancelled
                | PlanMissing
                | PlanInactive
                | UserInactive
        ),
        // The middleware's codes come back in the client's reports too: they were mailed
        // when the middleware found them.
        Finder::ClientReport => matches!(code, TokenRefreshFailed | NoRefreshToken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_middlewares_codes_and_the_clients_two_are_mailed_nothing_else() {
        for code in LogoutCode::KNOWN {
            let by_middleware = is_mailed(&code, Finder::Middleware);
            let by_report = is_mailed(&code, Finder::ClientReport);
            let expected_middleware = code.source().as_str() == "backend_middleware";
            assert_eq!(by_middleware, expected_middleware, "{}", code.as_str());
            let expected_report = matches!(code.as_str(), "TOKEN_REFRESH_FAILED" | "NO_REFRESH_TOKEN");
            assert_eq!(by_report, expected_report, "{}", code.as_str());
        }
        assert!(!is_mailed(&LogoutCode::ManualLogout, Finder::ClientReport));
        assert!(!is_mailed(&LogoutCode::from("SOMETHING_NEW"), Finder::Middleware));
    }
}
