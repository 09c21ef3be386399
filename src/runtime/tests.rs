//! main.js runtime tests, without windows: a recording host stands in for the core.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use serde_json::{json, Value};

use super::protocol::HostRequest;
use super::{Host, MainRuntime};

#[derive(Default)]
struct Recorder {
    requests: Vec<Value>,
    next_window: u64,
}

impl Host for Recorder {
    fn request(&mut self, request: HostRequest) -> Result<Value, String> {
        // Kept as the JSON main_process.js sent, which the tests read.
        self.requests
            .push(serde_json::to_value(&request).expect("a request serializes"));
        match request {
            HostRequest::WindowCreate { .. } => {
                self.next_window += 1;
                Ok(json!({"id": self.next_window, "pid": 4242}))
            }
            HostRequest::WindowLoadFile { .. } => Ok(json!("file:///lab/index.html")),
            _ => Ok(Value::Null),
        }
    }
}

struct Lab {
    _dir: tempfile::TempDir,
    path: PathBuf,
    host: Rc<RefCell<Recorder>>,
    runtime: MainRuntime,
}

impl Lab {
    fn new(files: &[(&str, &str)]) -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().canonicalize().unwrap();
        for (name, text) in files {
            let file = path.join(name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let host = Rc::new(RefCell::new(Recorder::default()));
        let runtime = MainRuntime::new(&path, host.clone(), Default::default()).unwrap();
        Lab {
            _dir: dir,
            path,
            host,
            runtime,
        }
    }

    fn run(&self, main: &str) {
        self.runtime
            .run_main(main, &self.path.join("main.js").to_string_lossy());
        self.runtime.run_jobs();
    }

    fn deliver(&self, event: Value) {
        let event = serde_json::from_value(event).expect("an event the core sends");
        self.runtime.deliver(&event);
    }

    fn requests(&self, op: &str) -> Vec<Value> {
        self.host
            .borrow()
            .requests
            .iter()
            .filter(|r| r["op"] == op)
            .cloned()
            .collect()
    }

    fn logs(&self) -> Vec<String> {
        self.requests("console")
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect()
    }

    fn errors(&self) -> Vec<String> {
        self.requests("error")
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs timers until none is due within `limit` of waiting.
    fn run_timers_for(&self, limit: std::time::Duration) {
        let end = std::time::Instant::now() + limit;
        while let Some(wait) = self.runtime.run_timers() {
            if std::time::Instant::now() + wait > end {
                break;
            }
            std::thread::sleep(wait);
        }
    }
}

fn path_of(lab: &Lab, name: &str) -> String {
    Path::new(&lab.path)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_seeds_invoke_handler_reads_a_file_and_returns_its_text() {
    let lab = Lab::new(&[("a.txt", "你好，文件")]);
    lab.run(
        r#"const { app, ipcMain } = require('electron'); const fs = require('fs');
        app.whenReady().then(() => {
            ipcMain.handle("readFileEvent", (event, param) => {
                console.log(param);
                const res = fs.readFileSync(param)
                return res.toString();
            })
        })"#,
    );
    lab.deliver(json!({"type": "ready"}));
    lab.deliver(
        json!({"type": "invoke", "wc": 1, "channel": "readFileEvent", "args": ["a.txt"], "seq": 7}),
    );
    let results = lab.requests("invoke-result");
    assert_eq!(results.len(), 1, "{:?}", lab.host.borrow().requests);
    assert_eq!(results[0]["ref"], 7);
    assert_eq!(results[0]["ok"], true);
    assert_eq!(results[0]["result"], "你好，文件");
    assert_eq!(lab.logs(), ["a.txt"]);
    let listeners = lab.requests("listener");
    assert!(
        listeners
            .iter()
            .any(|l| l["opName"] == "handle" && l["channel"] == "readFileEvent"),
        "{listeners:?}"
    );
}

#[test]
fn long_strings_cross_to_a_handler_and_back_whole_and_in_place() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.handle("echo", (event, a, long, b) => [a, long.length, b].join(' ') + ' ' + long);
        ipcMain.handle("lone", (event, n) => 'x'.repeat(n) + '\ud800');"#,
    );
    let long = "ipc 你好 ".repeat(20_000);
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "echo",
        "args": ["a", long, {"b": 1}], "seq": 1}));
    let results = lab.requests("invoke-result");
    // The handler got the arguments in their places, the long one whole (140,000 UTF-16
    // units), and its long answer came back whole.
    let chars = long.encode_utf16().count();
    assert_eq!(
        results[0]["result"],
        json!(format!("a {chars} [object Object] {long}"))
    );
    // A long answer that UTF-8 cannot carry as it is still arrives, its lone surrogate replaced.
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "lone", "args": [100_000], "seq": 2}));
    let results = lab.requests("invoke-result");
    let answer = results[1]["result"].as_str().unwrap();
    assert_eq!(answer.len(), 100_000 + '\u{fffd}'.len_utf8());
    assert!(answer.ends_with('\u{fffd}'));
}

