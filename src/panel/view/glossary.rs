//! Plain words for the log's vocabulary, in English and Chinese: the tooltip of every kind,
//! column header, detail field and filter term, and the glossary window that lists them all.

use eframe::egui::{self, RichText};

use crate::panel::i18n::Lang;
use crate::panel::model::RowKind;

/// (word, English, Chinese): what a beginner who never used Electron needs to read the log.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "main",
        "The main process: the app's one background program (main.js). It opens windows and answers them.",
        "主进程：应用唯一的后台程序（main.js）。它打开窗口，并回应窗口的请求。",
    ),
    (
        "renderer",
        "A renderer: one window's page (index.html and the preload). Each window is its own process; #1 is its id (webContentsId).",
        "渲染进程：一个窗口里的页面（index.html 和预加载脚本）。每个窗口是一个独立的进程；#1 是它的编号（webContentsId）。",
    ),
    (
        "preload",
        "The preload: a script that runs in the page before the page's own code and hands it a few safe functions (contextBridge).",
        "预加载脚本：在页面自己的代码之前运行的脚本，通过 contextBridge 把几个安全的函数交给页面。",
    ),
    (
        "channel",
        "A channel: the name both sides agree on, like a topic. A message goes to whoever listens on its channel.",
        "通道：两边约定好的名字，像一个话题。消息会送给在这个通道上监听的一方。",
    ),
    (
        "send",
        "send: the page tells main something and does not wait for an answer (ipcRenderer.send, heard by ipcMain.on).",
        "send：页面告诉主进程一件事，不等回答（ipcRenderer.send，由 ipcMain.on 接收）。",
    ),
    (
        "invoke",
        "invoke: the page asks main and waits for the answer (ipcRenderer.invoke, answered by ipcMain.handle). The answer is shown on the same row after →.",
        "invoke：页面向主进程提问并等待回答（ipcRenderer.invoke，由 ipcMain.handle 回答）。回答显示在同一行的 → 之后。",
    ),
    (
        "sendSync",
        "sendSync: like invoke, but the page freezes until main sets event.returnValue.",
        "sendSync：和 invoke 类似，但页面会卡住，直到主进程设置 event.returnValue。",
    ),
    (
        "push",
        "push: main sends a message to a page on its own (webContents.send), heard by ipcRenderer.on in the page.",
        "push（推送）：主进程主动给页面发消息（webContents.send），由页面里的 ipcRenderer.on 接收。",
    ),
    (
        "reply",
        "reply: main answers a send through event.reply; it reaches the page like a push.",
        "reply（回复）：主进程用 event.reply 回应一条 send，像推送一样送到页面。",
    ),
    (
        "console",
        "console: a line printed with console.log (or warn, error) by main.js or by a page.",
        "console：main.js 或页面用 console.log（或 warn、error）打印的一行。",
    ),
    (
        "error",
        "error: something went wrong: a handler threw, a script failed, or a message was broken.",
        "error：出错了：处理函数抛出异常、脚本失败，或消息损坏。",
    ),
    (
        "listener",
        "listener: a function was added (or removed) to hear a channel: ipcMain.on or handle in main, ipcRenderer.on in a page.",
        "listener（监听器）：添加（或移除）了一个接收某通道的函数：主进程里的 ipcMain.on 或 handle，页面里的 ipcRenderer.on。",
    ),
    (
        "lifecycle",
        "lifecycle: the app or a window changed state: ready, window created, page loaded, closed, quit.",
        "lifecycle（生命周期）：应用或窗口的状态变化：就绪、窗口创建、页面加载完成、关闭、退出。",
    ),
    (
        "other",
        "other: an entry of a kind this version of ipcscope does not know.",
        "other（其他）：这个版本的 ipcscope 不认识的记录类型。",
    ),
    (
        "listeners",
        "listeners: how many functions heard the message. 0 means nobody was listening and the message was lost.",
        "listeners：有几个函数收到了这条消息。0 表示没人在听，消息丢失了。",
    ),
    (
        "pending",
        "pending: an invoke or sendSync still waiting for its answer.",
        "等待中：invoke 或 sendSync 还在等回答。",
    ),
    (
        "ref",
        "ref: the # of the message this entry answers.",
        "ref：这条记录所回答的那条消息的编号（#）。",
    ),
    (
        "durationUs",
        "durationUs: how long the answer took, in microseconds (1000 µs = 1 ms).",
        "durationUs：回答用了多长时间，单位微秒（1000 微秒 = 1 毫秒）。",
    ),
];

