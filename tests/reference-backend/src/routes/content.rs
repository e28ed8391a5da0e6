//! The demo content list, a plain JSON array (no envelope), behind the middleware.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use crate::api_error::json_response;
use crate::auth::Authenticated;

#[derive(Serialize)]
struct Item {
    id: u32,
    title: &'static str,
}

const ITEMS: &[Item] = &[
    Item {
        id: 1,
        title: "Welcome to Logout Tracker",
    },
    Item {
        id: 2,
        title: "Why sessions end: the eight backend checks",
    },
    Item {
        id: 3,
        title: "Reading a logout reason",
    },
    Item {
        id: 4,
        title: "Token refresh, once and only once",
    },
    Item {
        id: 5,
        title: "Proxies that drop the Authorization header",
    },
];

pub async fn list(_auth: Authenticated) -> Response {
    json_response(StatusCode::OK, &ITEMS)
}
