//! The backend's shapes (CONTRACT section 2 and 3), read tolerantly: optional fields
//! default, so that a backend adding or omitting a field does not break the app; a field
//! present with the wrong type makes the whole shape unreadable.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::json_fields::{any, nullable, object, or_default, required, string, FromJson};
use crate::logout::scrub::{Scrubber, MAX_REASON_BYTES};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub is_staff: bool,
    pub account: Option<Account>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    /// active, trial, suspended or cancelled.
    pub status: String,
    pub plan: Option<Plan>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub is_active: bool,
}

/// The login and refresh answers.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthTokens {
    pub access: String,
    pub refresh: Option<String>,
    pub user: Option<User>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContentItem {
    pub id: Value,
    pub title: String,
}

/// A logout event as the staff list returns it.
#[derive(Clone, Debug, PartialEq)]
pub struct LogoutEvent {
    pub id: Value,
    pub code: String,
    pub message: String,
    pub path: String,
    pub source: String,
    pub timestamp: String,
    pub context: Map<String, Value>,
    /// The id of the request that got the response which ended the session (CONTRACT
    /// section 10), as the backend stored it.
    pub request_id: Option<String>,
    pub received_at: Option<String>,
    /// Whether the backend could tie the report to the user it names (the POST is open to
    /// anyone): `Some(false)` is a claim nobody vouched for; `None`, a backend that does not
    /// say.
    pub attributed: Option<bool>,
}

impl LogoutEvent {
    /// Counted in the staff page's numbers: everything but a report the backend could not
    /// tie to its user, so that nobody can forge the figures by posting events.
    pub fn is_counted(&self) -> bool {
        self.attributed != Some(false)
    }
}

impl FromJson for User {
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        Some(Self {
            id: required(fields, "id", Value::as_i64)?,
            email: required(fields, "email", string)?,
            is_staff: or_default(fields, "is_staff", Value::as_bool)?,
            account: nullable(fields, "account", Account::from_json)?,
        })
    }
}

impl FromJson for Account {
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        Some(Self {
            id: required(fields, "id", Value::as_i64)?,
            name: or_default(fields, "name", string)?,
            status: or_default(fields, "status", string)?,
            plan: nullable(fields, "plan", Plan::from_json)?,
        })
    }
}

impl FromJson for Plan {
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        Some(Self {
            id: required(fields, "id", Value::as_i64)?,
            name: or_default(fields, "name", string)?,
            is_active: or_default(fields, "is_active", Value::as_bool)?,
        })
    }
}

impl FromJson for AuthTokens {
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        Some(Self {
            access: required(fields, "access", string)?,
            refresh: nullable(fields, "refresh", string)?,
            user: nullable(fields, "user", User::from_json)?,
        })
    }
}

impl FromJson for ContentItem {
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        Some(Self {
            id: required(fields, "id", any)?,
            title: required(fields, "title", string)?,
        })
    }
}

