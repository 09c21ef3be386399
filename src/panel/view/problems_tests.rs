//! The Problems tab driven without a display: journal entries of a lab making mistakes in,
//! the list, its words in both languages, and a click on a row out.

use std::path::PathBuf;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use serde_json::{json, Value};

use super::problems::explain;
use super::*;
use crate::journal::{Journal, Kind};
use crate::panel::fonts;
use crate::panel::i18n::problems::ZH as LABELS;
use crate::panel::model::problems::{Problem, ProblemKind};

fn harness(entries: &[(&str, Value)], lang: Lang) -> Harness<'static, View> {
    let journal = Journal::new();
    for (kind, fields) in entries {
        journal.append(Kind::parse(kind).expect("a journal kind"), fields.clone());
    }
    let lab = LabInfo {
        name: "problem-late-handler".into(),
        dir: PathBuf::from("/labs/problem-late-handler"),
        readme: None,
    };
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let mut view = View::new(lab, Vec::new(), settings);
    view.model.ingest(journal.slice(0..usize::MAX));
    Harness::builder()
        // The detail pane reads source files on a thread and asks for a frame when done: on a
        // loaded machine that takes a few more frames than egui_kittest's default of 4.
        .with_max_steps(16)
        .with_size([1280.0, 800.0])
        .with_context_setup(|ctx| {
            // Without a CJK font egui_kittest panics on the Chinese labels.
            assert!(
                fonts::install(ctx),
                "install fonts-noto-cjk to run the panel tests"
            );
        })
        .build_ui_state(
            |ui, view: &mut View| {
                view.ui(ui);
            },
            view,
        )
}

/// What problem-late-handler journals, and a send nobody hears: two problems.
fn late_handler() -> Vec<(&'static str, Value)> {
    let rejected = json!({"channel": "load-settings", "webContentsId": 1, "ref": 3, "ok": false,
        "error": "Error invoking remote method 'load-settings': Error: No handler registered for 'load-settings'", "durationUs": 300});
    vec![
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 7}),
        ),
        (
            "lifecycle",
            json!({"event": "navigating", "webContentsId": 1, "url": "file:///labs/problem-late-handler/index.html"}),
        ),
        (
            "invoke",
            json!({"channel": "load-settings", "args": [], "webContentsId": 1}),
        ),
        ("invoke-result", rejected),
        (
            "listener",
            json!({"process": "main", "op": "handle", "channel": "load-settings",
                "initiator": {"file": "main.js", "line": 11, "column": 11}}),
        ),
        (
            "send",
            json!({"channel": "set-title", "args": ["x"], "webContentsId": 1, "listeners": 0}),
        ),
    ]
}

#[test]
fn the_problems_tab_counts_explains_and_leads_to_the_row() {
    let mut harness = harness(&late_handler(), Lang::En);
    harness.run();
    harness.get_by_label("Problems  ⚠ 2").click();
    harness.run();
    assert_eq!(harness.state().tab, Tab::Problems);
    harness.get_by_label("The handler was registered too late");
    harness.get_by_label_contains(
        "The page called invoke('load-settings') before main.js had registered ipcMain.handle('load-settings').",
    );
    harness.get_by_label_contains("at the top of main.js, or in app.whenReady()");
    harness.get_by_label("Nobody in main listens to this channel");
    harness.get_by_label("set-title");
    // The invoke's row (its result shows on it) and where the handler came.
    harness.get_by_label("#3");
    harness.get_by_label("#5").click();
    harness.run();
    let view = harness.state();
    assert_eq!(view.tab, Tab::Log);
    let selected = view.selected.and_then(|i| view.model.row(i)).map(|r| r.seq);
    assert_eq!(selected, Some(5), "the handler's listener row");
    assert!(view.filter.shows(crate::panel::model::RowKind::Listener));
}

#[test]
fn the_problems_tab_in_chinese() {
    let mut harness = harness(&late_handler(), Lang::Zh);
    harness.run();
    harness.get_by_label("问题  ⚠ 2").click();
    harness.run();
    harness.get_by_label("处理器注册得太晚了");
    harness.get_by_label_contains(
        "页面调用 invoke('load-settings') 时，main.js 还没有注册 ipcMain.handle('load-settings')。",
    );
    harness.get_by_label_contains("放在 main.js 的最上面，或者放在 app.whenReady() 里");
    harness.get_by_label("主进程里没有人监听这个通道");
    // Each of the two problems has its fix and its rows.
    assert_eq!(harness.get_all_by_label("怎么改：").count(), 2);
    assert_eq!(harness.get_all_by_label("日志中的行：").count(), 2);
}

#[test]
fn a_lab_without_mistakes_shows_what_is_looked_for() {
    let entries = vec![
        (
            "listener",
            json!({"process": "main", "op": "on", "channel": "test-call"}),
        ),
        (
            "send",
            json!({"channel": "test-call", "args": ["你好"], "webContentsId": 1, "listeners": 1}),
        ),
    ];
    let mut harness = harness(&entries, Lang::En);
    harness.run();
    harness.get_by_label("Problems").click();
    harness.run();
    harness.get_by_label("No problems found so far.");
    harness.get_by_label("• The handler was registered too late");
    harness.get_by_label("• The whole ipcRenderer is given to the page");
}

#[test]
fn every_problem_reads_in_both_languages() {
    for kind in ProblemKind::ALL {
        let problem = Problem {
            kind,
            subject: "ch".into(),
            count: 3,
            rows: vec![1],
            details: vec!["args[0].f is a Function".into()],
        };
        let (en, zh) = (explain(&problem, Lang::En), explain(&problem, Lang::Zh));
        for (english, chinese) in [
            (en.title, zh.title),
            (&en.what, &zh.what),
            (&en.fix, &zh.fix),
        ] {
            assert_ne!(english, chinese, "{kind:?}: not translated");
            for placeholder in ["{name}", "{count}", "{detail}"] {
                assert!(!english.contains(placeholder), "{kind:?}: {english}");
                assert!(!chinese.contains(placeholder), "{kind:?}: {chinese}");
            }
        }
    }
    // The tab's words are found as written (no other table has them first).
    for (english, chinese) in LABELS {
        assert_eq!(Lang::Zh.tr(english), *chinese);
    }
}

#[test]
fn a_page_kept_home_by_main_js_is_told_apart_from_one_ipcscope_stopped() {
    let mut problem = Problem {
        kind: ProblemKind::LeftTheLab,
        subject: "https://example.org/".into(),
        count: 1,
        rows: vec![4],
        details: vec!["will-navigate".into()],
    };
    let by_main_js = explain(&problem, Lang::En);
    assert_eq!(by_main_js.title, "main.js kept the page where it was");
    assert!(by_main_js
        .what
        .contains("will-navigate listener stopped it"));
    assert_eq!(
        explain(&problem, Lang::Zh).title,
        "main.js 让页面留在了原处"
    );
    problem.details = vec!["ipcscope".into()];
    let by_ipcscope = explain(&problem, Lang::En);
    assert_eq!(by_ipcscope.title, "The page tried to leave the lab");
    assert!(by_ipcscope
        .what
        .contains("The page tried to open https://example.org/"));
}
