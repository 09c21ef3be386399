//! Nothing lost, nothing stuck: the record file under a busy main.js, signals and `kill -9`,
//! and a recording with values nested deeper than serde's default limit replayed in full.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// `ipcscope run LAB --headless --record FILE --timeout 120`, for tests that signal it.
struct Run {
    child: Child,
    journal: PathBuf,
    _dir: tempfile::TempDir,
}

impl Run {
    fn start(lab: &Path) -> Run {
        Run::start_with(lab, &["--headless"])
    }

    fn start_with(lab: &Path, flags: &[&str]) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("j.jsonl");
        // A safety net, unless the test gives its own.
        let timeout: &[&str] = if flags.contains(&"--timeout") {
            &[]
        } else {
            &["--timeout", "120"]
        };
        let child = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
            .args(["run", lab.to_str().unwrap()])
            .args(flags)
            .arg("--record")
            .arg(&journal)
            .args(timeout)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Run {
            child,
            journal,
            _dir: dir,
        }
    }

    fn wait_for(&mut self, what: &str, done: impl Fn(&[Value]) -> bool) {
        let end = Instant::now() + PATIENCE;
        while !done(&read_journal(&self.journal)) {
            let exited = self.child.try_wait().unwrap().is_some();
            assert!(
                Instant::now() < end && !exited,
                "never saw {what}: {:#?}",
                read_journal(&self.journal)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, signal) }, 0);
    }

    /// Waits for the run to end by itself (within the test's patience).
    fn exit(&mut self) -> ExitStatus {
        let end = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < end, "ipcscope did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every line of the record file, each of which must be a whole JSON object.
    fn strict_journal(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(&self.journal).unwrap();
        text.lines()
            .enumerate()
            .map(|(i, line)| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("line {} is not whole JSON ({e}): {line}", i + 1))
            })
            .collect()
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spin_invoked(journal: &[Value]) -> bool {
    find(journal, "invoke", "spin").is_some()
}

#[test]
fn sigterm_while_main_js_spins_in_a_handler_ends_with_the_file_flushed_and_quit_journaled() {
    let mut run = Run::start(&test_lab("busy"));
    // The invoke reaches the file although main.js never goes idle after it.
    run.wait_for("the spin invoke in the record file", spin_invoked);
    run.signal(libc::SIGTERM);
    let status = run.exit();
    assert_eq!(status.code(), Some(143), "128 + SIGTERM");
    let journal = run.strict_journal();
    assert!(spin_invoked(&journal));
    let last = journal.last().unwrap();
    assert_eq!(last["kind"], "lifecycle", "{last}");
    assert_eq!(last["event"], "quit", "{last}");
    assert_eq!(last["signal"], "SIGTERM", "{last}");
    assert_eq!(
        entries(&journal, "lifecycle")
            .iter()
            .filter(|e| e["event"] == "quit")
            .count(),
        1
    );
    // Gracefully: main.js was interrupted in its handler, the window closed, then quit.
    assert!(
        has_error(
            &journal,
            "main.js was stopped in the middle of a call: the run was asked to stop"
        ),
        "{journal:#?}"
    );
    assert_window_closed_then_quit(&journal);
}

#[test]
fn a_timeout_holds_while_main_js_spins_in_a_handler() {
    let mut run = Run::start_with(&test_lab("busy"), &["--headless", "--timeout", "3"]);
    run.wait_for("the spin invoke in the record file", spin_invoked);
    // Well inside main.js's own 10 s limit on one call, the run's timeout ends it.
    assert_eq!(run.exit().code(), Some(124));
    let journal = run.strict_journal();
    assert!(
        has_error(
            &journal,
            "main.js was stopped in the middle of a call: the run's --timeout ran out"
        ),
        "{journal:#?}"
    );
    assert!(
        !has_error(&journal, "without returning to the event loop"),
        "the timeout, not the 10 s limit, stopped it"
    );
    let last = journal.last().unwrap();
    assert_eq!(
        (&last["event"], &last["reason"]),
        (&Value::from("quit"), &Value::from("timeout"))
    );
}

/// The run ended gracefully: its window closed, then the app quit.
fn assert_window_closed_then_quit(journal: &[Value]) {
    let events: Vec<&str> = entries(journal, "lifecycle")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(
        &events[events.len() - 2..],
        ["closed", "quit"],
        "{events:?}"
    );
}

fn has_error(journal: &[Value], text: &str) -> bool {
    entries(journal, "error")
        .iter()
        .any(|e| e["text"].as_str().is_some_and(|t| t.contains(text)))
}

#[test]
fn sigint_stops_an_idle_lab_gracefully_windows_closed_then_quit() {
    let mut run = Run::start(&samples().join("03-push"));
    run.wait_for("the page loaded", |j| {
        entries(j, "lifecycle")
            .iter()
            .any(|e| e["event"] == "loaded")
    });
    run.signal(libc::SIGINT);
    let status = run.exit();
    assert_eq!(status.code(), Some(130), "128 + SIGINT");
    let journal = run.strict_journal();
    assert_window_closed_then_quit(&journal);
    assert_eq!(journal.last().unwrap()["reason"], "stopped");
}

#[test]
fn sigterm_with_the_panel_ends_its_record_file_with_quit() {
    let mut run = Run::start_with(&samples().join("03-push"), &[]);
    run.wait_for("the page loaded", |j| {
        entries(j, "lifecycle")
            .iter()
            .any(|e| e["event"] == "loaded")
    });
    run.signal(libc::SIGTERM);
    assert_eq!(run.exit().code(), Some(143));
    let journal = run.strict_journal();
    let last = journal.last().unwrap();
    assert_eq!(
        (&last["event"], &last["signal"]),
        (&Value::from("quit"), &Value::from("SIGTERM"))
    );
}

#[test]
fn kill_9_leaves_a_record_file_that_parses_line_by_line() {
    let mut run = Run::start(&test_lab("busy"));
    run.wait_for("the spin invoke in the record file", spin_invoked);
    run.signal(libc::SIGKILL);
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&run.exit()),
        Some(libc::SIGKILL)
    );
    let journal = run.strict_journal();
    assert!(spin_invoked(&journal));
    for pair in journal.windows(2) {
        assert!(pair[0]["seq"].as_u64() < pair[1]["seq"].as_u64());
    }
}

fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Reads a journal whose lines may nest deeper than serde_json's default limit of 128.
fn read_deep_journal(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| {
            let mut reader = serde_json::Deserializer::from_str(line);
            reader.disable_recursion_limit();
            serde::Deserialize::deserialize(&mut reader).unwrap()
        })
        .collect()
}

#[test]
fn a_recording_with_values_600_levels_deep_replays_in_full() {
    let mut run = LabRun::start(&test_lab("deep"), None, 60);
    run.wait_for("the quit", |j| {
        entries(j, "lifecycle").iter().any(|e| e["event"] == "quit")
    });
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("deep.jsonl");
    std::fs::copy(&run.journal_path, &saved).unwrap();
    let (status, _, output) = run.finish();
    assert!(status.success(), "{status:?}\n{output}");
    let journal = read_deep_journal(&saved);
    let results = entries(&journal, "invoke-result");
    assert_eq!(results.len(), 2, "{journal:#?}");
    assert!(
        depth(&results[1]["result"]) >= 600,
        "the deep value was recorded"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .arg("replay")
        .arg(&saved)
        .arg(test_lab("deep"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("all 2 results match"), "{text}");
}
