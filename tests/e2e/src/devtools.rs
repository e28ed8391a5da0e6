//! ChromeDriver's door to the DevTools protocol, for what WebDriver cannot do: scripts
//! that run before a page's own, and the network cache switch.

use fantoccini::wd::WebDriverCompatibleCommand;

/// ChromeDriver's `POST /session/{id}/goog/cdp/execute`: one DevTools command.
#[derive(Debug)]
pub struct DevTools(pub serde_json::Value);

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