/// Tooltips of the log's columns and the detail pane's fields (English, Chinese).
const TIPS: &[(&str, &str, &str)] = &[
    (
        "#",
        "The entry's number in the journal (seq). An answer has its own number; it is shown in its question's row.",
        "这条记录在日志里的编号（seq）。回答有自己的编号，显示在它所回答的那一行里。",
    ),
    (
        "Time",
        "When it happened (hours:minutes:seconds.milliseconds, UTC).",
        "发生的时间（时:分:秒.毫秒，UTC）。",
    ),
    (
        "Direction",
        "Who sent it to whom: a window's page (renderer #1) or the main process (main).",
        "谁发给谁：某个窗口的页面（renderer #1）或主进程（main）。",
    ),
    (
        "Kind",
        "What sort of entry it is: send, invoke, push ... Hover a kind in the Kinds menu for its meaning.",
        "记录的种类：send、invoke、push……在“类型”菜单里把鼠标移到某个类型上可以看到解释。",
    ),
    (
        "Channel",
        "The channel name the message travelled on.",
        "消息所走的通道名。",
    ),
    (
        "Args / result",
        "What was sent (the arguments); for an invoke or sendSync, → and the answer. Hover a cut value to read it whole.",
        "发送的内容（参数）；对 invoke 或 sendSync，还有 → 和回答。把鼠标移到被截断的值上可以看到全部。",
    ),
    (
        "Duration",
        "How long the answer took to come back.",
        "回答用了多长时间。",
    ),
    ("seq", "The entry's number in the journal.", "记录在日志里的编号。"),
    (
        "time",
        "When it happened, in UTC, to the microsecond.",
        "发生的时间（UTC，精确到微秒）。",
    ),
    ("kind", "What sort of entry it is.", "记录的种类。"),
    (
        "channel",
        "The channel name the message travelled on.",
        "消息所走的通道名。",
    ),
    (
        "args",
        "The arguments, as the sender passed them.",
        "发送方传入的参数。",
    ),
    (
        "webContentsId",
        "Which window: the number Electron gives each window's page (renderer #N).",
        "哪个窗口：Electron 给每个窗口页面的编号（renderer #N）。",
    ),
    (
        "ok",
        "true: the handler answered; false: it threw an error.",
        "true：处理函数正常回答；false：它抛出了错误。",
    ),
    (
        "result",
        "What the handler returned.",
        "处理函数返回的值。",
    ),
    (
        "process",
        "Where it happened: main (main.js) or renderer (a page).",
        "发生在哪里：main（main.js）或 renderer（页面）。",
    ),
    (
        "level",
        "console.log, info, warn, error or debug.",
        "console 的级别：log、info、warn、error 或 debug。",
    ),
    ("text", "The text that was printed or thrown.", "打印或抛出的文字。"),
    (
        "op",
        "What was done to the listener: on, once, handle, off ...",
        "对监听器做了什么：on、once、handle、off……",
    ),
    (
        "event",
        "What happened to the app or window: ready, created, loaded, closed ...",
        "应用或窗口发生了什么：ready、created、loaded、closed……",
    ),
    (
        "replayOf",
        "This message is a replay: it delivers message #N again.",
        "这是一次重放：它把第 N 条消息再投递一次。",
    ),
    (
        "origin",
        "panel: fired by hand from this panel, not by the lab's code.",
        "panel：在本面板里手动发出，不是实验代码发出的。",
    ),
    (
        "held",
        "Stopped at a breakpoint, then let through.",
        "在断点处被拦住，然后放行。",
    ),
    (
        "editedFrom",
        "The value before it was edited at a breakpoint.",
        "在断点处被修改之前的值。",
    ),
    (
        "fault",
        "What the Debugger's fault injection did to it: a delay, a forced error, or a drop.",
        "调试器的故障注入对它做了什么：延迟、强制出错或丢弃。",
    ),
    (
        "initiator",
        "The line of the lab's code that sent it.",
        "实验代码里发出它的那一行。",
    ),
    (
        "cause",
        "The # of the message main.js was handling when it sent this one.",
        "主进程发出这条消息时正在处理的那条消息的编号（#）。",
    ),
    ("url", "The page's address.", "页面的地址。"),
    ("pid", "The window's process id.", "窗口进程的编号（pid）。"),
];

