//! `Auth`: what `<AuthProvider>` provides and `use_auth` reads: the auth state, the API
//! client and this tab's session state, with the domain methods (login, logout, refresh_user,
//! retry).

use std::rc::Rc;

use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::Routable;

use super::reread_user::reread_user;
use super::state::{AuthAction, AuthState, AuthStatus};
use super::user_cache;
use crate::api::models::User;
use crate::api::{ApiClient, ApiError};
use crate::routes::Route;
use crate::session::held_requests::Outcome;
use crate::session::same_user::{is_same_user, Identity};
use crate::session::timekeeper::browser_now_ms;
use crate::session::{activity, history_store, SessionEnd, SessionState};

#[derive(Clone, PartialEq)]
pub struct Auth {
    state: UseReducerHandle<AuthState>,
    client: ApiClient,
    session: Rc<SessionState>,
    /// Whether `config.json` had arrived at this render: when it arrives after the first
    /// one, the pages that show its links render again.
    config_arrived: bool,
}

impl Auth {
    pub fn new(state: UseReducerHandle<AuthState>, client: ApiClient, session: Rc<SessionState>) -> Self {
        let config_arrived = client.has_config();
        Self {
            state,
            client,
            session,
            config_arrived,
        }
    }

    pub fn state(&self) -> &AuthState {
        &self.state
    }

    pub fn user(&self) -> Option<&User> {
        self.state.user()
    }

    pub fn client(&self) -> &ApiClient {
        &self.client
    }

    pub fn session(&self) -> &SessionState {
        &self.session
    }

    /// Signs in; the backend's refusal comes back as the error, never as a logout.
    /// `me` is re-read right after, so the account and plan checks run.
    pub async fn login(&self, email: &str, password: &str) -> Result<User, ApiError> {
        let tokens = self.client.login(email, password).await?;
        let user = match tokens.user {
            Some(user) => user,
            None => match self.client.me().await {
                Ok(user) => user,
                Err(error) => {
                    // Signed in halfway: no tokens may stay behind a form that says it failed.
                    if error != ApiError::SessionEnded {
                        self.client.discard_session();
                    }
                    return Err(error);
                }
            },
        };
        user_cache::save(&user);
        self.session.note_user(user.id, &user.email);
        history_store::note_sign_in(chrono::Utc::now());
        // Signing in is activity: an idle time left from before starts again.
        activity::note_activity(browser_now_ms(), true);
        self.session.forget_ended_elsewhere();
        self.state.dispatch(AuthAction::SignedIn(user.clone()));
        self.refresh_user_in_background();
        Ok(user)
    }

    /// The Sign out button: MANUAL_LOGOUT is captured before anything is cleared.
    pub fn logout(&self) {
        let email = self.user().map(|user| user.email.clone()).unwrap_or_default();
        self.client.end_session(SessionEnd::SignOut { email });
    }

    /// Re-reads `me` (start-up, after sign-in, tab visible again) and logs out a user
    /// without account or plan. Other failures leave the session alone.
    pub async fn refresh_user(&self) {
        match reread_user(&self.client).await {
            // A late answer after a logout must not bring the user back.
            Ok(user) if self.client.has_session() => {
                user_cache::save(&user);
                self.session.note_user(user.id, &user.email);
                self.state.dispatch(AuthAction::UserRefreshed(user));
            }
            Ok(_) | Err(ApiError::SessionEnded) => {}
            Err(error) => self.state.dispatch(AuthAction::CheckFailed(error.to_string())),
        }
    }

    /// The user's Retry (or the browser back online): the user and the page's data are
    /// asked for again.
    pub fn retry(&self) {
        self.state.dispatch(AuthAction::Retry);
        self.refresh_user_in_background();
    }

    /// The browser says it is offline: the protected pages show the server-unreachable line.
    pub fn server_unreachable(&self) {
        self.state.dispatch(AuthAction::ServerUnreachable);
    }

    /// [`Self::refresh_user`] without waiting for it, when a session is held.
    pub fn refresh_user_in_background(&self) {
        if self.client.has_session() {
            let auth = self.clone();
            wasm_bindgen_futures::spawn_local(async move { auth.refresh_user().await });
        }
    }

    /// Another tab signed in (its tokens and user are in storage now): when it is the user
    /// whose session ended here, this tab comes back too, without typing anything (CONTRACT
    /// 11.4); the sign-in page then returns to the page in its reason. Another user's
    /// sign-in leaves this tab signed out.
    pub fn follow_sign_in_elsewhere(&self) {
        let under_dialog = matches!(self.state.status, AuthStatus::SignInAgain(..));
        if (self.user().is_some() && !under_dialog) || !self.client.has_session() {
            return;
        }
        let (Some(user), Some(ended)) = (user_cache::load(), self.session.last_user()) else {
            return;
        };
        if !is_same_user(&ended, &identity(&user)) {
            return;
        }
        self.client.adopt_session();
        self.session.forget_ended_elsewhere();
        self.state.dispatch(AuthAction::SignedIn(user));
        if under_dialog {
            // The dialog closes (its reason done with) and the page carries on with its
            // held requests.
            self.session.take_reason();
            self.client.release_held_requests(Outcome::SameUser);
        }
        self.refresh_user_in_background();
    }

    /// `Sign in` in the `Session Ended` dialog over the page (CONTRACT 11.3). The same user:
    /// the dialog closes, the page carries on, its held requests are sent once more. Another
    /// user: nothing of the page is kept (its held requests are dropped) and the tab goes to
    /// `/dashboard`. A refusal comes back as the error, word for word, as on `/signin`.
    pub async fn sign_in_again(&self, email: &str, password: &str) -> Result<(), ApiError> {
        let ended = self.session.last_user();
        let user = self.login(email, password).await?;
        // The dialog closes: the reason it showed is done with.
        self.session.take_reason();
        if ended.is_some_and(|ended| is_same_user(&ended, &identity(&user))) {
            self.client.release_held_requests(Outcome::SameUser);
        } else {
            self.client.release_held_requests(Outcome::Dropped);
            go_to(&Route::Dashboard);
        }
        Ok(())
    }

    /// `Sign out` in the dialog: its held requests are dropped and the tab goes to `/signin`,
    /// where the reason already recorded shows (no MANUAL_LOGOUT is added).
    pub fn leave_sign_in_again(&self) {
        self.client.release_held_requests(Outcome::Dropped);
        user_cache::clear();
        go_to(&Route::SignIn);
        self.state.dispatch(AuthAction::SessionEnded);
    }

    /// Another tab announced why it ended the session: this tab shows that reason, and its
    /// own session (the same tokens) ends with it, once.
    pub fn follow_reason_from_another_tab(&self, reason: crate::logout::LogoutReason) {
        self.session.receive_from_another_tab(reason);
        self.client.end_session(SessionEnd::Elsewhere);
        // The sign-in page reads again, now that the reason is here.
        self.state.dispatch(AuthAction::SessionEnded);
    }
}

fn identity(user: &User) -> Identity {
    Identity {
        id: Some(user.id),
        email: user.email.clone(),
    }
}

/// Replaces the page with `route` (the dialog's ways out), as the router's own history.
fn go_to(route: &Route) {
    BrowserHistory::new().replace(route.to_path());
}

/// The auth store, for any component under `<AuthProvider>`.
#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth is called under <AuthProvider>")
}
