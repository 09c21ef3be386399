//! The sequence diagram as plain data: for each window a *page* lane and a *preload* lane (the
//! contextBridge between them), and one *main* lane; and one step per journal entry worth
//! drawing, in journal order: an arrow for each message and answer, a marker for each lifecycle,
//! listener, console and error entry, and spans (a handler at work, a page blocked in sendSync,
//! a cause and its effect) between steps. Built as entries arrive, so a long run costs nothing
//! extra per frame: the view asks for the steps and spans in view and paints only those.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::{field, text};
use crate::journal::{Change, Entry, Kind, ListenerOp, Outcome};

/// Height of an arrow in units: a line for its label, a line for the arrow itself.
pub const ARROW_UNITS: u32 = 2;
/// Height of a marker (a lifecycle event, a listener, a console line) in units.
pub const MARKER_UNITS: u32 = 1;

/// Spans longer than this many steps are also listed apart, so that finding the spans that
/// cross the screen never looks back further than this.
const LOOKBACK: u32 = 4_096;
/// How deep an exposed API is searched for the function a message came from.
const API_DEPTH: usize = 4;

/// A vertical line of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// The web page of window `wc`: what `index.html` and its scripts run.
    Page(u32),
    /// The preload of window `wc`: `ipcRenderer` lives here, behind the contextBridge.
    Preload(u32),
    /// The main process: main.js, `ipcMain` and its handlers.
    Main,
}

impl Lane {
    pub fn window(self) -> Option<u32> {
        match self {
            Lane::Page(wc) | Lane::Preload(wc) => Some(wc),
            Lane::Main => None,
        }
    }
}

/// A window's pair of lanes, from the step that created it to the one that closed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub wc: u32,
    pub born: u32,
    pub closed: Option<u32>,
}

/// Where in the lab a message (or a listener) came from: journaled as `initiator`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Initiator {
    /// Relative to the lab folder.
    pub file: String,
    /// From 1.
    pub line: u32,
    pub column: u32,
    pub function: Option<String>,
}

impl Initiator {
    pub fn of(entry: &Entry) -> Option<Initiator> {
        let initiator = field(entry, "initiator");
        let file = initiator.get("file")?.as_str()?;
        let number = |key: &str| {
            initiator
                .get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        Some(Initiator {
            file: file.to_string(),
            line: number("line")?,
            column: number("column").unwrap_or(0),
            function: initiator
                .get("function")
                .and_then(Value::as_str)
                .filter(|f| !f.is_empty())
                .map(str::to_string),
        })
    }

    /// `preload.js:4`
    pub fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// Code written in a page's own file (an HTML page, with contextIsolation off).
fn in_page(file: &str) -> bool {
    let file = file.to_ascii_lowercase();
    file.ends_with(".html") || file.ends_with(".htm")
}

/// One message or answer between lanes.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub kind: Kind,
    pub wc: u32,
    pub from: Lane,
    pub to: Lane,
    /// The page called this function of what the preload exposed (`electronAPI.readFile`),
    /// which sent the message: the arrow starts in the page and goes through the bridge.
    pub call: Option<Arc<str>>,
    /// Nobody listened: the arrow ends in a cross at `to`.
    pub lost: bool,
    /// An invoke that rejected (drawn red).
    pub failed: bool,
    /// For a request, the step of its answer; for an answer, the step of its request.
    pub pair: Option<u32>,
    /// The step of the message main.js was handling when it sent this one.
    pub cause: Option<u32>,
    /// The `listener` entry of the handler or listener that received it, when one was known.
    pub receiver: Option<Arc<Entry>>,
}

impl Arrow {
    pub fn is_answer(&self) -> bool {
        self.kind.is_result()
    }

    /// The arrow passes the preload lane between its ends (page <-> main).
    pub fn crosses_preload(&self) -> bool {
        matches!(
            (self.from, self.to),
            (Lane::Page(_), Lane::Main) | (Lane::Main, Lane::Page(_))
        )
    }