#[test]
fn invoke_without_a_handler_rejects_with_electrons_text() {
    let lab = Lab::new(&[]);
    lab.run("");
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "get", "args": [], "seq": 3}));
    let result = &lab.requests("invoke-result")[0];
    assert_eq!(result["ok"], false);
    assert_eq!(
        result["error"],
        "Error invoking remote method 'get': Error: No handler registered for 'get'"
    );
    assert!(lab.errors()[0].starts_with("Error occurred in handler for 'get': "));
}

#[test]
fn a_handler_that_throws_what_cannot_be_described_still_answers_its_invoke() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        const hostile = new Proxy({}, { get() { throw new Error('trap') }, getPrototypeOf() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } });
        const bad = new Error('x');
        Object.defineProperty(bad, 'message', { get() { throw new Error('getter') } });
        Object.defineProperty(bad, 'stack', { get() { throw new Error('getter') } });
        ipcMain.handle('proxy', () => { throw hostile });
        ipcMain.handle('getter', async () => { throw bad })"#,
    );
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "proxy", "args": [], "seq": 1}));
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "getter", "args": [], "seq": 2}));
    lab.runtime.run_jobs();
    let results = lab.requests("invoke-result");
    let answered: Vec<u64> = results.iter().filter_map(|r| r["ref"].as_u64()).collect();
    assert_eq!(answered, [1, 2], "each invoke answered once: {results:?}");
    for result in &results {
        assert_eq!(result["ok"], false);
        assert!(
            result["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("Error invoking remote method '")),
            "{result}"
        );
    }
}

#[test]
fn a_handler_stopped_by_the_time_limit_answers_its_invoke_with_an_error() {
    let mut lab = Lab::new(&[]);
    lab.runtime.set_run_limit(Duration::from_millis(200));
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.handle('spin', () => { for (;;) {} });
        ipcMain.handle('fine', () => 'ok')"#,
    );
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "spin", "args": [], "seq": 1}));
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "fine", "args": [], "seq": 2}));
    let results = lab.requests("invoke-result");
    let by_ref = |seq: u64| {
        results
            .iter()
            .find(|r| r["ref"] == seq)
            .unwrap_or_else(|| panic!("invoke {seq} never answered: {results:?}"))
    };
    assert_eq!(by_ref(1)["ok"], false);
    assert_eq!(
        by_ref(1)["error"],
        "Error invoking remote method 'spin': Error: its handler ran for more than 0.2 s without returning, so ipcscope stopped it"
    );
    assert_eq!(by_ref(2)["result"], "ok", "main.js goes on after it");
    assert_eq!(results.len(), 2, "one answer each: {results:?}");
    assert!(
        lab.errors()[0].starts_with("main.js ran for more than 0.2 s"),
        "{:?}",
        lab.errors()
    );
}

#[test]
fn a_handler_that_awaits_then_spins_answers_its_invoke_once_with_an_error() {
    let mut lab = Lab::new(&[]);
    lab.runtime.set_run_limit(Duration::from_millis(200));
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.handle('later', async () => { await null; for (;;) {} });
        ipcMain.handle('timer', () => new Promise((resolve) => setTimeout(resolve, 1)).then(() => { for (;;) {} }));
        ipcMain.handle('fine', () => 'ok')"#,
    );
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "later", "args": [], "seq": 1}));
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "timer", "args": [], "seq": 2}));
    std::thread::sleep(Duration::from_millis(5));
    lab.runtime.run_timers();
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "fine", "args": [], "seq": 3}));
    let results = lab.requests("invoke-result");
    let answers = |seq: u64| {
        results
            .iter()
            .filter(|r| r["ref"] == seq)
            .collect::<Vec<_>>()
    };
    for (seq, channel) in [(1, "later"), (2, "timer")] {
        let answers = answers(seq);
        assert_eq!(
            answers.len(),
            1,
            "invoke {seq}: exactly one answer: {results:?}"
        );
        assert_eq!(answers[0]["ok"], false);
        assert_eq!(
            answers[0]["error"],
            format!("Error invoking remote method '{channel}': Error: its handler ran for more than 0.2 s without returning, so ipcscope stopped it")
        );
    }
    assert_eq!(answers(3)[0]["result"], "ok", "main.js goes on after it");
    assert_eq!(results.len(), 3, "one answer each: {results:?}");
}

#[test]
fn a_handler_that_throws_a_custom_error_keeps_its_name() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError' } }
        ipcMain.handle('x', async () => { throw new ValidationError('bad') })"#,
    );
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "x", "args": [], "seq": 1}));
    lab.runtime.run_jobs();
    let result = &lab.requests("invoke-result")[0];
    assert_eq!(
        result["error"],
        "Error invoking remote method 'x': ValidationError: bad"
    );
}

