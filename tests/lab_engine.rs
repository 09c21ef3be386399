//! The lab engine end to end: labs of our own, headless, in real webviews.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn a_lab_that_quits_exits_zero_and_journals_every_pattern() {
    let run = LabRun::start(&test_lab("roundtrip"), None, 60);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{status:?}\n{output}");

    let report = journal
        .iter()
        .find_map(|e| e["text"].as_str()?.strip_prefix("report "))
        .unwrap_or_else(|| panic!("no report in {journal:#?}"));
    let report: Value = serde_json::from_str(report).unwrap();
    assert_eq!(
        report,
        json!({
            "add": 5,
            "fails": "Error invoking remote method 'fails': Error: nope",
            "failsStackNamesIpcscope": false,
            "missing": "Error invoking remote method 'missing': Error: No handler registered for 'missing'",
            "sync": {"got": "是", "from": 1},
            "pong": 42,
            "require": "undefined",
            "ipcRenderer": "undefined",
            "apiFrozen": true,
        })
    );

    // app.md: app.quit() "will first try to close all the windows and then emit the
    // will-quit event, and in this case the window-all-closed event would not be emitted".
    let order: Vec<&str> = journal
        .iter()
        .filter_map(|e| e["text"].as_str()?.strip_prefix("quit order: "))
        .collect();
    assert_eq!(
        order,
        ["before-quit", "close", "closed", "will-quit", "quit"]
    );
    // The journal agrees: the window's closed entry, then the quit, last.
    let events: Vec<&str> = entries(&journal, "lifecycle")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(events.last(), Some(&"quit"));
    assert_eq!(events[events.len() - 2], "closed", "{events:?}");

    let invoke = find(&journal, "invoke", "add").unwrap();
    assert_eq!(invoke["args"], json!([2, 3]));
    let result = find(&journal, "invoke-result", "add").unwrap();
    assert_eq!(
        (result["ref"].clone(), result["result"].clone()),
        (invoke["seq"].clone(), json!(5))
    );
    let missing = find(&journal, "invoke-result", "missing").unwrap();
    assert_eq!(missing["ok"], false);
    assert_eq!(
        missing["error"],
        "Error invoking remote method 'missing': Error: No handler registered for 'missing'"
    );

    let sync = find(&journal, "send-sync", "sync").unwrap();
    let sync_result = find(&journal, "send-sync-result", "sync").unwrap();
    assert_eq!(sync_result["ref"], sync["seq"]);
    assert_eq!(sync_result["result"], json!({"got": "是", "from": 1}));
    assert!(sync_result["durationUs"].as_u64().is_some());

    let ping = find(&journal, "send", "ping").unwrap();
    let reply = find(&journal, "reply", "pong").unwrap();
    assert_eq!(reply["ref"], ping["seq"]);
    assert_eq!(reply["args"], json!([42]));

    let nobody = find(&journal, "push", "nobody-listens").unwrap();
    assert_eq!(nobody["listeners"], 0, "a push nobody listened to shows 0");

    // The forged frame was refused and journaled; only the preload's own 'done' got through.
    let dones: Vec<_> = journal
        .iter()
        .filter(|e| e["kind"] == "send" && e["channel"] == "done")
        .collect();
    assert_eq!(dones.len(), 1);
    assert_ne!(dones[0]["args"], json!(["forged"]));
    assert!(journal.iter().any(|e| e["kind"] == "error"
        && e["text"]
            .as_str()
            .unwrap_or_default()
            .contains("raw transport")));

    // Lifecycle: ready, created, navigating (the page started loading), loaded ... quit with
    // status 0; seq strictly increasing.
    // ("exposed", journaled while the preload runs, is checked in tests/conformance.rs.)
    let events: Vec<&str> = entries(&journal, "lifecycle")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .filter(|event| *event != "exposed")
        .collect();
    assert_eq!(&events[..4], ["ready", "created", "navigating", "loaded"]);
    assert_eq!(events.last(), Some(&"quit"));
    for pair in journal.windows(2) {
        assert!(pair[0]["seq"].as_u64() < pair[1]["seq"].as_u64());
    }
}

#[test]
fn timeout_stops_the_lab_with_status_124() {
    let run = LabRun::start(&test_lab("forever"), None, 1);
    let (status, journal, _) = run.finish();
    assert_eq!(status.code(), Some(124));
    let last = journal.last().unwrap();
    assert_eq!(
        (last["kind"].clone(), last["reason"].clone()),
        (json!("lifecycle"), json!("timeout"))
    );
}

#[test]
fn an_uncaught_exception_in_main_js_is_journaled_and_the_app_keeps_running() {
    let run = LabRun::start(&test_lab("main-throws"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let error = entries(&journal, "error")[0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(error.starts_with("Uncaught ReferenceError"), "{error}");
    assert!(output.contains("ReferenceError"), "printed too: {output}");
    assert!(has_console(&journal, "main", "still alive"));
}

#[test]
fn a_missing_lab_is_a_clear_error_with_status_2() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .args(["run", "/no/such/lab", "--headless"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no lab at '/no/such/lab'"), "{stderr}");
}

#[test]
fn a_timeout_too_long_for_a_clock_is_refused_with_status_2() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .args(["run", test_lab("forever").to_str().unwrap(), "--headless"])
        .args(["--timeout", "1e20"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--timeout 100000000000000000000 is too long"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
