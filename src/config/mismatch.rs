//! Why a `config.json` value does not fit, in the words serde_json used for the console
//! warning ("invalid type: integer `3`, expected a string"), written out by hand now that
//! the file is no longer read by a typed `Deserialize`.

use std::fmt::Write;

use serde_json::Value;

use super::ConfigError;

/// A value of the wrong kind.
pub fn invalid_type(value: &Value, expected: &str) -> ConfigError {
    ConfigError::Malformed(format!("invalid type: {}, expected {expected}", unexpected(value)))
}

/// A value of the right kind but out of range.
pub fn invalid_value(value: &Value, expected: &str) -> ConfigError {
    ConfigError::Malformed(format!("invalid value: {}, expected {expected}", unexpected(value)))
}

/// serde's `Unexpected` for a JSON value.
fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(flag) => format!("boolean `{flag}`"),
        // serde_json prints floats itself (shortest form, exponent when large), not via Rust.
        Value::Number(number) if number.is_f64() => format!("floating point `{number}`"),
        Value::Number(number) => format!("integer `{number}`"),
        Value::String(text) => format!("string {}", quoted(text)),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// A string as Rust's `{:?}` quotes it, for the characters a config file holds.
fn quoted(text: &str) -> String {
    let mut quoted = String::from('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\0' => quoted.push_str("\\0"),
            control if control.is_control() => {
                let _ = write!(quoted, "\\u{{{:x}}}", control as u32);
            }
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_as_rusts_debug_quotes_them() {
        for text in ["plain", "with \"quotes\"", "back\\slash", "line\nbreak\ttab\r", "nul\0", "bell\u{7}", "ünïcode ✓"] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }
}
