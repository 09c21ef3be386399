//! `IPCSCOPE_TRACE=1`: each message is journaled with the stages it went through, on one clock
//! for every process, and the Chrome trace draws them; without it the journal has none.

mod common;

use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

/// Runs the roundtrip lab to its end, traced or not; its journal.
fn run(traced: bool) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("run.jsonl");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ipcscope"));
    command
        .arg("run")
        .arg(test_lab("roundtrip"))
        .args(["--headless", "--timeout", "30", "--record"])
        .arg(&journal)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .env_remove("IPCSCOPE_TRACE");
    if traced {
        command.env("IPCSCOPE_TRACE", "1");
    }
    let status = command.status().expect("ipcscope runs");
    assert!(status.success(), "{status}");
    read_journal(&journal)
}

fn stamp(entry: &Value, name: &str) -> i64 {
    entry["stages"][name]
        .as_i64()
        .unwrap_or_else(|| panic!("no '{name}' stage: {entry}"))
}

#[test]
fn a_traced_invoke_carries_its_stages_there_and_back() {
    let journal = run(true);
    let invoke = find(&journal, "invoke", "add").expect("the lab invokes 'add'");
    // main's own stages come in the order the message met them.
    let (renderer, main, dispatch, journaled) = (
        stamp(invoke, "renderer"),
        stamp(invoke, "main"),
        stamp(invoke, "dispatch"),
        stamp(invoke, "journal"),
    );
    assert!(
        renderer <= main && main <= dispatch && dispatch <= journaled,
        "{invoke}"
    );
    // The page stamped it too, in the page's world and in the preload's.
    stamp(invoke, "page");
    stamp(invoke, "preload");

    let result = journal
        .iter()
        .find(|e| e["kind"] == "invoke-result" && e["ref"] == invoke["seq"])
        .expect("the invoke's result");
    let (start, end) = (stamp(result, "handlerStart"), stamp(result, "handlerEnd"));
    assert!(journaled <= start && start <= end, "{result}");
    assert!(end <= stamp(result, "journal"), "{result}");

    // The way back comes with the page's next frame, naming the result it belongs to.
    let back = journal
        .iter()
        .find(|e| e["event"] == "stages" && e["ref"] == result["seq"])
        .expect("the stages of the answer's way back");
    let (out, delivered) = (stamp(back, "out"), stamp(back, "delivered"));
    assert!(
        stamp(result, "journal") <= out && out <= delivered,
        "{back}"
    );
    stamp(back, "resolved");
    stamp(back, "resumed");

    // The result still settled the page's call as without tracing.
    assert_eq!(result["result"], 5);
}

#[test]
fn without_the_flag_nothing_is_stamped() {
    let journal = run(false);
    assert!(find(&journal, "invoke", "add").is_some());
    assert!(
        journal
            .iter()
            .all(|e| e.get("stages").is_none() && e["event"] != "stages"),
        "an untraced run journals no stages"
    );
}

#[test]
fn a_traced_run_exports_each_stage_as_a_slice() {
    let journal = run(true);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    let lines: Vec<String> = journal.iter().map(Value::to_string).collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("trace.json");
    let status = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .arg("export")
        .arg(&path)
        .arg("--chrome-trace")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let trace: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let events = trace["traceEvents"].as_array().unwrap();
    let stage = |name: &str| {
        events
            .iter()
            .find(|e| e["ph"] == "X" && e["cat"] == "stage" && e["name"] == name)
            .unwrap_or_else(|| panic!("no '{name}' slice"))
    };
    let handler = stage("main.js handler");
    let pipe = stage("pipe to main");
    assert_ne!(
        handler["pid"], pipe["pid"],
        "main's stages on main's track, the page's on its window's"
    );
    stage("bridge: preload to page");
}
