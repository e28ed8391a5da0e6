//! The seed's account/plan middleware: after authentication, in this order, the session's
//! recorded ids, the user, the account and the plan are checked; the first failure ends the
//! session with a 401 that names the reason, and one `[AUTO-LOGOUT]` line on stderr.

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::db::{Session, User};
use crate::log_line::{append_request_id, format_auto_logout, id_or_none};
use crate::request_id::RequestId;

/// One failed check.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoLogout {
    pub code: &'static str,
    /// `logout_message` and the log line's message (CONTRACT section 5).
    pub message: &'static str,
    /// `error`: the user-friendly sentence.
    pub error: &'static str,
    /// `logout_context`, in order.
    pub context: Vec<(&'static str, Value)>,
    /// The log line's leading fields; `User`, `Path` and `IP` follow them.
    pub log_fields: Vec<(&'static str, String)>,
}

/// Runs the checks in the seed's order. `session` is `None` when the request has no session
/// cookie (e.g. a cross-origin test), which skips the two session checks.
pub fn check(user: &User, session: Option<Session>, skip_account_checks: bool) -> Option<AutoLogout> {
    let current_account = user.account.as_ref().map(|account| account.id);
    if let Some(session) = session {
        // Only a recorded id that differs from a present one is contamination; an account
        // deleted since login is ACCOUNT_MISSING below, not a mismatch.
        if let (Some(stored), Some(current)) = (session.account_id, current_account) {
            if stored != current {
                return Some(AutoLogout {
                    code: "SESSION_ACCOUNT_MISMATCH",
                    message: "Session contamination: account ID mismatch",
                    error: "Your session belongs to another account. Please sign in again.",
                    context: vec![
                        ("stored_account_id", stored.into()),
                        ("current_account_id", current.into()),
                        ("user_id", user.id.into()),
                    ],
                    log_fields: vec![("Session", stored.to_string()), ("Current", current.to_string())],
                });
            }
        }
        if let Some(stored) = session.user_id {
            if stored != user.id {
                return Some(AutoLogout {
                    code: "SESSION_USER_MISMATCH",
                    message: "Session contamination: user ID mismatch",
                    error: "Your session belongs to another user. Please sign in again.",
                    context: vec![
                        ("stored_user_id", stored.into()),
                        ("current_user_id", user.id.into()),
                        ("user_id", user.id.into()),
                    ],
                    log_fields: vec![("Session", stored.to_string()), ("Current", user.id.to_string())],
                });
            }
        }
    }
    if !user.is_active {
        return Some(AutoLogout {
            code: "USER_INACTIVE",
            message: "User account is inactive",
            error: "Your user account has been deactivated.",
            context: vec![("user_id", user.id.into())],
            log_fields: vec![],
        });
    }
    if skip_account_checks {
        return None;
    }
    let Some(account) = &user.account else {
        return Some(AutoLogout {
            code: "ACCOUNT_MISSING",
            message: "Account not configured for this user",
            error: "No account is configured for this user. Please contact support.",
            context: vec![("user_id", user.id.into()), ("account_id", Value::Null)],
            log_fields: vec![("Account", id_or_none(None))],
        });
    };
    let account_ids = || {
        vec![
            ("user_id", Value::from(user.id)),
            ("account_id", Value::from(account.id)),
        ]
    };
    let account_fields = || vec![("Account", account.id.to_string()), ("Status", account.status.clone())];
    match account.status.as_str() {
        "suspended" => {
            return Some(AutoLogout {
                code: "ACCOUNT_SUSPENDED",
                message: "Account is suspended",
                error: "Your account is suspended. Please contact support.",
                context: account_ids(),
                log_fields: account_fields(),
            })
        }
        "cancelled" => {
            return Some(AutoLogout {
                code: "ACCOUNT_CANCELLED",
                message: "Account is cancelled",
                error: "Your account has been cancelled.",
                context: account_ids(),
                log_fields: account_fields(),
            })
        }
        _ => {}
    }
    let Some(plan) = &account.plan else {
        let mut context = account_ids();
        context.push(("plan_id", Value::Null));
        return Some(AutoLogout {
            code: "PLAN_MISSING",
            message: "No subscription plan assigned",
            error: "No subscription plan is assigned to your account.",
            context,
            log_fields: vec![("Account", account.id.to_string()), ("Plan", id_or_none(None))],
        });
    };
    if !plan.is_active {
        let mut context = account_ids();
        context.push(("plan_id", plan.id.into()));
        return Some(AutoLogout {
            code: "PLAN_INACTIVE",
            message: "Subscription plan is inactive",
            error: "Your subscription plan is inactive.",
            context,
            log_fields: vec![("Account", account.id.to_string()), ("Plan", plan.id.to_string())],
        });
    }
    None
}

/// Where and when a logout happened, for the body and the log line.
pub struct Occurrence<'a> {
    pub user_id: i64,
    pub path: &'a str,
    pub ip: &'a str,
    pub at: DateTime<Utc>,
    pub request_id: Option<&'a RequestId>,
}

