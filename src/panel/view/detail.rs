//! The detail pane: every field of the selected row, its args and result as a tree and as
//! pretty JSON (selectable and copyable), the paired request/result, sender window and timing.

use std::sync::Arc;

use eframe::egui::{self, RichText};
use serde_json::Value;

use super::{glossary, json, style, View};
use crate::journal::{Entry, Kind, Outcome};
use crate::panel::explain;
use crate::panel::i18n::Lang;
use crate::panel::model::sequence::Initiator;
use crate::panel::model::{field, text, Direction, Row, WindowState};
use crate::panel::source::{Lookup, Problem};
use crate::value::preview;

/// A string field is shown up to this many characters.
const MAX_FIELD_CHARS: usize = 4_000;
/// Pretty JSON shown in the pane is cut here (the copy button copies all of it).
const MAX_SHOWN_JSON: usize = 20_000;

/// Pretty JSON of the selected row, made once per selection rather than every frame.
#[derive(Default)]
pub struct Cache {
    seq: Option<(u64, bool)>,
    args: String,
    result: String,
}

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    ui.horizontal(|ui| {
        ui.heading(lang.tr("Detail"));
        if ui
            .small_button(lang.tr("Hide"))
            .on_hover_text(lang.tr("Hide the detail pane"))
            .clicked()
        {
            view.settings.detail_open = false;
        }
    });
    let Some(row) = view.selected.and_then(|i| view.model.row(i)).cloned() else {
        ui.label(if view.tab == super::Tab::Sequence {
            lang.tr("Click an arrow to see what happened and the code behind it.")
        } else {
            lang.tr("Select a row to see every field.")
        });
        return;
    };
    let row = crate::panel::model::with_full_values(row);
    let key = (row.seq, row.result.is_some());
    if view.detail.seq != Some(key) {
        let request_value = if row.is_lone_result() {
            &Value::Null
        } else {
            field(&row.entry, "args")
        };
        view.detail.args = pretty(request_value);
        view.detail.result = row
            .answer()
            .map(|r| match r.get("error") {
                Some(e) => pretty(e),
                None => pretty(field(r, "result")),
            })
            .unwrap_or_default();
        view.detail.seq = Some(key);
    }
    egui::ScrollArea::vertical()
        .id_salt("detail")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "#{}  {}  {}",
                    row.seq,
                    row.kind.label(),
                    row.channel.as_deref().unwrap_or_default()
                ))
                .strong()
                .size(16.0)
                .color(style::on(ui.visuals(), style::row_color(&row))),
            );
            ui.label(RichText::new(style::direction(&row)).monospace());
            // What the debugger did, to the request and to its result alike.
            let request_marks = style::marks(&row.entry);
            if !request_marks.is_empty() && !row.is_lone_result() {
                ui.label(RichText::new(request_marks.trim_end()).color(style::WARN));
            }
            if let Some(answer) = row.answer() {
                let result_marks = style::marks(answer);
                if !result_marks.is_empty() {
                    let title = lang.tr("Result");
                    ui.label(
                        RichText::new(format!("{title} {}", result_marks.trim_end()))
                            .color(style::WARN),
                    );
                }
            }
            let replayable = row.entry_kind.is_some_and(Kind::is_replayable);
            if replayable
                && ui
                    .button(lang.tr("Replay…"))
                    .on_hover_text(lang.tr("Deliver this message again, arguments editable"))
                    .clicked()
            {
                let entry = row.entry.clone();
                view.replay(&entry);
            }
            if row.pending() {
                ui.label(RichText::new(format!("… {}", lang.tr("pending"))).color(style::WARN));
            }
            let words = explain::explain(&view.model, &row, lang);
            if !words.is_empty() {
                section(ui, lang.tr("What happened"), |ui| {
                    for sentence in &words {
                        ui.add(egui::Label::new(sentence).wrap());
                    }
                });
            }
            code(view, ui, &row);
            ends(view, ui, &row);
            section(ui, lang.tr("Timing"), |ui| {
                // A timestamp is one unit: cut (whole on hover) rather than wrapped mid-string.
                let time = |t: String| egui::Label::new(RichText::new(t).monospace()).truncate();
                ui.add(time(text(&row.entry, "time").to_string()))
                    .on_hover_text(glossary::tip("time", lang).unwrap_or_default());
                if let Some(result) = &row.result {
                    ui.add(time(format!("→ {}", text(result, "time"))));
                }
                if let Some(us) = row.duration_us() {
                    ui.label(RichText::new(style::millis(us)).strong());
                }
            });
            let request_title = if row.result.is_some() {
                lang.tr("Request")
            } else {
                lang.tr("Fields")
            };
            fields(ui, request_title, &row.entry, lang);
            if !row.is_lone_result() && row.entry.contains_key("args") {
                value_view(
                    ui,
                    lang.tr("Args"),
                    "args",
                    &row.entry,
                    &view.detail.args,
                    lang,
                );
            }
            if let Some(result) = &row.result {
                fields(ui, lang.tr("Result"), result, lang);
            }
            if let Some(answer) = row.answer() {
                let failed = Outcome::failed(answer);
                let title = if failed {
                    lang.tr("Error")
                } else {
                    lang.tr("Result")
                };
                let key = if failed { "error" } else { "result" };
                value_view(ui, title, key, answer, &view.detail.result, lang);
            }
        });
}

