//! One holder at a time across every tab of the origin, through the Web Locks API
//! (`navigator.locks.request`), as auth0-spa-js and supabase auth-js guard their refresh.
//! Where the browser has no Web Locks, the work simply runs: each tab then guards only
//! itself, and the refresh falls back to noticing another tab's rotation afterwards.

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
    fn request(this: &LockManager, name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
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
    let callback = {
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
    match locks.request(name, callback.as_ref().unchecked_ref()) {
        Ok(granted) => {
            let pending = pending.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Rejected before the callback ran (the lock request was aborted): the
                // work runs anyway, unguarded, rather than never.
                if wasm_bindgen_futures::JsFuture::from(granted).await.is_err() {
                    let taken = pending.borrow_mut().take();
                    run(taken).await;
                }
            });
        }
        Err(_) => {
            let taken = pending.borrow_mut().take();
            run(taken).await;
        }
    }
    let result = outcome.await.ok();
    drop(callback);
    result
}

async fn run<T>(taken: Option<(LocalBoxFuture<'static, T>, oneshot::Sender<T>)>) {
    if let Some((work, done)) = taken {
        let _ = done.send(work.await);
    }
}
