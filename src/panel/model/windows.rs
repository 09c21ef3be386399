//! The window table, from `lifecycle` entries: each BrowserWindow's id, process, page and state,
//! and when a window starts a new page (a `navigating` entry).

use std::collections::BTreeMap;

use super::{field, text};
use crate::journal::{Entry, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    /// Created; its page has not finished loading.
    Loading,
    Loaded,
    Closed,
    Crashed,
}

#[derive(Debug, Clone)]
pub struct WindowInfo {
    pub pid: Option<u64>,
    pub url: String,
    /// Only when the journal carries one (`title` on a lifecycle entry).
    pub title: Option<String>,
    pub state: WindowState,
}

impl WindowInfo {
    pub fn alive(&self) -> bool {
        matches!(self.state, WindowState::Loading | WindowState::Loaded)
    }
}

#[derive(Debug, Default)]
pub struct Windows {
    pub by_id: BTreeMap<u32, WindowInfo>,
    /// The lab's main.js has quit (the run is over).
    pub quit: bool,
    /// The journal says when a page starts loading (`navigating`), so nothing is guessed.
    /// Journals from before that entry existed leave it false.
    announces_navigation: bool,
}

impl Windows {
    pub fn apply(&mut self, entry: &Entry, kind: Option<Kind>) {
        if kind != Some(Kind::Lifecycle) {
            return;
        }
        let event = text(entry, "event");
        if event == "navigating" {
            self.announces_navigation = true;
        }
        if event == "quit" {
            self.quit = true;
            return;
        }
        let Some(wc) = field(entry, "webContentsId")
            .as_u64()
            .and_then(|w| u32::try_from(w).ok())
        else {
            return;
        };
        if event == "created" {
            self.by_id.insert(
                wc,
                WindowInfo {
                    pid: field(entry, "pid").as_u64(),
                    url: String::new(),
                    title: field(entry, "title").as_str().map(str::to_string),
                    state: WindowState::Loading,
                },
            );
        }
        let Some(window) = self.by_id.get_mut(&wc) else {
            return;
        };
        if let Some(title) = field(entry, "title").as_str() {
            window.title = Some(title.to_string());
        }
        if let Some(url) = field(entry, "url").as_str() {
            window.url = url.to_string();
        }
        match event {
            "navigating" => window.state = WindowState::Loading,
            "loaded" => window.state = WindowState::Loaded,
            // An old journal: a page's preload runs again on every load, so a loaded window
            // exposing means a reload.
            "exposed" if !self.announces_navigation && window.state == WindowState::Loaded => {
                window.state = WindowState::Loading
            }
            "closed" => window.state = WindowState::Closed,
            "crashed" => window.state = WindowState::Crashed,
            _ => {}
        }
    }

    pub fn get(&self, wc: u32) -> Option<&WindowInfo> {
        self.by_id.get(&wc)
    }

    /// The window whose old page this lifecycle entry ends, before it is applied: a
    /// `navigating` entry (a new page starts loading; the old page's listeners and exposed API
    /// die with it). In an old journal, without `navigating` entries, a loaded window's preload
    /// exposing again is taken for a reload.
    pub fn starts_new_page(&self, entry: &Entry) -> Option<u32> {
        let wc = field(entry, "webContentsId")
            .as_u64()
            .and_then(|w| u32::try_from(w).ok())?;
        match text(entry, "event") {
            "navigating" => Some(wc),
            "exposed" if !self.announces_navigation => self
                .by_id
                .get(&wc)
                .is_some_and(|w| w.state == WindowState::Loaded)
                .then_some(wc),
            _ => None,
        }
    }
}
