//! The Problems tab: the IPC mistakes found while the lab runs, each in plain words (what
//! happened, why it matters, the usual fix) with the log rows involved, and the tab's label
//! with the count. Its words are written in English here, with their Chinese in `i18n/problems.rs`.

use eframe::egui::{self, text::LayoutJob, RichText, TextFormat};

use super::{style, Tab, View};
use crate::panel::i18n::Lang;
use crate::panel::model::problems::{Problem, ProblemKind};
use crate::panel::model::Model;

/// Problems drawn (each a few lines, laid out every frame); the rest are counted.
const CARDS_SHOWN: usize = 100;
/// Row buttons shown per problem; the rest are counted.
const ROWS_SHOWN: usize = 40;

/// What a beginner reads about one kind of mistake: a title, what happened, the usual fix.
/// `{name}` is the channel (or URL, or key), `{count}` how many, `{detail}` what the journal
/// adds (the value that could not be cloned).
struct Words {
    title: &'static str,
    what: &'static str,
    fix: &'static str,
}

fn words(kind: ProblemKind) -> Words {
    let (title, what, fix) = match kind {
        ProblemKind::PushBeforeListener => (
            "A message reached the page before it was listening",
            "main.js sent '{name}' to the page with webContents.send, but the page had not registered ipcRenderer.on('{name}') yet, so the message was thrown away without any error. The page started listening only afterwards (electron#35383).",
            "Send once the page is ready: in win.webContents.on('did-finish-load', …), or let the page ask for the data with invoke once its listener is registered.",
        ),
        ProblemKind::PushUnheard => (
            "Nobody in the page listens to this channel",
            "main.js sent '{name}' to the page (webContents.send or event.reply), but the page has no ipcRenderer.on('{name}') listener, so the message was dropped. Electron gives no error for this.",
            "Check that main.js and the preload spell the channel the same way, and that the preload calls ipcRenderer.on('{name}', …).",
        ),
        ProblemKind::NoHandler => (
            "invoke has no handler in main",
            "The page called ipcRenderer.invoke('{name}'), but main.js never registered ipcMain.handle('{name}'), so the page's promise was rejected with \"No handler registered for '{name}'\".",
            "Add ipcMain.handle('{name}', (event, ...args) => { … }) to main.js, with exactly the channel name the preload uses. ipcMain.on does not answer invoke.",
        ),
        ProblemKind::LateHandler => (
            "The handler was registered too late",
            "The page called invoke('{name}') before main.js had registered ipcMain.handle('{name}'). Those calls failed with \"No handler registered\"; the handler came only afterwards (electron#26495).",
            "Register handlers before the window loads its page: at the top of main.js, or in app.whenReady() before new BrowserWindow(…), not after an await or inside another event.",
        ),
        ProblemKind::SecondHandler => (
            "A second handler on one channel",
            "ipcMain.handle('{name}') ran while the channel already had a handler. A channel has only one handler, so Electron threw \"Attempted to register a second handler for '{name}'\" and the rest of that code did not run.",
            "Register each handler once, outside createWindow or any code that runs more than once; or call ipcMain.removeHandler('{name}') before registering it again.",
        ),
        ProblemKind::NoReturnValue => (
            "sendSync never got a returnValue",
            "The page called ipcRenderer.sendSync('{name}') and froze while it waited. main.js's listener ran but never set event.returnValue (a return statement does not count). Electron would leave the page frozen; ipcscope let it go on with undefined after 10 s (electron#31321).",
            "In the ipcMain.on('{name}') listener, set event.returnValue = value. Better: use invoke with ipcMain.handle, whose return value is the answer and which does not freeze the page.",
        ),
        ProblemKind::SendUnheard => (
            "Nobody in main listens to this channel",
            "The page sent '{name}' to main.js, but main.js has no ipcMain.on('{name}') listener, so nothing happened. Electron gives no error for this.",
            "Check that the preload and main.js spell the channel the same way, and add ipcMain.on('{name}', (event, ...args) => { … }) to main.js. If the page needs an answer, use invoke with ipcMain.handle.",
        ),
        ProblemKind::ListenerLeak => (
            "Listeners keep piling up",
            "The same line of code registered a listener on '{name}' {count} times and never removed the old ones, so every message on that channel now runs {count} listeners. This happens when on(…) is called on every click or every time a view is shown (the pattern of electron#33328).",
            "Register the listener once (in the preload, or when the page starts), or remove the old one with removeListener before adding a new one.",
        ),
        ProblemKind::NotCloneable => (
            "A value could not be copied to the other process",
            "IPC copies every argument and result with the structured clone algorithm, which cannot copy functions, Promises, Symbols or DOM elements. Here: {detail}. So the message was not sent (Electron says \"An object could not be cloned.\").",
            "Send plain data only: strings, numbers, arrays, plain objects, Dates, Maps. Keep functions on the side that calls them (for example, keep the callback in the preload and send only its data).",
        ),
        ProblemKind::IpcRendererExposed => (
            "The whole ipcRenderer is given to the page",
            "The preload passed ipcRenderer itself to contextBridge.exposeInMainWorld('{name}', …). Any script in the page could then send on any channel, which undoes the protection the preload is there for (electron#20307). It does not even work: its methods live on its prototype, so the page gets an almost empty object.",
            "Expose one small function per action, each on one channel: contextBridge.exposeInMainWorld('electronAPI', { setTitle: (title) => ipcRenderer.send('set-title', title) }).",
        ),
        ProblemKind::LeftTheLab => (
            "The page tried to leave the lab",
            "The page tried to open {name} (a link, a form, location.href or window.open). A lab's pages may open only the lab's own files, so the page stayed where it was. In an app, a page that can go anywhere takes the preload's powers with it to a page nobody checked.",
            "Open outside links in the system's browser (shell.openExternal in Electron), and stop the rest in main.js: win.webContents.on('will-navigate', (event) => event.preventDefault()).",
        ),
    };
    Words { title, what, fix }
}

