//! The main process core: owns the main.js runtime, the renderer processes, the registry and
//! the journal, and runs the event loop that joins them. Every IPC message, in either direction,
//! passes `State::dispatch`, where it is journaled and routed.

pub mod debugger;
pub mod registry;
pub mod windows;

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::{json, Value};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::journal::Journal;
use crate::lab::Lab;
use crate::runtime::{fs::confine, Host, MainRuntime};
use crate::shim;
use crate::wire::{self, FromRenderer, Incoming, ToRenderer};
use debugger::{Breakpoint, Debugger, Direction, Fault, SharedDebugView};
use registry::{Registry, Side};
use windows::{PageFrame, RendererWindow};

/// How long a page may stay blocked in `sendSync` before ipcscope answers `undefined` for it.
/// (Electron would keep it blocked for ever; a workbench should not.)
const SYNC_LIMIT: Duration = Duration::from_secs(10);

/// Everything the core's event loop reacts to.
#[derive(Debug)]
pub enum Inbox {
    Renderer {
        wc: u32,
        line: String,
    },
    RendererExited {
        wc: u32,
        code: Option<i32>,
        signal: Option<i32>,
    },
    Command(Command),
}

/// What the panel (or a signal, or `ipcscope replay`) asks of the core.
#[derive(Debug, Clone)]
pub enum Command {
    /// Stop the lab: close its windows and end the run.
    Stop,
    /// Fire `webContents.send(channel, ...args)` by hand into window `wc` (args: an array in the
    /// value encoding). Journaled as a `push` with `origin: "panel"`.
    Push {
        wc: u32,
        channel: String,
        args: Value,
    },
    /// Deliver journal entry `seq` again (send, invoke and send-sync to main.js as if from the
    /// same window; push and reply to the page), with `args` instead of the recorded ones when
    /// given. The new entries carry `replayOf: seq`.
    Replay { seq: u64, args: Option<Value> },
    /// Deliver a renderer -> main message (`kind`: send, invoke or send-sync) as if window `wc`
    /// sent it; `replay_of` names the recorded entry it repeats.
    Inject {
        kind: String,
        wc: u32,
        channel: String,
        args: Value,
        replay_of: Option<u64>,
    },
    /// Replace the breakpoints; matching messages are held until forwarded or dropped.
    SetBreakpoints(Vec<Breakpoint>),
    /// Set (or with None clear) the fault injected into every message on `channel`.
    SetFault {
        channel: String,
        fault: Option<Fault>,
    },
    /// Deliver a held message, with `args` instead of its own when given.
    Forward { id: u64, args: Option<Value> },
    /// Drop a held message: journaled as dropped; a held invoke rejects in the page.
    DropHeld { id: u64 },
    /// Answer a page blocked in sendSync (send-sync entry `seq`) with `result` (value
    /// encoding), as if main.js had set `event.returnValue`.
    AnswerSync { seq: u64, result: Value },
    /// Reload a window's page, as `webContents.reload()` does.
    ReloadWindow { wc: u32 },
}

pub struct Config {
    pub lab: Lab,
    pub journal: Journal,
    /// The ipcscope binary, started again as `ipcscope renderer` for each window.
    pub exe: PathBuf,
    /// JS run in every page once it has loaded (automation for tests and screenshots).
    pub page_script: Option<String>,
    pub timeout: Option<Duration>,
    /// False for `ipcscope replay`: windows get ids and events but no renderer process.
    pub renderers: bool,
    /// Where the core shows held messages, breakpoints and faults to the panel.
    pub debug_view: SharedDebugView,
    /// Print main.js's console to stdout/stderr as Node would (off for `ipcscope replay`,
    /// whose stdout is its report).
    pub echo_console: bool,
}

#[derive(Debug, PartialEq)]
pub enum Exit {
    /// main.js called app.quit() / app.exit(code), or the last window closed.
    Quit(i32),
    Timeout,
    Stopped,
}

/// Most inbox events handled in one pass before timers run and main.js gets its events.
const BURST: usize = 256;

/// Stack of the main-process thread. QuickJS runs on it (it stops scripts at its own 4 MB
/// limit, which must be below this), and frames nested a few thousand levels deep are parsed
/// and dropped recursively on it. Untouched stack pages cost nothing.
const MAIN_THREAD_STACK: usize = 64 << 20;

/// Starts the main-process thread for a lab; join it for the way the lab ended.
pub fn spawn_lab(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    inbox_rx: UnboundedReceiver<Inbox>,
) -> std::io::Result<std::thread::JoinHandle<anyhow::Result<Exit>>> {
    std::thread::Builder::new()
        .name("main.js".into())
        .stack_size(MAIN_THREAD_STACK)
        .spawn(move || run_lab(config, inbox_tx, inbox_rx))
}

/// Runs a lab until it quits, times out or is stopped; blocks the calling thread.
fn run_lab(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    inbox_rx: UnboundedReceiver<Inbox>,
) -> anyhow::Result<Exit> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the main process event loop")?;
    runtime.block_on(event_loop(config, inbox_tx, inbox_rx))
}

