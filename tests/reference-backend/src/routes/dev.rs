//! Dev-mode routes: the culprit simulator page, the control API and the stats.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::api_error::{json_response, ApiError};
use crate::json_body::JsonBody;
use crate::scenario;
use crate::state::SharedState;

const SIMULATOR_HTML: &str = include_str!("../simulator.html");

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/__dev__",
            get(|| async { Redirect::permanent("/__dev__/") }),
        )
        .route("/__dev__/", get(simulator))
        .route("/__dev__/scenario", post(run_scenario))
        .route("/__dev__/stats", get(stats))
}

async fn simulator() -> Response {
    let mut response = Html(SIMULATOR_HTML).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

async fn run_scenario(
    State(state): State<SharedState>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    scenario::apply(&state, &body.into_object()?)
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
