//! The Sequence tab driven as a user would, through egui_kittest (no display): clicking arrows,
//! the log and the diagram selecting the same message, step-through, the exports.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use serde_json::{json, Value};

use super::*;
use crate::core::debugger::{DebugView, Held};
use crate::journal::{Journal, Kind};
use crate::panel::export::tests::{check_mermaid, svg_texts};
use crate::panel::fonts;
use crate::panel::model::sequence::tests::{invoke_sample, push_sample, send_sample};

struct Probe {
    view: View,
    actions: Vec<Action>,
}

fn harness_with(list: &[(&str, Value)], debug: DebugView) -> Harness<'static, Probe> {
    let journal = Journal::new();
    for (kind, fields) in list {
        journal.append(Kind::parse(kind).expect("a journal kind"), fields.clone());
    }
    let lab = LabInfo {
        name: "03-push".into(),
        dir: PathBuf::from("/labs/03-push"),
        readme: None,
    };
    let mut view = View::new(lab.clone(), vec![lab], Settings::default());
    view.model.ingest(journal.slice(0..usize::MAX));
    view.tab = Tab::Sequence;
    view.debug_view = Arc::new(Mutex::new(debug));
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        // The detail pane reads the lab's files on a thread that wakes the panel when done.
        .with_max_steps(16)
        .with_context_setup(|ctx| {
            // Without a CJK font egui_kittest panics on the Chinese labels.
            assert!(
                fonts::install(ctx),
                "install fonts-noto-cjk to run the panel tests"
            );
        })
        .build_ui_state(
            |ui, probe: &mut Probe| {
                let actions = probe.view.ui(ui);
                probe.actions.extend(actions);
            },
            Probe {
                view,
                actions: Vec::new(),
            },
        );
    harness.run();
    harness
}

fn harness(list: &[(&str, Value)]) -> Harness<'static, Probe> {
    harness_with(list, DebugView::default())
}

/// The log row (its index among all rows) of journal entry `seq`.
fn row_of(harness: &Harness<'static, Probe>, seq: u64) -> usize {
    let model = &harness.state().view.model;
    (0..model.row_count())
        .find(|&i| model.row(i).is_some_and(|r| r.seq == seq))
        .expect("a row")
}

#[test]
fn clicking_an_arrow_selects_its_row_in_the_log_and_the_detail_pane() {
    let mut harness = harness(&invoke_sample());
    harness.get_by_label("Click an arrow to see what happened and the code behind it.");
    harness
        .get_by_label(
            "window.electronAPI.readFile('a.txt')  ipcRenderer.invoke('readFileEvent', 'a.txt')",
        )
        .click();
    harness.run();
    assert_eq!(harness.state().view.selected, Some(row_of(&harness, 7)));
    harness.get_by_label("#7  invoke  readFileEvent");
    harness.get_by_label_contains("The page called window.electronAPI.readFile('a.txt')");
    harness.get_by_label("Sent here  preload.js:4  readFile()");
    harness.get_by_label("Received here  main.js:18");
    // The log shows the same row selected.
    harness.get_by_label("Log").click();
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, "7")
            .accesskit_node()
            .toggled(),
        Some(Toggled::True),
        "the log's row #7 is selected"
    );
    // The answer's arrow belongs to the same row.
    harness.get_by_label("Sequence").click();
    harness.run();
    harness.state_mut().view.selected = None;
    harness.run();
    harness
        .get_by_label("→ '这是 a.txt 的内容'  0.55 ms")
        .click();
    harness.run();
    assert_eq!(harness.state().view.selected, Some(row_of(&harness, 7)));
}

#[test]
fn before_the_first_message_the_diagram_says_what_to_do() {
    let hint = "No message yet: use the lab's window (press its button) and each message is drawn here as it happens.";
    let mut list = send_sample();
    let send = list.iter().position(|(kind, _)| *kind == "send").unwrap();
    list.truncate(send);
    let harness = harness(&list);
    harness.get_by_label(hint);
    harness.get_by_label("window.electronAPI = {sendMsg}");
    let harness = self::harness(&send_sample());
    assert!(harness.query_by_label(hint).is_none());
}

