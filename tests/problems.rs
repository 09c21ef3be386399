//! Each IPC mistake the Problems tab finds, made by a lab as a learner would write it
//! (tests/labs/problem-*), run in real webviews: the journal the run records, fed entry by entry
//! to the panel's own problem detector, shows that mistake and no other. The sample labs,
//! pressed as a learner presses them, show none.

mod common;

use common::*;
use serde_json::Value;

/// The journal's kinds and listener ops, compiled into this test from the files the panel uses
/// (`kind.rs` reads the entry type from its parent).
pub type Entry = serde_json::Map<String, Value>;
#[allow(dead_code)]
#[path = "../src/journal/kind.rs"]
mod kind;
#[allow(dead_code)]
#[path = "../src/journal/listener_op.rs"]
mod listener_op;
mod journal {
    pub use super::kind::Kind;
    pub use super::listener_op::{Change, ListenerOp};
    pub use super::Entry;
}

/// The panel's problem detector, as the panel builds it (its unit tests come along and run here
/// too).
#[allow(dead_code)]
#[path = "../src/panel/model/problems.rs"]
mod problems;

use problems::{Problem, ProblemKind, Problems};

const CLICK_THREE_TIMES: &str =
    "for (let i = 1; i <= 3; i++) setTimeout(() => document.querySelector('button').click(), 250 * i);";

/// What the panel would list after reading `journal`.
fn detect(journal: &[Value]) -> Problems {
    let mut problems = Problems::default();
    for entry in journal {
        if let Some(entry) = entry.as_object() {
            let kind = entry
                .get("kind")
                .and_then(Value::as_str)
                .and_then(journal::Kind::parse);
            problems.apply(entry, kind);
        }
    }
    problems
}

fn found(journal: &[Value], kind: ProblemKind) -> Option<Problem> {
    detect(journal)
        .list()
        .iter()
        .find(|p| p.kind == kind)
        .cloned()
}

/// Runs `lab` until the detector finds `kind`; checks it is the only problem and returns it.
fn only_problem(lab: &str, page_script: Option<&str>, kind: ProblemKind) -> (Problem, Vec<Value>) {
    let mut run = LabRun::start(&test_lab(lab), page_script, 60);
    let journal = run.wait_for(&format!("{kind:?}"), |j| found(j, kind).is_some());
    let problems = detect(&journal);
    let kinds: Vec<ProblemKind> = problems.list().iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [kind], "{:#?}", problems.list());
    (problems.list()[0].clone(), journal)
}

/// The entry numbered `seq` in the journal.
fn entry(journal: &[Value], seq: u64) -> &Value {
    journal
        .iter()
        .find(|e| e["seq"] == seq)
        .unwrap_or_else(|| panic!("no entry {seq}"))
}

#[test]
fn a_push_before_the_page_listens() {
    let (problem, journal) = only_problem(
        "problem-push-before-listener",
        None,
        ProblemKind::PushBeforeListener,
    );
    assert_eq!((problem.subject.as_str(), problem.count), ("greeting", 1));
    let kinds: Vec<&Value> = problem
        .rows
        .iter()
        .map(|&seq| &entry(&journal, seq)["kind"])
        .collect();
    assert_eq!(kinds, ["push", "listener"], "the push, then the listener");
}

#[test]
fn an_invoke_with_no_handler() {
    let (problem, journal) = only_problem("problem-no-handler", None, ProblemKind::NoHandler);
    assert_eq!(problem.subject, "get-version");
    assert_eq!(entry(&journal, problem.rows[0])["kind"], "invoke");
}

#[test]
fn a_handler_registered_after_the_first_invoke() {
    let (problem, journal) = only_problem(
        "problem-late-handler",
        Some(CLICK_THREE_TIMES),
        ProblemKind::LateHandler,
    );
    assert_eq!(
        (problem.subject.as_str(), problem.count),
        ("load-settings", 1)
    );
    let last = entry(&journal, *problem.rows.last().unwrap());
    assert_eq!(
        (last["kind"].as_str(), last["op"].as_str()),
        (Some("listener"), Some("handle"))
    );
}

#[test]
fn a_second_handle_on_one_channel() {
    let (problem, journal) =
        only_problem("problem-second-handler", None, ProblemKind::SecondHandler);
    assert_eq!(problem.subject, "ping");
    // Where the first handler was registered, and Electron's error.
    assert_eq!(entry(&journal, problem.rows[0])["op"], "handle");
    let error = entry(&journal, problem.rows[1])["text"].as_str().unwrap();
    assert!(error.contains("Attempted to register a second handler for 'ping'"));
}

