//! Each mistake from the journal entries a lab making it writes, and what must not count.

use serde_json::{json, Value};

use super::*;

/// Numbers the entries 1, 2, 3 ... as the journal does and feeds them in order.
fn feed(entries: &[Value]) -> Problems {
    let mut problems = Problems::default();
    for (i, fields) in entries.iter().enumerate() {
        let mut entry = fields.as_object().expect("an object").clone();
        entry.insert("seq".into(), json!(i + 1));
        let kind = Kind::parse(entry["kind"].as_str().expect("a kind"));
        problems.apply(&entry, kind);
    }
    problems
}

fn only(problems: &Problems) -> &Problem {
    assert_eq!(problems.len(), 1, "{:#?}", problems.list());
    &problems.list()[0]
}

fn listener(process: &str, op: &str, channel: &str, wc: Option<u32>, at: &str) -> Value {
    let (file, line) = at.split_once(':').expect("file:line");
    let mut entry = json!({"kind": "listener", "process": process, "op": op, "channel": channel,
        "initiator": {"file": file, "line": line.parse::<u32>().unwrap(), "column": 5}});
    if let Some(wc) = wc {
        entry["webContentsId"] = json!(wc);
    }
    entry
}

fn push(channel: &str, listeners: u32) -> Value {
    json!({"kind": "push", "channel": channel, "args": ["hi"], "webContentsId": 1, "listeners": listeners})
}

