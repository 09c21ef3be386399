//! Page frames, typed: what a page's shim posts to main (`Stamped<FromPage>`) and what main
//! posts back (`ToPage`). A frame is JSON; on the Rust side it is one of these variants or it is
//! refused with a reason, never half-read.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::journal::ListenerOp;
use crate::wire;

/// One message from a page's shim. `at` is the page's JS stack where the call was made
/// (WebKit's text; the core keeps its first lab frame as the journal's `initiator`).
#[derive(Debug, Clone, PartialEq)]
pub enum FromPage {
    /// `ipcRenderer.send`
    Send {
        channel: String,
        args: Value,
        at: Option<String>,
    },
    /// `ipcRenderer.sendSync`: arrives by the synchronous path only.
    SendSync {
        channel: String,
        args: Value,
        at: Option<String>,
    },
    /// `ipcRenderer.invoke`: `id` is the shim's, echoed in the result.
    Invoke {
        id: Value,
        channel: String,
        args: Value,
        at: Option<String>,
    },
    /// A listener added or removed in the page.
    Listener {
        op: ListenerOp,
        channel: String,
        at: Option<String>,
    },
    /// `contextBridge.exposeInMainWorld(key, api)`: `api` is the shape of what was exposed.
    Exposed {
        key: String,
        api: Value,
        /// "isolated" (through the contextBridge) or "main" (a global the preload set in the
        /// page's own world, without context isolation).
        world: Option<String>,
        /// The exposed value is the shim's ipcRenderer itself (electron#20307).
        ipc_renderer: bool,
    },
    Console {
        level: String,
        text: String,
    },
    /// An uncaught exception or a problem the shim met.
    Error {
        text: String,
    },
    /// What `webContents.executeJavaScript` request `id` came to, posted by the renderer
    /// itself (not the shim): `outcome` is the JSON text of `{ok, value}` or `{ok, error}`.
    ExecuteJavaScriptResult {
        id: u64,
        outcome: String,
    },
}

impl FromPage {
    /// The frame's `t`, as the shim names it.
    pub fn name(&self) -> &'static str {
        match self {
            FromPage::Send { .. } => "send",
            FromPage::SendSync { .. } => "sendSync",
            FromPage::Invoke { .. } => "invoke",
            FromPage::Listener { .. } => "listener",
            FromPage::Exposed { .. } => "exposed",
            FromPage::Console { .. } => "console",
            FromPage::Error { .. } => "error",
            FromPage::ExecuteJavaScriptResult { .. } => "executeJavaScriptResult",
        }
    }
}

/// A frame with the shim's stamp: the window's token `k`, the page load `p`, and `n`, which
/// counts the page's frames from 1 (the two transports may overtake each other).
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped {
    pub token: Option<String>,
    pub page: String,
    pub n: u64,
    pub message: FromPage,
    /// With `IPCSCOPE_TRACE`: the page's stage stamps (`tr`), Null otherwise.
    pub trace: Value,
}

/// The `t` of a frame from the page.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum FrameType {
    Send,
    SendSync,
    Invoke,
    Listener,
    Exposed,
    Console,
    Error,
    ExecuteJavaScriptResult,
}

/// A frame as JSON has it, read in one pass; `into_stamped` checks that the fields its type
/// needs are there.
#[derive(Deserialize)]
struct RawFrame {
    t: FrameType,
    #[serde(default)]
    k: Option<String>,
    #[serde(default)]
    p: String,
    #[serde(default)]
    n: u64,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    args: Option<Value>,
    #[serde(default)]
    id: Value,
    #[serde(default)]
    op: Option<ListenerOp>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    api: Value,
    #[serde(default)]
    world: Option<String>,
    #[serde(default, rename = "ipcRenderer")]
    ipc_renderer: bool,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    text: Option<String>,
    /// Read leniently: a stack that is not a string is no stack, not a bad frame.
    #[serde(default)]
    at: Value,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    tr: Value,
}

impl RawFrame {
    /// The frame, or (when a field its type needs is missing) the token it carried.
    fn into_stamped(mut self) -> Result<Stamped, Option<String>> {
        let token = self.k.take();
        let trace = self.tr.take();
        match self.into_message() {
            Some((page, n, message)) => Ok(Stamped {
                token,
                page,
                n,
                message,
                trace,
            }),
            None => Err(token),
        }
    }

