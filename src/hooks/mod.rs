//! The app's own hooks, one a file.

pub(crate) mod use_connectivity_events;
pub(crate) mod use_follow_other_tabs;
pub(crate) mod use_load;
pub(crate) mod use_remember_app_page;
pub(crate) mod use_session;
pub(crate) mod use_session_countdown;
pub(crate) mod use_title;
pub(crate) mod use_wake_check;

pub use use_connectivity_events::use_connectivity_events;
pub use use_follow_other_tabs::use_follow_other_tabs;
pub use use_load::{use_load, Load};
pub use use_remember_app_page::use_remember_app_page;
pub use use_session::use_session;
pub use use_session_countdown::use_session_countdown;
pub use use_title::use_title;
pub use use_wake_check::use_wake_check;
