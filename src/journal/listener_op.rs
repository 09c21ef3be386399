//! The `op` of a `listener` journal entry: the Electron method that added or removed a
//! listener or handler, as both sides report it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ListenerOp {
    On,
    Once,
    AddListener,
    PrependListener,
    PrependOnceListener,
    Off,
    RemoveListener,
    RemoveAllListeners,
    /// `ipcMain.handle`: handlers answer invokes and are not listeners.
    Handle,
    HandleOnce,
    RemoveHandler,
}

/// What an op does to the listeners of one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    AddOne,
    RemoveOne,
    RemoveAll,
    /// A handler change: it answers invokes and counts as no listener.
    Handler,
}

impl ListenerOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ListenerOp::On => "on",
            ListenerOp::Once => "once",
            ListenerOp::AddListener => "addListener",
            ListenerOp::PrependListener => "prependListener",
            ListenerOp::PrependOnceListener => "prependOnceListener",
            ListenerOp::Off => "off",
            ListenerOp::RemoveListener => "removeListener",
            ListenerOp::RemoveAllListeners => "removeAllListeners",
            ListenerOp::Handle => "handle",
            ListenerOp::HandleOnce => "handleOnce",
            ListenerOp::RemoveHandler => "removeHandler",
        }
    }

    /// Reads the `op` of a journal entry; None for an op this version does not know.
    pub fn parse(text: &str) -> Option<ListenerOp> {
        serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
    }

    pub fn change(self) -> Change {
        match self {
            ListenerOp::On
            | ListenerOp::Once
            | ListenerOp::AddListener
            | ListenerOp::PrependListener
            | ListenerOp::PrependOnceListener => Change::AddOne,
            ListenerOp::Off | ListenerOp::RemoveListener => Change::RemoveOne,
            ListenerOp::RemoveAllListeners => Change::RemoveAll,
            ListenerOp::Handle | ListenerOp::HandleOnce | ListenerOp::RemoveHandler => {
                Change::Handler
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_op_reads_back_from_the_name_it_is_journaled_as() {
        for name in [
            "on",
            "once",
            "addListener",
            "prependListener",
            "prependOnceListener",
            "off",
            "removeListener",
            "removeAllListeners",
            "handle",
            "handleOnce",
            "removeHandler",
        ] {
            assert_eq!(ListenerOp::parse(name).map(ListenerOp::as_str), Some(name));
        }
        assert_eq!(ListenerOp::parse("emit"), None);
    }
}
