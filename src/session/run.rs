//! The executor: carries out the steps that `plan.rs` decided, one by one, with the browser
//! glue (the tokens, storage, the console, the backend, the other tabs). It decides nothing.

use chrono::{DateTime, Utc};

use super::broadcast;
use super::end::SessionEnd;
use super::history_store;
use super::navigation::current_page;
use super::plan::{plan, Facts, Step};
use super::state::SessionState;
use crate::api::ApiClient;
use crate::logout::{drafts, LogoutReason};
use crate::{console, local_storage};

/// What the reason needs from the moment the session ended, before anything changes.
struct Captured {
    page: String,
    last_app_page: Option<String>,
    now: DateTime<Utc>,
    access: Option<String>,
    refresh: Option<String>,
}

/// Ends the session as its plan says; `leave` forgets the user, tells the app and replaces
/// the page with `/signin`; `stay` keeps the page under the `Session Ended` dialog with the
/// reason (CONTRACT 11.3). Returns the reason this tab recorded (none when another tab
/// ended the session).
pub fn finish_session(
    client: &ApiClient,
    session: &SessionState,
    end: SessionEnd,
    leave: &dyn Fn(),
    stay: &dyn Fn(LogoutReason),
) -> Option<LogoutReason> {
    let tokens = client.tokens();
    let facts = Facts {
        refresh_token_held: tokens.refresh().is_some(),
        storage_usable: local_storage::is_available(),
        ended_elsewhere_first: tokens.vanished(),
        reauth_in_place: client.config().reauth_in_place,
    };
    let mut captured = None;
    let mut reason = None;
    for step in plan(&end, facts) {
        match step {
            Step::CaptureContext => {
                captured = Some(Captured {
                    page: current_page(),
                    last_app_page: session.last_app_page(),
                    now: Utc::now(),
                    access: tokens.access(),
                    refresh: tokens.refresh(),
                })
            }
            Step::ClearTokens => tokens.clear(),
            Step::RevokeRefreshToken => {
                if let Some(Captured {
                    refresh: Some(refresh),
                    access,
                    ..
                }) = &captured
                {
                    client.revoke(refresh, access.as_deref());
                }
            }
            Step::CompleteReason => reason = captured.as_ref().and_then(|captured| complete(&end, captured)),
            Step::RecordHistory => reason.iter_mut().for_each(history_store::record),
            Step::ResetHistory => history_store::reset(),
            Step::StoreReason => {
                if let Some(reason) = &reason {
                    if let Err(error) = session.save_reason(reason) {
                        gloo_console::warn!(format!("logout_reason could not be stored: {error}"));
                    }
                }
            }
            Step::KeepReasonInMemory => reason.iter().for_each(|reason| session.keep_reason_in_memory(reason)),
            Step::LogTriggered => reason.iter().for_each(console::log_logout_triggered),
            Step::LogSignOut => reason.iter().for_each(console::log_manual_logout),
            Step::LogEndedElsewhere => gloo_console::info!("Session ended in another tab of this browser."),
            Step::Report => {
                if let Some(reason) = &reason {
                    client.report_logout(reason.to_json());
                }
            }
            Step::TellOtherTabs => {
                if let Some(reason) = &reason {
                    broadcast::announce(session, reason);
                }
            }
            Step::NoteEndedElsewhere => session.note_ended_elsewhere(),
            Step::LeaveForSignIn => leave(),
            Step::OfferSignInHere => match &reason {
                Some(reason) => {
                    // The requests this end made fail wait for the dialog's outcome.
                    client.hold_failed_requests();
                    stay(reason.clone());
                }
                None => leave(),
            },
        }
    }
    reason
}

/// The page the user was on and the time, added to what the decision knew; whatever the
/// backend or the decision put in it, no token held when the session ended survives. Another
/// tab's end has no reason here.
fn complete(end: &SessionEnd, captured: &Captured) -> Option<LogoutReason> {
    let draft = match end {
        SessionEnd::Logout(draft) => draft.clone(),
        // Whether a token was held is a fact of the moment before the tokens were cleared.
        SessionEnd::SignOut { email } => drafts::manual_logout(email, captured.access.is_some()),
        SessionEnd::Elsewhere => return None,
    };
    let held: Vec<&str> = [&captured.access, &captured.refresh]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    Some(LogoutReason::from_draft(
        draft,
        &captured.page,
        captured.last_app_page.as_deref(),
        captured.now,
        &held,
    ))
}
