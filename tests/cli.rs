//! The command line's answers to bad input, a broken lab, no display and an internal error:
//! one clear line and the documented exit status, never a Rust panic or backtrace.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn ipcscope(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ipcscope"));
    command.args(args);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What a user must never see.
fn assert_no_rust_panic(text: &str) {
    for leak in [
        "panicked at",
        "RUST_BACKTRACE",
        "stack backtrace",
        "thread '",
    ] {
        assert!(!text.contains(leak), "{leak:?} reached the user:\n{text}");
    }
}

#[test]
fn huge_timeouts_get_one_line_and_status_2_headless_and_with_the_panel() {
    let lab = test_lab("forever");
    let lab = lab.to_str().unwrap();
    for value in ["1e19", "9.3e18", "18446744073709551616", "1e20", "1e300"] {
        for headless in [true, false] {
            let mut args = vec!["run", lab, "--timeout", value];
            if headless {
                args.push("--headless");
            }
            let output = ipcscope(&args).output().unwrap();
            let text = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {text}");
            assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
            assert!(text.contains("is too long: give at most"), "{text}");
            assert_no_rust_panic(&text);
        }
    }
    for value in ["0", "nan", "inf", "1e-400", "-1", "-0"] {
        let output = ipcscope(&["run", lab, "--headless", "--timeout", value])
            .output()
            .unwrap();
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{value}: {text}");
        assert!(
            text.contains("--timeout takes a positive number of seconds"),
            "{text}"
        );
    }
}

#[test]
fn no_display_is_one_line_and_status_2() {
    let lab = test_lab("forever");
    for headless in [true, false] {
        let mut args = vec!["run", lab.to_str().unwrap()];
        if headless {
            args.push("--headless");
        }
        let output = ipcscope(&args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.starts_with("ipcscope: no display: "), "{text}");
        assert!(text.contains("Xvfb"), "{text}");
    }
    let output = ipcscope(&[])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("no display"));
}

#[test]
fn a_main_js_with_a_syntax_error_cannot_start_exit_1_with_where() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("journal.jsonl");
    let output = ipcscope(&[
        "run",
        test_lab("syntax-error").to_str().unwrap(),
        "--headless",
    ])
    .args(["--timeout", "30", "--record"])
    .arg(&record)
    .output()
    .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "the error, the line, a caret under the column: {text}"
    );
    assert!(
        lines[0].starts_with("ipcscope: main.js cannot start: SyntaxError: "),
        "{text}"
    );
    assert!(lines[0].contains("(main.js:5:1)"), "names the line: {text}");
    assert_eq!(lines[1..], ["    })", "    ^"], "{text}");
    // The record says the same, with where in fields of their own (what the panel's banner reads).
    let journal = read_journal(&record);
    let error = &entries(&journal, "error")[0];
    assert_eq!(error["cannotStart"], true);
    assert_eq!(
        (&error["file"], &error["line"], &error["column"]),
        (&"main.js".into(), &5.into(), &1.into())
    );
    assert_eq!(error["sourceLine"], "})");
}

#[test]
fn a_folder_with_neither_main_js_nor_index_html_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("preload.js"), "").unwrap();
    let output = ipcscope(&["run", dir.path().to_str().unwrap(), "--headless"])
        .args(["--timeout", "30"])
        .output()
        .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("has neither main.js nor index.html"),
        "{text}"
    );
}

#[test]
fn an_internal_error_is_one_line_saying_where_to_report_it_status_70() {
    let output = ipcscope(&["run", test_lab("forever").to_str().unwrap(), "--headless"])
        .env("IPCSCOPE_TEST_PANIC", "main")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(70), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("ipcscope: internal error: "), "{text}");
    assert!(
        text.contains("please report it with the command you ran"),
        "{text}"
    );
    assert_no_rust_panic(&text);
}

#[test]
fn a_renderer_that_hits_an_internal_error_says_one_line_and_is_journaled_as_crashed() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.jsonl");
    let output = ipcscope(&[
        "run",
        samples().join("01-send").to_str().unwrap(),
        "--headless",
    ])
    .arg("--record")
    .arg(&journal)
    .args(["--timeout", "5"])
    .env("IPCSCOPE_TEST_PANIC", "renderer")
    .env("RUST_BACKTRACE", "1")
    .output()
    .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(124), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("ipcscope renderer: internal error: ")
                && l.ends_with("please report it with the command you ran")),
        "{text}"
    );
    assert_no_rust_panic(&text);
    let journal = read_journal(&journal);
    let crashed = entries(&journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "crashed")
        .unwrap_or_else(|| panic!("no crashed entry in {journal:#?}"));
    assert_eq!(crashed["exitCode"], 70);
}

