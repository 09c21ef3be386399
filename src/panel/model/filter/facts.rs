//! What a row's entries say once, as they arrive, for the `is:`, `larger-than:` and
//! `slower-than:` terms.

use serde_json::Value;

use super::{field, text};

/// What the `is:`, `larger-than:` and `slower-than:` terms ask of a row, read from its entries
/// once as they arrive: an entry is a map behind a pointer, and asking a million of them on
/// every keystroke costs several times the budget of a filter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    bits: u8,
    /// About how many bytes the args and the answer take as JSON (saturating).
    pub(super) size: u32,
    /// The answer's `durationUs` (saturating); meaningful with `ANSWERED`.
    duration_us: u32,
}

impl Facts {
    pub(super) const HELD: u8 = 1;
    pub(super) const DROPPED: u8 = 2;
    pub(super) const REPLAYED: u8 = 4;
    pub(super) const PANEL: u8 = 8;
    pub(super) const ANSWERED: u8 = 16;

    /// The facts of a row's first entry (a request, or any other entry).
    pub fn of(entry: &crate::journal::Entry) -> Facts {
        let mut facts = Facts::default();
        facts.absorb(entry);
        facts
    }

    /// Adds what the answer to the row's request says.
    pub fn add_result(&mut self, result: &crate::journal::Entry) {
        self.absorb(result);
    }

    fn absorb(&mut self, entry: &crate::journal::Entry) {
        if field(entry, "held") == true {
            self.bits |= Facts::HELD;
        }
        if field(entry, "fault").get("dropped") == Some(&Value::Bool(true)) {
            self.bits |= Facts::DROPPED;
        }
        if !field(entry, "replayOf").is_null() {
            self.bits |= Facts::REPLAYED;
        }
        if text(entry, "origin") == "panel" {
            self.bits |= Facts::PANEL;
        }
        if let Some(us) = field(entry, "durationUs").as_u64() {
            self.bits |= Facts::ANSWERED;
            self.duration_us = u32::try_from(us).unwrap_or(u32::MAX);
        }
        let answer = match entry.get("result") {
            Some(value) => json_size(value),
            None => json_size(field(entry, "error")),
        };
        let size = json_size(field(entry, "args")) + answer;
        self.size = self
            .size
            .saturating_add(u32::try_from(size).unwrap_or(u32::MAX));
    }

    pub(super) fn has(self, bit: u8) -> bool {
        self.bits & bit != 0
    }

    pub(super) fn duration_us(self) -> Option<u64> {
        self.has(Facts::ANSWERED)
            .then_some(u64::from(self.duration_us))
    }
}

/// About how many bytes a value takes as JSON; a value kept only as a preview counts as the
/// length it had.
pub(super) fn json_size(value: &Value) -> u64 {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 5,
        // Digits counted, not printed: this runs over every row.
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => digits(u),
            (None, Some(i)) => 1 + digits(i.unsigned_abs()),
            _ => 8,
        },
        Value::String(s) => s.len() as u64 + 2,
        Value::Array(items) => 2 + items.iter().map(|v| json_size(v) + 1).sum::<u64>(),
        Value::Object(map) => {
            if map.get("$type").and_then(Value::as_str) == Some("Truncated") {
                if let Some(length) = map.get("length").and_then(Value::as_u64) {
                    return length;
                }
            }
            2 + map
                .iter()
                .map(|(k, v)| k.len() as u64 + 4 + json_size(v))
                .sum::<u64>()
        }
    }
}

fn digits(n: u64) -> u64 {
    u64::from(n.checked_ilog10().unwrap_or(0)) + 1
}
