//! A lab run for the core's tests: main.js runs without renderer processes (as `ipcscope
//! replay` runs them), driven through `Command`s and checked through the journal.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::mpsc::UnboundedSender;

use super::debugger::{DebugView, Held, SharedDebugView};
use super::{spawn_lab, Command, Config, Exit, Inbox};
use crate::journal::{Entry, Journal, Kind};
use crate::lab::Lab;

/// Handles `add`, logs `log`, opens one window.
const MAIN_JS: &str = r#"
const { app, BrowserWindow, ipcMain } = require('electron');
ipcMain.handle('add', (event, a, b) => a + b);
ipcMain.on('log', (event, text) => console.log('log:', text));
app.whenReady().then(() => {
  const win = new BrowserWindow({});
  win.loadFile('index.html');
});
"#;

pub struct Run {
    pub journal: Journal,
    inbox: UnboundedSender<Inbox>,
    pub view: SharedDebugView,
    thread: Option<JoinHandle<anyhow::Result<Exit>>>,
    _dir: tempfile::TempDir,
}

impl Run {
    pub fn start() -> Run {
        let run = Run::start_with(MAIN_JS);
        run.wait_for("the window to load", |e| field(e, "event") == "loaded");
        run
    }

    /// A run of `main_js` beside an index.html, not waiting for anything.
    pub fn start_with(main_js: &str) -> Run {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.js"), main_js).unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>lab</p>").unwrap();
        let journal = Journal::new();
        let view = SharedDebugView::default();
        let config = Config {
            lab: Lab::open(dir.path()).unwrap(),
            journal: journal.clone(),
            exe: std::path::PathBuf::from("ipcscope"),
            page_script: None,
            timeout: Some(Duration::from_secs(30)),
            renderers: false,
            debug_view: view.clone(),
            echo_console: false,
            stop: Default::default(),
        };
        let (inbox, rx) = tokio::sync::mpsc::unbounded_channel();
        let tx = inbox.clone();
        let thread = spawn_lab(config, tx, rx).unwrap();
        Run {
            journal,
            inbox,
            view,
            thread: Some(thread),
            _dir: dir,
        }
    }

    pub fn wait_for_held(&self) -> Held {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(held) = self.view.lock().unwrap().held.first() {
                return held.clone();
            }
            assert!(Instant::now() < end, "nothing was held");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Polls the debugger's view until `wanted` holds; returns what it showed then.
    pub fn wait_for_view(&self, what: &str, wanted: impl Fn(&DebugView) -> bool) -> DebugView {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            let view = self.view.lock().unwrap().clone();
            if wanted(&view) {
                return view;
            }
            assert!(Instant::now() < end, "never saw {what}: {view:?}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// What is held, oldest first: each message's kind and its args (a result's value).
    pub fn held(&self) -> Vec<(Kind, Value)> {
        self.view
            .lock()
            .unwrap()
            .held
            .iter()
            .map(|h| (h.kind, h.args.clone()))
            .collect()
    }

    pub fn send(&self, command: Command) {
        self.inbox.send(Inbox::Command(command)).unwrap();
    }

    /// A send on `channel` as if window 1 sent it.
    pub fn page_send(&self, channel: &str, args: Value) {
        self.send(Command::Inject {
            kind: Kind::Send,
            wc: 1,
            channel: channel.into(),
            args,
            replay_of: None,
        });
    }

    pub fn invoke(&self, a: i64, b: i64) {
        self.send(Command::Inject {
            kind: Kind::Invoke,
            wc: 1,
            channel: "add".into(),
            args: json!([a, b]),
            replay_of: None,
        });
    }

    /// Polls the journal until an entry satisfies `wanted`; returns the last one that does.
    pub fn wait_for(&self, what: &str, wanted: impl Fn(&Entry) -> bool) -> Arc<Entry> {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(found) = self
                .journal
                .slice(0..usize::MAX)
                .into_iter()
                .rev()
                .find(|e| wanted(e))
            {
                return found;
            }
            assert!(
                Instant::now() < end,
                "never saw {what}: {:?}",
                self.journal.slice(0..usize::MAX)
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn entries(&self, kind: &str) -> Vec<Arc<Entry>> {
        self.journal
            .slice(0..usize::MAX)
            .into_iter()
            .filter(|e| field(e, "kind") == kind)
            .collect()
    }

    pub fn result_of(&self, invoke_seq: u64) -> Arc<Entry> {
        self.wait_for("the invoke's result", |e| {
            field(e, "kind") == "invoke-result" && field(e, "ref") == invoke_seq
        })
    }

    pub fn held_ids(&self) -> Vec<u64> {
        self.view
            .lock()
            .unwrap()
            .held
            .iter()
            .map(|h| h.id)
            .collect()
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = self.inbox.send(Inbox::Command(Command::Stop));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub fn field(entry: &Entry, key: &str) -> Value {
    entry.get(key).cloned().unwrap_or(Value::Null)
}

pub fn seq(entry: &Entry) -> u64 {
    field(entry, "seq").as_u64().unwrap()
}