impl FromJson for LogoutEvent {
    /// Anyone may report an event, so its text is the backend's like any other: bounded and
    /// scrubbed before the staff page shows it (CONTRACT section 5). And a report's fields
    /// are whatever its sender wrote: one that is missing, `null` or of another type reads
    /// as absent, so that a single odd report can never make the whole list unreadable.
    fn from_json(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        let scrub = Scrubber::default();
        let lenient = |key: &str| fields.get(key).and_then(Value::as_str);
        let text = |key: &str| lenient(key).map(|text| scrub.text(text)).unwrap_or_default();
        let context = fields.get("context").and_then(object).unwrap_or_default();
        Some(Self {
            id: fields.get("id").cloned().unwrap_or_default(),
            code: text("code"),
            message: text("message"),
            path: text("path"),
            source: text("source"),
            timestamp: text("timestamp"),
            context: scrub.context(context, MAX_REASON_BYTES),
            request_id: lenient("request_id").map(str::to_owned),
            received_at: lenient("received_at").map(str::to_owned),
            attributed: fields.get("attributed").and_then(Value::as_bool),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `User` is written (the user cache) and read back: every shape survives the trip.
    #[test]
    fn a_user_round_trips_through_the_json_the_cache_writes() {
        let plan = Plan {
            id: 3,
            name: "Pro".into(),
            is_active: false,
        };
        let with_plan = Account {
            id: 456,
            name: "Acme".into(),
            status: "trial".into(),
            plan: Some(plan),
        };
        let without_plan = Account {
            plan: None,
            ..with_plan.clone()
        };
        for account in [Some(with_plan), Some(without_plan), None] {
            let user = User {
                id: 789,
                email: "a@b.c".into(),
                is_staff: true,
                account,
            };
            let written = serde_json::to_string(&user).expect("serialisable");
            let read: Value = serde_json::from_str(&written).expect("JSON");
            assert_eq!(User::from_json(&read), Some(user));
        }
    }

    #[test]
    fn optional_fields_default_when_missing() {
        let user = User::from_json(&json!({"id": 1, "email": "a@b.c"})).expect("user");
        assert_eq!(
            user,
            User {
                id: 1,
                email: "a@b.c".into(),
                is_staff: false,
                account: None
            }
        );
        let account = Account::from_json(&json!({"id": 2})).expect("account");
        assert_eq!(
            (account.name.as_str(), account.status.as_str(), account.plan),
            ("", "", None)
        );
        let plan = Plan::from_json(&json!({"id": 3})).expect("plan");
        assert_eq!((plan.name.as_str(), plan.is_active), ("", false));
        let event = LogoutEvent::from_json(&json!({})).expect("event");
        assert_eq!(
            (event.id, event.context.len(), event.received_at),
            (Value::Null, 0, None)
        );
    }

    #[test]
    fn an_events_text_is_scrubbed_and_bounded_before_the_staff_page_shows_it() {
        let leaked = "password=hunter2 https://admin:s3cret@db.internal/x sk_live_51HostileStripeKey0123456789";
        let event = LogoutEvent::from_json(&json!({
            "code": "PLAN_INACTIVE",
            "message": leaked,
            "path": "/dashboard?token=abc123secret",
            "context": {"detail": leaked, "note": "x".repeat(50_000)},
        }))
        .expect("event");
        let shown = format!("{} {} {:?}", event.message, event.path, event.context);
        for secret in [
            "hunter2",
            "s3cret",
            "sk_live_51HostileStripeKey0123456789",
            "abc123secret",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert_eq!(event.code, "PLAN_INACTIVE");
        assert!(Value::Object(event.context).to_string().len() <= MAX_REASON_BYTES);
    }

    #[test]
    fn an_events_request_id_is_read_when_stored() {
        let id = "0123456789abcdef0123456789abcdef";
        let event = LogoutEvent::from_json(&json!({"code": "PLAN_INACTIVE", "request_id": id})).expect("event");
        assert_eq!(event.request_id.as_deref(), Some(id));
        let event = LogoutEvent::from_json(&json!({"code": "PLAN_INACTIVE", "request_id": null})).expect("event");
        assert_eq!(event.request_id, None);
        let odd = LogoutEvent::from_json(&json!({"request_id": 7})).expect("still listed");
        assert_eq!(odd.request_id, None, "a wrong type reads as absent");
    }

    #[test]
    fn an_odd_report_is_listed_with_what_it_has() {
        // As a sender may post it: nulls, numbers and objects where text belongs.
        let event = LogoutEvent::from_json(&json!({"code": "PLAN_INACTIVE", "message": null, "path": 5,
                                                   "timestamp": {"a": 1}, "context": "ctx", "id": null}))
        .expect("listed");
        assert_eq!(event.code, "PLAN_INACTIVE");
        assert_eq!(
            (event.message.as_str(), event.path.as_str(), event.timestamp.as_str()),
            ("", "", "")
        );
        assert!(event.context.is_empty());
        assert_eq!(LogoutEvent::from_json(&json!("not an object")), None);
    }

    #[test]
    fn only_a_report_the_backend_could_not_tie_to_its_user_is_left_out_of_the_figures() {
        let counted = |attributed: Value| {
            LogoutEvent::from_json(&json!({"code": "PLAN_INACTIVE", "attributed": attributed}))
                .map(|event| event.is_counted())
        };
        assert_eq!(counted(json!(true)), Some(true));
        assert_eq!(counted(json!(false)), Some(false), "a claim nobody vouched for");
        assert_eq!(counted(Value::Null), Some(true), "a backend that does not say");
        let silent = LogoutEvent::from_json(&json!({"code": "PLAN_INACTIVE"})).expect("event");
        assert!(silent.is_counted());
        assert_eq!(counted(json!("yes")), Some(true), "a wrong type reads as absent");
    }

    #[test]
    fn required_fields_must_be_present_and_typed() {
        for user in [
            json!({"email": "a@b.c"}),
            json!({"id": 1}),
            json!({"id": "1", "email": "a@b.c"}),
            json!({"id": 1.0, "email": "a@b.c"}),
            json!({"id": 9_223_372_036_854_775_808u64, "email": "a@b.c"}),
            json!({"id": 1, "email": null}),
        ] {
            assert_eq!(User::from_json(&user), None, "{user}");
        }
        assert_eq!(ContentItem::from_json(&json!({"title": "A"})), None);
        assert_eq!(AuthTokens::from_json(&json!({"refresh": "r"})), None);
        let item = ContentItem::from_json(&json!({"id": null, "title": "A"})).expect("a null id is an id");
        assert_eq!(item.id, Value::Null);
    }

    #[test]
    fn a_wrongly_typed_field_spoils_the_whole_shape() {
        for user in [
            json!({"id": 1, "email": "a@b.c", "is_staff": null}),
            json!({"id": 1, "email": "a@b.c", "is_staff": "yes"}),
            json!({"id": 1, "email": "a@b.c", "account": "Acme"}),
            json!({"id": 1, "email": "a@b.c", "account": {"id": 2, "name": 5}}),
            json!({"id": 1, "email": "a@b.c", "account": {"id": 2, "plan": {"id": 3, "is_active": 1}}}),
        ] {
            assert_eq!(User::from_json(&user), None, "{user}");
        }
        assert_eq!(AuthTokens::from_json(&json!({"access": "a", "refresh": 1})), None);
        assert_eq!(AuthTokens::from_json(&json!({"access": "a", "user": {"id": 1}})), None);
        // Not so for a logout event, which anyone may have written: see below.
    }

    #[test]
    fn nulls_are_absent_where_the_field_is_an_option() {
        let tokens = AuthTokens::from_json(&json!({"access": "a", "refresh": null, "user": null})).expect("tokens");
        assert_eq!((tokens.refresh, tokens.user), (None, None));
        let event = LogoutEvent::from_json(&json!({"received_at": null, "id": 4})).expect("event");
        assert_eq!((event.received_at, event.id), (None, json!(4)));
    }

    #[test]
    fn only_objects_are_shapes() {
        for value in [json!(null), json!([1, "a@b.c"]), json!("user"), json!(1)] {
            assert_eq!(User::from_json(&value), None, "{value}");
            assert_eq!(LogoutEvent::from_json(&value), None, "{value}");
        }
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let user = User::from_json(&json!({"id": 1, "email": "a@b.c", "avatar": 3.5})).expect("user");
        assert_eq!(user.id, 1);
    }
}
