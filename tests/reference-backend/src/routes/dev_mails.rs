//! Dev mode's mail sink, shown: the mails this server sent to users whose session ended, so
//! that a person trying the demo sees the mail each logout sends (README "E-mail on logout").

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use crate::api_error::json_response;
use crate::mail::escape_html as escape;
use crate::mail_sink::ReceivedMail;
use crate::state::SharedState;

/// A mail's HTML part runs nothing and loads nothing: it is shown as a mail reader would.
const MAIL_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub async fn page(State(state): State<SharedState>) -> Response {
    let mut body = String::from(PAGE_HEAD);
    match &state.mail_sink {
        None => body.push_str(
            "<p>No mail sink runs here: start the server with <code>--dev-mail-sink 127.0.0.1:2525</code> \
             (as <code>make dev</code> does).</p>\n",
        ),
        Some(inbox) => {
            let mails = inbox.mails();
            if mails.is_empty() {
                body.push_str(
                    "<p>No mail yet. Sign in to the app as demo@example.com, press <code>deactivate_plan</code> \
                     for that user in the <a href=\"/__dev__/\">culprit simulator</a>, then use the app: the mail \
                     its logout sends shows here (reload this page).</p>\n",
                );
            }
            for (index, mail) in mails.iter().enumerate().rev() {
                body.push_str(&article(index + 1, mail));
            }
        }
    }
    body.push_str("</main>\n</body>\n</html>\n");
    no_store(Html(body).into_response())
}

pub async fn json(State(state): State<SharedState>) -> Response {
    let mails: Vec<_> = state
        .mail_sink
        .as_ref()
        .map(|inbox| inbox.mails())
        .unwrap_or_default()
        .into_iter()
        .map(|mail| {
            json!({
                "to": mail.to, "from": mail.from, "subject": mail.subject,
                "content_type": mail.content_type, "text": mail.text, "html": mail.html,
            })
        })
        .collect();
    no_store(json_response(StatusCode::OK, &mails))
}

pub async fn html_part(State(state): State<SharedState>, Path(number): Path<usize>) -> Response {
    let mail = state
        .mail_sink
        .as_ref()
        .and_then(|inbox| inbox.mails().into_iter().nth(number.wrapping_sub(1)));
    let Some(mail) = mail else {
        return (StatusCode::NOT_FOUND, "No such mail.").into_response();
    };
    let mut response = no_store(Html(mail.html).into_response());
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(MAIL_CSP));
    response
}

fn article(number: usize, mail: &ReceivedMail) -> String {
    format!(
        "<article>\n<h2>{number}. {subject}</h2>\n<dl>\n<dt>To</dt><dd>{to}</dd>\n<dt>From</dt><dd>{from}</dd>\n\
         <dt>Type</dt><dd>{content_type}</dd>\n</dl>\n\
         <p><a href=\"/__dev__/mails/{number}\">Mail {number} as a mail reader shows it (the HTML part)</a></p>\n\
         <details><summary>Mail {number}: the text part</summary><pre>{text}</pre></details>\n\
         <details><summary>Mail {number} as sent</summary><pre>{raw}</pre></details>\n</article>\n",
        subject = escape(&mail.subject),
        to = escape(&mail.to.join(", ")),
        from = escape(&mail.from),
        content_type = escape(&mail.content_type),
        text = escape(&mail.text),
        raw = escape(&mail.raw),
    )
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

const PAGE_HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mails sent · reference backend</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.4rem; }
  h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  pre { background: #f4f5f7; border: 1px solid #e3e6ec; border-radius: 4px; padding: .8rem; overflow: auto; white-space: pre-wrap; }
  a { color: #0b57d0; }
  code { background: #f4f5f7; padding: 0 .2rem; }
</style>
</head>
<body>
<main>
<h1>Mails sent</h1>
<p>What this server mailed to users whose session ended without their asking, as the local SMTP sink of
<code>make dev</code> received it, newest first. <a href="/__dev__/">Back to the culprit simulator</a></p>
"#;
