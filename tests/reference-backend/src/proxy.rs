//! Simulates a misbehaving proxy in front of the API (dev switches `fail_with` and
//! `strip_authorization`): the client must cope with both without logging out wrongly.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api_error::json_response;
use crate::state::SharedState;

pub async fn simulate_proxy(State(state): State<SharedState>, mut request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (failure, strip) = {
        let mut switches = state.switches();
        let failure = match &mut switches.fail_with {
            Some(fail) if fail.remaining > 0 => {
                fail.remaining -= 1;
                Some((fail.status, fail.html))
            }
            _ => None,
        };
        if switches.fail_with.is_some_and(|fail| fail.remaining == 0) {
            switches.fail_with = None;
        }
        (failure, switches.strip_authorization)
    };
    if let Some((status, html)) = failure {
        return simulated_failure(status, html);
    }
    if strip {
        request.headers_mut().remove(header::AUTHORIZATION);
    }
    next.run(request).await
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
