//! What the panel remembers between runs (eframe's storage); everything live stays out of it.

use serde::{Deserialize, Serialize};

use super::i18n::Lang;

pub const KEY: &str = "ipcscope-settings";

/// The panel's tabs (kept here because the last one open is remembered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    Sequence,
    Log,
    Problems,
    Registry,
    Console,
    Labs,
    Debugger,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// Text scale: 1.0 on a desk, larger on a projector.
    pub scale: f32,
    pub dark: bool,
    /// The detail pane beside (or under) the log and the diagram; hidden to give them room.
    pub detail_open: bool,
    /// The lab's README strip above the tabs.
    pub readme_open: bool,
    /// The tab open when the panel was last closed (None: the panel picks).
    pub tab: Option<Tab>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            lang: Lang::En,
            scale: 1.0,
            dark: true,
            detail_open: true,
            readme_open: true,
            tab: None,
        }
    }
}

impl Settings {
    pub const SCALES: [f32; 4] = [1.0, 1.25, 1.5, 2.0];

    /// Applies theme and scale to the context; cheap to call every frame (egui diffs them).
    pub fn apply(&self, ctx: &eframe::egui::Context) {
        let theme = if self.dark {
            eframe::egui::Theme::Dark
        } else {
            eframe::egui::Theme::Light
        };
        ctx.set_theme(theme);
        let scale = self.scale.clamp(0.5, 3.0);
        if (ctx.zoom_factor() - scale).abs() > f32::EPSILON {
            ctx.set_zoom_factor(scale);
        }
    }
}
