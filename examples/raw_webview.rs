//! The baseline `make bench` compares ipcscope with: one tao window with a wry webview, where
//! the page posts a message, Rust answers with `evaluate_script`, and nothing is journaled.
//! Usage: raw_webview PAGE.html — prints `BENCH {json}` with the page's report, then exits.

use std::cell::Cell;
use std::rc::Rc;

use javascriptcore::ValueExt;
use serde_json::Value;
use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::unix::WindowExtUnix;
use tao::window::WindowBuilder;
use webkit2gtk::{UserContentManagerExt, WebViewExt};
use wry::{WebViewBuilder, WebViewBuilderExtUnix, WebViewExtUnix};

/// The same `window.api` the ipcscope lab's preload exposes, over the raw transport.
const API: &str = r#"(() => {
  const post = (m) => window.webkit.messageHandlers.raw.postMessage(JSON.stringify(m));
  const pending = new Map();
  let next = 0;
  const ask = (m) => new Promise((resolve) => { const id = ++next; pending.set(id, resolve); m.id = id; post(m); });
  window.__answer = (id, value) => { const resolve = pending.get(id); pending.delete(id); resolve(value); };
  window.api = {
    rt: (x) => ask({ t: 'rt', x }),
    blast: (i) => post({ t: 'blast', i }),
    count: () => ask({ t: 'count' }),
    report: (r) => post({ t: 'report', r }),
  };
})();"#;

enum Done {
    Report(String),
}

fn main() {
    let page = std::env::args()
        .nth(1)
        .expect("usage: raw_webview PAGE.html");
    let page = std::fs::canonicalize(&page).expect("the page exists");
    let event_loop = EventLoopBuilder::<Done>::with_user_event().build();
    let proxy = event_loop.create_proxy();
    let window = WindowBuilder::new()
        .with_title("raw wry")
        .build(&event_loop)
        .expect("a window");
    let webview = WebViewBuilder::new()
        .with_initialization_script(API)
        .build_gtk(window.default_vbox().expect("a GTK box"))
        .expect("a webview");

    let gtk_view = webview.webview();
    let manager = gtk_view.user_content_manager().expect("a content manager");
    let blasts = Rc::new(Cell::new(0u64));
    let answer_view = gtk_view.clone();
    manager.connect_script_message_received(Some("raw"), move |_, message| {
        let Some(body) = message.js_value().map(|v| v.to_str()) else {
            return;
        };
        let Ok(frame) = serde_json::from_str::<Value>(&body) else {
            return;
        };
        let answer = |value: String| {
            let js = format!("__answer({}, {value})", frame["id"]);
            // The call wry's evaluate_script makes, so both sides pay the same for an answer.
            #[allow(deprecated)]
            answer_view.run_javascript(&js, None::<&webkit2gtk::gio::Cancellable>, |_| {});
        };
        match frame["t"].as_str() {
            Some("rt") => answer(frame["x"].to_string()),
            Some("blast") => blasts.set(blasts.get() + 1),
            Some("count") => answer(blasts.get().to_string()),
            Some("report") => {
                let _ = proxy.send_event(Done::Report(frame["r"].to_string()));
            }
            _ => {}
        }
    });
    manager.register_script_message_handler("raw");
    webview
        .load_url(&format!("file://{}", page.display()))
        .expect("the page loads");

    event_loop.run(move |event, _, control_flow| {
        *control_flow = ControlFlow::Wait;
        match event {
            Event::UserEvent(Done::Report(report)) => {
                println!("BENCH {report}");
                *control_flow = ControlFlow::Exit;
            }
            Event::WindowEvent {
                event: WindowEvent::CloseRequested,
                ..
            } => *control_flow = ControlFlow::Exit,
            _ => {}
        }
        let _ = (&window, &webview);
    });
}
