//! The code behind each arrow: the seed's three samples, run in real webviews, journal where in
//! their preload.js and main.js each message and listener came from (`initiator`), and which
//! message a push answered (`cause`). Expected lines are read from the samples' own files.

mod common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};

const CLICK: &str = "document.querySelector('button').click();";

/// Checks that `entry` names the line of `lab/file` that holds `needle`, at a column inside
/// that call, and (when given) the function it is in.
fn assert_from(entry: &Value, lab: &Path, file: &str, needle: &str, function: Option<&str>) {
    let source = std::fs::read_to_string(lab.join(file)).unwrap();
    let (index, text) = source
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap_or_else(|| panic!("{file} has no line holding {needle}"));
    let initiator = &entry["initiator"];
    assert_eq!(
        (initiator["file"].clone(), initiator["line"].clone()),
        (json!(file), json!(index + 1)),
        "{needle}: {entry}"
    );
    let start = text[..text.find(needle).unwrap()].chars().count() + 1;
    let column = initiator["column"].as_u64().expect("a column") as usize;
    assert!(
        (start..=text.chars().count()).contains(&column),
        "{needle}: column {column} is outside the call, which starts at {start} of {text:?}"
    );
    assert_eq!(
        initiator.get("function").and_then(Value::as_str),
        function,
        "{needle}: {entry}"
    );
}

fn listener<'a>(journal: &'a [Value], process: &str, channel: &str) -> &'a Value {
    journal
        .iter()
        .find(|e| e["kind"] == "listener" && e["process"] == process && e["channel"] == channel)
        .unwrap_or_else(|| panic!("no {process} listener on {channel}"))
}

#[test]
fn the_send_sample_names_the_preload_line_that_sent_and_the_main_line_that_listens() {
    let lab = samples().join("01-send");
    let mut run = LabRun::start(&lab, Some(CLICK), 60);
    let journal = run.wait_for("the send", |j| find(j, "send", "test-call").is_some());
    let send = find(&journal, "send", "test-call").unwrap();
    assert_from(
        send,
        &lab,
        "preload.js",
        "ipcRenderer.send('test-call'",
        Some("sendMsg"),
    );
    assert_eq!(send["cause"], Value::Null);
    assert_from(
        listener(&journal, "main", "test-call"),
        &lab,
        "main.js",
        "ipcMain.on('test-call'",
        None,
    );
}

#[test]
fn the_invoke_sample_names_the_preload_line_that_invoked_and_the_handler_that_answered() {
    let lab = samples().join("02-invoke");
    let mut run = LabRun::start(&lab, None, 60);
    let journal = run.wait_for("the result", |j| {
        find(j, "invoke-result", "readFileEvent").is_some()
    });
    let invoke = find(&journal, "invoke", "readFileEvent").unwrap();
    assert_from(
        invoke,
        &lab,
        "preload.js",
        "ipcRenderer.invoke('readFileEvent'",
        Some("readFile"),
    );
    let result = find(&journal, "invoke-result", "readFileEvent").unwrap();
    assert_eq!(result["ref"], invoke["seq"]);
    assert_from(
        result,
        &lab,
        "main.js",
        "ipcMain.handle(\"readFileEvent\"",
        None,
    );
    assert_from(
        listener(&journal, "main", "readFileEvent"),
        &lab,
        "main.js",
        "ipcMain.handle(\"readFileEvent\"",
        None,
    );
}

#[test]
fn the_push_sample_names_both_pushes_lines_and_ties_the_second_to_the_send_that_asked() {
    let lab = samples().join("03-push");
    let mut run = LabRun::start(&lab, Some(CLICK), 60);
    let journal = run.wait_for("the second push", |j| entries(j, "push").len() >= 2);
    let pushes = entries(&journal, "push");
    assert_from(
        pushes[0],
        &lab,
        "main.js",
        "win.webContents.send('testMsg'",
        None,
    );
    assert_eq!(pushes[0]["cause"], Value::Null, "sent on did-finish-load");
    let ask = find(&journal, "send", "please-push").unwrap();
    assert_from(
        ask,
        &lab,
        "preload.js",
        "ipcRenderer.send('please-push')",
        Some("askForMsg"),
    );
    assert_from(
        pushes[1],
        &lab,
        "main.js",
        "event.sender.send('testMsg'",
        None,
    );
    assert_eq!(
        pushes[1]["cause"], ask["seq"],
        "the push the button asked for"
    );
    assert_from(
        listener(&journal, "renderer", "testMsg"),
        &lab,
        "preload.js",
        "ipcRenderer.on('testMsg'",
        Some("onTestMsg"),
    );
    assert_from(
        listener(&journal, "main", "please-push"),
        &lab,
        "main.js",
        "ipcMain.on('please-push'",
        None,
    );
}
