//! What ending a session does, decided in one place: from how it ended and a few facts of
//! this tab to the ordered steps that `run.rs` carries out. Pure, and tested as a table
//! (one row per kind of end) and with properties that must hold in every order.
//!
//! The order is the contract's (sections 4, 5 and 10): what the reason needs from the page
//! is captured before anything changes; the tokens are gone (cleared, and the refresh token
//! revoked) before any text of the backend's is read, so that a huge or hostile body cannot
//! keep a session alive; the reason is stored before the page is left; a session that another
//! tab ended first is that tab's to explain, so this tab stores and reports nothing.

use super::end::{EndKind, SessionEnd};

/// What the plan needs to know of this tab when a session ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// A refresh token is held: there is one to revoke.
    pub refresh_token_held: bool,
    /// localStorage can be written (not blocked); when it cannot, the reason waits in memory.
    pub storage_usable: bool,
    /// This tab held tokens and storage holds none now: another tab ended the session first.
    pub ended_elsewhere_first: bool,
    /// `reauth_in_place` is on: an end that signing in again fixes keeps the page under the
    /// `Session Ended` dialog (CONTRACT 11.3).
    pub reauth_in_place: bool,
}

/// One thing ending a session does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The page, the last app page, the time and the tokens held, before anything changes.
    CaptureContext,
    /// The tokens leave storage and memory.
    ClearTokens,
    /// The backend is asked to revoke the captured refresh token (the user never waits).
    RevokeRefreshToken,
    /// The draft becomes the reason: the page, the time, no secret, bounded.
    CompleteReason,
    /// An automatic end joins the logout history (and may gain `"repeat": N`).
    RecordHistory,
    /// A sign-out starts the history's count again.
    ResetHistory,
    /// `logout_reason` in localStorage for the sign-in page (in memory if the write fails).
    StoreReason,
    /// Storage cannot be used: the sign-in page of this tab reads the reason from memory.
    KeepReasonInMemory,
    /// `🚨 LOGOUT TRIGGERED - …` on the console.
    LogTriggered,
    /// `🚪 LOGOUT - User Action: …` on the console.
    LogSignOut,
    /// An info line: the session ended in another tab.
    LogEndedElsewhere,
    /// The reason goes to the backend's logout events.
    Report,
    /// The other tabs are told the reason (they show it, prefixed).
    TellOtherTabs,
    /// The stored reason is the other tab's to take, not this one's.
    NoteEndedElsewhere,
    /// The remembered user is forgotten, the app state says signed out, `/signin` replaces
    /// the page.
    LeaveForSignIn,
    /// The page stays, under the `Session Ended` dialog to sign in again; the requests the
    /// end made fail are held until it closes.
    OfferSignInHere,
}

/// The steps of ending a session, in order.
pub fn plan(end: &SessionEnd, facts: Facts) -> Vec<Step> {
    use Step::*;
    let kind = end.kind();
    if kind == EndKind::AnotherTab || (kind != EndKind::SignOut && facts.ended_elsewhere_first) {
        return vec![NoteEndedElsewhere, LogEndedElsewhere, LeaveForSignIn];
    }
    let signed_out = kind == EndKind::SignOut;
    let mut steps = vec![CaptureContext, ClearTokens];
    if facts.refresh_token_held {
        steps.push(RevokeRefreshToken);
    }
    steps.push(CompleteReason);
    steps.push(if signed_out { ResetHistory } else { RecordHistory });
    steps.push(if facts.storage_usable {
        StoreReason
    } else {
        KeepReasonInMemory
    });
    steps.push(if signed_out { LogSignOut } else { LogTriggered });
    steps.extend([Report, TellOtherTabs]);
    steps.push(if facts.reauth_in_place && end.fixed_by_signing_in_again() {
        OfferSignInHere
    } else {
        LeaveForSignIn
    });
    steps
}

#[cfg(test)]
mod tests {
    use serde_json::Map;

    use super::Step::*;
    use super::*;
    use crate::logout::backend_body::BackendBody;
    use crate::logout::drafts::{self, StaleAccess};
    use crate::logout::{LogoutCode, LogoutDraft};

    const USUAL: Facts = Facts {
        refresh_token_held: true,
        storage_usable: true,
        ended_elsewhere_first: false,
        reauth_in_place: false,
    };

    fn stale() -> StaleAccess {
        StaleAccess {
            endpoint: "/api/v1/auth/me/".into(),
            status: 401,
            detail: Some("Token is invalid or expired".into()),
            code: Some("token_not_valid".into()),
            sent_with_token: true,
            renewed_early: false,
            described: Default::default(),
        }
    }

