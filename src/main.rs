//! The wasm entry: loads `/config.json`, then renders `<App>`.

use logout_tracker::{App, AppProps};

// talc in place of std's dlmalloc: 1.5 KB less gzipped, and a real (coalescing, fast)
// allocator, unlike the smaller lol_alloc free list (README, dependencies).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the app is single-threaded wasm, the case TalckWasm is made for.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let config = logout_tracker::load_config().await;
        yew::Renderer::<App>::with_props(AppProps { config }).render();
    });
}
