//! The browser's fetch, as the API client uses it: one place that sets the method, the
//! credentials mode, the headers (the bearer among them) and the body; a timeout through
//! `AbortController`; and best-effort `keepalive` posts that outlive the page.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Method;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials};

use super::error::ApiError;
use crate::config::{Config, Credentials};
use crate::logout::request_id::{request_id_from_bytes, REQUEST_ID_HEADER};
use crate::percent_encoding::{percent_encode, Encoding};

/// One request as it leaves the app.
pub struct Outgoing<'a> {
    pub method: Method,
    /// The path under the API's base URL (with its query).
    pub path: &'a str,
    /// JSON text, sent as `application/json`.
    pub body: Option<&'a str>,
    /// The access token to send as `Authorization: Bearer`.
    pub bearer: Option<&'a str>,
    /// This request's id (CONTRACT section 10), sent where the backend can take it.
    pub request_id: Option<&'a str>,
}

/// A new request id, 32 lowercase hex characters from the browser's random source, when
/// a header will carry it to the API (an id that never reached the backend would only
/// send support looking for a log line that does not exist); else `None`.
pub fn new_request_id(config: &Config) -> Option<String> {
    request_id_header(config)?;
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(request_id_from_bytes(bytes))
}

/// The header the request id travels in: `X-Request-ID` to the app's own origin; to
/// another origin only the one `config.json` names (its CORS must allow it, or every
/// preflight would fail).
fn request_id_header(config: &Config) -> Option<&str> {
    if is_same_origin(&config.api_base_url) {
        Some(REQUEST_ID_HEADER)
    } else {
        config.request_id_header.as_deref()
    }
}

fn is_same_origin(api_base_url: &str) -> bool {
    if api_base_url.is_empty() {
        return true;
    }
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return false;
    };
    let (Ok(own), Ok(href)) = (location.origin(), location.href()) else {
        return false;
    };
    web_sys::Url::new_with_base(api_base_url, &href).is_ok_and(|api| api.origin() == own)
}

/// A whole answer.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// The `Date` header, when the page may read it (the app's own origin, or another one
    /// whose CORS exposes it): the server's clock (CONTRACT 11.1).
    pub date: Option<String>,
    /// `WWW-Authenticate`, likewise: why a token was refused (CONTRACT 11.5).
    pub www_authenticate: Option<String>,
    /// The body is `application/problem+json` (RFC 9457).
    pub problem_json: bool,
}

/// Sends `outgoing` and waits for the whole answer, or a network error or timeout (neither
/// of them a logout).
pub async fn fetch(config: &Config, outgoing: &Outgoing<'_>) -> Result<Answer, ApiError> {
    let deadline = Deadline::after(config.request_timeout_ms);
    let lost = |why: String| {
        if deadline.passed() {
            ApiError::Timeout
        } else {
            ApiError::Network(why)
        }
    };
    let init = request_init(config, outgoing);
    init.set_signal(deadline.signal().as_ref());
    let request = web_sys::Request::new_with_str_and_init(&config.url(outgoing.path), &init)
        .map_err(|_| ApiError::Network("the request could not be built".into()))?;
    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|error| lost(failure_text(&error)))?;
    let headers = response.headers();
    let date = headers.get("date");
    let www_authenticate = headers.get("www-authenticate");
    let problem_json = headers
        .get("content-type")
        .is_some_and(|kind| kind.trim_start().starts_with("application/problem+json"));
    let body = response.binary().await.map_err(|error| lost(failure_text(&error)))?;
    Ok(Answer {
        status: response.status(),
        body,
        date,
        www_authenticate,
        problem_json,
    })
}

/// Aborts the fetch it signals once `ms` have passed; dropped, it aborts nothing. A fetch can
/// otherwise wait as long as the browser keeps the connection open.
pub struct Deadline {
    controller: Option<AbortController>,
    passed: Rc<Cell<bool>>,
    _timer: Option<gloo_timers::callback::Timeout>,
}

impl Deadline {
    pub fn after(ms: u32) -> Self {
        let controller = AbortController::new().ok();
        let passed = Rc::new(Cell::new(false));
        let timer = controller.clone().map(|controller| {
            let passed = passed.clone();
            gloo_timers::callback::Timeout::new(ms, move || {
                passed.set(true);
                controller.abort();
            })
        });
        Self {
            controller,
            passed,
            _timer: timer,
        }
    }

    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Whether the time ran out (a failure then is a timeout).
    pub fn passed(&self) -> bool {
        self.passed.get()
    }
}

/// A request that outlives the page (`keepalive`), for reports and revocations that must
/// not hold the user up. The request is on its way when this returns (`fetch` is called
/// here, not when the future is first polled, as gloo's `send` would: it leaves from the
/// page it was made on, its Referer, even when the app leaves that page right after);
/// awaiting the future gives its status (`None`: no answer), and is needed only to act on it.
pub fn send_keepalive(config: &Config, outgoing: &Outgoing<'_>) -> impl std::future::Future<Output = Option<u16>> {
    let init = request_init(config, outgoing);
    // web-sys has no setter for `keepalive`; it is a plain field of the init dictionary.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    let request = web_sys::Request::new_with_str_and_init(&config.url(outgoing.path), &init).ok();
    let sent = request
        .zip(web_sys::window())
        .map(|(request, window)| JsFuture::from(window.fetch_with_request(&request)));
    async move {
        let response: web_sys::Response = sent?.await.ok()?.dyn_into().ok()?;
        Some(response.status())
    }
}

/// The one place that decides what a request carries.
fn request_init(config: &Config, outgoing: &Outgoing<'_>) -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    init.set_method(outgoing.method.as_str());
    init.set_credentials(match config.credentials {
        Credentials::Include => RequestCredentials::Include,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Omit => RequestCredentials::Omit,
    });
    if let Ok(headers) = web_sys::Headers::new() {
        if let Some(body) = outgoing.body {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&(*body).into());
        }
        if let Some(token) = outgoing.bearer {
            // A value a header cannot hold is refused here rather than thrown by fetch:
            // the request then goes without it, as with no token.
            let _ = headers.set("Authorization", &format!("Bearer {token}"));
        }
        if let (Some(id), Some(header)) = (outgoing.request_id, request_id_header(config)) {
            let _ = headers.set(header, id);
        }
        init.set_headers(&headers);
    }
    init
}

/// `?code=X&user=Y` with the empty ones left out, each value as `encodeURIComponent`
/// writes it.
pub fn encode_query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(key, value)| format!("{key}={}", percent_encode(value.trim(), Encoding::UriComponent)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// What went wrong with a request, in the browser's words. Not gloo-net's `Display`, which
/// formats every variant: its serde_json one brings serde_json's error messages and std's io
/// error strings into the wasm (about 1 KB gzipped) for a variant no request here meets.
pub fn failure_text(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.to_string(),
        gloo_net::Error::GlooError(text) => text.clone(),
        gloo_net::Error::SerdeError(_) => "the response could not be read".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::encode_query;

    #[test]
    fn a_query_leaves_out_empty_values_and_encodes_the_rest() {
        assert_eq!(encode_query(&[]), "");
        assert_eq!(encode_query(&[("code", " "), ("user", "")]), "");
        assert_eq!(
            encode_query(&[("code", " PLAN_INACTIVE "), ("user", "a b@c.d"), ("request_id", "")]),
            "?code=PLAN_INACTIVE&user=a%20b%40c.d"
        );
        assert_eq!(encode_query(&[("user", "x&y=z'(~)")]), "?user=x%26y%3Dz'(~)");
    }
}
