//! The diagram's layout from journals: the three samples as they are journaled, and the cases a
//! student meets (a lost push, a failed invoke, a sendSync, two windows).

use std::sync::Arc;

use serde_json::{json, Value};

use super::*;
use crate::journal::{Journal, Kind};
use crate::panel::model::Model;

pub fn model(list: &[(&str, Value)]) -> Model {
    let journal = Journal::new();
    for (kind, fields) in list {
        journal.append(Kind::parse(kind).expect("a journal kind"), fields.clone());
    }
    let mut model = Model::new();
    model.ingest(journal.slice(0..usize::MAX));
    model
}

fn at(file: &str, line: u32, function: Option<&str>) -> Value {
    match function {
        Some(f) => json!({"file": file, "line": line, "column": 5, "function": f}),
        None => json!({"file": file, "line": line, "column": 5}),
    }
}

/// The arrows, as (seq, kind, from, to).
fn arrows(model: &Model) -> Vec<(u64, Kind, Lane, Lane)> {
    model
        .sequence
        .steps()
        .iter()
        .filter_map(|s| s.arrow().map(|a| (s.seq, a.kind, a.from, a.to)))
        .collect()
}

fn arrow(model: &Model, seq: u64) -> &Arrow {
    let step = model.sequence.step_by_seq(seq).expect("a step");
    model
        .sequence
        .step(step)
        .and_then(Step::arrow)
        .expect("an arrow")
}

fn marker_lane(model: &Model, seq: u64) -> Lane {
    let step = model.sequence.step_by_seq(seq).expect("a step");
    match model.sequence.step(step).map(|s| &s.shape) {
        Some(Shape::Marker { lane, .. }) => *lane,
        other => panic!("#{seq} is not a marker: {other:?}"),
    }
}

fn window_opens(wc: u32, key: &str, api: Value) -> Vec<(&'static str, Value)> {
    vec![
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": wc, "pid": 4000 + wc, "title": "lab"}),
        ),
        (
            "lifecycle",
            json!({"event": "navigating", "webContentsId": wc, "url": "file:///lab/index.html"}),
        ),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": wc, "key": key, "api": api}),
        ),
        (
            "lifecycle",
            json!({"event": "loaded", "webContentsId": wc, "url": "file:///lab/index.html"}),
        ),
    ]
}

/// sample-pages/01-send, journaled: a listener, the window, one press of the button.
pub fn send_sample() -> Vec<(&'static str, Value)> {
    let mut list = vec![
        (
            "listener",
            json!({"process": "main", "op": "on", "channel": "test-call", "initiator": at("main.js", 15, None)}),
        ),
        ("lifecycle", json!({"event": "ready"})),
    ];
    list.extend(window_opens(
        1,
        "electronAPI",
        json!({"sendMsg": {"$type": "Function", "name": "sendMsg"}}),
    ));
    list.extend([
        (
            "send",
            json!({"channel": "test-call", "args": ["你好，能听到我说话吗？"], "webContentsId": 1, "listeners": 1,
                   "initiator": at("preload.js", 4, Some("sendMsg"))}),
        ),
        (
            "console",
            json!({"process": "main", "level": "log", "text": "主进程收到消息: 你好，能听到我说话吗？"}),
        ),
    ]);
    list
}

/// sample-pages/02-invoke, journaled: the handler, the window, the invoke on load and its answer.
pub fn invoke_sample() -> Vec<(&'static str, Value)> {
    let mut list = vec![
        ("lifecycle", json!({"event": "ready"})),
        (
            "listener",
            json!({"process": "main", "op": "handle", "channel": "readFileEvent", "initiator": at("main.js", 18, None)}),
        ),
    ];
    list.extend(window_opens(
        1,
        "electronAPI",
        json!({"readFile": {"$type": "Function", "name": "readFile"}}),
    ));
    list.extend([
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1,
                   "initiator": at("preload.js", 4, Some("readFile"))}),
        ),
        (
            "console",
            json!({"process": "main", "level": "log", "text": "a.txt"}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 7, "ok": true,
                   "result": "这是 a.txt 的内容", "durationUs": 551, "initiator": at("main.js", 21, None)}),
        ),
    ]);
    list
}

