//! Whether a posted logout event can be attributed to a user. Anyone may post one (the
//! client reports best effort, maybe signed out already), so the user an event names is only
//! a claim; it is attributed when the request itself shows who sent it (a valid access
//! token, or the session cookie of a live session) and the event names nobody else. The
//! staff list shows `attributed: false` for the rest, and the table drops those first.
//!
//! A client ending a session revokes it first and reports why right after, with the same
//! session cookie: a session ended a moment ago ([`RecentEnds`]) still tells who sent that
//! report. The cookie is `HttpOnly` and `SameSite=Lax`: no other site's page can send it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

/// How long an ended session still tells who sent a logout event.
pub const REPORT_GRACE: Duration = Duration::from_secs(60);

/// Sessions ended within [`REPORT_GRACE`]: session id to user id.
#[derive(Default)]
pub struct RecentEnds {
    ended: Mutex<HashMap<String, (i64, Instant)>>,
}

impl RecentEnds {
    pub fn note(&self, session_id: &str, user_id: i64, now: Instant) {
        let mut ended = self.lock();
        ended.retain(|_, (_, at)| now.saturating_duration_since(*at) < REPORT_GRACE);
        ended.insert(session_id.to_string(), (user_id, now));
    }

    /// The user of `session_id` when it ended within the grace.
    pub fn user_of(&self, session_id: &str, now: Instant) -> Option<i64> {
        self.lock()
            .get(session_id)
            .filter(|(_, at)| now.saturating_duration_since(*at) < REPORT_GRACE)
            .map(|(user_id, _)| *user_id)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (i64, Instant)>> {
        self.ended.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The user a posted event names: MANUAL_LOGOUT's context carries an email, the
/// middleware's contexts a user id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimedUser<'a> {
    pub user_id: Option<i64>,
    pub email: Option<&'a str>,
}

impl<'a> ClaimedUser<'a> {
    /// The claim in a reason's `context` object.
    pub fn from_context(context: Option<&'a Map<String, Value>>) -> ClaimedUser<'a> {
        let field = |key: &str| context.and_then(|c| c.get(key));
        ClaimedUser {
            user_id: field("user_id").and_then(Value::as_i64),
            email: field("email").or_else(|| field("user_email")).and_then(Value::as_str),
        }
    }
}

/// Who the request showed it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender<'a> {
    pub user_id: i64,
    pub email: &'a str,
}

/// The rule: a known sender, and the event names no other user.
pub fn is_attributed(claimed: &ClaimedUser, sender: Option<Sender>) -> bool {
    let Some(sender) = sender else {
        return false;
    };
    let same_id = claimed.user_id.is_none_or(|id| id == sender.user_id);
    let same_email = claimed
        .email
        .is_none_or(|email| email.trim().eq_ignore_ascii_case(sender.email));
    same_id && same_email
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_ended_session_tells_who_reported_for_a_minute() {
        let ends = RecentEnds::default();
        let start = Instant::now();
        ends.note("abc", 101, start);
        assert_eq!(ends.user_of("abc", start + Duration::from_secs(59)), Some(101));
        assert_eq!(ends.user_of("abc", start + REPORT_GRACE), None);
        assert_eq!(ends.user_of("other", start), None);
        ends.note("later", 102, start + Duration::from_secs(120));
        assert_eq!(ends.lock().len(), 1, "older ends are dropped");
    }

    const DEMO: Sender = Sender {
        user_id: 101,
        email: "demo@example.com",
    };

    fn claim(context: Value) -> ClaimedUser<'static> {
        let context = Box::leak(Box::new(context));
        ClaimedUser::from_context(context.as_object())
    }

    #[test]
    fn nobody_known_is_never_attributed() {
        assert!(!is_attributed(&claim(json!({"user_id": 101})), None));
        assert!(!is_attributed(&ClaimedUser::default(), None));
    }

    #[test]
    fn the_sender_is_attributed_unless_the_event_names_someone_else() {
        assert!(is_attributed(&claim(json!({"user_id": 101})), Some(DEMO)));
        assert!(is_attributed(&claim(json!({"email": "Demo@Example.com"})), Some(DEMO)));
        assert!(is_attributed(
            &claim(json!({"user_email": "demo@example.com"})),
            Some(DEMO)
        ));
        assert!(is_attributed(&claim(json!({"endpoint": "/api"})), Some(DEMO)));
        assert!(!is_attributed(&claim(json!({"user_id": 104})), Some(DEMO)));
        assert!(!is_attributed(
            &claim(json!({"email": "staff@example.com"})),
            Some(DEMO)
        ));
        assert!(!is_attributed(
            &claim(json!({"user_id": 101, "email": "staff@example.com"})),
            Some(DEMO)
        ));
    }

    #[test]
    fn claims_of_the_wrong_type_name_nobody() {
        let claimed = claim(json!({"user_id": "101", "email": 5}));
        assert_eq!(claimed, ClaimedUser::default());
    }
}
