//! A page cannot take itself, and the lab's preload with it, out of the lab: navigations to
//! another folder's files are stopped and journaled; pages inside the lab are reached as usual.

mod common;

use common::*;

#[test]
fn a_page_cannot_navigate_out_of_the_lab_but_moves_within_it() {
    let run = LabRun::start(&test_lab("navigate-away"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let errors: Vec<&str> = entries(&journal, "error")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    let other_lab = std::fs::canonicalize(test_lab("robust").join("index.html")).unwrap();
    for url in [
        "file:///etc/passwd".to_string(),
        format!("file://{}", other_lab.display()),
    ] {
        assert!(
            errors
                .iter()
                .any(|t| t.contains(&format!("the page tried to leave the lab for '{url}'"))),
            "{url}: {errors:#?}"
        );
    }
    assert!(has_console(&journal, "renderer", "still at index.html"));
    assert!(has_console(
        &journal,
        "renderer",
        "moved within the lab to other.html"
    ));
    let pages: Vec<&str> = entries(&journal, "lifecycle")
        .iter()
        .filter(|e| e["event"] == "navigating")
        .filter_map(|e| e["url"].as_str())
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[0].ends_with("/index.html") && pages[1].contains("/other.html"));
}
