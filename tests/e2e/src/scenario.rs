//! One scenario: its own backend, its own ChromeDriver and a browser on an empty profile;
//! a screenshot under `target/e2e/` at the end, and on failure what the screen, the console
//! and the stored reason showed.

use crate::backend::Backend;
use crate::browser::Browser;
use crate::relay::Relay;
use crate::repo;

pub struct Scenario {
    name: String,
    backend: Backend,
    browser: Option<Browser>,
    relay: Option<Relay>,
    /// The served copy of `dist/`, when the scenario has a `config.json` of its own.
    _site: Option<tempfile::TempDir>,
    finished: bool,
}

impl Scenario {
    /// A fresh backend and browser; the browser talks to the backend directly.
    pub async fn start(name: &str) -> Scenario {
        Scenario::set_up(name, false).await
    }

    /// Like [`Scenario::start`], but the browser reaches the backend through a [`Relay`] that
    /// the scenario can stop and resume.
    pub async fn start_behind_relay(name: &str) -> Scenario {
        Scenario::set_up(name, true).await
    }

    /// Like [`Scenario::start`], serving a copy of `dist/` whose `config.json` has the keys
    /// of `config` set (e.g. `{"idle_timeout_s": 60}`).
    pub async fn start_with_config(name: &str, config: serde_json::Value) -> Scenario {
        let site = tempfile::Builder::new()
            .prefix("e2e-site-")
            .tempdir()
            .expect("a temporary folder for the site");
        let served = crate::site_copy::with_config(site.path(), &config);
        let mut scenario = Scenario::with_backend(name, Backend::start_serving(served).await, false).await;
        scenario._site = Some(site);
        scenario
    }

    async fn set_up(name: &str, behind_relay: bool) -> Scenario {
        Scenario::with_backend(name, Backend::start().await, behind_relay).await
    }

    async fn with_backend(name: &str, backend: Backend, behind_relay: bool) -> Scenario {
        let relay = match behind_relay {
            true => Some(Relay::start(backend.addr()).await),
            false => None,
        };
        let browser = Browser::open().await;
        Scenario {
            name: name.to_string(),
            backend,
            browser: Some(browser),
            relay,
            _site: None,
            finished: false,
        }
    }

    pub fn browser(&self) -> &Browser {
        self.browser.as_ref().expect("the browser is open")
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut Backend {
        &mut self.backend
    }

    pub fn relay_mut(&mut self) -> &mut Relay {
        self.relay.as_mut().expect("a scenario started behind a relay")
    }

    /// The app's URL for `path`, as the browser reaches it.
    pub fn url(&self, path: &str) -> String {
        match &self.relay {
            Some(relay) => format!("http://{}{path}", relay.addr()),
            None => self.backend.url(path),
        }
    }

    /// Opens an app page as if typed into the address bar.
    pub async fn open(&self, path: &str) {
        self.browser().goto(&self.url(path)).await;
    }

    /// An extra screenshot mid-scenario: `target/e2e/<scenario>-<label>.png`.
    pub async fn snapshot(&self, label: &str) {
        let path = repo::screenshot_path(&format!("{}-{label}", self.name));
        self.browser().screenshot(&path).await;
    }

    /// Checks the console for CSP violations, saves `target/e2e/<scenario>.png` and tears
    /// everything down.
    pub async fn finish(mut self) {
        // The app runs under the contract's strict CSP (the backend serves it): anything
        // it refused shows in the console, and fails the scenario (as a failure, with the
        // usual report).
        // Only the app's own pages count (a scenario may open a test page of its own).
        let app = self.url("");
        let refused: Vec<String> = self
            .browser()
            .console()
            .lines()
            .await
            .into_iter()
            .filter(|line| line.contains("Content Security Policy") && line.contains(&app))
            .collect();
        assert!(refused.is_empty(), "CSP violations in the console: {refused:#?}");
        self.finished = true;
        let browser = self.browser.take().expect("the browser is open");
        browser.screenshot(&repo::screenshot_path(&self.name)).await;
        browser.close().await;
        self.relay.take();
        self.backend.stop().await;
    }
}

impl Drop for Scenario {
    /// A failed scenario: record what the user saw, then tear down like `finish`.
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let Some(browser) = self.browser.take() else {
            return;
        };
        let name = self.name.clone();
        let stats = self.backend.url("/__dev__/stats");
        let handle = tokio::runtime::Handle::current();
        // Async teardown from a destructor needs the multi-threaded runtime (see the tests'
        // `#[tokio::test(flavor = "multi_thread")]`); everything below must not panic.
        if handle.runtime_flavor() != tokio::runtime::RuntimeFlavor::MultiThread {
            return;
        }
        tokio::task::block_in_place(|| {
            handle.block_on(async move {
                let path = repo::screenshot_path(&name);
                browser.screenshot(&path).await;
                eprintln!("--- scenario {name} failed; screenshot {}", path.display());
                eprintln!("{}", browser.diagnosis().await);
                if let Ok(response) = reqwest::get(&stats).await {
                    if let Ok(text) = response.text().await {
                        eprintln!("backend stats: {text}");
                    }
                }
                browser.close().await;
            })
        });
    }
}
