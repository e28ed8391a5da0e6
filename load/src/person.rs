//! One simulated person: their tokens, shared by their tabs as `localStorage` is, and the
//! lock their tabs refresh under (the Web Locks lock of `src/api/tab_lock.rs`).

use std::sync::{Arc, Mutex};

/// The tokens the tabs share.
#[derive(Clone, Debug)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

#[derive(Clone)]
pub struct Person {
    pub email: String,
    tokens: Arc<Mutex<Tokens>>,
    /// Held by a tab while it refreshes: the other tabs wait, then adopt what it stored.
    pub tab_lock: Arc<tokio::sync::Mutex<()>>,
}

impl Person {
    pub fn signed_in(email: String, tokens: Tokens) -> Person {
        Person {
            email,
            tokens: Arc::new(Mutex::new(tokens)),
            tab_lock: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    pub fn tokens(&self) -> Tokens {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn access(&self) -> String {
        self.tokens().access
    }

    /// A renewal stores both tokens, as `tokens().renew` does in the client.
    pub fn store(&self, tokens: Tokens) {
        *self.tokens.lock().unwrap_or_else(|p| p.into_inner()) = tokens;
    }
}

/// The tokens of a login (`{"data": {"access", "refresh"}}`) or a refresh (`{"access",
/// "refresh"}`) answer; `None` when the body does not parse or lacks one.
pub fn parse_tokens(body: &str) -> Option<Tokens> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let fields = value.get("data").unwrap_or(&value);
    Some(Tokens {
        access: fields.get("access")?.as_str()?.to_string(),
        refresh: fields.get("refresh")?.as_str()?.to_string(),
    })
}

/// Whether a 401/403 body is the middleware's logout (a `logout_reason` string).
pub fn logout_reason(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("logout_reason")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_login_and_of_a_refresh() {
        let login = r#"{"success": true, "data": {"user": {}, "access": "a1", "refresh": "r1"}}"#;
        let tokens = parse_tokens(login).unwrap();
        assert_eq!((tokens.access.as_str(), tokens.refresh.as_str()), ("a1", "r1"));
        let tokens = parse_tokens(r#"{"access": "a2", "refresh": "r2"}"#).unwrap();
        assert_eq!((tokens.access.as_str(), tokens.refresh.as_str()), ("a2", "r2"));
        assert!(parse_tokens(r#"{"access": "a2", "refr"#).is_none());
        assert!(parse_tokens(r#"{"access": "a2"}"#).is_none());
    }

    #[test]
    fn only_a_logout_reason_string_is_a_middleware_logout() {
        assert_eq!(
            logout_reason(r#"{"logout_reason": "PLAN_INACTIVE", "error": "x"}"#).as_deref(),
            Some("PLAN_INACTIVE")
        );
        assert_eq!(
            logout_reason(r#"{"detail": "Given token not valid", "code": "token_not_valid"}"#),
            None
        );
        assert_eq!(logout_reason("<html>"), None);
        assert_eq!(logout_reason(r#"{"logout_reason": 3}"#), None);
    }

    #[test]
    fn tabs_share_what_one_stores() {
        let person = Person::signed_in(
            "a@b".into(),
            Tokens {
                access: "a".into(),
                refresh: "r".into(),
            },
        );
        let tab = person.clone();
        tab.store(Tokens {
            access: "a2".into(),
            refresh: "r2".into(),
        });
        assert_eq!(person.access(), "a2");
    }
}
