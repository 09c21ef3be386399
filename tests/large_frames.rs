//! Large frames from main (a 2 MiB push, an answer of 1.4 MB) arrive whole, in the order
//! main sent them, with the page's promise jobs run between two of them, in both script worlds
//! and under a Content-Security-Policy that allows the page's own files only.

mod common;

use common::*;

const IN_ORDER: &str =
    r#"["tick:before","result:same","tick:after","big:2097152","tick:after-big"]"#;

#[test]
fn large_answers_and_pushes_arrive_whole_and_in_order_with_and_without_isolation() {
    let mut run = LabRun::start(&test_lab("large-frames"), None, 90);
    let journal = run.wait_for("both windows' reports", |j| window_reports(j).len() == 2);
    for (window, seen) in window_reports(&journal) {
        assert_eq!(seen, IN_ORDER, "window {window}");
    }
    let errors = entries(&journal, "error");
    assert!(errors.is_empty(), "{errors:#?}");
    let result = find(&journal, "invoke-result", "echo").expect("the echo's result");
    assert_eq!(
        result["ok"], true,
        "the large answer is journaled as main.js gave it"
    );
}
