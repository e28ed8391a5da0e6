//! The queue between a request and the SMTP server: a request only posts a notice (never
//! waits for SMTP); a task writes each mail and sends it with lettre, retrying a bounded
//! number of times with a doubling wait, and logs what happened on stderr.

use std::time::Duration;

use chrono::Utc;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials as SmtpCredentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::mpsc;

use super::letter::{write, Letter, Notice};
use super::links::LinkSettings;
use super::settings::{MailOptions, Security, SmtpServer};
use crate::log_line::{escape_text, prefix};

/// Notices waiting to be written and sent; beyond it, new ones are dropped (and logged).
const QUEUE: usize = 1000;
/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP host {0:?} cannot be used: {1}")]
    Host(String, String),
    #[error("the sender {0:?} is not a mail address: {1}")]
    From(String, String),
}

pub struct Outbox {
    queue: mpsc::Sender<Notice>,
}

impl Outbox {
    /// Starts the sending task on the current tokio runtime, sending through `smtp`.
    pub fn start(options: &MailOptions, smtp: &SmtpServer) -> Result<Outbox, MailError> {
        let transport = transport(smtp)?;
        let from: Mailbox = options
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::From(options.from.clone(), e.to_string()))?;
        let (queue, mut notices) = mpsc::channel::<Notice>(QUEUE);
        let sender = Sender {
            transport,
            from,
            links: options.links.clone(),
            retries: options.retries,
            retry_delay: options.retry_delay,
            window: options.window,
        };
        tokio::spawn(async move {
            while let Some(notice) = notices.recv().await {
                // Each mail on its own: one waiting for a retry holds up no other.
                let sender = sender.clone();
                tokio::spawn(async move { sender.deliver(notice).await });
            }
        });
        Ok(Outbox { queue })
    }

    /// Hands `notice` over without waiting; false when the queue is full.
    pub fn post(&self, notice: Notice) -> bool {
        self.queue.try_send(notice).is_ok()
    }
}

#[derive(Clone)]
struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    links: LinkSettings,
    retries: u32,
    retry_delay: Duration,
    /// The throttle's window, which the mail's footer states.
    window: Duration,
}

impl Sender {
    async fn deliver(&self, notice: Notice) {
        let label = format!("{} for user {}", notice.code, notice.user_id);
        let letter = write(&notice, &self.links.read(), self.window);
        let message = match self.message(&letter) {
            Ok(message) => message,
            Err(why) => {
                log("ERROR", &format!("Not sent: {label}: {why}"));
                return;
            }
        };
        let attempts = self.retries + 1;
        let mut wait = self.retry_delay;
        for attempt in 1..=attempts {
            match self.transport.send(message.clone()).await {
                Ok(_) => {
                    log("INFO", &format!("Sent: {label} (attempt {attempt} of {attempts})"));
                    return;
                }
                Err(error) if attempt < attempts => {
                    log(
                        "WARNING",
                        &format!(
                            "Attempt {attempt} of {attempts} failed: {label}: {error}; next in {} ms",
                            wait.as_millis()
                        ),
                    );
                    tokio::time::sleep(wait).await;
                    wait = wait.saturating_mul(2);
                }
                Err(error) => log("ERROR", &format!("Gave up after {attempts} attempts: {label}: {error}")),
            }
        }
    }

    fn message(&self, letter: &Letter) -> Result<Message, String> {
        let to: Mailbox = letter
            .to
            .parse()
            .map_err(|e| format!("the address is not usable ({e})"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject.as_str())
            .multipart(MultiPart::alternative_plain_html(
                letter.text.clone(),
                letter.html.clone(),
            ))
            .map_err(|e| e.to_string())
    }
}

fn transport(smtp: &SmtpServer) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    let refused = |e: lettre::transport::smtp::Error| MailError::Host(smtp.host.clone(), e.to_string());
    // The server's certificate is checked against the host's name, as lettre's `relay` and
    // `starttls_relay` do, with the trusted root added.
    let tls = || {
        let mut parameters = TlsParameters::builder(smtp.host.clone());
        if let Some(pem) = &smtp.trusted_root {
            parameters = parameters.add_root_certificate(Certificate::from_pem(pem).map_err(refused)?);
        }
        parameters.build_rustls().map_err(refused)
    };
    let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host);
    let builder = match smtp.security {
        Security::None => builder,
        Security::StartTls => builder.tls(Tls::Required(tls()?)),
        Security::Tls => builder.tls(Tls::Wrapper(tls()?)),
    };
    let builder = builder.port(smtp.port).timeout(Some(SMTP_TIMEOUT));
    let builder = match &smtp.credentials {
        Some(credentials) => builder.credentials(SmtpCredentials::new(
            credentials.user.clone(),
            credentials.password.clone(),
        )),
        None => builder,
    };
    Ok(builder.build())
}

/// One line on stderr, begun as the `[AUTO-LOGOUT]` line is.
fn log(level: &str, text: &str) {
    eprintln!("{} {}", prefix(Utc::now(), level, "mail"), escape_text(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_security_builds_its_transport() {
        // STARTTLS and TLS set up rustls (its crypto provider, the roots) when built.
        for security in [Security::None, Security::StartTls, Security::Tls] {
            let smtp = SmtpServer {
                host: "smtp.example.com".into(),
                port: security.default_port(),
                security,
                credentials: None,
                trusted_root: None,
            };
            assert!(transport(&smtp).is_ok(), "{security:?}");
        }
    }
}
