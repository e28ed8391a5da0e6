//! The router: the contract's endpoints at their default paths, the dev routes, the static
//! fallback, and the layers around them.

mod auth;
mod content;
mod dev;
mod dev_mails;
mod logout_events;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;

use crate::api_error::ApiError;
use crate::json_body::BODY_LIMIT;
use crate::options::Options;
use crate::standard_shapes;
use crate::state::SharedState;
use crate::{cors, paths, proxy, static_files, stats};

pub fn router(state: SharedState, opts: &Options) -> Router {
    let dev = opts.dev;
    let mut router = Router::new()
        .route(paths::LOGIN, post(auth::login))
        .route(paths::REFRESH, post(auth::refresh))
        .route(paths::ME, get(auth::me))
        .route(paths::LOGOUT, post(auth::logout))
        .route(paths::CONTENT, get(content::list))
        .route(
            paths::LOGOUT_EVENTS,
            post(logout_events::create).get(logout_events::list),
        );
    if dev {
        router = router.merge(dev::routes());
    }
    let static_service = opts
        .static_dir
        .as_deref()
        .map(|dir| static_files::StaticSite::new(dir, opts.api_origin.as_deref()));
    let mut router = router
        .fallback(move |request: Request| static_files::fallback(static_service.clone(), request))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), standard_shapes::reshape))
        .layer(from_fn_with_state(state.clone(), proxy::simulate_proxy))
        .layer(from_fn_with_state(state.clone(), stats::count_requests));
    if dev {
        // Outermost, so that simulated failures and errors carry CORS headers too.
        router = router.layer(from_fn(cors::loopback_cors));
    }
    router.with_state(state)
}

/// DRF's 405 body; axum's default 405 has no body.
async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::MethodNotAllowed(method)
}
