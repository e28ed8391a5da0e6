//! Components, one a file.

pub mod protected;