/// Each end of the row by its role: who sent a message and who it went to, or where a console
/// line, an error or a listener change happened.
fn ends(view: &View, ui: &mut egui::Ui, row: &Row) {
    let lang = view.settings.lang;
    let main = |ui: &mut egui::Ui| {
        ui.label(format!("main  ({})", lang.tr("the main process")))
            .on_hover_text(glossary::tip("main", lang).unwrap_or_default());
    };
    let window = |ui: &mut egui::Ui| match row.wc {
        Some(wc) => {
            let window = view.model.windows.get(wc);
            let state = window.map(|w| match w.state {
                WindowState::Loading => lang.tr("loading"),
                WindowState::Loaded => lang.tr("alive"),
                WindowState::Closed => lang.tr("closed"),
                WindowState::Crashed => lang.tr("crashed"),
            });
            ui.label(format!("renderer #{wc}  {}", state.unwrap_or_default()))
                .on_hover_text(glossary::tip("renderer", lang).unwrap_or_default());
            if let Some(w) = window {
                ui.add(egui::Label::new(RichText::new(&w.url).monospace().small()).truncate());
                if let Some(pid) = w.pid {
                    ui.label(format!("pid {pid}"))
                        .on_hover_text(glossary::tip("pid", lang).unwrap_or_default());
                }
            }
        }
        None => main(ui),
    };
    match row.kind.direction() {
        Direction::ToMain => {
            section(ui, lang.tr("From"), window);
            section(ui, lang.tr("To"), main);
        }
        Direction::ToRenderer => {
            section(ui, lang.tr("From"), main);
            section(ui, lang.tr("To"), window);
        }
        Direction::None => {
            let in_main = text(&row.entry, "process") == "main" || row.wc.is_none();
            if in_main {
                section(ui, lang.tr("Where"), main);
            } else {
                section(ui, lang.tr("Where"), window);
            }
        }
    }
}

