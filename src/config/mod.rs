//! Runtime configuration (CONTRACT section 1): `/config.json`, every key optional.
//! Parsing is pure; loading is a fetch that falls back to the defaults with a warning.

use serde_json::{Map, Value};

mod mismatch;
use mismatch::{invalid_type, invalid_value};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// "" means the app's own origin.
    pub api_base_url: String,
    /// The fetch credentials mode: "include", "same-origin" or "omit".
    pub credentials: String,
    pub endpoints: Endpoints,
    pub support_url: Option<String>,
    pub billing_url: Option<String>,
    /// How long a request may take before it counts as a timeout (not a logout).
    pub request_timeout_ms: u32,
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

impl Default for Config {
    fn default() -> Self {
        Self {
            api_base_url: String::new(),
            credentials: "include".into(),
            endpoints: Endpoints::default(),
            support_url: None,
            billing_url: None,
            request_timeout_ms: 15_000,
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

#[derive(Debug, PartialEq)]
pub enum ConfigError {
    /// The file could not be fetched, or answered with a non-2xx status.
    Unavailable(String),
    /// The file is not the JSON object this app expects.
    Malformed(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unavailable(why) => write!(f, "config.json could not be loaded ({why}); using the defaults"),
            Self::Malformed(why) => write!(f, "config.json is malformed ({why}); using the defaults"),
        }
    }
}

impl Config {
    /// Reads the file: missing keys keep their defaults, unknown keys are ignored, and the
    /// first wrongly typed key (in key order) makes the file malformed.
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        // from_slice, as everywhere: a second reader type (StrRead) would duplicate the parser.
        let value: Value = serde_json::from_slice(text.as_bytes())
            .map_err(|error| ConfigError::Malformed(error.to_string()))?;
        let Value::Object(fields) = value else {
            return Err(ConfigError::Malformed("not a JSON object".into()));
        };
        let mut config = Self::default();
        for (key, value) in &fields {
            match key.as_str() {
                "api_base_url" => config.api_base_url = text_setting(value)?,
                "credentials" => config.credentials = text_setting(value)?,
                "endpoints" => config.endpoints = Endpoints::from_json(value)?,
                "support_url" => config.support_url = optional_text_setting(value)?,
                "billing_url" => config.billing_url = optional_text_setting(value)?,
                "request_timeout_ms" => config.request_timeout_ms = milliseconds_setting(value)?,
                _ => {}
            }
        }
        Ok(config)
    }

    /// The full URL of an API path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base_url.trim_end_matches('/'), path)
    }
}

impl Endpoints {
    /// The `endpoints` object: each path optional, every one present a string.
    fn from_json(value: &Value) -> Result<Self, ConfigError> {
        let fields: &Map<String, Value> = value.as_object().ok_or_else(|| invalid_type(value, "struct Endpoints"))?;
        let mut endpoints = Self::default();
        for (key, value) in fields {
            let slot = match key.as_str() {
                "login" => &mut endpoints.login,
                "refresh" => &mut endpoints.refresh,
                "me" => &mut endpoints.me,
                "logout" => &mut endpoints.logout,
                "content" => &mut endpoints.content,
                "logout_events" => &mut endpoints.logout_events,
                _ => continue,
            };
            *slot = text_setting(value)?;
        }
        Ok(endpoints)
    }
}

fn text_setting(value: &Value) -> Result<String, ConfigError> {
    value.as_str().map(str::to_owned).ok_or_else(|| invalid_type(value, "a string"))
}

/// A URL that may be `null`.
fn optional_text_setting(value: &Value) -> Result<Option<String>, ConfigError> {
    match value {
        Value::Null => Ok(None),
        other => text_setting(other).map(Some),
    }
}

fn milliseconds_setting(value: &Value) -> Result<u32, ConfigError> {
    match value {
        Value::Number(number) if number.is_f64() => Err(invalid_type(value, "u32")),
        Value::Number(number) => number
            .as_u64()
            .and_then(|wide| u32::try_from(wide).ok())
            .ok_or_else(|| invalid_value(value, "u32")),
        other => Err(invalid_type(other, "u32")),
    }
}