async fn event_loop(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    mut inbox: UnboundedReceiver<Inbox>,
) -> anyhow::Result<Exit> {
    let source = config.lab.main_source()?;
    let main_file = config.lab.main_js_path();
    let deadline = config.timeout.map(|t| Instant::now() + t);
    let journal = config.journal.clone();
    let state = Rc::new(RefCell::new(State::new(config, inbox_tx)));
    let lab_dir = state.borrow().lab.dir.clone();
    let runtime = MainRuntime::new(&lab_dir, state.clone())?;

    runtime.run_main(&source, &main_file.to_string_lossy());
    journal.append("lifecycle", json!({"event": "ready"}));
    state.borrow_mut().to_js.push_back(json!({"type": "ready"}));

    let exit = loop {
        loop {
            let event = state.borrow_mut().to_js.pop_front();
            match event {
                Some(event) => runtime.deliver(&event),
                None => break,
            }
        }
        if let Some(code) = state.borrow().quit {
            break Exit::Quit(code);
        }
        state.borrow_mut().deliver_due(Instant::now());
        let next_timer = runtime.run_timers();
        if !state.borrow().to_js.is_empty() || state.borrow().quit.is_some() {
            continue;
        }
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            break Exit::Timeout;
        }
        let wait = [
            next_timer,
            deadline.map(|d| d - now),
            state
                .borrow()
                .next_sync_deadline()
                .map(|d| d.saturating_duration_since(now)),
            state
                .borrow()
                .next_delayed()
                .map(|d| d.saturating_duration_since(now)),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(Duration::from_secs(3600));
        // Idle: what was journaled in this burst reaches the record file now.
        journal.flush();
        let first = tokio::select! {
            event = inbox.recv() => Some(event),
            _ = tokio::time::sleep(wait) => None,
        };
        if let Some(first) = first {
            // Take what else has already arrived too: a burst is handled in one pass, with
            // one round of timers and one journal flush, not one per message.
            let mut next = Some(first);
            let mut taken = 0;
            let mut stop = false;
            while let Some(event) = next.take() {
                match event {
                    Some(Inbox::Command(Command::Stop)) | None => {
                        stop = true;
                        break;
                    }
                    Some(event) => state.borrow_mut().handle(event),
                }
                taken += 1;
                if taken < BURST {
                    next = inbox.try_recv().ok().map(Some);
                }
            }
            if stop {
                break Exit::Stopped;
            }
        }
        state.borrow_mut().expire_sync(Instant::now());
    };

    let event = match &exit {
        Exit::Quit(code) => json!({"event": "quit", "exitCode": code}),
        Exit::Timeout => json!({"event": "quit", "reason": "timeout"}),
        Exit::Stopped => json!({"event": "quit", "reason": "stopped"}),
    };
    state.borrow_mut().close_all_windows();
    // Give renderers a moment to close their windows cleanly (journaled as closed, before the
    // quit, as Electron closes windows before it quits); the rest are killed on drop.
    let grace = Instant::now() + Duration::from_secs(2);
    while !state.borrow().windows.is_empty() {
        let left = grace.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, inbox.recv()).await {
            Ok(Some(Inbox::RendererExited { wc, code, signal })) => {
                state.borrow_mut().renderer_exited(wc, code, signal);
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    journal.append("lifecycle", event);
    journal.flush();
    Ok(exit)
}

/// One IPC message at the dispatch point.
#[derive(Debug)]
enum Message {
    Send {
        wc: u32,
        channel: String,
        args: Value,
    },
    SendSync {
        wc: u32,
        channel: String,
        args: Value,
        /// The page's blocked request; None when the panel or a replay sent it.
        sync_id: Option<u64>,
    },
    Invoke {
        wc: u32,
        channel: String,
        args: Value,
        invoke_id: Value,
    },
    Push {
        wc: u32,
        channel: String,
        args: Value,
    },
    Reply {
        wc: u32,
        channel: String,
        args: Value,
        reply_to: u64,
    },
}

impl Message {
    fn kind(&self) -> &'static str {
        match self {
            Message::Send { .. } => "send",
            Message::SendSync { .. } => "send-sync",
            Message::Invoke { .. } => "invoke",
            Message::Push { .. } => "push",
            Message::Reply { .. } => "reply",
        }
    }

    fn route(&self) -> (u32, &str, &Value, Direction) {
        match self {
            Message::Send { wc, channel, args }
            | Message::SendSync {
                wc, channel, args, ..
            }
            | Message::Invoke {
                wc, channel, args, ..
            } => (*wc, channel, args, Direction::ToMain),
            Message::Push { wc, channel, args }
            | Message::Reply {
                wc, channel, args, ..
            } => (*wc, channel, args, Direction::ToRenderer),
        }
    }

    /// The window, channel and args, and what only this kind of message carries.
    fn into_parts(self) -> (u32, String, Value, Detail) {
        match self {
            Message::Send { wc, channel, args } => (wc, channel, args, Detail::Send),
            Message::SendSync {
                wc,
                channel,
                args,
                sync_id,
            } => (wc, channel, args, Detail::SendSync(sync_id)),
            Message::Invoke {
                wc,
                channel,
                args,
                invoke_id,
            } => (wc, channel, args, Detail::Invoke(invoke_id)),
            Message::Push { wc, channel, args } => (wc, channel, args, Detail::Push),
            Message::Reply {
                wc,
                channel,
                args,
                reply_to,
            } => (wc, channel, args, Detail::Reply(reply_to)),
        }
    }

    fn set_args(&mut self, new: Value) {
        match self {
            Message::Send { args, .. }
            | Message::SendSync { args, .. }
            | Message::Invoke { args, .. }
            | Message::Push { args, .. }
            | Message::Reply { args, .. } => *args = new,
        }
    }
}

/// What one kind of message carries besides its window, channel and args.
enum Detail {
    Send,
    SendSync(Option<u64>),
    Invoke(Value),
    Push,
    Reply(u64),
}

/// A JSON object from owned values (`json!` would copy each value it is given).
fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Where a message came from, beyond its window: written into its journal entry.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Via {
    Page,
    Panel,
    Replay(u64),
}

/// How `dispatch_with` treats one message.
struct Dispatch {
    via: Via,
    /// False for a message the user just forwarded from a breakpoint.
    may_hold: bool,
    /// Overrides the channel's fault (dropping a held message fails it this way).
    fault: Option<Fault>,
    /// Set when the user forwarded a held message: its args before editing, if edited.
    forwarded: Option<Option<Value>>,
}

impl Dispatch {
    fn live(via: Via) -> Dispatch {
        Dispatch {
            via,
            may_hold: true,
            fault: None,
            forwarded: None,
        }
    }
}

/// Where a delayed message goes when its time comes.
enum Delivery {
    ToJs(Value),
    ToPage(u32, Value),
}

struct PendingInvoke {
    wc: u32,
    channel: String,
    invoke_id: Value,
    started: Instant,
}

struct PendingSync {
    wc: u32,
    channel: String,
    sync_id: Option<u64>,
    started: Instant,
}

/// The core's state. main.js reaches it through `Host::request`; it never calls into JS itself,
/// it queues events in `to_js` for the event loop to deliver.
struct State {
    lab: Lab,
    journal: Journal,
    exe: PathBuf,
    page_script: Option<String>,
    inbox: UnboundedSender<Inbox>,
    windows: std::collections::BTreeMap<u32, RendererWindow>,
    next_window_id: u32,
    registry: Registry,
    pending_invokes: HashMap<u64, PendingInvoke>,
    pending_sync: HashMap<u64, PendingSync>,
    to_js: VecDeque<Value>,
    quit: Option<i32>,
    renderers: bool,
    echo_console: bool,
    /// Windows of a run without renderer processes (`ipcscope replay`).
    virtual_windows: std::collections::BTreeSet<u32>,
    debugger: Debugger,
    /// Messages held at a breakpoint, by hold id.
    held: HashMap<u64, (Message, Via)>,
    /// Messages delayed by an injected latency, in due order.
    delayed: Vec<(Instant, Delivery)>,
    /// How each window was made, so a crashed one can be started again.
    specs: HashMap<u32, WindowSpec>,
    /// Windows whose renderer crashed, with the page they showed (for reload).
    crashed: HashMap<u32, String>,
}

/// What `new BrowserWindow(...)` asked for.
#[derive(Clone)]
struct WindowSpec {
    title: String,
    width: f64,
    height: f64,
    show: bool,
    /// Path and source of the preload.
    preload: Option<(String, String)>,
}

impl State {
    fn new(config: Config, inbox: UnboundedSender<Inbox>) -> State {
        State {
            lab: config.lab,
            journal: config.journal,
            exe: config.exe,
            page_script: config.page_script,
            inbox,
            windows: Default::default(),
            next_window_id: 1,
            registry: Registry::default(),
            pending_invokes: HashMap::new(),
            pending_sync: HashMap::new(),
            to_js: VecDeque::new(),
            quit: None,
            renderers: config.renderers,
            echo_console: config.echo_console,
            virtual_windows: Default::default(),
            debugger: Debugger::new(config.debug_view),
            held: HashMap::new(),
            delayed: Vec::new(),
            specs: HashMap::new(),
            crashed: HashMap::new(),
        }
    }

    /// A message from a page or from main.js, on its way.
    fn dispatch(&mut self, message: Message) {
        self.dispatch_with(message, Dispatch::live(Via::Page));
    }

    /// The dispatch point: every message passes here. A breakpoint may hold it; otherwise it
    /// is journaled (with where it came from and any fault applied) and delivered, now or
    /// after an injected latency.
    fn dispatch_with(&mut self, message: Message, how: Dispatch) {
        let (wc, channel, args, direction) = message.route();
        if how.may_hold && self.debugger.should_hold(channel, direction) {
            let id = self.debugger.hold(message.kind(), wc, channel, args);
            self.held.insert(id, (message, how.via));
            return;
        }
        let kind = message.kind();
        let (wc, channel, args, detail) = message.into_parts();
        let fault = how
            .fault
            .or_else(|| self.debugger.fault(&channel).cloned())
            .unwrap_or_default();
        let delivered = !fault.drop && fault.error.is_none();
        // The journal gets a copy of the args; the delivery below takes them.
        let mut fields = serde_json::Map::new();
        fields.insert("channel".into(), json!(channel));
        fields.insert("args".into(), args.clone());
        fields.insert("webContentsId".into(), json!(wc));
        let listeners = match &detail {
            Detail::Send | Detail::SendSync(_) => {
                Some(self.registry.main_listener_count(wc, &channel))
            }
            Detail::Push => Some(self.registry.renderer_listener_count(wc, &channel)),
            Detail::Invoke(_) | Detail::Reply(_) => None,
        };
        if let Some(listeners) = listeners {
            // A send-sync is answered even when failed, so it counts who would have heard it.
            let heard = delivered || matches!(detail, Detail::SendSync(_));
            fields.insert("listeners".into(), json!(if heard { listeners } else { 0 }));
        }
        if let Detail::Reply(reply_to) = detail {
            fields.insert("ref".into(), json!(reply_to));
        }
        match how.via {
            Via::Page => {}
            Via::Panel => {
                fields.insert("origin".into(), json!("panel"));
            }
            Via::Replay(seq) => {
                fields.insert("replayOf".into(), json!(seq));
            }
        }
        if let Some(edited_from) = how.forwarded {
            fields.insert("held".into(), json!(true));
            if let Some(original) = edited_from {
                fields.insert("editedFrom".into(), original);
            }
        }
        if fault.is_active() {
            fields.insert("fault".into(), fault_description(&fault));
        }
        let seq = self.journal.append(kind, Value::Object(fields));
        let due = Instant::now() + fault.latency;
        match detail {
            Detail::Send | Detail::Push | Detail::Reply(_) => {
                if let Some(error) = &fault.error {
                    self.error(
                        format!("{kind} on '{channel}' failed by ipcscope: {error}"),
                        Some(wc),
                    );
                }
            }
            Detail::SendSync(sync_id) => {
                if listeners == Some(0) && delivered {
                    self.error(
                        format!("WebContents #{wc} called ipcRenderer.sendSync() with '{channel}' channel without listeners."),
                        Some(wc),
                    );
                }
                self.pending_sync.insert(
                    seq,
                    PendingSync {
                        wc,
                        channel: channel.clone(),
                        sync_id,
                        started: Instant::now(),
                    },
                );
                self.debugger.blocked(seq, wc, &channel);
                if let Some(error) = &fault.error {
                    // sendSync has no error path in Electron: the page gets undefined.
                    self.error(format!("sendSync on '{channel}' failed by ipcscope: {error}; the page gets undefined"), Some(wc));
                    self.sync_result(seq, json!({"$type": "undefined"}));
                }
            }
            Detail::Invoke(invoke_id) => {
                self.pending_invokes.insert(
                    seq,
                    PendingInvoke {
                        wc,
                        channel: channel.clone(),
                        invoke_id,
                        started: Instant::now(),
                    },
                );
                if let Some(error) = &fault.error {
                    // The exact text a page's rejected invoke carries.
                    let error = format!("Error invoking remote method '{channel}': Error: {error}");
                    let _ = self.invoke_result(&json!({"ref": seq, "ok": false, "error": error}));
                }
            }
        }
        if !delivered {
            return;
        }
        let delivery = match kind {
            // Both reach the page's ipcRenderer listeners.
            "push" | "reply" => Delivery::ToPage(
                wc,
                object([
                    ("t", json!("push")),
                    ("channel", json!(channel)),
                    ("args", args),
                ]),
            ),
            _ => {
                let mut event = object([
                    (
                        "type",
                        json!(if kind == "invoke" { "invoke" } else { "send" }),
                    ),
                    ("wc", json!(wc)),
                    ("channel", json!(channel)),
                    ("args", args),
                    ("seq", json!(seq)),
                ]);
                if kind == "send-sync" {
                    event["sync"] = json!(true);
                }
                Delivery::ToJs(event)
            }
        };
        self.later(due, delivery);
    }

    /// Delivers now, or queues until `due` when a latency was injected.
    fn later(&mut self, due: Instant, delivery: Delivery) {
        if due <= Instant::now() {
            self.deliver(delivery);
        } else {
            let at = self.delayed.partition_point(|(t, _)| *t <= due);
            self.delayed.insert(at, (due, delivery));
        }
    }

    fn deliver(&mut self, delivery: Delivery) {
        match delivery {
            Delivery::ToJs(event) => self.to_js.push_back(event),
            Delivery::ToPage(wc, frame) => self.to_page(wc, &frame),
        }
    }

    fn deliver_due(&mut self, now: Instant) {
        let due = self.delayed.partition_point(|(t, _)| *t <= now);
        for (_, delivery) in self.delayed.drain(..due).collect::<Vec<_>>() {
            self.deliver(delivery);
        }
    }

    fn next_delayed(&self) -> Option<Instant> {
        self.delayed.first().map(|(t, _)| *t)
    }

    /// Applies a command from the panel or a replay.
    fn command(&mut self, command: Command) {
        match command {
            Command::Stop => {}
            Command::ReloadWindow { wc } => self.reload_window(wc),
            Command::Push { wc, channel, args } => self.dispatch_with(
                Message::Push { wc, channel, args },
                Dispatch::live(Via::Panel),
            ),
            Command::Replay { seq, args } => self.replay(seq, args),
            Command::Inject {
                kind,
                wc,
                channel,
                args,
                replay_of,
            } => {
                let via = replay_of.map_or(Via::Panel, Via::Replay);
                match to_main_message(&kind, wc, channel, args) {
                    Some(message) => self.dispatch_with(message, Dispatch::live(via)),
                    None => self.error(format!("cannot deliver a '{kind}' to main: only send, invoke and send-sync go that way"), None),
                }
            }
            Command::SetBreakpoints(breakpoints) => self.debugger.set_breakpoints(breakpoints),
            Command::SetFault { channel, fault } => self.debugger.set_fault(channel, fault),
            Command::Forward { id, args } => {
                let Some((mut message, via)) = self.take_held(id) else {
                    return;
                };
                let edited_from = match args {
                    Some(args) if &args != message.route().2 => {
                        let original = message.route().2.clone();
                        message.set_args(args);
                        Some(original)
                    }
                    _ => None,
                };
                self.dispatch_with(
                    message,
                    Dispatch {
                        via,
                        may_hold: false,
                        fault: None,
                        forwarded: Some(edited_from),
                    },
                );
            }
            Command::AnswerSync { seq, result } => {
                self.sync_answer(seq, result, true);
            }
            Command::DropHeld { id } => {
                let Some((message, via)) = self.take_held(id) else {
                    return;
                };
                let fault = Fault {
                    error: Some("the message was dropped at a breakpoint in ipcscope".into()),
                    ..Default::default()
                };
                self.dispatch_with(
                    message,
                    Dispatch {
                        via,
                        may_hold: false,
                        fault: Some(fault),
                        forwarded: None,
                    },
                );
            }
        }
    }

    fn take_held(&mut self, id: u64) -> Option<(Message, Via)> {
        self.debugger.release(id)?;
        self.held.remove(&id)
    }

    /// Delivers journal entry `seq` again, as the panel's Replay asks.
    fn replay(&mut self, seq: u64, args: Option<Value>) {
        let Some(entry) = self.journal.get(seq) else {
            self.error(
                format!("cannot replay #{seq}: there is no such journal entry"),
                None,
            );
            return;
        };
        let kind = entry
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let wc = entry
            .get("webContentsId")
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32;
        let channel = entry
            .get("channel")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let args = args
            .or_else(|| entry.get("args").cloned())
            .unwrap_or_else(|| json!([]));
        if !args.is_array() {
            self.error(format!("cannot replay #{seq}: args must be an array"), None);
            return;
        }
        let message = match kind {
            "push" => Some(Message::Push { wc, channel, args }),
            "reply" => Some(Message::Reply {
                wc,
                channel,
                args,
                reply_to: entry.get("ref").and_then(Value::as_u64).unwrap_or(0),
            }),
            _ => to_main_message(kind, wc, channel, args),
        };
        match message {
            Some(message) => self.dispatch_with(message, Dispatch::live(Via::Replay(seq))),
            None => self.error(
                format!("cannot replay #{seq}: a '{kind}' entry is not a message (replay send, invoke, send-sync, push or reply)"),
                None,
            ),
        }
    }

    /// Sends a frame to the page's shim, stamped with the window's token: the page can find the
    /// deliver function by name and call it, but cannot forge a frame the shim accepts.
    fn to_page(&self, wc: u32, frame: &Value) {
        if let Some(window) = self.windows.get(&wc) {
            let mut frame = frame.clone();
            frame["k"] = json!(window.token);
            window.send_line(wire::page_line(&frame.to_string()));
        }
    }

    fn to_renderer(&self, wc: u32, frame: &ToRenderer) {
        if let Some(window) = self.windows.get(&wc) {
            window.send_line(wire::control_line(frame));
        }
    }

    fn error(&self, text: String, wc: Option<u32>) {
        eprintln!("{text}");
        let mut fields = json!({"text": text});
        if let Some(wc) = wc {
            fields["process"] = json!("renderer");
            fields["webContentsId"] = json!(wc);
        } else {
            fields["process"] = json!("main");
        }
        self.journal.append("error", fields);
    }

    fn handle(&mut self, event: Inbox) {
        match event {
            Inbox::Renderer { wc, line } => match wire::parse_from_renderer(&line) {
                Ok(Incoming::Page(body)) => self.page_frame(wc, &body, None),
                Ok(Incoming::Control(frame)) => self.renderer_event(wc, frame),
                Err(text) => self.error(format!("renderer #{wc}: {text}"), Some(wc)),
            },
            Inbox::RendererExited { wc, code, signal } => self.renderer_exited(wc, code, signal),
            Inbox::Command(command) => self.command(command),
        }
    }

    fn renderer_event(&mut self, wc: u32, frame: FromRenderer) {
        match frame {
            FromRenderer::LoadStarted { url } => {
                self.registry.forget_renderer(wc);
                if let Some(window) = self.windows.get_mut(&wc) {
                    window.url = url.clone();
                }
                self.to_js.push_back(
                    json!({"type": "window", "wc": wc, "event": "did-start-loading", "url": url}),
                );
            }
            FromRenderer::Loaded { url } => {
                self.journal.append(
                    "lifecycle",
                    json!({"event": "loaded", "webContentsId": wc, "url": url}),
                );
                if let Some(js) = &self.page_script {
                    self.to_renderer(wc, &ToRenderer::Eval { js: js.clone() });
                }
                self.to_js.push_back(
                    json!({"type": "window", "wc": wc, "event": "did-finish-load", "url": url}),
                );
            }
            FromRenderer::Closed => {
                if let Some(window) = self.windows.get_mut(&wc) {
                    window.closing = true;
                }
            }
            FromRenderer::Sync { id, body } => self.page_frame(wc, &body, Some(id)),
            FromRenderer::Failed { text } => {
                self.error(format!("renderer #{wc}: {text}"), Some(wc))
            }
        }
    }

    fn renderer_exited(&mut self, wc: u32, code: Option<i32>, signal: Option<i32>) {
        let Some(window) = self.windows.remove(&wc) else {
            return;
        };
        self.registry.forget_renderer(wc);
        for id in self.debugger.forget_window(wc) {
            self.held.remove(&id);
        }
        self.pending_invokes.retain(|_, p| p.wc != wc);
        self.pending_sync.retain(|_, p| p.wc != wc);
        let clean = window.closing && code == Some(0);
        if clean {
            self.specs.remove(&wc);
            self.registry.forget_window(wc);
            self.journal
                .append("lifecycle", json!({"event": "closed", "webContentsId": wc}));
        } else {
            // As in Electron, the window outlives its renderer: reload starts a new one.
            self.crashed.insert(wc, window.url.clone());
            let how = match (code, signal) {
                (Some(code), _) => format!("exited with status {code}"),
                (None, Some(signal)) => format!("was killed by signal {signal}"),
                _ => "ended".to_string(),
            };
            let hint = if window.url.is_empty() {
                " before its page loaded (is there a display? run under Xvfb or set DISPLAY)"
            } else {
                ""
            };
            self.error(
                format!("renderer #{wc} (pid {}) {how}{hint}", window.pid),
                Some(wc),
            );
            self.journal.append(
                "lifecycle",
                json!({"event": "crashed", "webContentsId": wc, "exitCode": code, "signal": signal}),
            );
        }
        let event = if clean { "closed" } else { "crashed" };
        self.to_js.push_back(
            json!({"type": "window", "wc": wc, "event": event, "code": code, "signal": signal}),
        );
    }

    /// A frame the page's shim sent, by postMessage or (with `sync_id`) by synchronous XHR.
    fn page_frame(&mut self, wc: u32, body: &str, sync_id: Option<u64>) {
        let parsed = wire::parse_frame(body);
        let Some(token) = self.windows.get(&wc).map(|w| w.token.clone()) else {
            return;
        };
        let (frame, replaced_surrogates) = match parsed {
            Ok(frame) if frame.value["k"].as_str() == Some(token.as_str()) => {
                (frame.value, frame.replaced_surrogates)
            }
            Ok(_) => {
                self.refuse(wc, sync_id, "a frame without the preload's token was dropped (page code posted to the raw transport)");
                return;
            }
            Err(e) => {
                self.refuse(
                    wc,
                    sync_id,
                    &format!(
                        "dropped a malformed frame ({e}): {}",
                        wire::truncate(body, 200)
                    ),
                );
                return;
            }
        };
        if replaced_surrogates {
            self.error(
                format!("renderer #{wc}: a string in a {} frame held a lone UTF-16 surrogate, which the journal's UTF-8 cannot carry; it was replaced by U+FFFD", frame["t"].as_str().unwrap_or("page")),
                Some(wc),
            );
        }
        let page = frame["p"].as_str().unwrap_or_default().to_string();
        let n = frame["n"].as_u64().unwrap_or(0);
        let Some(window) = self.windows.get_mut(&wc) else {
            return;
        };
        let (due, warning) = window.order(PageFrame {
            page,
            n,
            body: frame,
            sync_id,
        });
        if let Some(warning) = warning {
            self.error(format!("renderer #{wc}: {warning}"), Some(wc));
        }
        for frame in due {
            self.page_message(wc, frame);
        }
    }

    /// Journals a refused frame; a blocked sendSync is answered so the page does not hang.
    fn refuse(&mut self, wc: u32, sync_id: Option<u64>, why: &str) {
        self.error(format!("renderer #{wc}: {why}"), Some(wc));
        if let Some(id) = sync_id {
            self.to_renderer(
                wc,
                &ToRenderer::SyncAnswer {
                    id,
                    body: json!({"error": why}).to_string(),
                },
            );
        }
    }

    fn page_message(&mut self, wc: u32, frame: PageFrame) {
        let body = frame.body;
        let kind = body["t"].as_str().unwrap_or_default();
        let channel = body["channel"].as_str().map(str::to_string);
        let args = body.get("args").filter(|a| a.is_array()).cloned();
        match (kind, channel, args, frame.sync_id) {
            ("send", Some(channel), Some(args), None) => {
                self.dispatch(Message::Send { wc, channel, args })
            }
            ("sendSync", Some(channel), Some(args), Some(sync_id)) => {
                self.dispatch(Message::SendSync {
                    wc,
                    channel,
                    args,
                    sync_id: Some(sync_id),
                })
            }
            ("invoke", Some(channel), Some(args), None) => self.dispatch(Message::Invoke {
                wc,
                channel,
                args,
                invoke_id: body["id"].clone(),
            }),
            ("listener", Some(channel), _, None) => {
                let op = body["op"].as_str().unwrap_or_default();
                self.registry.apply(Side::Renderer(wc), op, &channel);
                self.journal.append(
                    "listener",
                    json!({"process": "renderer", "op": op, "channel": channel, "webContentsId": wc}),
                );
            }
            ("exposed", _, _, None) => {
                let key = body["key"].as_str().unwrap_or_default();
                self.journal.append(
                    "lifecycle",
                    json!({"event": "exposed", "webContentsId": wc, "key": key, "api": body["api"]}),
                );
            }
            ("console", _, _, None) => {
                self.journal.append(
                    "console",
                    json!({
                        "process": "renderer",
                        "level": body["level"].as_str().unwrap_or("log"),
                        "text": body["text"].as_str().unwrap_or_default(),
                        "webContentsId": wc,
                    }),
                );
            }
            ("error", _, _, None) => {
                let text = body["text"].as_str().unwrap_or_default().to_string();
                self.error(text, Some(wc));
            }
            _ => self.refuse(
                wc,
                frame.sync_id,
                &format!(
                    "dropped a frame of unknown shape: {}",
                    wire::truncate(&body.to_string(), 200)
                ),
            ),
        }
    }

    fn next_sync_deadline(&self) -> Option<Instant> {
        self.pending_sync
            .values()
            .map(|p| p.started + SYNC_LIMIT)
            .min()
    }

    /// Answers `undefined` to sendSync calls nobody answered in time.
    fn expire_sync(&mut self, now: Instant) {
        let expired: Vec<u64> = self
            .pending_sync
            .iter()
            .filter(|(_, p)| now >= p.started + SYNC_LIMIT)
            .map(|(seq, _)| *seq)
            .collect();
        for seq in expired {
            if let Some(p) = self.pending_sync.get(&seq) {
                let text = format!(
                    "sendSync on '{}' from renderer #{} got no event.returnValue within {} s; ipcscope answered undefined so the page can go on (Electron would keep it blocked)",
                    p.channel, p.wc, SYNC_LIMIT.as_secs()
                );
                self.error(text, Some(p.wc));
            }
            self.sync_result(seq, json!({"$type": "undefined"}));
        }
    }

    fn sync_result(&mut self, seq: u64, result: Value) {
        self.sync_answer(seq, result, false);
    }

    /// Answers sendSync `seq`; `by_panel` marks an answer the user gave by hand.
    fn sync_answer(&mut self, seq: u64, result: Value, by_panel: bool) {
        let Some(pending) = self.pending_sync.remove(&seq) else {
            return;
        };
        self.debugger.unblocked(seq);
        let mut fields = json!({
            "channel": pending.channel,
            "webContentsId": pending.wc,
            "ref": seq,
            "result": result,
            "durationUs": pending.started.elapsed().as_micros() as u64,
        });
        if by_panel {
            fields["origin"] = json!("panel");
        }
        self.journal.append("send-sync-result", fields);
        if let Some(id) = pending.sync_id {
            self.to_renderer(
                pending.wc,
                &ToRenderer::SyncAnswer {
                    id,
                    body: json!({"result": result}).to_string(),
                },
            );
        }
    }

    fn invoke_result(&mut self, request: &Value) -> Result<Value, String> {
        let seq = request["ref"].as_u64().unwrap_or(0);
        let Some(pending) = self.pending_invokes.remove(&seq) else {
            // The window closed meanwhile: nobody is waiting for this result.
            return Ok(Value::Null);
        };
        let ok = request["ok"].as_bool().unwrap_or(false);
        let mut fields = json!({
            "channel": pending.channel,
            "webContentsId": pending.wc,
            "ref": seq,
            "ok": ok,
        });
        let mut frame = json!({"t": "invoke-result", "id": pending.invoke_id, "ok": ok});
        if ok {
            fields["result"] = request["result"].clone();
            frame["result"] = request["result"].clone();
        } else {
            fields["error"] = request["error"].clone();
            frame["error"] = request["error"].clone();
        }
        fields["durationUs"] = json!(pending.started.elapsed().as_micros() as u64);
        self.journal.append("invoke-result", fields);
        // A hand-fired or replayed invoke has no page waiting for it.
        if !pending.invoke_id.is_null() {
            self.to_page(pending.wc, &frame);
        }
        Ok(Value::Null)
    }

    fn create_window(&mut self, request: &Value) -> Result<Value, String> {
        let id = self.next_window_id;
        self.next_window_id += 1;
        let (preload, preload_error) = match request["preload"].as_str() {
            None => (None, None),
            Some(path) => match confine(&self.lab.dir, path, "open")
                .map_err(|e| {
                    e.to_json()["message"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                })
                .and_then(|real| {
                    std::fs::read_to_string(&real)
                        .map(|source| (real, source))
                        .map_err(|e| e.to_string())
                }) {
                Ok((real, source)) => (Some((real, source)), None),
                // Electron still opens the window; the page just has no preload.
                Err(e) => (
                    None,
                    Some(format!("Unable to load preload script: {path}\nError: {e}")),
                ),
            },
        };
        if !self.renderers {
            return Ok(self.create_virtual_window(id));
        }
        let spec = WindowSpec {
            title: request["title"]
                .as_str()
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| format!("{} - ipcscope", self.lab.name)),
            width: request["width"].as_f64().unwrap_or(800.0),
            height: request["height"].as_f64().unwrap_or(600.0),
            show: request["show"].as_bool().unwrap_or(true),
            preload: preload.map(|(path, source)| (path.to_string_lossy().into_owned(), source)),
        };
        let pid = self.spawn_renderer(id, &spec)?;
        self.specs.insert(id, spec);
        if let Some(text) = preload_error {
            self.error(text, Some(id));
        }
        Ok(json!({"id": id, "pid": pid}))
    }

    /// Starts the renderer process of window `id` (again, after a crash) and journals it.
    fn spawn_renderer(&mut self, id: u32, spec: &WindowSpec) -> Result<u32, String> {
        let window = RendererWindow::spawn(id, &self.exe, self.inbox.clone())
            .map_err(|e| format!("could not start a renderer process: {e}"))?;
        let init_script = shim::init_script(&shim::ShimConfig {
            token: &window.token,
            deliver: &window.deliver,
            web_contents_id: id,
            process_id: window.pid,
            preload: spec
                .preload
                .as_ref()
                .map(|(path, source)| (path.clone(), source.as_str())),
        });
        window.send_line(wire::control_line(&ToRenderer::Create {
            title: spec.title.clone(),
            width: spec.width,
            height: spec.height,
            show: spec.show,
            init_script,
            deliver: window.deliver.clone(),
        }));
        let pid = window.pid;
        self.windows.insert(id, window);
        self.journal.append(
            "lifecycle",
            json!({"event": "created", "webContentsId": id, "pid": pid, "title": spec.title}),
        );
        Ok(pid)
    }

    /// `webContents.reload()` and the panel's Reload: a crashed window gets a new renderer
    /// process that loads its last page, as Electron's reload does after a crash.
    fn reload_window(&mut self, wc: u32) {
        if let Some(url) = self.crashed.remove(&wc) {
            let Some(spec) = self.specs.get(&wc).cloned() else {
                return;
            };
            match self.spawn_renderer(wc, &spec) {
                Ok(_) if !url.is_empty() => self.load(wc, url),
                Ok(_) => {}
                Err(text) => {
                    self.error(text, Some(wc));
                    self.crashed.insert(wc, url);
                }
            }
        } else {
            self.to_renderer(
                wc,
                &ToRenderer::Eval {
                    js: "location.reload()".into(),
                },
            );
        }
    }

    /// A window with an id and events but no renderer process (`ipcscope replay`).
    fn create_virtual_window(&mut self, id: u32) -> Value {
        let pid = std::process::id();
        self.virtual_windows.insert(id);
        self.journal.append(
            "lifecycle",
            json!({"event": "created", "webContentsId": id, "pid": pid, "virtual": true}),
        );
        json!({"id": id, "pid": pid})
    }

    /// Loads `url` into window `wc`; a virtual window "loads" at once.
    fn load(&mut self, wc: u32, url: String) {
        if self.virtual_windows.contains(&wc) {
            self.journal.append(
                "lifecycle",
                json!({"event": "loaded", "webContentsId": wc, "url": url}),
            );
            self.to_js.push_back(
                json!({"type": "window", "wc": wc, "event": "did-finish-load", "url": url}),
            );
        } else {
            self.to_renderer(wc, &ToRenderer::Load { url });
        }
    }

    fn load_file(&mut self, request: &Value) -> Result<Value, String> {
        let wc = request["wc"].as_u64().unwrap_or(0) as u32;
        let path = request["path"].as_str().unwrap_or_default();
        let real = confine(&self.lab.dir, path, "open").map_err(|e| {
            e.to_json()["message"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })?;
        let mut url = file_url(&real);
        if let Some(query) = request["query"].as_object() {
            let pairs: Vec<String> = query
                .iter()
                .map(|(k, v)| {
                    let v = v
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string());
                    format!("{}={}", percent_encode(k, false), percent_encode(&v, false))
                })
                .collect();
            url.push('?');
            url.push_str(&pairs.join("&"));
        } else if let Some(search) = request["search"].as_str() {
            url.push('?');
            url.push_str(search.trim_start_matches('?'));
        }
        if let Some(hash) = request["hash"].as_str() {
            url.push('#');
            url.push_str(hash.trim_start_matches('#'));
        }
        if !real.is_file() {
            return Err(format!("ERR_FILE_NOT_FOUND (-6) loading '{url}'"));
        }
        self.load(wc, url.clone());
        Ok(json!(url))
    }

    fn close_all_windows(&mut self) {
        for window in self.windows.values_mut() {
            window.closing = true;
            window.send_line(wire::control_line(&ToRenderer::Close));
        }
    }
}

impl Host for State {
    fn request(&mut self, request: &Value) -> Result<Value, String> {
        let wc = request["wc"].as_u64().unwrap_or(0) as u32;
        let text = |key: &str| request[key].as_str().unwrap_or_default().to_string();
        match request["op"].as_str().unwrap_or_default() {
            "console" => {
                let level = text("level");
                let line = text("text");
                if self.echo_console {
                    if matches!(level.as_str(), "warn" | "error" | "trace") {
                        eprintln!("{line}");
                    } else {
                        println!("{line}");
                    }
                }
                self.journal.append(
                    "console",
                    json!({"process": "main", "level": level, "text": line}),
                );
                Ok(Value::Null)
            }
            "error" => {
                self.error(text("text"), None);
                Ok(Value::Null)
            }
            "listener" => {
                let op = text("opName");
                let channel = text("channel");
                // A webContents.ipc listener hears only its own window.
                let scope = request["scope"].as_u64().map(|wc| wc as u32);
                let side = scope.map_or(Side::Main, Side::MainFor);
                self.registry.apply(side, &op, &channel);
                if request["builtIn"] != true {
                    let mut fields = json!({"process": "main", "op": op, "channel": channel});
                    if let Some(wc) = scope {
                        fields["webContentsId"] = json!(wc);
                    }
                    self.journal.append("listener", fields);
                }
                Ok(Value::Null)
            }
            "push" => {
                self.dispatch(Message::Push {
                    wc,
                    channel: text("channel"),
                    args: request["args"].clone(),
                });
                Ok(Value::Null)
            }
            "reply" => {
                self.dispatch(Message::Reply {
                    wc,
                    channel: text("channel"),
                    args: request["args"].clone(),
                    reply_to: request["ref"].as_u64().unwrap_or(0),
                });
                Ok(Value::Null)
            }
            "invoke-result" => self.invoke_result(request),
            "sync-result" => {
                self.sync_result(
                    request["ref"].as_u64().unwrap_or(0),
                    request["result"].clone(),
                );
                Ok(Value::Null)
            }
            "window-create" => self.create_window(request),
            "window-load-file" => self.load_file(request),
            "window-load-url" => {
                self.load(wc, text("url"));
                Ok(Value::Null)
            }
            "window-reload" => {
                self.reload_window(wc);
                Ok(Value::Null)
            }
            "window-eval" => {
                self.to_renderer(wc, &ToRenderer::Eval { js: text("js") });
                Ok(Value::Null)
            }
            "window-close" => {
                if self.virtual_windows.remove(&wc) || self.crashed.remove(&wc).is_some() {
                    self.specs.remove(&wc);
                    self.journal
                        .append("lifecycle", json!({"event": "closed", "webContentsId": wc}));
                    self.to_js
                        .push_back(json!({"type": "window", "wc": wc, "event": "closed"}));
                }
                if let Some(window) = self.windows.get_mut(&wc) {
                    window.closing = true;
                    window.send_line(wire::control_line(&ToRenderer::Close));
                }
                Ok(Value::Null)
            }
            "window-title" => Ok(Value::Null),
            "quit" => {
                self.quit = Some(request["code"].as_i64().unwrap_or(0) as i32);
                Ok(Value::Null)
            }
            other => Err(format!("internal: unknown request '{other}'")),
        }
    }
}

/// A renderer -> main message of journal kind `kind`, as if window `wc` sent it.
fn to_main_message(kind: &str, wc: u32, channel: String, args: Value) -> Option<Message> {
    match kind {
        "send" => Some(Message::Send { wc, channel, args }),
        "invoke" => Some(Message::Invoke {
            wc,
            channel,
            args,
            invoke_id: Value::Null,
        }),
        "send-sync" => Some(Message::SendSync {
            wc,
            channel,
            args,
            sync_id: None,
        }),
        _ => None,
    }
}

/// The `fault` field of a journal entry: what was done to the message.
fn fault_description(fault: &Fault) -> Value {
    let mut out = json!({});
    if !fault.latency.is_zero() {
        out["latencyMs"] = json!(fault.latency.as_millis() as u64);
    }
    if let Some(error) = &fault.error {
        out["error"] = json!(error);
    }
    if fault.drop {
        out["dropped"] = json!(true);
    }
    out
}

/// `file://` URL of an absolute path, with each byte outside the unreserved set escaped.
fn file_url(path: &std::path::Path) -> String {
    format!("file://{}", percent_encode(&path.to_string_lossy(), true))
}

/// Escapes each byte outside the unreserved set. With `keep_slash` false it is a query
/// component, escaped as Node's `querystring.escape` does (what Electron's `loadFile` uses through
/// `url.format`): `!'()*` stay as they are, like `encodeURIComponent`.
fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && byte == b'/')
            || (!keep_slash && matches!(byte, b'!' | b'\'' | b'(' | b')' | b'*'));
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod debugger_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_chinese() {
        assert_eq!(
            file_url(std::path::Path::new("/labs/我的 lab/index.html")),
            "file:///labs/%E6%88%91%E7%9A%84%20lab/index.html"
        );
    }

    #[test]
    fn query_values_are_escaped_like_encode_uri_component() {
        assert_eq!(percent_encode("a b&c=d/e", false), "a%20b%26c%3Dd%2Fe");
        assert_eq!(percent_encode("x!'()*#?+", false), "x!'()*%23%3F%2B");
    }
}
