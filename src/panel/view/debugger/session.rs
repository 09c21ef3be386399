//! Saving the journal as a session, and opening a saved one.

use std::path::PathBuf;

use eframe::egui;

use crate::panel::i18n::Lang;

use super::{Action, DebuggerUi};

impl DebuggerUi {
    pub(super) fn session(&mut self, ui: &mut egui::Ui, lang: Lang, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let file_label = ui.label(lang.tr("File"));
            ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .id_salt("session-path")
                    .desired_width(260.0),
            )
            .labelled_by(file_label.id);
        });
        let path = PathBuf::from(self.path.trim());
        let has_path = !self.path.trim().is_empty();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(has_path, egui::Button::new(lang.tr("Save all")))
                .clicked()
            {
                actions.push(Action::Export {
                    path: path.clone(),
                    filtered: false,
                });
            }
            if ui
                .add_enabled(has_path, egui::Button::new(lang.tr("Save shown rows")))
                .clicked()
            {
                actions.push(Action::Export {
                    path: path.clone(),
                    filtered: true,
                });
            }
            if ui
                .add_enabled(has_path, egui::Button::new(lang.tr("Open")))
                .clicked()
            {
                actions.push(Action::Open(path.clone()));
            }
        });
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Save all as…")).clicked() {
                actions.push(Action::ExportDialog { filtered: false });
            }
            if ui.button(lang.tr("Save shown rows as…")).clicked() {
                actions.push(Action::ExportDialog { filtered: true });
            }
            if ui.button(lang.tr("Open a session…")).clicked() {
                actions.push(Action::OpenDialog);
            }
        });
    }
}
