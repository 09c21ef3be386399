//! The panel: the main process's own window. It runs a lab through the core on its own thread,
//! folds the journal into a plain model (`model`), draws it (`view`), and carries what the user
//! asks for back to the core as `Command`s.

#[cfg(test)]
mod debugger_tests;
mod explain;
mod export;
mod fonts;
mod i18n;
mod lab_run;
mod model;
mod settings;
mod source;
mod value_editor;
mod view;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use eframe::egui;

use crate::journal::Journal;
use crate::lab::Lab;
use lab_run::LabRun;
use settings::Settings;
use view::status::Status;
use view::{Action, LabInfo, View};

/// Time a frame may spend folding new journal entries into the model: a flood is taken in over
/// several frames instead of stalling one.
const INGEST_BUDGET: Duration = Duration::from_millis(6);
/// Entries taken from the journal at a time (one lock each).
const INGEST_CHUNK: usize = 1_000;

pub struct Start {
    /// The lab to run first.
    pub lab: Lab,
    /// The journal of the first run (it may already be recording to a file).
    pub journal: Journal,
    /// `--record FILE`: later runs (restart, another lab) are recorded beside it, numbered.
    pub record: Option<PathBuf>,
    pub exe: PathBuf,
    pub timeout: Option<Duration>,
    /// The bundled samples, offered one click away even when running another lab.
    pub samples: Vec<Lab>,
}

