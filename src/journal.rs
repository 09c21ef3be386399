//! The journal: every IPC message and lifecycle event, numbered and timestamped, kept in memory
//! for the panel and streamed as JSON lines to `--record FILE` as it happens.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

mod kind;
pub use kind::{Kind, Outcome};

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

    /// Writes what is buffered to the record file; the core calls it whenever it goes idle.
    pub fn flush(&self) {
        let mut inner = self.lock();
        if let Some(sink) = inner.sink.as_mut() {
            if let Err(err) = sink.flush() {
                inner.sink_error = Some(err.to_string());
                inner.sink = None;
            }
        }
    }

    /// A journal holding saved entries as they are (a session opened to study offline).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let journal = Self::default();
        journal.lock().entries = entries.into_iter().map(Arc::new).collect();
        journal
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
    pub fn append(&self, kind: Kind, fields: Value) -> u64 {
        let mut entry = Entry::new();
        let mut inner = self.lock();
        let seq = inner.entries.len() as u64 + 1;
        entry.insert("seq".into(), json!(seq));
        entry.insert("time".into(), json!(now_rfc3339()));
        entry.insert("kind".into(), json!(kind.as_str()));
        if let Value::Object(fields) = fields {
            entry.extend(fields);
        }
        if let Some(sink) = inner.sink.as_mut() {
            // Buffered: the core flushes whenever it goes idle (`flush`), so a file others tail
            // is current as soon as a burst of messages has been handled.
            let written = serde_json::to_writer(&mut *sink, &entry)
                .map_err(std::io::Error::from)
                .and_then(|_| sink.write_all(b"\n"));
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

    /// The entry numbered `seq`, if there is one.
    pub fn get(&self, seq: u64) -> Option<Arc<Entry>> {
        let index = usize::try_from(seq).ok()?.checked_sub(1)?;
        self.lock().entries.get(index).cloned()
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

/// Why a file could not be read as a journal.
#[derive(Debug, PartialEq)]
pub enum ReadError {
    Unreadable(String),
    NotAJournal { line: usize, why: String },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unreadable(why) => write!(f, "{why}"),
            ReadError::NotAJournal { line, why } => {
                write!(f, "not an ipcscope journal: line {line} {why}")
            }
        }
    }
}

/// Reads a saved journal (JSONL): every non-empty line must be an object with a numeric `seq`
/// and a string `kind`, as `--record` writes them.
pub fn read_jsonl(path: &Path) -> Result<Vec<Entry>, ReadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Unreadable(format!("cannot read '{}': {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| ReadError::NotAJournal {
        line: 0,
        why: format!("is not UTF-8 text ({e})"),
    })?;
    parse_jsonl(&text)
}

pub fn parse_jsonl(text: &str) -> Result<Vec<Entry>, ReadError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let not = |why: String| ReadError::NotAJournal {
            line: index + 1,
            why,
        };
        let entry = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(entry)) => entry,
            Ok(_) => return Err(not("is not a JSON object".into())),
            Err(e) => return Err(not(format!("is not JSON ({e})"))),
        };
        if !entry.get("seq").is_some_and(Value::is_u64)
            || !entry.get("kind").is_some_and(Value::is_string)
        {
            return Err(not("has no numeric \"seq\" and string \"kind\"".into()));
        }
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(ReadError::NotAJournal {
            line: 0,
            why: "holds no entries".into(),
        });
    }
    Ok(entries)
}

/// Writes entries as JSONL, one object per line, in the order given (the panel's export).
pub fn write_jsonl<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for entry in entries {
        serde_json::to_writer(&mut out, entry)?;
        out.write_all(b"\n")?;
    }
    out.flush()
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
        let a = journal.append(Kind::Send, json!({"channel": "c", "args": ["你好"]}));
        let b = journal.append(
            Kind::Console,
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
    fn a_saved_journal_reads_back_and_other_files_are_refused_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("saved.jsonl");
        let journal = Journal::new();
        journal.append(Kind::Send, json!({"channel": "a", "args": ["你好"]}));
        journal.append(Kind::Invoke, json!({"channel": "b", "args": []}));
        let entries = journal.slice(0..usize::MAX);
        write_jsonl(&path, entries.iter().map(|e| e.as_ref())).unwrap();
        let back = read_jsonl(&path).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0]["args"], json!(["你好"]));
        assert_eq!(journal.get(2).unwrap()["channel"], "b");
        assert!(journal.get(0).is_none() && journal.get(3).is_none());

        let bad = parse_jsonl("{\"seq\":1,\"kind\":\"send\"}\n[1,2]\n").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "not an ipcscope journal: line 2 is not a JSON object"
        );
        let bad = parse_jsonl("{\"name\":\"x\"}").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "not an ipcscope journal: line 1 has no numeric \"seq\" and string \"kind\""
        );
        assert!(matches!(
            read_jsonl(&dir.path().join("missing.jsonl")),
            Err(ReadError::Unreadable(_))
        ));
    }

    #[test]
    fn time_is_rfc3339_utc_with_microseconds() {
        let journal = Journal::new();
        journal.append(Kind::Lifecycle, json!({"event": "ready"}));
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
        journal.append(Kind::Send, json!({"channel": "a"}));
        // Readable while the journal lives, once flushed (the core flushes when idle).
        journal.flush();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1);
        journal.append(Kind::Push, json!({"channel": "b", "listeners": 0}));
        journal.flush();
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
