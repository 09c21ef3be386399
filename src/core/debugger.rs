//! The debugger's rules at the dispatch point: breakpoints that hold matching messages until the
//! user forwards or drops them, stepping (every message held, let through one at a time), a
//! pace that spaces deliveries out, and faults (latency, a forced error, a drop) injected per
//! channel. The core applies them; the panel reads `DebugView` and changes them through
//! `Command`s.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::journal::Kind;

/// Which way a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// send, invoke, sendSync: renderer -> main.
    ToMain,
    /// push (webContents.send), reply, and the results of invoke and sendSync: main -> renderer.
    ToRenderer,
}

/// Holds messages on `channel` (any channel when None) going `direction` (both when None).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Breakpoint {
    pub channel: Option<String>,
    pub direction: Option<Direction>,
}

impl Breakpoint {
    pub fn matches(&self, channel: &str, direction: Direction) -> bool {
        self.channel.as_deref().is_none_or(|c| c == channel)
            && self.direction.is_none_or(|d| d == direction)
    }
}

/// What to do to every message on one channel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fault {
    /// Delay before the message is delivered (it is journaled on arrival).
    pub latency: Duration,
    /// Fail it: an invoke rejects with this text, a sendSync gets `undefined`, others are not
    /// delivered. The text is what the thrown Error carries.
    pub error: Option<String>,
    /// Lose it: journaled, never delivered (an invoke stays pending, as with a lost message).
    pub drop: bool,
    /// Only messages going this way (ToRenderer: pushes, replies and the answers to invokes
    /// and sendSyncs); both ways when None.
    pub direction: Option<Direction>,
}

impl Fault {
    pub fn is_active(&self) -> bool {
        !self.latency.is_zero() || self.error.is_some() || self.drop
    }
}

/// A message held at a breakpoint, as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub id: u64,
    /// The journal kind it will have: a message or a result.
    pub kind: Kind,
    pub web_contents_id: u32,
    pub channel: String,
    pub args: Value,
    pub since: SystemTime,
}

/// A page blocked in `sendSync`, waiting for main to set `event.returnValue`.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    /// seq of the send-sync entry.
    pub seq: u64,
    pub web_contents_id: u32,
    pub channel: String,
    pub since: SystemTime,
}

/// What the panel shows of the debugger; the core keeps it current.
#[derive(Debug, Clone)]
pub struct DebugView {
    pub breakpoints: Vec<Breakpoint>,
    pub faults: BTreeMap<String, Fault>,
    /// Held messages, by breakpoints and by stepping, in the order they arrived.
    pub held: Vec<Held>,
    /// Pages blocked in sendSync right now (the panel can answer or release them).
    pub blocked: Vec<Blocked>,
    /// Every message is held before delivery; `Command::Step` lets the oldest one through.
    pub stepping: bool,
    /// Slow motion: deliveries are spaced at least `pace` × 100 ms apart (1: as they come).
    pub pace: u32,
}

impl Default for DebugView {
    fn default() -> Self {
        DebugView {
            breakpoints: Vec::new(),
            faults: BTreeMap::new(),
            held: Vec::new(),
            blocked: Vec::new(),
            stepping: false,
            pace: 1,
        }
    }
}

pub type SharedDebugView = Arc<Mutex<DebugView>>;

/// The rules, owned by the core. Every change is mirrored into the shared view.
#[derive(Default)]
pub struct Debugger {
    breakpoints: Vec<Breakpoint>,
    faults: BTreeMap<String, Fault>,
    held: Vec<Held>,
    blocked: Vec<Blocked>,
    next_id: u64,
    stepping: bool,
    /// Ids of the messages held by stepping rather than by a breakpoint.
    stepped: BTreeSet<u64>,
    /// 0 and 1 both mean no slowdown.
    pace: u32,
    view: SharedDebugView,
}

impl Debugger {
    pub fn new(view: SharedDebugView) -> Debugger {
        Debugger {
            view,
            ..Default::default()
        }
    }

    pub fn should_hold(&self, channel: &str, direction: Direction) -> bool {
        self.breakpoints
            .iter()
            .any(|b| b.matches(channel, direction))
    }

