//! What is registered right now on each side: ipcMain listeners and handlers, and each
//! window's ipcRenderer listeners. Both sides report every change, so `listeners` counts in the
//! journal are read from here at the moment a message is dispatched.

use std::collections::BTreeMap;

use crate::journal::{Change, ListenerOp};

#[derive(Debug, Default)]
pub struct Registry {
    main_listeners: BTreeMap<String, usize>,
    /// `webContents.ipc` listeners, which hear one window only.
    scoped_main_listeners: BTreeMap<u32, BTreeMap<String, usize>>,
    renderer_listeners: BTreeMap<u32, BTreeMap<String, usize>>,
}

/// Which side a listener change was reported from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Side {
    Main,
    /// `webContents.ipc` of window N, in main.
    MainFor(u32),
    Renderer(u32),
}

impl Registry {
    /// Applies a reported change. Returns false for a handler op reported by a page, where
    /// there are no handlers (the report is still journaled by the caller).
    pub fn apply(&mut self, side: Side, op: ListenerOp, channel: &str) -> bool {
        let listeners = match side {
            Side::Main => &mut self.main_listeners,
            Side::MainFor(wc) => self.scoped_main_listeners.entry(wc).or_default(),
            Side::Renderer(wc) => self.renderer_listeners.entry(wc).or_default(),
        };
        match op.change() {
            Change::AddOne => *listeners.entry(channel.to_string()).or_default() += 1,
            Change::RemoveOne => {
                if let Some(count) = listeners.get_mut(channel) {
                    *count = count.saturating_sub(1);
                    if *count == 0 {
                        listeners.remove(channel);
                    }
                }
            }
            Change::RemoveAll => {
                listeners.remove(channel);
            }
            // Handlers are journaled; invoke counts come from main.js itself.
            Change::Handler if !matches!(side, Side::Renderer(_)) => {}
            Change::Handler => return false,
        }
        true
    }

    /// Listeners in main that a message from window `wc` on `channel` reaches: ipcMain's and
    /// that window's webContents.ipc.
    pub fn main_listener_count(&self, wc: u32, channel: &str) -> usize {
        let scoped = self
            .scoped_main_listeners
            .get(&wc)
            .and_then(|l| l.get(channel))
            .copied()
            .unwrap_or(0);
        self.main_listeners.get(channel).copied().unwrap_or(0) + scoped
    }

    pub fn renderer_listener_count(&self, wc: u32, channel: &str) -> usize {
        self.renderer_listeners
            .get(&wc)
            .and_then(|l| l.get(channel))
            .copied()
            .unwrap_or(0)
    }

    /// A window navigated, reloaded or closed: its page's listeners are gone.
    pub fn forget_renderer(&mut self, wc: u32) {
        self.renderer_listeners.remove(&wc);
    }

    /// A closed window's webContents.ipc is gone with it (a navigation keeps it).
    pub fn forget_window(&mut self, wc: u32) {
        self.renderer_listeners.remove(&wc);
        self.scoped_main_listeners.remove(&wc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_listeners_are_counted_per_channel() {
        let mut r = Registry::default();
        r.apply(Side::Main, ListenerOp::On, "a");
        r.apply(Side::Main, ListenerOp::Once, "a");
        r.apply(Side::Main, ListenerOp::On, "b");
        assert_eq!(r.main_listener_count(1, "a"), 2);
        r.apply(Side::Main, ListenerOp::Off, "a");
        assert_eq!(r.main_listener_count(1, "a"), 1);
        assert_eq!(r.main_listener_count(1, "b"), 1);
        assert_eq!(r.main_listener_count(1, "c"), 0);
    }

    #[test]
    fn a_webcontents_ipc_listener_counts_for_its_own_window_only() {
        let mut r = Registry::default();
        r.apply(Side::Main, ListenerOp::On, "a");
        r.apply(Side::MainFor(2), ListenerOp::On, "a");
        assert_eq!(r.main_listener_count(2, "a"), 2);
        assert_eq!(r.main_listener_count(1, "a"), 1);
        assert!(r.apply(Side::MainFor(2), ListenerOp::Handle, "get"));
        r.forget_renderer(2);
        assert_eq!(
            r.main_listener_count(2, "a"),
            2,
            "a navigation keeps webContents.ipc"
        );
        r.forget_window(2);
        assert_eq!(r.main_listener_count(2, "a"), 1);
    }

    #[test]
    fn removing_more_than_was_added_never_goes_below_zero() {
        let mut r = Registry::default();
        r.apply(Side::Main, ListenerOp::Off, "a");
        r.apply(Side::Renderer(1), ListenerOp::RemoveListener, "a");
        assert_eq!(r.main_listener_count(1, "a"), 0);
        assert_eq!(r.renderer_listener_count(1, "a"), 0);
    }

    #[test]
    fn handlers_are_known_on_main_only_and_are_not_listeners() {
        let mut r = Registry::default();
        assert!(r.apply(Side::Main, ListenerOp::Handle, "get"));
        assert_eq!(r.main_listener_count(1, "get"), 0);
        assert!(!r.apply(Side::Renderer(1), ListenerOp::Handle, "x"));
    }

    #[test]
    fn renderer_listeners_are_per_window_and_forgotten_on_navigation() {
        let mut r = Registry::default();
        r.apply(Side::Renderer(1), ListenerOp::On, "testMsg");
        r.apply(Side::Renderer(2), ListenerOp::On, "testMsg");
        r.apply(Side::Renderer(2), ListenerOp::On, "testMsg");
        assert_eq!(r.renderer_listener_count(1, "testMsg"), 1);
        assert_eq!(r.renderer_listener_count(2, "testMsg"), 2);
        r.forget_renderer(2);
        assert_eq!(r.renderer_listener_count(2, "testMsg"), 0);
        assert_eq!(r.renderer_listener_count(1, "testMsg"), 1);
        r.apply(Side::Renderer(1), ListenerOp::RemoveAllListeners, "testMsg");
        assert_eq!(r.renderer_listener_count(1, "testMsg"), 0);
    }
}
