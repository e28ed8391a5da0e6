//! The paths this server answers: the contract's default endpoints (CONTRACT section 1) and
//! the dev routes. Public so that the e2e suite and other tests use the same strings.

pub const LOGIN: &str = "/api/v1/auth/login/";
pub const REFRESH: &str = "/api/v1/auth/refresh/";
pub const ME: &str = "/api/v1/auth/me/";
pub const LOGOUT: &str = "/api/v1/auth/logout/";
pub const CONTENT: &str = "/api/v1/content/";
pub const LOGOUT_EVENTS: &str = "/api/v1/auth/logout-events/";

/// The culprit simulator page (dev mode).
pub const DEV_SIMULATOR: &str = "/__dev__/";
/// `POST` a control action (dev mode).
pub const DEV_SCENARIO: &str = "/__dev__/scenario";
/// `GET` the request counters (dev mode).
pub const DEV_STATS: &str = "/__dev__/stats";
/// Dev mode's mail sink: the mails received, as a page.
pub const DEV_MAILS: &str = "/__dev__/mails";
/// The same mails as JSON (`to`, `from`, `subject`, `content_type`, `text`, `html`).
pub const DEV_MAILS_JSON: &str = "/__dev__/mails.json";
/// One mail's HTML part as a mail reader shows it (numbered from 1 in the order received).
pub const DEV_MAIL_HTML: &str = "/__dev__/mails/{number}";
