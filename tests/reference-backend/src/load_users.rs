//! Load users (dev mode, `{"action": "load_users", "count": N}`): N ordinary users for load
//! runs, each active with its own active account and plan, so that many simulated users sign
//! in as distinct people. They are created on request only, never by `reset_all`, and no
//! control action changes them.

/// Most load users one server creates.
pub const MAX_LOAD_USERS: u64 = 1000;

/// The email of load user `n` (1-based): `load-1@example.com`, `load-2@example.com`, ...
/// Their password is the demo password.
pub fn load_user_email(n: u64) -> String {
    format!("load-{n}@example.com")
}

/// The ids of load user `n`'s user, account and plan rows: in ranges of their own (users
/// 10001.., accounts 20001.., plans 30001..) that no demo id (1xx, 2xx, 3xx) reaches.
pub fn load_user_ids(n: u64) -> (i64, i64, i64) {
    // n <= MAX_LOAD_USERS, so these never overflow.
    let n = n as i64;
    (10_000 + n, 20_000 + n, 30_000 + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_ids_are_distinct_and_clear_of_the_demo_ranges() {
        assert_eq!(load_user_email(1), "load-1@example.com");
        assert_eq!(load_user_email(MAX_LOAD_USERS), "load-1000@example.com");
        assert_eq!(load_user_ids(1), (10_001, 20_001, 30_001));
        let (user, account, plan) = load_user_ids(MAX_LOAD_USERS);
        assert!(user < 20_000 && account < 30_000 && plan < 40_000);
        for demo in crate::demo::DEMO_USERS {
            assert!(demo.id < 10_000);
            assert!(crate::demo::find(&load_user_email(1)).is_none());
        }
    }
}