/// sample-pages/03-push, journaled: the push on load, then a press that asks for another.
pub fn push_sample() -> Vec<(&'static str, Value)> {
    let mut list = vec![
        (
            "listener",
            json!({"process": "main", "op": "on", "channel": "please-push", "initiator": at("main.js", 22, None)}),
        ),
        ("lifecycle", json!({"event": "ready"})),
    ];
    list.extend(window_opens(
        1,
        "electronAPI",
        json!({"onTestMsg": {"$type": "Function", "name": "onTestMsg"},
               "askForMsg": {"$type": "Function", "name": "askForMsg"}}),
    ));
    list.extend([
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": 1,
                   "initiator": at("preload.js", 4, Some("onTestMsg"))}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": ["你好啊，我是主进程"], "webContentsId": 1, "listeners": 1,
                   "initiator": at("main.js", 17, None)}),
        ),
        (
            "send",
            json!({"channel": "please-push", "args": [], "webContentsId": 1, "listeners": 1,
                   "initiator": at("preload.js", 6, Some("askForMsg"))}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": ["你好啊，我是主进程（第 2 次）"], "webContentsId": 1, "listeners": 1,
                   "cause": 9, "initiator": at("main.js", 24, None)}),
        ),
    ]);
    list
}

#[test]
fn the_send_sample_goes_from_the_page_through_the_bridge_to_main() {
    let m = model(&send_sample());
    let s = &m.sequence;
    assert_eq!(s.lanes(), [Lane::Page(1), Lane::Preload(1), Lane::Main]);
    assert_eq!(arrows(&m), [(7, Kind::Send, Lane::Page(1), Lane::Main)]);
    let send = arrow(&m, 7);
    assert_eq!(send.call.as_deref(), Some("electronAPI.sendMsg"));
    assert!(send.crosses_preload() && send.crosses_bridge() && !send.lost);
    // Received by the ipcMain.on registered at main.js:15.
    let receiver = send.receiver.as_ref().expect("the listener that heard it");
    assert_eq!(
        Initiator::of(receiver).map(|i| i.place()).as_deref(),
        Some("main.js:15")
    );
    // Lifecycle events sit on their lanes: the app's on main, the window's on the page, what
    // the preload exposed on the preload; main's console line on main.
    assert_eq!(marker_lane(&m, 1), Lane::Main);
    assert_eq!(marker_lane(&m, 2), Lane::Main);
    assert_eq!(marker_lane(&m, 3), Lane::Page(1));
    assert_eq!(marker_lane(&m, 5), Lane::Preload(1));
    assert_eq!(marker_lane(&m, 6), Lane::Page(1));
    assert_eq!(marker_lane(&m, 8), Lane::Main);
    // Markers take one unit, arrows two: 7 markers and one arrow.
    assert_eq!(s.height(), 7 * MARKER_UNITS + ARROW_UNITS);
    assert_eq!(s.arrows(), 1);
}

#[test]
fn the_invoke_sample_pairs_the_request_with_its_answer() {
    let m = model(&invoke_sample());
    assert_eq!(
        arrows(&m),
        [
            (7, Kind::Invoke, Lane::Page(1), Lane::Main),
            (9, Kind::InvokeResult, Lane::Main, Lane::Page(1)),
        ]
    );
    let request = m.sequence.step_by_seq(7).unwrap();
    let answer = m.sequence.step_by_seq(9).unwrap();
    assert_eq!(arrow(&m, 7).pair, Some(answer));
    assert_eq!(arrow(&m, 9).pair, Some(request));
    assert!(!arrow(&m, 9).failed);
    // Both arrows belong to the invoke's log row, whose entry the answer step draws.
    let step = m.sequence.step(answer).unwrap();
    assert_eq!(m.row(step.row as usize).unwrap().seq, 7);
    assert_eq!(m.step_entry(step).unwrap()["durationUs"], json!(551));
    // main.js is at work on it from the request to the answer.
    assert_eq!(
        m.sequence.spans_over(0..m.sequence.steps().len() as u32),
        [Span {
            kind: SpanKind::Handling,
            wc: 1,
            from: request,
            to: Some(answer)
        }]
    );
    let handler = arrow(&m, 7).receiver.as_ref().unwrap();
    assert_eq!(handler["op"], json!("handle"));
}

#[test]
fn the_push_sample_reaches_the_page_and_links_the_push_to_the_send_that_caused_it() {
    let m = model(&push_sample());
    assert_eq!(
        arrows(&m),
        [
            (8, Kind::Push, Lane::Main, Lane::Page(1)),
            (9, Kind::Send, Lane::Page(1), Lane::Main),
            (10, Kind::Push, Lane::Main, Lane::Page(1)),
        ]
    );
    // The page's listener was registered in the preload.
    assert_eq!(marker_lane(&m, 7), Lane::Preload(1));
    let receiver = arrow(&m, 8).receiver.as_ref().unwrap();
    assert_eq!(
        Initiator::of(receiver).unwrap().place(),
        "preload.js:4".to_string()
    );
    assert_eq!(arrow(&m, 9).call.as_deref(), Some("electronAPI.askForMsg"));
    let send = m.sequence.step_by_seq(9).unwrap();
    let second = m.sequence.step_by_seq(10).unwrap();
    assert_eq!(arrow(&m, 10).cause, Some(send));
    assert_eq!(arrow(&m, 8).cause, None);
    assert!(m.sequence.spans_over(second..second + 1).contains(&Span {
        kind: SpanKind::Cause,
        wc: 1,
        from: send,
        to: Some(second)
    }));
}

