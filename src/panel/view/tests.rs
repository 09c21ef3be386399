//! The panel driven without a display: journal entries in, AccessKit queries and clicks out.

use std::path::PathBuf;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use serde_json::{json, Value};

use super::*;
use crate::journal::{Journal, Kind};
use crate::panel::fonts;

pub(super) struct Probe {
    pub(super) view: View,
    pub(super) actions: Vec<Action>,
}

pub(super) fn lab(name: &str) -> LabInfo {
    LabInfo {
        name: name.into(),
        dir: PathBuf::from(format!("/labs/{name}")),
        readme: Some(format!("{name}: press the button")),
    }
}

pub(super) fn harness(list: &[(&str, Value)]) -> Harness<'static, Probe> {
    harness_at(list, [1500.0, 900.0], 1.0, Settings::default())
}

/// A window of `pixels` at a text size of `scale` (egui's zoom: `pixels / scale` points wide).
pub(super) fn harness_at(
    list: &[(&str, Value)],
    pixels: [f32; 2],
    scale: f32,
    settings: Settings,
) -> Harness<'static, Probe> {
    let journal = Journal::new();
    for (kind, fields) in list {
        journal.append(Kind::parse(kind).expect("a journal kind"), fields.clone());
    }
    let mut view = View::new(
        lab("02-invoke"),
        vec![lab("01-send"), lab("02-invoke"), lab("03-push")],
        settings,
    );
    view.model.ingest(journal.slice(0..usize::MAX));
    Harness::builder()
        // The detail pane reads source files on a thread and asks for a frame when done: on a
        // loaded machine that takes a few more frames than egui_kittest's default of 4.
        .with_max_steps(16)
        .with_size([pixels[0] / scale, pixels[1] / scale])
        .with_pixels_per_point(scale)
        .with_context_setup(|ctx| {
            // Tooltips at once: the tests hover and read them in the same step.
            ctx.global_style_mut(|s| s.interaction.tooltip_delay = 0.0);
            // Without a CJK font egui_kittest panics on the Chinese labels.
            assert!(
                fonts::install(ctx),
                "install fonts-noto-cjk to run the panel tests"
            );
        })
        .build_ui_state(
            // The journal lives while its rows are shown, as a run's does: large values are
            // read back from it.
            move |ui, probe: &mut Probe| {
                let _ = &journal;
                let actions = probe.view.ui(ui);
                probe.actions.extend(actions);
            },
            Probe {
                view,
                actions: Vec::new(),
            },
        )
}

pub(super) fn session() -> Vec<(&'static str, Value)> {
    vec![
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 4242}),
        ),
        (
            "listener",
            json!({"process": "main", "op": "handle", "channel": "readFileEvent"}),
        ),
        (
            "listener",
            json!({"process": "main", "op": "on", "channel": "test-call"}),
        ),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 1, "key": "electronAPI", "api": {
                "readFile": {"$type": "Function", "name": "readFile"},
                "meta": {"$type": "Object", "value": {
                    "$type": "plain",
                    "big": {"$type": "Truncated", "type": "String", "length": 5000, "value": "x"},
                }},
            }}),
        ),
        (
            "lifecycle",
            json!({"event": "loaded", "webContentsId": 1, "url": "file:///labs/02-invoke/index.html"}),
        ),
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 6, "ok": true, "result": "文件内容", "durationUs": 2500}),
        ),
        (
            "send",
            json!({"channel": "test-call", "args": ["你好，能听到我说话吗？"], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": ["你好啊"], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "console",
            json!({"process": "main", "level": "warn", "text": "主进程收到消息"}),
        ),
    ]
}

#[test]
fn rows_appear_for_journal_entries() {
    let mut harness = harness(&session());
    harness.run();
    // The handler's listener row and the invoke row.
    assert_eq!(harness.get_all_by_label("readFileEvent").count(), 2);
    harness.get_by_label_contains("[\"a.txt\"] → \"文件内容\"");
    harness.get_by_label("2.50 ms");
    // The invoke and the send.
    assert_eq!(harness.get_all_by_label("renderer #1 → main").count(), 2);
    harness.get_by_label("main → renderer #1");
    harness.get_by_label_contains("no listener");
    harness.get_by_label("9 of 10 shown");
}

