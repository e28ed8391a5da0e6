//! Waiting by polling for a condition with a deadline: never a fixed sleep, so that a slow
//! machine only makes the suite slower, not flaky.

use std::fmt::Display;
use std::future::Future;
use std::time::{Duration, Instant};

/// How long any one condition may take to come true.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// Pause between two looks.
const POLL: Duration = Duration::from_millis(100);

/// Polls `probe` until it yields a value; panics naming `what` after [`DEADLINE`].
pub async fn until<T, F, Fut>(what: impl Display, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    until_within(DEADLINE, what, probe).await
}

/// [`until`] with another deadline.
pub async fn until_within<T, F, Fut>(deadline: Duration, what: impl Display, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    match until_within_or_none(deadline, probe).await {
        Some(value) => value,
        None => panic!("timed out after {deadline:?} waiting for {what}"),
    }
}

/// Like [`until_within`], but gives up with `None` instead of panicking.
pub async fn until_within_or_none<T, F, Fut>(deadline: Duration, mut probe: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = probe().await {
            return Some(value);
        }
        if start.elapsed() > deadline {
            return None;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Sleeps until `instant`: only for waiting out a token's lifetime, which no screen shows.
pub async fn until_instant(instant: Instant) {
    tokio::time::sleep_until(instant.into()).await;
}
