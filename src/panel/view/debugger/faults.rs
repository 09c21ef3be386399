//! Faults per channel: extra latency, a forced error, or a drop.

use std::time::Duration;

use eframe::egui;

use crate::core::debugger::{DebugView, Direction, Fault};
use crate::core::Command;
use crate::panel::i18n::Lang;

use super::{direction_label, Action, DebuggerUi};

impl DebuggerUi {
    pub(super) fn faults(
        &mut self,
        ui: &mut egui::Ui,
        view: &DebugView,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        let draft = &mut self.fault;
        ui.horizontal(|ui| {
            let fault_channel_label = ui.label(lang.tr("Channel"));
            ui.add(
                egui::TextEdit::singleline(&mut draft.channel)
                    .id_salt("fault-channel")
                    .desired_width(140.0),
            )
            .labelled_by(fault_channel_label.id);
            let latency_label = ui.label(lang.tr("Latency"));
            ui.add(
                egui::DragValue::new(&mut draft.latency_ms)
                    .range(0..=60_000)
                    .suffix(" ms"),
            )
            .labelled_by(latency_label.id);
        });
        ui.horizontal(|ui| {
            let error_label = ui.label(lang.tr("Force an error"));
            ui.add(
                egui::TextEdit::singleline(&mut draft.error)
                    .id_salt("fault-error")
                    .hint_text(lang.tr("error text (empty: none)"))
                    .desired_width(200.0),
            )
            .labelled_by(error_label.id);
            ui.checkbox(&mut draft.drop, lang.tr("Drop"));
        });
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr("Direction")).id;
            egui::ComboBox::from_id_salt("fault-direction")
                .selected_text(direction_label(draft.direction, lang))
                .show_ui(ui, |ui| {
                    for direction in [None, Some(Direction::ToMain), Some(Direction::ToRenderer)] {
                        ui.selectable_value(
                            &mut draft.direction,
                            direction,
                            direction_label(direction, lang),
                        );
                    }
                })
                .response
                .labelled_by(label)
                .on_hover_text(lang.tr(
                    "main → renderer covers pushes, replies and the answers to invoke and sendSync",
                ));
        });
        let channel = draft.channel.trim().to_string();
        if ui
            .add_enabled(
                !channel.is_empty(),
                egui::Button::new(lang.tr("Apply to channel")),
            )
            .clicked()
        {
            let fault = Fault {
                latency: Duration::from_millis(u64::from(draft.latency_ms)),
                error: Some(draft.error.trim().to_string()).filter(|e| !e.is_empty()),
                drop: draft.drop,
                direction: draft.direction,
            };
            actions.push(Action::Core(Command::SetFault {
                channel,
                fault: Some(fault),
            }));
        }
        for (channel, fault) in &view.faults {
            ui.horizontal(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text(lang.tr("Clear"))
                    .clicked()
                {
                    actions.push(Action::Core(Command::SetFault {
                        channel: channel.clone(),
                        fault: None,
                    }));
                }
                let mut parts = Vec::new();
                if !fault.latency.is_zero() {
                    parts.push(format!("+{} ms", fault.latency.as_millis()));
                }
                if let Some(error) = &fault.error {
                    parts.push(format!("error \"{error}\""));
                }
                if fault.drop {
                    parts.push("drop".into());
                }
                if fault.direction.is_some() {
                    parts.push(direction_label(fault.direction, lang).into());
                }
                ui.label(format!("'{channel}': {}", parts.join(", ")));
            });
        }
    }
}
