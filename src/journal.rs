//! The journal: every IPC message and lifecycle event, numbered and timestamped, kept in memory
//! for the panel and streamed as JSON lines to `--record FILE` as it happens.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

/// One journal entry: a JSON object holding at least `seq`, `time` and `kind`.
pub type Entry = Map<String, Value>;

/// Called after every append, e.g. to wake the panel.
pub type Notify = Box<dyn Fn() + Send>;

/// The shared, append-only record of one lab run.
#[derive(Clone, Default)]
pub struct Journal {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    entries: Vec<Arc<Entry>>,
    sink: Option<BufWriter<File>>,
    sink_error: Option<String>,
    notify: Option<Notify>,
}

impl Journal {
    pub fn new() -> Self {
        Self::default()
    }

    /// Streams every entry, from now on, to `path` as one JSON object per line.
    pub fn record_to(&self, path: &Path) -> std::io::Result<()> {
        let file = File::create(path)?;
        self.lock().sink = Some(BufWriter::new(file));
        Ok(())
    }

    pub fn on_append(&self, notify: Notify) {
        self.lock().notify = Some(notify);
    }

    /// Appends an entry of `kind` with the given fields, stamping `seq` and `time`; returns seq.
    pub fn append(&self, kind: &str, fields: Value) -> u64 {
        let mut entry = Entry::new();
        let mut inner = self.lock();
        let seq = inner.entries.len() as u64 + 1;
        entry.insert("seq".into(), json!(seq));
        entry.insert("time".into(), json!(now_rfc3339()));
        entry.insert("kind".into(), json!(kind));
        if let Value::Object(fields) = fields {
            entry.extend(fields);
        }
        if let Some(sink) = inner.sink.as_mut() {
            // Flushed per entry: other tools tail the file while the lab runs.
            let written = serde_json::to_writer(&mut *sink, &entry)
                .map_err(std::io::Error::from)
                .and_then(|_| sink.write_all(b"\n"))
                .and_then(|_| sink.flush());
            if let Err(err) = written {
                inner.sink_error = Some(err.to_string());
                inner.sink = None;
            }
        }
        inner.entries.push(Arc::new(entry));
        if let Some(notify) = &inner.notify {
            notify();
        }
        seq
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Entries in `range` (0-based indices), clipped to what exists.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<Arc<Entry>> {
        let inner = self.lock();
        let end = range.end.min(inner.entries.len());
        let start = range.start.min(end);
        inner.entries[start..end].to_vec()
    }

    /// The first error met while writing the record file, if any (the run goes on without it).
    pub fn sink_error(&self) -> Option<String> {
        self.lock().sink_error.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves entries intact; keep serving them.
        self.inner
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// RFC 3339 UTC with microseconds, as the journal format requires.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seq_counts_up_from_one_and_fields_are_kept() {
        let journal = Journal::new();
        let a = journal.append("send", json!({"channel": "c", "args": ["你好"]}));
        let b = journal.append(
            "console",
            json!({"process": "main", "level": "log", "text": "x"}),
        );
        assert_eq!((a, b), (1, 2));
        let entries = journal.slice(0..usize::MAX);
        assert_eq!(entries[0]["kind"], "send");
        assert_eq!(entries[0]["args"], json!(["你好"]));
        assert_eq!(entries[1]["seq"], 2);
        assert_eq!(journal.slice(1..9).len(), 1);
        assert!(journal.slice(5..9).is_empty());
    }

    #[test]
    fn time_is_rfc3339_utc_with_microseconds() {
        let journal = Journal::new();
        journal.append("lifecycle", json!({"event": "ready"}));
        let time = journal.slice(0..usize::MAX)[0]["time"]
            .as_str()
            .unwrap()
            .to_string();
        let parsed = chrono::DateTime::parse_from_rfc3339(&time).expect("valid RFC 3339");
        assert_eq!(parsed.offset().local_minus_utc(), 0);
        assert!(time.ends_with('Z'), "{time}");
        let fraction = time.rsplit('.').next().unwrap();
        assert_eq!(fraction.len(), "123456Z".len(), "{time}");
    }

    #[test]
    fn record_file_gets_one_json_object_per_line_as_it_happens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::new();
        journal.record_to(&path).unwrap();
        journal.append("send", json!({"channel": "a"}));
        // Readable before the journal is dropped: the file is flushed per entry.
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1);
        journal.append("push", json!({"channel": "b", "listeners": 0}));
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["kind"], "push");
        assert_eq!(lines[1]["listeners"], 0);
        assert_eq!(lines[1]["seq"], 2);
    }
}
