//! `make bench`: ipcscope against a raw wry webview doing the same work in the same run
//! (DESIGN.md's budget). Prints medians and ratios; it never fails on a number, because shared
//! machines are noisy: read the ratios.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

const RUNS: usize = 3;

struct Sample {
    round_trip_us: f64,
    sends_per_second: f64,
    /// How long the page spent posting the blast, before waiting for main's count.
    blast_loop_ms: f64,
    start_ms: f64,
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// Runs one side and reads the page's `BENCH {json}` line.
fn sample(mut command: Command) -> Sample {
    let spawned = now_ms();
    let output = command.output().expect("the benchmark process runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .unwrap_or_else(|| {
            panic!(
                "no BENCH line from {command:?}:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let report: Value = serde_json::from_str(line).expect("the report is JSON");
    assert_eq!(
        report["received"], report["blast"],
        "every one-way message arrived"
    );
    Sample {
        round_trip_us: report["roundTripUs"].as_f64().unwrap_or(f64::NAN),
        sends_per_second: report["sendsPerSecond"].as_f64().unwrap_or(f64::NAN),
        blast_loop_ms: report["blastLoopMs"].as_f64().unwrap_or(f64::NAN),
        start_ms: report["started"].as_f64().unwrap_or(f64::NAN) - spawned,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ipcscope = PathBuf::from(env!("CARGO_BIN_EXE_ipcscope"));
    let raw = ipcscope
        .parent()
        .expect("a target directory")
        .join("examples/raw_webview");
    assert!(
        raw.exists(),
        "build the baseline first: cargo build --release --example raw_webview"
    );
    let journal = std::env::temp_dir().join(format!("ipcscope-bench-{}.jsonl", std::process::id()));

    let (mut raw_samples, mut ours) = (Vec::new(), Vec::new());
    for run in 1..=RUNS {
        eprintln!("run {run} of {RUNS}");
        let mut baseline = Command::new(&raw);
        baseline.arg(manifest.join("benches/raw/index.html"));
        raw_samples.push(sample(baseline));
        let mut lab = Command::new(&ipcscope);
        lab.arg("run")
            .arg(manifest.join("benches/lab"))
            .args(["--headless", "--timeout", "120", "--record"])
            .arg(&journal);
        ours.push(sample(lab));
    }
    let journaled = std::fs::read_to_string(&journal)
        .map(|t| t.lines().count())
        .unwrap_or(0);
    let _ = std::fs::remove_file(&journal);

    let pick = |samples: &[Sample], f: fn(&Sample) -> f64| median(samples.iter().map(f).collect());
    let rows = [
        (
            "invoke round trip (µs)",
            pick(&raw_samples, |s| s.round_trip_us),
            pick(&ours, |s| s.round_trip_us),
            "<= 1.3x",
            1.3,
            true,
        ),
        (
            "one-way sends per second",
            pick(&raw_samples, |s| s.sends_per_second),
            pick(&ours, |s| s.sends_per_second),
            ">= 0.8x",
            0.8,
            false,
        ),
        (
            "  of which posting them (ms)",
            pick(&raw_samples, |s| s.blast_loop_ms),
            pick(&ours, |s| s.blast_loop_ms),
            "(no budget)",
            f64::INFINITY,
            true,
        ),
        (
            "start to page script (ms)",
            pick(&raw_samples, |s| s.start_ms),
            pick(&ours, |s| s.start_ms),
            "<= 1.5x",
            1.5,
            true,
        ),
    ];
    println!("ipcscope vs a raw wry webview, median of {RUNS} runs each (the last ipcscope run journaled {journaled} entries to a file)");
    println!(
        "{:<28} {:>12} {:>12} {:>8}  budget",
        "", "raw wry", "ipcscope", "ratio"
    );
    for (name, raw, ours, budget, limit, lower_is_better) in rows {
        let ratio = ours / raw;
        let within = if lower_is_better {
            ratio <= limit
        } else {
            ratio >= limit
        };
        println!(
            "{name:<28} {raw:>12.1} {ours:>12.1} {ratio:>7.2}x  {budget} {}",
            if within { "within" } else { "MISSED" }
        );
    }
}