#[test]
fn second_handler_and_non_function_handler_throw_electrons_errors() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.handle('a', () => 1);
        try { ipcMain.handle('a', () => 2) } catch (e) { console.log(e.message) }
        try { ipcMain.handle('b', 5) } catch (e) { console.log(String(e)) }"#,
    );
    assert_eq!(
        lab.logs(),
        [
            "Attempted to register a second handler for 'a'",
            "TypeError: Expected handler to be a function, but found type 'number'"
        ]
    );
}

#[test]
fn send_reaches_every_listener_with_event_and_decoded_args() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.on('test-call', function (event, arg) { console.log("主进程收到消息:", arg) });
        ipcMain.on('test-call', (event, arg) => console.log(typeof arg, arg === undefined));"#,
    );
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "test-call", "args": ["你好，能听到我说话吗？"], "seq": 2}));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "test-call", "args": [{"$type": "undefined"}], "seq": 3}));
    let logs = lab.logs();
    assert_eq!(
        logs,
        [
            "主进程收到消息: 你好，能听到我说话吗？",
            "string false",
            "主进程收到消息: undefined",
            "undefined true"
        ]
    );
}

#[test]
fn a_listener_that_throws_is_reported_and_the_next_listener_still_runs() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.on('c', () => { throw new Error('boom') });
        ipcMain.on('c', () => console.log('second ran'));"#,
    );
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "c", "args": [], "seq": 1}));
    assert_eq!(lab.logs(), ["second ran"]);
    assert!(
        lab.errors()[0].starts_with("Uncaught Error: boom"),
        "{:?}",
        lab.errors()
    );
}

#[test]
fn push_encodes_args_and_names_the_window() {
    let lab = Lab::new(&[("index.html", "")]);
    lab.run(
        r#"const { app, BrowserWindow } = require('electron');
        app.whenReady().then(() => {
            const win = new BrowserWindow({ webPreferences: { preload: __dirname + '/preload.js' } });
            win.loadFile('index.html');
            win.webContents.send('testMsg', '你好啊，我是主进程', NaN, new Map([[1, 2]]));
        })"#,
    );
    lab.deliver(json!({"type": "ready"}));
    let created = &lab.requests("window-create")[0];
    assert_eq!(created["preload"], path_of(&lab, "preload.js"));
    let push = &lab.requests("push")[0];
    assert_eq!(push["wc"], 1);
    assert_eq!(push["channel"], "testMsg");
    assert_eq!(
        push["args"],
        json!(["你好啊，我是主进程", {"$type": "Number", "value": "NaN"}, {"$type": "Map", "entries": [[1, 2]]}])
    );
}

#[test]
fn a_push_that_cannot_be_cloned_is_logged_not_thrown() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        const win = new BrowserWindow();
        win.webContents.send('x', { cb() {} });
        console.log('still running');"#,
    );
    assert!(lab.requests("push").is_empty());
    assert_eq!(lab.logs(), ["still running"]);
    assert!(lab.errors()[0].contains("Failed to serialize arguments"));
}

#[test]
fn timers_fire_in_order_and_can_be_cleared() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"setTimeout(() => console.log('b'), 20);
        setTimeout(() => console.log('a'), 5);
        const t = setTimeout(() => console.log('never'), 10);
        clearTimeout(t);
        let n = 0; const i = setInterval(() => { console.log('tick' + (++n)); if (n === 2) clearInterval(i) }, 5);
        Promise.resolve().then(() => console.log('microtask first'));"#,
    );
    lab.run_timers_for(std::time::Duration::from_secs(2));
    let logs = lab.logs();
    assert_eq!(logs[0], "microtask first");
    assert!(logs.contains(&"a".to_string()) && logs.contains(&"b".to_string()));
    assert!(!logs.contains(&"never".to_string()));
    assert_eq!(logs.iter().filter(|l| l.starts_with("tick")).count(), 2);
    let a = logs.iter().position(|l| l == "a").unwrap();
    let b = logs.iter().position(|l| l == "b").unwrap();
    assert!(a < b);
}

#[test]
fn require_finds_lab_files_and_refuses_unknown_modules_like_node() {
    let lab = Lab::new(&[
        (
            "files.js",
            "module.exports = { twice: (x) => x * 2, dir: __dirname }",
        ),
        ("data.json", "{\"n\": 3}"),
    ]);
    lab.run(
        r#"const files = require('./files'); const data = require('./data.json');
        console.log(files.twice(data.n), files.dir === __dirname);
        try { require('lodash') } catch (e) { console.log(e.message.split('\n')[0], e.code) }
        console.log(typeof require('node:path').join, typeof require('events'), typeof require('timers').setTimeout);"#,
    );
    assert_eq!(
        lab.logs(),
        [
            "6 true",
            "Cannot find module 'lodash' MODULE_NOT_FOUND",
            "function function function"
        ]
    );
}

