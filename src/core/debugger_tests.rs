//! The debugger at the dispatch point: breakpoints and faults on requests and on their
//! answers, messages fired by hand and replayed, checked through the journal.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::debugger::{Breakpoint, Direction, Fault};
use super::test_run::{field, seq, Run};
use super::Command;
use crate::journal::Kind;

#[test]
fn a_push_fired_from_the_panel_is_journaled_with_its_origin() {
    let run = Run::start();
    run.send(Command::Push {
        wc: 1,
        channel: "testMsg".into(),
        args: json!(["你好", {"$type": "undefined"}]),
    });
    let push = run.wait_for("the push", |e| field(e, "kind") == "push");
    assert_eq!(field(&push, "origin"), "panel");
    assert_eq!(
        field(&push, "args"),
        json!(["你好", {"$type": "undefined"}])
    );
    assert_eq!(field(&push, "webContentsId"), 1);
    assert_eq!(
        field(&push, "listeners"),
        0,
        "no page listens in a window without a renderer"
    );
}

#[test]
fn replaying_an_invoke_with_edited_args_runs_the_handler_again() {
    let run = Run::start();
    run.invoke(1, 2);
    let first = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(field(&first, "origin"), "panel");
    assert_eq!(field(&run.result_of(seq(&first)), "result"), 3);

    run.send(Command::Replay {
        seq: seq(&first),
        args: Some(json!([20, 22])),
    });
    let again = run.wait_for("the replayed invoke", |e| {
        field(e, "kind") == "invoke" && field(e, "replayOf") == seq(&first)
    });
    assert_eq!(field(&again, "args"), json!([20, 22]));
    assert_eq!(field(&run.result_of(seq(&again)), "result"), 42);
}

#[test]
fn a_float16_array_argument_is_replayed_with_its_values_edited() {
    let run = Run::start_with(
        r#"
const { app, BrowserWindow, ipcMain } = require('electron');
ipcMain.handle('halves', (event, values) => `${values.constructor.name} ${Array.from(values)}`);
app.whenReady().then(() => new BrowserWindow({}).loadFile('index.html'));
"#,
    );
    run.wait_for("the window to load", |e| field(e, "event") == "loaded");
    // Float16 1.0 and 2.0, little-endian: 00 3c 00 40.
    run.send(Command::Inject {
        kind: Kind::Invoke,
        wc: 1,
        channel: "halves".into(),
        args: json!([{"$type": "Float16Array", "base64": "ADwAQA=="}]),
        replay_of: None,
    });
    let first = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(
        field(&run.result_of(seq(&first)), "result"),
        "Float16Array 1,2"
    );

    // Edited to 1.5 (00 3e), as the panel's editor sends it.
    run.send(Command::Replay {
        seq: seq(&first),
        args: Some(json!([{"$type": "Float16Array", "base64": "AD4="}])),
    });
    let again = run.wait_for("the replayed invoke", |e| {
        field(e, "kind") == "invoke" && field(e, "replayOf") == seq(&first)
    });
    assert_eq!(
        field(&run.result_of(seq(&again)), "result"),
        "Float16Array 1.5"
    );
}

#[test]
fn replaying_what_is_not_a_message_is_a_clear_error() {
    let run = Run::start();
    let ready = run.wait_for("app ready", |e| field(e, "event") == "ready");
    run.send(Command::Replay {
        seq: seq(&ready),
        args: None,
    });
    let error = run.wait_for("an error", |e| field(e, "kind") == "error");
    assert_eq!(
        field(&error, "text"),
        format!(
            "cannot replay #{}: a 'lifecycle' entry is not a message (replay send, invoke, send-sync, push or reply)",
            seq(&ready)
        )
    );
    run.send(Command::Replay {
        seq: 999,
        args: None,
    });
    run.wait_for("the missing-entry error", |e| {
        field(e, "text") == "cannot replay #999: there is no such journal entry"
    });
}

