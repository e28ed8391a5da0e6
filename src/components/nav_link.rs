//! A link to an app page that marks itself `aria-current="page"` when it is the page shown.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let current = use_route::<Route>();
    let navigator = use_navigator();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            // Modified clicks open a new tab or window: leave them to the browser.
            let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if modified || event.button() != 0 {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                navigator.push(&to);
            }
        })
    };
    let aria_current = (current.as_ref() == Some(&props.to)).then_some("page");
    html! {
        <a href={props.to.to_path()} aria-current={aria_current} {onclick}>{ props.children.clone() }</a>
    }
}
