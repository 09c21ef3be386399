//! `ipcscope export JOURNAL --chrome-trace OUT.json`: a recorded run in Chrome's Trace Event
//! Format, so it opens in Perfetto or `chrome://tracing` beside the user's other traces.
//!
//! One process track for main and one per renderer (window). A request is a slice on the page's
//! track and its handler a slice on main's, joined by a flow arrow there and back; one-way
//! messages are short slices joined by one arrow; console, error, listener and lifecycle entries
//! are instant events. Slices that overlap in time (concurrent invokes, async handlers) go on
//! separate threads of their process, so no two slices on one thread overlap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;
use std::path::Path;

use serde_json::{json, Value};

use crate::journal::{read_jsonl, Entry};
use crate::replay::same_file;

mod stages;
#[cfg(test)]
mod tests;

/// The pid of main's track; a renderer's is `RENDERER_PID_BASE + webContentsId`.
const MAIN_PID: u64 = 1;
const RENDERER_PID_BASE: u64 = 100;
/// Instant events sit on thread 0; slices on threads 1, 2, ... of their process.
const EVENTS_TID: u64 = 0;
/// A one-way message has no measured length: this many microseconds keeps it visible.
const MESSAGE_US: f64 = 2.0;

/// What an export holds, for the one line the command prints.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub events: usize,
    pub messages: usize,
    pub windows: usize,
}

/// A slice before it has a thread: `pid`, start and length in microseconds from the first entry.
struct Slice {
    pid: u64,
    start: f64,
    dur: f64,
    name: String,
    cat: &'static str,
    args: Value,
}

/// A flow arrow from a point in one slice to a point in another (indices into the slices).
struct Flow {
    id: u64,
    from: (usize, f64),
    to: (usize, f64),
}

/// Reads JOURNAL and writes its trace to OUT; the error is the one line the user sees.
pub fn write(journal: &Path, out: &Path) -> Result<Summary, String> {
    if same_file(journal, out) {
        return Err(format!(
            "--chrome-trace '{}' is the journal itself: writing the trace would overwrite it",
            out.display()
        ));
    }
    check_trace_target(out)?;
    let entries = read_jsonl(journal).map_err(|e| format!("{}: {e}", journal.display()))?;
    let (trace, summary) = export(&entries);
    let cannot = |e: std::io::Error| format!("cannot write '{}': {e}", out.display());
    let file = std::fs::File::create(out).map_err(cannot)?;
    let mut file = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut file, &trace).map_err(|e| cannot(e.into()))?;
    file.flush().map_err(cannot)?;
    Ok(summary)
}

/// Refuses to write over a file that holds something other than an earlier trace, so a slip
/// like `--chrome-trace lab/main.js` loses nothing.
fn check_trace_target(out: &Path) -> Result<(), String> {
    use std::io::Read as _;
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if !meta.is_file() || meta.len() == 0 {
        return Ok(());
    }
    let mut start = [0u8; 14];
    let read = std::fs::File::open(out).and_then(|mut file| file.read_exact(&mut start));
    if read.is_ok() && &start == b"{\"traceEvents\"" {
        return Ok(());
    }
    Err(format!(
        "--chrome-trace '{}' already holds something that is not a trace; writing would overwrite it: remove it or choose another file",
        out.display()
    ))
}

