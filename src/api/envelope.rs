//! The response envelope (CONTRACT section 2) and the shapes read out of bodies. Pure.

use serde_json::Value;

use super::models::{AuthTokens, User};
use crate::json_fields::FromJson;

/// `{"success": true, "data": X}` becomes `X`; any other body is used as it is.
pub fn unwrap_envelope(body: Value) -> Value {
    match body {
        Value::Object(mut object)
            if object.get("success") == Some(&Value::Bool(true)) && object.contains_key("data") =>
        {
            object.remove("data").unwrap_or(Value::Null)
        }
        other => other,
    }
}

/// The body as JSON, unwrapped; `None` when it is not JSON.
fn unwrapped(bytes: &[u8]) -> Option<Value> {
    serde_json::from_slice(bytes).ok().map(unwrap_envelope)
}

/// Parses a 2xx body, unwrapped, into `T`; `None` when it is not that shape.
pub fn parse_body<T: FromJson>(bytes: &[u8]) -> Option<T> {
    T::from_json(&unwrapped(bytes)?)
}

/// `me` answers the user itself or `{"user": User}`.
pub fn parse_user(bytes: &[u8]) -> Option<User> {
    match unwrapped(bytes)? {
        Value::Object(object) if object.contains_key("user") => User::from_json(object.get("user")?),
        other => User::from_json(&other),
    }
}

/// The login or refresh answer: an access token, maybe a new refresh token, maybe a user.
pub fn parse_tokens(bytes: &[u8]) -> Option<AuthTokens> {
    parse_body::<AuthTokens>(bytes).filter(|tokens| !tokens.access.is_empty())
}

/// A list answered plainly or as `{"results": [...]}` (DRF pagination).
pub fn parse_list<T: FromJson>(bytes: &[u8]) -> Option<Vec<T>> {
    match unwrapped(bytes)? {
        Value::Object(object) => Vec::from_json(object.get("results")?),
        other => Vec::from_json(&other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::ContentItem;

    const USER: &str = r#"{"id": 789, "email": "a@b.c", "is_staff": false,
        "account": {"id": 456, "name": "Acme", "status": "active",
                    "plan": {"id": 3, "name": "Pro", "is_active": true}}}"#;

    #[test]
    fn me_is_read_in_all_four_shapes() {
        for body in [
            USER.to_owned(),
            format!(r#"{{"user": {USER}}}"#),
            format!(r#"{{"success": true, "data": {USER}}}"#),
            format!(r#"{{"success": true, "data": {{"user": {USER}}}}}"#),
        ] {
            let user = parse_user(body.as_bytes()).expect(&body);
            assert_eq!(user.email, "a@b.c");
            assert_eq!(user.account.and_then(|a| a.plan).map(|p| p.name), Some("Pro".into()));
        }
    }

    #[test]
    fn null_account_and_plan_are_read() {
        let user = parse_user(br#"{"id": 1, "email": "x@y.z", "account": null}"#).expect("user");
        assert!(user.account.is_none());
        assert!(!user.is_staff);
        let user = parse_user(
            br#"{"id": 1, "email": "x@y.z", "account": {"id": 2, "name": "A", "status": "trial", "plan": null}}"#,
        )
        .expect("user");
        assert!(user.account.expect("account").plan.is_none());
    }

    #[test]
    fn an_unsuccessful_envelope_is_not_unwrapped() {
        let body = serde_json::json!({"success": false, "data": 1});
        assert_eq!(unwrap_envelope(body.clone()), body);
    }

    #[test]
    fn tokens_need_an_access_token() {
        let tokens = parse_tokens(br#"{"success": true, "data": {"access": "a", "refresh": "r"}}"#).expect("tokens");
        assert_eq!((tokens.access.as_str(), tokens.refresh.as_deref()), ("a", Some("r")));
        assert_eq!(parse_tokens(br#"{"access": "a"}"#).and_then(|t| t.refresh), None);
        assert!(parse_tokens(br#"{"access": ""}"#).is_none());
        assert!(parse_tokens(b"<html>").is_none());
    }

    #[test]
    fn lists_come_plain_or_paginated() {
        let plain: Vec<ContentItem> = parse_list(br#"[{"id": 1, "title": "A"}]"#).expect("plain");
        let paged: Vec<ContentItem> =
            parse_list(br#"{"count": 1, "results": [{"id": 1, "title": "A"}]}"#).expect("paged");
        assert_eq!(plain, paged);
        assert!(parse_list::<ContentItem>(br#"{"detail": "x"}"#).is_none());
    }

    #[test]
    fn lists_come_enveloped_too_and_every_item_must_read() {
        let enveloped: Vec<ContentItem> =
            parse_list(br#"{"success": true, "data": {"results": [{"id": "a", "title": "A"}]}}"#).expect("enveloped");
        assert_eq!(enveloped[0].id, "a");
        let bare: Vec<ContentItem> = parse_list(br#"{"success": true, "data": []}"#).expect("empty");
        assert!(bare.is_empty());
        assert!(parse_list::<ContentItem>(br#"[{"id": 1, "title": "A"}, {"id": 2}]"#).is_none());
        assert!(parse_list::<ContentItem>(br#"{"results": {"id": 1, "title": "A"}}"#).is_none());
        assert!(parse_list::<ContentItem>(br#"{"results": null}"#).is_none());
        assert!(parse_list::<ContentItem>(b"not json").is_none());
    }

    #[test]
    fn a_user_key_that_is_not_a_user_is_not_read_as_the_user() {
        assert!(parse_user(br#"{"user": null, "id": 1, "email": "a@b.c"}"#).is_none());
        assert!(parse_user(br#"{"user": "x"}"#).is_none());
        assert!(parse_user(br#"{"success": true, "data": null}"#).is_none());
        assert!(parse_user(br#"{"success": false, "data": {"id": 1, "email": "a@b.c"}}"#).is_none());
    }

    #[test]
    fn a_wrongly_typed_refresh_token_or_user_spoils_the_tokens() {
        assert!(parse_tokens(br#"{"access": "a", "refresh": 5}"#).is_none());
        assert!(parse_tokens(br#"{"access": "a", "user": {"id": "1", "email": "a@b.c"}}"#).is_none());
        assert!(parse_tokens(br#"{"access": 1}"#).is_none());
        let tokens =
            parse_tokens(br#"{"access": "a", "refresh": null, "user": {"id": 1, "email": "a@b.c"}}"#).expect("tokens");
        assert_eq!(tokens.user.map(|user| user.id), Some(1));
    }
}
