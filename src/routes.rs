//! The app's pages.

use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/signin")]
    SignIn,
    #[at("/dashboard")]
    Dashboard,
    #[at("/dashboard/content")]
    Content,
    #[at("/dashboard/logout-events")]
    LogoutEvents,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// Pages that need a signed-in user.
    pub fn is_protected(&self) -> bool {
        matches!(self, Self::Dashboard | Self::Content | Self::LogoutEvents)
    }
}
