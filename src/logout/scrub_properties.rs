//! Properties of the whole scrubber (proptest, a native dev-dependency: the wasm32 build of
//! the tests has none): no held token, no JWT and none of the contract's listed secrets
//! survives, the caps hold, scrubbing twice changes nothing more.

use serde_json::{Map, Value};

use super::scrub::{cap, *};
use super::{LogoutCode, LogoutDraft, LogoutReason};
use proptest::prelude::*;

/// Every key and string anywhere in a value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(map) => {
            for (key, item) in map {
                out.push(key.clone());
                strings(item, out);
            }
        }
        _ => {}
    }
}

/// An independent check: `eyJ`, base64url, `.`, base64url, `.`.
fn has_jwt_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|start| {
        if !bytes[start..].starts_with(b"eyJ") {
            return false;
        }
        let mut i = start + 3;
        for _ in 0..2 {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'_') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] != b'.' {
                return false;
            }
            i += 1;
        }
        true
    })
}

fn jwt() -> impl Strategy<Value = String> {
    ("[A-Za-z0-9_-]{0,12}", "[A-Za-z0-9_-]{0,12}", "[A-Za-z0-9_-]{0,12}")
        .prop_map(|(a, b, c)| format!("eyJ{a}.{b}.{c}"))
}

fn held_token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.-]{16,40}"
}

