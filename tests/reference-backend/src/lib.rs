//! Reference backend for logout-tracker: the endpoints of CONTRACT.md sections 2 and 3, the
//! seed's account/plan middleware with its `[AUTO-LOGOUT]` log line, and (in `--dev` mode)
//! demo users, a control API and a culprit simulator page.
//!
//! The binary is a thin wrapper around [`start`]; tests start the server in-process.

mod api_error;
/// The app's logout codes, their messages and plain words: one copy, the app's own (the
/// mails use the sign-in page's words).
#[allow(dead_code)]
#[path = "../../../src/logout/code.rs"]
mod app_code;
/// The app's scrubber, one copy: backend text in a mail is scrubbed and bounded as the app
/// stores it.
#[allow(dead_code, unused_imports)]
#[path = "../../../src/logout/scrub/mod.rs"]
mod app_scrub;
mod auth;
mod cors;
mod db;
pub mod demo;
mod demo_logins;
mod event_attribution;
pub mod hostile_text;
mod json_body;
pub mod load_users;
pub mod log_line;
mod login_throttle;
mod mail;
pub mod mail_sink;
mod middleware;
mod options;
mod password;
pub mod paths;
mod proxy;
mod random;
mod refresh_rule;
pub mod request_id;
mod routes;
mod scenario;
mod server;
mod session_cookie;
mod standard_shapes;
mod state;
mod static_files;
mod stats;
mod switches;
mod throttle;
mod tokens;
mod user_json;

pub use cors::is_loopback_origin;
pub use demo::{demo_users_text, DEMO_PASSWORD};
pub use mail::{Credentials, LinkSettings, MailOptions, Security, SmtpServer, DEV_MAIL_FROM};
pub use options::{parse_addr, Options, StartError, DEFAULT_SESSION_LIFETIME};
pub use server::{start, RunningServer};
pub use static_files::CONTENT_SECURITY_POLICY;
pub use throttle::RateLimit;
