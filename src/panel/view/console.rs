//! The console: main.js and page console output, errors and uncaught exceptions, by level.

use eframe::egui::{self, RichText};

use super::{style, View};
use crate::panel::model::{text, Level};

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    ui.horizontal(|ui| {
        ui.label(lang.tr("Levels"));
        for level in Level::ALL {
            let mut shown = view.model.console_shows(level);
            let label = RichText::new(level.label())
                .color(style::on(ui.visuals(), style::level_color(level)));
            if ui.toggle_value(&mut shown, label).changed() {
                view.model.set_console_shown(level, shown);
            }
        }
        ui.label(format!("{}", view.model.console_len()));
    });
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 4.0;
    egui::ScrollArea::both()
        .id_salt("console")
        .stick_to_bottom(true)
        .auto_shrink(false)
        .show_rows(ui, row_height, view.model.console_len(), |ui, rows| {
            for n in rows {
                let Some(row) = view.model.console_row(n) else {
                    continue;
                };
                let level = Level::of(row).unwrap_or(Level::Log);
                let color = style::on(ui.visuals(), style::level_color(level));
                let message = text(&row.entry, "text");
                let first = message.lines().next().unwrap_or_default();
                let more = if message.lines().nth(1).is_some() {
                    " …"
                } else {
                    ""
                };
                let line = format!(
                    "{}  {:<12} {:<5}  {first}{more}",
                    style::clock(text(&row.entry, "time")),
                    style::side(row),
                    level.label(),
                );
                let mut label = RichText::new(line).monospace().color(color);
                if level == Level::Error {
                    label = label.strong();
                }
                let response = ui.add(egui::Label::new(label).extend());
                if !more.is_empty() {
                    response.on_hover_text(RichText::new(message).monospace());
                }
            }
        });
}
