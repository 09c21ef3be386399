//! Fuzzing what ipcscope reads from others: a page's frames (`core::page_frame::parse`), a
//! renderer's lines (`wire`), encoded values shown to people (`value::preview`), and saved
//! journals (`journal::parse_jsonl`, and what replay takes from them).
//!
//! A small mutation fuzzer: seeds are frames as the shim posts them and journal lines as
//! `--record` writes them; each case applies a few mutations (bytes changed, JSON tokens and
//! tags inserted, ranges cut, repeated, spliced from another seed, wrapped thousands of levels
//! deep), and encoded values are also generated from the tag grammar. Every target must answer
//! without panicking and keep its promises (a parsed frame has array args, a preview stays
//! within its length on one line, a journal read back reads the same again). Each target runs
//! on a stack no larger than the thread that runs it in ipcscope, so a recursion the code does
//! not bound is a crash here too.
//!
//! `cargo test` runs a few thousand cases per target; the long run is
//! `cargo test --release -- --ignored fuzz` (cases per target from IPCSCOPE_FUZZ_CASES, default
//! 1,000,000; IPCSCOPE_FUZZ_SEED picks another sequence).

use serde_json::{json, Value};

use crate::core::page_frame::{self, FromPage};
use crate::journal;
use crate::value::{preview, Tag};
use crate::wire;

/// SplitMix64: small, fast and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Frames as the shim posts them (`shimStamp` adds k, p and n).
const FRAME_SEEDS: &[&str] = &[
    r#"{"t":"send","channel":"test-call","args":["你好"],"k":"tok","p":"pg1","n":1}"#,
    r#"{"t":"invoke","id":3,"channel":"readFileEvent","args":["a.txt"],"k":"tok","p":"pg1","n":2}"#,
    r#"{"t":"sendSync","channel":"sync","args":[{"a":[1,2,{"$type":"undefined"}]}],"k":"tok","p":"pg1","n":3}"#,
    r#"{"t":"listener","op":"on","channel":"testMsg","k":"tok","p":"pg1","n":4}"#,
    r#"{"t":"listener","op":"removeAllListeners","channel":"c","k":"tok","p":"pg1","n":5}"#,
    r#"{"t":"exposed","key":"api","api":{"send":{"$type":"Function","name":"send"}},"k":"tok","p":"pg1","n":6}"#,
    r#"{"t":"console","level":"warn","text":"hello\nworld","k":"tok","p":"pg1","n":7}"#,
    r#"{"t":"error","text":"Uncaught TypeError: x is not a function","k":"tok","p":"pg1","n":8}"#,
    r#"{"t":"send","channel":"values","args":[{"$type":"Map","entries":[["k",{"$type":"Set","values":[1]}]]},{"$type":"Array","length":5,"entries":[[0,1],[3,"x"],["foo","bar"]]},{"$type":"Shared","id":1,"value":{"self":{"$type":"Ref","id":1}}},{"$type":"Uint8Array","base64":"AQID"},{"$type":"Number","value":"-0"},{"$type":"BigInt","value":"123"},{"$type":"Date","value":"2020-01-01T00:00:00.000Z"},{"$type":"RegExp","source":"a+","flags":"g"},{"$type":"Error","name":"TypeError","message":"m"},{"$type":"Object","value":{"$type":"x"}}],"k":"tok","p":"pg1","n":9}"#,
    r#"{"t":"invoke","id":"7","channel":"\ud800 lone","args":["a\ud83d\ude00b"],"k":"tok","p":"pg2","n":1}"#,
];

