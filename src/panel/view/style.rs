//! Colors and small formatting and layout helpers shared by the views. Colors are mid-tone so
//! they read on both the light and the dark theme.

use eframe::egui::{self, Color32, Visuals};

use crate::journal::Entry;
use crate::panel::model::{field, text, Direction, Flag, Level, Row, RowKind};
use crate::value::preview;

pub const ACCENT: Color32 = Color32::from_rgb(70, 140, 220);
pub const MUTED: Color32 = Color32::from_rgb(140, 140, 140);
pub const ERROR: Color32 = Color32::from_rgb(225, 60, 60);
pub const WARN: Color32 = Color32::from_rgb(220, 140, 20);
pub const OK: Color32 = Color32::from_rgb(40, 160, 90);

/// A color as it reads on the current theme: darker on light backgrounds.
pub fn on(visuals: &Visuals, color: Color32) -> Color32 {
    if visuals.dark_mode {
        color
    } else {
        let [r, g, b, _] = color.to_array();
        let darker = |c: u8| (f32::from(c) * 0.62) as u8;
        Color32::from_rgb(darker(r), darker(g), darker(b))
    }
}

pub fn kind_color(kind: RowKind) -> Color32 {
    match kind {
        RowKind::Send => Color32::from_rgb(60, 130, 230),
        RowKind::Invoke => Color32::from_rgb(160, 90, 220),
        RowKind::SendSync => Color32::from_rgb(200, 80, 170),
        RowKind::Push => Color32::from_rgb(30, 160, 110),
        RowKind::Reply => Color32::from_rgb(40, 150, 160),
        RowKind::Error => ERROR,
        _ => MUTED,
    }
}

pub fn row_color(row: &Row) -> Color32 {
    match (row.flag, Level::of(row)) {
        (Flag::Failed, _) => ERROR,
        (Flag::NoListener, _) => WARN,
        // console.error and console.warn stand out like errors do.
        (_, Some(level @ (Level::Error | Level::Warn))) => level_color(level),
        _ => kind_color(row.kind),
    }
}

pub fn level_color(level: Level) -> Color32 {
    match level {
        Level::Error => ERROR,
        Level::Warn => WARN,
        Level::Info => ACCENT,
        Level::Debug | Level::Log => MUTED,
    }
}

/// `HH:MM:SS.mmm` from the journal's RFC 3339 time.
pub fn clock(time: &str) -> &str {
    time.get(11..23).unwrap_or(time)
}

/// Which side a row came from, for a window: "renderer #1" or "main".
pub fn side(row: &Row) -> String {
    match (text(&row.entry, "process"), row.wc) {
        ("main", _) => "main".into(),
        (_, Some(wc)) => format!("renderer #{wc}"),
        _ => "main".into(),
    }
}

/// The direction column, the same shape on every row: `renderer #1 → main` or
/// `main → renderer #1` for a message, and where it happened (`main`, `renderer #1`) for the
/// rest.
pub fn direction(row: &Row) -> String {
    let renderer = row
        .wc
        .map(|wc| format!("renderer #{wc}"))
        .unwrap_or_else(|| "renderer".into());
    match row.kind.direction() {
        Direction::ToMain => format!("{renderer} → main"),
        Direction::ToRenderer => format!("main → {renderer}"),
        Direction::None => side(row),
    }
}

/// Lays out `add` in a horizontal group that a wrapping row never splits: when the group (as
/// wide as it was last frame) does not fit in what is left of the row, it starts the next one.
pub fn together<R>(
    ui: &mut egui::Ui,
    salt: &'static str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = ui.scope_id().with(("together", salt));
    let last_width: Option<f32> = ui.data(|d| d.get_temp(id));
    let at_row_start = ui.cursor().min.x <= ui.max_rect().min.x + 1.0;
    if let Some(width) = last_width {
        if !at_row_start && ui.available_size_before_wrap().x < width {
            ui.end_row();
        }
    }
    let inner = ui.horizontal(add);
    let width = inner.response.rect.width();
    if last_width != Some(width) {
        ui.data_mut(|d| d.insert_temp(id, width));
        if last_width.is_none() {
            // Not measured before: lay the frame out again with the width known.
            ui.ctx().request_discard("a group's width was measured");
        }
    }
    inner.inner
}

/// Marks what the debugger did to a message or a result: fired from the panel, a replay, held
/// (and edited) at a breakpoint, or changed by a fault. Empty, or `[...] ` ready to prefix.
pub fn marks(entry: &Entry) -> String {
    let mut marks = Vec::new();
    if text(entry, "origin") == "panel" {
        marks.push("panel".to_string());
    }
    if let Some(seq) = field(entry, "replayOf").as_u64() {
        marks.push(format!("replay of #{seq}"));
    }
    if field(entry, "held") == true {
        marks.push(if field(entry, "dropped") == true {
            "held, dropped".to_string()
        } else if field(entry, "editedFrom").is_null() {
            "held".to_string()
        } else {
            "held, edited".to_string()
        });
    }
    let fault = field(entry, "fault");
    if fault.is_object() {
        marks.push(format!("fault {}", preview(fault, 40)));
    }
    if marks.is_empty() {
        String::new()
    } else {
        format!("[{}] ", marks.join("; "))
    }
}

/// A duration given in microseconds, as milliseconds.
pub fn millis(us: u64) -> String {
    format!("{:.2} ms", us as f64 / 1000.0)
}
