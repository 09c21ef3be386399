//! The journal: every IPC message and lifecycle event, numbered and timestamped, streamed as
//! JSON lines to `--record FILE` as it happens and kept in memory for the panel: the newest
//! entries only (a cap), compactly, large values as previews (`memory`, `readback`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use serde_json::{json, Map, Value};

mod jsonl;
mod kind;
mod listener_op;
mod memory;
mod readback;
#[cfg(test)]
mod tests_memory;
pub use jsonl::{check_record_target, read_jsonl, write_jsonl};
#[cfg(test)]
pub use jsonl::{parse_jsonl, ReadError};
pub use kind::{Kind, Outcome};
pub use listener_op::{Change, ListenerOp};
pub use memory::{cap_from_env, CAP_VARIABLE, DEFAULT_CAP, LARGE_ENTRY, PREVIEW};
pub use readback::full_entry;

/// One journal entry: a JSON object holding at least `seq`, `time` and `kind`.
pub type Entry = Map<String, Value>;

/// Called after every append, e.g. to wake the panel.
pub type Notify = Box<dyn Fn() + Send>;

/// The shared, append-only record of one lab run.
#[derive(Clone, Default)]
pub struct Journal {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    /// The newest entries, as memory keeps them.
    kept: memory::Kept,
    /// Where entries are written whole, to read back what memory no longer holds.
    files: readback::Files,
    sink: Option<BufWriter<File>>,
    sink_error: Option<String>,
    notify: Option<Notify>,
    /// Entries written to the sink's buffer since it was last flushed.
    unflushed: bool,
    /// One entry as JSON text with its newline, reused: it enters the sink's buffer whole, so
    /// the file only ever holds whole lines, even after `kill -9`.
    line: Vec<u8>,
    /// A thread flushes the sink every `FLUSH_EVERY` (started with the first `record_to`).
    flusher: bool,
}

impl Default for Inner {
    fn default() -> Inner {
        Inner::with_cap(cap_from_env(CAP_VARIABLE, DEFAULT_CAP))
    }
}

/// Longest an entry waits in memory before it reaches the record file, however busy main.js
/// is: the core also flushes whenever it goes idle, so a quiet run is current at once.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// Journals recording to a file, so a signal or an internal error can still finish their
/// files. Weak: a journal nobody uses any more is not kept alive.
static RECORDING: Mutex<Vec<Weak<Mutex<Inner>>>> = Mutex::new(Vec::new());

impl Journal {
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes what is buffered to the record file; the core calls it whenever it goes idle, and
    /// a thread of the journal's own at least every `FLUSH_EVERY` while entries wait.
    pub fn flush(&self) {
        self.lock().flush();
    }

    /// A journal keeping at most `cap` entries in memory (the record file gets them all).
    #[cfg(test)]
    pub fn with_cap(cap: usize) -> Self {
        Journal {
            inner: Arc::new(Mutex::new(Inner::with_cap(cap))),
        }
    }

