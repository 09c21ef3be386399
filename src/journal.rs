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
mod tests {
    use std::path::PathBuf;

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

    #[test]
    fn entries_reach_the_record_file_without_anyone_flushing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::new();
        journal.record_to(&path).unwrap();
        journal.append(Kind::Invoke, json!({"channel": "busy", "args": []}));
        // Nobody calls flush (main.js is busy in a handler): the journal's own thread writes it.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::fs::read_to_string(&path).unwrap().is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "the entry never reached the file"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(parse_jsonl(&text).unwrap()[0]["channel"], "busy");
    }

    #[test]
    fn the_record_file_holds_whole_lines_only_at_every_moment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::new();
        journal.record_to(&path).unwrap();
        // Sizes around the write buffer's, so some entries straddle where it fills.
        for i in 0..200 {
            let text = "x".repeat((i * 997) % 20_000);
            journal.append(Kind::Send, json!({"channel": "c", "args": [text]}));
            let on_disk = std::fs::read(&path).unwrap();
            assert!(
                on_disk.is_empty() || on_disk.ends_with(b"\n"),
                "a half-written line after entry {i}"
            );
        }
        journal.flush();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(parse_jsonl(&text).unwrap().len(), 200);
    }

    #[test]
    fn sealing_journals_quit_once_and_closes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::new();
        journal.record_to(&path).unwrap();
        journal.append(Kind::Invoke, json!({"channel": "spin", "args": []}));
        assert!(journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
        assert!(!journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
        journal.append(Kind::Console, json!({"text": "after the end"}));
        let entries = read_jsonl(&path).unwrap();
        let kinds: Vec<&str> = entries
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["invoke", "lifecycle"]);
        assert_eq!(entries[1]["reason"], "signal");

        // A run that journaled its own quit gets no second one.
        let other = dir.path().join("k.jsonl");
        let journal = Journal::new();
        journal.record_to(&other).unwrap();
        journal.append(Kind::Lifecycle, json!({"event": "quit", "exitCode": 0}));
        assert!(!journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
        assert_eq!(read_jsonl(&other).unwrap().len(), 1);
    }

    #[test]
    fn every_double_in_the_args_reads_back_exactly() {
        let doubles: [f64; 7] = [
            1.797_693_134_862_315_7e308,
            5e-324,
            2.225_073_858_507_201_4e-308,
            0.1,
            -123_456_789.123_456_78,
            8.720_064_154_738_148e207,
            1e23,
        ];
        let journal = Journal::new();
        journal.append(
            Kind::Send,
            json!({"channel": "c", "args": doubles, "webContentsId": 1}),
        );
        let text = serde_json::to_string(journal.get(1).unwrap().as_ref()).unwrap();
        let back = parse_jsonl(&text).unwrap();
        let read: Vec<f64> = back[0]["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        for (read, wrote) in read.iter().zip(doubles) {
            assert_eq!(
                read.to_bits(),
                wrote.to_bits(),
                "{wrote:e} came back as {read:e}"
            );
        }
    }

    #[test]
    fn values_nested_past_serdes_default_limit_read_back() {
        let nested = |levels: usize| "[".repeat(levels) + "1" + &"]".repeat(levels);
        for levels in [126, 127, 128, 500, 4000] {
            let line = format!(
                r#"{{"seq":1,"kind":"invoke","channel":"deep","args":[{}],"webContentsId":1}}"#,
                nested(levels)
            );
            let entries = parse_jsonl(&line).unwrap_or_else(|e| panic!("{levels}: {e}"));
            assert!(entries[0]["args"][0].is_array());
        }
        let err = parse_jsonl(&format!(
            r#"{{"seq":1,"kind":"send","args":{}}}"#,
            nested(9000)
        ))
        .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("not an ipcscope journal: line 1 is not JSON (nested"));
    }

    #[test]
    fn a_message_entry_of_the_wrong_shape_is_refused_with_its_line() {
        let good = r#"{"seq":1,"kind":"send","channel":"c","args":[],"webContentsId":1}"#;
        let refused = |second: &str| {
            parse_jsonl(&format!("{good}\n\n{second}\n"))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused(r#"{"seq":2,"kind":"send","channel":5,"args":[]}"#),
            "not an ipcscope journal: line 3 is a send entry whose \"channel\" is 5, not a string"
        );
        assert_eq!(
            refused(r#"{"seq":2,"kind":"invoke","channel":"c","args":"notarray"}"#),
            "not an ipcscope journal: line 3 is a invoke entry whose \"args\" is \"notarray\", not an array"
        );
        assert_eq!(
            refused(r#"{"seq":2,"kind":"send-sync-result","channel":"c","result":1}"#),
            "not an ipcscope journal: line 3 is a send-sync-result entry with no \"ref\""
        );
        assert_eq!(
            refused(r#"{"seq":2,"kind":"push","channel":"c","args":[],"webContentsId":-1}"#),
            "not an ipcscope journal: line 3 is a push entry whose \"webContentsId\" is -1, not a window id"
        );
        assert_eq!(
            refused(r#"{"seq":2,"kind":"invoke-result","channel":"c","ref":"1","ok":true}"#),
            "not an ipcscope journal: line 3 is a invoke-result entry whose \"ref\" is \"1\", not a seq"
        );
        // Kinds without a channel, and kinds a later version may add, are taken as they are.
        let others = r#"{"seq":2,"kind":"console","process":"main","text":"x"}
{"seq":3,"kind":"something-new","channel":5}"#;
        assert_eq!(parse_jsonl(&format!("{good}\n{others}")).unwrap().len(), 3);
    }

    #[test]
    fn recording_never_overwrites_a_file_that_is_not_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let main_js = file("main.js", "const { app } = require('electron')\n");
        let err = check_record_target(&main_js).unwrap_err();
        assert!(err.contains("is not an ipcscope journal"), "{err}");
        let short = file("short.txt", "{}");
        assert!(check_record_target(&short).is_err());
        for fine in [
            file(
                "old.jsonl",
                "{\"seq\":1,\"time\":\"t\",\"kind\":\"send\"}\n",
            ),
            file("empty.jsonl", ""),
            dir.path().join("new.jsonl"),
            PathBuf::from("/dev/null"),
        ] {
            assert_eq!(check_record_target(&fine), Ok(()), "{}", fine.display());
        }
    }

    #[test]
    fn a_device_is_not_read_as_a_journal() {
        let err = read_jsonl(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read '/dev/zero': it is a device, not a journal file"
        );
    }
}
