//! Parsing what the user types as message arguments: a JSON array in the value encoding (plain
//! JSON plus `{"$type": ...}` tags), checked as the page's decoder would check it, so a bad
//! value is caught while typing with a message that says where and what.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::value::Tag;

/// Parses `text` as an argument list; the error says where (line and column, or the path of
/// the bad value) and what is wrong.
pub fn parse_args(text: &str) -> Result<Value, String> {
    let value = parse_json(text)?;
    if !value.is_array() {
        return Err("the arguments must be a JSON array, e.g. [\"你好\", 1]".into());
    }
    check(&value, "args", &mut Vec::new())?;
    Ok(value)
}

/// Parses `text` as one value (a result on its way back to the page), checked as `parse_args`
/// checks each argument.
pub fn parse_value(text: &str) -> Result<Value, String> {
    let value = parse_json(text)?;
    check(&value, "value", &mut Vec::new())?;
    Ok(value)
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "line {}, column {}: {}",
            e.line(),
            e.column(),
            describe_json_error(&e)
        )
    })
}

/// Pretty JSON for the editor, from a value in the encoding.
pub fn to_text(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn describe_json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the position is already given.
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Checks tags recursively; `shared` collects the ids of `Shared` wrappers seen so far, so a
/// `Ref` can only point back at one.
fn check(value: &Value, path: &str, shared: &mut Vec<u64>) -> Result<(), String> {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(item, &format!("{path}[{i}]"), shared)?;
            }
            Ok(())
        }
        Value::Object(map) => match map.get("$type") {
            None => {
                for (key, item) in map {
                    check(item, &format!("{path}.{key}"), shared)?;
                }
                Ok(())
            }
            Some(Value::String(name)) => match Tag::parse(name) {
                Some(tag) => check_tag(tag, map, path, shared),
                None => Err(format!(
                    "{path}: unknown $type \"{name}\" (a plain object with its own $type key is written {{\"$type\": \"Object\", \"value\": {{...}}}})"
                )),
            },
            Some(_) => Err(format!("{path}.$type must be a string")),
        },
        _ => Ok(()),
    }
}

