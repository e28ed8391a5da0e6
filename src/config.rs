//! Runtime configuration (CONTRACT section 1): `/config.json`, every key optional.
//! Parsing is pure; loading is a fetch that falls back to the defaults with a warning.

use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default)]
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

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default)]
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
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        let malformed = |error: serde_json::Error| ConfigError::Malformed(error.to_string());
        // Only an object is a configuration (serde would also take `[]` for a struct).
        match serde_json::from_str(text).map_err(malformed)? {
            value @ serde_json::Value::Object(_) => serde_json::from_value(value).map_err(malformed),
            _ => Err(ConfigError::Malformed("not a JSON object".into())),
        }
    }

    /// The full URL of an API path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base_url.trim_end_matches('/'), path)
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
        let shipped = include_str!("../static/config.json");
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
}
