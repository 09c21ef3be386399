//! The query typed in the filter box: its words, regex and `key:value` terms, parsed once,
//! then matched against each row.

use memchr::memmem::Finder;
use regex::{Regex, RegexBuilder};

use super::{Problem, Row, RowKind, State, KEYS};
use crate::journal::Kind;

/// The parsed query: its terms, cheapest first, and what could not be parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    terms: Vec<Term>,
    pub(super) problems: Vec<Problem>,
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
    pub(super) fn parse(input: &str) -> Query {
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

    pub(super) fn matches(&self, row: &Row) -> bool {
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
pub(super) fn bytes(value: &str) -> Option<u64> {
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
pub(super) fn micros(value: &str) -> Option<u64> {
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

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
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
pub(super) fn tokens(input: &str) -> Vec<Token> {
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
