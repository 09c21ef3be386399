//! The banner over every tab when the lab's main.js cannot start: what is wrong, where (file,
//! line and column, the source line with a caret), and what to do next.

use eframe::egui::{self, RichText};

use super::{style, Action, View};
use crate::panel::model::{field, text};

/// Chinese for the banner's words (the rest are in i18n.rs).
pub const LABELS: &[(&str, &str)] = &[
    ("cannot start", "无法启动"),
    (
        "Nothing of it ran. Fix the file, save it, and press Restart. (Electron would not start this app either.)",
        "它的代码一行也没有运行。修改并保存文件后点击“重启”。（Electron 也无法启动这个应用。）",
    ),
];

/// How far into a run the core journals that main.js cannot start: before anything else.
const FIRST_ENTRIES: u64 = 3;

/// Draws the banner when this run's main.js could not start.
pub fn show(view: &mut View, ui: &mut egui::Ui) {
    let found = (1..=FIRST_ENTRIES)
        .filter_map(|seq| view.model.row_by_seq(seq))
        .find(|row| field(&row.entry, "cannotStart") == &serde_json::Value::Bool(true))
        .map(|row| row.entry.clone());
    let Some(entry) = found else {
        return;
    };
    let lang = view.settings.lang;
    let file = text(&entry, "file");
    let first = text(&entry, "text").lines().next().unwrap_or_default();
    // The title says the file cannot start; the line under it says why and where.
    let headline = first
        .strip_prefix(&format!("{file} cannot start: "))
        .unwrap_or(first)
        .to_string();
    let excerpt: Vec<&str> = text(&entry, "text").lines().skip(1).collect();
    egui::Panel::top("cannot-start").show(ui, |ui| {
        let red = style::on(ui.visuals(), style::ERROR);
        egui::Frame::new()
            .fill(red.gamma_multiply(0.12))
            .stroke(egui::Stroke::new(1.5, red))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("⚠ {file} {}", lang.tr("cannot start")))
                            .strong()
                            .size(ui.text_style_height(&egui::TextStyle::Heading))
                            .color(red),
                    );
                    if ui.button(lang.tr("Restart")).clicked() {
                        view.actions.push(Action::Restart);
                    }
                });
                ui.add(egui::Label::new(RichText::new(headline).monospace().color(red)).wrap());
                if !excerpt.is_empty() {
                    ui.label(RichText::new(excerpt.join("\n")).monospace());
                }
                ui.label(lang.tr(
                    "Nothing of it ran. Fix the file, save it, and press Restart. (Electron would not start this app either.)",
                ));
            });
    });
}
