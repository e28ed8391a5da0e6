//! Pages, one a file (and the sign-in page's query reading).

pub(crate) mod content;
pub(crate) mod dashboard;
pub(crate) mod logout_events;
pub(crate) mod not_found;
pub(crate) mod sign_in;
pub(crate) mod sign_in_query;
