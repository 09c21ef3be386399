//! Electron fidelity: every behaviour in ELECTRON-IPC.md (issue 3), checked in real webviews.
//! Each lab run groups many checks (a launch costs about a second); every check is one
//! `Checks::eq` naming the Electron doc line it holds ipcscope to. Exact strings are compared
//! exactly. The labs only report what they observe; what Electron does is written here.

mod common;

use common::*;
use serde_json::{json, Value};

/// Collects every check of a run, so one failure does not hide the others.
struct Checks {
    failures: Vec<String>,
    count: usize,
}

impl Checks {
    fn new() -> Self {
        Checks {
            failures: Vec::new(),
            count: 0,
        }
    }

    /// One assertion: `got` must equal `expected`; `doc` names the Electron doc line.
    fn eq(&mut self, doc: &str, got: &Value, expected: Value) {
        self.count += 1;
        if *got != expected {
            self.failures.push(format!(
                "{doc}\n    expected: {expected}\n    got:      {got}"
            ));
        }
    }

    /// One assertion that `ok` holds; `detail` says what was looked for.
    fn holds(&mut self, doc: &str, ok: bool, detail: &str) {
        self.count += 1;
        if !ok {
            self.failures.push(format!("{doc}\n    {detail}"));
        }
    }

    fn finish(self, journal: &[Value]) {
        eprintln!("{} checks", self.count);
        if !self.failures.is_empty() {
            panic!(
                "{} of {} checks failed:\n\n{}\n\njournal:\n{}",
                self.failures.len(),
                self.count,
                self.failures.join("\n\n"),
                journal
                    .iter()
                    .map(|e| shorten(&e.to_string()))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(400) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

/// The JSON a lab logged from main as `console.log(PREFIX + ' ' + JSON.stringify(x))`; null if it
/// never did (every check that reads it then fails and says what it expected).
fn logged(journal: &[Value], prefix: &str) -> Value {
    journal
        .iter()
        .filter(|e| e["kind"] == "console" && e["process"] == "main")
        .find_map(|e| e["text"].as_str()?.strip_prefix(prefix)?.strip_prefix(' '))
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(Value::Null)
}

fn texts<'a>(journal: &'a [Value], kind: &str) -> Vec<&'a str> {
    journal
        .iter()
        .filter(|e| e["kind"] == kind)
        .filter_map(|e| e["text"].as_str())
        .collect()
}

/// What `observe()` in tests/labs/conformance-ipc/observe.js reports for `sample()` once it has
/// crossed a process boundary, per the HTML structured clone algorithm Electron 9+ uses
/// (ELECTRON-IPC.md "Serialization"), with the doc line each key checks.
fn cloned_sample() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("undef", "structured clone keeps undefined", json!(true)),
        ("nan", "structured clone keeps NaN", json!(true)),
        ("inf", "structured clone keeps Infinity and -Infinity", json!(true)),
        ("negZero", "structured clone keeps -0", json!(true)),
        ("big", "structured clone keeps BigInt", json!("bigint 12345678901234567890")),
        ("map", "structured clone keeps Map (entries, key types)", json!("[[\"k\",1],[2,\"v\"]]")),
        ("set", "structured clone keeps Set", json!("[1,\"a\"]")),
        ("date", "structured clone keeps Date", json!("1970-01-02T00:00:00.000Z")),
        ("regexp", "structured clone keeps RegExp (source and flags)", json!("/a+b/gi")),
        ("error", "structured clone keeps Error (name and message)", json!("RangeError: out of range")),
        ("u8", "structured clone keeps typed arrays (Uint8Array)", json!("1,2,255")),
        ("f64", "structured clone keeps typed arrays (Float64Array)", json!("1.5,-2")),
        ("buffer", "structured clone keeps ArrayBuffer", json!("9,8,7")),
        ("sparse", "structured clone keeps sparse arrays sparse", json!("5 0,2")),
        ("cycle", "structured clone keeps cycles", json!(true)),
        ("shared", "structured clone keeps shared references", json!(true)),
        (
            "point",
            "structured clone drops prototypes: a class instance arrives as a plain object of its own data, prototype getters gone",
            json!("{\"x\":1} false"),
        ),
        ("text", "strings cross unchanged (non-ASCII)", json!("你好")),
    ]
}

fn check_clone(checks: &mut Checks, direction: &str, observed: &Value) {
    for (key, doc, expected) in cloned_sample() {
        checks.eq(
            &format!("ELECTRON-IPC.md Serialization, {direction}: {doc}"),
            &observed[key],
            expected,
        );
    }
}

