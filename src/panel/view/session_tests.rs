//! A saved session in the panel, driven without a display: asked before the running lab stops,
//! then named as a file that is not running, with the live-only controls off; and status lines
//! that follow the language switch.

use std::path::PathBuf;

use egui_kittest::kittest::{NodeT, Queryable};

use super::status::Status;
use super::tests::{harness, session};
use super::*;

#[test]
fn opening_a_session_while_the_lab_runs_asks_first_naming_the_lab() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Debugger").click();
    harness.run();
    harness.get_by_label("Session").click();
    harness.run();
    harness.get_all_by_label("Open").last().unwrap().click();
    harness.run();
    // Asked, not done.
    assert!(harness.state().actions.is_empty());
    harness.get_by_label_contains("The running lab 02-invoke will stop");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label_contains("will stop").is_none());
    assert!(harness.state().actions.is_empty());
    harness.get_all_by_label("Open").last().unwrap().click();
    harness.run();
    harness.get_by_label("Stop 02-invoke and open").click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::OpenSession(path)] if path == &PathBuf::from("session.jsonl")
    ));
}

/// The panel as the app leaves it once a saved session is open.
fn showing_a_session(lang: Lang) -> egui_kittest::Harness<'static, super::tests::Probe> {
    let mut harness = harness(&session());
    let view = &mut harness.state_mut().view;
    view.settings.lang = lang;
    let file = PathBuf::from("/home/me/run.jsonl");
    view.session = Some(file.clone());
    view.status = Some(Status::SessionShown(file));
    harness.run();
    harness
}

#[test]
fn a_saved_session_is_named_as_one_and_run_again_restarts_the_lab() {
    let mut harness = showing_a_session(Lang::En);
    harness.get_by_label("run.jsonl");
    harness.get_by_label("saved session, not running");
    assert!(harness.query_by_label("Restart").is_none());
    // The lab's README describes a run that is not there.
    assert!(harness
        .query_by_label_contains("02-invoke: press the button")
        .is_none());
    harness.get_by_label("Run 02-invoke again").click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::Restart]
    ));
}

#[test]
fn in_a_saved_session_the_live_controls_are_off_and_say_why() {
    let mut harness = showing_a_session(Lang::En);
    harness.get_by_label("Debugger").click();
    harness.run();
    harness.get_by_label_contains("A saved session: nothing is running");
    assert!(harness
        .get_by_label("Send to the page")
        .accesskit_node()
        .is_disabled());
    // Another session opens without asking: nothing runs that would stop.
    harness.get_by_label("Session").click();
    harness.run();
    harness.get_all_by_label("Open").last().unwrap().click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::OpenSession(_)]
    ));
}

#[test]
fn a_saved_session_in_chinese() {
    let harness = showing_a_session(Lang::Zh);
    harness.get_by_label("保存的会话，未在运行");
    harness.get_by_label("再次运行 02-invoke");
    harness.get_by_label_contains("正在查看保存的会话");
}

#[test]
fn a_status_line_follows_the_language_switch() {
    let mut harness = harness(&session());
    harness.state_mut().view.status = Some(Status::EntriesSaved {
        count: 10,
        path: PathBuf::from("s.jsonl"),
    });
    harness.run();
    harness.get_by_label("10 entries saved → s.jsonl");
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label("10 条记录已保存 → s.jsonl");
    assert!(harness
        .query_by_label("10 entries saved → s.jsonl")
        .is_none());
}
