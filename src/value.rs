//! The value encoding shared by the page, main.js and the journal (see DESIGN.md "Value encoding").
//!
//! Values travel as JSON: JSON-safe data stays plain JSON and everything else is a
//! `{"$type": ...}` tag (`undefined`, `Number` for NaN/±Infinity/-0, `BigInt`, `Date`, `RegExp`,
//! `Error`, `Map`, `Set`, sparse `Array`, escaped `Object`, typed arrays, `ArrayBuffer`,
//! `DataView`, and `Shared`/`Ref` for objects reached more than once; `Tag` lists them). The JS
//! codec does the work; this side only shows encoded values to people.

use serde_json::{Map, Value};

mod tag;
pub use tag::Tag;

/// The JS codec, injected into every renderer and into the main.js runtime.
pub const CODEC_JS: &str = include_str!("../preload/codec.js");

/// Deeper than this, a preview shows `…` instead of descending further.
const PREVIEW_MAX_DEPTH: usize = 64;

/// A one-line, JS-like preview of an encoded value for logs and the panel: `{a: 1, b: "x"}`,
/// `[1, <2 empty items>, 3]`, `Map(1) {"k" => 1}`, `Date(2020-01-01T00:00:00.000Z)`, `123n`,
/// `<ref 1>`. At most `max_chars` characters (not bytes); a cut preview ends with `…`.
pub fn preview(value: &Value, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    let mut p = Preview {
        out: String::new(),
        chars: 0,
        // One character past the limit tells that the preview must be cut.
        room: max_chars.saturating_add(1),
    };
    p.value(value, 0);
    if p.chars > max_chars {
        let mut cut: String = p.out.chars().take(max_chars - 1).collect();
        cut.push('…');
        return cut;
    }
    p.out
}

