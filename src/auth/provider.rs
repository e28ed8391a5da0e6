//! `<AuthProvider>` holds the auth state (`use_reducer`) and the API client; `use_auth`
//! reads them and adds the domain methods: login, logout, refresh_user.

use yew::prelude::*;
use yew_router::prelude::*;

use super::state::{AuthAction, AuthState};
use super::reread_user::reread_user;
use super::user_cache;
use crate::api::models::User;
use crate::api::{ApiClient, ApiError};
use crate::config::Config;
use crate::routes::Route;

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
            None => self.client.me().await?,
        };
        user_cache::save(&user);
        self.state.dispatch(AuthAction::SignedIn(user.clone()));
        let auth = self.clone();
        wasm_bindgen_futures::spawn_local(async move { auth.refresh_user().await });
        Ok(user)
    }

    /// The Sign out button: MANUAL_LOGOUT is captured before anything is cleared.
    pub fn logout(&self) {
        let email = self.user().map(|user| user.email.clone()).unwrap_or_default();
        self.client.sign_out(&email);
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
        let client = client.clone();
        let dispatcher = state.dispatcher();
        move |_| {
            client.on_session_end(move |_reason| {
                user_cache::clear();
                go_to_sign_in(navigator.as_ref());
                dispatcher.dispatch(AuthAction::SessionEnded);
            })
        }
    });

    // Read by the `storage` listener below, which outlives this render.
    let signed_in_now = use_mut_ref(|| false);
    *signed_in_now.borrow_mut() = state.user().is_some();

    let auth = Auth { state, client: (*client).clone() };

    // Start-up, and whenever the tab becomes visible again: re-read `me`.
    use_effect_with((), {
        let auth = auth.clone();
        let signed_in_now = signed_in_now.clone();
        move |_| {
            if auth.client.has_session() {
                let start = auth.clone();
                wasm_bindgen_futures::spawn_local(async move { start.refresh_user().await });
            }
            // Another tab's logout removes the shared tokens: this tab follows it.
            let tokens_removed = web_sys::window().map(|window| {
                let client = auth.client.clone();
                gloo_events::EventListener::new(&window, "storage", move |_| {
                    if *signed_in_now.borrow() {
                        client.follow_session_end_elsewhere();
                    }
                })
            });
            let document = gloo_utils_document();
            let listener = document.map(|document| {
                gloo_events::EventListener::new(&document, "visibilitychange", move |_| {
                    let visible = gloo_utils_document()
                        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                    if visible && auth.client.has_session() {
                        let auth = auth.clone();
                        wasm_bindgen_futures::spawn_local(async move { auth.refresh_user().await });
                    }
                })
            });
            move || drop((listener, tokens_removed))
        }
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
                let _ = window.location().replace("/signin");
            }
        }
    }
}

fn gloo_utils_document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}
