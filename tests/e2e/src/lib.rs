//! End-to-end tests of logout-tracker: the built app (`dist/`) served by the reference
//! backend, driven in a real Chromium through ChromeDriver, acting only as a user would.
//!
//! The harness lives here; the scenarios are in `tests/`, one concern a file. Each scenario
//! starts its own backend, ChromeDriver and browser profile, so none depends on another.

pub mod accessible;
pub mod axe;
pub mod backend;
pub mod browser;
pub mod chromedriver;
pub mod clock;
/// The app's logout codes, their messages and plain words: one copy, the app's own.
#[path = "../../../src/logout/code.rs"]
pub mod code;
pub mod console;
pub mod contrast;
pub mod devtools;
pub mod keyboard;
pub mod reflow;
pub mod relay;
pub mod repo;
pub mod scenario;
pub mod screen;
pub mod session_ended;
pub mod site_copy;
pub mod static_site;
pub mod user;
pub mod wait;

pub use scenario::Scenario;

// The demo users and their password, as the reference backend defines them (dev mode).
pub use reference_backend::demo::{
    DEMO_PASSWORD as PASSWORD, DEMO_USER as DEMO, NOACCOUNT_USER as NO_ACCOUNT, NOPLAN_USER as NO_PLAN,
    STAFF_USER as STAFF,
};

/// A title of the demo content, proof that `/dashboard/content` shows data.
pub const A_CONTENT_TITLE: &str = "Welcome to Logout Tracker";
