//! The init script every renderer runs before the page: the page bundle (`scripts.rs`: the
//! value codec, Node's util and events, the `require('electron')` shim) and the lab's preload,
//! so that the page can reach none of them.
//!
//! The preload is written out after the bundle (in a function of its own, outside the bundle's
//! closure), so that WebKit's stacks place its frames and the journal can name the preload's
//! lines as `initiator`. A syntax error there would stop the whole script, shim included, so
//! only a preload that parses (checked with QuickJS, as `new Function` would) goes there; any
//! other travels as data and is compiled by the shim, which reports its error.

use std::ops::Range;

use serde_json::json;

use crate::runtime::compile_check::CompileCheck;
use crate::scripts::PRELOAD_PARAMS;

pub struct ShimConfig<'a> {
    pub token: &'a str,
    pub deliver: &'a str,
    pub web_contents_id: u32,
    pub process_id: u32,
    /// Path and source of the lab's preload.js.
    pub preload: Option<(String, &'a str)>,
    /// `webPreferences.contextIsolation`: the preload runs in an isolated world.
    pub context_isolation: bool,
}

/// A page's init script.
pub struct InitScript {
    pub text: String,
    /// The lines of `text` (from 1) that hold the preload, when it is written out there.
    pub preload_lines: Option<Range<u32>>,
    /// With context isolation: the script for the page's own world (`text` then runs in an
    /// isolated world).
    pub page_world: Option<String>,
}

pub fn init_script(config: &ShimConfig) -> InitScript {
    let inline = config
        .preload
        .as_ref()
        .map(|(_, source)| *source)
        .filter(|source| parses_as_function_body(source));
    let preload = config.preload.as_ref().map(|(path, source)| match inline {
        Some(_) => json!({"path": path, "inline": true}),
        None => json!({"path": path, "source": source}),
    });
    // The private element both worlds hold, named like the (random) deliver function: no page
    // can guess it, and no page script runs while it is in the document anyway.
    let bridge = format!("{}-bridge", config.deliver);
    let shim_config = json!({
        "token": config.token,
        "deliver": config.deliver,
        "webContentsId": config.web_contents_id,
        "processId": config.process_id,
        "preload": preload,
        "isolated": config.context_isolation,
        "handler": if config.context_isolation {
            crate::renderer::PRELOAD_FRAME_HANDLER
        } else {
            crate::renderer::FRAME_HANDLER
        },
        "bridge": bridge,
    });
    let page_world = config.context_isolation.then(|| {
        crate::scripts::page_world(
            &json!({ "bridge": bridge, "deliver": config.deliver }).to_string(),
        )
    });
    let (text, start) = crate::scripts::page(&shim_config.to_string(), inline);
    let preload_lines = start.zip(inline).map(|(start, source)| {
        let first = js_line_count(&text[..start]);
        first..first + js_line_count(source)
    });
    InitScript {
        text,
        preload_lines,
        page_world,
    }
}

/// True when `source` compiles (with QuickJS, compiled only, never run) as the body of a
/// function with a preload's parameters: a preload that WebKit will parse too, and that cannot
/// close the function it is written into early. Such a body would have to go on after that
/// closing brace both as an expression (inside a parenthesis) and as statements (after a
/// declaration), and no text does both.
fn parses_as_function_body(source: &str) -> bool {
    let Some(check) = CompileCheck::new() else {
        return false;
    };
    [
        crate::scripts::preload_as_function(source),
        format!("function preload({PRELOAD_PARAMS}) {{\n{source}\n}}"),
    ]
    .iter()
    .all(|code| check.compile(code, "preload.js").is_ok())
}

