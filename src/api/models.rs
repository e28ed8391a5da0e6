//! The backend's shapes (CONTRACT section 2 and 3), read tolerantly: optional fields
//! default, so that a backend adding or omitting a field does not break the app.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    #[serde(default)]
    pub is_staff: bool,
    #[serde(default)]
    pub account: Option<Account>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    /// active, trial, suspended or cancelled.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub plan: Option<Plan>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub is_active: bool,
}

/// The login and refresh answers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AuthTokens {
    pub access: String,
    #[serde(default)]
    pub refresh: Option<String>,
    #[serde(default)]
    pub user: Option<User>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ContentItem {
    pub id: Value,
    pub title: String,
}

/// A logout event as the staff list returns it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogoutEvent {
    #[serde(default)]
    pub id: Value,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub timestamp: String,
    #[serde(default)]
    pub context: Map<String, Value>,
    #[serde(default)]
    pub received_at: Option<String>,
}
