//! Server options (what the flags set) and the errors that stop a start.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::mail::MailOptions;
use crate::throttle::RateLimit;

/// Django's `SESSION_COOKIE_AGE`: two weeks.
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(14 * 24 * 60 * 60);

/// Everything `start` needs; the binary fills it from its flags.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to bind; port 0 picks a free port (see `RunningServer::addr`).
    pub addr: SocketAddr,
    /// SQLite file; deleted and recreated at every start.
    pub db: PathBuf,
    /// Lifetime of access tokens, in seconds.
    pub access_ttl: u64,
    /// Folder served at `/` with a fallback to its `index.html`.
    pub static_dir: Option<PathBuf>,
    /// Demo users, `/__dev__/` routes and loopback CORS.
    pub dev: bool,
    /// Another origin the built app calls the API on (`scheme://host[:port]`): added to the
    /// static files' `connect-src`.
    pub api_origin: Option<String>,
    /// Failed logins allowed for one email from one client address (then 429 there).
    pub login_failures: RateLimit,
    /// Failed logins allowed from one client address, whatever the emails (then 429).
    pub login_failures_per_source: RateLimit,
    /// Logout-event POSTs allowed per client address (then 429).
    pub logout_event_posts: RateLimit,
    /// Logout events kept; the oldest are dropped beyond it.
    pub logout_events_cap: u32,
    /// How long after a refresh the refresh token it rotated out may be presented again
    /// (another tab's race, refused as blacklisted) without revoking its whole sign-in; any
    /// other reuse of a spent refresh token revokes it (`refresh_rule.rs`).
    pub refresh_reuse_grace: Duration,
    /// Absolute lifetime of a sign-in: no refresh token of it expires later, however often
    /// it is refreshed.
    pub session_lifetime: Duration,
    /// Mark the session cookie `Secure` on every response (the site is served over HTTPS by
    /// a front server), not only on requests that say `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// Mail to a user whose session ended without their asking (`mail/`); off when `None`.
    pub mail: Option<MailOptions>,
    /// Dev mode: an SMTP sink listening here, its mails shown at `/__dev__/mails`; the mail
    /// goes to it unless `mail` names another server.
    pub dev_mail_sink: Option<SocketAddr>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8000),
            db: PathBuf::from("target/reference-backend.sqlite3"),
            access_ttl: 300,
            static_dir: None,
            dev: false,
            api_origin: None,
            login_failures: RateLimit::per_minute(5),
            login_failures_per_source: RateLimit::per_minute(20),
            logout_event_posts: RateLimit::per_minute(30),
            logout_events_cap: 1000,
            refresh_reuse_grace: Duration::from_secs(30),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            secure_cookies: false,
            mail: None,
            dev_mail_sink: None,
        }
    }
}

impl Options {
    /// Refuses option combinations that must never run, before anything is bound.
    pub fn validate(&self) -> Result<(), StartError> {
        // Dev mode has no real authentication on its control API: keep it off the network.
        if self.dev && !self.addr.ip().is_loopback() {
            return Err(StartError::DevNotLoopback(self.addr));
        }
        if let Some(dir) = &self.static_dir {
            if !dir.is_dir() {
                return Err(StartError::StaticDir(dir.clone()));
            }
        }
        if let Some(sink) = self.dev_mail_sink {
            if !self.dev || !sink.ip().is_loopback() {
                return Err(StartError::MailSinkNotDev(sink));
            }
        }
        if let Some(origin) = &self.api_origin {
            parse_origin(origin).map_err(StartError::ApiOrigin)?;
        }
        Ok(())
    }
}

/// Checks `--api-origin`: `http(s)://host[:port]` (one trailing `/` is dropped), nothing that
/// could end or extend the CSP header it goes into. Returns the normalized origin.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let origin = text.strip_suffix('/').unwrap_or(text);
    let refuse =
        || format!("expected an origin such as https://api.example.com or http://127.0.0.1:8000, got {text:?}");
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(refuse)?;
    let (host_ok, port) = if let Some(bracketed) = rest.strip_prefix('[') {
        let (inner, tail) = bracketed.split_once(']').ok_or_else(refuse)?;
        let port = match tail {
            "" => None,
            tail => Some(tail.strip_prefix(':').ok_or_else(refuse)?),
        };
        let ipv6 = !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        (ipv6, port)
    } else {
        let (host, port) = match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        };
        let name = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        (name, port)
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if host_ok && port_ok {
        Ok(origin.to_string())
    } else {
        Err(refuse())
    }
}

