//! The live message log: a filter bar and a table that lays out only the rows in view, newest
//! at the bottom, following the tail unless the user scrolled up or paused.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::{style, Action, View};
use crate::journal::Outcome;
use crate::panel::model::{field, text, Flag, Row, RowKind};
use crate::value::preview;

const PREVIEW_CHARS: usize = 160;

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    filter_bar(view, ui);
    ui.separator();
    table(view, ui);
}

fn filter_bar(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("Kinds"));
        for kind in RowKind::ALL {
            let mut shown = view.filter.shows(kind);
            let label =
                RichText::new(kind.label()).color(style::on(ui.visuals(), style::kind_color(kind)));
            if ui.toggle_value(&mut shown, label).changed() {
                view.filter.set_shown(kind, shown);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("Channel"));
        let current = view
            .filter
            .channel
            .clone()
            .unwrap_or_else(|| lang.tr("all").into());
        egui::ComboBox::from_id_salt("channel")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.channel, None, lang.tr("all"));
                for channel in view.model.channels() {
                    ui.selectable_value(
                        &mut view.filter.channel,
                        Some(channel.to_string()),
                        channel,
                    );
                }
            })
            .response
            .accessible_name(lang.tr("Channel"));
        ui.label(lang.tr("Window"));
        let current = view
            .filter
            .window
            .map(|wc| format!("#{wc}"))
            .unwrap_or_else(|| lang.tr("all").into());
        egui::ComboBox::from_id_salt("window")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.window, None, lang.tr("all"));
                for wc in view.model.windows.by_id.keys() {
                    ui.selectable_value(&mut view.filter.window, Some(*wc), format!("#{wc}"));
                }
            })
            .response
            .accessible_name(lang.tr("Window"));
        ui.add(
            egui::TextEdit::singleline(&mut view.filter.text)
                .hint_text(lang.tr("Search args"))
                .desired_width(180.0),
        )
        .accessible_name(lang.tr("Search args"));
        ui.separator();
        let paused = view.paused_at.is_some();
        let label = if paused {
            lang.tr("Resume")
        } else {
            lang.tr("Pause")
        };
        if ui.selectable_label(paused, label).clicked() {
            view.paused_at = if paused {
                None
            } else {
                Some(view.model.shown())
            };
        }
        if ui.button(lang.tr("Clear")).clicked() {
            view.actions.push(Action::Clear);
        }
        ui.label(
            RichText::new(format!(
                "{} {} / {} {}",
                view.model.shown(),
                lang.tr("shown"),
                view.model.total(),
                lang.tr("total")
            ))
            .strong(),
        );
    });
}

