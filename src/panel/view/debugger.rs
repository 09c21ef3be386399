//! The panel's debugger: fire `webContents.send` by hand, replay a journaled message (arguments
//! editable) and compare its new result with the old, hold messages at breakpoints to edit and
//! forward or drop them, inject faults per channel, and save or open sessions. It reads the
//! journal and the core's `DebugView`, and only ever acts through the `Action`s it returns.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::{self, Color32, RichText};
use serde_json::Value;

use crate::core::debugger::{Breakpoint, DebugView, Direction, Fault, Held};
use crate::core::Command;
use crate::journal::{Entry, Kind, Outcome};
use crate::panel::i18n::Lang;
use crate::panel::model::{field, Model, RowKind};
use crate::panel::value_editor::{parse_args, parse_value, to_text};
use crate::value::preview;

/// The Debugger tab's title, with how many messages wait at breakpoints or in sendSync, so a
/// held message is seen from any tab.
pub fn tab_text(view: &DebugView, lang: Lang, ui: &egui::Ui) -> egui::WidgetText {
    use egui::text::{LayoutJob, TextFormat};
    let font = egui::TextStyle::Button.resolve(ui.style());
    let mut job = LayoutJob::default();
    let plain = ui.visuals().strong_text_color();
    job.append(
        lang.tr("Debugger"),
        0.0,
        TextFormat::simple(font.clone(), plain),
    );
    let waiting = view.held.len() + view.blocked.len();
    if waiting > 0 {
        let warn = crate::panel::view::style::on(ui.visuals(), crate::panel::view::style::WARN);
        let text = format!("  ({waiting} {})", lang.tr("held"));
        job.append(&text, 0.0, TextFormat::simple(font, warn));
    }
    job.into()
}

/// What the user asked for; the panel carries it out.
#[derive(Debug, Clone)]
pub enum Action {
    Core(Command),
    /// Save the journal (all of it, or only the rows the log's filter shows) as JSONL.
    Export {
        path: PathBuf,
        filtered: bool,
    },
    /// Open a saved JSONL journal to study offline.
    Open(PathBuf),
    /// The same, with the file chosen in a native dialog.
    ExportDialog {
        filtered: bool,
    },
    OpenDialog,
}

/// One push fired by hand, kept to fire again.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub wc: u32,
    pub channel: String,
    pub args: String,
}

/// One line of a line diff between two pretty-printed values.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffLine {
    Same(String),
    Old(String),
    New(String),
}

/// A line diff (longest common subsequence), enough for two JSON renderings of a result.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Results are small; a large pair is shown whole rather than diffed quadratically.
    if a.len() * b.len() > 250_000 {
        let mut out: Vec<DiffLine> = a.iter().map(|l| DiffLine::Old(l.to_string())).collect();
        out.extend(b.iter().map(|l| DiffLine::New(l.to_string())));
        return out;
    }
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(DiffLine::Old(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::New(b[j].to_string()));
            j += 1;
        }
    }
    out
}

/// A message being replayed: the entry and its editable arguments.
struct ReplayDraft {
    seq: u64,
    /// None for an entry of a kind this version does not know.
    kind: Option<Kind>,
    /// `#seq kind 'channel'`, the editor's label.
    title: String,
    args: String,
}

struct FaultDraft {
    channel: String,
    latency_ms: u32,
    error: String,
    drop: bool,
    /// Requests only, answers and pushes only, or both.
    direction: Option<Direction>,
}

/// Why the live-only controls are off in a saved session.
pub const OFFLINE: &str = "A saved session: nothing is running, so sending, replaying, breakpoints and faults are off. Run the lab again to use them.";

/// The debugger's own state: drafts and history. Everything else is read fresh each frame.
pub struct DebuggerUi {
    target: u32,
    channel: String,
    args: String,
    pub history: Vec<Fired>,
    replay: Option<ReplayDraft>,
    replay_seq: String,
    break_channel: String,
    break_direction: Option<Direction>,
    fault: FaultDraft,
    held_edits: HashMap<u64, String>,
    sync_answers: HashMap<u64, String>,
    path: String,
    /// A saved session is shown: nothing runs to send to, replay on, hold or fail.
    pub offline: bool,
}

