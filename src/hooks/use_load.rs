//! A page's data: loading, ready or failed, fetched again when its inputs change or the
//! user presses `Try again`.
//!
//! The hook is generic only in a thin shell: the state, the effect and the future that
//! awaits the request are one non-generic copy ([`use_load_erased`]), with the page's
//! inputs and answer held as `dyn Any` (each generic copy of the whole hook cost over a
//! kilobyte of wasm).

use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;
use crate::auth::use_auth;

pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// A page's answer, its type erased.
type Value = Rc<dyn Any>;
/// A page's request, its answer's type erased.
type Request = Pin<Box<dyn Future<Output = Result<Value, ApiError>>>>;
/// What starts a page's request from its inputs.
type Fetch = Box<dyn FnOnce(&dyn Any) -> Request>;

/// A page's inputs, their type erased; `same` compares two of them as their own type.
struct Inputs {
    value: Box<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Self) -> bool {
        (self.same)(&*self.value, &*other.value)
    }
}

fn same<D: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    a.downcast_ref::<D>() == b.downcast_ref::<D>()
}

/// Runs `fetch` on mount, whenever `inputs` change and on retry (this page's `Try again`
/// or the app's `Retry`). An answer that comes
/// after newer inputs (or after the page is gone) is dropped, so it cannot overwrite them.
#[hook]
pub fn use_load<T, D, F, Fut>(inputs: D, fetch: F) -> (Load<Rc<T>>, Callback<MouseEvent>)
where
    T: 'static,
    D: PartialEq + 'static,
    F: FnOnce(&D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let inputs = Inputs {
        value: Box::new(inputs),
        same: same::<D>,
    };
    let fetch: Fetch = Box::new(move |inputs: &dyn Any| -> Request {
        let Some(inputs) = inputs.downcast_ref::<D>() else {
            unreachable!("use_load: the inputs are this hook's own")
        };
        let request = fetch(inputs);
        Box::pin(async move { request.await.map(|value| Rc::new(value) as Value) })
    });
    let (state, retry) = use_load_erased(inputs, fetch);
    let load = match &*state {
        Load::Loading => Load::Loading,
        Load::Failed(error) => Load::Failed(error.clone()),
        Load::Ready(value) => match value.clone().downcast::<T>() {
            Ok(value) => Load::Ready(value),
            Err(_) => unreachable!("use_load: the answer is this hook's own"),
        },
    };
    (load, retry)
}

#[hook]
fn use_load_erased(inputs: Inputs, fetch: Fetch) -> (UseStateHandle<Load<Value>>, Callback<MouseEvent>) {
    let state = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    // The server-unreachable line's Retry loads every page's data again.
    let retry_round = use_auth().state().retry_round;
    {
        let state = state.clone();
        use_effect_with((inputs, *attempt, retry_round), move |(inputs, _, _)| {
            let current = Rc::new(Cell::new(true));
            state.set(Load::Loading);
            let request = fetch(&*inputs.value);
            let still_current = current.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = request.await;
                if still_current.get() {
                    state.set(match outcome {
                        Ok(value) => Load::Ready(value),
                        Err(error) => Load::Failed(error),
                    });
                }
            });
            move || current.set(false)
        });
    }
    let retry = Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1));
    (state, retry)
}
