//! Words for the sequence diagram, made from the journal: the code on each arrow
//! (`window.electronAPI.readFile('a.txt')`, `ipcRenderer.invoke('readFileEvent', 'a.txt')`),
//! the text of each marker, and the plain-words explanation of the selected message, in English
//! and Chinese. No egui here: the view, the exports and the tests share it.

use serde_json::Value;

use super::i18n::Lang;
use super::model::sequence::{Arrow, Initiator, Lane, Shape, Step};
use super::model::{field, text, Model, Row};
use super::view::style::{marks, millis};
use crate::journal::{Entry, Kind, ListenerOp, Outcome};
use crate::value::preview;

/// How long the arguments on an arrow may get before they are cut with `…`.
const ARGS_CHARS: usize = 60;
/// How long a value quoted in an explanation may get.
const QUOTE_CHARS: usize = 48;

/// Arguments as JavaScript would write them: strings in single quotes, the rest as the log's
/// preview shows it (`'a.txt', 2, {a: 1}`); at most `max` characters.
pub fn js_args(args: &Value, max: usize) -> String {
    let items: &[Value] = match args {
        Value::Array(items) => items,
        Value::Null => &[],
        other => std::slice::from_ref(other),
    };
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&js_value(item, max));
        if out.chars().count() >= max {
            break;
        }
    }
    cut(&out, max)
}

