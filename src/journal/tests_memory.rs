//! The journal's memory: the cap, waiting requests kept, large values as previews read back in
//! full, let-go entries read back from the record file, and what is said when they cannot be.

use serde_json::json;

use super::*;

fn seqs(entries: &[Arc<Entry>]) -> Vec<u64> {
    entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect()
}

fn send(journal: &Journal, n: usize) -> u64 {
    journal.append(
        Kind::Send,
        json!({"channel": "flood", "args": [n], "webContentsId": 1, "listeners": 1}),
    )
}

#[test]
fn the_oldest_entries_are_let_go_first_and_indices_stay_the_same() {
    let journal = Journal::with_cap(3);
    for n in 0..5 {
        send(&journal, n);
    }
    assert_eq!(journal.len(), 5);
    assert_eq!(journal.let_go(), 2);
    assert_eq!(seqs(&journal.slice(0..usize::MAX)), [3, 4, 5]);
    // Indices are the journal's own (seq - 1): asking from where a reader stopped still works.
    assert_eq!(seqs(&journal.slice(3..usize::MAX)), [4, 5]);
    assert_eq!(seqs(&journal.slice(0..3)), [3]);
    assert!(journal.get(2).is_none());
    assert_eq!(journal.get(4).unwrap()["args"], json!([3]));
    assert_eq!(send(&journal, 5), 6, "seq goes on counting");
}

#[test]
fn an_invoke_waiting_for_its_result_is_kept_past_the_cap_until_the_result_comes() {
    let journal = Journal::with_cap(2);
    let invoke = journal.append(
        Kind::Invoke,
        json!({"channel": "slow", "args": ["a.txt"], "webContentsId": 1}),
    );
    let sync = journal.append(
        Kind::SendSync,
        json!({"channel": "blocked", "args": [], "webContentsId": 1}),
    );
    for n in 0..5 {
        send(&journal, n);
    }
    assert_eq!(journal.let_go(), 5);
    assert_eq!(journal.lock().kept.held(), 2);
    assert_eq!(journal.get(invoke).unwrap()["channel"], "slow");
    assert_eq!(journal.full(sync).unwrap()["channel"], "blocked");
    journal.append(
        Kind::InvokeResult,
        json!({"channel": "slow", "ref": invoke, "ok": true, "result": 1, "webContentsId": 1}),
    );
    assert!(
        journal.get(invoke).is_none(),
        "answered: let go as any other"
    );
    assert_eq!(journal.get(sync).unwrap()["channel"], "blocked");
    assert_eq!(journal.lock().kept.held(), 1);
}

#[test]
fn a_large_value_is_a_preview_in_memory_and_whole_in_the_record_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::new();
    journal.record_to(&path).unwrap();
    send(&journal, 0);
    let big = "你好".repeat(40_000);
    let seq = journal.append(
        Kind::Send,
        json!({"channel": "big", "args": [big, 7], "webContentsId": 1}),
    );
    send(&journal, 2);
    let kept = journal.get(seq).unwrap();
    let preview = kept["args"][0].as_str().unwrap();
    assert!(preview.chars().count() <= 1_000, "{}", preview.len());
    assert!(
        preview.starts_with("你好你好") && preview.ends_with('…'),
        "{preview}"
    );
    assert_eq!(kept["args"][1], 7, "small arguments are kept as they are");
    assert_eq!(
        kept[PREVIEW]["file"],
        json!(std::fs::canonicalize(&path).unwrap())
    );

    let full = journal.full(seq).unwrap();
    assert_eq!(full["args"], json!([big, 7]));
    assert!(full.get(PREVIEW).is_none());
    assert_eq!(
        full_entry(&kept).unwrap(),
        full,
        "the panel reads it back from the preview"
    );
    assert_eq!(journal.full(seq + 1).unwrap()["args"], json!([2]));

    // The record file has the whole entry, as every other.
    let saved = read_jsonl(&path).unwrap();
    assert_eq!(saved.len(), 3);
    assert_eq!(saved[1]["args"][0], json!(big));
}

#[test]
fn a_saved_session_gets_large_values_whole_not_their_previews() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new();
    let big = "数据".repeat(50_000);
    journal.append(Kind::Send, json!({"channel": "big", "args": [big]}));
    send(&journal, 1);
    let saved = dir.path().join("session.jsonl");
    let entries = journal.slice(0..usize::MAX);
    write_jsonl(&saved, entries.iter().map(|e| e.as_ref())).unwrap();
    let back = read_jsonl(&saved).unwrap();
    assert_eq!(back[0]["args"], json!([big]));
    assert!(back[0].get(PREVIEW).is_none());
    assert_eq!(back[1]["args"], json!([1]));
}

