//! The User object of CONTRACT section 2, keys in the contract's order.

use serde::Serialize;

use crate::db;

#[derive(Serialize)]
pub struct UserJson<'a> {
    pub id: i64,
    pub email: &'a str,
    pub is_staff: bool,
    pub account: Option<AccountJson<'a>>,
}

#[derive(Serialize)]
pub struct AccountJson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub status: &'a str,
    pub plan: Option<PlanJson<'a>>,
}

#[derive(Serialize)]
pub struct PlanJson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub is_active: bool,
}

impl<'a> From<&'a db::User> for UserJson<'a> {
    fn from(user: &'a db::User) -> Self {
        UserJson {
            id: user.id,
            email: &user.email,
            is_staff: user.is_staff,
            account: user.account.as_ref().map(|account| AccountJson {
                id: account.id,
                name: &account.name,
                status: &account.status,
                plan: account.plan.as_ref().map(|plan| PlanJson {
                    id: plan.id,
                    name: &plan.name,
                    is_active: plan.is_active,
                }),
            }),
        }
    }
}
