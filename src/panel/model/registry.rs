//! What is registered right now on each side, rebuilt from `listener` entries, with hit counts
//! from the messages that reached each channel, and what each preload exposed through
//! contextBridge (`lifecycle` / `exposed` entries).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{field, text};
use crate::journal::{Change, Entry, Kind, ListenerOp};

/// One ipcMain channel.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MainChannel {
    /// `ipcMain.on` / `once` / ... listeners registered now.
    pub listeners: usize,
    /// An `ipcMain.handle` handler is registered now.
    pub handler: bool,
    /// Messages that reached the channel: sends, sendSyncs and invokes.
    pub sends: u64,
    pub send_syncs: u64,
    pub invokes: u64,
    /// Sends (and sendSyncs) that found no listener in main.
    pub unheard: u64,
    /// Invokes made while no handler was registered.
    pub unhandled: u64,
}

/// One ipcRenderer channel in one window.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RendererChannel {
    pub listeners: usize,
    /// Pushes (`webContents.send`) and replies that reached this window on the channel.
    pub pushes: u64,
    /// Pushes that found no listener in the page.
    pub dropped: u64,
}

/// The JavaScript world an exposed key lives in (the journal's `world`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum World {
    /// Through contextBridge, from the preload's isolated world: the page has a copy.
    Isolated,
    /// A global the preload set in the page's own world (contextIsolation: false).
    Main,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure {
    pub world: World,
    /// The value is ipcRenderer itself (electron#20307): the page gets an empty object.
    pub ipc_renderer: bool,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub main: BTreeMap<String, MainChannel>,
    pub renderers: BTreeMap<u32, BTreeMap<String, RendererChannel>>,
    /// Per window: key given to `contextBridge.exposeInMainWorld` -> the shape of the value.
    pub exposed: BTreeMap<u32, BTreeMap<String, Value>>,
    /// Per window and exposed key: which world it lives in, and whether it is ipcRenderer.
    pub exposures: BTreeMap<u32, BTreeMap<String, Exposure>>,
    /// Old journals only (before `navigating` entries): per window, listener counts registered
    /// since its last `loaded`, and whether it loaded before. When a window loads again, these
    /// are the new page's listeners (the old page's died with it).
    fresh: BTreeMap<u32, BTreeMap<String, usize>>,
    loaded_before: std::collections::BTreeSet<u32>,
    /// The journal has `navigating` entries: the model forgets a page when one comes, and
    /// `loaded` needs no guessing.
    announces_navigation: bool,
}

impl Registry {
    pub fn apply(&mut self, entry: &Entry, kind: Option<Kind>) {
        let channel = text(entry, "channel").to_string();
        let wc = field(entry, "webContentsId")
            .as_u64()
            .and_then(|w| u32::try_from(w).ok());
        let listeners = field(entry, "listeners").as_u64();
        let Some(kind) = kind else { return };
        match kind {
            Kind::Listener => self.listener(entry, wc, channel),
            Kind::Send => {
                let c = self.main.entry(channel).or_default();
                c.sends += 1;
                c.unheard += u64::from(listeners == Some(0));
            }
            Kind::SendSync => {
                let c = self.main.entry(channel).or_default();
                c.send_syncs += 1;
                c.unheard += u64::from(listeners == Some(0));
            }
            Kind::Invoke => {
                let c = self.main.entry(channel).or_default();
                c.invokes += 1;
                c.unhandled += u64::from(!c.handler);
            }
            Kind::Push | Kind::Reply => {
                if let Some(wc) = wc {
                    let c = self
                        .renderers
                        .entry(wc)
                        .or_default()
                        .entry(channel)
                        .or_default();
                    c.pushes += 1;
                    c.dropped += u64::from(listeners == Some(0));
                }
            }
            Kind::Lifecycle => match (text(entry, "event"), wc) {
                ("created", Some(wc)) => {
                    self.forget_page(wc);
                    self.loaded_before.remove(&wc);
                }
                ("navigating", _) => self.announces_navigation = true,
                ("loaded", Some(wc)) if !self.announces_navigation => self.page_loaded(wc),
                ("exposed", Some(wc)) => {
                    let key = text(entry, "key").to_string();
                    let api = field(entry, "api").clone();
                    // Journals from before context isolation say no world: contextBridge's.
                    let world = match text(entry, "world") {
                        "main" => World::Main,
                        _ => World::Isolated,
                    };
                    let ipc_renderer = field(entry, "ipcRenderer") == &Value::Bool(true);
                    self.exposures.entry(wc).or_default().insert(
                        key.clone(),
                        Exposure {
                            world,
                            ipc_renderer,
                        },
                    );
                    self.exposed.entry(wc).or_default().insert(key, api);
                }
                _ => {}
            },
            Kind::InvokeResult | Kind::SendSyncResult | Kind::Console | Kind::Error => {}
        }
    }

