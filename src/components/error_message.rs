//! An error the user can do something about: the message and, when it may help, `Try again`.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub message: AttrValue,
    #[prop_or_default]
    pub on_retry: Option<Callback<MouseEvent>>,
}

#[component]
pub fn ErrorMessage(props: &ErrorMessageProps) -> Html {
    html! {
        <div class="error" role="alert">
            <p>{ props.message.clone() }</p>
            if let Some(on_retry) = props.on_retry.clone() {
                <button type="button" onclick={on_retry}>{ "Try again" }</button>
            }
        </div>
    }
}
