//! Simulates a misbehaving proxy or network in front of the API (dev switches `fail_with`,
//! `strip_authorization` and `answer_delay`): the client must cope with all of them without
//! logging out wrongly. And a slow `/config.json` for the served app (`config_delay`).

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api_error::json_response;
use crate::state::SharedState;

/// Largest answer `truncated` reads in order to cut it (the hostile logout bodies reach 8 MB).
const MAX_ANSWER: usize = 16 * 1024 * 1024;

pub async fn simulate_proxy(State(state): State<SharedState>, mut request: Request, next: Next) -> Response {
    if request.uri().path() == "/config.json" {
        let delay = Duration::from_millis(state.switches().config_delay_ms);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        return next.run(request).await;
    }
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (failure, strip, delay) = {
        let mut switches = state.switches();
        let failure = match &mut switches.fail_with {
            Some(fail) if fail.remaining > 0 => {
                fail.remaining -= 1;
                Some(*fail)
            }
            _ => None,
        };
        if switches.fail_with.is_some_and(|fail| fail.remaining == 0) {
            switches.fail_with = None;
        }
        let delay = Duration::from_millis(switches.answer_delay_ms);
        (failure, switches.strip_authorization, delay)
    };
    if strip {
        request.headers_mut().remove(header::AUTHORIZATION);
    }
    let answer = match failure {
        Some(fail) if !fail.truncated => {
            simulated_failure(fail.status.unwrap_or(StatusCode::BAD_GATEWAY.as_u16()), fail.html)
        }
        Some(_) => truncated(next.run(request).await).await,
        None => next.run(request).await,
    };
    // After the work: a refresh has rotated the token by the time its answer leaves.
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    answer
}

fn simulated_failure(status: u16, html: bool) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    if !html {
        return json_response(status, &serde_json::json!({ "detail": "Simulated failure" }));
    }
    let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("Error"));
    let page = format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head>\
         <body><center><h1>{title}</h1></center><hr><center>simulated proxy</center></body></html>\n"
    );
    let mut response = (status, page).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// The answer with the first half of its body only (status and headers kept, the length
/// what is sent): a proxy that cut a transfer short, which the client reads as a complete
/// answer that does not parse. The work behind it is done (a refresh has rotated).
async fn truncated(answer: Response) -> Response {
    let (mut parts, body) = answer.into_parts();
    // Too large or broken: nothing of it goes out, which is a cut too.
    let bytes = to_bytes(body, MAX_ANSWER).await.unwrap_or_default();
    let cut = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(cut.len()));
    Response::from_parts(parts, Body::from(cut))
}