/// Journal lines as `--record` writes them.
const JOURNAL_SEED: &str = r#"{"seq":1,"time":"2026-11-24T09:30:01.100000Z","kind":"lifecycle","event":"ready"}
{"seq":2,"time":"2026-11-24T09:30:01.100100Z","kind":"listener","process":"main","op":"handle","channel":"readFileEvent","initiator":{"file":"main.js","line":4,"column":11}}
{"seq":3,"time":"2026-11-24T09:30:01.120000Z","kind":"lifecycle","event":"created","webContentsId":1}
{"seq":4,"time":"2026-11-24T09:30:01.121000Z","kind":"send","channel":"test-call","args":["你好"],"webContentsId":1,"listeners":1}
{"seq":5,"time":"2026-11-24T09:30:01.123456Z","kind":"invoke","channel":"readFileEvent","args":["a.txt"],"webContentsId":1}
{"seq":6,"time":"2026-11-24T09:30:01.124000Z","kind":"console","process":"main","level":"log","text":"read a.txt"}
{"seq":7,"time":"2026-11-24T09:30:01.125012Z","kind":"invoke-result","channel":"readFileEvent","webContentsId":1,"ref":5,"ok":true,"result":"这是 a.txt 的内容 ...","durationUs":1556}
{"seq":8,"time":"2026-11-24T09:30:01.126000Z","kind":"send-sync","channel":"sync","args":[1],"webContentsId":1}
{"seq":9,"time":"2026-11-24T09:30:01.127000Z","kind":"send-sync-result","channel":"sync","webContentsId":1,"ref":8,"result":{"$type":"undefined"},"durationUs":9}
{"seq":10,"time":"2026-11-24T09:30:01.128000Z","kind":"invoke","channel":"get","args":[],"webContentsId":1}
{"seq":11,"time":"2026-11-24T09:30:01.129000Z","kind":"invoke-result","channel":"get","webContentsId":1,"ref":10,"ok":false,"error":"Error invoking remote method 'get': Error: No handler registered for 'get'","durationUs":20}
{"seq":12,"time":"2026-11-24T09:30:01.130000Z","kind":"push","channel":"testMsg","args":[{"$type":"Map","entries":[[1,2]]}],"webContentsId":1,"listeners":1,"origin":"panel"}
{"seq":13,"time":"2026-11-24T09:30:01.131000Z","kind":"reply","channel":"pong","args":[42],"webContentsId":1,"ref":4,"replayOf":4}
{"seq":14,"time":"2026-11-24T09:30:01.132000Z","kind":"error","text":"Uncaught ReferenceError: x is not defined"}
{"seq":15,"time":"2026-11-24T09:30:01.133000Z","kind":"lifecycle","event":"quit","exitCode":0}
"#;

/// Renderer lines: control frames and page frames.
const LINE_SEEDS: &[&str] = &[
    r#"C {"t":"ready","wc":1}"#,
    r#"C {"t":"loaded","url":"file:///lab/index.html"}"#,
    r#"C {"t":"sync","id":7,"body":"{\"a\":\"你好\\n\"}"}"#,
    r#"P {"t":"send","channel":"c","args":[],"k":"tok","p":"pg","n":1}"#,
];

/// Tokens that tend to break parsers and the code behind them.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-1",
    "0.5",
    "1e400",
    "-1e400",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\"",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u0000\"",
    "\"\u{2028}\"",
    "\"$type\"",
    "{\"$type\":\"undefined\"}",
    "{\"$type\":\"Array\",\"length\":18446744073709551615,\"entries\":[[18446744073709551615,1]]}",
    "{\"$type\":\"Array\",\"length\":3,\"entries\":[[5,1],[\"x\",2],[1,3]]}",
    "{\"$type\":\"Shared\",\"id\":1,\"value\":{\"$type\":\"Ref\",\"id\":1}}",
    "{\"$type\":\"Map\",\"entries\":[[1]]}",
    "{\"$type\":\"Uint8Array\",\"base64\":\"=\"}",
    "{\"$type\":\"Float64Array\",\"base64\":\"\"}",
    "{\"$type\":\"Number\",\"value\":5}",
    "\"t\":\"send\"",
    "\"t\":\"invoke\"",
    "\"t\":\"sendSync\"",
    "\"t\":\"listener\"",
    "\"op\":\"off\"",
    "\"k\":\"tok\"",
    "\"n\":18446744073709551615",
    "\"n\":-1",
    "\"args\":",
    "\"args\":{}",
    "\"channel\":5",
    "\"seq\":0",
    "\"seq\":1",
    "\"kind\":\"invoke-result\"",
    "\"ref\":",
    "\"webContentsId\":4294967296",
    "\"ok\":",
    "\n",
    "\r\n",
    "\u{feff}",
    "é",
    "😀",
];

