//! The boundary between main.js's engine and the Rust core, both ways, as typed values:
//! `HostRequest` is what main_process.js asks of the core (`call({op: ...})`), `JsEvent` what
//! the core delivers to it (`deliver(json)`). A request or event that no longer fits a variant
//! is a compile error here, not a message dropped on the floor.
//!
//! Requests that send a message or change a listener carry `at`, the stack frame of the lab's
//! code that made the call (main_process.js sends QuickJS's line, which the runtime turns into
//! `name@file:line:column` with the column in UTF-16 units of the lab's own text, as WebKit's
//! stacks have it; the core journals it as `initiator`), and messages carry `cause`, the seq of
//! the message main.js was handling when it sent them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::journal::ListenerOp;

/// One `call({op, ...})` from main_process.js; `op` names the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum HostRequest {
    /// `console.*` in main.js: `text` is already formatted as Node prints it.
    Console {
        level: String,
        text: String,
    },
    /// An uncaught exception, a handler error or another problem to journal.
    Error {
        text: String,
    },
    /// A listener or handler added or removed in main.
    #[serde(rename_all = "camelCase")]
    Listener {
        op_name: ListenerOp,
        channel: String,
        /// ipcscope's own listeners: counted, never journaled.
        #[serde(default)]
        built_in: bool,
        /// The window of a `webContents.ipc` listener; None for ipcMain.
        #[serde(default)]
        scope: Option<u32>,
        /// A listener on the window's main frame (`webContents.mainFrame.ipc`).
        #[serde(default)]
        frame: bool,
        /// Where the lab added or removed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// `webContents.send(channel, ...args)`.
    Push {
        wc: u32,
        channel: String,
        #[serde(default)]
        args: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<u64>,
    },
    /// `event.reply(channel, ...args)` to the message numbered `ref`.
    Reply {
        wc: u32,
        channel: String,
        #[serde(default)]
        args: Value,
        #[serde(rename = "ref")]
        reply_to: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<u64>,
    },
    /// What an `ipcMain.handle` handler returned or threw for invoke `ref`. `at` is the stack of
    /// the Error it threw, or where the handler was registered (a return leaves no stack).
    InvokeResult {
        #[serde(rename = "ref")]
        invoke: u64,
        ok: bool,
        #[serde(default)]
        result: Value,
        #[serde(default)]
        error: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// The `event.returnValue` main.js set for sendSync `ref` (`at`: where it was set).
    SyncResult {
        #[serde(rename = "ref")]
        send_sync: u64,
        #[serde(default)]
        result: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// `new BrowserWindow(options)`.
    WindowCreate {
        #[serde(default)]
        title: String,
        #[serde(default = "default_width")]
        width: f64,
        #[serde(default = "default_height")]
        height: f64,
        #[serde(default = "yes")]
        show: bool,
        #[serde(default)]
        preload: Option<String>,
        /// `webPreferences.contextIsolation`: true unless main.js says false, as in Electron.
        #[serde(default = "yes")]
        context_isolation: bool,
    },
    /// `win.loadFile(path, {query, search, hash})`.
    WindowLoadFile {
        wc: u32,
        path: String,
        #[serde(default)]
        query: Option<serde_json::Map<String, Value>>,
        #[serde(default)]
        search: Option<String>,
        #[serde(default)]
        hash: Option<String>,
    },
    WindowLoadUrl {
        wc: u32,
        url: String,
    },
    WindowReload {
        wc: u32,
    },
    /// After `will-navigate`: whether navigation `id` of window `wc` goes on (no listener called
    /// `preventDefault`).
    WindowNavigate {
        wc: u32,
        id: u64,
        url: String,
        go: bool,
    },
    /// What became of a page's `window.open`: `child` is the window made for it; without one it
    /// was denied `by` main.js's window open handler ("setWindowOpenHandler") or by ipcscope (a
    /// web page of an origin main.js never loaded, and no handler to allow it).
    WindowOpened {
        wc: u32,
        url: String,
        #[serde(default)]
        child: Option<u32>,
        #[serde(default)]
        by: Option<String>,
    },
    /// `webContents.executeJavaScript(js)`, answered by `JsEvent::ExecuteJavaScriptResult`
    /// with the same `id`.
    WindowEval {
        wc: u32,
        js: String,
        id: u64,
    },
    WindowClose {
        wc: u32,
    },
    /// `app.quit()` / `app.exit(code)`: the run ends with this exit status.
    Quit {
        #[serde(default, deserialize_with = "exit_code")]
        code: i32,
    },
    /// A Node `fs` call, confined to the lab folder (`fn`, `path` and its options).
    Fs(Value),
    /// `process.pid`.
    Pid,
    /// `app.getName()`: the lab folder's name.
    LabName,
}

impl HostRequest {
    /// The lab's stack frame a request carries, if it is one that can.
    pub fn at_mut(&mut self) -> Option<&mut Option<String>> {
        match self {
            HostRequest::Listener { at, .. }
            | HostRequest::Push { at, .. }
            | HostRequest::Reply { at, .. }
            | HostRequest::InvokeResult { at, .. }
            | HostRequest::SyncResult { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// `app.exit(code)` passes `Number(code) || 0`: any number, of which the status keeps the
/// integer part.
fn exit_code<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
    let code = f64::deserialize(deserializer)?;
    Ok(code as i32)
}

fn default_width() -> f64 {
    800.0
}

fn default_height() -> f64 {
    600.0
}

fn yes() -> bool {
    true
}

/// An event the core delivers to main.js; `type` names the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum JsEvent {
    /// The app is ready: `app.whenReady()` resolves.
    Ready,
    /// A send or sendSync from a page (`sync` for sendSync), numbered `seq` in the journal.
    Send {
        wc: u32,
        channel: String,
        args: Value,
        seq: u64,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        sync: bool,
    },
    /// An invoke from a page, numbered `seq`; main.js answers with `HostRequest::InvokeResult`.
    Invoke {
        wc: u32,
        channel: String,
        args: Value,
        seq: u64,
    },
    /// What `webContents.executeJavaScript` request `id` to window `wc` came to: `outcome` is
    /// the page's JSON text, `{ok, value}` or `{ok, error}` (main_process.js reads it).
    #[serde(rename = "execute-javascript-result")]
    ExecuteJavaScriptResult { wc: u32, id: u64, outcome: String },
    /// Something happened to window `wc`.
    Window {
        wc: u32,
        #[serde(flatten)]
        event: WindowEvent,
    },
}

/// What happened to a window, named as Electron's webContents events are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum WindowEvent {
    DidStartLoading {
        url: String,
    },
    DidFinishLoad {
        url: String,
    },
    /// Electron's `did-fail-load`: `code` and `description` as Chromium's net errors.
    DidFailLoad {
        code: i32,
        description: String,
        url: String,
    },
    /// Electron's `did-navigate`: a new document; `status` -1 and `status_text` "" when it did
    /// not come over HTTP.
    #[serde(rename_all = "camelCase")]
    DidNavigate {
        url: String,
        status: i32,
        status_text: String,
    },
    DidNavigateInPage {
        url: String,
    },
    /// The page wants to go to `url`; main.js answers with `HostRequest::WindowNavigate`.
    WillNavigate {
        id: u64,
        url: String,
    },
    /// The page asked for a window (`window.open`, a `target=_blank` link); `within_bounds` is
    /// false for a web page of an origin main.js never loaded.
    #[serde(rename_all = "camelCase")]
    WindowOpen {
        url: String,
        frame_name: String,
        disposition: String,
        within_bounds: bool,
    },
    /// The renderer process died; the window lives on.
    Crashed {
        code: Option<i32>,
        signal: Option<i32>,
    },
    Closed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(value: Value) -> HostRequest {
        serde_json::from_value(value).expect("a request main_process.js sends")
    }

    #[test]
    fn requests_read_the_fields_main_process_js_sends() {
        assert_eq!(
            request(
                json!({"op": "listener", "opName": "handleOnce", "channel": "c", "builtIn": false, "scope": null})
            ),
            HostRequest::Listener {
                op_name: ListenerOp::HandleOnce,
                channel: "c".into(),
                built_in: false,
                scope: None,
                frame: false,
                at: None
            }
        );
        assert_eq!(
            request(json!({"op": "invoke-result", "ref": 4, "ok": false, "error": "boom"})),
            HostRequest::InvokeResult {
                invoke: 4,
                ok: false,
                result: Value::Null,
                error: json!("boom"),
                at: None
            }
        );
        assert_eq!(
            request(json!({"op": "fs", "fn": "read", "path": "a.txt"})),
            HostRequest::Fs(json!({"fn": "read", "path": "a.txt"}))
        );
        assert_eq!(request(json!({"op": "lab-name"})), HostRequest::LabName);
        assert_eq!(
            request(json!({"op": "quit", "code": 3})),
            HostRequest::Quit { code: 3 }
        );
    }

    #[test]
    fn an_unknown_request_is_an_error_that_names_it() {
        let err = serde_json::from_value::<HostRequest>(json!({"op": "window-title"}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("window-title"), "{err}");
    }

    #[test]
    fn events_have_the_shape_main_process_js_reads() {
        let text = |e: &JsEvent| serde_json::to_value(e).unwrap();
        assert_eq!(text(&JsEvent::Ready), json!({"type": "ready"}));
        assert_eq!(
            text(&JsEvent::Send {
                wc: 1,
                channel: "c".into(),
                args: json!([1]),
                seq: 7,
                sync: true
            }),
            json!({"type": "send", "wc": 1, "channel": "c", "args": [1], "seq": 7, "sync": true})
        );
        assert_eq!(
            text(&JsEvent::Window {
                wc: 2,
                event: WindowEvent::DidFailLoad {
                    code: -6,
                    description: "ERR_FILE_NOT_FOUND".into(),
                    url: "file:///x".into()
                }
            }),
            json!({"type": "window", "wc": 2, "event": "did-fail-load", "code": -6, "description": "ERR_FILE_NOT_FOUND", "url": "file:///x"})
        );
    }
}
