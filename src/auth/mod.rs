//! The auth store: who is signed in, and how a session starts and ends.

pub mod provider;
pub mod reread_user;
pub mod session_end;
pub mod state;
pub mod user_cache;
pub mod validation;

pub use provider::{use_auth, Auth, AuthProvider};
pub use reread_user::reread_user;
pub use session_end::handle_session_ends;
pub use state::{AuthAction, AuthState, AuthStatus};
