//! The window table: one entry per BrowserWindow main.js made, with what it was made with and
//! the state it is in (a live renderer process, a crashed one awaiting reload, or a virtual
//! window with no renderer at all, for `ipcscope replay`).

use std::collections::BTreeMap;

use super::initiator::InlinePreload;
use super::renderer_process::RendererWindow;

/// What `new BrowserWindow(...)` asked for: enough to start its renderer again after a crash.
#[derive(Debug, Clone)]
pub struct WindowSpec {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub show: bool,
    /// Path and source of the preload.
    pub preload: Option<(String, String)>,
    /// `webPreferences.contextIsolation`: the preload runs in a world of its own.
    pub context_isolation: bool,
}

pub enum WindowState {
    Live(RendererWindow),
    /// The renderer died; the window lives on until reloaded or closed, as in Electron.
    Crashed,
    /// No renderer process: events and ids only (`ipcscope replay`).
    Virtual,
}

pub struct Window {
    pub spec: WindowSpec,
    pub state: WindowState,
    /// The page it shows or last showed (empty before its first load).
    pub url: String,
    /// Its current page failed to load: the finished-load that WebKit reports after a failure
    /// is not a load.
    pub load_failed: bool,
    /// Where its preload's lines are in the page's init script, when it runs inlined there.
    pub inline_preload: Option<InlinePreload>,
}

#[derive(Default)]
pub struct WindowTable {
    windows: BTreeMap<u32, Window>,
    next_id: u32,
}

impl WindowTable {
    /// The id the next window gets: webContents ids count from 1.
    pub fn next_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    pub fn insert(&mut self, id: u32, spec: WindowSpec, state: WindowState) {
        self.windows.insert(
            id,
            Window {
                spec,
                state,
                url: String::new(),
                load_failed: false,
                inline_preload: None,
            },
        );
    }

    pub fn get(&self, id: u32) -> Option<&Window> {
        self.windows.get(&id)
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut Window> {
        self.windows.get_mut(&id)
    }

    pub fn remove(&mut self, id: u32) -> Option<Window> {
        self.windows.remove(&id)
    }

    /// The renderer process of window `id`, if it has a live one.
    pub fn live(&self, id: u32) -> Option<&RendererWindow> {
        match &self.windows.get(&id)?.state {
            WindowState::Live(renderer) => Some(renderer),
            _ => None,
        }
    }

    pub fn live_mut(&mut self, id: u32) -> Option<&mut RendererWindow> {
        match &mut self.windows.get_mut(&id)?.state {
            WindowState::Live(renderer) => Some(renderer),
            _ => None,
        }
    }

    pub fn is_virtual(&self, id: u32) -> bool {
        matches!(
            self.windows.get(&id).map(|w| &w.state),
            Some(WindowState::Virtual)
        )
    }

    /// Some window still has a renderer process running.
    pub fn has_live(&self) -> bool {
        self.windows
            .values()
            .any(|w| matches!(w.state, WindowState::Live(_)))
    }

    /// Each window with a live renderer process, by id.
    pub fn live_renderers_mut(&mut self) -> impl Iterator<Item = (u32, &mut RendererWindow)> {
        self.windows
            .iter_mut()
            .filter_map(|(id, w)| match &mut w.state {
                WindowState::Live(renderer) => Some((*id, renderer)),
                _ => None,
            })
    }

    pub fn live_renderers(&self) -> impl Iterator<Item = (u32, &RendererWindow)> {
        self.windows.iter().filter_map(|(id, w)| match &w.state {
            WindowState::Live(renderer) => Some((*id, renderer)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> WindowSpec {
        WindowSpec {
            title: "t".into(),
            width: 800.0,
            height: 600.0,
            show: true,
            preload: None,
            context_isolation: true,
        }
    }

    #[test]
    fn ids_count_from_one_and_a_virtual_window_has_no_renderer() {
        let mut table = WindowTable::default();
        let (a, b) = (table.next_id(), table.next_id());
        assert_eq!((a, b), (1, 2));
        table.insert(a, spec(), WindowState::Virtual);
        table.insert(b, spec(), WindowState::Crashed);
        assert!(table.is_virtual(a) && !table.is_virtual(b));
        assert!(table.live(a).is_none() && table.live(b).is_none());
        assert!(!table.has_live());
        assert!(table.remove(a).is_some() && table.get(a).is_none());
    }
}