fn replay(journal: &Path, lab: &Path, extra: &[&str]) -> Output {
    ipcscope(&["replay"])
        .arg(journal)
        .arg(lab)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn replay_refuses_a_message_of_the_wrong_shape_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let lab = samples().join("02-invoke");
    let good = r#"{"seq":1,"kind":"send","channel":"c","args":[],"webContentsId":1}"#;
    for (bad, why) in [
        (
            r#"{"seq":2,"kind":"send","channel":5,"args":[],"webContentsId":1}"#,
            r#"line 2 is a send entry whose "channel" is 5, not a string"#,
        ),
        (
            r#"{"seq":2,"kind":"invoke","channel":"c","args":"notarray","webContentsId":1}"#,
            r#"line 2 is a invoke entry whose "args" is "notarray", not an array"#,
        ),
    ] {
        let journal = dir.path().join("j.jsonl");
        std::fs::write(&journal, format!("{good}\n{bad}\n")).unwrap();
        let output = replay(&journal, &lab, &[]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(text.contains(why), "{text}");
        assert_eq!(text.lines().count(), 1, "{text}");
    }
}

#[test]
fn replay_never_records_onto_the_journal_it_replays() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.jsonl");
    let text = "{\"seq\":1,\"kind\":\"send\",\"channel\":\"c\",\"args\":[],\"webContentsId\":1}\n";
    std::fs::write(&journal, text).unwrap();
    std::os::unix::fs::symlink(&journal, dir.path().join("same.jsonl")).unwrap();
    let lab = samples().join("02-invoke");
    for record in [
        journal.clone(),
        dir.path().join(".").join("j.jsonl"),
        dir.path().join("same.jsonl"),
    ] {
        let output = replay(&journal, &lab, &["--record", record.to_str().unwrap()]);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{said}");
        assert!(said.contains("is the journal being replayed"), "{said}");
        assert_eq!(
            std::fs::read_to_string(&journal).unwrap(),
            text,
            "untouched"
        );
    }
}

#[test]
fn recording_over_a_file_that_is_not_a_journal_is_refused_and_it_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("lab");
    std::fs::create_dir(&lab).unwrap();
    for file in ["main.js", "preload.js", "index.html"] {
        std::fs::copy(samples().join("01-send").join(file), lab.join(file)).unwrap();
    }
    let main_js = std::fs::read_to_string(lab.join("main.js")).unwrap();
    let output = ipcscope(&[
        "run",
        lab.to_str().unwrap(),
        "--headless",
        "--timeout",
        "30",
    ])
    .arg("--record")
    .arg(lab.join("main.js"))
    .output()
    .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("is not an ipcscope journal"), "{text}");
    assert_eq!(
        std::fs::read_to_string(lab.join("main.js")).unwrap(),
        main_js
    );

    let journal = dir.path().join("j.jsonl");
    std::fs::write(
        &journal,
        "{\"seq\":1,\"kind\":\"send\",\"channel\":\"c\",\"args\":[],\"webContentsId\":1}\n",
    )
    .unwrap();
    let output = replay(
        &journal,
        &lab,
        &["--record", lab.join("index.html").to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is not an ipcscope journal"));
}

#[test]
fn replaying_a_device_is_refused_instead_of_reading_for_ever() {
    let output = replay(Path::new("/dev/zero"), &samples().join("02-invoke"), &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("it is a device, not a journal file"),
        "{text}"
    );
}

#[test]
fn app_exit_with_a_code_exits_with_it_as_node_would() {
    let dir = tempfile::tempdir().unwrap();
    for (code, status) in [(3, 3), (-1, 255), (256, 0)] {
        let lab = dir.path().join(format!("exit{code}"));
        std::fs::create_dir(&lab).unwrap();
        std::fs::write(
            lab.join("main.js"),
            format!("const {{ app }} = require('electron')\napp.whenReady().then(() => app.exit({code}))\n"),
        )
        .unwrap();
        let output = ipcscope(&["run", lab.to_str().unwrap(), "--headless"])
            .args(["--timeout", "30"])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(status),
            "app.exit({code}): {}",
            stderr(&output)
        );
    }
}
