//! `reference-backend`: the contract's endpoints for development and tests.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use reference_backend::{
    demo_users_text, parse_addr, start, Credentials, LinkSettings, MailOptions, Options, Security, SmtpServer,
    DEFAULT_SESSION_LIFETIME, DEV_MAIL_FROM,
};

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

    /// Mail users whose session ended without their asking through this SMTP server (mail is
    /// off without it). Also --smtp-port, --smtp-security, --smtp-user, SMTP_PASSWORD,
    /// --smtp-ca-file and --mail-from.
    #[arg(long, value_name = "HOST", env = "SMTP_HOST")]
    smtp_host: Option<String>,

    /// The SMTP server's port (default: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, value_name = "PORT", env = "SMTP_PORT")]
    smtp_port: Option<u16>,

    /// starttls (required, the default), tls (from the first byte) or none (a server on
    /// this machine only).
    #[arg(long, value_name = "MODE", env = "SMTP_SECURITY", default_value = "starttls",
          value_parser = clap::value_parser!(Security))]
    smtp_security: Security,

    /// The SMTP user; the password is read from the environment variable SMTP_PASSWORD, never
    /// from a flag (flags show in the process list).
    #[arg(long, value_name = "USER", env = "SMTP_USER")]
    smtp_user: Option<String>,

    /// A certificate (PEM) to trust for STARTTLS and TLS besides the web's roots: a private
    /// relay's own CA, or its self-signed certificate.
    #[arg(long, value_name = "FILE", env = "SMTP_CA_FILE")]
    smtp_ca_file: Option<PathBuf>,

    /// The sender of the mails, e.g. "Acme <no-reply@acme.example>"; required with --smtp-host.
    #[arg(long, value_name = "ADDRESS", env = "MAIL_FROM")]
    mail_from: Option<String>,

    /// At most one mail per user and reason in this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    mail_window: u64,

    /// Attempts after the first for a mail the SMTP server did not take (1 s, then doubling).
    #[arg(long, value_name = "COUNT", default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    mail_retries: u32,

    /// The app's config.json, whose billing_url and support_url the mails link to (default:
    /// the one in --static-dir).
    #[arg(long, value_name = "PATH")]
    client_config: Option<PathBuf>,

    /// The app's address (e.g. https://app.example.com): the mails link to its /signin.
    #[arg(long, value_name = "URL")]
    app_url: Option<String>,

    /// Dev mode only: an SMTP sink on this loopback address, its mails shown at
    /// /__dev__/mails; without --smtp-host the mails go to it.
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_addr)]
    dev_mail_sink: Option<SocketAddr>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let mail = match mail_options(&cli) {
        Ok(mail) => mail,
        Err(why) => {
            eprintln!("reference-backend: {why}");
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        addr: cli.addr,
        db: cli.db,
        access_ttl: cli.access_ttl,
        static_dir: cli.static_dir,
        dev: cli.dev,
        api_origin: cli.api_origin,
        secure_cookies: cli.secure_cookies,
        session_lifetime: Duration::from_secs(cli.session_lifetime),
        mail,
        dev_mail_sink: cli.dev_mail_sink,
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
        if cli.dev_mail_sink.is_some() {
            let _ = writeln!(out, "mails sent: http://{addr}/__dev__/mails");
        }
    }
    let _ = out.flush();
    drop(out);

    wait_for_signal().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

/// The mail settings from the flags: none without --smtp-host, unless --dev-mail-sink (then
/// only the links and the throttle are the flags').
fn mail_options(cli: &Cli) -> Result<Option<MailOptions>, String> {
    let links = LinkSettings {
        client_config: cli
            .client_config
            .clone()
            .or_else(|| cli.static_dir.as_ref().map(|dir| dir.join("config.json"))),
        app_url: cli.app_url.clone(),
    };
    let smtp = match &cli.smtp_host {
        Some(host) => Some(SmtpServer {
            host: host.clone(),
            port: cli.smtp_port.unwrap_or(cli.smtp_security.default_port()),
            security: cli.smtp_security,
            credentials: match (&cli.smtp_user, std::env::var("SMTP_PASSWORD")) {
                (Some(user), Ok(password)) => Some(Credentials {
                    user: user.clone(),
                    password,
                }),
                (Some(_), Err(_)) => return Err("--smtp-user needs the password in SMTP_PASSWORD".into()),
                (None, _) => None,
            },
            trusted_root: match &cli.smtp_ca_file {
                Some(path) => Some(std::fs::read(path).map_err(|e| format!("--smtp-ca-file {}: {e}", path.display()))?),
                None => None,
            },
        }),
        // Dev mode's sink, wherever it listens.
        None if cli.dev_mail_sink.is_some() => None,
        None => return Ok(None),
    };
    let from = match (&cli.mail_from, cli.smtp_host.is_some()) {
        (Some(from), _) => from.clone(),
        (None, false) => DEV_MAIL_FROM.into(),
        (None, true) => return Err("--smtp-host needs --mail-from, the sender of the mails".into()),
    };
    let mut mail = MailOptions::new(smtp, &from);
    mail.window = Duration::from_secs(cli.mail_window);
    mail.retries = cli.mail_retries;
    mail.links = links;
    Ok(Some(mail))
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
