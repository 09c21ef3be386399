//! main.js's requests to the core (`HostRequest`, typed in `runtime::protocol`): console lines
//! and errors to journal, listener changes, pushes, replies and results for the dispatch point,
//! and BrowserWindow operations.

use serde_json::{json, Value};

use super::browser_window::{CreateWindow, LoadFile};
use super::initiator::{self, Initiator};
use super::message::{Dispatch, Message, Trace, Via, What};
use super::registry::Side;
use super::state::State;
use crate::journal::Kind;
use crate::runtime::protocol::HostRequest;
use crate::runtime::Host;

impl Host for State {
    fn request(&mut self, request: HostRequest) -> Result<Value, String> {
        match request {
            HostRequest::Console { level, text } => {
                if self.echo_console {
                    if matches!(level.as_str(), "warn" | "error" | "trace") {
                        eprintln!("{text}");
                    } else {
                        println!("{text}");
                    }
                }
                self.journal.append(
                    Kind::Console,
                    json!({"process": "main", "level": level, "text": text}),
                );
            }
            HostRequest::Error { text } => self.error(text, None),
            HostRequest::Listener {
                op_name,
                channel,
                built_in,
                scope,
                at,
                frame,
            } => {
                // A webContents.ipc (or mainFrame.ipc) listener hears only its own window.
                let side = scope.map_or(Side::Main, Side::MainFor);
                self.registry.apply(side, op_name, &channel);
                if !built_in {
                    let mut fields =
                        json!({"process": "main", "op": op_name.as_str(), "channel": channel});
                    if let Some(wc) = scope {
                        fields["webContentsId"] = json!(wc);
                    }
                    if frame {
                        fields["frame"] = json!("main");
                    }
                    if let Some(initiator) = self.main_initiator(at.as_deref()) {
                        fields["initiator"] = json!(initiator);
                    }
                    self.journal.append(Kind::Listener, fields);
                }
            }
            HostRequest::Push {
                wc,
                channel,
                args,
                at,
                cause,
            } => self.dispatch_from_main(wc, channel, args, What::Push, at, cause),
            HostRequest::Reply {
                wc,
                channel,
                args,
                reply_to,
                at,
                cause,
            } => self.dispatch_from_main(wc, channel, args, What::Reply { reply_to }, at, cause),
            HostRequest::InvokeResult {
                invoke,
                ok,
                result,
                error,
                at,
            } => {
                let value = if ok { result } else { error };
                let initiator = self.main_initiator(at.as_deref());
                self.invoke_result(invoke, ok, value, initiator, Dispatch::live(Via::Lab));
            }
            HostRequest::SyncResult {
                send_sync,
                result,
                at,
            } => {
                let initiator = self.main_initiator(at.as_deref());
                self.sync_result(send_sync, result, initiator, Dispatch::live(Via::Lab))
            }
            HostRequest::WindowCreate {
                title,
                width,
                height,
                show,
                preload,
                context_isolation,
            } => {
                return self.create_window(CreateWindow {
                    title,
                    width,
                    height,
                    show,
                    preload,
                    context_isolation,
                })
            }
            HostRequest::WindowLoadFile {
                wc,
                path,
                query,
                search,
                hash,
            } => {
                return self.load_file(
                    wc,
                    LoadFile {
                        path,
                        query,
                        search,
                        hash,
                    },
                )
            }
            HostRequest::WindowLoadUrl { wc, url } => self.load(wc, url),
            HostRequest::WindowReload { wc } => self.reload_window(wc),
            HostRequest::WindowNavigate { wc, id, url, go } => {
                self.navigation_decided(wc, id, &url, go)
            }
            HostRequest::WindowOpened { wc, url, child, by } => {
                self.window_opened(wc, &url, child, by.as_deref())
            }
            HostRequest::WindowEval { wc, js, id } => self.execute_javascript(wc, id, &js),
            HostRequest::WindowClose { wc } => self.close_window(wc),
            HostRequest::Quit { code } => self.quit = Some(code),
            // The runtime answers these itself, without the core.
            HostRequest::Fs(_) | HostRequest::Pid | HostRequest::LabName => {
                return Err("internal: the main.js runtime answers this request".into())
            }
        }
        Ok(Value::Null)
    }
}

impl State {
    /// A push or reply main.js sent (`at`: the stack it was sent from), to the dispatch point.
    fn dispatch_from_main(
        &mut self,
        wc: u32,
        channel: String,
        args: Value,
        what: What,
        at: Option<String>,
        cause: Option<u64>,
    ) {
        let initiator = self.main_initiator(at.as_deref());
        self.dispatch(Message {
            wc,
            channel,
            payload: args,
            what,
            trace: Trace {
                initiator,
                cause,
                stages: None,
            },
        });
    }

    /// The lab's frame in a stack main.js sent, if it has one.
    fn main_initiator(&self, stack: Option<&str>) -> Option<Initiator> {
        initiator::from_stack(stack?, &self.lab.dir, None)
    }
}
