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
