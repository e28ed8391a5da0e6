//! What happens when a session ends, whatever ended it: the reason is completed (page,
//! time, no secrets) and logged, stored for the sign-in page before anything is cleared,
//! reported to the backend, the refresh token is revoked, the tokens are cleared, and the
//! app is told (`after`), which replaces the page with `/signin`.

use crate::api::{ApiClient, SessionEnd};
use crate::logout::{drafts, LogoutDraft, LogoutReason};
use crate::{console, logout_history_store, navigation, reason_store, session_broadcast};

/// Makes `client` end sessions this way; `after` gets this tab's reason, or `None` when
/// another tab ended the session (its reason stands, and it reported it).
pub fn handle_session_ends(client: &ApiClient, after: impl Fn(Option<&LogoutReason>) + 'static) {
    client.on_session_end(move |client, end| match end {
        SessionEnd::Logout(draft) => {
            let mut reason = complete(client, draft);
            logout_history_store::record(&mut reason);
            console::log_logout_triggered(&reason);
            finish(client, &reason);
            session_broadcast::announce(&reason);
            after(Some(&reason));
        }
        SessionEnd::SignOut { email } => {
            // Captured before anything is cleared.
            let has_token = client.tokens().access().is_some();
            let reason = complete(client, drafts::manual_logout(&email, has_token));
            console::log_manual_logout(&reason);
            logout_history_store::reset();
            finish(client, &reason);
            session_broadcast::announce(&reason);
            after(Some(&reason));
        }
        SessionEnd::Elsewhere => {
            gloo_console::info!("Session ended in another tab of this browser.");
            reason_store::note_ended_elsewhere();
            after(None);
        }
    });
}

/// The page the user was on and the time, added to what the decision knew; whatever the
/// backend or the decision put in it, no token held now survives into the reason.
fn complete(client: &ApiClient, draft: LogoutDraft) -> LogoutReason {
    let current = navigation::current_page();
    let held: Vec<String> = [client.tokens().access(), client.tokens().refresh()]
        .into_iter()
        .flatten()
        .collect();
    let held: Vec<&str> = held.iter().map(String::as_str).collect();
    LogoutReason::from_draft(
        draft,
        &current,
        navigation::last_app_page().as_deref(),
        chrono::Utc::now(),
        &held,
    )
}

/// Stores the reason before anything is cleared, reports it, revokes the refresh token
/// (whatever ended the session: a backend that refused one request would still renew
/// with it) and clears the tokens.
fn finish(client: &ApiClient, reason: &LogoutReason) {
    if let Err(error) = reason_store::save_reason(reason) {
        gloo_console::warn!(format!("logout_reason could not be stored: {error}"));
    }
    client.report_logout(&reason.to_json());
    if let Some(refresh) = client.tokens().refresh() {
        client.revoke(&refresh, client.tokens().access().as_deref());
    }
    client.tokens().clear();
}
