//! The panel: the main process's own window. For now a live list of the journal with the
//! sample labs one click away; the full panel (detail, filters, registry) builds on this.

mod debugger;
#[cfg(test)]
mod debugger_tests;
mod fonts;
mod value_editor;

use std::process::ExitCode;
use std::thread::JoinHandle;
use std::time::Duration;

use eframe::egui::{self, Color32, RichText};
use tokio::sync::mpsc::UnboundedSender;

use crate::core::debugger::SharedDebugView;
use crate::core::{self, Command, Config, Exit, Inbox};
use crate::journal::{Entry, Journal};
use crate::lab::Lab;
use crate::value::preview;

pub struct Start {
    /// The labs to offer; the first one runs at once.
    pub labs: Vec<Lab>,
    /// The journal of the first run (it may already be recording to a file).
    pub journal: Journal,
    pub exe: std::path::PathBuf,
    pub timeout: Option<Duration>,
}

pub fn run(start: Start) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ipcscope")
            .with_inner_size([1100.0, 720.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "ipcscope",
        options,
        Box::new(move |cc| {
            if !fonts::install(&cc.egui_ctx) {
                eprintln!("ipcscope: no CJK font found (install fonts-noto-cjk); Chinese text will show as boxes");
            }
            Ok(Box::new(Panel::new(start, cc.egui_ctx.clone())))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ipcscope: could not open the panel: {err} (is there a display? set DISPLAY or use --headless)");
            ExitCode::FAILURE
        }
    }
}

/// One run of a lab on its own thread.
struct LabRun {
    lab: Lab,
    journal: Journal,
    debug_view: SharedDebugView,
    inbox: UnboundedSender<Inbox>,
    thread: Option<JoinHandle<anyhow::Result<Exit>>>,
}

impl LabRun {
    fn start(
        lab: Lab,
        journal: Journal,
        exe: std::path::PathBuf,
        timeout: Option<Duration>,
        ctx: egui::Context,
    ) -> LabRun {
        journal.on_append(Box::new(move || ctx.request_repaint()));
        let (inbox, rx) = tokio::sync::mpsc::unbounded_channel();
        let debug_view = SharedDebugView::default();
        let config = Config {
            lab: lab.clone(),
            journal: journal.clone(),
            exe,
            page_script: crate::page_script(),
            timeout,
            renderers: true,
            debug_view: debug_view.clone(),
            echo_console: true,
        };
        let tx = inbox.clone();
        let thread = core::spawn_lab(config, tx, rx).ok();
        LabRun {
            lab,
            journal,
            debug_view,
            inbox,
            thread,
        }
    }

    /// A saved session, shown without running anything.
    fn offline(lab: Lab, journal: Journal) -> LabRun {
        let (inbox, _) = tokio::sync::mpsc::unbounded_channel();
        LabRun {
            lab,
            journal,
            debug_view: SharedDebugView::default(),
            inbox,
            thread: None,
        }
    }

    fn stop(&mut self) {
        let _ = self.inbox.send(Inbox::Command(Command::Stop));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    fn finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

struct Panel {
    labs: Vec<Lab>,
    run: LabRun,
    debugger: debugger::DebuggerUi,
    exe: std::path::PathBuf,
    ctx: egui::Context,
}

impl Panel {
    fn new(start: Start, ctx: egui::Context) -> Panel {
        let first = start.labs[0].clone();
        let run = LabRun::start(
            first,
            start.journal,
            start.exe.clone(),
            start.timeout,
            ctx.clone(),
        );
        Panel {
            labs: start.labs,
            run,
            debugger: Default::default(),
            exe: start.exe,
            ctx,
        }
    }

    fn apply(&mut self, action: debugger::Action) {
        match action {
            debugger::Action::Core(command) => {
                let _ = self.run.inbox.send(Inbox::Command(command));
            }
            debugger::Action::Export { path, filtered } => {
                // This list has no filter yet: "shown rows" are all rows.
                let _ = filtered;
                let entries = self.run.journal.slice(0..usize::MAX);
                if let Err(err) =
                    crate::journal::write_jsonl(&path, entries.iter().map(|e| e.as_ref()))
                {
                    eprintln!("ipcscope: cannot save '{}': {err}", path.display());
                }
            }
            debugger::Action::Open(path) => match crate::journal::read_jsonl(&path) {
                Ok(entries) => {
                    self.run.stop();
                    self.run =
                        LabRun::offline(self.run.lab.clone(), Journal::from_entries(entries));
                }
                Err(err) => eprintln!("ipcscope: cannot open '{}': {err}", path.display()),
            },
        }
    }

    fn switch_to(&mut self, lab: Lab) {
        self.run.stop();
        self.run = LabRun::start(
            lab,
            Journal::new(),
            self.exe.clone(),
            None,
            self.ctx.clone(),
        );
    }
}

impl eframe::App for Panel {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut switch = None;
        egui::Panel::top("labs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("ipcscope").strong());
                ui.separator();
                for lab in &self.labs {
                    let current = lab.dir == self.run.lab.dir;
                    if ui.selectable_label(current, &lab.name).clicked() {
                        switch = Some(lab.clone());
                    }
                }
                ui.separator();
                if ui.button("Restart / 重启").clicked() {
                    switch = Some(self.run.lab.clone());
                }
                if self.run.finished() {
                    ui.label(RichText::new("lab has quit / 实验已退出").color(Color32::GRAY));
                }
            });
            if let Some(readme) = self.run.lab.readme() {
                egui::CollapsingHeader::new("README")
                    .default_open(false)
                    .show(ui, |ui| {
                        ui.label(readme);
                    });
            }
        });
        if let Some(lab) = switch {
            self.switch_to(lab);
        }
        egui::Panel::right("debugger")
            .default_size(380.0)
            .show(ui, |ui| {
                let view = self
                    .run
                    .debug_view
                    .lock()
                    .map(|v| v.clone())
                    .unwrap_or_default();
                if !view.breakpoints.is_empty() || !view.faults.is_empty() {
                    // Held messages and delayed ones change without a journal entry.
                    ui.ctx().request_repaint_after(Duration::from_millis(200));
                }
                for action in self.debugger.ui(ui, &self.run.journal, &view, false) {
                    self.apply(action);
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let total = self.run.journal.len();
            ui.label(format!("{total} journal entries"));
            let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 4.0;
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .auto_shrink([false, false])
                .show_rows(ui, row_height, total, |ui, rows| {
                    for entry in self.run.journal.slice(rows) {
                        ui.label(row_text(&entry));
                    }
                });
        });
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.run.stop();
    }
}

