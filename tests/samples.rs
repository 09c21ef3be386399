//! The seed's three patterns, run as written in real webviews, checked through their journals.

mod common;

use common::*;
use serde_json::json;

const CLICK: &str = "document.querySelector('button').click();";

#[test]
fn send_sample_delivers_the_seeds_message_to_main() {
    let mut run = LabRun::start(&samples().join("01-send"), Some(CLICK), 60);
    let journal = run.wait_for("main's console line", |j| {
        has_console(j, "main", "主进程收到消息: 你好，能听到我说话吗？")
    });
    let send = find(&journal, "send", "test-call").expect("a send entry");
    assert_eq!(send["args"], json!(["你好，能听到我说话吗？"]));
    assert_eq!(send["listeners"], 1, "one ipcMain.on listener ran");
    assert_eq!(send["webContentsId"], 1);
    let listener = find(&journal, "listener", "test-call").expect("main's listener entry");
    assert_eq!(
        (listener["process"].clone(), listener["op"].clone()),
        (json!("main"), json!("on"))
    );
    // The console line comes after the send that caused it.
    let console = journal
        .iter()
        .find(|e| e["kind"] == "console" && e["process"] == "main")
        .unwrap();
    assert!(console["seq"].as_u64() > send["seq"].as_u64());
}

#[test]
fn invoke_sample_returns_the_file_to_the_page() {
    let a_txt = std::fs::read_to_string(samples().join("02-invoke/a.txt")).unwrap();
    let mut run = LabRun::start(&samples().join("02-invoke"), None, 60);
    let journal = run.wait_for("the page's console.log of the file", |j| {
        has_console(j, "renderer", &a_txt)
    });
    let invoke = find(&journal, "invoke", "readFileEvent").expect("an invoke entry");
    assert_eq!(invoke["args"], json!(["a.txt"]));
    let result = find(&journal, "invoke-result", "readFileEvent").expect("its result");
    assert_eq!(result["ref"], invoke["seq"]);
    assert_eq!(result["ok"], true);
    assert_eq!(result["result"], json!(a_txt));
    assert!(result["durationUs"].as_u64().is_some());
    assert!(
        has_console(&journal, "main", "a.txt"),
        "the handler logs its param"
    );
}

#[test]
fn push_sample_reaches_the_page_listener_and_the_button_asks_again() {
    let script = "document.querySelector('button').click();
        setTimeout(() => console.log('shown: ' + document.querySelector('.msg').textContent), 500);";
    let mut run = LabRun::start(&samples().join("03-push"), Some(script), 60);
    let journal = run.wait_for("the second push shown on the page", |j| {
        has_console(j, "renderer", "shown: 你好啊，我是主进程（第 2 次）")
    });
    let pushes = entries(&journal, "push");
    assert_eq!(pushes[0]["channel"], "testMsg");
    assert_eq!(pushes[0]["args"], json!(["你好啊，我是主进程"]));
    assert_eq!(
        pushes[0]["listeners"], 1,
        "the preload's ipcRenderer.on ran"
    );
    let listener = journal
        .iter()
        .find(|e| e["kind"] == "listener" && e["process"] == "renderer")
        .expect("the page's listener was journaled");
    assert_eq!(listener["channel"], "testMsg");
    assert!(listener["seq"].as_u64() < pushes[0]["seq"].as_u64());
    let ask = find(&journal, "send", "please-push").expect("the button's send");
    assert!(pushes[1]["seq"].as_u64() > ask["seq"].as_u64());
    assert_eq!(pushes[1]["listeners"], 1);
}
