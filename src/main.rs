//! The wasm entry: loads `/config.json`, then renders `<App>`.

use logout_tracker::app::{App, AppProps};

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let config = logout_tracker::config::load().await;
        yew::Renderer::<App>::with_props(AppProps { config }).render();
    });
}
