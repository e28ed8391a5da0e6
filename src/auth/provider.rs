//! `<AuthProvider>` holds the auth state (`use_reducer`) and the API client; `use_auth`
//! reads them and adds the domain methods: login, logout, refresh_user.

use yew::prelude::*;
use yew_router::prelude::*;

use super::reread_user::reread_user;
use super::session_end::handle_session_ends;
use super::state::{AuthAction, AuthState};
use super::user_cache;
use crate::api::models::User;
use crate::api::{ApiClient, ApiError, SessionEnd};
use crate::config::Config;
use crate::hooks::{
    no_cleanup, use_connectivity_events, use_effect_keyed, use_follow_other_tabs, use_refresh_when_visible,
};
use crate::logout::LogoutReason;
use crate::routes::Route;
use crate::{logout_history_store, reason_store};

/// What `use_auth` hands out: the state and the client, with the domain methods.
#[derive(Clone, PartialEq)]
pub struct Auth {
    state: UseReducerHandle<AuthState>,
    client: ApiClient,
}

impl Auth {
    pub fn state(&self) -> &AuthState {
        &self.state
    }

    pub fn user(&self) -> Option<&User> {
        self.state.user()
    }

    pub fn client(&self) -> &ApiClient {
        &self.client
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
        logout_history_store::note_sign_in(chrono::Utc::now());
        reason_store::forget_ended_elsewhere();
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

    /// [`Self::refresh_user`] without waiting for it, when a session is held.
    pub fn refresh_user_in_background(&self) {
        if self.client.has_session() {
            let auth = self.clone();
            wasm_bindgen_futures::spawn_local(async move { auth.refresh_user().await });
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AuthProviderProps {
    pub config: Config,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn AuthProvider(props: &AuthProviderProps) -> Html {
    let client = use_memo((), {
        let config = props.config.clone();
        move |_| ApiClient::new(config)
    });
    let state = use_reducer({
        let client = client.clone();
        move || AuthState::restored(client.has_session(), user_cache::load())
    });
    let navigator = use_navigator();

    // Wired while rendering the first time, before any child effect sends a request.
    use_memo((), {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        move |_| {
            let reachability = dispatcher.clone();
            client.on_reachability(move |reachable| {
                reachability.dispatch(if reachable {
                    AuthAction::ServerReachable
                } else {
                    AuthAction::ServerUnreachable
                })
            });
            handle_session_ends(&client, move |_reason| {
                user_cache::clear();
                go_to_sign_in(navigator.as_ref());
                dispatcher.dispatch(AuthAction::SessionEnded);
            })
        }
    });

    let reason_from_another_tab = {
        let (client, dispatcher) = (client.clone(), state.dispatcher());
        Callback::from(move |reason: LogoutReason| {
            reason_store::receive_from_another_tab(reason);
            // This tab's own tokens went with the other tab's logout: it ends too (once).
            client.end_session(SessionEnd::Elsewhere);
            // And the sign-in page reads again, now that the reason is here.
            dispatcher.dispatch(AuthAction::SessionEnded);
        })
    };
    use_follow_other_tabs((*client).clone(), state.user().is_some(), reason_from_another_tab);
    let auth = Auth {
        state,
        client: (*client).clone(),
    };
    use_refresh_when_visible({
        let auth = auth.clone();
        Callback::from(move |()| auth.refresh_user_in_background())
    });
    use_connectivity_events(
        {
            let dispatcher = auth.state.dispatcher();
            Callback::from(move |()| dispatcher.dispatch(AuthAction::ServerUnreachable))
        },
        {
            let auth = auth.clone();
            Callback::from(move |()| auth.retry())
        },
    );
    // Start-up: the user as the backend sees them now.
    use_effect_keyed(0, {
        let auth = auth.clone();
        Box::new(move || {
            auth.refresh_user_in_background();
            no_cleanup()
        })
    });

    html! {
        <ContextProvider<Auth> context={auth}>
            { props.children.clone() }
        </ContextProvider<Auth>>
    }
}

/// The auth store, for any component under `<AuthProvider>`.
#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth is called under <AuthProvider>")
}

/// After a logout, the sign-in page replaces the current entry: Back does not return
/// to a page that can only fail.
fn go_to_sign_in(navigator: Option<&Navigator>) {
    match navigator {
        Some(navigator) => navigator.replace(&Route::SignIn),
        None => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().replace(&Route::SignIn.to_path());
            }
        }
    }
}
