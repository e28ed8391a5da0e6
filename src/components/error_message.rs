//! An error the user can do something about: the message and, when it may help, `Try again`.
//! A plain function, not a component: it has no state of its own.

use yew::prelude::*;

pub fn error_message(message: AttrValue, on_retry: Option<Callback<MouseEvent>>) -> Html {
    html! {
        <div class="error" role="alert">
            <p>{ message }</p>
            if let Some(on_retry) = on_retry {
                <button type="button" onclick={on_retry}>{ "Try again" }</button>
            }
        </div>
    }
}