#[test]
fn a_breakpoint_holds_an_invoke_until_it_is_forwarded_with_new_args() {
    let run = Run::start();
    run.send(Command::SetBreakpoints(vec![Breakpoint {
        channel: Some("add".into()),
        direction: Some(Direction::ToMain),
    }]));
    run.invoke(1, 2);
    // Held messages never block the rest: a send on another channel still arrives.
    run.send(Command::Inject {
        kind: Kind::Send,
        wc: 1,
        channel: "log".into(),
        args: json!(["still flowing"]),
        replay_of: None,
    });
    run.wait_for("main's console line", |e| {
        field(e, "text") == "log: still flowing"
    });
    assert!(
        run.entries("invoke").is_empty(),
        "held, so not yet journaled"
    );
    let held = run.view.lock().unwrap().held.clone();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (held[0].kind, held[0].args.clone()),
        (Kind::Invoke, json!([1, 2]))
    );

    run.send(Command::Forward {
        id: held[0].id,
        args: Some(json!([5, 5])),
    });
    let invoke = run.wait_for("the forwarded invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(field(&invoke, "held"), true);
    assert_eq!(field(&invoke, "editedFrom"), json!([1, 2]));
    assert_eq!(field(&run.result_of(seq(&invoke)), "result"), 10);
    assert!(run.held_ids().is_empty());
}

#[test]
fn a_dropped_invoke_rejects_with_a_clear_error() {
    let run = Run::start();
    run.send(Command::SetBreakpoints(vec![Breakpoint {
        channel: Some("add".into()),
        direction: None,
    }]));
    run.invoke(1, 2);
    let end = Instant::now() + Duration::from_secs(10);
    while run.held_ids().is_empty() {
        assert!(Instant::now() < end, "the invoke was never held");
        std::thread::sleep(Duration::from_millis(5));
    }
    // The page waits while the message is held.
    std::thread::sleep(Duration::from_millis(200));
    run.send(Command::DropHeld {
        id: run.held_ids()[0],
    });
    let invoke = run.wait_for("the dropped invoke", |e| field(e, "kind") == "invoke");
    // Dropped where it was held, not failed by a fault set on the channel.
    assert_eq!(
        (field(&invoke, "held"), field(&invoke, "dropped")),
        (json!(true), json!(true))
    );
    assert!(invoke.get("fault").is_none(), "{invoke:?}");
    let result = run.result_of(seq(&invoke));
    assert_eq!(field(&result, "ok"), false);
    assert_eq!(
        field(&result, "error"),
        "Error invoking remote method 'add': Error: the message was dropped at a breakpoint in ipcscope"
    );
    // Timed from when the page sent it, as the page waited.
    assert!(field(&result, "durationUs").as_u64().unwrap() >= 200_000);
}

