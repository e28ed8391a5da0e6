//! Runtime configuration (CONTRACT section 1): `/config.json`, every key optional.
//! The types and their defaults live here; `parse` reads the file (pure) and `load`
//! fetches it, falling back to the defaults with a console warning; `arriving` holds it for
//! the API client, which may be made before it has arrived.

mod arriving;
mod load;
mod parse;

pub use arriving::ArrivingConfig;
pub use load::load;
pub use parse::ConfigError;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// "" means the app's own origin.
    pub api_base_url: String,
    pub credentials: Credentials,
    pub endpoints: Endpoints,
    /// A "Contact support" link in the Session Ended box.
    pub support_url: Option<String>,
    /// A payment link for the codes a payment can fix.
    pub billing_url: Option<String>,
    /// How long a request may take before it counts as a timeout (not a logout).
    pub request_timeout_ms: u32,
    /// The header that carries the request id to an API on another origin, whose CORS
    /// must allow it; `None` sends no id there (to the app's own origin, `X-Request-ID`
    /// always goes).
    pub request_id_header: Option<String>,
    /// End the session after this many seconds without activity in any tab (CONTRACT 11.2);
    /// `None`: never.
    pub idle_timeout_s: Option<u32>,
    /// How long before an idle or lifetime end the warning shows, in seconds.
    pub warning_s: u32,
    /// Sign in again over the page instead of leaving it, for the ends a fresh sign-in of
    /// the same user fixes (CONTRACT 11.3).
    pub reauth_in_place: bool,
}

/// The fetch credentials mode sent with every API request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Credentials {
    /// The backend's session cookie goes along, also to another origin (the default).
    #[default]
    Include,
    SameOrigin,
    Omit,
}

impl Credentials {
    /// The value of `credentials` in `config.json`; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "include" => Some(Self::Include),
            "same-origin" => Some(Self::SameOrigin),
            "omit" => Some(Self::Omit),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoints {
    pub login: String,
    pub refresh: String,
    pub me: String,
    pub logout: String,
    pub content: String,
    pub logout_events: String,
}

/// Bounds of `request_timeout_ms`: shorter aborts answers that are merely slow, longer
/// leaves a user looking at a spinner.
pub const TIMEOUT_RANGE_MS: std::ops::RangeInclusive<u32> = 1_000..=120_000;
/// Bounds of `idle_timeout_s`: a minute to a day.
pub const IDLE_TIMEOUT_RANGE_S: std::ops::RangeInclusive<u32> = 60..=86_400;
/// Bounds of `warning_s`: WCAG 2.2.1 asks for at least 20 s to respond.
pub const WARNING_RANGE_S: std::ops::RangeInclusive<u32> = 20..=600;

impl Default for Config {
    fn default() -> Self {
        Self {
            api_base_url: String::new(),
            credentials: Credentials::Include,
            endpoints: Endpoints::default(),
            support_url: None,
            billing_url: None,
            request_timeout_ms: 15_000,
            request_id_header: None,
            idle_timeout_s: None,
            warning_s: 60,
            reauth_in_place: false,
        }
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            login: "/api/v1/auth/login/".into(),
            refresh: "/api/v1/auth/refresh/".into(),
            me: "/api/v1/auth/me/".into(),
            logout: "/api/v1/auth/logout/".into(),
            content: "/api/v1/content/".into(),
            logout_events: "/api/v1/auth/logout-events/".into(),
        }
    }
}

impl Config {
    /// Reads the file; see [`parse`] for the rules.
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        Self::parse(text).map(|parsed| parsed.config)
    }

    /// The full URL of an API path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base_url.trim_end_matches('/'), path)
    }
}
