//! Starting and stopping the server in-process (the binary and the tests share this).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::demo;
use crate::mail::{MailOptions, Mailer, SmtpServer, DEV_MAIL_FROM};
use crate::mail_sink::MailSink;
use crate::options::{Options, StartError};
use crate::random::random_bytes;
use crate::routes;
use crate::state::AppState;
use crate::tokens::Tokens;

/// How long `shutdown` lets open requests finish before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A server accepting connections. Dropping it also stops the server (gracefully, in the
/// background); `shutdown` waits until the port is released.
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// The bound address, with the real port when the options asked for port 0.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets in-flight requests finish (up to a grace period) and releases
    /// the port.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(SHUTDOWN_GRACE, &mut self.task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => eprintln!("reference-backend: server stopped with an error: {err}"),
            Ok(Err(join_error)) => eprintln!("reference-backend: server task failed: {join_error}"),
            Err(_) => {
                self.task.abort();
                let _ = (&mut self.task).await;
            }
        }
    }
}

/// The state with its dummy hash, and the demo users in dev mode.
fn seeded_state(db: Db, tokens: Tokens, opts: &Options) -> Result<AppState, StartError> {
    let state = AppState::new(db, tokens, opts).map_err(|e| StartError::Password(e.to_string()))?;
    if opts.dev {
        for user in demo::DEMO_USERS {
            demo::reset_user(&state, user).map_err(StartError::Database)?;
        }
    }
    Ok(state)
}

/// Validates the options, creates a fresh database (seeded with the demo users in dev
/// mode), binds the address and serves in a background task.
pub async fn start(opts: Options) -> Result<RunningServer, StartError> {
    opts.validate()?;
    let secret = random_bytes(32).map_err(|e| StartError::Secret(e.to_string()))?;
    let tokens = Tokens::new(&secret).map_err(StartError::Secret)?;
    let db = Db::create(&opts.db).map_err(StartError::Database)?;
    let state = {
        let opts = opts.clone();
        // Hashing (argon2) runs off the async threads, as it does while serving.
        tokio::task::spawn_blocking(move || seeded_state(db, tokens, &opts))
            .await
            .map_err(|e| StartError::Password(e.to_string()))??
    };
    let mut state = state;
    // The dev sink first: without other settings, the mail goes to it.
    let sink = match opts.dev_mail_sink {
        Some(addr) => Some(
            MailSink::start(addr).map_err(|e| StartError::Mail(format!("the sink cannot listen on {addr}: {e}")))?,
        ),
        None => None,
    };
    let mail = match (&opts.mail, &sink) {
        (Some(mail), _) => Some(mail.clone()),
        (None, Some(_)) => {
            let mut dev = MailOptions::new(None, DEV_MAIL_FROM);
            // The links of the app this server serves, if it serves one.
            dev.links.client_config = opts.static_dir.as_ref().map(|dir| dir.join("config.json"));
            Some(dev)
        }
        (None, None) => None,
    };
    if let Some(mail) = &mail {
        let smtp = match (&mail.smtp, &sink) {
            (Some(smtp), _) => smtp.clone(),
            (None, Some(sink)) => SmtpServer::local(sink.addr().port()),
            (None, None) => return Err(StartError::Mail("no SMTP server and no --dev-mail-sink".into())),
        };
        state.mailer = Mailer::start(mail, &smtp).map_err(|e| StartError::Mail(e.to_string()))?;
    }
    state.mail_sink = sink.as_ref().map(MailSink::inbox);
    let app = routes::router(Arc::new(state), &opts);

    let listener = TcpListener::bind(opts.addr)
        .await
        .map_err(|e| StartError::Bind(opts.addr, e))?;
    let addr = listener.local_addr().map_err(|e| StartError::Bind(opts.addr, e))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                // A send or a dropped sender both mean stop.
                let _ = stopped.await;
            })
            .await
    });
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        task,
    })
}
