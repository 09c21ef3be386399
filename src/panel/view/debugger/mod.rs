//! The panel's debugger: fire `webContents.send` by hand, replay a journaled message (arguments
//! editable) and compare its new result with the old, hold messages at breakpoints to edit and
//! forward or drop them, inject faults per channel, and save or open sessions. It reads the
//! journal and the core's `DebugView`, and only ever acts through the `Action`s it returns.

use std::collections::HashMap;
use std::path::PathBuf;

use eframe::egui::{self, RichText};
use serde_json::Value;

use crate::core::debugger::{DebugView, Direction, Held};
use crate::core::Command;
use crate::journal::{Entry, Kind};
use crate::panel::i18n::Lang;
use crate::panel::model::{Model, RowKind};
use crate::panel::value_editor::to_text;

mod compose;
mod faults;
mod hold;
mod replay;
mod session;

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
