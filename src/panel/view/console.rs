//! The console: main.js and page console output, errors and uncaught exceptions, by level. A
//! message of several lines (a stack) shows its first line; clicking it opens it whole above
//! the list.

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
    let opened_id = egui::Id::unique("console-opened-message");
    let opened: Option<u64> = ui.data(|d| d.get_temp(opened_id));
    if let Some(row) = opened.and_then(|seq| view.model.row_by_seq(seq)) {
        let message = text(&row.entry, "text").to_string();
        let level = Level::of(row).unwrap_or(Level::Log);
        let color = style::on(ui.visuals(), style::level_color(level));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(style::side(row)).strong());
                if ui.button(lang.tr("Close")).clicked() {
                    ui.data_mut(|d| d.remove::<u64>(opened_id));
                }
                if ui.button(lang.tr("Copy")).clicked() {
                    ui.ctx().copy_text(message.clone());
                }
            });
            egui::ScrollArea::both()
                .id_salt("console-opened")
                .max_height(ui.available_height() * 0.45)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(
                        RichText::new(&message).monospace().color(color),
                    ));
                });
        });
    }
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
                let hidden = message.lines().count().saturating_sub(1);
                let more = if hidden > 0 {
                    format!(
                        "  (+{hidden} {})",
                        lang.tr("more lines: click to read it whole")
                    )
                } else {
                    String::new()
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
                if hidden == 0 {
                    ui.add(egui::Label::new(label).extend());
                    continue;
                }
                let response = ui.add(egui::Label::new(label).extend().sense(egui::Sense::click()));
                if response.clicked() {
                    let seq = row.seq;
                    ui.data_mut(|d| d.insert_temp(opened_id, seq));
                }
                response.on_hover_cursor(egui::CursorIcon::PointingHand);
            }
        });
}
