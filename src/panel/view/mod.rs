//! The panel's view: draws the model and turns clicks into `Action`s. It never talks to the
//! core itself; the app applies the actions once the frame is drawn.

pub(crate) mod banner;
pub(crate) mod console;
pub mod debugger;
mod detail;
pub mod glossary;
pub(crate) mod held;
mod json;
mod labs;
mod log;
pub(crate) mod plain_words;
pub mod problems;
mod readme;
pub(crate) mod registry;
pub mod sequence;
mod sequence_paint;
pub mod status;
pub mod style;

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::i18n::Lang;
use super::model::{Filter, Model};
use super::settings::Settings;
pub use super::settings::Tab;
use crate::core::debugger::SharedDebugView;
use crate::core::Command;

/// Narrower than this (in points), the Sequence tab puts the detail pane under the diagram.
const NARROW: f32 = 900.0;
/// Narrower than this, the log puts the detail pane under its rows: seven columns and a pane
/// side by side need more room than lanes do.
const LOG_NARROW: f32 = 1100.0;

/// What the user asked for; applied by the app after the frame.
#[derive(Debug, Clone)]
pub enum Action {
    /// For the running lab's core (reload a window; later: push, replay, hold ...).
    Core(Command),
    /// Stop the current lab and run the one in this folder.
    OpenLab(PathBuf),
    /// Ask for a lab folder with the native dialog.
    PickFolder,
    /// Run the current lab again from the start.
    Restart,
    /// Forget the log's rows (the journal keeps recording).
    Clear,
    /// Save the journal as JSONL: all of it, or only the rows the log's filter shows.
    Export {
        path: PathBuf,
        filtered: bool,
    },
    /// Open a saved JSONL journal to study offline.
    OpenSession(PathBuf),
    /// Export or open, with the file chosen in the native dialog.
    ExportDialog {
        filtered: bool,
    },
    OpenSessionDialog,
    /// Save bytes the panel made (a diagram exported) to a file picked in the native dialog;
    /// `name` is the suggested file name, its extension the file type.
    SaveFile {
        name: String,
        bytes: Vec<u8>,
    },
}

/// A lab as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabInfo {
    pub name: String,
    pub dir: PathBuf,
    pub readme: Option<String>,
}

pub struct View {
    pub model: Model,
    pub settings: Settings,
    pub lab: LabInfo,
    pub samples: Vec<LabInfo>,
    pub tab: Tab,
    /// Index (into all rows) of the row the detail pane shows.
    pub selected: Option<usize>,
    /// While paused, the log shows only this many rows; the model keeps recording.
    pub paused_at: Option<usize>,
    /// The filter as edited; handed to the model whenever it changes.
    pub filter: Filter,
    pub path_field: String,
    /// A problem to tell the user about (a lab that would not open), until dismissed.
    pub notice: Option<String>,
    /// News that is not a problem, until dismissed.
    pub info: Option<String>,
    /// What happened (a file saved, a session opened, a lab that would not open), worded in
    /// the language shown when drawn; until dismissed.
    pub status: Option<status::Status>,
    /// The saved session shown instead of a running lab.
    pub session: Option<PathBuf>,
    /// Opening a session was asked for while the lab runs: the question, until answered (the
    /// file, or None for the file dialog).
    confirm_session: Option<Option<PathBuf>>,
    detail: detail::Cache,
    /// The debugger's drafts and history; it reads the model and the core's debug view.
    pub debugger: debugger::DebuggerUi,
    pub debug_view: SharedDebugView,
    /// The Sequence tab's span, scroll and screenshot state.
    pub sequence: sequence::SequenceUi,
    /// The lab's files, read for the detail pane's source snippets.
    pub sources: crate::panel::source::Sources,
    /// The selection as the log last saw it: when it changes elsewhere, the log scrolls to it.
    log_seen: Option<usize>,
    actions: Vec<Action>,
}

impl View {
    pub fn new(lab: LabInfo, samples: Vec<LabInfo>, settings: Settings) -> View {
        View {
            model: Model::new(),
            settings,
            path_field: lab.dir.to_string_lossy().into_owned(),
            notice: None,
            info: None,
            status: None,
            session: None,
            confirm_session: None,
            lab,
            samples,
            tab: Tab::Log,
            selected: None,
            paused_at: None,
            filter: Filter::default(),
            detail: detail::Cache::default(),
            debugger: Default::default(),
            debug_view: SharedDebugView::default(),
            sequence: sequence::SequenceUi::default(),
            sources: Default::default(),
            log_seen: None,
            actions: Vec::new(),
        }
    }

