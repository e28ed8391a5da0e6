//! `<Protected>`: a page that needs a signed-in user, under the app header. Signed out, it
//! goes to `/signin?next=PATH` without storing any reason (a visit is not a logout).

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use super::error_message::error_message;
use super::header::app_header;
use super::loading::loading;
use super::server_status::server_status;
use crate::auth::{use_auth, AuthStatus};
use crate::hooks::{no_cleanup, use_effect_keyed};
use crate::navigation::current_page;
use crate::routes::Route;

#[derive(Properties, PartialEq)]
pub struct ProtectedProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Protected(props: &ProtectedProps) -> Html {
    let auth = use_auth();
    let navigator = use_navigator();
    let signed_out = matches!(auth.state().status, AuthStatus::SignedOut);
    let sessions_ended = auth.state().sessions_ended;
    // Both inputs in one key (the shared effect hook takes a `u64`).
    let key = u64::from(signed_out) << 32 | u64::from(sessions_ended);
    use_effect_keyed(
        key,
        Box::new(move || {
            // After a logout the client has already replaced the page with /signin.
            if signed_out && !crate::logout::path::is_sign_in(&current_page()) {
                if let Some(navigator) = navigator {
                    let _ = navigator.replace_with_query(&Route::SignIn, Raw(next_query(&current_page())));
                }
            }
            no_cleanup()
        }),
    );
    let retry = {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| auth.retry())
    };
    let page = match &auth.state().status {
        AuthStatus::SignedIn(_) => props.children.clone(),
        // Leaving: no header, nothing to sign out of.
        AuthStatus::SignedOut => return html! { <main class="page">{ loading() }</main> },
        AuthStatus::Unreachable(why) => html! {
            <main class="page">{ error_message(why.clone().into(), Some(retry.clone())) }</main>
        },
        AuthStatus::Checking => html! { <main class="page">{ loading() }</main> },
    };
    html! {
        <>
            { app_header(&auth) }
            { server_status(auth.state().server_unreachable, retry) }
            { page }
        </>
    }
}

/// `next=PAGE`, form-urlencoded byte for byte as serde_urlencoded wrote `[("next", PAGE)]`.
/// By hand and passed `Raw`: the navigator's serde `ToQuery` brought serde_urlencoded's
/// serializer into the wasm for this one key.
fn next_query(page: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut query = String::from("next=");
    for &byte in page.as_bytes() {
        match byte {
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'*' | b'-' | b'.' | b'_' => query.push(char::from(byte)),
            b' ' => query.push('+'),
            _ => {
                query.push('%');
                query.push(char::from(HEX[usize::from(byte >> 4)]));
                query.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
    query
}

#[cfg(test)]
mod tests {
    use super::next_query;
    use crate::pages::sign_in_query::next_param;

    #[test]
    fn the_next_page_is_form_urlencoded() {
        assert_eq!(next_query("/dashboard/content"), "next=%2Fdashboard%2Fcontent");
        assert_eq!(next_query("/a?b=1&c=d e"), "next=%2Fa%3Fb%3D1%26c%3Dd+e");
        assert_eq!(next_query("/x*-._~!+%✓"), "next=%2Fx*-._%7E%21%2B%25%E2%9C%93");
        for page in ["/", "/a b?c=%41&d=+", "/✓/ünï"] {
            assert_eq!(next_param(&format!("?{}", next_query(page))).as_deref(), Some(page));
        }
    }
}
