//! What the core's event loop reacts to: lines from renderer processes, their exits, and the
//! `Command`s the panel, a signal or `ipcscope replay` send.

use serde_json::Value;

use super::debugger::{Breakpoint, Fault};
use crate::journal::Kind;

#[derive(Debug)]
pub enum Inbox {
    Renderer {
        wc: u32,
        line: String,
        /// With `IPCSCOPE_TRACE`: when main read the line (µs, see `stages.rs`); 0 otherwise.
        read_us: i64,
    },
    RendererExited {
        wc: u32,
        code: Option<i32>,
        signal: Option<i32>,
    },
    Command(Command),
}

/// What the panel (or a signal, or `ipcscope replay`) asks of the core.
#[derive(Debug, Clone)]
pub enum Command {
    /// Stop the lab: close its windows and end the run.
    Stop,
    /// Zoom every open window's page by `factor` (the panel's text size).
    ZoomPages { factor: f64 },
    /// Fire `webContents.send(channel, ...args)` by hand into window `wc` (args: an array in the
    /// value encoding). Journaled as a `push` with `origin: "panel"`.
    Push {
        wc: u32,
        channel: String,
        args: Value,
    },
    /// Deliver journal entry `seq` again (send, invoke and send-sync to main.js as if from the
    /// same window; push and reply to the page), with `args` instead of the recorded ones when
    /// given. The new entries carry `replayOf: seq`.
    Replay { seq: u64, args: Option<Value> },
    /// Deliver a renderer -> main message (`kind`: send, invoke or send-sync) as if window `wc`
    /// sent it; `replay_of` names the recorded entry it repeats.
    Inject {
        kind: Kind,
        wc: u32,
        channel: String,
        args: Value,
        replay_of: Option<u64>,
    },
    /// Replace the breakpoints; matching messages are held until forwarded or dropped.
    SetBreakpoints(Vec<Breakpoint>),
    /// Set (or with None clear) the fault injected into every message on `channel`.
    SetFault {
        channel: String,
        fault: Option<Fault>,
    },
    /// Deliver a held message, with `args` instead of its own when given (for a held result,
    /// the value instead of its value).
    Forward { id: u64, args: Option<Value> },
    /// Drop a held message: journaled as dropped; a held invoke (or its held result) rejects
    /// in the page, a held sendSync answer becomes `undefined`.
    DropHeld { id: u64 },
    /// Answer a page blocked in sendSync (send-sync entry `seq`) with `result` (value
    /// encoding), as if main.js had set `event.returnValue`.
    AnswerSync { seq: u64, result: Value },
    /// Reload a window's page, as `webContents.reload()` does.
    ReloadWindow { wc: u32 },
    /// Step-through: when on, every message (either way, results and the panel's own included)
    /// is held before delivery as at a breakpoint; turning it off forwards, in order, what
    /// stepping held (what a breakpoint held stays held).
    SetStepping(bool),
    /// Forward the oldest held message, whether stepping or a breakpoint held it.
    Step,
    /// Slow motion: deliveries spaced at least N × 100 ms apart, in order (1: normal speed; the
    /// panel offers 1, 4 and 10). Messages are still journaled as they arrive.
    SetPace(u32),
}
