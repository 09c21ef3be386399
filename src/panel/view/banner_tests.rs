//! The banner driven without a display: a main.js that cannot start, as the core journals it,
//! shows where and offers Restart, in both languages.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use serde_json::Value;

use super::tests::harness;
use super::*;
use crate::lab::CannotStart;
use crate::runtime::compile_check::CompileCheck;

/// The `error` entry the core journals for `source` as the lab's main.js.
fn cannot_start(source: &str) -> Value {
    let check = CompileCheck::new().expect("a QuickJS engine");
    let wrapped = crate::runtime::commonjs_wrapped(source);
    let error = check
        .compile(&wrapped, "/labs/02-invoke/main.js")
        .expect_err("a syntax error");
    CannotStart::compile("main.js", source, error).journal_fields()
}

/// The top bar's Restart and the banner's, drawn after it: the banner's asks for a restart.
fn press_the_banners_restart(harness: &mut Harness<'static, super::tests::Probe>) {
    let restarts: Vec<_> = harness.get_all_by_label("Restart").collect();
    assert_eq!(restarts.len(), 2);
    restarts[1].click();
    harness.run();
    assert!(matches!(
        harness.state().actions.as_slice(),
        [Action::Restart]
    ));
}

#[test]
fn a_main_js_that_cannot_start_shows_where_and_restart_asks_for_a_restart() {
    let mut harness = harness(&[("error", cannot_start("const a = 1\nconst x = ;\n"))]);
    harness.run();
    harness.get_by_label("⚠ main.js cannot start");
    // What is wrong and where, then the source line with a caret under the column.
    harness.get_by_label("SyntaxError: unexpected token in expression: ';' (main.js:2:11)");
    harness.get_by_label("    const x = ;\n              ^");
    press_the_banners_restart(&mut harness);
}

#[test]
fn the_banner_speaks_chinese_too() {
    let mut harness = harness(&[("error", cannot_start("const x = ;"))]);
    harness.state_mut().view.settings.lang = Lang::Zh;
    harness.run();
    harness.get_by_label("⚠ main.js 无法启动");
    harness.get_by_label("SyntaxError: unexpected token in expression: ';' (main.js:1:11)");
    harness.get_by_label_contains("它的代码一行也没有运行");
    assert_eq!(harness.get_all_by_label("重启").count(), 2);
}

#[test]
fn no_banner_when_main_js_started() {
    let mut harness = harness(&super::tests::session());
    harness.run();
    assert!(harness.query_by_label_contains("cannot start").is_none());
    assert_eq!(harness.get_all_by_label("Restart").count(), 1);
}

/// The `error` entry main journals for a preload that does not compile.
fn preload_failed() -> Value {
    let mut fields = crate::lab::preload_error(
        "/labs/02-invoke/preload.js",
        "preload.js",
        "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', { x: 1 ,, })\n",
    )
    .expect("a syntax error");
    fields["webContentsId"] = serde_json::json!(1);
    fields
}

#[test]
fn a_preload_that_did_not_compile_is_a_banner_saying_the_page_loaded_without_it() {
    let mut entries = super::tests::session();
    entries.insert(1, ("error", preload_failed()));
    let mut harness = harness(&entries);
    harness.run();
    harness.get_by_label("⚠ preload.js did not run");
    let headline = harness
        .get_all_by_label_contains("(preload.js:2:48)")
        .count();
    assert_eq!(headline, 1);
    harness.get_by_label_contains("contextBridge.exposeInMainWorld('api', { x: 1 ,, })\n");
    harness.get_by_label_contains("The page still loaded, without the preload");
    press_the_banners_restart(&mut harness);
    harness.state_mut().view.settings.lang = Lang::Zh;
    harness.run();
    harness.get_by_label("⚠ preload.js 没有运行");
    harness.get_by_label_contains("页面仍然加载了");
}
