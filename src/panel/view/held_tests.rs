//! Held messages at the top of the Log, driven without a display: named with their channel,
//! direction and since when, with a way to the Debugger tab.

use std::time::{Duration, SystemTime};

use egui_kittest::kittest::Queryable;
use serde_json::json;

use super::tests::{harness, session};
use super::*;
use crate::core::debugger::Held;
use crate::journal::Kind;

fn hold(harness: &mut egui_kittest::Harness<'static, super::tests::Probe>) {
    let since = SystemTime::UNIX_EPOCH + Duration::from_millis(45_296_789);
    harness
        .state()
        .view
        .debug_view
        .lock()
        .unwrap()
        .held
        .push(Held {
            id: 1,
            kind: Kind::Invoke,
            web_contents_id: 1,
            channel: "save".into(),
            args: json!(["x"]),
            since,
        });
}

#[test]
fn a_held_message_shows_at_the_top_of_the_log_with_a_way_to_the_debugger() {
    let mut harness = harness(&session());
    harness.run();
    assert!(harness
        .query_by_label_contains("held by the debugger")
        .is_none());
    hold(&mut harness);
    harness.run();
    harness.get_by_label_contains("⚠ 1 held by the debugger, not delivered yet");
    harness.get_by_label_contains("held invoke 'save' (renderer #1 → main)  since 12:34:56.789 (");
    harness.get_by_label("Open the Debugger").click();
    harness.run();
    assert_eq!(harness.state().view.tab, Tab::Debugger);
}

#[test]
fn held_messages_in_chinese() {
    let mut harness = harness(&session());
    harness.state_mut().view.settings.lang = Lang::Zh;
    hold(&mut harness);
    harness.run();
    harness.get_by_label_contains("被调试器拦住");
    harness.get_by_label("打开调试器");
}