/// Text mixing ordinary characters, held tokens and JWTs.
fn text(held: Vec<String>) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => ".{0,12}",
        1 => proptest::sample::select(held),
        1 => jwt(),
        1 => Just(" Bearer ".to_owned()),
        1 => Just("token=".to_owned()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

fn value(held: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        text(held.clone()).prop_map(Value::String),
        "[a-z]{1,3}".prop_map(|s| Value::String(s.repeat(400))),
    ];
    leaf.prop_recursive(3, 40, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((text(held.clone()), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn context() -> impl Strategy<Value = (Vec<String>, Map<String, Value>)> {
    proptest::collection::vec(held_token(), 1..3).prop_flat_map(|held| {
        let entries = proptest::collection::vec((text(held.clone()), value(held.clone())), 0..30);
        (Just(held), entries.prop_map(|entries| entries.into_iter().collect()))
    })
}

/// A secret of one of the contract's kinds, and the value that must not survive it.
fn secret() -> impl Strategy<Value = (String, String)> {
    let value = "[A-Za-z0-9]{10,20}".prop_map(|v| format!("Q7{v}"));
    let planted = value.prop_flat_map(|v| {
        let in_context = [
            format!("password={v}"),
            format!("?next=/x&token={v}&page=2"),
            format!("api_key={v}"),
            format!("session={v}"),
            format!("secret: {v}"),
            format!("session: {v}"),
            format!("\"password\": \"{v}\""),
            format!("Bearer {v}"),
            format!("Token {v}"),
            format!("Authorization: Basic {v}"),
            format!("https://admin:{v}@db.internal/x"),
            format!("https://{v}@github.com/o/r"),
            format!("Cookie: theme=dark; PHPSESSID={v}; lang=en"),
            format!("connect.sid={v}"),
            format!("JSESSIONID={v}"),
            format!("sid={v}"),
            format!("sessionid={v}"),
            format!("sk_live_{v}"),
            format!("ghp_{v}{v}"),
        ];
        proptest::sample::select(in_context.to_vec()).prop_map(move |text| (text, v.clone()))
    });
    let aws = "[A-Z0-9]{16}".prop_map(|id| (format!("AKIA{id}"), format!("AKIA{id}")));
    prop_oneof![4 => planted, 1 => aws]
}

/// Text of ordinary pieces and secrets, each secret set apart as a word; what must not survive.
fn text_with_secrets() -> impl Strategy<Value = (String, Vec<String>)> {
    let piece = prop_oneof![
        3 => ".{0,12}".prop_map(|text| (text, None)),
        1 => "[a-z]{1,3}".prop_map(|unit| (unit.repeat(700), None)),
        1 => jwt().prop_map(|jwt| (jwt.clone(), Some(jwt))),
        3 => secret().prop_map(|(text, value)| (text, Some(value))),
    ];
    let separator = proptest::sample::select(vec![" ", "; ", "\n", "&", ", "]);
    proptest::collection::vec((piece, separator), 0..12).prop_map(|pieces| {
        let mut text = String::new();
        let mut secrets = Vec::new();
        for ((piece, secret), separator) in pieces {
            text.push_str(separator);
            text.push_str(&piece);
            text.push_str(separator);
            secrets.extend(secret);
        }
        (text, secrets)
    })
}

/// What must hold of every string a reason keeps: none of `secrets`, no JWT, and the cap.
fn assert_clean<S: AsRef<str>>(reason: &LogoutReason, secrets: &[S]) -> Result<(), TestCaseError> {
    for text in &reason_strings(reason) {
        for secret in secrets {
            let secret = secret.as_ref();
            prop_assert!(!text.contains(secret), "{:?} survived in {:?}", secret, text);
        }
        prop_assert!(!has_jwt_shape(text), "a JWT survived in {:?}", text);
        prop_assert!(text.chars().count() <= MAX_STRING_CHARS);
    }
    Ok(())
}

fn reason_strings(reason: &LogoutReason) -> Vec<String> {
    let mut all = vec![
        reason.code.as_str().to_owned(),
        reason.message.clone(),
        reason.path.clone(),
    ];
    strings(&Value::Object(reason.context.clone()), &mut all);
    all
}

proptest! {
    #[test]
    fn no_held_token_and_no_jwt_survives_and_the_cap_holds((held, context) in context(), message in ".{0,40}") {
        let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
        let mut draft = LogoutDraft::new(LogoutCode::Other("ODD".into()), context);
        draft.message = format!("{message} {}", held[0]);
        let page = format!("/dashboard?ref={}", held[0]);
        let reason = LogoutReason::from_draft(draft, &page, None, chrono::Utc::now(), &held_refs);
        let size = reason.to_json().len();
        prop_assert!(size <= MAX_REASON_BYTES, "size {}", size);
        assert_clean(&reason, &held)?;
    }

    #[test]
    fn no_listed_secret_survives_anywhere_in_the_reason(
        (message, in_message) in text_with_secrets(),
        (page, in_page) in text_with_secrets(),
        (detail, in_detail) in text_with_secrets(),
        (key, in_key) in text_with_secrets(),
    ) {
        let mut context = Map::new();
        context.insert("detail".into(), Value::String(detail.clone()));
        context.insert("nested".into(), serde_json::json!({"list": [detail]}));
        context.insert(key, Value::from(1));
        let mut draft = LogoutDraft::new(LogoutCode::from(message.as_str()), context);
        draft.message = message;
        let reason = LogoutReason::from_draft(draft, &format!("/{page}"), None, chrono::Utc::now(), &[]);
        prop_assert!(reason.to_json().len() <= MAX_REASON_BYTES);
        let secrets: Vec<&String> = in_message.iter().chain(&in_page).chain(&in_detail).chain(&in_key).collect();
        assert_clean(&reason, &secrets)?;
    }

    #[test]
    fn scrubbing_twice_changes_nothing_more((held, context) in context()) {
        let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
        let once = scrub_context_with(context, &held_refs);
        let twice = scrub_context_with(once.clone(), &held_refs);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn scrubbing_a_text_twice_changes_nothing_more((text, _) in text_with_secrets(), held in held_token()) {
        let text = format!("{text} {held}");
        let once = scrub_text(&text, &[&held]);
        prop_assert_eq!(scrub_text(&once, &[&held]), once.clone(), "from {:?}", text);
    }

    #[test]
    fn the_entries_kept_are_those_a_sort_by_size_would_keep(
        sizes in proptest::collection::vec(0usize..40, 0..30),
        budget in 0usize..300,
    ) {
        let mut map = Map::new();
        for (index, size) in sizes.iter().enumerate() {
            map.insert(format!("k{index:02}"), Value::from(*size));
        }
        let size_of = |_: &str, value: &Value| value.as_u64().unwrap_or_default() as usize;
        let (kept, dropped) = cap::keep_smallest(map.clone(), budget, size_of);
        // The reference: sorted by (size, key), kept while the running sum fits.
        let mut order: Vec<(usize, &String)> = map.iter().map(|(key, value)| (size_of(key, value), key)).collect();
        order.sort();
        let mut left = budget;
        let mut expected = Map::new();
        for (size, key) in order {
            if size > left {
                break;
            }
            left -= size;
            expected.insert(key.clone(), Value::from(size));
        }
        prop_assert_eq!(dropped, expected.len() < map.len());
        prop_assert_eq!(kept, expected);
    }

    #[test]
    fn any_text_is_scrubbed_without_panicking(text in "\\PC{0,200}", held in held_token()) {
        let out = scrub_text(&format!("{text}{held}{text}"), &[&held]);
        prop_assert!(!out.contains(&held));
    }
}
