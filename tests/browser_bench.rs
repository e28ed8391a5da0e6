//! A benchmark, not a test: what the wrapper adds to a request. It signs in to the
//! reference backend and times `me` sent by plain gloo-net and through `ApiClient`,
//! interleaved so that both meet the same machine load, then prints the figures.
//! Run with `make bench` (it asserts nothing: shared machines are noisy).
#![cfg(target_arch = "wasm32")]

use gloo_net::http::Request;
use logout_tracker::testing::ApiClient;
use logout_tracker::testing::Config;
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::demo::{DEMO_PASSWORD, DEMO_USER};
use support::BACKEND;

const ROUNDS: usize = 300;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[wasm_bindgen_test]
async fn wrapper_overhead_per_request() {
    let config = Config {
        api_base_url: BACKEND.into(),
        ..Config::default()
    };
    let client = ApiClient::new(config.clone());
    client.login(DEMO_USER, DEMO_PASSWORD).await.expect("sign-in");
    let url = config.url(&config.endpoints.me);
    let bearer = format!("Bearer {}", client.tokens().access().unwrap_or_default());

    let (mut plain, mut wrapped) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for round in 0..ROUNDS * 2 {
        let start = now();
        if round % 2 == 0 {
            // The same request the wrapper sends: bearer and the session cookie.
            let response = Request::get(&url)
                .header("Authorization", &bearer)
                .credentials(web_sys::RequestCredentials::Include)
                .send()
                .await
                .expect("plain fetch");
            let bytes = response.binary().await.expect("body");
            let _: Value = serde_json::from_slice(&bytes).expect("JSON");
            plain.push(now() - start);
        } else {
            client.me().await.expect("wrapped fetch");
            wrapped.push(now() - start);
        }
    }
    let (plain_median, wrapped_median) = (median(&mut plain), median(&mut wrapped));
    let line = format!(
        "bench: me x{ROUNDS}: plain gloo-net median {plain_median:.3} ms, through ApiClient median {wrapped_median:.3} ms, ratio {:.3}",
        wrapped_median / plain_median
    );
    wasm_bindgen_test::console_log!("{line}");
}
