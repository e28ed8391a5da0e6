//! One Chromium session with a fresh, empty profile, and what a user does in it: open a
//! page, type into a labelled field, press a button, follow a link, press keys, read the
//! screen. Controls are found by role and accessible name (see [`crate::accessible`]).

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Map, Value};
use tempfile::TempDir;

use crate::accessible::{self, Described, Found, Target};
use crate::chromedriver::ChromeDriver;
use crate::console::Console;
use crate::wait;

const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
];

/// Debian's, unless `CHROMIUM` names another.
fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

pub struct Browser {
    client: Client,
    console: Console,
    // Declared after the client: the session goes before its driver and its profile.
    driver: ChromeDriver,
    profile: TempDir,
}

impl Browser {
    /// A new ChromeDriver and a new browser session on an empty profile.
    pub async fn open() -> Browser {
        let driver = ChromeDriver::start().await;
        let profile = tempfile::Builder::new()
            .prefix("e2e-chromium-")
            .tempdir()
            .expect("a temporary profile directory");
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let capabilities: Map<String, Value> = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium_path(), "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        })
        .as_object()
        .cloned()
        .unwrap();
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(driver.url())
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}"));
        let console = Console::new(client.clone());
        console.install_group_hook().await;
        Browser {
            client,
            console,
            driver,
            profile,
        }
    }

    pub fn console(&self) -> &Console {
        &self.console
    }

    /// Opens `url` as if typed into the address bar.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The browser's reload button.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    /// Path and query of the current page.
    pub async fn page(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The current URL's host and port, e.g. `127.0.0.1:8000`.
    pub async fn host(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        )
    }

    /// Waits until the page (path and query) is `expected`.
    pub async fn wait_for_page(&self, expected: &str) {
        wait::until(format!("the page {expected}"), || async {
            (self.page().await == expected).then_some(())
        })
        .await
    }

    /// Visible elements matching a structural `xpath` (tags and attributes, never text: the
    /// app's controls are found by role and name instead).
    pub async fn visible(&self, xpath: &str) -> Vec<Element> {
        let mut shown = Vec::new();
        for element in self.client.find_all(Locator::XPath(xpath)).await.unwrap_or_default() {
            if element.is_displayed().await.unwrap_or(false) {
                shown.push(element);
            }
        }
        shown
    }

    /// The elements the accessibility tree shows as `target`, in the page.
    pub async fn find(&self, target: Target<'_>) -> Vec<Element> {
        self.find_named(None, target)
            .await
            .into_iter()
            .map(|found| found.element)
            .collect()
    }

    /// The elements the accessibility tree shows as `target` inside `scope`.
    pub async fn find_in(&self, scope: &Element, target: Target<'_>) -> Vec<Element> {
        self.find_named(Some(scope), target)
            .await
            .into_iter()
            .map(|found| found.element)
            .collect()
    }

    /// Like [`Browser::find`], with each element's accessible name.
    pub async fn find_named(&self, scope: Option<&Element>, target: Target<'_>) -> Vec<Found> {
        accessible::find_all(&self.client, scope, target).await
    }

    /// Waits for `target` in the page.
    pub async fn wait_for(&self, target: Target<'_>) -> Element {
        wait::until(target, || async { self.find(target).await.into_iter().next() }).await
    }

    /// Waits for `target` inside `scope`.
    pub async fn wait_for_in(&self, scope: &Element, target: Target<'_>) -> Element {
        wait::until(format!("{target} inside {}", self.describe(scope).await), || async {
            self.find_in(scope, target).await.into_iter().next()
        })
        .await
    }

    /// Role and name of `element` as WebDriver computes them.
    pub async fn describe(&self, element: &Element) -> Described {
        accessible::describe(&self.client, element).await
    }

    /// The element that has keyboard focus, if any.
    pub async fn focused(&self) -> Option<Element> {
        self.client.active_element().await.ok()
    }

    /// Presses `key` (down and up) wherever the keyboard focus is, as a keyboard does.
    pub async fn press_key(&self, key: Key) {
        let key: char = key.into();
        let actions = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("cannot press a key: {e}"));
    }

    /// Types `text` wherever the keyboard focus is.
    pub async fn type_text(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".to_string());
        for key in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("cannot type: {e}"));
    }

    /// The WebDriver session, for the audit's scripts.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Everything the page shows, as text.
    pub async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_for_text(&self, text: &str) {
        wait::until(format!("the text {text:?} on the page"), || async {
            self.text().await.contains(text).then_some(())
        })
        .await
    }

    /// Types `text` into the text field labelled `label`, replacing what it held.
    pub async fn type_into(&self, label: &str, text: &str) {
        let field = self.wait_for(accessible::textbox(label)).await;
        field.clear().await.expect("clear the field");
        field.send_keys(text).await.expect("type into the field");
    }

    /// Presses the (enabled) button with this accessible name.
    pub async fn press(&self, name: &str) {
        let target = accessible::button(name);
        let button = wait::until(format!("{target}, enabled"), || async {
            for button in self.find(target).await {
                if button.is_enabled().await.unwrap_or(false) {
                    return Some(button);
                }
            }
            None
        })
        .await;
        button.click().await.expect("press the button");
    }

    /// Follows the link with this accessible name.
    pub async fn follow(&self, name: &str) {
        let link = self.wait_for(accessible::link(name)).await;
        link.click().await.expect("follow the link");
    }

    /// Runs a script in the page: only for diagnostics and what a support person would read
    /// in the developer tools, never to act for the user.
    pub async fn script(&self, script: &str) -> Value {
        self.client.execute(script, Vec::new()).await.unwrap_or(Value::Null)
    }

    /// The stored `logout_reason`, as a support person would read it in the developer tools.
    pub async fn stored_logout_reason(&self) -> Option<Value> {
        let raw = self
            .script("return window.localStorage.getItem('logout_reason');")
            .await;
        raw.as_str()
            .map(|text| serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string())))
    }

    /// What the user had in front of them, for a failed scenario's report; never panics.
    pub async fn diagnosis(&self) -> String {
        let url = match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("(unknown: {e})"),
        };
        let reason = self
            .script("return window.localStorage.getItem('logout_reason');")
            .await;
        let console = self.console.lines().await.join("\n  ");
        format!(
            "url: {url}\nscreen text:\n{}\nstored logout_reason: {reason}\nconsole:\n  {console}",
            self.text().await
        )
    }

    /// One DevTools command (benchmarks, screen size emulation: a user never does this).
    pub async fn devtools(&self, method: &str, params: Value) -> Value {
        self.client
            .issue_cmd(crate::devtools::ChromeDriverPost::devtools(method, params))
            .await
            .unwrap_or_else(|e| panic!("DevTools {method}: {e}"))
    }

    /// Runs the page's CPU `rate` times slower, as on a phone or in a debug build (1: the
    /// machine's own speed).
    pub async fn slow_cpu(&self, rate: u32) {
        self.devtools("Emulation.setCPUThrottlingRate", serde_json::json!({ "rate": rate }))
            .await;
    }

    /// Saves a PNG of the window.
    pub async fn screenshot(&self, path: &std::path::Path) {
        match self.client.screenshot().await {
            Ok(png) => {
                if let Err(e) = std::fs::write(path, png) {
                    eprintln!("cannot save {}: {e}", path.display());
                }
            }
            Err(e) => eprintln!("cannot take a screenshot: {e}"),
        }
    }

    /// Ends the session (Chromium quits); ChromeDriver is killed when `self` is dropped.
    pub async fn close(self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        drop(self.driver);
        drop(self.profile);
    }
}
