//! Pages, one a file.

pub mod content;
pub mod dashboard;
pub mod load;
pub mod logout_events;
pub mod not_found;
pub mod sign_in;
pub mod sign_in_query;
pub mod title;
