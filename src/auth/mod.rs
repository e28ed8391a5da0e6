//! The auth store: who is signed in, and the domain methods that start and end a session.

pub mod context;
pub mod reread_user;
pub mod state;
pub mod user_cache;
pub mod validation;

pub use context::{use_auth, Auth};
pub use reread_user::reread_user;
pub use state::{AuthAction, AuthState, AuthStatus};
