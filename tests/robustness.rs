//! What bad input gets (DESIGN.md): garbage frames, a flood, a huge and a deeply nested payload
//! from an untrusted page, then a renderer killed outright. Main keeps running, journals what
//! happened, and loses no well-formed message; the window outlives its renderer and reloads.

mod common;

use common::*;

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
    let crashed = entries(&journal, "lifecycle")
        .into_iter()
        .find(|e| e["event"] == "crashed")
        .unwrap_or_else(|| panic!("no crashed entry; output:\n{output}"));
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
