//! Reading shapes out of parsed JSON by hand, field by field, with the rules serde's derive
//! followed. Why not the derive: a typed `Deserialize` that meets a wrong type formats
//! "invalid type: floating point `1.5`, expected …", and that message alone pulls float
//! and Debug formatting into the wasm. Parsing into `serde_json::Value` never fails that way.

use serde_json::{Map, Value};

/// A shape read out of a parsed JSON value; `None` when the value is not that shape.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Option<Self>;
}

/// A key that must be present and of the right type.
pub fn required<'a, T>(
    object: &'a Map<String, Value>,
    key: &str,
    read: impl FnOnce(&'a Value) -> Option<T>,
) -> Option<T> {
    object.get(key).and_then(read)
}

/// A key that may be missing (then the default) but, when present, must be of the right
/// type (serde's `#[serde(default)]`: `null` is a wrong type here).
pub fn or_default<'a, T: Default>(
    object: &'a Map<String, Value>,
    key: &str,
    read: impl FnOnce(&'a Value) -> Option<T>,
) -> Option<T> {
    match object.get(key) {
        None => Some(T::default()),
        Some(value) => read(value),
    }
}

/// A key that may be missing or `null` (then `None`) and otherwise must be of the right type
/// (serde's `Option<T>`).
pub fn nullable<'a, T>(
    object: &'a Map<String, Value>,
    key: &str,
    read: impl FnOnce(&'a Value) -> Option<T>,
) -> Option<Option<T>> {
    match object.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

/// A value of the wrong type under a key, named for whoever wrote the file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("`{key}` must be {expected}")]
pub struct FieldError {
    /// The key, with its parents (`endpoints.me`).
    pub key: String,
    /// What the key takes, in words ("a string").
    pub expected: &'static str,
}

/// A key that may be missing (`Ok(None)`) but, when present, must read as `expected` says.
pub fn typed_field<'a, T>(
    object: &'a Map<String, Value>,
    key: &str,
    expected: &'static str,
    read: impl FnOnce(&'a Value) -> Option<T>,
) -> Result<Option<T>, FieldError> {
    match object.get(key) {
        None => Ok(None),
        Some(value) => read(value).map(Some).ok_or_else(|| field_error(key, expected)),
    }
}

/// Built in one place, not once per `typed_field` instantiation.
#[inline(never)]
fn field_error(key: &str, expected: &'static str) -> FieldError {
    FieldError {
        key: key.to_owned(),
        expected,
    }
}

pub fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

pub fn object(value: &Value) -> Option<Map<String, Value>> {
    value.as_object().cloned()
}

/// Any value at all, `null` included.
pub fn any(value: &Value) -> Option<Value> {
    Some(value.clone())
}

impl<T: FromJson> FromJson for Vec<T> {
    /// Every element must read, as serde's `Vec<T>` wanted.
    fn from_json(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn required_keys_must_be_present_and_typed() {
        let object = fields(json!({"a": "x", "b": 1, "c": null}));
        assert_eq!(required(&object, "a", string), Some("x".into()));
        assert_eq!(required(&object, "b", string), None);
        assert_eq!(required(&object, "c", string), None);
        assert_eq!(required(&object, "missing", string), None);
        assert_eq!(required(&object, "c", any), Some(Value::Null));
        assert_eq!(required(&object, "missing", any), None);
    }

    #[test]
    fn defaulted_keys_may_be_missing_but_not_mistyped() {
        let object = fields(json!({"a": "x", "b": 1, "c": null}));
        assert_eq!(or_default(&object, "a", string), Some("x".into()));
        assert_eq!(or_default(&object, "missing", string), Some(String::new()));
        assert_eq!(or_default(&object, "b", string), None);
        assert_eq!(or_default(&object, "c", string), None);
        assert_eq!(or_default(&object, "missing", any), Some(Value::Null));
    }

    #[test]
    fn typed_fields_name_the_key_and_the_expected_type() {
        let object = fields(json!({"a": "x", "b": 1}));
        assert_eq!(typed_field(&object, "a", "a string", string), Ok(Some("x".into())));
        assert_eq!(typed_field(&object, "missing", "a string", string), Ok(None));
        let error = typed_field(&object, "b", "a string", string).expect_err("mistyped");
        assert_eq!(
            error,
            FieldError {
                key: "b".into(),
                expected: "a string"
            }
        );
        assert_eq!(error.to_string(), "`b` must be a string");
    }

    #[test]
    fn nullable_keys_may_be_missing_or_null_but_not_mistyped() {
        let object = fields(json!({"a": "x", "b": 1, "c": null}));
        assert_eq!(nullable(&object, "a", string), Some(Some("x".into())));
        assert_eq!(nullable(&object, "c", string), Some(None));
        assert_eq!(nullable(&object, "missing", string), Some(None));
        assert_eq!(nullable(&object, "b", string), None);
    }
}