/// A page kept from leaving by main.js's `will-navigate` listener rather than by ipcscope.
const STOPPED_BY_MAIN_JS: Words = Words {
    title: "main.js kept the page where it was",
    what: "The page tried to open {name} (a link, a form, location.href or window.open), and main.js's will-navigate listener stopped it with event.preventDefault(), so the page stayed where it was. That is the usual guard against a page leaving the app.",
    fix: "If the page should go there, let that URL through in the will-navigate listener; a link to a web site is better opened in the system's browser (shell.openExternal in Electron).",
};

/// One problem in words, in `lang`: its title, what happened, and the fix.
pub struct Explained {
    pub title: &'static str,
    pub what: String,
    pub fix: String,
}

pub fn explain(problem: &Problem, lang: Lang) -> Explained {
    let words = words(problem.kind);
    let detail = if problem.details.is_empty() {
        lang.tr("the journal does not say which value").to_string()
    } else {
        problem.details.join("; ")
    };
    let fill = |text: &'static str| {
        lang.tr(text)
            .replace("{name}", &problem.subject)
            .replace("{count}", &problem.count.to_string())
            .replace("{detail}", &detail)
    };
    // main.js's own will-navigate listener stopped the page: its guard worked.
    let words = if problem.kind == ProblemKind::LeftTheLab && problem.details == ["will-navigate"] {
        STOPPED_BY_MAIN_JS
    } else {
        words
    };
    let mut what = fill(words.what);
    if problem.kind == ProblemKind::SendUnheard && problem.details.iter().any(|d| d == "sendSync") {
        what.push(' ');
        what.push_str(
            lang.tr("With sendSync the page also froze, waiting for an answer that never came."),
        );
    }
    Explained {
        title: lang.tr(words.title),
        what,
        fix: fill(words.fix),
    }
}