#[test]
fn fs_in_main_js_reads_buffers_and_strings_and_stays_in_the_lab() {
    let lab = Lab::new(&[("a.txt", "你好")]);
    lab.run(
        r#"const fs = require('fs');
        const b = fs.readFileSync('a.txt');
        console.log(b.length, b.toString(), fs.readFileSync('a.txt', 'utf8'));
        fs.writeFileSync('out/../b.txt', 'written');
        console.log(fs.readFileSync(__dirname + '/b.txt', 'utf8'), fs.existsSync('nope.txt'));
        try { fs.readFileSync('/etc/hostname') } catch (e) { console.log(e.code) }
        try { fs.readFileSync('missing.txt') } catch (e) { console.log(e.message, e.code) }"#,
    );
    assert_eq!(
        lab.logs(),
        [
            "6 你好 你好",
            "written false",
            "EACCES",
            "ENOENT: no such file or directory, open 'missing.txt' ENOENT"
        ]
    );
}

#[test]
fn an_uncaught_exception_in_main_js_is_reported_with_its_stack() {
    let lab = Lab::new(&[]);
    lab.run("console.log('before');\nnull.x;");
    assert_eq!(lab.logs(), ["before"]);
    let error = &lab.errors()[0];
    assert!(error.starts_with("Uncaught TypeError"), "{error}");
    assert!(error.contains("main.js"), "{error}");
}

#[test]
fn a_syntax_error_in_main_js_names_the_file() {
    let lab = Lab::new(&[]);
    lab.run("const = 1");
    let error = &lab.errors()[0];
    assert!(error.contains("SyntaxError"), "{error}");
}

#[test]
fn an_unhandled_rejection_is_reported() {
    let lab = Lab::new(&[]);
    lab.run("Promise.reject(new Error('nobody caught me'))");
    assert!(
        lab.errors()
            .iter()
            .any(|e| e.starts_with("Unhandled promise rejection: Error: nobody caught me")),
        "{:?}",
        lab.errors()
    );
}

#[test]
fn a_runaway_loop_is_stopped_and_the_runtime_goes_on() {
    let lab = Lab::new(&[]);
    let started = std::time::Instant::now();
    lab.run("globalThis.spin = () => { for (;;) {} }");
    lab.run("spin()");
    assert!(started.elapsed() < super::RUN_LIMIT * 3);
    assert!(
        lab.errors()[0].contains("without returning to the event loop"),
        "{:?}",
        lab.errors()
    );
    lab.run("console.log('alive')");
    assert_eq!(lab.logs(), ["alive"]);
}

#[test]
fn app_quit_asks_the_core_to_quit_and_emits_before_quit() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { app } = require('electron');
        app.on('before-quit', () => console.log('before-quit'));
        app.whenReady().then(() => app.quit())"#,
    );
    lab.deliver(json!({"type": "ready"}));
    assert_eq!(lab.logs(), ["before-quit"]);
    assert_eq!(lab.requests("quit")[0]["code"], 0);
}

#[test]
fn closing_the_last_window_quits_unless_main_js_listens_for_window_all_closed() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        const win = new BrowserWindow();
        win.on('closed', () => console.log('closed', BrowserWindow.getAllWindows().length))"#,
    );
    lab.deliver(json!({"type": "window", "wc": 1, "event": "closed"}));
    assert_eq!(lab.logs(), ["closed 0"]);
    assert_eq!(lab.requests("quit").len(), 1);

    let lab = Lab::new(&[]);
    lab.run(
        r#"const { app, BrowserWindow } = require('electron');
        new BrowserWindow();
        app.on('window-all-closed', () => console.log('all closed'))"#,
    );
    lab.deliver(json!({"type": "window", "wc": 1, "event": "closed"}));
    assert_eq!(lab.logs(), ["all closed"]);
    assert!(lab.requests("quit").is_empty());
}

#[test]
fn event_reply_and_return_value_go_back_to_the_sender() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.on('ping', (event, n) => event.reply('pong', n + 1));
        ipcMain.on('sync', (event, n) => { event.returnValue = n * 10 });"#,
    );
    lab.deliver(json!({"type": "send", "wc": 2, "channel": "ping", "args": [1], "seq": 5}));
    lab.deliver(
        json!({"type": "send", "sync": true, "wc": 2, "channel": "sync", "args": [4], "seq": 6}),
    );
    let reply = &lab.requests("reply")[0];
    assert_eq!(
        (reply["wc"].clone(), reply["ref"].clone()),
        (json!(2), json!(5))
    );
    assert_eq!(reply["args"], json!([2]));
    let sync = &lab.requests("sync-result")[0];
    assert_eq!(
        (sync["ref"].clone(), sync["result"].clone()),
        (json!(6), json!(40))
    );
}

#[test]
fn ipc_main_shows_the_labs_listeners_and_electrons_error_listener_only() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        const show = () => console.log(JSON.stringify(ipcMain.eventNames()),
            ipcMain.listenerCount('newListener') + ipcMain.listenerCount('removeListener'),
            ipcMain.listeners('error').length, ipcMain.rawListeners('x').length, ipcMain.listenerCount('x'));
        show();
        const f = () => {};
        ipcMain.on('x', f);
        show();
        ipcMain.off('x', f);
        show();"#,
    );
    assert_eq!(
        lab.logs(),
        [
            r#"["error"] 0 1 0 0"#,
            r#"["error","x"] 0 1 1 1"#,
            r#"["error"] 0 1 0 0"#
        ]
    );
}

