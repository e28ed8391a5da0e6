//! State shared by every handler.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::db::Db;
use crate::stats::Stats;
use crate::switches::Switches;
use crate::tokens::Tokens;

pub struct AppState {
    pub db: Db,
    pub tokens: Tokens,
    pub stats: Stats,
    /// The `--access-ttl` value, which `reset_all` restores.
    pub default_access_ttl: u64,
    switches: Mutex<Switches>,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    pub fn new(db: Db, tokens: Tokens, default_access_ttl: u64) -> AppState {
        AppState {
            db,
            tokens,
            stats: Stats::default(),
            default_access_ttl,
            switches: Mutex::new(Switches::new(default_access_ttl)),
        }
    }

    pub fn switches(&self) -> MutexGuard<'_, Switches> {
        self.switches
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
