//! Fetching `/config.json` at start-up: whatever goes wrong is a console warning that
//! names the file, and the app goes on with the defaults.

use super::{Config, ConfigError};
use crate::api::failure_text;

pub async fn load() -> Config {
    let outcome = match gloo_net::http::Request::get("/config.json").send().await {
        Ok(response) if response.ok() => match response.text().await {
            Ok(text) => Config::parse(&text),
            Err(error) => Err(ConfigError::Unavailable(failure_text(&error))),
        },
        Ok(response) => Err(ConfigError::Unavailable(format!("status {}", response.status()))),
        Err(error) => Err(ConfigError::Unavailable(failure_text(&error))),
    };
    match outcome {
        Ok(parsed) => {
            for warning in &parsed.warnings {
                gloo_console::warn!(warning.to_string());
            }
            parsed.config
        }
        Err(error) => {
            gloo_console::warn!(error.to_string());
            Config::default()
        }
    }
}
