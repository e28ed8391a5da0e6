//! The auth store: who is signed in, and the domain methods that start and end a session.

pub(crate) mod context;
pub(crate) mod reread_user;
pub(crate) mod state;
pub(crate) mod user_cache;
pub(crate) mod validation;

pub use context::{use_auth, Auth};
pub use reread_user::reread_user;
pub use state::{AuthAction, AuthState, AuthStatus};