impl Default for DebuggerUi {
    fn default() -> Self {
        DebuggerUi {
            target: 1,
            channel: String::new(),
            args: "[]".into(),
            history: Vec::new(),
            replay: None,
            replay_seq: String::new(),
            break_channel: String::new(),
            break_direction: None,
            fault: FaultDraft {
                channel: String::new(),
                latency_ms: 0,
                error: String::new(),
                drop: false,
                direction: None,
            },
            held_edits: HashMap::new(),
            sync_answers: HashMap::new(),
            path: "session.jsonl".into(),
            offline: false,
        }
    }
}

impl DebuggerUi {
    /// Forgets what belonged to the previous run (its journal, held messages, replay); the
    /// history of fired pushes and the drafts stay.
    pub fn new_run(&mut self) {
        self.replay = None;
        self.held_edits.clear();
        self.sync_answers.clear();
    }

    /// Another lab: its channels are not this one's, so the drafts and the history go too
    /// (the session file's name stays).
    pub fn new_lab(&mut self) {
        *self = DebuggerUi {
            path: std::mem::take(&mut self.path),
            ..DebuggerUi::default()
        };
    }

    /// Starts replaying journal entry `entry` (the log's detail pane calls this).
    pub fn start_replay(&mut self, entry: &Entry) {
        let text = |key: &str| {
            entry
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let seq = entry.get("seq").and_then(Value::as_u64).unwrap_or(0);
        self.replay = Some(ReplayDraft {
            seq,
            kind: Kind::of(entry),
            title: format!("#{seq} {} '{}'", text("kind"), text("channel")),
            args: to_text(entry.get("args").unwrap_or(&Value::Array(vec![]))),
        });
    }

    /// Draws the debugger; returns what the user asked for this frame.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        view: &DebugView,
        lang: Lang,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("debugger")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if self.offline {
                    ui.label(RichText::new(lang.tr(OFFLINE)).color(ui.visuals().warn_fg_color));
                }
                ui.add_enabled_ui(!self.offline, |ui| {
                    egui::CollapsingHeader::new(lang.tr("Fire webContents.send"))
                        .default_open(true)
                        .show(ui, |ui| self.composer(ui, model, lang, &mut actions));
                    egui::CollapsingHeader::new(lang.tr("Replay a message"))
                        .default_open(true)
                        .show(ui, |ui| self.replayer(ui, model, lang, &mut actions));
                    egui::CollapsingHeader::new(lang.tr("Breakpoints and held messages"))
                        .default_open(true)
                        .show(ui, |ui| self.intercept(ui, view, lang, &mut actions));
                    egui::CollapsingHeader::new(lang.tr("Faults"))
                        .default_open(false)
                        .show(ui, |ui| self.faults(ui, view, lang, &mut actions));
                });
                egui::CollapsingHeader::new(lang.tr("Session"))
                    .default_open(false)
                    .show(ui, |ui| self.session(ui, lang, &mut actions));
            });
        actions
    }

    fn composer(
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

    fn replayer(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            let seq_label = ui.label(lang.tr("Journal seq"));
            ui.add(
                egui::TextEdit::singleline(&mut self.replay_seq)
                    .id_salt("replay-seq")
                    .desired_width(70.0),
            )
            .labelled_by(seq_label.id);
            if ui.button(lang.tr("Load")).clicked() {
                if let Some(entry) = self
                    .replay_seq
                    .trim()
                    .parse()
                    .ok()
                    .and_then(|s| model.row_by_seq(s))
                    .map(|row| crate::panel::model::whole_entry(&row.entry))
                {
                    self.start_replay(&entry);
                }
            }
        });
        let Some(draft) = &mut self.replay else {
            ui.label(
                RichText::new(lang.tr(
                    "Pick a send, invoke, sendSync, push or reply in the log, or type its seq.",
                ))
                .color(ui.visuals().weak_text_color()),
            );
            return;
        };
        let replayable = draft.kind.is_some_and(Kind::is_replayable);
        let replay_label = ui.label(&draft.title);
        ui.add(
            egui::TextEdit::multiline(&mut draft.args)
                .id_salt("replay-args")
                .code_editor()
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(replay_label.id);
        let parsed = parse_args(&draft.args);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    replayable && parsed.is_ok(),
                    egui::Button::new(lang.tr("Replay")),
                )
                .clicked()
            {
                if let Ok(args) = &parsed {
                    actions.push(Action::Core(Command::Replay {
                        seq: draft.seq,
                        args: Some(args.clone()),
                    }));
                }
            }
            if !replayable {
                ui.label(lang.tr("This entry is not a message."));
            } else if let Err(why) = &parsed {
                ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
            }
        });
        let (seq, kind) = (draft.seq, draft.kind);
        if matches!(kind, Some(Kind::Invoke | Kind::SendSync)) {
            self.compare(ui, model, seq, lang);
        } else if let Some(replays) = model.replays.get(&seq) {
            ui.label(format!("{} {}", lang.tr("Replayed as"), join_seqs(replays)));
        }
    }

    /// The original result beside each replay's, with a line diff when they differ.
    fn compare(&self, ui: &mut egui::Ui, model: &Model, seq: u64, lang: Lang) {
        let result = |seq: u64| {
            model
                .row_by_seq(seq)
                .and_then(|row| row.result.as_deref())
                .and_then(Outcome::of)
                .map(|outcome| outcome.to_value())
        };
        let original = result(seq);
        ui.monospace(format!(
            "{} #{seq}: {}",
            lang.tr("original"),
            original
                .as_ref()
                .map_or("(pending)".into(), |v| preview(v, 120))
        ));
        for replay in model.replays.get(&seq).into_iter().flatten() {
            let new = result(*replay);
            ui.monospace(format!(
                "{} #{replay}: {}",
                lang.tr("replay"),
                new.as_ref().map_or("(pending)".into(), |v| preview(v, 120))
            ));
            if let (Some(old), Some(new)) = (&original, &new) {
                if old == new {
                    ui.label(
                        RichText::new(lang.tr("same result")).color(Color32::from_rgb(80, 170, 90)),
                    );
                } else {
                    for line in line_diff(&to_text(old), &to_text(new)) {
                        let (text, color) = match line {
                            DiffLine::Same(l) => (format!("  {l}"), ui.visuals().text_color()),
                            DiffLine::Old(l) => (format!("- {l}"), Color32::from_rgb(220, 90, 90)),
                            DiffLine::New(l) => (format!("+ {l}"), Color32::from_rgb(80, 170, 90)),
                        };
                        ui.label(RichText::new(text).monospace().color(color));
                    }
                }
            }
        }
    }

    fn intercept(
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
    fn blocked(
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

    fn faults(
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

    fn session(&mut self, ui: &mut egui::Ui, lang: Lang, actions: &mut Vec<Action>) {
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

/// "held send 'save' (renderer #1 → main)", or for an answer on its way back to the page
/// "held result of invoke 'save' (main → renderer #1)".
pub(super) fn held_title(held: &Held, lang: Lang) -> String {
    let wc = held.web_contents_id;
    let arrow = if held.kind.is_to_main() {
        format!("renderer #{wc} → main")
    } else {
        format!("main → renderer #{wc}")
    };
    let what = match held.kind {
        Kind::InvokeResult => lang.tr("result of invoke"),
        Kind::SendSyncResult => lang.tr("result of sendSync"),
        other => RowKind::of(Some(other)).label(),
    };
    format!("{} {what} '{}' ({arrow})", lang.tr("held"), held.channel)
}

fn direction_label(direction: Option<Direction>, lang: Lang) -> &'static str {
    match direction {
        None => lang.tr("both ways"),
        Some(Direction::ToMain) => lang.tr("renderer → main"),
        Some(Direction::ToRenderer) => lang.tr("main → renderer"),
    }
}

fn join_seqs(seqs: &[u64]) -> String {
    seqs.iter()
        .map(|s| format!("#{s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_line_diff_keeps_common_lines_and_marks_the_rest() {
        let old = to_text(&json!({"a": 1, "b": "x"}));
        let new = to_text(&json!({"a": 1, "b": "y"}));
        assert_eq!(
            line_diff(&old, &new),
            [
                DiffLine::Same("{".into()),
                DiffLine::Same("  \"a\": 1,".into()),
                DiffLine::Old("  \"b\": \"x\"".into()),
                DiffLine::New("  \"b\": \"y\"".into()),
                DiffLine::Same("}".into()),
            ]
        );
        assert!(line_diff("same", "same")
            .iter()
            .all(|l| matches!(l, DiffLine::Same(_))));
    }
}
