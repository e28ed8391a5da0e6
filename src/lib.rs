//! logout-tracker: a Yew client that records, shows and logs why a session ended.
//! The decisions live in pure modules (`logout`, `auth::state`, `config`'s parsing,
//! `api::envelope`); the rest is thin browser glue around them.

mod api;
mod app;
mod auth;
mod clipboard;
mod components;
mod config;
mod console;
mod hooks;
mod json_fields;
mod json_text;
mod local_storage;
mod logout;
mod pages;
mod percent_encoding;
mod routes;
mod session;

// The wasm entry (`main.rs`) renders the app, then hands it the configuration.
pub use app::{App, AppProps};
pub use config::load as load_config;

/// The test surface: what the tests in `tests/` (native, and in the browser) and the fuzz
/// targets in `fuzz/` reach, and nothing more. Every module above is private, so the
/// compiler's dead-code lint sees whatever the app itself never uses.
#[doc(hidden)]
pub mod testing {
    // The pure core: classification, reasons, paths, scrubbing, history, the chart's buckets.
    pub use crate::config::Config;
    pub use crate::logout::backend_body::{BackendBody, MAX_TEXT_CHARS};
    pub use crate::logout::history::{keeps_happening_advice, LogoutHistory, HISTORY_LEN};
    pub use crate::logout::path::{after_sign_in, is_sign_in, page_for_reason, safe_link, safe_return_path};
    pub use crate::logout::reason::format_timestamp;
    pub use crate::logout::scrub::{scrub_text, MAX_REASON_BYTES, MAX_STRING_CHARS, MIN_HELD_TOKEN_CHARS, REDACTED};
    pub use crate::logout::timeline::{Span, Timeline};
    pub use crate::logout::{
        classify, classify_refresh, Decision, Exchange, Failure, LogoutCode, LogoutDraft, LogoutReason, LogoutSource,
        RefreshOutcome, RequestKind, StaleAccess,
    };
    pub use crate::pages::sign_in_query::next_param;

    // The browser glue that the browser tests drive, and the views they mount.
    pub use crate::api::models::{Account, ContentItem, Plan, User};
    pub use crate::api::tokens::TokenStore;
    pub use crate::api::{ApiClient, ApiError};
    pub use crate::auth::reread_user;
    pub use crate::components::account_summary::{AccountSummary, AccountSummaryProps};
    pub use crate::components::auth_provider::AuthProvider;
    pub use crate::components::content_list::{ContentList, ContentListProps};
    pub use crate::components::load_failure::{LoadFailure, LoadFailureProps, PERMISSION_MESSAGE};
    pub use crate::components::logout_chart::{LogoutChart, LogoutChartProps};
    pub use crate::components::protected::Protected;
    pub use crate::components::session_ended::{SessionEnded, SessionEndedProps};
    pub use crate::pages::logout_events::LogoutEventsPage;
    pub use crate::pages::sign_in::SignInPage;
    pub use crate::session::history_store::note_sign_in;
    pub use crate::session::reason_store::{peek_reason, ANOTHER_TAB_PREFIX, LOGOUT_REASON_KEY};
    pub use crate::session::run::finish_session;
    pub use crate::session::{SessionEnd, SessionState};
}
