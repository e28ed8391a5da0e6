//! Pages, one a file (and the sign-in page's query reading).

pub mod content;
pub mod dashboard;
pub mod logout_events;
pub mod not_found;
pub mod sign_in;
pub mod sign_in_query;