fn mutate(rng: &mut Rng, seeds: &[&str], input: &mut Vec<u8>) {
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match rng.below(9) {
        0 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] = rng.next() as u8;
        }
        1 | 2 => {
            let token = rng.pick(TOKENS).as_bytes();
            let i = at(rng, input.len());
            input.splice(i..i, token.iter().copied());
        }
        3 if !input.is_empty() => {
            let start = rng.below(input.len());
            let end = (start + 1 + rng.below(16)).min(input.len());
            input.drain(start..end);
        }
        4 if !input.is_empty() => {
            let start = rng.below(input.len());
            let end = (start + 1 + rng.below(64)).min(input.len());
            let copy = input[start..end].to_vec();
            let most = if rng.chance(20) { 2000 } else { 4 };
            let times = 1 + rng.below(most);
            let i = at(rng, input.len());
            input.splice(i..i, copy.iter().copied().cycle().take(copy.len() * times));
        }
        5 => {
            let other = rng.pick(seeds).as_bytes();
            let start = rng.below(other.len().max(1));
            let end = (start + rng.below(80)).min(other.len());
            let i = at(rng, input.len());
            input.splice(i..i, other[start..end].iter().copied());
        }
        6 if !input.is_empty() => {
            // Wrap a range in brackets, up to far past what a frame may nest.
            let start = rng.below(input.len());
            let end = start + rng.below(input.len() - start + 1);
            let levels = *rng.pick(&[1, 2, 127, 128, 129, 1000, 4099, 4100, 4101, 6000]);
            let (open, close) = if rng.chance(2) {
                ("[", "]")
            } else {
                ("{\"a\":", "}")
            };
            let inner = input[start..end].to_vec();
            let wrapped = [
                open.repeat(levels).as_bytes(),
                &inner,
                close.repeat(levels).as_bytes(),
            ]
            .concat();
            input.splice(start..end, wrapped);
        }
        7 if !input.is_empty() => {
            input.truncate(rng.below(input.len()));
        }
        _ => {
            // Swap a digit run for an extreme number.
            let numbers = ["18446744073709551615", "-1", "1e309", "4294967296", "0"];
            if let Some(i) = input.iter().position(u8::is_ascii_digit) {
                let end = input[i..]
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .map_or(input.len(), |n| i + n);
                input.splice(i..end, rng.pick(&numbers).bytes());
            }
        }
    }
}

fn mutated(rng: &mut Rng, seeds: &[&str]) -> String {
    let mut input = rng.pick(seeds).as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate(rng, seeds, &mut input);
    }
    String::from_utf8_lossy(&input).into_owned()
}

