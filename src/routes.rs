//! The app's pages.
//!
//! `Routable` is written out rather than derived: the derive matches paths with
//! route_recognizer's NFA, built at run time, which cost 17 KB of the wasm (raw) for six
//! fixed paths. The test below holds the match to the derive's, path for path.

use std::collections::HashMap;

use yew_router::Routable;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    SignIn,
    Dashboard,
    Content,
    LogoutEvents,
    NotFound,
}

/// Every route and its path, in one table for both directions.
const PATHS: [(Route, &str); 6] = [
    (Route::Home, "/"),
    (Route::SignIn, "/signin"),
    (Route::Dashboard, "/dashboard"),
    (Route::Content, "/dashboard/content"),
    (Route::LogoutEvents, "/dashboard/logout-events"),
    (Route::NotFound, "/404"),
];

impl Route {
    /// The route whose path is `path`, compared as the derive's router compares: without
    /// one trailing slash and one leading slash.
    fn matching(path: &str) -> Option<Self> {
        let trimmed = |path: &'static str| path.trim_start_matches('/');
        let path = path.strip_suffix('/').unwrap_or(path);
        let path = path.strip_prefix('/').unwrap_or(path);
        PATHS
            .into_iter()
            .find(|(_, at)| trimmed(at) == path)
            .map(|(route, _)| route)
    }
}

impl Routable for Route {
    fn from_path(path: &str, _params: &HashMap<&str, &str>) -> Option<Self> {
        Self::matching(path)
    }

    fn to_path(&self) -> String {
        PATHS
            .iter()
            .find(|(route, _)| route == self)
            .map_or("/404", |(_, path)| path)
            .to_string()
    }

    fn routes() -> Vec<&'static str> {
        PATHS.iter().map(|(_, path)| *path).collect()
    }

    fn not_found_route() -> Option<Self> {
        Some(Self::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        Self::matching(pathname).or_else(Self::not_found_route)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The enum as it was, derived: the reference the written-out match must agree with.
    #[derive(Clone, Debug, PartialEq, Eq, Routable)]
    enum Derived {
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

    fn same(derived: Derived) -> Route {
        match derived {
            Derived::Home => Route::Home,
            Derived::SignIn => Route::SignIn,
            Derived::Dashboard => Route::Dashboard,
            Derived::Content => Route::Content,
            Derived::LogoutEvents => Route::LogoutEvents,
            Derived::NotFound => Route::NotFound,
        }
    }

    #[test]
    fn recognizes_every_path_as_the_derive_does() {
        let paths = [
            "",
            "/",
            "//",
            "///",
            "/signin",
            "/signin/",
            "/signin//",
            "signin",
            "/SIGNIN",
            "/signin/x",
            "/dashboard",
            "/dashboard/",
            "/dashboard/content",
            "/dashboard/content/",
            "/dashboard//content",
            "/dashboard/logout-events",
            "/dashboard/logout-events/",
            "/dashboard/logout_events",
            "/404",
            "/404/",
            "/nope",
            "/dashboard/nope",
            "/%73ignin",
            "/signin?next=/x",
            "/signin#top",
            "/ dashboard",
            "/dashboardx",
            "/dashboard/contentx",
        ];
        for path in paths {
            assert_eq!(Route::recognize(path), Derived::recognize(path).map(same), "{path:?}");
        }
    }

    #[test]
    fn writes_the_paths_the_derive_writes() {
        for (route, derived) in [
            (Route::Home, Derived::Home),
            (Route::SignIn, Derived::SignIn),
            (Route::Dashboard, Derived::Dashboard),
            (Route::Content, Derived::Content),
            (Route::LogoutEvents, Derived::LogoutEvents),
            (Route::NotFound, Derived::NotFound),
        ] {
            assert_eq!(route.to_path(), derived.to_path());
            assert_eq!(Route::recognize(&route.to_path()), Some(route));
        }
        assert_eq!(Route::routes(), Derived::routes());
        assert_eq!(Route::not_found_route(), Some(Route::NotFound));
    }
}
