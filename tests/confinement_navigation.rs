//! A page cannot take itself, and the lab's preload with it, out of the lab: navigations to
//! another folder's files or to a site main.js never loaded are stopped and journaled; main.js
//! sees the page's navigations as Electron reports them (`will-navigate`, which may stop one,
//! `did-navigate`, `did-navigate-in-page`) and decides its `window.open`s.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use common::*;
use serde_json::Value;

/// main.js's console lines, in order.
fn main_console(journal: &[Value]) -> Vec<&str> {
    entries(journal, "console")
        .iter()
        .filter(|e| e["process"] == "main")
        .filter_map(|e| e["text"].as_str())
        .collect()
}

/// The lifecycle entries of one event.
fn lifecycle<'a>(journal: &'a [Value], event: &str) -> Vec<&'a Value> {
    entries(journal, "lifecycle")
        .into_iter()
        .filter(|e| e["event"] == event)
        .collect()
}

fn blocked(journal: &[Value]) -> Vec<(String, String)> {
    lifecycle(journal, "navigation-blocked")
        .iter()
        .map(|e| {
            assert!(e["webContentsId"].is_u64(), "{e}");
            (
                e["url"].as_str().unwrap_or_default().to_string(),
                e["by"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

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
    let away = [
        "file:///etc/passwd".to_string(),
        "https://example.org/".to_string(),
        format!("file://{}", other_lab.display()),
    ];
    for url in &away {
        assert!(
            errors
                .iter()
                .any(|t| t.contains(&format!("the page tried to leave the lab for '{url}'"))),
            "{url}: {errors:#?}"
        );
    }
    let expected: Vec<(String, String)> = away
        .iter()
        .map(|url| (url.clone(), "ipcscope".to_string()))
        .collect();
    assert_eq!(blocked(&journal), expected);
    assert!(has_console(&journal, "renderer", "still at index.html"));
    assert!(has_console(
        &journal,
        "renderer",
        "moved within the lab to other.html"
    ));
    let pages: Vec<&str> = lifecycle(&journal, "navigating")
        .iter()
        .filter_map(|e| e["url"].as_str())
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[0].ends_with("/index.html") && pages[1].contains("/other.html"));
}

#[test]
fn will_navigate_can_stop_a_page_and_main_js_hears_each_navigation_as_electron_reports_it() {
    let run = LabRun::start(&test_lab("navigate-will"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    assert_eq!(
        main_console(&journal),
        [
            // loadFile: main's own load emits no will-navigate.
            "did-navigate index.html -1 \"\"",
            "did-navigate-in-page index.html#section true",
            "did-navigate-in-page index.html?step=2 true",
            "will-frame-navigate forbidden.html true",
            "will-navigate forbidden.html true false",
            "will-frame-navigate allowed.html true",
            "will-navigate allowed.html true false",
            "did-navigate allowed.html -1 \"\"",
        ]
    );
    assert!(has_console(&journal, "renderer", "still at index.html"));
    assert!(has_console(&journal, "renderer", "reached allowed.html"));
    assert!(!has_console(&journal, "renderer", "reached forbidden.html"));
    let lab = std::fs::canonicalize(test_lab("navigate-will")).unwrap();
    assert_eq!(
        blocked(&journal),
        [(
            format!("file://{}/forbidden.html", lab.display()),
            "will-navigate".to_string()
        )]
    );
    let in_page: Vec<&str> = lifecycle(&journal, "navigated-in-page")
        .iter()
        .filter_map(|e| e["url"].as_str()?.rsplit('/').next())
        .collect();
    assert_eq!(in_page, ["index.html#section", "index.html?step=2"]);
}

#[test]
fn the_window_open_handler_decides_and_an_allowed_window_gets_the_openers_preload() {
    let run = LabRun::start(&test_lab("window-open"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let console = main_console(&journal);
    let said = |line: &str| console.contains(&line);
    for line in [
        "handler denied.html \"\" foreground-tab index.html string",
        "handler odd.html \"\" foreground-tab index.html string",
        "The window open handler response must be an object with an 'action' property of 'allow' or 'deny'.",
        "handler child.html \"reader\" foreground-tab index.html string",
        "did-create-window 2 child.html reader 400 child",
        "hello from 1 index.html",
        "hello from 2 child.html",
    ] {
        assert!(said(line), "main.js never said {line:?}: {console:#?}");
    }
    assert!(
        !console.iter().any(|l| l.contains("passwd")),
        "a file outside the lab never reaches the handler: {console:#?}"
    );
    let opens: Vec<(String, String, Value)> = lifecycle(&journal, "window-open")
        .iter()
        .map(|e| {
            let file = e["url"].as_str().unwrap_or_default().rsplit('/').next();
            let action = e["action"].as_str().unwrap_or_default().to_string();
            let who = if action == "allow" {
                e["child"].clone()
            } else {
                e["by"].clone()
            };
            (file.unwrap_or_default().to_string(), action, who)
        })
        .collect();
    assert_eq!(
        opens,
        [
            (
                "denied.html".into(),
                "deny".into(),
                "setWindowOpenHandler".into()
            ),
            (
                "odd.html".into(),
                "deny".into(),
                "setWindowOpenHandler".into()
            ),
            ("child.html".into(), "allow".into(), 2.into()),
        ]
    );
    assert_eq!(
        blocked(&journal),
        [("file:///etc/passwd".to_string(), "ipcscope".to_string())]
    );
    let created: Vec<u64> = lifecycle(&journal, "created")
        .iter()
        .filter_map(|e| e["webContentsId"].as_u64())
        .collect();
    assert_eq!(created, [1, 2], "one window for the allowed open only");
}

#[test]
fn without_a_handler_a_lab_page_opens_but_a_site_main_js_never_loaded_does_not() {
    let run = LabRun::start(&test_lab("window-open-default"), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    assert!(
        main_console(&journal).contains(&"did-create-window 2 child.html"),
        "{:#?}",
        main_console(&journal)
    );
    let web = "http://127.0.0.1:9/elsewhere.html".to_string();
    assert_eq!(blocked(&journal), [(web.clone(), "ipcscope".to_string())]);
    let denied = lifecycle(&journal, "window-open");
    assert!(
        denied
            .iter()
            .any(|e| e["url"] == web.as_str() && e["action"] == "deny" && e["by"] == "ipcscope"),
        "{denied:#?}"
    );
    assert!(entries(&journal, "error").iter().any(|e| e["text"]
        .as_str()
        .is_some_and(|t| t.contains(&format!("the page tried to open '{web}'")))));
}

/// A web server on the loopback interface that answers every request with `page(path, port)`.
fn serve(page: fn(&str, u16) -> String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split(' ').nth(1).unwrap_or("/").to_string();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body = page(&path, port);
            let _ = write!(
                &stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn site_page(path: &str, port: u16) -> String {
    let script = match path {
        "/index.html" => "setTimeout(() => { location.href = '/second.html' }, 100)".to_string(),
        "/second.html" => format!(
            "setTimeout(() => {{ location.href = 'http://localhost:{port}/third.html' }}, 100);
             setTimeout(() => console.log('still at', location.pathname), 600)"
        ),
        _ => "console.log('reached', location.href)".to_string(),
    };
    format!("<!DOCTYPE html><meta charset=\"utf-8\"><title>site</title><script>{script}</script>")
}

#[test]
fn a_page_main_js_loaded_from_a_site_moves_within_that_site_and_no_further() {
    let port = serve(site_page);
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("navigate-web");
    std::fs::create_dir(&lab).unwrap();
    std::fs::copy(
        test_lab("navigate-web").join("main.js"),
        lab.join("main.js"),
    )
    .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    std::fs::write(lab.join("server.txt"), &base).unwrap();
    std::fs::write(lab.join("index.html"), "").unwrap();
    let run = LabRun::start(Path::new(&lab), None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    assert_eq!(
        main_console(&journal),
        [
            "did-navigate /index.html 200 OK",
            "will-navigate /second.html",
            "did-navigate /second.html 200 OK",
        ]
    );
    assert!(has_console(&journal, "renderer", "still at /second.html"));
    assert_eq!(
        blocked(&journal),
        [(
            format!("http://localhost:{port}/third.html"),
            "ipcscope".to_string()
        )]
    );
}