/// An encoded value from the tag grammar, well-formed or slightly not.
fn value(rng: &mut Rng, depth: usize) -> Value {
    let leaf = depth == 0 || rng.chance(3);
    let number = |rng: &mut Rng| -> Value {
        match rng.below(6) {
            0 => json!(u64::MAX),
            1 => json!(-1),
            2 => json!(rng.next() % 10),
            3 => json!(0.5),
            4 => json!(i64::MIN),
            _ => json!(rng.next()),
        }
    };
    if leaf {
        return match rng.below(6) {
            0 => Value::Null,
            1 => json!(rng.chance(2)),
            2 => number(rng),
            3 => json!(*rng.pick(&["", "x", "\u{0}\n\"", "😀é", "\u{2028}"])),
            4 => json!({"$type": "undefined"}),
            _ => json!({"$type": rng.pick(Tag::ALL).name()}),
        };
    }
    let child = |rng: &mut Rng| value(rng, depth - 1);
    let tag = rng.pick(Tag::ALL);
    match rng.below(4) {
        0 => Value::Array((0..rng.below(4)).map(|_| child(rng)).collect()),
        1 => json!({"a": child(rng), "$type": child(rng)}),
        _ => match tag {
            Tag::Array => {
                let entries: Vec<Value> = (0..rng.below(4))
                    .map(|_| {
                        let key = if rng.chance(3) {
                            json!("k")
                        } else {
                            number(rng)
                        };
                        json!([key, child(rng)])
                    })
                    .collect();
                json!({"$type": "Array", "length": number(rng), "entries": entries})
            }
            Tag::Map => {
                json!({"$type": "Map", "entries": [[child(rng), child(rng)], [child(rng)]]})
            }
            Tag::Set => json!({"$type": "Set", "values": [child(rng), child(rng)]}),
            Tag::Shared => json!({"$type": "Shared", "id": number(rng), "value": child(rng)}),
            Tag::Ref => json!({"$type": "Ref", "id": number(rng)}),
            Tag::Object => json!({"$type": "Object", "value": child(rng)}),
            Tag::Error => json!({"$type": "Error", "name": child(rng), "message": "m"}),
            Tag::Date => json!({"$type": "Date", "value": child(rng)}),
            tag => {
                let base64 = *rng.pick(&["", "=", "==", "AQID", "AAAAAAAAAAA=", "%%%"]);
                json!({"$type": tag.name(), "value": child(rng), "base64": base64, "source": "s", "flags": "g"})
            }
        },
    }
}

