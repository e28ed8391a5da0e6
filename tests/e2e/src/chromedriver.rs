//! A ChromeDriver of our own on a free loopback port, killed with every browser it started.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::wait;

/// Debian's, unless `CHROMEDRIVER` names another (the Makefile exports it).
fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_string())
}

pub struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    /// Starts ChromeDriver and waits until it answers `/status`.
    pub async fn start() -> ChromeDriver {
        // A port picked free can be taken before ChromeDriver binds it: try a few.
        for _ in 0..3 {
            let port = free_port();
            let child = Command::new(chromedriver_path())
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // Its own process group, so that ending it also ends the Chromium it started.
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot start {}: {e} (install chromium-driver, e.g. `make browser`)",
                        chromedriver_path()
                    )
                });
            let driver = ChromeDriver {
                child,
                url: format!("http://127.0.0.1:{port}/"),
            };
            if driver.answers().await {
                return driver;
            }
        }
        panic!("ChromeDriver did not come up on a free port");
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> &str {
        &self.url
    }

    async fn answers(&self) -> bool {
        let status = format!("{}status", self.url);
        let http = reqwest::Client::new();
        let ready = wait::until_within_or_none(Duration::from_secs(10), || {
            let request = http.get(&status).send();
            async move {
                let body: serde_json::Value = request.await.ok()?.json().await.ok()?;
                body["value"]["ready"].as_bool().filter(|ready| *ready)
            }
        });
        ready.await.is_some()
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let group = self.child.id() as libc::pid_t;
        // SAFETY: signals the process group this struct started (its id is the leader's).
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}
