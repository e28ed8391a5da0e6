//! Reading `config.json` (pure). Missing keys keep their defaults and unknown keys are
//! ignored; a key of the wrong type makes the whole file malformed (the defaults are used,
//! with a warning naming the key); a value of the right type that cannot be used as it is
//! (an unknown credentials mode, a timeout out of range) is replaced, with a warning.

use serde_json::{Map, Value};

use super::{Config, Credentials, Endpoints, IDLE_TIMEOUT_RANGE_S, TIMEOUT_RANGE_MS, WARNING_RANGE_S};
use crate::json_fields::{string, typed_field, FieldError};
use crate::logout::path::safe_link;

/// The file as read: the configuration to use and what was wrong with it.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub config: Config,
    pub warnings: Vec<ConfigWarning>,
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be fetched, or answered with a non-2xx status.
    #[error("config.json could not be loaded ({0}); using the defaults")]
    Unavailable(String),
    /// The file is not JSON, or not an object.
    #[error("config.json is not a JSON object; using the defaults")]
    NotAnObject,
    /// A key holds the wrong type.
    #[error("config.json is malformed ({0}); using the defaults")]
    Malformed(#[from] FieldError),
}

/// Something in the file that was not used as written; the rest of the file stands.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ConfigWarning {
    #[error("config.json: `credentials` must be \"include\", \"same-origin\" or \"omit\"; using \"include\"")]
    UnknownCredentials,
    #[error("config.json: `request_timeout_ms` must be between 1000 and 120000; using {0}")]
    TimeoutOutOfRange(u32),
    /// A link that could lead off the app to somewhere unexpected: not shown.
    #[error("config.json: `{0}` must be a path inside the app or an http(s) URL; the link is not shown")]
    UnsafeLink(&'static str),
    #[error("config.json: `request_id_header` is not a header name; no request id goes to another origin")]
    InvalidHeaderName,
    /// A header the client sets itself, or that browsers refuse to let a page set.
    #[error("config.json: `request_id_header` names a header the client sets itself or browsers forbid; no request id goes to another origin")]
    ReservedHeaderName,
    /// An endpoint that is not a path on the API's origin (it could send the tokens elsewhere).
    #[error("config.json: `endpoints.{0}` must be a path on the API's origin (one leading /, no scheme, host, @, \\ or control character); using the default")]
    EndpointNotAPath(&'static str),
    #[error("config.json: `idle_timeout_s` must be null or a whole number of seconds from 60 to 86400; the idle timeout is off")]
    IdleTimeoutOutOfRange,
    #[error("config.json: `warning_s` must be a whole number of seconds from 20 to 600; using 60")]
    WarningOutOfRange,
    #[error("config.json: `reauth_in_place` must be true or false; using false")]
    ReauthInPlaceNotBool,
}

const A_STRING: &str = "a string";
const A_STRING_OR_NULL: &str = "a string or null";
const AN_OBJECT: &str = "an object";
const A_NUMBER: &str = "a number of milliseconds";

impl Config {
    pub fn parse(text: &str) -> Result<Parsed, ConfigError> {
        // from_slice, as everywhere: a second reader type (StrRead) would duplicate the parser.
        let value: Value = serde_json::from_slice(text.as_bytes()).map_err(|_| ConfigError::NotAnObject)?;
        let fields = value.as_object().ok_or(ConfigError::NotAnObject)?;
        let mut config = Config::default();
        let mut warnings = Vec::new();
        if let Some(base) = typed_field(fields, "api_base_url", A_STRING, string)? {
            config.api_base_url = base;
        }
        if let Some(mode) = typed_field(fields, "credentials", A_STRING, string)? {
            config.credentials = Credentials::from_name(&mode).unwrap_or_else(|| {
                warnings.push(ConfigWarning::UnknownCredentials);
                Credentials::Include
            });
        }
        if let Some(endpoints) = typed_field(fields, "endpoints", AN_OBJECT, Value::as_object)? {
            config.endpoints = read_endpoints(endpoints, &mut warnings)?;
        }
        for (key, slot) in [
            ("support_url", &mut config.support_url),
            ("billing_url", &mut config.billing_url),
        ] {
            let link = typed_field(fields, key, A_STRING_OR_NULL, optional_string)?.flatten();
            *slot = link.and_then(|link| match safe_link(link.trim()) {
                Some(safe) => Some(safe.to_owned()),
                None => {
                    warnings.push(ConfigWarning::UnsafeLink(key));
                    None
                }
            });
        }
        if let Some(name) = typed_field(fields, "request_id_header", A_STRING_OR_NULL, optional_string)?.flatten() {
            if !is_header_name(&name) {
                warnings.push(ConfigWarning::InvalidHeaderName);
            } else if is_reserved_header(&name) {
                warnings.push(ConfigWarning::ReservedHeaderName);
            } else {
                config.request_id_header = Some(name);
            }
        }
        if let Some(wanted) = typed_field(fields, "request_timeout_ms", A_NUMBER, Value::as_f64)? {
            config.request_timeout_ms = clamped_timeout(wanted, &mut warnings);
        }
        // The timing keys of CONTRACT 11: a wrong type is a warning like a wrong value, and
        // the default applies (the rest of the file stands).
        match fields.get("idle_timeout_s") {
            None | Some(Value::Null) => {}
            Some(value) => match whole_seconds(value, &IDLE_TIMEOUT_RANGE_S) {
                Some(seconds) => config.idle_timeout_s = Some(seconds),
                None => warnings.push(ConfigWarning::IdleTimeoutOutOfRange),
            },
        }
        match fields.get("reauth_in_place").map(Value::as_bool) {
            None => {}
            Some(Some(on)) => config.reauth_in_place = on,
            Some(None) => warnings.push(ConfigWarning::ReauthInPlaceNotBool),
        }
        if let Some(value) = fields.get("warning_s") {
            match whole_seconds(value, &WARNING_RANGE_S) {
                Some(seconds) => config.warning_s = seconds,
                None => warnings.push(ConfigWarning::WarningOutOfRange),
            }
        }
        Ok(Parsed { config, warnings })
    }
}

/// The `endpoints` object: each path optional, every one present a string; one that is not
/// a path on the API's origin keeps its default, with a warning.
fn read_endpoints(fields: &Map<String, Value>, warnings: &mut Vec<ConfigWarning>) -> Result<Endpoints, FieldError> {
    let mut endpoints = Endpoints::default();
    let slots = [
        ("login", &mut endpoints.login),
        ("refresh", &mut endpoints.refresh),
        ("me", &mut endpoints.me),
        ("logout", &mut endpoints.logout),
        ("content", &mut endpoints.content),
        ("logout_events", &mut endpoints.logout_events),
    ];
    for (key, slot) in slots {
        let path = typed_field(fields, key, A_STRING, string).map_err(|error| FieldError {
            key: format!("endpoints.{}", error.key),
            ..error
        })?;
        match path {
            Some(path) if is_endpoint_path(&path) => *slot = path,
            Some(_) => warnings.push(ConfigWarning::EndpointNotAPath(key)),
            None => {}
        }
    }
    Ok(endpoints)
}

/// CONTRACT section 1: one leading `/` (not `//`, which a browser reads as another host) and
/// no scheme, host, `@`, `\` or control character: the request stays on the API's origin.
fn is_endpoint_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains("://")
        && !path.chars().any(|c| c == '@' || c == '\\' || c.is_control())
}

