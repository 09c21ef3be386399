//! An IPC message at the dispatch point: requests (send, invoke, sendSync), messages from main
//! (push, reply) and the results that answer requests, with where each came from and how the
//! dispatch point is to treat it.

use std::time::Instant;

use serde_json::{json, Map, Value};

use super::debugger::{Direction, Fault};
use super::initiator::Initiator;
use crate::journal::Kind;
use crate::runtime::protocol::JsEvent;

/// One message: the window it goes to or comes from, its channel, its payload and its kind.
#[derive(Debug)]
pub struct Message {
    pub wc: u32,
    pub channel: String,
    /// The args of a request, push or reply; the value (or error text) of a result.
    pub payload: Value,
    pub what: What,
    pub trace: Trace,
}

/// What ties a message to the lab's code: journaled as `initiator` and `cause`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// Where in the lab it was sent from (for a result: where main.js answered from).
    pub initiator: Option<Initiator>,
    /// The seq of the message main.js was handling when it sent this one.
    pub cause: Option<u64>,
    /// With `IPCSCOPE_TRACE`: the stages it went through so far (see `stages.rs`).
    pub stages: Option<Map<String, Value>>,
}

impl Trace {
    pub fn at(initiator: Option<Initiator>) -> Trace {
        Trace {
            initiator,
            cause: None,
            stages: None,
        }
    }
}

/// What only one kind of message carries.
#[derive(Debug)]
pub enum What {
    Send,
    /// `sync_id` is the page's blocked request; None when the panel or a replay sent it.
    SendSync {
        sync_id: Option<u64>,
    },
    /// `invoke_id` is the shim's, echoed in the result; null when the panel or a replay sent it.
    Invoke {
        invoke_id: Value,
    },
    Push,
    Reply {
        reply_to: u64,
    },
    /// The answer to invoke `invoke` (its seq); `ok` false for an error, whose text is the
    /// payload.
    InvokeResult {
        invoke: u64,
        ok: bool,
        invoke_id: Value,
        started: Instant,
    },
    /// The answer to sendSync `send_sync` (its seq).
    SendSyncResult {
        send_sync: u64,
        sync_id: Option<u64>,
        started: Instant,
    },
}

impl Message {
    pub fn kind(&self) -> Kind {
        match self.what {
            What::Send => Kind::Send,
            What::SendSync { .. } => Kind::SendSync,
            What::Invoke { .. } => Kind::Invoke,
            What::Push => Kind::Push,
            What::Reply { .. } => Kind::Reply,
            What::InvokeResult { .. } => Kind::InvokeResult,
            What::SendSyncResult { .. } => Kind::SendSyncResult,
        }
    }

    pub fn direction(&self) -> Direction {
        if self.kind().is_to_main() {
            Direction::ToMain
        } else {
            Direction::ToRenderer
        }
    }
}

/// `undefined` in the value encoding.
pub fn undefined() -> Value {
    json!({"$type": "undefined"})
}

/// A renderer -> main message of journal kind `kind`, as if window `wc` sent it (from the panel
/// or a replay, so no page waits for its answer).
pub fn to_main(kind: Kind, wc: u32, channel: String, args: Value) -> Option<Message> {
    let what = match kind {
        Kind::Send => What::Send,
        Kind::Invoke => What::Invoke {
            invoke_id: Value::Null,
        },
        Kind::SendSync => What::SendSync { sync_id: None },
        _ => return None,
    };
    Some(Message {
        wc,
        channel,
        payload: args,
        what,
        trace: Trace::default(),
    })
}

/// Where a message goes once it is through the dispatch point.
pub enum Delivery {
    /// To main.js's ipcMain (and webContents.ipc) listeners and handlers.
    ToJs(JsEvent),
    /// To the page's ipcRenderer listeners, or to settle its invoke.
    ToPage { wc: u32, frame: PageOut },
    /// Unblocks a page waiting in sendSync `send_sync` (`id` is its blocked request, None when
    /// the panel or a replay sent it).
    SyncAnswer {
        wc: u32,
        send_sync: u64,
        id: Option<u64>,
        result: Value,
    },
}

/// A frame for the page, stamped with the window's token when it is sent.
pub enum PageOut {
    Push {
        channel: String,
        args: Value,
    },
    /// `traced`: with `IPCSCOPE_TRACE`, the result's seq, so the page can send back the stages
    /// of its way back.
    InvokeResult {
        id: Value,
        ok: bool,
        value: Value,
        traced: Option<u64>,
    },
}

/// Where a message came from, beyond its window: written into its journal entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Via {
    /// The lab itself: a page or main.js.
    Lab,
    Panel,
    Replay(u64),
}

/// How the dispatch point treats one message.
pub struct Dispatch {
    pub via: Via,
    /// False for a message the user just forwarded from a breakpoint, and for the answers the
    /// core makes itself (a faulted request's error, an expired sendSync's undefined).
    pub may_hold: bool,
    /// Overrides the channel's fault (dropping a held message fails it this way; the core's
    /// own answers take none).
    pub fault: Option<Fault>,
    /// Set when the user forwarded a held message: its args before editing, if edited.
    pub forwarded: Option<Option<Value>>,
    /// Set when the user dropped a held message: when it was held, which its answer is timed
    /// from (the page has waited since).
    pub dropped: Option<std::time::Instant>,
}

impl Dispatch {
    pub fn live(via: Via) -> Dispatch {
        Dispatch {
            via,
            may_hold: true,
            fault: None,
            forwarded: None,
            dropped: None,
        }
    }

    /// An answer the core gives itself: no breakpoint or fault applies to it again.
    pub fn core_answer() -> Dispatch {
        Dispatch {
            via: Via::Lab,
            may_hold: false,
            fault: Some(Fault::default()),
            forwarded: None,
            dropped: None,
        }
    }
}

/// The `fault` field of a journal entry: what was done to the message.
pub fn fault_description(fault: &Fault) -> Value {
    let mut out = json!({});
    if !fault.latency.is_zero() {
        out["latencyMs"] = json!(fault.latency.as_millis() as u64);
    }
    if let Some(error) = &fault.error {
        out["error"] = json!(error);
    }
    if fault.drop {
        out["dropped"] = json!(true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_go_to_the_renderer_and_only_requests_to_main() {
        let result = Message {
            wc: 1,
            channel: "c".into(),
            payload: json!(3),
            what: What::SendSyncResult {
                send_sync: 2,
                sync_id: None,
                started: Instant::now(),
            },
            trace: Trace::default(),
        };
        assert_eq!(result.direction(), Direction::ToRenderer);
        let send = to_main(Kind::Send, 1, "c".into(), json!([1])).unwrap();
        assert_eq!(
            (send.kind(), send.direction(), &send.payload),
            (Kind::Send, Direction::ToMain, &json!([1]))
        );
        assert!(to_main(Kind::Push, 1, "c".into(), json!([])).is_none());
    }
}