/// How many lines JavaScript sees in `text` (its line terminators: LF, CR, CRLF, U+2028, U+2029).
fn js_line_count(text: &str) -> u32 {
    let mut lines = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => lines += 1,
            // CRLF counts once, at its LF.
            '\r' if chars.peek() != Some(&'\n') => lines += 1,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use rquickjs::{CatchResultExt, Context, Runtime};

    use super::*;
    use crate::scripts::{MAIN_PROCESS, NODE_PATH};

    fn config(preload: Option<(String, &str)>) -> ShimConfig<'_> {
        ShimConfig {
            token: "t",
            deliver: "d",
            web_contents_id: 1,
            process_id: 2,
            preload,
            context_isolation: false,
        }
    }

    /// What a page posts while the init script runs with `preload`, in QuickJS with a stand-in
    /// for the few WebKit objects the shim touches (`window.webkit.messageHandlers`, XHR ...).
    fn frames_posted_by(preload: &str) -> Vec<serde_json::Value> {
        frames_posted_after("", preload)
    }

    /// The frames a preload's page posts, with `prelude` run before the init script.
    fn frames_posted_after(prelude: &str, preload: &str) -> Vec<serde_json::Value> {
        let (at_once, later) = bodies_posted(prelude, preload);
        // One frame per line, as the renderer splits a posted body.
        at_once
            .iter()
            .chain(&later)
            .flat_map(|body| body.split('\n'))
            .map(|frame| serde_json::from_str(frame).unwrap())
            .collect()
    }

    /// The bodies the page posts while its script runs, and those posted when its microtasks
    /// then run.
    fn bodies_posted(prelude: &str, preload: &str) -> (Vec<String>, Vec<String>) {
        let script = init_script(&config(Some(("/lab/preload.js".into(), preload)))).text;
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        let take_posted = || {
            context.with(|ctx| {
                ctx.eval::<Vec<String>, _>("posted.splice(0)")
                    .catch(&ctx)
                    .unwrap_or_else(|e| panic!("reading the posted bodies failed: {e}"))
            })
        };
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
                 {prelude}
                 {script}"
            );
            ctx.eval::<(), _>(page)
                .catch(&ctx)
                .unwrap_or_else(|e| panic!("the init script failed: {e}"));
        });
        let at_once = take_posted();
        while runtime.is_job_pending() {
            let _ = runtime.execute_pending_job();
        }
        (at_once, take_posted())
    }

    #[test]
    fn a_tasks_first_frame_is_posted_at_once_and_the_rest_together_after_its_microtasks() {
        let (at_once, later) = bodies_posted(
            "",
            r#"const { ipcRenderer } = require('electron');
            ipcRenderer.send('first');
            ipcRenderer.send('second');
            ipcRenderer.send('third');"#,
        );
        let channels = |body: &String| -> Vec<String> {
            body.split('\n')
                .map(|f| {
                    serde_json::from_str::<serde_json::Value>(f).unwrap()["channel"].to_string()
                })
                .collect()
        };
        assert_eq!(
            at_once.iter().map(channels).collect::<Vec<_>>(),
            [["\"first\""]]
        );
        assert_eq!(
            later.iter().map(channels).collect::<Vec<_>>(),
            [["\"second\"", "\"third\""]]
        );
    }

    #[test]
    fn the_page_gets_the_node_its_shim_and_preload_use_and_none_of_the_main_process_code() {
        let script = init_script(&config(None)).text;
        for needed in [
            "function ipcscopeNodeUtil",
            "function ipcscopeNodeEvents",
            "function encodeValue",
            "function ipcscopeNodeBuffer",
        ] {
            assert!(script.contains(needed), "the page lacks {needed}");
        }
        // The fs port is in main_process.js; path has a file of its own.
        for main_only in [MAIN_PROCESS, NODE_PATH] {
            assert!(
                !script.contains(main_only.source),
                "the page got {}",
                main_only.path
            );
        }
        assert!(
            !script.contains("readFileSync(path, options)"),
            "the page got the fs port"
        );
    }

    #[test]
    fn a_preload_gets_events_timers_buffer_and_node_formatted_console_but_no_fs() {
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
                "log: true function function",
                "warn: module not found: fs",
                r#"send "ping" [1]"#,
            ]
        );
    }

    #[test]
    fn a_frame_that_could_not_be_sent_takes_no_number_so_main_waits_for_nothing() {
        // JSON.stringify running out of memory on one frame, as a huge value can make it.
        let frames = frames_posted_after(
            "const realStringify = JSON.stringify;
             JSON.stringify = function (value, ...rest) {
               if (value && value.channel === 'huge') throw new RangeError('out of memory');
               return realStringify.call(this, value, ...rest);
             };",
            r#"const { ipcRenderer } = require('electron');
            ipcRenderer.send('before');
            try { ipcRenderer.send('huge') } catch (e) {}
            ipcRenderer.send('after');"#,
        );
        let sends: Vec<(&str, u64)> = frames
            .iter()
            .filter(|f| f["t"] == "send")
            .map(|f| (f["channel"].as_str().unwrap(), f["n"].as_u64().unwrap()))
            .collect();
        let numbers: Vec<u64> = frames.iter().map(|f| f["n"].as_u64().unwrap()).collect();
        assert_eq!(
            sends.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            ["before", "after"]
        );
        assert_eq!(
            numbers,
            (1..=numbers.len() as u64).collect::<Vec<_>>(),
            "every frame sent is numbered one after the other: {frames:?}"
        );
    }

    #[test]
    fn a_buffer_the_preload_sends_travels_as_a_uint8array_as_electron_delivers_it() {
        let frames = frames_posted_by(
            r#"const { ipcRenderer } = require('electron');
            ipcRenderer.send('bytes', Buffer.from('hi'), Buffer.isBuffer(Buffer.alloc(1)), global === window);"#,
        );
        let send = frames.iter().find(|f| f["t"] == "send").expect("a send");
        assert_eq!(
            send["args"],
            serde_json::json!([{"$type": "Uint8Array", "base64": "aGk="}, true, true])
        );
    }

    #[test]
    fn without_context_isolation_the_bridge_refuses_and_the_preloads_globals_are_the_pages() {
        let frames = frames_posted_by(
            r#"const { contextBridge, ipcRenderer } = require('electron');
            try { contextBridge.exposeInMainWorld('api', {}) } catch (e) { ipcRenderer.send('threw', e.message) }
            window.api = { hello() {} };
            window.exposed = ipcRenderer;"#,
        );
        let sends: Vec<&serde_json::Value> = frames.iter().filter(|f| f["t"] == "send").collect();
        assert_eq!(
            sends[0]["args"],
            serde_json::json!([
                "contextBridge API can only be used when contextIsolation is enabled"
            ])
        );
        let exposed: Vec<String> = frames
            .iter()
            .filter(|f| f["t"] == "exposed")
            .map(|f| format!("{} {} {}", f["key"], f["world"], f["ipcRenderer"]))
            .collect();
        assert_eq!(
            exposed,
            [r#""api" "main" null"#, r#""exposed" "main" true"#],
            "{frames:?}"
        );
    }

    #[test]
    fn the_preload_travels_as_data_so_its_syntax_errors_cannot_break_the_shim() {
        let script = init_script(&config(Some((
            "/lab/preload.js".into(),
            "this is not }} javascript",
        ))));
        assert!(script.preload_lines.is_none());
        let script = script.text;
        assert!(script.contains(r#""source":"this is not }} javascript""#));
        assert!(script.starts_with("(function () {"));
    }

    #[test]
    fn a_preload_that_parses_is_written_out_after_the_bundle_and_its_lines_are_known() {
        let preload =
            "const { ipcRenderer } = require('electron');\r\n// two\nipcRenderer.send('x');";
        let script = init_script(&config(Some(("/lab/preload.js".into(), preload))));
        let lines = script.preload_lines.clone().expect("inlined");
        assert_eq!(lines.end - lines.start, 3);
        let text: Vec<&str> = script.text.lines().collect();
        assert_eq!(
            text[lines.start as usize - 1],
            "const { ipcRenderer } = require('electron');"
        );
        assert_eq!(text[lines.start as usize + 1], "ipcRenderer.send('x');");
        assert_eq!(
            script.text.matches("ipcRenderer.send('x')").count(),
            1,
            "not also sent as data"
        );
        // It runs, outside the bundle's closure: the shim's own names are not in its scope.
        let frames = frames_posted_by(
            "console.log(typeof ipcRenderer, typeof shimPost, typeof require, this === window);",
        );
        assert_eq!(frames[0]["text"], "undefined undefined function true");
    }

    #[test]
    fn a_preload_that_would_close_its_function_early_travels_as_data() {
        for source in [
            "}); globalThis.escaped = 1; (function () {",
            "}, globalThis.escaped = 1, function () {",
            "} globalThis.escaped = 1; function again() {",
            "return }",
            "import.meta",
        ] {
            let script = init_script(&config(Some(("/lab/preload.js".into(), source))));
            assert!(script.preload_lines.is_none(), "{source}");
        }
        assert!(parses_as_function_body("return 1; // a comment at the end"));
    }
}
