//! How to sign in as each demo user. Plain constants with no imports, so that the wasm
//! browser tests include this very file (`#[path]`) rather than keep a copy.

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

/// Active user; account "Acme" (active), plan "Pro" (active).
pub const DEMO_USER: &str = "demo@example.com";
/// Staff user (may list logout events); account "Staff Co", plan "Enterprise".
pub const STAFF_USER: &str = "staff@example.com";
/// A user without an account.
pub const NOACCOUNT_USER: &str = "noaccount@example.com";
/// A user whose account "No Plan Inc" has no plan.
pub const NOPLAN_USER: &str = "noplan@example.com";
