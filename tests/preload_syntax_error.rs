//! A preload that does not compile: main says so once, in Electron's words, with where, and the
//! page still loads without it.

mod common;

use common::*;

#[test]
fn a_preload_with_a_syntax_error_is_journaled_once_with_where_and_the_page_loads() {
    let mut run = LabRun::start(&test_lab("preload-syntax-error"), None, 60);
    let journal = run.wait_for("the page's console line", |j| {
        has_console(j, "renderer", "api is undefined")
    });
    let errors: Vec<_> = entries(&journal, "error")
        .into_iter()
        .filter(|e| {
            e["text"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Unable to load preload script:")
        })
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "said once, not again by the page: {journal:#?}"
    );
    let error = errors[0];
    let text = error["text"].as_str().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("preload.js"), "{text}");
    assert!(lines[1].starts_with("SyntaxError: "), "{text}");
    assert_eq!(error["file"], "preload.js");
    assert_eq!((&error["line"], &error["column"]), (&2.into(), &48.into()));
    assert_eq!(
        error["sourceLine"],
        "contextBridge.exposeInMainWorld('api', { x: 1 ,, })"
    );
    assert_eq!(error["webContentsId"], 1);
    assert!(
        !entries(&journal, "lifecycle").is_empty(),
        "the window opened: {journal:#?}"
    );
}
