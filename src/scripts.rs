//! The JavaScript ipcscope ships, by the process that runs it: the main-process bundle (main.js's
//! QuickJS engine) and the page bundle (the init script of every renderer's webview). Every file
//! is included once, here, except the value codec, which `value.rs` includes and tests.
//!
//! | file                             | main process | page |
//! |----------------------------------|:------------:|:----:|
//! | `preload/codec.js`               |      x       |  x   |
//! | `src/runtime/js/node/util.js`    |      x       |  x   |
//! | `src/runtime/js/node/events.js`  |      x       |  x   |
//! | `src/runtime/js/node/path.js`    |      x       |      |
//! | `src/runtime/js/node/buffer.js`  |      x       |  x   |
//! | `src/runtime/js/main_process.js` |      x       |      |
//! | `preload/bridge.js`              |              |  x   |
//! | `preload/shim.js`                |              |  x   |
//! | `preload/page_world.js`          |              | (x)  |
//!
//! With context isolation the page gets two init scripts: the page bundle runs in an isolated
//! world (the preload's), and the page-world bundle (codec, util, bridge, `page_world.js`) in
//! the page's own world, as the page's side of the contextBridge.
//!
//! A bundle is its files, in this order, inside one function: they share one closure, and
//! nothing of them is a global. A `// ipcscope: PATH` line heads each file, so a line read in
//! the bundle (a stack, the page's inspector) can be traced back to its file. Stacks name the
//! main-process bundle `ipcscope:main_process.js` and the page's init script `user-script:N`
//! (WebKit's name for it), which is how the journal's `initiator` skips ipcscope's own frames.

/// One shipped JS file: where it lives in the repository and its text.
pub struct Script {
    pub path: &'static str,
    pub source: &'static str,
}

macro_rules! script {
    ($path:literal) => {
        Script {
            path: concat!("src/", $path),
            source: include_str!($path),
        }
    };
}

const CODEC: Script = Script {
    path: "preload/codec.js",
    source: crate::value::CODEC_JS,
};
pub const NODE_UTIL: Script = script!("runtime/js/node/util.js");
pub const NODE_EVENTS: Script = script!("runtime/js/node/events.js");
pub const NODE_PATH: Script = script!("runtime/js/node/path.js");
pub const NODE_BUFFER: Script = script!("runtime/js/node/buffer.js");
pub const MAIN_PROCESS: Script = script!("runtime/js/main_process.js");
const SHIM: Script = Script {
    path: "preload/shim.js",
    source: include_str!("../preload/shim.js"),
};
const BRIDGE: Script = Script {
    path: "preload/bridge.js",
    source: include_str!("../preload/bridge.js"),
};
const PAGE_WORLD: Script = Script {
    path: "preload/page_world.js",
    source: include_str!("../preload/page_world.js"),
};

/// main.js's engine: Electron's main-process modules over Node's basics.
pub const MAIN_PROCESS_BUNDLE: &[Script] = &[
    CODEC,
    NODE_UTIL,
    NODE_EVENTS,
    NODE_PATH,
    NODE_BUFFER,
    MAIN_PROCESS,
];

/// Every page, before its own scripts: the `require('electron')` shim and only the Node it uses
/// (EventEmitter for ipcRenderer and `require('events')`, util.format for `console.*`).
pub const PAGE_BUNDLE: &[Script] = &[CODEC, NODE_UTIL, NODE_EVENTS, NODE_BUFFER, BRIDGE, SHIM];

/// With context isolation, the page's own world: its side of the contextBridge.
pub const PAGE_WORLD_BUNDLE: &[Script] = &[CODEC, NODE_UTIL, BRIDGE, PAGE_WORLD];

/// The main-process bundle as one function expression, `(function (native, compile, labDir)
/// {...})`, which returns the object Rust drives (`main_process.js` says what each is).
pub fn main_process() -> String {
    wrap(
        "(function (native, compile, labDir) {\n",
        MAIN_PROCESS_BUNDLE,
        "})",
    )
}

/// What an inlined preload has in scope, as Electron gives a preload.
/// (Electron's sandboxed preload gets `Buffer` and `global` the same way.)
pub const PRELOAD_PARAMS: &str =
    "require, module, exports, __dirname, __filename, process, Buffer, global";

/// A preload's source as the page compiles it: the body of a function of `PRELOAD_PARAMS`, its
/// first line on the wrapper's second.
pub fn preload_as_function(source: &str) -> String {
    format!("(function ({PRELOAD_PARAMS}) {{\n{source}\n}});")
}

/// The page's init script: the page bundle as one statement that runs it at once; `shim_config`
/// is the JSON object `shim.js` reads as `shimConfig`. With `inline_preload` (a preload's source
/// that parses as a function body) the preload is written out after the bundle, outside its
/// closure, as a function the bundle runs: WebKit's stacks give code in the init script its
/// line, and code made by `new Function` none. Returns the script and, then, the byte offset
/// where the preload's source starts in it.
pub fn page(shim_config: &str, inline_preload: Option<&str>) -> (String, Option<usize>) {
    let head = format!("(function () {{\nconst shimConfig = {shim_config};\n");
    match inline_preload {
        None => (wrap(&head, PAGE_BUNDLE, "})();\n"), None),
        Some(source) => {
            let mut script = wrap(&head, PAGE_BUNDLE, "");
            script.push_str("})()(function (");
            script.push_str(PRELOAD_PARAMS);
            script.push_str(") {\n");
            let start = script.len();
            script.push_str(source);
            script.push_str("\n});\n");
            (script, Some(start))
        }
    }
}

/// The page-world init script (context isolation only); `page_config` is the JSON object
/// `page_world.js` reads as `pageConfig`.
pub fn page_world(page_config: &str) -> String {
    let head = format!("(function () {{\nconst pageConfig = {page_config};\n");
    wrap(&head, PAGE_WORLD_BUNDLE, "})();\n")
}

fn wrap(head: &str, scripts: &[Script], tail: &str) -> String {
    let size = scripts
        .iter()
        .map(|s| s.path.len() + s.source.len() + 15)
        .sum::<usize>();
    let mut out = String::with_capacity(head.len() + size + tail.len());
    out.push_str(head);
    for script in scripts {
        out.push_str("// ipcscope: ");
        out.push_str(script.path);
        out.push('\n');
        out.push_str(script.source);
        out.push('\n');
    }
    out.push_str(tail);
    out
}
