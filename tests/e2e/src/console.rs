//! The browser console, read through ChromeDriver's log endpoint (`goog:loggingPrefs`).
//!
//! The endpoint hands out each entry once and survives page loads, so every entry read is
//! kept here: a line logged just before a redirect or a reload is still found afterwards.
//! It leaves out `console.group` titles, though: a small hook, installed in every document
//! before the app runs, notes them in `sessionStorage` (which outlives reloads in the tab).

use std::sync::Mutex;

use fantoccini::Client;

use crate::devtools::ChromeDriverPost;
use crate::wait;

/// Where the hook keeps group titles.
const GROUPS_KEY: &str = "e2e.console.groups";

/// Wraps `console.group` and `console.groupCollapsed`: same output, plus a note of the title.
const GROUP_HOOK: &str = r#"(() => {
  for (const name of ["group", "groupCollapsed"]) {
    const original = console[name].bind(console);
    console[name] = (...args) => {
      try {
        const key = "e2e.console.groups";
        const seen = JSON.parse(sessionStorage.getItem(key) || "[]");
        seen.push(args.map(String).join(" "));
        sessionStorage.setItem(key, JSON.stringify(seen));
      } catch (_) {}
      return original(...args);
    };
  }
})();"#;

pub struct Console {
    client: Client,
    lines: Mutex<Vec<String>>,
    groups: Mutex<Vec<String>>,
}

impl Console {
    pub fn new(client: Client) -> Console {
        Console {
            client,
            lines: Mutex::new(Vec::new()),
            groups: Mutex::new(Vec::new()),
        }
    }

    /// Installs the group hook in every document opened from now on.
    pub async fn install_group_hook(&self) {
        let params = serde_json::json!({ "source": GROUP_HOOK });
        self.client
            .issue_cmd(ChromeDriverPost::devtools(
                "Page.addScriptToEvaluateOnNewDocument",
                params,
            ))
            .await
            .expect("ChromeDriver installs the console group hook");
    }

    /// Every console entry so far, as ChromeDriver words it: `[LEVEL] <script> <line:col>
    /// "<text>" …`, then the group titles as `[GROUP] <title>`.
    pub async fn lines(&self) -> Vec<String> {
        let mut lines = self.entries().await;
        lines.extend(self.group_titles().await.into_iter().map(|t| format!("[GROUP] {t}")));
        lines
    }

    /// The titles the hook noted (the list only grows; a failed read keeps the last one).
    async fn group_titles(&self) -> Vec<String> {
        let script = format!("return sessionStorage.getItem({GROUPS_KEY:?});");
        if let Ok(serde_json::Value::String(text)) = self.client.execute(&script, Vec::new()).await {
            if let Ok(titles) = serde_json::from_str::<Vec<String>>(&text) {
                *self.groups.lock().unwrap() = titles;
            }
        }
        self.groups.lock().unwrap().clone()
    }

    async fn entries(&self) -> Vec<String> {
        if let Ok(value) = self.client.issue_cmd(ChromeDriverPost::browser_log()).await {
            let entries = value.get("value").cloned().unwrap_or(value);
            let new = entries.as_array().cloned().unwrap_or_default();
            let mut lines = self.lines.lock().unwrap();
            for entry in new {
                let level = entry["level"].as_str().unwrap_or("");
                let message = entry["message"].as_str().unwrap_or("");
                lines.push(format!("[{level}] {message}"));
            }
        }
        self.lines.lock().unwrap().clone()
    }

    /// The lines logged so far that contain `text`.
    pub async fn lines_with(&self, text: &str) -> Vec<String> {
        self.lines()
            .await
            .into_iter()
            .filter(|line| line.contains(text))
            .collect()
    }

    /// Whether a line containing `text` was logged.
    pub async fn has(&self, text: &str) -> bool {
        !self.lines_with(text).await.is_empty()
    }

    /// Waits for a line containing `text` and returns it.
    pub async fn wait_for(&self, text: &str) -> String {
        wait::until(format!("a console line containing {text:?}"), || async {
            self.lines().await.into_iter().find(|line| line.contains(text))
        })
        .await
    }
}
