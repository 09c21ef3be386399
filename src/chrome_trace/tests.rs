use serde_json::{json, Value};

use super::*;

fn entry(value: Value) -> Entry {
    value.as_object().unwrap().clone()
}

fn at(micros: u32) -> String {
    format!("2026-12-01T10:00:00.{micros:06}Z")
}

fn slices(trace: &Value, pid: u64) -> Vec<&Value> {
    trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "X" && e["pid"] == pid)
        .collect()
}

#[test]
fn an_invoke_is_a_wait_in_the_page_a_handler_in_main_and_arrows_there_and_back() {
    let journal = [
        entry(
            json!({"seq": 1, "time": at(0), "kind": "invoke", "channel": "add",
                     "webContentsId": 1, "args": [1, 2]}),
        ),
        entry(
            json!({"seq": 2, "time": at(900), "kind": "invoke-result", "ref": 1,
                     "ok": true, "result": 3, "durationUs": 800, "webContentsId": 1}),
        ),
    ];
    let (trace, summary) = export(&journal);
    assert_eq!((summary.messages, summary.windows), (1, 1));
    let page = slices(&trace, RENDERER_PID_BASE + 1);
    let main = slices(&trace, MAIN_PID);
    assert_eq!(page.len(), 1);
    assert_eq!(page[0]["name"], "invoke add");
    assert_eq!(page[0]["args"]["result"], 3);
    assert_eq!(main[0]["name"], "handler add");
    assert_eq!(main[0]["dur"], 800.0);
    // The page waits at least as long as the handler ran.
    assert!(page[0]["dur"].as_f64().unwrap() >= 900.0);
    let flows: Vec<(&str, u64)> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["cat"] == "flow")
        .map(|e| (e["ph"].as_str().unwrap(), e["pid"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        flows,
        [
            ("s", RENDERER_PID_BASE + 1),
            ("f", MAIN_PID),
            ("s", MAIN_PID),
            ("f", RENDERER_PID_BASE + 1)
        ]
    );
}

#[test]
fn concurrent_invokes_go_on_separate_threads_so_slices_never_overlap() {
    let mut journal = Vec::new();
    for n in 0..3u32 {
        journal.push(entry(
            json!({"seq": n + 1, "time": at(n * 10), "kind": "invoke",
                                  "channel": "slow", "webContentsId": 1, "args": []}),
        ));
    }
    for n in 0..3u32 {
        journal.push(entry(
            json!({"seq": n + 4, "time": at(5000 + n), "kind": "invoke-result",
                                  "ref": n + 1, "ok": true, "result": null,
                                  "durationUs": 4990, "webContentsId": 1}),
        ));
    }
    let (trace, _) = export(&journal);
    let mut tids: Vec<u64> = slices(&trace, MAIN_PID)
        .iter()
        .map(|s| s["tid"].as_u64().unwrap())
        .collect();
    tids.sort();
    assert_eq!(tids, [1, 2, 3]);
    let names: Vec<&str> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name" && e["pid"] == MAIN_PID)
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert!(names.contains(&"handlers 3"), "{names:?}");
}

#[test]
fn a_push_goes_from_main_to_the_window_and_says_who_heard_it() {
    let journal = [entry(
        json!({"seq": 1, "time": at(0), "kind": "push", "channel": "tick",
                                "webContentsId": 2, "args": [], "listeners": 0}),
    )];
    let (trace, summary) = export(&journal);
    assert_eq!(slices(&trace, MAIN_PID)[0]["name"], "push tick");
    assert_eq!(
        slices(&trace, RENDERER_PID_BASE + 2)[0]["name"],
        "tick (no listener)"
    );
    assert_eq!(summary.windows, 1);
}

#[test]
fn entries_without_length_are_instants_on_their_process() {
    let journal = [
        entry(json!({"seq": 1, "time": at(0), "kind": "lifecycle", "event": "ready"})),
        entry(
            json!({"seq": 2, "time": at(5), "kind": "console", "process": "renderer",
                     "level": "warn", "text": "hi", "webContentsId": 1}),
        ),
        entry(
            json!({"seq": 3, "time": at(7), "kind": "invoke-result", "ref": 99,
                     "ok": false, "error": "x"}),
        ),
    ];
    let (trace, summary) = export(&journal);
    let instants: Vec<(&str, u64)> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "i")
        .map(|e| (e["name"].as_str().unwrap(), e["pid"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        instants,
        [
            ("ready", MAIN_PID),
            ("console.warn", RENDERER_PID_BASE + 1),
            ("invoke-result", MAIN_PID)
        ]
    );
    assert_eq!(summary.messages, 0);
    // Timestamps count from the run's first entry.
    assert_eq!(
        trace["traceEvents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["ph"] == "i")
            .unwrap()["ts"],
        0.0
    );
}

#[test]
fn a_traced_invoke_shows_each_stage_on_the_process_it_happens_in() {
    // Stamps on the shared clock (µs); the invoke was journaled at its `journal` stamp.
    let journal = [
        entry(json!({"seq": 0, "time": at(0), "kind": "lifecycle", "event": "ready"})),
        entry(
            json!({"seq": 1, "time": at(100), "kind": "invoke", "channel": "rt",
            "webContentsId": 1, "args": [1],
            "stages": {"page": 1000, "preload": 1010, "renderer": 1030, "main": 1060,
                       "dispatch": 1070, "journal": 1100}}),
        ),
        entry(
            json!({"seq": 2, "time": at(300), "kind": "invoke-result", "ref": 1, "ok": true,
            "result": 1, "durationUs": 150, "webContentsId": 1,
            "stages": {"handlerStart": 1150, "handlerEnd": 1250, "dispatch": 1250, "journal": 1260}}),
        ),
        entry(
            json!({"seq": 3, "time": at(400), "kind": "lifecycle", "event": "stages", "ref": 2,
            "webContentsId": 1,
            "stages": {"out": 1280, "delivered": 1330, "resolved": 1350, "resumed": 1360}}),
        ),
    ];
    let (trace, _) = export(&journal);
    let stage = |pid: u64, name: &str| -> (f64, f64) {
        let found = slices(&trace, pid)
            .into_iter()
            .find(|s| s["cat"] == "stage" && s["name"] == name)
            .unwrap_or_else(|| panic!("no stage '{name}' on {pid}"));
        (
            found["ts"].as_f64().unwrap(),
            found["dur"].as_f64().unwrap(),
        )
    };
    let page = RENDERER_PID_BASE + 1;
    // The page's stamps line up with the entry's time: 1000 is 100 µs before the journal's 1100.
    assert_eq!(stage(page, "bridge: page to preload"), (0.0, 10.0));
    assert_eq!(stage(page, "pipe to main"), (30.0, 30.0));
    assert_eq!(stage(MAIN_PID, "main.js handler"), (150.0, 100.0));
    assert_eq!(stage(MAIN_PID, "answer sent"), (260.0, 20.0));
    assert_eq!(stage(page, "bridge: preload to page"), (350.0, 10.0));
    // The way back is drawn as steps, not as an instant of its own.
    let events = trace["traceEvents"].as_array().unwrap();
    assert!(!events
        .iter()
        .any(|e| e["ph"] == "i" && e["name"] == "stages"));
    // Slices on any one thread still never overlap.
    let mut by_thread: HashMap<(u64, u64), Vec<(f64, f64)>> = HashMap::new();
    for e in events.iter().filter(|e| e["ph"] == "X") {
        let start = e["ts"].as_f64().unwrap();
        by_thread
            .entry((e["pid"].as_u64().unwrap(), e["tid"].as_u64().unwrap()))
            .or_default()
            .push((start, start + e["dur"].as_f64().unwrap()));
    }
    for spans in by_thread.values_mut() {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "{pair:?} overlap");
        }
    }
}

#[test]
fn an_untraced_run_has_no_stage_slices() {
    let journal = [entry(
        json!({"seq": 1, "time": at(0), "kind": "invoke", "channel": "rt",
        "webContentsId": 1, "args": []}),
    )];
    let (trace, _) = export(&journal);
    let events = trace["traceEvents"].as_array().unwrap();
    assert!(!events.iter().any(|e| e["cat"] == "stage"));
}