/// A field of a journal entry, or null: entries are maps, whose `[]` panics on a missing key.
fn field<'a>(entry: &'a Entry, key: &str) -> &'a serde_json::Value {
    entry.get(key).unwrap_or(&serde_json::Value::Null)
}

fn row_text(entry: &Entry) -> RichText {
    let kind = field(entry, "kind").as_str().unwrap_or_default();
    let time = field(entry, "time").as_str().unwrap_or_default();
    let clock = time.get(11..23).unwrap_or(time);
    let detail = match kind {
        "console" | "error" => field(entry, "text")
            .as_str()
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
        "lifecycle" => field(entry, "event")
            .as_str()
            .unwrap_or_default()
            .to_string(),
        "listener" => format!(
            "{} {} '{}'",
            field(entry, "process").as_str().unwrap_or_default(),
            field(entry, "op").as_str().unwrap_or_default(),
            field(entry, "channel").as_str().unwrap_or_default()
        ),
        "invoke-result" if field(entry, "ok") == false => format!(
            "'{}' ✖ {}",
            field(entry, "channel").as_str().unwrap_or_default(),
            field(entry, "error").as_str().unwrap_or_default()
        ),
        "invoke-result" | "send-sync-result" => format!(
            "'{}' → {}",
            field(entry, "channel").as_str().unwrap_or_default(),
            preview(field(entry, "result"), 120)
        ),
        _ => format!(
            "'{}' {}",
            field(entry, "channel").as_str().unwrap_or_default(),
            preview(field(entry, "args"), 120)
        ),
    };
    let window = field(entry, "webContentsId")
        .as_u64()
        .map(|id| format!("#{id}"))
        .unwrap_or_default();
    let text = format!(
        "{:>5}  {clock}  {kind:<16} {window:>3}  {detail}",
        field(entry, "seq")
    );
    let color = match kind {
        "error" => Color32::from_rgb(220, 70, 70),
        "send" | "send-sync" => Color32::from_rgb(80, 150, 230),
        "invoke" | "invoke-result" | "send-sync-result" => Color32::from_rgb(170, 110, 220),
        "push" | "reply" => Color32::from_rgb(60, 170, 110),
        "console" => Color32::from_rgb(170, 170, 170),
        _ => Color32::from_rgb(140, 140, 140),
    };
    let text = RichText::new(text).monospace().color(color);
    if kind == "error" || field(entry, "ok") == false {
        text.strong()
    } else {
        text
    }
}
