//! The seed's "User Notification": a mail to the user whose session ended without their
//! asking, with the reason, what to do next and where to get help (README "E-mail on
//! logout"). Off unless an SMTP server is configured.
//!
//! - `rule.rs`: which ends are mailed (pure);
//! - `throttle.rs`: one mail per user and code in a window (pure);
//! - `letter.rs`: the mail, text and HTML, in the sign-in page's words (pure);
//! - `links.rs`: the billing, support and sign-in links, from the app's own settings;
//! - `outbox.rs`: the queue and the SMTP sending, off the request's path;
//! - `settings.rs`: the SMTP server and the rest.

mod letter;
mod links;
mod outbox;
mod rule;
mod settings;
mod throttle;

use std::fmt;
use std::sync::Mutex;
use std::time::Instant;

pub use letter::{escape as escape_html, Notice};
pub use links::LinkSettings;
pub use outbox::MailError;
pub use rule::Finder;
pub use settings::{Credentials, MailOptions, Security, SmtpServer, DEV_MAIL_FROM};

use crate::app_code::LogoutCode;
use outbox::Outbox;
use throttle::MailThrottle;

/// What became of a notice, for the log line (`Mail=...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailStatus {
    /// Handed to the sending task.
    Queued,
    /// A mail for the same user and code went out within the window.
    Throttled,
    /// Mail is not configured.
    Off,
    /// The queue was full.
    Dropped,
}

impl fmt::Display for MailStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MailStatus::Queued => "queued",
            MailStatus::Throttled => "throttled",
            MailStatus::Off => "off",
            MailStatus::Dropped => "dropped",
        })
    }
}

pub struct Mailer {
    outbox: Option<Outbox>,
    throttle: Mutex<MailThrottle>,
}

impl Mailer {
    pub fn off() -> Mailer {
        Mailer {
            outbox: None,
            throttle: Mutex::new(MailThrottle::new(std::time::Duration::ZERO)),
        }
    }

    /// Starts sending through `smtp` on the current tokio runtime.
    pub fn start(options: &MailOptions, smtp: &SmtpServer) -> Result<Mailer, MailError> {
        Ok(Mailer {
            outbox: Some(Outbox::start(options, smtp)?),
            throttle: Mutex::new(MailThrottle::new(options.window)),
        })
    }

    /// Tells the user about the end in `notice`, found by `finder`, when it is one that is
    /// mailed (else `None`). Never waits for the SMTP server.
    pub fn notify(&self, notice: Notice, finder: Finder) -> Option<MailStatus> {
        if !rule::is_mailed(&LogoutCode::from(notice.code.as_str()), finder) {
            return None;
        }
        let Some(outbox) = &self.outbox else {
            return Some(MailStatus::Off);
        };
        let admitted = self
            .throttle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .admit(notice.user_id, &notice.code, Instant::now());
        if !admitted {
            return Some(MailStatus::Throttled);
        }
        Some(if outbox.post(notice) {
            MailStatus::Queued
        } else {
            MailStatus::Dropped
        })
    }

    /// Forgets which mails went out (the control API's `reset_all`).
    pub fn forget_sent(&self) {
        self.throttle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(code: &str) -> Notice {
        Notice {
            user_id: 101,
            to: "demo@example.com".into(),
            code: code.into(),
            message: "m".into(),
            page: "/dashboard".into(),
            at: chrono::Utc::now(),
        }
    }

    #[test]
    fn unconfigured_mail_is_off_and_ends_never_mailed_say_nothing() {
        let mailer = Mailer::off();
        assert_eq!(
            mailer.notify(notice("PLAN_INACTIVE"), Finder::Middleware),
            Some(MailStatus::Off)
        );
        assert_eq!(mailer.notify(notice("MANUAL_LOGOUT"), Finder::ClientReport), None);
        assert_eq!(mailer.notify(notice("IDLE_TIMEOUT"), Finder::ClientReport), None);
        let mut line = String::from("... Timestamp=2026-12-05T10:30:45.123Z");
        crate::log_line::append_mail_status(&mut line, MailStatus::Throttled);
        assert!(
            line.ends_with("Timestamp=2026-12-05T10:30:45.123Z, Mail=throttled"),
            "{line}"
        );
    }
}
