//! One logical row of the log and what is known about it: its kind (results count as their
//! request's kind), direction, flag and, for console lines, level.

use std::sync::Arc;

use serde_json::Value;

use crate::journal::Entry;

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

    pub(super) fn bit(self) -> u16 {
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
    /// A push nobody listened to in the page, or a send (or sendSync) nobody listened to in main.
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
    pub(super) search: Box<str>,
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

pub(super) fn is_result(entry: &Entry) -> bool {
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

    pub(super) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}
