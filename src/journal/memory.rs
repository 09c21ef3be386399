//! What the journal keeps in memory: each entry as its compact JSON text (a parsed map takes
//! about fifteen times the room), only the newest `cap` of them, and a large entry as a preview
//! whose full text is in a file (see `readback`). Older entries are let go first; an invoke or
//! sendSync still waiting for its result is kept until the result comes.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::{Entry, Kind};

/// Entries kept in memory unless `CAP_VARIABLE` says otherwise: a million small entries take
/// about 230 MB as text.
pub const DEFAULT_CAP: usize = 1_000_000;
/// Sets how many entries the journal keeps in memory (the record file always gets them all).
pub const CAP_VARIABLE: &str = "IPCSCOPE_JOURNAL_CAP";
/// An entry whose JSON line is longer than this is kept in memory as a preview.
pub const LARGE_ENTRY: usize = 64 * 1024;
/// A field of a large entry longer than this (as JSON) is replaced by its preview.
const LARGE_FIELD: usize = 1024;
/// Characters of a large field its preview keeps.
const PREVIEW_CHARS: usize = 1_000;
/// The field, in memory only, that marks a preview and says where the full entry is.
pub const PREVIEW: &str = "previewOnly";
/// Past this nesting the text is not parsed back (the value decoder refuses it): such an entry
/// is kept parsed, as it came.
const MAX_TEXT_DEPTH: usize = crate::wire::MAX_FRAME_DEPTH;

/// A positive whole number from the environment variable `name`, or `default` (unset, or not
/// a positive number: a cap is never zero).
pub fn cap_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|text| text.trim().replace(['_', ','], "").parse::<usize>().ok())
        .filter(|&cap| cap > 0)
        .unwrap_or(default)
}

/// One entry as memory holds it.
enum Stored {
    /// Its JSON text, parsed again when asked for.
    Text(Box<str>),
    /// Nested too deep to be parsed back: kept as it came.
    Parsed(Arc<Entry>),
}

impl Stored {
    /// `line` is the entry's JSON text (without its newline).
    fn new(entry: Entry, line: &str) -> Stored {
        if crate::wire::json_depth(line) > MAX_TEXT_DEPTH {
            Stored::Parsed(Arc::new(entry))
        } else {
            Stored::Text(line.into())
        }
    }

    fn entry(&self) -> Arc<Entry> {
        match self {
            Stored::Parsed(entry) => entry.clone(),
            Stored::Text(text) => match crate::wire::parse_deep_json::<Entry>(text) {
                Ok((entry, _)) => Arc::new(entry),
                // Text the journal wrote itself always parses; should it not, say so.
                Err(why) => Arc::new(unreadable(text, &why)),
            },
        }
    }
}

/// The newest entries of a journal, and the requests still waiting for their results.
#[derive(Default)]
pub(super) struct Kept {
    entries: VecDeque<Stored>,
    /// Index (seq - 1) of `entries[0]`: how many entries were let go.
    first: usize,
    cap: usize,
    /// Invokes and sendSyncs whose result has not come yet, by seq.
    waiting: HashSet<u64>,
    /// Waiting requests let go from `entries`, kept until their result comes.
    held: HashMap<u64, Stored>,
}

impl Kept {
    pub fn with_cap(cap: usize) -> Kept {
        Kept {
            cap: cap.max(1),
            ..Kept::default()
        }
    }

    /// Keeps `entry` (stamped `seq`), whose JSON text is `line`, then lets go of the oldest
    /// entries past the cap.
    pub fn push(&mut self, entry: Entry, line: &str, kind: Option<Kind>, seq: u64) {
        match kind {
            Some(Kind::Invoke | Kind::SendSync) => {
                self.waiting.insert(seq);
            }
            Some(kind) if kind.is_result() => {
                if let Some(request) = entry.get("ref").and_then(Value::as_u64) {
                    self.waiting.remove(&request);
                    self.held.remove(&request);
                }
            }
            _ => {}
        }
        self.entries.push_back(Stored::new(entry, line));
        while self.entries.len() > self.cap {
            let Some(oldest) = self.entries.pop_front() else {
                break;
            };
            let oldest_seq = self.first as u64 + 1;
            self.first += 1;
            if self.waiting.contains(&oldest_seq) {
                self.held.insert(oldest_seq, oldest);
            }
        }
    }

    /// Entries appended so far, let go or not.
    pub fn len(&self) -> usize {
        self.first + self.entries.len()
    }

    pub fn let_go(&self) -> usize {
        self.first
    }

    /// The entry at `index` (seq - 1), if memory still has it.
    pub fn get(&self, index: usize) -> Option<Arc<Entry>> {
        match index.checked_sub(self.first) {
            Some(at) => self.entries.get(at).map(Stored::entry),
            None => self.held.get(&(index as u64 + 1)).map(Stored::entry),
        }
    }

    /// The entries memory still has in `range` (indices), in order.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<Arc<Entry>> {
        let end = range.end.min(self.len()).saturating_sub(self.first);
        let start = range.start.saturating_sub(self.first).min(end);
        self.entries.range(start..end).map(Stored::entry).collect()
    }

    /// Whether the newest entry is a `quit` (the run has journaled its own end).
    pub fn last_is_quit(&self) -> bool {
        self.entries.back().is_some_and(|last| {
            let last = last.entry();
            Kind::of(&last) == Some(Kind::Lifecycle)
                && last.get("event").and_then(Value::as_str) == Some("quit")
        })
    }

    /// Requests let go while waiting for their result (kept until it comes).
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.held.len()
    }
}

/// A large entry as memory keeps it: each field longer than `LARGE_FIELD` as its preview (an
/// `args` array keeps its shape, each large argument previewed), and `marker` under `PREVIEW`
/// saying how long the full line is and where it is.
pub fn preview_of(entry: &Entry, marker: Value) -> Entry {
    let mut out = Map::with_capacity(entry.len() + 1);
    for (key, value) in entry {
        let kept = match value {
            Value::Array(items) if key == "args" => {
                Value::Array(items.iter().map(preview_if_large).collect())
            }
            other => preview_if_large(other),
        };
        out.insert(key.clone(), kept);
    }
    out.insert(PREVIEW.into(), marker);
    out
}

fn preview_if_large(value: &Value) -> Value {
    let small = match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => true,
        Value::String(text) => text.len() <= LARGE_FIELD,
        // Encoded length, counted without keeping the text.
        _ => encoded_len(value) <= LARGE_FIELD,
    };
    if small {
        return value.clone();
    }
    Value::String(match value {
        // A string stays a string, cut: not the quoted form a preview of a value shows.
        Value::String(text) => text.chars().take(PREVIEW_CHARS - 1).chain(['…']).collect(),
        other => crate::value::preview(other, PREVIEW_CHARS),
    })
}

fn encoded_len(value: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// Stands in for an entry whose text no longer parses: its seq and kind, and why.
fn unreadable(text: &str, why: &str) -> Entry {
    let number = |key: &str| {
        let start = text.find(&format!("\"{key}\":"))? + key.len() + 3;
        let digits: String = text[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u64>().ok()
    };
    let mut entry = Entry::new();
    entry.insert("seq".into(), number("seq").unwrap_or(0).into());
    entry.insert("kind".into(), "error".into());
    entry.insert(
        "text".into(),
        format!("this journal entry could not be read back from memory: {why}").into(),
    );
    entry
}