fn table(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let shown = match view.paused_at {
        Some(at) => at.min(view.model.shown()),
        None => view.model.shown(),
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 6.0;
    let mut clicked = None;
    let mut moved = arrow_keys(view, ui, shown);
    // Selected elsewhere (an arrow in the diagram): bring the row into view.
    if view.selected != view.log_seen {
        moved = moved.or_else(|| {
            view.selected
                .and_then(|i| view.model.visible_position(i))
                .filter(|p| *p < shown)
        });
    }
    let visuals = ui.visuals().clone();
    let mut table = TableBuilder::new(ui);
    if let Some(position) = moved {
        table = table.scroll_to_row(position, None);
    }
    table
        .id_salt("log")
        .striped(true)
        .sense(egui::Sense::click())
        .stick_to_bottom(view.paused_at.is_none())
        .auto_shrink(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(56.0))
        .column(Column::exact(104.0))
        .column(Column::initial(160.0).at_least(80.0).clip(true))
        .column(Column::initial(72.0).at_least(50.0))
        .column(Column::initial(120.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::exact(84.0))
        .header(row_height, |mut header| {
            for title in [
                "#",
                "Time",
                "Direction",
                "Kind",
                "Channel",
                "Args / result",
                "Duration",
            ] {
                header.col(|ui| {
                    ui.strong(lang.tr(title));
                });
            }
        })
        .body(|body| {
            body.rows(row_height, shown, |mut table_row| {
                let Some((index, row)) = view.model.visible_row(table_row.index()) else {
                    return;
                };
                let selected = view.selected == Some(index);
                table_row.set_selected(selected);
                let color = style::on(&visuals, style::row_color(row));
                let strong = row.flag == Flag::Failed;
                let cell = |t: String| {
                    let t = RichText::new(t).monospace().color(color);
                    if strong {
                        t.strong()
                    } else {
                        t
                    }
                };
                table_row.col(|ui| {
                    if ui
                        .selectable_label(selected, format!("{}", row.seq))
                        .clicked()
                    {
                        clicked = Some(index);
                    }
                });
                table_row.col(|ui| {
                    ui.label(RichText::new(style::clock(text(&row.entry, "time"))).monospace());
                });
                table_row.col(|ui| {
                    ui.label(cell(style::direction(row)));
                });
                table_row.col(|ui| {
                    ui.label(cell(row.kind.label().into()));
                });
                table_row.col(|ui| {
                    ui.label(cell(row.channel.as_deref().unwrap_or_default().into()));
                });
                table_row.col(|ui| {
                    if row.flag == Flag::NoListener {
                        ui.label(
                            RichText::new(format!("⚠ {}", lang.tr("no listener")))
                                .color(style::WARN)
                                .strong(),
                        );
                    }
                    ui.label(cell(summary(row)));
                });
                table_row.col(|ui| {
                    if row.pending() {
                        ui.label(
                            RichText::new(format!("… {}", lang.tr("pending"))).color(style::WARN),
                        );
                    } else if let Some(us) = row.duration_us() {
                        ui.label(RichText::new(style::millis(us)).monospace());
                    }
                });
                if table_row.response().clicked() {
                    clicked = Some(index);
                }
            });
        });
    if let Some(index) = clicked {
        view.selected = Some(index);
    }
    view.log_seen = view.selected;
}

/// Up and down move the selection through the shown rows (when no text field has focus);
/// returns the new position to scroll to.
fn arrow_keys(view: &mut View, ui: &egui::Ui, shown: usize) -> Option<usize> {
    if shown == 0 || ui.ctx().text_edit_focused() {
        return None;
    }
    let (up, down) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
        )
    });
    if !up && !down {
        return None;
    }
    let current = view.selected.and_then(|i| view.model.visible_position(i));
    let position = match (current, down) {
        (None, _) => shown - 1,
        (Some(p), true) => (p + 1).min(shown - 1),
        (Some(p), false) => p.saturating_sub(1),
    };
    view.selected = view.model.visible_row(position).map(|(index, _)| index);
    Some(position)
}

/// The one-line preview: args, and for a paired row `→ result` or `✖ error`.
pub fn summary(row: &Row) -> String {
    let entry = &row.entry;
    match row.kind {
        RowKind::Console | RowKind::Error => {
            let t = text(entry, "text");
            let first = t.lines().next().unwrap_or_default();
            let level = text(entry, "level");
            let line = if level.is_empty() {
                first.to_string()
            } else {
                format!("[{level}] {first}")
            };
            if t.lines().nth(1).is_some() {
                format!("{line} …")
            } else {
                line
            }
        }
        RowKind::Lifecycle => {
            let mut parts = vec![text(entry, "event").to_string()];
            for key in ["key", "url", "pid", "reason", "exitCode"] {
                let v = field(entry, key);
                if !v.is_null() {
                    parts.push(format!("{key}={}", preview(v, 80)));
                }
            }
            parts.join(" ")
        }
        RowKind::Listener => format!("{}.{}", text(entry, "process"), text(entry, "op")),
        _ => {
            // A result whose request is not in the log has no args to show.
            let request = if row.is_lone_result() {
                String::from("…")
            } else {
                format!(
                    "{}{}",
                    style::marks(entry),
                    preview(field(entry, "args"), PREVIEW_CHARS)
                )
            };
            // What the debugger did to the result shows after the arrow, as for the request.
            match row.answer() {
                Some(result) if Outcome::failed(result) => format!(
                    "{request} → {}⚠ {}",
                    style::marks(result),
                    text(result, "error")
                ),
                Some(result) => format!(
                    "{request} → {}{}",
                    style::marks(result),
                    preview(field(result, "result"), PREVIEW_CHARS)
                ),
                None => request,
            }
        }
    }
}
