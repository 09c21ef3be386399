//! The shim posts a task's frames to the renderer together (one postMessage, one frame per
//! line). The page and main must not be able to tell: main takes every send, in order, before
//! the sendSync that followed them, and a page that hangs after a send has still sent it.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn sends_of_one_task_reach_main_in_order_before_a_later_send_sync() {
    let mut run = LabRun::start(&test_lab("batched-sends"), None, 90);
    let journal = run.wait_for("both reports and the hanging page's send", |j| {
        reports(j).len() == 2 && find(j, "send", "last-words").is_some()
    });
    for (window, report) in reports(&journal) {
        assert_eq!(
            report,
            json!({"answered": 300, "received": 300, "inOrder": true}),
            "window {window}"
        );
    }
    let sends = journal
        .iter()
        .filter(|e| e["kind"] == "send" && e["channel"] == "n")
        .count();
    assert_eq!(sends, 600, "every send journaled, in both windows");
}

/// Each window's `REPORT ID {...}` console line: its id and what main found.
fn reports(journal: &[Value]) -> Vec<(String, Value)> {
    journal
        .iter()
        .filter(|e| e["kind"] == "console" && e["process"] == "main")
        .filter_map(|e| e["text"].as_str()?.strip_prefix("REPORT "))
        .filter_map(|rest| rest.split_once(' '))
        .filter_map(|(id, report)| Some((id.to_string(), serde_json::from_str(report).ok()?)))
        .collect()
}
