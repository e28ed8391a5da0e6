//! "A logout that keeps happening" (CONTRACT section 10). The last ten logouts are kept
//! under localStorage `logout_history`; when the same automatic code ends a session within
//! two minutes of signing in, for the third time in a row within thirty minutes, the
//! Session Ended box says it `keeps happening`, opens its details and offers support.
//!
//! Each entry carries, besides the contract's `code`, `timestamp` and `path`, the moment
//! the ended session was signed in (`signed_in_at`, the same ISO format, or absent when
//! unknown). Stored per entry rather than once, so that every entry answers "was this a
//! quick logout?" by itself and a history read back later needs nothing else. The glue
//! records the sign-in time when a sign-in succeeds (alongside the tokens) and passes it in
//! with the logout. A manual sign out is not recorded: the session's end removes the whole
//! history then (the `ResetHistory` step of `session::plan`), which is how Sign out starts
//! the count again. A `MANUAL_LOGOUT` entry in a stored history (written by an older build,
//! or by hand) never counts and ends any row.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value};

use super::code::LogoutCode;

/// The localStorage key.
pub const HISTORY_KEY: &str = "logout_history";
/// Entries kept, newest last.
pub const HISTORY_LEN: usize = 10;
/// A logout this soon after signing in is a quick one.
pub const QUICK_SECONDS: i64 = 2 * 60;
/// A row counts only logouts this close to the newest one.
pub const ROW_SECONDS: i64 = 30 * 60;
/// From this many quick logouts in a row, it keeps happening.
pub const KEEPS_HAPPENING_FROM: u32 = 3;
/// The key of the reported event's context that carries the row's length.
pub const REPEAT_KEY: &str = "repeat";

/// One logout as remembered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub code: String,
    /// When the session ended, ISO 8601 UTC (`2025-12-15T10:30:45.123Z`).
    pub timestamp: String,
    /// The page in the reason.
    pub path: String,
    /// When the session that ended was signed in, when known.
    pub signed_in_at: Option<String>,
}

impl HistoryEntry {
    pub fn new(code: &str, timestamp: &str, path: &str, signed_in_at: Option<&str>) -> Self {
        Self {
            code: code.to_owned(),
            timestamp: timestamp.to_owned(),
            path: path.to_owned(),
            signed_in_at: signed_in_at.map(str::to_owned),
        }
    }

    /// Whether this logout ended an automatic session within two minutes of its sign-in.
    fn is_quick_automatic(&self) -> bool {
        if !LogoutCode::from(self.code.as_str()).is_automatic() {
            return false;
        }
        let (Some(ended), Some(signed_in)) = (
            parse_time(&self.timestamp),
            self.signed_in_at.as_deref().and_then(parse_time),
        ) else {
            return false;
        };
        let lasted = ended - signed_in;
        lasted >= Duration::zero() && lasted <= Duration::seconds(QUICK_SECONDS)
    }

    fn to_value(&self) -> Value {
        let mut fields = Map::new();
        fields.insert("code".into(), Value::String(self.code.clone()));
        fields.insert("timestamp".into(), Value::String(self.timestamp.clone()));
        fields.insert("path".into(), Value::String(self.path.clone()));
        if let Some(signed_in_at) = &self.signed_in_at {
            fields.insert("signed_in_at".into(), Value::String(signed_in_at.clone()));
        }
        Value::Object(fields)
    }

    fn from_value(value: &Value) -> Option<Self> {
        let fields = value.as_object()?;
        let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            code: text("code")?,
            timestamp: text("timestamp")?,
            path: text("path")?,
            signed_in_at: text("signed_in_at"),
        })
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// The remembered logouts, oldest first, at most [`HISTORY_LEN`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogoutHistory {
    entries: Vec<HistoryEntry>,
}

impl LogoutHistory {
    /// Reads the stored history. Never fails: anything that is not a list is an empty
    /// history, and list items that are not entries are skipped.
    pub fn from_json(text: &str) -> Self {
        let Ok(Value::Array(items)) = serde_json::from_slice::<Value>(text.as_bytes()) else {
            return Self::default();
        };
        let mut history = Self::default();
        for entry in items.iter().filter_map(HistoryEntry::from_value) {
            history.push(entry);
        }
        history
    }

    pub fn to_json(&self) -> String {
        let items = self.entries.iter().map(HistoryEntry::to_value).collect();
        serde_json::to_string(&Value::Array(items)).unwrap_or_else(|_| "[]".to_owned())
    }

    pub fn entries(&self) -> &[HistoryEntry] {
        &self.entries
    }

    /// Adds the newest logout, forgetting the oldest beyond [`HISTORY_LEN`].
    pub fn push(&mut self, entry: HistoryEntry) {
        self.entries.push(entry);
        if self.entries.len() > HISTORY_LEN {
            let extra = self.entries.len() - HISTORY_LEN;
            self.entries.drain(..extra);
        }
    }

    /// Adds the newest logout and answers its [`repeat_count`].
    pub fn record(&mut self, entry: HistoryEntry) -> u32 {
        self.push(entry);
        repeat_count(&self.entries)
    }

