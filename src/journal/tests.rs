use std::path::PathBuf;

use super::*;

#[test]
fn seq_counts_up_from_one_and_fields_are_kept() {
    let journal = Journal::new();
    let a = journal.append(Kind::Send, json!({"channel": "c", "args": ["你好"]}));
    let b = journal.append(
        Kind::Console,
        json!({"process": "main", "level": "log", "text": "x"}),
    );
    assert_eq!((a, b), (1, 2));
    let entries = journal.slice(0..usize::MAX);
    assert_eq!(entries[0]["kind"], "send");
    assert_eq!(entries[0]["args"], json!(["你好"]));
    assert_eq!(entries[1]["seq"], 2);
    assert_eq!(journal.slice(1..9).len(), 1);
    assert!(journal.slice(5..9).is_empty());
}

#[test]
fn a_saved_journal_reads_back_and_other_files_are_refused_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.jsonl");
    let journal = Journal::new();
    journal.append(Kind::Send, json!({"channel": "a", "args": ["你好"]}));
    journal.append(Kind::Invoke, json!({"channel": "b", "args": []}));
    let entries = journal.slice(0..usize::MAX);
    write_jsonl(&path, entries.iter().map(|e| e.as_ref())).unwrap();
    let back = read_jsonl(&path).unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0]["args"], json!(["你好"]));
    assert_eq!(journal.get(2).unwrap()["channel"], "b");
    assert!(journal.get(0).is_none() && journal.get(3).is_none());

    let bad = parse_jsonl("{\"seq\":1,\"kind\":\"send\"}\n[1,2]\n").unwrap_err();
    assert_eq!(
        bad.to_string(),
        "not an ipcscope journal: line 2 is not a JSON object"
    );
    let bad = parse_jsonl("{\"name\":\"x\"}").unwrap_err();
    assert_eq!(
        bad.to_string(),
        "not an ipcscope journal: line 1 has no numeric \"seq\" and string \"kind\""
    );
    assert!(matches!(
        read_jsonl(&dir.path().join("missing.jsonl")),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn time_is_rfc3339_utc_with_microseconds() {
    let journal = Journal::new();
    journal.append(Kind::Lifecycle, json!({"event": "ready"}));
    let time = journal.slice(0..usize::MAX)[0]["time"]
        .as_str()
        .unwrap()
        .to_string();
    let parsed = chrono::DateTime::parse_from_rfc3339(&time).expect("valid RFC 3339");
    assert_eq!(parsed.offset().local_minus_utc(), 0);
    assert!(time.ends_with('Z'), "{time}");
    let fraction = time.rsplit('.').next().unwrap();
    assert_eq!(fraction.len(), "123456Z".len(), "{time}");
}

#[test]
fn record_file_gets_one_json_object_per_line_as_it_happens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::new();
    journal.record_to(&path).unwrap();
    journal.append(Kind::Send, json!({"channel": "a"}));
    // Readable while the journal lives, once flushed (the core flushes when idle).
    journal.flush();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 1);
    journal.append(Kind::Push, json!({"channel": "b", "listeners": 0}));
    journal.flush();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["kind"], "push");
    assert_eq!(lines[1]["listeners"], 0);
    assert_eq!(lines[1]["seq"], 2);
}

#[test]
fn entries_reach_the_record_file_without_anyone_flushing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::new();
    journal.record_to(&path).unwrap();
    journal.append(Kind::Invoke, json!({"channel": "busy", "args": []}));
    // Nobody calls flush (main.js is busy in a handler): the journal's own thread writes it.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&path).unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the entry never reached the file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(parse_jsonl(&text).unwrap()[0]["channel"], "busy");
}

#[test]
fn the_record_file_holds_whole_lines_only_at_every_moment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::new();
    journal.record_to(&path).unwrap();
    // Sizes around the write buffer's, so some entries straddle where it fills.
    for i in 0..200 {
        let text = "x".repeat((i * 997) % 20_000);
        journal.append(Kind::Send, json!({"channel": "c", "args": [text]}));
        let on_disk = std::fs::read(&path).unwrap();
        assert!(
            on_disk.is_empty() || on_disk.ends_with(b"\n"),
            "a half-written line after entry {i}"
        );
    }
    journal.flush();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(parse_jsonl(&text).unwrap().len(), 200);
}

#[test]
fn sealing_journals_quit_once_and_closes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::new();
    journal.record_to(&path).unwrap();
    journal.append(Kind::Invoke, json!({"channel": "spin", "args": []}));
    assert!(journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
    assert!(!journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
    journal.append(Kind::Console, json!({"text": "after the end"}));
    let entries = read_jsonl(&path).unwrap();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["invoke", "lifecycle"]);
    assert_eq!(entries[1]["reason"], "signal");

    // A run that journaled its own quit gets no second one.
    let other = dir.path().join("k.jsonl");
    let journal = Journal::new();
    journal.record_to(&other).unwrap();
    journal.append(Kind::Lifecycle, json!({"event": "quit", "exitCode": 0}));
    assert!(!journal.seal_with_quit(json!({"event": "quit", "reason": "signal"})));
    assert_eq!(read_jsonl(&other).unwrap().len(), 1);
}

