//! The dispatch point: every message, in either direction and results included, passes
//! `State::dispatch_with`. A breakpoint, or stepping, may hold it there; otherwise it is
//! journaled (with where it came from, any fault applied, the lab code that sent it and the
//! message that caused it) and delivered: now, after an injected latency, or in its turn when
//! a pace spaces deliveries out.

use std::time::Instant;

use serde_json::{json, Map, Value};

use super::message::{
    fault_description, undefined, Delivery, Dispatch, Message, PageOut, Trace, Via, What,
};
use super::page_frame::ToPage;
use super::pending::{PendingInvoke, PendingSync};
use super::stages;
use super::state::{HeldMessage, State};
use crate::runtime::protocol::JsEvent;
use crate::wire::{self, ToRenderer};

impl State {
    /// A message from a page or from main.js, on its way.
    pub fn dispatch(&mut self, message: Message) {
        self.dispatch_with(message, Dispatch::live(Via::Lab));
    }

    pub fn dispatch_with(&mut self, mut message: Message, how: Dispatch) {
        if let Some(stages) = &mut message.trace.stages {
            stages.insert("dispatch".into(), json!(stages::now_us()));
        }
        let at_breakpoint = how.may_hold
            && self
                .debugger
                .should_hold(&message.channel, message.direction());
        // Stepping holds everything on its way, the core's own answers too; only a message
        // just let through is not held again.
        let for_step = !at_breakpoint && how.forwarded.is_none() && self.debugger.stepping();
        if at_breakpoint || for_step {
            let (kind, wc, args) = (message.kind(), message.wc, &message.payload);
            let id = if for_step {
                self.debugger
                    .hold_for_step(kind, wc, &message.channel, args)
            } else {
                self.debugger.hold(kind, wc, &message.channel, args)
            };
            self.held.insert(
                id,
                HeldMessage {
                    message,
                    via: how.via,
                    fault: how.fault,
                },
            );
            return;
        }
        let fault = how
            .fault
            .clone()
            .or_else(|| {
                self.debugger
                    .fault(&message.channel, message.direction())
                    .cloned()
            })
            .unwrap_or_default();
        // A failed result reaches the page as the failure: the journal records what it sees.
        if let Some(error) = &fault.error {
            match &mut message.what {
                What::InvokeResult { ok, .. } => {
                    *ok = false;
                    message.payload = json!(format!(
                        "Error invoking remote method '{}': Error: {error}",
                        message.channel
                    ));
                }
                What::SendSyncResult { .. } => message.payload = undefined(),
                _ => {}
            }
        }
        let kind = message.kind();
        // Results are delivered even when failed (as the failure); requests are not.
        let delivered = !fault.drop && (fault.error.is_none() || kind.is_result());
        let Message {
            wc,
            channel,
            payload,
            what,
            trace:
                Trace {
                    initiator,
                    cause,
                    stages,
                },
        } = message;

        let mut fields = Map::new();
        fields.insert("channel".into(), json!(channel));
        let listeners = match &what {
            What::Send | What::SendSync { .. } => {
                Some(self.registry.main_listener_count(wc, &channel))
            }
            What::Push => Some(self.registry.renderer_listener_count(wc, &channel)),
            _ => None,
        };
        match &what {
            What::InvokeResult {
                invoke,
                ok,
                started,
                ..
            } => {
                fields.insert("webContentsId".into(), json!(wc));
                fields.insert("ref".into(), json!(invoke));
                fields.insert("ok".into(), json!(ok));
                let key = if *ok { "result" } else { "error" };
                fields.insert(key.into(), payload.clone());
                fields.insert("durationUs".into(), json!(micros_since(*started)));
            }
            What::SendSyncResult {
                send_sync, started, ..
            } => {
                fields.insert("webContentsId".into(), json!(wc));
                fields.insert("ref".into(), json!(send_sync));
                fields.insert("result".into(), payload.clone());
                fields.insert("durationUs".into(), json!(micros_since(*started)));
            }
            _ => {
                // The journal gets a copy of the args; the delivery below takes them.
                fields.insert("args".into(), payload.clone());
                fields.insert("webContentsId".into(), json!(wc));
                if let Some(listeners) = listeners {
                    // A send-sync is answered even when failed, so it counts who would hear it.
                    let heard = delivered || matches!(what, What::SendSync { .. });
                    fields.insert("listeners".into(), json!(if heard { listeners } else { 0 }));
                }
                if let What::Reply { reply_to } = &what {
                    fields.insert("ref".into(), json!(reply_to));
                }
            }
        }
        match how.via {
            Via::Lab => {}
            Via::Panel => {
                fields.insert("origin".into(), json!("panel"));
            }
            Via::Replay(seq) => {
                fields.insert("replayOf".into(), json!(seq));
            }
        }
        if let Some(edited_from) = how.forwarded {
            fields.insert("held".into(), json!(true));
            if let Some(original) = edited_from {
                fields.insert("editedFrom".into(), original);
            }
        }
        if how.dropped.is_some() {
            // The user dropped it where it was held: no fault set on the channel.
            fields.insert("held".into(), json!(true));
            fields.insert("dropped".into(), json!(true));
        } else if fault.is_active() {
            fields.insert("fault".into(), fault_description(&fault));
        }
        if let Some(initiator) = initiator {
            // Serializing plain strings and numbers cannot fail.
            fields.insert(
                "initiator".into(),
                serde_json::to_value(initiator).unwrap_or_default(),
            );
        }
        if let Some(cause) = cause {
            fields.insert("cause".into(), json!(cause));
        }
        if let Some(mut stages) = stages {
            stages.insert("journal".into(), json!(stages::now_us()));
            fields.insert("stages".into(), Value::Object(stages));
        }
        let seq = self.journal.append(kind, Value::Object(fields));

        let failed_by = |error: &str| format!("{kind} on '{channel}' failed by ipcscope: {error}");
        let delivery = match what {
            What::Send | What::Push | What::Reply { .. } => {
                if let Some(error) = &fault.error {
                    self.error(failed_by(error), Some(wc));
                }
                match what {
                    What::Send => Delivery::ToJs(JsEvent::Send {
                        wc,
                        channel,
                        args: payload,
                        seq,
                        sync: false,
                    }),
                    // Both reach the page's ipcRenderer listeners.
                    _ => Delivery::ToPage {
                        wc,
                        frame: PageOut::Push {
                            channel,
                            args: payload,
                        },
                    },
                }
            }
            What::SendSync { sync_id } => {
                if listeners == Some(0) && delivered {
                    self.error(
                        format!("WebContents #{wc} called ipcRenderer.sendSync() with '{channel}' channel without listeners."),
                        Some(wc),
                    );
                }
                self.pending.add_sync(
                    seq,
                    PendingSync {
                        wc,
                        channel: channel.clone(),
                        sync_id,
                        started: how.dropped.unwrap_or_else(Instant::now),
                    },
                );
                self.debugger.blocked(seq, wc, &channel);
                if let Some(error) = &fault.error {
                    // sendSync has no error path in Electron: the page gets undefined.
                    self.error(
                        format!("sendSync on '{channel}' failed by ipcscope: {error}; the page gets undefined"),
                        Some(wc),
                    );
                    self.sync_result(seq, undefined(), None, Dispatch::core_answer());
                }
                Delivery::ToJs(JsEvent::Send {
                    wc,
                    channel,
                    args: payload,
                    seq,
                    sync: true,
                })
            }
            What::Invoke { invoke_id } => {
                self.pending.add_invoke(
                    seq,
                    PendingInvoke {
                        wc,
                        channel: channel.clone(),
                        invoke_id,
                        started: how.dropped.unwrap_or_else(Instant::now),
                    },
                );
                if let Some(error) = &fault.error {
                    // The exact text a page's rejected invoke carries.
                    let error = format!("Error invoking remote method '{channel}': Error: {error}");
                    self.invoke_result(seq, false, json!(error), None, Dispatch::core_answer());
                }
                Delivery::ToJs(JsEvent::Invoke {
                    wc,
                    channel,
                    args: payload,
                    seq,
                })
            }
            What::InvokeResult { ok, invoke_id, .. } => {
                // A hand-fired or replayed invoke has no page waiting for it.
                if invoke_id.is_null() {
                    return;
                }
                Delivery::ToPage {
                    wc,
                    frame: PageOut::InvokeResult {
                        id: invoke_id,
                        ok,
                        value: payload,
                        traced: stages::enabled().then_some(seq),
                    },
                }
            }
            What::SendSyncResult {
                send_sync,
                sync_id,
                started,
            } => {
                if fault.error.is_some() {
                    self.error(
                        format!("sendSync answer on '{channel}' failed by ipcscope; the page gets undefined"),
                        Some(wc),
                    );
                }
                if fault.drop {
                    self.sync_result_lost(
                        send_sync,
                        PendingSync {
                            wc,
                            channel,
                            sync_id,
                            started,
                        },
                    );
                    return;
                }
                Delivery::SyncAnswer {
                    wc,
                    send_sync,
                    id: sync_id,
                    result: payload,
                }
            }
        };
        if delivered {
            self.later(Instant::now() + fault.latency, delivery);
        }
    }