#[test]
fn filters_narrow_the_rows() {
    let mut harness = harness(&session());
    harness.run();
    // The kinds are in a menu; each one says what it is.
    harness.get_by_label("Kinds: all ▼").click();
    harness.run();
    harness.get_by_label("Only messages").click();
    harness.run();
    harness.get_by_label("3 of 10 shown");
    harness.get_by_label("Kinds: 5/10 ▼").click();
    harness.run();
    // The checkboxes in the menu come after the log's cells of the same name.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "push")
        .click();
    harness.run();
    harness.get_by_label("2 of 10 shown");
    assert!(harness.query_by_label("testMsg").is_none());
    harness.state_mut().view.filter.text = "能听到".into();
    harness.run();
    harness.get_by_label("1 of 10 shown");
    assert!(harness.query_by_label("readFileEvent").is_none());
    harness.get_by_label("test-call");
}

#[test]
fn selecting_a_row_shows_its_detail() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Select a row to see every field.");
    harness.get_by_label("6").click();
    harness.run();
    harness.get_by_label("#6  invoke  readFileEvent");
    harness.get_by_label("Request");
    // One for the args, one for the result.
    assert_eq!(harness.get_all_by_label("Copy JSON").count(), 2);
    assert!(harness.get_all_by_label_contains("文件内容").count() >= 2);
    harness.get_by_label("pid 4242");
    assert_eq!(harness.state().view.selected, Some(5));
    // The arrow keys walk the shown rows: the invoke's result is part of its row.
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.get_by_label("#8  send  test-call");
    for _ in 0..2 {
        harness.key_press(egui::Key::ArrowUp);
        harness.run();
    }
    assert_eq!(harness.state().view.selected, Some(4));
}

#[test]
fn the_registry_lists_handlers_listeners_and_exposed_apis() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Registry").click();
    harness.run();
    harness.get_by_label("ipcMain.handle ✓");
    harness.get_by_label("ipcMain.on ×1");
    harness.get_by_label_contains("pushed with no listener in the page ×1");
    harness.get_by_label("ƒ readFile()");
    harness.get_by_label("String … (5000 long, cut)");
}

#[test]
fn the_console_shows_levels_and_the_windows_tab_reloads() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Console").click();
    harness.run();
    harness.get_by_label_contains("主进程收到消息");
    harness.get_by_label("Windows & labs").click();
    harness.run();
    harness.get_by_label("alive");
    harness.get_by_label("Reload").click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::Core(Command::ReloadWindow { wc: 1 })]
    ));
    harness.get_by_label("03-push: press the button");
}

#[test]
fn the_language_switch_covers_the_labels_and_samples_switch_labs() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label("消息日志");
    harness.get_by_label("显示 9 条，共 10 条");
    assert_eq!(harness.state().view.settings.lang, Lang::Zh);
    harness.get_all_by_label("03-push").next().unwrap().click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::OpenLab(dir)] if dir.ends_with("03-push")
    ));
}

#[test]
fn pause_stops_the_log_and_clear_is_an_action() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label_contains("Pause").click();
    harness.run();
    let more = Journal::new();
    for _ in 0..11 {
        more.append(
            Kind::Send,
            json!({"channel": "late", "args": [], "webContentsId": 1, "listeners": 1}),
        );
    }
    harness.state_mut().view.model.ingest(more.slice(10..11));
    harness.run();
    // Recorded (counted) but not scrolled in.
    harness.get_by_label("10 of 11 shown");
    assert!(harness.query_by_label("late").is_none());
    harness.get_by_label_contains("Clear").click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::Clear]
    ));
}

/// Run by hand (`cargo test --bin ipcscope draw_a_million -- --ignored --nocapture`): how long
/// a frame of the log takes with 1,000,000 journal entries; a figure, never a timed assertion.
#[test]
#[ignore]
fn draw_a_million_rows() {
    let journal = Journal::new();
    for i in 0..1_000_000u64 {
        journal.append(
            Kind::Send,
            json!({"channel": "test-call", "args": [format!("消息 {i}")], "webContentsId": 1, "listeners": 1}),
        );
    }
    let mut harness = harness(&[]);
    // Every row kept, as with the largest log cap: the worst case the panel may be given.
    let model = &mut harness.state_mut().view.model;
    *model = crate::panel::model::Model::with_cap(1_000_000);
    model.ingest(journal.slice(0..usize::MAX));
    harness.run();
    let frames = 20;
    let start = std::time::Instant::now();
    for _ in 0..frames {
        harness.step();
    }
    eprintln!(
        "one frame with 1,000,000 rows: {:?}",
        start.elapsed() / frames
    );
    harness.get_by_label("1000000 of 1000000 shown");
    harness.state_mut().view.filter.text = "消息 4242".into();
    let start = std::time::Instant::now();
    harness.step();
    eprintln!("the frame that filters them: {:?}", start.elapsed());
    harness.run();
    harness.get_by_label("111 of 1000000 shown");
}

