//! Writing JSON text. One serializer path for the whole app (`serde_json::to_string`):
//! `Value`'s `Display` and `to_string_pretty` would each compile another copy of serde_json's
//! serializer into the wasm, so indented text is written here by hand around it.

use serde_json::{Map, Value};

/// The same text as `Value::to_string()`, through the one serializer path.
pub fn compact_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `object` indented, as `to_string_pretty` writes it.
pub fn pretty_object(object: &Map<String, Value>) -> String {
    let mut out = String::new();
    write_object(&mut out, object, 0);
    out
}

/// An object given as its fields, in their order, indented the same way: a struct's
/// (`LogoutReason`'s) fields keep the order `serde_json::to_string` writes them in, where a
/// `Map` would sort them.
pub fn pretty_fields(fields: &[(&str, &Value)]) -> String {
    let mut out = String::new();
    write_fields(&mut out, fields, 0);
    out
}

fn write_object(out: &mut String, object: &Map<String, Value>, depth: usize) {
    let fields: Vec<(&str, &Value)> = object.iter().map(|(key, value)| (key.as_str(), value)).collect();
    write_fields(out, &fields, depth);
}

/// An object as serde_json's `to_string_pretty` writes it (two-space indent, `": "`, empty
/// containers as `{}` and `[]`), by hand: `to_string_pretty` was a second copy of the whole
/// serializer (over `PrettyFormatter`). Leaves go through the compact `to_string`, which
/// writes them the same.
fn write_fields(out: &mut String, fields: &[(&str, &Value)], depth: usize) {
    if fields.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        push_indent(out, depth + 1);
        out.push_str(&compact_json(&Value::from(*key)));
        out.push_str(": ");
        write_pretty_value(out, value, depth + 1);
    }
    out.push('\n');
    push_indent(out, depth);
    out.push('}');
}

fn write_pretty_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Object(object) => write_object(out, object, depth),
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, depth + 1);
                write_pretty_value(out, item, depth + 1);
            }
            out.push('\n');
            push_indent(out, depth);
            out.push(']');
        }
        leaf => out.push_str(&compact_json(leaf)),
    }
}

fn push_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod pretty_tests {
    use super::{pretty_fields, pretty_object as pretty};
    use proptest::prelude::*;
    use serde_json::{json, Map, Value};

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::vec((".{0,6}", inner), 0..5)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn writes_what_to_string_pretty_wrote() {
        let object = json!({"a": [], "b": {}, "c": [1, [2, {}], {"d": "\"\n✓\u{1}"}], "e": 1.5, "f": null});
        let object = object.as_object().cloned().unwrap_or_default();
        assert_eq!(
            pretty(&object),
            serde_json::to_string_pretty(&object).unwrap_or_default()
        );
        assert_eq!(pretty(&Map::new()), "{}");
    }

    #[test]
    fn fields_keep_their_order() {
        let (b, a) = (json!([1, {"y": {}, "x": "✓"}]), json!({}));
        assert_eq!(
            pretty_fields(&[("b", &b), ("a", &a)]),
            "{\n  \"b\": [\n    1,\n    {\n      \"x\": \"✓\",\n      \"y\": {}\n    }\n  ],\n  \"a\": {}\n}"
        );
        assert_eq!(pretty_fields(&[]), "{}");
    }

    proptest! {
        #[test]
        fn any_context_is_written_as_to_string_pretty_wrote(entries in proptest::collection::vec((".{0,6}", value()), 0..6)) {
            let object: Map<String, Value> = entries.into_iter().collect();
            prop_assert_eq!(pretty(&object), serde_json::to_string_pretty(&object).unwrap_or_default());
        }
    }
}
