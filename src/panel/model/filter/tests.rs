//! The filter language: how a query is split and parsed, which rows each term keeps, what a bad
//! term says, and what the completion offers.

use serde_json::{json, Value};

use super::facts::json_size;
use super::query::{bytes, micros, tokens, Token};
use super::*;
use crate::journal::{Journal, Kind};
use crate::panel::model::Model;

fn model(list: &[(&str, Value)]) -> Model {
    let journal = Journal::new();
    for (kind, fields) in list {
        journal.append(Kind::parse(kind).expect("a journal kind"), fields.clone());
    }
    let mut model = Model::new();
    model.ingest(journal.slice(0..usize::MAX));
    model
}

/// The seqs of the rows `query` shows.
fn shown(model: &mut Model, query: &str) -> Vec<u64> {
    model.set_filter(Filter {
        text: query.into(),
        ..Filter::default()
    });
    (0..model.shown())
        .filter_map(|n| model.visible_row(n).map(|(_, r)| r.seq))
        .collect()
}

/// A small session with one of everything the terms ask about.
fn session() -> Model {
    model(&[
        // 1: answered slowly, with a big result.
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 1, "ok": true,
                   "result": "x".repeat(20_000), "durationUs": 12_000}),
        ),
        // 3: never answered.
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["b.txt"], "webContentsId": 2}),
        ),
        // 4: heard by one listener.
        (
            "send",
            json!({"channel": "test-call", "args": ["Hello 你好"], "webContentsId": 1, "listeners": 1}),
        ),
        // 5: a push nobody listened to.
        (
            "push",
            json!({"channel": "testMsg", "args": [1], "webContentsId": 1, "listeners": 0}),
        ),
        // 6: fired from the panel, held at a breakpoint on the way.
        (
            "push",
            json!({"channel": "testMsg", "args": [2], "webContentsId": 1, "listeners": 1,
                   "origin": "panel", "held": true}),
        ),
        // 7: a replay of 1, rejected.
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1, "replayOf": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 7, "ok": false,
                   "error": "Error: gone", "durationUs": 300}),
        ),
        // 9: dropped by a fault.
        (
            "send",
            json!({"channel": "test-call", "args": ["x"], "webContentsId": 1, "listeners": 0,
                   "fault": {"dropped": true}}),
        ),
        // 10: main's console.
        (
            "console",
            json!({"process": "main", "level": "log", "text": "main got it"}),
        ),
    ])
}

#[test]
fn channel_terms_keep_or_drop_a_channel_and_a_star_takes_a_prefix() {
    let mut m = session();
    assert_eq!(shown(&mut m, "channel:testMsg"), [5, 6]);
    assert_eq!(shown(&mut m, "-channel:readFileEvent"), [4, 5, 6, 9, 10]);
    assert_eq!(shown(&mut m, "channel:test*"), [4, 5, 6, 9]);
    // Channel names are case-sensitive, as in Electron.
    assert!(shown(&mut m, "channel:testmsg").is_empty());
}

#[test]
fn is_terms_find_pending_error_lost_held_replayed_and_panel_rows() {
    let mut m = session();
    assert_eq!(shown(&mut m, "is:pending"), [3]);
    assert_eq!(shown(&mut m, "is:error"), [7]);
    assert_eq!(shown(&mut m, "is:lost"), [5, 9]);
    assert_eq!(shown(&mut m, "is:held"), [6]);
    assert_eq!(shown(&mut m, "is:replayed"), [7]);
    assert_eq!(shown(&mut m, "is:panel"), [6]);
    assert_eq!(shown(&mut m, "-is:pending kind:invoke"), [1, 7]);
}

#[test]
fn window_kind_size_and_time_terms() {
    let mut m = session();
    assert_eq!(shown(&mut m, "window:2"), [3]);
    assert_eq!(shown(&mut m, "window:#2"), [3]);
    assert_eq!(shown(&mut m, "kind:push"), [5, 6]);
    // The journal's own names work too.
    assert_eq!(shown(&mut m, "kind:invoke-result"), [1, 3, 7]);
    assert_eq!(shown(&mut m, "kind:console"), [10]);
    // The result of 1 is 20,000 bytes.
    assert_eq!(shown(&mut m, "larger-than:10k"), [1]);
    assert!(shown(&mut m, "larger-than:1m").is_empty());
    assert_eq!(shown(&mut m, "slower-than:5ms"), [1]);
    assert_eq!(shown(&mut m, "slower-than:100us"), [1, 7]);
    assert_eq!(shown(&mut m, "slower-than:1s"), Vec::<u64>::new());
}

#[test]
fn a_regex_and_plain_words_search_the_args_whatever_their_case() {
    let mut m = session();
    assert_eq!(shown(&mut m, r"/[ab]\.txt/"), [1, 3, 7]);
    assert_eq!(shown(&mut m, "/^\\[\"b/"), [3]);
    assert_eq!(shown(&mut m, "-/txt/ kind:send"), [4, 9]);
    assert_eq!(shown(&mut m, "/hello 你/"), [4]);
    assert_eq!(shown(&mut m, "hello 你好"), [4]);
    assert_eq!(shown(&mut m, "\"a.txt\" -is:replayed"), [1]);
    assert_eq!(shown(&mut m, "MAIN GOT"), [10]);
}

#[test]
fn terms_combine_with_and_and_with_the_kind_toggles() {
    let mut m = session();
    assert_eq!(
        shown(&mut m, "channel:readFileEvent window:1 -is:error"),
        [1]
    );
    m.set_filter(
        Filter {
            text: "channel:testMsg".into(),
            ..Filter::default()
        }
        .only(&[RowKind::Send]),
    );
    assert_eq!(m.shown(), 0);
}