#[test]
fn a_lab_that_would_not_open_is_said_in_the_panel_until_dismissed() {
    let mut harness = harness(&session());
    harness.state_mut().view.notice = Some("no lab at '/no/such/lab'".into());
    harness.run();
    harness.get_by_label("⚠ no lab at '/no/such/lab'");
    harness.get_by_label("×").click();
    harness.run();
    assert!(harness
        .query_by_label("⚠ no lab at '/no/such/lab'")
        .is_none());
}

#[test]
fn a_huge_payload_is_cut_in_the_detail_pane() {
    let big: Vec<u32> = (0..100_000).collect();
    let long = "长".repeat(50_000);
    let mut harness = harness(&[(
        "invoke",
        json!({"channel": "big", "args": [big, long], "webContentsId": 1}),
    )]);
    harness.run();
    harness.get_by_label("1").click();
    harness.run();
    harness.get_by_label("… 99800 more");
    assert_eq!(harness.get_all_by_label("Copy JSON").count(), 1);
}

#[test]
fn replay_from_the_detail_pane_opens_the_debugger_with_editable_args() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("6").click();
    harness.run();
    harness.get_by_label("Replay…").click();
    harness.run();
    assert_eq!(harness.state().view.tab, Tab::Debugger);
    let editor = "#6 invoke 'readFileEvent'";
    assert_eq!(
        harness.get_by_label(editor).value().as_deref(),
        Some("[\n  \"a.txt\"\n]")
    );
    harness.get_by_label(editor).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(editor).type_text(r#"["b.txt"]"#);
    harness.run();
    harness.get_by_label("Replay").click();
    harness.run();
    match harness.state().actions.last() {
        Some(Action::Core(Command::Replay {
            seq: 6,
            args: Some(args),
        })) => assert_eq!(args, &json!(["b.txt"])),
        other => panic!("expected a replay of #6, got {other:?}"),
    }
    // The original result is shown for comparison.
    assert!(harness
        .query_by_label_contains("original #6: \"文件内容\"")
        .is_some());
}