/// The filter's terms, for the help under the filter box (English, Chinese).
pub const FILTER_TERMS: &[(&str, &str, &str)] = &[
    (
        "channel:NAME",
        "only this channel (read* : every channel starting with read)",
        "只看这个通道（read* 表示以 read 开头的通道）",
    ),
    (
        "-channel:NAME",
        "hide this channel (a - before any term turns it around)",
        "隐藏这个通道（任何条件前加 - 表示取反）",
    ),
    (
        "is:pending",
        "waiting for an answer; also is:error, is:lost, is:held, is:replayed, is:panel",
        "还在等回答；还有 is:error、is:lost、is:held、is:replayed、is:panel",
    ),
    ("window:1", "only renderer #1", "只看 renderer #1"),
    ("kind:invoke", "only this kind", "只看这种类型"),
    (
        "larger-than:10k",
        "args and answer over 10 KiB",
        "参数加回答超过 10 KiB",
    ),
    (
        "slower-than:5ms",
        "answered after more than 5 ms",
        "回答用时超过 5 毫秒",
    ),
    (
        "/regex/",
        "a regular expression over the args (case ignored)",
        "在参数里按正则表达式查找（不区分大小写）",
    ),
    (
        "words",
        "plain text in the args; \"quotes\" keep a: or spaces as text",
        "参数里的普通文字；用\"引号\"把冒号或空格当作文字",
    ),
];

fn pick<'a>(table: &'a [(&str, &'a str, &'a str)], key: &str, lang: Lang) -> Option<&'a str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| if lang == Lang::Zh { *zh } else { *en })
}

/// What a kind of row means.
pub fn kind(kind: RowKind, lang: Lang) -> &'static str {
    pick(WORDS, kind.label(), lang).unwrap_or_default()
}

/// What a column header (its English title) or a journal field means.
pub fn tip(key: &str, lang: Lang) -> Option<&'static str> {
    pick(TIPS, key, lang).or_else(|| pick(WORDS, key, lang))
}

/// The glossary window, open while `open` is set.
pub fn window(ctx: &egui::Context, open: &mut bool, lang: Lang) {
    let screen = ctx.content_rect();
    // In the middle, over the log: opened from the tab bar, it would otherwise cover the tabs.
    egui::Window::new(lang.tr("Glossary"))
        .open(open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(screen.center())
        .default_width(560.0_f32.min(screen.width() * 0.9))
        .default_height(screen.height() * 0.6)
        .max_height(screen.height() * 0.8)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("glossary")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (word, en, zh) in WORDS {
                            ui.label(RichText::new(*word).monospace().strong());
                            let meaning = if lang == Lang::Zh { zh } else { en };
                            ui.add(egui::Label::new(*meaning).wrap());
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.strong(lang.tr("Filter terms"));
                filter_help(ui, lang);
            });
        });
}

/// The filter's terms, one a line.
pub fn filter_help(ui: &mut egui::Ui, lang: Lang) {
    egui::Grid::new("filter-terms")
        .num_columns(2)
        .show(ui, |ui| {
            for (term, en, zh) in FILTER_TERMS {
                ui.label(RichText::new(*term).monospace());
                ui.add(egui::Label::new(if lang == Lang::Zh { *zh } else { *en }).wrap());
                ui.end_row();
            }
        });
}
