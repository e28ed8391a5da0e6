//! The console lines of CONTRACT section 6, for developers hunting a culprit.

use wasm_bindgen::JsValue;

use crate::logout::{LogoutCode, LogoutReason, LogoutSource};

/// The `<what>` of `🚨 LOGOUT TRIGGERED - <what>:`, which follows the source.
pub fn trigger_label(reason: &LogoutReason) -> &'static str {
    match (&reason.source, &reason.code) {
        (LogoutSource::TokenRefreshFailure, _) => "Token Refresh Failed",
        (LogoutSource::MissingRefreshToken, _) => "No Refresh Token",
        (LogoutSource::Api403AuthError, _) => "Authentication Credentials Missing",
        (LogoutSource::RefreshUserValidation, LogoutCode::PlanRequired) => "Plan Required",
        (LogoutSource::RefreshUserValidation, _) => "Account Required",
        (LogoutSource::IdleTimeout, _) => "Idle Timeout",
        (LogoutSource::SessionLifetime, _) => "Session Lifetime Ended",
        _ => "Backend Validation Failed",
    }
}

/// The reason as a JavaScript object, so that the console shows it expandable.
fn as_object(reason: &LogoutReason) -> JsValue {
    js_sys::JSON::parse(&reason.to_json()).unwrap_or_else(|_| JsValue::from_str(&reason.to_json()))
}

/// `🚨 LOGOUT TRIGGERED - <what>: {…}` for an automatic logout.
pub fn log_logout_triggered(reason: &LogoutReason) {
    let line = format!("🚨 LOGOUT TRIGGERED - {}:", trigger_label(reason));
    gloo_console::warn!(line, as_object(reason));
}

/// `🚪 LOGOUT - User Action: {…}` for a manual logout.
pub fn log_manual_logout(reason: &LogoutReason) {
    gloo_console::log!("🚪 LOGOUT - User Action:", as_object(reason));
}

/// The sign-in page's group, when it finds a reason.
pub fn log_reason_details(reason: &LogoutReason) {
    gloo_console::group!("🔍 LOGOUT REASON DETAILS");
    gloo_console::log!("Code:", reason.code.as_str());
    gloo_console::log!("Message:", reason.message.as_str());
    gloo_console::log!("Original Page:", reason.path.as_str());
    gloo_console::log!("Timestamp:", reason.timestamp.as_str());
    gloo_console::log!("Source:", reason.source.as_str());
    let context =
        js_sys::JSON::parse(&serde_json::to_string(&reason.context).unwrap_or_default()).unwrap_or(JsValue::NULL);
    gloo_console::log!("Context:", context);
    gloo_console::group_end!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logout::LogoutDraft;

    fn label(code: LogoutCode) -> &'static str {
        let reason = LogoutReason::from_draft(
            LogoutDraft::new(code, Default::default()),
            "/",
            None,
            chrono::Utc::now(),
            &[],
        );
        trigger_label(&reason)
    }

    #[test]
    fn each_source_has_its_label() {
        assert_eq!(label(LogoutCode::SessionAccountMismatch), "Backend Validation Failed");
        assert_eq!(label(LogoutCode::UserInactive), "Backend Validation Failed");
        assert_eq!(label(LogoutCode::Other("NEW".into())), "Backend Validation Failed");
        assert_eq!(label(LogoutCode::TokenRefreshFailed), "Token Refresh Failed");
        assert_eq!(label(LogoutCode::NoRefreshToken), "No Refresh Token");
        assert_eq!(
            label(LogoutCode::AuthCredentialsMissing),
            "Authentication Credentials Missing"
        );
        assert_eq!(label(LogoutCode::AccountRequired), "Account Required");
        assert_eq!(label(LogoutCode::PlanRequired), "Plan Required");
    }
}
