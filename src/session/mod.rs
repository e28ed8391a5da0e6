//! A session's life in this tab, from sign-in to its end, and across the tabs of the browser.
//!
//! - `end`, `generation`, `plan`: PURE. How a session ended; which session is current (every
//!   request is matched to the one it was sent in); what ending does, as ordered steps.
//! - `run`: the executor that carries a plan's steps out.
//! - `state`: the one owner of what this tab knows beyond the tokens (a reason waiting for
//!   the sign-in page, another tab's reason, the last app page, the channel to other tabs);
//!   `reason_store`, `history_store`, `broadcast`, `navigation`: the glue that state uses.
//! - `activity`: the user's last activity in any tab (the idle timeout's clock).
//! - `held_requests`: PURE. The requests an ended session's page waits with, and their fate.
//! - `same_user`: PURE. Whether a sign-in is the user whose session ended (a tab comes back).
//! - `timekeeper`: what the API client keeps of time for the session, acting on `timing`.
//! - `timing`: PURE. When a session ends on time (clock offset, token expiry, early renewal,
//!   the renew loop, sleep, the idle and lifetime countdowns).
//!
//! The API client (`api/`) imports only the pure files: it reports an end as a value
//! ([`SessionEnd`]) and never reaches into the glue here.

pub(crate) mod activity;
pub(crate) mod broadcast;
pub(crate) mod end;
pub(crate) mod generation;
pub(crate) mod held_requests;
pub(crate) mod history_store;
pub(crate) mod navigation;
pub(crate) mod plan;
pub(crate) mod reason_store;
pub(crate) mod run;
pub(crate) mod same_user;
pub(crate) mod state;
pub(crate) mod timekeeper;
pub(crate) mod timing;

pub use end::SessionEnd;
pub use generation::{Generation, SessionGuard};
pub use state::SessionState;
