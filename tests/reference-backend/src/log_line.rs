//! The `[AUTO-LOGOUT]` line of CONTRACT section 8, as a pure function so its exact form is
//! testable without capturing stderr.
//!
//! Some values come from the request (the `Referer` becomes `Path`), so nothing interpolated
//! may end the line or fake a field: control characters (C0, DEL, C1, the Unicode line and
//! paragraph separators, bidi overrides) and the escape character itself are escaped
//! everywhere, and in field values also the line's field separators (`,` and whitespace
//! between fields, `=` between key and value). Escapes are `\\`, `\n`, `\r`, `\t`, `\xNN` (a code point up
//! to U+00FF) and `\u{NNNN}`; ordinary paths, ids and addresses are unchanged.

use std::borrow::Cow;
use std::fmt::Write as _;

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
        "{} [AUTO-LOGOUT] {}: {}.",
        prefix(at, "WARNING", "auth.middleware"),
        escape_text(code),
        escape_text(message)
    );
    for (key, value) in fields {
        line.push(' ');
        line.push_str(&escape_field_value(key));
        line.push('=');
        line.push_str(&escape_field_value(value));
        line.push(',');
    }
    line.push_str(" Timestamp=");
    line.push_str(&iso_millis(at));
    line
}

/// `[YYYY-MM-DD HH:MM:SS] [LEVEL] [logger]`: how every line this server logs begins.
pub fn prefix(at: DateTime<Utc>, level: &str, logger: &str) -> String {
    format!("[{}] [{level}] [{logger}]", at.format("%Y-%m-%d %H:%M:%S"))
}

/// Ends `line` with `, RequestID=<id>` (CONTRACT section 10): after `Timestamp`, so that the
/// seed's form of the line is unchanged up to there.
pub fn append_request_id(line: &mut String, request_id: &crate::request_id::RequestId) {
    line.push_str(", RequestID=");
    line.push_str(request_id.as_str());
}

/// Ends `line` with `, Mail=queued|throttled|off` (issue 24): whether the user is told by
/// mail, last so that the seed's form of the line is unchanged.
pub fn append_mail_status(line: &mut String, status: impl std::fmt::Display) {
    line.push_str(", Mail=");
    line.push_str(&status.to_string());
}

/// `text` with its control characters and backslashes escaped (the code and the message,
/// whose spaces and `:` are part of the line's form).
pub fn escape_text(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A field value with its control characters, backslashes and the line's field separators
/// escaped, so that it reads as one value whatever it holds.
pub fn escape_field_value(value: &str) -> Cow<'_, str> {
    escape(value, true)
}

fn escape(text: &str, separators: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) || (separators && is_separator(c));
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            push_escape(&mut escaped, c);
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// Characters that may end or reorder a line in a terminal or a log viewer, and the escape
/// character itself.
fn is_unsafe(c: char) -> bool {
    c == '\\'
        || c.is_control() // C0, DEL and C1
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What separates the fields (`, `), a key from its value (`=`), and any other whitespace.
fn is_separator(c: char) -> bool {
    c == ',' || c == '=' || c.is_whitespace()
}

fn push_escape(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if u32::from(c) <= 0xff => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        }
    }
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

    /// The keys of the line's fields, read back the way a log parser splits it.
    fn field_keys(line: &str) -> Vec<&str> {
        let fields = line.split_once("mismatch. ").expect("the message ends").1;
        fields
            .split(", ")
            .map(|field| field.split_once('=').expect("key=value").0)
            .collect()
    }

    fn line_with_path(path: &str) -> String {
        format_auto_logout(
            Utc.with_ymd_and_hms(2025, 12, 15, 10, 30, 45).unwrap(),
            "SESSION_USER_MISMATCH",
            "Session contamination: user ID mismatch",
            &[("User", "7".into()), ("Path", path.into()), ("IP", "10.0.0.1".into())],
        )
    }

    #[test]
    fn a_hostile_path_cannot_start_a_line_or_add_a_field() {
        for hostile in [
            "/x\r\n[2025-12-15 10:30:45] [WARNING] [auth.middleware] [AUTO-LOGOUT] FORGED: yes. User=1",
            "/x\nUser=1",
            "/x\rIP=6.6.6.6",
            "/x, User=1, IP=6.6.6.6",
            "/x,User=1",
            "/x User=1",
            "/x\tUser=1",
            "/x\u{85}User=1",           // C1 NEL
            "/x\u{2028}User=1",         // line separator
            "/x\u{b}\u{c}\u{1c}User=1", // vertical tab, form feed, file separator
            "/x\u{0}\u{7f}\u{9b}31m",   // NUL, DEL, C1 CSI
            "/x\u{1b}[2K\rUser=1",      // an ANSI erase-line
            "/x\u{202e}1=resU",         // a bidi override
        ] {
            let line = line_with_path(hostile);
            assert!(
                !line
                    .chars()
                    .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{202e}'),
                "{line:?}"
            );
            assert_eq!(field_keys(&line), ["User", "Path", "IP", "Timestamp"], "{line:?}");
            assert_eq!(line.matches("User=").count(), 1, "{line:?}");
        }
    }

    #[test]
    fn escapes_are_readable_and_unambiguous() {
        assert_eq!(escape_field_value("/a\r\nb"), "/a\\r\\nb");
        assert_eq!(escape_field_value("/a, B=c"), "/a\\x2c\\x20B\\x3dc");
        assert_eq!(
            escape_field_value("\u{0}\u{7f}\u{85}\u{9f}\t"),
            "\\x00\\x7f\\x85\\x9f\\t"
        );
        assert_eq!(
            escape_field_value("\u{2028}\u{2029}\u{202e}\u{a0}"),
            "\\u{2028}\\u{2029}\\u{202e}\\xa0"
        );
        // A backslash is escaped too, so "\\n" typed by a client is not a newline's escape.
        assert_eq!(escape_field_value("/a\\nb"), "/a\\\\nb");
        assert_ne!(escape_field_value("/a\\nb"), escape_field_value("/a\nb"));
        // The code and the message keep their spaces and colon; controls are still escaped.
        assert_eq!(escape_text("Session contamination: x"), "Session contamination: x");
        assert_eq!(escape_text("A\nB"), "A\\nB");
    }

    #[test]
    fn ordinary_values_are_unchanged() {
        for value in [
            "/dashboard",
            "/dashboard/content",
            "192.168.1.1",
            "::1",
            "None",
            "999",
            "/",
        ] {
            assert!(matches!(escape_field_value(value), Cow::Borrowed(_)), "{value}");
        }
        assert_eq!(escape_field_value("/café/ü"), "/café/ü");
        // A query's `=` is a key/value separator of the line: escaped, still readable.
        assert_eq!(escape_field_value("/content?page=2"), "/content?page\\x3d2");
    }

    #[test]
    fn none_for_missing_ids() {
        assert_eq!(id_or_none(None), "None");
        assert_eq!(id_or_none(Some(7)), "7");
    }
}
