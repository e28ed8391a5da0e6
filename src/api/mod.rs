//! The API client: browser glue over gloo-net around the pure logout core. It reports a
//! session's end upward as a value (`crate::session::SessionEnd`) and imports nothing of the
//! session room but its pure parts.

mod beacons;
pub(crate) mod client;
mod endpoints;
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod models;
mod refresh;
mod refresh_waiters;
mod tab_lock;
pub(crate) mod tokens;
mod transport;

pub use transport::{failure_text, Deadline};

pub use client::ApiClient;
pub use error::ApiError;