fn check_tag(
    tag: Tag,
    map: &Map<String, Value>,
    path: &str,
    shared: &mut Vec<u64>,
) -> Result<(), String> {
    let field = |name: &str| map.get(name);
    let string = |name: &str| field(name).and_then(Value::as_str);
    let bad = |what: String| Err(format!("{path}: {what}"));
    match tag {
        Tag::Undefined => Ok(()),
        Tag::Number => match string("value") {
            Some("NaN" | "Infinity" | "-Infinity" | "-0") => Ok(()),
            _ => {
                bad("a Number tag's value is \"NaN\", \"Infinity\", \"-Infinity\" or \"-0\"".into())
            }
        },
        Tag::BigInt => match string("value") {
            Some(text) if is_decimal(text) => Ok(()),
            _ => bad("a BigInt tag's value is a string of digits, e.g. \"123\"".into()),
        },
        Tag::Date => match field("value") {
            Some(Value::Null) => Ok(()),
            Some(Value::String(text)) if chrono::DateTime::parse_from_rfc3339(text).is_ok() => {
                Ok(())
            }
            _ => bad("a Date tag's value is an ISO date, e.g. \"2024-01-31T12:00:00.000Z\"".into()),
        },
        Tag::RegExp => match (string("source"), string("flags")) {
            (Some(_), Some(flags)) if flags.chars().all(|c| "dgimsuvy".contains(c)) => Ok(()),
            _ => bad(
                "a RegExp tag has \"source\" and \"flags\" strings (flags from dgimsuvy)".into(),
            ),
        },
        Tag::Error => match (string("name"), string("message")) {
            (Some(_), Some(_)) => Ok(()),
            _ => bad("an Error tag has \"name\" and \"message\" strings".into()),
        },
        Tag::Map => match field("entries") {
            Some(Value::Array(entries)) => {
                for (i, entry) in entries.iter().enumerate() {
                    match entry.as_array().map(Vec::as_slice) {
                        Some([key, value]) => {
                            check(key, &format!("{path}.entries[{i}][0]"), shared)?;
                            check(value, &format!("{path}.entries[{i}][1]"), shared)?;
                        }
                        _ => return bad(format!("entries[{i}] must be a [key, value] pair")),
                    }
                }
                Ok(())
            }
            _ => bad("a Map tag has an \"entries\" array of [key, value] pairs".into()),
        },
        Tag::Set => match field("values") {
            Some(values @ Value::Array(_)) => check(values, &format!("{path}.values"), shared),
            _ => bad("a Set tag has a \"values\" array".into()),
        },
        Tag::Array => match (field("length").and_then(Value::as_u64), field("entries")) {
            (Some(_), Some(entries @ Value::Array(_))) => {
                check(entries, &format!("{path}.entries"), shared)
            }
            _ => bad("a sparse Array tag has a \"length\" number and an \"entries\" array".into()),
        },
        Tag::Object => match field("value") {
            Some(Value::Object(inner)) => {
                for (key, item) in inner {
                    check(item, &format!("{path}.{key}"), shared)?;
                }
                Ok(())
            }
            _ => bad("an Object tag wraps a \"value\" object".into()),
        },
        Tag::Shared => match (field("id").and_then(Value::as_u64), field("value")) {
            (Some(id), Some(inner)) if id >= 1 && (inner.is_object() || inner.is_array()) => {
                if shared.contains(&id) {
                    return bad(format!("Shared id {id} is used twice"));
                }
                shared.push(id);
                check(inner, path, shared)
            }
            _ => bad("a Shared tag has an \"id\" (1 or more) and an object \"value\"".into()),
        },
        Tag::Ref => match field("id").and_then(Value::as_u64) {
            Some(id) if shared.contains(&id) => Ok(()),
            _ => bad("a Ref tag's \"id\" must name a Shared value that comes before it".into()),
        },
        Tag::ArrayBuffer
        | Tag::DataView
        | Tag::Int8Array
        | Tag::Uint8Array
        | Tag::Uint8ClampedArray
        | Tag::Int16Array
        | Tag::Uint16Array
        | Tag::Float16Array
        | Tag::Int32Array
        | Tag::Uint32Array
        | Tag::Float32Array
        | Tag::Float64Array
        | Tag::BigInt64Array
        | Tag::BigUint64Array => {
            let name = tag.name();
            let Some(text) = string("base64") else {
                return bad(format!("a {name} tag has a \"base64\" string"));
            };
            let bytes = match base64::engine::general_purpose::STANDARD.decode(text) {
                Ok(bytes) => bytes.len(),
                Err(e) => return bad(format!("base64 is not valid ({e})")),
            };
            // As the page's decoder refuses it: a typed array is whole elements.
            match tag.element_size() {
                Some(size) if bytes % size != 0 => bad(format!(
                    "{name} byte length {bytes} is not a multiple of {size}"
                )),
                _ => Ok(()),
            }
        }
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_json_and_every_tag_are_accepted() {
        let text = r#"["你好", 1, null, {"a": [true]},
            {"$type": "undefined"}, {"$type": "Number", "value": "NaN"},
            {"$type": "BigInt", "value": "-12345678901234567890"},
            {"$type": "Date", "value": "2024-01-31T12:00:00.000Z"},
            {"$type": "Map", "entries": [[1, {"$type": "Set", "values": [2]}]]},
            {"$type": "RegExp", "source": "a+", "flags": "gi"},
            {"$type": "Error", "name": "TypeError", "message": "x"},
            {"$type": "Uint8Array", "base64": "AQID"},
            {"$type": "Array", "length": 3, "entries": [[0, "a"]]},
            {"$type": "Object", "value": {"$type": "not a tag"}},
            {"$type": "Shared", "id": 1, "value": {"self": {"$type": "Ref", "id": 1}}}]"#;
        let args = parse_args(text).unwrap();
        assert_eq!(args[0], json!("你好"));
        assert_eq!(args.as_array().unwrap().len(), 15);
    }

    #[test]
    fn a_json_mistake_names_line_and_column() {
        assert_eq!(
            parse_args("[1,\n 2,,]").unwrap_err(),
            "line 2, column 4: expected value"
        );
    }

    #[test]
    fn the_arguments_must_be_an_array() {
        assert_eq!(
            parse_args(r#"{"a": 1}"#).unwrap_err(),
            "the arguments must be a JSON array, e.g. [\"你好\", 1]"
        );
    }

    #[test]
    fn a_bad_tag_names_the_path_and_what_is_expected() {
        assert_eq!(
            parse_args(r#"[1, {"x": {"$type": "Number", "value": "12"}}]"#).unwrap_err(),
            "args[1].x: a Number tag's value is \"NaN\", \"Infinity\", \"-Infinity\" or \"-0\""
        );
        assert!(parse_args(r#"[{"$type": "Widget"}]"#)
            .unwrap_err()
            .starts_with("args[0]: unknown $type \"Widget\""));
        assert!(parse_args(r#"[{"$type": "Uint8Array", "base64": "***"}]"#)
            .unwrap_err()
            .starts_with("args[0]: base64 is not valid"));
        assert_eq!(
            parse_args(r#"[{"$type": "Ref", "id": 4}]"#).unwrap_err(),
            "args[0]: a Ref tag's \"id\" must name a Shared value that comes before it"
        );
        assert_eq!(
            parse_args(r#"[{"$type": "Map", "entries": [[1]]}]"#).unwrap_err(),
            "args[0]: entries[0] must be a [key, value] pair"
        );
    }

    #[test]
    fn a_float16_array_arg_is_accepted_in_whole_two_byte_elements() {
        // 1.0 and -2.0 as half floats (0x3C00, 0xC000), little-endian: four bytes.
        let args = parse_args(r#"["x", {"$type": "Float16Array", "base64": "ADwAwA=="}]"#)
            .expect("a Float16Array argument is accepted");
        assert_eq!(crate::value::preview(&args[1], 40), "Float16Array(2)");
        assert_eq!(
            parse_args(r#"[{"$type": "Float16Array", "base64": "AQID"}]"#).unwrap_err(),
            "args[0]: Float16Array byte length 3 is not a multiple of 2"
        );
    }

    #[test]
    fn whatever_the_codec_writes_the_editor_accepts() {
        use rquickjs::{CatchResultExt, Context, Runtime};
        // One value of every kind the encoding tags, encoded by the codec the pages run.
        let mut values = vec![
            "undefined",
            "NaN",
            "12n",
            "new Date(0)",
            "/a/g",
            "new TypeError('t')",
            "new Map([[1, 2]])",
            "new Set([1])",
            "[1, , 2]",
            "{$type: 'x'}",
            "shared",
            "shared",
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
        for tag in Tag::ALL.iter().filter(|t| t.element_size().is_some()) {
            values.push(match tag {
                Tag::ArrayBuffer => "new ArrayBuffer(4)".to_string(),
                Tag::DataView => "new DataView(new ArrayBuffer(4))".to_string(),
                typed => format!("new {}(2)", typed.name()),
            });
        }
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        let encoded: String = context.with(|ctx| {
            ctx.eval::<String, _>(format!(
                "{}\nconst shared = {{s: 1}};\nJSON.stringify(encodeValue([{}], 'args'))",
                include_str!("../../preload/codec.js"),
                values.join(", ")
            ))
            .catch(&ctx)
            .unwrap_or_else(|err| panic!("JS failed: {err}"))
        });
        for tag in Tag::ALL {
            assert!(
                encoded.contains(&format!("\"$type\":\"{}\"", tag.name())),
                "no {} in {encoded}",
                tag.name()
            );
        }
        let args = parse_args(&encoded).expect("the editor accepts the codec's own encoding");
        assert_eq!(args.as_array().map(Vec::len), Some(values.len()));
    }

    #[test]
    fn editor_text_round_trips() {
        let args = json!(["你好", {"$type": "undefined"}]);
        assert_eq!(parse_args(&to_text(&args)).unwrap(), args);
    }
}