/// Parses `HOST:PORT` for `--addr`: an IP address, or `localhost` meaning 127.0.0.1.
pub fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Some(port) = text.strip_prefix("localhost:") {
        if let Ok(port) = port.parse::<u16>() {
            return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
        }
    }
    Err(format!(
        "expected HOST:PORT with an IP address or localhost (e.g. 127.0.0.1:8000), got {text:?}"
    ))
}

/// Why the server did not start.
#[derive(Debug)]
pub enum StartError {
    /// `--dev` was asked for on an address other processes on the network could reach.
    DevNotLoopback(SocketAddr),
    /// `--static-dir` is not a directory.
    StaticDir(PathBuf),
    /// The database could not be created.
    Database(String),
    /// The address could not be bound.
    Bind(SocketAddr, io::Error),
    /// The token signing secret could not be made.
    Secret(String),
    /// `--api-origin` is not an origin.
    ApiOrigin(String),
    /// A password hash could not be made.
    Password(String),
    /// `--dev-mail-sink` without `--dev`, or on an address that is not loopback.
    MailSinkNotDev(SocketAddr),
    /// The mail settings cannot be used, or the sink could not start.
    Mail(String),
}

impl StartError {
    /// Exit status for the binary: 2 for refused options (like a usage error), 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            StartError::DevNotLoopback(_)
            | StartError::StaticDir(_)
            | StartError::ApiOrigin(_)
            | StartError::MailSinkNotDev(_)
            | StartError::Mail(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::DevNotLoopback(addr) => write!(
                f,
                "--dev is only allowed on a loopback address (127.0.0.1, ::1 or localhost), not {addr}: \
                 dev mode exposes demo users and an unauthenticated control API"
            ),
            StartError::StaticDir(dir) => {
                write!(f, "--static-dir {} is not a directory", dir.display())
            }
            StartError::Database(msg) => write!(f, "cannot create the database: {msg}"),
            StartError::Bind(addr, err) => write!(f, "cannot listen on {addr}: {err}"),
            StartError::Secret(msg) => write!(f, "cannot generate the token secret: {msg}"),
            StartError::ApiOrigin(msg) => write!(f, "--api-origin: {msg}"),
            StartError::Password(msg) => write!(f, "cannot hash a password: {msg}"),
            StartError::MailSinkNotDev(addr) => write!(
                f,
                "--dev-mail-sink is only for --dev, on a loopback address, not {addr}: it is a demo's inbox"
            ),
            StartError::Mail(msg) => write!(f, "mail: {msg}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind(_, err) => Some(err),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_is_refused_off_loopback() {
        let mut opts = Options {
            dev: true,
            ..Options::default()
        };
        assert!(opts.validate().is_ok());
        opts.addr = "0.0.0.0:8000".parse().unwrap();
        let err = opts.validate().unwrap_err();
        assert!(matches!(err, StartError::DevNotLoopback(_)));
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("loopback"));
        opts.addr = "[::1]:0".parse().unwrap();
        assert!(opts.validate().is_ok());
        opts.dev = false;
        opts.addr = "0.0.0.0:8000".parse().unwrap();
        assert!(opts.validate().is_ok());
    }

    #[test]
    fn api_origin_must_be_an_origin() {
        for (ok, normalized) in [
            ("https://api.example.com", "https://api.example.com"),
            ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
            ("http://[::1]:8000", "http://[::1]:8000"),
            ("https://[::1]", "https://[::1]"),
            ("http://localhost", "http://localhost"),
        ] {
            assert_eq!(parse_origin(ok).as_deref(), Ok(normalized), "{ok}");
        }
        for bad in [
            "api.example.com",
            "ftp://x",
            "https://",
            "https://a.example/path",
            "https://a.example; script-src *",
            "https://a.example:",
            "https://a.example:123456",
            "https://a b",
            "'self'",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
        let opts = Options {
            api_origin: Some("evil; default-src *".into()),
            ..Options::default()
        };
        let err = opts.validate().unwrap_err();
        assert!(matches!(err, StartError::ApiOrigin(_)));
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn addr_accepts_ip_and_localhost() {
        assert_eq!(parse_addr("127.0.0.1:0").unwrap().port(), 0);
        assert_eq!(parse_addr("localhost:8080").unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(parse_addr("[::1]:9").unwrap().to_string(), "[::1]:9");
        assert!(parse_addr("example.com:80").is_err());
        assert!(parse_addr("127.0.0.1").is_err());
    }
}
