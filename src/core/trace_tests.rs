//! What ties a message to the lab's code: `cause` (the message main.js was handling when it
//! sent one) and main.js's `initiator`s, checked through the journal.

use serde_json::{json, Value};

use super::test_run::{field, seq, Run};
use super::Command;
use crate::journal::Kind;

const MAIN_JS: &str = r#"const { app, BrowserWindow, ipcMain } = require('electron');
let win;
ipcMain.on('please-push', (event) => {
  win.webContents.send('pushed', 1);
});
ipcMain.handle('slow', async (event, n) => {
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 20));
  win.webContents.send('after-await', n);
  return n * 2;
});
ipcMain.on('ping', (event) => {
  setTimeout(() => event.reply('pong'), 1);
});
ipcMain.handle('fail', function failing() {
  throw new Error('no');
});
app.whenReady().then(() => {
  win = new BrowserWindow({});
  win.loadFile('index.html');
  win.webContents.send('unprompted');
});
"#;

/// The 1-based line of MAIN_JS that holds `text`.
fn line_of(text: &str) -> u64 {
    MAIN_JS
        .lines()
        .position(|l| l.contains(text))
        .map(|i| i as u64 + 1)
        .unwrap_or_else(|| panic!("no line holds {text}"))
}

fn start() -> Run {
    let run = Run::start_with(MAIN_JS);
    run.wait_for("the window to load", |e| field(e, "event") == "loaded");
    run
}

fn inject(run: &Run, kind: Kind, channel: &str, args: Value) {
    run.send(Command::Inject {
        kind,
        wc: 1,
        channel: channel.into(),
        args,
        replay_of: None,
    });
}

fn push_on(run: &Run, channel: &str) -> std::sync::Arc<crate::journal::Entry> {
    run.wait_for(channel, |e| {
        field(e, "kind") == "push" && field(e, "channel") == channel
    })
}

#[test]
fn a_push_sent_in_a_send_listener_or_after_await_in_a_handler_carries_its_cause() {
    let run = start();
    let unprompted = push_on(&run, "unprompted");
    assert_eq!(field(&unprompted, "cause"), Value::Null, "sent on ready");

    inject(&run, Kind::Send, "please-push", json!([]));
    let send = run.wait_for("the send", |e| field(e, "kind") == "send");
    assert_eq!(field(&push_on(&run, "pushed"), "cause"), seq(&send));

    // The handler awaits a timer; a send handled meanwhile has its own cause.
    inject(&run, Kind::Invoke, "slow", json!([21]));
    inject(&run, Kind::Send, "please-push", json!([]));
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    let second = run.wait_for("the second send", |e| {
        field(e, "kind") == "send" && seq(e) > seq(&invoke)
    });
    let after = push_on(&run, "after-await");
    assert_eq!(field(&after, "cause"), seq(&invoke));
    let pushed: Vec<Value> = run
        .entries("push")
        .iter()
        .filter(|e| field(e, "channel") == "pushed")
        .map(|e| field(e, "cause"))
        .collect();
    assert_eq!(pushed, [json!(seq(&send)), json!(seq(&second))]);
    let result = run.result_of(seq(&invoke));
    assert_eq!(field(&result, "result"), 42);
    assert_eq!(field(&result, "cause"), Value::Null, "a result has its ref");

    // A reply from a timer the listener set.
    inject(&run, Kind::Send, "ping", json!([]));
    let ping = run.wait_for("the ping", |e| {
        field(e, "kind") == "send" && field(e, "channel") == "ping"
    });
    let reply = run.wait_for("the reply", |e| field(e, "kind") == "reply");
    assert_eq!(
        (field(&reply, "ref"), field(&reply, "cause")),
        (json!(seq(&ping)), json!(seq(&ping)))
    );
}

#[test]
fn main_js_messages_results_and_listeners_name_their_lines_in_main_js() {
    let run = start();
    let registered: Vec<(Value, Value)> = run
        .entries("listener")
        .iter()
        .map(|e| (field(e, "channel"), field(e, "initiator")["line"].clone()))
        .collect();
    assert_eq!(
        registered,
        [
            (
                json!("please-push"),
                json!(line_of("ipcMain.on('please-push'"))
            ),
            (json!("slow"), json!(line_of("ipcMain.handle('slow'"))),
            (json!("ping"), json!(line_of("ipcMain.on('ping'"))),
            (json!("fail"), json!(line_of("ipcMain.handle('fail'"))),
        ]
    );
    let unprompted = field(&push_on(&run, "unprompted"), "initiator");
    assert_eq!(unprompted["file"], "main.js");
    assert_eq!(unprompted["line"], line_of("send('unprompted')"));

    inject(&run, Kind::Invoke, "slow", json!([1]));
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(
        field(&invoke, "initiator"),
        Value::Null,
        "fired from the panel: no lab frame"
    );
    let result = field(&run.result_of(seq(&invoke)), "initiator");
    assert_eq!(
        (result["file"].clone(), result["line"].clone()),
        (json!("main.js"), json!(line_of("ipcMain.handle('slow'"))),
        "a handler that returned: where it was registered"
    );

    inject(&run, Kind::Invoke, "fail", json!([]));
    let failing = run.wait_for("the failing invoke", |e| {
        field(e, "kind") == "invoke" && field(e, "channel") == "fail"
    });
    let result = field(&run.result_of(seq(&failing)), "initiator");
    assert_eq!(
        (result["line"].clone(), result["function"].clone()),
        (json!(line_of("throw new Error('no')")), json!("failing")),
        "a handler that threw: where its Error was made"
    );
}
