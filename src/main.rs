//! The wasm entry: renders `<App>` at once, and hands it `/config.json` when that arrives
//! (a signed-out page, its Session Ended box included, needs none of it; the API client
//! sends nothing before it).

use logout_tracker::{App, AppProps};

// talc in place of std's dlmalloc: 1.5 KB less gzipped, and a real (coalescing, fast)
// allocator, unlike the smaller lol_alloc free list (README, dependencies).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the app is single-threaded wasm, the case TalckWasm is made for.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    let mut app = yew::Renderer::<App>::with_props(AppProps { config: None }).render();
    wasm_bindgen_futures::spawn_local(async move {
        let config = logout_tracker::load_config().await;
        app.update(AppProps { config: Some(config) });
    });
}