/// The Trace Event Format document for a run's journal entries, and what it holds.
pub fn export(entries: &[Entry]) -> (Value, Summary) {
    let origin = entries.iter().filter_map(time_us).min().unwrap_or(0);
    let at = |entry: &Entry| time_us(entry).map_or(0.0, |t| (t - origin) as f64);
    let results: HashMap<u64, &Entry> = entries
        .iter()
        .filter(|e| matches!(kind(e), "invoke-result" | "send-sync-result"))
        .filter_map(|e| Some((e.get("ref")?.as_u64()?, e)))
        .collect();
    // With IPCSCOPE_TRACE, each result's way back (by the result's seq).
    let backs: HashMap<u64, &Entry> = entries
        .iter()
        .filter(|e| {
            kind(e) == "lifecycle" && e.get("event").and_then(Value::as_str) == Some("stages")
        })
        .filter_map(|e| Some((e.get("ref")?.as_u64()?, e)))
        .collect();
    let result_seqs: HashSet<u64> = results
        .values()
        .filter_map(|r| r.get("seq")?.as_u64())
        .collect();
    // Requests drawn as slices; a result without one is an instant of its own.
    let drawn: HashSet<u64> = entries
        .iter()
        .filter(|e| matches!(kind(e), "invoke" | "send-sync") && e.contains_key("webContentsId"))
        .filter_map(|e| e.get("seq")?.as_u64())
        .collect();

    let mut slices = Vec::new();
    let mut flows = Vec::new();
    let mut instants = Vec::new();
    let mut windows = BTreeMap::new();
    let mut messages = 0;
    for entry in entries {
        let seq = entry.get("seq").and_then(Value::as_u64).unwrap_or(0);
        let wc = entry.get("webContentsId").and_then(Value::as_u64);
        if let Some(wc) = wc {
            windows.insert(wc, ());
        }
        let page = wc.map(|wc| RENDERER_PID_BASE + wc);
        let channel = entry.get("channel").and_then(Value::as_str).unwrap_or("");
        let t = at(entry);
        match (kind(entry), page) {
            (request @ ("invoke" | "send-sync"), Some(page)) => {
                messages += 1;
                let result = results.get(&seq);
                let handled_us = result
                    .and_then(|r| r.get("durationUs"))
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0)
                    .max(MESSAGE_US);
                let answered = result.map_or(t + handled_us, |r| at(r).max(t + handled_us));
                let caller = push_slice(
                    &mut slices,
                    Slice {
                        pid: page,
                        start: t,
                        dur: answered - t + MESSAGE_US,
                        name: format!("{request} {channel}"),
                        cat: "ipc",
                        args: message_args(entry, result.copied()),
                    },
                );
                let handler = push_slice(
                    &mut slices,
                    Slice {
                        pid: MAIN_PID,
                        start: t,
                        dur: handled_us,
                        name: format!("handler {channel}"),
                        cat: "handler",
                        args: json!({ "seq": seq }),
                    },
                );
                flows.push(Flow {
                    id: seq * 2,
                    from: (caller, t),
                    to: (handler, t),
                });
                if result.is_some() {
                    flows.push(Flow {
                        id: seq * 2 + 1,
                        from: (handler, t + handled_us - MESSAGE_US / 4.0),
                        to: (caller, answered + MESSAGE_US / 2.0),
                    });
                }
                let back = result
                    .and_then(|r| r.get("seq")?.as_u64())
                    .and_then(|s| backs.get(&s).copied());
                let road = stages::Road {
                    request: entry,
                    result: result.copied(),
                    back,
                };
                slices.extend(stages::slices(&road, page, t));
            }
            ("send", Some(page)) => {
                messages += 1;
                one_way(&mut slices, &mut flows, entry, (page, MAIN_PID), t, seq);
                let road = stages::Road {
                    request: entry,
                    result: None,
                    back: None,
                };
                slices.extend(stages::slices(&road, page, t));
            }
            ("push" | "reply", Some(page)) => {
                messages += 1;
                one_way(&mut slices, &mut flows, entry, (MAIN_PID, page), t, seq);
            }
            ("invoke-result" | "send-sync-result", _) => {
                let answers = entry.get("ref").and_then(Value::as_u64);
                if !answers.is_some_and(|r| drawn.contains(&r)) {
                    instants.push(instant(entry, MAIN_PID, t));
                }
            }
            // Drawn as the steps of the answer it belongs to.
            ("lifecycle", _)
                if entry.get("event").and_then(Value::as_str) == Some("stages")
                    && entry
                        .get("ref")
                        .and_then(Value::as_u64)
                        .is_some_and(|r| result_seqs.contains(&r)) => {}
            ("console", _) if entry.get("process").and_then(Value::as_str) == Some("renderer") => {
                instants.push(instant(entry, page.unwrap_or(MAIN_PID), t));
            }
            ("listener", _) if entry.get("process").and_then(Value::as_str) == Some("renderer") => {
                instants.push(instant(entry, page.unwrap_or(MAIN_PID), t));
            }
            _ => instants.push(instant(entry, MAIN_PID, t)),
        }
    }

    let threads = assign_threads(&slices);
    let mut events = metadata(&windows, &slices, &threads);
    for (slice, tid) in slices.iter().zip(&threads) {
        events.push(json!({
            "name": slice.name, "cat": slice.cat, "ph": "X", "ts": slice.start,
            "dur": slice.dur, "pid": slice.pid, "tid": tid, "args": slice.args,
        }));
    }
    for flow in &flows {
        let (from, from_ts) = flow.from;
        let (to, to_ts) = flow.to;
        events.push(json!({
            "name": "ipc", "cat": "flow", "ph": "s", "id": flow.id, "ts": from_ts,
            "pid": slices[from].pid, "tid": threads[from],
        }));
        events.push(json!({
            "name": "ipc", "cat": "flow", "ph": "f", "bp": "e", "id": flow.id, "ts": to_ts,
            "pid": slices[to].pid, "tid": threads[to],
        }));
    }
    events.extend(instants);
    let summary = Summary {
        events: events.len(),
        messages,
        windows: windows.len(),
    };
    let document = json!({ "traceEvents": events, "displayTimeUnit": "ms" });
    (document, summary)
}

/// A one-way message: a short slice where it was sent, one where it arrived, an arrow between.
fn one_way(
    slices: &mut Vec<Slice>,
    flows: &mut Vec<Flow>,
    entry: &Entry,
    (from_pid, to_pid): (u64, u64),
    t: f64,
    seq: u64,
) {
    let what = kind(entry);
    let channel = entry.get("channel").and_then(Value::as_str).unwrap_or("");
    let listeners = entry.get("listeners").and_then(Value::as_u64);
    let sent = push_slice(
        slices,
        Slice {
            pid: from_pid,
            start: t,
            dur: MESSAGE_US,
            name: format!("{what} {channel}"),
            cat: "ipc",
            args: message_args(entry, None),
        },
    );
    let heard = push_slice(
        slices,
        Slice {
            pid: to_pid,
            start: t,
            dur: MESSAGE_US,
            name: match listeners {
                Some(0) => format!("{channel} (no listener)"),
                Some(n) => format!("{channel} ({n} listeners)"),
                None => channel.to_string(),
            },
            cat: "listener",
            args: json!({ "seq": seq }),
        },
    );
    flows.push(Flow {
        id: seq * 2,
        from: (sent, t),
        to: (heard, t + MESSAGE_US / 2.0),
    });
}

