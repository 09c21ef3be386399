//! One run of a lab: `core::run_lab` on its own thread, its journal, and the inbox that carries
//! the panel's commands to it.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::core::debugger::SharedDebugView;
use crate::core::{self, Command, Config, Exit, Inbox, StopRequest};
use crate::journal::{Journal, Kind};
use crate::lab::Lab;

pub struct LabRun {
    pub lab: Lab,
    pub journal: Journal,
    /// Held messages, breakpoints, faults and blocked sendSyncs, as the core shows them.
    pub debug_view: SharedDebugView,
    inbox: UnboundedSender<Inbox>,
    /// Stops main.js even in the middle of a call (a handler that never returns).
    stop: StopRequest,
    thread: Option<JoinHandle<anyhow::Result<Exit>>>,
}

impl LabRun {
    /// Starts `lab`; `wake` runs after every journal append (to repaint the panel).
    pub fn start(
        lab: Lab,
        journal: Journal,
        exe: PathBuf,
        timeout: Option<Duration>,
        wake: impl Fn() + Send + 'static,
    ) -> LabRun {
        journal.on_append(Box::new(wake));
        let (inbox, rx) = tokio::sync::mpsc::unbounded_channel();
        let debug_view = SharedDebugView::default();
        let stop = StopRequest::default();
        let config = Config {
            lab: lab.clone(),
            journal: journal.clone(),
            exe,
            page_script: crate::page_script(),
            timeout,
            renderers: true,
            debug_view: debug_view.clone(),
            echo_console: true,
            stop: stop.clone(),
        };
        let tx = inbox.clone();
        let thread = core::spawn_lab(config, tx, rx);
        if let Err(err) = &thread {
            journal.append(
                Kind::Error,
                serde_json::json!({"process": "main", "text": format!("could not start the lab's main process thread: {err}")}),
            );
        }
        LabRun {
            lab,
            journal,
            debug_view,
            inbox,
            stop,
            thread: thread.ok(),
        }
    }

    /// A saved session shown without running anything: commands have nowhere to go.
    pub fn offline(lab: Lab, journal: Journal) -> LabRun {
        let (inbox, _) = tokio::sync::mpsc::unbounded_channel();
        LabRun {
            lab,
            journal,
            debug_view: SharedDebugView::default(),
            inbox,
            stop: Default::default(),
            thread: None,
        }
    }

    pub fn send(&self, command: Command) {
        // A run that has ended has no inbox left: the command has nothing to act on.
        let _ = self.inbox.send(Inbox::Command(command));
    }

    /// Stops the run and waits for its windows to close.
    pub fn stop(&mut self) {
        self.stop.ask();
        self.send(Command::Stop);
        if let Some(thread) = self.thread.take() {
            match thread.join() {
                Ok(Err(err)) => eprintln!("ipcscope: the lab ended with an error: {err:#}"),
                Err(_) => eprintln!("ipcscope: the lab's main process thread panicked"),
                Ok(Ok(_)) => {}
            }
        }
    }
}
