//! The pure logout core: no web-sys, tested natively with `cargo test`.

pub(crate) mod backend_body;
pub(crate) mod by_code;
pub(crate) mod classify;
pub(crate) mod code;
pub(crate) mod drafts;
pub(crate) mod history;
pub(crate) mod path;
pub(crate) mod reason;
pub(crate) mod request_id;
pub(crate) mod scrub;
// Beside scrub/, not in it: they need the whole reason, and scrub/ depends on nothing of this
// crate (the reference backend compiles the same files for its mails).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod scrub_properties;
pub(crate) mod timeline;
pub(crate) mod www_authenticate;

pub use classify::{classify, classify_refresh, Decision, Exchange, Failure, RefreshOutcome, RequestKind};
pub use code::{LogoutCode, LogoutSource};
pub use drafts::StaleAccess;
pub use reason::{LogoutDraft, LogoutReason};
