//! A small collapsible tree for journal values (egui_json_tree needs an older egui). Tagged
//! values (`{"$type": ...}`) show as what they stand for, so `Function` reads as `ƒ name()`.

use eframe::egui::{self, RichText};
use serde_json::Value;

use super::style;

/// Children shown per object or array before "… N more": a huge payload must not stall a frame.
const MAX_CHILDREN: usize = 200;
const MAX_DEPTH: usize = 32;
/// A string leaf is cut here; the pretty JSON beside the tree has it whole.
const MAX_SCALAR_CHARS: usize = 2_000;

pub fn tree(ui: &mut egui::Ui, id: egui::Id, label: &str, value: &Value) {
    node(ui, id, label, value, 0, false);
}

/// `plain`: the value is an unwrapped object whose own `$type` key is just a key.
fn node(ui: &mut egui::Ui, id: egui::Id, label: &str, value: &Value, depth: usize, plain: bool) {
    // An object that had its own "$type" key comes wrapped: show the object itself.
    if let Some(inner) = escaped_object(value).filter(|_| !plain) {
        return node(ui, id, label, inner, depth, true);
    }
    if let Some(leaf) = tagged(value).filter(|_| !plain) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{label}:")).monospace());
            ui.label(RichText::new(leaf).monospace().color(style::ACCENT));
        });
        return;
    }
    // Only the children shown are visited: a payload of a million items costs 200 per frame.
    let (count, children): (usize, Vec<(String, &Value)>) = match value {
        Value::Array(items) => (
            items.len(),
            items
                .iter()
                .take(MAX_CHILDREN)
                .enumerate()
                .map(|(i, v)| (format!("[{i}]"), v))
                .collect(),
        ),
        Value::Object(map) => (
            map.len(),
            map.iter()
                .take(MAX_CHILDREN)
                .map(|(k, v)| (k.clone(), v))
                .collect(),
        ),
        scalar => {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{label}:")).monospace());
                ui.label(
                    RichText::new(crate::value::preview(scalar, MAX_SCALAR_CHARS))
                        .monospace()
                        .color(scalar_color(scalar)),
                );
            });
            return;
        }
    };
    if depth >= MAX_DEPTH {
        ui.label(RichText::new(format!("{label}: …")).monospace());
        return;
    }
    let summary = match value {
        Value::Array(items) => format!("{label}  [{}]", items.len()),
        _ => format!("{label}  {{{count}}}"),
    };
    egui::CollapsingHeader::new(RichText::new(summary).monospace())
        .id_salt(id)
        .default_open(depth < 2)
        .show(ui, |ui| {
            for (key, child) in &children {
                node(ui, id.with(key), key, child, depth + 1, false);
            }
            if count > MAX_CHILDREN {
                ui.label(format!("… {} more", count - MAX_CHILDREN));
            }
        });
}

fn escaped_object(value: &Value) -> Option<&Value> {
    let map = value.as_object()?;
    (map.get("$type")?.as_str()? == "Object")
        .then(|| map.get("value"))
        .flatten()
}

/// One line for a tagged value, or None for plain JSON (and containers worth opening).
fn tagged(value: &Value) -> Option<String> {
    let map = value.as_object()?;
    let tag = map.get("$type")?.as_str()?;
    let get = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or_default();
    Some(match tag {
        "Function" => format!("ƒ {}()", get("name")),
        "undefined" => "undefined".into(),
        "Number" | "BigInt" => {
            format!("{}{}", get("value"), if tag == "BigInt" { "n" } else { "" })
        }
        "Date" => format!("Date {}", get("value")),
        "RegExp" => format!("/{}/{}", get("source"), get("flags")),
        "Error" => format!("{}: {}", get("name"), get("message")),
        // What an exposed API's shape uses for what it did not walk.
        "Truncated" => match map.get("length").and_then(Value::as_u64) {
            Some(n) => format!("{} … ({n} long, cut)", get("type")),
            None => format!("{} … (cut)", get("type")),
        },
        "Promise" => "Promise".into(),
        "Unclonable" => "(cannot be cloned)".into(),
        "Unknown" => "?".into(),
        "Map" | "Set" | "Object" => return None,
        _ => crate::value::preview(value, 80),
    })
}

fn scalar_color(value: &Value) -> egui::Color32 {
    match value {
        Value::String(_) => style::OK,
        Value::Number(_) => style::ACCENT,
        _ => style::MUTED,
    }
}
