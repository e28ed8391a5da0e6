//! The app's own hooks, one a file.

pub mod use_connectivity_events;
pub mod use_follow_other_tabs;
pub mod use_load;
pub mod use_refresh_when_visible;
pub mod use_remember_app_page;
pub mod use_session;
pub mod use_title;

pub use use_connectivity_events::use_connectivity_events;
pub use use_follow_other_tabs::use_follow_other_tabs;
pub use use_load::{use_load, Load};
pub use use_refresh_when_visible::use_refresh_when_visible;
pub use use_remember_app_page::use_remember_app_page;
pub use use_session::use_session;
pub use use_title::use_title;