/// A value wrapped in `levels` of one tag that nests: what a forged frame may hold, up to the
/// depth a frame may have. Built by moving each level into the next (`json!` would copy it).
fn nested_tag(rng: &mut Rng, levels: usize) -> Value {
    fn object(fields: Vec<(&str, Value)>) -> Value {
        Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
    let tagged = |tag: &str, key: &str, inner: Value| {
        object(vec![
            ("$type", json!(tag)),
            ("id", json!(1)),
            ("length", json!(2)),
            (key, inner),
        ])
    };
    let mut v = json!(1);
    let tag = *rng.pick(&["Shared", "Object", "Set", "Map", "Array", "plain"]);
    for _ in 0..levels {
        v = match tag {
            "Shared" => tagged("Shared", "value", v),
            "Object" => tagged("Object", "value", object(vec![("a", v)])),
            "Set" => tagged("Set", "values", Value::Array(vec![v])),
            "Map" => tagged(
                "Map",
                "entries",
                Value::Array(vec![Value::Array(vec![json!(1), v])]),
            ),
            "Array" => tagged(
                "Array",
                "entries",
                Value::Array(vec![Value::Array(vec![json!(1), v])]),
            ),
            _ => Value::Array(vec![v]),
        };
    }
    v
}

fn check_frame(input: &str) {
    let Ok(parsed) = page_frame::parse(input) else {
        return;
    };
    // Not checked: that the whole input is JSON serde_json would build a Value of. A field the
    // frame ignores is skipped unread, so `"x":1e309` there is taken (JSON.stringify never
    // writes it; nothing reads it).
    if let FromPage::Send { args, .. }
    | FromPage::SendSync { args, .. }
    | FromPage::Invoke { args, .. } = &parsed.frame.message
    {
        assert!(args.is_array(), "args that are not an array: {input}");
    }
}

fn check_line(input: &str) {
    let _ = wire::parse_from_renderer(input);
    let _ = wire::parse_to_renderer(input.to_string());
}

fn check_preview(value: &Value) {
    for max in [0, 1, 2, 40, 200, usize::MAX] {
        let shown = preview(value, max);
        assert!(shown.chars().count() <= max, "{max}: {shown}");
        assert!(!shown.contains('\n'), "{shown}");
    }
}

fn check_journal(input: &str) {
    let Ok(entries) = journal::parse_jsonl(input) else {
        return;
    };
    for entry in &entries {
        assert!(entry["seq"].is_u64() && entry["kind"].is_string());
    }
    // What was read reads back once written again, value for value (floats too: serde_json's
    // float_roundtrip keeps every double exact).
    let text: String = entries
        .iter()
        .map(|e| serde_json::to_string(e).unwrap() + "\n")
        .collect();
    let again = journal::parse_jsonl(&text).unwrap_or_else(|e| panic!("{e}: {input}"));
    assert_eq!(again, entries, "{input}");
    // And what replay takes from it is there to take.
    for message in crate::replay::recorded_messages(&entries) {
        assert!(message.args.is_array());
        let _ = crate::replay::difference(&message, None);
    }
}

/// Stack of the thread each target runs on in ipcscope: page frames and renderer lines on the
/// main.js thread (core::MAIN_THREAD_STACK, 64 MB); journals and previews on the main thread or
/// the panel's (8 MB). Previews get far less: they stop descending at 64 levels, however deep
/// the value, so a small stack must do.
const FRAME_STACK: usize = 64 << 20;
const MAIN_STACK: usize = 8 << 20;
const PREVIEW_STACK: usize = 512 << 10;

fn on_stack(stack: usize, work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(work)
        .unwrap()
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

fn fuzz_frames(seed: u64, cases: usize) {
    on_stack(FRAME_STACK, move || {
        let mut rng = Rng(seed);
        for _ in 0..cases {
            let input = mutated(&mut rng, FRAME_SEEDS);
            check_frame(&input);
            check_line(&format!("P {input}"));
            check_line(&format!("C {input}"));
        }
        let line_seeds: Vec<&str> = LINE_SEEDS.to_vec();
        for _ in 0..cases / 4 {
            check_line(&mutated(&mut rng, &line_seeds));
        }
    });
}

fn fuzz_values(seed: u64, cases: usize) {
    // Values are made (and frames parsed) on a frame-sized stack, and previewed on a small one.
    let (made, to_preview) = std::sync::mpsc::sync_channel::<Value>(64);
    let previews = std::thread::Builder::new()
        .stack_size(PREVIEW_STACK)
        .spawn(move || {
            for value in to_preview {
                check_preview(&value);
                drop_iteratively(value);
            }
        })
        .unwrap();
    on_stack(FRAME_STACK, move || {
        let mut rng = Rng(seed);
        for case in 0..cases {
            let value = if case % 50 == 49 {
                let levels = *rng.pick(&[65, 500, 1400]);
                nested_tag(&mut rng, levels)
            } else if rng.chance(2) {
                let depth = 1 + rng.below(6);
                value(&mut rng, depth)
            } else {
                // Values out of mutated frames: their args, as the panel shows them.
                let input = mutated(&mut rng, FRAME_SEEDS);
                match wire::parse_deep_json::<Value>(&input) {
                    Ok((frame, _)) => frame.get("args").cloned().unwrap_or(frame),
                    Err(_) => continue,
                }
            };
            if made.send(value).is_err() {
                break;
            }
        }
    });
    previews
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

/// Drops a value without recursing as deep as it nests (serde_json's drop recurses), so a
/// deep value built for a small stack does not overflow it on the way out.
fn drop_iteratively(value: Value) {
    let mut stack = vec![value];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            Value::Array(items) => stack.append(items),
            Value::Object(map) => stack.extend(std::mem::take(map).into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn fuzz_journals(seed: u64, cases: usize) {
    let lines: Vec<&'static str> = JOURNAL_SEED.lines().collect();
    on_stack(MAIN_STACK, move || {
        let mut rng = Rng(seed);
        for _ in 0..cases {
            // A few lines of a journal, one or two of them mutated.
            let start = rng.below(lines.len());
            let mut text = String::new();
            for (i, line) in lines[start..].iter().take(1 + rng.below(6)).enumerate() {
                if i == 0 || rng.chance(3) {
                    text.push_str(&mutated(&mut rng, &lines));
                } else {
                    text.push_str(line);
                }
                text.push('\n');
            }
            check_journal(&text);
        }
        check_journal(JOURNAL_SEED);
    });
}

/// Cases per target for `cargo test`: a few seconds in all, in a debug build.
const BRIEF: usize = 10_000;

#[test]
fn fuzz_page_frames_and_renderer_lines_briefly() {
    fuzz_frames(1, BRIEF);
}

#[test]
fn fuzz_value_previews_briefly() {
    fuzz_values(2, BRIEF);
}

#[test]
fn fuzz_journal_reader_briefly() {
    fuzz_journals(3, BRIEF);
}

/// `cargo test --release -- --ignored fuzz`: the long run, each target on its own thread.
#[test]
#[ignore = "long: run with cargo test --release -- --ignored fuzz"]
fn fuzz_long_run() {
    let cases: usize = std::env::var("IPCSCOPE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("IPCSCOPE_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x01b5_c09e);
    let started = std::time::Instant::now();
    let runs = [
        std::thread::spawn(move || fuzz_frames(seed, cases)),
        std::thread::spawn(move || fuzz_values(seed ^ 1, cases)),
        std::thread::spawn(move || fuzz_journals(seed ^ 2, cases)),
    ];
    for run in runs {
        run.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    }
    println!(
        "fuzz: {cases} cases each of page frames (plus {} renderer lines), values and journals, seed {seed}, no crash, in {:.0?}",
        cases / 4,
        started.elapsed()
    );
}

/// Found by this fuzzer: `preview` with no length limit (`usize::MAX`) overflowed computing
/// its room and panicked.
#[test]
fn fuzz_regression_a_preview_without_a_length_limit() {
    assert_eq!(preview(&json!([1, "x"]), usize::MAX), "[1, \"x\"]");
}

/// Found by this fuzzer: a `Shared` tag did not count as a level, so Shared wrapped in Shared
/// a thousand times deep recursed past the preview's 64-level cap and overflowed its stack.
#[test]
fn fuzz_regression_shared_tags_count_toward_the_preview_depth_cap() {
    on_stack(PREVIEW_STACK, || {
        let mut rng = Rng(0);
        let value = loop {
            let value = nested_tag(&mut rng, 4000);
            if value["$type"] == "Shared" {
                break value;
            }
            drop_iteratively(value);
        };
        let shown = preview(&value, usize::MAX);
        assert!(shown.starts_with("<ref *1> <ref *1> "), "{shown}");
        assert!(shown.ends_with("…"), "cut at the depth cap: {shown}");
        drop_iteratively(value);
    });
}

/// Found by this fuzzer: the texts inside tags (an Error's name and message, a RegExp's
/// source, a Date, a Number or BigInt's digits) were shown as they came, so a forged one with
/// a line break broke the one-line preview (a log row of the panel).
#[test]
fn fuzz_regression_tag_texts_stay_on_one_line() {
    let forged = json!([
        {"$type": "Error", "name": "Type\nError", "message": "line 1\nline 2"},
        {"$type": "RegExp", "source": "a\nb", "flags": "\r"},
        {"$type": "Date", "value": "2020\n"},
        {"$type": "Number", "value": "Na\nN"},
        {"$type": "BigInt", "value": "1\u{2028}2"},
    ]);
    assert_eq!(
        preview(&forged, 200),
        "[Type\\nError: line 1\\nline 2, /a\\nb/\\r, Date(2020\\n), Na\\nN, 1\\u20282n]"
    );
}

/// Found by this fuzzer: a forged sparse array with an entry at index 2^64 - 1 overflowed
/// counting the holes after it (a panic in a debug build, a wrong preview in release).
#[test]
fn fuzz_regression_a_sparse_entry_at_the_largest_index() {
    let forged = json!({"$type": "Array", "length": 3, "entries": [[u64::MAX, "x"], [1, "y"]]});
    assert_eq!(
        preview(&forged, 200),
        "[<18446744073709551615 empty items>, \"x\", \"y\"]"
    );
}
