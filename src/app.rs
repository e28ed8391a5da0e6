//! `<App>`: the router, the auth store and the route switch.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::auth_provider::AuthProvider;
use crate::components::protected::Protected;
use crate::config::Config;
use crate::pages::{
    content::ContentPage, dashboard::DashboardPage, logout_events::LogoutEventsPage, not_found::not_found_page,
    sign_in::SignInPage,
};
use crate::routes::Route;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// `config.json`; `None` until it has arrived. The app renders before: the API client
    /// holds back every request until it is here, and what shows its links renders again.
    pub config: Option<Config>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <BrowserRouter>
            <AuthProvider config={props.config.clone()}>
                <Switch<Route> render={switch} />
            </AuthProvider>
        </BrowserRouter>
    }
}

fn switch(route: Route) -> Html {
    let page = match route {
        Route::Home => return html! { <Redirect<Route> to={Route::Dashboard} /> },
        Route::SignIn => return html! { <SignInPage /> },
        Route::NotFound => return not_found_page(),
        Route::Dashboard => html! { <DashboardPage /> },
        Route::Content => html! { <ContentPage /> },
        Route::LogoutEvents => html! { <LogoutEventsPage /> },
    };
    html! { <Protected>{ page }</Protected> }
}
