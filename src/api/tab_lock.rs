//! One holder at a time across every tab of the origin, through the Web Locks API
//! (`navigator.locks.request`), as auth0-spa-js and supabase auth-js guard their refresh.
//! Where the browser has no Web Locks, the work simply runs: each tab then guards only
//! itself, and the refresh falls back to noticing another tab's rotation afterwards.
//! A hung tab cannot block the others (CONTRACT 11.1): after 10 s of waiting the lock is
//! taken over (`steal`), with a console warning, as supabase-js does on its lock timeout.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (web-sys has it only behind its unstable-API flag).
    type LockManager;
    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &js_sys::Object,
        callback: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// How long a tab waits for the lock another tab holds before it takes it over.
const TAKEOVER_AFTER_MS: u32 = 10_000;

/// The options of a request, one key: `signal` (given up when it aborts) or `steal`.
fn lock_options(key: &str, value: &JsValue) -> js_sys::Object {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &key.into(), value);
    options
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// The work and where its outcome goes, taken by whichever runs it: the lock's callback,
/// or (when the lock cannot be had) the caller itself.
type Pending<T> = Rc<RefCell<Option<(LocalBoxFuture<'static, T>, oneshot::Sender<T>)>>>;

/// Runs `work` while holding the lock `name`, waiting for whichever tab holds it now.
/// `None` only if the work was dropped unrun, which none of the paths below does.
pub async fn exclusive<T: 'static>(name: &str, work: LocalBoxFuture<'static, T>) -> Option<T> {
    let Some(locks) = lock_manager() else {
        return Some(work.await);
    };
    let (done, outcome) = oneshot::channel();
    let pending: Pending<T> = Rc::new(RefCell::new(Some((work, done))));
    let closure = {
        let pending = pending.clone();
        // The lock is held until the promise this callback returns settles.
        Closure::once(move |_lock: JsValue| {
            let taken = pending.borrow_mut().take();
            wasm_bindgen_futures::future_to_promise(async move {
                run(taken).await;
                Ok(JsValue::UNDEFINED)
            })
        })
    };
    let callback: &js_sys::Function = closure.as_ref().unchecked_ref();
    let give_up = web_sys::AbortController::new().ok();
    let patience = give_up
        .as_ref()
        .map(|controller| lock_options("signal", &controller.signal()));
    match locks.request(name, &patience.unwrap_or_default(), callback) {
        Ok(granted) => {
            let pending = pending.clone();
            let deadline = give_up
                .map(|controller| gloo_timers::callback::Timeout::new(TAKEOVER_AFTER_MS, move || controller.abort()));
            let (name, callback) = (name.to_owned(), callback.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let waited = wasm_bindgen_futures::JsFuture::from(granted).await;
                drop(deadline);
                // Not granted within 10 s: another tab holds the lock and hangs. Taken over;
                // and should even that fail, the work runs unguarded rather than never.
                if waited.is_err() && pending.borrow().is_some() {
                    gloo_console::warn!("Another tab held this app's lock for more than 10 s; this tab takes it over.");
                    let stolen = locks.request(&name, &lock_options("steal", &true.into()), &callback);
                    let stolen = match stolen {
                        Ok(granted) => wasm_bindgen_futures::JsFuture::from(granted).await.is_ok(),
                        Err(_) => false,
                    };
                    if !stolen {
                        let taken = pending.borrow_mut().take();
                        run(taken).await;
                    }
                }
            });
        }
        Err(_) => {
            let taken = pending.borrow_mut().take();
            run(taken).await;
        }
    }
    let result = outcome.await.ok();
    drop(closure);
    result
}

async fn run<T>(taken: Option<(LocalBoxFuture<'static, T>, oneshot::Sender<T>)>) {
    if let Some((work, done)) = taken {
        let _ = done.send(work.await);
    }
}