    /// A journal holding saved entries as they are (a session opened to study offline).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let journal = Self::default();
        {
            let mut inner = journal.lock();
            for entry in entries {
                let seq = entry.get("seq").and_then(Value::as_u64).unwrap_or(0);
                let text = serde_json::to_string(&entry).unwrap_or_default();
                let kind = Kind::of(&entry);
                inner.kept.push(entry, &text, kind, seq);
            }
        }
        journal
    }

    /// Streams every entry, from now on, to `path` as one JSON object per line.
    pub fn record_to(&self, path: &Path) -> std::io::Result<()> {
        let file = File::create(path)?;
        let mut inner = self.lock();
        inner.sink = Some(BufWriter::new(file));
        inner.files.recording_to(path);
        if !inner.flusher {
            inner.flusher = true;
            drop(inner);
            self.start_flusher();
            let mut recording = RECORDING.lock().unwrap_or_else(|p| p.into_inner());
            recording.retain(|j| j.strong_count() > 0);
            recording.push(Arc::downgrade(&self.inner));
        }
        Ok(())
    }

    /// Flushes the record file every `FLUSH_EVERY` while entries wait, so they reach it even
    /// while main.js runs a long handler and the core never goes idle. Ends with the journal.
    fn start_flusher(&self) {
        let journal = Arc::downgrade(&self.inner);
        let started = std::thread::Builder::new()
            .name("journal flush".into())
            .spawn(move || loop {
                std::thread::sleep(FLUSH_EVERY);
                let Some(inner) = journal.upgrade() else {
                    break;
                };
                let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
                if inner.unflushed {
                    inner.flush();
                }
            });
        if started.is_err() {
            // No thread: the core's flush when idle still writes the file.
            self.lock().flusher = false;
        }
    }

    pub fn on_append(&self, notify: Notify) {
        self.lock().notify = Some(notify);
    }

    /// Appends an entry of `kind` with the given fields, stamping `seq` and `time`; returns seq.
    pub fn append(&self, kind: Kind, fields: Value) -> u64 {
        self.lock().append(kind, fields)
    }

    /// Entries appended so far, including those let go from memory.
    pub fn len(&self) -> usize {
        self.lock().kept.len()
    }

    /// How many of the oldest entries were let go from memory to save it (the record file
    /// still has them): indices below this are no longer in `slice`.
    pub fn let_go(&self) -> usize {
        self.lock().kept.let_go()
    }

    /// One line saying how many entries were let go from memory, if any were (printed when a
    /// headless run ends: what memory kept is all a run without a record file has).
    pub fn let_go_summary(&self) -> Option<String> {
        let inner = self.lock();
        let let_go = inner.kept.let_go();
        if let_go == 0 {
            return None;
        }
        let kept = inner.kept.len() - let_go;
        Some(match inner.files.record_path() {
            Some(path) => format!(
                "{let_go} older journal entries were let go from memory to save it, {kept} kept; all {} are in the record file {}",
                inner.kept.len(),
                path.display()
            ),
            None => format!(
                "{let_go} older journal entries were let go from memory to save it, {kept} kept (run with --record FILE to keep them all)"
            ),
        })
    }

    /// The record file, if the run is recorded.
    pub fn record_path(&self) -> Option<std::path::PathBuf> {
        self.lock().files.record_path().map(Path::to_path_buf)
    }

    /// Entries in `range` (0-based indices) that memory still has, in order: those let go are
    /// left out, and a large entry comes as its preview (see `full`).
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<Arc<Entry>> {
        self.lock().kept.slice(range)
    }

    /// The entry numbered `seq`, as memory keeps it, if it still does.
    #[cfg(test)]
    pub fn get(&self, seq: u64) -> Option<Arc<Entry>> {
        let index = usize::try_from(seq).ok()?.checked_sub(1)?;
        self.lock().kept.get(index)
    }

    /// The whole entry numbered `seq`: from memory, or read back from the file that has it
    /// when memory keeps only its preview or let it go. Err says, in one line, why not.
    pub fn full(&self, seq: u64) -> Result<Arc<Entry>, String> {
        let index = usize::try_from(seq)
            .ok()
            .and_then(|s| s.checked_sub(1))
            .ok_or("there is no such journal entry")?;
        let mut inner = self.lock();
        if index >= inner.kept.len() {
            return Err("there is no such journal entry".into());
        }
        // What is read back must be in the file, not in the write buffer.
        inner.flush();
        match inner.kept.get(index) {
            Some(entry) => {
                drop(inner);
                full_entry(&entry)
            }
            None => inner.files.read_by_seq(seq).map(Arc::new),
        }
    }

    /// The first error met while writing the record file, if any (the run goes on without it).
    pub fn sink_error(&self) -> Option<String> {
        self.lock().sink_error.clone()
    }

    /// Ends the record file when the run cannot end by itself in time (a signal while main.js
    /// is busy): journals `quit` with `fields` unless the run already has, flushes, and writes
    /// nothing more to the file. Returns whether this call journaled the quit.
    pub fn seal_with_quit(&self, fields: Value) -> bool {
        let mut inner = self.lock();
        let quit_already = inner.kept.last_is_quit();
        let journaled = !quit_already && inner.sink.is_some();
        if journaled {
            inner.append(Kind::Lifecycle, fields);
        }
        inner.flush();
        inner.sink = None;
        journaled
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves entries intact; keep serving them.
        self.inner
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl Inner {
    fn with_cap(cap: usize) -> Inner {
        Inner {
            kept: memory::Kept::with_cap(cap),
            files: readback::Files::default(),
            sink: None,
            sink_error: None,
            notify: None,
            unflushed: false,
            line: Vec::new(),
            flusher: false,
        }
    }

    fn append(&mut self, kind: Kind, fields: Value) -> u64 {
        let mut entry = Entry::new();
        let seq = self.kept.len() as u64 + 1;
        entry.insert("seq".into(), json!(seq));
        entry.insert("time".into(), json!(now_rfc3339()));
        entry.insert("kind".into(), json!(kind.as_str()));
        if let Value::Object(fields) = fields {
            entry.extend(fields);
        }
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        // Serializing a JSON map into memory cannot fail.
        let _ = serde_json::to_writer(&mut line, &entry);
        line.push(b'\n');
        let in_record = self.write_line(&line, seq);
        if line.len() > LARGE_ENTRY {
            let marker = self.files.marker_for(&line, in_record);
            let preview = memory::preview_of(&entry, marker);
            let text = serde_json::to_string(&preview).unwrap_or_default();
            self.kept.push(preview, &text, Some(kind), seq);
        } else {
            let text = String::from_utf8_lossy(&line[..line.len() - 1]);
            self.kept.push(entry, &text, Some(kind), seq);
        }
        // A huge entry leaves a huge buffer behind: keep a modest one.
        if line.capacity() > 1 << 20 {
            line = Vec::new();
        }
        self.line = line;
        if let Some(notify) = &self.notify {
            notify();
        }
        seq
    }

    /// Writes one entry's line (with its newline) to the record file's buffer, whole; returns
    /// whether it went in.
    fn write_line(&mut self, line: &[u8], seq: u64) -> bool {
        let Some(sink) = self.sink.as_mut() else {
            return false;
        };
        self.unflushed = true;
        match sink.write_all(line) {
            Ok(()) => {
                self.files.wrote(seq, line.len());
                true
            }
            Err(err) => {
                self.sink_error = Some(err.to_string());
                self.sink = None;
                self.files.record_failed();
                false
            }
        }
    }

    fn flush(&mut self) {
        self.unflushed = false;
        if let Some(sink) = self.sink.as_mut() {
            if let Err(err) = sink.flush() {
                self.sink_error = Some(err.to_string());
                self.sink = None;
                self.files.record_failed();
            }
        }
    }
}

/// Every journal recording to a file, for a signal or an internal error to finish.
pub fn recording() -> Vec<Journal> {
    let recording = RECORDING.lock().unwrap_or_else(|p| p.into_inner());
    recording
        .iter()
        .filter_map(Weak::upgrade)
        .map(|inner| Journal { inner })
        .collect()
}

/// Flushes every record file whose journal is not locked at this moment: for a panic hook,
/// which must not wait on a lock the panicking thread may hold.
pub fn flush_recording_without_waiting() {
    let Ok(recording) = RECORDING.try_lock() else {
        return;
    };
    for inner in recording.iter().filter_map(Weak::upgrade) {
        if let Ok(mut inner) = inner.try_lock() {
            inner.flush();
        }
    }
}

/// RFC 3339 UTC with microseconds, as the journal format requires.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests;
