//! The API client: browser glue over gloo-net around the pure logout core. It reports a
//! session's end upward as a value (`crate::session::SessionEnd`) and imports nothing of the
//! session room but its pure parts.

pub mod beacons;
pub mod client;
mod endpoints;
pub mod envelope;
pub mod error;
pub mod models;
mod refresh;
mod refresh_waiters;
mod tab_lock;
pub mod tokens;
mod transport;

pub use transport::failure_text;

pub use client::ApiClient;
pub use error::ApiError;
