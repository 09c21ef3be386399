//! The panel's model of one lab run: the journal folded into log rows (a request and its result
//! are one row), a filtered index over them, the registry, the window table and the console.
//! Plain data with no egui in it, so tests feed it journal entries directly.

mod filter;
mod registry;
mod windows;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde_json::Value;

use crate::journal::Entry;

pub use filter::Filter;
pub use registry::Registry;
pub use windows::{WindowState, Windows};

/// How many characters of a row's args are kept for free-text search.
const SEARCH_CHARS: usize = 400;

/// What a log row is, from the student's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Send,
    Invoke,
    SendSync,
    Push,
    Reply,
    Console,
    Error,
    Listener,
    Lifecycle,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Send,
        Kind::Invoke,
        Kind::SendSync,
        Kind::Push,
        Kind::Reply,
        Kind::Console,
        Kind::Error,
        Kind::Listener,
        Kind::Lifecycle,
        Kind::Other,
    ];

    /// The kind of a journal entry; results count as the kind of their request.
    pub fn of(kind: &str) -> Kind {
        match kind {
            "send" => Kind::Send,
            "invoke" | "invoke-result" => Kind::Invoke,
            "send-sync" | "send-sync-result" => Kind::SendSync,
            "push" => Kind::Push,
            "reply" => Kind::Reply,
            "console" => Kind::Console,
            "error" => Kind::Error,
            "listener" => Kind::Listener,
            "lifecycle" => Kind::Lifecycle,
            _ => Kind::Other,
        }
    }

    /// Electron's name for it, as the log's kind column shows it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Send => "send",
            Kind::Invoke => "invoke",
            Kind::SendSync => "sendSync",
            Kind::Push => "push",
            Kind::Reply => "reply",
            Kind::Console => "console",
            Kind::Error => "error",
            Kind::Listener => "listener",
            Kind::Lifecycle => "lifecycle",
            Kind::Other => "other",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Which way the message went: renderer to main, main to renderer, or neither.
    pub fn direction(self) -> Direction {
        match self {
            Kind::Send | Kind::Invoke | Kind::SendSync => Direction::ToMain,
            Kind::Push | Kind::Reply => Direction::ToRenderer,
            _ => Direction::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    ToMain,
    ToRenderer,
    None,
}

/// Something about a row worth flagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    None,
    /// A push nobody listened to in the page, or a send nobody listened to in main.
    NoListener,
    /// An error entry, or an invoke that rejected.
    Failed,
}

/// One logical row of the log.
#[derive(Debug, Clone)]
pub struct Row {
    /// The request (or the entry itself when it is not a request).
    pub entry: Arc<Entry>,
    /// The paired invoke-result / send-sync-result, once it has come.
    pub result: Option<Arc<Entry>>,
    pub kind: Kind,
    pub seq: u64,
    pub wc: Option<u32>,
    pub channel: Option<Arc<str>>,
    pub flag: Flag,
    /// Lowercased text the free-text filter searches (args, or a console/error text).
    search: Box<str>,
}

impl Row {
    /// An invoke or sendSync still waiting for its answer.
    pub fn pending(&self) -> bool {
        matches!(self.kind, Kind::Invoke | Kind::SendSync)
            && self.result.is_none()
            && !is_result(&self.entry)
    }

    /// The answer's duration, in microseconds.
    pub fn duration_us(&self) -> Option<u64> {
        self.result
            .as_ref()
            .and_then(|r| r.get("durationUs"))
            .and_then(Value::as_u64)
    }
}

/// A field of an entry, or null: entries are maps, whose `[]` panics on a missing key.
pub fn field<'a>(entry: &'a Entry, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    entry.get(key).unwrap_or(&NULL)
}

pub fn text<'a>(entry: &'a Entry, key: &str) -> &'a str {
    field(entry, key).as_str().unwrap_or_default()
}

fn is_result(entry: &Entry) -> bool {
    matches!(text(entry, "kind"), "invoke-result" | "send-sync-result")
}

/// A console line's level; errors and uncaught exceptions count as `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Debug,
    Log,
    Info,
    Warn,
    Error,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Debug,
        Level::Log,
        Level::Info,
        Level::Warn,
        Level::Error,
    ];

    pub fn of(row: &Row) -> Option<Level> {
        match row.kind {
            Kind::Error => Some(Level::Error),
            Kind::Console => Some(match text(&row.entry, "level") {
                "debug" => Level::Debug,
                "info" => Level::Info,
                "warn" => Level::Warn,
                "error" | "assert" => Level::Error,
                _ => Level::Log,
            }),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Debug => "debug",
            Level::Log => "log",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

#[derive(Debug)]
pub struct Model {
    rows: Vec<Row>,
    /// Indices into `rows` that pass the filter, in order.
    visible: Vec<u32>,
    /// Indices into `rows` of console and error entries whose level is shown.
    console: Vec<u32>,
    /// One bit per `Level`: set = shown.
    console_levels: u8,
    filter: Filter,
    /// Invokes and sendSyncs waiting for their result: request seq -> row index.
    pending: HashMap<u64, u32>,
    channels: BTreeSet<Arc<str>>,
    /// Journal entries taken in so far (results included), across clears.
    consumed: usize,
    /// Journal entries taken in since the last clear.
    total: usize,
    pub registry: Registry,
    pub windows: Windows,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            rows: Vec::new(),
            visible: Vec::new(),
            console: Vec::new(),
            console_levels: u8::MAX,
            filter: Filter::default(),
            pending: HashMap::new(),
            channels: BTreeSet::new(),
            consumed: 0,
            total: 0,
            registry: Registry::default(),
            windows: Windows::default(),
        }
    }
}

