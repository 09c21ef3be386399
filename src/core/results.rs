//! Pending results: the invokes and sendSyncs main.js has yet to answer, and how an answer is
//! paired with its request and sent through the dispatch point like any other message.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::message::{undefined, Dispatch, Message, What};
use super::state::State;

/// How long a page may stay blocked in `sendSync` before ipcscope answers `undefined` for it.
/// (Electron would keep it blocked for ever; a workbench should not.)
pub const SYNC_LIMIT: Duration = Duration::from_secs(10);

pub struct PendingInvoke {
    pub wc: u32,
    pub channel: String,
    pub invoke_id: Value,
    pub started: Instant,
}

pub struct PendingSync {
    pub wc: u32,
    pub channel: String,
    pub sync_id: Option<u64>,
    pub started: Instant,
}

/// Requests waiting for main.js, by the seq of their journal entry.
#[derive(Default)]
pub struct Pending {
    invokes: HashMap<u64, PendingInvoke>,
    syncs: HashMap<u64, PendingSync>,
}

impl Pending {
    pub fn add_invoke(&mut self, seq: u64, invoke: PendingInvoke) {
        self.invokes.insert(seq, invoke);
    }

    pub fn add_sync(&mut self, seq: u64, sync: PendingSync) {
        self.syncs.insert(seq, sync);
    }

    /// A window went away: nobody waits for its answers any more.
    pub fn forget_window(&mut self, wc: u32) {
        self.invokes.retain(|_, p| p.wc != wc);
        self.syncs.retain(|_, p| p.wc != wc);
    }

    pub fn next_sync_deadline(&self) -> Option<Instant> {
        self.syncs.values().map(|p| p.started + SYNC_LIMIT).min()
    }
}

impl State {
    /// main.js's answer to invoke `invoke`: the value, or (`ok` false) the rejection's text.
    pub fn invoke_result(&mut self, invoke: u64, ok: bool, value: Value, how: Dispatch) {
        // None: the window closed meanwhile, and nobody is waiting for this result.
        let Some(pending) = self.pending.invokes.remove(&invoke) else {
            return;
        };
        self.dispatch_with(
            Message {
                wc: pending.wc,
                channel: pending.channel,
                payload: value,
                what: What::InvokeResult {
                    invoke,
                    ok,
                    invoke_id: pending.invoke_id,
                    started: pending.started,
                },
            },
            how,
        );
    }

    /// The answer to sendSync `send_sync`: main.js's `event.returnValue`, the panel's, or the
    /// core's `undefined`.
    pub fn sync_result(&mut self, send_sync: u64, result: Value, how: Dispatch) {
        let Some(pending) = self.pending.syncs.remove(&send_sync) else {
            return;
        };
        self.dispatch_with(
            Message {
                wc: pending.wc,
                channel: pending.channel,
                payload: result,
                what: What::SendSyncResult {
                    send_sync,
                    sync_id: pending.sync_id,
                    started: pending.started,
                },
            },
            how,
        );
    }

    /// A sendSync answer that was dropped on its way: the page stays blocked until the limit,
    /// as with an answer that never came.
    pub fn sync_result_lost(&mut self, send_sync: u64, sync: PendingSync) {
        self.pending.add_sync(send_sync, sync);
    }

    /// Answers `undefined` to sendSync calls nobody answered in time.
    pub fn expire_sync(&mut self, now: Instant) {
        let expired: Vec<u64> = self
            .pending
            .syncs
            .iter()
            .filter(|(_, p)| now >= p.started + SYNC_LIMIT)
            .map(|(seq, _)| *seq)
            .collect();
        for seq in expired {
            if let Some(p) = self.pending.syncs.get(&seq) {
                let text = format!(
                    "sendSync on '{}' from renderer #{} got no event.returnValue within {} s; ipcscope answered undefined so the page can go on (Electron would keep it blocked)",
                    p.channel, p.wc, SYNC_LIMIT.as_secs()
                );
                self.error(text, Some(p.wc));
            }
            self.sync_result(seq, undefined(), Dispatch::core_answer());
        }
    }
}
