//! Breakpoints, the messages they hold (edit, forward, drop), and pages blocked in sendSync.

use eframe::egui::{self, RichText};
use serde_json::Value;

use crate::core::debugger::{Breakpoint, DebugView, Direction};
use crate::core::Command;
use crate::panel::i18n::Lang;
use crate::panel::value_editor::{parse_args, parse_value, to_text};

use super::{direction_label, held_title, Action, DebuggerUi};

impl DebuggerUi {
    pub(super) fn intercept(
        &mut self,
        ui: &mut egui::Ui,
        view: &DebugView,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            let hold_label = ui.label(lang.tr("Hold"));
            ui.add(
                egui::TextEdit::singleline(&mut self.break_channel)
                    .id_salt("break-channel")
                    .hint_text(lang.tr("channel (empty: all)"))
                    .desired_width(140.0),
            )
            .labelled_by(hold_label.id);
            let direction_label_id = ui.label(lang.tr("Direction")).id;
            egui::ComboBox::from_id_salt("break-direction")
                .selected_text(direction_label(self.break_direction, lang))
                .show_ui(ui, |ui| {
                    for direction in [None, Some(Direction::ToMain), Some(Direction::ToRenderer)] {
                        ui.selectable_value(
                            &mut self.break_direction,
                            direction,
                            direction_label(direction, lang),
                        );
                    }
                })
                .response
                .labelled_by(direction_label_id);
            if ui.button(lang.tr("Add breakpoint")).clicked() {
                let mut breakpoints = view.breakpoints.clone();
                let channel = Some(self.break_channel.trim().to_string()).filter(|c| !c.is_empty());
                let new = Breakpoint {
                    channel,
                    direction: self.break_direction,
                };
                if !breakpoints.contains(&new) {
                    breakpoints.push(new);
                    actions.push(Action::Core(Command::SetBreakpoints(breakpoints)));
                }
            }
        });
        for (i, breakpoint) in view.breakpoints.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text(lang.tr("Remove"))
                    .clicked()
                {
                    let mut breakpoints = view.breakpoints.clone();
                    breakpoints.remove(i);
                    actions.push(Action::Core(Command::SetBreakpoints(breakpoints)));
                }
                ui.label(format!(
                    "{} · {}",
                    breakpoint
                        .channel
                        .as_deref()
                        .unwrap_or(lang.tr("any channel")),
                    direction_label(breakpoint.direction, lang)
                ));
            });
        }
        self.blocked(ui, view, lang, actions);
        if view.held.is_empty() {
            ui.label(
                RichText::new(lang.tr("Nothing is held.")).color(ui.visuals().weak_text_color()),
            );
        }
        self.held_edits
            .retain(|id, _| view.held.iter().any(|h| h.id == *id));
        for held in &view.held {
            ui.separator();
            let held_label =
                ui.label(RichText::new(held_title(held, lang)).color(ui.visuals().warn_fg_color));
            let text = self
                .held_edits
                .entry(held.id)
                .or_insert_with(|| to_text(&held.args));
            ui.add(
                egui::TextEdit::multiline(text)
                    .id_salt(("held-args", held.id))
                    .code_editor()
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(held_label.id);
            // A result is one value; a message is its argument list.
            let parsed = if held.kind.is_result() {
                parse_value(text)
            } else {
                parse_args(text)
            };
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(parsed.is_ok(), egui::Button::new(lang.tr("Forward")))
                    .clicked()
                {
                    if let Ok(args) = &parsed {
                        actions.push(Action::Core(Command::Forward {
                            id: held.id,
                            args: Some(args.clone()),
                        }));
                    }
                }
                if ui.button(lang.tr("Drop")).clicked() {
                    actions.push(Action::Core(Command::DropHeld { id: held.id }));
                }
                if let Err(why) = &parsed {
                    ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
                }
            });
        }
    }

    /// Pages blocked in sendSync: Electron would leave them hanging; here the user can answer.
    pub(super) fn blocked(
        &mut self,
        ui: &mut egui::Ui,
        view: &DebugView,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        self.sync_answers
            .retain(|seq, _| view.blocked.iter().any(|b| b.seq == *seq));
        for blocked in &view.blocked {
            let waited = blocked.since.elapsed().unwrap_or_default().as_secs_f32();
            ui.label(
                RichText::new(format!(
                    "{} #{} renderer #{} sendSync '{}' ({waited:.1} s)",
                    lang.tr("blocked"),
                    blocked.seq,
                    blocked.web_contents_id,
                    blocked.channel
                ))
                .color(ui.visuals().warn_fg_color),
            );
            let text = self
                .sync_answers
                .entry(blocked.seq)
                .or_insert_with(|| "null".into());
            ui.horizontal(|ui| {
                let answer_label = ui.label(lang.tr("returnValue"));
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id_salt(("sync-answer", blocked.seq))
                        .code_editor()
                        .desired_width(160.0),
                )
                .labelled_by(answer_label.id);
                // One value, checked as an argument list of one.
                let parsed = parse_args(&format!("[{text}]"));
                if ui
                    .add_enabled(parsed.is_ok(), egui::Button::new(lang.tr("Answer")))
                    .clicked()
                {
                    if let Ok(Value::Array(mut values)) = parsed {
                        actions.push(Action::Core(Command::AnswerSync {
                            seq: blocked.seq,
                            result: values.pop().unwrap_or(Value::Null),
                        }));
                    }
                }
                if ui.button(lang.tr("Release (undefined)")).clicked() {
                    actions.push(Action::Core(Command::AnswerSync {
                        seq: blocked.seq,
                        result: serde_json::json!({"$type": "undefined"}),
                    }));
                }
            });
        }
    }
}
