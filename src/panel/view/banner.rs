//! The banner over every tab when the lab's main.js cannot start, or its preload did not
//! compile: what is wrong, where (file, line and column, the source line with a caret), and
//! what to do next.

use eframe::egui::{self, RichText};

use super::{style, Action, View};
use crate::lab::CannotStart;
use crate::panel::model::{field, text};

/// How far into a run the core journals that main.js cannot start: before anything else.
const FIRST_ENTRIES: u64 = 3;

/// What the banner says: a title, what is wrong and where, the source excerpt, what to do.
struct Said {
    title: String,
    headline: String,
    excerpt: Option<String>,
    advice: &'static str,
}

/// Draws the banner when this run's main.js could not start or its preload did not compile.
pub fn show(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let Some(said) = main_cannot_start(view).or_else(|| preload_failed(view)) else {
        return;
    };
    egui::Panel::top("cannot-start").show(ui, |ui| {
        let red = style::on(ui.visuals(), style::ERROR);
        egui::Frame::new()
            .fill(red.gamma_multiply(0.12))
            .stroke(egui::Stroke::new(1.5, red))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(said.title)
                            .strong()
                            .size(ui.text_style_height(&egui::TextStyle::Heading))
                            .color(red),
                    );
                    if ui.button(lang.tr("Restart")).clicked() {
                        view.actions.push(Action::Restart);
                    }
                });
                ui.add(
                    egui::Label::new(RichText::new(said.headline).monospace().color(red)).wrap(),
                );
                if let Some(excerpt) = said.excerpt {
                    ui.label(RichText::new(excerpt).monospace());
                }
                ui.label(lang.tr(said.advice));
            });
    });
}

fn main_cannot_start(view: &View) -> Option<Said> {
    let entry = (1..=FIRST_ENTRIES)
        .filter_map(|seq| view.model.row_by_seq(seq))
        .find(|row| field(&row.entry, "cannotStart") == &serde_json::Value::Bool(true))
        .map(|row| row.entry.clone())?;
    let file = text(&entry, "file");
    let first = text(&entry, "text").lines().next().unwrap_or_default();
    // The title says the file cannot start; the line under it says why and where.
    let headline = first
        .strip_prefix(&format!("{file} cannot start: "))
        .unwrap_or(first)
        .to_string();
    let excerpt: Vec<&str> = text(&entry, "text").lines().skip(1).collect();
    Some(Said {
        title: format!("⚠ {file} {}", view.settings.lang.tr("cannot start")),
        headline,
        excerpt: (!excerpt.is_empty()).then(|| excerpt.join("\n")),
        advice: "Nothing of it ran. Fix the file, save it, and press Restart. (Electron would not start this app either.)",
    })
}

/// The preload main found not to compile: `Unable to load preload script: PATH`, the error,
/// and where (the entry's `file`, `line`, `column`, `sourceLine`).
fn preload_failed(view: &View) -> Option<Said> {
    let entry = view.model.preload_failed.as_ref()?;
    let error = text(entry, "text").lines().nth(1).unwrap_or_default();
    let place = match (
        field(entry, "line").as_u64(),
        field(entry, "column").as_u64(),
    ) {
        (Some(line), Some(column)) => Some((line as usize, column as usize)),
        _ => None,
    };
    let said = CannotStart {
        file: text(entry, "file").to_string(),
        error: error.to_string(),
        place,
        source_line: field(entry, "sourceLine").as_str().map(str::to_string),
    };
    let headline = match place {
        Some((line, column)) => format!("{error} ({}:{line}:{column})", said.file),
        None => error.to_string(),
    };
    Some(Said {
        title: format!("⚠ {} {}", said.file, view.settings.lang.tr("did not run")),
        headline,
        excerpt: said.excerpt(),
        advice: "The page still loaded, without the preload: nothing it exposes is there. Fix the file, save it, and press Restart.",
    })
}
