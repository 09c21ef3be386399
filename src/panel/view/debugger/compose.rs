//! The debugger's push composer: fire `webContents.send` by hand, and fire it again.

use eframe::egui::{self, RichText};

use crate::core::Command;
use crate::panel::i18n::Lang;
use crate::panel::model::{field, Model};
use crate::panel::value_editor::parse_args;

use super::{Action, DebuggerUi, Fired, OFFLINE};

impl DebuggerUi {
    pub(super) fn composer(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        let windows: Vec<u32> = model
            .windows
            .by_id
            .iter()
            .filter(|(_, w)| w.alive())
            .map(|(wc, _)| *wc)
            .collect();
        if !windows.contains(&self.target) {
            if let Some(first) = windows.first() {
                self.target = *first;
            }
        }
        ui.horizontal(|ui| {
            let window_label = ui.label(lang.tr("Window"));
            egui::ComboBox::from_id_salt("push-target")
                .selected_text(format!("renderer #{}", self.target))
                .show_ui(ui, |ui| {
                    for wc in &windows {
                        ui.selectable_value(&mut self.target, *wc, format!("renderer #{wc}"));
                    }
                })
                .response
                .labelled_by(window_label.id);
            let channel_label = ui.label(lang.tr("Channel"));
            ui.add(
                egui::TextEdit::singleline(&mut self.channel)
                    .id_salt("push-channel")
                    .hint_text("testMsg")
                    .desired_width(160.0),
            )
            .labelled_by(channel_label.id);
        });
        // The channels the target window's page listens on right now.
        let listening: Vec<String> = model
            .registry
            .renderers
            .get(&self.target)
            .map(|channels| {
                channels
                    .iter()
                    .filter(|(_, c)| c.listeners > 0)
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .unwrap_or_default();
        if !listening.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(lang.tr("The page listens on:"))
                        .color(ui.visuals().weak_text_color()),
                );
                for channel in listening {
                    if ui.small_button(&channel).clicked() {
                        self.channel = channel;
                    }
                }
            });
        }
        let args_label = ui.label(lang.tr("Arguments (JSON array, $type tags allowed)"));
        ui.add(
            egui::TextEdit::multiline(&mut self.args)
                .id_salt("push-args")
                .code_editor()
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(args_label.id);
        let parsed = parse_args(&self.args);
        let ready = parsed.is_ok() && !self.channel.is_empty() && windows.contains(&self.target);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(lang.tr("Send to the page")))
                .on_disabled_hover_text(lang.tr(if self.offline {
                    OFFLINE
                } else {
                    "Pick a window that is open, a channel, and arguments that are a JSON array"
                }))
                .clicked()
            {
                if let Ok(args) = &parsed {
                    actions.push(Action::Core(Command::Push {
                        wc: self.target,
                        channel: self.channel.clone(),
                        args: args.clone(),
                    }));
                    let fired = Fired {
                        wc: self.target,
                        channel: self.channel.clone(),
                        args: self.args.clone(),
                    };
                    self.history.retain(|f| f != &fired);
                    self.history.insert(0, fired);
                }
            }
            match &parsed {
                Err(why) => {
                    ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
                }
                Ok(_) if windows.is_empty() => {
                    ui.label(lang.tr("No window is open."));
                }
                Ok(_) => {}
            }
        });
        if let Some(fired) = model.last_panel_push() {
            let (seq, channel) = (fired.seq, fired.channel.as_deref().unwrap_or_default());
            let listeners = &field(&fired.entry, "listeners").as_u64().unwrap_or(0);
            let text = match (listeners, lang) {
                (0, Lang::En) => format!("#{seq} '{channel}': no page listener ran (dropped)"),
                (0, Lang::Zh) => format!("#{seq} '{channel}'：页面没有监听器（消息被丢弃）"),
                (n, Lang::En) => format!("#{seq} '{channel}': {n} page listener(s) ran"),
                (n, Lang::Zh) => format!("#{seq} '{channel}'：{n} 个页面监听器收到"),
            };
            let color = if *listeners == 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(text).color(color));
        }
        if !self.history.is_empty() {
            ui.label(RichText::new(lang.tr("Fired before:")).strong());
            let mut again = None;
            for (i, fired) in self.history.iter().enumerate().take(20) {
                ui.horizontal(|ui| {
                    if ui.small_button(lang.tr("Again")).clicked() {
                        again = Some(i);
                    }
                    // "window 1", not "#1": row numbers in the log read like "#1".
                    ui.monospace(format!(
                        "{} {} '{}' {}",
                        lang.tr("window"),
                        fired.wc,
                        fired.channel,
                        fired.args.replace('\n', " ")
                    ));
                });
            }
            if let Some(i) = again {
                let fired = self.history[i].clone();
                if let Ok(args) = parse_args(&fired.args) {
                    actions.push(Action::Core(Command::Push {
                        wc: fired.wc,
                        channel: fired.channel.clone(),
                        args,
                    }));
                }
                (self.target, self.channel, self.args) = (fired.wc, fired.channel, fired.args);
            }
        }
    }
}
