//! One logical row of the log and what is known about it: its kind (results count as their
//! request's kind), direction, flag and, for console lines, level.

use std::sync::Arc;

use serde_json::Value;

use crate::journal::{Entry, Kind};

/// What a log row is, from the student's point of view: the journal's `Kind`, with a result
/// counted as its request's kind and anything this version does not know as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKind {
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

impl RowKind {
    pub const ALL: [RowKind; 10] = [
        RowKind::Send,
        RowKind::Invoke,
        RowKind::SendSync,
        RowKind::Push,
        RowKind::Reply,
        RowKind::Console,
        RowKind::Error,
        RowKind::Listener,
        RowKind::Lifecycle,
        RowKind::Other,
    ];

    /// The row kind of a journal entry's kind (None: a kind this version does not know).
    pub fn of(kind: Option<Kind>) -> RowKind {
        match kind {
            Some(Kind::Send) => RowKind::Send,
            Some(Kind::Invoke | Kind::InvokeResult) => RowKind::Invoke,
            Some(Kind::SendSync | Kind::SendSyncResult) => RowKind::SendSync,
            Some(Kind::Push) => RowKind::Push,
            Some(Kind::Reply) => RowKind::Reply,
            Some(Kind::Console) => RowKind::Console,
            Some(Kind::Error) => RowKind::Error,
            Some(Kind::Listener) => RowKind::Listener,
            Some(Kind::Lifecycle) => RowKind::Lifecycle,
            None => RowKind::Other,
        }
    }

    /// The journal kind of a request of this kind (None for `Other`).
    fn request(self) -> Option<Kind> {
        Some(match self {
            RowKind::Send => Kind::Send,
            RowKind::Invoke => Kind::Invoke,
            RowKind::SendSync => Kind::SendSync,
            RowKind::Push => Kind::Push,
            RowKind::Reply => Kind::Reply,
            RowKind::Console => Kind::Console,
            RowKind::Error => Kind::Error,
            RowKind::Listener => Kind::Listener,
            RowKind::Lifecycle => Kind::Lifecycle,
            RowKind::Other => return None,
        })
    }

    /// As the log's kind column shows it: the journal's name, but Electron's for sendSync.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::SendSync => "sendSync",
            other => other.request().map_or("other", Kind::as_str),
        }
    }

    pub(super) fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Which way the message went: renderer to main, main to renderer, or neither.
    pub fn direction(self) -> Direction {
        match self {
            RowKind::Send | RowKind::Invoke | RowKind::SendSync => Direction::ToMain,
            RowKind::Push | RowKind::Reply => Direction::ToRenderer,
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
    pub kind: RowKind,
    /// The journal kind of `entry`; None for a kind this version does not know.
    pub entry_kind: Option<Kind>,
    pub seq: u64,
    pub wc: Option<u32>,
    pub channel: Option<Arc<str>>,
    pub flag: Flag,
    /// Lowercased text the free-text filter searches (args, or a console/error text).
    pub(super) search: Box<str>,
    /// What the filter's `is:`, `larger-than:` and `slower-than:` terms ask, read once.
    pub(super) facts: super::filter::Facts,
}

impl Row {
    /// An invoke or sendSync still waiting for its answer.
    pub fn pending(&self) -> bool {
        matches!(self.entry_kind, Some(Kind::Invoke | Kind::SendSync)) && self.result.is_none()
    }

    /// A result whose request is not in the log (it came before a clear, or never came).
    pub fn is_lone_result(&self) -> bool {
        self.entry_kind.is_some_and(Kind::is_result)
    }

    /// The answer to this row's invoke or sendSync: the paired result, or the row itself.
    pub fn answer(&self) -> Option<&Arc<Entry>> {
        self.result
            .as_ref()
            .or(self.is_lone_result().then_some(&self.entry))
    }

    /// The answer's duration, in microseconds.
    pub fn duration_us(&self) -> Option<u64> {
        self.result
            .as_ref()
            .and_then(|r| r.get("durationUs"))
            .and_then(Value::as_u64)
    }
}

/// The row with its request and result whole: memory keeps a large value only as a preview,
/// and the full one is read back from the file that has it (see `whole_entry`).
pub fn with_full_values(mut row: Row) -> Row {
    row.entry = whole_entry(&row.entry);
    row.result = row.result.as_ref().map(whole_entry);
    row
}

/// The whole entry behind `entry`: itself, or, when memory keeps only its preview, the full
/// one read back. The last few read are remembered (the detail pane asks every frame). When it
/// cannot be read back, the preview stays, its marker saying why.
pub fn whole_entry(entry: &Arc<Entry>) -> Arc<Entry> {
    use std::cell::RefCell;
    thread_local! {
        /// (preview, whole) pairs, newest last.
        static READ: RefCell<Vec<(Arc<Entry>, Arc<Entry>)>> = const { RefCell::new(Vec::new()) };
    }
    const REMEMBERED: usize = 4;
    let Some(marker) = entry.get(crate::journal::PREVIEW) else {
        return entry.clone();
    };
    if let Some(known) = READ.with_borrow(|read| {
        read.iter()
            .find(|(preview, _)| Arc::ptr_eq(preview, entry))
            .map(|(_, whole)| whole.clone())
    }) {
        return known;
    }
    let whole = match crate::journal::full_entry(entry) {
        Ok(whole) => whole,
        Err(why) => {
            let mut marker = marker.clone();
            if let Some(marker) = marker.as_object_mut() {
                marker.insert("why".into(), why.into());
            }
            let mut kept = entry.as_ref().clone();
            kept.insert(crate::journal::PREVIEW.into(), marker);
            Arc::new(kept)
        }
    };
    READ.with_borrow_mut(|read| {
        if read.len() == REMEMBERED {
            read.remove(0);
        }
        read.push((entry.clone(), whole.clone()));
    });
    whole
}

/// A field of an entry, or null: entries are maps, whose `[]` panics on a missing key.
pub fn field<'a>(entry: &'a Entry, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    entry.get(key).unwrap_or(&NULL)
}

pub fn text<'a>(entry: &'a Entry, key: &str) -> &'a str {
    field(entry, key).as_str().unwrap_or_default()
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
            RowKind::Error => Some(Level::Error),
            RowKind::Console => Some(match text(&row.entry, "level") {
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
