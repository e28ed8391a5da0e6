//! `/dashboard`: who is signed in, their account and its status, their plan.

use futures::future::join;
use yew::prelude::*;

use crate::api::models::User;
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::account_summary::AccountSummary;
use crate::components::load_view::load_view;
use crate::components::nav_link::NavLink;
use crate::hooks::{use_load, use_title};
use crate::routes::Route;

/// What the dashboard shows: the user as `me` tells it now, and how much content there is.
struct Overview {
    user: User,
    content: Result<usize, ApiError>,
}

#[component]
pub fn DashboardPage() -> Html {
    use_title("Dashboard");
    let client = use_auth().client().clone();
    let (overview, retry) = use_load((), move |_| async move {
        // Both at once: a stale token then meets the single-flight refresh.
        let (me, content) = join(client.me(), client.content()).await;
        Ok(Overview {
            user: me?,
            content: content.map(|items| items.len()),
        })
    });
    let body = load_view(&overview, &retry, |overview| {
        html! {
            <>
                <section class="card" aria-labelledby="you-heading">
                    <h2 id="you-heading">{ "Your account" }</h2>
                    <AccountSummary user={overview.user.clone()} />
                </section>
                <section class="card" aria-labelledby="content-heading">
                    <h2 id="content-heading">{ "Content" }</h2>
                    { content_summary(&overview.content) }
                </section>
            </>
        }
    });
    html! {
        <main class="page">
            <h1>{ "Dashboard" }</h1>
            { body }
        </main>
    }
}

fn content_summary(content: &Result<usize, ApiError>) -> Html {
    match content {
        Ok(count) => {
            let label = if *count == 1 {
                "1 item".to_owned()
            } else {
                format!("{count} items")
            };
            html! {
                <p>{ label }{ " · " }<NavLink to={Route::Content}>{ "See the content" }</NavLink></p>
            }
        }
        Err(ApiError::SessionEnded) => Html::default(),
        Err(error) => html! { <p class="error-inline">{ error.to_string() }</p> },
    }
}
