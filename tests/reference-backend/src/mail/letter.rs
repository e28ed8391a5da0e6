//! The mail itself, plain text and HTML, in the words of the sign-in page: the plain-words
//! sentence for the code (the app's own table, `app_code`), the message, when and where, what
//! to do next, and where to get help. Pure.
//!
//! Backend text (the message, the page) is scrubbed and bounded by the app's own scrubber
//! (`app_scrub`) and HTML-escaped; the mail holds no token, password, session id or raw
//! context. Links are only ever `http(s)` addresses from the settings.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::app_code::LogoutCode;
use crate::app_scrub::scrub_text;

/// One end of a session to tell a user about.
#[derive(Clone, Debug)]
pub struct Notice {
    pub user_id: i64,
    /// The user's address, from this server's own records (never from a request).
    pub to: String,
    pub code: String,
    /// The message as the user's client got it (backend text: scrubbed here).
    pub message: String,
    /// The page the user was on (from a request: scrubbed here).
    pub page: String,
    pub at: DateTime<Utc>,
}

/// Where a user can act on the mail; the same settings as the app's recovery links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecoveryLinks {
    pub billing: Option<String>,
    pub support: Option<String>,
    /// The app's sign-in page.
    pub sign_in: Option<String>,
}

/// A mail ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One thing the user can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NextStep {
    RenewPlan,
    ContactSupport,
    AskAccountOwner,
    SignInAgain,
}

/// What to do next, per code, most useful first.
fn next_steps(code: &LogoutCode) -> &'static [NextStep] {
    use LogoutCode::*;
    use NextStep::*;
    match code {
        PlanInactive | PlanMissing | PlanRequired => &[RenewPlan, SignInAgain, ContactSupport],
        AccountSuspended => &[ContactSupport, RenewPlan],
        AccountCancelled | AccountMissing | AccountRequired => &[ContactSupport],
        UserInactive => &[AskAccountOwner, ContactSupport],
        _ => &[SignInAgain, ContactSupport],
    }
}

impl NextStep {
    /// The sentence, and the link it needs when there is one.
    fn words(self, links: &RecoveryLinks) -> (&'static str, Option<&str>) {
        match self {
            NextStep::RenewPlan => match &links.billing {
                Some(link) => ("Renew your plan or update your billing details:", Some(link)),
                None => ("Ask your account's billing contact to renew the plan.", None),
            },
            NextStep::ContactSupport => match &links.support {
                Some(link) => ("If you need help, contact support:", Some(link)),
                None => ("If you need help, contact your administrator.", None),
            },
            NextStep::AskAccountOwner => ("Ask your account owner or administrator to reactivate your user.", None),
            NextStep::SignInAgain => match &links.sign_in {
                Some(link) => ("Sign in again:", Some(link)),
                None => ("Sign in again.", None),
            },
        }
    }
}

/// The mail for `notice`; `window` is the throttle's (the footer says how often at most).
pub fn write(notice: &Notice, links: &RecoveryLinks, window: Duration) -> Letter {
    let footer = format!(
        "You get this mail because you were signed out without asking to be. You get at most one \
         for the same reason in {}; signing out yourself never sends one.",
        describe(window)
    );
    let code = LogoutCode::from(notice.code.as_str());
    let plain = code
        .plain_words()
        .unwrap_or("Your session ended, so you were signed out; please sign in again.");
    let message = scrub_text(&notice.message, &[]);
    let page = scrub_text(&notice.page, &[]);
    let when = notice.at.format("%Y-%m-%d %H:%M:%S UTC").to_string();
    let code_text = scrub_text(&notice.code, &[]);
    let steps: Vec<(&str, Option<&str>)> = next_steps(&code).iter().map(|step| step.words(links)).collect();

    let mut text = format!(
        "Hello,\n\n{plain}\n\nWhat the server said: {message}\nWhen: {when}\nThe page you were on: {page}\n\nWhat to do next:\n"
    );
    for (words, link) in &steps {
        match link {
            Some(link) => text.push_str(&format!("- {words} {link}\n")),
            None => text.push_str(&format!("- {words}\n")),
        }
    }
    text.push_str(&format!(
        "\nIf you write to support, give them this code: {code_text}.\n\n{footer}\n"
    ));

    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body style=\"font-family: system-ui, sans-serif; color: #1d2330; line-height: 1.5; max-width: 36rem; margin: 1.5rem auto; padding: 0 1rem;\">\n<main>\n\
         <h1 style=\"font-size: 1.3rem;\">{title}</h1>\n\
         <p style=\"font-size: 1.1rem;\"><strong>{plain}</strong></p>\n\
         <table style=\"border-collapse: collapse;\">\n\
         <tr><th scope=\"row\" style=\"text-align: left; padding: .2rem 1rem .2rem 0;\">What the server said</th><td>{message}</td></tr>\n\
         <tr><th scope=\"row\" style=\"text-align: left; padding: .2rem 1rem .2rem 0;\">When</th><td>{when}</td></tr>\n\
         <tr><th scope=\"row\" style=\"text-align: left; padding: .2rem 1rem .2rem 0;\">The page you were on</th><td>{page}</td></tr>\n\
         </table>\n<h2 style=\"font-size: 1.1rem;\">What to do next</h2>\n<ul>\n",
        title = SUBJECT,
        plain = escape(plain),
        message = escape(&message),
        when = escape(&when),
        page = escape(&page),
    );
    for (words, link) in &steps {
        match link {
            Some(link) => html.push_str(&format!(
                "<li>{} <a href=\"{}\" style=\"color: #0b57d0;\">{}</a></li>\n",
                escape(words),
                escape(link),
                escape(link)
            )),
            None => html.push_str(&format!("<li>{}</li>\n", escape(words))),
        }
    }
    html.push_str(&format!(
        "</ul>\n<p>If you write to support, give them this code: <code>{}</code>.</p>\n\
         <p style=\"color: #555; font-size: .9rem;\">{}</p>\n</main>\n</body></html>\n",
        escape(&code_text),
        escape(&footer)
    ));

    Letter {
        to: notice.to.clone(),
        subject: SUBJECT.to_string(),
        text,
        html,
    }
}

