//! State shared by every handler.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::db::Db;
use crate::event_attribution::RecentEnds;
use crate::login_throttle::LoginLimits;
use crate::mail::Mailer;
use crate::mail_sink::Inbox;
use crate::options::Options;
use crate::password::{self, Cost, PasswordError};
use crate::stats::Stats;
use crate::switches::Switches;
use crate::throttle::{RateLimit, Throttle};
use crate::tokens::Tokens;

pub struct AppState {
    pub db: Db,
    pub tokens: Tokens,
    pub stats: Stats,
    /// The `--access-ttl` value, which `reset_all` restores.
    pub default_access_ttl: u64,
    /// Cost of the hashes this server makes (cheap in dev mode).
    pub password_cost: Cost,
    /// A hash no password matches: checked when the email is unknown, so that an unknown
    /// email takes as long as a wrong password (Django's ModelBackend does the same).
    pub dummy_password_hash: String,
    /// Failed logins, counted as `login_throttle` decides.
    pub login_failures: Throttle,
    pub login_limits: LoginLimits,
    /// Logout-event POSTs per client address.
    pub logout_event_posts: Throttle,
    pub logout_event_limit: RateLimit,
    pub logout_events_cap: u32,
    /// How long the token rotated out last may come back without revoking its family.
    pub refresh_reuse_grace: Duration,
    /// The absolute lifetime of a sign-in's refresh tokens.
    pub session_lifetime: Duration,
    /// Every request counts as HTTPS for the session cookie (`Options::secure_cookies`).
    pub secure_cookies: bool,
    /// Sessions ended a moment ago, for the attribution of the report that follows.
    pub recent_ends: RecentEnds,
    /// The mail to a user whose session ended (off unless configured).
    pub mailer: Mailer,
    /// Dev mode's SMTP sink, shown at `/__dev__/mails`.
    pub mail_sink: Option<Inbox>,
    switches: Mutex<Switches>,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    pub fn new(db: Db, tokens: Tokens, opts: &Options) -> Result<AppState, PasswordError> {
        let password_cost = if opts.dev { Cost::Fast } else { Cost::Standard };
        let unguessable = crate::random::random_hex(32)?;
        Ok(AppState {
            db,
            tokens,
            stats: Stats::default(),
            default_access_ttl: opts.access_ttl,
            password_cost,
            dummy_password_hash: password::hash(&unguessable, password_cost)?,
            login_failures: Throttle::new(),
            login_limits: LoginLimits {
                per_email_and_source: opts.login_failures,
                per_source: opts.login_failures_per_source,
            },
            logout_event_posts: Throttle::new(),
            logout_event_limit: opts.logout_event_posts,
            logout_events_cap: opts.logout_events_cap,
            secure_cookies: opts.secure_cookies,
            refresh_reuse_grace: opts.refresh_reuse_grace,
            session_lifetime: opts.session_lifetime,
            recent_ends: RecentEnds::default(),
            mailer: Mailer::off(),
            mail_sink: None,
            switches: Mutex::new(Switches::new(opts.access_ttl)),
        })
    }

    pub fn switches(&self) -> MutexGuard<'_, Switches> {
        self.switches.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Forgets every failed login, counted POST and mail sent (`reset_throttles`, `reset_all`).
    pub fn reset_throttles(&self) {
        self.login_failures.clear();
        self.logout_event_posts.clear();
        self.mailer.forget_sent();
    }
}