    /// The arrow goes through the contextBridge (a call or a delivery between page and preload).
    pub fn crosses_bridge(&self) -> bool {
        matches!(self.from, Lane::Page(_)) || matches!(self.to, Lane::Page(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    /// Console lines: context, not IPC.
    Quiet,
    /// Errors, crashes, pages that failed to load.
    Bad,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Arrow(Arrow),
    Marker { lane: Lane, tone: Tone },
}

/// One journal entry in the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The entry's own seq (an answer's, not its request's).
    pub seq: u64,
    /// The log row it belongs to (an answer belongs to its request's row).
    pub row: u32,
    /// Distance from the top, in units.
    pub top: u32,
    pub shape: Shape,
}

impl Step {
    pub fn units(&self) -> u32 {
        match self.shape {
            Shape::Arrow(_) => ARROW_UNITS,
            Shape::Marker { .. } => MARKER_UNITS,
        }
    }

    pub fn arrow(&self) -> Option<&Arrow> {
        match &self.shape {
            Shape::Arrow(arrow) => Some(arrow),
            Shape::Marker { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// main.js handling an invoke or a sendSync, from the request to its answer.
    Handling,
    /// A page blocked in sendSync until its answer.
    Blocked,
    /// A message main.js sent (`to`) while handling another (`from`).
    Cause,
}

/// Something drawn between two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub wc: u32,
    pub from: u32,
    /// None while it is still open (a request with no answer yet).
    pub to: Option<u32>,
}

/// Who receives messages on a channel, for the detail pane's "received here".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Side {
    MainListener,
    MainHandler,
    Page(u32),
}

#[derive(Debug, Default)]
pub struct Sequence {
    steps: Vec<Step>,
    windows: Vec<Window>,
    /// wc -> index into `windows`.
    window_index: HashMap<u32, usize>,
    /// Closed spans, in the order they closed (so sorted by `to`).
    spans: Vec<Span>,
    /// Closed spans longer than `LOOKBACK` steps, also kept here.
    long: Vec<Span>,
    /// Requests waiting for their answer: request seq -> (step, its open spans).
    open: HashMap<u64, (u32, OpenSpans)>,
    /// Per window: a function's name -> where the preload exposed it (`electronAPI.readFile`).
    exposed: HashMap<u32, HashMap<String, Arc<str>>>,
    /// Listeners and handlers registered now, per side and channel, oldest first.
    receivers: HashMap<Side, HashMap<String, Vec<Arc<Entry>>>>,
    /// Units from the top to the end of the last step.
    height: u32,
    /// How many steps are arrows.
    arrows: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenSpans {
    Handling,
    HandlingAndBlocked,
}

impl Sequence {
    /// Folds one journal entry in; `row` is the log row it belongs to.
    pub fn apply(&mut self, entry: &Arc<Entry>, kind: Option<Kind>, row: u32) {
        let Some(kind) = kind else { return };
        let Some(seq) = field(entry, "seq").as_u64() else {
            return;
        };
        let wc = field(entry, "webContentsId")
            .as_u64()
            .and_then(|w| u32::try_from(w).ok());
        let index = self.steps.len() as u32;
        let shape = match kind {
            Kind::Send | Kind::Invoke | Kind::SendSync => {
                let Some(wc) = wc else { return };
                self.window(wc, index);
                Shape::Arrow(self.request(entry, kind, wc, index))
            }
            Kind::Push | Kind::Reply => {
                let Some(wc) = wc else { return };
                self.window(wc, index);
                Shape::Arrow(self.delivery(entry, kind, wc, index))
            }
            Kind::InvokeResult | Kind::SendSyncResult => {
                let Some(wc) = wc else { return };
                self.window(wc, index);
                Shape::Arrow(self.answer(entry, kind, wc, index))
            }
            Kind::Listener => {
                let lane = match (text(entry, "process"), wc) {
                    ("renderer", Some(wc)) => {
                        self.window(wc, index);
                        Lane::Preload(wc)
                    }
                    _ => Lane::Main,
                };
                self.listener(entry, wc);
                Shape::Marker {
                    lane,
                    tone: Tone::Normal,
                }
            }
            Kind::Lifecycle => self.lifecycle(entry, wc, index),
            Kind::Console | Kind::Error => {
                let lane = match (text(entry, "process"), wc) {
                    ("renderer", Some(wc)) => {
                        self.window(wc, index);
                        Lane::Page(wc)
                    }
                    _ => Lane::Main,
                };
                let bad = kind == Kind::Error || matches!(text(entry, "level"), "error" | "assert");
                Shape::Marker {
                    lane,
                    tone: if bad { Tone::Bad } else { Tone::Quiet },
                }
            }
        };
        let step = Step {
            seq,
            row,
            top: self.height,
            shape,
        };
        self.height += step.units();
        self.arrows += usize::from(step.arrow().is_some());
        self.steps.push(step);
    }

    /// The lanes of window `wc`, made when it is first seen.
    fn window(&mut self, wc: u32, step: u32) {
        if !self.window_index.contains_key(&wc) {
            self.window_index.insert(wc, self.windows.len());
            self.windows.push(Window {
                wc,
                born: step,
                closed: None,
            });
        }
    }

    fn request(&mut self, entry: &Entry, kind: Kind, wc: u32, index: u32) -> Arrow {
        // Read in place: this runs for every message of a long run.
        let initiator = field(entry, "initiator");
        let call = initiator
            .get("function")
            .and_then(Value::as_str)
            .and_then(|f| self.exposed.get(&wc)?.get(f))
            .cloned();
        let file = initiator.get("file").and_then(Value::as_str);
        // Made in the page, through an exposed function; or by the preload's own code.
        let from = match (&call, file) {
            (None, Some(file)) if !in_page(file) => Lane::Preload(wc),
            _ => Lane::Page(wc),
        };
        let channel = text(entry, "channel");
        let side = if kind == Kind::Invoke {
            Side::MainHandler
        } else {
            Side::MainListener
        };
        let seq = field(entry, "seq").as_u64().unwrap_or(0);
        match kind {
            Kind::Invoke => {
                self.open.insert(seq, (index, OpenSpans::Handling));
            }
            Kind::SendSync => {
                self.open
                    .insert(seq, (index, OpenSpans::HandlingAndBlocked));
            }
            _ => {}
        }
        Arrow {
            kind,
            wc,
            from,
            to: Lane::Main,
            call,
            lost: field(entry, "listeners").as_u64() == Some(0),
            failed: false,
            pair: None,
            cause: self.cause(entry, wc, index),
            receiver: self.receiver(&side, channel),
        }
    }

    /// A push or reply, main -> page: its listener runs in the preload and passes it on to the
    /// page; with no listener it is lost at the preload.
    fn delivery(&mut self, entry: &Entry, kind: Kind, wc: u32, index: u32) -> Arrow {
        let lost = field(entry, "listeners").as_u64() == Some(0);
        Arrow {
            kind,
            wc,
            from: Lane::Main,
            to: if lost {
                Lane::Preload(wc)
            } else {
                Lane::Page(wc)
            },
            call: None,
            lost,
            failed: false,
            pair: None,
            cause: self.cause(entry, wc, index),
            receiver: self.receiver(&Side::Page(wc), text(entry, "channel")),
        }
    }

    fn answer(&mut self, entry: &Entry, kind: Kind, wc: u32, index: u32) -> Arrow {
        let failed = Outcome::failed(entry);
        let request = field(entry, "ref")
            .as_u64()
            .and_then(|seq| self.open.remove(&seq));
        let mut to = Lane::Page(wc);
        if let Some((at, open)) = request {
            let spans = match open {
                OpenSpans::Handling => &[SpanKind::Handling][..],
                OpenSpans::HandlingAndBlocked => &[SpanKind::Handling, SpanKind::Blocked][..],
            };
            for kind in spans {
                self.close(Span {
                    kind: *kind,
                    wc,
                    from: at,
                    to: Some(index),
                });
            }
            if let Some(Shape::Arrow(asked)) = self.steps.get_mut(at as usize).map(|s| &mut s.shape)
            {
                asked.pair = Some(index);
                // Electron's text when no ipcMain.handle answers the channel: lost at main.
                if failed && text(entry, "error").contains("No handler registered for") {
                    asked.lost = true;
                }
                // The answer goes back to whoever asked.
                to = asked.from;
            }
        }
        Arrow {
            kind,
            wc,
            from: Lane::Main,
            to,
            call: None,
            lost: false,
            failed,
            pair: request.map(|(at, _)| at),
            cause: None,
            receiver: None,
        }
    }

    fn cause(&mut self, entry: &Entry, wc: u32, index: u32) -> Option<u32> {
        let seq = field(entry, "cause").as_u64()?;
        let from = self.step_by_seq(seq)?;
        self.close(Span {
            kind: SpanKind::Cause,
            wc,
            from,
            to: Some(index),
        });
        Some(from)
    }

    fn close(&mut self, span: Span) {
        let to = span.to.unwrap_or(span.from);
        if to - span.from > LOOKBACK {
            self.long.push(span);
        }
        self.spans.push(span);
    }

    fn receiver(&self, side: &Side, channel: &str) -> Option<Arc<Entry>> {
        self.receivers
            .get(side)
            .and_then(|channels| channels.get(channel))
            .and_then(|list| list.first())
            .cloned()
    }

    fn listener(&mut self, entry: &Arc<Entry>, wc: Option<u32>) {
        let Some(op) = ListenerOp::parse(text(entry, "op")) else {
            return;
        };
        let channel = text(entry, "channel").to_string();
        let side = match (text(entry, "process"), wc) {
            ("renderer", Some(wc)) => Side::Page(wc),
            ("renderer", None) => return,
            _ if op.change() == Change::Handler => Side::MainHandler,
            _ => Side::MainListener,
        };
        if op == ListenerOp::RemoveAllListeners && channel.is_empty() {
            self.receivers.remove(&side);
            return;
        }
        let list = self
            .receivers
            .entry(side)
            .or_default()
            .entry(channel)
            .or_default();
        match (op, op.change()) {
            (ListenerOp::RemoveHandler, _) | (_, Change::RemoveAll) => list.clear(),
            (_, Change::Handler) => *list = vec![entry.clone()],
            (_, Change::AddOne) => list.push(entry.clone()),
            (_, Change::RemoveOne) => {
                // Which function was removed is not journaled: the oldest goes.
                if !list.is_empty() {
                    list.remove(0);
                }
            }
        }
    }

    fn lifecycle(&mut self, entry: &Entry, wc: Option<u32>, index: u32) -> Shape {
        let event = text(entry, "event");
        let Some(wc) = wc else {
            // ready, quit: the app's own events.
            return Shape::Marker {
                lane: Lane::Main,
                tone: Tone::Normal,
            };
        };
        self.window(wc, index);
        let mut lane = Lane::Page(wc);
        let mut tone = Tone::Normal;
        match event {
            "navigating" => {
                // A new page: what the old one exposed and listened to is gone.
                self.exposed.remove(&wc);
                self.receivers.remove(&Side::Page(wc));
            }
            "exposed" => {
                lane = Lane::Preload(wc);
                let key = text(entry, "key");
                let mut found = Vec::new();
                functions(field(entry, "api"), key, 0, &mut found);
                for (name, path) in found {
                    self.exposed
                        .entry(wc)
                        .or_default()
                        .insert(name, path.into());
                }
            }
            "closed" => {
                if let Some(&i) = self.window_index.get(&wc) {
                    self.windows[i].closed = Some(index);
                }
            }
            "crashed" | "load-failed" => tone = Tone::Bad,
            _ => {}
        }
        Shape::Marker { lane, tone }
    }

    /// Forgets the steps (the log was cleared); open windows keep their lanes, from the top.
    pub fn clear(&mut self) {
        self.steps.clear();
        self.spans.clear();
        self.long.clear();
        self.open.clear();
        self.height = 0;
        self.arrows = 0;
        self.windows.retain(|w| w.closed.is_none());
        for w in &mut self.windows {
            w.born = 0;
        }
        self.window_index = self
            .windows
            .iter()
            .enumerate()
            .map(|(i, w)| (w.wc, i))
            .collect();
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn step(&self, index: u32) -> Option<&Step> {
        self.steps.get(index as usize)
    }

    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// The lanes left to right: each window's page and preload, then main.
    pub fn lanes(&self) -> Vec<Lane> {
        let mut lanes: Vec<Lane> = self
            .windows
            .iter()
            .flat_map(|w| [Lane::Page(w.wc), Lane::Preload(w.wc)])
            .collect();
        lanes.push(Lane::Main);
        lanes
    }

    /// The position of a lane from the left.
    pub fn column(&self, lane: Lane) -> usize {
        match lane {
            Lane::Page(wc) => self.window_index.get(&wc).map_or(0, |i| i * 2),
            Lane::Preload(wc) => self.window_index.get(&wc).map_or(0, |i| i * 2 + 1),
            Lane::Main => self.windows.len() * 2,
        }
    }

    /// How many messages and answers are drawn.
    pub fn arrows(&self) -> usize {
        self.arrows
    }

    /// Units from the top to the end of the last step.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The steps that overlap units `from..to` from the top.
    pub fn steps_between(&self, from: f32, to: f32) -> Range<u32> {
        let start = self
            .steps
            .partition_point(|s| ((s.top + s.units()) as f32) <= from);
        let end = self.steps.partition_point(|s| (s.top as f32) < to);
        start as u32..end.max(start) as u32
    }

    /// The step of journal entry `seq`, if it is drawn.
    pub fn step_by_seq(&self, seq: u64) -> Option<u32> {
        self.steps
            .binary_search_by_key(&seq, |s| s.seq)
            .ok()
            .map(|i| i as u32)
    }

    /// Spans that overlap steps `range`, open ones included: the closed spans ending from the
    /// start of the range up to `LOOKBACK` steps past it, plus the few long ones.
    pub fn spans_over(&self, range: Range<u32>) -> Vec<Span> {
        let (a, b) = (range.start, range.end);
        let mut out = Vec::new();
        let first = self.spans.partition_point(|s| s.to.unwrap_or(0) < a);
        for span in &self.spans[first..] {
            let to = span.to.unwrap_or(span.from);
            if to >= b.saturating_add(LOOKBACK) {
                break;
            }
            if span.from < b && to - span.from <= LOOKBACK {
                out.push(*span);
            }
        }
        out.extend(
            self.long
                .iter()
                .filter(|s| s.from < b && s.to.unwrap_or(u32::MAX) >= a),
        );
        let mut open: Vec<&(u32, OpenSpans)> =
            self.open.values().filter(|(from, _)| *from < b).collect();
        open.sort_by_key(|(from, _)| *from);
        for (from, spans) in open {
            let wc = self
                .step(*from)
                .and_then(Step::arrow)
                .map_or(0, |arrow| arrow.wc);
            out.push(Span {
                kind: SpanKind::Handling,
                wc,
                from: *from,
                to: None,
            });
            if *spans == OpenSpans::HandlingAndBlocked {
                out.push(Span {
                    kind: SpanKind::Blocked,
                    wc,
                    from: *from,
                    to: None,
                });
            }
        }
        out
    }
}

/// The functions in an exposed API mirror: (property name or function name, path from
/// `window`), e.g. ("readFile", "electronAPI.readFile").
fn functions(api: &Value, path: &str, depth: usize, out: &mut Vec<(String, String)>) {
    if depth > API_DEPTH {
        return;
    }
    let Value::Object(map) = api else { return };
    let tag = map.get("$type").and_then(Value::as_str);
    let members: &Map<String, Value> = match (tag, map.get("value")) {
        (Some("Function"), _) => {
            if let Some(name) = map.get("name").and_then(Value::as_str) {
                if !name.is_empty() {
                    out.push((name.to_string(), path.to_string()));
                }
            }
            return;
        }
        // An object that had its own `$type` key comes wrapped.
        (Some("Object"), Some(Value::Object(inner))) => inner,
        (Some(_), _) => return,
        (None, _) => map,
    };
    for (key, value) in members {
        if key == "$type" {
            continue;
        }
        let inner = format!("{path}.{key}");
        if matches!(value.get("$type").and_then(Value::as_str), Some("Function")) {
            out.push((key.clone(), inner.clone()));
        }
        functions(value, &inner, depth + 1, out);
    }
}

#[cfg(test)]
pub(crate) mod tests;
