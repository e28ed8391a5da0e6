//! The router: the contract's endpoints at their default paths, the dev routes, the static
//! fallback, and the layers around them.

mod auth;
mod content;
mod dev;
mod logout_events;

use std::path::Path;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;

use crate::api_error::method_not_allowed;
use crate::json_body::BODY_LIMIT;
use crate::state::SharedState;
use crate::{cors, proxy, static_files, stats};

pub const LOGIN_PATH: &str = "/api/v1/auth/login/";
pub const REFRESH_PATH: &str = "/api/v1/auth/refresh/";
pub const ME_PATH: &str = "/api/v1/auth/me/";
pub const LOGOUT_PATH: &str = "/api/v1/auth/logout/";
pub const CONTENT_PATH: &str = "/api/v1/content/";
pub const LOGOUT_EVENTS_PATH: &str = "/api/v1/auth/logout-events/";

pub fn router(state: SharedState, dev: bool, static_dir: Option<&Path>) -> Router {
    let mut router = Router::new()
        .route(LOGIN_PATH, post(auth::login))
        .route(REFRESH_PATH, post(auth::refresh))
        .route(ME_PATH, get(auth::me))
        .route(LOGOUT_PATH, post(auth::logout))
        .route(CONTENT_PATH, get(content::list))
        .route(
            LOGOUT_EVENTS_PATH,
            post(logout_events::create).get(logout_events::list),
        );
    if dev {
        router = router.merge(dev::routes());
    }
    let static_service = static_dir.map(static_files::service);
    let mut router = router
        .fallback(move |request: Request| static_files::fallback(static_service.clone(), request))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), proxy::simulate_proxy))
        .layer(from_fn_with_state(state.clone(), stats::count_requests));
    if dev {
        // Outermost, so that simulated failures and errors carry CORS headers too.
        router = router.layer(from_fn(cors::loopback_cors));
    }
    router.with_state(state)
}