const SUBJECT: &str = "Why you were signed out";

/// "an hour", "2 hours", "10 minutes", "30 seconds".
fn describe(window: Duration) -> String {
    let seconds = window.as_secs();
    let (count, unit) = match seconds {
        s if s >= 3600 && s % 3600 == 0 => (s / 3600, "hour"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    match count {
        1 if unit == "hour" => "an hour".to_string(),
        1 => format!("a {unit}"),
        n => format!("{n} {unit}s"),
    }
}

/// Text made safe between HTML tags and inside a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hostile_text::{hostile_text, SECRET_VALUES};

    fn notice(code: &str, message: &str) -> Notice {
        Notice {
            user_id: 101,
            to: "demo@example.com".into(),
            code: code.into(),
            message: message.into(),
            page: "/dashboard/content".into(),
            at: DateTime::parse_from_rfc3339("2026-12-05T10:30:45.123Z")
                .expect("a time")
                .with_timezone(&Utc),
        }
    }

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn the_footer_says_how_often_at_most() {
        assert_eq!(describe(HOUR), "an hour");
        assert_eq!(describe(Duration::from_secs(7200)), "2 hours");
        assert_eq!(describe(Duration::from_secs(600)), "10 minutes");
        assert_eq!(describe(Duration::from_secs(60)), "a minute");
        assert_eq!(describe(Duration::from_secs(90)), "90 seconds");
        let letter = write(&notice("PLAN_INACTIVE", "m"), &links(), Duration::from_secs(600));
        assert!(letter.text.contains("at most one for the same reason in 10 minutes"));
    }

    fn links() -> RecoveryLinks {
        RecoveryLinks {
            billing: Some("https://billing.example.com/renew".into()),
            support: Some("https://support.example.com/".into()),
            sign_in: Some("https://app.example.com/signin".into()),
        }
    }

    #[test]
    fn a_lapsed_plan_says_so_in_the_sign_in_pages_words_with_the_billing_link() {
        let letter = write(
            &notice("PLAN_INACTIVE", "Subscription plan is inactive"),
            &links(),
            HOUR,
        );
        let plain = LogoutCode::PlanInactive.plain_words().expect("plain words");
        for body in [&letter.text, &letter.html] {
            assert!(body.contains(plain), "{body}");
            assert!(body.contains("Subscription plan is inactive"));
            assert!(body.contains("2026-12-05 10:30:45 UTC"));
            assert!(body.contains("/dashboard/content"));
            assert!(body.contains("https://billing.example.com/renew"));
            assert!(body.contains("https://support.example.com/"));
            assert!(body.contains("PLAN_INACTIVE"));
        }
        assert_eq!(letter.to, "demo@example.com");
        assert_eq!(letter.subject, "Why you were signed out");
    }

    #[test]
    fn each_code_has_its_next_steps() {
        let text = |code: &str| write(&notice(code, "m"), &links(), HOUR).text;
        assert!(text("USER_INACTIVE").contains("Ask your account owner or administrator"));
        assert!(text("ACCOUNT_CANCELLED").contains("contact support: https://support.example.com/"));
        assert!(!text("ACCOUNT_CANCELLED").contains("billing"));
        assert!(text("ACCOUNT_SUSPENDED").contains("https://billing.example.com/renew"));
        assert!(text("TOKEN_REFRESH_FAILED").contains("Sign in again: https://app.example.com/signin"));
        assert!(text("SESSION_ACCOUNT_MISMATCH").contains("Sign in again:"));
    }

    #[test]
    fn without_links_the_steps_still_say_what_to_do() {
        let letter = write(&notice("PLAN_INACTIVE", "m"), &RecoveryLinks::default(), HOUR);
        assert!(letter
            .text
            .contains("Ask your account's billing contact to renew the plan."));
        assert!(letter.text.contains("contact your administrator"));
        assert!(!letter.html.contains("<a "));
    }

    #[test]
    fn hostile_backend_text_is_scrubbed_bounded_and_escaped() {
        let hostile = format!(
            "<script>alert(1)</script><a href=\"javascript:x\">{}",
            hostile_text(50_000)
        );
        let mut hostile_notice = notice("PLAN_INACTIVE", &hostile);
        hostile_notice.page = "/x?token=abc123secretvalue&next=<img src=x onerror=alert(2)>".into();
        let letter = write(&hostile_notice, &links(), HOUR);
        for secret in SECRET_VALUES.iter().chain(&["abc123secretvalue"]) {
            assert!(!letter.text.contains(secret), "{secret} in the text");
            assert!(!letter.html.contains(secret), "{secret} in the HTML");
        }
        assert!(!letter.html.contains("<script"), "{}", letter.html);
        assert!(!letter.html.contains("<img"));
        assert!(!letter.html.contains("<a href=\"javascript"));
        assert!(letter.html.contains("&lt;script&gt;"));
        assert!(letter.text.len() < 8_000, "bounded: {} bytes", letter.text.len());
    }
}
