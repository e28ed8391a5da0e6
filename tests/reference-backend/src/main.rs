//! `reference-backend`: the contract's endpoints for development and tests.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use reference_backend::{demo_users_text, parse_addr, start, Options, DEFAULT_SESSION_LIFETIME};

/// Reference backend for logout-tracker: login/refresh/me/logout/content/logout-events with
/// the seed's account and plan middleware. Not a production server.
#[derive(Parser)]
#[command(name = "reference-backend", version)]
struct Cli {
    /// Address to listen on, HOST:PORT (an IP address or localhost); port 0 picks a free port.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8000", value_parser = parse_addr)]
    addr: SocketAddr,

    /// SQLite database file; deleted and recreated at every start.
    #[arg(long, value_name = "PATH", default_value = "target/reference-backend.sqlite3")]
    db: PathBuf,

    /// Lifetime of access tokens in seconds (refresh tokens live one day).
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    access_ttl: u64,

    /// Serve this folder (the built app) at /, with every other non-API GET answered by its
    /// index.html.
    #[arg(long, value_name = "DIR")]
    static_dir: Option<PathBuf>,

    /// Development mode: demo users, the control API and simulator at /__dev__/, and CORS for
    /// loopback origins. Refused unless --addr is a loopback address.
    #[arg(long)]
    dev: bool,

    /// Origin of the API when the built app calls another one (e.g. https://api.example.com):
    /// added to connect-src of the Content-Security-Policy sent with --static-dir files.
    #[arg(long, value_name = "URL")]
    api_origin: Option<String>,

    /// Absolute lifetime of a sign-in in seconds: no refresh token of it expires later,
    /// however often it is refreshed (default two weeks, Django's SESSION_COOKIE_AGE).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_SESSION_LIFETIME.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    session_lifetime: u64,

    /// Mark the session cookie Secure on every response (the site is served over HTTPS by a
    /// front server); without it, only requests with X-Forwarded-Proto: https get it.
    #[arg(long)]
    secure_cookies: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let opts = Options {
        addr: cli.addr,
        db: cli.db,
        access_ttl: cli.access_ttl,
        static_dir: cli.static_dir,
        dev: cli.dev,
        api_origin: cli.api_origin,
        secure_cookies: cli.secure_cookies,
        session_lifetime: Duration::from_secs(cli.session_lifetime),
        ..Options::default()
    };
    let server = match start(opts).await {
        Ok(server) => server,
        Err(err) => {
            eprintln!("reference-backend: {err}");
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(1));
        }
    };
    let addr = server.addr();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on http://{addr}");
    if cli.dev {
        let _ = write!(out, "{}", demo_users_text());
        let _ = writeln!(out, "simulator: http://{addr}/__dev__/");
    }
    let _ = out.flush();
    drop(out);

    wait_for_signal().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

/// Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
