//! The words on the arrows and in the explanation, from the samples' journals, in both languages.

use serde_json::{json, Value};

use super::*;
use crate::panel::model::sequence::tests::{invoke_sample, model, push_sample, send_sample};

fn entry(fields: Value) -> Entry {
    fields.as_object().expect("an object").clone()
}

fn explained(model: &Model, seq: u64, lang: Lang) -> String {
    let row = model.row_by_seq(seq).expect("a row");
    explain(model, row, lang).join(" ")
}

#[test]
fn arguments_read_as_javascript() {
    assert_eq!(
        js_args(&json!(["a.txt", 2, {"a": [1]}, null]), 60),
        "'a.txt', 2, {a: [1]}, null"
    );
    assert_eq!(js_args(&json!(["it's\n"]), 60), r"'it\'s\n'");
    assert_eq!(js_args(&json!([]), 60), "");
    assert_eq!(js_value(&json!("长".repeat(10)), 4), "'长长长长…'");
    assert_eq!(js_args(&json!([{"$type": "undefined"}]), 60), "undefined");
}

#[test]
fn each_arrow_shows_the_code_that_made_it() {
    let send = entry(json!({"channel": "test-call", "args": ["hi"]}));
    assert_eq!(
        code_label(Kind::Send, &send),
        "ipcRenderer.send('test-call', 'hi')"
    );
    assert_eq!(
        call_label("electronAPI.sendMsg", &send),
        "window.electronAPI.sendMsg('hi')"
    );
    let push = entry(json!({"channel": "testMsg", "args": [], "origin": "panel"}));
    assert_eq!(
        code_label(Kind::Push, &push),
        "[panel] webContents.send('testMsg')"
    );
    let ok =
        entry(json!({"kind": "invoke-result", "ok": true, "result": "text", "durationUs": 1500}));
    assert_eq!(code_label(Kind::InvokeResult, &ok), "→ 'text'");
    assert_eq!(
        code_with_duration(Kind::InvokeResult, &ok),
        "→ 'text'  1.50 ms"
    );
    let failed = entry(
        json!({"kind": "invoke-result", "ok": false, "error": "Error invoking remote method 'x': boom"}),
    );
    assert_eq!(
        code_label(Kind::InvokeResult, &failed),
        "⚠ Error invoking remote method 'x': boom"
    );
    let sync = entry(json!({"kind": "send-sync-result", "result": 3}));
    assert_eq!(code_label(Kind::SendSyncResult, &sync), "returnValue = 3");
    assert_eq!(
        held_label(Kind::Invoke, "readFileEvent", &json!(["a.txt"])),
        "‖ ipcRenderer.invoke('readFileEvent', 'a.txt')"
    );
    assert_eq!(
        held_label(Kind::InvokeResult, "readFileEvent", &json!("text")),
        "‖ 'readFileEvent' → 'text'"
    );
}

