//! The API client: browser glue over gloo-net around the pure logout core.

mod beacons;
pub mod client;
pub mod envelope;
pub mod error;
pub mod models;
mod refresh;
mod session_events;
mod tab_lock;
pub mod tokens;
mod transport;

pub use transport::failure_text;

pub use client::ApiClient;
pub use error::ApiError;
pub use session_events::SessionEnd;
