//! Held messages at the top of the Log: a message held at a breakpoint (or by stepping) is
//! journaled only when it is released, so without this the Log would not show it at all.

use eframe::egui::{self, RichText};

use super::{debugger, style, Tab, View};

/// At most this many held messages are named; the Debugger tab lists them all.
const NAMED: usize = 4;

pub fn strip(view: &mut View, ui: &mut egui::Ui) {
    let held = view
        .debug_view
        .lock()
        .map(|v| v.held.clone())
        .unwrap_or_default();
    if held.is_empty() {
        return;
    }
    let lang = view.settings.lang;
    let warn = style::on(ui.visuals(), style::WARN);
    egui::Frame::new()
        .fill(warn.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, warn))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "⚠ {} {}",
                        held.len(),
                        lang.tr(
                            "held by the debugger, not delivered yet (a row appears when it is released):"
                        )
                    ))
                    .color(warn)
                    .strong(),
                );
                if ui.button(lang.tr("Open the Debugger")).clicked() {
                    view.tab = Tab::Debugger;
                }
            });
            for message in held.iter().take(NAMED) {
                let since = chrono::DateTime::<chrono::Utc>::from(message.since);
                let waited = message.since.elapsed().unwrap_or_default().as_secs();
                ui.label(
                    RichText::new(format!(
                        "{}  {} {} ({waited} s)",
                        debugger::held_title(message, lang),
                        lang.tr("since"),
                        since.format("%H:%M:%S%.3f"),
                    ))
                    .monospace(),
                );
            }
            if held.len() > NAMED {
                ui.label(format!("… {} {}", lang.tr("and more"), held.len() - NAMED));
            }
        });
}