    /// The fault injected into messages on `channel` going `direction`, if any.
    pub fn fault(&self, channel: &str, direction: Direction) -> Option<&Fault> {
        self.faults
            .get(channel)
            .filter(|f| f.is_active() && f.direction.is_none_or(|d| d == direction))
    }

    pub fn set_breakpoints(&mut self, breakpoints: Vec<Breakpoint>) {
        self.breakpoints = breakpoints;
        self.publish();
    }

    pub fn set_fault(&mut self, channel: String, fault: Option<Fault>) {
        match fault.filter(Fault::is_active) {
            Some(fault) => self.faults.insert(channel, fault),
            None => self.faults.remove(&channel),
        };
        self.publish();
    }

    /// Stepping: every message is held before delivery.
    pub fn stepping(&self) -> bool {
        self.stepping
    }

    pub fn set_stepping(&mut self, on: bool) {
        self.stepping = on;
        self.publish();
    }

    /// How far apart deliveries must be (zero at normal speed).
    pub fn pace_gap(&self) -> Duration {
        if self.pace > 1 {
            Duration::from_millis(100 * u64::from(self.pace))
        } else {
            Duration::ZERO
        }
    }

    pub fn set_pace(&mut self, pace: u32) {
        self.pace = pace.max(1);
        self.publish();
    }

    /// Records a message held by stepping (`Command::SetStepping(false)` lets these go) and
    /// returns its id.
    pub fn hold_for_step(&mut self, kind: Kind, wc: u32, channel: &str, args: &Value) -> u64 {
        let id = self.hold(kind, wc, channel, args);
        self.stepped.insert(id);
        id
    }

    /// The message held longest, by stepping or by a breakpoint.
    pub fn oldest_held(&self) -> Option<u64> {
        self.held.first().map(|h| h.id)
    }

    /// The messages held by stepping, oldest first.
    pub fn held_for_step(&self) -> Vec<u64> {
        self.held
            .iter()
            .map(|h| h.id)
            .filter(|id| self.stepped.contains(id))
            .collect()
    }

    /// Records a held message and returns its id.
    pub fn hold(&mut self, kind: Kind, wc: u32, channel: &str, args: &Value) -> u64 {
        self.next_id += 1;
        self.held.push(Held {
            id: self.next_id,
            kind,
            web_contents_id: wc,
            channel: channel.to_string(),
            args: args.clone(),
            since: SystemTime::now(),
        });
        self.publish();
        self.next_id
    }

    /// Takes a held message off the list (to forward or drop it).
    pub fn release(&mut self, id: u64) -> Option<Held> {
        let index = self.held.iter().position(|h| h.id == id)?;
        let held = self.held.remove(index);
        self.stepped.remove(&id);
        self.publish();
        Some(held)
    }

    /// A page is now blocked in sendSync (`seq` is its send-sync entry).
    pub fn blocked(&mut self, seq: u64, wc: u32, channel: &str) {
        self.blocked.push(Blocked {
            seq,
            web_contents_id: wc,
            channel: channel.to_string(),
            since: SystemTime::now(),
        });
        self.publish();
    }

    /// The sendSync `seq` was answered (or its window went away).
    pub fn unblocked(&mut self, seq: u64) {
        let before = self.blocked.len();
        self.blocked.retain(|b| b.seq != seq);
        if self.blocked.len() != before {
            self.publish();
        }
    }

    /// Forgets what a closed window had held.
    pub fn forget_window(&mut self, wc: u32) -> Vec<u64> {
        let gone: Vec<u64> = self
            .held
            .iter()
            .filter(|h| h.web_contents_id == wc)
            .map(|h| h.id)
            .collect();
        self.held.retain(|h| h.web_contents_id != wc);
        for id in &gone {
            self.stepped.remove(id);
        }
        self.blocked.retain(|b| b.web_contents_id != wc);
        self.publish();
        gone
    }