#[test]
fn faults_delay_fail_or_drop_a_channel() {
    let run = Run::start();
    run.send(Command::SetFault {
        channel: "add".into(),
        fault: Some(Fault {
            latency: Duration::from_millis(300),
            ..Default::default()
        }),
    });
    run.invoke(1, 1);
    let slow = run.wait_for("the slow invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(field(&slow, "fault"), json!({"latencyMs": 300}));
    let result = run.result_of(seq(&slow));
    assert_eq!(field(&result, "result"), 2, "delayed, then handled");
    assert!(field(&result, "durationUs").as_u64().unwrap() >= 300_000);

    run.send(Command::SetFault {
        channel: "add".into(),
        fault: Some(Fault {
            error: Some("disk full".into()),
            ..Default::default()
        }),
    });
    run.invoke(2, 2);
    let failing = run.wait_for("the failing invoke", |e| {
        field(e, "kind") == "invoke" && field(e, "args") == json!([2, 2])
    });
    assert_eq!(
        field(&run.result_of(seq(&failing)), "error"),
        "Error invoking remote method 'add': Error: disk full"
    );

    run.send(Command::SetFault {
        channel: "log".into(),
        fault: Some(Fault {
            drop: true,
            ..Default::default()
        }),
    });
    run.send(Command::Inject {
        kind: Kind::Send,
        wc: 1,
        channel: "log".into(),
        args: json!(["lost"]),
        replay_of: None,
    });
    let send = run.wait_for("the dropped send", |e| field(e, "kind") == "send");
    assert_eq!(field(&send, "listeners"), 0);
    assert_eq!(field(&send, "fault"), json!({"dropped": true}));
    run.send(Command::SetFault {
        channel: "log".into(),
        fault: None,
    });
    run.send(Command::Inject {
        kind: Kind::Send,
        wc: 1,
        channel: "log".into(),
        args: json!(["found"]),
        replay_of: None,
    });
    run.wait_for("the send after the fault was cleared", |e| {
        field(e, "text") == "log: found"
    });
    assert!(
        !run.entries("console")
            .iter()
            .any(|e| field(e, "text") == "log: lost"),
        "the dropped send never reached main.js"
    );
}

#[test]
fn a_page_blocked_in_send_sync_is_listed_and_the_panel_can_answer_it() {
    let run = Run::start();
    run.send(Command::Inject {
        kind: Kind::SendSync,
        wc: 1,
        channel: "nobody".into(),
        args: json!([]),
        replay_of: None,
    });
    let asked = run.wait_for("the sendSync", |e| field(e, "kind") == "send-sync");
    run.wait_for("Electron's no-listener text", |e| {
        field(e, "text")
            == "WebContents #1 called ipcRenderer.sendSync() with 'nobody' channel without listeners."
    });
    let blocked = run.view.lock().unwrap().blocked.clone();
    assert_eq!(blocked.len(), 1);
    assert_eq!(
        (blocked[0].seq, blocked[0].channel.as_str()),
        (seq(&asked), "nobody")
    );

    run.send(Command::AnswerSync {
        seq: seq(&asked),
        result: json!({"answered": "by hand"}),
    });
    let answer = run.wait_for("the answer", |e| field(e, "kind") == "send-sync-result");
    assert_eq!(field(&answer, "ref"), seq(&asked));
    assert_eq!(field(&answer, "result"), json!({"answered": "by hand"}));
    assert_eq!(field(&answer, "origin"), "panel");
    assert!(run.view.lock().unwrap().blocked.is_empty());
}

#[test]
fn a_breakpoint_on_answers_holds_an_invoke_result_until_it_is_forwarded_with_a_new_value() {
    let run = Run::start();
    run.send(Command::SetBreakpoints(vec![Breakpoint {
        channel: Some("add".into()),
        direction: Some(Direction::ToRenderer),
    }]));
    run.invoke(1, 2);
    let held = run.wait_for_held();
    assert_eq!(
        (held.kind, held.args.clone()),
        (Kind::InvokeResult, json!(3)),
        "the request went through; its answer waits"
    );
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(field(&invoke, "held"), Value::Null);
    assert!(
        run.entries("invoke-result").is_empty(),
        "held, so not yet journaled"
    );

    run.send(Command::Forward {
        id: held.id,
        args: Some(json!(99)),
    });
    let result = run.result_of(seq(&invoke));
    assert_eq!(field(&result, "ok"), true);
    assert_eq!(field(&result, "result"), 99);
    assert_eq!(field(&result, "held"), true);
    assert_eq!(field(&result, "editedFrom"), 3);
    assert!(run.held_ids().is_empty());
}

#[test]
fn a_fault_on_answers_fails_or_drops_the_result_and_leaves_the_request_alone() {
    let run = Run::start();
    let answers_only = |fault: Fault| Command::SetFault {
        channel: "add".into(),
        fault: Some(Fault {
            direction: Some(Direction::ToRenderer),
            ..fault
        }),
    };
    run.send(answers_only(Fault {
        error: Some("late failure".into()),
        ..Default::default()
    }));
    run.invoke(2, 2);
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(
        field(&invoke, "fault"),
        Value::Null,
        "the request is not faulted"
    );
    let result = run.result_of(seq(&invoke));
    assert_eq!(field(&result, "ok"), false);
    assert_eq!(
        field(&result, "error"),
        "Error invoking remote method 'add': Error: late failure"
    );
    assert_eq!(field(&result, "fault"), json!({"error": "late failure"}));

    run.send(answers_only(Fault {
        drop: true,
        ..Default::default()
    }));
    run.invoke(3, 3);
    let dropped = run.wait_for("the second invoke", |e| {
        field(e, "kind") == "invoke" && field(e, "args") == json!([3, 3])
    });
    let result = run.result_of(seq(&dropped));
    assert_eq!(
        (field(&result, "result"), field(&result, "fault")),
        (json!(6), json!({"dropped": true})),
        "main.js answered; the answer was lost on its way to the page"
    );
}
