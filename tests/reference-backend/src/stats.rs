//! Request counters for `GET /__dev__/stats`: requests per API path and refresh calls, so
//! tests can assert e.g. that a burst of 401s caused exactly one refresh.

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

use crate::paths;
use crate::state::SharedState;

/// Distinct paths kept; a client probing random URLs must not grow memory without bound.
const MAX_PATHS: usize = 1000;

#[derive(Debug, Default, Clone, Serialize)]
pub struct StatsSnapshot {
    pub refresh_calls: u64,
    pub requests: BTreeMap<String, u64>,
}

#[derive(Default)]
pub struct Stats {
    inner: Mutex<StatsSnapshot>,
}

impl Stats {
    pub fn record(&self, path: &str, is_refresh: bool) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if is_refresh {
            inner.refresh_calls += 1;
        }
        if let Some(count) = inner.requests.get_mut(path) {
            *count += 1;
        } else if inner.requests.len() < MAX_PATHS {
            inner.requests.insert(path.to_string(), 1);
        }
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn reset(&self) {
        *self.inner.lock().unwrap_or_else(|p| p.into_inner()) = StatsSnapshot::default();
    }
}

/// Counts every request under `/api/` (simulated failures included: the client did call).
pub async fn count_requests(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") {
        let is_refresh = path == paths::REFRESH && request.method() == Method::POST;
        state.stats.record(path, is_refresh);
    }
    next.run(request).await
}
