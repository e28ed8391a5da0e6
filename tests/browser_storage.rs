//! The stored-reason store in a real browser: save, take-once, corrupted values, and the
//! exact JSON keys as JavaScript reads them.
#![cfg(target_arch = "wasm32")]

use logout_tracker::testing::SessionState;
use logout_tracker::testing::{peek_reason, LOGOUT_REASON_KEY};
use logout_tracker::testing::{LogoutCode, LogoutDraft, LogoutReason};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{read_item, write_item};

#[wasm_bindgen(inline_js = "let original = null;
export function block_storage() {
  original = Object.getOwnPropertyDescriptor(window, 'localStorage');
  Object.defineProperty(window, 'localStorage', { configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
}
export function unblock_storage() {
  if (original) { Object.defineProperty(window, 'localStorage', original); } else { delete window.localStorage; }
}")]
extern "C" {
    fn block_storage();
    fn unblock_storage();
}

fn reason() -> LogoutReason {
    let context = json!({"stored_account_id": 123, "current_account_id": 456, "user_id": 789});
    let draft = LogoutDraft::new(
        LogoutCode::SessionAccountMismatch,
        context.as_object().cloned().unwrap_or_default(),
    );
    LogoutReason::from_draft(draft, "/dashboard/content?tab=2", None, chrono::Utc::now(), &[])
}

#[wasm_bindgen_test]
fn saved_reason_has_exactly_the_contract_keys_for_javascript() {
    let session = SessionState::default();
    session.save_reason(&reason()).expect("saved");
    let stored = read_item(LOGOUT_REASON_KEY).expect("stored under logout_reason");
    let value: Value = serde_json::from_str(&stored).expect("JSON");
    let mut keys: Vec<&str> = value.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "context", "message", "path", "source", "timestamp"]);
    assert_eq!(value["code"], "SESSION_ACCOUNT_MISMATCH");
    assert_eq!(value["message"], "Session contamination: account ID mismatch");
    assert_eq!(value["path"], "/dashboard/content?tab=2");
    assert_eq!(value["source"], "backend_middleware");
    assert_eq!(value["context"]["current_account_id"], 456);
    let timestamp = value["timestamp"].as_str().expect("string");
    assert_eq!(timestamp.len(), "2025-12-15T10:30:45.123Z".len());
    assert!(
        timestamp.ends_with('Z') && timestamp.as_bytes()[19] == b'.',
        "{timestamp}"
    );
    session.take_reason();
}

#[wasm_bindgen_test]
fn take_returns_the_reason_once() {
    let session = SessionState::default();
    let saved = reason();
    session.save_reason(&saved).expect("saved");
    assert_eq!(peek_reason().as_ref(), Some(&saved));
    assert_eq!(session.take_reason(), Some(saved));
    assert_eq!(read_item(LOGOUT_REASON_KEY), None);
    assert_eq!(session.take_reason(), None);
}

#[wasm_bindgen_test]
fn a_reason_written_by_javascript_is_read() {
    let session = SessionState::default();
    write_item(
        LOGOUT_REASON_KEY,
        r#"{"code":"NO_REFRESH_TOKEN","message":"No refresh token available","path":"/dashboard","context":{},"timestamp":"2025-12-15T10:30:45.123Z","source":"missing_refresh_token"}"#,
    );
    assert_eq!(session.take_reason().map(|r| r.code), Some(LogoutCode::NoRefreshToken));
}

#[wasm_bindgen_test]
fn corrupted_or_foreign_values_give_nothing_and_are_removed() {
    let session = SessionState::default();
    for value in ["{not json", "\"a string\"", "{\"code\": \"X\"}", "[1,2]", ""] {
        write_item(LOGOUT_REASON_KEY, value);
        assert_eq!(session.take_reason(), None, "{value}");
        assert_eq!(read_item(LOGOUT_REASON_KEY), None, "{value} is removed");
    }
}

#[wasm_bindgen_test]
fn blocked_storage_gives_clear_errors_never_panics_and_keeps_the_reason_in_memory() {
    let session = SessionState::default();
    use logout_tracker::testing::TokenStore;
    block_storage();
    let reason = reason();
    let saved = session.save_reason(&reason);
    let taken = session.take_reason();
    let taken_again = session.take_reason();
    let tokens = TokenStore::restore();
    tokens.replace("access".into(), Some("refresh".into()));
    let kept_in_memory = (tokens.access(), tokens.refresh());
    unblock_storage();
    assert!(saved.is_err(), "saving reports the failure");
    assert_eq!(
        taken,
        Some(reason),
        "the reason is still there for this tab's sign-in page, from memory"
    );
    assert_eq!(taken_again, None, "and still shown once");
    assert_eq!(
        kept_in_memory,
        (Some("access".into()), Some("refresh".into())),
        "the session works for this page load"
    );
}

#[wasm_bindgen_test]
fn a_tab_whose_session_another_tab_ended_leaves_the_stored_reason_to_that_tab() {
    use logout_tracker::testing::ANOTHER_TAB_PREFIX;
    let session = SessionState::default();
    let own = reason();
    write_item(LOGOUT_REASON_KEY, &own.to_json());
    session.note_ended_elsewhere();
    assert_eq!(session.take_reason(), None, "the other tab's reason is not taken here");
    assert!(read_item(LOGOUT_REASON_KEY).is_some(), "and stays for that tab");
    session.receive_from_another_tab(own.clone());
    let shown = session.take_reason().expect("the announced reason");
    assert_eq!(shown.message, format!("{ANOTHER_TAB_PREFIX}{}", own.message));
    assert_eq!(session.take_reason(), None, "shown once");
    session.forget_ended_elsewhere();
    assert_eq!(session.take_reason(), Some(own), "a new session reads storage again");
}