/// Headers the client sets itself, and those the Fetch standard forbids a page to set.
const RESERVED_HEADERS: [&str; 23] = [
    "authorization",
    "content-type",
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

fn is_reserved_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    RESERVED_HEADERS.contains(&name.as_str())
        || name.starts_with("proxy-")
        || name.starts_with("sec-")
        || matches!(
            name.as_str(),
            "x-http-method" | "x-http-method-override" | "x-method-override"
        )
}

/// RFC 9110's `token`: what a header name may be made of.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn optional_string(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        other => string(other).map(Some),
    }
}

/// A whole number within `range`, as JSON may write it (`90`, `90.0`, `9e1`).
fn whole_seconds(value: &Value, range: &std::ops::RangeInclusive<u32>) -> Option<u32> {
    let seconds = value.as_f64()?;
    let (low, high) = (f64::from(*range.start()), f64::from(*range.end()));
    (seconds.fract() == 0.0 && (low..=high).contains(&seconds)).then_some(seconds as u32)
}

fn clamped_timeout(wanted: f64, warnings: &mut Vec<ConfigWarning>) -> u32 {
    let (low, high) = (*TIMEOUT_RANGE_MS.start(), *TIMEOUT_RANGE_MS.end());
    // Compared as floats: a huge or negative number must not wrap around as an integer.
    let used = if wanted < f64::from(low) {
        low
    } else if wanted > f64::from(high) {
        high
    } else {
        return wanted as u32;
    };
    warnings.push(ConfigWarning::TimeoutOutOfRange(used));
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn malformed(text: &str) -> String {
        match Config::parse(text) {
            Err(error @ ConfigError::Malformed(_)) => error.to_string(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_shipped_file_holds_the_defaults() {
        let shipped = include_str!("../../static/config.json");
        assert_eq!(
            Config::parse(shipped),
            Ok(Parsed {
                config: Config::default(),
                warnings: vec![]
            })
        );
    }

    #[test]
    fn missing_keys_take_the_defaults() {
        let config = Config::from_json(r#"{"api_base_url": "https://api.example.com/", "endpoints": {"me": "/me/"}}"#)
            .expect("valid");
        assert_eq!(config.endpoints.me, "/me/");
        assert_eq!(config.endpoints.login, "/api/v1/auth/login/");
        assert_eq!(config.credentials, Credentials::Include);
        assert_eq!(config.url("/me/"), "https://api.example.com/me/");
    }

    #[test]
    fn files_that_are_not_objects_are_errors_that_name_config_json() {
        for text in ["", "<html>", "[]", "null", "\"text\""] {
            let error = Config::parse(text).expect_err(text);
            assert_eq!(error, ConfigError::NotAnObject);
            assert!(error.to_string().contains("config.json"));
        }
    }

    #[test]
    fn every_key_is_read_and_unknown_keys_are_ignored() {
        let config = Config::from_json(
            r#"{"api_base_url": "https://api", "credentials": "omit", "support_url": "https://s",
                "billing_url": null, "request_timeout_ms": 2500, "theme": 3.5,
                "idle_timeout_s": 900, "warning_s": 45, "reauth_in_place": true,
                "endpoints": {"login": "/l/", "refresh": "/r/", "me": "/m/", "logout": "/o/",
                              "content": "/c/", "logout_events": "/e/", "extra": 1}}"#,
        )
        .expect("valid");
        let endpoints = Endpoints {
            login: "/l/".into(),
            refresh: "/r/".into(),
            me: "/m/".into(),
            logout: "/o/".into(),
            content: "/c/".into(),
            logout_events: "/e/".into(),
        };
        assert_eq!(
            config,
            Config {
                api_base_url: "https://api".into(),
                credentials: Credentials::Omit,
                endpoints,
                support_url: Some("https://s".into()),
                billing_url: None,
                request_timeout_ms: 2500,
                idle_timeout_s: Some(900),
                warning_s: 45,
                reauth_in_place: true,
                request_id_header: None,
            }
        );
        assert_eq!(
            Config::from_json(r#"{"credentials": "same-origin"}"#).map(|c| c.credentials),
            Ok(Credentials::SameOrigin)
        );
    }

    #[test]
    fn a_wrongly_typed_key_is_named_with_the_type_it_takes() {
        assert_eq!(
            malformed(r#"{"endpoints": 3}"#),
            "config.json is malformed (`endpoints` must be an object); using the defaults"
        );
        assert_eq!(
            malformed(r#"{"endpoints": []}"#),
            "config.json is malformed (`endpoints` must be an object); using the defaults"
        );
        assert_eq!(
            malformed(r#"{"endpoints": {"me": null}}"#),
            "config.json is malformed (`endpoints.me` must be a string); using the defaults"
        );
        assert!(malformed(r#"{"api_base_url": true}"#).contains("`api_base_url` must be a string"));
        assert!(malformed(r#"{"credentials": {}}"#).contains("`credentials` must be a string"));
        assert!(malformed(r#"{"support_url": 1}"#).contains("`support_url` must be a string or null"));
        assert!(malformed(r#"{"billing_url": []}"#).contains("`billing_url` must be a string or null"));
        assert!(malformed(r#"{"request_timeout_ms": "9"}"#)
            .contains("`request_timeout_ms` must be a number of milliseconds"));
    }

    #[test]
    fn links_that_could_leave_the_app_are_dropped_with_a_warning() {
        for link in [
            "/\\evil.com",
            "/\t/evil.com",
            "//evil.com",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.com",
        ] {
            let text = serde_json::json!({"support_url": link, "billing_url": link}).to_string();
            let parsed = Config::parse(&text).expect("usable");
            assert_eq!(
                (parsed.config.support_url, parsed.config.billing_url),
                (None, None),
                "{link:?}"
            );
            assert_eq!(
                parsed.warnings,
                vec![
                    ConfigWarning::UnsafeLink("support_url"),
                    ConfigWarning::UnsafeLink("billing_url")
                ],
                "{link:?}"
            );
            assert!(parsed.warnings[0].to_string().starts_with("config.json"));
        }
        for link in [
            "/help",
            "https://support.example.com/new?x=1",
            "http://127.0.0.1:8000/pay",
        ] {
            let text = serde_json::json!({"support_url": link}).to_string();
            assert_eq!(
                Config::from_json(&text).map(|c| c.support_url),
                Ok(Some(link.to_owned())),
                "{link}"
            );
        }
    }

    #[test]
    fn a_request_id_header_must_be_a_header_name() {
        let read = |text: &str| Config::parse(text).map(|p| (p.config.request_id_header, p.warnings));
        assert_eq!(
            read(r#"{"request_id_header": "X-Request-ID"}"#),
            Ok((Some("X-Request-ID".into()), vec![]))
        );
        assert_eq!(read(r#"{"request_id_header": null}"#), Ok((None, vec![])));
        assert_eq!(
            read(r#"{"request_id_header": "X Request"}"#),
            Ok((None, vec![ConfigWarning::InvalidHeaderName]))
        );
        assert_eq!(
            read(r#"{"request_id_header": "X-Id\n"}"#),
            Ok((None, vec![ConfigWarning::InvalidHeaderName]))
        );
    }

    #[test]
    fn a_request_id_header_may_not_be_one_the_client_sets_or_browsers_forbid() {
        for name in [
            "Authorization",
            "content-type",
            "Cookie",
            "Host",
            "Origin",
            "Proxy-Foo",
            "Sec-Fetch-Mode",
            "X-HTTP-Method-Override",
        ] {
            let parsed = Config::parse(&format!(r#"{{"request_id_header": "{name}"}}"#)).expect("usable");
            assert_eq!(parsed.config.request_id_header, None, "{name}");
            assert_eq!(parsed.warnings, vec![ConfigWarning::ReservedHeaderName], "{name}");
        }
        let parsed = Config::parse(r#"{"request_id_header": "X-Correlation-ID"}"#).expect("usable");
        assert_eq!(parsed.config.request_id_header.as_deref(), Some("X-Correlation-ID"));
    }

    #[test]
    fn an_endpoint_must_be_a_path_on_the_apis_origin() {
        let defaults = Endpoints::default();
        for bad in [
            "//evil.example/x",
            "@evil.example/x",
            "https://evil.example/x",
            "api/v1/me/",
            "/a\\b",
            "/a\nb",
            "/me@evil",
            "",
        ] {
            let text = serde_json::json!({"endpoints": {"me": bad, "content": "/api/v2/content/"}}).to_string();
            let parsed = Config::parse(&text).expect("usable");
            assert_eq!(parsed.config.endpoints.me, defaults.me, "{bad:?}");
            assert_eq!(
                parsed.config.endpoints.content, "/api/v2/content/",
                "{bad:?}: the rest stands"
            );
            assert_eq!(parsed.warnings, vec![ConfigWarning::EndpointNotAPath("me")], "{bad:?}");
            assert!(parsed.warnings[0].to_string().contains("config.json: `endpoints.me`"));
        }
        let parsed = Config::parse(r#"{"endpoints": {"me": "/api/v1/auth/me/?x=1"}}"#).expect("usable");
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn an_unknown_credentials_mode_is_a_warning_and_include() {
        let parsed = Config::parse(r#"{"credentials": "sometimes"}"#).expect("usable");
        assert_eq!(parsed.config.credentials, Credentials::Include);
        assert_eq!(parsed.warnings, vec![ConfigWarning::UnknownCredentials]);
        assert!(parsed.warnings[0].to_string().starts_with("config.json"));
    }

    #[test]
    fn the_idle_timeout_and_warning_are_read_within_their_ranges() {
        let read = |text: &str| {
            let parsed = Config::parse(text).expect("usable");
            (parsed.config.idle_timeout_s, parsed.config.warning_s, parsed.warnings)
        };
        assert_eq!(read("{}"), (None, 60, vec![]));
        assert_eq!(read(r#"{"idle_timeout_s": null}"#), (None, 60, vec![]));
        assert_eq!(
            read(r#"{"idle_timeout_s": 900, "warning_s": 30}"#),
            (Some(900), 30, vec![])
        );
        assert_eq!(
            read(r#"{"idle_timeout_s": 60, "warning_s": 20}"#),
            (Some(60), 20, vec![])
        );
        assert_eq!(
            read(r#"{"idle_timeout_s": 86400, "warning_s": 600}"#),
            (Some(86_400), 600, vec![])
        );
        assert_eq!(read(r#"{"idle_timeout_s": 9e2}"#), (Some(900), 60, vec![]));
        for idle in ["59", "86401", "-1", "150.5", "\"900\"", "true", "[]", "1e300"] {
            let text = format!(r#"{{"idle_timeout_s": {idle}}}"#);
            assert_eq!(
                read(&text),
                (None, 60, vec![ConfigWarning::IdleTimeoutOutOfRange]),
                "{text}"
            );
        }
        for warning in ["19", "601", "null", "30.5", "\"60\"", "{}"] {
            let text = format!(r#"{{"warning_s": {warning}}}"#);
            assert_eq!(
                read(&text),
                (None, 60, vec![ConfigWarning::WarningOutOfRange]),
                "{text}"
            );
        }
        for warning in [ConfigWarning::IdleTimeoutOutOfRange, ConfigWarning::WarningOutOfRange] {
            let said = warning.to_string();
            assert!(said.starts_with("config.json: `") && said.contains("_s`"), "{said}");
        }
    }

    #[test]
    fn reauth_in_place_is_a_boolean_else_a_warning_and_false() {
        for (text, on, warnings) in [
            ("{}", false, vec![]),
            (r#"{"reauth_in_place": true}"#, true, vec![]),
            (
                r#"{"reauth_in_place": "yes"}"#,
                false,
                vec![ConfigWarning::ReauthInPlaceNotBool],
            ),
            (
                r#"{"reauth_in_place": 1}"#,
                false,
                vec![ConfigWarning::ReauthInPlaceNotBool],
            ),
        ] {
            let parsed = Config::parse(text).expect("usable");
            assert_eq!(
                (parsed.config.reauth_in_place, parsed.warnings),
                (on, warnings),
                "{text}"
            );
        }
    }

    #[test]
    fn the_timeout_is_clamped_to_one_second_to_two_minutes_with_a_warning() {
        let timeout = |text: &str| {
            let parsed = Config::parse(text).expect("usable");
            (parsed.config.request_timeout_ms, parsed.warnings)
        };
        assert_eq!(timeout(r#"{"request_timeout_ms": 2500}"#), (2500, vec![]));
        assert_eq!(timeout(r#"{"request_timeout_ms": 1000}"#), (1000, vec![]));
        assert_eq!(timeout(r#"{"request_timeout_ms": 120000}"#), (120_000, vec![]));
        assert_eq!(timeout(r#"{"request_timeout_ms": 2e3}"#), (2000, vec![]));
        for (text, used) in [
            (r#"{"request_timeout_ms": 0}"#, 1000),
            (r#"{"request_timeout_ms": -1}"#, 1000),
            (r#"{"request_timeout_ms": 1.5}"#, 1000),
            (r#"{"request_timeout_ms": 2147483648}"#, 120_000),
            (r#"{"request_timeout_ms": 5000000000}"#, 120_000),
            (r#"{"request_timeout_ms": 1e300}"#, 120_000),
        ] {
            assert_eq!(
                timeout(text),
                (used, vec![ConfigWarning::TimeoutOutOfRange(used)]),
                "{text}"
            );
        }
        assert!(ConfigWarning::TimeoutOutOfRange(1000)
            .to_string()
            .starts_with("config.json"));
    }
}