#[test]
fn a_send_sync_whose_listener_never_sets_return_value() {
    let (problem, journal) = only_problem(
        "problem-sendsync-no-return",
        None,
        ProblemKind::NoReturnValue,
    );
    assert_eq!(problem.subject, "get-config");
    assert_eq!(entry(&journal, problem.rows[0])["kind"], "send-sync");
}

#[test]
fn a_send_nobody_listens_to() {
    let mut run = LabRun::start(
        &test_lab("problem-send-unheard"),
        Some(CLICK_THREE_TIMES),
        60,
    );
    let journal = run.wait_for("three sends nobody heard", |j| {
        found(j, ProblemKind::SendUnheard).is_some_and(|p| p.count == 3)
    });
    let problems = detect(&journal);
    assert_eq!(problems.len(), 1, "{:#?}", problems.list());
    let problem = &problems.list()[0];
    assert_eq!(problem.subject, "set-title");
    assert_eq!(problem.rows.len(), 3);
}

#[test]
fn listeners_piling_up_on_one_channel() {
    let (problem, journal) = only_problem(
        "problem-listener-leak",
        Some(CLICK_THREE_TIMES),
        ProblemKind::ListenerLeak,
    );
    assert_eq!((problem.subject.as_str(), problem.count), ("progress", 3));
    for &seq in &problem.rows {
        let added = entry(&journal, seq);
        assert_eq!(
            (added["kind"].as_str(), added["op"].as_str()),
            (Some("listener"), Some("on"))
        );
    }
}

#[test]
fn a_value_that_could_not_be_cloned_names_its_path() {
    let (problem, _) = only_problem(
        "problem-not-cloneable",
        Some(CLICK_THREE_TIMES),
        ProblemKind::NotCloneable,
    );
    assert_eq!(problem.subject, "save-note");
    assert_eq!(problem.details, ["args[0].onDone is a Function"]);
}

#[test]
fn ipc_renderer_exposed_wholesale() {
    let (problem, _) = only_problem(
        "problem-exposed-ipcrenderer",
        None,
        ProblemKind::IpcRendererExposed,
    );
    assert_eq!(problem.subject, "ipcRenderer", "the key it was exposed as");
}

#[test]
fn a_link_out_of_the_lab() {
    let click = "setTimeout(() => document.getElementById('docs').click(), 250);";
    let (problem, _) = only_problem("problem-navigation", Some(click), ProblemKind::LeftTheLab);
    assert_eq!(
        (problem.subject.as_str(), problem.count),
        ("https://www.electronjs.org/docs/latest/tutorial/ipc", 1)
    );
}

#[test]
fn a_link_main_js_refuses_is_told_as_its_guard() {
    let click = "setTimeout(() => document.getElementById('help').click(), 250);";
    let (problem, _) = only_problem(
        "problem-navigation-guarded",
        Some(click),
        ProblemKind::LeftTheLab,
    );
    assert!(
        problem.subject.ends_with("/help.html"),
        "{}",
        problem.subject
    );
    assert_eq!(problem.details, ["will-navigate"]);
}

#[test]
fn a_lab_with_several_mistakes_lists_each_once() {
    let mut run = LabRun::start(&test_lab("problem-several"), Some(CLICK_THREE_TIMES), 60);
    let journal = run.wait_for("three clicks' invokes answered", |j| {
        entries(j, "invoke-result").len() == 3
    });
    let problems = detect(&journal);
    let mut list: Vec<(ProblemKind, &str, usize)> = problems
        .list()
        .iter()
        .map(|p| (p.kind, p.subject.as_str(), p.count))
        .collect();
    // Listed as found; which comes first depends on when each click's answer came.
    list.sort();
    assert_eq!(
        list,
        [
            (ProblemKind::PushBeforeListener, "notes-loaded", 1),
            (ProblemKind::NoHandler, "count-notes", 3),
            (ProblemKind::SendUnheard, "save-note", 3),
            (ProblemKind::ListenerLeak, "notes-loaded", 4),
        ]
    );
}

/// Runs a sample until `done`, pressing its button once, and checks nothing was found.
fn no_problems_in(sample: &str, done: impl Fn(&[Value]) -> bool) {
    let click = "document.querySelector('button').click();";
    let mut run = LabRun::start(&samples().join(sample), Some(click), 60);
    let journal = run.wait_for(sample, done);
    let problems = detect(&journal);
    assert!(problems.is_empty(), "{sample}: {:#?}", problems.list());
}

#[test]
fn the_sample_labs_show_no_problems() {
    no_problems_in("01-send", |j| {
        has_console(j, "main", "主进程收到消息: 你好，能听到我说话吗？")
    });
    no_problems_in("02-invoke", |j| entries(j, "invoke-result").len() == 2);
    no_problems_in("03-push", |j| entries(j, "push").len() == 2);
}
