//! logout-tracker: a Yew client that records, shows and logs why a session ended.
//! The decisions live in pure modules (`logout`, `auth::state`, `config`'s parsing);
//! the rest is thin browser glue around them.

pub mod logout;
pub mod storage;
