//! The panel's commands (and `ipcscope replay`'s): messages fired by hand or replayed from the
//! journal, breakpoints, stepping, pace and faults, and what to do with a held message or a
//! blocked page.

use serde_json::{json, Value};

use super::debugger::Fault;
use super::inbox::Command;
use super::message::{self, Dispatch, Message, Trace, Via, What};
use super::state::{HeldMessage, State};
use crate::journal::Kind;

impl State {
    pub fn command(&mut self, command: Command) {
        match command {
            Command::Stop => {}
            Command::ReloadWindow { wc } => self.reload_window(wc),
            Command::ZoomPages { factor } => self.zoom_pages(factor),
            Command::Push { wc, channel, args } => self.dispatch_with(
                Message {
                    wc,
                    channel,
                    payload: args,
                    what: What::Push,
                    trace: Trace::default(),
                },
                Dispatch::live(Via::Panel),
            ),
            Command::Replay { seq, args } => self.replay(seq, args),
            Command::Inject {
                kind,
                wc,
                channel,
                args,
                replay_of,
            } => {
                let via = replay_of.map_or(Via::Panel, Via::Replay);
                match message::to_main(kind, wc, channel, args) {
                    Some(message) => self.dispatch_with(message, Dispatch::live(via)),
                    None => self.error(format!("cannot deliver a '{kind}' to main: only send, invoke and send-sync go that way"), None),
                }
            }
            Command::SetBreakpoints(breakpoints) => self.debugger.set_breakpoints(breakpoints),
            Command::SetFault { channel, fault } => self.debugger.set_fault(channel, fault),
            Command::Forward { id, args } => self.forward(id, args),
            Command::Step => {
                if let Some(id) = self.debugger.oldest_held() {
                    self.forward(id, None);
                }
            }
            Command::SetStepping(on) => {
                self.debugger.set_stepping(on);
                if !on {
                    for id in self.debugger.held_for_step() {
                        self.forward(id, None);
                    }
                }
            }
            Command::SetPace(pace) => self.debugger.set_pace(pace),
            Command::AnswerSync { seq, result } => {
                // The user's own answer: no breakpoint or fault stands in its way.
                let by_hand = Dispatch {
                    via: Via::Panel,
                    ..Dispatch::core_answer()
                };
                self.sync_result(seq, result, None, by_hand);
            }
            Command::DropHeld { id } => {
                let Some(held) = self.debugger.release(id) else {
                    return;
                };
                let Some(HeldMessage { message, via, .. }) = self.held.remove(&id) else {
                    return;
                };
                // Its answer is timed from when it was held: the page has waited since.
                let now = std::time::Instant::now();
                let held_at = now
                    .checked_sub(held.since.elapsed().unwrap_or_default())
                    .unwrap_or(now);
                let fault = Fault {
                    error: Some("the message was dropped at a breakpoint in ipcscope".into()),
                    ..Default::default()
                };
                self.dispatch_with(
                    message,
                    Dispatch {
                        via,
                        may_hold: false,
                        fault: Some(fault),
                        forwarded: None,
                        dropped: Some(held_at),
                    },
                );
            }
        }
    }

    fn take_held(&mut self, id: u64) -> Option<HeldMessage> {
        self.debugger.release(id)?;
        self.held.remove(&id)
    }

    /// Delivers a held message, with `args` instead of its own when given.
    fn forward(&mut self, id: u64, args: Option<Value>) {
        let Some(HeldMessage {
            mut message,
            via,
            fault,
        }) = self.take_held(id)
        else {
            return;
        };
        let edited_from = match args {
            // A held message's payload is what the user edits: a request's args, or the value
            // of a result.
            Some(args) if args != message.payload => {
                let original = std::mem::replace(&mut message.payload, args);
                Some(original)
            }
            _ => None,
        };
        self.dispatch_with(
            message,
            Dispatch {
                via,
                may_hold: false,
                fault,
                forwarded: Some(edited_from),
                dropped: None,
            },
        );
    }

    /// Delivers journal entry `seq` again, as the panel's Replay asks.
    fn replay(&mut self, seq: u64, args: Option<Value>) {
        // Whole: memory may keep only a preview of a large value, or have let the entry go.
        let entry = match self.journal.full(seq) {
            Ok(entry) => entry,
            Err(why) => {
                self.error(format!("cannot replay #{seq}: {why}"), None);
                return;
            }
        };
        let wc = entry
            .get("webContentsId")
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32;
        let channel = entry
            .get("channel")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let args = args
            .or_else(|| entry.get("args").cloned())
            .unwrap_or_else(|| json!([]));
        if !args.is_array() {
            self.error(format!("cannot replay #{seq}: args must be an array"), None);
            return;
        }
        let kind = Kind::of(&entry);
        let what = match kind {
            Some(Kind::Push) => Some(What::Push),
            Some(Kind::Reply) => Some(What::Reply {
                reply_to: entry.get("ref").and_then(Value::as_u64).unwrap_or(0),
            }),
            _ => None,
        };
        let message = match (what, kind) {
            (Some(what), _) => Some(Message {
                wc,
                channel,
                payload: args,
                what,
                trace: Trace::default(),
            }),
            (None, Some(kind)) => message::to_main(kind, wc, channel, args),
            (None, None) => None,
        };
        match message {
            Some(message) => self.dispatch_with(message, Dispatch::live(Via::Replay(seq))),
            None => {
                let kind = entry
                    .get("kind")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.error(
                    format!("cannot replay #{seq}: a '{kind}' entry is not a message (replay send, invoke, send-sync, push or reply)"),
                    None,
                )
            }
        }
    }
}
