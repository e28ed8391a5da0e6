//! Dev-mode routes: the culprit simulator page, the control API and the stats.
//!
//! The control API has no authentication, so a page on another origin must not drive it
//! through the user's browser: a POST whose `Origin` is present and not a loopback `http`
//! origin (this server's own, trunk serve's, a test runner's) is refused with 403, in the
//! words of Django's CSRF origin check. Requests without `Origin` (curl, tests) pass.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::api_error::{json_response, ApiError};
use crate::cors::is_loopback_origin;
use crate::json_body::JsonBody;
use crate::state::SharedState;
use crate::{paths, scenario};

use super::dev_mails;

const SIMULATOR_HTML: &str = include_str!("../simulator.html");

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/__dev__", get(|| async { Redirect::permanent("/__dev__/") }))
        .route(paths::DEV_SIMULATOR, get(simulator))
        .route(paths::DEV_SCENARIO, post(run_scenario))
        .route(paths::DEV_STATS, get(stats))
        .route(paths::DEV_MAILS, get(dev_mails::page))
        .route(paths::DEV_MAILS_JSON, get(dev_mails::json))
        .route(paths::DEV_MAIL_HTML, get(dev_mails::html_part))
        .layer(from_fn(refuse_foreign_origins))
}

async fn refuse_foreign_origins(request: Request, next: Next) -> Result<Response, ApiError> {
    if request.method() == Method::POST {
        if let Some(origin) = request.headers().get(header::ORIGIN) {
            let origin = String::from_utf8_lossy(origin.as_bytes());
            if !is_loopback_origin(&origin) {
                return Err(ApiError::ForeignOrigin(origin.into_owned()));
            }
        }
    }
    Ok(next.run(request).await)
}

async fn simulator() -> Response {
    let mut response = Html(SIMULATOR_HTML).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

async fn run_scenario(State(state): State<SharedState>, body: JsonBody) -> Result<Response, ApiError> {
    let request = body.into_object()?;
    // Resets hash the demo password (argon2): off the async threads.
    tokio::task::spawn_blocking(move || scenario::apply(&state, &request)).await?
}

async fn stats(State(state): State<SharedState>) -> Response {
    json_response(StatusCode::OK, &state.stats.snapshot())
}

#[cfg(test)]
mod tests {
    #[test]
    fn simulator_lists_every_demo_user_and_action() {
        for user in crate::demo::DEMO_USERS {
            assert!(super::SIMULATOR_HTML.contains(user.email), "{}", user.email);
        }
        for action in crate::scenario::USER_ACTIONS
            .iter()
            .chain(crate::scenario::GLOBAL_ACTIONS)
        {
            assert!(super::SIMULATOR_HTML.contains(action), "{action}");
        }
    }
}
