//! The requests waiting for main.js's answer: invokes and sendSyncs, by the seq of their
//! journal entry, with when they started (for `durationUs` and the sendSync time limit).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

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

    pub fn take_invoke(&mut self, seq: u64) -> Option<PendingInvoke> {
        self.invokes.remove(&seq)
    }

    pub fn take_sync(&mut self, seq: u64) -> Option<PendingSync> {
        self.syncs.remove(&seq)
    }

    pub fn next_sync_deadline(&self) -> Option<Instant> {
        self.syncs.values().map(|p| p.started + SYNC_LIMIT).min()
    }

    /// sendSyncs past the time limit at `now`, oldest first.
    pub fn expired_syncs(&self, now: Instant) -> Vec<(u64, &PendingSync)> {
        let mut expired: Vec<(u64, &PendingSync)> = self
            .syncs
            .iter()
            .filter(|(_, p)| now >= p.started + SYNC_LIMIT)
            .map(|(seq, p)| (*seq, p))
            .collect();
        expired.sort_by_key(|(seq, _)| *seq);
        expired
    }
}