#[test]
fn the_log_marks_what_the_debugger_did_to_a_message() {
    let mut harness = harness(&[
        (
            "push",
            json!({"channel": "testMsg", "args": ["hi"], "webContentsId": 1, "listeners": 1, "origin": "panel"}),
        ),
        (
            "invoke",
            json!({"channel": "add", "args": [1], "webContentsId": 1, "replayOf": 1}),
        ),
        (
            "send",
            json!({"channel": "c", "args": ["b"], "webContentsId": 1, "listeners": 1, "held": true, "editedFrom": ["a"]}),
        ),
        (
            "send",
            json!({"channel": "c", "args": ["x"], "webContentsId": 1, "listeners": 0, "fault": {"dropped": true}}),
        ),
        (
            "send",
            json!({"channel": "c", "args": ["y"], "webContentsId": 1, "listeners": 0, "held": true, "dropped": true}),
        ),
    ]);
    harness.run();
    harness.get_by_label(r#"[panel] ["hi"]"#);
    harness.get_by_label("[replay of #1] [1]");
    harness.get_by_label(r#"[held, edited] ["b"]"#);
    harness.get_by_label(r#"[fault {dropped: true}] ["x"]"#);
    // Dropped at a breakpoint: not a fault.
    harness.get_by_label(r#"[held, dropped] ["y"]"#);
}

#[test]
fn the_log_and_detail_mark_a_held_or_faulted_result_as_they_mark_a_request() {
    let mut harness = harness(&[
        (
            "invoke",
            json!({"channel": "add", "args": [1], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "add", "webContentsId": 1, "ref": 1, "ok": true, "result": 3, "held": true, "editedFrom": 2, "durationUs": 9}),
        ),
        (
            "invoke",
            json!({"channel": "slow", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "slow", "webContentsId": 1, "ref": 3, "ok": true, "result": "x", "fault": {"latencyMs": 300}, "durationUs": 300_000}),
        ),
        (
            "send-sync",
            json!({"channel": "ask", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "send-sync-result",
            json!({"channel": "ask", "webContentsId": 1, "ref": 5, "result": {"$type": "undefined"}, "fault": {"error": "no"}}),
        ),
    ]);
    harness.run();
    harness.get_by_label("[1] → [held, edited] 3");
    harness.get_by_label(r#"[] → [fault {latencyMs: 300}] "x""#);
    harness.get_by_label(r#"[] → [fault {error: "no"}] undefined"#);
    harness.get_by_label("1").click();
    harness.run();
    harness.get_by_label("#1  invoke  add");
    harness.get_by_label("Result [held, edited]");
}

#[test]
fn the_filter_language_narrows_the_log_and_says_what_is_wrong() {
    let mut harness = harness(&session());
    harness.run();
    let query = "Search args";
    harness.get_by_label(query).focus();
    harness
        .get_by_label(query)
        .type_text("-channel:testMsg kind:send");
    harness.run();
    harness.get_by_label("1 of 10 shown");
    harness.get_by_label("test-call");
    // A bad regex is said, and the rest of the query still filters.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(query).type_text("is:pending /a(/");
    harness.run();
    harness.get_by_label("0 of 10 shown");
    harness.get_by_label_contains("/a(/ is not a valid regular expression: unclosed group");
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label_contains("/a(/ 不是有效的正则表达式");
}

#[test]
fn the_filter_box_completes_channel_names() {
    let mut harness = harness(&session());
    harness.run();
    let query = "Search args";
    harness.get_by_label(query).focus();
    harness.get_by_label(query).type_text("is:pending -ch");
    harness.run();
    harness.get_by_label("-channel:").click();
    harness.run();
    assert_eq!(harness.state().view.filter.text, "is:pending -channel:");
    harness.get_by_label(query).type_text("test");
    harness.run();
    harness.get_by_label("-channel:testMsg");
    harness.get_by_label("-channel:test-call").click();
    harness.run();
    assert_eq!(
        harness.state().view.filter.text,
        "is:pending -channel:test-call "
    );
    // Ctrl+F comes back to the box.
    harness.get_by_label("#").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(harness.get_by_label(query).is_focused());
}

#[test]
fn kinds_columns_and_fields_explain_themselves_on_hover() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Args / result").hover();
    harness.run();
    harness.get_by_label_contains("What was sent (the arguments)");
    harness.get_all_by_label("invoke").next().unwrap().hover();
    harness.run();
    harness.get_by_label_contains("invoke: the page asks main and waits for the answer");
    harness.get_by_label("6").click();
    harness.run();
    harness
        .get_all_by_label("webContentsId")
        .next()
        .unwrap()
        .hover();
    harness.run();
    harness.get_by_label_contains("Which window: the number Electron gives");
    // The ends of a message are named by their role.
    harness.get_by_label("From");
    harness.get_by_label("To");
    harness.get_by_label("main  (the main process)");
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label("参数 / 结果").hover();
    harness.run();
    harness.get_by_label_contains("发送的内容（参数）");
    harness.get_by_label("发送方");
    harness.get_by_label("接收方");
}

#[test]
fn a_push_names_main_as_its_sender_and_the_page_as_its_receiver() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("9").click();
    harness.run();
    let from = harness.get_by_label("From").rect();
    let to = harness.get_by_label("To").rect();
    let main = harness.get_by_label("main  (the main process)").rect();
    let page = harness.get_by_label_contains("renderer #1  ").rect();
    assert!(from.top() < main.top() && main.top() < to.top() && to.top() < page.top());
}

#[test]
fn the_glossary_opens_from_the_tab_bar() {
    let mut harness = harness(&session());
    harness.run();
    harness.get_by_label("Glossary").click();
    harness.run();
    harness.get_by_label_contains("listeners: how many functions heard the message");
    harness.get_by_label("larger-than:10k");
}

/// Many rows, for the layout tests: more than any window shows at once.
fn many_rows() -> Vec<(&'static str, Value)> {
    let mut list = session();
    for i in 0..60 {
        list.push((
            "invoke",
            json!({"channel": "readFileEvent", "args": [format!("file-{i}.txt")], "webContentsId": 1}),
        ));
    }
    list
}

/// How many log rows are on screen: their `#` cells (or the detail's `seq`), inside the window.
fn rows_on_screen(harness: &Harness<'static, Probe>, window: egui::Rect) -> usize {
    (1..=80)
        .filter(|seq| {
            harness
                .query_all_by_label(&seq.to_string())
                .any(|n| window.contains_rect(n.rect()))
        })
        .count()
}

#[test]
fn at_200_percent_in_1280_by_800_the_log_shows_rows_and_every_column_title() {
    for lang in [Lang::En, Lang::Zh] {
        let settings = Settings {
            lang,
            scale: 2.0,
            ..Settings::default()
        };
        let mut harness = harness_at(&many_rows(), [1280.0, 800.0], 2.0, settings);
        harness.state_mut().view.tab = Tab::Log;
        harness.run();
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 400.0));
        // The last row selected: the detail pane shows under the log.
        harness.key_press(egui::Key::ArrowUp);
        harness.run();
        assert!(harness.state().view.selected.is_some());
        // The selected row, the last one, is in view above the detail pane.
        // (The detail's `seq` field says 70 too, further down.)
        let last = harness
            .get_all_by_label("70")
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap();
        let detail = harness
            .get_all_by_label(lang.tr("Detail"))
            .next()
            .unwrap()
            .rect();
        assert!(
            window.contains_rect(last) && last.bottom() <= detail.top(),
            "{lang:?}: the last row at {last:?}, the detail at {detail:?}"
        );
        let rows = rows_on_screen(&harness, window);
        assert!(rows >= 4, "{lang:?}: {rows} rows on screen");
        // The time goes first when the columns do not fit (the detail pane has it).
        assert!(harness.query_by_label(lang.tr("Time")).is_none());
        for title in ["#", "Kind", "Channel", "Args / result", "Duration"] {
            let title = lang.tr(title);
            let rect = harness.get_by_label(title).rect();
            assert!(window.contains_rect(rect), "{title} at {rect:?}");
        }
        harness.get_by_label(lang.tr("Detail"));
        // The languages stay on one line, and the text size beside its menu.
        let english = harness.get_by_label("English").rect();
        let chinese = harness.get_by_label("中文").rect();
        assert_eq!(english.center().y, chinese.center().y);
        // The label and its menu (named after it).
        let rows: Vec<f32> = harness
            .get_all_by_label(lang.tr("Text size"))
            .map(|n| n.rect().center().y)
            .collect();
        assert_eq!(rows.len(), 2);
        assert!((rows[0] - rows[1]).abs() < 2.0, "{rows:?}");
    }
}

#[test]
fn at_100_percent_in_1920_by_1080_every_column_fits_and_the_detail_pane_can_go() {
    let mut harness = harness_at(&many_rows(), [1920.0, 1080.0], 1.0, Settings::default());
    harness.state_mut().view.tab = Tab::Log;
    harness.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0));
    harness.get_by_label("70").click();
    harness.run();
    let detail = harness.get_by_label("Detail").rect();
    for title in COLUMN_TITLES {
        let rect = harness.get_by_label(title).rect();
        assert!(
            window.contains_rect(rect) && rect.right() < detail.left(),
            "{title} at {rect:?}"
        );
    }
    harness.get_by_label("Hide").click();
    harness.run();
    assert!(!harness.state().view.settings.detail_open);
    assert!(harness.query_by_label("Detail").is_none());
    harness.get_by_label("Detail pane").click();
    harness.run();
    harness.get_by_label("Detail");
}

const COLUMN_TITLES: [&str; 7] = log::COLUMNS;

#[test]
fn the_readme_shows_the_current_language_first_and_folds() {
    let mut harness = harness(&session());
    harness.state_mut().view.lab.readme = Some(
        "# 01 单向 · One-way\n\n**中文**：点击按钮。\n\n**English**: press the button.\n".into(),
    );
    harness.run();
    harness.get_by_label("One-way");
    harness.get_by_label("English: press the button.");
    assert!(harness.query_by_label("中文：点击按钮。").is_none());
    harness.get_by_label("中文").click();
    harness.run();
    harness.get_by_label("01 单向");
    harness.get_by_label("中文：点击按钮。");
    harness.get_by_label_contains("说明").click();
    harness.run();
    assert!(!harness.state().view.settings.readme_open);
    assert!(harness.query_by_label("01 单向").is_none());
}
