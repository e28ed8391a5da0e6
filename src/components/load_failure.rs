//! What a page shows when its request failed, by kind of failure.

use yew::prelude::*;

use super::error_message::error_message;
use crate::api::ApiError;

/// The words of CONTRACT section 7a for a page the user may not see.
pub const PERMISSION_MESSAGE: &str = "You don't have permission to view this page";

#[derive(Properties, PartialEq)]
pub struct LoadFailureProps {
    pub error: ApiError,
    #[prop_or_default]
    pub on_retry: Option<Callback<MouseEvent>>,
}

#[component]
pub fn LoadFailure(props: &LoadFailureProps) -> Html {
    match &props.error {
        // The app is already on its way to /signin with the reason stored.
        ApiError::SessionEnded => Html::default(),
        // Not a logout: the user stays signed in, and trying again will not help.
        ApiError::PermissionDenied(_) => html! {
            <div class="notice"><p>{ PERMISSION_MESSAGE }</p></div>
        },
        error => error_message(error.to_string().into(), props.on_retry.clone()),
    }
}
