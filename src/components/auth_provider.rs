//! `<AuthProvider>`: holds the auth state (`use_reducer`), the API client and this tab's
//! session state, and provides them as [`Auth`] (yew's contexts example: a small provider
//! holding `use_reducer`, read through `use_auth`). The wirings are hooks of their own.

use yew::prelude::*;

use crate::api::ApiClient;
use crate::auth::{user_cache, Auth, AuthState, AuthStatus};
use crate::components::reauth_dialog::ReauthDialog;
use crate::components::session_timeouts::session_timeouts;
use crate::config::Config;
use crate::hooks::{
    use_connectivity_events, use_follow_other_tabs, use_remember_app_page, use_session, use_session_countdown,
    use_wake_check,
};

#[derive(Properties, PartialEq)]
pub struct AuthProviderProps {
    /// `config.json`; `None` until it has arrived (the app renders without waiting for it).
    pub config: Option<Config>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn AuthProvider(props: &AuthProviderProps) -> Html {
    let client = use_memo((), {
        let config = props.config.clone();
        move |_| config.map_or_else(ApiClient::before_config, ApiClient::new)
    });
    // Arrived after the first render: the client takes it before this render reads it, and
    // the requests waiting for it go out. Only the first arrival counts.
    if let Some(config) = &props.config {
        client.config_arrived(config);
    }
    let state = use_reducer(|| AuthState::restored(client.has_session(), user_cache::load()));
    let session = use_session(&client, &state);
    let auth = Auth::new(state, (*client).clone(), session);
    if let Some(user) = auth.user() {
        // Who this tab's session belongs to, for a sign-in in another tab to compare with.
        auth.session().note_user(user.id, &user.email);
    }
    use_remember_app_page(&auth);
    use_follow_other_tabs(&auth);
    use_wake_check(&auth);
    // The warnings before an idle or lifetime end, over whatever page is open.
    let countdown = use_session_countdown(&auth);
    let warnings = session_timeouts(&auth, countdown);
    // `reauth_in_place`: the ended session's page stays under the dialog to sign in again.
    let sign_in_again = match &auth.state().status {
        AuthStatus::SignInAgain(user, reason) => html! {
            <ReauthDialog reason={(**reason).clone()} email={user.email.clone()} />
        },
        _ => Html::default(),
    };
    use_connectivity_events(&auth);
    // Start-up: the user as the backend sees them now.
    use_effect_with((), {
        let auth = auth.clone();
        move |_| auth.refresh_user_in_background()
    });
    html! {
        <ContextProvider<Auth> context={auth}>
            { props.children.clone() }
            { warnings }
            { sign_in_again }
        </ContextProvider<Auth>>
    }
}