/// One value as JavaScript would write it (a string in single quotes).
pub fn js_value(value: &Value, max: usize) -> String {
    match value {
        Value::String(s) => {
            let mut out = String::from("'");
            for c in s.chars().take(max) {
                match c {
                    '\'' => out.push_str("\\'"),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            if s.chars().count() > max {
                out.push('…');
            }
            out.push('\'');
            out
        }
        other => preview(other, max),
    }
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// `window.electronAPI.readFile('a.txt')`: what the page called, as best the journal tells (the
/// arguments are the ones the preload passed on).
pub fn call_label(path: &str, entry: &Entry) -> String {
    format!(
        "window.{path}({})",
        js_args(field(entry, "args"), ARGS_CHARS)
    )
}

/// The code that made a message, or what came back: `ipcRenderer.send('test-call', 'hi')`,
/// `webContents.send('testMsg', 'hi')`, `→ 'text'`. What the debugger did to it comes first, as
/// in the log.
pub fn code_label(kind: Kind, entry: &Entry) -> String {
    let channel = js_value(field(entry, "channel"), ARGS_CHARS);
    let args = js_args(field(entry, "args"), ARGS_CHARS);
    let args = if args.is_empty() {
        String::new()
    } else {
        format!(", {args}")
    };
    let code = match kind {
        Kind::Send => format!("ipcRenderer.send({channel}{args})"),
        Kind::Invoke => format!("ipcRenderer.invoke({channel}{args})"),
        Kind::SendSync => format!("ipcRenderer.sendSync({channel}{args})"),
        Kind::Push => format!("webContents.send({channel}{args})"),
        Kind::Reply => format!("event.reply({channel}{args})"),
        Kind::InvokeResult if Outcome::failed(entry) => {
            format!("⚠ {}", cut(text(entry, "error"), ARGS_CHARS))
        }
        Kind::InvokeResult => format!("→ {}", js_value(field(entry, "result"), ARGS_CHARS)),
        Kind::SendSyncResult => format!(
            "returnValue = {}",
            js_value(field(entry, "result"), ARGS_CHARS)
        ),
        _ => String::new(),
    };
    format!("{}{code}", marks(entry))
}

/// How long an answer took, `0.55 ms`, when the journal says.
pub fn duration_label(entry: &Entry) -> Option<String> {
    field(entry, "durationUs").as_u64().map(millis)
}

/// The code with the answer's duration after it: `→ 'text'  0.55 ms`.
pub fn code_with_duration(kind: Kind, entry: &Entry) -> String {
    let code = code_label(kind, entry);
    match duration_label(entry) {
        Some(took) => format!("{code}  {took}"),
        None => code,
    }
}

/// A held message's arrow: the same code, with what it is waiting for.
pub fn held_label(kind: Kind, channel: &str, args: &Value) -> String {
    let mut entry = Entry::new();
    entry.insert("channel".into(), Value::String(channel.to_string()));
    if kind.is_result() {
        entry.insert("result".into(), args.clone());
        if kind == Kind::InvokeResult {
            entry.insert("ok".into(), Value::Bool(true));
        }
    } else {
        entry.insert("args".into(), args.clone());
    }
    let code = code_label(kind, &entry);
    let code = match kind {
        Kind::InvokeResult | Kind::SendSyncResult => format!("'{channel}' {code}"),
        _ => code,
    };
    format!("‖ {code}")
}

/// Everything an arrow says, for screen readers and tests: the call, then the code.
pub fn arrow_label(arrow: &Arrow, entry: &Entry) -> String {
    match &arrow.call {
        Some(path) => format!(
            "{}  {}",
            call_label(path, entry),
            code_with_duration(arrow.kind, entry)
        ),
        None => code_with_duration(arrow.kind, entry),
    }
}

/// A marker's text on the diagram: the listener's code, the lifecycle event, the console line.
pub fn marker_label(kind: Kind, entry: &Entry, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match kind {
        Kind::Listener => {
            let object = if text(entry, "process") == "renderer" {
                "ipcRenderer"
            } else {
                "ipcMain"
            };
            let channel = field(entry, "channel");
            let channel = if channel.is_string() {
                js_value(channel, ARGS_CHARS)
            } else {
                String::new()
            };
            format!("{object}.{}({channel})", text(entry, "op"))
        }
        Kind::Console => {
            let line = text(entry, "text").lines().next().unwrap_or_default();
            let level = match text(entry, "level") {
                "" => "log",
                level => level,
            };
            format!("console.{level}: {}", cut(line, ARGS_CHARS))
        }
        Kind::Error => format!(
            "⚠ {}",
            cut(
                text(entry, "text").lines().next().unwrap_or_default(),
                ARGS_CHARS
            )
        ),
        Kind::Lifecycle => {
            let wc = field(entry, "webContentsId").as_u64().unwrap_or(0);
            let page = file_name(text(entry, "url"));
            match (text(entry, "event"), zh) {
                ("ready", false) => "app ready".into(),
                ("ready", true) => "应用就绪".into(),
                ("created", false) => format!("window #{wc} opened"),
                ("created", true) => format!("窗口 #{wc} 已打开"),
                ("navigating", false) => format!("loading {page}"),
                ("navigating", true) => format!("正在加载 {page}"),
                ("exposed", _) => exposed_label(entry),
                ("loaded", false) => "page loaded".into(),
                ("loaded", true) => "页面加载完成".into(),
                ("load-failed", false) => format!("{page} failed to load"),
                ("load-failed", true) => format!("{page} 加载失败"),
                ("closed", false) => format!("window #{wc} closed"),
                ("closed", true) => format!("窗口 #{wc} 已关闭"),
                ("crashed", false) => "renderer process crashed".into(),
                ("crashed", true) => "渲染进程崩溃".into(),
                ("quit", false) => "app quit".into(),
                ("quit", true) => "应用退出".into(),
                (event, _) => event.to_string(),
            }
        }
        _ => String::new(),
    }
}

/// `window.electronAPI = {readFile, …}`: what a preload put through the contextBridge.
fn exposed_label(entry: &Entry) -> String {
    let names: Vec<&str> = match field(entry, "api") {
        Value::Object(map) if !map.contains_key("$type") => {
            map.keys().map(String::as_str).take(6).collect()
        }
        _ => Vec::new(),
    };
    let more = match field(entry, "api") {
        Value::Object(map) if map.len() > names.len() && !names.is_empty() => ", …",
        _ => "",
    };
    format!(
        "window.{} = {{{}{more}}}",
        text(entry, "key"),
        names.join(", ")
    )
}

/// A lane's title over the diagram.
pub fn lane_title(lane: Lane, lang: Lang) -> String {
    match (lane, lang) {
        (Lane::Page(wc), Lang::En) => format!("page · window #{wc}"),
        (Lane::Page(wc), Lang::Zh) => format!("页面 · 窗口 #{wc}"),
        (Lane::Preload(wc), Lang::En) => format!("preload · window #{wc}"),
        (Lane::Preload(wc), Lang::Zh) => format!("预加载脚本 · 窗口 #{wc}"),
        (Lane::Main, Lang::En) => "main process (main.js)".into(),
        (Lane::Main, Lang::Zh) => "主进程（main.js）".into(),
    }
}

/// What a lane is, for someone who never used Electron (the lane title's tooltip).
pub fn lane_help(lane: Lane, lang: Lang) -> &'static str {
    match (lane, lang) {
        (Lane::Page(_), Lang::En) => "The web page: index.html and its scripts. It cannot use Electron itself; it can only call the functions its preload exposed.",
        (Lane::Page(_), Lang::Zh) => "网页：index.html 和它的脚本。它不能直接使用 Electron，只能调用预加载脚本暴露给它的函数。",
        (Lane::Preload(_), Lang::En) => "The preload script: runs before the page, can use ipcRenderer to talk to main, and hands the page a few functions through the contextBridge.",
        (Lane::Preload(_), Lang::Zh) => "预加载脚本：在页面之前运行，可以用 ipcRenderer 和主进程通信，并通过 contextBridge 交给页面几个函数。",
        (Lane::Main, Lang::En) => "The main process: main.js. It opens the windows and answers messages with ipcMain.on and ipcMain.handle.",
        (Lane::Main, Lang::Zh) => "主进程：main.js。它打开窗口，并用 ipcMain.on 和 ipcMain.handle 回应消息。",
    }
}

/// What the wall between a page and its preload is (its tooltip).
pub fn bridge_help(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The contextBridge: a wall between the page and its preload. The page gets through only by calling what the preload exposed (the door on each arrow).",
        Lang::Zh => "contextBridge：页面和预加载脚本之间的一堵墙。页面只能通过调用预加载脚本暴露的函数穿过它（箭头上的门）。",
    }
}

/// The last part of a URL or path: `index.html`.
fn file_name(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    url.rsplit('/').find(|s| !s.is_empty()).unwrap_or(url)
}

/// The two or three sentences the detail pane shows for a selected row: what happened, in
/// plain words, made from the journal.
pub fn explain(model: &Model, row: &Row, lang: Lang) -> Vec<String> {
    let sequence = &model.sequence;
    let step = sequence.step_by_seq(row.seq).and_then(|i| sequence.step(i));
    let Some(kind) = row.entry_kind else {
        return Vec::new();
    };
    match step.map(|s| &s.shape) {
        Some(Shape::Arrow(arrow)) if !kind.is_result() => {
            let cause = arrow
                .cause
                .and_then(|c| sequence.step(c))
                .and_then(|c| model.step_entry(c));
            message(row, arrow, cause.map(|c| c.as_ref()), lang)
        }
        _ if kind.is_result() => {
            // An answer whose request is not in the log.
            vec![say(
                lang,
                "This is an answer whose request is not in the log (it came before the log was cleared).".into(),
                "这是一条回复，但它的请求不在日志里（请求发生在清空日志之前）。".into(),
            )]
        }
        _ => marker(kind, &row.entry, lang),
    }
}

fn say(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// ` (main.js:15)`, or nothing.
fn at(entry: &Entry) -> String {
    Initiator::of(entry)
        .map(|i| format!(" ({})", i.place()))
        .unwrap_or_default()
}

fn message(row: &Row, arrow: &Arrow, cause: Option<&Entry>, lang: Lang) -> Vec<String> {
    let entry = &row.entry;
    let kind = arrow.kind;
    let wc = arrow.wc;
    let channel = text(entry, "channel");
    let sent_at = at(entry);
    let mut out = Vec::new();
    // Who started it.
    if text(entry, "origin") == "panel" {
        out.push(say(
            lang,
            "You sent this by hand from the panel's debugger.".into(),
            "这是你在面板的调试器里手动发出的。".into(),
        ));
    } else if let Some(original) = field(entry, "replayOf").as_u64() {
        out.push(say(
            lang,
            format!("The panel replayed message #{original}."),
            format!("面板重放了消息 #{original}。"),
        ));
    } else if kind.is_to_main() {
        let waits = match kind {
            Kind::Invoke => say(
                lang,
                " and waited for its answer (a Promise)".into(),
                "，并等待它的回复（一个 Promise）".into(),
            ),
            _ => String::new(),
        };
        out.push(match (&arrow.call, arrow.from) {
            (Some(path), _) => say(
                lang,
                format!(
                    "The page called {}{waits}: a function its preload exposed through the contextBridge.",
                    call_label(path, entry)
                ),
                format!(
                    "页面调用了 {}{waits}：这是预加载脚本通过 contextBridge 暴露给页面的函数。",
                    call_label(path, entry)
                ),
            ),
            (None, Lane::Preload(_)) => say(
                lang,
                format!("The preload's own code sent this{sent_at}, not the page."),
                format!("这是预加载脚本自己的代码发出的{sent_at}，不是页面。"),
            ),
            _ => say(
                lang,
                format!("The page of window #{wc} sent this{waits}."),
                format!("窗口 #{wc} 的页面发出了这条消息{waits}。"),
            ),
        });
    }
    match kind {
        Kind::Send | Kind::Invoke | Kind::SendSync => {
            let method = match kind {
                Kind::Send => "ipcRenderer.send",
                Kind::Invoke => "ipcRenderer.invoke",
                _ => "ipcRenderer.sendSync",
            };
            let blocks = if kind == Kind::SendSync {
                say(
                    lang,
                    "; the page froze until main answered".into(),
                    "；页面一直卡住，直到主进程回答".into(),
                )
            } else {
                String::new()
            };
            out.push(say(
                lang,
                format!("It went to main with {method} on channel '{channel}'{sent_at}{blocks}."),
                format!("它通过 {method} 经通道 '{channel}' 发到主进程{sent_at}{blocks}。"),
            ));
            out.push(received(row, arrow, lang));
        }
        Kind::Push | Kind::Reply => {
            let method = if kind == Kind::Push {
                "webContents.send"
            } else {
                "event.reply"
            };
            out.push(say(
                lang,
                format!("main.js sent this to window #{wc} with {method} on channel '{channel}'{sent_at}."),
                format!("main.js 用 {method} 经通道 '{channel}' 把它发给窗口 #{wc}{sent_at}。"),
            ));
            if let Some(cause) = cause {
                let seq = field(cause, "seq").as_u64().unwrap_or(0);
                let what = format!("{} '{}'", text(cause, "kind"), text(cause, "channel"));
                out.push(say(
                    lang,
                    format!("It did so while handling message #{seq} ({what})."),
                    format!("这是它在处理消息 #{seq}（{what}）时发出的。"),
                ));
            }
            if arrow.lost {
                out.push(say(
                    lang,
                    format!("Window #{wc} had no ipcRenderer.on listener on '{channel}' at that moment, so the message was lost. Usually the page registers its listener only after main sent (send once the page has loaded, e.g. on 'did-finish-load'), or the channel names differ."),
                    format!("当时窗口 #{wc} 没有监听 '{channel}' 的 ipcRenderer.on，所以消息丢失了。通常是页面注册监听器晚于主进程发送（应在页面加载完成后再发，例如在 'did-finish-load' 里），或者两边的通道名不一致。"),
                ));
            } else {
                let heard = field(entry, "listeners")
                    .as_u64()
                    .map(|n| {
                        say(
                            lang,
                            format!(" ({n} heard it)"),
                            format!("（{n} 个监听器收到）"),
                        )
                    })
                    .unwrap_or_default();
                let place = arrow.receiver.as_deref().map(at).unwrap_or_default();
                out.push(say(
                    lang,
                    format!("The preload's ipcRenderer.on listener{place} received it{heard} and passed the value on to the page."),
                    format!("预加载脚本里的 ipcRenderer.on 监听器{place}收到了它{heard}，再把值交给页面。"),
                ));
            }
        }
        _ => {}
    }
    out
}

/// What main did with a request: who received it, and what came back.
fn received(row: &Row, arrow: &Arrow, lang: Lang) -> String {
    let entry = &row.entry;
    let channel = text(entry, "channel");
    let handler_at = arrow.receiver.as_deref().map(at).unwrap_or_default();
    let answer = row.result.as_deref();
    let took = row.duration_us().map(millis);
    let quoted = |value: &Value| js_value(value, QUOTE_CHARS);
    match arrow.kind {
        Kind::Send if arrow.lost => say(
            lang,
            format!("Nothing in main.js listened on '{channel}', so the message was lost. Usually the channel names in preload.js and main.js differ, or ipcMain.on('{channel}', …) runs too late."),
            format!("main.js 里没有监听 '{channel}' 的代码，所以消息丢失了。通常是 preload.js 和 main.js 里的通道名不一致，或者 ipcMain.on('{channel}', …) 注册得太晚。"),
        ),
        Kind::Send => {
            let n = field(entry, "listeners").as_u64().unwrap_or(1);
            say(
                lang,
                format!("In main.js, {n} listener{} registered with ipcMain.on{handler_at} ran. A send is one-way: the page gets no answer.", if n == 1 { "" } else { "s" }),
                format!("main.js 里用 ipcMain.on 注册的 {n} 个监听器{handler_at}运行了。send 是单向的：页面收不到回复。"),
            )
        }
        Kind::Invoke => match (answer, took) {
            (None, _) => say(
                lang,
                "No answer yet: the page's Promise is still waiting.".into(),
                "还没有回复：页面的 Promise 仍在等待。".into(),
            ),
            (Some(_), _) if arrow.lost => say(
                lang,
                format!("Nothing in main.js handles '{channel}', so the page's Promise rejected. Register a handler with ipcMain.handle('{channel}', …) before the page invokes it."),
                format!("main.js 里没有处理 '{channel}' 的代码，所以页面的 Promise 被拒绝了。请在页面调用之前用 ipcMain.handle('{channel}', …) 注册处理函数。"),
            ),
            (Some(result), took) if Outcome::failed(result) => say(
                lang,
                format!("The handler registered with ipcMain.handle{handler_at} threw, so the page's Promise rejected{} with: {}", took.as_ref().map(|t| format!(" after {t}")).unwrap_or_default(), text(result, "error")),
                format!("用 ipcMain.handle 注册的处理函数{handler_at}抛出了错误，所以页面的 Promise 被拒绝{}：{}", took.as_ref().map(|t| format!("（用时 {t}）")).unwrap_or_default(), text(result, "error")),
            ),
            (Some(result), took) => say(
                lang,
                format!("The handler registered with ipcMain.handle{handler_at} returned {}; the page had its answer{}.", quoted(field(result, "result")), took.as_ref().map(|t| format!(" after {t}")).unwrap_or_default()),
                format!("用 ipcMain.handle 注册的处理函数{handler_at}返回了 {}；页面{}拿到了回复。", quoted(field(result, "result")), took.as_ref().map(|t| format!("在 {t} 后")).unwrap_or_default()),
            ),
        },
        Kind::SendSync => match answer {
            None => say(
                lang,
                "No answer yet: the page is frozen until main.js sets event.returnValue.".into(),
                "还没有回复：页面会一直卡住，直到 main.js 设置 event.returnValue。".into(),
            ),
            Some(result) if arrow.lost => say(
                lang,
                format!("Nothing in main.js listened on '{channel}', so the page got {} after waiting. sendSync freezes the whole page; invoke does the same job without freezing it.", quoted(field(result, "result"))),
                format!("main.js 里没有监听 '{channel}' 的代码，页面等待后得到了 {}。sendSync 会冻结整个页面；invoke 能做同样的事而不冻结页面。", quoted(field(result, "result"))),
            ),
            Some(result) => say(
                lang,
                format!("A listener registered with ipcMain.on{handler_at} set event.returnValue to {}{}. sendSync freezes the whole page meanwhile; invoke does the same job without freezing it.", quoted(field(result, "result")), took.as_ref().map(|t| format!(" after {t}")).unwrap_or_default()),
                format!("用 ipcMain.on 注册的监听器{handler_at}把 event.returnValue 设为 {}{}。在此期间 sendSync 冻结了整个页面；invoke 能做同样的事而不冻结页面。", quoted(field(result, "result")), took.as_ref().map(|t| format!("（用时 {t}）")).unwrap_or_default()),
            ),
        },
        _ => String::new(),
    }
}

/// A lifecycle, listener, console or error entry, in a sentence or two.
fn marker(kind: Kind, entry: &Entry, lang: Lang) -> Vec<String> {
    let wc = field(entry, "webContentsId").as_u64().unwrap_or(0);
    let place = at(entry);
    let channel = text(entry, "channel");
    let line = match kind {
        Kind::Listener => {
            let renderer = text(entry, "process") == "renderer";
            let op = text(entry, "op");
            match (ListenerOp::parse(op), renderer) {
                (Some(ListenerOp::Handle | ListenerOp::HandleOnce), _) => say(
                    lang,
                    format!("main.js registered a handler with ipcMain.{op}('{channel}'){place}: invokes on this channel now get its answer."),
                    format!("main.js 用 ipcMain.{op}('{channel}') 注册了处理函数{place}：这个通道上的 invoke 现在会得到它的回复。"),
                ),
                (Some(op_kind), false) if op_kind.change() == crate::journal::Change::AddOne => say(
                    lang,
                    format!("main.js started listening with ipcMain.{op}('{channel}'){place}: sends on this channel now reach it."),
                    format!("main.js 用 ipcMain.{op}('{channel}') 开始监听{place}：这个通道上的 send 现在能到达它。"),
                ),
                (Some(op_kind), true) if op_kind.change() == crate::journal::Change::AddOne => say(
                    lang,
                    format!("The preload of window #{wc} started listening with ipcRenderer.{op}('{channel}'){place}: messages main sends on this channel now reach it."),
                    format!("窗口 #{wc} 的预加载脚本用 ipcRenderer.{op}('{channel}') 开始监听{place}：主进程在这个通道上发的消息现在能到达它。"),
                ),
                _ => say(
                    lang,
                    format!("A listener or handler on '{channel}' was removed ({op}){place}."),
                    format!("通道 '{channel}' 上的监听器或处理函数被移除了（{op}）{place}。"),
                ),
            }
        }
        Kind::Console => {
            let who = if text(entry, "process") == "renderer" {
                say(lang, format!("The page of window #{wc}"), format!("窗口 #{wc} 的页面"))
            } else {
                "main.js".to_string()
            };
            let level = match text(entry, "level") {
                "" => "log",
                level => level,
            };
            say(
                lang,
                format!("{who} printed this with console.{level}."),
                format!("{who} 用 console.{level} 打印了这一行。"),
            )
        }
        Kind::Error => say(
            lang,
            format!("An error: {}", text(entry, "text")),
            format!("出错了：{}", text(entry, "text")),
        ),
        Kind::Lifecycle => match text(entry, "event") {
            "ready" => say(
                lang,
                "The app is ready (app.whenReady): main.js can open windows now.".into(),
                "应用已就绪（app.whenReady）：main.js 现在可以打开窗口了。".into(),
            ),
            "created" => say(
                lang,
                format!("main.js opened window #{wc} (new BrowserWindow). Its page runs in a renderer process of its own{}.", field(entry, "pid").as_u64().map(|p| format!(" (pid {p})")).unwrap_or_default()),
                format!("main.js 打开了窗口 #{wc}（new BrowserWindow）。它的页面运行在自己的渲染进程里{}。", field(entry, "pid").as_u64().map(|p| format!("（pid {p}）")).unwrap_or_default()),
            ),
            "navigating" => say(
                lang,
                format!("Window #{wc} started loading {}. Its preload runs first, then the page's scripts.", file_name(text(entry, "url"))),
                format!("窗口 #{wc} 开始加载 {}。先运行预加载脚本，再运行页面的脚本。", file_name(text(entry, "url"))),
            ),
            "exposed" => say(
                lang,
                format!("The preload put {} on the page's window through the contextBridge. The page can call only these functions; it never sees ipcRenderer itself.", exposed_label(entry)),
                format!("预加载脚本通过 contextBridge 把 {} 放到了页面的 window 上。页面只能调用这些函数，看不到 ipcRenderer 本身。", exposed_label(entry)),
            ),
            "loaded" => say(
                lang,
                format!("Window #{wc} finished loading its page."),
                format!("窗口 #{wc} 的页面加载完成。"),
            ),
            "load-failed" => say(
                lang,
                format!("Window #{wc} could not load {}: {}", file_name(text(entry, "url")), text(entry, "errorDescription")),
                format!("窗口 #{wc} 无法加载 {}：{}", file_name(text(entry, "url")), text(entry, "errorDescription")),
            ),
            "closed" => say(
                lang,
                format!("Window #{wc} was closed; its lanes end here."),
                format!("窗口 #{wc} 已关闭；它的泳道到此结束。"),
            ),
            "crashed" => say(
                lang,
                format!("The renderer process of window #{wc} crashed. The window stays; Reload starts a new process."),
                format!("窗口 #{wc} 的渲染进程崩溃了。窗口还在；重新加载会启动新的进程。"),
            ),
            "quit" => say(lang, "The app quit.".into(), "应用已退出。".into()),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    vec![line]
}

/// The text of every step, for the exports: (the call through the bridge, the code) for an
/// arrow, the marker's text for a marker.
pub fn step_text(model: &Model, step: &Step, lang: Lang) -> (Option<String>, String) {
    let Some(entry) = model.step_entry(step) else {
        return (None, String::new());
    };
    match &step.shape {
        Shape::Arrow(arrow) => (
            arrow.call.as_ref().map(|path| call_label(path, entry)),
            code_with_duration(arrow.kind, entry),
        ),
        Shape::Marker { .. } => match Kind::of(entry) {
            Some(kind) => (None, marker_label(kind, entry, lang)),
            None => (None, String::new()),
        },
    }
}

#[cfg(test)]
mod tests;
