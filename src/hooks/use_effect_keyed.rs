//! One effect hook for the whole app (bar `use_load`): yew's `use_effect_with` is
//! instantiated anew for each deps type and each closure, about a kilobyte of wasm each;
//! boxed closures and a `u64` key make every caller share one copy.

use yew::prelude::*;

/// What an effect leaves behind: run when the key changes again or the component goes.
pub type Cleanup = Box<dyn FnOnce()>;

/// Runs `effect` after the first render and after each render whose `key` differs from
/// the previous one (as `use_effect_with(key, …)`); the last cleanup runs on unmount.
#[hook]
pub fn use_effect_keyed(key: u64, effect: Box<dyn FnOnce() -> Cleanup>) {
    use_effect_with(key, move |_| effect());
}

/// A cleanup with nothing to do (a zero-sized box: no allocation).
pub fn no_cleanup() -> Cleanup {
    Box::new(|| ())
}
