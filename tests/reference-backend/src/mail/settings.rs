//! The mail's settings: the SMTP server, the sender, the throttle's window, the retries and
//! where the links come from. Mail is off unless they are given.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::links::LinkSettings;

/// The sender of dev mode's mails, when `--mail-from` does not name one.
pub const DEV_MAIL_FROM: &str = "logout-tracker demo <no-reply@logout-tracker.invalid>";

#[derive(Clone, Debug)]
pub struct MailOptions {
    /// `None`: dev mode's sink (`Options::dev_mail_sink`).
    pub smtp: Option<SmtpServer>,
    /// The `From` address, e.g. `Acme <no-reply@acme.example>`.
    pub from: String,
    /// At most one mail per user and code in this window.
    pub window: Duration,
    /// Attempts after the first, for a mail the SMTP server did not take.
    pub retries: u32,
    /// The wait before the first retry; it doubles at each one.
    pub retry_delay: Duration,
    pub links: LinkSettings,
}

impl MailOptions {
    /// Mail through `smtp` (`None`: the dev sink) with the defaults: one per user and code an
    /// hour, 3 retries from 1 s.
    pub fn new(smtp: Option<SmtpServer>, from: &str) -> MailOptions {
        MailOptions {
            smtp,
            from: from.to_string(),
            window: Duration::from_secs(3600),
            retries: 3,
            retry_delay: Duration::from_secs(1),
            links: LinkSettings::default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<Credentials>,
    /// A certificate in PEM trusted besides the web's roots, for STARTTLS and TLS: a private
    /// relay's own CA, or its self-signed certificate (`--smtp-ca-file`).
    pub trusted_root: Option<Vec<u8>>,
}

impl SmtpServer {
    /// A local server without TLS or credentials (the dev and test sink).
    pub fn local(port: u16) -> SmtpServer {
        SmtpServer {
            host: "127.0.0.1".into(),
            port,
            security: Security::None,
            credentials: None,
            trusted_root: None,
        }
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP: only for a server on this machine.
    None,
    /// STARTTLS, required (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Security {
    /// The port each one is usually served on.
    pub fn default_port(self) -> u16 {
        match self {
            Security::None => 25,
            Security::StartTls => 587,
            Security::Tls => 465,
        }
    }
}

impl FromStr for Security {
    type Err = String;

    fn from_str(text: &str) -> Result<Security, String> {
        match text {
            "none" => Ok(Security::None),
            "starttls" => Ok(Security::StartTls),
            "tls" => Ok(Security::Tls),
            other => Err(format!("expected none, starttls or tls, got {other:?}")),
        }
    }
}

/// An SMTP user and password; the password never shows in a `Debug` or a log.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"[redacted]")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_reads_its_three_names_and_the_password_never_shows() {
        assert_eq!("starttls".parse(), Ok(Security::StartTls));
        assert_eq!("tls".parse::<Security>().map(Security::default_port), Ok(465));
        assert!("ssl".parse::<Security>().is_err());
        let credentials = Credentials {
            user: "mailer".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{credentials:?}").contains("hunter2"));
    }
}
