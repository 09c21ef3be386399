//! Bounded memory (DESIGN.md, journal): a flood past a small in-memory cap (set by
//! IPCSCOPE_JOURNAL_CAP) still reaches the record file whole, every entry in order, large value
//! included, and main says how many entries it let go from memory; a result too large for
//! memory to keep whole is still compared whole by replay.

mod common;

use std::process::{Command, Stdio};

use common::{read_journal, test_lab};
use serde_json::Value;

/// Runs the flood lab headless with a cap of `cap` entries; returns (exit ok, journal, stderr).
fn flood(cap: usize, sends: usize, big: usize) -> (bool, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let script = dir.path().join("page-script.js");
    std::fs::write(&script, format!("api.flood({sends}, {big})")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .args(["run", test_lab("flood").to_str().unwrap(), "--headless"])
        .arg("--record")
        .arg(&journal)
        .args(["--timeout", "120"])
        .env("IPCSCOPE_JOURNAL_CAP", cap.to_string())
        .env("IPCSCOPE_PAGE_SCRIPT", &script)
        .stdin(Stdio::null())
        .output()
        .expect("ipcscope runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), read_journal(&journal), stderr)
}

#[test]
fn a_flood_past_the_cap_reaches_the_record_file_whole_and_main_says_what_it_let_go() {
    let (ok, journal, stderr) = flood(500, 20_000, 200_000);
    assert!(ok, "{stderr}");
    let seqs: Vec<u64> = journal.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=journal.len() as u64).collect();
    assert!(seqs == expected, "the record file skips or repeats a seq");
    let floods: Vec<&Value> = journal.iter().filter(|e| e["channel"] == "flood").collect();
    let sends: Vec<&Value> = floods
        .iter()
        .copied()
        .filter(|e| e["kind"] == "send")
        .collect();
    assert_eq!(sends.len(), 20_000);
    assert!(sends.iter().enumerate().all(|(i, e)| e["args"][0] == i));
    let big = journal
        .iter()
        .find(|e| e["channel"] == "big" && e["kind"] == "send")
        .expect("the large value was journaled");
    assert_eq!(big["args"][0].as_str().map(str::len), Some(200_000));
    assert!(
        big.get("previewOnly").is_none(),
        "the file has the value, not a preview"
    );
    assert!(journal
        .iter()
        .any(|e| e["kind"] == "console" && e["text"] == "flood received 20000 of 20000"));
    assert!(journal
        .iter()
        .any(|e| e["kind"] == "console" && e["text"] == "big value of 200000 characters"));
    let total = journal.len();
    let summary = format!(
        "ipcscope: {} older journal entries were let go from memory to save it, 500 kept; all {total} are in the record file",
        total - 500
    );
    assert!(
        stderr.contains(&summary),
        "expected {summary:?} in:\n{stderr}"
    );
}

#[test]
fn under_the_cap_nothing_is_said() {
    let (ok, journal, stderr) = flood(1_000_000, 100, 0);
    assert!(ok, "{stderr}");
    assert!(journal
        .iter()
        .any(|e| e["kind"] == "console" && e["text"] == "flood received 100 of 100"));
    assert!(!stderr.contains("let go"), "{stderr}");
}

#[test]
fn replay_compares_a_result_memory_keeps_only_as_a_preview_whole() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let lab = test_lab("flood-large-result");
    let recorded = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .args([
            "run",
            lab.to_str().unwrap(),
            "--headless",
            "--timeout",
            "60",
        ])
        .arg("--record")
        .arg(&journal)
        .output()
        .expect("ipcscope runs");
    assert!(recorded.status.success(), "{recorded:?}");
    let results: Vec<Value> = read_journal(&journal)
        .into_iter()
        .filter(|e| e["kind"] == "invoke-result")
        .collect();
    assert_eq!(results[0]["result"].as_str().map(str::len), Some(100_000));
    let replayed = Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .arg("replay")
        .arg(&journal)
        .arg(&lab)
        .output()
        .expect("ipcscope replays");
    let stdout = String::from_utf8_lossy(&replayed.stdout);
    assert!(replayed.status.success(), "{stdout}");
    assert!(stdout.contains("all 2 results match"), "{stdout}");
}
