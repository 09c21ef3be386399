//! The registry view: what is registered right now on each side, with hit counts, what each
//! preload exposed (and in which JavaScript world it lives), and the channels that were called
//! that no handler or listener received.

use eframe::egui::{self, RichText};

use super::{json, style, View};
use crate::panel::i18n::Lang;
use crate::panel::model::{Exposure, World};

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let registry = &view.model.registry;
    egui::ScrollArea::vertical()
        .id_salt("registry")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(lang.tr("ipcMain (main process)"));
            if registry.main.is_empty() {
                ui.label(RichText::new(lang.tr("nothing yet")).color(style::MUTED));
            }
            egui::Grid::new("main")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for title in [
                        "Channel",
                        "listeners",
                        "handler",
                        "send",
                        "invoke",
                        "sendSync",
                    ] {
                        ui.strong(lang.tr(title));
                    }
                    ui.end_row();
                    for (channel, c) in &registry.main {
                        ui.label(RichText::new(channel).monospace());
                        ui.label(format!("ipcMain.on ×{}", c.listeners));
                        if c.handler {
                            ui.label(RichText::new("ipcMain.handle ✓").color(style::OK));
                        } else {
                            ui.label(RichText::new("—").color(style::MUTED));
                        }
                        ui.label(hits(c.sends, c.unheard));
                        ui.label(hits(c.invokes, c.unhandled));
                        ui.label(format!("{}", c.send_syncs));
                        ui.end_row();
                    }
                });

            ui.add_space(10.0);
            ui.heading(lang.tr("Messages no handler or listener received"));
            let mut any = false;
            for (channel, c) in registry.unanswered_main() {
                any = true;
                if c.unhandled > 0 {
                    ui.label(
                        RichText::new(format!(
                            "⚠ '{channel}': {} ×{}",
                            lang.tr("invoked with no handler"),
                            c.unhandled
                        ))
                        .color(style::ERROR),
                    );
                }
                if c.unheard > 0 {
                    ui.label(
                        RichText::new(format!(
                            "⚠ '{channel}': {} ×{}",
                            lang.tr("sent with no listener"),
                            c.unheard
                        ))
                        .color(style::WARN),
                    );
                }
            }
            for (wc, channels) in &registry.renderers {
                for (channel, c) in channels.iter().filter(|(_, c)| c.dropped > 0) {
                    any = true;
                    ui.label(
                        RichText::new(format!(
                            "⚠ renderer #{wc} '{channel}': {} ×{}",
                            lang.tr("pushed with no listener in the page"),
                            c.dropped
                        ))
                        .color(style::WARN),
                    );
                }
            }
            if !any {
                ui.label(RichText::new(lang.tr("nothing yet")).color(style::MUTED));
            }

            ui.add_space(10.0);
            ui.heading(lang.tr("ipcRenderer listeners per window"));
            if registry.renderers.is_empty() {
                ui.label(RichText::new(lang.tr("nothing yet")).color(style::MUTED));
            }
            for (wc, channels) in &registry.renderers {
                ui.label(RichText::new(format!("renderer #{wc}")).strong());
                egui::Grid::new(("renderer", *wc))
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for title in ["Channel", "listeners", "pushes", "dropped"] {
                            ui.strong(lang.tr(title));
                        }
                        ui.end_row();
                        for (channel, c) in channels {
                            ui.label(RichText::new(channel).monospace());
                            ui.label(format!("ipcRenderer.on ×{}", c.listeners));
                            ui.label(format!("{}", c.pushes));
                            let dropped = RichText::new(format!("{}", c.dropped));
                            ui.label(if c.dropped > 0 {
                                dropped.color(style::WARN)
                            } else {
                                dropped
                            });
                            ui.end_row();
                        }
                    });
            }

            ui.add_space(10.0);
            ui.heading(lang.tr("Exposed through contextBridge"));
            if registry.exposed.is_empty() {
                ui.label(RichText::new(lang.tr("nothing yet")).color(style::MUTED));
            }
            for (wc, keys) in &registry.exposed {
                ui.label(RichText::new(format!("renderer #{wc}: window.*")).strong());
                let exposures = registry.exposures.get(wc);
                for (key, api) in keys {
                    if let Some(exposure) = exposures.and_then(|e| e.get(key)) {
                        world_line(ui, lang, key, *exposure);
                    }
                    json::tree(ui, egui::Id::unique(("exposed", *wc, key)), key, api);
                }
            }
        });
}

/// Where `window.KEY` lives, in words, with a warning for ipcRenderer exposed whole.
fn world_line(ui: &mut egui::Ui, lang: Lang, key: &str, exposure: Exposure) {
    let (badge, words, color) = match exposure.world {
        World::Isolated => (
            "✓",
            "isolated: the preload's own world; the page has only this copy",
            style::OK,
        ),
        World::Main => (
            "⚠",
            "page's world: contextIsolation is off, so the page sees every global the preload sets",
            style::WARN,
        ),
    };
    ui.label(RichText::new(format!("{badge} window.{key}: {}", lang.tr(words))).color(color));
    if exposure.ipc_renderer {
        ui.label(
            RichText::new(format!(
                "⚠ window.{key}: {}",
                lang.tr("this is ipcRenderer itself: the page gets an empty object (its methods do not cross); expose only functions for the channels the page needs")
            ))
            .color(style::ERROR),
        );
    }
}

/// A hit count, with how many of them nobody answered.
fn hits(count: u64, unanswered: u64) -> RichText {
    if unanswered > 0 {
        RichText::new(format!("{count} (⚠ {unanswered})")).color(style::WARN)
    } else {
        RichText::new(format!("{count}"))
    }
}
