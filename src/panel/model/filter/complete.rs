//! Suggestions for the word being typed in the filter box.

use super::{RowKind, State, KEYS};

/// A suggestion for the query being typed: what it shows, and the whole query once taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub label: String,
    pub query: String,
}

/// Suggestions for the last word of `query`: the keys, then for `channel:` the channels seen
/// (those starting with what was typed, then those containing it), for `is:` the states, for
/// `kind:` the kinds, for `window:` the windows.
pub fn completions<'a>(
    query: &str,
    channels: impl Iterator<Item = &'a str>,
    windows: impl Iterator<Item = u32>,
) -> Vec<Completion> {
    const MAX: usize = 12;
    let start = query.rfind(char::is_whitespace).map_or(0, |i| {
        i + query[i..].chars().next().map_or(1, char::len_utf8)
    });
    let (before, last) = query.split_at(start);
    let (dash, body) = match last.strip_prefix('-') {
        Some(after) => ("-", after),
        None => ("", last),
    };
    if body.starts_with('/') || body.starts_with('"') {
        return Vec::new();
    }
    let Some((key, typed)) = body.split_once(':') else {
        return KEYS
            .iter()
            .filter(|k| k.starts_with(&body.to_ascii_lowercase()) && **k != body)
            .map(|k| Completion {
                label: format!("{dash}{k}:"),
                query: format!("{before}{dash}{k}:"),
            })
            .collect();
    };
    let key = key.to_ascii_lowercase();
    let values: Vec<String> = match key.as_str() {
        "channel" => channels
            .map(|c| {
                if c.contains(char::is_whitespace) {
                    format!("\"{c}\"")
                } else {
                    c.to_string()
                }
            })
            .collect(),
        "is" => State::ALL.iter().map(|s| s.name().to_string()).collect(),
        "kind" => RowKind::ALL.iter().map(|k| k.label().to_string()).collect(),
        "window" => windows.map(|w| w.to_string()).collect(),
        "larger-than" => ["1k", "10k", "100k", "1m"].map(String::from).to_vec(),
        "slower-than" => ["1ms", "5ms", "100ms", "1s"].map(String::from).to_vec(),
        _ => Vec::new(),
    };
    let typed_lower = typed.to_lowercase();
    let mut starting: Vec<&String> = Vec::new();
    let mut containing: Vec<&String> = Vec::new();
    for value in &values {
        let lower = value.to_lowercase();
        if lower == typed_lower {
            // Already complete.
            return Vec::new();
        }
        if lower.starts_with(&typed_lower) {
            starting.push(value);
        } else if key == "channel" && lower.contains(&typed_lower) {
            containing.push(value);
        }
    }
    starting
        .into_iter()
        .chain(containing)
        .take(MAX)
        .map(|value| Completion {
            label: format!("{dash}{key}:{value}"),
            query: format!("{before}{dash}{key}:{value} "),
        })
        .collect()
}
