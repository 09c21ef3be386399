//! Which log rows to show: the kind toggles, and a query typed in Chrome DevTools' habits
//! (`channel:NAME`, `-channel:NAME`, `is:pending`, `window:1`, `kind:invoke`,
//! `larger-than:10k`, `slower-than:5ms`, `/regex/`, plain words), every term ANDed.

use memchr::memmem::Finder;
use regex::{Regex, RegexBuilder};
use serde_json::Value;

use super::{field, text, Flag, Row, RowKind};
use crate::journal::Kind;

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

/// What the `is:`, `larger-than:` and `slower-than:` terms ask of a row, read from its entries
/// once as they arrive: an entry is a map behind a pointer, and asking a million of them on
/// every keystroke costs several times the budget of a filter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    bits: u8,
    /// About how many bytes the args and the answer take as JSON (saturating).
    size: u32,
    /// The answer's `durationUs` (saturating); meaningful with `ANSWERED`.
    duration_us: u32,
}

impl Facts {
    const HELD: u8 = 1;
    const DROPPED: u8 = 2;
    const REPLAYED: u8 = 4;
    const PANEL: u8 = 8;
    const ANSWERED: u8 = 16;

    /// The facts of a row's first entry (a request, or any other entry).
    pub fn of(entry: &crate::journal::Entry) -> Facts {
        let mut facts = Facts::default();
        facts.absorb(entry);
        facts
    }

    /// Adds what the answer to the row's request says.
    pub fn add_result(&mut self, result: &crate::journal::Entry) {
        self.absorb(result);
    }

    fn absorb(&mut self, entry: &crate::journal::Entry) {
        if field(entry, "held") == true {
            self.bits |= Facts::HELD;
        }
        if field(entry, "fault").get("dropped") == Some(&Value::Bool(true)) {
            self.bits |= Facts::DROPPED;
        }
        if !field(entry, "replayOf").is_null() {
            self.bits |= Facts::REPLAYED;
        }
        if text(entry, "origin") == "panel" {
            self.bits |= Facts::PANEL;
        }
        if let Some(us) = field(entry, "durationUs").as_u64() {
            self.bits |= Facts::ANSWERED;
            self.duration_us = u32::try_from(us).unwrap_or(u32::MAX);
        }
        let answer = match entry.get("result") {
            Some(value) => json_size(value),
            None => json_size(field(entry, "error")),
        };
        let size = json_size(field(entry, "args")) + answer;
        self.size = self
            .size
            .saturating_add(u32::try_from(size).unwrap_or(u32::MAX));
    }

    fn has(self, bit: u8) -> bool {
        self.bits & bit != 0
    }

    fn duration_us(self) -> Option<u64> {
        self.has(Facts::ANSWERED)
            .then_some(u64::from(self.duration_us))
    }
}

/// The parsed query: its terms, cheapest first, and what could not be parsed.
#[derive(Debug, Clone, Default)]
pub(super) struct Query {
    terms: Vec<Term>,
    problems: Vec<Problem>,
}

#[derive(Debug, Clone)]
struct Term {
    test: Test,
    /// `-key:value`: rows that do not match.
    negated: bool,
}

#[derive(Debug, Clone)]
enum Test {
    Kind(RowKind),
    Window(u32),
    Is(State),
    Channel(String),
    /// `channel:read*`: channels that start with this.
    ChannelPrefix(String),
    /// Microseconds.
    SlowerThan(u64),
    /// The plain words, lowercased, as one searcher (the row's search text is lowercased).
    Text(Box<Finder<'static>>),
    Regex(Box<Regex>),
    /// Bytes of the args and the answer, as JSON.
    LargerThan(u64),
}

impl Test {
    /// Cheap tests first: most rows are decided before a regex or a size is looked at.
    fn cost(&self) -> u8 {
        match self {
            Test::Kind(_) | Test::Window(_) => 0,
            Test::Is(_) | Test::SlowerThan(_) | Test::LargerThan(_) => 1,
            Test::Channel(_) | Test::ChannelPrefix(_) => 2,
            Test::Text(_) => 3,
            Test::Regex(_) => 4,
        }
    }

