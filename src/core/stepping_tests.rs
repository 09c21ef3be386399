//! Step-through and slow motion at the dispatch point: every message held and let through one
//! at a time, and deliveries spaced out in order, checked through the journal and the view.

use std::time::{Duration, Instant};

use serde_json::json;

use super::debugger::{Breakpoint, Direction};
use super::test_run::{field, seq, Run};
use super::Command;
use crate::journal::Kind;

/// Journal entries that are messages (requests, pushes, replies, results).
fn messages(run: &Run) -> Vec<(String, u64)> {
    run.journal
        .slice(0..usize::MAX)
        .iter()
        .filter(|e| Kind::of(e).is_some_and(Kind::is_message))
        .map(|e| (field(e, "kind").as_str().unwrap().to_string(), seq(e)))
        .collect()
}

#[test]
fn stepping_lets_exactly_one_message_through_per_step_results_included() {
    let run = Run::start();
    run.send(Command::SetStepping(true));
    run.wait_for_view("stepping on", |v| v.stepping);
    run.invoke(1, 2);
    run.invoke(3, 4);
    run.send(Command::Push {
        wc: 1,
        channel: "fired".into(),
        args: json!(["by hand"]),
    });
    run.wait_for_view("three held", |v| v.held.len() == 3);
    assert_eq!(
        run.held(),
        [
            (Kind::Invoke, json!([1, 2])),
            (Kind::Invoke, json!([3, 4])),
            (Kind::Push, json!(["by hand"]))
        ],
        "held in the order they came, the panel's push too"
    );
    assert!(messages(&run).is_empty(), "nothing journaled while held");

    // Each step lets the oldest through; an invoke's answer is then held behind the rest.
    let steps: [(&str, Vec<(Kind, serde_json::Value)>); 5] = [
        (
            "invoke",
            vec![
                (Kind::Invoke, json!([3, 4])),
                (Kind::Push, json!(["by hand"])),
                (Kind::InvokeResult, json!(3)),
            ],
        ),
        (
            "invoke",
            vec![
                (Kind::Push, json!(["by hand"])),
                (Kind::InvokeResult, json!(3)),
                (Kind::InvokeResult, json!(7)),
            ],
        ),
        (
            "push",
            vec![
                (Kind::InvokeResult, json!(3)),
                (Kind::InvokeResult, json!(7)),
            ],
        ),
        ("invoke-result", vec![(Kind::InvokeResult, json!(7))]),
        ("invoke-result", vec![]),
    ];
    for (n, (kind, held_after)) in steps.into_iter().enumerate() {
        run.send(Command::Step);
        run.wait_for_view(&format!("step {n}: {held_after:?} held"), |v| {
            v.held
                .iter()
                .map(|h| (h.kind, h.args.clone()))
                .collect::<Vec<_>>()
                == held_after
        });
        let journaled = messages(&run);
        assert_eq!(
            journaled.len(),
            n + 1,
            "step {n} let one through: {journaled:?}"
        );
        assert_eq!(journaled[n].0, kind, "step {n}");
    }
    let results = run.entries("invoke-result");
    assert_eq!(
        results
            .iter()
            .map(|r| (field(r, "result"), field(r, "held")))
            .collect::<Vec<_>>(),
        [(json!(3), json!(true)), (json!(7), json!(true))]
    );
    run.send(Command::Step);
    run.invoke(5, 5);
    run.wait_for_view("the next invoke held", |v| v.held.len() == 1);
    assert_eq!(
        messages(&run).len(),
        5,
        "a step with nothing held does nothing"
    );
}

#[test]
fn turning_stepping_off_releases_what_it_held_in_order_and_leaves_breakpoint_holds() {
    let run = Run::start();
    run.send(Command::SetBreakpoints(vec![Breakpoint {
        channel: Some("add".into()),
        direction: Some(Direction::ToMain),
    }]));
    run.send(Command::SetStepping(true));
    run.page_send("log", json!(["a"]));
    run.invoke(1, 1);
    run.page_send("log", json!(["b"]));
    run.page_send("log", json!(["c"]));
    run.wait_for_view("four held", |v| v.held.len() == 4);

    run.send(Command::SetStepping(false));
    run.wait_for("the last console line", |e| field(e, "text") == "log: c");
    let lines: Vec<_> = run
        .entries("console")
        .iter()
        .map(|e| field(e, "text"))
        .collect();
    assert_eq!(lines, [json!("log: a"), json!("log: b"), json!("log: c")]);
    let sends: Vec<_> = run
        .entries("send")
        .iter()
        .map(|e| (field(e, "args"), field(e, "held")))
        .collect();
    assert_eq!(
        sends,
        [
            (json!(["a"]), json!(true)),
            (json!(["b"]), json!(true)),
            (json!(["c"]), json!(true))
        ]
    );
    let view = run.wait_for_view("stepping off", |v| !v.stepping);
    assert_eq!(
        run.held(),
        [(Kind::Invoke, json!([1, 1]))],
        "a breakpoint's hold stays"
    );
    assert!(run.entries("invoke").is_empty());

    // Step also takes what a breakpoint held.
    run.send(Command::Step);
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    assert_eq!(field(&run.result_of(seq(&invoke)), "result"), 2);
    assert_eq!(view.pace, 1);
}

#[test]
fn a_pace_spaces_deliveries_out_in_order_and_journals_each_as_it_arrives() {
    let run = Run::start();
    run.send(Command::SetPace(4));
    let view = run.wait_for_view("the pace", |v| v.pace == 4);
    assert!(!view.stepping);
    let started = Instant::now();
    for text in ["a", "b", "c"] {
        run.page_send("log", json!([text]));
    }
    run.invoke(2, 3);
    let invoke = run.wait_for("the invoke", |e| field(e, "kind") == "invoke");
    let result = run.result_of(seq(&invoke));
    // Four deliveries to main.js, 400 ms apart: the invoke's reached it 1200 ms after the first.
    assert!(started.elapsed() >= Duration::from_millis(1200));
    assert_eq!(field(&result, "result"), 5);
    let entries = run.journal.slice(0..usize::MAX);
    let order: Vec<String> = entries
        .iter()
        .filter_map(|e| match field(e, "kind").as_str() {
            Some("send") => Some(format!("send {}", field(e, "args")[0])),
            Some("console") => Some(field(e, "text").as_str().unwrap().to_string()),
            _ => None,
        })
        .collect();
    let heard: Vec<&String> = order.iter().filter(|o| o.starts_with("log:")).collect();
    assert_eq!(heard, ["log: a", "log: b", "log: c"]);
    for text in ["a", "b", "c"] {
        let sent = order.iter().position(|o| *o == format!("send \"{text}\""));
        let heard = order.iter().position(|o| *o == format!("log: {text}"));
        assert!(
            sent < heard,
            "{text} is journaled when it arrives, before main.js hears it"
        );
    }
    assert!(run
        .entries("send")
        .iter()
        .all(|e| field(e, "fault").is_null()));

    run.send(Command::SetPace(1));
    run.wait_for_view("normal speed", |v| v.pace == 1);
    run.page_send("log", json!(["d"]));
    run.wait_for("the send at normal speed", |e| field(e, "text") == "log: d");
}