/// The tab's label: `Problems` and, once there are some, how many, in the warning colour.
pub fn tab_text(model: &Model, lang: Lang, ui: &egui::Ui) -> egui::WidgetText {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let plain = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    job.append(
        lang.tr("Problems"),
        0.0,
        TextFormat::simple(font.clone(), plain),
    );
    let count = model.problems.len();
    if count > 0 {
        let warn = style::on(ui.visuals(), style::WARN);
        job.append(&format!("  ⚠ {count}"), 0.0, TextFormat::simple(font, warn));
    }
    job.into()
}

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(lang.tr("ipcscope watches every message while the lab runs and points out common IPC mistakes. Click a row number to see that row in the log."))
                    .color(style::MUTED),
            );
            ui.add_space(6.0);
            if view.model.problems.is_empty() {
                nothing_yet(ui, lang);
                return;
            }
            let mut chosen = None;
            let list = view.model.problems.list();
            for (n, problem) in list.iter().enumerate().take(CARDS_SHOWN) {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.push_id(n, |ui| {
                        if let Some(seq) = card(ui, &view.model, problem, lang) {
                            chosen = Some(seq);
                        }
                    });
                });
                ui.add_space(4.0);
            }
            if list.len() > CARDS_SHOWN {
                let more = list.len() - CARDS_SHOWN;
                ui.label(RichText::new(format!("… +{more} {}", lang.tr("more"))).color(style::MUTED));
            }
            if let Some(index) = chosen {
                select(view, index);
            }
        });
}

/// Before any mistake: what ipcscope looks for, so a learner knows what the tab is for.
fn nothing_yet(ui: &mut egui::Ui, lang: Lang) {
    ui.label(RichText::new(lang.tr("No problems found so far.")).strong());
    ui.label(lang.tr("It looks for these mistakes:"));
    for kind in ProblemKind::ALL {
        ui.label(format!("• {}", lang.tr(words(kind).title)));
    }
}

/// One problem; returns the index of the row the user clicked, if any.
fn card(ui: &mut egui::Ui, model: &Model, problem: &Problem, lang: Lang) -> Option<usize> {
    let words = explain(problem, lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("⚠").color(style::on(ui.visuals(), style::WARN)));
        ui.label(RichText::new(words.title).strong());
        if !problem.subject.is_empty() {
            ui.label(
                RichText::new(&problem.subject)
                    .monospace()
                    .color(style::ACCENT),
            );
        }
        let count = match problem.kind {
            ProblemKind::ListenerLeak => {
                format!("{} {}", problem.count, lang.tr("listeners at once"))
            }
            _ => format!("×{}", problem.count),
        };
        ui.label(RichText::new(count).color(style::MUTED));
    });
    ui.label(words.what);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.tr("How to fix:")).strong());
        ui.label(words.fix);
    });
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.tr("Rows in the log:")).color(style::MUTED));
        for &seq in problem.rows.iter().take(ROWS_SHOWN) {
            let index = model.row_index(seq);
            let button = ui.add_enabled(
                index.is_some(),
                egui::Button::new(format!("#{seq}")).small(),
            );
            let button = match index {
                Some(_) => button.on_hover_text(lang.tr("Show this row in the log")),
                None => button.on_disabled_hover_text(lang.tr("This row is no longer in the log.")),
            };
            if button.clicked() {
                chosen = index;
            }
        }
        if problem.rows.len() > ROWS_SHOWN {
            let more = problem.rows.len() - ROWS_SHOWN;
            ui.label(RichText::new(format!("… +{more} {}", lang.tr("more"))).color(style::MUTED));
        }
    });
    chosen
}

/// Selects row `index` in the log and goes there, showing its kind if the filter hid it.
fn select(view: &mut View, index: usize) {
    if let Some(row) = view.model.row(index) {
        view.filter.set_shown(row.kind, true);
    }
    view.selected = Some(index);
    view.tab = Tab::Log;
}
