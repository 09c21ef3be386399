//! `ipcscope replay`: a session recorded in a real webview, replayed against the same lab (all
//! results match) and against a lab whose handler's answer changed (the difference is named).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn replay(journal: &Path, lab: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipcscope"))
        .arg("replay")
        .arg(journal)
        .arg(lab)
        .args(extra)
        .output()
        .expect("ipcscope runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// Records 02-invoke (its page invokes readFileEvent on load) into `dir/recorded.jsonl`.
fn record_invoke_sample(dir: &Path) -> std::path::PathBuf {
    let mut run = LabRun::start(&samples().join("02-invoke"), None, 60);
    run.wait_for("the invoke's result", |j| {
        !entries(j, "invoke-result").is_empty()
    });
    let saved = dir.join("recorded.jsonl");
    std::fs::copy(&run.journal_path, &saved).unwrap();
    saved
}

fn copy_lab(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_recorded_session_replays_clean_and_a_changed_handler_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let recorded = record_invoke_sample(dir.path());
    let invoke_seq = entries(&read_journal(&recorded), "invoke")[0]["seq"].clone();

    let out = dir.path().join("replayed.jsonl");
    let same = replay(
        &recorded,
        &samples().join("02-invoke"),
        &["--record", out.to_str().unwrap()],
    );
    assert_eq!(same.status.code(), Some(0), "{}", text(&same));
    assert!(
        text(&same).contains("replayed 1 renderer -> main message: the 1 result matches"),
        "{}",
        text(&same)
    );
    let replayed = read_journal(&out);
    let invoke = &entries(&replayed, "invoke")[0];
    assert_eq!(
        invoke["replayOf"], invoke_seq,
        "the new entry names the one it repeats"
    );
    assert_eq!(invoke["webContentsId"], 1, "as if from its original window");

    // The same lab, but the file its handler returns has changed.
    let changed = dir.path().join("changed-lab");
    copy_lab(&samples().join("02-invoke"), &changed);
    std::fs::write(changed.join("a.txt"), "改过了").unwrap();
    let differs = replay(&recorded, &changed, &[]);
    assert_eq!(differs.status.code(), Some(1), "{}", text(&differs));
    let stdout = String::from_utf8_lossy(&differs.stdout);
    let line = stdout
        .lines()
        .find(|l| {
            l.starts_with(&format!(
                "seq {invoke_seq} invoke 'readFileEvent': recorded "
            ))
        })
        .unwrap_or_else(|| panic!("no difference line in:\n{stdout}"));
    assert!(line.ends_with(", now \"改过了\""), "{line}");
    assert!(stdout.contains("the 1 result differs"), "{stdout}");
}

#[test]
fn bad_input_exits_2_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let lab = samples().join("02-invoke");

    let missing = replay(&dir.path().join("nope.jsonl"), &lab, &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing).contains("cannot read"), "{}", text(&missing));

    let not_journal = dir.path().join("notes.jsonl");
    std::fs::write(&not_journal, "hello\n").unwrap();
    let refused = replay(&not_journal, &lab, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused).contains("not an ipcscope journal: line 1 is not JSON"),
        "{}",
        text(&refused)
    );

    let journal = dir.path().join("j.jsonl");
    std::fs::write(
        &journal,
        "{\"seq\":1,\"kind\":\"send\",\"channel\":\"c\",\"args\":[]}\n",
    )
    .unwrap();
    let no_lab = replay(&journal, &dir.path().join("no-such-lab"), &[]);
    assert_eq!(no_lab.status.code(), Some(2));
    assert!(text(&no_lab).contains("no lab at"), "{}", text(&no_lab));
}
