//! Fetching `/config.json` at start-up: whatever goes wrong is a console warning that
//! names the file, and the app goes on with the defaults. A file that does not answer
//! within a request's default timeout counts as missing: the API client sends nothing until
//! the configuration is here, so a hung file would otherwise hold every request back.

use super::{Config, ConfigError};
use crate::api::{failure_text, Deadline};

pub async fn load() -> Config {
    let timeout_ms = Config::default().request_timeout_ms;
    let deadline = Deadline::after(timeout_ms);
    let unavailable = |why: String| {
        ConfigError::Unavailable(if deadline.passed() {
            format!("no answer within {} s", timeout_ms / 1_000)
        } else {
            why
        })
    };
    let request = gloo_net::http::Request::get("/config.json").abort_signal(deadline.signal().as_ref());
    let outcome = match request.send().await {
        Ok(response) if response.ok() => match response.text().await {
            Ok(text) => Config::parse(&text),
            Err(error) => Err(unavailable(failure_text(&error))),
        },
        Ok(response) => Err(ConfigError::Unavailable(format!("status {}", response.status()))),
        Err(error) => Err(unavailable(failure_text(&error))),
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