#[test]
fn a_row_selected_in_the_log_is_the_selected_arrow_in_the_diagram() {
    let mut harness = harness(&push_sample());
    harness.get_by_label("Log").click();
    harness.run();
    harness.get_by_label("10").click();
    harness.run();
    harness.get_by_label("Sequence").click();
    harness.run();
    let push = "webContents.send('testMsg', '你好啊，我是主进程（第 2 次）')";
    assert_eq!(
        harness.get_by_label(push).accesskit_node().toggled(),
        Some(Toggled::True)
    );
    assert_eq!(
        harness
            .get_by_label("webContents.send('testMsg', '你好啊，我是主进程')")
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );
    // The detail pane tells what caused it.
    harness.get_by_label_contains("It did so while handling message #9 (send 'please-push').");
    // The arrow keys walk the messages in the diagram too.
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().view.selected, Some(row_of(&harness, 9)));
}

fn stepping(held: Vec<Held>) -> DebugView {
    DebugView {
        stepping: true,
        held,
        ..DebugView::default()
    }
}

fn held_send() -> Held {
    Held {
        id: 3,
        kind: Kind::Send,
        web_contents_id: 1,
        channel: "test-call".into(),
        args: json!(["你好"]),
        since: std::time::SystemTime::now(),
    }
}

fn steps(harness: &Harness<'static, Probe>) -> usize {
    harness
        .state()
        .actions
        .iter()
        .filter(|a| matches!(a, Action::Core(Command::Step)))
        .count()
}

#[test]
fn step_through_lets_one_message_through_per_next_space_or_right_arrow() {
    let mut harness = harness_with(&invoke_sample(), stepping(vec![held_send()]));
    // The held message is drawn, dashed, waiting.
    harness.get_by_label("‖ ipcRenderer.send('test-call', '你好')   held: Next lets it through");
    harness.get_by_label("1 held");
    harness.get_by_label("Next ▶").click();
    harness.run();
    assert_eq!(steps(&harness), 1, "one Step per press of Next");
    harness.key_press(egui::Key::Space);
    harness.run();
    assert_eq!(steps(&harness), 2, "one Step per press of space");
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(steps(&harness), 3, "one Step per press of the right arrow");
    assert_eq!(
        harness.state().actions.len(),
        3,
        "{:?}",
        harness.state().actions
    );
    // Off: the switch asks the core to stop holding; the keys do nothing.
    harness.get_by_label("Step through").click();
    harness.run();
    assert!(matches!(
        harness.state().actions.last(),
        Some(Action::Core(Command::SetStepping(false)))
    ));
}

#[test]
fn with_nothing_held_the_keys_step_nothing_and_the_switch_and_speed_are_commands() {
    let mut harness = harness(&invoke_sample());
    assert!(harness
        .get_by_label("Next ▶")
        .accesskit_node()
        .is_disabled());
    harness.key_press(egui::Key::Space);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(steps(&harness), 0);
    harness.get_by_label("Step through").click();
    harness.run();
    harness.get_by_label("1/10x").click();
    harness.run();
    match harness.state().actions.as_slice() {
        [Action::Core(Command::SetStepping(true)), Action::Core(Command::SetPace(10))] => {}
        other => panic!("expected stepping on, then 1/10x: {other:?}"),
    }
}