/// Fetches `/config.json`; any failure is a console warning naming the file and the defaults.
pub async fn load() -> Config {
    let outcome = match gloo_net::http::Request::get("/config.json").send().await {
        Ok(response) if response.ok() => match response.text().await {
            Ok(text) => Config::from_json(&text),
            Err(error) => Err(ConfigError::Unavailable(error.to_string())),
        },
        Ok(response) => Err(ConfigError::Unavailable(format!("status {}", response.status()))),
        Err(error) => Err(ConfigError::Unavailable(error.to_string())),
    };
    outcome.unwrap_or_else(|error| {
        gloo_console::warn!(error.to_string());
        Config::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_holds_the_defaults() {
        let shipped = include_str!("../../static/config.json");
        assert_eq!(Config::from_json(shipped), Ok(Config::default()));
    }

    #[test]
    fn missing_keys_take_the_defaults() {
        let config = Config::from_json(r#"{"api_base_url": "https://api.example.com/", "endpoints": {"me": "/me/"}}"#)
            .expect("valid");
        assert_eq!(config.endpoints.me, "/me/");
        assert_eq!(config.endpoints.login, "/api/v1/auth/login/");
        assert_eq!(config.credentials, "include");
        assert_eq!(config.url("/me/"), "https://api.example.com/me/");
    }

    #[test]
    fn malformed_files_are_errors_that_name_config_json() {
        for text in ["", "<html>", "[]", r#"{"endpoints": 3}"#] {
            let error = Config::from_json(text).expect_err(text);
            assert!(error.to_string().contains("config.json"));
        }
    }

    #[test]
    fn every_key_is_read_and_unknown_keys_are_ignored() {
        let config = Config::from_json(
            r#"{"api_base_url": "https://api", "credentials": "omit", "support_url": "https://s",
                "billing_url": null, "request_timeout_ms": 2500, "theme": 3.5,
                "endpoints": {"login": "/l/", "refresh": "/r/", "me": "/m/", "logout": "/o/",
                              "content": "/c/", "logout_events": "/e/", "extra": 1}}"#,
        )
        .expect("valid");
        let endpoints = Endpoints {
            login: "/l/".into(),
            refresh: "/r/".into(),
            me: "/m/".into(),
            logout: "/o/".into(),
            content: "/c/".into(),
            logout_events: "/e/".into(),
        };
        assert_eq!(config, Config {
            api_base_url: "https://api".into(),
            credentials: "omit".into(),
            endpoints,
            support_url: Some("https://s".into()),
            billing_url: None,
            request_timeout_ms: 2500,
        });
    }

    #[test]
    /// The texts are serde_json's own, as the derive produced them before.
    fn wrongly_typed_keys_are_malformed_in_serdes_words() {
        let malformed = |text: &str| match Config::from_json(text) {
            Err(ConfigError::Malformed(why)) => why,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(malformed(r#"{"endpoints": 3}"#), "invalid type: integer `3`, expected struct Endpoints");
        assert_eq!(malformed(r#"{"endpoints": []}"#), "invalid type: sequence, expected struct Endpoints");
        assert_eq!(malformed(r#"{"endpoints": {"me": null}}"#), "invalid type: null, expected a string");
        assert_eq!(malformed(r#"{"api_base_url": true}"#), "invalid type: boolean `true`, expected a string");
        assert_eq!(malformed(r#"{"credentials": {}}"#), "invalid type: map, expected a string");
        assert_eq!(malformed(r#"{"support_url": 1}"#), "invalid type: integer `1`, expected a string");
        assert_eq!(malformed(r#"{"request_timeout_ms": 1.5}"#), "invalid type: floating point `1.5`, expected u32");
        assert_eq!(malformed(r#"{"request_timeout_ms": 2e3}"#), "invalid type: floating point `2000.0`, expected u32");
        assert_eq!(malformed(r#"{"request_timeout_ms": 1e20}"#), "invalid type: floating point `1e+20`, expected u32");
        assert_eq!(malformed(r#"{"request_timeout_ms": -1}"#), "invalid value: integer `-1`, expected u32");
        assert_eq!(malformed(r#"{"request_timeout_ms": 5000000000}"#), "invalid value: integer `5000000000`, expected u32");
        assert_eq!(malformed(r#"{"request_timeout_ms": "9"}"#), r#"invalid type: string "9", expected u32"#);
        // The first bad key in key order is the one named.
        assert_eq!(malformed(r#"{"support_url": 1, "api_base_url": false}"#), "invalid type: boolean `false`, expected a string");
    }
}
