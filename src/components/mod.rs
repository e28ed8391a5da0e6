//! Components, one a file.

pub mod account_summary;
pub mod auth_provider;
pub mod content_list;
pub mod copy_details;
pub mod error_message;
pub mod events_filter;
pub mod events_summary;
pub mod events_table;
pub mod header;
pub mod load_failure;
pub mod load_view;
pub mod loading;
pub mod logout_chart;
pub mod logouts_over_time;
pub mod nav_link;
pub mod protected;
pub mod recovery_links;
pub mod server_status;
pub mod session_ended;
pub mod technical_details;