#[test]
fn ipc_renderer_ipc_main_clone_bridge_and_a_shim_pages_cannot_corrupt() {
    let lab = test_lab("conformance-ipc");
    // The preload cannot require lab files (sandboxed), so it carries a copy of observe.js.
    let observe = std::fs::read_to_string(lab.join("observe.js")).unwrap();
    let preload = std::fs::read_to_string(lab.join("preload.js")).unwrap();
    let shared = observe
        .split("module.exports")
        .next()
        .unwrap_or_default()
        .split("function sample()")
        .nth(1)
        .unwrap_or_default();
    assert!(
        !shared.is_empty() && preload.contains(shared),
        "preload.js must carry observe.js's sample() and observe() unchanged"
    );

    // The lab quits by itself in about a second; the timeout only bounds a broken run, whose
    // journal is then checked all the same so the failures say what went wrong.
    let run = LabRun::start(&lab, None, 20);
    let (status, journal, output) = run.finish();
    let report = logged(&journal, "report");
    let tamper = logged(&journal, "tamper");
    let (main, pre, page) = (&report["main"], &report["preload"], &report["page"]);
    let mut c = Checks::new();
    c.holds(
        "the lab ran to app.quit()",
        status.success(),
        &format!("{status:?}\n{output}"),
    );

    let created = entries(&journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "created")
        .cloned()
        .unwrap_or_default();
    let (wc_id, pid) = (created["webContentsId"].clone(), created["pid"].clone());

    // ---- ipcRenderer (docs/api/ipc-renderer.md) ----
    c.eq("ipc-renderer.md: ipcRenderer.on(channel, listener) adds a listener; listenerCount counts on, addListener and once alike",
        &pre["listenerCount3"], json!(3));
    c.eq("ipc-renderer.md: listeners(channel) returns the listener functions as added (once unwrapped)",
        &pre["listenersAreOriginals"], json!(true));
    c.eq(
        "ipc-renderer.md: ipcRenderer is a Node EventEmitter: 'newListener' before each add, 'removeListener' after each removal, with (channel, listener)",
        &pre["metaEvents"],
        json!([
            "new:removeListener:false",
            "new:meta:true",
            "removed:meta:true",
            "removed:newListener:false"
        ]),
    );
    c.eq(
        "ipc-renderer.md: eventNames() lists channels with listeners",
        &pre["eventNames"],
        json!(["p"]),
    );
    c.eq("ipc-renderer.md: listener called with (event, ...args); event.sender is the ipcRenderer, event.ports []; on, addListener and once listeners all run, in order",
        &pre["pushes"][0], json!(["one", true, 0, 1, "x"]));
    c.eq(
        "ipc-renderer.md: addListener is an alias for on",
        &pre["pushes"][1],
        json!(["two", 1]),
    );
    c.eq(
        "ipc-renderer.md: once(channel, listener) runs once",
        &pre["pushes"][2],
        json!(["three", 1]),
    );
    c.eq(
        "ipc-renderer.md: once removes itself after running",
        &pre["onceRemoved"],
        json!(2),
    );
    c.eq(
        "ipc-renderer.md: off and its alias removeListener remove a listener",
        &pre["afterOff"],
        json!(0),
    );
    c.eq("ipc-renderer.md: a removed listener no longer receives messages (pushes after off reached nobody)",
        &json!(pre["pushes"].as_array().map(|p| p.len())), json!(3));
    c.eq(
        "ipc-renderer.md: removeAllListeners(channel) removes that channel's listeners",
        &pre["removeAllOne"],
        json!(0),
    );
    c.eq(
        "ipc-renderer.md: removeAllListeners() with no channel removes every listener",
        &pre["removeAllNoArg"],
        json!(0),
    );
    c.eq(
        "ipc-renderer.md: send(channel, ...args) returns undefined (fire and forget)",
        &pre["returns"]["send"],
        json!(true),
    );
    c.eq(
        "ipc-renderer.md: invoke(channel, ...args) returns Promise<any>",
        &pre["returns"]["invokeIsPromise"],
        json!(true),
    );
    c.eq(
        "ipc-renderer.md: on returns the ipcRenderer (EventEmitter chaining)",
        &pre["returns"]["on"],
        json!(true),
    );
    c.eq(
        "ELECTRON-IPC.md: send with a non-string channel throws a TypeError",
        &pre["nonStringChannel"]["send"],
        json!("TypeError"),
    );
    c.eq(
        "ELECTRON-IPC.md: sendSync with a non-string channel throws a TypeError",
        &pre["nonStringChannel"]["sendSync"],
        json!("TypeError"),
    );
    // invoke is an async function in lib/renderer/api/ipc-renderer.ts: the TypeError rejects.
    c.eq("ELECTRON-IPC.md: invoke with a non-string channel fails with a TypeError (a rejection: invoke is async)",
        &pre["nonStringChannel"]["invoke"], json!("TypeError"));
    c.eq(
        "ipc-renderer.md: sendSync returns the value main set as event.returnValue",
        &pre["sendSync"],
        json!(2),
    );
    c.eq(
        "ipc-renderer.md: sendSync blocks the page until returnValue is set (here 300 ms later)",
        &json!([&pre["sendSyncLate"], &pre["sendSyncBlocked"]]),
        json!(["late", true]),
    );

    // ---- ipcMain (docs/api/ipc-main.md, lib/browser/ipc-main-impl.ts) ----
    c.eq("ipc-main.md: on, addListener and once listeners all run, in order; once only the first time",
        &pre["multiCalls"], json!(["a1", "b1", "c1", "a2", "b2"]));
    c.eq(
        "ipc-main.md: off and removeListener remove listeners",
        &pre["multiAfterOff"],
        json!(0),
    );
    c.eq(
        "ipc-main.md: a removed listener does not run",
        &pre["multiCallsAfterOff"],
        json!(["a1", "b1", "c1", "a2", "b2"]),
    );
    c.eq(
        "ipc-main.md: removeAllListeners(channel) removes every listener of the channel",
        &pre["removedAllRan"],
        json!(0),
    );
    c.eq(
        "ipc-main.md: handleOnce handles one invoke, then the handler is gone",
        &pre["handleOnce"],
        json!([
            "first",
            "Error invoking remote method 'once': Error: No handler registered for 'once'"
        ]),
    );
    c.eq(
        "ipc-main.md: removeHandler(channel) removes the handler",
        &pre["removedHandler"],
        json!("Error invoking remote method 'removed': Error: No handler registered for 'removed'"),
    );
    c.eq(
        "ELECTRON-IPC.md: invoke with no handler rejects with this exact text",
        &pre["noHandler"],
        json!("Error invoking remote method 'get': Error: No handler registered for 'get'"),
    );
    c.eq(
        "ELECTRON-IPC.md: a handler throwing a custom error class: String(error) keeps its name",
        &pre["throws"],
        json!("Error invoking remote method 'throws': ValidationError: bad"),
    );
    c.eq("ipc-main.md: the renderer gets a plain Error; the thrown error's class and extra properties are lost",
        &pre["throwsExtra"], json!([true, "Error", true]));
    c.eq(
        "ELECTRON-IPC.md: a handler that rejects",
        &pre["rejects"],
        json!("Error invoking remote method 'rejects': Error: later"),
    );
    c.eq(
        "web-contents.ts: a thrown non-Error crosses as error.toString()",
        &pre["throwsString"],
        json!("Error invoking remote method 'throws-string': plain"),
    );
    c.eq(
        "ipc-main.md: a handler may return a Promise; invoke resolves with its value",
        &pre["asyncHandler"],
        json!(42),
    );
    c.eq("ELECTRON-IPC.md: a result that cannot be cloned rejects the invoke",
        &pre["unclonableResult"], json!("Error invoking remote method 'unclonable-result': Error: An object could not be cloned."));
    c.eq(
        "ELECTRON-IPC.md: handle on a channel that has one throws",
        &main["secondHandler"],
        json!("Error: Attempted to register a second handler for 'echo'"),
    );
    c.eq(
        "ELECTRON-IPC.md: handle with a non-function throws",
        &main["notAFunction"],
        json!("TypeError: Expected handler to be a function, but found type 'number'"),
    );
    c.eq(
        "ipc-main-impl.ts: the second-handler check comes before the type check",
        &main["secondBeforeType"],
        json!("Error: Attempted to register a second handler for 'echo'"),
    );
    let handler_errors = texts(&journal, "error");
    for channel in ["throws", "rejects", "get"] {
        let prefix = format!("Error occurred in handler for '{channel}': ");
        c.holds(
            &format!("ELECTRON-IPC.md: main logs `{prefix}` and the error"),
            handler_errors.iter().any(|t| t.starts_with(&prefix)),
            "no such error entry",
        );
    }
    c.holds(
        "ELECTRON-IPC.md: the logged handler error is the error itself (custom name, message)",
        handler_errors
            .iter()
            .any(|t| t.starts_with("Error occurred in handler for 'throws': ValidationError: bad")),
        "",
    );
    c.eq("ipc-renderer.md: event.reply answers the sending frame; its listener gets (event, ...args)",
        &pre["reply"], json!([true, 42]));
    c.eq("ELECTRON-IPC.md: the 'error' channel has a built-in listener, so sending on it does not throw",
        &pre["errorChannel"], json!("no error"));
    c.holds(
        "ELECTRON-IPC.md: sending on 'error' raises no uncaught exception in main",
        !handler_errors.iter().any(|t| t.starts_with("Uncaught")),
        &format!("{handler_errors:?}"),
    );

    // ---- event objects ----
    for (which, event) in [
        ("IpcMainEvent", &main["onEvent"]),
        ("IpcMainInvokeEvent", &main["invokeEvent"]),
    ] {
        c.eq(
            &format!("structures/ipc-main-event.md: {which}.type is 'frame'"),
            &event["type"],
            json!("frame"),
        );
        c.eq(
            &format!("structures/ipc-main-event.md: {which}.sender is the WebContents that sent the message"),
            &event["senderIsWebContents"],
            json!(true),
        );
        c.eq(
            &format!(
                "structures/ipc-main-event.md: {which}.sender.id is the window's webContents.id"
            ),
            &event["senderId"],
            wc_id.clone(),
        );
        c.eq(&format!("structures/ipc-main-event.md: {which}.processId is the sender's renderer process (same as sender.getProcessId())"),
            &json!([&event["processId"], &event["senderProcessId"]]), json!([pid, pid]));
        c.eq(
            &format!("structures/ipc-main-event.md: {which}.frameId is the main frame's id"),
            &event["frameId"],
            json!(1),
        );
        c.eq(
            &format!("structures/ipc-main-event.md: {which}.senderFrame is present"),
            &event["senderFrame"],
            json!(true),
        );
        c.eq(
            &format!("structures/ipc-main-event.md: {which}.ports is an empty array"),
            &event["ports"],
            json!(0),
        );
    }
    c.eq(
        "ipc-main-event.md: IpcMainEvent.reply is a function",
        &main["onEvent"]["reply"],
        json!("function"),
    );
    c.eq(
        "ipc-main-invoke-event.md: IpcMainInvokeEvent has no reply",
        &main["invokeEvent"]["reply"],
        json!("undefined"),
    );
    c.eq(
        "ipc-main-invoke-event.md: IpcMainInvokeEvent has no returnValue",
        &main["invokeEvent"]["returnValue"],
        json!(false),
    );
    // The docs list returnValue on every IpcMainEvent; lib/browser/api/web-contents.ts adds it
    // (addReturnValueToEvent) only for sendSync messages. We follow the source.
    c.eq(
        "web-contents.ts (source over docs): an IpcMainEvent from send has no returnValue",
        &main["onEvent"]["returnValue"],
        json!(false),
    );

    // ---- structured clone, both ways ----
    check_clone(&mut c, "page -> main (invoke args)", &pre["cloneInvoke"]);
    check_clone(&mut c, "page -> main (send args)", &main["cloneSend"]);
    check_clone(&mut c, "page -> main (sendSync args)", &pre["cloneSync"]);
    check_clone(&mut c, "main -> page (invoke result)", &pre["cloneResult"]);
    check_clone(
        &mut c,
        "main -> page (sendSync returnValue)",
        &pre["cloneSyncResult"],
    );
    check_clone(&mut c, "main -> page (webContents.send)", &pre["clonePush"]);
    let refused = [
        ("function", "Function"),
        ("promise", "Promise"),
        ("symbol", "Symbol"),
        ("weakMap", "WeakMap"),
        ("weakSet", "WeakSet"),
        ("domNode", "HTMLDivElement"),
    ];
    for (key, type_name) in refused {
        for how in ["refusedSend", "refusedInvoke", "refusedSync"] {
            c.eq(&format!("ELECTRON-IPC.md Serialization: a {type_name} is refused ({how}) with `An object could not be cloned.`"),
                &pre[how][key], json!("Error: An object could not be cloned."));
        }
        let named = format!("ipcRenderer.send('refused-arrived'): An object could not be cloned: args[1].onDone is a {type_name}");
        c.holds(&format!("ELECTRON-IPC.md (electron#26338): the journal names the path of the refused {type_name}"),
            handler_errors.contains(&named.as_str()), &named);
        for named in [
            format!("ipcRenderer.invoke('echo'): An object could not be cloned: args[0] is a {type_name}"),
            format!("ipcRenderer.sendSync('sync'): An object could not be cloned: args[0][0] is a {type_name}"),
        ] {
            c.holds(&format!("ELECTRON-IPC.md (electron#26338): the journal names the path of the refused {type_name}"),
                handler_errors.contains(&named.as_str()), &named);
        }
    }
    c.holds("ELECTRON-IPC.md (electron#26338): a result main could not clone is named in main's handler error",
        handler_errors.iter().any(|t| t.starts_with("Error occurred in handler for 'unclonable-result': Error: An object could not be cloned.") && t.contains("result.callback is a Function")), "");
    c.holds("ELECTRON-IPC.md (electron#26338): webContents.send's refused argument is named in the journal",
        handler_errors.iter().any(|t| t.starts_with("Error sending from webFrameMain: ") && t.contains("args[0].onDone is a Function")), "");
    c.eq(
        "ELECTRON-IPC.md: a refused send never reaches main",
        &json!(main.get("refusedArrived")),
        json!(null),
    );
    c.eq("web-frame-main.ts: webContents.send with unserializable arguments does not throw to the caller",
        &pre["pushUnclonable"], json!("returned"));
    c.holds("web-frame-main.ts: main logs `Error sending from webFrameMain: ` with `Failed to serialize arguments`",
        handler_errors.iter().any(|t| t.starts_with("Error sending from webFrameMain: ") && t.contains("Failed to serialize arguments")), "");
    c.holds(
        "a push that could not be serialized is not journaled as sent",
        find(&journal, "push", "never-sent").is_none(),
        "",
    );

    c.eq(
        "ELECTRON-IPC.md Serialization: a Node Buffer arrives as a Uint8Array",
        &pre["buffer"],
        json!([true, "104,195,169"]),
    );
    // V8's ValueSerializer (WriteJSError) keeps the prototype only for the standard error names.
    c.eq("structured clone: an Error with a custom name arrives as an Error named 'Error' (main -> page)",
        &pre["customErrorToPage"], json!([true, "Error", "kept message"]));
    c.eq("structured clone: an Error with a custom name arrives as an Error named 'Error' (page -> main)",
        &pre["customErrorToMain"], json!([true, "Error", "to main"]));
    c.eq(
        "structured clone: a standard error type keeps its name",
        &pre["typeErrorToMain"],
        json!([true, "TypeError", "typed"]),
    );
    c.eq("ELECTRON-IPC.md: a push nobody listens to is dropped silently, and journaled with listeners 0",
        &find(&journal, "push", "nobody-listens").map(|e| e["listeners"].clone()).unwrap_or_default(), json!(0));
    let wc_text = wc_id.as_u64().unwrap_or_default();
    let no_listener = format!("WebContents #{wc_text} called ipcRenderer.sendSync() with 'nobody-answers' channel without listeners.");
    c.holds(
        "ELECTRON-IPC.md: sendSync with no listener: main logs this exact text",
        handler_errors.contains(&no_listener.as_str()),
        &no_listener,
    );
    c.holds(
        "ELECTRON-IPC.md: the page stays blocked: no answer was journaled before the run ended",
        find(&journal, "send-sync-result", "nobody-answers").is_none(),
        "",
    );

    // ---- contextBridge (docs/api/context-bridge.md) ----
    c.eq("context-bridge.md: exposeInMainWorld copies the API: later changes in the preload do not show", &page["copied"], json!(2));
    c.eq(
        "context-bridge.md: objects are rebuilt from own keys, prototypes dropped",
        &json!([&page["pointProto"], &page["point"]]),
        json!([true, "{\"x\":1} false"]),
    );
    c.eq(
        "context-bridge.md: other values (Date) cross by structured clone",
        &page["date"],
        json!(0),
    );
    c.eq(
        "context-bridge.md: other values (Map) cross by structured clone",
        &page["map"],
        json!("v"),
    );
    c.eq("context-bridge.md: typed arrays cross by structured clone; DeepFreeze skips them (electron_api_context_bridge.cc)",
        &page["bytes"], json!(["1,2,3", false]));
    c.eq(
        "context-bridge.md: functions are proxied: calling one runs the preload's function",
        &page["callMe"],
        json!([42, 21]),
    );
    c.eq(
        "context-bridge.md: functions passed back from the page are proxied too",
        &page["callBack"],
        json!(6),
    );
    c.eq(
        "context-bridge.md: Promises are proxied",
        &json!([&page["laterIsPromise"], &page["later"]]),
        json!([true, {"done": true}]),
    );
    c.eq(
        "context-bridge.md: a rejection crosses as an Error with its message",
        &page["fails"],
        json!([true, "boom"]),
    );
    c.eq(
        "context-bridge.md: a thrown error crosses with its message",
        &page["throwsSync"],
        json!("Error: sync boom"),
    );
    c.eq(
        "context-bridge.md: the copy is deep-frozen",
        &page["frozen"],
        json!([true, true, true, true]),
    );
    c.eq(
        "context-bridge.md: a frozen array refuses changes",
        &page["mutate"],
        json!("TypeError"),
    );
    c.eq(
        "ELECTRON-IPC.md: window[key] is read-only",
        &page["assignIgnored"],
        json!(true),
    );
    c.eq(
        "ELECTRON-IPC.md: window[key] is non-configurable",
        &json!([&page["deleteRefused"], &page["descriptor"]]),
        json!([false, [false, false]]),
    );
    c.eq(
        "ELECTRON-IPC.md: exposing over an existing key throws",
        &pre["existing"],
        json!("Error: Cannot bind an API on top of an existing property on the window object"),
    );
    c.eq(
        "electron_api_context_bridge.cc: a property the window inherits (alert) counts as existing",
        &pre["existingBuiltin"],
        json!("Error: Cannot bind an API on top of an existing property on the window object"),
    );
    c.eq("ELECTRON-IPC.md: objects nested deeper than 1000 throw (two spaces after the first full stop)",
        &json!(pre["tooDeep"].as_str().and_then(|t| t.split_once(": ")).map(|(_, m)| m)),
        json!("Electron contextBridge recursion depth exceeded.  Nested objects deeper than 1000 are not supported."));
    c.eq(
        "a failed exposure leaves window[key] unset",
        &page["tooDeepExposed"],
        json!("undefined"),
    );
    c.eq(
        "nesting under the limit (500) is fine",
        &pre["deepButFine"],
        json!("no error"),
    );
    c.eq(
        "context-bridge.md: ipcRenderer passed over the bridge is an empty object",
        &page["ipcCopy"],
        json!("{} undefined"),
    );
    c.eq(
        "ELECTRON-IPC.md: the page has no require, no ipcRenderer, no process",
        &page["globals"],
        json!(["undefined", "undefined", "undefined"]),
    );
    for (name, kind) in [
        ("electron", "object"),
        ("electron/common", "object"),
        ("electron/renderer", "object"),
        ("events", "function"),
        ("node:events", "function"),
        ("timers", "object"),
        ("node:timers", "object"),
        ("url", "object"),
        ("node:url", "object"),
    ] {
        c.eq(
            &format!("tutorial/sandbox.md: require('{name}') resolves in a sandboxed preload"),
            &pre["require"][name],
            json!(kind),
        );
    }
    c.eq(
        "ELECTRON-IPC.md: any other module throws `module not found: NAME`",
        &pre["requireRefused"],
        json!([
            "Error: module not found: fs",
            "Error: module not found: node:fs",
            "Error: module not found: child_process",
            "Error: module not found: electron/main",
            "Error: module not found: path"
        ]),
    );

    // ---- the `exposed` journal entry (the panel's view of what a preload gave the page) ----
    let exposed: Vec<&Value> = entries(&journal, "lifecycle")
        .into_iter()
        .filter(|e| e["event"] == "exposed")
        .collect();
    let by_key = |key: &str| {
        exposed
            .iter()
            .filter(|e| e["key"] == key)
            .collect::<Vec<_>>()
    };
    let demo = by_key("shapeDemo");
    c.eq(
        "journal: one exposed entry per successful exposeInMainWorld",
        &json!(demo.len()),
        json!(1),
    );
    if let Some(demo) = demo.first() {
        let mut fields: Vec<&String> = demo
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        fields.retain(|k| !["seq", "time"].contains(&k.as_str()));
        c.eq(
            "journal: exposed entry fields",
            &json!(fields),
            json!(["kind", "event", "webContentsId", "key", "world", "api"]),
        );
        c.eq(
            "journal: exposed entry names its window",
            &demo["webContentsId"],
            wc_id.clone(),
        );
        c.eq("journal: exposed api shape: values in the value encoding, functions named", &demo["api"], json!({
            "version": 3, "name": "演示", "tags": ["a", 1],
            "when": {"$type": "Date", "value": "1970-01-01T00:00:00.000Z"},
            "nothing": {"$type": "undefined"}, "nan": {"$type": "Number", "value": "NaN"},
            "nested": {"ping": {"$type": "Function", "name": "ping"}, "deep": {"fn": {"$type": "Function", "name": "named"}}},
        }));
    }
    let mut tall = json!({"$type": "Truncated"});
    for _ in 0..8 {
        tall = json!({ "down": tall });
    }
    c.eq(
        "journal: exposed api shape is cut at depth 8",
        &by_key("shapeTall")
            .first()
            .map(|e| e["api"].clone())
            .unwrap_or_default(),
        tall,
    );
    let big = by_key("shapeBig")
        .first()
        .map(|e| e["api"].clone())
        .unwrap_or_default();
    let many = big["many"].as_array().cloned().unwrap_or_default();
    c.eq(
        "journal: exposed api shape is cut at 500 entries in all (3 keys, 497 elements), a Truncated marker last",
        &json!([many.len(), many.last()]),
        json!([498, {"$type": "Truncated"}]),
    );
    c.eq(
        "journal: a big buffer in an exposed api is summarised",
        &big["bytes"],
        json!({"$type": "Truncated", "type": "Uint8Array"}),
    );
    c.eq("journal: a long string in an exposed api is summarised with its length and first 1024 characters",
        &json!([&big["text"]["$type"], &big["text"]["length"], big["text"]["value"].as_str().map(str::len)]), json!(["Truncated", 5000, 1024]));
    c.eq(
        "journal: ipcRenderer exposed shows as an empty object",
        &by_key("ipcCopy")
            .first()
            .map(|e| e["api"].clone())
            .unwrap_or_default(),
        json!({}),
    );
    c.eq(
        "journal: failed exposures are not journaled",
        &json!([
            by_key("conformance").len(),
            by_key("alert").len(),
            by_key("tooDeep").len()
        ]),
        json!([1, 0, 0]),
    );

    // ---- a shim pages cannot corrupt ----
    c.eq("the page can call the deliver function, but a frame without main's token settles no invoke and reaches no listener",
        &page["forgery"], json!([true, "real", 0]));
    let t = &tamper["page"];
    c.eq(
        "tampered built-ins: the preload's invoke(...).then(...) chain ran",
        &t["invokeReturned"],
        json!("invoked"),
    );
    check_clone(
        &mut c,
        "with the page's built-ins replaced, page -> main (invoke)",
        &t["invokeSeen"],
    );
    check_clone(
        &mut c,
        "with the page's built-ins replaced, main -> page (push)",
        &t["push"][1]["seen"],
    );
    let page_value = json!([[1, 2], [[1, "one"]], "你好"]);
    c.eq(
        "tampered built-ins: invoke result arrives intact",
        &t["invokePage"],
        page_value.clone(),
    );
    c.eq(
        "tampered built-ins: send arrives intact in main",
        &tamper["main"],
        page_value.clone(),
    );
    c.eq(
        "tampered built-ins: send does not throw",
        &t["send"],
        json!("sent"),
    );
    c.eq(
        "tampered built-ins: sendSync answer arrives intact",
        &t["sync"],
        json!([[1, 2], [[1, "one"]], "7bigint"]),
    );
    c.eq(
        "tampered built-ins: once listener gets (event, ...args)",
        &json!([
            &t["push"][0],
            &t["push"][1]["second"],
            &t["push"][1]["sender"]
        ]),
        json!(["received", "second", true]),
    );
    c.eq(
        "tampered built-ins: once removes itself",
        &t["listenersAfterOnce"],
        json!(0),
    );
    let encoded =
        json!([{"list": [1, 2], "map": {"$type": "Map", "entries": [[1, "one"]]}, "text": "你好"}]);
    c.eq(
        "tampered built-ins: the journal holds the exact encoding",
        &find(&journal, "send", "tamper-send")
            .map(|e| e["args"].clone())
            .unwrap_or_default(),
        encoded,
    );
    c.holds(
        "no frame was refused or malformed in the whole run",
        !handler_errors.iter().any(|t| {
            t.contains("raw transport") || t.contains("malformed") || t.contains("unknown shape")
        }),
        &format!("{handler_errors:?}"),
    );

    // ---- the journal's listener counts ----
    c.eq(
        "journal: send records how many main listeners ran (on, addListener, once)",
        &find(&journal, "send", "multi")
            .map(|e| e["listeners"].clone())
            .unwrap_or_default(),
        json!(3),
    );
    c.holds(
        "journal: handleOnce is journaled as handleOnce, and its removal as removeHandler",
        journal
            .iter()
            .any(|e| e["kind"] == "listener" && e["channel"] == "once" && e["op"] == "handleOnce")
            && journal.iter().any(|e| {
                e["kind"] == "listener" && e["channel"] == "once" && e["op"] == "removeHandler"
            }),
        "",
    );
    c.eq(
        "ipc-main-impl.ts: the built-in 'error' listener runs, so a send on 'error' counts 1",
        &find(&journal, "send", "error")
            .map(|e| e["listeners"].clone())
            .unwrap_or_default(),
        json!(1),
    );
    c.holds(
        "journal: the built-in 'error' listener is not journaled as the lab's own",
        !journal
            .iter()
            .any(|e| e["kind"] == "listener" && e["process"] == "main" && e["channel"] == "error"),
        "",
    );
    c.eq(
        "journal: send after removeAllListeners records 0 listeners",
        &find(&journal, "send", "removed-all")
            .map(|e| e["listeners"].clone())
            .unwrap_or_default(),
        json!(0),
    );

    c.holds(
        "the preload and the page ran without an uncaught error",
        !handler_errors.iter().any(|t| {
            t.starts_with("Unable to load preload script")
                || t.starts_with("Uncaught")
                || t.starts_with("ipcscope shim")
        }),
        &format!("{handler_errors:?}"),
    );
    let pushes_on = |channel: &str| -> Value {
        json!(journal
            .iter()
            .filter(|e| e["kind"] == "push" && e["channel"] == channel)
            .map(|e| e["listeners"].clone())
            .collect::<Vec<_>>())
    };
    c.eq("journal: push records how many page listeners there were (on, addListener, once; then none after off and removeListener)",
        &pushes_on("p"), json!([3, 0]));
    c.eq(
        "journal: a push after removeAllListeners() records 0 listeners",
        &pushes_on("q"),
        json!([0]),
    );

    c.finish(&journal);
}

