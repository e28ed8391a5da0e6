//! The auth store's state and its reducer. Pure: no web-sys, tested natively.

use std::rc::Rc;

use yew::Reducible;

use crate::api::models::User;
use crate::logout::LogoutReason;

#[derive(Clone, Debug, PartialEq)]
pub enum AuthStatus {
    /// Tokens are held but the user is not known yet (`me` is on its way).
    Checking,
    /// Tokens are held and `me` could not be reached: not a logout, just no data yet.
    Unreachable(String),
    SignedOut,
    SignedIn(User),
    /// The session ended, and the page stays under the `Session Ended` dialog for the user
    /// to sign in again there (CONTRACT 11.3), with the reason it shows.
    SignInAgain(User, Box<LogoutReason>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AuthState {
    pub status: AuthStatus,
    /// How many sessions ended while the app ran: the sign-in page reads the stored
    /// reason again when this changes.
    pub sessions_ended: u32,
    /// The last API request met a network error, a timeout or a 5xx (not a logout).
    pub server_unreachable: bool,
    /// How many times the user asked to try again: pages load their data again.
    pub retry_round: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AuthAction {
    /// A sign-in succeeded.
    SignedIn(User),
    /// `me` answered; ignored once the session has ended, so a late answer cannot sign
    /// the user back in.
    UserRefreshed(User),
    /// `me` could not be reached while the user was not known yet.
    CheckFailed(String),
    /// The session ended (any reason, manual included).
    SessionEnded,
    /// The session ended, and the page stays under the dialog to sign in again (CONTRACT 11.3).
    SessionEndedInPlace(Box<LogoutReason>),
    /// An API request failed for the network's or the server's sake, or the browser went
    /// offline.
    ServerUnreachable,
    /// An API request got an answer that was not a server error.
    ServerReachable,
    /// The user pressed Retry (or the browser came back online).
    Retry,
}

impl AuthState {
    /// The state at start-up: what the previous page load kept.
    pub fn restored(has_tokens: bool, cached_user: Option<User>) -> Self {
        let status = match (has_tokens, cached_user) {
            (false, _) => AuthStatus::SignedOut,
            (true, Some(user)) => AuthStatus::SignedIn(user),
            (true, None) => AuthStatus::Checking,
        };
        Self {
            status,
            sessions_ended: 0,
            server_unreachable: false,
            retry_round: 0,
        }
    }

    pub fn user(&self) -> Option<&User> {
        match &self.status {
            AuthStatus::SignedIn(user) | AuthStatus::SignInAgain(user, _) => Some(user),
            _ => None,
        }
    }

    pub fn next(&self, action: AuthAction) -> Self {
        match action {
            AuthAction::ServerUnreachable => {
                return Self {
                    server_unreachable: true,
                    ..self.clone()
                }
            }
            AuthAction::ServerReachable => {
                return Self {
                    server_unreachable: false,
                    ..self.clone()
                }
            }
            AuthAction::Retry => {
                return Self {
                    retry_round: self.retry_round.wrapping_add(1),
                    ..self.clone()
                }
            }
            _ => {}
        }
        let status = match (action, &self.status) {
            (AuthAction::SignedIn(user), _) => AuthStatus::SignedIn(user),
            (AuthAction::UserRefreshed(_), AuthStatus::SignedOut) => AuthStatus::SignedOut,
            // A late answer never closes the dialog: only signing in again does.
            (AuthAction::UserRefreshed(_), status @ AuthStatus::SignInAgain(..)) => status.clone(),
            (AuthAction::UserRefreshed(user), _) => AuthStatus::SignedIn(user),
            (AuthAction::CheckFailed(why), AuthStatus::Checking | AuthStatus::Unreachable(_)) => {
                AuthStatus::Unreachable(why)
            }
            (AuthAction::CheckFailed(_), status) => status.clone(),
            (AuthAction::SessionEndedInPlace(reason), AuthStatus::SignedIn(user)) => {
                return Self {
                    status: AuthStatus::SignInAgain(user.clone(), reason),
                    sessions_ended: self.sessions_ended + 1,
                    server_unreachable: false,
                    ..self.clone()
                };
            }
            // Nobody signed in to keep a page for: as any other end.
            (AuthAction::SessionEndedInPlace(_), _) | (AuthAction::SessionEnded, _) => {
                let sessions_ended = self.sessions_ended + 1;
                return Self {
                    status: AuthStatus::SignedOut,
                    sessions_ended,
                    server_unreachable: false,
                    ..self.clone()
                };
            }
            (AuthAction::ServerUnreachable | AuthAction::ServerReachable | AuthAction::Retry, status) => status.clone(),
        };
        Self { status, ..self.clone() }
    }
}

impl Reducible for AuthState {
    type Action = AuthAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let next = self.next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str) -> User {
        User {
            id: 1,
            email: email.into(),
            is_staff: false,
            account: None,
        }
    }

    #[test]
    fn start_up_follows_what_was_kept() {
        assert_eq!(
            AuthState::restored(false, Some(user("a"))).status,
            AuthStatus::SignedOut
        );
        assert_eq!(AuthState::restored(true, None).status, AuthStatus::Checking);
        assert_eq!(AuthState::restored(true, Some(user("a"))).user(), Some(&user("a")));
    }

    #[test]
    fn an_end_in_place_keeps_the_user_and_page_under_the_dialog_until_a_sign_in() {
        let reason = Box::new(
            LogoutReason::from_json(
                r#"{"code":"TOKEN_REFRESH_FAILED","message":"m","path":"/dashboard","context":{},"timestamp":"t","source":"token_refresh_failure"}"#,
            )
            .expect("a reason"),
        );
        let signed_in = AuthState::restored(true, Some(user("a")));
        let dialog = signed_in.next(AuthAction::SessionEndedInPlace(reason.clone()));
        assert_eq!(dialog.status, AuthStatus::SignInAgain(user("a"), reason.clone()));
        assert_eq!(dialog.user(), Some(&user("a")), "the page and its header stay");
        assert_eq!(dialog.sessions_ended, 1);
        let late = dialog.next(AuthAction::UserRefreshed(user("a")));
        assert_eq!(late.status, dialog.status, "a late me answer closes nothing");
        assert_eq!(
            dialog.next(AuthAction::SignedIn(user("a"))).status,
            AuthStatus::SignedIn(user("a"))
        );
        assert_eq!(dialog.next(AuthAction::SessionEnded).status, AuthStatus::SignedOut);
        // Nobody signed in: nothing to keep.
        let out = AuthState::restored(false, None).next(AuthAction::SessionEndedInPlace(reason));
        assert_eq!(out.status, AuthStatus::SignedOut);
    }

    #[test]
    fn a_late_me_answer_does_not_sign_the_user_back_in() {
        let ended = AuthState::restored(true, Some(user("a"))).next(AuthAction::SessionEnded);
        assert_eq!(ended.status, AuthStatus::SignedOut);
        assert_eq!(ended.sessions_ended, 1);
        assert_eq!(
            ended.next(AuthAction::UserRefreshed(user("a"))).status,
            AuthStatus::SignedOut
        );
    }

    #[test]
    fn a_failed_check_never_signs_out() {
        let checking = AuthState::restored(true, None);
        let unreachable = checking.next(AuthAction::CheckFailed("offline".into()));
        assert_eq!(unreachable.status, AuthStatus::Unreachable("offline".into()));
        assert_eq!(
            unreachable.next(AuthAction::UserRefreshed(user("b"))).user(),
            Some(&user("b"))
        );
        let signed_in = AuthState::restored(true, Some(user("a")));
        assert_eq!(signed_in.next(AuthAction::CheckFailed("offline".into())), signed_in);
    }

    #[test]
    fn an_unreachable_server_is_noted_and_cleared_and_never_signs_out() {
        let signed_in = AuthState::restored(true, Some(user("a")));
        let unreachable = signed_in.next(AuthAction::ServerUnreachable);
        assert!(unreachable.server_unreachable);
        assert_eq!(unreachable.user(), Some(&user("a")), "still signed in");
        let retried = unreachable.next(AuthAction::Retry);
        assert_eq!((retried.retry_round, retried.server_unreachable), (1, true));
        let back = retried.next(AuthAction::ServerReachable);
        assert!(!back.server_unreachable);
        assert_eq!(back.user(), Some(&user("a")));
        assert!(
            !unreachable.next(AuthAction::SessionEnded).server_unreachable,
            "a signed-out page shows no such line"
        );
    }

    #[test]
    fn every_ended_session_is_counted() {
        let state = AuthState::restored(false, None)
            .next(AuthAction::SignedIn(user("a")))
            .next(AuthAction::SessionEnded)
            .next(AuthAction::SignedIn(user("a")))
            .next(AuthAction::SessionEnded);
        assert_eq!(state.sessions_ended, 2);
    }
}
