//! Which log rows to show: the kind toggles, and a query typed in Chrome DevTools' habits
//! (`channel:NAME`, `-channel:NAME`, `is:pending`, `window:1`, `kind:invoke`,
//! `larger-than:10k`, `slower-than:5ms`, `/regex/`, plain words), every term ANDed.

use super::{field, text, Flag, Row, RowKind};

mod complete;
mod facts;
mod query;

pub use complete::completions;
pub use facts::Facts;
use query::Query;

#[derive(Debug, Clone)]
pub struct Filter {
    /// One bit per `RowKind`: set = shown.
    pub(super) kinds: u16,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this window (webContents id).
    pub window: Option<u32>,
    /// The query as typed: terms and free text (searched case-insensitively in the args).
    pub text: String,
    /// `text` parsed once when the filter is set, for every row to be tested against.
    pub(super) query: Query,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            kinds: u16::MAX,
            channel: None,
            window: None,
            text: String::new(),
            query: Query::default(),
        }
    }
}

/// Equal when they show the same rows; the parsed query does not count (it follows `text`).
impl PartialEq for Filter {
    fn eq(&self, other: &Filter) -> bool {
        self.kinds == other.kinds
            && self.channel == other.channel
            && self.window == other.window
            && self.text == other.text
    }
}

impl Filter {
    pub fn shows(&self, kind: RowKind) -> bool {
        self.kinds & kind.bit() != 0
    }

    pub fn set_shown(&mut self, kind: RowKind, shown: bool) {
        if shown {
            self.kinds |= kind.bit();
        } else {
            self.kinds &= !kind.bit();
        }
    }

    /// Shows only the given kinds.
    #[cfg(test)]
    pub fn only(mut self, kinds: &[RowKind]) -> Filter {
        self.kinds = kinds.iter().fold(0, |bits, k| bits | k.bit());
        self
    }

    /// The terms of the query that could not be understood (they are left out of the match).
    pub fn problems(&self) -> &[Problem] {
        &self.query.problems
    }

    pub(super) fn prepared(mut self) -> Filter {
        self.query = Query::parse(&self.text);
        self
    }

    pub(super) fn matches(&self, row: &Row) -> bool {
        self.shows(row.kind)
            && self
                .channel
                .as_deref()
                .is_none_or(|c| row.channel.as_deref() == Some(c))
            && self.window.is_none_or(|w| row.wc == Some(w))
            && self.query.matches(row)
    }
}

/// A term of the query that could not be used, and why; the view words it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// `chanel:x`: not one of `KEYS`.
    UnknownKey(String),
    /// `is:nope`, `window:x`, `larger-than:big` ...: the key is known, the value is not.
    BadValue { key: &'static str, value: String },
    /// `/a(/`: the regex crate's reason, first line.
    BadRegex { pattern: String, reason: String },
}

/// The keys a term can have, in the order the completion offers them.
pub const KEYS: [&str; 6] = [
    "channel",
    "is",
    "kind",
    "window",
    "larger-than",
    "slower-than",
];

/// What `is:` can ask about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// An invoke or sendSync still waiting for its answer.
    Pending,
    /// An error entry or a rejected invoke.
    Error,
    /// Never reached anyone: nobody listened, or a fault or the debugger dropped it.
    Lost,
    /// Held at a breakpoint or by stepping before it went on.
    Held,
    /// Delivered again by a replay.
    Replayed,
    /// Fired by hand from the panel.
    Panel,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Pending,
        State::Error,
        State::Lost,
        State::Held,
        State::Replayed,
        State::Panel,
    ];

    pub fn name(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Error => "error",
            State::Lost => "lost",
            State::Held => "held",
            State::Replayed => "replayed",
            State::Panel => "panel",
        }
    }

    fn of_row(self, row: &Row) -> bool {
        let facts = row.facts;
        match self {
            State::Pending => row.pending(),
            State::Error => row.flag == Flag::Failed,
            State::Lost => row.flag == Flag::NoListener || facts.has(Facts::DROPPED),
            State::Held => facts.has(Facts::HELD),
            State::Replayed => facts.has(Facts::REPLAYED),
            State::Panel => facts.has(Facts::PANEL),
        }
    }
}

#[cfg(test)]
mod tests;
