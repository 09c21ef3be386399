//! The core's state, and how it takes an inbox event. main.js reaches it through `Host` (in
//! `host.rs`); it never calls into JS itself, it queues `JsEvent`s in `to_js` for the event
//! loop to deliver.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::time::Instant;

use serde_json::json;
use tokio::sync::mpsc::UnboundedSender;

use super::debugger::{Debugger, Fault};
use super::inbox::Inbox;
use super::message::{Delivery, Message, Via};
use super::pending::Pending;
use super::registry::Registry;
use super::stages::Arrival;
use super::window_table::WindowTable;
use super::Config;
use crate::journal::{Journal, Kind};
use crate::lab::Lab;
use crate::runtime::protocol::JsEvent;
use crate::runtime::StopRequest;
use crate::wire::{self, ToRenderer};

pub(super) struct State {
    pub lab: Lab,
    pub journal: Journal,
    pub exe: PathBuf,
    pub page_script: Option<String>,
    pub inbox: UnboundedSender<Inbox>,
    pub windows: WindowTable,
    pub registry: Registry,
    /// Invokes and sendSyncs waiting for main.js's answer.
    pub pending: Pending,
    pub to_js: VecDeque<JsEvent>,
    pub quit: Option<i32>,
    /// False for `ipcscope replay`: windows are virtual.
    pub renderers: bool,
    pub echo_console: bool,
    /// Asked to stop: main.js is interrupted even in the middle of a call.
    pub stop: StopRequest,
    pub debugger: Debugger,
    /// Messages held at a breakpoint or by stepping, by hold id.
    pub held: HashMap<u64, HeldMessage>,
    /// Messages delayed by an injected latency or a pace, in due order.
    pub delayed: Vec<(Instant, Delivery)>,
    /// When the last delivery spaced out by a pace is due.
    pub paced_until: Option<Instant>,
}

/// A held message, with what its dispatch needs when it goes on.
pub(super) struct HeldMessage {
    pub message: Message,
    pub via: Via,
    /// The fault it was dispatched with in place of its channel's (the core's own answers take
    /// none).
    pub fault: Option<Fault>,
}

impl State {
    pub fn new(config: Config, inbox: UnboundedSender<Inbox>) -> State {
        State {
            lab: config.lab,
            journal: config.journal,
            exe: config.exe,
            page_script: config.page_script,
            inbox,
            windows: WindowTable::default(),
            registry: Registry::default(),
            pending: Pending::default(),
            to_js: VecDeque::new(),
            quit: None,
            renderers: config.renderers,
            echo_console: config.echo_console,
            stop: config.stop,
            debugger: Debugger::new(config.debug_view),
            held: HashMap::new(),
            delayed: Vec::new(),
            paced_until: None,
        }
    }

    pub fn handle(&mut self, event: Inbox) {
        match event {
            Inbox::Renderer { wc, line, read_us } => match wire::parse_from_renderer(&line) {
                Ok(wire::Incoming::Page(body)) => self.page_frame(wc, &body, None),
                Ok(wire::Incoming::TracedPage {
                    body,
                    renderer_us,
                    offset_us,
                }) => {
                    let arrival = Arrival {
                        renderer_us,
                        offset_us,
                        main_us: read_us,
                    };
                    self.traced_page_frame(wc, &body, arrival)
                }
                Ok(wire::Incoming::Control(frame)) => self.renderer_event(wc, frame),
                Err(text) => self.error(format!("renderer #{wc}: {text}"), Some(wc)),
            },
            Inbox::RendererExited { wc, code, signal } => self.renderer_exited(wc, code, signal),
            Inbox::Command(command) => self.command(command),
        }
    }

    /// Journals an error (and prints it): in window `wc`'s renderer, or in main when None.
    pub fn error(&self, text: String, wc: Option<u32>) {
        eprintln!("{text}");
        let mut fields = json!({"text": text});
        if let Some(wc) = wc {
            fields["process"] = json!("renderer");
            fields["webContentsId"] = json!(wc);
        } else {
            fields["process"] = json!("main");
        }
        self.journal.append(Kind::Error, fields);
    }

    /// A control frame to window `wc`'s renderer process, if it has a live one.
    pub fn to_renderer(&self, wc: u32, frame: &ToRenderer) {
        if let Some(window) = self.windows.live(wc) {
            window.send_line(wire::control_line(frame));
        }
    }
}