    fn listener(&mut self, entry: &Entry, wc: Option<u32>, channel: String) {
        // An op this version does not know changes no count.
        let Some(op) = ListenerOp::parse(text(entry, "op")) else {
            return;
        };
        let clears_all = op == ListenerOp::RemoveAllListeners && channel.is_empty();
        if text(entry, "process") == "renderer" {
            let Some(wc) = wc else { return };
            if !self.announces_navigation {
                let fresh = self.fresh.entry(wc).or_default();
                if clears_all {
                    fresh.clear();
                } else {
                    let count = fresh.entry(channel.clone()).or_default();
                    *count = count_after(op, *count);
                }
            }
            let channels = self.renderers.entry(wc).or_default();
            if clears_all {
                channels.values_mut().for_each(|c| c.listeners = 0);
            } else {
                let c = channels.entry(channel).or_default();
                c.listeners = count_after(op, c.listeners);
            }
            return;
        }
        match op {
            ListenerOp::Handle | ListenerOp::HandleOnce => {
                self.main.entry(channel).or_default().handler = true
            }
            ListenerOp::RemoveHandler => self.main.entry(channel).or_default().handler = false,
            _ if clears_all => self.main.values_mut().for_each(|c| c.listeners = 0),
            _ => {
                let c = self.main.entry(channel).or_default();
                c.listeners = count_after(op, c.listeners);
            }
        }
    }

    /// A window's page went away (reload or a new window): its listeners and exposures with it.
    pub fn forget_page(&mut self, wc: u32) {
        if let Some(channels) = self.renderers.get_mut(&wc) {
            channels.values_mut().for_each(|c| c.listeners = 0);
        }
        self.exposed.remove(&wc);
        self.exposures.remove(&wc);
        self.fresh.remove(&wc);
    }

    /// Old journals: a window loading again keeps only the listeners its new page registered.
    fn page_loaded(&mut self, wc: u32) {
        let fresh = self.fresh.remove(&wc).unwrap_or_default();
        if !self.loaded_before.insert(wc) {
            let channels = self.renderers.entry(wc).or_default();
            for (channel, c) in channels.iter_mut() {
                c.listeners = fresh.get(channel).copied().unwrap_or(0);
            }
        }
    }

    /// Channels invoked with no handler or sent to with no listener in main.
    pub fn unanswered_main(&self) -> impl Iterator<Item = (&str, &MainChannel)> {
        self.main
            .iter()
            .filter(|(_, c)| c.unhandled > 0 || c.unheard > 0)
            .map(|(name, c)| (name.as_str(), c))
    }
}

/// The listener count after an Electron EventEmitter method `op`.
fn count_after(op: ListenerOp, count: usize) -> usize {
    match op.change() {
        Change::AddOne => count + 1,
        Change::RemoveOne => count.saturating_sub(1),
        Change::RemoveAll => 0,
        Change::Handler => count,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::journal::Journal;

    fn registry(list: &[Value]) -> Registry {
        let journal = Journal::new();
        let mut registry = Registry::default();
        for fields in list {
            let seq = journal.append(Kind::Lifecycle, fields.clone());
            let entry = journal.get(seq).expect("just appended");
            registry.apply(&entry, Some(Kind::Lifecycle));
        }
        registry
    }

    #[test]
    fn each_exposed_key_knows_its_world_and_whether_it_is_ipc_renderer() {
        let r = registry(&[
            json!({"event": "exposed", "webContentsId": 1, "key": "ipc", "world": "isolated", "api": {}, "ipcRenderer": true}),
            json!({"event": "exposed", "webContentsId": 1, "key": "api", "world": "isolated", "api": {}}),
            json!({"event": "exposed", "webContentsId": 2, "key": "api", "world": "main", "api": {}}),
            // A journal from before context isolation: contextBridge's world.
            json!({"event": "exposed", "webContentsId": 3, "key": "old", "api": {}}),
        ]);
        let isolated = |ipc_renderer| Exposure {
            world: World::Isolated,
            ipc_renderer,
        };
        assert_eq!(r.exposures[&1]["ipc"], isolated(true));
        assert_eq!(r.exposures[&1]["api"], isolated(false));
        assert_eq!(r.exposures[&2]["api"].world, World::Main);
        assert_eq!(r.exposures[&3]["old"], isolated(false));
    }

    #[test]
    fn a_new_page_forgets_what_the_old_one_was_given() {
        let mut r = registry(&[
            json!({"event": "exposed", "webContentsId": 1, "key": "api", "world": "isolated", "api": {}}),
        ]);
        r.forget_page(1);
        assert!(!r.exposures.contains_key(&1));
    }
}
