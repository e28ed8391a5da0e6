//! The mail's links come from the same settings as the app's recovery links: `billing_url`
//! and `support_url` in the app's `config.json`, read when a mail is written (so a changed
//! file is followed without a restart), and the sign-in page under `--app-url`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::letter::RecoveryLinks;

/// Where the links are read from.
#[derive(Clone, Debug, Default)]
pub struct LinkSettings {
    /// The app's `config.json`.
    pub client_config: Option<PathBuf>,
    /// The app's address, e.g. `https://app.example.com` (its `/signin` is linked).
    pub app_url: Option<String>,
}

impl LinkSettings {
    pub fn read(&self) -> RecoveryLinks {
        let config = self.client_config.as_deref().and_then(read_config);
        let link = |key: &str| {
            config
                .as_ref()
                .and_then(|c| c.get(key))
                .and_then(Value::as_str)
                .and_then(web_link)
        };
        RecoveryLinks {
            billing: link("billing_url"),
            support: link("support_url"),
            sign_in: self
                .app_url
                .as_deref()
                .and_then(web_link)
                .map(|app| format!("{}/signin", app.trim_end_matches('/'))),
        }
    }
}

/// A missing or unreadable file is no links, not an error: the mail goes out without them.
fn read_config(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Only an `http(s)` address with a host and nothing that could end an attribute or a line.
fn web_link(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
    let host_ok = rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty());
    let clean = !text
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\'));
    (host_ok && clean && text.len() <= 2000).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_link(" https://billing.example.com/x?y=1 ").as_deref(),
            Some("https://billing.example.com/x?y=1")
        );
        assert!(web_link("http://127.0.0.1:8000/").is_some());
        for bad in [
            "javascript:alert(1)",
            "https://",
            "//host/x",
            "mailto:a@b.c",
            "https://a b",
            "https://x\"><script>",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_are_read_from_the_apps_config_at_each_mail() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.json");
        let settings = LinkSettings {
            client_config: Some(path.clone()),
            app_url: Some("https://app.example.com/".into()),
        };
        let links = settings.read();
        assert_eq!(links.billing, None, "no file yet: no links");
        assert_eq!(links.sign_in.as_deref(), Some("https://app.example.com/signin"));
        std::fs::write(
            &path,
            r#"{"billing_url": "https://pay.example.com", "support_url": null}"#,
        )
        .expect("write");
        let links = settings.read();
        assert_eq!(links.billing.as_deref(), Some("https://pay.example.com"));
        assert_eq!(links.support, None);
    }
}