    /// Delivers now, or queues until `due` when a latency was injected, or until its turn when
    /// a pace spaces deliveries out.
    fn later(&mut self, due: Instant, delivery: Delivery) {
        let gap = self.debugger.pace_gap();
        let now = Instant::now();
        let due = match self.paced_until {
            // Paced deliveries keep their order, `gap` apart; while some still wait (the pace
            // just went back to normal), the next goes after them, not before.
            Some(last) if !gap.is_zero() || last > now => {
                let turn = due.max(last + gap);
                self.paced_until = Some(turn);
                turn
            }
            None if !gap.is_zero() => {
                self.paced_until = Some(due);
                due
            }
            _ => due,
        };
        if due <= now {
            self.deliver(delivery);
        } else {
            let at = self.delayed.partition_point(|(t, _)| *t <= due);
            self.delayed.insert(at, (due, delivery));
        }
    }

    fn deliver(&mut self, delivery: Delivery) {
        match delivery {
            Delivery::ToJs(event) => self.to_js.push_back(event),
            Delivery::ToPage { wc, frame } => self.to_page(wc, &frame),
            Delivery::SyncAnswer {
                wc,
                send_sync,
                id,
                result,
            } => {
                self.debugger.unblocked(send_sync);
                if let Some(id) = id {
                    self.to_renderer(
                        wc,
                        &ToRenderer::SyncAnswer {
                            id,
                            body: json!({ "result": result }).to_string(),
                        },
                    );
                }
            }
        }
    }