    fn matches(&self, row: &Row) -> bool {
        match self {
            Test::Kind(kind) => row.kind == *kind,
            Test::Window(wc) => row.wc == Some(*wc),
            Test::Is(state) => state.of_row(row),
            Test::Channel(c) => row.channel.as_deref() == Some(c.as_str()),
            Test::ChannelPrefix(p) => row.channel.as_deref().is_some_and(|c| c.starts_with(p)),
            Test::SlowerThan(us) => row.facts.duration_us().is_some_and(|d| d > *us),
            Test::Text(finder) => finder.find(row.search.as_bytes()).is_some(),
            Test::Regex(re) => re.is_match(&row.search),
            Test::LargerThan(bytes) => u64::from(row.facts.size) > *bytes,
        }
    }
}

impl Query {
    fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut words: Vec<String> = Vec::new();
        for token in tokens(input) {
            match token {
                Token::Word(word) => words.push(word),
                Token::Regex { pattern, negated } => {
                    // The row's search text is lowercased: the regex ignores case to match it.
                    match RegexBuilder::new(&pattern).case_insensitive(true).build() {
                        Ok(re) => query.terms.push(Term {
                            test: Test::Regex(Box::new(re)),
                            negated,
                        }),
                        Err(err) => query.problems.push(Problem::BadRegex {
                            reason: regex_reason(&err),
                            pattern,
                        }),
                    }
                }
                Token::Term {
                    key,
                    value,
                    negated,
                } => match term(&key, &value) {
                    Ok(Some(test)) => query.terms.push(Term { test, negated }),
                    // `channel:` while it is being typed: nothing to test yet.
                    Ok(None) => {}
                    Err(problem) => query.problems.push(problem),
                },
            }
        }
        let text = words.join(" ").to_lowercase();
        if !text.is_empty() {
            query.terms.push(Term {
                test: Test::Text(Box::new(Finder::new(text.as_bytes()).into_owned())),
                negated: false,
            });
        }
        query.terms.sort_by_key(|t| t.test.cost());
        query
    }

    fn matches(&self, row: &Row) -> bool {
        self.terms
            .iter()
            .all(|term| term.test.matches(row) != term.negated)
    }
}

/// The test a `key:value` term asks for; None when the value is still empty.
fn term(key: &str, value: &str) -> Result<Option<Test>, Problem> {
    let Some(key) = KEYS.iter().copied().find(|k| k.eq_ignore_ascii_case(key)) else {
        return Err(Problem::UnknownKey(key.to_string()));
    };
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || Problem::BadValue {
        key,
        value: value.to_string(),
    };
    let test = match key {
        "channel" => match value.strip_suffix('*') {
            Some(prefix) => Test::ChannelPrefix(prefix.to_string()),
            None => Test::Channel(value.to_string()),
        },
        "is" => Test::Is(
            State::ALL
                .into_iter()
                .find(|s| s.name().eq_ignore_ascii_case(value))
                .ok_or_else(bad)?,
        ),
        "kind" => Test::Kind(row_kind(value).ok_or_else(bad)?),
        "window" => Test::Window(value.trim_start_matches('#').parse().map_err(|_| bad())?),
        "larger-than" => Test::LargerThan(bytes(value).ok_or_else(bad)?),
        "slower-than" => Test::SlowerThan(micros(value).ok_or_else(bad)?),
        _ => return Err(Problem::UnknownKey(key.to_string())),
    };
    Ok(Some(test))
}

/// A kind as the log's column names it, or as the journal does (`send-sync`, `invoke-result`).
fn row_kind(name: &str) -> Option<RowKind> {
    RowKind::ALL
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(name))
        .or_else(|| Kind::parse(&name.to_ascii_lowercase()).map(|k| RowKind::of(Some(k))))
}

/// `500`, `10k`, `1.5m` (k = 1024 bytes, as DevTools counts).
fn bytes(value: &str) -> Option<u64> {
    let lower = value.to_ascii_lowercase();
    let lower = lower.strip_suffix('b').unwrap_or(&lower);
    let (number, unit) = match lower.char_indices().last()? {
        (i, 'k') => (&lower[..i], 1024.0),
        (i, 'm') => (&lower[..i], 1024.0 * 1024.0),
        _ => (lower, 1.0),
    };
    scaled(number, unit)
}

/// `5ms`, `250us`, `1.5s`, or a bare number of milliseconds; in microseconds.
fn micros(value: &str) -> Option<u64> {
    let lower = value.to_ascii_lowercase();
    let (number, unit) = if let Some(n) = lower.strip_suffix("ms") {
        (n, 1_000.0)
    } else if let Some(n) = lower.strip_suffix("us").or(lower.strip_suffix("µs")) {
        (n, 1.0)
    } else if let Some(n) = lower.strip_suffix('s') {
        (n, 1_000_000.0)
    } else {
        (lower.as_str(), 1_000.0)
    };
    scaled(number, unit)
}

fn scaled(number: &str, unit: f64) -> Option<u64> {
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n >= 0.0).then_some((n * unit) as u64)
}

/// The first line of the regex crate's error, without its ASCII-art pointer.
fn regex_reason(err: &regex::Error) -> String {
    let full = err.to_string();
    full.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map(|l| l.trim_start_matches("error:").trim().to_string())
        .unwrap_or_else(|| full.lines().next().unwrap_or_default().to_string())
}

/// About how many bytes a value takes as JSON; a value kept only as a preview counts as the
/// length it had.
fn json_size(value: &Value) -> u64 {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 5,
        // Digits counted, not printed: this runs over every row.
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => digits(u),
            (None, Some(i)) => 1 + digits(i.unsigned_abs()),
            _ => 8,
        },
        Value::String(s) => s.len() as u64 + 2,
        Value::Array(items) => 2 + items.iter().map(|v| json_size(v) + 1).sum::<u64>(),
        Value::Object(map) => {
            if map.get("$type").and_then(Value::as_str) == Some("Truncated") {
                if let Some(length) = map.get("length").and_then(Value::as_u64) {
                    return length;
                }
            }
            2 + map
                .iter()
                .map(|(k, v)| k.len() as u64 + 4 + json_size(v))
                .sum::<u64>()
        }
    }
}