#[test]
fn a_push_nobody_listened_to_is_lost_at_the_preload() {
    let m = model(&[
        ("lifecycle", json!({"event": "created", "webContentsId": 1})),
        (
            "push",
            json!({"channel": "testMsg", "args": ["too early"], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "send",
            json!({"channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
    ]);
    let push = arrow(&m, 2);
    assert_eq!(
        (push.from, push.to, push.lost),
        (Lane::Main, Lane::Preload(1), true)
    );
    assert!(!push.crosses_bridge());
    // A send nobody heard is lost at main.
    let send = arrow(&m, 3);
    assert_eq!((send.to, send.lost), (Lane::Main, true));
}

#[test]
fn a_failed_invoke_is_red_and_one_nothing_handles_is_lost_at_main() {
    let m = model(&[
        (
            "invoke",
            json!({"channel": "boom", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "boom", "webContentsId": 1, "ref": 1, "ok": false,
                   "error": "Error invoking remote method 'boom': Error: no", "durationUs": 90}),
        ),
        (
            "invoke",
            json!({"channel": "nobody", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "nobody", "webContentsId": 1, "ref": 3, "ok": false,
                   "error": "Error invoking remote method 'nobody': Error: No handler registered for 'nobody'"}),
        ),
    ]);
    assert!(arrow(&m, 2).failed);
    assert!(!arrow(&m, 1).lost, "a handler ran and threw: not lost");
    assert!(arrow(&m, 4).failed && arrow(&m, 3).lost);
}

#[test]
fn a_send_sync_blocks_the_page_until_its_answer() {
    let mut m = model(&[
        ("lifecycle", json!({"event": "created", "webContentsId": 1})),
        (
            "send-sync",
            json!({"channel": "ask", "args": [1], "webContentsId": 1, "listeners": 1}),
        ),
    ]);
    let request = m.sequence.step_by_seq(2).unwrap();
    // Still waiting: the page stays blocked to the end of the diagram.
    assert!(m.sequence.spans_over(request..request + 1).contains(&Span {
        kind: SpanKind::Blocked,
        wc: 1,
        from: request,
        to: None
    }));
    let journal = Journal::new();
    for _ in 0..3 {
        journal.append(Kind::Console, json!({"process": "main", "text": "x"}));
    }
    journal.append(
        Kind::SendSyncResult,
        json!({"channel": "ask", "webContentsId": 1, "ref": 2, "result": 2, "durationUs": 40}),
    );
    m.ingest(journal.slice(2..4));
    let answer = m.sequence.step_by_seq(4).unwrap();
    assert_eq!(
        arrows(&m).last(),
        Some(&(4, Kind::SendSyncResult, Lane::Main, Lane::Page(1)))
    );
    let spans = m.sequence.spans_over(0..answer + 1);
    for kind in [SpanKind::Blocked, SpanKind::Handling] {
        assert!(spans.contains(&Span {
            kind,
            wc: 1,
            from: request,
            to: Some(answer)
        }));
    }
    assert_eq!(spans.len(), 2, "no open span is left: {spans:?}");
}

#[test]
fn two_windows_get_lanes_of_their_own_before_main() {
    let mut list = window_opens(1, "api", json!({"hi": {"$type": "Function", "name": "hi"}}));
    list.extend(window_opens(
        2,
        "api",
        json!({"hi": {"$type": "Function", "name": "hi"}}),
    ));
    list.extend([
        (
            "send",
            json!({"channel": "hello", "args": [], "webContentsId": 2, "listeners": 1,
                   "initiator": at("preload.js", 2, Some("hi"))}),
        ),
        (
            "push",
            json!({"channel": "news", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
        ("lifecycle", json!({"event": "closed", "webContentsId": 1})),
    ]);
    let m = model(&list);
    let s = &m.sequence;
    assert_eq!(
        s.lanes(),
        [
            Lane::Page(1),
            Lane::Preload(1),
            Lane::Page(2),
            Lane::Preload(2),
            Lane::Main
        ]
    );
    assert_eq!(s.column(Lane::Preload(2)), 3);
    assert_eq!(s.column(Lane::Main), 4);
    assert_eq!(
        arrows(&m),
        [
            (9, Kind::Send, Lane::Page(2), Lane::Main),
            (10, Kind::Push, Lane::Main, Lane::Page(1)),
        ]
    );
    assert_eq!(arrow(&m, 9).call.as_deref(), Some("api.hi"));
    let windows: Vec<(u32, u32, Option<u32>)> = s
        .windows()
        .iter()
        .map(|w| (w.wc, w.born, w.closed))
        .collect();
    assert_eq!(windows, [(1, 0, Some(10)), (2, 4, None)]);
}

#[test]
fn where_a_message_starts_follows_its_initiator() {
    let mut list = window_opens(
        1,
        "electronAPI",
        json!({"files": {"read": {"$type": "Function", "name": "read"}},
               "meta": {"$type": "Object", "value": {"$type": "plain", "ping": {"$type": "Function", "name": "ping"}}}}),
    );
    list.extend([
        // The preload's own code, at load: no exposed function called it.
        (
            "send",
            json!({"channel": "boot", "args": [], "webContentsId": 1, "listeners": 1,
                   "initiator": at("preload.js", 9, None)}),
        ),
        // A page script with contextIsolation off.
        (
            "send",
            json!({"channel": "inline", "args": [], "webContentsId": 1, "listeners": 1,
                   "initiator": at("index.html", 20, None)}),
        ),
        (
            "invoke",
            json!({"channel": "read", "args": ["x"], "webContentsId": 1,
                   "initiator": at("preload.js", 3, Some("read"))}),
        ),
        (
            "invoke",
            json!({"channel": "ping", "args": [], "webContentsId": 1,
                   "initiator": at("preload.js", 4, Some("ping"))}),
        ),
        (
            "invoke-result",
            json!({"channel": "ping", "webContentsId": 1, "ref": 8, "ok": true, "result": 1}),
        ),
    ]);
    let m = model(&list);
    assert_eq!(arrow(&m, 5).from, Lane::Preload(1));
    assert_eq!(arrow(&m, 5).call, None);
    assert_eq!(arrow(&m, 6).from, Lane::Page(1));
    assert_eq!(arrow(&m, 7).call.as_deref(), Some("electronAPI.files.read"));
    assert_eq!(arrow(&m, 8).call.as_deref(), Some("electronAPI.meta.ping"));
    // The answer goes back to whoever asked.
    assert_eq!(arrow(&m, 9).to, Lane::Page(1));
    // A new page forgets what the old one exposed.
    let mut m = m;
    let journal = Journal::new();
    for (kind, fields) in [
        (
            Kind::Lifecycle,
            json!({"event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
        ),
        (
            Kind::Invoke,
            json!({"channel": "read", "args": ["x"], "webContentsId": 1,
                   "initiator": at("preload.js", 3, Some("read"))}),
        ),
    ] {
        journal.append(kind, fields);
    }
    let mut later: Vec<Arc<Entry>> = Vec::new();
    for (i, entry) in journal.slice(0..2).into_iter().enumerate() {
        let mut entry = entry.as_ref().clone();
        entry.insert("seq".into(), json!(10 + i));
        later.push(Arc::new(entry));
    }
    m.ingest(later);
    assert_eq!(arrow(&m, 11).call, None);
    assert_eq!(arrow(&m, 11).from, Lane::Preload(1));
}

#[test]
fn steps_in_view_are_found_by_height() {
    let m = model(&send_sample());
    let s = &m.sequence;
    // Six one-unit markers (0..6), the send (units 6..8), then main's console line (8..9).
    assert_eq!(s.steps_between(0.0, 1.0), 0..1);
    assert_eq!(s.steps_between(5.5, 6.5), 5..7);
    assert_eq!(s.steps_between(7.0, 8.5), 6..8);
    assert_eq!(s.steps_between(100.0, 200.0), 8..8);
}

#[test]
fn a_span_longer_than_the_screen_is_found_from_its_middle() {
    let mut list = vec![(
        "invoke",
        json!({"channel": "slow", "args": [], "webContentsId": 1}),
    )];
    for i in 0..10_000 {
        list.push((
            "send",
            json!({"channel": "fast", "args": [i], "webContentsId": 1, "listeners": 1}),
        ));
    }
    list.push((
        "invoke-result",
        json!({"channel": "slow", "webContentsId": 1, "ref": 1, "ok": true, "result": 1}),
    ));
    let m = model(&list);
    let slow = Span {
        kind: SpanKind::Handling,
        wc: 1,
        from: 0,
        to: Some(10_001),
    };
    assert_eq!(m.sequence.spans_over(5_000..5_040), [slow]);
    assert_eq!(m.sequence.spans_over(10_001..10_002), [slow]);
    assert!(m.sequence.spans_over(10_002..10_010).is_empty());
}

#[test]
fn clearing_keeps_the_open_windows_lanes() {
    let mut list = window_opens(1, "api", json!({}));
    list.extend(window_opens(2, "api", json!({})));
    list.push(("lifecycle", json!({"event": "closed", "webContentsId": 1})));
    let mut m = model(&list);
    m.clear();
    assert!(m.sequence.steps().is_empty());
    assert_eq!(
        m.sequence.lanes(),
        [Lane::Page(2), Lane::Preload(2), Lane::Main]
    );
    assert_eq!(m.sequence.height(), 0);
}