fn saved(harness: &Harness<'static, Probe>, name: &str) -> Vec<u8> {
    harness
        .state()
        .actions
        .iter()
        .find_map(|a| match a {
            Action::SaveFile { name: n, bytes } if n == name => Some(bytes.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {name} saved: {:?}", harness.state().actions))
}

#[test]
fn the_exports_of_the_diagram_parse() {
    let mut harness = harness(&push_sample());
    harness.get_by_label("SVG").click();
    harness.get_by_label("Mermaid").click();
    harness.run();
    let svg = String::from_utf8(saved(&harness, "sequence.svg")).unwrap();
    let texts = svg_texts(&svg);
    assert!(
        texts.iter().any(|t| t == "window.electronAPI.askForMsg()"),
        "{texts:?}"
    );
    let mermaid = String::from_utf8(saved(&harness, "sequence.mmd")).unwrap();
    check_mermaid(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
    assert!(
        mermaid.contains("R1->>M: ipcRenderer.send('please-push')"),
        "{mermaid}"
    );
}

#[test]
fn a_span_marked_with_shift_click_is_what_is_exported() {
    let mut harness = harness(&push_sample());
    harness
        .get_by_label("window.electronAPI.askForMsg()  ipcRenderer.send('please-push')")
        .click();
    harness.run();
    harness
        .get_by_label("webContents.send('testMsg', '你好啊，我是主进程（第 2 次）')")
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("Export #9–#10");
    harness.get_by_label("Mermaid").click();
    harness.run();
    let mermaid = String::from_utf8(saved(&harness, "sequence.mmd")).unwrap();
    check_mermaid(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
    assert!(mermaid.contains("please-push"), "{mermaid}");
    assert!(
        !mermaid.contains("'你好啊，我是主进程')"),
        "the first push is outside: {mermaid}"
    );
}

#[test]
fn the_png_is_the_diagram_cut_out_of_a_screenshot() {
    let mut harness = harness(&push_sample());
    harness.get_by_label("PNG").click();
    harness.step();
    let callback = harness
        .output()
        .viewport_output
        .values()
        .flat_map(|v| v.commands.iter())
        .find_map(|c| match c {
            egui::ViewportCommand::Screenshot(callback) => Some(callback.clone()),
            _ => None,
        })
        .expect("a screenshot asked for");
    let diagram = harness
        .state()
        .view
        .sequence
        .shown()
        .expect("the diagram was shown");
    // The integration's screenshot: the whole window, one point a pixel here.
    let size = [1400, 900];
    let image = egui::ColorImage::new(size, vec![egui::Color32::GRAY; size[0] * size[1]]);
    callback.complete(Arc::new(image));
    harness.run();
    let bytes = saved(&harness, "sequence.png");
    let mut reader = ::png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    // Whole pixels: the edges may round either way.
    assert!(
        info.width.abs_diff(diagram.width() as u32) <= 1
            && info.height.abs_diff(diagram.height() as u32) <= 1,
        "{info:?} for {diagram:?}"
    );
    assert!(info.width > 400 && info.height > 200, "{info:?}");
}

#[test]
fn the_diagram_and_its_explanation_read_in_chinese() {
    let mut harness = harness(&invoke_sample());
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label("页面 · 窗口 #1");
    harness.get_by_label("主进程（main.js）");
    harness.get_by_label("下一条 ▶");
    harness.get_by_label("点击一个箭头，看看发生了什么，以及背后的代码。");
    harness
        .get_by_label(
            "window.electronAPI.readFile('a.txt')  ipcRenderer.invoke('readFileEvent', 'a.txt')",
        )
        .click();
    harness.run();
    harness.get_by_label("发生了什么");
    harness.get_by_label_contains("页面调用了 window.electronAPI.readFile('a.txt')");
    harness.get_by_label("发出的位置  preload.js:4  readFile()");
}

#[test]
fn at_twice_the_text_size_every_control_is_still_there() {
    let mut harness = harness_with(&push_sample(), stepping(vec![held_send()]));
    harness.state_mut().view.settings.scale = 2.0;
    harness.run();
    for label in ["Step through", "Next ▶", "1/4x", "SVG", "Mermaid", "PNG"] {
        harness.get_by_label(label);
    }
    harness
        .get_by_label("window.electronAPI.askForMsg()  ipcRenderer.send('please-push')")
        .click();
    harness.run();
    harness.get_by_label("#9  send  please-push");
}

/// Run by hand (`cargo test --release --bin ipcscope a_hundred_thousand_arrows -- --ignored
/// --nocapture`): how long folding 100,000 messages into the diagram and drawing a frame of it
/// take; a figure, never a timed assertion.
#[test]
#[ignore]
fn draw_a_hundred_thousand_arrows() {
    let journal = Journal::new();
    journal.append(
        Kind::Lifecycle,
        json!({"event": "created", "webContentsId": 1}),
    );
    journal.append(
        Kind::Lifecycle,
        json!({"event": "exposed", "webContentsId": 1, "key": "electronAPI",
               "api": {"readFile": {"$type": "Function", "name": "readFile"}}}),
    );
    let at = json!({"file": "preload.js", "line": 4, "column": 31, "function": "readFile"});
    while journal.len() < 100_002 {
        let seq = journal.append(
            Kind::Invoke,
            json!({"channel": "readFileEvent", "args": [format!("{}.txt", journal.len())], "webContentsId": 1, "initiator": at}),
        );
        journal.append(
            Kind::InvokeResult,
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": seq, "ok": true, "result": "text", "durationUs": 500}),
        );
        journal.append(
            Kind::Push,
            json!({"channel": "testMsg", "args": ["你好"], "webContentsId": 1, "listeners": 1, "cause": seq}),
        );
    }
    let mut harness = harness(&[]);
    let entries = journal.slice(0..usize::MAX);
    let start = std::time::Instant::now();
    harness.state_mut().view.model.ingest(entries);
    eprintln!(
        "ingest 100,000 messages into the log and the diagram: {:?}",
        start.elapsed()
    );
    harness.run();
    let frames = 20;
    let start = std::time::Instant::now();
    for _ in 0..frames {
        harness.step();
        // What a frame costs on the CPU before the GPU: the ui pass and tessellating its shapes.
        let output = harness.output();
        let shapes = output.shapes.clone();
        let ppp = output.pixels_per_point;
        let _ = harness.ctx.tessellate(shapes, ppp);
    }
    eprintln!(
        "one frame of the sequence diagram with 100,000 messages (ui and tessellation): {:?}",
        start.elapsed() / frames
    );
    assert_eq!(
        harness.state().view.model.sequence.steps().len(),
        journal.len()
    );
    // Following the tail: the last invoke is on screen, the first is not.
    let last = format!(
        "window.electronAPI.readFile('{}.txt')  ipcRenderer.invoke('readFileEvent', '{}.txt')",
        journal.len() - 3,
        journal.len() - 3
    );
    harness.get_by_label(&last);
    assert!(harness
        .query_by_label_contains("readFile('2.txt')")
        .is_none());
}

#[test]
fn the_diagram_follows_the_tail_and_scrolls_back_to_a_row_selected_in_the_log() {
    let list: Vec<(&str, Value)> = (0..300)
        .map(|i| {
            (
                "send",
                json!({"channel": "tick", "args": [format!("n{i}")], "webContentsId": 1, "listeners": 1}),
            )
        })
        .collect();
    let mut harness = harness(&list);
    // Only what is on screen is drawn: the last message, not the first.
    harness.get_by_label("ipcRenderer.send('tick', 'n299')");
    assert!(harness
        .query_by_label("ipcRenderer.send('tick', 'n0')")
        .is_none());
    // Selected in the log: the diagram goes there.
    harness.state_mut().view.selected = Some(row_of(&harness, 1));
    harness.run();
    let first = harness.get_by_label("ipcRenderer.send('tick', 'n0')");
    assert_eq!(first.accesskit_node().toggled(), Some(Toggled::True));
    assert!(harness
        .query_by_label("ipcRenderer.send('tick', 'n299')")
        .is_none());
}