    pub fn deliver_due(&mut self, now: Instant) {
        let due = self.delayed.partition_point(|(t, _)| *t <= now);
        for (_, delivery) in self.delayed.drain(..due).collect::<Vec<_>>() {
            self.deliver(delivery);
        }
    }

    pub fn next_delayed(&self) -> Option<Instant> {
        self.delayed.first().map(|(t, _)| *t)
    }

    /// Sends a frame to the page's shim, stamped with the window's token: the page can find the
    /// deliver function by name and call it, but cannot forge a frame the shim accepts.
    fn to_page(&self, wc: u32, frame: &PageOut) {
        let Some(window) = self.windows.live(wc) else {
            return;
        };
        let k = window.token.as_str();
        let frame = match frame {
            PageOut::Push { channel, args } => ToPage::Push { channel, args, k },
            PageOut::InvokeResult {
                id,
                ok,
                value,
                traced,
            } => ToPage::InvokeResult {
                id,
                ok: *ok,
                result: ok.then_some(value),
                error: (!ok).then_some(value),
                k,
                tr: traced.map(|seq| json!({"seq": seq, "out": stages::now_us()})),
            },
        };
        // Serializing JSON values cannot fail.
        let text = serde_json::to_string(&frame).unwrap_or_default();
        window.send_line(wire::page_line(&text));
    }
}

fn micros_since(started: Instant) -> u64 {
    started.elapsed().as_micros() as u64
}