    fn into_message(self) -> Option<(String, u64, FromPage)> {
        let args = self.args.filter(Value::is_array);
        let at = match self.at {
            Value::String(stack) => Some(stack),
            _ => None,
        };
        let message = match self.t {
            FrameType::Send => FromPage::Send {
                channel: self.channel?,
                args: args?,
                at,
            },
            FrameType::SendSync => FromPage::SendSync {
                channel: self.channel?,
                args: args?,
                at,
            },
            FrameType::Invoke => FromPage::Invoke {
                id: self.id,
                channel: self.channel?,
                args: args?,
                at,
            },
            FrameType::Listener => FromPage::Listener {
                op: self.op?,
                channel: self.channel?,
                at,
            },
            FrameType::Exposed => FromPage::Exposed {
                key: self.key.unwrap_or_default(),
                api: self.api,
                world: self.world,
                ipc_renderer: self.ipc_renderer,
            },
            FrameType::Console => FromPage::Console {
                level: self.level.unwrap_or_else(|| "log".into()),
                text: self.text.unwrap_or_default(),
            },
            FrameType::Error => FromPage::Error {
                text: self.text.unwrap_or_default(),
            },
            FrameType::ExecuteJavaScriptResult => FromPage::ExecuteJavaScriptResult {
                id: self.id.as_u64()?,
                outcome: self.outcome?,
            },
        };
        Some((self.p, self.n, message))
    }
}

/// Why a frame was refused.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// Not JSON, or nested past what a frame may be.
    Malformed(String),
    /// JSON, but not a frame the shim sends: `token` is its `k`, if it had one.
    UnknownShape { token: Option<String> },
}

/// A parsed frame; `replaced_surrogates` says a lone UTF-16 surrogate in one of its strings
/// became U+FFFD (JS strings may hold one, UTF-8 cannot).
#[derive(Debug)]
pub struct Parsed {
    pub frame: Stamped,
    pub replaced_surrogates: bool,
}

/// Reads a page frame.
pub fn parse(body: &str) -> Result<Parsed, Refused> {
    match wire::parse_deep_json::<RawFrame>(body) {
        Ok((raw, replaced_surrogates)) => match raw.into_stamped() {
            Ok(frame) => Ok(Parsed {
                frame,
                replaced_surrogates,
            }),
            Err(token) => Err(Refused::UnknownShape { token }),
        },
        Err(error) => match wire::parse_deep_json::<Value>(body) {
            // JSON after all: a frame of a shape the shim never sends.
            Ok((value, _)) => Err(Refused::UnknownShape {
                token: value.get("k").and_then(Value::as_str).map(str::to_string),
            }),
            Err(_) => Err(Refused::Malformed(error)),
        },
    }
}

/// A frame main sends to a page's shim, stamped with the window's token so the page can find
/// the deliver function but cannot forge a frame the shim accepts.
#[derive(Debug, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum ToPage<'a> {
    /// Delivered to the page's `ipcRenderer.on(channel)` listeners (pushes and replies).
    Push {
        channel: &'a str,
        args: &'a Value,
        k: &'a str,
    },
    /// Settles the invoke the shim numbered `id`.
    InvokeResult {
        id: &'a Value,
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<&'a Value>,
        k: &'a str,
        /// With `IPCSCOPE_TRACE`: `{seq, out}`, the result's seq and when it left main.
        #[serde(skip_serializing_if = "Option::is_none")]
        tr: Option<Value>,
    },
    /// `webContents.executeJavaScript(code)`, request `id`. The renderer runs it in the page's
    /// main world itself (no shim is involved) and answers with an `executeJavaScriptResult`
    /// frame carrying the same `k`.
    #[serde(rename = "execute-javascript")]
    ExecuteJavaScript { id: u64, code: &'a str, k: &'a str },
}

/// An `execute-javascript` frame as the renderer reads it.
#[derive(Debug, Deserialize, PartialEq)]
pub struct ExecuteJavaScript {
    pub id: u64,
    pub code: String,
    pub k: String,
}

impl ExecuteJavaScript {
    /// The request, if `body` (a page frame on its way to the page) is one.
    pub fn read(body: &str) -> Option<Self> {
        // Serde writes the tag first: other frames are passed on without being parsed.
        if !body.starts_with(r#"{"t":"execute-javascript""#) {
            return None;
        }
        #[derive(Deserialize)]
        struct Tagged {
            #[serde(flatten)]
            request: ExecuteJavaScript,
        }
        serde_json::from_str::<Tagged>(body).ok().map(|t| t.request)
    }

    /// The frame that answers this request with `outcome` (any text: main reads it).
    pub fn answer(&self, outcome: &str) -> String {
        json!({"t": "executeJavaScriptResult", "k": self.k, "id": self.id, "outcome": outcome})
            .to_string()
    }

    /// The body of the async function the renderer calls in the page's main world, with
    /// `code` as its one argument: the value codec, then `execute_javascript.js`, which runs
    /// the code as a script and returns its outcome as JSON text.
    pub fn function_body() -> String {
        format!("{}\n{}", crate::value::CODEC_JS, EXECUTE_JAVASCRIPT_JS)
    }
}

