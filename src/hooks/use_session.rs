//! This tab's session state, made once, with the API client wired to it: a session's end
//! goes to the session room's executor, the server's reachability to the auth state.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiClient;
use crate::auth::user_cache;
use crate::auth::{AuthAction, AuthState};
use crate::routes::Route;
use crate::session::run::finish_session;
use crate::session::SessionState;

/// Made while rendering the first time, not in an effect: the children's effects run before
/// this component's, and their first requests may already end a session.
#[hook]
pub fn use_session(client: &ApiClient, state: &UseReducerHandle<AuthState>) -> Rc<SessionState> {
    let navigator = use_navigator();
    let dispatcher = state.dispatcher();
    let client = client.clone();
    let session = use_memo((), move |_| {
        let session = Rc::new(SessionState::default());
        let reachability = dispatcher.clone();
        client.on_reachability(move |reachable| {
            reachability.dispatch(if reachable {
                AuthAction::ServerReachable
            } else {
                AuthAction::ServerUnreachable
            })
        });
        let ended = session.clone();
        client.on_session_end(move |client, end| {
            let leave = || {
                user_cache::clear();
                go_to_sign_in(navigator.as_ref());
                dispatcher.dispatch(AuthAction::SessionEnded);
            };
            let stay = |reason| dispatcher.dispatch(AuthAction::SessionEndedInPlace(Box::new(reason)));
            finish_session(client, &ended, end, &leave, &stay);
        });
        session
    });
    (*session).clone()
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
