//! The API client: browser glue over gloo-net around the pure logout core.

pub mod client;
pub mod envelope;
pub mod error;
pub mod models;
mod refresh;
mod tab_lock;
pub mod tokens;
mod transport;

pub use client::{ApiClient, SessionEnd};
pub use error::ApiError;