    fn publish(&self) {
        let mut view = self.view.lock().unwrap_or_else(|p| p.into_inner());
        view.breakpoints = self.breakpoints.clone();
        view.faults = self.faults.clone();
        view.held = self.held.clone();
        view.blocked = self.blocked.clone();
        view.stepping = self.stepping;
        view.pace = self.pace.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_breakpoint_matches_its_channel_and_direction_and_empty_fields_match_all() {
        let on_channel = Breakpoint {
            channel: Some("save".into()),
            direction: None,
        };
        assert!(on_channel.matches("save", Direction::ToMain));
        assert!(on_channel.matches("save", Direction::ToRenderer));
        assert!(!on_channel.matches("load", Direction::ToMain));
        let pushes = Breakpoint {
            channel: None,
            direction: Some(Direction::ToRenderer),
        };
        assert!(pushes.matches("anything", Direction::ToRenderer));
        assert!(!pushes.matches("anything", Direction::ToMain));
    }

    #[test]
    fn held_messages_show_in_the_view_until_released() {
        let view = SharedDebugView::default();
        let mut debugger = Debugger::new(view.clone());
        debugger.set_breakpoints(vec![Breakpoint {
            channel: Some("c".into()),
            direction: None,
        }]);
        assert!(debugger.should_hold("c", Direction::ToMain));
        let a = debugger.hold(Kind::Send, 1, "c", &json!(["x"]));
        let b = debugger.hold(Kind::Invoke, 2, "c", &json!([]));
        assert_eq!(view.lock().unwrap().held.len(), 2);
        assert_eq!(debugger.release(a).unwrap().args, json!(["x"]));
        assert!(debugger.release(a).is_none(), "released once only");
        assert_eq!(debugger.forget_window(2), vec![b]);
        assert!(view.lock().unwrap().held.is_empty());
    }

    #[test]
    fn stepping_holds_are_told_apart_from_breakpoint_holds_and_the_view_shows_the_pace() {
        let view = SharedDebugView::default();
        let shown = view.lock().unwrap().clone();
        assert_eq!((shown.stepping, shown.pace), (false, 1));
        let mut debugger = Debugger::new(view.clone());
        debugger.set_stepping(true);
        debugger.set_pace(10);
        let a = debugger.hold_for_step(Kind::Send, 1, "a", &json!([]));
        let b = debugger.hold(Kind::Send, 1, "b", &json!([]));
        let c = debugger.hold_for_step(Kind::Push, 1, "c", &json!([]));
        assert_eq!(debugger.oldest_held(), Some(a));
        assert_eq!(debugger.held_for_step(), vec![a, c]);
        debugger.release(a);
        assert_eq!(debugger.oldest_held(), Some(b));
        assert_eq!(debugger.held_for_step(), vec![c]);
        assert_eq!(debugger.pace_gap(), Duration::from_secs(1));
        let shown = view.lock().unwrap().clone();
        assert_eq!(
            (shown.stepping, shown.pace, shown.held.len()),
            (true, 10, 2)
        );
        debugger.set_pace(0);
        assert_eq!(debugger.pace_gap(), Duration::ZERO);
        assert_eq!(view.lock().unwrap().pace, 1);
    }

    #[test]
    fn a_fault_for_one_direction_leaves_the_other_alone() {
        let mut debugger = Debugger::default();
        debugger.set_fault(
            "c".into(),
            Some(Fault {
                drop: true,
                direction: Some(Direction::ToRenderer),
                ..Default::default()
            }),
        );
        assert!(debugger.fault("c", Direction::ToMain).is_none());
        assert!(debugger.fault("c", Direction::ToRenderer).is_some());
    }

    #[test]
    fn an_inactive_fault_is_the_same_as_none() {
        let mut debugger = Debugger::default();
        debugger.set_fault("c".into(), Some(Fault::default()));
        assert!(debugger.fault("c", Direction::ToMain).is_none());
        debugger.set_fault(
            "c".into(),
            Some(Fault {
                latency: Duration::from_millis(300),
                ..Default::default()
            }),
        );
        assert_eq!(
            debugger.fault("c", Direction::ToMain).unwrap().latency,
            Duration::from_millis(300)
        );
        debugger.set_fault("c".into(), None);
        assert!(debugger.fault("c", Direction::ToMain).is_none());
    }
}
