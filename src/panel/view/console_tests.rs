//! The Console driven without a display: a message of several lines shows its first line and
//! how many are hidden; a click opens it whole with Copy and Close.

use egui_kittest::kittest::Queryable;
use serde_json::json;

use super::tests::harness;
use super::*;

const STACK: &str = "Error: boom\n    at readFile (main.js:4:11)\n    at main.js:9:1";

#[test]
fn a_message_of_several_lines_opens_whole_on_a_click() {
    let mut harness = harness(&[(
        "console",
        json!({"process": "main", "level": "error", "text": STACK}),
    )]);
    harness.run();
    harness.get_by_label("Console").click();
    harness.run();
    let row = harness.get_by_label_contains("Error: boom  (+2 more lines: click to read it whole)");
    assert!(harness.query_by_label_contains("at main.js:9:1").is_none());
    row.click();
    harness.run();
    harness.get_by_label(STACK);
    harness.get_by_label("Copy");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.query_by_label(STACK).is_none());
    assert!(harness.query_by_label("Copy").is_none());
}

#[test]
fn a_one_line_message_says_nothing_is_hidden_and_chinese_counts_lines_too() {
    let mut harness = harness(&[
        (
            "console",
            json!({"process": "main", "level": "log", "text": "one line"}),
        ),
        (
            "console",
            json!({"process": "main", "level": "error", "text": STACK}),
        ),
    ]);
    harness.state_mut().view.settings.lang = Lang::Zh;
    harness.run();
    harness.state_mut().view.tab = Tab::Console;
    harness.run();
    harness.get_by_label_contains("one line");
    assert!(harness.query_by_label_contains("one line  (+").is_none());
    harness.get_by_label_contains("Error: boom  (+2 行未显示：点击查看全文)");
}
