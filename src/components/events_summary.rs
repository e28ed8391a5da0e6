//! Which logout reasons are most common among the listed events, and how many users each
//! touched (the seed's "Admin Dashboard": track which reasons are most common and the
//! affected users). Grouped by `logout::by_code`, as the chart's series are; the view is a
//! plain function.

use serde_json::Value;
use yew::prelude::*;

use crate::api::models::LogoutEvent;
use crate::logout::by_code::{ByCode, CodeGroup};

/// One code's line: how many events, how many distinct users among those that name one.
#[derive(Debug, PartialEq)]
pub struct CodeCount {
    pub code: String,
    pub events: usize,
    pub users: usize,
}

/// Codes by number of events, most common first (ties by code, for a stable order).
pub fn count_by_code(events: &[&LogoutEvent]) -> Vec<CodeCount> {
    let mut codes = ByCode::default();
    // The distinct users each code met, at the index `codes` gave it.
    let mut users: Vec<Vec<String>> = Vec::new();
    for event in events {
        let group = codes.add(&event.code);
        if group == users.len() {
            users.push(Vec::new());
        }
        if let (Some(user), Some(met)) = (user_of(event), users.get_mut(group)) {
            if !met.contains(&user) {
                met.push(user);
            }
        }
    }
    codes
        .most_common_first()
        .into_iter()
        .map(|(group, CodeGroup { code, events })| CodeCount {
            code,
            events: events as usize,
            users: users.get(group).map_or(0, Vec::len),
        })
        .collect()
}

/// The user an event is about: the context's email, else its user id.
fn user_of(event: &LogoutEvent) -> Option<String> {
    match (event.context.get("email"), event.context.get("user_id")) {
        (Some(Value::String(email)), _) if !email.is_empty() => Some(email.clone()),
        // The number's own Display, not the `Value`'s: the same text, without serde_json's
        // serializer in the wasm.
        (_, Some(Value::Number(id))) => Some(id.to_string()),
        _ => None,
    }
}

pub fn events_summary(events: &[&LogoutEvent]) -> Html {
    let counts = count_by_code(events);
    if counts.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card events-summary" aria-label="Most common reasons">
            <h2>{ "Most common reasons" }</h2>
            <ul>
                { for counts.iter().map(|count| html! {
                    <li>
                        <code>{ count.code.clone() }</code>
                        { " — " }{ plural(count.events, "event", "events") }
                        if count.users > 0 {
                            { ", " }{ plural(count.users, "user", "users") }
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// How many listed reports the figures above leave out, and why; nothing when none.
pub fn unverified_note(unverified: usize) -> Html {
    if unverified == 0 {
        return Html::default();
    }
    let reports = plural(unverified, "listed report", "listed reports");
    html! {
        <p class="notice">
            { reports }{ " could not be tied to the user they name, so the figures above leave them out; they are marked unverified below." }
        </p>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(code: &str, context: Value) -> LogoutEvent {
        LogoutEvent {
            id: json!(1),
            code: code.into(),
            message: String::new(),
            path: "/".into(),
            source: "backend_middleware".into(),
            timestamp: String::new(),
            context: context.as_object().cloned().unwrap_or_default(),
            request_id: None,
            received_at: None,
            attributed: Some(true),
        }
    }

    #[test]
    fn codes_are_counted_most_common_first_with_distinct_users() {
        let events = [
            event("PLAN_INACTIVE", json!({"user_id": 1})),
            event("MANUAL_LOGOUT", json!({"email": "a@b.c"})),
            event("PLAN_INACTIVE", json!({"user_id": 2})),
            event("PLAN_INACTIVE", json!({"user_id": 1})),
            event("MANUAL_LOGOUT", json!({"email": "a@b.c"})),
            event("ACCOUNT_SUSPENDED", json!({})),
        ];
        assert_eq!(
            count_by_code(&events.iter().collect::<Vec<_>>()),
            vec![
                CodeCount {
                    code: "PLAN_INACTIVE".into(),
                    events: 3,
                    users: 2
                },
                CodeCount {
                    code: "MANUAL_LOGOUT".into(),
                    events: 2,
                    users: 1
                },
                CodeCount {
                    code: "ACCOUNT_SUSPENDED".into(),
                    events: 1,
                    users: 0
                },
            ]
        );
    }

    #[test]
    fn a_numeric_user_id_reads_as_the_json_text() {
        for id in [json!(7), json!(-3), json!(18446744073709551615u64), json!(1.5)] {
            let event = event("PLAN_INACTIVE", json!({ "user_id": id }));
            assert_eq!(user_of(&event), Some(id.to_string()));
        }
    }

    #[test]
    fn no_events_no_counts() {
        assert!(count_by_code(&[]).is_empty());
    }
}
