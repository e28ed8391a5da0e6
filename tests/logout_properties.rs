//! Properties of the classifier over arbitrary responses.
#![cfg(not(target_arch = "wasm32"))]

use logout_tracker::testing::{
    classify, classify_refresh, Decision, Exchange, RefreshOutcome, RequestKind, StaleAccess,
};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = RequestKind> {
    prop_oneof![
        Just(RequestKind::Login),
        Just(RequestKind::Refresh),
        Just(RequestKind::Other)
    ]
}

/// Bodies that are sometimes bytes, sometimes JSON objects with the fields that matter.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("logout_reason"),
        Just("logout_message"),
        Just("detail"),
        Just("code"),
        Just("error"),
        Just("logout_context"),
        Just("logout_path")
    ];
    let value = prop_oneof![
        any::<String>().prop_map(serde_json::Value::String),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::json!({"user_id": 1})),
        Just(serde_json::Value::Null),
        Just(serde_json::json!("Authentication credentials were not provided.")),
        Just(serde_json::json!("token_not_valid")),
        Just(serde_json::json!("user_inactive")),
    ];
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        proptest::collection::btree_map(field, value, 0..5)
            .prop_map(|map| { serde_json::to_vec(&map).unwrap_or_default() }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_logs_out_only_on_401_or_403(
        kind in kind(), status in any::<u16>(), body in body(),
        sent_with_token: bool, token_replaced: bool, retried: bool, has_refresh_token: bool,
        www_authenticate in proptest::option::of(".{0,120}"), problem_json: bool,
    ) {
        let exchange = Exchange {
            kind, endpoint: "/api/v1/content/", status, body: &body,
            sent_with_token, token_replaced, retried, has_refresh_token,
            www_authenticate: www_authenticate.as_deref(), problem_json,
        };
        let decision = classify(&exchange);
        if matches!(decision, Decision::Logout(_) | Decision::RefreshThenRetry(_) | Decision::RetryWithCurrentToken) {
            prop_assert!(status == 401 || status == 403, "status {} gave {:?}", status, decision);
            prop_assert_eq!(kind, RequestKind::Other);
        }
        if retried {
            prop_assert!(!matches!(decision, Decision::RefreshThenRetry(_) | Decision::RetryWithCurrentToken));
        }
    }

    #[test]
    fn a_refresh_answer_never_panics_and_expires_only_on_400_401_403(
        status in any::<u16>(), body in body(),
    ) {
        let stale = StaleAccess { endpoint: "/x".into(), status: 401, detail: None, code: None, sent_with_token: true, renewed_early: false, described: Default::default() };
        let outcome = classify_refresh(status, &body, &stale);
        if matches!(outcome, RefreshOutcome::Expired(_)) {
            prop_assert!(matches!(status, 400 | 401 | 403));
        }
    }
}
