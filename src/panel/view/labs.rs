//! Windows and labs: the window table with reload, the bundled samples with their README, and
//! opening another lab folder.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::{style, Action, View};
use crate::core::Command;
use crate::panel::model::WindowState;

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    egui::ScrollArea::vertical()
        .id_salt("labs")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(lang.tr("Windows"));
            if view.model.windows.by_id.is_empty() {
                ui.label(RichText::new(lang.tr("nothing yet")).color(style::MUTED));
            }
            egui::Grid::new("windows")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for title in ["Window", "Title", "Page", "Process", "State", ""] {
                        ui.strong(lang.tr(title));
                    }
                    ui.end_row();
                    for (wc, w) in &view.model.windows.by_id {
                        ui.label(format!("#{wc}"));
                        ui.label(w.title.clone().unwrap_or_else(|| "—".into()));
                        ui.label(RichText::new(&w.url).monospace());
                        ui.label(w.pid.map(|p| format!("pid {p}")).unwrap_or_default());
                        let (state, color) = match w.state {
                            WindowState::Loading => (lang.tr("loading"), style::MUTED),
                            WindowState::Loaded => (lang.tr("alive"), style::OK),
                            WindowState::Closed => (lang.tr("closed"), style::MUTED),
                            WindowState::Crashed => (lang.tr("crashed"), style::ERROR),
                        };
                        ui.label(RichText::new(state).color(color).strong());
                        // A crashed window reloads in a new renderer process, as in Electron.
                        let reloadable = w.alive() || w.state == WindowState::Crashed;
                        let reload = ui
                            .add_enabled(reloadable, egui::Button::new(lang.tr("Reload")))
                            .on_disabled_hover_text(lang.tr("The window is closed."));
                        if reload.clicked() {
                            view.actions
                                .push(Action::Core(Command::ReloadWindow { wc: *wc }));
                        }
                        ui.end_row();
                    }
                });

            ui.add_space(12.0);
            ui.heading(lang.tr("Lab"));
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&view.lab.name).strong());
                ui.label(
                    RichText::new(view.lab.dir.to_string_lossy())
                        .monospace()
                        .color(style::MUTED),
                );
                if ui.button(lang.tr("Restart")).clicked() {
                    view.actions.push(Action::Restart);
                }
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button(lang.tr("Open folder…")).clicked() {
                    view.actions.push(Action::PickFolder);
                }
                ui.add(
                    egui::TextEdit::singleline(&mut view.path_field)
                        .hint_text(lang.tr("lab folder path"))
                        .desired_width(360.0),
                )
                .accessible_name(lang.tr("lab folder path"));
                if ui.button(lang.tr("Open")).clicked() {
                    view.actions
                        .push(Action::OpenLab(PathBuf::from(view.path_field.trim())));
                }
            });

            ui.add_space(12.0);
            ui.heading(lang.tr("Samples"));
            for sample in &view.samples {
                let current = sample.dir == view.lab.dir;
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        if ui
                            .selectable_label(current, RichText::new(&sample.name).strong())
                            .clicked()
                            && !current
                        {
                            view.actions.push(Action::OpenLab(sample.dir.clone()));
                        }
                    });
                    if let Some(readme) = &sample.readme {
                        super::readme::ui(ui, readme);
                    }
                });
            }
        });
}
