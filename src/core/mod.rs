//! The main process core: it owns the main.js runtime, the renderer processes, the window
//! table, the listener registry and the journal, and runs the event loop that joins them.
//! Every IPC message, results included and in either direction, passes one dispatch point
//! (`dispatch.rs`), where it may be held, faulted, journaled and delivered.
//!
//! A message's road through this folder:
//! - `renderer_process.rs` reads a renderer's lines into the `inbox.rs` queue;
//! - `event_loop.rs` takes them, with the panel's `Command`s, and runs main.js's timers;
//! - `page.rs` checks and orders a page's frames (typed in `page_frame.rs`) into `message.rs`;
//!   `initiator.rs` reads the lab's line that sent each (from the stack the shim or main.js
//!   sends with it);
//! - `dispatch.rs` holds (breakpoints, stepping), faults, journals and delivers them, to
//!   main.js or to a page, at the pace the debugger sets;
//! - `host.rs` takes what main.js asks for (typed in `runtime::protocol`): pushes, replies and
//!   results go back through dispatch; `results.rs` pairs them with the requests that
//!   `pending.rs` keeps;
//! - `browser_window.rs` and `window_table.rs` keep each BrowserWindow, live, crashed or virtual;
//! - `commands.rs` applies what the panel asks: push, replay, forward, drop, answer.

pub mod debugger;
pub mod registry;

mod browser_window;
mod commands;
mod dispatch;
mod event_loop;
pub(crate) mod file_url;
mod host;
mod inbox;
pub(crate) mod initiator;
mod message;
mod page;
pub(crate) mod page_frame;
mod pending;
mod renderer_process;
mod results;
pub(crate) mod stages;
mod state;
mod window_table;

use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::journal::Journal;
use crate::lab::Lab;
pub use crate::runtime::StopRequest;
use debugger::SharedDebugView;
pub use event_loop::signal_name;
pub use inbox::{Command, Inbox};

pub struct Config {
    pub lab: Lab,
    pub journal: Journal,
    /// The ipcscope binary, started again as `ipcscope renderer` for each window.
    pub exe: PathBuf,
    /// JS run in every page once it has loaded (automation for tests and screenshots).
    pub page_script: Option<String>,
    pub timeout: Option<Duration>,
    /// False for `ipcscope replay`: windows get ids and events but no renderer process.
    pub renderers: bool,
    /// Where the core shows held messages, breakpoints and faults to the panel.
    pub debug_view: SharedDebugView,
    /// Print main.js's console to stdout/stderr as Node would (off for `ipcscope replay`,
    /// whose stdout is its report).
    pub echo_console: bool,
    /// Asked beside `Command::Stop`, so that the stop takes effect even while main.js is busy
    /// in a call that never returns.
    pub stop: StopRequest,
}

/// Exit status when main.js cannot start (it does not compile, or cannot be read).
pub const EXIT_CANNOT_START: u8 = 1;

#[derive(Debug, PartialEq)]
pub enum Exit {
    /// main.js called app.quit() / app.exit(code), or the last window closed.
    Quit(i32),
    Timeout,
    Stopped,
}

/// Stack of the main-process thread. QuickJS runs on it (it stops scripts at its own 4 MB
/// limit, which must be below this), and frames nested a few thousand levels deep are parsed
/// and dropped recursively on it. Untouched stack pages cost nothing.
const MAIN_THREAD_STACK: usize = 64 << 20;

/// Starts the main-process thread for a lab; join it for the way the lab ended.
pub fn spawn_lab(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    inbox_rx: UnboundedReceiver<Inbox>,
) -> std::io::Result<std::thread::JoinHandle<anyhow::Result<Exit>>> {
    std::thread::Builder::new()
        .name("main.js".into())
        .stack_size(MAIN_THREAD_STACK)
        .spawn(move || event_loop::run_lab(config, inbox_tx, inbox_rx))
}

#[cfg(test)]
mod browser_window_tests;
#[cfg(test)]
mod debugger_tests;
#[cfg(test)]
mod stepping_tests;
#[cfg(test)]
mod test_run;
#[cfg(test)]
mod trace_tests;
