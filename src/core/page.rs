//! Frames from a page: checked (the window's token), put back in the shim's order, and turned
//! into messages for the dispatch point or into journal entries (listeners, console, errors).

use std::time::Instant;

use serde_json::json;

use super::initiator::{self, Initiator};
use super::message::{Message, Trace, What};
use super::page_frame::{self, FromPage, Refused, ToPage};
use super::registry::Side;
use super::renderer_process::PageFrame;
use super::stages::Arrival;
use super::state::State;
use crate::journal::Kind;
use crate::runtime::protocol::JsEvent;
use crate::wire::{self, ToRenderer};

impl State {
    /// A frame the page's shim sent, by postMessage or (with `sync_id`) by synchronous XHR.
    pub fn page_frame(&mut self, wc: u32, body: &str, sync_id: Option<u64>) {
        self.page_frame_at(wc, body, sync_id, None);
    }

    /// A frame with `IPCSCOPE_TRACE` on: its stages so far go with it to the dispatch point,
    /// and the stages of an earlier answer's way back that it carries are journaled.
    pub fn traced_page_frame(&mut self, wc: u32, body: &str, arrival: Arrival) {
        self.page_frame_at(wc, body, None, Some(arrival));
    }

    fn page_frame_at(
        &mut self,
        wc: u32,
        body: &str,
        sync_id: Option<u64>,
        arrival: Option<Arrival>,
    ) {
        let Some(window) = self.windows.live(wc) else {
            return;
        };
        let token_ok = |token: Option<&str>| token == Some(window.token.as_str());
        let refusal = match page_frame::parse(body) {
            Ok(parsed) if token_ok(parsed.frame.token.as_deref()) => Ok(parsed),
            Ok(_) => Err(None),
            Err(Refused::UnknownShape { token }) if !token_ok(token.as_deref()) => Err(None),
            Err(Refused::UnknownShape { .. }) => Err(Some(format!(
                "dropped a frame of unknown shape: {}",
                wire::truncate(body, 200)
            ))),
            Err(Refused::Malformed(e)) => Err(Some(format!(
                "dropped a malformed frame ({e}): {}",
                wire::truncate(body, 200)
            ))),
        };
        let parsed = match refusal {
            Ok(parsed) => parsed,
            Err(why) => {
                let why = why.unwrap_or_else(|| "a frame without the preload's token was dropped (page code posted to the raw transport)".into());
                self.refuse(wc, sync_id, &why);
                return;
            }
        };
        let frame = parsed.frame;
        if parsed.replaced_surrogates {
            self.error(
                format!("renderer #{wc}: a string in a {} frame held a lone UTF-16 surrogate, which the journal's UTF-8 cannot carry; it was replaced by U+FFFD", frame.message.name()),
                Some(wc),
            );
        }
        // The renderer's own answer to executeJavaScript: not one of the shim's numbered frames.
        if let (FromPage::ExecuteJavaScriptResult { id, outcome }, None) = (&frame.message, sync_id)
        {
            self.to_js.push_back(JsEvent::ExecuteJavaScriptResult {
                wc,
                id: *id,
                outcome: outcome.clone(),
            });
            return;
        }
        let stages = arrival.map(|arrival| {
            if let Some((seq, stages)) = arrival.way_back(&frame.trace) {
                self.journal.append(
                    Kind::Lifecycle,
                    json!({"event": "stages", "ref": seq, "webContentsId": wc, "stages": stages}),
                );
            }
            arrival.stages(&frame.trace)
        });
        let Some(window) = self.windows.live_mut(wc) else {
            return;
        };
        let (due, warning) = window.order(PageFrame {
            page: frame.page,
            n: frame.n,
            message: frame.message,
            sync_id,
            stages,
        });
        if let Some(warning) = warning {
            self.error(format!("renderer #{wc}: {warning}"), Some(wc));
        }
        for frame in due {
            self.page_message(wc, frame);
        }
    }

    /// Frames that waited too long for a missing one go on without it (the page may have
    /// failed to send it); the gap is journaled.
    pub fn release_overdue_frames(&mut self, now: Instant) {
        let overdue: Vec<(u32, Vec<PageFrame>, String)> = self
            .windows
            .live_renderers_mut()
            .filter_map(|(wc, renderer)| {
                let (due, warning) = renderer.overdue_frames(now)?;
                Some((wc, due, warning))
            })
            .collect();
        for (wc, due, warning) in overdue {
            self.error(format!("renderer #{wc}: {warning}"), Some(wc));
            for frame in due {
                self.page_message(wc, frame);
            }
        }
    }