#[test]
fn listener_changes_still_reach_the_journal_after_remove_all_listeners() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.once('a', () => {});
        ipcMain.on('b', () => {});
        ipcMain.on('b', () => {});
        ipcMain.removeAllListeners();
        ipcMain.on('c', () => {});
        ipcMain.on('newListener', () => {});"#,
    );
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "c", "args": [], "seq": 1}));
    let changes: Vec<(String, String, bool)> = lab
        .requests("listener")
        .iter()
        .map(|l| {
            (
                l["opName"].as_str().unwrap().to_string(),
                l["channel"].as_str().unwrap().to_string(),
                l["builtIn"] == true,
            )
        })
        .collect();
    let expected = [
        ("on", "error", true),
        ("on", "a", false),
        ("on", "b", false),
        ("on", "b", false),
        ("off", "error", true),
        ("off", "a", false),
        ("off", "b", false),
        ("off", "b", false),
        ("on", "c", false),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(op, channel, built_in)| (op.to_string(), channel.to_string(), *built_in))
        .collect();
    assert_eq!(changes, expected);
}

#[test]
fn a_once_listener_is_journaled_as_removed_when_it_runs() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        ipcMain.once('a', () => console.log('once ran', JSON.stringify(ipcMain.eventNames())));"#,
    );
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "a", "args": [], "seq": 1}));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "a", "args": [], "seq": 2}));
    assert_eq!(lab.logs(), [r#"once ran ["error"]"#]);
    let ops: Vec<Value> = lab
        .requests("listener")
        .iter()
        .filter(|l| l["channel"] == "a")
        .map(|l| l["opName"].clone())
        .collect();
    assert_eq!(ops, [json!("on"), json!("off")]);
}

#[test]
fn a_page_that_fails_to_load_rejects_load_file_with_electrons_text() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        const win = new BrowserWindow();
        win.webContents.on('did-fail-load', (event, code, description, url, isMainFrame) =>
            console.log('did-fail-load', code, description, url, isMainFrame));
        win.webContents.on('did-finish-load', () => console.log('did-finish-load'));
        win.loadFile('missing.html').then(() => console.log('loaded'), (e) => console.log(e.message));"#,
    );
    lab.deliver(
        json!({"type": "window", "wc": 1, "event": "did-fail-load", "code": -6,
        "description": "ERR_FILE_NOT_FOUND", "url": "file:///lab/missing.html"}),
    );
    assert_eq!(
        lab.logs(),
        [
            "did-fail-load -6 ERR_FILE_NOT_FOUND file:///lab/missing.html true",
            "ERR_FILE_NOT_FOUND (-6) loading 'file:///lab/missing.html'"
        ]
    );
}

#[test]
fn load_file_and_load_url_resolve_when_the_page_has_loaded() {
    let lab = Lab::new(&[("index.html", "")]);
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        const win = new BrowserWindow();
        win.loadFile('index.html').then((v) => console.log('file loaded', v, win.webContents.getURL()));"#,
    );
    assert_eq!(
        lab.requests("window-load-file")[0]["path"],
        json!("index.html")
    );
    lab.deliver(json!({"type": "window", "wc": 1, "event": "did-finish-load", "url": "file:///lab/index.html"}));
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        BrowserWindow.fromId(1).loadURL('https://example.com/').then(() => console.log('url loaded'));"#,
    );
    assert_eq!(
        lab.requests("window-load-url")[0]["url"],
        json!("https://example.com/")
    );
    lab.deliver(json!({"type": "window", "wc": 1, "event": "did-finish-load", "url": "https://example.com/"}));
    assert_eq!(
        lab.logs(),
        ["file loaded undefined file:///lab/index.html", "url loaded"]
    );
}

#[test]
fn set_title_changes_the_title_main_js_reads_back() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { BrowserWindow } = require('electron');
        const win = new BrowserWindow({ title: '旧标题' });
        win.setTitle('新标题');
        console.log(win.getTitle(), win.webContents.getTitle());"#,
    );
    assert_eq!(lab.logs(), ["新标题 新标题"]);
    assert!(lab.requests("window-title").is_empty());
}

/// The lab frame main.js sent with a request, read as the journal's `initiator`.
fn initiator_of(lab: &Lab, request: &Value) -> Value {
    let at = request["at"].as_str().expect("a stack frame");
    json!(crate::core::initiator::from_stack(at, &lab.path, None))
}

