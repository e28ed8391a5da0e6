//! ChromeDriver's own POST commands beyond WebDriver: the DevTools protocol (scripts that
//! run before a page's own, the network cache switch) and the legacy browser log.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

/// `POST /session/{id}/<path>` with a JSON body.
#[derive(Debug)]
pub struct ChromeDriverPost {
    path: &'static str,
    body: Value,
}

impl ChromeDriverPost {
    /// `goog/cdp/execute`: one DevTools command.
    pub fn devtools(method: &str, params: Value) -> Self {
        Self { path: "goog/cdp/execute", body: json!({ "cmd": method, "params": params }) }
    }

    /// `se/log` with `{"type": "browser"}`: the console entries not read yet.
    pub fn browser_log() -> Self {
        Self { path: "se/log", body: json!({ "type": "browser" }) }
    }
}

impl WebDriverCompatibleCommand for ChromeDriverPost {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
