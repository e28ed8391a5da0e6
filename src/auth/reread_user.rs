//! Re-reading `me`: the user as the backend sees them now, and the client's own check
//! that they still have an account and a plan (ACCOUNT_REQUIRED, PLAN_REQUIRED).

use super::validation::missing_account_or_plan;
use crate::api::models::User;
use crate::api::{ApiClient, ApiError};
use crate::session::SessionEnd;

/// The current user, or the error; a user without account or plan ends the session.
pub async fn reread_user(client: &ApiClient) -> Result<User, ApiError> {
    let user = client.me().await?;
    if let Some(draft) = missing_account_or_plan(&user) {
        client.end_session(SessionEnd::Logout(draft));
        return Err(ApiError::SessionEnded);
    }
    Ok(user)
}