#[test]
fn several_windows_each_its_own_process_answered_and_closed_one_by_one() {
    let run = LabRun::start(&test_lab("conformance-windows"), None, 20);
    let (status, journal, output) = run.finish();
    let seen = logged(&journal, "windows");
    let mut c = Checks::new();
    c.holds(
        "app.md: app.quit() in window-all-closed ends the run with status 0",
        status.success(),
        &format!("{status:?}\n{output}"),
    );

    let created: Vec<&Value> = entries(&journal, "lifecycle")
        .into_iter()
        .filter(|e| e["event"] == "created")
        .collect();
    let ids: Vec<u64> = created
        .iter()
        .filter_map(|e| e["webContentsId"].as_u64())
        .collect();
    let mut pids: Vec<u64> = created.iter().filter_map(|e| e["pid"].as_u64()).collect();
    pids.sort_unstable();
    pids.dedup();
    c.eq(
        "ELECTRON-IPC.md: webContents.id is a small positive integer unique per window",
        &json!(ids),
        json!([1, 2, 3]),
    );
    c.eq(
        "DESIGN.md: each BrowserWindow is its own renderer process",
        &json!(pids.len()),
        json!(3),
    );
    c.eq(
        "browser-window.md: BrowserWindow.getAllWindows() returns every open window",
        &seen["allWindows"],
        json!(3),
    );
    c.eq(
        "web-contents.md: each window's webContents.id, in creation order",
        &seen["ids"],
        json!([1, 2, 3]),
    );
    c.eq(
        "web-contents.md: webContents.fromId(id) finds each window's WebContents",
        &seen["fromId"],
        json!(true),
    );

    c.eq(
        "web-contents.md: a message goes to contents.on('ipc-message'), then contents.ipc, then ipcMain; contents.ipc hears only its window",
        &seen["scoped"],
        json!([
            "ipc-message hello a",
            "ipc hello a",
            "ipc-message who-answered a",
            "ipc-message welcomed a"
        ]),
    );
    c.eq(
        "web-contents.md: a handler on contents.ipc is used before ipcMain.handle, for its window only",
        &seen["who"],
        json!({"a": "webContents.ipc", "b": "ipcMain", "c": "ipcMain"}),
    );
    let mut hello_listeners: Vec<Value> = journal
        .iter()
        .filter(|e| e["kind"] == "send" && e["channel"] == "hello")
        .map(|e| json!([e["webContentsId"], e["listeners"]]))
        .collect();
    // The windows load in any order.
    hello_listeners.sort_by_key(|pair| pair[0].as_u64());
    c.eq(
        "journal: a send counts the webContents.ipc listeners of its own window too",
        &json!(hello_listeners),
        json!([[1, 2], [2, 1], [3, 1]]),
    );

    for (n, name) in ["a", "b", "c"].into_iter().enumerate() {
        let id = n as u64 + 1;
        let pid = created
            .iter()
            .find(|e| e["webContentsId"] == id)
            .map(|e| e["pid"].clone())
            .unwrap_or_default();
        let hello = &seen["hellos"][name];
        c.eq(&format!("browser-window.md: loadFile(path, {{ query }}) puts the query in the URL (window {name})"),
            &hello["search"], json!(format!("?name={name}&q=x%20y%26z!(*)")));
        c.eq(
            &format!("loadFile query values are escaped and decode back (window {name})"),
            &hello["param"],
            json!("x y&z!(*)"),
        );
        c.eq(&format!("ipc-main-event.md: event.sender.id is the sending window's webContents.id (window {name})"), &hello["senderId"], json!(id));
        c.eq(&format!("ipc-main-event.md: event.processId is the sending window's own process (window {name})"), &hello["processId"], pid);
        c.eq(&format!("browser-window.md: BrowserWindow.fromWebContents(event.sender) is that window (window {name})"), &hello["isItsWindow"], json!(true));
        c.eq(
            &format!(
                "web-contents.md: event.sender.send answers the window that sent (window {name})"
            ),
            &seen["welcomed"][name],
            json!({"gotName": name, "gotId": id, "senderId": id}),
        );
        let push = journal
            .iter()
            .find(|e| e["kind"] == "push" && e["channel"] == "welcome" && e["args"][0] == name);
        c.eq(
            &format!("journal: the push went to window {name} only"),
            &json!(push.map(|p| &p["webContentsId"])),
            json!(id),
        );
    }
    c.eq("browser-window.md: win.close() closes only that window; getAllWindows() no longer lists it", &seen["afterFirstClose"], json!([2, 3]));
    c.eq(
        "browser-window.md: a closed window isDestroyed()",
        &seen["destroyed"],
        json!(true),
    );
    c.eq(
        "browser-window.md: 'closed' fires per window; app.md: 'window-all-closed' after the last",
        &seen["events"],
        json!(["closed a", "closed b", "closed c", "window-all-closed"]),
    );
    c.eq(
        "app.md: in window-all-closed no window is left",
        &seen["allAfterLast"],
        json!(0),
    );
    c.eq(
        "app.md: app.whenReady() returns a Promise",
        &seen["whenReadyIsPromise"],
        json!(true),
    );
    c.eq("app.md: 'ready' fires (isReady() true), then whenReady() resolves; app.quit() emits 'before-quit' then 'quit'",
        &logged(&journal, "app"), json!(["ready true", "whenReady", "before-quit", "quit"]));
    c.eq("web-contents.md: 'did-finish-load' fires per window; getURL() is the loaded URL (loadFile with query, and loadURL)",
        &seen["loads"], json!({"a": "index.html?name=a&q=x%20y%26z!(*)", "b": "index.html?name=b&q=x%20y%26z!(*)", "c": "index.html?name=c&q=x%20y%26z!(*)"}));
    let closed: Vec<&Value> = entries(&journal, "lifecycle")
        .into_iter()
        .filter(|e| e["event"] == "closed")
        .map(|e| &e["webContentsId"])
        .collect();
    c.eq(
        "journal: a lifecycle 'closed' entry per window, none crashed",
        &json!(closed),
        json!([1, 2, 3]),
    );
    c.holds(
        "journal: no renderer crashed",
        !entries(&journal, "lifecycle")
            .iter()
            .any(|e| e["event"] == "crashed"),
        "",
    );
    c.finish(&journal);
}
