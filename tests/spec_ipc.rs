//! Electron's own IPC spec files, ported into labs (tests/labs/spec-ipc*): each test prints
//! `PASS <file> › <title>` or `FAIL <file> › <title>: why` to main's console, which the journal
//! keeps. Every ported test must pass, and each file must have run all of its ported tests.

mod common;

use std::time::{Duration, Instant};

use common::{test_lab, LabRun};
use serde_json::Value;

/// The whole spec lab (three spec files, about two thousand messages, payloads up to 3 MiB)
/// takes a few minutes on a slow machine.
const SPEC_PATIENCE: Duration = Duration::from_secs(540);

/// (spec file, how many of its tests are ported).
const PORTED: &[(&str, usize)] = &[
    ("api-ipc-main-spec.ts", 6),
    ("api-ipc-renderer-spec.ts", 8),
    ("api-ipc-spec.ts", 26),
];

/// The results a lab printed, as (PASS or FAIL, the rest of the line).
fn results(journal: &[Value]) -> Vec<(String, String)> {
    journal
        .iter()
        .filter(|e| e["kind"] == "console" && e["process"] == "main")
        .filter_map(|e| e["text"].as_str())
        .filter_map(|text| {
            let (verdict, rest) = text.split_once(' ')?;
            matches!(verdict, "PASS" | "FAIL").then(|| (verdict.to_string(), rest.to_string()))
        })
        .collect()
}

/// Runs a spec lab to its end (it quits when its last spec file is done).
fn run_spec_lab(name: &str) -> Vec<(String, String)> {
    let lab = LabRun::start(&test_lab(name), None, SPEC_PATIENCE.as_secs() as u32 + 30);
    let end = Instant::now() + SPEC_PATIENCE;
    while Instant::now() < end {
        if lab
            .journal()
            .iter()
            .any(|e| e["kind"] == "lifecycle" && e["event"] == "quit")
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let (status, journal, output) = lab.finish();
    assert!(status.success(), "{name} ended with {status}:\n{output}");
    results(&journal)
}

#[test]
fn electrons_ipc_spec_tests_pass_in_ipcscope() {
    let mut all = run_spec_lab("spec-ipc-main-listeners");
    all.extend(run_spec_lab("spec-ipc"));

    let failed: Vec<&String> = all
        .iter()
        .filter(|(verdict, _)| verdict == "FAIL")
        .map(|(_, line)| line)
        .collect();
    assert!(failed.is_empty(), "failing spec tests:\n{failed:#?}");
    for (file, ported) in PORTED {
        let passed = all
            .iter()
            .filter(|(_, line)| line.starts_with(&format!("{file} › ")))
            .count();
        assert_eq!(
            passed, *ported,
            "{file}: {passed} of {ported} ported tests ran"
        );
    }
}
