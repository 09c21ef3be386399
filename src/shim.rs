//! The init script every renderer runs before the page: the page bundle (`scripts.rs`: the
//! value codec, Node's util and events, the `require('electron')` shim) and the lab's preload,
//! in one closure so the page can reach none of them.

use serde_json::json;

pub struct ShimConfig<'a> {
    pub token: &'a str,
    pub deliver: &'a str,
    pub web_contents_id: u32,
    pub process_id: u32,
    /// Path and source of the lab's preload.js.
    pub preload: Option<(String, &'a str)>,
}

pub fn init_script(config: &ShimConfig) -> String {
    let shim_config = json!({
        "token": config.token,
        "deliver": config.deliver,
        "webContentsId": config.web_contents_id,
        "processId": config.process_id,
        "preload": config.preload.as_ref().map(|(path, source)| json!({"path": path, "source": source})),
    });
    crate::scripts::page(&shim_config.to_string())
}

#[cfg(test)]
mod tests {
    use rquickjs::{CatchResultExt, Context, Runtime};

    use super::*;
    use crate::scripts::{MAIN_PROCESS, NODE_BUFFER, NODE_PATH};

    fn config(preload: Option<(String, &str)>) -> ShimConfig<'_> {
        ShimConfig {
            token: "t",
            deliver: "d",
            web_contents_id: 1,
            process_id: 2,
            preload,
        }
    }

    /// What a page posts while the init script runs with `preload`, in QuickJS with a stand-in
    /// for the few WebKit objects the shim touches (`window.webkit.messageHandlers`, XHR ...).
    fn frames_posted_by(preload: &str) -> Vec<serde_json::Value> {
        let script = init_script(&config(Some(("/lab/preload.js".into(), preload))));
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        context.with(|ctx| {
            let page = format!(
                "globalThis.window = globalThis;
                 globalThis.posted = [];
                 globalThis.webkit = {{ messageHandlers: {{ ipcscope: {{ postMessage(text) {{ posted.push(text); }} }} }} }};
                 globalThis.EventTarget = class EventTarget {{ addEventListener() {{}} }};
                 globalThis.XMLHttpRequest = class XMLHttpRequest {{ open() {{}} send() {{}} get responseText() {{ return '{{}}'; }} }};
                 globalThis.URL = class URL {{}};
                 globalThis.URLSearchParams = class URLSearchParams {{}};
                 Object.assign(globalThis, {{ setTimeout() {{}}, clearTimeout() {{}}, setInterval() {{}}, clearInterval() {{}} }});
                 globalThis.console = {{ log() {{}}, info() {{}}, warn() {{}}, error() {{}}, debug() {{}} }};
                 {script}
                 '[' + posted.join(',') + ']'"
            );
            let posted: String = ctx
                .eval(page)
                .catch(&ctx)
                .unwrap_or_else(|e| panic!("the init script failed: {e}"));
            serde_json::from_str(&posted).unwrap()
        })
    }

    #[test]
    fn the_page_gets_the_node_its_shim_uses_and_none_of_the_main_process_code() {
        let script = init_script(&config(None));
        for needed in [
            "function ipcscopeNodeUtil",
            "function ipcscopeNodeEvents",
            "function encodeValue",
        ] {
            assert!(script.contains(needed), "the page lacks {needed}");
        }
        // The fs port is in main_process.js; path and Buffer have their own files.
        for main_only in [MAIN_PROCESS, NODE_PATH, NODE_BUFFER] {
            assert!(
                !script.contains(main_only.source),
                "the page got {}",
                main_only.path
            );
        }
        assert!(!script.contains("readFileSync"), "the page got the fs port");
    }

    #[test]
    fn a_preload_gets_events_timers_and_node_formatted_console_but_no_buffer_or_fs() {
        let frames = frames_posted_by(
            r#"const { ipcRenderer } = require('electron');
            const EventEmitter = require('node:events');
            const emitter = new EventEmitter();
            emitter.on('hi', (n) => console.log('%s heard %d', 'preload', n, { a: [1, 'b'] }, new ArrayBuffer(2)));
            emitter.emit('hi', 42);
            console.log(ipcRenderer instanceof EventEmitter, typeof require('timers').setTimeout, typeof Buffer);
            try { require('fs') } catch (e) { console.warn(e.message) }
            ipcRenderer.send('ping', 1);"#,
        );
        let seen: Vec<String> = frames
            .iter()
            .map(|f| match f["t"].as_str() {
                Some("console") => format!(
                    "{}: {}",
                    f["level"].as_str().unwrap(),
                    f["text"].as_str().unwrap()
                ),
                Some("send") => format!("send {} {}", f["channel"], f["args"]),
                _ => f.to_string(),
            })
            .collect();
        assert_eq!(
            seen,
            [
                "log: preload heard 42 { a: [ 1, 'b' ] } ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }",
                "log: true function undefined",
                "warn: module not found: fs",
                r#"send "ping" [1]"#,
            ]
        );
    }

    #[test]
    fn the_preload_travels_as_data_so_its_syntax_errors_cannot_break_the_shim() {
        let script = init_script(&config(Some((
            "/lab/preload.js".into(),
            "this is not }} javascript",
        ))));
        assert!(script.contains(r#""source":"this is not }} javascript""#));
        assert!(script.starts_with("(function () {"));
    }
}