/// The seed's 401 body and the stderr line for `logout`.
pub fn body_and_line(logout: &AutoLogout, occurrence: &Occurrence) -> (LogoutBody, String) {
    let Occurrence {
        user_id,
        path,
        ip,
        at,
        request_id,
    } = *occurrence;
    let body = LogoutBody {
        success: false,
        error: logout.error,
        logout_reason: logout.code,
        logout_message: logout.message.to_string(),
        logout_path: path.to_string(),
        logout_context: OrderedMap(logout.context.clone()),
    };
    let mut fields = logout.log_fields.clone();
    fields.push(("User", user_id.to_string()));
    fields.push(("Path", path.to_string()));
    fields.push(("IP", ip.to_string()));
    let mut line = format_auto_logout(at, logout.code, logout.message, &fields);
    if let Some(request_id) = request_id {
        append_request_id(&mut line, request_id);
    }
    (body, line)
}

/// `logout_path`: the page the request came from (the Referer's path and query), else the
/// API path itself.
pub fn logout_path(referer: Option<&str>, api_path: &str) -> String {
    let from_referer = referer.and_then(|referer| {
        let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
        let path = if referer.starts_with('/') {
            referer
        } else {
            after_scheme
                .find(['/', '?'])
                .map_or("/", |start| &after_scheme[start..])
        };
        let path = path.split('#').next().unwrap_or(path);
        match path {
            "" => None,
            p if p.starts_with('?') => Some(format!("/{p}")),
            p => Some(p.to_string()),
        }
    });
    from_referer.unwrap_or_else(|| api_path.to_string())
}

/// The seed's 401 body, answered as `ApiError::Logout`.
#[derive(Debug, serde::Serialize)]
pub struct LogoutBody {
    success: bool,
    error: &'static str,
    pub logout_reason: &'static str,
    pub logout_message: String,
    logout_path: String,
    logout_context: OrderedMap,
}

impl LogoutBody {
    /// A misbehaving backend's body: `text` after the message and as a context entry.
    pub fn with_hostile_text(mut self, text: &str) -> Self {
        self.logout_message.push(' ');
        self.logout_message.push_str(text);
        self.logout_context
            .0
            .push(("upstream_detail", Value::String(text.to_owned())));
        self
    }
}

