//! The configuration as the API client holds it: the app renders before `/config.json` has
//! arrived (a Session Ended box needs none of it), so the configuration may come after the
//! client is made. Until it arrives, reading it gives the defaults, and whatever would send a
//! request waits for it. No session ends for a reason of its own before then (each such end
//! follows a request or a timer that the file sets), so the defaults decide nothing.

use std::cell::{OnceCell, RefCell};
use std::future::poll_fn;
use std::task::{Poll, Waker};

use super::Config;

#[derive(Default)]
pub struct ArrivingConfig {
    defaults: Config,
    arrived: OnceCell<Config>,
    /// Who waits for it. (Wakers, not a channel: a channel of its own would add its code to
    /// the wasm for this one use.)
    waiting: RefCell<Vec<Waker>>,
}

impl ArrivingConfig {
    pub fn arrived(config: Config) -> Self {
        Self {
            arrived: OnceCell::from(config),
            ..Self::default()
        }
    }

    /// The configuration now: the defaults while it has not arrived.
    pub fn get(&self) -> &Config {
        self.arrived.get().unwrap_or(&self.defaults)
    }

    pub fn has_arrived(&self) -> bool {
        self.arrived.get().is_some()
    }

    /// The file was read (or its defaults taken): everyone waiting goes on. Only the first
    /// arrival counts; the file is read once.
    pub fn arrive(&self, config: &Config) {
        if self.arrived.get().is_none() && self.arrived.set(config.clone()).is_ok() {
            self.waiting.take().into_iter().for_each(Waker::wake);
        }
    }

    /// The configuration, once it has arrived.
    pub async fn ready(&self) -> &Config {
        poll_fn(|context| match self.arrived.get() {
            Some(config) => Poll::Ready(config),
            None => {
                self.waiting.borrow_mut().push(context.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    #[test]
    fn the_defaults_stand_in_until_it_arrives() {
        let config = ArrivingConfig::default();
        assert_eq!(*config.get(), Config::default());
        assert!(!config.has_arrived());
        assert!(config.ready().now_or_never().is_none());
        let billing = Config {
            billing_url: Some("https://pay.example.com".into()),
            ..Config::default()
        };
        config.arrive(&billing);
        assert!(config.has_arrived());
        assert_eq!(*config.get(), billing);
        assert_eq!(config.ready().now_or_never(), Some(&billing));
    }

    #[test]
    fn a_waiter_goes_on_when_it_arrives_and_not_before() {
        let config = ArrivingConfig::default();
        let mut waiting = Box::pin(config.ready());
        assert!((&mut waiting).now_or_never().is_none());
        let custom = Config {
            api_base_url: "https://api.example.com".into(),
            ..Config::default()
        };
        config.arrive(&custom);
        assert_eq!(waiting.now_or_never(), Some(&custom));
    }

    #[test]
    fn only_the_first_arrival_counts() {
        let config = ArrivingConfig::arrived(Config::default());
        config.arrive(&Config {
            reauth_in_place: true,
            ..Config::default()
        });
        assert_eq!(*config.get(), Config::default());
        assert_eq!(config.ready().now_or_never(), Some(&Config::default()));
    }
}