const EXECUTE_JAVASCRIPT_JS: &str = include_str!("execute_javascript.js");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_send_frame_reads_as_a_send_with_its_stamp() {
        let parsed =
            parse(r#"{"t":"send","channel":"c","args":[1],"k":"tok","p":"pg","n":3}"#).unwrap();
        assert_eq!(
            parsed.frame,
            Stamped {
                token: Some("tok".into()),
                page: "pg".into(),
                n: 3,
                message: FromPage::Send {
                    channel: "c".into(),
                    args: json!([1]),
                    at: None
                },
                trace: Value::Null,
            }
        );
        assert!(!parsed.replaced_surrogates);
    }

    #[test]
    fn a_frame_carries_the_stack_it_was_sent_from_when_it_is_a_string() {
        let parsed =
            parse(r#"{"t":"invoke","id":1,"channel":"c","args":[],"k":"t","at":"f@file:///l/preload.js:4:9"}"#)
                .unwrap();
        assert!(matches!(
            parsed.frame.message,
            FromPage::Invoke { at: Some(ref at), .. } if at == "f@file:///l/preload.js:4:9"
        ));
        let parsed = parse(r#"{"t":"send","channel":"c","args":[],"k":"t","at":{"x":1}}"#).unwrap();
        assert!(matches!(
            parsed.frame.message,
            FromPage::Send { at: None, .. }
        ));
    }

    #[test]
    fn listener_frames_carry_a_typed_op() {
        let parsed =
            parse(r#"{"t":"listener","op":"removeAllListeners","channel":"c","k":"t"}"#).unwrap();
        assert_eq!(
            parsed.frame.message,
            FromPage::Listener {
                op: ListenerOp::RemoveAllListeners,
                channel: "c".into(),
                at: None
            }
        );
    }

    #[test]
    fn refusals_say_whether_it_was_json_and_whose_token_it_had() {
        assert!(matches!(parse("{not json"), Err(Refused::Malformed(_))));
        assert_eq!(
            parse(r#"{"t":"send","channel":"c","k":"tok"}"#).unwrap_err(),
            Refused::UnknownShape {
                token: Some("tok".into())
            },
            "a send without args"
        );
        assert_eq!(
            parse(r#"{"t":"teleport","k":"tok"}"#).unwrap_err(),
            Refused::UnknownShape {
                token: Some("tok".into())
            }
        );
        assert_eq!(
            parse(r#"{"t":"listener","op":"emit","channel":"c"}"#).unwrap_err(),
            Refused::UnknownShape { token: None }
        );
    }

    #[test]
    fn a_lone_surrogate_becomes_a_replacement_character() {
        let parsed = parse(r#"{"t":"send","channel":"c","args":["a\ud800b"],"k":"t"}"#).unwrap();
        assert!(parsed.replaced_surrogates);
        assert_eq!(
            parsed.frame.message,
            FromPage::Send {
                channel: "c".into(),
                args: json!(["a\u{fffd}b"]),
                at: None
            }
        );
    }

    #[test]
    fn frames_to_the_page_have_the_shape_the_shim_reads() {
        let args = json!(["hi"]);
        let push = ToPage::Push {
            channel: "c",
            args: &args,
            k: "tok",
        };
        assert_eq!(
            serde_json::to_value(&push).unwrap(),
            json!({"t": "push", "channel": "c", "args": ["hi"], "k": "tok"})
        );
        let (id, error) = (json!(4), json!("Error invoking remote method 'x': boom"));
        let failed = ToPage::InvokeResult {
            id: &id,
            ok: false,
            result: None,
            error: Some(&error),
            k: "tok",
            tr: None,
        };
        assert_eq!(
            serde_json::to_value(&failed).unwrap(),
            json!({"t": "invoke-result", "id": 4, "ok": false, "error": "Error invoking remote method 'x': boom", "k": "tok"})
        );
    }

    #[test]
    fn an_execute_javascript_request_goes_to_the_renderer_and_its_answer_comes_back() {
        let frame = ToPage::ExecuteJavaScript {
            id: 7,
            code: "1 +\n 2",
            k: "tok",
        };
        let body = serde_json::to_string(&frame).unwrap();
        let request = ExecuteJavaScript::read(&body).expect("the renderer recognises it");
        assert_eq!(
            request,
            ExecuteJavaScript {
                id: 7,
                code: "1 +\n 2".into(),
                k: "tok".into()
            }
        );
        let push = serde_json::to_string(&ToPage::Push {
            channel: "c",
            args: &json!([]),
            k: "tok",
        })
        .unwrap();
        assert_eq!(ExecuteJavaScript::read(&push), None, "other frames pass on");

        let answer = parse(&request.answer(r#"{"ok":true,"value":3}"#)).unwrap();
        assert_eq!(answer.frame.token.as_deref(), Some("tok"));
        assert_eq!(
            answer.frame.message,
            FromPage::ExecuteJavaScriptResult {
                id: 7,
                outcome: r#"{"ok":true,"value":3}"#.into()
            }
        );
    }
}
