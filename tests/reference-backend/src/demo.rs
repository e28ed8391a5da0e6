//! The demo users seeded in dev mode, and their seeded state that `reset` restores.

pub use crate::demo_logins::{DEMO_PASSWORD, DEMO_USER, NOACCOUNT_USER, NOPLAN_USER, STAFF_USER};

pub struct DemoPlan {
    pub id: i64,
    pub name: &'static str,
}

pub struct DemoAccount {
    pub id: i64,
    pub name: &'static str,
    pub plan: Option<DemoPlan>,
}

pub struct DemoUser {
    pub id: i64,
    pub email: &'static str,
    pub is_staff: bool,
    pub account: Option<DemoAccount>,
    pub summary: &'static str,
}

// Ids live in distinct ranges (users 1xx, accounts 2xx, plans 3xx) so a log line or a
// logout_context is readable at a glance.
pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        id: 101,
        email: DEMO_USER,
        is_staff: false,
        account: Some(DemoAccount {
            id: 201,
            name: "Acme",
            plan: Some(DemoPlan { id: 301, name: "Pro" }),
        }),
        summary: "active user, account \"Acme\" (active), plan \"Pro\" (active)",
    },
    DemoUser {
        id: 102,
        email: STAFF_USER,
        is_staff: true,
        account: Some(DemoAccount {
            id: 202,
            name: "Staff Co",
            plan: Some(DemoPlan {
                id: 302,
                name: "Enterprise",
            }),
        }),
        summary: "staff user, account \"Staff Co\" (active), plan \"Enterprise\" (active)",
    },
    DemoUser {
        id: 103,
        email: NOACCOUNT_USER,
        is_staff: false,
        account: None,
        summary: "no account",
    },
    DemoUser {
        id: 104,
        email: NOPLAN_USER,
        is_staff: false,
        account: Some(DemoAccount {
            id: 203,
            name: "No Plan Inc",
            plan: None,
        }),
        summary: "account \"No Plan Inc\" (active) without a plan",
    },
];

pub fn find(email: &str) -> Option<&'static DemoUser> {
    DEMO_USERS
        .iter()
        .find(|user| user.email.eq_ignore_ascii_case(email.trim()))
}

/// The lines the binary prints in dev mode, one per demo user.
pub fn demo_users_text() -> String {
    let mut text = format!("demo users (password: {DEMO_PASSWORD}):\n");
    for user in DEMO_USERS {
        text.push_str(&format!("  {:<24}{}\n", user.email, user.summary));
    }
    text
}

/// Restores `demo` to its seeded state (active, account and plan as listed, no tampering).
pub(crate) fn reset_user(state: &crate::state::AppState, demo: &DemoUser) -> Result<(), String> {
    let hash = crate::password::hash(DEMO_PASSWORD, state.password_cost).map_err(|e| e.to_string())?;
    state.db.reset_demo_user(demo, &hash).map_err(|e| e.to_string())
}