#[test]
fn a_bad_term_says_what_is_wrong_and_the_rest_still_filter() {
    let mut m = session();
    assert_eq!(shown(&mut m, "/a(/ channel:testMsg"), [5, 6]);
    match m.filter().problems() {
        [Problem::BadRegex { pattern, reason }] => {
            assert_eq!(pattern, "a(");
            assert!(reason.contains("unclosed"), "{reason}");
        }
        other => panic!("expected a bad regex, got {other:?}"),
    }
    shown(
        &mut m,
        "chanel:testMsg is:nope window:x larger-than:big slower-than:soon",
    );
    assert_eq!(
        m.filter().problems(),
        [
            Problem::UnknownKey("chanel".into()),
            Problem::BadValue {
                key: "is",
                value: "nope".into()
            },
            Problem::BadValue {
                key: "window",
                value: "x".into()
            },
            Problem::BadValue {
                key: "larger-than",
                value: "big".into()
            },
            Problem::BadValue {
                key: "slower-than",
                value: "soon".into()
            },
        ]
    );
    // A key still being typed is no problem, and keeps every row (two results share their
    // invoke's row).
    assert_eq!(shown(&mut m, "channel:").len(), 8);
    assert!(m.filter().problems().is_empty());
}

#[test]
fn quotes_and_urls_are_text_not_terms() {
    assert_eq!(
        tokens(r#"channel:"my channel" "is:x" http://a.b -/a b/ -x"#),
        [
            Token::Term {
                key: "channel".into(),
                value: "my channel".into(),
                negated: false
            },
            Token::Word("is:x".into()),
            Token::Word("http://a.b".into()),
            Token::Regex {
                pattern: "a b".into(),
                negated: true
            },
            Token::Word("-x".into()),
        ]
    );
    // A slash inside a regex, escaped, does not end it.
    assert_eq!(
        tokens(r"/a\/b/"),
        [Token::Regex {
            pattern: r"a\/b".into(),
            negated: false
        }]
    );
}

#[test]
fn sizes_and_durations_read_their_units() {
    assert_eq!(bytes("500"), Some(500));
    assert_eq!(bytes("10k"), Some(10_240));
    assert_eq!(bytes("1.5MB"), Some(1_572_864));
    assert_eq!(bytes("-1"), None);
    assert_eq!(micros("5ms"), Some(5_000));
    assert_eq!(micros("5"), Some(5_000));
    assert_eq!(micros("250us"), Some(250));
    assert_eq!(micros("1.5s"), Some(1_500_000));
    assert_eq!(micros("fast"), None);
    // A value kept only as a preview counts as the length it had.
    assert_eq!(
        json_size(&json!([{"$type": "Truncated", "type": "String", "length": 5000, "value": "x"}])),
        5003
    );
}

#[test]
fn completion_offers_keys_then_the_channels_seen() {
    let channels = ["readFileEvent", "test-call", "testMsg"];
    let complete = |q: &str| {
        completions(q, channels.iter().copied(), [1, 2].into_iter())
            .into_iter()
            .map(|c| c.query)
            .collect::<Vec<_>>()
    };
    assert_eq!(complete("ch"), ["channel:"]);
    assert_eq!(complete("is:pending -c"), ["is:pending -channel:"]);
    assert_eq!(
        complete("channel:te"),
        ["channel:test-call ", "channel:testMsg "]
    );
    // Containing, after starting with.
    assert_eq!(complete("-channel:file"), ["-channel:readFileEvent "]);
    assert_eq!(complete("is:l"), ["is:lost "]);
    assert_eq!(complete("window:"), ["window:1 ", "window:2 "]);
    assert_eq!(complete("kind:sendS"), ["kind:sendSync "]);
    // Complete already, or not a term: nothing to offer.
    assert!(complete("channel:testMsg").is_empty());
    assert!(complete("/re").is_empty());
    assert_eq!(complete("").len(), KEYS.len());
}

/// Run by `make bench`: each term of the language over 1,000,000 rows; a figure, never a
/// timed assertion.
#[test]
#[ignore]
fn filter_language_on_a_million_rows() {
    let journal = Journal::new();
    for i in 0..1_000_000u64 {
        match i % 4 {
            0 => journal.append(Kind::Send, json!({"channel": "test-call", "args": [format!("消息 {i}")], "webContentsId": 1, "listeners": 1})),
            1 => journal.append(Kind::Invoke, json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1})),
            2 => journal.append(Kind::InvokeResult, json!({"channel": "readFileEvent", "webContentsId": 1, "ref": i, "ok": true, "result": "text", "durationUs": i % 10_000})),
            _ => journal.append(Kind::Push, json!({"channel": "testMsg", "args": [i], "webContentsId": 2, "listeners": u64::from(i % 8 != 3)})),
        };
    }
    // Every row kept: the worst case the panel may be given.
    let mut m = Model::with_cap(1_000_000);
    m.ingest(journal.slice(0..usize::MAX));
    for query in [
        "channel:readFileEvent",
        "-channel:test-call window:2",
        "is:lost",
        "kind:invoke slower-than:5ms",
        "larger-than:10",
        r#"/消息 4+"/"#,
        "/(a|b)c+d/",
        "消息 99999",
    ] {
        let start = std::time::Instant::now();
        m.set_filter(Filter {
            text: query.into(),
            ..Filter::default()
        });
        eprintln!(
            "filter {query:?}: {:?}, {} shown",
            start.elapsed(),
            m.shown()
        );
    }
    m.set_filter(Filter::default());
    assert_eq!(m.shown(), 750_000);
}
