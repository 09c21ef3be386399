//! Results: main.js's answers (or the panel's, or the core's own) paired with the request they
//! answer, and sent through the dispatch point like any other message.

use std::time::Instant;

use serde_json::Value;

use super::initiator::Initiator;
use super::message::{undefined, Dispatch, Message, Trace, What};
use super::pending::{PendingSync, SYNC_LIMIT};
use super::stages;
use super::state::State;

impl State {
    /// main.js's answer to invoke `invoke`: the value, or (`ok` false) the rejection's text;
    /// `initiator` is where main.js answered from.
    pub fn invoke_result(
        &mut self,
        invoke: u64,
        ok: bool,
        value: Value,
        initiator: Option<Initiator>,
        how: Dispatch,
    ) {
        // None: the window closed meanwhile, and nobody is waiting for this result.
        let Some(pending) = self.pending.take_invoke(invoke) else {
            return;
        };
        let stages = stages::handler_ended(invoke);
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
                trace: Trace {
                    stages,
                    ..Trace::at(initiator)
                },
            },
            how,
        );
    }

    /// The answer to sendSync `send_sync`: main.js's `event.returnValue` (set at `initiator`),
    /// the panel's, or the core's `undefined`.
    pub fn sync_result(
        &mut self,
        send_sync: u64,
        result: Value,
        initiator: Option<Initiator>,
        how: Dispatch,
    ) {
        let Some(pending) = self.pending.take_sync(send_sync) else {
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
                trace: Trace::at(initiator),
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
        let expired: Vec<(u64, u32, String)> = self
            .pending
            .expired_syncs(now)
            .into_iter()
            .map(|(seq, p)| {
                let text = format!(
                    "sendSync on '{}' from renderer #{} got no event.returnValue within {} s; ipcscope answered undefined so the page can go on (Electron would keep it blocked)",
                    p.channel, p.wc, SYNC_LIMIT.as_secs()
                );
                (seq, p.wc, text)
            })
            .collect();
        for (seq, wc, text) in expired {
            self.error(text, Some(wc));
            self.sync_result(seq, undefined(), None, Dispatch::core_answer());
        }
    }
}
