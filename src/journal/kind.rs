//! What a journal entry records (`Kind`) and how a result ended (`Outcome`): the one place the
//! journal's `kind` strings are spelled. Core, panel, replay and the debugger match on these.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::Entry;

/// The `kind` of a journal entry; on disk the kebab-case string DESIGN.md lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `ipcRenderer.send`
    Send,
    /// `ipcRenderer.invoke`
    Invoke,
    /// The answer to an invoke.
    InvokeResult,
    /// `ipcRenderer.sendSync`
    SendSync,
    /// The answer to a sendSync.
    SendSyncResult,
    /// `webContents.send`, main -> page.
    Push,
    /// `event.reply`, main -> page.
    Reply,
    Console,
    Error,
    /// A listener or handler added or removed.
    Listener,
    /// App and window events: ready, created, navigating, loaded, closed, crashed, quit ...
    Lifecycle,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Send,
        Kind::Invoke,
        Kind::InvokeResult,
        Kind::SendSync,
        Kind::SendSyncResult,
        Kind::Push,
        Kind::Reply,
        Kind::Console,
        Kind::Error,
        Kind::Listener,
        Kind::Lifecycle,
    ];

    /// The messages a user can deliver again (replay) or fire by hand.
    pub const REPLAYABLE: [Kind; 5] = [
        Kind::Send,
        Kind::Invoke,
        Kind::SendSync,
        Kind::Push,
        Kind::Reply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Send => "send",
            Kind::Invoke => "invoke",
            Kind::InvokeResult => "invoke-result",
            Kind::SendSync => "send-sync",
            Kind::SendSyncResult => "send-sync-result",
            Kind::Push => "push",
            Kind::Reply => "reply",
            Kind::Console => "console",
            Kind::Error => "error",
            Kind::Listener => "listener",
            Kind::Lifecycle => "lifecycle",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The kind of a saved or live entry; None for a kind this version does not know.
    pub fn of(entry: &Entry) -> Option<Kind> {
        entry
            .get("kind")
            .and_then(Value::as_str)
            .and_then(Kind::parse)
    }

    pub fn is_replayable(self) -> bool {
        Kind::REPLAYABLE.contains(&self)
    }

    /// A renderer -> main message: send, invoke, send-sync.
    pub fn is_to_main(self) -> bool {
        matches!(self, Kind::Send | Kind::Invoke | Kind::SendSync)
    }

    /// An IPC message or result (an entry with a channel and a window).
    pub fn is_message(self) -> bool {
        self.is_replayable() || self.is_result()
    }

    pub fn is_result(self) -> bool {
        matches!(self, Kind::InvokeResult | Kind::SendSyncResult)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an invoke or sendSync ended, as the page saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The value returned (in the value encoding).
    Value(Value),
    /// The text the page's rejection carried.
    Error(String),
}

impl Outcome {
    /// The outcome an `invoke-result` or `send-sync-result` entry records; None for others.
    pub fn of(entry: &Entry) -> Option<Outcome> {
        match Kind::of(entry)? {
            Kind::InvokeResult if Outcome::failed(entry) => {
                let error = entry.get("error").cloned().unwrap_or(Value::Null);
                Some(Outcome::Error(
                    error
                        .as_str()
                        .map_or_else(|| error.to_string(), str::to_string),
                ))
            }
            Kind::InvokeResult | Kind::SendSyncResult => Some(Outcome::Value(
                entry.get("result").cloned().unwrap_or(Value::Null),
            )),
            _ => None,
        }
    }

    /// True for an invoke that rejected: its result entry is not `ok`. Cheaper than `of` (which
    /// copies the value) where only the verdict is needed, e.g. for every row drawn.
    pub fn failed(entry: &Entry) -> bool {
        Kind::of(entry) == Some(Kind::InvokeResult) && entry.get("ok") != Some(&Value::Bool(true))
    }

    /// The outcome as one value: the result, or `{"error": text}`.
    pub fn to_value(&self) -> Value {
        match self {
            Outcome::Value(value) => value.clone(),
            Outcome::Error(text) => json!({ "error": text }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_the_string_it_writes() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
        assert_eq!(Kind::parse("send_sync"), None);
    }

    #[test]
    fn outcomes_read_the_result_or_the_error_text() {
        let entry = |v: Value| v.as_object().unwrap().clone();
        let ok = entry(json!({"kind": "invoke-result", "ok": true, "result": 3}));
        assert_eq!(Outcome::of(&ok), Some(Outcome::Value(json!(3))));
        let failed = entry(json!({"kind": "invoke-result", "ok": false, "error": "boom"}));
        assert_eq!(Outcome::of(&failed), Some(Outcome::Error("boom".into())));
        let sync = entry(json!({"kind": "send-sync-result", "result": "x"}));
        assert_eq!(Outcome::of(&sync), Some(Outcome::Value(json!("x"))));
        assert_eq!(Outcome::of(&entry(json!({"kind": "send"}))), None);
        assert!(Outcome::failed(&failed) && !Outcome::failed(&ok) && !Outcome::failed(&sync));
    }
}