#[test]
fn a_push_before_the_page_listens_is_found_when_the_listener_comes() {
    let problems = feed(&[
        json!({"kind": "lifecycle", "event": "created", "webContentsId": 1}),
        push("greeting", 0),
        json!({"kind": "lifecycle", "event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
    ]);
    // Until the page listens, nobody does.
    assert_eq!(only(&problems).kind, ProblemKind::PushUnheard);
    let problems = feed(&[
        json!({"kind": "lifecycle", "event": "created", "webContentsId": 1}),
        push("greeting", 0),
        json!({"kind": "lifecycle", "event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
        listener("renderer", "on", "greeting", Some(1), "preload.js:4"),
        push("greeting", 1),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (problem.kind, problem.subject.as_str(), problem.count),
        (ProblemKind::PushBeforeListener, "greeting", 1)
    );
    assert_eq!(problem.rows, [2, 4], "the push and the listener");
}

#[test]
fn a_push_nobody_ever_listens_to_counts_each_time() {
    let problems = feed(&[
        listener("renderer", "on", "other", Some(1), "preload.js:4"),
        push("testMsg", 0),
        push("testMsg", 0),
        // Another window listening on the channel does not change this one's pushes.
        listener("renderer", "on", "testMsg", Some(2), "preload.js:4"),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (problem.kind, problem.count, problem.rows.as_slice()),
        (ProblemKind::PushUnheard, 2, &[2, 3][..])
    );
}

#[test]
fn an_invoke_without_a_handler_and_one_whose_handler_came_late() {
    let rejected = |channel: &str, invoke: u64| {
        json!({"kind": "invoke-result", "channel": channel, "webContentsId": 1, "ref": invoke, "ok": false,
            "error": format!("Error invoking remote method '{channel}': Error: No handler registered for '{channel}'")})
    };
    let invoke = |channel: &str| json!({"kind": "invoke", "channel": channel, "args": [], "webContentsId": 1});
    let problems = feed(&[
        listener("main", "handle", "getVersion", None, "main.js:5"),
        invoke("get-version"),
        rejected("get-version", 2),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (
            problem.kind,
            problem.subject.as_str(),
            problem.rows.as_slice()
        ),
        (ProblemKind::NoHandler, "get-version", &[2][..]),
        "the invoke's row, which shows its result"
    );
    let problems = feed(&[
        invoke("load-settings"),
        rejected("load-settings", 1),
        invoke("load-settings"),
        rejected("load-settings", 3),
        listener("main", "handle", "load-settings", None, "main.js:11"),
        invoke("load-settings"),
        json!({"kind": "invoke-result", "channel": "load-settings", "ref": 6, "ok": true, "result": 1}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (problem.kind, problem.count, problem.rows.as_slice()),
        (ProblemKind::LateHandler, 2, &[1, 3, 5][..])
    );
}

#[test]
fn a_handler_removed_then_missed_is_not_a_late_handler() {
    let problems = feed(&[
        listener("main", "handleOnce", "once", None, "main.js:3"),
        listener("main", "removeHandler", "once", None, "main.js:3"),
        json!({"kind": "invoke", "channel": "once", "args": [], "webContentsId": 1}),
        json!({"kind": "invoke-result", "channel": "once", "ref": 3, "ok": false,
            "error": "Error invoking remote method 'once': Error: No handler registered for 'once'"}),
        listener("main", "handle", "once", None, "main.js:9"),
    ]);
    assert_eq!(only(&problems).kind, ProblemKind::NoHandler);
}

#[test]
fn a_second_handler_points_at_the_first_one() {
    let problems = feed(&[
        listener("main", "handle", "ping", None, "main.js:7"),
        json!({"kind": "lifecycle", "event": "created", "webContentsId": 1}),
        json!({"kind": "error", "process": "main", "text": "Unhandled promise rejection: Error: Attempted to register a second handler for 'ping'\n    at createWindow (main.js:7:11)"}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (
            problem.kind,
            problem.subject.as_str(),
            problem.rows.as_slice()
        ),
        (ProblemKind::SecondHandler, "ping", &[1, 3][..])
    );
}

#[test]
fn a_send_sync_left_without_return_value() {
    let problems = feed(&[
        listener("main", "on", "get-config", None, "main.js:6"),
        json!({"kind": "send-sync", "channel": "get-config", "args": [], "webContentsId": 1, "listeners": 1}),
        json!({"kind": "error", "process": "renderer", "webContentsId": 1, "text": "sendSync on 'get-config' from renderer #1 got no event.returnValue within 10 s; ipcscope answered undefined so the page can go on (Electron would keep it blocked)"}),
        json!({"kind": "send-sync-result", "channel": "get-config", "webContentsId": 1, "ref": 2, "result": {"$type": "undefined"}}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (
            problem.kind,
            problem.subject.as_str(),
            problem.rows.as_slice()
        ),
        (ProblemKind::NoReturnValue, "get-config", &[2, 3][..])
    );
}

#[test]
fn sends_nobody_hears_and_a_send_sync_nobody_hears_is_that_and_no_more() {
    let problems = feed(&[
        listener("main", "on", "setTitle", None, "main.js:7"),
        json!({"kind": "send", "channel": "set-title", "args": ["a"], "webContentsId": 1, "listeners": 0}),
        json!({"kind": "send", "channel": "set-title", "args": ["b"], "webContentsId": 1, "listeners": 0}),
        json!({"kind": "send", "channel": "setTitle", "args": ["c"], "webContentsId": 1, "listeners": 1}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (
            problem.kind,
            problem.subject.as_str(),
            problem.count,
            problem.rows.as_slice()
        ),
        (ProblemKind::SendUnheard, "set-title", 2, &[2, 3][..])
    );
    let problems = feed(&[
        json!({"kind": "send-sync", "channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        json!({"kind": "error", "process": "renderer", "webContentsId": 1, "text": "WebContents #1 called ipcRenderer.sendSync() with 'nobody' channel without listeners."}),
        json!({"kind": "error", "process": "renderer", "webContentsId": 1, "text": "sendSync on 'nobody' from renderer #1 got no event.returnValue within 10 s; ipcscope answered undefined so the page can go on (Electron would keep it blocked)"}),
        json!({"kind": "send-sync-result", "channel": "nobody", "webContentsId": 1, "ref": 1, "result": {"$type": "undefined"}}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (problem.kind, problem.count, problem.rows.as_slice()),
        (ProblemKind::SendUnheard, 1, &[1, 2, 3][..])
    );
    assert_eq!(problem.details, ["sendSync"]);
}

#[test]
fn one_line_adding_listeners_again_and_again_is_a_leak() {
    let on = || listener("renderer", "on", "progress", Some(1), "preload.js:5");
    let mut entries = vec![on(), push("progress", 1), on()];
    assert!(feed(&entries).is_empty(), "two are not yet a pile");
    entries.extend([push("progress", 2), on(), push("progress", 3), on()]);
    let problem = only(&feed(&entries)).clone();
    assert_eq!(
        (problem.kind, problem.subject.as_str(), problem.count),
        (ProblemKind::ListenerLeak, "progress", 4)
    );
    assert_eq!(problem.rows, [1, 3, 5, 7], "every listener added");
}

#[test]
fn listeners_removed_in_time_or_from_different_lines_are_no_leak() {
    let problems = feed(&[
        // once-style: each added listener is removed before the next.
        listener("renderer", "on", "tick", Some(1), "preload.js:5"),
        listener("renderer", "off", "tick", Some(1), "preload.js:5"),
        listener("renderer", "on", "tick", Some(1), "preload.js:5"),
        listener("renderer", "off", "tick", Some(1), "preload.js:5"),
        listener("renderer", "on", "tick", Some(1), "preload.js:5"),
        // Three different listeners on one channel, each registered once.
        listener("main", "on", "log", None, "main.js:3"),
        listener("main", "on", "log", None, "main.js:4"),
        listener("main", "on", "log", None, "main.js:5"),
        // A reload: the new page registers its listener again.
        listener("renderer", "on", "update", Some(1), "preload.js:9"),
        json!({"kind": "lifecycle", "event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
        listener("renderer", "on", "update", Some(1), "preload.js:9"),
        json!({"kind": "lifecycle", "event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
        listener("renderer", "on", "update", Some(1), "preload.js:9"),
    ]);
    assert!(problems.is_empty(), "{:#?}", problems.list());
}

#[test]
fn values_that_cannot_be_cloned_name_their_path() {
    let problems = feed(&[
        json!({"kind": "error", "process": "renderer", "webContentsId": 1, "text": "ipcRenderer.send('save-note'): An object could not be cloned: args[0].onDone is a Function"}),
        json!({"kind": "invoke", "channel": "get-user", "args": [], "webContentsId": 1}),
        json!({"kind": "error", "process": "main", "text": "Error occurred in handler for 'get-user': Error: An object could not be cloned.\n    at encodeValue (ipcscope:main_process.js:747:57) {\n  clonePath: 'result.greet is a Function'\n}"}),
        json!({"kind": "invoke-result", "channel": "get-user", "webContentsId": 1, "ref": 2, "ok": false, "error": "Error invoking remote method 'get-user': Error: An object could not be cloned."}),
        json!({"kind": "error", "process": "main", "text": "Error sending from webFrameMain:  Error: Failed to serialize arguments (args[0].cb is a Function)"}),
        json!({"kind": "error", "process": "main", "text": "Failed to serialize the returnValue of sendSync on 'sync': returnValue is a Symbol"}),
    ]);
    let found: Vec<(&str, usize, &[u64], &[String])> = problems
        .list()
        .iter()
        .map(|p| {
            assert_eq!(p.kind, ProblemKind::NotCloneable);
            (
                p.subject.as_str(),
                p.count,
                p.rows.as_slice(),
                p.details.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "save-note",
                1,
                &[1][..],
                &["args[0].onDone is a Function".to_string()][..]
            ),
            (
                "get-user",
                1,
                &[2, 3][..],
                &["result.greet is a Function".to_string()][..]
            ),
            (
                "",
                1,
                &[5][..],
                &["args[0].cb is a Function".to_string()][..]
            ),
            (
                "sync",
                1,
                &[6][..],
                &["returnValue is a Symbol".to_string()][..]
            ),
        ]
    );
}

#[test]
fn ipc_renderer_exposed_wholesale_and_nothing_for_a_small_api() {
    let problems = feed(&[
        json!({"kind": "lifecycle", "event": "exposed", "webContentsId": 1, "key": "electronAPI",
            "api": {"send": {"$type": "Function", "name": "send"}}}),
        json!({"kind": "lifecycle", "event": "exposed", "webContentsId": 1, "key": "ipc",
            "world": "main", "ipcRenderer": true}),
    ]);
    let problem = only(&problems);
    assert_eq!(
        (
            problem.kind,
            problem.subject.as_str(),
            problem.rows.as_slice()
        ),
        (ProblemKind::IpcRendererExposed, "ipc", &[2][..])
    );
}

#[test]
fn leaving_the_lab_counts_attempts_journaled_either_way() {
    let url = "https://www.electronjs.org/docs";
    let error = json!({"kind": "error", "process": "renderer", "webContentsId": 1,
        "text": format!("renderer #1: the page tried to leave the lab for '{url}'; ipcscope kept it where it was")});
    let blocked = |by: &str| json!({"kind": "lifecycle", "event": "navigation-blocked", "webContentsId": 1, "url": url, "by": by});
    // Today's journals: the error line only.
    let problem = only(&feed(&[error.clone(), error.clone()])).clone();
    assert_eq!(
        (problem.kind, problem.subject.as_str(), problem.count),
        (ProblemKind::LeftTheLab, url, 2)
    );
    // Both lines for one attempt are one attempt.
    let problem = only(&feed(&[blocked("ipcscope"), error.clone()])).clone();
    assert_eq!((problem.count, problem.rows.as_slice()), (1, &[1, 2][..]));
    assert_eq!(problem.details, ["ipcscope"]);
    let problem = only(&feed(&[blocked("will-navigate")])).clone();
    assert_eq!(problem.details, ["will-navigate"]);
}

#[test]
fn messages_fired_from_the_panel_are_not_the_labs_mistakes() {
    let problems = feed(&[
        json!({"kind": "push", "channel": "x", "args": [], "webContentsId": 1, "listeners": 0, "origin": "panel"}),
        json!({"kind": "send", "channel": "y", "args": [], "webContentsId": 1, "listeners": 0, "replayOf": 3}),
    ]);
    assert!(problems.is_empty(), "{:#?}", problems.list());
}

#[test]
fn clearing_forgets_the_problems_but_not_what_is_registered() {
    let mut problems = feed(&[
        listener("main", "handle", "ping", None, "main.js:7"),
        json!({"kind": "send", "channel": "y", "args": [], "webContentsId": 1, "listeners": 0}),
    ]);
    assert_eq!(problems.len(), 1);
    problems.clear();
    assert!(problems.is_empty());
    let mut second = json!({"kind": "error", "process": "main", "text": "Error: Attempted to register a second handler for 'ping'"})
        .as_object()
        .unwrap()
        .clone();
    second.insert("seq".into(), json!(3));
    problems.apply(&second, Some(Kind::Error));
    assert_eq!(
        only(&problems).rows,
        [1, 3],
        "the first handler is still known"
    );
}

#[test]
fn entries_of_unknown_kinds_or_odd_shapes_are_ignored() {
    let problems = feed(&[
        json!({"kind": "future-kind", "channel": "x", "listeners": 0}),
        json!({"kind": "push", "channel": 3, "listeners": "none"}),
        json!({"kind": "listener", "process": "renderer", "op": "on", "channel": "x"}),
        json!({"kind": "listener", "process": "main", "op": "emit", "channel": "x"}),
        json!({"kind": "invoke-result", "ok": false}),
        json!({"kind": "error", "text": "the page tried to leave the lab for '"}),
        json!({"kind": "error"}),
    ]);
    assert!(problems.is_empty(), "{:#?}", problems.list());
}

#[test]
#[ignore = "a measurement: cargo test --release --bin ipcscope problems_over_a_million -- --ignored --nocapture"]
fn problems_over_a_million_entries() {
    // As the model's million-row measurement: sends, invokes, their results and pushes; then the
    // same with every push dropped (a page that never listens), then the listener coming.
    let journal = |dropped: u32| -> Vec<(Entry, Option<Kind>)> {
        (0..1_000_000u64)
            .map(|i| {
                let fields = match i % 4 {
                    0 => json!({"kind": "send", "channel": "test-call", "args": [i], "webContentsId": 1, "listeners": 1}),
                    1 => json!({"kind": "invoke", "channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
                    2 => json!({"kind": "invoke-result", "channel": "readFileEvent", "webContentsId": 1, "ref": i, "ok": true, "result": "text"}),
                    _ => json!({"kind": "push", "channel": "testMsg", "args": [i], "webContentsId": 2, "listeners": 1 - dropped}),
                };
                let mut entry = fields.as_object().unwrap().clone();
                entry.insert("seq".into(), json!(i + 1));
                let kind = Kind::parse(entry["kind"].as_str().unwrap());
                (entry, kind)
            })
            .collect()
    };
    for dropped in [0, 1] {
        let entries = journal(dropped);
        let start = std::time::Instant::now();
        let mut problems = Problems::default();
        for (entry, kind) in &entries {
            problems.apply(entry, *kind);
        }
        eprintln!(
            "apply 1,000,000 entries ({} dropped pushes): {:?}",
            250_000 * dropped,
            start.elapsed()
        );
        if dropped == 1 {
            let mut on = listener("renderer", "on", "testMsg", Some(2), "preload.js:4")
                .as_object()
                .unwrap()
                .clone();
            on.insert("seq".into(), json!(1_000_001));
            let start = std::time::Instant::now();
            problems.apply(&on, Some(Kind::Listener));
            eprintln!("then the page's listener: {:?}", start.elapsed());
            assert_eq!(problems.list()[0].count, 250_000);
        } else {
            assert!(problems.is_empty());
        }
    }
}
