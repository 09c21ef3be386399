//! IPC mistakes found in the journal as it arrives: a push before the page listened, an invoke
//! with no handler (or one registered too late), a second handler, a sendSync left without
//! `returnValue`, a message nobody listens to, listeners piling up, a value that cannot be
//! cloned, `ipcRenderer` handed to the page, a page leaving the lab. Fed entry by entry, one
//! problem per kind and channel (or URL, or exposed key), with how often and the log rows
//! involved. Plain data: the panel words it, tests feed it entries.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::journal::{Change, Entry, Kind, ListenerOp};

/// Listeners registered by one line, on one channel, still in place, that count as a leak:
/// the same `on(...)` run again and again without the old ones being removed.
pub const LEAK_AT: usize = 3;

/// Clone paths kept per problem (the first ones; the count says how often it happened).
const PATHS_KEPT: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// A push (or reply) dropped, and the page registered a listener for it afterwards.
    PushBeforeListener,
    /// A push (or reply) nobody in the page listened to.
    PushUnheard,
    /// An invoke rejected with "No handler registered".
    NoHandler,
    /// Invokes rejected with "No handler registered", then `ipcMain.handle` on that channel.
    LateHandler,
    /// `ipcMain.handle` on a channel that had a handler already.
    SecondHandler,
    /// A sendSync whose listeners ran but never set `event.returnValue`.
    NoReturnValue,
    /// A send or sendSync nobody in main listened to.
    SendUnheard,
    /// One line registered `LEAK_AT` or more listeners on a channel, none removed.
    ListenerLeak,
    /// An argument or result the structured clone algorithm refused.
    NotCloneable,
    /// `ipcRenderer` itself passed to `contextBridge.exposeInMainWorld`.
    IpcRendererExposed,
    /// A page tried to navigate out of the lab.
    LeftTheLab,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 11] = [
        ProblemKind::PushBeforeListener,
        ProblemKind::PushUnheard,
        ProblemKind::NoHandler,
        ProblemKind::LateHandler,
        ProblemKind::SecondHandler,
        ProblemKind::NoReturnValue,
        ProblemKind::SendUnheard,
        ProblemKind::ListenerLeak,
        ProblemKind::NotCloneable,
        ProblemKind::IpcRendererExposed,
        ProblemKind::LeftTheLab,
    ];
}

/// One mistake, however often it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// What it is about: the channel; the URL for `LeftTheLab`; the key for
    /// `IpcRendererExposed`. Empty when the journal does not say (a push that could not be
    /// cloned names no channel).
    pub subject: String,
    /// How often it happened; for `ListenerLeak`, the most listeners one line had in place.
    pub count: usize,
    /// seqs of the log rows involved, in order (a result is shown on its request's row).
    pub rows: Vec<u64>,
    /// For `NotCloneable`: what could not be cloned (`args[0].onDone is a Function`). For
    /// `LeftTheLab`: who stopped the page (`ipcscope`, `will-navigate`). For `SendUnheard`:
    /// `sendSync` when a page froze on it.
    pub details: Vec<String>,
}

impl Problem {
    fn add_row(&mut self, seq: u64) {
        // Rows arrive in journal order, except a request added with its result.
        if let Err(at) = self.rows.binary_search(&seq) {
            self.rows.insert(at, seq);
        }
    }

    fn add_detail(&mut self, detail: &str) {
        if !detail.is_empty()
            && self.details.len() < PATHS_KEPT
            && !self.details.iter().any(|d| d == detail)
        {
            self.details.push(detail.to_string());
        }
    }
}

/// Where the page side or the main side registered listeners on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Main,
    /// A page, by webContents id.
    Page(u32),
}

/// The listeners one line of the lab added on one channel and that are still in place.
#[derive(Debug, Default)]
struct Site {
    live: usize,
    /// seqs of the `listener` entries that added them.
    adds: Vec<u64>,
}

/// A sendSync waiting for its answer.
#[derive(Debug)]
struct WaitingSync {
    wc: Option<u32>,
    channel: String,
    heard: bool,
    by_hand: bool,
}

