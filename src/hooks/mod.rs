//! The app's own hooks, one a file.

pub(crate) mod use_connectivity_events;
pub(crate) mod use_follow_other_tabs;
pub(crate) mod use_load;
pub(crate) mod use_refresh_when_visible;
pub(crate) mod use_remember_app_page;
pub(crate) mod use_session;
pub(crate) mod use_title;

pub use use_connectivity_events::use_connectivity_events;
pub use use_follow_other_tabs::use_follow_other_tabs;
pub use use_load::{use_load, Load};
pub use use_refresh_when_visible::use_refresh_when_visible;
pub use use_remember_app_page::use_remember_app_page;
pub use use_session::use_session;
pub use use_title::use_title;