impl Model {
    pub fn new() -> Model {
        Model::default()
    }

    pub fn console_shows(&self, level: Level) -> bool {
        self.console_levels & level.bit() != 0
    }

    /// Shows or hides a console level and rebuilds the console index.
    pub fn set_console_shown(&mut self, level: Level, shown: bool) {
        if shown {
            self.console_levels |= level.bit();
        } else {
            self.console_levels &= !level.bit();
        }
        let levels = self.console_levels;
        self.console = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| Level::of(row).is_some_and(|l| levels & l.bit() != 0))
            .map(|(i, _)| i as u32)
            .collect();
    }

    /// How many journal entries the model has read: the next `ingest` starts there.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// Folds new journal entries in, in journal order. Only the new rows are tested against
    /// the filter, so a live log stays cheap however long it gets.
    pub fn ingest(&mut self, entries: impl IntoIterator<Item = Arc<Entry>>) {
        for entry in entries {
            self.consumed += 1;
            self.total += 1;
            if self.windows.starts_new_page(&entry) {
                if let Some(wc) = field(&entry, "webContentsId").as_u64() {
                    self.registry.forget_page(wc as u32);
                }
            }
            self.registry.apply(&entry);
            self.windows.apply(&entry);
            if is_result(&entry) {
                let request = field(&entry, "ref").as_u64();
                if let Some(index) = request.and_then(|seq| self.pending.remove(&seq)) {
                    if let Some(row) = self.rows.get_mut(index as usize) {
                        if field(&entry, "ok") == false {
                            row.flag = Flag::Failed;
                        }
                        row.result = Some(entry);
                    }
                    continue;
                }
            }
            self.push_row(entry);
        }
    }

    fn push_row(&mut self, entry: Arc<Entry>) {
        let kind = Kind::of(text(&entry, "kind"));
        let channel = field(&entry, "channel").as_str().map(|c| self.intern(c));
        let listeners = field(&entry, "listeners").as_u64();
        let flag = match kind {
            Kind::Error => Flag::Failed,
            _ if field(&entry, "ok") == false => Flag::Failed,
            Kind::Push | Kind::Send if listeners == Some(0) => Flag::NoListener,
            _ => Flag::None,
        };
        let searched = match kind {
            Kind::Console | Kind::Error => text(&entry, "text").to_string(),
            Kind::Listener => format!("{} {}", text(&entry, "process"), text(&entry, "op")),
            Kind::Lifecycle => format!("{} {}", text(&entry, "event"), text(&entry, "url")),
            _ if is_result(&entry) => crate::value::preview(field(&entry, "result"), SEARCH_CHARS),
            _ => crate::value::preview(field(&entry, "args"), SEARCH_CHARS),
        };
        let row = Row {
            seq: field(&entry, "seq").as_u64().unwrap_or(0),
            wc: field(&entry, "webContentsId")
                .as_u64()
                .and_then(|w| u32::try_from(w).ok()),
            kind,
            channel,
            flag,
            search: searched.to_lowercase().into_boxed_str(),
            result: None,
            entry,
        };
        let index = self.rows.len() as u32;
        if matches!(kind, Kind::Invoke | Kind::SendSync) && !is_result(&row.entry) {
            self.pending.insert(row.seq, index);
        }
        if Level::of(&row).is_some_and(|l| self.console_shows(l)) {
            self.console.push(index);
        }
        if self.filter.matches(&row) {
            self.visible.push(index);
        }
        self.rows.push(row);
    }

    fn intern(&mut self, channel: &str) -> Arc<str> {
        if let Some(known) = self.channels.get(channel) {
            return known.clone();
        }
        let new: Arc<str> = channel.into();
        self.channels.insert(new.clone());
        new
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Replaces the filter and rebuilds the visible index (one pass over the rows).
    pub fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        self.filter = filter.prepared();
        let filter = &self.filter;
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| filter.matches(row))
            .map(|(i, _)| i as u32)
            .collect();
    }

    /// Forgets the rows so far; the journal keeps them, and the registry and windows stay
    /// (they describe what exists now, not what was logged).
    pub fn clear(&mut self) {
        self.rows.clear();
        self.visible.clear();
        self.console.clear();
        self.pending.clear();
        self.total = 0;
    }

    /// Rows that pass the filter.
    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    /// Journal entries since the last clear (a request and its result count as two).
    pub fn total(&self) -> usize {
        self.total
    }

    #[cfg(test)]
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The `n`th row that passes the filter, and its index among all rows.
    pub fn visible_row(&self, n: usize) -> Option<(usize, &Row)> {
        let index = *self.visible.get(n)? as usize;
        Some((index, self.rows.get(index)?))
    }

    /// Position among the visible rows of the row at `index`, if it is shown.
    pub fn visible_position(&self, index: usize) -> Option<usize> {
        self.visible.binary_search(&(index as u32)).ok()
    }

    pub fn row(&self, index: usize) -> Option<&Row> {
        self.rows.get(index)
    }

    pub fn console_len(&self) -> usize {
        self.console.len()
    }

    pub fn console_row(&self, n: usize) -> Option<&Row> {
        self.rows.get(*self.console.get(n)? as usize)
    }

    /// Every channel seen so far, sorted.
    pub fn channels(&self) -> impl Iterator<Item = &str> {
        self.channels.iter().map(|c| &**c)
    }
}
