//! What bad input gets (DESIGN.md): garbage frames, a flood, a huge and a deeply nested payload
//! from an untrusted page, then a renderer killed outright. Main keeps running, journals what
//! happened, and loses no well-formed message; the window outlives its renderer and reloads.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn bad_frames_floods_and_a_renderer_crash_do_not_take_main_down() {
    let mut run = LabRun::start(&test_lab("robust"), None, 60);
    let journal = run.wait_for("the page to finish", |j| {
        has_console(j, "renderer", "page done")
    });

    assert!(
        has_console(&journal, "main", "flood received 2000 of 2000"),
        "every well-formed send of the flood arrived"
    );
    assert!(
        has_console(&journal, "main", "big 4000000"),
        "a 4 MB string arrived whole"
    );
    assert!(
        has_console(&journal, "renderer", "depth: 900"),
        "a 900-level value (within the codec's 1000) crossed both ways"
    );
    assert!(
        has_console(&journal, "renderer", "echo: 3 fffd"),
        "a string with a lone surrogate arrived (as U+FFFD) and was answered"
    );
    let errors: Vec<&str> = entries(&journal, "error")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(
        errors
            .iter()
            .any(|t| t.contains("dropped a malformed frame")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|t| t.contains("without the preload's token was dropped")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|t| t.contains("lone UTF-16 surrogate")),
        "{errors:?}"
    );
    assert!(
        !has_console(&journal, "main", "flood received 0 of -1"),
        "the forged frame never reached main.js"
    );
    assert!(
        journal.iter().any(|e| e["kind"] == "console"
            && e["process"] == "renderer"
            && e["text"].as_str().is_some_and(|t| t.starts_with("deep"))),
        "the deeply nested invoke was answered one way or the other"
    );

    let created = entries(&journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "created")
        .expect("the window was created");
    let pid = created["pid"].as_i64().expect("the renderer's pid") as i32;
    // SAFETY: sending a signal to the renderer process this test's lab started.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    let (status, journal, output) = run.finish();
    let crashed = crashed_entry(&journal, &output);
    assert_eq!(crashed["webContentsId"], created["webContentsId"]);
    assert!(
        has_console(&journal, "main", "render-process-gone killed true"),
        "main.js heard of the crash; the window was still there"
    );
    let again = entries(&journal, "lifecycle")
        .into_iter()
        .filter(|e| e["event"] == "created")
        .nth(1)
        .expect("reload started a new renderer");
    assert_eq!(
        again["webContentsId"], created["webContentsId"],
        "same window"
    );
    assert_ne!(again["pid"], created["pid"], "a new process");
    assert!(has_console(
        &journal,
        "main",
        "reloaded after the crash; main still runs"
    ));
    assert_eq!(
        status.code(),
        Some(0),
        "main quit normally after the crash:\n{output}"
    );
}

/// The processes under `pid` (children, grandchildren ...) whose name starts with `name`.
fn descendants_named(pid: i32, name: &str) -> Vec<i32> {
    let parent_of = |p: i32| -> Option<(i32, String)> {
        let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
        // pid (comm) state ppid ...: comm may hold spaces, so read around its parentheses.
        let open = stat.find('(')?;
        let close = stat.rfind(')')?;
        let comm = stat[open + 1..close].to_string();
        let ppid = stat[close + 2..].split(' ').nth(1)?.parse().ok()?;
        Some((ppid, comm))
    };
    let all: Vec<i32> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    let under = |mut p: i32| {
        while let Some((ppid, _)) = parent_of(p) {
            if ppid == pid {
                return true;
            }
            if ppid <= 1 {
                return false;
            }
            p = ppid;
        }
        false
    };
    all.into_iter()
        .filter(|p| parent_of(*p).is_some_and(|(_, comm)| comm.starts_with(name)) && under(*p))
        .collect()
}

#[test]
fn a_crash_of_webkits_web_process_is_a_renderer_crash_and_the_window_reloads() {
    let mut run = LabRun::start(&test_lab("robust"), None, 60);
    let journal = run.wait_for("the page to finish", |j| {
        has_console(j, "renderer", "page done")
    });
    let created = entries(&journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "created")
        .expect("the window was created")
        .clone();
    let renderer = created["pid"].as_i64().unwrap() as i32;
    let web = descendants_named(renderer, "WebKitWebProces");
    assert!(
        !web.is_empty(),
        "no WebKit web process under renderer {renderer}"
    );
    for pid in web {
        // SAFETY: a signal to a WebKit process this test's lab started.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
    let (status, journal, output) = run.finish();
    assert!(
        entries(&journal, "error").iter().any(|e| e["text"]
            .as_str()
            .is_some_and(|t| t.contains("WebKit's web process crashed"))),
        "the journal says what died:\n{output}"
    );
    let crashed = crashed_entry(&journal, &output);
    assert_eq!(crashed["webContentsId"], created["webContentsId"]);
    assert!(
        has_console(&journal, "main", "render-process-gone crashed true"),
        "main.js heard of it as a crash, and isCrashed() says so"
    );
    assert!(has_console(
        &journal,
        "main",
        "reloaded after the crash; main still runs"
    ));
    assert_eq!(status.code(), Some(0), "{output}");
}

/// The journal's `crashed` entry; without one, the test fails with the run's output.
fn crashed_entry<'a>(journal: &'a [Value], output: &str) -> &'a Value {
    entries(journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "crashed")
        .unwrap_or_else(|| panic!("no crashed entry; output:\n{output}"))
}
