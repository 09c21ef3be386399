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
        window_reports(j).len() == 2 && find(j, "send", "last-words").is_some()
    });
    for (window, report) in window_reports(&journal) {
        let report: Value = serde_json::from_str(&report).expect("a report in JSON");
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
