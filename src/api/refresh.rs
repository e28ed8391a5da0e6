//! Renewing the access token: one refresh in flight at a time, shared by every request
//! that needs it (`refresh_waiters.rs`), and a check that a refused refresh was not
//! simply beaten by another tab that rotated the same single-use refresh token.

use futures::future::{FutureExt, LocalBoxFuture};
use serde_json::json;

use super::client::ApiClient;
use super::envelope::parse_tokens;
use super::error::ApiError;
use super::tab_lock;
use super::transport::new_request_id;
use crate::json_text::compact_json;
use crate::logout::{classify_refresh, drafts, RefreshOutcome, StaleAccess};
use crate::session::timekeeper::monotonic_ms;
use crate::session::timing::lifetime;
use crate::session::timing::token_times::TokenTimes;
use crate::session::SessionEnd;

/// How long a refused refresh waits for another tab's rotation to land in storage.
const OTHER_TAB_GRACE_MS: u32 = 500;

fn refresh_did_not_run() -> ApiError {
    ApiError::Network("the token refresh did not run".into())
}

/// The Web Locks name every tab of the origin refreshes under.
const REFRESH_LOCK: &str = "logout-tracker-token-refresh";

impl ApiClient {
    /// Joins the refresh in flight, or starts the one every other request will join.
    /// `sent_access` is the access token the stale request carried, `stale_id` its id.
    pub(super) async fn renew_tokens(
        &self,
        stale: StaleAccess,
        sent_access: Option<String>,
        stale_id: Option<String>,
    ) -> Result<(), ApiError> {
        let (start, outcome) = self.refresh_in_flight().join();
        if start {
            let work = self.refresh_work(stale, sent_access, stale_id);
            let client = self.clone();
            // One tab of the origin refreshes at a time.
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = tab_lock::exclusive(REFRESH_LOCK, work)
                    .await
                    .unwrap_or_else(|| Err(refresh_did_not_run()));
                client.refresh_in_flight().finish(&outcome);
            });
        }
        outcome.await.unwrap_or_else(|_| Err(refresh_did_not_run()))
    }

    /// The refresh as it runs under the lock: a tab that waited adopts the tokens the one
    /// before it brought, instead of spending the single-use refresh token again. (Not an
    /// async fn awaited by the spawned one: its future nests one level less.)
    fn refresh_work(
        &self,
        stale: StaleAccess,
        sent_access: Option<String>,
        stale_id: Option<String>,
    ) -> LocalBoxFuture<'static, Result<(), ApiError>> {
        let client = self.clone();
        let work = async move {
            let renewed_meanwhile = client
                .tokens()
                .access()
                .is_some_and(|current| Some(&current) != sent_access.as_ref());
            if renewed_meanwhile {
                return Ok(());
            }
            client.refresh_once(stale, stale_id).await
        };
        work.boxed_local()
    }

    async fn refresh_once(&self, stale: StaleAccess, stale_id: Option<String>) -> Result<(), ApiError> {
        // Before anything is read: the tokens may change while `config.json` is on its way.
        let config = self.configured().await;
        let Some(refresh_token) = self.tokens().refresh() else {
            // Gone because another tab ended the session while this one waited for the lock?
            // Then the plan sees the tokens vanished and records nothing (CONTRACT 4).
            let draft = drafts::with_request_id(drafts::no_refresh_token(&stale), stale_id.as_deref());
            self.end_session(SessionEnd::Logout(draft));
            return Err(ApiError::SessionEnded);
        };
        // A backend that keeps answering with tokens already ended gets no fourth call
        // within 30 s (CONTRACT 11.1).
        if !self.time().may_refresh(monotonic_ms()) {
            let draft = drafts::renew_loop(&stale, self.time().clock_offset_ms());
            self.end_session(SessionEnd::Logout(drafts::with_request_id(draft, stale_id.as_deref())));
            return Err(ApiError::SessionEnded);
        }
        let asked_in = self.generation();
        let body = compact_json(&json!({"refresh": refresh_token}));
        let refresh_id = new_request_id(config);
        // A network failure or timeout is not a failed refresh: the tokens are kept.
        let endpoint = &config.endpoints.refresh;
        let (status, bytes) = self.post_unintercepted(endpoint, body, refresh_id.as_deref()).await?;
        if !self.is_current(asked_in) || self.tokens().vanished() {
            return Err(self.drop_late_refresh(&bytes));
        }
        match classify_refresh(status, &bytes, &stale) {
            RefreshOutcome::Renewed => {
                let tokens = parse_tokens(&bytes).ok_or(ApiError::InvalidResponse)?;
                // A refresh that cannot move the session's end fixes it (the lifetime warning).
                let end_of = |token: &str| TokenTimes::of(token).map(|times| times.expires_at);
                let new_end = tokens.refresh.as_deref().and_then(end_of);
                let fixed = lifetime::fixed_end(end_of(&refresh_token), tokens.refresh.is_some(), new_end);
                self.time().set_fixed_end(fixed);
                self.tokens().renew(tokens.access, tokens.refresh);
                Ok(())
            }
            // Another tab may have used the same single-use refresh token a moment earlier:
            // its new tokens are already here, and the retry uses them.
            RefreshOutcome::Expired(draft) => {
                if self.renewed_elsewhere(&refresh_token).await {
                    return Ok(());
                }
                if self.tokens().is_empty() {
                    // Another tab signed out meanwhile; its reason stands.
                    self.end_session(SessionEnd::Elsewhere);
                } else {
                    self.end_session(SessionEnd::Logout(drafts::with_request_id(
                        draft,
                        refresh_id.as_deref(),
                    )));
                }
                Err(ApiError::SessionEnded)
            }
            RefreshOutcome::Unavailable(failure) => Err(failure.into()),
        }
    }

    /// The session ended (here or in another tab) while the refresh was out: its answer
    /// stores nothing, and a refresh token it brought is revoked at once.
    fn drop_late_refresh(&self, answer: &[u8]) -> ApiError {
        if let Some(refresh) = parse_tokens(answer).and_then(|tokens| tokens.refresh) {
            self.revoke(&refresh, None);
        }
        if self.tokens().vanished() {
            self.end_session(SessionEnd::Elsewhere);
        }
        ApiError::SessionEnded
    }

    /// Whether the refresh token changed since `sent` was read: another tab rotated it.
    /// Without Web Locks that tab's answer may land a moment after ours, so a refusal
    /// waits a little for it before it counts (only a logout pays this wait).
    async fn renewed_elsewhere(&self, sent: &str) -> bool {
        let changed = || self.tokens().refresh().is_some_and(|current| current != sent);
        if changed() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(OTHER_TAB_GRACE_MS).await;
        changed()
    }
}