/// The lab's lines behind the row: where it was sent, and the handler or listener that got it.
fn code(view: &View, ui: &mut egui::Ui, row: &Row) {
    let lang = view.settings.lang;
    let mut places: Vec<(&'static str, Initiator)> = Vec::new();
    let request_title = if row.entry_kind == Some(Kind::Listener) {
        "Registered here"
    } else {
        "Sent here"
    };
    if let Some(at) = Initiator::of(&row.entry) {
        places.push((request_title, at));
    }
    let step = view
        .model
        .sequence
        .step_by_seq(row.seq)
        .and_then(|i| view.model.sequence.step(i));
    if let Some(receiver) = step
        .and_then(|s| s.arrow())
        .and_then(|a| a.receiver.as_deref())
        .and_then(Initiator::of)
    {
        places.push(("Received here", receiver));
    }
    if let Some(answered) = row.result.as_deref().and_then(Initiator::of) {
        // The same line again (a handler that answers where it was registered) says nothing new.
        if !places
            .iter()
            .any(|(_, p)| p.file == answered.file && p.line == answered.line)
        {
            places.push(("Answered here", answered));
        }
    }
    if places.is_empty() {
        return;
    }
    section(ui, lang.tr("The code"), |ui| {
        for (title, at) in places {
            let function = at
                .function
                .as_deref()
                .map(|f| format!("  {f}()"))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!("{}  {}{function}", lang.tr(title), at.place())).strong(),
            );
            let wake = ui.ctx().clone();
            match view
                .sources
                .snippet(&view.lab.dir, &at.file, at.line, move || {
                    wake.request_repaint()
                }) {
                Lookup::Reading => {
                    ui.label(RichText::new(lang.tr("reading the file…")).color(style::MUTED));
                }
                Lookup::Problem(problem) => {
                    let why = match problem {
                        Problem::Missing => lang.tr("the file is not in the lab folder"),
                        Problem::Outside => lang.tr("the file is outside the lab folder"),
                        Problem::Binary => lang.tr("the file is not text"),
                        Problem::TooLarge => lang.tr("the file is too large to show"),
                        Problem::NoSuchLine => lang.tr("the file has changed since"),
                        Problem::Unreadable(_) => lang.tr("the file cannot be read"),
                    };
                    ui.label(RichText::new(why).color(style::MUTED));
                }
                Lookup::Lines(snippet) => {
                    egui::Frame::new()
                        .fill(ui.visuals().extreme_bg_color)
                        .inner_margin(4.0)
                        .show(ui, |ui| {
                            for (n, line) in &snippet.lines {
                                let marked = *n == snippet.marked;
                                let mark = if marked { "▶" } else { " " };
                                let mut t =
                                    RichText::new(format!("{mark}{n:>4} │ {line}")).monospace();
                                if marked {
                                    t = t.strong().background_color(ui.visuals().selection.bg_fill);
                                } else {
                                    t = t.color(style::MUTED);
                                }
                                ui.add(egui::Label::new(t).wrap());
                            }
                        });
                }
            }
        }
    });
}

fn section(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong());
    ui.indent(title, add);
}

/// Every field of an entry, one per line, each name explained on hover.
fn fields(ui: &mut egui::Ui, title: &str, entry: &Arc<Entry>, lang: Lang) {
    section(ui, title, |ui| {
        egui::Grid::new((title, text(entry, "seq")))
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (key, value) in entry.iter() {
                    let name = ui.label(RichText::new(key).monospace().color(style::MUTED));
                    if let Some(tip) = glossary::tip(key, lang) {
                        name.on_hover_text(tip);
                    }
                    let shown = match value {
                        // Whole, up to a point: a multi-megabyte field must not be laid out
                        // every frame (the JSON view below has it all).
                        Value::String(s) => match s.char_indices().nth(MAX_FIELD_CHARS) {
                            Some((cut, _)) => format!("{}…", &s[..cut]),
                            None => s.clone(),
                        },
                        other => preview(other, 200),
                    };
                    ui.add(egui::Label::new(RichText::new(shown).monospace()).wrap());
                    ui.end_row();
                }
            });
    });
}

/// A value as a collapsible tree and as pretty JSON with a copy button.
fn value_view(
    ui: &mut egui::Ui,
    title: &str,
    key: &str,
    entry: &Arc<Entry>,
    pretty: &str,
    lang: Lang,
) {
    let value = field(entry, key);
    section(ui, title, |ui| {
        let id = ui
            .scope_id()
            .with((key, text(entry, "seq"), field(entry, "seq").as_u64()));
        json::tree(ui, id, key, value);
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Copy JSON")).clicked() {
                ui.ctx().copy_text(pretty.to_string());
            }
        });
        let shown = match pretty.char_indices().nth(MAX_SHOWN_JSON) {
            Some((cut, _)) => format!("{}\n…", &pretty[..cut]),
            None => pretty.to_string(),
        };
        let theme = egui_extras::syntax_highlighting::CodeTheme::from_style(ui.style());
        egui_extras::syntax_highlighting::code_view_ui(ui, &theme, &shown, "json");
    });
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