    /// When frames held for a missing one are next given up on, in any window.
    pub fn next_frame_deadline(&self) -> Option<Instant> {
        self.windows
            .live_renderers()
            .filter_map(|(_, renderer)| renderer.frames_due_by())
            .min()
    }

    /// Journals a refused frame; a blocked sendSync is answered so the page does not hang.
    fn refuse(&mut self, wc: u32, sync_id: Option<u64>, why: &str) {
        self.error(format!("renderer #{wc}: {why}"), Some(wc));
        if let Some(id) = sync_id {
            self.to_renderer(
                wc,
                &ToRenderer::SyncAnswer {
                    id,
                    body: json!({"error": why}).to_string(),
                },
            );
        }
    }

    fn page_message(&mut self, wc: u32, frame: PageFrame) {
        let stages = frame.stages;
        let message = |channel, payload, what, initiator| Message {
            wc,
            channel,
            payload,
            what,
            trace: Trace {
                stages,
                ..Trace::at(initiator)
            },
        };
        match (frame.message, frame.sync_id) {
            (FromPage::Send { channel, args, at }, None) => {
                let initiator = self.page_initiator(wc, at.as_deref());
                self.dispatch(message(channel, args, What::Send, initiator))
            }
            (FromPage::SendSync { channel, args, at }, Some(sync_id)) => {
                let initiator = self.page_initiator(wc, at.as_deref());
                let what = What::SendSync {
                    sync_id: Some(sync_id),
                };
                self.dispatch(message(channel, args, what, initiator))
            }
            (
                FromPage::Invoke {
                    id,
                    channel,
                    args,
                    at,
                },
                None,
            ) => {
                let initiator = self.page_initiator(wc, at.as_deref());
                let what = What::Invoke { invoke_id: id };
                self.dispatch(message(channel, args, what, initiator))
            }
            (FromPage::Listener { op, channel, at }, None) => {
                self.registry.apply(Side::Renderer(wc), op, &channel);
                let mut fields = json!({"process": "renderer", "op": op.as_str(), "channel": channel, "webContentsId": wc});
                if let Some(initiator) = self.page_initiator(wc, at.as_deref()) {
                    fields["initiator"] = json!(initiator);
                }
                self.journal.append(Kind::Listener, fields);
            }
            (
                FromPage::Exposed {
                    key,
                    api,
                    world,
                    ipc_renderer,
                },
                None,
            ) => {
                let mut fields = json!({"event": "exposed", "webContentsId": wc, "key": key, "world": world.as_deref().unwrap_or("isolated"), "api": api});
                if ipc_renderer {
                    fields["ipcRenderer"] = json!(true);
                }
                self.journal.append(Kind::Lifecycle, fields);
            }
            (FromPage::Console { level, text }, None) => {
                self.journal.append(
                    Kind::Console,
                    json!({"process": "renderer", "level": level, "text": text, "webContentsId": wc}),
                );
            }
            (FromPage::Error { text }, None) => {
                // A stack through the inlined preload names its lines, not the init script's.
                let text = match self.windows.get(wc).and_then(|w| w.inline_preload.as_ref()) {
                    Some(preload) => initiator::name_preload_lines(&text, preload),
                    None => text,
                };
                self.error(text, Some(wc))
            }
            (message, sync_id) => self.refuse(
                wc,
                sync_id,
                &format!(
                    "dropped a '{}' frame that came by the {} path",
                    message.name(),
                    if sync_id.is_some() {
                        "synchronous"
                    } else {
                        "asynchronous"
                    }
                ),
            ),
        }
    }

    /// `webContents.executeJavaScript(code)`, request `id`: to the renderer, which runs it in
    /// the page's main world and answers with the outcome. Without a live page it fails now.
    pub fn execute_javascript(&mut self, wc: u32, id: u64, code: &str) {
        let Some(window) = self.windows.live(wc) else {
            let outcome = json!({"ok": false, "error": {
                "name": "Error",
                "message": format!("WebContents #{wc} has no page to run the script in"),
            }});
            self.to_js.push_back(JsEvent::ExecuteJavaScriptResult {
                wc,
                id,
                outcome: outcome.to_string(),
            });
            return;
        };
        let frame = ToPage::ExecuteJavaScript {
            id,
            code,
            k: &window.token,
        };
        // Serializing a string and numbers cannot fail.
        window.send_line(wire::page_line(
            &serde_json::to_string(&frame).unwrap_or_default(),
        ));
    }

    /// The lab's frame in a stack window `wc`'s page sent, if it has one.
    fn page_initiator(&self, wc: u32, stack: Option<&str>) -> Option<Initiator> {
        let preload = self.windows.get(wc).and_then(|w| w.inline_preload.as_ref());
        initiator::from_stack(stack?, &self.lab.dir, preload)
    }
}