/// A JSON object whose keys keep their order (serde_json's map would sort them).
#[derive(Debug)]
struct OrderedMap(Vec<(&'static str, Value)>);

impl Serialize for OrderedMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Account, Plan};

    fn user() -> User {
        User {
            id: 789,
            email: "a@b.c".into(),
            password_hash: String::new(),
            is_staff: false,
            is_active: true,
            account: Some(Account {
                id: 456,
                name: "Acme".into(),
                status: "active".into(),
                plan: Some(Plan {
                    id: 3,
                    name: "Pro".into(),
                    is_active: true,
                }),
            }),
            tamper_session_account: false,
            tamper_session_user: false,
        }
    }

    fn code(user: &User, session: Option<Session>) -> Option<&'static str> {
        check(user, session, false).map(|logout| logout.code)
    }

    #[test]
    fn checks_run_in_the_seed_order() {
        let mut u = user();
        let ok_session = Some(Session {
            user_id: Some(789),
            account_id: Some(456),
        });
        assert_eq!(code(&u, ok_session), None);
        assert_eq!(code(&u, None), None);
        u.is_active = false;
        u.account.as_mut().unwrap().plan = None;
        assert_eq!(
            code(
                &u,
                Some(Session {
                    user_id: Some(1),
                    account_id: Some(123)
                })
            ),
            Some("SESSION_ACCOUNT_MISMATCH")
        );
        assert_eq!(
            code(
                &u,
                Some(Session {
                    user_id: Some(1),
                    account_id: Some(456)
                })
            ),
            Some("SESSION_USER_MISMATCH")
        );
        assert_eq!(code(&u, ok_session), Some("USER_INACTIVE"));
        u.is_active = true;
        assert_eq!(code(&u, ok_session), Some("PLAN_MISSING"));
        assert_eq!(check(&u, ok_session, true), None);
        u.account.as_mut().unwrap().status = "cancelled".into();
        assert_eq!(code(&u, ok_session), Some("ACCOUNT_CANCELLED"));
        u.account.as_mut().unwrap().status = "suspended".into();
        assert_eq!(code(&u, ok_session), Some("ACCOUNT_SUSPENDED"));
        u.account = None;
        // A session that recorded an account now deleted is a missing account, not a mismatch.
        assert_eq!(code(&u, ok_session), Some("ACCOUNT_MISSING"));
        let mut u = user();
        u.account.as_mut().unwrap().plan.as_mut().unwrap().is_active = false;
        assert_eq!(code(&u, ok_session), Some("PLAN_INACTIVE"));
        u.account.as_mut().unwrap().status = "trial".into();
        assert_eq!(code(&u, ok_session), Some("PLAN_INACTIVE"));
    }

    #[test]
    fn body_and_line_match_the_contract() {
        let logout = check(
            &user(),
            Some(Session {
                user_id: Some(789),
                account_id: Some(123),
            }),
            false,
        )
        .unwrap();
        let at = DateTime::parse_from_rfc3339("2025-12-15T10:30:45.123Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut occurrence = Occurrence {
            user_id: 789,
            path: "/dashboard",
            ip: "192.168.1.1",
            at,
            request_id: None,
        };
        let (body, line) = body_and_line(&logout, &occurrence);
        assert_eq!(
            line,
            "[2025-12-15 10:30:45] [WARNING] [auth.middleware] [AUTO-LOGOUT] SESSION_ACCOUNT_MISMATCH: \
             Session contamination: account ID mismatch. Session=123, Current=456, User=789, \
             Path=/dashboard, IP=192.168.1.1, Timestamp=2025-12-15T10:30:45.123Z"
        );
        let id = RequestId::parse("00112233445566778899aabbccddeeff").unwrap();
        occurrence.request_id = Some(&id);
        let (_, with_id) = body_and_line(&logout, &occurrence);
        assert_eq!(with_id, format!("{line}, RequestID=00112233445566778899aabbccddeeff"));
        let body = serde_json::to_string(&body).unwrap();
        assert!(body.ends_with(
            r#""logout_reason":"SESSION_ACCOUNT_MISMATCH","logout_message":"Session contamination: account ID mismatch","logout_path":"/dashboard","logout_context":{"stored_account_id":123,"current_account_id":456,"user_id":789}}"#
        ));
    }

    #[test]
    fn logout_path_prefers_the_referer_page() {
        assert_eq!(
            logout_path(
                Some("http://127.0.0.1:8080/dashboard/content?x=1#top"),
                "/api/v1/auth/me/"
            ),
            "/dashboard/content?x=1"
        );
        assert_eq!(logout_path(Some("http://localhost:8080"), "/api/v1/auth/me/"), "/");
        assert_eq!(logout_path(Some("http://localhost:8080?q=1"), "/api"), "/?q=1");
        assert_eq!(logout_path(Some("/dashboard"), "/api"), "/dashboard");
        assert_eq!(logout_path(None, "/api/v1/content/"), "/api/v1/content/");
    }
}