/// Decoded length of a padded base64 text, without decoding it.
fn base64_len(text: &str) -> usize {
    let pad = text.bytes().rev().take(2).filter(|&b| b == b'=').count();
    (text.len() / 4 * 3).saturating_sub(pad)
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

struct Preview {
    out: String,
    chars: usize,
    room: usize,
}

impl Preview {
    fn full(&self) -> bool {
        self.chars >= self.room
    }

    /// Appends as much of `text` as still matters.
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if self.full() {
                return;
            }
            self.out.push(c);
            self.chars += 1;
        }
    }

    /// A string in double quotes, escaped as JSON so the preview stays on one line.
    fn string(&mut self, text: &str) {
        self.push("\"");
        self.escaped(text, true);
        self.push("\"");
    }

    /// Text from inside a tag (an error's message, a regexp's source, a number's digits): a
    /// forged one may hold line breaks too, and the preview stays on one line.
    fn text(&mut self, text: &str) {
        self.escaped(text, false);
    }

    fn escaped(&mut self, text: &str, quoted: bool) {
        for c in text.chars() {
            if self.full() {
                return;
            }
            match c {
                '"' if quoted => self.push("\\\""),
                '\\' if quoted => self.push("\\\\"),
                '\n' => self.push("\\n"),
                '\r' => self.push("\\r"),
                '\t' => self.push("\\t"),
                c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    self.push(&format!("\\u{:04x}", c as u32))
                }
                c => {
                    self.out.push(c);
                    self.chars += 1;
                }
            }
        }
    }

    fn key(&mut self, key: &str) {
        if is_identifier(key) {
            self.push(key);
        } else {
            self.string(key);
        }
    }

    fn value(&mut self, value: &Value, depth: usize) {
        if self.full() {
            return;
        }
        if depth > PREVIEW_MAX_DEPTH {
            self.push("…");
            return;
        }
        match value {
            Value::Null => self.push("null"),
            Value::Bool(b) => self.push(if *b { "true" } else { "false" }),
            Value::Number(n) => self.push(&n.to_string()),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.push("[");
                for (i, item) in items.iter().enumerate() {
                    if self.full() {
                        return;
                    }
                    if i > 0 {
                        self.push(", ");
                    }
                    self.value(item, depth + 1);
                }
                self.push("]");
            }
            Value::Object(map) => {
                let tagged = match map.get("$type") {
                    Some(Value::String(name)) => {
                        Tag::parse(name).is_some_and(|tag| self.tagged(tag, map, depth))
                    }
                    _ => false,
                };
                if !tagged {
                    self.object(map, depth);
                }
            }
        }
    }

    fn object(&mut self, map: &Map<String, Value>, depth: usize) {
        if map.is_empty() {
            self.push("{}");
            return;
        }
        self.push("{");
        for (i, (key, item)) in map.iter().enumerate() {
            if self.full() {
                return;
            }
            self.push(if i > 0 { ", " } else { "" });
            self.key(key);
            self.push(": ");
            self.value(item, depth + 1);
        }
        self.push("}");
    }

    /// Writes a tag readably; false (having written nothing) when it is malformed.
    fn tagged(&mut self, tag: Tag, map: &Map<String, Value>, depth: usize) -> bool {
        let str_field = |name: &str| map.get(name).and_then(Value::as_str);
        match tag {
            Tag::Undefined => self.push("undefined"),
            Tag::Number => match str_field("value") {
                Some(text) => self.text(text),
                None => return false,
            },
            Tag::BigInt => match str_field("value") {
                Some(text) => {
                    self.text(text);
                    self.push("n");
                }
                None => return false,
            },
            Tag::Date => match map.get("value") {
                Some(Value::String(iso)) => {
                    self.push("Date(");
                    self.text(iso);
                    self.push(")");
                }
                Some(Value::Null) => self.push("Date(Invalid Date)"),
                _ => return false,
            },
            Tag::RegExp => match (str_field("source"), str_field("flags")) {
                (Some(source), Some(flags)) => {
                    self.push("/");
                    self.text(source);
                    self.push("/");
                    self.text(flags);
                }
                _ => return false,
            },
            Tag::Error => match (str_field("name"), str_field("message")) {
                (Some(name), Some("")) => self.text(name),
                (Some(name), Some(message)) => {
                    self.text(name);
                    self.push(": ");
                    self.text(message);
                }
                _ => return false,
            },
            Tag::Ref => match map.get("id") {
                Some(Value::Number(id)) => self.push(&format!("<ref {id}>")),
                _ => return false,
            },
            Tag::Shared => match (map.get("id"), map.get("value")) {
                (Some(Value::Number(id)), Some(inner)) => {
                    self.push(&format!("<ref *{id}> "));
                    // A level like any other, or Shared wrapped in Shared escapes the cap.
                    self.value(inner, depth + 1);
                }
                _ => return false,
            },
            Tag::Object => match map.get("value") {
                Some(Value::Object(inner)) => self.object(inner, depth),
                _ => return false,
            },
            Tag::Map => {
                let Some(entries) = map.get("entries").and_then(Value::as_array) else {
                    return false;
                };
                let pairs: Option<Vec<(&Value, &Value)>> = entries
                    .iter()
                    .map(|e| match e.as_array().map(Vec::as_slice) {
                        Some([k, v]) => Some((k, v)),
                        _ => None,
                    })
                    .collect();
                let Some(pairs) = pairs else { return false };
                self.push(&format!("Map({}) {{", pairs.len()));
                for (i, (k, v)) in pairs.into_iter().enumerate() {
                    if self.full() {
                        return true;
                    }
                    self.push(if i > 0 { ", " } else { "" });
                    self.value(k, depth + 1);
                    self.push(" => ");
                    self.value(v, depth + 1);
                }
                self.push("}");
            }
            Tag::Set => {
                let Some(values) = map.get("values").and_then(Value::as_array) else {
                    return false;
                };
                self.push(&format!("Set({}) {{", values.len()));
                for (i, v) in values.iter().enumerate() {
                    if self.full() {
                        return true;
                    }
                    self.push(if i > 0 { ", " } else { "" });
                    self.value(v, depth + 1);
                }
                self.push("}");
            }
            Tag::Array => return self.sparse(map, depth),
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
                let (Some(size), Some(text)) = (tag.element_size(), str_field("base64")) else {
                    return false;
                };
                self.push(&format!("{}({})", tag.name(), base64_len(text) / size));
            }
        }
        true
    }

    /// A sparse array as Node shows it: `[1, <2 empty items>, 3, foo: "bar"]`.
    fn sparse(&mut self, map: &Map<String, Value>, depth: usize) -> bool {
        let (Some(length), Some(entries)) = (
            map.get("length").and_then(Value::as_u64),
            map.get("entries").and_then(Value::as_array),
        ) else {
            return false;
        };
        let well_formed = entries.iter().all(|e| {
            matches!(e.as_array().map(Vec::as_slice), Some([k, _]) if k.is_u64() || k.is_string())
        });
        if !well_formed {
            return false;
        }
        self.push("[");
        let mut first = true;
        let mut next = 0u64;
        for entry in entries {
            if self.full() {
                return true;
            }
            let [key, item] = entry.as_array().map(Vec::as_slice).unwrap_or_default() else {
                continue;
            };
            if let Some(index) = key.as_u64() {
                self.holes(&mut first, index.saturating_sub(next));
                next = next.max(index.saturating_add(1));
                self.push(if first { "" } else { ", " });
            } else {
                self.holes(&mut first, length.saturating_sub(next));
                next = next.max(length);
                self.push(if first { "" } else { ", " });
                self.key(key.as_str().unwrap_or_default());
                self.push(": ");
            }
            first = false;
            self.value(item, depth + 1);
        }
        self.holes(&mut first, length.saturating_sub(next));
        self.push("]");
        true
    }

    fn holes(&mut self, first: &mut bool, count: u64) {
        if count > 0 {
            self.push(if *first { "" } else { ", " });
            let s = if count == 1 { "" } else { "s" };
            self.push(&format!("<{count} empty item{s}>"));
            *first = false;
        }
    }
}

#[cfg(test)]
mod tests;
