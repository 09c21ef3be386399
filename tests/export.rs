//! `ipcscope export JOURNAL --chrome-trace OUT.json` on a real run: the output keeps the Trace
//! Event Format's rules (required fields, matched flow ids, flows bound to slices, no two slices
//! of one thread overlapping), so Perfetto and chrome://tracing open it as the run happened.

mod common;

use std::collections::HashMap;
use std::process::Command;

use common::*;
use serde_json::Value;

fn export(journal: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .arg("export")
        .arg(journal)
        .arg("--chrome-trace")
        .arg(out)
        .output()
        .unwrap()
}

/// Every rule of the format a viewer relies on; panics naming the first event that breaks one.
fn check_trace_event_format(trace: &Value) {
    let events = trace["traceEvents"].as_array().expect("traceEvents array");
    let mut slices: HashMap<(u64, u64), Vec<(f64, f64)>> = HashMap::new();
    let mut named_processes = Vec::new();
    for event in events {
        let ph = event["ph"]
            .as_str()
            .unwrap_or_else(|| panic!("no ph: {event}"));
        assert!(event["name"].is_string(), "no name: {event}");
        let pid = event["pid"]
            .as_u64()
            .unwrap_or_else(|| panic!("no pid: {event}"));
        let tid = event["tid"]
            .as_u64()
            .unwrap_or_else(|| panic!("no tid: {event}"));
        if ph == "M" {
            assert!(event["args"].is_object(), "metadata without args: {event}");
            if event["name"] == "process_name" {
                named_processes.push(pid);
            }
            continue;
        }
        let ts = event["ts"]
            .as_f64()
            .unwrap_or_else(|| panic!("no ts: {event}"));
        assert!(ts >= 0.0, "{event}");
        match ph {
            "X" => {
                let dur = event["dur"]
                    .as_f64()
                    .unwrap_or_else(|| panic!("no dur: {event}"));
                assert!(dur >= 0.0, "{event}");
                slices.entry((pid, tid)).or_default().push((ts, ts + dur));
            }
            "i" => assert!(
                ["g", "p", "t"].contains(&event["s"].as_str().unwrap()),
                "{event}"
            ),
            "s" | "f" => assert!(event["id"].is_u64() && event["cat"].is_string(), "{event}"),
            other => panic!("unexpected phase {other}: {event}"),
        }
    }
    for (track, spans) in &mut slices {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(
                pair[1].0 >= pair[0].1,
                "slices overlap on {track:?}: {pair:?}"
            );
        }
        assert!(
            named_processes.contains(&track.0),
            "process {} has no name",
            track.0
        );
    }
    let mut flows: HashMap<u64, Vec<&str>> = HashMap::new();
    for event in events.iter().filter(|e| e["ph"] == "s" || e["ph"] == "f") {
        let id = event["id"].as_u64().unwrap();
        flows
            .entry(id)
            .or_default()
            .push(event["ph"].as_str().unwrap());
        let track = (
            event["pid"].as_u64().unwrap(),
            event["tid"].as_u64().unwrap(),
        );
        let ts = event["ts"].as_f64().unwrap();
        let bound = slices
            .get(&track)
            .is_some_and(|spans| spans.iter().any(|&(start, end)| start <= ts && ts <= end));
        assert!(
            bound,
            "flow point outside every slice of its thread: {event}"
        );
    }
    for (id, phases) in flows {
        assert_eq!(
            phases,
            ["s", "f"],
            "flow {id} is not one start and one finish"
        );
    }
}

#[test]
fn a_recorded_run_exports_as_a_valid_trace_with_each_message_drawn() {
    let run = LabRun::start(&test_lab("roundtrip"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let dir = tempfile::tempdir().unwrap();
    let journal_path = dir.path().join("run.jsonl");
    let lines: Vec<String> = journal.iter().map(Value::to_string).collect();
    std::fs::write(&journal_path, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("trace.json");

    let result = export(&journal_path, &out);
    let said = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(
        said.starts_with("wrote ") && said.contains("1 windows"),
        "{said}"
    );
    let trace: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    check_trace_event_format(&trace);

    let events = trace["traceEvents"].as_array().unwrap();
    let slice = |name: &str| {
        events
            .iter()
            .find(|e| e["ph"] == "X" && e["name"] == name)
            .unwrap_or_else(|| panic!("no slice {name}"))
    };
    let invoke = slice("invoke add");
    let handler = slice("handler add");
    assert_ne!(
        invoke["pid"], handler["pid"],
        "the page and main are separate tracks"
    );
    assert_eq!(invoke["args"]["result"], 5, "api.add(2, 3)");
    for (name, pid) in [
        ("send-sync sync", &invoke["pid"]),
        ("push nobody-listens", &handler["pid"]),
    ] {
        assert_eq!(&slice(name)["pid"], pid, "{name}");
    }
    let sent = journal.iter().filter(|e| {
        ["send", "invoke", "send-sync", "push", "reply"].contains(&e["kind"].as_str().unwrap())
    });
    let arrows_out = events.iter().filter(|e| e["ph"] == "s").count();
    let results =
        entries(&journal, "invoke-result").len() + entries(&journal, "send-sync-result").len();
    assert_eq!(
        arrows_out,
        sent.count() + results,
        "one arrow per message and per answer"
    );
}

#[test]
fn export_refuses_to_overwrite_the_journal_or_a_file_that_is_not_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("run.jsonl");
    let line =
        r#"{"seq":1,"time":"2026-12-01T10:00:00.000000Z","kind":"lifecycle","event":"ready"}"#;
    std::fs::write(&journal, format!("{line}\n")).unwrap();
    let precious = dir.path().join("main.js");
    std::fs::write(&precious, "// a lab's code\n").unwrap();
    for out in [&journal, &precious] {
        let result = export(&journal, out);
        assert_eq!(result.status.code(), Some(2));
        let said = String::from_utf8_lossy(&result.stderr);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(said.contains("overwrite"), "{said}");
    }
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "// a lab's code\n"
    );

    let missing = export(&dir.path().join("none.jsonl"), &dir.path().join("t.json"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("none.jsonl"));

    // A second export over the first trace is the normal way to refresh it.
    let out = dir.path().join("t.json");
    assert!(export(&journal, &out).status.success());
    assert!(export(&journal, &out).status.success());
}