fn push_slice(slices: &mut Vec<Slice>, slice: Slice) -> usize {
    slices.push(slice);
    slices.len() - 1
}

/// The fields a reader of the trace wants beside a message's slice.
fn message_args(entry: &Entry, result: Option<&Entry>) -> Value {
    let mut args = serde_json::Map::new();
    for key in [
        "seq",
        "channel",
        "webContentsId",
        "args",
        "listeners",
        "ref",
    ] {
        if let Some(value) = entry.get(key) {
            args.insert(key.to_string(), value.clone());
        }
    }
    if let Some(result) = result {
        for key in ["ok", "result", "error", "durationUs"] {
            if let Some(value) = result.get(key) {
                args.insert(key.to_string(), value.clone());
            }
        }
    }
    Value::Object(args)
}

/// An entry with no length (console, error, listener, lifecycle) as an instant on a track.
fn instant(entry: &Entry, pid: u64, t: f64) -> Value {
    let name = match kind(entry) {
        "console" => format!(
            "console.{}",
            entry.get("level").and_then(Value::as_str).unwrap_or("log")
        ),
        "lifecycle" => entry
            .get("event")
            .and_then(Value::as_str)
            .unwrap_or("lifecycle")
            .to_string(),
        other => other.to_string(),
    };
    json!({
        "name": name, "cat": kind(entry), "ph": "i", "s": "t", "ts": t,
        "pid": pid, "tid": EVENTS_TID, "args": Value::Object(entry.clone()),
    })
}

/// Each slice's thread: the lowest-numbered thread of its process free at its start, so slices
/// on one thread never overlap.
fn assign_threads(slices: &[Slice]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..slices.len()).collect();
    order.sort_by(|&a, &b| slices[a].start.total_cmp(&slices[b].start));
    let mut busy_until: HashMap<u64, Vec<f64>> = HashMap::new();
    let mut threads = vec![0; slices.len()];
    for index in order {
        let slice = &slices[index];
        let lanes = busy_until.entry(slice.pid).or_default();
        let lane = match lanes.iter().position(|&end| end <= slice.start) {
            Some(lane) => lane,
            None => {
                lanes.push(0.0);
                lanes.len() - 1
            }
        };
        lanes[lane] = slice.start + slice.dur;
        threads[index] = lane as u64 + 1;
    }
    threads
}

/// Names for every process and thread the trace uses, main first.
fn metadata(windows: &BTreeMap<u64, ()>, slices: &[Slice], threads: &[u64]) -> Vec<Value> {
    let mut events = vec![
        json!({"name": "process_name", "ph": "M", "pid": MAIN_PID, "tid": EVENTS_TID,
               "args": {"name": "main process (main.js)"}}),
        json!({"name": "process_sort_index", "ph": "M", "pid": MAIN_PID, "tid": EVENTS_TID,
               "args": {"sort_index": 0}}),
    ];
    for wc in windows.keys() {
        let pid = RENDERER_PID_BASE + wc;
        events.push(
            json!({"name": "process_name", "ph": "M", "pid": pid, "tid": EVENTS_TID,
                           "args": {"name": format!("renderer: window {wc}")}}),
        );
        events.push(json!({"name": "process_sort_index", "ph": "M", "pid": pid,
                           "tid": EVENTS_TID, "args": {"sort_index": wc}}));
    }
    let mut named = BTreeMap::new();
    for (slice, &tid) in slices.iter().zip(threads) {
        named.insert((slice.pid, tid), ());
    }
    let pids = std::iter::once(MAIN_PID).chain(windows.keys().map(|wc| RENDERER_PID_BASE + wc));
    for pid in pids {
        named.insert((pid, EVENTS_TID), ());
    }
    for &(pid, tid) in named.keys() {
        let name = match (pid == MAIN_PID, tid) {
            (_, EVENTS_TID) => "events".to_string(),
            (true, 1) => "handlers".to_string(),
            (true, n) => format!("handlers {n}"),
            (false, 1) => "page".to_string(),
            (false, n) => format!("page {n}"),
        };
        events.push(
            json!({"name": "thread_name", "ph": "M", "pid": pid, "tid": tid,
                           "args": {"name": name}}),
        );
    }
    events
}

fn kind(entry: &Entry) -> &str {
    entry.get("kind").and_then(Value::as_str).unwrap_or("")
}

/// An entry's `time` in microseconds since the epoch.
fn time_us(entry: &Entry) -> Option<i64> {
    let text = entry.get("time")?.as_str()?;
    let time = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(time.timestamp_micros())
}
