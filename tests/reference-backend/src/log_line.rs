//! The `[AUTO-LOGOUT]` line of CONTRACT section 8, as a pure function so its exact form is
//! testable without capturing stderr.

use chrono::{DateTime, Utc};

/// ISO 8601 UTC with milliseconds and `Z`, as in the contract's timestamps.
pub fn iso_millis(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Formats one auto-logout line:
/// `[YYYY-MM-DD HH:MM:SS] [WARNING] [auth.middleware] [AUTO-LOGOUT] CODE: Message. K=V, ..., Timestamp=ISO`.
///
/// `fields` are written in the given order (the middleware passes e.g. `Session`, `Current`,
/// `User`, `Path`, `IP`); `Timestamp` is always last and is the same instant as the prefix.
pub fn format_auto_logout(at: DateTime<Utc>, code: &str, message: &str, fields: &[(&str, String)]) -> String {
    let mut line = format!(
        "[{}] [WARNING] [auth.middleware] [AUTO-LOGOUT] {code}: {message}.",
        at.format("%Y-%m-%d %H:%M:%S")
    );
    for (key, value) in fields {
        line.push(' ');
        line.push_str(key);
        line.push('=');
        line.push_str(value);
        line.push(',');
    }
    line.push_str(" Timestamp=");
    line.push_str(&iso_millis(at));
    line
}

/// Ends `line` with `, RequestID=<id>` (CONTRACT section 10): after `Timestamp`, so that the
/// seed's form of the line is unchanged up to there.
pub fn append_request_id(line: &mut String, request_id: &crate::request_id::RequestId) {
    line.push_str(", RequestID=");
    line.push_str(request_id.as_str());
}

/// How an optional id is printed: Python's `None`, as the Django original would.
pub fn id_or_none(id: Option<i64>) -> String {
    id.map_or_else(|| "None".to_string(), |id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn matches_the_contract_example() {
        let at = Utc.with_ymd_and_hms(2025, 12, 15, 10, 30, 45).unwrap() + chrono::Duration::milliseconds(123);
        let line = format_auto_logout(
            at,
            "SESSION_ACCOUNT_MISMATCH",
            "Session contamination: account ID mismatch",
            &[
                ("Session", "123".into()),
                ("Current", "456".into()),
                ("User", "789".into()),
                ("Path", "/dashboard".into()),
                ("IP", "192.168.1.1".into()),
            ],
        );
        assert_eq!(
            line,
            "[2025-12-15 10:30:45] [WARNING] [auth.middleware] [AUTO-LOGOUT] SESSION_ACCOUNT_MISMATCH: \
             Session contamination: account ID mismatch. Session=123, Current=456, User=789, \
             Path=/dashboard, IP=192.168.1.1, Timestamp=2025-12-15T10:30:45.123Z"
        );
    }

    #[test]
    fn request_id_goes_last() {
        let at = Utc.with_ymd_and_hms(2025, 12, 15, 10, 30, 45).unwrap();
        let mut line = format_auto_logout(at, "USER_INACTIVE", "User account is inactive", &[("User", "7".into())]);
        let id = crate::request_id::RequestId::parse("0123456789abcdef0123456789abcdef").unwrap();
        append_request_id(&mut line, &id);
        assert!(
            line.ends_with(
                "User account is inactive. User=7, Timestamp=2025-12-15T10:30:45.000Z, RequestID=0123456789abcdef0123456789abcdef"
            ),
            "{line}"
        );
    }

    #[test]
    fn none_for_missing_ids() {
        assert_eq!(id_or_none(None), "None");
        assert_eq!(id_or_none(Some(7)), "7");
    }
}