#[test]
fn every_double_in_the_args_reads_back_exactly() {
    let doubles: [f64; 7] = [
        1.797_693_134_862_315_7e308,
        5e-324,
        2.225_073_858_507_201_4e-308,
        0.1,
        -123_456_789.123_456_78,
        8.720_064_154_738_148e207,
        1e23,
    ];
    let journal = Journal::new();
    journal.append(
        Kind::Send,
        json!({"channel": "c", "args": doubles, "webContentsId": 1}),
    );
    let text = serde_json::to_string(journal.get(1).unwrap().as_ref()).unwrap();
    let back = parse_jsonl(&text).unwrap();
    let read: Vec<f64> = back[0]["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    for (read, wrote) in read.iter().zip(doubles) {
        assert_eq!(
            read.to_bits(),
            wrote.to_bits(),
            "{wrote:e} came back as {read:e}"
        );
    }
}

#[test]
fn values_nested_past_serdes_default_limit_read_back() {
    let nested = |levels: usize| "[".repeat(levels) + "1" + &"]".repeat(levels);
    for levels in [126, 127, 128, 500, 4000] {
        let line = format!(
            r#"{{"seq":1,"kind":"invoke","channel":"deep","args":[{}],"webContentsId":1}}"#,
            nested(levels)
        );
        let entries = parse_jsonl(&line).unwrap_or_else(|e| panic!("{levels}: {e}"));
        assert!(entries[0]["args"][0].is_array());
    }
    let err = parse_jsonl(&format!(
        r#"{{"seq":1,"kind":"send","args":{}}}"#,
        nested(9000)
    ))
    .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("not an ipcscope journal: line 1 is not JSON (nested"));
}

#[test]
fn a_message_entry_of_the_wrong_shape_is_refused_with_its_line() {
    let good = r#"{"seq":1,"kind":"send","channel":"c","args":[],"webContentsId":1}"#;
    let refused = |second: &str| {
        parse_jsonl(&format!("{good}\n\n{second}\n"))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(r#"{"seq":2,"kind":"send","channel":5,"args":[]}"#),
        "not an ipcscope journal: line 3 is a send entry whose \"channel\" is 5, not a string"
    );
    assert_eq!(
        refused(r#"{"seq":2,"kind":"invoke","channel":"c","args":"notarray"}"#),
        "not an ipcscope journal: line 3 is a invoke entry whose \"args\" is \"notarray\", not an array"
    );
    assert_eq!(
        refused(r#"{"seq":2,"kind":"send-sync-result","channel":"c","result":1}"#),
        "not an ipcscope journal: line 3 is a send-sync-result entry with no \"ref\""
    );
    assert_eq!(
        refused(r#"{"seq":2,"kind":"push","channel":"c","args":[],"webContentsId":-1}"#),
        "not an ipcscope journal: line 3 is a push entry whose \"webContentsId\" is -1, not a window id"
    );
    assert_eq!(
        refused(r#"{"seq":2,"kind":"invoke-result","channel":"c","ref":"1","ok":true}"#),
        "not an ipcscope journal: line 3 is a invoke-result entry whose \"ref\" is \"1\", not a seq"
    );
    // Kinds without a channel, and kinds a later version may add, are taken as they are.
    let others = r#"{"seq":2,"kind":"console","process":"main","text":"x"}
{"seq":3,"kind":"something-new","channel":5}"#;
    assert_eq!(parse_jsonl(&format!("{good}\n{others}")).unwrap().len(), 3);
}

#[test]
fn recording_never_overwrites_a_file_that_is_not_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let main_js = file("main.js", "const { app } = require('electron')\n");
    let err = check_record_target(&main_js).unwrap_err();
    assert!(err.contains("is not an ipcscope journal"), "{err}");
    let short = file("short.txt", "{}");
    assert!(check_record_target(&short).is_err());
    for fine in [
        file(
            "old.jsonl",
            "{\"seq\":1,\"time\":\"t\",\"kind\":\"send\"}\n",
        ),
        file("empty.jsonl", ""),
        dir.path().join("new.jsonl"),
        PathBuf::from("/dev/null"),
    ] {
        assert_eq!(check_record_target(&fine), Ok(()), "{}", fine.display());
    }
}

#[test]
fn a_device_is_not_read_as_a_journal() {
    let err = read_jsonl(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read '/dev/zero': it is a device, not a journal file"
    );
}
