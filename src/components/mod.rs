//! Components, one a file.

pub(crate) mod account_summary;
pub(crate) mod auth_provider;
pub(crate) mod content_list;
pub(crate) mod copy_details;
pub(crate) mod error_message;
pub(crate) mod events_filter;
pub(crate) mod events_summary;
pub(crate) mod events_table;
pub(crate) mod focus_trap;
pub(crate) mod header;
pub(crate) mod load_failure;
pub(crate) mod load_view;
pub(crate) mod loading;
pub(crate) mod logout_chart;
pub(crate) mod logouts_over_time;
pub(crate) mod nav_link;
pub(crate) mod protected;
pub(crate) mod reauth_dialog;
pub(crate) mod recovery_links;
pub(crate) mod server_status;
pub(crate) mod session_ended;
pub(crate) mod session_timeouts;
pub(crate) mod technical_details;
pub(crate) mod timeout_dialog;