#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    /// kind -> subject -> index in `list` (looked up by `&str`, with no allocation per entry).
    index: HashMap<ProblemKind, HashMap<String, usize>>,
    /// Pushes dropped for want of a listener, per channel and window, until one is registered.
    dropped: HashMap<String, HashMap<Option<u32>, Vec<u64>>>,
    /// Channels that have had an `ipcMain.handle` at some point.
    handled: HashSet<String>,
    /// channel -> seq of the `listener` entry of its handler now in place.
    handler_rows: HashMap<String, u64>,
    /// Listener tallies: per side and channel, per registration site.
    sites: HashMap<(Side, String), HashMap<String, Site>>,
    /// sendSyncs not answered yet, by seq.
    syncs: HashMap<u64, WaitingSync>,
    /// Channels whose handler's result could not be cloned: the invoke's failed result is
    /// the same mistake, not a second one.
    clone_failed_handlers: HashSet<String>,
    /// Per URL: attempts journaled as `navigation-blocked`, and as an `error` line. A run may
    /// journal either or both for one attempt; the larger is the number of attempts.
    navigations: HashMap<String, (usize, usize)>,
}

impl Problems {
    /// The problems found so far, in the order they were first seen.
    pub fn list(&self) -> &[Problem] {
        &self.list
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Forgets the problems found (the log was cleared); what is registered now is kept, so
    /// later entries are still judged against it.
    pub fn clear(&mut self) {
        self.list.clear();
        self.index.clear();
        self.dropped.clear();
        self.clone_failed_handlers.clear();
        self.navigations.clear();
        for sites in self.sites.values_mut() {
            sites.values_mut().for_each(|s| s.adds.clear());
        }
    }

    /// Takes in one journal entry (every entry, results included, in journal order).
    pub fn apply(&mut self, entry: &Entry, kind: Option<Kind>) {
        let Some(kind) = kind else { return };
        // Looked up only where needed: every entry of a long run passes here.
        let seq = || entry.get("seq").and_then(Value::as_u64).unwrap_or(0);
        // What the panel fired or replayed by hand is the user's experiment, not the lab's code.
        let by_hand = || entry.contains_key("replayOf") || text(entry, "origin") == "panel";
        match kind {
            // Heard: nothing to find (a sendSync is still followed, for its returnValue).
            Kind::Send if listeners(entry) != Some(0) => {}
            Kind::Send | Kind::SendSync => self.message_to_main(entry, kind, seq(), by_hand()),
            Kind::Push | Kind::Reply if listeners(entry) == Some(0) && !by_hand() => {
                let seq = seq();
                let channel = text(entry, "channel");
                let windows = match self.dropped.get_mut(channel) {
                    Some(windows) => windows,
                    None => self.dropped.entry(channel.to_string()).or_default(),
                };
                windows.entry(wc(entry)).or_default().push(seq);
                self.found(ProblemKind::PushUnheard, channel, seq);
            }
            Kind::InvokeResult => self.invoke_result(entry),
            Kind::SendSyncResult => {
                if let Some(request) = entry.get("ref").and_then(Value::as_u64) {
                    self.syncs.remove(&request);
                }
            }
            Kind::Listener => self.listener(entry, seq()),
            Kind::Error => self.error(text(entry, "text"), wc(entry), seq()),
            Kind::Lifecycle => self.lifecycle(entry, seq()),
            Kind::Push | Kind::Reply | Kind::Invoke | Kind::Console => {}
        }
    }

    fn message_to_main(&mut self, entry: &Entry, kind: Kind, seq: u64, by_hand: bool) {
        let channel = text(entry, "channel");
        let heard = listeners(entry) != Some(0);
        if kind == Kind::SendSync {
            let waiting = WaitingSync {
                wc: wc(entry),
                channel: channel.to_string(),
                heard,
                by_hand,
            };
            self.syncs.insert(seq, waiting);
        }
        if !heard && !by_hand {
            let problem = self.found(ProblemKind::SendUnheard, channel, seq);
            if kind == Kind::SendSync {
                problem.add_detail("sendSync");
            }
        }
    }

    fn invoke_result(&mut self, entry: &Entry) {
        if entry.get("ok") == Some(&Value::Bool(true)) {
            return;
        }
        let Some(request) = entry.get("ref").and_then(Value::as_u64) else {
            return;
        };
        let error = text(entry, "error");
        if error.is_empty() {
            return;
        }
        let channel = text(entry, "channel").to_string();
        if error.contains("No handler registered for '") {
            self.found(ProblemKind::NoHandler, &channel, request);
        } else if error.contains("could not be cloned") {
            // The handler's error line, just before, said what could not be cloned.
            if self.clone_failed_handlers.remove(&channel) {
                if let Some(problem) = self.get_mut(ProblemKind::NotCloneable, &channel) {
                    problem.add_row(request);
                    return;
                }
            }
            self.found(ProblemKind::NotCloneable, &channel, request);
        }
    }

    fn listener(&mut self, entry: &Entry, seq: u64) {
        let Some(op) = ListenerOp::parse(text(entry, "op")) else {
            return;
        };
        let channel = text(entry, "channel").to_string();
        let page = text(entry, "process") == "renderer";
        let side = match (page, wc(entry)) {
            (true, Some(wc)) => Side::Page(wc),
            (true, None) => return,
            (false, _) => Side::Main,
        };
        match op.change() {
            Change::Handler => self.handler(op, channel, seq),
            Change::AddOne => {
                if let Side::Page(wc) = side {
                    self.listening(wc, &channel, seq);
                }
                self.added(side, channel, site_of(entry), seq);
            }
            Change::RemoveOne => {
                // Which one went is not journaled: count it off the line with the most, so
                // no leak is claimed that might not be there.
                if let Some(sites) = self.sites.get_mut(&(side, channel)) {
                    if let Some(site) = sites.values_mut().max_by_key(|s| s.live) {
                        site.live = site.live.saturating_sub(1);
                    }
                }
            }
            Change::RemoveAll if channel.is_empty() => self.sites.retain(|(s, _), _| *s != side),
            Change::RemoveAll => {
                self.sites.remove(&(side, channel));
            }
        }
    }

    fn handler(&mut self, op: ListenerOp, channel: String, seq: u64) {
        if op == ListenerOp::RemoveHandler {
            self.handler_rows.remove(&channel);
            return;
        }
        // Failed invokes on a channel that never had a handler, then its first handler: it came
        // too late. (A channel whose handler was removed and came back is another story.)
        let first = self.handled.insert(channel.clone());
        if let (true, Some(at)) = (first, self.at(ProblemKind::NoHandler, &channel)) {
            let mut problem = self.list.remove(at);
            self.reindex();
            problem.kind = ProblemKind::LateHandler;
            problem.add_row(seq);
            self.insert(problem);
        }
        self.handler_rows.entry(channel).or_insert(seq);
    }

    /// A page registered a listener: pushes it missed before are pushes that came too early.
    fn listening(&mut self, wc: u32, channel: &str, seq: u64) {
        let Some(missed) = self
            .dropped
            .get_mut(channel)
            .and_then(|windows| windows.remove(&Some(wc)))
        else {
            return;
        };
        if let Some(at) = self.at(ProblemKind::PushUnheard, channel) {
            let unheard = &mut self.list[at];
            // `missed` is in journal order, so sorted: a flood of dropped pushes stays cheap.
            unheard
                .rows
                .retain(|row| missed.binary_search(row).is_err());
            unheard.count = unheard.count.saturating_sub(missed.len());
            if unheard.count == 0 {
                self.list.remove(at);
                self.reindex();
            }
        }
        let problem = self.problem(ProblemKind::PushBeforeListener, channel);
        problem.count += missed.len();
        for row in missed {
            problem.add_row(row);
        }
        problem.add_row(seq);
    }

    fn added(&mut self, side: Side, channel: String, site: String, seq: u64) {
        let tally = self
            .sites
            .entry((side, channel.clone()))
            .or_default()
            .entry(site)
            .or_default();
        tally.live += 1;
        tally.adds.push(seq);
        if tally.live < LEAK_AT {
            return;
        }
        let (live, adds) = (tally.live, tally.adds.clone());
        let problem = self.problem(ProblemKind::ListenerLeak, &channel);
        problem.count = problem.count.max(live);
        for row in adds {
            problem.add_row(row);
        }
    }

    fn error(&mut self, text: &str, wc: Option<u32>, seq: u64) {
        if let Some(channel) = quoted_after(text, "Attempted to register a second handler for '") {
            let first = self.handler_rows.get(&channel).copied();
            let problem = self.found(ProblemKind::SecondHandler, &channel, seq);
            if let Some(first) = first {
                problem.add_row(first);
            }
        } else if text.contains("got no event.returnValue") {
            self.no_return_value(text, wc, seq);
        } else if text.contains("ipcRenderer.sendSync() with '") {
            // Electron's line for a sendSync nobody listens to: part of that problem.
            if let Some(channel) = quoted_after(text, "ipcRenderer.sendSync() with '") {
                if let Some(problem) = self.get_mut(ProblemKind::SendUnheard, &channel) {
                    problem.add_row(seq);
                }
            }
        } else if text.contains("could not be cloned") || text.contains("Failed to serialize") {
            self.not_cloneable(text, seq);
        } else if let Some(url) = quoted_after(text, "the page tried to leave the lab for '") {
            self.left_the_lab(&url, seq, false, "ipcscope");
        }
    }

    fn no_return_value(&mut self, text: &str, wc: Option<u32>, seq: u64) {
        let channel = quoted_after(text, "sendSync on '").unwrap_or_default();
        let request = self
            .syncs
            .iter()
            .filter(|(_, s)| s.channel == channel && (wc.is_none() || s.wc == wc))
            .map(|(seq, s)| (*seq, s.heard, s.by_hand))
            .min();
        match request {
            // Fired from the panel: the user's experiment.
            Some((_, _, true)) => {}
            // Nobody listened: that is the mistake, and this line is part of it.
            Some((request, false, false)) => {
                if let Some(problem) = self.get_mut(ProblemKind::SendUnheard, &channel) {
                    problem.add_row(request);
                    problem.add_row(seq);
                }
            }
            Some((request, true, false)) => {
                self.found(ProblemKind::NoReturnValue, &channel, seq)
                    .add_row(request);
            }
            None => {
                self.found(ProblemKind::NoReturnValue, &channel, seq);
            }
        }
    }

    fn not_cloneable(&mut self, text: &str, seq: u64) {
        let handler = quoted_after(text, "Error occurred in handler for '");
        // `ipcRenderer.send('ch'): ...`, `... returnValue of sendSync on 'ch': ...`, or the
        // handler's channel; a push's line names none.
        let channel = handler
            .clone()
            .or_else(|| quoted_after(text, "('"))
            .or_else(|| quoted_after(text, " on '"))
            .unwrap_or_default();
        if let Some(handler) = handler {
            self.clone_failed_handlers.insert(handler);
        }
        let path = clone_path(text);
        self.found(ProblemKind::NotCloneable, &channel, seq)
            .add_detail(&path);
    }

    fn lifecycle(&mut self, entry: &Entry, seq: u64) {
        let event = text(entry, "event");
        match event {
            "exposed" if entry.get("ipcRenderer") == Some(&Value::Bool(true)) => {
                self.found(ProblemKind::IpcRendererExposed, text(entry, "key"), seq);
            }
            "navigation-blocked" => {
                let by = text(entry, "by").to_string();
                self.left_the_lab(text(entry, "url"), seq, true, &by);
            }
            // A new page (or none): the old page's listeners are gone.
            "created" | "navigating" | "closed" | "crashed" => {
                if let Some(wc) = wc(entry) {
                    self.sites.retain(|(side, _), _| *side != Side::Page(wc));
                }
            }
            _ => {}
        }
    }

    fn left_the_lab(&mut self, url: &str, seq: u64, journaled_as_lifecycle: bool, by: &str) {
        let forms = self.navigations.entry(url.to_string()).or_default();
        if journaled_as_lifecycle {
            forms.0 += 1;
        } else {
            forms.1 += 1;
        }
        let attempts = forms.0.max(forms.1);
        let problem = self.problem(ProblemKind::LeftTheLab, url);
        problem.count = attempts;
        problem.add_row(seq);
        problem.add_detail(by);
    }

    /// One more occurrence of a problem, at row `seq`.
    fn found(&mut self, kind: ProblemKind, subject: &str, seq: u64) -> &mut Problem {
        let problem = self.problem(kind, subject);
        problem.count += 1;
        problem.add_row(seq);
        problem
    }

    /// The problem of this kind and subject, new and empty if it was not found before.
    fn problem(&mut self, kind: ProblemKind, subject: &str) -> &mut Problem {
        let at = match self.at(kind, subject) {
            Some(at) => at,
            None => self.insert(Problem {
                kind,
                subject: subject.to_string(),
                count: 0,
                rows: Vec::new(),
                details: Vec::new(),
            }),
        };
        &mut self.list[at]
    }

    fn get_mut(&mut self, kind: ProblemKind, subject: &str) -> Option<&mut Problem> {
        let at = self.at(kind, subject)?;
        self.list.get_mut(at)
    }

    fn at(&self, kind: ProblemKind, subject: &str) -> Option<usize> {
        self.index.get(&kind)?.get(subject).copied()
    }

    fn insert(&mut self, problem: Problem) -> usize {
        let at = self.list.len();
        self.index
            .entry(problem.kind)
            .or_default()
            .insert(problem.subject.clone(), at);
        self.list.push(problem);
        at
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (at, p) in self.list.iter().enumerate() {
            self.index
                .entry(p.kind)
                .or_default()
                .insert(p.subject.clone(), at);
        }
    }
}

fn text<'a>(entry: &'a Entry, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn wc(entry: &Entry) -> Option<u32> {
    entry
        .get("webContentsId")
        .and_then(Value::as_u64)
        .and_then(|w| u32::try_from(w).ok())
}

fn listeners(entry: &Entry) -> Option<u64> {
    entry.get("listeners").and_then(Value::as_u64)
}

/// Where a listener was registered (`preload.js:5:43`); empty when the journal does not say.
fn site_of(entry: &Entry) -> String {
    let Some(at) = entry.get("initiator") else {
        return String::new();
    };
    let file = at.get("file").and_then(Value::as_str).unwrap_or_default();
    let line = at.get("line").and_then(Value::as_u64).unwrap_or(0);
    let column = at.get("column").and_then(Value::as_u64).unwrap_or(0);
    format!("{file}:{line}:{column}")
}

/// The text between `prefix` (which ends with an opening quote) and the next `'`.
fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)? + prefix.len();
    let rest = &text[start..];
    let end = rest.find('\'')?;
    Some(rest[..end].to_string())
}

/// What could not be cloned, as the journal's error line says it: `args[0].onDone is a
/// Function` after the page's `could not be cloned: `, in the parentheses of main's `Failed
/// to serialize arguments (...)`, after `returnValue of sendSync on 'ch': `, or in a handler's
/// `clonePath: '...'`. Empty when the line does not say.
fn clone_path(text: &str) -> String {
    if let Some(path) = quoted_after(text, "clonePath: '") {
        return path;
    }
    let first_line = text.lines().next().unwrap_or_default();
    if let Some(rest) = first_line.split_once("could not be cloned: ") {
        return rest.1.trim().to_string();
    }
    if let Some(rest) = first_line.split_once("Failed to serialize arguments (") {
        return rest.1.trim_end().trim_end_matches(')').to_string();
    }
    if let Some(rest) = first_line.split_once("returnValue of sendSync on '") {
        if let Some((_, path)) = rest.1.split_once("': ") {
            return path.trim().to_string();
        }
    }
    String::new()
}

#[cfg(test)]
#[path = "problems/tests.rs"]
mod tests;
