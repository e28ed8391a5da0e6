//! Server options (what the flags set) and the errors that stop a start.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8000),
            db: PathBuf::from("target/reference-backend.sqlite3"),
            access_ttl: 300,
            static_dir: None,
            dev: false,
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
        Ok(())
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
}

impl StartError {
    /// Exit status for the binary: 2 for refused options (like a usage error), 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            StartError::DevNotLoopback(_) | StartError::StaticDir(_) => 2,
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
    fn addr_accepts_ip_and_localhost() {
        assert_eq!(parse_addr("127.0.0.1:0").unwrap().port(), 0);
        assert_eq!(
            parse_addr("localhost:8080").unwrap().to_string(),
            "127.0.0.1:8080"
        );
        assert_eq!(parse_addr("[::1]:9").unwrap().to_string(), "[::1]:9");
        assert!(parse_addr("example.com:80").is_err());
        assert!(parse_addr("127.0.0.1").is_err());
    }
}