/// Where `needle` starts in `source`, as (line, column) from 1.
fn place_of(source: &str, needle: &str) -> (u64, u64) {
    source
        .lines()
        .enumerate()
        .find_map(|(i, line)| {
            line.find(needle)
                .map(|at| (i as u64 + 1, line[..at].chars().count() as u64 + 1))
        })
        .unwrap_or_else(|| panic!("no line holds {needle}"))
}

/// Checks that `request` came from the line of `source` holding `needle`, at a column inside
/// that call (QuickJS places a call at one of its tokens).
fn assert_from(lab: &Lab, request: &Value, source: &str, needle: &str) {
    let initiator = initiator_of(lab, request);
    let (line, column) = place_of(source, needle);
    let text = source.lines().nth(line as usize - 1).unwrap();
    assert_eq!(
        (initiator["file"].clone(), initiator["line"].clone()),
        (json!("main.js"), json!(line)),
        "{needle}: {request}"
    );
    let at = initiator["column"].as_u64().unwrap();
    assert!(
        (column..=text.chars().count() as u64).contains(&at),
        "{needle}: column {at} is not in the call at {column} of {text:?}"
    );
}

#[test]
fn pushes_replies_results_and_listeners_name_the_main_js_line_that_made_them() {
    let lab = Lab::new(&[]);
    let main = r#"const { app, BrowserWindow, ipcMain } = require('electron');
let win;
ipcMain.on('ping', (event, n) => {
  event.reply('pong', n);
  win.webContents.send('pushed', n);
});
ipcMain.on('sync', function answer(event) { event.returnValue = 1; });
ipcMain.handle('get', () => 'value');
app.whenReady().then(() => { win = new BrowserWindow({}); });"#;
    lab.run(main);
    lab.deliver(json!({"type": "ready"}));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "ping", "args": [1], "seq": 5}));
    lab.deliver(
        json!({"type": "send", "sync": true, "wc": 1, "channel": "sync", "args": [], "seq": 6}),
    );
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "get", "args": [], "seq": 7}));
    let reply = &lab.requests("reply")[0];
    assert_from(&lab, reply, main, "event.reply(");
    let push = &lab.requests("push")[0];
    assert_from(&lab, push, main, "win.webContents.send(");
    assert_eq!(
        (reply["cause"].clone(), push["cause"].clone()),
        (json!(5), json!(5)),
        "sent while main.js handled message 5"
    );
    let sync = &lab.requests("sync-result")[0];
    assert_from(&lab, sync, main, "event.returnValue = 1");
    assert_eq!(initiator_of(&lab, sync)["function"], "answer");
    // A handler's result names where it was registered: a return leaves no stack.
    let result = &lab.requests("invoke-result")[0];
    assert_from(&lab, result, main, "ipcMain.handle('get'");
    let listeners: Vec<Value> = lab
        .requests("listener")
        .into_iter()
        .filter(|l| l["builtIn"] == false)
        .collect();
    assert_eq!(listeners.len(), 3);
    for (request, needle) in listeners.iter().zip([
        "ipcMain.on('ping'",
        "ipcMain.on('sync'",
        "ipcMain.handle('get'",
    ]) {
        assert_from(&lab, request, main, needle);
    }
    assert!(
        lab.requests("listener")[0].get("at").is_none(),
        "ipcMain's built-in listener has no place in the lab"
    );
}

#[test]
fn a_call_on_the_first_line_after_chinese_text_is_placed_at_its_character_column() {
    let lab = Lab::new(&[]);
    // QuickJS counts UTF-8 bytes from the start of the module wrapper on line 1.
    let main = "const s = '你好啊'; require('electron').ipcMain.on('first', () => {});";
    lab.run(main);
    let listener = &lab.requests("listener")[1];
    assert_eq!(listener["channel"], "first");
    let initiator = initiator_of(&lab, listener);
    // QuickJS places the call at the `.` or the name of `.on(`.
    let dot = main[..main.find(".on(").unwrap()].chars().count() as u64 + 1;
    assert_eq!(initiator["line"], 1);
    assert!(
        [dot, dot + 1].contains(&initiator["column"].as_u64().unwrap()),
        "at `.on`, column {dot} or {}, counted in characters: {listener}",
        dot + 1
    );
}

#[test]
fn a_quickjs_frame_reads_as_the_labs_own_line_and_character_column() {
    let source =
        "const s = '你好啊'; require('electron').ipcMain.on('x', f);\nconst t = '你好'; go();";
    let sources = std::collections::HashMap::from([("/lab/main.js".to_string(), source.into())]);
    // Line 1 counts bytes from the start of the module wrapper, line 2 from its start.
    let on = super::MODULE_HEADER.len() + source.find(".on(").unwrap() + 2;
    assert_eq!(
        super::lab_frame(
            &format!("    at <anonymous> (/lab/main.js:1:{on})"),
            &sources
        )
        .as_deref(),
        Some("<anonymous>@/lab/main.js:1:46")
    );
    assert_eq!(
        super::lab_frame("    at go (/lab/main.js:2:21)", &sources).as_deref(),
        Some("go@/lab/main.js:2:17")
    );
    assert_eq!(
        super::lab_frame("    at elsewhere (/other.js:2:21)", &sources).as_deref(),
        Some("elsewhere@/other.js:2:21")
    );
    assert_eq!(super::lab_frame("not a frame", &sources), None);
}