#[test]
fn markers_name_the_listener_and_the_event() {
    let listener = entry(json!({"process": "main", "op": "handle", "channel": "readFileEvent"}));
    assert_eq!(
        marker_label(Kind::Listener, &listener, Lang::En),
        "ipcMain.handle('readFileEvent')"
    );
    let exposed = entry(
        json!({"event": "exposed", "webContentsId": 1, "key": "electronAPI",
        "api": {"readFile": {"$type": "Function", "name": "readFile"}}}),
    );
    assert_eq!(
        marker_label(Kind::Lifecycle, &exposed, Lang::En),
        "window.electronAPI = {readFile}"
    );
    let navigating =
        entry(json!({"event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}));
    assert_eq!(
        marker_label(Kind::Lifecycle, &navigating, Lang::Zh),
        "正在加载 index.html"
    );
    let console = entry(json!({"process": "main", "level": "warn", "text": "a\nb"}));
    assert_eq!(
        marker_label(Kind::Console, &console, Lang::En),
        "console.warn: a"
    );
}

#[test]
fn a_send_is_explained_from_the_page_call_to_the_listener_that_ran() {
    let m = model(&send_sample());
    let en = explained(&m, 7, Lang::En);
    assert!(
        en.contains("The page called window.electronAPI.sendMsg('你好，能听到我说话吗？')"),
        "{en}"
    );
    assert!(
        en.contains("ipcRenderer.send on channel 'test-call' (preload.js:4)"),
        "{en}"
    );
    assert!(
        en.contains("1 listener registered with ipcMain.on (main.js:15) ran"),
        "{en}"
    );
    assert!(en.contains("one-way"), "{en}");
    let zh = explained(&m, 7, Lang::Zh);
    assert!(zh.contains("页面调用了 window.electronAPI.sendMsg"), "{zh}");
    assert!(zh.contains("单向"), "{zh}");
}

#[test]
fn an_invoke_is_explained_with_what_came_back_and_how_long_it_took() {
    let m = model(&invoke_sample());
    let en = explained(&m, 7, Lang::En);
    assert!(en.contains("waited for its answer"), "{en}");
    assert!(
        en.contains("ipcMain.handle (main.js:18) returned '这是 a.txt 的内容'"),
        "{en}"
    );
    assert!(en.contains("after 0.55 ms"), "{en}");
    let zh = explained(&m, 7, Lang::Zh);
    assert!(zh.contains("返回了 '这是 a.txt 的内容'"), "{zh}");
    assert!(zh.contains("0.55 ms"), "{zh}");
}

#[test]
fn a_push_is_explained_with_its_cause_and_its_listener() {
    let m = model(&push_sample());
    let en = explained(&m, 10, Lang::En);
    assert!(
        en.contains("webContents.send on channel 'testMsg' (main.js:24)"),
        "{en}"
    );
    assert!(
        en.contains("while handling message #9 (send 'please-push')"),
        "{en}"
    );
    assert!(
        en.contains("ipcRenderer.on listener (preload.js:4) received it (1 heard it)"),
        "{en}"
    );
    let zh = explained(&m, 10, Lang::Zh);
    assert!(zh.contains("处理消息 #9"), "{zh}");
}

#[test]
fn a_lost_message_says_why_and_what_usually_fixes_it() {
    let m = model(&[
        (
            "push",
            json!({"channel": "testMsg", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "send",
            json!({"channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "invoke",
            json!({"channel": "none", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "none", "webContentsId": 1, "ref": 3, "ok": false,
                   "error": "Error invoking remote method 'none': Error: No handler registered for 'none'"}),
        ),
    ]);
    let push = explained(&m, 1, Lang::En);
    assert!(push.contains("so the message was lost"), "{push}");
    assert!(push.contains("did-finish-load"), "{push}");
    assert!(explained(&m, 1, Lang::Zh).contains("消息丢失了"));
    let send = explained(&m, 2, Lang::En);
    assert!(
        send.contains("Nothing in main.js listened on 'nobody'"),
        "{send}"
    );
    let invoke = explained(&m, 3, Lang::En);
    assert!(
        invoke.contains("Register a handler with ipcMain.handle('none', …)"),
        "{invoke}"
    );
    assert!(explained(&m, 3, Lang::Zh).contains("ipcMain.handle('none', …)"));
}

#[test]
fn a_failed_invoke_and_a_send_sync_are_explained() {
    let m = model(&[
        (
            "invoke",
            json!({"channel": "boom", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "boom", "webContentsId": 1, "ref": 1, "ok": false, "durationUs": 200,
                   "error": "Error invoking remote method 'boom': Error: disk full"}),
        ),
        (
            "send-sync",
            json!({"channel": "ask", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
    ]);
    let failed = explained(&m, 1, Lang::En);
    assert!(
        failed.contains("threw, so the page's Promise rejected after 0.20 ms"),
        "{failed}"
    );
    assert!(failed.contains("Error: disk full"), "{failed}");
    let waiting = explained(&m, 3, Lang::En);
    assert!(
        waiting.contains("the page froze until main answered"),
        "{waiting}"
    );
    assert!(
        waiting.contains("frozen until main.js sets event.returnValue"),
        "{waiting}"
    );
    assert!(explained(&m, 3, Lang::Zh).contains("卡住"));
}

#[test]
fn lifecycle_and_listener_markers_are_explained_too() {
    let m = model(&push_sample());
    let exposed = explained(&m, 5, Lang::En);
    assert!(
        exposed.contains("window.electronAPI = {onTestMsg, askForMsg} on the page's window through the contextBridge"),
        "{exposed}"
    );
    let listener = explained(&m, 7, Lang::En);
    assert!(
        listener.contains("ipcRenderer.on('testMsg') (preload.js:4)"),
        "{listener}"
    );
    assert!(explained(&m, 3, Lang::Zh).contains("new BrowserWindow"));
}
