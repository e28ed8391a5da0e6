//! The pure logout core: no web-sys, tested natively with `cargo test`.

pub mod backend_body;
pub mod by_code;
pub mod classify;
pub mod code;
pub mod drafts;
pub mod history;
pub mod path;
pub mod reason;
pub mod request_id;
pub mod scrub;
pub mod timeline;

pub use classify::{classify, classify_refresh, Decision, Exchange, Failure, RefreshOutcome, RequestKind};
pub use code::{LogoutCode, LogoutSource};
pub use drafts::StaleAccess;
pub use reason::{LogoutDraft, LogoutReason};