#[test]
fn timers_carry_the_cause_they_were_set_under_and_other_timers_none() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { app, BrowserWindow, ipcMain } = require('electron');
        let win;
        app.whenReady().then(() => {
          win = new BrowserWindow({});
          setTimeout(() => win.webContents.send('unprompted'), 1);
        });
        ipcMain.on('later', (event, n) => {
          setTimeout(async () => {
            await null;
            win.webContents.send('timer', n);
          }, 1);
        });"#,
    );
    lab.deliver(json!({"type": "ready"}));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "later", "args": [1], "seq": 8}));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "later", "args": [2], "seq": 9}));
    std::thread::sleep(std::time::Duration::from_millis(5));
    lab.run_timers_for(std::time::Duration::from_millis(50));
    let pushes: Vec<(Value, Value)> = lab
        .requests("push")
        .iter()
        .map(|p| (p["channel"].clone(), p["cause"].clone()))
        .collect();
    assert_eq!(
        pushes,
        [
            (json!("unprompted"), Value::Null),
            (json!("timer"), json!(8)),
            (json!("timer"), json!(9))
        ]
    );
}

// ---- process: unhandledRejection, uncaughtException ------------------------------------------

#[test]
fn an_unhandled_rejection_nobody_listens_for_prints_nodes_warning() {
    let lab = Lab::new(&[]);
    lab.run("Promise.reject(new Error('nobody caught me'))");
    let warnings: Vec<Value> = lab
        .requests("console")
        .into_iter()
        .filter(|c| c["level"] == "warn")
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let first = warnings[0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("(node:")
            && first.contains(") UnhandledPromiseRejectionWarning: Error: nobody caught me"),
        "{first}"
    );
    assert!(
        first.ends_with(
            "\n(Use `electron --trace-warnings ...` to show where the warning was created)"
        ),
        "{first}"
    );
    let second = warnings[1]["text"].as_str().unwrap();
    assert!(second.ends_with(") UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). To terminate the node process on unhandled promise rejection, use the CLI flag `--unhandled-rejections=strict` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: 1)"), "{second}");
    assert_eq!(lab.errors().len(), 1, "journaled once: {:?}", lab.errors());
}

#[test]
fn process_hears_an_unhandled_rejection_with_its_reason_and_promise() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"let rejected;
        process.on('unhandledRejection', (reason, promise) => {
          console.log('heard', reason.message, promise === rejected);
        });
        rejected = Promise.reject(new Error('x'));
        const late = Promise.reject(new Error('caught later'));
        late.catch(() => {});"#,
    );
    assert_eq!(
        lab.logs(),
        ["heard x true"],
        "no warning when a listener heard it"
    );
    assert_eq!(lab.errors().len(), 1, "still journaled: {:?}", lab.errors());
}

#[test]
fn a_listener_that_throws_reaches_process_uncaught_exception() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"const { ipcMain } = require('electron');
        process.on('uncaughtException', (err, origin) => console.log('caught', err.message, origin));
        ipcMain.on('boom', () => { throw new Error('from a listener') });"#,
    );
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "boom", "args": [], "seq": 2}));
    assert_eq!(lab.logs(), ["caught from a listener uncaughtException"]);
    assert!(lab.errors()[0].starts_with("Uncaught Error: from a listener"));
}

// ---- webContents.mainFrame ---------------------------------------------------------------------

const ONE_WINDOW: &str = r#"const { app, BrowserWindow, ipcMain } = require('electron');
    const win = new BrowserWindow({});
    const frame = win.webContents.mainFrame;
"#;

/// `script` run in a main.js that has made one window (`win`, its main frame `frame`).
fn with_window(script: &str) -> String {
    format!("{ONE_WINDOW}{script}")
}

