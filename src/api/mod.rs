//! The API client: browser glue over gloo-net around the pure logout core.

pub mod client;
pub mod envelope;
pub mod error;
pub mod models;
pub mod tokens;

pub use client::ApiClient;
pub use error::ApiError;