    /// One end of each kind, as the app raises it.
    fn one_of_each() -> Vec<(EndKind, SessionEnd)> {
        let body = BackendBody::default();
        vec![
            (
                EndKind::BackendReason,
                SessionEnd::Logout(drafts::backend_middleware(
                    "PLAN_INACTIVE",
                    &body,
                    "/api/v1/content/",
                    401,
                )),
            ),
            (
                EndKind::RefreshFailed,
                SessionEnd::Logout(drafts::refresh_failed(&stale(), 401, &body)),
            ),
            (
                EndKind::NoRefreshToken,
                SessionEnd::Logout(drafts::no_refresh_token(&stale())),
            ),
            (
                EndKind::CredentialsMissing,
                SessionEnd::Logout(drafts::credentials_missing(&body, "/api/v1/content/", 403, false)),
            ),
            (
                EndKind::Validation,
                SessionEnd::Logout(LogoutDraft::new(LogoutCode::PlanRequired, Map::new())),
            ),
            (
                EndKind::SignOut,
                SessionEnd::SignOut {
                    email: "demo@example.com".into(),
                },
            ),
            (EndKind::AnotherTab, SessionEnd::Elsewhere),
            (
                EndKind::OnTime,
                SessionEnd::Logout(drafts::idle_timeout(900, "2026-12-05T08:00:00.000Z")),
            ),
            (
                EndKind::OnTime,
                SessionEnd::Logout(drafts::session_lifetime_ended("2026-12-05T09:00:00.000Z")),
            ),
        ]
    }

    #[test]
    fn every_kind_of_end_has_its_steps() {
        let automatic = vec![
            CaptureContext,
            ClearTokens,
            RevokeRefreshToken,
            CompleteReason,
            RecordHistory,
            StoreReason,
            LogTriggered,
            Report,
            TellOtherTabs,
            LeaveForSignIn,
        ];
        let sign_out = vec![
            CaptureContext,
            ClearTokens,
            RevokeRefreshToken,
            CompleteReason,
            ResetHistory,
            StoreReason,
            LogSignOut,
            Report,
            TellOtherTabs,
            LeaveForSignIn,
        ];
        let elsewhere = vec![NoteEndedElsewhere, LogEndedElsewhere, LeaveForSignIn];
        for (kind, end) in one_of_each() {
            assert_eq!(end.kind(), kind, "{end:?}");
            let expected = match kind {
                EndKind::SignOut => &sign_out,
                EndKind::AnotherTab => &elsewhere,
                _ => &automatic,
            };
            assert_eq!(&plan(&end, USUAL), expected, "{kind:?}");
        }
    }

    #[test]
    fn the_ends_a_sign_in_fixes_keep_the_page_under_the_dialog_and_do_all_the_rest() {
        let facts = Facts {
            reauth_in_place: true,
            ..USUAL
        };
        for (kind, end) in one_of_each() {
            let steps = plan(&end, facts);
            let stays = steps.last() == Some(&OfferSignInHere);
            assert_eq!(stays, end.fixed_by_signing_in_again(), "{kind:?}: {steps:?}");
            if stays {
                let mut leaving = steps.clone();
                *leaving.last_mut().expect("steps") = LeaveForSignIn;
                assert_eq!(leaving, plan(&end, USUAL), "{kind:?}: everything else as usual");
            }
        }
        let fixed: Vec<EndKind> = one_of_each()
            .into_iter()
            .filter(|(_, end)| end.fixed_by_signing_in_again())
            .map(|(kind, _)| kind)
            .collect();
        assert_eq!(
            fixed,
            [
                EndKind::RefreshFailed,
                EndKind::NoRefreshToken,
                EndKind::OnTime,
                EndKind::OnTime
            ]
        );
    }

    #[test]
    fn without_a_refresh_token_nothing_is_revoked() {
        let facts = Facts {
            refresh_token_held: false,
            ..USUAL
        };
        for (kind, end) in one_of_each() {
            assert!(!plan(&end, facts).contains(&RevokeRefreshToken), "{kind:?}");
        }
    }

    #[test]
    fn with_storage_blocked_the_reason_waits_in_memory() {
        let facts = Facts {
            storage_usable: false,
            ..USUAL
        };
        let steps = plan(&SessionEnd::Logout(drafts::no_refresh_token(&stale())), facts);
        assert!(steps.contains(&KeepReasonInMemory) && !steps.contains(&StoreReason));
    }