    /// A fresh model for a new run of `lab`; settings, filter and tab stay.
    pub fn restart(&mut self, lab: LabInfo) {
        if lab.dir != self.lab.dir {
            self.debugger.new_lab();
        }
        self.model = Model::new();
        self.model.set_filter(self.filter.clone());
        self.selected = None;
        self.paused_at = None;
        self.path_field = lab.dir.to_string_lossy().into_owned();
        self.notice = None;
        self.info = None;
        self.status = None;
        self.session = None;
        self.confirm_session = None;
        self.lab = lab;
        self.debugger.new_run();
        self.sequence.new_run();
        self.sources.clear();
    }

    pub fn tr(&self, english: &'static str) -> &'static str {
        self.settings.lang.tr(english)
    }

    /// Draws the whole panel; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let debug = self.debug();
        // Sized to their content every frame (a resizable panel keeps the height it first had,
        // which cut the README to two lines).
        egui::Panel::top("bar")
            .resizable(false)
            .show(ui, |ui| self.top_bar(ui));
        egui::Panel::top("tabs").resizable(false).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (tab, label) in [
                    (Tab::Sequence, "Sequence"),
                    (Tab::Log, "Log"),
                    (Tab::Problems, "Problems"),
                    (Tab::Registry, "Registry"),
                    (Tab::Console, "Console"),
                    (Tab::Labs, "Windows & labs"),
                    (Tab::Debugger, "Debugger"),
                ] {
                    let text = match tab {
                        Tab::Problems => problems::tab_text(&self.model, self.settings.lang, ui),
                        Tab::Debugger => debugger::tab_text(&debug, self.settings.lang, ui),
                        _ => RichText::new(self.tr(label)).strong().into(),
                    };
                    if ui.selectable_label(self.tab == tab, text).clicked() {
                        self.tab = tab;
                    }
                }
                if ui.ctx().content_rect().width() >= NARROW {
                    self.pane_toggles(ui);
                }
            });
        });
        banner::show(self, ui);
        self.glossary(ui);
        self.confirm_session(ui);
        match self.tab {
            Tab::Sequence => {
                // Too narrow for lanes and a pane side by side (a projector's text size): the
                // detail goes under the diagram.
                if !self.settings.detail_open {
                } else if ui.available_width() < NARROW {
                    let height = ui.available_height();
                    // The diagram needs height more than the pane does: a projector's 200%
                    // leaves little of it under the bars.
                    egui::Panel::bottom("detail-below")
                        .resizable(true)
                        .min_size(100.0)
                        .default_size(height * 0.28)
                        .max_size(height * 0.7)
                        .show(ui, |ui| {
                            ui.set_min_height(ui.available_height());
                            detail::ui(self, ui)
                        });
                } else {
                    self.detail_pane(ui);
                }
                egui::CentralPanel::default().show(ui, |ui| sequence::ui(self, ui, &debug));
            }
            Tab::Log => {
                let narrow = ui.available_width() < LOG_NARROW;
                if self.settings.detail_open && !narrow {
                    self.detail_pane(ui);
                }
                egui::CentralPanel::default().show(ui, |ui| {
                    if self.settings.detail_open && narrow {
                        self.log_over_detail(ui);
                    } else {
                        log::ui(self, ui);
                    }
                });
            }
            Tab::Problems => {
                egui::CentralPanel::default().show(ui, |ui| problems::ui(self, ui));
            }
            Tab::Registry => {
                egui::CentralPanel::default().show(ui, |ui| registry::ui(self, ui));
            }
            Tab::Console => {
                egui::CentralPanel::default().show(ui, |ui| console::ui(self, ui));
            }
            Tab::Labs => {
                egui::CentralPanel::default().show(ui, |ui| labs::ui(self, ui));
            }
            Tab::Debugger => {
                egui::CentralPanel::default().show(ui, |ui| self.debugger_ui(ui, &debug));
            }
        }
        if self.filter != *self.model.filter() {
            self.model.set_filter(self.filter.clone());
            // This frame drew the old filter's rows: draw again.
            ui.ctx().request_repaint();
        }
        if debug.stepping
            || !debug.breakpoints.is_empty()
            || !debug.faults.is_empty()
            || !debug.blocked.is_empty()
            || !debug.held.is_empty()
        {
            // Held messages and blocked sendSyncs change without a journal entry.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(200));
        }
        std::mem::take(&mut self.actions)
    }

    /// The detail pane, right of the log and of the sequence diagram.
    fn detail_pane(&mut self, ui: &mut egui::Ui) {
        // A third of the width: at a projector's text size the log keeps its columns.
        let width = (ui.available_width() * 0.34).clamp(240.0, 460.0);
        egui::Panel::right("detail")
            .resizable(true)
            .min_size(240.0)
            .max_size((ui.available_width() * 0.5).max(240.0))
            .default_size(width)
            .show(ui, |ui| {
                // Keep the width given: short content would otherwise shrink the pane.
                ui.set_min_width(ui.available_width());
                detail::ui(self, ui)
            });
    }

    /// Too narrow for the log's columns and a pane side by side (a projector's text size): the
    /// detail goes under the log, which keeps about 70% of the height.
    fn log_over_detail(&mut self, ui: &mut egui::Ui) {
        let height = ui.available_height();
        let detail = (height * 0.3).max(60.0).min(height);
        let width = ui.available_width();
        ui.allocate_ui(egui::vec2(width, height - detail), |ui| {
            ui.set_height(height - detail);
            log::ui(self, ui)
        });
        ui.separator();
        detail::ui(self, ui);
    }

    /// After the tabs (at the end of the top bar on a projector): show or hide the detail pane;
    /// open the glossary.
    fn pane_toggles(&mut self, ui: &mut egui::Ui) {
        ui.separator();
        style::together(ui, "pane-toggles", |ui| {
            if matches!(self.tab, Tab::Log | Tab::Sequence) {
                let detail = &mut self.settings.detail_open;
                ui.toggle_value(detail, self.settings.lang.tr("Detail pane"));
            }
            let open_id = egui::Id::unique("glossary-open");
            let mut open = ui.data(|d| d.get_temp::<bool>(open_id).unwrap_or(false));
            if ui.selectable_label(open, self.tr("Glossary")).clicked() {
                open = !open;
                ui.data_mut(|d| d.insert_temp(open_id, open));
            }
        });
    }

    fn glossary(&mut self, ui: &mut egui::Ui) {
        let open_id = egui::Id::unique("glossary-open");
        let mut open = ui.data(|d| d.get_temp::<bool>(open_id).unwrap_or(false));
        if open {
            glossary::window(ui.ctx(), &mut open, self.settings.lang);
            ui.data_mut(|d| d.insert_temp(open_id, open));
        }
    }

    /// The core's debugger as it is now (held messages, stepping, pace).
    fn debug(&self) -> crate::core::debugger::DebugView {
        self.debug_view
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    fn debugger_ui(&mut self, ui: &mut egui::Ui, view: &crate::core::debugger::DebugView) {
        self.debugger.offline = self.session.is_some();
        let running = self.session.is_none() && !self.model.windows.quit;
        for action in self.debugger.ui(ui, &self.model, view, self.settings.lang) {
            self.actions.push(match action {
                debugger::Action::Core(command) => Action::Core(command),
                debugger::Action::Export { path, filtered } => Action::Export { path, filtered },
                // A running lab stops when a session opens: asked first.
                debugger::Action::Open(path) if running => {
                    self.confirm_session = Some(Some(path));
                    continue;
                }
                debugger::Action::OpenDialog if running => {
                    self.confirm_session = Some(None);
                    continue;
                }
                debugger::Action::Open(path) => Action::OpenSession(path),
                debugger::Action::ExportDialog { filtered } => Action::ExportDialog { filtered },
                debugger::Action::OpenDialog => Action::OpenSessionDialog,
            });
        }
    }

    /// Asks before a saved session replaces the running lab, naming the lab that will stop.
    fn confirm_session(&mut self, ui: &mut egui::Ui) {
        let Some(asked) = self.confirm_session.clone() else {
            return;
        };
        let lang = self.settings.lang;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm-session")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading(lang.tr("Open a saved session?"));
            ui.label(
                lang.tr("The running lab {} will stop: its windows close, and the log shows the file's messages instead. Nothing in the session runs.")
                    .replace("{}", &self.lab.name),
            );
            ui.horizontal(|ui| {
                let stop = lang.tr("Stop {} and open").replace("{}", &self.lab.name);
                if ui.button(stop).clicked() {
                    answer = Some(true);
                }
                if ui.button(lang.tr("Cancel")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                self.actions.push(match asked {
                    Some(path) => Action::OpenSession(path),
                    None => Action::OpenSessionDialog,
                });
                self.confirm_session = None;
            }
            Some(false) => self.confirm_session = None,
            None => {}
        }
    }

    /// Opens the debugger's replay editor on journal entry `entry`.
    pub fn replay(&mut self, entry: &crate::journal::Entry) {
        self.debugger.start_replay(entry);
        self.tab = Tab::Debugger;
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        // Groups that belong together (the languages, `Text size` and its menu) wrap as one.
        ui.horizontal_wrapped(|ui| {
            style::together(ui, "lab", |ui| {
                ui.label(RichText::new("ipcscope").strong());
                if let Some(session) = &self.session {
                    // A saved session is not the lab: its file names the view.
                    let file = session
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.label(RichText::new(file).strong().color(style::ACCENT))
                        .on_hover_text(session.display().to_string());
                    ui.label(
                        RichText::new(self.tr("saved session, not running")).color(style::MUTED),
                    );
                    let again = self.tr("Run {} again").replace("{}", &self.lab.name);
                    if ui
                        .button(again)
                        .on_hover_text(
                            self.tr("Leave the saved session and run the lab from the start"),
                        )
                        .clicked()
                    {
                        self.actions.push(Action::Restart);
                    }
                    return;
                }
                ui.label(RichText::new(&self.lab.name).strong().color(style::ACCENT));
                if self.model.windows.quit {
                    ui.label(RichText::new(self.tr("The lab has quit.")).color(style::MUTED));
                }
                if ui.button(self.tr("Restart")).clicked() {
                    self.actions.push(Action::Restart);
                }
            });
            ui.separator();
            style::together(ui, "samples", |ui| {
                ui.label(self.tr("Samples"));
                for sample in &self.samples {
                    let current = sample.dir == self.lab.dir;
                    // In a saved session even the current sample runs anew.
                    let running = current && self.session.is_none();
                    if ui.selectable_label(running, &sample.name).clicked() && !running {
                        self.actions.push(Action::OpenLab(sample.dir.clone()));
                    }
                }
            });
            ui.separator();
            style::together(ui, "open", |ui| {
                if ui.button(self.tr("Open folder…")).clicked() {
                    self.actions.push(Action::PickFolder);
                }
                let hint = self.tr("lab folder path");
                // Narrower on a projector: the bar keeps to three lines at 200%.
                let width = (ui.ctx().content_rect().width() * 0.2).clamp(110.0, 220.0);
                let field = egui::TextEdit::singleline(&mut self.path_field)
                    .hint_text(hint)
                    .desired_width(width);
                let response = ui.add(field).accessible_name(hint);
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(self.tr("Open")).clicked() || entered {
                    self.actions
                        .push(Action::OpenLab(PathBuf::from(self.path_field.trim())));
                }
            });
            ui.separator();
            style::together(ui, "languages", |ui| {
                for (lang, name) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                    if ui
                        .selectable_label(self.settings.lang == lang, name)
                        .clicked()
                    {
                        self.settings.lang = lang;
                    }
                }
            });
            ui.separator();
            style::together(ui, "text-size", |ui| {
                let label = self.settings.lang.tr("Text size");
                ui.label(label);
                let scale = &mut self.settings.scale;
                egui::ComboBox::from_id_salt("scale")
                    .width(64.0)
                    .selected_text(format!("{:.0}%", *scale * 100.0))
                    .show_ui(ui, |ui| {
                        for s in Settings::SCALES {
                            ui.selectable_value(scale, s, format!("{:.0}%", s * 100.0));
                        }
                    })
                    .response
                    .accessible_name(label);
                // A choice that shows the theme in use (a button would name the other one),
                // narrow enough that the bar keeps to one line at 100% in a 1280 window.
                let theme = self.settings.lang.tr("Theme");
                let dark = &mut self.settings.dark;
                let lang = self.settings.lang;
                let shown = lang.tr(if *dark { "Dark" } else { "Light" });
                egui::ComboBox::from_id_salt("theme")
                    .width(96.0)
                    .selected_text(format!("{}{shown}", lang.tr("Theme: ")))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(dark, true, lang.tr("Dark"));
                        ui.selectable_value(dark, false, lang.tr("Light"));
                    })
                    .response
                    .accessible_name(theme);
            });
            // On a projector the tab bar is full: the toggles end the top bar instead.
            if ui.ctx().content_rect().width() < NARROW {
                self.pane_toggles(ui);
            }
        });
        if let Some(notice) = self.notice.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("⚠ {notice}"))
                        .color(style::ERROR)
                        .strong(),
                );
                if ui.small_button("×").clicked() {
                    self.notice = None;
                }
            });
        }
        if let Some(status) = self.status.clone() {
            ui.horizontal_wrapped(|ui| {
                let text = status.text(self.settings.lang);
                let label = if status.is_problem() {
                    RichText::new(format!("⚠ {text}"))
                        .color(style::ERROR)
                        .strong()
                } else {
                    RichText::new(text).color(style::ACCENT)
                };
                ui.label(label);
                if ui.small_button("×").clicked() {
                    self.status = None;
                }
            });
        }
        if let Some(info) = self.info.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(info).color(style::ACCENT));
                if ui.small_button("×").clicked() {
                    self.info = None;
                }
            });
        }
        // A saved session's README would describe a lab that is not running.
        if let (Some(readme), None) = (&self.lab.readme, &self.session) {
            readme::strip(ui, readme, &self.lab.dir, &mut self.settings);
        }
    }
}

#[cfg(test)]
mod banner_tests;
#[cfg(test)]
mod console_tests;
#[cfg(test)]
mod held_tests;
#[cfg(test)]
mod problems_tests;
#[cfg(test)]
mod sequence_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wording_tests;
