//! ChromeDriver's own commands beyond what fantoccini offers: the DevTools protocol (scripts that
//! run before a page's own, the network cache switch, the accessibility tree), the legacy
//! browser log, and the computed role and label of an element.

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
        Self {
            path: "goog/cdp/execute",
            body: json!({ "cmd": method, "params": params }),
        }
    }

    /// `se/log` with `{"type": "browser"}`: the console entries not read yet.
    pub fn browser_log() -> Self {
        Self {
            path: "se/log",
            body: json!({ "type": "browser" }),
        }
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

/// `GET /session/{id}/<path>`: WebDriver commands fantoccini does not have.
#[derive(Debug)]
pub struct ChromeDriverGet {
    path: String,
}

impl ChromeDriverGet {
    /// `element/{element id}/<what>`, e.g. `computedrole` or `computedlabel` (WebDriver's
    /// "Get Computed Role" and "Get Computed Label", which ChromeDriver implements).
    pub fn element(element_id: &str, what: &str) -> Self {
        Self {
            path: format!("element/{element_id}/{what}"),
        }
    }
}

impl WebDriverCompatibleCommand for ChromeDriverGet {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}
