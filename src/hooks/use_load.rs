//! A page's data: loading, ready or failed, fetched again when its inputs change or the
//! user presses `Try again`.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;
use crate::auth::use_auth;

#[derive(Clone)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Runs `fetch` on mount, whenever `inputs` change and on retry (this page's `Try again`
/// or the app's `Retry`). An answer that comes after newer inputs (or after the page is
/// gone) is dropped, so it cannot overwrite them.
#[hook]
pub fn use_load<T, D, F, Fut>(inputs: D, fetch: F) -> (Load<Rc<T>>, Callback<MouseEvent>)
where
    T: 'static,
    D: PartialEq + 'static,
    F: FnOnce(&D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    // The server-unreachable line's Retry loads every page's data again.
    let retry_round = use_auth().state().retry_round;
    {
        let state = state.clone();
        use_effect_with((inputs, *attempt, retry_round), move |(inputs, _, _)| {
            let current = Rc::new(Cell::new(true));
            state.set(Load::Loading);
            let request = fetch(inputs);
            let still_current = current.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = request.await;
                if still_current.get() {
                    state.set(match outcome {
                        Ok(value) => Load::Ready(Rc::new(value)),
                        Err(error) => Load::Failed(error),
                    });
                }
            });
            move || current.set(false)
        });
    }
    let retry = Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}