fn digits(n: u64) -> u64 {
    u64::from(n.checked_ilog10().unwrap_or(0)) + 1
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Term {
        key: String,
        value: String,
        negated: bool,
    },
    Regex {
        pattern: String,
        negated: bool,
    },
}

/// Splits a query at spaces, keeping `"quoted text"` and `/a regex with spaces/` whole.
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let (negated, body) = match rest.strip_prefix('-') {
            Some(after) if after.starts_with('/') || key_of(after).is_some() => (true, after),
            _ => (false, rest),
        };
        if let Some(after) = body.strip_prefix('/') {
            if let Some(end) = regex_end(after) {
                out.push(Token::Regex {
                    pattern: after[..end].to_string(),
                    negated,
                });
                rest = after[end + 1..].trim_start();
                continue;
            }
        }
        if let Some(after) = body.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            out.push(Token::Word(after[..end].to_string()));
            rest = after.get(end + 1..).unwrap_or_default().trim_start();
            continue;
        }
        if let Some(key) = key_of(body) {
            let after = &body[key.len() + 1..];
            let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
                let end = quoted.find('"').unwrap_or(quoted.len());
                (&quoted[..end], quoted.get(end + 1..).unwrap_or_default())
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            };
            out.push(Token::Term {
                key: key.to_string(),
                value: value.to_string(),
                negated,
            });
            rest = tail.trim_start();
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        out.push(Token::Word(body[..end].to_string()));
        rest = body[end..].trim_start();
    }
    out
}

/// `key` when `text` starts with `key:` and key is a word of letters and dashes (`http://`
/// is not a key: a word needs a value after the colon that is not `/`).
fn key_of(text: &str) -> Option<&str> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let word = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !key.starts_with('-');
    (word && !text[colon + 1..].starts_with('/')).then_some(key)
}

/// Where a regex ends: the next `/` not escaped by a backslash that ends the token.
fn regex_end(after: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in after.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '/' if !escaped => {
                let next = after[i + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    return Some(i);
                }
                escaped = false;
            }
            _ => escaped = false,
        }
    }
    None
}

/// A suggestion for the query being typed: what it shows, and the whole query once taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub label: String,
    pub query: String,
}

/// Suggestions for the last word of `query`: the keys, then for `channel:` the channels seen
/// (those starting with what was typed, then those containing it), for `is:` the states, for
/// `kind:` the kinds, for `window:` the windows.
pub fn completions<'a>(
    query: &str,
    channels: impl Iterator<Item = &'a str>,
    windows: impl Iterator<Item = u32>,
) -> Vec<Completion> {
    const MAX: usize = 12;
    let start = query.rfind(char::is_whitespace).map_or(0, |i| {
        i + query[i..].chars().next().map_or(1, char::len_utf8)
    });
    let (before, last) = query.split_at(start);
    let (dash, body) = match last.strip_prefix('-') {
        Some(after) => ("-", after),
        None => ("", last),
    };
    if body.starts_with('/') || body.starts_with('"') {
        return Vec::new();
    }
    let Some((key, typed)) = body.split_once(':') else {
        return KEYS
            .iter()
            .filter(|k| k.starts_with(&body.to_ascii_lowercase()) && **k != body)
            .map(|k| Completion {
                label: format!("{dash}{k}:"),
                query: format!("{before}{dash}{k}:"),
            })
            .collect();
    };
    let key = key.to_ascii_lowercase();
    let values: Vec<String> = match key.as_str() {
        "channel" => channels
            .map(|c| {
                if c.contains(char::is_whitespace) {
                    format!("\"{c}\"")
                } else {
                    c.to_string()
                }
            })
            .collect(),
        "is" => State::ALL.iter().map(|s| s.name().to_string()).collect(),
        "kind" => RowKind::ALL.iter().map(|k| k.label().to_string()).collect(),
        "window" => windows.map(|w| w.to_string()).collect(),
        "larger-than" => ["1k", "10k", "100k", "1m"].map(String::from).to_vec(),
        "slower-than" => ["1ms", "5ms", "100ms", "1s"].map(String::from).to_vec(),
        _ => Vec::new(),
    };
    let typed_lower = typed.to_lowercase();
    let mut starting: Vec<&String> = Vec::new();
    let mut containing: Vec<&String> = Vec::new();
    for value in &values {
        let lower = value.to_lowercase();
        if lower == typed_lower {
            // Already complete.
            return Vec::new();
        }
        if lower.starts_with(&typed_lower) {
            starting.push(value);
        } else if key == "channel" && lower.contains(&typed_lower) {
            containing.push(value);
        }
    }
    starting
        .into_iter()
        .chain(containing)
        .take(MAX)
        .map(|value| Completion {
            label: format!("{dash}{key}:{value}"),
            query: format!("{before}{dash}{key}:{value} "),
        })
        .collect()
}

#[cfg(test)]
mod tests;
