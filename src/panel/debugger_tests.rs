//! The debugger driven as a user would, through egui_kittest (no display): typing arguments,
//! picking a channel the page listens on, firing, and forwarding or dropping a held message.

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use serde_json::json;

use super::view::debugger::{Action, DebuggerUi};
use crate::core::debugger::{Breakpoint, DebugView, Direction, Held};
use crate::core::Command;
use crate::journal::{Journal, Kind};
use crate::panel::i18n::Lang;
use crate::panel::model::Model;

struct State {
    debugger: DebuggerUi,
    model: Model,
    view: DebugView,
    lang: Lang,
    actions: Vec<Action>,
}

fn harness(journal: Journal, view: DebugView) -> Harness<'static, State> {
    harness_in(Lang::En, journal, view)
}

fn harness_in(lang: Lang, journal: Journal, view: DebugView) -> Harness<'static, State> {
    let mut model = Model::new();
    model.ingest(journal.slice(0..usize::MAX));
    let state = State {
        debugger: DebuggerUi::default(),
        model,
        view,
        lang,
        actions: Vec::new(),
    };
    let mut harness = Harness::builder()
        // The detail pane reads source files on a thread and asks for a frame when done: on a
        // loaded machine that takes a few more frames than egui_kittest's default of 4.
        .with_max_steps(16)
        .with_size(egui::vec2(700.0, 900.0))
        .with_context_setup(|ctx| {
            // Without a CJK font egui_kittest panics on Chinese text.
            assert!(
                super::fonts::install(ctx),
                "install fonts-noto-cjk to run the panel tests"
            );
        })
        .build_ui_state(
            |ui, state: &mut State| {
                let actions = state.debugger.ui(ui, &state.model, &state.view, state.lang);
                state.actions.extend(actions);
            },
            state,
        );
    harness.run();
    harness
}

const ARGS: &str = "Arguments (JSON array, $type tags allowed)";

/// Replaces the text of the editor labelled `label` with `text`.
fn retype(harness: &mut Harness<'static, State>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn journal_with_a_listening_page() -> Journal {
    let journal = Journal::new();
    journal.append(
        Kind::Lifecycle,
        json!({"event": "created", "webContentsId": 1}),
    );
    journal.append(
        Kind::Listener,
        json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": 1}),
    );
    journal
}

#[test]
fn the_composer_offers_the_pages_channels_checks_the_args_and_fires_a_push() {
    let mut harness = harness(journal_with_a_listening_page(), DebugView::default());
    // The page listens on testMsg: one click puts it in the channel field.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "testMsg")
        .click();
    harness.run();

    retype(&mut harness, ARGS, "[1,");
    assert!(
        harness
            .query_by_label_contains("line 1, column 3")
            .is_some(),
        "a JSON mistake is shown while typing"
    );
    harness.get_by_label("Send to the page").click();
    harness.run();
    assert!(
        harness.state().actions.is_empty(),
        "nothing is sent while the args are bad"
    );

    retype(&mut harness, ARGS, r#"["hello", {"$type": "undefined"}]"#);
    harness.get_by_label("Send to the page").click();
    harness.run();
    let fired = match harness.state().actions.as_slice() {
        [Action::Core(Command::Push { wc, channel, args })] => (*wc, channel.clone(), args.clone()),
        other => panic!("expected one push, got {other:?}"),
    };
    assert_eq!(
        fired,
        (
            1,
            "testMsg".to_string(),
            json!(["hello", {"$type": "undefined"}])
        )
    );

    // The history fires it again.
    harness.get_by_label("Again").click();
    harness.run();
    assert_eq!(harness.state().actions.len(), 2);
}

#[test]
fn a_held_send_is_edited_and_forwarded_or_dropped() {
    let view = DebugView {
        breakpoints: vec![Breakpoint {
            channel: Some("test-call".into()),
            direction: None,
        }],
        held: vec![Held {
            id: 7,
            kind: Kind::Send,
            web_contents_id: 1,
            channel: "test-call".into(),
            args: json!(["你好"]),
            since: std::time::SystemTime::now(),
        }],
        ..Default::default()
    };
    let mut harness = harness(journal_with_a_listening_page(), view);
    let held = "held send 'test-call' (renderer #1 → main)";
    assert_eq!(
        harness.get_by_label(held).value().as_deref(),
        Some("[\n  \"你好\"\n]"),
        "the held args are shown for editing"
    );
    retype(&mut harness, held, r#"["edited"]"#);
    harness.get_by_label("Forward").click();
    harness.run();
    harness.get_by_label("Drop").click();
    harness.run();
    match harness.state().actions.as_slice() {
        [Action::Core(Command::Forward {
            id: 7,
            args: Some(args),
        }), Action::Core(Command::DropHeld { id: 7 })] => {
            assert_eq!(args, &json!(["edited"]));
        }
        other => panic!("expected forward then drop, got {other:?}"),
    }
}

fn held_results() -> DebugView {
    let held = |id, kind, channel: &str, args| Held {
        id,
        kind,
        web_contents_id: 1,
        channel: channel.into(),
        args,
        since: std::time::SystemTime::now(),
    };
    DebugView {
        breakpoints: vec![Breakpoint {
            channel: None,
            direction: Some(Direction::ToRenderer),
        }],
        held: vec![
            held(3, Kind::InvokeResult, "readFileEvent", json!("文本")),
            held(
                4,
                Kind::SendSyncResult,
                "ask",
                json!({"$type": "undefined"}),
            ),
        ],
        ..Default::default()
    }
}

#[test]
fn a_held_invoke_result_is_listed_on_its_way_to_the_page_and_forwarded_edited() {
    let mut harness = harness(journal_with_a_listening_page(), held_results());
    let result = "held result of invoke 'readFileEvent' (main → renderer #1)";
    assert_eq!(
        harness.get_by_label(result).value().as_deref(),
        Some("\"文本\""),
        "the result the page will get is shown for editing"
    );
    harness.get_by_label("held result of sendSync 'ask' (main → renderer #1)");
    // A result is one value, not an argument list.
    retype(&mut harness, result, "\"新的\"");
    harness.get_all_by_label("Forward").next().unwrap().click();
    harness.run();
    match harness.state().actions.as_slice() {
        [Action::Core(Command::Forward {
            id: 3,
            args: Some(args),
        })] => assert_eq!(args, &json!("新的")),
        other => panic!("expected the edited result forwarded, got {other:?}"),
    }
}

#[test]
fn a_held_result_is_labelled_in_chinese_too() {
    let harness = harness_in(Lang::Zh, journal_with_a_listening_page(), held_results());
    harness.get_by_label("已拦截 invoke 的结果 'readFileEvent' (main → renderer #1)");
    harness.get_by_label("已拦截 sendSync 的结果 'ask' (main → renderer #1)");
}

#[test]
fn adding_a_breakpoint_sends_the_new_list() {
    let mut harness = harness(journal_with_a_listening_page(), DebugView::default());
    harness.get_by_label("Hold").focus();
    harness.run();
    harness.get_by_label("Hold").type_text("save");
    harness.run();
    harness.get_by_label("Add breakpoint").click();
    harness.run();
    match harness.state().actions.as_slice() {
        [Action::Core(Command::SetBreakpoints(list))] => assert_eq!(
            list,
            &[Breakpoint {
                channel: Some("save".into()),
                direction: None
            }]
        ),
        other => panic!("expected the new breakpoint list, got {other:?}"),
    }
}