#[test]
fn a_send_reaches_the_frame_then_the_webcontents_then_ipcmain() {
    let lab = Lab::new(&[]);
    lab.run(&with_window(r#"
        const seen = [];
        ipcMain.on('c', (e) => { seen.push('ipcMain'); console.log(seen.join(' > '), e.senderFrame === frame, e.frameId, e.processId); });
        win.webContents.ipc.on('c', () => seen.push('webContents.ipc'));
        frame.ipc.on('c', () => seen.push('mainFrame.ipc'));"#));
    lab.deliver(json!({"type": "send", "wc": 1, "channel": "c", "args": [], "seq": 4}));
    assert_eq!(
        lab.logs(),
        ["mainFrame.ipc > webContents.ipc > ipcMain true 1 4242"]
    );
    let frame_listener = lab
        .requests("listener")
        .into_iter()
        .find(|l| l["frame"] == true)
        .expect("the frame's listener is reported as the frame's");
    assert_eq!(frame_listener["scope"], 1);
}

#[test]
fn a_frame_handler_answers_before_the_webcontents_and_ipcmain_ones() {
    let lab = Lab::new(&[]);
    lab.run(&with_window(
        r#"
        ipcMain.handle('h', () => 'ipcMain');
        win.webContents.ipc.handle('h', () => 'webContents.ipc');
        frame.ipc.handle('h', () => 'mainFrame.ipc');"#,
    ));
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "h", "args": [], "seq": 5}));
    lab.runtime.run_jobs();
    lab.run("require('electron').webContents.fromId(1).mainFrame.ipc.removeHandler('h')");
    lab.deliver(json!({"type": "invoke", "wc": 1, "channel": "h", "args": [], "seq": 6}));
    lab.runtime.run_jobs();
    let results: Vec<Value> = lab
        .requests("invoke-result")
        .iter()
        .map(|r| r["result"].clone())
        .collect();
    assert_eq!(results, [json!("mainFrame.ipc"), json!("webContents.ipc")]);
}

#[test]
fn the_main_frame_describes_the_window_it_belongs_to() {
    let lab = Lab::new(&[]);
    lab.run(&with_window(r#"
        const { webFrameMain } = require('electron');
        console.log(frame.processId, frame.routingId, frame.parent, frame.top === frame, frame.frames.length);
        console.log(webFrameMain.fromId(frame.processId, frame.routingId) === frame);"#));
    lab.deliver(json!({"type": "window", "wc": 1, "event": "did-finish-load", "url": "file:///lab/index.html"}));
    lab.run("const f = require('electron').webContents.fromId(1).mainFrame; console.log(f.url, f.origin)");
    assert_eq!(
        lab.logs(),
        [
            "4242 1 null true 0",
            "true",
            "file:///lab/index.html file://"
        ]
    );
}

// ---- webContents.executeJavaScript ------------------------------------------------------------

#[test]
fn execute_javascript_waits_for_the_page_then_settles_with_its_outcome() {
    let lab = Lab::new(&[]);
    lab.run(&with_window(r#"
        win.loadFile('index.html');
        win.webContents.executeJavaScript('1 + 2').then((v) => console.log('value', v));
        frame.executeJavaScript('throw x').catch((e) => console.log('error', e.name, e.message, e.stack.split('\n')[0]));"#));
    assert!(
        lab.requests("window-eval").is_empty(),
        "not before the page loaded"
    );
    lab.deliver(json!({"type": "window", "wc": 1, "event": "did-finish-load", "url": "file:///lab/index.html"}));
    let evals = lab.requests("window-eval");
    assert_eq!(evals.len(), 2, "{evals:?}");
    assert_eq!(evals[0]["js"], "1 + 2");
    let (first, second) = (evals[0]["id"].clone(), evals[1]["id"].clone());
    lab.deliver(json!({"type": "execute-javascript-result", "wc": 1, "id": second, "outcome":
        r#"{"ok":false,"error":{"name":"ReferenceError","message":"Can't find variable: x","stack":"eval code@"}}"#}));
    lab.deliver(
        json!({"type": "execute-javascript-result", "wc": 1, "id": first, "outcome":
        r#"{"ok":true,"value":{"$type":"Set","values":[3]}}"#}),
    );
    assert_eq!(
        lab.logs(),
        [
            "error ReferenceError Can't find variable: x ReferenceError: Can't find variable: x",
            "value Set(1) { 3 }"
        ]
    );
}

#[test]
fn execute_javascript_stays_pending_when_its_page_goes_away_as_electrons_does() {
    let lab = Lab::new(&[]);
    lab.run(&with_window(
        r#"
        win.webContents._url = 'file:///lab/index.html';
        win.webContents.executeJavaScript('new Promise(() => {})').then(
          () => console.log('resolved'), () => console.log('rejected'));"#,
    ));
    let id = lab.requests("window-eval")[0]["id"].clone();
    lab.deliver(json!({"type": "window", "wc": 1, "event": "closed"}));
    lab.deliver(json!({"type": "execute-javascript-result", "wc": 1, "id": id, "outcome": r#"{"ok":true,"value":1}"#}));
    assert!(lab.logs().is_empty(), "{:?}", lab.logs());
    assert!(
        lab.errors().is_empty(),
        "no unhandled rejection: {:?}",
        lab.errors()
    );
}

#[test]
fn process_emit_warning_prints_as_node_does_and_emits_warning() {
    let lab = Lab::new(&[]);
    lab.run(
        r#"process.on('warning', (w) => console.log('heard', w.name, w.message));
        process.emitWarning('careful', 'DeprecationWarning', 'DEP0001');"#,
    );
    let logs = lab.logs();
    assert_eq!(logs[0], "heard DeprecationWarning careful");
    assert!(
        logs[1].starts_with("(node:")
            && logs[1].contains(") [DEP0001] DeprecationWarning: careful"),
        "{logs:?}"
    );
}