    /// The newest entry's [`repeat_count`].
    pub fn repeat_count(&self) -> u32 {
        repeat_count(&self.entries)
    }
}

/// How many quick logouts with the newest entry's code end the history in a row, all
/// within thirty minutes of the newest; the newest included. 0 when the newest is manual
/// or was not quick. Any other entry in between (a different code, a manual sign out, a
/// session that lasted longer than two minutes) ends the row. `N >= 3`: it keeps happening.
pub fn repeat_count(entries: &[HistoryEntry]) -> u32 {
    let Some(newest) = entries.last() else { return 0 };
    let Some(newest_time) = parse_time(&newest.timestamp) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.iter().rev() {
        let in_window = parse_time(&entry.timestamp)
            .is_some_and(|time| time <= newest_time && newest_time - time <= Duration::seconds(ROW_SECONDS));
        if entry.code != newest.code || !in_window || !entry.is_quick_automatic() {
            break;
        }
        count += 1;
    }
    count
}

/// Whether a row this long means the logout keeps happening.
pub fn keeps_happening(repeat: u32) -> bool {
    repeat >= KEEPS_HAPPENING_FROM
}

/// The line the Session Ended box adds when the logout keeps happening: it contains the
/// words `keeps happening` and says what to do about this code.
pub fn keeps_happening_advice(code: &LogoutCode) -> &'static str {
    match code {
        LogoutCode::SessionAccountMismatch | LogoutCode::SessionUserMismatch => {
            "This keeps happening: your browser seems to hold another account's session. Sign out everywhere, clear this site's data (or sign in from a fresh private window), then sign in again; if it goes on, contact support."
        }
        LogoutCode::PlanInactive => {
            "This keeps happening because your subscription plan is inactive: please pay the open invoice or update your billing details."
        }
        LogoutCode::PlanMissing | LogoutCode::PlanRequired => {
            "This keeps happening because your account has no subscription plan: please choose a plan or update your billing details."
        }
        LogoutCode::AccountSuspended => {
            "This keeps happening because your account is suspended: please settle your billing or contact support to restore it."
        }
        LogoutCode::AccountCancelled | LogoutCode::AccountMissing | LogoutCode::AccountRequired => {
            "This keeps happening because of how your account is set up: please contact support."
        }
        LogoutCode::UserInactive => {
            "This keeps happening because your user is inactive: please ask your administrator or contact support."
        }
        LogoutCode::TokenRefreshFailed | LogoutCode::NoRefreshToken | LogoutCode::AuthCredentialsMissing => {
            "This keeps happening right after signing in: check that cookies and site data are allowed for this site, close other tabs of it, sign in again; if it goes on, contact support."
        }
        LogoutCode::IdleTimeout | LogoutCode::SessionLifetimeEnded => {
            "This keeps happening right after signing in: the session's time limits seem set very short, or this computer's clock is far off; please contact support."
        }
        LogoutCode::ManualLogout | LogoutCode::Other(_) => {
            "This keeps happening right after signing in: please contact support and mention the technical details below."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry ending `lasted_s` seconds after a sign-in at `minute` past 10:00.
    fn entry(code: &str, minute: u32, lasted_s: u32) -> HistoryEntry {
        let signed_in = format!("2025-12-15T10:{minute:02}:00.000Z");
        let ended = format!("2025-12-15T10:{:02}:{:02}.000Z", minute + lasted_s / 60, lasted_s % 60);
        HistoryEntry::new(code, &ended, "/dashboard", Some(&signed_in))
    }

    fn count(entries: &[HistoryEntry]) -> u32 {
        let mut history = LogoutHistory::default();
        entries.iter().map(|e| history.record(e.clone())).last().unwrap_or(0)
    }

    #[test]
    fn two_quick_logouts_are_no_line_and_the_third_is() {
        let one = entry("PLAN_INACTIVE", 0, 10);
        let two = entry("PLAN_INACTIVE", 5, 30);
        let three = entry("PLAN_INACTIVE", 10, 119);
        assert_eq!(count(std::slice::from_ref(&one)), 1);
        assert_eq!(count(&[one.clone(), two.clone()]), 2);
        assert!(!keeps_happening(2));
        assert_eq!(count(&[one.clone(), two.clone(), three.clone()]), 3);
        assert!(keeps_happening(3));
        assert_eq!(count(&[one, two, three, entry("PLAN_INACTIVE", 12, 5)]), 4);
    }

    #[test]
    fn a_slow_logout_breaks_the_row() {
        let slow = entry("PLAN_INACTIVE", 5, 121);
        assert_eq!(
            count(&[entry("PLAN_INACTIVE", 0, 10), slow.clone()]),
            0,
            "the newest was not quick"
        );
        assert_eq!(
            count(&[
                entry("PLAN_INACTIVE", 0, 10),
                slow,
                entry("PLAN_INACTIVE", 10, 10),
                entry("PLAN_INACTIVE", 12, 10)
            ]),
            2
        );
    }

    #[test]
    fn logouts_older_than_thirty_minutes_do_not_count() {
        let old = entry("PLAN_INACTIVE", 0, 10);
        assert_eq!(
            count(&[
                old.clone(),
                entry("PLAN_INACTIVE", 20, 10),
                entry("PLAN_INACTIVE", 31, 10)
            ]),
            2
        );
        assert_eq!(
            count(&[old, entry("PLAN_INACTIVE", 20, 10), entry("PLAN_INACTIVE", 29, 10)]),
            3
        );
    }

    #[test]
    fn a_different_code_breaks_the_row() {
        let entries = [
            entry("PLAN_INACTIVE", 0, 10),
            entry("TOKEN_REFRESH_FAILED", 2, 10),
            entry("PLAN_INACTIVE", 4, 10),
        ];
        assert_eq!(count(&entries), 1);
    }

    #[test]
    fn a_stored_manual_logout_entry_never_counts_and_ends_the_row() {
        // The app removes the history on Sign out rather than recording it; a stored history
        // may still hold such an entry, and reads the same either way.
        let entries = [
            entry("PLAN_INACTIVE", 0, 10),
            entry("PLAN_INACTIVE", 2, 10),
            entry("MANUAL_LOGOUT", 4, 10),
            entry("PLAN_INACTIVE", 6, 10),
        ];
        assert_eq!(count(&entries), 1);
        assert_eq!(count(&entries[..3]), 0, "a manual logout never counts itself");
    }

    #[test]
    fn an_unknown_sign_in_time_is_not_quick() {
        let mut unknown = entry("PLAN_INACTIVE", 4, 10);
        unknown.signed_in_at = None;
        assert_eq!(
            count(&[entry("PLAN_INACTIVE", 0, 10), entry("PLAN_INACTIVE", 2, 10), unknown]),
            0
        );
    }

    #[test]
    fn the_history_keeps_the_last_ten_and_round_trips() {
        let mut history = LogoutHistory::default();
        for minute in 0..15 {
            history.push(entry("PLAN_INACTIVE", minute, 10));
        }
        assert_eq!(history.entries().len(), HISTORY_LEN);
        assert_eq!(history.entries()[0], entry("PLAN_INACTIVE", 5, 10));
        let read = LogoutHistory::from_json(&history.to_json());
        assert_eq!(read, history);
        assert_eq!(read.repeat_count(), 10);
    }

    #[test]
    fn the_stored_json_holds_the_contracts_fields() {
        let mut history = LogoutHistory::default();
        history.push(entry("SESSION_USER_MISMATCH", 0, 61));
        let stored: Value = serde_json::from_str(&history.to_json()).unwrap_or_default();
        assert_eq!(
            stored,
            serde_json::json!([{"code": "SESSION_USER_MISMATCH", "timestamp": "2025-12-15T10:01:01.000Z",
                "path": "/dashboard", "signed_in_at": "2025-12-15T10:00:00.000Z"}])
        );
    }

    #[test]
    fn corrupted_storage_is_an_empty_history_and_bad_items_are_skipped() {
        for corrupted in ["", "null", "{}", "not json", "[1, 2", "\"[]\"", "{\"code\": \"X\"}"] {
            assert_eq!(
                LogoutHistory::from_json(corrupted),
                LogoutHistory::default(),
                "{corrupted:?}"
            );
        }
        let mixed = r#"[1, null, {"code": 5}, {"code": "PLAN_INACTIVE", "timestamp": "bad", "path": "/"},
            {"code": "PLAN_INACTIVE", "timestamp": "2025-12-15T10:00:10.000Z", "path": "/", "extra": true}]"#;
        let history = LogoutHistory::from_json(mixed);
        assert_eq!(history.entries().len(), 2);
        assert_eq!(history.repeat_count(), 0, "no sign-in time: not a quick logout");
        let mut bad_time = LogoutHistory::default();
        assert_eq!(
            bad_time.record(HistoryEntry::new("PLAN_INACTIVE", "yesterday", "/", Some("today"))),
            0
        );
    }

    #[test]
    fn every_code_has_advice_that_says_it_keeps_happening() {
        for code in LogoutCode::KNOWN.into_iter().chain([LogoutCode::from("SOMETHING_NEW")]) {
            assert!(keeps_happening_advice(&code).contains("keeps happening"), "{code:?}");
        }
        assert!(keeps_happening_advice(&LogoutCode::PlanInactive).contains("billing"));
        assert!(keeps_happening_advice(&LogoutCode::PlanMissing).contains("billing"));
        assert!(keeps_happening_advice(&LogoutCode::AccountSuspended).contains("billing"));
        assert!(keeps_happening_advice(&LogoutCode::AccountCancelled).contains("contact support"));
        assert!(keeps_happening_advice(&LogoutCode::SessionAccountMismatch).contains("clear this site's data"));
        assert!(keeps_happening_advice(&LogoutCode::SessionUserMismatch).contains("contact support"));
    }

    // proptest is a native dev-dependency: the wasm32 build of these tests has none.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_stored_text_reads_without_panicking(text in "\\PC{0,300}") {
            let history = LogoutHistory::from_json(&text);
            proptest::prop_assert!(history.entries().len() <= HISTORY_LEN);
            let _ = history.repeat_count();
        }
    }
}