pub fn run(start: Start) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ipcscope")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "ipcscope",
        options,
        Box::new(move |cc| {
            if !fonts::install(&cc.egui_ctx) {
                eprintln!("ipcscope: no CJK font found (install fonts-noto-cjk); Chinese text will show as boxes");
            }
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value::<Settings>(s, settings::KEY))
                .unwrap_or_default();
            Ok(Box::new(App::new(start, settings, cc.egui_ctx.clone())))
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

/// `run.jsonl` -> `run-2.jsonl`: where run `n` of a panel session started with --record goes.
fn numbered(path: &std::path::Path, n: u32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

pub fn lab_info(lab: &Lab) -> LabInfo {
    LabInfo {
        name: lab.name.clone(),
        dir: lab.dir.clone(),
        readme: lab.readme(),
    }
}

struct App {
    view: View,
    record: Option<PathBuf>,
    /// Runs started so far, to number their record files.
    runs: u32,
    /// The settings as last written to storage.
    saved: Settings,
    run: LabRun,
    exe: PathBuf,
    ctx: egui::Context,
    /// The text size and window count the pages were last zoomed for.
    zoomed: Option<(f32, usize)>,
}

impl App {
    fn new(start: Start, settings: Settings, ctx: egui::Context) -> App {
        let samples: Vec<LabInfo> = start.samples.iter().map(lab_info).collect();
        let first = start.lab;
        // A sample is there to be watched: its diagram comes first (the log is one click away).
        let sample = samples
            .iter()
            .any(|s| s.dir == first.dir || s.name == first.name);
        let mut view = View::new(lab_info(&first), samples, settings.clone());
        if let Some(tab) = settings.tab {
            view.tab = tab;
        } else if sample {
            view.tab = view::Tab::Sequence;
        }
        let wake = ctx.clone();
        let run = LabRun::start(
            first,
            start.journal,
            start.exe.clone(),
            start.timeout,
            move || wake.request_repaint(),
        );
        view.debug_view = run.debug_view.clone();
        App {
            view,
            record: start.record,
            runs: 1,
            saved: settings,
            run,
            exe: start.exe,
            ctx,
            zoomed: None,
        }
    }

    fn switch_to(&mut self, lab: Lab) {
        self.run.stop();
        let wake = self.ctx.clone();
        self.view.restart(lab_info(&lab));
        let journal = Journal::new();
        let mut recording = None;
        if let Some(first) = &self.record {
            // A new run numbers from seq 1 again: it gets its own file, the first one is kept.
            self.runs += 1;
            let path = numbered(first, self.runs);
            recording = Some(match journal.record_to(&path) {
                Ok(()) => Status::Recording(path),
                Err(err) => Status::RecordFailed {
                    path,
                    error: err.to_string(),
                },
            });
        }
        self.run = LabRun::start(lab, journal, self.exe.clone(), None, move || {
            wake.request_repaint()
        });
        self.view.debug_view = self.run.debug_view.clone();
        if recording.is_some() {
            self.view.status = recording;
        }
    }

    /// Shows a saved session: the current lab stops, its journal is replaced by the file's.
    fn open_session(&mut self, path: PathBuf) {
        match crate::journal::read_jsonl(&path) {
            Ok(entries) => {
                self.run.stop();
                self.run = LabRun::offline(self.run.lab.clone(), Journal::from_entries(entries));
                self.view.restart(lab_info(&self.run.lab));
                self.view.debug_view = self.run.debug_view.clone();
                self.view.session = Some(path.clone());
                self.view.status = Some(Status::SessionShown(path));
            }
            Err(err) => {
                self.view.status = Some(Status::SessionUnreadable {
                    path,
                    error: err.to_string(),
                })
            }
        }
    }

    /// Saves the journal, or the rows the log shows, as JSONL.
    fn export(&mut self, path: PathBuf, filtered: bool) {
        let entries: Vec<std::sync::Arc<crate::journal::Entry>> = if filtered {
            let model = &self.view.model;
            let mut out = Vec::new();
            for n in 0..model.shown() {
                if let Some((_, row)) = model.visible_row(n) {
                    out.push(row.entry.clone());
                    if let Some(result) = &row.result {
                        out.push(result.clone());
                    }
                }
            }
            out
        } else {
            self.run.journal.slice(0..usize::MAX)
        };
        match crate::journal::write_jsonl(&path, entries.iter().map(|e| e.as_ref())) {
            Ok(()) => {
                self.view.status = Some(Status::EntriesSaved {
                    count: entries.len(),
                    path,
                })
            }
            Err(err) => {
                self.view.status = Some(Status::SaveFailed {
                    path,
                    error: err.to_string(),
                })
            }
        }
    }

    /// The lab's pages follow the panel's text size: told again when it changes or a window
    /// opens (a new page starts at 100%).
    fn zoom_pages(&mut self) {
        let now = (
            self.view.settings.scale,
            self.view.model.windows.by_id.len(),
        );
        if self.zoomed != Some(now) && (now.0 != 1.0 || self.zoomed.is_some()) {
            let factor = f64::from(self.view.settings.scale.clamp(0.5, 3.0));
            self.run.send(crate::core::Command::ZoomPages { factor });
        }
        self.zoomed = Some(now);
    }

    fn open(&mut self, path: PathBuf) {
        match Lab::open(&path) {
            Ok(lab) => self.switch_to(lab),
            // Said in the panel, not journaled: the journal records the lab, not the panel.
            Err(err) => self.view.status = Some(Status::LabNotOpened(format!("{err:#}"))),
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Core(command) => self.run.send(command),
            Action::OpenLab(path) => self.open(path),
            Action::PickFolder => {
                let start = self
                    .run
                    .lab
                    .dir
                    .parent()
                    .unwrap_or(&self.run.lab.dir)
                    .to_path_buf();
                if let Some(path) = rfd::FileDialog::new().set_directory(start).pick_folder() {
                    self.open(path);
                }
            }
            Action::Restart => self.switch_to(self.run.lab.clone()),
            Action::Clear => {
                self.view.model.clear();
                self.view.selected = None;
            }
            Action::Export { path, filtered } => self.export(path, filtered),
            Action::OpenSession(path) => self.open_session(path),
            Action::ExportDialog { filtered } => {
                let chosen = rfd::FileDialog::new()
                    .add_filter("JSONL", &["jsonl"])
                    .set_file_name("session.jsonl")
                    .save_file();
                if let Some(path) = chosen {
                    self.export(path, filtered);
                }
            }
            Action::SaveFile { name, bytes } => {
                let ext = std::path::Path::new(&name)
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let chosen = rfd::FileDialog::new()
                    .add_filter(ext.to_uppercase(), &[ext.as_str()])
                    .set_file_name(&name)
                    .save_file();
                if let Some(path) = chosen {
                    match std::fs::write(&path, &bytes) {
                        Ok(()) => self.view.status = Some(Status::FileSaved(path)),
                        Err(err) => {
                            self.view.status = Some(Status::SaveFailed {
                                path,
                                error: err.to_string(),
                            })
                        }
                    }
                }
            }
            Action::OpenSessionDialog => {
                let chosen = rfd::FileDialog::new()
                    .add_filter("JSONL", &["jsonl"])
                    .pick_file();
                if let Some(path) = chosen {
                    self.open_session(path);
                }
            }
        }
    }
}

/// The panel's place on screen, for the lab's new windows to open beside it.
fn tell_where_the_panel_is(ctx: &egui::Context) {
    ctx.input(|i| {
        let viewport = i.viewport();
        let Some(rect) = viewport.outer_rect else {
            return;
        };
        let ppp = viewport.native_pixels_per_point.unwrap_or(1.0);
        let px = |v: f32| (v * ppp).round() as i32;
        crate::window_place::set_panel(
            [
                px(rect.min.x),
                px(rect.min.y),
                px(rect.max.x),
                px(rect.max.y),
            ],
            viewport.monitor_size.map(|m| (px(m.x), px(m.y))),
        );
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        loop {
            let from = self.view.model.catch_up(&self.run.journal);
            // Most frames have nothing new: skip the slice's allocation.
            if self.run.journal.len() <= from {
                break;
            }
            let new = self.run.journal.slice(from..from + INGEST_CHUNK);
            let full = new.len() == INGEST_CHUNK;
            self.view.model.ingest(new);
            if !full {
                break;
            }
            if started.elapsed() > INGEST_BUDGET {
                ui.ctx().request_repaint();
                break;
            }
        }
        self.view.settings.apply(ui.ctx());
        tell_where_the_panel_is(ui.ctx());
        for action in self.view.ui(ui) {
            self.apply(action);
        }
        self.zoom_pages();
        self.view.settings.tab = Some(self.view.tab);
        // Written when changed: eframe's own autosave needs frames, and an idle panel (or one
        // stopped by a signal) draws none.
        if self.view.settings != self.saved {
            if let Some(storage) = frame.storage_mut() {
                eframe::set_value(storage, settings::KEY, &self.view.settings);
                storage.flush();
            }
            self.saved = self.view.settings.clone();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::KEY, &self.view.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.run.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;
    use std::path::Path;

    #[test]
    fn later_runs_are_recorded_beside_the_first_file() {
        assert_eq!(
            numbered(Path::new("out/run.jsonl"), 2),
            Path::new("out/run-2.jsonl")
        );
        assert_eq!(numbered(Path::new("journal"), 3), Path::new("journal-3"));
    }
}
