//! The client's own account and plan check (ACCOUNT_REQUIRED, PLAN_REQUIRED), made each
//! time `me` is read. Pure.

use crate::api::models::User;
use crate::logout::{drafts, LogoutDraft};

/// The logout a user without account or plan must get, if any.
pub fn missing_account_or_plan(user: &User) -> Option<LogoutDraft> {
    let account_id = match &user.account {
        None => None,
        Some(account) if account.plan.is_none() => Some(account.id),
        Some(_) => return None,
    };
    Some(drafts::missing_account_or_plan(user.id, &user.email, account_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{Account, Plan};
    use crate::logout::{LogoutCode, LogoutSource};
    use serde_json::{json, Value};

    fn user(account: Option<Account>) -> User {
        User {
            id: 789,
            email: "a@b.c".into(),
            is_staff: false,
            account,
        }
    }

    fn account(plan: Option<Plan>) -> Account {
        Account {
            id: 456,
            name: "Acme".into(),
            status: "active".into(),
            plan,
        }
    }

    #[test]
    fn no_account_is_account_required() {
        let draft = missing_account_or_plan(&user(None)).expect("a logout");
        assert_eq!(draft.code, LogoutCode::AccountRequired);
        assert_eq!(draft.message, "Account not configured");
        assert_eq!(draft.source, LogoutSource::RefreshUserValidation);
        assert_eq!(
            Value::Object(draft.context),
            json!({"user_id": 789, "account_id": null, "email": "a@b.c"})
        );
    }

    #[test]
    fn no_plan_is_plan_required() {
        let draft = missing_account_or_plan(&user(Some(account(None)))).expect("a logout");
        assert_eq!(draft.code, LogoutCode::PlanRequired);
        assert_eq!(draft.message, "Plan not configured");
        assert_eq!(draft.context["account_id"], 456);
    }

    #[test]
    fn an_inactive_plan_is_the_backends_business() {
        let plan = Plan {
            id: 3,
            name: "Pro".into(),
            is_active: false,
        };
        assert_eq!(missing_account_or_plan(&user(Some(account(Some(plan))))), None);
    }
}