#[test]
fn without_a_record_file_a_large_value_is_still_read_back_whole() {
    let journal = Journal::new();
    let big: Vec<u32> = (0..40_000).collect();
    let seq = journal.append(
        Kind::InvokeResult,
        json!({"channel": "list", "ref": 1, "ok": true, "result": big, "webContentsId": 1}),
    );
    let kept = journal.get(seq).unwrap();
    assert!(kept["result"].is_string(), "kept as a preview");
    assert!(kept[PREVIEW].get("file").is_none());
    assert_eq!(journal.full(seq).unwrap()["result"], json!(big));
    assert_eq!(full_entry(&kept).unwrap()["result"], json!(big));
    drop(journal);
    let gone = full_entry(&kept).unwrap_err();
    assert_eq!(
        gone,
        format!("the full value of #{seq} is gone: the run that kept it has ended")
    );
}

#[test]
fn an_entry_let_go_is_read_back_from_the_record_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let journal = Journal::with_cap(10);
    journal.record_to(&path).unwrap();
    for n in 0..3_000 {
        send(&journal, n);
    }
    assert_eq!(journal.let_go(), 2_990);
    for seq in [1, 1_024, 1_025, 2_049, 2_990] {
        let entry = journal.full(seq).unwrap_or_else(|e| panic!("#{seq}: {e}"));
        assert_eq!(entry["seq"], seq);
        assert_eq!(entry["args"], json!([seq - 1]));
    }
    assert_eq!(journal.full(2_995).unwrap()["seq"], 2_995);
}

#[test]
fn an_entry_no_longer_anywhere_is_said_so_in_one_line() {
    let journal = Journal::with_cap(2);
    for n in 0..5 {
        send(&journal, n);
    }
    assert_eq!(
        journal.full(1).unwrap_err(),
        "#1 was let go from memory and this run has no record file to read it from"
    );
    assert_eq!(
        journal.full(99).unwrap_err(),
        "there is no such journal entry"
    );
    assert_eq!(
        journal.full(0).unwrap_err(),
        "there is no such journal entry"
    );
    assert!(journal.get(1).is_none());
}

#[test]
fn the_cap_comes_from_the_environment_and_is_never_zero() {
    let name = "IPCSCOPE_TEST_CAP_READ";
    assert_eq!(cap_from_env(name, 7), 7);
    for (text, cap) in [
        ("1000", 1000),
        ("1_000_000", 1_000_000),
        ("0", 7),
        ("many", 7),
    ] {
        std::env::set_var(name, text);
        assert_eq!(cap_from_env(name, 7), cap, "{text}");
    }
    std::env::remove_var(name);
}

#[test]
fn entries_read_back_from_memory_are_what_was_appended() {
    let journal = Journal::new();
    let fields = json!({"channel": "c", "args": [0.1, -0.0, "你好", {"$type": "undefined"}, [[[1]]]],
        "webContentsId": 1, "initiator": {"file": "preload.js", "line": 4, "column": 31}});
    let seq = journal.append(Kind::Send, fields.clone());
    let entry = journal.get(seq).unwrap();
    let keys: Vec<&str> = entry.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "seq",
            "time",
            "kind",
            "channel",
            "args",
            "webContentsId",
            "initiator"
        ]
    );
    assert_eq!(entry["args"], fields["args"]);
    assert_eq!(
        entry["args"][1].as_f64().unwrap().to_bits(),
        (-0.0f64).to_bits()
    );
    // Nested past what the text decoder takes back: kept as it came (on a thread with room for
    // such a value).
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let deep = (0..5_000).fold(json!(1), |v, _| json!([v]));
            let seq = journal.append(Kind::Send, json!({"channel": "deep", "args": [deep]}));
            let back = journal.get(seq).unwrap();
            assert_eq!(back["channel"], "deep");
            assert!(back["args"][0][0][0].is_array());
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Run by hand, or by `make bench`: what one small entry costs in memory (`--release`).
#[test]
#[ignore]
fn bytes_per_entry() {
    const N: usize = 200_000;
    use crate::test_memory::resident;
    let fields = |n: usize| {
        json!({"channel": "flood", "args": [n], "webContentsId": 1, "listeners": 1,
            "initiator": {"file": "preload.js", "line": 5, "column": 49, "function": "flood"}})
    };
    let before = resident();
    let journal = Journal::with_cap(N);
    for n in 0..N {
        journal.append(Kind::Send, fields(n));
    }
    let kept = resident().saturating_sub(before) / N;
    let before = resident();
    let parsed: Vec<Arc<Entry>> = journal.slice(0..N);
    let as_map = resident().saturating_sub(before) / N;
    println!(
        "journal memory: {kept} bytes per small entry kept (parsed, as the log's rows hold one: {as_map} bytes)"
    );
    assert_eq!(parsed.len(), N);
}
