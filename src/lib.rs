//! logout-tracker: a Yew client that records, shows and logs why a session ended.
//! The decisions live in pure modules (`logout`, `auth::state`, `config`'s parsing,
//! `api::envelope`); the rest is thin browser glue around them.

pub mod api;
pub mod app;
pub mod auth;
pub mod clipboard;
pub mod components;
pub mod config;
pub mod console;
pub mod hooks;
pub mod json_fields;
pub mod json_text;
pub mod local_storage;
pub mod logout;
pub mod pages;
pub(crate) mod percent_encoding;
pub mod routes;
pub mod session;
