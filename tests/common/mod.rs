//! Runs a lab with `ipcscope run LAB --headless --record FILE` in real webviews and reads the
//! journal it writes, as any other tool would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-pages")
}

pub fn test_lab(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/labs")
        .join(name)
}

pub struct LabRun {
    child: Child,
    pub journal_path: PathBuf,
    _dir: tempfile::TempDir,
}

/// How long any one wait may take before the test fails (webviews start in about a second).
pub const PATIENCE: Duration = Duration::from_secs(30);

impl LabRun {
    /// Starts LAB headless with `--timeout` as a safety net; `page_script` runs in every page
    /// after it has loaded (how the tests press buttons).
    pub fn start(lab: &Path, page_script: Option<&str>, timeout_secs: u32) -> LabRun {
        let dir = tempfile::tempdir().unwrap();
        let journal_path = dir.path().join("journal.jsonl");
        let mut command = Command::new(env!("CARGO_BIN_EXE_ipcscope"));
        command
            .args(["run", lab.to_str().unwrap(), "--headless", "--record"])
            .arg(&journal_path)
            .args(["--timeout", &timeout_secs.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(script) = page_script {
            let path = dir.path().join("page-script.js");
            std::fs::write(&path, script).unwrap();
            command.env("IPCSCOPE_PAGE_SCRIPT", path);
        }
        LabRun {
            child: command.spawn().expect("ipcscope starts"),
            journal_path,
            _dir: dir,
        }
    }

    pub fn journal(&self) -> Vec<Value> {
        read_journal(&self.journal_path)
    }

    /// Polls the journal until `done` holds; panics with the journal if it never does.
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let end = Instant::now() + PATIENCE;
        loop {
            let journal = self.journal();
            if done(&journal) {
                return journal;
            }
            if Instant::now() > end || self.child.try_wait().ok().flatten().is_some() {
                let journal = self.journal();
                if done(&journal) {
                    return journal;
                }
                let _ = self.child.kill();
                let output = self.child_output();
                panic!(
                    "never saw {what}; journal:\n{}\nstderr:\n{output}",
                    journal
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the process to exit by itself.
    pub fn finish(mut self) -> (ExitStatus, Vec<Value>, String) {
        let end = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("ipcscope did not exit; journal: {:?}", self.journal());
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let output = self.child_output();
        (status, self.journal(), output)
    }

    fn child_output(&mut self) -> String {
        use std::io::Read;
        let mut text = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            let _ = out.read_to_string(&mut text);
        }
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for LabRun {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn read_journal(path: &Path) -> Vec<Value> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    // The last line may be half written while the lab runs.
    text.lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

pub fn entries<'a>(journal: &'a [Value], kind: &str) -> Vec<&'a Value> {
    journal.iter().filter(|e| e["kind"] == kind).collect()
}

pub fn find<'a>(journal: &'a [Value], kind: &str, channel: &str) -> Option<&'a Value> {
    journal
        .iter()
        .find(|e| e["kind"] == kind && e["channel"] == channel)
}

pub fn has_console(journal: &[Value], process: &str, text: &str) -> bool {
    journal
        .iter()
        .any(|e| e["kind"] == "console" && e["process"] == process && e["text"] == text)
}

/// Main's console lines `REPORT ID TEXT`, one per window of a lab that reports that way: each
/// window's id (`event.sender.id`) and the rest of its line.
pub fn window_reports(journal: &[Value]) -> Vec<(String, String)> {
    journal
        .iter()
        .filter(|e| e["kind"] == "console" && e["process"] == "main")
        .filter_map(|e| e["text"].as_str()?.strip_prefix("REPORT "))
        .filter_map(|rest| rest.split_once(' '))
        .map(|(id, text)| (id.to_string(), text.to_string()))
        .collect()
}
