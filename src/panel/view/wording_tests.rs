//! Words on the panel as a beginner reads them: the theme shown is the theme in use, and an
//! invoke nobody handles is said plainly in the log with Electron's exact words in the detail.

use egui_kittest::kittest::Queryable;
use serde_json::json;

use super::tests::harness;

#[test]
fn the_theme_choice_shows_the_theme_in_use() {
    let mut harness = harness(&[]);
    harness.state_mut().view.settings.dark = true;
    harness.run();
    // The choice shows the theme in use.
    let value =
        |h: &egui_kittest::Harness<'static, super::tests::Probe>| h.get_by_label("Theme").value();
    assert_eq!(value(&harness).as_deref(), Some("Theme: Dark"));
    harness.get_by_label("Theme").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    assert!(!harness.state().view.settings.dark);
    assert_eq!(value(&harness).as_deref(), Some("Theme: Light"));
    harness.state_mut().view.settings.lang = crate::panel::i18n::Lang::Zh;
    harness.run();
    assert_eq!(
        harness.get_by_label("主题").value().as_deref(),
        Some("主题：浅色")
    );
}

#[test]
fn an_invoke_with_no_handler_is_said_plainly_and_the_detail_keeps_electron_s_words() {
    let electron = "Error invoking remote method 'readFileEvent': Error: No handler registered for 'readFileEvent'";
    let mut harness = harness(&[
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 1, "ok": false, "error": electron, "durationUs": 90}),
        ),
        (
            "error",
            json!({"process": "main", "text": "Error occurred in handler for 'readFileEvent': Error: No handler registered for 'readFileEvent'"}),
        ),
    ]);
    harness.run();
    harness.get_by_label(
        "[\"a.txt\"] → ⚠ main.js has no ipcMain.handle('readFileEvent'): nothing answers invoke on this channel",
    );
    harness.get_by_label(
        "main.js has no ipcMain.handle('readFileEvent'): nothing answers invoke on this channel",
    );
    assert!(harness
        .query_by_label_contains("Error occurred in handler")
        .is_none());
    harness.get_by_label("1").click();
    harness.run();
    assert!(harness.get_all_by_label_contains(electron).count() > 0);
}