    #[test]
    fn a_session_another_tab_ended_first_is_that_tabs_to_explain() {
        let facts = Facts {
            ended_elsewhere_first: true,
            ..USUAL
        };
        let steps = plan(&SessionEnd::Logout(drafts::no_refresh_token(&stale())), facts);
        assert_eq!(steps, vec![NoteEndedElsewhere, LogEndedElsewhere, LeaveForSignIn]);
        // The user's own Sign out is theirs, whatever another tab did.
        let sign_out = SessionEnd::SignOut { email: String::new() };
        assert!(plan(&sign_out, facts).contains(&StoreReason));
    }

    // proptest is a native dev-dependency: the wasm32 build of these tests has none.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;
        use serde_json::{json, Map};

        use super::super::Step::*;
        use super::super::*;
        use super::stale;
        use crate::logout::backend_body::BackendBody;
        use crate::logout::drafts;

        fn any_end() -> impl Strategy<Value = SessionEnd> {
            let text = ".{0,40}";
            prop_oneof![
                (text, text, text).prop_map(|(code, message, value)| {
                    let body = BackendBody {
                        logout_message: Some(message),
                        logout_context: Some(Map::from_iter([("note".to_string(), json!(value))])),
                        ..BackendBody::default()
                    };
                    SessionEnd::Logout(drafts::backend_middleware(&code, &body, "/api/v1/me/", 401))
                }),
                text.prop_map(|message| {
                    let mut draft = drafts::no_refresh_token(&stale());
                    draft.message = message;
                    SessionEnd::Logout(draft)
                }),
                text.prop_map(|email| SessionEnd::SignOut { email }),
                Just(SessionEnd::Elsewhere),
            ]
        }

        fn any_facts() -> impl Strategy<Value = Facts> {
            (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
                |(refresh_token_held, storage_usable, ended_elsewhere_first, reauth_in_place)| Facts {
                    refresh_token_held,
                    storage_usable,
                    ended_elsewhere_first,
                    reauth_in_place,
                },
            )
        }

        fn position(steps: &[Step], step: Step) -> Option<usize> {
            steps.iter().position(|s| *s == step)
        }

        proptest! {
            #[test]
            fn the_orderings_that_must_always_hold(end in any_end(), facts in any_facts()) {
                let steps = plan(&end, facts);
                // Leaving (or staying under the dialog) is last, once.
                let last = steps.last().copied();
                prop_assert!(matches!(last, Some(LeaveForSignIn | OfferSignInHere)), "{:?}", steps);
                let ways_out = steps.iter().filter(|s| matches!(s, LeaveForSignIn | OfferSignInHere)).count();
                prop_assert_eq!(ways_out, 1);
                // The page stays only where it may.
                if last == Some(OfferSignInHere) {
                    prop_assert!(facts.reauth_in_place && end.fixed_by_signing_in_again());
                }
                // Each step at most once.
                for step in &steps {
                    prop_assert_eq!(steps.iter().filter(|s| *s == step).count(), 1);
                }
                let ended_elsewhere = end == SessionEnd::Elsewhere
                    || (end.kind() != EndKind::SignOut && facts.ended_elsewhere_first);
                if ended_elsewhere {
                    // Stores, logs 🚨 and reports nothing: the other tab did.
                    for step in [StoreReason, KeepReasonInMemory, Report, TellOtherTabs, LogTriggered, RecordHistory] {
                        prop_assert!(!steps.contains(&step), "{:?} in {:?}", step, steps);
                    }
                    return Ok(());
                }
                // The context is captured before anything is cleared.
                prop_assert_eq!(position(&steps, CaptureContext), Some(0));
                // The tokens are cleared, and revoked when held, whatever the reason's text, and
                // before any of it is read.
                let complete = position(&steps, CompleteReason).expect("the reason is completed");
                prop_assert!(position(&steps, ClearTokens).is_some_and(|at| at < complete));
                if facts.refresh_token_held {
                    prop_assert!(position(&steps, RevokeRefreshToken).is_some_and(|at| at < complete));
                }
                // The reason is whole (history's repeat included) before it is kept, logged or sent.
                let history = position(&steps, RecordHistory).or(position(&steps, ResetHistory)).expect("history");
                prop_assert!(complete < history);
                let kept = position(&steps, StoreReason).or(position(&steps, KeepReasonInMemory)).expect("kept");
                for later in [LogTriggered, LogSignOut, Report, TellOtherTabs] {
                    if let Some(at) = position(&steps, later) {
                        prop_assert!(history < at && kept < at, "{:?} in {:?}", later, steps);
                    }
                }
            }
        }
    }
}
